/*
 * Tables as they stream: column widths (given, or measured on a sample of
 * the first rows), the header, body and footer read row by row (cells
 * straight in a part gathered into rows), forced breaks on rows, and a
 * header and footer that repeat on every page the table continues on.
 * The rows themselves are laid out by table_rows.c.
 */
#include "table_rows.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"

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
    /* What the row before holds of above's borders, by column (below 0:
     * no row before), and of footer_above's (collapsed). */
    double *above_held, *footer_held;
    /* What a body row first on a page meets above it: the repeated
     * header's bottom borders (none without one), by column. */
    struct rp_fo_border *lead;
    double *lead_held;
    bool lead_ready;
    struct row_frame frame; /* of the part being read */
    bool table_top_given;   /* a row has the table's top border */
    bool pending_footer;    /* the table has a footer */
    bool group_is_header;
    /* break-before and break-after of body rows (enum rp_fo_break): of
     * the rows of the group being gathered, and the break-after the next
     * body row (or what follows the table) takes. */
    int group_break_before, group_break_after, break_after;
    /* keep-with-next of the group's last row, and of the body row sent
     * last: the next body row (or what follows the table) keeps with it. */
    bool group_keep_next, keep_next;
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
    /* Header boxes not sent yet: a break-before on the first body row
     * is a break before the table (FOP moves the table's start, header
     * and all, to the new page), so they wait for that row. */
    struct rp_box **held;
    size_t n_held, cap_held;
    /* Room for the table's top padding and (separate) border, held
     * likewise: the table's start.  It belongs to the flow around the
     * table (outer). */
    struct rp_box *start;
    struct rp_table_ctx *outer;
    /* Collapsed, a row holds half of the borders on its bottom grid line
     * as FOP's do, those of the row below and of the part's and table's
     * ends too: known only later, so the last row's box waits to grow
     * (rp_table_row_grow).  The body's in pend (the row's box first,
     * then the border boxes that follow it, not sent yet), the header's
     * and the footer's last row in header_row and footer_row (the
     * ctx's).  footer_top: the top borders of the footer's first row, by
     * column, which the body's last row meets at the table's end. */
    struct rp_box **pend;
    size_t n_pend, cap_pend;
    struct rp_box *header_row, *footer_row;
    struct rp_fo_border *footer_top;
};

/* With the columns known, what rows track per column. */
static void grid_ready(struct table_state *t)
{
    size_t i;

    t->grid_ready = true;
    t->spans.n = t->grid.n_cols;
    t->spans.rows_left = rp_xcalloc(t->grid.n_cols, sizeof(size_t));
    t->above = rp_xcalloc(t->grid.n_cols, sizeof(*t->above));
    t->footer_above = rp_xcalloc(t->grid.n_cols, sizeof(*t->footer_above));
    t->lead = rp_xcalloc(t->grid.n_cols, sizeof(*t->lead));
    t->above_held = rp_xmalloc(t->grid.n_cols * sizeof(double));
    t->footer_held = rp_xmalloc(t->grid.n_cols * sizeof(double));
    t->lead_held = rp_xmalloc(t->grid.n_cols * sizeof(double));
    t->footer_top = rp_xcalloc(t->grid.n_cols, sizeof(*t->footer_top));
    /* The footer's first row meets the body's last, laid out later: it
     * holds half of its own top border, the body's last row the other
     * half at the table's end (end_body). */
    for (i = 0; i < t->grid.n_cols; i++)
        t->above_held[i] = t->lead_held[i] = t->footer_held[i] = -1;
}

/* The lead of body rows, fixed when the header is complete. */
static const struct rp_fo_border *body_lead(struct table_state *t)
{
    if (!t->lead_ready && t->ctx->n_header > 0 &&
        !t->ctx->omit_header_at_break) {
        memcpy(t->lead, t->above, t->grid.n_cols * sizeof(*t->lead));
        memcpy(t->lead_held, t->above_held,
               t->grid.n_cols * sizeof(*t->lead_held));
    }
    t->lead_ready = true;
    return t->lead;
}

static void ensure_grid(struct rp_flow *flow, struct table_state *t, long line,
                        const struct rp_fo_node *row)
{
    if (t->grid_ready)
        return;
    rp_table_grid_init(&t->grid, flow, line, t->specs, t->n_specs,
                       rp_table_cells_in_row(row), t->x, t->width);
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
    return half * (rp_table_border_width(&p->border[RP_FO_LEFT]) +
                   rp_table_border_width(&p->border[RP_FO_RIGHT])) +
           p->padding[RP_FO_LEFT] + p->padding[RP_FO_RIGHT];
}

/*
 * Column widths from content (CSS 2.1 §17.5.2.2): every column at least
 * its widest word, the room left shared out in proportion to how much
 * more each would take on one line.  Columns with a width keep it.
 */
static void auto_widths(struct rp_flow *flow, struct table_state *t, long line)
{
    size_t n_cols = t->n_specs, i, r, *held;
    double *mins, *maxs, fixed = 0, sum_min = 0, sum_max = 0, avail;
    struct rp_fo_length *specs;

    for (r = 0; r < t->n_pending; r++) {
        if (t->pending[r].row &&
            rp_table_cells_in_row(t->pending[r].row) > n_cols)
            n_cols = rp_table_cells_in_row(t->pending[r].row);
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
    /* Rows spanned from above, by column: a cell under a span stands in
     * the next free column, as table_rows.c places it. */
    held = rp_xcalloc(n_cols, sizeof(*held));
    for (r = 0; r < t->n_pending; r++) {
        const struct rp_fo_node *c;
        size_t col = 0;
        if (!t->pending[r].row) {
            memset(held, 0, n_cols * sizeof(*held)); /* the end of a part */
            continue;
        }
        for (c = t->pending[r].row->first_child; c; c = c->next) {
            double mn, mx, in;
            if (c->kind != RP_FO_TABLE_CELL)
                continue;
            while (col < n_cols && held[col] > 0)
                col++;
            for (i = col; c->props.rows_spanned > 1 && i < n_cols &&
                          i < col + (size_t)c->props.columns_spanned;
                 i++)
                held[i] = (size_t)c->props.rows_spanned;
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
        for (i = 0; i < n_cols; i++)
            if (held[i] > 0)
                held[i]--;
    }
    free(held);
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
    rp_table_grid_init(&t->grid, flow, line, specs, n_cols, n_cols, t->x,
                       t->width);
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
 * A body's id ends with its last box (page-number-citation-last): the
 * last held back (pend) or, with none, the last sent; a header's and a
 * footer's go with them to every page and end with the first.
 */
static void end_part_id(struct rp_flow *flow, const struct table_state *t,
                        int part, const struct row_frame *frame)
{
    struct rp_box *last = t->n_pend ? t->pend[t->n_pend - 1] : flow->last_box;

    if (part == PART_BODY && frame->part_id && !frame->part_top && last)
        rp_box_add_id(last, frame->part_id, true);
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
            end_part_id(flow, t, pr->part, &pr->frame);
        }
        rp_fo_node_free(pr->row);
    }
    t->n_pending = 0;
    return status;
}

/* Keeps a header box back until the first body box is known. */
static void hold_header(struct table_state *t, struct rp_box *box)
{
    rp_array_grow((void **)&t->held, &t->cap_held, t->n_held + 1,
                  sizeof(*t->held));
    t->held[t->n_held++] = box;
}

/* The box of the body's last row, waiting in pend, or NULL. */
static struct rp_box *pending_row(const struct table_state *t)
{
    return t->n_pend > 0 && t->pend[0]->row ? t->pend[0] : NULL;
}

/* The row a new one of part comes under, still free to grow, or NULL. */
static struct rp_box *row_before(const struct table_state *t, int part)
{
    if (t->props.border_separate)
        return NULL;
    if (part == PART_FOOTER)
        return t->footer_row;
    if (part == PART_HEADER)
        return t->header_row;
    if (pending_row(t))
        return pending_row(t);
    /* The first body row: under the header, held back until now. */
    return t->n_held > 0 ? t->header_row : NULL;
}

/* Grows the row box prev by dh (the sum of the footer's rows with it). */
static void grow_row(struct table_state *t, struct rp_box *prev, double dh)
{
    if (!prev || dh <= 0)
        return;
    rp_table_row_grow(prev, dh);
    if (prev->is_footer)
        t->ctx->footer_height += dh;
}

/*
 * What the row before must grow by to hold half of the borders in
 * meet (by column) on its bottom grid line, with held what it holds of
 * them now (below 0: no row); held grows with it.
 */
static double bottom_need(const struct table_state *t,
                          const struct rp_fo_border *meet, double *held)
{
    double need = 0;
    size_t col;

    for (col = 0; col < t->grid.n_cols; col++) {
        double h = 0.5 * rp_table_border_width(&meet[col]) - held[col];
        if (held[col] >= 0 && h > need)
            need = h;
    }
    for (col = 0; col < t->grid.n_cols; col++) {
        if (held[col] >= 0)
            held[col] += need;
    }
    return need;
}

/*
 * Sends box (a body or footer box, or NULL at the table's end) down the
 * flow, after the header boxes held back: a forced break the box brings
 * goes before them, so the header starts the new page with it.
 */
static enum rp_status emit_after_header(struct rp_flow *flow,
                                        struct table_state *t,
                                        struct rp_box *box,
                                        struct rp_error *err)
{
    enum rp_status status = RP_OK;
    struct rp_box *first = t->start ? t->start : t->n_held ? t->held[0] : NULL;
    size_t i;

    if (first && box && box->break_before > first->break_before) {
        first->break_before = box->break_before;
        box->break_before = RP_FO_BREAK_AUTO;
    }
    if (t->start) {
        /* Not a row: no header repeats above it on a new page. */
        flow->table = t->outer;
        status = rp_flow_emit(flow, t->start, err);
        flow->table = t->ctx;
        t->start = NULL;
        /* The table's top border stays with its first row, and so
         * does what keeps with the table's start (a title). */
        if (t->n_held)
            t->held[0]->keep_with_prev = true;
        else if (box)
            box->keep_with_prev = true;
    }
    for (i = 0; i < t->n_held; i++) {
        if (status == RP_OK)
            status = rp_flow_emit(flow, t->held[i], err);
        else
            rp_box_unref(t->held[i]);
    }
    t->n_held = 0;
    if (!box)
        return status;
    if (status != RP_OK) {
        rp_box_unref(box);
        return status;
    }
    return rp_flow_emit(flow, box, err);
}

/* Sends the body's last row and what follows it down the flow. */
static enum rp_status flush_pend(struct rp_flow *flow, struct table_state *t,
                                 struct rp_error *err)
{
    enum rp_status status = RP_OK;
    size_t i;

    for (i = 0; i < t->n_pend; i++) {
        if (status == RP_OK)
            status = emit_after_header(flow, t, t->pend[i], err);
        else
            rp_box_unref(t->pend[i]);
    }
    t->n_pend = 0;
    return status;
}

/* Keeps box back after the body's last row (a new last row: alone). */
static enum rp_status pend_box(struct rp_flow *flow, struct table_state *t,
                               struct rp_box *box, struct rp_error *err)
{
    enum rp_status status = RP_OK;

    if (t->props.border_separate)
        return emit_after_header(flow, t, box, err);
    if (box->row)
        status = flush_pend(flow, t, err);
    if (status != RP_OK) {
        rp_box_unref(box);
        return status;
    }
    rp_array_grow((void **)&t->pend, &t->cap_pend, t->n_pend + 1,
                  sizeof(*t->pend));
    t->pend[t->n_pend++] = box;
    return RP_OK;
}

/*
 * The body ends the table before its footer: its last row holds half of
 * the borders on the footer's top grid line, then goes.
 */
static enum rp_status end_body(struct rp_flow *flow, struct table_state *t,
                               struct rp_error *err)
{
    if (t->grid_ready && pending_row(t) && t->footer_row) {
        struct rp_fo_border *meet = rp_xmalloc(t->grid.n_cols * sizeof(*meet));
        size_t col;
        for (col = 0; col < t->grid.n_cols; col++)
            meet[col] =
                rp_table_resolve_border(t->above[col], t->footer_top[col]);
        grow_row(t, pending_row(t), bottom_need(t, meet, t->above_held));
        free(meet);
    }
    return flush_pend(flow, t, err);
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
    if (t->keep_next)
        box->keep_with_prev = true;
    t->keep_next = t->group_keep_next;
    t->group_keep_next = false;
    t->break_after = t->group_break_after;
    t->group_break_before = RP_FO_BREAK_AUTO;
    t->group_break_after = RP_FO_BREAK_AUTO;
}

/* Notes the top borders of the footer's first row (box), by column. */
static void note_footer_top(struct table_state *t, const struct rp_box *box)
{
    size_t i, col;

    for (i = 0; box->row && i < box->row->n_cells; i++) {
        const struct rp_row_cell *c = &box->row->cells[i];
        if (c->top > 1e-9)
            continue;
        for (col = 0; col < t->grid.n_cols; col++) {
            if (t->grid.col_x[col] >= c->x - 0.01 &&
                t->grid.col_x[col] < c->x + c->w - 0.01)
                t->footer_top[col] = c->border[RP_FO_TOP];
        }
    }
}

/*
 * Grows prev, the row a new one came under, by gap.  Under the header,
 * a row first on a page later meets the header's bottom (lead), which
 * now holds as much more.
 */
static void grow_row_under(struct table_state *t, struct rp_box *prev,
                           double gap)
{
    size_t col;

    grow_row(t, prev, gap);
    if (!prev || prev != t->header_row || gap <= 0)
        return;
    for (col = 0; col < t->grid.n_cols; col++) {
        if (t->lead_held[col] >= 0)
            t->lead_held[col] += gap;
    }
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
    struct rp_box *box, *prev;
    enum rp_status status;
    bool header = part == PART_HEADER;
    double gap = 0;

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
        status = rp_table_layout_cells(flow, &t->grid, &t->props, row, frame,
                                       &t->spans, &t->group, err);
        if (status != RP_OK || rp_table_spans_open(&t->spans))
            return status;
        prev = row_before(t, part);
        box =
            rp_table_group_box(&t->group, &t->grid, &t->props, t->footer_above,
                               t->footer_held, NULL, NULL, prev ? &gap : NULL);
        grow_row(t, prev, gap);
        if (!t->footer_row)
            note_footer_top(t, box);
        t->footer_row = box;
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
    t->group_keep_next = row->props.keep_with_next;
    status = rp_table_layout_cells(flow, &t->grid, &t->props, row, frame,
                                   &t->spans, &t->group, err);
    if (status != RP_OK || rp_table_spans_open(&t->spans))
        return status;
    prev = row_before(t, t->group_is_header ? PART_HEADER : PART_BODY);
    box = rp_table_group_box(&t->group, &t->grid, &t->props, t->above,
                             t->above_held,
                             t->group_is_header ? NULL : body_lead(t),
                             t->lead_held, prev ? &gap : NULL);
    grow_row_under(t, prev, gap);
    box->row->structure = flow->layout->structure;
    if (t->group_is_header)
        box->row->part = RP_AREA_TR_HEADER;
    if (t->group_is_header) {
        struct rp_table_ctx *ctx = t->ctx;
        box->is_header = true;
        rp_array_grow((void **)&ctx->header, &ctx->cap_header,
                      ctx->n_header + 1, sizeof(*ctx->header));
        ctx->header[ctx->n_header++] = rp_box_ref(box);
        t->header_row = box;
        t->first_body_row = true;
        hold_header(t, box);
        return RP_OK;
    }
    body_breaks(t, box);
    if (t->first_body_row) {
        /* A header alone at the foot of a page is useless. */
        box->keep_with_prev = true;
        t->first_body_row = false;
    }
    return pend_box(flow, t, box, err);
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
    struct rp_fo_border *won;
    struct rp_box *box;
    size_t col;

    if (t->props.border_separate || !t->grid_ready)
        return RP_OK;
    won = rp_xmalloc(t->grid.n_cols * sizeof(*won));
    for (col = 0; col < t->grid.n_cols; col++) {
        won[col] = rp_table_resolve_border(above[col], border[RP_FO_BOTTOM]);
        if (table_bottom)
            won[col] = rp_table_resolve_border(won[col],
                                               t->props.border[RP_FO_BOTTOM]);
    }
    /* The part's last row holds half of it; at the table's end the other
     * half lies below the table's area, as FOP has it. */
    grow_row(t, row_before(t, part),
             bottom_need(t, won,
                         part == PART_FOOTER ? t->footer_held : t->above_held));
    box = rp_box_new();
    for (col = 0; col < t->grid.n_cols; col++) {
        struct rp_fo_border b[4] = {0};
        if (rp_table_same_border(&won[col], &above[col]))
            continue;
        above[col] = won[col];
        b[RP_FO_TOP] = won[col];
        rp_emit_grid_borders(&box->items, b, t->grid.col_x[col], 0,
                             t->grid.col_w[col], 0);
    }
    free(won);
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
        hold_header(t, box);
        return RP_OK;
    }
    return pend_box(flow, t, box, err);
}

/* Rows still waiting for a span that the body ended early. */
static enum rp_status table_flush(struct rp_flow *flow, struct table_state *t,
                                  struct rp_error *err)
{
    struct rp_box *box, *prev;
    double gap = 0;
    size_t i;

    if (t->group.n_rows == 0)
        return RP_OK;
    for (i = 0; i < t->spans.n; i++)
        t->spans.rows_left[i] = 0;
    prev = row_before(t, PART_BODY);
    box = rp_table_group_box(&t->group, &t->grid, &t->props, t->above,
                             t->above_held, body_lead(t), t->lead_held,
                             prev ? &gap : NULL);
    grow_row_under(t, prev, gap);
    box->row->structure = flow->layout->structure;
    body_breaks(t, box);
    return pend_box(flow, t, box, err);
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
        end_part_id(flow, t, kind, &frame);
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
    double avail, top, bottom;
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
        double left = rp_table_border_width(&t.props.border[RP_FO_LEFT]);
        double right = rp_table_border_width(&t.props.border[RP_FO_RIGHT]);
        t.x -= left / 2;
        t.width += (left + right) / 2;
    }
    /* Collapsed, the table's top and bottom borders are its outer rows'
     * (as FOP has them: half in the row, half outside the table). */
    top = t.props.padding[RP_FO_TOP];
    if (t.props.border_separate)
        top += rp_table_border_width(&t.props.border[RP_FO_TOP]);
    if (top > 0) {
        t.start = rp_box_new();
        t.start->height = top;
    }
    t.outer = outer;
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
    if (status == RP_OK)
        status = end_body(flow, &t, err);
    /* A table with a header and no body row. */
    if (status == RP_OK)
        status = emit_after_header(flow, &t, NULL, err);
    /* The footer closes the table, kept with its last row. */
    for (i = 0; status == RP_OK && i < t.ctx->n_footer; i++) {
        struct rp_box *f = rp_box_ref(t.ctx->footer[i]);
        f->keep_with_prev = true;
        status = rp_flow_emit(flow, f, err);
    }
    flow->table = outer;
    /* Room for the table's bottom padding and (separate) border, sent
     * here rather than by the block around (block.c): the last row's keep
     * and break are for what follows it.  Collapsed, the last row holds
     * the border's inner half (close_part). */
    bottom = t.props.padding[RP_FO_BOTTOM];
    if (t.props.border_separate)
        bottom += rp_table_border_width(&t.props.border[RP_FO_BOTTOM]);
    if (status == RP_OK && bottom > 0) {
        struct rp_box *strut = rp_box_new();
        strut->height = bottom;
        strut->keep_with_prev = true;
        status = rp_flow_emit(flow, strut, err);
    }
    /* A keep-with-next on the last row keeps what follows the table. */
    if (status == RP_OK && t.keep_next)
        flow->pending_keep = true;
    /* A break-after on the last row breaks after the table. */
    if (status == RP_OK && t.break_after > flow->pending_break)
        flow->pending_break = t.break_after;
    if (status != RP_OK)
        rp_fo_node_done(part);
    rp_table_ctx_unref(t.ctx);
    if (t.grid_ready)
        rp_table_grid_release(&t.grid);
    rp_table_group_release(&t.group);
    free(t.group.rows);
    free(t.group.cells);
    free(t.spans.rows_left);
    free(t.above);
    free(t.footer_above);
    free(t.lead);
    free(t.above_held);
    free(t.footer_held);
    free(t.lead_held);
    free(t.footer_top);
    for (i = 0; i < t.n_pend; i++)
        rp_box_unref(t.pend[i]);
    free(t.pend);
    for (i = 0; i < t.n_pending; i++)
        rp_fo_node_free(t.pending[i].row);
    free(t.pending);
    for (i = 0; i < t.n_held; i++)
        rp_box_unref(t.held[i]);
    if (t.start)
        rp_box_unref(t.start);
    free(t.held);
    free(t.specs);
    return status;
}
