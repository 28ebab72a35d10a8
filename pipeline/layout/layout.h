/*
 * Layout: the FO tree in, an area tree out: pages of positioned boxes,
 * rules and lines of text already shaped by Pango.
 *
 * Pages are handed to a sink one at a time as soon as they are complete
 * and freed when the sink returns, so memory does not grow with document
 * length.  Forward references ("Page N of M", page-number-citation) are
 * resolved by a first, layout-only pass that keeps only page numbers of
 * ids; the second pass lays out again and feeds the sink.
 *
 * Text is shaped and broken into lines by Pango (one PangoLayout per
 * paragraph), never by hand.  Coordinates are in points from the top-left
 * corner of the page.
 *
 * Ownership: every rp_area_page and everything it points to belongs to
 * the layout engine and is valid only during the sink call; Pango objects
 * in text items must not be unreferenced by the sink.
 */
#ifndef RP_LAYOUT_H
#define RP_LAYOUT_H

#include <stdbool.h>

#include <pango/pango.h>

#include "common/error.h"
#include "fo/fo.h"

enum rp_area_kind {
    RP_AREA_RECT, /* filled rectangle: x, y, w, h */
    RP_AREA_RULE, /* stroked line from (x, y) to (x + w, y + h) */
    RP_AREA_TEXT, /* a line of shaped text; (x, y) is the baseline origin */
    RP_AREA_LINK, /* a link over x, y, w, h to target */
    RP_AREA_DEST, /* a named destination (target) at x, y */
};

enum rp_area_rule_style {
    RP_AREA_RULE_SOLID,
    RP_AREA_RULE_DASHED,
    RP_AREA_RULE_DOTTED,
    RP_AREA_RULE_DOUBLE,
};

struct rp_area_color {
    double r, g, b, a;
};

struct rp_area_item {
    enum rp_area_kind kind;
    double x, y, w, h;
    struct rp_area_color color;         /* RECT and RULE */
    double rule_width;                  /* RULE */
    enum rp_area_rule_style rule_style; /* RULE */
    double rule_period;    /* RULE, dashed or dotted: pattern length, 0 auto */
    PangoLayout *layout;   /* TEXT: the paragraph */
    PangoLayoutLine *line; /* TEXT: one of its lines */
    const char *target;    /* LINK: URI or destination name; DEST: name */
    bool internal;         /* LINK: target is a destination name */
};

struct rp_area_page {
    int index;  /* physical page, 1-based, across the document */
    int number; /* folio number printed on the page */
    double width, height;
    const struct rp_area_item *items; /* in painting order */
    size_t n_items;
};

struct rp_layout_sink {
    /* Called once per finished page, in order. */
    enum rp_status (*page_done)(void *ctx, const struct rp_area_page *page,
                                struct rp_error *err);
    void *ctx;
};

struct rp_layout_stats {
    int pages;
    int overfull; /* boxes taller than a page, placed with a warning */
};

/*
 * Lays out doc (streamed: see fo/fo.h) and feeds each page to sink.
 * pango_context supplies fonts and must be set up for 72 dpi with unrounded
 * glyph positions (see rp_layout_context_new).  Errors from the sink stop
 * layout and are returned unchanged.
 */
enum rp_status rp_layout_run(struct rp_fo_doc *doc, PangoContext *pango_context,
                             const struct rp_layout_sink *sink,
                             struct rp_layout_stats *stats,
                             struct rp_error *err) RP_MUST_CHECK;

/*
 * A Pango context fit for PDF output: 1 unit = 1 pt, hint metrics off,
 * glyph positions not rounded (rounding makes text ~8% too wide at 72
 * dpi).  Free with g_object_unref().
 */
PangoContext *rp_layout_context_new(void);

#endif
