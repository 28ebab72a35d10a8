/*
 * The program's side of the review data (merge.h): where each account's
 * Annual Customer Review stands, for the status report.  The merge does
 * not know the workflow; the batch hands it the requests as plain facts.
 */
#include "merge.h"

#include <stdio.h>

#include <libxml/tree.h>

enum rp_status rp_merge_add_requests(xmlDoc *doc,
                                     const struct rp_merge_request *requests,
                                     size_t n, int approval_wait_days,
                                     struct rp_error *err)
{
    xmlNode *root = xmlDocGetRootElement(doc), *parent, *r;
    char number[32];
    size_t i;

    if (!root)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "the review data has no root to add requests to");
    parent = xmlNewChild(root, NULL, BAD_CAST "requests", NULL);
    snprintf(number, sizeof(number), "%d", approval_wait_days);
    xmlNewProp(parent, BAD_CAST "approval-wait-days", BAD_CAST number);
    for (i = 0; i < n; i++) {
        const struct rp_merge_request *q = &requests[i];
        r = xmlNewChild(parent, NULL, BAD_CAST "request", NULL);
        xmlNewProp(r, BAD_CAST "account", BAD_CAST q->account);
        xmlNewProp(r, BAD_CAST "name", BAD_CAST q->name);
        snprintf(number, sizeof(number), "%d", q->year);
        xmlNewProp(r, BAD_CAST "year", BAD_CAST number);
        xmlNewProp(r, BAD_CAST "stage", BAD_CAST q->stage);
        xmlNewProp(r, BAD_CAST "since", BAD_CAST q->since);
        xmlNewProp(r, BAD_CAST "meeting", BAD_CAST q->meeting);
        xmlNewProp(r, BAD_CAST "due", BAD_CAST q->due);
        xmlNewProp(r, BAD_CAST "waits-on", BAD_CAST q->waits_on);
        xmlNewProp(r, BAD_CAST "overdue", BAD_CAST(q->overdue ? "yes" : "no"));
        snprintf(number, sizeof(number), "%d", q->approval_waiting_days);
        xmlNewProp(r, BAD_CAST "approval-waiting-days", BAD_CAST number);
        if (q->print_deadline && q->print_deadline[0])
            xmlNewProp(r, BAD_CAST "print-deadline",
                       BAD_CAST q->print_deadline);
        if (q->shipped && q->shipped[0])
            xmlNewProp(r, BAD_CAST "shipped", BAD_CAST q->shipped);
        xmlNewProp(r, BAD_CAST "at-risk", BAD_CAST(q->at_risk ? "yes" : "no"));
        snprintf(number, sizeof(number), "%d", q->contributions_missing);
        xmlNewProp(r, BAD_CAST "contributions-missing", BAD_CAST number);
    }
    return RP_OK;
}
