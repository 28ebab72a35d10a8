/*
 * XSL's universal "inherit" keyword (XSL 1.1 §5.9.13 and §7.1): any
 * property may be given as inherit, and then takes its parent's computed
 * value.  A property with a row copies the row's fields (offset, size)
 * from the parent: for an inherited property that is what it holds
 * already, the others start from their initial value on every element.
 * The shorthands margin, padding and border and the side names
 * (margin-top, border-before-width ...) have no row fields; this file
 * names what they land in.
 */
#include "property.h"

#include <string.h>

/*
 * margin, padding, border (shorthands), margin-<side>, padding-<side>,
 * border-<side>[-width|-style|-color] and border-width|style|color (all
 * four sides); false for another name.
 */
static bool inherit_box_property(struct rp_fo_props *p,
                                 const struct rp_fo_props *parent,
                                 const char *name)
{
    char side_name[16];
    const char *rest, *dash;
    size_t len;
    int side, from, to, i;

    if (!strcmp(name, "margin")) {
        memcpy(p->margin, parent->margin, sizeof(p->margin));
        return true;
    }
    if (!strcmp(name, "padding")) {
        memcpy(p->padding, parent->padding, sizeof(p->padding));
        return true;
    }
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
    if (!strcmp(name, "border")) {
        memcpy(p->border, parent->border, sizeof(p->border));
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

bool rp_fo_inherit_property(struct rp_fo_found found, const char *name,
                            const struct rp_fo_assignment *a)
{
    const struct rp_fo_property_row *row = found.row;
    const char *dot;
    char base[64];

    if (found.use == RP_FO_COMPONENT_UNKNOWN)
        return false;
    if (row && row->size) {
        memcpy((char *)a->p + row->offset,
               (const char *)a->parent + row->offset, row->size);
        /* Indents the element gives are not recomputed from its margins. */
        if (!strcmp(row->name, "start-indent"))
            a->spec->start_indent = true;
        else if (!strcmp(row->name, "end-indent"))
            a->spec->end_indent = true;
        else if (!strcmp(row->name, "text-align-last"))
            a->spec->text_align_last = true;
        /* A table row's minimum height comes with its height. */
        else if (row->set == rp_fo_set_height)
            a->p->min_height = a->parent->min_height;
        return true;
    }
    if (row && inherit_box_property(a->p, a->parent, row->name))
        return true;
    if (row)
        return true; /* font, white-space, writing-mode: parts inherited */
    dot = strchr(name, '.');
    if (dot && (size_t)(dot - name) < sizeof(base)) {
        memcpy(base, name, (size_t)(dot - name));
        base[dot - name] = '\0';
        name = base;
    }
    return inherit_box_property(a->p, a->parent, name);
}
