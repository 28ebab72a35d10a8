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
 * The bytes become UTF-8 first (encoding.c).  The delimiter (, ; TAB or |)
 * is sniffed from the header line, the most frequent of them outside
 * quotes, so the text is held back until the header line is complete.
 *
 * libcsv runs in its lenient mode: a stray quote inside an unquoted field
 * (5" screen) is kept as text, as spreadsheets do.  Beside it, the reader
 * follows the quoting itself (cheaply: from quote to quote), because libcsv
 * does not say when it took a quote as text inside a quoted field.  Such a
 * quote in a record that ends on its line is a flaw the import warns of.
 * A record that a misplaced quote made run on past its line, one still
 * open at the end of the input, one that runs on past the header's fields,
 * and one past RP_CSV_MAX_RECORD are broken: each costs only itself.  The
 * reader keeps the raw text of the open record's lines, so it can set the
 * record aside, start libcsv afresh and read the lines after its first
 * again; lines are joined to the broken record until one starts a record
 * with the header's number of fields, and reading goes on from there.
 */
#include "import/internal.h"

#include <errno.h>
#include <string.h>

#include "common/mem.h"

/* pending holds a record's lines; replay at most what pending held. */
#define PENDING_MAX (2 * (RP_CSV_MAX_RECORD + RP_CSV_CHUNK))

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void reset_record(struct rp_csv_reader *r)
{
    r->n_fields = 0;
    rp_buf_reset(&r->bytes);
    r->record_line = 0;
    r->q_flaw = false;
    r->repaired_mark = r->repaired;
}

/* libcsv field callback: keep a copy, NUL-terminated, in r->bytes. */
static void on_field(void *s, size_t len, void *ctx)
{
    struct rp_csv_reader *r = ctx;

    if (r->status != RP_OK || r->rollback)
        return;
    if (r->n_fields >= RP_CSV_MAX_FIELDS) {
        r->rollback = RP_CSV_FLAW_TOO_BIG;
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
        r->rollback = RP_CSV_FLAW_TOO_BIG;
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

/* A field beyond the header's holds more than blanks. */
static bool too_wide(const struct rp_csv_reader *r)
{
    size_t i, k;

    if (r->expect_fields == 0)
        return false;
    for (i = r->expect_fields; i < r->n_fields; i++) {
        const char *f = r->bytes.data + r->offsets[i];
        for (k = 0; k < r->lens[i]; k++) {
            if (!is_blank((unsigned char)f[k]))
                return true;
        }
    }
    return false;
}

/* After a broken record: a record that reading can go on from. */
static bool in_step(const struct rp_csv_reader *r)
{
    return r->expect_fields == 0 ||
           (r->n_fields >= r->expect_fields && !too_wide(r));
}

static void deliver(struct rp_csv_reader *r, struct rp_csv_record *rec)
{
    rec->checked = r->clean && (r->encoding == RP_CSV_UTF8 ||
                                r->encoding == RP_CSV_UTF8_BOM);
    r->status = r->sink.record(r->sink.ctx, rec, r->err);
}

/* The record set aside, now that reading is back in step (or ended). */
static void deliver_broken(struct rp_csv_reader *r)
{
    struct rp_csv_record rec;
    char *field = r->broken_text.data ? r->broken_text.data : (char *)"";
    size_t len = r->broken_text.len;

    r->resyncing = false;
    memset(&rec, 0, sizeof(rec));
    rec.fields = &field;
    rec.lens = &len;
    rec.n_fields = 1;
    rec.line = r->broken_line;
    rec.last_line = r->broken_last;
    rec.flaw = r->broken_flaw;
    deliver(r, &rec);
}

/* libcsv end-of-record callback: hand the record to the sink. */
static void on_record_end(int c, void *ctx)
{
    struct rp_csv_reader *r = ctx;
    struct rp_csv_record rec;
    bool multi = r->record_line != 0 && r->record_line < r->line;
    size_t i;

    (void)c;
    if (r->status != RP_OK || r->rollback)
        return;
    /* Its quoting swallowed other records' lines: broken. */
    if (multi && (r->q_flaw || too_wide(r))) {
        r->rollback = RP_CSV_FLAW_BROKEN_QUOTE;
        return;
    }
    if (r->n_fields == 0 || all_empty(r)) {
        reset_record(r);
        return;
    }
    if (r->resyncing && !in_step(r)) {
        r->broken_last = r->line;
        reset_record(r);
        return;
    }
    if (r->resyncing) {
        deliver_broken(r);
        if (r->status != RP_OK)
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
    rec.last_line = r->line;
    rec.flaw = r->q_flaw ? RP_CSV_FLAW_STRAY_QUOTE : RP_CSV_FLAW_NONE;
    rec.replaced = r->repaired - r->repaired_mark;
    if (r->expect_fields == 0)
        r->expect_fields = r->n_fields;
    deliver(r, &rec);
    reset_record(r);
}

/* With a tab delimiter, only spaces are blanks libcsv may trim. */
static int space_only(unsigned char c)
{
    return c == ' ';
}

static enum rp_status start_parser(struct rp_csv_reader *r)
{
    if (csv_init(&r->parser, 0) != 0)
        return r->status = rp_error_set(r->err, RP_ERR_INTERNAL, r->name, 0,
                                        NULL, "cannot start the CSV parser");
    r->parser_ready = true;
    /* libcsv is told to use our allocator, which aborts rather than fail. */
    csv_set_realloc_func(&r->parser, rp_xrealloc);
    csv_set_delim(&r->parser, (unsigned char)r->delim);
    if (r->delim == '\t')
        csv_set_space_func(&r->parser, space_only);
    return RP_OK;
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
    r->q_fresh = true;
    r->clean = true;
    r->cd = (iconv_t)-1;
    rp_buf_init(&r->bytes, RP_CSV_MAX_RECORD);
    rp_buf_init(&r->head, RP_CSV_MAX_RECORD);
    rp_buf_init(&r->pending, PENDING_MAX);
    rp_buf_init(&r->replay, PENDING_MAX);
    rp_buf_init(&r->broken_text, RP_CSV_BROKEN_TEXT_MAX + 8);
    return start_parser(r);
}

void rp_csv_reader_release(struct rp_csv_reader *r)
{
    if (r->parser_ready)
        csv_free(&r->parser);
    r->parser_ready = false;
    rp_buf_release(&r->bytes);
    rp_buf_release(&r->head);
    rp_buf_release(&r->pending);
    rp_buf_release(&r->replay);
    rp_buf_release(&r->broken_text);
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
    if (r->status == RP_OK && !r->rollback &&
        csv_get_buffer_size(&r->parser) > RP_CSV_MAX_RECORD + RP_CSV_CHUNK)
        r->rollback = RP_CSV_FLAW_TOO_BIG;
    return r->status;
}

/* ---- following the quoting ------------------------------------------------
 */

/* What libcsv trims around a field. */
static bool is_space(const struct rp_csv_reader *r, char c)
{
    return c == ' ' || (c == '\t' && r->delim != '\t');
}

static bool ends_field(const struct rp_csv_reader *r, char c)
{
    return c == r->delim || c == '\r' || c == '\n';
}

/*
 * Judges the quote inside a quoted field just before s[i]: doubled, the
 * field's end (then only blanks before a delimiter or the line's end), or
 * text, as libcsv takes it then: a flaw.  Returns where to go on.
 */
static size_t after_quote(struct rp_csv_reader *r, const char *s, size_t n,
                          size_t i)
{
    size_t k = i;

    if (s[i] == '"')
        return i + 1;
    while (k < n && is_space(r, s[k]))
        k++;
    if (k == n || ends_field(r, s[k])) {
        r->q_in = false;
        return k;
    }
    r->q_flaw = true;
    return k;
}

/* Whether the quote at s[q] opens a field: only blanks since the field
 * began, on this piece or (fresh) before it. */
static bool opens_field(const struct rp_csv_reader *r, const char *s, size_t q)
{
    while (q > 0 && is_space(r, s[q - 1]))
        q--;
    return q == 0 ? r->q_fresh : s[q - 1] == r->delim;
}

/* Follows the quotes of one piece (a line, or part of a long one). */
static void audit_quotes(struct rp_csv_reader *r, const char *s, size_t n,
                         bool terminated)
{
    size_t i = 0, k;
    const char *q;

    if (r->q_after) {
        r->q_after = false;
        i = after_quote(r, s, n, 0);
    }
    while (i < n && (q = memchr(s + i, '"', n - i)) != NULL) {
        size_t at = (size_t)(q - s);

        if (!r->q_in) {
            r->q_in = opens_field(r, s, at);
            i = at + 1;
            continue;
        }
        i = at + 1;
        if (i == n) {
            r->q_after = true;
            return;
        }
        i = after_quote(r, s, n, i);
    }
    if (terminated && !r->q_in) {
        r->q_fresh = true;
    } else if (!r->q_in) {
        for (k = n; k > 0 && is_space(r, s[k - 1]); k--)
            ;
        r->q_fresh = k == 0 ? r->q_fresh : s[k - 1] == r->delim;
    }
}

/* ---- broken records -------------------------------------------------------
 */

/* The first line of the record set aside, for its rejected row: without
 * its line end, cut on a character boundary. */
static void keep_broken_text(struct rp_csv_reader *r, const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (len > RP_CSV_BROKEN_TEXT_MAX) {
        len = RP_CSV_BROKEN_TEXT_MAX;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    rp_buf_reset(&r->broken_text);
    if (!rp_buf_add(&r->broken_text, s, len) ||
        !rp_buf_addch(&r->broken_text, '\0'))
        rp_buf_reset(&r->broken_text);
    else
        r->broken_text.len--;
}

/*
 * The open record is broken: it is set aside (held until reading is back
 * in step), libcsv starts afresh, and the lines after the record's first
 * are queued to be read again; line is the one being read.  Returns
 * whether any were.
 */
static bool set_aside(struct rp_csv_reader *r, enum rp_csv_flaw flaw, long line)
{
    long first = r->record_line ? r->record_line : line;
    bool replay = r->pending_first && r->pending_first < r->pending.len;
    long last = replay ? first : line;

    r->rollback = RP_CSV_FLAW_NONE;
    if (!r->resyncing) {
        r->resyncing = true;
        r->broken_flaw = flaw;
        r->broken_line = first;
        keep_broken_text(r, r->pending.data ? r->pending.data : "",
                         r->pending_first ? r->pending_first : r->pending.len);
    }
    if (last > r->broken_last || r->broken_last < r->broken_line)
        r->broken_last = last;
    if (replay) {
        /* Within the caps: replay holds no more than pending did. */
        if (!rp_buf_add(&r->replay, r->pending.data + r->pending_first,
                        r->pending.len - r->pending_first))
            replay = false;
        r->line = first + 1;
        r->last_was_cr = r->pending.data[r->pending_first - 1] == '\r';
        r->mid_line = false;
    }
    csv_free(&r->parser);
    r->parser_ready = false;
    start_parser(r);
    reset_record(r);
    rp_buf_reset(&r->pending);
    r->pending_first = 0;
    r->q_in = r->q_after = false;
    r->q_fresh = true;
    return replay;
}

/* ---- lines ------------------------------------------------------------------
 */

static void count_line(struct rp_csv_reader *r, const char *s, size_t n,
                       bool terminated)
{
    char last = s[n - 1];

    if (terminated) {
        /* The LF of a CRLF that arrived in two reads ends no new line. */
        if (!(n == 1 && last == '\n' && r->last_was_cr))
            r->line++;
    }
    r->last_was_cr = terminated && last == '\r';
    r->mid_line = !terminated;
}

/* A piece holds at most one line terminator, at its end. */
static enum rp_status feed_piece(struct rp_csv_reader *r, const char *s,
                                 size_t n, bool terminated)
{
    size_t i;

    if (r->skip_line) {
        /* The rest of a line whose record was set aside. */
        r->skip_line = !terminated;
        count_line(r, s, n, terminated);
        return RP_OK;
    }
    if (r->record_line == 0 && !r->mid_line) {
        rp_buf_reset(&r->pending);
        r->pending_first = 0;
    }
    if (r->record_line == 0) {
        for (i = 0; i < n; i++) {
            if (!is_blank((unsigned char)s[i])) {
                r->record_line = r->line;
                break;
            }
        }
    }
    if (!rp_buf_add(&r->pending, s, n)) {
        r->rollback = RP_CSV_FLAW_TOO_BIG;
    } else {
        audit_quotes(r, s, n, terminated);
        if (parse(r, s, n) != RP_OK)
            return r->status;
    }
    if (terminated && r->record_line != 0 && !r->rollback) {
        if (r->record_line == r->line)
            r->pending_first = r->pending.len;
        /* A misplaced quote made libcsv read on past the line's end. */
        if (r->q_flaw)
            r->rollback = RP_CSV_FLAW_BROKEN_QUOTE;
    }
    if (r->rollback) {
        if (set_aside(r, r->rollback, r->line))
            return r->status;
        r->skip_line = !terminated;
    }
    count_line(r, s, n, terminated);
    return r->status;
}

/* Feeds the lines of data from *pos on, until its end or until a broken
 * record queues text to be read again. */
static void feed_lines(struct rp_csv_reader *r, const char *data, size_t len,
                       size_t *pos)
{
    while (*pos < len && r->status == RP_OK && r->replay.len == 0) {
        size_t p = *pos;
        size_t limit = len - p < RP_CSV_CHUNK ? len : p + RP_CSV_CHUNK;
        const char *lf = memchr(data + p, '\n', limit - p);
        size_t end = lf ? (size_t)(lf - data) : limit;
        const char *cr = memchr(data + p, '\r', end - p);
        bool terminated;

        if (cr)
            end = (size_t)(cr - data);
        terminated = end < limit;
        if (terminated) {
            if (data[end] == '\r' && end + 1 < len && data[end + 1] == '\n')
                end++;
            end++;
        }
        *pos = end;
        feed_piece(r, data + p, end - p, terminated);
    }
}

/*
 * Reads again what a broken record had swallowed.  A record broken in it
 * queues its own lines after its first, followed by what remains here.
 */
static void drain_replay(struct rp_csv_reader *r)
{
    struct rp_buf text = r->replay;
    size_t pos = 0;

    rp_buf_init(&r->replay, PENDING_MAX);
    while (r->status == RP_OK && pos < text.len) {
        feed_lines(r, text.data, text.len, &pos);
        if (r->replay.len == 0)
            continue;
        if (!rp_buf_add(&r->replay, text.data + pos, text.len - pos))
            r->status =
                rp_error_set(r->err, RP_ERR_INTERNAL, r->name, r->line, NULL,
                             "the text to read again outgrew "
                             "its buffer");
        rp_buf_release(&text);
        text = r->replay;
        rp_buf_init(&r->replay, PENDING_MAX);
        pos = 0;
    }
    rp_buf_release(&text);
}

static enum rp_status feed_text(struct rp_csv_reader *r, const char *data,
                                size_t len)
{
    size_t pos = 0;

    while (pos < len && r->status == RP_OK) {
        feed_lines(r, data, len, &pos);
        if (r->replay.len)
            drain_replay(r);
    }
    return r->status;
}

/* ---- the delimiter ------------------------------------------------------ */

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
enum rp_status rp_csv_text_in(struct rp_csv_reader *r, const char *s, size_t n)
{
    if (r->status != RP_OK || r->restart || n == 0)
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

void rp_csv_reader_set_encoding(struct rp_csv_reader *r,
                                enum rp_csv_encoding encoding)
{
    r->encoding = encoding;
}

enum rp_status rp_csv_reader_feed(struct rp_csv_reader *r, const char *data,
                                  size_t len)
{
    size_t pos = 0;

    if (r->status != RP_OK || r->restart || len == 0)
        return r->status;
    r->started = true;
    while (!r->lead_done && pos < len) {
        r->lead[r->n_lead++] = (unsigned char)data[pos++];
        if (r->n_lead == sizeof(r->lead) &&
            rp_csv_resolve_lead(r, false) != RP_OK)
            return r->status;
    }
    if (pos < len)
        rp_csv_decode(r, data + pos, len - pos, false);
    return r->status;
}

enum rp_status rp_csv_reader_finish(struct rp_csv_reader *r)
{
    if (r->status != RP_OK || r->restart)
        return r->status;
    if (!r->lead_done && (rp_csv_resolve_lead(r, true) != RP_OK || r->restart))
        return r->status;
    if ((r->n_carry || r->n_ucarry) &&
        (rp_csv_decode(r, "", 0, true) != RP_OK || r->restart))
        return r->status;
    if (!r->delim_done)
        decide_delimiter(r);
    /*
     * A last line without terminator gets one, so that a record still
     * open afterwards can only be inside a quoted field: never closed, it
     * is set aside and the lines after its first are read again, until
     * nothing is left open.
     */
    while (r->status == RP_OK) {
        if (r->replay.len) {
            drain_replay(r);
        } else if (r->mid_line && r->skip_line) {
            r->skip_line = r->mid_line = false;
        } else if (r->mid_line) {
            feed_piece(r, "\n", 1, true);
        } else if (r->record_line != 0) {
            /* The line count is past the input's last line now. */
            set_aside(r, RP_CSV_FLAW_BROKEN_QUOTE, r->line - 1);
        } else {
            break;
        }
    }
    if (r->status == RP_OK)
        csv_fini(&r->parser, on_field, on_record_end, r);
    if (r->status == RP_OK && r->resyncing)
        deliver_broken(r);
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

/* Feeds the whole of src to r and finishes, unless r stops (an error, or
 * restart).  chunk holds RP_CSV_CHUNK bytes, for a stream. */
static enum rp_status read_through(struct rp_csv_reader *r,
                                   const struct rp_csv_source *src, char *chunk)
{
    bool first = true;
    size_t n;

    if (!src->fp) {
        if (rp_csv_reader_feed(r, src->data, src->len) != RP_OK)
            return r->status;
        return rp_csv_reader_finish(r);
    }
    while (!r->restart && (n = fread(chunk, 1, RP_CSV_CHUNK, src->fp)) > 0) {
        /* A pipe, read once, is judged by its first chunk. */
        if (first && !src->again)
            rp_csv_reader_set_encoding(r, rp_csv_guess_encoding(chunk, n));
        first = false;
        if (rp_csv_reader_feed(r, chunk, n) != RP_OK)
            return r->status;
    }
    if (!r->restart && ferror(src->fp))
        return r->status =
                   rp_error_set(r->err, RP_ERR_INPUT, r->name, r->line, NULL,
                                "read failed: %s", strerror(errno));
    return rp_csv_reader_finish(r);
}

/*
 * Reads src whole: as UTF-8 on trust where it can be read again, and
 * again from its start as Windows-1252 when its bytes say so.  The
 * records of a reading that is given up are taken back (sink.restart),
 * and so is any error it made.
 */
static enum rp_status read_source(const struct rp_csv_source *src,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err)
{
    struct rp_csv_reader reader;
    struct rp_error before = *err;
    enum rp_csv_encoding encoding = RP_CSV_UTF8;
    enum rp_status status = RP_OK;
    char *chunk = src->fp ? rp_xmalloc(RP_CSV_CHUNK) : NULL;
    bool trust = src->again;
    bool again;

    do {
        status = rp_csv_reader_init(&reader, name, sink, err);
        if (status == RP_OK) {
            rp_csv_reader_set_encoding(&reader, encoding);
            reader.source = src;
            reader.verify = trust;
            status = read_through(&reader, src, chunk);
            /* Stopped before all was seen: the stop stands only if the
             * input was read as what it is. */
            if (status != RP_OK && !reader.restart)
                status = rp_csv_reader_settle(&reader);
            if (status == RP_OK && !reader.restart)
                fill_info(&reader, sink.info);
        }
        again = reader.restart;
        rp_csv_reader_release(&reader);
        if (again) {
            *err = before;
            sink.restart(sink.ctx);
            encoding = RP_CSV_WINDOWS_1252;
            trust = false;
            status = RP_OK;
            if (src->fp && fseek(src->fp, src->start, SEEK_SET) != 0) {
                status = rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                                      "cannot read the file a second time: "
                                      "%s",
                                      strerror(errno));
                goto out;
            }
        }
    } while (again);
out:
    free(chunk);
    return status;
}

enum rp_status rp_csv_read_stream(FILE *fp, const char *name,
                                  struct rp_csv_sink sink, struct rp_error *err)
{
    struct rp_csv_source src = {fp, ftell(fp), NULL, 0, false};

    src.again = src.start >= 0 && fseek(fp, 0, SEEK_CUR) == 0;
    return read_source(&src, name, sink, err);
}

enum rp_status rp_csv_read_buffer(const char *data, size_t len,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err)
{
    struct rp_csv_source src = {NULL, 0, data, len, true};

    return read_source(&src, name, sink, err);
}
