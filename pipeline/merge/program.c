/*
 * The parts of review data that are no one account's: <program>, the
 * figures over every account with the projects and the program's own
 * plan; the configuration in force (<sla-targets>, <health-rules>); how
 * tickets were matched (<matching>); and what matched no account
 * (<unmatched>).
 */
#include <stdio.h>

#include "builder.h"

void rp_merge_emit_program(xmlNode *root, struct rp_merge_builder *b)
{
    const struct rp_dataset *d = b->data;
    xmlNode *n = rp_merge_add_node(root, "program"), *projects;
    size_t i;

    rp_merge_set_size(n, "accounts", d->n_accounts);
    rp_merge_set_size(n, "accounts-stable",
                      b->health_count[RP_MERGE_HEALTH_STABLE]);
    rp_merge_set_size(n, "accounts-watch",
                      b->health_count[RP_MERGE_HEALTH_WATCH]);
    rp_merge_set_size(n, "accounts-unstable",
                      b->health_count[RP_MERGE_HEALTH_UNSTABLE]);
    rp_merge_set_counts(n, &b->program.all);
    rp_merge_set_size(n, "tickets-outside-period", b->outside);
    rp_merge_set_size(n, "tickets-unmatched", b->unmatched.n);
    rp_merge_set_size(n, "tickets-total", d->n_tickets);
    rp_merge_set_percentile(n, "first-response-median-hours",
                            &b->program.first_response, 50);
    rp_merge_set_percentile(n, "first-response-p90-hours",
                            &b->program.first_response, 90);
    rp_merge_set_percentile(n, "resolution-median-hours",
                            &b->program.resolution, 50);
    rp_merge_set_percentile(n, "resolution-p90-hours", &b->program.resolution,
                            90);
    rp_merge_emit_breakdown(n, &b->program, &b->cfg.sla, "");
    projects = rp_merge_add_node(n, "projects");
    for (i = 0; i < d->n_projects; i++)
        rp_merge_emit_project(projects, b, &d->projects[b->projects_by_id[i]]);
    rp_merge_emit_milestones(n, b, &b->program_milestones);
    rp_merge_emit_risks(n, b, &b->program_risks);
    rp_merge_emit_roles(n, b, &b->program_roles);
}

void rp_merge_emit_sla_targets(xmlNode *root,
                               const struct rp_merge_sla_config *s)
{
    static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu",
                                             "Fri", "Sat", "Sun"};
    xmlNode *targets = rp_merge_add_node(root, "sla-targets"), *cal, *n;
    char buf[64];
    size_t i, len = 0;

    rp_merge_set_int(targets, "compliance-target-pct",
                     s->compliance_target_pct);
    rp_merge_set_attr(targets, "source", s->source);
    cal = rp_merge_add_node(targets, "calendar");
    rp_merge_set_attr(cal, "time-zone", s->calendar.time_zone);
    buf[0] = '\0';
    for (i = 0; i < 7; i++) {
        if (s->calendar.workday[i])
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    len ? " " : "", day_names[i]);
    }
    rp_merge_set_attr(cal, "days", buf);
    snprintf(buf, sizeof(buf), "%02d:%02d", s->calendar.open / 3600,
             s->calendar.open / 60 % 60);
    rp_merge_set_attr(cal, "start", buf);
    snprintf(buf, sizeof(buf), "%02d:%02d", s->calendar.close / 3600,
             s->calendar.close / 60 % 60);
    rp_merge_set_attr(cal, "end", buf);
    for (i = 0; i < s->calendar.n_holidays; i++) {
        n = rp_merge_add_node(cal, "holiday");
        rp_merge_set_date(
            n, "date", s->calendar.holidays[i].day * RP_MERGE_SECONDS_PER_DAY);
        rp_merge_set_attr(n, "name", s->calendar.holidays[i].name);
    }
    for (i = 0; i < s->n_targets; i++) {
        const struct rp_merge_target *t = &s->targets[i];
        n = rp_merge_add_node(targets, "target");
        rp_merge_set_attr(n, "priority", rp_priority_name(t->priority));
        rp_merge_set_opt_attr(n, "tier", t->tier);
        rp_merge_set_int(n, "first-response-hours", t->first_response_hours);
        rp_merge_set_int(n, "resolution-hours", t->resolution_hours);
        rp_merge_set_attr(n, "basis", rp_merge_basis_name(t->basis));
    }
}

void rp_merge_emit_health_rules(xmlNode *root,
                                const struct rp_merge_health_config *h)
{
    xmlNode *rules = rp_merge_add_node(root, "health-rules");
    size_t i;

    rp_merge_set_attr(rules, "source", h->source);
    for (i = 0; i < h->n_rules; i++) {
        const struct rp_merge_rule *r = &h->rules[i];
        xmlNode *n = rp_merge_add_node(rules, "rule");
        rp_merge_set_attr(n, "when", rp_merge_rule_name(r->kind));
        rp_merge_set_attr(n, "level", rp_merge_health_name(r->level));
        if (r->kind == RP_MERGE_RULE_SLA_BELOW_TARGET)
            rp_merge_set_int(n, "points", r->points);
        else
            rp_merge_set_int(n, "min", r->min);
        if (r->kind == RP_MERGE_RULE_AGED_BACKLOG)
            rp_merge_set_int(n, "days", r->days);
    }
}

void rp_merge_emit_matching(xmlNode *root, struct rp_merge_builder *b)
{
    xmlNode *n = rp_merge_add_node(root, "matching");
    const struct rp_merge_map_config *map = &b->cfg.map;

    rp_merge_set_size(n, "tickets", b->data->n_tickets);
    rp_merge_set_size(n, "by-id", b->by_how[RP_MERGE_MATCH_ID]);
    rp_merge_set_size(n, "by-map", b->by_how[RP_MERGE_MATCH_MAP]);
    rp_merge_set_size(n, "by-domain", b->by_how[RP_MERGE_MATCH_DOMAIN]);
    rp_merge_set_size(n, "by-name", b->by_how[RP_MERGE_MATCH_NAME]);
    rp_merge_set_size(n, "unmatched", b->by_how[RP_MERGE_MATCH_NONE]);
    rp_merge_set_size(n, "mappings", map->n_entries);
    rp_merge_set_size(n, "stale-mappings", b->matcher.n_stale);
    rp_merge_set_opt_attr(n, "map-source", map->source);
}

void rp_merge_emit_unmatched(xmlNode *root, struct rp_merge_builder *b)
{
    const struct rp_dataset *d = b->data;
    xmlNode *n = rp_merge_add_node(root, "unmatched"), *c;
    size_t i;

    rp_merge_set_size(n, "tickets", b->unmatched.n);
    rp_merge_set_size(n, "records",
                      b->orphan_contacts.n + b->orphan_opportunities.n +
                          b->orphan_projects.n + b->orphan_milestones.n +
                          b->orphan_risks.n + b->orphan_roles.n);
    for (i = 0; i < b->unmatched.n; i++)
        rp_merge_emit_unmatched_ticket(n, b, b->unmatched.v[i]);
#define ORPHANS(list, kind, array, idfield)                                    \
    for (i = 0; i < b->list.n; i++) {                                          \
        c = rp_merge_add_node(n, "record");                                    \
        rp_merge_set_attr(c, "kind", kind);                                    \
        rp_merge_set_attr(c, "id", d->array[b->list.v[i]].idfield);            \
        rp_merge_set_attr(c, "account-id", d->array[b->list.v[i]].account_id); \
        rp_merge_set_src(c, &b->sources, d->array[b->list.v[i]].source_file,   \
                         d->array[b->list.v[i]].source_line);                  \
    }
    ORPHANS(orphan_contacts, "contact", contacts, id)
    ORPHANS(orphan_opportunities, "opportunity", opportunities, id)
    ORPHANS(orphan_projects, "project", projects, id)
    ORPHANS(orphan_milestones, "milestone", milestones, id)
    ORPHANS(orphan_risks, "risk", risks, id)
    ORPHANS(orphan_roles, "role", roles, role)
#undef ORPHANS
}
