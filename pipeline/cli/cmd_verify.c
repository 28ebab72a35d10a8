/*
 * reportpipe verify FILE.pdf: is this PDF an approved version, by whom and
 * when?  Exit 0 only if it is.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] = "reportpipe verify FILE.pdf [options]";

int cmd_verify(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_workflow_verdict v;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *file;
    int c;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nLooks the PDF's SHA-256 up in the store: exit 0 "
               "when it is an approved\nversion, 1 when it is a draft or "
               "unknown.\n",
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
    if (optind + 1 != argc)
        return cli_usage_error(usage, "give one PDF");
    file = argv[optind];
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK)
        status = rp_workflow_verify_file(w.wf, file, &v, &err);
    if (status != RP_OK)
        return cli_workflow_finish(&w, status, &err);
    if (v.approved) {
        printf("%s: APPROVED version v%d of the %d review of %s\n"
               "  approved by %s on %s%s%s\n  fingerprint %s, sha256 %s%s\n",
               file, v.version, v.year, v.account, v.approver, v.approved_on,
               v.recorded_by[0] ? ", recorded by " : "", v.recorded_by,
               v.fingerprint, v.sha256, v.delivered ? ", delivered" : "");
    } else {
        if (v.draft)
            rp_error_set(&err, RP_ERR_INPUT, file, 0, NULL,
                         "NOT APPROVED: this is draft v%d of the %d review "
                         "of %s (sha256 %s)",
                         v.version, v.year, v.account, v.sha256);
        else
            rp_error_set(&err, RP_ERR_INPUT, file, 0, NULL,
                         "NOT APPROVED: no version this store issued has its "
                         "SHA-256 %s (changed, or never approved)",
                         v.sha256);
        status = RP_ERR_INPUT;
    }
    return cli_workflow_finish(&w, status, &err);
}
