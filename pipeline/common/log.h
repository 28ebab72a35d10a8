/*
 * Messages to the user on stderr.  Stages report progress and warnings
 * here; errors travel as struct rp_error and are printed by cli/.
 * Warnings are counted so that a run can summarise them.
 */
#ifndef RP_COMMON_LOG_H
#define RP_COMMON_LOG_H

#include "error.h"

/*
 * RP_LOG_ERRORS: nothing from here, only the errors cli/ prints (what a
 * cron job mails); RP_LOG_QUIET: warnings too; RP_LOG_NORMAL: and the
 * stage summaries.  Warnings are counted at every level.
 */
enum rp_log_level {
    RP_LOG_ERRORS = -1,
    RP_LOG_QUIET = 0,
    RP_LOG_NORMAL = 1,
    RP_LOG_VERBOSE = 2
};

void rp_log_set_level(enum rp_log_level level);
enum rp_log_level rp_log_level(void);
/*
 * fn(ctx) is called before each line is written (and before cli/ prints an
 * error), so that whatever shares the terminal, a progress bar, can clear
 * itself first.  NULL removes it.
 */
void rp_log_set_before_line(void (*fn)(void *ctx), void *ctx);
void rp_log_before_line(void);
/* One-line stage summaries and progress; shown at RP_LOG_NORMAL. */
void rp_log_info(const char *fmt, ...) RP_PRINTF(1, 2);
/* Details; shown at RP_LOG_VERBOSE. */
void rp_log_debug(const char *fmt, ...) RP_PRINTF(1, 2);
/* Always shown, prefixed "warning: ". */
void rp_log_warn(const char *fmt, ...) RP_PRINTF(1, 2);
unsigned long rp_log_warning_count(void);

/*
 * Hands every line that would be printed to sink instead of stderr (text
 * without the "reportpipe: " and "warning: " prefixes; kind says which
 * function logged it).  A run's worker process sends its lines to the run
 * this way, which prints and counts them as its own.  NULL restores
 * stderr.
 */
enum rp_log_kind { RP_LOG_KIND_INFO, RP_LOG_KIND_DEBUG, RP_LOG_KIND_WARN };
void rp_log_set_sink(void (*sink)(void *ctx, enum rp_log_kind kind,
                                  const char *text),
                     void *ctx);

#endif
