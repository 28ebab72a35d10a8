/*
 * Columns of the body region (column-count, column-gap, XSL 1.1
 * §7.33.1-2), as FOP fills them.  The flow is laid out at the width of a
 * column; the paginator fills the first column of the page, then the
 * next, then the next page; break-before="column" ends a column.  A
 * block with span="all" (a child of the flow) is laid out across the
 * whole body: the columns above it are balanced first (their boxes
 * shared out so the columns are as short as they can be, breaking only
 * where the page could), the spanning boxes go below them, and the
 * columns start again below those.  As in FOP, the columns of the last
 * page are not balanced: they fill from the first.  Each placed box
 * keeps its column's offset (x).  Spans and the columns in them are
 * reference areas (XSL 1.1 §6.4.13): the space between a spanning box
 * and the columns next to it leads or trails one of them, so it is
 * discarded (§4.3.1), as FOP does.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>

#include "common/mem.h"

#define FIT_TOLERANCE 0.01

void rp_paginator_set_columns(struct rp_paginator *pg,
                              const struct rp_fo_node *body)
{
    int n = body->props.column_count;
    double gap = body->props.column_gap;

    pg->n_cols = 1;
    pg->col_gap = 0;
    pg->col_w = pg->body.w;
    if (n <= 1)
        return;
    if ((pg->body.w - (n - 1) * gap) / n < 1) {
        rp_fo_doc_warn_once(pg->layout->doc, "column-count-too-many",
                            body->line,
                            "fo:region-body has %d columns %.1fpt apart, "
                            "more than its %.1fpt width holds; laid out in "
                            "one column",
                            n, gap, pg->body.w);
        return;
    }
    pg->n_cols = n;
    pg->col_gap = gap;
    pg->col_w = (pg->body.w - (n - 1) * gap) / n;
}

enum rp_status rp_paginator_next_column(struct rp_paginator *pg,
                                        struct rp_error *err)
{
    /* A table header repeated at the top of a column nothing followed
     * into (a short column below a span) does not stay alone there. */
    if (pg->n_cols > 1 && pg->n == pg->col_first &&
        pg->col_first > pg->col_start) {
        while (pg->n > pg->col_start)
            rp_box_unref(pg->placed[--pg->n].box);
        pg->col_first = pg->n;
        if (pg->first_content > pg->n)
            pg->first_content = pg->n;
    }
    if (pg->in_span || pg->col + 1 >= pg->n_cols)
        return rp_paginator_finish_page(pg, err);
    pg->col++;
    pg->col_start = pg->col_first = pg->n;
    pg->y = pg->set_top;
    return RP_OK;
}

void rp_paginator_reset_columns(struct rp_paginator *pg)
{
    pg->col = 0;
    pg->col_start = pg->col_first = pg->set_first = 0;
    pg->set_top = 0;
    pg->in_span = false;
    pg->set_broken = false;
}

/* The bottom of the set's boxes, or its top when it has none. */
static double set_bottom(const struct rp_paginator *pg)
{
    double bottom = pg->set_top;
    size_t i;

    for (i = pg->set_first; i < pg->n; i++) {
        double b = pg->placed[i].y + pg->placed[i].box->height;
        if (b > bottom)
            bottom = b;
    }
    return bottom;
}

/*
 * Fills the set's boxes into columns at most height tall, as the
 * paginator would (space discarded at a column's top, a kept chain
 * moving whole when it can); starts[c] is the first box of column c.
 * Returns the columns used, n_cols + 1 when they are not enough.
 */
static int fill(const struct rp_paginator *pg, double height, size_t *starts)
{
    const struct rp_placed *p = pg->placed;
    size_t i = pg->set_first;
    double y = 0;
    int col = 0;

    starts[0] = i;
    while (i < pg->n) {
        const struct rp_box *box = p[i].box;
        double space = i > starts[col] ? box->space_before : 0;
        size_t k = i;
        if (y + space + box->height <= height + FIT_TOLERANCE ||
            i == starts[col]) {
            y += space + box->height;
            i++;
            continue;
        }
        while (k > starts[col] && p[k].box->keep_with_prev)
            k--;
        if (k > starts[col])
            i = k; /* else the whole column is one chain: break it */
        if (++col >= pg->n_cols)
            return pg->n_cols + 1;
        starts[col] = i;
        y = 0;
    }
    return col + 1;
}

/* Evens out the heights of the columns of the set being filled. */
static void balance(struct rp_paginator *pg)
{
    size_t *starts, i;
    double lo = 0, hi, total = 0;
    int used, c;

    /* A set with a forced column break keeps its columns as they are. */
    if (pg->n_cols <= 1 || pg->in_span || pg->n <= pg->set_first ||
        pg->set_broken) {
        pg->y = set_bottom(pg);
        return;
    }
    for (i = pg->set_first; i < pg->n; i++) {
        /* Repeated table headers belong where they are: leave it. */
        if (pg->placed[i].artifact)
            return;
        if (pg->placed[i].box->height > lo)
            lo = pg->placed[i].box->height;
        total += pg->placed[i].box->height + pg->placed[i].box->space_before;
    }
    starts = rp_xcalloc((size_t)pg->n_cols + 1, sizeof(*starts));
    hi = set_bottom(pg) - pg->set_top;
    if (total < hi * pg->n_cols && fill(pg, hi, starts) <= pg->n_cols) {
        if (lo < total / pg->n_cols)
            lo = total / pg->n_cols;
        /* The shortest height the columns take the boxes in. */
        while (hi - lo > 0.25) {
            double mid = (lo + hi) / 2;
            if (fill(pg, mid, starts) <= pg->n_cols)
                hi = mid;
            else
                lo = mid;
        }
        used = fill(pg, hi, starts);
        starts[used] = pg->n;
        for (c = 0; c < used; c++) {
            double y = pg->set_top;
            for (i = starts[c]; i < starts[c + 1]; i++) {
                if (i > starts[c])
                    y += pg->placed[i].box->space_before;
                pg->placed[i].y = y;
                pg->placed[i].x = c * (pg->col_w + pg->col_gap);
                y += pg->placed[i].box->height;
            }
        }
        pg->col = used - 1;
        pg->col_start = pg->col_first = starts[used - 1];
    }
    free(starts);
    pg->y = set_bottom(pg);
}

void rp_paginator_enter_span(struct rp_paginator *pg, struct rp_box *box)
{
    if (pg->n_cols <= 1 || box->span_all == pg->in_span)
        return;
    /* Space after the last box of one span and before the first of the
     * next, both at an edge of a reference area. */
    box->space_before = 0;
    if (box->span_all) {
        balance(pg);
        pg->in_span = true;
        pg->col = 0;
        pg->col_start = pg->n;
        return;
    }
    /* Columns again, below the spanning boxes. */
    pg->in_span = false;
    pg->set_broken = false;
    pg->set_top = pg->y;
    pg->y = pg->set_top;
    pg->set_first = pg->n;
    pg->col = 0;
    pg->col_start = pg->col_first = pg->n;
}
