/* Errors: the one place where every error is created and formatted. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void rp_error_init(struct rp_error *err)
{
    memset(err, 0, sizeof(*err));
}

enum rp_status rp_error_set(struct rp_error *err, enum rp_status status,
                            const char *file, long line, const char *field,
                            const char *fmt, ...)
{
    va_list ap;

    if (!err || err->status != RP_OK)
        return status;
    err->status = status;
    snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
    err->line = line;
    snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return status;
}

void rp_error_format(const struct rp_error *err, char *buf, size_t size)
{
    char where[700] = "";
    int n = 0;

    if (err->file[0] && err->line > 0)
        n = snprintf(where, sizeof(where), "%s:%ld: ", err->file, err->line);
    else if (err->file[0])
        n = snprintf(where, sizeof(where), "%s: ", err->file);
    if (err->field[0] && n >= 0 && (size_t)n < sizeof(where))
        snprintf(where + n, sizeof(where) - (size_t)n,
                 "field '%s': ", err->field);
    snprintf(buf, size, "%s%s", where, err->message);
}
