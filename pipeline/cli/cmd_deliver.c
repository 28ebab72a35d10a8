/*
 * reportpipe deliver ACCOUNT [FILE] [--copies N]: the administrator hands
 * the approved document to print; a file whose bytes differ from the
 * approved ones is refused.  The print job (the PDF and the day's
 * manifests) goes to OUTPUT/print/<date>/.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

struct deliver {
    int copies;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct deliver *d = ctx;
    char *end;
    long n;

    if (c != 'c')
        return "unknown option";
    n = strtol(arg, &end, 10);
    if (*end || end == arg || n < 1 || n > 1000)
        return "--copies takes a number from 1 to 1000";
    d->copies = (int)n;
    return NULL;
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct deliver *d = ctx;
    struct rp_workflow_result res;
    enum rp_status status;

    status = rp_workflow_deliver_print(w->wf, &w->source.renderer, operands[0],
                                       n > 1 ? operands[1] : NULL, d->copies,
                                       &res, err);
    if (status == RP_OK)
        printf("%s: %s -> %s: v%d to print: %s\n  sha256 %s\n", operands[0],
               rp_workflow_stage_name(res.from), rp_workflow_stage_name(res.to),
               res.version, res.path, res.sha256);
    return status;
}

int cmd_deliver(int argc, char **argv)
{
    static const struct option options[] = {
        {"copies", required_argument, NULL, 'c'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe deliver ACCOUNT [FILE.pdf] [--copies N] [options]",
        "Marks the account's approved review delivered and sends it to "
        "print.  FILE is\nthe PDF going to print (default: the approved "
        "file); it must be byte for byte\nthe approved one.  The print job "
        "goes to OUTPUT/print/<date>/: the PDF and\nmanifest.json and "
        "manifest.csv listing every job of the day (ship-to address\nfrom "
        "the CRM's billing address, copies, meeting, print deadline).\n"
        "  --copies N   copies to print (default: print-copies of "
        "workflow.xml, 1)\n",
        options,
        1,
        2,
        option,
        NULL,
        act,
    };
    struct deliver d = {0};

    return cli_workflow_main(&command, &d, argc, argv);
}
