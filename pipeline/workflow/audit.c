/*
 * The audit trail: append-only (the schema's triggers refuse UPDATE and
 * DELETE) and hash-chained.  Each entry's hash covers its sequence number,
 * every field and the previous entry's hash, so editing a row, deleting
 * one or slipping one in breaks the chain at that row even for someone who
 * opens the file with the sqlite3 shell and drops the triggers.  Where an
 * entry came from (via, schema version 6) is hashed only when it is set,
 * so every entry written before it still verifies as it was written.
 */
#include "internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/mem.h"

/* The chain's anchor: what the first entry names as its predecessor. */
static const char genesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* Field order of the audit table, as hashed and as read. */
#define AUDIT_COLUMNS                                                          \
    "seq, at, login, person, on_behalf_of, action, outcome, account, "         \
    "from_stage, to_stage, document_sha256, detail, prev_hash, hash, via"
enum { N_TEXT_FIELDS = 10 };

/* Length-prefixed, so no choice of text can make two entries hash alike;
 * NULL differs from "". */
static void put_field(GString *s, const char *v)
{
    if (!v)
        g_string_append(s, "N;");
    else
        g_string_append_printf(s, "%zu:%s;", strlen(v), v);
}

static void entry_hash(int64_t seq, int64_t at,
                       const char *const text[N_TEXT_FIELDS], const char *prev,
                       const char *via, char out[RP_SHA256_HEX_SIZE])
{
    GString *s = g_string_new(NULL);
    int i;

    g_string_append_printf(s, "reportpipe-audit-1;%" PRId64 ";%" PRId64 ";",
                           seq, at);
    for (i = 0; i < N_TEXT_FIELDS; i++)
        put_field(s, text[i]);
    put_field(s, prev);
    /* After every field of version 1, with its own tag: an entry with a
     * via never hashes like one without. */
    if (via) {
        g_string_append(s, "via;");
        put_field(s, via);
    }
    rp_sha256_hex(s->str, s->len, out);
    g_string_free(s, TRUE);
}

static void record_fields(const struct rp_audit_record *r,
                          const char *text[N_TEXT_FIELDS])
{
    text[0] = r->login;
    text[1] = r->person;
    text[2] = r->on_behalf_of;
    text[3] = r->action;
    text[4] = r->outcome;
    text[5] = r->account;
    text[6] = r->from_stage;
    text[7] = r->to_stage;
    text[8] = r->document_sha256;
    text[9] = r->detail;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

enum rp_status rp_wf_audit_append(struct rp_workflow *wf,
                                  const struct rp_audit_record *rec,
                                  struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    const char *text[N_TEXT_FIELDS];
    char prev[RP_SHA256_HEX_SIZE], hash[RP_SHA256_HEX_SIZE];
    int64_t seq = 1;
    int rc, i;

    snprintf(prev, sizeof(prev), "%s", genesis);
    rc = sqlite3_prepare_v2(wf->db,
                            "SELECT seq, hash FROM audit ORDER BY seq DESC "
                            "LIMIT 1",
                            -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        seq = sqlite3_column_int64(st, 0) + 1;
        snprintf(prev, sizeof(prev), "%s",
                 (const char *)sqlite3_column_text(st, 1));
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "reading the audit trail", err);
    record_fields(rec, text);
    entry_hash(seq, wf->now, text, prev, rec->via, hash);
    rc = sqlite3_prepare_v2(wf->db,
                            "INSERT INTO audit (" AUDIT_COLUMNS ") VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_int64(st, 2, wf->now);
        for (i = 0; i < N_TEXT_FIELDS; i++)
            bind_text(st, 3 + i, text[i]);
        bind_text(st, 13, prev);
        bind_text(st, 14, hash);
        bind_text(st, 15, rec->via);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "writing the audit trail", err);
    return RP_OK;
}

static char *column_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    return v ? rp_xstrdup((const char *)v) : NULL;
}

/* Hands each row of st (SELECT AUDIT_COLUMNS) to fn. */
static enum rp_status
each_row(struct rp_workflow *wf, sqlite3_stmt *st, int rc,
         void (*fn)(void *ctx, const struct rp_workflow_audit_entry *e),
         void *ctx, struct rp_error *err)
{
    while (rp_wf_next_row(st, &rc)) {
        struct rp_workflow_audit_entry e;
        e.seq = sqlite3_column_int64(st, 0);
        e.at = sqlite3_column_int64(st, 1);
        e.login = column_dup(st, 2);
        e.person = column_dup(st, 3);
        e.on_behalf_of = column_dup(st, 4);
        e.action = column_dup(st, 5);
        e.outcome = column_dup(st, 6);
        e.account = column_dup(st, 7);
        e.from_stage = column_dup(st, 8);
        e.to_stage = column_dup(st, 9);
        e.document_sha256 = column_dup(st, 10);
        e.detail = column_dup(st, 11);
        e.via = column_dup(st, 14);
        fn(ctx, &e);
        free(e.login);
        free(e.person);
        free(e.on_behalf_of);
        free(e.action);
        free(e.outcome);
        free(e.account);
        free(e.from_stage);
        free(e.to_stage);
        free(e.document_sha256);
        free(e.detail);
        free(e.via);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "reading the audit trail", err);
    return RP_OK;
}

enum rp_status rp_workflow_audit_each(
    struct rp_workflow *wf, const char *account_id,
    void (*fn)(void *ctx, const struct rp_workflow_audit_entry *e), void *ctx,
    struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    rc = sqlite3_prepare_v2(wf->db,
                            "SELECT " AUDIT_COLUMNS " FROM audit WHERE ?1 "
                            "IS NULL OR account = ?1 ORDER BY seq",
                            -1, &st, NULL);
    if (rc == SQLITE_OK)
        bind_text(st, 1, account_id);
    return each_row(wf, st, rc, fn, ctx, err);
}

enum rp_status rp_workflow_audit_of_person(
    struct rp_workflow *wf, const char *person_id, int limit,
    void (*fn)(void *ctx, const struct rp_workflow_audit_entry *e), void *ctx,
    struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc;

    /* Two statements rather than "?1 IS NULL OR person = ?1", which
     * would keep the planner from the (person, seq) index. */
    rc = sqlite3_prepare_v2(
        wf->db,
        person_id ? "SELECT " AUDIT_COLUMNS " FROM audit WHERE person = ?1 "
                    "ORDER BY seq DESC LIMIT ?2"
                  : "SELECT " AUDIT_COLUMNS " FROM audit WHERE ?1 IS NULL "
                    "ORDER BY seq DESC LIMIT ?2",
        -1, &st, NULL);
    if (rc == SQLITE_OK) {
        bind_text(st, 1, person_id);
        sqlite3_bind_int(st, 2, limit > 0 ? limit : 0);
    }
    return each_row(wf, st, rc, fn, ctx, err);
}

enum rp_status rp_workflow_audit_verify(struct rp_workflow *wf,
                                        int64_t *entries,
                                        char head[RP_SHA256_HEX_SIZE],
                                        struct rp_error *err)
{
    sqlite3_stmt *st = NULL;
    char prev[RP_SHA256_HEX_SIZE], want[RP_SHA256_HEX_SIZE];
    enum rp_status status = RP_OK;
    int64_t expect_seq = 1;
    int rc;

    *entries = 0;
    snprintf(prev, sizeof(prev), "%s", genesis);
    rc = sqlite3_prepare_v2(wf->db,
                            "SELECT " AUDIT_COLUMNS " FROM audit ORDER BY seq",
                            -1, &st, NULL);
    while (rp_wf_next_row(st, &rc)) {
        const char *text[N_TEXT_FIELDS];
        int64_t seq = sqlite3_column_int64(st, 0);
        const char *stored_prev = (const char *)sqlite3_column_text(st, 12);
        const char *stored = (const char *)sqlite3_column_text(st, 13);
        int i;

        for (i = 0; i < N_TEXT_FIELDS; i++)
            text[i] = (const char *)sqlite3_column_text(st, 2 + i);
        if (seq != expect_seq) {
            status = rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, "audit",
                                  "entry %" PRId64 " is missing: the entries "
                                  "jump from %" PRId64 " to %" PRId64
                                  " (a row was deleted)",
                                  expect_seq, expect_seq - 1, seq);
            break;
        }
        if (!stored_prev || strcmp(stored_prev, prev) != 0) {
            status = rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, "audit",
                                  "entry %" PRId64 " does not follow entry "
                                  "%" PRId64 ": the chain is broken (a row "
                                  "was deleted or inserted)",
                                  seq, seq - 1);
            break;
        }
        entry_hash(seq, sqlite3_column_int64(st, 1), text, prev,
                   (const char *)sqlite3_column_text(st, 14), want);
        if (!stored || strcmp(stored, want) != 0) {
            status = rp_error_set(err, RP_ERR_INPUT, wf->db_path, 0, "audit",
                                  "entry %" PRId64 " (%s by %s) was changed "
                                  "after it was written: its contents no "
                                  "longer match its hash",
                                  seq, text[3] ? text[3] : "?",
                                  text[0] ? text[0] : "?");
            break;
        }
        snprintf(prev, sizeof(prev), "%s", stored);
        expect_seq++;
        (*entries)++;
    }
    sqlite3_finalize(st);
    if (status == RP_OK && rc != SQLITE_DONE)
        status = rp_wf_db_error(wf, rc, "reading the audit trail", err);
    snprintf(head, RP_SHA256_HEX_SIZE, "%s", prev);
    return status;
}
