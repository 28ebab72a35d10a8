/*
 * reportpipe submit ACCOUNT: the administrator renders the draft from the
 * current data (DRAFT on every page) and sends it for approval; its hash,
 * the data snapshot and the template version are recorded.
 */
#include "cli.h"

#include <stdio.h>

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    struct rp_workflow_result res;
    enum rp_status status;

    (void)ctx;
    (void)n;
    status =
        rp_workflow_submit(w->wf, &w->source.renderer, operands[0], &res, err);
    if (status == RP_OK)
        printf("%s: %s -> %s: draft v%d %s\n  sha256 %s\n", operands[0],
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version, res.path, res.sha256);
    return status;
}

int cmd_submit(int argc, char **argv)
{
    static const struct cli_workflow_command command = {
        "reportpipe submit ACCOUNT [options]",
        "Renders the account's review draft from the current exports and\n"
        "contributions and puts it in review with its designated approver.\n",
        NULL,
        1,
        1,
        NULL,
        NULL,
        act,
    };

    return cli_workflow_main(&command, NULL, argc, argv);
}
