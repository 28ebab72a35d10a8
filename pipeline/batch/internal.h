/* What the batch stage's files share and nobody else sees. */
#ifndef RP_BATCH_INTERNAL_H
#define RP_BATCH_INTERNAL_H

#include "batch.h"
#include "import/import.h"

/* dir/name, malloc'd: the caller frees it. */
char *rp_batch_path(const char *dir, const char *name);

/*
 * Imports every export of o->input into data (rejected rows to
 * rejects_dir), logging one summary line per file; *rejected counts the
 * rows rejected over all files.  failed NULL: the first file that cannot
 * be read stops the import (err says why).  Otherwise such a file costs
 * only itself: its error goes to o->on_error, its name and why to
 * *failed, and the others are imported; err is then set only when no
 * export is left at all.
 */
struct rp_batch_failed_files {
    size_t count;
    char first[1024]; /* "FILE: why" of the first */
};
enum rp_status rp_batch_import_all(const struct rp_batch_options *o,
                                   const char *rejects_dir,
                                   struct rp_dataset *data, size_t *rejected,
                                   struct rp_batch_failed_files *failed,
                                   struct rp_error *err) RP_MUST_CHECK;

/* rp_batch_snapshot() of exports already imported into data. */
enum rp_status rp_batch_snapshot_of(const struct rp_batch_options *o,
                                    const struct rp_dataset *data,
                                    const char *account_id, char **xml,
                                    size_t *len,
                                    char data_hash[RP_SHA256_HEX_SIZE],
                                    struct rp_error *err) RP_MUST_CHECK;

/*
 * The data hash of one account of a merged document: what rp_batch_snapshot()
 * reports for it.
 */
enum rp_status rp_batch_account_hash(xmlDoc *doc, const char *account_id,
                                     char hash[RP_SHA256_HEX_SIZE],
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
enum rp_status rp_batch_note_data(const struct rp_batch_options *o,
                                  const struct rp_batch_requests *r,
                                  xmlDoc *doc, const char *account_id,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Adds the requests to doc for the status report (<requests>). */
enum rp_status rp_batch_add_requests(const struct rp_batch_options *o,
                                     const struct rp_batch_requests *r,
                                     xmlDoc *doc,
                                     struct rp_error *err) RP_MUST_CHECK;

#endif
