/*
 * Lengths: the numbers, units and property expressions (XSL 1.1 §5.9)
 * that length-valued properties are written in, percentages, and widths,
 * which keep auto, a percentage or a proportion for layout to resolve.
 * A length is in points, finite and never beyond RP_FO_MAX_LENGTH.
 */
#include "fo_internal.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* px follows Apache FOP's default source resolution (72 dpi): 1px = 1pt. */
static const struct {
    const char *unit;
    double pt;
} length_units[] = {
    {"pt", 1.0},  {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54},
    {"in", 72.0}, {"pc", 12.0},        {"px", 1.0},
};

const char *rp_fo_skip_space(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

bool rp_fo_parse_number(const char *text, double *value, const char **end)
{
    char *stop;
    const char *s = rp_fo_skip_space(text);

    /* strtod would accept "inf", "nan" and hex floats; lengths never are. */
    if (!(isdigit((unsigned char)*s) || *s == '.' || *s == '-' || *s == '+'))
        return false;
    *value = strtod(s, &stop);
    if (stop == s || !isfinite(*value))
        return false;
    *end = stop;
    return true;
}

/*
 * Property expressions (XSL 1.1 §5.9): numbers and lengths combined with
 * + - * div mod and parentheses, and the functions stylesheets for FOP
 * use in lengths: body-start(), label-end(), from-parent(),
 * inherited-property-value() and from-nearest-specified-value().  A value
 * carries its dimension: 0 for a number, 1 for a length.
 */
struct expr {
    const char *s;
    double font_size;
    const struct rp_fo_props *parent; /* NULL: no functions of the parent */
    bool label_end;                   /* label-end() was used */
    bool ok;
    bool percent_ok; /* percentages may appear (their base comes later) */
};

/*
 * A number (dim 0) or a length (dim 1) of v points plus pct percent of
 * the property's percentage base (FOP's "150% - 5pt"): a percentage is a
 * length whose size is known only against that base, so it is carried
 * apart and may only be added, subtracted, and scaled by numbers.
 */
struct expr_value {
    double v;
    int dim;
    double pct;
};

static struct expr_value expr_sum(struct expr *e);

static bool expr_eat(struct expr *e, const char *token)
{
    size_t n = strlen(token);
    e->s = rp_fo_skip_space(e->s);
    if (strncmp(e->s, token, n) != 0)
        return false;
    e->s += n;
    return true;
}

static bool parent_property(const struct rp_fo_props *p, const char *name,
                            struct expr_value *out)
{
    static const struct {
        const char *name;
        size_t offset;
    } props[] = {
        {"start-indent", offsetof(struct rp_fo_props, start_indent)},
        {"end-indent", offsetof(struct rp_fo_props, end_indent)},
        {"font-size", offsetof(struct rp_fo_props, font_size)},
        {"line-height", offsetof(struct rp_fo_props, line_height)},
        {"text-indent", offsetof(struct rp_fo_props, text_indent)},
        {"provisional-distance-between-starts",
         offsetof(struct rp_fo_props, list_distance_between_starts)},
        {"provisional-label-separation",
         offsetof(struct rp_fo_props, list_label_separation)},
    };
    size_t i;

    for (i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
        if (!strcmp(name, props[i].name)) {
            out->v = *(const double *)((const char *)p + props[i].offset);
            out->dim = 1;
            return true;
        }
    }
    return false;
}

static struct expr_value expr_function(struct expr *e, const char *name,
                                       size_t len)
{
    struct expr_value r = {0, 1, 0};
    char arg[64];
    size_t n = 0;

    e->s = rp_fo_skip_space(e->s);
    while (*e->s && *e->s != ')' && n + 1 < sizeof(arg)) {
        if (!isspace((unsigned char)*e->s))
            arg[n++] = *e->s;
        e->s++;
    }
    arg[n] = '\0';
    if (!expr_eat(e, ")")) {
        e->ok = false;
        return r;
    }
    if (len == 10 && !strncmp(name, "body-start", len) && !n && e->parent) {
        /* The list-item inherits the list-block's indent and distances. */
        r.v = e->parent->start_indent + e->parent->list_distance_between_starts;
    } else if (len == 9 && !strncmp(name, "label-end", len) && !n) {
        e->label_end = true; /* needs the reference area: layout does it */
    } else if (e->parent && n &&
               ((len == 11 && !strncmp(name, "from-parent", len)) ||
                (len == 24 &&
                 !strncmp(name, "inherited-property-value", len)) ||
                (len == 28 &&
                 !strncmp(name, "from-nearest-specified-value", len)))) {
        if (!parent_property(e->parent, arg, &r))
            e->ok = false;
    } else {
        e->ok = false;
    }
    return r;
}

static struct expr_value expr_factor(struct expr *e)
{
    struct expr_value r = {0, 0, 0};
    const char *start, *unit;
    size_t i;

    e->s = rp_fo_skip_space(e->s);
    if (expr_eat(e, "-")) {
        r = expr_factor(e);
        r.v = -r.v;
        r.pct = -r.pct;
        return r;
    }
    if (expr_eat(e, "+"))
        return expr_factor(e);
    if (expr_eat(e, "(")) {
        r = expr_sum(e);
        if (!expr_eat(e, ")"))
            e->ok = false;
        return r;
    }
    if (isalpha((unsigned char)*e->s)) {
        start = e->s;
        while (isalnum((unsigned char)*e->s) || *e->s == '-')
            e->s++;
        if (expr_eat(e, "("))
            return expr_function(e, start, (size_t)(e->s - start - 1));
        e->ok = false;
        return r;
    }
    if (!isdigit((unsigned char)*e->s) && *e->s != '.') {
        e->ok = false;
        return r;
    }
    if (!rp_fo_parse_number(e->s, &r.v, &unit)) {
        e->ok = false;
        return r;
    }
    e->s = unit;
    for (i = 0; i < sizeof(length_units) / sizeof(length_units[0]); i++) {
        size_t n = strlen(length_units[i].unit);
        if (strncasecmp(unit, length_units[i].unit, n) == 0 &&
            !isalpha((unsigned char)unit[n])) {
            r.v *= length_units[i].pt;
            r.dim = 1;
            e->s = unit + n;
            return r;
        }
    }
    if (strncasecmp(unit, "em", 2) == 0 && !isalpha((unsigned char)unit[2])) {
        r.v *= e->font_size;
        r.dim = 1;
        e->s = unit + 2;
    } else if (*unit == '%' && e->percent_ok) {
        r.pct = r.v;
        r.v = 0;
        r.dim = 1;
        e->s = unit + 1;
    } else if (isalpha((unsigned char)*unit) || *unit == '%') {
        e->ok = false; /* unknown unit; percentages are resolved elsewhere */
    }
    return r;
}

static struct expr_value expr_term(struct expr *e)
{
    struct expr_value r = expr_factor(e);

    while (e->ok) {
        struct expr_value f;
        if (expr_eat(e, "*")) {
            f = expr_factor(e);
            if (f.pct != 0 && r.pct == 0 && r.dim == 0) {
                /* a number times a length with a percentage */
                f.v *= r.v;
                f.pct *= r.v;
                r = f;
                continue;
            }
            if (f.pct != 0 || (r.pct != 0 && f.dim != 0))
                e->ok = false; /* a percentage times a length */
            r.v *= f.v;
            r.pct *= f.v;
            r.dim += f.dim;
        } else if (expr_eat(e, "div")) {
            f = expr_factor(e);
            if (f.v == 0 || f.pct != 0 || (r.pct != 0 && f.dim != 0))
                e->ok = false;
            else {
                r.v /= f.v;
                r.pct /= f.v;
            }
            r.dim -= f.dim;
        } else if (expr_eat(e, "mod")) {
            f = expr_factor(e);
            if (f.v == 0 || f.dim != r.dim || f.pct != 0 || r.pct != 0)
                e->ok = false;
            else
                r.v = fmod(r.v, f.v);
        } else {
            break;
        }
    }
    return r;
}

static struct expr_value expr_sum(struct expr *e)
{
    struct expr_value r = expr_term(e);

    while (e->ok) {
        struct expr_value t;
        int sign;
        if (expr_eat(e, "+"))
            sign = 1;
        else if (expr_eat(e, "-"))
            sign = -1;
        else
            break;
        t = expr_term(e);
        /* 0 is a length of any unit; otherwise dimensions must agree. */
        if (t.dim != r.dim && (t.v != 0 || t.pct != 0) &&
            (r.v != 0 || r.pct != 0))
            e->ok = false;
        if (t.dim > r.dim)
            r.dim = t.dim;
        r.v += sign * t.v;
        r.pct += sign * t.pct;
    }
    return r;
}

/*
 * Evaluates a length expression into *pt and, where percentages may
 * appear (pct not NULL), the percentage of the base it adds in *pct.
 */
static bool eval(const char *text, double font_size,
                 const struct rp_fo_props *parent, double *pt, double *pct,
                 bool *label_end)
{
    struct expr e = {text, font_size, parent, false, true, pct != NULL};
    struct expr_value r = expr_sum(&e);

    if (!e.ok || *rp_fo_skip_space(e.s) != '\0' || !isfinite(r.v) ||
        !isfinite(r.pct))
        return false;
    /* A bare number is a length only when it is zero. */
    if (r.dim != 1 && !(r.dim == 0 && r.v == 0 && r.pct == 0))
        return false;
    if (fabs(r.v) > RP_FO_MAX_LENGTH || fabs(r.pct) > 1e6)
        return false;
    *pt = r.v;
    if (pct)
        *pct = r.pct;
    if (label_end)
        *label_end = e.label_end;
    else if (e.label_end)
        return false;
    return true;
}

bool rp_fo_eval_length(const char *text, double font_size,
                       const struct rp_fo_props *parent, double *pt,
                       bool *label_end)
{
    return eval(text, font_size, parent, pt, NULL, label_end);
}

bool rp_fo_eval_length_percent(const char *text, double font_size, double *pt,
                               double *pct)
{
    return eval(text, font_size, NULL, pt, pct, NULL);
}

bool rp_fo_parse_length_of(const char *text, double font_size, double base,
                           double *pt)
{
    double v, pct;

    if (!eval(text, font_size, NULL, &v, &pct, NULL))
        return false;
    v += pct / 100.0 * base;
    if (!isfinite(v) || fabs(v) > RP_FO_MAX_LENGTH)
        return false;
    *pt = v;
    return true;
}

bool rp_fo_parse_length(const char *text, double font_size, double *pt)
{
    return rp_fo_eval_length(text, font_size, NULL, pt, NULL);
}

bool rp_fo_parse_percent(const char *text, double *percent)
{
    const char *end;

    if (!rp_fo_parse_number(text, percent, &end))
        return false;
    return *end == '%' && *rp_fo_skip_space(end + 1) == '\0';
}

/*
 * proportional-column-width(N): N a positive number.  A percentage there
 * has no base, and Apache FOP's expression parser reads a percentage
 * without a base as that many hundredths ("25%" is 0.25), so we do too:
 * columns of (25%) and (75%) share the room as (1) and (3) would, and
 * (50%) beside (1) is half as wide.
 */
static bool parse_proportion(const char *s, double *v)
{
    char *end;
    const char *rest;

    *v = strtod(s, &end);
    if (end == s || !isfinite(*v))
        return false;
    if (*end == '%') {
        *v /= 100.0;
        end++;
    }
    rest = rp_fo_skip_space(end);
    return *rest == ')' && *rp_fo_skip_space(rest + 1) == '\0' && *v > 0;
}

bool rp_fo_parse_width(const char *value, double font_size,
                       struct rp_fo_length *l)
{
    double v, pct;
    const char *s = rp_fo_skip_space(value);

    if (!strcmp(s, "auto")) {
        l->kind = RP_FO_LENGTH_AUTO;
        l->value = 0;
        l->plus = 0;
        return true;
    }
    if (!strncmp(s, "proportional-column-width(", 26)) {
        if (!parse_proportion(rp_fo_skip_space(s + 26), &v))
            return false;
        l->kind = RP_FO_LENGTH_PROPORTIONAL;
        l->value = v;
        l->plus = 0;
        return true;
    }
    /* A length, a percentage, or both: "100% - 2pt". */
    if (!rp_fo_eval_length_percent(s, font_size, &v, &pct))
        return false;
    if (pct != 0) {
        l->kind = RP_FO_LENGTH_PERCENT;
        l->value = pct;
        l->plus = v;
    } else {
        l->kind = RP_FO_LENGTH_ABSOLUTE;
        l->value = v;
        l->plus = 0;
    }
    return true;
}
