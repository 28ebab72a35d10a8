/*
 * Progress formatting: fixed inputs, exact strings, for the bar on a
 * terminal and the lines in a log.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli/cli.h"

static const struct rp_batch_progress render = {
    .stage = "render",
    .total = 1000,
    .done = 400,
    .built = 390,
    .skipped = 10,
    .elapsed = 10.0,
};

static void test_bar(void **state)
{
    char buf[256];

    (void)state;
    /* 400 in 10 s: 40/s, 600 left: 15 s. */
    cli_progress_format_bar(buf, sizeof(buf), &render, 80);
    assert_string_equal(buf, "render [##############......................]  "
                             "400/1000  40%  40.0/s  0:15 left");
    assert_int_equal(strlen(buf), 79);
    /* A narrow terminal: no bar, the figures stay. */
    cli_progress_format_bar(buf, sizeof(buf), &render, 40);
    assert_string_equal(buf, "render  400/1000  40%  40.0/s  0:15 left");
    /* Wide: the bar stops at 50. */
    cli_progress_format_bar(buf, sizeof(buf), &render, 200);
    assert_string_equal(buf, "render [####################"
                             "..............................]  "
                             "400/1000  40%  40.0/s  0:15 left");
}

static void test_bar_edges(void **state)
{
    struct rp_batch_progress p = render;
    char buf[256];

    (void)state;
    /* Nothing done yet: no rate, no time left. */
    p.done = 0;
    p.elapsed = 0;
    cli_progress_format_bar(buf, sizeof(buf), &p, 40);
    assert_string_equal(buf, "render  0/1000  0%  0.0/s  -:-- left");
    /* Failures are counted; hours are shown as such. */
    p.done = 1;
    p.failed = 1;
    p.elapsed = 4.0;
    cli_progress_format_bar(buf, sizeof(buf), &p, 40);
    assert_string_equal(buf,
                        "render  1/1000  0%  0.2/s  1:06:36 left  1 failed");
    /* A stage without documents: its time. */
    p.stage = "merge";
    p.total = 0;
    p.elapsed = 12.34;
    cli_progress_format_bar(buf, sizeof(buf), &p, 80);
    assert_string_equal(buf, "merge 12.3 s");
    /* A small buffer is cut, never overrun. */
    cli_progress_format_bar(buf, 8, &render, 80);
    assert_string_equal(buf, "render ");
}

static void test_line(void **state)
{
    struct rp_batch_progress p = render;
    char buf[256];

    (void)state;
    cli_progress_format_line(buf, sizeof(buf), &p, "2026-11-23 02:00:10");
    assert_string_equal(buf, "2026-11-23 02:00:10 render: 400/1000, 40%, "
                             "40.0/s, 0:15 left");
    p.stage = "import";
    p.total = 0;
    p.elapsed = 0;
    cli_progress_format_line(buf, sizeof(buf), &p, "2026-11-23 02:00:00");
    assert_string_equal(buf, "2026-11-23 02:00:00 import: started");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bar),
        cmocka_unit_test(test_bar_edges),
        cmocka_unit_test(test_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
