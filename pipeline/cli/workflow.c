/*
 * What the workflow commands share: their common options (where the
 * store, the configuration, the exports, the templates and the documents
 * are), who is acting (the OS login of the process, never an option), and
 * the opening of the store with the batch stage as its renderer.
 */
#include "cli.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/mem.h"

void cli_workflow_init(struct cli_workflow *w)
{
    memset(w, 0, sizeof(*w));
    rp_batch_options_init(&w->batch);
    w->state_dir = "state";
    w->config_dir = "config";
    w->batch.merge.config_dir = w->config_dir;
    /* A workflow command answers in one line; the import's per-file
     * summaries belong to run.  Warnings still show. */
    rp_log_set_level(RP_LOG_QUIET);
    /* The store, drafts and approved documents are shared by the
     * program's people: files are made for the group of the state and
     * output folders (docs/workflow.md), never for everyone. */
    umask(007);
}

int cli_workflow_option(struct cli_workflow *w, int c, const char *arg)
{
    switch (c) {
    case CLI_OPT_STATE:
        w->state_dir = arg;
        return 1;
    case CLI_OPT_CONFIG:
        w->config_dir = arg;
        w->batch.merge.config_dir = arg;
        return 1;
    case CLI_OPT_INPUT:
        w->batch.input = arg;
        return 1;
    case CLI_OPT_OUTPUT:
        w->batch.output = arg;
        return 1;
    case CLI_OPT_TEMPLATES:
        w->batch.templates = arg;
        return 1;
    case 'q':
        rp_log_set_level(RP_LOG_QUIET);
        return 1;
    }
    return 0;
}

/* The login of the real user running the process: what the OS vouches
 * for, not $USER or $LOGNAME, which anyone can set. */
static char *os_login(void)
{
    struct passwd *pw = getpwuid(getuid());
    char buf[32];

    if (pw && pw->pw_name)
        return rp_xstrdup(pw->pw_name);
    snprintf(buf, sizeof(buf), "uid:%ld", (long)getuid());
    return rp_xstrdup(buf);
}

enum rp_status cli_workflow_open(struct cli_workflow *w, struct rp_error *err)
{
    static const char *const *sections;
    struct rp_workflow_options o;
    enum rp_status status;
    size_t n;

    sections = rp_merge_contribution_kinds(&n);
    w->login = os_login();
    w->db_path = rp_xmalloc(strlen(w->state_dir) + 32);
    sprintf(w->db_path, "%s/reportpipe.db", w->state_dir);
    w->people_path = rp_xmalloc(strlen(w->config_dir) + 32);
    sprintf(w->people_path, "%s/people.csv", w->config_dir);
    memset(&o, 0, sizeof(o));
    o.db_path = w->db_path;
    o.people_path = w->people_path;
    o.output_dir = w->batch.output;
    o.login = w->login;
    o.now = cli_source_date();
    o.sections = sections;
    o.approval_wait_days = 0; /* the default */
    status = rp_workflow_open(&o, &w->wf, err);
    if (status != RP_OK)
        return status;
    w->batch.created = o.now;
    w->batch.merge.generated = o.now;
    return rp_batch_workflow_init(&w->source, &w->batch, w->wf, err);
}

void cli_workflow_release(struct cli_workflow *w)
{
    rp_batch_workflow_release(&w->source);
    rp_workflow_free(w->wf);
    free(w->login);
    free(w->db_path);
    free(w->people_path);
    memset(w, 0, sizeof(*w));
}

void cli_workflow_help(FILE *out)
{
    fprintf(out,
            "\n"
            "Who acts is the OS login running the command, as config/"
            "people.csv maps it.\n"
            "  --state DIR       the workflow store, DIR/reportpipe.db "
            "(default: state)\n"
            "  --config DIR      people.csv and the merge's configuration "
            "(default: config)\n"
            "  --input DIR       the exports a draft is made from (default: "
            "input)\n"
            "  --output DIR      drafts/ and approved/ go here (default: "
            "output)\n"
            "  --templates DIR   the review template (default: templates)\n"
            "  -q, --quiet       only warnings and errors\n"
            "Exit codes: 0 done, 1 bad input, 2 usage, 3 internal error, "
            "4 refused, 5 store busy.\n");
}

int cli_parse_account(const char *usage, int argc, char **argv,
                      const char **account)
{
    if (optind >= argc)
        return cli_usage_error(usage, "which account? (an account id, e.g. "
                                      "ACC-1001)");
    *account = argv[optind++];
    return 0;
}

int cli_workflow_finish(struct cli_workflow *w, enum rp_status status,
                        const struct rp_error *err)
{
    if (status != RP_OK)
        cli_report(err);
    cli_workflow_release(w);
    return cli_exit_code(status);
}
