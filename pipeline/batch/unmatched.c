/*
 * OUTPUT/unmatched-tickets.csv: every ticket no rule matched to a CRM
 * account, one row each, beside the status report.  The report groups
 * them by organisation (one row per fix an administrator makes); the
 * full list, which at portfolio scale runs to thousands of rows, is a
 * file an administrator sorts and filters rather than pages to read.
 *
 * Written from the report's data (the summary's <unmatched>), so that the
 * CSV and the report always describe the same tickets; atomically, like
 * every output.  Columns are the data contract's unmatched ticket, in its
 * order, with src resolved to "file:line" through <sources>.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/csvtable.h"
#include "common/file.h"
#include "common/mem.h"

/* The contract's attributes of an unmatched ticket, in its order; the
 * subject (the element's text) comes last. */
static const char *const columns[] = {
    "id",         "priority",    "status",
    "category",   "created",     "first-response",
    "resolved",   "reopened",    "escalated",
    "src",        "account-id",  "org-name",
    "org-domain", "external-id", "source-system",
    "reason",     "in-period",
};

static xmlNode *child(xmlNode *parent, const char *name)
{
    xmlNode *n;

    for (n = parent ? parent->children : NULL; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, name) == 0)
            return n;
    }
    return NULL;
}

static void field(FILE *fp, const char *s, bool first)
{
    if (!first)
        putc(',', fp);
    rp_csv_write_field(fp, s ? s : "", s ? strlen(s) : 0);
}

/* "f2:117" as "PATH:117", PATH the <sources> file f2; as it is when the
 * file is not listed. */
static void src_field(FILE *fp, xmlNode *sources, const char *src)
{
    const char *colon = src ? strchr(src, ':') : NULL;
    xmlNode *f;

    for (f = sources ? sources->children : NULL; f && colon; f = f->next) {
        xmlChar *id, *path;
        bool same;

        if (f->type != XML_ELEMENT_NODE)
            continue;
        id = xmlGetProp(f, (const xmlChar *)"id");
        same = id && strlen((const char *)id) == (size_t)(colon - src) &&
               memcmp(id, src, (size_t)(colon - src)) == 0;
        xmlFree(id);
        if (!same)
            continue;
        path = xmlGetProp(f, (const xmlChar *)"path");
        if (path) {
            size_t n = strlen((const char *)path) + strlen(colon) + 1;
            char *both = rp_xmalloc(n);

            snprintf(both, n, "%s%s", (const char *)path, colon);
            field(fp, both, false);
            free(both);
            xmlFree(path);
            return;
        }
    }
    field(fp, src, false);
}

enum rp_status rp_batch_unmatched_csv(xmlDoc *summary, const char *path,
                                      size_t *rows, struct rp_error *err)
{
    xmlNode *root = xmlDocGetRootElement(summary);
    xmlNode *unmatched = child(root, "unmatched");
    xmlNode *sources = child(root, "sources");
    struct rp_outfile out;
    enum rp_status status;
    xmlNode *t;
    size_t i;

    *rows = 0;
    status = rp_outfile_open(&out, path, err);
    if (status != RP_OK)
        return status;
    for (i = 0; i < sizeof(columns) / sizeof(*columns); i++)
        field(out.fp, columns[i], i == 0);
    field(out.fp, "subject", false);
    putc('\n', out.fp);
    for (t = unmatched ? unmatched->children : NULL; t; t = t->next) {
        xmlChar *subject;

        if (t->type != XML_ELEMENT_NODE ||
            strcmp((const char *)t->name, "ticket") != 0)
            continue;
        for (i = 0; i < sizeof(columns) / sizeof(*columns); i++) {
            xmlChar *v = xmlGetProp(t, (const xmlChar *)columns[i]);

            if (strcmp(columns[i], "src") == 0)
                src_field(out.fp, sources, (const char *)v);
            else
                field(out.fp, (const char *)v, i == 0);
            xmlFree(v);
        }
        subject = xmlNodeGetContent(t);
        field(out.fp, (const char *)subject, false);
        xmlFree(subject);
        putc('\n', out.fp);
        (*rows)++;
    }
    if (ferror(out.fp)) {
        rp_outfile_abort(&out);
        return rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                            "cannot write the unmatched tickets");
    }
    return rp_outfile_commit(&out, err);
}
