/*
 * The CSV reader: RFC 4180 quoting, line endings, byte order marks, blank
 * lines, and above all the line each record starts on, whatever the
 * quoting and however the input arrives in pieces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/mem.h"
#include "import/internal.h"

/* Every record seen, flattened to "line:field|field|..." strings. */
struct seen {
    char *records[64];
    size_t n;
};

static void seen_release(struct seen *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->records[i]);
    s->n = 0;
}

static enum rp_status collect(void *ctx, const struct rp_csv_record *rec,
                              struct rp_error *err)
{
    struct seen *s = ctx;
    struct rp_buf buf = RP_BUF_INIT;
    size_t i;
    bool ok;

    (void)err;
    /* A broken record shows its lines and '!', a stray quote '~', a
     * record with bytes replaced how many. */
    if (rec->flaw == RP_CSV_FLAW_BROKEN_QUOTE ||
        rec->flaw == RP_CSV_FLAW_TOO_BIG)
        ok = rp_buf_addf(&buf, "%ld-%ld%s:", rec->line, rec->last_line,
                         rec->flaw == RP_CSV_FLAW_TOO_BIG ? "!big" : "!");
    else if (rec->flaw == RP_CSV_FLAW_STRAY_QUOTE)
        ok = rp_buf_addf(&buf, "%ld~:", rec->line);
    else if (rec->replaced)
        ok = rp_buf_addf(&buf, "%ld+%zu:", rec->line, rec->replaced);
    else
        ok = rp_buf_addf(&buf, "%ld:", rec->line);
    for (i = 0; i < rec->n_fields; i++) {
        ok = ok && (i == 0 || rp_buf_addch(&buf, '|'));
        ok = ok && rp_buf_add(&buf, rec->fields[i], rec->lens[i]);
    }
    assert_true(ok);
    assert_true(s->n < 64);
    s->records[s->n++] = rp_buf_take(&buf);
    return RP_OK;
}

/* A reading begun again forgets what it saw. */
static void forget(void *ctx)
{
    seen_release(ctx);
}

static struct rp_csv_sink sink_for(struct seen *s)
{
    struct rp_csv_sink sink = {collect, s, NULL, forget};
    return sink;
}

/* Reads text whole, then again one byte at a time: both must agree. */
static enum rp_status read_both_ways(const char *text, size_t len,
                                     struct seen *s, struct rp_error *err)
{
    struct rp_csv_reader reader;
    struct seen bytewise = {{NULL}, 0};
    struct rp_error err2;
    enum rp_status status, status2;
    size_t i;

    status = rp_csv_read_buffer(text, len, "test.csv", sink_for(s), err);
    rp_error_init(&err2);
    status2 =
        rp_csv_reader_init(&reader, "test.csv", sink_for(&bytewise), &err2);
    rp_csv_reader_set_encoding(&reader, rp_csv_guess_encoding(text, len));
    for (i = 0; status2 == RP_OK && i < len; i++)
        status2 = rp_csv_reader_feed(&reader, text + i, 1);
    if (status2 == RP_OK)
        status2 = rp_csv_reader_finish(&reader);
    rp_csv_reader_release(&reader);

    assert_int_equal(status, status2);
    assert_int_equal(err->line, err2.line);
    assert_int_equal(s->n, bytewise.n);
    for (i = 0; i < s->n; i++)
        assert_string_equal(s->records[i], bytewise.records[i]);
    seen_release(&bytewise);
    return status;
}

static void expect_records_n(const char *text, size_t len,
                             const char *const *want, size_t n_want)
{
    struct seen s = {{NULL}, 0};
    struct rp_error err;
    size_t i;

    rp_error_init(&err);
    assert_int_equal(read_both_ways(text, len, &s, &err), RP_OK);
    assert_int_equal(s.n, n_want);
    for (i = 0; i < n_want; i++)
        assert_string_equal(s.records[i], want[i]);
    seen_release(&s);
}

static void expect_records(const char *text, const char *const *want,
                           size_t n_want)
{
    expect_records_n(text, strlen(text), want, n_want);
}

#define EXPECT_N(text, len, ...)                                               \
    do {                                                                       \
        static const char *const want_[] = {__VA_ARGS__};                      \
        expect_records_n(text, len, want_, sizeof(want_) / sizeof(want_[0]));  \
    } while (0)

#define EXPECT(text, ...)                                                      \
    do {                                                                       \
        static const char *const want_[] = {__VA_ARGS__};                      \
        expect_records(text, want_, sizeof(want_) / sizeof(want_[0]));         \
    } while (0)

static void test_plain_lf(void **state)
{
    (void)state;
    EXPECT("a,b,c\n1,2,3\n", "1:a|b|c", "2:1|2|3");
}

static void test_crlf_same_as_lf(void **state)
{
    (void)state;
    EXPECT("a,b,c\r\n1,2,3\r\n", "1:a|b|c", "2:1|2|3");
}

static void test_bare_cr_line_ends(void **state)
{
    (void)state;
    EXPECT("a,b\r1,2\r3,4", "1:a|b", "2:1|2", "3:3|4");
}

static void test_no_final_newline(void **state)
{
    (void)state;
    EXPECT("a,b\n1,2", "1:a|b", "2:1|2");
}

static void test_quoted_comma_and_quote(void **state)
{
    (void)state;
    EXPECT("name,note\n\"Acme Widgets, Inc.\",\"say \"\"hi\"\"\"\n",
           "1:name|note", "2:Acme Widgets, Inc.|say \"hi\"");
}

static void test_multiline_field_keeps_line_numbers(void **state)
{
    (void)state;
    /* The record on line 2 spans three lines; the next starts on 5. */
    EXPECT("id,text\n1,\"first\nsecond\r\nthird\"\n\n2,after\n", "1:id|text",
           "2:1|first\nsecond\r\nthird", "6:2|after");
}

static void test_multiline_first_field(void **state)
{
    (void)state;
    EXPECT("a,b\n\"x\ny\",z\nlast,row\n", "1:a|b", "2:x\ny|z", "4:last|row");
}

static void test_bom_is_skipped(void **state)
{
    (void)state;
    EXPECT("\xEF\xBB\xBF"
           "Ticket ID,Status\nT-1,Open\n",
           "1:Ticket ID|Status", "2:T-1|Open");
}

static void test_blank_lines_skipped_but_counted(void **state)
{
    (void)state;
    EXPECT("\n\na,b\n\n   \n,\n1,2\r\n\r\n3,4\n\n", "3:a|b", "7:1|2", "9:3|4");
}

static void test_ragged_rows_passed_through(void **state)
{
    (void)state;
    /* Judging the width is the importer's business, not the reader's. */
    EXPECT("a,b,c\n1,2\n1,2,3,4\n", "1:a|b|c", "2:1|2", "3:1|2|3|4");
}

static void test_stray_quote_is_text(void **state)
{
    (void)state;
    EXPECT("subject,n\n27\" monitor flickers,1\n", "1:subject|n",
           "2:27\" monitor flickers|1");
}

static void test_spaces_around_unquoted_trimmed(void **state)
{
    (void)state;
    EXPECT("a , b\n\" x \", y \n", "1:a|b", "2: x |y");
}

static void test_embedded_nul_kept_with_length(void **state)
{
    static const char text[] = "a,b\nx\0y,z\n";
    struct seen s = {{NULL}, 0};
    struct rp_error err;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(read_both_ways(text, sizeof(text) - 1, &s, &err), RP_OK);
    assert_int_equal(s.n, 2);
    assert_memory_equal(s.records[1], "2:x\0y|z", 8);
    seen_release(&s);
}

/* Issue 13: an unclosed quote swallowed every row after it. */
static void test_unclosed_quote_costs_only_its_row(void **state)
{
    (void)state;
    EXPECT("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", "1:a|b", "2:1|2",
           "3-3!:3,\"never closed", "4:4|5", "5:6|7");
    /* The quoted fields after it close it no longer: they are read. */
    EXPECT("a,b\n1,\"open\n2,\"x\"\n3,4\n", "1:a|b", "2-2!:1,\"open", "3:2|x",
           "4:3|4");
    /* Near the end, and on the last line without a line end. */
    EXPECT("a,b\n1,2\n3,\"never", "1:a|b", "2:1|2", "3-3!:3,\"never");
    EXPECT("a,b\r\n1,\"x\r\n2,3\r\n", "1:a|b", "2-2!:1,\"x", "3:2|3");
}

/* Lines after a broken record that do not start a record with the
 * header's fields are its own; reading goes on at the next that does. */
static void test_resync_at_a_record_of_the_header_width(void **state)
{
    (void)state;
    EXPECT("a,b,c\n1,\"open\nstill, text\n2,3,4\n", "1:a|b|c", "2-3!:1,\"open",
           "4:2|3|4");
    /* A record running past the header's fields over several lines. */
    EXPECT("a,b\n1,\"x\n2,y\",z,w\n3,4\n", "1:a|b", "2-3!:1,\"x", "4:3|4");
}

static void test_text_after_closing_quote_costs_only_its_row(void **state)
{
    (void)state;
    EXPECT("a,b\n\"abc\"def,1\n2,3\n", "1:a|b", "2-2!:\"abc\"def,1", "3:2|3");
    EXPECT("a,b\n\"abc\" def,1\n2,3\n", "1:a|b", "2-2!:\"abc\" def,1", "3:2|3");
}

/* A quote inside a quoted field on one line: kept as text, flagged. */
static void test_stray_quote_in_quoted_field_is_flagged(void **state)
{
    (void)state;
    EXPECT("a,b\n\"Subject with \"unescaped\" quote\",x\n1,2\n", "1:a|b",
           "2~:Subject with \"unescaped\" quote|x", "3:1|2");
    /* Doubled quotes, quotes after blanks, empty quoted fields: fine. */
    EXPECT("a,b,c\n\"x \"\"y\"\"\" , \"\",\"\"\"\"\n", "1:a|b|c",
           "2:x \"y\"||\"");
}

/* Excel's "Unicode text": UTF-16LE with a byte order mark, tab-separated. */
static void test_utf16le_with_bom_is_decoded(void **state)
{
    static const char text[] = "\xFF\xFE"
                               "I\0d\0\t\0N\0a\0m\0e\0\r\0\n\0"
                               "1\0\t\0M\0\xFC\0l\0l\0e\0r\0\r\0\n\0";
    (void)state;
    EXPECT_N(text, sizeof(text) - 1, "1:Id|Name", "2:1|M\xC3\xBCller");
}

static void test_utf16be_with_bom_is_decoded(void **state)
{
    static const char text[] = "\xFE\xFF"
                               "\0a\0,\0b\0\n"
                               "\0\"\0x\0,\0y\0\"\0,\0\xE9\0\n";
    (void)state;
    EXPECT_N(text, sizeof(text) - 1, "1:a|b", "2:x,y|\xC3\xA9");
}

/* A UTF-16 surrogate pair split across feeds still makes one character. */
static void test_utf16_surrogate_pair(void **state)
{
    static const char text[] = "\xFF\xFE"
                               "a\0\n\0\x3D\xD8\x00\xDE\n\0";
    (void)state;
    EXPECT_N(text, sizeof(text) - 1, "1:a", "2:\xF0\x9F\x98\x80");
}

static void test_windows_1252_is_converted(void **state)
{
    static const char text[] = "Name,Price\r\nM\xFCller,\x80 5\r\n"
                               "Soci\xE9t\xE9 G\xE9n\xE9rale,\x93x\x94\r\n";
    struct seen s = {{NULL}, 0};
    struct rp_error err;
    struct rp_csv_info info;
    struct rp_csv_sink sink = {collect, &s, &info, forget};

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_csv_guess_encoding(text, strlen(text)),
                     RP_CSV_WINDOWS_1252);
    assert_int_equal(
        rp_csv_read_buffer(text, strlen(text), "w.csv", sink, &err), RP_OK);
    assert_int_equal(info.encoding, RP_CSV_WINDOWS_1252);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.records[1], "2:M\xC3\xBCller|\xE2\x82\xAC 5");
    assert_string_equal(s.records[2], "3:Soci\xC3\xA9t\xC3\xA9 "
                                      "G\xC3\xA9n\xC3\xA9rale|"
                                      "\xE2\x80\x9Cx\xE2\x80\x9D");
    seen_release(&s);
}

/* Bytes 1252 leaves undefined become U+FFFD and are counted. */
static void test_unconvertible_bytes_are_replaced_and_counted(void **state)
{
    static const char text[] = "a,b\n\x81,\xE9\n";
    struct seen s = {{NULL}, 0};
    struct rp_error err;
    struct rp_csv_info info;
    struct rp_csv_sink sink = {collect, &s, &info, forget};

    (void)state;
    rp_error_init(&err);
    assert_int_equal(
        rp_csv_read_buffer(text, strlen(text), "w.csv", sink, &err), RP_OK);
    assert_int_equal(info.replaced, 1);
    assert_string_equal(s.records[1], "2:\xEF\xBF\xBD|\xC3\xA9");
    seen_release(&s);
}

static void test_utf8_is_not_mistaken_for_1252(void **state)
{
    static const char text[] = "a\nM\xC3\xBCller\n";
    (void)state;
    assert_int_equal(rp_csv_guess_encoding(text, strlen(text)), RP_CSV_UTF8);
    /* A sequence cut by the end of a piece is no evidence. */
    assert_int_equal(rp_csv_guess_encoding(text, strlen(text) - 5),
                     RP_CSV_UTF8);
}

static void test_delimiter_sniffed(void **state)
{
    (void)state;
    EXPECT("a;b;\"c;d\"\n1;\"2,5\";3\n", "1:a|b|c;d", "2:1|2,5|3");
    EXPECT("a\tb\tc\n1\t 2 \t3\n", "1:a|b|c", "2:1|2|3");
    EXPECT("a|b\n1|2\n", "1:a|b", "2:1|2");
    /* Commas inside quotes do not count; the header's delimiter wins. */
    EXPECT("\"x,y,z\";b\n1;2\n", "1:x,y,z|b", "2:1|2");
    /* One column: commas. */
    EXPECT("id\n1,2\n", "1:id", "2:1|2");
}

/* The header line may arrive in pieces; the delimiter waits for all of it. */
static void test_delimiter_sniffed_across_pieces(void **state)
{
    (void)state;
    EXPECT("alpha;beta;gamma;delta\r\n1;2;3;4\r\n", "1:alpha|beta|gamma|delta",
           "2:1|2|3|4");
}

/* What a big read came to: records, and the first ones flattened. */
struct counted {
    size_t n;
    char first[4][64];
};

static enum rp_status count_records(void *ctx, const struct rp_csv_record *rec,
                                    struct rp_error *err)
{
    struct counted *c = ctx;

    (void)err;
    if (c->n < 4)
        snprintf(c->first[c->n], sizeof(c->first[0]), "%ld-%ld%s:%.20s",
                 rec->line, rec->last_line,
                 rec->flaw == RP_CSV_FLAW_TOO_BIG        ? "!big"
                 : rec->flaw == RP_CSV_FLAW_BROKEN_QUOTE ? "!"
                                                         : "",
                 rec->fields[0]);
    c->n++;
    return RP_OK;
}

static void uncount(void *ctx)
{
    memset(ctx, 0, sizeof(struct counted));
}

/* Issue 13: one oversized record made the whole file unreadable. */
static void test_oversized_record_costs_only_itself(void **state)
{
    size_t len = RP_CSV_MAX_RECORD + RP_CSV_CHUNK + 100, i;
    char *text = rp_xmalloc(len + 20);
    struct counted c = {0, {""}};
    struct rp_csv_sink sink = {count_records, &c, NULL, uncount};
    struct rp_error err;

    (void)state;
    /* A quote that is never closed, over many short lines. */
    memcpy(text, "a\n\"", 3);
    for (i = 3; i < len; i++)
        text[i] = i % 80 == 0 ? '\n' : 'x';
    rp_error_init(&err);
    assert_int_equal(rp_csv_read_buffer(text, len, "big.csv", sink, &err),
                     RP_OK);
    assert_string_equal(c.first[1], "2-2!big:\"xxxxxxxxxxxxxxxxxxx");
    /* The lines it swallowed are read again: one record each. */
    assert_string_equal(c.first[2], "3-3:xxxxxxxxxxxxxxxxxxxx");
    assert_int_equal(c.n, 2 + (len - 1) / 80);

    /* One line longer than a record may be, between two good ones. */
    memcpy(text, "a,b\n1,2\n", 8);
    for (i = 8; i < len; i++)
        text[i] = 'y';
    memcpy(text + len, "\n3,4\n", 5);
    memset(&c, 0, sizeof(c));
    assert_int_equal(rp_csv_read_buffer(text, len + 5, "big.csv", sink, &err),
                     RP_OK);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.first[2], "3-3!big:yyyyyyyyyyyyyyyyyyyy");
    assert_string_equal(c.first[3], "4-4:3");
    free(text);
}

static void test_too_many_fields_costs_only_its_row(void **state)
{
    struct rp_buf buf = RP_BUF_INIT;
    struct seen s = {{NULL}, 0};
    struct rp_error err;
    size_t i;
    char *text;

    (void)state;
    assert_true(rp_buf_adds(&buf, "h\n1\n"));
    for (i = 0; i < RP_CSV_MAX_FIELDS + 10; i++)
        assert_true(rp_buf_adds(&buf, "x,"));
    assert_true(rp_buf_adds(&buf, "\n2\n"));
    text = rp_buf_take(&buf);
    rp_error_init(&err);
    assert_int_equal(
        rp_csv_read_buffer(text, strlen(text), "wide.csv", sink_for(&s), &err),
        RP_OK);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.records[1], "2:1");
    assert_int_equal(strncmp(s.records[2], "3-3!big:x,x,", 12), 0);
    assert_string_equal(s.records[3], "4:2");
    free(text);
    seen_release(&s);
}

/* Issue 13: one bad byte made a UTF-8 file Windows-1252 (mojibake). */
static void test_utf8_with_a_stray_byte_stays_utf8(void **state)
{
    static const char text[] = "a\nM\xC3\xBCller\nBad \xE9 byte\nZ\xC3\xA9ro\n";
    struct rp_csv_info info;
    struct seen s = {{NULL}, 0};
    struct rp_csv_sink sink = {collect, &s, &info, forget};
    struct rp_error err;

    (void)state;
    assert_int_equal(rp_csv_guess_encoding(text, strlen(text)), RP_CSV_UTF8);
    EXPECT(text, "1:a", "2:M\xC3\xBCller", "3+1:Bad \xEF\xBF\xBD byte",
           "4:Z\xC3\xA9ro");
    /* A character cut at the very end, with or without others. */
    EXPECT("a\nM\xC3\xBCller\nCut \xE2\x82", "1:a", "2:M\xC3\xBCller",
           "3+1:Cut \xEF\xBF\xBD");
    EXPECT("a\nCut \xE2\x82", "1:a", "2+1:Cut \xEF\xBF\xBD");
    rp_error_init(&err);
    assert_int_equal(
        rp_csv_read_buffer(text, strlen(text), "t.csv", sink, &err), RP_OK);
    assert_int_equal(info.encoding, RP_CSV_UTF8);
    assert_int_equal(info.replaced, 1);
    seen_release(&s);
    /* Windows-1252 throughout is still converted. */
    assert_int_equal(
        rp_csv_guess_encoding("a\nM\xFCller\nZ\xE9ro\xE9\n",
                              strlen("a\nM\xFCller\nZ\xE9ro\xE9\n")),
        RP_CSV_WINDOWS_1252);
}

static enum rp_status fail_on_second(void *ctx, const struct rp_csv_record *rec,
                                     struct rp_error *err)
{
    size_t *calls = ctx;

    if (++*calls == 2)
        return rp_error_set(err, RP_ERR_INPUT, "t.csv", rec->line, NULL,
                            "stop");
    return RP_OK;
}

static void uncall(void *ctx)
{
    *(size_t *)ctx = 0;
}

static void test_sink_error_stops_reading(void **state)
{
    static const char text[] = "a\nb\nc\nd\n";
    struct rp_csv_sink sink;
    struct rp_error err;
    size_t calls = 0;

    (void)state;
    sink.record = fail_on_second;
    sink.ctx = &calls;
    sink.info = NULL;
    sink.restart = uncall;
    rp_error_init(&err);
    assert_int_equal(
        rp_csv_read_buffer(text, strlen(text), "t.csv", sink, &err),
        RP_ERR_INPUT);
    assert_int_equal(calls, 2);
    assert_int_equal(err.line, 2);
}

static void test_stream_in_chunks(void **state)
{
    /* Longer than one RP_CSV_CHUNK, with a CRLF across the chunk edge. */
    char dir[] = "/tmp/rp-csv-test.XXXXXX";
    char path[64];
    struct seen s = {{NULL}, 0};
    struct rp_error err;
    size_t pad = RP_CSV_CHUNK - strlen("h\r\n") - 1, i;
    FILE *fp;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/chunks.csv", dir);
    fp = fopen(path, "w+b");
    assert_non_null(fp);
    fputs("h,i\r\n", fp);
    for (i = 0; i < pad - 2; i++)
        putc('x', fp);
    fputs("\r\n\"multi\nline\",2\r\nend\r\n", fp);
    rewind(fp);
    rp_error_init(&err);
    assert_int_equal(rp_csv_read_stream(fp, path, sink_for(&s), &err), RP_OK);
    fclose(fp);
    unlink(path);
    rmdir(dir);
    assert_int_equal(s.n, 4);
    assert_string_equal(s.records[0], "1:h|i");
    assert_int_equal(strncmp(s.records[1], "2:xxx", 5), 0);
    assert_string_equal(s.records[2], "3:multi\nline|2");
    assert_string_equal(s.records[3], "5:end");
    seen_release(&s);
}

/* What a file read as a stream came to: records, and whether the last
 * one was said checked. */
struct tally {
    size_t records;
    bool last_checked;
    char last[8];
};

static enum rp_status count(void *ctx, const struct rp_csv_record *rec,
                            struct rp_error *err)
{
    struct tally *t = ctx;

    (void)err;
    t->records++;
    t->last_checked = rec->checked;
    snprintf(t->last, sizeof(t->last), "%.*s", (int)rec->lens[0],
             rec->fields[0]);
    return RP_OK;
}

static void untally(void *ctx)
{
    memset(ctx, 0, sizeof(struct tally));
}

/*
 * A file of 2 MB and more: short rows, then tail.  The rows put the first
 * byte of the "\xC3\xA9" that follows them at offset 1 MiB - 1, across
 * the edge of the windows the encoding scan maps.
 */
static void read_big(const char *tail, struct tally *t,
                     struct rp_csv_info *info)
{
    char dir[] = "/tmp/rp-csv-test.XXXXXX";
    char path[64];
    struct rp_csv_sink sink = {count, t, info, untally};
    struct rp_error err;
    size_t at = 0, i;
    FILE *fp;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/big.csv", dir);
    fp = fopen(path, "w+b");
    assert_non_null(fp);
    for (; at + 99 < ((size_t)1 << 20) - 2; at += 99)
        fprintf(fp, "%98s\n", "row");
    for (i = at; i < ((size_t)1 << 20) - 2; i++)
        putc('y', fp);
    fputs("\n\xC3\xA9t\xC3\xA9\n", fp);
    for (i = 0; i < 10000; i++)
        fprintf(fp, "%98s\n", "row");
    fputs(tail, fp);
    rewind(fp);
    memset(t, 0, sizeof(*t));
    rp_error_init(&err);
    assert_int_equal(rp_csv_read_stream(fp, path, sink, &err), RP_OK);
    fclose(fp);
    unlink(path);
    rmdir(dir);
}

static void test_stream_scan_of_a_big_file(void **state)
{
    struct rp_csv_info info;
    struct tally t;

    (void)state;
    /* A character across the scan's window edge is still UTF-8. */
    read_big("end\n", &t, &info);
    assert_int_equal(info.encoding, RP_CSV_UTF8);
    assert_string_equal(t.last, "end");
    assert_true(t.last_checked);
    /* Windows-1252 bytes past the first window, more of them than the
     * UTF-8 characters before, decide the file. */
    read_big("\xE9nd \xE9t\xE9\n", &t, &info);
    assert_int_equal(info.encoding, RP_CSV_WINDOWS_1252);
    assert_string_equal(t.last, "\xC3\xA9nd \xC3\xA9");
    assert_false(t.last_checked);
    /* Fewer: a UTF-8 file with a damaged byte, repaired. */
    read_big("\xE9nd\n", &t, &info);
    assert_int_equal(info.encoding, RP_CSV_UTF8);
    assert_string_equal(t.last, "\xEF\xBF\xBDnd");
    assert_int_equal(info.replaced, 1);
    /* A control character there: UTF-8, but each field is checked. */
    read_big("\x07nd\n", &t, &info);
    assert_int_equal(info.encoding, RP_CSV_UTF8);
    assert_false(t.last_checked);
    /* A sequence cut by the end of the file is one damaged character. */
    read_big("end\n\xC3", &t, &info);
    assert_int_equal(info.encoding, RP_CSV_UTF8);
    assert_string_equal(t.last, "\xEF\xBF\xBD");
}

static void test_bom_alone_and_partial(void **state)
{
    (void)state;
    expect_records("\xEF\xBB\xBF", NULL, 0);
    /* Half a mark is no mark, and not UTF-8: read as Windows-1252. */
    EXPECT("\xEF\xBBx,y\n", "1:\xC3\xAF\xC2\xBBx|y");
}

static void write_field_to(const char *in, char *out, size_t size)
{
    FILE *fp;

    memset(out, 0, size);
    fp = fmemopen(out, size, "w");
    assert_non_null(fp);
    rp_csv_write_field(fp, in, strlen(in));
    fclose(fp);
}

static void test_write_field_quotes_when_needed(void **state)
{
    char out[128];

    (void)state;
    write_field_to("plain", out, sizeof(out));
    assert_string_equal(out, "plain");
    write_field_to("Acme Widgets, Inc.", out, sizeof(out));
    assert_string_equal(out, "\"Acme Widgets, Inc.\"");
    write_field_to("say \"hi\"", out, sizeof(out));
    assert_string_equal(out, "\"say \"\"hi\"\"\"");
    write_field_to("two\nlines", out, sizeof(out));
    assert_string_equal(out, "\"two\nlines\"");
    write_field_to(" padded", out, sizeof(out));
    assert_string_equal(out, "\" padded\"");
    write_field_to("", out, sizeof(out));
    assert_string_equal(out, "");
}

/* ---- csv-spectrum (tests/data/csv-spectrum/README.md) ---------------- */

static void skip_ws(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
        (*p)++;
}

/* A JSON string at *p, decoded into out (UTF-8); the cases hold only
 * characters of the Basic Multilingual Plane. */
static void json_string(const char **p, struct rp_buf *out)
{
    skip_ws(p);
    assert_int_equal(**p, '"');
    for ((*p)++; **p != '"'; (*p)++) {
        char c = **p;
        unsigned u;

        assert_int_not_equal(c, '\0');
        if (c != '\\') {
            assert_true(rp_buf_addch(out, c));
            continue;
        }
        c = *++*p;
        switch (c) {
        case 'n':
            c = '\n';
            break;
        case 'r':
            c = '\r';
            break;
        case 't':
            c = '\t';
            break;
        case 'u':
            assert_int_equal(sscanf(*p + 1, "%4x", &u), 1);
            *p += 4;
            if (u < 0x80) {
                assert_true(rp_buf_addch(out, (char)u));
            } else if (u < 0x800) {
                assert_true(rp_buf_addch(out, (char)(0xC0 | u >> 6)));
                assert_true(rp_buf_addch(out, (char)(0x80 | (u & 0x3F))));
            } else {
                assert_true(rp_buf_addch(out, (char)(0xE0 | u >> 12)));
                assert_true(
                    rp_buf_addch(out, (char)(0x80 | ((u >> 6) & 0x3F))));
                assert_true(rp_buf_addch(out, (char)(0x80 | (u & 0x3F))));
            }
            continue;
        default: /* \" \\ \/ */
            break;
        }
        assert_true(rp_buf_addch(out, c));
    }
    (*p)++;
}

/*
 * The records of a case's JSON (an array of objects), each flattened as
 * the collecting sink does, without the line: "v1|v2|..."; keys[] gets
 * the first object's keys the same way.
 */
static size_t json_records(const char *json, char **out, size_t max,
                           char **keys)
{
    const char *p = json;
    size_t n = 0;

    skip_ws(&p);
    assert_int_equal(*p++, '[');
    skip_ws(&p);
    while (*p == '{') {
        struct rp_buf values = RP_BUF_INIT, names = RP_BUF_INIT;
        bool first = true;

        p++;
        skip_ws(&p);
        while (*p == '"') {
            if (!first) {
                assert_true(rp_buf_addch(&values, '|'));
                assert_true(rp_buf_addch(&names, '|'));
            }
            first = false;
            json_string(&p, &names);
            skip_ws(&p);
            assert_int_equal(*p++, ':');
            json_string(&p, &values);
            skip_ws(&p);
            if (*p == ',')
                p++;
            skip_ws(&p);
        }
        assert_int_equal(*p++, '}');
        assert_true(n < max);
        out[n++] = rp_buf_take(&values);
        if (n == 1)
            *keys = rp_buf_take(&names);
        rp_buf_release(&names);
        skip_ws(&p);
        if (*p == ',')
            p++;
        skip_ws(&p);
    }
    assert_int_equal(*p, ']');
    return n;
}

static char *read_case(const char *dir, const char *name, const char *ext,
                       size_t *len)
{
    char path[256];
    struct rp_buf buf = RP_BUF_INIT;
    char chunk[4096];
    size_t n;
    FILE *fp;

    snprintf(path, sizeof(path), "tests/data/csv-spectrum/%s/%s.%s", dir, name,
             ext);
    fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        assert_true(rp_buf_add(&buf, chunk, n));
    fclose(fp);
    *len = buf.len;
    assert_true(rp_buf_addch(&buf, '\0'));
    return rp_buf_take(&buf);
}

/* Every csv-spectrum case reads to the records its JSON holds, whole and
 * byte by byte. */
static void test_csv_spectrum(void **state)
{
    static const char *const cases[] = {
        "comma_in_quotes",
        "empty",
        "empty_crlf",
        "escaped_quotes",
        "json",
        "newlines",
        "newlines_crlf",
        "quotes_and_newlines",
        "simple",
        "simple_crlf",
        "utf8",
    };
    size_t c, i;

    (void)state;
    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        struct seen s = {{NULL}, 0};
        struct rp_error err;
        char *want[16], *keys = NULL, *csv, *json;
        size_t len, json_len, n_want;

        csv = read_case("csvs", cases[c], "csv", &len);
        json = read_case("json", cases[c], "json", &json_len);
        n_want = json_records(json, want, 16, &keys);
        rp_error_init(&err);
        assert_int_equal(read_both_ways(csv, len, &s, &err), RP_OK);
        assert_int_equal(s.n, n_want + 1);
        assert_string_equal(strchr(s.records[0], ':') + 1, keys);
        for (i = 0; i < n_want; i++) {
            const char *got = strchr(s.records[i + 1], ':');
            if (!got || strcmp(got + 1, want[i]) != 0)
                fail_msg("%s record %zu: got '%s', want '%s'", cases[c], i + 1,
                         got ? got + 1 : s.records[i + 1], want[i]);
            free(want[i]);
        }
        free(keys);
        free(csv);
        free(json);
        seen_release(&s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lf),
        cmocka_unit_test(test_crlf_same_as_lf),
        cmocka_unit_test(test_bare_cr_line_ends),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_quoted_comma_and_quote),
        cmocka_unit_test(test_multiline_field_keeps_line_numbers),
        cmocka_unit_test(test_multiline_first_field),
        cmocka_unit_test(test_bom_is_skipped),
        cmocka_unit_test(test_blank_lines_skipped_but_counted),
        cmocka_unit_test(test_ragged_rows_passed_through),
        cmocka_unit_test(test_stray_quote_is_text),
        cmocka_unit_test(test_spaces_around_unquoted_trimmed),
        cmocka_unit_test(test_embedded_nul_kept_with_length),
        cmocka_unit_test(test_unclosed_quote_costs_only_its_row),
        cmocka_unit_test(test_resync_at_a_record_of_the_header_width),
        cmocka_unit_test(test_text_after_closing_quote_costs_only_its_row),
        cmocka_unit_test(test_stray_quote_in_quoted_field_is_flagged),
        cmocka_unit_test(test_utf16le_with_bom_is_decoded),
        cmocka_unit_test(test_utf16be_with_bom_is_decoded),
        cmocka_unit_test(test_utf16_surrogate_pair),
        cmocka_unit_test(test_windows_1252_is_converted),
        cmocka_unit_test(test_unconvertible_bytes_are_replaced_and_counted),
        cmocka_unit_test(test_utf8_is_not_mistaken_for_1252),
        cmocka_unit_test(test_delimiter_sniffed),
        cmocka_unit_test(test_delimiter_sniffed_across_pieces),
        cmocka_unit_test(test_oversized_record_costs_only_itself),
        cmocka_unit_test(test_too_many_fields_costs_only_its_row),
        cmocka_unit_test(test_utf8_with_a_stray_byte_stays_utf8),
        cmocka_unit_test(test_sink_error_stops_reading),
        cmocka_unit_test(test_bom_alone_and_partial),
        cmocka_unit_test(test_stream_in_chunks),
        cmocka_unit_test(test_stream_scan_of_a_big_file),
        cmocka_unit_test(test_write_field_quotes_when_needed),
        cmocka_unit_test(test_csv_spectrum),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
