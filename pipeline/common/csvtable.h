/*
 * Small CSV tables that administrators write by hand: configuration such
 * as config/account-map.csv and config/people.csv.  The first record is a
 * header naming the columns (matched case-insensitively, in any order);
 * each later record is handed to a callback with its fields in the order
 * the caller listed the columns, and the line it started on, so every
 * message can name file, line and field.  Rows whose first field starts
 * with '#' are the administrator's notes and are skipped.  The file and
 * each field are capped in size: a configuration file is small, anything
 * bigger is a mistake.
 *
 * This is not the import stage's reader: exports come in many encodings
 * and shapes and are reconciled row by row; a configuration file is UTF-8,
 * and one bad row makes the whole file wrong.
 */
#ifndef RP_COMMON_CSVTABLE_H
#define RP_COMMON_CSVTABLE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define RP_CSV_TABLE_MAX_BYTES ((size_t)4 << 20)
#define RP_CSV_TABLE_MAX_FIELD 1024

struct rp_csv_table {
    const char *path;
    const char *const *columns; /* header names, in the order rows get them */
    size_t n_columns;
    /* Bit i set: the header must have columns[i]. */
    unsigned long required;
    /*
     * Called for every data row; fields[i] is the value of columns[i] ("" when
     * the column is absent or the row is short), valid during the call only.
     * A status other than RP_OK stops the read; set err with the line.
     */
    enum rp_status (*row)(void *ctx, const char *const *fields, long line,
                          struct rp_error *err);
    void *ctx;
};

/* Reads the whole table; the first error stops it and is returned. */
enum rp_status rp_csv_table_read(const struct rp_csv_table *table,
                                 struct rp_error *err) RP_MUST_CHECK;

/*
 * Writes one field as RFC 4180 does, quoting only when needed: a comma,
 * quote or line break inside, or a space or tab at either end (which
 * libcsv would trim from an unquoted field).  Errors show in ferror(fp).
 */
void rp_csv_write_field(FILE *fp, const char *s, size_t len);

#endif
