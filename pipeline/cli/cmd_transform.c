/* reportpipe transform: XML + XSLT template in, XSL-FO out. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/mem.h"
#include "transform/transform.h"

static const char usage[] = "reportpipe transform [-p NAME=VALUE]... "
                            "[--config DIR] -o OUT.fo TEMPLATE.xsl IN.xml";

static void help(void)
{
    printf("usage: %s\n\n"
           "Applies an XSLT template to a review-data document.  Templates "
           "run with\nfile writes and network access forbidden.\n\n"
           "  -o, --output FILE        where the result goes (required)\n"
           "  -p, --param NAME=VALUE   a template parameter (string), e.g.\n"
           "                           -p account-id=ACC-1001\n"
           "  --config DIR             limits.xml: the time, memory and "
           "work a\n"
           "                           transform may take (default: config)\n"
           "  -v, --verbose            also print what the transform took\n"
           "  -q, --quiet              only warnings and errors\n",
           usage);
}

int cmd_transform(int argc, char **argv)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'},
        {"param", required_argument, NULL, 'p'},
        {"config", required_argument, NULL, CLI_OPT_CONFIG},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {NULL, 0, NULL, 0},
    };
    const char *out_path = NULL, *config_dir = "config";
    const char **params = rp_xcalloc((size_t)argc * 2 + 1, sizeof(char *));
    char **owned = rp_xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n_params = 0, n_owned = 0, i;
    struct rp_stylesheet *sheet = NULL;
    struct rp_transform_limits limits;
    struct rp_error err;
    xmlDoc *in = NULL, *out = NULL;
    enum rp_status status = RP_OK;
    int c, rc = 0;

    if (cli_wants_help(argc, argv)) {
        help();
        goto done;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:p:qv", options, NULL)) != -1) {
        char *eq;
        switch (c) {
        case 'o':
            out_path = optarg;
            break;
        case 'p':
            eq = strchr(optarg, '=');
            if (!eq || eq == optarg) {
                rc = cli_usage_error(usage,
                                     "--param wants NAME=VALUE, not "
                                     "'%s'",
                                     optarg);
                goto done;
            }
            owned[n_owned] = rp_xstrndup(optarg, (size_t)(eq - optarg));
            params[n_params++] = owned[n_owned++];
            params[n_params++] = eq + 1;
            break;
        case CLI_OPT_CONFIG:
            config_dir = optarg;
            break;
        case 'q':
            rp_log_set_level(RP_LOG_QUIET);
            break;
        case 'v':
            rp_log_set_level(RP_LOG_VERBOSE);
            break;
        default:
            rc = cli_usage_error(usage, "unknown option");
            goto done;
        }
    }
    if (!out_path || argc - optind != 2) {
        rc = cli_usage_error(usage, "transform needs -o OUT, a template and "
                                    "an input document");
        goto done;
    }
    rp_error_init(&err);
    status = rp_transform_limits_load(&limits, config_dir, &err);
    if (status == RP_OK)
        status = rp_transform_load(argv[optind], &sheet, &err);
    if (status == RP_OK)
        status = rp_xml_read_file(argv[optind + 1], &in, &err);
    if (status == RP_OK)
        status = rp_transform_apply(sheet, in, params, &limits, &out, &err);
    if (status == RP_OK)
        status = rp_xml_write_file(out, out_path, &err);
    if (status != RP_OK) {
        cli_report(&err);
        rc = cli_exit_code(status);
    } else {
        rp_log_info("transform: %s + %s -> %s", argv[optind + 1], argv[optind],
                    out_path);
    }
done:
    if (out)
        xmlFreeDoc(out);
    if (in)
        xmlFreeDoc(in);
    rp_transform_free(sheet);
    for (i = 0; i < n_owned; i++)
        free(owned[i]);
    free(owned);
    free(params);
    return rc;
}
