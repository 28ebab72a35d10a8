/*
 * reportpipe submit ACCOUNT: the administrator renders the draft from the
 * current data (DRAFT on every page) and sends it for approval; its hash,
 * the data snapshot and the template version are recorded.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] = "reportpipe submit ACCOUNT [options]";

int cmd_submit(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_workflow_result res;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *account = NULL;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nRenders the account's review draft from the "
               "current exports and\ncontributions and puts it in review "
               "with its designated approver.\n",
               usage);
        cli_workflow_help(stdout);
        return 0;
    }
    cli_workflow_init(&w);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        if (!cli_workflow_option(&w, c, optarg))
            return cli_usage_error(usage, "unknown option");
    }
    if ((rc = cli_parse_account(usage, argc, argv, &account)) != 0)
        return rc;
    if (optind != argc)
        return cli_usage_error(usage, "submit takes one account");
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status =
            rp_workflow_submit(w.wf, &w.source.renderer, account, &res, &err);
    if (status == RP_OK)
        printf("%s: %s -> %s: draft v%d %s\n  sha256 %s\n", account,
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version, res.path, res.sha256);
    return cli_workflow_finish(&w, status, &err);
}
