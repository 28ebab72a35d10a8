/*
 * Box properties, applied to an element's props: indents and spaces,
 * margins, padding, borders and background, the width and height of
 * areas and the alignment inside them, and where a positioned
 * block-container goes (absolute-position, offsets, z-index, overflow).
 * Also the properties named for one side (margin-top, padding-start,
 * border-after-color ...), which are not rows of the property table.
 */
#include "fo_internal.h"

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

int rp_fo_apply_box_property(enum rp_fo_property property,
                             const struct rp_fo_assignment *assign)
{
    struct rp_fo_props *p = assign->p;
    const struct rp_fo_props *parent = assign->parent;
    const char *name = assign->name, *value = assign->value;
    struct rp_fo_specified *spec = assign->spec;
    struct rp_fo_value_cache *cache = assign->cache;
    double len;
    int side;

    switch (property) {
    case RP_FO_PROP_BACKGROUND_COLOR:
        return rp_fo_parse_color(value, &p->background);
    case RP_FO_PROP_START_INDENT:
    case RP_FO_PROP_END_INDENT: {
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
    case RP_FO_PROP_SPACE_BEFORE:
        return rp_fo_parse_length(value, p->font_size, &p->space_before);
    case RP_FO_PROP_SPACE_AFTER:
        return rp_fo_parse_length(value, p->font_size, &p->space_after);
    case RP_FO_PROP_MARGIN:
        if (!rp_fo_parse_sides_cached(cache, value, p->font_size, p->margin))
            return 0;
        spec->margin = true;
        p->space_before = p->margin[RP_FO_TOP];
        p->space_after = p->margin[RP_FO_BOTTOM];
        break;
    case RP_FO_PROP_PADDING:
        return rp_fo_parse_sides_cached(cache, value, p->font_size, p->padding);
    case RP_FO_PROP_BORDER: {
        struct rp_fo_border b;
        if (!rp_fo_parse_border_cached(cache, value, p->font_size, &b))
            return 0;
        for (side = 0; side < 4; side++)
            p->border[side] = b;
        break;
    }
    case RP_FO_PROP_DISPLAY_ALIGN:
        if (!strcmp(value, "before") || !strcmp(value, "auto"))
            p->display_align = 0;
        else if (!strcmp(value, "center"))
            p->display_align = 1;
        else if (!strcmp(value, "after"))
            p->display_align = 2;
        else
            return 0;
        break;
    case RP_FO_PROP_WRITING_MODE:
        /* Left-to-right, top-to-bottom is the only mode we lay out. */
        return !strcmp(value, "lr-tb") || !strcmp(value, "lr") ||
                       !strcmp(value, "horizontal-tb")
                   ? 1
                   : -1;
    case RP_FO_PROP_REFERENCE_ORIENTATION:
        return parse_orientation(value, &p->reference_orientation);
    case RP_FO_PROP_RELATIVE_ALIGN:
        /* Only matters with several columns or scripts we do not mix. */
        return 1;
    case RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION_MINIMUM:
        if (!strcmp(value, "auto"))
            return 1;
        return rp_fo_parse_length(value, p->font_size, &p->min_height);
    case RP_FO_PROP_BLOCK_PROGRESSION_DIMENSION:
    case RP_FO_PROP_HEIGHT:
        /* A block-container's height; a table row's minimum height. */
        if (!parse_extent(value, p->font_size, &p->height))
            return 0;
        if (p->height.kind == RP_FO_LENGTH_ABSOLUTE)
            p->min_height = p->height.value;
        break;
    case RP_FO_PROP_ABSOLUTE_POSITION:
        if (!strcmp(value, "auto"))
            p->absolute_position = RP_FO_ABS_AUTO;
        else if (!strcmp(value, "absolute"))
            p->absolute_position = RP_FO_ABS_ABSOLUTE;
        else if (!strcmp(value, "fixed"))
            p->absolute_position = RP_FO_ABS_FIXED;
        else
            return 0;
        break;
    case RP_FO_PROP_TOP:
    case RP_FO_PROP_RIGHT:
    case RP_FO_PROP_BOTTOM:
    case RP_FO_PROP_LEFT:
        return parse_offset(value, p->font_size,
                            &p->offset[rp_fo_side_from_name(name)]);
    case RP_FO_PROP_Z_INDEX: {
        char *end;
        long n = strtol(value, &end, 10);
        if (!strcmp(value, "auto"))
            p->z_index = 0;
        else if (end != value && !*rp_fo_skip_space(end) && n > -1000000 &&
                 n < 1000000)
            p->z_index = (int)n;
        else
            return 0;
        break;
    }
    case RP_FO_PROP_OVERFLOW:
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
    case RP_FO_PROP_WIDTH:
    case RP_FO_PROP_COLUMN_WIDTH:
    case RP_FO_PROP_INLINE_PROGRESSION_DIMENSION: {
        struct rp_fo_length *l = name[0] == 'c' ? &p->column_width : &p->width;
        return rp_fo_parse_width(value, p->font_size, l);
    }
    default:
        return -1; /* not of this family: see the table in property.c */
    }
    return 1;
}
