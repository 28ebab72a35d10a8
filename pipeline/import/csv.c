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
 * Before libcsv sees a byte, the input is made UTF-8: a byte order mark
 * picks UTF-8 or UTF-16 (LE or BE), the caller may say Windows-1252, and
 * iconv converts what is not UTF-8.  Bytes iconv cannot convert become
 * U+FFFD and are counted, never dropped silently.  The delimiter (, ; TAB
 * or |) is sniffed from the header line, the most frequent of them outside
 * quotes, so the text is held back until the header line is complete.
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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
    /* The common case, room to spare, without the buffer's checks. */
    if (r->bytes.alloc - r->bytes.len > len + 1 &&
        r->bytes.len + len < RP_CSV_MAX_RECORD) {
        if (len)
            memcpy(r->bytes.data + r->bytes.len, s, len);
        r->bytes.len += len;
        r->bytes.data[r->bytes.len++] = '\0';
    } else if (!rp_buf_add(&r->bytes, s, len) ||
               !rp_buf_addch(&r->bytes, '\0')) {
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
    rec.checked = r->scanned_clean && (r->encoding == RP_CSV_UTF8 ||
                                       r->encoding == RP_CSV_UTF8_BOM);
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
    r->delim = ',';
    r->cd = (iconv_t)-1;
    rp_buf_init(&r->bytes, RP_CSV_MAX_RECORD);
    rp_buf_init(&r->head, RP_CSV_MAX_RECORD);
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
    rp_buf_release(&r->head);
    if (r->cd_open)
        iconv_close(r->cd);
    r->cd_open = false;
    free(r->conv);
    r->conv = NULL;
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
        const char *lf = memchr(data + pos, '\n', limit - pos);
        size_t end = lf ? (size_t)(lf - data) : limit;
        const char *cr = memchr(data + pos, '\r', end - pos);
        bool terminated;

        if (cr)
            end = (size_t)(cr - data);
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

/* ---- the delimiter ------------------------------------------------------ */

/* With a tab delimiter, only spaces are blanks libcsv may trim. */
static int space_only(unsigned char c)
{
    return c == ' ';
}

/*
 * The delimiter of a header line: the candidate found most often outside
 * quotes; ties go to the earlier candidate, and a one-column header is
 * read with commas.
 */
static char sniff_delimiter(const char *s, size_t len)
{
    static const char candidates[] = {',', ';', '\t', '|'};
    size_t counts[4] = {0, 0, 0, 0}, i, k, best = 0;
    bool quoted = false;

    for (i = 0; i < len; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        if (quoted)
            continue;
        if (s[i] == '\n' || s[i] == '\r')
            break;
        for (k = 0; k < 4; k++)
            counts[k] += s[i] == candidates[k];
    }
    for (k = 1; k < 4; k++) {
        if (counts[k] > counts[best])
            best = k;
    }
    return candidates[best];
}

/* Whether text holds a line end outside quotes: the header is complete. */
static bool has_line_end(const char *s, size_t len)
{
    bool quoted = false;
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
            return true;
    }
    return false;
}

static void decide_delimiter(struct rp_csv_reader *r)
{
    r->delim = sniff_delimiter(r->head.data ? r->head.data : "", r->head.len);
    r->delim_done = true;
    csv_set_delim(&r->parser, (unsigned char)r->delim);
    if (r->delim == '\t')
        csv_set_space_func(&r->parser, space_only);
    if (r->head.len)
        feed_text(r, r->head.data, r->head.len);
    rp_buf_release(&r->head);
}

/* UTF-8 text, on its way to libcsv. */
static enum rp_status text_in(struct rp_csv_reader *r, const char *s, size_t n)
{
    if (r->status != RP_OK || n == 0)
        return r->status;
    if (r->delim_done)
        return feed_text(r, s, n);
    /* The header line is held back until complete, or as long as a record
     * may be: then the delimiter is taken from what there is. */
    if (!rp_buf_add(&r->head, s, n)) {
        decide_delimiter(r);
        return feed_text(r, s, n);
    }
    if (has_line_end(r->head.data, r->head.len))
        decide_delimiter(r);
    return r->status;
}

/* ---- the encoding -------------------------------------------------------- */

const char *rp_csv_encoding_name(enum rp_csv_encoding encoding)
{
    switch (encoding) {
    case RP_CSV_UTF8:
        return "UTF-8";
    case RP_CSV_UTF8_BOM:
        return "UTF-8 with BOM";
    case RP_CSV_UTF16LE:
        return "UTF-16LE";
    case RP_CSV_UTF16BE:
        return "UTF-16BE";
    case RP_CSV_WINDOWS_1252:
        return "Windows-1252";
    }
    return "?";
}

/* The encoding of data whose first ok bytes are valid UTF-8. */
static enum rp_csv_encoding encoding_of(const char *data, size_t len, size_t ok)
{
    /* A sequence cut by the end of the piece is no evidence either way. */
    if (ok == len || (len - ok < 4 && ((unsigned char)data[ok] & 0xC0) == 0xC0))
        return RP_CSV_UTF8;
    return RP_CSV_WINDOWS_1252;
}

enum rp_csv_encoding rp_csv_guess_encoding(const char *data, size_t len)
{
    bool clean = true;

    return encoding_of(data, len, rp_import_utf8_scan(data, len, &clean));
}

void rp_csv_reader_set_encoding(struct rp_csv_reader *r,
                                enum rp_csv_encoding encoding)
{
    r->encoding = encoding;
}

static enum rp_status open_iconv(struct rp_csv_reader *r)
{
    const char *from = r->encoding == RP_CSV_UTF16LE   ? "UTF-16LE"
                       : r->encoding == RP_CSV_UTF16BE ? "UTF-16BE"
                                                       : "WINDOWS-1252";

    r->cd = iconv_open("UTF-8", from);
    if (r->cd == (iconv_t)-1)
        return r->status =
                   rp_error_set(r->err, RP_ERR_INTERNAL, r->name, 1, NULL,
                                "cannot convert from %s: iconv_open failed: %s",
                                from, strerror(errno));
    r->cd_open = true;
    /* UTF-8 grows 1252 at most threefold and UTF-16 at most 1.5-fold. */
    r->conv = rp_xmalloc(3 * (RP_CSV_CHUNK + sizeof(r->carry)) + 8);
    return RP_OK;
}

/*
 * Converts one slice (at most RP_CSV_CHUNK bytes) after the carried bytes
 * of the previous one.  A sequence cut at the end is carried on; at the
 * end of input (last) it is invalid.
 */
static enum rp_status convert_slice(struct rp_csv_reader *r, const char *s,
                                    size_t n, bool last)
{
    char in_buf[RP_CSV_CHUNK + sizeof(r->carry)];
    size_t unit = r->encoding == RP_CSV_WINDOWS_1252 ? 1 : 2;
    char *in = in_buf, *out = r->conv;
    size_t in_left = r->n_carry + n;
    size_t out_left = 3 * (RP_CSV_CHUNK + sizeof(r->carry)) + 8;

    memcpy(in_buf, r->carry, r->n_carry);
    if (n)
        memcpy(in_buf + r->n_carry, s, n);
    r->n_carry = 0;
    while (in_left > 0) {
        if (iconv(r->cd, &in, &in_left, &out, &out_left) != (size_t)-1)
            break;
        if (errno == EINVAL && !last && in_left < sizeof(r->carry)) {
            memcpy(r->carry, in, in_left);
            r->n_carry = in_left;
            break;
        }
        if (errno != EILSEQ && errno != EINVAL)
            return r->status =
                       rp_error_set(r->err, RP_ERR_INTERNAL, r->name, r->line,
                                    NULL, "iconv failed: %s", strerror(errno));
        /* Not convertible: U+FFFD in its place, counted. */
        memcpy(out, "\xEF\xBF\xBD", 3);
        out += 3;
        out_left -= 3;
        r->replaced++;
        if (in_left < unit)
            unit = in_left;
        in += unit;
        in_left -= unit;
    }
    return text_in(r, r->conv, (size_t)(out - r->conv));
}

static enum rp_status decode(struct rp_csv_reader *r, const char *s, size_t n,
                             bool last)
{
    size_t pos = 0;

    if (r->encoding == RP_CSV_UTF8 || r->encoding == RP_CSV_UTF8_BOM)
        return text_in(r, s, n);
    if (!r->cd_open && open_iconv(r) != RP_OK)
        return r->status;
    do {
        size_t piece = n - pos < RP_CSV_CHUNK ? n - pos : RP_CSV_CHUNK;
        if (convert_slice(r, s + pos, piece, last && pos + piece == n) != RP_OK)
            break;
        pos += piece;
    } while (pos < n);
    return r->status;
}

/*
 * The first bytes: a byte order mark, or not.  Until three bytes are in
 * (or the input ends) nothing can be decided.
 */
static enum rp_status resolve_lead(struct rp_csv_reader *r, bool last)
{
    const unsigned char *b = r->lead;
    size_t skip = 0;

    r->lead_done = true;
    if (r->n_lead >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        r->encoding = RP_CSV_UTF8_BOM;
        skip = 3;
    } else if (r->n_lead >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        r->encoding = RP_CSV_UTF16LE;
        skip = 2;
    } else if (r->n_lead >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        r->encoding = RP_CSV_UTF16BE;
        skip = 2;
    } else if (r->encoding == RP_CSV_UTF16LE || r->encoding == RP_CSV_UTF16BE ||
               r->encoding == RP_CSV_UTF8_BOM) {
        /* Said to carry a mark, it has none: read what it is. */
        r->encoding = RP_CSV_UTF8;
    }
    return decode(r, (const char *)b + skip, r->n_lead - skip, last);
}

enum rp_status rp_csv_reader_feed(struct rp_csv_reader *r, const char *data,
                                  size_t len)
{
    size_t pos = 0;

    if (r->status != RP_OK || len == 0)
        return r->status;
    r->started = true;
    while (!r->lead_done && pos < len) {
        r->lead[r->n_lead++] = (unsigned char)data[pos++];
        if (r->n_lead == sizeof(r->lead) && resolve_lead(r, false) != RP_OK)
            return r->status;
    }
    if (pos < len)
        decode(r, data + pos, len - pos, false);
    return r->status;
}

enum rp_status rp_csv_reader_finish(struct rp_csv_reader *r)
{
    if (r->status != RP_OK)
        return r->status;
    if (!r->lead_done && resolve_lead(r, true) != RP_OK)
        return r->status;
    if (r->n_carry && decode(r, "", 0, true) != RP_OK)
        return r->status;
    if (!r->delim_done)
        decide_delimiter(r);
    if (r->status != RP_OK)
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

static void fill_info(const struct rp_csv_reader *r, struct rp_csv_info *info)
{
    if (!info)
        return;
    info->encoding = r->encoding;
    info->delimiter = r->delim;
    info->replaced = r->replaced;
}

/* Windows of a regular file mapped for the scan: the file is read once
 * more without a copy, and never more than a window of it is mapped. */
#define SCAN_WINDOW ((size_t)1 << 20)

/*
 * The scan of stream_is_utf8 over the mapped bytes of a regular file from
 * start on; false when the file cannot be mapped (then it is read, and
 * what this found is forgotten).
 */
static bool scan_mapped(FILE *fp, long start, bool *valid, bool *clean)
{
    long page = sysconf(_SC_PAGESIZE);
    struct stat st;
    off_t off;
    int fd = fileno(fp);

    if (fd < 0 || page <= 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        start < 0 || st.st_size < start)
        return false;
    *valid = true;
    for (off = start; *valid && off < st.st_size;) {
        off_t base = off - off % page;
        size_t skip = (size_t)(off - base);
        size_t len = (size_t)(st.st_size - base) < SCAN_WINDOW + skip
                         ? (size_t)(st.st_size - base)
                         : SCAN_WINDOW + skip;
        bool last = base + (off_t)len == st.st_size;
        char *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, base);
        size_t n = len - skip, ok;

        if (map == MAP_FAILED)
            return false;
        ok = rp_import_utf8_scan(map + skip, n, clean);
        munmap(map, len);
        /* A sequence cut by the window's end is read again with the next. */
        if (ok < n && !last && n - ok < 4)
            off += (off_t)ok;
        else if (ok < n)
            *valid = false;
        else
            off += (off_t)n;
    }
    return true;
}

/*
 * Whether the bytes of fp, from here on, are all valid UTF-8, and *clean
 * whether they also hold nothing rp_import_check_text refuses; rewinds.
 */
static bool stream_is_utf8(FILE *fp, char *chunk, bool *clean)
{
    long start = ftell(fp);
    char carry[4];
    size_t n_carry = 0, n;
    bool valid = true;

    *clean = true;
    if (scan_mapped(fp, start, &valid, clean)) {
        *clean = *clean && valid;
        return valid;
    }
    valid = *clean = true;
    while (valid && (n = fread(chunk + n_carry, 1, RP_CSV_CHUNK, fp)) > 0) {
        size_t total = n_carry + n;
        size_t ok = rp_import_utf8_scan(chunk, total, clean);
        if (ok < total && total - ok < 4 &&
            ((unsigned char)chunk[ok] & 0xC0) == 0xC0) {
            n_carry = total - ok;
            memcpy(carry, chunk + ok, n_carry);
            memcpy(chunk, carry, n_carry);
            continue;
        }
        valid = ok == total;
        n_carry = 0;
    }
    if (n_carry)
        valid = false;
    clearerr(fp);
    if (fseek(fp, start, SEEK_SET) != 0) {
        *clean = false;
        return true; /* cannot tell after all: take UTF-8, the norm */
    }
    *clean = *clean && valid;
    return valid;
}

enum rp_status rp_csv_read_stream(FILE *fp, const char *name,
                                  struct rp_csv_sink sink, struct rp_error *err)
{
    struct rp_csv_reader reader;
    enum rp_status status;
    char *chunk = rp_xmalloc(RP_CSV_CHUNK + 4);
    size_t n;
    bool seekable = fseek(fp, 0, SEEK_CUR) == 0 && ftell(fp) >= 0;
    bool first = true;

    status = rp_csv_reader_init(&reader, name, sink, err);
    if (status != RP_OK)
        goto out;
    /* Without a byte order mark, the whole file says UTF-8 or not. */
    if (seekable && !stream_is_utf8(fp, chunk, &reader.scanned_clean))
        rp_csv_reader_set_encoding(&reader, RP_CSV_WINDOWS_1252);
    while ((n = fread(chunk, 1, RP_CSV_CHUNK, fp)) > 0) {
        if (first && !seekable)
            rp_csv_reader_set_encoding(&reader,
                                       rp_csv_guess_encoding(chunk, n));
        first = false;
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
    fill_info(&reader, sink.info);
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
    size_t ok;

    status = rp_csv_reader_init(&reader, name, sink, err);
    if (status != RP_OK)
        goto out;
    reader.scanned_clean = true;
    ok = rp_import_utf8_scan(data, len, &reader.scanned_clean);
    rp_csv_reader_set_encoding(&reader, encoding_of(data, len, ok));
    reader.scanned_clean = reader.scanned_clean && ok == len;
    status = rp_csv_reader_feed(&reader, data, len);
    if (status != RP_OK)
        goto out;
    status = rp_csv_reader_finish(&reader);
    fill_info(&reader, sink.info);
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
