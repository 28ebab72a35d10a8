/*
 * SHA-256 through OpenSSL's libcrypto (hash.h): where the processor has
 * SHA instructions it uses them, four times GLib's speed here, which a
 * run feels, since it hashes every input and every document's data.
 */
#include "hash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

struct rp_sha256 {
    EVP_MD_CTX *ctx;
};

/* libcrypto fails only when out of memory, which we treat as fatal
 * everywhere (mem.h). */
static void must(int ok)
{
    if (!ok) {
        fputs("reportpipe: SHA-256 failed (out of memory)\n", stderr);
        abort();
    }
}

struct rp_sha256 *rp_sha256_begin(void)
{
    struct rp_sha256 *h = malloc(sizeof(*h));

    must(h != NULL);
    h->ctx = EVP_MD_CTX_new();
    must(h->ctx != NULL);
    must(EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL));
    return h;
}

void rp_sha256_add(struct rp_sha256 *h, const void *data, size_t len)
{
    if (len)
        must(EVP_DigestUpdate(h->ctx, data, len));
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
        rp_sha256_add(h, buf, n);
    if (ferror(fp))
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot read the file");
    fclose(fp);
    return status;
}

void rp_sha256_end(struct rp_sha256 *h, char out[RP_SHA256_HEX_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0, i;

    must(EVP_DigestFinal_ex(h->ctx, digest, &n) && n == 32);
    for (i = 0; i < n; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[2 * n] = '\0';
    EVP_MD_CTX_free(h->ctx);
    free(h);
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
