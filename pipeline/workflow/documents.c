/*
 * Where the store recorded an account's documents: the intranet page
 * serves a PDF only from a path the store wrote, never from one a URL
 * names.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

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
