/*
 * Support metrics in the document: tickets counted by month and priority
 * within the period, SLA verdicts at the period's end and from the
 * export, percentiles, the backlog by age, escalations and the default
 * health rules.
 */
#include "merge/test_data.h"

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
    /* Each month's compliance: all seven were created in October. */
    check_num(doc, "//support/month[@month='2026-10']/@sla-met", 2);
    check_num(doc, "//support/month[@month='2026-10']/@sla-breached", 3);
    check_str(doc, "//support/month[@month='2026-10']/@sla-met-pct", "40.0");
    check_num(doc, "//support/month[@month='2026-09']/@sla-met", 0);
    check_num(doc, "count(//support/month[@month='2026-09']/@sla-met-pct)", 0);
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

/*
 * Verdicts an export carries win over the timestamps; missing timestamps.
 * Defaults: P2 calendar 4 h / 24 h.
 *   X answered late and resolved late, but the export says both met.
 *   Y only the resolution verdict exported (breached): mixed; its first
 *     response (30 min) is computed: met.
 *   Z no first response, resolved after 30 min: answered by the
 *     resolution, met.
 *   W solved without a resolution time: resolution unknown, not open
 *     at the end, not in the backlog.
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
    check_str(doc, "//ticket[@id='T-W']/@sla-resolution", "unknown");
    check_str(doc, "//ticket[@id='T-W']/@open-at-end", "no");
    check_num(doc, "//support/@sla-from-export", 2);
    check_num(doc, "//support/backlog/@tickets", 0);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

/*
 * Tickets closed without a close time (HubSpot, ServiceNow: closed by a
 * workflow, migrated, merged).  P2 targets 4 h / 24 h, all long before
 * the period end, so a missing event would count as breached.
 *   C-1 closed, no first response either: both verdicts unknown.
 *   C-2 closed, answered in 30 min: first response met, overall unknown.
 *   C-3 closed, answered after 10 h: breached, whatever the resolution.
 *   C-4 answered in 30 min, solved in 2 h: met; the only resolution time.
 */
static void test_closed_without_close_time(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_ticket *t;
    xmlDoc *doc;
    int i;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    t = add_ticket(&d, "C-1", "ACC-1", 2, utc("2026-02-02T10:00:00"), -1, -1);
    t->status = RP_TICKET_CLOSED;
    t = add_ticket(&d, "C-2", "ACC-1", 2, utc("2026-02-03T10:00:00"), 0.5, -1);
    t->status = RP_TICKET_CLOSED;
    t = add_ticket(&d, "C-3", "ACC-1", 2, utc("2026-02-04T10:00:00"), 10, -1);
    t->status = RP_TICKET_SOLVED;
    add_ticket(&d, "C-4", "ACC-1", 2, utc("2026-02-05T10:00:00"), 0.5, 2);
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    check_str(doc, "//ticket[@id='C-1']/@sla", "unknown");
    check_str(doc, "//ticket[@id='C-1']/@sla-first-response", "unknown");
    check_str(doc, "//ticket[@id='C-1']/@sla-resolution", "unknown");
    check_str(doc, "//ticket[@id='C-2']/@sla", "unknown");
    check_str(doc, "//ticket[@id='C-2']/@sla-first-response", "met");
    check_str(doc, "//ticket[@id='C-3']/@sla", "breached");
    check_str(doc, "//ticket[@id='C-3']/@sla-resolution", "unknown");
    check_str(doc, "//ticket[@id='C-4']/@sla", "met");
    check_num(doc, "count(//ticket[@id='C-1']/@resolution-hours)", 0);
    for (i = 0; i < 2; i++) {
        const char *at = i ? "//support/priority[@name='P2']" : "//support";
        char x[128];
#define AT(attr) (snprintf(x, sizeof(x), "%s/@%s", at, attr), x)
        check_num(doc, AT("tickets"), 4);
        check_num(doc, AT("closed-without-time"), 3);
        check_num(doc, AT("sla-met"), 1);
        check_num(doc, AT("sla-breached"), 1);
        check_num(doc, AT("sla-pending"), 0);
        check_num(doc, AT("sla-unknown"), 2);
        check_str(doc, AT("sla-met-pct"), "50.0");
        check_num(doc, AT("first-response-unknown"), 1);
        check_num(doc, AT("first-response-breached"), 1);
        check_num(doc, AT("resolution-unknown"), 3);
        check_num(doc, AT("resolution-breached"), 0);
        check_num(doc, AT("resolution-met"), 1);
        check_str(doc, AT("resolution-median-hours"), "2.0");
        check_str(doc, AT("resolution-p90-hours"), "2.0");
        check_num(doc, AT("open-at-end"), 0);
#undef AT
    }
    check_num(doc, "//program/@closed-without-time", 3);
    check_num(doc, "//support/backlog/@tickets", 0);
    check_num(doc, "//support/escalations/@breached", 1);
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

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * Enough values that the list is sorted by bytes (radix), spread over
 * days so that more than one byte decides, with repeats: the percentiles
 * equal those of the same values sorted here.
 */
static void test_percentiles_many_values(void **state)
{
    enum { N = 700 };
    static double fr[N];
    double sorted[N];
    struct rp_dataset d;
    struct rp_merge_options opt;
    xmlDoc *doc;
    char id[16], want[32];
    unsigned seed = 7;
    int i;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    for (i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        /* Whole hours from 0 to about 90 days, a tenth of them alike. */
        fr[i] = i % 10 == 0 ? 5 : (double)((seed >> 8) % 2160);
        snprintf(id, sizeof(id), "T-%d", i);
        add_ticket(&d, id, "ACC-1", 4, utc("2026-01-10") + (i % 200) * HOUR,
                   fr[i], -1);
        sorted[i] = fr[i];
    }
    qsort(sorted, N, sizeof(sorted[0]), cmp_double);
    options_for_year(&opt);
    doc = build(&d, &opt, NULL);

    /* Nearest rank: the 350th value, and the 630th. */
    snprintf(want, sizeof(want), "%.1f", sorted[N / 2 - 1]);
    check_str(doc, "//support/@first-response-median-hours", want);
    snprintf(want, sizeof(want), "%.1f", sorted[N * 9 / 10 - 1]);
    check_str(doc, "//support/@first-response-p90-hours", want);
    check_str(doc, "/review-data/program/@first-response-p90-hours", want);
    xmlFreeDoc(doc);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_by_priority_and_month),
        cmocka_unit_test(test_sla_at_period_boundary),
        cmocka_unit_test(test_percentiles_nearest_rank),
        cmocka_unit_test(test_percentiles_many_values),
        cmocka_unit_test(test_health_rules),
        cmocka_unit_test(test_export_verdicts_and_missing_times),
        cmocka_unit_test(test_closed_without_close_time),
        cmocka_unit_test(test_backlog_and_escalations),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
