/*
 * Layout: the FO tree in, an area tree out: pages of positioned boxes,
 * rules and lines of text already shaped by Pango.
 *
 * Pages are handed to a sink one at a time and freed when the sink
 * returns, so memory does not grow with document length.  Forward
 * references ("Page N of M", tables of contents) are resolved by laying
 * the document out once and keeping finished pages in a spool file until
 * the last page is known; the static content of each page, and each
 * paragraph that cited a page not known yet, is laid out as the page is
 * handed to the sink.  What the spool cannot wait for (a master for the
 * last page, a line only Pango can draw, a citation whose real number
 * changes its paragraph's lines) takes a first, layout-only pass that
 * keeps only the page numbers of ids, and a second that lays out again
 * and feeds the sink.
 *
 * Text is shaped and broken into lines by Pango (one PangoLayout per
 * paragraph), never by hand.  Coordinates are in points from the top-left
 * corner of the page.
 *
 * Ownership: every rp_area_page and everything it points to belongs to
 * the layout engine and is valid only during the sink call; Pango objects
 * in text items and glyph runs must not be unreferenced by the sink.
 */
#ifndef RP_LAYOUT_H
#define RP_LAYOUT_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pango.h>

#include "common/error.h"
#include "fo/fo.h"

enum rp_area_kind {
    RP_AREA_RECT,     /* filled rectangle: x, y, w, h */
    RP_AREA_RULE,     /* stroked line from (x, y) to (x + w, y + h) */
    RP_AREA_TEXT,     /* a line of shaped text; (x, y) is the baseline origin */
    RP_AREA_GLYPHS,   /* the same as plain glyph runs (a page kept on disk) */
    RP_AREA_DEFERRED, /* inside layout only: a line laid out at the end */
    RP_AREA_LINK,     /* a link over x, y, w, h to target */
    RP_AREA_DEST,     /* a named destination (target) at x, y */
    /* A positioned area (an absolutely positioned block-container): the
     * items up to the matching GROUP_END are painted together, after
     * what comes before them on the page and before what follows; with
     * clip, nothing of them shows outside x, y, w, h.  Groups nest.
     * A group with rotation turns its items: see rp_area_group_matrix.
     * A group in the flow (a rotated or clipped in-flow container, a
     * rotated region or page) is painted where it stands, never
     * restacked by z-index. */
    RP_AREA_GROUP,
    RP_AREA_GROUP_END,
    /* A graphic (fo:external-graphic, fo:instream-foreign-object): its
     * viewport is x, y, w, h; its content, image_dx, image_dy (from the
     * viewport's corner), image_w, image_h; clip: nothing of the content
     * shows outside the viewport.  image NULL: a placeholder box (the
     * image could not be used; layout has said why). */
    RP_AREA_IMAGE,
    /* Tagged PDF (only for a sink that asks for structure): the items up
     * to the matching STRUCT_END belong to a structure element of type
     * role ("P", "H1", "Table", "TD", "Figure"...), in reading order.
     * Elements nest and may span pages: one left open at the end of a
     * page continues on the next.  Role "Artifact" marks what is not
     * content (static content, repeated table headers); structure inside
     * it does not count. */
    RP_AREA_STRUCT_BEGIN,
    RP_AREA_STRUCT_END,
};

enum rp_area_image_format {
    RP_AREA_IMAGE_PNG,     /* surface: the decoded pixels */
    RP_AREA_IMAGE_JPEG,    /* surface: blank, of its size, with the JPEG's
                              bytes attached (CAIRO_MIME_TYPE_JPEG): the PDF
                              embeds them as they are */
    RP_AREA_IMAGE_SVG,     /* svg, svg_len: the document, for librsvg */
    RP_AREA_IMAGE_DRAWING, /* drawing: an SVG of the subset layout draws
                              itself (docs/fo-subset.md), as shapes */
};

struct rp_area_color {
    double r, g, b, a;
};

/*
 * A drawing: an SVG converted at layout time (layout/svg.c) into what a
 * painter draws with Cairo alone, in the SVG's painting order.  Shapes
 * and text are in user units; each shape's matrix takes them to the
 * drawing's frame (points from its top-left corner, width x height,
 * the viewBox already mapped), which painters scale to the content box
 * and clip to.  Owned by the image that holds it.
 */
enum rp_area_shape_kind {
    RP_AREA_SHAPE_PATH, /* ops and points: filled, then stroked */
    RP_AREA_SHAPE_TEXT, /* one line of text laid out by Pango */
};

enum rp_area_path_op {
    RP_AREA_PATH_MOVE,  /* 1 point */
    RP_AREA_PATH_LINE,  /* 1 point */
    RP_AREA_PATH_CURVE, /* 3 points: a cubic Bezier */
    RP_AREA_PATH_CLOSE, /* none */
};

struct rp_area_shape {
    enum rp_area_shape_kind kind;
    double m[6];                       /* user units to the drawing (Cairo) */
    struct rp_area_color fill, stroke; /* a == 0: none */
    double stroke_width, miter_limit, dash_offset;
    cairo_line_cap_t cap;
    cairo_line_join_t join;
    bool even_odd;     /* fill-rule */
    bool stroke_first; /* paint-order: the stroke under the fill (halos) */
    size_t first_op, n_ops, first_pt; /* PATH: in the drawing's arrays */
    size_t first_dash, n_dash;        /* dash lengths, in dashes */
    PangoLayout *layout;              /* TEXT: borrowed from the drawing */
    PangoLayoutLine *line;            /* TEXT: its only line */
    double x, y;                      /* TEXT: the baseline's start */
};

struct rp_area_drawing {
    double width, height; /* the frame; nothing shows outside it */
    const struct rp_area_shape *shapes;
    size_t n_shapes;
    const unsigned char *ops; /* enum rp_area_path_op */
    const double *pts;        /* x, y pairs */
    const double *dashes;
};

/*
 * An image a document shows, loaded once per document however many
 * items show it, so that a PDF embeds it once (its surface carries
 * CAIRO_MIME_TYPE_UNIQUE_ID).  Owned by the layout engine for the
 * length of rp_layout_run; painters borrow it.
 */
struct rp_area_image {
    enum rp_area_image_format format;
    unsigned id;              /* 1, 2, ... in the document */
    cairo_surface_t *surface; /* PNG, JPEG */
    const char *svg;          /* SVG */
    size_t svg_len;
    const struct rp_area_drawing *drawing; /* DRAWING */
    double width, height;                  /* intrinsic size, pt */
};

enum rp_area_rule_style {
    RP_AREA_RULE_SOLID,
    RP_AREA_RULE_DASHED,
    RP_AREA_RULE_DOTTED,
    RP_AREA_RULE_DOUBLE,
    /* Three bands, a third of the width each: the colour in the middle,
     * darker and lighter on either side (FOP's ridge and groove). */
    RP_AREA_RULE_RIDGE,  /* lighter above (left), darker below (right) */
    RP_AREA_RULE_GROOVE, /* darker above (left), lighter below (right) */
};

/*
 * A run of glyphs in one font and colour, as Pango shaped it: all a
 * painter needs to draw a plain line of text without its PangoLayout.
 */
struct rp_area_run {
    PangoFont *font; /* borrowed */
    double rgb[3];
    const PangoGlyphInfo *glyphs;
    int n_glyphs;
    const int *log_clusters; /* per glyph, its first byte in text */
    const char *text;        /* the run's text, n_text bytes */
    int n_text;
    /* hyphenation-character, where it is not the font's hyphen: its
     * glyph is the hyphen's of a broken word, and the text layer says
     * it; 0: the text says '-' (FOP's) for that glyph */
    unsigned int hyphen;
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
    const struct rp_area_run *runs; /* GLYPHS: left to right */
    size_t n_runs;                  /* GLYPHS */
    size_t deferred, deferred_line; /* DEFERRED: paragraph and line */
    const char *target; /* LINK: URI or destination name; DEST: name */
    bool internal;      /* LINK: target is a destination name */
    int z;              /* GROUP: its z-index, for the record */
    bool clip;          /* GROUP, IMAGE: clip to x, y, w, h */
    bool flow;          /* GROUP: in the flow, painted in place */
    int rotation;       /* GROUP: quarter turns counter-clockwise, 0-3 */
    const struct rp_area_image *image;           /* IMAGE; NULL: placeholder */
    double image_dx, image_dy, image_w, image_h; /* IMAGE: its content */
    /* STRUCT_BEGIN: the structure type (a static string or interned by
     * the FO document), and for a table row its part (TR_BODY, TR_HEADER,
     * TR_FOOTER).  STRUCT_BEGIN of a Figure, and IMAGE: the alternative
     * text (fox:alt-text) or NULL, interned by the FO document. */
    const char *role;
    const char *alt;
    int part;
};

enum { RP_AREA_TR_BODY, RP_AREA_TR_HEADER, RP_AREA_TR_FOOTER };

struct rp_area_page {
    int index;  /* physical page, 1-based, across the document */
    int number; /* folio number printed on the page */
    double width, height;
    /* In painting order: positioned areas with a negative z-index come
     * first, then the normal content, then those with z-index 0 and
     * above (by z-index, ties in document order). */
    const struct rp_area_item *items;
    size_t n_items;
};

struct rp_layout_sink {
    /* Called once per finished page, in order. */
    enum rp_status (*page_done)(void *ctx, const struct rp_area_page *page,
                                struct rp_error *err);
    void *ctx;
    /* Whether pages carry STRUCT_BEGIN/END items (a tagged PDF). */
    bool structure;
};

struct rp_layout_stats {
    int pages;
    int overfull; /* boxes taller than a page, placed with a warning */
};

/*
 * Lays out doc (streamed: see fo/fo.h) and feeds each page to sink.
 * pango_context supplies fonts and must be set up for 72 dpi with unrounded
 * glyph positions (see rp_layout_context_new).  The context keeps the
 * line heights and shaped text it measured, so documents laid out one
 * after another with it share that work.  Errors from the sink stop
 * layout and are returned unchanged.
 */
enum rp_status rp_layout_run(struct rp_fo_doc *doc, PangoContext *pango_context,
                             const struct rp_layout_sink *sink,
                             struct rp_layout_stats *stats,
                             struct rp_error *err) RP_MUST_CHECK;

/*
 * Whether a line is plain glyph runs: left to right, in one colour per
 * run, without decorations, rises, shapes or missing glyphs.  Only Pango
 * can draw any other line.
 */
bool rp_area_line_is_plain(PangoLayoutLine *line);

/* The run of glyph_item, a run of a plain line of a layout with text;
 * out points into the layout, valid as long as it is. */
void rp_area_run_of(const PangoGlyphItem *glyph_item, const char *text,
                    struct rp_area_run *out);

/*
 * The transform of a group's items onto the page, as a Cairo matrix
 * (xx, yx, xy, yy, x0, y0).  The items of a group with rotation r are
 * laid out in a frame whose top-left corner is the group's (x, y) and
 * whose size is w x h, or h x w for 90 and 270 degrees; the frame is
 * turned r quarter turns counter-clockwise (reference-orientation, XSL
 * 1.1 §7.21.3) so that it covers x, y, w, h.  Rotation 0 is the
 * identity.  Items inside nested groups compose their transforms.
 */
void rp_area_group_matrix(const struct rp_area_item *group, double m[6]);

/* Appends the text of a TEXT or GLYPHS item to out. */
void rp_area_text(const struct rp_area_item *item, GString *out);

/*
 * A Pango context fit for PDF output: 1 unit = 1 pt, hint metrics off,
 * glyph positions not rounded (rounding makes text ~8% too wide at 72
 * dpi).  Free with g_object_unref().
 */
PangoContext *rp_layout_context_new(void);

#endif
