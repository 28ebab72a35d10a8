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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_account_slice),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
