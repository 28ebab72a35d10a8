/*
 * reportpipe: the command table, global options and exit codes.
 *
 * Exit codes (documented in README.md):
 *   0  success
 *   1  bad input: a file, row or document the user can fix
 *   2  usage: the command line is wrong
 *   3  internal error: our bug, or the system failed us
 *   4  refused: the person may not do this, or not at this stage
 *   5  busy: the workflow store stayed locked by another process
 */
#include "cli.h"

#include <stdarg.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "common/date.h"
#include "common/log.h"
#include "import/import.h"
#include "merge/merge.h"

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"run", cmd_run, "import, merge, transform and render everything"},
    {"import", cmd_import, "read CSV exports into typed records"},
    {"merge", cmd_merge, "join records into one review-data XML"},
    {"transform", cmd_transform, "apply an XSLT template: XML -> XSL-FO"},
    {"render", cmd_render, "lay out XSL-FO and write PDF"},
    {"request", cmd_request, "open an account's review request (Sales)"},
    {"status", cmd_status, "every request: stage, who is next, what is late"},
    {"remind", cmd_remind,
     "the daily reminders: contributions, approvals, digest"},
    {"invite", cmd_invite, "a link for a person to set their web password"},
    {"contribute", cmd_contribute, "hand in a section of a review"},
    {"submit", cmd_submit, "render the draft and send it for approval"},
    {"approve", cmd_approve, "approve the draft in review (sales leaders)"},
    {"reject", cmd_reject, "send the draft in review back with a comment"},
    {"deliver", cmd_deliver, "hand the approved document to print"},
    {"shipped", cmd_shipped, "record the shipment of a delivered review"},
    {"feedback", cmd_feedback, "record the meeting's feedback and follow-ups"},
    {"followup", cmd_followup, "close a follow-up (done ID) or list them"},
    {"audit", cmd_audit, "the audit trail, or --verify its hash chain"},
    {"verify", cmd_verify, "tell whether a PDF is an approved version"},
    {"serve", cmd_serve, "the intranet page: sign-in, reviews by role"},
    {"snapshot", cmd_snapshot, "one account's review data and its hash"},
    {"review", cmd_review, "one account's review from its snapshot"},
};

int cli_exit_code(enum rp_status status)
{
    switch (status) {
    case RP_OK:
        return 0;
    case RP_ERR_INPUT:
        return 1;
    case RP_ERR_USAGE:
        return 2;
    case RP_ERR_INTERNAL:
        return 3;
    case RP_ERR_REFUSED:
        return 4;
    case RP_ERR_BUSY:
        return 5;
    }
    return 3;
}

void cli_report(const struct rp_error *err)
{
    char text[2048];
    rp_error_format(err, text, sizeof(text));
    rp_log_before_line();
    fprintf(stderr, "reportpipe: error: %s\n", text);
}

int cli_usage_error(const char *usage, const char *fmt, ...)
{
    va_list ap;
    fputs("reportpipe: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\n", usage);
    return 2;
}

int cli_wants_help(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return 1;
    }
    return 0;
}

int64_t cli_source_date(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;

    if (epoch && *epoch) {
        v = strtoll(epoch, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
    }
    return (int64_t)time(NULL);
}

int cli_parse_date(const char *text, int64_t *out)
{
    return rp_date_parse_midnight(text, out);
}

void cli_render_heap(void)
{
#ifdef __GLIBC__
    /* A page is laid out, painted and freed, and the next takes as much
     * again: glibc handed the top of the heap back to the kernel after
     * every page and faulted it in anew, and each trim of a threaded
     * process flushes the TLB of every CPU.  That was a tenth of the
     * time of a long book, spent in the kernel.  Kept up to this much,
     * the freed top serves the next page; the peak is what it was. */
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
}

int cli_zone_option(const char *arg, const char *usage)
{
    struct rp_error err;

    rp_error_init(&err);
    if (rp_import_set_zone(arg, &err) != RP_OK)
        return cli_usage_error(usage, "--zone: %s", err.message);
    return 0;
}

int cli_merge_option(struct rp_merge_options *merge, int c, const char *arg,
                     const char *usage)
{
    int64_t *day;

    switch (c) {
    case CLI_OPT_CONFIG:
        merge->config_dir = arg;
        return 0;
    case CLI_OPT_PERIOD_START:
    case CLI_OPT_PERIOD_END:
        day = c == CLI_OPT_PERIOD_START ? &merge->period_start
                                        : &merge->period_end;
        if (!cli_parse_date(arg, day))
            return cli_usage_error(usage,
                                   "--period-%s '%s' is not a date "
                                   "YYYY-MM-DD",
                                   c == CLI_OPT_PERIOD_START ? "start" : "end",
                                   arg);
        if (c == CLI_OPT_PERIOD_END)
            *day += 86400; /* inclusive day -> exclusive bound */
        return 0;
    case CLI_OPT_ZONE:
        return cli_zone_option(arg, usage);
    case 'q':
        rp_log_set_level(RP_LOG_QUIET);
        return 0;
    }
    return -1;
}

int cli_batch_option(struct rp_batch_options *o, int c, const char *arg,
                     const char *usage)
{
    switch (c) {
    case CLI_OPT_INPUT:
        o->input = arg;
        return 0;
    case CLI_OPT_OUTPUT:
        o->output = arg;
        return 0;
    case CLI_OPT_TEMPLATES:
        o->templates = arg;
        return 0;
    case CLI_OPT_LANG:
        o->lang = arg;
        return 0;
    }
    return cli_merge_option(&o->merge, c, arg, usage);
}

int cli_period_check(const struct rp_merge_options *merge, const char *usage)
{
    if ((merge->period_start == RP_TIME_NONE) !=
        (merge->period_end == RP_TIME_NONE))
        return cli_usage_error(usage, "give both --period-start and "
                                      "--period-end, or neither");
    return 0;
}

static void print_help(FILE *out)
{
    size_t i;
    fprintf(out, "usage: reportpipe [--version] [--help] <command> [<args>]\n"
                 "\n"
                 "Turns CRM and ticketing CSV exports into Annual Customer "
                 "Review and\nProgram Status Report PDFs.\n\ncommands:\n");
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'reportpipe <command> --help' describes a command.\n"
                 "Exit codes: 0 ok, 1 bad input, 2 usage, 3 internal "
                 "error.\n");
}

int main(int argc, char **argv)
{
    size_t i;
    int rc;

    if (argc < 2) {
        print_help(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        print_help(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("reportpipe %s\n", RP_VERSION);
        return 0;
    }
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            rc = commands[i].fn(argc - 1, argv + 1);
            xmlCleanupParser();
            return rc;
        }
    }
    fprintf(stderr,
            "reportpipe: '%s' is not a command; see 'reportpipe "
            "--help'\n",
            argv[1]);
    return 2;
}
