/*
 * reportpipe approve ACCOUNT: a designated sales leader approves the exact
 * draft in review; the final is rendered from the same snapshot with the
 * approval block and written read-only under OUTPUT/approved/.
 */
#include "cli.h"

#include <stdio.h>

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct cli_decision *d = ctx;
    struct rp_workflow_result res;
    enum rp_status status;

    (void)n;
    status = rp_workflow_approve(w->wf, &w->source.renderer, operands[0],
                                 d->comment, &d->behalf, &res, err);
    if (status == RP_OK)
        printf("%s: %s -> %s: %s (read-only)\n  sha256 %s, fingerprint %s\n",
               operands[0], rp_workflow_stage_name(res.from),
               rp_workflow_stage_name(res.to), res.path, res.sha256,
               res.fingerprint);
    return status;
}

int cmd_approve(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_DECISION_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe approve ACCOUNT [--comment TEXT] [--on-behalf-of PERSON "
        "--evidence FILE] [options]",
        "Approves the draft of the account that is in "
        "review.\n" CLI_DECISION_HELP,
        options,
        1,
        1,
        cli_decision_option,
        cli_decision_check,
        act,
    };
    struct cli_decision d = {0};

    return cli_workflow_main(&command, &d, argc, argv);
}
