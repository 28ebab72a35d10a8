/* reportpipe import: CSV exports in, canonical record files out. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

#include "common/log.h"
#include "import/import.h"

static const char usage[] =
    "reportpipe import [-o DIR] [--rejects DIR] [--profile FILE]... "
    "[--profiles DIR] [--zone ZONE] [-q] FILE.csv...\n"
    "       reportpipe import --suggest-profile FILE.csv";

static void help(void)
{
    printf("usage: %s\n\n"
           "Reads CSV exports (Salesforce, HubSpot, Dynamics 365, Zendesk, "
           "Jira Service\nManagement, Freshdesk, ServiceNow, the program "
           "plan, or canonical records),\nrecognises each file's source "
           "profile from its header row, and types and\nvalidates every "
           "row.  Encodings (UTF-8, UTF-16 with BOM, Windows-1252) and\n"
           "delimiters (, ; TAB |) are detected.  Rejected rows go to "
           "<name>.rejects.csv\nwith their line number and the reason.\n\n"
           "  -o, --output DIR  write canonical record files (accounts.csv, "
           "tickets.csv, ...)\n"
           "                    to DIR\n"
           "  --rejects DIR     where rejects files go (default: beside "
           "each input)\n"
           "  --profile FILE    also use this source profile, before the "
           "shipped ones\n"
           "                    (format: docs/import-profiles.md; may be "
           "repeated)\n"
           "  --profiles DIR    the shipped profiles (default: "
           "$REPORTPIPE_PROFILES, else\n"
           "                    pipeline/import/profiles of the source "
           "tree)\n"
           "  --zone ZONE       zone of times written without one, for "
           "profiles that\n"
           "                    name none: UTC, +01:00, or a tz database "
           "name such as\n"
           "                    Europe/Berlin (its summer time applies)\n"
           "  --suggest-profile FILE\n"
           "                    print a starting profile for FILE's header "
           "(to edit and\n"
           "                    pass with --profile) instead of importing\n"
           "  -q, --quiet       no summary lines\n\n"
           "Exit status is 1 when any row was rejected.\n",
           usage);
}

int cmd_import(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"rejects", required_argument, NULL, 'r'},
        {"profile", required_argument, NULL, 'p'},
        {"profiles", required_argument, NULL, 'P'},
        {"quiet", no_argument, NULL, 'q'},
        {"zone", required_argument, NULL, 'z'},
        {"suggest-profile", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    const char *out_dir = NULL, *rejects_dir = NULL, *suggest = NULL;
    struct rp_dataset data;
    struct rp_error err;
    enum rp_status status = RP_OK;
    size_t rejected = 0;
    int c, i;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_dataset_init(&data);
    rp_error_init(&err);
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            out_dir = optarg;
            break;
        case 'r':
            rejects_dir = optarg;
            break;
        case 'p':
            if (status == RP_OK)
                status = rp_import_add_profile(optarg, &err);
            break;
        case 'P':
            rp_import_set_profile_dir(optarg);
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        case 'z':
            if ((c = cli_zone_option(optarg, usage)) != 0) {
                rp_import_release_profiles();
                return c;
            }
            break;
        case 's':
            suggest = optarg;
            break;
        default:
            rp_import_release_profiles();
            return cli_usage_error(usage, "unknown option");
        }
    }
    if (status == RP_OK && suggest) {
        if (optind < argc) {
            rp_import_release_profiles();
            return cli_usage_error(usage, "--suggest-profile takes one file");
        }
        status = rp_import_suggest_profile(suggest, stdout, &err);
        rp_import_release_profiles();
        if (status != RP_OK)
            cli_report(&err);
        return cli_exit_code(status);
    }
    if (status == RP_OK && optind >= argc) {
        rp_import_release_profiles();
        return cli_usage_error(usage, "import needs at least one CSV file");
    }
    for (i = optind; i < argc && status == RP_OK; i++) {
        struct rp_import_stats stats;
        status = rp_import_file(argv[i], rejects_dir, &data, &stats, &err);
        if (status != RP_OK)
            break;
        rp_import_log_stats(argv[i], &stats);
        rejected += stats.rows_rejected;
    }
    if (status == RP_OK && out_dir)
        status = rp_import_write_records(&data, out_dir, &err);
    rp_dataset_release(&data);
    rp_import_release_profiles();
    if (status != RP_OK) {
        cli_report(&err);
        return cli_exit_code(status);
    }
    return rejected ? cli_exit_code(RP_ERR_INPUT) : 0;
}
