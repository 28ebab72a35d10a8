/*
 * Canonical record files: the dataset written back as CSV, one file per
 * profile, with the profile's canonical column names.  Written by the same
 * table that reads them (profile.c), so what is written imports again to
 * the same records: `reportpipe import` output can feed `reportpipe merge`.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static void write_text(FILE *fp, const char *s)
{
    rp_csv_write_field(fp, s, strlen(s));
}

static void write_value(FILE *fp, const struct rp_import_field *f,
                        const void *record)
{
    const char *member = (const char *)record + f->offset;
    char buf[RP_AMOUNT_SIZE + RP_TIMESTAMP_SIZE];
    int64_t t;

    switch (f->type) {
    case RP_FIELD_TEXT:
    case RP_FIELD_COUNTRY:
        write_text(fp, *(char *const *)member);
        break;
    case RP_FIELD_TIMESTAMP:
        t = *(const int64_t *)member;
        if (t != RP_TIME_NONE) {
            rp_import_format_timestamp(t, buf);
            write_text(fp, buf);
        }
        break;
    case RP_FIELD_DATE:
        t = *(const int64_t *)member;
        if (t != RP_TIME_NONE) {
            rp_import_format_date(t, buf);
            write_text(fp, buf);
        }
        break;
    case RP_FIELD_AMOUNT:
        rp_import_format_amount(*(const double *)member, buf);
        write_text(fp, buf);
        break;
    case RP_FIELD_PRIORITY:
        write_text(fp, rp_priority_name(*(const enum rp_priority *)member));
        break;
    case RP_FIELD_STATUS:
        write_text(
            fp, rp_ticket_status_name(*(const enum rp_ticket_status *)member));
        break;
    }
}

static enum rp_status write_profile(const struct rp_import_profile *p,
                                    const void *records, size_t n,
                                    size_t record_size, const char *dir,
                                    struct rp_error *err)
{
    struct rp_outfile out;
    enum rp_status status;
    size_t size = strlen(dir) + strlen(p->records_file) + 2, i, f;
    char *path = rp_xmalloc(size);

    snprintf(path, size, "%s/%s", dir, p->records_file);
    status = rp_outfile_open(&out, path, err);
    if (status != RP_OK)
        goto out;
    for (f = 0; f < p->n_fields; f++) {
        if (f)
            putc(',', out.fp);
        write_text(out.fp, p->fields[f].names[0]);
    }
    putc('\n', out.fp);
    for (i = 0; i < n; i++) {
        const char *record = (const char *)records + i * record_size;
        for (f = 0; f < p->n_fields; f++) {
            if (f)
                putc(',', out.fp);
            write_value(out.fp, &p->fields[f], record);
        }
        putc('\n', out.fp);
    }
    status = rp_outfile_commit(&out, err);
out:
    free(path);
    return status;
}

enum rp_status rp_import_write_records(const struct rp_dataset *data,
                                       const char *dir, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    size_t p;

    for (p = 0; p < rp_import_n_profiles && status == RP_OK; p++) {
        const struct rp_import_profile *prof = &rp_import_profiles[p];
        if (prof->kind == RP_IMPORT_ACCOUNTS)
            status = write_profile(prof, data->accounts, data->n_accounts,
                                   sizeof(*data->accounts), dir, err);
        else
            status = write_profile(prof, data->tickets, data->n_tickets,
                                   sizeof(*data->tickets), dir, err);
    }
    return status;
}
