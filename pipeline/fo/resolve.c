/*
 * Property resolution: each element's properties from its parent's and its
 * own attributes, through the property table (property.c), with the
 * warnings an unsupported property gets once per document.
 */
#include "fo_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/log.h"

static bool is_block_level(enum rp_fo_kind kind)
{
    return kind == RP_FO_BLOCK || kind == RP_FO_BLOCK_CONTAINER ||
           kind == RP_FO_TABLE || kind == RP_FO_LIST_BLOCK ||
           kind == RP_FO_LIST_ITEM;
}

/* Initial values (XSL 1.1 §7), which the root inherits from. */
void rp_fo_props_initial(struct rp_fo_props *p, struct rp_fo_strings *s)
{
    memset(p, 0, sizeof(*p));
    p->font_family = rp_fo_strings_intern(s, "sans-serif");
    p->font_size = 12.0;
    p->font_weight = 400;
    p->color.a = 1.0;
    p->line_height = 1.2 * 12.0;
    p->white_space_collapse = true;
    p->page_width = 595.28; /* A4, FOP's default */
    p->page_height = 841.89;
    p->columns_repeated = 1;
    p->maximum_repeats = -1;
    p->leader_opt = 12.0;
    p->leader_max = -1;
    p->rule_thickness = 1.0;
    p->rule_style = RP_FO_BORDER_SOLID;
    p->wrap = true;
    p->hyphenation_push = 2;
    p->hyphenation_remain = 2;
    p->orphans = 2;
    p->widows = 2;
    p->list_distance_between_starts = 24.0;
    p->list_label_separation = 6.0;
    p->columns_spanned = 1;
    p->rows_spanned = 1;
    p->column_count = 1;
    p->column_gap = 12.0;
}

/* Inherited properties come along; the rest start from initial values. */
static void props_inherit(struct rp_fo_props *p,
                          const struct rp_fo_props *parent,
                          const struct rp_fo_props *initial)
{
    *p = *initial; /* computed once per document, not per element */
    p->font_family = parent->font_family;
    p->font_size = parent->font_size;
    p->font_weight = parent->font_weight;
    p->font_italic = parent->font_italic;
    p->letter_spacing = parent->letter_spacing;
    p->border_separate = parent->border_separate;
    p->border_separation[0] = parent->border_separation[0];
    p->border_separation[1] = parent->border_separation[1];
    p->display_align = parent->display_align;
    p->color = parent->color;
    p->text_align = parent->text_align;
    p->text_align_last = parent->text_align_last;
    p->line_height = parent->line_height;
    p->start_indent = parent->start_indent;
    p->end_indent = parent->end_indent;
    p->text_indent = parent->text_indent;
    p->white_space_collapse = parent->white_space_collapse;
    p->linefeed_preserve = parent->linefeed_preserve;
    p->hyphenate = parent->hyphenate;
    p->language = parent->language;
    p->country = parent->country;
    p->hyphenation_push = parent->hyphenation_push;
    p->hyphenation_remain = parent->hyphenation_remain;
    p->wrap = parent->wrap;
    p->orphans = parent->orphans;
    p->widows = parent->widows;
    p->link = parent->link;
    p->link_internal = parent->link_internal;
    p->underline = parent->underline;
    p->overline = parent->overline;
    p->line_through = parent->line_through;
    p->baseline_shift = parent->baseline_shift;
    p->list_distance_between_starts = parent->list_distance_between_starts;
    p->list_label_separation = parent->list_label_separation;
}

const char *rp_fo_attr_value(const xmlAttr *attr, xmlChar **owned)
{
    const xmlNode *t = attr->children;

    *owned = NULL;
    if (!t)
        return "";
    if (t->type == XML_TEXT_NODE && !t->next && t->content)
        return (const char *)t->content;
    *owned = xmlNodeListGetString(attr->doc, attr->children, 1);
    return *owned ? (const char *)*owned : "";
}

static enum rp_status resolve_font_size(struct rp_fo_doc *doc,
                                        const struct rp_fo_elem *elem,
                                        struct rp_fo_props *p,
                                        const struct rp_fo_props *parent,
                                        struct rp_error *err)
{
    static const struct {
        const char *name;
        double pt;
    } keywords[] = {
        {"xx-small", 7.0},  {"x-small", 8.3}, {"small", 10.0},
        {"medium", 12.0},   {"large", 14.4},  {"x-large", 17.3},
        {"xx-large", 20.7},
    };
    const char *value = NULL;
    double pct, size = 0;
    size_t i;

    for (i = 0; i < elem->n_attrs && !value; i++) {
        if (!elem->attrs[i].ns_href &&
            !strcmp(elem->attrs[i].name, "font-size"))
            value = elem->attrs[i].value;
    }
    if (!value)
        return RP_OK;
    for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (!strcmp((const char *)value, keywords[i].name))
            size = keywords[i].pt;
    }
    if (!strcmp((const char *)value, "larger"))
        size = parent->font_size * 1.2;
    else if (!strcmp((const char *)value, "smaller"))
        size = parent->font_size / 1.2;
    else if (size == 0 && rp_fo_parse_percent((const char *)value, &pct))
        size = parent->font_size * pct / 100.0;
    else if (size == 0 &&
             !rp_fo_parse_length((const char *)value, parent->font_size, &size))
        size = -1;
    if (!(size > 0) || size > 10000)
        return rp_error_set(err, RP_ERR_INPUT, doc->name, elem->line,
                            "font-size",
                            "fo:%s: '%s' is not a font size (expected a "
                            "length such as 10pt, a percentage or a "
                            "keyword such as large)",
                            elem->name, value);
    p->font_size = size;
    /* A line-height given as a number scales with the new size. */
    if (parent->font_size > 0)
        p->line_height = parent->line_height * size / parent->font_size;
    return RP_OK;
}

enum rp_status rp_fo_resolve_props(struct rp_fo_doc *doc,
                                   const struct rp_fo_elem *elem,
                                   struct rp_fo_node *node,
                                   const struct rp_fo_props *parent,
                                   struct rp_error *err)
{
    struct rp_fo_props *p = &node->props;
    struct rp_fo_specified spec = {0};
    enum rp_status status;
    size_t i;

    props_inherit(p, parent, &doc->initial);
    status = resolve_font_size(doc, elem, p, parent, err);
    if (status != RP_OK)
        return status;
    for (i = 0; i < elem->n_attrs; i++) {
        const struct rp_fo_attr *attr = &elem->attrs[i];
        const char *name = attr->name;
        const char *text = attr->value;
        int handled;
        char what[160];

        /* xml:lang is language (and country); fox:alt-text has a row. */
        if (attr->ns_href && !strcmp(attr->ns_href, RP_XML_NS) &&
            !strcmp(name, "lang")) {
            name = "language";
        } else if (attr->ns_href && !strcmp(attr->ns_href, RP_FOX_NS) &&
                   !strcmp(name, "alt-text")) {
            name = "fox:alt-text";
        } else if (attr->ns_href) {
            snprintf(what, sizeof(what), "@%s:%s",
                     attr->ns_prefix ? attr->ns_prefix : "", name);
            char message[256];
            snprintf(message, sizeof(message),
                     "property %s (extension namespace %s) is not "
                     "supported; ignored",
                     what + 1, attr->ns_href);
            rp_fo_doc_warn_once(doc, what, elem->line, "%s", message);
            continue;
        }
        handled = rp_fo_apply_property(p, parent, name, text, &spec,
                                       doc->strings, doc->values);
        if (handled == 0)
            return rp_error_set(err, RP_ERR_INPUT, doc->name, elem->line, name,
                                "fo:%s: '%s' is not a valid value for %s "
                                "(see docs/fo-subset.md)",
                                elem->name, text, name);
        if (handled < 0) {
            char message[256];
            snprintf(what, sizeof(what), "@%s", name);
            snprintf(message, sizeof(message),
                     "property '%s' (on fo:%s) is not supported yet; "
                     "ignored",
                     name, elem->name);
            rp_fo_doc_warn_once(doc, what, elem->line, "%s", message);
        }
    }
    if (!spec.text_align_last)
        p->text_align_last = p->text_align == RP_FO_ALIGN_JUSTIFY
                                 ? RP_FO_ALIGN_START
                                 : p->text_align;
    /*
     * XSL §5.3.2: margins, borders and padding of a block move its content
     * edge in from the inherited indent, unless the indent is given.
     */
    if (is_block_level(node->kind)) {
        if (!spec.start_indent)
            p->start_indent = parent->start_indent + p->margin[RP_FO_LEFT] +
                              p->border[RP_FO_LEFT].width *
                                  (p->border[RP_FO_LEFT].style != 0) +
                              p->padding[RP_FO_LEFT];
        if (!spec.end_indent)
            p->end_indent = parent->end_indent + p->margin[RP_FO_RIGHT] +
                            p->border[RP_FO_RIGHT].width *
                                (p->border[RP_FO_RIGHT].style != 0) +
                            p->padding[RP_FO_RIGHT];
    }
    /*
     * A positioned block-container is a reference area placed by its
     * offsets, not by indents: its content's indents count from its own
     * content rectangle, whatever the blocks around it are indented by.
     * XSL has absolute-position on fo:block-container only.
     */
    if (p->absolute_position != RP_FO_ABS_AUTO &&
        node->kind != RP_FO_BLOCK_CONTAINER) {
        rp_fo_doc_warn_once(doc, "@absolute-position", elem->line,
                            "property 'absolute-position' (on fo:%s) applies "
                            "only to fo:block-container; ignored",
                            elem->name);
        p->absolute_position = RP_FO_ABS_AUTO;
    }
    if (p->absolute_position != RP_FO_ABS_AUTO) {
        if (!spec.start_indent)
            p->start_indent = 0;
        if (!spec.end_indent)
            p->end_indent = 0;
    }
    /*
     * A table cell's content starts at the cell's edge: indents of the
     * blocks around the table do not reach into it (as FOP lays tables
     * out, and what stylesheets expect).  fo:flow is not a reference area:
     * an indent on it (DocBook's body.start.indent) applies to all.
     */
    if (node->kind == RP_FO_TABLE_CELL && !spec.start_indent)
        p->start_indent = 0;
    if (node->kind == RP_FO_TABLE_CELL && !spec.end_indent)
        p->end_indent = 0;
    return RP_OK;
}

void rp_fo_doc_warn_once(struct rp_fo_doc *doc, const char *key, long line,
                         const char *fmt, ...)
{
    char message[512];
    va_list ap;

    if (g_hash_table_contains(doc->warned, key))
        return;
    g_hash_table_add(doc->warned, g_strdup(key));
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    rp_log_warn("%s:%ld: %s", doc->name, line, message);
}

bool rp_fo_accepts_text(enum rp_fo_kind kind)
{
    return kind == RP_FO_BLOCK || kind == RP_FO_INLINE ||
           kind == RP_FO_WRAPPER || kind == RP_FO_BASIC_LINK ||
           kind == RP_FO_BOOKMARK_TITLE || kind == RP_FO_MARKER;
}
