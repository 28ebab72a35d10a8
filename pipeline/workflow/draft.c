/*
 * Drafts (workflow.h): submit renders the account's review from a
 * snapshot of its data, DRAFT on every page, and records the PDF's hash
 * with the snapshot and the template version; the nightly run reports the
 * data it drafted, and a draft in review whose data changed is withdrawn.
 * Rendered bytes wait beside their place until the store has recorded
 * them, so two people acting at once never overwrite each other's file.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/file.h"
#include "common/mem.h"

char *rp_wf_pending_path(const char *path)
{
    size_t n = strlen(path) + 40;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s.pending.%ld", path, (long)getpid());
    return p;
}

enum rp_status rp_wf_document_path(struct rp_wf_act *a, const char *kind,
                                   int version, const char *suffix, char **out)
{
    size_t n = strlen(a->wf->output_dir) + strlen(a->account) + 64;
    char *p = rp_xmalloc(n);
    enum rp_status status;

    *out = NULL;
    snprintf(p, n, "%s/%s/%s", a->wf->output_dir, kind, a->account);
    status = rp_mkdirs(p, a->err);
    if (status != RP_OK) {
        free(p);
        return rp_wf_failed(a, status);
    }
    snprintf(p, n, "%s/%s/%s/%d-v%d%s.pdf", a->wf->output_dir, kind, a->account,
             a->req.year, version, suffix);
    *out = p;
    return RP_OK;
}

enum rp_status rp_wf_publish(struct rp_wf_act *a, const char *pending,
                             const char *path, unsigned mode)
{
    if (rename(pending, path) != 0 || chmod(path, (mode_t)mode) != 0)
        return rp_error_set(a->err, RP_ERR_INTERNAL, path, 0, NULL,
                            "recorded in the store, but the file could not "
                            "be put in place: %s",
                            strerror(errno));
    return RP_OK;
}

void rp_wf_draft_release(struct rp_wf_draft *d)
{
    free(d->path);
    free(d->sha256);
    free(d->data_sha256);
    free(d->snapshot);
    memset(d, 0, sizeof(*d));
}

enum rp_status rp_wf_latest_draft(struct rp_wf_act *a, int with_snapshot,
                                  struct rp_wf_draft *d)
{
    sqlite3_stmt *st;
    int rc;

    rp_wf_draft_release(d);
    st = rp_wf_prepare(a->wf, "reading the draft", a->err,
                       "SELECT d.id, d.version, d.pdf_path, d.pdf_sha256, "
                       "d.data_sha256, CASE WHEN ? THEN s.body END FROM "
                       "drafts d LEFT JOIN snapshots s ON s.draft = d.id "
                       "WHERE d.request = ? ORDER BY d.version DESC LIMIT 1",
                       "iI", with_snapshot, a->req.id);
    if (!st)
        return rp_wf_failed(a, a->err->status);
    rc = sqlite3_step(st);
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
        rc = SQLITE_CORRUPT; /* a request past drafting always has a draft */
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_failed(
            a, rp_wf_db_error(a->wf, rc, "reading the draft", a->err));
    return RP_OK;
}

/* The largest value of a column of the request's rows (0 when it has
 * none): sql is "SELECT coalesce(max(..), 0) FROM .. WHERE request = ?". */
static enum rp_status request_max(struct rp_wf_act *a, const char *what,
                                  const char *sql, int64_t *out)
{
    sqlite3_stmt *st = rp_wf_prepare(a->wf, what, a->err, sql, "I", a->req.id);
    int rc;

    if (!st)
        return rp_wf_failed(a, a->err->status);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rp_wf_failed(a, rp_wf_db_error(a->wf, rc, what, a->err));
    return RP_OK;
}

/* The newest contribution of the request: a draft made before a newer
 * one arrived would leave it out. */
static enum rp_status last_contribution(struct rp_wf_act *a, int64_t *id)
{
    return request_max(a, "reading contributions",
                       "SELECT coalesce(max(id), 0) FROM contributions "
                       "WHERE request = ?",
                       id);
}

static enum rp_status next_version(struct rp_wf_act *a, int *version)
{
    int64_t last = 0;
    enum rp_status status =
        request_max(a, "reading drafts",
                    "SELECT coalesce(max(version), 0) FROM drafts "
                    "WHERE request = ?",
                    &last);

    if (status == RP_OK)
        *version = (int)last + 1;
    return status;
}

/* What a draft is made of, before anything is recorded. */
struct made {
    struct rp_workflow_account acc;
    char *xml;
    size_t len;
    char data_hash[RP_SHA256_HEX_SIZE], template_version[RP_SHA256_HEX_SIZE];
    char pdf_hash[RP_SHA256_HEX_SIZE];
};

/* Snapshots the account's data and renders the draft to pending. */
static enum rp_status make_draft(struct rp_wf_act *a,
                                 const struct rp_workflow_renderer *r,
                                 const char *pending, struct made *m)
{
    struct rp_workflow_mark mark = {NULL, NULL, NULL, a->wf->now};
    struct rp_error sub;

    rp_error_init(&sub);
    if (r->account(r->ctx, a->account, &m->acc, &sub) != RP_OK ||
        r->snapshot(r->ctx, a->account, &m->xml, &m->len, m->data_hash,
                    m->template_version, &sub) != RP_OK)
        return rp_wf_refuse_cause(a, "the draft was not made: ", &sub);
    if (r->render(r->ctx, m->xml, m->len, &mark, pending, &sub) != RP_OK ||
        rp_sha256_file(pending, m->pdf_hash, &sub) != RP_OK)
        return rp_wf_refuse_cause(a, "the draft was not rendered: ", &sub);
    return RP_OK;
}

enum rp_status rp_workflow_submit(struct rp_workflow *wf,
                                  const struct rp_workflow_renderer *r,
                                  const char *account_id,
                                  struct rp_workflow_result *res,
                                  struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    struct made m;
    struct rp_wf_act a;
    enum rp_status status;
    char detail[1024];
    char *path = NULL, *pending = NULL;
    int64_t contributed = 0, contributed_now = 0;
    int version = 0;

    memset(&m, 0, sizeof(m));
    status =
        rp_wf_act_start(&a, wf, "submit", account_id, RP_WORKFLOW_ADMINISTRATOR,
                        "administrator", &step, err);
    if (status != RP_OK)
        goto out;
    if (!rp_safe_file_name(account_id)) {
        status = rp_wf_refuse(&a, RP_ERR_INPUT,
                              "account id '%s' cannot name a file", account_id);
        goto out;
    }
    status = next_version(&a, &version);
    if (status == RP_OK)
        status = rp_wf_document_path(&a, "drafts", version, "-draft", &path);
    if (status != RP_OK)
        goto out;
    pending = rp_wf_pending_path(path);
    status = last_contribution(&a, &contributed);
    if (status == RP_OK)
        status = make_draft(&a, r, pending, &m);
    if (status == RP_OK)
        status = rp_wf_act_recheck(&a, &step);
    if (status == RP_OK)
        status = last_contribution(&a, &contributed_now);
    if (status == RP_OK && contributed_now != contributed)
        status = rp_wf_refuse(&a, RP_ERR_REFUSED,
                              "a contribution to %s arrived while its draft "
                              "was being made; submit again to include it",
                              account_id);
    if (status == RP_OK)
        status = rp_wf_exec(
            wf, "recording the draft", err,
            "INSERT INTO drafts (request, version, pdf_path, pdf_sha256, "
            "data_sha256, template_version, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            "IitttttI", a.req.id, version, path, m.pdf_hash, m.data_hash,
            m.template_version, a.actor->id, wf->now);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "recording the snapshot", err,
                            "INSERT INTO snapshots (draft, body) VALUES "
                            "(last_insert_rowid(), ?)",
                            "b", m.xml, m.len);
    /* The account's facts as the draft saw them designate its approver. */
    if (status == RP_OK)
        status = rp_wf_exec(wf, "recording the account", err,
                            "UPDATE requests SET account_name = ?, tier = ?, "
                            "owner = ?, country = ? WHERE id = ?",
                            "ttttI", m.acc.name ? m.acc.name : "",
                            m.acc.tier ? m.acc.tier : "",
                            m.acc.owner ? m.acc.owner : "",
                            m.acc.country ? m.acc.country : "", a.req.id);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "draft v%d of the %d review: %s (data sha256 %.12s, template "
             "%.12s)",
             version, a.req.year, path, m.data_hash, m.template_version);
    status = rp_wf_act_finish(&a, step->to, m.pdf_hash, detail, res);
    if (status == RP_OK)
        status = rp_wf_publish(&a, pending, path, 0644);
    if (status == RP_OK && res) {
        res->version = version;
        snprintf(res->path, sizeof(res->path), "%s", path);
        snprintf(res->sha256, sizeof(res->sha256), "%s", m.pdf_hash);
    }
out:
    if (pending)
        unlink(pending);
    free(pending);
    free(path);
    free(m.xml);
    rp_wf_act_release(&a);
    return status;
}

enum rp_status rp_workflow_note_data(struct rp_workflow *wf,
                                     const char *account_id,
                                     const char *data_hash,
                                     struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    struct rp_wf_draft d = {0};
    struct rp_wf_act a;
    enum rp_status status;
    char detail[512];
    int found = 0;

    rp_wf_act_init(&a, wf, "draft", account_id, err);
    a.actor = rp_workflow_people_by_login(&wf->people, wf->login);
    status = rp_wf_begin(wf, err);
    if (status == RP_OK)
        status = rp_wf_act_load(&a, &found);
    if (status != RP_OK || !found)
        goto out;
    /* Looked up, not rp_wf_act_step(): a stage without a "draft" step is
     * not a refusal, the run simply leaves that request alone. */
    step = rp_wf_find_step("draft", a.req.stage);
    if (!step)
        goto out;
    if (a.req.stage == RP_WORKFLOW_IN_REVIEW) {
        status = rp_wf_latest_draft(&a, 0, &d);
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
    status = rp_wf_act_finish(&a, step->to, NULL, detail, NULL);
out:
    rp_wf_rollback(wf);
    rp_wf_draft_release(&d);
    rp_wf_act_release(&a);
    return status;
}
