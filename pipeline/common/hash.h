/*
 * SHA-256, the one digest of the program: approvals bind to the hash of a
 * document's bytes, snapshots and templates are told apart by theirs.
 * Digests are lower-case hex, 64 characters and a NUL.  GLib's GChecksum
 * does the work (GLib comes with Pango); this is the only place that
 * calls it, so every hash in the program is made the same way.
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

#endif
