/*
 * The program plan and the CRM's other records in the document: where
 * each belongs, overdue milestones, risk severity, roles, projects, and
 * records of an account the CRM does not know.
 */
#include "merge/test_data.h"

static void *grow(void **items, size_t *n, size_t *cap, size_t size)
{
    char *p;

    rp_array_grow(items, cap, *n + 1, size);
    p = (char *)*items + (*n)++ * size;
    memset(p, 0, size);
    return p;
}

/*
 * The account picture from the program plan; generated 2026-11-22 18:00.
 *   M-1 due 2026-11-01, on track: overdue 21 days
 *   M-2 due 2026-12-01: not yet due
 *   M-3 due 2026-10-01, done: not overdue
 *   M-4 of project P-1 (ACC-1's), due 2026-09-01, delayed: overdue
 *   R-1 high x high, open: high severity; R-2 the same but closed
 * Health (default rules): 2 overdue milestones -> unstable; one open high
 * risk -> a watch reason too.
 */
static void test_account_plan(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_contact *c;
    struct rp_opportunity *o;
    struct rp_project *p;
    struct rp_milestone *m;
    struct rp_risk *r;
    struct rp_role *ro;
    xmlDoc *doc;
    static const struct {
        const char *id, *project, *account, *status, *due;
    } ms[] = {
        {"M-1", "", "ACC-1", "On track", "2026-11-01"},
        {"M-2", "", "ACC-1", "On track", "2026-12-01"},
        {"M-3", "", "ACC-1", "Done", "2026-10-01"},
        {"M-4", "P-1", "", "Delayed", "2026-09-01"},
        {"M-5", "P-2", "", "On track", "2026-12-15"},
    };
    size_t i;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    c = grow((void **)&d.contacts, &d.n_contacts, &d.cap_contacts, sizeof(*c));
    c->id = rp_xstrdup("C-1");
    c->account_id = rp_xstrdup("ACC-1");
    c->name = rp_xstrdup("Ada Lovelace");
    c->role = rp_xstrdup("Executive Sponsor");
    c->primary = true;
    c = grow((void **)&d.contacts, &d.n_contacts, &d.cap_contacts, sizeof(*c));
    c->id = rp_xstrdup("C-2");
    c->account_id = rp_xstrdup("ACC-404");
    c->name = rp_xstrdup("Nobody");
    o = grow((void **)&d.opportunities, &d.n_opportunities,
             &d.cap_opportunities, sizeof(*o));
    o->id = rp_xstrdup("O-1");
    o->account_id = rp_xstrdup("ACC-1");
    o->name = rp_xstrdup("Renewal 2027");
    o->stage = rp_xstrdup("Negotiation");
    o->amount = 250000;
    o->probability = 60;
    o->close_date = utc("2027-01-31");
    p = grow((void **)&d.projects, &d.n_projects, &d.cap_projects, sizeof(*p));
    p->id = rp_xstrdup("P-1");
    p->account_id = rp_xstrdup("ACC-1");
    p->name = rp_xstrdup("Migration");
    p->goal = rp_xstrdup("Move Acme to the new platform");
    p->budget = 100000;
    p->actual = 80000;
    p->start = utc("2026-01-01");
    p->end = RP_TIME_NONE;
    p->rag = RP_RAG_AMBER;
    p = grow((void **)&d.projects, &d.n_projects, &d.cap_projects, sizeof(*p));
    p->id = rp_xstrdup("P-2");
    p->name = rp_xstrdup("Program office");
    p->start = p->end = RP_TIME_NONE;
    for (i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
        m = grow((void **)&d.milestones, &d.n_milestones, &d.cap_milestones,
                 sizeof(*m));
        m->id = rp_xstrdup(ms[i].id);
        m->project_id = rp_xstrdup(ms[i].project);
        m->account_id = rp_xstrdup(ms[i].account);
        m->name = rp_xstrdup(ms[i].id);
        m->status = rp_xstrdup(ms[i].status);
        m->due = utc(ms[i].due);
        m->completed = RP_TIME_NONE;
    }
    for (i = 0; i < 2; i++) {
        r = grow((void **)&d.risks, &d.n_risks, &d.cap_risks, sizeof(*r));
        r->id = rp_xstrdup(i ? "R-2" : "R-1");
        r->account_id = rp_xstrdup("ACC-1");
        r->title = rp_xstrdup("Key engineer leaves");
        r->status = rp_xstrdup(i ? "Closed" : "Open");
        r->mitigation = rp_xstrdup("Pair a second engineer");
        r->probability = RP_RISK_HIGH;
        r->impact = RP_RISK_HIGH;
        r->due = RP_TIME_NONE;
    }
    ro = grow((void **)&d.roles, &d.n_roles, &d.cap_roles, sizeof(*ro));
    ro->role = rp_xstrdup("Technical Account Manager");
    ro->person = rp_xstrdup("Grace Hopper");
    ro->account_id = rp_xstrdup("ACC-1");
    ro->allocation = 50;
    ro = grow((void **)&d.roles, &d.n_roles, &d.cap_roles, sizeof(*ro));
    ro->role = rp_xstrdup("Solution Architect");
    ro->person = rp_xstrdup("");
    ro->project_id = rp_xstrdup("P-1");
    ro->allocation = -1;
    ro = grow((void **)&d.roles, &d.n_roles, &d.cap_roles, sizeof(*ro));
    ro->role = rp_xstrdup("Program Manager");
    ro->person = rp_xstrdup("Dana Owner");
    ro->allocation = 100;
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_str(doc, "//account/contacts/contact/@name", "Ada Lovelace");
    check_str(doc, "//account/contacts/contact/@primary", "yes");
    check_str(doc, "//account/opportunities/opportunity/@status", "open");
    check_num(doc, "//account/opportunities/opportunity/@probability-pct", 60);
    check_num(doc, "count(//account/milestones/milestone)", 4);
    check_num(doc, "//account/milestones/@overdue", 2);
    check_num(doc, "//milestone[@id='M-1']/@days-overdue", 21);
    check_str(doc, "//milestone[@id='M-2']/@overdue", "no");
    check_str(doc, "//milestone[@id='M-3']/@done", "yes");
    check_str(doc, "//account//milestone[@id='M-4']/@overdue", "yes");
    check_str(doc, "/review-data/program/milestones/milestone/@id", "M-5");
    check_str(doc, "//risk[@id='R-1']/@severity", "high");
    check_str(doc, "//risk[@id='R-2']/@open", "no");
    check_num(doc, "//account/risks/@open-high", 1);
    check_str(doc, "//risk[@id='R-1']/mitigation", "Pair a second engineer");
    check_num(doc, "//account/roles/@unfilled", 1);
    check_str(doc, "//account/roles/role[@role='Solution Architect']/@filled",
              "no");
    check_str(doc, "/review-data/program/roles/role/@role", "Program Manager");
    check_str(doc, "//project[@id='P-1']/@spent-pct", "80.0");
    check_str(doc, "//project[@id='P-1']/@variance", "-20000.00");
    check_str(doc, "//project[@id='P-1']/@rag", "amber");
    check_str(doc, "//project[@id='P-1']/goal",
              "Move Acme to the new platform");
    check_str(doc, "//account/@health", "unstable");
    check_str(doc, "//account/health-reason[1]", "2 milestones are overdue");
    check_str(doc, "//account/health-reason[1]/@rule", "overdue-milestones");
    check_str(doc, "//account/health-reason[2]",
              "1 open risk is of high severity");
    check_num(doc, "count(//account/health-reason)", 2);
    check_num(doc, "/review-data/unmatched/@records", 1);
    check_str(doc, "/review-data/unmatched/record/@account-id", "ACC-404");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_account_plan),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
