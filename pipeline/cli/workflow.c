/*
 * What the workflow commands share: one driver that parses a command's
 * options and the common ones (where the store, the configuration, the
 * exports, the templates and the documents are), opens the store as the
 * OS login of the process (never an option), and hands the batch stage to
 * it as its renderer; and the options of a decision (approve, reject).
 */
#include "cli.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/mem.h"

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

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* The store under state_dir with the people and settings of the batch's
 * configuration, as the OS login of the process. */
static enum rp_status open_workflow(const char *state_dir,
                                    const struct rp_batch_options *batch,
                                    struct cli_workflow *w,
                                    struct rp_error *err)
{
    struct rp_workflow_options o;
    size_t n;

    memset(&o, 0, sizeof(o));
    w->login = os_login();
    w->db_path = path_in(state_dir, "reportpipe.db");
    w->people_path = path_in(batch->merge.config_dir, "people.csv");
    o.db_path = w->db_path;
    o.people_path = w->people_path;
    o.config_dir = batch->merge.config_dir;
    o.output_dir = batch->output;
    o.login = w->login;
    if (!w->now)
        w->now = cli_source_date();
    o.now = w->now;
    o.sections = rp_merge_contribution_kinds(&n);
    return rp_workflow_open(&o, &w->wf, err);
}

static enum rp_status open_store(struct cli_workflow *w, struct rp_error *err)
{
    enum rp_status status = open_workflow(w->state_dir, &w->batch, w, err);

    if (status != RP_OK)
        return status;
    w->batch.created = w->now;
    w->batch.merge.generated = w->batch.created;
    return rp_batch_workflow_init(&w->source, &w->batch, w->wf, err);
}

static void release(struct cli_workflow *w)
{
    rp_batch_workflow_release(&w->source);
    rp_workflow_free(w->wf);
    free(w->login);
    free(w->db_path);
    free(w->people_path);
}

int cli_run_workflow(const char *state_dir, struct rp_batch_options *o,
                     struct cli_workflow *w)
{
    struct rp_error err;
    char *db = path_in(state_dir, "reportpipe.db"), why[2048];
    int exists = access(db, F_OK) == 0;

    free(db);
    memset(w, 0, sizeof(*w));
    if (!exists)
        return 0;
    rp_error_init(&err);
    if (open_workflow(state_dir, o, w, &err) != RP_OK) {
        rp_error_format(&err, why, sizeof(why));
        rp_log_warn("the run goes on without the review workflow: %s", why);
        return 0;
    }
    o->workflow = w->wf;
    return 1;
}

void cli_workflow_release(struct cli_workflow *w)
{
    release(w);
}

static void help(const struct cli_workflow_command *cmd)
{
    printf("usage: %s\n\n%s\n"
           "Who acts is the OS login running the command, as "
           "CONFIG/people.csv maps it.\n"
           "  --state DIR       the workflow store, DIR/reportpipe.db "
           "(default: state)\n"
           "  --config DIR      people.csv, workflow.xml, limits.xml and "
           "the merge's\n                    configuration\n"
           "                    (default: config)\n"
           "  --input DIR       the exports a draft is made from (default: "
           "input)\n"
           "  --output DIR      drafts/ and approved/ go here (default: "
           "output)\n"
           "  --templates DIR   the review template (default: templates)\n"
           "  --period-start DATE, --period-end DATE   as for run\n"
           "  --today DATE      the workflow's clock reads DATE 00:00 UTC "
           "(default:\n                    SOURCE_DATE_EPOCH, else now)\n"
           "  -q, --quiet       only warnings and errors\n"
           "Exit codes: 0 done, 1 bad input, 2 usage, 3 internal error, "
           "4 refused, 5 store busy.\n",
           cmd->usage, cmd->help);
}

/* The command's options, then the common ones: one table for getopt. */
static struct option *all_options(const struct cli_workflow_command *cmd)
{
    static const struct option common[] = {
        CLI_WORKFLOW_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    size_t n = 0, m = sizeof(common) / sizeof(common[0]);
    struct option *all;

    while (cmd->options && cmd->options[n].name)
        n++;
    all = rp_xcalloc(n + m, sizeof(*all));
    if (n)
        memcpy(all, cmd->options, n * sizeof(*all));
    memcpy(all + n, common, m * sizeof(*all));
    return all;
}

int cli_workflow_main(const struct cli_workflow_command *cmd, void *ctx,
                      int argc, char **argv)
{
    struct option *options;
    struct cli_workflow w;
    struct rp_error err;
    enum rp_status status;
    const char *problem = NULL;
    int c, rc = 0, n;

    if (cli_wants_help(argc, argv)) {
        help(cmd);
        return 0;
    }
    memset(&w, 0, sizeof(w));
    rp_batch_options_init(&w.batch);
    w.state_dir = "state";
    /* A workflow command answers in a line or two; the import's per-file
     * summaries belong to run.  Warnings still show. */
    rp_log_set_level(RP_LOG_QUIET);
    options = all_options(cmd);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        if (c == CLI_OPT_STATE) {
            w.state_dir = optarg;
            continue;
        }
        if (c == CLI_OPT_TODAY) {
            if (!cli_parse_date(optarg, &w.now))
                problem = "--today is not a date YYYY-MM-DD";
            if (problem)
                break;
            continue;
        }
        rc = cli_batch_option(&w.batch, c, optarg, cmd->usage);
        if (rc > 0)
            break;
        if (rc == 0)
            continue;
        rc = 0;
        problem = c != '?' && cmd->option ? cmd->option(ctx, c, optarg)
                                          : "unknown option";
        if (problem)
            break;
    }
    free(options);
    if (rc || problem)
        return problem ? cli_usage_error(cmd->usage, "%s", problem) : rc;
    n = argc - optind;
    if (n < cmd->min_operands || n > cmd->max_operands)
        return cli_usage_error(cmd->usage, "%s",
                               n < cmd->min_operands ? "an operand is missing"
                                                     : "too many operands");
    if (cmd->check && (problem = cmd->check(ctx, argv + optind, n)))
        return cli_usage_error(cmd->usage, "%s", problem);
    if ((rc = cli_period_check(&w.batch.merge, cmd->usage)) != 0)
        return rc;
    /* The store, drafts and approved documents are shared by the
     * program's people: files are made for the group of the state and
     * output folders (docs/workflow.md), never for everyone. */
    umask(007);
    rp_error_init(&err);
    status = open_store(&w, &err);
    if (status == RP_OK)
        status = cmd->act(&w, ctx, argv + optind, n, &err);
    if (status != RP_OK)
        cli_report(&err);
    release(&w);
    return cli_exit_code(status);
}

const char *cli_decision_option(void *ctx, int c, const char *arg)
{
    struct cli_decision *d = ctx;

    switch (c) {
    case 'm':
        d->comment = arg;
        return NULL;
    case 'b':
        d->behalf.person = arg;
        return NULL;
    case 'e':
        d->behalf.evidence_path = arg;
        return NULL;
    }
    return "unknown option";
}

const char *cli_decision_check(void *ctx, char **operands, int n)
{
    const struct cli_decision *d = ctx;

    (void)operands;
    (void)n;
    if (d->behalf.evidence_path && !d->behalf.person)
        return "--evidence goes with --on-behalf-of";
    return NULL;
}
