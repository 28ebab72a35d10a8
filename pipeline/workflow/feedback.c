/*
 * Meeting feedback and its follow-ups in the store (workflow.h): a
 * feedback file is recorded whole, in one transaction with its audit
 * entry, or not at all; a follow-up is closed once, by a known person,
 * audited.  What became of each follow-up is read for the status report
 * and for next year's review.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/file.h"
#include "common/mem.h"

enum rp_status rp_workflow_feedback(struct rp_workflow *wf,
                                    const char *account_id, const char *path,
                                    struct rp_workflow_followup_list *recorded,
                                    struct rp_workflow_result *res,
                                    struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    struct rp_workflow_feedback_doc doc = {0};
    struct rp_error sub;
    struct rp_wf_act a;
    enum rp_status status;
    char hash[RP_SHA256_HEX_SIZE], detail[1024];
    char *body = NULL;
    size_t len = 0, i, cap = 0;
    int64_t feedback_id;

    if (recorded)
        memset(recorded, 0, sizeof(*recorded));
    status = rp_wf_act_start(&a, wf, "feedback", account_id,
                             RP_WORKFLOW_ADMINISTRATOR | RP_WORKFLOW_SALES_REP,
                             "administrator or sales-rep", &step, err);
    if (status != RP_OK)
        goto out;
    rp_error_init(&sub);
    if (rp_file_read_all(path, RP_WORKFLOW_MAX_CONTRIBUTION + 1, &body, &len,
                         &sub) != RP_OK ||
        rp_workflow_feedback_parse(path, body, len, &doc, &sub) != RP_OK) {
        status = rp_wf_refuse_cause(&a, "nothing recorded: ", &sub);
        goto out;
    }
    rp_sha256_hex(body, len, hash);
    status = rp_wf_act_recheck(&a, &step);
    if (status != RP_OK)
        goto out;
    status = rp_wf_exec(wf, "recording the feedback", err,
                        "INSERT INTO feedback (request, body, source, sha256, "
                        "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                        "IttttI", a.req.id, doc.text, path, hash, a.actor->id,
                        wf->now);
    feedback_id = sqlite3_last_insert_rowid(wf->db);
    for (i = 0; status == RP_OK && i < doc.n_followups; i++) {
        const struct rp_workflow_followup_entry *e = &doc.followups[i];
        status = rp_wf_exec(wf, "recording a follow-up", err,
                            "INSERT INTO followups (feedback, request, what, "
                            "owner, due) VALUES (?, ?, ?, ?, ?)",
                            "IIttt", feedback_id, a.req.id, e->what, e->owner,
                            e->due);
        if (status == RP_OK && recorded) {
            struct rp_workflow_followup *f;
            rp_array_grow((void **)&recorded->items, &cap, recorded->n + 1,
                          sizeof(*recorded->items));
            f = &recorded->items[recorded->n++];
            memset(f, 0, sizeof(*f));
            f->id = sqlite3_last_insert_rowid(wf->db);
            f->account = rp_xstrdup(account_id);
            f->account_name = rp_xstrdup(a.req.name);
            f->year = a.req.year;
            f->what = rp_xstrdup(e->what);
            f->owner = rp_xstrdup(e->owner);
            memcpy(f->due, e->due, sizeof(f->due));
        }
    }
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "feedback on the %d meeting recorded from %s (sha256 %s), %zu "
             "follow-up%s",
             a.req.year, path, hash, doc.n_followups,
             doc.n_followups == 1 ? "" : "s");
    status = rp_wf_act_finish(&a, step->to, NULL, detail, res);
    if (status == RP_OK && res)
        res->version = a.req.year;
out:
    if (status != RP_OK && recorded)
        rp_workflow_followup_list_free(recorded);
    rp_workflow_feedback_doc_release(&doc);
    free(body);
    rp_wf_act_release(&a);
    return status;
}

#define FOLLOWUP_COLUMNS                                                       \
    "SELECT f.id, r.account, r.account_name, r.year, f.what, f.owner, "        \
    " f.due, f.done_at, f.done_by FROM followups f "                           \
    "JOIN requests r ON r.id = f.request "

/* Fills f from a row of FOLLOWUP_COLUMNS. */
static void followup_row(struct rp_workflow *wf, sqlite3_stmt *st,
                         struct rp_workflow_followup *f)
{
    const unsigned char *due = sqlite3_column_text(st, 6);
    const struct rp_workflow_person *p;
    char today[11];

    memset(f, 0, sizeof(*f));
    f->id = sqlite3_column_int64(st, 0);
    f->account = rp_wf_column_dup(st, 1, "");
    f->account_name = rp_wf_column_dup(st, 2, "");
    f->year = sqlite3_column_int(st, 3);
    f->what = rp_wf_column_dup(st, 4, "");
    f->owner = rp_wf_column_dup(st, 5, "");
    /* An owner written as a person id reads as people know them. */
    p = rp_workflow_people_by_id(&wf->people, f->owner);
    if (p) {
        free(f->owner);
        f->owner = rp_xstrdup(p->name);
    }
    snprintf(f->due, sizeof(f->due), "%s", due ? (const char *)due : "");
    if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
        rp_wf_format_day(sqlite3_column_int64(st, 7), f->done_on);
        f->done_by = rp_wf_column_dup(st, 8, "");
    }
    /* Due at the end of its day, as a request is. */
    rp_wf_format_day(wf->now, today);
    f->overdue = !f->done_on[0] && strcmp(today, f->due) > 0;
}

enum rp_status rp_workflow_followups(struct rp_workflow *wf,
                                     const char *account_id, int open_only,
                                     struct rp_workflow_followup_list *out,
                                     struct rp_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc = SQLITE_OK;

    memset(out, 0, sizeof(*out));
    st = rp_wf_prepare(wf, "reading the follow-ups", err,
                       FOLLOWUP_COLUMNS "WHERE (?1 IS NULL OR r.account = ?1) "
                                        "AND (?2 = 0 OR f.done_at IS NULL) "
                                        "ORDER BY r.account, f.id",
                       "ti", account_id, open_only);
    if (!st)
        return err->status;
    while (rp_wf_next_row(st, &rc)) {
        rp_array_grow((void **)&out->items, &cap, out->n + 1,
                      sizeof(*out->items));
        followup_row(wf, st, &out->items[out->n++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rp_workflow_followup_list_free(out);
        return rp_wf_db_error(wf, rc, "reading the follow-ups", err);
    }
    return RP_OK;
}

void rp_workflow_followup_list_free(struct rp_workflow_followup_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        free(list->items[i].account);
        free(list->items[i].account_name);
        free(list->items[i].what);
        free(list->items[i].owner);
        free(list->items[i].done_by);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}

/* Follow-up id as stored; *found 0 when there is none. */
static enum rp_status load_followup(struct rp_workflow *wf, int64_t id,
                                    struct rp_workflow_followup *f, int *found,
                                    struct rp_error *err)
{
    sqlite3_stmt *st =
        rp_wf_prepare(wf, "reading the follow-up", err,
                      FOLLOWUP_COLUMNS "WHERE f.id = ?", "I", id);
    int rc;

    *found = 0;
    memset(f, 0, sizeof(*f));
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        followup_row(wf, st, f);
        *found = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE
               ? RP_OK
               : rp_wf_db_error(wf, rc, "reading the follow-up", err);
}

void rp_workflow_followup_release(struct rp_workflow_followup *f)
{
    free(f->account);
    free(f->account_name);
    free(f->what);
    free(f->owner);
    free(f->done_by);
    memset(f, 0, sizeof(*f));
}

enum rp_status rp_workflow_followup_done(struct rp_workflow *wf, int64_t id,
                                         struct rp_workflow_followup *done,
                                         struct rp_error *err)
{
    struct rp_workflow_followup f = {0};
    struct rp_audit_record rec;
    struct rp_wf_act a;
    enum rp_status status;
    char detail[1024], account[160];
    int found = 0;

    rp_wf_act_init(&a, wf, "followup-done", NULL, err);
    status = rp_wf_act_actor(&a, ~0u, "any");
    if (status == RP_OK)
        status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = load_followup(wf, id, &f, &found, err);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    if (!found) {
        status = rp_wf_refuse(&a, RP_ERR_INPUT,
                              "there is no follow-up %lld: `reportpipe "
                              "followup list` shows them",
                              (long long)id);
        goto out;
    }
    snprintf(account, sizeof(account), "%s", f.account);
    a.account = account;
    if (f.done_on[0]) {
        const struct rp_workflow_person *by =
            rp_workflow_people_by_id(&wf->people, f.done_by);
        status = rp_wf_refuse(&a, RP_ERR_REFUSED,
                              "follow-up %lld of %s (%s) was done already, on "
                              "%s by %s",
                              (long long)id, f.account, f.what, f.done_on,
                              by ? by->name : f.done_by);
        goto out;
    }
    status = rp_wf_exec(wf, "closing the follow-up", err,
                        "UPDATE followups SET done_at = ?, done_by = ? WHERE "
                        "id = ? AND done_at IS NULL",
                        "ItI", wf->now, a.actor->id, id);
    snprintf(detail, sizeof(detail),
             "follow-up %lld of the %d meeting done: %s (%s, due %s)",
             (long long)id, f.year, f.what, f.owner, f.due);
    rec = rp_wf_act_record(&a, "done");
    rec.detail = detail;
    if (status == RP_OK)
        status = rp_wf_audit_append(wf, &rec, err);
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    rp_wf_format_day(wf->now, f.done_on);
    f.overdue = 0;
    if (done) {
        *done = f;
        memset(&f, 0, sizeof(f));
    }
out:
    rp_workflow_followup_release(&f);
    rp_wf_act_release(&a);
    return status;
}

enum rp_status
rp_workflow_feedback_latest(struct rp_workflow *wf,
                            struct rp_workflow_feedback_list *out,
                            struct rp_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    int rc = SQLITE_OK;

    memset(out, 0, sizeof(*out));
    /* Per account, the latest review with feedback; its files in order. */
    st = rp_wf_prepare(
        wf, "reading the feedback", err,
        "SELECT r.account, r.year, f.body, f.recorded_by, f.recorded_at "
        "FROM feedback f JOIN requests r ON r.id = f.request "
        "WHERE r.year = (SELECT max(r2.year) FROM requests r2 JOIN feedback "
        " f2 ON f2.request = r2.id WHERE r2.account = r.account) "
        "ORDER BY r.account, f.id",
        "");
    if (!st)
        return err->status;
    while (rp_wf_next_row(st, &rc)) {
        const char *account = (const char *)sqlite3_column_text(st, 0);
        const char *body = (const char *)sqlite3_column_text(st, 2);
        struct rp_workflow_feedback_record *f =
            out->n ? &out->items[out->n - 1] : NULL;
        const struct rp_workflow_person *p;

        if (f && strcmp(f->account, account ? account : "") == 0) {
            /* A second file of the same meeting: its text follows. */
            char *joined = g_strconcat(f->text, "\n\n", body ? body : "", NULL);
            free(f->text);
            f->text = rp_xstrdup(joined);
            g_free(joined);
            f->recorded = sqlite3_column_int64(st, 4);
            continue;
        }
        rp_array_grow((void **)&out->items, &cap, out->n + 1,
                      sizeof(*out->items));
        f = &out->items[out->n++];
        f->account = rp_xstrdup(account ? account : "");
        f->year = sqlite3_column_int(st, 1);
        f->text = rp_xstrdup(body ? body : "");
        f->author = rp_wf_column_dup(st, 3, "");
        f->recorded = sqlite3_column_int64(st, 4);
        p = rp_workflow_people_by_id(&wf->people, f->author);
        if (p) {
            free(f->author);
            f->author = rp_xstrdup(p->name);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rp_workflow_feedback_list_free(out);
        return rp_wf_db_error(wf, rc, "reading the feedback", err);
    }
    return RP_OK;
}

void rp_workflow_feedback_list_free(struct rp_workflow_feedback_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        free(list->items[i].account);
        free(list->items[i].text);
        free(list->items[i].author);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}
