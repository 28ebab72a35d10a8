/*
 * reportpipe request ACCOUNT --meeting DATE [--due DATE]: Sales asks for an
 * account's Annual Customer Review (workflow stage).
 */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>

struct request {
    int64_t meeting, due;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct request *r = ctx;

    if (c == 'm')
        return cli_parse_date(arg, &r->meeting)
                   ? NULL
                   : "--meeting is not a date YYYY-MM-DD";
    if (c == 'd')
        return cli_parse_date(arg, &r->due) ? NULL
                                            : "--due is not a date YYYY-MM-DD";
    return "unknown option";
}

static const char *check(void *ctx, char **operands, int n)
{
    const struct request *r = ctx;

    (void)operands;
    (void)n;
    return r->meeting == INT64_MIN ? "when is the meeting? (--meeting "
                                     "YYYY-MM-DD)"
                                   : NULL;
}

/* Who is asked for which section, by when. */
static enum rp_status print_tasks(struct cli_workflow *w, const char *account,
                                  struct rp_error *err)
{
    struct rp_workflow_task_list tasks;
    enum rp_status status = rp_workflow_tasks(w->wf, account, &tasks, err);
    size_t i;

    for (i = 0; status == RP_OK && i < tasks.n; i++)
        printf("  %s: %s%s%s%s, due %s\n", tasks.items[i].section,
               tasks.items[i].person_name, tasks.items[i].person ? " (" : "",
               tasks.items[i].person ? tasks.items[i].person : "",
               tasks.items[i].person ? ")" : "", tasks.items[i].due);
    rp_workflow_task_list_free(&tasks);
    return status;
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct request *r = ctx;
    struct rp_workflow_result res;
    enum rp_status status;

    (void)n;
    status = rp_workflow_request(w->wf, &w->source.renderer, operands[0],
                                 r->meeting, r->due, &res, err);
    if (status == RP_OK)
        printf("%s: review %d requested, due %s\n", operands[0], res.version,
               res.due);
    if (status == RP_OK)
        status = print_tasks(w, operands[0], err);
    return status;
}

int cmd_request(int argc, char **argv)
{
    static const struct option options[] = {
        {"meeting", required_argument, NULL, 'm'},
        {"due", required_argument, NULL, 'd'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe request ACCOUNT --meeting DATE [--due DATE] [options]",
        "Opens the review request of an account for the year of its "
        "meeting.\n"
        "  --meeting DATE   the customer meeting (YYYY-MM-DD)\n"
        "  --due DATE       when the document must be delivered (default: "
        "the\n                   lead time of CONFIG/workflow.xml before the "
        "meeting)\n",
        options,
        1,
        1,
        option,
        check,
        act,
    };
    struct request r = {INT64_MIN, INT64_MIN};

    return cli_workflow_main(&command, &r, argc, argv);
}
