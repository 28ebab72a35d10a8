/*
 * The merge as a whole: the options, the review period it picks when none
 * is given, output that does not depend on the order of the input, and a
 * complete document from nothing.
 */
#include "merge/test_data.h"

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
        cmocka_unit_test(test_deterministic_output),
        cmocka_unit_test(test_default_period),
        cmocka_unit_test(test_generated_from_source_date_epoch),
        cmocka_unit_test(test_empty_dataset),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
