/*
 * Merge stage: the records of every source in, one review-data XML
 * document out: the contract between data and templates
 * (docs/data-contract.md).
 *
 * Tickets are joined to CRM accounts by, in order: the CRM account id
 * they carry, an explicit mapping (config/account-map.csv), the
 * normalised web domain, then the normalised organisation name.  A ticket
 * no rule matches is never dropped: it is counted and listed under
 * <unmatched> with the reason.  Support metrics are computed per account
 * for the review period against the SLA targets of config/sla.xml, health
 * follows the rules of config/health.xml, and contributors' narrative is
 * read from <contributions>/<account-id>/.  The document is validated
 * against the RELAX NG schema before it is handed on.  The same inputs
 * and options always give a byte-identical document.
 */
#ifndef RP_MERGE_H
#define RP_MERGE_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "common/error.h"
#include "common/hash.h"
#include "import/import.h"

/* A follow-up action agreed at a meeting, and what became of it. */
struct rp_merge_followup {
    int64_t id;
    const char *what, *owner;
    const char *due;     /* YYYY-MM-DD */
    const char *status;  /* "done", "open" or "overdue" */
    const char *done_on; /* YYYY-MM-DD when done, else NULL */
};

/* A contributor's text for one section of an account's review. */
struct rp_merge_contribution {
    const char *account_id;
    const char *kind; /* one of rp_merge_contribution_kinds() */
    const char *text; /* UTF-8; a blank line between paragraphs */
    const char *author;
    int64_t submitted; /* Unix seconds UTC */
    /* meeting-feedback recorded with `reportpipe feedback`: the year of
     * the meeting (0 otherwise) and its follow-ups. */
    int year;
    const struct rp_merge_followup *followups;
    size_t n_followups;
};

/*
 * The sections of a review that contributors write, in the order of the
 * review (executive-summary, plan-next-year, meeting-feedback): a
 * NULL-terminated list; *n gets their number.
 */
const char *const *rp_merge_contribution_kinds(size_t *n);

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
    /*
     * Directory holding sla.xml, health.xml and account-map.csv
     * (docs/data-contract.md, "Configuration"); a file that is absent
     * leaves the built-in default in force.  NULL: defaults only.
     */
    const char *config_dir;
    /*
     * Directory of <account-id>/executive-summary.txt, plan-next-year.txt
     * and meeting-feedback.txt.  NULL or absent: no contributions.
     */
    const char *contributions_dir;
    /*
     * Contributions held elsewhere (the workflow store), n_contributions
     * of them: one for an account and kind takes precedence over the file
     * of the same account and kind.  Borrowed; NULL when there are none.
     */
    const struct rp_merge_contribution *contributions;
    size_t n_contributions;
    /*
     * RELAX NG schema the document must satisfy; a document that does not
     * is our bug: RP_ERR_INTERNAL naming the offending node's path.  NULL:
     * not validated (unit tests validate on their own).
     */
    const char *schema_path;
};

/* Fills defaults: automatic period, generated = SOURCE_DATE_EPOCH or now,
 * no config, contributions or schema (the CLI sets its own defaults). */
void rp_merge_options_init(struct rp_merge_options *opt);

struct rp_merge_stats {
    size_t accounts;
    size_t tickets;           /* tickets created within the period */
    size_t tickets_unmatched; /* tickets no rule matched to an account */
    /* How the matched tickets were matched; they sum with
     * tickets_unmatched to every ticket received. */
    size_t matched_by_id, matched_by_map, matched_by_domain, matched_by_name;
    size_t contributions; /* contribution files read */
    /* Contribution files that could not be read (unreadable, too long,
     * not UTF-8 text): each left out of its review, with a warning naming
     * it and why; the document is built without it. */
    size_t contributions_failed;
    char period_start[11]; /* YYYY-MM-DD */
    char period_end[11];   /* YYYY-MM-DD, inclusive */
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

/*
 * The merge in two steps, for a run that makes one document per account:
 * rp_merge_prepare() does all of rp_merge_build() but the writing (checks,
 * period, matching, figures, health, contributions read, the schema
 * loaded) and keeps it in *out, freed with rp_merge_free(); data and opt
 * are borrowed and must outlive it.  Then, as often as needed:
 *
 * rp_merge_account_doc(): the document of account i (0 <= i <
 * rp_merge_account_count(), in document order, by name): what
 * rp_merge_account_slice() cuts from rp_merge_build()'s document for it,
 * made without the other accounts, and validated.  A stored contribution
 * that is not text fails that account only.
 *
 * rp_merge_summary_doc(): rp_merge_build()'s document without the
 * accounts' records (contacts, opportunities, tickets, backlog items and
 * contributions; the figures stay): what the status report is made from,
 * a fraction of the whole.
 *
 * A new document each time, the caller's (xmlFreeDoc()).  Writing a
 * document changes nothing a later one depends on.
 */
struct rp_merged;
enum rp_status rp_merge_prepare(const struct rp_dataset *data,
                                const struct rp_merge_options *opt,
                                struct rp_merged **out,
                                struct rp_merge_stats *stats,
                                struct rp_error *err) RP_MUST_CHECK;
size_t rp_merge_account_count(const struct rp_merged *m);
const struct rp_account *rp_merge_account_at(const struct rp_merged *m,
                                             size_t i);
enum rp_status rp_merge_account_doc(struct rp_merged *m, size_t i, xmlDoc **out,
                                    struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_merge_summary_doc(struct rp_merged *m, xmlDoc **out,
                                    struct rp_error *err) RP_MUST_CHECK;
/* rp_merge_build()'s document, from a prepared merge. */
enum rp_status rp_merge_document(struct rp_merged *m, xmlDoc **out,
                                 struct rp_error *err) RP_MUST_CHECK;
void rp_merge_free(struct rp_merged *m);

/*
 * A digest of what account i's document is made from, far cheaper than
 * the document: the period, the day when a milestone's lateness depends
 * on it, every record that is not a ticket, the account's tickets (those
 * of its period and its backlog, in order, as the records say) and its
 * contributions.  Whatever changes account i's document changes this
 * digest; the configuration and the templates are the caller's to add.
 * A ticket of another account changes the digest of neither (only the
 * program's figures, which a review's key leaves out), which is what a
 * run needs to tell the one review a changed ticket touches.
 */
void rp_merge_account_inputs(struct rp_merged *m, size_t i,
                             char out[RP_SHA256_HEX_SIZE]);

/*
 * One account's slice of a review-data document: a new document with the
 * <review-data> root and its attributes, every program-level part
 * (<program>, <sla-targets>, <health-rules>, <matching>, <sources>) and
 * only the <account> whose id= is account_id; the other accounts and
 * <unmatched> are left out.  The slice is valid against the same schema
 * and is what an account's review is rendered from.  doc is not
 * modified.  On RP_OK *out is a new document owned by the caller
 * (xmlFreeDoc()); an account_id the document does not hold is
 * RP_ERR_INPUT naming it.
 */
enum rp_status rp_merge_account_slice(xmlDoc *doc, const char *account_id,
                                      xmlDoc **out,
                                      struct rp_error *err) RP_MUST_CHECK;

/*
 * Validates doc against the RELAX NG schema at schema_path (what
 * rp_merge_build() does with options.schema_path): a document that does
 * not satisfy it is our bug, RP_ERR_INTERNAL naming the offending node.
 */
enum rp_status rp_merge_validate(xmlDoc *doc, const char *schema_path,
                                 struct rp_error *err) RP_MUST_CHECK;

/*
 * rp_merge_validate() of doc without the <account> elements (children of
 * the root, counted from 0 in document order) that known[i] says are
 * known to be valid already, i < n_known; the others and everything else
 * are checked.  Each account is valid or not by itself (the schema has
 * them as zeroOrMore of one pattern), so what was checked once need not
 * be again.  doc is changed while it runs (those accounts are unlinked)
 * and given back as it was; an offending node is named as it stands in
 * the whole document.
 */
enum rp_status rp_merge_validate_some(xmlDoc *doc, const char *schema_path,
                                      const bool *known, size_t n_known,
                                      struct rp_error *err) RP_MUST_CHECK;

/* An account's latest review request, as the status report shows it. */
struct rp_merge_request {
    const char *account, *name;
    int year;
    const char *stage;                 /* requested, ..., delivered */
    const char *since, *meeting, *due; /* YYYY-MM-DD */
    const char *waits_on;              /* who must act next, readable */
    bool overdue;
    int approval_waiting_days; /* 0 unless in review too long */
    /* Print and shipment: the print deadline, the day shipped (NULL if
     * not), at risk (not shipped, the deadline near); sections with no
     * contribution stored, until approval. */
    const char *print_deadline;
    const char *shipped;
    bool at_risk;
    int contributions_missing;
};

/*
 * Appends <requests> (docs/data-contract.md) to a merged document: the
 * program's side of the status report.  The strings are copied.
 */
enum rp_status rp_merge_add_requests(xmlDoc *doc,
                                     const struct rp_merge_request *requests,
                                     size_t n, int approval_wait_days,
                                     struct rp_error *err) RP_MUST_CHECK;

/* An open follow-up of an account's meeting, for the status report. */
struct rp_merge_open_followup {
    const char *account, *name;
    int year;
    struct rp_merge_followup f; /* status "open" or "overdue" */
};

/*
 * Appends <follow-ups> (docs/data-contract.md) after <requests>: every
 * open follow-up, by account.  The strings are copied.
 */
enum rp_status
rp_merge_add_followups(xmlDoc *doc, const struct rp_merge_open_followup *items,
                       size_t n, struct rp_error *err) RP_MUST_CHECK;

#endif
