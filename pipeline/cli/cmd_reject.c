/*
 * reportpipe reject ACCOUNT --comment TEXT: a designated sales leader sends
 * the draft in review back, saying what to change.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] =
    "reportpipe reject ACCOUNT --comment TEXT [--on-behalf-of PERSON "
    "--evidence FILE] [options]";

int cmd_reject(int argc, char **argv)
{
    static const struct option options[] = {
        {"comment", required_argument, NULL, 'm'},
        {"on-behalf-of", required_argument, NULL, 'b'},
        {"evidence", required_argument, NULL, 'e'},
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_workflow_behalf behalf = {NULL, NULL};
    struct rp_workflow_result res;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *account = NULL, *comment = NULL;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nSends the account's draft in review back with "
               "a comment (changes-requested).\n",
               usage);
        cli_workflow_help(stdout);
        return 0;
    }
    cli_workflow_init(&w);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        if (cli_workflow_option(&w, c, optarg))
            continue;
        if (c == 'm')
            comment = optarg;
        else if (c == 'b')
            behalf.person = optarg;
        else if (c == 'e')
            behalf.evidence_path = optarg;
        else
            return cli_usage_error(usage, "unknown option");
    }
    if ((rc = cli_parse_account(usage, argc, argv, &account)) != 0)
        return rc;
    if (optind != argc)
        return cli_usage_error(usage, "reject takes one account");
    if (!comment)
        return cli_usage_error(usage, "say what to change (--comment TEXT)");
    if (behalf.evidence_path && !behalf.person)
        return cli_usage_error(usage, "--evidence goes with --on-behalf-of");
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status =
            rp_workflow_reject(w.wf, account, comment, &behalf, &res, &err);
    if (status == RP_OK)
        printf("%s: %s -> %s: draft v%d sent back\n", account,
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version);
    return cli_workflow_finish(&w, status, &err);
}
