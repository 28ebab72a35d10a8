/*
 * reportpipe shipped ACCOUNT --tracking NUMBER: the administrator records
 * that the printed review left for the customer.
 */
#include "cli.h"

#include <stdio.h>

struct shipped {
    const char *tracking;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct shipped *s = ctx;

    if (c != 't')
        return "unknown option";
    s->tracking = arg;
    return NULL;
}

static const char *check(void *ctx, char **operands, int n)
{
    const struct shipped *s = ctx;

    (void)operands;
    (void)n;
    return s->tracking ? NULL : "--tracking NUMBER is missing";
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct shipped *s = ctx;
    enum rp_status status;

    (void)n;
    status = rp_workflow_shipped(w->wf, operands[0], s->tracking, NULL, err);
    if (status == RP_OK)
        printf("%s: shipped, tracking %s\n", operands[0], s->tracking);
    return status;
}

int cmd_shipped(int argc, char **argv)
{
    static const struct option options[] = {
        {"tracking", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe shipped ACCOUNT --tracking NUMBER [options]",
        "Records that the account's delivered review was shipped, with the "
        "carrier's\ntracking number.  Until then `status` flags a delivery "
        "whose print deadline\nis near.\n",
        options,
        1,
        1,
        option,
        check,
        act,
    };
    struct shipped s = {0};

    return cli_workflow_main(&command, &s, argc, argv);
}
