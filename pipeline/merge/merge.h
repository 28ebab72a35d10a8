/*
 * Merge stage: the records of every source in, one review-data XML
 * document out: the contract between data and templates
 * (docs/data-contract.md).
 *
 * Tickets are joined to CRM accounts by account id; a ticket whose account
 * is unknown is never dropped: it is counted and listed under <unmatched>.
 * Support metrics are computed per account for the review period.  The
 * same inputs and options always give a byte-identical document.
 */
#ifndef RP_MERGE_H
#define RP_MERGE_H

#include <stdint.h>

#include <libxml/tree.h>

#include "common/error.h"
#include "import/import.h"

struct rp_merge_options {
    /*
     * Review period, Unix seconds UTC, [period_start, period_end).  When
     * both are RP_TIME_NONE the period is the 12 whole calendar months
     * before the month of the newest ticket timestamp in the data (the
     * moment of the export), so the nightly job needs no date arguments
     * and the same exports always give the same document.
     */
    int64_t period_start;
    int64_t period_end;
    /* Value of the generated= attribute: Unix seconds UTC. */
    int64_t generated;
};

/* Fills defaults: automatic period, generated = SOURCE_DATE_EPOCH or now. */
void rp_merge_options_init(struct rp_merge_options *opt);

struct rp_merge_stats {
    size_t accounts;
    size_t tickets;           /* tickets created within the period */
    size_t tickets_unmatched; /* tickets whose account id is unknown */
    char period_start[11];    /* YYYY-MM-DD */
    char period_end[11];      /* YYYY-MM-DD, inclusive */
};

/*
 * Builds the review-data document.  On RP_OK *out is a new document owned
 * by the caller, to be freed with xmlFreeDoc() (the one foreign free that
 * callers of the pipeline make; rp_transform owns the rest).
 */
enum rp_status rp_merge_build(const struct rp_dataset *data,
                              const struct rp_merge_options *opt, xmlDoc **out,
                              struct rp_merge_stats *stats,
                              struct rp_error *err) RP_MUST_CHECK;

#endif
