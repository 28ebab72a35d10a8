/*
 * Web stage: the program's intranet page.  An HTTP server (libmicrohttpd,
 * one thread per connection so that a slow client holds only its own)
 * that serves server-rendered pages by role, the PDFs a person may see,
 * one stylesheet, and nothing else.  Every act goes through the workflow
 * stage's functions, as the command line's do, with the acting person
 * taken from the session and the audit told it came from the web.
 *
 * TLS is a reverse proxy's job (docs/operations.md); the server binds
 * where it is told.
 */
#ifndef RP_WEB_H
#define RP_WEB_H

#include <stdint.h>

#include "batch/batch.h"
#include "common/error.h"

struct rp_web_options {
    const char *listen;    /* "127.0.0.1:8080" (host:port; [v6]:port) */
    const char *state_dir; /* the store: STATE/reportpipe.db */
    /* config, input, output, templates: the renderer.  Borrowed. */
    const struct rp_batch_options *batch;
    /* Polled a few times a second; non-zero: shut down. */
    int (*stop)(void *ctx);
    void *stop_ctx;
    /* The workflow's clock: NULL means time(); tests pass --today. */
    int64_t (*clock)(void *ctx);
    void *clock_ctx;
    /* Mark the session cookie Secure even without X-Forwarded-Proto. */
    int secure_cookies;
    /* Called once listening, with the URL ("http://127.0.0.1:PORT"). */
    void (*on_listening)(void *ctx, const char *url);
    void *on_listening_ctx;
};

/*
 * Serves until o->stop says so, then waits for the requests in flight.
 * An address that does not parse is RP_ERR_USAGE; one that cannot be
 * bound is RP_ERR_INTERNAL naming it.
 */
enum rp_status rp_web_serve(const struct rp_web_options *o,
                            struct rp_error *err) RP_MUST_CHECK;

#endif
