/*
 * One import: header row to profile, then each row typed against the
 * profile and either appended to the dataset or rejected with a reason.
 * The typing is driven by the profile table (profile.c): each field says
 * its type and where it lives in struct rp_account or rp_ticket, so this
 * file knows no column by name.
 */
#include "import/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mem.h"

/* How much of a bad value a reason quotes. */
#define QUOTE_MAX 80

struct import {
    const char *name;   /* the input as the caller named it */
    const char *source; /* the same, owned by the dataset */
    struct rp_dataset *data;
    struct rp_import_stats *stats;
    const struct rp_import_profile *profile; /* NULL until the header */
    long columns[RP_PROFILE_MAX_FIELDS];
    /* Column names as the file spells them, for reasons and rejects. */
    char *names[RP_PROFILE_MAX_FIELDS];
    char **header_fields; /* a copy of the header row */
    size_t *header_lens;
    struct rp_csv_record header;
    struct rp_import_rejects rejects;
    struct rp_import_index index;
};

/* Why a row was rejected. */
struct verdict {
    char field[128];
    char reason[512];
};

union record {
    struct rp_account account;
    struct rp_ticket ticket;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_space((*s)[*len - 1]))
        (*len)--;
}

/*
 * 'value' for a reason: at most QUOTE_MAX bytes, cut on a UTF-8 character
 * boundary so the reason itself stays valid text.
 */
static void quote_value(char *out, size_t size, const char *s, size_t len)
{
    size_t n = len;

    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    snprintf(out, size, "'%.*s%s'", (int)n, s, n < len ? "..." : "");
}

static bool reject(struct verdict *v, const char *field, const char *fmt, ...)
    RP_PRINTF(3, 4);

/* Fills the verdict; returns false, so callers can `return reject(...)`. */
static bool reject(struct verdict *v, const char *field, const char *fmt, ...)
{
    va_list ap;
    int n;

    snprintf(v->field, sizeof(v->field), "%s", field);
    n = snprintf(v->reason, sizeof(v->reason), "%s%s", field,
                 field[0] ? ": " : "");
    if (n < 0 || (size_t)n >= sizeof(v->reason))
        return false;
    va_start(ap, fmt);
    vsnprintf(v->reason + n, sizeof(v->reason) - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static const char *expected_format(enum rp_field_type type)
{
    switch (type) {
    case RP_FIELD_TEXT:
        return "text";
    case RP_FIELD_COUNTRY:
        return "an ISO 3166 alpha-2 code such as DE, or a country name";
    case RP_FIELD_TIMESTAMP:
        return "YYYY-MM-DDThh:mm:ssZ";
    case RP_FIELD_DATE:
        return "YYYY-MM-DD";
    case RP_FIELD_AMOUNT:
        return "digits with at most two decimals, e.g. 1250000.00";
    case RP_FIELD_PRIORITY:
        return "P1, P2, P3 or P4";
    case RP_FIELD_STATUS:
        return "New, Open, Pending, Solved or Closed";
    }
    return "?";
}

static const char *what_it_is_not(enum rp_field_type type)
{
    switch (type) {
    case RP_FIELD_TEXT:
        return "text";
    case RP_FIELD_COUNTRY:
        return "a country";
    case RP_FIELD_TIMESTAMP:
        return "an ISO 8601 timestamp";
    case RP_FIELD_DATE:
        return "a date";
    case RP_FIELD_AMOUNT:
        return "an amount";
    case RP_FIELD_PRIORITY:
        return "a priority";
    case RP_FIELD_STATUS:
        return "a ticket status";
    }
    return "?";
}

static const char *record_noun(enum rp_import_kind kind)
{
    return kind == RP_IMPORT_ACCOUNTS ? "account" : "ticket";
}

/*
 * Types one value into its member of the record.  The value is trimmed;
 * an empty one has already been handled.
 */
static bool parse_value(const struct rp_import_field *f, const char *name,
                        const char *s, size_t len, union record *rec,
                        struct verdict *v)
{
    char *member = (char *)rec + f->offset;
    char quoted[QUOTE_MAX + 8];
    char country[3];
    int64_t t = 0;
    double amount = 0;
    enum rp_priority priority = RP_PRIORITY_P3;
    enum rp_ticket_status status = RP_TICKET_NEW;
    bool ok = false;

    switch (f->type) {
    case RP_FIELD_TEXT:
        *(char **)member = rp_xstrndup(s, len);
        return true;
    case RP_FIELD_COUNTRY:
        ok = rp_import_parse_country(s, len, country);
        if (ok)
            *(char **)member = rp_xstrdup(country);
        break;
    case RP_FIELD_TIMESTAMP:
        ok = rp_import_parse_timestamp(s, len, &t);
        if (ok)
            *(int64_t *)member = t;
        break;
    case RP_FIELD_DATE:
        ok = rp_import_parse_date(s, len, &t);
        if (ok)
            *(int64_t *)member = t;
        break;
    case RP_FIELD_AMOUNT:
        ok = rp_import_parse_amount(s, len, &amount);
        if (ok)
            *(double *)member = amount;
        break;
    case RP_FIELD_PRIORITY:
        ok = rp_import_parse_priority(s, len, &priority);
        if (ok)
            *(enum rp_priority *)member = priority;
        break;
    case RP_FIELD_STATUS:
        ok = rp_import_parse_status(s, len, &status);
        if (ok)
            *(enum rp_ticket_status *)member = status;
        break;
    }
    if (ok)
        return true;
    quote_value(quoted, sizeof(quoted), s, len);
    return reject(v, name, "%s is not %s (expected %s)", quoted,
                  what_it_is_not(f->type), expected_format(f->type));
}

/* What an empty optional value becomes. */
static void set_empty(const struct rp_import_field *f, union record *rec)
{
    char *member = (char *)rec + f->offset;

    switch (f->type) {
    case RP_FIELD_TEXT:
    case RP_FIELD_COUNTRY:
        *(char **)member = rp_xstrdup("");
        break;
    case RP_FIELD_TIMESTAMP:
    case RP_FIELD_DATE:
        *(int64_t *)member = RP_TIME_NONE;
        break;
    case RP_FIELD_AMOUNT:
        *(double *)member = 0;
        break;
    case RP_FIELD_PRIORITY:
    case RP_FIELD_STATUS:
        /* Never optional: the profile table requires a value. */
        break;
    }
}

static bool check_text(const char *name, const char *s, size_t len,
                       struct verdict *v)
{
    size_t pos;
    bool control;

    if (rp_import_check_text(s, len, &pos, &control))
        return true;
    if (control)
        return reject(v, name,
                      "contains the control character 0x%02X at byte %zu, "
                      "which a report cannot show",
                      (unsigned char)s[pos], pos + 1);
    return reject(v, name,
                  "is not valid UTF-8 (byte 0x%02X at byte %zu); export "
                  "the file as UTF-8",
                  (unsigned char)s[pos], pos + 1);
}

static bool check_width(const struct import *im,
                        const struct rp_csv_record *rec, struct verdict *v)
{
    size_t i;

    if (rec->n_fields < im->header.n_fields)
        return reject(v, "",
                      "the row has %zu fields but the header has %zu (a "
                      "field is missing, or a quoted field is broken)",
                      rec->n_fields, im->header.n_fields);
    /* Spreadsheets pad rows with empty fields; anything more is a shift. */
    for (i = im->header.n_fields; i < rec->n_fields; i++) {
        const char *s = rec->fields[i];
        size_t len = rec->lens[i];
        trim(&s, &len);
        if (len)
            return reject(v, "",
                          "the row has %zu fields but the header has %zu (a "
                          "value with a comma in it is probably not quoted)",
                          rec->n_fields, im->header.n_fields);
    }
    return true;
}

static size_t field_at(const struct rp_import_profile *p, size_t offset)
{
    size_t i;

    for (i = 0; i < p->n_fields; i++) {
        if (p->fields[i].offset == offset)
            break;
    }
    return i;
}

/*
 * A ticket's times must tell a possible story.  An open ticket that has a
 * resolution time is let through: systems keep it when a ticket reopens.
 */
static bool check_ticket(const struct import *im, const struct rp_ticket *t,
                         const char *const *raw, const size_t *raw_len,
                         struct verdict *v)
{
    const struct rp_import_profile *p = im->profile;
    size_t created = field_at(p, offsetof(struct rp_ticket, created));
    size_t first = field_at(p, offsetof(struct rp_ticket, first_response));
    size_t resolved = field_at(p, offsetof(struct rp_ticket, resolved));
    size_t status = field_at(p, offsetof(struct rp_ticket, status));
    char a[QUOTE_MAX + 8], b[QUOTE_MAX + 8];

    quote_value(b, sizeof(b), raw[created], raw_len[created]);
    if (t->first_response != RP_TIME_NONE && t->first_response < t->created) {
        quote_value(a, sizeof(a), raw[first], raw_len[first]);
        return reject(v, im->names[first], "%s is before %s %s", a,
                      im->names[created], b);
    }
    if (t->resolved != RP_TIME_NONE && t->resolved < t->created) {
        quote_value(a, sizeof(a), raw[resolved], raw_len[resolved]);
        return reject(v, im->names[resolved], "%s is before %s %s", a,
                      im->names[created], b);
    }
    if (t->resolved == RP_TIME_NONE &&
        (t->status == RP_TICKET_SOLVED || t->status == RP_TICKET_CLOSED)) {
        quote_value(a, sizeof(a), raw[status], raw_len[status]);
        return reject(v, im->names[resolved],
                      "is empty, but %s is %s; a solved or closed ticket "
                      "needs the time it was resolved",
                      im->names[status], a);
    }
    return true;
}

static bool check_unique(const struct import *im, const char *id,
                         struct verdict *v)
{
    const struct rp_dataset *data = im->data;
    enum rp_import_kind kind = im->profile->kind;
    const char *file;
    char quoted[QUOTE_MAX + 8];
    size_t i;
    long line;

    if (!rp_import_index_find(&im->index, data, kind, id, &i))
        return true;
    if (kind == RP_IMPORT_ACCOUNTS) {
        file = data->accounts[i].source_file;
        line = data->accounts[i].source_line;
    } else {
        file = data->tickets[i].source_file;
        line = data->tickets[i].source_line;
    }
    quote_value(quoted, sizeof(quoted), id, strlen(id));
    return reject(v, im->names[0],
                  "%s appears twice; the %s was already "
                  "imported from %s line %ld",
                  quoted, record_noun(kind), file, line);
}

/* Types a row into rec; on false, v says why and rec holds no memory. */
static bool type_row(struct import *im, const struct rp_csv_record *row,
                     union record *rec, struct verdict *v)
{
    const struct rp_import_profile *p = im->profile;
    const char *raw[RP_PROFILE_MAX_FIELDS];
    size_t raw_len[RP_PROFILE_MAX_FIELDS];
    bool ok = check_width(im, row, v);
    size_t i;

    memset(rec, 0, sizeof(*rec));
    for (i = 0; ok && i < p->n_fields; i++) {
        const struct rp_import_field *f = &p->fields[i];
        long col = im->columns[i];

        raw[i] = col >= 0 ? row->fields[col] : "";
        raw_len[i] = col >= 0 ? row->lens[col] : 0;
        trim(&raw[i], &raw_len[i]);
        ok = check_text(im->names[i], raw[i], raw_len[i], v);
        if (!ok)
            break;
        if (raw_len[i] == 0 && f->need == RP_NEED_VALUE)
            ok =
                reject(v, im->names[i], "is empty, but every %s needs it%s%s%s",
                       record_noun(p->kind),
                       f->type == RP_FIELD_TEXT ? "" : " (expected ",
                       f->type == RP_FIELD_TEXT ? "" : expected_format(f->type),
                       f->type == RP_FIELD_TEXT ? "" : ")");
        else if (raw_len[i] == 0)
            set_empty(f, rec);
        else
            ok = parse_value(f, im->names[i], raw[i], raw_len[i], rec, v);
    }
    if (ok && p->kind == RP_IMPORT_TICKETS)
        ok = check_ticket(im, &rec->ticket, raw, raw_len, v);
    if (ok)
        ok = check_unique(im,
                          p->kind == RP_IMPORT_ACCOUNTS ? rec->account.id
                                                        : rec->ticket.id,
                          v);
    if (!ok)
        rp_import_record_release(p->kind, rec);
    return ok;
}

static void accept_row(struct import *im, union record *rec, long line)
{
    struct rp_dataset *data = im->data;

    if (im->profile->kind == RP_IMPORT_ACCOUNTS) {
        rec->account.source_file = im->source;
        rec->account.source_line = line;
        rp_dataset_add_account(data, &rec->account);
        rp_import_index_add(&im->index, data, RP_IMPORT_ACCOUNTS,
                            data->n_accounts - 1);
    } else {
        rec->ticket.source_file = im->source;
        rec->ticket.source_line = line;
        rp_dataset_add_ticket(data, &rec->ticket);
        rp_import_index_add(&im->index, data, RP_IMPORT_TICKETS,
                            data->n_tickets - 1);
    }
    im->stats->rows_accepted++;
}

static enum rp_status take_header(struct import *im,
                                  const struct rp_csv_record *rec,
                                  struct rp_error *err)
{
    enum rp_status status;
    size_t i;

    status =
        rp_import_match_header(rec, im->name, &im->profile, im->columns, err);
    if (status != RP_OK)
        return status;
    im->header_fields = rp_xcalloc(rec->n_fields, sizeof(char *));
    im->header_lens = rp_xcalloc(rec->n_fields, sizeof(size_t));
    for (i = 0; i < rec->n_fields; i++) {
        im->header_fields[i] = rp_xstrndup(rec->fields[i], rec->lens[i]);
        im->header_lens[i] = rec->lens[i];
    }
    im->header.fields = im->header_fields;
    im->header.lens = im->header_lens;
    im->header.n_fields = rec->n_fields;
    im->header.line = rec->line;
    for (i = 0; i < im->profile->n_fields; i++) {
        long col = im->columns[i];
        const char *s = col >= 0 ? rec->fields[col] : "";
        size_t len = col >= 0 ? rec->lens[col] : 0;
        trim(&s, &len);
        im->names[i] = col >= 0 ? rp_xstrndup(s, len)
                                : rp_xstrdup(im->profile->fields[i].names[0]);
    }
    snprintf(im->stats->profile, sizeof(im->stats->profile), "%s",
             im->profile->name);
    rp_import_index_build(&im->index, im->data, im->profile->kind);
    return RP_OK;
}

static enum rp_status on_record(void *ctx, const struct rp_csv_record *rec,
                                struct rp_error *err)
{
    struct import *im = ctx;
    struct verdict v;
    union record record;

    if (!im->profile)
        return take_header(im, rec, err);
    im->stats->rows_read++;
    if (type_row(im, rec, &record, &v)) {
        accept_row(im, &record, rec->line);
        return RP_OK;
    }
    im->stats->rows_rejected++;
    return rp_import_rejects_add(&im->rejects, &im->header, rec, v.field,
                                 v.reason, err);
}

static void import_release(struct import *im)
{
    size_t i;

    for (i = 0; i < RP_PROFILE_MAX_FIELDS; i++)
        free(im->names[i]);
    for (i = 0; i < im->header.n_fields; i++)
        free(im->header_fields[i]);
    free(im->header_fields);
    free(im->header_lens);
    rp_import_rejects_release(&im->rejects);
    rp_import_index_release(&im->index);
}

/* The common path of a file and a buffer: exactly one of fp, buf is set. */
static enum rp_status import_run(const char *name, FILE *fp, const char *buf,
                                 size_t len, const char *rejects_path,
                                 struct rp_dataset *data,
                                 struct rp_import_stats *stats,
                                 struct rp_error *err)
{
    struct rp_import_stats local;
    size_t n_accounts = data->n_accounts, n_tickets = data->n_tickets;
    size_t n_sources = data->n_source_files;
    struct rp_csv_sink sink;
    struct import im;
    enum rp_status status;

    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof(*stats));
    memset(&im, 0, sizeof(im));
    im.name = name;
    im.data = data;
    im.stats = stats;
    im.source = rp_dataset_add_source(data, name);
    rp_import_rejects_init(&im.rejects, rejects_path);
    rp_import_index_init(&im.index);
    sink.record = on_record;
    sink.ctx = &im;

    if (fp)
        status = rp_csv_read_stream(fp, name, sink, err);
    else
        status = rp_csv_read_buffer(buf, len, name, sink, err);
    if (status != RP_OK)
        goto out;
    if (!im.profile) {
        status = rp_import_error_no_header(name, err);
        goto out;
    }
    status = rp_import_rejects_commit(&im.rejects, err);
    if (status != RP_OK)
        goto out;
    if (im.rejects.count && rejects_path)
        snprintf(stats->rejects_path, sizeof(stats->rejects_path), "%s",
                 rejects_path);
out:
    if (status != RP_OK)
        rp_dataset_truncate(data, n_accounts, n_tickets, n_sources);
    import_release(&im);
    return status;
}

enum rp_status rp_import_file(const char *path, const char *rejects_dir,
                              struct rp_dataset *data,
                              struct rp_import_stats *stats,
                              struct rp_error *err)
{
    char *rejects_path = NULL;
    enum rp_status status;
    FILE *fp = fopen(path, "rb");

    if (!fp) {
        if (stats)
            memset(stats, 0, sizeof(*stats));
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot open the file: %s", strerror(errno));
    }
    rejects_path = rp_import_rejects_path(path, rejects_dir);
    status = import_run(path, fp, NULL, 0, rejects_path, data, stats, err);
    fclose(fp);
    free(rejects_path);
    return status;
}

enum rp_status rp_import_buffer(const char *name, const char *buf, size_t len,
                                const char *rejects_dir,
                                struct rp_dataset *data,
                                struct rp_import_stats *stats,
                                struct rp_error *err)
{
    char *rejects_path = NULL;
    enum rp_status status;

    if (rejects_dir)
        rejects_path = rp_import_rejects_path(name, rejects_dir);
    status = import_run(name, NULL, buf, len, rejects_path, data, stats, err);
    free(rejects_path);
    return status;
}

bool rp_import_is_rejects_file(const char *path)
{
    static const char suffix[] = ".rejects.csv";
    size_t len = strlen(path), n = sizeof(suffix) - 1;

    return len >= n && strcasecmp(path + len - n, suffix) == 0;
}
