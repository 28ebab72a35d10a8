/*
 * Text drawn in batches.  Pango's renderer sends every run of every line
 * to Cairo on its own, and Cairo's PDF surface records, analyses and
 * replays each such operation at the end of the page: a ticket table's
 * thousands of short cells made that a third of the run.  Here the plain
 * runs of consecutive lines that share a font and a colour go to Cairo as
 * one cairo_show_text_glyphs call, with their text and clusters, so the
 * PDF keeps its searchable, extractable text.  Runs with decorations
 * (underline, strike-through, background, shapes, right-to-left text)
 * are still drawn by Pango, after the batch is flushed, in order.
 */
#include "paint_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

#define SOFT_HYPHEN "\xc2\xad"
#define SOFT_HYPHEN_LEN 2

void rp_glyph_batch_init(struct rp_glyph_batch *b)
{
    memset(b, 0, sizeof(*b));
}

void rp_glyph_batch_release(struct rp_glyph_batch *b)
{
    if (b->font)
        cairo_scaled_font_destroy(b->font);
    free(b->glyphs);
    free(b->clusters);
    free(b->text);
    rp_glyph_batch_init(b);
}

void rp_glyph_batch_flush(struct rp_glyph_batch *b, cairo_t *cr)
{
    if (b->n_glyphs > 0) {
        cairo_set_scaled_font(cr, b->font);
        cairo_set_source_rgba(cr, b->color[0], b->color[1], b->color[2], 1);
        cairo_show_text_glyphs(cr, b->text, (int)b->n_text, b->glyphs,
                               (int)b->n_glyphs, b->clusters,
                               (int)b->n_clusters, 0);
        rp_marks_glyphs(cr, b->n_glyphs);
    }
    b->n_glyphs = 0;
    b->n_clusters = 0;
    b->n_text = 0;
}

/* Adds run, drawn from (x, y), to the batch; returns its advance in
 * points (summed as a double: the glyphs of a run that may not wrap can
 * add up past an int of Pango units). */
static double batch_run(struct rp_glyph_batch *b, cairo_t *cr,
                        const struct rp_area_run *run, double x, double y)
{
    double advance = 0;
    cairo_scaled_font_t *font =
        pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->font));
    size_t need;
    int start;
    bool place = run->n_glyphs > 0;

    /* A graphic's place in its line (empty glyphs for its object
     * replacement character): its IMAGE item draws it, and as text Cairo
     * would write the character in an ActualText span of its own. */
    for (start = 0; start < run->n_glyphs; start++) {
        place = place && run->glyphs[start].glyph == PANGO_GLYPH_EMPTY;
        advance += (double)run->glyphs[start].geometry.width / PANGO_SCALE;
    }
    if (place)
        return advance;
    advance = 0;
    if (b->font != font || memcmp(b->color, run->rgb, sizeof(run->rgb)) != 0) {
        rp_glyph_batch_flush(b, cr);
        if (b->font)
            cairo_scaled_font_destroy(b->font);
        b->font = cairo_scaled_font_reference(font);
        memcpy(b->color, run->rgb, sizeof(run->rgb));
    }
    need = b->n_glyphs + (size_t)run->n_glyphs;
    rp_array_grow((void **)&b->glyphs, &b->cap_glyphs, need,
                  sizeof(*b->glyphs));
    rp_array_grow((void **)&b->clusters, &b->cap_clusters,
                  b->n_clusters + (size_t)run->n_glyphs, sizeof(*b->clusters));
    /* + 6: a hyphenation-character may be longer than its soft hyphen. */
    rp_array_grow((void **)&b->text, &b->cap_text,
                  b->n_text + (size_t)run->n_text + 6, 1);
    /* Bytes before the first cluster (none in left-to-right runs). */
    if (run->n_glyphs > 0 && run->log_clusters[0] > 0) {
        memcpy(b->text + b->n_text, run->text, (size_t)run->log_clusters[0]);
        b->n_text += (size_t)run->log_clusters[0];
    }
    /* Clusters: glyphs sharing a log_cluster share its bytes.  Empty
     * glyphs are left out; their bytes stay, in a cluster of no glyphs. */
    for (start = 0; start < run->n_glyphs;) {
        int end = start, from = run->log_clusters[start], to;
        cairo_text_cluster_t *c = &b->clusters[b->n_clusters++];
        c->num_glyphs = 0;
        for (; end < run->n_glyphs && run->log_clusters[end] == from; end++) {
            const PangoGlyphInfo *gi = &run->glyphs[end];
            if (gi->glyph != PANGO_GLYPH_EMPTY) {
                cairo_glyph_t *cg = &b->glyphs[b->n_glyphs++];
                cg->index = gi->glyph;
                cg->x = x + (double)gi->geometry.x_offset / PANGO_SCALE;
                cg->y = y + (double)gi->geometry.y_offset / PANGO_SCALE;
                c->num_glyphs++;
            }
            x += (double)gi->geometry.width / PANGO_SCALE;
            advance += (double)gi->geometry.width / PANGO_SCALE;
        }
        to = end < run->n_glyphs ? run->log_clusters[end] : run->n_text;
        if (c->num_glyphs > 0 && to - from == SOFT_HYPHEN_LEN &&
            memcmp(run->text + from, SOFT_HYPHEN, SOFT_HYPHEN_LEN) == 0) {
            /* A soft hyphen with a glyph is the hyphen of a broken word:
             * the text says '-', as FOP's does, so that search and copy
             * see a hyphen rather than a format character; or the
             * hyphenation-character drawn there. */
            int n = 1;
            if (run->hyphen)
                n = g_unichar_to_utf8(run->hyphen, b->text + b->n_text);
            else
                b->text[b->n_text] = '-';
            b->n_text += (size_t)n;
            c->num_bytes = n;
        } else {
            memcpy(b->text + b->n_text, run->text + from, (size_t)(to - from));
            b->n_text += (size_t)(to - from);
            c->num_bytes = to - from;
        }
        start = end;
    }
    return advance;
}

void rp_glyph_batch_line(struct rp_glyph_batch *b, cairo_t *cr,
                         PangoLayoutLine *line, double x, double y)
{
    const char *text = pango_layout_get_text(line->layout);
    struct rp_area_run run;
    GSList *l;

    if (!rp_area_line_is_plain(line)) {
        rp_glyph_batch_flush(b, cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout_line(cr, line);
        rp_marks_line(cr, line);
        return;
    }
    for (l = line->runs; l; l = l->next) {
        rp_area_run_of(l->data, text, &run);
        x += batch_run(b, cr, &run, x, y);
    }
}

void rp_glyph_batch_runs(struct rp_glyph_batch *b, cairo_t *cr,
                         const struct rp_area_run *runs, size_t n, double x,
                         double y)
{
    size_t i;

    for (i = 0; i < n; i++) {
        x += batch_run(b, cr, &runs[i], x, y);
    }
}
