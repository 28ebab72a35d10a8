/*
 * Accounts: each one's health, assessed once its support figures and plan
 * are known, and its <account> element, in the order of the contract: the
 * CRM record and health, contacts, opportunities, support, plan and
 * contributions.
 */
#include <stdio.h>

#include "builder.h"

/* Health looks at support and at the plan: after both are in place. */
void rp_merge_assess(struct rp_merge_builder *b)
{
    size_t i;

    for (i = 0; i < b->data->n_accounts; i++) {
        struct rp_merge_report *r = &b->reports[i];
        struct rp_merge_facts facts;

        facts.agg = &r->agg;
        facts.target_pct = b->cfg.sla.compliance_target_pct;
        facts.overdue_milestones = r->overdue;
        facts.high_risks = r->high_risks;
        rp_merge_health_assess(&facts, &b->cfg.health, &r->health);
        b->health_count[r->health.health]++;
    }
}

/* ---- elements ---- */

static void emit_contact(xmlNode *parent, struct rp_merge_builder *b,
                         const struct rp_contact *c)
{
    xmlNode *n = rp_merge_add_node(parent, "contact");

    rp_merge_set_attr(n, "id", c->id);
    rp_merge_set_attr(n, "name", c->name);
    rp_merge_set_opt_attr(n, "title", c->title);
    rp_merge_set_opt_attr(n, "role", c->role);
    rp_merge_set_opt_attr(n, "email", c->email);
    rp_merge_set_opt_attr(n, "phone", c->phone);
    rp_merge_set_yes_no(n, "primary", c->primary);
    rp_merge_set_src(n, &b->sources, c->source_file, c->source_line);
}

static void emit_opportunity(xmlNode *parent, struct rp_merge_builder *b,
                             const struct rp_opportunity *o)
{
    xmlNode *n = rp_merge_add_node(parent, "opportunity");
    char buf[RP_MERGE_NUM_LEN];

    rp_merge_set_attr(n, "id", o->id);
    rp_merge_set_attr(n, "name", o->name);
    rp_merge_set_attr(n, "stage", o->stage);
    rp_merge_set_opt_attr(n, "type", o->type);
    rp_merge_set_attr(n, "status",
                      !o->closed ? "open"
                      : o->won   ? "won"
                                 : "lost");
    rp_merge_set_money(n, "amount", o->amount);
    rp_merge_set_opt_attr(n, "currency", o->currency);
    if (o->probability >= 0 && o->probability <= 100) {
        snprintf(buf, sizeof(buf), "%d", (int)(o->probability + 0.5));
        rp_merge_set_attr(n, "probability-pct", buf);
    }
    rp_merge_set_date(n, "close-date", o->close_date);
    rp_merge_set_src(n, &b->sources, o->source_file, o->source_line);
}

enum rp_status rp_merge_emit_account(xmlNode *root, struct rp_merge_builder *b,
                                     struct rp_merge_report *r, bool summary,
                                     struct rp_error *err)
{
    const struct rp_dataset *d = b->data;
    const struct rp_account *a = &d->accounts[r->account];
    xmlNode *acc = rp_merge_add_node(root, "account"), *support, *n;
    size_t i;

    rp_merge_set_attr(acc, "id", a->id);
    /* A template or reader can tell an id made from the name (it changes
     * if the account is renamed) from the CRM's own. */
    if (a->id_from_name)
        rp_merge_set_attr(acc, "id-from", "name");
    rp_merge_set_attr(acc, "name", a->name);
    rp_merge_set_attr(acc, "tier", a->tier);
    rp_merge_set_attr(acc, "owner", rp_merge_owner_name(&b->matcher, a->owner));
    rp_merge_set_attr(acc, "industry", a->industry);
    rp_merge_set_attr(acc, "country", a->country);
    rp_merge_set_attr(acc, "website", a->website);
    rp_merge_set_money(acc, "annual-revenue", a->annual_revenue);
    if (a->arr > 0)
        rp_merge_set_money(acc, "arr", a->arr);
    rp_merge_set_date(acc, "contract-start", a->contract_start);
    rp_merge_set_date(acc, "renewal", a->renewal);
    rp_merge_set_attr(acc, "health", rp_merge_health_name(r->health.health));
    rp_merge_set_src(acc, &b->sources, a->source_file, a->source_line);
    for (i = 0; i < r->health.n_reasons; i++) {
        n = rp_merge_add_text_node(acc, "health-reason", r->health.reasons[i]);
        rp_merge_set_attr(n, "rule", rp_merge_rule_name(r->health.rule[i]));
    }

    n = rp_merge_add_node(acc, "contacts");
    for (i = 0; i < r->contacts.n && !summary; i++)
        emit_contact(n, b, &d->contacts[r->contacts.v[i]]);
    n = rp_merge_add_node(acc, "opportunities");
    for (i = 0; i < r->opportunities.n && !summary; i++)
        emit_opportunity(n, b, &d->opportunities[r->opportunities.v[i]]);

    support = rp_merge_add_node(acc, "support");
    rp_merge_set_counts(support, &r->agg.all);
    rp_merge_set_percentile(support, "first-response-median-hours",
                            &r->agg.first_response, 50);
    rp_merge_set_percentile(support, "first-response-p90-hours",
                            &r->agg.first_response, 90);
    rp_merge_set_percentile(support, "resolution-median-hours",
                            &r->agg.resolution, 50);
    rp_merge_set_percentile(support, "resolution-p90-hours", &r->agg.resolution,
                            90);
    rp_merge_emit_breakdown(support, &r->agg, &b->cfg.sla, a->tier);
    if (!summary) {
        rp_merge_emit_backlog_items(support, b, &r->backlog);
        for (i = 0; i < r->tickets.n; i++)
            rp_merge_emit_ticket(support, b, r->tickets.v[i]);
    }

    rp_merge_emit_milestones(acc, b, &r->milestones);
    rp_merge_emit_risks(acc, b, &r->risks);
    rp_merge_emit_roles(acc, b, &r->roles);
    if (summary) {
        rp_merge_add_node(acc, "contributions");
        return RP_OK;
    }
    return rp_merge_emit_contributions(acc, b, r, err);
}
