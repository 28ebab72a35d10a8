/*
 * reportpipe deliver ACCOUNT [FILE]: the administrator hands the approved
 * document to print; a file whose bytes differ from the approved ones is
 * refused.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] = "reportpipe deliver ACCOUNT [FILE.pdf] [options]";

int cmd_deliver(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_workflow_result res;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *account = NULL, *file = NULL;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nMarks the account's approved review delivered. "
               "FILE is the PDF going to\nprint (default: the approved file); "
               "it must be byte for byte the approved one.\n",
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
    if (optind < argc)
        file = argv[optind++];
    if (optind != argc)
        return cli_usage_error(usage, "deliver takes an account and a file");
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status = rp_workflow_deliver(w.wf, account, file, &res, &err);
    if (status == RP_OK)
        printf("%s: %s -> %s: v%d %s\n  sha256 %s\n", account,
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version, res.path, res.sha256);
    return cli_workflow_finish(&w, status, &err);
}
