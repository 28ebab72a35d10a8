/*
 * libFuzzer target for the source profile parser: any bytes as a profile
 * file.  A profile that parses is then used to import a small export, so
 * whatever the parser lets through must also be safe to type rows with.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "import/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

static const char export_csv[] =
    "Id,Issue key,Subject,Status,Priority,Created,Created at,Email,Amount\n"
    "1,SUP-1,\"Login, fails\",Open,High,01/Mar/26 2:02 PM,"
    "2026-03-01T10:00:00+01:00,a@b.example,\"1,234.50\"\n"
    "2,SUP-2,x,Closed,Lowest,31.12.2026 23:30,,,12\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_import_profile *p = NULL;
    struct rp_error err;
    enum rp_status status;
    size_t i;

    rp_error_init(&err);
    status = rp_import_profile_parse("fuzz.profile", (const char *)data, size,
                                     &p, &err);
    if (status != RP_OK) {
        CHECK(status == RP_ERR_INPUT && p == NULL && err.message[0]);
        return 0;
    }
    CHECK(p->name && p->system && p->n_fields > 0);
    CHECK(p->kind < RP_IMPORT_KIND_COUNT);
    for (i = 0; i < p->n_fields; i++)
        CHECK(p->fields[i].member && p->fields[i].n_names > 0);
    rp_import_profile_free(p);

    /* The same profile, through a file, as --profile reads it. */
    {
        char path[] = "/tmp/rp-profile-fuzz.XXXXXX";
        int fd = mkstemp(path);
        FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
        struct rp_dataset ds;
        struct rp_import_stats stats;

        CHECK(fp);
        CHECK(fwrite(data, 1, size, fp) == size);
        fclose(fp);
        rp_error_init(&err);
        rp_import_set_profile_dir("/nonexistent");
        CHECK(rp_import_add_profile(path, &err) == RP_OK);
        rp_dataset_init(&ds);
        rp_error_init(&err);
        if (rp_import_buffer("fuzz.csv", export_csv, sizeof(export_csv) - 1,
                             NULL, &ds, &stats, &err) == RP_OK)
            CHECK(stats.rows_read == stats.rows_accepted + stats.rows_rejected);
        rp_dataset_release(&ds);
        rp_import_release_profiles();
        remove(path);
    }
    return 0;
}
