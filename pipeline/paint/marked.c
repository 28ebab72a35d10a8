/*
 * Marked content written into a page's content stream from the segments
 * counted while painting (marks.c): each segment's glyphs and painting
 * operations are found in the stream Cairo wrote, in order, and wrapped
 * in /Role <</MCID n>> BDC ... EMC for their element, or in /Artifact
 * BMC ... EMC when they belong to none (ISO 32000-1 §14.6, §14.8.2.2).
 *
 * The stream is read as statements (operands, then an operator).  A
 * glyph is a code of the current font (one byte for Cairo's simple
 * fonts, two for its Type0 fonts); a painting operation is f, F, f*, S,
 * s, B, B*, b, b*, sh or Do, and a path's construction belongs to the
 * operation that ends it (a path ended by n, after W or W*, is a clip:
 * no content).  A text-showing operation whose glyphs belong to two
 * segments is split between them, its strings written again in hex.
 *
 * Marked content nests with everything it must: a sequence is ended
 * before q, Q, BT and ET and begun again (with a new MCID) where its
 * element's content goes on; Cairo's own marked content (ActualText
 * spans) is kept inside ours.  Anything else (an inline image, counts
 * that do not come out even) returns false, and the caller paints the
 * document again with Cairo's tags.
 */
#include "paint_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/mem.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
           c == '\0';
}

static bool is_delim(char c)
{
    return strchr("()<>[]{}/%", c) != NULL;
}

/* The index after the literal string that starts at s[i] == '('. */
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

bool rp_pdf_statements(const char *s, size_t n, GArray *out)
{
    size_t i = 0, at = 0;

    while (i < n) {
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
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.')
            continue;
        if ((i - start == 4 && (!memcmp(s + start, "true", 4) ||
                                !memcmp(s + start, "null", 4))) ||
            (i - start == 5 && !memcmp(s + start, "false", 5)))
            continue;
        if (i - start == 2 && !memcmp(s + start, "BI", 2))
            return false;
        {
            struct rp_pdf_stmt st = {at, start, i};
            g_array_append_val(out, st);
        }
        at = i;
    }
    return true;
}

static bool op_is(const char *s, const struct rp_pdf_stmt *st, const char *name)
{
    size_t k = strlen(name);
    return st->end - st->op == k && !memcmp(s + st->op, name, k);
}

static bool is_painting(const char *s, const struct rp_pdf_stmt *st)
{
    static const char *const ops[] = {"f",  "F", "f*", "S",  "s", "B",
                                      "B*", "b", "b*", "sh", "Do"};
    size_t i;

    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (op_is(s, st, ops[i]))
            return true;
    return false;
}

static bool is_construction(const char *s, const struct rp_pdf_stmt *st)
{
    static const char *const ops[] = {"m", "l", "c", "v", "y", "h", "re"};
    size_t i;

    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (op_is(s, st, ops[i]))
            return true;
    return false;
}

static bool is_showing(const char *s, const struct rp_pdf_stmt *st)
{
    return op_is(s, st, "TJ") || op_is(s, st, "Tj") || op_is(s, st, "'") ||
           op_is(s, st, "\"");
}

/* ---- strings ---------------------------------------------------------- */

/* The bytes of the string token at s[*i] (a literal or hex string),
 * appended to out; *i moves past it.  False if it is not one. */
static bool string_bytes(const char *s, size_t *i, size_t n, GByteArray *out)
{
    size_t j = *i;

    if (j < n && s[j] == '<') {
        int hi = -1;
        for (j++; j < n && s[j] != '>'; j++) {
            int v = g_ascii_xdigit_value(s[j]);
            if (v < 0)
                continue; /* white space */
            if (hi < 0) {
                hi = v;
            } else {
                guint8 b = (guint8)(hi * 16 + v);
                g_byte_array_append(out, &b, 1);
                hi = -1;
            }
        }
        if (hi >= 0) {
            guint8 b = (guint8)(hi * 16);
            g_byte_array_append(out, &b, 1);
        }
        *i = j < n ? j + 1 : n;
        return j < n;
    }
    if (j >= n || s[j] != '(')
        return false;
    {
        int depth = 1;
        for (j++; j < n; j++) {
            guint8 b = (guint8)s[j];
            if (s[j] == '(') {
                depth++;
            } else if (s[j] == ')') {
                if (--depth == 0)
                    break;
            } else if (s[j] == '\\' && j + 1 < n) {
                char e = s[++j];
                if (e >= '0' && e <= '7') {
                    int v = 0, k;
                    for (k = 0; k < 3 && j < n && s[j] >= '0' && s[j] <= '7';
                         k++, j++)
                        v = v * 8 + (s[j] - '0');
                    j--;
                    b = (guint8)v;
                } else if (e == '\r' || e == '\n') {
                    if (e == '\r' && j + 1 < n && s[j + 1] == '\n')
                        j++;
                    continue;
                } else {
                    const char *from = "nrtbf", *to = "\n\r\t\b\f";
                    const char *f = strchr(from, e);
                    b = f && e ? (guint8)to[f - from] : (guint8)e;
                }
            }
            g_byte_array_append(out, &b, 1);
        }
        *i = j < n ? j + 1 : n;
        return j < n;
    }
}

/* How many bytes the strings among operands [i, to) hold, decoded. */
static size_t string_lengths(const char *s, size_t i, size_t to)
{
    size_t n = 0;

    while (i < to) {
        if (s[i] == '<') {
            size_t digits = 0;
            for (i++; i < to && s[i] != '>'; i++)
                digits += g_ascii_isxdigit(s[i]) != 0;
            n += (digits + 1) / 2;
            i++;
        } else if (s[i] == '(') {
            int depth = 1;
            for (i++; i < to; i++) {
                if (s[i] == '\\') {
                    i++;
                    if (i < to && s[i] >= '0' && s[i] <= '7') {
                        /* up to three octal digits make one byte */
                        int k;
                        for (k = 1; k < 3 && i + 1 < to && s[i + 1] >= '0' &&
                                    s[i + 1] <= '7';
                             k++)
                            i++;
                    } else if (i < to && (s[i] == '\r' || s[i] == '\n')) {
                        if (s[i] == '\r' && i + 1 < to && s[i + 1] == '\n')
                            i++;
                        continue; /* a line continued: no byte */
                    }
                    n++;
                } else if (s[i] == '(') {
                    depth++;
                    n++;
                } else if (s[i] == ')') {
                    if (--depth == 0)
                        break;
                    n++;
                } else {
                    n++;
                }
            }
            i++;
        } else {
            i++;
        }
    }
    return n;
}

static void put_hex(GString *out, const guint8 *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    g_string_append_c(out, '<');
    for (i = 0; i < n; i++) {
        g_string_append_c(out, digits[b[i] >> 4]);
        g_string_append_c(out, digits[b[i] & 15]);
    }
    g_string_append_c(out, '>');
}

/* ---- the rewrite ------------------------------------------------------ */

struct marker {
    const char *s;
    GString *out;
    const struct rp_mark_seg *segs;
    size_t n_segs, seg;
    size_t glyphs_left, ops_left; /* of segs[seg] */
    const char *const *roles;     /* by owner */
    int (*font_width)(void *ctx, const char *name, size_t len);
    void *font_ctx;
    int width; /* of the current font's codes, 0: unknown */
    int widths[32];
    int depth_q;
    bool in_text;
    int cairo_depth; /* Cairo's own marked content, open */
    guint64 dropped; /* bit d: Cairo's sequence at depth d is left out */
    bool whole;      /* the open sequence holds whole text objects */
    bool open;       /* a sequence of ours is open */
    int open_owner;
    GArray *mcids; /* struct rp_mcid */
};

static void enter(struct marker *m, size_t i)
{
    m->seg = i;
    m->glyphs_left = i < m->n_segs ? m->segs[i].glyphs : 0;
    m->ops_left = i < m->n_segs ? m->segs[i].ops : 0;
}

static bool seg_done(const struct marker *m)
{
    return m->glyphs_left == 0 && (m->ops_left == 0 || m->segs[m->seg].loose);
}

/* The segment the next glyph belongs to; false if painting is owed. */
static bool to_glyph(struct marker *m)
{
    while (m->seg < m->n_segs && m->glyphs_left == 0) {
        if (!seg_done(m))
            return false;
        enter(m, m->seg + 1);
    }
    return m->seg < m->n_segs;
}

/* The segment the next painting operation belongs to. */
static bool to_op(struct marker *m)
{
    while (m->seg < m->n_segs && m->ops_left == 0 && !m->segs[m->seg].loose) {
        if (m->glyphs_left > 0)
            return false;
        enter(m, m->seg + 1);
    }
    return m->seg < m->n_segs;
}

static void close_seq(struct marker *m)
{
    if (m->open)
        g_string_append(m->out, "EMC\n");
    m->open = false;
    m->whole = false;
}

static void open_seq(struct marker *m)
{
    const struct rp_mark_seg *seg = &m->segs[m->seg];

    if (m->open && m->open_owner == seg->owner)
        return;
    close_seq(m);
    if (seg->owner < 0) {
        g_string_append(m->out, "/Artifact BMC\n");
    } else {
        struct rp_mcid id = {seg->owner, seg->kids};
        char num[16];
        int k = (int)sizeof(num);
        guint v = m->mcids->len;
        do {
            num[--k] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        g_string_append_c(m->out, '/');
        g_string_append(m->out, m->roles[seg->owner]);
        g_string_append(m->out, " <</MCID ");
        g_string_append_len(m->out, num + k, (gssize)sizeof(num) - k);
        g_string_append(m->out, ">> BDC\n");
        g_array_append_val(m->mcids, id);
    }
    m->open = true;
    m->open_owner = seg->owner;
}

static void copy(struct marker *m, size_t from, size_t to)
{
    g_string_append_len(m->out, m->s + from, (gssize)(to - from));
    g_string_append_c(m->out, '\n');
}

/* The font named by Tf's operands [from, to): its code width. */
static void set_font(struct marker *m, size_t from, size_t to)
{
    const char *s = m->s;
    size_t i = from, k;

    while (i < to && s[i] != '/')
        i++;
    k = i + 1;
    while (k < to && !is_space(s[k]) && !is_delim(s[k]))
        k++;
    m->width = i < to ? m->font_width(m->font_ctx, s + i + 1, k - i - 1) : 0;
}

/*
 * Whether the glyphs of the text object that begins at statement k all
 * go to one owner: then its marked content goes around the whole text
 * object (and may go on over the next), rather than in pieces inside.
 */
static bool one_owner(const struct marker *m, const GArray *st, size_t k)
{
    struct marker sim = *m;
    int owner = INT_MIN;
    size_t i;

    for (i = k + 1; i < st->len; i++) {
        const struct rp_pdf_stmt *t = &g_array_index(st, struct rp_pdf_stmt, i);
        size_t glyphs;

        if (op_is(m->s, t, "ET"))
            return owner != INT_MIN;
        if (op_is(m->s, t, "Tf")) {
            set_font(&sim, t->at, t->op);
            continue;
        }
        if (!is_showing(m->s, t))
            continue;
        if (sim.width <= 0)
            return false;
        glyphs = string_lengths(m->s, t->at, t->op) / (size_t)sim.width;
        while (glyphs > 0) {
            size_t used;
            if (!to_glyph(&sim))
                return false;
            if (owner != INT_MIN && owner != sim.segs[sim.seg].owner)
                return false;
            owner = sim.segs[sim.seg].owner;
            used = MIN(glyphs, sim.glyphs_left);
            sim.glyphs_left -= used;
            glyphs -= used;
        }
    }
    return false;
}

/*
 * A text-showing statement: its strings' glyphs are given to the
 * segments in order; where the owner changes, the statement is split.
 */
static bool show(struct marker *m, const struct rp_pdf_stmt *st)
{
    const char *s = m->s;
    bool array = op_is(s, st, "TJ");
    GByteArray *bytes = g_byte_array_new();
    GString *piece = g_string_new(NULL);
    size_t i = st->at;
    bool ok = true, any = false;

    if (m->width <= 0)
        ok = false;
    /* Operands of ' and " other than the string are not expected from
     * Cairo: they would be written once, before the first piece. */
    if (op_is(s, st, "'") || op_is(s, st, "\""))
        ok = false;
    /* Mostly the glyphs all go to the segment at hand: then the
     * statement is copied as it is. */
    if (ok) {
        size_t glyphs = string_lengths(s, st->at, st->op) / (size_t)m->width;
        if (glyphs > 0 && to_glyph(m) && glyphs <= m->glyphs_left &&
            (m->cairo_depth == 0 || !m->open ||
             m->open_owner == m->segs[m->seg].owner)) {
            open_seq(m);
            m->glyphs_left -= glyphs;
            copy(m, st->at, st->end);
            g_byte_array_free(bytes, TRUE);
            g_string_free(piece, TRUE);
            return true;
        }
    }
    while (ok && i < st->op) {
        size_t used, n_glyphs, from = 0;

        while (i < st->op && (is_space(s[i]) || s[i] == '[' || s[i] == ']'))
            i++;
        if (i >= st->op)
            break;
        if (s[i] != '(' && s[i] != '<') {
            /* a number: a shift before the next glyph */
            size_t e = i;
            while (e < st->op && !is_space(s[e]) && !is_delim(s[e]))
                e++;
            g_string_append_len(piece, s + i, (gssize)(e - i));
            g_string_append_c(piece, ' ');
            i = e;
            continue;
        }
        g_byte_array_set_size(bytes, 0);
        if (!string_bytes(s, &i, st->op, bytes) ||
            bytes->len % (guint)m->width) {
            ok = false;
            break;
        }
        n_glyphs = bytes->len / (guint)m->width;
        while (ok && from < n_glyphs) {
            if (!to_glyph(m)) {
                ok = false;
                break;
            }
            if (m->open && m->open_owner != m->segs[m->seg].owner) {
                /* the owner changes: what is gathered goes out first */
                if (m->cairo_depth > 0) {
                    ok = false;
                    break;
                }
                if (any || piece->len) {
                    g_string_append(m->out, array ? "[" : "");
                    g_string_append_len(m->out, piece->str, (gssize)piece->len);
                    g_string_append(m->out, array ? "] TJ\n" : " Tj\n");
                }
                g_string_truncate(piece, 0);
                any = false;
            }
            open_seq(m);
            used = MIN(n_glyphs - from, m->glyphs_left);
            put_hex(piece, bytes->data + from * (size_t)m->width,
                    used * (size_t)m->width);
            g_string_append_c(piece, ' ');
            any = true;
            from += used;
            m->glyphs_left -= used;
        }
    }
    /* (Shifts alone, no glyph, stay where they are.) */
    if (ok && (any || piece->len)) {
        g_string_append(m->out, array ? "[" : "");
        g_string_append_len(m->out, piece->str, (gssize)piece->len);
        g_string_append(m->out, array ? "] TJ\n" : " Tj\n");
    }
    g_byte_array_free(bytes, TRUE);
    g_string_free(piece, TRUE);
    return ok;
}

bool rp_pdf_mark_content(const char *s, size_t n,
                         const struct rp_mark_seg *segs, size_t n_segs,
                         const char *const *roles,
                         int (*font_width)(void *ctx, const char *name,
                                           size_t len),
                         void *font_ctx, GString *out, GArray *mcids)
{
    GArray *st = g_array_new(FALSE, FALSE, sizeof(struct rp_pdf_stmt));
    struct marker m = {0};
    size_t k;
    bool ok;

    m.s = s;
    m.out = out;
    m.segs = segs;
    m.n_segs = n_segs;
    m.roles = roles;
    m.font_width = font_width;
    m.font_ctx = font_ctx;
    m.mcids = mcids;
    enter(&m, 0);
    ok = rp_pdf_statements(s, n, st);
    for (k = 0; ok && k < st->len; k++) {
        const struct rp_pdf_stmt *t = &g_array_index(st, struct rp_pdf_stmt, k);

        if (op_is(s, t, "BT") && m.cairo_depth == 0 && one_owner(&m, st, k)) {
            /* the whole text object in one sequence (see one_owner) */
            ok = to_glyph(&m);
            /* (a sequence open here is outside any text object) */
            if (ok)
                open_seq(&m);
            m.whole = true;
            m.in_text = true;
            copy(&m, t->at, t->end);
        } else if (op_is(s, t, "ET") && m.whole) {
            if (m.cairo_depth > 0) {
                ok = false;
                break;
            }
            m.in_text = false;
            copy(&m, t->at, t->end);
        } else if (op_is(s, t, "q") || op_is(s, t, "Q") || op_is(s, t, "BT") ||
                   op_is(s, t, "ET")) {
            if (m.cairo_depth > 0) {
                ok = false;
                break;
            }
            close_seq(&m);
            if (op_is(s, t, "q")) {
                if (m.depth_q < (int)G_N_ELEMENTS(m.widths))
                    m.widths[m.depth_q] = m.width;
                m.depth_q++;
            } else if (op_is(s, t, "Q") && m.depth_q > 0) {
                m.depth_q--;
                if (m.depth_q < (int)G_N_ELEMENTS(m.widths))
                    m.width = m.widths[m.depth_q];
            }
            m.in_text = op_is(s, t, "BT") || (m.in_text && !op_is(s, t, "ET"));
            copy(&m, t->at, t->end);
        } else if ((op_is(s, t, "BDC") || op_is(s, t, "BMC")) &&
                   m.cairo_depth < 64) {
            /* Cairo's marks: a Link tag's (empty: the structure is
             * ours) is left out; an ActualText span is kept, inside
             * the sequence of its glyphs' owner. */
            size_t a = t->at;
            while (a < t->op && is_space(s[a]))
                a++;
            if (t->op - a >= 5 && !memcmp(s + a, "/Link", 5) &&
                (is_space(s[a + 5]) || is_delim(s[a + 5]))) {
                m.dropped |= (guint64)1 << m.cairo_depth;
            } else {
                if (!to_glyph(&m)) {
                    ok = false;
                    break;
                }
                open_seq(&m);
                m.dropped &= ~((guint64)1 << m.cairo_depth);
                copy(&m, t->at, t->end);
            }
            m.cairo_depth++;
        } else if (op_is(s, t, "EMC")) {
            if (m.cairo_depth-- <= 0) {
                ok = false;
                break;
            }
            if (!(m.dropped & ((guint64)1 << m.cairo_depth)))
                copy(&m, t->at, t->end);
        } else if (op_is(s, t, "Tf")) {
            set_font(&m, t->at, t->op);
            copy(&m, t->at, t->end);
        } else if (is_showing(s, t)) {
            ok = show(&m, t);
        } else if (is_painting(s, t) || (is_construction(s, t) && !m.in_text)) {
            /* A path: look for how it ends. */
            size_t e = k;
            while (
                e < st->len &&
                is_construction(s, &g_array_index(st, struct rp_pdf_stmt, e)))
                e++;
            if (e < st->len &&
                is_painting(s, &g_array_index(st, struct rp_pdf_stmt, e))) {
                if (!to_op(&m) || m.cairo_depth > 0) {
                    ok = false;
                    break;
                }
                open_seq(&m);
                if (m.ops_left > 0)
                    m.ops_left--;
                for (; k <= e; k++) {
                    const struct rp_pdf_stmt *u =
                        &g_array_index(st, struct rp_pdf_stmt, k);
                    copy(&m, u->at, u->end);
                }
                k = e;
            } else {
                /* a clip (W n) or a path nobody paints: no content */
                for (; k < e; k++) {
                    const struct rp_pdf_stmt *u =
                        &g_array_index(st, struct rp_pdf_stmt, k);
                    copy(&m, u->at, u->end);
                }
                k = e - 1;
            }
        } else {
            copy(&m, t->at, t->end);
        }
    }
    if (ok && (m.cairo_depth != 0 || m.in_text))
        ok = false;
    close_seq(&m);
    /* Every segment found, to its last glyph and operation. */
    while (ok && m.seg < m.n_segs) {
        if (!seg_done(&m))
            ok = false;
        enter(&m, m.seg + 1);
    }
    g_array_free(st, TRUE);
    return ok;
}
