/*
 * Output files that appear whole or not at all.  Every output is written to
 * a temporary file beside its destination and renamed into place only when
 * complete, so a failed or interrupted run never leaves a half-written PDF
 * where the previous good one was.
 */
#ifndef RP_COMMON_FILE_H
#define RP_COMMON_FILE_H

#include <stdio.h>

#include "error.h"

struct rp_outfile {
    char *path;     /* final destination */
    char *tmp_path; /* where bytes go until commit */
    FILE *fp;       /* open on tmp_path */
};

/* Creates missing parent directories, then opens a temporary file. */
enum rp_status rp_outfile_open(struct rp_outfile *out, const char *path,
                               struct rp_error *err) RP_MUST_CHECK;
/* Flushes, fsyncs, closes and renames into place; on failure the
 * temporary goes. */
enum rp_status rp_outfile_commit(struct rp_outfile *out,
                                 struct rp_error *err) RP_MUST_CHECK;
/* Closes and removes the temporary file; safe on a committed or zeroed out. */
void rp_outfile_abort(struct rp_outfile *out);

/* Writes a whole buffer atomically through rp_outfile. */
enum rp_status rp_file_write_all(const char *path, const void *data, size_t len,
                                 struct rp_error *err) RP_MUST_CHECK;

/*
 * True when name can be a file name as it is: letters, digits, '-', '_'
 * and '.', not starting with '.', at most 200 bytes.  Account ids become
 * file names; this keeps them from climbing out of their folder.
 */
int rp_safe_file_name(const char *name);

/*
 * Reads a whole file into *out (NUL-terminated, freed with free()) and its
 * size into *len.  A file larger than max bytes is RP_ERR_INPUT: outside
 * input never grows a buffer without a cap.
 */
enum rp_status rp_file_read_all(const char *path, size_t max, char **out,
                                size_t *len,
                                struct rp_error *err) RP_MUST_CHECK;

/* mkdir -p. */
enum rp_status rp_mkdirs(const char *dir, struct rp_error *err) RP_MUST_CHECK;
/* mkdir -p of the folder path is in. */
enum rp_status rp_mkdirs_for(const char *path,
                             struct rp_error *err) RP_MUST_CHECK;

#endif
