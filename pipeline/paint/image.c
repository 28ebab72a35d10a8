/*
 * Images on the page: rasters as Cairo surfaces (a JPEG's own bytes go
 * into the PDF, and a surface shown on many pages is one PDF object, by
 * CAIRO_MIME_TYPE_UNIQUE_ID), SVG drawn by librsvg on the same Cairo
 * context so that it stays vector and its text stays text, and the
 * placeholder drawn where an image could not be used.  An SVG layout
 * drew itself (a drawing) is painted by drawing.c.
 */
#include "paint_internal.h"

#include <librsvg/rsvg.h>

#include "common/log.h"

/* A light grey box with a thin border and a diagonal cross. */
static void paint_placeholder(cairo_t *cr, const struct rp_area_item *item)
{
    double x = item->x, y = item->y, w = item->w, h = item->h;

    if (!(w > 0 && h > 0))
        return;
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_fill_preserve(cr);
    cairo_clip_preserve(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + w, y + h);
    cairo_move_to(cr, x + w, y);
    cairo_line_to(cr, x, y + h);
    cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr, 0.75);
    cairo_stroke(cr);
    rp_marks_ops(cr, 2);
    cairo_restore(cr);
}

static void paint_raster(cairo_t *cr, const struct rp_area_image *image,
                         double w, double h)
{
    int pw = cairo_image_surface_get_width(image->surface);
    int ph = cairo_image_surface_get_height(image->surface);

    if (pw <= 0 || ph <= 0)
        return;
    cairo_scale(cr, w / pw, h / ph);
    cairo_set_source_surface(cr, image->surface, 0, 0);
    cairo_rectangle(cr, 0, 0, pw, ph);
    cairo_fill(cr);
    rp_marks_ops(cr, 1);
}

/* SVG: drawn at its intrinsic size, scaled to the content box (so that
 * non-uniform scaling stretches it, as FOP does). */
static void paint_svg(cairo_t *cr, const struct rp_area_image *image, double w,
                      double h)
{
    RsvgRectangle viewport = {0, 0, image->width, image->height};
    GError *error = NULL;
    RsvgHandle *handle = rsvg_handle_new_from_data((const guint8 *)image->svg,
                                                   image->svg_len, &error);

    if (!handle) {
        /* Read once by layout already: not expected. */
        rp_log_warn("an SVG image cannot be drawn: %s",
                    error ? error->message : "unknown error");
        g_clear_error(&error);
        return;
    }
    /* librsvg paints what it paints: no count can follow it. */
    rp_marks_uncountable(cr);
    rsvg_handle_set_dpi(handle, 72.0);
    cairo_scale(cr, w / image->width, h / image->height);
    if (!rsvg_handle_render_document(handle, cr, &viewport, &error)) {
        rp_log_warn("an SVG image cannot be drawn: %s",
                    error ? error->message : "unknown error");
        g_clear_error(&error);
    }
    g_object_unref(handle);
}

void rp_paint_image(cairo_t *cr, const struct rp_area_item *item)
{
    const struct rp_area_image *image = item->image;

    if (!image) {
        paint_placeholder(cr, item);
        return;
    }
    if (!(item->image_w > 0 && item->image_h > 0 && image->width > 0 &&
          image->height > 0))
        return;
    cairo_save(cr);
    if (item->clip) {
        cairo_rectangle(cr, item->x, item->y, item->w, item->h);
        cairo_clip(cr);
    }
    cairo_translate(cr, item->x + item->image_dx, item->y + item->image_dy);
    if (image->format == RP_AREA_IMAGE_DRAWING)
        rp_paint_drawing(cr, image->drawing, item->image_w, item->image_h);
    else if (image->format == RP_AREA_IMAGE_SVG)
        paint_svg(cr, image, item->image_w, item->image_h);
    else
        paint_raster(cr, image, item->image_w, item->image_h);
    cairo_restore(cr);
}
