/*
 * The SVG subset drawn natively (svg.h): a document read once with
 * libxml2, walked in painting order with the presentation attributes
 * each element inherits (read by svg_style.c), and turned here into the
 * shapes and text lines of an rp_area_drawing: paths and path data,
 * basic shapes, text laid out by Pango, the element walk and the root's
 * frame.  Anything the walk does not know stops it and the document goes
 * to librsvg whole.
 */
#include "svg_internal.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "common/mem.h"
#include "common/xml.h"
#include "layout_internal.h"

/* Bezier control distance of a quarter circle of radius 1. */
#define KAPPA 0.5522847498307936

/* ---- shapes ---------------------------------------------------------------
 */

static bool add_op(struct rp_svg_builder *b, enum rp_area_path_op op,
                   const double *p, int n_pts)
{
    unsigned char c = (unsigned char)op;

    if (b->n_points + (size_t)n_pts > RP_SVG_MAX_POINTS)
        return rp_svg_fail(b, "more than %d points", RP_SVG_MAX_POINTS);
    b->n_points += (size_t)n_pts;
    g_array_append_val(b->ops, c);
    if (n_pts)
        g_array_append_vals(b->pts, p, (guint)n_pts * 2);
    return true;
}

static bool move_to(struct rp_svg_builder *b, double x, double y)
{
    double p[2] = {x, y};
    return add_op(b, RP_AREA_PATH_MOVE, p, 1);
}

static bool line_to(struct rp_svg_builder *b, double x, double y)
{
    double p[2] = {x, y};
    return add_op(b, RP_AREA_PATH_LINE, p, 1);
}

static bool curve_to(struct rp_svg_builder *b, double x1, double y1, double x2,
                     double y2, double x, double y)
{
    double p[6] = {x1, y1, x2, y2, x, y};
    return add_op(b, RP_AREA_PATH_CURVE, p, 3);
}

static bool close_path(struct rp_svg_builder *b)
{
    return add_op(b, RP_AREA_PATH_CLOSE, NULL, 0);
}

/* An ellipse centred on cx, cy: four quarter arcs. */
static bool ellipse(struct rp_svg_builder *b, double cx, double cy, double rx,
                    double ry)
{
    double kx = rx * KAPPA, ky = ry * KAPPA;

    return move_to(b, cx + rx, cy) &&
           curve_to(b, cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry) &&
           curve_to(b, cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy) &&
           curve_to(b, cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry) &&
           curve_to(b, cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy) &&
           close_path(b);
}

static bool shape_limit(struct rp_svg_builder *b)
{
    if (b->shapes->len >= RP_SVG_MAX_SHAPES)
        return rp_svg_fail(b, "more than %d shapes", RP_SVG_MAX_SHAPES);
    return true;
}

/* The paint of a shape: colour times its opacities; a == 0 for none. */
static struct rp_area_color paint_of(const struct rp_svg_style *st,
                                     const struct rp_svg_paint *p,
                                     double opacity)
{
    struct rp_area_color c = {0, 0, 0, 0};

    if (p->none)
        return c;
    c = p->current ? st->color : p->color;
    c.a *= opacity * st->opacity;
    return c;
}

/* Whether the matrix can be drawn: Cairo refuses singular ones, and SVG
 * draws nothing through them. */
static bool drawable_matrix(const double m[6])
{
    double det = m[0] * m[3] - m[1] * m[2];
    return isfinite(det) && fabs(det) > 1e-12;
}

/*
 * A shape of the path ops added since first_op, painted with st.  An
 * element with both fill and stroke and opacity below one would need a
 * group composited as a whole: not drawn here.
 */
static bool finish_path(struct rp_svg_builder *b, const struct rp_svg_style *st,
                        size_t first_op, size_t first_pt, bool fillable)
{
    struct rp_area_shape s;

    memset(&s, 0, sizeof(s));
    s.kind = RP_AREA_SHAPE_PATH;
    memcpy(s.m, st->m, sizeof(s.m));
    s.fill = fillable ? paint_of(st, &st->fill, st->fill_opacity)
                      : (struct rp_area_color){0, 0, 0, 0};
    s.stroke = st->stroke_width > 0
                   ? paint_of(st, &st->stroke, st->stroke_opacity)
                   : (struct rp_area_color){0, 0, 0, 0};
    if (st->opacity < 1 && s.fill.a > 0 && s.stroke.a > 0)
        return rp_svg_fail(
            b, "opacity below 1 on a shape both filled and stroked");
    if (st->hidden || (s.fill.a <= 0 && s.stroke.a <= 0) ||
        !drawable_matrix(st->m) || b->ops->len == first_op) {
        g_array_set_size(b->ops, (guint)first_op);
        g_array_set_size(b->pts, (guint)first_pt);
        return true;
    }
    if (!shape_limit(b))
        return false;
    s.stroke_width = st->stroke_width;
    s.miter_limit = st->miter_limit;
    s.dash_offset = st->dash_offset;
    s.cap = st->cap;
    s.join = st->join;
    s.even_odd = st->even_odd;
    s.stroke_first = st->stroke_first;
    s.first_op = first_op;
    s.n_ops = b->ops->len - first_op;
    s.first_pt = first_pt / 2;
    s.first_dash = b->dashes->len;
    s.n_dash = (size_t)st->n_dash;
    g_array_append_vals(b->dashes, st->dash, (guint)st->n_dash);
    g_array_append_val(b->shapes, s);
    return true;
}

/* Path data (SVG 1.1 §8.3): every command, arcs as Bezier curves. */
struct pen {
    double x, y;   /* current point */
    double sx, sy; /* start of the subpath */
    double cx, cy; /* last control point, for S and T */
    char last;     /* last command, upper case */
};

/* An arc (F.6.5: endpoint to centre parameterisation) as curves. */
static bool arc_to(struct rp_svg_builder *b, struct pen *pen, double rx,
                   double ry, double angle, bool large, bool sweep, double x,
                   double y)
{
    double phi = angle * G_PI / 180, cp = cos(phi), sp = sin(phi);
    double dx = (pen->x - x) / 2, dy = (pen->y - y) / 2;
    double x1 = cp * dx + sp * dy, y1 = -sp * dx + cp * dy;
    double lambda, num, den, coef, cxp, cyp, cx, cy, t1, dt;
    int segs, i;

    rx = fabs(rx);
    ry = fabs(ry);
    if (rx == 0 || ry == 0 || (x == pen->x && y == pen->y))
        return x == pen->x && y == pen->y ? true : line_to(b, x, y);
    lambda = x1 * x1 / (rx * rx) + y1 * y1 / (ry * ry);
    if (lambda > 1) {
        rx *= sqrt(lambda);
        ry *= sqrt(lambda);
    }
    num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
    den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
    coef = den > 0 && num > 0 ? sqrt(num / den) : 0;
    if (large == sweep)
        coef = -coef;
    cxp = coef * rx * y1 / ry;
    cyp = -coef * ry * x1 / rx;
    cx = cp * cxp - sp * cyp + (pen->x + x) / 2;
    cy = sp * cxp + cp * cyp + (pen->y + y) / 2;
    t1 = atan2((y1 - cyp) / ry, (x1 - cxp) / rx);
    dt = atan2((-y1 - cyp) / ry, (-x1 - cxp) / rx) - t1;
    if (sweep && dt < 0)
        dt += 2 * G_PI;
    else if (!sweep && dt > 0)
        dt -= 2 * G_PI;
    segs = (int)ceil(fabs(dt) / (G_PI / 2) - 1e-9);
    if (segs < 1)
        segs = 1;
    for (i = 0; i < segs; i++) {
        double a0 = t1 + dt * i / segs, a1 = t1 + dt * (i + 1) / segs;
        double k = 4.0 / 3 * tan((a1 - a0) / 4);
        double e0x = cos(a0) - k * sin(a0), e0y = sin(a0) + k * cos(a0);
        double e1x = cos(a1) + k * sin(a1), e1y = sin(a1) - k * cos(a1);
        double ex = cos(a1), ey = sin(a1);
#define PX(u, v) (cx + cp * rx * (u)-sp * ry * (v))
#define PY(u, v) (cy + sp * rx * (u) + cp * ry * (v))
        if (!curve_to(b, PX(e0x, e0y), PY(e0x, e0y), PX(e1x, e1y), PY(e1x, e1y),
                      i == segs - 1 ? x : PX(ex, ey),
                      i == segs - 1 ? y : PY(ex, ey)))
            return false;
#undef PX
#undef PY
    }
    return true;
}

static bool flag(const char **p, bool *out)
{
    const char *s = rp_svg_skip_sep(*p);
    if (*s != '0' && *s != '1')
        return false;
    *out = *s == '1';
    *p = s + 1;
    return true;
}

/* Path data into ops; an error in the data ends the path there, as SVG
 * says (what came before is drawn). */
static bool path_data(struct rp_svg_builder *b, const char *d)
{
    static const struct {
        char cmd;
        int n;
    } arity[] = {{'M', 2}, {'L', 2}, {'H', 1}, {'V', 1}, {'C', 6},
                 {'S', 4}, {'Q', 4}, {'T', 2}, {'A', 7}, {'Z', 0}};
    struct pen pen = {0};
    const char *p = rp_svg_skip_ws(d);
    char cmd = 0;
    bool started = false;

    while (*p) {
        double a[7];
        char up;
        int n = -1, i;
        bool rel, large = false, sweep = false;
        const char *end;

        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
            cmd = *p;
            p = rp_svg_skip_ws(p + 1);
        } else if (!cmd || cmd == 'Z' || cmd == 'z') {
            break; /* numbers where none may repeat: an error */
        } else if (cmd == 'M' || cmd == 'm') {
            cmd = cmd == 'M' ? 'L' : 'l'; /* pairs after a move: lines */
        }
        up = (char)g_ascii_toupper(cmd);
        rel = cmd != up;
        for (i = 0; i < (int)(sizeof(arity) / sizeof(arity[0])); i++)
            if (arity[i].cmd == up)
                n = arity[i].n;
        if (n < 0 || (!started && up != 'M'))
            break;
        for (i = 0; i < n; i++) {
            if (up == 'A' && (i == 3 || i == 4)) {
                if (!flag(&p, i == 3 ? &large : &sweep))
                    return true;
                continue;
            }
            p = i ? rp_svg_skip_sep(p) : rp_svg_skip_ws(p);
            if (!rp_svg_number(p, &a[i], &end))
                return true;
            p = end;
        }
        p = rp_svg_skip_sep(p);
        if (rel) {
            for (i = 0; i < n; i++) {
                if (up == 'H')
                    a[i] += pen.x;
                else if (up == 'V')
                    a[i] += pen.y;
                else if (up == 'A')
                    a[i] += i == 5 ? pen.x : i == 6 ? pen.y : 0;
                else
                    a[i] += i % 2 ? pen.y : pen.x;
            }
        }
        switch (up) {
        case 'M':
            if (!move_to(b, a[0], a[1]))
                return false;
            pen.sx = pen.x = a[0];
            pen.sy = pen.y = a[1];
            started = true;
            break;
        case 'L':
        case 'H':
        case 'V':
            if (up == 'H')
                a[1] = pen.y;
            else if (up == 'V') {
                a[1] = a[0];
                a[0] = pen.x;
            }
            if (!line_to(b, a[0], a[1]))
                return false;
            pen.x = a[0];
            pen.y = a[1];
            break;
        case 'C':
        case 'S':
            if (up == 'S') {
                memmove(a + 2, a, 4 * sizeof(double));
                a[0] = pen.last == 'C' || pen.last == 'S' ? 2 * pen.x - pen.cx
                                                          : pen.x;
                a[1] = pen.last == 'C' || pen.last == 'S' ? 2 * pen.y - pen.cy
                                                          : pen.y;
            }
            if (!curve_to(b, a[0], a[1], a[2], a[3], a[4], a[5]))
                return false;
            pen.cx = a[2];
            pen.cy = a[3];
            pen.x = a[4];
            pen.y = a[5];
            break;
        case 'Q':
        case 'T': {
            double qx, qy;
            if (up == 'T') {
                a[2] = a[0];
                a[3] = a[1];
                a[0] = pen.last == 'Q' || pen.last == 'T' ? 2 * pen.x - pen.cx
                                                          : pen.x;
                a[1] = pen.last == 'Q' || pen.last == 'T' ? 2 * pen.y - pen.cy
                                                          : pen.y;
            }
            qx = a[0];
            qy = a[1];
            if (!curve_to(b, pen.x + 2.0 / 3 * (qx - pen.x),
                          pen.y + 2.0 / 3 * (qy - pen.y),
                          a[2] + 2.0 / 3 * (qx - a[2]),
                          a[3] + 2.0 / 3 * (qy - a[3]), a[2], a[3]))
                return false;
            pen.cx = qx;
            pen.cy = qy;
            pen.x = a[2];
            pen.y = a[3];
            break;
        }
        case 'A':
            if (!arc_to(b, &pen, a[0], a[1], a[2], large, sweep, a[5], a[6]))
                return false;
            pen.x = a[5];
            pen.y = a[6];
            break;
        case 'Z':
            if (!close_path(b))
                return false;
            pen.x = pen.sx;
            pen.y = pen.sy;
            break;
        }
        pen.last = up;
    }
    return true;
}

static bool points_data(struct rp_svg_builder *b, const char *v, bool close)
{
    const char *p = rp_svg_skip_ws(v), *end;
    double x, y;
    bool first = true;

    while (*p) {
        if (!rp_svg_number(p, &x, &end))
            break;
        p = rp_svg_skip_sep(end);
        if (!rp_svg_number(p, &y, &end))
            break; /* an odd number: the last is dropped */
        p = rp_svg_skip_sep(end);
        if (!(first ? move_to(b, x, y) : line_to(b, x, y)))
            return false;
        first = false;
    }
    return first || !close || close_path(b);
}

static bool rect_data(struct rp_svg_builder *b, const xmlNode *n,
                      const struct rp_svg_style *st)
{
    double x, y, w, h, rx, ry;
    const char *has_rx = rp_svg_attr(n, "rx"), *has_ry = rp_svg_attr(n, "ry");

    if (!rp_svg_attr_length(b, n, "x", st, 0, &x) ||
        !rp_svg_attr_length(b, n, "y", st, 0, &y) ||
        !rp_svg_attr_length(b, n, "width", st, 0, &w) ||
        !rp_svg_attr_length(b, n, "height", st, 0, &h) ||
        !rp_svg_attr_length(b, n, "rx", st, 0, &rx) ||
        !rp_svg_attr_length(b, n, "ry", st, 0, &ry))
        return false;
    if (w <= 0 || h <= 0)
        return true; /* not drawn */
    if (has_rx && !has_ry)
        ry = rx;
    else if (has_ry && !has_rx)
        rx = ry;
    rx = fmin(fabs(rx), w / 2);
    ry = fmin(fabs(ry), h / 2);
    if (rx <= 0 || ry <= 0)
        return move_to(b, x, y) && line_to(b, x + w, y) &&
               line_to(b, x + w, y + h) && line_to(b, x, y + h) &&
               close_path(b);
    return move_to(b, x + rx, y) && line_to(b, x + w - rx, y) &&
           curve_to(b, x + w - rx + rx * KAPPA, y, x + w, y + ry - ry * KAPPA,
                    x + w, y + ry) &&
           line_to(b, x + w, y + h - ry) &&
           curve_to(b, x + w, y + h - ry + ry * KAPPA, x + w - rx + rx * KAPPA,
                    y + h, x + w - rx, y + h) &&
           line_to(b, x + rx, y + h) &&
           curve_to(b, x + rx - rx * KAPPA, y + h, x, y + h - ry + ry * KAPPA,
                    x, y + h - ry) &&
           line_to(b, x, y + ry) &&
           curve_to(b, x, y + ry - ry * KAPPA, x + rx - rx * KAPPA, y, x + rx,
                    y) &&
           close_path(b);
}

/* ---- text -----------------------------------------------------------------
 */

/* SVG's default white space handling: newlines go, tabs are spaces,
 * spaces collapse, and none lead or trail. */
static bool text_content(struct rp_svg_builder *b, const xmlNode *n,
                         GString *out)
{
    const xmlNode *c;

    for (c = n->children; c; c = c->next) {
        const char *s;
        if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
            continue;
        if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) {
            if (c->type == XML_ELEMENT_NODE && !rp_svg_is_svg(c))
                continue;
            return rp_svg_fail(b, "<%.20s> inside <text>",
                               (const char *)c->name);
        }
        for (s = (const char *)c->content; s && *s; s++) {
            char ch = *s == '\t' ? ' ' : *s;
            if (ch == '\n' || ch == '\r')
                continue;
            if (ch == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
                continue;
            g_string_append_c(out, ch);
            if (out->len > RP_SVG_MAX_TEXT)
                return rp_svg_fail(b, "a text longer than %d bytes",
                                   RP_SVG_MAX_TEXT);
        }
    }
    if (out->len && out->str[out->len - 1] == ' ')
        g_string_truncate(out, out->len - 1);
    return true;
}

/* The text laid out in the style's font, through the shape cache. */
static PangoLayout *text_layout(struct rp_svg_builder *b,
                                const struct rp_svg_style *st,
                                const GString *text)
{
    GString *key = g_string_sized_new(text->len + 160);
    struct rp_shape_key k;
    PangoLayout *layout = NULL;
    PangoFontDescription *desc;

    g_string_append(key, "svg-text");
    g_string_append_c(key, '\0');
    g_string_append(key, st->family);
    g_string_append_printf(key, "%c%.4f%c%d%c%d%c", 0, st->font_size, 0,
                           st->weight, 0, st->italic, 0);
    g_string_append_len(key, text->str, (gssize)text->len);
    k.data = (guint8 *)key->str;
    k.len = key->len;
    if (b->fonts->shapes)
        layout = rp_shape_cache_get(b->fonts->shapes, &k);
    if (!layout) {
        layout = pango_layout_new(b->fonts->pango);
        desc = pango_font_description_new();
        pango_font_description_set_family(desc, st->family);
        pango_font_description_set_absolute_size(desc,
                                                 st->font_size * PANGO_SCALE);
        pango_font_description_set_weight(desc, (PangoWeight)st->weight);
        pango_font_description_set_style(desc, st->italic ? PANGO_STYLE_ITALIC
                                                          : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(layout, desc);
        pango_font_description_free(desc);
        pango_layout_set_single_paragraph_mode(layout, TRUE);
        pango_layout_set_text(layout, text->str, (int)text->len);
        if (b->fonts->shapes && rp_shape_cache_wants(text->len))
            rp_shape_cache_put(b->fonts->shapes, &k, layout);
    }
    g_string_free(key, TRUE);
    return layout;
}

static bool text_element(struct rp_svg_builder *b, const xmlNode *n,
                         const struct rp_svg_style *st)
{
    static const char *const one[] = {"x", "y", "dx", "dy"};
    GString *text = g_string_new(NULL);
    double v[4] = {0, 0, 0, 0};
    struct rp_area_shape s;
    PangoLayout *layout;
    PangoRectangle logical;
    bool ok = false;
    size_t i;

    for (i = 0; i < 4; i++) {
        /* Lists place each glyph: not drawn here. */
        const char *a = rp_svg_attr(n, one[i]);
        if (a && !rp_svg_length(a, st->font_size, &v[i])) {
            rp_svg_fail(b, "%s=\"%.40s\" on <text>", one[i], a);
            goto out;
        }
    }
    if (!text_content(b, n, text))
        goto out;
    ok = true;
    if (text->len == 0 || st->hidden || st->font_size <= 0 ||
        !drawable_matrix(st->m))
        goto out;
    memset(&s, 0, sizeof(s));
    s.kind = RP_AREA_SHAPE_TEXT;
    memcpy(s.m, st->m, sizeof(s.m));
    s.fill = paint_of(st, &st->fill, st->fill_opacity);
    s.stroke = st->stroke_width > 0
                   ? paint_of(st, &st->stroke, st->stroke_opacity)
                   : (struct rp_area_color){0, 0, 0, 0};
    if (st->opacity < 1 && s.fill.a > 0 && s.stroke.a > 0) {
        ok =
            rp_svg_fail(b, "opacity below 1 on a text both filled and stroked");
        goto out;
    }
    if (s.fill.a <= 0 && s.stroke.a <= 0)
        goto out;
    if (!(ok = shape_limit(b)))
        goto out;
    layout = text_layout(b, st, text);
    g_ptr_array_add(b->layouts, layout);
    s.layout = layout;
    s.line = pango_layout_get_line_readonly(layout, 0);
    pango_layout_line_get_extents(s.line, NULL, &logical);
    s.x = v[0] + v[2] -
          (st->anchor == 1   ? logical.width / 2.0 / PANGO_SCALE
           : st->anchor == 2 ? (double)logical.width / PANGO_SCALE
                             : 0);
    s.y = v[1] + v[3];
    s.stroke_width = st->stroke_width;
    s.miter_limit = st->miter_limit;
    s.dash_offset = st->dash_offset;
    s.cap = st->cap;
    s.join = st->join;
    s.stroke_first = st->stroke_first;
    s.first_dash = b->dashes->len;
    s.n_dash = (size_t)st->n_dash;
    g_array_append_vals(b->dashes, st->dash, (guint)st->n_dash);
    g_array_append_val(b->shapes, s);
out:
    g_string_free(text, TRUE);
    return ok;
}

/* ---- elements -------------------------------------------------------------
 */

static bool has_style_element(const xmlNode *n)
{
    const xmlNode *c;

    for (c = n->children; c; c = c->next)
        if (rp_svg_is_svg(c) &&
            (rp_svg_name_is(c, "style") || has_style_element(c)))
            return true;
    return false;
}

static bool element(struct rp_svg_builder *b, const xmlNode *n,
                    const struct rp_svg_style *parent, int depth);

static bool children(struct rp_svg_builder *b, const xmlNode *n,
                     const struct rp_svg_style *st, int depth)
{
    const xmlNode *c;

    for (c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && !element(b, c, st, depth + 1))
            return false;
    }
    return true;
}

static bool element(struct rp_svg_builder *b, const xmlNode *n,
                    const struct rp_svg_style *parent, int depth)
{
    static const char *const rect_own[] = {"x",  "y",  "width", "height",
                                           "rx", "ry", NULL};
    static const char *const circle_own[] = {"cx", "cy", "r", NULL};
    static const char *const ellipse_own[] = {"cx", "cy", "rx", "ry", NULL};
    static const char *const line_own[] = {"x1", "y1", "x2", "y2", NULL};
    static const char *const points_own[] = {"points", NULL};
    static const char *const path_own[] = {"d", "pathLength", NULL};
    static const char *const text_own[] = {"x", "y", "dx", "dy", NULL};
    struct rp_svg_style st = *parent;
    size_t first_op = b->ops->len, first_pt = b->pts->len;
    double x1, y1, x2, y2, r;
    const char *name = (const char *)n->name;

    if (!rp_svg_is_svg(n))
        return true; /* another namespace's: not drawn, as librsvg */
    if (depth > RP_SVG_MAX_DEPTH)
        return rp_svg_fail(b, "elements nested deeper than %d",
                           RP_SVG_MAX_DEPTH);
    if (rp_svg_name_is(n, "title") || rp_svg_name_is(n, "desc") ||
        rp_svg_name_is(n, "metadata"))
        return true;
    /* Not drawn where they stand; what refers to them is outside the
     * subset, but CSS in them applies everywhere. */
    if (rp_svg_name_is(n, "defs") || rp_svg_name_is(n, "symbol")) {
        if (has_style_element(n))
            return rp_svg_fail(b, "a <style> element (CSS)");
        return true;
    }
    if (rp_svg_name_is(n, "g")) {
        if (!rp_svg_apply_attributes(b, n, &st, NULL))
            return false;
        if (st.display_none)
            return true;
        if (st.opacity < 1)
            return rp_svg_fail(b, "a group with opacity below 1");
        /* Only the group's own opacity, which is 1, stops here. */
        return children(b, n, &st, depth);
    }
    if (rp_svg_name_is(n, "rect")) {
        if (!rp_svg_apply_attributes(b, n, &st, rect_own) || st.display_none)
            return !b->failed;
        return rect_data(b, n, &st) &&
               finish_path(b, &st, first_op, first_pt, true);
    }
    if (rp_svg_name_is(n, "circle") || rp_svg_name_is(n, "ellipse")) {
        bool circle = rp_svg_name_is(n, "circle");
        double ry;
        if (!rp_svg_apply_attributes(b, n, &st,
                                     circle ? circle_own : ellipse_own) ||
            st.display_none)
            return !b->failed;
        if (!rp_svg_attr_length(b, n, "cx", &st, 0, &x1) ||
            !rp_svg_attr_length(b, n, "cy", &st, 0, &y1) ||
            !rp_svg_attr_length(b, n, circle ? "r" : "rx", &st, 0, &r) ||
            !rp_svg_attr_length(b, n, circle ? "r" : "ry", &st, 0, &ry))
            return false;
        if (r <= 0 || ry <= 0)
            return true;
        return ellipse(b, x1, y1, r, ry) &&
               finish_path(b, &st, first_op, first_pt, true);
    }
    if (rp_svg_name_is(n, "line")) {
        if (!rp_svg_apply_attributes(b, n, &st, line_own) || st.display_none)
            return !b->failed;
        if (!rp_svg_attr_length(b, n, "x1", &st, 0, &x1) ||
            !rp_svg_attr_length(b, n, "y1", &st, 0, &y1) ||
            !rp_svg_attr_length(b, n, "x2", &st, 0, &x2) ||
            !rp_svg_attr_length(b, n, "y2", &st, 0, &y2))
            return false;
        return move_to(b, x1, y1) && line_to(b, x2, y2) &&
               finish_path(b, &st, first_op, first_pt, false);
    }
    if (rp_svg_name_is(n, "polyline") || rp_svg_name_is(n, "polygon")) {
        const char *pts = rp_svg_attr(n, "points");
        if (!rp_svg_apply_attributes(b, n, &st, points_own) || st.display_none)
            return !b->failed;
        return (!pts || points_data(b, pts, rp_svg_name_is(n, "polygon"))) &&
               finish_path(b, &st, first_op, first_pt, true);
    }
    if (rp_svg_name_is(n, "path")) {
        const char *d = rp_svg_attr(n, "d");
        if (!rp_svg_apply_attributes(b, n, &st, path_own) || st.display_none)
            return !b->failed;
        if (rp_svg_attr(n, "pathLength") && st.n_dash)
            return rp_svg_fail(b, "pathLength with a dashed stroke");
        return (!d || path_data(b, d)) &&
               finish_path(b, &st, first_op, first_pt, true);
    }
    if (rp_svg_name_is(n, "text")) {
        if (!rp_svg_apply_attributes(b, n, &st, text_own) || st.display_none)
            return !b->failed;
        return text_element(b, n, &st);
    }
    return rp_svg_fail(b, "the element <%.20s>", name);
}

/* The root's size and how its viewBox maps into it (SVG 1.1 §7.8). */
static bool root_frame(struct rp_svg_builder *b, const xmlNode *root, double *w,
                       double *h, double m[6])
{
    static const char *const aligns[] = {
        "none",     "xMinYMin", "xMidYMin", "xMaxYMin", "xMinYMid", "xMidYMid",
        "xMaxYMid", "xMinYMax", "xMidYMax", "xMaxYMax", NULL,
    };
    const char *vw = rp_svg_attr(root, "width"),
               *vh = rp_svg_attr(root, "height");
    const char *vb = rp_svg_attr(root, "viewBox");
    const char *par = rp_svg_attr(root, "preserveAspectRatio");
    double box[4] = {0, 0, 0, 0};
    bool has_box = false;

    memcpy(m, rp_svg_identity, 6 * sizeof(double));
    if (vb) {
        const char *p = rp_svg_skip_ws(vb), *end;
        int i;
        for (i = 0; i < 4; i++) {
            if (!rp_svg_number(p, &box[i], &end))
                return rp_svg_fail(b, "viewBox=\"%.40s\"", vb);
            p = rp_svg_skip_sep(end);
        }
        if (*p || box[2] <= 0 || box[3] <= 0)
            return rp_svg_fail(b, "viewBox=\"%.40s\"", vb);
        has_box = true;
    }
    /* As librsvg sizes it (image.c): width and height, else the
     * viewBox's, else 100 x 100. */
    if (vw && vh) {
        if (!rp_svg_length(vw, 12, w) || !rp_svg_length(vh, 12, h))
            return rp_svg_fail(b,
                               "the svg's width or height (\"%.20s\", "
                               "\"%.20s\")",
                               vw, vh);
    } else if (!vw && !vh) {
        *w = has_box ? box[2] : 100;
        *h = has_box ? box[3] : 100;
    } else {
        return rp_svg_fail(b, "an svg with only one of width and height");
    }
    if (!(*w > 0 && *h > 0 && *w <= RP_FO_MAX_LENGTH && *h <= RP_FO_MAX_LENGTH))
        return rp_svg_fail(b, "the svg's size");
    if (has_box) {
        double sx = *w / box[2], sy = *h / box[3], ax = 0.5, ay = 0.5;
        int align = 5;
        bool slice = false;
        if (par) {
            const char *p = rp_svg_skip_ws(par);
            char word[16] = "";
            size_t n = strcspn(p, " \t\n");
            if (!strncmp(p, "defer", 5) && (p[5] == ' ')) {
                p = rp_svg_skip_ws(p + 5);
                n = strcspn(p, " \t\n");
            }
            if (n >= sizeof(word))
                return rp_svg_fail(b, "preserveAspectRatio=\"%.40s\"", par);
            memcpy(word, p, n);
            word[n] = '\0';
            if (!rp_svg_keyword(word, aligns, &align))
                return rp_svg_fail(b, "preserveAspectRatio=\"%.40s\"", par);
            p = rp_svg_skip_ws(p + n);
            if (!strncmp(p, "slice", 5) && !*rp_svg_skip_ws(p + 5))
                slice = true;
            else if (*p && !(!strncmp(p, "meet", 4) && !*rp_svg_skip_ws(p + 4)))
                return rp_svg_fail(b, "preserveAspectRatio=\"%.40s\"", par);
        }
        if (align != 0) {
            double s = slice ? fmax(sx, sy) : fmin(sx, sy);
            ax = ((align - 1) % 3) / 2.0;
            ay = ((align - 1) / 3) / 2.0;
            m[4] = (*w - box[2] * s) * ax;
            m[5] = (*h - box[3] * s) * ay;
            sx = sy = s;
        }
        m[0] = sx;
        m[3] = sy;
        m[4] -= box[0] * sx;
        m[5] -= box[1] * sy;
    }
    return true;
}

static void release_builder(struct rp_svg_builder *b)
{
    guint i;

    if (b->shapes)
        g_array_free(b->shapes, TRUE);
    if (b->ops)
        g_array_free(b->ops, TRUE);
    if (b->pts)
        g_array_free(b->pts, TRUE);
    if (b->dashes)
        g_array_free(b->dashes, TRUE);
    if (b->layouts) {
        for (i = 0; i < b->layouts->len; i++)
            g_object_unref(g_ptr_array_index(b->layouts, i));
        g_ptr_array_free(b->layouts, TRUE);
    }
}

/* The drawing and what it owns, in one block after it. */
struct owned_drawing {
    struct rp_area_drawing d;
    GArray *shapes, *ops, *pts, *dashes;
    GPtrArray *layouts;
};

void rp_svg_drawing_free(struct rp_area_drawing *drawing)
{
    struct owned_drawing *o = (struct owned_drawing *)drawing;
    struct rp_svg_builder b = {0};

    if (!o)
        return;
    b.shapes = o->shapes;
    b.ops = o->ops;
    b.pts = o->pts;
    b.dashes = o->dashes;
    b.layouts = o->layouts;
    release_builder(&b);
    free(o);
}

static bool native_off(void)
{
    const char *v = getenv("REPORTPIPE_SVG");
    return v && !strcmp(v, "librsvg");
}

enum rp_svg_result rp_svg_draw(const char *svg, size_t len,
                               const struct rp_svg_fonts *fonts,
                               struct rp_area_drawing **out, char *why,
                               size_t why_size)
{
    struct rp_svg_builder b = {0};
    struct rp_svg_style st;
    struct owned_drawing *o;
    enum rp_svg_result result = RP_SVG_FALLBACK;
    xmlDoc *doc = NULL;
    xmlNode *root;
    double w = 0, h = 0;

    *out = NULL;
    snprintf(why, why_size, "native drawing is off");
    if (len > INT_MAX) {
        snprintf(why, why_size, "it is too large");
        return RP_SVG_NOT_SVG;
    }
    rp_xml_init();
    doc = xmlReadMemory(svg, (int)len, NULL, NULL, RP_XML_PARSE_OPTIONS);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !rp_svg_is_svg(root) || !rp_svg_name_is(root, "svg")) {
        snprintf(why, why_size,
                 "it does not hold an svg:svg element (namespace " SVG_NS ")");
        result = RP_SVG_NOT_SVG;
        goto out;
    }
    if (!fonts || native_off())
        goto out;
    b.fonts = fonts;
    b.why = why;
    b.why_size = why_size;
    b.shapes = g_array_new(FALSE, FALSE, sizeof(struct rp_area_shape));
    b.ops = g_array_new(FALSE, FALSE, 1);
    b.pts = g_array_new(FALSE, FALSE, sizeof(double));
    b.dashes = g_array_new(FALSE, FALSE, sizeof(double));
    b.layouts = g_ptr_array_new();
    memset(&st, 0, sizeof(st));
    st.fill.color = (struct rp_area_color){0, 0, 0, 1};
    st.stroke.none = true;
    st.color = (struct rp_area_color){0, 0, 0, 1};
    st.fill_opacity = st.stroke_opacity = st.opacity = 1;
    st.stroke_width = 1;
    st.miter_limit = 4;
    st.cap = CAIRO_LINE_CAP_BUTT;
    st.join = CAIRO_LINE_JOIN_MITER;
    snprintf(st.family, sizeof(st.family), "Times New Roman");
    st.font_size = 12;
    st.weight = 400;
    if (!root_frame(&b, root, &w, &h, st.m))
        goto out;
    {
        static const char *const root_own[] = {
            "width", "height", "viewBox", "preserveAspectRatio",
            "x",     "y",      NULL};
        double frame[6];
        memcpy(frame, st.m, sizeof(frame));
        /* transform on the root is SVG 2: applied inside the frame. */
        memcpy(st.m, rp_svg_identity, sizeof(st.m));
        if (!rp_svg_apply_attributes(&b, root, &st, root_own))
            goto out;
        rp_svg_multiply(frame, st.m, st.m);
    }
    if (st.opacity < 1) {
        rp_svg_fail(&b, "an svg with opacity below 1");
        goto out;
    }
    if (!st.display_none && !children(&b, root, &st, 0))
        goto out;
    o = rp_xcalloc(1, sizeof(*o));
    o->d.width = w;
    o->d.height = h;
    o->d.shapes = (const struct rp_area_shape *)(void *)b.shapes->data;
    o->d.n_shapes = b.shapes->len;
    o->d.ops = (const unsigned char *)b.ops->data;
    o->d.pts = (const double *)(void *)b.pts->data;
    o->d.dashes = (const double *)(void *)b.dashes->data;
    o->shapes = b.shapes;
    o->ops = b.ops;
    o->pts = b.pts;
    o->dashes = b.dashes;
    o->layouts = b.layouts;
    memset(&b, 0, sizeof(b));
    *out = &o->d;
    snprintf(why, why_size, "drawn natively");
    result = RP_SVG_DRAWN;
out:
    release_builder(&b);
    xmlFreeDoc(doc);
    return result;
}
