/*
 * reportpipe serve [--listen ADDR:PORT]: the intranet page (web/web.h).
 * Parses the arguments, prints the URL it listens on and serves until
 * SIGTERM or SIGINT.
 */
#include "cli.h"

#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "web/web.h"

enum { OPT_LISTEN = 2000, OPT_SECURE_COOKIES };

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static int should_stop(void *ctx)
{
    (void)ctx;
    return stop_requested != 0;
}

/* --today: the clock starts at that day's midnight and runs on, so that
 * sessions and sign-in lock-outs still end (a clock that stood still
 * would keep them forever). */
struct shifted_clock {
    int64_t day;
    time_t started;
};

static int64_t shifted_clock(void *ctx)
{
    const struct shifted_clock *c = ctx;

    return c->day + (int64_t)(time(NULL) - c->started);
}

static void on_listening(void *ctx, const char *url)
{
    (void)ctx;
    printf("listening on %s\n", url);
    fflush(stdout);
}

static const char usage[] =
    "reportpipe serve [--listen ADDR:PORT] [--secure-cookies] [--state DIR] "
    "[--config DIR]\n  [--input DIR] [--output DIR] [--templates DIR] "
    "[--today DATE] [-q]";

static void help(void)
{
    printf("usage: %s\n\n"
           "Serves the intranet page: sign-in, each person's reviews by "
           "role, the PDFs\nthey may see.  Runs until SIGTERM or SIGINT.\n"
           "  --listen ADDR:PORT  where to listen (default: "
           "127.0.0.1:8080; [::1]:8080 for\n"
           "                      IPv6; port 0: a free port, printed)\n"
           "  --secure-cookies    mark the session cookie Secure (behind a "
           "TLS proxy that\n                      does not send "
           "X-Forwarded-Proto)\n"
           "  --state, --config, --input, --output, --templates, --today: as "
           "for the\n  workflow commands (reportpipe status --help).\n"
           "TLS belongs to a reverse proxy: docs/operations.md.\n",
           usage);
}

int cmd_serve(int argc, char **argv)
{
    static struct shifted_clock clock_from;
    static const struct option options[] = {
        CLI_WORKFLOW_LONG_OPTIONS,
        {"listen", required_argument, NULL, OPT_LISTEN},
        {"secure-cookies", no_argument, NULL, OPT_SECURE_COOKIES},
        {NULL, 0, NULL, 0},
    };
    struct rp_batch_options batch;
    struct rp_web_options o;
    struct sigaction sa;
    struct rp_error err;
    enum rp_status status;
    int64_t today = 0;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_batch_options_init(&batch);
    memset(&o, 0, sizeof(o));
    o.listen = "127.0.0.1:8080";
    o.state_dir = "state";
    rp_log_set_level(RP_LOG_QUIET);
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        switch (c) {
        case OPT_LISTEN:
            o.listen = optarg;
            continue;
        case OPT_SECURE_COOKIES:
            o.secure_cookies = 1;
            continue;
        case CLI_OPT_STATE:
            o.state_dir = optarg;
            continue;
        case CLI_OPT_TODAY:
            if (!cli_parse_date(optarg, &today))
                return cli_usage_error(usage, "--today is not a date "
                                              "YYYY-MM-DD");
            continue;
        }
        rc = cli_batch_option(&batch, c, optarg, usage);
        if (rc > 0)
            return rc;
        if (rc < 0)
            return cli_usage_error(usage, "unknown option");
    }
    if (optind < argc)
        return cli_usage_error(usage, "too many operands");
    if ((rc = cli_period_check(&batch.merge, usage)) != 0)
        return rc;
    o.batch = &batch;
    o.stop = should_stop;
    o.on_listening = on_listening;
    if (today) {
        clock_from.day = today;
        clock_from.started = time(NULL);
        o.clock = shifted_clock;
        o.clock_ctx = &clock_from;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* As the workflow commands: files for the group, never everyone. */
    umask(007);
    rp_error_init(&err);
    status = rp_web_serve(&o, &err);
    if (status != RP_OK)
        cli_report(&err);
    return cli_exit_code(status);
}
