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
    free(row->row_y);
    free(row->breaks);
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

void rp_row_lead(struct rp_box *box)
{
    struct rp_row *row = box->row;
    size_t i;

    if (!row || !row->has_lead)
        return;
    row->has_lead = false;
    for (i = 0; i < row->n_cells; i++) {
        row->cells[i].inset_top = row->cells[i].lead_inset_top;
        row->cells[i].height += row->lead_dh;
    }
    for (i = 0; i < row->n_bands; i++)
        row->bands[i].height += row->lead_dh;
    box->height += row->lead_dh;
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

/*
 * A cell's continuation on the next page, some of its content left on
 * the page before: collapsed, as FOP has it, its top edge keeps neither
 * its border nor its padding (their initial conditionality, discard),
 * only its half of a repeated header's bottom border (rest_inset_top).
 * A cell none of which stayed starts there whole.
 */
static void open_top(const struct rp_row *row, struct rp_row_cell *c)
{
    if (!row->separate)
        c->inset_top = c->rest_inset_top;
}

/* Boxes [from[i], to[i]) of each cell, a part of the row: its first, or
 * (rest) what continues on the next page. */
static struct rp_box *row_part(const struct rp_box *box, const size_t *from,
                               const size_t *to, bool rest)
{
    const struct rp_row *row = box->row;
    struct rp_box *part = rp_box_new();
    struct rp_row *r = rp_xcalloc(1, sizeof(*r));
    size_t i, k;
    double height = 0;

    *r = *row;
    r->has_lead = false; /* placed already, or a continuation */
    r->n_rows = 1;
    r->row_y = NULL;
    r->breaks = NULL;
    r->cells = rp_xcalloc(row->n_cells ? row->n_cells : 1, sizeof(*r->cells));
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        struct rp_row_cell *rc = &r->cells[i];
        double base = from[i] < to[i] ? c->content[from[i]].y : 0;
        *rc = *c;
        if (rest && from[i] > 0)
            open_top(row, rc);
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
    /* A single row: its cells and its band take the part's height; each
     * is open at the break (the borders' initial conditionality,
     * discard, as FOP draws them). */
    for (i = 0; i < r->n_cells; i++) {
        r->cells[i].top = row->sep_y / 2;
        r->cells[i].height = height;
        r->cells[i].border[rest ? RP_FO_TOP : RP_FO_BOTTOM].style =
            RP_FO_BORDER_NONE;
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

/* Marks on the cells' content boxes: which part of a split row they
 * go with. */
enum { IN_FIRST = 1, IN_REST = 2 };

static void note_marks(GHashTable *side, const struct rp_box *content, int part)
{
    const struct rp_id_mark *m;

    for (m = content->ids; m; m = m->next) {
        /* A start and an end of one id may fall in different parts. */
        int bit = part << (m->is_end ? 2 : 0);
        gpointer old = g_hash_table_lookup(side, m->id);
        g_hash_table_insert(side, (gpointer)m->id,
                            GINT_TO_POINTER(GPOINTER_TO_INT(old) | bit));
    }
}

/*
 * The row box holds the ids of the row, its cells and (copies of) those
 * of its cells' content: each goes with the part its content lands in,
 * so that citations and links find the page it is on.  The row's own
 * start with the first part; ends not in the first part's content end
 * with the rest.
 */
static void split_ids(const struct rp_box *box, const size_t *cut,
                      struct rp_box *first, struct rp_box *rest)
{
    const struct rp_row *row = box->row;
    const struct rp_id_mark *m;
    GHashTable *side = NULL;
    size_t i, k;

    for (i = 0; box->ids && i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        for (k = 0; k < c->n_content; k++) {
            if (!c->content[k].box->ids)
                continue;
            if (!side)
                side = g_hash_table_new(g_direct_hash, g_direct_equal);
            note_marks(side, c->content[k].box,
                       k < cut[i] ? IN_FIRST : IN_REST);
        }
    }
    for (m = box->ids; m; m = m->next) {
        int bits = side ? GPOINTER_TO_INT(g_hash_table_lookup(side, m->id)) : 0;
        int part = (bits >> (m->is_end ? 2 : 0)) & 3;
        bool to_rest = part ? !(part & IN_FIRST) : m->is_end;
        rp_box_add_id(to_rest ? rest : first, m->id, m->is_end);
    }
    if (side)
        g_hash_table_destroy(side);
}

/* Whether marker came with content of a cell that goes to the rest. */
static bool marker_in_rest(const struct rp_box *box, const size_t *cut,
                           const struct rp_marker *marker)
{
    const struct rp_row *row = box->row;
    size_t i, k;

    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        for (k = cut[i]; k < c->n_content; k++) {
            const struct rp_marker_list *ml;
            for (ml = c->content[k].box->markers; ml; ml = ml->next)
                if (ml->marker == marker)
                    return true;
        }
    }
    return false;
}

/* What the parts of a split row take from the whole: keeps, structure,
 * ids (by where their content went: cut[i], cell i's first box in the
 * rest), markers. */
static void finish_parts(const struct rp_box *box, const size_t *cut,
                         struct rp_box *first, struct rp_box *rest)
{
    const struct rp_marker_list *ml;
    struct rp_marker_list **first_tail = &first->markers;
    struct rp_marker_list **rest_tail = &rest->markers;

    first->keep_with_prev = box->keep_with_prev;
    first->is_header = box->is_header;
    /* Structure begun before the row, and ended after it. */
    rp_item_list_append(&first->items, &box->items, 0, 0);
    rest->struct_ends = box->struct_ends;
    split_ids(box, cut, first, rest);
    /* Markers, in document order, with the part their content went to;
     * the rest (those of the row itself) start with it. */
    for (ml = box->markers; ml; ml = ml->next) {
        struct rp_marker_list *copy = rp_xcalloc(1, sizeof(*copy));
        bool later = marker_in_rest(box, cut, ml->marker);
        copy->marker = rp_marker_ref(ml->marker);
        *(later ? rest_tail : first_tail) = copy;
        if (later)
            rest_tail = &copy->next;
        else
            first_tail = &copy->next;
    }
}

/* A box for part of a group, sharing what the whole's box shares. */
static struct rp_box *group_box(const struct rp_box *box, struct rp_row *r,
                                double height)
{
    struct rp_box *part = rp_box_new();

    part->row = r;
    part->height = height;
    part->serial = box->serial;
    part->deco = rp_deco_ref(box->deco);
    if (box->table) {
        part->table = box->table;
        box->table->refs++;
    }
    return part;
}

/* Copies boxes [from, to) of c into rc, from the top of its content. */
static void take_content(struct rp_row_cell *rc, const struct rp_row_cell *c,
                         size_t from, size_t to)
{
    double base = from < to ? c->content[from].y : 0;
    size_t k;

    rc->n_content = to - from;
    rc->content =
        rp_xcalloc(rc->n_content ? rc->n_content : 1, sizeof(*rc->content));
    rc->content_height = 0;
    for (k = 0; k < rc->n_content; k++) {
        rc->content[k].box = rp_box_ref(c->content[from + k].box);
        rc->content[k].y = c->content[from + k].y - base;
        rc->content_height = rc->content[k].y + rc->content[k].box->height;
    }
}

/*
 * In the rest of a group, everything from y down moves down by d and
 * what spans y grows by d: a continued cell needs more room than its
 * rows had left.
 */
static void grow_at(struct rp_row *r, double y, double d)
{
    size_t i;

    for (i = 0; i < r->n_cells; i++) {
        struct rp_row_cell *c = &r->cells[i];
        if (c->top >= y - 0.01)
            c->top += d;
        else if (c->top + c->height >= y - 0.01)
            c->height += d;
    }
    for (i = 0; i < r->n_bands; i++) {
        struct rp_row_band *b = &r->bands[i];
        if (b->top >= y - 0.01)
            b->top += d;
        else if (b->top + b->height >= y - 0.01)
            b->height += d;
    }
    for (i = 0; r->row_y && i <= r->n_rows; i++) {
        if (r->row_y[i] >= y - 0.01)
            r->row_y[i] += d;
    }
}

/* The rows of row from index from to to (exclusive), cut at y0 above and
 * y1 below, into part (from y0). */
static void take_rows(struct rp_row *part, const struct rp_row *row,
                      size_t from, size_t to, double y0, double y1)
{
    size_t r;

    part->n_rows = to - from;
    part->row_y = rp_xmalloc((part->n_rows + 1) * sizeof(*part->row_y));
    part->breaks = rp_xcalloc(part->n_rows, sizeof(*part->breaks));
    for (r = 0; r < part->n_rows; r++) {
        part->row_y[r] = fmax(row->row_y[from + r], y0) - y0;
        part->breaks[r] = row->breaks[from + r];
    }
    part->row_y[part->n_rows] = fmin(row->row_y[to], y1) - y0;
    part->splittable = part->n_rows == 1;
    /* One row: rp_row_split's single-row path, if split again. */
    if (part->n_rows == 1) {
        free(part->row_y);
        free(part->breaks);
        part->row_y = NULL;
        part->breaks = NULL;
    }
}

/*
 * Cuts a group at y: cells above stay, cells below go on, and a cell
 * across y keeps the content that fits above it and continues with the
 * rest below, open at the break (as row_part's).  cut[i]: cell i's first
 * box in the rest.  False (nothing made) when the first part would hold
 * no content, or the rest none.
 */
static bool cut_group(const struct rp_box *box, double y, bool force,
                      size_t *cut, struct rp_box **first, struct rp_box **rest)
{
    const struct rp_row *row = box->row;
    struct rp_row *a, *b;
    size_t i, na = 0, nb = 0, ra = 0, rb = 0, in_row = 0;
    double half = row->sep_y / 2, rest_height = row->row_y[row->n_rows] - y;
    bool first_has = false, rest_has = false, started = false, held = false;

    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        double room = y - half - c->top - c->inset_top - c->inset_bottom;
        if (c->top + c->height <= y + 0.01)
            cut[i] = c->n_content;
        else if (c->top >= y - 0.01)
            cut[i] = 0;
        else
            cut[i] = room > 0 ? boxes_that_fit(c, room) : 0;
        first_has = first_has || cut[i] > 0;
        rest_has = rest_has || cut[i] < c->n_content;
    }
    /* Inside a row, its cells that start there and reach below y: if
     * none keeps a line above y, the row moves whole, a break before it,
     * which its keeps may forbid. */
    while (in_row + 1 < row->n_rows && row->row_y[in_row + 1] <= y + 0.01)
        in_row++;
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        if (c->n_content == 0 || c->top < row->row_y[in_row] - 0.01 ||
            c->top + c->height <= y + 0.01)
            continue;
        held = true;
        started = started || cut[i] > 0;
    }
    if (held && !started &&
        (in_row == 0 ||
         (!force && !(row->breaks[in_row] & RP_ROW_BREAK_BEFORE))))
        return false;
    if (!first_has || !rest_has)
        return false;
    a = rp_xcalloc(1, sizeof(*a));
    b = rp_xcalloc(1, sizeof(*b));
    *a = *row;
    *b = *row;
    a->cells = rp_xcalloc(row->n_cells, sizeof(*a->cells));
    b->cells = rp_xcalloc(row->n_cells, sizeof(*b->cells));
    a->bands = rp_xcalloc(row->n_bands ? row->n_bands : 1, sizeof(*a->bands));
    b->bands = rp_xcalloc(row->n_bands ? row->n_bands : 1, sizeof(*b->bands));
    a->n_bands = b->n_bands = 0;
    for (i = 0; i < row->n_cells; i++) {
        const struct rp_row_cell *c = &row->cells[i];
        if (c->top + c->height <= y + 0.01) {
            a->cells[na] = *c;
            take_content(&a->cells[na++], c, 0, c->n_content);
        } else if (c->top >= y - 0.01) {
            b->cells[nb] = *c;
            b->cells[nb].top -= y;
            take_content(&b->cells[nb++], c, 0, c->n_content);
        } else {
            struct rp_row_cell *above = &a->cells[na++];
            struct rp_row_cell *below = &b->cells[nb++];
            *above = *c;
            above->height = y - half - c->top;
            above->border[RP_FO_BOTTOM].style = RP_FO_BORDER_NONE;
            take_content(above, c, 0, cut[i]);
            *below = *c;
            below->top = half;
            below->height = c->top + c->height - y - half;
            below->border[RP_FO_TOP].style = RP_FO_BORDER_NONE;
            if (cut[i] > 0)
                open_top(row, below);
            take_content(below, c, cut[i], c->n_content);
        }
    }
    a->n_cells = na;
    b->n_cells = nb;
    for (i = 0; i < row->n_bands; i++) {
        struct rp_row_band band = row->bands[i];
        if (band.top < y - 0.01) {
            a->bands[a->n_bands] = band;
            a->bands[a->n_bands].height = fmin(band.height, y - band.top);
            a->n_bands++;
        }
        if (band.top + band.height > y + 0.01) {
            band.height = band.top + band.height - fmax(band.top, y);
            band.top = fmax(band.top - y, 0);
            b->bands[b->n_bands++] = band;
        }
    }
    /* The rows above y, and those that reach below it. */
    while (ra < row->n_rows && row->row_y[ra] < y - 0.01)
        ra++;
    while (rb < row->n_rows && row->row_y[rb + 1] <= y + 0.01)
        rb++;
    take_rows(a, row, 0, ra, 0, y);
    take_rows(b, row, rb, row->n_rows, y, row->row_y[row->n_rows]);
    *first = group_box(box, a, y);
    /* A continued cell's rest may need more than its rows have left. */
    for (i = 0; i < nb; i++) {
        struct rp_row_cell *c = &b->cells[i];
        double need = c->content_height + c->inset_top + c->inset_bottom;
        if (need > c->height + 0.01) {
            rest_height += need - c->height;
            grow_at(b, c->top + c->height, need - c->height);
        }
    }
    *rest = group_box(box, b, rest_height);
    return true;
}

/*
 * Rows joined by a spanning cell break where FOP breaks them: as low as
 * the page allows, inside a row if it is not kept together (its cells
 * keep the lines that fit, as a single row's do), else at the lowest
 * boundary between rows that no keep holds; force: anywhere.  False when
 * none fits.
 */
static bool find_cut(const struct rp_box *box, double avail, bool force,
                     size_t *cut, struct rp_box **first, struct rp_box **rest)
{
    const struct rp_row *row = box->row;
    size_t r = 0, k;

    while (r + 1 < row->n_rows && row->row_y[r + 1] <= avail + 0.01)
        r++;
    if ((force || (row->breaks[r] & RP_ROW_BREAK_INSIDE)) &&
        avail > row->row_y[r] + 0.01 &&
        cut_group(box, avail, force, cut, first, rest))
        return true;
    for (k = r; k > 0; k--) {
        if ((force || (row->breaks[k] & RP_ROW_BREAK_BEFORE)) &&
            row->row_y[k] <= avail + 0.01 &&
            cut_group(box, row->row_y[k], force, cut, first, rest))
            return true;
    }
    return false;
}

/*
 * A group with keeps inside is split only at the top of a page (the
 * paginator sees it kept together, table_rows.c): there it is taller
 * than the page, and its keeps give way where they must, as FOP's do.
 */
static bool split_group(const struct rp_box *box, double avail,
                        struct rp_box **first, struct rp_box **rest)
{
    size_t *cut = rp_xcalloc(box->row->n_cells, sizeof(*cut));
    bool done = find_cut(box, avail, false, cut, first, rest) ||
                (box->row->keep_together &&
                 find_cut(box, avail, true, cut, first, rest));

    if (done)
        finish_parts(box, cut, *first, *rest);
    free(cut);
    return done;
}

bool rp_row_split(const struct rp_box *box, double avail, struct rp_box **first,
                  struct rp_box **rest)
{
    const struct rp_row *row = box->row;
    size_t *cut, *zero, *end, i;
    bool all = true, none = true;

    if (!row || row->n_cells == 0)
        return false;
    if (row->n_rows > 1)
        return split_group(box, avail, first, rest);
    if (!row->splittable)
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
        *first = row_part(box, zero, cut, false);
        *rest = row_part(box, cut, end, true);
        finish_parts(box, cut, *first, *rest);
    }
    free(cut);
    free(zero);
    free(end);
    return !all && !none;
}
