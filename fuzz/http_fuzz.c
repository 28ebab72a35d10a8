/*
 * libFuzzer target for what the intranet page parses from outside: bytes
 * as a urlencoded form body, as a multipart body (with a boundary from
 * the input's first line as Content-Type), as a Cookie header, as a
 * request path and a next= target; and the escaping and preview
 * paragraphs of whatever a field held.  Checks: nothing crashes or
 * leaks, a parsed path's segments are never "." or ".." and hold no '/',
 * escaped text holds no '<' or '"'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/internal.h"

static void check_escape(const char *text)
{
    struct rp_buf b = RP_BUF_INIT;

    rp_buf_init(&b, 0);
    if (web_html_escape(&b, text) && b.data &&
        (strchr(b.data, '<') || strchr(b.data, '"') || strchr(b.data, '>')))
        abort();
    rp_buf_reset(&b);
    web_paragraphs(&b, text);
    rp_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *nl;
    char ct[256], buf[WEB_MAX_PATH], cookie[WEB_TOKEN_MAX];
    const char *segs[WEB_MAX_SEGMENTS];
    struct web_form f = {0};
    size_t i;
    int n;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (web_form_urlencoded(&f, text, size) == 0) {
        for (i = 0; i < f.n; i++)
            check_escape(f.items[i].value);
        (void)web_form_get(&f, "csrf");
    }
    web_form_release(&f);
    nl = memchr(text, '\n', size);
    if (nl && (size_t)(nl - text) < sizeof(ct)) {
        memcpy(ct, text, (size_t)(nl - text));
        ct[nl - text] = '\0';
        if (web_form_multipart(&f, ct, nl + 1,
                               size - (size_t)(nl + 1 - text)) == 0) {
            for (i = 0; i < f.n; i++)
                check_escape(f.items[i].value);
        }
        web_form_release(&f);
    }
    (void)web_cookie_get(text, "rp_session", cookie, sizeof(cookie));
    n = web_path_split(text, buf, sizeof(buf), segs);
    for (i = 0; n > 0 && i < (size_t)n; i++) {
        if (strcmp(segs[i], ".") == 0 || strcmp(segs[i], "..") == 0 ||
            strchr(segs[i], '/') || strchr(segs[i], '\\'))
            abort();
    }
    if (web_local_path(text) && (text[1] == '/' || strchr(text, '\n')))
        abort();
    (void)web_csrf_ok("0123456789", text);
    check_escape(text);
    free(text);
    return 0;
}
