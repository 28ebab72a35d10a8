/*
 * The batch as the workflow's renderer (batch.h): the workflow decides
 * who may do what and records it; this file makes the documents it asks
 * for, the same way a run makes them.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static char *rejects_dir(const struct rp_batch_options *o)
{
    size_t n = strlen(o->output) + 16;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s/rejects", o->output);
    return p;
}

static enum rp_status import_once(struct rp_batch_workflow *bw,
                                  struct rp_error *err)
{
    enum rp_status status;
    size_t rejected;
    char *rejects;

    if (bw->imported)
        return RP_OK;
    rejects = rejects_dir(&bw->opts);
    status = rp_batch_import_all(&bw->opts, rejects, &bw->data, &rejected, err);
    free(rejects);
    bw->imported = status == RP_OK;
    return status;
}

/* The store's contributions go to the merge, ahead of the files. */
static enum rp_status load_stored(struct rp_batch_workflow *bw,
                                  struct rp_error *err)
{
    enum rp_status status;
    size_t i;

    if (bw->stored_loaded)
        return RP_OK;
    status = rp_workflow_contributions(bw->wf, &bw->stored, err);
    if (status != RP_OK)
        return status;
    bw->contributions =
        rp_xcalloc(bw->stored.n ? bw->stored.n : 1, sizeof(*bw->contributions));
    for (i = 0; i < bw->stored.n; i++) {
        const struct rp_workflow_contribution *c = &bw->stored.items[i];
        bw->contributions[i] = (struct rp_merge_contribution){
            .account_id = c->account,
            .kind = c->section,
            .text = c->text,
            .author = c->author,
            .submitted = c->submitted,
        };
    }
    bw->opts.merge.contributions = bw->contributions;
    bw->opts.merge.n_contributions = bw->stored.n;
    bw->stored_loaded = true;
    return RP_OK;
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
            *out = (struct rp_workflow_account){a->id, a->name, a->tier,
                                                a->owner, a->country};
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

    if (status == RP_OK)
        status = rp_batch_template_version(&bw->opts, template_version, err);
    if (status == RP_OK)
        status =
            rp_batch_snapshot(&bw->opts, account_id, xml, len, data_hash, err);
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
    rp_workflow_contribution_list_free(&bw->stored);
    free(bw->contributions);
    memset(bw, 0, sizeof(*bw));
}
