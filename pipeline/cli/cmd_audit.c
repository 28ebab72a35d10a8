/*
 * reportpipe audit [ACCOUNT] [--verify]: the audit trail, oldest first, or
 * a check of its hash chain.
 */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

static const char usage[] = "reportpipe audit [ACCOUNT] [--verify] [options]";

static void print_entry(void *ctx, const struct rp_workflow_audit_entry *e)
{
    time_t at = (time_t)e->at;
    char when[32];
    struct tm tm;

    (void)ctx;
    gmtime_r(&at, &tm);
    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%SZ", &tm);
    printf("%" PRId64 "\t%s\t%s\t%s%s%s%s\t%s\t%s\t%s\t%s -> %s\t%s\t%s\n",
           e->seq, when, e->login, e->person ? e->person : "-",
           e->on_behalf_of ? " for " : "",
           e->on_behalf_of ? e->on_behalf_of : "", "", e->action, e->outcome,
           e->account ? e->account : "-", e->from_stage ? e->from_stage : "-",
           e->to_stage ? e->to_stage : "-",
           e->document_sha256 ? e->document_sha256 : "-", e->detail);
}

int cmd_audit(int argc, char **argv)
{
    static const struct option options[] = {
        {"verify", no_argument, NULL, 'v'},
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *account = NULL;
    char head[RP_SHA256_HEX_SIZE];
    int64_t n = 0;
    int c, verify = 0;

    if (cli_wants_help(argc, argv)) {
        printf("usage: %s\n\nPrints the audit trail (tab-separated: seq, "
               "time, login, person, action,\noutcome, account, stages, "
               "document sha256, detail).\n  --verify   recompute the hash "
               "chain; exit 0 only if no entry was edited,\n             "
               "inserted or deleted\n",
               usage);
        cli_workflow_help(stdout);
        return 0;
    }
    cli_workflow_init(&w);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        if (cli_workflow_option(&w, c, optarg))
            continue;
        if (c != 'v')
            return cli_usage_error(usage, "unknown option");
        verify = 1;
    }
    if (optind < argc)
        account = argv[optind++];
    if (optind != argc)
        return cli_usage_error(usage, "audit takes at most one account");
    rp_error_init(&err);
    status = cli_workflow_open(&w, &err);
    if (status == RP_OK && verify) {
        status = rp_workflow_audit_verify(w.wf, &n, head, &err);
        if (status == RP_OK)
            printf("audit trail intact: %" PRId64 " entries, head %s\n", n,
                   head);
    } else if (status == RP_OK) {
        status = rp_workflow_audit_each(w.wf, account, print_entry, NULL, &err);
    }
    return cli_workflow_finish(&w, status, &err);
}
