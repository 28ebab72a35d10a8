/*
 * Workflow stage tests: the people file, the lifecycle and its refusals,
 * the audit chain against edits made behind the store's back, migration
 * from the previous schema, and two processes writing at once.  Documents
 * come from a stand-in renderer that writes the snapshot and the mark as
 * text, so the tests check exactly what reached the renderer; the real
 * renderer is exercised end to end in tests/e2e/workflow.t.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <sqlite3.h>

#include "common/mem.h"
#include "workflow/internal.h"
#include "workflow/workflow.h"

#define DAY 86400
/* 2026-11-23 00:00 UTC */
#define NOW ((int64_t)1795392000)

static char dir[256];
static char db_path[300], people_path[300], out_dir[300];

static const char *const sections[] = {"executive-summary", "plan-next-year",
                                       "meeting-feedback", NULL};

static const char people_csv[] =
    "\xEF\xBB\xBFperson,name,email,login,role,approves\n"
    "# the program office\n"
    "admin,Ada Admin,ada@example.com,rpadmin,administrator,\n"
    "rep,Sarah Chen,sarah@example.com,schen,sales-rep;contributor,\n"
    "writer,Wes Writer,wes@example.com,wwriter,contributor,\n"
    "dana,Dana Whitfield,dana@example.com,dwhitfield,approver,ACC-1;tier:Gold\n"
    "emea,Emil Ahn,emil@example.com,eahn,approver,country:DE\n";

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = rp_xcalloc(1, 65536);
    assert_non_null(fp);
    assert_true(fread(buf, 1, 65535, fp) > 0);
    fclose(fp);
    return buf;
}

static int setup(void **state)
{
    char path[400];

    (void)state;
    snprintf(dir, sizeof(dir), "%s/wf-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(db_path, sizeof(db_path), "%s/state/reportpipe.db", dir);
    snprintf(people_path, sizeof(people_path), "%s/people.csv", dir);
    snprintf(out_dir, sizeof(out_dir), "%s/output", dir);
    write_file(people_path, people_csv);
    snprintf(path, sizeof(path), "%s/workflow.xml", dir);
    write_file(path, "<workflow delivery-lead-days=\"7\" "
                     "approval-wait-days=\"3\"/>\n");
    return 0;
}

static int teardown(void **state)
{
    char cmd[1024];
    (void)state;
    snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

/* ---- a stand-in renderer ---- */

static const struct rp_workflow_account accounts[] = {
    {"ACC-1", "Acme Widgets", "Platinum", "Sarah Chen", "US", "1 Main Street",
     "Springfield", "IL", "62701"},
    {"ACC-2", "Muller GmbH", "Gold", "Jurgen Bohm", "DE", "Hafenstr. 4",
     "Hamburg", "", "20457"},
    {"ACC-3", "Nordstrom AB", "Silver", "Priya Raman", "SE", "", "", "", ""},
};

/* Bumped by a test to make the account's data change. */
static int data_generation;

static enum rp_status fake_account(void *ctx, const char *id,
                                   struct rp_workflow_account *out,
                                   struct rp_error *err)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++) {
        if (strcmp(accounts[i].id, id) == 0) {
            *out = accounts[i];
            return RP_OK;
        }
    }
    return rp_error_set(err, RP_ERR_INPUT, "salesforce-accounts.csv", 0,
                        "Account ID", "no account '%s' in the CRM export", id);
}

static enum rp_status fake_snapshot(void *ctx, const char *id, char **xml,
                                    size_t *len,
                                    char data_hash[RP_SHA256_HEX_SIZE],
                                    char template_version[RP_SHA256_HEX_SIZE],
                                    struct rp_error *err)
{
    char buf[256];
    (void)ctx;
    (void)err;
    snprintf(buf, sizeof(buf), "<review-data account=\"%s\" gen=\"%d\"/>", id,
             data_generation);
    *xml = rp_xstrdup(buf);
    *len = strlen(buf);
    rp_sha256_hex(buf, *len, data_hash);
    rp_sha256_hex("template", 8, template_version);
    return RP_OK;
}

static enum rp_status fake_render(void *ctx, const char *xml, size_t len,
                                  const struct rp_workflow_mark *mark,
                                  const char *pdf_path, struct rp_error *err)
{
    FILE *fp = fopen(pdf_path, "wb");
    (void)ctx;
    if (!fp)
        return rp_error_set(err, RP_ERR_INTERNAL, pdf_path, 0, NULL,
                            "cannot write");
    fprintf(fp, "%.*s\n", (int)len, xml);
    if (mark->approver_name)
        fprintf(fp, "APPROVED by %s on %s fingerprint %s date %lld\n",
                mark->approver_name, mark->approved_on, mark->fingerprint,
                (long long)mark->date);
    else
        fprintf(fp, "DRAFT date %lld\n", (long long)mark->date);
    fclose(fp);
    return RP_OK;
}

static const struct rp_workflow_renderer renderer = {
    NULL, fake_account, fake_snapshot, fake_render};

static struct rp_workflow *open_as(const char *login, int64_t now)
{
    struct rp_workflow_options o = {0};
    struct rp_workflow *wf = NULL;
    struct rp_error err;

    o.db_path = db_path;
    o.people_path = people_path;
    o.output_dir = out_dir;
    o.login = login;
    o.now = now;
    o.sections = sections;
    o.config_dir = dir;
    rp_error_init(&err);
    if (rp_workflow_open(&o, &wf, &err) != RP_OK)
        fail_msg("open: %s", err.message);
    return wf;
}

/* Runs one action as login; returns its status and leaves the message. */
enum op { REQUEST, CONTRIBUTE, SUBMIT, APPROVE, REJECT, DELIVER };

static enum rp_status act(const char *login, enum op op, const char *account,
                          const char *arg, struct rp_workflow_result *res,
                          struct rp_error *err)
{
    struct rp_workflow *wf = open_as(login, NOW);
    struct rp_workflow_result local;
    enum rp_status status = RP_OK;

    if (!res)
        res = &local;
    memset(res, 0, sizeof(*res));
    rp_error_init(err);
    switch (op) {
    case REQUEST:
        status = rp_workflow_request(wf, &renderer, account, NOW + 30 * DAY,
                                     INT64_MIN, res, err);
        break;
    case CONTRIBUTE:
        status = rp_workflow_contribute(wf, account, "executive-summary", arg,
                                        strlen(arg), "summary.txt", res, err);
        break;
    case SUBMIT:
        status = rp_workflow_submit(wf, &renderer, account, res, err);
        break;
    case APPROVE:
        status =
            rp_workflow_approve(wf, &renderer, account, arg, NULL, res, err);
        break;
    case REJECT:
        status = rp_workflow_reject(wf, account, arg, NULL, res, err);
        break;
    case DELIVER:
        status = rp_workflow_deliver(wf, account, arg, res, err);
        break;
    }
    rp_workflow_free(wf);
    return status;
}

static void expect(enum rp_status got, enum rp_status want,
                   const struct rp_error *err, const char *needle)
{
    if (got != want)
        fail_msg("status %d, expected %d: %s", got, want, err->message);
    if (needle && !strstr(err->message, needle))
        fail_msg("message '%s' lacks '%s'", err->message, needle);
}

struct audit_tail {
    char action[64], outcome[16], login[64], detail[1024];
    int n;
};

static void on_entry(void *ctx, const struct rp_workflow_audit_entry *e)
{
    struct audit_tail *t = ctx;
    snprintf(t->action, sizeof(t->action), "%s", e->action);
    snprintf(t->outcome, sizeof(t->outcome), "%s", e->outcome);
    snprintf(t->login, sizeof(t->login), "%s", e->login);
    snprintf(t->detail, sizeof(t->detail), "%s", e->detail);
    t->n++;
}

static struct audit_tail last_audit(const char *account)
{
    struct rp_workflow *wf = open_as("rpadmin", NOW);
    struct audit_tail t;
    struct rp_error err;

    memset(&t, 0, sizeof(t));
    rp_error_init(&err);
    assert_int_equal(rp_workflow_audit_each(wf, account, on_entry, &t, &err),
                     RP_OK);
    rp_workflow_free(wf);
    return t;
}

static enum rp_workflow_stage stage_now(const char *account)
{
    struct rp_workflow *wf = open_as("rpadmin", NOW);
    struct rp_workflow_request_list list;
    struct rp_error err;
    enum rp_workflow_stage s;

    rp_error_init(&err);
    if (rp_workflow_status(wf, account, &list, &err) != RP_OK)
        fail_msg("status: %s", err.message);
    assert_int_equal(list.n, 1);
    s = list.items[0].stage;
    rp_workflow_request_list_free(&list);
    rp_workflow_free(wf);
    return s;
}

/* ---- people ---- */

static void expect_people_error(const char *csv, long line, const char *field,
                                const char *needle)
{
    struct rp_workflow_people people;
    struct rp_error err;

    write_file(people_path, csv);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_people_load(&people, people_path, &err),
                     RP_ERR_INPUT);
    rp_workflow_people_release(&people);
    assert_int_equal(err.line, line);
    assert_string_equal(err.field, field);
    if (!strstr(err.message, needle))
        fail_msg("'%s' lacks '%s'", err.message, needle);
}

static void test_people(void **state)
{
    struct rp_workflow_people people;
    const struct rp_workflow_person *dana, *emil;
    struct rp_error err;
    static const char head[] = "person,name,email,login,role,approves\n";
    char csv[512];

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_people_load(&people, people_path, &err),
                     RP_OK);
    assert_int_equal(people.n, 5);
    assert_null(rp_workflow_people_by_login(&people, "root"));
    dana = rp_workflow_people_by_login(&people, "dwhitfield");
    emil = rp_workflow_people_by_id(&people, "emea");
    assert_non_null(dana);
    assert_non_null(emil);
    assert_int_equal(rp_workflow_people_by_id(&people, "rep")->roles,
                     RP_WORKFLOW_SALES_REP | RP_WORKFLOW_CONTRIBUTOR);
    /* By id, by tier, by country; nobody else's. */
    assert_true(rp_workflow_person_approves(dana, &accounts[0]));
    assert_true(rp_workflow_person_approves(dana, &accounts[1]));
    assert_false(rp_workflow_person_approves(dana, &accounts[2]));
    assert_true(rp_workflow_person_approves(emil, &accounts[1]));
    assert_false(rp_workflow_person_approves(emil, &accounts[0]));
    rp_workflow_people_release(&people);

    snprintf(csv, sizeof(csv),
             "%sa,A,a@x,la,administrator,\nb,B,b@x,lb,boss,\n", head);
    expect_people_error(csv, 3, "role", "'boss' is not a role");
    snprintf(csv, sizeof(csv),
             "%sa,A,a@x,la,administrator,\nb,B,b@x,la,approver,ACC-1\n", head);
    expect_people_error(csv, 3, "login", "one login is one person");
    snprintf(csv, sizeof(csv), "%sa,A,a@x,la,administrator;approver,\n", head);
    expect_people_error(csv, 2, "approves", "approves no account");
    snprintf(csv, sizeof(csv), "%sa,A,a@x,la,administrator,region:EU\n", head);
    expect_people_error(csv, 2, "approves", "region:EU");
    /* An address that would add a header or another recipient, or is not
     * one, names its line; an empty one means no mail. */
    snprintf(csv, sizeof(csv),
             "%sa,A,a@x,la,administrator,\nb,B,\"b@x\nBcc: c@y\",lb,"
             "contributor,\n",
             head);
    expect_people_error(csv, 3, "email", "is not an e-mail address");
    snprintf(csv, sizeof(csv), "%sa,A,Al <a@x>,la,administrator,\n", head);
    expect_people_error(csv, 2, "email", "'Al <a@x>'");
    snprintf(csv, sizeof(csv),
             "%sa,A,a@x,la,administrator,\nb,B,b.x,lb,"
             "contributor,\n",
             head);
    expect_people_error(csv, 3, "email", "name@domain");
    write_file(people_path, "person,name,email,login,role,approves\n"
                            "a,A,,la,administrator,\n");
    assert_int_equal(rp_workflow_people_load(&people, people_path, &err),
                     RP_OK);
    assert_string_equal(people.items[0].email, "");
    rp_workflow_people_release(&people);
    snprintf(csv, sizeof(csv), "person,name,login,role\n");
    expect_people_error(csv, 1, "email", "no column 'email'");
    write_file(people_path, people_csv);
}

static void test_settings(void **state)
{
    struct rp_workflow_settings s;
    struct rp_error err;
    char path[400];

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_settings_load(&s, NULL, &err), RP_OK);
    assert_int_equal(s.delivery_lead_days, 7);
    assert_int_equal(s.approval_wait_days, 5);
    assert_int_equal(s.print_lead_days, 7);
    assert_int_equal(s.print_copies, 1);
    assert_int_equal(s.delivery_risk_days, 2);
    snprintf(path, sizeof(path), "%s/workflow.xml", dir);
    assert_int_equal(rp_workflow_settings_load(&s, path, &err), RP_OK);
    assert_int_equal(s.approval_wait_days, 3);
    write_file(path, "<workflow>\n  <approval-wait-days=\"3\"/>\n"
                     "</workflow>\n");
    assert_int_equal(rp_workflow_settings_load(&s, path, &err), RP_ERR_INPUT);
    assert_int_equal(err.line, 2);
    write_file(path, "<workflow\n approval-wait-days=\"soon\"/>\n");
    rp_error_init(&err);
    assert_int_equal(rp_workflow_settings_load(&s, path, &err), RP_ERR_INPUT);
    assert_string_equal(err.field, "approval-wait-days");
    assert_non_null(strstr(err.message, "expected a whole number from 1"));
    write_file(path, "<workflow delivery-lead-days=\"14\">\n"
                     "  <reminders/>\n</workflow>\n");
    rp_error_init(&err);
    assert_int_equal(rp_workflow_settings_load(&s, path, &err), RP_ERR_INPUT);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "<reminders> is not expected"));
}

/* ---- the lifecycle ---- */

static void test_lifecycle(void **state)
{
    struct rp_workflow_result res;
    struct rp_workflow_verdict v;
    struct rp_workflow_request_list list;
    struct rp_workflow_contribution_list contributions;
    struct rp_workflow *wf;
    struct rp_error err;
    struct stat st;
    struct audit_tail t;
    char draft[1024], final[1024], draft_hash[RP_SHA256_HEX_SIZE], head[65];
    char *text;
    int64_t n;

    (void)state;
    /* The sales rep owns ACC-1 and asks for its review. */
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    assert_int_equal(stage_now("ACC-1"), RP_WORKFLOW_REQUESTED);
    /* Her contribution moves it to collecting. */
    expect(act("schen", CONTRIBUTE, "ACC-1", "We grew.\n\nA lot.", &res, &err),
           RP_OK, &err, NULL);
    assert_int_equal(res.to, RP_WORKFLOW_COLLECTING);
    /* A later text of the same section replaces it for the merge. */
    expect(act("wwriter", CONTRIBUTE, "ACC-1", "We grew by 12%.", &res, &err),
           RP_OK, &err, NULL);
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_contributions(wf, &contributions, &err),
                     RP_OK);
    assert_int_equal(contributions.n, 1);
    assert_string_equal(contributions.items[0].text, "We grew by 12%.");
    assert_string_equal(contributions.items[0].author, "Wes Writer");
    rp_workflow_contribution_list_free(&contributions);
    rp_workflow_free(wf);

    /* The administrator submits: a draft with DRAFT, its hash recorded. */
    expect(act("rpadmin", SUBMIT, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    assert_int_equal(res.to, RP_WORKFLOW_IN_REVIEW);
    assert_int_equal(res.version, 1);
    snprintf(draft, sizeof(draft), "%s", res.path);
    snprintf(draft_hash, sizeof(draft_hash), "%s", res.sha256);
    assert_non_null(strstr(draft, "/drafts/ACC-1/2026-v1-draft.pdf"));
    text = read_file(draft);
    assert_non_null(strstr(text, "DRAFT"));
    free(text);

    /* The designated approver approves: the final is rendered from the
     * snapshot, read-only, with the approval mark. */
    expect(act("dwhitfield", APPROVE, "ACC-1", "Looks right.", &res, &err),
           RP_OK, &err, NULL);
    assert_int_equal(res.to, RP_WORKFLOW_APPROVED);
    snprintf(final, sizeof(final), "%s", res.path);
    assert_non_null(strstr(final, "/approved/ACC-1/2026-v1.pdf"));
    assert_int_equal(strlen(res.fingerprint), 12);
    text = read_file(final);
    assert_non_null(strstr(text, "<review-data account=\"ACC-1\" gen=\"0\"/>"));
    if (!strstr(text, "APPROVED by Dana Whitfield on 2026-11-23"))
        fail_msg("final: %s", text);
    assert_null(strstr(text, "DRAFT"));
    free(text);
    assert_int_equal(stat(final, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0444);

    /* verify: the final is an approved version, the draft is not. */
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_verify_file(wf, final, &v, &err), RP_OK);
    assert_true(v.approved);
    assert_string_equal(v.account, "ACC-1");
    assert_int_equal(v.version, 1);
    assert_string_equal(v.approver, "Dana Whitfield (dana)");
    assert_int_equal(rp_workflow_verify_file(wf, draft, &v, &err), RP_OK);
    assert_false(v.approved);
    assert_true(v.draft);
    rp_workflow_free(wf);

    /* Delivery checks the bytes. */
    expect(act("rpadmin", DELIVER, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    assert_int_equal(stage_now("ACC-1"), RP_WORKFLOW_DELIVERED);

    wf = open_as("wwriter", NOW + 60 * DAY);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_status(wf, NULL, &list, &err), RP_OK);
    assert_int_equal(list.n, 1);
    assert_false(list.items[0].overdue); /* delivered is never overdue */
    assert_string_equal(list.items[0].waits_on, "nobody");
    rp_workflow_request_list_free(&list);
    assert_int_equal(rp_workflow_audit_verify(wf, &n, head, &err), RP_OK);
    assert_int_equal(n, 6);
    rp_workflow_free(wf);
    t = last_audit("ACC-1");
    assert_string_equal(t.action, "deliver");
    assert_string_equal(t.login, "rpadmin");
}

static void test_refusals(void **state)
{
    struct rp_workflow_result res;
    struct rp_error err;
    struct audit_tail t;
    char path[1024];
    FILE *fp;

    (void)state;
    /* Nobody acts without a login in people.csv, and it is audited. */
    expect(act("root", REQUEST, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "OS login 'root' is not in");
    t = last_audit("ACC-2");
    assert_string_equal(t.outcome, "refused");
    assert_string_equal(t.login, "root");
    /* A rep may not request another owner's account; an unknown account
     * is bad input. */
    expect(act("schen", REQUEST, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "own accounts only; ACC-2 belongs to Jurgen Bohm");
    expect(act("rpadmin", REQUEST, "ACC-404", NULL, &res, &err), RP_ERR_INPUT,
           &err, "no account 'ACC-404'");
    expect(act("rpadmin", REQUEST, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    expect(act("rpadmin", REQUEST, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "already has a review request for 2026");
    /* Approving before a draft exists: the stage and what it allows. */
    expect(act("dwhitfield", APPROVE, "ACC-2", NULL, &res, &err),
           RP_ERR_REFUSED, &err,
           "in stage 'requested'; from there: contribute, submit");
    expect(act("wwriter", SUBMIT, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "that takes the role administrator");
    expect(act("rpadmin", CONTRIBUTE, "ACC-2", "\xff\xfe bad", &res, &err),
           RP_ERR_INPUT, &err, "byte 1 is not UTF-8");
    expect(act("rpadmin", SUBMIT, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    /* Not every approver approves every account. */
    expect(act("schen", APPROVE, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "not a designated approver of ACC-2");
    expect(act("rpadmin", APPROVE, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "not a designated approver");
    /* Sending back needs a comment. */
    expect(act("eahn", REJECT, "ACC-2", "", &res, &err), RP_ERR_INPUT, &err,
           "needs a comment");
    expect(act("eahn", REJECT, "ACC-2", "Wrong ARR.", &res, &err), RP_OK, &err,
           NULL);
    /* Delivering a draft. */
    expect(act("rpadmin", DELIVER, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err,
           "in stage 'changes-requested'; from there: contribute, submit");
    expect(act("rpadmin", SUBMIT, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    assert_int_equal(res.version, 2);
    /* A draft changed on disk is not what the approver would approve. */
    fp = fopen(res.path, "ab");
    assert_non_null(fp);
    fputs("tampered\n", fp);
    fclose(fp);
    expect(act("eahn", APPROVE, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err, "is not the file that was submitted");
    expect(act("rpadmin", SUBMIT, "ACC-2", NULL, &res, &err), RP_ERR_REFUSED,
           &err,
           "in stage 'in-review'; from there: contribute, approve, "
           "reject");
    /* A contribution while in review withdraws the draft. */
    expect(act("rpadmin", CONTRIBUTE, "ACC-2", "Late news.", &res, &err), RP_OK,
           &err, NULL);
    assert_int_equal(res.to, RP_WORKFLOW_DRAFTED);
    expect(act("rpadmin", SUBMIT, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    expect(act("eahn", APPROVE, "ACC-2", NULL, &res, &err), RP_OK, &err, NULL);
    snprintf(path, sizeof(path), "%s", res.path);
    /* Approving twice. */
    expect(act("dwhitfield", APPROVE, "ACC-2", NULL, &res, &err),
           RP_ERR_REFUSED, &err, "in stage 'approved'; from there: deliver");
    /* A tampered copy is not delivered. */
    snprintf(path + strlen(path), sizeof(path) - strlen(path), ".copy");
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("%PDF-1.7 something else\n", fp);
    fclose(fp);
    expect(act("rpadmin", DELIVER, "ACC-2", path, &res, &err), RP_ERR_REFUSED,
           &err, "is not the approved document");
    t = last_audit("ACC-2");
    assert_string_equal(t.action, "deliver");
    assert_string_equal(t.outcome, "refused");
    assert_non_null(strstr(t.detail, "is not the approved document"));
}

static void test_on_behalf(void **state)
{
    struct rp_workflow_behalf behalf = {"dana", NULL};
    struct rp_workflow_result res;
    struct rp_workflow *wf;
    struct rp_error err;
    struct audit_tail t;
    char evidence[400];

    (void)state;
    expect(act("rpadmin", REQUEST, "ACC-3", NULL, &res, &err), RP_OK, &err,
           NULL);
    expect(act("rpadmin", SUBMIT, "ACC-3", NULL, &res, &err), RP_OK, &err,
           NULL);
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    /* Dana approves Gold and ACC-1; ACC-3 is Silver: not hers. */
    expect(
        rp_workflow_approve(wf, &renderer, "ACC-3", NULL, &behalf, &res, &err),
        RP_ERR_REFUSED, &err, "needs the evidence");
    snprintf(evidence, sizeof(evidence), "%s/mail.eml", dir);
    write_file(evidence, "From: dana@example.com\n\nApproved.\n");
    behalf.evidence_path = evidence;
    rp_error_init(&err);
    expect(
        rp_workflow_approve(wf, &renderer, "ACC-3", NULL, &behalf, &res, &err),
        RP_ERR_REFUSED, &err, "Dana Whitfield (dana) is not a designated");
    rp_workflow_free(wf);
    /* A sales rep cannot act for anyone. */
    wf = open_as("schen", NOW);
    behalf.person = "emea";
    rp_error_init(&err);
    expect(rp_workflow_reject(wf, "ACC-3", "no", &behalf, &res, &err),
           RP_ERR_REFUSED, &err, "takes the role administrator");
    rp_workflow_free(wf);
    /* Make Emil approve Sweden too, then the admin records his word. */
    write_file(people_path,
               "person,name,email,login,role,approves\n"
               "admin,Ada Admin,ada@example.com,rpadmin,administrator,\n"
               "emea,Emil Ahn,emil@example.com,eahn,approver,country:DE;"
               "country:se\n");
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    expect(rp_workflow_approve(wf, &renderer, "ACC-3", "by phone", &behalf,
                               &res, &err),
           RP_OK, &err, NULL);
    rp_workflow_free(wf);
    t = last_audit("ACC-3");
    assert_string_equal(t.action, "approve");
    assert_non_null(strstr(t.detail, "approved by Emil Ahn"));
    assert_non_null(strstr(t.detail, "evidence sha256 "));
    write_file(people_path, people_csv);
}

static void test_data_change_and_overdue(void **state)
{
    struct rp_workflow_request_list list;
    struct rp_workflow_result res;
    struct rp_workflow *wf;
    struct rp_error err;
    struct audit_tail t;
    char hash[RP_SHA256_HEX_SIZE];
    char *xml;
    size_t len;

    (void)state;
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    expect(act("rpadmin", SUBMIT, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    /* Same data: nothing happens. */
    assert_int_equal(fake_snapshot(NULL, "ACC-1", &xml, &len, hash, hash, &err),
                     RP_OK);
    rp_sha256_hex(xml, len, hash);
    free(xml);
    assert_int_equal(rp_workflow_note_data(wf, "ACC-1", hash, &err), RP_OK);
    rp_workflow_free(wf);
    assert_int_equal(stage_now("ACC-1"), RP_WORKFLOW_IN_REVIEW);

    /* Late: the due date (7 days before the meeting) has passed, and the
     * approval has waited more than 3 days. */
    wf = open_as("rpadmin", NOW + 25 * DAY);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_status(wf, "ACC-1", &list, &err), RP_OK);
    assert_true(list.items[0].overdue);
    assert_int_equal(list.items[0].approval_waiting_days, 25);
    assert_string_equal(list.items[0].waits_on, "Dana Whitfield (approve)");
    rp_workflow_request_list_free(&list);

    /* The data changes: back to drafted, and the audit says so. */
    assert_int_equal(rp_workflow_note_data(wf, "ACC-1", "0123", &err), RP_OK);
    rp_workflow_free(wf);
    assert_int_equal(stage_now("ACC-1"), RP_WORKFLOW_DRAFTED);
    t = last_audit("ACC-1");
    assert_string_equal(t.action, "draft");
    assert_non_null(strstr(t.detail, "data changed while draft v1"));
    expect(act("dwhitfield", APPROVE, "ACC-1", NULL, &res, &err),
           RP_ERR_REFUSED, &err, "in stage 'drafted'");
}

/* ---- the audit trail against edits behind the store's back ---- */

static void sql(const char *statement)
{
    sqlite3 *db;
    char *msg = NULL;

    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    if (sqlite3_exec(db, statement, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", statement, msg);
    sqlite3_close(db);
}

static int sql_fails(const char *statement, const char *needle)
{
    sqlite3 *db;
    char *msg = NULL;
    int rc, found;

    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    rc = sqlite3_exec(db, statement, NULL, NULL, &msg);
    found = rc != SQLITE_OK && msg && strstr(msg, needle);
    sqlite3_free(msg);
    sqlite3_close(db);
    return found;
}

static void expect_verify(enum rp_status want, const char *needle)
{
    struct rp_workflow *wf = open_as("rpadmin", NOW);
    struct rp_error err;
    char head[RP_SHA256_HEX_SIZE];
    int64_t n;

    rp_error_init(&err);
    expect(rp_workflow_audit_verify(wf, &n, head, &err), want, &err, needle);
    rp_workflow_free(wf);
}

static void test_audit_tamper(void **state)
{
    struct rp_workflow_result res;
    struct rp_error err;

    (void)state;
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    expect(act("schen", CONTRIBUTE, "ACC-1", "Text.", &res, &err), RP_OK, &err,
           NULL);
    expect(act("rpadmin", SUBMIT, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    expect_verify(RP_OK, NULL);
    /* The triggers refuse edits through SQL. */
    assert_true(
        sql_fails("UPDATE audit SET login = 'x' WHERE seq = 2", "append-only"));
    assert_true(sql_fails("DELETE FROM audit WHERE seq = 2", "append-only"));
    /* Someone who drops them is still found out. */
    sql("DROP TRIGGER audit_no_update; UPDATE audit SET detail = "
        "'nothing to see' WHERE seq = 2");
    expect_verify(RP_ERR_INPUT, "entry 2 (contribute by schen) was changed");
    sql("UPDATE audit SET detail = (SELECT detail FROM audit WHERE seq = 1) "
        "WHERE seq = 2");
    sql("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2");
    expect_verify(RP_ERR_INPUT, "entry 2 is missing");
}

/* ---- migration from the previous schema ---- */

static void test_migration(void **state)
{
    struct rp_workflow w0, *wf;
    struct rp_workflow_request_list list;
    struct rp_workflow_result res;
    struct rp_error err;

    (void)state;
    /* A store as version 1 left it, with a request in review. */
    memset(&w0, 0, sizeof(w0));
    rp_error_init(&err);
    assert_int_equal(rp_wf_open_db(&w0, db_path, &err), RP_OK);
    assert_int_equal(rp_wf_migrate(&w0, 1, &err), RP_OK);
    assert_int_equal(rp_workflow_schema_version(&w0), 1);
    assert_int_equal(
        sqlite3_exec(w0.db,
                     "INSERT INTO requests (account, year, stage, "
                     "stage_since, meeting, due, requested_by, requested_at, "
                     "account_name, tier, owner, country) VALUES ('ACC-2', "
                     "2026, 'requested', 1795392000, '2026-12-20', "
                     "'2026-12-13', 'admin', 1795392000, 'Muller GmbH', "
                     "'Gold', 'Jurgen Bohm', 'DE')",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(w0.db);
    free(w0.db_path);

    /* This reportpipe opens it, migrates, and carries on. */
    wf = open_as("rpadmin", NOW);
    assert_int_equal(rp_workflow_schema_version(wf),
                     RP_WORKFLOW_SCHEMA_VERSION);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_status(wf, NULL, &list, &err), RP_OK);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].account_name, "Muller GmbH");
    rp_workflow_request_list_free(&list);
    rp_workflow_free(wf);
    expect(act("rpadmin", SUBMIT, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    /* The evidence table of version 2 works on the migrated store. */
    {
        struct rp_workflow_behalf behalf = {"emea", NULL};
        char evidence[400];
        snprintf(evidence, sizeof(evidence), "%s/minutes.txt", dir);
        write_file(evidence, "Emil said yes.\n");
        behalf.evidence_path = evidence;
        wf = open_as("rpadmin", NOW);
        rp_error_init(&err);
        expect(rp_workflow_approve(wf, &renderer, "ACC-2", NULL, &behalf, &res,
                                   &err),
               RP_OK, &err, NULL);
        rp_workflow_free(wf);
    }
}

/* The previous version kept each draft's snapshot in the drafts table:
 * a draft in review there is approved, from its snapshot, after the
 * migration moved it. */
static void test_migration_from_v2(void **state)
{
    struct rp_workflow w0, *wf;
    struct rp_workflow_result res;
    struct rp_error err;
    char draft[400], hash[RP_SHA256_HEX_SIZE], sql_text[2048], *text;

    (void)state;
    snprintf(draft, sizeof(draft), "%s/old-draft.pdf", dir);
    write_file(draft, "an old draft\n");
    rp_error_init(&err);
    assert_int_equal(rp_sha256_file(draft, hash, &err), RP_OK);
    memset(&w0, 0, sizeof(w0));
    assert_int_equal(rp_wf_open_db(&w0, db_path, &err), RP_OK);
    assert_int_equal(rp_wf_migrate(&w0, 2, &err), RP_OK);
    snprintf(sql_text, sizeof(sql_text),
             "INSERT INTO requests (account, year, stage, stage_since, "
             "meeting, due, requested_by, requested_at, account_name, tier, "
             "owner, country) VALUES ('ACC-2', 2026, 'in-review', "
             "1795392000, '2026-12-20', '2026-12-13', 'admin', 1795392000, "
             "'Muller GmbH', 'Gold', 'Jurgen Bohm', 'DE');"
             "INSERT INTO drafts (request, version, pdf_path, pdf_sha256, "
             "data_sha256, template_version, snapshot, created_by, "
             "created_at) VALUES (1, 1, '%s', '%s', 'd', 't', "
             "'<review-data account=\"ACC-2\" gen=\"old\"/>', 'admin', "
             "1795392000)",
             draft, hash);
    assert_int_equal(sqlite3_exec(w0.db, sql_text, NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(w0.db);
    free(w0.db_path);

    wf = open_as("eahn", NOW);
    assert_int_equal(rp_workflow_schema_version(wf),
                     RP_WORKFLOW_SCHEMA_VERSION);
    rp_error_init(&err);
    expect(rp_workflow_approve(wf, &renderer, "ACC-2", NULL, NULL, &res, &err),
           RP_OK, &err, NULL);
    rp_workflow_free(wf);
    text = read_file(res.path);
    assert_non_null(
        strstr(text, "<review-data account=\"ACC-2\" gen=\"old\"/>"));
    assert_non_null(strstr(text, "APPROVED by Emil Ahn"));
    free(text);
}

/* A store of version 4 (contribution tasks, print_due) made before print
 * jobs existed: it upgrades, and its request's print deadline is the one
 * request recorded, not computed again. */
static void test_migration_from_v4(void **state)
{
    struct rp_workflow w0, *wf;
    struct rp_workflow_request_list list;
    struct rp_error err;

    (void)state;
    memset(&w0, 0, sizeof(w0));
    rp_error_init(&err);
    assert_int_equal(rp_wf_open_db(&w0, db_path, &err), RP_OK);
    assert_int_equal(rp_wf_migrate(&w0, 4, &err), RP_OK);
    assert_int_equal(rp_workflow_schema_version(&w0), 4);
    assert_int_equal(
        sqlite3_exec(w0.db,
                     "INSERT INTO requests (account, year, stage, "
                     "stage_since, meeting, due, requested_by, requested_at, "
                     "account_name, tier, owner, country, approval_due, "
                     "print_due) VALUES ('ACC-2', 2026, 'collecting', "
                     "1795392000, '2026-12-20', '2026-12-13', 'admin', "
                     "1795392000, 'Muller GmbH', 'Gold', 'Jurgen Bohm', 'DE', "
                     "'2026-12-08', '2026-12-11');"
                     "INSERT INTO tasks (request, section, writer, person, "
                     "due, created_at) VALUES (1, 'executive-summary', "
                     "'owner', NULL, '2026-11-29', 1795392000), (1, "
                     "'plan-next-year', 'owner', NULL, '2026-11-29', "
                     "1795392000)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(w0.db);
    free(w0.db_path);

    wf = open_as("rpadmin", NOW + 17 * DAY);
    assert_int_equal(rp_workflow_schema_version(wf),
                     RP_WORKFLOW_SCHEMA_VERSION);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_status(wf, NULL, &list, &err), RP_OK);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].print_deadline, "2026-12-11");
    /* 2026-12-10, a day before it: at risk; its two open tasks missing. */
    assert_true(list.items[0].at_risk);
    assert_int_equal(list.items[0].contributions_missing, 2);
    rp_workflow_request_list_free(&list);
    rp_workflow_free(wf);
}

static void test_not_a_store(void **state)
{
    struct rp_workflow_options o = {0};
    struct rp_workflow *wf = NULL;
    struct rp_error err;

    (void)state;
    assert_int_equal(mkdir(db_path, 0755) == 0 || 1, 1);
    rmdir(db_path);
    {
        char cmd[1024];
        snprintf(cmd, sizeof(cmd), "mkdir -p '%s/state'", dir);
        assert_int_equal(system(cmd), 0);
    }
    write_file(db_path, "this is not a database at all, just text......");
    o.db_path = db_path;
    o.people_path = people_path;
    o.output_dir = out_dir;
    o.login = "rpadmin";
    o.sections = sections;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_open(&o, &wf, &err), RP_ERR_INPUT);
    assert_null(wf);
    assert_non_null(strstr(err.message, "not a reportpipe workflow store"));
    /* Someone else's database is not taken over. */
    unlink(db_path);
    sql("CREATE TABLE customers (id INTEGER)");
    rp_error_init(&err);
    assert_int_equal(rp_workflow_open(&o, &wf, &err), RP_ERR_INPUT);
    assert_non_null(strstr(err.message, "no reportpipe schema version"));
}

/* ---- two processes at once ---- */

static void test_concurrent(void **state)
{
    struct rp_workflow_contribution_list list;
    struct rp_workflow_result res;
    struct rp_workflow *wf;
    struct rp_error err;
    char head[RP_SHA256_HEX_SIZE], text[64];
    int64_t n;
    pid_t child;
    int i, status;

    (void)state;
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    expect(act("rpadmin", REQUEST, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    expect(act("rpadmin", SUBMIT, "ACC-2", NULL, &res, &err), RP_OK, &err,
           NULL);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        /* Forty contributions, each its own process's transaction. */
        for (i = 0; i < 40; i++) {
            snprintf(text, sizeof(text), "Draft %d of the summary.", i);
            if (act("wwriter", CONTRIBUTE, "ACC-1", text, &res, &err) != RP_OK)
                _exit(1);
        }
        _exit(0);
    }
    expect(act("eahn", APPROVE, "ACC-2", "fine", &res, &err), RP_OK, &err,
           NULL);
    for (i = 0; i < 20; i++)
        expect(act("schen", CONTRIBUTE, "ACC-1", "Mine.", &res, &err), RP_OK,
               &err, NULL);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_audit_verify(wf, &n, head, &err), RP_OK);
    /* 2 requests + submit + approve + 60 contributions */
    assert_int_equal(n, 64);
    assert_int_equal(rp_workflow_contributions(wf, &list, &err), RP_OK);
    assert_int_equal(list.n, 1);
    rp_workflow_contribution_list_free(&list);
    rp_workflow_free(wf);
    sql("CREATE TEMP TABLE x AS SELECT count(*) AS n FROM contributions");
    assert_int_equal(stage_now("ACC-2"), RP_WORKFLOW_APPROVED);
}

/* A renderer during whose work someone hands in a contribution. */
static enum rp_status
render_while_contributing(void *ctx, const char *xml, size_t len,
                          const struct rp_workflow_mark *mark,
                          const char *pdf_path, struct rp_error *err)
{
    struct rp_workflow_result res;
    struct rp_error other;

    (void)ctx;
    expect(act("wwriter", CONTRIBUTE, "ACC-1", "Late but important.", &res,
               &other),
           RP_OK, &other, NULL);
    return fake_render(NULL, xml, len, mark, pdf_path, err);
}

static void test_submit_race(void **state)
{
    static const struct rp_workflow_renderer racing = {
        NULL, fake_account, fake_snapshot, render_while_contributing};
    struct rp_workflow_result res;
    struct rp_workflow *wf;
    struct rp_error err;
    struct stat st;
    char drafts[400];

    (void)state;
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    expect(rp_workflow_submit(wf, &racing, "ACC-1", &res, &err), RP_ERR_REFUSED,
           &err, "arrived while its draft was being made");
    rp_workflow_free(wf);
    /* Nothing of the refused draft is left, and the next submit works. */
    snprintf(drafts, sizeof(drafts), "%s/drafts/ACC-1/2026-v1-draft.pdf",
             out_dir);
    assert_int_equal(stat(drafts, &st), -1);
    assert_int_equal(stage_now("ACC-1"), RP_WORKFLOW_COLLECTING);
    expect(act("rpadmin", SUBMIT, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    assert_int_equal(res.version, 1);
}

/* A store another process keeps locked: the action waits, then fails
 * with RP_ERR_BUSY, and nothing is half-written. */
static void test_busy(void **state)
{
    struct rp_workflow_options o = {0};
    struct rp_workflow_result res;
    struct rp_workflow *wf = NULL;
    struct rp_error err;
    sqlite3 *holder;

    (void)state;
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    assert_int_equal(sqlite3_open(db_path, &holder), SQLITE_OK);
    assert_int_equal(sqlite3_exec(holder, "BEGIN IMMEDIATE", NULL, NULL, NULL),
                     SQLITE_OK);
    o.db_path = db_path;
    o.people_path = people_path;
    o.output_dir = out_dir;
    o.login = "rpadmin";
    o.now = NOW;
    o.sections = sections;
    o.busy_timeout_ms = 200;
    rp_error_init(&err);
    assert_int_equal(rp_workflow_open(&o, &wf, &err), RP_OK);
    expect(rp_workflow_submit(wf, &renderer, "ACC-1", &res, &err), RP_ERR_BUSY,
           &err, "stayed locked by another process for 0.2 s");
    rp_workflow_free(wf);
    sqlite3_exec(holder, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(holder);
    /* Nothing was recorded, and the same step works once the lock goes. */
    assert_int_equal(stage_now("ACC-1"), RP_WORKFLOW_REQUESTED);
    expect(act("rpadmin", SUBMIT, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    assert_int_equal(res.version, 1);
}

/* ---- print, shipment, feedback and follow-ups ---- */

static void test_print_and_feedback(void **state)
{
    struct rp_workflow_result res;
    struct rp_workflow_request_list list;
    struct rp_workflow_followup_list fu;
    struct rp_workflow_followup done;
    struct rp_workflow_feedback_list fb;
    struct rp_workflow *wf;
    struct rp_error err;
    char path[600], *text;

    (void)state;
    expect(act("schen", REQUEST, "ACC-1", NULL, &res, &err), RP_OK, &err, NULL);
    expect(act("rpadmin", SUBMIT, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    expect(act("dwhitfield", APPROVE, "ACC-1", NULL, &res, &err), RP_OK, &err,
           NULL);
    /* Shipping and feedback wait for delivery. */
    wf = open_as("rpadmin", NOW);
    rp_error_init(&err);
    expect(rp_workflow_shipped(wf, "ACC-1", "T1", NULL, &err), RP_ERR_REFUSED,
           &err, "in stage 'approved'; from there: deliver");
    rp_error_init(&err);
    expect(
        rp_workflow_deliver_print(wf, &renderer, "ACC-1", NULL, 2, &res, &err),
        RP_OK, &err, NULL);
    rp_workflow_free(wf);
    snprintf(path, sizeof(path), "%s/print/2026-11-23/manifest.json", out_dir);
    text = read_file(path);
    assert_non_null(strstr(text, "\"account\": \"ACC-1\""));
    assert_non_null(strstr(text, "\"copies\": 2"));
    assert_non_null(strstr(text, "\"street\": \"1 Main Street\""));
    /* requests.print_due: the meeting less print-lead-days (the delivery
     * lead, 7, by default). */
    assert_non_null(strstr(text, "\"print_deadline\": \"2026-12-16\""));
    free(text);
    snprintf(path, sizeof(path), "%s/print/2026-11-23/ACC-1-2026-v1.pdf",
             out_dir);
    assert_int_equal(access(path, F_OK), 0);

    /* Past the print deadline, the meeting still ahead: at risk until
     * shipped. */
    wf = open_as("rpadmin", NOW + 26 * DAY);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_status(wf, "ACC-1", &list, &err), RP_OK);
    assert_true(list.items[0].at_risk);
    assert_true(list.items[0].printed);
    rp_workflow_request_list_free(&list);
    expect(rp_workflow_shipped(wf, "ACC-1", "T\x01", NULL, &err), RP_ERR_INPUT,
           &err, "printable");
    rp_error_init(&err);
    expect(rp_workflow_shipped(wf, "ACC-1", "1Z999", NULL, &err), RP_OK, &err,
           NULL);
    assert_int_equal(rp_workflow_status(wf, "ACC-1", &list, &err), RP_OK);
    assert_false(list.items[0].at_risk);
    assert_string_equal(list.items[0].shipped, "2026-12-19");
    assert_string_equal(list.items[0].tracking, "1Z999");
    rp_workflow_request_list_free(&list);

    /* A bad file records nothing; a good one its follow-ups. */
    snprintf(path, sizeof(path), "%s/fb.txt", dir);
    write_file(path, "Good meeting.\nfollow-up: a | rep | 2027-01-10\n"
                     "follow-up: b | Sam | 2027-13-01\n");
    rp_error_init(&err);
    expect(rp_workflow_feedback(wf, "ACC-1", path, NULL, NULL, &err),
           RP_ERR_INPUT, &err, "is not a date");
    assert_int_equal(err.line, 3);
    assert_string_equal(err.field, "due");
    rp_error_init(&err);
    assert_int_equal(rp_workflow_followups(wf, NULL, 0, &fu, &err), RP_OK);
    assert_int_equal(fu.n, 0);
    rp_workflow_followup_list_free(&fu);
    write_file(path, "Good meeting.\nfollow-up: a | rep | 2027-01-10\n"
                     "follow-up: b | Sam | 2026-12-20\n");
    expect(rp_workflow_feedback(wf, "ACC-1", path, &fu, NULL, &err), RP_OK,
           &err, NULL);
    assert_int_equal(fu.n, 2);
    rp_workflow_followup_list_free(&fu);
    expect(rp_workflow_followup_done(wf, 1, &done, &err), RP_OK, &err, NULL);
    assert_string_equal(done.done_on, "2026-12-19");
    rp_workflow_followup_release(&done);
    rp_error_init(&err);
    expect(rp_workflow_followup_done(wf, 1, NULL, &err), RP_ERR_REFUSED, &err,
           "done already, on 2026-12-19 by Ada Admin");
    rp_error_init(&err);
    expect(rp_workflow_followup_done(wf, 7, NULL, &err), RP_ERR_INPUT, &err,
           "no follow-up 7");
    rp_workflow_free(wf);

    /* A month later: the open one is overdue; the owner reads as a name. */
    wf = open_as("schen", NOW + 60 * DAY);
    rp_error_init(&err);
    assert_int_equal(rp_workflow_followups(wf, "ACC-1", 0, &fu, &err), RP_OK);
    assert_int_equal(fu.n, 2);
    assert_string_equal(fu.items[0].owner, "Sarah Chen");
    assert_string_equal(fu.items[0].done_on, "2026-12-19");
    assert_true(fu.items[1].overdue);
    rp_workflow_followup_list_free(&fu);
    assert_int_equal(rp_workflow_feedback_latest(wf, &fb, &err), RP_OK);
    assert_int_equal(fb.n, 1);
    assert_int_equal(fb.items[0].year, 2026);
    assert_string_equal(fb.items[0].text, "Good meeting.");
    assert_string_equal(fb.items[0].author, "Ada Admin");
    rp_workflow_feedback_list_free(&fb);
    rp_workflow_free(wf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_people, setup, teardown),
        cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_on_behalf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_change_and_overdue, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_audit_tamper, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_from_v2, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_migration_from_v4, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_not_a_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_submit_race, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_and_feedback, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
