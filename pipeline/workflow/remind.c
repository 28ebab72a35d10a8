/*
 * The daily reminder run (workflow.h): what is due, overdue or waiting
 * becomes e-mail.  Messages are planned, written to the outbox and
 * recorded in one transaction, so two runs on the same day cannot both
 * make one; handing them to sendmail comes after, each marked sent only
 * once the command took it.  Day arithmetic is SQLite's julianday() over
 * the stored YYYY-MM-DD days.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "common/file.h"
#include "common/mem.h"

/* A draft is a few megabytes; never read an unbounded file into mail. */
#define MAX_ATTACHMENT ((size_t)64 << 20)

extern char **environ;

struct run {
    struct rp_workflow *wf;
    struct rp_wf_act a;
    const char *outbox;
    char today[11];
    const char *from_name, *from_addr;
    void (*on_message)(void *ctx, const struct rp_workflow_notice *n);
    void *ctx;
    struct rp_workflow_remind_result *res;
    char **written; /* files made by this run, removed if it fails */
    size_t n_written, cap_written;
    /* What to tell on_message once the run's records are committed. */
    struct rp_workflow_notice *notices;
    size_t n_notices, cap_notices;
    /* The digest's parts. */
    GString *overdue_tasks, *unassigned, *to_submit, *approvals, *to_deliver,
        *late_requests, *problems;
    int items;
};

/* What the store says of earlier messages with this key. */
struct last {
    int ever, today, since; /* since: days from the newest one */
};

static enum rp_status last_notice(struct run *r, const char *kind,
                                  const char *person, const char *ref,
                                  struct last *out)
{
    sqlite3_stmt *st = rp_wf_prepare(
        r->wf, "reading the notifications", r->a.err,
        "SELECT count(*), coalesce(sum(day = ?1), 0), "
        " CAST(julianday(?1) - julianday(max(day)) AS INTEGER) "
        "FROM notifications WHERE kind = ?2 AND person = ?3 AND ref = ?4",
        "tttt", r->today, kind, person, ref);
    int rc;

    if (!st)
        return r->a.err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->ever = sqlite3_column_int(st, 0) > 0;
        out->today = sqlite3_column_int(st, 1) > 0;
        out->since = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW
               ? RP_OK
               : rp_wf_db_error(r->wf, rc, "reading the notifications",
                                r->a.err);
}

/* day-kind-person-ref.eml, with anything but [A-Za-z0-9._-] made '_'. */
static char *file_name(const char *today, const char *kind, const char *person,
                       const char *ref)
{
    GString *s = g_string_new(NULL);
    char *p;

    g_string_printf(s, "%s-%s-%s%s%s.eml", today, kind, person,
                    ref[0] ? "-" : "", ref);
    for (p = s->str; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-' && *p != '_')
            *p = *p == '/' ? '-' : '_';
    }
    p = rp_xstrdup(s->str);
    g_string_free(s, TRUE);
    return p;
}

/* Writes the message to the outbox and records it (inside the run's
 * transaction). */
static enum rp_status post(struct run *r, const struct rp_workflow_person *to,
                           const char *kind, const char *ref, int64_t request,
                           struct rp_wf_mail *m)
{
    enum rp_status status;
    char *bytes = NULL, *name, *path, hash[RP_SHA256_HEX_SIZE], key[512],
         addr[600];
    size_t len = 0;

    snprintf(key, sizeof(key), "%s/%s/%s/%s", r->today, kind, to->id, ref);
    m->key = key;
    m->kind = kind;
    m->from_name = r->from_name;
    m->from_addr = r->from_addr;
    m->to_name = to->name;
    m->to_addr = to->email;
    m->date = r->wf->now;
    status = rp_wf_mail_build(m, &bytes, &len, r->a.err);
    if (status != RP_OK)
        return status;
    name = file_name(r->today, kind, to->id, ref);
    path = rp_xmalloc(strlen(r->outbox) + strlen(name) + 2);
    sprintf(path, "%s/%s", r->outbox, name);
    rp_sha256_hex(bytes, len, hash);
    status = rp_file_write_all(path, bytes, len, r->a.err);
    free(bytes);
    if (status == RP_OK) {
        rp_array_grow((void **)&r->written, &r->cap_written, r->n_written + 1,
                      sizeof(*r->written));
        r->written[r->n_written++] = rp_xstrdup(path);
        status = rp_wf_exec(r->wf, "recording the notification", r->a.err,
                            "INSERT INTO notifications (day, person, kind, "
                            "ref, request, subject, file, sha256, state, "
                            "created_at) VALUES (?, ?, ?, ?, nullif(?, 0), ?, "
                            "?, ?, "
                            "'outbox', ?)",
                            "ttttItttI", r->today, to->id, kind, ref,
                            request ? request : (int64_t)0, m->subject, name,
                            hash, r->wf->now);
    }
    if (status == RP_OK) {
        r->res->written++;
        snprintf(addr, sizeof(addr), "%s <%s>", to->name, to->email);
        rp_array_grow((void **)&r->notices, &r->cap_notices, r->n_notices + 1,
                      sizeof(*r->notices));
        r->notices[r->n_notices++] = (struct rp_workflow_notice){
            rp_xstrdup(path), kind, rp_xstrdup(addr), rp_xstrdup(m->subject)};
    }
    free(name);
    free(path);
    return status;
}

static int has_email(const struct rp_workflow_person *p)
{
    return p && p->email && strchr(p->email, '@');
}

static void no_email(struct run *r, const struct rp_workflow_person *p,
                     const char *what)
{
    g_string_append_printf(r->problems,
                           "  %s (%s) has no e-mail address in %s: %s not "
                           "sent\n",
                           p->name, p->id, r->wf->people.path, what);
    r->items++;
}

/* ---- contributions ---- */

struct ask {
    int64_t request;
    char account[128], name[256], meeting[11], person[128];
    int year;
    GString *lines;
    int min_left, any_overdue;
};

static enum rp_status send_ask(struct run *r, struct ask *q)
{
    const struct rp_workflow_person *p =
        rp_workflow_people_by_id(&r->wf->people, q->person);
    const struct rp_workflow_settings *s = &r->wf->settings;
    struct rp_wf_mail m;
    struct last last = {0, 0, 0};
    enum rp_status status;
    char ref[160], subject[600];
    GString *body;

    if (!p)
        return RP_OK;
    snprintf(ref, sizeof(ref), "%s/%d", q->account, q->year);
    status = last_notice(r, "contribution", p->id, ref, &last);
    if (status != RP_OK)
        return status;
    if (last.today) {
        r->res->repeats++;
        return RP_OK;
    }
    if (last.ever && !(q->min_left <= s->remind_before_days &&
                       last.since >= s->remind_every_days))
        return RP_OK;
    if (!has_email(p)) {
        no_email(r, p, "the request for contributions");
        return RP_OK;
    }
    snprintf(subject, sizeof(subject),
             "%sAnnual Customer Review %d of %s: "
             "your sections",
             q->any_overdue ? "Overdue: "
             : last.ever    ? "Reminder: "
                            : "",
             q->year, q->name);
    body = g_string_new(NULL);
    g_string_append_printf(
        body,
        "Dear %s,\n\n"
        "the Annual Customer Review %d of %s (%s) is being prepared for "
        "the meeting on %s. %s:\n\n%s\n"
        "Hand each one in as a UTF-8 text file (a blank line between "
        "paragraphs):\n\n"
        "  reportpipe contribute %s --section SECTION FILE\n\n"
        "Where a section is missing the review says \"not yet provided\".\n\n"
        "-- \nreportpipe, for %s\n",
        p->name, q->year, q->name, q->account, q->meeting,
        last.ever ? "These sections are still missing"
                  : "Please write these sections",
        q->lines->str, q->account, r->from_name);
    memset(&m, 0, sizeof(m));
    m.subject = subject;
    m.body = body->str;
    status = post(r, p, "contribution", ref, q->request, &m);
    g_string_free(body, TRUE);
    return status;
}

static enum rp_status plan_contributions(struct run *r)
{
    sqlite3_stmt *st = rp_wf_prepare(
        r->wf, "reading the open tasks", r->a.err,
        "SELECT r.id, r.account, r.account_name, r.year, r.meeting, "
        " t.person, t.section, t.due, "
        " CAST(julianday(t.due) - julianday(?1) AS INTEGER), r.owner, "
        " t.writer, r.stage IN ('requested', 'collecting', 'drafted', "
        "  'changes-requested') "
        "FROM tasks t JOIN requests r ON r.id = t.request "
        "WHERE t.done_at IS NULL AND r.stage NOT IN ('approved', "
        " 'delivered') AND r.year = (SELECT max(year) FROM requests "
        " WHERE account = r.account) "
        "ORDER BY r.id, t.person, t.id",
        "t", r->today);
    struct ask q;
    enum rp_status status = RP_OK;
    int rc = SQLITE_OK, open = 0;

    if (!st)
        return r->a.err->status;
    memset(&q, 0, sizeof(q));
    q.lines = g_string_new(NULL);
    while (status == RP_OK && rp_wf_next_row(st, &rc)) {
        const char *person = (const char *)sqlite3_column_text(st, 5);
        const char *section = (const char *)sqlite3_column_text(st, 6);
        const char *due = (const char *)sqlite3_column_text(st, 7);
        const char *account = (const char *)sqlite3_column_text(st, 1);
        int left = sqlite3_column_int(st, 8),
            chase = sqlite3_column_int(st, 11);
        const struct rp_workflow_person *p =
            rp_workflow_people_by_id(&r->wf->people, person);

        if (left < 0) {
            g_string_append_printf(r->overdue_tasks, "  %s %d %s: %s, due %s\n",
                                   account, sqlite3_column_int(st, 3), section,
                                   p ? p->name : "nobody", due);
            r->items++;
        }
        if (!person) {
            g_string_append_printf(
                r->unassigned, "  %s %d %s: no %s in %s (owner: %s)\n", account,
                sqlite3_column_int(st, 3), section,
                (const char *)sqlite3_column_text(st, 10), r->wf->people.path,
                (const char *)sqlite3_column_text(st, 9));
            r->items++;
            continue;
        }
        /* A draft in review is not chased: a contribution would
         * withdraw it. */
        if (!chase)
            continue;
        if (open && (q.request != sqlite3_column_int64(st, 0) ||
                     strcmp(q.person, person) != 0)) {
            status = send_ask(r, &q);
            open = 0;
        }
        if (!open) {
            q.request = sqlite3_column_int64(st, 0);
            snprintf(q.account, sizeof(q.account), "%s", account);
            snprintf(q.name, sizeof(q.name), "%s",
                     (const char *)sqlite3_column_text(st, 2));
            snprintf(q.meeting, sizeof(q.meeting), "%s",
                     (const char *)sqlite3_column_text(st, 4));
            snprintf(q.person, sizeof(q.person), "%s", person);
            q.year = sqlite3_column_int(st, 3);
            q.min_left = left;
            q.any_overdue = 0;
            g_string_truncate(q.lines, 0);
            open = 1;
        }
        if (left < q.min_left)
            q.min_left = left;
        q.any_overdue |= left < 0;
        g_string_append_printf(q.lines, "  - %s, due %s%s\n", section, due,
                               left < 0 ? " (overdue)" : "");
    }
    sqlite3_finalize(st);
    if (status == RP_OK && rc != SQLITE_DONE)
        status = rp_wf_db_error(r->wf, rc, "reading the open tasks", r->a.err);
    if (status == RP_OK && open)
        status = send_ask(r, &q);
    g_string_free(q.lines, TRUE);
    return status;
}

/* ---- approvals ---- */

struct review {
    int64_t request;
    const char *account, *name, *meeting, *approval_due, *path, *sha256;
    int year, version, waiting, left;
    struct rp_workflow_account facts;
};

static enum rp_status ask_approver(struct run *r, const struct review *v,
                                   const struct rp_workflow_person *p,
                                   const char *pdf, size_t pdf_len)
{
    const struct rp_workflow_settings *s = &r->wf->settings;
    struct last last = {0, 0, 0};
    struct rp_wf_mail m;
    enum rp_status status;
    char ref[200], subject[600], attach[300], waited[48] = "";
    GString *body;

    if (v->waiting)
        snprintf(waited, sizeof(waited), " (for %d days)", v->waiting);
    snprintf(ref, sizeof(ref), "%s/%d/v%d", v->account, v->year, v->version);
    status = last_notice(r, "approval", p->id, ref, &last);
    if (status != RP_OK)
        return status;
    if (last.today) {
        r->res->repeats++;
        return RP_OK;
    }
    if (last.ever && !((v->waiting > s->approval_wait_days ||
                        v->left <= s->remind_before_days) &&
                       last.since >= s->remind_every_days))
        return RP_OK;
    if (!has_email(p)) {
        no_email(r, p, "the approval request");
        return RP_OK;
    }
    snprintf(subject, sizeof(subject),
             "%sApproval requested: Annual Customer Review %d of %s (draft "
             "v%d)",
             last.ever ? "Reminder: " : "", v->year, v->name, v->version);
    snprintf(attach, sizeof(attach), "%s-%d-v%d-draft.pdf", v->account, v->year,
             v->version);
    body = g_string_new(NULL);
    g_string_append_printf(
        body,
        "Dear %s,\n\n"
        "draft v%d of the Annual Customer Review %d of %s (%s) waits for "
        "your approval%s. It is attached (%s, SHA-256 %s).\n\n"
        "The meeting is on %s; the approval is due %s.\n\n"
        "To approve it:          reportpipe approve %s\n"
        "To ask for changes:     reportpipe reject %s --comment TEXT\n\n"
        "-- \nreportpipe, for %s\n",
        p->name, v->version, v->year, v->name, v->account, waited, attach,
        v->sha256, v->meeting,
        v->approval_due[0] ? v->approval_due : "before the meeting", v->account,
        v->account, r->from_name);
    memset(&m, 0, sizeof(m));
    m.subject = subject;
    m.body = body->str;
    m.attachment = pdf;
    m.attachment_len = pdf_len;
    m.attachment_name = attach;
    status = post(r, p, "approval", ref, v->request, &m);
    g_string_free(body, TRUE);
    return status;
}

/* The draft's bytes, if they are still the ones submitted. */
static int read_draft(struct run *r, const struct review *v, char **pdf,
                      size_t *len)
{
    struct rp_error e;
    char hash[RP_SHA256_HEX_SIZE], why[1400];

    rp_error_init(&e);
    if (rp_file_read_all(v->path, MAX_ATTACHMENT, pdf, len, &e) != RP_OK) {
        rp_error_format(&e, why, sizeof(why));
        g_string_append_printf(r->problems,
                               "  %s %d v%d: the draft cannot be attached: "
                               "%s\n",
                               v->account, v->year, v->version, why);
        r->items++;
        return 0;
    }
    rp_sha256_hex(*pdf, *len, hash);
    if (strcmp(hash, v->sha256) == 0)
        return 1;
    g_string_append_printf(r->problems,
                           "  %s %d v%d: %s changed since it was submitted; "
                           "no approval was asked for\n",
                           v->account, v->year, v->version, v->path);
    r->items++;
    free(*pdf);
    *pdf = NULL;
    return 0;
}

static enum rp_status plan_approvals(struct run *r)
{
    sqlite3_stmt *st = rp_wf_prepare(
        r->wf, "reading the drafts in review", r->a.err,
        "SELECT r.id, r.account, r.account_name, r.year, r.meeting, "
        " coalesce(r.approval_due, ''), d.version, d.pdf_path, d.pdf_sha256, "
        " CAST((?2 - r.stage_since) / 86400 AS INTEGER), "
        " coalesce(CAST(julianday(r.approval_due) - julianday(?1) AS "
        "  INTEGER), 9999), r.tier, r.owner, r.country "
        "FROM requests r JOIN drafts d ON d.request = r.id AND d.version = "
        " (SELECT max(version) FROM drafts WHERE request = r.id) "
        "WHERE r.stage = 'in-review' ORDER BY r.account, r.year",
        "tI", r->today, r->wf->now);
    enum rp_status status = RP_OK;
    int rc = SQLITE_OK;

    if (!st)
        return r->a.err->status;
    while (status == RP_OK && rp_wf_next_row(st, &rc)) {
        struct review v;
        char *pdf = NULL;
        size_t len = 0, i;
        int approvers = 0, have_pdf = -1;

        v.request = sqlite3_column_int64(st, 0);
        v.account = (const char *)sqlite3_column_text(st, 1);
        v.name = (const char *)sqlite3_column_text(st, 2);
        v.year = sqlite3_column_int(st, 3);
        v.meeting = (const char *)sqlite3_column_text(st, 4);
        v.approval_due = (const char *)sqlite3_column_text(st, 5);
        v.version = sqlite3_column_int(st, 6);
        v.path = (const char *)sqlite3_column_text(st, 7);
        v.sha256 = (const char *)sqlite3_column_text(st, 8);
        v.waiting = sqlite3_column_int(st, 9);
        v.left = sqlite3_column_int(st, 10);
        v.facts = (struct rp_workflow_account){
            .id = v.account,
            .name = v.name,
            .tier = (const char *)sqlite3_column_text(st, 11),
            .owner = (const char *)sqlite3_column_text(st, 12),
            .country = (const char *)sqlite3_column_text(st, 13)};
        for (i = 0; status == RP_OK && i < r->wf->people.n; i++) {
            const struct rp_workflow_person *p = &r->wf->people.items[i];
            if (!rp_workflow_person_approves(p, &v.facts))
                continue;
            if (approvers++)
                g_string_append(r->approvals, ", ");
            else
                g_string_append_printf(r->approvals, "  %s %d v%d: ", v.account,
                                       v.year, v.version);
            g_string_append(r->approvals, p->name);
            if (have_pdf < 0)
                have_pdf = read_draft(r, &v, &pdf, &len);
            if (have_pdf)
                status = ask_approver(r, &v, p, pdf, len);
        }
        if (approvers) {
            g_string_append_printf(
                r->approvals, ", in review %d days%s (approval due %s)\n",
                v.waiting,
                v.waiting > r->wf->settings.approval_wait_days ? ", TOO LONG"
                                                               : "",
                v.approval_due[0] ? v.approval_due : "-");
        } else {
            g_string_append_printf(r->approvals,
                                   "  %s %d v%d: NO DESIGNATED APPROVER in "
                                   "%s\n",
                                   v.account, v.year, v.version,
                                   r->wf->people.path);
        }
        r->items++;
        free(pdf);
    }
    sqlite3_finalize(st);
    if (status == RP_OK && rc != SQLITE_DONE)
        status =
            rp_wf_db_error(r->wf, rc, "reading the drafts in review", r->a.err);
    return status;
}

/* ---- the administrators' digest ---- */

static enum rp_status plan_requests(struct run *r)
{
    sqlite3_stmt *st = rp_wf_prepare(
        r->wf, "reading the requests", r->a.err,
        "SELECT account, year, stage, due, print_due, "
        " strftime('%Y-%m-%d', stage_since, 'unixepoch'), meeting "
        "FROM requests r WHERE stage <> 'delivered' AND year = "
        " (SELECT max(year) FROM requests WHERE account = r.account) "
        "ORDER BY account",
        "");
    int rc = SQLITE_OK;

    if (!st)
        return r->a.err->status;
    while (rp_wf_next_row(st, &rc)) {
        const char *account = (const char *)sqlite3_column_text(st, 0);
        const char *stage = (const char *)sqlite3_column_text(st, 2);
        const char *due = (const char *)sqlite3_column_text(st, 3);
        const char *print = (const char *)sqlite3_column_text(st, 4);
        const char *since = (const char *)sqlite3_column_text(st, 5);
        const char *meeting = (const char *)sqlite3_column_text(st, 6);
        int year = sqlite3_column_int(st, 1);
        char deadline[11];

        if (strcmp(stage, "drafted") == 0 ||
            strcmp(stage, "changes-requested") == 0) {
            g_string_append_printf(r->to_submit, "  %s %d: %s since %s\n",
                                   account, year, stage, since);
            r->items++;
        } else if (strcmp(stage, "approved") == 0) {
            rp_wf_print_deadline(r->wf, print, meeting ? meeting : "",
                                 deadline);
            g_string_append_printf(r->to_deliver,
                                   "  %s %d: approved %s, print by %s\n",
                                   account, year, since, deadline);
            r->items++;
        }
        if (strcmp(r->today, due) > 0) {
            g_string_append_printf(r->late_requests, "  %s %d: due %s, %s\n",
                                   account, year, due, stage);
            r->items++;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE
               ? RP_OK
               : rp_wf_db_error(r->wf, rc, "reading the requests", r->a.err);
}

static void part(GString *body, const char *title, const GString *lines)
{
    if (lines->len)
        g_string_append_printf(body, "%s:\n%s\n", title, lines->str);
}

static enum rp_status plan_digests(struct run *r)
{
    enum rp_status status = plan_requests(r);
    char subject[200];
    GString *body;
    size_t i;

    if (status != RP_OK || !r->items)
        return status;
    body = g_string_new(NULL);
    g_string_append_printf(body, "The review program on %s: %d item%s.\n\n",
                           r->today, r->items, r->items == 1 ? "" : "s");
    part(body, "Sections overdue", r->overdue_tasks);
    part(body, "Sections nobody was asked for", r->unassigned);
    part(body, "Drafts to submit", r->to_submit);
    part(body, "Drafts in review", r->approvals);
    part(body, "Approved, to print and deliver", r->to_deliver);
    part(body, "Requests past their due day", r->late_requests);
    part(body, "Problems", r->problems);
    g_string_append_printf(body,
                           "Messages made today: %d (reportpipe status "
                           "shows every request).\n\n-- \nreportpipe\n",
                           r->res->written);
    snprintf(subject, sizeof(subject), "Review program digest %s: %d item%s",
             r->today, r->items, r->items == 1 ? "" : "s");
    for (i = 0; status == RP_OK && i < r->wf->people.n; i++) {
        const struct rp_workflow_person *p = &r->wf->people.items[i];
        struct last last = {0, 0, 0};
        struct rp_wf_mail m;

        if (!(p->roles & RP_WORKFLOW_ADMINISTRATOR) || !has_email(p))
            continue;
        status = last_notice(r, "digest", p->id, "", &last);
        if (status != RP_OK || last.today) {
            r->res->repeats += last.today;
            continue;
        }
        memset(&m, 0, sizeof(m));
        m.subject = subject;
        m.body = body->str;
        status = post(r, p, "digest", "", 0, &m);
    }
    g_string_free(body, TRUE);
    return status;
}

/* ---- handing over ---- */

/* Runs the sendmail command with the message on its standard input. */
static int run_sendmail(const char *command, const char *path, char *why,
                        size_t size)
{
    posix_spawn_file_actions_t fa;
    gchar **argv = NULL;
    pid_t pid;
    int rc, wstatus = 0;

    if (!g_shell_parse_argv(command, NULL, &argv, NULL)) {
        snprintf(why, size, "the command cannot be parsed");
        return 0;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, path, O_RDONLY, 0);
    rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    g_strfreev(argv);
    if (rc != 0) {
        snprintf(why, size, "cannot run it: %s", strerror(rc));
        return 0;
    }
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
        return 1;
    if (WIFEXITED(wstatus))
        snprintf(why, size, "it exited with status %d", WEXITSTATUS(wstatus));
    else
        snprintf(why, size, "it was killed by signal %d",
                 WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0);
    return 0;
}

/* Moves a handed-over message to outbox/sent/ and records it sent. */
static enum rp_status mark_sent(struct run *r, int64_t id, const char *name,
                                const char *path)
{
    char *dest = rp_xmalloc(strlen(r->outbox) + strlen(name) + 8);
    struct rp_error e;

    sprintf(dest, "%s/sent", r->outbox);
    rp_error_init(&e);
    /* It was handed over: record that even if the move fails. */
    if (rp_mkdirs(dest, &e) != RP_OK)
        fprintf(stderr, "reportpipe: warning: %s\n", e.message);
    sprintf(dest, "%s/sent/%s", r->outbox, name);
    if (rename(path, dest) != 0)
        fprintf(stderr,
                "reportpipe: warning: %s was sent but cannot move to %s: "
                "%s\n",
                path, dest, strerror(errno));
    free(dest);
    r->res->sent++;
    return rp_wf_exec(r->wf, "recording a sent message", r->a.err,
                      "UPDATE notifications SET state = 'sent', sent_at = ? "
                      "WHERE id = ? AND state = 'outbox'",
                      "II", r->wf->now, id);
}

static enum rp_status hand_over(struct run *r)
{
    const char *command = r->wf->settings.sendmail;
    sqlite3_stmt *st;
    enum rp_status status = RP_OK;
    char why[256] = "", first[600] = "";
    int rc = SQLITE_OK;

    st = rp_wf_prepare(r->wf, "reading the outbox", r->a.err,
                       "SELECT id, file FROM notifications WHERE state = "
                       "'outbox' ORDER BY id",
                       "");
    if (!st)
        return r->a.err->status;
    while (status == RP_OK && rp_wf_next_row(st, &rc)) {
        const char *name = (const char *)sqlite3_column_text(st, 1);
        char *path = rp_xmalloc(strlen(r->outbox) + strlen(name) + 2);

        sprintf(path, "%s/%s", r->outbox, name);
        if (!command[0]) {
            r->res->kept++;
        } else if (access(path, R_OK) != 0) {
            r->res->kept++;
            if (!first[0])
                snprintf(first, sizeof(first), "%s is missing", path);
        } else if (run_sendmail(command, path, why, sizeof(why))) {
            status = mark_sent(r, sqlite3_column_int64(st, 0), name, path);
        } else {
            r->res->kept++;
            if (!first[0])
                snprintf(first, sizeof(first), "%s", why);
        }
        free(path);
    }
    sqlite3_finalize(st);
    if (status == RP_OK && rc != SQLITE_DONE)
        status = rp_wf_db_error(r->wf, rc, "reading the outbox", r->a.err);
    if (status == RP_OK && command[0] && r->res->kept)
        status = rp_error_set(r->a.err, RP_ERR_INTERNAL, r->wf->settings.path,
                              0, "sendmail",
                              "%d message%s could not be handed to '%s' (%s): "
                              "%s stay%s in %s, recorded as not sent; the next "
                              "remind run tries again",
                              r->res->kept, r->res->kept == 1 ? "" : "s",
                              command, first, r->res->kept == 1 ? "it" : "they",
                              r->res->kept == 1 ? "s" : "", r->outbox);
    return status;
}

/* ---- the run ---- */

static enum rp_status audit(struct run *r, const char *detail)
{
    struct rp_audit_record rec = rp_wf_act_record(&r->a, "done");

    rec.detail = detail;
    return rp_wf_audit_append(r->wf, &rec, r->a.err);
}

static enum rp_status sender(struct run *r)
{
    const struct rp_workflow_settings *s = &r->wf->settings;
    size_t i;

    r->from_addr = s->mail_from[0] ? s->mail_from : NULL;
    r->from_name = s->mail_from_name[0] ? s->mail_from_name : NULL;
    for (i = 0; i < r->wf->people.n; i++) {
        const struct rp_workflow_person *p = &r->wf->people.items[i];
        if ((p->roles & RP_WORKFLOW_ADMINISTRATOR) && has_email(p)) {
            if (!r->from_addr)
                r->from_addr = p->email;
            if (!r->from_name)
                r->from_name = p->name;
            break;
        }
    }
    if (!r->from_name)
        r->from_name = "reportpipe";
    if (r->from_addr)
        return RP_OK;
    return rp_wf_refuse(&r->a, RP_ERR_INPUT,
                        "no sender address: give an administrator an e-mail "
                        "address in %s or set <mail from=\"...\"> in "
                        "workflow.xml",
                        r->wf->people.path);
}

static void run_release(struct run *r, int failed)
{
    size_t i;

    for (i = 0; i < r->n_written; i++) {
        /* Nothing recorded: nothing of this run may look sent. */
        if (failed)
            unlink(r->written[i]);
        free(r->written[i]);
    }
    free(r->written);
    for (i = 0; i < r->n_notices; i++) {
        free((char *)r->notices[i].path);
        free((char *)r->notices[i].to);
        free((char *)r->notices[i].subject);
    }
    free(r->notices);
    g_string_free(r->overdue_tasks, TRUE);
    g_string_free(r->unassigned, TRUE);
    g_string_free(r->to_submit, TRUE);
    g_string_free(r->approvals, TRUE);
    g_string_free(r->to_deliver, TRUE);
    g_string_free(r->late_requests, TRUE);
    g_string_free(r->problems, TRUE);
    rp_wf_act_release(&r->a);
}

enum rp_status rp_workflow_remind(
    struct rp_workflow *wf, const char *outbox_dir,
    void (*on_message)(void *ctx, const struct rp_workflow_notice *n),
    void *ctx, struct rp_workflow_remind_result *res, struct rp_error *err)
{
    struct run r;
    enum rp_status status;
    char detail[256];
    int committed = 0;
    size_t i;

    memset(&r, 0, sizeof(r));
    memset(res, 0, sizeof(*res));
    r.wf = wf;
    r.outbox = outbox_dir;
    r.on_message = on_message;
    r.ctx = ctx;
    r.res = res;
    rp_wf_format_day(wf->now, r.today);
    r.overdue_tasks = g_string_new(NULL);
    r.unassigned = g_string_new(NULL);
    r.to_submit = g_string_new(NULL);
    r.approvals = g_string_new(NULL);
    r.to_deliver = g_string_new(NULL);
    r.late_requests = g_string_new(NULL);
    r.problems = g_string_new(NULL);
    rp_wf_act_init(&r.a, wf, "remind", NULL, err);
    status = rp_wf_act_actor(&r.a, RP_WORKFLOW_ADMINISTRATOR, "administrator");
    if (status == RP_OK)
        status = sender(&r);
    if (status == RP_OK)
        status = rp_mkdirs(outbox_dir, err);
    if (status == RP_OK)
        status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = plan_contributions(&r);
    if (status == RP_OK)
        status = plan_approvals(&r);
    if (status == RP_OK)
        status = plan_digests(&r);
    if (status == RP_OK) {
        snprintf(detail, sizeof(detail),
                 "%d message%s written to the outbox, %d already made today",
                 res->written, res->written == 1 ? "" : "s", res->repeats);
        status = audit(&r, detail);
    }
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        rp_wf_rollback(wf);
        goto out;
    }
    committed = 1;
    for (i = 0; on_message && i < r.n_notices; i++)
        on_message(ctx, &r.notices[i]);
    status = hand_over(&r);
out:
    run_release(&r, !committed);
    return status;
}
