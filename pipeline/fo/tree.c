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

/* rp_fo_node.flags (fo_internal.h), by shorter names */
enum {
    NODE_MATERIALISED = RP_FO_NODE_MATERIALISED,
    NODE_IN_TREE = RP_FO_NODE_IN_TREE,
    NODE_KEPT = RP_FO_NODE_KEPT,
    NODE_CLOSED = RP_FO_NODE_CLOSED,
};

static int kind_of(const xmlNode *node)
{
    return rp_fo_kind_of(node->ns ? (const char *)node->ns->href : NULL,
                         (const char *)node->name);
}

static void node_free_list(struct rp_fo_node *node)
{
    while (node) {
        struct rp_fo_node *next = node->next;
        node_free_list(node->first_child);
        free(node->text);
        free(node->specified);
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
    free(node->specified);
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
    copy->specified = node->specified ? rp_fo_elem_keep(node->specified) : NULL;
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

enum rp_status rp_fo_too_deep(struct rp_fo_doc *doc, long line,
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
    /* The foreign object's content was taken whole (graphic_props.c). */
    if (kind < 0 && parent->kind == RP_FO_INSTREAM_FOREIGN_OBJECT)
        return RP_OK;
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
        return rp_fo_too_deep(doc, elem->line, what, err);
    }
    node = rp_xcalloc(1, sizeof(*node));
    node->kind = (enum rp_fo_kind)kind;
    node->line = elem->line;
    node->depth = parent->depth + 1;
    status = rp_fo_resolve_props(doc, elem, node, &parent->props, err);
    if (status != RP_OK) {
        free(node);
        return status;
    }
    if (elem->foreign)
        node->text = rp_xstrdup(elem->foreign);
    if (rp_fo_keeps_specified(parent))
        node->specified = rp_fo_elem_keep(elem);
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
    elem->foreign = NULL;
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
    char *foreign = NULL;

    xml_elem_describe(doc, n, &elem);
    if (elem.kind == RP_FO_INSTREAM_FOREIGN_OBJECT)
        elem.foreign = foreign = rp_fo_serialize_foreign(n);
    status = element_node(doc, &elem, parent, out, err);
    xml_elem_release(doc);
    free(foreign);
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
        return rp_fo_too_deep(doc, e->line, "an element", err);
    return rp_xml_parse_failed(e, doc->name,
                               xmlTextReaderGetParserLineNumber(reader), err);
}

/* The same message as reader_failed(), from what the reader's thread saw. */
static enum rp_status event_failed(struct rp_fo_doc *doc,
                                   const struct rp_fo_event *ev,
                                   struct rp_error *err)
{
    if (is_depth_error(ev->text))
        return rp_fo_too_deep(doc, ev->line, "an element", err);
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

/* A streaming reader over the document's file or bytes. */
static xmlTextReader *open_reader(struct rp_fo_doc *doc, struct rp_error *err)
{
    if (doc->mem)
        return rp_xml_reader_open_memory(doc->mem, doc->mem_len, doc->name,
                                         err);
    return rp_xml_reader_open(doc->path, err);
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
        xmlTextReader *reader = open_reader(doc, err);
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

static struct rp_fo_doc *doc_new(const char *name,
                                 const struct rp_fo_options *opt)
{
    struct rp_fo_doc *doc = rp_xcalloc(1, sizeof(*doc));
    doc->name = rp_xstrdup(name);
    if (opt)
        doc->options = *opt;
    doc->strings = rp_fo_strings_new();
    doc->values = rp_fo_value_cache_new();
    doc->warned = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    doc->masters = g_hash_table_new(g_str_hash, g_str_equal);
    doc->has_citations = -1;
    doc->base.depth = -1; /* the parent of fo:root, at depth 0 */
    rp_fo_props_initial(&doc->base.props, doc->strings);
    rp_fo_inherited_init(&doc->inherited);
    doc->initial = doc->base.props;
    return doc;
}

enum rp_status rp_fo_doc_open_xml(xmlDoc *xml, const char *name,
                                  const struct rp_fo_options *opt,
                                  struct rp_fo_doc **out, struct rp_error *err)
{
    struct rp_fo_doc *doc = doc_new(name, opt);
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

enum rp_status rp_fo_doc_open_file(const char *path,
                                   const struct rp_fo_options *opt,
                                   struct rp_fo_doc **out, struct rp_error *err)
{
    struct rp_fo_doc *doc = doc_new(path, opt);
    enum rp_status status;

    doc->path = rp_xstrdup(path);
    {
        gchar *dir = g_path_get_dirname(path);
        doc->base_dir = rp_xstrdup(dir);
        g_free(dir);
    }
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

enum rp_status rp_fo_doc_open_memory(const char *data, size_t len,
                                     const char *name,
                                     const struct rp_fo_options *opt,
                                     struct rp_fo_doc **out,
                                     struct rp_error *err)
{
    struct rp_fo_doc *doc = doc_new(name, opt);
    enum rp_status status;

    doc->mem = data;
    doc->mem_len = len;
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
    free(doc->base_dir);
    free(doc->assets_dir);
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
    reader = open_reader(doc, err);
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

bool rp_fo_doc_quiet(const struct rp_fo_doc *doc)
{
    return doc->options.quiet;
}

void rp_fo_doc_set_image_dirs(struct rp_fo_doc *doc, const char *base_dir,
                              const char *assets_dir)
{
    /* The arguments may be the document's own strings: copy first. */
    char *base = base_dir ? rp_xstrdup(base_dir) : NULL;
    char *assets = assets_dir ? rp_xstrdup(assets_dir) : NULL;

    free(doc->base_dir);
    free(doc->assets_dir);
    doc->base_dir = base;
    doc->assets_dir = assets;
}

const char *rp_fo_doc_base_dir(const struct rp_fo_doc *doc)
{
    return doc->base_dir;
}

const char *rp_fo_doc_assets_dir(const struct rp_fo_doc *doc)
{
    return doc->assets_dir;
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
