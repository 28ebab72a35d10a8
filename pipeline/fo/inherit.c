/*
 * XSL's universal "inherit" keyword (XSL 1.1 §5.9.13 and §7.1): any
 * property may be given as inherit, and then takes its parent's computed
 * value.  For an inherited property that is what it holds already; this
 * file copies the others, which start from their initial value on every
 * element, from the parent: the box properties (borders, padding,
 * margins, spaces, background, dimensions, offsets), breaks and keeps.
 * Where a property lands is stated here as offsets into struct
 * rp_fo_props; when the property table gains its field column, that
 * column replaces this list.
 */
#include "fo_internal.h"

#include <stddef.h>
#include <string.h>

/* Where a property lands: size bytes at offset (a field or a group). */
struct landing {
    const char *name;
    size_t offset, size;
};

#define FIELD(name, field)                                                     \
    {                                                                          \
        name, offsetof(struct rp_fo_props, field),                             \
            sizeof(((struct rp_fo_props *)0)->field)                           \
    }

static const struct landing landings[] = {
    FIELD("background-color", background),
    FIELD("border", border),
    FIELD("padding", padding),
    FIELD("margin", margin),
    FIELD("space-before", space_before),
    FIELD("space-after", space_after),
    FIELD("width", width),
    FIELD("inline-progression-dimension", width),
    FIELD("column-width", column_width),
    FIELD("height", height),
    FIELD("block-progression-dimension", height),
    FIELD("break-before", break_before),
    FIELD("break-after", break_after),
    FIELD("keep-with-next", keep_with_next),
    FIELD("keep-with-previous", keep_with_previous),
    FIELD("keep-together", keep_together),
    FIELD("absolute-position", absolute_position),
    FIELD("top", offset[RP_FO_TOP]),
    FIELD("right", offset[RP_FO_RIGHT]),
    FIELD("bottom", offset[RP_FO_BOTTOM]),
    FIELD("left", offset[RP_FO_LEFT]),
    FIELD("z-index", z_index),
    FIELD("overflow", overflow),
    FIELD("reference-orientation", reference_orientation),
    FIELD("extent", extent),
    FIELD("table-layout", table_layout_fixed),
};

static void copy_field(struct rp_fo_props *p, const struct rp_fo_props *parent,
                       size_t offset, size_t size)
{
    memcpy((char *)p + offset, (const char *)parent + offset, size);
}

/*
 * margin-<side>, padding-<side>, border-<side>[-width|-style|-color] and
 * border-width|style|color (all four sides); false for another name.
 */
static bool inherit_side_property(struct rp_fo_props *p,
                                  const struct rp_fo_props *parent,
                                  const char *name)
{
    char side_name[16];
    const char *rest, *dash;
    size_t len;
    int side, from, to, i;

    if (!strncmp(name, "margin-", 7) || !strncmp(name, "padding-", 8)) {
        bool margin = name[0] == 'm';
        side = rp_fo_side_from_name(name + (margin ? 7 : 8));
        if (side < 0)
            return false;
        if (margin)
            p->margin[side] = parent->margin[side];
        else
            p->padding[side] = parent->padding[side];
        return true;
    }
    if (strncmp(name, "border-", 7) != 0)
        return false;
    rest = name + 7;
    dash = strchr(rest, '-');
    len = dash ? (size_t)(dash - rest) : strlen(rest);
    if (len >= sizeof(side_name))
        return false;
    memcpy(side_name, rest, len);
    side_name[len] = '\0';
    side = rp_fo_side_from_name(side_name);
    if (side >= 0) {
        from = to = side;
        rest = dash ? dash + 1 : "";
    } else if (!dash) {
        from = 0; /* border-width, border-style, border-color */
        to = 3;
    } else {
        return false;
    }
    for (i = from; i <= to; i++) {
        struct rp_fo_border *b = &p->border[i];
        const struct rp_fo_border *pb = &parent->border[i];
        if (!*rest) {
            *b = *pb;
        } else if (!strcmp(rest, "width")) {
            b->width = pb->width;
        } else if (!strcmp(rest, "style")) {
            b->style = pb->style;
        } else if (!strcmp(rest, "color")) {
            b->color = pb->color;
        } else {
            return false;
        }
    }
    return true;
}

bool rp_fo_is_inherit(const char *value)
{
    const char *s = rp_fo_skip_space(value);
    size_t n = strlen(s);

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        n--;
    return n == 7 && !strncmp(s, "inherit", 7);
}

bool rp_fo_inherit_property(struct rp_fo_props *p,
                            const struct rp_fo_props *parent, const char *name,
                            struct rp_fo_specified *spec)
{
    size_t i;

    /* Indents the element gives are not recomputed from its margins. */
    if (!strcmp(name, "start-indent")) {
        p->start_indent = parent->start_indent;
        spec->start_indent = true;
        return true;
    }
    if (!strcmp(name, "end-indent")) {
        p->end_indent = parent->end_indent;
        spec->end_indent = true;
        return true;
    }
    if (!strcmp(name, "text-align-last")) {
        p->text_align_last = parent->text_align_last;
        spec->text_align_last = true;
        return true;
    }
    for (i = 0; i < sizeof(landings) / sizeof(landings[0]); i++) {
        if (!strcmp(name, landings[i].name)) {
            copy_field(p, parent, landings[i].offset, landings[i].size);
            /* A table row's minimum height comes with its height. */
            if (!strcmp(name, "height") ||
                !strcmp(name, "block-progression-dimension"))
                p->min_height = parent->min_height;
            return true;
        }
    }
    return inherit_side_property(p, parent, name);
}
