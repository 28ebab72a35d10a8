/*
 * Where the records other than tickets belong, and the program plan's
 * elements.  A contact, opportunity, project, milestone, risk or role
 * belongs to its own account, else to its project's account, else to the
 * program; one that names an account the CRM does not know goes to
 * <unmatched>.  Whether a milestone is done or overdue and how severe a
 * risk is are decided here, for the elements and for the health rules.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "builder.h"

/* ---- plan records: status words ---- */

static bool word_in(const char *s, const char *const *words)
{
    for (; *words; words++) {
        if (strcasecmp(rp_merge_str(s), *words) == 0)
            return true;
    }
    return false;
}

static bool milestone_done(const struct rp_milestone *m)
{
    static const char *const done[] = {"done", "complete", "completed",
                                       "closed", NULL};

    return m->completed != RP_TIME_NONE || word_in(m->status, done);
}

/* Overdue: not done and due before the moment of the review. */
static bool milestone_overdue(const struct rp_milestone *m, int64_t as_of)
{
    return !milestone_done(m) && m->due != RP_TIME_NONE && m->due < as_of;
}

static bool risk_open(const struct rp_risk *r)
{
    static const char *const closed[] = {"closed", "mitigated", "resolved",
                                         NULL};

    return !word_in(r->status, closed);
}

/* Probability x impact, 1..3 each (unknown counts as medium): 6 or more
 * is high, 3 or more medium. */
static const char *risk_severity(const struct rp_risk *r)
{
    int p = r->probability == RP_RISK_UNKNOWN ? 2 : (int)r->probability;
    int i = r->impact == RP_RISK_UNKNOWN ? 2 : (int)r->impact;

    return p * i >= 6 ? "high" : p * i >= 3 ? "medium" : "low";
}

static const char *risk_level_name(enum rp_risk_level level)
{
    switch (level) {
    case RP_RISK_LOW:
        return "low";
    case RP_RISK_MEDIUM:
        return "medium";
    case RP_RISK_HIGH:
        return "high";
    case RP_RISK_UNKNOWN:
        break;
    }
    return "unknown";
}

static const char *rag_name(enum rp_rag rag)
{
    switch (rag) {
    case RP_RAG_GREEN:
        return "green";
    case RP_RAG_AMBER:
        return "amber";
    case RP_RAG_RED:
        return "red";
    case RP_RAG_UNKNOWN:
        break;
    }
    return "unknown";
}

/* ---- where records belong ---- */

/* The project with id, or NULL. */
static const struct rp_project *find_project(const struct rp_merge_builder *b,
                                             const char *id)
{
    size_t lo = 0, hi = b->data->n_projects;

    if (!id || !id[0])
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct rp_project *p = &b->data->projects[b->projects_by_id[mid]];
        int c = strcmp(rp_merge_str(p->id), id);
        if (c == 0)
            return p;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/*
 * Where a plan record belongs: its own account id, else its project's
 * account; *report is NULL for a program-wide record (no account at
 * all).  Returns false when the account id is unknown to the CRM.
 */
static bool place(const struct rp_merge_builder *b, const char *account_id,
                  const char *project_id, struct rp_merge_report **report)
{
    const struct rp_project *p;
    size_t a;

    *report = NULL;
    if (!account_id || !account_id[0]) {
        p = find_project(b, project_id);
        account_id = p ? p->account_id : NULL;
    }
    if (!account_id || !account_id[0])
        return true;
    a = rp_merge_find_account_ref(&b->matcher, account_id);
    if (a == SIZE_MAX)
        return false;
    *report = &b->reports[b->slot[a]];
    return true;
}

void rp_merge_distribute_plan(struct rp_merge_builder *b)
{
    const struct rp_dataset *d = b->data;
    struct rp_merge_report *r;
    size_t i;

    for (i = 0; i < d->n_contacts; i++) {
        if (!place(b, d->contacts[i].account_id, NULL, &r) || !r)
            rp_merge_idx_add(&b->orphan_contacts, i);
        else
            rp_merge_idx_add(&r->contacts, i);
    }
    for (i = 0; i < d->n_opportunities; i++) {
        if (!place(b, d->opportunities[i].account_id, NULL, &r) || !r)
            rp_merge_idx_add(&b->orphan_opportunities, i);
        else
            rp_merge_idx_add(&r->opportunities, i);
    }
    for (i = 0; i < d->n_projects; i++) {
        if (!place(b, d->projects[i].account_id, NULL, &r))
            rp_merge_idx_add(&b->orphan_projects, i);
    }
    for (i = 0; i < d->n_milestones; i++) {
        const struct rp_milestone *m = &d->milestones[i];
        if (!place(b, m->account_id, m->project_id, &r)) {
            rp_merge_idx_add(&b->orphan_milestones, i);
        } else if (!r) {
            rp_merge_idx_add(&b->program_milestones, i);
        } else {
            rp_merge_idx_add(&r->milestones, i);
            r->overdue += milestone_overdue(m, b->opt->generated);
        }
    }
    for (i = 0; i < d->n_risks; i++) {
        const struct rp_risk *k = &d->risks[i];
        if (!place(b, k->account_id, k->project_id, &r)) {
            rp_merge_idx_add(&b->orphan_risks, i);
        } else if (!r) {
            rp_merge_idx_add(&b->program_risks, i);
        } else {
            rp_merge_idx_add(&r->risks, i);
            r->high_risks +=
                risk_open(k) && strcmp(risk_severity(k), "high") == 0;
        }
    }
    for (i = 0; i < d->n_roles; i++) {
        const struct rp_role *k = &d->roles[i];
        if (!place(b, k->account_id, k->project_id, &r))
            rp_merge_idx_add(&b->orphan_roles, i);
        else if (!r)
            rp_merge_idx_add(&b->program_roles, i);
        else
            rp_merge_idx_add(&r->roles, i);
    }
}

/* ---- elements ---- */

void rp_merge_emit_project(xmlNode *parent, struct rp_merge_builder *b,
                           const struct rp_project *p)
{
    xmlNode *n = rp_merge_add_node(parent, "project");

    rp_merge_set_attr(n, "id", p->id);
    rp_merge_set_attr(n, "name", p->name);
    rp_merge_set_opt_attr(n, "account-id", p->account_id);
    rp_merge_set_attr(n, "phase", p->phase);
    rp_merge_set_attr(n, "owner", p->owner);
    rp_merge_set_attr(n, "rag", rag_name(p->rag));
    rp_merge_set_money(n, "budget", p->budget);
    rp_merge_set_money(n, "actual", p->actual);
    rp_merge_set_money(n, "variance", p->actual - p->budget);
    /* Both below 10^15 (validate.c): the ratio fits a long long. */
    if (p->budget >= 0.005 && p->actual >= 0) {
        char buf[RP_MERGE_NUM_LEN];
        long long tenths = llround(p->actual / p->budget * 1000.0);
        snprintf(buf, sizeof(buf), "%lld.%lld", tenths / 10, tenths % 10);
        rp_merge_set_attr(n, "spent-pct", buf);
    }
    rp_merge_set_date(n, "start", p->start);
    rp_merge_set_date(n, "end", p->end);
    rp_merge_set_src(n, &b->sources, p->source_file, p->source_line);
    if (p->goal && p->goal[0])
        rp_merge_add_text_node(n, "goal", p->goal);
}

static void emit_milestone(xmlNode *parent, struct rp_merge_builder *b,
                           const struct rp_milestone *m)
{
    xmlNode *n = rp_merge_add_node(parent, "milestone");
    bool overdue = milestone_overdue(m, b->opt->generated);

    rp_merge_set_attr(n, "id", m->id);
    rp_merge_set_attr(n, "name", m->name);
    rp_merge_set_opt_attr(n, "project-id", m->project_id);
    rp_merge_set_attr(n, "owner", m->owner);
    rp_merge_set_attr(n, "status", m->status);
    rp_merge_set_date(n, "due", m->due);
    rp_merge_set_date(n, "completed", m->completed);
    rp_merge_set_yes_no(n, "done", milestone_done(m));
    rp_merge_set_yes_no(n, "overdue", overdue);
    if (overdue)
        rp_merge_set_int(n, "days-overdue",
                         (b->opt->generated - m->due) /
                             RP_MERGE_SECONDS_PER_DAY);
    rp_merge_set_src(n, &b->sources, m->source_file, m->source_line);
}

static void emit_risk(xmlNode *parent, struct rp_merge_builder *b,
                      const struct rp_risk *r)
{
    xmlNode *n = rp_merge_add_node(parent, "risk");

    rp_merge_set_attr(n, "id", r->id);
    rp_merge_set_attr(n, "title", r->title);
    rp_merge_set_opt_attr(n, "project-id", r->project_id);
    rp_merge_set_attr(n, "owner", r->owner);
    rp_merge_set_attr(n, "status", r->status);
    rp_merge_set_yes_no(n, "open", risk_open(r));
    rp_merge_set_attr(n, "probability", risk_level_name(r->probability));
    rp_merge_set_attr(n, "impact", risk_level_name(r->impact));
    rp_merge_set_attr(n, "severity", risk_severity(r));
    rp_merge_set_date(n, "due", r->due);
    rp_merge_set_src(n, &b->sources, r->source_file, r->source_line);
    if (r->mitigation && r->mitigation[0])
        rp_merge_add_text_node(n, "mitigation", r->mitigation);
}

static void emit_role(xmlNode *parent, struct rp_merge_builder *b,
                      const struct rp_role *r)
{
    xmlNode *n = rp_merge_add_node(parent, "role");
    char buf[RP_MERGE_NUM_LEN];

    rp_merge_set_attr(n, "role", r->role);
    rp_merge_set_opt_attr(n, "person", r->person);
    rp_merge_set_yes_no(n, "filled", r->person && r->person[0]);
    rp_merge_set_opt_attr(n, "project-id", r->project_id);
    if (r->allocation >= 0 && r->allocation <= 1000) {
        snprintf(buf, sizeof(buf), "%d", (int)(r->allocation + 0.5));
        rp_merge_set_attr(n, "allocation-pct", buf);
    }
    rp_merge_set_src(n, &b->sources, r->source_file, r->source_line);
}

void rp_merge_emit_milestones(xmlNode *parent, struct rp_merge_builder *b,
                              const struct rp_merge_idx_list *l)
{
    xmlNode *n = rp_merge_add_node(parent, "milestones");
    size_t i, overdue = 0;

    for (i = 0; i < l->n; i++)
        overdue +=
            milestone_overdue(&b->data->milestones[l->v[i]], b->opt->generated);
    rp_merge_set_size(n, "overdue", overdue);
    for (i = 0; i < l->n; i++)
        emit_milestone(n, b, &b->data->milestones[l->v[i]]);
}

void rp_merge_emit_risks(xmlNode *parent, struct rp_merge_builder *b,
                         const struct rp_merge_idx_list *l)
{
    xmlNode *n = rp_merge_add_node(parent, "risks");
    size_t i, open = 0, high = 0;

    for (i = 0; i < l->n; i++) {
        const struct rp_risk *r = &b->data->risks[l->v[i]];
        open += risk_open(r);
        high += risk_open(r) && strcmp(risk_severity(r), "high") == 0;
    }
    rp_merge_set_size(n, "open", open);
    rp_merge_set_size(n, "open-high", high);
    for (i = 0; i < l->n; i++)
        emit_risk(n, b, &b->data->risks[l->v[i]]);
}

void rp_merge_emit_roles(xmlNode *parent, struct rp_merge_builder *b,
                         const struct rp_merge_idx_list *l)
{
    xmlNode *n = rp_merge_add_node(parent, "roles");
    size_t i, unfilled = 0;

    for (i = 0; i < l->n; i++) {
        const char *person = b->data->roles[l->v[i]].person;
        unfilled += !person || !person[0];
    }
    rp_merge_set_size(n, "unfilled", unfilled);
    for (i = 0; i < l->n; i++)
        emit_role(n, b, &b->data->roles[l->v[i]]);
}
