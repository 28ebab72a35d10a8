/*
 * What an SVG element says, for the native drawing (svg_internal.h):
 * numbers, lengths, colours (common/color.h) and transform lists as SVG
 * writes them, and the presentation attributes and style declarations
 * an element inherits and sets, checked against the subset (svg.h).
 * Kept apart from svg.c, which draws: reading values is where outside
 * input is judged, drawing only meets values already checked.
 */
#include "svg_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/color.h"
#include "layout_internal.h"

/* ---- numbers, lengths, colours, transforms --------------------------------
 */

/* A number as SVG writes it (no inf, nan or hex); *end after it. */
bool rp_svg_number(const char *s, double *v, const char **end)
{
    const char *p = s;
    char buf[64];
    bool digits = false;

    if (*p == '+' || *p == '-')
        p++;
    while (*p >= '0' && *p <= '9') {
        p++;
        digits = true;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
            digits = true;
        }
    }
    if (!digits)
        return false;
    if ((*p == 'e' || *p == 'E') &&
        ((p[1] >= '0' && p[1] <= '9') ||
         ((p[1] == '+' || p[1] == '-') && p[2] >= '0' && p[2] <= '9'))) {
        p += 2;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if ((size_t)(p - s) >= sizeof(buf))
        return false;
    memcpy(buf, s, (size_t)(p - s));
    buf[p - s] = '\0';
    *v = g_ascii_strtod(buf, NULL);
    if (!isfinite(*v) || fabs(*v) > RP_SVG_MAX_COORD)
        return false;
    *end = p;
    return true;
}

/* A whole attribute that is one number. */
static bool plain_number(const char *s, double *v)
{
    const char *end;

    return rp_svg_number(rp_svg_skip_ws(s), v, &end) && !*rp_svg_skip_ws(end);
}

/* A length in user units (72 dpi: pt and px are one); em against
 * font_size; percentages are not drawn here. */
bool rp_svg_length(const char *s, double font_size, double *v)
{
    static const struct {
        const char *unit;
        double scale;
    } units[] = {
        {"px", 1},         {"pt", 1}, {"pc", 12}, {"in", 72}, {"cm", 72 / 2.54},
        {"mm", 72 / 25.4}, {"em", 0}, {"ex", 0},  {"", 1},
    };
    const char *end;
    size_t i;

    if (!rp_svg_number(rp_svg_skip_ws(s), v, &end))
        return false;
    for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        size_t n = strlen(units[i].unit);
        if (!strncmp(end, units[i].unit, n) && !*rp_svg_skip_ws(end + n)) {
            if (!strcmp(units[i].unit, "em"))
                *v *= font_size;
            else if (!strcmp(units[i].unit, "ex"))
                *v *= font_size / 2;
            else
                *v *= units[i].scale;
            return isfinite(*v);
        }
    }
    return false;
}

/* A colour (common/color.h); currentColor and none are paint_value()'s. */
static bool color_value(const char *v, struct rp_area_color *out)
{
    struct rp_color c;

    if (!rp_color_parse(v, &c))
        return false;
    out->r = c.r;
    out->g = c.g;
    out->b = c.b;
    out->a = c.a;
    return true;
}

/* r = p * c: c applied first, then p. */
void rp_svg_multiply(const double p[6], const double c[6], double r[6])
{
    double t[6];

    t[0] = p[0] * c[0] + p[2] * c[1];
    t[1] = p[1] * c[0] + p[3] * c[1];
    t[2] = p[0] * c[2] + p[2] * c[3];
    t[3] = p[1] * c[2] + p[3] * c[3];
    t[4] = p[0] * c[4] + p[2] * c[5] + p[4];
    t[5] = p[1] * c[4] + p[3] * c[5] + p[5];
    memcpy(r, t, sizeof(t));
}

const double rp_svg_identity[6] = {1, 0, 0, 1, 0, 0};

bool rp_svg_parse_transform(const char *s, double m[6])
{
    static const struct {
        const char *name;
        int min, max;
    } kinds[] = {
        {"matrix", 6, 6}, {"translate", 1, 2}, {"scale", 1, 2},
        {"rotate", 1, 3}, {"skewX", 1, 1},     {"skewY", 1, 1},
    };
    double r[6];

    memcpy(r, rp_svg_identity, sizeof(r));
    s = rp_svg_skip_ws(s);
    while (*s) {
        double a[6] = {0}, t[6];
        size_t k, n = 0, len = 0;
        const char *end;

        for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
            len = strlen(kinds[k].name);
            if (!strncmp(s, kinds[k].name, len))
                break;
        }
        if (k == sizeof(kinds) / sizeof(kinds[0]))
            return false;
        s = rp_svg_skip_ws(s + len);
        if (*s != '(')
            return false;
        s = rp_svg_skip_ws(s + 1);
        while (*s != ')') {
            if (n == 6 || !rp_svg_number(s, &a[n], &end))
                return false;
            n++;
            s = rp_svg_skip_sep(end);
        }
        if ((int)n < kinds[k].min || (int)n > kinds[k].max ||
            (k == 3 && n == 2))
            return false;
        memcpy(t, rp_svg_identity, sizeof(t));
        switch (k) {
        case 0:
            memcpy(t, a, sizeof(t));
            break;
        case 1:
            t[4] = a[0];
            t[5] = n > 1 ? a[1] : 0;
            break;
        case 2:
            t[0] = a[0];
            t[3] = n > 1 ? a[1] : a[0];
            break;
        case 3: {
            double rad = a[0] * G_PI / 180, c = cos(rad), sn = sin(rad);
            double cx = n == 3 ? a[1] : 0, cy = n == 3 ? a[2] : 0;
            t[0] = c;
            t[1] = sn;
            t[2] = -sn;
            t[3] = c;
            /* rotate(a, cx, cy): translate(cx, cy) rotate(a)
             * translate(-cx, -cy) */
            t[4] = cx - c * cx + sn * cy;
            t[5] = cy - sn * cx - c * cy;
            break;
        }
        case 4:
            t[2] = tan(a[0] * G_PI / 180);
            break;
        case 5:
            t[1] = tan(a[0] * G_PI / 180);
            break;
        }
        rp_svg_multiply(r, t, r);
        s = rp_svg_skip_sep(s + 1);
    }
    for (size_t i = 0; i < 6; i++)
        if (!isfinite(r[i]))
            return false;
    memcpy(m, r, sizeof(r));
    return true;
}

bool rp_svg_fail(struct rp_svg_builder *b, const char *fmt, ...)
{
    va_list ap;

    if (!b->failed) {
        va_start(ap, fmt);
        vsnprintf(b->why, b->why_size, fmt, ap);
        va_end(ap);
    }
    b->failed = true;
    return false;
}

static bool paint_value(struct rp_svg_builder *b, const char *name,
                        const char *v, struct rp_svg_paint *out)
{
    const char *s = rp_svg_skip_ws(v);

    memset(out, 0, sizeof(*out));
    if (!strncmp(s, "none", 4) && !*rp_svg_skip_ws(s + 4)) {
        out->none = true;
        return true;
    }
    if (!strncmp(s, "currentColor", 12) && !*rp_svg_skip_ws(s + 12)) {
        out->current = true;
        return true;
    }
    if (color_value(s, &out->color))
        return true;
    return rp_svg_fail(b, "%s=\"%.40s\" (only colours are drawn natively)",
                       name, v);
}

static bool opacity_value(struct rp_svg_builder *b, const char *name,
                          const char *v, double *out)
{
    double d;
    const char *end;

    v = rp_svg_skip_ws(v);
    if (!rp_svg_number(v, &d, &end))
        return rp_svg_fail(b, "%s=\"%.40s\"", name, v);
    if (*end == '%') {
        d /= 100;
        end++;
    }
    if (*rp_svg_skip_ws(end))
        return rp_svg_fail(b, "%s=\"%.40s\"", name, v);
    *out = d < 0 ? 0 : d > 1 ? 1 : d;
    return true;
}

bool rp_svg_keyword(const char *v, const char *const *words, int *out)
{
    int i;

    v = rp_svg_skip_ws(v);
    for (i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (!strncmp(v, words[i], n) && !*rp_svg_skip_ws(v + n)) {
            *out = i;
            return true;
        }
    }
    return false;
}

static bool dash_value(struct rp_svg_builder *b, const char *v,
                       struct rp_svg_style *st)
{
    const char *p = rp_svg_skip_ws(v), *end;
    double sum = 0;
    int n = 0;

    if (!strncmp(p, "none", 4) && !*rp_svg_skip_ws(p + 4)) {
        st->n_dash = 0;
        return true;
    }
    while (*p) {
        double d;
        if (n == MAX_DASH || !rp_svg_length(p, st->font_size, &d)) {
            /* rp_svg_length() wants the whole string: scan one item. */
            if (n == MAX_DASH || !rp_svg_number(p, &d, &end))
                return rp_svg_fail(b, "stroke-dasharray=\"%.40s\"", v);
            p = end;
            if (!strncmp(p, "px", 2) || !strncmp(p, "pt", 2))
                p += 2;
        } else {
            p += strlen(p);
        }
        if (d < 0)
            return rp_svg_fail(b, "stroke-dasharray=\"%.40s\"", v);
        st->dash[n++] = d;
        sum += d;
        p = rp_svg_skip_sep(p);
    }
    /* A pattern of zeros, or nothing, is a solid line. */
    st->n_dash = sum > 0 ? n : 0;
    return true;
}

/* font-weight: a keyword or 100..900 (bolder and lighter relative to
 * the parent, as CSS). */
static bool weight_value(const char *v, int parent, int *out)
{
    double d;

    v = rp_svg_skip_ws(v);
    if (!strcmp(v, "normal"))
        *out = 400;
    else if (!strcmp(v, "bold"))
        *out = 700;
    else if (!strcmp(v, "bolder"))
        *out = parent < 400 ? 400 : parent < 600 ? 700 : 900;
    else if (!strcmp(v, "lighter"))
        *out = parent < 600 ? 100 : parent < 800 ? 400 : 700;
    else if (plain_number(v, &d) && d >= 1 && d <= 1000)
        *out = (int)d;
    else
        return false;
    return true;
}

static bool family_value(const char *v, char *out, size_t size)
{
    size_t n = 0;

    /* Pango takes a comma-separated list; quotes go. */
    for (v = rp_svg_skip_ws(v); *v && n + 1 < size; v++)
        if (*v != '\'' && *v != '"')
            out[n++] = *v;
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n > 0 && !*v;
}

/*
 * One presentation property (an attribute or a declaration of a style
 * attribute).  Returns 1 when applied, 0 when name is no presentation
 * property, -1 (b failed) for a value not drawn here.
 */
static int apply_property(struct rp_svg_builder *b, struct rp_svg_style *st,
                          const char *name, const char *v)
{
    static const char *const caps[] = {"butt", "round", "square", NULL};
    static const char *const joins[] = {"miter", "round", "bevel", NULL};
    static const char *const rules[] = {"nonzero", "evenodd", NULL};
    static const char *const anchors[] = {"start", "middle", "end", NULL};
    static const char *const visibilities[] = {"visible", "hidden", "collapse",
                                               NULL};
    static const char *const styles[] = {"normal", "italic", "oblique", NULL};
    static const char *const inherit[] = {"inherit", NULL};
    /* Values that change nothing here: hints and the defaults. */
    static const struct {
        const char *name;
        const char *ok; /* space-separated values that are harmless */
    } harmless[] = {
        {"shape-rendering", "*"},
        {"text-rendering", "*"},
        {"color-rendering", "*"},
        {"image-rendering", "*"},
        {"color-interpolation", "*"},
        {"pointer-events", "*"},
        {"cursor", "*"},
        {"font-variant", "normal"},
        {"font-stretch", "normal"},
        {"dominant-baseline", "auto alphabetic"},
        {"alignment-baseline", "auto baseline alphabetic"},
        {"baseline-shift", "baseline 0"},
        {"text-decoration", "none"},
        {"letter-spacing", "normal 0"},
        {"word-spacing", "normal 0"},
        {"writing-mode", "lr lr-tb horizontal-tb"},
        {"direction", "ltr"},
        {"unicode-bidi", "normal"},
        {"overflow", "visible hidden auto scroll"},
        {"clip", "auto"},
        {"clip-path", "none"},
        {"mask", "none"},
        {"filter", "none"},
        {"marker", "none"},
        {"marker-start", "none"},
        {"marker-mid", "none"},
        {"marker-end", "none"},
        {"enable-background", "accumulate"},
        {"isolation", "auto"},
        {"mix-blend-mode", "normal"},
        {"vector-effect", "none"},
    };
    int k;
    size_t i;

    if (rp_svg_keyword(v, inherit, &k))
        return 1; /* what it inherited already */
    if (!strcmp(name, "fill"))
        return paint_value(b, name, v, &st->fill) ? 1 : -1;
    if (!strcmp(name, "stroke"))
        return paint_value(b, name, v, &st->stroke) ? 1 : -1;
    if (!strcmp(name, "color"))
        return color_value(v, &st->color)
                   ? 1
                   : (rp_svg_fail(b, "color=\"%.40s\"", v), -1);
    if (!strcmp(name, "fill-opacity"))
        return opacity_value(b, name, v, &st->fill_opacity) ? 1 : -1;
    if (!strcmp(name, "stroke-opacity"))
        return opacity_value(b, name, v, &st->stroke_opacity) ? 1 : -1;
    if (!strcmp(name, "opacity"))
        return opacity_value(b, name, v, &st->opacity) ? 1 : -1;
    if (!strcmp(name, "stroke-width")) {
        double d;
        if (!rp_svg_length(v, st->font_size, &d) || d < 0)
            return rp_svg_fail(b, "stroke-width=\"%.40s\"", v), -1;
        st->stroke_width = d;
        return 1;
    }
    if (!strcmp(name, "stroke-miterlimit")) {
        double d;
        if (!plain_number(v, &d) || d < 1)
            return rp_svg_fail(b, "stroke-miterlimit=\"%.40s\"", v), -1;
        st->miter_limit = d;
        return 1;
    }
    if (!strcmp(name, "stroke-dashoffset")) {
        if (!rp_svg_length(v, st->font_size, &st->dash_offset))
            return rp_svg_fail(b, "stroke-dashoffset=\"%.40s\"", v), -1;
        return 1;
    }
    if (!strcmp(name, "stroke-dasharray"))
        return dash_value(b, v, st) ? 1 : -1;
    if (!strcmp(name, "stroke-linecap")) {
        if (!rp_svg_keyword(v, caps, &k))
            return rp_svg_fail(b, "stroke-linecap=\"%.40s\"", v), -1;
        st->cap = k == 0   ? CAIRO_LINE_CAP_BUTT
                  : k == 1 ? CAIRO_LINE_CAP_ROUND
                           : CAIRO_LINE_CAP_SQUARE;
        return 1;
    }
    if (!strcmp(name, "stroke-linejoin")) {
        if (!rp_svg_keyword(v, joins, &k))
            return rp_svg_fail(b, "stroke-linejoin=\"%.40s\"", v), -1;
        st->join = k == 0   ? CAIRO_LINE_JOIN_MITER
                   : k == 1 ? CAIRO_LINE_JOIN_ROUND
                            : CAIRO_LINE_JOIN_BEVEL;
        return 1;
    }
    if (!strcmp(name, "fill-rule")) {
        if (!rp_svg_keyword(v, rules, &k))
            return rp_svg_fail(b, "fill-rule=\"%.40s\"", v), -1;
        st->even_odd = k == 1;
        return 1;
    }
    if (!strcmp(name, "paint-order")) {
        const char *p = rp_svg_skip_ws(v);
        if (!strncmp(p, "normal", 6) || !strncmp(p, "fill", 4))
            st->stroke_first = false;
        else if (!strncmp(p, "stroke", 6))
            st->stroke_first = true;
        else
            return rp_svg_fail(b, "paint-order=\"%.40s\"", v), -1;
        return 1;
    }
    if (!strcmp(name, "text-anchor")) {
        if (!rp_svg_keyword(v, anchors, &st->anchor))
            return rp_svg_fail(b, "text-anchor=\"%.40s\"", v), -1;
        return 1;
    }
    if (!strcmp(name, "visibility")) {
        if (!rp_svg_keyword(v, visibilities, &k))
            return rp_svg_fail(b, "visibility=\"%.40s\"", v), -1;
        st->hidden = k != 0;
        return 1;
    }
    if (!strcmp(name, "display")) {
        st->display_none = !strcmp(rp_svg_skip_ws(v), "none");
        return 1;
    }
    if (!strcmp(name, "font-family")) {
        if (!family_value(v, st->family, sizeof(st->family)))
            return rp_svg_fail(b, "font-family=\"%.40s\"", v), -1;
        return 1;
    }
    if (!strcmp(name, "font-size")) {
        double d;
        if (!rp_svg_length(v, st->font_size, &d) || d < 0 || d > 10000)
            return rp_svg_fail(b, "font-size=\"%.40s\"", v), -1;
        st->font_size = d;
        return 1;
    }
    if (!strcmp(name, "font-weight")) {
        if (!weight_value(v, st->weight, &st->weight))
            return rp_svg_fail(b, "font-weight=\"%.40s\"", v), -1;
        return 1;
    }
    if (!strcmp(name, "font-style")) {
        if (!rp_svg_keyword(v, styles, &k))
            return rp_svg_fail(b, "font-style=\"%.40s\"", v), -1;
        st->italic = k != 0;
        return 1;
    }
    if (!strcmp(name, "transform")) {
        double t[6];
        if (!rp_svg_parse_transform(v, t))
            return rp_svg_fail(b, "transform=\"%.60s\"", v), -1;
        rp_svg_multiply(st->m, t, st->m);
        return 1;
    }
    for (i = 0; i < sizeof(harmless) / sizeof(harmless[0]); i++) {
        const char *ok = harmless[i].ok, *p;
        size_t n;
        if (strcmp(name, harmless[i].name))
            continue;
        if (!strcmp(ok, "*"))
            return 1;
        p = rp_svg_skip_ws(v);
        n = strlen(p);
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        while (*ok) {
            size_t w = strcspn(ok, " ");
            if (w == n && !strncmp(ok, p, n))
                return 1;
            ok += w;
            while (*ok == ' ')
                ok++;
        }
        return rp_svg_fail(b, "%s=\"%.40s\"", name, v), -1;
    }
    return 0;
}

/* A style attribute: declarations "name: value; ..." with no CSS beyond. */
static bool apply_style_attribute(struct rp_svg_builder *b,
                                  struct rp_svg_style *st, const char *v)
{
    char *copy = g_strdup(v), *decl, *save = NULL;
    bool ok = true;

    for (decl = strtok_r(copy, ";", &save); decl && ok;
         decl = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(decl, ':'), *name, *end;
        if (!*rp_svg_skip_ws(decl))
            continue;
        if (!colon || strchr(colon, '!') || strchr(decl, '/')) {
            ok = rp_svg_fail(b, "style=\"%.60s\"", v);
            break;
        }
        *colon = '\0';
        name = (char *)rp_svg_skip_ws(decl);
        end = name + strlen(name);
        while (end > name && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        switch (apply_property(b, st, name, colon + 1)) {
        case 1:
            break;
        case 0:
            ok = rp_svg_fail(b, "style property %.40s", name);
            break;
        default:
            ok = false;
        }
    }
    g_free(copy);
    return ok;
}

/* Attributes of no presentation that change nothing drawn. */
static bool ignorable(const char *name)
{
    static const char *const names[] = {
        "id",
        "class",
        "version",
        "baseProfile",
        "focusable",
        "tabindex",
        "role",
        "lang",
        "requiredFeatures",
        "externalResourcesRequired",
        "contentScriptType",
        "contentStyleType",
        "zoomAndPan",
        NULL,
    };
    size_t i;

    if (!strncmp(name, "aria-", 5) || !strncmp(name, "data-", 5) ||
        !strncmp(name, "on", 2))
        return true;
    for (i = 0; names[i]; i++)
        if (!strcmp(name, names[i]))
            return true;
    return false;
}

/* Whether name is one of the element's own (geometry) attributes. */
static bool own_attribute(const char *name, const char *const *own)
{
    for (; own && *own; own++)
        if (!strcmp(name, *own))
            return true;
    return false;
}

/*
 * The element's presentation attributes onto st, the style attribute
 * last (it wins over attributes); false (b failed) on an attribute or
 * value outside the subset.
 */
bool rp_svg_apply_attributes(struct rp_svg_builder *b, const xmlNode *n,
                             struct rp_svg_style *st, const char *const *own)
{
    const char *style = NULL;
    const xmlAttr *a;

    /* Not inherited: each element starts with its own. */
    st->opacity = 1;
    st->display_none = false;
    for (a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        const char *v = a->children && a->children->content
                            ? (const char *)a->children->content
                            : "";
        if (a->ns && a->ns->href &&
            strcmp((const char *)a->ns->href, SVG_NS) != 0) {
            /* xml:space="preserve" changes text; other namespaces are
             * not SVG's. */
            if (!strcmp((const char *)a->ns->href,
                        "http://www.w3.org/XML/1998/namespace") &&
                !strcmp(name, "space") && strcmp(v, "default") != 0)
                return rp_svg_fail(b, "xml:space=\"%.20s\"", v);
            continue;
        }
        if (own_attribute(name, own) || ignorable(name))
            continue;
        if (!strcmp(name, "style")) {
            style = v;
            continue;
        }
        switch (apply_property(b, st, name, v)) {
        case 1:
            break;
        case 0:
            return rp_svg_fail(b, "the attribute %.40s on <%.20s>", name,
                               (const char *)n->name);
        default:
            return false;
        }
    }
    return !style || apply_style_attribute(b, st, style);
}

const char *rp_svg_attr(const xmlNode *n, const char *name)
{
    const xmlAttr *a;

    for (a = n->properties; a; a = a->next)
        if (!a->ns && !strcmp((const char *)a->name, name))
            return a->children && a->children->content
                       ? (const char *)a->children->content
                       : "";
    return NULL;
}

/* A geometry attribute as a length: def when absent. */
bool rp_svg_attr_length(struct rp_svg_builder *b, const xmlNode *n,
                        const char *name, const struct rp_svg_style *st,
                        double def, double *out)
{
    const char *v = rp_svg_attr(n, name);

    *out = def;
    if (!v)
        return true;
    if (!rp_svg_length(v, st->font_size, out) || fabs(*out) > RP_SVG_MAX_COORD)
        return rp_svg_fail(b, "%s=\"%.40s\" on <%.20s>", name, v,
                           (const char *)n->name);
    return true;
}
