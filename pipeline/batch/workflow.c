/*
 * The batch as the workflow's renderer (batch.h): the workflow decides
 * who may do what and records it; this file makes the documents it asks
 * for, the same way a run makes them.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"

static enum rp_status import_once(struct rp_batch_workflow *bw,
                                  struct rp_error *err)
{
    enum rp_status status;
    size_t rejected;
    char *rejects;

    if (bw->imported)
        return RP_OK;
    rejects = rp_batch_path(bw->opts.output, "rejects");
    status = rp_batch_import_all(&bw->opts, rejects, &bw->data, &rejected, NULL,
                                 err);
    free(rejects);
    bw->imported = status == RP_OK;
    return status;
}

static const char *followup_status(const struct rp_workflow_followup *f)
{
    return f->done_on[0] ? "done" : f->overdue ? "overdue" : "open";
}

static bool has_stored(const struct rp_batch_stored *stored, size_t n,
                       const char *account, const char *kind)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(stored->items[i].account_id, account) == 0 &&
            strcmp(stored->items[i].kind, kind) == 0)
            return true;
    }
    return false;
}

/*
 * The last meeting's feedback, as each account's meeting-feedback, unless
 * someone contributed one to the current review: appended to
 * stored->items (n of them so far), which has room.
 */
static size_t add_feedback(struct rp_batch_stored *stored, size_t n)
{
    size_t i, j, k = 0;

    stored->merge_followups =
        rp_xcalloc(stored->followups.n ? stored->followups.n : 1,
                   sizeof(*stored->merge_followups));
    for (i = 0; i < stored->feedback.n; i++) {
        const struct rp_workflow_feedback_record *fb =
            &stored->feedback.items[i];
        struct rp_merge_contribution *c;

        if (has_stored(stored, n, fb->account, "meeting-feedback"))
            continue;
        c = &stored->items[n++];
        *c = (struct rp_merge_contribution){
            .account_id = fb->account,
            .kind = "meeting-feedback",
            .text = fb->text,
            .author = fb->author,
            .submitted = fb->recorded,
            .year = fb->year,
            .followups = stored->merge_followups + k,
        };
        /* The follow-ups are by account, then id. */
        for (j = 0; j < stored->followups.n; j++) {
            const struct rp_workflow_followup *f = &stored->followups.items[j];
            if (strcmp(f->account, fb->account) != 0 || f->year != fb->year)
                continue;
            stored->merge_followups[k++] =
                (struct rp_merge_followup){f->id,
                                           f->what,
                                           f->owner,
                                           f->due,
                                           followup_status(f),
                                           f->done_on[0] ? f->done_on : NULL};
            c->n_followups++;
        }
    }
    return n;
}

enum rp_status rp_batch_stored_load(struct rp_workflow *wf,
                                    struct rp_batch_stored *stored,
                                    struct rp_merge_options *merge,
                                    struct rp_error *err)
{
    enum rp_status status;
    size_t i;

    memset(stored, 0, sizeof(*stored));
    status = rp_workflow_contributions(wf, &stored->list, err);
    if (status == RP_OK)
        status = rp_workflow_feedback_latest(wf, &stored->feedback, err);
    if (status == RP_OK)
        status = rp_workflow_followups(wf, NULL, 0, &stored->followups, err);
    if (status != RP_OK) {
        rp_batch_stored_release(stored);
        return status;
    }
    stored->items = rp_xcalloc(stored->list.n + stored->feedback.n + 1,
                               sizeof(*stored->items));
    for (i = 0; i < stored->list.n; i++) {
        const struct rp_workflow_contribution *c = &stored->list.items[i];
        stored->items[i] = (struct rp_merge_contribution){
            .account_id = c->account,
            .kind = c->section,
            .text = c->text,
            .author = c->author,
            .submitted = c->submitted,
        };
    }
    merge->contributions = stored->items;
    merge->n_contributions = add_feedback(stored, stored->list.n);
    return RP_OK;
}

void rp_batch_stored_release(struct rp_batch_stored *stored)
{
    rp_workflow_contribution_list_free(&stored->list);
    rp_workflow_feedback_list_free(&stored->feedback);
    rp_workflow_followup_list_free(&stored->followups);
    free(stored->merge_followups);
    free(stored->items);
    memset(stored, 0, sizeof(*stored));
}

/* The store's contributions go to the merge, ahead of the files. */
static enum rp_status load_stored(struct rp_batch_workflow *bw,
                                  struct rp_error *err)
{
    enum rp_status status;

    if (bw->stored_loaded)
        return RP_OK;
    status = rp_batch_stored_load(bw->wf, &bw->stored, &bw->opts.merge, err);
    bw->stored_loaded = status == RP_OK;
    return status;
}

static enum rp_status account_facts(void *ctx, const char *account_id,
                                    struct rp_workflow_account *out,
                                    struct rp_error *err)
{
    struct rp_batch_workflow *bw = ctx;
    enum rp_status status = import_once(bw, err);
    size_t i;

    if (status != RP_OK)
        return status;
    for (i = 0; i < bw->data.n_accounts; i++) {
        const struct rp_account *a = &bw->data.accounts[i];
        if (strcmp(a->id, account_id) == 0) {
            *out = (struct rp_workflow_account){.id = a->id,
                                                .name = a->name,
                                                .tier = a->tier,
                                                .owner = a->owner,
                                                .country = a->country,
                                                .street = a->billing_street,
                                                .city = a->billing_city,
                                                .state = a->billing_state,
                                                .postal_code =
                                                    a->billing_postal_code};
            return RP_OK;
        }
    }
    return rp_error_set(err, RP_ERR_INPUT, bw->opts.input, 0, "Account ID",
                        "no account '%s' in the CRM exports", account_id);
}

static enum rp_status snapshot(void *ctx, const char *account_id, char **xml,
                               size_t *len, char data_hash[RP_SHA256_HEX_SIZE],
                               char template_version[RP_SHA256_HEX_SIZE],
                               struct rp_error *err)
{
    struct rp_batch_workflow *bw = ctx;
    enum rp_status status = load_stored(bw, err);

    /* The exports are read once: account() has imported them already. */
    if (status == RP_OK)
        status = import_once(bw, err);
    if (status == RP_OK)
        status = rp_batch_template_version(&bw->opts, template_version, err);
    if (status == RP_OK)
        status = rp_batch_snapshot_of(&bw->opts, &bw->data, account_id, xml,
                                      len, data_hash, err);
    return status;
}

static enum rp_status render(void *ctx, const char *xml, size_t len,
                             const struct rp_workflow_mark *mark,
                             const char *pdf_path, struct rp_error *err)
{
    struct rp_batch_workflow *bw = ctx;
    struct rp_review_mark m = {mark->approver_name, mark->approved_on,
                               mark->fingerprint, mark->date};

    return rp_batch_render_review(&bw->opts, xml, len, &m, pdf_path, NULL, err);
}

enum rp_status rp_batch_workflow_init(struct rp_batch_workflow *bw,
                                      const struct rp_batch_options *o,
                                      struct rp_workflow *wf,
                                      struct rp_error *err)
{
    (void)err;
    memset(bw, 0, sizeof(*bw));
    bw->opts = *o;
    bw->wf = wf;
    rp_dataset_init(&bw->data);
    bw->renderer =
        (struct rp_workflow_renderer){bw, account_facts, snapshot, render};
    return RP_OK;
}

void rp_batch_workflow_release(struct rp_batch_workflow *bw)
{
    if (!bw->renderer.ctx)
        return;
    rp_dataset_release(&bw->data);
    rp_batch_stored_release(&bw->stored);
    memset(bw, 0, sizeof(*bw));
}

/* ---- the run ---- */

void rp_batch_requests_load(const struct rp_batch_options *o,
                            struct rp_batch_requests *r)
{
    struct rp_error err;

    memset(r, 0, sizeof(*r));
    if (!o->workflow)
        return;
    rp_error_init(&err);
    if (rp_workflow_status(o->workflow, NULL, &r->list, &err) != RP_OK) {
        rp_log_warn("the workflow store is left as it is, and the status "
                    "report shows no review requests: %s",
                    err.message);
        return;
    }
    r->loaded = true;
}

void rp_batch_requests_release(struct rp_batch_requests *r)
{
    if (r->loaded)
        rp_workflow_request_list_free(&r->list);
    memset(r, 0, sizeof(*r));
}

/* The account's latest request: the list is by account, then year. */
static const struct rp_workflow_request_info *
latest(const struct rp_batch_requests *r, const char *account_id)
{
    size_t lo = 0, hi = r->loaded ? r->list.n : 0, mid;

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (strcmp(r->list.items[mid].account, account_id) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || strcmp(r->list.items[lo - 1].account, account_id) != 0)
        return NULL;
    return &r->list.items[lo - 1];
}

enum rp_status rp_batch_approved_review(const struct rp_batch_requests *r,
                                        const char *account_id,
                                        const char *pdf_path, bool *done,
                                        struct rp_error *err)
{
    const struct rp_workflow_request_info *q = latest(r, account_id);
    enum rp_status status;
    char *bytes = NULL;
    size_t len = 0;

    *done = false;
    if (!q || !q->final_path ||
        (q->stage != RP_WORKFLOW_APPROVED && q->stage != RP_WORKFLOW_DELIVERED))
        return RP_OK;
    /* The approved bytes, so `reportpipe verify` says what it is. */
    status = rp_file_read_all(q->final_path, RP_BATCH_MAX_REVIEW_BYTES, &bytes,
                              &len, err);
    if (status == RP_OK)
        status = rp_file_write_all(pdf_path, bytes, len, err);
    free(bytes);
    *done = status == RP_OK;
    if (*done)
        rp_log_debug("%s: the approved review v%d of %d, not a new draft",
                     account_id, q->drafts, q->year);
    return status;
}

bool rp_batch_has_request(const struct rp_batch_requests *r,
                          const char *account_id)
{
    return latest(r, account_id) != NULL;
}

enum rp_status rp_batch_note_data(const struct rp_batch_options *o,
                                  const struct rp_batch_requests *r,
                                  const char *account_id, const char *data_hash,
                                  struct rp_error *err)
{
    /* Only accounts with a request in the workflow: nothing else to say. */
    if (!o->workflow || !latest(r, account_id))
        return RP_OK;
    return rp_workflow_note_data(o->workflow, account_id, data_hash, err);
}

/* The open follow-ups of every account, after <requests>. */
static enum rp_status add_open_followups(const struct rp_batch_options *o,
                                         xmlDoc *doc, struct rp_error *err)
{
    struct rp_workflow_followup_list list;
    struct rp_merge_open_followup *out;
    enum rp_status status;
    size_t i;

    status = rp_workflow_followups(o->workflow, NULL, 1, &list, err);
    if (status != RP_OK)
        return status;
    out = rp_xcalloc(list.n ? list.n : 1, sizeof(*out));
    for (i = 0; i < list.n; i++) {
        const struct rp_workflow_followup *f = &list.items[i];
        out[i] = (struct rp_merge_open_followup){
            f->account,
            f->account_name,
            f->year,
            {f->id, f->what, f->owner, f->due, followup_status(f), NULL}};
    }
    status = rp_merge_add_followups(doc, out, list.n, err);
    free(out);
    rp_workflow_followup_list_free(&list);
    return status;
}

enum rp_status rp_batch_add_requests(const struct rp_batch_options *o,
                                     const struct rp_batch_requests *r,
                                     xmlDoc *doc, struct rp_error *err)
{
    struct rp_merge_request *out;
    enum rp_status status;
    size_t i, n = 0;

    if (!r->loaded)
        return RP_OK;
    out = rp_xcalloc(r->list.n ? r->list.n : 1, sizeof(*out));
    for (i = 0; i < r->list.n; i++) {
        const struct rp_workflow_request_info *q = &r->list.items[i];
        /* Each account's latest request: the last of its run. */
        if (i + 1 < r->list.n &&
            strcmp(r->list.items[i + 1].account, q->account) == 0)
            continue;
        out[n++] = (struct rp_merge_request){q->account,
                                             q->account_name,
                                             q->year,
                                             rp_workflow_stage_name(q->stage),
                                             q->since,
                                             q->meeting,
                                             q->due,
                                             q->waits_on,
                                             q->overdue != 0,
                                             q->approval_waiting_days,
                                             q->print_deadline,
                                             q->shipped[0] ? q->shipped : NULL,
                                             q->at_risk != 0,
                                             q->contributions_missing};
    }
    status = rp_merge_add_requests(
        doc, out, n, rp_workflow_settings_of(o->workflow)->approval_wait_days,
        err);
    free(out);
    if (status == RP_OK)
        status = add_open_followups(o, doc, err);
    return status;
}
