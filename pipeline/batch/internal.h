/* What the batch stage's files share and nobody else sees: helpers of
 * the import, the workflow and the state kept beside the output, the
 * worker pool, and the run (struct run) that run.c drives and document.c
 * makes documents for. */
#ifndef RP_BATCH_INTERNAL_H
#define RP_BATCH_INTERNAL_H

#include <sys/types.h>
#include <time.h>

#include <glib.h>

#include "batch.h"
#include "common/hash.h"
#include "import/import.h"
#include "transform/transform.h"

/* dir/name, malloc'd: the caller frees it. */
char *rp_batch_path(const char *dir, const char *name);

/*
 * The account's logo beside the exports (docs/data-contract.md): the
 * first of logos/ID.png, .jpg, .jpeg, .svg under o->input that exists,
 * as that relative name in name[size] (the review template's parameter
 * logo: the renderer finds it in the input folder, its assets folder).
 * false, name empty: the account has none.
 */
bool rp_batch_logo(const struct rp_batch_options *o, const char *account_id,
                   char *name, size_t size);

/*
 * Imports every export of o->input into data (rejected rows to
 * rejects_dir), logging one summary line per file; *rejected counts the
 * rows rejected over all files.  failed NULL: the first file that cannot
 * be read stops the import (err says why).  Otherwise such a file costs
 * only itself: its error goes to o->on_error, its name and why to
 * *failed, and the others are imported; err is then set only when no
 * export is left at all.
 */
struct rp_batch_file_report {
    char *path;                   /* owned */
    bool failed;                  /* could not be read: left out */
    struct rp_import_stats stats; /* when read */
    char why[1024];               /* when failed */
};
struct rp_batch_failed_files {
    size_t count;
    char first[1024]; /* "FILE: why" of the first */
    /* Every export, in the order read; release with
     * rp_batch_failed_files_release(). */
    struct rp_batch_file_report *files;
    size_t n_files;
};
void rp_batch_failed_files_release(struct rp_batch_failed_files *f);
enum rp_status rp_batch_import_all(const struct rp_batch_options *o,
                                   const char *rejects_dir,
                                   struct rp_dataset *data, size_t *rejected,
                                   struct rp_batch_failed_files *failed,
                                   struct rp_error *err) RP_MUST_CHECK;

/* o->merge with the schema and contributions defaults of a run filled in;
 * *schema and *contributions hold what was allocated for them (the
 * caller frees both). */
void rp_batch_merge_options(const struct rp_batch_options *o,
                            struct rp_merge_options *m, char **schema,
                            char **contributions);

/* Calls o->on_error, if any. */
void rp_batch_report(const struct rp_batch_options *o,
                     const struct rp_error *err);

/*
 * The data hash of an account's document (rp_batch_snapshot()), in two
 * steps: rp_batch_reduce() leaves in the document only what decides the
 * account's review (all a review template reads: docs/data-contract.md),
 * rp_batch_reduced_hash() hashes it as the contract says.
 * rp_batch_data_hash() does both.
 */
void rp_batch_reduce(xmlDoc *slice, const char *account_id);
enum rp_status rp_batch_reduced_hash(xmlDoc *reduced,
                                     char hash[RP_SHA256_HEX_SIZE],
                                     struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_batch_data_hash(xmlDoc *doc, const char *account_id,
                                  char hash[RP_SHA256_HEX_SIZE],
                                  struct rp_error *err) RP_MUST_CHECK;

/*
 * Checks doc against the schema at schema_path in a child process
 * (check.c), so that the caller can go on using doc meanwhile (reading
 * it only).  rp_batch_check_finish() waits for the verdict: RP_OK, or
 * the schema's error in err.  Every started check must be finished.
 */
struct rp_batch_check {
    pid_t pid; /* -1: none running */
    int fd;
};
enum rp_status rp_batch_check_start(struct rp_batch_check *c, xmlDoc *doc,
                                    const char *schema_path, const bool *known,
                                    size_t n_known,
                                    struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_batch_check_finish(struct rp_batch_check *c,
                                     struct rp_error *err) RP_MUST_CHECK;

/* rp_batch_snapshot() of exports already imported into data. */
enum rp_status rp_batch_snapshot_of(const struct rp_batch_options *o,
                                    const struct rp_dataset *data,
                                    const char *account_id, char **xml,
                                    size_t *len,
                                    char data_hash[RP_SHA256_HEX_SIZE],
                                    struct rp_error *err) RP_MUST_CHECK;

/* ---- the run and the workflow (workflow.c) ---- */

/* An approved review copied into OUTPUT/reviews/ is at most this big. */
#define RP_BATCH_MAX_REVIEW_BYTES ((size_t)1 << 30)

/* Every account's latest request, when the run has a workflow store. */
struct rp_batch_requests {
    struct rp_workflow_request_list list; /* by account, then year */
    bool loaded;
};

/*
 * Loads the requests of o->workflow.  A store that refuses the run's login
 * leaves the run without the workflow: a warning, not a failure, since the
 * documents do not depend on it.
 */
void rp_batch_requests_load(const struct rp_batch_options *o,
                            struct rp_batch_requests *r);
void rp_batch_requests_release(struct rp_batch_requests *r);

/*
 * The run's review of one account, where the workflow decides it: an
 * approved (or delivered) review is the approved file itself, copied to
 * pdf_path (*done set); otherwise the run drafts it and reports the
 * account's data to the workflow afterwards (rp_batch_note_data()).
 */
enum rp_status rp_batch_approved_review(const struct rp_batch_requests *r,
                                        const char *account_id,
                                        const char *pdf_path, bool *done,
                                        struct rp_error *err) RP_MUST_CHECK;
bool rp_batch_has_request(const struct rp_batch_requests *r,
                          const char *account_id);
enum rp_status rp_batch_note_data(const struct rp_batch_options *o,
                                  const struct rp_batch_requests *r,
                                  const char *account_id, const char *data_hash,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Adds the requests to doc for the status report (<requests>). */
enum rp_status rp_batch_add_requests(const struct rp_batch_options *o,
                                     const struct rp_batch_requests *r,
                                     xmlDoc *doc,
                                     struct rp_error *err) RP_MUST_CHECK;

/* ---- beside the outputs: OUTPUT/.reportpipe (state.c) ---- */

/*
 * The lock that keeps two runs off one output folder: taken or
 * RP_ERR_BUSY naming who holds it; a lock whose run died is taken over
 * with a warning.  Released by rp_batch_lock_release() or the process's
 * death.
 */
struct rp_batch_lock {
    int fd;
};
enum rp_status rp_batch_lock_take(const char *output,
                                  struct rp_batch_lock *lock,
                                  struct rp_error *err) RP_MUST_CHECK;
void rp_batch_lock_release(struct rp_batch_lock *lock);

/* Removes the temporaries (NAME.tmp.XXXXXX) a killed run left in the
 * folders a run writes; returns how many. */
size_t rp_batch_remove_temporaries(const char *output);

/* The key a document (a path under OUTPUT) was made from, "" for none,
 * and for a review the inputs digest and data hash that key was made
 * from (rp_merge_account_inputs(); "" when not on record); forgotten
 * before the document is replaced, written after (inputs NULL: none). */
void rp_batch_key_read(const char *output, const char *document,
                       char key[RP_SHA256_HEX_SIZE],
                       char inputs[RP_SHA256_HEX_SIZE],
                       char data_hash[RP_SHA256_HEX_SIZE]);
void rp_batch_key_forget(const char *output, const char *document);

/*
 * The accounts whose part of the status report's data passed the schema
 * check (each a hex key that names the account's inputs and what they
 * were checked with), on record in OUTPUT between runs: a GHashTable of
 * strings, NULL when none is.  Written after a check that passed.
 */
GHashTable *rp_batch_checked_read(const char *output);
enum rp_status rp_batch_checked_write(const char *output, GHashTable *keys,
                                      struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_batch_key_write(const char *output, const char *document,
                                  const char *key, const char *inputs,
                                  const char *data_hash,
                                  struct rp_error *err) RP_MUST_CHECK;

/*
 * Removes the reviews an earlier run made (those with a key) for accounts
 * that keep() rejects, and their keys; logs each.  Files the run did not
 * make (an approved review the workflow placed, anything a person put
 * there) have no key and are never touched.  Returns how many it removed.
 */
size_t rp_batch_remove_stale_reviews(const char *output,
                                     bool (*keep)(void *ctx, const char *id),
                                     void *ctx);

/* The last complete run: its key and documents.  Unchanged when the key
 * is run_key and every document is there; *documents (n paths under
 * OUTPUT, each and the array freed with free()) are those read. */
bool rp_batch_run_unchanged(const char *output, const char *run_key,
                            char ***documents, size_t *n);
void rp_batch_run_forget(const char *output);
enum rp_status rp_batch_run_record(const char *output, const char *run_key,
                                   const char *const *documents, size_t n,
                                   struct rp_error *err) RP_MUST_CHECK;

/* Adds every file under dir (names and bytes, in name order) to h. */
enum rp_status rp_batch_hash_tree(struct rp_sha256 *h, const char *dir,
                                  struct rp_error *err) RP_MUST_CHECK;

/*
 * The digest of the manifest of every file under dir (not those whose
 * names start with a dot): sha256sum's lines ("HEX  path"), by path, as
 * `cd DIR && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort
 * | xargs sha256sum | sha256sum` prints it.  A folder that cannot be read
 * is RP_ERR_INPUT naming it; out is then "".
 */
enum rp_status rp_batch_manifest_hash(const char *dir,
                                      char out[RP_SHA256_HEX_SIZE],
                                      struct rp_error *err) RP_MUST_CHECK;

/* ---- the unmatched tickets' CSV (unmatched.c) ---- */

#define RP_BATCH_UNMATCHED_CSV "unmatched-tickets.csv"

/*
 * Writes path (atomically) with a header and one row per <ticket> of the
 * summary's <unmatched>: the data contract's attributes of an unmatched
 * ticket, src as "file:line", the subject last; RFC 4180 quoting.  A
 * summary without unmatched tickets gives the header alone.  *rows: the
 * tickets written.
 */
enum rp_status rp_batch_unmatched_csv(xmlDoc *summary, const char *path,
                                      size_t *rows,
                                      struct rp_error *err) RP_MUST_CHECK;

/* ---- run-summary.json (summary.c) ---- */

/* What became of one document. */
struct rp_batch_record {
    char *document;     /* path under OUTPUT */
    char *account;      /* or NULL */
    const char *result; /* built, skipped, approved, failed, not attempted */
    int pages;
    double seconds;
    char *why; /* failed: the error */
};

struct rp_batch_stage_times {
    double import, merge, render, total;
};

/* The summary of a run that is under way: complete false. */
enum rp_status rp_batch_summary_running(const struct rp_batch_options *o,
                                        struct rp_error *err) RP_MUST_CHECK;
/* The summary of a finished run; files and m NULL when the run stopped
 * before the merge (or found nothing changed). */
enum rp_status rp_batch_summary_write(
    const struct rp_batch_options *o, const struct rp_batch_summary *s,
    const struct rp_batch_record *docs, size_t n_docs,
    const struct rp_batch_progress *p,
    const struct rp_batch_failed_files *files, const struct rp_merge_stats *m,
    const struct rp_batch_stage_times *t, enum rp_status overall,
    bool unchanged, struct rp_error *err) RP_MUST_CHECK;

/* ---- worker processes (pool.c) ---- */

enum rp_batch_doc_kind { RP_BATCH_DOC_REVIEW, RP_BATCH_DOC_REPORT };
enum rp_batch_result {
    RP_BATCH_BUILT,
    RP_BATCH_SKIPPED,
    RP_BATCH_FAILED,
    RP_BATCH_NOT_ATTEMPTED /* cancelled: err says why, once for all */
};

/* One document to make.  Plain data: it crosses a pipe. */
struct rp_batch_job {
    enum rp_batch_doc_kind kind;
    size_t index;   /* the account's (rp_merge_account_at()) */
    bool data_hash; /* the workflow wants the account's */
};

struct rp_batch_outcome {
    enum rp_batch_doc_kind kind;
    size_t index;
    enum rp_batch_result result;
    char data_hash[RP_SHA256_HEX_SIZE]; /* when asked for, else "" */
    /* A review's inputs digest (rp_merge_account_inputs()), "" if none:
     * what the status report's check needs to know of its account. */
    char inputs[RP_SHA256_HEX_SIZE];
    int pages;
    double seconds;
    struct rp_error err; /* when failed */
};

typedef void (*rp_batch_do_fn)(void *ctx, const struct rp_batch_job *job,
                               struct rp_batch_outcome *out);

/*
 * workers <= 1: jobs run in this process, one at a time, when
 * rp_batch_pool_next() asks.  Otherwise that many processes are forked
 * now (each closes private_fd, if >= 0), and fn runs in them.  Jobs are
 * handed out in the order submitted; rp_batch_pool_next() gives the next
 * outcome, in whatever order they finish, or false when every job
 * submitted has one.
 */
struct rp_batch_pool;
enum rp_status rp_batch_pool_start(struct rp_batch_pool **out, unsigned workers,
                                   rp_batch_do_fn fn, void *ctx, int private_fd,
                                   struct rp_error *err) RP_MUST_CHECK;
void rp_batch_pool_submit(struct rp_batch_pool *pool,
                          const struct rp_batch_job *job);
bool rp_batch_pool_next(struct rp_batch_pool *pool,
                        struct rp_batch_outcome *out);
/* The jobs not yet handed out come back failed, why saying so (borrowed:
 * it must outlive the pool); returns how many.  Jobs under way finish. */
size_t rp_batch_pool_cancel(struct rp_batch_pool *pool, const char *why);
void rp_batch_pool_finish(struct rp_batch_pool *pool);

/* ---- the run and the documents it makes (run.c, document.c) ---- */

/* One run's state: the options, the merge the jobs read, the stylesheets,
 * and what is on record of the documents so far.  run.c owns every
 * pointer; document.c reads them and fills report_known. */
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

/* What every document's key starts with: the version, the templates and
 * the configuration. */
enum rp_status rp_batch_key_prefix(const struct rp_batch_options *o,
                                   char out[RP_SHA256_HEX_SIZE],
                                   struct rp_error *err) RP_MUST_CHECK;
/* A document's key from the prefix, its kind ("review",
 * "status-report"), its data's hash and, for a review, its account's
 * logo (account_id NULL: none). */
enum rp_status rp_batch_key_of(const struct rp_batch_options *o,
                               const char *prefix, const char *kind,
                               const char *data_hash, const char *account_id,
                               char out[RP_SHA256_HEX_SIZE],
                               struct rp_error *err) RP_MUST_CHECK;
/*
 * Renders document (a name under the output folder) from data with sheet
 * unless key is the one on record and the PDF is there (out->result
 * SKIPPED); with schema, data is checked while it renders and the PDF
 * published only when it passed.  inputs and data_hash (NULL: none) go
 * on record with the key.  data stays the caller's.
 */
enum rp_status rp_batch_make_document(struct run *r,
                                      struct rp_stylesheet *sheet, xmlDoc *data,
                                      const char *const *params,
                                      const char *schema, const char *key,
                                      const char *inputs, const char *data_hash,
                                      const char *label, const char *document,
                                      struct rp_batch_outcome *out,
                                      struct rp_error *err) RP_MUST_CHECK;
/* The review of job's account, in a worker: skipped without making its
 * data when its inputs are those on record, else made by its key. */
enum rp_status rp_batch_make_review(struct run *r,
                                    const struct rp_batch_job *job,
                                    struct rp_batch_outcome *out,
                                    struct rp_error *err) RP_MUST_CHECK;
/* Fills r->report_known from the record of accounts checked before;
 * returns the keys to put on record once this check passes (the caller
 * destroys the table). */
GHashTable *rp_batch_known_checked(struct run *r);
/* OUTPUT/unmatched-tickets.csv from the status report's data; errors are
 * reported here and returned. */
enum rp_status rp_batch_write_unmatched(struct run *r, xmlDoc *summary);

#endif
