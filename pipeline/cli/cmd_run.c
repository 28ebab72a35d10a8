/*
 * reportpipe run: the whole job the nightly cron runs (the batch stage,
 * pipeline/batch/batch.h).  A failure in one document does not stop the
 * others; the exit status reports the worst thing that happened.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch/batch.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/mem.h"

static const char usage[] =
    "reportpipe run [--conf FILE] [--input DIR] [--output DIR] "
    "[--templates DIR] [--config DIR] [--period-start DATE --period-end DATE] "
    "[--lang LANG] "
    "[--zone ZONE] [--state DIR] [-j N] [--force] "
    "[--only ACCOUNT-ID[,ACCOUNT-ID...]]... [--status-report-only] "
    "[--keep-intermediate] [-q]";

static void help(void)
{
    printf("usage: %s\n\n"
           "Runs every stage on the exports in the input directory:\n"
           "  OUTPUT/reviews/<account-id>.pdf  one Annual Customer Review "
           "per account\n"
           "  OUTPUT/status-report.pdf         the Program Status Report\n"
           "  OUTPUT/rejects/                  rows that could not be "
           "imported\n"
           "  OUTPUT/run-summary.json          what the run did, written "
           "last\n\n"
           "  --conf FILE           settings to read first (default: "
           "./reportpipe.conf\n"
           "                        when there is one); the flags below "
           "win over it\n"
           "  --input DIR           exports to read (default: input)\n"
           "  --output DIR          where documents go (default: output)\n"
           "  --templates DIR       annual-review.xsl and status-report.xsl "
           "(default: templates)\n"
           "  --lang LANG           the documents' language (en, de: "
           "TEMPLATES/labels/);\n"
           "                        default: each review in its account's "
           "billing-country\n"
           "                        language, the status report in "
           "English\n"
           "  --config DIR          sla.xml, health.xml, account-map.csv, "
           "limits.xml\n"
           "                        (default: config)\n"
           "                        contributions are read from "
           "INPUT/contributions/<account-id>/\n"
           "  --period-start DATE   first day of the review period "
           "(YYYY-MM-DD)\n"
           "  --period-end DATE     last day of the review period, "
           "inclusive\n"
           "  --keep-intermediate   also write OUTPUT/intermediate/ "
           "(review-data.xml, *.fo)\n"
           "  --state DIR           the review workflow's store, when there "
           "is one\n"
           "                        (DIR/reportpipe.db, default: state): "
           "approved reviews\n"
           "                        are kept, drafts are reported to it, the "
           "status report\n"
           "                        shows where each review stands\n"
           "  --zone ZONE           zone of export times written without "
           "one (UTC, +01:00,\n"
           "                        Europe/Berlin), for profiles that name "
           "none\n"
           "  -j, --jobs N          render in N worker processes, 1 to 256 "
           "(default: one\n"
           "                        per core); the outputs do not depend "
           "on it\n"
           "  --force               rebuild every document, even those whose "
           "inputs did\n"
           "                        not change\n"
           "  --only ID[,ID...]     make only these accounts' reviews, no "
           "status report\n"
           "                        (repeatable)\n"
           "  --status-report-only  make only the status report\n"
           "  -q, --quiet           print errors only (for cron)\n"
           "  --no-quiet            undo quiet = true of the configuration "
           "file\n\n"
           "Exit codes: 0 ok, 1 bad input (rows rejected, a file left out or "
           "a document\nfailed), 2 usage, 3 internal error, 5 busy (another "
           "run holds the output).\nSee docs/operations.md.\n",
           usage);
}

static void report_error(void *ctx, const struct rp_error *err)
{
    (void)ctx;
    cli_report(err);
}

/* The batch does the work; the command reports how it went. */
static enum rp_status run(struct rp_batch_options *o)
{
    struct rp_batch_summary summary;
    struct rp_error err;
    struct timespec start;
    struct cli_progress progress;
    enum rp_status status;

    clock_gettime(CLOCK_MONOTONIC, &start);
    rp_error_init(&err);
    memset(&summary, 0, sizeof(summary));
    cli_progress_init(&progress, stderr);
    o->on_progress = cli_progress_update;
    o->on_progress_ctx = &progress;
    status = rp_batch_run(o, &summary, &err);
    cli_progress_finish(&progress);
    if (err.status != RP_OK)
        cli_report(&err);
    rp_log_info("run: %s in %.2f s, %lu warnings%s",
                status == RP_OK ? "done" : "FAILED",
                rp_clock_seconds_since(&start), rp_log_warning_count(),
                summary.files_failed || summary.contributions_failed
                    ? "; inputs left out because they could not be read "
                      "(see above)"
                    : "");
    /* A night with nothing new should say so, not look like a rebuild. */
    if (summary.reviews_skipped || summary.report_skipped)
        rp_log_info("run: kept unchanged: %zu of %zu reviews%s",
                    summary.reviews_skipped, summary.reviews_done,
                    summary.report_skipped ? ", the status report" : "");
    return status;
}

/* What the command line and the configuration file give a run. */
struct run_args {
    const char *conf_path; /* --conf, or NULL */
    const char *state_dir;
    char **only; /* --only ids, each its own string */
    size_t n_only, cap_only;
    int quiet; /* -1: as the file says */
};

enum {
    OPT_CONF = 1100,
    OPT_FORCE,
    OPT_ONLY,
    OPT_STATUS_REPORT_ONLY,
    OPT_NO_QUIET,
};

static const struct option options[] = {
    CLI_BATCH_LONG_OPTIONS,
    {"keep-intermediate", no_argument, NULL, 'k'},
    {"state", required_argument, NULL, CLI_OPT_STATE},
    {"zone", required_argument, NULL, CLI_OPT_ZONE},
    {"conf", required_argument, NULL, OPT_CONF},
    {"jobs", required_argument, NULL, 'j'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"only", required_argument, NULL, OPT_ONLY},
    {"status-report-only", no_argument, NULL, OPT_STATUS_REPORT_ONLY},
    {"no-quiet", no_argument, NULL, OPT_NO_QUIET},
    {NULL, 0, NULL, 0},
};
#define SHORT_OPTIONS "qj:"

/* --only A,B: each id of the list; 0, or 2 for an empty one. */
static int add_only(struct run_args *a, const char *list)
{
    const char *p = list, *comma;
    size_t n;

    for (;;) {
        comma = strchr(p, ',');
        n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == 0)
            return cli_usage_error(usage,
                                   "--only '%s': an account id is "
                                   "empty",
                                   list);
        rp_array_grow((void **)&a->only, &a->cap_only, a->n_only + 1,
                      sizeof(*a->only));
        a->only[a->n_only++] = rp_xstrndup(p, n);
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* The options of the run's own, past what cli_batch_option() takes: 0
 * taken, -1 not one of them, 2 a usage error (printed). */
static int run_option(struct rp_batch_options *o, struct run_args *a, int c,
                      const char *arg)
{
    switch (c) {
    case 'k':
        o->keep_intermediate = 1;
        return 0;
    case CLI_OPT_STATE:
        a->state_dir = arg;
        return 0;
    case OPT_CONF:
        return 0; /* read before the other options */
    case 'j':
        if (!rp_batch_parse_jobs(arg, &o->jobs))
            return cli_usage_error(usage,
                                   "--jobs '%s' is not a number from 1 to "
                                   "%d",
                                   arg, RP_BATCH_MAX_JOBS);
        return 0;
    case OPT_FORCE:
        o->force = true;
        return 0;
    case OPT_ONLY:
        return add_only(a, arg);
    case OPT_STATUS_REPORT_ONLY:
        o->status_report_only = true;
        return 0;
    case 'q':
        a->quiet = 1;
        return 0;
    case OPT_NO_QUIET:
        a->quiet = 0;
        return 0;
    }
    return cli_batch_option(o, c, arg, usage);
}

/* The first pass: only --conf, so that the file is applied before the
 * flags, which win.  The second pass reports what is wrong. */
static const char *find_conf(int argc, char **argv)
{
    const char *path = NULL;
    int c;

    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, SHORT_OPTIONS, options, NULL)) != -1)
        if (c == OPT_CONF)
            path = optarg;
    opterr = 1;
    optind = 0;
    return path;
}

/* Reads the configuration file into o and a; 0, or the exit code. */
static int apply_conf(struct rp_batch_conf *conf, struct rp_batch_options *o,
                      struct run_args *a)
{
    struct rp_error err;

    rp_error_init(&err);
    if (rp_batch_conf_load(conf, a->conf_path, &err) != RP_OK ||
        rp_batch_conf_apply(conf, o, &err) != RP_OK) {
        cli_report(&err);
        return cli_exit_code(err.status);
    }
    if (conf->state)
        a->state_dir = conf->state;
    if (conf->quiet >= 0)
        a->quiet = conf->quiet;
    return 0;
}

static int parse_args(int argc, char **argv, struct rp_batch_conf *conf,
                      struct rp_batch_options *o, struct run_args *a)
{
    int c, rc;

    a->conf_path = find_conf(argc, argv);
    if ((rc = apply_conf(conf, o, a)) != 0)
        return rc;
    while ((c = getopt_long(argc, argv, SHORT_OPTIONS, options, NULL)) != -1) {
        rc = run_option(o, a, c, optarg);
        if (rc < 0)
            return cli_usage_error(usage, "unknown option");
        if (rc > 0)
            return rc;
    }
    if (optind != argc)
        return cli_usage_error(usage, "run takes no file arguments");
    if (a->n_only && o->status_report_only)
        return cli_usage_error(usage, "--only makes reviews and no status "
                                      "report; --status-report-only the "
                                      "opposite: give one of them");
    o->only = (const char *const *)a->only;
    o->n_only = a->n_only;
    /* cron mails what a job prints: errors only, the rest is in
     * OUTPUT/run-summary.json. */
    if (a->quiet == 1)
        rp_log_set_level(RP_LOG_ERRORS);
    return cli_period_check(&o->merge, usage);
}

int cmd_run(int argc, char **argv)
{
    struct rp_batch_options o;
    struct rp_batch_conf conf;
    struct run_args a = {.state_dir = "state", .quiet = -1};
    struct cli_workflow w;
    size_t i;
    int rc;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    cli_render_heap();
    rp_batch_options_init(&o);
    rp_batch_conf_init(&conf);
    o.created = cli_source_date();
    o.on_error = report_error;
    rc = parse_args(argc, argv, &conf, &o, &a);
    if (rc == 0) {
        cli_run_workflow(a.state_dir, &o, &w);
        rc = cli_exit_code(run(&o));
        cli_workflow_release(&w);
    }
    for (i = 0; i < a.n_only; i++)
        free(a.only[i]);
    free(a.only);
    rp_batch_conf_release(&conf);
    return rc;
}
