/*
 * reportpipe run: the whole job the nightly cron runs (the batch stage,
 * pipeline/batch/batch.h).  A failure in one document does not stop the
 * others; the exit status reports the worst thing that happened.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "batch/batch.h"
#include "common/log.h"

static const char usage[] =
    "reportpipe run [--input DIR] [--output DIR] [--templates DIR] "
    "[--config DIR] [--period-start DATE --period-end DATE] "
    "[--keep-intermediate] [--state DIR] [-q]";

static void help(void)
{
    printf("usage: %s\n\n"
           "Runs every stage on the exports in the input directory:\n"
           "  OUTPUT/reviews/<account-id>.pdf  one Annual Customer Review "
           "per account\n"
           "  OUTPUT/status-report.pdf         the Program Status Report\n"
           "  OUTPUT/rejects/                  rows that could not be "
           "imported\n\n"
           "  --input DIR           exports to read (default: input)\n"
           "  --output DIR          where documents go (default: output)\n"
           "  --templates DIR       annual-review.xsl and status-report.xsl "
           "(default: templates)\n"
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
           "  -q, --quiet           only warnings and errors\n",
           usage);
}

static void report_error(void *ctx, const struct rp_error *err)
{
    (void)ctx;
    cli_report(err);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The batch does the work; the command reports how it went. */
static enum rp_status run(const struct rp_batch_options *o)
{
    struct rp_batch_summary summary;
    struct rp_error err;
    struct timespec start;
    enum rp_status status;

    clock_gettime(CLOCK_MONOTONIC, &start);
    rp_error_init(&err);
    status = rp_batch_run(o, &summary, &err);
    if (err.status != RP_OK)
        cli_report(&err);
    rp_log_info("run: %s in %.2f s, %lu warnings%s",
                status == RP_OK ? "done" : "FAILED", seconds_since(&start),
                rp_log_warning_count(),
                summary.files_failed || summary.contributions_failed
                    ? "; inputs left out because they could not be read "
                      "(see above)"
                    : "");
    return status;
}

int cmd_run(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_BATCH_LONG_OPTIONS,
        {"keep-intermediate", no_argument, NULL, 'k'},
        {"state", required_argument, NULL, CLI_OPT_STATE},
        {"force", no_argument, NULL, 'F'},
        {"status-report-only", no_argument, NULL, 'S'},
        {"only", required_argument, NULL, 'O'},
        {NULL, 0, NULL, 0},
    };
    struct rp_batch_options o;
    struct cli_workflow w;
    const char *state_dir = "state";
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_batch_options_init(&o);
    o.created = cli_source_date();
    o.on_error = report_error;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qj:", options, NULL)) != -1) {
        if (c == 'k') {
            o.keep_intermediate = 1;
            continue;
        }
        if (c == 'j') {
            o.jobs = (unsigned)atoi(optarg);
            continue;
        }
        if (c == 'F') {
            o.force = 1;
            continue;
        }
        if (c == 'S') {
            o.status_report_only = 1;
            continue;
        }
        if (c == 'O') {
            static const char *ids[64];
            ids[o.n_only++] = optarg;
            o.only = ids;
            continue;
        }
        if (c == CLI_OPT_STATE) {
            state_dir = optarg;
            continue;
        }
        rc = cli_batch_option(&o, c, optarg, usage);
        if (rc < 0)
            return cli_usage_error(usage, "unknown option");
        if (rc > 0)
            return rc;
    }
    if (optind != argc)
        return cli_usage_error(usage, "run takes no file arguments");
    if ((rc = cli_period_check(&o.merge, usage)) != 0)
        return rc;
    cli_run_workflow(state_dir, &o, &w);
    rc = cli_exit_code(run(&o));
    cli_workflow_release(&w);
    return rc;
}
