/* Small hand-written CSV tables with a header (csvtable.h). */
#include "csvtable.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "mem.h"

struct reader {
    const struct rp_csv_table *table;
    struct rp_error *err;
    enum rp_status status;
    long line;        /* physical line of the next byte */
    long record_line; /* line the current record started on */
    bool in_record;
    bool header_done;
    bool comment; /* the row's first field starts with '#' */
    size_t field; /* index of the next field in the record */
    int *col_of;  /* field index of each column, or -1 */
    char **fields;
};

static void on_field(void *data, size_t len, void *ctx)
{
    struct reader *r = ctx;
    const struct rp_csv_table *t = r->table;
    /* libcsv may hand an empty field as NULL. */
    const char *s = data ? data : "";
    size_t c;

    if (r->status != RP_OK)
        return;
    if (!r->in_record) {
        r->in_record = true;
        r->record_line = r->line;
    }
    if (!data)
        len = 0;
    if (len > RP_CSV_TABLE_MAX_FIELD || (len && memchr(s, '\0', len))) {
        r->status =
            rp_error_set(r->err, RP_ERR_INPUT, t->path, r->record_line, NULL,
                         "a field is longer than %d bytes or holds a "
                         "NUL byte",
                         RP_CSV_TABLE_MAX_FIELD);
        return;
    }
    if (r->field == 0 && len > 0 && s[0] == '#')
        r->comment = true;
    for (c = 0; c < t->n_columns; c++) {
        if (!r->header_done) {
            if (strlen(t->columns[c]) == len &&
                strncasecmp(s, t->columns[c], len) == 0)
                r->col_of[c] = (int)r->field;
        } else if (r->col_of[c] == (int)r->field) {
            free(r->fields[c]);
            r->fields[c] = rp_xstrndup(s, len);
        }
    }
    r->field++;
}

static void clear_record(struct reader *r)
{
    size_t c;

    for (c = 0; c < r->table->n_columns; c++) {
        free(r->fields[c]);
        r->fields[c] = NULL;
    }
    r->field = 0;
    r->in_record = false;
    r->comment = false;
}

static void check_header(struct reader *r)
{
    const struct rp_csv_table *t = r->table;
    size_t c;

    for (c = 0; c < t->n_columns; c++) {
        if (r->col_of[c] < 0 && (t->required >> c & 1UL)) {
            r->status = rp_error_set(
                r->err, RP_ERR_INPUT, t->path, r->record_line, t->columns[c],
                "the header has no column '%s'", t->columns[c]);
            return;
        }
    }
}

static void on_record(int term, void *ctx)
{
    struct reader *r = ctx;
    const struct rp_csv_table *t = r->table;
    const char **values;
    size_t c;

    (void)term;
    if (r->status != RP_OK)
        return;
    if (!r->header_done) {
        r->header_done = true;
        check_header(r);
    } else if (!r->comment) {
        values = rp_xcalloc(t->n_columns, sizeof(*values));
        for (c = 0; c < t->n_columns; c++)
            values[c] = r->fields[c] ? r->fields[c] : "";
        r->status = t->row(t->ctx, values, r->record_line, r->err);
        free(values);
    }
    clear_record(r);
}

static size_t skip_bom(const char *chunk, size_t n)
{
    return n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

enum rp_status rp_csv_table_read(const struct rp_csv_table *table,
                                 struct rp_error *err)
{
    struct csv_parser parser;
    struct reader r;
    FILE *fp = NULL;
    char chunk[8192];
    size_t n, i, c, total = 0;
    bool parser_ready = false;

    memset(&r, 0, sizeof(r));
    r.table = table;
    r.err = err;
    r.line = 1;
    r.col_of = rp_xmalloc(table->n_columns * sizeof(*r.col_of));
    r.fields = rp_xcalloc(table->n_columns, sizeof(*r.fields));
    for (c = 0; c < table->n_columns; c++)
        r.col_of[c] = -1;
    fp = fopen(table->path, "rb");
    if (!fp) {
        r.status = rp_error_set(err, RP_ERR_INPUT, table->path, 0, NULL,
                                "cannot open the file: %s", strerror(errno));
        goto out;
    }
    if (csv_init(&parser, CSV_APPEND_NULL) != 0) {
        r.status = rp_error_set(err, RP_ERR_INTERNAL, table->path, 0, NULL,
                                "cannot set up the CSV parser");
        goto out;
    }
    parser_ready = true;
    while (r.status == RP_OK && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        i = total == 0 ? skip_bom(chunk, n) : 0;
        total += n;
        if (total > RP_CSV_TABLE_MAX_BYTES) {
            r.status = rp_error_set(err, RP_ERR_INPUT, table->path, r.line,
                                    NULL, "the file is larger than %zu bytes",
                                    RP_CSV_TABLE_MAX_BYTES);
            break;
        }
        /* Feed line by line so fields know the line they start on. */
        while (i < n && r.status == RP_OK) {
            char *nl = memchr(chunk + i, '\n', n - i);
            size_t len = nl ? (size_t)(nl - (chunk + i)) + 1 : n - i;
            if (csv_parse(&parser, chunk + i, len, on_field, on_record, &r) !=
                len) {
                r.status = rp_error_set(err, RP_ERR_INPUT, table->path, r.line,
                                        NULL, "malformed CSV: %s",
                                        csv_strerror(csv_error(&parser)));
                break;
            }
            if (nl)
                r.line++;
            i += len;
        }
    }
    if (r.status == RP_OK && ferror(fp))
        r.status = rp_error_set(err, RP_ERR_INPUT, table->path, 0, NULL,
                                "cannot read the file");
    if (r.status == RP_OK)
        csv_fini(&parser, on_field, on_record, &r);
out:
    if (r.fields)
        clear_record(&r);
    free(r.fields);
    free(r.col_of);
    if (parser_ready)
        csv_free(&parser);
    if (fp)
        fclose(fp);
    return r.status;
}

static bool needs_quotes(const char *s, size_t len)
{
    size_t i;

    if (len == 0)
        return false;
    if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
        return true;
    for (i = 0; i < len; i++) {
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return true;
    }
    return false;
}

void rp_csv_write_field(FILE *fp, const char *s, size_t len)
{
    size_t i;

    if (!needs_quotes(s, len)) {
        fwrite(s, 1, len, fp);
        return;
    }
    putc('"', fp);
    for (i = 0; i < len; i++) {
        if (s[i] == '"')
            putc('"', fp);
        putc(s[i], fp);
    }
    putc('"', fp);
}
