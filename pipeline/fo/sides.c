/*
 * Values for the four sides of a box: the border shorthand ("0.5pt solid
 * #ccc" in any order), lists of one to four lengths in CSS order (margin,
 * padding), side names (before and after are top and bottom: lr-tb is the
 * only writing mode), the border-* properties, and a cache per document
 * so that a value repeated on every table cell is parsed once.
 */
#include "fo_internal.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/* Splits a property value into at most max whitespace-separated tokens. */
int rp_fo_split_tokens(const char *value, char tokens[][64], int max)
{
    int n = 0;
    const char *s = rp_fo_skip_space(value);

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
        s = rp_fo_skip_space(s + len);
    }
    return *s ? -1 : n;
}

bool rp_fo_parse_border_style(const char *text, enum rp_fo_border_style *style)
{
    static const struct {
        const char *name;
        enum rp_fo_border_style style;
    } styles[] = {
        {"none", RP_FO_BORDER_NONE},     {"hidden", RP_FO_BORDER_NONE},
        {"solid", RP_FO_BORDER_SOLID},   {"dashed", RP_FO_BORDER_DASHED},
        {"dotted", RP_FO_BORDER_DOTTED}, {"double", RP_FO_BORDER_DOUBLE},
        {"ridge", RP_FO_BORDER_RIDGE},   {"groove", RP_FO_BORDER_GROOVE},
        {"inset", RP_FO_BORDER_INSET},   {"outset", RP_FO_BORDER_OUTSET},
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
    int n = rp_fo_split_tokens(value, tokens, 3), i;
    struct rp_fo_border b = {1.0, RP_FO_BORDER_NONE, {0, 0, 0, 1}};

    if (n <= 0)
        return false;
    for (i = 0; i < n; i++) {
        if (rp_fo_parse_border_style(tokens[i], &b.style))
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
    int n = rp_fo_split_tokens(value, tokens, 4), i;

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
 * Border shorthands, side lists and lengths parsed earlier in the document.
 * Tables repeat the same attributes on every cell (padding-top="2pt",
 * border-bottom="0.5pt solid #ddd"), so each distinct value is parsed once;
 * a fixed number of slots, each overwritten by the next value hashed to
 * it, keeps memory flat however long the document.  The font size is part
 * of the key because em lengths depend on it.
 */
enum cached_kind { CACHED_NONE, CACHED_BORDER, CACHED_SIDES, CACHED_LENGTH };

struct cached_value {
    enum cached_kind kind;
    double font_size;
    char text[48]; /* longer values are parsed every time */
    union {
        struct rp_fo_border border;
        double sides[4];
        double length;
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

bool rp_fo_parse_border_cached(struct rp_fo_value_cache *cache,
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

bool rp_fo_parse_sides_cached(struct rp_fo_value_cache *cache,
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

bool rp_fo_parse_length_cached(struct rp_fo_value_cache *cache,
                               const char *value, double font_size, double *pt)
{
    struct cached_value *slot =
        cache_slot(cache, CACHED_LENGTH, value, font_size);

    if (cache_holds(slot, CACHED_LENGTH, value, font_size)) {
        *pt = slot->parsed.length;
        return true;
    }
    if (!rp_fo_parse_length(value, font_size, pt))
        return false;
    slot = cache_store(slot, CACHED_LENGTH, value, font_size);
    if (slot)
        slot->parsed.length = *pt;
    return true;
}

int rp_fo_side_from_name(const char *name)
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
        int n = rp_fo_split_tokens(value, tokens, 4);
        if (n <= 0)
            return 0;
        for (i = 0; i < 4; i++) {
            const char *v = tokens[side_of_value[n - 1][i]];
            struct rp_fo_border *b = &p->border[i];
            bool ok = rest[0] == 'w'
                          ? parse_border_width(v, p->font_size, &b->width)
                      : rest[0] == 's' ? rp_fo_parse_border_style(v, &b->style)
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
    side = rp_fo_side_from_name(side_name);
    if (side < 0)
        return -1;
    from = side;
    to = side;
    for (i = from; i <= to; i++) {
        struct rp_fo_border *b = &p->border[i];
        if (!*what) {
            if (!rp_fo_parse_border_cached(cache, value, p->font_size, b))
                return 0;
        } else if (!strcmp(what, "width")) {
            if (!parse_border_width(rp_fo_skip_space(value), p->font_size,
                                    &b->width))
                return 0;
        } else if (!strcmp(what, "style")) {
            if (!rp_fo_parse_border_style(rp_fo_skip_space(value), &b->style))
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
