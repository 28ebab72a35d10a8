/*
 * reportpipe approve ACCOUNT: a designated sales leader approves the exact
 * draft in review; the final is rendered from the same snapshot with the
 * approval block and written read-only under OUTPUT/approved/.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] =
    "reportpipe approve ACCOUNT [--comment TEXT] [--on-behalf-of PERSON "
    "--evidence FILE] [options]";

int cmd_approve(int argc, char **argv)
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
        printf("usage: %s\n\nApproves the draft of the account that is in "
               "review.\n  --comment TEXT          kept with the approval\n"
               "  --on-behalf-of PERSON   (administrators) record a decision "
               "the approver\n                          gave outside the "
               "tool; needs --evidence FILE\n",
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
        return cli_usage_error(usage, "approve takes one account");
    if (behalf.evidence_path && !behalf.person)
        return cli_usage_error(usage, "--evidence goes with --on-behalf-of");
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status = rp_workflow_approve(w.wf, &w.source.renderer, account, comment,
                                     &behalf, &res, &err);
    if (status == RP_OK)
        printf("%s: %s -> %s: %s (read-only)\n  sha256 %s, fingerprint %s\n",
               account, rp_workflow_stage_name(res.from),
               rp_workflow_stage_name(res.to), res.path, res.sha256,
               res.fingerprint);
    return cli_workflow_finish(&w, status, &err);
}
