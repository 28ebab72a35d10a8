/*
 * Forward references in one pass: "Page N of M" and page-number-citation
 * need pages not laid out yet.  Rather than lay the document out twice,
 * each finished page's body goes to the spool (spool.c) with what its
 * static content will need (its number, regions and the markers it may
 * retrieve); when the last page is known, the paragraphs with citations
 * are laid out again and the pages are read back, completed and painted
 * in order.  What the spool cannot wait for gives up the pass, before
 * anything is painted, and the caller lays out twice instead.
 */
#include "layout_internal.h"

#include <stdlib.h>

#include "common/log.h"
#include "common/mem.h"

/*
 * A page waiting in the spool: what its static content needs when it is
 * painted (its number, regions and the markers it may retrieve).
 */
enum marker_table {
    MARKERS_FIRST,
    MARKERS_LAST,
    CARRY_SEQUENCE,
    CARRY_DOCUMENT
};

struct marker_slot {
    enum marker_table table;
    const char *class_name;
    struct rp_marker *marker; /* a reference */
};

struct spooled_page {
    struct rp_page_desc desc;
    bool first_box_has_marker;
    struct marker_slot *markers;
    size_t n_markers, cap_markers;
};

static void spooled_page_free(gpointer data)
{
    struct spooled_page *page = data;
    size_t i;

    for (i = 0; i < page->n_markers; i++)
        rp_marker_unref(page->markers[i].marker);
    free(page->markers);
    free(page);
}

static GHashTable *marker_table_of(struct rp_layout *layout,
                                   enum marker_table table)
{
    switch (table) {
    case MARKERS_FIRST:
        return layout->markers_first;
    case MARKERS_LAST:
        return layout->markers_last;
    case CARRY_SEQUENCE:
        return layout->carry_sequence;
    case CARRY_DOCUMENT:
        break;
    }
    return layout->carry_document;
}

static void save_markers(struct rp_layout *layout, struct spooled_page *page)
{
    int t;

    for (t = MARKERS_FIRST; t <= CARRY_DOCUMENT; t++) {
        GHashTableIter it;
        gpointer key, value;

        g_hash_table_iter_init(&it, marker_table_of(layout, t));
        while (g_hash_table_iter_next(&it, &key, &value)) {
            struct marker_slot *slot;
            rp_array_grow((void **)&page->markers, &page->cap_markers,
                          page->n_markers + 1, sizeof(*page->markers));
            slot = &page->markers[page->n_markers++];
            slot->table = t;
            slot->class_name = key;
            slot->marker = rp_marker_ref(value);
        }
    }
    page->first_box_has_marker = layout->first_box_has_marker;
}

static void restore_markers(struct rp_layout *layout,
                            const struct spooled_page *page)
{
    size_t i;
    int t;

    for (t = MARKERS_FIRST; t <= CARRY_DOCUMENT; t++)
        g_hash_table_remove_all(marker_table_of(layout, t));
    /* The page tables borrow; the carries hold references. */
    for (i = 0; i < page->n_markers; i++) {
        const struct marker_slot *slot = &page->markers[i];
        struct rp_marker *m = slot->marker;
        if (slot->table == CARRY_SEQUENCE || slot->table == CARRY_DOCUMENT)
            rp_marker_ref(m);
        g_hash_table_insert(marker_table_of(layout, slot->table),
                            (char *)slot->class_name, m);
    }
    layout->first_box_has_marker = page->first_box_has_marker;
}

enum rp_status rp_layout_spool_give_up(struct rp_layout *layout,
                                       struct rp_error *err)
{
    layout->spool_failed = true;
    return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                        "forward references the page spool cannot wait for");
}

/* The spool is a shortcut: without room for it, lay out twice. */
static enum rp_status spool_trouble(struct rp_layout *layout,
                                    struct rp_error *err)
{
    char message[1200];

    rp_error_format(err, message, sizeof(message));
    rp_log_warn("%s; laying the document out twice instead", message);
    rp_error_init(err);
    return rp_layout_spool_give_up(layout, err);
}

/* The body of a finished page goes to the spool; its static content waits
 * (with the markers it may retrieve) until the page is painted. */
enum rp_status rp_layout_spool_page(struct rp_layout *layout,
                                    const struct rp_page_desc *desc,
                                    const struct rp_item_list *items,
                                    struct rp_error *err)
{
    struct spooled_page *page;
    enum rp_status status;
    bool written;

    status = rp_spool_write(layout->spool, items, &written, err);
    if (status != RP_OK)
        return spool_trouble(layout, err);
    if (!written)
        return rp_layout_spool_give_up(layout, err);
    page = rp_xcalloc(1, sizeof(*page));
    page->desc = *desc;
    save_markers(layout, page);
    g_ptr_array_add(layout->spooled_pages, page);
    return RP_OK;
}

/*
 * Paints the spooled pages, now that every page number is known: each
 * page's body comes back from the spool, its static content is laid out
 * as it would have been in a second pass.
 */
static enum rp_status replay_spool(struct rp_layout *layout,
                                   const struct rp_layout_sink *sink,
                                   struct rp_error *err)
{
    enum rp_status status = rp_spool_rewind(layout->spool, err);
    guint p;

    layout->replaying = true;
    for (p = 0; status == RP_OK && p < layout->spooled_pages->len; p++) {
        const struct spooled_page *spooled =
            g_ptr_array_index(layout->spooled_pages, p);
        struct rp_item_list items = {0};
        size_t i, kept = 0;

        status = rp_spool_read(layout->spool, &items, err);
        /* Lines laid out at the end take their places; links to nowhere
         * are dropped, as the second pass would.  The stand-ins and the
         * links read from the spool hold no references, so dropping them
         * releases nothing; the expanded lines' references go with
         * rp_item_list_release. */
        for (i = 0; status == RP_OK && i < items.n; i++) {
            if (items.items[i].kind == RP_AREA_DEFERRED)
                rp_layout_expand_deferred(layout, &items.items[i], &items);
        }
        for (i = 0; status == RP_OK && i < items.n; i++) {
            const struct rp_area_item *item = &items.items[i];
            if (item->kind == RP_AREA_DEFERRED ||
                (item->kind == RP_AREA_LINK && item->internal &&
                 !rp_layout_link_target_known(layout, item->target)))
                continue;
            items.items[kept++] = *item;
        }
        items.n = kept;
        if (status == RP_OK) {
            restore_markers(layout, spooled);
            status =
                rp_page_complete(layout, &spooled->desc, &items, sink, err);
        }
        rp_item_list_release(&items);
    }
    return status;
}

/*
 * The document laid out once: pages go to a spool, and are painted when
 * the last is known.  Fails with layout->spool_failed set when the spool
 * cannot do (a line only Pango can draw, a citation whose real number
 * changes its paragraph's lines, no room for the spool); nothing has been
 * painted then.
 */
enum rp_status rp_layout_spooled_pass(struct rp_layout *layout,
                                      const struct rp_layout_sink *sink,
                                      struct rp_error *err)
{
    enum rp_status status = rp_spool_new(&layout->spool, err);

    if (status != RP_OK)
        return spool_trouble(layout, err);
    layout->pass = 2;
    layout->spooled_pages = g_ptr_array_new_with_free_func(spooled_page_free);
    layout->kept_statics =
        g_ptr_array_new_with_free_func((GDestroyNotify)rp_fo_node_free);
    rp_layout_reset_deferred(layout);
    status = rp_layout_pass(layout, sink, err);
    if (status == RP_OK && !layout->spool_failed)
        status = rp_layout_resolve_deferred(layout, err);
    if (status == RP_OK && layout->spool_failed)
        status = rp_layout_spool_give_up(layout, err);
    if (status == RP_OK)
        status = replay_spool(layout, sink, err);
    g_ptr_array_free(layout->deferred, TRUE);
    layout->deferred = NULL;
    g_ptr_array_free(layout->spooled_pages, TRUE);
    g_ptr_array_free(layout->kept_statics, TRUE);
    rp_spool_free(layout->spool);
    layout->spool = NULL;
    layout->replaying = false;
    return status;
}
