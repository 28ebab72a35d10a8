/*
 * What the web stage's files share: the parsers of outside input (form
 * bodies, cookies, paths: form.c), the one escaping function and the page
 * layout (html.c), the request and response a page handler sees
 * (server.c), and the pages (pages_*.c).
 */
#ifndef RP_WEB_INTERNAL_H
#define RP_WEB_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "batch/batch.h"
#include "common/buf.h"
#include "web.h"
#include "workflow/workflow.h"

/* A request body larger than this is refused (413) unread. */
#define WEB_MAX_BODY ((size_t)1 << 20)
#define WEB_MAX_FIELDS 64
#define WEB_MAX_SEGMENTS 8
#define WEB_MAX_PATH 1024
#define WEB_TOKEN_MAX 128 /* the longest cookie value taken */

/* ---- form.c: parsing what comes from outside ---- */

struct web_field {
    char *name, *value; /* NUL-terminated, decoded; value may hold NULs */
    size_t len;         /* of value */
};
struct web_form {
    struct web_field items[WEB_MAX_FIELDS];
    size_t n;
};

/*
 * application/x-www-form-urlencoded (also a query string): '+' is a
 * space, %XX a byte.  -1 when malformed (a bad escape, a field without a
 * name, more than WEB_MAX_FIELDS fields); the form is then empty.  The
 * form owns its strings: release it with web_form_release().
 */
int web_form_urlencoded(struct web_form *f, const char *data, size_t len);
/*
 * multipart/form-data with the boundary of content_type.  Only named
 * fields; a file part's bytes are kept as its value.  -1 when malformed
 * (no boundary, a part without headers' end, no closing delimiter).
 */
int web_form_multipart(struct web_form *f, const char *content_type,
                       const char *data, size_t len);
void web_form_release(struct web_form *f);
/* The field's value, or NULL; a value holding a NUL is treated as absent
 * (no page wants one). */
const char *web_form_get(const struct web_form *f, const char *name);

/* The cookie's value from a Cookie header into out (at most size-1
 * bytes of [A-Za-z0-9_-]); 1 when found and well-formed, else 0. */
int web_cookie_get(const char *header, const char *name, char *out,
                   size_t size);

/*
 * Splits a request path as it came on the wire (not decoded) into
 * segments, each percent-decoded into buf: -1 for what no page has (no
 * leading '/', an empty segment but a trailing one, ".", "..", an
 * encoded '/' or '\', a NUL or control byte, a bad escape, too many or
 * too long).  "/" has 0 segments.
 */
int web_path_split(const char *raw, char *buf, size_t size,
                   const char *segs[WEB_MAX_SEGMENTS]);

/* A "next" target after sign-in: a local path ("/...", not "//"), of
 * printable ASCII; 1 when safe to redirect to. */
int web_local_path(const char *next);

/* Constant-time comparison of the form's token with the session's; 0
 * when either is missing or empty. */
int web_csrf_ok(const char *expected, const char *given);

/* ---- html.c: the one escaping function, the layout ---- */

/* Appends text to out with & < > " ' escaped; 0 on overflow. */
int web_html_escape(struct rp_buf *out, const char *text);
/* Appends len bytes of trusted markup. */
void web_put(struct rp_buf *out, const char *s, size_t len);
/*
 * Appends markup: fmt's %s arguments are escaped, %S are trusted markup
 * (literals of this stage), %d ints, %% a percent sign.  Nothing else.
 */
void web_html(struct rp_buf *out, const char *fmt, ...);
extern const char web_stylesheet[];

/* ---- server.c: the request a page sees and what it answers ---- */

struct web_server {
    const struct rp_web_options *o;
    char db_path[1024], people_path[1024];
    char output_real[4096]; /* realpath of OUTPUT: PDFs must lie under it */
    char state_dir[1024];
    /* The CRM's accounts (id, name, owner), read once for the sales
     * reps' forms. */
    pthread_mutex_t lock;
    struct web_account *accounts;
    size_t n_accounts;
    int accounts_read;
};

struct web_account {
    char *id, *name, *owner, *tier, *country;
};

struct web_request {
    struct web_server *srv;
    const char *method;
    int post;
    const char *segs[WEB_MAX_SEGMENTS];
    int n_segs;
    char path[WEB_MAX_PATH]; /* the raw path, for next= */
    char segbuf[WEB_MAX_PATH];
    char address[64]; /* the client's address */
    char via[80];     /* "web ADDRESS" */
    int https;        /* came through a proxy that says https */
    struct web_form query, form;
    char session_cookie[WEB_TOKEN_MAX], pre_cookie[WEB_TOKEN_MAX];
    int64_t now;
    /* Opened by web_open(); NULL before. */
    struct rp_workflow *wf;
    const struct rp_workflow_person *person; /* signed in, or NULL */
    char csrf[WEB_TOKEN_MAX];                /* the session's form token */
    struct rp_batch_options batch;
    struct rp_batch_workflow bw;
    int bw_ready;
};

struct web_response {
    int status;
    struct rp_buf body;
    const char *type; /* Content-Type */
    char location[WEB_MAX_PATH + 64];
    char cookies[3][256];
    int n_cookies;
    int fd; /* a file to send (PDF), or -1 */
    long long fd_size;
    char disposition[256];
};

/* Opens the store for the request (no actor yet) and checks the session
 * cookie: 1 with rq->person set, 0 without a valid session; -1 when the
 * store cannot be opened (rs holds a 500 or 503 page). */
int web_open(struct web_request *rq, struct web_response *rs);
/* The renderer of actions that make documents, set up once per request
 * as the command line sets it up. */
enum rp_status web_renderer(struct web_request *rq,
                            const struct rp_workflow_renderer **r,
                            struct rp_error *err);
/* 303 to location. */
void web_redirect(struct web_response *rs, const char *location);
/* 303 to /sign-in?next=PATH. */
void web_to_sign_in(struct web_request *rq, struct web_response *rs);
/* A page with just a heading and a message. */
void web_message_page(struct web_request *rq, struct web_response *rs,
                      int status, const char *title, const char *message);
/* The page for a workflow error: refusals 403, bad input 400, busy 503,
 * the rest 500 (the message only in the log). */
void web_error_page(struct web_request *rq, struct web_response *rs,
                    const struct rp_error *err);
/* Checks the form's csrf against the session's (or, before a session,
 * the rp_pre cookie's); on failure fills rs with the 403 page, returns 0. */
int web_check_csrf(struct web_request *rq, struct web_response *rs,
                   const char *expected);
/* Adds a Set-Cookie value. */
void web_set_cookie(struct web_request *rq, struct web_response *rs,
                    const char *name, const char *value, int max_age);

/* The page's head, header (person, roles, sign-out) and main opening;
 * web_page_end() closes them.  html, Cache-Control no-store. */
void web_page_begin(struct web_request *rq, struct web_response *rs,
                    const char *title);
void web_page_end(struct web_response *rs);
/* A hidden csrf field with the session's token. */
void web_csrf_field(struct web_request *rq, struct web_response *rs);
/* "sales rep, contributor" */
void web_roles_text(unsigned roles, char *buf, size_t size);
/* YYYY-MM-DD HH:MM UTC */
void web_format_time(int64_t t, char *buf, size_t size);

/* Held around acts that render (request, approve): one at a time. */
void web_render_lock(void);
void web_render_unlock(void);
/* A new random token (base64url) for the pre-session cookie. */
void web_random_token(char *out, size_t size);

/* The CRM's accounts, read on first use; NULL-safe lookups. */
const struct web_account *web_accounts(struct web_request *rq, size_t *n);

const struct web_account *web_account_by_id(struct web_request *rq,
                                            const char *id);
/* The designation check for display (which reviews to list); acting is
 * checked by the workflow itself. */
int web_person_approves(struct web_request *rq,
                        const struct rp_workflow_person *p, const char *id);

/* A page that acts needs a session (else 303 to sign-in) and a fresh
 * form (else 403): 1 when both hold. */
int web_may_act(struct web_request *rq, struct web_response *rs);
/* 303 to `to` with a notice (URL-encoded in the query, with its MAC). */
void web_done(struct web_response *rs, const char *to, const char *text);
/* The notice of the query when this server wrote it, else NULL: a link
 * made elsewhere cannot put words in the page's notice box. */
const char *web_notice(struct web_request *rq);

/* ---- pages ---- */
void page_sign_in(struct web_request *rq, struct web_response *rs);
void page_sign_out(struct web_request *rq, struct web_response *rs);
void page_invite(struct web_request *rq, struct web_response *rs);
void page_home(struct web_request *rq, struct web_response *rs);
void page_request(struct web_request *rq, struct web_response *rs);
void page_remind(struct web_request *rq, struct web_response *rs);
void page_contribute(struct web_request *rq, struct web_response *rs);
void page_review(struct web_request *rq, struct web_response *rs);
/* The account's numbers from its latest draft's data (review_numbers.c);
 * nothing before a draft. */
void web_review_numbers(struct web_request *rq, struct web_response *rs,
                        const char *account);
void page_decide(struct web_request *rq, struct web_response *rs);
void page_pdf(struct web_request *rq, struct web_response *rs);
void page_history(struct web_request *rq, struct web_response *rs);

/* How a contribution will read: paragraphs split at blank lines, runs
 * of blanks one space (merge/contributions.c's rule). */
void web_paragraphs(struct rp_buf *out, const char *text);

#endif
