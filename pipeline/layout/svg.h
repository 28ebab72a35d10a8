/*
 * SVG drawn natively: an SVG document of the subset charts use
 * (docs/fo-subset.md, "Images") becomes a drawing of the area tree
 * (layout.h, struct rp_area_drawing) at layout time: shapes as paths for
 * Cairo, text as lines laid out by Pango like the document's own, so
 * that a chart costs a few million instructions instead of librsvg's
 * parse, CSS cascade and font lookups per label.
 *
 * The subset is checked, not assumed: any element, attribute or value
 * that would change the picture and is not drawn here (CSS, gradients,
 * patterns, filters, masks, clip paths, markers, tspan, use, images,
 * nested svg, group opacity...) makes the whole document go to librsvg,
 * so nothing is drawn wrongly.  Elements and attributes of other
 * namespaces are not SVG's and are passed over, as librsvg does.
 *
 * Outside input (a user's FO may carry any SVG): sizes, nesting, the
 * number of shapes and points and the length of text are capped; a
 * document past a cap goes to librsvg, which has its own.
 */
#ifndef RP_LAYOUT_SVG_H
#define RP_LAYOUT_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

/* Caps on what one drawing may hold. */
#define RP_SVG_MAX_DEPTH 64
#define RP_SVG_MAX_SHAPES 20000
#define RP_SVG_MAX_POINTS 200000
#define RP_SVG_MAX_TEXT 4096
#define RP_SVG_MAX_COORD 1e7

struct rp_shape_cache;

/* What text is laid out with: the layout's Pango context, and its cache
 * of shaped text (NULL: none). */
struct rp_svg_fonts {
    PangoContext *pango;
    struct rp_shape_cache *shapes;
};

enum rp_svg_result {
    RP_SVG_DRAWN,    /* *out holds the drawing */
    RP_SVG_FALLBACK, /* an SVG outside the subset: for librsvg */
    RP_SVG_NOT_SVG,  /* not XML, or its root is not svg:svg */
};

/*
 * Reads the SVG document in svg (len bytes) and, with fonts, draws it:
 * *out, freed with rp_svg_drawing_free().  Without fonts (or with the
 * environment variable REPORTPIPE_SVG=librsvg, for comparisons) only
 * checks that it is an SVG document and answers FALLBACK.  why (a
 * sentence) says what was outside the subset, or why it is no SVG.
 */
enum rp_svg_result rp_svg_draw(const char *svg, size_t len,
                               const struct rp_svg_fonts *fonts,
                               struct rp_area_drawing **out, char *why,
                               size_t why_size);
void rp_svg_drawing_free(struct rp_area_drawing *drawing);

/* The pieces, for tests.  A transform list (SVG 1.1 §7.6) into m (a
 * Cairo matrix: xx yx xy yy x0 y0), composed left to right; false when
 * it does not parse. */
bool rp_svg_parse_transform(const char *s, double m[6]);

#endif
