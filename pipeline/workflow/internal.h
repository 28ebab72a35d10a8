/*
 * What the workflow's files share and nobody else sees: the open store,
 * its transactions and the audit writer.
 */
#ifndef RP_WORKFLOW_INTERNAL_H
#define RP_WORKFLOW_INTERNAL_H

#include <sqlite3.h>

#include "workflow.h"

#define RP_WORKFLOW_SCHEMA_VERSION 6
/* How long a writer waits for another process's transaction. */
#define RP_WORKFLOW_BUSY_MS 10000

struct rp_workflow {
    sqlite3 *db;
    char *db_path;
    char *output_dir;
    char *login; /* "" when nobody acts yet (the web before sign-in) */
    char *via;   /* NULL: the command line */
    int64_t now;
    const char *const *sections;
    int busy_ms;
    struct rp_workflow_settings settings;
    struct rp_workflow_people people;
};

/* What one audit entry says; NULL strings are stored as NULL. */
struct rp_audit_record {
    const char *login;
    const char *person;
    const char *on_behalf_of;
    const char *action;
    const char *outcome; /* "done" or "refused" */
    const char *account;
    const char *from_stage, *to_stage;
    const char *document_sha256;
    const char *detail;
    const char *via; /* NULL for the command line (and every entry before
                        schema version 6) */
};

/* Turns a SQLite failure into an rp_error naming the store. */
enum rp_status rp_wf_db_error(struct rp_workflow *wf, int rc, const char *what,
                              struct rp_error *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum rp_status rp_wf_begin(struct rp_workflow *wf,
                           struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_wf_commit(struct rp_workflow *wf,
                            struct rp_error *err) RP_MUST_CHECK;
void rp_wf_rollback(struct rp_workflow *wf);

/* Appends one entry inside the caller's transaction. */
enum rp_status rp_wf_audit_append(struct rp_workflow *wf,
                                  const struct rp_audit_record *rec,
                                  struct rp_error *err) RP_MUST_CHECK;

/* Applies migrations up to version (tests build older stores with it). */
enum rp_status rp_wf_migrate(struct rp_workflow *wf, int version,
                             struct rp_error *err) RP_MUST_CHECK;

/*
 * Steps st to its next row; false at the end or on error, with *rc then
 * SQLITE_DONE or the error.  Does nothing when *rc already holds an error
 * (from preparing), so a loop needs no check of its own.
 */
int rp_wf_next_row(sqlite3_stmt *st, int *rc);

/* The stage a stored name says (the schema's CHECK keeps it one of ours). */
enum rp_workflow_stage rp_wf_stage_parse(const char *name);

/* A copy of a text column; fallback (copied too) when it is NULL. */
char *rp_wf_column_dup(sqlite3_stmt *st, int i, const char *fallback);

/*
 * Prepares sql and binds its parameters in order, as types says: 'i' an
 * int, 'I' an int64_t, 't' a const char * (NULL binds NULL), 'T' a const
 * char * and its length (a size_t), 'b' a const void * and a size_t.  NULL (err
 * set, naming what was being done) when the statement cannot be made.
 */
sqlite3_stmt *rp_wf_prepare(struct rp_workflow *wf, const char *what,
                            struct rp_error *err, const char *sql,
                            const char *types, ...);
/* The same, run to its end: an INSERT or an UPDATE. */
enum rp_status rp_wf_exec(struct rp_workflow *wf, const char *what,
                          struct rp_error *err, const char *sql,
                          const char *types, ...) RP_MUST_CHECK;

void rp_wf_format_day(int64_t t, char out[11]);

/* ---- one action (act.c) ---- */

/* A step a person can take (or the nightly run's "draft"). */
struct rp_wf_transition {
    const char *action;
    enum rp_workflow_stage from, to;
};

/* The step action may take from a stage, or NULL. */
const struct rp_wf_transition *rp_wf_find_step(const char *action,
                                               enum rp_workflow_stage from);

/* The request an action works on, as stored. */
struct rp_wf_request {
    int64_t id;
    int year;
    enum rp_workflow_stage stage;
    char *account, *name, *tier, *owner, *country;
    struct rp_workflow_account facts; /* points into the strings above */
};

/*
 * One action in progress: who acts (and for whom), on which account's
 * request.  Every action starts with rp_wf_act_start() (or _init() and
 * its own checks), ends with rp_wf_act_finish() or a refusal, and is
 * released with rp_wf_act_release().
 */
struct rp_wf_act {
    struct rp_workflow *wf;
    const char *action;
    const char *account;
    const struct rp_workflow_person *actor;
    const struct rp_workflow_person *behalf;
    struct rp_wf_request req;
    int have_req;
    struct rp_error *err;
};

void rp_wf_act_init(struct rp_wf_act *a, struct rp_workflow *wf,
                    const char *action, const char *account,
                    struct rp_error *err);
void rp_wf_act_release(struct rp_wf_act *a);

/*
 * Refuses the action: err gets the message with status (RP_ERR_REFUSED
 * for who and when, RP_ERR_INPUT for what was given), any open
 * transaction is rolled back, and the refusal is audited in a transaction
 * of its own.  Returns status.
 */
enum rp_status rp_wf_refuse(struct rp_wf_act *a, enum rp_status status,
                            const char *fmt, ...) RP_PRINTF(3, 4);
/* The same for a failure of the renderer or a file: its file, line and
 * field stay in err, its message follows what. */
enum rp_status rp_wf_refuse_cause(struct rp_wf_act *a, const char *what,
                                  const struct rp_error *cause);
/* A failure of the store: rolled back, returned, not audited. */
enum rp_status rp_wf_failed(struct rp_wf_act *a, enum rp_status status);

/* The acting person, who must have one of roles (roles_text says which). */
enum rp_status rp_wf_act_actor(struct rp_wf_act *a, unsigned roles,
                               const char *roles_text) RP_MUST_CHECK;
/* The account's latest request; *found 0 when it has none. */
enum rp_status rp_wf_act_load(struct rp_wf_act *a, int *found) RP_MUST_CHECK;
/* Loads the request and the step its stage allows for the action. */
enum rp_status
rp_wf_act_step(struct rp_wf_act *a,
               const struct rp_wf_transition **step) RP_MUST_CHECK;
/* rp_wf_act_init(), _actor() and _step() in one. */
enum rp_status rp_wf_act_start(struct rp_wf_act *a, struct rp_workflow *wf,
                               const char *action, const char *account,
                               unsigned roles, const char *roles_text,
                               const struct rp_wf_transition **step,
                               struct rp_error *err) RP_MUST_CHECK;
/* Begins the write and checks, inside it, that the action is still
 * allowed from wherever the request is now. */
enum rp_status
rp_wf_act_recheck(struct rp_wf_act *a,
                  const struct rp_wf_transition **step) RP_MUST_CHECK;
/* Moves the request to `to`, writes the audit entry and commits. */
enum rp_status rp_wf_act_finish(struct rp_wf_act *a, enum rp_workflow_stage to,
                                const char *document_sha256, const char *detail,
                                struct rp_workflow_result *res) RP_MUST_CHECK;
/* The audit entry of the action so far (outcome "done" or "refused"). */
struct rp_audit_record rp_wf_act_record(const struct rp_wf_act *a,
                                        const char *outcome);

/* ---- drafts (draft.c), shared with approvals ---- */

struct rp_wf_draft {
    int64_t id;
    int version;
    char *path, *sha256, *data_sha256;
    void *snapshot; /* only when asked for */
    size_t snapshot_len;
};
/* The request's latest draft (with its snapshot when with_snapshot). */
enum rp_status rp_wf_latest_draft(struct rp_wf_act *a, int with_snapshot,
                                  struct rp_wf_draft *d) RP_MUST_CHECK;
void rp_wf_draft_release(struct rp_wf_draft *d);
/* OUTPUT/<kind>/<account>/<year>-v<N><suffix>.pdf, its folder made. */
enum rp_status rp_wf_document_path(struct rp_wf_act *a, const char *kind,
                                   int version, const char *suffix,
                                   char **out) RP_MUST_CHECK;
/* Where rendered bytes wait until the store has recorded them. */
char *rp_wf_pending_path(const char *path);
/* Moves them into place, with mode, once the store agrees. */
enum rp_status rp_wf_publish(struct rp_wf_act *a, const char *pending,
                             const char *path, unsigned mode) RP_MUST_CHECK;

/* ---- print jobs (delivery.c) ---- */

/* The day lead days before day (both YYYY-MM-DD); "" for a bad day. */
void rp_wf_day_before(const char *day, int lead, char out[11]);
/* The print deadline of a request, for status and the print job: its
 * print_due column as request set it (tasks.c), or for a request older
 * than that column (print_due NULL) the meeting less print-lead-days. */
void rp_wf_print_deadline(const struct rp_workflow *wf, const char *print_due,
                          const char *meeting, char out[11]);
/*
 * Inside the deliver's transaction: copies file to the day's print folder,
 * records the job and writes the day's manifests; out_path gets the copy.
 * ship: the account's facts with its address, or NULL.
 */
enum rp_status rp_wf_print_job(struct rp_wf_act *a,
                               const struct rp_workflow_account *ship,
                               const char *file, const char *sha256,
                               int version, int copies, char *out_path,
                               size_t out_size) RP_MUST_CHECK;

/* Opens the database file without migrating (tests). */
enum rp_status rp_wf_open_db(struct rp_workflow *wf, const char *path,
                             struct rp_error *err) RP_MUST_CHECK;

/* ---- contribution tasks (tasks.c) ---- */

/* At open: every configured section is one a contribution may have and
 * every person:ID is in people.csv; errors name workflow.xml's line. */
enum rp_status rp_wf_tasks_check(struct rp_workflow *wf,
                                 struct rp_error *err) RP_MUST_CHECK;
/* Inside the request's transaction: one task per configured section and
 * the request's approval and print deadlines, from the meeting day. */
enum rp_status rp_wf_tasks_create(struct rp_wf_act *a,
                                  const struct rp_workflow_account *acc,
                                  int64_t request_id,
                                  int64_t meeting) RP_MUST_CHECK;
/* Inside the contribution's transaction: the section's task is done. */
enum rp_status rp_wf_tasks_complete(struct rp_wf_act *a,
                                    const char *section) RP_MUST_CHECK;
/* Who a rule names for an account, or NULL when nobody in people.csv
 * fits it (an owner who is not listed, say). */
const struct rp_workflow_person *
rp_wf_task_writer(const struct rp_workflow *wf,
                  const struct rp_workflow_section_rule *rule,
                  const struct rp_workflow_account *acc);

/* ---- e-mail (mail.c) ---- */

/* One message; strings are UTF-8 and stay the caller's. */
struct rp_wf_mail {
    const char *key;  /* what makes it unique: its Message-ID and boundary */
    const char *kind; /* contribution, approval, digest */
    const char *from_name, *from_addr;
    const char *to_name, *to_addr;
    const char *subject;
    const char *body;       /* plain text */
    int64_t date;           /* the Date header, Unix s */
    const void *attachment; /* a PDF, or NULL */
    size_t attachment_len;
    const char *attachment_name;
};
/* The message as RFC 5322 bytes (*out malloc'd, NUL-terminated; the caller
 * frees it). */
enum rp_status rp_wf_mail_build(const struct rp_wf_mail *m, char **out,
                                size_t *len,
                                struct rp_error *err) RP_MUST_CHECK;

#endif
