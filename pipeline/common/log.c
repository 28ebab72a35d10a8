/* Messages to the user on stderr. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static enum rp_log_level log_level = RP_LOG_NORMAL;
static unsigned long warnings;
static void (*before_line)(void *ctx);
static void *before_line_ctx;

void rp_log_set_level(enum rp_log_level level)
{
    log_level = level;
}

enum rp_log_level rp_log_level(void)
{
    return log_level;
}

void rp_log_set_before_line(void (*fn)(void *ctx), void *ctx)
{
    before_line = fn;
    before_line_ctx = ctx;
}

void rp_log_before_line(void)
{
    if (before_line)
        before_line(before_line_ctx);
}

static void log_line(const char *prefix, const char *fmt, va_list ap)
{
    rp_log_before_line();
    fputs("reportpipe: ", stderr);
    fputs(prefix, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void rp_log_info(const char *fmt, ...)
{
    va_list ap;
    if (log_level < RP_LOG_NORMAL)
        return;
    va_start(ap, fmt);
    log_line("", fmt, ap);
    va_end(ap);
}

void rp_log_debug(const char *fmt, ...)
{
    va_list ap;
    if (log_level < RP_LOG_VERBOSE)
        return;
    va_start(ap, fmt);
    log_line("", fmt, ap);
    va_end(ap);
}

void rp_log_warn(const char *fmt, ...)
{
    va_list ap;
    warnings++;
    if (log_level < RP_LOG_QUIET)
        return;
    va_start(ap, fmt);
    log_line("warning: ", fmt, ap);
    va_end(ap);
}

unsigned long rp_log_warning_count(void)
{
    return warnings;
}
