/*
 * Page sequences: each sets up its masters, numbering and static content
 * (read whole and kept for every page), streams its flow through the
 * paginator, adds the blank pages its parity asks for and records the
 * pages of its id; a pass lays out the document's sequences in order.
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/*
 * force-page-count: a blank page to end on the parity asked for.  auto
 * (the initial value) asks it of the next page sequence's
 * initial-page-number (next, NULL when there is none): to end on an even
 * page before one starting odd (auto-odd, or an odd number), on an odd
 * page before one starting even, as XSL 1.1 §7.27.6 and FOP say; before
 * auto, nothing.
 */
static bool needs_final_blank(const struct rp_paginator *pg,
                              enum rp_fo_force_count force,
                              const struct rp_fo_props *next)
{
    int last = pg->page_number - 1;

    if (force == RP_FO_FORCE_AUTO && next) {
        if (next->initial_page_number > 0)
            force = next->initial_page_number % 2 ? RP_FO_FORCE_END_ON_EVEN
                                                  : RP_FO_FORCE_END_ON_ODD;
        else if (next->initial_parity == RP_FO_PARITY_ODD)
            force = RP_FO_FORCE_END_ON_EVEN;
        else if (next->initial_parity == RP_FO_PARITY_EVEN)
            force = RP_FO_FORCE_END_ON_ODD;
    }
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
 * A page sequence laid out up to its last page of content, waiting for
 * the next sequence to be read: force-page-count="auto" depends on it.
 */
struct sequence_run {
    struct rp_paginator pg;
    struct rp_flow flow;
    /* Copied: the sequence node is freed by the caller's next read. */
    struct rp_fo_props props;
    char first_folio[32];
    enum rp_status status;
};

/*
 * A page sequence: its static content is read whole and kept for every
 * page; its flow streams through the paginator.  run->status says how it
 * went; sequence_end() finishes the sequence either way.
 */
static void sequence_begin(struct rp_layout *layout, struct rp_fo_node *seq,
                           const struct rp_layout_sink *sink, int page_number,
                           int page_index, struct sequence_run *run,
                           struct rp_error *err)
{
    struct rp_fo_node *c = NULL;
    enum rp_status status;
    bool flowed = false;

    run->props = seq->props;
    rp_paginator_init(&run->pg, layout, sink);
    memset(&run->flow, 0, sizeof(run->flow));
    run->pg.seq_name = rp_fo_doc_name(layout->doc);
    run->pg.seq_line = seq->line;
    run->pg.sequence_pages_known = -1;
    if (layout->pass == 2 &&
        layout->sequence_index < layout->sequence_pages->len)
        run->pg.sequence_pages_known =
            g_array_index(layout->sequence_pages, int, layout->sequence_index);
    run->pg.page_number = run->props.initial_page_number > 0
                              ? run->props.initial_page_number
                              : page_number;
    run->pg.page_index = page_index;
    run->pg.number_format = run->props.number_format;
    rp_paginator_set_folio(&run->pg);
    status = rp_paginator_start_masters(&run->pg, &run->props, err);
    g_hash_table_remove_all(layout->carry_sequence);
    while (status == RP_OK &&
           (status = rp_fo_next_child(layout->doc, seq, &c, err)) == RP_OK &&
           c) {
        if (c->kind == RP_FO_STATIC_CONTENT) {
            status = rp_fo_materialize(layout->doc, c, err);
            if (status == RP_OK && run->pg.n_statics < RP_MAX_STATICS) {
                rp_fo_node_keep(c);
                run->pg.statics[run->pg.n_statics++] = c;
            }
            continue;
        }
        if (c->kind != RP_FO_FLOW || flowed)
            continue;
        flowed = true;
        /* auto-odd / auto-even: a blank page first when the parity is off. */
        if ((run->props.initial_parity == RP_FO_PARITY_ODD &&
             run->pg.page_number % 2 == 0) ||
            (run->props.initial_parity == RP_FO_PARITY_EVEN &&
             run->pg.page_number % 2 != 0))
            status = rp_paginator_finish_page(&run->pg, err);
        if (status == RP_OK)
            status = rp_paginator_open_page(&run->pg, false, err);
        if (status != RP_OK)
            break;
        rp_flow_init(&run->flow, layout, &run->pg.base, 0, run->pg.flow_width);
        if (run->pg.n_cols > 1)
            run->flow.span_width = run->pg.body.w;
        layout->footnote_width = run->pg.body.w;
        status = rp_flow_children(&run->flow, c, err);
        if (status == RP_OK && layout->positioned)
            status = place_last_positioned(&run->pg, &run->flow, err);
        /* Footnotes the last pages could not hold get pages of their own. */
        if (status == RP_OK)
            status = rp_paginator_flush_notes(&run->pg, err);
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    rp_format_folio(run->pg.page_number - run->pg.pages_in_sequence,
                    run->pg.number_format, run->first_folio,
                    sizeof(run->first_folio));
    /* A page sequence always makes at least one page. */
    if (status == RP_OK && (run->pg.n > 0 || run->pg.pages_in_sequence == 0))
        status = rp_paginator_finish_page(&run->pg, err);
    run->status = status;
}

/*
 * The end of a page sequence, once the next one (next: its properties,
 * NULL when there is none) is known: the blank page force-page-count
 * asks for, the pages of its id; then what it held is freed.
 */
static enum rp_status sequence_end(struct rp_layout *layout,
                                   struct sequence_run *run,
                                   const struct rp_fo_props *next,
                                   int *page_number, int *page_index,
                                   struct rp_error *err)
{
    enum rp_status status = run->status;
    struct rp_id_mark *mark, *next_mark;
    size_t i;

    if (status == RP_OK &&
        needs_final_blank(&run->pg, run->props.force_page_count, next))
        status = rp_paginator_finish_page(&run->pg, err);
    if (status == RP_OK && layout->pass == 1)
        g_array_append_val(layout->sequence_pages, run->pg.pages_in_sequence);
    if (status == RP_OK && (layout->pass == 1 || layout->spool)) {
        if (run->props.id) {
            char last[32];
            rp_format_folio(run->pg.page_number - 1, run->pg.number_format,
                            last, sizeof(last));
            g_hash_table_insert(layout->first_page, (char *)run->props.id,
                                g_strdup(run->first_folio));
            g_hash_table_insert(layout->last_page, (char *)run->props.id,
                                g_strdup(last));
        }
    }
    layout->sequence_index++;
    rp_positioned_free(layout->positioned);
    layout->positioned = NULL;
    for (mark = run->flow.pending_ids; mark; mark = next_mark) {
        next_mark = mark->next;
        free(mark);
    }
    while (run->flow.pending_markers) {
        struct rp_marker_list *m = run->flow.pending_markers;
        run->flow.pending_markers = m->next;
        rp_marker_unref(m->marker);
        free(m);
    }
    rp_deco_unref(run->flow.deco);
    rp_item_list_release(&run->flow.pending_label);
    rp_flow_struct_release(&run->flow);
    for (i = 0; i < run->pg.n; i++)
        rp_box_unref(run->pg.placed[i].box);
    free(run->pg.placed);
    rp_item_list_release(&run->pg.separator);
    rp_paginator_release_notes(&run->pg);
    layout->footnote_width = 0;
    /* Spooled pages lay their static content out when they are painted. */
    for (i = 0; i < run->pg.n_statics; i++) {
        if (layout->spool)
            g_ptr_array_add(layout->kept_statics, run->pg.statics[i]);
        else
            rp_fo_node_free(run->pg.statics[i]);
    }
    *page_number = run->pg.page_number;
    *page_index = run->pg.page_index;
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
    /* The sequence laid out last, ended when the next one is read. */
    struct sequence_run *run = NULL;

    layout->sequence_index = 0;
    while ((status = rp_fo_next_child(layout->doc, root, &c, err)) == RP_OK &&
           c) {
        if (c->kind != RP_FO_PAGE_SEQUENCE)
            continue;
        any = true;
        if (run) {
            status = sequence_end(layout, run, &c->props, &page_number,
                                  &page_index, err);
            free(run);
            run = NULL;
        }
        if (status == RP_OK) {
            run = rp_xmalloc(sizeof(*run));
            sequence_begin(layout, c, sink, page_number, page_index, run, err);
            status = run->status;
        }
        if (status != RP_OK) {
            rp_fo_node_done(c);
            break;
        }
    }
    if (run) {
        /* The last sequence; after an error, only what it held is freed. */
        enum rp_status end;
        if (status != RP_OK)
            run->status = status;
        end = sequence_end(layout, run, NULL, &page_number, &page_index, err);
        if (status == RP_OK)
            status = end;
        free(run);
    }
    if (status == RP_OK && !any)
        status = rp_error_set(err, RP_ERR_INPUT, rp_fo_doc_name(layout->doc),
                              root_line, NULL,
                              "fo:root has no fo:page-sequence: there is "
                              "nothing to render");
    return status;
}
