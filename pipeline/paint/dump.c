/*
 * The area tree as text: one line per item, coordinates to two decimals,
 * so a layout change shows up as a readable diff.
 */
#include "paint.h"

#include <string.h>

static void dump_color(FILE *out, const struct rp_area_color *c)
{
    fprintf(out, "#%02x%02x%02x", (int)(c->r * 255 + 0.5),
            (int)(c->g * 255 + 0.5), (int)(c->b * 255 + 0.5));
}

static void dump_text(FILE *out, const struct rp_area_item *item, GString *text)
{
    size_t i;

    g_string_truncate(text, 0);
    rp_area_text(item, text);
    fprintf(out, "text %.2f %.2f w=%.2f \"", item->x, item->y, item->w);
    for (i = 0; i < text->len; i++) {
        if (text->str[i] == '"' || text->str[i] == '\\')
            fputc('\\', out);
        fputc(text->str[i], out);
    }
    fputs("\"\n", out);
}

void rp_paint_dump_page(FILE *out, const struct rp_area_page *page)
{
    static const char *const styles[] = {"solid",  "dashed", "dotted",
                                         "double", "ridge",  "groove"};
    GString *text = g_string_new(NULL);
    size_t i;
    int depth = 0;

    fprintf(out, "page %d folio %d %.2fx%.2f\n", page->index, page->number,
            page->width, page->height);
    for (i = 0; i < page->n_items; i++) {
        const struct rp_area_item *item = &page->items[i];
        /* What a positioned area holds is indented under it. */
        if (item->kind == RP_AREA_GROUP_END && depth > 0)
            depth--;
        /* Structure is checked on the PDF (tests/e2e/tagged.t); the
         * dump stays about geometry. */
        if (item->kind == RP_AREA_STRUCT_BEGIN ||
            item->kind == RP_AREA_STRUCT_END)
            continue;
        if (item->kind != RP_AREA_DEFERRED)
            fprintf(out, "%*s", 2 + 2 * depth, "");
        switch (item->kind) {
        case RP_AREA_RECT:
            fprintf(out, "rect %.2f %.2f %.2fx%.2f ", item->x, item->y, item->w,
                    item->h);
            dump_color(out, &item->color);
            fputc('\n', out);
            break;
        case RP_AREA_RULE:
            fprintf(out, "rule %.2f %.2f -> %.2f %.2f %.2f %s ", item->x,
                    item->y, item->x + item->w, item->y + item->h,
                    item->rule_width, styles[item->rule_style]);
            dump_color(out, &item->color);
            fputc('\n', out);
            break;
        case RP_AREA_TEXT:
        case RP_AREA_GLYPHS:
            dump_text(out, item, text);
            break;
        case RP_AREA_LINK:
            fprintf(out, "link %.2f %.2f %.2fx%.2f %s %s\n", item->x, item->y,
                    item->w, item->h, item->internal ? "dest" : "uri",
                    item->target);
            break;
        case RP_AREA_DEST:
            fprintf(out, "dest %.2f %.2f %s\n", item->x, item->y, item->target);
            break;
        case RP_AREA_GROUP:
            fprintf(out, "group %.2f %.2f %.2fx%.2f z=%d%s%s", item->x, item->y,
                    item->w, item->h, item->z, item->clip ? " clip" : "",
                    item->flow ? " flow" : "");
            /* Items inside stand in the turned frame (layout.h). */
            if (item->rotation)
                fprintf(out, " rotate=%d", item->rotation * 90);
            fputc('\n', out);
            depth++;
            break;
        case RP_AREA_GROUP_END:
            fputs("end\n", out);
            break;
        case RP_AREA_IMAGE:
            fprintf(out, "image %.2f %.2f %.2fx%.2f ", item->x, item->y,
                    item->w, item->h);
            if (item->image)
                fprintf(out, "%s#%u content %.2f %.2f %.2fx%.2f%s",
                        item->image->format == RP_AREA_IMAGE_PNG    ? "png"
                        : item->image->format == RP_AREA_IMAGE_JPEG ? "jpeg"
                        : item->image->format == RP_AREA_IMAGE_SVG  ? "svg"
                                                                    : "drawing",
                        item->image->id, item->image_dx, item->image_dy,
                        item->image_w, item->image_h,
                        item->clip ? " clip" : "");
            else
                fputs("placeholder", out);
            if (item->alt)
                fprintf(out, " alt=\"%s\"", item->alt);
            fputc('\n', out);
            break;
        case RP_AREA_STRUCT_BEGIN:
        case RP_AREA_STRUCT_END:
            break;
        case RP_AREA_DEFERRED:
            break;
        }
    }
    g_string_free(text, TRUE);
}

static enum rp_status dump_sink_page(void *ctx, const struct rp_area_page *page,
                                     struct rp_error *err)
{
    (void)err;
    rp_paint_dump_page(ctx, page);
    return RP_OK;
}

struct rp_layout_sink rp_paint_dump_sink(FILE *out)
{
    struct rp_layout_sink sink = {dump_sink_page, out, false};
    return sink;
}
