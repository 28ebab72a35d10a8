/*
 * The parsers of what comes from outside: form bodies (urlencoded and
 * multipart), query strings, the Cookie header, request paths, and the
 * CSRF token's comparison.  Everything here is bounded (WEB_MAX_BODY
 * upstream, WEB_MAX_FIELDS here) and answers "malformed" rather than
 * guessing; fuzz/http_fuzz.c feeds it bytes.
 */
#include "internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mem.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes len bytes of s into a new string (*out_len bytes + NUL); plus:
 * '+' is a space.  NULL on a bad escape. */
static char *decode(const char *s, size_t len, int plus, size_t *out_len)
{
    char *out = rp_xmalloc(len + 1);
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == '%') {
            int hi, lo;
            if (i + 2 >= len) {
                free(out);
                return NULL;
            }
            hi = hexval((unsigned char)s[i + 1]);
            lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0) {
                free(out);
                return NULL;
            }
            out[n++] = (char)(hi << 4 | lo);
            i += 2;
        } else if (plus && s[i] == '+') {
            out[n++] = ' ';
        } else {
            out[n++] = s[i];
        }
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

void web_form_release(struct web_form *f)
{
    size_t i;

    for (i = 0; i < f->n; i++) {
        free(f->items[i].name);
        free(f->items[i].value);
    }
    f->n = 0;
}

static int add_field(struct web_form *f, char *name, char *value, size_t len)
{
    if (f->n == WEB_MAX_FIELDS || !name[0]) {
        free(name);
        free(value);
        return -1;
    }
    f->items[f->n].name = name;
    f->items[f->n].value = value;
    f->items[f->n].len = len;
    f->n++;
    return 0;
}

int web_form_urlencoded(struct web_form *f, const char *data, size_t len)
{
    size_t pos = 0;

    f->n = 0;
    while (pos < len) {
        const char *start = data + pos, *amp, *eq;
        size_t flen, nlen, vlen;
        char *name, *value;

        amp = memchr(start, '&', len - pos);
        flen = amp ? (size_t)(amp - start) : len - pos;
        pos += flen + 1;
        if (flen == 0)
            continue; /* "a=1&&b=2": browsers never send it; harmless */
        eq = memchr(start, '=', flen);
        name = decode(start, eq ? (size_t)(eq - start) : flen, 1, &nlen);
        value = name && eq
                    ? decode(eq + 1, flen - (size_t)(eq - start) - 1, 1, &vlen)
                    : rp_xstrdup("");
        if (!eq)
            vlen = 0;
        if (!name || !value || memchr(name, '\0', nlen)) {
            free(name);
            free(value);
            web_form_release(f);
            return -1;
        }
        if (add_field(f, name, value, vlen) < 0) {
            web_form_release(f);
            return -1;
        }
    }
    return 0;
}

/* The value of param (e.g. boundary, name) in a header's parameters:
 * token or quoted string, into out.  1 when found. */
static int header_param(const char *h, size_t hlen, const char *param,
                        char *out, size_t size)
{
    size_t plen = strlen(param), i = 0;

    while (i < hlen) {
        size_t n = 0;
        /* a parameter starts after ';' (or at the start) */
        while (i < hlen && (h[i] == ';' || h[i] == ' ' || h[i] == '\t'))
            i++;
        if (hlen - i > plen && strncasecmp(h + i, param, plen) == 0 &&
            h[i + plen] == '=') {
            i += plen + 1;
            if (i < hlen && h[i] == '"') {
                i++;
                while (i < hlen && h[i] != '"') {
                    if (n + 1 >= size)
                        return 0;
                    out[n++] = h[i++];
                }
                if (i >= hlen)
                    return 0;
            } else {
                while (i < hlen && h[i] != ';' && h[i] != ' ' && h[i] != '\t') {
                    if (n + 1 >= size)
                        return 0;
                    out[n++] = h[i++];
                }
            }
            out[n] = '\0';
            return n > 0;
        }
        while (i < hlen && h[i] != ';') {
            if (h[i] == '"') {
                i++;
                while (i < hlen && h[i] != '"')
                    i++;
            }
            if (i < hlen)
                i++;
        }
    }
    return 0;
}

static const char *find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
    const char *p = hay, *end = hay + hlen;

    while (nlen && (size_t)(end - p) >= nlen) {
        p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1);
        if (!p)
            return NULL;
        if (memcmp(p, needle, nlen) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* One part: headers up to a blank line, then the value.  Its name from
 * Content-Disposition: form-data; name="...". */
static int add_part(struct web_form *f, const char *p, size_t len)
{
    const char *end = find(p, len, "\r\n\r\n", 4), *line = p;
    char name[128];
    int named = 0;

    if (!end)
        return -1;
    while (line < end) {
        const char *eol = find(line, (size_t)(end + 2 - line), "\r\n", 2);
        size_t llen = (size_t)(eol - line);
        static const char cd[] = "content-disposition:";
        if (llen >= sizeof(cd) - 1 &&
            strncasecmp(line, cd, sizeof(cd) - 1) == 0) {
            const char *v = line + sizeof(cd) - 1;
            size_t vlen = llen - (sizeof(cd) - 1);
            while (vlen && (*v == ' ' || *v == '\t')) {
                v++;
                vlen--;
            }
            if (vlen < 9 || strncasecmp(v, "form-data", 9) != 0)
                return -1;
            named = header_param(v + 9, vlen - 9, "name", name, sizeof(name));
            if (!named)
                return -1;
        }
        line = eol + 2;
    }
    if (!named)
        return -1;
    end += 4;
    return add_field(f, rp_xstrdup(name),
                     rp_xstrndup(end, len - (size_t)(end - p)),
                     len - (size_t)(end - p));
}

int web_form_multipart(struct web_form *f, const char *content_type,
                       const char *data, size_t len)
{
    char boundary[80], delim[86];
    const char *p, *ct = content_type;
    size_t dlen;

    f->n = 0;
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0 ||
        !header_param(ct + 19, strlen(ct + 19), "boundary", boundary,
                      sizeof(boundary)) ||
        strlen(boundary) > 70)
        return -1;
    /* The body opens with --boundary; each later delimiter is preceded
     * by CRLF and followed by CRLF, the last one by "--". */
    dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
    if (len < dlen - 2 || memcmp(data, delim + 2, dlen - 2) != 0)
        return -1;
    p = data + dlen - 2;
    for (;;) {
        const char *next;
        size_t rest = len - (size_t)(p - data);
        if (rest >= 2 && p[0] == '-' && p[1] == '-')
            return 0; /* the closing delimiter; an epilogue is ignored */
        if (rest < 2 || p[0] != '\r' || p[1] != '\n')
            break;
        p += 2;
        rest -= 2;
        next = find(p, rest, delim, dlen);
        if (!next || add_part(f, p, (size_t)(next - p)) < 0)
            break;
        p = next + dlen;
    }
    web_form_release(f);
    return -1;
}

const char *web_form_get(const struct web_form *f, const char *name)
{
    size_t i;

    for (i = 0; i < f->n; i++) {
        if (strcmp(f->items[i].name, name) == 0)
            return memchr(f->items[i].value, '\0', f->items[i].len)
                       ? NULL
                       : f->items[i].value;
    }
    return NULL;
}

static int token_char(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int web_cookie_get(const char *header, const char *name, char *out, size_t size)
{
    size_t nlen = strlen(name);
    const char *p = header;

    if (!header || size == 0)
        return 0;
    while (*p) {
        size_t n = 0;
        while (*p == ' ' || *p == '\t' || *p == ';')
            p++;
        if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
            p += nlen + 1;
            while (token_char((unsigned char)p[n]))
                n++;
            if (n == 0 || n >= size ||
                (p[n] && p[n] != ';' && p[n] != ' ' && p[n] != '\t'))
                return 0;
            memcpy(out, p, n);
            out[n] = '\0';
            return 1;
        }
        while (*p && *p != ';')
            p++;
    }
    return 0;
}

int web_path_split(const char *raw, char *buf, size_t size,
                   const char *segs[WEB_MAX_SEGMENTS])
{
    size_t used = 0;
    int n = 0;
    const char *p = raw;

    if (!raw || raw[0] != '/')
        return -1;
    p++;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t slen = end ? (size_t)(end - p) : strlen(p), dlen, i;
        char *seg;

        if (slen == 0)
            return -1; /* "//" or a trailing "/" */
        if (n == WEB_MAX_SEGMENTS)
            return -1;
        seg = decode(p, slen, 0, &dlen);
        if (!seg)
            return -1;
        for (i = 0; i < dlen; i++) {
            unsigned char c = (unsigned char)seg[i];
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
                break;
        }
        if (i < dlen || strcmp(seg, ".") == 0 || strcmp(seg, "..") == 0 ||
            used + dlen + 1 > size) {
            free(seg);
            return -1;
        }
        memcpy(buf + used, seg, dlen + 1);
        segs[n++] = buf + used;
        used += dlen + 1;
        free(seg);
        p += slen;
        if (*p == '/')
            p++;
        if (*p == '\0' && p[-1] == '/' && p - 1 != raw)
            return -1; /* a trailing slash: no page has one */
    }
    return n;
}

int web_local_path(const char *next)
{
    const char *p;

    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
        strlen(next) >= WEB_MAX_PATH)
        return 0;
    for (p = next; *p; p++) {
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
            *p == '\\')
            return 0;
    }
    return 1;
}

int web_csrf_ok(const char *expected, const char *given)
{
    size_t n;

    if (!expected || !given || !expected[0])
        return 0;
    n = strlen(expected);
    if (strlen(given) != n)
        return 0;
    return sodium_memcmp(expected, given, n) == 0;
}
