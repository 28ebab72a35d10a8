/*
 * Boxes and decorations: the unbreakable slices of block-progression
 * content, how they turn into page items, and the stacker that piles them
 * up where there is no page to break (table cells, static content).
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/color.h"
#include "common/mem.h"

void rp_item_list_push(struct rp_item_list *list,
                       const struct rp_area_item *item)
{
    rp_array_grow((void **)&list->items, &list->cap, list->n + 1,
                  sizeof(*list->items));
    list->items[list->n++] = *item;
}

void rp_item_list_append(struct rp_item_list *dst,
                         const struct rp_item_list *src, double dx, double dy)
{
    size_t i;

    rp_array_grow((void **)&dst->items, &dst->cap, dst->n + src->n,
                  sizeof(*dst->items));
    for (i = 0; i < src->n; i++) {
        struct rp_area_item *item = &dst->items[dst->n++];
        *item = src->items[i];
        item->x += dx;
        item->y += dy;
        if (item->layout)
            g_object_ref(item->layout);
    }
}

void rp_item_list_release(struct rp_item_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        if (list->items[i].layout)
            g_object_unref(list->items[i].layout);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

struct rp_box *rp_box_new(void)
{
    struct rp_box *box = rp_xcalloc(1, sizeof(*box));
    box->refs = 1;
    return box;
}

struct rp_marker *rp_marker_ref(struct rp_marker *marker)
{
    marker->refs++;
    return marker;
}

void rp_marker_unref(struct rp_marker *marker)
{
    if (!marker || --marker->refs > 0)
        return;
    rp_fo_node_free(marker->retrieved);
    rp_fo_node_free(marker->node);
    free(marker);
}

void rp_box_add_id(struct rp_box *box, const char *id, bool is_end)
{
    struct rp_id_mark *mark = rp_xcalloc(1, sizeof(*mark));
    mark->id = id;
    mark->is_end = is_end;
    mark->next = box->ids;
    box->ids = mark;
}

void rp_id_marks_move(struct rp_id_mark **to, struct rp_id_mark **from)
{
    while (*to)
        to = &(*to)->next;
    *to = *from;
    *from = NULL;
}

struct rp_box *rp_box_ref(struct rp_box *box)
{
    box->refs++;
    return box;
}

void rp_box_unref(struct rp_box *box)
{
    struct rp_id_mark *mark, *next;

    if (!box || --box->refs > 0)
        return;
    rp_item_list_release(&box->items);
    rp_deco_unref(box->deco);
    rp_table_ctx_unref(box->table);
    for (mark = box->ids; mark; mark = next) {
        next = mark->next;
        free(mark);
    }
    rp_row_free(box->row);
    rp_box_unref(box->continued_by);
    rp_positioned_free(box->positioned);
    for (size_t i = 0; i < box->n_footnotes; i++)
        rp_footnote_unref(box->footnotes[i]);
    free(box->footnotes);
    while (box->markers) {
        struct rp_marker_list *m = box->markers;
        box->markers = m->next;
        rp_marker_unref(m->marker);
        free(m);
    }
    free(box);
}

struct rp_deco *rp_deco_ref(struct rp_deco *deco)
{
    if (deco)
        deco->refs++;
    return deco;
}

void rp_deco_unref(struct rp_deco *deco)
{
    while (deco && --deco->refs == 0) {
        struct rp_deco *parent = deco->parent;
        free(deco);
        deco = parent;
    }
}

void rp_table_ctx_unref(struct rp_table_ctx *table)
{
    size_t i;

    if (!table || --table->refs > 0)
        return;
    for (i = 0; i < table->n_header; i++)
        rp_box_unref(table->header[i]);
    free(table->header);
    for (i = 0; i < table->n_footer; i++)
        rp_box_unref(table->footer[i]);
    free(table->footer);
    free(table);
}

struct rp_area_color rp_area_color_of(struct rp_fo_color c)
{
    struct rp_area_color a = {c.r, c.g, c.b, c.a};
    return a;
}

/* The part of one decoration that lies in a run of placed boxes. */
struct deco_span {
    const struct rp_deco *deco;
    double top, bottom;
    bool has_first, has_last;
};

static struct deco_span *find_span(struct deco_span *spans, size_t n,
                                   const struct rp_deco *deco)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (spans[i].deco == deco)
            return &spans[i];
    }
    return NULL;
}

static int compare_depth(const void *a, const void *b)
{
    const struct deco_span *x = a, *y = b;
    return x->deco->depth - y->deco->depth;
}

/*
 * The painter's rule style for an FO border or rule style: inset and
 * outset are solid, their tone chosen by the side (emit_border); none
 * and hidden draw nothing, and are solid where a rule asks for them.
 */
enum rp_area_rule_style rp_rule_style_of(enum rp_fo_border_style style)
{
    static const enum rp_area_rule_style styles[] = {
        [RP_FO_BORDER_NONE] = RP_AREA_RULE_SOLID,
        [RP_FO_BORDER_SOLID] = RP_AREA_RULE_SOLID,
        [RP_FO_BORDER_DASHED] = RP_AREA_RULE_DASHED,
        [RP_FO_BORDER_DOTTED] = RP_AREA_RULE_DOTTED,
        [RP_FO_BORDER_DOUBLE] = RP_AREA_RULE_DOUBLE,
        [RP_FO_BORDER_RIDGE] = RP_AREA_RULE_RIDGE,
        [RP_FO_BORDER_GROOVE] = RP_AREA_RULE_GROOVE,
        [RP_FO_BORDER_INSET] = RP_AREA_RULE_SOLID,
        [RP_FO_BORDER_OUTSET] = RP_AREA_RULE_SOLID,
    };

    return (size_t)style < sizeof(styles) / sizeof(styles[0])
               ? styles[style]
               : RP_AREA_RULE_SOLID;
}

/*
 * A border side's rule.  leading: the top or left side, which an inset
 * border draws darker and an outset one lighter (and the others the
 * other way), as Apache FOP does: solid, so the painter needs no side.
 */
static void emit_border(struct rp_item_list *out, const struct rp_fo_border *b,
                        bool leading, double x1, double y1, double x2,
                        double y2)
{
    struct rp_area_item item = {0};

    if (b->style == RP_FO_BORDER_NONE || b->width <= 0 || b->color.a == 0)
        return;
    item.kind = RP_AREA_RULE;
    item.x = x1;
    item.y = y1;
    item.w = x2 - x1;
    item.h = y2 - y1;
    item.color = rp_area_color_of(b->color);
    if (b->style == RP_FO_BORDER_INSET || b->style == RP_FO_BORDER_OUTSET) {
        struct rp_color c = {item.color.r, item.color.g, item.color.b,
                             item.color.a};
        double f = b->style == RP_FO_BORDER_OUTSET ? 0.4 : -0.4;
        c = rp_color_lighten(c, leading ? f : -f);
        item.color.r = c.r;
        item.color.g = c.g;
        item.color.b = c.b;
    }
    item.rule_width = b->width;
    item.rule_style = rp_rule_style_of(b->style);
    rp_item_list_push(out, &item);
}

static double border_width(const struct rp_fo_border *b)
{
    return b->style == RP_FO_BORDER_NONE ? 0 : b->width;
}

/*
 * Borders are stroked along the middle of the border band, so the band
 * itself lies inside the border box.
 */
void rp_emit_box_borders(struct rp_item_list *out,
                         const struct rp_fo_border border[4], double x,
                         double y, double w, double h, bool top, bool bottom)
{
    double t = border_width(&border[RP_FO_TOP]);
    double r = border_width(&border[RP_FO_RIGHT]);
    double b = border_width(&border[RP_FO_BOTTOM]);
    double l = border_width(&border[RP_FO_LEFT]);

    if (top)
        emit_border(out, &border[RP_FO_TOP], true, x, y + t / 2, x + w,
                    y + t / 2);
    if (bottom)
        emit_border(out, &border[RP_FO_BOTTOM], false, x, y + h - b / 2, x + w,
                    y + h - b / 2);
    emit_border(out, &border[RP_FO_LEFT], true, x + l / 2, y, x + l / 2, y + h);
    emit_border(out, &border[RP_FO_RIGHT], false, x + w - r / 2, y,
                x + w - r / 2, y + h);
}

void rp_emit_grid_borders(struct rp_item_list *out,
                          const struct rp_fo_border border[4], double x,
                          double y, double w, double h)
{
    emit_border(out, &border[RP_FO_TOP], true, x, y, x + w, y);
    emit_border(out, &border[RP_FO_BOTTOM], false, x, y + h, x + w, y + h);
    emit_border(out, &border[RP_FO_LEFT], true, x, y, x, y + h);
    emit_border(out, &border[RP_FO_RIGHT], false, x + w, y, x + w, y + h);
}

void rp_emit_placed(const struct rp_placed *placed, size_t n, double dx,
                    double dy, struct rp_item_list *out)
{
    struct deco_span *spans = NULL;
    size_t n_spans = 0, cap_spans = 0, i;
    int k;

    for (i = 0; i < n; i++) {
        const struct rp_box *box = placed[i].box;
        const struct rp_deco *d;
        double top = placed[i].y, bottom = placed[i].y + box->height;

        for (d = box->deco; d; d = d->parent) {
            struct deco_span *span = find_span(spans, n_spans, d);
            if (!span) {
                rp_array_grow((void **)&spans, &cap_spans, n_spans + 1,
                              sizeof(*spans));
                span = &spans[n_spans++];
                span->deco = d;
                span->top = top;
                span->bottom = bottom;
                span->has_first = false;
                span->has_last = false;
            }
            if (top < span->top)
                span->top = top;
            if (bottom > span->bottom)
                span->bottom = bottom;
            if (box->serial == d->first_serial)
                span->has_first = true;
            if (box->serial == d->last_serial)
                span->has_last = true;
        }
    }
    if (n_spans > 1)
        qsort(spans, n_spans, sizeof(*spans), compare_depth);
    for (i = 0; i < n_spans; i++) {
        const struct rp_deco *d = spans[i].deco;
        struct rp_area_item item = {0};
        if (d->background.a == 0)
            continue;
        item.kind = RP_AREA_RECT;
        item.x = d->x + dx;
        item.y = spans[i].top + dy;
        item.w = d->w;
        item.h = spans[i].bottom - spans[i].top;
        item.color = d->background;
        rp_item_list_push(out, &item);
    }
    for (i = 0; i < n; i++) {
        const struct rp_box *box = placed[i].box;
        size_t from = out->n, j;
        rp_item_list_append(out, &box->items, dx, placed[i].y + dy);
        if (placed[i].artifact) {
            /* A repeated header or footer row: the structure its box
             * began or ended stays where the row first came. */
            size_t kept = from;
            for (j = from; j < out->n; j++) {
                if (out->items[j].kind != RP_AREA_STRUCT_BEGIN &&
                    out->items[j].kind != RP_AREA_STRUCT_END)
                    out->items[kept++] = out->items[j];
            }
            out->n = kept;
            from = kept;
        }
        if (box->row)
            rp_row_emit(box->row, dx, placed[i].y + dy, out);
        for (k = 0; !placed[i].artifact && k < box->struct_ends; k++)
            rp_struct_push(out, false, NULL, NULL, 0);
        /* Repeated on a new page: read once, where the table has it. */
        if (placed[i].artifact && box->row && box->row->structure)
            rp_struct_artifact(out, from);
    }
    for (i = 0; i < n_spans; i++) {
        const struct rp_deco *d = spans[i].deco;
        rp_emit_box_borders(out, d->border, d->x + dx, spans[i].top + dy, d->w,
                            spans[i].bottom - spans[i].top, spans[i].has_first,
                            spans[i].has_last);
    }
    free(spans);
}

static enum rp_status stacker_add(struct rp_consumer *consumer,
                                  struct rp_box *box, struct rp_error *err)
{
    struct rp_stacker *s = (struct rp_stacker *)consumer;
    (void)err;

    /* Space at the start of a reference area is discarded, as on pages. */
    if (s->n > 0)
        s->height += box->space_before;
    rp_array_grow((void **)&s->placed, &s->cap, s->n + 1, sizeof(*s->placed));
    s->placed[s->n].box = box;
    s->placed[s->n].y = s->height;
    s->placed[s->n].artifact = false;
    s->n++;
    s->height += box->height;
    return RP_OK;
}

void rp_stacker_init(struct rp_stacker *stacker)
{
    memset(stacker, 0, sizeof(*stacker));
    stacker->base.add = stacker_add;
}

void rp_stacker_finish(struct rp_stacker *stacker, double dx, double dy,
                       struct rp_item_list *out)
{
    rp_emit_placed(stacker->placed, stacker->n, dx, dy, out);
    rp_stacker_release(stacker);
}

void rp_stacker_release(struct rp_stacker *stacker)
{
    size_t i;
    for (i = 0; i < stacker->n; i++)
        rp_box_unref(stacker->placed[i].box);
    free(stacker->placed);
    rp_stacker_init(stacker);
}
