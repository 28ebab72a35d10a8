/* reportpipe render: XSL-FO file in, PDF out. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "render/render.h"

static const char usage[] =
    "reportpipe render [--dump-area FILE] [--assets DIR] [--strict] [-q] "
    "IN.fo OUT.pdf";

static void help(void)
{
    printf("usage: %s\n\n"
           "Lays out an XSL-FO document (the subset in docs/fo-subset.md) "
           "and writes\nPDF.  OUT.pdf appears only when complete.\n\n"
           "  --dump-area FILE  also write the area tree as text (for "
           "tests)\n"
           "  --assets DIR      also look images up in DIR (after the FO "
           "file's folder)\n"
           "  --strict          a property value the renderer cannot use "
           "is an error\n"
           "                    (default: a warning, and the value is "
           "ignored, as FOP does)\n"
           "  -q, --quiet       no summary line\n",
           usage);
}

int cmd_render(int argc, char **argv)
{
    static const struct option options[] = {
        {"dump-area", required_argument, NULL, 'd'},
        {"assets", required_argument, NULL, 'a'},
        {"strict", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *dump_path = NULL;
    struct rp_render_options ropt = {0};
    struct rp_render_result result = {0};
    struct rp_error err;
    enum rp_status status;
    int c;

    if (cli_wants_help(argc, argv)) {
        help();
        return 0;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "q", options, NULL)) != -1) {
        switch (c) {
        case 'd':
            dump_path = optarg;
            break;
        case 'a':
            ropt.assets_dir = optarg;
            break;
        case 's':
            ropt.strict = true;
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        default:
            return cli_usage_error(usage, "unknown option");
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(usage, "render takes an FO file and a PDF "
                                      "path");
    cli_render_heap();
    rp_error_init(&err);
    ropt.created = cli_source_date();
    ropt.dump_path = dump_path;
    status = rp_render_fo_to_pdf(NULL, argv[optind], argv[optind + 1], &ropt,
                                 &result, &err);
    if (status != RP_OK) {
        cli_report(&err);
        return cli_exit_code(status);
    }
    rp_log_info("render: %s: %d pages -> %s", argv[optind], result.pages,
                argv[optind + 1]);
    return 0;
}
