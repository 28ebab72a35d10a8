/*
 * reportpipe verify FILE.pdf: is this PDF an approved version, by whom and
 * when?  Exit 0 only if it is.
 */
#include "cli.h"

#include <stdio.h>

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    struct rp_workflow_verdict v;
    const char *file = operands[0];
    enum rp_status status;

    (void)ctx;
    (void)n;
    status = rp_workflow_verify_file(w->wf, file, &v, err);
    if (status != RP_OK)
        return status;
    if (v.approved) {
        printf("%s: APPROVED version v%d of the %d review of %s\n"
               "  approved by %s on %s%s%s\n  fingerprint %s, sha256 %s%s\n",
               file, v.version, v.year, v.account, v.approver, v.approved_on,
               v.recorded_by[0] ? ", recorded by " : "", v.recorded_by,
               v.fingerprint, v.sha256, v.delivered ? ", delivered" : "");
        return RP_OK;
    }
    if (v.draft)
        return rp_error_set(err, RP_ERR_INPUT, file, 0, NULL,
                            "NOT APPROVED: this is draft v%d of the %d review "
                            "of %s (sha256 %s)",
                            v.version, v.year, v.account, v.sha256);
    return rp_error_set(err, RP_ERR_INPUT, file, 0, NULL,
                        "NOT APPROVED: no version this store issued has its "
                        "SHA-256 %s (changed, or never approved)",
                        v.sha256);
}

int cmd_verify(int argc, char **argv)
{
    static const struct cli_workflow_command command = {
        "reportpipe verify FILE.pdf [options]",
        "Looks the PDF's SHA-256 up in the store: exit 0 when it is an "
        "approved\nversion, 1 when it is a draft or unknown.\n",
        NULL,
        1,
        1,
        NULL,
        NULL,
        act,
    };

    return cli_workflow_main(&command, NULL, argc, argv);
}
