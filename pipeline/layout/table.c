/*
 * Tables: column widths, rows laid out cell by cell, and a header that
 * repeats at the top of every page the table continues on.  A row is one
 * box: pages break between rows, never inside one (yet).
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

struct table_grid {
    size_t n_cols;
    double *col_x; /* left edge of each column, from the flow origin */
    double *col_w;
};

static double border_width(const struct rp_fo_border *b)
{
    return b->style == RP_FO_BORDER_NONE ? 0 : b->width;
}

static size_t cells_in_row(const struct rp_fo_node *row)
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
static void grid_init(struct table_grid *grid, struct rp_flow *flow,
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

static void grid_release(struct table_grid *grid)
{
    free(grid->col_x);
    free(grid->col_w);
}

/* A cell laid out: its content piled up, and what drawing it needs. */
struct cell_layout {
    size_t row;    /* index of its first row in the group */
    size_t rows;   /* rows it spans */
    double x, w;   /* its slot in the grid, from the flow origin */
    double height; /* content plus insets: what it needs */
    double inset_top, inset_bottom;
    int display_align;
    struct rp_fo_border border[4];
    struct rp_fo_color background;
    bool has_left, has_right; /* a neighbour shares that edge */
    struct rp_fo_border left_neighbour, right_neighbour;
    struct rp_stacker content;
};

struct row_layout {
    double height;
    double min_height;
    struct rp_fo_color background;
    bool keep_with_previous;
    bool keep_together;
};

/* Rows joined by a cell spanning several of them: one unbreakable box. */
struct row_group {
    struct row_layout *rows;
    size_t n_rows, cap_rows;
    struct cell_layout *cells;
    size_t n_cells, cap_cells;
    /* The markers of its cells, in document order: the paginator sees
     * the group's box, not the boxes inside its cells. */
    struct rp_marker_list *markers;
    /* The ids of its rows, cells and what they hold, and of the part
     * it starts: citation targets and destinations at the group's box. */
    struct rp_id_mark *ids;
};

/* Moves the markers of *from to the end of *to. */
static void move_markers(struct rp_marker_list **to,
                         struct rp_marker_list **from)
{
    while (*to)
        to = &(*to)->next;
    *to = *from;
    *from = NULL;
}

static void group_add_id(struct row_group *group, const char *id)
{
    struct rp_id_mark *mark = rp_xcalloc(1, sizeof(*mark));
    mark->id = id;
    rp_id_marks_move(&group->ids, &mark);
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
static struct rp_fo_border resolve_border(struct rp_fo_border first,
                                          struct rp_fo_border second)
{
    double w1 = border_width(&first), w2 = border_width(&second);

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

/*
 * Collapsed borders that fall on a row's outer edges besides its own:
 * those of its part (header, footer, body) and of the table.  Of equal
 * borders the cell's wins, then the row's, the part's, the table's.
 */
struct row_frame {
    struct rp_fo_border part[4];
    struct rp_fo_color part_background; /* under rows that have none */
    bool part_top;                      /* the part's first row */
    bool table_top;      /* the table's first row (header, or body) */
    const char *part_id; /* the part's id, or NULL */
};

static bool same_border(const struct rp_fo_border *a,
                        const struct rp_fo_border *b)
{
    return border_width(a) == border_width(b) && a->style == b->style &&
           a->color.r == b->color.r && a->color.g == b->color.g &&
           a->color.b == b->color.b && a->color.a == b->color.a;
}

/* The columns a row's cells may not use: spans from rows above. */
struct span_map {
    size_t *rows_left; /* per column */
    size_t n;
};

/* The part's and the table's borders on the outer edges of a cell. */
static void frame_cell(struct rp_fo_border b[4], const struct row_frame *frame,
                       const struct rp_fo_props *table, bool left, bool right)
{
    if (frame->part_top)
        b[RP_FO_TOP] = resolve_border(b[RP_FO_TOP], frame->part[RP_FO_TOP]);
    if (frame->table_top)
        b[RP_FO_TOP] = resolve_border(b[RP_FO_TOP], table->border[RP_FO_TOP]);
    if (left)
        b[RP_FO_LEFT] = resolve_border(
            resolve_border(b[RP_FO_LEFT], frame->part[RP_FO_LEFT]),
            table->border[RP_FO_LEFT]);
    if (right)
        b[RP_FO_RIGHT] = resolve_border(
            resolve_border(b[RP_FO_RIGHT], frame->part[RP_FO_RIGHT]),
            table->border[RP_FO_RIGHT]);
}

static enum rp_status
layout_cells(struct rp_flow *flow, const struct table_grid *grid,
             const struct rp_fo_props *table, struct rp_fo_node *row,
             const struct row_frame *frame, struct span_map *spans,
             struct row_group *group, struct rp_error *err)
{
    size_t row_index = group->n_rows, col = 0, first_cell = group->n_cells, i;
    size_t first_col = 0;
    struct rp_fo_node *c;
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
    rl->keep_together = row->props.keep_together;
    if (frame->part_top && frame->part_id)
        group_add_id(group, frame->part_id);
    if (row->props.id)
        group_add_id(group, row->props.id);

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
                resolve_border(cl->border[RP_FO_TOP], rb[RP_FO_TOP]);
            cl->border[RP_FO_BOTTOM] =
                resolve_border(cl->border[RP_FO_BOTTOM], rb[RP_FO_BOTTOM]);
            if (col == first_col)
                cl->border[RP_FO_LEFT] =
                    resolve_border(cl->border[RP_FO_LEFT], rb[RP_FO_LEFT]);
            if (!has_next_cell(c))
                cl->border[RP_FO_RIGHT] =
                    resolve_border(cl->border[RP_FO_RIGHT], rb[RP_FO_RIGHT]);
            frame_cell(cl->border, frame, table, col == 0,
                       col + span >= grid->n_cols);
        }
        cl->background = p->background;
        cl->display_align = p->display_align;
        /* Collapsed, half of each border lies in the cell; separate, all. */
        inset_l = half * border_width(&p->border[RP_FO_LEFT]) +
                  p->padding[RP_FO_LEFT];
        inset_r = half * border_width(&p->border[RP_FO_RIGHT]) +
                  p->padding[RP_FO_RIGHT];
        cl->inset_top =
            half * border_width(&p->border[RP_FO_TOP]) + p->padding[RP_FO_TOP];
        cl->inset_bottom = half * border_width(&p->border[RP_FO_BOTTOM]) +
                           p->padding[RP_FO_BOTTOM];
        rp_stacker_init(&cl->content);
        rp_flow_init(&sub, flow->layout, &cl->content.base, cl->x + inset_l,
                     cl->w - inset_l - inset_r);
        sub.plain_paragraphs = rp_struct_text_only(c);
        if (p->id)
            group_add_id(group, p->id);
        status = rp_flow_children(&sub, c, err);
        rp_deco_unref(sub.deco);
        rp_flow_struct_release(&sub);
        for (k = 0; k < cl->content.n; k++)
            move_markers(&group->markers, &cl->content.placed[k].box->markers);
        move_markers(&group->markers, &sub.pending_markers);
        for (k = 0; k < cl->content.n; k++)
            rp_id_marks_move(&group->ids, &cl->content.placed[k].box->ids);
        rp_id_marks_move(&group->ids, &sub.pending_ids);
        if (status != RP_OK)
            return status;
        cl->height = cl->content.height + cl->inset_top + cl->inset_bottom;
        if (cl->rows > 1)
            for (k = col; k < col + span; k++)
                spans->rows_left[k] = cl->rows; /* this row counts below */
        col += span;
    }
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

static bool spans_open(const struct span_map *spans)
{
    size_t i;
    for (i = 0; i < spans->n; i++) {
        if (spans->rows_left[i] > 0)
            return true;
    }
    return false;
}

static void group_release(struct row_group *group)
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

/*
 * Borders of a cell after the collapse model's conflicts with its
 * neighbours (to its left and right, and the row above when first).
 */
static void resolved_borders(const struct cell_layout *c,
                             const struct table_grid *grid,
                             const struct rp_fo_border *above,
                             struct rp_fo_border b[4])
{
    memcpy(b, c->border, sizeof(c->border));
    if (c->row == 0 && above) {
        size_t col;
        for (col = 0; col < grid->n_cols; col++) {
            if (fabs(grid->col_x[col] - c->x) < 0.01) {
                b[RP_FO_TOP] = resolve_border(above[col], b[RP_FO_TOP]);
                break;
            }
        }
    }
    if (c->has_left)
        b[RP_FO_LEFT] = resolve_border(c->left_neighbour, b[RP_FO_LEFT]);
    if (c->has_right)
        b[RP_FO_RIGHT] = resolve_border(b[RP_FO_RIGHT], c->right_neighbour);
}

/* Remembers the bottom borders the next row meets. */
static void note_bottoms(const struct cell_layout *c,
                         const struct table_grid *grid,
                         struct rp_fo_border *above)
{
    size_t col;
    for (col = 0; col < grid->n_cols; col++) {
        if (grid->col_x[col] >= c->x - 0.01 &&
            grid->col_x[col] < c->x + c->w - 0.01)
            above[col] = c->border[RP_FO_BOTTOM];
    }
}

/*
 * The group as a row of cells of boxes, items made when the page is; a
 * single row can split across pages.  y[r] is where row r starts.
 */
static struct rp_row *make_row(struct row_group *group, const double *y,
                               const struct table_grid *grid,
                               const struct rp_fo_props *table,
                               struct rp_fo_border *above)
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
    row->keep_together = group->rows[0].keep_together;
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
        rc->inset_bottom = c->inset_bottom;
        rc->display_align = c->display_align;
        rc->background = rp_area_color_of(c->background);
        if (table->border_separate)
            memcpy(rc->border, c->border, sizeof(rc->border));
        else
            resolved_borders(c, grid, above, rc->border);
        /* What the row below meets on its top edge. */
        if (above && !table->border_separate &&
            c->row + c->rows == group->n_rows)
            note_bottoms(c, grid, above);
        /* The pile moves from the stacker into the row. */
        rc->content = c->content.placed;
        rc->n_content = c->content.n;
        rc->content_height = c->content.height;
        rp_stacker_init(&c->content);
    }
    return row;
}

/* Row heights, then backgrounds, content and borders: one box. */
static struct rp_box *group_box(struct row_group *group,
                                const struct table_grid *grid,
                                const struct rp_fo_props *table,
                                struct rp_fo_border *above)
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
    box->row = make_row(group, y, grid, table, above);
    box->height = y[group->n_rows];
    box->keep_with_prev = group->rows[0].keep_with_previous;
    move_markers(&box->markers, &group->markers);
    rp_id_marks_move(&box->ids, &group->ids);
    free(y);
    group_release(group);
    return box;
}

enum { PART_BODY, PART_HEADER, PART_FOOTER };

/*
 * Automatic layout sizes columns from their content, as browsers and FOP
 * do, but rows stream: the content of the header and the first rows of
 * the body stands for the whole table.
 */
#define AUTO_LAYOUT_SAMPLE_ROWS 100

/* A row waiting for the columns, or (row NULL) the end of a part. */
struct pending_row {
    struct rp_fo_node *row; /* kept, materialised */
    int part;
    struct row_frame frame;
    bool table_bottom; /* the end of a part that ends the table */
};

/* Everything a table needs while its rows stream past. */
struct table_state {
    struct rp_fo_props props; /* the table's, copied: the node goes first */
    struct rp_fo_length *specs;
    size_t n_specs, cap_specs;
    bool grid_ready;
    struct table_grid grid;
    double x, width;
    struct rp_table_ctx *ctx;
    bool first_body_row; /* the next body row keeps with the header */
    struct span_map spans;
    struct row_group group;
    struct rp_fo_border *above; /* bottom borders of the last row, by column */
    struct rp_fo_border *footer_above; /* the same, in the footer */
    struct row_frame frame;            /* of the part being read */
    bool table_top_given;              /* a row has the table's top border */
    bool pending_footer;               /* the table has a footer */
    bool group_is_header;
    /* break-before and break-after of body rows (enum rp_fo_break): of
     * the rows of the group being gathered, and the break-after the next
     * body row (or what follows the table) takes. */
    int group_break_before, group_break_after, break_after;
    bool auto_layout; /* columns wait for sample rows */
    struct pending_row *pending;
    size_t n_pending, cap_pending, pending_body;
    size_t rows_queued; /* rows that went to pending, ever */
    /* The last row that went to pending is the caller's node itself, not
     * a copy: the sample owns it and may have freed it already. */
    bool row_taken;
    /* Cells straight in a part, gathered into a row (XSL 1.1 §6.7.10). */
    struct rp_fo_node *loose;
    size_t loose_cols;
    /* The loose row is complete: it is laid out once the reader has
     * moved past its last cell (a streamed cell is the reader's node
     * until then, and laying the row out frees it). */
    bool loose_full;
};

/* With the columns known, what rows track per column. */
static void grid_ready(struct table_state *t)
{
    t->grid_ready = true;
    t->spans.n = t->grid.n_cols;
    t->spans.rows_left = rp_xcalloc(t->grid.n_cols, sizeof(size_t));
    t->above = rp_xcalloc(t->grid.n_cols, sizeof(*t->above));
    t->footer_above = rp_xcalloc(t->grid.n_cols, sizeof(*t->footer_above));
}

static void ensure_grid(struct rp_flow *flow, struct table_state *t, long line,
                        const struct rp_fo_node *row)
{
    if (t->grid_ready)
        return;
    grid_init(&t->grid, flow, line, t->specs, t->n_specs, cells_in_row(row),
              t->x, t->width);
    grid_ready(t);
}

static void gather_text(const struct rp_fo_node *node, GString *text,
                        const struct rp_fo_props **style)
{
    const struct rp_fo_node *c;
    for (c = node->first_child; c; c = c->next) {
        if (c->kind == RP_FO_TEXT) {
            if (!*style)
                *style = &c->props;
            g_string_append(text, c->text);
            g_string_append_c(text, ' ');
        } else {
            gather_text(c, text, style);
            g_string_append_c(text, ' ');
        }
    }
}

/* Widest word and whole text of a cell, on one line each, in points. */
static void measure_cell(struct rp_layout *layout,
                         const struct rp_fo_node *cell, double *min,
                         double *max)
{
    GString *text = g_string_new(NULL);
    const struct rp_fo_props *style = NULL;
    PangoLayout *pl;
    PangoFontDescription *desc;
    char **words, **w;
    int width;

    *min = *max = 0;
    gather_text(cell, text, &style);
    g_strstrip(text->str);
    if (!style || !*text->str) {
        g_string_free(text, TRUE);
        return;
    }
    desc = pango_font_description_new();
    pango_font_description_set_family(
        desc, rp_layout_font_families(layout, style->font_family));
    pango_font_description_set_absolute_size(desc,
                                             style->font_size * PANGO_SCALE);
    pango_font_description_set_weight(desc, (PangoWeight)style->font_weight);
    pango_font_description_set_style(
        desc, style->font_italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pl = pango_layout_new(layout->pango);
    pango_layout_set_font_description(pl, desc);
    pango_layout_set_text(pl, text->str, -1);
    pango_layout_get_size(pl, &width, NULL);
    *max = (double)width / PANGO_SCALE;
    words = g_strsplit_set(text->str, " \t\n\r", -1);
    for (w = words; *w; w++) {
        if (!**w)
            continue;
        pango_layout_set_text(pl, *w, -1);
        pango_layout_get_size(pl, &width, NULL);
        if ((double)width / PANGO_SCALE > *min)
            *min = (double)width / PANGO_SCALE;
    }
    g_strfreev(words);
    g_object_unref(pl);
    pango_font_description_free(desc);
    g_string_free(text, TRUE);
}

static double cell_insets(const struct rp_fo_props *p, bool separate)
{
    double half = separate ? 1.0 : 0.5;
    return half * (border_width(&p->border[RP_FO_LEFT]) +
                   border_width(&p->border[RP_FO_RIGHT])) +
           p->padding[RP_FO_LEFT] + p->padding[RP_FO_RIGHT];
}

/*
 * Column widths from content (CSS 2.1 §17.5.2.2): every column at least
 * its widest word, the room left shared out in proportion to how much
 * more each would take on one line.  Columns with a width keep it.
 */
static void auto_widths(struct rp_flow *flow, struct table_state *t, long line)
{
    size_t n_cols = t->n_specs, i, r;
    double *mins, *maxs, fixed = 0, sum_min = 0, sum_max = 0, avail;
    struct rp_fo_length *specs;

    for (r = 0; r < t->n_pending; r++) {
        if (t->pending[r].row && cells_in_row(t->pending[r].row) > n_cols)
            n_cols = cells_in_row(t->pending[r].row);
    }
    if (n_cols == 0)
        n_cols = 1;
    mins = rp_xcalloc(n_cols, sizeof(double));
    maxs = rp_xcalloc(n_cols, sizeof(double));
    specs = rp_xcalloc(n_cols, sizeof(*specs));
    for (i = 0; i < n_cols; i++)
        specs[i] = i < t->n_specs
                       ? t->specs[i]
                       : (struct rp_fo_length){RP_FO_LENGTH_AUTO, 0, 0};
    for (r = 0; r < t->n_pending; r++) {
        const struct rp_fo_node *c;
        size_t col = 0;
        if (!t->pending[r].row)
            continue; /* the end of a part */
        for (c = t->pending[r].row->first_child; c; c = c->next) {
            double mn, mx, in;
            if (c->kind != RP_FO_TABLE_CELL)
                continue;
            if (c->props.columns_spanned == 1 && col < n_cols) {
                measure_cell(flow->layout, c, &mn, &mx);
                in = cell_insets(&c->props, t->props.border_separate);
                if (mn + in > mins[col])
                    mins[col] = mn + in;
                if (mx + in > maxs[col])
                    maxs[col] = mx + in;
            }
            col += (size_t)c->props.columns_spanned;
        }
    }
    for (i = 0; i < n_cols; i++) {
        if (specs[i].kind == RP_FO_LENGTH_ABSOLUTE)
            fixed += specs[i].value;
        else if (specs[i].kind == RP_FO_LENGTH_PERCENT)
            fixed += t->width * specs[i].value / 100.0 + specs[i].plus;
        else if (specs[i].kind == RP_FO_LENGTH_AUTO) {
            sum_min += mins[i];
            sum_max += maxs[i];
        }
    }
    avail = t->width - fixed;
    for (i = 0; i < n_cols; i++) {
        double w;
        if (specs[i].kind != RP_FO_LENGTH_AUTO)
            continue;
        if (sum_max <= avail)
            /* Everything fits on one line: the rest goes by content. */
            w = maxs[i] + (sum_max > 0 ? (avail - sum_max) * maxs[i] / sum_max
                                       : (avail - sum_max) / (double)n_cols);
        else if (sum_min <= avail)
            w = mins[i] + (sum_max > sum_min
                               ? (avail - sum_min) * (maxs[i] - mins[i]) /
                                     (sum_max - sum_min)
                               : 0);
        else
            w = mins[i]; /* too wide: grid_init says so */
        specs[i].kind = RP_FO_LENGTH_ABSOLUTE;
        specs[i].value = w;
    }
    grid_init(&t->grid, flow, line, specs, n_cols, n_cols, t->x, t->width);
    grid_ready(t);
    free(mins);
    free(maxs);
    free(specs);
}

static enum rp_status table_row(struct rp_flow *flow, struct table_state *t,
                                struct rp_fo_node *row, int part,
                                const struct row_frame *frame, long table_line,
                                struct rp_error *err);
static enum rp_status close_part(struct rp_flow *flow, struct table_state *t,
                                 int part, const struct rp_fo_border *border,
                                 bool table_bottom, struct rp_error *err);

/*
 * A body's id ends with its last box (page-number-citation-last); a
 * header's and a footer's go with them to every page and end with the
 * first.
 */
static void end_part_id(struct rp_flow *flow, int part,
                        const struct row_frame *frame)
{
    if (part == PART_BODY && frame->part_id && !frame->part_top &&
        flow->last_box)
        rp_box_add_id(flow->last_box, frame->part_id, true);
}

/* The sample is complete: size the columns, then lay the rows out. */
static enum rp_status release_pending(struct rp_flow *flow,
                                      struct table_state *t, long line,
                                      struct rp_error *err)
{
    enum rp_status status = RP_OK;
    size_t i;

    if (!t->auto_layout || t->grid_ready)
        return RP_OK;
    auto_widths(flow, t, line);
    for (i = 0; i < t->n_pending; i++) {
        const struct pending_row *pr = &t->pending[i];
        if (status == RP_OK && pr->row)
            status =
                table_row(flow, t, pr->row, pr->part, &pr->frame, line, err);
        else if (status == RP_OK) {
            status = close_part(flow, t, pr->part, pr->frame.part,
                                pr->table_bottom, err);
            end_part_id(flow, pr->part, &pr->frame);
        }
        rp_fo_node_free(pr->row);
    }
    t->n_pending = 0;
    return status;
}

/*
 * A body row's forced breaks: its own break-before, the break-after of
 * the row before it.  The paginator closes the page with the footer and
 * repeats the header after the break, as at any break in a table.
 */
static void body_breaks(struct table_state *t, struct rp_box *box)
{
    int before = t->group_break_before > t->break_after ? t->group_break_before
                                                        : t->break_after;

    if (before > box->break_before)
        box->break_before = before;
    t->break_after = t->group_break_after;
    t->group_break_before = RP_FO_BREAK_AUTO;
    t->group_break_after = RP_FO_BREAK_AUTO;
}

/*
 * Lays out one materialised row.  Rows joined by a row-spanning cell are
 * gathered and sent down the flow together, as one box.
 */
static enum rp_status table_row(struct rp_flow *flow, struct table_state *t,
                                struct rp_fo_node *row, int part,
                                const struct row_frame *frame, long table_line,
                                struct rp_error *err)
{
    struct rp_box *box;
    enum rp_status status;
    bool header = part == PART_HEADER;

    if (!t->grid_ready && t->n_pending == 0 && !t->props.table_layout_fixed) {
        size_t i;
        t->auto_layout = t->n_specs == 0;
        for (i = 0; i < t->n_specs; i++)
            if (t->specs[i].kind == RP_FO_LENGTH_AUTO)
                t->auto_layout = true;
    }
    if (t->auto_layout && !t->grid_ready) {
        rp_array_grow((void **)&t->pending, &t->cap_pending, t->n_pending + 1,
                      sizeof(*t->pending));
        /* A table in a cell of a row held whole is part of that row's
         * tree, which frees it: keep a copy, not the row. */
        t->pending[t->n_pending].row = rp_fo_node_take(row);
        t->row_taken = t->pending[t->n_pending].row == row;
        t->pending[t->n_pending].part = part;
        t->pending[t->n_pending].frame = *frame;
        t->n_pending++;
        t->rows_queued++;
        if (part == PART_BODY && ++t->pending_body >= AUTO_LAYOUT_SAMPLE_ROWS)
            return release_pending(flow, t, table_line, err);
        return RP_OK;
    }
    ensure_grid(flow, t, table_line, row);
    if (part == PART_FOOTER) {
        /* Laid out ahead (the footer comes before the body in FO), kept
         * for the foot of every page the table breaks across and for its
         * end. */
        status = layout_cells(flow, &t->grid, &t->props, row, frame, &t->spans,
                              &t->group, err);
        if (status != RP_OK || spans_open(&t->spans))
            return status;
        box = group_box(&t->group, &t->grid, &t->props, t->footer_above);
        box->is_footer = true;
        box->row->structure = flow->layout->structure;
        box->row->part = RP_AREA_TR_FOOTER;
        rp_array_grow((void **)&t->ctx->footer, &t->ctx->cap_footer,
                      t->ctx->n_footer + 1, sizeof(*t->ctx->footer));
        t->ctx->footer[t->ctx->n_footer++] = box;
        t->ctx->footer_height += box->height;
        return RP_OK;
    }
    if (t->group.n_rows == 0) {
        t->group_is_header = header;
        t->group_break_before = row->props.break_before;
    }
    if ((int)row->props.break_after > t->group_break_after)
        t->group_break_after = row->props.break_after;
    status = layout_cells(flow, &t->grid, &t->props, row, frame, &t->spans,
                          &t->group, err);
    if (status != RP_OK || spans_open(&t->spans))
        return status;
    box = group_box(&t->group, &t->grid, &t->props, t->above);
    box->row->structure = flow->layout->structure;
    if (t->group_is_header)
        box->row->part = RP_AREA_TR_HEADER;
    if (t->group_is_header) {
        struct rp_table_ctx *ctx = t->ctx;
        box->is_header = true;
        rp_array_grow((void **)&ctx->header, &ctx->cap_header,
                      ctx->n_header + 1, sizeof(*ctx->header));
        ctx->header[ctx->n_header++] = rp_box_ref(box);
        t->first_body_row = true;
    } else {
        body_breaks(t, box);
        if (t->first_body_row) {
            /* A header alone at the foot of a page is useless. */
            box->keep_with_prev = true;
            t->first_body_row = false;
        }
    }
    return rp_flow_emit(flow, box, err);
}

/*
 * The end of a part: where its bottom border (or the table's, at the
 * table's end) wins over the bottom borders of its last row, it is drawn
 * along the bottom grid line, in a box of no height kept with the row.
 * A header's goes with the header onto every page, a footer's likewise.
 */
static enum rp_status close_part(struct rp_flow *flow, struct table_state *t,
                                 int part, const struct rp_fo_border *border,
                                 bool table_bottom, struct rp_error *err)
{
    struct rp_fo_border *above =
        part == PART_FOOTER ? t->footer_above : t->above;
    struct rp_box *box;
    size_t col;

    if (t->props.border_separate || !t->grid_ready)
        return RP_OK;
    box = rp_box_new();
    for (col = 0; col < t->grid.n_cols; col++) {
        struct rp_fo_border b[4] = {0};
        struct rp_fo_border won =
            resolve_border(above[col], border[RP_FO_BOTTOM]);
        if (table_bottom)
            won = resolve_border(won, t->props.border[RP_FO_BOTTOM]);
        if (same_border(&won, &above[col]))
            continue;
        above[col] = won;
        b[RP_FO_TOP] = won;
        rp_emit_grid_borders(&box->items, b, t->grid.col_x[col], 0,
                             t->grid.col_w[col], 0);
    }
    if (box->items.n == 0) {
        rp_box_unref(box);
        return RP_OK;
    }
    rp_items_merge_rules(&box->items, 0);
    box->keep_with_prev = true;
    if (part == PART_FOOTER) {
        box->is_footer = true;
        rp_array_grow((void **)&t->ctx->footer, &t->ctx->cap_footer,
                      t->ctx->n_footer + 1, sizeof(*t->ctx->footer));
        t->ctx->footer[t->ctx->n_footer++] = box;
        return RP_OK;
    }
    if (part == PART_HEADER) {
        box->is_header = true;
        rp_array_grow((void **)&t->ctx->header, &t->ctx->cap_header,
                      t->ctx->n_header + 1, sizeof(*t->ctx->header));
        t->ctx->header[t->ctx->n_header++] = rp_box_ref(box);
    }
    return rp_flow_emit(flow, box, err);
}

/* Rows still waiting for a span that the body ended early. */
static enum rp_status table_flush(struct rp_flow *flow, struct table_state *t,
                                  struct rp_error *err)
{
    struct rp_box *box;
    size_t i;

    if (t->group.n_rows == 0)
        return RP_OK;
    for (i = 0; i < t->spans.n; i++)
        t->spans.rows_left[i] = 0;
    box = group_box(&t->group, &t->grid, &t->props, t->above);
    box->row->structure = flow->layout->structure;
    body_breaks(t, box);
    return rp_flow_emit(flow, box, err);
}

/*
 * The row gathered from cells straight in a part, laid out and let go:
 * rows waiting for automatic column widths keep it.
 */
static enum rp_status end_loose_row(struct rp_flow *flow, struct table_state *t,
                                    int kind, struct row_frame *frame,
                                    long table_line, struct rp_error *err)
{
    struct rp_fo_node *row = t->loose;
    size_t queued = t->rows_queued;
    enum rp_status status;

    if (!row)
        return RP_OK;
    t->loose = NULL;
    t->loose_cols = 0;
    t->loose_full = false;
    status = table_row(flow, t, row, kind, frame, table_line, err);
    if (t->rows_queued == queued)
        rp_fo_node_free(row);
    frame->part_top = false;
    frame->table_top = false;
    return status;
}

/* Columns the table has for a row of loose cells; 0: not known. */
static size_t loose_columns(const struct table_state *t)
{
    size_t n = t->grid_ready ? t->grid.n_cols : t->n_specs, i, held = 0;

    if (n == 0)
        return 0;
    for (i = 0; t->grid_ready && i < t->spans.n; i++)
        held += t->spans.rows_left[i] > 0;
    return n > held ? n - held : 1;
}

/*
 * A cell straight in a table part: rows are made of such cells as FOP
 * makes them, a new one where a cell starts-row or the one before it
 * ends-row, or when the table's columns are full.  The cell is taken into
 * a row made here; a row it completes waits for the next child.
 */
static enum rp_status loose_cell(struct rp_flow *flow, struct table_state *t,
                                 struct rp_fo_node *cell, int kind,
                                 struct row_frame *frame, long table_line,
                                 struct rp_error *err)
{
    enum rp_status status = RP_OK;
    struct rp_fo_node *taken;
    size_t cols = loose_columns(t);

    if (t->loose && cell->props.starts_row)
        status = end_loose_row(flow, t, kind, frame, table_line, err);
    if (status == RP_OK)
        status = rp_fo_materialize(flow->layout->doc, cell, err);
    if (status != RP_OK)
        return status;
    if (!t->loose) {
        t->loose = rp_xcalloc(1, sizeof(*t->loose));
        t->loose->kind = RP_FO_TABLE_ROW;
        t->loose->line = cell->line;
        t->loose->depth = cell->depth;
    }
    taken = rp_fo_node_take(cell);
    taken->next = NULL;
    if (t->loose->last_child)
        t->loose->last_child->next = taken;
    else
        t->loose->first_child = taken;
    t->loose->last_child = taken;
    t->loose_cols += (size_t)cell->props.columns_spanned;
    if (cell->props.ends_row || (cols > 0 && t->loose_cols >= cols))
        t->loose_full = true;
    return status;
}

/* The rows of a header, footer or body, each materialised in turn. */
static enum rp_status table_part(struct rp_flow *flow, struct table_state *t,
                                 struct rp_fo_node *part, int kind,
                                 long table_line, struct rp_error *err)
{
    struct rp_fo_node *row = NULL;
    enum rp_status status;
    struct row_frame frame;
    bool table_bottom;

    memcpy(frame.part, part->props.border, sizeof(frame.part));
    frame.part_background = part->props.background;
    frame.part_top = true;
    frame.part_id = part->props.id;
    frame.table_top = kind != PART_FOOTER && !t->table_top_given;
    if (frame.table_top)
        t->table_top_given = true;
    if (kind == PART_FOOTER)
        t->pending_footer = true;
    while ((status = rp_fo_next_child(flow->layout->doc, part, &row, err)) ==
               RP_OK &&
           row) {
        if (t->loose_full) {
            status = end_loose_row(flow, t, kind, &frame, table_line, err);
            if (status != RP_OK)
                break;
        }
        if (row->kind == RP_FO_TABLE_CELL) {
            status = loose_cell(flow, t, row, kind, &frame, table_line, err);
        } else if (row->kind == RP_FO_TABLE_ROW) {
            status = end_loose_row(flow, t, kind, &frame, table_line, err);
            if (status == RP_OK)
                status = rp_fo_materialize(flow->layout->doc, row, err);
            t->row_taken = false;
            if (status == RP_OK)
                status = table_row(flow, t, row, kind, &frame, table_line, err);
            /* Kept for the column widths' sample, the row is the sample's
             * to free (the hundredth frees it at once): not ours to hand
             * back to the reader. */
            if (t->row_taken)
                row = NULL;
            frame.part_top = false;
            frame.table_top = false;
        }
        if (status != RP_OK)
            break;
    }
    if (status == RP_OK)
        status = end_loose_row(flow, t, kind, &frame, table_line, err);
    if (status != RP_OK) {
        rp_fo_node_done(row);
        rp_fo_node_free(t->loose);
        t->loose = NULL;
        return status;
    }
    /* The table's bottom is the footer's, or with none the body's. */
    table_bottom =
        kind == PART_FOOTER ||
        (kind == PART_BODY && t->ctx->n_footer == 0 && !t->pending_footer);
    if (t->auto_layout && !t->grid_ready) {
        rp_array_grow((void **)&t->pending, &t->cap_pending, t->n_pending + 1,
                      sizeof(*t->pending));
        memset(&t->pending[t->n_pending], 0, sizeof(*t->pending));
        t->pending[t->n_pending].part = kind;
        t->pending[t->n_pending].frame = frame;
        t->pending[t->n_pending].table_bottom = table_bottom;
        t->n_pending++;
        return RP_OK;
    }
    if (kind != PART_FOOTER)
        status = table_flush(flow, t, err);
    if (status == RP_OK)
        status = close_part(flow, t, kind, frame.part, table_bottom, err);
    if (status == RP_OK)
        end_part_id(flow, kind, &frame);
    return status;
}

enum rp_status rp_flow_table(struct rp_flow *flow, struct rp_fo_node *table,
                             struct rp_error *err)
{
    struct table_state t;
    struct rp_fo_node *part = NULL;
    size_t i;
    struct rp_table_ctx *outer = flow->table;
    enum rp_status status;
    double avail;
    long line = table->line;

    memset(&t, 0, sizeof(t));
    t.props = table->props;
    avail = flow->ref_width - t.props.start_indent - t.props.end_indent;
    t.width = avail;
    if (t.props.width.kind == RP_FO_LENGTH_ABSOLUTE)
        t.width = t.props.width.value;
    else if (t.props.width.kind == RP_FO_LENGTH_PERCENT)
        t.width = avail * t.props.width.value / 100.0 + t.props.width.plus;
    t.x = flow->x_origin + t.props.start_indent;
    /* Collapsed, the table's border lies on the outer grid lines, centred:
     * the grid reaches half into the border the table leaves room for. */
    if (!t.props.border_separate) {
        double left = border_width(&t.props.border[RP_FO_LEFT]);
        double right = border_width(&t.props.border[RP_FO_RIGHT]);
        t.x -= left / 2;
        t.width += (left + right) / 2;
    }
    t.ctx = rp_xcalloc(1, sizeof(*t.ctx));
    t.ctx->refs = 1;
    t.ctx->omit_header_at_break = t.props.omit_header_at_break;
    t.ctx->omit_footer_at_break = t.props.omit_footer_at_break;
    /* Rows know their table: a new page repeats its header, a break
     * closes the page with its footer. */
    flow->table = t.ctx;

    while ((status = rp_fo_next_child(flow->layout->doc, table, &part, err)) ==
               RP_OK &&
           part) {
        switch (part->kind) {
        case RP_FO_TABLE_COLUMN: {
            int r;
            for (r = 0; r < part->props.columns_repeated; r++) {
                rp_array_grow((void **)&t.specs, &t.cap_specs, t.n_specs + 1,
                              sizeof(*t.specs));
                t.specs[t.n_specs++] = part->props.column_width;
            }
            break;
        }
        case RP_FO_TABLE_HEADER:
            status = table_part(flow, &t, part, PART_HEADER, line, err);

            break;
        case RP_FO_TABLE_FOOTER:
            status = table_part(flow, &t, part, PART_FOOTER, line, err);
            if (status == RP_OK)
                status = table_flush(flow, &t, err);

            break;
        case RP_FO_TABLE_BODY:
            status = table_part(flow, &t, part, PART_BODY, line, err);
            break;
        default:
            break;
        }
        if (status != RP_OK)
            break;
    }
    if (status == RP_OK)
        status = table_flush(flow, &t, err);
    if (status == RP_OK)
        status = release_pending(flow, &t, line, err);
    if (status == RP_OK)
        status = table_flush(flow, &t, err);
    /* The footer closes the table, kept with its last row. */
    for (i = 0; status == RP_OK && i < t.ctx->n_footer; i++) {
        struct rp_box *f = rp_box_ref(t.ctx->footer[i]);
        f->keep_with_prev = true;
        status = rp_flow_emit(flow, f, err);
    }
    /* A break-after on the last row breaks after the table. */
    if (status == RP_OK && t.break_after > flow->pending_break)
        flow->pending_break = t.break_after;
    if (status != RP_OK)
        rp_fo_node_done(part);
    flow->table = outer;
    rp_table_ctx_unref(t.ctx);
    if (t.grid_ready)
        grid_release(&t.grid);
    group_release(&t.group);
    free(t.group.rows);
    free(t.group.cells);
    free(t.spans.rows_left);
    free(t.above);
    free(t.footer_above);
    for (i = 0; i < t.n_pending; i++)
        rp_fo_node_free(t.pending[i].row);
    free(t.pending);
    free(t.specs);
    return status;
}
