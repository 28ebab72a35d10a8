/*
 * Merge stage tests: small hand-built datasets whose expected figures were
 * worked out by hand (see the comment on each case), checked through XPath
 * on the document, the way a template reads it.  Every document built is
 * also validated against templates/schema/review-data.rng, found under
 * $TOP (set by `make test`) or the current directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>

#include "common/mem.h"
#include "merge/match.h"
#include "merge/merge.h"

#define HOUR 3600

/* ---- building datasets by hand ---- */

static int64_t utc(const char *iso)
{
    struct tm tm;
    int y, mo, d, h = 0, mi = 0, s = 0;

    memset(&tm, 0, sizeof(tm));
    assert_true(sscanf(iso, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) >=
                3);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm);
}

static void add_account(struct rp_dataset *d, const char *id, const char *name)
{
    struct rp_account *a;

    rp_array_grow((void **)&d->accounts, &d->cap_accounts, d->n_accounts + 1,
                  sizeof(*d->accounts));
    a = &d->accounts[d->n_accounts++];
    memset(a, 0, sizeof(*a));
    a->id = rp_xstrdup(id);
    a->name = rp_xstrdup(name);
    a->tier = rp_xstrdup("Gold");
    a->owner = rp_xstrdup("Dana Owner");
    a->industry = rp_xstrdup("Manufacturing");
    a->country = rp_xstrdup("DE");
    a->website = rp_xstrdup("https://example.com");
    a->annual_revenue = 1250000.0;
    a->renewal = utc("2027-03-31");
    a->source_file = "accounts.csv";
    a->source_line = (long)d->n_accounts + 1;
}

/* first_response and resolved are hours after created, < 0 for none. */
static struct rp_ticket *add_ticket(struct rp_dataset *d, const char *id,
                                    const char *account_id, int priority,
                                    int64_t created, double fr_hours,
                                    double res_hours)
{
    struct rp_ticket *t;

    rp_array_grow((void **)&d->tickets, &d->cap_tickets, d->n_tickets + 1,
                  sizeof(*d->tickets));
    t = &d->tickets[d->n_tickets++];
    memset(t, 0, sizeof(*t));
    t->id = rp_xstrdup(id);
    t->account_id = rp_xstrdup(account_id);
    t->subject = rp_xstrdup("Printer on fire");
    t->category = rp_xstrdup("Hardware");
    t->priority = (enum rp_priority)priority;
    t->status = res_hours >= 0 ? RP_TICKET_SOLVED : RP_TICKET_OPEN;
    t->created = created;
    t->first_response =
        fr_hours >= 0 ? created + (int64_t)(fr_hours * HOUR) : RP_TIME_NONE;
    t->resolved =
        res_hours >= 0 ? created + (int64_t)(res_hours * HOUR) : RP_TIME_NONE;
    t->source_file = "tickets.csv";
    t->source_line = (long)d->n_tickets + 1;
    return t;
}

static void set_string(char **field, const char *value)
{
    free(*field);
    *field = rp_xstrdup(value);
}

/* Tests do not link the importer's rp_dataset_release(). */
static void dataset_free(struct rp_dataset *d)
{
    size_t i;

    for (i = 0; i < d->n_accounts; i++) {
        struct rp_account *a = &d->accounts[i];
        free(a->id);
        free(a->name);
        free(a->tier);
        free(a->owner);
        free(a->industry);
        free(a->country);
        free(a->website);
    }
    for (i = 0; i < d->n_tickets; i++) {
        struct rp_ticket *t = &d->tickets[i];
        free(t->id);
        free(t->account_id);
        free(t->subject);
        free(t->category);
        free(t->org_name);
        free(t->org_domain);
        free(t->external_account_id);
        free(t->source_system);
    }
    for (i = 0; i < d->n_contacts; i++) {
        free(d->contacts[i].id);
        free(d->contacts[i].account_id);
        free(d->contacts[i].name);
        free(d->contacts[i].role);
    }
    for (i = 0; i < d->n_opportunities; i++) {
        free(d->opportunities[i].id);
        free(d->opportunities[i].account_id);
        free(d->opportunities[i].name);
        free(d->opportunities[i].stage);
    }
    for (i = 0; i < d->n_projects; i++) {
        free(d->projects[i].id);
        free(d->projects[i].account_id);
        free(d->projects[i].name);
        free(d->projects[i].goal);
    }
    for (i = 0; i < d->n_milestones; i++) {
        free(d->milestones[i].id);
        free(d->milestones[i].account_id);
        free(d->milestones[i].project_id);
        free(d->milestones[i].name);
        free(d->milestones[i].status);
    }
    for (i = 0; i < d->n_risks; i++) {
        free(d->risks[i].id);
        free(d->risks[i].account_id);
        free(d->risks[i].title);
        free(d->risks[i].status);
        free(d->risks[i].mitigation);
    }
    for (i = 0; i < d->n_roles; i++) {
        free(d->roles[i].role);
        free(d->roles[i].person);
        free(d->roles[i].account_id);
        free(d->roles[i].project_id);
    }
    free(d->accounts);
    free(d->tickets);
    free(d->contacts);
    free(d->opportunities);
    free(d->projects);
    free(d->milestones);
    free(d->risks);
    free(d->roles);
    memset(d, 0, sizeof(*d));
}

/* Source lines from the ids' digits, so that two datasets holding the
 * same records in another order also trace them to the same lines. */
static void lines_from_ids(struct rp_dataset *d)
{
    size_t i;

    for (i = 0; i < d->n_accounts; i++)
        d->accounts[i].source_line = strtol(d->accounts[i].id + 4, NULL, 10);
    for (i = 0; i < d->n_tickets; i++)
        d->tickets[i].source_line = strtol(d->tickets[i].id + 2, NULL, 10);
}

/* The period of most tests: Nov 2025 .. Oct 2026, end exclusive. */
static void options_for_year(struct rp_merge_options *opt)
{
    rp_merge_options_init(opt);
    opt->period_start = utc("2025-11-01");
    opt->period_end = utc("2026-11-01");
    opt->generated = utc("2026-11-22T18:00:00");
}

static xmlRelaxNG *schema;

static int load_schema(void **state)
{
    const char *top = getenv("TOP");
    xmlRelaxNGParserCtxt *ctxt;
    char path[1024];

    (void)state;
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    ctxt = xmlRelaxNGNewParserCtxt(path);
    schema = ctxt ? xmlRelaxNGParse(ctxt) : NULL;
    xmlRelaxNGFreeParserCtxt(ctxt);
    if (!schema)
        print_error("cannot load %s; run from the repository root or set "
                    "TOP to it\n",
                    path);
    return schema ? 0 : -1;
}

static int free_schema(void **state)
{
    (void)state;
    xmlRelaxNGFree(schema);
    return 0;
}

/* Validity errors are printed as TAP comments, not raw on stderr. */
static void on_invalid(void *ctx, xmlError *e)
{
    (void)ctx;
    print_message("# schema: line %d: %s", e->line, e->message);
}

static int schema_valid(xmlDoc *doc)
{
    xmlRelaxNGValidCtxt *v = xmlRelaxNGNewValidCtxt(schema);
    int rc;

    assert_non_null(v);
    xmlRelaxNGSetValidStructuredErrors(v, on_invalid, NULL);
    rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    return rc == 0;
}

static xmlDoc *build(const struct rp_dataset *d,
                     const struct rp_merge_options *opt,
                     struct rp_merge_stats *stats)
{
    struct rp_merge_stats local;
    struct rp_error err;
    xmlDoc *doc = NULL;
    char msg[2048];

    rp_error_init(&err);
    if (rp_merge_build(d, opt, &doc, stats ? stats : &local, &err) != RP_OK) {
        rp_error_format(&err, msg, sizeof(msg));
        fail_msg("rp_merge_build failed: %s", msg);
    }
    assert_non_null(doc);
    assert_true(schema_valid(doc));
    return doc;
}

/* ---- reading the result ---- */

/* string(expr); "" when nothing matches. */
static char *xs(xmlDoc *doc, const char *expr)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathObject *obj;
    char *s;

    assert_non_null(ctx);
    obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(obj);
    s = (char *)xmlXPathCastToString(obj);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return s;
}

static void check_str(xmlDoc *doc, const char *expr, const char *expected)
{
    char *s = xs(doc, expr);

    if (strcmp(s, expected) != 0) {
        print_error("%s: got '%s', expected '%s'\n", expr, s, expected);
        xmlFree(s);
        fail();
    }
    xmlFree(s);
}

static void check_num(xmlDoc *doc, const char *expr, double expected)
{
    char wrapped[512];
    char *s;
    double v;

    snprintf(wrapped, sizeof(wrapped), "number(%s)", expr);
    s = xs(doc, wrapped);
    v = strtod(s, NULL);
    if (v != expected) {
        print_error("%s: got %s, expected %g\n", expr, s, expected);
        xmlFree(s);
        fail();
    }
    xmlFree(s);
}

/* ---- cases ---- */

/*
 * One account, tickets on both sides of both period boundaries: only the
 * four created in [2025-11-01, 2026-11-01) count, by month and priority.
 */
static void test_counts_by_priority_and_month(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_ticket(&d, "T-1", "ACC-1", 1, utc("2025-11-01T00:00:00"), 0.5, 2);
    add_ticket(&d, "T-2", "ACC-1", 2, utc("2025-11-30T23:59:59"), 1, 3);
    add_ticket(&d, "T-3", "ACC-1", 2, utc("2025-12-15T10:00:00"), 1, 3);
    add_ticket(&d, "T-4", "ACC-1", 4, utc("2026-10-31T23:59:59"), -1, -1);
    add_ticket(&d, "T-0", "ACC-1", 3, utc("2025-10-31T23:59:59"), 1, 3);
    add_ticket(&d, "T-5", "ACC-1", 3, utc("2026-11-01T00:00:00"), 1, 3);
    options_for_year(&opt);
    doc = build(&d, &opt, &stats);

    check_str(doc, "/review-data/@period-start", "2025-11-01");
    check_str(doc, "/review-data/@period-end", "2026-10-31");
    check_str(doc, "/review-data/@generated", "2026-11-22T18:00:00Z");
    check_num(doc, "/review-data/program/@tickets", 4);
    check_num(doc, "/review-data/program/@tickets-outside-period", 2);
    check_num(doc, "/review-data/program/@tickets-total", 6);
    check_num(doc, "count(//account/support/ticket)", 4);
    check_str(doc, "//account/support/ticket[1]/@id", "T-1");
    check_str(doc, "//account/support/ticket[4]/@id", "T-4");
    check_num(doc, "count(//account/support/month)", 12);
    check_str(doc, "//account/support/month[1]/@month", "2025-11");
    check_str(doc, "//account/support/month[1]/@label", "Nov 2025");
    check_str(doc, "//account/support/month[12]/@month", "2026-10");
    check_num(doc, "//support/month[@month='2025-11']/@tickets", 2);
    check_num(doc, "//support/month[@month='2025-11']/@p1", 1);
    check_num(doc, "//support/month[@month='2025-11']/@p2", 1);
    check_num(doc, "//support/month[@month='2025-12']/@p2", 1);
    check_num(doc, "//support/month[@month='2026-10']/@p4", 1);
    check_num(doc, "//support/month[@month='2026-03']/@tickets", 0);
    check_num(doc, "count(//support/priority)", 4);
    check_num(doc, "//support/priority[@name='P2']/@tickets", 2);
    check_num(doc, "//support/priority[@name='P3']/@tickets", 0);
    check_num(doc, "count(//program/month)", 12);
    check_num(doc, "//program/priority[@name='P2']/@tickets", 2);
    check_num(doc, "//support/category[@name='Hardware']/@tickets", 4);
    assert_int_equal(stats.accounts, 1);
    assert_int_equal(stats.tickets, 4);
    assert_int_equal(stats.tickets_unmatched, 0);
    assert_string_equal(stats.period_start, "2025-11-01");
    assert_string_equal(stats.period_end, "2026-10-31");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/*
 * P1 targets 1 h / 8 h; E = period end = 2026-11-01T00:00Z.
 *   T-1 created E-10h, fr +0.5h, res +7h        -> met
 *   T-2 created E-10h, fr +2h (late)             -> breached
 *   T-3 created E-0.5h, nothing yet, fr due E+.5 -> pending
 *   T-4 created E-1h-1s, no fr, fr due E-1s < E  -> breached
 *   T-5 created E-1h, no fr, fr due exactly E    -> pending
 *   T-6 created E-9h, fr +1h exactly (on time), no res, due E-1h -> breached
 *   T-7 created E-2h, fr +1h, res +7h (after E, within 8 h)      -> met
 * met 2, breached 3, pending 2: 2 / 5 = 40.0 %.
 */
static void test_sla_at_period_boundary(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    xmlDoc *doc;
    int64_t e = utc("2026-11-01");

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_ticket(&d, "T-1", "ACC-1", 1, e - 10 * HOUR, 0.5, 7);
    add_ticket(&d, "T-2", "ACC-1", 1, e - 10 * HOUR, 2, 7);
    add_ticket(&d, "T-3", "ACC-1", 1, e - HOUR / 2, -1, -1);
    add_ticket(&d, "T-4", "ACC-1", 1, e - HOUR - 1, -1, -1);
    add_ticket(&d, "T-5", "ACC-1", 1, e - HOUR, -1, -1);
    add_ticket(&d, "T-6", "ACC-1", 1, e - 9 * HOUR, 1, -1);
    add_ticket(&d, "T-7", "ACC-1", 1, e - 2 * HOUR, 1, 7);
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_str(doc, "//ticket[@id='T-1']/@sla", "met");
    check_str(doc, "//ticket[@id='T-2']/@sla", "breached");
    check_str(doc, "//ticket[@id='T-3']/@sla", "pending");
    check_str(doc, "//ticket[@id='T-4']/@sla", "breached");
    check_str(doc, "//ticket[@id='T-5']/@sla", "pending");
    check_str(doc, "//ticket[@id='T-6']/@sla", "breached");
    check_str(doc, "//ticket[@id='T-7']/@sla", "met");
    check_str(doc, "//ticket[@id='T-1']/@open-at-end", "no");
    check_str(doc, "//ticket[@id='T-7']/@open-at-end", "yes");
    check_str(doc, "//ticket[@id='T-3']/@first-response", "");
    check_str(doc, "//ticket[@id='T-7']/@resolution-hours", "7.0");
    check_num(doc, "//account/support/@sla-met", 2);
    check_num(doc, "//account/support/@sla-breached", 3);
    check_num(doc, "//account/support/@sla-pending", 2);
    check_str(doc, "//account/support/@sla-met-pct", "40.0");
    /* Everything but T-1 and T-2, resolved before E. */
    check_num(doc, "//account/support/@open-at-end", 5);
    check_str(doc, "//support/priority[@name='P1']/@sla-met-pct", "40.0");
    /* No decided P2 ticket: no percentage rather than a false 0. */
    check_num(doc, "count(//support/priority[@name='P2']/@sla-met-pct)", 0);
    check_str(doc, "/review-data/program/@sla-met-pct", "40.0");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/*
 * First responses after 1, 2, ..., 9 h and 1.5 h (10 values); sorted:
 * 1 1.5 2 3 4 5 6 7 8 9.  Nearest rank: median = ceil(0.5 * 10) = 5th
 * = 4.0; p90 = ceil(0.9 * 10) = 9th = 8.0.  Resolutions: the first five
 * tickets only, 10 20 30 40 1000 h: median = 3rd = 30.0, p90 = 5th.
 */
static void test_percentiles_nearest_rank(void **state)
{
    static const double fr[10] = {9, 1, 8, 2, 7, 1.5, 6, 3, 5, 4};
    static const double res[10] = {10, 1000, 30, 20, 40, -1, -1, -1, -1, -1};
    struct rp_dataset d;
    struct rp_merge_options opt;
    xmlDoc *doc;
    char id[16];
    int i;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    for (i = 0; i < 10; i++) {
        snprintf(id, sizeof(id), "T-%d", i);
        add_ticket(&d, id, "ACC-1", 4, utc("2026-01-10") + i * HOUR, fr[i],
                   res[i]);
    }
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_str(doc, "//support/@first-response-median-hours", "4.0");
    check_str(doc, "//support/@first-response-p90-hours", "8.0");
    check_str(doc, "//support/@resolution-median-hours", "30.0");
    check_str(doc, "//support/@resolution-p90-hours", "1000.0");
    check_str(doc, "//priority[@name='P4']/@first-response-median-hours",
              "4.0");
    check_num(doc, "count(//priority[@name='P1']/@resolution-median-hours)", 0);
    check_str(doc, "//ticket[@id='T-5']/@first-response-hours", "1.5");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/* Tickets for an unknown account are counted and listed, never dropped,
 * whatever their date, and never counted in an account. */
static void test_unmatched_tickets(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_ticket(&d, "T-1", "ACC-1", 3, utc("2026-02-01"), 1, 2);
    add_ticket(&d, "T-2", "ACC-9999", 2, utc("2026-03-01"), 1, 2);
    add_ticket(&d, "T-3", "ACC-9998", 1, utc("2024-01-01"), -1, -1);
    options_for_year(&opt);
    doc = build(&d, &opt, &stats);

    check_num(doc, "/review-data/program/@tickets", 1);
    check_num(doc, "/review-data/program/@tickets-unmatched", 2);
    check_num(doc, "/review-data/unmatched/@tickets", 2);
    check_num(doc, "count(/review-data/unmatched/ticket)", 2);
    check_str(doc, "/review-data/unmatched/ticket[1]/@id", "T-3");
    check_str(doc, "/review-data/unmatched/ticket[1]/@in-period", "no");
    check_str(doc, "/review-data/unmatched/ticket[2]/@account-id", "ACC-9999");
    check_str(doc, "/review-data/unmatched/ticket[2]/@in-period", "yes");
    check_str(doc, "/review-data/unmatched/ticket[2]", "Printer on fire");
    check_num(doc, "count(//account//ticket)", 1);
    assert_int_equal(stats.tickets_unmatched, 2);
    assert_int_equal(stats.tickets, 1);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/* n tickets of priority p for account, the first `late` of them late. */
static void add_batch(struct rp_dataset *d, const char *account, int p, int n,
                      int late)
{
    char id[48];
    int i;

    for (i = 0; i < n; i++) {
        snprintf(id, sizeof(id), "%s-P%d-%d", account, p, i);
        /* P3 and P4 targets allow 8 h to respond; 30 h is late for all. */
        add_ticket(d, id, account, p, utc("2026-04-01") + i * HOUR,
                   i < late ? 30 : 0.5, i < late ? 200 : 1);
    }
}

/*
 * Health rules:
 *   S: 10 P3, 1 late: 90.0 %, exactly the target      -> stable
 *   V: 17 P3, 2 late: 88.2 %, below the target        -> watch
 *   U:  4 P4, 1 late: 75.0 %, more than 10 points off -> unstable
 *   W:  3 P1, all met: three P1s in the period        -> watch
 *   O:  1 P1 still open at period end                 -> unstable
 */
static void test_health_rules(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "S", "S");
    add_account(&d, "V", "V");
    add_account(&d, "U", "U");
    add_account(&d, "W", "W");
    add_account(&d, "O", "O");
    add_batch(&d, "S", 3, 10, 1);
    add_batch(&d, "V", 3, 17, 2);
    add_batch(&d, "U", 4, 4, 1);
    add_batch(&d, "W", 1, 3, 0);
    add_ticket(&d, "O-1", "O", 1, utc("2026-10-31T23:30:00"), 0.25, -1);
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_str(doc, "//account[@id='S']/support/@sla-met-pct", "90.0");
    check_str(doc, "//account[@id='S']/@health", "stable");
    check_num(doc, "count(//account[@id='S']/health-reason)", 0);
    check_str(doc, "//account[@id='V']/@health", "watch");
    check_str(doc, "//account[@id='V']/health-reason",
              "SLA compliance 88.2% is below the 90% target");
    check_str(doc, "//account[@id='U']/@health", "unstable");
    check_str(doc, "//account[@id='U']/health-reason",
              "SLA compliance 75.0% is more than 10 points below the 90% "
              "target");
    check_num(doc, "count(//account[@id='U']/health-reason)", 1);
    check_str(doc, "//account[@id='W']/@health", "watch");
    check_str(doc, "//account[@id='W']/health-reason",
              "3 P1 tickets were raised in the period");
    check_str(doc, "//account[@id='O']/@health", "unstable");
    check_str(doc, "//account[@id='O']/health-reason",
              "1 P1 ticket was still open at the end of the period");
    check_num(doc, "/review-data/program/@accounts-stable", 1);
    check_num(doc, "/review-data/program/@accounts-watch", 2);
    check_num(doc, "/review-data/program/@accounts-unstable", 2);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

static char *dump(xmlDoc *doc)
{
    xmlChar *mem = NULL;
    int size = 0;
    char *copy;

    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    assert_non_null(mem);
    copy = rp_xstrndup((const char *)mem, (size_t)size);
    xmlFree(mem);
    return copy;
}

/* Same records in another order give the same bytes; accounts sort by
 * name byte-wise, tickets by created then id. */
static void test_deterministic_output(void **state)
{
    struct rp_dataset a, b;
    struct rp_merge_options opt;
    xmlDoc *doc_a, *doc_b;
    char *text_a, *text_b;

    (void)state;
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    add_account(&a, "ACC-3", "Zeta AG");
    add_account(&a, "ACC-2", "M\xc3\xbcller GmbH");
    add_account(&a, "ACC-1", "Acme & <Sons>");
    add_ticket(&a, "T-2", "ACC-2", 2, utc("2026-01-01"), 1, 5);
    add_ticket(&a, "T-1", "ACC-2", 2, utc("2026-01-01"), 1, 5);
    add_ticket(&a, "T-3", "ACC-1", 3, utc("2025-12-01"), 1, 5);
    add_account(&b, "ACC-1", "Acme & <Sons>");
    add_account(&b, "ACC-2", "M\xc3\xbcller GmbH");
    add_account(&b, "ACC-3", "Zeta AG");
    add_ticket(&b, "T-3", "ACC-1", 3, utc("2025-12-01"), 1, 5);
    add_ticket(&b, "T-1", "ACC-2", 2, utc("2026-01-01"), 1, 5);
    add_ticket(&b, "T-2", "ACC-2", 2, utc("2026-01-01"), 1, 5);
    set_string(&a.tickets[2].subject, "Quote \" and <tag> & \xe2\x82\xac");
    set_string(&b.tickets[0].subject, "Quote \" and <tag> & \xe2\x82\xac");
    lines_from_ids(&a);
    lines_from_ids(&b);
    options_for_year(&opt);
    doc_a = build(&a, &opt, NULL);
    doc_b = build(&b, &opt, NULL);
    text_a = dump(doc_a);
    text_b = dump(doc_b);
    assert_string_equal(text_a, text_b);

    check_str(doc_a, "//account[1]/@name", "Acme & <Sons>");
    check_str(doc_a, "//account[2]/@name", "M\xc3\xbcller GmbH");
    check_str(doc_a, "//account[3]/@name", "Zeta AG");
    check_str(doc_a, "//account[2]//ticket[1]/@id", "T-1");
    check_str(doc_a, "//account[1]//ticket[1]",
              "Quote \" and <tag> & \xe2\x82\xac");
    check_str(doc_a, "//account[1]/@annual-revenue", "1250000.00");
    check_str(doc_a, "//account[1]/@renewal", "2027-03-31");
    /* The schema is not vacuous: a malformed figure fails it. */
    xmlSetProp(xmlDocGetRootElement(doc_a)->children, BAD_CAST "tickets",
               BAD_CAST "3.5");
    assert_false(schema_valid(doc_a));
    free(text_a);
    free(text_b);
    xmlFreeDoc(doc_a);
    xmlFreeDoc(doc_b);
    dataset_free(&a);
    dataset_free(&b);
}

/* The default period: the 12 whole months before the month of the newest
 * timestamp, whichever field holds it. */
static void test_default_period(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_ticket(&d, "T-1", "ACC-1", 4, utc("2025-10-02"), 1, 5);
    /* Resolved 2026-11-22: newer than any created. */
    add_ticket(&d, "T-2", "ACC-1", 4, utc("2026-11-02"), 1, 20 * 24);
    rp_merge_options_init(&opt);
    opt.generated = 0;
    doc = build(&d, &opt, &stats);
    check_str(doc, "/review-data/@period-start", "2025-11-01");
    check_str(doc, "/review-data/@period-end", "2026-10-31");
    check_str(doc, "/review-data/@generated", "1970-01-01T00:00:00Z");
    check_num(doc, "/review-data/program/@tickets", 0);
    check_num(doc, "/review-data/program/@tickets-outside-period", 2);
    xmlFreeDoc(doc);

    /* Across a year end: newest in January 2026 -> calendar year 2025. */
    d.tickets[1].created = utc("2026-01-15T08:00:00");
    d.tickets[1].first_response = d.tickets[1].created + HOUR;
    d.tickets[1].resolved = d.tickets[1].created + 2 * HOUR;
    doc = build(&d, &opt, &stats);
    assert_string_equal(stats.period_start, "2025-01-01");
    assert_string_equal(stats.period_end, "2025-12-31");
    check_str(doc, "//support/month[1]/@month", "2025-01");
    check_str(doc, "//support/month[12]/@label", "Dec 2025");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

static void test_generated_from_source_date_epoch(void **state)
{
    struct rp_merge_options opt;
    time_t before = time(NULL);

    (void)state;
    setenv("SOURCE_DATE_EPOCH", "1795370400", 1);
    rp_merge_options_init(&opt);
    assert_int_equal(opt.generated, 1795370400);
    assert_true(opt.period_start == RP_TIME_NONE);
    assert_true(opt.period_end == RP_TIME_NONE);
    setenv("SOURCE_DATE_EPOCH", "17953x", 1);
    rp_merge_options_init(&opt);
    assert_true(opt.generated >= before);
    unsetenv("SOURCE_DATE_EPOCH");
}

static void expect_failure(const struct rp_dataset *d,
                           const struct rp_merge_options *opt,
                           enum rp_status status, const char *file, long line,
                           const char *field)
{
    struct rp_merge_stats stats;
    struct rp_error err;
    xmlDoc *doc = NULL;

    rp_error_init(&err);
    assert_int_equal(rp_merge_build(d, opt, &doc, &stats, &err), status);
    assert_null(doc);
    assert_int_equal(err.status, status);
    assert_string_equal(err.file, file);
    assert_int_equal(err.line, line);
    assert_string_equal(err.field, field);
    assert_true(err.message[0] != '\0');
}

static void test_bad_input_is_reported(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_account(&d, "ACC-1", "Acme again");
    options_for_year(&opt);
    expect_failure(&d, &opt, RP_ERR_INPUT, "accounts.csv", 3, "id");
    set_string(&d.accounts[1].id, "ACC-2");

    add_ticket(&d, "T-1", "ACC-1", 2, utc("2026-01-01"), 1, 2);
    set_string(&d.tickets[0].subject, "bad \xc3(");
    expect_failure(&d, &opt, RP_ERR_INPUT, "tickets.csv", 2, "subject");
    set_string(&d.tickets[0].subject, "bell \a");
    expect_failure(&d, &opt, RP_ERR_INPUT, "tickets.csv", 2, "subject");
    set_string(&d.tickets[0].subject, "fine");
    d.tickets[0].priority = (enum rp_priority)7;
    expect_failure(&d, &opt, RP_ERR_INPUT, "tickets.csv", 2, "priority");
    d.tickets[0].priority = RP_PRIORITY_P2;

    opt.period_end = RP_TIME_NONE;
    expect_failure(&d, &opt, RP_ERR_USAGE, "", 0, "period");
    opt.period_end = opt.period_start;
    expect_failure(&d, &opt, RP_ERR_USAGE, "", 0, "period");
    dataset_free(&d);
}

/* No accounts, no tickets: still a valid, complete document. */
static void test_empty_dataset(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    rp_merge_options_init(&opt);
    opt.generated = utc("2026-11-22T18:00:00");
    doc = build(&d, &opt, NULL);
    check_str(doc, "/review-data/@period-start", "2025-11-01");
    check_num(doc, "/review-data/program/@accounts", 0);
    check_num(doc, "count(/review-data/program/month)", 12);
    check_num(doc, "count(/review-data/sla-targets/target)", 4);
    check_num(doc, "/review-data/unmatched/@tickets", 0);
    xmlFreeDoc(doc);
}

/* ---- configuration, matching, plan and contributions ---- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1024];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static void remove_tree(const char *dir)
{
    char cmd[1100];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/merge-test.XXXXXX";
    char *dir = mkdtemp(tmpl);

    assert_non_null(dir);
    return rp_xstrdup(dir);
}

static const char sla_xml[] =
    "<sla compliance-target-pct=\"90\" basis=\"business\">\n"
    "  <calendar time-zone=\"Europe/Berlin\" days=\"Mon Tue Wed Thu Fri\"\n"
    "      start=\"09:00\" end=\"17:00\">\n"
    "    <holiday date=\"2025-12-25\" name=\"Christmas Day\"/>\n"
    "    <holiday date=\"2025-12-26\" name=\"Boxing Day\"/>\n"
    "  </calendar>\n"
    "  <target priority=\"P1\" first-response-hours=\"1\" "
    "resolution-hours=\"8\" basis=\"calendar\"/>\n"
    "  <target priority=\"P2\" first-response-hours=\"4\" "
    "resolution-hours=\"24\"/>\n"
    "  <target priority=\"P3\" first-response-hours=\"8\" "
    "resolution-hours=\"16\"/>\n"
    "  <target priority=\"P4\" first-response-hours=\"16\" "
    "resolution-hours=\"40\"/>\n"
    "  <target tier=\"Platinum\" priority=\"P3\" first-response-hours=\"4\" "
    "resolution-hours=\"24\" basis=\"calendar\"/>\n"
    "</sla>\n";

/* A ticket with events at absolute times (NULL: none). */
static struct rp_ticket *add_ticket_at(struct rp_dataset *d, const char *id,
                                       const char *account, int priority,
                                       const char *created, const char *fr,
                                       const char *res)
{
    struct rp_ticket *t =
        add_ticket(d, id, account, priority, utc(created), -1, -1);

    t->first_response = fr ? utc(fr) : RP_TIME_NONE;
    t->resolved = res ? utc(res) : RP_TIME_NONE;
    t->status = res ? RP_TICKET_SOLVED : RP_TICKET_OPEN;
    return t;
}

/*
 * Business hours, Europe/Berlin, Mon-Fri 09:00-17:00, holidays 25 and 26
 * December; P3 targets 8 h / 16 h business, P1 1 h / 8 h calendar.
 *   A Fri 16:00 CET; answered Mon 15:30 (1 + 6.5 = 7.5 h: met; 71.5
 *     calendar hours would breach); resolved Tue 16:30 (1 + 8 + 7.5 =
 *     16.5 h: breached).
 *   B Fri 27 Mar 08:00 CET (work from 09:00 = 08:00Z: 8 h on Friday);
 *     DST starts Sunday; answered Mon 07:30Z = 09:30 CEST: 8.5 h, breached
 *     (8.0, met, if the zone's change were ignored); resolved Mon 14:00Z
 *     = 16:00 CEST: 8 + 7 = 15 h, met.
 *   C Wed 24 Dec 16:00 CET; answered Mon 29 Dec 10:00: 1 + 1 = 2 h (both
 *     holidays and the weekend skipped), met; resolved Tue 30 Dec 16:00:
 *     1 + 8 + 7 = 16 h, exactly the target, met.
 *   D Mon 26 Oct 09:00 CET, nothing since: 5 x 8 = 40 business hours to
 *     the period end (Sun 1 Nov): both deadlines passed: breached.
 *   E Fri 30 Oct 16:00 CET, nothing since: 1 h by the period end: both
 *     pending.
 *   F P1 on a Saturday, answered after 30 min, resolved after 7 h: met
 *     in calendar hours.
 *   G P3 of a Platinum account, Fri 16:00 CET, answered 5 h later: the
 *     tier's calendar target of 4 h is breached (the default would be met).
 * Gold account: first response met A C F, breached B D, pending E: 60.0%;
 * resolution met B C F, breached A D: 60.0%; overall met C F, breached
 * A B D, pending E: 40.0%.
 */
static void test_business_hours_and_time_zones(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    char *dir = temp_dir();
    char *tz_before = getenv("TZ") ? rp_xstrdup(getenv("TZ")) : NULL;
    xmlDoc *doc;

    (void)state;
    write_file(dir, "sla.xml", sla_xml);
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Gold Co");
    add_account(&d, "ACC-2", "Platinum Co");
    set_string(&d.accounts[1].tier, "Platinum");
    add_ticket_at(&d, "T-A", "ACC-1", 3, "2026-01-09T15:00:00",
                  "2026-01-12T14:30:00", "2026-01-13T15:30:00");
    add_ticket_at(&d, "T-B", "ACC-1", 3, "2026-03-27T07:00:00",
                  "2026-03-30T07:30:00", "2026-03-30T14:00:00");
    add_ticket_at(&d, "T-C", "ACC-1", 3, "2025-12-24T15:00:00",
                  "2025-12-29T09:00:00", "2025-12-30T15:00:00");
    add_ticket_at(&d, "T-D", "ACC-1", 3, "2026-10-26T08:00:00", NULL, NULL);
    add_ticket_at(&d, "T-E", "ACC-1", 3, "2026-10-30T15:00:00", NULL, NULL);
    add_ticket_at(&d, "T-F", "ACC-1", 1, "2026-01-10T12:00:00",
                  "2026-01-10T12:30:00", "2026-01-10T19:00:00");
    add_ticket_at(&d, "T-G", "ACC-2", 3, "2026-01-09T15:00:00",
                  "2026-01-09T20:00:00", "2026-01-10T10:00:00");
    options_for_year(&opt);
    opt.config_dir = dir;
    doc = build(&d, &opt, NULL);

    check_str(doc, "//ticket[@id='T-A']/@sla-first-response", "met");
    check_str(doc, "//ticket[@id='T-A']/@sla-resolution", "breached");
    check_str(doc, "//ticket[@id='T-B']/@sla-first-response", "breached");
    check_str(doc, "//ticket[@id='T-B']/@sla-resolution", "met");
    check_str(doc, "//ticket[@id='T-C']/@sla", "met");
    check_str(doc, "//ticket[@id='T-D']/@sla-first-response", "breached");
    check_str(doc, "//ticket[@id='T-D']/@sla-resolution", "breached");
    check_str(doc, "//ticket[@id='T-E']/@sla", "pending");
    check_str(doc, "//ticket[@id='T-F']/@sla", "met");
    check_str(doc, "//ticket[@id='T-G']/@sla-first-response", "breached");
    check_str(doc, "//ticket[@id='T-A']/@sla-source", "computed");
    check_str(doc, "//account[@id='ACC-1']/support/@first-response-met-pct",
              "60.0");
    check_str(doc, "//account[@id='ACC-1']/support/@resolution-met-pct",
              "60.0");
    check_str(doc, "//account[@id='ACC-1']/support/@sla-met-pct", "40.0");
    check_num(doc, "//account[@id='ACC-1']/support/@sla-pending", 1);
    check_str(doc, "//account[@id='ACC-1']//priority[@name='P3']/@target-basis",
              "business");
    check_str(doc, "//account[@id='ACC-2']//priority[@name='P3']/@target-basis",
              "calendar");
    check_num(doc,
              "//account[@id='ACC-2']//priority[@name='P3']/"
              "@target-first-response-hours",
              4);
    check_str(doc, "/review-data/sla-targets/calendar/@time-zone",
              "Europe/Berlin");
    check_str(doc, "/review-data/sla-targets/calendar/@days",
              "Mon Tue Wed Thu Fri");
    check_num(doc, "count(/review-data/sla-targets/calendar/holiday)", 2);
    check_num(doc, "count(/review-data/sla-targets/target)", 5);
    check_str(doc, "/review-data/sla-targets/target[5]/@tier", "Platinum");
    /* TZ is left as it was. */
    if (tz_before)
        assert_string_equal(getenv("TZ"), tz_before);
    else
        assert_null(getenv("TZ"));
    free(tz_before);
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

/*
 * Verdicts an export carries win over the timestamps; missing timestamps.
 * Defaults: P2 calendar 4 h / 24 h.
 *   X answered late and resolved late, but the export says both met.
 *   Y only the resolution verdict exported (breached): mixed; its first
 *     response (30 min) is computed: met.
 *   Z no first response, resolved after 30 min: answered by the
 *     resolution, met.
 *   W solved without a resolution time: resolution undecided (pending),
 *     not open at the end, not in the backlog.
 */
static void test_export_verdicts_and_missing_times(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_ticket *t;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    t = add_ticket(&d, "T-X", "ACC-1", 2, utc("2026-02-02T10:00:00"), 10, 90);
    t->sla_first_response = RP_SLA_MET;
    t->sla_resolution = RP_SLA_MET;
    t = add_ticket(&d, "T-Y", "ACC-1", 2, utc("2026-02-03T10:00:00"), 0.5, 2);
    t->sla_resolution = RP_SLA_BREACHED;
    t = add_ticket(&d, "T-Z", "ACC-1", 2, utc("2026-02-04T10:00:00"), -1, 0.5);
    t = add_ticket(&d, "T-W", "ACC-1", 2, utc("2026-02-05T10:00:00"), 1, -1);
    t->status = RP_TICKET_SOLVED;
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_str(doc, "//ticket[@id='T-X']/@sla", "met");
    check_str(doc, "//ticket[@id='T-X']/@sla-source", "export");
    check_str(doc, "//ticket[@id='T-Y']/@sla-first-response", "met");
    check_str(doc, "//ticket[@id='T-Y']/@sla-resolution", "breached");
    check_str(doc, "//ticket[@id='T-Y']/@sla-source", "mixed");
    check_str(doc, "//ticket[@id='T-Z']/@sla", "met");
    check_str(doc, "//ticket[@id='T-W']/@sla-resolution", "pending");
    check_str(doc, "//ticket[@id='T-W']/@open-at-end", "no");
    check_num(doc, "//support/@sla-from-export", 2);
    check_num(doc, "//support/backlog/@tickets", 0);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/*
 * Backlog at the period end (1 Nov 2026), by age in whole days, counting
 * tickets created before the period too; escalations.
 *   B-1 created 2025-06-01, open: 518 days, over 90 (and outside period)
 *   B-2 created 2026-10-29, open: 3 days, 0-7
 *   B-3 created 2026-10-01, open: 31 days, 31-90
 *   B-4 created 2026-10-10, resolved 2026-11-05: 22 days, 8-30
 *   B-5 resolved before the end: not in the backlog; reopened twice
 *   B-6 P1, escalated, resolved in time
 */
static void test_backlog_and_escalations(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_ticket *t;
    xmlDoc *doc;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_ticket(&d, "B-1", "ACC-1", 4, utc("2025-06-01"), 1, -1);
    add_ticket(&d, "B-2", "ACC-1", 4, utc("2026-10-29"), 1, -1);
    add_ticket(&d, "B-3", "ACC-1", 2, utc("2026-10-01"), 1, -1);
    add_ticket_at(&d, "B-4", "ACC-1", 4, "2026-10-10T00:00:00",
                  "2026-10-10T01:00:00", "2026-11-05T00:00:00");
    t = add_ticket(&d, "B-5", "ACC-1", 4, utc("2026-10-20"), 1, 20);
    t->reopened = 2;
    t = add_ticket(&d, "B-6", "ACC-1", 1, utc("2026-03-01"), 0.5, 4);
    t->escalated = true;
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_num(doc, "//support/backlog/@tickets", 4);
    check_num(doc, "//support/backlog/age[1]/@tickets", 1);
    check_num(doc, "//support/backlog/age[2]/@tickets", 1);
    check_num(doc, "//support/backlog/age[3]/@tickets", 1);
    check_num(doc, "//support/backlog/age[3]/@p2", 1);
    check_num(doc, "//support/backlog/age[4]/@tickets", 1);
    check_str(doc, "//support/backlog/age[4]/@label", "over 90 days");
    check_num(doc, "count(//support/backlog/age[4]/@max-days)", 0);
    check_num(doc, "//support/backlog/item[@id='B-1']/@age-days", 518);
    check_num(doc, "//support/backlog/item[@id='B-2']/@age-days", 3);
    check_num(doc, "/review-data/program/backlog/@tickets", 4);
    check_num(doc, "//support/escalations/@p1", 1);
    check_num(doc, "//support/escalations/@reopened", 1);
    check_num(doc, "//support/escalations/@escalated", 1);
    check_num(doc, "//ticket[@id='B-5']/@reopened", 2);
    check_str(doc, "//ticket[@id='B-6']/@escalated", "yes");
    check_num(doc, "/review-data/program/@tickets-outside-period", 1);
    check_str(doc, "//support/backlog/item[@id='B-1']/@src", "f2:2");
    check_str(doc, "//account/@src", "f1:2");
    check_str(doc, "/review-data/sources/file[@id='f2']/@path", "tickets.csv");
    xmlFreeDoc(doc);
    dataset_free(&d);
}

static struct rp_ticket *
add_org_ticket(struct rp_dataset *d, const char *id, const char *account_id,
               const char *org_name, const char *org_domain,
               const char *external_id, const char *system)
{
    struct rp_ticket *t =
        add_ticket(d, id, account_id, 3, utc("2026-05-05"), 1, 2);

    t->org_name = rp_xstrdup(org_name);
    t->org_domain = rp_xstrdup(org_domain);
    t->external_account_id = rp_xstrdup(external_id);
    t->source_system = rp_xstrdup(system);
    return t;
}

/* Matching in order: id, mapping, domain, name; ambiguity and nothing to
 * match on leave a ticket unmatched, with the reason. */
static void test_matching_across_systems(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    char *dir = temp_dir();
    xmlDoc *doc;

    (void)state;
    write_file(dir, "account-map.csv",
               "System,Match On,Value,Account ID,Note\n"
               "zendesk,external-id,ZD-77,ACC-3,\n"
               ",account-id,ACC-OLD,ACC-2,renamed in the CRM\n"
               ",name,Acme Holdings,ACC-2,\n"
               "#comment,,,,\n");
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "M\xc3\xbcller GmbH");
    set_string(&d.accounts[0].website, "https://www.mueller.example/");
    add_account(&d, "ACC-2", "Acme Widgets, Inc.");
    set_string(&d.accounts[1].website, "https://acme.example");
    add_account(&d, "ACC-3",
                "Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale S.A.");
    set_string(&d.accounts[2].website, "");
    add_account(&d, "ACC-4", "Twin Corp");
    set_string(&d.accounts[3].website, "https://twin.example");
    add_account(&d, "ACC-5", "Twin Ltd");
    set_string(&d.accounts[4].website, "http://www.twin.example");
    add_org_ticket(&d, "T-1", "ACC-1", "", "", "", "salesforce");
    add_org_ticket(&d, "T-2", "", "MULLER gmbh", "", "", "zendesk");
    add_org_ticket(&d, "T-3", "", "", "support.acme.example", "", "jira");
    add_org_ticket(&d, "T-4", "", "", "jane@Mueller.example", "", "zendesk");
    add_org_ticket(&d, "T-5", "", "", "", "ZD-77", "zendesk");
    add_org_ticket(&d, "T-6", "", "", "", "ZD-77", "jira");
    add_org_ticket(&d, "T-7", "ACC-OLD", "", "", "", "salesforce");
    add_org_ticket(&d, "T-8", "", "Societe Generale SA", "", "", "jira");
    add_org_ticket(&d, "T-9", "", "Twin", "twin.example", "", "jira");
    add_org_ticket(&d, "T-10", "", "", "", "", "jira");
    add_org_ticket(&d, "T-11", "", "acme holdings", "", "", "zendesk");
    options_for_year(&opt);
    opt.config_dir = dir;
    doc = build(&d, &opt, &stats);

    check_str(doc, "//account[@id='ACC-1']//ticket[@id='T-1']/@id", "T-1");
    check_num(doc,
              "count(//account[@id='ACC-1']//ticket[@id='T-1']"
              "/@matched-by)",
              0);
    check_str(doc, "//account[@id='ACC-1']//ticket[@id='T-2']/@matched-by",
              "name");
    check_str(doc, "//account[@id='ACC-2']//ticket[@id='T-3']/@matched-by",
              "domain");
    check_str(doc, "//account[@id='ACC-1']//ticket[@id='T-4']/@matched-by",
              "domain");
    check_str(doc, "//account[@id='ACC-3']//ticket[@id='T-5']/@matched-by",
              "map");
    check_str(doc, "//unmatched/ticket[@id='T-6']/@reason", "unknown");
    check_str(doc, "//unmatched/ticket[@id='T-6']/@external-id", "ZD-77");
    check_str(doc, "//account[@id='ACC-2']//ticket[@id='T-7']/@matched-by",
              "map");
    check_str(doc, "//account[@id='ACC-3']//ticket[@id='T-8']/@matched-by",
              "name");
    check_str(doc, "//unmatched/ticket[@id='T-9']/@reason", "ambiguous");
    check_str(doc, "//unmatched/ticket[@id='T-10']/@reason", "no-key");
    check_str(doc, "//account[@id='ACC-2']//ticket[@id='T-11']/@matched-by",
              "map");
    check_num(doc, "/review-data/matching/@by-id", 1);
    check_num(doc, "/review-data/matching/@by-map", 3);
    check_num(doc, "/review-data/matching/@by-domain", 2);
    check_num(doc, "/review-data/matching/@by-name", 2);
    check_num(doc, "/review-data/matching/@unmatched", 3);
    check_num(doc, "/review-data/matching/@mappings", 3);
    check_num(doc, "/review-data/unmatched/@tickets", 3);
    assert_int_equal(stats.matched_by_id, 1);
    assert_int_equal(stats.matched_by_map, 3);
    assert_int_equal(stats.matched_by_domain, 2);
    assert_int_equal(stats.matched_by_name, 2);
    assert_int_equal(stats.tickets_unmatched, 3);
    xmlFreeDoc(doc);

    /* A mapping to an account the CRM does not know is stale: ignored,
     * counted, and the ticket it would have matched stays unmatched. */
    write_file(dir, "account-map.csv",
               "Match On,Value,Account ID\n"
               "external-id,ZD-77,ACC-9\n");
    doc = build(&d, &opt, &stats);
    check_num(doc, "/review-data/matching/@stale-mappings", 1);
    check_str(doc, "//unmatched/ticket[@id='T-5']/@reason", "unknown");
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

static void test_normal_forms(void **state)
{
    static const char *const names[][2] = {
        {"M\xc3\xbcller GmbH", "muller"},
        {"Muller GmbH & Co. KG", "muller"},
        {"Acme Widgets, Inc.", "acme widgets"},
        {"Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale S.A.",
         "societe generale"},
        {"Nordstr\xc3\xb6m Logistik AB", "nordstrom logistik"},
        {"\xc3\x86gir \xc3\x98st A/S", "aegir ost"},
        {"Inc.", "inc"},
        {"", ""},
        /* The ends of Latin Extended-A, and letters after its lone 'l'
         * with stroke and 't' with stroke. */
        {"\xc5\x81ukasz Sp\xc3\xb3\xc5\x82ka", "lukasz spolka"},
        {"\xc5\xa6\xc5\xa7\xc5\xa8 \xc5\xbe\xc5\xbf \xc4\x80", "ttu zs a"},
        {"\xc5\x92uvre \xc5\x8a\xc5\x8b", "oeuvre nn"},
    };
    static const char *const domains[][2] = {
        {"https://www.Acme.example/contact", "acme.example"},
        {"jane.doe@Mueller-GmbH.example", "mueller-gmbh.example"},
        {"example.org.", "example.org"},
        {"", ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *n = rp_merge_normalise_name(names[i][0]);
        assert_string_equal(n, names[i][1]);
        free(n);
    }
    for (i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
        char *n = rp_merge_normalise_domain(domains[i][0]);
        assert_string_equal(n, domains[i][1]);
        free(n);
    }
    /* Whatever bytes an export holds (truncated UTF-8 included), the
     * normal forms stay within their buffers (run under ASan) and are
     * stable: normalising twice changes nothing more. */
    {
        static const char alphabet[] =
            "aZ .,&@/:\xc3\xa9\xc5\x82\xc5\xbf\xe2\x82\xacGS";
        unsigned seed = 7;
        char in[64];
        int k;

        for (k = 0; k < 20000; k++) {
            size_t len = (size_t)(rand_r(&seed) % 48), j;
            char *a, *b;
            for (j = 0; j < len; j++)
                in[j] = alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
            in[len] = '\0';
            a = rp_merge_normalise_name(in);
            b = rp_merge_normalise_name(a);
            assert_string_equal(a, b);
            free(a);
            free(b);
            a = rp_merge_normalise_domain(in);
            free(a);
        }
    }
}

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

/* Health rules from health.xml; contributions from their files. */
static void test_health_config_and_contributions(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    char *dir = temp_dir();
    char sub[1100];
    xmlDoc *doc;
    struct rp_ticket *t;

    (void)state;
    write_file(dir, "health.xml",
               "<health>\n"
               "  <rule when=\"escalated\" min=\"2\" level=\"unstable\"/>\n"
               "  <rule when=\"aged-backlog\" days=\"30\" min=\"1\" "
               "level=\"watch\"/>\n"
               "</health>\n");
    snprintf(sub, sizeof(sub), "%s/ACC-1", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(sub, "executive-summary.txt",
               "A good year.\r\nSupport  got faster.\r\n \t\r\n\n"
               "Next: grow.");
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    t = add_ticket(&d, "T-1", "ACC-1", 3, utc("2026-03-01"), 1, 2);
    t->escalated = true;
    t = add_ticket(&d, "T-2", "ACC-1", 3, utc("2026-09-01"), 1, -1);
    t->escalated = true;
    options_for_year(&opt);
    opt.config_dir = dir;
    opt.contributions_dir = dir;
    doc = build(&d, &opt, &stats);

    check_str(doc, "//account/@health", "unstable");
    check_str(doc, "//account/health-reason[1]",
              "2 tickets were escalated in the period");
    check_str(doc, "//account/health-reason[2]",
              "1 ticket was open for more than 30 days at the end of the "
              "period");
    check_num(doc, "count(/review-data/health-rules/rule)", 2);
    check_str(doc, "/review-data/health-rules/rule[2]/@days", "30");
    check_num(doc, "count(//contribution)", 1);
    check_str(doc, "//contribution/@kind", "executive-summary");
    check_str(doc, "//contribution/para[1]",
              "A good year. Support got faster.");
    check_str(doc, "//contribution/para[2]", "Next: grow.");
    assert_int_equal(stats.contributions, 1);
    xmlFreeDoc(doc);

    /* A wrong configuration names the file, line and attribute. */
    write_file(dir, "sla.xml",
               "<sla>\n"
               "  <target priority=\"P1\" first-response-hours=\"1\"\n"
               "      resolution-hours=\"eight\"/>\n"
               "</sla>\n");
    {
        struct rp_error err;
        rp_error_init(&err);
        assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err),
                         RP_ERR_INPUT);
        /* libxml2 gives the line where the start tag ends. */
        assert_int_equal(err.line, 3);
        assert_string_equal(err.field, "resolution-hours");
    }
    write_file(dir, "sla.xml",
               "<sla><calendar time-zone=\"Mars/Olympus\"/></sla>\n");
    {
        struct rp_error err;
        rp_error_init(&err);
        assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err),
                         RP_ERR_INPUT);
        assert_string_equal(err.field, "time-zone");
    }
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

/*
 * An account's slice: the root and program-level parts as they were, the
 * one account, no other account and no <unmatched>; still valid.
 */
static void test_account_slice(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_error err;
    xmlDoc *doc, *slice = NULL;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    add_account(&d, "ACC-2", "Bravo");
    add_ticket(&d, "T-1", "ACC-1", 3, utc("2026-02-01"), 1, 2);
    add_ticket(&d, "T-2", "ACC-2", 3, utc("2026-02-02"), 1, 2);
    add_ticket(&d, "T-3", "ACC-9999", 2, utc("2026-03-01"), 1, 2);
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    rp_error_init(&err);
    assert_int_equal(rp_merge_account_slice(doc, "ACC-2", &slice, &err), RP_OK);
    assert_non_null(slice);
    assert_true(schema_valid(slice));
    check_num(slice, "count(/review-data/account)", 1);
    check_str(slice, "/review-data/account/@id", "ACC-2");
    check_str(slice, "//account//ticket/@id", "T-2");
    check_num(slice, "count(/review-data/unmatched)", 0);
    check_str(slice, "/review-data/@generated", "2026-11-22T18:00:00Z");
    check_str(slice, "/review-data/@period-start", "2025-11-01");
    check_num(slice, "/review-data/program/@accounts", 2);
    check_num(slice, "count(/review-data/sla-targets)", 1);
    check_num(slice, "count(/review-data/sources)", 1);
    /* The source document is left whole. */
    check_num(doc, "count(/review-data/account)", 2);
    check_num(doc, "count(/review-data/unmatched)", 1);
    xmlFreeDoc(slice);

    rp_error_init(&err);
    assert_int_equal(rp_merge_account_slice(doc, "ACC-404", &slice, &err),
                     RP_ERR_INPUT);
    assert_null(slice);
    assert_non_null(strstr(err.message, "'ACC-404'"));
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/* A document that fails its schema is our bug: an internal error naming
 * the offending node.  The schema here is the real one with one rule
 * tightened, so that a correct document fails it. */
static void test_schema_failure_is_internal(void **state)
{
    const char *top = getenv("TOP");
    char path[1024], *dir = temp_dir(), *text, *at;
    const char *needle =
        "<attribute name=\"annual-revenue\"><ref name=\"money\"/></attribute>";
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    struct rp_error err;
    xmlDoc *doc = NULL;
    FILE *fp;
    long size;

    (void)state;
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    rewind(fp);
    text = calloc(1, (size_t)size + 1);
    assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    at = strstr(text, needle);
    assert_non_null(at);
    memcpy(at + strlen("<attribute name=\"annual-revenue\">"),
           "<value>0.00</value>", strlen("<value>0.00</value>"));
    memset(at +
               strlen("<attribute name=\"annual-revenue\"><value>0.00</value>"),
           ' ',
           strlen(needle) - strlen("<attribute name=\"annual-revenue\">"
                                   "<value>0.00</value></attribute>"));
    memcpy(at + strlen(needle) - strlen("</attribute>"), "</attribute>",
           strlen("</attribute>"));
    write_file(dir, "tight.rng", text);
    free(text);
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    options_for_year(&opt);
    snprintf(path, sizeof(path), "%s/tight.rng", dir);
    opt.schema_path = path;
    rp_error_init(&err);
    assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err),
                     RP_ERR_INTERNAL);
    assert_null(doc);
    assert_string_equal(err.field, "/review-data/account");

    /* The real schema passes. */
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    rp_error_init(&err);
    assert_int_equal(rp_merge_build(&d, &opt, &doc, &stats, &err), RP_OK);
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_by_priority_and_month),
        cmocka_unit_test(test_sla_at_period_boundary),
        cmocka_unit_test(test_percentiles_nearest_rank),
        cmocka_unit_test(test_unmatched_tickets),
        cmocka_unit_test(test_health_rules),
        cmocka_unit_test(test_deterministic_output),
        cmocka_unit_test(test_default_period),
        cmocka_unit_test(test_generated_from_source_date_epoch),
        cmocka_unit_test(test_bad_input_is_reported),
        cmocka_unit_test(test_empty_dataset),
        cmocka_unit_test(test_business_hours_and_time_zones),
        cmocka_unit_test(test_export_verdicts_and_missing_times),
        cmocka_unit_test(test_backlog_and_escalations),
        cmocka_unit_test(test_matching_across_systems),
        cmocka_unit_test(test_normal_forms),
        cmocka_unit_test(test_account_plan),
        cmocka_unit_test(test_health_config_and_contributions),
        cmocka_unit_test(test_schema_failure_is_internal),
        cmocka_unit_test(test_account_slice),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
