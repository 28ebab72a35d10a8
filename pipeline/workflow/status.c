/*
 * Reading the store (workflow.h): where every request stands and whom it
 * waits on, the stored contributions the merge takes, and what a PDF is.
 * One query each, over indexed columns: status must stay quick with tens
 * of thousands of requests and hundreds of thousands of audit entries,
 * which it never reads.
 */
#include "internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "common/mem.h"

/* Copies a text column into out, cut to fit. */
static void column_copy(sqlite3_stmt *st, int i, char *out, size_t size)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    size_t n = v ? (size_t)sqlite3_column_bytes(st, i) : 0;

    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(out, v, n);
    out[n] = '\0';
}

/*
 * Names of the people with a role, or the approvers of an account, then
 * "(what)".  Built by hand, not printf: status makes one per request.
 */
static char *people_text(const struct rp_workflow *wf, unsigned role,
                         const struct rp_workflow_account *acc,
                         const char *what)
{
    GString *s = g_string_sized_new(64);
    size_t i;

    for (i = 0; i < wf->people.n; i++) {
        const struct rp_workflow_person *p = &wf->people.items[i];
        if (acc ? !rp_workflow_person_approves(p, acc) : !(p->roles & role))
            continue;
        if (s->len)
            g_string_append(s, ", ");
        g_string_append(s, p->name);
    }
    if (!s->len)
        g_string_append(s, acc ? "no designated approver" : "nobody");
    g_string_append(s, " (");
    g_string_append(s, what);
    g_string_append_c(s, ')');
    return g_string_free(s, FALSE);
}

/*
 * Whom a stage waits on, for every stage but in-review (whose approvers
 * depend on the account): the same for every request, so made once.
 */
static void stage_waits_init(const struct rp_workflow *wf,
                             char *waits[RP_WORKFLOW_N_STAGES])
{
    waits[RP_WORKFLOW_REQUESTED] = NULL;
    waits[RP_WORKFLOW_COLLECTING] = NULL;
    waits[RP_WORKFLOW_DRAFTED] =
        people_text(wf, RP_WORKFLOW_ADMINISTRATOR, NULL, "submit");
    waits[RP_WORKFLOW_CHANGES_REQUESTED] =
        rp_xstrdup(waits[RP_WORKFLOW_DRAFTED]);
    waits[RP_WORKFLOW_IN_REVIEW] = NULL;
    waits[RP_WORKFLOW_APPROVED] =
        people_text(wf, RP_WORKFLOW_ADMINISTRATOR, NULL, "deliver");
    waits[RP_WORKFLOW_DELIVERED] = rp_xstrdup("nobody");
}

/*
 * While contributions are collected a request waits on the writers of its
 * open sections (tasks.c): writers is their person ids, one space between,
 * "?" for a section nobody was found for.  Without open sections (none are
 * configured, or all are in but the draft is not) it waits on the account
 * team: its owner first, named.
 */
static char *contributors_text(const struct rp_workflow *wf,
                               const struct rp_workflow_account *acc,
                               const char *writers)
{
    GString *s = g_string_sized_new(64);
    gchar **ids = g_strsplit(writers ? writers : "", " ", -1);
    int nobody = 0;
    size_t i;

    for (i = 0; ids[i]; i++) {
        const struct rp_workflow_person *p;

        if (!ids[i][0])
            continue;
        p = rp_workflow_people_by_id(&wf->people, ids[i]);
        if (!p) {
            nobody = 1;
            continue;
        }
        if (s->len)
            g_string_append(s, ", ");
        g_string_append(s, p->name);
    }
    g_strfreev(ids);
    if (nobody)
        g_string_append(s, s->len ? ", nobody assigned" : "nobody assigned");
    if (!s->len) {
        if (acc->owner && acc->owner[0]) {
            g_string_append(s, acc->owner);
            g_string_append(s, " and ");
        }
        g_string_append(s, "the contributors");
    }
    g_string_append(s, " (contributions)");
    return g_string_free(s, FALSE);
}

static void stage_waits_release(char *waits[RP_WORKFLOW_N_STAGES])
{
    int i;

    for (i = 0; i < RP_WORKFLOW_N_STAGES; i++)
        free(waits[i]);
}

/*
 * Print and shipment, and the contributions still missing, from columns
 * col.. (print jobs, shipped at, tracking, open contribution tasks, the
 * request's print deadline).
 */
static void delivery_facts(const struct rp_workflow *wf, sqlite3_stmt *st,
                           int col, struct rp_workflow_request_info *q,
                           const char *today)
{
    char risk_from[11];

    rp_wf_print_deadline(wf, (const char *)sqlite3_column_text(st, col + 4),
                         q->meeting, q->print_deadline);
    q->printed = sqlite3_column_int(st, col) > 0;
    if (sqlite3_column_type(st, col + 1) != SQLITE_NULL) {
        rp_wf_format_day(sqlite3_column_int64(st, col + 1), q->shipped);
        q->tracking = rp_wf_column_dup(st, col + 2, NULL);
    }
    /* Not shipped, the meeting still ahead, the print deadline near. */
    rp_wf_day_before(q->print_deadline, wf->settings.delivery_risk_days,
                     risk_from);
    q->at_risk = !q->shipped[0] && q->print_deadline[0] &&
                 strcmp(today, q->meeting) <= 0 &&
                 strcmp(today, risk_from) >= 0;
    /* The sections asked of people (tasks.c) and not yet contributed. */
    if (q->stage != RP_WORKFLOW_APPROVED && q->stage != RP_WORKFLOW_DELIVERED)
        q->contributions_missing = sqlite3_column_int(st, col + 3);
}

enum rp_status rp_workflow_status(struct rp_workflow *wf,
                                  const char *account_id,
                                  struct rp_workflow_request_list *out,
                                  struct rp_error *err)
{
    char *waits[RP_WORKFLOW_N_STAGES], today[11];
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!rp_workflow_people_by_login(&wf->people, wf->login))
        return rp_error_set(err, RP_ERR_REFUSED, NULL, 0, NULL,
                            "the OS login '%s' is not in %s: only the "
                            "program's people may see the requests",
                            wf->login, wf->people.path);
    rc = sqlite3_prepare_v2(
        wf->db,
        "SELECT r.account, r.account_name, r.year, r.stage, r.stage_since, "
        " r.meeting, r.due, r.requested_by, r.tier, r.owner, r.country, "
        " d.version, d.pdf_sha256, a.final_sha256, a.final_path, "
        " (SELECT count(*) FROM print_jobs WHERE request = r.id), "
        " s.shipped_at, s.tracking, "
        " (SELECT count(*) FROM tasks WHERE request = r.id AND done_at IS "
        "  NULL), r.print_due, "
        " (SELECT group_concat(w, ' ') FROM (SELECT DISTINCT "
        "  coalesce(person, '?') AS w FROM tasks WHERE request = r.id AND "
        "  done_at IS NULL ORDER BY w)) "
        "FROM requests r "
        "LEFT JOIN drafts d ON d.request = r.id AND d.version = "
        " (SELECT max(version) FROM drafts WHERE request = r.id) "
        "LEFT JOIN approvals a ON a.draft = d.id "
        "LEFT JOIN shipments s ON s.id = "
        " (SELECT max(id) FROM shipments WHERE request = r.id) "
        "WHERE ?1 IS NULL OR r.account = ?1 "
        "ORDER BY r.account, r.year",
        -1, &st, NULL);
    stage_waits_init(wf, waits);
    rp_wf_format_day(wf->now, today);
    if (rc == SQLITE_OK) {
        if (account_id)
            sqlite3_bind_text(st, 1, account_id, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 1);
    }
    while (rp_wf_next_row(st, &rc)) {
        struct rp_workflow_request_info *q;
        struct rp_workflow_account acc;
        char tier[128], owner[256], country[16];

        rp_array_grow((void **)&out->items, &cap, out->n + 1,
                      sizeof(*out->items));
        q = &out->items[out->n++];
        memset(q, 0, sizeof(*q));
        q->account = rp_wf_column_dup(st, 0, NULL);
        q->account_name = rp_wf_column_dup(st, 1, NULL);
        q->year = sqlite3_column_int(st, 2);
        q->stage = rp_wf_stage_parse((const char *)sqlite3_column_text(st, 3));
        q->stage_since = sqlite3_column_int64(st, 4);
        rp_wf_format_day(q->stage_since, q->since);
        column_copy(st, 5, q->meeting, sizeof(q->meeting));
        column_copy(st, 6, q->due, sizeof(q->due));
        q->requested_by = rp_wf_column_dup(st, 7, NULL);
        column_copy(st, 8, tier, sizeof(tier));
        column_copy(st, 9, owner, sizeof(owner));
        column_copy(st, 10, country, sizeof(country));
        q->drafts = sqlite3_column_int(st, 11);
        column_copy(st, 12, q->draft_sha256, sizeof(q->draft_sha256));
        column_copy(st, 13, q->final_sha256, sizeof(q->final_sha256));
        q->final_path = rp_wf_column_dup(st, 14, NULL);
        acc = (struct rp_workflow_account){.id = q->account,
                                           .name = q->account_name,
                                           .tier = tier,
                                           .owner = owner,
                                           .country = country};
        if (q->stage == RP_WORKFLOW_IN_REVIEW)
            q->waits_on = people_text(wf, 0, &acc, "approve");
        else if (q->stage == RP_WORKFLOW_REQUESTED ||
                 q->stage == RP_WORKFLOW_COLLECTING)
            q->waits_on = contributors_text(
                wf, &acc, (const char *)sqlite3_column_text(st, 20));
        else
            q->waits_on = rp_xstrdup(waits[q->stage]);
        /* Due at the end of its day (YYYY-MM-DD compares as text);
         * delivered is never overdue. */
        q->overdue =
            q->stage != RP_WORKFLOW_DELIVERED && strcmp(today, q->due) > 0;
        delivery_facts(wf, st, 15, q, today);
        if (q->stage == RP_WORKFLOW_IN_REVIEW &&
            wf->now - q->stage_since >
                (int64_t)wf->settings.approval_wait_days * 86400)
            q->approval_waiting_days =
                (int)((wf->now - q->stage_since) / 86400);
    }
    sqlite3_finalize(st);
    stage_waits_release(waits);
    if (rc != SQLITE_DONE) {
        rp_workflow_request_list_free(out);
        return rp_wf_db_error(wf, rc, "reading the requests", err);
    }
    return RP_OK;
}

void rp_workflow_request_list_free(struct rp_workflow_request_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        free(list->items[i].account);
        free(list->items[i].account_name);
        free(list->items[i].requested_by);
        free(list->items[i].waits_on);
        free(list->items[i].final_path);
        free(list->items[i].tracking);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

enum rp_status
rp_workflow_contributions(struct rp_workflow *wf,
                          struct rp_workflow_contribution_list *out,
                          struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = sqlite3_prepare_v2(
        wf->db,
        "SELECT r.account, c.section, c.body, c.author, c.submitted_at "
        "FROM contributions c JOIN requests r ON r.id = c.request "
        "WHERE r.year = (SELECT max(year) FROM requests WHERE account = "
        " r.account) "
        "AND c.id = (SELECT max(id) FROM contributions WHERE request = "
        " c.request AND section = c.section) "
        "ORDER BY r.account, c.section",
        -1, &st, NULL);
    while (rp_wf_next_row(st, &rc)) {
        struct rp_workflow_contribution *c;
        const struct rp_workflow_person *p;

        rp_array_grow((void **)&out->items, &cap, out->n + 1,
                      sizeof(*out->items));
        c = &out->items[out->n++];
        c->account = rp_wf_column_dup(st, 0, NULL);
        c->section = rp_wf_column_dup(st, 1, NULL);
        c->text = rp_wf_column_dup(st, 2, NULL);
        c->author = rp_wf_column_dup(st, 3, NULL);
        c->submitted = sqlite3_column_int64(st, 4);
        /* The review names the author as people know them. */
        p = rp_workflow_people_by_id(&wf->people, c->author);
        if (p) {
            free(c->author);
            c->author = rp_xstrdup(p->name);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rp_workflow_contribution_list_free(out);
        return rp_wf_db_error(wf, rc, "reading contributions", err);
    }
    return RP_OK;
}

void rp_workflow_contribution_list_free(
    struct rp_workflow_contribution_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        free(list->items[i].account);
        free(list->items[i].section);
        free(list->items[i].text);
        free(list->items[i].author);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

static void person_text(const struct rp_workflow *wf, const char *id, char *out,
                        size_t size)
{
    const struct rp_workflow_person *p =
        rp_workflow_people_by_id(&wf->people, id);
    if (p)
        snprintf(out, size, "%s (%s)", p->name, id);
    else
        snprintf(out, size, "%s", id ? id : "");
}

enum rp_status rp_workflow_verify_file(struct rp_workflow *wf, const char *path,
                                       struct rp_workflow_verdict *out,
                                       struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    enum rp_status status;
    int rc;

    memset(out, 0, sizeof(*out));
    status = rp_sha256_file(path, out->sha256, err);
    if (status != RP_OK)
        return status;
    rc = sqlite3_prepare_v2(
        wf->db,
        "SELECT r.account, r.year, d.version, a.approver, a.recorded_by, "
        " a.approved_at, a.fingerprint, r.stage = 'delivered' "
        "FROM approvals a JOIN drafts d ON d.id = a.draft "
        "JOIN requests r ON r.id = d.request WHERE a.final_sha256 = ?",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, out->sha256, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        char approver[128], recorder[128];
        time_t at = (time_t)sqlite3_column_int64(st, 5);
        struct tm tm;

        out->approved = 1;
        column_copy(st, 0, out->account, sizeof(out->account));
        out->year = sqlite3_column_int(st, 1);
        out->version = sqlite3_column_int(st, 2);
        column_copy(st, 3, approver, sizeof(approver));
        column_copy(st, 4, recorder, sizeof(recorder));
        person_text(wf, approver, out->approver, sizeof(out->approver));
        if (strcmp(approver, recorder) != 0)
            person_text(wf, recorder, out->recorded_by,
                        sizeof(out->recorded_by));
        gmtime_r(&at, &tm);
        strftime(out->approved_on, sizeof(out->approved_on),
                 "%Y-%m-%d %H:%M UTC", &tm);
        column_copy(st, 6, out->fingerprint, sizeof(out->fingerprint));
        out->delivered = sqlite3_column_int(st, 7);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_DONE && !out->approved) {
        rc = sqlite3_prepare_v2(wf->db,
                                "SELECT r.account, r.year, d.version FROM "
                                "drafts d JOIN requests r ON r.id = "
                                "d.request WHERE d.pdf_sha256 = ?",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, out->sha256, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
        }
        if (rc == SQLITE_ROW) {
            out->draft = 1;
            column_copy(st, 0, out->account, sizeof(out->account));
            out->year = sqlite3_column_int(st, 1);
            out->version = sqlite3_column_int(st, 2);
            rc = SQLITE_DONE;
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "looking up the document", err);
    return RP_OK;
}
