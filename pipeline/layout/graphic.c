/*
 * Graphics in lines: fo:external-graphic and fo:instream-foreign-object
 * are inline-level, so a graphic stands in its paragraph as one object
 * character that Pango sizes like a glyph (a shape attribute, lines.c),
 * and the line grows to its height.  Here: the image behind a graphic,
 * its viewport and content sized as XSL 1.1 and Apache FOP do, and the
 * image items of a laid-out line.
 */
#include "image.h"
#include "paragraph.h"
#include "svg.h"

#include <stdio.h>
#include <string.h>

/* A graphic with no image and no size asked for: an inch square. */
#define PLACEHOLDER_SIZE 72.0

#define SVG_NS "http://www.w3.org/2000/svg"

/* A length of the viewport: < 0 for auto (or a percentage of nothing). */
static double viewport_length(const struct rp_fo_length *l, double base)
{
    switch (l->kind) {
    case RP_FO_LENGTH_ABSOLUTE:
        return l->value;
    case RP_FO_LENGTH_PERCENT:
        return base > 0 ? base * l->value / 100.0 + l->plus : -1;
    default:
        return -1;
    }
}

/* content-width/-height as FOP's ImageLayout: < 0 when not decided. */
static double content_length(const struct rp_fo_content_size *c,
                             double intrinsic, double viewport)
{
    switch (c->kind) {
    case RP_FO_CONTENT_SCALE_TO_FIT:
        return viewport >= 0 ? viewport : -1;
    case RP_FO_CONTENT_SCALE_DOWN:
        return viewport >= 0 && intrinsic > viewport ? viewport : -1;
    case RP_FO_CONTENT_SCALE_UP:
        return viewport >= 0 && intrinsic < viewport ? viewport : -1;
    case RP_FO_CONTENT_LENGTH:
        return c->value;
    case RP_FO_CONTENT_PERCENT:
        return intrinsic * c->value / 100.0;
    default:
        return -1;
    }
}

static double clamp_length(double v)
{
    return v < 0 ? 0 : v > RP_FO_MAX_LENGTH ? RP_FO_MAX_LENGTH : v;
}

void rp_graphic_compute(const struct rp_fo_props *p, double iw, double ih,
                        double ref_width, struct rp_graphic_box *out)
{
    /* A percentage height has no base in a line: auto, as FOP. */
    double vw = viewport_length(&p->width, ref_width);
    double vh = viewport_length(&p->height, -1);
    double cw = content_length(&p->content_width, iw, vw);
    double ch = content_length(&p->content_height, ih, vh);
    double slack_w, slack_h;

    if (!p->scaling_non_uniform) {
        if (cw < 0 && ch < 0) {
            cw = iw;
            ch = ih;
        } else if (cw < 0) {
            cw = ih > 0 ? iw * ch / ih : 0;
        } else if (ch < 0) {
            ch = iw > 0 ? ih * cw / iw : 0;
        } else if (iw > 0 && ih > 0) {
            /* Both given: the smaller scale wins, the shape is kept. */
            double sx = cw / iw, sy = ch / ih;
            if (sx < sy)
                ch = sx * ih;
            else if (sy < sx)
                cw = sy * iw;
        }
    } else {
        if (cw < 0)
            cw = iw;
        if (ch < 0)
            ch = ih;
    }
    cw = clamp_length(cw);
    ch = clamp_length(ch);
    if (vw < 0)
        vw = cw;
    if (vh < 0)
        vh = ch;
    out->w = clamp_length(vw);
    out->h = clamp_length(vh);
    out->content_w = cw;
    out->content_h = ch;
    out->overflows = cw > out->w + 0.005 || ch > out->h + 0.005;
    out->clip = out->overflows && p->overflow != RP_FO_OVERFLOW_VISIBLE;
    /* text-align and display-align place the content in the viewport. */
    slack_w = out->w - cw;
    slack_h = out->h - ch;
    out->dx = p->text_align == RP_FO_ALIGN_CENTER ? slack_w / 2
              : p->text_align == RP_FO_ALIGN_END  ? slack_w
                                                  : 0;
    out->dy = p->display_align == 1   ? slack_h / 2
              : p->display_align == 2 ? slack_h
                                      : 0;
}

static const struct rp_area_image *load(struct rp_layout *layout,
                                        const struct rp_fo_node *node,
                                        char *why, size_t size,
                                        const char **what)
{
    struct rp_fo_doc *doc = layout->doc;
    const char *reason = NULL;
    const struct rp_area_image *image;
    char *path = NULL;
    struct rp_svg_fonts fonts;
    int r;

    if (!layout->images)
        layout->images = rp_image_cache_new();
    fonts = (struct rp_svg_fonts){layout->pango, layout->shapes};
    if (node->kind == RP_FO_INSTREAM_FOREIGN_OBJECT) {
        *what = "its SVG";
        if (!node->text || strlen(node->text) > RP_IMAGE_MAX_SVG_BYTES) {
            snprintf(why, size,
                     node->text ? "it is larger than the SVG limit"
                                : "it does not hold an svg:svg element "
                                  "(namespace " SVG_NS ")");
            return NULL;
        }
        /* Its root is checked as it is read (svg.c). */
        return rp_image_load_svg(layout->images, node->text, strlen(node->text),
                                 &fonts, why, size);
    }
    *what = node->props.src ? node->props.src : "(no src)";
    r = rp_image_resolve(node->props.src, rp_fo_doc_base_dir(doc),
                         rp_fo_doc_assets_dir(doc), &path, &reason);
    if (r != 0) {
        snprintf(why, size, "%s%s", r < 0 ? "refused: " : "", reason);
        return NULL;
    }
    image = rp_image_load_file(layout->images, path, &fonts, why, size);
    free(path);
    return image;
}

void rp_layout_graphic(struct rp_layout *layout, const struct rp_fo_node *node,
                       double ref_width, struct graphic *out)
{
    char why[512] = "", key[600];
    const char *what = "";
    const struct rp_area_image *image =
        load(layout, node, why, sizeof(why), &what);
    struct rp_graphic_box box;

    memset(out, 0, sizeof(*out));
    if (!image) {
        /* One warning per image and line, however often it is laid out. */
        snprintf(key, sizeof(key), "graphic:%ld:%s", node->line, what);
        rp_fo_doc_warn_once(layout->doc, key, node->line,
                            "fo:%s: image %s not shown (a placeholder "
                            "instead): %s",
                            rp_fo_kind_name(node->kind), what, why);
    }
    rp_graphic_compute(&node->props, image ? image->width : PLACEHOLDER_SIZE,
                       image ? image->height : PLACEHOLDER_SIZE, ref_width,
                       &box);
    if (image && box.overflows &&
        node->props.overflow == RP_FO_OVERFLOW_ERROR) {
        snprintf(key, sizeof(key), "graphic-overflow:%ld", node->line);
        rp_fo_doc_warn_once(layout->doc, key, node->line,
                            "fo:%s: the image (%.1f x %.1f pt) is larger "
                            "than its viewport (%.1f x %.1f pt); clipped "
                            "(overflow=\"error-if-overflow\")",
                            rp_fo_kind_name(node->kind), box.content_w,
                            box.content_h, box.w, box.h);
    }
    out->image = image;
    out->w = box.w;
    out->h = box.h;
    out->dx = box.dx;
    out->dy = box.dy;
    out->content_w = image ? box.content_w : box.w;
    out->content_h = image ? box.content_h : box.h;
    if (!image)
        out->dx = out->dy = 0;
    out->clip = box.clip;
    out->alt = node->props.alt_text;
}

void rp_graphics_draw(const struct rp_paragraph *para, PangoLayout *layout,
                      int index_shift, size_t line_start, size_t line_end,
                      double x, double baseline, struct rp_item_list *items)
{
    size_t i;

    for (i = 0; i < para->n_graphics; i++) {
        const struct graphic *g = &para->graphics[i];
        struct rp_area_item item = {0};
        PangoRectangle pos;

        if (g->offset < line_start || g->offset >= line_end)
            continue;
        pango_layout_index_to_pos(layout, (int)g->offset + index_shift, &pos);
        item.kind = RP_AREA_IMAGE;
        item.x = x + (double)pos.x / PANGO_SCALE;
        item.y = baseline - g->h;
        item.w = g->w;
        item.h = g->h;
        item.image = g->image;
        item.image_dx = g->dx;
        item.image_dy = g->dy;
        item.image_w = g->content_w;
        item.image_h = g->content_h;
        item.clip = g->clip;
        item.alt = g->alt;
        /* A Figure of a tagged PDF, with its alternative text (painters
         * that make no structure pass these items over). */
        rp_struct_push(items, true, "Figure", g->alt, 0);
        rp_item_list_push(items, &item);
        rp_struct_push(items, false, NULL, NULL, 0);
    }
}
