/*
 * Streaming CSV reader over libcsv, which knows RFC 4180 quoting but not
 * where a record starts: it reports a field when the field ends, and a
 * quoted field may span lines.  So the reader hands libcsv one physical
 * line at a time and notes the line on which each record's first
 * non-blank byte arrives.  A record only ever starts after a line
 * terminator that ended the previous record, so that note is exact even
 * for multi-line quoted fields, CRLF split across two reads, or bare CR
 * line ends.
 *
 * libcsv runs in its lenient mode: a stray quote inside an unquoted field
 * (5" screen) is kept as text, as spreadsheets do.  A quote that is never
 * closed swallows the rest of the input; it is reported at the end with
 * the line of the record it opened in (or earlier, when the record
 * outgrows RP_CSV_MAX_RECORD).
 */
#include "import/internal.h"

#include <errno.h>
#include <string.h>

#include "common/mem.h"

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void reset_record(struct rp_csv_reader *r)
{
    r->n_fields = 0;
    rp_buf_reset(&r->bytes);
    r->record_line = 0;
}

static enum rp_status too_big(struct rp_csv_reader *r)
{
    return rp_error_set(r->err, RP_ERR_INPUT, r->name, r->record_line, NULL,
                        "the record starting on this line is longer than "
                        "%zu bytes or %d fields; a quote is probably never "
                        "closed",
                        RP_CSV_MAX_RECORD, RP_CSV_MAX_FIELDS);
}

/* libcsv field callback: keep a copy, NUL-terminated, in r->bytes. */
static void on_field(void *s, size_t len, void *ctx)
{
    struct rp_csv_reader *r = ctx;

    if (r->status != RP_OK)
        return;
    if (r->n_fields >= RP_CSV_MAX_FIELDS) {
        r->status = too_big(r);
        return;
    }
    if (r->n_fields == r->cap_fields) {
        /* offsets and lens share cap_fields: grow lens to match. */
        rp_array_grow((void **)&r->offsets, &r->cap_fields, r->n_fields + 1,
                      sizeof(*r->offsets));
        r->lens = rp_xrealloc(r->lens, r->cap_fields * sizeof(*r->lens));
    }
    r->offsets[r->n_fields] = r->bytes.len;
    r->lens[r->n_fields] = len;
    if (!rp_buf_add(&r->bytes, s, len) || !rp_buf_addch(&r->bytes, '\0')) {
        r->status = too_big(r);
        return;
    }
    r->n_fields++;
}

static bool all_empty(const struct rp_csv_reader *r)
{
    size_t i;

    for (i = 0; i < r->n_fields; i++) {
        if (r->lens[i] != 0)
            return false;
    }
    return true;
}

/* libcsv end-of-record callback: hand the record to the sink. */
static void on_record_end(int c, void *ctx)
{
    struct rp_csv_reader *r = ctx;
    struct rp_csv_record rec;
    size_t i;

    (void)c;
    if (r->status != RP_OK)
        return;
    if (r->n_fields == 0 || all_empty(r)) {
        reset_record(r);
        return;
    }
    /* Pointers are made only now: r->bytes moves while it grows. */
    if (r->cap_ptrs < r->n_fields)
        rp_array_grow((void **)&r->ptrs, &r->cap_ptrs, r->n_fields,
                      sizeof(*r->ptrs));
    for (i = 0; i < r->n_fields; i++)
        r->ptrs[i] = r->bytes.data + r->offsets[i];
    rec.fields = r->ptrs;
    rec.lens = r->lens;
    rec.n_fields = r->n_fields;
    rec.line = r->record_line;
    r->status = r->sink.record(r->sink.ctx, &rec, r->err);
    reset_record(r);
}

enum rp_status rp_csv_reader_init(struct rp_csv_reader *r, const char *name,
                                  struct rp_csv_sink sink, struct rp_error *err)
{
    memset(r, 0, sizeof(*r));
    r->name = name;
    r->sink = sink;
    r->err = err;
    r->line = 1;
    rp_buf_init(&r->bytes, RP_CSV_MAX_RECORD);
    if (csv_init(&r->parser, 0) != 0)
        return r->status = rp_error_set(err, RP_ERR_INTERNAL, name, 0, NULL,
                                        "cannot start the CSV parser");
    r->parser_ready = true;
    /* libcsv is told to use our allocator, which aborts rather than fail. */
    csv_set_realloc_func(&r->parser, rp_xrealloc);
    return RP_OK;
}

void rp_csv_reader_release(struct rp_csv_reader *r)
{
    if (r->parser_ready)
        csv_free(&r->parser);
    r->parser_ready = false;
    rp_buf_release(&r->bytes);
    free(r->offsets);
    free(r->lens);
    free(r->ptrs);
    r->offsets = NULL;
    r->lens = NULL;
    r->ptrs = NULL;
    r->cap_fields = r->cap_ptrs = r->n_fields = 0;
}

static enum rp_status parse(struct rp_csv_reader *r, const char *s, size_t n)
{
    if (csv_parse(&r->parser, s, n, on_field, on_record_end, r) != n &&
        r->status == RP_OK)
        r->status = rp_error_set(r->err, RP_ERR_INTERNAL, r->name, r->line,
                                 NULL, "CSV parser failed: %s",
                                 csv_strerror(csv_error(&r->parser)));
    /* libcsv grows its own field buffer; hold it to the same cap. */
    if (r->status == RP_OK &&
        csv_get_buffer_size(&r->parser) > RP_CSV_MAX_RECORD + RP_CSV_CHUNK)
        r->status = too_big(r);
    return r->status;
}

/* A piece holds at most one line terminator, at its end. */
static enum rp_status feed_piece(struct rp_csv_reader *r, const char *s,
                                 size_t n, bool terminated)
{
    size_t i;
    char last = s[n - 1];

    if (r->record_line == 0) {
        for (i = 0; i < n; i++) {
            if (!is_blank((unsigned char)s[i])) {
                r->record_line = r->line;
                break;
            }
        }
    }
    if (parse(r, s, n) != RP_OK)
        return r->status;
    if (terminated) {
        /* The LF of a CRLF that arrived in two reads ends no new line. */
        if (!(n == 1 && last == '\n' && r->last_was_cr))
            r->line++;
    }
    r->last_was_cr = terminated && last == '\r';
    r->mid_line = !terminated;
    return RP_OK;
}

static enum rp_status feed_text(struct rp_csv_reader *r, const char *data,
                                size_t len)
{
    size_t pos = 0;

    while (pos < len && r->status == RP_OK) {
        size_t limit = len - pos < RP_CSV_CHUNK ? len : pos + RP_CSV_CHUNK;
        size_t end = pos;
        bool terminated;

        while (end < limit && data[end] != '\n' && data[end] != '\r')
            end++;
        terminated = end < limit;
        if (terminated) {
            if (data[end] == '\r' && end + 1 < len && data[end + 1] == '\n')
                end++;
            end++;
        }
        if (feed_piece(r, data + pos, end - pos, terminated) != RP_OK)
            break;
        pos = end;
    }
    return r->status;
}

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

/*
 * Consumes a UTF-8 byte order mark at the start of the input, which may
 * arrive split over several feeds; bytes that turn out not to be one are
 * fed as text.
 */
static size_t skip_bom(struct rp_csv_reader *r, const char *data, size_t len)
{
    size_t pos = 0;

    while (!r->bom_done && pos < len) {
        if ((unsigned char)data[pos] == utf8_bom[r->bom_seen]) {
            pos++;
            r->bom_done = ++r->bom_seen == sizeof(utf8_bom);
            continue;
        }
        r->bom_done = true;
        if (r->bom_seen)
            feed_text(r, (const char *)utf8_bom, r->bom_seen);
    }
    return pos;
}

enum rp_status rp_csv_reader_feed(struct rp_csv_reader *r, const char *data,
                                  size_t len)
{
    size_t pos;

    if (r->status != RP_OK || len == 0)
        return r->status;
    /* No UTF-8 text starts with these bytes; UTF-16 does. */
    if (!r->started &&
        ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE))
        return r->status = rp_error_set(
                   r->err, RP_ERR_INPUT, r->name, 1, NULL,
                   "the file is not UTF-8 (it starts as UTF-16 does); "
                   "export it as UTF-8 (\"CSV UTF-8\")");
    r->started = true;
    pos = skip_bom(r, data, len);
    if (r->status == RP_OK && pos < len)
        feed_text(r, data + pos, len - pos);
    return r->status;
}

enum rp_status rp_csv_reader_finish(struct rp_csv_reader *r)
{
    if (r->status != RP_OK)
        return r->status;
    /* A file that is only the start of a byte order mark. */
    if (!r->bom_done && r->bom_seen &&
        feed_text(r, (const char *)utf8_bom, r->bom_seen) != RP_OK)
        return r->status;
    /*
     * A last line without terminator gets one, so that a record still
     * open afterwards can only be inside a quoted field.
     */
    if (r->mid_line && parse(r, "\n", 1) != RP_OK)
        return r->status;
    if (r->record_line != 0)
        return r->status = rp_error_set(
                   r->err, RP_ERR_INPUT, r->name, r->record_line, NULL,
                   "a quoted field in the record starting on this line is "
                   "never closed (a '\"' is missing, or text follows a "
                   "closing quote as in \"abc\"def)");
    csv_fini(&r->parser, on_field, on_record_end, r);
    return r->status;
}

enum rp_status rp_csv_read_stream(FILE *fp, const char *name,
                                  struct rp_csv_sink sink, struct rp_error *err)
{
    struct rp_csv_reader reader;
    enum rp_status status;
    char *chunk = rp_xmalloc(RP_CSV_CHUNK);
    size_t n;

    status = rp_csv_reader_init(&reader, name, sink, err);
    if (status != RP_OK)
        goto out;
    while ((n = fread(chunk, 1, RP_CSV_CHUNK, fp)) > 0) {
        status = rp_csv_reader_feed(&reader, chunk, n);
        if (status != RP_OK)
            goto out;
    }
    if (ferror(fp)) {
        status = rp_error_set(err, RP_ERR_INPUT, name, reader.line, NULL,
                              "read failed: %s", strerror(errno));
        goto out;
    }
    status = rp_csv_reader_finish(&reader);
out:
    rp_csv_reader_release(&reader);
    free(chunk);
    return status;
}

enum rp_status rp_csv_read_buffer(const char *data, size_t len,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err)
{
    struct rp_csv_reader reader;
    enum rp_status status;

    status = rp_csv_reader_init(&reader, name, sink, err);
    if (status != RP_OK)
        goto out;
    status = rp_csv_reader_feed(&reader, data, len);
    if (status != RP_OK)
        goto out;
    status = rp_csv_reader_finish(&reader);
out:
    rp_csv_reader_release(&reader);
    return status;
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
