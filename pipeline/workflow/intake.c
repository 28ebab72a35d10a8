/*
 * How a review starts and fills (workflow.h): Sales requests it for the
 * year of the meeting, contributors hand in their sections.  A
 * contribution while a draft is in review withdraws that draft: the
 * content it was approved on would no longer be the content printed.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <glib.h>

#define DAY 86400

static enum rp_status year_taken(struct rp_wf_act *a, int year, int *taken)
{
    sqlite3_stmt *st = rp_wf_prepare(a->wf, "reading requests", a->err,
                                     "SELECT 1 FROM requests WHERE account = "
                                     "? AND year = ?",
                                     "ti", a->account, year);
    int rc;

    if (!st)
        return rp_wf_failed(a, a->err->status);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    *taken = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rp_wf_failed(
            a, rp_wf_db_error(a->wf, rc, "reading requests", a->err));
    return RP_OK;
}

/* Checks who asks and for what; fills the days and the year. */
static enum rp_status check_request(struct rp_wf_act *a,
                                    const struct rp_workflow_account *acc,
                                    int64_t meeting, int64_t *due)
{
    struct rp_workflow *wf = a->wf;
    char meeting_day[11], due_day[11];

    if (!(a->actor->roles & RP_WORKFLOW_ADMINISTRATOR) &&
        (!acc->owner || strcasecmp(acc->owner, a->actor->name) != 0))
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "%s (%s) may request reviews of their own "
                            "accounts only; %s belongs to %s",
                            a->actor->name, a->actor->id, a->account,
                            acc->owner && acc->owner[0] ? acc->owner
                                                        : "nobody");
    if (*due == INT64_MIN)
        *due = meeting - (int64_t)wf->settings.delivery_lead_days * DAY;
    rp_wf_format_day(meeting, meeting_day);
    rp_wf_format_day(*due, due_day);
    if (meeting < wf->now - wf->now % DAY)
        return rp_wf_refuse(a, RP_ERR_INPUT,
                            "the meeting date %s is in the past", meeting_day);
    if (*due > meeting)
        return rp_wf_refuse(a, RP_ERR_INPUT,
                            "the due date %s is after the meeting on %s",
                            due_day, meeting_day);
    return RP_OK;
}

enum rp_status rp_workflow_request(struct rp_workflow *wf,
                                   const struct rp_workflow_renderer *r,
                                   const char *account_id, int64_t meeting,
                                   int64_t due, struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    struct rp_workflow_account acc;
    struct rp_audit_record rec;
    struct rp_error lookup;
    struct rp_wf_act a;
    enum rp_status status;
    char meeting_day[11], due_day[11], detail[512];
    int taken = 0, year;
    time_t t = (time_t)meeting;
    struct tm tm;

    rp_wf_act_init(&a, wf, "request", account_id, err);
    status =
        rp_wf_act_actor(&a, RP_WORKFLOW_SALES_REP | RP_WORKFLOW_ADMINISTRATOR,
                        "sales-rep or administrator");
    if (status != RP_OK)
        goto out;
    rp_error_init(&lookup);
    if (r->account(r->ctx, account_id, &acc, &lookup) != RP_OK) {
        status = rp_wf_refuse_cause(&a, "", &lookup);
        goto out;
    }
    status = check_request(&a, &acc, meeting, &due);
    if (status != RP_OK)
        goto out;
    rp_wf_format_day(meeting, meeting_day);
    rp_wf_format_day(due, due_day);
    gmtime_r(&t, &tm);
    year = tm.tm_year + 1900;
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = year_taken(&a, year, &taken);
    if (status != RP_OK)
        goto out;
    if (taken) {
        status = rp_wf_refuse(&a, RP_ERR_REFUSED,
                              "%s already has a review request for %d: one "
                              "request per account and year ('reportpipe "
                              "status %s' shows it)",
                              account_id, year, account_id);
        goto out;
    }
    status = rp_wf_exec(
        wf, "recording the request", err,
        "INSERT INTO requests (account, year, stage, stage_since, meeting, "
        "due, requested_by, requested_at, account_name, tier, owner, country) "
        "VALUES (?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "tiItttItttt", acc.id, year, wf->now, meeting_day, due_day, a.actor->id,
        wf->now, acc.name ? acc.name : "", acc.tier ? acc.tier : "",
        acc.owner ? acc.owner : "", acc.country ? acc.country : "");
    if (status == RP_OK)
        status = rp_wf_tasks_create(&a, &acc, sqlite3_last_insert_rowid(wf->db),
                                    meeting);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "review %d of %s requested: meeting %s, due %s", year,
             acc.name ? acc.name : account_id, meeting_day, due_day);
    rec = rp_wf_act_record(&a, "done");
    rec.to_stage = rp_workflow_stage_name(RP_WORKFLOW_REQUESTED);
    rec.detail = detail;
    status = rp_wf_audit_append(wf, &rec, err);
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    if (res) {
        res->from = res->to = RP_WORKFLOW_REQUESTED;
        res->version = year;
        snprintf(res->due, sizeof(res->due), "%s", due_day);
    }
out:
    rp_wf_act_release(&a);
    return status;
}

static int known_section(const struct rp_workflow *wf, const char *section)
{
    size_t i;

    for (i = 0; wf->sections && wf->sections[i]; i++) {
        if (strcmp(wf->sections[i], section) == 0)
            return 1;
    }
    return 0;
}

static enum rp_status check_contribution(struct rp_wf_act *a,
                                         const char *section, const char *text,
                                         size_t len, const char *source)
{
    const char *end;
    char names[256];
    size_t i, used = 0;

    if (!known_section(a->wf, section)) {
        names[0] = '\0';
        for (i = 0;
             a->wf->sections && a->wf->sections[i] && used < sizeof(names); i++)
            used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s",
                                     i ? ", " : "", a->wf->sections[i]);
        return rp_wf_refuse(a, RP_ERR_INPUT,
                            "'%s' is not a section of the review: expected %s",
                            section, names);
    }
    if (len > RP_WORKFLOW_MAX_CONTRIBUTION)
        return rp_wf_refuse(a, RP_ERR_INPUT,
                            "%s: a contribution may hold at most %zu bytes",
                            source, RP_WORKFLOW_MAX_CONTRIBUTION);
    if (memchr(text, '\0', len))
        return rp_wf_refuse(a, RP_ERR_INPUT,
                            "%s: the file holds a NUL byte: expected UTF-8 "
                            "text",
                            source);
    if (!g_utf8_validate(text, (gssize)len, &end))
        return rp_wf_refuse(a, RP_ERR_INPUT,
                            "%s: byte %zu is not UTF-8: save the text as UTF-8",
                            source, (size_t)(end - text) + 1);
    for (i = 0; i < len; i++) {
        if (!g_ascii_isspace(text[i]))
            return RP_OK;
    }
    return rp_wf_refuse(a, RP_ERR_INPUT, "%s: the %s text is empty", source,
                        section);
}

enum rp_status rp_workflow_contribute(struct rp_workflow *wf,
                                      const char *account_id,
                                      const char *section, const char *text,
                                      size_t len, const char *source_name,
                                      struct rp_workflow_result *res,
                                      struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    struct rp_wf_act a;
    enum rp_status status;
    char hash[RP_SHA256_HEX_SIZE], detail[512];

    rp_wf_act_init(&a, wf, "contribute", account_id, err);
    status = rp_wf_act_actor(&a,
                             RP_WORKFLOW_CONTRIBUTOR | RP_WORKFLOW_SALES_REP |
                                 RP_WORKFLOW_ADMINISTRATOR,
                             "contributor, sales-rep or administrator");
    if (status == RP_OK)
        status = check_contribution(&a, section, text, len, source_name);
    if (status == RP_OK)
        status = rp_wf_act_step(&a, &step);
    if (status == RP_OK)
        status = rp_wf_act_recheck(&a, &step);
    if (status != RP_OK)
        goto out;
    rp_sha256_hex(text, len, hash);
    status = rp_wf_exec(wf, "storing the contribution", err,
                        "INSERT INTO contributions (request, section, body, "
                        "sha256, author, submitted_at) VALUES (?, ?, ?, ?, "
                        "?, ?)",
                        "ItTttI", a.req.id, section, text, len, hash,
                        a.actor->id, wf->now);
    if (status == RP_OK)
        status = rp_wf_tasks_complete(&a, section);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "%s of the %d review (%zu bytes) from %s%s", section, a.req.year,
             len, source_name,
             a.req.stage == RP_WORKFLOW_IN_REVIEW
                 ? "; the content changed while in review, so the draft "
                   "under review is withdrawn"
                 : "");
    status = rp_wf_act_finish(&a, step->to, hash, detail, res);
out:
    rp_wf_act_release(&a);
    return status;
}
