/*
 * Colours as CSS writes them, for every stage that reads one: FO
 * properties (fo/color.c) and SVG presentation attributes (layout/svg.c)
 * share this parser, so that a colour means the same in both.  Accepted:
 * the 147 CSS colour keywords (CSS Color 3, SVG 1.1's names, which Apache
 * FOP knows too), in any case; #RGB, #RGBA, #RRGGBB, #RRGGBBAA; rgb() and
 * rgba() with numbers or percentages, commas or spaces and an optional
 * alpha; transparent.  White space around the value is allowed.  What a
 * caller accepts besides (SVG's currentColor and none, FO's inherit) is
 * the caller's.
 */
#ifndef RP_COMMON_COLOR_H
#define RP_COMMON_COLOR_H

#include <stdbool.h>
#include <stddef.h>

/* Channels 0..1; a == 0 is transparent (nothing is painted). */
struct rp_color {
    double r, g, b, a;
};

/* Parses text into *out; false, *out unchanged, when it is no colour. */
bool rp_color_parse(const char *text, struct rp_color *out);

/*
 * c lightened towards white by factor (0..1), or darkened towards black
 * when factor is negative, alpha kept: Apache FOP's ColorUtil.lightenColor,
 * with which it draws the two tones of ridge, groove, inset and outset
 * borders.
 */
struct rp_color rp_color_lighten(struct rp_color c, double factor);

/* How many colour names the parser knows (for tests). */
size_t rp_color_name_count(void);

#endif
