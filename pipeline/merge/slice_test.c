/* One account's slice of the review data. */
#include "merge/test_data.h"

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

static char *dump(xmlDoc *doc)
{
    xmlChar *mem = NULL;
    char *copy;
    int size = 0;

    xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
    assert_non_null(mem);
    copy = strdup((const char *)mem);
    xmlFree(mem);
    return copy;
}

/*
 * A prepared merge writes each account's document and the summary on
 * demand: an account's document is byte for byte what slicing the whole
 * document gives, in any order and as often as asked; the summary is the
 * whole document without the accounts' records.
 */
static void test_account_documents(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    struct rp_merged *m = NULL;
    struct rp_error err;
    xmlDoc *whole, *slice = NULL, *one = NULL, *summary = NULL;
    size_t i, round;

    (void)state;
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Zulu");
    add_account(&d, "ACC-2", "Alpha");
    add_account(&d, "ACC-3", "Mike");
    add_ticket(&d, "T-1", "ACC-1", 3, utc("2026-02-01"), 1, 2);
    add_ticket(&d, "T-2", "ACC-2", 1, utc("2026-02-02"), 1, 2);
    add_ticket(&d, "T-3", "ACC-2", 2, utc("2026-03-02"), 1, 2);
    add_ticket(&d, "T-4", "ACC-9999", 2, utc("2026-03-01"), 1, 2);
    options_for_year(&opt);
    whole = build(&d, &opt, NULL);

    rp_error_init(&err);
    assert_int_equal(rp_merge_prepare(&d, &opt, &m, &stats, &err), RP_OK);
    assert_int_equal(rp_merge_account_count(m), 3);
    /* Document order is by name. */
    assert_string_equal(rp_merge_account_at(m, 0)->id, "ACC-2");
    assert_string_equal(rp_merge_account_at(m, 2)->id, "ACC-1");
    for (round = 0; round < 2; round++) {
        for (i = 3; i-- > 0;) {
            const char *id = rp_merge_account_at(m, i)->id;
            char *a, *b;

            assert_int_equal(rp_merge_account_doc(m, i, &one, &err), RP_OK);
            assert_int_equal(rp_merge_account_slice(whole, id, &slice, &err),
                             RP_OK);
            assert_true(schema_valid(one));
            a = dump(one);
            b = dump(slice);
            assert_string_equal(a, b);
            free(a);
            free(b);
            xmlFreeDoc(one);
            xmlFreeDoc(slice);
        }
    }
    assert_int_equal(rp_merge_summary_doc(m, &summary, &err), RP_OK);
    assert_true(schema_valid(summary));
    check_num(summary, "count(/review-data/account)", 3);
    check_num(summary, "count(//account//ticket)", 0);
    check_num(summary, "/review-data/account[@id='ACC-2']/support/@tickets", 2);
    check_num(summary, "count(/review-data/unmatched/ticket)", 1);
    check_num(summary, "/review-data/program/@tickets", 3);
    xmlFreeDoc(summary);
    rp_merge_free(m);
    xmlFreeDoc(whole);
    dataset_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_account_slice),
        cmocka_unit_test(test_account_documents),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
