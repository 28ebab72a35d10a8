/*
 * FO documents: elements mapped to kinds, each element's properties
 * resolved against its parent's, and the stream that hands elements to
 * layout one at a time, from an xmlDoc or from a file through
 * xmlTextReader (as events from events.c).  Both sources describe an
 * element the same way (struct rp_fo_elem) for property resolution, which
 * stays on the calling thread with the document's caches.
 */
#include "fo_internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/xmlreader.h>

#include "common/log.h"
#include "common/mem.h"
#include "common/xml.h"

#define FO_NS RP_FO_NS

/* rp_fo_node.flags */
enum {
    NODE_MATERIALISED = 1 << 0, /* children are in first_child... */
    NODE_IN_TREE = 1 << 1,      /* freed with its materialised parent */
    NODE_KEPT = 1 << 2,         /* the caller frees it */
    NODE_CLOSED = 1 << 3,       /* file source: its end tag is consumed */
};

/* File source: one open element on the reader's path. */
struct open_element {
    int depth;
};

struct rp_fo_doc {
    char *name;
    const xmlDoc *xml;            /* in-memory source, not owned; or NULL */
    char *path;                   /* file source */
    struct rp_fo_events *events;  /* file source, open while reading */
    struct rp_fo_attr *xml_attrs; /* in-memory source: the element's */
    size_t cap_xml_attrs;
    xmlChar **xml_owned; /* attribute values to xmlFree() */
    size_t n_xml_owned, cap_xml_owned;
    struct open_element *open;
    size_t n_open, cap_open;
    struct rp_fo_strings *strings;
    struct rp_fo_value_cache *values;
    GHashTable *warned;         /* keys already reported */
    GHashTable *masters;        /* master-name -> simple-page-master node */
    struct rp_fo_node base;     /* parent of root: the initial values */
    struct rp_fo_props initial; /* the initial values, copied per element */
    struct rp_fo_node *root;
    struct rp_fo_node *retained; /* layout-master-set, declarations, ... */
    struct rp_fo_node *first_sequence; /* read while opening */
    struct rp_fo_metadata metadata;
    int has_citations; /* -1: not known yet */
};

struct rp_fo_strings {
    GHashTable *set; /* string -> itself; owns the keys */
};

struct rp_fo_strings *rp_fo_strings_new(void)
{
    struct rp_fo_strings *strings = rp_xcalloc(1, sizeof(*strings));
    strings->set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return strings;
}

void rp_fo_strings_free(struct rp_fo_strings *strings)
{
    if (!strings)
        return;
    g_hash_table_destroy(strings->set);
    free(strings);
}

const char *rp_fo_strings_intern(struct rp_fo_strings *strings, const char *s)
{
    char *found = g_hash_table_lookup(strings->set, s);
    if (!found) {
        found = g_strdup(s);
        g_hash_table_insert(strings->set, found, found);
    }
    return found;
}

static const struct {
    const char *name;
    enum rp_fo_kind kind;
} fo_elements[] = {
    {"root", RP_FO_ROOT},
    {"layout-master-set", RP_FO_LAYOUT_MASTER_SET},
    {"simple-page-master", RP_FO_SIMPLE_PAGE_MASTER},
    {"region-body", RP_FO_REGION_BODY},
    {"region-before", RP_FO_REGION_BEFORE},
    {"region-after", RP_FO_REGION_AFTER},
    {"region-start", RP_FO_REGION_START},
    {"region-end", RP_FO_REGION_END},
    {"page-sequence", RP_FO_PAGE_SEQUENCE},
    {"static-content", RP_FO_STATIC_CONTENT},
    {"flow", RP_FO_FLOW},
    {"block", RP_FO_BLOCK},
    {"block-container", RP_FO_BLOCK_CONTAINER},
    {"inline", RP_FO_INLINE},
    {"wrapper", RP_FO_WRAPPER},
    {"page-number", RP_FO_PAGE_NUMBER},
    {"page-number-citation", RP_FO_PAGE_NUMBER_CITATION},
    {"page-number-citation-last", RP_FO_PAGE_NUMBER_CITATION_LAST},
    {"table", RP_FO_TABLE},
    {"table-column", RP_FO_TABLE_COLUMN},
    {"table-header", RP_FO_TABLE_HEADER},
    {"table-footer", RP_FO_TABLE_FOOTER},
    {"table-body", RP_FO_TABLE_BODY},
    {"table-row", RP_FO_TABLE_ROW},
    {"table-cell", RP_FO_TABLE_CELL},
    {"declarations", RP_FO_DECLARATIONS},
    {"list-block", RP_FO_LIST_BLOCK},
    {"list-item", RP_FO_LIST_ITEM},
    {"list-item-label", RP_FO_LIST_ITEM_LABEL},
    {"list-item-body", RP_FO_LIST_ITEM_BODY},
    {"basic-link", RP_FO_BASIC_LINK},
    {"character", RP_FO_CHARACTER},
    {"bookmark-tree", RP_FO_BOOKMARK_TREE},
    {"bookmark", RP_FO_BOOKMARK},
    {"bookmark-title", RP_FO_BOOKMARK_TITLE},
    {"page-sequence-master", RP_FO_PAGE_SEQUENCE_MASTER},
    {"single-page-master-reference", RP_FO_SINGLE_PAGE_MASTER_REFERENCE},
    {"repeatable-page-master-reference",
     RP_FO_REPEATABLE_PAGE_MASTER_REFERENCE},
    {"repeatable-page-master-alternatives",
     RP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES},
    {"conditional-page-master-reference",
     RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE},
    {"leader", RP_FO_LEADER},
    {"marker", RP_FO_MARKER},
    {"retrieve-marker", RP_FO_RETRIEVE_MARKER},
};

const char *rp_fo_kind_name(enum rp_fo_kind kind)
{
    size_t i;
    if (kind == RP_FO_TEXT)
        return "#text";
    for (i = 0; i < sizeof(fo_elements) / sizeof(fo_elements[0]); i++) {
        if (fo_elements[i].kind == kind)
            return fo_elements[i].name;
    }
    return "?";
}

#define N_FO_ELEMENTS (sizeof(fo_elements) / sizeof(fo_elements[0]))

static int compare_element_names(const void *a, const void *b)
{
    return strcmp(fo_elements[*(const size_t *)a].name,
                  fo_elements[*(const size_t *)b].name);
}

static int find_element_name(const void *key, const void *entry)
{
    return strcmp(key, fo_elements[*(const size_t *)entry].name);
}

static size_t sorted_elements[N_FO_ELEMENTS];

static void sort_elements(void)
{
    size_t i;
    for (i = 0; i < N_FO_ELEMENTS; i++)
        sorted_elements[i] = i;
    qsort(sorted_elements, N_FO_ELEMENTS, sizeof(sorted_elements[0]),
          compare_element_names);
}

/*
 * Every element of a document is looked up: by binary search.  The file
 * source's producer thread calls this too, hence pthread_once.
 */
int rp_fo_kind_of(const char *ns, const char *name)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    const size_t *found;

    if (!ns || strcmp(ns, FO_NS) != 0)
        return -1;
    pthread_once(&once, sort_elements);
    found = bsearch(name, sorted_elements, N_FO_ELEMENTS,
                    sizeof(sorted_elements[0]), find_element_name);
    return found ? (int)fo_elements[*found].kind : -1;
}

static int kind_of(const xmlNode *node)
{
    return rp_fo_kind_of(node->ns ? (const char *)node->ns->href : NULL,
                         (const char *)node->name);
}

static bool is_block_level(enum rp_fo_kind kind)
{
    return kind == RP_FO_BLOCK || kind == RP_FO_BLOCK_CONTAINER ||
           kind == RP_FO_TABLE || kind == RP_FO_LIST_BLOCK ||
           kind == RP_FO_LIST_ITEM;
}

/* Initial values (XSL 1.1 §7), which the root inherits from. */
static void props_initial(struct rp_fo_props *p, struct rp_fo_strings *s)
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

static enum rp_status resolve_props(struct rp_fo_doc *doc,
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

        if (attr->ns_href) {
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

static void node_free_list(struct rp_fo_node *node)
{
    while (node) {
        struct rp_fo_node *next = node->next;
        node_free_list(node->first_child);
        free(node->text);
        free(node);
        node = next;
    }
}

void rp_fo_node_free(struct rp_fo_node *node)
{
    if (!node)
        return;
    node_free_list(node->first_child);
    free(node->text);
    free(node);
}

void rp_fo_node_keep(struct rp_fo_node *node)
{
    node->flags |= NODE_KEPT;
}

static struct rp_fo_node *node_copy(const struct rp_fo_node *node)
{
    struct rp_fo_node *copy = rp_xmalloc(sizeof(*copy));
    const struct rp_fo_node *c;

    *copy = *node;
    copy->text = node->text ? rp_xstrdup(node->text) : NULL;
    copy->first_child = copy->last_child = copy->next = NULL;
    copy->flags = NODE_MATERIALISED | NODE_CLOSED;
    copy->src = copy->src_next = NULL;
    for (c = node->first_child; c; c = c->next) {
        struct rp_fo_node *cc = node_copy(c);
        cc->flags |= NODE_IN_TREE;
        if (copy->last_child)
            copy->last_child->next = cc;
        else
            copy->first_child = cc;
        copy->last_child = cc;
    }
    return copy;
}

struct rp_fo_node *rp_fo_node_take(struct rp_fo_node *node)
{
    if (!(node->flags & NODE_IN_TREE)) {
        node->flags |= NODE_KEPT;
        return node;
    }
    return node_copy(node);
}

/* Frees a child handed out by rp_fo_next_child() unless someone owns it. */
void rp_fo_node_done(struct rp_fo_node *child)
{
    if (child && !(child->flags & (NODE_IN_TREE | NODE_KEPT)))
        rp_fo_node_free(child);
}

static struct rp_fo_node *text_node(const char *text, long line,
                                    const struct rp_fo_node *parent)
{
    struct rp_fo_node *node = rp_xcalloc(1, sizeof(*node));
    node->kind = RP_FO_TEXT;
    node->text = rp_xstrdup(text);
    node->line = line;
    node->depth = parent->depth + 1;
    node->props = parent->props;
    node->flags = NODE_MATERIALISED | NODE_CLOSED;
    return node;
}

/* what (an element) at line nests deeper than RP_FO_MAX_DEPTH. */
static enum rp_status too_deep(struct rp_fo_doc *doc, long line,
                               const char *what, struct rp_error *err)
{
    return rp_error_set(err, RP_ERR_INPUT, doc->name, line, NULL,
                        "%s is nested more than %d elements deep, more than "
                        "reportpipe lays out; flatten the document (a block "
                        "or inline that sets no property can go)",
                        what, RP_FO_MAX_DEPTH);
}

/*
 * Makes the node for element elem (a child of parent), or *out = NULL for
 * an element outside the subset, which is reported and must be skipped.
 */
static enum rp_status element_node(struct rp_fo_doc *doc,
                                   const struct rp_fo_elem *elem,
                                   const struct rp_fo_node *parent,
                                   struct rp_fo_node **out,
                                   struct rp_error *err)
{
    int kind = elem->kind;
    struct rp_fo_node *node;
    enum rp_status status;

    *out = NULL;
    /* FOP's fox:destination names a destination: every id is one here. */
    if (kind < 0 && elem->ns_href &&
        !strcmp(elem->ns_href,
                "http://xmlgraphics.apache.org/fop/extensions") &&
        !strcmp(elem->name, "destination"))
        return RP_OK;
    if (kind < 0) {
        char what[160];
        const char *prefix =
            elem->ns_href && elem->ns_prefix ? elem->ns_prefix : "";
        snprintf(what, sizeof(what), "%s:%s", prefix, elem->name);
        rp_fo_doc_warn_once(doc, what, elem->line,
                            "element %s%s%s is not supported yet; it and its "
                            "content are skipped",
                            prefix, *prefix ? ":" : "", elem->name);
        return RP_OK;
    }
    /* Every walk of the tree recurses: its depth is bounded here, once. */
    if (parent->depth + 1 > RP_FO_MAX_DEPTH) {
        char what[160];
        snprintf(what, sizeof(what), "fo:%s", elem->name);
        return too_deep(doc, elem->line, what, err);
    }
    node = rp_xcalloc(1, sizeof(*node));
    node->kind = (enum rp_fo_kind)kind;
    node->line = elem->line;
    node->depth = parent->depth + 1;
    status = resolve_props(doc, elem, node, &parent->props, err);
    if (status != RP_OK) {
        free(node);
        return status;
    }
    *out = node;
    return RP_OK;
}

/* ---- the in-memory source ------------------------------------------------ */

/*
 * Describes n for element_node(); the description borrows from n and from
 * doc's scratch arrays until xml_elem_release().
 */
static void xml_elem_describe(struct rp_fo_doc *doc, const xmlNode *n,
                              struct rp_fo_elem *elem)
{
    const xmlAttr *a;
    size_t i = 0;

    elem->kind = kind_of(n);
    elem->name = (const char *)n->name;
    elem->ns_href = n->ns ? (const char *)n->ns->href : NULL;
    elem->ns_prefix = n->ns ? (const char *)n->ns->prefix : NULL;
    elem->line = xmlGetLineNo(n);
    for (a = n->properties; a; a = a->next, i++) {
        struct rp_fo_attr *attr;
        xmlChar *owned;

        rp_array_grow((void **)&doc->xml_attrs, &doc->cap_xml_attrs, i + 1,
                      sizeof(*doc->xml_attrs));
        attr = &doc->xml_attrs[i];
        attr->name = (const char *)a->name;
        attr->ns_href = a->ns ? (const char *)a->ns->href : NULL;
        attr->ns_prefix = a->ns ? (const char *)a->ns->prefix : NULL;
        attr->value = rp_fo_attr_value(a, &owned);
        if (owned) {
            rp_array_grow((void **)&doc->xml_owned, &doc->cap_xml_owned,
                          doc->n_xml_owned + 1, sizeof(*doc->xml_owned));
            doc->xml_owned[doc->n_xml_owned++] = owned;
        }
    }
    elem->attrs = doc->xml_attrs;
    elem->n_attrs = i;
}

static void xml_elem_release(struct rp_fo_doc *doc)
{
    while (doc->n_xml_owned > 0)
        xmlFree(doc->xml_owned[--doc->n_xml_owned]);
}

static enum rp_status xml_element_node(struct rp_fo_doc *doc, const xmlNode *n,
                                       const struct rp_fo_node *parent,
                                       struct rp_fo_node **out,
                                       struct rp_error *err)
{
    struct rp_fo_elem elem;
    enum rp_status status;

    xml_elem_describe(doc, n, &elem);
    status = element_node(doc, &elem, parent, out, err);
    xml_elem_release(doc);
    return status;
}

static enum rp_status xml_next_child(struct rp_fo_doc *doc,
                                     struct rp_fo_node *parent,
                                     struct rp_fo_node **child,
                                     struct rp_error *err)
{
    const xmlNode *n;
    enum rp_status status;

    *child = NULL;
    while ((n = parent->src_next) != NULL) {
        parent->src_next = n->next;
        if (n->type == XML_ELEMENT_NODE) {
            status = xml_element_node(doc, n, parent, child, err);
            if (status != RP_OK)
                return status;
            if (!*child)
                continue;
            (*child)->src = n;
            (*child)->src_next = n->children;
            return RP_OK;
        }
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            rp_fo_accepts_text(parent->kind)) {
            *child =
                text_node((const char *)n->content, xmlGetLineNo(n), parent);
            return RP_OK;
        }
    }
    return RP_OK;
}

/* ---- the file source ----------------------------------------------------- */

/*
 * libxml2 stops a file at 256 levels (XML_PARSE_HUGE, which would raise
 * it, also lifts its other limits), and its reader says so before it
 * hands over the elements read up to there, so before element_node()
 * sees one too deep: the same fault, said the same way.
 */
static bool is_depth_error(const char *message)
{
    return message && strstr(message, "Excessive depth in document");
}

static enum rp_status reader_failed(struct rp_fo_doc *doc,
                                    xmlTextReader *reader, struct rp_error *err)
{
    const xmlError *e = xmlGetLastError();

    if (e && is_depth_error(e->message))
        return too_deep(doc, e->line, "an element", err);
    return rp_xml_parse_failed(e, doc->name,
                               xmlTextReaderGetParserLineNumber(reader), err);
}

/* The same message as reader_failed(), from what the reader's thread saw. */
static enum rp_status event_failed(struct rp_fo_doc *doc,
                                   const struct rp_fo_event *ev,
                                   struct rp_error *err)
{
    if (is_depth_error(ev->text))
        return too_deep(doc, ev->line, "an element", err);
    return rp_error_set(err, RP_ERR_INPUT, doc->name, ev->line, NULL, "%s",
                        ev->text ? ev->text : "cannot read the FO document");
}

static void push_open(struct rp_fo_doc *doc, int depth)
{
    rp_array_grow((void **)&doc->open, &doc->cap_open, doc->n_open + 1,
                  sizeof(*doc->open));
    doc->open[doc->n_open].depth = depth;
    doc->n_open++;
}

/* Consumes the rest of the innermost open element, end tag included. */
static enum rp_status skip_open(struct rp_fo_doc *doc, struct rp_error *err)
{
    int depth = doc->open[--doc->n_open].depth;

    for (;;) {
        const struct rp_fo_event *ev = rp_fo_events_next(doc->events);

        if (ev->type == RP_FO_EVENT_ERROR)
            return event_failed(doc, ev, err);
        if (ev->type == RP_FO_EVENT_END_DOCUMENT)
            return rp_error_set(err, RP_ERR_INPUT, doc->name, 0, NULL,
                                "the document ends inside an element");
        if (ev->type == RP_FO_EVENT_END && ev->depth == depth)
            return RP_OK;
    }
}

static enum rp_status file_next_child(struct rp_fo_doc *doc,
                                      struct rp_fo_node *parent,
                                      struct rp_fo_node **child,
                                      struct rp_error *err)
{
    enum rp_status status;

    *child = NULL;
    if (parent->flags & NODE_CLOSED)
        return RP_OK;
    /* Finish whatever of parent's earlier children was left unread. */
    while (doc->n_open > 0 &&
           doc->open[doc->n_open - 1].depth > parent->depth) {
        status = skip_open(doc, err);
        if (status != RP_OK)
            return status;
    }
    for (;;) {
        const struct rp_fo_event *ev = rp_fo_events_next(doc->events);

        if (ev->type == RP_FO_EVENT_ERROR)
            return event_failed(doc, ev, err);
        if (ev->type == RP_FO_EVENT_END_DOCUMENT)
            return rp_error_set(err, RP_ERR_INPUT, doc->name, 0, NULL,
                                "the document ends inside fo:%s",
                                rp_fo_kind_name(parent->kind));
        if (ev->type == RP_FO_EVENT_END && ev->depth == parent->depth) {
            parent->flags |= NODE_CLOSED;
            if (doc->n_open > 0 &&
                doc->open[doc->n_open - 1].depth == parent->depth)
                doc->n_open--;
            return RP_OK;
        }
        if (ev->type == RP_FO_EVENT_START) {
            status = element_node(doc, &ev->elem, parent, child, err);
            if (status != RP_OK)
                return status;
            if (!*child) {
                if (!ev->empty) {
                    push_open(doc, ev->depth);
                    status = skip_open(doc, err);
                    if (status != RP_OK)
                        return status;
                }
                continue;
            }
            (*child)->depth = ev->depth;
            if (ev->empty)
                (*child)->flags |= NODE_CLOSED;
            else
                push_open(doc, ev->depth);
            return RP_OK;
        }
        /* Events bring text only where the element takes it. */
        if (ev->type == RP_FO_EVENT_TEXT && rp_fo_accepts_text(parent->kind)) {
            *child = text_node(ev->text, ev->line, parent);
            return RP_OK;
        }
    }
}

/* ---- the stream, whatever the source ------------------------------------- */

enum rp_status rp_fo_next_child(struct rp_fo_doc *doc,
                                struct rp_fo_node *parent,
                                struct rp_fo_node **child, struct rp_error *err)
{
    struct rp_fo_node *prev = *child;

    if (parent->flags & NODE_MATERIALISED) {
        *child = prev ? prev->next : parent->first_child;
        return RP_OK;
    }
    rp_fo_node_done(prev);
    *child = NULL;
    /* The first page sequence was read while opening the document. */
    if (parent == doc->root && doc->first_sequence) {
        *child = doc->first_sequence;
        (*child)->flags &= ~(unsigned)NODE_KEPT;
        doc->first_sequence = NULL;
        return RP_OK;
    }
    return doc->xml ? xml_next_child(doc, parent, child, err)
                    : file_next_child(doc, parent, child, err);
}

static void node_append(struct rp_fo_node *parent, struct rp_fo_node *child)
{
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

enum rp_status rp_fo_materialize(struct rp_fo_doc *doc, struct rp_fo_node *node,
                                 struct rp_error *err)
{
    struct rp_fo_node *child = NULL;
    enum rp_status status = RP_OK;

    if (node->flags & NODE_MATERIALISED)
        return RP_OK;
    for (;;) {
        struct rp_fo_node *next;
        /* Read the next child without releasing the one kept in the list. */
        status = doc->xml ? xml_next_child(doc, node, &next, err)
                          : file_next_child(doc, node, &next, err);
        if (status != RP_OK || !next)
            break;
        next->flags |= NODE_IN_TREE;
        node_append(node, next);
        child = next;
        status = rp_fo_materialize(doc, child, err);
        if (status != RP_OK)
            break;
    }
    node->flags |= NODE_MATERIALISED;
    return status;
}

const struct rp_fo_node *rp_fo_child(const struct rp_fo_node *parent,
                                     enum rp_fo_kind kind)
{
    const struct rp_fo_node *c;
    for (c = parent->first_child; c; c = c->next) {
        if (c->kind == kind)
            return c;
    }
    return NULL;
}

/* ---- opening: the root and what precedes the first page sequence -------- */

static void retain(struct rp_fo_doc *doc, struct rp_fo_node *node)
{
    node->flags |= NODE_KEPT;
    node->next = doc->retained;
    doc->retained = node;
}

const struct rp_fo_node *rp_fo_doc_layout_masters(const struct rp_fo_doc *doc)
{
    const struct rp_fo_node *n;
    for (n = doc->retained; n; n = n->next) {
        if (n->kind == RP_FO_LAYOUT_MASTER_SET)
            return n;
    }
    return NULL;
}

const struct rp_fo_node *rp_fo_doc_bookmarks(const struct rp_fo_doc *doc)
{
    const struct rp_fo_node *n;
    for (n = doc->retained; n; n = n->next) {
        if (n->kind == RP_FO_BOOKMARK_TREE)
            return n;
    }
    return NULL;
}

static void register_masters(struct rp_fo_doc *doc,
                             const struct rp_fo_node *set)
{
    const struct rp_fo_node *m;
    for (m = set->first_child; m; m = m->next) {
        if ((m->kind == RP_FO_SIMPLE_PAGE_MASTER ||
             m->kind == RP_FO_PAGE_SEQUENCE_MASTER) &&
            m->props.master_name)
            g_hash_table_insert(doc->masters, (char *)m->props.master_name,
                                (void *)m);
    }
}

/* fo:declarations holds foreign XML (XMP): read it raw, then skip it. */
static enum rp_status read_declarations(struct rp_fo_doc *doc,
                                        struct rp_fo_node *decl,
                                        struct rp_error *err)
{
    if (doc->xml) {
        rp_fo_xml_collect_metadata(((const xmlNode *)decl->src)->children,
                                   &doc->metadata, doc->strings);
        decl->src_next = NULL;
    } else if (!(decl->flags & NODE_CLOSED)) {
        /* Still read on this thread: start() hands the reader on later. */
        xmlTextReader *reader = rp_fo_events_reader(doc->events);
        xmlNode *expanded = xmlTextReaderExpand(reader);
        if (!expanded)
            return reader_failed(doc, reader, err);
        rp_fo_xml_collect_metadata(expanded->children, &doc->metadata,
                                   doc->strings);
    }
    decl->flags |= NODE_MATERIALISED;
    return RP_OK;
}

static void release_state(struct rp_fo_doc *doc)
{
    struct rp_fo_node *n, *next;

    rp_fo_node_free(doc->first_sequence);
    doc->first_sequence = NULL;
    for (n = doc->retained; n; n = next) {
        next = n->next;
        n->next = NULL;
        rp_fo_node_free(n);
    }
    doc->retained = NULL;
    rp_fo_node_free(doc->root);
    doc->root = NULL;
    g_hash_table_remove_all(doc->masters);
    memset(&doc->metadata, 0, sizeof(doc->metadata));
    rp_fo_events_free(doc->events);
    doc->events = NULL;
    doc->n_open = 0;
}

/* Makes doc->root from the document element, which must be fo:root. */
static enum rp_status open_root(struct rp_fo_doc *doc, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    const xmlNode *root_node = NULL;
    const struct rp_fo_elem *root_elem = NULL;
    struct rp_fo_elem described;
    const struct rp_fo_event *ev = NULL;

    if (doc->xml) {
        root_node = xmlDocGetRootElement((xmlDoc *)doc->xml);
        if (root_node) {
            xml_elem_describe(doc, root_node, &described);
            root_elem = &described;
        }
    } else {
        xmlTextReader *reader = rp_xml_reader_open(doc->path, err);
        if (!reader)
            return err->status;
        doc->events = rp_fo_events_new(reader, doc->name);
        do {
            ev = rp_fo_events_next(doc->events);
            if (ev->type == RP_FO_EVENT_ERROR)
                return event_failed(doc, ev, err);
        } while (ev->type != RP_FO_EVENT_START &&
                 ev->type != RP_FO_EVENT_END_DOCUMENT);
        if (ev->type == RP_FO_EVENT_START)
            root_elem = &ev->elem;
    }
    if (!root_elem || root_elem->kind != RP_FO_ROOT) {
        status = rp_error_set(err, RP_ERR_INPUT, doc->name,
                              root_elem ? root_elem->line : 0, NULL,
                              "the document element is %s, not fo:root "
                              "(namespace " FO_NS ")",
                              root_elem ? root_elem->name : "missing");
        goto out;
    }
    status = element_node(doc, root_elem, &doc->base, &doc->root, err);
    if (status != RP_OK)
        goto out;
    doc->root->flags |= NODE_KEPT;
    if (doc->xml) {
        doc->root->src = root_node;
        doc->root->src_next = root_node->children;
    } else {
        doc->root->depth = 0;
        if (ev->empty)
            doc->root->flags |= NODE_CLOSED;
        else
            push_open(doc, 0);
    }
out:
    if (doc->xml)
        xml_elem_release(doc);
    return status;
}

/*
 * Positions the stream at the root, reads everything before the first
 * page sequence and keeps that sequence for the first next_child(root).
 */
static enum rp_status start(struct rp_fo_doc *doc, struct rp_error *err)
{
    enum rp_status status;
    struct rp_fo_node *child = NULL;

    status = open_root(doc, err);
    if (status != RP_OK)
        return status;
    for (;;) {
        status = rp_fo_next_child(doc, doc->root, &child, err);
        if (status != RP_OK || !child)
            return status;
        if (child->kind == RP_FO_PAGE_SEQUENCE) {
            rp_fo_node_keep(child);
            doc->first_sequence = child;
            /* The rest is the page sequences: read them on the side. */
            if (doc->events)
                rp_fo_events_start_thread(doc->events);
            return RP_OK;
        }
        if (child->kind == RP_FO_DECLARATIONS)
            status = read_declarations(doc, child, err);
        else
            status = rp_fo_materialize(doc, child, err);
        if (status != RP_OK) {
            rp_fo_node_free(child);
            return status;
        }
        retain(doc, child);
        if (child->kind == RP_FO_LAYOUT_MASTER_SET)
            register_masters(doc, child);
        child = NULL;
    }
}

static struct rp_fo_doc *doc_new(const char *name)
{
    struct rp_fo_doc *doc = rp_xcalloc(1, sizeof(*doc));
    doc->name = rp_xstrdup(name);
    doc->strings = rp_fo_strings_new();
    doc->values = rp_fo_value_cache_new();
    doc->warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    doc->masters = g_hash_table_new(g_str_hash, g_str_equal);
    doc->has_citations = -1;
    doc->base.depth = -1; /* the parent of fo:root, at depth 0 */
    props_initial(&doc->base.props, doc->strings);
    doc->initial = doc->base.props;
    return doc;
}

enum rp_status rp_fo_doc_open_xml(xmlDoc *xml, const char *name,
                                  struct rp_fo_doc **out, struct rp_error *err)
{
    struct rp_fo_doc *doc = doc_new(name);
    enum rp_status status;

    doc->xml = xml;
    status = start(doc, err);
    if (status != RP_OK) {
        rp_fo_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return status;
}

enum rp_status rp_fo_doc_open_file(const char *path, struct rp_fo_doc **out,
                                   struct rp_error *err)
{
    struct rp_fo_doc *doc = doc_new(path);
    enum rp_status status;

    doc->path = rp_xstrdup(path);
    /* Before the producer thread: libxml2's globals are set up once. */
    xmlInitParser();
    status = start(doc, err);
    if (status != RP_OK) {
        rp_fo_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return status;
}

void rp_fo_doc_free(struct rp_fo_doc *doc)
{
    if (!doc)
        return;
    release_state(doc);
    g_hash_table_destroy(doc->masters);
    g_hash_table_destroy(doc->warned);
    rp_fo_strings_free(doc->strings);
    rp_fo_value_cache_free(doc->values);
    free(doc->open);
    free(doc->xml_attrs);
    free(doc->xml_owned);
    free(doc->path);
    free(doc->name);
    free(doc);
}

enum rp_status rp_fo_doc_rewind(struct rp_fo_doc *doc, struct rp_error *err)
{
    release_state(doc);
    return start(doc, err);
}

enum rp_status rp_fo_doc_has_citations(struct rp_fo_doc *doc, bool *answer,
                                       struct rp_error *err)
{
    enum rp_status status;
    xmlTextReader *reader;
    int r;

    if (doc->has_citations >= 0) {
        *answer = doc->has_citations;
        return RP_OK;
    }
    if (doc->xml) {
        doc->has_citations =
            rp_fo_xml_has_citations(xmlDocGetRootElement((xmlDoc *)doc->xml));
        *answer = doc->has_citations;
        return RP_OK;
    }
    /* A parse-only pass: much cheaper than laying out twice for nothing. */
    reader = rp_xml_reader_open(doc->path, err);
    if (!reader)
        return err->status;
    doc->has_citations = 0;
    while ((r = xmlTextReaderRead(reader)) == 1) {
        const xmlChar *local, *ns;
        if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT)
            continue;
        local = xmlTextReaderConstLocalName(reader);
        ns = xmlTextReaderConstNamespaceUri(reader);
        if (!ns || strcmp((const char *)ns, FO_NS) != 0)
            continue;
        if (!strncmp((const char *)local, "page-number-citation", 20) ||
            !strcmp((const char *)local, "bookmark-tree") ||
            (!strcmp((const char *)local, "basic-link") &&
             xmlTextReaderMoveToAttribute(
                 reader, (const xmlChar *)"internal-destination") == 1)) {
            doc->has_citations = 1;
            break;
        }
    }
    if (r < 0) {
        doc->has_citations = -1;
        status = reader_failed(doc, reader, err);
        xmlFreeTextReader(reader);
        return status;
    }
    xmlFreeTextReader(reader);
    *answer = doc->has_citations;
    return RP_OK;
}

const char *rp_fo_doc_name(const struct rp_fo_doc *doc)
{
    return doc->name;
}

struct rp_fo_node *rp_fo_doc_root(struct rp_fo_doc *doc)
{
    return doc->root;
}

const struct rp_fo_node *rp_fo_doc_find_master(const struct rp_fo_doc *doc,
                                               const char *name)
{
    return name ? g_hash_table_lookup(doc->masters, name) : NULL;
}

const struct rp_fo_metadata *rp_fo_doc_metadata(const struct rp_fo_doc *doc)
{
    return &doc->metadata;
}
