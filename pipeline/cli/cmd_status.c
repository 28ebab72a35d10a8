/*
 * reportpipe status [ACCOUNT] [--json]: every review request, its stage,
 * whom it waits on and what is late.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "common/json.h"

static void print_json(const struct rp_workflow_request_list *list)
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
    printf("%zu requests, %zu overdue, %zu approvals waiting too long, %zu "
           "deliveries at risk\n",
           list->n, overdue, waiting, at_risk);
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
    enum rp_status status;

    status = rp_workflow_status(w->wf, n ? operands[0] : NULL, &list, err);
    if (status != RP_OK)
        return status;
    if (st->json)
        print_json(&list);
    else
        print_table(&list);
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
        "due date,\nwho must act next, and what is overdue.\n"
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
