/*
 * Static content and markers: what a page gets once its body is full.
 * The regions around the body are laid out with the sequence's static
 * content, which shows the page's number and retrieves the markers of
 * the blocks on the page (or carried over from the pages before it);
 * then the page, its items stacked by z-index, goes to the sink.
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/*
 * Static content goes on every page it is laid out for, and so do the
 * positioned containers in it: against the page (fixed) or its region.
 * It may be laid out while the flow has positioned containers waiting
 * for their box, and in the middle of the flow's page geometry.
 */
static enum rp_status layout_static(struct rp_layout *layout,
                                    const struct rp_region *region,
                                    double page_w, double page_h,
                                    struct rp_item_list *items,
                                    struct rp_error *err)
{
    struct rp_stacker stacker;
    struct rp_flow flow;
    enum rp_status status;
    struct rp_positioned *waiting = layout->positioned, *positioned;
    double saved[4] = {layout->page_w, layout->page_h, layout->ref_w,
                       layout->ref_h};

    if (!region->content)
        return RP_OK;
    layout->positioned = NULL;
    layout->page_w = page_w;
    layout->page_h = page_h;
    layout->ref_w = region->w;
    layout->ref_h = region->h;
    rp_stacker_init(&stacker);
    rp_flow_init(&flow, layout, &stacker.base, 0, region->w);
    layout->markers_off++;
    status = rp_flow_children(&flow, region->content, err);
    layout->markers_off--;
    rp_deco_unref(flow.deco);
    rp_flow_struct_release(&flow);
    positioned = layout->positioned;
    layout->positioned = waiting;
    layout->page_w = saved[0];
    layout->page_h = saved[1];
    layout->ref_w = saved[2];
    layout->ref_h = saved[3];
    if (status == RP_OK) {
        /* A turned region holds its content; the page the fixed areas. */
        rp_turn_begin(items, region->x, region->y, region->w, region->h,
                      region->rotation);
        rp_stacker_finish(&stacker, region->x, region->y, items);
        rp_positioned_emit_part(positioned, false, region->x, region->y, items);
        rp_turn_end(items, region->rotation);
        rp_positioned_emit_part(positioned, true, 0, 0, items);
    }
    rp_positioned_free(positioned);
    rp_stacker_release(&stacker);
    return status;
}

/* The four regions around the body, in painting order. */
static enum rp_status layout_statics(struct rp_layout *layout,
                                     const struct rp_region regions[4],
                                     double page_w, double page_h,
                                     struct rp_item_list *items,
                                     struct rp_error *err)
{
    enum rp_status status = RP_OK;
    int i;

    for (i = 0; i < 4 && status == RP_OK; i++)
        status = layout_static(layout, &regions[i], page_w, page_h, items, err);
    return status;
}

struct rp_marker *rp_layout_retrieve(struct rp_layout *layout,
                                     const struct rp_fo_node *retrieve)
{
    const struct rp_fo_props *p = &retrieve->props;
    struct rp_marker *on_page = NULL, *carried = NULL;

    if (!p->marker_class || !layout->markers_first)
        return NULL;
    if (p->retrieve_boundary == RP_FO_BOUNDARY_PAGE_SEQUENCE)
        carried = g_hash_table_lookup(layout->carry_sequence, p->marker_class);
    else if (p->retrieve_boundary == RP_FO_BOUNDARY_DOCUMENT)
        carried = g_hash_table_lookup(layout->carry_document, p->marker_class);
    switch (p->retrieve_position) {
    case RP_FO_RETRIEVE_FIRST_STARTING:
        on_page = g_hash_table_lookup(layout->markers_first, p->marker_class);
        break;
    case RP_FO_RETRIEVE_FIRST_INCLUDING_CARRYOVER:
        /* The page continues the block of the carried marker unless a
         * marked block starts right at its top. */
        if (layout->first_box_has_marker || !carried)
            on_page =
                g_hash_table_lookup(layout->markers_first, p->marker_class);
        break;
    case RP_FO_RETRIEVE_LAST_STARTING:
    case RP_FO_RETRIEVE_LAST_ENDING:
        on_page = g_hash_table_lookup(layout->markers_last, p->marker_class);
        break;
    }
    return on_page ? on_page : carried;
}

/*
 * A marker is mostly retrieved by the same retrieve-marker page after
 * page: its resolved copy is kept and used again while the props it was
 * resolved under are the same, byte for byte (they are all it depends
 * on).
 */
enum rp_status rp_layout_retrieve_content(struct rp_layout *layout,
                                          const struct rp_fo_node *retrieve,
                                          struct rp_fo_node **content,
                                          struct rp_error *err)
{
    struct rp_marker *m = rp_layout_retrieve(layout, retrieve);
    struct rp_fo_node *copy;
    enum rp_status status;

    *content = NULL;
    if (!m)
        return RP_OK;
    if (m->retrieved && m->retrieved->depth == retrieve->depth &&
        !memcmp(&m->retrieved->props, &retrieve->props,
                sizeof(retrieve->props))) {
        *content = m->retrieved;
        return RP_OK;
    }
    status = rp_fo_marker_resolve(layout->doc, m->node, retrieve, &copy, err);
    if (status != RP_OK)
        return status;
    rp_fo_node_free(m->retrieved);
    m->retrieved = copy;
    *content = copy;
    return RP_OK;
}

void rp_page_collect_markers(struct rp_paginator *pg)
{
    struct rp_layout *layout = pg->layout;
    size_t i;

    g_hash_table_remove_all(layout->markers_first);
    g_hash_table_remove_all(layout->markers_last);
    layout->first_box_has_marker = false;
    for (i = pg->first_content; i < pg->n; i++) {
        const struct rp_marker_list *m;
        for (m = pg->placed[i].box->markers; m; m = m->next) {
            const char *cls = m->marker->class_name;
            if (i == pg->first_content)
                layout->first_box_has_marker = true;
            if (!g_hash_table_contains(layout->markers_first, cls))
                g_hash_table_insert(layout->markers_first, (char *)cls,
                                    m->marker);
            g_hash_table_insert(layout->markers_last, (char *)cls, m->marker);
        }
    }
}

void rp_page_carry_markers(struct rp_layout *layout)
{
    GHashTableIter it;
    gpointer key, value;

    g_hash_table_iter_init(&it, layout->markers_last);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        g_hash_table_insert(layout->carry_sequence, key, rp_marker_ref(value));
        g_hash_table_insert(layout->carry_document, key, rp_marker_ref(value));
    }
    g_hash_table_remove_all(layout->markers_first);
    g_hash_table_remove_all(layout->markers_last);
}

/* A turned page: all of it, stacked, in one group turning its frame. */
static void turn_page(struct rp_item_list *items, const struct rp_page_desc *d)
{
    struct rp_item_list turned = {0};
    double fw = d->rotation % 2 ? d->height : d->width;
    double fh = d->rotation % 2 ? d->width : d->height;

    rp_turn_begin(&turned, 0, 0, fw, fh, d->rotation);
    /* The items move with their layout references: no new ones. */
    if (items->n) {
        rp_array_grow((void **)&turned.items, &turned.cap, turned.n + items->n,
                      sizeof(*turned.items));
        memcpy(turned.items + turned.n, items->items,
               items->n * sizeof(*items->items));
        turned.n += items->n;
    }
    rp_turn_end(&turned, d->rotation);
    free(items->items);
    *items = turned;
}

enum rp_status rp_page_complete(struct rp_layout *layout,
                                const struct rp_page_desc *d,
                                struct rp_item_list *items,
                                const struct rp_layout_sink *sink,
                                struct rp_error *err)
{
    struct rp_area_page page;
    struct rp_item_list statics = {0};
    enum rp_status status;

    layout->current_page_text = d->folio;
    /* Fixed areas are placed against the page's (turned) frame. */
    status = layout_statics(
        layout, d->regions, d->rotation % 2 ? d->height : d->width,
        d->rotation % 2 ? d->width : d->height, &statics, err);
    if (layout->structure)
        rp_struct_artifact(&statics, 0);
    /* Positioned areas go over or under the rest by z-index. */
    rp_page_stack(items, &statics);
    if (d->rotation)
        turn_page(items, d);
    page.index = d->index;
    page.number = d->number;
    page.width = d->width;
    page.height = d->height;
    page.items = items->items;
    page.n_items = items->n;
    if (status == RP_OK && sink)
        status = sink->page_done(sink->ctx, &page, err);
    return status;
}
