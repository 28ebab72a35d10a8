/*
 * Property values: lengths, colours and the handlers that turn one FO
 * attribute into fields of struct rp_fo_props (shorthands included).
 */
#include "fo_internal.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mem.h"

/* px follows Apache FOP's default source resolution (72 dpi): 1px = 1pt. */
static const struct {
    const char *unit;
    double pt;
} length_units[] = {
    {"pt", 1.0},  {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54},
    {"in", 72.0}, {"pc", 12.0},        {"px", 1.0},
};

static const char *skip_space(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
}

static bool parse_number(const char *text, double *value, const char **end)
{
    char *stop;
    const char *s = skip_space(text);

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
};

struct expr_value {
    double v;
    int dim;
};

static struct expr_value expr_sum(struct expr *e);

static bool expr_eat(struct expr *e, const char *token)
{
    size_t n = strlen(token);
    e->s = skip_space(e->s);
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
    struct expr_value r = {0, 1};
    char arg[64];
    size_t n = 0;

    e->s = skip_space(e->s);
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
    struct expr_value r = {0, 0};
    const char *start, *unit;
    size_t i;

    e->s = skip_space(e->s);
    if (expr_eat(e, "-")) {
        r = expr_factor(e);
        r.v = -r.v;
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
    if (!parse_number(e->s, &r.v, &unit)) {
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
            r.v *= f.v;
            r.dim += f.dim;
        } else if (expr_eat(e, "div")) {
            f = expr_factor(e);
            if (f.v == 0)
                e->ok = false;
            else
                r.v /= f.v;
            r.dim -= f.dim;
        } else if (expr_eat(e, "mod")) {
            f = expr_factor(e);
            if (f.v == 0 || f.dim != r.dim)
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
        if (t.dim != r.dim && t.v != 0 && r.v != 0)
            e->ok = false;
        if (t.dim > r.dim)
            r.dim = t.dim;
        r.v += sign * t.v;
    }
    return r;
}

/*
 * Evaluates a length expression.  parent (may be NULL) is the parent's
 * computed properties, for the functions that read them.
 */
bool rp_fo_eval_length(const char *text, double font_size,
                       const struct rp_fo_props *parent, double *pt,
                       bool *label_end)
{
    struct expr e = {text, font_size, parent, false, true};
    struct expr_value r = expr_sum(&e);

    if (!e.ok || *skip_space(e.s) != '\0' || !isfinite(r.v))
        return false;
    /* A bare number is a length only when it is zero. */
    if (r.dim != 1 && !(r.dim == 0 && r.v == 0))
        return false;
    if (fabs(r.v) > RP_FO_MAX_LENGTH)
        return false;
    *pt = r.v;
    if (label_end)
        *label_end = e.label_end;
    else if (e.label_end)
        return false;
    return true;
}

bool rp_fo_parse_length(const char *text, double font_size, double *pt)
{
    return rp_fo_eval_length(text, font_size, NULL, pt, NULL);
}

bool rp_fo_parse_percent(const char *text, double *percent)
{
    const char *end;

    if (!parse_number(text, percent, &end))
        return false;
    return *end == '%' && *skip_space(end + 1) == '\0';
}

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
    if (*skip_space(s + n) != '\0')
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

    s = skip_space(s + 3);
    if (*s++ != '(')
        return false;
    for (i = 0; i < 3; i++) {
        const char *end;
        if (!parse_number(s, &c[i], &end))
            return false;
        if (*end == '%') {
            c[i] = c[i] * 255.0 / 100.0;
            end++;
        }
        if (c[i] < 0 || c[i] > 255)
            return false;
        s = skip_space(end);
        if (*s != (i < 2 ? ',' : ')'))
            return false;
        s++;
    }
    if (*skip_space(s) != '\0')
        return false;
    color->r = c[0] / 255.0;
    color->g = c[1] / 255.0;
    color->b = c[2] / 255.0;
    color->a = 1.0;
    return true;
}

bool rp_fo_parse_color(const char *text, struct rp_fo_color *color)
{
    const char *s = skip_space(text);
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

/* Splits a property value into at most max whitespace-separated tokens. */
static int split_tokens(const char *value, char tokens[][64], int max)
{
    int n = 0;
    const char *s = skip_space(value);

    while (*s && n < max) {
        size_t len = 0;
        int depth = 0;
        /* rgb(1, 2, 3) is one token despite its spaces. */
        while (s[len] && (depth > 0 || !isspace((unsigned char)s[len]))) {
            if (s[len] == '(')
                depth++;
            else if (s[len] == ')')
                depth--;
            len++;
        }
        if (len >= 64)
            return -1;
        memcpy(tokens[n], s, len);
        tokens[n][len] = '\0';
        n++;
        s = skip_space(s + len);
    }
    return *s ? -1 : n;
}

static bool parse_border_style(const char *text, enum rp_fo_border_style *style)
{
    static const struct {
        const char *name;
        enum rp_fo_border_style style;
    } styles[] = {
        {"none", RP_FO_BORDER_NONE},     {"hidden", RP_FO_BORDER_NONE},
        {"solid", RP_FO_BORDER_SOLID},   {"dashed", RP_FO_BORDER_DASHED},
        {"dotted", RP_FO_BORDER_DOTTED}, {"double", RP_FO_BORDER_DOUBLE},
    };
    size_t i;

    for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
        if (strcmp(text, styles[i].name) == 0) {
            *style = styles[i].style;
            return true;
        }
    }
    return false;
}

static bool parse_border_width(const char *text, double font_size,
                               double *width)
{
    if (strcmp(text, "thin") == 0)
        *width = 0.5;
    else if (strcmp(text, "medium") == 0)
        *width = 1.0;
    else if (strcmp(text, "thick") == 0)
        *width = 2.0;
    else
        return rp_fo_parse_length(text, font_size, width);
    return true;
}

/* "0.5pt solid #ccc" in any order, as the border shorthands take. */
static bool parse_border(const char *value, double font_size,
                         struct rp_fo_border *border)
{
    char tokens[3][64];
    int n = split_tokens(value, tokens, 3), i;
    struct rp_fo_border b = {1.0, RP_FO_BORDER_NONE, {0, 0, 0, 1}};

    if (n <= 0)
        return false;
    for (i = 0; i < n; i++) {
        if (parse_border_style(tokens[i], &b.style))
            continue;
        if (parse_border_width(tokens[i], font_size, &b.width))
            continue;
        if (rp_fo_parse_color(tokens[i], &b.color))
            continue;
        return false;
    }
    *border = b;
    return true;
}

/* CSS order for 1-4 values: top, right, bottom, left. */
static const int side_of_value[4][4] = {
    {0, 0, 0, 0},
    {0, 1, 0, 1},
    {0, 1, 2, 1},
    {0, 1, 2, 3},
};

static bool parse_sides(const char *value, double font_size, double out[4])
{
    char tokens[4][64];
    double v[4];
    int n = split_tokens(value, tokens, 4), i;

    if (n <= 0)
        return false;
    for (i = 0; i < n; i++) {
        if (!rp_fo_parse_length(tokens[i], font_size, &v[i]))
            return false;
    }
    for (i = 0; i < 4; i++)
        out[i] = v[side_of_value[n - 1][i]];
    return true;
}

/*
 * Border shorthands and side lists parsed earlier in the document.  Tables
 * repeat the same attributes on every cell (padding="2pt",
 * border-bottom="0.5pt solid #ddd"), so each distinct value is parsed once;
 * a fixed number of slots, each overwritten by the next value hashed to
 * it, keeps memory flat however long the document.  The font size is part
 * of the key because em lengths depend on it.
 */
enum cached_kind { CACHED_NONE, CACHED_BORDER, CACHED_SIDES };

struct cached_value {
    enum cached_kind kind;
    double font_size;
    char text[48]; /* longer values are parsed every time */
    union {
        struct rp_fo_border border;
        double sides[4];
    } parsed;
};

#define VALUE_CACHE_SLOTS 64

struct rp_fo_value_cache {
    struct cached_value slots[VALUE_CACHE_SLOTS];
};

struct rp_fo_value_cache *rp_fo_value_cache_new(void)
{
    return rp_xcalloc(1, sizeof(struct rp_fo_value_cache));
}

void rp_fo_value_cache_free(struct rp_fo_value_cache *cache)
{
    free(cache);
}

/* The slot that holds (kind, text, font_size) if anything does. */
static struct cached_value *cache_slot(struct rp_fo_value_cache *cache,
                                       enum cached_kind kind, const char *text,
                                       double font_size)
{
    uint64_t size_bits;
    uint32_t hash = 2166136261u ^ (uint32_t)kind; /* FNV-1a */
    const unsigned char *c;

    for (c = (const unsigned char *)text; *c; c++)
        hash = (hash ^ *c) * 16777619u;
    memcpy(&size_bits, &font_size, sizeof(size_bits));
    hash ^= (uint32_t)(size_bits >> 32);
    return &cache->slots[hash % VALUE_CACHE_SLOTS];
}

static bool cache_holds(const struct cached_value *slot, enum cached_kind kind,
                        const char *text, double font_size)
{
    return slot->kind == kind && slot->font_size == font_size &&
           strcmp(slot->text, text) == 0;
}

/* Remembers a valid value; one too long for a slot is left out. */
static struct cached_value *cache_store(struct cached_value *slot,
                                        enum cached_kind kind, const char *text,
                                        double font_size)
{
    size_t n = strlen(text);

    if (n >= sizeof(slot->text))
        return NULL;
    slot->kind = kind;
    slot->font_size = font_size;
    memcpy(slot->text, text, n + 1);
    return slot;
}

static bool parse_border_cached(struct rp_fo_value_cache *cache,
                                const char *value, double font_size,
                                struct rp_fo_border *border)
{
    struct cached_value *slot =
        cache_slot(cache, CACHED_BORDER, value, font_size);

    if (cache_holds(slot, CACHED_BORDER, value, font_size)) {
        *border = slot->parsed.border;
        return true;
    }
    if (!parse_border(value, font_size, border))
        return false;
    slot = cache_store(slot, CACHED_BORDER, value, font_size);
    if (slot)
        slot->parsed.border = *border;
    return true;
}

static bool parse_sides_cached(struct rp_fo_value_cache *cache,
                               const char *value, double font_size,
                               double out[4])
{
    struct cached_value *slot =
        cache_slot(cache, CACHED_SIDES, value, font_size);

    if (cache_holds(slot, CACHED_SIDES, value, font_size)) {
        memcpy(out, slot->parsed.sides, sizeof(slot->parsed.sides));
        return true;
    }
    if (!parse_sides(value, font_size, out))
        return false;
    slot = cache_store(slot, CACHED_SIDES, value, font_size);
    if (slot)
        memcpy(slot->parsed.sides, out, sizeof(slot->parsed.sides));
    return true;
}

static int side_from_name(const char *name)
{
    /* Horizontal writing mode: before/after are top/bottom. */
    if (!strcmp(name, "top") || !strcmp(name, "before"))
        return RP_FO_TOP;
    if (!strcmp(name, "bottom") || !strcmp(name, "after"))
        return RP_FO_BOTTOM;
    if (!strcmp(name, "left") || !strcmp(name, "start"))
        return RP_FO_LEFT;
    if (!strcmp(name, "right") || !strcmp(name, "end"))
        return RP_FO_RIGHT;
    return -1;
}

/*
 * font: [style] [variant] [weight] size[/line-height] family-list, as CSS.
 * The size was resolved first by the caller when font-size was given; the
 * shorthand's own size is resolved here against the parent.
 */
static int apply_font_shorthand(struct rp_fo_props *p,
                                const struct rp_fo_props *parent,
                                const char *value, struct rp_fo_specified *spec,
                                struct rp_fo_strings *strings)
{
    const char *s = skip_space(value);
    char token[64];
    bool have_size = false;

    while (*s && !have_size) {
        size_t n = 0;
        double size;
        char *slash;
        while (s[n] && !isspace((unsigned char)s[n]) && n + 1 < sizeof(token))
            n++;
        memcpy(token, s, n);
        token[n] = '\0';
        s = skip_space(s + n);
        slash = strchr(token, '/');
        if (slash)
            *slash = '\0';
        if (!strcmp(token, "italic") || !strcmp(token, "oblique")) {
            p->font_italic = true;
        } else if (!strcmp(token, "bold")) {
            p->font_weight = 700;
        } else if (!strcmp(token, "normal") || !strcmp(token, "small-caps")) {
            /* normal resets nothing further; small-caps: not yet */
        } else if (strlen(token) == 3 && token[1] == '0' && token[2] == '0' &&
                   token[0] >= '1' && token[0] <= '9') {
            p->font_weight = (token[0] - '0') * 100;
        } else if (rp_fo_parse_length(token, parent->font_size, &size) &&
                   size > 0) {
            double factor = p->line_height / p->font_size;
            p->font_size = size;
            p->line_height = factor * size;
            have_size = true;
            if (slash) {
                double lh, f;
                char *end;
                f = strtod(slash + 1, &end);
                if (end != slash + 1 && !*end && f > 0)
                    p->line_height = f * size;
                else if (rp_fo_parse_length(slash + 1, size, &lh))
                    p->line_height = lh;
                else
                    return 0;
                spec->line_height = true;
            }
        } else {
            return 0;
        }
    }
    if (!have_size || !*s)
        return 0;
    p->font_family = rp_fo_strings_intern(strings, s);
    return 1;
}

/*
 * top, right, bottom, left: auto, a length (negative too) or a percentage
 * of the containing area, resolved by layout.
 */
static bool parse_offset(const char *value, double font_size,
                         struct rp_fo_length *l)
{
    return rp_fo_parse_width(value, font_size, l) &&
           l->kind != RP_FO_LENGTH_PROPORTIONAL;
}

/* height: as an offset, but never negative. */
static bool parse_extent(const char *value, double font_size,
                         struct rp_fo_length *l)
{
    return parse_offset(value, font_size, l) && l->value >= 0;
}

/* The properties rp_fo_apply_property() knows by full name. */
enum fo_property {
    PROP_ABSOLUTE_POSITION,
    PROP_BACKGROUND_COLOR,
    PROP_BASELINE_SHIFT,
    PROP_BLANK_OR_NOT_BLANK,
    PROP_BLOCK_PROGRESSION_DIMENSION,
    PROP_BLOCK_PROGRESSION_DIMENSION_MINIMUM,
    PROP_BORDER,
    PROP_BORDER_COLLAPSE,
    PROP_BORDER_SEPARATION,
    PROP_BORDER_SEPARATION_BLOCK_PROGRESSION_DIRECTION,
    PROP_BORDER_SEPARATION_INLINE_PROGRESSION_DIRECTION,
    PROP_BORDER_SPACING,
    PROP_BOTTOM,
    PROP_BREAK_AFTER,
    PROP_BREAK_BEFORE,
    PROP_CHARACTER,
    PROP_COLOR,
    PROP_COLUMN_COUNT,
    PROP_COLUMN_GAP,
    PROP_COLUMN_NUMBER,
    PROP_COLUMN_WIDTH,
    PROP_COUNTRY,
    PROP_DESTINATION_PLACEMENT_OFFSET,
    PROP_DISPLAY_ALIGN,
    PROP_END_INDENT,
    PROP_EXTENT,
    PROP_EXTERNAL_DESTINATION,
    PROP_FLOW_NAME,
    PROP_FONT,
    PROP_FONT_FAMILY,
    PROP_FONT_SELECTION_STRATEGY,
    PROP_FONT_SIZE,
    PROP_FONT_STRETCH,
    PROP_FONT_STYLE,
    PROP_FONT_WEIGHT,
    PROP_FORCE_PAGE_COUNT,
    PROP_FORMAT,
    PROP_GROUPING_SEPARATOR,
    PROP_GROUPING_SIZE,
    PROP_HEIGHT,
    PROP_HYPHENATE,
    PROP_HYPHENATION_CHARACTER,
    PROP_HYPHENATION_PUSH_CHARACTER_COUNT,
    PROP_HYPHENATION_REMAIN_CHARACTER_COUNT,
    PROP_ID,
    PROP_INDICATE_DESTINATION,
    PROP_INITIAL_PAGE_NUMBER,
    PROP_INLINE_PROGRESSION_DIMENSION,
    PROP_INTERNAL_DESTINATION,
    PROP_KEEP_TOGETHER,
    PROP_KEEP_WITH_NEXT,
    PROP_KEEP_WITH_PREVIOUS,
    PROP_LANGUAGE,
    PROP_LEADER_ALIGNMENT,
    PROP_LEADER_LENGTH,
    PROP_LEADER_LENGTH_MAXIMUM,
    PROP_LEADER_LENGTH_MINIMUM,
    PROP_LEADER_LENGTH_OPTIMUM,
    PROP_LEADER_PATTERN,
    PROP_LEADER_PATTERN_WIDTH,
    PROP_LEFT,
    PROP_LETTER_SPACING,
    PROP_LETTER_VALUE,
    PROP_LINE_HEIGHT,
    PROP_LINE_HEIGHT_SHIFT_ADJUSTMENT,
    PROP_LINEFEED_TREATMENT,
    PROP_MARGIN,
    PROP_MARKER_CLASS_NAME,
    PROP_MASTER_NAME,
    PROP_MASTER_REFERENCE,
    PROP_MAXIMUM_REPEATS,
    PROP_NUMBER_COLUMNS_REPEATED,
    PROP_NUMBER_COLUMNS_SPANNING,
    PROP_NUMBER_ROWS_SPANNING,
    PROP_ODD_OR_EVEN,
    PROP_ORPHANS,
    PROP_OVERFLOW,
    PROP_PADDING,
    PROP_PAGE_HEIGHT,
    PROP_PAGE_POSITION,
    PROP_PAGE_WIDTH,
    PROP_PRECEDENCE,
    PROP_PROVISIONAL_DISTANCE_BETWEEN_STARTS,
    PROP_PROVISIONAL_LABEL_SEPARATION,
    PROP_REF_ID,
    PROP_REFERENCE_ORIENTATION,
    PROP_REGION_NAME,
    PROP_RELATIVE_ALIGN,
    PROP_RETRIEVE_BOUNDARY,
    PROP_RETRIEVE_CLASS_NAME,
    PROP_RETRIEVE_POSITION,
    PROP_RIGHT,
    PROP_RULE_STYLE,
    PROP_RULE_THICKNESS,
    PROP_SHOW_DESTINATION,
    PROP_SPACE_AFTER,
    PROP_SPACE_BEFORE,
    PROP_START_INDENT,
    PROP_STARTING_STATE,
    PROP_TABLE_LAYOUT,
    PROP_TABLE_OMIT_FOOTER_AT_BREAK,
    PROP_TABLE_OMIT_HEADER_AT_BREAK,
    PROP_TEXT_ALIGN,
    PROP_TEXT_ALIGN_LAST,
    PROP_TEXT_DECORATION,
    PROP_TEXT_INDENT,
    PROP_TOP,
    PROP_VERTICAL_ALIGN,
    PROP_WHITE_SPACE,
    PROP_WHITE_SPACE_COLLAPSE,
    PROP_WHITE_SPACE_TREATMENT,
    PROP_WIDOWS,
    PROP_WIDTH,
    PROP_WRAP_OPTION,
    PROP_WRITING_MODE,
    PROP_Z_INDEX,
};

/*
 * Names to properties, in strcmp order: every attribute of a document is
 * looked up, by binary search rather than one comparison per property.
 */
static const struct property_name {
    const char *name;
    enum fo_property property;
} property_names[] = {
    {"absolute-position", PROP_ABSOLUTE_POSITION},
    {"background-color", PROP_BACKGROUND_COLOR},
    {"baseline-shift", PROP_BASELINE_SHIFT},
    {"blank-or-not-blank", PROP_BLANK_OR_NOT_BLANK},
    {"block-progression-dimension", PROP_BLOCK_PROGRESSION_DIMENSION},
    {"block-progression-dimension.minimum",
     PROP_BLOCK_PROGRESSION_DIMENSION_MINIMUM},
    {"border", PROP_BORDER},
    {"border-collapse", PROP_BORDER_COLLAPSE},
    {"border-separation", PROP_BORDER_SEPARATION},
    {"border-separation.block-progression-direction",
     PROP_BORDER_SEPARATION_BLOCK_PROGRESSION_DIRECTION},
    {"border-separation.inline-progression-direction",
     PROP_BORDER_SEPARATION_INLINE_PROGRESSION_DIRECTION},
    {"border-spacing", PROP_BORDER_SPACING},
    {"bottom", PROP_BOTTOM},
    {"break-after", PROP_BREAK_AFTER},
    {"break-before", PROP_BREAK_BEFORE},
    {"character", PROP_CHARACTER},
    {"color", PROP_COLOR},
    {"column-count", PROP_COLUMN_COUNT},
    {"column-gap", PROP_COLUMN_GAP},
    {"column-number", PROP_COLUMN_NUMBER},
    {"column-width", PROP_COLUMN_WIDTH},
    {"country", PROP_COUNTRY},
    {"destination-placement-offset", PROP_DESTINATION_PLACEMENT_OFFSET},
    {"display-align", PROP_DISPLAY_ALIGN},
    {"end-indent", PROP_END_INDENT},
    {"extent", PROP_EXTENT},
    {"external-destination", PROP_EXTERNAL_DESTINATION},
    {"flow-name", PROP_FLOW_NAME},
    {"font", PROP_FONT},
    {"font-family", PROP_FONT_FAMILY},
    {"font-selection-strategy", PROP_FONT_SELECTION_STRATEGY},
    {"font-size", PROP_FONT_SIZE},
    {"font-stretch", PROP_FONT_STRETCH},
    {"font-style", PROP_FONT_STYLE},
    {"font-weight", PROP_FONT_WEIGHT},
    {"force-page-count", PROP_FORCE_PAGE_COUNT},
    {"format", PROP_FORMAT},
    {"grouping-separator", PROP_GROUPING_SEPARATOR},
    {"grouping-size", PROP_GROUPING_SIZE},
    {"height", PROP_HEIGHT},
    {"hyphenate", PROP_HYPHENATE},
    {"hyphenation-character", PROP_HYPHENATION_CHARACTER},
    {"hyphenation-push-character-count", PROP_HYPHENATION_PUSH_CHARACTER_COUNT},
    {"hyphenation-remain-character-count",
     PROP_HYPHENATION_REMAIN_CHARACTER_COUNT},
    {"id", PROP_ID},
    {"indicate-destination", PROP_INDICATE_DESTINATION},
    {"initial-page-number", PROP_INITIAL_PAGE_NUMBER},
    {"inline-progression-dimension", PROP_INLINE_PROGRESSION_DIMENSION},
    {"internal-destination", PROP_INTERNAL_DESTINATION},
    {"keep-together", PROP_KEEP_TOGETHER},
    {"keep-with-next", PROP_KEEP_WITH_NEXT},
    {"keep-with-previous", PROP_KEEP_WITH_PREVIOUS},
    {"language", PROP_LANGUAGE},
    {"leader-alignment", PROP_LEADER_ALIGNMENT},
    {"leader-length", PROP_LEADER_LENGTH},
    {"leader-length.maximum", PROP_LEADER_LENGTH_MAXIMUM},
    {"leader-length.minimum", PROP_LEADER_LENGTH_MINIMUM},
    {"leader-length.optimum", PROP_LEADER_LENGTH_OPTIMUM},
    {"leader-pattern", PROP_LEADER_PATTERN},
    {"leader-pattern-width", PROP_LEADER_PATTERN_WIDTH},
    {"left", PROP_LEFT},
    {"letter-spacing", PROP_LETTER_SPACING},
    {"letter-value", PROP_LETTER_VALUE},
    {"line-height", PROP_LINE_HEIGHT},
    {"line-height-shift-adjustment", PROP_LINE_HEIGHT_SHIFT_ADJUSTMENT},
    {"linefeed-treatment", PROP_LINEFEED_TREATMENT},
    {"margin", PROP_MARGIN},
    {"marker-class-name", PROP_MARKER_CLASS_NAME},
    {"master-name", PROP_MASTER_NAME},
    {"master-reference", PROP_MASTER_REFERENCE},
    {"maximum-repeats", PROP_MAXIMUM_REPEATS},
    {"number-columns-repeated", PROP_NUMBER_COLUMNS_REPEATED},
    {"number-columns-spanning", PROP_NUMBER_COLUMNS_SPANNING},
    {"number-rows-spanning", PROP_NUMBER_ROWS_SPANNING},
    {"odd-or-even", PROP_ODD_OR_EVEN},
    {"orphans", PROP_ORPHANS},
    {"overflow", PROP_OVERFLOW},
    {"padding", PROP_PADDING},
    {"page-height", PROP_PAGE_HEIGHT},
    {"page-position", PROP_PAGE_POSITION},
    {"page-width", PROP_PAGE_WIDTH},
    {"precedence", PROP_PRECEDENCE},
    {"provisional-distance-between-starts",
     PROP_PROVISIONAL_DISTANCE_BETWEEN_STARTS},
    {"provisional-label-separation", PROP_PROVISIONAL_LABEL_SEPARATION},
    {"ref-id", PROP_REF_ID},
    {"reference-orientation", PROP_REFERENCE_ORIENTATION},
    {"region-name", PROP_REGION_NAME},
    {"relative-align", PROP_RELATIVE_ALIGN},
    {"retrieve-boundary", PROP_RETRIEVE_BOUNDARY},
    {"retrieve-class-name", PROP_RETRIEVE_CLASS_NAME},
    {"retrieve-position", PROP_RETRIEVE_POSITION},
    {"right", PROP_RIGHT},
    {"rule-style", PROP_RULE_STYLE},
    {"rule-thickness", PROP_RULE_THICKNESS},
    {"show-destination", PROP_SHOW_DESTINATION},
    {"space-after", PROP_SPACE_AFTER},
    {"space-before", PROP_SPACE_BEFORE},
    {"start-indent", PROP_START_INDENT},
    {"starting-state", PROP_STARTING_STATE},
    {"table-layout", PROP_TABLE_LAYOUT},
    {"table-omit-footer-at-break", PROP_TABLE_OMIT_FOOTER_AT_BREAK},
    {"table-omit-header-at-break", PROP_TABLE_OMIT_HEADER_AT_BREAK},
    {"text-align", PROP_TEXT_ALIGN},
    {"text-align-last", PROP_TEXT_ALIGN_LAST},
    {"text-decoration", PROP_TEXT_DECORATION},
    {"text-indent", PROP_TEXT_INDENT},
    {"top", PROP_TOP},
    {"vertical-align", PROP_VERTICAL_ALIGN},
    {"white-space", PROP_WHITE_SPACE},
    {"white-space-collapse", PROP_WHITE_SPACE_COLLAPSE},
    {"white-space-treatment", PROP_WHITE_SPACE_TREATMENT},
    {"widows", PROP_WIDOWS},
    {"width", PROP_WIDTH},
    {"wrap-option", PROP_WRAP_OPTION},
    {"writing-mode", PROP_WRITING_MODE},
    {"z-index", PROP_Z_INDEX},
};

static int find_property_name(const void *key, const void *entry)
{
    return strcmp(key, ((const struct property_name *)entry)->name);
}

/* The property called name, or -1 for one not in property_names. */
static int property_of(const char *name)
{
    const struct property_name *found =
        bsearch(name, property_names,
                sizeof(property_names) / sizeof(property_names[0]),
                sizeof(property_names[0]), find_property_name);
    return found ? (int)found->property : -1;
}

/*
 * margin-<side>, padding-<side> and border-<side>[-width|-style|-color];
 * -1 for any other name.
 */
static int apply_prefixed_property(struct rp_fo_props *p, const char *name,
                                   const char *value,
                                   struct rp_fo_specified *spec,
                                   struct rp_fo_value_cache *cache)
{
    int side;

    if (!strncmp(name, "margin-", 7) &&
        (side = side_from_name(name + 7)) >= 0) {
        if (!rp_fo_parse_length(value, p->font_size, &p->margin[side]))
            return 0;
        spec->margin = true;
        /* margin-top/bottom on blocks act as space-before/after. */
        if (side == RP_FO_TOP)
            p->space_before = p->margin[side];
        else if (side == RP_FO_BOTTOM)
            p->space_after = p->margin[side];
        return 1;
    }
    if (!strncmp(name, "padding-", 8) && (side = side_from_name(name + 8)) >= 0)
        return rp_fo_parse_length(value, p->font_size, &p->padding[side]);
    if (!strncmp(name, "border-", 7))
        return rp_fo_apply_border_property(p, name + 7, value, cache);
    return -1;
}

/*
 * Returns 1 when the property was handled, 0 when its value is invalid, -1
 * when the property is not one we support.
 */
int rp_fo_apply_property(struct rp_fo_props *p,
                         const struct rp_fo_props *parent, const char *name,
                         const char *value, struct rp_fo_specified *spec,
                         struct rp_fo_strings *strings,
                         struct rp_fo_value_cache *cache)
{
    double len;
    const char *dot;
    char base[64];
    int side;

    /* space-before.optimum and friends: we use one value per space. */
    dot = strchr(name, '.');
    if (dot && (size_t)(dot - name) < sizeof(base)) {
        memcpy(base, name, (size_t)(dot - name));
        base[dot - name] = '\0';
        if ((!strcmp(base, "space-before") || !strcmp(base, "space-after")) &&
            (!strcmp(dot, ".optimum") || !strcmp(dot, ".minimum") ||
             !strcmp(dot, ".maximum") || !strcmp(dot, ".conditionality") ||
             !strcmp(dot, ".precedence"))) {
            if (strcmp(dot, ".optimum") != 0)
                return 1; /* min/max/conditionality: not yet used */
            name = base;
        } else if (!strcmp(base, "border-separation") ||
                   !strcmp(base, "leader-length") ||
                   !strcmp(base, "block-progression-dimension") ||
                   !strcmp(base, "inline-progression-dimension")) {
            /* handled below under their full names */
        } else if (!strcmp(base, "keep-together") ||
                   !strcmp(base, "keep-with-next") ||
                   !strcmp(base, "keep-with-previous")) {
            name = base; /* .within-page / .within-column / .within-line */
        } else if (!strcmp(dot, ".length") || !strcmp(dot, ".conditionality")) {
            name = base;
            if (strcmp(dot, ".conditionality") == 0)
                return 1;
        } else {
            return -1;
        }
    }

    switch (property_of(name)) {
    case PROP_FONT:
        return apply_font_shorthand(p, parent, value, spec, strings);
    case PROP_LETTER_SPACING:
        if (!strcmp(value, "normal"))
            p->letter_spacing = 0;
        else if (!rp_fo_parse_length(value, p->font_size, &p->letter_spacing))
            return 0;
        break;
    case PROP_FONT_FAMILY:
        p->font_family = rp_fo_strings_intern(strings, value);
        break;
    case PROP_FONT_WEIGHT:
        if (!strcmp(value, "bold"))
            p->font_weight = 700;
        else if (!strcmp(value, "normal"))
            p->font_weight = 400;
        else if (!strcmp(value, "bolder"))
            p->font_weight = parent->font_weight + 300 > 900
                                 ? 900
                                 : parent->font_weight + 300;
        else if (!strcmp(value, "lighter"))
            p->font_weight = parent->font_weight - 300 < 100
                                 ? 100
                                 : parent->font_weight - 300;
        else {
            int w = atoi(value);
            if (w < 100 || w > 900 || w % 100 != 0)
                return 0;
            p->font_weight = w;
        }
        break;
    case PROP_FONT_STYLE:
        if (!strcmp(value, "italic") || !strcmp(value, "oblique"))
            p->font_italic = true;
        else if (!strcmp(value, "normal"))
            p->font_italic = false;
        else
            return 0;
        break;
    case PROP_FONT_SIZE:
        return 1; /* resolved first, by the caller */
    case PROP_COLOR:
        return rp_fo_parse_color(value, &p->color);
    case PROP_BACKGROUND_COLOR:
        return rp_fo_parse_color(value, &p->background);
    case PROP_TEXT_ALIGN:
    case PROP_TEXT_ALIGN_LAST: {
        enum rp_fo_text_align a;
        if (!strcmp(value, "start") || !strcmp(value, "left") ||
            !strcmp(value, "inside"))
            a = RP_FO_ALIGN_START;
        else if (!strcmp(value, "center"))
            a = RP_FO_ALIGN_CENTER;
        else if (!strcmp(value, "end") || !strcmp(value, "right") ||
                 !strcmp(value, "outside"))
            a = RP_FO_ALIGN_END;
        else if (!strcmp(value, "justify"))
            a = RP_FO_ALIGN_JUSTIFY;
        else if (!strcmp(value, "relative") && name[10] == '-')
            a = p->text_align == RP_FO_ALIGN_JUSTIFY ? RP_FO_ALIGN_START
                                                     : p->text_align;
        else
            return 0;
        if (name[10] == '-') {
            p->text_align_last = a;
            spec->text_align_last = true;
        } else {
            p->text_align = a;
        }
        break;
    }
    case PROP_LINE_HEIGHT: {
        double pct;
        char *end;
        double factor = strtod(value, &end);
        if (!strcmp(value, "normal"))
            p->line_height = 1.2 * p->font_size;
        else if (end != value && *skip_space(end) == '\0' && factor > 0 &&
                 factor * p->font_size <= RP_FO_MAX_LENGTH)
            p->line_height = factor * p->font_size;
        else if (rp_fo_parse_percent(value, &pct))
            p->line_height = pct / 100.0 * p->font_size;
        else if (rp_fo_parse_length(value, p->font_size, &len))
            p->line_height = len;
        else
            return 0;
        spec->line_height = true;
        break;
    }
    case PROP_START_INDENT:
    case PROP_END_INDENT: {
        bool label_end = false;
        if (!rp_fo_eval_length(value, p->font_size, parent, &len, &label_end))
            return 0;
        if (name[0] == 's') {
            p->start_indent = len;
            spec->start_indent = true;
        } else {
            p->end_indent = len;
            p->end_indent_label_end = label_end;
            spec->end_indent = true;
        }
        break;
    }
    case PROP_PROVISIONAL_DISTANCE_BETWEEN_STARTS:
        return rp_fo_eval_length(value, p->font_size, parent,
                                 &p->list_distance_between_starts, NULL);
    case PROP_PROVISIONAL_LABEL_SEPARATION:
        return rp_fo_eval_length(value, p->font_size, parent,
                                 &p->list_label_separation, NULL);
    case PROP_TEXT_INDENT:
        return rp_fo_parse_length(value, p->font_size, &p->text_indent);
    case PROP_WHITE_SPACE_COLLAPSE:
        p->white_space_collapse = strcmp(value, "false") != 0;
        break;
    case PROP_SPACE_BEFORE:
        return rp_fo_parse_length(value, p->font_size, &p->space_before);
    case PROP_SPACE_AFTER:
        return rp_fo_parse_length(value, p->font_size, &p->space_after);
    case PROP_MARGIN:
        if (!parse_sides_cached(cache, value, p->font_size, p->margin))
            return 0;
        spec->margin = true;
        p->space_before = p->margin[RP_FO_TOP];
        p->space_after = p->margin[RP_FO_BOTTOM];
        break;
    case PROP_PADDING:
        return parse_sides_cached(cache, value, p->font_size, p->padding);
    case PROP_BORDER: {
        struct rp_fo_border b;
        if (!parse_border_cached(cache, value, p->font_size, &b))
            return 0;
        for (side = 0; side < 4; side++)
            p->border[side] = b;
        break;
    }
    case PROP_BORDER_COLLAPSE:
        if (!strcmp(value, "collapse") ||
            !strcmp(value, "collapse-with-precedence"))
            p->border_separate = false;
        else if (!strcmp(value, "separate"))
            p->border_separate = true;
        else
            return 0;
        break;
    case PROP_BORDER_SEPARATION:
    case PROP_BORDER_SPACING: {
        char tokens[2][64];
        int n = split_tokens(value, tokens, 2);
        if (n < 1 ||
            !rp_fo_parse_length(tokens[0], p->font_size,
                                &p->border_separation[0]) ||
            !rp_fo_parse_length(tokens[n - 1], p->font_size,
                                &p->border_separation[1]))
            return 0;
        break;
    }
    case PROP_BORDER_SEPARATION_INLINE_PROGRESSION_DIRECTION:
        return rp_fo_parse_length(value, p->font_size,
                                  &p->border_separation[0]);
    case PROP_BORDER_SEPARATION_BLOCK_PROGRESSION_DIRECTION:
        return rp_fo_parse_length(value, p->font_size,
                                  &p->border_separation[1]);
    case PROP_DISPLAY_ALIGN:
        if (!strcmp(value, "before") || !strcmp(value, "auto"))
            p->display_align = 0;
        else if (!strcmp(value, "center"))
            p->display_align = 1;
        else if (!strcmp(value, "after"))
            p->display_align = 2;
        else
            return 0;
        break;
    case PROP_NUMBER_ROWS_SPANNING: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *skip_space(end) || n < 1 || n > 1000)
            return 0;
        p->rows_spanned = (int)n;
        break;
    }
    case PROP_TABLE_OMIT_FOOTER_AT_BREAK:
        p->omit_footer_at_break = !strcmp(value, "true");
        break;
    case PROP_BREAK_BEFORE:
    case PROP_BREAK_AFTER: {
        enum rp_fo_break b;
        if (!strcmp(value, "auto"))
            b = RP_FO_BREAK_AUTO;
        else if (!strcmp(value, "page") || !strcmp(value, "column"))
            b = RP_FO_BREAK_PAGE;
        else if (!strcmp(value, "odd-page"))
            b = RP_FO_BREAK_ODD_PAGE;
        else if (!strcmp(value, "even-page"))
            b = RP_FO_BREAK_EVEN_PAGE;
        else
            return 0;
        if (name[6] == 'b')
            p->break_before = b;
        else
            p->break_after = b;
        break;
    }
    case PROP_KEEP_WITH_NEXT:
        p->keep_with_next = strcmp(value, "auto") != 0;
        break;
    case PROP_KEEP_WITH_PREVIOUS:
        p->keep_with_previous = strcmp(value, "auto") != 0;
        break;
    case PROP_KEEP_TOGETHER:
        p->keep_together = strcmp(value, "auto") != 0;
        break;
    case PROP_TEXT_DECORATION:
        /* Decorations add up from ancestors; "none" clears them all. */
        if (!strcmp(value, "none"))
            p->underline = p->overline = p->line_through = false;
        if (strstr(value, "no-underline"))
            p->underline = false;
        else if (strstr(value, "underline"))
            p->underline = true;
        if (strstr(value, "no-overline"))
            p->overline = false;
        else if (strstr(value, "overline"))
            p->overline = true;
        if (strstr(value, "no-line-through"))
            p->line_through = false;
        else if (strstr(value, "line-through"))
            p->line_through = true;
        break;
    case PROP_BASELINE_SHIFT: {
        double pct;
        if (!strcmp(value, "baseline"))
            len = 0;
        else if (!strcmp(value, "super"))
            len = 0.33 * parent->font_size; /* FOP's default */
        else if (!strcmp(value, "sub"))
            len = -0.33 * parent->font_size;
        else if (rp_fo_parse_percent(value, &pct))
            len = pct / 100.0 * p->line_height;
        else if (!rp_fo_parse_length(value, p->font_size, &len))
            return 0;
        p->baseline_shift = parent->baseline_shift + len;
        break;
    }
    case PROP_VERTICAL_ALIGN:
        /* The CSS-style shorthand FOP accepts for baseline-shift. */
        if (!strcmp(value, "super"))
            p->baseline_shift =
                parent->baseline_shift + 0.33 * parent->font_size;
        else if (!strcmp(value, "sub"))
            p->baseline_shift =
                parent->baseline_shift - 0.33 * parent->font_size;
        else if (strcmp(value, "baseline") != 0 && strcmp(value, "auto") != 0)
            return -1;
        break;
    case PROP_LINEFEED_TREATMENT:
        if (!strcmp(value, "preserve"))
            p->linefeed_preserve = true;
        else if (!strcmp(value, "treat-as-space") || !strcmp(value, "ignore") ||
                 !strcmp(value, "treat-as-zero-width-space"))
            p->linefeed_preserve = false;
        else
            return 0;
        break;
    case PROP_WRAP_OPTION:
        if (!strcmp(value, "no-wrap"))
            p->wrap = false;
        else if (!strcmp(value, "wrap"))
            p->wrap = true;
        else
            return 0;
        break;
    case PROP_WHITE_SPACE_TREATMENT:
        return 1; /* our collapse handles the common cases */
    case PROP_WHITE_SPACE:
        /* FOP's shorthand: pre keeps spaces and line feeds, no wrapping. */
        if (!strcmp(value, "pre")) {
            p->white_space_collapse = false;
            p->linefeed_preserve = true;
            p->wrap = false;
        } else if (!strcmp(value, "nowrap")) {
            p->wrap = false;
        } else if (strcmp(value, "normal") != 0) {
            return 0;
        }
        break;
    case PROP_ORPHANS:
    case PROP_WIDOWS: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *skip_space(end) || n < 1 || n > 100)
            return 0;
        if (name[0] == 'o')
            p->orphans = (int)n;
        else
            p->widows = (int)n;
        break;
    }
    case PROP_INTERNAL_DESTINATION:
    case PROP_EXTERNAL_DESTINATION: {
        const char *v = skip_space(value);
        char uri[2048];
        size_t n;
        if (!*v)
            return 1;
        /* url('...') or url(...) as XSL writes URIs; bare text as FOP. */
        if (!strncmp(v, "url(", 4)) {
            v = skip_space(v + 4);
            n = strlen(v);
            while (n && (isspace((unsigned char)v[n - 1]) || v[n - 1] == ')'))
                n--;
            if (n && (*v == '\'' || *v == '"')) {
                v++;
                n -= 2;
            }
        } else {
            n = strlen(v);
        }
        if (n >= sizeof(uri))
            return 0;
        memcpy(uri, v, n);
        uri[n] = '\0';
        p->link = rp_fo_strings_intern(strings, uri);
        p->link_internal = name[0] == 'i';
        break;
    }
    case PROP_SHOW_DESTINATION:
    case PROP_INDICATE_DESTINATION:
    case PROP_DESTINATION_PLACEMENT_OFFSET:
        return 1;
    case PROP_REGION_NAME:
        p->region_name = rp_fo_strings_intern(strings, value);
        break;
    case PROP_PRECEDENCE:
        p->precedence = !strcmp(value, "true");
        break;
    case PROP_PAGE_POSITION: {
        static const char *const names[] = {"any", "first", "last", "rest",
                                            "only"};
        size_t i;
        for (i = 0; i < 5 && strcmp(value, names[i]); i++)
            ;
        if (i == 5)
            return 0;
        p->page_position = (enum rp_fo_page_position)i;
        break;
    }
    case PROP_ODD_OR_EVEN:
        if (!strcmp(value, "any"))
            p->odd_or_even = RP_FO_PARITY_ANY;
        else if (!strcmp(value, "odd"))
            p->odd_or_even = RP_FO_PARITY_ODD;
        else if (!strcmp(value, "even"))
            p->odd_or_even = RP_FO_PARITY_EVEN;
        else
            return 0;
        break;
    case PROP_BLANK_OR_NOT_BLANK:
        if (!strcmp(value, "any"))
            p->blank_or_not_blank = RP_FO_BLANK_ANY;
        else if (!strcmp(value, "blank"))
            p->blank_or_not_blank = RP_FO_BLANK;
        else if (!strcmp(value, "not-blank"))
            p->blank_or_not_blank = RP_FO_NOT_BLANK;
        else
            return 0;
        break;
    case PROP_MAXIMUM_REPEATS: {
        char *end;
        long n = strtol(value, &end, 10);
        if (!strcmp(value, "no-limit"))
            p->maximum_repeats = -1;
        else if (end != value && !*skip_space(end) && n >= 0 && n < 1000000)
            p->maximum_repeats = (int)n;
        else
            return 0;
        break;
    }
    case PROP_FORCE_PAGE_COUNT: {
        static const char *const names[] = {
            "auto", "even", "odd", "end-on-even", "end-on-odd", "no-force"};
        size_t i;
        for (i = 0; i < 6 && strcmp(value, names[i]); i++)
            ;
        if (i == 6)
            return 0;
        p->force_page_count = (enum rp_fo_force_count)i;
        break;
    }
    case PROP_LEADER_PATTERN:
        if (!strcmp(value, "space"))
            p->leader_pattern = RP_FO_LEADER_SPACE;
        else if (!strcmp(value, "rule"))
            p->leader_pattern = RP_FO_LEADER_RULE;
        else if (!strcmp(value, "dots"))
            p->leader_pattern = RP_FO_LEADER_DOTS;
        else if (!strcmp(value, "use-content"))
            p->leader_pattern = RP_FO_LEADER_USE_CONTENT;
        else
            return 0;
        break;
    case PROP_LEADER_LENGTH: {
        double pct;
        if (rp_fo_parse_percent(value, &pct) && pct >= 100) {
            p->leader_max = -1;
            return 1;
        }
        if (!rp_fo_parse_length(value, p->font_size, &len))
            return 0;
        p->leader_min = p->leader_opt = p->leader_max = len;
        break;
    }
    case PROP_LEADER_LENGTH_MINIMUM:
    case PROP_LEADER_LENGTH_OPTIMUM:
    case PROP_LEADER_LENGTH_MAXIMUM: {
        double pct;
        char which = name[15];
        if (which == 'a' && rp_fo_parse_percent(value, &pct)) {
            p->leader_max = pct >= 100 ? -1 : -pct / 100.0; /* of width */
            return 1;
        }
        if (!rp_fo_parse_length(value, p->font_size, &len))
            return 0;
        if (which == 'i')
            p->leader_min = len;
        else if (which == 'p')
            p->leader_opt = len;
        else
            p->leader_max = len;
        break;
    }
    case PROP_RULE_THICKNESS:
        return rp_fo_parse_length(value, p->font_size, &p->rule_thickness);
    case PROP_RULE_STYLE:
        return parse_border_style(value, &p->rule_style);
    case PROP_LEADER_PATTERN_WIDTH:
        if (!strcmp(value, "use-font-metrics")) {
            p->leader_pattern_width = 0;
            return 1;
        }
        return rp_fo_parse_length(value, p->font_size,
                                  &p->leader_pattern_width);
    case PROP_LEADER_ALIGNMENT:
        return 1; /* none: we do not align dots across lines yet */
    case PROP_MARKER_CLASS_NAME:
    case PROP_RETRIEVE_CLASS_NAME:
        p->marker_class = rp_fo_strings_intern(strings, value);
        break;
    case PROP_RETRIEVE_POSITION:
        if (!strcmp(value, "first-starting-within-page"))
            p->retrieve_position = RP_FO_RETRIEVE_FIRST_STARTING;
        else if (!strcmp(value, "first-including-carryover"))
            p->retrieve_position = RP_FO_RETRIEVE_FIRST_INCLUDING_CARRYOVER;
        else if (!strcmp(value, "last-starting-within-page"))
            p->retrieve_position = RP_FO_RETRIEVE_LAST_STARTING;
        else if (!strcmp(value, "last-ending-within-page"))
            p->retrieve_position = RP_FO_RETRIEVE_LAST_ENDING;
        else
            return 0;
        break;
    case PROP_RETRIEVE_BOUNDARY:
        if (!strcmp(value, "page-sequence"))
            p->retrieve_boundary = RP_FO_BOUNDARY_PAGE_SEQUENCE;
        else if (!strcmp(value, "page"))
            p->retrieve_boundary = RP_FO_BOUNDARY_PAGE;
        else if (!strcmp(value, "document"))
            p->retrieve_boundary = RP_FO_BOUNDARY_DOCUMENT;
        else
            return 0;
        break;
    case PROP_WRITING_MODE:
        /* Left-to-right, top-to-bottom is the only mode we lay out. */
        return !strcmp(value, "lr-tb") || !strcmp(value, "lr") ||
                       !strcmp(value, "horizontal-tb")
                   ? 1
                   : -1;
    case PROP_COLUMN_COUNT:
        return !strcmp(value, "1") ? 1 : -1; /* one column, as ours */
    case PROP_REFERENCE_ORIENTATION:
        return !strcmp(value, "0") || !strcmp(value, "0deg") ? 1 : -1;
    case PROP_COLUMN_GAP:
    case PROP_FONT_SELECTION_STRATEGY:
    case PROP_LINE_HEIGHT_SHIFT_ADJUSTMENT:
    case PROP_RELATIVE_ALIGN:
    case PROP_COLUMN_NUMBER:
        /* Only matter with several columns or scripts we do not mix. */
        return 1;
    case PROP_BLOCK_PROGRESSION_DIMENSION_MINIMUM:
        if (!strcmp(value, "auto"))
            return 1;
        return rp_fo_parse_length(value, p->font_size, &p->min_height);
    case PROP_BLOCK_PROGRESSION_DIMENSION:
    case PROP_HEIGHT:
        /* A block-container's height; a table row's minimum height. */
        if (!parse_extent(value, p->font_size, &p->height))
            return 0;
        if (p->height.kind == RP_FO_LENGTH_ABSOLUTE)
            p->min_height = p->height.value;
        break;
    case PROP_ABSOLUTE_POSITION:
        if (!strcmp(value, "auto"))
            p->absolute_position = RP_FO_ABS_AUTO;
        else if (!strcmp(value, "absolute"))
            p->absolute_position = RP_FO_ABS_ABSOLUTE;
        else if (!strcmp(value, "fixed"))
            p->absolute_position = RP_FO_ABS_FIXED;
        else
            return 0;
        break;
    case PROP_TOP:
    case PROP_RIGHT:
    case PROP_BOTTOM:
    case PROP_LEFT:
        return parse_offset(value, p->font_size,
                            &p->offset[side_from_name(name)]);
    case PROP_Z_INDEX: {
        char *end;
        long n = strtol(value, &end, 10);
        if (!strcmp(value, "auto"))
            p->z_index = 0;
        else if (end != value && !*skip_space(end) && n > -1000000 &&
                 n < 1000000)
            p->z_index = (int)n;
        else
            return 0;
        break;
    }
    case PROP_OVERFLOW:
        if (!strcmp(value, "visible") || !strcmp(value, "auto") ||
            !strcmp(value, "repeat"))
            p->overflow = RP_FO_OVERFLOW_VISIBLE;
        else if (!strcmp(value, "hidden") || !strcmp(value, "scroll"))
            p->overflow = RP_FO_OVERFLOW_HIDDEN;
        else if (!strcmp(value, "error-if-overflow"))
            p->overflow = RP_FO_OVERFLOW_ERROR;
        else
            return 0;
        break;
    case PROP_FORMAT: {
        /* Page numbers: 1, 01, 001, i, I, a, A (XSL 7.26.1). */
        size_t n = strlen(value);
        bool digits =
            n > 0 && strspn(value, "0") == n - 1 && value[n - 1] == '1';
        if (!digits && strcmp(value, "i") && strcmp(value, "I") &&
            strcmp(value, "a") && strcmp(value, "A"))
            return 0;
        p->number_format = rp_fo_strings_intern(strings, value);
        break;
    }
    case PROP_GROUPING_SEPARATOR:
    case PROP_GROUPING_SIZE:
    case PROP_LETTER_VALUE:
        return 1;
    case PROP_HYPHENATE:
        if (strcmp(value, "true") && strcmp(value, "false"))
            return 0;
        p->hyphenate = !strcmp(value, "true");
        break;
    case PROP_LANGUAGE:
    case PROP_COUNTRY: {
        const char *v = skip_space(value);
        char code[16];
        size_t n = 0;
        /* "en", "en-US" (xml:lang) or "none". */
        while (v[n] && v[n] != '-' && v[n] != '_' && n + 1 < sizeof(code)) {
            code[n] = v[n];
            n++;
        }
        code[n] = '\0';
        if (name[0] == 'c') {
            p->country = *code && strcmp(code, "none")
                             ? rp_fo_strings_intern(strings, code)
                             : NULL;
        } else {
            p->language = *code && strcmp(code, "none")
                              ? rp_fo_strings_intern(strings, code)
                              : NULL;
            if (v[n] == '-' || v[n] == '_')
                p->country = rp_fo_strings_intern(strings, v + n + 1);
        }
        break;
    }
    case PROP_HYPHENATION_PUSH_CHARACTER_COUNT:
    case PROP_HYPHENATION_REMAIN_CHARACTER_COUNT: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *skip_space(end) || n < 1 || n > 20)
            return 0;
        if (name[12] == 'p')
            p->hyphenation_push = (int)n;
        else
            p->hyphenation_remain = (int)n;
        break;
    }
    case PROP_CHARACTER:
        p->character = rp_fo_strings_intern(strings, value);
        break;
    case PROP_STARTING_STATE:
        p->starting_state_show = !strcmp(value, "show");
        break;
    case PROP_PAGE_WIDTH:
        return rp_fo_parse_length(value, p->font_size, &p->page_width);
    case PROP_PAGE_HEIGHT:
        return rp_fo_parse_length(value, p->font_size, &p->page_height);
    case PROP_EXTENT:
        return rp_fo_parse_length(value, p->font_size, &p->extent);
    case PROP_WIDTH:
    case PROP_COLUMN_WIDTH:
    case PROP_INLINE_PROGRESSION_DIMENSION: {
        struct rp_fo_length *l = name[0] == 'c' ? &p->column_width : &p->width;
        return rp_fo_parse_width(value, p->font_size, l);
    }
    case PROP_NUMBER_COLUMNS_REPEATED:
    case PROP_NUMBER_COLUMNS_SPANNING: {
        char *end;
        long n = strtol(value, &end, 10);
        if (end == value || *skip_space(end) || n < 1 || n > 1000)
            return 0;
        if (name[15] == 'r')
            p->columns_repeated = (int)n;
        else
            p->columns_spanned = (int)n;
        break;
    }
    case PROP_TABLE_OMIT_HEADER_AT_BREAK:
        p->omit_header_at_break = !strcmp(value, "true");
        break;
    case PROP_TABLE_LAYOUT:
        if (!strcmp(value, "fixed"))
            p->table_layout_fixed = true;
        else if (!strcmp(value, "auto"))
            p->table_layout_fixed = false;
        else
            return 0;
        break;
    case PROP_HYPHENATION_CHARACTER:
    case PROP_FONT_STRETCH:
        /* Accepted; their effect is our default or not yet implemented. */
        return 1;
    case PROP_ID:
        p->id = rp_fo_strings_intern(strings, value);
        break;
    case PROP_REF_ID:
        p->ref_id = rp_fo_strings_intern(strings, value);
        break;
    case PROP_MASTER_NAME:
        p->master_name = rp_fo_strings_intern(strings, value);
        break;
    case PROP_MASTER_REFERENCE:
        p->master_reference = rp_fo_strings_intern(strings, value);
        break;
    case PROP_FLOW_NAME:
        p->flow_name = rp_fo_strings_intern(strings, value);
        break;
    case PROP_INITIAL_PAGE_NUMBER: {
        char *end;
        long n = strtol(value, &end, 10);
        if (!strcmp(value, "auto"))
            p->initial_page_number = 0;
        else if (!strcmp(value, "auto-odd"))
            p->initial_parity = RP_FO_PARITY_ODD;
        else if (!strcmp(value, "auto-even"))
            p->initial_parity = RP_FO_PARITY_EVEN;
        else if (end != value && !*skip_space(end) && n > 0 && n < 1000000)
            p->initial_page_number = (int)n;
        else
            return 0;
        break;
    }
    default:
        return apply_prefixed_property(p, name, value, spec, cache);
    }
    return 1;
}

bool rp_fo_parse_width(const char *value, double font_size,
                       struct rp_fo_length *l)
{
    double v;
    const char *s = skip_space(value);

    if (!strcmp(s, "auto")) {
        l->kind = RP_FO_LENGTH_AUTO;
        l->value = 0;
        return true;
    }
    if (!strncmp(s, "proportional-column-width(", 26)) {
        char *end;
        v = strtod(s + 26, &end);
        if (end == s + 26 || *skip_space(end) != ')' || !(v > 0))
            return false;
        l->kind = RP_FO_LENGTH_PROPORTIONAL;
        l->value = v;
        return true;
    }
    if (rp_fo_parse_percent(s, &v)) {
        l->kind = RP_FO_LENGTH_PERCENT;
        l->value = v;
        return true;
    }
    if (rp_fo_parse_length(s, font_size, &v)) {
        l->kind = RP_FO_LENGTH_ABSOLUTE;
        l->value = v;
        return true;
    }
    return false;
}

/* border-top, border-top-width, border-width, border-style, ... */
int rp_fo_apply_border_property(struct rp_fo_props *p, const char *rest,
                                const char *value,
                                struct rp_fo_value_cache *cache)
{
    char side_name[16];
    const char *dash = strchr(rest, '-');
    size_t side_len = dash ? (size_t)(dash - rest) : strlen(rest);
    const char *what = dash ? dash + 1 : "";
    int side, from, to, i;

    if (!strcmp(rest, "width") || !strcmp(rest, "style") ||
        !strcmp(rest, "color")) {
        char tokens[4][64];
        int n = split_tokens(value, tokens, 4);
        if (n <= 0)
            return 0;
        for (i = 0; i < 4; i++) {
            const char *v = tokens[side_of_value[n - 1][i]];
            struct rp_fo_border *b = &p->border[i];
            bool ok = rest[0] == 'w'
                          ? parse_border_width(v, p->font_size, &b->width)
                      : rest[0] == 's' ? parse_border_style(v, &b->style)
                                       : rp_fo_parse_color(v, &b->color);
            if (!ok)
                return 0;
        }
        return 1;
    }
    if (side_len >= sizeof(side_name))
        return -1;
    memcpy(side_name, rest, side_len);
    side_name[side_len] = '\0';
    side = side_from_name(side_name);
    if (side < 0)
        return -1;
    from = side;
    to = side;
    for (i = from; i <= to; i++) {
        struct rp_fo_border *b = &p->border[i];
        if (!*what) {
            if (!parse_border_cached(cache, value, p->font_size, b))
                return 0;
        } else if (!strcmp(what, "width")) {
            if (!parse_border_width(skip_space(value), p->font_size, &b->width))
                return 0;
        } else if (!strcmp(what, "style")) {
            if (!parse_border_style(skip_space(value), &b->style))
                return 0;
        } else if (!strcmp(what, "color")) {
            if (!rp_fo_parse_color(value, &b->color))
                return 0;
        } else {
            return -1;
        }
    }
    return 1;
}
