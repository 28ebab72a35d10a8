/*
 * Artifacts in a tagged PDF's page content: what Cairo drew outside every
 * structure element (static content, watermarks, backgrounds, rules,
 * repeated table headers) wrapped in /Artifact BMC ... EMC, so that
 * assistive technology and checkers know it is not content (ISO 32000-1
 * §14.8.2.2).  Cairo 1.16 has no artifact tag; pack.c rewrites each
 * page's content stream through here.
 *
 * The content is read as statements (operands, then an operator), by
 * marked.c's reader.  At marked-content depth 0 an artifact opens before the
 * first statement that draws or sets state and closes before the next BDC/BMC,
 * q or Q, so that artifacts nest with marked content and with q/Q; a text
 * object (BT ... ET) stays whole inside one.  Content not as Cairo writes it
 * (an inline image, marked content inside an artifact's text object,
 * unbalanced EMC) is left as it is: NULL.
 */
#include "paint_internal.h"

#include <stdbool.h>
#include <string.h>

#include <glib.h>

char *rp_pdf_mark_artifacts(const char *s, size_t n, size_t *out_n)
{
    GArray *st = g_array_new(FALSE, FALSE, sizeof(struct rp_pdf_stmt));
    GString *out = g_string_sized_new(n + n / 8);
    size_t k, stmt = 0;
    int depth = 0;
    bool artifact = false, text = false, ok = rp_pdf_statements(s, n, st);

    for (k = 0; ok && k < st->len; k++) {
        const struct rp_pdf_stmt *t = &g_array_index(st, struct rp_pdf_stmt, k);
        size_t len = t->end - t->op;
        const char *op = s + t->op;
        bool begin =
            (len == 3 && (!memcmp(op, "BDC", 3) || !memcmp(op, "BMC", 3)));
        bool end = len == 3 && !memcmp(op, "EMC", 3);
        bool save = len == 1 && (op[0] == 'q' || op[0] == 'Q');

        /* Marked content inside a text object is Cairo's own (an
         * ActualText span) within an element; in an artifact's text
         * object it would not nest. */
        if ((begin || end) && text && artifact) {
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
        g_string_append_len(out, s + stmt, (gssize)(t->end - stmt));
        stmt = t->end;
        if (len == 2 && !memcmp(op, "BT", 2))
            text = true;
        else if (len == 2 && !memcmp(op, "ET", 2))
            text = false;
        if (begin)
            depth++;
        if (end && --depth < 0)
            ok = false;
    }
    g_array_free(st, TRUE);
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
