/*
 * SHA-256, as lowercase hex: what binds an approval to the exact bytes of
 * a document, chains the audit trail and tells whether data changed.  One
 * implementation (GLib's GChecksum) behind one pair of functions.
 */
#ifndef RP_COMMON_HASH_H
#define RP_COMMON_HASH_H

#include <stddef.h>

#include "error.h"

#define RP_SHA256_HEX 65 /* 64 hex digits and the terminator */

void rp_sha256_hex(const void *data, size_t len, char out[RP_SHA256_HEX]);

/* The hash of a file's bytes; an unreadable file is RP_ERR_INPUT. */
enum rp_status rp_sha256_file(const char *path, char out[RP_SHA256_HEX],
                              struct rp_error *err) RP_MUST_CHECK;

#endif
