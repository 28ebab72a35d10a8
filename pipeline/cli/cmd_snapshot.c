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
        CLI_BATCH_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct rp_batch_options o;
    struct rp_error err;
    enum rp_status status;
    const char *out_path = NULL;
    char hash[RP_SHA256_HEX_SIZE];
    char *xml = NULL;
    size_t len = 0;
    int c, rc;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_batch_options_init(&o);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
        if (c == 'o' || c == 'f') { /* the snapshot, as merge's -o */
            out_path = optarg;
            continue;
        }
        rc = cli_batch_option(&o, c, optarg, usage);
        if (rc < 0)
            return cli_usage_error(usage, "unknown option");
        if (rc > 0)
            return rc;
    }
    if (!out_path || argc - optind != 1)
        return cli_usage_error(usage, "snapshot needs -o OUT.xml and an "
                                      "account id");
    if ((rc = cli_period_check(&o.merge, usage)) != 0)
        return rc;
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
