/*
 * reportpipe feedback ACCOUNT FILE: after the meeting, the customer's
 * feedback and the follow-up actions (docs/workflow.md, "Meeting
 * feedback"), recorded whole or not at all.
 */
#include "cli.h"

#include <stdio.h>

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    struct rp_workflow_followup_list list;
    enum rp_status status;
    size_t i;

    (void)ctx;
    (void)n;
    status =
        rp_workflow_feedback(w->wf, operands[0], operands[1], &list, NULL, err);
    if (status != RP_OK)
        return status;
    printf("%s: feedback recorded, %zu follow-up%s\n", operands[0], list.n,
           list.n == 1 ? "" : "s");
    for (i = 0; i < list.n; i++)
        printf("  %lld  %s  (%s, due %s)\n", (long long)list.items[i].id,
               list.items[i].what, list.items[i].owner, list.items[i].due);
    rp_workflow_followup_list_free(&list);
    return RP_OK;
}

int cmd_feedback(int argc, char **argv)
{
    static const struct cli_workflow_command command = {
        "reportpipe feedback ACCOUNT FILE [options]",
        "Records the customer's feedback after the meeting and the follow-up "
        "actions,\nfrom FILE: text, with lines 'follow-up: WHAT | OWNER | "
        "YYYY-MM-DD' for the\nactions and '#' for comments (docs/workflow.md)."
        "  Each follow-up gets an id\nfor `reportpipe followup done ID`.  A "
        "bad line is named (file, line, field)\nand nothing of the file is "
        "recorded.\n",
        NULL,
        2,
        2,
        NULL,
        NULL,
        act,
    };

    return cli_workflow_main(&command, NULL, argc, argv);
}
