/*
 * Marker content, resolved where it is retrieved.  XSL 1.1 §6.13.6 lays
 * out a marker's children as if they were the fo:retrieve-marker's, and
 * FOP resolves their properties again there: a running head defined in a
 * 9pt body block and retrieved in a 14pt red centred header is 14pt, red
 * and centred, unless the marker's children set those themselves.  So
 * the elements inside an fo:marker keep the attributes they were read
 * with (tree.c asks rp_fo_keeps_specified), and a retrieval resolves them
 * again, top down, against the retrieve-marker's props into a copy.
 */
#include "fo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

bool rp_fo_keeps_specified(const struct rp_fo_node *parent)
{
    return parent->kind == RP_FO_MARKER || parent->specified;
}

/* Bytes of s with its NUL, or 0 for NULL. */
static size_t string_size(const char *s)
{
    return s ? strlen(s) + 1 : 0;
}

/* Copies s to *at (advanced past it); NULL stays NULL. */
static const char *put_string(char **at, const char *s)
{
    size_t n = string_size(s);
    char *copy = *at;

    if (!s)
        return NULL;
    memcpy(copy, s, n);
    *at += n;
    return copy;
}

struct rp_fo_elem *rp_fo_elem_keep(const struct rp_fo_elem *elem)
{
    size_t size = sizeof(struct rp_fo_elem), i;
    struct rp_fo_elem *copy;
    struct rp_fo_attr *attrs;
    char *at;

    /* Every string is one the parser holds in memory: no overflow. */
    size += elem->n_attrs * sizeof(struct rp_fo_attr);
    size += string_size(elem->name) + string_size(elem->ns_href) +
            string_size(elem->ns_prefix);
    for (i = 0; i < elem->n_attrs; i++) {
        const struct rp_fo_attr *a = &elem->attrs[i];
        size += string_size(a->name) + string_size(a->ns_href) +
                string_size(a->ns_prefix) + string_size(a->value);
    }
    copy = rp_xmalloc(size);
    attrs = (struct rp_fo_attr *)(copy + 1);
    at = (char *)(attrs + elem->n_attrs);
    *copy = *elem;
    copy->name = put_string(&at, elem->name);
    copy->ns_href = put_string(&at, elem->ns_href);
    copy->ns_prefix = put_string(&at, elem->ns_prefix);
    copy->foreign = NULL;
    for (i = 0; i < elem->n_attrs; i++) {
        const struct rp_fo_attr *a = &elem->attrs[i];
        attrs[i].name = put_string(&at, a->name);
        attrs[i].ns_href = put_string(&at, a->ns_href);
        attrs[i].ns_prefix = put_string(&at, a->ns_prefix);
        attrs[i].value = put_string(&at, a->value);
    }
    copy->attrs = attrs;
    return copy;
}

static void append(struct rp_fo_node *parent, struct rp_fo_node *child)
{
    child->flags =
        RP_FO_NODE_MATERIALISED | RP_FO_NODE_CLOSED | RP_FO_NODE_IN_TREE;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
}

/*
 * from's children, copied under to with their properties resolved against
 * to's.  Text takes its parent's props, as where it was read (tree.c).
 */
static enum rp_status resolve_children(struct rp_fo_doc *doc,
                                       const struct rp_fo_node *from,
                                       struct rp_fo_node *to,
                                       struct rp_error *err)
{
    const struct rp_fo_node *c;
    enum rp_status status = RP_OK;

    for (c = from->first_child; c && status == RP_OK; c = c->next) {
        struct rp_fo_node *copy;
        struct rp_fo_elem bare = {(int)c->kind,
                                  rp_fo_kind_name(c->kind),
                                  RP_FO_NS,
                                  "fo",
                                  c->line,
                                  NULL,
                                  0,
                                  NULL};

        if (to->depth + 1 > RP_FO_MAX_DEPTH) {
            char what[160];
            snprintf(what, sizeof(what), "fo:%s retrieved in a header",
                     rp_fo_kind_name(c->kind));
            return rp_fo_too_deep(doc, c->line, what, err);
        }
        copy = rp_xcalloc(1, sizeof(*copy));
        copy->kind = c->kind;
        copy->line = c->line;
        copy->depth = to->depth + 1;
        copy->text = c->text ? rp_xstrdup(c->text) : NULL;
        append(to, copy);
        if (c->kind == RP_FO_TEXT) {
            memcpy(&copy->props, &to->props, sizeof(copy->props));
            continue;
        }
        /* Every element in a marker keeps its attributes; one that did
         * not would be resolved as having none. */
        status = rp_fo_resolve_props(doc, c->specified ? c->specified : &bare,
                                     copy, &to->props, err);
        if (status == RP_OK)
            status = resolve_children(doc, c, copy, err);
    }
    return status;
}

enum rp_status rp_fo_marker_resolve(struct rp_fo_doc *doc,
                                    const struct rp_fo_node *marker,
                                    const struct rp_fo_node *retrieve,
                                    struct rp_fo_node **out,
                                    struct rp_error *err)
{
    struct rp_fo_node *copy = rp_xcalloc(1, sizeof(*copy));
    enum rp_status status;

    copy->kind = marker->kind;
    copy->line = marker->line;
    /* In the retrieve-marker's place: its children one deeper. */
    copy->depth = retrieve->depth;
    memcpy(&copy->props, &retrieve->props, sizeof(copy->props));
    copy->flags = RP_FO_NODE_MATERIALISED | RP_FO_NODE_CLOSED;
    status = resolve_children(doc, marker, copy, err);
    if (status != RP_OK) {
        rp_fo_node_free(copy);
        copy = NULL;
    }
    *out = copy;
    return status;
}
