/*
 * The encoding of an export, and its bytes made UTF-8 for the CSV reader
 * (csv.c).  A byte order mark picks UTF-8 or UTF-16 (LE or BE).  Without
 * one, the whole input decides: UTF-8 when it is valid UTF-8 but for a
 * few damaged sequences (a stray byte, a character cut at the end),
 * Windows-1252 only when the bytes read as Windows-1252 throughout.  One
 * bad byte must not turn every name of a UTF-8 file into mojibake.
 *
 * The whole input is not read twice to decide: it is read as UTF-8 on
 * trust, each piece checked as it is fed, and only its first invalid
 * sequence, if it has one, makes the reader tally all of it.  A UTF-8
 * verdict goes on from there, repairing; a Windows-1252 one has the
 * caller read the input again from its start (csv.c).
 *
 * Invalid sequences of a UTF-8 input become U+FFFD as they are fed, and
 * are counted per record so the import can name their lines; bytes iconv
 * cannot convert become U+FFFD too and are counted.  Nothing is dropped
 * silently.
 */
#include "import/internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/mem.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

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

/* Length of the UTF-8 sequence a lead byte starts; 0: not a lead byte. */
static size_t sequence_length(unsigned char c)
{
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

static bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Whether s[0..n) is the start of a sequence that more bytes may finish. */
static bool is_cut(const char *s, size_t n)
{
    size_t want = sequence_length((unsigned char)s[0]), i;

    if (want == 0 || n >= want)
        return false;
    for (i = 1; i < n; i++) {
        if (!is_continuation((unsigned char)s[i]))
            return false;
    }
    return true;
}

/* Bytes of the invalid sequence at s: its lead and the continuation bytes
 * it claims, as one U+FFFD stands for them. */
static size_t bad_length(const char *s, size_t n)
{
    size_t want = sequence_length((unsigned char)s[0]), i = 1;

    while (i < want && i < n && is_continuation((unsigned char)s[i]))
        i++;
    return i;
}

static size_t count_multi(const char *s, size_t n)
{
    size_t i, count = 0;

    for (i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) == 0xC0;
    return count;
}

size_t rp_csv_tally_add(struct rp_csv_tally *t, const char *s, size_t n,
                        bool last)
{
    size_t pos = 0;

    while (pos < n) {
        size_t ok = rp_import_utf8_scan(s + pos, n - pos, &t->clean);

        t->multi += count_multi(s + pos, ok);
        pos += ok;
        if (pos == n)
            break;
        if (is_cut(s + pos, n - pos)) {
            if (!last)
                return pos;
            t->cut_end = true;
        }
        t->bad++;
        pos += bad_length(s + pos, n - pos);
    }
    return n;
}

enum rp_csv_encoding rp_csv_encoding_of(const struct rp_csv_tally *t)
{
    /* In Windows-1252 text almost every byte beyond ASCII is invalid
     * UTF-8, and valid sequences are rare accidents; in a damaged UTF-8
     * file it is the other way round. */
    size_t bad = t->bad - t->cut_end;

    return bad == 0 || t->multi >= bad ? RP_CSV_UTF8 : RP_CSV_WINDOWS_1252;
}

enum rp_csv_encoding rp_csv_guess_encoding(const char *data, size_t len)
{
    struct rp_csv_tally t = {0, 0, true, false};

    rp_csv_tally_add(&t, data, len, false);
    return rp_csv_encoding_of(&t);
}

/* Windows of a regular file mapped for the tally: the file is read once
 * more without a copy, and never more than a window of it is mapped. */
#define SCAN_WINDOW ((size_t)1 << 20)

/* The tally of the mapped bytes of a regular file from start on; false
 * when the file cannot be mapped (then it is read instead).  The stream's
 * position does not move. */
static bool tally_mapped(FILE *fp, long start, struct rp_csv_tally *t)
{
    long page = sysconf(_SC_PAGESIZE);
    struct stat st;
    off_t off;
    int fd = fileno(fp);

    if (fd < 0 || page <= 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        start < 0 || st.st_size < start)
        return false;
    for (off = start; off < st.st_size;) {
        off_t base = off - off % page;
        size_t skip = (size_t)(off - base);
        size_t len = (size_t)(st.st_size - base) < SCAN_WINDOW + skip
                         ? (size_t)(st.st_size - base)
                         : SCAN_WINDOW + skip;
        bool last = base + (off_t)len == st.st_size;
        char *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, base);

        if (map == MAP_FAILED)
            return false;
        /* A sequence cut by the window's end is read again with the next. */
        off += (off_t)rp_csv_tally_add(t, map + skip, len - skip, last);
        munmap(map, len);
    }
    return true;
}

/* The tally of fp read from start in chunks, back where it was after;
 * false when it cannot be. */
static bool tally_read(FILE *fp, long start, struct rp_csv_tally *t)
{
    char *chunk = rp_xmalloc(RP_CSV_CHUNK + 4);
    size_t n_carry = 0, n;
    long at = ftell(fp);
    bool ok = at >= 0 && fseek(fp, start, SEEK_SET) == 0;

    while (ok && (n = fread(chunk + n_carry, 1, RP_CSV_CHUNK, fp)) > 0) {
        size_t total = n_carry + n;
        size_t took = rp_csv_tally_add(t, chunk, total, false);
        n_carry = total - took;
        memmove(chunk, chunk + took, n_carry);
    }
    if (ok && n_carry)
        rp_csv_tally_add(t, chunk, n_carry, true);
    ok = ok && !ferror(fp);
    clearerr(fp);
    free(chunk);
    return at >= 0 && fseek(fp, at, SEEK_SET) == 0 && ok;
}

bool rp_csv_tally_source(const struct rp_csv_source *src,
                         struct rp_csv_tally *t)
{
    memset(t, 0, sizeof(*t));
    t->clean = true;
    if (!src->fp) {
        rp_csv_tally_add(t, src->data, src->len, true);
        return true;
    }
    if (!src->again)
        return false;
    if (tally_mapped(src->fp, src->start, t))
        return true;
    memset(t, 0, sizeof(*t));
    t->clean = true;
    return tally_read(src->fp, src->start, t);
}

/*
 * The first invalid sequence of an input read as UTF-8 on trust: the
 * whole input decides now, as if it had been tallied before reading.
 * True: UTF-8 with a few damaged sequences, to be repaired from here on.
 * False: Windows-1252 after all (r->restart: the caller reads the input
 * again), or the input could not be tallied (r->status).
 */
static bool still_utf8(struct rp_csv_reader *r)
{
    struct rp_csv_tally t;

    r->verify = false;
    /* A byte order mark says UTF-8, whatever follows it. */
    if (r->encoding == RP_CSV_UTF8_BOM)
        return true;
    if (!rp_csv_tally_source(r->source, &t)) {
        r->status = rp_error_set(r->err, RP_ERR_INPUT, r->name, 0, NULL,
                                 "cannot read the file a second time: %s",
                                 strerror(errno));
        return false;
    }
    if (rp_csv_encoding_of(&t) == RP_CSV_UTF8)
        return true;
    r->restart = true;
    return false;
}

enum rp_status rp_csv_reader_settle(struct rp_csv_reader *r)
{
    if (r->verify)
        still_utf8(r);
    return r->status;
}

/* ---- UTF-8 with repairs ---------------------------------------------------
 */

static enum rp_status replace_one(struct rp_csv_reader *r)
{
    r->replaced++;
    r->repaired++;
    return rp_csv_text_in(r, replacement, 3);
}

/*
 * UTF-8 text whose valid runs go on as they are and whose invalid
 * sequences become U+FFFD; a sequence cut at the end of s waits in
 * r->ucarry for the next bytes, unless last.
 */
static enum rp_status repair_utf8(struct rp_csv_reader *r, const char *s,
                                  size_t n, bool last)
{
    while (n > 0 && r->status == RP_OK && !r->restart) {
        size_t ok = rp_import_utf8_scan(s, n, &r->clean), bad;

        if (ok && rp_csv_text_in(r, s, ok) != RP_OK)
            break;
        s += ok;
        n -= ok;
        if (n == 0)
            break;
        if (!last && is_cut(s, n)) {
            memcpy(r->ucarry, s, n);
            r->n_ucarry = n;
            break;
        }
        if (r->verify && !still_utf8(r))
            break;
        bad = bad_length(s, n);
        if (replace_one(r) != RP_OK)
            break;
        s += bad;
        n -= bad;
    }
    return r->status;
}

/* A carried sequence, completed from s as far as it can be: *used bytes
 * of s went into it. */
static enum rp_status finish_carry(struct rp_csv_reader *r, const char *s,
                                   size_t n, bool last, size_t *used)
{
    unsigned char seq[4];
    size_t want = sequence_length(r->ucarry[0]), have = r->n_ucarry;

    *used = 0;
    memcpy(seq, r->ucarry, have);
    while (have < want && *used < n && is_continuation((unsigned char)s[*used]))
        seq[have++] = (unsigned char)s[(*used)++];
    r->n_ucarry = 0;
    if (have < want && *used == n && !last) {
        memcpy(r->ucarry, seq, have);
        r->n_ucarry = have;
        return RP_OK;
    }
    return repair_utf8(r, (const char *)seq, have, true);
}

/* ---- iconv ------------------------------------------------------------------
 */

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
        memcpy(out, replacement, 3);
        out += 3;
        out_left -= 3;
        r->replaced++;
        if (in_left < unit)
            unit = in_left;
        in += unit;
        in_left -= unit;
    }
    return rp_csv_text_in(r, r->conv, (size_t)(out - r->conv));
}

enum rp_status rp_csv_decode(struct rp_csv_reader *r, const char *s, size_t n,
                             bool last)
{
    size_t pos = 0;

    if (r->encoding == RP_CSV_UTF8 || r->encoding == RP_CSV_UTF8_BOM) {
        if (r->n_ucarry &&
            (finish_carry(r, s, n, last, &pos) != RP_OK || r->restart))
            return r->status;
        return repair_utf8(r, s + pos, n - pos, last);
    }
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
enum rp_status rp_csv_resolve_lead(struct rp_csv_reader *r, bool last)
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
    return rp_csv_decode(r, (const char *)b + skip, r->n_lead - skip, last);
}
