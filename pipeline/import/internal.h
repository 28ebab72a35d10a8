/*
 * Inside the import stage: the pieces its files share with each other and
 * with their unit tests.  Nothing outside pipeline/import/ includes this
 * header; the stage's interface is import.h.
 *
 * The flow of one file: the CSV reader (csv.c) turns bytes into records,
 * each with the physical line it starts on; the first record is the header,
 * which picks a source profile (profile.c); every later record is typed
 * against that profile (types.c) and either appended to the dataset
 * (dataset.c) or written to the rejects file (rejects.c) with its reason.
 * Profiles are data files (profiles/NAME.profile, format in
 * docs/import-profiles.md); records.c describes the record structs they
 * fill, member by member, so no code knows a column by name.
 */
#ifndef RP_IMPORT_INTERNAL_H
#define RP_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <csv.h>
#include <iconv.h>

#include "common/buf.h"
#include "common/csvtable.h"
#include "common/error.h"
#include "common/file.h"
#include "import/import.h"

/* ---- csv.c: streaming CSV reader over libcsv ---------------------------- */

/*
 * Caps on what one record may hold.  A quote that is never closed makes the
 * rest of a file one field; the cap makes that record a broken one (set
 * aside, reading goes on after its first line) instead of a file-sized
 * allocation.
 */
#define RP_CSV_MAX_RECORD ((size_t)1 << 20) /* bytes, all fields together */
#define RP_CSV_MAX_FIELDS 1024

/* How much the reader hands libcsv at once, and reads from a file. */
#define RP_CSV_CHUNK ((size_t)64 << 10)

/*
 * What is wrong with a record, as the reader sees it.  A stray quote costs
 * nothing but a warning; a broken record costs itself only: the reader
 * sets it aside and goes on at the next line that starts a well-formed
 * record (one with the header's number of fields), so the good rows after
 * it are read as if it were not there.
 */
enum rp_csv_flaw {
    RP_CSV_FLAW_NONE = 0,
    /* A quote inside a quoted field that is not doubled ("a "b" c"): the
     * record is whole on its line, the quote is kept as text. */
    RP_CSV_FLAW_STRAY_QUOTE,
    /* Broken: a quote never closed, or text after a closing quote
     * ("abc"def) that made the record run on past its line. */
    RP_CSV_FLAW_BROKEN_QUOTE,
    /* Broken: more than RP_CSV_MAX_RECORD bytes or RP_CSV_MAX_FIELDS. */
    RP_CSV_FLAW_TOO_BIG,
};

/* How much of a broken record's first line its record carries. */
#define RP_CSV_BROKEN_TEXT_MAX 1000

/*
 * One record.  fields[i] is NUL-terminated, but may also contain NUL bytes
 * of its own, so lens[i] is its true length.  Everything is owned by the
 * reader and valid only during the record callback.  A broken record
 * (RP_CSV_FLAW_BROKEN_QUOTE, RP_CSV_FLAW_TOO_BIG) has one field: the raw
 * text of its first line, cut at RP_CSV_BROKEN_TEXT_MAX bytes.
 */
struct rp_csv_record {
    char **fields;
    size_t *lens;
    size_t n_fields;
    long line;      /* physical line (1-based) the record starts on */
    long last_line; /* physical line it ends on */
    /* Every field is known to pass rp_import_check_text: all the text
     * read up to the record was UTF-8 (repaired) that it accepts. */
    bool checked;
    enum rp_csv_flaw flaw;
    /* Invalid UTF-8 sequences in the record that became U+FFFD. */
    size_t replaced;
};

/*
 * Encodings an export arrives in.  Without a byte order mark the whole
 * file decides (rp_csv_encoding_of): UTF-8, or Windows-1252 (what Excel
 * and older CRMs write on Western European Windows) only when its bytes
 * read so throughout; UTF-16 always carries a mark (Excel's "Unicode
 * text").  Everything but UTF-8 goes through iconv.  The whole file is
 * tallied only when it holds invalid UTF-8 (encoding.c says how).
 */
enum rp_csv_encoding {
    RP_CSV_UTF8 = 0,
    RP_CSV_UTF8_BOM,
    RP_CSV_UTF16LE,
    RP_CSV_UTF16BE,
    RP_CSV_WINDOWS_1252,
};

/* What the reader found out about the file's form. */
struct rp_csv_info {
    enum rp_csv_encoding encoding;
    char delimiter;  /* one of , ; TAB | */
    size_t replaced; /* sequences that could not be read (now U+FFFD) */
};

/*
 * What a scan of the bytes found: invalid UTF-8 sequences, valid ones of
 * more than one byte, and whether the valid text holds anything
 * rp_import_check_text refuses.  The encoding is decided from the whole
 * of it (rp_csv_encoding_of).
 */
struct rp_csv_tally {
    size_t bad;   /* invalid sequences (a lead byte and its continuations) */
    size_t multi; /* valid characters beyond ASCII */
    bool clean;
    /* Of bad: a character cut by the end of the input, which says nothing
     * of the encoding (an export cut short, a pipe read in pieces). */
    bool cut_end;
};

/*
 * Where a reader's bytes come from: a stream from start on, or a buffer
 * (fp NULL).  An input that can be read again (again: a buffer, or a
 * stream that can seek) can be tallied whole when its encoding is in
 * doubt, and read anew from its start.
 */
struct rp_csv_source {
    FILE *fp;
    long start;
    const char *data;
    size_t len;
    bool again;
};

/*
 * record is called once per record.  Blank lines and records whose fields
 * are all empty (",,,") are not records.  A status other than RP_OK stops
 * reading; the callback has filled the reader's err.  info, when not NULL,
 * receives the encoding and delimiter when reading ends.
 *
 * restart forgets every record delivered so far: the input turned out to
 * be Windows-1252 after its first records were read as UTF-8, and is read
 * again from its start (rp_csv_read_stream and rp_csv_read_buffer only).
 */
struct rp_csv_sink {
    enum rp_status (*record)(void *ctx, const struct rp_csv_record *rec,
                             struct rp_error *err);
    void *ctx;
    struct rp_csv_info *info;
    void (*restart)(void *ctx);
};

struct rp_csv_reader {
    struct csv_parser parser;
    bool parser_ready;
    const char *name; /* for messages; not owned */
    struct rp_csv_sink sink;
    struct rp_error *err;
    enum rp_status status; /* the first failure sticks */
    /* Fields of the record being collected, each NUL-terminated. */
    struct rp_buf bytes;
    size_t *offsets;
    size_t *lens;
    char **ptrs;
    size_t n_fields, cap_fields, cap_ptrs;
    long line;        /* physical line of the next byte fed */
    long record_line; /* line the open record started on; 0: none open */
    bool started;     /* the first byte has been seen */
    bool mid_line;    /* the last byte fed was not a line terminator */
    bool last_was_cr; /* the last byte fed was a CR, maybe half a CRLF */
    /*
     * Quoting, followed beside libcsv (which does not say): inside a
     * quoted field, a quote at the end of the last piece still to be
     * judged, the unquoted field so far only blanks, and a quote taken as
     * text in the open record (flaw).
     */
    bool q_in, q_after, q_fresh, q_flaw;
    /*
     * Recovery.  pending holds the raw text of the open record's lines,
     * pending_first the end of its first line there (0: not yet ended),
     * so that a broken record can be set aside and the lines after its
     * first read again (replay).  broken is the record set aside, held
     * until reading is back in step.
     */
    struct rp_buf pending;
    size_t pending_first;
    struct rp_buf replay;
    enum rp_csv_flaw rollback; /* set by a callback: the open record broke */
    bool discard;              /* the parser is being reset: ignore it */
    bool skip_line;            /* drop text up to the next line end */
    size_t expect_fields;      /* the header's fields; 0 before it */
    bool resyncing;
    enum rp_csv_flaw broken_flaw;
    long broken_line, broken_last;
    struct rp_buf broken_text;
    /* Encoding: decided from the first bytes (a byte order mark). */
    enum rp_csv_encoding encoding;
    /*
     * UTF-8 text is checked as it is fed, and invalid sequences become
     * U+FFFD.  verify: the input is UTF-8 on trust so far; its first
     * invalid sequence has source tallied whole (encoding.c), and a
     * Windows-1252 verdict sets restart: reading stops, to begin again.
     */
    const struct rp_csv_source *source;
    bool verify;
    bool restart;
    /* All UTF-8 text so far is valid (repaired) and passes
     * rp_import_check_text: records say so (checked). */
    bool clean;
    unsigned char ucarry[4]; /* a UTF-8 sequence split between feeds */
    size_t n_ucarry;
    size_t repaired;       /* invalid UTF-8 sequences made U+FFFD */
    size_t repaired_mark;  /* repaired when the last record ended */
    unsigned char lead[3]; /* first bytes, held until the mark is known */
    size_t n_lead;
    bool lead_done;
    iconv_t cd;
    bool cd_open;
    unsigned char carry[8]; /* an input sequence split between feeds */
    size_t n_carry;
    char *conv; /* converted text of one slice */
    size_t replaced;
    /* Delimiter: sniffed from the header line, held in head till then. */
    char delim;
    bool delim_done;
    struct rp_buf head;
};

/* name is kept (not copied) for messages; err receives the first error. */
enum rp_status rp_csv_reader_init(struct rp_csv_reader *reader,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err) RP_MUST_CHECK;
/*
 * The encoding to assume when the input has no byte order mark (default
 * UTF-8); call before the first feed.  A mark in the input wins.
 */
void rp_csv_reader_set_encoding(struct rp_csv_reader *reader,
                                enum rp_csv_encoding encoding);
/* Feeds the next bytes of the input, in pieces of any size. */
enum rp_status rp_csv_reader_feed(struct rp_csv_reader *reader,
                                  const char *data, size_t len) RP_MUST_CHECK;
/* End of input: delivers the last record; one left open (a quote never
 * closed) is set aside as broken and the lines after its first read. */
enum rp_status rp_csv_reader_finish(struct rp_csv_reader *reader) RP_MUST_CHECK;
void rp_csv_reader_release(struct rp_csv_reader *reader);

/*
 * The encoding of an input without byte order mark, from its bytes (a
 * sequence cut at the end counts as valid): rp_csv_encoding_of their tally.
 * A reader fed by hand is given it with rp_csv_reader_set_encoding.
 */
enum rp_csv_encoding rp_csv_guess_encoding(const char *data, size_t len);
const char *rp_csv_encoding_name(enum rp_csv_encoding encoding);

/* ---- encoding.c: from bytes to UTF-8 text, for csv.c --------------------- */

/*
 * Adds the bytes s[0..n) to a tally and returns how many it took: all of
 * them, but for a sequence cut at the end when more input follows (!last),
 * which the caller hands in again with the next bytes.
 */
size_t rp_csv_tally_add(struct rp_csv_tally *t, const char *s, size_t n,
                        bool last);
/*
 * The encoding a whole input's tally says: UTF-8 when it has no invalid
 * sequence, or no more of them than valid characters beyond ASCII (a UTF-8
 * export with a few damaged bytes); Windows-1252 only when the bytes read
 * as Windows-1252 throughout.
 */
enum rp_csv_encoding rp_csv_encoding_of(const struct rp_csv_tally *t);
/*
 * Tallies the whole of an input; a stream is left where it was.  False
 * when it cannot be read again (a pipe).
 */
bool rp_csv_tally_source(const struct rp_csv_source *src,
                         struct rp_csv_tally *t);
/*
 * Reading stopped early (an error) while the input was still UTF-8 on
 * trust: tallies it whole, so that a Windows-1252 verdict can set restart
 * (the stop then came from reading it wrongly).  Returns r->status.
 */
enum rp_status rp_csv_reader_settle(struct rp_csv_reader *r);
/* Bytes of the input, after the byte order mark, on their way to csv.c's
 * rp_csv_text_in as UTF-8; last: the input ends with them. */
enum rp_status rp_csv_decode(struct rp_csv_reader *r, const char *s, size_t n,
                             bool last);
/* The first bytes, held in r->lead: a byte order mark or not. */
enum rp_status rp_csv_resolve_lead(struct rp_csv_reader *r, bool last);
/* UTF-8 text for the CSV parser (csv.c). */
enum rp_status rp_csv_text_in(struct rp_csv_reader *r, const char *s, size_t n);

/*
 * Reads a whole stream in RP_CSV_CHUNK pieces; never holds all of it.  A
 * seekable stream is read as UTF-8 on trust, and read again only when it
 * turns out to be Windows-1252 (encoding.c); a pipe is judged by its first
 * chunk.
 */
enum rp_status rp_csv_read_stream(FILE *fp, const char *name,
                                  struct rp_csv_sink sink,
                                  struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_csv_read_buffer(const char *data, size_t len,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err) RP_MUST_CHECK;

/* rp_csv_write_field(): common/csvtable.h. */

/* ---- types.c and times.c: parsing and formatting typed values ------------ */

/*
 * Each parser takes a trimmed value of len bytes (not necessarily
 * NUL-terminated) and returns false, leaving *out alone, when it does not
 * parse.  Timestamps and dates become Unix seconds UTC.
 */

/*
 * YYYY-MM-DD[T ]hh:mm[:ss[.fraction]][Z|+hh:mm|-hh:mm|+hhmm|-hhmm].
 * Without a zone the time is taken as UTC, which is what the exports we
 * know write.  A fraction of a second is dropped.
 */
bool rp_import_parse_timestamp(const char *s, size_t len, int64_t *out);
/* YYYY-MM-DD, as midnight UTC. */
bool rp_import_parse_date(const char *s, size_t len, int64_t *out);
/* Digits with at most two decimals ("1250000", "1250000.50"); not < 0. */
bool rp_import_parse_amount(const char *s, size_t len, double *out);
/* P1..P4, 1..4, urgent/critical, high, normal/medium, low (any case). */
bool rp_import_parse_priority(const char *s, size_t len, enum rp_priority *out);
/* new, open, pending (hold, on-hold), solved (resolved), closed. */
bool rp_import_parse_status(const char *s, size_t len,
                            enum rp_ticket_status *out);
/*
 * An ISO 3166 alpha-2 code (any case) or a common English country name;
 * out receives the upper-case code and a NUL.
 */
bool rp_import_parse_country(const char *s, size_t len, char out[3]);

/*
 * A time in a format of a source profile.  Tokens: YYYY, YY (20YY), MM or
 * M (month, 1-2 digits), MMM (Jan..Dec or the full name), DD or D, hh or h
 * (hour), mm (minute), ss (second, optional fraction), AM (AM/PM), Z (Z,
 * +hh:mm, +hhmm, +hh or nothing); a space matches one or more spaces,
 * anything else itself.  Without a zone in the value, zone (seconds east
 * of UTC) applies.  *has_time says whether the format carried an hour.
 */
bool rp_import_parse_time_format(const char *format, const char *s, size_t len,
                                 int32_t zone, int64_t *out, bool *has_time);
/* What became of a time: it parsed, it did not, or it parsed as a local
 * time that its zone skips (the hour clocks jump over in spring). */
enum rp_time_result {
    RP_TIME_BAD = 0,
    RP_TIME_OK,
    RP_TIME_SKIPPED,
};
struct rp_import_zone;
/* The same, a time without its own offset placed in zone (zone.c). */
enum rp_time_result
rp_import_parse_time_zoned(const char *format, const char *s, size_t len,
                           const struct rp_import_zone *zone, int64_t *out,
                           bool *has_time);
/* A format is well formed (its tokens make a date at least). */
bool rp_import_time_format_valid(const char *format);

/*
 * A number with the given grouping and decimal characters (group 0: no
 * grouping), optional sign, an optional currency code or symbol before it
 * and an optional % after it: "1,234.56", "1.234,56", "EUR 12.000,00".
 */
bool rp_import_parse_number(const char *s, size_t len, char group, char decimal,
                            double *out);
/* Digits only, at most 9 of them. */
bool rp_import_parse_int(const char *s, size_t len, int *out);
/* true/false, yes/no, y/n, 1/0, x (checked), checked/unchecked. */
bool rp_import_parse_bool(const char *s, size_t len, bool *out);
/* met/achieved/within sla/true, breached/violated/missed/false. */
bool rp_import_parse_sla(const char *s, size_t len, enum rp_sla_flag *out);
/* green/g, amber/yellow/a/y, red/r. */
bool rp_import_parse_rag(const char *s, size_t len, enum rp_rag *out);
/* low/l/1, medium/med/m/2, high/h/3 (also "very high" as high). */
bool rp_import_parse_level(const char *s, size_t len, enum rp_risk_level *out);

/*
 * The domain of an e-mail address or a web address, lower case, without
 * "www.", scheme, port or path; "" when there is none.  The string is
 * pool's.
 */
char *rp_import_email_domain(struct rp_pool *pool, const char *s, size_t len);
char *rp_import_url_domain(struct rp_pool *pool, const char *s, size_t len);

/*
 * Checks that text can travel on to XML: valid UTF-8 and no control
 * characters other than tab, CR and LF.  On failure *pos is the offset of
 * the offending byte and *control says whether it was a control character
 * (else the UTF-8 was bad).
 */
bool rp_import_check_text(const char *s, size_t len, size_t *pos,
                          bool *control);
/*
 * Length of the longest prefix of s that is valid UTF-8.  *clean is set
 * false when that prefix holds a character rp_import_check_text refuses
 * (a control character, U+FFFE, U+FFFF) and left alone otherwise, so one
 * flag can gather a whole file.
 */
size_t rp_import_utf8_scan(const char *s, size_t len, bool *clean);

/* Buffer sizes for formatted values, with room for years beyond 9999. */
#define RP_TIMESTAMP_SIZE 32
#define RP_DATE_SIZE 24
#define RP_AMOUNT_SIZE 48
void rp_import_format_timestamp(int64_t t, char out[RP_TIMESTAMP_SIZE]);
void rp_import_format_date(int64_t t, char out[RP_DATE_SIZE]);
void rp_import_format_amount(double amount, char out[RP_AMOUNT_SIZE]);

/* ASCII case folding and whitespace (space, tab, CR, LF), locale-free. */
char rp_import_lower(char c);
bool rp_import_is_space(char c);
/* Narrows s[0..*len) to drop surrounding whitespace. */
void rp_import_trim(const char **s, size_t *len);

/* s[0..len) equals word, ignoring ASCII case. */
bool rp_import_equals_word(const char *s, size_t len, const char *word);

/* ---- zone.c: the zone of local times ---------------------------------------
 */

#define RP_ZONE_NAME_SIZE 64

/*
 * UTC, a fixed offset or an IANA zone, as its changes of offset: offset[i]
 * is in force before at[i], offset[n] after the last change.  n is 0 for
 * a fixed offset (fixed then holds it).  The arrays are the zone's own.
 */
struct rp_import_zone {
    char name[RP_ZONE_NAME_SIZE]; /* "UTC", "+01:00", "Europe/Berlin" */
    int32_t fixed;                /* seconds east of UTC, when n is 0 */
    int64_t *at;                  /* UTC instants, ascending */
    int32_t *offset;              /* n + 1 of them */
    size_t n;
};

/* UTC; _release frees the table and leaves UTC again. */
void rp_import_zone_init(struct rp_import_zone *z);
void rp_import_zone_release(struct rp_import_zone *z);
/* dst (initialised) becomes a copy of src with tables of its own. */
void rp_import_zone_copy(struct rp_import_zone *dst,
                         const struct rp_import_zone *src);
/*
 * "UTC", "Z", "+hh:mm", "-hh:mm" or an IANA name ("Europe/Berlin") of
 * the system's tz database, read once into z (initialised; replaced only
 * on success).  False when s is none of these.
 */
bool rp_import_zone_parse(const char *s, size_t len, struct rp_import_zone *z);
/*
 * The UTC instant of a local time (seconds since 1970 as if the local
 * clock were UTC).  In the repeated hour when clocks go back, the first
 * occurrence; false in the hour skipped when they go forward.
 */
bool rp_import_zone_to_utc(const struct rp_import_zone *z, int64_t local,
                           int64_t *utc);

/* ---- records.c: the kinds of record and their members -------------------- */

enum rp_import_kind {
    RP_IMPORT_ACCOUNTS,
    RP_IMPORT_TICKETS,
    RP_IMPORT_CONTACTS,
    RP_IMPORT_OPPORTUNITIES,
    RP_IMPORT_PROJECTS,
    RP_IMPORT_MILESTONES,
    RP_IMPORT_RISKS,
    RP_IMPORT_ROLES,
    RP_IMPORT_USERS,
};
#define RP_IMPORT_KIND_COUNT 9

/* The C type of a member, which decides how a value is parsed. */
enum rp_member_type {
    RP_MEMBER_TEXT,      /* char *, "" when empty */
    RP_MEMBER_TIMESTAMP, /* int64_t, RP_TIME_NONE when empty */
    RP_MEMBER_DATE,      /* int64_t at midnight UTC, RP_TIME_NONE */
    RP_MEMBER_NUMBER,    /* double, the member's unset value when empty */
    RP_MEMBER_INT,       /* int, 0 */
    RP_MEMBER_BOOL,      /* bool, false */
    RP_MEMBER_PRIORITY,  /* enum rp_priority: needs a value or a default */
    RP_MEMBER_STATUS,    /* enum rp_ticket_status: likewise */
    RP_MEMBER_SLA,       /* enum rp_sla_flag, RP_SLA_UNKNOWN */
    RP_MEMBER_RAG,       /* enum rp_rag, RP_RAG_UNKNOWN */
    RP_MEMBER_LEVEL,     /* enum rp_risk_level, RP_RISK_UNKNOWN */
};

enum rp_field_need {
    RP_NEED_OPTIONAL, /* the column may be missing, the value empty */
    RP_NEED_COLUMN,   /* the column must be there; the value may be empty */
    RP_NEED_VALUE,    /* the column must be there and the value not empty */
};

/*
 * One member of a record struct: its name in profile files, its column in
 * the canonical record file, and where it lives.
 */
struct rp_import_member {
    const char *name;   /* "org_domain" */
    const char *column; /* "Organization Domain" */
    enum rp_member_type type;
    size_t offset;
    enum rp_field_need need; /* in the canonical record file */
    double unset;            /* RP_MEMBER_NUMBER: the value when empty */
};

/* One kind of record: its struct, members and array in rp_dataset. */
struct rp_import_kind_info {
    const char *name;         /* "ticket", as profile files name it */
    const char *noun;         /* "ticket", for messages */
    const char *records_file; /* canonical file: "tickets.csv" */
    size_t size;              /* of the struct */
    const struct rp_import_member *members; /* members[0] is the id, if any */
    size_t n_members;
    bool has_id;          /* members[0] is a unique id */
    size_t items, n, cap; /* offsets of the array fields in rp_dataset */
    size_t source_file, source_line; /* offsets in the struct */
};

extern const struct rp_import_kind_info rp_import_kinds[RP_IMPORT_KIND_COUNT];

const struct rp_import_member *
rp_import_find_member(const struct rp_import_kind_info *kind, const char *name,
                      size_t len);

/* ---- profile.c: source profiles, read from files ------------------------- */

/* What a field's text becomes before it is typed. */
enum rp_field_conv {
    RP_CONV_NONE,
    RP_CONV_EMAIL_DOMAIN, /* text: the domain of an e-mail address */
    RP_CONV_URL_DOMAIN,   /* text: the domain of a web address */
    RP_CONV_COUNTRY,      /* text: an ISO 3166 alpha-2 code */
    RP_CONV_LOWER,        /* text: ASCII lower case */
    RP_CONV_MINUTES,      /* timestamp: minutes after the ticket's creation */
    RP_CONV_HOURS,        /* timestamp: hours after the ticket's creation */
};

#define RP_PROFILE_MAX_FIELDS 48
#define RP_FIELD_MAX_NAMES 8
#define RP_FIELD_MAX_COLUMNS 16 /* a name repeated in a header (Jira) */
#define RP_PROFILE_MAX_FORMATS 8
#define RP_PROFILE_MAX_MAPS 256
#define RP_PROFILE_MAX_DEFAULTS 16
#define RP_PROFILE_MAX_FOOTERS 8
#define RP_PROFILE_MAX_SIZE ((size_t)64 << 10)
#define RP_PROFILE_MAX_TEXT 200 /* a name, format or value in a profile */

struct rp_import_field {
    const struct rp_import_member *member;
    char *names[RP_FIELD_MAX_NAMES]; /* header names; names[0] in messages */
    size_t n_names;
    enum rp_field_need need;
    enum rp_field_conv conv;
    bool append; /* joined to the member's earlier value with a space */
};

/* An enumeration value as a system writes it, and the canonical one. */
struct rp_import_map {
    const struct rp_import_member *member;
    char *from;
    size_t from_len;
    char *to;
    int value; /* to, parsed, for members that are not text */
};

/* The canonical value of an enumeration member (priority, status, SLA,
 * RAG, level, bool, int) as an int; false when it is not one. */
bool rp_import_parse_enum(const struct rp_import_member *m, const char *s,
                          size_t len, int *out);

struct rp_import_default {
    const struct rp_import_member *member;
    char *value; /* typed as if the cell held it */
};

struct rp_import_profile {
    char *name;   /* "zendesk-tickets" */
    char *system; /* "zendesk": rp_ticket.source_system */
    char *path;   /* file it was read from, or "built in" */
    enum rp_import_kind kind;
    bool user; /* given with --profile: tried before the shipped ones */
    struct rp_import_field fields[RP_PROFILE_MAX_FIELDS];
    size_t n_fields;
    char *timestamps[RP_PROFILE_MAX_FORMATS];
    size_t n_timestamps;
    char *dates[RP_PROFILE_MAX_FORMATS];
    size_t n_dates;
    struct rp_import_zone zone; /* of times written without one */
    bool zone_set; /* by the profile, not by default or the command line */
    char group, decimal; /* number format; group 0: none */
    struct rp_import_map maps[RP_PROFILE_MAX_MAPS];
    size_t n_maps;
    struct rp_import_default defaults[RP_PROFILE_MAX_DEFAULTS];
    size_t n_defaults;
    /* How the lines of a report's footer begin ("Copyright (c)"): a
     * trailing block of one-cell rows with such a line is footer. */
    char *footers[RP_PROFILE_MAX_FOOTERS];
    size_t n_footers;
};

/*
 * Parses a profile file held in memory (path names it in messages).  On
 * RP_OK *out is a new profile, freed with rp_import_profile_free().
 */
enum rp_status rp_import_profile_parse(const char *path, const char *text,
                                       size_t len,
                                       struct rp_import_profile **out,
                                       struct rp_error *err) RP_MUST_CHECK;
void rp_import_profile_free(struct rp_import_profile *p);

/* The canonical profile of a kind, built from its member table: the
 * record file import -o writes.  Freed with rp_import_profile_free(). */
struct rp_import_profile *rp_import_canonical_new(enum rp_import_kind kind);

/* Where the shipped profiles were looked for, for messages ("?" before). */
const char *rp_import_profiles_dir(void);

/* The canonical profile of a kind: the record file import -o writes. */
const struct rp_import_profile *
rp_import_canonical_profile(enum rp_import_kind kind);

/*
 * The profiles in use, loaded on first use: the canonical ones, the files
 * *.profile of the profiles directory, and any added with
 * rp_import_add_profile().  n receives their number.
 */
enum rp_status rp_import_profiles(const struct rp_import_profile *const **list,
                                  size_t *n,
                                  struct rp_error *err) RP_MUST_CHECK;

/*
 * Matches a header row against the profiles.  On RP_OK, *profile is set
 * and columns[i][] lists the header columns of profile field i (n_columns
 * of them, 0 when an optional column is missing).  Otherwise an
 * RP_ERR_INPUT names the columns expected and missing.
 */
struct rp_import_columns {
    long col[RP_PROFILE_MAX_FIELDS][RP_FIELD_MAX_COLUMNS];
    size_t n[RP_PROFILE_MAX_FIELDS];
};
enum rp_status rp_import_match_header(const struct rp_csv_record *header,
                                      const char *name,
                                      const struct rp_import_profile **profile,
                                      struct rp_import_columns *columns,
                                      struct rp_error *err) RP_MUST_CHECK;

/* The RP_ERR_INPUT of a file without a header row: names what is expected. */
enum rp_status rp_import_error_no_header(const char *name,
                                         struct rp_error *err) RP_MUST_CHECK;

/* ---- footer.c: the footer of a report export ---------------------------- */

/* A footer is a few lines; a longer block of one-cell rows is rows. */
#define RP_FOOTER_MAX_ROWS 16

/* Where rows go once they are known to be rows. */
struct rp_import_row_sink {
    enum rp_status (*row)(void *ctx, const struct rp_csv_record *rec,
                          struct rp_error *err);
    void *ctx;
};

/* A row kept back, with copies of its fields (the footer's own). */
struct rp_import_held {
    struct rp_csv_record rec;
};

struct rp_import_footer {
    const struct rp_import_profile *profile; /* borrowed */
    struct rp_import_held rows[RP_FOOTER_MAX_ROWS];
    size_t n;
};

void rp_import_footer_init(struct rp_import_footer *f,
                           const struct rp_import_profile *profile);
/* Frees the rows kept back (a file that failed part way). */
void rp_import_footer_release(struct rp_import_footer *f);
/*
 * One row of the file: kept back while it may begin the footer (a profile
 * with footer lines, a row with only its first cell filled or whose first
 * cell begins as a footer line does), else handed to sink after the rows
 * kept back.
 */
enum rp_status rp_import_footer_take(struct rp_import_footer *f,
                                     const struct rp_csv_record *rec,
                                     const struct rp_import_row_sink *sink,
                                     struct rp_error *err) RP_MUST_CHECK;
/*
 * The file has ended: the rows kept back are its footer when one of them
 * begins as a footer line does (*footer counts them), else rows for sink.
 */
enum rp_status rp_import_footer_finish(struct rp_import_footer *f,
                                       const struct rp_import_row_sink *sink,
                                       size_t *footer,
                                       struct rp_error *err) RP_MUST_CHECK;

/* ---- dataset.c: appending records, finding ids --------------------------- */

/*
 * Hash index over the ids of one kind of record in a dataset, so duplicate
 * ids are found in constant time however long the export.
 */
struct rp_import_slot {
    uint64_t hash; /* of the id: probes compare this first */
    size_t record; /* record index + 1; 0 is an empty slot */
};

struct rp_import_index {
    struct rp_import_slot *slots;
    size_t cap; /* a power of two */
    size_t count;
};

void rp_import_index_init(struct rp_import_index *index);
void rp_import_index_release(struct rp_import_index *index);
/* Indexes every record of kind already in data. */
void rp_import_index_build(struct rp_import_index *index,
                           const struct rp_dataset *data,
                           enum rp_import_kind kind);
/* Starts bringing in the slot where the lookup of id will begin.  A big
 * export's index is far larger than the cache: asked as soon as a row's
 * id is known, the slot arrives while the rest of the row is typed. */
void rp_import_index_prefetch(const struct rp_import_index *index,
                              const char *id);
/* The index of the record with this id, or false. */
bool rp_import_index_find(const struct rp_import_index *index,
                          const struct rp_dataset *data,
                          enum rp_import_kind kind, const char *id,
                          size_t *found);
/* Adds record i (already appended to data). */
void rp_import_index_add(struct rp_import_index *index,
                         const struct rp_dataset *data,
                         enum rp_import_kind kind, size_t i);

/* The records of a kind in data, and how many. */
void *rp_dataset_items(const struct rp_dataset *data, enum rp_import_kind kind,
                       size_t *n);
/* Appends a record of kind, its strings in data->text; the struct is
 * copied. */
void rp_dataset_append(struct rp_dataset *data, enum rp_import_kind kind,
                       const void *record);
/* Records the name of an imported file; the dataset owns the copy. */
const char *rp_dataset_add_source(struct rp_dataset *data, const char *name);

/* Where a dataset stood before an import, to undo one that fails part way:
 * its records of each kind, its source files and its text. */
struct rp_dataset_mark {
    size_t counts[RP_IMPORT_KIND_COUNT];
    size_t n_sources;
    struct rp_pool_mark text;
};

void rp_dataset_mark(const struct rp_dataset *data,
                     struct rp_dataset_mark *mark);
/* Drops every record, source file and string added since mark. */
void rp_dataset_rollback(struct rp_dataset *data,
                         const struct rp_dataset_mark *mark);

/* ---- nameid.c: ids made from names --------------------------------------- */

/* Bytes of a name's slug in its id at most: the id stays short enough to
 * read in a file name (at most 5 + 48 + 1 + 8 bytes). */
#define RP_NAMEID_SLUG_MAX 48

/*
 * The id of a record whose export has no id column, made from its name
 * (len bytes of UTF-8): "name-<slug>-<8 hex digits>", the format and
 * why in nameid.c.  The same name always gives the same id, two
 * different names (even of one slug) different ones.  In pool.
 */
char *rp_import_id_from_name(struct rp_pool *pool, const char *name,
                             size_t len);

/* ---- rejects.c: the rejects file of one import --------------------------- */

struct rp_import_rejects {
    char *path; /* NULL: rejects are counted, not written */
    struct rp_outfile out;
    bool open;
    size_t count;
};

/* path NULL: write nothing.  The path is copied. */
void rp_import_rejects_init(struct rp_import_rejects *rej, const char *path);
/* Writes one rejected record; the first call opens the file and writes the
 * header "line,field,reason," followed by the input's own header. */
enum rp_status rp_import_rejects_add(struct rp_import_rejects *rej,
                                     const struct rp_csv_record *header,
                                     const struct rp_csv_record *rec,
                                     const char *field, const char *reason,
                                     struct rp_error *err) RP_MUST_CHECK;
/*
 * The import went through: puts the rejects file in place, or, when nothing
 * was rejected, removes a stale one from an earlier run.
 */
enum rp_status rp_import_rejects_commit(struct rp_import_rejects *rej,
                                        struct rp_error *err) RP_MUST_CHECK;
/* Frees; a rejects file not committed is thrown away. */
void rp_import_rejects_release(struct rp_import_rejects *rej);

/*
 * The rejects path of an input: dir/<basename minus .csv>.rejects.csv, dir
 * being rejects_dir or, when NULL, the input's directory.  Caller frees.
 */
char *rp_import_rejects_path(const char *input, const char *rejects_dir);

#endif
