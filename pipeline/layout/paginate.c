/*
 * Pagination: page sequences, page masters (simple and sequence masters
 * with their conditions) and regions, and the paginator that fills the
 * body region with boxes, breaks pages where keeps allow, repeats table
 * headers, inserts blank pages for odd/even breaks, adds static content,
 * and hands each finished page to the sink before freeing it.
 */
#include "layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "common/log.h"
#include "common/mem.h"

/* Boxes may overhang the body by this much (rounding), in points. */
#define FIT_TOLERANCE 0.01
#define MAX_STATICS 16

struct region {
    double x, y, w, h;
    struct rp_fo_node *content; /* static-content, or NULL */
};

/* Where the page sequence master's sub-sequences have got to. */
struct master_cursor {
    const struct rp_fo_node *simple; /* master-reference names one */
    const struct rp_fo_node *sequence_master;
    const struct rp_fo_node *sub; /* current sub-sequence specifier */
    int used;                     /* pages taken from it so far */
};

struct paginator {
    struct rp_consumer base;
    struct rp_layout *layout;
    const struct rp_layout_sink *sink;
    const char *seq_name; /* for messages */
    long seq_line;
    struct master_cursor masters;
    const struct rp_fo_node *last_master; /* reused when exhausted */
    int sequence_pages_known; /* pages of this sequence in pass 1, or -1 */
    bool page_open;           /* geometry chosen for the current page */
    double page_width, page_height;
    double flow_width; /* the width content is laid out to */
    struct region body, before, after, start, end;
    /* Static content of the sequence, kept for every page. */
    struct rp_fo_node *statics[MAX_STATICS];
    size_t n_statics;
    struct rp_placed *placed;
    size_t n, cap;
    size_t first_content; /* boxes before this index are repeated headers */
    double y;             /* used height of the body region */
    int page_number;
    int page_index;
    int pages_in_sequence;
    const char *number_format;
    char folio[32];
};

static enum rp_status open_page(struct paginator *pg, bool blank,
                                struct rp_error *err);

static void format_roman(int n, bool upper, char *out, size_t size)
{
    static const struct {
        int value;
        const char *lower, *upper;
    } digits[] = {{1000, "m", "M"},  {900, "cm", "CM"}, {500, "d", "D"},
                  {400, "cd", "CD"}, {100, "c", "C"},   {90, "xc", "XC"},
                  {50, "l", "L"},    {40, "xl", "XL"},  {10, "x", "X"},
                  {9, "ix", "IX"},   {5, "v", "V"},     {4, "iv", "IV"},
                  {1, "i", "I"}};
    size_t i, len = 0;

    out[0] = '\0';
    for (i = 0; i < sizeof(digits) / sizeof(digits[0]); i++) {
        while (n >= digits[i].value && len + 3 < size) {
            const char *d = upper ? digits[i].upper : digits[i].lower;
            memcpy(out + len, d, strlen(d) + 1);
            len += strlen(d);
            n -= digits[i].value;
        }
    }
}

/* The page number as format says: 1, 01, i, I, a, A. */
void rp_format_folio(int n, const char *format, char *out, size_t size)
{
    if (!format || n <= 0 || n > 3999) {
        snprintf(out, size, "%d", n);
    } else if (!strcmp(format, "i") || !strcmp(format, "I")) {
        format_roman(n, format[0] == 'I', out, size);
    } else if (!strcmp(format, "a") || !strcmp(format, "A")) {
        /* a..z, aa..zz, ... as spreadsheets number columns */
        char rev[16];
        size_t len = 0, i;
        while (n > 0 && len < sizeof(rev)) {
            rev[len++] = (char)((format[0] == 'A' ? 'A' : 'a') + (n - 1) % 26);
            n = (n - 1) / 26;
        }
        for (i = 0; i < len && i + 1 < size; i++)
            out[i] = rev[len - 1 - i];
        out[i] = '\0';
    } else {
        snprintf(out, size, "%0*d", (int)strlen(format), n);
    }
}

static void set_folio(struct paginator *pg)
{
    rp_format_folio(pg->page_number, pg->number_format, pg->folio,
                    sizeof(pg->folio));
    pg->layout->current_page_text = pg->folio;
}

static void record_ids(struct paginator *pg)
{
    struct rp_layout *layout = pg->layout;
    size_t i;

    for (i = 0; i < pg->n; i++) {
        const struct rp_id_mark *mark;
        for (mark = pg->placed[i].box->ids; mark; mark = mark->next) {
            if (!mark->is_end &&
                !g_hash_table_contains(layout->first_page, mark->id))
                g_hash_table_insert(layout->first_page, (char *)mark->id,
                                    g_strdup(pg->folio));
            if (mark->is_end ||
                !g_hash_table_contains(layout->last_page, mark->id))
                g_hash_table_insert(layout->last_page, (char *)mark->id,
                                    g_strdup(pg->folio));
        }
    }
}

/* A named destination where each id starts, for links and bookmarks. */
static void add_destinations(struct paginator *pg, struct rp_item_list *items)
{
    size_t i;

    for (i = 0; i < pg->n; i++) {
        const struct rp_id_mark *mark;
        for (mark = pg->placed[i].box->ids; mark; mark = mark->next) {
            struct rp_area_item item = {0};
            if (mark->is_end || pg->placed[i].box->is_header)
                continue;
            item.kind = RP_AREA_DEST;
            item.x = pg->body.x;
            item.y = pg->body.y + pg->placed[i].y;
            item.target = mark->id;
            rp_item_list_push(items, &item);
        }
    }
}

/*
 * Static content goes on every page it is laid out for, and so do the
 * positioned containers in it: against the page (fixed) or its region.
 * It may be laid out while the flow has positioned containers waiting
 * for their box, and in the middle of the flow's page geometry.
 */
static enum rp_status layout_static(struct rp_layout *layout,
                                    const struct region *region, double page_w,
                                    double page_h, struct rp_item_list *items,
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
    positioned = layout->positioned;
    layout->positioned = waiting;
    layout->page_w = saved[0];
    layout->page_h = saved[1];
    layout->ref_w = saved[2];
    layout->ref_h = saved[3];
    if (status == RP_OK) {
        rp_stacker_finish(&stacker, region->x, region->y, items);
        rp_positioned_emit(positioned, region->x, region->y, items);
    }
    rp_positioned_free(positioned);
    rp_stacker_release(&stacker);
    return status;
}

/* The four regions around the body, in painting order. */
static enum rp_status layout_statics(struct rp_layout *layout,
                                     const struct region regions[4],
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

/* The markers starting on this page, for the static content. */
static void collect_markers(struct paginator *pg)
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

/* After the page: its last markers carry over to the pages that follow. */
static void carry_markers(struct rp_layout *layout)
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

/* A finished page, as its static content and the sink need it. */
struct page_desc {
    int index, number;
    double width, height;
    char folio[32];
    struct region regions[4]; /* before, after, start, end */
};

static void describe_page(const struct paginator *pg, struct page_desc *d)
{
    d->index = pg->page_index;
    d->number = pg->page_number;
    d->width = pg->page_width;
    d->height = pg->page_height;
    memcpy(d->folio, pg->folio, sizeof(d->folio));
    d->regions[0] = pg->before;
    d->regions[1] = pg->after;
    d->regions[2] = pg->start;
    d->regions[3] = pg->end;
}

/* Adds the static content to a page's body items; the page to the sink. */
static enum rp_status complete_page(struct rp_layout *layout,
                                    const struct page_desc *d,
                                    struct rp_item_list *items,
                                    const struct rp_layout_sink *sink,
                                    struct rp_error *err)
{
    struct rp_area_page page;
    struct rp_item_list statics = {0};
    enum rp_status status;

    layout->current_page_text = d->folio;
    status =
        layout_statics(layout, d->regions, d->width, d->height, &statics, err);
    /* Positioned areas go over or under the rest by z-index. */
    rp_page_stack(items, &statics);
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
    struct page_desc desc;
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

/* Why a spooled pass stops: the caller lays out twice instead. */
static enum rp_status spool_give_up(struct rp_layout *layout,
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
    return spool_give_up(layout, err);
}

/* The body of a finished page goes to the spool; its static content waits
 * (with the markers it may retrieve) until the page is painted. */
static enum rp_status spool_page(struct paginator *pg,
                                 const struct page_desc *desc,
                                 const struct rp_item_list *items,
                                 struct rp_error *err)
{
    struct rp_layout *layout = pg->layout;
    struct spooled_page *page;
    enum rp_status status;
    bool written;

    record_ids(pg);
    status = rp_spool_write(layout->spool, items, &written, err);
    if (status != RP_OK)
        return spool_trouble(layout, err);
    if (!written)
        return spool_give_up(layout, err);
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
            status = complete_page(layout, &spooled->desc, &items, sink, err);
        }
        rp_item_list_release(&items);
    }
    return status;
}

static enum rp_status finish_page(struct paginator *pg, struct rp_error *err)
{
    struct rp_layout *layout = pg->layout;
    struct rp_item_list items = {0};
    enum rp_status status = open_page(pg, pg->n == 0, err);
    size_t i;

    if (status != RP_OK)
        return status;
    if (layout->spool_failed)
        return spool_give_up(layout, err);
    /* Pass 1 records where ids fell; pass 2 uses what it found. */
    if (layout->pass == 1)
        record_ids(pg);
    if (layout->pass == 2 && (layout->spool || pg->sink)) {
        struct page_desc desc;
        describe_page(pg, &desc);
        rp_emit_placed(pg->placed, pg->n, pg->body.x, pg->body.y, &items);
        for (i = 0; i < pg->n; i++)
            rp_positioned_emit(pg->placed[i].box->positioned, pg->body.x,
                               pg->body.y, &items);
        add_destinations(pg, &items);
        collect_markers(pg);
        status = layout->spool
                     ? spool_page(pg, &desc, &items, err)
                     : complete_page(layout, &desc, &items, pg->sink, err);
        carry_markers(layout);
    }
    rp_item_list_release(&items);
    for (i = 0; i < pg->n; i++)
        rp_box_unref(pg->placed[i].box);
    pg->n = 0;
    pg->first_content = 0;
    pg->y = 0;
    pg->page_open = false;
    layout->stats->pages++;
    pg->pages_in_sequence++;
    pg->page_index++;
    pg->page_number++;
    set_folio(pg);
    return status;
}

static void place(struct paginator *pg, struct rp_box *box, double y)
{
    rp_array_grow((void **)&pg->placed, &pg->cap, pg->n + 1,
                  sizeof(*pg->placed));
    pg->placed[pg->n].box = box;
    pg->placed[pg->n].y = y;
    pg->n++;
    pg->y = y + box->height;
}

static void repeat_table_header(struct paginator *pg,
                                const struct rp_table_ctx *table)
{
    size_t i;

    if (table->omit_header_at_break)
        return;
    for (i = 0; i < table->n_header; i++)
        place(pg, rp_box_ref(table->header[i]), pg->y);
    pg->first_content = pg->n;
}

/* Room a table body row must leave for its footer at a page break. */
static double footer_reserve(const struct rp_box *box)
{
    const struct rp_table_ctx *t = box->table;
    if (!t || box->is_header || box->is_footer || t->omit_footer_at_break)
        return 0;
    return t->footer_height;
}

/* Before a page break inside a table: its footer closes the page. */
static void close_table_on_page(struct paginator *pg)
{
    const struct rp_box *last;
    const struct rp_table_ctx *t;
    size_t i;

    if (pg->n <= pg->first_content)
        return;
    last = pg->placed[pg->n - 1].box;
    t = last->table;
    if (!t || last->is_footer || t->omit_footer_at_break || !t->n_footer)
        return;
    for (i = 0; i < t->n_footer; i++)
        place(pg, rp_box_ref(t->footer[i]), pg->y);
}

static enum rp_status paginator_add(struct rp_consumer *consumer,
                                    struct rp_box *box, struct rp_error *err)
{
    struct paginator *pg = (struct paginator *)consumer;
    struct rp_placed *moved = NULL;
    size_t n_moved = 0, k, i;
    enum rp_status status = RP_OK;
    double space;

    /* Positioned containers met since the last box go on its page. */
    rp_positioned_append(&box->positioned, pg->layout->positioned);
    pg->layout->positioned = NULL;

    if (box->break_before && pg->n > pg->first_content) {
        status = finish_page(pg, err);
        if (status != RP_OK)
            goto fail;
    }
    /* odd-page / even-page: a blank page makes up the parity. */
    if (pg->n == 0 && ((box->break_before == RP_FO_BREAK_ODD_PAGE &&
                        pg->page_number % 2 == 0) ||
                       (box->break_before == RP_FO_BREAK_EVEN_PAGE &&
                        pg->page_number % 2 != 0))) {
        status = finish_page(pg, err);
        if (status != RP_OK)
            goto fail;
    }
    box->break_before = RP_FO_BREAK_AUTO;
    status = open_page(pg, false, err);
    if (status != RP_OK)
        goto fail;
    if (pg->n == 0 && box->table && !box->is_header)
        repeat_table_header(pg, box->table);
    space = pg->n > pg->first_content ? box->space_before : 0;
    if (pg->y + space + box->height + footer_reserve(box) <=
        pg->body.h + FIT_TOLERANCE) {
        place(pg, box, pg->y + space);
        return RP_OK;
    }
    /*
     * A table row continues on the next page: the lines that fit stay,
     * the rest of each cell goes on, under the repeated header.  A row
     * kept together moves whole, unless no page could hold it.
     */
    if (box->row && !box->is_header &&
        (!box->row->keep_together || pg->n == pg->first_content)) {
        struct rp_box *first, *rest;
        if (rp_row_split(box, pg->body.h - pg->y - space - footer_reserve(box),
                         &first, &rest)) {
            first->positioned = box->positioned;
            box->positioned = NULL;
            rp_box_unref(box);
            place(pg, first, pg->y + space);
            close_table_on_page(pg);
            status = finish_page(pg, err);
            if (status != RP_OK) {
                rp_box_unref(rest);
                return status;
            }
            return paginator_add(consumer, rest, err);
        }
    }
    if (pg->n == pg->first_content) {
        /* Taller than an empty page: place it and say so, never loop. */
        pg->layout->stats->overfull++;
        /* An abandoned spooled pass already warned of its pages. */
        if (pg->layout->pass == 2 && pg->page_index > pg->layout->warned_pages)
            rp_log_warn("%s: content %.1fpt tall does not fit the %.1fpt "
                        "body of page %d; it overflows",
                        rp_fo_doc_name(pg->layout->doc), box->height,
                        pg->body.h - pg->y, pg->page_index);
        place(pg, box, pg->y);
        return RP_OK;
    }
    /* Move the chain of boxes kept with this one to the next page. */
    k = pg->n;
    if (box->keep_with_prev) {
        k = pg->n - 1;
        while (k > pg->first_content && pg->placed[k].box->keep_with_prev)
            k--;
        if (k <= pg->first_content)
            k = pg->n; /* the whole page is one chain: break the keep */
    }
    n_moved = pg->n - k;
    if (n_moved) {
        moved = rp_xmalloc(n_moved * sizeof(*moved));
        memcpy(moved, pg->placed + k, n_moved * sizeof(*moved));
        pg->n = k;
        pg->y = k > 0 ? pg->placed[k - 1].y + pg->placed[k - 1].box->height : 0;
    }
    if (box->table && !box->is_footer)
        close_table_on_page(pg);
    status = finish_page(pg, err);
    for (i = 0; i < n_moved; i++) {
        if (status == RP_OK)
            status = paginator_add(consumer, moved[i].box, err);
        else
            rp_box_unref(moved[i].box);
    }
    free(moved);
    if (status != RP_OK)
        goto fail;
    return paginator_add(consumer, box, err);
fail:
    rp_box_unref(box);
    return status;
}

static struct rp_fo_node *find_static(struct paginator *pg,
                                      const char *flow_name)
{
    size_t i;
    for (i = 0; i < pg->n_statics; i++) {
        const char *name = pg->statics[i]->props.flow_name;
        if (name && strcmp(name, flow_name) == 0)
            return pg->statics[i];
    }
    return NULL;
}

static struct rp_fo_node *static_for(struct paginator *pg,
                                     const struct rp_fo_node *region,
                                     const char *default_name)
{
    return find_static(pg, region->props.region_name ? region->props.region_name
                                                     : default_name);
}

static bool conditions_match(const struct rp_fo_node *ref, bool first,
                             bool last, bool last_known, int number, bool blank,
                             bool has_last_alternative)
{
    const struct rp_fo_props *p = &ref->props;

    switch (p->page_position) {
    case RP_FO_POSITION_ANY:
        break;
    case RP_FO_POSITION_FIRST:
        if (!first)
            return false;
        break;
    case RP_FO_POSITION_LAST:
        if (!last || !last_known)
            return false;
        break;
    case RP_FO_POSITION_ONLY:
        if (!first || !last || !last_known)
            return false;
        break;
    case RP_FO_POSITION_REST:
        /* Not first; and not last when a "last" alternative exists. */
        if (first || (last && last_known && has_last_alternative))
            return false;
        break;
    }
    if (p->odd_or_even == RP_FO_PARITY_ODD && number % 2 == 0)
        return false;
    if (p->odd_or_even == RP_FO_PARITY_EVEN && number % 2 != 0)
        return false;
    if (p->blank_or_not_blank == RP_FO_BLANK && !blank)
        return false;
    if (p->blank_or_not_blank == RP_FO_NOT_BLANK && blank)
        return false;
    return true;
}

static const struct rp_fo_node *
choose_alternative(struct paginator *pg, const struct rp_fo_node *alts,
                   bool blank)
{
    const struct rp_fo_node *c;
    bool first = pg->pages_in_sequence == 0;
    bool last_known = pg->sequence_pages_known > 0;
    bool last =
        last_known && pg->pages_in_sequence == pg->sequence_pages_known - 1;
    bool has_last = false;

    for (c = alts->first_child; c; c = c->next) {
        if (c->kind == RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
            (c->props.page_position == RP_FO_POSITION_LAST ||
             c->props.page_position == RP_FO_POSITION_ONLY))
            has_last = true;
    }
    for (c = alts->first_child; c; c = c->next) {
        if (c->kind == RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
            conditions_match(c, first, last, last_known, pg->page_number, blank,
                             has_last))
            return c;
    }
    return NULL;
}

/* The simple-page-master for the next page (XSL 1.1 §6.4.7-6.4.11). */
static enum rp_status select_master(struct paginator *pg, bool blank,
                                    const struct rp_fo_node **out,
                                    struct rp_error *err)
{
    struct master_cursor *mc = &pg->masters;
    const struct rp_fo_node *ref = NULL;
    const char *name;

    if (mc->simple) {
        *out = mc->simple;
        return RP_OK;
    }
    while (mc->sub && !ref) {
        int max = mc->sub->props.maximum_repeats;
        switch (mc->sub->kind) {
        case RP_FO_SINGLE_PAGE_MASTER_REFERENCE:
            if (mc->used == 0)
                ref = mc->sub;
            break;
        case RP_FO_REPEATABLE_PAGE_MASTER_REFERENCE:
            if (max < 0 || mc->used < max)
                ref = mc->sub;
            break;
        case RP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
            if (max < 0 || mc->used < max) {
                ref = choose_alternative(pg, mc->sub, blank);
                if (!ref)
                    rp_fo_doc_warn_once(
                        pg->layout->doc, "no-alternative", mc->sub->line,
                        "no fo:conditional-page-master-reference matches "
                        "page %d; the first alternative is used",
                        pg->page_number);
                if (!ref)
                    ref = rp_fo_child(mc->sub,
                                      RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE);
                if (!ref)
                    ref = mc->sub; /* empty alternatives: give up below */
            }
            break;
        default:
            break;
        }
        if (ref) {
            mc->used++;
            break;
        }
        mc->sub = mc->sub->next;
        mc->used = 0;
    }
    if (!ref) {
        /* Sub-sequences exhausted: FOP fails; we keep the last master. */
        rp_fo_doc_warn_once(pg->layout->doc, "masters-exhausted", pg->seq_line,
                            "the page-sequence-master '%s' has no page "
                            "master left for page %d; the last one is "
                            "repeated",
                            mc->sequence_master->props.master_name,
                            pg->page_number);
        if (*out)
            return RP_OK;
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, pg->seq_line,
                            "master-reference",
                            "the page-sequence-master '%s' names no page "
                            "master",
                            mc->sequence_master->props.master_name);
    }
    name = ref->props.master_reference;
    *out = rp_fo_doc_find_master(pg->layout->doc, name);
    if (!*out || (*out)->kind != RP_FO_SIMPLE_PAGE_MASTER)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, ref->line,
                            "master-reference",
                            "fo:%s names master '%s', but no "
                            "fo:simple-page-master has that master-name",
                            rp_fo_kind_name(ref->kind), name ? name : "");
    return RP_OK;
}

/* Chooses the master of the next page and lays out its regions. */
static enum rp_status open_page(struct paginator *pg, bool blank,
                                struct rp_error *err)
{
    const struct rp_fo_node *master = pg->last_master;
    const struct rp_fo_node *body, *before, *after, *start, *end;
    const double *m;
    double cx, cy, cw, ch, se = 0, ee = 0;
    enum rp_status status;

    if (pg->page_open)
        return RP_OK;
    status = select_master(pg, blank, &master, err);
    if (status != RP_OK)
        return status;
    pg->last_master = master;
    m = master->props.margin;
    pg->page_width = master->props.page_width;
    pg->page_height = master->props.page_height;
    cx = m[RP_FO_LEFT];
    cy = m[RP_FO_TOP];
    cw = pg->page_width - m[RP_FO_LEFT] - m[RP_FO_RIGHT];
    ch = pg->page_height - m[RP_FO_TOP] - m[RP_FO_BOTTOM];
    body = rp_fo_child(master, RP_FO_REGION_BODY);
    before = rp_fo_child(master, RP_FO_REGION_BEFORE);
    after = rp_fo_child(master, RP_FO_REGION_AFTER);
    start = rp_fo_child(master, RP_FO_REGION_START);
    end = rp_fo_child(master, RP_FO_REGION_END);
    if (!body)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, master->line, NULL,
                            "fo:simple-page-master '%s' has no "
                            "fo:region-body",
                            master->props.master_name);
    m = body->props.margin;
    pg->body.x = cx + m[RP_FO_LEFT];
    pg->body.y = cy + m[RP_FO_TOP];
    pg->body.w = cw - m[RP_FO_LEFT] - m[RP_FO_RIGHT];
    pg->body.h = ch - m[RP_FO_TOP] - m[RP_FO_BOTTOM];
    pg->body.content = NULL;
    if (pg->body.w < 1 || pg->body.h < 1)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, body->line, NULL,
                            "the body region of page master '%s' is empty "
                            "(margins larger than the page)",
                            master->props.master_name);
    memset(&pg->before, 0, sizeof(pg->before));
    memset(&pg->after, 0, sizeof(pg->after));
    memset(&pg->start, 0, sizeof(pg->start));
    memset(&pg->end, 0, sizeof(pg->end));
    if (start) {
        se = start->props.extent;
        pg->start = (struct region){cx, cy, se, ch,
                                    static_for(pg, start, "xsl-region-start")};
    }
    if (end) {
        ee = end->props.extent;
        pg->end = (struct region){cx + cw - ee, cy, ee, ch,
                                  static_for(pg, end, "xsl-region-end")};
    }
    /* Without precedence, before and after stop at the side regions. */
    if (before) {
        bool wide = before->props.precedence;
        pg->before = (struct region){
            wide ? cx : cx + se, cy, wide ? cw : cw - se - ee,
            before->props.extent, static_for(pg, before, "xsl-region-before")};
    }
    if (after) {
        bool wide = after->props.precedence;
        pg->after =
            (struct region){wide ? cx : cx + se, cy + ch - after->props.extent,
                            wide ? cw : cw - se - ee, after->props.extent,
                            static_for(pg, after, "xsl-region-after")};
    }
    if (pg->flow_width <= 0)
        pg->flow_width = pg->body.w;
    else if (fabs(pg->flow_width - pg->body.w) > 0.01)
        rp_fo_doc_warn_once(pg->layout->doc, "body-width", master->line,
                            "page master '%s' has a body %.1fpt wide, the "
                            "sequence's first page %.1fpt: content keeps the "
                            "first width (not yet re-laid out per page)",
                            master->props.master_name, pg->body.w,
                            pg->flow_width);
    pg->page_open = true;
    /* What positioned containers met in the flow are placed against. */
    pg->layout->page_w = pg->page_width;
    pg->layout->page_h = pg->page_height;
    pg->layout->ref_w = pg->body.w;
    pg->layout->ref_h = pg->body.h;
    return RP_OK;
}

/*
 * A page sequence: its static content is read whole and kept for every
 * page; its flow streams through the paginator.
 */
static enum rp_status start_masters(struct paginator *pg,
                                    const struct rp_fo_props *seq,
                                    struct rp_error *err)
{
    const struct rp_fo_node *m =
        rp_fo_doc_find_master(pg->layout->doc, seq->master_reference);

    memset(&pg->masters, 0, sizeof(pg->masters));
    if (!m)
        return rp_error_set(err, RP_ERR_INPUT, pg->seq_name, pg->seq_line,
                            "master-reference",
                            "fo:page-sequence names master '%s', but no "
                            "fo:simple-page-master or "
                            "fo:page-sequence-master has that master-name",
                            seq->master_reference ? seq->master_reference : "");
    if (m->kind == RP_FO_SIMPLE_PAGE_MASTER) {
        pg->masters.simple = m;
    } else {
        pg->masters.sequence_master = m;
        pg->masters.sub = m->first_child;
    }
    return RP_OK;
}

/* force-page-count: a blank page to end on the parity asked for. */
static bool needs_final_blank(const struct paginator *pg,
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
static enum rp_status place_last_positioned(struct paginator *pg,
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
    struct paginator pg;
    struct rp_flow flow;
    struct rp_fo_node *c = NULL;
    enum rp_status status;
    struct rp_id_mark *mark, *next;
    char first_folio[32];
    bool flowed = false;
    size_t i;
    /* Copied: the sequence node is freed by the caller's next read. */
    struct rp_fo_props props = seq->props;

    memset(&pg, 0, sizeof(pg));
    memset(&flow, 0, sizeof(flow));
    pg.base.add = paginator_add;
    pg.layout = layout;
    pg.sink = sink;
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
    set_folio(&pg);
    status = start_masters(&pg, &props, err);
    g_hash_table_remove_all(layout->carry_sequence);
    while (status == RP_OK &&
           (status = rp_fo_next_child(layout->doc, seq, &c, err)) == RP_OK &&
           c) {
        if (c->kind == RP_FO_STATIC_CONTENT) {
            status = rp_fo_materialize(layout->doc, c, err);
            if (status == RP_OK && pg.n_statics < MAX_STATICS) {
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
            status = finish_page(&pg, err);
        if (status == RP_OK)
            status = open_page(&pg, false, err);
        if (status != RP_OK)
            break;
        rp_flow_init(&flow, layout, &pg.base, 0, pg.body.w);
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
        status = finish_page(&pg, err);
    if (status == RP_OK && needs_final_blank(&pg, props.force_page_count))
        status = finish_page(&pg, err);
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
    for (i = 0; i < pg.n; i++)
        rp_box_unref(pg.placed[i].box);
    free(pg.placed);
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

static enum rp_status layout_pass(struct rp_layout *layout,
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

static guint font_hash(gconstpointer desc)
{
    return pango_font_description_hash(desc);
}

static gboolean font_equal(gconstpointer a, gconstpointer b)
{
    return pango_font_description_equal(a, b);
}

static bool masters_need_page_count(const struct rp_fo_doc *doc)
{
    const struct rp_fo_node *set = rp_fo_doc_layout_masters(doc), *m, *sub,
                            *ref;

    for (m = set ? set->first_child : NULL; m; m = m->next) {
        if (m->kind != RP_FO_PAGE_SEQUENCE_MASTER)
            continue;
        for (sub = m->first_child; sub; sub = sub->next) {
            for (ref = sub->first_child; ref; ref = ref->next) {
                if (ref->props.page_position == RP_FO_POSITION_LAST ||
                    ref->props.page_position == RP_FO_POSITION_ONLY)
                    return true;
            }
        }
    }
    return false;
}

/* Forgets what an abandoned pass learnt. */
static void reset_pass(struct rp_layout *layout)
{
    layout->warned_pages = layout->stats->pages + 1;
    memset(layout->stats, 0, sizeof(*layout->stats));
    g_hash_table_remove_all(layout->first_page);
    g_hash_table_remove_all(layout->last_page);
    g_hash_table_remove_all(layout->markers_first);
    g_hash_table_remove_all(layout->markers_last);
    g_hash_table_remove_all(layout->carry_sequence);
    g_hash_table_remove_all(layout->carry_document);
    layout->first_box_has_marker = false;
    layout->spool_failed = false;
}

/*
 * The document laid out once: pages go to a spool, and are painted when
 * the last is known.  Fails with layout->spool_failed set when the spool
 * cannot do (a line only Pango can draw, a citation whose real number
 * changes its paragraph's lines, no room for the spool); nothing has been
 * painted then.
 */
static enum rp_status spooled_pass(struct rp_layout *layout,
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
    status = layout_pass(layout, sink, err);
    if (status == RP_OK && !layout->spool_failed)
        status = rp_layout_resolve_deferred(layout, err);
    if (status == RP_OK && layout->spool_failed)
        status = spool_give_up(layout, err);
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

enum rp_status rp_layout_run(struct rp_fo_doc *doc, PangoContext *pango_context,
                             const struct rp_layout_sink *sink,
                             struct rp_layout_stats *stats,
                             struct rp_error *err)
{
    struct rp_layout layout;
    enum rp_status status;
    bool citations = false;

    memset(stats, 0, sizeof(*stats));
    memset(&layout, 0, sizeof(layout));
    layout.doc = doc;
    layout.pango = pango_context;
    layout.stats = stats;
    layout.font_heights = g_hash_table_new_full(
        font_hash, font_equal, (GDestroyNotify)pango_font_description_free,
        g_free);
    layout.first_page =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    layout.last_page =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    layout.sequence_pages = g_array_new(FALSE, FALSE, sizeof(int));
    layout.shapes = rp_shape_cache_new();
    layout.markers_first = g_hash_table_new(g_str_hash, g_str_equal);
    layout.markers_last = g_hash_table_new(g_str_hash, g_str_equal);
    layout.carry_sequence = g_hash_table_new_full(
        g_str_hash, g_str_equal, NULL, (GDestroyNotify)rp_marker_unref);
    layout.carry_document = g_hash_table_new_full(
        g_str_hash, g_str_equal, NULL, (GDestroyNotify)rp_marker_unref);
    status = rp_fo_doc_has_citations(doc, &citations, err);
    /* Forward references: one pass with a spool where it can do, else a
     * layout-only pass first.  A master for the last page needs to know
     * which page is last before the page is laid out. */
    if (status == RP_OK && citations && !masters_need_page_count(doc)) {
        status = spooled_pass(&layout, sink, err);
        if (status == RP_OK || !layout.spool_failed)
            goto out;
        rp_error_init(err);
        status = rp_fo_doc_rewind(doc, err);
        reset_pass(&layout);
    } else if (status == RP_OK && masters_need_page_count(doc)) {
        citations = true;
    }
    if (status == RP_OK && citations) {
        layout.pass = 1;
        status = layout_pass(&layout, NULL, err);
        memset(stats, 0, sizeof(*stats));
        if (status == RP_OK)
            status = rp_fo_doc_rewind(doc, err);
    }
    if (status == RP_OK) {
        layout.pass = 2;
        status = layout_pass(&layout, sink, err);
    }
out:
    g_hash_table_destroy(layout.font_heights);
    g_hash_table_destroy(layout.first_page);
    g_hash_table_destroy(layout.last_page);
    g_array_free(layout.sequence_pages, TRUE);
    g_hash_table_destroy(layout.markers_first);
    g_hash_table_destroy(layout.markers_last);
    g_hash_table_destroy(layout.carry_sequence);
    g_hash_table_destroy(layout.carry_document);
    if (layout.hyphen_dicts)
        g_hash_table_destroy(layout.hyphen_dicts);
    rp_positioned_free(layout.positioned);
    rp_shape_cache_free(layout.shapes);
    return status;
}

PangoContext *rp_layout_context_new(void)
{
    PangoFontMap *map = pango_cairo_font_map_new();
    PangoContext *context = pango_font_map_create_context(map);
    cairo_font_options_t *options = cairo_font_options_create();

    /* See DESIGN.md, "Pitfalls": unrounded positions, no hinted metrics. */
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
    pango_context_set_round_glyph_positions(context, FALSE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context, options);
    pango_cairo_context_set_resolution(context, 72.0);
    cairo_font_options_destroy(options);
    g_object_unref(map);
    return context;
}
