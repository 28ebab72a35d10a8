/*
 * Colours as FO properties write them: what common/color.h reads (the
 * CSS names, #rgb[a], #rrggbb[aa], rgb() and rgba(), transparent), and
 * the functions of XSL and Apache FOP that SVG and CSS do not have:
 * cmyk(c, m, y, k), turned into RGB as FOP turns it without a colour
 * profile, and rgb-icc(r, g, b, profile, ...), whose sRGB fallback is
 * used (we manage no colour profiles).  system-color() names the colours
 * of a desktop, which a document has none of: it is refused, and the
 * property falls back with the usual warning, as in FOP.
 *
 * Less what the renderer cannot draw in a document: a translucent colour.
 * Text is painted opaque whatever its colour's alpha, so a colour is
 * either opaque or transparent (alpha 0: nothing is painted), and any
 * other alpha is refused with the property's usual warning rather than
 * drawn half right.
 */
#include "fo_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/color.h"

#define MAX_ARGS 12

/*
 * The comma-separated arguments of a function call written as
 * name(...), in args (each trimmed, at most 63 bytes); their count, or -1
 * when text is not such a call.
 */
static int function_args(const char *text, const char *name, char args[][64])
{
    const char *s = rp_fo_skip_space(text);
    size_t n = strlen(name);
    int count = 0;

    if (strncasecmp(s, name, n) != 0)
        return -1;
    s = rp_fo_skip_space(s + n);
    if (*s++ != '(')
        return -1;
    for (;;) {
        const char *start = rp_fo_skip_space(s);
        size_t len;
        while (*s && *s != ',' && *s != ')')
            s++;
        len = (size_t)(s - start);
        while (len > 0 && isspace((unsigned char)start[len - 1]))
            len--;
        if (!*s || count == MAX_ARGS || len >= 64)
            return -1;
        memcpy(args[count], start, len);
        args[count][len] = '\0';
        count++;
        if (*s++ == ')')
            break;
    }
    return *rp_fo_skip_space(s) ? -1 : count;
}

/* A cmyk() component, as FOP reads one: 0..1, or a percentage. */
static bool cmyk_component(const char *arg, double *v)
{
    char *end;

    *v = strtod(arg, &end);
    if (end == arg || !isfinite(*v))
        return false;
    if (*end == '%') {
        *v /= 100.0;
        end++;
    }
    return !*end && *v >= 0 && *v <= 1;
}

/* cmyk(c, m, y, k): FOP's DeviceCMYK to RGB, (1 - c) * (1 - k) ... */
static bool parse_cmyk(const char *text, struct rp_color *c)
{
    char args[MAX_ARGS][64];
    double v[4];
    int i;

    if (function_args(text, "cmyk", args) != 4)
        return false;
    for (i = 0; i < 4; i++) {
        if (!cmyk_component(args[i], &v[i]))
            return false;
    }
    c->r = (1 - v[0]) * (1 - v[3]);
    c->g = (1 - v[1]) * (1 - v[3]);
    c->b = (1 - v[2]) * (1 - v[3]);
    c->a = 1;
    return true;
}

/* rgb-icc(r, g, b, profile[, values...]): the sRGB fallback r, g, b. */
static bool parse_rgb_icc(const char *text, struct rp_color *c)
{
    char args[MAX_ARGS][64];
    char rgb[220];

    if (function_args(text, "rgb-icc", args) < 4)
        return false;
    snprintf(rgb, sizeof(rgb), "rgb(%s,%s,%s)", args[0], args[1], args[2]);
    return rp_color_parse(rgb, c);
}

bool rp_fo_parse_color(const char *text, struct rp_fo_color *color)
{
    struct rp_color c;

    if (!rp_color_parse(text, &c) && !parse_cmyk(text, &c) &&
        !parse_rgb_icc(text, &c))
        return false;
    if (c.a > 0 && c.a < 1)
        return false;
    color->r = c.r;
    color->g = c.g;
    color->b = c.b;
    color->a = c.a;
    return true;
}
