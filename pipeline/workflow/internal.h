/*
 * What the workflow's files share and nobody else sees: the open store,
 * its transactions and the audit writer.
 */
#ifndef RP_WORKFLOW_INTERNAL_H
#define RP_WORKFLOW_INTERNAL_H

#include <sqlite3.h>

#include "workflow.h"

#define RP_WORKFLOW_SCHEMA_VERSION 2
/* How long a writer waits for another process's transaction. */
#define RP_WORKFLOW_BUSY_MS 10000

struct rp_workflow {
    sqlite3 *db;
    char *db_path;
    char *output_dir;
    char *login;
    int64_t now;
    const char *const *sections;
    int approval_wait_days;
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

/* Opens the database file without migrating (tests). */
enum rp_status rp_wf_open_db(struct rp_workflow *wf, const char *path,
                             struct rp_error *err) RP_MUST_CHECK;

#endif
