/*
 * Decisions and delivery (workflow.h).  Only an approver designated for
 * the account decides, or an administrator recording that approver's
 * decision with its evidence.  An approval binds to the exact draft in
 * review: its file must still have the hash recorded at submit; the final
 * is rendered from the draft's snapshot, dated at the approval, and
 * written read-only.  Delivery takes only the approved bytes.
 */
#include "internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/file.h"
#include "common/mem.h"

#define MAX_EVIDENCE_BYTES ((size_t)16 << 20)

/*
 * Starts a decision: who decides (the actor, or the approver an
 * administrator acts for), that they are designated for the account, and
 * that the request is in review.
 */
static enum rp_status start_decision(struct rp_wf_act *a,
                                     const struct rp_workflow_behalf *behalf,
                                     const struct rp_wf_transition **step,
                                     const struct rp_workflow_person **who)
{
    int for_someone = behalf && behalf->person;
    /* Anyone known may try to decide for themselves: the designation
     * below says whether they may, and says it better than a role. */
    enum rp_status status =
        rp_wf_act_actor(a, for_someone ? RP_WORKFLOW_ADMINISTRATOR : ~0u,
                        "administrator (to act on behalf of an approver)");

    if (status != RP_OK)
        return status;
    *who = a->actor;
    if (for_someone) {
        a->behalf = rp_workflow_people_by_id(&a->wf->people, behalf->person);
        if (!a->behalf)
            return rp_wf_refuse(a, RP_ERR_REFUSED,
                                "--on-behalf-of '%s': no such person in %s",
                                behalf->person, a->wf->people.path);
        if (!behalf->evidence_path)
            return rp_wf_refuse(a, RP_ERR_REFUSED,
                                "a decision recorded on behalf of %s needs "
                                "the evidence (--evidence FILE)",
                                a->behalf->name);
        *who = a->behalf;
    }
    status = rp_wf_act_step(a, step);
    if (status != RP_OK || rp_workflow_person_approves(*who, &a->req.facts))
        return status;
    return rp_wf_refuse(a, RP_ERR_REFUSED,
                        "%s (%s) is not a designated approver of %s (%s, tier "
                        "%s, owner %s): see the approves column of %s",
                        (*who)->name, (*who)->id, a->account,
                        a->req.name[0] ? a->req.name : "?",
                        a->req.tier[0] ? a->req.tier : "none",
                        a->req.owner[0] ? a->req.owner : "none",
                        a->wf->people.path);
}

/* Reads the evidence file and stores it, inside the transaction; *id is
 * its row (0 when the decision is the approver's own). */
static enum rp_status store_evidence(struct rp_wf_act *a,
                                     const struct rp_workflow_behalf *behalf,
                                     int64_t *id, char hash[RP_SHA256_HEX_SIZE])
{
    struct rp_error sub;
    enum rp_status status;
    char *body = NULL;
    size_t len = 0;

    *id = 0;
    hash[0] = '\0';
    if (!a->behalf)
        return RP_OK;
    rp_error_init(&sub);
    if (rp_file_read_all(behalf->evidence_path, MAX_EVIDENCE_BYTES, &body, &len,
                         &sub) != RP_OK)
        return rp_wf_refuse_cause(a, "the evidence cannot be kept: ", &sub);
    if (len == 0) {
        free(body);
        return rp_wf_refuse(a, RP_ERR_INPUT, "%s: the evidence is empty",
                            behalf->evidence_path);
    }
    rp_sha256_hex(body, len, hash);
    status = rp_wf_exec(a->wf, "storing the evidence", a->err,
                        "INSERT INTO evidence (name, sha256, body, stored_by, "
                        "stored_at) VALUES (?, ?, ?, ?, ?)",
                        "ttbtI", behalf->evidence_path, hash, body, len,
                        a->actor->id, a->wf->now);
    free(body);
    if (status != RP_OK)
        return rp_wf_failed(a, status);
    *id = sqlite3_last_insert_rowid(a->wf->db);
    return RP_OK;
}

/* The approver must see the exact bytes they approve: the draft file
 * still has the hash recorded at submit. */
static enum rp_status check_draft_file(struct rp_wf_act *a,
                                       const struct rp_wf_draft *d)
{
    char have[RP_SHA256_HEX_SIZE];
    struct rp_error sub;

    rp_error_init(&sub);
    if (rp_sha256_file(d->path, have, &sub) != RP_OK)
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "the draft under review (%s) cannot be read (%s): "
                            "submit it again",
                            d->path, sub.message);
    if (strcmp(have, d->sha256) != 0)
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "the draft under review (%s) is not the file that "
                            "was submitted: its SHA-256 is %s, the store "
                            "recorded %s",
                            d->path, have, d->sha256);
    return RP_OK;
}

/* Renders the final from the draft's snapshot, with the approval mark. */
static enum rp_status
render_final(struct rp_wf_act *a, const struct rp_workflow_renderer *r,
             const struct rp_wf_draft *d, const struct rp_workflow_person *who,
             const char *path, const char *pending, char fingerprint[16],
             char hash[RP_SHA256_HEX_SIZE])
{
    struct rp_workflow_mark mark;
    struct rp_error sub;
    char day[11], seed[256], seed_hash[RP_SHA256_HEX_SIZE];

    /* The fingerprint ties the printed document to this approval of this
     * draft: anyone holding the store can recompute it. */
    snprintf(seed, sizeof(seed), "%s|%s|%" PRId64, d->sha256, who->id,
             a->wf->now);
    rp_sha256_hex(seed, strlen(seed), seed_hash);
    snprintf(fingerprint, 16, "%.12s", seed_hash);
    rp_wf_format_day(a->wf->now, day);
    mark = (struct rp_workflow_mark){who->name, day, fingerprint, a->wf->now};
    if (access(path, F_OK) == 0)
        return rp_wf_refuse(a, RP_ERR_REFUSED,
                            "%s exists already: an approved document is never "
                            "overwritten",
                            path);
    rp_error_init(&sub);
    if (r->render(r->ctx, d->snapshot, d->snapshot_len, &mark, pending, &sub) !=
            RP_OK ||
        rp_sha256_file(pending, hash, &sub) != RP_OK)
        return rp_wf_refuse_cause(a, "the final was not rendered: ", &sub);
    return RP_OK;
}

enum rp_status rp_workflow_approve(struct rp_workflow *wf,
                                   const struct rp_workflow_renderer *r,
                                   const char *account_id, const char *comment,
                                   const struct rp_workflow_behalf *behalf,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    const struct rp_workflow_person *who = NULL;
    struct rp_wf_draft d = {0};
    struct rp_wf_act a;
    enum rp_status status;
    char fingerprint[16], final_hash[RP_SHA256_HEX_SIZE];
    char evidence_hash[RP_SHA256_HEX_SIZE], detail[1024];
    char *path = NULL, *pending = NULL;
    int64_t evidence = 0, draft_id;

    rp_wf_act_init(&a, wf, "approve", account_id, err);
    status = start_decision(&a, behalf, &step, &who);
    if (status == RP_OK)
        status = rp_wf_latest_draft(&a, 1, &d);
    if (status == RP_OK)
        status = check_draft_file(&a, &d);
    if (status == RP_OK)
        status = rp_wf_document_path(&a, "approved", d.version, "", &path);
    if (status != RP_OK)
        goto out;
    pending = rp_wf_pending_path(path);
    status =
        render_final(&a, r, &d, who, path, pending, fingerprint, final_hash);
    draft_id = d.id;
    if (status == RP_OK)
        status = rp_wf_act_recheck(&a, &step);
    if (status == RP_OK)
        status = rp_wf_latest_draft(&a, 0, &d);
    if (status == RP_OK && d.id != draft_id)
        status = rp_wf_refuse(&a, RP_ERR_REFUSED,
                              "a newer draft of %s was submitted meanwhile; "
                              "approve that one",
                              account_id);
    if (status == RP_OK)
        status = store_evidence(&a, behalf, &evidence, evidence_hash);
    if (status == RP_OK)
        status = rp_wf_exec(
            wf, "recording the approval", err,
            "INSERT INTO approvals (draft, approver, recorded_by, approved_at, "
            "comment, fingerprint, final_path, final_sha256, evidence) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0))",
            "IttIttttI", d.id, who->id, a.actor->id, wf->now, comment,
            fingerprint, path, final_hash, evidence);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail),
             "draft v%d (sha256 %s) approved by %s; final %s, fingerprint "
             "%s%s%s%s%s",
             d.version, d.sha256, who->name, path, fingerprint,
             a.behalf ? "; evidence sha256 " : "", evidence_hash,
             comment ? "; comment: " : "", comment ? comment : "");
    status = rp_wf_act_finish(&a, step->to, final_hash, detail, res);
    if (status == RP_OK)
        status = rp_wf_publish(&a, pending, path, 0444);
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
    rp_wf_draft_release(&d);
    rp_wf_act_release(&a);
    return status;
}

enum rp_status rp_workflow_reject(struct rp_workflow *wf,
                                  const char *account_id, const char *comment,
                                  const struct rp_workflow_behalf *behalf,
                                  struct rp_workflow_result *res,
                                  struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    const struct rp_workflow_person *who = NULL;
    struct rp_wf_draft d = {0};
    struct rp_wf_act a;
    enum rp_status status;
    char evidence_hash[RP_SHA256_HEX_SIZE], detail[1024];
    int64_t evidence = 0;

    rp_wf_act_init(&a, wf, "reject", account_id, err);
    status = start_decision(&a, behalf, &step, &who);
    if (status == RP_OK && (!comment || !comment[0]))
        status = rp_wf_refuse(&a, RP_ERR_INPUT,
                              "sending a review back needs a comment saying "
                              "what to change");
    if (status == RP_OK)
        status = rp_wf_act_recheck(&a, &step);
    if (status == RP_OK)
        status = rp_wf_latest_draft(&a, 0, &d);
    if (status == RP_OK)
        status = store_evidence(&a, behalf, &evidence, evidence_hash);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "recording the decision", err,
                            "INSERT INTO rejections (draft, approver, "
                            "recorded_by, rejected_at, comment, evidence) "
                            "VALUES (?, ?, ?, ?, ?, nullif(?, 0))",
                            "IttItI", d.id, who->id, a.actor->id, wf->now,
                            comment, evidence);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail), "draft v%d sent back by %s: %s%s%s",
             d.version, who->name, comment,
             a.behalf ? "; evidence sha256 " : "", evidence_hash);
    status = rp_wf_act_finish(&a, step->to, d.sha256, detail, res);
    if (status == RP_OK && res)
        res->version = d.version;
out:
    rp_wf_draft_release(&d);
    rp_wf_act_release(&a);
    return status;
}

/* deliver, with a print job when print is set (delivery.c). */
static enum rp_status
deliver(struct rp_workflow *wf, const struct rp_workflow_renderer *r,
        const char *account_id, const char *file, int print, int copies,
        struct rp_workflow_result *res, struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    struct rp_workflow_account ship;
    sqlite3_stmt *st;
    struct rp_error sub;
    struct rp_wf_act a;
    enum rp_status status;
    char have[RP_SHA256_HEX_SIZE], detail[2048], printed[1024] = "";
    char *final_path = NULL, *final_hash = NULL;
    int version = 0, rc, have_ship = 0;

    status =
        rp_wf_act_start(&a, wf, "deliver", account_id,
                        RP_WORKFLOW_ADMINISTRATOR, "administrator", &step, err);
    if (status != RP_OK)
        goto out;
    st = rp_wf_prepare(wf, "reading the approval", err,
                       "SELECT a.final_path, a.final_sha256, d.version FROM "
                       "approvals a JOIN drafts d ON d.id = a.draft WHERE "
                       "d.request = ? ORDER BY d.version DESC LIMIT 1",
                       "I", a.req.id);
    if (!st) {
        status = rp_wf_failed(&a, err->status);
        goto out;
    }
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        final_path = rp_wf_column_dup(st, 0, "");
        final_hash = rp_wf_column_dup(st, 1, "");
        version = sqlite3_column_int(st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        /* An approved request without its approval: the store is hurt. */
        status = rp_wf_failed(
            &a, rp_wf_db_error(wf, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                               "reading the approval", err));
        goto out;
    }
    if (!file)
        file = final_path;
    rp_error_init(&sub);
    if (rp_sha256_file(file, have, &sub) != RP_OK) {
        status = rp_wf_refuse_cause(&a, "", &sub);
        goto out;
    }
    if (strcmp(have, final_hash) != 0) {
        status = rp_wf_refuse(&a, RP_ERR_REFUSED,
                              "%s is not the approved document: its SHA-256 "
                              "is %s, the approved version v%d has %s; it was "
                              "not delivered",
                              file, have, version, final_hash);
        goto out;
    }
    /* The ship-to address as the CRM has it now: read before the write
     * lock is taken (it imports the exports). */
    if (print && r) {
        memset(&ship, 0, sizeof(ship));
        rp_error_init(&sub);
        if (r->account(r->ctx, account_id, &ship, &sub) != RP_OK) {
            status = rp_wf_refuse_cause(&a, "no ship-to address: ", &sub);
            goto out;
        }
        have_ship = 1;
    }
    if (copies <= 0)
        copies = wf->settings.print_copies;
    status = rp_wf_act_recheck(&a, &step);
    if (status == RP_OK && print)
        status = rp_wf_print_job(&a, have_ship ? &ship : NULL, file, final_hash,
                                 version, copies, printed, sizeof(printed));
    if (status != RP_OK)
        goto out;
    if (printed[0])
        snprintf(detail, sizeof(detail),
                 "approved v%d delivered: %s; print job %s, %d %s", version,
                 file, printed, copies, copies == 1 ? "copy" : "copies");
    else
        snprintf(detail, sizeof(detail), "approved v%d delivered: %s", version,
                 file);
    status = rp_wf_act_finish(&a, step->to, final_hash, detail, res);
    if (status == RP_OK && res) {
        res->version = version;
        snprintf(res->path, sizeof(res->path), "%s",
                 printed[0] ? printed : file);
        snprintf(res->sha256, sizeof(res->sha256), "%s", final_hash);
    }
out:
    free(final_path);
    free(final_hash);
    rp_wf_act_release(&a);
    return status;
}

enum rp_status rp_workflow_deliver(struct rp_workflow *wf,
                                   const char *account_id, const char *file,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    return deliver(wf, NULL, account_id, file, 0, 0, res, err);
}

enum rp_status rp_workflow_deliver_print(struct rp_workflow *wf,
                                         const struct rp_workflow_renderer *r,
                                         const char *account_id,
                                         const char *file, int copies,
                                         struct rp_workflow_result *res,
                                         struct rp_error *err)
{
    return deliver(wf, r, account_id, file, 1, copies, res, err);
}
