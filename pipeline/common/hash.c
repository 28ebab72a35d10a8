/* SHA-256 through GLib's GChecksum (hash.h). */
#include "hash.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

static void finish(GChecksum *sum, char out[RP_SHA256_HEX_SIZE])
{
    /* g_checksum_get_string() is the checksum's own lower-case hex. */
    snprintf(out, RP_SHA256_HEX_SIZE, "%s", g_checksum_get_string(sum));
    g_checksum_free(sum);
}

void rp_sha256_hex(const void *data, size_t len, char out[RP_SHA256_HEX_SIZE])
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    const unsigned char *p = data;

    /* g_checksum_update() takes a gssize: feed huge buffers in pieces. */
    while (len > 0) {
        size_t n = len > ((size_t)1 << 30) ? (size_t)1 << 30 : len;
        g_checksum_update(sum, p, (gssize)n);
        p += n;
        len -= n;
    }
    finish(sum, out);
}

enum rp_status rp_sha256_file(const char *path, char out[RP_SHA256_HEX_SIZE],
                              struct rp_error *err)
{
    GChecksum *sum = NULL;
    unsigned char buf[1 << 16];
    enum rp_status status = RP_OK;
    FILE *fp;
    size_t n;

    out[0] = '\0';
    fp = fopen(path, "rb");
    if (!fp) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot open the file: %s", strerror(errno));
        goto out;
    }
    sum = g_checksum_new(G_CHECKSUM_SHA256);
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        g_checksum_update(sum, buf, (gssize)n);
    if (ferror(fp)) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot read the file");
        goto out;
    }
    finish(sum, out);
    sum = NULL;
out:
    if (sum)
        g_checksum_free(sum);
    if (fp)
        fclose(fp);
    return status;
}
