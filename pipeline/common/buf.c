/* Growable, capped byte buffers. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static size_t buf_max(const struct rp_buf *buf)
{
    return buf->max ? buf->max : RP_BUF_DEFAULT_CAP;
}

void rp_buf_init(struct rp_buf *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->alloc = 0;
    buf->max = max;
}

void rp_buf_release(struct rp_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = 0;
    buf->alloc = 0;
}

void rp_buf_reset(struct rp_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

static int buf_reserve(struct rp_buf *buf, size_t extra)
{
    size_t need;

    if (!rp_size_add(buf->len, extra, &need) || need > buf_max(buf))
        return 0;
    if (need + 1 > buf->alloc) {
        size_t alloc = buf->alloc ? buf->alloc : 64;
        while (alloc < need + 1)
            alloc *= 2;
        buf->data = rp_xrealloc(buf->data, alloc);
        buf->alloc = alloc;
    }
    return 1;
}

int rp_buf_add(struct rp_buf *buf, const void *data, size_t len)
{
    if (!buf_reserve(buf, len))
        return 0;
    if (len)
        memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return 1;
}

int rp_buf_adds(struct rp_buf *buf, const char *s)
{
    return rp_buf_add(buf, s, strlen(s));
}

int rp_buf_addch(struct rp_buf *buf, char c)
{
    return rp_buf_add(buf, &c, 1);
}

int rp_buf_addf(struct rp_buf *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(buf, (size_t)n))
        return 0;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return 1;
}

char *rp_buf_take(struct rp_buf *buf)
{
    char *s = buf->data ? buf->data : rp_xstrdup("");
    buf->data = NULL;
    buf->len = 0;
    buf->alloc = 0;
    return s;
}
