/*
 * Print and shipment (workflow.h): the print job `deliver` makes, the
 * day's manifests the print shop works from, and the shipment that closes
 * a delivery.  The store is the record; the print folder is written from
 * it, so a manifest always lists every job of its day.
 */
#include "internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common/csvtable.h"
#include "common/date.h"
#include "common/file.h"
#include "common/json.h"
#include "common/mem.h"

#define MAX_PRINT_BYTES ((size_t)256 << 20)

/* The columns of manifest.csv, and the order of each job's JSON keys. */
static const char *const manifest_columns[] = {
    "account", "name",        "year",    "version", "file",
    "sha256",  "copies",      "ship_to", "street",  "city",
    "state",   "postal_code", "country", "meeting", "print_deadline",
};
#define N_MANIFEST (sizeof(manifest_columns) / sizeof(manifest_columns[0]))

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The meeting and print deadline of the account's latest request. */
static enum rp_status deadline_of(struct rp_wf_act *a, char meeting[11],
                                  char deadline[11])
{
    sqlite3_stmt *st = rp_wf_prepare(
        a->wf, "reading the meeting", a->err,
        "SELECT meeting, print_due FROM requests WHERE id = ?", "I", a->req.id);
    const unsigned char *v;
    int rc;

    meeting[0] = deadline[0] = '\0';
    if (!st)
        return rp_wf_failed(a, a->err->status);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && (v = sqlite3_column_text(st, 0))) {
        snprintf(meeting, 11, "%s", (const char *)v);
        rp_wf_print_deadline(a->wf, (const char *)sqlite3_column_text(st, 1),
                             meeting, deadline);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rp_wf_failed(
            a, rp_wf_db_error(a->wf, rc, "reading the meeting", a->err));
    return RP_OK;
}

/* The day `lead` days before day (YYYY-MM-DD), into out. */
void rp_wf_day_before(const char *day, int lead, char out[11])
{
    int64_t days;

    out[0] = '\0';
    if (rp_date_parse_day(day, &days))
        rp_date_format_day(days - lead, out);
}

/* requests.print_due, set by request (tasks.c) from print-lead-days; a
 * request made before schema version 4 has none: the meeting less the
 * same lead. */
void rp_wf_print_deadline(const struct rp_workflow *wf, const char *print_due,
                          const char *meeting, char out[11])
{
    if (print_due && print_due[0])
        snprintf(out, 11, "%s", print_due);
    else
        rp_wf_day_before(meeting, wf->settings.print_lead_days, out);
}

/* Writes both manifests of the day into their temporary files. */
static enum rp_status write_manifests(struct rp_wf_act *a, const char *day,
                                      struct rp_outfile *json,
                                      struct rp_outfile *csv)
{
    sqlite3_stmt *st;
    size_t i, jobs = 0;
    int rc = SQLITE_OK;

    st = rp_wf_prepare(
        a->wf, "reading the day's print jobs", a->err,
        "SELECT r.account, r.account_name, r.year, p.version, p.pdf_path, "
        " p.pdf_sha256, p.copies, p.ship_name, p.street, p.city, p.state, "
        " p.postal_code, p.country, r.meeting, p.deadline "
        "FROM print_jobs p JOIN requests r ON r.id = p.request "
        "WHERE p.day = ? ORDER BY p.id",
        "t", day);
    if (!st)
        return rp_wf_failed(a, a->err->status);
    fprintf(json->fp, "{\n  \"day\": ");
    rp_json_string(json->fp, day);
    fprintf(json->fp, ",\n  \"jobs\": [");
    for (i = 0; i < N_MANIFEST; i++) {
        if (i)
            fputc(',', csv->fp);
        fputs(manifest_columns[i], csv->fp);
    }
    fputs("\r\n", csv->fp);
    while (rp_wf_next_row(st, &rc)) {
        fprintf(json->fp, "%s\n    {", jobs++ ? "," : "");
        for (i = 0; i < N_MANIFEST; i++) {
            const char *v = (const char *)sqlite3_column_text(st, (int)i);
            const char *name = manifest_columns[i];
            int number = i == 2 || i == 3 || i == 6;

            /* The print shop gets the file's name: it sits beside. */
            if (i == 4 && v && strrchr(v, '/'))
                v = strrchr(v, '/') + 1;
            fprintf(json->fp, "%s\"%s\": ", i ? ", " : "", name);
            if (number)
                fprintf(json->fp, "%lld",
                        (long long)sqlite3_column_int64(st, (int)i));
            else
                rp_json_string(json->fp, or_empty(v));
            if (i)
                fputc(',', csv->fp);
            rp_csv_write_field(csv->fp, or_empty(v), strlen(or_empty(v)));
        }
        fputs("}", json->fp);
        fputs("\r\n", csv->fp);
    }
    sqlite3_finalize(st);
    fprintf(json->fp, "%s]\n}\n", jobs ? "\n  " : "");
    if (rc != SQLITE_DONE)
        return rp_wf_failed(
            a, rp_wf_db_error(a->wf, rc, "reading the print jobs", a->err));
    return RP_OK;
}

static char *joined(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

enum rp_status rp_wf_print_job(struct rp_wf_act *a,
                               const struct rp_workflow_account *ship,
                               const char *file, const char *sha256,
                               int version, int copies, char *out_path,
                               size_t out_size)
{
    struct rp_workflow *wf = a->wf;
    struct rp_outfile json = {0}, csv = {0};
    enum rp_status status;
    char day[11], meeting[11], deadline[11], name[300], *folder, *pdf = NULL;
    char *body = NULL, *json_path = NULL, *csv_path = NULL;
    size_t len = 0;

    rp_wf_format_day(wf->now, day);
    status = deadline_of(a, meeting, deadline);
    if (status != RP_OK)
        return status;
    folder = rp_xmalloc(strlen(wf->output_dir) + 32);
    sprintf(folder, "%s/print/%s", wf->output_dir, day);
    snprintf(name, sizeof(name), "%s-%d-v%d.pdf", a->account, a->req.year,
             version);
    pdf = joined(folder, name);
    status = rp_mkdirs(folder, a->err);
    if (status == RP_OK)
        status = rp_file_read_all(file, MAX_PRINT_BYTES, &body, &len, a->err);
    if (status == RP_OK)
        status = rp_file_write_all(pdf, body, len, a->err);
    free(body);
    if (status != RP_OK) {
        status = rp_wf_failed(a, status);
        goto out;
    }
    chmod(pdf, 0444);
    status = rp_wf_exec(
        wf, "recording the print job", a->err,
        "INSERT INTO print_jobs (request, day, pdf_path, pdf_sha256, version, "
        "copies, ship_name, street, city, state, postal_code, country, "
        "deadline, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?)",
        "Itttiitttttttt"
        "I",
        a->req.id, day, pdf, sha256, version, copies,
        or_empty(ship ? ship->name : a->req.name),
        or_empty(ship ? ship->street : NULL),
        or_empty(ship ? ship->city : NULL), or_empty(ship ? ship->state : NULL),
        or_empty(ship ? ship->postal_code : NULL),
        or_empty(ship ? ship->country : a->req.country), deadline, a->actor->id,
        wf->now);
    if (status != RP_OK) {
        status = rp_wf_failed(a, status);
        goto out;
    }
    json_path = joined(folder, "manifest.json");
    csv_path = joined(folder, "manifest.csv");
    status = rp_outfile_open(&json, json_path, a->err);
    if (status == RP_OK)
        status = rp_outfile_open(&csv, csv_path, a->err);
    if (status == RP_OK)
        status = write_manifests(a, day, &json, &csv);
    /* Put in place while the store's write lock is held: two deliveries
     * of one day cannot leave the older manifest last. */
    if (status == RP_OK)
        status = rp_outfile_commit(&json, a->err);
    if (status == RP_OK)
        status = rp_outfile_commit(&csv, a->err);
    if (status != RP_OK) {
        rp_outfile_abort(&json);
        rp_outfile_abort(&csv);
        status = rp_wf_failed(a, status);
        goto out;
    }
    snprintf(out_path, out_size, "%s", pdf);
out:
    free(json_path);
    free(csv_path);
    free(pdf);
    free(folder);
    return status;
}

/* Printable text of at most 100 bytes: it goes into the audit and onto
 * the status report. */
static int tracking_ok(const char *s)
{
    size_t n = strlen(s), i;

    if (n == 0 || n > 100)
        return 0;
    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    }
    return 1;
}

enum rp_status rp_workflow_shipped(struct rp_workflow *wf,
                                   const char *account_id, const char *tracking,
                                   struct rp_workflow_result *res,
                                   struct rp_error *err)
{
    const struct rp_wf_transition *step = NULL;
    struct rp_wf_act a;
    enum rp_status status;
    char detail[256];

    status =
        rp_wf_act_start(&a, wf, "ship", account_id, RP_WORKFLOW_ADMINISTRATOR,
                        "administrator", &step, err);
    if (status == RP_OK && !tracking_ok(tracking))
        status = rp_wf_refuse(&a, RP_ERR_INPUT,
                              "--tracking: a tracking number is printable "
                              "text of 1 to 100 bytes");
    if (status == RP_OK)
        status = rp_wf_act_recheck(&a, &step);
    if (status == RP_OK)
        status = rp_wf_exec(wf, "recording the shipment", err,
                            "INSERT INTO shipments (request, tracking, "
                            "recorded_by, shipped_at) VALUES (?, ?, ?, ?)",
                            "IttI", a.req.id, tracking, a.actor->id, wf->now);
    if (status != RP_OK) {
        status = rp_wf_failed(&a, status);
        goto out;
    }
    snprintf(detail, sizeof(detail), "review %d shipped, tracking %s",
             a.req.year, tracking);
    status = rp_wf_act_finish(&a, step->to, NULL, detail, res);
    if (status == RP_OK && res)
        res->version = a.req.year;
out:
    rp_wf_act_release(&a);
    return status;
}
