/*
 * The one colour parser (color.h): CSS colour values as FO properties
 * and SVG presentation attributes both write them.  Names are found in a
 * sorted table by binary search; numbers are read here, without strtod,
 * so that the locale's decimal point is never in question.
 */
#include "color.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The CSS Color Module Level 3 keywords (SVG 1.1's colour names), sorted
 * for bsearch(). */
static const struct named_color {
    const char *name;
    unsigned rgb;
} named_colors[] = {
    {"aliceblue", 0xf0f8ff},
    {"antiquewhite", 0xfaebd7},
    {"aqua", 0x00ffff},
    {"aquamarine", 0x7fffd4},
    {"azure", 0xf0ffff},
    {"beige", 0xf5f5dc},
    {"bisque", 0xffe4c4},
    {"black", 0x000000},
    {"blanchedalmond", 0xffebcd},
    {"blue", 0x0000ff},
    {"blueviolet", 0x8a2be2},
    {"brown", 0xa52a2a},
    {"burlywood", 0xdeb887},
    {"cadetblue", 0x5f9ea0},
    {"chartreuse", 0x7fff00},
    {"chocolate", 0xd2691e},
    {"coral", 0xff7f50},
    {"cornflowerblue", 0x6495ed},
    {"cornsilk", 0xfff8dc},
    {"crimson", 0xdc143c},
    {"cyan", 0x00ffff},
    {"darkblue", 0x00008b},
    {"darkcyan", 0x008b8b},
    {"darkgoldenrod", 0xb8860b},
    {"darkgray", 0xa9a9a9},
    {"darkgreen", 0x006400},
    {"darkgrey", 0xa9a9a9},
    {"darkkhaki", 0xbdb76b},
    {"darkmagenta", 0x8b008b},
    {"darkolivegreen", 0x556b2f},
    {"darkorange", 0xff8c00},
    {"darkorchid", 0x9932cc},
    {"darkred", 0x8b0000},
    {"darksalmon", 0xe9967a},
    {"darkseagreen", 0x8fbc8f},
    {"darkslateblue", 0x483d8b},
    {"darkslategray", 0x2f4f4f},
    {"darkslategrey", 0x2f4f4f},
    {"darkturquoise", 0x00ced1},
    {"darkviolet", 0x9400d3},
    {"deeppink", 0xff1493},
    {"deepskyblue", 0x00bfff},
    {"dimgray", 0x696969},
    {"dimgrey", 0x696969},
    {"dodgerblue", 0x1e90ff},
    {"firebrick", 0xb22222},
    {"floralwhite", 0xfffaf0},
    {"forestgreen", 0x228b22},
    {"fuchsia", 0xff00ff},
    {"gainsboro", 0xdcdcdc},
    {"ghostwhite", 0xf8f8ff},
    {"gold", 0xffd700},
    {"goldenrod", 0xdaa520},
    {"gray", 0x808080},
    {"green", 0x008000},
    {"greenyellow", 0xadff2f},
    {"grey", 0x808080},
    {"honeydew", 0xf0fff0},
    {"hotpink", 0xff69b4},
    {"indianred", 0xcd5c5c},
    {"indigo", 0x4b0082},
    {"ivory", 0xfffff0},
    {"khaki", 0xf0e68c},
    {"lavender", 0xe6e6fa},
    {"lavenderblush", 0xfff0f5},
    {"lawngreen", 0x7cfc00},
    {"lemonchiffon", 0xfffacd},
    {"lightblue", 0xadd8e6},
    {"lightcoral", 0xf08080},
    {"lightcyan", 0xe0ffff},
    {"lightgoldenrodyellow", 0xfafad2},
    {"lightgray", 0xd3d3d3},
    {"lightgreen", 0x90ee90},
    {"lightgrey", 0xd3d3d3},
    {"lightpink", 0xffb6c1},
    {"lightsalmon", 0xffa07a},
    {"lightseagreen", 0x20b2aa},
    {"lightskyblue", 0x87cefa},
    {"lightslategray", 0x778899},
    {"lightslategrey", 0x778899},
    {"lightsteelblue", 0xb0c4de},
    {"lightyellow", 0xffffe0},
    {"lime", 0x00ff00},
    {"limegreen", 0x32cd32},
    {"linen", 0xfaf0e6},
    {"magenta", 0xff00ff},
    {"maroon", 0x800000},
    {"mediumaquamarine", 0x66cdaa},
    {"mediumblue", 0x0000cd},
    {"mediumorchid", 0xba55d3},
    {"mediumpurple", 0x9370db},
    {"mediumseagreen", 0x3cb371},
    {"mediumslateblue", 0x7b68ee},
    {"mediumspringgreen", 0x00fa9a},
    {"mediumturquoise", 0x48d1cc},
    {"mediumvioletred", 0xc71585},
    {"midnightblue", 0x191970},
    {"mintcream", 0xf5fffa},
    {"mistyrose", 0xffe4e1},
    {"moccasin", 0xffe4b5},
    {"navajowhite", 0xffdead},
    {"navy", 0x000080},
    {"oldlace", 0xfdf5e6},
    {"olive", 0x808000},
    {"olivedrab", 0x6b8e23},
    {"orange", 0xffa500},
    {"orangered", 0xff4500},
    {"orchid", 0xda70d6},
    {"palegoldenrod", 0xeee8aa},
    {"palegreen", 0x98fb98},
    {"paleturquoise", 0xafeeee},
    {"palevioletred", 0xdb7093},
    {"papayawhip", 0xffefd5},
    {"peachpuff", 0xffdab9},
    {"peru", 0xcd853f},
    {"pink", 0xffc0cb},
    {"plum", 0xdda0dd},
    {"powderblue", 0xb0e0e6},
    {"purple", 0x800080},
    {"red", 0xff0000},
    {"rosybrown", 0xbc8f8f},
    {"royalblue", 0x4169e1},
    {"saddlebrown", 0x8b4513},
    {"salmon", 0xfa8072},
    {"sandybrown", 0xf4a460},
    {"seagreen", 0x2e8b57},
    {"seashell", 0xfff5ee},
    {"sienna", 0xa0522d},
    {"silver", 0xc0c0c0},
    {"skyblue", 0x87ceeb},
    {"slateblue", 0x6a5acd},
    {"slategray", 0x708090},
    {"slategrey", 0x708090},
    {"snow", 0xfffafa},
    {"springgreen", 0x00ff7f},
    {"steelblue", 0x4682b4},
    {"tan", 0xd2b48c},
    {"teal", 0x008080},
    {"thistle", 0xd8bfd8},
    {"tomato", 0xff6347},
    {"turquoise", 0x40e0d0},
    {"violet", 0xee82ee},
    {"wheat", 0xf5deb3},
    {"white", 0xffffff},
    {"whitesmoke", 0xf5f5f5},
    {"yellow", 0xffff00},
    {"yellowgreen", 0x9acd32},
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static const char *skip_space(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

static void set_rgb(struct rp_color *out, unsigned rgb, double a)
{
    out->r = ((rgb >> 16) & 0xff) / 255.0;
    out->g = ((rgb >> 8) & 0xff) / 255.0;
    out->b = (rgb & 0xff) / 255.0;
    out->a = a;
}

/* #RGB, #RGBA, #RRGGBB, #RRGGBBAA: s after the '#', n characters. */
static bool parse_hex(const char *s, size_t n, struct rp_color *out)
{
    unsigned v[8], rgb, a;
    size_t i;

    if (n != 3 && n != 4 && n != 6 && n != 8)
        return false;
    for (i = 0; i < n; i++) {
        int d = hex_digit(s[i]);
        if (d < 0)
            return false;
        v[i] = (unsigned)d;
    }
    if (n <= 4) {
        rgb = (v[0] * 17) << 16 | (v[1] * 17) << 8 | (v[2] * 17);
        a = n == 4 ? v[3] * 17 : 255;
    } else {
        rgb = (v[0] * 16 + v[1]) << 16 | (v[2] * 16 + v[3]) << 8 |
              (v[4] * 16 + v[5]);
        a = n == 8 ? v[6] * 16 + v[7] : 255;
    }
    set_rgb(out, rgb, a / 255.0);
    return true;
}

/* A CSS number (sign, digits, fraction, exponent; no inf, nan or hex);
 * *end after it. */
static bool parse_number(const char *s, double *v, const char **end)
{
    const char *p = s;
    double mantissa = 0;
    int scale = 0, exponent = 0, exp_sign = 1;
    bool negative = false, digits = false;

    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    for (; *p >= '0' && *p <= '9'; p++, digits = true)
        mantissa = mantissa * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits = true, scale--)
            mantissa = mantissa * 10 + (*p - '0');
    if (!digits)
        return false;
    if ((*p == 'e' || *p == 'E') &&
        ((p[1] >= '0' && p[1] <= '9') ||
         ((p[1] == '+' || p[1] == '-') && p[2] >= '0' && p[2] <= '9'))) {
        p++;
        if (*p == '+' || *p == '-')
            exp_sign = *p++ == '-' ? -1 : 1;
        for (; *p >= '0' && *p <= '9'; p++)
            if (exponent < 10000)
                exponent = exponent * 10 + (*p - '0');
    }
    if (scale < -10000)
        scale = -10000;
    scale += exp_sign * exponent;
    /* Powers of ten up to 1e22 are exact: one rounding, as strtod's. */
    *v = scale < 0 ? mantissa / pow(10, -scale) : mantissa * pow(10, scale);
    if (negative)
        *v = -*v;
    if (!isfinite(*v))
        return false;
    *end = p;
    return true;
}

static double clamp(double v, double max)
{
    return v < 0 ? 0 : v > max ? max : v;
}

/*
 * rgb() and rgba() (one function since CSS Color 4): three channels,
 * numbers 0..255 or percentages, separated by commas or spaces, and an
 * optional alpha (0..1 or a percentage) after ',' or '/'.  Out of range
 * is clamped, as CSS says.  s after the '('.
 */
static bool parse_rgb(const char *s, struct rp_color *out)
{
    double c[4] = {0, 0, 0, 1};
    int i;

    s = skip_space(s);
    for (i = 0; i < 4; i++) {
        const char *end;

        if (i > 0) {
            const char *sep = skip_space(s);
            if (i == 3 && *sep == ')')
                break;
            if (*sep == ',' || (i == 3 && *sep == '/'))
                sep = skip_space(sep + 1);
            else if (sep == s)
                return false; /* two numbers with nothing between */
            s = sep;
        }
        if (!parse_number(s, &c[i], &end))
            return false;
        if (*end == '%') {
            c[i] = c[i] * (i < 3 ? 255.0 : 1.0) / 100.0;
            end++;
        }
        c[i] = clamp(c[i], i < 3 ? 255 : 1);
        s = end;
    }
    s = skip_space(s);
    if (*s != ')' || *skip_space(s + 1) != '\0')
        return false;
    out->r = c[0] / 255.0;
    out->g = c[1] / 255.0;
    out->b = c[2] / 255.0;
    out->a = c[3];
    return true;
}

static int compare_names(const void *key, const void *entry)
{
    return strcmp(key, ((const struct named_color *)entry)->name);
}

bool rp_color_parse(const char *text, struct rp_color *out)
{
    const char *s = skip_space(text);
    size_t n = strlen(s), i, len;
    const struct named_color *found;
    char word[32];

    while (n && is_space(s[n - 1]))
        n--;
    if (n == 0)
        return false;
    if (s[0] == '#')
        return parse_hex(s + 1, n - 1, out);
    /* The name, or the function's name, in lower case: CSS's are ASCII
     * case-insensitive. */
    for (i = 0; i < n && s[i] != '(' && i < sizeof(word) - 1; i++)
        word[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    word[i] = '\0';
    if (i < n && s[i] == '(') {
        /* FO has always let a space stand before the parenthesis. */
        for (len = i; len && is_space(word[len - 1]); len--)
            word[len - 1] = '\0';
        if (strcmp(word, "rgb") != 0 && strcmp(word, "rgba") != 0)
            return false;
        return parse_rgb(s + i + 1, out);
    }
    if (i != n)
        return false;
    if (strcmp(word, "transparent") == 0) {
        memset(out, 0, sizeof(*out));
        return true;
    }
    found = bsearch(word, named_colors,
                    sizeof(named_colors) / sizeof(named_colors[0]),
                    sizeof(named_colors[0]), compare_names);
    if (!found)
        return false;
    set_rgb(out, found->rgb, 1);
    return true;
}

struct rp_color rp_color_lighten(struct rp_color c, double factor)
{
    if (factor > 0) {
        c.r += (1 - c.r) * factor;
        c.g += (1 - c.g) * factor;
        c.b += (1 - c.b) * factor;
    } else {
        c.r += c.r * factor;
        c.g += c.g * factor;
        c.b += c.b * factor;
    }
    return c;
}

size_t rp_color_name_count(void)
{
    return sizeof(named_colors) / sizeof(named_colors[0]);
}
