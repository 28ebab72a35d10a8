/*
 * reportpipe audit [ACCOUNT] [--verify]: the audit trail, oldest first, or
 * a check of its hash chain.
 */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

static void print_entry(void *ctx, const struct rp_workflow_audit_entry *e)
{
    time_t at = (time_t)e->at;
    char when[32];
    struct tm tm;

    (void)ctx;
    gmtime_r(&at, &tm);
    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%SZ", &tm);
    printf("%" PRId64 "\t%s\t%s\t%s%s%s\t%s\t%s\t%s\t%s -> %s\t%s\t%s\t%s\n",
           e->seq, when, e->login[0] ? e->login : "-",
           e->person ? e->person : "-", e->on_behalf_of ? " for " : "",
           e->on_behalf_of ? e->on_behalf_of : "", e->action, e->outcome,
           e->account ? e->account : "-", e->from_stage ? e->from_stage : "-",
           e->to_stage ? e->to_stage : "-",
           e->document_sha256 ? e->document_sha256 : "-", e->detail,
           e->via ? e->via : "cli");
}

struct audit {
    int verify;
};

static const char *option(void *ctx, int c, const char *arg)
{
    struct audit *au = ctx;

    (void)arg;
    if (c != 'v')
        return "unknown option";
    au->verify = 1;
    return NULL;
}

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct audit *au = ctx;
    char head[RP_SHA256_HEX_SIZE];
    enum rp_status status;
    int64_t entries = 0;

    if (!au->verify)
        return rp_workflow_audit_each(w->wf, n ? operands[0] : NULL,
                                      print_entry, NULL, err);
    status = rp_workflow_audit_verify(w->wf, &entries, head, err);
    if (status == RP_OK)
        printf("audit trail intact: %" PRId64 " entries, head %s\n", entries,
               head);
    return status;
}

int cmd_audit(int argc, char **argv)
{
    static const struct option options[] = {
        {"verify", no_argument, NULL, 'v'},
        {NULL, 0, NULL, 0},
    };
    static const struct cli_workflow_command command = {
        "reportpipe audit [ACCOUNT] [--verify] [options]",
        "Prints the audit trail (tab-separated: seq, time, login, person, "
        "action,\noutcome, account, stages, document sha256, detail, and "
        "where it came\nfrom: cli, or web and the client's address).\n"
        "  --verify   recompute the hash chain; exit 0 only if no entry was "
        "edited,\n             inserted or deleted\n",
        options,
        0,
        1,
        option,
        NULL,
        act,
    };
    struct audit au = {0};

    return cli_workflow_main(&command, &au, argc, argv);
}
