/*
 * reportpipe remind: the daily reminder run (cron, as the administrator):
 * requests for contributions, approval requests with the draft attached
 * and the administrators' digest, written to STATE/outbox/ as .eml files
 * and handed to the configured sendmail command (docs/operations.md).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static void on_message(void *ctx, const struct rp_workflow_notice *n)
{
    (void)ctx;
    printf("%s: %s to %s: %s\n", n->path, n->kind, n->to, n->subject);
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    struct rp_workflow_remind_result res;
    enum rp_status status;
    char *outbox = rp_xmalloc(strlen(w->state_dir) + 8);

    (void)ctx;
    (void)operands;
    (void)n;
    sprintf(outbox, "%s/outbox", w->state_dir);
    status = rp_workflow_remind(w->wf, outbox, on_message, NULL, &res, err);
    printf("%d new message%s, %d already made today, %d handed to sendmail, "
           "%d in %s\n",
           res.written, res.written == 1 ? "" : "s", res.repeats, res.sent,
           res.kept, outbox);
    free(outbox);
    return status;
}

int cmd_remind(int argc, char **argv)
{
    static const struct cli_workflow_command command = {
        "reportpipe remind [options]",
        "The daily reminder run, as an administrator: asks each open "
        "section of its\nwriter, each draft in review of its designated "
        "approvers (the PDF attached),\nand sends the administrators a "
        "digest of what is due, overdue or waiting.\nMessages go to "
        "STATE/outbox/ as .eml files and, with <mail sendmail> in\n"
        "CONFIG/workflow.xml, to that command; nobody gets the same one "
        "twice a day.\n",
        NULL,
        0,
        0,
        NULL,
        NULL,
        act,
    };

    return cli_workflow_main(&command, NULL, argc, argv);
}
