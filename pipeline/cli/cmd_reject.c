/*
 * reportpipe reject ACCOUNT --comment TEXT: a designated sales leader sends
 * the draft in review back, saying what to change.
 */
#include "cli.h"

#include <stdio.h>

static const char *check(void *ctx, char **operands, int n)
{
    const struct cli_decision *d = ctx;

    if (!d->comment)
        return "say what to change (--comment TEXT)";
    return cli_decision_check(ctx, operands, n);
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct cli_decision *d = ctx;
    struct rp_workflow_result res;
    enum rp_status status;

    (void)n;
    status = rp_workflow_reject(w->wf, operands[0], d->comment, &d->behalf,
                                &res, err);
    if (status == RP_OK)
        printf("%s: %s -> %s: draft v%d sent back\n", operands[0],
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version);
    return status;
}

int cmd_reject(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_DECISION_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe reject ACCOUNT --comment TEXT [--on-behalf-of PERSON "
        "--evidence FILE] [options]",
        "Sends the account's draft in review back with a comment "
        "(changes-requested).\n" CLI_DECISION_HELP,
        options,
        1,
        1,
        cli_decision_option,
        check,
        act,
    };
    struct cli_decision d = {0};

    return cli_workflow_main(&command, &d, argc, argv);
}
