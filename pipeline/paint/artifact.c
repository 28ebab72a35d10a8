/*
 * Artifacts in a tagged PDF's page content: what Cairo drew outside every
 * structure element (static content, watermarks, backgrounds, rules,
 * repeated table headers) wrapped in /Artifact BMC ... EMC, so that
 * assistive technology and checkers know it is not content (ISO 32000-1
 * §14.8.2.2).  Cairo 1.16 has no artifact tag; pack.c rewrites each
 * page's content stream through here.
 *
 * The content is read as statements (operands, then an operator).  At
 * marked-content depth 0 an artifact opens before the first statement
 * that draws or sets state and closes before the next BDC/BMC, q or Q,
 * so that artifacts nest with marked content and with q/Q; a text object
 * (BT ... ET) stays whole inside one.  Content not as Cairo writes it
 * (an inline image, marked content inside an artifact's text object,
 * unbalanced EMC) is left as it is: NULL.
 */
#include "paint_internal.h"

#include <stdbool.h>
#include <string.h>

#include <glib.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
           c == '\0';
}

static bool is_delim(char c)
{
    return strchr("()<>[]{}/%", c) != NULL;
}

/* Skips a literal string from its '(' : the index after its ')'. */
static size_t skip_string(const char *s, size_t i, size_t n)
{
    int depth = 0;

    for (; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0)
            return i + 1;
    }
    return n;
}

char *rp_pdf_mark_artifacts(const char *s, size_t n, size_t *out_n)
{
    GString *out = g_string_sized_new(n + n / 8);
    size_t i = 0, stmt = 0;
    int depth = 0;
    bool artifact = false, text = false, ok = true;

    while (i < n && ok) {
        char c = s[i];
        size_t start = i;

        if (is_space(c)) {
            i++;
            continue;
        }
        if (c == '%') {
            while (i < n && s[i] != '\n' && s[i] != '\r')
                i++;
            continue;
        }
        if (c == '(') {
            i = skip_string(s, i, n);
            continue;
        }
        if (c == '<' && i + 1 < n && s[i + 1] == '<') {
            i += 2;
            continue;
        }
        if (c == '>' && i + 1 < n && s[i + 1] == '>') {
            i += 2;
            continue;
        }
        if (c == '<') {
            const char *e = memchr(s + i, '>', n - i);
            i = e ? (size_t)(e - s) + 1 : n;
            continue;
        }
        if (c == '/' || c == '[' || c == ']' || c == '{' || c == '}' ||
            c == ')' || c == '>') {
            i++;
            while (c == '/' && i < n && !is_space(s[i]) && !is_delim(s[i]))
                i++;
            continue;
        }
        while (i < n && !is_space(s[i]) && !is_delim(s[i]))
            i++;
        /* A number or a keyword: only keywords end statements. */
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')
            continue;
        {
            size_t len = i - start;
            const char *op = s + start;
            bool begin =
                (len == 3 && (!memcmp(op, "BDC", 3) || !memcmp(op, "BMC", 3)));
            bool end = len == 3 && !memcmp(op, "EMC", 3);
            bool save = len == 1 && (op[0] == 'q' || op[0] == 'Q');

            if (len == 4 && (!memcmp(op, "true", 4) || !memcmp(op, "null", 4)))
                continue;
            if (len == 5 && !memcmp(op, "false", 5))
                continue;
            /* Marked content inside a text object is Cairo's own (an
             * ActualText span) within an element; in an artifact's text
             * object it would not nest. */
            if ((len == 2 && (!memcmp(op, "BI", 2) || !memcmp(op, "ID", 2))) ||
                ((begin || end) && text && artifact)) {
                ok = false;
                break;
            }
            if (artifact && (begin || save)) {
                g_string_append(out, "\nEMC\n");
                artifact = false;
            }
            if (!artifact && depth == 0 && !begin && !end && !save) {
                if (text) { /* a text object begun in an element */
                    ok = false;
                    break;
                }
                g_string_append(out, "\n/Artifact BMC\n");
                artifact = true;
            }
            g_string_append_len(out, s + stmt, (gssize)(i - stmt));
            stmt = i;
            if (len == 2 && !memcmp(op, "BT", 2))
                text = true;
            else if (len == 2 && !memcmp(op, "ET", 2))
                text = false;
            if (begin)
                depth++;
            if (end && --depth < 0)
                ok = false;
        }
    }
    if (ok && (depth != 0 || text))
        ok = false;
    if (!ok) {
        g_string_free(out, TRUE);
        return NULL;
    }
    g_string_append_len(out, s + stmt, (gssize)(n - stmt));
    if (artifact)
        g_string_append(out, "\nEMC\n");
    *out_n = out->len;
    return g_string_free(out, FALSE);
}
