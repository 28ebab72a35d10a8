/*
 * The nightly run (rp_batch_run(), batch.h): import, merge, and one
 * document per account plus the status report, each made from its own
 * small document in a worker process, and only when its inputs changed.
 *
 * Order of a run: the output folder's lock; temporaries a killed run left
 * are removed; if the inputs are those of the last complete run and its
 * documents are all there, nothing more is done.  Otherwise the record of
 * that run is forgotten (a run killed from here on is not complete), the
 * exports are imported and merged (rp_merge_prepare(): figures, no XML),
 * and every document becomes a job.  A job writes its account's document
 * (rp_merge_account_doc()), keys it, and renders it only when the key
 * differs from the one kept beside the output.  The status report is made
 * from a summary without tickets.  run-summary.json is written last.
 *
 * A document's key: SHA-256 of the program's version, the templates and
 * configuration folders, the kind of document and its review data
 * without the generated= stamp (which moves every run while the data may
 * not).  The run's key adds every input file and the workflow's requests.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "common/file.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/mem.h"
#include "common/version.h"
#include "common/xml.h"
#include "render/render.h"
#include "transform/transform.h"

#define REPORT_NAME "status-report.pdf"

struct run {
    const struct rp_batch_options *o;
    struct rp_merged *merged;
    struct rp_stylesheet *review, *report;
    struct rp_transform_limits limits;
    char prefix[RP_SHA256_HEX_SIZE]; /* version, templates, configuration */
    struct rp_batch_requests reqs;
    const char *schema_path; /* the status report's data is checked */
    bool template_ok;        /* a review was made: the template works */
    int template_failures;   /* until then, failures in the template */
    struct rp_batch_summary *summary;
    struct rp_batch_progress progress;
    struct timespec stage_start; /* of progress.stage */
    struct rp_batch_record *docs;
    size_t n_docs, cap_docs;
    /* Each account's inputs digest, as its review's job found it ("" for
     * none), by account index; and for the status report's check, which
     * accounts' parts are known valid. */
    char (*inputs)[RP_SHA256_HEX_SIZE];
    size_t n_inputs;
    bool *report_known;
    size_t n_report_known;
};

static enum rp_status worse(enum rp_status a, enum rp_status b)
{
    return b > a ? b : a;
}

static unsigned online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* ---- keys ---- */

/* The version, the templates and the configuration: what every document
 * depends on besides its data.  Anything else a template comes to read (a
 * logo beside the exports, say) must be added here or to the document's
 * data, or a change to it will not make the document again. */
static enum rp_status key_prefix(const struct rp_batch_options *o,
                                 char out[RP_SHA256_HEX_SIZE],
                                 struct rp_error *err)
{
    struct rp_sha256 *h = rp_sha256_begin();
    enum rp_status status;

    rp_sha256_add_str(h, "reportpipe " RP_VERSION);
    rp_sha256_add_str(h, "templates");
    status = rp_batch_hash_tree(h, o->templates, err);
    if (status == RP_OK) {
        rp_sha256_add_str(h, "config");
        status = rp_batch_hash_tree(h, o->merge.config_dir, err);
    }
    rp_sha256_end(h, out);
    return status;
}

/* Where an account's logo may be, under the input folder (the review
 * template's convention: docs/data-contract.md). */
static const char *const logo_extensions[] = {"png", "jpg", "jpeg", "svg"};

bool rp_batch_logo(const struct rp_batch_options *o, const char *account_id,
                   char *name, size_t size)
{
    size_t i;

    for (i = 0; i < sizeof(logo_extensions) / sizeof(logo_extensions[0]); i++) {
        char *path;
        bool found;

        snprintf(name, size, "logos/%s.%s", account_id, logo_extensions[i]);
        path = rp_batch_path(o->input, name);
        found = access(path, F_OK) == 0;
        free(path);
        if (found)
            return true;
    }
    if (size)
        name[0] = '\0';
    return false;
}

/*
 * A document's key: the prefix, its kind, the language asked for (none:
 * the account's country, which is in the data, decides), the hash of its
 * data and, for
 * an account's review, its logo's bytes (input/logos/ID.png|jpg|jpeg|
 * svg): an image the review shows from beside the exports, read only
 * when the review is rendered.
 */
static enum rp_status key_of(const struct rp_batch_options *o,
                             const char *prefix, const char *kind,
                             const char *data_hash, const char *account_id,
                             char out[RP_SHA256_HEX_SIZE], struct rp_error *err)
{
    struct rp_sha256 *h = rp_sha256_begin();
    enum rp_status status = RP_OK;
    size_t i;

    rp_sha256_add_str(h, prefix);
    rp_sha256_add_str(h, kind);
    rp_sha256_add_str(h, o->lang ? o->lang : "lang by country");
    rp_sha256_add_str(h, data_hash);
    for (i = 0; account_id &&
                i < sizeof(logo_extensions) / sizeof(logo_extensions[0]) &&
                status == RP_OK;
         i++) {
        char name[300];
        char *path;

        snprintf(name, sizeof(name), "logos/%s.%s", account_id,
                 logo_extensions[i]);
        path = rp_batch_path(o->input, name);
        if (access(path, F_OK) == 0) {
            rp_sha256_add_str(h, name);
            status = rp_sha256_add_file(h, path, err);
        }
        free(path);
    }
    rp_sha256_end(h, out);
    return status;
}

/* What decides whether anything needs doing: the documents' prefix, every
 * input file, the options that change the data, the day (a period left
 * to the data may follow the date), the workflow's requests and stored
 * contributions. */
static enum rp_status run_key(struct run *r, char out[RP_SHA256_HEX_SIZE],
                              struct rp_error *err)
{
    const struct rp_batch_options *o = r->o;
    struct rp_sha256 *h = rp_sha256_begin();
    enum rp_status status;
    char text[256];
    size_t i;

    rp_sha256_add_str(h, r->prefix);
    snprintf(text, sizeof(text), "period %lld %lld generated-day %lld",
             (long long)o->merge.period_start, (long long)o->merge.period_end,
             (long long)(o->merge.generated / 86400));
    rp_sha256_add_str(h, text);
    rp_sha256_add_str(h, o->merge.contributions_dir);
    rp_sha256_add_str(h, o->merge.schema_path);
    status = rp_batch_hash_tree(h, o->input, err);
    if (status == RP_OK && o->merge.contributions_dir)
        status = rp_batch_hash_tree(h, o->merge.contributions_dir, err);
    for (i = 0; r->reqs.loaded && i < r->reqs.list.n; i++) {
        const struct rp_workflow_request_info *q = &r->reqs.list.items[i];
        snprintf(text, sizeof(text), "%d %d %lld %s %s %s %d %d %d", q->year,
                 (int)q->stage, (long long)q->stage_since, q->since, q->meeting,
                 q->due, q->overdue, q->approval_waiting_days, q->drafts);
        rp_sha256_add_str(h, q->account);
        rp_sha256_add_str(h, text);
        rp_sha256_add_str(h, q->draft_sha256);
        rp_sha256_add_str(h, q->final_sha256);
        rp_sha256_add_str(h, q->final_path);
        rp_sha256_add_str(h, q->waits_on);
    }
    for (i = 0; i < o->merge.n_contributions; i++) {
        const struct rp_merge_contribution *c = &o->merge.contributions[i];
        rp_sha256_add_str(h, c->account_id);
        rp_sha256_add_str(h, c->kind);
        rp_sha256_add_str(h, c->text);
        rp_sha256_add_str(h, c->author);
    }
    rp_sha256_end(h, out);
    return status;
}

/* ---- one job, in a worker ---- */

/* FO past this many nodes is rendered streamed (about 60 pages). */
#define LARGE_FO_NODES 100000

static bool is_large(xmlDoc *fo)
{
    xmlNode *n = xmlDocGetRootElement(fo);
    size_t count = 0;

    /* Depth first, without recursion, stopping at the threshold. */
    while (n && count < LARGE_FO_NODES) {
        count++;
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent
                                                                 : NULL;
        if (n)
            n = n->next;
    }
    return count >= LARGE_FO_NODES;
}

/* Transforms data with sheet and renders the result to OUTPUT/document;
 * with keep_intermediate the FO goes to OUTPUT/intermediate/<label>.fo. */
static enum rp_status make_pdf(const struct rp_batch_options *o,
                               struct rp_stylesheet *sheet, xmlDoc *data,
                               const char *const *params,
                               const struct rp_transform_limits *limits,
                               const char *label, const char *pdf_path,
                               int *pages, struct rp_error *err)
{
    struct rp_render_options ropt = {0};
    struct rp_render_result result = {0};
    enum rp_status status;
    xmlDoc *fo = NULL;
    xmlChar *bytes = NULL;
    char *fo_path = NULL;
    int len = 0;

    status = rp_transform_apply(sheet, data, params, limits, &fo, err);
    if (status != RP_OK)
        goto out;
    if (o->keep_intermediate) {
        char name[300];
        snprintf(name, sizeof(name), "intermediate/%s.fo", label);
        fo_path = rp_batch_path(o->output, name);
        status = rp_xml_write_file(fo, fo_path, err);
        if (status != RP_OK)
            goto out;
    }
    ropt.created = o->created;
    /* Images: beside the templates (brand assets), then in the input
     * folder (input/logos/...). */
    ropt.base_dir = o->templates;
    ropt.assets_dir = o->input;
    if (!is_large(fo)) {
        status = rp_render_fo_to_pdf(fo, fo_path ? fo_path : label, pdf_path,
                                     &ropt, &result, err);
        *pages = result.pages;
        goto out;
    }
    /* Streamed from its bytes, the tree freed first: a 500-page status
     * report would otherwise hold its FO tree and its layout at once.
     * (Streaming costs a tenth more time: small documents keep the
     * tree.) */
    xmlDocDumpMemoryEnc(fo, &bytes, &len, "UTF-8");
    xmlFreeDoc(fo);
    fo = NULL;
    if (!bytes || len < 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, label, 0, NULL,
                              "cannot serialise the FO");
        goto out;
    }
    status = rp_render_fo_bytes_to_pdf((const char *)bytes, (size_t)len,
                                       fo_path ? fo_path : label, pdf_path,
                                       &ropt, &result, err);
    *pages = result.pages;
out:
    if (fo)
        xmlFreeDoc(fo);
    xmlFree(bytes);
    free(fo_path);
    return status;
}

/*
 * Renders to a temporary beside pdf while data is checked against
 * schema, and publishes the PDF only when the check passed.
 */
static enum rp_status make_checked_pdf(struct run *r,
                                       struct rp_stylesheet *sheet,
                                       xmlDoc *data, const char *schema,
                                       const char *label, const char *pdf,
                                       int *pages, struct rp_error *err)
{
    const char *params[] = {r->o->lang ? "lang" : NULL, r->o->lang, NULL};
    struct rp_batch_check check;
    struct rp_error check_err;
    enum rp_status status, verdict;
    size_t n = strlen(pdf) + sizeof(".tmp.verify");
    char *pending = rp_xmalloc(n);

    /* A name rp_batch_remove_temporaries() knows: a run killed here
     * leaves nothing the next one keeps. */
    snprintf(pending, n, "%s.tmp.verify", pdf);
    status = rp_batch_check_start(&check, data, schema, r->report_known,
                                  r->n_report_known, err);
    if (status != RP_OK)
        goto out;
    status = make_pdf(r->o, sheet, data, params, &r->limits, label, pending,
                      pages, err);
    rp_error_init(&check_err);
    verdict = rp_batch_check_finish(&check, &check_err);
    if (status == RP_OK && verdict != RP_OK) {
        *err = check_err;
        status = verdict;
    }
    if (status == RP_OK && rename(pending, pdf) != 0)
        status = rp_error_set(err, RP_ERR_INTERNAL, pdf, 0, NULL,
                              "cannot rename %s into place: %s", pending,
                              strerror(errno));
out:
    if (status != RP_OK)
        unlink(pending);
    free(pending);
    return status;
}

/* Whether document is on record as made with key, and is there. */
static bool made_with(const struct rp_batch_options *o, const char *document,
                      const char *old, const char *key)
{
    char *pdf;
    bool made;

    /* --keep-intermediate asks for every document's FO: all are made. */
    if (o->force || o->keep_intermediate || !old[0] || strcmp(old, key) != 0)
        return false;
    pdf = rp_batch_path(o->output, document);
    made = access(pdf, R_OK) == 0;
    free(pdf);
    return made;
}

/*
 * Makes document from data unless its key is the one on record.  With a
 * schema, data is checked against it (only when the document is made:
 * the same key means the same data, checked when it was made).  A
 * review's inputs digest and data hash go on record with its key.
 */
static enum rp_status make_document(struct run *r, struct rp_stylesheet *sheet,
                                    xmlDoc *data, const char *const *params,
                                    const char *schema, const char *key,
                                    const char *inputs, const char *data_hash,
                                    const char *label, const char *document,
                                    struct rp_batch_outcome *out,
                                    struct rp_error *err)
{
    const struct rp_batch_options *o = r->o;
    char old[RP_SHA256_HEX_SIZE], old_inputs[RP_SHA256_HEX_SIZE],
        old_data[RP_SHA256_HEX_SIZE];
    char *pdf;
    enum rp_status status;

    rp_batch_key_read(o->output, document, old, old_inputs, old_data);
    if (made_with(o, document, old, key)) {
        out->result = RP_BATCH_SKIPPED;
        return RP_OK;
    }
    rp_batch_key_forget(o->output, document);
    pdf = rp_batch_path(o->output, document);
    if (schema)
        status = make_checked_pdf(r, sheet, data, schema, label, pdf,
                                  &out->pages, err);
    else
        status = make_pdf(o, sheet, data, params, &r->limits, label, pdf,
                          &out->pages, err);
    if (status == RP_OK)
        status = rp_batch_key_write(o->output, document, key, inputs, data_hash,
                                    err);
    out->result = RP_BATCH_BUILT;
    free(pdf);
    return status;
}

/*
 * Whether account's review is on record as made from these inputs
 * (rp_merge_account_inputs()) with the key they give now: then its data
 * is the data it was made from, whose hash is on record too (data_hash),
 * and need not be made again to learn that nothing changed.  Any doubt
 * (no record, another key, a logo that cannot be read) says no, and the
 * data is made and hashed.
 */
static bool inputs_unchanged(struct run *r, const struct rp_account *a,
                             const char *document, const char *inputs,
                             char data_hash[RP_SHA256_HEX_SIZE])
{
    char old[RP_SHA256_HEX_SIZE], old_inputs[RP_SHA256_HEX_SIZE],
        key[RP_SHA256_HEX_SIZE];
    struct rp_error err;

    rp_batch_key_read(r->o->output, document, old, old_inputs, data_hash);
    if (!old_inputs[0] || strcmp(old_inputs, inputs) != 0)
        return false;
    rp_error_init(&err);
    return key_of(r->o, r->prefix, "review", data_hash, a->id, key, &err) ==
               RP_OK &&
           made_with(r->o, document, old, key);
}

static enum rp_status do_review(struct run *r, const struct rp_batch_job *job,
                                struct rp_batch_outcome *out,
                                struct rp_error *err)
{
    const struct rp_account *a = rp_merge_account_at(r->merged, job->index);
    const char *params[7] = {"account-id", a->id};
    size_t n = 2;
    char logo[300];
    char key[RP_SHA256_HEX_SIZE], data_hash[RP_SHA256_HEX_SIZE],
        inputs[RP_SHA256_HEX_SIZE];
    char document[300], label[300];
    enum rp_status status;
    xmlDoc *doc = NULL;

    if (rp_batch_logo(r->o, a->id, logo, sizeof(logo))) {
        params[n++] = "logo";
        params[n++] = logo;
    }
    if (r->o->lang) {
        params[n++] = "lang";
        params[n++] = r->o->lang;
    }
    params[n] = NULL;
    snprintf(document, sizeof(document), "reviews/%s.pdf", a->id);
    rp_merge_account_inputs(r->merged, job->index, inputs);
    memcpy(out->inputs, inputs, sizeof(out->inputs));
    if (inputs_unchanged(r, a, document, inputs, data_hash)) {
        out->result = RP_BATCH_SKIPPED;
        status = RP_OK;
        goto out;
    }
    status = rp_merge_account_doc(r->merged, job->index, &doc, err);
    if (status != RP_OK)
        goto out;
    /* Reduced to what decides the review, the portfolio's figures gone:
     * a ticket of another account changes nothing here. */
    rp_batch_reduce(doc, a->id);
    status = rp_batch_reduced_hash(doc, data_hash, err);
    if (status != RP_OK)
        goto out;
    status = key_of(r->o, r->prefix, "review", data_hash, a->id, key, err);
    if (status != RP_OK)
        goto out;
    snprintf(label, sizeof(label), "review-%s", a->id);
    status = make_document(r, r->review, doc, params, NULL, key, inputs,
                           data_hash, label, document, out, err);
out:
    if (status == RP_OK && job->data_hash)
        snprintf(out->data_hash, sizeof(out->data_hash), "%s", data_hash);
    if (doc)
        xmlFreeDoc(doc);
    return status;
}

static void do_job(void *ctx, const struct rp_batch_job *job,
                   struct rp_batch_outcome *out)
{
    struct run *r = ctx;
    struct timespec start;
    enum rp_status status;

    clock_gettime(CLOCK_MONOTONIC, &start);
    memset(out, 0, sizeof(*out));
    out->kind = job->kind;
    out->index = job->index;
    rp_error_init(&out->err);
    status = do_review(r, job, out, &out->err);
    if (status != RP_OK)
        out->result = RP_BATCH_FAILED;
    out->seconds = rp_clock_seconds_since(&start);
}

/* ---- the run's side ---- */

static struct rp_batch_record *add_record(struct run *r, const char *document,
                                          const char *account)
{
    struct rp_batch_record *d;

    rp_array_grow((void **)&r->docs, &r->cap_docs, r->n_docs + 1,
                  sizeof(*r->docs));
    d = &r->docs[r->n_docs++];
    memset(d, 0, sizeof(*d));
    d->document = rp_xstrdup(document);
    d->account = account ? rp_xstrdup(account) : NULL;
    return d;
}

static void progress(struct run *r, const char *stage, size_t total)
{
    const struct rp_batch_options *o = r->o;

    if (stage) {
        memset(&r->progress, 0, sizeof(r->progress));
        r->progress.stage = stage;
        r->progress.total = total;
        clock_gettime(CLOCK_MONOTONIC, &r->stage_start);
    }
    r->progress.elapsed = rp_clock_seconds_since(&r->stage_start);
    if (o->on_progress)
        o->on_progress(o->on_progress_ctx, &r->progress);
}

/* What the run does with a finished job. */
static enum rp_status take_outcome(struct run *r,
                                   const struct rp_batch_outcome *out)
{
    const struct rp_batch_options *o = r->o;
    struct rp_batch_summary *s = r->summary;
    enum rp_status status = RP_OK;
    struct rp_batch_record *d;
    char name[300];

    if (out->kind == RP_BATCH_DOC_REVIEW) {
        const struct rp_account *a = rp_merge_account_at(r->merged, out->index);
        snprintf(name, sizeof(name), "reviews/%s.pdf", a->id);
        d = add_record(r, name, a->id);
    } else {
        d = add_record(r, REPORT_NAME, NULL);
    }
    d->pages = out->pages;
    d->seconds = out->seconds;
    r->progress.done++;
    switch (out->result) {
    case RP_BATCH_NOT_ATTEMPTED:
    case RP_BATCH_FAILED:
        /* Not attempted: the run said why once, for all of them. */
        if (out->result == RP_BATCH_FAILED)
            rp_batch_report(o, &out->err);
        status = out->err.status != RP_OK ? out->err.status : RP_ERR_INTERNAL;
        d->result = out->result == RP_BATCH_FAILED ? "failed" : "not attempted";
        {
            char why[2048];
            rp_error_format(&out->err, why, sizeof(why));
            d->why = rp_xstrdup(why);
        }
        r->progress.failed++;
        if (out->kind == RP_BATCH_DOC_REVIEW)
            s->reviews_failed++;
        break;
    case RP_BATCH_SKIPPED:
        d->result = "skipped";
        r->progress.skipped++;
        if (out->kind == RP_BATCH_DOC_REVIEW) {
            s->reviews_done++;
            s->reviews_skipped++;
        } else {
            s->report_done = true;
            s->report_skipped = true;
        }
        break;
    case RP_BATCH_BUILT:
        d->result = "built";
        r->progress.built++;
        if (out->kind == RP_BATCH_DOC_REVIEW) {
            s->reviews_done++;
            s->review_pages += out->pages;
        } else {
            s->report_done = true;
            s->report_pages = out->pages;
        }
        break;
    }
    if (out->kind == RP_BATCH_DOC_REVIEW && out->index < r->n_inputs)
        memcpy(r->inputs[out->index], out->inputs, sizeof(out->inputs));
    if (out->kind == RP_BATCH_DOC_REVIEW && out->result != RP_BATCH_FAILED &&
        out->data_hash[0]) {
        struct rp_error err;
        const struct rp_account *a = rp_merge_account_at(r->merged, out->index);

        rp_error_init(&err);
        if (rp_batch_note_data(o, &r->reqs, a->id, out->data_hash, &err) !=
            RP_OK) {
            rp_batch_report(o, &err);
            status = worse(status, err.status);
        }
    }
    progress(r, NULL, 0);
    return status;
}

/* A document that failed before it could be attempted. */
static void failed_record(struct run *r, const char *document,
                          const struct rp_error *err)
{
    struct rp_batch_record *d = add_record(r, document, NULL);
    char why[2048];

    rp_batch_report(r->o, err);
    rp_error_format(err, why, sizeof(why));
    d->result = "failed";
    d->why = rp_xstrdup(why);
    r->progress.done++;
    r->progress.failed++;
}

/*
 * The status report, last and in this process: its data (the summary,
 * with the workflow's requests as they stand after the drafts) is made
 * first, then the merge and the exports are released, so the report's FO
 * tree, the largest thing a run holds, never shares memory with the
 * portfolio.  The data is checked against the schema while the report is
 * rendered (make_checked_pdf()).
 */
/* What names account i's part of the status report's data as checked:
 * its inputs and what they are checked with (the prefix holds the schema,
 * beside the templates). */
static void checked_key(const struct run *r, size_t i,
                        char out[RP_SHA256_HEX_SIZE])
{
    struct rp_sha256 *h = rp_sha256_begin();

    rp_sha256_add_str(h, r->prefix);
    rp_sha256_add_str(h, "checked account");
    rp_sha256_add_str(h, r->inputs[i]);
    rp_sha256_end(h, out);
}

/*
 * Which accounts' parts of the report's data passed an earlier check
 * with the inputs they have now (r->report_known), and the keys of every
 * account whose inputs are known, to be on record once this check
 * passes.  Accounts whose reviews were not looked at in this run
 * (--status-report-only) have no inputs: they are checked.
 */
static GHashTable *known_checked(struct run *r)
{
    GHashTable *before = rp_batch_checked_read(r->o->output);
    GHashTable *now =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char key[RP_SHA256_HEX_SIZE];
    size_t i;

    free(r->report_known);
    r->report_known = rp_xcalloc(r->n_inputs + 1, sizeof(*r->report_known));
    r->n_report_known = r->n_inputs;
    for (i = 0; i < r->n_inputs; i++) {
        if (!r->inputs[i][0])
            continue;
        checked_key(r, i, key);
        r->report_known[i] = before && g_hash_table_contains(before, key);
        g_hash_table_add(now, g_strdup(key));
    }
    if (before)
        g_hash_table_destroy(before);
    return now;
}

/* OUTPUT/unmatched-tickets.csv from the report's data (unmatched.c). */
static enum rp_status write_unmatched(struct run *r, xmlDoc *summary)
{
    char *path = rp_batch_path(r->o->output, RP_BATCH_UNMATCHED_CSV);
    struct rp_error err;
    enum rp_status status;

    rp_error_init(&err);
    status = rp_batch_unmatched_csv(summary, path, &r->summary->unmatched_rows,
                                    &err);
    if (status == RP_OK)
        r->summary->unmatched_csv = true;
    else
        rp_batch_report(r->o, &err);
    free(path);
    return status;
}

static enum rp_status make_report(struct run *r, struct rp_dataset *data)
{
    const struct rp_batch_options *o = r->o;
    char data_hash[RP_SHA256_HEX_SIZE], key[RP_SHA256_HEX_SIZE];
    struct rp_batch_outcome out;
    struct timespec start;
    enum rp_status status, csv_status = RP_OK;
    xmlDoc *doc = NULL;
    GHashTable *checked = NULL;

    clock_gettime(CLOCK_MONOTONIC, &start);
    memset(&out, 0, sizeof(out));
    out.kind = RP_BATCH_DOC_REPORT;
    rp_error_init(&out.err);
    status = rp_merge_summary_doc(r->merged, &doc, &out.err);
    if (status == RP_OK)
        status = rp_batch_add_requests(o, &r->reqs, doc, &out.err);
    if (status == RP_OK)
        status = rp_batch_reduced_hash(doc, data_hash, &out.err);
    if (status != RP_OK) {
        failed_record(r, REPORT_NAME, &out.err);
        goto out;
    }
    if (key_of(o, r->prefix, "status-report", data_hash, NULL, key, &out.err) !=
        RP_OK) {
        failed_record(r, REPORT_NAME, &out.err);
        goto out;
    }
    /* Beside the report, whether or not the report itself is made again:
     * both always describe the same data. */
    csv_status = write_unmatched(r, doc);
    if (r->schema_path)
        checked = known_checked(r);
    rp_merge_free(r->merged);
    r->merged = NULL;
    rp_dataset_release(data);
    rp_dataset_init(data);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    status = make_document(r, r->report, doc, NULL, r->schema_path, key, NULL,
                           NULL, "status-report", REPORT_NAME, &out, &out.err);
    if (status != RP_OK)
        out.result = RP_BATCH_FAILED;
    /* Checked now, or known from before: on record for the next run. */
    if (status == RP_OK && out.result == RP_BATCH_BUILT && checked) {
        struct rp_error err;

        rp_error_init(&err);
        if (rp_batch_checked_write(o->output, checked, &err) != RP_OK)
            rp_batch_report(o, &err);
    }
    out.seconds = rp_clock_seconds_since(&start);
    status = take_outcome(r, &out);
out:
    if (checked)
        g_hash_table_destroy(checked);
    if (doc)
        xmlFreeDoc(doc);
    return worse(status, csv_status);
}

static bool wanted(const struct rp_batch_options *o, const char *id)
{
    size_t i;

    if (!o->n_only)
        return true;
    for (i = 0; i < o->n_only; i++) {
        if (strcmp(o->only[i], id) == 0)
            return true;
    }
    return false;
}

/* Every --only id is an account of the data. */
static enum rp_status check_only(struct run *r, struct rp_error *err)
{
    size_t i, j, n = rp_merge_account_count(r->merged);

    for (i = 0; i < r->o->n_only; i++) {
        for (j = 0; j < n; j++) {
            if (strcmp(rp_merge_account_at(r->merged, j)->id, r->o->only[i]) ==
                0)
                break;
        }
        if (j == n)
            return rp_error_set(err, RP_ERR_INPUT, r->o->input, 0, "Account ID",
                                "--only names account '%s', which the CRM "
                                "exports do not hold",
                                r->o->only[i]);
    }
    return RP_OK;
}

/* A review the run does not make: an id that cannot name a file, or the
 * approved one kept.  True when handled here. */
static bool review_without_job(struct run *r, size_t i, enum rp_status *overall)
{
    const struct rp_batch_options *o = r->o;
    const struct rp_account *a = rp_merge_account_at(r->merged, i);
    struct rp_error err;
    char name[300];
    struct rp_batch_record *d;
    bool approved = false;
    char *pdf;

    rp_error_init(&err);
    if (!rp_safe_file_name(a->id)) {
        rp_error_set(&err, RP_ERR_INPUT, a->source_file, a->source_line,
                     "Account ID",
                     "account id '%s' cannot name a file (letters, digits, "
                     "'-', '_' and '.' only); its review was not rendered",
                     a->id);
    } else {
        snprintf(name, sizeof(name), "reviews/%s.pdf", a->id);
        pdf = rp_batch_path(o->output, name);
        if (rp_batch_approved_review(&r->reqs, a->id, pdf, &approved, &err) ==
                RP_OK &&
            approved)
            rp_batch_key_forget(o->output, name);
        free(pdf);
        if (err.status == RP_OK && !approved)
            return false;
    }
    snprintf(name, sizeof(name), "reviews/%s.pdf", a->id);
    d = add_record(r, name, a->id);
    r->progress.done++;
    if (approved) {
        d->result = "approved";
        r->summary->reviews_done++;
        r->summary->reviews_approved++;
        r->progress.skipped++;
        return true;
    }
    rp_batch_report(o, &err);
    {
        char why[2048];
        rp_error_format(&err, why, sizeof(why));
        d->why = rp_xstrdup(why);
    }
    d->result = "failed";
    r->summary->reviews_failed++;
    r->progress.failed++;
    *overall = worse(*overall, err.status);
    return true;
}

/* Reviews failed in a row, from the first, in the template itself,
 * before the run stops trying it. */
#define TEMPLATE_TRIES 3

/*
 * A template that fails every review (an endless loop stopped by its
 * time limit, an error in the template) would cost each account its
 * budget, hours over a portfolio.  The failures that count are the
 * template's own: the error names a file under the templates folder.
 */
static bool template_broken(struct run *r, const struct rp_batch_outcome *out)
{
    const char *dir = r->o->templates;
    size_t n = strlen(dir);

    if (out->kind != RP_BATCH_DOC_REVIEW || r->template_ok)
        return false;
    if (out->result == RP_BATCH_BUILT || out->result == RP_BATCH_SKIPPED) {
        r->template_ok = true;
        return false;
    }
    if (strncmp(out->err.file, dir, n) != 0 || out->err.file[n] != '/')
        return false;
    return ++r->template_failures == TEMPLATE_TRIES;
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ids: the merge's account ids, sorted. */
struct account_ids {
    const char **v;
    size_t n;
};

static bool in_merge(void *ctx, const char *id)
{
    const struct account_ids *ids = ctx;

    return bsearch(&id, ids->v, ids->n, sizeof(*ids->v), compare_ids) != NULL;
}

/* A run that makes every review also removes those of accounts gone from
 * the exports: the output is the set of this data, not of every night. */
static void remove_stale_reviews(struct run *r)
{
    struct account_ids ids;
    size_t i;

    ids.n = rp_merge_account_count(r->merged);
    ids.v = rp_xcalloc(ids.n + 1, sizeof(*ids.v));
    for (i = 0; i < ids.n; i++)
        ids.v[i] = rp_merge_account_at(r->merged, i)->id;
    qsort(ids.v, ids.n, sizeof(*ids.v), compare_ids);
    r->summary->reviews_removed =
        rp_batch_remove_stale_reviews(r->o->output, in_merge, &ids);
    free(ids.v);
}

/* Every document: the reviews wanted, then the status report unless
 * --only.  data is released before the report. */
static enum rp_status render_all(struct run *r, struct rp_dataset *data,
                                 struct rp_error *err)
{
    const struct rp_batch_options *o = r->o;
    size_t n = rp_merge_account_count(r->merged), i, n_jobs = 0;
    bool report = !o->n_only;
    bool reviews = !o->status_report_only;
    struct rp_batch_job *jobs = rp_xcalloc(n + 1, sizeof(*jobs));
    struct rp_batch_pool *pool = NULL;
    struct rp_batch_outcome out;
    enum rp_status status, overall = RP_OK;
    unsigned workers = o->jobs ? o->jobs : online_cores();

    r->inputs = rp_xcalloc(n + 1, sizeof(*r->inputs));
    r->n_inputs = n;

    status = check_only(r, err);
    if (status != RP_OK)
        goto out;
    if (reviews && !o->n_only)
        remove_stale_reviews(r);
    progress(r, "render", (reviews ? (o->n_only ? o->n_only : n) : 0) + report);
    for (i = 0; i < n && reviews; i++) {
        const struct rp_account *a = rp_merge_account_at(r->merged, i);

        if (!wanted(o, a->id) || review_without_job(r, i, &overall))
            continue;
        jobs[n_jobs].kind = RP_BATCH_DOC_REVIEW;
        jobs[n_jobs].index = i;
        jobs[n_jobs].data_hash =
            o->workflow && rp_batch_has_request(&r->reqs, a->id);
        n_jobs++;
    }
    if (workers > n_jobs)
        workers = (unsigned)n_jobs;
    /* Workers have the merge of their fork; the store stays here. */
    status = rp_batch_pool_start(&pool, workers, do_job, r, -1, err);
    if (status != RP_OK)
        goto out;
    for (i = 0; i < n_jobs; i++)
        rp_batch_pool_submit(pool, &jobs[i]);
    progress(r, NULL, 0);
    while (rp_batch_pool_next(pool, &out)) {
        overall = worse(overall, take_outcome(r, &out));
        if (template_broken(r, &out)) {
            size_t left = rp_batch_pool_cancel(
                pool, "not attempted: the review template failed the "
                      "first reviews it was given (see the errors above)");
            rp_log_warn("the review template failed the first %d reviews "
                        "it was given, each in the template itself; the "
                        "other %zu are not attempted: fix the template and "
                        "run again",
                        TEMPLATE_TRIES, left);
        }
    }
    rp_batch_pool_finish(pool);
    pool = NULL;
    if (report) {
        /* The drafts just made may have moved requests: the report shows
         * them as they stand now. */
        rp_batch_requests_release(&r->reqs);
        rp_batch_requests_load(o, &r->reqs);
        overall = worse(overall, make_report(r, data));
    }
out:
    rp_batch_pool_finish(pool);
    free(jobs);
    return overall != RP_OK ? overall : status;
}

static int compare_records(const void *a, const void *b)
{
    return strcmp(((const struct rp_batch_record *)a)->document,
                  ((const struct rp_batch_record *)b)->document);
}

/* The documents of a complete run, for the next one's quick check. */
static enum rp_status record_run(struct run *r, const char *key,
                                 struct rp_error *err)
{
    const char **names = rp_xcalloc(r->n_docs + 1, sizeof(*names));
    enum rp_status status;
    size_t i;

    for (i = 0; i < r->n_docs; i++)
        names[i] = r->docs[i].document;
    status = rp_batch_run_record(r->o->output, key, names, r->n_docs, err);
    free(names);
    return status;
}

/* Makes the renames of the run durable: the folders' entries. */
static void sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return;
    if (fsync(fd) != 0)
        rp_log_debug("%s: fsync: %s", dir, strerror(errno));
    close(fd);
}

static void log_merge(const struct rp_merge_stats *m, double seconds)
{
    rp_log_info("merge: %zu accounts, %zu tickets in %s..%s, %zu unmatched "
                "(matched by id %zu, map %zu, domain %zu, name %zu), %zu "
                "contributions (%.2f s)",
                m->accounts, m->tickets, m->period_start, m->period_end,
                m->tickets_unmatched, m->matched_by_id, m->matched_by_map,
                m->matched_by_domain, m->matched_by_name, m->contributions,
                seconds);
    if (m->tickets_unmatched)
        rp_log_warn("%zu tickets could not be matched to a CRM account; "
                    "the status report lists them by organisation",
                    m->tickets_unmatched);
}

/* Imports and merges; *merged on RP_OK or RP_ERR_INPUT (rows or files
 * left out). */
static enum rp_status import_and_merge(struct run *r, struct rp_dataset *data,
                                       struct rp_merge_options *mopt,
                                       struct rp_batch_failed_files *files,
                                       struct rp_merge_stats *mstats,
                                       struct rp_batch_stage_times *t,
                                       struct rp_error *err)
{
    const struct rp_batch_options *o = r->o;
    struct rp_batch_summary *s = r->summary;
    char *rejects_dir = rp_batch_path(o->output, "rejects");
    enum rp_status status, overall = RP_OK;
    struct timespec stage;

    clock_gettime(CLOCK_MONOTONIC, &stage);
    progress(r, "import", 0);
    status = rp_batch_import_all(o, rejects_dir, data, &s->rows_rejected, files,
                                 err);
    t->import = rp_clock_seconds_since(&stage);
    if (status != RP_OK)
        goto out;
    s->files_failed = files->count;
    if (files->count) {
        rp_log_warn("%zu export%s could not be read and %s left out; the "
                    "documents are made from the others: %s%s",
                    files->count, files->count == 1 ? "" : "s",
                    files->count == 1 ? "was" : "were", files->first,
                    files->count > 1 ? " (and more, above)" : "");
        overall = RP_ERR_INPUT;
    }
    if (s->rows_rejected) {
        rp_log_warn("%zu rows were rejected; see %s", s->rows_rejected,
                    rejects_dir);
        overall = RP_ERR_INPUT;
    }

    clock_gettime(CLOCK_MONOTONIC, &stage);
    progress(r, "merge", 0);
    /* The status report's data is validated (report_payload()); checking
     * each account's document too would cost an eighth of the run, for
     * code `reportpipe merge`, the snapshots and the tests validate. */
    r->schema_path = mopt->schema_path;
    mopt->schema_path = NULL;
    status = rp_merge_prepare(data, mopt, &r->merged, mstats, err);
    if (status != RP_OK)
        goto out;
    s->accounts = mstats->accounts;
    s->contributions_failed = mstats->contributions_failed;
    if (mstats->contributions_failed)
        overall = RP_ERR_INPUT;
    if (o->keep_intermediate) {
        char *path = rp_batch_path(o->output, "intermediate/review-data.xml");
        xmlDoc *doc = NULL;
        status = rp_merge_document(r->merged, &doc, err);
        if (status == RP_OK)
            status = rp_xml_write_file(doc, path, err);
        if (doc)
            xmlFreeDoc(doc);
        free(path);
        if (status != RP_OK)
            goto out;
    }
    t->merge = rp_clock_seconds_since(&stage);
    log_merge(mstats, t->merge);
out:
    free(rejects_dir);
    return status != RP_OK ? status : overall;
}

/* Whether OUTPUT/name is a file: an output made beside the documents,
 * which the last complete run's record does not list. */
static bool output_there(const struct rp_batch_options *o, const char *name)
{
    char *path = rp_batch_path(o->output, name);
    bool there = access(path, R_OK) == 0;

    free(path);
    return there;
}

enum rp_status rp_batch_run(const struct rp_batch_options *o,
                            struct rp_batch_summary *summary,
                            struct rp_error *err)
{
    struct run r;
    struct rp_batch_lock lock = {-1};
    struct rp_dataset data;
    struct rp_merge_options mopt;
    struct rp_merge_stats mstats;
    struct rp_batch_stored stored;
    struct rp_batch_failed_files files;
    struct rp_batch_stage_times t = {0};
    struct timespec start, stage;
    char key[RP_SHA256_HEX_SIZE] = "";
    char *schema = NULL, *contributions = NULL, *path = NULL;
    enum rp_status status, overall = RP_OK;
    bool full = !o->n_only && !o->status_report_only;
    bool unchanged = false, merged = false;
    size_t removed, i;

    clock_gettime(CLOCK_MONOTONIC, &start);
    memset(&r, 0, sizeof(r));
    memset(summary, 0, sizeof(*summary));
    memset(&stored, 0, sizeof(stored));
    memset(&files, 0, sizeof(files));
    memset(&mstats, 0, sizeof(mstats));
    r.o = o;
    r.summary = summary;
    rp_dataset_init(&data);
    rp_batch_merge_options(o, &mopt, &schema, &contributions);

    status = rp_batch_lock_take(o->output, &lock, err);
    if (status != RP_OK)
        goto out;
    removed = rp_batch_remove_temporaries(o->output);
    if (removed)
        rp_log_warn("removed %zu temporary file%s an interrupted run left in "
                    "%s",
                    removed, removed == 1 ? "" : "s", o->output);
    /* Before the long work: a wrong limits.xml or language stops the run
     * at once, as a wrong sla.xml does. */
    status = rp_batch_check_lang(o, err);
    if (status == RP_OK)
        status = rp_transform_limits_load(&r.limits, o->merge.config_dir, err);
    if (status != RP_OK)
        goto out;
    /* The drafts a run makes hold what contributors handed in through the
     * workflow, as submit's do: the same data, the same data hash. */
    if (o->workflow && !mopt.contributions) {
        status = rp_batch_stored_load(o->workflow, &stored, &mopt, err);
        if (status != RP_OK)
            goto out;
    }
    rp_batch_requests_load(o, &r.reqs);
    status = key_prefix(o, r.prefix, err);
    if (status != RP_OK)
        goto out;
    if (full && !o->keep_intermediate) {
        struct rp_batch_options with = *o;
        with.merge = mopt;
        r.o = &with;
        status = run_key(&r, key, err);
        r.o = o;
        if (status != RP_OK)
            goto out;
        char **names = NULL;
        size_t n_names = 0;
        unchanged = !o->force &&
                    rp_batch_run_unchanged(o->output, key, &names, &n_names) &&
                    output_there(o, RP_BATCH_UNMATCHED_CSV);
        for (i = 0; i < n_names; i++) {
            if (unchanged) {
                struct rp_batch_record *d = add_record(&r, names[i], NULL);
                d->result = "skipped";
                r.progress.skipped++;
                r.progress.done++;
                if (strncmp(names[i], "reviews/", 8) == 0) {
                    summary->reviews_done++;
                    summary->reviews_skipped++;
                }
            }
            free(names[i]);
        }
        free(names);
        if (unchanged) {
            rp_log_info("run: nothing changed since the last complete run; "
                        "its %zu documents in %s are up to date",
                        n_names, o->output);
            goto out;
        }
    }
    /* From here on the output changes: until this run completes, the
     * record of the last complete one no longer describes it, and the
     * summary says a run is under way (and, if it is killed, that the set
     * is not complete). */
    rp_batch_run_forget(o->output);
    status = rp_batch_summary_running(o, err);
    if (status != RP_OK)
        goto out;

    status = import_and_merge(&r, &data, &mopt, &files, &mstats, &t, err);
    merged = r.merged != NULL;
    if (!merged)
        goto out;
    overall = worse(overall, status);
    status = RP_OK;

    clock_gettime(CLOCK_MONOTONIC, &stage);
    path = rp_batch_path(o->templates, "annual-review.xsl");
    status = rp_transform_load(path, &r.review, err);
    free(path);
    path = rp_batch_path(o->templates, "status-report.xsl");
    if (status == RP_OK)
        status = rp_transform_load(path, &r.report, err);
    if (status != RP_OK)
        goto out;
    overall = worse(overall, render_all(&r, &data, err));
    t.render = rp_clock_seconds_since(&stage);
    /* Workers finish in any order; the record of them does not. */
    if (r.n_docs > 1)
        qsort(r.docs, r.n_docs, sizeof(*r.docs), compare_records);
    {
        char *reviews = rp_batch_path(o->output, "reviews");
        sync_folder(reviews);
        sync_folder(o->output);
        free(reviews);
    }
    rp_log_info(
        "render: %zu documents: %zu built, %zu unchanged, %zu failed; "
        "%zu reviews (%d pages built) in %s/reviews, status report "
        "%s (%d pages), %zu approved kept, %zu of accounts gone removed "
        "(%.2f s)",
        r.n_docs, r.progress.built, r.progress.skipped, r.progress.failed,
        summary->reviews_done, summary->review_pages, o->output,
        summary->report_done ? (summary->report_skipped ? "unchanged" : "built")
        : o->n_only          ? "not asked for"
                             : "FAILED",
        summary->report_pages, summary->reviews_approved,
        summary->reviews_removed, t.render);
    if (full && key[0] && !r.progress.failed && !summary->files_failed &&
        !summary->contributions_failed) {
        struct rp_error rec_err;
        rp_error_init(&rec_err);
        if (record_run(&r, key, &rec_err) != RP_OK)
            rp_batch_report(o, &rec_err);
    }
out:
    overall = worse(overall, status);
    if (lock.fd >= 0) {
        struct rp_error sum_err;
        t.total = rp_clock_seconds_since(&start);
        if (unchanged)
            summary->report_done = summary->report_skipped = true;
        rp_error_init(&sum_err);
        if (rp_batch_summary_write(o, summary, r.docs, r.n_docs, &r.progress,
                                   merged ? &files : NULL,
                                   merged ? &mstats : NULL, &t, overall,
                                   unchanged, &sum_err) != RP_OK) {
            rp_batch_report(o, &sum_err);
            overall = worse(overall, sum_err.status);
        }
    }
    rp_batch_lock_release(&lock);
    rp_transform_free(r.review);
    rp_transform_free(r.report);
    rp_merge_free(r.merged);
    rp_batch_requests_release(&r.reqs);
    for (i = 0; i < r.n_docs; i++) {
        free(r.docs[i].document);
        free(r.docs[i].account);
        free(r.docs[i].why);
    }
    free(r.docs);
    free(r.inputs);
    free(r.report_known);
    rp_dataset_release(&data);
    rp_batch_stored_release(&stored);
    rp_batch_failed_files_release(&files);
    free(schema);
    free(contributions);
    free(path);
    return overall;
}
