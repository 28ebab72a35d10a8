/*
 * reportpipe run: the whole job the nightly cron runs.  Every CSV in the
 * input directory is imported, merged into one review-data document, and
 * turned into one Annual Customer Review per account plus the Program
 * Status Report.  A failure in one document does not stop the others; the
 * exit status reports the worst thing that happened, and no PDF is ever
 * left half-written.
 */
#include "cli.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"
#include "import/import.h"
#include "merge/merge.h"
#include "transform/transform.h"

static const char usage[] =
    "reportpipe run [--input DIR] [--output DIR] [--templates DIR] "
    "[--config DIR] [--period-start DATE --period-end DATE] "
    "[--keep-intermediate] [-q]";

static void help(void)
{
    printf("usage: %s\n\n"
           "Runs every stage on the exports in the input directory:\n"
           "  OUTPUT/reviews/<account-id>.pdf  one Annual Customer Review "
           "per account\n"
           "  OUTPUT/status-report.pdf         the Program Status Report\n"
           "  OUTPUT/rejects/                  rows that could not be "
           "imported\n\n"
           "  --input DIR           exports to read (default: input)\n"
           "  --output DIR          where documents go (default: output)\n"
           "  --templates DIR       annual-review.xsl and status-report.xsl "
           "(default: templates)\n"
           "  --config DIR          sla.xml, health.xml, account-map.csv "
           "(default: config)\n"
           "                        contributions are read from "
           "INPUT/contributions/<account-id>/\n"
           "  --period-start DATE   first day of the review period "
           "(YYYY-MM-DD)\n"
           "  --period-end DATE     last day of the review period, "
           "inclusive\n"
           "  --keep-intermediate   also write OUTPUT/intermediate/ "
           "(review-data.xml, *.fo)\n"
           "  -q, --quiet           only warnings and errors\n",
           usage);
}

struct run_options {
    const char *input;
    const char *output;
    const char *templates;
    int keep_intermediate;
    struct rp_merge_options merge;
};

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = rp_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The exports to import: *.csv in dir, sorted, rejects files excluded. */
static enum rp_status list_exports(const char *dir, char ***out, size_t *n,
                                   struct rp_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t cap = 0;

    *n = 0;
    if (!d)
        return rp_error_set(err, RP_ERR_INPUT, dir, 0, NULL,
                            "cannot open the input directory");
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".csv") ||
            rp_import_is_rejects_file(e->d_name))
            continue;
        rp_array_grow((void **)&names, &cap, *n + 1, sizeof(*names));
        names[(*n)++] = path_join(dir, e->d_name);
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof(*names), compare_names);
    *out = names;
    if (*n == 0)
        return rp_error_set(err, RP_ERR_INPUT, dir, 0, NULL,
                            "no CSV exports (*.csv) in the input directory");
    return RP_OK;
}

static enum rp_status worse(enum rp_status a, enum rp_status b)
{
    return b > a ? b : a;
}

/* Transforms doc with sheet and renders the result to pdf_path. */
static enum rp_status build_document(const struct run_options *o,
                                     struct rp_stylesheet *sheet, xmlDoc *data,
                                     const char *const *params,
                                     const char *label, const char *pdf_path,
                                     int *pages, struct rp_error *err)
{
    struct cli_render_result result = {0};
    xmlDoc *fo = NULL;
    enum rp_status status;
    char *fo_path = NULL;

    status = rp_transform_apply(sheet, data, params, &fo, err);
    if (status != RP_OK)
        goto out;
    if (o->keep_intermediate) {
        char name[300];
        snprintf(name, sizeof(name), "intermediate/%s.fo", label);
        fo_path = path_join(o->output, name);
        status = rp_xml_write_file(fo, fo_path, err);
        if (status != RP_OK)
            goto out;
    }
    status = cli_render_fo(fo, fo_path ? fo_path : label, pdf_path, NULL,
                           &result, err);
    *pages += result.pages;
out:
    free(fo_path);
    if (fo)
        xmlFreeDoc(fo);
    return status;
}

static enum rp_status run(const struct run_options *o)
{
    struct rp_dataset data;
    struct rp_merge_stats mstats;
    struct rp_stylesheet *review = NULL, *report = NULL;
    struct rp_error err;
    struct timespec start, stage;
    xmlDoc *doc = NULL;
    char **exports = NULL;
    char *rejects_dir = path_join(o->output, "rejects");
    char *path = NULL;
    size_t n_exports = 0, i, rejected = 0, failed = 0, done = 0;
    enum rp_status status, overall = RP_OK;
    int pages = 0, report_pages = 0;

    clock_gettime(CLOCK_MONOTONIC, &start);
    rp_dataset_init(&data);
    rp_error_init(&err);

    /* import */
    status = list_exports(o->input, &exports, &n_exports, &err);
    for (i = 0; i < n_exports && status == RP_OK; i++) {
        struct rp_import_stats s;
        status = rp_import_file(exports[i], rejects_dir, &data, &s, &err);
        if (status != RP_OK)
            break;
        cli_report_import(exports[i], &s);
        rejected += s.rows_rejected;
    }
    if (status != RP_OK)
        goto out;
    if (rejected) {
        rp_log_warn("%zu rows were rejected; see %s", rejected, rejects_dir);
        overall = RP_ERR_INPUT;
    }

    /* merge */
    clock_gettime(CLOCK_MONOTONIC, &stage);
    status = rp_merge_build(&data, &o->merge, &doc, &mstats, &err);
    if (status != RP_OK)
        goto out;
    if (o->keep_intermediate) {
        path = path_join(o->output, "intermediate/review-data.xml");
        status = rp_xml_write_file(doc, path, &err);
        if (status != RP_OK)
            goto out;
    }
    rp_log_info("merge: %zu accounts, %zu tickets in %s..%s, %zu unmatched "
                "(matched by id %zu, map %zu, domain %zu, name %zu), %zu "
                "contributions (%.2f s)",
                mstats.accounts, mstats.tickets, mstats.period_start,
                mstats.period_end, mstats.tickets_unmatched,
                mstats.matched_by_id, mstats.matched_by_map,
                mstats.matched_by_domain, mstats.matched_by_name,
                mstats.contributions, seconds_since(&stage));
    if (mstats.tickets_unmatched)
        rp_log_warn("%zu tickets could not be matched to a CRM account; "
                    "they are listed in the status report",
                    mstats.tickets_unmatched);

    /* transform + render */
    clock_gettime(CLOCK_MONOTONIC, &stage);
    free(path);
    path = path_join(o->templates, "annual-review.xsl");
    status = rp_transform_load(path, &review, &err);
    if (status != RP_OK)
        goto out;
    free(path);
    path = path_join(o->templates, "status-report.xsl");
    status = rp_transform_load(path, &report, &err);
    if (status != RP_OK)
        goto out;
    for (i = 0; i < data.n_accounts; i++) {
        const char *id = data.accounts[i].id;
        const char *params[] = {"account-id", id, NULL};
        char name[300];
        char *pdf;

        if (!rp_safe_file_name(id)) {
            rp_error_init(&err);
            rp_error_set(&err, RP_ERR_INPUT, data.accounts[i].source_file,
                         data.accounts[i].source_line, "Account ID",
                         "account id '%s' cannot name a file (letters, "
                         "digits, '-', '_' and '.' only); its review was "
                         "not rendered",
                         id);
            cli_report(&err);
            overall = worse(overall, RP_ERR_INPUT);
            failed++;
            continue;
        }
        snprintf(name, sizeof(name), "reviews/%s.pdf", id);
        pdf = path_join(o->output, name);
        snprintf(name, sizeof(name), "review-%s", id);
        rp_error_init(&err);
        status =
            build_document(o, review, doc, params, name, pdf, &pages, &err);
        free(pdf);
        if (status != RP_OK) {
            cli_report(&err);
            overall = worse(overall, status);
            failed++;
            continue;
        }
        done++;
    }
    rp_error_init(&err);
    free(path);
    path = path_join(o->output, "status-report.pdf");
    status = build_document(o, report, doc, NULL, "status-report", path,
                            &report_pages, &err);
    if (status != RP_OK) {
        cli_report(&err);
        overall = worse(overall, status);
        failed++;
    }
    status = RP_OK;
    rp_log_info("render: %zu reviews (%d pages) in %s/reviews, status report "
                "(%d pages)%s, %zu failed (%.2f s)",
                done, pages, o->output, report_pages, failed ? "" : " ok",
                failed, seconds_since(&stage));
out:
    if (status != RP_OK) {
        cli_report(&err);
        overall = worse(overall, status);
    }
    rp_log_info("run: %s in %.2f s, %lu warnings",
                overall == RP_OK ? "done" : "FAILED", seconds_since(&start),
                rp_log_warning_count());
    rp_transform_free(review);
    rp_transform_free(report);
    if (doc)
        xmlFreeDoc(doc);
    rp_dataset_release(&data);
    for (i = 0; i < n_exports; i++)
        free(exports[i]);
    free(exports);
    free(rejects_dir);
    free(path);
    return overall;
}

int cmd_run(int argc, char **argv)
{
    static const struct option options[] = {
        {"input", required_argument, NULL, 'i'},
        {"output", required_argument, NULL, 'o'},
        {"templates", required_argument, NULL, 't'},
        {"config", required_argument, NULL, 'c'},
        {"period-start", required_argument, NULL, 's'},
        {"period-end", required_argument, NULL, 'e'},
        {"keep-intermediate", no_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    struct run_options o = {
        .input = "input", .output = "output", .templates = "templates"};
    char *schema, *contributions;
    enum rp_status status;
    int c;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    rp_merge_options_init(&o.merge);
    o.merge.config_dir = "config";
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        switch (c) {
        case 'i':
            o.input = optarg;
            break;
        case 'o':
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
        case 'k':
            o.keep_intermediate = 1;
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        default:
            return cli_usage_error(usage, "unknown option");
        }
    }
    if (optind != argc)
        return cli_usage_error(usage, "run takes no file arguments");
    if ((o.merge.period_start == RP_TIME_NONE) !=
        (o.merge.period_end == RP_TIME_NONE))
        return cli_usage_error(usage, "give both --period-start and "
                                      "--period-end, or neither");
    /* The schema ships with the templates; contributions live beside the
     * exports they belong to. */
    schema = path_join(o.templates, "schema/review-data.rng");
    contributions = path_join(o.input, "contributions");
    o.merge.schema_path = schema;
    o.merge.contributions_dir = contributions;
    status = run(&o);
    free(schema);
    free(contributions);
    return cli_exit_code(status);
}
