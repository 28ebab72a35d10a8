/* reportpipe merge: records of all sources in, review-data XML out. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>

#include "common/log.h"
#include "import/import.h"
#include "merge/merge.h"
#include "common/xml.h"

static const char usage[] =
    "reportpipe merge -o OUT.xml [--period-start YYYY-MM-DD "
    "--period-end YYYY-MM-DD] [--config DIR] [--contributions DIR] "
    "[--schema FILE] FILE.csv...";

static void help(void)
{
    printf("usage: %s\n\n"
           "Imports the given exports (or record files from 'reportpipe "
           "import') and\njoins them into one review-data XML document "
           "(docs/data-contract.md).\n\n"
           "  -o, --output FILE      where the XML goes (required)\n"
           "  --period-start DATE    first day of the review period\n"
           "  --period-end DATE      last day of the review period "
           "(inclusive)\n"
           "                         default: the 12 whole months before "
           "the newest data\n"
           "  --config DIR           sla.xml, health.xml and "
           "account-map.csv (default: config;\n"
           "                         an absent file keeps the built-in "
           "default)\n"
           "  --contributions DIR    <account-id>/executive-summary.txt, "
           "plan-next-year.txt,\n"
           "                         meeting-feedback.txt, "
           "support-commentary.txt (default: none)\n"
           "  --schema FILE          schema the result is validated "
           "against\n"
           "                         (default: "
           "templates/schema/review-data.rng)\n"
           "  --zone ZONE            zone of export times written without "
           "one (UTC, +01:00,\n"
           "                         Europe/Berlin), for profiles that name "
           "none\n"
           "  -q, --quiet            no summary lines\n",
           usage);
}

int cmd_merge(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"contributions", required_argument, NULL, 'C'},
        {"schema", required_argument, NULL, 'S'},
        CLI_MERGE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *out_path = NULL;
    struct rp_merge_options opt;
    struct rp_merge_stats mstats;
    struct rp_dataset data;
    struct rp_error err;
    xmlDoc *doc = NULL;
    enum rp_status status = RP_OK;
    int c, i, rc;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_merge_options_init(&opt);
    opt.config_dir = "config";
    opt.schema_path = "templates/schema/review-data.rng";
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:q", options, NULL)) != -1) {
        switch (c) {
        case 'o':
            out_path = optarg;
            break;
        case 'C':
            opt.contributions_dir = optarg;
            break;
        case 'S':
            opt.schema_path = optarg;
            break;
        default:
            rc = cli_merge_option(&opt, c, optarg, usage);
            if (rc < 0)
                return cli_usage_error(usage, "unknown option");
            if (rc > 0)
                return rc;
        }
    }
    if (!out_path)
        return cli_usage_error(usage, "merge needs -o OUT.xml");
    if (optind >= argc)
        return cli_usage_error(usage, "merge needs the CSV files to join");
    if ((rc = cli_period_check(&opt, usage)) != 0)
        return rc;
    rp_dataset_init(&data);
    rp_error_init(&err);
    for (i = optind; i < argc && status == RP_OK; i++) {
        struct rp_import_stats stats;
        status = rp_import_file(argv[i], NULL, &data, &stats, &err);
        if (status == RP_OK && stats.rows_rejected)
            rp_log_warn("%s: %zu rows rejected -> %s", argv[i],
                        stats.rows_rejected, stats.rejects_path);
    }
    if (status == RP_OK)
        status = rp_merge_build(&data, &opt, &doc, &mstats, &err);
    if (status == RP_OK)
        status = rp_xml_write_file(doc, out_path, &err);
    if (status == RP_OK)
        rp_log_info("merge: %zu accounts, %zu tickets in %s..%s, %zu "
                    "unmatched (matched by id %zu, map %zu, domain %zu, "
                    "name %zu), %zu contributions -> %s",
                    mstats.accounts, mstats.tickets, mstats.period_start,
                    mstats.period_end, mstats.tickets_unmatched,
                    mstats.matched_by_id, mstats.matched_by_map,
                    mstats.matched_by_domain, mstats.matched_by_name,
                    mstats.contributions, out_path);
    if (doc)
        xmlFreeDoc(doc);
    rp_dataset_release(&data);
    if (status != RP_OK) {
        cli_report(&err);
        return cli_exit_code(status);
    }
    return 0;
}
