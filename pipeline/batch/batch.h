/*
 * Batch stage: the orchestration of documents.  A run imports every export
 * of the input directory, merges them into one review-data document and
 * renders one Annual Customer Review per account and the Program Status
 * Report; the workflow asks it for one account's review-data snapshot and
 * renders a review from such a snapshot, as a draft or approved.
 *
 * One document's failure never stops the others: it is handed to
 * on_error and counted, and the run goes on.  Every output is written to
 * a temporary file, fsynced and renamed into place.  What goes into a
 * document never comes from the environment or the clock: dates come in
 * the options, so the same inputs and options give byte-identical
 * outputs, whatever the number of workers.  (The clock is read for the
 * run's own records: its lock and run-summary.json.)
 */
#ifndef RP_BATCH_H
#define RP_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "common/hash.h"
#include "import/import.h"
#include "merge/merge.h"
#include "workflow/workflow.h"

/* Where a run stands, for on_progress. */
struct rp_batch_progress {
    const char *stage; /* "import", "merge", "render" */
    size_t total;      /* documents the run makes (render stage) */
    size_t done;       /* of total: built + skipped + failed */
    size_t built, skipped, failed;
    double elapsed; /* seconds since the stage started */
};

struct rp_batch_options {
    const char *input;     /* directory of the exports (*.csv) */
    const char *output;    /* reviews/, status-report.pdf, rejects/ */
    const char *templates; /* annual-review.xsl, status-report.xsl, schema/ */
    /* Also write OUTPUT/intermediate/ (review-data.xml, one .fo each);
     * every document is then made, whether its inputs changed or not. */
    bool keep_intermediate;
    /*
     * Options of the merge.  schema_path NULL means
     * TEMPLATES/schema/review-data.rng and contributions_dir NULL means
     * INPUT/contributions: a run always validates its data (the status
     * report's, which holds every account's figures; each account's
     * document comes from the same code, validated whole by `reportpipe
     * merge`, the workflow's snapshots and the tests).
     */
    struct rp_merge_options merge;
    /* Creation date stamped into every PDF, Unix seconds UTC. */
    int64_t created;
    /*
     * Called with the error of each document that failed while the run
     * went on (the run's own fatal error comes back in err instead).
     * NULL: such errors are only counted.
     */
    void (*on_error)(void *ctx, const struct rp_error *err);
    void *on_error_ctx;
    /*
     * The workflow store, or NULL.  With it, an account whose review is
     * approved gets the approved file in OUTPUT/reviews/ instead of a new
     * draft (a run never overwrites an approved document), every drafted
     * account's data is reported to the store (a draft in review whose
     * data changed goes back to drafted), and the status report shows
     * where each review stands.  Borrowed.
     */
    struct rp_workflow *workflow;

    /*
     * Worker processes that render documents; 0 means one per online
     * core.  The outputs do not depend on it: -j 1 and -j 8 write the
     * same bytes.
     */
    unsigned jobs;
    /* Rebuild every document even when its inputs did not change. */
    bool force;
    /*
     * Make only the reviews of these accounts (n_only ids, borrowed), and
     * no status report; n_only 0 means every account.
     */
    const char *const *only;
    size_t n_only;
    /* Make only the status report, no review. */
    bool status_report_only;
    /*
     * The documents' language, a code TEMPLATES/labels/languages.xml
     * lists ("en", "de"), passed to the templates as their lang
     * parameter; NULL: each review in the language of its account's
     * billing country, the status report in the default (docs/
     * templates.md, "Labels and languages").  Part of every document's
     * key.  A code without TEMPLATES/labels/CODE.xml is RP_ERR_USAGE
     * before anything is done (rp_batch_check_lang()).
     */
    const char *lang;
    /*
     * Called from the run's own process (never concurrently) when a stage
     * starts and each time a document is done, built, skipped or failed;
     * for a progress bar.  NULL: nothing is called.
     */
    void (*on_progress)(void *ctx, const struct rp_batch_progress *p);
    void *on_progress_ctx;
};

/*
 * Defaults: input, output, templates and config under the current
 * directory, rp_merge_options_init() for the merge, created = the merge's
 * generated date, no error callback.
 */
void rp_batch_options_init(struct rp_batch_options *o);

struct rp_batch_summary {
    size_t rows_rejected;        /* over all exports */
    size_t files_failed;         /* exports that could not be read: left out */
    size_t contributions_failed; /* contribution files left out */
    size_t accounts;             /* accounts in the review data */
    size_t reviews_done;         /* reviews rendered */
    size_t reviews_failed;       /* reviews not rendered (see on_error) */
    size_t reviews_approved;     /* of reviews_done: the approved file, kept */
    size_t reviews_skipped;      /* of reviews_done: inputs unchanged, kept */
    bool report_skipped;         /* report_done with unchanged inputs */
    size_t reviews_removed; /* made by an earlier run for an account gone */
    int review_pages;       /* pages of all reviews rendered */
    bool report_done;       /* the status report was rendered */
    int report_pages;
    bool unmatched_csv;    /* OUTPUT/unmatched-tickets.csv was written */
    size_t unmatched_rows; /* its tickets */
};

/*
 * The whole job, as the nightly cron runs it.  Logs one summary line per
 * stage.  Returns the worst that happened: RP_OK, RP_ERR_INPUT when rows
 * were rejected, an export or a contribution could not be read, or a
 * document failed on its input, RP_ERR_BUSY when another run holds the
 * output folder, and so on.  An export that cannot be read costs only
 * itself: its error goes to on_error, it is named in a warning and
 * counted in files_failed, and the documents are made from the other
 * exports.  err is set only when the run stopped early (another run, no
 * exports, none readable, a merge that failed, a template that does not
 * compile); summary is filled as far as the run came.
 *
 * Beside the documents: OUTPUT/run-summary.json, written when the run
 * starts (complete: false) and again last (docs/operations.md), and
 * OUTPUT/.reportpipe/ (the lock, each document's key, the last complete
 * run's key: pipeline/batch/state.c).  A document is made again only when
 * its key changed (or with force); a run whose inputs are those of the
 * last complete run and whose documents are all there does nothing.
 */
enum rp_status rp_batch_run(const struct rp_batch_options *o,
                            struct rp_batch_summary *summary,
                            struct rp_error *err) RP_MUST_CHECK;

/*
 * One account's review-data snapshot, made as a run makes its data
 * (import of every export of o->input, rejects to OUTPUT/rejects, merge
 * with o->merge) and reduced to the account (rp_merge_account_slice()):
 * *xml is its serialisation, UTF-8, *len bytes plus a NUL, freed by the
 * caller with free(); the same data gives the same bytes.  data_hash is
 * the SHA-256 (hex) of the snapshot serialised without the root's
 * generated= attribute, which changes on every run while the data may
 * not (docs/data-contract.md, "An account's snapshot").  An account the
 * data does not hold is RP_ERR_INPUT naming it.
 */
enum rp_status rp_batch_snapshot(const struct rp_batch_options *o,
                                 const char *account_id, char **xml,
                                 size_t *len,
                                 char data_hash[RP_SHA256_HEX_SIZE],
                                 struct rp_error *err) RP_MUST_CHECK;

/*
 * How a review is marked.  approver_name NULL (or the whole mark NULL) is
 * a draft: DRAFT on every page.  Otherwise the review is approved: an
 * approval block on page 1 ("Approved by NAME on DATE · document
 * fingerprint FP") and "Approved · FP" in every footer, no DRAFT.
 */
struct rp_review_mark {
    const char *approver_name; /* as it is to be printed */
    const char *approved_on;   /* YYYY-MM-DD */
    const char *fingerprint;   /* short lower-case hex, 4 to 64 digits */
    /* Creation date written into the PDF metadata, Unix seconds UTC; the
     * same snapshot and mark give byte-identical PDFs. */
    int64_t date;
};

/*
 * Renders the review of the one account of a snapshot (xml, len bytes of
 * review-data XML: see rp_batch_snapshot(); the account is the first
 * <account> it holds) with TEMPLATES/annual-review.xsl and the mark's
 * parameters, to pdf_path, atomically.  mark NULL: a draft dated
 * o->created.  *pages (pages may be NULL) gets the page count.  A snapshot
 * that does not parse or holds no account, or a mark with a malformed
 * date or fingerprint, is RP_ERR_INPUT.  xml stays the caller's.
 */
enum rp_status rp_batch_render_review(const struct rp_batch_options *o,
                                      const char *xml, size_t len,
                                      const struct rp_review_mark *mark,
                                      const char *pdf_path, int *pages,
                                      struct rp_error *err) RP_MUST_CHECK;

/*
 * The version of the review template: SHA-256 (hex) over every file under
 * TEMPLATES (the stylesheets, brand.xsl and its assets, the labels, the
 * charts, the schema), not those whose names start with a dot.
 * Precisely, what `find . -type f ! -name '.*' | sed 's|^\./||' |
 * LC_ALL=C sort | xargs sha256sum | sha256sum` prints in TEMPLATES, so an
 * operator can check it by hand.
 */
/*
 * o->lang is NULL or a language the templates have: lower-case letters,
 * digits and '-' (at most 16) naming TEMPLATES/labels/LANG.xml.
 * Otherwise RP_ERR_USAGE naming the value and the file that is missing.
 */
enum rp_status rp_batch_check_lang(const struct rp_batch_options *o,
                                   struct rp_error *err) RP_MUST_CHECK;

enum rp_status rp_batch_template_version(const struct rp_batch_options *o,
                                         char out[RP_SHA256_HEX_SIZE],
                                         struct rp_error *err) RP_MUST_CHECK;

/*
 * The contributions stored in the workflow, as the merge takes them:
 * rp_batch_stored_load() points merge->contributions at them; they live
 * until rp_batch_stored_release().
 */
struct rp_batch_stored {
    struct rp_workflow_contribution_list list;
    struct rp_merge_contribution *items;
    /* The last meeting's feedback (`reportpipe feedback`) and what became
     * of its follow-ups: the meeting-feedback of an account that has no
     * stored one of its own. */
    struct rp_workflow_feedback_list feedback;
    struct rp_workflow_followup_list followups;
    struct rp_merge_followup *merge_followups;
};
enum rp_status rp_batch_stored_load(struct rp_workflow *wf,
                                    struct rp_batch_stored *stored,
                                    struct rp_merge_options *merge,
                                    struct rp_error *err) RP_MUST_CHECK;
void rp_batch_stored_release(struct rp_batch_stored *stored);

/*
 * The batch as the workflow's renderer (workflow.h): account facts from
 * the CRM export, snapshots as rp_batch_snapshot() makes them with the
 * contributions stored in the workflow taking precedence over files, and
 * reviews rendered with rp_batch_render_review().  Nothing is imported
 * until the workflow first asks, so commands that only read the store
 * stay quick.
 */
struct rp_batch_workflow {
    struct rp_workflow_renderer renderer; /* hand &renderer to workflow */
    struct rp_batch_options opts;         /* a copy of the caller's */
    struct rp_workflow *wf;               /* borrowed */
    struct rp_dataset data;               /* the exports, once imported */
    bool imported;
    struct rp_batch_stored stored;
    bool stored_loaded;
};

/* o and wf must outlive bw; release bw with rp_batch_workflow_release(). */
enum rp_status rp_batch_workflow_init(struct rp_batch_workflow *bw,
                                      const struct rp_batch_options *o,
                                      struct rp_workflow *wf,
                                      struct rp_error *err) RP_MUST_CHECK;
void rp_batch_workflow_release(struct rp_batch_workflow *bw);

/* ---- The run's configuration file (conf.c) ---- */

/*
 * reportpipe.conf holds what an operator sets once for `reportpipe run`.
 * It is a GLib key file: a "[run]" group of "key = value" lines, "#"
 * comments; docs/operations.md lists the keys.  Every key is also a flag,
 * and flags win: the command applies the file first, then its flags.
 * Relative paths in a file are relative to the file's folder, so a cron
 * job that names the file finds the same folders from any working
 * directory.
 */
#define RP_BATCH_CONF_NAME "reportpipe.conf"
#define RP_BATCH_MAX_JOBS 256

struct rp_batch_conf {
    char *path; /* the file read; NULL when none was */
    /* Folders; NULL when the file does not set them. */
    char *input, *output, *templates, *config, *state;
    char *zone;     /* as written, NULL when not set */
    long zone_line; /* its line, for rp_batch_conf_apply()'s message */
    /* UTC midnights, the end exclusive as in struct rp_merge_options;
     * RP_TIME_NONE when not set. */
    int64_t period_start, period_end;
    unsigned jobs;  /* 0: not set */
    int quiet;      /* -1: not set; else 0 or 1 */
    char *lang;     /* as written, NULL when not set */
    long lang_line; /* its line, for rp_batch_conf_apply()'s message */
};

void rp_batch_conf_init(struct rp_batch_conf *c);

/*
 * Reads the file at path into c.  path NULL means ./reportpipe.conf when
 * there is one, and no file (RP_OK, c->path NULL) when there is none; a
 * file named by path that cannot be read is an error.  A line that is no
 * "[group]", "key = value" or comment, a group other than [run] or a key
 * this does not know is RP_ERR_USAGE naming file, line and key; a value
 * that is not one names file, line, key and value.  c owns its strings
 * whatever the outcome: release it with rp_batch_conf_release().
 */
enum rp_status rp_batch_conf_load(struct rp_batch_conf *c, const char *path,
                                  struct rp_error *err) RP_MUST_CHECK;
/* The same on text (len bytes, no NUL needed) read from the file name. */
enum rp_status rp_batch_conf_parse(struct rp_batch_conf *c, const char *name,
                                   const char *text, size_t len,
                                   struct rp_error *err) RP_MUST_CHECK;

/*
 * Sets in o what c sets (folders, config folder, period, jobs) and hands
 * its zone to the import (rp_import_set_zone()): a zone the import does not
 * know is RP_ERR_USAGE naming file, line and value.  o's strings then
 * point into c, which must outlive them.  state and quiet are not options
 * of a run: the command reads them from c.
 */
enum rp_status rp_batch_conf_apply(const struct rp_batch_conf *c,
                                   struct rp_batch_options *o,
                                   struct rp_error *err) RP_MUST_CHECK;
void rp_batch_conf_release(struct rp_batch_conf *c);

/* A job count as `jobs =` and -j take it: a decimal 1..RP_BATCH_MAX_JOBS. */
bool rp_batch_parse_jobs(const char *text, unsigned *out);

#endif
