/*
 * Support figures: tickets joined to their accounts, classified against
 * the SLA and added up for the review period (the rules are in
 * metrics.c), and the elements that report them: an account's <support>,
 * the same breakdown under <program>, and the tickets under <unmatched>.
 */
#include <libxml/xmlstring.h>

#include "builder.h"
#include "common/mem.h"

/* Joins tickets to accounts and adds up every figure. */
void rp_merge_aggregate(struct rp_merge_builder *b)
{
    const struct rp_dataset *d = b->data;
    size_t i;

    b->match = rp_xcalloc(d->n_tickets + 1, sizeof(*b->match));
    b->sla = rp_xcalloc(d->n_tickets + 1, sizeof(*b->sla));
    for (i = 0; i < d->n_tickets; i++) {
        rp_merge_match_ticket(&b->matcher, &d->tickets[i], &b->match[i]);
        b->by_how[b->match[i].how]++;
    }
    for (i = 0; i < d->n_tickets; i++) {
        size_t t = b->tickets[i];
        const struct rp_ticket *ticket = &d->tickets[t];
        const struct rp_account *a;
        struct rp_merge_report *r;
        struct rp_merge_ticket_sla *sla = &b->sla[t];

        if (b->match[t].how == RP_MERGE_MATCH_NONE) {
            rp_merge_idx_add(&b->unmatched, t);
            continue;
        }
        r = &b->reports[b->slot[b->match[t].account]];
        a = &d->accounts[r->account];
        if (rp_merge_agg_add_backlog(&r->agg, ticket, b->p.end) >= 0) {
            rp_merge_idx_add(&r->backlog, t);
            (void)rp_merge_agg_add_backlog(&b->program, ticket, b->p.end);
        }
        if (!rp_merge_in_period(&b->p, ticket)) {
            b->outside++;
            continue;
        }
        rp_merge_idx_add(&r->tickets, t);
        rp_merge_sla_classify(
            ticket,
            rp_merge_config_target(&b->cfg.sla, a->tier, ticket->priority),
            &b->cfg.sla.calendar, b->p.end, sla);
        rp_merge_agg_add(&r->agg, ticket, sla, b->p.end);
        rp_merge_agg_add(&b->program, ticket, sla, b->p.end);
    }
    rp_merge_agg_finish(&b->program);
    for (i = 0; i < d->n_accounts; i++)
        rp_merge_agg_finish(&b->reports[i].agg);
}

/* ---- elements ---- */

void rp_merge_set_counts(xmlNode *n, const struct rp_merge_counts *c)
{
    rp_merge_set_size(n, "tickets", c->tickets);
    rp_merge_set_size(n, "open-at-end", c->open_at_end);
    rp_merge_set_size(n, "sla-met", c->met);
    rp_merge_set_size(n, "sla-breached", c->breached);
    rp_merge_set_size(n, "sla-pending", c->pending);
    rp_merge_set_size(n, "sla-unknown", c->unknown);
    rp_merge_set_pct(n, "sla-met-pct", c->met, c->breached);
    rp_merge_set_size(n, "first-response-met", c->fr_met);
    rp_merge_set_size(n, "first-response-breached", c->fr_breached);
    rp_merge_set_size(n, "first-response-pending", c->fr_pending);
    rp_merge_set_size(n, "first-response-unknown", c->fr_unknown);
    rp_merge_set_pct(n, "first-response-met-pct", c->fr_met, c->fr_breached);
    rp_merge_set_size(n, "resolution-met", c->res_met);
    rp_merge_set_size(n, "resolution-breached", c->res_breached);
    rp_merge_set_size(n, "resolution-pending", c->res_pending);
    rp_merge_set_size(n, "resolution-unknown", c->res_unknown);
    rp_merge_set_pct(n, "resolution-met-pct", c->res_met, c->res_breached);
    rp_merge_set_size(n, "closed-without-time", c->closed_no_time);
    rp_merge_set_size(n, "sla-from-export", c->from_export);
    rp_merge_set_size(n, "reopened", c->reopened);
    rp_merge_set_size(n, "escalated", c->escalated);
}

/* <priority>, <month>, <category>, <backlog> and <escalations> children,
 * shared by <program> and <support> so both read the same way.  tier
 * picks the SLA targets shown on <priority>. */
void rp_merge_emit_breakdown(xmlNode *parent, struct rp_merge_agg *agg,
                             const struct rp_merge_sla_config *sla,
                             const char *tier)
{
    char key[RP_MERGE_TIME_LEN], label[RP_MERGE_TIME_LEN];
    xmlNode *n, *backlog;
    size_t i, b;
    int p;

    for (p = RP_PRIORITY_P1; p <= RP_PRIORITY_P4; p++) {
        const struct rp_merge_target *t = rp_merge_config_target(sla, tier, p);
        n = rp_merge_add_node(parent, "priority");
        rp_merge_set_attr(n, "name", rp_priority_name(p));
        rp_merge_set_counts(n, &agg->prio[p - 1]);
        rp_merge_set_percentile(n, "first-response-median-hours",
                                &agg->prio_first_response[p - 1], 50);
        rp_merge_set_percentile(n, "first-response-p90-hours",
                                &agg->prio_first_response[p - 1], 90);
        rp_merge_set_percentile(n, "resolution-median-hours",
                                &agg->prio_resolution[p - 1], 50);
        rp_merge_set_percentile(n, "resolution-p90-hours",
                                &agg->prio_resolution[p - 1], 90);
        rp_merge_set_int(n, "target-first-response-hours",
                         t->first_response_hours);
        rp_merge_set_int(n, "target-resolution-hours", t->resolution_hours);
        rp_merge_set_attr(n, "target-basis", rp_merge_basis_name(t->basis));
    }
    for (i = 0; i < agg->n_months; i++) {
        size_t total = 0;
        n = rp_merge_add_node(parent, "month");
        rp_merge_month_key(agg->first_month + (int64_t)i, key, sizeof(key));
        rp_merge_month_label(agg->first_month + (int64_t)i, label,
                             sizeof(label));
        for (p = 0; p < RP_PRIORITY_COUNT; p++)
            total += agg->months[i][p];
        rp_merge_set_attr(n, "month", key);
        rp_merge_set_attr(n, "label", label);
        rp_merge_set_size(n, "tickets", total);
        rp_merge_set_size(n, "p1", agg->months[i][0]);
        rp_merge_set_size(n, "p2", agg->months[i][1]);
        rp_merge_set_size(n, "p3", agg->months[i][2]);
        rp_merge_set_size(n, "p4", agg->months[i][3]);
        rp_merge_set_size(n, "sla-met", agg->month_sla[i][0]);
        rp_merge_set_size(n, "sla-breached", agg->month_sla[i][1]);
        rp_merge_set_pct(n, "sla-met-pct", agg->month_sla[i][0],
                         agg->month_sla[i][1]);
    }
    for (i = 0; i < agg->n_categories && i < 5; i++) {
        n = rp_merge_add_node(parent, "category");
        rp_merge_set_attr(n, "name", agg->categories[i].name);
        rp_merge_set_size(n, "tickets", agg->categories[i].tickets);
    }
    backlog = rp_merge_add_node(parent, "backlog");
    rp_merge_set_size(backlog, "tickets", agg->backlog_total);
    for (b = 0; b < RP_MERGE_AGE_BUCKETS; b++) {
        const struct rp_merge_age_bucket *k = &rp_merge_age_buckets[b];
        size_t total = 0;
        n = rp_merge_add_node(backlog, "age");
        rp_merge_set_attr(n, "label", k->label);
        rp_merge_set_int(n, "min-days", k->min_days);
        if (k->max_days >= 0)
            rp_merge_set_int(n, "max-days", k->max_days);
        for (p = 0; p < RP_PRIORITY_COUNT; p++)
            total += agg->backlog[b][p];
        rp_merge_set_size(n, "tickets", total);
        rp_merge_set_size(n, "p1", agg->backlog[b][0]);
        rp_merge_set_size(n, "p2", agg->backlog[b][1]);
        rp_merge_set_size(n, "p3", agg->backlog[b][2]);
        rp_merge_set_size(n, "p4", agg->backlog[b][3]);
    }
    n = rp_merge_add_node(parent, "escalations");
    rp_merge_set_size(n, "p1", agg->prio[RP_PRIORITY_P1 - 1].tickets);
    rp_merge_set_size(n, "breached", agg->all.breached);
    rp_merge_set_size(n, "reopened", agg->all.reopened);
    rp_merge_set_size(n, "escalated", agg->all.escalated);
}

static void emit_ticket_common(xmlNode *n, struct rp_merge_builder *b,
                               const struct rp_ticket *t)
{
    rp_merge_set_attr(n, "id", t->id);
    rp_merge_set_attr(n, "priority", rp_priority_name(t->priority));
    rp_merge_set_attr(n, "status", rp_ticket_status_name(t->status));
    rp_merge_set_attr(n, "category", t->category);
    rp_merge_set_time(n, "created", t->created);
    rp_merge_set_time(n, "first-response", t->first_response);
    rp_merge_set_time(n, "resolved", t->resolved);
    if (t->reopened > 0)
        rp_merge_set_int(n, "reopened", t->reopened);
    if (t->escalated)
        rp_merge_set_attr(n, "escalated", "yes");
    rp_merge_set_src(n, &b->sources, t->source_file, t->source_line);
}

void rp_merge_emit_ticket(xmlNode *parent, struct rp_merge_builder *b,
                          size_t index)
{
    const struct rp_ticket *t = &b->data->tickets[index];
    const struct rp_merge_ticket_sla sla = b->sla[index];
    xmlNode *n = rp_merge_add_text_node(parent, "ticket", t->subject);

    emit_ticket_common(n, b, t);
    if (b->match[index].how != RP_MERGE_MATCH_ID)
        rp_merge_set_attr(n, "matched-by",
                          rp_merge_match_name(b->match[index].how));
    rp_merge_set_attr(n, "sla", rp_merge_sla_name(sla.overall));
    rp_merge_set_attr(n, "sla-first-response",
                      rp_merge_sla_name(sla.first_response));
    rp_merge_set_attr(n, "sla-resolution", rp_merge_sla_name(sla.resolution));
    rp_merge_set_attr(n, "sla-source", rp_merge_sla_source_name(sla.source));
    rp_merge_set_yes_no(n, "open-at-end", rp_merge_open_at_end(t, b->p.end));
    if (t->first_response != RP_TIME_NONE)
        rp_merge_set_hours(n, "first-response-hours",
                           t->first_response - t->created);
    if (t->resolved != RP_TIME_NONE)
        rp_merge_set_hours(n, "resolution-hours", t->resolved - t->created);
}

void rp_merge_emit_unmatched_ticket(xmlNode *parent, struct rp_merge_builder *b,
                                    size_t index)
{
    const struct rp_ticket *t = &b->data->tickets[index];
    xmlNode *n = rp_merge_add_text_node(parent, "ticket", t->subject);

    emit_ticket_common(n, b, t);
    rp_merge_set_attr(n, "account-id", t->account_id);
    rp_merge_set_opt_attr(n, "org-name", t->org_name);
    rp_merge_set_opt_attr(n, "org-domain", t->org_domain);
    rp_merge_set_opt_attr(n, "external-id", t->external_account_id);
    rp_merge_set_opt_attr(n, "source-system", t->source_system);
    rp_merge_set_attr(n, "reason",
                      rp_merge_unmatched_name(b->match[index].why));
    rp_merge_set_yes_no(n, "in-period", rp_merge_in_period(&b->p, t));
}

void rp_merge_emit_backlog_items(xmlNode *support, struct rp_merge_builder *b,
                                 const struct rp_merge_idx_list *backlog)
{
    xmlNode *parent = NULL;
    size_t i;

    /* The <backlog> rp_merge_emit_breakdown() made: the last one of its
     * kind. */
    for (parent = support->last; parent; parent = parent->prev) {
        if (parent->type == XML_ELEMENT_NODE &&
            xmlStrcmp(parent->name, BAD_CAST "backlog") == 0)
            break;
    }
    for (i = 0; parent && i < backlog->n; i++) {
        const struct rp_ticket *t = &b->data->tickets[backlog->v[i]];
        xmlNode *n = rp_merge_add_text_node(parent, "item", t->subject);
        rp_merge_set_attr(n, "id", t->id);
        rp_merge_set_attr(n, "priority", rp_priority_name(t->priority));
        rp_merge_set_time(n, "created", t->created);
        rp_merge_set_int(n, "age-days",
                         (b->p.end - t->created) / RP_MERGE_SECONDS_PER_DAY);
        rp_merge_set_src(n, &b->sources, t->source_file, t->source_line);
    }
}
