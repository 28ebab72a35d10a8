/*
 * reportpipe review: one account's review from its review-data snapshot,
 * as a draft or approved: what the workflow's submit and approve do,
 * by hand (pipeline/batch/batch.h).
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "batch/batch.h"
#include "common/file.h"
#include "common/log.h"

/* A snapshot is one account's data: generous, but not unbounded. */
#define MAX_SNAPSHOT_BYTES ((size_t)256 << 20)

static const char usage[] =
    "reportpipe review [--templates DIR] [--config DIR] [--approved-by NAME "
    "--approved-on DATE --fingerprint HEX] [-q] SNAPSHOT.xml OUT.pdf";

static void help(void)
{
    printf("usage: %s\n\n"
           "Renders the Annual Customer Review of the account in a "
           "review-data\nsnapshot (reportpipe snapshot).  Without "
           "--approved-by it is a draft,\nmarked DRAFT on every page.\n\n"
           "  --templates DIR       annual-review.xsl (default: templates)\n"
           "  --config DIR          limits.xml: what the template may take\n"
           "                        (default: config)\n"
           "  --approved-by NAME    the approver, as printed\n"
           "  --approved-on DATE    the day of the approval (YYYY-MM-DD)\n"
           "  --fingerprint HEX     the approved draft's short SHA-256\n"
           "  -q, --quiet           only warnings and errors\n"
           "SOURCE_DATE_EPOCH, when set, is the PDF's creation date.\n",
           usage);
}

int cmd_review(int argc, char **argv)
{
    static const struct option options[] = {
        {"templates", required_argument, NULL, 't'},
        {"config", required_argument, NULL, CLI_OPT_CONFIG},
        {"approved-by", required_argument, NULL, 'a'},
        {"approved-on", required_argument, NULL, 'd'},
        {"fingerprint", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    struct rp_batch_options o;
    struct rp_review_mark mark = {0};
    struct rp_error err;
    enum rp_status status;
    char *xml = NULL;
    size_t len = 0;
    int c, pages = 0;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    cli_render_heap();
    rp_batch_options_init(&o);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        switch (c) {
        case 't':
            o.templates = optarg;
            break;
        case CLI_OPT_CONFIG:
            o.merge.config_dir = optarg;
            break;
        case 'a':
            mark.approver_name = optarg;
            break;
        case 'd':
            mark.approved_on = optarg;
            break;
        case 'f':
            mark.fingerprint = optarg;
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        default:
            return cli_usage_error(usage, "unknown option");
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(usage, "review takes a snapshot and a PDF "
                                      "path");
    if ((mark.approver_name != NULL) != (mark.approved_on != NULL) ||
        (mark.approver_name != NULL) != (mark.fingerprint != NULL))
        return cli_usage_error(usage, "give --approved-by, --approved-on and "
                                      "--fingerprint together, or none");
    mark.date = cli_source_date();
    rp_error_init(&err);
    status =
        rp_file_read_all(argv[optind], MAX_SNAPSHOT_BYTES, &xml, &len, &err);
    if (status == RP_OK)
        status = rp_batch_render_review(&o, xml, len, &mark, argv[optind + 1],
                                        &pages, &err);
    free(xml);
    if (status != RP_OK) {
        cli_report(&err);
        return cli_exit_code(status);
    }
    rp_log_info("review: %s: %s, %d pages -> %s", argv[optind],
                mark.approver_name ? "approved" : "draft", pages,
                argv[optind + 1]);
    return 0;
}
