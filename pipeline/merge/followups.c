/*
 * Follow-ups of the customers' meetings in the review data (merge.h): the
 * open ones for the status report, and under an account's
 * meeting-feedback contribution what became of each (contributions.c
 * writes those with rp_merge_emit_followup()).  The merge does not know
 * the workflow; the batch hands the follow-ups in as plain facts.
 */
#include "builder.h"

#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

void rp_merge_emit_followup(xmlNode *parent, const struct rp_merge_followup *f)
{
    xmlNode *n = xmlNewChild(parent, NULL, BAD_CAST "follow-up", NULL);
    char number[32];

    snprintf(number, sizeof(number), "%lld", (long long)f->id);
    xmlNewProp(n, BAD_CAST "id", BAD_CAST number);
    xmlNewProp(n, BAD_CAST "what", BAD_CAST f->what);
    xmlNewProp(n, BAD_CAST "owner", BAD_CAST f->owner);
    xmlNewProp(n, BAD_CAST "due", BAD_CAST f->due);
    xmlNewProp(n, BAD_CAST "status", BAD_CAST f->status);
    if (f->done_on && f->done_on[0])
        xmlNewProp(n, BAD_CAST "done-on", BAD_CAST f->done_on);
}

enum rp_status
rp_merge_add_followups(xmlDoc *doc, const struct rp_merge_open_followup *items,
                       size_t n, struct rp_error *err)
{
    xmlNode *root = xmlDocGetRootElement(doc), *parent, *f;
    char number[32];
    size_t i, overdue = 0;

    if (!root)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "the review data has no root to add follow-ups "
                            "to");
    parent = xmlNewChild(root, NULL, BAD_CAST "follow-ups", NULL);
    for (i = 0; i < n; i++) {
        const struct rp_merge_open_followup *o = &items[i];
        rp_merge_emit_followup(parent, &o->f);
        f = xmlGetLastChild(parent);
        xmlNewProp(f, BAD_CAST "account", BAD_CAST o->account);
        xmlNewProp(f, BAD_CAST "name", BAD_CAST o->name);
        snprintf(number, sizeof(number), "%d", o->year);
        xmlNewProp(f, BAD_CAST "year", BAD_CAST number);
        overdue += strcmp(o->f.status, "overdue") == 0;
    }
    snprintf(number, sizeof(number), "%zu", n);
    xmlNewProp(parent, BAD_CAST "open", BAD_CAST number);
    snprintf(number, sizeof(number), "%zu", overdue);
    xmlNewProp(parent, BAD_CAST "overdue", BAD_CAST number);
    return RP_OK;
}
