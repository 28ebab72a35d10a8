/*
 * Matching tickets to CRM accounts across systems.  Private to
 * pipeline/merge/.  The CRM account id is the key; a ticket from a
 * ticketing system that does not carry it is matched, in this order, by
 *   1. its CRM account id, when the export carries a known one;
 *   2. an explicit mapping of config/account-map.csv (account id, external
 *      id, domain or name, optionally for one source system);
 *   3. its organisation's web or e-mail domain, normalised, against the
 *      CRM accounts' website domains (sub-domains fall back to their
 *      parent: support.acme.example matches acme.example);
 *   4. its organisation name, normalised (case, accents, punctuation and
 *      legal suffixes such as GmbH, Inc. or S.A. do not count).
 * A domain or name that two CRM accounts share matches neither: the
 * ticket stays unmatched with that reason rather than being guessed.
 *
 * Ownership: an rp_merge_matcher borrows the dataset and the mappings,
 * which must outlive it, and owns its indexes (rp_merge_matcher_release).
 */
#ifndef RP_MERGE_MATCH_H
#define RP_MERGE_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "import/import.h"

enum rp_merge_match {
    RP_MERGE_MATCH_ID,
    RP_MERGE_MATCH_MAP,
    RP_MERGE_MATCH_DOMAIN,
    RP_MERGE_MATCH_NAME,
    RP_MERGE_MATCH_NONE,
};
#define RP_MERGE_MATCH_COUNT 5

/* Why a ticket is unmatched (RP_MERGE_MATCH_NONE). */
enum rp_merge_unmatched {
    RP_MERGE_UNMATCHED_NO_KEY,    /* nothing to match on */
    RP_MERGE_UNMATCHED_UNKNOWN,   /* keys given, none known */
    RP_MERGE_UNMATCHED_AMBIGUOUS, /* domain or name of several accounts */
};

struct rp_merge_key_index; /* matcher.c */

struct rp_merge_matcher {
    const struct rp_dataset *data;
    const struct rp_merge_map_config *map;
    size_t *by_id;       /* account indexes sorted by id */
    size_t *users_by_id; /* user indexes sorted by id */
    bool *stale;         /* per mapping: names an account the CRM lacks */
    size_t n_stale;
    struct rp_merge_key_index *domains, *names;
};

/* Result of matching one ticket. */
struct rp_merge_match_result {
    enum rp_merge_match how;
    size_t account; /* index into data->accounts; SIZE_MAX when NONE */
    enum rp_merge_unmatched why;
};

/*
 * Builds the indexes.  A mapping naming an account id the CRM does not
 * know is stale: it is ignored, counted in n_stale and warned about with
 * its file and line.
 */
void rp_merge_matcher_init(struct rp_merge_matcher *m,
                           const struct rp_dataset *data,
                           const struct rp_merge_map_config *map);
void rp_merge_matcher_release(struct rp_merge_matcher *m);

void rp_merge_match_ticket(const struct rp_merge_matcher *m,
                           const struct rp_ticket *t,
                           struct rp_merge_match_result *out);

/*
 * Index into data->accounts of the account with id, or SIZE_MAX.  Ids
 * compare as rp_merge_compare_ids() says, so a Salesforce report's
 * 15-character id finds the account Data Loader wrote with 18.
 */
size_t rp_merge_find_account(const struct rp_merge_matcher *m, const char *id);
/* The same, else the one account whose normalised name ref is (a report
 * without ids names the account); SIZE_MAX when none or several. */
size_t rp_merge_find_account_ref(const struct rp_merge_matcher *m,
                                 const char *ref);
/* The name of the CRM user whose id owner is (Salesforce's OwnerId), or
 * owner itself when no user has that id; borrowed from the dataset. */
const char *rp_merge_owner_name(const struct rp_merge_matcher *m,
                                const char *owner);

/*
 * Orders ids as strcmp() does, except that an 18-character Salesforce id
 * (its last three characters the checksum of the case of the first 15)
 * compares as its first 15, the case-sensitive id: the two forms of one
 * record's id are equal.
 */
int rp_merge_compare_ids(const char *a, const char *b);
/* id is an 18-character Salesforce id with a valid checksum. */
bool rp_merge_salesforce_id18(const char *id);

const char *rp_merge_match_name(enum rp_merge_match how);
const char *rp_merge_unmatched_name(enum rp_merge_unmatched why);

/*
 * Normal forms, as new strings the caller frees: an organisation name
 * ("Müller GmbH & Co. KG" -> "muller"), a domain from a domain, e-mail
 * address or URL ("https://www.Acme.example/x" -> "acme.example").  Both
 * may return "".
 */
char *rp_merge_normalise_name(const char *name);
char *rp_merge_normalise_domain(const char *domain);

#endif
