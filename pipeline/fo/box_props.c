/*
 * Box properties, applied to an element's props: indents and spaces,
 * margins, padding, borders and background, the width and height of
 * areas and the alignment inside them, and where a positioned
 * block-container goes (absolute-position, offsets, z-index, overflow).
 * The setters the rows of the property table (property.c) name, and the
 * properties named for one side (margin-top, padding-start,
 * border-after-color ...), which are not rows.
 */
#include "property.h"

#include <stdlib.h>
#include <string.h>

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

/*
 * reference-orientation: 0, 90, 180, 270, -90, -180, -270 (XSL 1.1
 * §7.21.3), optionally in "deg", as quarter turns counter-clockwise.
 */
static bool parse_orientation(const char *value, int *quarters)
{
    char *end;
    long angle;

    value = rp_fo_skip_space(value);
    angle = strtol(value, &end, 10);
    if (end == value)
        return false;
    if (!strncmp(end, "deg", 3))
        end += 3;
    if (*rp_fo_skip_space(end) || angle % 90 != 0 || angle < -270 ||
        angle > 270)
        return false;
    *quarters = (int)(((angle / 90) % 4 + 4) % 4);
    return true;
}

/*
 * margin-<side>, padding-<side> and border-<side>[-width|-style|-color];
 * -1 for any other name.
 */
int rp_fo_apply_side_property(struct rp_fo_props *p, const char *name,
                              const char *value, struct rp_fo_specified *spec,
                              struct rp_fo_value_cache *cache)
{
    int side;

    if (!strncmp(name, "margin-", 7) &&
        (side = rp_fo_side_from_name(name + 7)) >= 0) {
        if (!rp_fo_parse_length_cached(cache, value, p->font_size,
                                       &p->margin[side]))
            return 0;
        spec->margin = true;
        /* margin-top/bottom on blocks act as space-before/after. */
        if (side == RP_FO_TOP)
            p->space_before = p->margin[side];
        else if (side == RP_FO_BOTTOM)
            p->space_after = p->margin[side];
        return 1;
    }
    if (!strncmp(name, "padding-", 8) &&
        (side = rp_fo_side_from_name(name + 8)) >= 0)
        return rp_fo_parse_length_cached(cache, value, p->font_size,
                                         &p->padding[side]);
    if (!strncmp(name, "border-", 7))
        return rp_fo_apply_border_property(p, name + 7, value, cache);
    return -1;
}

int rp_fo_set_start_indent(const struct rp_fo_assignment *a, void *field)
{
    if (!rp_fo_eval_length(a->value, a->p->font_size, a->parent, field, NULL))
        return 0;
    a->spec->start_indent = true;
    return 1;
}

/* label-end() is resolved by layout, which knows the list. */
int rp_fo_set_end_indent(const struct rp_fo_assignment *a, void *field)
{
    bool label_end = false;

    if (!rp_fo_eval_length(a->value, a->p->font_size, a->parent, field,
                           &label_end))
        return 0;
    a->p->end_indent_label_end = label_end;
    a->spec->end_indent = true;
    return 1;
}

/* margin-top/bottom on blocks act as space-before/after. */
int rp_fo_set_margin(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_props *p = a->p;

    (void)field;
    if (!rp_fo_parse_sides_cached(a->cache, a->value, p->font_size, p->margin))
        return 0;
    a->spec->margin = true;
    p->space_before = p->margin[RP_FO_TOP];
    p->space_after = p->margin[RP_FO_BOTTOM];
    return 1;
}

int rp_fo_set_padding(const struct rp_fo_assignment *a, void *field)
{
    (void)field;
    return rp_fo_parse_sides_cached(a->cache, a->value, a->p->font_size,
                                    a->p->padding);
}

int rp_fo_set_border(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_border b;
    int side;

    (void)field;
    if (!rp_fo_parse_border_cached(a->cache, a->value, a->p->font_size, &b))
        return 0;
    for (side = 0; side < 4; side++)
        a->p->border[side] = b;
    return 1;
}

int rp_fo_set_display_align(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    int *align = field;

    if (!strcmp(value, "before") || !strcmp(value, "auto"))
        *align = 0;
    else if (!strcmp(value, "center"))
        *align = 1;
    else if (!strcmp(value, "after"))
        *align = 2;
    else
        return 0;
    return 1;
}

/* Left-to-right, top-to-bottom is the only mode we lay out. */
int rp_fo_set_writing_mode(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;

    (void)field;
    return !strcmp(value, "lr-tb") || !strcmp(value, "lr") ||
                   !strcmp(value, "horizontal-tb")
               ? 1
               : -1;
}

int rp_fo_set_reference_orientation(const struct rp_fo_assignment *a,
                                    void *field)
{
    return parse_orientation(a->value, field);
}

/* block-progression-dimension.minimum: a table row's minimum height. */
int rp_fo_set_min_height(const struct rp_fo_assignment *a, void *field)
{
    if (!strcmp(a->value, "auto"))
        return 1;
    return rp_fo_set_length(a, field);
}

/* A block-container's height; a table row's minimum height. */
int rp_fo_set_height(const struct rp_fo_assignment *a, void *field)
{
    struct rp_fo_length *height = field;

    if (!parse_extent(a->value, a->p->font_size, height))
        return 0;
    if (height->kind == RP_FO_LENGTH_ABSOLUTE)
        a->p->min_height = height->value;
    return 1;
}

int rp_fo_set_absolute_position(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_abs_position *position = field;

    if (!strcmp(value, "auto"))
        *position = RP_FO_ABS_AUTO;
    else if (!strcmp(value, "absolute"))
        *position = RP_FO_ABS_ABSOLUTE;
    else if (!strcmp(value, "fixed"))
        *position = RP_FO_ABS_FIXED;
    else
        return 0;
    return 1;
}

/* top, right, bottom, left. */
int rp_fo_set_offset(const struct rp_fo_assignment *a, void *field)
{
    return parse_offset(a->value, a->p->font_size, field);
}

int rp_fo_set_z_index(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    char *end;
    long n = strtol(value, &end, 10);

    if (!strcmp(value, "auto"))
        *(int *)field = 0;
    else if (end != value && !*rp_fo_skip_space(end) && n > -1000000 &&
             n < 1000000)
        *(int *)field = (int)n;
    else
        return 0;
    return 1;
}

int rp_fo_set_overflow(const struct rp_fo_assignment *a, void *field)
{
    const char *value = a->value;
    enum rp_fo_overflow *overflow = field;

    if (!strcmp(value, "visible") || !strcmp(value, "auto") ||
        !strcmp(value, "repeat"))
        *overflow = RP_FO_OVERFLOW_VISIBLE;
    else if (!strcmp(value, "hidden") || !strcmp(value, "scroll"))
        *overflow = RP_FO_OVERFLOW_HIDDEN;
    else if (!strcmp(value, "error-if-overflow"))
        *overflow = RP_FO_OVERFLOW_ERROR;
    else
        return 0;
    return 1;
}

/* width, inline-progression-dimension, column-width. */
int rp_fo_set_width(const struct rp_fo_assignment *a, void *field)
{
    return rp_fo_parse_width(a->value, a->p->font_size, field);
}
