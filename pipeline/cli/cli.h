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
#include "common/version.h"
#include "workflow/workflow.h"

int cmd_import(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_transform(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_request(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_invite(int argc, char **argv);
int cmd_contribute(int argc, char **argv);
int cmd_submit(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_reject(int argc, char **argv);
int cmd_deliver(int argc, char **argv);
int cmd_shipped(int argc, char **argv);
int cmd_feedback(int argc, char **argv);
int cmd_followup(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_serve(int argc, char **argv);

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

/*
 * Sets the allocator up for rendering: once, before the work starts, in
 * the commands that render (not in the server, which wants its heap
 * handed back).
 */
void cli_render_heap(void);

/*
 * Options several commands share, with long names only.  A command lists
 * CLI_MERGE_LONG_OPTIONS (merge), CLI_BATCH_LONG_OPTIONS (run and the
 * commands that make documents as run does) and, for the workflow, also
 * CLI_WORKFLOW_LONG_OPTIONS, then hands each option it gets to
 * cli_merge_option() / cli_batch_option() / the workflow driver.
 */
enum {
    CLI_OPT_INPUT = 1000,
    CLI_OPT_OUTPUT,
    CLI_OPT_TEMPLATES,
    CLI_OPT_CONFIG,
    CLI_OPT_PERIOD_START,
    CLI_OPT_PERIOD_END,
    CLI_OPT_STATE,
    CLI_OPT_ZONE,
    CLI_OPT_LANG,
    CLI_OPT_TODAY,
};
#define CLI_MERGE_LONG_OPTIONS                                                 \
    {"config", required_argument, NULL, CLI_OPT_CONFIG},                       \
        {"period-start", required_argument, NULL, CLI_OPT_PERIOD_START},       \
        {"period-end", required_argument, NULL, CLI_OPT_PERIOD_END},           \
    {                                                                          \
        "quiet", no_argument, NULL, 'q'                                        \
    }
#define CLI_BATCH_LONG_OPTIONS                                                 \
    CLI_MERGE_LONG_OPTIONS, {"input", required_argument, NULL, CLI_OPT_INPUT}, \
        {"output", required_argument, NULL, CLI_OPT_OUTPUT},                   \
        {"lang", required_argument, NULL, CLI_OPT_LANG},                       \
    {                                                                          \
        "templates", required_argument, NULL, CLI_OPT_TEMPLATES                \
    }

/*
 * Takes one of the shared options (or -q): 0 taken, -1 not one of them,
 * 2 a bad value (the usage error is printed; return it as the exit code).
 */
int cli_merge_option(struct rp_merge_options *merge, int c, const char *arg,
                     const char *usage);
/* --zone ZONE (import, merge, run): the zone of export times written
 * without one, for profiles that name none; 0, or 2 as above. */
int cli_zone_option(const char *arg, const char *usage);
int cli_batch_option(struct rp_batch_options *o, int c, const char *arg,
                     const char *usage);
/* 0, or 2 (printed) when only one end of the review period was given. */
int cli_period_check(const struct rp_merge_options *merge, const char *usage);

/* ---- the workflow commands (workflow.c) ---- */

/* Who acts is never an option: it is the OS login running the command.
 * --today DAY fixes the workflow's clock (DAY 00:00 UTC), as
 * SOURCE_DATE_EPOCH does, so a test can live through the days. */
#define CLI_WORKFLOW_LONG_OPTIONS                                              \
    CLI_BATCH_LONG_OPTIONS, {"state", required_argument, NULL, CLI_OPT_STATE}, \
    {                                                                          \
        "today", required_argument, NULL, CLI_OPT_TODAY                        \
    }

struct cli_workflow {
    const char *state_dir;
    struct rp_batch_options batch;
    struct rp_batch_workflow source; /* the store's renderer */
    struct rp_workflow *wf;
    char *login, *db_path, *people_path;
    int64_t now; /* --today, or 0: SOURCE_DATE_EPOCH or the clock */
};

/*
 * One workflow command: its own options and operands, and what it does
 * once the store is open.  cli_workflow_main() parses the command line
 * (its options and the common ones), opens the store as the OS login,
 * calls act, reports the error if any and returns the exit code.
 */
struct cli_workflow_command {
    const char *usage;
    const char *help;             /* what it does, printed after usage */
    const struct option *options; /* its own, ending in a zero entry */
    int min_operands, max_operands;
    /* Takes one of its options: NULL, or what is wrong (usage error). */
    const char *(*option)(void *ctx, int c, const char *arg);
    /* After parsing: NULL, or what is missing (usage error). */
    const char *(*check)(void *ctx, char **operands, int n);
    /* Does the work and prints the outcome when it succeeds. */
    enum rp_status (*act)(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err);
};

int cli_workflow_main(const struct cli_workflow_command *cmd, void *ctx,
                      int argc, char **argv);

/*
 * For run: opens the workflow store under state_dir when there is one and
 * sets o->workflow (returns 1); without a store, or when it cannot be
 * opened (a warning says why), the run goes on without it (returns 0).
 * Release w with cli_workflow_release() either way.
 */
int cli_run_workflow(const char *state_dir, struct rp_batch_options *o,
                     struct cli_workflow *w);
void cli_workflow_release(struct cli_workflow *w);

/* --comment, --on-behalf-of and --evidence: what approve and reject take. */
struct cli_decision {
    const char *comment;
    struct rp_workflow_behalf behalf;
};
#define CLI_DECISION_LONG_OPTIONS                                              \
    {"comment", required_argument, NULL, 'm'},                                 \
        {"on-behalf-of", required_argument, NULL, 'b'},                        \
    {                                                                          \
        "evidence", required_argument, NULL, 'e'                               \
    }
const char *cli_decision_option(void *ctx, int c, const char *arg);
const char *cli_decision_check(void *ctx, char **operands, int n);
#define CLI_DECISION_HELP                                                      \
    "  --comment TEXT          kept with the decision\n"                       \
    "  --on-behalf-of PERSON   (administrators) record a decision the "        \
    "approver\n                          gave outside the tool; needs "        \
    "--evidence FILE\n"

/* ---- Progress of a run (progress.c) ---- */

/*
 * On a terminal (stderr a tty, TERM not "dumb") one line redrawn in place:
 * stage, bar, documents done / total, rate, time left; it clears itself
 * before any log line or error, so they never mix.  Otherwise (cron, a
 * journal, a pipe) a timestamped line per stage and every few seconds.
 * Nothing below RP_LOG_NORMAL (--quiet).
 */
enum cli_progress_mode {
    CLI_PROGRESS_OFF,
    CLI_PROGRESS_BAR,
    CLI_PROGRESS_LINES
};

struct cli_progress {
    enum cli_progress_mode mode;
    FILE *out;
    int shown;      /* the bar is on the terminal now */
    char stage[16]; /* stage of the last thing shown */
    double last;    /* its elapsed seconds */
};

/* Picks the mode from out and the log level; a bar hooks into the log. */
void cli_progress_init(struct cli_progress *pr, FILE *out);
/* The run's on_progress (ctx: the struct cli_progress). */
void cli_progress_update(void *ctx, const struct rp_batch_progress *p);
/* Clears the bar and unhooks it from the log. */
void cli_progress_finish(struct cli_progress *pr);

/*
 * What is shown, into buf (always terminated): the bar for a terminal of
 * width columns ("render [####....]  412/1003  41%  37.2/s  0:16 left"),
 * and the line for a log, after stamp.
 */
void cli_progress_format_bar(char *buf, size_t size,
                             const struct rp_batch_progress *p, int width);
void cli_progress_format_line(char *buf, size_t size,
                              const struct rp_batch_progress *p,
                              const char *stamp);

#endif
