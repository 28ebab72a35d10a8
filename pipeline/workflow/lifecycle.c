/*
 * The lifecycle of a review request (workflow.h): who may take which step
 * from which stage, and what each step records.  Every action reads the
 * request, checks the person and the stage, does its slow work (rendering)
 * outside any transaction, then re-checks and writes in one transaction
 * with its audit entry.  A refusal rolls back and is audited on its own.
 */
#include "internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "common/file.h"
#include "common/mem.h"

#define DAY 86400
/* Delivery is due this long before the meeting unless --due says. */
#define DEFAULT_DUE_DAYS 7
#define MAX_CONTRIBUTION_BYTES ((size_t)256 << 10)
#define MAX_EVIDENCE_BYTES ((size_t)16 << 20)

/*
 * Every step a person can take, from where to where.  The nightly run's
 * own step ("draft") is here too, so one table says what a stage allows.
 */
static const struct transition {
    const char *action;
    enum rp_workflow_stage from, to;
} transitions[] = {
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
    {"draft", RP_WORKFLOW_REQUESTED, RP_WORKFLOW_DRAFTED},
    {"draft", RP_WORKFLOW_COLLECTING, RP_WORKFLOW_DRAFTED},
    {"draft", RP_WORKFLOW_IN_REVIEW, RP_WORKFLOW_DRAFTED},
};
#define N_TRANSITIONS (sizeof(transitions) / sizeof(transitions[0]))

static const struct transition *find_step(const char *action,
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
    for (i = 0; i < N_TRANSITIONS; i++) {
        if (transitions[i].from != from ||
            strcmp(transitions[i].action, "draft") == 0)
            continue;
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 used ? ", " : "", transitions[i].action);
        if (used >= size)
            break;
    }
    if (!buf[0])
        snprintf(buf, size, "none (the request is complete)");
}

static void format_day(int64_t t, char out[11])
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- one action ---- */

struct request_row {
    int64_t id;
    char *account;
    int year;
    enum rp_workflow_stage stage;
    struct rp_workflow_account facts;
    char *name, *tier, *owner, *country;
};

struct act {
    struct rp_workflow *wf;
    const char *action;
    const char *account;
    const struct rp_workflow_person *actor;
    const struct rp_workflow_person *behalf;
    struct request_row req;
    int have_req;
    struct rp_error *err;
};

static void act_init(struct act *a, struct rp_workflow *wf, const char *action,
                     const char *account, struct rp_error *err)
{
    memset(a, 0, sizeof(*a));
    a->wf = wf;
    a->action = action;
    a->account = account;
    a->err = err;
}

static void act_release(struct act *a)
{
    free(a->req.account);
    free(a->req.name);
    free(a->req.tier);
    free(a->req.owner);
    free(a->req.country);
    memset(&a->req, 0, sizeof(a->req));
    a->have_req = 0;
}

static struct rp_audit_record act_record(const struct act *a,
                                         const char *outcome)
{
    struct rp_audit_record rec;

    memset(&rec, 0, sizeof(rec));
    rec.login = a->wf->login;
    rec.person = a->actor ? a->actor->id : NULL;
    rec.on_behalf_of = a->behalf ? a->behalf->id : NULL;
    rec.action = a->action;
    rec.outcome = outcome;
    rec.account = a->account;
    if (a->have_req)
        rec.from_stage = rp_workflow_stage_name(a->req.stage);
    return rec;
}

/*
 * Refuses the action: the message goes to err with status (RP_ERR_REFUSED
 * for who and when, RP_ERR_INPUT for what was given), any open
 * transaction is rolled back, and the refusal is audited in a transaction
 * of its own.  Failing to audit is reported in place of the refusal only
 * when the store itself failed.
 */
static enum rp_status refuse(struct act *a, enum rp_status status,
                             const char *fmt, ...) RP_PRINTF(3, 4);
static enum rp_status refuse(struct act *a, enum rp_status status,
                             const char *fmt, ...)
{
    struct rp_audit_record rec = act_record(a, "refused");
    struct rp_error audit_err;
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    rp_error_set(a->err, status, NULL, 0, NULL, "%s", msg);
    rp_wf_rollback(a->wf);
    rec.detail = msg;
    rp_error_init(&audit_err);
    if (rp_wf_begin(a->wf, &audit_err) == RP_OK &&
        rp_wf_audit_append(a->wf, &rec, &audit_err) == RP_OK &&
        rp_wf_commit(a->wf, &audit_err) == RP_OK)
        return status;
    rp_wf_rollback(a->wf);
    /* The refusal stands; say also that it could not be recorded. */
    fprintf(stderr,
            "reportpipe: warning: the refusal could not be "
            "recorded in the audit trail: %s\n",
            audit_err.message);
    return status;
}

/* Fails with the store's error: rolled back, not a refusal. */
static enum rp_status failed(struct act *a, enum rp_status status)
{
    rp_wf_rollback(a->wf);
    return status;
}

static enum rp_status find_actor(struct act *a)
{
    a->actor = rp_workflow_people_by_login(&a->wf->people, a->wf->login);
    if (!a->actor)
        return refuse(a, RP_ERR_REFUSED,
                      "the OS login '%s' is not in %s: only the program's "
                      "people may %s",
                      a->wf->login, a->wf->people.path, a->action);
    return RP_OK;
}

static enum rp_status need_role(struct act *a, unsigned roles,
                                const char *roles_text)
{
    if (a->actor->roles & roles)
        return RP_OK;
    return refuse(a, RP_ERR_REFUSED,
                  "%s (%s) may not %s: that takes the role %s", a->actor->name,
                  a->actor->id, a->action, roles_text);
}

/* The account's latest request (by year); *found 0 when it has none. */
static enum rp_status load_request(struct act *a, int *found)
{
    sqlite3_stmt *st = NULL;
    int rc;

    act_release(a);
    *found = 0;
    rc = sqlite3_prepare_v2(a->wf->db,
                            "SELECT id, account, year, stage, account_name, "
                            "tier, owner, country FROM requests WHERE "
                            "account = ? ORDER BY year DESC LIMIT 1",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, a->account, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        a->req.id = sqlite3_column_int64(st, 0);
        a->req.account = rp_wf_column_dup(st, 1, "");
        a->req.year = sqlite3_column_int(st, 2);
        a->req.stage =
            rp_wf_stage_parse((const char *)sqlite3_column_text(st, 3));
        a->req.name = rp_wf_column_dup(st, 4, "");
        a->req.tier = rp_wf_column_dup(st, 5, "");
        a->req.owner = rp_wf_column_dup(st, 6, "");
        a->req.country = rp_wf_column_dup(st, 7, "");
        a->req.facts = (struct rp_workflow_account){a->req.account, a->req.name,
                                                    a->req.tier, a->req.owner,
                                                    a->req.country};
        a->have_req = 1;
        *found = 1;
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return failed(a,
                      rp_wf_db_error(a->wf, rc, "reading the request", a->err));
    return RP_OK;
}

/* Loads the request and checks that the action may be taken from its
 * stage; *step is the transition. */
static enum rp_status load_step(struct act *a, const struct transition **step)
{
    enum rp_status status;
    char allowed[256];
    int found;

    status = load_request(a, &found);
    if (status != RP_OK)
        return status;
    if (!found)
        return refuse(a, RP_ERR_REFUSED,
                      "%s has no review request: 'reportpipe request %s "
                      "--meeting DATE' opens one",
                      a->account, a->account);
    *step = find_step(a->action, a->req.stage);
    if (!*step) {
        steps_from(a->req.stage, allowed, sizeof(allowed));
        return refuse(a, RP_ERR_REFUSED,
                      "cannot %s %s: its %d review is in stage '%s'; from "
                      "there: %s",
                      a->action, a->account, a->req.year,
                      rp_workflow_stage_name(a->req.stage), allowed);
    }
    return RP_OK;
}

/* Runs a prepared statement to completion. */
static enum rp_status step_done(struct act *a, sqlite3_stmt *st, int rc,
                                const char *what)
{
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(a->wf, rc, what, a->err);
    return RP_OK;
}

static enum rp_status set_stage(struct act *a, enum rp_workflow_stage to)
{
    sqlite3_stmt *st = NULL;
    int rc;

    /* A step that stays in its stage keeps the stage's age. */
    if (to == a->req.stage)
        return RP_OK;
    rc = sqlite3_prepare_v2(a->wf->db,
                            "UPDATE requests SET stage = ?, stage_since = ? "
                            "WHERE id = ?",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, rp_workflow_stage_name(to), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, a->wf->now);
        sqlite3_bind_int64(st, 3, a->req.id);
    }
    return step_done(a, st, rc, "changing the stage");
}

/*
 * Writes the step's audit entry and commits.  The caller has begun the
 * transaction and re-checked the stage inside it.
 */
static enum rp_status finish(struct act *a, enum rp_workflow_stage to,
                             const char *document_sha256, const char *detail,
                             struct rp_workflow_result *res)
{
    struct rp_audit_record rec = act_record(a, "done");
    enum rp_status status;

    rec.to_stage = rp_workflow_stage_name(to);
    rec.document_sha256 = document_sha256;
    rec.detail = detail;
    status = set_stage(a, to);
    if (status == RP_OK)
        status = rp_wf_audit_append(a->wf, &rec, a->err);
    if (status == RP_OK)
        status = rp_wf_commit(a->wf, a->err);
    if (status != RP_OK)
        return failed(a, status);
    if (res) {
        res->from = a->req.stage;
        res->to = to;
    }
    return RP_OK;
}

/* Begins the write and checks nobody moved the request meanwhile. */
static enum rp_status begin_recheck(struct act *a,
                                    const struct transition **step)
{
    int64_t id = a->req.id;
    enum rp_workflow_stage was = a->req.stage;
    enum rp_status status = rp_wf_begin(a->wf, a->err);

    if (status != RP_OK)
        return status;
    status = load_step(a, step);
    if (status != RP_OK)
        return status;
    if (a->req.id != id || a->req.stage != was)
        return refuse(a, RP_ERR_REFUSED,
                      "%s's request changed while this %s was under way "
                      "(now in stage '%s'); look again and retry",
                      a->account, a->action,
                      rp_workflow_stage_name(a->req.stage));
    return RP_OK;
}

/* ---- request ---- */

static enum rp_status insert_request(struct act *a,
                                     const struct rp_workflow_account *acc,
                                     int year, const char *meeting,
                                     const char *due)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        a->wf->db,
        "INSERT INTO requests (account, year, stage, stage_since, meeting, "
        "due, requested_by, requested_at, account_name, tier, owner, country) "
        "VALUES (?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        -1, &st, NULL);

    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, acc->id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, year);
        sqlite3_bind_int64(st, 3, a->wf->now);
        sqlite3_bind_text(st, 4, meeting, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, due, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, a->actor->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 7, a->wf->now);
        sqlite3_bind_text(st, 8, acc->name ? acc->name : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 9, acc->tier ? acc->tier : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 10, acc->owner ? acc->owner : "", -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(st, 11, acc->country ? acc->country : "", -1,
                          SQLITE_STATIC);
    }
    return step_done(a, st, rc, "recording the request");
}

static enum rp_status year_taken(struct act *a, int year, int *taken)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(a->wf->db,
                                "SELECT stage FROM requests WHERE account = ? "
                                "AND year = ?",
                                -1, &st, NULL);
    *taken = 0;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, a->account, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, year);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *taken = 1;
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return failed(a, rp_wf_db_error(a->wf, rc, "reading requests", a->err));
    return RP_OK;
}

enum rp_status rp_workflow_request(struct rp_workflow *wf,
                                   const struct rp_workflow_renderer *r,
                                   const char *account_id, int64_t meeting,
                                   int64_t due, struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    struct rp_workflow_account acc;
    struct rp_error lookup;
    struct act a;
    enum rp_status status;
    char meeting_day[11], due_day[11], detail[256];
    int taken, year;
    struct tm tm;
    time_t t = (time_t)meeting;

    act_init(&a, wf, "request", account_id, err);
    status = find_actor(&a);
    if (status == RP_OK)
        status =
            need_role(&a, RP_WORKFLOW_SALES_REP | RP_WORKFLOW_ADMINISTRATOR,
                      "sales-rep or administrator");
    if (status != RP_OK)
        goto out;
    rp_error_init(&lookup);
    if (r->account(r->ctx, account_id, &acc, &lookup) != RP_OK) {
        status = refuse(
            &a, lookup.status == RP_ERR_INPUT ? RP_ERR_INPUT : lookup.status,
            "%s", lookup.message);
        goto out;
    }
    if (!(a.actor->roles & RP_WORKFLOW_ADMINISTRATOR) &&
        (!acc.owner || strcasecmp(acc.owner, a.actor->name) != 0)) {
        status = refuse(&a, RP_ERR_REFUSED,
                        "%s (%s) may request reviews of their own accounts "
                        "only; %s belongs to %s",
                        a.actor->name, a.actor->id, account_id,
                        acc.owner && acc.owner[0] ? acc.owner : "nobody");
        goto out;
    }
    if (due == INT64_MIN)
        due = meeting - DEFAULT_DUE_DAYS * DAY;
    format_day(meeting, meeting_day);
    format_day(due, due_day);
    if (meeting < wf->now - wf->now % DAY) {
        status = refuse(&a, RP_ERR_INPUT, "the meeting date %s is in the past",
                        meeting_day);
        goto out;
    }
    if (due > meeting) {
        status = refuse(&a, RP_ERR_INPUT,
                        "the due date %s is after the meeting on %s", due_day,
                        meeting_day);
        goto out;
    }
    gmtime_r(&t, &tm);
    year = tm.tm_year + 1900;
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = year_taken(&a, year, &taken);
    if (status != RP_OK)
        goto out;
    if (taken) {
        status = refuse(&a, RP_ERR_REFUSED,
                        "%s already has a review request for %d: one "
                        "request per account and year ('reportpipe status "
                        "%s' shows it)",
                        account_id, year, account_id);
        goto out;
    }
    status = insert_request(&a, &acc, year, meeting_day, due_day);
    if (status != RP_OK) {
        status = failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "review %d of %s requested: meeting %s, due %s", year,
             acc.name ? acc.name : account_id, meeting_day, due_day);
    {
        struct rp_audit_record rec = act_record(&a, "done");
        rec.to_stage = rp_workflow_stage_name(RP_WORKFLOW_REQUESTED);
        rec.detail = detail;
        status = rp_wf_audit_append(wf, &rec, err);
    }
    if (status == RP_OK)
        status = rp_wf_commit(wf, err);
    if (status != RP_OK) {
        status = failed(&a, status);
        goto out;
    }
    if (res) {
        res->from = res->to = RP_WORKFLOW_REQUESTED;
        res->version = year;
    }
out:
    act_release(&a);
    return status;
}

/* ---- contribute ---- */

static int known_section(const struct rp_workflow *wf, const char *section)
{
    size_t i;

    for (i = 0; wf->sections && wf->sections[i]; i++) {
        if (strcmp(wf->sections[i], section) == 0)
            return 1;
    }
    return 0;
}

static void sections_text(const struct rp_workflow *wf, char *buf, size_t size)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; wf->sections && wf->sections[i] && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
                                 wf->sections[i]);
}

static enum rp_status check_text(struct act *a, const char *section,
                                 const char *text, size_t len,
                                 const char *source)
{
    const char *end;
    size_t i;

    if (len > MAX_CONTRIBUTION_BYTES)
        return refuse(a, RP_ERR_INPUT,
                      "%s: a contribution may hold at most %zu bytes", source,
                      MAX_CONTRIBUTION_BYTES);
    if (memchr(text, '\0', len))
        return refuse(a, RP_ERR_INPUT,
                      "%s: the file holds a NUL byte: expected UTF-8 text",
                      source);
    if (!g_utf8_validate(text, (gssize)len, &end))
        return refuse(a, RP_ERR_INPUT,
                      "%s: byte %zu is not UTF-8: save the text as UTF-8",
                      source, (size_t)(end - text) + 1);
    for (i = 0; i < len; i++) {
        if (!g_ascii_isspace(text[i]))
            return RP_OK;
    }
    return refuse(a, RP_ERR_INPUT, "%s: the %s text is empty", source, section);
}

enum rp_status rp_workflow_contribute(struct rp_workflow *wf,
                                      const char *account_id,
                                      const char *section, const char *text,
                                      size_t len, const char *source_name,
                                      struct rp_workflow_result *res,
                                      struct rp_error *err)
{
    const struct transition *step = NULL;
    sqlite3_stmt *st = NULL;
    struct act a;
    enum rp_status status;
    char hash[RP_SHA256_HEX_SIZE], detail[512], names[256];
    int rc;

    act_init(&a, wf, "contribute", account_id, err);
    status = find_actor(&a);
    if (status == RP_OK)
        status = need_role(&a,
                           RP_WORKFLOW_CONTRIBUTOR | RP_WORKFLOW_SALES_REP |
                               RP_WORKFLOW_ADMINISTRATOR,
                           "contributor, sales-rep or administrator");
    if (status != RP_OK)
        goto out;
    if (!known_section(wf, section)) {
        sections_text(wf, names, sizeof(names));
        status = refuse(&a, RP_ERR_INPUT,
                        "'%s' is not a section of the review: expected %s",
                        section, names);
        goto out;
    }
    status = check_text(&a, section, text, len, source_name);
    if (status == RP_OK)
        status = load_step(&a, &step);
    if (status == RP_OK)
        status = begin_recheck(&a, &step);
    if (status != RP_OK)
        goto out;
    rp_sha256_hex(text, len, hash);
    rc = sqlite3_prepare_v2(wf->db,
                            "INSERT INTO contributions (request, section, "
                            "body, sha256, author, submitted_at) VALUES (?, "
                            "?, ?, ?, ?, ?)",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, a.req.id);
        sqlite3_bind_text(st, 2, section, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, text, (int)len, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, a.actor->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, wf->now);
    }
    status = step_done(&a, st, rc, "storing the contribution");
    if (status != RP_OK) {
        status = failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "%s of the %d review (%zu bytes) from %s%s", section, a.req.year,
             len, source_name,
             a.req.stage == RP_WORKFLOW_IN_REVIEW
                 ? "; the content changed while in review, so the draft "
                   "under review is withdrawn"
                 : "");
    status = finish(&a, step->to, hash, detail, res);
out:
    act_release(&a);
    return status;
}

/* ---- drafts and finals ---- */

/* A path for bytes that become `path` only once the store agrees. */
static char *pending_path(const char *path)
{
    size_t n = strlen(path) + 40;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s.pending.%ld", path, (long)getpid());
    return p;
}

/* OUTPUT/<kind>/<account>/<year>-v<N><suffix>.pdf, its folder made. */
static enum rp_status document_path(struct act *a, const char *kind,
                                    int version, const char *suffix, char **out)
{
    size_t n = strlen(a->wf->output_dir) + strlen(a->account) + 64;
    char *p = rp_xmalloc(n);
    enum rp_status status;

    snprintf(p, n, "%s/%s/%s", a->wf->output_dir, kind, a->account);
    status = rp_mkdirs(p, a->err);
    if (status != RP_OK) {
        free(p);
        return failed(a, status);
    }
    snprintf(p, n, "%s/%s/%s/%d-v%d%s.pdf", a->wf->output_dir, kind, a->account,
             a->req.year, version, suffix);
    *out = p;
    return RP_OK;
}

static enum rp_status next_version(struct act *a, int *version)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(a->wf->db,
                                "SELECT coalesce(max(version), 0) FROM drafts "
                                "WHERE request = ?",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, a->req.id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int(st, 0) + 1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return failed(a, rp_wf_db_error(a->wf, rc, "reading drafts", a->err));
    return RP_OK;
}

/* Moves the rendered bytes into place once the store has recorded them. */
static enum rp_status publish(struct act *a, const char *pending,
                              const char *path, mode_t mode)
{
    if (rename(pending, path) != 0 || chmod(path, mode) != 0)
        return rp_error_set(a->err, RP_ERR_INTERNAL, path, 0, NULL,
                            "recorded in the store, but the file could not "
                            "be put in place: %s",
                            strerror(errno));
    return RP_OK;
}

enum rp_status rp_workflow_submit(struct rp_workflow *wf,
                                  const struct rp_workflow_renderer *r,
                                  const char *account_id,
                                  struct rp_workflow_result *res,
                                  struct rp_error *err)
{
    const struct transition *step = NULL;
    struct rp_workflow_account acc;
    struct rp_workflow_mark mark = {NULL, NULL, NULL, wf->now};
    struct rp_error sub;
    sqlite3_stmt *st = NULL;
    struct act a;
    enum rp_status status;
    char data_hash[RP_SHA256_HEX_SIZE], template_version[RP_SHA256_HEX_SIZE];
    char pdf_hash[RP_SHA256_HEX_SIZE], detail[1024];
    char *xml = NULL, *path = NULL, *pending = NULL;
    size_t len = 0;
    int version = 0, rc;

    act_init(&a, wf, "submit", account_id, err);
    status = find_actor(&a);
    if (status == RP_OK)
        status = need_role(&a, RP_WORKFLOW_ADMINISTRATOR, "administrator");
    if (status == RP_OK)
        status = load_step(&a, &step);
    if (status != RP_OK)
        goto out;
    rp_error_init(&sub);
    if (!rp_safe_file_name(account_id)) {
        status = refuse(&a, RP_ERR_INPUT, "account id '%s' cannot name a file",
                        account_id);
        goto out;
    }
    if (r->account(r->ctx, account_id, &acc, &sub) != RP_OK ||
        r->snapshot(r->ctx, account_id, &xml, &len, data_hash, template_version,
                    &sub) != RP_OK) {
        status = refuse(&a, sub.status, "the draft was not made: %s%s%s",
                        sub.file[0] ? sub.file : "", sub.file[0] ? ": " : "",
                        sub.message);
        goto out;
    }
    status = next_version(&a, &version);
    if (status != RP_OK)
        goto out;
    status = document_path(&a, "drafts", version, "-draft", &path);
    if (status != RP_OK)
        goto out;
    pending = pending_path(path);
    if (r->render(r->ctx, xml, len, &mark, pending, &sub) != RP_OK ||
        rp_sha256_file(pending, pdf_hash, &sub) != RP_OK) {
        status = refuse(&a, sub.status, "the draft was not rendered: %s%s%s",
                        sub.file[0] ? sub.file : "", sub.file[0] ? ": " : "",
                        sub.message);
        goto out;
    }
    status = begin_recheck(&a, &step);
    if (status != RP_OK)
        goto out;
    rc = sqlite3_prepare_v2(
        wf->db,
        "INSERT INTO drafts (request, version, pdf_path, pdf_sha256, "
        "data_sha256, template_version, snapshot, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, a.req.id);
        sqlite3_bind_int(st, 2, version);
        sqlite3_bind_text(st, 3, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, pdf_hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, data_hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, template_version, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 7, xml, len, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, a.actor->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 9, wf->now);
    }
    status = step_done(&a, st, rc, "recording the draft");
    if (status == RP_OK) {
        rc = sqlite3_prepare_v2(wf->db,
                                "UPDATE requests SET account_name = ?, tier = "
                                "?, owner = ?, country = ? WHERE id = ?",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, acc.name ? acc.name : "", -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(st, 2, acc.tier ? acc.tier : "", -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(st, 3, acc.owner ? acc.owner : "", -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(st, 4, acc.country ? acc.country : "", -1,
                              SQLITE_STATIC);
            sqlite3_bind_int64(st, 5, a.req.id);
        }
        status = step_done(&a, st, rc, "recording the account");
    }
    if (status != RP_OK) {
        status = failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "draft v%d of the %d review: %s (data sha256 %.12s, template "
             "%.12s)",
             version, a.req.year, path, data_hash, template_version);
    status = finish(&a, step->to, pdf_hash, detail, res);
    if (status == RP_OK)
        status = publish(&a, pending, path, 0644);
    if (status == RP_OK && res) {
        res->version = version;
        snprintf(res->path, sizeof(res->path), "%s", path);
        snprintf(res->sha256, sizeof(res->sha256), "%s", pdf_hash);
    }
out:
    if (pending)
        unlink(pending);
    free(pending);
    free(path);
    free(xml);
    act_release(&a);
    return status;
}

/* The approver acting, or the one an administrator acts for. */
static enum rp_status find_approver(struct act *a,
                                    const struct rp_workflow_behalf *behalf,
                                    const struct rp_workflow_person **who)
{
    enum rp_status status = find_actor(a);

    if (status != RP_OK)
        return status;
    *who = a->actor;
    if (behalf && behalf->person) {
        a->behalf = rp_workflow_people_by_id(&a->wf->people, behalf->person);
        status = need_role(a, RP_WORKFLOW_ADMINISTRATOR,
                           "administrator "
                           "(to act on behalf "
                           "of an approver)");
        if (status != RP_OK)
            return status;
        if (!a->behalf)
            return refuse(a, RP_ERR_REFUSED,
                          "--on-behalf-of '%s': no such person in %s",
                          behalf->person, a->wf->people.path);
        if (!behalf->evidence_path)
            return refuse(a, RP_ERR_REFUSED,
                          "a decision recorded on behalf of %s needs the "
                          "evidence (--evidence FILE)",
                          a->behalf->name);
        *who = a->behalf;
    }
    return RP_OK;
}

static enum rp_status check_designated(struct act *a,
                                       const struct rp_workflow_person *who)
{
    if (rp_workflow_person_approves(who, &a->req.facts))
        return RP_OK;
    return refuse(a, RP_ERR_REFUSED,
                  "%s (%s) is not a designated approver of %s (%s, tier %s, "
                  "owner %s): see the approves column of %s",
                  who->name, who->id, a->account,
                  a->req.name[0] ? a->req.name : "?",
                  a->req.tier[0] ? a->req.tier : "none",
                  a->req.owner[0] ? a->req.owner : "none", a->wf->people.path);
}

struct draft_row {
    int64_t id;
    int version;
    char *path, *sha256, *data_sha256;
    void *snapshot;
    size_t snapshot_len;
};

static void draft_release(struct draft_row *d)
{
    free(d->path);
    free(d->sha256);
    free(d->data_sha256);
    free(d->snapshot);
    memset(d, 0, sizeof(*d));
}

static enum rp_status latest_draft(struct act *a, int with_snapshot,
                                   struct draft_row *d)
{
    sqlite3_stmt *st = NULL;
    int rc;

    draft_release(d);
    rc = sqlite3_prepare_v2(a->wf->db,
                            "SELECT id, version, pdf_path, pdf_sha256, "
                            "data_sha256, CASE WHEN ? THEN snapshot END FROM "
                            "drafts WHERE request = ? ORDER BY version DESC "
                            "LIMIT 1",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int(st, 1, with_snapshot);
        sqlite3_bind_int64(st, 2, a->req.id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        d->id = sqlite3_column_int64(st, 0);
        d->version = sqlite3_column_int(st, 1);
        d->path = rp_wf_column_dup(st, 2, "");
        d->sha256 = rp_wf_column_dup(st, 3, "");
        d->data_sha256 = rp_wf_column_dup(st, 4, "");
        d->snapshot_len = (size_t)sqlite3_column_bytes(st, 5);
        if (with_snapshot) {
            d->snapshot = rp_xmalloc(d->snapshot_len + 1);
            memcpy(d->snapshot, sqlite3_column_blob(st, 5), d->snapshot_len);
        }
        rc = SQLITE_DONE;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_ERROR; /* a request in review always has a draft */
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return failed(a,
                      rp_wf_db_error(a->wf, rc, "reading the draft", a->err));
    return RP_OK;
}

/* Reads the evidence file and stores it; *id is its row. */
static enum rp_status store_evidence(struct act *a, const char *path,
                                     int64_t *id, char hash[RP_SHA256_HEX_SIZE])
{
    gchar *body = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    sqlite3_stmt *st = NULL;
    enum rp_status status;
    int rc;

    if (!g_file_get_contents(path, &body, &len, &gerr)) {
        status = refuse(a, RP_ERR_INPUT, "%s: cannot read the evidence: %s",
                        path, gerr->message);
        g_error_free(gerr);
        return status;
    }
    if (len > MAX_EVIDENCE_BYTES || len == 0) {
        g_free(body);
        return refuse(a, RP_ERR_INPUT,
                      "%s: evidence must hold between 1 byte and %zu bytes",
                      path, MAX_EVIDENCE_BYTES);
    }
    rp_sha256_hex(body, len, hash);
    rc = sqlite3_prepare_v2(a->wf->db,
                            "INSERT INTO evidence (name, sha256, body, "
                            "stored_by, stored_at) VALUES (?, ?, ?, ?, ?)",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 3, body, len, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, a->actor->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, a->wf->now);
    }
    status = step_done(a, st, rc, "storing the evidence");
    g_free(body);
    if (status != RP_OK)
        return failed(a, status);
    *id = sqlite3_last_insert_rowid(a->wf->db);
    return RP_OK;
}

static void bind_evidence(sqlite3_stmt *st, int i, int64_t id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

/* The approver must see the exact bytes they approve: the draft file
 * still has the hash recorded at submit. */
static enum rp_status check_draft_file(struct act *a, const struct draft_row *d)
{
    char have[RP_SHA256_HEX_SIZE];
    struct rp_error sub;

    rp_error_init(&sub);
    if (rp_sha256_file(d->path, have, &sub) != RP_OK)
        return refuse(a, RP_ERR_REFUSED,
                      "the draft under review (%s) cannot be read (%s): "
                      "submit it again",
                      d->path, sub.message);
    if (strcmp(have, d->sha256) != 0)
        return refuse(a, RP_ERR_REFUSED,
                      "the draft under review (%s) is not the file that was "
                      "submitted: its SHA-256 is %s, the store recorded %s",
                      d->path, have, d->sha256);
    return RP_OK;
}

enum rp_status rp_workflow_approve(struct rp_workflow *wf,
                                   const struct rp_workflow_renderer *r,
                                   const char *account_id, const char *comment,
                                   const struct rp_workflow_behalf *behalf,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    const struct transition *step = NULL;
    const struct rp_workflow_person *who = NULL;
    struct draft_row d = {0};
    struct rp_workflow_mark mark;
    struct rp_error sub;
    sqlite3_stmt *st = NULL;
    struct act a;
    enum rp_status status;
    char day[11], fingerprint[16], seed[256], seed_hash[RP_SHA256_HEX_SIZE];
    char final_hash[RP_SHA256_HEX_SIZE], evidence_hash[RP_SHA256_HEX_SIZE] = "";
    char detail[1024];
    char *path = NULL, *pending = NULL;
    int64_t evidence = 0, draft_id;
    int rc;

    act_init(&a, wf, "approve", account_id, err);
    status = find_approver(&a, behalf, &who);
    if (status == RP_OK)
        status = load_step(&a, &step);
    if (status == RP_OK)
        status = check_designated(&a, who);
    if (status == RP_OK)
        status = latest_draft(&a, 1, &d);
    if (status == RP_OK)
        status = check_draft_file(&a, &d);
    if (status != RP_OK)
        goto out;
    /* The fingerprint ties the printed document to this approval of this
     * draft: anyone holding the store can recompute it. */
    snprintf(seed, sizeof(seed), "%s|%s|%" PRId64, d.sha256, who->id, wf->now);
    rp_sha256_hex(seed, strlen(seed), seed_hash);
    snprintf(fingerprint, sizeof(fingerprint), "%.12s", seed_hash);
    format_day(wf->now, day);
    mark = (struct rp_workflow_mark){who->name, day, fingerprint, wf->now};
    status = document_path(&a, "approved", d.version, "", &path);
    if (status != RP_OK)
        goto out;
    pending = pending_path(path);
    rp_error_init(&sub);
    if (access(path, F_OK) == 0) {
        status = refuse(&a, RP_ERR_REFUSED,
                        "%s exists already: an approved document is never "
                        "overwritten",
                        path);
        goto out;
    }
    if (r->render(r->ctx, d.snapshot, d.snapshot_len, &mark, pending, &sub) !=
            RP_OK ||
        rp_sha256_file(pending, final_hash, &sub) != RP_OK) {
        status = refuse(&a, sub.status, "the final was not rendered: %s%s%s",
                        sub.file[0] ? sub.file : "", sub.file[0] ? ": " : "",
                        sub.message);
        goto out;
    }
    draft_id = d.id;
    status = begin_recheck(&a, &step);
    if (status == RP_OK)
        status = latest_draft(&a, 0, &d);
    if (status == RP_OK && d.id != draft_id)
        status = refuse(&a, RP_ERR_REFUSED,
                        "a newer draft of %s was submitted meanwhile; "
                        "approve that one",
                        account_id);
    if (status == RP_OK && a.behalf)
        status =
            store_evidence(&a, behalf->evidence_path, &evidence, evidence_hash);
    if (status != RP_OK)
        goto out;
    rc = sqlite3_prepare_v2(
        wf->db,
        "INSERT INTO approvals (draft, approver, recorded_by, approved_at, "
        "comment, fingerprint, final_path, final_sha256, evidence) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, d.id);
        sqlite3_bind_text(st, 2, who->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, a.actor->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, wf->now);
        if (comment)
            sqlite3_bind_text(st, 5, comment, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 5);
        sqlite3_bind_text(st, 6, fingerprint, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, final_hash, -1, SQLITE_STATIC);
        bind_evidence(st, 9, evidence);
    }
    status = step_done(&a, st, rc, "recording the approval");
    if (status != RP_OK) {
        status = failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "draft v%d (sha256 %s) approved by %s; final %s, fingerprint "
             "%s%s%s%s%s",
             d.version, d.sha256, who->name, path, fingerprint,
             a.behalf ? "; evidence sha256 " : "",
             a.behalf ? evidence_hash : "", comment ? "; comment: " : "",
             comment ? comment : "");
    status = finish(&a, step->to, final_hash, detail, res);
    if (status == RP_OK)
        status = publish(&a, pending, path, 0444);
    if (status == RP_OK && res) {
        res->version = d.version;
        snprintf(res->path, sizeof(res->path), "%s", path);
        snprintf(res->sha256, sizeof(res->sha256), "%s", final_hash);
        snprintf(res->fingerprint, sizeof(res->fingerprint), "%s", fingerprint);
    }
out:
    if (pending)
        unlink(pending);
    free(pending);
    free(path);
    draft_release(&d);
    act_release(&a);
    return status;
}

enum rp_status rp_workflow_reject(struct rp_workflow *wf,
                                  const char *account_id, const char *comment,
                                  const struct rp_workflow_behalf *behalf,
                                  struct rp_workflow_result *res,
                                  struct rp_error *err)
{
    const struct transition *step = NULL;
    const struct rp_workflow_person *who = NULL;
    struct draft_row d = {0};
    sqlite3_stmt *st = NULL;
    struct act a;
    enum rp_status status;
    char evidence_hash[RP_SHA256_HEX_SIZE] = "", detail[1024];
    int64_t evidence = 0;
    int rc;

    act_init(&a, wf, "reject", account_id, err);
    status = find_approver(&a, behalf, &who);
    if (status == RP_OK && (!comment || !comment[0]))
        status = refuse(&a, RP_ERR_INPUT,
                        "sending a review back needs a comment saying what "
                        "to change");
    if (status == RP_OK)
        status = load_step(&a, &step);
    if (status == RP_OK)
        status = check_designated(&a, who);
    if (status == RP_OK)
        status = begin_recheck(&a, &step);
    if (status == RP_OK)
        status = latest_draft(&a, 0, &d);
    if (status == RP_OK && a.behalf)
        status =
            store_evidence(&a, behalf->evidence_path, &evidence, evidence_hash);
    if (status != RP_OK)
        goto out;
    rc = sqlite3_prepare_v2(wf->db,
                            "INSERT INTO rejections (draft, approver, "
                            "recorded_by, rejected_at, comment, evidence) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, d.id);
        sqlite3_bind_text(st, 2, who->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, a.actor->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, wf->now);
        sqlite3_bind_text(st, 5, comment, -1, SQLITE_STATIC);
        bind_evidence(st, 6, evidence);
    }
    status = step_done(&a, st, rc, "recording the decision");
    if (status != RP_OK) {
        status = failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail), "draft v%d sent back by %s: %s%s%s",
             d.version, who->name, comment,
             a.behalf ? "; evidence sha256 " : "",
             a.behalf ? evidence_hash : "");
    status = finish(&a, step->to, d.sha256, detail, res);
    if (status == RP_OK && res)
        res->version = d.version;
out:
    draft_release(&d);
    act_release(&a);
    return status;
}

enum rp_status rp_workflow_deliver(struct rp_workflow *wf,
                                   const char *account_id, const char *file,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    const struct transition *step = NULL;
    sqlite3_stmt *st = NULL;
    struct rp_error sub;
    struct act a;
    enum rp_status status;
    char have[RP_SHA256_HEX_SIZE], detail[1024];
    char *final_path = NULL, *final_hash = NULL;
    int version = 0, rc;

    act_init(&a, wf, "deliver", account_id, err);
    status = find_actor(&a);
    if (status == RP_OK)
        status = need_role(&a, RP_WORKFLOW_ADMINISTRATOR, "administrator");
    if (status == RP_OK)
        status = load_step(&a, &step);
    if (status != RP_OK)
        goto out;
    rc = sqlite3_prepare_v2(wf->db,
                            "SELECT a.final_path, a.final_sha256, d.version "
                            "FROM approvals a JOIN drafts d ON d.id = a.draft "
                            "WHERE d.request = ? ORDER BY d.version DESC "
                            "LIMIT 1",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, a.req.id);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_ROW) {
        final_path = rp_wf_column_dup(st, 0, "");
        final_hash = rp_wf_column_dup(st, 1, "");
        version = sqlite3_column_int(st, 2);
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || !final_path) {
        status =
            failed(&a, rp_wf_db_error(wf, rc == SQLITE_DONE ? SQLITE_ERROR : rc,
                                      "reading the approval", err));
        goto out;
    }
    if (!file)
        file = final_path;
    rp_error_init(&sub);
    if (rp_sha256_file(file, have, &sub) != RP_OK) {
        status = refuse(&a, RP_ERR_INPUT, "%s: %s", file, sub.message);
        goto out;
    }
    if (strcmp(have, final_hash) != 0) {
        status = refuse(&a, RP_ERR_REFUSED,
                        "%s is not the approved document: its SHA-256 is %s, "
                        "the approved version v%d has %s; it was not "
                        "delivered",
                        file, have, version, final_hash);
        goto out;
    }
    status = begin_recheck(&a, &step);
    if (status != RP_OK)
        goto out;
    snprintf(detail, sizeof(detail), "approved v%d delivered: %s", version,
             file);
    status = finish(&a, step->to, final_hash, detail, res);
    if (status == RP_OK && res) {
        res->version = version;
        snprintf(res->path, sizeof(res->path), "%s", file);
        snprintf(res->sha256, sizeof(res->sha256), "%s", final_hash);
    }
out:
    free(final_path);
    free(final_hash);
    act_release(&a);
    return status;
}

enum rp_status rp_workflow_note_data(struct rp_workflow *wf,
                                     const char *account_id,
                                     const char *data_hash,
                                     struct rp_error *err)
{
    const struct transition *step;
    struct draft_row d = {0};
    struct act a;
    enum rp_status status;
    char detail[512];
    int found;

    act_init(&a, wf, "draft", account_id, err);
    a.actor = rp_workflow_people_by_login(&wf->people, wf->login);
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = load_request(&a, &found);
    if (status != RP_OK || !found)
        goto out;
    step = find_step("draft", a.req.stage);
    if (!step)
        goto out;
    if (a.req.stage == RP_WORKFLOW_IN_REVIEW) {
        status = latest_draft(&a, 0, &d);
        if (status != RP_OK || strcmp(d.data_sha256, data_hash) == 0)
            goto out;
        snprintf(detail, sizeof(detail),
                 "the account's data changed while draft v%d was in review "
                 "(data sha256 %.12s, now %.12s): the draft is withdrawn and "
                 "must be submitted again",
                 d.version, d.data_sha256, data_hash);
    } else {
        snprintf(detail, sizeof(detail),
                 "the nightly run drafted the %d review (data sha256 %.12s)",
                 a.req.year, data_hash);
    }
    status = finish(&a, step->to, NULL, detail, NULL);
out:
    rp_wf_rollback(wf);
    draft_release(&d);
    act_release(&a);
    return status;
}
