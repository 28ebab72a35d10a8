/*
 * Batch stage tests: the template version, an account's snapshot and its
 * data hash, on the shipped sample data and templates, found under $TOP
 * (set by `make test`) or the current directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch/batch.h"
#include "batch/internal.h"
#include "common/log.h"

static int go_to_top(void **state)
{
    const char *top = getenv("TOP");

    (void)state;
    rp_log_set_level(RP_LOG_QUIET);
    return top && chdir(top) != 0 ? -1 : 0;
}

/* The version is what sha256sum prints over every file of the templates
 * folder, by path, so an operator can recompute it. */
static void test_template_version(void **state)
{
    struct rp_batch_options o;
    struct rp_error err;
    char version[RP_SHA256_HEX_SIZE], expected[RP_SHA256_HEX_SIZE] = "";
    FILE *p;

    (void)state;
    rp_batch_options_init(&o);
    rp_error_init(&err);
    assert_int_equal(rp_batch_template_version(&o, version, &err), RP_OK);
    assert_int_equal(strlen(version), 64);
    p = popen("cd templates && find . -type f ! -name '.*' | "
              "sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum",
              "r");
    assert_non_null(p);
    assert_non_null(fgets(expected, sizeof(expected), p));
    pclose(p);
    assert_string_equal(version, expected);

    o.templates = "/nonexistent";
    rp_error_init(&err);
    assert_int_equal(rp_batch_template_version(&o, version, &err),
                     RP_ERR_INPUT);
    assert_string_equal(version, "");
}

static void count_error(void *ctx, const struct rp_error *err)
{
    size_t *n = ctx;

    (void)err;
    (*n)++;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *path = rp_batch_path(dir, name);
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    free(path);
}

/* Issue 13: one export that cannot be read stopped the whole run. */
static void test_unreadable_export_costs_only_itself(void **state)
{
    char dir[] = "/tmp/rp-batch-test.XXXXXX";
    struct rp_batch_options o;
    struct rp_batch_failed_files failed;
    struct rp_dataset data;
    struct rp_error err;
    size_t rejected, reported = 0;
    char cmd[128];

    (void)state;
    assert_non_null(mkdtemp(dir));
    write_file(dir, "a-unknown.csv", "Foo,Bar\n1,2\n");
    write_file(dir, "b-accounts.csv",
               "Account ID,Account Name,Account Owner\n"
               "ACC-1,Acme,Ann\n"
               "ACC-2,\"never closed,Ann\n"
               "ACC-3,Beta,Bo\n");
    rp_batch_options_init(&o);
    o.input = dir;
    o.on_error = count_error;
    o.on_error_ctx = &reported;
    rp_dataset_init(&data);
    rp_error_init(&err);
    assert_int_equal(
        rp_batch_import_all(&o, dir, &data, &rejected, &failed, &err), RP_OK);
    assert_int_equal(failed.count, 1);
    assert_int_equal(reported, 1);
    assert_non_null(strstr(failed.first, "a-unknown.csv"));
    assert_int_equal(data.n_accounts, 2);
    assert_int_equal(rejected, 1);
    rp_batch_failed_files_release(&failed);
    rp_dataset_release(&data);

    /* Without room for failures (a snapshot), the first one stops it. */
    rp_dataset_init(&data);
    rp_error_init(&err);
    assert_int_equal(rp_batch_import_all(&o, dir, &data, &rejected, NULL, &err),
                     RP_ERR_INPUT);
    rp_dataset_release(&data);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_version),
        cmocka_unit_test(test_unreadable_export_costs_only_itself),
    };
    return cmocka_run_group_tests(tests, go_to_top, NULL);
}
