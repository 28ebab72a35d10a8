/*
 * Inside the paint stage: what its files share.  Not part of its public
 * face (paint.h).
 */
#ifndef RP_PAINT_INTERNAL_H
#define RP_PAINT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "paint.h"

/* Glyphs of one font and colour, waiting to be drawn together. */
struct rp_glyph_batch {
    cairo_scaled_font_t *font; /* a reference, or NULL */
    double color[3];
    cairo_glyph_t *glyphs;
    size_t n_glyphs, cap_glyphs;
    cairo_text_cluster_t *clusters;
    size_t n_clusters, cap_clusters;
    char *text;
    size_t n_text, cap_text;
};

void rp_glyph_batch_init(struct rp_glyph_batch *batch);
void rp_glyph_batch_release(struct rp_glyph_batch *batch);
/* Adds a line of text at baseline origin (x, y), or draws it with Pango
 * (after flushing) when its runs need more than plain glyphs. */
void rp_glyph_batch_line(struct rp_glyph_batch *batch, cairo_t *cr,
                         PangoLayoutLine *line, double x, double y);
/* Adds glyph runs at baseline origin (x, y). */
void rp_glyph_batch_runs(struct rp_glyph_batch *batch, cairo_t *cr,
                         const struct rp_area_run *runs, size_t n, double x,
                         double y);
/* Draws what is waiting; call before anything else is painted. */
void rp_glyph_batch_flush(struct rp_glyph_batch *batch, cairo_t *cr);

/* Draws an IMAGE item: its image in its viewport, or a placeholder
 * (image.c). */
void rp_paint_image(cairo_t *cr, const struct rp_area_item *item);

#endif
