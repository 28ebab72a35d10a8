/*
 * Tables: column widths, rows laid out cell by cell, and a header that
 * repeats at the top of every page the table continues on.  A row is one
 * box: pages break between rows, never inside one (yet).
 */
#include "layout_internal.h"

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

static size_t cells_in_first_row(const struct rp_fo_node *table)
{
    const struct rp_fo_node *part, *row, *cell;
    size_t n = 0;

    for (part = table->first_child; part; part = part->next) {
        if (part->kind != RP_FO_TABLE_HEADER && part->kind != RP_FO_TABLE_BODY)
            continue;
        for (row = part->first_child; row; row = row->next) {
            if (row->kind != RP_FO_TABLE_ROW)
                continue;
            for (cell = row->first_child; cell; cell = cell->next) {
                if (cell->kind == RP_FO_TABLE_CELL)
                    n += (size_t)cell->props.columns_spanned;
            }
            return n;
        }
    }
    return n;
}

/*
 * Fixed and percentage columns take their width; proportional and
 * unspecified columns share what is left, as FOP does for fixed layout.
 */
static void grid_init(struct table_grid *grid, struct rp_flow *flow,
                      const struct rp_fo_node *table, double x,
                      double table_width)
{
    const struct rp_fo_node *c;
    struct rp_fo_length *specs = NULL;
    size_t n_specs = 0, cap = 0, i, first_row;
    double fixed = 0, units = 0, left;

    for (c = table->first_child; c; c = c->next) {
        int r;
        if (c->kind != RP_FO_TABLE_COLUMN)
            continue;
        for (r = 0; r < c->props.columns_repeated; r++) {
            rp_array_grow((void **)&specs, &cap, n_specs + 1, sizeof(*specs));
            specs[n_specs++] = c->props.column_width;
        }
    }
    first_row = cells_in_first_row(table);
    grid->n_cols = n_specs > first_row ? n_specs : first_row;
    if (grid->n_cols == 0)
        grid->n_cols = 1;
    grid->col_x = rp_xcalloc(grid->n_cols, sizeof(double));
    grid->col_w = rp_xcalloc(grid->n_cols, sizeof(double));
    for (i = 0; i < grid->n_cols; i++) {
        struct rp_fo_length l = {RP_FO_LENGTH_AUTO, 0};
        if (i < n_specs)
            l = specs[i];
        switch (l.kind) {
        case RP_FO_LENGTH_ABSOLUTE:
            grid->col_w[i] = l.value;
            fixed += l.value;
            break;
        case RP_FO_LENGTH_PERCENT:
            grid->col_w[i] = table_width * l.value / 100.0;
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
                    rp_fo_tree_name(flow->layout->tree), table->line, -left,
                    table_width);
    if (left < 0)
        left = 0;
    for (i = 0; i < grid->n_cols; i++) {
        struct rp_fo_length l = {RP_FO_LENGTH_AUTO, 1};
        if (i < n_specs)
            l = specs[i];
        if (l.kind == RP_FO_LENGTH_PROPORTIONAL)
            grid->col_w[i] = units > 0 ? left * l.value / units : 0;
        else if (l.kind == RP_FO_LENGTH_AUTO)
            grid->col_w[i] = units > 0 ? left / units : 0;
        grid->col_x[i] = i == 0 ? x : grid->col_x[i - 1] + grid->col_w[i - 1];
    }
    free(specs);
}

static void grid_release(struct table_grid *grid)
{
    free(grid->col_x);
    free(grid->col_w);
}

struct cell_layout {
    const struct rp_fo_node *cell;
    double x, w, height;
    struct rp_stacker content;
};

static void push_rect(struct rp_item_list *items, double x, double y, double w,
                      double h, struct rp_fo_color color)
{
    struct rp_area_item item = {0};
    item.kind = RP_AREA_RECT;
    item.x = x;
    item.y = y;
    item.w = w;
    item.h = h;
    item.color = rp_area_color_of(color);
    rp_item_list_push(items, &item);
}

static enum rp_status layout_row(struct rp_flow *flow,
                                 const struct table_grid *grid,
                                 const struct rp_fo_node *row,
                                 struct rp_box **out, struct rp_error *err)
{
    struct cell_layout *cells = NULL;
    size_t n_cells = 0, cap = 0, col = 0, i;
    const struct rp_fo_node *c;
    enum rp_status status = RP_OK;
    struct rp_box *box = rp_box_new();
    double height = 0;

    for (c = row->first_child; c; c = c->next) {
        const struct rp_fo_props *p = &c->props;
        struct cell_layout *cl;
        struct rp_flow sub;
        size_t span = (size_t)p->columns_spanned, k;
        double inset_l, inset_r, inset_t, inset_b;

        if (c->kind != RP_FO_TABLE_CELL)
            continue;
        if (col >= grid->n_cols) {
            rp_log_warn("%s:%ld: fo:table-cell beyond the table's %zu "
                        "columns is skipped",
                        rp_fo_tree_name(flow->layout->tree), c->line,
                        grid->n_cols);
            break;
        }
        if (col + span > grid->n_cols)
            span = grid->n_cols - col;
        rp_array_grow((void **)&cells, &cap, n_cells + 1, sizeof(*cells));
        cl = &cells[n_cells++];
        cl->cell = c;
        cl->x = grid->col_x[col];
        cl->w = 0;
        for (k = col; k < col + span; k++)
            cl->w += grid->col_w[k];
        col += span;
        inset_l = border_width(&p->border[RP_FO_LEFT]) + p->padding[RP_FO_LEFT];
        inset_r =
            border_width(&p->border[RP_FO_RIGHT]) + p->padding[RP_FO_RIGHT];
        inset_t = border_width(&p->border[RP_FO_TOP]) + p->padding[RP_FO_TOP];
        inset_b =
            border_width(&p->border[RP_FO_BOTTOM]) + p->padding[RP_FO_BOTTOM];
        rp_stacker_init(&cl->content);
        rp_flow_init(&sub, flow->layout, &cl->content.base, cl->x + inset_l,
                     cl->w - inset_l - inset_r);
        status = rp_flow_children(&sub, c, err);
        rp_deco_unref(sub.deco);
        if (status != RP_OK)
            goto out;
        cl->height = cl->content.height + inset_t + inset_b;
        if (cl->height > height)
            height = cl->height;
    }
    if (row->props.background.a > 0 && n_cells > 0)
        push_rect(&box->items, cells[0].x, 0,
                  cells[n_cells - 1].x + cells[n_cells - 1].w - cells[0].x,
                  height, row->props.background);
    for (i = 0; i < n_cells; i++) {
        if (cells[i].cell->props.background.a > 0)
            push_rect(&box->items, cells[i].x, 0, cells[i].w, height,
                      cells[i].cell->props.background);
    }
    for (i = 0; i < n_cells; i++) {
        const struct rp_fo_props *p = &cells[i].cell->props;
        rp_stacker_finish(&cells[i].content, 0,
                          border_width(&p->border[RP_FO_TOP]) +
                              p->padding[RP_FO_TOP],
                          &box->items);
    }
    for (i = 0; i < n_cells; i++)
        rp_emit_box_borders(&box->items, cells[i].cell->props.border,
                            cells[i].x, 0, cells[i].w, height, true, true);
    box->height = height;
    box->keep_with_prev = row->props.keep_with_previous;
out:
    for (i = 0; i < n_cells; i++)
        rp_stacker_release(&cells[i].content);
    free(cells);
    if (status != RP_OK) {
        rp_box_unref(box);
        box = NULL;
    }
    *out = box;
    return status;
}

static enum rp_status layout_rows(struct rp_flow *flow,
                                  const struct table_grid *grid,
                                  const struct rp_fo_node *part,
                                  struct rp_table_ctx *header,
                                  bool *first_body_row, struct rp_error *err)
{
    const struct rp_fo_node *row;
    enum rp_status status = RP_OK;

    for (row = part->first_child; row && status == RP_OK; row = row->next) {
        struct rp_box *box;
        if (row->kind != RP_FO_TABLE_ROW)
            continue;
        status = layout_row(flow, grid, row, &box, err);
        if (status != RP_OK)
            break;
        if (header) {
            box->is_header = true;
            rp_array_grow((void **)&header->header, &header->cap_header,
                          header->n_header + 1, sizeof(*header->header));
            header->header[header->n_header++] = rp_box_ref(box);
        } else if (*first_body_row) {
            /* A header alone at the foot of a page is useless. */
            box->keep_with_prev = true;
            *first_body_row = false;
        }
        status = rp_flow_emit(flow, box, err);
    }
    return status;
}

enum rp_status rp_flow_table(struct rp_flow *flow,
                             const struct rp_fo_node *table,
                             struct rp_error *err)
{
    const struct rp_fo_props *p = &table->props;
    const struct rp_fo_node *part;
    struct table_grid grid;
    struct rp_table_ctx *ctx = rp_xcalloc(1, sizeof(*ctx));
    struct rp_table_ctx *outer = flow->table;
    enum rp_status status = RP_OK;
    double avail = flow->ref_width - p->start_indent - p->end_indent;
    double width = avail;
    bool first_body_row = false;

    if (p->width.kind == RP_FO_LENGTH_ABSOLUTE)
        width = p->width.value;
    else if (p->width.kind == RP_FO_LENGTH_PERCENT)
        width = avail * p->width.value / 100.0;
    grid_init(&grid, flow, table, flow->x_origin + p->start_indent, width);
    ctx->refs = 1;
    ctx->omit_header_at_break = p->omit_header_at_break;

    for (part = table->first_child; part && status == RP_OK;
         part = part->next) {
        if (part->kind == RP_FO_TABLE_HEADER) {
            status = layout_rows(flow, &grid, part, ctx, &first_body_row, err);
            first_body_row = ctx->n_header > 0;
            /* Body rows from here on repeat this header on new pages. */
            if (!ctx->omit_header_at_break && ctx->n_header > 0)
                flow->table = ctx;
        }
    }
    for (part = table->first_child; part && status == RP_OK;
         part = part->next) {
        if (part->kind == RP_FO_TABLE_BODY)
            status = layout_rows(flow, &grid, part, NULL, &first_body_row, err);
    }
    for (part = table->first_child; part && status == RP_OK;
         part = part->next) {
        if (part->kind == RP_FO_TABLE_FOOTER)
            status = layout_rows(flow, &grid, part, NULL, &first_body_row, err);
    }
    flow->table = outer;
    rp_table_ctx_unref(ctx);
    grid_release(&grid);
    return status;
}
