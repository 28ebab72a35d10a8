/*
 * One action on a review request (internal.h): who may take which step
 * from which stage, and how every action reads, checks, writes and
 * audits.  An action reads the request, checks the person and the stage,
 * does its slow work (rendering) outside any transaction, then re-checks
 * and writes in one transaction with its audit entry.  A refusal rolls
 * back and is audited on its own.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Every step a person can take, from where to where.  The nightly run's
 * own step ("draft") is here too, so one table says what a stage allows.
 */
static const struct rp_wf_transition transitions[] = {
    {"contribute", RP_WORKFLOW_REQUESTED, RP_WORKFLOW_COLLECTING},
    {"contribute", RP_WORKFLOW_COLLECTING, RP_WORKFLOW_COLLECTING},
    {"contribute", RP_WORKFLOW_DRAFTED, RP_WORKFLOW_DRAFTED},
    {"contribute", RP_WORKFLOW_CHANGES_REQUESTED,
     RP_WORKFLOW_CHANGES_REQUESTED},
    {"contribute", RP_WORKFLOW_IN_REVIEW, RP_WORKFLOW_DRAFTED},
    {"submit", RP_WORKFLOW_REQUESTED, RP_WORKFLOW_IN_REVIEW},
    {"submit", RP_WORKFLOW_COLLECTING, RP_WORKFLOW_IN_REVIEW},
    {"submit", RP_WORKFLOW_DRAFTED, RP_WORKFLOW_IN_REVIEW},
    {"submit", RP_WORKFLOW_CHANGES_REQUESTED, RP_WORKFLOW_IN_REVIEW},
    {"approve", RP_WORKFLOW_IN_REVIEW, RP_WORKFLOW_APPROVED},
    {"reject", RP_WORKFLOW_IN_REVIEW, RP_WORKFLOW_CHANGES_REQUESTED},
    {"deliver", RP_WORKFLOW_APPROVED, RP_WORKFLOW_DELIVERED},
    /* After delivery (delivery.c, feedback.c): the stage stays. */
    {"ship", RP_WORKFLOW_DELIVERED, RP_WORKFLOW_DELIVERED},
    {"feedback", RP_WORKFLOW_DELIVERED, RP_WORKFLOW_DELIVERED},
    {"draft", RP_WORKFLOW_REQUESTED, RP_WORKFLOW_DRAFTED},
    {"draft", RP_WORKFLOW_COLLECTING, RP_WORKFLOW_DRAFTED},
    {"draft", RP_WORKFLOW_IN_REVIEW, RP_WORKFLOW_DRAFTED},
};
#define N_TRANSITIONS (sizeof(transitions) / sizeof(transitions[0]))

const struct rp_wf_transition *rp_wf_find_step(const char *action,
                                               enum rp_workflow_stage from)
{
    size_t i;

    for (i = 0; i < N_TRANSITIONS; i++) {
        if (transitions[i].from == from &&
            strcmp(transitions[i].action, action) == 0)
            return &transitions[i];
    }
    return NULL;
}

/* "submit, contribute" or "none": what people may do from a stage. */
static void steps_from(enum rp_workflow_stage from, char *buf, size_t size)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < N_TRANSITIONS && used < size; i++) {
        if (transitions[i].from != from ||
            strcmp(transitions[i].action, "draft") == 0)
            continue;
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 used ? ", " : "", transitions[i].action);
    }
    if (!buf[0])
        snprintf(buf, size, "none (the request is complete)");
}

void rp_wf_act_init(struct rp_wf_act *a, struct rp_workflow *wf,
                    const char *action, const char *account,
                    struct rp_error *err)
{
    memset(a, 0, sizeof(*a));
    a->wf = wf;
    a->action = action;
    a->account = account;
    a->err = err;
}

void rp_wf_act_release(struct rp_wf_act *a)
{
    free(a->req.account);
    free(a->req.name);
    free(a->req.tier);
    free(a->req.owner);
    free(a->req.country);
    memset(&a->req, 0, sizeof(a->req));
    a->have_req = 0;
}

struct rp_audit_record rp_wf_act_record(const struct rp_wf_act *a,
                                        const char *outcome)
{
    struct rp_audit_record rec;

    memset(&rec, 0, sizeof(rec));
    rec.login = a->wf->login;
    rec.via = a->wf->via;
    rec.person = a->actor ? a->actor->id : NULL;
    rec.on_behalf_of = a->behalf ? a->behalf->id : NULL;
    rec.action = a->action;
    rec.outcome = outcome;
    rec.account = a->account;
    if (a->have_req)
        rec.from_stage = rp_workflow_stage_name(a->req.stage);
    return rec;
}

/* Audits the refusal already in a->err. */
static enum rp_status audit_refusal(struct rp_wf_act *a)
{
    struct rp_audit_record rec = rp_wf_act_record(a, "refused");
    struct rp_error audit_err;
    char detail[1400];

    rp_wf_rollback(a->wf);
    rp_error_format(a->err, detail, sizeof(detail));
    rec.detail = detail;
    rp_error_init(&audit_err);
    if (rp_wf_begin(a->wf, &audit_err) == RP_OK &&
        rp_wf_audit_append(a->wf, &rec, &audit_err) == RP_OK &&
        rp_wf_commit(a->wf, &audit_err) == RP_OK)
        return a->err->status;
    rp_wf_rollback(a->wf);
    /* The refusal stands; say also that it could not be recorded. */
    fprintf(stderr,
            "reportpipe: warning: the refusal could not be recorded in the "
            "audit trail: %s\n",
            audit_err.message);
    return a->err->status;
}

enum rp_status rp_wf_refuse(struct rp_wf_act *a, enum rp_status status,
                            const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    rp_error_set(a->err, status, NULL, 0, NULL, "%s", msg);
    return audit_refusal(a);
}

enum rp_status rp_wf_refuse_cause(struct rp_wf_act *a, const char *what,
                                  const struct rp_error *cause)
{
    rp_error_set(a->err, cause->status, cause->file, cause->line,
                 cause->field[0] ? cause->field : NULL, "%s%s", what,
                 cause->message);
    return audit_refusal(a);
}

enum rp_status rp_wf_failed(struct rp_wf_act *a, enum rp_status status)
{
    rp_wf_rollback(a->wf);
    return status;
}

enum rp_status rp_wf_act_actor(struct rp_wf_act *a, unsigned roles,
                               const char *roles_text)
{
    a->actor = rp_workflow_people_by_login(&a->wf->people, a->wf->login);
    if (!a->actor)
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "the OS login '%s' is not in %s: only the "
                            "program's people may %s",
                            a->wf->login, a->wf->people.path, a->action);
    if (a->actor->roles & roles)
        return RP_OK;
    return rp_wf_refuse(a, RP_ERR_REFUSED,
                        "%s (%s) may not %s: that takes the role %s",
                        a->actor->name, a->actor->id, a->action, roles_text);
}

enum rp_status rp_wf_act_load(struct rp_wf_act *a, int *found)
{
    sqlite3_stmt *st;
    struct rp_wf_request *q = &a->req;
    int rc;

    rp_wf_act_release(a);
    *found = 0;
    st = rp_wf_prepare(a->wf, "reading the request", a->err,
                       "SELECT id, account, year, stage, account_name, tier, "
                       "owner, country FROM requests WHERE account = ? "
                       "ORDER BY year DESC LIMIT 1",
                       "t", a->account);
    if (!st)
        return rp_wf_failed(a, a->err->status);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        q->id = sqlite3_column_int64(st, 0);
        q->account = rp_wf_column_dup(st, 1, "");
        q->year = sqlite3_column_int(st, 2);
        q->stage = rp_wf_stage_parse((const char *)sqlite3_column_text(st, 3));
        q->name = rp_wf_column_dup(st, 4, "");
        q->tier = rp_wf_column_dup(st, 5, "");
        q->owner = rp_wf_column_dup(st, 6, "");
        q->country = rp_wf_column_dup(st, 7, "");
        q->facts = (struct rp_workflow_account){.id = q->account,
                                                .name = q->name,
                                                .tier = q->tier,
                                                .owner = q->owner,
                                                .country = q->country};
        a->have_req = 1;
        *found = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_failed(
            a, rp_wf_db_error(a->wf, rc, "reading the request", a->err));
    return RP_OK;
}

enum rp_status rp_wf_act_step(struct rp_wf_act *a,
                              const struct rp_wf_transition **step)
{
    enum rp_status status;
    char allowed[256];
    int found;

    status = rp_wf_act_load(a, &found);
    if (status != RP_OK)
        return status;
    if (!found)
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "%s has no review request: 'reportpipe request %s "
                            "--meeting DATE' opens one",
                            a->account, a->account);
    *step = rp_wf_find_step(a->action, a->req.stage);
    if (*step)
        return RP_OK;
    steps_from(a->req.stage, allowed, sizeof(allowed));
    return rp_wf_refuse(a, RP_ERR_REFUSED,
                        "cannot %s %s: its %d review is in stage '%s'; from "
                        "there: %s",
                        a->action, a->account, a->req.year,
                        rp_workflow_stage_name(a->req.stage), allowed);
}

enum rp_status rp_wf_act_start(struct rp_wf_act *a, struct rp_workflow *wf,
                               const char *action, const char *account,
                               unsigned roles, const char *roles_text,
                               const struct rp_wf_transition **step,
                               struct rp_error *err)
{
    enum rp_status status;

    rp_wf_act_init(a, wf, action, account, err);
    status = rp_wf_act_actor(a, roles, roles_text);
    if (status == RP_OK)
        status = rp_wf_act_step(a, step);
    return status;
}

enum rp_status rp_wf_act_recheck(struct rp_wf_act *a,
                                 const struct rp_wf_transition **step)
{
    int64_t id = a->req.id;
    enum rp_status status = rp_wf_begin(a->wf, a->err);

    /* Another process may have moved the request meanwhile (a second
     * contribution, say): what counts is whether the action is still
     * allowed from where the request is now. */
    if (status == RP_OK)
        status = rp_wf_act_step(a, step);
    if (status == RP_OK && a->req.id != id)
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "%s's review request was replaced while this %s "
                            "was under way; look again and retry",
                            a->account, a->action);
    return status;
}

enum rp_status rp_wf_act_finish(struct rp_wf_act *a, enum rp_workflow_stage to,
                                const char *document_sha256, const char *detail,
                                struct rp_workflow_result *res)
{
    struct rp_audit_record rec = rp_wf_act_record(a, "done");
    enum rp_status status = RP_OK;

    rec.to_stage = rp_workflow_stage_name(to);
    rec.document_sha256 = document_sha256;
    rec.detail = detail;
    /* A step that stays in its stage keeps the stage's age. */
    if (to != a->req.stage)
        status = rp_wf_exec(a->wf, "changing the stage", a->err,
                            "UPDATE requests SET stage = ?, stage_since = ? "
                            "WHERE id = ?",
                            "tII", rp_workflow_stage_name(to), a->wf->now,
                            a->req.id);
    if (status == RP_OK)
        status = rp_wf_audit_append(a->wf, &rec, a->err);
    if (status == RP_OK)
        status = rp_wf_commit(a->wf, a->err);
    if (status != RP_OK)
        return rp_wf_failed(a, status);
    if (res) {
        res->from = a->req.stage;
        res->to = to;
    }
    return RP_OK;
}
