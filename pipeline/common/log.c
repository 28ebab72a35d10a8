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

static void (*log_sink)(void *ctx, enum rp_log_kind kind, const char *text);
static void *log_sink_ctx;

void rp_log_set_sink(void (*sink)(void *ctx, enum rp_log_kind kind,
                                  const char *text),
                     void *ctx)
{
    log_sink = sink;
    log_sink_ctx = ctx;
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

static void log_line(enum rp_log_kind kind, const char *prefix, const char *fmt,
                     va_list ap)
{
    if (log_sink) {
        char text[1024];
        vsnprintf(text, sizeof(text), fmt, ap);
        log_sink(log_sink_ctx, kind, text);
        return;
    }
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
    log_line(RP_LOG_KIND_INFO, "", fmt, ap);
    va_end(ap);
}

void rp_log_debug(const char *fmt, ...)
{
    va_list ap;
    if (log_level < RP_LOG_VERBOSE)
        return;
    va_start(ap, fmt);
    log_line(RP_LOG_KIND_DEBUG, "", fmt, ap);
    va_end(ap);
}

void rp_log_warn(const char *fmt, ...)
{
    va_list ap;
    warnings++;
    /* A worker's warnings go to the run whatever the level: the run
     * counts them, and shows them or not. */
    if (log_level < RP_LOG_QUIET && !log_sink)
        return;
    va_start(ap, fmt);
    log_line(RP_LOG_KIND_WARN, "warning: ", fmt, ap);
    va_end(ap);
}

unsigned long rp_log_warning_count(void)
{
    return warnings;
}
