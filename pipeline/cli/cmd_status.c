/*
 * reportpipe status [ACCOUNT] [--json]: every review request, its stage,
 * whom it waits on and what is late.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/json.h"

/* The tasks of one request, as a JSON array. */
static void print_json_tasks(const struct rp_workflow_request_info *q,
                             const struct rp_workflow_task_list *tasks)
{
    size_t i, n = 0;

    printf(", \"tasks\": [");
    for (i = 0; i < tasks->n; i++) {
        const struct rp_workflow_task *t = &tasks->items[i];
        if (t->year != q->year || strcmp(t->account, q->account) != 0)
            continue;
        printf("%s{\"section\": ", n++ ? ", " : "");
        rp_json_string(stdout, t->section);
        printf(", \"person\": ");
        if (t->person)
            rp_json_string(stdout, t->person);
        else
            printf("null");
        printf(", \"name\": ");
        rp_json_string(stdout, t->person_name);
        printf(", \"due\": ");
        rp_json_string(stdout, t->due);
        printf(", \"done\": ");
        if (t->done[0])
            rp_json_string(stdout, t->done);
        else
            printf("null");
        printf(", \"missing\": %s, \"overdue\": %s, \"late\": %s}",
               t->done[0] ? "false" : "true", t->overdue ? "true" : "false",
               t->late ? "true" : "false");
    }
    printf("]");
}

static void print_json(const struct rp_workflow_request_list *list,
                       const struct rp_workflow_task_list *tasks)
{
    size_t i;

    printf("[");
    for (i = 0; i < list->n; i++) {
        const struct rp_workflow_request_info *q = &list->items[i];
        printf("%s\n  {\"account\": ", i ? "," : "");
        rp_json_string(stdout, q->account);
        printf(", \"name\": ");
        rp_json_string(stdout, q->account_name);
        printf(", \"year\": %d, \"stage\": ", q->year);
        rp_json_string(stdout, rp_workflow_stage_name(q->stage));
        printf(", \"stage_since\": %lld, \"meeting\": ",
               (long long)q->stage_since);
        rp_json_string(stdout, q->meeting);
        printf(", \"due\": ");
        rp_json_string(stdout, q->due);
        printf(", \"requested_by\": ");
        rp_json_string(stdout, q->requested_by);
        printf(", \"waits_on\": ");
        rp_json_string(stdout, q->waits_on);
        printf(", \"overdue\": %s, \"approval_waiting_days\": %d, "
               "\"drafts\": %d, \"draft_sha256\": ",
               q->overdue ? "true" : "false", q->approval_waiting_days,
               q->drafts);
        rp_json_string(stdout, q->draft_sha256);
        printf(", \"final_sha256\": ");
        rp_json_string(stdout, q->final_sha256);
        printf(", \"final_path\": ");
        if (q->final_path)
            rp_json_string(stdout, q->final_path);
        else
            printf("null");
        printf(", \"print_deadline\": ");
        rp_json_string(stdout, q->print_deadline);
        printf(", \"printed\": %s, \"shipped\": ",
               q->printed ? "true" : "false");
        if (q->shipped[0])
            rp_json_string(stdout, q->shipped);
        else
            printf("null");
        printf(", \"tracking\": ");
        if (q->tracking)
            rp_json_string(stdout, q->tracking);
        else
            printf("null");
        printf(", \"at_risk\": %s, \"contributions_missing\": %d",
               q->at_risk ? "true" : "false", q->contributions_missing);
        print_json_tasks(q, tasks);
        printf("}");
    }
    printf("%s]\n", list->n ? "\n" : "");
}

static void print_table(const struct rp_workflow_request_list *list)
{
    size_t i, overdue = 0, waiting = 0, at_risk = 0;

    if (!list->n) {
        printf("no review requests\n");
        return;
    }
    printf("%-12s %-4s %-17s %-10s %-10s %s\n", "ACCOUNT", "YEAR", "STAGE",
           "SINCE", "DUE", "WAITS ON");
    for (i = 0; i < list->n; i++) {
        const struct rp_workflow_request_info *q = &list->items[i];
        printf("%-12s %-4d %-17s %-10s %-10s %s", q->account, q->year,
               rp_workflow_stage_name(q->stage), q->since, q->due, q->waits_on);
        if (q->overdue)
            printf("  OVERDUE");
        if (q->approval_waiting_days)
            printf("  approval waiting %d days", q->approval_waiting_days);
        if (q->at_risk)
            printf("  AT RISK: print deadline %s, not shipped",
                   q->print_deadline);
        if (q->shipped[0])
            printf("  shipped %s (%s)", q->shipped,
                   q->tracking ? q->tracking : "");
        printf("\n");
        overdue += q->overdue != 0;
        waiting += q->approval_waiting_days != 0;
        at_risk += q->at_risk != 0;
    }
    printf("%zu request%s, %zu overdue, %zu approval%s waiting too long, "
           "%zu deliver%s at risk\n",
           list->n, list->n == 1 ? "" : "s", overdue, waiting,
           waiting == 1 ? "" : "s", at_risk, at_risk == 1 ? "y" : "ies");
}

/* Pads a UTF-8 text to width characters (names are not ASCII). */
static void print_padded(const char *text, int width)
{
    long n = g_utf8_strlen(text, -1);

    printf("%s", text);
    while (n++ < width)
        putchar(' ');
}

/* The sections asked of people: who, by when, and what is missing. */
static void print_tasks(const struct rp_workflow_task_list *tasks)
{
    size_t i, missing = 0, overdue = 0;

    if (!tasks->n)
        return;
    printf("\n%-12s %-4s %-18s %-24s %-10s %s\n", "ACCOUNT", "YEAR", "SECTION",
           "WRITER", "DUE", "STATE");
    for (i = 0; i < tasks->n; i++) {
        const struct rp_workflow_task *t = &tasks->items[i];
        printf("%-12s %-4d %-18s ", t->account, t->year, t->section);
        print_padded(t->person_name, 24);
        printf(" %-10s ", t->due);
        if (t->done[0])
            printf("done %s%s\n", t->done, t->late ? " (late)" : "");
        else
            printf("MISSING%s\n", t->overdue ? ", OVERDUE" : "");
        missing += !t->done[0];
        overdue += t->overdue != 0;
    }
    printf("%zu sections asked, %zu missing, %zu overdue\n", tasks->n, missing,
           overdue);
}

struct status {
    int json;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct status *st = ctx;

    (void)arg;
    if (c != 'j')
        return "unknown option";
    st->json = 1;
    return NULL;
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct status *st = ctx;
    struct rp_workflow_request_list list;
    struct rp_workflow_task_list tasks;
    enum rp_status status;

    status = rp_workflow_status(w->wf, n ? operands[0] : NULL, &list, err);
    if (status != RP_OK)
        return status;
    status = rp_workflow_tasks(w->wf, n ? operands[0] : NULL, &tasks, err);
    if (status != RP_OK) {
        rp_workflow_request_list_free(&list);
        return status;
    }
    if (st->json) {
        print_json(&list, &tasks);
    } else {
        print_table(&list);
        print_tasks(&tasks);
    }
    rp_workflow_task_list_free(&tasks);
    rp_workflow_request_list_free(&list);
    return RP_OK;
}

int cmd_status(int argc, char **argv)
{
    static const struct option options[] = {
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe status [ACCOUNT] [--json] [options]",
        "Lists the review requests (or the account's): stage, since when, "
        "due date,\nwho must act next, what is overdue and which deliveries "
        "are at risk "
        "or\nshipped; then the "
        "sections asked of people:\nwhose they are, when due, which are "
        "missing or overdue.\n"
        "  --json   one JSON array, for scripts\n",
        options,
        0,
        1,
        option,
        NULL,
        act,
    };
    struct status st = {0};

    return cli_workflow_main(&command, &st, argc, argv);
}
