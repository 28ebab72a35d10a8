/* Contributors' narrative in an account's review data. */
#include <sys/stat.h>

#include "merge/test_data.h"

/*
 * Contributions from their files: a line of white space ends a paragraph;
 * line breaks and runs of spaces inside one become single spaces.
 */
static void test_contributions_from_files(void **state)
{
    struct rp_dataset d;
    struct rp_merge_options opt;
    struct rp_merge_stats stats;
    char *dir = temp_dir();
    char sub[1000];
    xmlDoc *doc;

    (void)state;
    snprintf(sub, sizeof(sub), "%s/ACC-1", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    write_file(sub, "executive-summary.txt",
               "A good year.\r\nSupport  got faster.\r\n \t\r\n\n"
               "Next: grow.");
    memset(&d, 0, sizeof(d));
    add_account(&d, "ACC-1", "Acme");
    options_for_year(&opt);
    opt.contributions_dir = dir;
    doc = build(&d, &opt, &stats);

    check_num(doc, "count(//contribution)", 1);
    check_str(doc, "//contribution/@kind", "executive-summary");
    check_str(doc, "//contribution/para[1]",
              "A good year. Support got faster.");
    check_str(doc, "//contribution/para[2]", "Next: grow.");
    assert_int_equal(stats.contributions, 1);
    xmlFreeDoc(doc);
    dataset_free(&d);
    remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contributions_from_files),
    };

    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
