/*
 * Drawings on the page: an SVG layout converted into shapes and lines of
 * text (layout.h, struct rp_area_drawing), drawn with Cairo in their
 * order.  Text goes through the glyph batch, so it is real text in the
 * PDF, and consecutive labels in one font, colour and frame are one
 * Cairo operation; a label's halo (paint-order="stroke") is its glyphs'
 * outline stroked under them.
 */
#include "paint_internal.h"

#include <string.h>

#define MAX_RUNS 64

static void set_stroke(cairo_t *cr, const struct rp_area_drawing *d,
                       const struct rp_area_shape *s)
{
    cairo_set_source_rgba(cr, s->stroke.r, s->stroke.g, s->stroke.b,
                          s->stroke.a);
    cairo_set_line_width(cr, s->stroke_width);
    cairo_set_line_cap(cr, s->cap);
    cairo_set_line_join(cr, s->join);
    cairo_set_miter_limit(cr, s->miter_limit);
    cairo_set_dash(cr, s->n_dash ? d->dashes + s->first_dash : NULL,
                   (int)s->n_dash, s->dash_offset);
}

static void path(cairo_t *cr, const struct rp_area_drawing *d,
                 const struct rp_area_shape *s)
{
    const double *p = d->pts + 2 * s->first_pt;
    size_t i;

    cairo_new_path(cr);
    for (i = 0; i < s->n_ops; i++) {
        switch ((enum rp_area_path_op)d->ops[s->first_op + i]) {
        case RP_AREA_PATH_MOVE:
            cairo_move_to(cr, p[0], p[1]);
            p += 2;
            break;
        case RP_AREA_PATH_LINE:
            cairo_line_to(cr, p[0], p[1]);
            p += 2;
            break;
        case RP_AREA_PATH_CURVE:
            cairo_curve_to(cr, p[0], p[1], p[2], p[3], p[4], p[5]);
            p += 6;
            break;
        case RP_AREA_PATH_CLOSE:
            cairo_close_path(cr);
            break;
        }
    }
}

static void paint_path(cairo_t *cr, const struct rp_area_drawing *d,
                       const struct rp_area_shape *s)
{
    bool fill = s->fill.a > 0, stroke = s->stroke.a > 0;

    path(cr, d, s);
    cairo_set_fill_rule(cr, s->even_odd ? CAIRO_FILL_RULE_EVEN_ODD
                                        : CAIRO_FILL_RULE_WINDING);
    if (stroke && s->stroke_first) {
        set_stroke(cr, d, s);
        if (fill)
            cairo_stroke_preserve(cr);
        else
            cairo_stroke(cr);
    }
    if (fill) {
        cairo_set_source_rgba(cr, s->fill.r, s->fill.g, s->fill.b, s->fill.a);
        if (stroke && !s->stroke_first)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (stroke && !s->stroke_first) {
        set_stroke(cr, d, s);
        cairo_stroke(cr);
    }
    rp_marks_ops(cr, (size_t)fill + (size_t)stroke);
}

/* Whether the text's fill can join the glyph batch: opaque, its line
 * plain, and not too many runs for the array below. */
static bool batchable(const struct rp_area_shape *s)
{
    return s->fill.a >= 1 && rp_area_line_is_plain(s->line) &&
           g_slist_length(s->line->runs) <= MAX_RUNS;
}

static void add_text(struct rp_glyph_batch *batch, cairo_t *cr,
                     const struct rp_area_shape *s)
{
    struct rp_area_run runs[MAX_RUNS];
    const char *text = pango_layout_get_text(s->layout);
    size_t n = 0;
    GSList *l;

    for (l = s->line->runs; l && n < MAX_RUNS; l = l->next, n++) {
        rp_area_run_of(l->data, text, &runs[n]);
        runs[n].rgb[0] = s->fill.r;
        runs[n].rgb[1] = s->fill.g;
        runs[n].rgb[2] = s->fill.b;
    }
    rp_glyph_batch_runs(batch, cr, runs, n, s->x, s->y);
}

static void text_stroke(cairo_t *cr, const struct rp_area_drawing *d,
                        const struct rp_area_shape *s)
{
    cairo_new_path(cr);
    cairo_move_to(cr, s->x, s->y);
    pango_cairo_layout_line_path(cr, s->line);
    set_stroke(cr, d, s);
    cairo_stroke(cr);
    rp_marks_ops(cr, 1);
}

void rp_paint_drawing(cairo_t *cr, const struct rp_area_drawing *d, double w,
                      double h)
{
    struct rp_glyph_batch batch;
    const double *batch_m = NULL;
    cairo_matrix_t frame;
    size_t i;

    if (!(d->width > 0 && d->height > 0))
        return;
    rp_glyph_batch_init(&batch);
    cairo_save(cr);
    cairo_scale(cr, w / d->width, h / d->height);
    /* The outermost svg clips to its viewport. */
    cairo_rectangle(cr, 0, 0, d->width, d->height);
    cairo_clip(cr);
    cairo_get_matrix(cr, &frame);
    for (i = 0; i < d->n_shapes; i++) {
        const struct rp_area_shape *s = &d->shapes[i];
        bool text = s->kind == RP_AREA_SHAPE_TEXT;
        cairo_matrix_t m;

        /* Labels in one frame, fill only, go on in the batch. */
        if (text && s->stroke.a <= 0 && batch_m &&
            !memcmp(batch_m, s->m, sizeof(s->m)) && batchable(s)) {
            add_text(&batch, cr, s);
            continue;
        }
        rp_glyph_batch_flush(&batch, cr);
        batch_m = NULL;
        cairo_matrix_init(&m, s->m[0], s->m[1], s->m[2], s->m[3], s->m[4],
                          s->m[5]);
        cairo_set_matrix(cr, &frame);
        cairo_transform(cr, &m);
        if (!text) {
            paint_path(cr, d, s);
            continue;
        }
        if (s->stroke.a > 0 && s->stroke_first)
            text_stroke(cr, d, s);
        if (s->fill.a > 0 && batchable(s)) {
            add_text(&batch, cr, s);
            batch_m = s->m;
        } else if (s->fill.a > 0) {
            cairo_set_source_rgba(cr, s->fill.r, s->fill.g, s->fill.b,
                                  s->fill.a);
            cairo_move_to(cr, s->x, s->y);
            pango_cairo_show_layout_line(cr, s->line);
            rp_marks_line(cr, s->line);
        }
        if (s->stroke.a > 0 && !s->stroke_first) {
            rp_glyph_batch_flush(&batch, cr);
            batch_m = NULL;
            text_stroke(cr, d, s);
        }
    }
    rp_glyph_batch_flush(&batch, cr);
    rp_glyph_batch_release(&batch);
    cairo_new_path(cr);
    cairo_restore(cr);
}
