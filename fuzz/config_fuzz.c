/*
 * libFuzzer target: bytes as one of the administrator's configuration
 * files (the first byte picks which: config/sla.xml, config/health.xml or
 * config/account-map.csv), loaded as the merge stage loads them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "merge/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"sla.xml", "health.xml",
                                        "account-map.csv"};
    static char dir[] = "/tmp/rp-config-fuzz-XXXXXX";
    static int made;
    struct rp_merge_config cfg;
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
    snprintf(path, sizeof(path), "%s/%s", dir, names[data[0] % 3]);
    fp = fopen(path, "wb");
    if (!fp)
        abort();
    fwrite(data + 1, 1, size - 1, fp);
    fclose(fp);
    rp_error_init(&err);
    if (rp_merge_config_load(&cfg, dir, &err) == RP_OK)
        rp_merge_config_release(&cfg);
    unlink(path);
    return 0;
}
