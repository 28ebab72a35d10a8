/* The limits of a transform, from CONFIG/limits.xml (transform.h). */
#include "budget.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "common/xmlconf.h"

/*
 * Every fact about a limit, once: its attribute, default and range.
 * The defaults are measured (docs/data-contract.md, "limits.xml"): the
 * shipped templates on 1,000 accounts and 100,000 tickets take a small
 * part of each.  The maxima are what the process can bear: libxml2 keeps
 * string lengths in an int, so memory stays far below what lets one
 * string reach 2 GiB; each level of nesting takes C stack, and near 5,000
 * levels libxml2's XPath recursion limit cuts EXSLT functions short with
 * an empty result instead of an error; libxslt loses its variable stack
 * when growing it fails, so it stays below RP_XMLMEM_LARGE.
 */
#define ROW(attr, member, def, lo, hi)                                         \
    {                                                                          \
        attr, offsetof(struct rp_transform_limits, member), def, lo, hi        \
    }

static const struct limit_row {
    const char *attr;
    size_t offset;
    int64_t def, lo, hi;
} limit_table[RP_LIMIT_COUNT] = {
    [RP_LIMIT_SECONDS] = ROW("seconds", seconds, 60, 1, 86400),
    [RP_LIMIT_MEMORY] = ROW("memory-mb", memory_mb, 1024, 1, 4096),
    [RP_LIMIT_XPATH_OPERATIONS] =
        ROW("xpath-operations", xpath_operations, 1000000000, 1, 1000000000000),
    [RP_LIMIT_TEMPLATE_DEPTH] =
        ROW("template-depth", template_depth, 3000, 1, 4000),
    [RP_LIMIT_VARIABLES] = ROW("variables", variables, 15000, 1, 100000),
};

static int64_t *field(struct rp_transform_limits *l, enum rp_limit which)
{
    return (int64_t *)((char *)l + limit_table[which].offset);
}

const char *rp_limit_attr(enum rp_limit which)
{
    return limit_table[which].attr;
}

int64_t rp_limit_value(const struct rp_transform_limits *l, enum rp_limit which)
{
    return *(const int64_t *)((const char *)l + limit_table[which].offset);
}

void rp_transform_limits_init(struct rp_transform_limits *l,
                              const char *config_dir)
{
    int i;

    memset(l, 0, sizeof(*l));
    for (i = 0; i < RP_LIMIT_COUNT; i++)
        *field(l, (enum rp_limit)i) = limit_table[i].def;
    if (config_dir)
        snprintf(l->file, sizeof(l->file), "%s/limits.xml", config_dir);
    else
        snprintf(l->file, sizeof(l->file), "limits.xml");
}

/* An attribute of <transform> that is not in the table is a typo that
 * would otherwise leave a limit at its default unnoticed. */
static enum rp_status check_known(const char *path, const xmlNode *n,
                                  struct rp_error *err)
{
    const xmlAttr *a;
    char known[256];
    size_t used = 0;
    int i;

    for (i = 0; i < RP_LIMIT_COUNT; i++)
        used += (size_t)snprintf(known + used, sizeof(known) - used, "%s%s",
                                 i ? ", " : "", limit_table[i].attr);
    for (a = n->properties; a; a = a->next) {
        for (i = 0; i < RP_LIMIT_COUNT; i++) {
            if (xmlStrcmp(a->name, BAD_CAST limit_table[i].attr) == 0)
                break;
        }
        if (i == RP_LIMIT_COUNT)
            return rp_error_set(err, RP_ERR_INPUT, path, n->line,
                                (const char *)a->name,
                                "<transform> has no attribute %s (it has %s)",
                                (const char *)a->name, known);
    }
    return RP_OK;
}

static enum rp_status read_transform(const char *path, const xmlNode *n,
                                     struct rp_transform_limits *l,
                                     struct rp_error *err)
{
    enum rp_status status = check_known(path, n, err);
    int i;

    for (i = 0; status == RP_OK && i < RP_LIMIT_COUNT; i++) {
        const struct limit_row *row = &limit_table[i];
        status = rp_xmlconf_int(path, n, row->attr, false, row->lo, row->hi,
                                field(l, (enum rp_limit)i), err);
    }
    return status;
}

enum rp_status rp_transform_limits_load(struct rp_transform_limits *l,
                                        const char *config_dir,
                                        struct rp_error *err)
{
    struct rp_transform_limits read;
    enum rp_status status = RP_OK;
    xmlDoc *doc = NULL;
    xmlNode *n;
    bool seen = false;

    rp_transform_limits_init(l, config_dir);
    read = *l;
    if (!config_dir || access(read.file, F_OK) != 0)
        goto out;
    status = rp_xmlconf_read(read.file, "limits", &doc, err);
    if (status != RP_OK)
        goto out;
    for (n = xmlDocGetRootElement(doc)->children; status == RP_OK && n;
         n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!rp_xmlconf_is_element(n, "transform")) {
            status = rp_xmlconf_unexpected(read.file, n, "limits", err);
            break;
        }
        if (seen) {
            status = rp_error_set(err, RP_ERR_INPUT, read.file, n->line, NULL,
                                  "a second <transform>: <limits> holds one");
            break;
        }
        seen = true;
        status = read_transform(read.file, n, &read, err);
    }
    if (status == RP_OK)
        *l = read;
out:
    if (doc)
        xmlFreeDoc(doc);
    return status;
}
