/*
 * Pagination: page sequences, page masters and regions, and the paginator
 * that fills the body region with boxes, breaks pages where keeps allow,
 * repeats table headers, adds static content, and hands each finished page
 * to the sink before freeing it.
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

struct region {
    double x, y, w, h;
    struct rp_fo_node *content; /* static-content, or NULL */
};

struct paginator {
    struct rp_consumer base;
    struct rp_layout *layout;
    const struct rp_layout_sink *sink;
    double page_width, page_height;
    struct region body, before, after;
    /* Static content of the sequence, kept for every page. */
    struct rp_fo_node *statics[8];
    size_t n_statics;
    struct rp_placed *placed;
    size_t n, cap;
    size_t first_content; /* boxes before this index are repeated headers */
    double y;             /* used height of the body region */
    int page_number;
    int page_index;
    int pages_in_sequence;
    char folio[16];
};

static void set_folio(struct paginator *pg)
{
    snprintf(pg->folio, sizeof(pg->folio), "%d", pg->page_number);
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

static enum rp_status layout_static(struct paginator *pg,
                                    const struct region *region,
                                    struct rp_item_list *items,
                                    struct rp_error *err)
{
    struct rp_stacker stacker;
    struct rp_flow flow;
    enum rp_status status;

    if (!region->content)
        return RP_OK;
    rp_stacker_init(&stacker);
    rp_flow_init(&flow, pg->layout, &stacker.base, 0, region->w);
    status = rp_flow_children(&flow, region->content, err);
    rp_deco_unref(flow.deco);
    if (status == RP_OK)
        rp_stacker_finish(&stacker, region->x, region->y, items);
    rp_stacker_release(&stacker);
    return status;
}

static enum rp_status finish_page(struct paginator *pg, struct rp_error *err)
{
    struct rp_layout *layout = pg->layout;
    struct rp_item_list items = {0};
    enum rp_status status = RP_OK;
    size_t i;

    /* Pass 1 records where ids fell; pass 2 uses what it found. */
    if (layout->pass == 1)
        record_ids(pg);
    if (layout->pass == 2 && pg->sink) {
        struct rp_area_page page;
        rp_emit_placed(pg->placed, pg->n, pg->body.x, pg->body.y, &items);
        add_destinations(pg, &items);
        status = layout_static(pg, &pg->before, &items, err);
        if (status == RP_OK)
            status = layout_static(pg, &pg->after, &items, err);
        page.index = pg->page_index;
        page.number = pg->page_number;
        page.width = pg->page_width;
        page.height = pg->page_height;
        page.items = items.items;
        page.n_items = items.n;
        if (status == RP_OK)
            status = pg->sink->page_done(pg->sink->ctx, &page, err);
    }
    rp_item_list_release(&items);
    for (i = 0; i < pg->n; i++)
        rp_box_unref(pg->placed[i].box);
    pg->n = 0;
    pg->first_content = 0;
    pg->y = 0;
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
    for (i = 0; i < table->n_header; i++)
        place(pg, rp_box_ref(table->header[i]), pg->y);
    pg->first_content = pg->n;
}

static enum rp_status paginator_add(struct rp_consumer *consumer,
                                    struct rp_box *box, struct rp_error *err)
{
    struct paginator *pg = (struct paginator *)consumer;
    struct rp_placed *moved = NULL;
    size_t n_moved = 0, k, i;
    enum rp_status status = RP_OK;
    double space;

    if (box->break_before && pg->n > pg->first_content) {
        status = finish_page(pg, err);
        if (status != RP_OK)
            goto fail;
    }
    if (pg->n == 0 && box->table && !box->is_header)
        repeat_table_header(pg, box->table);
    space = pg->n > pg->first_content ? box->space_before : 0;
    if (pg->y + space + box->height <= pg->body.h + FIT_TOLERANCE) {
        place(pg, box, pg->y + space);
        return RP_OK;
    }
    if (pg->n == pg->first_content) {
        /* Taller than an empty page: place it and say so, never loop. */
        pg->layout->stats->overfull++;
        if (pg->layout->pass == 2)
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
    }
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

static enum rp_status page_geometry(struct paginator *pg,
                                    const struct rp_fo_doc *doc,
                                    const struct rp_fo_node *seq,
                                    struct rp_error *err)
{
    const struct rp_fo_node *master =
        rp_fo_doc_find_master(doc, seq->props.master_reference);
    const struct rp_fo_node *body, *before, *after;
    const double *m;
    double cx, cy, cw, ch;

    if (!master)
        return rp_error_set(
            err, RP_ERR_INPUT, rp_fo_doc_name(doc), seq->line,
            "master-reference",
            "fo:page-sequence names master '%s', but no "
            "fo:simple-page-master has that master-name",
            seq->props.master_reference ? seq->props.master_reference : "");
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
    if (!body)
        return rp_error_set(err, RP_ERR_INPUT, rp_fo_doc_name(doc),
                            master->line, NULL,
                            "fo:simple-page-master '%s' has no "
                            "fo:region-body",
                            master->props.master_name);
    m = body->props.margin;
    pg->body.x = cx + m[RP_FO_LEFT];
    pg->body.y = cy + m[RP_FO_TOP];
    pg->body.w = cw - m[RP_FO_LEFT] - m[RP_FO_RIGHT];
    pg->body.h = ch - m[RP_FO_TOP] - m[RP_FO_BOTTOM];
    if (pg->body.w < 1 || pg->body.h < 1)
        return rp_error_set(err, RP_ERR_INPUT, rp_fo_doc_name(doc), body->line,
                            NULL,
                            "the body region of page master '%s' is empty "
                            "(margins larger than the page)",
                            master->props.master_name);
    memset(&pg->before, 0, sizeof(pg->before));
    memset(&pg->after, 0, sizeof(pg->after));
    if (before) {
        pg->before = (struct region){cx, cy, cw, before->props.extent,
                                     find_static(pg, "xsl-region-before")};
    }
    if (after) {
        pg->after = (struct region){cx, cy + ch - after->props.extent, cw,
                                    after->props.extent,
                                    find_static(pg, "xsl-region-after")};
    }
    return RP_OK;
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
    char first_folio[16];
    bool geometry = false;
    size_t i;
    /* Copied: the sequence node is freed by the caller's next read. */
    struct rp_fo_props props = seq->props;

    memset(&pg, 0, sizeof(pg));
    pg.base.add = paginator_add;
    pg.layout = layout;
    pg.sink = sink;
    pg.page_number = props.initial_page_number > 0 ? props.initial_page_number
                                                   : *page_number;
    pg.page_index = *page_index;
    set_folio(&pg);
    snprintf(first_folio, sizeof(first_folio), "%s", pg.folio);
    memset(&flow, 0, sizeof(flow));
    while ((status = rp_fo_next_child(layout->doc, seq, &c, err)) == RP_OK &&
           c) {
        if (c->kind == RP_FO_STATIC_CONTENT) {
            status = rp_fo_materialize(layout->doc, c, err);
            if (status != RP_OK)
                break;
            if (pg.n_statics < sizeof(pg.statics) / sizeof(pg.statics[0])) {
                rp_fo_node_keep(c);
                pg.statics[pg.n_statics++] = c;
            }
            continue;
        }
        if (c->kind != RP_FO_FLOW || geometry)
            continue;
        status = page_geometry(&pg, layout->doc, seq, err);
        if (status != RP_OK)
            break;
        geometry = true;
        rp_flow_init(&flow, layout, &pg.base, 0, pg.body.w);
        status = rp_flow_children(&flow, c, err);
        if (status != RP_OK)
            break;
    }
    if (status != RP_OK)
        rp_fo_node_done(c);
    if (status == RP_OK && !geometry)
        status = page_geometry(&pg, layout->doc, seq, err);
    /* A page sequence always makes at least one page. */
    if (status == RP_OK && (pg.n > 0 || pg.pages_in_sequence == 0))
        status = finish_page(&pg, err);
    if (status == RP_OK && layout->pass == 1 && props.id) {
        char last[16];
        snprintf(last, sizeof(last), "%d", pg.page_number - 1);
        g_hash_table_insert(layout->first_page, (char *)props.id,
                            g_strdup(first_folio));
        g_hash_table_insert(layout->last_page, (char *)props.id,
                            g_strdup(last));
    }
    for (mark = flow.pending_ids; mark; mark = next) {
        next = mark->next;
        free(mark);
    }
    rp_deco_unref(flow.deco);
    for (i = 0; i < pg.n; i++)
        rp_box_unref(pg.placed[i].box);
    free(pg.placed);
    for (i = 0; i < pg.n_statics; i++)
        rp_fo_node_free(pg.statics[i]);
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
    status = rp_fo_doc_has_citations(doc, &citations, err);
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
    g_hash_table_destroy(layout.font_heights);
    g_hash_table_destroy(layout.first_page);
    g_hash_table_destroy(layout.last_page);
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
