/*
 * libFuzzer target: bytes as one of the administrator's configuration
 * files (the first byte picks which: config/sla.xml, config/health.xml,
 * config/account-map.csv, loaded as the merge stage loads them,
 * config/people.csv and config/workflow.xml, as the workflow loads them,
 * or config/limits.xml, as every command that applies a template does).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "merge/config.h"
#include "transform/transform.h"
#include "workflow/workflow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"sla.xml",         "health.xml",
                                        "account-map.csv", "people.csv",
                                        "workflow.xml",    "limits.xml"};
    static char dir[] = "/tmp/rp-config-fuzz-XXXXXX";
    static int made;
    struct rp_merge_config cfg;
    struct rp_workflow_people people;
    struct rp_workflow_settings settings;
    struct rp_transform_limits limits;
    unsigned which;
    struct rp_error err;
    char path[64];
    FILE *fp;

    if (size < 1)
        return 0;
    if (!made) {
        if (!mkdtemp(dir))
            abort();
        made = 1;
    }
    which = data[0] % 6;
    snprintf(path, sizeof(path), "%s/%s", dir, names[which]);
    fp = fopen(path, "wb");
    if (!fp)
        abort();
    fwrite(data + 1, 1, size - 1, fp);
    fclose(fp);
    rp_error_init(&err);
    if (which == 3) {
        (void)rp_workflow_people_load(&people, path, &err);
        rp_workflow_people_release(&people);
    } else if (which == 4) {
        (void)rp_workflow_settings_load(&settings, path, &err);
    } else if (which == 5) {
        (void)rp_transform_limits_load(&limits, dir, &err);
    } else if (rp_merge_config_load(&cfg, dir, &err) == RP_OK) {
        rp_merge_config_release(&cfg);
    }
    unlink(path);
    return 0;
}
