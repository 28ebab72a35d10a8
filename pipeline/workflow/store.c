/*
 * The workflow store: one SQLite file in the state folder, opened in WAL
 * mode with a busy timeout and foreign keys, and brought to the current
 * schema by migrations applied in order on open.  A migration is never
 * edited once released: an older store is upgraded by running the ones
 * it lacks, each in its own transaction with the version it reaches.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/date.h"
#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"

static const char *const stage_names[RP_WORKFLOW_N_STAGES] = {
    "requested", "collecting",        "drafted",   "in-review",
    "approved",  "changes-requested", "delivered",
};

const char *rp_workflow_stage_name(enum rp_workflow_stage stage)
{
    return (unsigned)stage < RP_WORKFLOW_N_STAGES ? stage_names[stage] : "?";
}

static sqlite3_stmt *prepare_v(struct rp_workflow *wf, const char *what,
                               struct rp_error *err, const char *sql,
                               const char *types, va_list ap)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(wf->db, sql, -1, &st, NULL), i;

    for (i = 0; rc == SQLITE_OK && types[i]; i++) {
        const char *text;
        const void *blob;

        switch (types[i]) {
        case 'i':
            rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
            break;
        case 'I':
            rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
            break;
        case 't':
            text = va_arg(ap, const char *);
            rc = text ? sqlite3_bind_text(st, i + 1, text, -1, SQLITE_STATIC)
                      : sqlite3_bind_null(st, i + 1);
            break;
        case 'T':
            text = va_arg(ap, const char *);
            rc = sqlite3_bind_text64(st, i + 1, text, va_arg(ap, size_t),
                                     SQLITE_STATIC, SQLITE_UTF8);
            break;
        default: /* 'b' */
            blob = va_arg(ap, const void *);
            rc = sqlite3_bind_blob64(st, i + 1, blob, va_arg(ap, size_t),
                                     SQLITE_STATIC);
            break;
        }
    }
    if (rc == SQLITE_OK)
        return st;
    rp_wf_db_error(wf, rc, what, err);
    sqlite3_finalize(st);
    return NULL;
}

sqlite3_stmt *rp_wf_prepare(struct rp_workflow *wf, const char *what,
                            struct rp_error *err, const char *sql,
                            const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;

    va_start(ap, types);
    st = prepare_v(wf, what, err, sql, types, ap);
    va_end(ap);
    return st;
}

enum rp_status rp_wf_exec(struct rp_workflow *wf, const char *what,
                          struct rp_error *err, const char *sql,
                          const char *types, ...)
{
    sqlite3_stmt *st;
    va_list ap;
    int rc;

    va_start(ap, types);
    st = prepare_v(wf, what, err, sql, types, ap);
    va_end(ap);
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? RP_OK : rp_wf_db_error(wf, rc, what, err);
}

void rp_wf_format_day(int64_t t, char out[11])
{
    rp_date_format_day(rp_date_day_of(t), out);
}

enum rp_workflow_stage rp_wf_stage_parse(const char *name)
{
    int i;

    for (i = 0; i < RP_WORKFLOW_N_STAGES; i++) {
        if (name && strcmp(name, stage_names[i]) == 0)
            return (enum rp_workflow_stage)i;
    }
    return RP_WORKFLOW_REQUESTED;
}

int rp_wf_next_row(sqlite3_stmt *st, int *rc)
{
    if (*rc != SQLITE_OK && *rc != SQLITE_ROW)
        return 0;
    *rc = sqlite3_step(st);
    return *rc == SQLITE_ROW;
}

char *rp_wf_column_dup(sqlite3_stmt *st, int i, const char *fallback)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    if (v)
        return rp_xstrdup((const char *)v);
    return fallback ? rp_xstrdup(fallback) : NULL;
}

/*
 * Version 1: requests, contributions, drafts, approvals and the audit.
 * The CHECK on stage names repeats stage_names[]: SQLite cannot read a C
 * table, and the store must refuse a stage the code does not know.
 */
static const char migration_1[] =
    "CREATE TABLE requests ("
    " id INTEGER PRIMARY KEY,"
    " account TEXT NOT NULL,"
    " year INTEGER NOT NULL,"
    " stage TEXT NOT NULL CHECK (stage IN ('requested', 'collecting',"
    "  'drafted', 'in-review', 'approved', 'changes-requested',"
    "  'delivered')),"
    " stage_since INTEGER NOT NULL,"
    " meeting TEXT NOT NULL,"
    " due TEXT NOT NULL,"
    " requested_by TEXT NOT NULL,"
    " requested_at INTEGER NOT NULL,"
    " account_name TEXT NOT NULL DEFAULT '',"
    " tier TEXT NOT NULL DEFAULT '',"
    " owner TEXT NOT NULL DEFAULT '',"
    " country TEXT NOT NULL DEFAULT '',"
    " UNIQUE (account, year));"
    "CREATE INDEX requests_stage ON requests (stage);"
    "CREATE TABLE contributions ("
    " id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " section TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " author TEXT NOT NULL,"
    " submitted_at INTEGER NOT NULL);"
    "CREATE INDEX contributions_request ON contributions (request, section);"
    "CREATE TABLE drafts ("
    " id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " version INTEGER NOT NULL,"
    " pdf_path TEXT NOT NULL,"
    " pdf_sha256 TEXT NOT NULL,"
    " data_sha256 TEXT NOT NULL,"
    " template_version TEXT NOT NULL,"
    " snapshot BLOB NOT NULL,"
    " created_by TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " UNIQUE (request, version));"
    "CREATE INDEX drafts_sha256 ON drafts (pdf_sha256);"
    "CREATE TABLE approvals ("
    " id INTEGER PRIMARY KEY,"
    " draft INTEGER NOT NULL UNIQUE REFERENCES drafts (id),"
    " approver TEXT NOT NULL,"
    " recorded_by TEXT NOT NULL,"
    " approved_at INTEGER NOT NULL,"
    " comment TEXT,"
    " fingerprint TEXT NOT NULL,"
    " final_path TEXT NOT NULL,"
    " final_sha256 TEXT NOT NULL UNIQUE);"
    "CREATE TABLE audit ("
    " seq INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " login TEXT NOT NULL,"
    " person TEXT,"
    " on_behalf_of TEXT,"
    " action TEXT NOT NULL,"
    " outcome TEXT NOT NULL CHECK (outcome IN ('done', 'refused')),"
    " account TEXT,"
    " from_stage TEXT,"
    " to_stage TEXT,"
    " document_sha256 TEXT,"
    " detail TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL);"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;";

/*
 * Version 2: decisions recorded on behalf of an approver keep their
 * evidence (the e-mail, the minutes) in the store with its hash, and the
 * audit of one account is read through an index.
 */
static const char migration_2[] =
    "CREATE TABLE evidence ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " body BLOB NOT NULL,"
    " stored_by TEXT NOT NULL,"
    " stored_at INTEGER NOT NULL);"
    "ALTER TABLE approvals ADD COLUMN evidence INTEGER REFERENCES evidence "
    "(id);"
    "CREATE TABLE rejections ("
    " id INTEGER PRIMARY KEY,"
    " draft INTEGER NOT NULL REFERENCES drafts (id),"
    " approver TEXT NOT NULL,"
    " recorded_by TEXT NOT NULL,"
    " rejected_at INTEGER NOT NULL,"
    " comment TEXT NOT NULL,"
    " evidence INTEGER REFERENCES evidence (id));"
    "CREATE INDEX audit_account ON audit (account, seq);";

/*
 * Version 3: snapshots in a table of their own.  A snapshot is tens of
 * kilobytes; inside drafts it spread each row over overflow pages, and
 * `status`, which reads every request's latest draft but never its
 * snapshot, read them all.
 */
static const char migration_3[] =
    "CREATE TABLE snapshots ("
    " draft INTEGER PRIMARY KEY REFERENCES drafts (id),"
    " body BLOB NOT NULL);"
    "INSERT INTO snapshots (draft, body) SELECT id, snapshot FROM drafts;"
    "ALTER TABLE drafts DROP COLUMN snapshot;";

/*
 * Version 4 (issue 17): the sections each request asks of a person, with
 * due dates; the approval and print deadlines of a request; and every
 * notification made, so that nobody gets the same one twice in a day and
 * nothing counts as sent that was not handed over.
 */
static const char migration_4[] =
    "CREATE TABLE tasks ("
    " id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " section TEXT NOT NULL,"
    " writer TEXT NOT NULL,"
    " person TEXT,"
    " due TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " done_at INTEGER,"
    " done_by TEXT,"
    " UNIQUE (request, section));"
    "ALTER TABLE requests ADD COLUMN approval_due TEXT;"
    "ALTER TABLE requests ADD COLUMN print_due TEXT;"
    "CREATE TABLE notifications ("
    " id INTEGER PRIMARY KEY,"
    " day TEXT NOT NULL,"
    " person TEXT NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('contribution', 'approval',"
    "  'digest')),"
    " ref TEXT NOT NULL,"
    " request INTEGER REFERENCES requests (id),"
    " subject TEXT NOT NULL,"
    " file TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('outbox', 'sent')),"
    " created_at INTEGER NOT NULL,"
    " sent_at INTEGER,"
    " UNIQUE (day, person, kind, ref));"
    "CREATE INDEX notifications_ref ON notifications (kind, person, ref);"
    "CREATE INDEX notifications_state ON notifications (state);";

/*
 * Version 5 (issue 17, print and meeting feedback): the print jobs
 * `deliver` makes (one row per review sent to print, grouped by the
 * day's folder), shipments, the customer's feedback after the meeting and
 * its follow-up actions, which are closed one by one (done_at).
 */
static const char migration_5[] =
    "CREATE TABLE print_jobs ("
    " id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " day TEXT NOT NULL,"
    " pdf_path TEXT NOT NULL,"
    " pdf_sha256 TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " copies INTEGER NOT NULL,"
    " ship_name TEXT NOT NULL, street TEXT NOT NULL, city TEXT NOT NULL,"
    " state TEXT NOT NULL, postal_code TEXT NOT NULL, country TEXT NOT NULL,"
    " deadline TEXT NOT NULL,"
    " created_by TEXT NOT NULL,"
    " created_at INTEGER NOT NULL);"
    "CREATE INDEX print_jobs_day ON print_jobs (day);"
    "CREATE INDEX print_jobs_request ON print_jobs (request);"
    "CREATE TABLE shipments ("
    " id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " tracking TEXT NOT NULL,"
    " recorded_by TEXT NOT NULL,"
    " shipped_at INTEGER NOT NULL);"
    "CREATE INDEX shipments_request ON shipments (request);"
    "CREATE TABLE feedback ("
    " id INTEGER PRIMARY KEY,"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " body TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " recorded_by TEXT NOT NULL,"
    " recorded_at INTEGER NOT NULL);"
    "CREATE INDEX feedback_request ON feedback (request);"
    "CREATE TABLE followups ("
    " id INTEGER PRIMARY KEY,"
    " feedback INTEGER NOT NULL REFERENCES feedback (id),"
    " request INTEGER NOT NULL REFERENCES requests (id),"
    " what TEXT NOT NULL,"
    " owner TEXT NOT NULL,"
    " due TEXT NOT NULL,"
    " done_at INTEGER,"
    " done_by TEXT);"
    "CREATE INDEX followups_request ON followups (request);";

/*
 * Version 6 (issue 18, the intranet page): where an audit entry came from
 * (NULL: the command line; hashed only when set, so older entries verify
 * as they were written), passwords, invitations, sessions and failed
 * sign-ins.  Tokens are stored only as their SHA-256; a session's CSRF
 * token is not a credential on its own and is kept as it is, for the
 * forms.
 */
static const char migration_6[] =
    "ALTER TABLE audit ADD COLUMN via TEXT;"
    "CREATE INDEX audit_person ON audit (person, seq);"
    "CREATE TABLE passwords ("
    " person TEXT PRIMARY KEY,"
    " hash TEXT NOT NULL,"
    " set_at INTEGER NOT NULL);"
    "CREATE TABLE invitations ("
    " token_sha256 TEXT PRIMARY KEY,"
    " person TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL,"
    " used_at INTEGER,"
    " created_by TEXT NOT NULL);"
    "CREATE INDEX invitations_person ON invitations (person);"
    "CREATE TABLE sessions ("
    " token_sha256 TEXT PRIMARY KEY,"
    " person TEXT NOT NULL,"
    " csrf TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " last_seen INTEGER NOT NULL,"
    " expires_at INTEGER NOT NULL,"
    " address TEXT NOT NULL,"
    " ended_at INTEGER);"
    "CREATE INDEX sessions_person ON sessions (person);"
    "CREATE TABLE signin_failures ("
    " id INTEGER PRIMARY KEY,"
    " person TEXT,"
    " address TEXT NOT NULL,"
    " at INTEGER NOT NULL);"
    "CREATE INDEX signin_failures_person ON signin_failures (person, at);"
    "CREATE INDEX signin_failures_address ON signin_failures (address, at);";

static const char *const migrations[] = {migration_1, migration_2, migration_3,
                                         migration_4, migration_5, migration_6};
/* One migration per version: the newest version is the last migration. */
_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
                   RP_WORKFLOW_SCHEMA_VERSION,
               "a schema version without its migration");

enum rp_status rp_wf_db_error(struct rp_workflow *wf, int rc, const char *what,
                              struct rp_error *err)
{
    const char *msg = wf->db ? sqlite3_errmsg(wf->db) : sqlite3_errstr(rc);

    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return rp_error_set(err, RP_ERR_BUSY, wf->db_path, 0, NULL,
                            "the workflow store stayed locked by another "
                            "process for %.1f s while %s; try again",
                            wf->busy_ms / 1000.0, what);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, NULL,
                            "not a reportpipe workflow store, or a damaged "
                            "one, while %s (SQLite: %s); restore it from a "
                            "backup",
                            what, msg);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, NULL,
                            "cannot write the workflow store while %s "
                            "(SQLite: %s): check the permissions of the file "
                            "and its folder",
                            what, msg);
    default:
        return rp_error_set(err, RP_ERR_INTERNAL, wf->db_path, 0, NULL,
                            "SQLite failed while %s: %s", what, msg);
    }
}

static enum rp_status exec(struct rp_workflow *wf, const char *sql,
                           const char *what, struct rp_error *err)
{
    int rc = sqlite3_exec(wf->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? RP_OK : rp_wf_db_error(wf, rc, what, err);
}

enum rp_status rp_wf_begin(struct rp_workflow *wf, struct rp_error *err)
{
    return exec(wf, "BEGIN IMMEDIATE", "starting a transaction", err);
}

enum rp_status rp_wf_commit(struct rp_workflow *wf, struct rp_error *err)
{
    enum rp_status status = exec(wf, "COMMIT", "committing", err);
    if (status != RP_OK)
        rp_wf_rollback(wf);
    return status;
}

void rp_wf_rollback(struct rp_workflow *wf)
{
    if (!sqlite3_get_autocommit(wf->db))
        sqlite3_exec(wf->db, "ROLLBACK", NULL, NULL, NULL);
}

static enum rp_status user_version(struct rp_workflow *wf, int *out,
                                   struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(wf->db, "PRAGMA user_version", -1, &st, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? RP_OK
                            : rp_wf_db_error(wf, rc,
                                             "reading the schema "
                                             "version",
                                             err);
}

/* A store of version 0 must be empty: never take over someone else's
 * database. */
static enum rp_status check_foreign(struct rp_workflow *wf,
                                    struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(wf->db,
                                "SELECT count(*) FROM sqlite_master WHERE "
                                "name NOT LIKE 'sqlite_%'",
                                -1, &st, NULL);
    int n = 0;

    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rp_wf_db_error(wf, rc, "reading the schema", err);
    if (n > 0)
        return rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, NULL,
                            "this SQLite database holds tables but no "
                            "reportpipe schema version: not a workflow "
                            "store");
    return RP_OK;
}

enum rp_status rp_wf_migrate(struct rp_workflow *wf, int version,
                             struct rp_error *err)
{
    enum rp_status status = RP_OK;
    int have = 0;
    char sql[64];

    /* Most opens find the store current: a read, no write lock. */
    status = user_version(wf, &have, err);
    if (status != RP_OK ||
        (have >= version && have > 0 && have <= RP_WORKFLOW_SCHEMA_VERSION))
        return status;
    for (;;) {
        status = rp_wf_begin(wf, err);
        if (status != RP_OK)
            return status;
        /* Read inside the transaction: another process may have
         * migrated since. */
        status = user_version(wf, &have, err);
        if (status == RP_OK && have == 0)
            status = check_foreign(wf, err);
        if (status == RP_OK && have > RP_WORKFLOW_SCHEMA_VERSION)
            status =
                rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, NULL,
                             "the store has schema version %d, made by a newer "
                             "reportpipe; this one knows versions up to %d",
                             have, RP_WORKFLOW_SCHEMA_VERSION);
        if (status != RP_OK || have >= version)
            break;
        status = exec(wf, migrations[have], "migrating the schema", err);
        if (status != RP_OK)
            break;
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", have + 1);
        status = exec(wf, sql, "migrating the schema", err);
        if (status != RP_OK)
            break;
        status = rp_wf_commit(wf, err);
        if (status != RP_OK)
            return status;
    }
    rp_wf_rollback(wf);
    return status;
}

enum rp_status rp_wf_open_db(struct rp_workflow *wf, const char *path,
                             struct rp_error *err)
{
    enum rp_status status;
    char *dir = rp_xstrdup(path);
    int rc, fd;

    wf->db_path = rp_xstrdup(path);
    status = rp_mkdirs(dirname(dir), err);
    free(dir);
    if (status != RP_OK)
        return status;
    /* The program's people share the store through the group of its
     * folder.  SQLite would make the file 0644 less the umask (and its
     * WAL files copy that mode), so a new store is made here, group
     * writable, before SQLite sees it: an empty file is an empty
     * database. */
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
    if (fd >= 0) {
        if (fchmod(fd, 0660) != 0)
            rp_log_warn("%s: cannot make the new store group-writable: %s",
                        path, strerror(errno));
        close(fd);
    }
    rc = sqlite3_open_v2(
        path, &wf->db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return rp_wf_db_error(wf, rc, "opening", err);
    sqlite3_extended_result_codes(wf->db, 1);
    if (wf->busy_ms <= 0)
        wf->busy_ms = RP_WORKFLOW_BUSY_MS;
    sqlite3_busy_timeout(wf->db, wf->busy_ms);
    /* journal_mode answers with a row; exec ignores it. */
    status = exec(wf,
                  "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
                  "PRAGMA synchronous = FULL",
                  "opening", err);
    return status;
}

static enum rp_status load_settings(struct rp_workflow *wf,
                                    const char *config_dir,
                                    struct rp_error *err)
{
    enum rp_status status;
    char *path;

    if (!config_dir)
        return rp_workflow_settings_load(&wf->settings, NULL, err);
    path = rp_xmalloc(strlen(config_dir) + 16);
    sprintf(path, "%s/workflow.xml", config_dir);
    status = rp_workflow_settings_load(&wf->settings, path, err);
    free(path);
    return status;
}

enum rp_status rp_workflow_open(const struct rp_workflow_options *opt,
                                struct rp_workflow **out, struct rp_error *err)
{
    struct rp_workflow *wf = rp_xcalloc(1, sizeof(*wf));
    enum rp_status status;

    *out = NULL;
    wf->output_dir = rp_xstrdup(opt->output_dir ? opt->output_dir : "output");
    wf->login = rp_xstrdup(opt->login ? opt->login : "");
    wf->via = opt->via ? rp_xstrdup(opt->via) : NULL;
    wf->now = opt->now;
    wf->sections = opt->sections;
    wf->busy_ms = opt->busy_timeout_ms;
    status = rp_workflow_people_load(&wf->people, opt->people_path, err);
    if (status == RP_OK)
        status = load_settings(wf, opt->config_dir, err);
    if (status == RP_OK)
        status = rp_wf_tasks_check(wf, err);
    if (status == RP_OK)
        status = rp_wf_open_db(wf, opt->db_path, err);
    if (status == RP_OK)
        status = rp_wf_migrate(wf, RP_WORKFLOW_SCHEMA_VERSION, err);
    if (status != RP_OK) {
        rp_workflow_free(wf);
        return status;
    }
    *out = wf;
    return RP_OK;
}

const struct rp_workflow_settings *
rp_workflow_settings_of(struct rp_workflow *wf)
{
    return &wf->settings;
}

void rp_workflow_set_actor(struct rp_workflow *wf, const char *login,
                           const char *via)
{
    char *l = rp_xstrdup(login ? login : ""), *v = via ? rp_xstrdup(via) : NULL;

    free(wf->login);
    free(wf->via);
    wf->login = l;
    wf->via = v;
}

const struct rp_workflow_person *rp_workflow_actor(struct rp_workflow *wf)
{
    return wf->login[0] ? rp_workflow_people_by_login(&wf->people, wf->login)
                        : NULL;
}

const struct rp_workflow_people *rp_workflow_people_of(struct rp_workflow *wf)
{
    return &wf->people;
}

void rp_workflow_set_now(struct rp_workflow *wf, int64_t now)
{
    wf->now = now;
}

int rp_workflow_schema_version(struct rp_workflow *wf)
{
    struct rp_error err;
    int v = 0;

    rp_error_init(&err);
    if (user_version(wf, &v, &err) != RP_OK)
        return -1;
    return v;
}

void rp_workflow_free(struct rp_workflow *wf)
{
    if (!wf)
        return;
    if (wf->db)
        sqlite3_close(wf->db);
    rp_workflow_people_release(&wf->people);
    free(wf->db_path);
    free(wf->output_dir);
    free(wf->login);
    free(wf->via);
    free(wf);
}
