/* The workflow's settings, from config/workflow.xml (workflow.h). */
#include "workflow.h"

#include <unistd.h>

#include <libxml/tree.h>

#include "common/xmlconf.h"

enum rp_status rp_workflow_settings_load(struct rp_workflow_settings *s,
                                         const char *path, struct rp_error *err)
{
    enum rp_status status;
    xmlDoc *doc = NULL;
    xmlNode *root, *n;
    int64_t lead = 7, wait = 5, print_lead = 3, copies = 1, risk = 2;

    s->delivery_lead_days = (int)lead;
    s->approval_wait_days = (int)wait;
    s->print_lead_days = (int)print_lead;
    s->print_copies = (int)copies;
    s->delivery_risk_days = (int)risk;
    if (!path || access(path, F_OK) != 0)
        return RP_OK;
    status = rp_xmlconf_read(path, "workflow", &doc, err);
    if (status != RP_OK)
        return status;
    root = xmlDocGetRootElement(doc);
    status = rp_xmlconf_int(path, root, "delivery-lead-days", false, 0, 365,
                            &lead, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "approval-wait-days", false, 1, 365,
                                &wait, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "print-lead-days", false, 0, 365,
                                &print_lead, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "print-copies", false, 1, 1000,
                                &copies, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "delivery-risk-days", false, 0, 365,
                                &risk, err);
    for (n = root->children; status == RP_OK && n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE)
            status = rp_xmlconf_unexpected(path, n, "workflow", err);
    }
    xmlFreeDoc(doc);
    if (status == RP_OK) {
        s->delivery_lead_days = (int)lead;
        s->approval_wait_days = (int)wait;
        s->print_lead_days = (int)print_lead;
        s->print_copies = (int)copies;
        s->delivery_risk_days = (int)risk;
    }
    return status;
}
