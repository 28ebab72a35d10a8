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

struct rp_sha256 *rp_sha256_begin(void)
{
    return (struct rp_sha256 *)g_checksum_new(G_CHECKSUM_SHA256);
}

void rp_sha256_add(struct rp_sha256 *h, const void *data, size_t len)
{
    const unsigned char *p = data;

    /* g_checksum_update() takes a gssize: feed huge buffers in pieces. */
    while (len > 0) {
        size_t n = len > ((size_t)1 << 30) ? (size_t)1 << 30 : len;
        g_checksum_update((GChecksum *)h, p, (gssize)n);
        p += n;
        len -= n;
    }
}

void rp_sha256_add_str(struct rp_sha256 *h, const char *s)
{
    rp_sha256_add(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

enum rp_status rp_sha256_add_file(struct rp_sha256 *h, const char *path,
                                  struct rp_error *err)
{
    unsigned char buf[1 << 16];
    enum rp_status status = RP_OK;
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (!fp)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot open the file: %s", strerror(errno));
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        g_checksum_update((GChecksum *)h, buf, (gssize)n);
    if (ferror(fp))
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot read the file");
    fclose(fp);
    return status;
}

void rp_sha256_end(struct rp_sha256 *h, char out[RP_SHA256_HEX_SIZE])
{
    finish((GChecksum *)h, out);
}

void rp_sha256_hex(const void *data, size_t len, char out[RP_SHA256_HEX_SIZE])
{
    struct rp_sha256 *h = rp_sha256_begin();

    rp_sha256_add(h, data, len);
    rp_sha256_end(h, out);
}

enum rp_status rp_sha256_file(const char *path, char out[RP_SHA256_HEX_SIZE],
                              struct rp_error *err)
{
    struct rp_sha256 *h = rp_sha256_begin();
    enum rp_status status = rp_sha256_add_file(h, path, err);

    rp_sha256_end(h, out);
    if (status != RP_OK)
        out[0] = '\0';
    return status;
}
