/*
 * Table rows: the column grid, a row's cells laid out side by side, rows
 * joined by a spanning cell gathered into one group, collapsed borders
 * resolved between neighbours, and the group made one unbreakable box
 * (table_rows.h).  table.c decides when rows come and where they go.
 */
#include "table_rows.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

double rp_table_border_width(const struct rp_fo_border *b)
{
    return b->style == RP_FO_BORDER_NONE ? 0 : b->width;
}

size_t rp_table_cells_in_row(const struct rp_fo_node *row)
{
    const struct rp_fo_node *cell;
    size_t n = 0;

    for (cell = row->first_child; cell; cell = cell->next) {
        if (cell->kind == RP_FO_TABLE_CELL)
            n += (size_t)cell->props.columns_spanned;
    }
    return n;
}

/*
 * Fixed and percentage columns take their width; proportional and
 * unspecified columns share what is left, as FOP does for fixed layout.
 */
void rp_table_grid_init(struct table_grid *grid, struct rp_flow *flow,
                        long table_line, const struct rp_fo_length *specs,
                        size_t n_specs, size_t first_row, double x,
                        double table_width)
{
    size_t i;
    double fixed = 0, units = 0, left;

    grid->n_cols = n_specs > first_row ? n_specs : first_row;
    if (grid->n_cols == 0)
        grid->n_cols = 1;
    grid->col_x = rp_xcalloc(grid->n_cols, sizeof(double));
    grid->col_w = rp_xcalloc(grid->n_cols, sizeof(double));
    for (i = 0; i < grid->n_cols; i++) {
        struct rp_fo_length l = {RP_FO_LENGTH_AUTO, 0, 0};
        if (i < n_specs)
            l = specs[i];
        switch (l.kind) {
        case RP_FO_LENGTH_ABSOLUTE:
            grid->col_w[i] = l.value;
            fixed += l.value;
            break;
        case RP_FO_LENGTH_PERCENT:
            grid->col_w[i] = table_width * l.value / 100.0 + l.plus;
            fixed += grid->col_w[i];
            break;
        case RP_FO_LENGTH_PROPORTIONAL:
            units += l.value;
            break;
        case RP_FO_LENGTH_AUTO:
            units += 1;
            break;
        }
    }
    left = table_width - fixed;
    if (left < -0.5)
        rp_log_warn("%s:%ld: fo:table is %.1fpt wider than the %.1fpt "
                    "available; it is drawn past the margin",
                    rp_fo_doc_name(flow->layout->doc), table_line, -left,
                    table_width);
    if (left < 0)
        left = 0;
    for (i = 0; i < grid->n_cols; i++) {
        struct rp_fo_length l = {RP_FO_LENGTH_AUTO, 1, 0};
        if (i < n_specs)
            l = specs[i];
        if (l.kind == RP_FO_LENGTH_PROPORTIONAL)
            grid->col_w[i] = units > 0 ? left * l.value / units : 0;
        else if (l.kind == RP_FO_LENGTH_AUTO)
            grid->col_w[i] = units > 0 ? left / units : 0;
        grid->col_x[i] = i == 0 ? x : grid->col_x[i - 1] + grid->col_w[i - 1];
    }
}

void rp_table_grid_release(struct table_grid *grid)
{
    free(grid->col_x);
    free(grid->col_w);
}

/* Moves the markers of *from to the end of *to. */
static void move_markers(struct rp_marker_list **to,
                         struct rp_marker_list **from)
{
    while (*to)
        to = &(*to)->next;
    *to = *from;
    *from = NULL;
}

/* Appends new references to the markers of from, in order, to *to. */
static void share_markers(struct rp_marker_list **to,
                          const struct rp_marker_list *from)
{
    while (*to)
        to = &(*to)->next;
    for (; from; from = from->next) {
        *to = rp_xcalloc(1, sizeof(**to));
        (*to)->marker = rp_marker_ref(from->marker);
        to = &(*to)->next;
    }
}

/* Appends a start mark of id to *marks. */
static void group_add_id(struct rp_id_mark **marks, const char *id)
{
    struct rp_id_mark *mark = rp_xcalloc(1, sizeof(*mark));
    mark->id = id;
    rp_id_marks_move(marks, &mark);
}

/* Appends copies of the marks from, in order, to *to. */
static void copy_marks(struct rp_id_mark **to, const struct rp_id_mark *from)
{
    while (*to)
        to = &(*to)->next;
    for (; from; from = from->next) {
        *to = rp_xcalloc(1, sizeof(**to));
        (*to)->id = from->id;
        (*to)->is_end = from->is_end;
        to = &(*to)->next;
    }
}

static int style_rank(enum rp_fo_border_style style)
{
    /* CSS 2.1 17.6.2.1: double wins over solid, over dashed, over dotted. */
    switch (style) {
    case RP_FO_BORDER_DOUBLE:
        return 4;
    case RP_FO_BORDER_SOLID:
        return 3;
    case RP_FO_BORDER_DASHED:
        return 2;
    case RP_FO_BORDER_DOTTED:
        return 1;
    default:
        return 0;
    }
}

/*
 * Collapsed borders: of two borders meeting on one grid line, the wider
 * wins, then the stronger style; on a tie the first (left or upper) wins.
 */
struct rp_fo_border rp_table_resolve_border(struct rp_fo_border first,
                                            struct rp_fo_border second)
{
    double w1 = rp_table_border_width(&first),
           w2 = rp_table_border_width(&second);

    if (w1 != w2)
        return w1 > w2 ? first : second;
    if (style_rank(first.style) != style_rank(second.style))
        return style_rank(first.style) > style_rank(second.style) ? first
                                                                  : second;
    return first;
}

static bool has_next_cell(const struct rp_fo_node *cell)
{
    const struct rp_fo_node *c;
    for (c = cell->next; c; c = c->next) {
        if (c->kind == RP_FO_TABLE_CELL)
            return true;
    }
    return false;
}

bool rp_table_same_border(const struct rp_fo_border *a,
                          const struct rp_fo_border *b)
{
    return rp_table_border_width(a) == rp_table_border_width(b) &&
           a->style == b->style && a->color.r == b->color.r &&
           a->color.g == b->color.g && a->color.b == b->color.b &&
           a->color.a == b->color.a;
}

/* The part's and the table's borders on the outer edges of a cell. */
static void frame_cell(struct rp_fo_border b[4], const struct row_frame *frame,
                       const struct rp_fo_props *table, bool left, bool right)
{
    if (frame->part_top)
        b[RP_FO_TOP] =
            rp_table_resolve_border(b[RP_FO_TOP], frame->part[RP_FO_TOP]);
    if (frame->table_top)
        b[RP_FO_TOP] =
            rp_table_resolve_border(b[RP_FO_TOP], table->border[RP_FO_TOP]);
    if (left)
        b[RP_FO_LEFT] = rp_table_resolve_border(
            rp_table_resolve_border(b[RP_FO_LEFT], frame->part[RP_FO_LEFT]),
            table->border[RP_FO_LEFT]);
    if (right)
        b[RP_FO_RIGHT] = rp_table_resolve_border(
            rp_table_resolve_border(b[RP_FO_RIGHT], frame->part[RP_FO_RIGHT]),
            table->border[RP_FO_RIGHT]);
}

enum rp_status
rp_table_layout_cells(struct rp_flow *flow, const struct table_grid *grid,
                      const struct rp_fo_props *table, struct rp_fo_node *row,
                      const struct row_frame *frame, struct span_map *spans,
                      struct row_group *group, struct rp_error *err)
{
    size_t row_index = group->n_rows, col = 0, first_cell = group->n_cells, i;
    size_t first_col = 0;
    struct rp_fo_node *c;
    struct rp_id_mark *row_ids = NULL;
    struct row_layout *rl;
    enum rp_status status = RP_OK;
    bool separate = table->border_separate;
    double sep_x = separate ? table->border_separation[0] : 0;

    rp_array_grow((void **)&group->rows, &group->cap_rows, group->n_rows + 1,
                  sizeof(*group->rows));
    rl = &group->rows[group->n_rows++];
    memset(rl, 0, sizeof(*rl));
    rl->min_height = row->props.min_height;
    rl->background = row->props.background.a > 0 ? row->props.background
                                                 : frame->part_background;
    rl->keep_with_previous = row->props.keep_with_previous;
    rl->keep_with_next = row->props.keep_with_next;
    rl->keep_together = row->props.keep_together;
    /* The part's and the row's ids go with the first box of the row's
     * first cell, the cell's with its own first box (in the group's box
     * while the group is whole): where a group breaks across pages, each
     * is found on the page its row lands on (rp_row_split). */
    if (frame->part_top && frame->part_id)
        group_add_id(&row_ids, frame->part_id);
    if (row->props.id)
        group_add_id(&row_ids, row->props.id);

    for (c = row->first_child; c; c = c->next) {
        const struct rp_fo_props *p = &c->props;
        struct cell_layout *cl;
        struct rp_flow sub;
        size_t span, k;
        double inset_l, inset_r, half = separate ? 1.0 : 0.5;

        if (c->kind != RP_FO_TABLE_CELL)
            continue;
        while (col < grid->n_cols && spans->rows_left[col] > 0)
            col++;
        if (group->n_cells == first_cell)
            first_col = col;
        if (col >= grid->n_cols) {
            rp_log_warn("%s:%ld: fo:table-cell beyond the table's %zu "
                        "columns is skipped",
                        rp_fo_doc_name(flow->layout->doc), c->line,
                        grid->n_cols);
            break;
        }
        span = (size_t)p->columns_spanned;
        if (col + span > grid->n_cols)
            span = grid->n_cols - col;
        rp_array_grow((void **)&group->cells, &group->cap_cells,
                      group->n_cells + 1, sizeof(*group->cells));
        cl = &group->cells[group->n_cells++];
        memset(cl, 0, sizeof(*cl));
        cl->row = row_index;
        cl->rows = (size_t)p->rows_spanned;
        cl->x = grid->col_x[col] + sep_x / 2;
        for (k = col; k < col + span; k++)
            cl->w += grid->col_w[k];
        cl->w -= sep_x;
        memcpy(cl->border, p->border, sizeof(cl->border));
        /* A row's borders belong to the edges of its cells: top and
         * bottom of every cell, the outer sides of the first and last.
         * The cell's own border wins a tie (collapse precedence). */
        if (!separate) {
            const struct rp_fo_border *rb = row->props.border;
            cl->border[RP_FO_TOP] =
                rp_table_resolve_border(cl->border[RP_FO_TOP], rb[RP_FO_TOP]);
            cl->border[RP_FO_BOTTOM] = rp_table_resolve_border(
                cl->border[RP_FO_BOTTOM], rb[RP_FO_BOTTOM]);
            if (col == first_col)
                cl->border[RP_FO_LEFT] = rp_table_resolve_border(
                    cl->border[RP_FO_LEFT], rb[RP_FO_LEFT]);
            if (!has_next_cell(c))
                cl->border[RP_FO_RIGHT] = rp_table_resolve_border(
                    cl->border[RP_FO_RIGHT], rb[RP_FO_RIGHT]);
            frame_cell(cl->border, frame, table, col == 0,
                       col + span >= grid->n_cols);
        }
        cl->background = p->background;
        cl->display_align = p->display_align;
        /* Collapsed, half of each border lies in the cell; separate, all. */
        inset_l = half * rp_table_border_width(&p->border[RP_FO_LEFT]) +
                  p->padding[RP_FO_LEFT];
        inset_r = half * rp_table_border_width(&p->border[RP_FO_RIGHT]) +
                  p->padding[RP_FO_RIGHT];
        cl->pad_top = p->padding[RP_FO_TOP];
        cl->pad_bottom = p->padding[RP_FO_BOTTOM];
        cl->inset_top = half * rp_table_border_width(&p->border[RP_FO_TOP]) +
                        p->padding[RP_FO_TOP];
        cl->inset_bottom =
            half * rp_table_border_width(&p->border[RP_FO_BOTTOM]) +
            p->padding[RP_FO_BOTTOM];
        if (!separate) {
            /* Its row's bottom border is the cell's: held likewise. */
            cl->inset_bottom =
                half * rp_table_border_width(&cl->border[RP_FO_BOTTOM]) +
                p->padding[RP_FO_BOTTOM];
            cl->edge_top = rp_table_resolve_border(
                p->border[RP_FO_TOP], row->props.border[RP_FO_TOP]);
            if (frame->part_top)
                cl->edge_top = rp_table_resolve_border(cl->edge_top,
                                                       frame->part[RP_FO_TOP]);
            /* The table's own: half of it lies above the table's area,
             * as FOP has it, the other half in the first row. */
            if (frame->table_top)
                cl->edge_top = rp_table_resolve_border(
                    cl->edge_top, table->border[RP_FO_TOP]);
        }
        rp_stacker_init(&cl->content);
        rp_flow_init(&sub, flow->layout, &cl->content.base, cl->x + inset_l,
                     cl->w - inset_l - inset_r);
        sub.plain_paragraphs = rp_struct_text_only(c);
        rp_id_marks_move(&sub.pending_ids, &row_ids);
        if (p->id)
            group_add_id(&sub.pending_ids, p->id);
        status = rp_flow_children(&sub, c, err);
        rp_deco_unref(sub.deco);
        rp_flow_struct_release(&sub);
        /* Shared, as the ids are copied: kept by the content too. */
        for (k = 0; k < cl->content.n; k++)
            share_markers(&group->markers, cl->content.placed[k].box->markers);
        move_markers(&group->markers, &sub.pending_markers);
        /* Copied, not moved: a row split across pages gives each part
         * the ids of the content it holds (rp_row_split). */
        for (k = 0; k < cl->content.n; k++)
            copy_marks(&group->ids, cl->content.placed[k].box->ids);
        rp_id_marks_move(&group->ids, &sub.pending_ids);
        if (status != RP_OK)
            return status;
        cl->height = cl->content.height + cl->inset_top + cl->inset_bottom;
        if (cl->rows > 1)
            for (k = col; k < col + span; k++)
                spans->rows_left[k] = cl->rows; /* this row counts below */
        col += span;
    }
    rp_id_marks_move(&group->ids, &row_ids); /* a row without cells */
    /* Neighbours in the row share their vertical grid lines. */
    for (i = first_cell; i + 1 < group->n_cells; i++) {
        struct cell_layout *l = &group->cells[i], *r = &group->cells[i + 1];
        if (fabs(l->x + l->w + sep_x - r->x) < 0.01 && !separate) {
            l->has_right = true;
            l->right_neighbour = r->border[RP_FO_LEFT];
            r->has_left = true;
            r->left_neighbour = l->border[RP_FO_RIGHT];
        }
    }
    /* A span started here or above covers one row less from now on. */
    for (i = 0; i < spans->n; i++) {
        if (spans->rows_left[i] > 0)
            spans->rows_left[i]--;
    }
    return RP_OK;
}

bool rp_table_spans_open(const struct span_map *spans)
{
    size_t i;
    for (i = 0; i < spans->n; i++) {
        if (spans->rows_left[i] > 0)
            return true;
    }
    return false;
}

void rp_table_group_release(struct row_group *group)
{
    size_t i;
    for (i = 0; i < group->n_cells; i++)
        rp_stacker_release(&group->cells[i].content);
    while (group->markers) {
        struct rp_marker_list *m = group->markers;
        group->markers = m->next;
        rp_marker_unref(m->marker);
        free(m);
    }
    while (group->ids) {
        struct rp_id_mark *m = group->ids;
        group->ids = m->next;
        free(m);
    }
    group->n_cells = 0;
    group->n_rows = 0;
}

/* Whether cell c stands over grid column col. */
static bool covers(const struct cell_layout *c, const struct table_grid *grid,
                   size_t col)
{
    return grid->col_x[col] >= c->x - 0.01 &&
           grid->col_x[col] < c->x + c->w - 0.01;
}

/*
 * The border that wins on a cell's top grid line (collapse model): its
 * own against the bottoms of the row before the group (above) or of the
 * cells of the group that end on that line (last: by column, the index
 * of the latest cell before c over it, or SIZE_MAX).  *winner: the
 * widest of the winners along the cell's columns, for drawing; *hold:
 * what the cell holds of it, half.  The row before the group holds the
 * other half but is gone down the flow already: held (NULL, or below 0:
 * no row before) is the room it left, by column, between its cells'
 * padding and its bottom grid line; *gap: how much more it would need
 * (FOP lets it grow), which the group's first row then holds above all
 * its cells.
 */
static void top_winner(const struct row_group *group,
                       const struct cell_layout *c,
                       const struct table_grid *grid, const size_t *last,
                       const struct rp_fo_border *above, const double *held,
                       struct rp_fo_border *winner, double *hold, double *gap)
{
    struct rp_fo_border top = c->border[RP_FO_TOP];
    size_t col;

    *winner = top;
    *hold = 0.5 * rp_table_border_width(&c->edge_top);
    *gap = 0;
    for (col = 0; col < grid->n_cols; col++) {
        struct rp_fo_border bottom, won;
        double h;
        if (!covers(c, grid, col))
            continue;
        if (c->row == 0 && above)
            bottom = above[col];
        else if (c->row > 0 && last[col] != SIZE_MAX &&
                 group->cells[last[col]].row + group->cells[last[col]].rows ==
                     c->row)
            bottom = group->cells[last[col]].border[RP_FO_BOTTOM];
        else
            continue;
        won = rp_table_resolve_border(bottom, top);
        if (rp_table_border_width(&won) > rp_table_border_width(winner))
            *winner = won;
        won = rp_table_resolve_border(bottom, c->edge_top);
        h = 0.5 * rp_table_border_width(&won);
        if (h > *hold)
            *hold = h;
        if (c->row == 0 && held && held[col] >= 0 && h - held[col] > *gap)
            *gap = h - held[col];
    }
}

/* Notes that c (at index i) is now the latest cell over its columns. */
static void note_last(const struct cell_layout *c, size_t i,
                      const struct table_grid *grid, size_t *last)
{
    size_t col;
    for (col = 0; col < grid->n_cols; col++) {
        if (covers(c, grid, col))
            last[col] = i;
    }
}

/*
 * The top insets of the group's cells, with above and held as the row
 * before left them (top_winner), in inset_top (lead_inset_top with lead),
 * and the borders drawn on their top edges; inside the group, the cells
 * above hold the other half in their bottom insets.  Cells come row by
 * row, so the cells above one are the latest over its columns.
 */
static void top_insets(struct row_group *group, const struct table_grid *grid,
                       const struct rp_fo_border *above, const double *held,
                       bool lead, size_t *last, double *gap_out)
{
    struct rp_fo_border won;
    double hold, gap, row_gap = 0;
    size_t i, col;

    for (col = 0; col < grid->n_cols; col++)
        last[col] = SIZE_MAX;
    for (i = 0; i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        top_winner(group, c, grid, last, above, held, &won, &hold, &gap);
        if (gap > row_gap)
            row_gap = gap;
        if (lead) {
            c->lead_inset_top = c->pad_top + hold;
        } else {
            c->inset_top = c->pad_top + hold;
            c->top_drawn = won;
        }
        for (col = 0; !lead && c->row > 0 && col < grid->n_cols; col++) {
            struct cell_layout *d;
            if (!covers(c, grid, col) || last[col] == SIZE_MAX)
                continue;
            d = &group->cells[last[col]];
            if (d->row + d->rows == c->row &&
                d->pad_bottom + hold > d->inset_bottom)
                d->inset_bottom = d->pad_bottom + hold;
        }
        note_last(c, i, grid, last);
    }
    if (gap_out) {
        *gap_out = row_gap;
        return;
    }
    for (i = 0; row_gap > 0 && i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        if (c->row == 0 && lead)
            c->lead_inset_top += row_gap;
        else if (c->row == 0)
            c->inset_top += row_gap;
    }
}

/*
 * Collapsed: every cell's top inset holds half the border that wins on
 * its top grid line, and the cells above it the other half; heights
 * follow.  gap (NULL: the group's first row holds it) is what the row
 * before must grow by to hold its half.
 */
static void collapse_tops(struct row_group *group,
                          const struct table_grid *grid,
                          const struct rp_fo_border *above, const double *held,
                          const struct rp_fo_border *lead,
                          const double *lead_held, double *gap)
{
    size_t *last = rp_xmalloc(grid->n_cols * sizeof(*last));
    size_t i;

    top_insets(group, grid, above, held, false, last, gap);
    for (i = 0; i < group->n_cells; i++)
        group->cells[i].lead_inset_top = group->cells[i].inset_top;
    /* The repeated header above a row first on a page is not the row
     * before: it cannot grow there, so the row holds the gap itself. */
    if (lead)
        top_insets(group, grid, lead, lead_held, true, last, NULL);
    for (i = 0; i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        c->height = c->content.height + c->inset_top + c->inset_bottom;
    }
    free(last);
}

/*
 * Borders of a cell after the collapse model's conflicts with its
 * neighbours (to its left and right, and above: collapse_tops).
 */
static void resolved_borders(const struct cell_layout *c,
                             struct rp_fo_border b[4])
{
    memcpy(b, c->border, sizeof(c->border));
    b[RP_FO_TOP] = c->top_drawn;
    if (c->has_left)
        b[RP_FO_LEFT] =
            rp_table_resolve_border(c->left_neighbour, b[RP_FO_LEFT]);
    if (c->has_right)
        b[RP_FO_RIGHT] =
            rp_table_resolve_border(b[RP_FO_RIGHT], c->right_neighbour);
}

/* Remembers the bottom borders the next row meets, and the room the
 * cell leaves for them below its padding (top_winner). */
static void note_bottoms(const struct cell_layout *c,
                         const struct table_grid *grid, const double *y,
                         struct rp_fo_border *above, double *held)
{
    double room = y[c->row + c->rows] - y[c->row] - c->content.height -
                  c->inset_top - c->pad_bottom;
    size_t col;

    for (col = 0; col < grid->n_cols; col++) {
        if (covers(c, grid, col)) {
            above[col] = c->border[RP_FO_BOTTOM];
            if (held)
                held[col] = room;
        }
    }
}

/*
 * What a cell's continuation on a new page holds above its content:
 * half of the repeated header's bottom border over it (lead; none
 * without a header), as FOP has it (its own top border and padding are
 * discarded at the break).
 */
static double rest_inset(const struct cell_layout *c,
                         const struct table_grid *grid,
                         const struct rp_fo_border *lead)
{
    double hold = 0;
    size_t col;

    for (col = 0; col < grid->n_cols; col++) {
        if (covers(c, grid, col) &&
            0.5 * rp_table_border_width(&lead[col]) > hold)
            hold = 0.5 * rp_table_border_width(&lead[col]);
    }
    return hold;
}

/*
 * The group as a row of cells of boxes, items made when the page is; a
 * single row can split across pages, a group between its rows.  y[r] is
 * where row r starts.
 */
static struct rp_row *make_row(struct row_group *group, const double *y,
                               const struct table_grid *grid,
                               const struct rp_fo_props *table,
                               struct rp_fo_border *above, double *held,
                               const struct rp_fo_border *lead)
{
    struct rp_row *row = rp_xcalloc(1, sizeof(*row));
    double sep_y = table->border_separate ? table->border_separation[1] : 0;
    size_t i, r;

    row->n_cells = group->n_cells;
    row->cells =
        rp_xcalloc(group->n_cells ? group->n_cells : 1, sizeof(*row->cells));
    row->bands = rp_xcalloc(group->n_rows, sizeof(*row->bands));
    for (r = 0; r < group->n_rows; r++) {
        if (group->rows[r].background.a == 0)
            continue;
        row->bands[row->n_bands].top = y[r];
        row->bands[row->n_bands].height = group->rows[r].height;
        row->bands[row->n_bands].color =
            rp_area_color_of(group->rows[r].background);
        row->n_bands++;
    }
    row->splittable = group->n_rows == 1;
    row->keep_together = false;
    row->n_rows = group->n_rows;
    if (group->n_rows > 1) {
        row->row_y = rp_xmalloc((group->n_rows + 1) * sizeof(*row->row_y));
        memcpy(row->row_y, y, (group->n_rows + 1) * sizeof(*row->row_y));
        row->breaks = rp_xcalloc(group->n_rows, sizeof(*row->breaks));
        for (r = 0; r < group->n_rows; r++) {
            if (r > 0 && !group->rows[r].keep_with_previous &&
                !group->rows[r - 1].keep_with_next)
                row->breaks[r] |= RP_ROW_BREAK_BEFORE;
            if (!group->rows[r].keep_together)
                row->breaks[r] |= RP_ROW_BREAK_INSIDE;
            /* Keeps inside: moved whole to the next page rather than
             * split, and split there only if taller than it (row.c). */
            if ((r > 0 && !(row->breaks[r] & RP_ROW_BREAK_BEFORE)) ||
                !(row->breaks[r] & RP_ROW_BREAK_INSIDE))
                row->keep_together = true;
        }
    }
    row->keep_together = row->keep_together || group->rows[0].keep_together;
    row->separate = table->border_separate;
    row->sep_y = sep_y;
    row->left = grid->col_x[0];
    row->right = grid->col_x[grid->n_cols - 1] + grid->col_w[grid->n_cols - 1];
    for (i = 0; i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        struct rp_row_cell *rc = &row->cells[i];
        rc->x = c->x;
        rc->w = c->w;
        rc->top = y[c->row] + sep_y / 2;
        rc->height = y[c->row + c->rows] - y[c->row] - sep_y;
        rc->inset_top = c->inset_top;
        rc->lead_inset_top = c->lead_inset_top;
        if (lead && !table->border_separate)
            rc->rest_inset_top = rest_inset(c, grid, lead);
        rc->inset_bottom = c->inset_bottom;
        rc->display_align = c->display_align;
        rc->background = rp_area_color_of(c->background);
        if (table->border_separate)
            memcpy(rc->border, c->border, sizeof(rc->border));
        else
            resolved_borders(c, rc->border);
        /* What the row below meets on its top edge. */
        if (above && !table->border_separate &&
            c->row + c->rows == group->n_rows)
            note_bottoms(c, grid, y, above, held);
        /* The pile moves from the stacker into the row. */
        rc->content = c->content.placed;
        rc->n_content = c->content.n;
        rc->content_height = c->content.height;
        rp_stacker_init(&c->content);
    }
    return row;
}

/*
 * A single row's height first on a page (rp_row_lead): its cells' top
 * insets for that place, and the row as tall as they then need.
 */
static void lead_row(const struct row_group *group, struct rp_box *box)
{
    struct rp_row *row = box->row;
    double height = group->rows[0].min_height;
    bool differs = false;
    size_t i;

    for (i = 0; i < group->n_cells; i++) {
        const struct cell_layout *c = &group->cells[i];
        double need =
            row->cells[i].content_height + c->lead_inset_top + c->inset_bottom;
        if (need > height)
            height = need;
        if (fabs(c->lead_inset_top - c->inset_top) > 1e-9)
            differs = true;
    }
    row->has_lead = differs;
    row->lead_dh = height - box->height;
}

/* Row heights, then backgrounds, content and borders: one box. */
struct rp_box *rp_table_group_box(struct row_group *group,
                                  const struct table_grid *grid,
                                  const struct rp_fo_props *table,
                                  struct rp_fo_border *above, double *held,
                                  const struct rp_fo_border *lead,
                                  const double *lead_held, double *gap)
{
    struct rp_box *box = rp_box_new();
    double *y = rp_xcalloc(group->n_rows + 1, sizeof(double));
    double sep_y = table->border_separate ? table->border_separation[1] : 0;
    size_t i, r;

    for (r = 0; r < group->n_rows; r++)
        group->rows[r].height = group->rows[r].min_height;
    for (i = 0; i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        if (c->row + c->rows > group->n_rows)
            c->rows = group->n_rows - c->row; /* a span past the body */
    }
    if (!table->border_separate)
        collapse_tops(group, grid, above, held,
                      group->n_rows == 1 ? lead : NULL, lead_held, gap);
    else if (gap)
        *gap = 0;
    for (i = 0; i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        if (c->rows == 1 && c->height + sep_y > group->rows[c->row].height)
            group->rows[c->row].height = c->height + sep_y;
    }
    /* A spanning cell taller than its rows stretches the last of them. */
    for (i = 0; i < group->n_cells; i++) {
        struct cell_layout *c = &group->cells[i];
        double have = 0;
        if (c->rows < 2)
            continue;
        for (r = c->row; r < c->row + c->rows; r++)
            have += group->rows[r].height;
        if (c->height + sep_y > have)
            group->rows[c->row + c->rows - 1].height +=
                c->height + sep_y - have;
    }
    for (r = 0; r < group->n_rows; r++)
        y[r + 1] = y[r] + group->rows[r].height;
    box->row = make_row(group, y, grid, table, above, held,
                        group->n_rows == 1 ? lead : NULL);
    box->height = y[group->n_rows];
    if (!table->border_separate && lead && group->n_rows == 1)
        lead_row(group, box);
    box->keep_with_prev = group->rows[0].keep_with_previous;
    move_markers(&box->markers, &group->markers);
    rp_id_marks_move(&box->ids, &group->ids);
    free(y);
    rp_table_group_release(group);
    return box;
}

void rp_table_row_grow(struct rp_box *box, double dh)
{
    struct rp_row *row = box->row;
    size_t i;

    if (!row || dh <= 0)
        return;
    for (i = 0; i < row->n_cells; i++) {
        if (fabs(row->cells[i].top + row->cells[i].height - box->height) < 1e-6)
            row->cells[i].height += dh;
    }
    for (i = 0; i < row->n_bands; i++) {
        if (fabs(row->bands[i].top + row->bands[i].height - box->height) < 1e-6)
            row->bands[i].height += dh;
    }
    if (row->row_y)
        row->row_y[row->n_rows] += dh;
    box->height += dh;
}
