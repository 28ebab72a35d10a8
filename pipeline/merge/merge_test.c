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
#include <time.h>

#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>

#include "common/mem.h"
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
    }
    free(d->accounts);
    free(d->tickets);
    memset(d, 0, sizeof(*d));
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
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
