/*
 * The feedback file's parser (feedback_file.c): what a good file gives,
 * and for each kind of bad line the file, line and field named, with
 * nothing kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "workflow/workflow.h"

static enum rp_status parse(const char *text,
                            struct rp_workflow_feedback_doc *doc,
                            struct rp_error *err)
{
    rp_error_init(err);
    return rp_workflow_feedback_parse("fb.txt", text, strlen(text), doc, err);
}

static void test_good(void **state)
{
    struct rp_workflow_feedback_doc doc;
    struct rp_error err;

    (void)state;
    assert_int_equal(
        parse("\xEF\xBB\xBF# a comment\r\n"
              "  They liked the\r\n  new dashboard.  \r\n\r\n\n"
              "Second paragraph.\n"
              "Follow-Up:  Send the minutes |  Sarah Chen | 2026-12-05 \n"
              "# follow-up: not one | x | 2026-01-01\n"
              "follow-up: Plan the workshop|tnguyen|2028-02-29",
              &doc, &err),
        RP_OK);
    assert_string_equal(doc.text,
                        "They liked the\nnew dashboard.\n\nSecond paragraph.");
    assert_int_equal(doc.n_followups, 2);
    assert_string_equal(doc.followups[0].what, "Send the minutes");
    assert_string_equal(doc.followups[0].owner, "Sarah Chen");
    assert_string_equal(doc.followups[0].due, "2026-12-05");
    assert_int_equal(doc.followups[0].line, 7);
    assert_string_equal(doc.followups[1].owner, "tnguyen");
    assert_string_equal(doc.followups[1].due, "2028-02-29");
    rp_workflow_feedback_doc_release(&doc);

    /* Follow-ups alone are enough. */
    assert_int_equal(parse("follow-up: a | b | 2026-01-31\n", &doc, &err),
                     RP_OK);
    assert_string_equal(doc.text, "");
    rp_workflow_feedback_doc_release(&doc);
}

static void expect_bad(const char *text, long line, const char *field,
                       const char *needle)
{
    struct rp_workflow_feedback_doc doc;
    struct rp_error err;

    assert_int_equal(parse(text, &doc, &err), RP_ERR_INPUT);
    assert_string_equal(err.file, "fb.txt");
    assert_int_equal(err.line, line);
    assert_string_equal(err.field, field);
    if (!strstr(err.message, needle))
        fail_msg("'%s' not in '%s'", needle, err.message);
    rp_workflow_feedback_doc_release(&doc);
}

static void test_bad(void **state)
{
    (void)state;
    expect_bad("ok\nfollow-up: a | b\n", 2, "follow-up", "three fields");
    expect_bad("ok\n\nfollow-up: a | b | 2026-01-01 | d\n", 3, "follow-up",
               "found more");
    expect_bad("follow-up:  | b | 2026-01-01\n", 1, "what", "what is to be");
    expect_bad("x\nfollow-up: a |   | 2026-01-01\n", 2, "owner", "who");
    expect_bad("x\nfollow-up: a | b | 2026-02-30\n", 2, "due",
               "'2026-02-30' is not a date");
    expect_bad("x\nfollow-up: a | b | 2027-02-29\n", 2, "due", "not a date");
    expect_bad("x\nfollow-up: a | b | 31.12.2026\n", 2, "due", "YYYY-MM-DD");
    expect_bad("x\nfollow-up: a | b | soon\n", 2, "due", "'soon'");
    expect_bad("one\ntwo\x01three\n", 2, "text", "control character");
    expect_bad("one\ntwo\n\xC3(\n", 3, "text", "not UTF-8");
    expect_bad("# only a comment\n\n", 0, "text", "no feedback");
    expect_bad("", 0, "text", "no feedback");
}

static void test_limits(void **state)
{
    struct rp_workflow_feedback_doc doc;
    struct rp_error err;
    static char big[RP_WORKFLOW_MAX_FOLLOWUPS * 40 + 64];
    size_t i, n = 0;

    (void)state;
    for (i = 0; i <= RP_WORKFLOW_MAX_FOLLOWUPS; i++)
        n += (size_t)snprintf(big + n, sizeof(big) - n,
                              "follow-up: a%zu | b | 2026-01-01\n", i);
    assert_int_equal(parse(big, &doc, &err), RP_ERR_INPUT);
    assert_int_equal(err.line, RP_WORKFLOW_MAX_FOLLOWUPS + 1);
    rp_workflow_feedback_doc_release(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
