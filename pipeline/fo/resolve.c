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

/*
 * Distinct invalid values reported per document: one bad value repeated
 * on every cell of a long table is one line, and a document full of
 * distinct ones says so once past this many, rather than a line each.
 */
#define INVALID_WARNINGS_MAX 50

/*
 * FOP's tolerance: an attribute whose value cannot be used is ignored
 * with a warning, once per property and value.
 */
static void warn_invalid(struct rp_fo_doc *doc, const struct rp_fo_elem *elem,
                         const char *name, const char *value)
{
    char key[256];

    snprintf(key, sizeof(key), "=%s=%s", name, value);
    if (g_hash_table_contains(doc->warned, key))
        return;
    if (doc->invalid_warned >= INVALID_WARNINGS_MAX) {
        rp_fo_doc_warn_once(doc, "=", elem->line,
                            "more than %d invalid property values; the "
                            "rest are ignored without a warning",
                            INVALID_WARNINGS_MAX);
        return;
    }
    doc->invalid_warned++;
    rp_fo_doc_warn_once(doc, key, elem->line,
                        "fo:%s: '%s' is not a valid value for %s; ignored, "
                        "its inherited or initial value applies (see "
                        "docs/fo-subset.md)",
                        elem->name, value, name);
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
    double size = 0;
    size_t i;

    for (i = 0; i < elem->n_attrs && !value; i++) {
        if (!elem->attrs[i].ns_href &&
            !strcmp(elem->attrs[i].name, "font-size"))
            value = elem->attrs[i].value;
    }
    if (!value || rp_fo_is_inherit(value))
        return RP_OK; /* the parent's size, as inherit asks */
    for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (!strcmp((const char *)value, keywords[i].name))
            size = keywords[i].pt;
    }
    if (!strcmp((const char *)value, "larger"))
        size = parent->font_size * 1.2;
    else if (!strcmp((const char *)value, "smaller"))
        size = parent->font_size / 1.2;
    else if (size == 0 && !rp_fo_parse_length_of(value, parent->font_size,
                                                 parent->font_size, &size))
        size = -1; /* percentages (150% - 5pt too) are of the parent's */
    if (!(size > 0) || size > 10000) {
        if (doc->options.strict)
            return rp_error_set(err, RP_ERR_INPUT, doc->name, elem->line,
                                "font-size",
                                "fo:%s: '%s' is not a font size (expected a "
                                "length such as 10pt, a percentage or a "
                                "keyword such as large)",
                                elem->name, value);
        warn_invalid(doc, elem, "font-size", value);
        return RP_OK; /* the parent's size */
    }
    p->font_size = size;
    /* A line-height given as a number scales with the new size. */
    if (parent->font_size > 0)
        p->line_height = parent->line_height * size / parent->font_size;
    return RP_OK;
}

/*
 * Applies one attribute: 1 when it was applied or ignored (with the
 * warning for a property we do not support), 0 when its value is
 * invalid.  *name is set to the property's name, for messages.
 */
static int apply_attribute(struct rp_fo_doc *doc, const struct rp_fo_elem *elem,
                           const struct rp_fo_attr *attr, struct rp_fo_props *p,
                           const struct rp_fo_props *parent,
                           struct rp_fo_specified *spec, const char **name_out)
{
    const char *name = attr->name;
    const char *text = attr->value;
    int handled;
    char what[160];
    char message[256];

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
        snprintf(message, sizeof(message),
                 "property %s (extension namespace %s) is not "
                 "supported; ignored",
                 what + 1, attr->ns_href);
        rp_fo_doc_warn_once(doc, what, elem->line, "%s", message);
        return 1;
    }
    *name_out = name;
    if (rp_fo_is_inherit(text)) {
        struct rp_fo_props scratch;
        struct rp_fo_specified scratch_spec;
        if (rp_fo_inherit_property(p, parent, name, spec))
            return 1;
        /* An inherited property holds its parent's value already; only
         * ask whether the property is one we know, on a copy. */
        scratch = *p;
        scratch_spec = *spec;
        handled =
            rp_fo_apply_property(&scratch, parent, name, text, &scratch_spec,
                                 doc->strings, doc->values);
    } else {
        handled = rp_fo_apply_property(p, parent, name, text, spec,
                                       doc->strings, doc->values);
    }
    if (handled < 0) {
        snprintf(what, sizeof(what), "@%s", name);
        snprintf(message, sizeof(message),
                 "property '%s' (on fo:%s) is not supported yet; "
                 "ignored",
                 name, elem->name);
        rp_fo_doc_warn_once(doc, what, elem->line, "%s", message);
        return 1;
    }
    return handled > 0 || rp_fo_is_inherit(text);
}

/*
 * The attributes in order.  An invalid value may have set part of what
 * it names (one side of four) before it was found wanting, so the first
 * one found starts the element again, without it and with each further
 * attribute applied to a copy that is kept only when valid: documents
 * without invalid values pay for no copies.
 */
static enum rp_status
apply_attributes(struct rp_fo_doc *doc, const struct rp_fo_elem *elem,
                 struct rp_fo_props *p, const struct rp_fo_props *parent,
                 struct rp_fo_specified *spec, struct rp_error *err)
{
    size_t i, bad = elem->n_attrs;
    enum rp_status status;

    for (i = 0; i < elem->n_attrs; i++) {
        const char *name = elem->attrs[i].name;
        if (apply_attribute(doc, elem, &elem->attrs[i], p, parent, spec, &name))
            continue;
        if (doc->options.strict)
            return rp_error_set(err, RP_ERR_INPUT, doc->name, elem->line, name,
                                "fo:%s: '%s' is not a valid value for %s "
                                "(see docs/fo-subset.md)",
                                elem->name, elem->attrs[i].value, name);
        warn_invalid(doc, elem, name, elem->attrs[i].value);
        bad = i;
        break;
    }
    if (bad == elem->n_attrs)
        return RP_OK;
    props_inherit(p, parent, &doc->initial);
    memset(spec, 0, sizeof(*spec));
    status = resolve_font_size(doc, elem, p, parent, err);
    if (status != RP_OK)
        return status;
    for (i = 0; i < elem->n_attrs; i++) {
        struct rp_fo_props before;
        struct rp_fo_specified spec_before;
        const char *name = elem->attrs[i].name;
        if (i == bad)
            continue;
        before = *p;
        spec_before = *spec;
        if (apply_attribute(doc, elem, &elem->attrs[i], p, parent, spec, &name))
            continue;
        *p = before;
        *spec = spec_before;
        warn_invalid(doc, elem, name, elem->attrs[i].value);
    }
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

    props_inherit(p, parent, &doc->initial);
    status = resolve_font_size(doc, elem, p, parent, err);
    if (status != RP_OK)
        return status;
    status = apply_attributes(doc, elem, p, parent, &spec, err);
    if (status != RP_OK)
        return status;
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
    if (doc->options.quiet)
        return;
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
