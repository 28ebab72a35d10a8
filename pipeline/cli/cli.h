/*
 * The command-line tool: one cmd_<name>.c per subcommand, dispatched from
 * the table in main.c.  Commands only parse arguments and call the stages
 * through their public headers; this header holds what they share.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stdint.h>

#include "common/error.h"

#define RP_VERSION "0.1.0"

int cmd_import(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_transform(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);

/* The documented exit code of a status (README, "Exit codes"). */
int cli_exit_code(enum rp_status status);

/* Prints "reportpipe: error: <file:line: field: message>" to stderr. */
void cli_report(const struct rp_error *err);

/* Prints a usage message for a bad command line and returns exit 2. */
int cli_usage_error(const char *usage, const char *fmt, ...) RP_PRINTF(2, 3);

/* True when argv holds -h or --help (checked before anything else). */
int cli_wants_help(int argc, char **argv);

/*
 * Creation time for outputs: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else now.
 */
int64_t cli_source_date(void);

/* Parses YYYY-MM-DD as UTC midnight. */
int cli_parse_date(const char *text, int64_t *out);

struct rp_merge_options;
/*
 * --period-start (option 's') or --period-end ('e', an inclusive day)
 * into the merge options; 0 when the date is not YYYY-MM-DD.
 */
int cli_period_option(int option, const char *arg,
                      struct rp_merge_options *merge);

#endif
