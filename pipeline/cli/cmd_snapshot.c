/*
 * reportpipe snapshot: one account's review-data snapshot, as the
 * workflow's submit records it (pipeline/batch/batch.h), and its data
 * hash on stdout.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "batch/batch.h"
#include "common/file.h"
#include "common/log.h"

static const char usage[] =
    "reportpipe snapshot [--input DIR] [--output DIR] [--templates DIR] "
    "[--config DIR] [--period-start DATE --period-end DATE] [-q] "
    "-o OUT.xml ACCOUNT-ID";

static void help(void)
{
    printf("usage: %s\n\n"
           "Imports and merges the exports as `run` does and writes the "
           "review data\nof one account (docs/data-contract.md, \"An "
           "account's snapshot\") to OUT.xml.\nPrints its data hash (SHA-256 "
           "of the data without the generated date).\n\n"
           "  -o, --output-file FILE  where the snapshot goes (required)\n"
           "  --input, --output, --templates, --config, --period-start, "
           "--period-end\n"
           "                        as for `run` (rejects go to "
           "OUTPUT/rejects/)\n"
           "  -q, --quiet           only warnings and errors\n",
           usage);
}

int cmd_snapshot(int argc, char **argv)
{
    static const struct option options[] = {
        {"output-file", required_argument, NULL, 'f'},
        {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'O'},
        {"templates", required_argument, NULL, 't'},
        {"config", required_argument, NULL, 'c'},
        {"period-start", required_argument, NULL, 's'},
        {"period-end", required_argument, NULL, 'e'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    struct rp_batch_options o;
    struct rp_error err;
    enum rp_status status;
    const char *out_path = NULL;
    char hash[RP_SHA256_HEX_SIZE];
    char *xml = NULL;
    size_t len = 0;
    int c;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_batch_options_init(&o);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
        switch (c) {
        case 'o': /* the snapshot, as merge's -o is its document */
        case 'f':
            out_path = optarg;
            break;
        case 'i':
            o.input = optarg;
            break;
        case 'O':
            o.output = optarg;
            break;
        case 't':
            o.templates = optarg;
            break;
        case 'c':
            o.merge.config_dir = optarg;
            break;
        case 's':
        case 'e':
            if (!cli_period_option(c, optarg, &o.merge))
                return cli_usage_error(usage,
                                       "--period-%s '%s' is not a date "
                                       "YYYY-MM-DD",
                                       c == 's' ? "start" : "end", optarg);
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        default:
            return cli_usage_error(usage, "unknown option");
        }
    }
    if (!out_path || argc - optind != 1)
        return cli_usage_error(usage, "snapshot needs -o OUT.xml and an "
                                      "account id");
    if ((o.merge.period_start == RP_TIME_NONE) !=
        (o.merge.period_end == RP_TIME_NONE))
        return cli_usage_error(usage, "give both --period-start and "
                                      "--period-end, or neither");
    rp_error_init(&err);
    status = rp_batch_snapshot(&o, argv[optind], &xml, &len, hash, &err);
    if (status == RP_OK)
        status = rp_file_write_all(out_path, xml, len, &err);
    free(xml);
    if (status != RP_OK) {
        cli_report(&err);
        return cli_exit_code(status);
    }
    printf("%s\n", hash);
    rp_log_info("snapshot: %s: %zu bytes -> %s", argv[optind], len, out_path);
    return 0;
}
