/*
 * reportpipe deliver ACCOUNT [FILE]: the administrator hands the approved
 * document to print; a file whose bytes differ from the approved ones is
 * refused.
 */
#include "cli.h"

#include <stdio.h>

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    struct rp_workflow_result res;
    enum rp_status status;

    (void)ctx;
    status = rp_workflow_deliver(w->wf, operands[0], n > 1 ? operands[1] : NULL,
                                 &res, err);
    if (status == RP_OK)
        printf("%s: %s -> %s: v%d %s\n  sha256 %s\n", operands[0],
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version, res.path, res.sha256);
    return status;
}

int cmd_deliver(int argc, char **argv)
{
    static const struct cli_workflow_command command = {
        "reportpipe deliver ACCOUNT [FILE.pdf] [options]",
        "Marks the account's approved review delivered.  FILE is the PDF "
        "going to\nprint (default: the approved file); it must be byte for "
        "byte the approved one.\n",
        NULL,
        1,
        2,
        NULL,
        NULL,
        act,
    };

    return cli_workflow_main(&command, NULL, argc, argv);
}
