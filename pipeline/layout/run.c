/*
 * The layout run: what the passes share, and how many there are.  A
 * document without forward references is laid out once, straight to the
 * sink; one with them once with a spool (spooled_pass.c), or, where the
 * spool cannot do, twice: a layout-only pass for the page numbers, then
 * one for real.
 */
#include "layout_internal.h"
#include "image.h"

#include <string.h>

#include <pango/pangocairo.h>

static guint font_hash(gconstpointer desc)
{
    return pango_font_description_hash(desc);
}

static gboolean font_equal(gconstpointer a, gconstpointer b)
{
    return pango_font_description_equal(a, b);
}

/*
 * What fonts measure and shape depends on the context, not on the
 * document: line heights and shaped paragraphs stay with the context
 * (freed with it), so a process that renders many documents with one
 * context (render.c) measures and shapes a repeated date, status or
 * label once, not once per document.
 */
#define FONT_HEIGHTS_KEY "rp-layout-font-heights"
#define SHAPES_KEY "rp-layout-shapes"

static GHashTable *context_font_heights(PangoContext *context)
{
    GHashTable *heights =
        g_object_get_data(G_OBJECT(context), FONT_HEIGHTS_KEY);

    if (!heights) {
        heights = g_hash_table_new_full(
            font_hash, font_equal, (GDestroyNotify)pango_font_description_free,
            g_free);
        g_object_set_data_full(G_OBJECT(context), FONT_HEIGHTS_KEY, heights,
                               (GDestroyNotify)g_hash_table_destroy);
    }
    return heights;
}

static struct rp_shape_cache *context_shapes(PangoContext *context)
{
    struct rp_shape_cache *shapes =
        g_object_get_data(G_OBJECT(context), SHAPES_KEY);

    if (!shapes) {
        shapes = rp_shape_cache_new();
        g_object_set_data_full(G_OBJECT(context), SHAPES_KEY, shapes,
                               (GDestroyNotify)rp_shape_cache_free);
    }
    return shapes;
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
    layout.structure = sink->structure;
    if (layout.structure)
        layout.heading_ids = rp_struct_heading_ids(doc);
    layout.stats = stats;
    layout.font_heights = context_font_heights(pango_context);
    layout.first_page =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    layout.last_page =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    layout.sequence_pages = g_array_new(FALSE, FALSE, sizeof(int));
    layout.shapes = context_shapes(pango_context);
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
    if (status == RP_OK && citations && !rp_masters_need_page_count(doc)) {
        status = rp_layout_spooled_pass(&layout, sink, err);
        if (status == RP_OK || !layout.spool_failed)
            goto out;
        rp_error_init(err);
        status = rp_fo_doc_rewind(doc, err);
        reset_pass(&layout);
    } else if (status == RP_OK && rp_masters_need_page_count(doc)) {
        citations = true;
    }
    if (status == RP_OK && citations) {
        layout.pass = 1;
        status = rp_layout_pass(&layout, NULL, err);
        memset(stats, 0, sizeof(*stats));
        if (status == RP_OK)
            status = rp_fo_doc_rewind(doc, err);
    }
    if (status == RP_OK) {
        layout.pass = 2;
        status = rp_layout_pass(&layout, sink, err);
    }
out:
    g_hash_table_destroy(layout.first_page);
    g_hash_table_destroy(layout.last_page);
    g_array_free(layout.sequence_pages, TRUE);
    g_hash_table_destroy(layout.markers_first);
    g_hash_table_destroy(layout.markers_last);
    g_hash_table_destroy(layout.carry_sequence);
    g_hash_table_destroy(layout.carry_document);
    if (layout.heading_ids)
        g_hash_table_unref(layout.heading_ids);
    if (layout.hyphen_dicts)
        g_hash_table_destroy(layout.hyphen_dicts);
    rp_positioned_free(layout.positioned);
    rp_image_cache_free(layout.images);
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
