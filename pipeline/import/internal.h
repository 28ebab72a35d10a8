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
 */
#ifndef RP_IMPORT_INTERNAL_H
#define RP_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <csv.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/file.h"
#include "import/import.h"

/* ---- csv.c: streaming CSV reader over libcsv ---------------------------- */

/*
 * Caps on what one record may hold.  A quote that is never closed makes the
 * rest of a file one field; the cap turns that into an error naming the
 * line where the record started, instead of a file-sized allocation.
 */
#define RP_CSV_MAX_RECORD ((size_t)1 << 20) /* bytes, all fields together */
#define RP_CSV_MAX_FIELDS 1024

/* How much the reader hands libcsv at once, and reads from a file. */
#define RP_CSV_CHUNK ((size_t)64 << 10)

/*
 * One record.  fields[i] is NUL-terminated, but may also contain NUL bytes
 * of its own, so lens[i] is its true length.  Everything is owned by the
 * reader and valid only during the record callback.
 */
struct rp_csv_record {
    char **fields;
    size_t *lens;
    size_t n_fields;
    long line; /* physical line (1-based) the record starts on */
};

/*
 * Called once per record.  Blank lines and records whose fields are all
 * empty (",,,") are not records.  A status other than RP_OK stops reading;
 * the callback has filled the reader's err.
 */
struct rp_csv_sink {
    enum rp_status (*record)(void *ctx, const struct rp_csv_record *rec,
                             struct rp_error *err);
    void *ctx;
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
    long line;         /* physical line of the next byte fed */
    long record_line;  /* line the open record started on; 0: none open */
    bool started;      /* the first byte has been seen */
    bool bom_done;     /* past any byte order mark */
    unsigned bom_seen; /* bytes of a byte order mark matched so far */
    bool mid_line;     /* the last byte fed was not a line terminator */
    bool last_was_cr;  /* the last byte fed was a CR, maybe half a CRLF */
};

/* name is kept (not copied) for messages; err receives the first error. */
enum rp_status rp_csv_reader_init(struct rp_csv_reader *reader,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err) RP_MUST_CHECK;
/* Feeds the next bytes of the input, in pieces of any size. */
enum rp_status rp_csv_reader_feed(struct rp_csv_reader *reader,
                                  const char *data, size_t len) RP_MUST_CHECK;
/* End of input: delivers the last record, checks no quote is left open. */
enum rp_status rp_csv_reader_finish(struct rp_csv_reader *reader) RP_MUST_CHECK;
void rp_csv_reader_release(struct rp_csv_reader *reader);

/* Reads a whole stream in RP_CSV_CHUNK pieces; never holds all of it. */
enum rp_status rp_csv_read_stream(FILE *fp, const char *name,
                                  struct rp_csv_sink sink,
                                  struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_csv_read_buffer(const char *data, size_t len,
                                  const char *name, struct rp_csv_sink sink,
                                  struct rp_error *err) RP_MUST_CHECK;

/*
 * Writes one field as RFC 4180 does, quoting only when needed: a comma,
 * quote or line break inside, or a space or tab at either end (which
 * libcsv would trim from an unquoted field).  Errors show in ferror(fp).
 */
void rp_csv_write_field(FILE *fp, const char *s, size_t len);

/* ---- types.c: parsing and formatting typed values ------------------------ */

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
 * Checks that text can travel on to XML: valid UTF-8 and no control
 * characters other than tab, CR and LF.  On failure *pos is the offset of
 * the offending byte and *control says whether it was a control character
 * (else the UTF-8 was bad).
 */
bool rp_import_check_text(const char *s, size_t len, size_t *pos,
                          bool *control);

/* Buffer sizes for formatted values, with room for years beyond 9999. */
#define RP_TIMESTAMP_SIZE 32
#define RP_DATE_SIZE 24
#define RP_AMOUNT_SIZE 48
void rp_import_format_timestamp(int64_t t, char out[RP_TIMESTAMP_SIZE]);
void rp_import_format_date(int64_t t, char out[RP_DATE_SIZE]);
void rp_import_format_amount(double amount, char out[RP_AMOUNT_SIZE]);

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12, d 1..31). */
int64_t rp_import_days_from_civil(int64_t y, unsigned m, unsigned d);

/* ---- profile.c: the declarative table of source profiles ----------------- */

enum rp_import_kind { RP_IMPORT_ACCOUNTS, RP_IMPORT_TICKETS };

enum rp_field_type {
    RP_FIELD_TEXT,      /* char *, trimmed */
    RP_FIELD_COUNTRY,   /* char *, ISO 3166 alpha-2 */
    RP_FIELD_TIMESTAMP, /* int64_t, RP_TIME_NONE when empty */
    RP_FIELD_DATE,      /* int64_t, RP_TIME_NONE when empty */
    RP_FIELD_AMOUNT,    /* double, 0 when empty */
    RP_FIELD_PRIORITY,  /* enum rp_priority */
    RP_FIELD_STATUS,    /* enum rp_ticket_status */
};

enum rp_field_need {
    RP_NEED_OPTIONAL, /* the column may be missing, the value empty */
    RP_NEED_COLUMN,   /* the column must be there; the value may be empty */
    RP_NEED_VALUE,    /* the column must be there and the value not empty */
};

#define RP_FIELD_MAX_NAMES 4

struct rp_import_field {
    /* Header names accepted for the column; names[0] is the canonical one,
     * which rp_import_write_records() writes. */
    const char *names[RP_FIELD_MAX_NAMES];
    enum rp_field_type type;
    enum rp_field_need need;
    size_t offset; /* of the member in struct rp_account or rp_ticket */
};

struct rp_import_profile {
    const char *name;         /* "crm-accounts", "tickets" */
    const char *records_file; /* what rp_import_write_records() writes */
    enum rp_import_kind kind;
    const struct rp_import_field *fields; /* fields[0] is the record's id */
    size_t n_fields;
};

#define RP_PROFILE_MAX_FIELDS 16

extern const struct rp_import_profile rp_import_profiles[];
extern const size_t rp_import_n_profiles;

/*
 * Matches a header row against the profiles.  On RP_OK, *profile is set and
 * columns[i] is the header column of profile field i, or -1 when an
 * optional column is missing.  Otherwise an RP_ERR_INPUT names the columns
 * expected and missing.
 */
enum rp_status rp_import_match_header(const struct rp_csv_record *header,
                                      const char *name,
                                      const struct rp_import_profile **profile,
                                      long columns[RP_PROFILE_MAX_FIELDS],
                                      struct rp_error *err) RP_MUST_CHECK;

/* The RP_ERR_INPUT of a file without a header row: names what is expected. */
enum rp_status rp_import_error_no_header(const char *name,
                                         struct rp_error *err) RP_MUST_CHECK;

/* ---- dataset.c: appending records, finding ids --------------------------- */

/*
 * Hash index over the ids of one kind of record in a dataset, so duplicate
 * ids are found in constant time however long the export.
 */
struct rp_import_index {
    size_t *slots; /* record index + 1; 0 is an empty slot */
    size_t cap;    /* a power of two */
    size_t count;
};

void rp_import_index_init(struct rp_import_index *index);
void rp_import_index_release(struct rp_import_index *index);
/* Indexes every record of kind already in data. */
void rp_import_index_build(struct rp_import_index *index,
                           const struct rp_dataset *data,
                           enum rp_import_kind kind);
/* The index of the record with this id, or false. */
bool rp_import_index_find(const struct rp_import_index *index,
                          const struct rp_dataset *data,
                          enum rp_import_kind kind, const char *id,
                          size_t *found);
/* Adds record i (already appended to data). */
void rp_import_index_add(struct rp_import_index *index,
                         const struct rp_dataset *data,
                         enum rp_import_kind kind, size_t i);

/* Appends a record, taking its strings; the struct is copied. */
void rp_dataset_add_account(struct rp_dataset *data,
                            const struct rp_account *account);
void rp_dataset_add_ticket(struct rp_dataset *data,
                           const struct rp_ticket *ticket);
/* Records the name of an imported file; the dataset owns the copy. */
const char *rp_dataset_add_source(struct rp_dataset *data, const char *name);
/*
 * Undoes an import that failed part way: drops the records after the first
 * n_accounts and n_tickets and the source files after n_sources.
 */
void rp_dataset_truncate(struct rp_dataset *data, size_t n_accounts,
                         size_t n_tickets, size_t n_sources);
/* Frees the strings of one record (not the record itself). */
void rp_import_record_release(enum rp_import_kind kind, void *record);

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
