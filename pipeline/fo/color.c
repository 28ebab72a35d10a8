/*
 * Colours as FO properties write them: #rgb, #rrggbb, rgb() of numbers or
 * percentages, the CSS names stylesheets use, and transparent (alpha 0:
 * nothing is painted).
 */
#include "fo_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    unsigned rgb;
} named_colors[] = {
    {"black", 0x000000},     {"silver", 0xc0c0c0},   {"gray", 0x808080},
    {"grey", 0x808080},      {"white", 0xffffff},    {"maroon", 0x800000},
    {"red", 0xff0000},       {"purple", 0x800080},   {"fuchsia", 0xff00ff},
    {"green", 0x008000},     {"lime", 0x00ff00},     {"olive", 0x808000},
    {"yellow", 0xffff00},    {"navy", 0x000080},     {"blue", 0x0000ff},
    {"teal", 0x008080},      {"aqua", 0x00ffff},     {"orange", 0xffa500},
    {"darkgray", 0xa9a9a9},  {"darkgrey", 0xa9a9a9}, {"lightgray", 0xd3d3d3},
    {"lightgrey", 0xd3d3d3},
};

static void set_rgb(struct rp_fo_color *color, unsigned rgb)
{
    color->r = ((rgb >> 16) & 0xff) / 255.0;
    color->g = ((rgb >> 8) & 0xff) / 255.0;
    color->b = (rgb & 0xff) / 255.0;
    color->a = 1.0;
}

static bool parse_hex_color(const char *s, struct rp_fo_color *color)
{
    size_t n = 0;
    unsigned rgb = 0;

    while (isxdigit((unsigned char)s[n]))
        n++;
    if (*rp_fo_skip_space(s + n) != '\0')
        return false;
    if (n == 6) {
        rgb = (unsigned)strtoul(s, NULL, 16);
    } else if (n == 3) {
        unsigned short3 = (unsigned)strtoul(s, NULL, 16);
        unsigned r = (short3 >> 8) & 0xf, g = (short3 >> 4) & 0xf,
                 b = short3 & 0xf;
        rgb = (r * 17) << 16 | (g * 17) << 8 | (b * 17);
    } else {
        return false;
    }
    set_rgb(color, rgb);
    return true;
}

static bool parse_rgb_function(const char *s, struct rp_fo_color *color)
{
    double c[3];
    int i;

    s = rp_fo_skip_space(s + 3);
    if (*s++ != '(')
        return false;
    for (i = 0; i < 3; i++) {
        const char *end;
        if (!rp_fo_parse_number(s, &c[i], &end))
            return false;
        if (*end == '%') {
            c[i] = c[i] * 255.0 / 100.0;
            end++;
        }
        if (c[i] < 0 || c[i] > 255)
            return false;
        s = rp_fo_skip_space(end);
        if (*s != (i < 2 ? ',' : ')'))
            return false;
        s++;
    }
    if (*rp_fo_skip_space(s) != '\0')
        return false;
    color->r = c[0] / 255.0;
    color->g = c[1] / 255.0;
    color->b = c[2] / 255.0;
    color->a = 1.0;
    return true;
}

bool rp_fo_parse_color(const char *text, struct rp_fo_color *color)
{
    const char *s = rp_fo_skip_space(text);
    size_t i, n;

    if (*s == '#')
        return parse_hex_color(s + 1, color);
    if (strncasecmp(s, "rgb", 3) == 0 && s[3] != '\0' &&
        (s[3] == '(' || isspace((unsigned char)s[3])))
        return parse_rgb_function(s, color);
    n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 11 && strncasecmp(s, "transparent", n) == 0) {
        memset(color, 0, sizeof(*color));
        return true;
    }
    for (i = 0; i < sizeof(named_colors) / sizeof(named_colors[0]); i++) {
        if (strlen(named_colors[i].name) == n &&
            strncasecmp(s, named_colors[i].name, n) == 0) {
            set_rgb(color, named_colors[i].rgb);
            return true;
        }
    }
    return false;
}
