/*
 * FO tree construction: walks the xmlDoc once, maps elements to kinds,
 * resolves each element's properties against its parent's, and reports
 * what lies outside the supported subset.
 */
#include "fo_internal.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/log.h"
#include "common/mem.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"

struct rp_fo_strings {
    GHashTable *set; /* string -> itself; owns the keys */
};

struct rp_fo_tree {
    char *name;
    struct rp_fo_node *root;
    struct rp_fo_strings *strings;
    GHashTable *masters; /* master-name -> simple-page-master node */
    GHashTable *warned;  /* element / property names already reported */
    const char *title;
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

static int kind_of(const xmlNode *node)
{
    size_t i;
    if (!node->ns || strcmp((const char *)node->ns->href, FO_NS) != 0)
        return -1;
    for (i = 0; i < sizeof(fo_elements) / sizeof(fo_elements[0]); i++) {
        if (strcmp((const char *)node->name, fo_elements[i].name) == 0)
            return (int)fo_elements[i].kind;
    }
    return -1;
}

static bool is_block_level(enum rp_fo_kind kind)
{
    return kind == RP_FO_BLOCK || kind == RP_FO_BLOCK_CONTAINER ||
           kind == RP_FO_TABLE;
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
    p->columns_spanned = 1;
}

/* Inherited properties come along; the rest start from initial values. */
static void props_inherit(struct rp_fo_props *p,
                          const struct rp_fo_props *parent,
                          struct rp_fo_strings *s)
{
    props_initial(p, s);
    p->font_family = parent->font_family;
    p->font_size = parent->font_size;
    p->font_weight = parent->font_weight;
    p->font_italic = parent->font_italic;
    p->color = parent->color;
    p->text_align = parent->text_align;
    p->text_align_last = parent->text_align_last;
    p->line_height = parent->line_height;
    p->start_indent = parent->start_indent;
    p->end_indent = parent->end_indent;
    p->text_indent = parent->text_indent;
    p->white_space_collapse = parent->white_space_collapse;
}

static void warn_once(struct rp_fo_tree *tree, const char *what,
                      const char *message, long line)
{
    if (g_hash_table_contains(tree->warned, what))
        return;
    g_hash_table_add(tree->warned, g_strdup(what));
    rp_log_warn("%s:%ld: %s", tree->name, line, message);
}

static enum rp_status resolve_font_size(struct rp_fo_tree *tree, xmlNode *elem,
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
    xmlChar *value = xmlGetProp(elem, (const xmlChar *)"font-size");
    enum rp_status status = RP_OK;
    double pct, size = 0;
    size_t i;

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
    if (!(size > 0) || size > 10000) {
        status = rp_error_set(err, RP_ERR_INPUT, tree->name, xmlGetLineNo(elem),
                              "font-size",
                              "fo:%s: '%s' is not a font size (expected a "
                              "length such as 10pt, a percentage or a "
                              "keyword such as large)",
                              elem->name, value);
        goto out;
    }
    p->font_size = size;
    /* A line-height given as a number scales with the new size. */
    if (parent->font_size > 0)
        p->line_height = parent->line_height * size / parent->font_size;
out:
    xmlFree(value);
    return status;
}

static enum rp_status resolve_props(struct rp_fo_tree *tree, xmlNode *elem,
                                    struct rp_fo_node *node,
                                    const struct rp_fo_props *parent,
                                    struct rp_error *err)
{
    struct rp_fo_props *p = &node->props;
    struct rp_fo_specified spec = {0};
    enum rp_status status;
    xmlAttr *attr;

    props_inherit(p, parent, tree->strings);
    status = resolve_font_size(tree, elem, p, parent, err);
    if (status != RP_OK)
        return status;
    for (attr = elem->properties; attr; attr = attr->next) {
        const char *name = (const char *)attr->name;
        xmlChar *value;
        int handled;
        char what[160];

        if (attr->ns) {
            snprintf(what, sizeof(what), "@%s:%s",
                     attr->ns->prefix ? (const char *)attr->ns->prefix : "",
                     name);
            char message[256];
            snprintf(message, sizeof(message),
                     "property %s (extension namespace %s) is not "
                     "supported; ignored",
                     what + 1, attr->ns->href);
            warn_once(tree, what, message, xmlGetLineNo(elem));
            continue;
        }
        value = xmlNodeListGetString(elem->doc, attr->children, 1);
        handled = rp_fo_apply_property(p, parent, name,
                                       value ? (const char *)value : "", &spec,
                                       tree->strings);
        if (handled == 0) {
            status = rp_error_set(
                err, RP_ERR_INPUT, tree->name, xmlGetLineNo(elem), name,
                "fo:%s: '%s' is not a valid value for %s (see "
                "docs/fo-subset.md)",
                elem->name, value ? (const char *)value : "", name);
            xmlFree(value);
            return status;
        }
        if (handled < 0) {
            char message[256];
            snprintf(what, sizeof(what), "@%s", name);
            snprintf(message, sizeof(message),
                     "property '%s' (on fo:%s) is not supported yet; "
                     "ignored",
                     name, elem->name);
            warn_once(tree, what, message, xmlGetLineNo(elem));
        }
        xmlFree(value);
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
    /* A table cell is a reference area: its content starts at its edge. */
    if (node->kind == RP_FO_TABLE_CELL || node->kind == RP_FO_FLOW ||
        node->kind == RP_FO_STATIC_CONTENT) {
        p->start_indent = 0;
        p->end_indent = 0;
    }
    return RP_OK;
}

static void node_append(struct rp_fo_node *parent, struct rp_fo_node *child)
{
    child->parent = parent;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

static void node_free(struct rp_fo_node *node)
{
    while (node) {
        struct rp_fo_node *next = node->next;
        node_free(node->first_child);
        free(node->text);
        free(node);
        node = next;
    }
}

static enum rp_status build_children(struct rp_fo_tree *tree, xmlNode *elem,
                                     struct rp_fo_node *parent,
                                     struct rp_error *err);

static enum rp_status build_element(struct rp_fo_tree *tree, xmlNode *elem,
                                    struct rp_fo_node *parent,
                                    struct rp_error *err)
{
    int kind = kind_of(elem);
    struct rp_fo_node *node;
    enum rp_status status;

    if (kind < 0) {
        char what[160], message[320];
        const char *prefix =
            elem->ns && elem->ns->prefix ? (const char *)elem->ns->prefix : "";
        snprintf(what, sizeof(what), "%s:%s", prefix, elem->name);
        snprintf(message, sizeof(message),
                 "element %s%s%s is not supported yet; it and its content "
                 "are skipped",
                 prefix, *prefix ? ":" : "", elem->name);
        warn_once(tree, what, message, xmlGetLineNo(elem));
        return RP_OK;
    }
    node = rp_xcalloc(1, sizeof(*node));
    node->kind = (enum rp_fo_kind)kind;
    node->line = xmlGetLineNo(elem);
    node_append(parent, node);
    status = resolve_props(tree, elem, node, &parent->props, err);
    if (status != RP_OK)
        return status;
    if (node->kind == RP_FO_SIMPLE_PAGE_MASTER && node->props.master_name)
        g_hash_table_insert(tree->masters, (char *)node->props.master_name,
                            node);
    return build_children(tree, elem, node, err);
}

static bool accepts_text(enum rp_fo_kind kind)
{
    return kind == RP_FO_BLOCK || kind == RP_FO_INLINE || kind == RP_FO_WRAPPER;
}

static enum rp_status build_children(struct rp_fo_tree *tree, xmlNode *elem,
                                     struct rp_fo_node *parent,
                                     struct rp_error *err)
{
    xmlNode *child;
    enum rp_status status;

    for (child = elem->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            status = build_element(tree, child, parent, err);
            if (status != RP_OK)
                return status;
        } else if ((child->type == XML_TEXT_NODE ||
                    child->type == XML_CDATA_SECTION_NODE) &&
                   accepts_text(parent->kind)) {
            struct rp_fo_node *text = rp_xcalloc(1, sizeof(*text));
            text->kind = RP_FO_TEXT;
            text->text = rp_xstrdup((const char *)child->content);
            text->line = xmlGetLineNo(child);
            text->props = parent->props;
            node_append(parent, text);
        }
    }
    return RP_OK;
}

static const char *declared_title(xmlNode *root)
{
    xmlNode *n, *m;
    /* fo:declarations > x:xmpmeta ... dc:title, or our rp:title. */
    for (n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE ||
            strcmp((const char *)n->name, "declarations") != 0)
            continue;
        for (m = n->children; m; m = m->next) {
            if (m->type == XML_ELEMENT_NODE &&
                strcmp((const char *)m->name, "title") == 0)
                return (const char *)m->children;
        }
    }
    return NULL;
}

enum rp_status rp_fo_tree_parse(xmlDoc *doc, const char *name,
                                struct rp_fo_tree **out, struct rp_error *err)
{
    struct rp_fo_tree *tree = rp_xcalloc(1, sizeof(*tree));
    xmlNode *root = xmlDocGetRootElement(doc);
    struct rp_fo_node base = {0};
    enum rp_status status = RP_OK;
    xmlNode *decl;

    *out = NULL;
    tree->name = rp_xstrdup(name);
    tree->strings = rp_fo_strings_new();
    tree->masters = g_hash_table_new(g_str_hash, g_str_equal);
    tree->warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (!root || kind_of(root) != RP_FO_ROOT) {
        status = rp_error_set(err, RP_ERR_INPUT, name,
                              root ? xmlGetLineNo(root) : 0, NULL,
                              "the document element is %s, not fo:root "
                              "(namespace " FO_NS ")",
                              root ? (const char *)root->name : "missing");
        goto out;
    }
    props_initial(&base.props, tree->strings);
    status = build_element(tree, root, &base, err);
    tree->root = base.first_child;
    if (status != RP_OK)
        goto out;
    decl = (xmlNode *)declared_title(root);
    if (decl && decl->content)
        tree->title =
            rp_fo_strings_intern(tree->strings, (const char *)decl->content);
out:
    if (status != RP_OK) {
        rp_fo_tree_free(tree);
        return status;
    }
    *out = tree;
    return RP_OK;
}

void rp_fo_tree_free(struct rp_fo_tree *tree)
{
    if (!tree)
        return;
    node_free(tree->root);
    g_hash_table_destroy(tree->masters);
    g_hash_table_destroy(tree->warned);
    rp_fo_strings_free(tree->strings);
    free(tree->name);
    free(tree);
}

const struct rp_fo_node *rp_fo_tree_root(const struct rp_fo_tree *tree)
{
    return tree->root;
}

const char *rp_fo_tree_name(const struct rp_fo_tree *tree)
{
    return tree->name;
}

const struct rp_fo_node *rp_fo_tree_find_master(const struct rp_fo_tree *tree,
                                                const char *name)
{
    return name ? g_hash_table_lookup(tree->masters, name) : NULL;
}

const char *rp_fo_tree_title(const struct rp_fo_tree *tree)
{
    return tree->title;
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
