/*
 * SHA-256, the one digest of the program: approvals bind to the hash of a
 * document's bytes, snapshots and templates are told apart by theirs.
 * Digests are lower-case hex, 64 characters and a NUL.  OpenSSL's
 * libcrypto does the work; this is the only place that calls it, so every
 * hash in the program is made the same way.
 */
#ifndef RP_COMMON_HASH_H
#define RP_COMMON_HASH_H

#include <stddef.h>

#include "error.h"

#define RP_SHA256_HEX_SIZE 65

/* SHA-256 of len bytes at data (data may be NULL when len is 0). */
void rp_sha256_hex(const void *data, size_t len, char out[RP_SHA256_HEX_SIZE]);

/*
 * SHA-256 of the file at path, read in pieces (memory does not grow with
 * its size).  A file that cannot be opened or read is RP_ERR_INPUT naming
 * it; out is then "".
 */
enum rp_status rp_sha256_file(const char *path, char out[RP_SHA256_HEX_SIZE],
                              struct rp_error *err) RP_MUST_CHECK;

/*
 * A digest fed in pieces, for what is many things at once (a run's
 * inputs): rp_sha256_begin(), any number of adds, rp_sha256_end(), which
 * frees it.  A file that cannot be read is RP_ERR_INPUT naming it; the
 * digest is still to be ended.
 */
struct rp_sha256;
struct rp_sha256 *rp_sha256_begin(void);
void rp_sha256_add(struct rp_sha256 *h, const void *data, size_t len);
/* A string and its terminating NUL, so "ab","c" and "a","bc" differ. */
void rp_sha256_add_str(struct rp_sha256 *h, const char *s);
enum rp_status rp_sha256_add_file(struct rp_sha256 *h, const char *path,
                                  struct rp_error *err) RP_MUST_CHECK;
void rp_sha256_end(struct rp_sha256 *h, char out[RP_SHA256_HEX_SIZE]);

#endif
