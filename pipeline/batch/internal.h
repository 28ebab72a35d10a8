/* What the batch stage's files share and nobody else sees. */
#ifndef RP_BATCH_INTERNAL_H
#define RP_BATCH_INTERNAL_H

#include "batch.h"
#include "import/import.h"

/*
 * Imports every export of o->input into data (rejected rows to
 * rejects_dir), logging one summary line per file; *rejected counts the
 * rows rejected over all files.
 */
enum rp_status rp_batch_import_all(const struct rp_batch_options *o,
                                   const char *rejects_dir,
                                   struct rp_dataset *data, size_t *rejected,
                                   struct rp_error *err) RP_MUST_CHECK;

#endif
