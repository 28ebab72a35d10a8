/*
 * Colours as FO properties write them: what common/color.h reads (the
 * CSS names, #rgb[a], #rrggbb[aa], rgb() and rgba(), transparent), less
 * what the renderer cannot draw in a document: a translucent colour.
 * Text is painted opaque whatever its colour's alpha, so a colour is
 * either opaque or transparent (alpha 0: nothing is painted), and any
 * other alpha is refused with the property's usual warning rather than
 * drawn half right.
 */
#include "fo_internal.h"

#include "common/color.h"

bool rp_fo_parse_color(const char *text, struct rp_fo_color *color)
{
    struct rp_color c;

    if (!rp_color_parse(text, &c) || (c.a > 0 && c.a < 1))
        return false;
    color->r = c.r;
    color->g = c.g;
    color->b = c.b;
    color->a = c.a;
    return true;
}
