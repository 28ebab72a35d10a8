/*
 * A table row once laid out (struct rp_row): drawn at its place on a page,
 * with the rules of adjacent cells merged, and split between pages when
 * it is taller than the room left (its cells' boxes divided where they
 * fit).
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static void push_area_rect(struct rp_item_list *items, double x, double y,
                           double w, double h, struct rp_area_color color)
{
    struct rp_area_item item = {0};
    item.kind = RP_AREA_RECT;
    item.x = x;
    item.y = y;
    item.w = w;
    item.h = h;
    item.color = color;
    rp_item_list_push(items, &item);
}

void rp_row_free(struct rp_row *row)
{
    size_t i, k;

    if (!row)
        return;
    for (i = 0; i < row->n_cells; i++) {
        for (k = 0; k < row->cells[i].n_content; k++)
            rp_box_unref(row->cells[i].content[k].box);
        free(row->cells[i].content);
    }
    free(row->cells);
    free(row->bands);
    free(row);
}

static bool same_rule_style(const struct rp_area_item *a,
                            const struct rp_area_item *b)
{
    return a->rule_width == b->rule_width && a->rule_style == b->rule_style &&
           a->color.r == b->color.r && a->color.g == b->color.g &&
           a->color.b == b->color.b && a->color.a == b->color.a;
}

/*
 * Collapsed borders meet end to end along a row: a line of one style
 * across five cells is one stroke, not five (or ten where neighbours
 * both draw it).  Each stroke costs PDF operators and time.
 */
void rp_items_merge_rules(struct rp_item_list *out, size_t from)
{
    size_t i, j, kept = from;

    for (i = from; i < out->n; i++) {
        struct rp_area_item *a = &out->items[i];
        bool merged = false;
        if (a->kind != RP_AREA_RULE) {
            out->items[kept++] = *a;
            continue;
        }
        for (j = from; j < kept && !merged; j++) {
            struct rp_area_item *b = &out->items[j];
            if (b->kind != RP_AREA_RULE || !same_rule_style(a, b))
                continue;
            if (a->h == 0 && b->h == 0 && fabs(a->y - b->y) < 0.001 &&
                a->x <= b->x + b->w + 0.001 && a->x + a->w >= b->x - 0.001) {
                double x0 = fmin(a->x, b->x);
                double x1 = fmax(a->x + a->w, b->x + b->w);
                b->x = x0;
                b->w = x1 - x0;
                merged = true;
            } else if (a->w == 0 && b->w == 0 && fabs(a->x - b->x) < 0.001 &&
                       a->y <= b->y + b->h + 0.001 &&
                       a->y + a->h >= b->y - 0.001) {
                double y0 = fmin(a->y, b->y);
                double y1 = fmax(a->y + a->h, b->y + b->h);
                b->y = y0;
                b->h = y1 - y0;
                merged = true;
            }
        }
        if (!merged)
            out->items[kept++] = *a;
    }
    out->n = kept;
}

void rp_row_emit(const struct rp_row *row, double dx, double dy,
                 struct rp_item_list *out)
{
    size_t i, first_border;

    if (row->structure)
        rp_struct_push(out, true, "TR", NULL, row->part);
    for (i = 0; i < row->n_bands; i++)
        push_area_rect(out, row->left + dx, dy + row->bands[i].top,
                       row->right - row->left, row->bands[i].height,
                       row->bands[i].color);
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        if (c->background.a > 0)
            push_area_rect(out, c->x + dx, dy + c->top, c->w, c->height,
                           c->background);
    }
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        double slot = c->height - c->inset_top - c->inset_bottom;
        double off = c->inset_top;
        if (slot > c->content_height)
            off += (slot - c->content_height) * c->display_align / 2.0;
        if (row->structure)
            rp_struct_push(out, true,
                           row->part == RP_AREA_TR_HEADER ? "TH" : "TD", NULL,
                           0);
        rp_emit_placed(c->content, c->n_content, dx, dy + c->top + off, out);
        if (row->structure)
            rp_struct_push(out, false, NULL, NULL, 0);
    }
    first_border = out->n;
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        if (row->separate)
            rp_emit_box_borders(out, c->border, c->x + dx, dy + c->top, c->w,
                                c->height, true, true);
        else
            rp_emit_grid_borders(out, c->border, c->x + dx, dy + c->top, c->w,
                                 c->height);
    }
    if (!row->separate)
        rp_items_merge_rules(out, first_border);
    if (row->structure)
        rp_struct_push(out, false, NULL, NULL, 0);
}

/* How many of a cell's boxes fit in room, breaking only where allowed. */
static size_t boxes_that_fit(const struct rp_row_cell *c, double room)
{
    size_t j = c->n_content;

    while (j > 0) {
        const struct rp_placed *last = &c->content[j - 1];
        bool allowed = j == c->n_content || !c->content[j].box->keep_with_prev;
        if (allowed && last->y + last->box->height <= room + 0.01)
            return j;
        j--;
    }
    return 0;
}

static struct rp_box *row_part(const struct rp_box *box, const size_t *from,
                               const size_t *to)
{
    const struct rp_row *row = box->row;
    struct rp_box *part = rp_box_new();
    struct rp_row *r = rp_xcalloc(1, sizeof(*r));
    size_t i, k;
    double height = 0;

    *r = *row;
    r->cells = rp_xcalloc(row->n_cells ? row->n_cells : 1, sizeof(*r->cells));
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        struct rp_row_cell *rc = &r->cells[i];
        double base = from[i] < to[i] ? c->content[from[i]].y : 0;
        *rc = *c;
        rc->n_content = to[i] - from[i];
        rc->content =
            rp_xcalloc(rc->n_content ? rc->n_content : 1, sizeof(*rc->content));
        rc->content_height = 0;
        for (k = 0; k < rc->n_content; k++) {
            rc->content[k].box = rp_box_ref(c->content[from[i] + k].box);
            rc->content[k].y = c->content[from[i] + k].y - base;
            rc->content_height = rc->content[k].y + rc->content[k].box->height;
        }
        if (rc->content_height + rc->inset_top + rc->inset_bottom > height)
            height = rc->content_height + rc->inset_top + rc->inset_bottom;
    }
    part->row = r;
    part->height = height + row->sep_y;
    part->serial = box->serial;
    part->deco = rp_deco_ref(box->deco);
    if (box->table) {
        part->table = box->table;
        box->table->refs++;
    }
    /* A single row: its cells and its band take the part's height. */
    for (i = 0; i < r->n_cells; i++) {
        r->cells[i].top = row->sep_y / 2;
        r->cells[i].height = height;
    }
    r->bands = NULL;
    if (row->n_bands) {
        r->bands = rp_xcalloc(1, sizeof(*r->bands));
        r->bands[0] = row->bands[0];
        r->bands[0].top = 0;
        r->bands[0].height = part->height;
    }
    return part;
}

bool rp_row_split(const struct rp_box *box, double avail, struct rp_box **first,
                  struct rp_box **rest)
{
    const struct rp_row *row = box->row;
    size_t *cut, *zero, *end, i;
    bool all = true, none = true;

    if (!row || !row->splittable || row->n_cells == 0)
        return false;
    cut = rp_xcalloc(row->n_cells, sizeof(size_t));
    zero = rp_xcalloc(row->n_cells, sizeof(size_t));
    end = rp_xcalloc(row->n_cells, sizeof(size_t));
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        double room = avail - row->sep_y - c->inset_top - c->inset_bottom;
        cut[i] = room > 0 ? boxes_that_fit(c, room) : 0;
        end[i] = c->n_content;
        if (cut[i] < c->n_content)
            all = false;
        if (cut[i] > 0)
            none = false;
    }
    if (!all && !none) {
        const struct rp_id_mark *m;
        const struct rp_marker_list *ml;
        *first = row_part(box, zero, cut);
        *rest = row_part(box, cut, end);
        (*first)->keep_with_prev = box->keep_with_prev;
        (*first)->is_header = box->is_header;
        /* Structure begun before the row, and ended after it. */
        rp_item_list_append(&(*first)->items, &box->items, 0, 0);
        (*rest)->struct_ends = box->struct_ends;
        /* What starts with the row starts with its first part. */
        for (m = box->ids; m; m = m->next)
            rp_box_add_id(*first, m->id, m->is_end);
        for (ml = box->markers; ml; ml = ml->next) {
            struct rp_marker_list *copy = rp_xcalloc(1, sizeof(*copy));
            copy->marker = rp_marker_ref(ml->marker);
            copy->next = (*first)->markers;
            (*first)->markers = copy;
        }
    }
    free(cut);
    free(zero);
    free(end);
    return !all && !none;
}
