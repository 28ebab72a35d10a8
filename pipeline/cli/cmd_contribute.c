/*
 * reportpipe contribute ACCOUNT --section NAME FILE: a contributor hands in
 * a section of the review (UTF-8 text; a blank line between paragraphs).
 * The store keeps it with its author and time; the next draft uses it.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/file.h"

struct contribution {
    const char *section;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct contribution *co = ctx;

    if (c != 's')
        return "unknown option";
    co->section = arg;
    return NULL;
}

static const char *check(void *ctx, char **operands, int n)
{
    const struct contribution *co = ctx;

    (void)operands;
    (void)n;
    return co->section ? NULL : "which section? (--section NAME)";
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct contribution *co = ctx;
    struct rp_workflow_result res;
    enum rp_status status;
    char *text = NULL;
    size_t len = 0;

    (void)n;
    status = rp_file_read_all(operands[1], RP_WORKFLOW_MAX_CONTRIBUTION, &text,
                              &len, err);
    if (status == RP_OK)
        status = rp_workflow_contribute(w->wf, operands[0], co->section, text,
                                        len, operands[1], &res, err);
    free(text);
    if (status == RP_OK)
        printf("%s: %s stored (%s -> %s)\n", operands[0], co->section,
               rp_workflow_stage_name(res.from),
               rp_workflow_stage_name(res.to));
    return status;
}

int cmd_contribute(int argc, char **argv)
{
    static const struct option options[] = {
        {"section", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe contribute ACCOUNT --section NAME FILE [options]",
        "Stores a section of the account's review, written by you.\n"
        "  --section NAME   executive-summary, plan-next-year, "
        "meeting-feedback or\n"
        "                   support-commentary\n",
        options,
        2,
        2,
        option,
        check,
        act,
    };
    struct contribution co = {NULL};

    return cli_workflow_main(&command, &co, argc, argv);
}
