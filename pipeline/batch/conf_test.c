/*
 * reportpipe.conf tests: every key read, paths under the file's folder,
 * and each kind of mistake named by file, line, key and value.
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

/* Parses text as the file name; returns the status, err filled. */
static enum rp_status parse(struct rp_batch_conf *c, const char *name,
                            const char *text, struct rp_error *err)
{
    rp_batch_conf_init(c);
    rp_error_init(err);
    return rp_batch_conf_parse(c, name, text, strlen(text), err);
}

static void test_every_key(void **state)
{
    static const char text[] = "# nightly run\n"
                               "[run]\n"
                               "input = /srv/exports\n"
                               "output=out\n"
                               "  templates = tpl  \n"
                               "config = cfg\n"
                               "state = st\n"
                               "period-start = 2025-12-01\n"
                               "period-end = 2026-11-30\n"
                               "zone = Europe/Berlin\n"
                               "jobs = 2\n"
                               "quiet = true\n";
    struct rp_batch_conf c;
    struct rp_error err;

    (void)state;
    assert_int_equal(parse(&c, "/etc/reportpipe/reportpipe.conf", text, &err),
                     RP_OK);
    /* Absolute paths stay, relative ones are under the file's folder. */
    assert_string_equal(c.input, "/srv/exports");
    assert_string_equal(c.output, "/etc/reportpipe/out");
    assert_string_equal(c.templates, "/etc/reportpipe/tpl");
    assert_string_equal(c.config, "/etc/reportpipe/cfg");
    assert_string_equal(c.state, "/etc/reportpipe/st");
    assert_true(c.period_start == 1764547200); /* 2025-12-01 */
    assert_true(c.period_end == 1796083200);   /* 2026-12-01: exclusive */
    assert_string_equal(c.zone, "Europe/Berlin");
    assert_int_equal(c.zone_line, 10);
    assert_int_equal(c.jobs, 2);
    assert_int_equal(c.quiet, 1);
    rp_batch_conf_release(&c);
}

static void test_current_folder_and_empty(void **state)
{
    struct rp_batch_conf c;
    struct rp_batch_options o;
    struct rp_error err;

    (void)state;
    assert_int_equal(parse(&c, "reportpipe.conf", "[run]\ninput = in\n", &err),
                     RP_OK);
    assert_string_equal(c.input, "in");
    rp_batch_options_init(&o);
    assert_int_equal(rp_batch_conf_apply(&c, &o, &err), RP_OK);
    assert_string_equal(o.input, "in");
    /* What the file does not set keeps its default. */
    assert_string_equal(o.output, "output");
    assert_int_equal(o.jobs, 0);
    rp_batch_conf_release(&c);

    /* Comments only: nothing set. */
    assert_int_equal(parse(&c, "x.conf", "# nothing yet\n\n", &err), RP_OK);
    assert_null(c.input);
    assert_int_equal(c.quiet, -1);
    assert_int_equal(c.jobs, 0);
    rp_batch_conf_release(&c);
}

static void test_unknown_key(void **state)
{
    struct rp_batch_conf c;
    struct rp_error err;

    (void)state;
    assert_int_equal(
        parse(&c, "r.conf", "[run]\n# x\ninput = a\nouput = b\n", &err),
        RP_ERR_USAGE);
    assert_string_equal(err.file, "r.conf");
    assert_int_equal(err.line, 4);
    assert_string_equal(err.field, "ouput");
    assert_non_null(strstr(err.message, "unknown key"));
    rp_batch_conf_release(&c);
}

static void test_bad_values(void **state)
{
    static const struct {
        const char *text;
        long line;
        const char *key, *value;
    } cases[] = {
        {"[run]\njobs = 0\n", 2, "jobs", "'0'"},
        {"[run]\njobs = two\n", 2, "jobs", "'two'"},
        {"[run]\njobs = 257\n", 2, "jobs", "'257'"},
        {"[run]\n\nperiod-end = 2026-02-30\n", 3, "period-end", "'2026-02-30'"},
        {"[run]\nquiet = maybe\n", 2, "quiet", "'maybe'"},
        {"[run]\noutput =\n", 2, "output", "''"},
    };
    struct rp_batch_conf c;
    struct rp_error err;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(parse(&c, "b.conf", cases[i].text, &err),
                         RP_ERR_USAGE);
        assert_string_equal(err.file, "b.conf");
        assert_int_equal(err.line, cases[i].line);
        assert_string_equal(err.field, cases[i].key);
        assert_non_null(strstr(err.message, cases[i].value));
        rp_batch_conf_release(&c);
    }
}

static void test_bad_zone_on_apply(void **state)
{
    struct rp_batch_conf c;
    struct rp_batch_options o;
    struct rp_error err;

    (void)state;
    assert_int_equal(parse(&c, "z.conf", "[run]\nzone = Mars/Olympus\n", &err),
                     RP_OK);
    c.path = strdup("z.conf");
    rp_batch_options_init(&o);
    assert_int_equal(rp_batch_conf_apply(&c, &o, &err), RP_ERR_USAGE);
    assert_string_equal(err.file, "z.conf");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "zone");
    assert_non_null(strstr(err.message, "Mars/Olympus"));
    rp_batch_conf_release(&c);
}

static void test_bad_syntax(void **state)
{
    struct rp_batch_conf c;
    struct rp_error err;

    (void)state;
    /* A line that is no key, group or comment. */
    assert_int_equal(
        parse(&c, "s.conf", "[run]\ninput = a\njust words\n", &err),
        RP_ERR_USAGE);
    assert_int_equal(err.line, 3);
    rp_batch_conf_release(&c);
    /* A key before any group. */
    assert_int_equal(parse(&c, "s.conf", "# c\ninput = a\n", &err),
                     RP_ERR_USAGE);
    assert_int_equal(err.line, 2);
    rp_batch_conf_release(&c);
    /* Another group. */
    assert_int_equal(parse(&c, "s.conf", "[run]\njobs = 1\n[render]\n", &err),
                     RP_ERR_USAGE);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "render");
    rp_batch_conf_release(&c);
    /* A NUL byte. */
    rp_batch_conf_init(&c);
    rp_error_init(&err);
    assert_int_equal(rp_batch_conf_parse(&c, "s.conf", "[run]\0", 6, &err),
                     RP_ERR_USAGE);
    rp_batch_conf_release(&c);
}

static void test_load(void **state)
{
    char dir[] = "/tmp/rp-conf-test-XXXXXX", path[64], cwd[4096];
    struct rp_batch_conf c;
    struct rp_error err;
    FILE *fp;

    (void)state;
    assert_non_null(mkdtemp(dir));
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    snprintf(path, sizeof(path), "%s/%s", dir, RP_BATCH_CONF_NAME);

    /* A named file that is not there is an error. */
    rp_batch_conf_init(&c);
    rp_error_init(&err);
    assert_int_equal(rp_batch_conf_load(&c, path, &err), RP_ERR_USAGE);
    assert_string_equal(err.file, path);
    rp_batch_conf_release(&c);

    /* No file named and none in the current folder: nothing, no error. */
    assert_int_equal(chdir(dir), 0);
    rp_error_init(&err);
    assert_int_equal(rp_batch_conf_load(&c, NULL, &err), RP_OK);
    assert_null(c.path);

    /* ./reportpipe.conf is found. */
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("[run]\njobs = 3\n", fp);
    fclose(fp);
    assert_int_equal(rp_batch_conf_load(&c, NULL, &err), RP_OK);
    assert_string_equal(c.path, RP_BATCH_CONF_NAME);
    assert_int_equal(c.jobs, 3);
    rp_batch_conf_release(&c);

    assert_int_equal(unlink(path), 0);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* The shipped example is a file the program reads. */
static void test_example(void **state)
{
    const char *top = getenv("TOP");
    char path[4096];
    struct rp_batch_conf c;
    struct rp_error err;

    (void)state;
    snprintf(path, sizeof(path), "%s/reportpipe.conf.example", top ? top : ".");
    rp_batch_conf_init(&c);
    rp_error_init(&err);
    assert_int_equal(rp_batch_conf_load(&c, path, &err), RP_OK);
    assert_non_null(c.input);
    assert_int_equal(c.jobs, 0);
    rp_batch_conf_release(&c);
}

static void test_parse_jobs(void **state)
{
    unsigned j;

    (void)state;
    assert_true(rp_batch_parse_jobs("1", &j) && j == 1);
    assert_true(rp_batch_parse_jobs("256", &j) && j == 256);
    assert_false(rp_batch_parse_jobs("-1", &j));
    assert_false(rp_batch_parse_jobs(" 2", &j));
    assert_false(rp_batch_parse_jobs("2x", &j));
    assert_false(rp_batch_parse_jobs("", &j));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_current_folder_and_empty),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_zone_on_apply),
        cmocka_unit_test(test_bad_syntax),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_example),
        cmocka_unit_test(test_parse_jobs),
    };
    rp_log_set_level(RP_LOG_QUIET);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
