/*
 * Errors: one result enum for the whole program and one struct that says
 * where things went wrong (file, line, field) in a complete sentence.
 *
 * Every error is created through rp_error_set(), so one breakpoint catches
 * them all.  The first error sticks: once an rp_error holds a failure, later
 * rp_error_set() calls keep the original message (as a cairo context does),
 * because the first cause is the one a user can act on.  Only cli/ turns a
 * status into an exit code (see cli/exit.c).
 */
#ifndef RP_COMMON_ERROR_H
#define RP_COMMON_ERROR_H

#include <stddef.h>

#define RP_MUST_CHECK __attribute__((warn_unused_result))
#define RP_PRINTF(fmt_index, first_arg)                                        \
    __attribute__((format(printf, fmt_index, first_arg)))

enum rp_status {
    RP_OK = 0,
    RP_ERR_INPUT = 1,    /* the input is wrong: the user can fix it */
    RP_ERR_USAGE = 2,    /* the command line is wrong */
    RP_ERR_INTERNAL = 3, /* our bug, or the system failed us */
    RP_ERR_REFUSED = 4,  /* not allowed: who acts, or the workflow's stage */
    RP_ERR_BUSY = 5,     /* the workflow store stayed locked: try again */
};

struct rp_error {
    enum rp_status status;
    char file[512];  /* input file concerned, or "" */
    long line;       /* 1-based line in that file, or 0 if unknown */
    char field[128]; /* field, column or element concerned, or "" */
    char message[1024];
};

void rp_error_init(struct rp_error *err);

/*
 * Records an error (unless err already holds one) and returns status, so a
 * caller can write `return rp_error_set(err, RP_ERR_INPUT, ...)`.  file and
 * field may be NULL.
 */
enum rp_status rp_error_set(struct rp_error *err, enum rp_status status,
                            const char *file, long line, const char *field,
                            const char *fmt, ...) RP_PRINTF(6, 7);

/* Formats "file:line: field 'x': message" into buf (always terminated). */
void rp_error_format(const struct rp_error *err, char *buf, size_t size);

#endif
