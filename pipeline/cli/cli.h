/*
 * The command-line tool: one cmd_<name>.c per subcommand, dispatched from
 * the table in main.c.  Commands only parse arguments and call the stages
 * through their public headers; this header holds what they share.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "batch/batch.h"
#include "common/error.h"
#include "common/log.h"
#include "workflow/workflow.h"

#define RP_VERSION "0.1.0"

int cmd_import(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_transform(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_request(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_contribute(int argc, char **argv);
int cmd_submit(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_reject(int argc, char **argv);
int cmd_deliver(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_verify(int argc, char **argv);
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

/* ---- the workflow commands (workflow.c) ---- */

/* Option codes of the options every workflow command takes. */
enum {
    CLI_OPT_STATE = 1000,
    CLI_OPT_CONFIG,
    CLI_OPT_INPUT,
    CLI_OPT_OUTPUT,
    CLI_OPT_TEMPLATES,
};
#define CLI_WORKFLOW_LONG_OPTIONS                                              \
    {"state", required_argument, NULL, CLI_OPT_STATE},                         \
        {"config", required_argument, NULL, CLI_OPT_CONFIG},                   \
        {"input", required_argument, NULL, CLI_OPT_INPUT},                     \
        {"output", required_argument, NULL, CLI_OPT_OUTPUT},                   \
        {"templates", required_argument, NULL, CLI_OPT_TEMPLATES},             \
    {                                                                          \
        "quiet", no_argument, NULL, 'q'                                        \
    }

struct cli_workflow {
    const char *state_dir, *config_dir;
    struct rp_batch_options batch;
    struct rp_batch_workflow source; /* the store's renderer */
    struct rp_workflow *wf;
    char *login, *db_path, *people_path;
};

void cli_workflow_init(struct cli_workflow *w);
/* Takes a common option; 0 when c is not one of them. */
int cli_workflow_option(struct cli_workflow *w, int c, const char *arg);
/* Opens the store as the OS login running the process. */
enum rp_status cli_workflow_open(struct cli_workflow *w,
                                 struct rp_error *err) RP_MUST_CHECK;
void cli_workflow_release(struct cli_workflow *w);
/* The common options and exit codes, for --help. */
void cli_workflow_help(FILE *out);
/* The ACCOUNT argument at optind: 0, or the usage exit code. */
int cli_parse_account(const char *usage, int argc, char **argv,
                      const char **account);
/* Reports err unless status is RP_OK, releases w, returns the exit code. */
int cli_workflow_finish(struct cli_workflow *w, enum rp_status status,
                        const struct rp_error *err);

#endif
