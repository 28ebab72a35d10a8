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
 * This file is the run's order: the lock, the quick check, import and
 * merge, the pool and what it hands back, the status report's place in
 * the run and the summary.  How one document is keyed and made, whether
 * in a worker or here, is document.c's.  The run's key is a document's
 * (document.c) plus every input file and the workflow's requests.
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
#include "common/xml.h"
#include "transform/transform.h"

#define REPORT_NAME "status-report.pdf"

static enum rp_status worse(enum rp_status a, enum rp_status b)
{
    return b > a ? b : a;
}

static unsigned online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
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
    status = rp_batch_make_review(r, job, out, &out->err);
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
    if (rp_batch_key_of(o, r->prefix, "status-report", data_hash, NULL, key,
                        &out.err) != RP_OK) {
        failed_record(r, REPORT_NAME, &out.err);
        goto out;
    }
    /* Beside the report, whether or not the report itself is made again:
     * both always describe the same data. */
    csv_status = rp_batch_write_unmatched(r, doc);
    if (r->schema_path)
        checked = rp_batch_known_checked(r);
    rp_merge_free(r->merged);
    r->merged = NULL;
    rp_dataset_release(data);
    rp_dataset_init(data);
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    status = rp_batch_make_document(r, r->report, doc, NULL, r->schema_path,
                                    key, NULL, NULL, "status-report",
                                    REPORT_NAME, &out, &out.err);
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
    status = rp_batch_key_prefix(o, r.prefix, err);
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
