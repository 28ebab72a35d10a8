/*
 * What the two halves of the native SVG drawing share (svg.h; private to
 * pipeline/layout/): svg_style.c reads what an element says (numbers,
 * lengths, colours, transforms, presentation attributes and the
 * cascade into a struct rp_svg_style), svg.c turns elements so styled
 * into the shapes and text of an rp_area_drawing.  The builder carries
 * the drawing under way and the first reason the walk stopped.
 */
#ifndef RP_LAYOUT_SVG_INTERNAL_H
#define RP_LAYOUT_SVG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <glib.h>
#include <libxml/tree.h>

#include "svg.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define MAX_DASH 16

struct rp_svg_paint {
    bool none;
    bool current; /* currentColor */
    struct rp_area_color color;
};

/* What an element inherits, and its own transform and opacity. */
struct rp_svg_style {
    double m[6];
    struct rp_svg_paint fill, stroke;
    struct rp_area_color color; /* the color property, for currentColor */
    double fill_opacity, stroke_opacity, opacity;
    double stroke_width, miter_limit, dash_offset;
    double dash[MAX_DASH];
    int n_dash;
    cairo_line_cap_t cap;
    cairo_line_join_t join;
    bool even_odd, stroke_first, hidden, display_none;
    char family[128];
    double font_size;
    int weight;
    bool italic;
    int anchor; /* 0 start, 1 middle, 2 end */
};

struct rp_svg_builder {
    const struct rp_svg_fonts *fonts;
    GArray *shapes, *ops, *pts, *dashes;
    GPtrArray *layouts;
    char *why;
    size_t why_size;
    bool failed;
    size_t n_points;
};

/* Small and called per character of path data: inline in both halves. */
static inline const char *rp_svg_skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

static inline const char *rp_svg_skip_sep(const char *s)
{
    s = rp_svg_skip_ws(s);
    if (*s == ',')
        s = rp_svg_skip_ws(s + 1);
    return s;
}

static inline bool rp_svg_is_svg(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, SVG_NS);
}

static inline bool rp_svg_name_is(const xmlNode *n, const char *name)
{
    return !strcmp((const char *)n->name, name);
}

/* A number as SVG writes it (no inf, nan or hex); *end after it. */
bool rp_svg_number(const char *s, double *v, const char **end);
/* A length in user units; em and ex against font_size. */
bool rp_svg_length(const char *s, double font_size, double *v);
/* r = p * c (Cairo matrices): c applied first, then p. */
void rp_svg_multiply(const double p[6], const double c[6], double r[6]);
extern const double rp_svg_identity[6];
/* Stops the walk: the first reason goes to b->why; returns false. */
bool rp_svg_fail(struct rp_svg_builder *b, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
/* Which of words (NULL-terminated) v is, into *out. */
bool rp_svg_keyword(const char *v, const char *const *words, int *out);
/* n's presentation attributes and style attribute onto st; an attribute
 * neither presentation nor one of own (the element's geometry, NULL-
 * terminated) that would change the picture fails the walk. */
bool rp_svg_apply_attributes(struct rp_svg_builder *b, const xmlNode *n,
                             struct rp_svg_style *st, const char *const *own);
/* n's attribute name in no namespace, or NULL (borrowed from n). */
const char *rp_svg_attr(const xmlNode *n, const char *name);
/* n's attribute name as a length (def when absent); false fails the walk. */
bool rp_svg_attr_length(struct rp_svg_builder *b, const xmlNode *n,
                        const char *name, const struct rp_svg_style *st,
                        double def, double *out);

#endif
