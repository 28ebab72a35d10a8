/*
 * Property resolution: each element's properties from its parent's and its
 * own attributes, through the property table (property.c), with the
 * warnings an unsupported property gets once per document.
 */
#include "property.h"

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

/*
 * Inherited properties come along; the rest start from initial values.
 * Both computed once per document from the property table's rows.
 */
static void props_inherit(struct rp_fo_props *p,
                          const struct rp_fo_props *parent,
                          const struct rp_fo_props *initial,
                          const struct rp_fo_inherited *inherited)
{
    size_t i, at = 0;

    /* Each byte copied once: from initial up to a span, then the span. */
    for (i = 0; i < inherited->n; i++) {
        size_t offset = inherited->spans[i].offset;
        memcpy((char *)p + at, (const char *)initial + at, offset - at);
        memcpy((char *)p + offset, (const char *)parent + offset,
               inherited->spans[i].size);
        at = offset + inherited->spans[i].size;
    }
    memcpy((char *)p + at, (const char *)initial + at, sizeof(*p) - at);
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

/* Attributes whose lookup is kept between the two passes below. */
#define FOUND_KEPT 32

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

/*
 * Returned by apply_value when a shorthand or side name (margin, border,
 * padding-top ...) found its value invalid and nothing was kept to put
 * back: the element is resolved again, carefully (see below).
 */
#define APPLY_AGAIN 2

/*
 * Applies one attribute: inherit copies the parent's value; otherwise the
 * row's setter.  A setter that finds the value invalid may have written
 * part of what it names (one side of four, half a shorthand) first, so
 * what it may write is kept and put back.  A row's fields are few bytes
 * and always kept.  A shorthand or side name may write anywhere in the
 * props (about a kilobyte), and tables carry one on every cell, so
 * keeping a copy for each would be paid on every cell while invalid
 * values are rare: unless careful, none is kept and a failure says
 * APPLY_AGAIN, and the element is resolved again with careful set, which
 * keeps a copy for these too.  Otherwise returns as the setters do.
 */
static int apply_value(struct rp_fo_found f, const char *name,
                       const struct rp_fo_assignment *a, bool careful)
{
    const struct rp_fo_property_row *row = f.row;
    unsigned char kept[sizeof(struct rp_fo_props)];
    struct rp_fo_specified spec = *a->spec;
    bool whole = !row || !row->size;
    int handled;

    if (rp_fo_is_inherit(a->value))
        return rp_fo_inherit_property(f, name, a) ? 1 : -1;
    if (f.use != RP_FO_COMPONENT_WHOLE)
        return rp_fo_property_apply(f, name, a);
    if (whole && !careful) {
        handled = rp_fo_property_apply(f, name, a);
        return handled == 0 ? APPLY_AGAIN : handled;
    }
    if (whole)
        memcpy(kept, a->p, sizeof(*a->p));
    else
        memcpy(kept, (char *)a->p + row->offset, row->size);
    handled = rp_fo_property_apply(f, name, a);
    if (handled != 0)
        return handled;
    if (whole)
        memcpy(a->p, kept, sizeof(*a->p));
    else
        memcpy((char *)a->p + row->offset, kept, row->size);
    *a->spec = spec;
    return 0;
}

/*
 * The element's attributes applied to p (its inherited and initial values
 * already there).  Sets *again when a shorthand's invalid value left p
 * part-written (apply_value): the caller starts over with careful set.
 * Warnings given before that are given once (rp_fo_doc_warn_once), so
 * starting over repeats none.
 */
static enum rp_status apply_attributes(struct rp_fo_doc *doc,
                                       const struct rp_fo_elem *elem,
                                       const struct rp_fo_assignment *base,
                                       bool careful, bool *again,
                                       struct rp_error *err)
{
    struct rp_fo_assignment assign = *base;
    struct rp_fo_found found[FOUND_KEPT];
    size_t i;
    int pass;

    *again = false;
    /*
     * Two passes: the early properties (font-size), which the others'
     * lengths in em count from, then the rest in document order.
     */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < elem->n_attrs; i++) {
            const struct rp_fo_attr *attr = &elem->attrs[i];
            const char *name = attr->name;
            const char *text = attr->value;
            struct rp_fo_found f;
            int handled;
            char what[160];

            if (pass == 0) {
                if (attr->ns_href)
                    continue; /* none early */
                f = rp_fo_property_find(name);
                if (i < FOUND_KEPT)
                    found[i] = f;
                if (!f.row || !f.row->early)
                    continue;
            } else if (!attr->ns_href) {
                f = i < FOUND_KEPT ? found[i] : rp_fo_property_find(name);
                if (f.row && f.row->early)
                    continue;
            }
            /* xml:lang is language (and country); fox:alt-text has a row. */
            else if (!strcmp(attr->ns_href, RP_XML_NS) &&
                     !strcmp(name, "lang")) {
                name = "language";
                f = rp_fo_property_find(name);
            } else if (!strcmp(attr->ns_href, RP_FOX_NS) &&
                       !strcmp(name, "alt-text")) {
                name = "fox:alt-text";
                f = rp_fo_property_find(name);
            } else {
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
            assign.value = text;
            handled = apply_value(f, name, &assign, careful);
            if (handled == APPLY_AGAIN && !doc->options.strict) {
                *again = true;
                return RP_OK;
            }
            if (handled == 0 || handled == APPLY_AGAIN) {
                if (doc->options.strict)
                    return rp_error_set(err, RP_ERR_INPUT, doc->name,
                                        elem->line, name,
                                        "fo:%s: '%s' is not a valid value "
                                        "for %s (see docs/fo-subset.md)",
                                        elem->name, text, name);
                warn_invalid(doc, elem, name, text);
            }
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
    struct rp_fo_assignment assign = {p,     parent,       NULL,
                                      &spec, doc->strings, doc->values};
    enum rp_status status;
    bool again;

    props_inherit(p, parent, &doc->initial, &doc->inherited);
    status = apply_attributes(doc, elem, &assign, false, &again, err);
    if (status != RP_OK)
        return status;
    if (again) {
        /* Rare: an invalid shorthand; start over, keeping copies. */
        memset(&spec, 0, sizeof(spec));
        props_inherit(p, parent, &doc->initial, &doc->inherited);
        status = apply_attributes(doc, elem, &assign, true, &again, err);
        if (status != RP_OK)
            return status;
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
