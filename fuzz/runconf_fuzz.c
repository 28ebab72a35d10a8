/*
 * libFuzzer target: bytes as reportpipe.conf, read as `reportpipe run`
 * reads it (rp_batch_conf_parse()) and applied to a run's options,
 * which hands its zone to the import.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "batch/batch.h"
#include "common/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_batch_conf c;
    struct rp_batch_options o;
    struct rp_error err;

    rp_log_set_level(RP_LOG_QUIET);
    rp_batch_conf_init(&c);
    rp_error_init(&err);
    if (rp_batch_conf_parse(&c, "sub/reportpipe.conf", (const char *)data, size,
                            &err) == RP_OK) {
        memset(&o, 0, sizeof(o));
        (void)rp_batch_conf_apply(&c, &o, &err);
    }
    rp_batch_conf_release(&c);
    return 0;
}
