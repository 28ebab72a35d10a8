/*
 * Contribution tasks and reminders: the <section> and <mail> settings and
 * their errors, who a rule names, tasks made by a request and completed by
 * a contribution, reminders made once a day, and messages that GMime's own
 * parser reads back with the attachment intact.  The real binary, real OS
 * users and Python's MIME parser: tests/e2e/workflow-tasks.t.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <gmime/gmime.h>

#include "common/mem.h"
#include "workflow/internal.h"
#include "workflow/workflow.h"

#define DAY 86400
#define NOW ((int64_t)1795392000) /* 2026-11-23 00:00 UTC */

static char dir[256], db_path[300], people_path[300], wf_path[300];

static const char *const sections[] = {"executive-summary", "plan-next-year",
                                       "meeting-feedback", NULL};

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s/tasks-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(db_path, sizeof(db_path), "%s/state/reportpipe.db", dir);
    snprintf(people_path, sizeof(people_path), "%s/people.csv", dir);
    snprintf(wf_path, sizeof(wf_path), "%s/workflow.xml", dir);
    write_file(people_path,
               "person,name,email,login,role,approves\n"
               "admin,Ada Admin,ada@example.com,rpadmin,administrator,\n"
               "rep,Sarah Chen,sarah@example.com,schen,sales-rep,\n"
               "wes,Wes Writer,wes@example.com,wwriter,contributor,\n"
               "dana,Dana Whitfield,dana@example.com,dwhitfield,approver,"
               "tier:Platinum\n");
    write_file(wf_path,
               "<workflow contribution-lead-days=\"14\" "
               "approval-lead-days=\"10\">\n"
               "  <section name=\"executive-summary\" writer=\"owner\"/>\n"
               "  <section name=\"meeting-feedback\" "
               "writer=\"person:wes\"/>\n"
               "</workflow>\n");
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

static const struct rp_workflow_account accounts[] = {
    {"ACC-1", "Acme Widgets", "Platinum", "Sarah Chen", "US", "1 Main Street",
     "Springfield", "IL", "62701"},
    {"ACC-2", "Muller GmbH", "Gold", "Jurgen Bohm", "DE", "", "", "", ""},
};

static enum rp_status fake_account(void *ctx, const char *id,
                                   struct rp_workflow_account *out,
                                   struct rp_error *err)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < 2; i++) {
        if (strcmp(accounts[i].id, id) == 0) {
            *out = accounts[i];
            return RP_OK;
        }
    }
    return rp_error_set(err, RP_ERR_INPUT, NULL, 0, NULL, "no account");
}

static const struct rp_workflow_renderer renderer = {NULL, fake_account, NULL,
                                                     NULL};

static enum rp_status open_as(const char *login, int64_t now,
                              struct rp_workflow **wf, struct rp_error *err)
{
    struct rp_workflow_options o = {0};

    o.db_path = db_path;
    o.people_path = people_path;
    o.output_dir = dir;
    o.login = login;
    o.now = now;
    o.sections = sections;
    o.config_dir = dir;
    rp_error_init(err);
    return rp_workflow_open(&o, wf, err);
}

static struct rp_workflow *open_ok(const char *login, int64_t now)
{
    struct rp_workflow *wf = NULL;
    struct rp_error err;

    if (open_as(login, now, &wf, &err) != RP_OK)
        fail_msg("open: %s", err.message);
    return wf;
}

static void expect_settings_error(const char *xml, long line, const char *field,
                                  const char *needle)
{
    struct rp_workflow_settings s;
    struct rp_error err;

    write_file(wf_path, xml);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_settings_load(&s, wf_path, &err),
                     RP_ERR_INPUT);
    assert_int_equal(err.line, line);
    assert_string_equal(err.field, field);
    if (!strstr(err.message, needle))
        fail_msg("'%s' lacks '%s'", err.message, needle);
}

static void test_settings(void **state)
{
    struct rp_workflow_settings s;
    struct rp_error err;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_settings_load(&s, NULL, &err), RP_OK);
    assert_int_equal(s.n_sections, 0);
    assert_int_equal(s.print_lead_days, 7);
    assert_int_equal(rp_workflow_settings_load(&s, wf_path, &err), RP_OK);
    assert_int_equal(s.n_sections, 2);
    assert_string_equal(s.sections[1].writer, "person:wes");
    assert_int_equal(s.contribution_lead_days, 14);
    /* A long delivery lead alone moves the defaults behind it. */
    write_file(wf_path, "<workflow delivery-lead-days=\"30\"/>");
    assert_int_equal(rp_workflow_settings_load(&s, wf_path, &err), RP_OK);
    assert_int_equal(s.approval_lead_days, 30);
    assert_int_equal(s.contribution_lead_days, 30);
    expect_settings_error("<workflow>\n<section name=\"x\" writer=\"boss\"/>"
                          "</workflow>",
                          2, "writer", "owner, approver, administrator");
    expect_settings_error("<workflow>\n<section name=\"x\" writer=\"owner\"/>"
                          "\n<section name=\"x\" writer=\"owner\"/>"
                          "</workflow>",
                          3, "name", "listed twice (also line 2)");
    expect_settings_error("<workflow>\n<section writer=\"owner\"/>"
                          "</workflow>",
                          2, "name", "needs the attribute name");
    expect_settings_error("<workflow approval-lead-days=\"20\" "
                          "contribution-lead-days=\"10\"/>",
                          1, "contribution-lead-days", "after the approval");
    expect_settings_error("<workflow>\n<mail from=\"not an address\"/>"
                          "</workflow>",
                          2, "from", "an address");
    expect_settings_error("<workflow>\n<mail sendmail=\"sendmail 'open\"/>"
                          "</workflow>",
                          2, "sendmail", "a command");
    expect_settings_error("<workflow>\n<mail remind-every-days=\"0\"/>"
                          "</workflow>",
                          2, "remind-every-days", "from 1 to 365");
}

static void test_open_checks(void **state)
{
    struct rp_workflow *wf = NULL;
    struct rp_error err;

    (void)state;
    write_file(wf_path, "<workflow>\n<section name=\"gossip\" "
                        "writer=\"owner\"/></workflow>");
    assert_int_equal(open_as("rpadmin", NOW, &wf, &err), RP_ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "no such section"));
    write_file(wf_path, "<workflow>\n\n<section name=\"plan-next-year\" "
                        "writer=\"person:nobody\"/></workflow>");
    assert_int_equal(open_as("rpadmin", NOW, &wf, &err), RP_ERR_INPUT);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "writer");
    assert_null(wf);
}

/* Whom status says the account's request waits on. */
static void expect_waits_on(struct rp_workflow *wf, const char *account,
                            const char *text)
{
    struct rp_workflow_request_list list;
    struct rp_error err;

    rp_error_init(&err);
    assert_int_equal(rp_workflow_status(wf, account, &list, &err), RP_OK);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].waits_on, text);
    rp_workflow_request_list_free(&list);
}

static void test_tasks(void **state)
{
    struct rp_workflow *wf = open_ok("rpadmin", NOW);
    struct rp_workflow_task_list list;
    struct rp_error err;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_request(wf, &renderer, "ACC-1", NOW + 30 * DAY,
                                         INT64_MIN, NULL, &err),
                     RP_OK);
    /* A meeting too close for the lead: due today, not in the past. */
    assert_int_equal(rp_workflow_request(wf, &renderer, "ACC-2", NOW + 5 * DAY,
                                         INT64_MIN, NULL, &err),
                     RP_OK);
    assert_int_equal(rp_workflow_tasks(wf, NULL, &list, &err), RP_OK);
    assert_int_equal(list.n, 4);
    assert_string_equal(list.items[0].section, "executive-summary");
    assert_string_equal(list.items[0].person, "rep");
    assert_string_equal(list.items[0].due, "2026-12-09");
    assert_string_equal(list.items[1].person, "wes");
    /* Muller's owner is not in people.csv: nobody, and why. */
    assert_null(list.items[2].person);
    assert_non_null(strstr(list.items[2].person_name, "Jurgen Bohm"));
    assert_string_equal(list.items[2].due, "2026-11-23");
    rp_workflow_task_list_free(&list);
    expect_waits_on(wf, "ACC-1", "Sarah Chen, Wes Writer (contributions)");
    expect_waits_on(wf, "ACC-2", "Wes Writer, nobody assigned (contributions)");
    rp_workflow_free(wf);

    /* Contributing completes the task, late after the due day. */
    wf = open_ok("wwriter", NOW + 20 * DAY);
    assert_int_equal(rp_workflow_contribute(wf, "ACC-1", "meeting-feedback",
                                            "Fine.", 5, "f.txt", NULL, &err),
                     RP_OK);
    assert_int_equal(rp_workflow_tasks(wf, "ACC-1", &list, &err), RP_OK);
    assert_int_equal(list.n, 2);
    assert_true(list.items[0].overdue);
    assert_string_equal(list.items[1].done, "2026-12-13");
    assert_true(list.items[1].late);
    assert_false(list.items[1].overdue);
    rp_workflow_task_list_free(&list);
    expect_waits_on(wf, "ACC-1", "Sarah Chen (contributions)");
    rp_workflow_free(wf);

    /* Every section in: the account team, until the draft is made. */
    wf = open_ok("schen", NOW + 21 * DAY);
    assert_int_equal(rp_workflow_contribute(wf, "ACC-1", "executive-summary",
                                            "Good.", 5, "s.txt", NULL, &err),
                     RP_OK);
    expect_waits_on(wf, "ACC-1",
                    "Sarah Chen and the contributors (contributions)");
    rp_workflow_free(wf);
}

static int count_outbox(const char *day)
{
    char cmd[600], buf[32] = "";
    FILE *p;

    snprintf(cmd, sizeof(cmd), "ls '%s/outbox' | grep -c '^%s' || true", dir,
             day);
    p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(buf, sizeof(buf), p));
    pclose(p);
    return atoi(buf);
}

static void test_remind_once_a_day(void **state)
{
    struct rp_workflow *wf = open_ok("rpadmin", NOW);
    struct rp_workflow_remind_result res;
    struct rp_error err;
    char outbox[400];

    (void)state;
    snprintf(outbox, sizeof(outbox), "%s/outbox", dir);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_request(wf, &renderer, "ACC-1", NOW + 30 * DAY,
                                         INT64_MIN, NULL, &err),
                     RP_OK);
    assert_int_equal(rp_workflow_remind(wf, outbox, NULL, NULL, &res, &err),
                     RP_OK);
    assert_int_equal(res.written, 2);
    assert_int_equal(count_outbox("2026-11-23-contribution"), 2);
    assert_int_equal(rp_workflow_remind(wf, outbox, NULL, NULL, &res, &err),
                     RP_OK);
    assert_int_equal(res.written, 0);
    assert_int_equal(res.repeats, 2);
    rp_workflow_free(wf);
    /* Not an administrator: refused. */
    wf = open_ok("wwriter", NOW);
    assert_int_equal(rp_workflow_remind(wf, outbox, NULL, NULL, &res, &err),
                     RP_ERR_REFUSED);
    rp_workflow_free(wf);
}

static void test_mail_round_trip(void **state)
{
    static const char pdf[] = "%PDF-1.5\n\x01\x02\xff binary\n%%EOF\n";
    struct rp_wf_mail m = {0};
    struct rp_error err;
    GMimeStream *stream;
    GMimeParser *parser;
    GMimeMessage *msg;
    GMimePartIter *it;
    char *bytes = NULL;
    size_t len = 0;
    int attachments = 0;

    (void)state;
    m.key = "k";
    m.kind = "approval";
    m.from_name = "Ada Admin";
    m.from_addr = "ada@example.com";
    m.to_name = "Jürgen Böhm";
    m.to_addr = "juergen@example.com";
    m.subject = "Approval requested: Müller GmbH";
    m.body = "Grüße,\nthe draft is attached.\n";
    m.date = NOW;
    m.attachment = pdf;
    m.attachment_len = sizeof(pdf) - 1;
    m.attachment_name = "ACC-2-2026-v1-draft.pdf";
    rp_error_init(&err);
    assert_int_equal(rp_wf_mail_build(&m, &bytes, &len, &err), RP_OK);
    assert_non_null(strstr(bytes, "Date: Mon, 23 Nov 2026 00:00:00 +0000"));
    stream = g_mime_stream_mem_new_with_buffer(bytes, len);
    parser = g_mime_parser_new_with_stream(stream);
    msg = g_mime_parser_construct_message(parser, NULL);
    assert_non_null(msg);
    assert_string_equal(g_mime_message_get_subject(msg), m.subject);
    it = g_mime_part_iter_new(GMIME_OBJECT(msg));
    do {
        GMimeObject *o = g_mime_part_iter_get_current(it);
        if (GMIME_IS_PART(o) && g_mime_part_is_attachment(GMIME_PART(o))) {
            GMimeDataWrapper *w = g_mime_part_get_content(GMIME_PART(o));
            GMimeStream *out = g_mime_stream_mem_new();
            GByteArray *a;

            g_mime_data_wrapper_write_to_stream(w, out);
            a = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
            assert_int_equal(a->len, sizeof(pdf) - 1);
            assert_memory_equal(a->data, pdf, a->len);
            g_object_unref(out);
            attachments++;
        }
    } while (g_mime_part_iter_next(it));
    g_mime_part_iter_free(it);
    assert_int_equal(attachments, 1);
    g_object_unref(msg);
    g_object_unref(parser);
    g_object_unref(stream);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tasks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remind_once_a_day, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_mail_round_trip, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
