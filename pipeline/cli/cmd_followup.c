/*
 * reportpipe followup done ID | followup list [ACCOUNT] [--all]: closes a
 * follow-up of a meeting, or lists them.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct followup {
    int all;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct followup *f = ctx;

    (void)arg;
    if (c != 'a')
        return "unknown option";
    f->all = 1;
    return NULL;
}

static const char *check(void *ctx, char **operands, int n)
{
    (void)ctx;
    if (strcmp(operands[0], "done") == 0)
        return n == 2 ? NULL : "followup done takes one ID";
    if (strcmp(operands[0], "list") == 0)
        return n <= 2 ? NULL : "followup list takes at most an ACCOUNT";
    return "expected 'done ID' or 'list [ACCOUNT]'";
}

static void print_one(const struct rp_workflow_followup *f)
{
    printf("%-5lld %-12s %-10s %-8s %s (%s)\n", (long long)f->id, f->account,
           f->due,
           f->done_on[0] ? "done"
           : f->overdue  ? "OVERDUE"
                         : "open",
           f->what, f->owner);
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct followup *f = ctx;
    struct rp_workflow_followup_list list;
    struct rp_workflow_followup done;
    enum rp_status status;
    char *end;
    long long id;
    size_t i;

    if (strcmp(operands[0], "list") == 0) {
        status = rp_workflow_followups(w->wf, n > 1 ? operands[1] : NULL,
                                       !f->all, &list, err);
        if (status != RP_OK)
            return status;
        for (i = 0; i < list.n; i++)
            print_one(&list.items[i]);
        if (!list.n)
            printf("no %sfollow-ups\n", f->all ? "" : "open ");
        rp_workflow_followup_list_free(&list);
        return RP_OK;
    }
    id = strtoll(operands[1], &end, 10);
    if (*end || end == operands[1] || id < 1)
        return rp_error_set(err, RP_ERR_INPUT, NULL, 0, NULL,
                            "'%s' is not a follow-up id (a number, as "
                            "`reportpipe followup list` shows)",
                            operands[1]);
    status = rp_workflow_followup_done(w->wf, id, &done, err);
    if (status != RP_OK)
        return status;
    printf("follow-up %lld of %s done on %s: %s\n", id, done.account,
           done.done_on, done.what);
    rp_workflow_followup_release(&done);
    return RP_OK;
}

int cmd_followup(int argc, char **argv)
{
    static const struct option options[] = {
        {"all", no_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe followup done ID | followup list [ACCOUNT] [--all] "
        "[options]",
        "done ID: closes the follow-up (any of the program's people; "
        "audited).\nlist: the open follow-ups (--all: also those done), "
        "with what is overdue.\n",
        options,
        1,
        2,
        option,
        check,
        act,
    };
    struct followup f = {0};

    return cli_workflow_main(&command, &f, argc, argv);
}
