/* reportpipe import: CSV exports in, canonical record files out. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

#include "common/log.h"
#include "import/import.h"

static const char usage[] =
    "reportpipe import [-o DIR] [--rejects DIR] [-q] FILE.csv...";

static void help(void)
{
    printf("usage: %s\n\n"
           "Reads CSV exports, recognises each file's source from its "
           "header row,\ntypes and validates every row.  Rejected rows go "
           "to <name>.rejects.csv\nwith their line number and the reason.\n\n"
           "  -o, --output DIR  write canonical accounts.csv and tickets.csv "
           "to DIR\n"
           "  --rejects DIR     where rejects files go (default: beside "
           "each input)\n"
           "  -q, --quiet       no summary lines\n\n"
           "Exit status is 1 when any row was rejected.\n",
           usage);
}

int cmd_import(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"rejects", required_argument, NULL, 'r'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    const char *out_dir = NULL, *rejects_dir = NULL;
    struct rp_dataset data;
    struct rp_error err;
    enum rp_status status = RP_OK;
    size_t rejected = 0;
    int c, i;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            out_dir = optarg;
            break;
        case 'r':
            rejects_dir = optarg;
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        default:
            return cli_usage_error(usage, "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage_error(usage, "import needs at least one CSV file");
    rp_dataset_init(&data);
    rp_error_init(&err);
    for (i = optind; i < argc && status == RP_OK; i++) {
        struct rp_import_stats stats;
        status = rp_import_file(argv[i], rejects_dir, &data, &stats, &err);
        if (status != RP_OK)
            break;
        rp_log_info("import: %s: %s profile, %zu rows read, %zu accepted, "
                    "%zu rejected%s%s",
                    argv[i], stats.profile, stats.rows_read,
                    stats.rows_accepted, stats.rows_rejected,
                    stats.rows_rejected ? " -> " : "", stats.rejects_path);
        rejected += stats.rows_rejected;
    }
    if (status == RP_OK && out_dir)
        status = rp_import_write_records(&data, out_dir, &err);
    rp_dataset_release(&data);
    if (status != RP_OK) {
        cli_report(&err);
        return cli_exit_code(status);
    }
    return rejected ? cli_exit_code(RP_ERR_INPUT) : 0;
}
