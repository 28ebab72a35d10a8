/*
 * Page sequences: each sets up its masters, numbering and static content
 * (read whole and kept for every page), streams its flow through the
 * paginator, adds the blank pages its parity asks for and records the
 * pages of its id; a pass lays out the document's sequences in order.
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

/* force-page-count: a blank page to end on the parity asked for. */
static bool needs_final_blank(const struct rp_paginator *pg,
                              enum rp_fo_force_count force)
{
    int last = pg->page_number - 1;
    switch (force) {
    case RP_FO_FORCE_EVEN:
        return pg->pages_in_sequence % 2 != 0;
    case RP_FO_FORCE_ODD:
        return pg->pages_in_sequence % 2 == 0;
    case RP_FO_FORCE_END_ON_EVEN:
        return last % 2 != 0;
    case RP_FO_FORCE_END_ON_ODD:
        return last % 2 == 0;
    default:
        return false;
    }
}

/*
 * Positioned containers after the last box of the flow go on the last
 * page.  Only when the flow has no box at all do they need one of their
 * own: empty, and without the space or break left pending after the last
 * block, so that it cannot start a page of its own.
 */
static enum rp_status place_last_positioned(struct rp_paginator *pg,
                                            struct rp_flow *flow,
                                            struct rp_error *err)
{
    struct rp_layout *layout = pg->layout;

    if (pg->n > 0) {
        rp_positioned_append(&pg->placed[pg->n - 1].box->positioned,
                             layout->positioned);
        layout->positioned = NULL;
        return RP_OK;
    }
    flow->pending_space = 0;
    flow->pending_break = RP_FO_BREAK_AUTO;
    return rp_flow_emit(flow, rp_box_new(), err);
}

/*
 * A page sequence: its static content is read whole and kept for every
 * page; its flow streams through the paginator.
 */
static enum rp_status layout_sequence(struct rp_layout *layout,
                                      struct rp_fo_node *seq,
                                      const struct rp_layout_sink *sink,
                                      int *page_number, int *page_index,
                                      struct rp_error *err)
{
    struct rp_paginator pg;
    struct rp_flow flow;
    struct rp_fo_node *c = NULL;
    enum rp_status status;
    struct rp_id_mark *mark, *next;
    char first_folio[32];
    bool flowed = false;
    size_t i;
    /* Copied: the sequence node is freed by the caller's next read. */
    struct rp_fo_props props = seq->props;

    rp_paginator_init(&pg, layout, sink);
    memset(&flow, 0, sizeof(flow));
    pg.seq_name = rp_fo_doc_name(layout->doc);
    pg.seq_line = seq->line;
    pg.sequence_pages_known = -1;
    if (layout->pass == 2 &&
        layout->sequence_index < layout->sequence_pages->len)
        pg.sequence_pages_known =
            g_array_index(layout->sequence_pages, int, layout->sequence_index);
    pg.page_number = props.initial_page_number > 0 ? props.initial_page_number
                                                   : *page_number;
    pg.page_index = *page_index;
    pg.number_format = props.number_format;
    rp_paginator_set_folio(&pg);
    status = rp_paginator_start_masters(&pg, &props, err);
    g_hash_table_remove_all(layout->carry_sequence);
    while (status == RP_OK &&
           (status = rp_fo_next_child(layout->doc, seq, &c, err)) == RP_OK &&
           c) {
        if (c->kind == RP_FO_STATIC_CONTENT) {
            status = rp_fo_materialize(layout->doc, c, err);
            if (status == RP_OK && pg.n_statics < RP_MAX_STATICS) {
                rp_fo_node_keep(c);
                pg.statics[pg.n_statics++] = c;
            }
            continue;
        }
        if (c->kind != RP_FO_FLOW || flowed)
            continue;
        flowed = true;
        /* auto-odd / auto-even: a blank page first when the parity is off. */
        if ((props.initial_parity == RP_FO_PARITY_ODD &&
             pg.page_number % 2 == 0) ||
            (props.initial_parity == RP_FO_PARITY_EVEN &&
             pg.page_number % 2 != 0))
            status = rp_paginator_finish_page(&pg, err);
        if (status == RP_OK)
            status = rp_paginator_open_page(&pg, false, err);
        if (status != RP_OK)
            break;
        rp_flow_init(&flow, layout, &pg.base, 0, pg.flow_width);
        if (pg.n_cols > 1)
            flow.span_width = pg.body.w;
        layout->footnote_width = pg.body.w;
        status = rp_flow_children(&flow, c, err);
        if (status == RP_OK && layout->positioned)
            status = place_last_positioned(&pg, &flow, err);
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    rp_format_folio(pg.page_number - pg.pages_in_sequence, pg.number_format,
                    first_folio, sizeof(first_folio));
    /* A page sequence always makes at least one page. */
    if (status == RP_OK && (pg.n > 0 || pg.pages_in_sequence == 0))
        status = rp_paginator_finish_page(&pg, err);
    if (status == RP_OK && needs_final_blank(&pg, props.force_page_count))
        status = rp_paginator_finish_page(&pg, err);
    if (status == RP_OK && layout->pass == 1)
        g_array_append_val(layout->sequence_pages, pg.pages_in_sequence);
    if (status == RP_OK && (layout->pass == 1 || layout->spool)) {
        if (props.id) {
            char last[32];
            rp_format_folio(pg.page_number - 1, pg.number_format, last,
                            sizeof(last));
            g_hash_table_insert(layout->first_page, (char *)props.id,
                                g_strdup(first_folio));
            g_hash_table_insert(layout->last_page, (char *)props.id,
                                g_strdup(last));
        }
    }
    layout->sequence_index++;
    rp_positioned_free(layout->positioned);
    layout->positioned = NULL;
    for (mark = flow.pending_ids; mark; mark = next) {
        next = mark->next;
        free(mark);
    }
    while (flow.pending_markers) {
        struct rp_marker_list *m = flow.pending_markers;
        flow.pending_markers = m->next;
        rp_marker_unref(m->marker);
        free(m);
    }
    rp_deco_unref(flow.deco);
    rp_item_list_release(&flow.pending_label);
    rp_flow_struct_release(&flow);
    for (i = 0; i < pg.n; i++)
        rp_box_unref(pg.placed[i].box);
    free(pg.placed);
    rp_item_list_release(&pg.separator);
    layout->footnote_width = 0;
    /* Spooled pages lay their static content out when they are painted. */
    for (i = 0; i < pg.n_statics; i++) {
        if (layout->spool)
            g_ptr_array_add(layout->kept_statics, pg.statics[i]);
        else
            rp_fo_node_free(pg.statics[i]);
    }
    *page_number = pg.page_number;
    *page_index = pg.page_index;
    return status;
}

/* A pass over the document: its page sequences, one after another. */
enum rp_status rp_layout_pass(struct rp_layout *layout,
                              const struct rp_layout_sink *sink,
                              struct rp_error *err)
{
    struct rp_fo_node *root = rp_fo_doc_root(layout->doc);
    struct rp_fo_node *c = NULL;
    enum rp_status status;
    int page_number = 1, page_index = 1;
    bool any = false;
    long root_line = root->line;

    layout->sequence_index = 0;
    while ((status = rp_fo_next_child(layout->doc, root, &c, err)) == RP_OK &&
           c) {
        if (c->kind != RP_FO_PAGE_SEQUENCE)
            continue;
        any = true;
        status =
            layout_sequence(layout, c, sink, &page_number, &page_index, err);
        if (status != RP_OK) {
            rp_fo_node_done(c);
            break;
        }
    }
    if (status == RP_OK && !any)
        status = rp_error_set(err, RP_ERR_INPUT, rp_fo_doc_name(layout->doc),
                              root_line, NULL,
                              "fo:root has no fo:page-sequence: there is "
                              "nothing to render");
    return status;
}
