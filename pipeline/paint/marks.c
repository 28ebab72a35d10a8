/*
 * What each page's content is, recorded while painting: a sequence of
 * segments, each the glyphs and painting operations of one structure
 * element (or of no element: an artifact), in the order Cairo writes
 * them.  marked.c later finds the same glyphs and operations in the page
 * content Cairo wrote and wraps each segment in marked content.
 *
 * Why count instead of asking Cairo to mark: Cairo 1.16's structure tags
 * end the text object at every tag, record and replay each tag twice per
 * page and write every element as an object of its own; tagging a
 * review cost a fifth of its rendering.  Counting is exact because Cairo
 * writes one glyph code per glyph it is given and one painting operator
 * per fill, stroke or image; what it leaves out (a fill of nothing, a
 * shape outside the page) makes the counts disagree, and the document is
 * then painted again with Cairo's tags (render.c).
 *
 * The counting calls take the cairo_t the painting went to: the marks
 * hang on it as user data, so drawing.c and image.c count without
 * knowing about structure.
 */
#include "paint_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static const cairo_user_data_key_t marks_key;

struct rp_marks *rp_marks_new(void)
{
    struct rp_marks *m = rp_xcalloc(1, sizeof(*m));

    m->segs = g_array_new(FALSE, FALSE, sizeof(struct rp_mark_seg));
    m->page_first = g_array_new(FALSE, FALSE, sizeof(guint));
    m->owner = -1;
    m->elem = -1;
    return m;
}

void rp_marks_free(struct rp_marks *m)
{
    if (!m)
        return;
    g_array_free(m->segs, TRUE);
    g_array_free(m->page_first, TRUE);
    free(m);
}

void rp_marks_attach(struct rp_marks *m, cairo_t *cr)
{
    cairo_set_user_data(cr, &marks_key, m, NULL);
}

static struct rp_marks *of(cairo_t *cr)
{
    return cairo_get_user_data(cr, &marks_key);
}

/* The segment painting goes into now: the last, or a new one when the
 * owner changed since. */
static struct rp_mark_seg *current(struct rp_marks *m)
{
    struct rp_mark_seg *last = NULL;
    guint first = m->page_first->len ? g_array_index(m->page_first, guint,
                                                     m->page_first->len - 1)
                                     : 0;

    if (m->segs->len > first)
        last = &g_array_index(m->segs, struct rp_mark_seg, m->segs->len - 1);
    if (!last || last->elem != m->elem || last->kids != m->kids) {
        struct rp_mark_seg s = {m->owner, m->elem, m->kids, 0, 0, false};
        g_array_append_val(m->segs, s);
        last = &g_array_index(m->segs, struct rp_mark_seg, m->segs->len - 1);
    }
    return last;
}

void rp_marks_page_begin(struct rp_marks *m)
{
    guint at = m->segs->len;

    g_array_append_val(m->page_first, at);
}

void rp_marks_set_owner(struct rp_marks *m, int owner, int elem, int kids)
{
    m->owner = owner;
    m->elem = elem;
    m->kids = kids;
}

void rp_marks_glyphs(cairo_t *cr, size_t n)
{
    struct rp_marks *m = of(cr);

    if (m && n)
        current(m)->glyphs += n;
}

void rp_marks_ops(cairo_t *cr, size_t n)
{
    struct rp_marks *m = of(cr);

    if (m && n)
        current(m)->ops += n;
}

void rp_marks_line(cairo_t *cr, PangoLayoutLine *line)
{
    struct rp_marks *m = of(cr);
    struct rp_mark_seg *s;
    GSList *l;
    int i;

    if (!m)
        return;
    s = current(m);
    for (l = line->runs; l; l = l->next) {
        const PangoGlyphItem *run = l->data;
        for (i = 0; i < run->glyphs->num_glyphs; i++) {
            PangoGlyph g = run->glyphs->glyphs[i].glyph;
            if (g == PANGO_GLYPH_EMPTY)
                continue;
            /* Pango draws a missing glyph as a box of hex digits. */
            if (g & PANGO_GLYPH_UNKNOWN_FLAG)
                m->uncountable = true;
            s->glyphs++;
        }
    }
    /* Underlines, strike-throughs and backgrounds are Pango's fills, as
     * many as it merges runs into: the segment takes whatever painting
     * comes before the next segment's first glyph. */
    if (!rp_area_line_is_plain(line))
        s->loose = true;
}

void rp_marks_uncountable(cairo_t *cr)
{
    struct rp_marks *m = of(cr);

    if (m)
        m->uncountable = true;
}

const struct rp_mark_seg *rp_marks_page(const struct rp_marks *m, int page,
                                        size_t *n)
{
    guint first, end;

    *n = 0;
    if (page < 0 || (guint)page >= m->page_first->len)
        return NULL;
    first = g_array_index(m->page_first, guint, page);
    end = (guint)page + 1 < m->page_first->len
              ? g_array_index(m->page_first, guint, page + 1)
              : m->segs->len;
    *n = end - first;
    return &g_array_index(m->segs, struct rp_mark_seg, first);
}

void rp_marks_clear(struct rp_marks *m)
{
    g_array_free(m->segs, TRUE);
    g_array_free(m->page_first, TRUE);
    m->segs = g_array_new(FALSE, FALSE, sizeof(struct rp_mark_seg));
    m->page_first = g_array_new(FALSE, FALSE, sizeof(guint));
}
