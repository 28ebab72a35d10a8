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
    }
    b->n_glyphs = 0;
    b->n_clusters = 0;
    b->n_text = 0;
}

/* Whether Pango must draw the run itself: anything beyond plain glyphs. */
static bool needs_pango(const PangoGlyphItem *run)
{
    const PangoGlyphString *g = run->glyphs;
    GSList *l;
    int i;

    if (run->item->analysis.level % 2)
        return true; /* right-to-left: clusters run backwards */
    for (l = run->item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        switch (a->klass->type) {
        case PANGO_ATTR_FOREGROUND:
        case PANGO_ATTR_LETTER_SPACING:
        case PANGO_ATTR_INSERT_HYPHENS:
            break;
        default:
            return true; /* underline, strike, background, shape, rise... */
        }
    }
    for (i = 0; i < g->num_glyphs; i++) {
        PangoGlyph glyph = g->glyphs[i].glyph;
        if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            return true;
    }
    return false;
}

static void run_color(const PangoGlyphItem *run, double rgb[3])
{
    GSList *l;

    rgb[0] = rgb[1] = rgb[2] = 0;
    for (l = run->item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_FOREGROUND) {
            const PangoColor *c = &((const PangoAttrColor *)a)->color;
            rgb[0] = c->red / 65535.0;
            rgb[1] = c->green / 65535.0;
            rgb[2] = c->blue / 65535.0;
        }
    }
}

static void batch_run(struct rp_glyph_batch *b, cairo_t *cr,
                      const PangoGlyphItem *run, const char *text, double x,
                      double y)
{
    const PangoGlyphString *g = run->glyphs;
    cairo_scaled_font_t *font = pango_cairo_font_get_scaled_font(
        PANGO_CAIRO_FONT(run->item->analysis.font));
    double rgb[3];
    size_t need;
    int i, start;

    run_color(run, rgb);
    if (b->font != font || memcmp(b->color, rgb, sizeof(rgb)) != 0) {
        rp_glyph_batch_flush(b, cr);
        if (b->font)
            cairo_scaled_font_destroy(b->font);
        b->font = cairo_scaled_font_reference(font);
        memcpy(b->color, rgb, sizeof(rgb));
    }
    need = b->n_glyphs + (size_t)g->num_glyphs;
    rp_array_grow((void **)&b->glyphs, &b->cap_glyphs, need,
                  sizeof(*b->glyphs));
    rp_array_grow((void **)&b->clusters, &b->cap_clusters,
                  b->n_clusters + (size_t)g->num_glyphs, sizeof(*b->clusters));
    rp_array_grow((void **)&b->text, &b->cap_text,
                  b->n_text + (size_t)run->item->length + 1, 1);
    memcpy(b->text + b->n_text, text + run->item->offset,
           (size_t)run->item->length);
    for (i = 0; i < g->num_glyphs; i++) {
        const PangoGlyphInfo *gi = &g->glyphs[i];
        cairo_glyph_t *cg = &b->glyphs[b->n_glyphs + (size_t)i];
        cg->index = gi->glyph;
        cg->x = x + (double)gi->geometry.x_offset / PANGO_SCALE;
        cg->y = y + (double)gi->geometry.y_offset / PANGO_SCALE;
        x += (double)gi->geometry.width / PANGO_SCALE;
    }
    /* Clusters: glyphs sharing a log_cluster share its bytes. */
    for (start = 0; start < g->num_glyphs;) {
        int end = start + 1, from = g->log_clusters[start], to;
        cairo_text_cluster_t *c = &b->clusters[b->n_clusters++];
        while (end < g->num_glyphs && g->log_clusters[end] == from)
            end++;
        to = end < g->num_glyphs ? g->log_clusters[end] : run->item->length;
        c->num_bytes = to - from;
        c->num_glyphs = end - start;
        start = end;
    }
    b->n_glyphs = need;
    b->n_text += (size_t)run->item->length;
}

void rp_glyph_batch_line(struct rp_glyph_batch *b, cairo_t *cr,
                         PangoLayoutLine *line, double x, double y)
{
    const char *text = pango_layout_get_text(line->layout);
    GSList *l;
    double at = x;

    for (l = line->runs; l; l = l->next) {
        if (needs_pango(l->data)) {
            rp_glyph_batch_flush(b, cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_move_to(cr, x, y);
            pango_cairo_show_layout_line(cr, line);
            return;
        }
    }
    for (l = line->runs; l; l = l->next) {
        const PangoGlyphItem *run = l->data;
        batch_run(b, cr, run, text, at, y);
        at += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
    }
}
