/*
 * reportpipe contribute ACCOUNT --section NAME FILE: a contributor hands in
 * a section of the review (UTF-8 text; a blank line between paragraphs).
 * The store keeps it with its author and time; the next draft uses it.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

static const char usage[] =
    "reportpipe contribute ACCOUNT --section NAME FILE [options]";

int cmd_contribute(int argc, char **argv)
{
    static const struct option options[] = {
        {"section", required_argument, NULL, 's'},
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_workflow_result res;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *account = NULL, *section = NULL, *file;
    gchar *text = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nStores a section of the account's review, "
               "written by you.\n  --section NAME   executive-summary, "
               "plan-next-year or meeting-feedback\n",
               usage);
        cli_workflow_help(stdout);
        return 0;
    }
    cli_workflow_init(&w);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        if (cli_workflow_option(&w, c, optarg))
            continue;
        if (c != 's')
            return cli_usage_error(usage, "unknown option");
        section = optarg;
    }
    if ((rc = cli_parse_account(usage, argc, argv, &account)) != 0)
        return rc;
    if (!section)
        return cli_usage_error(usage, "which section? (--section NAME)");
    if (optind + 1 != argc)
        return cli_usage_error(usage, "give one text file");
    file = argv[optind];
    rp_error_init(&err);
    if (!g_file_get_contents(file, &text, &len, &gerr)) {
        rp_error_set(&err, RP_ERR_INPUT, file, 0, NULL, "cannot read: %s",
                     gerr->message);
        g_error_free(gerr);
        cli_report(&err);
        return cli_exit_code(RP_ERR_INPUT);
    }
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status = rp_workflow_contribute(w.wf, account, section, text, len, file,
                                        &res, &err);
    g_free(text);
    if (status == RP_OK)
        printf("%s: %s stored (%s -> %s)\n", account, section,
               rp_workflow_stage_name(res.from),
               rp_workflow_stage_name(res.to));
    return cli_workflow_finish(&w, status, &err);
}
