/*
 * Growable byte buffers with a size cap.  Every buffer filled from outside
 * input has a cap, so a hostile file cannot make us allocate without bound;
 * hitting it is an input error.  data is always NUL-terminated.
 */
#ifndef RP_COMMON_BUF_H
#define RP_COMMON_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"

#define RP_BUF_DEFAULT_CAP ((size_t)64 << 20) /* 64 MiB */

struct rp_buf {
    char *data;
    size_t len;
    size_t alloc;
    size_t max; /* largest len allowed; 0 means RP_BUF_DEFAULT_CAP */
};

#define RP_BUF_INIT                                                            \
    {                                                                          \
        NULL, 0, 0, 0                                                          \
    }

void rp_buf_init(struct rp_buf *buf, size_t max);
/* Frees the contents; the struct itself belongs to the caller. */
void rp_buf_release(struct rp_buf *buf);
void rp_buf_reset(struct rp_buf *buf);

/* Return false when the cap would be exceeded (buf is left unchanged). */
int rp_buf_add(struct rp_buf *buf, const void *data, size_t len) RP_MUST_CHECK;
int rp_buf_adds(struct rp_buf *buf, const char *s) RP_MUST_CHECK;
int rp_buf_addch(struct rp_buf *buf, char c) RP_MUST_CHECK;
int rp_buf_addf(struct rp_buf *buf, const char *fmt, ...)
    RP_PRINTF(2, 3) RP_MUST_CHECK;

/* Ownership of the string moves to the caller (free()); buf is reset. */
char *rp_buf_take(struct rp_buf *buf);

#endif
