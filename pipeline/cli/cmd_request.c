/*
 * reportpipe request ACCOUNT --meeting DATE [--due DATE]: Sales asks for an
 * account's Annual Customer Review (workflow stage).
 */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>

static const char usage[] =
    "reportpipe request ACCOUNT --meeting DATE [--due DATE] [options]";

int cmd_request(int argc, char **argv)
{
    static const struct option options[] = {
        {"meeting", required_argument, NULL, 'm'},
        {"due", required_argument, NULL, 'd'},
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_workflow_result res;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *account = NULL;
    int64_t meeting = INT64_MIN, due = INT64_MIN;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nOpens the review request of an account for the "
               "year of its meeting.\n  --meeting DATE   the customer "
               "meeting (YYYY-MM-DD)\n  --due DATE       when the document "
               "must be delivered (default: 7 days before the meeting)\n",
               usage);
        cli_workflow_help(stdout);
        return 0;
    }
    cli_workflow_init(&w);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        if (cli_workflow_option(&w, c, optarg))
            continue;
        if (c == 'm' && cli_parse_date(optarg, &meeting))
            continue;
        if (c == 'd' && cli_parse_date(optarg, &due))
            continue;
        if (c == 'm' || c == 'd')
            return cli_usage_error(usage, "--%s '%s' is not a date YYYY-MM-DD",
                                   c == 'm' ? "meeting" : "due", optarg);
        return cli_usage_error(usage, "unknown option");
    }
    if ((rc = cli_parse_account(usage, argc, argv, &account)) != 0)
        return rc;
    if (optind != argc)
        return cli_usage_error(usage, "request takes one account");
    if (meeting == INT64_MIN)
        return cli_usage_error(usage, "when is the meeting? (--meeting "
                                      "YYYY-MM-DD)");
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status = rp_workflow_request(w.wf, &w.source.renderer, account, meeting,
                                     due, &res, &err);
    if (status == RP_OK)
        printf("%s: review %d requested\n", account, res.version);
    return cli_workflow_finish(&w, status, &err);
}
