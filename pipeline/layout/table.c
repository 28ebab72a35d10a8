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
                    rp_fo_doc_name(flow->layout->doc), table_line, -left,
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
                                 struct rp_fo_node *row, struct rp_box **out,
                                 struct rp_error *err)
{
    struct cell_layout *cells = NULL;
    size_t n_cells = 0, cap = 0, col = 0, i;
    struct rp_fo_node *c;
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
                        rp_fo_doc_name(flow->layout->doc), c->line,
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
    if (height < row->props.min_height)
        height = row->props.min_height;
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
};

static void ensure_grid(struct rp_flow *flow, struct table_state *t, long line,
                        const struct rp_fo_node *row)
{
    if (t->grid_ready)
        return;
    grid_init(&t->grid, flow, line, t->specs, t->n_specs, cells_in_row(row),
              t->x, t->width);
    t->grid_ready = true;
}

/* Lays out one materialised row and sends it down the flow. */
static enum rp_status table_row(struct rp_flow *flow, struct table_state *t,
                                struct rp_fo_node *row, bool header,
                                long table_line, struct rp_error *err)
{
    struct rp_box *box;
    enum rp_status status;

    ensure_grid(flow, t, table_line, row);
    status = layout_row(flow, &t->grid, row, &box, err);
    if (status != RP_OK)
        return status;
    if (header) {
        struct rp_table_ctx *ctx = t->ctx;
        box->is_header = true;
        rp_array_grow((void **)&ctx->header, &ctx->cap_header,
                      ctx->n_header + 1, sizeof(*ctx->header));
        ctx->header[ctx->n_header++] = rp_box_ref(box);
        t->first_body_row = true;
    } else if (t->first_body_row) {
        /* A header alone at the foot of a page is useless. */
        box->keep_with_prev = true;
        t->first_body_row = false;
    }
    return rp_flow_emit(flow, box, err);
}

/* The rows of a header, footer or body, each materialised in turn. */
static enum rp_status table_part(struct rp_flow *flow, struct table_state *t,
                                 struct rp_fo_node *part, bool header,
                                 long table_line, struct rp_error *err)
{
    struct rp_fo_node *row = NULL;
    enum rp_status status;

    while ((status = rp_fo_next_child(flow->layout->doc, part, &row, err)) ==
               RP_OK &&
           row) {
        if (row->kind != RP_FO_TABLE_ROW) {
            rp_fo_doc_warn_once(
                flow->layout->doc, "cells-without-rows", row->line,
                "fo:%s directly in fo:%s is not supported "
                "yet (wrap cells in fo:table-row); skipped",
                rp_fo_kind_name(row->kind), rp_fo_kind_name(part->kind));
            continue;
        }
        status = rp_fo_materialize(flow->layout->doc, row, err);
        if (status == RP_OK)
            status = table_row(flow, t, row, header, table_line, err);
        if (status != RP_OK)
            break;
    }
    if (status != RP_OK)
        rp_fo_node_done(row);
    return status;
}

enum rp_status rp_flow_table(struct rp_flow *flow, struct rp_fo_node *table,
                             struct rp_error *err)
{
    struct table_state t;
    struct rp_fo_node *part = NULL, *footer = NULL;
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
        t.width = avail * t.props.width.value / 100.0;
    t.x = flow->x_origin + t.props.start_indent;
    t.ctx = rp_xcalloc(1, sizeof(*t.ctx));
    t.ctx->refs = 1;
    t.ctx->omit_header_at_break = t.props.omit_header_at_break;

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
            status = table_part(flow, &t, part, true, line, err);
            /* Body rows from here on repeat the header on new pages. */
            if (!t.ctx->omit_header_at_break && t.ctx->n_header > 0)
                flow->table = t.ctx;
            break;
        case RP_FO_TABLE_FOOTER:
            /* Comes before the body in FO; laid out after it. */
            status = rp_fo_materialize(flow->layout->doc, part, err);
            if (status == RP_OK) {
                rp_fo_node_keep(part);
                rp_fo_node_free(footer);
                footer = part;
            }
            break;
        case RP_FO_TABLE_BODY:
            status = table_part(flow, &t, part, false, line, err);
            break;
        default:
            break;
        }
        if (status != RP_OK)
            break;
    }
    if (status == RP_OK && footer)
        status = table_part(flow, &t, footer, false, line, err);
    if (status != RP_OK)
        rp_fo_node_done(part);
    rp_fo_node_free(footer);
    flow->table = outer;
    rp_table_ctx_unref(t.ctx);
    if (t.grid_ready)
        grid_release(&t.grid);
    free(t.specs);
    return status;
}
