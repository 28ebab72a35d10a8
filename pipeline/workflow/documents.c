/*
 * Where the store recorded an account's documents: the intranet page
 * serves a PDF only from a path the store wrote, never from one a URL
 * names, and shows the numbers of the data a draft was made from.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

enum rp_status rp_workflow_latest_draft_path(struct rp_workflow *wf,
                                             const char *account_id,
                                             char path[1024],
                                             struct rp_error *err)
{
    sqlite3_stmt *st;
    int rc;

    path[0] = '\0';
    st = rp_wf_prepare(wf, "reading the draft's path", err,
                       "SELECT d.pdf_path FROM drafts d JOIN requests r ON "
                       "r.id = d.request WHERE r.account = ? ORDER BY r.year "
                       "DESC, d.version DESC LIMIT 1",
                       "t", account_id);
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *p = sqlite3_column_text(st, 0);
        snprintf(path, 1024, "%s", p ? (const char *)p : "");
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rp_wf_db_error(wf, rc, "reading the draft's path", err);
    return RP_OK;
}

enum rp_status rp_workflow_latest_snapshot(struct rp_workflow *wf,
                                           const char *account_id, char **xml,
                                           size_t *len, struct rp_error *err)
{
    sqlite3_stmt *st;
    int rc;

    *xml = NULL;
    *len = 0;
    st = rp_wf_prepare(wf, "reading the draft's data", err,
                       "SELECT s.body FROM drafts d JOIN requests r ON r.id = "
                       "d.request JOIN snapshots s ON s.draft = d.id WHERE "
                       "r.account = ? ORDER BY r.year DESC, d.version DESC "
                       "LIMIT 1",
                       "t", account_id);
    if (!st)
        return err->status;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *len = (size_t)sqlite3_column_bytes(st, 0);
        *xml = rp_xmalloc(*len + 1);
        if (*len)
            memcpy(*xml, sqlite3_column_blob(st, 0), *len);
        (*xml)[*len] = '\0';
        rc = SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*xml);
        *xml = NULL;
        *len = 0;
        return rp_wf_db_error(wf, rc, "reading the draft's data", err);
    }
    return RP_OK;
}
