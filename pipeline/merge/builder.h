/*
 * Inside the merge stage: what the files that build review data share and
 * nobody outside pipeline/merge/ sees (merge.h is the stage's interface;
 * config.h, match.h and metrics.h hold the rules the build applies).
 *
 * rp_merge_build() (merge.c) checks its input (validate.c), chooses the
 * review period (period.c), joins tickets to accounts and adds them up
 * (support.c), places every other record (plan.c) and assesses each
 * account's health (account.c).  Then it writes the document: the parts
 * that are no one account's (program.c), one <account> each (account.c,
 * with support.c, plan.c and contributions.c), and <sources>
 * (document.c); last, it validates the document against the schema
 * (validate.c).  rp_merge_prepare() stops before the writing, so that a
 * run writes one account's document at a time (rp_merge_account_doc())
 * and a summary without tickets for the status report.  slice.c cuts one
 * account out of a finished document.
 *
 * Elements and attributes are made only through the helpers of
 * document.c.  libxml2 fails only when out of memory, which mem.h treats
 * as fatal everywhere, so the helpers never fail; the nodes they return
 * belong to the document they were added to.
 */
#ifndef RP_MERGE_BUILDER_H
#define RP_MERGE_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "common/error.h"
#include "common/hash.h"
#include "config.h"
#include "import/import.h"
#include "match.h"
#include "merge.h"
#include "metrics.h"

/* Timestamps we accept: years 0001..9999, so every date prints as four
 * digits and no difference of two timestamps can overflow. */
#define RP_MERGE_TIME_MIN INT64_C(-62135596800) /* 0001-01-01T00:00:00Z */
#define RP_MERGE_TIME_MAX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

/* ---- document.c: the document under construction ---- */

/* s, or "" for NULL: records may leave strings NULL. */
const char *rp_merge_str(const char *s);
/* p, which libxml2 returned; aborts when it is NULL (out of memory). */
void *rp_merge_must(void *p);

/* A new child element of parent, empty or holding text (escaped). */
xmlNode *rp_merge_add_node(xmlNode *parent, const char *name);
xmlNode *rp_merge_add_text_node(xmlNode *parent, const char *name,
                                const char *text);

/* Attributes in the contract's formats.  set_opt_attr, set_time,
 * set_date, set_pct and set_percentile leave the attribute out when there
 * is no value (empty text, RP_TIME_NONE, nothing decided, nothing to
 * measure). */
void rp_merge_set_attr(xmlNode *node, const char *name, const char *value);
void rp_merge_set_opt_attr(xmlNode *node, const char *name, const char *value);
void rp_merge_set_size(xmlNode *node, const char *name, size_t value);
void rp_merge_set_int(xmlNode *node, const char *name, int64_t value);
void rp_merge_set_yes_no(xmlNode *node, const char *name, bool value);
void rp_merge_set_time(xmlNode *node, const char *name, int64_t t);
void rp_merge_set_date(xmlNode *node, const char *name, int64_t t);
void rp_merge_set_hours(xmlNode *node, const char *name, int64_t seconds);
void rp_merge_set_money(xmlNode *node, const char *name, double amount);
/* SLA met % of met / (met + breached). */
void rp_merge_set_pct(xmlNode *node, const char *name, size_t met,
                      size_t breached);
/* Percentile pct of d, in hours; sorts d. */
void rp_merge_set_percentile(xmlNode *node, const char *name,
                             const struct rp_merge_durations *d, unsigned pct);

/*
 * Every record element carries src="fN:LINE", fN being the id of a
 * <file> under <sources>.  Records point into data->source_files; hand
 * built datasets may name other strings, which are added as they come.
 * The paths are borrowed; the array is freed with free().
 */
struct rp_merge_sources {
    const char **paths;
    size_t n, cap;
    size_t last; /* the previous lookup: records come in runs */
};

void rp_merge_set_src(xmlNode *node, struct rp_merge_sources *s,
                      const char *file, long line);
/* Gives path the next id unless it has one. */
void rp_merge_register_source(struct rp_merge_sources *s, const char *path);

/* ---- the state of one build ---- */

/* The review period: [start, end), n_months months from first_month. */
struct rp_merge_period {
    int64_t start, end; /* [start, end) */
    int64_t first_month;
    size_t n_months;
};

/* A growable list of record indexes; v is freed with free(). */
struct rp_merge_idx_list {
    size_t *v;
    size_t n, cap;
};

void rp_merge_idx_add(struct rp_merge_idx_list *l, size_t i);

/* Per account, in document order: its records and what they add up to. */
struct rp_merge_report {
    size_t account;                   /* index into data->accounts */
    struct rp_merge_idx_list tickets; /* in period, in document order */
    struct rp_merge_idx_list backlog; /* open at period end, likewise */
    struct rp_merge_idx_list contacts, opportunities, milestones, risks, roles;
    struct rp_merge_agg agg;
    struct rp_merge_assessment health;
    size_t overdue, high_risks;
    /* Why the account's document cannot be written (a stored contribution
     * that is not text), or NULL; malloc'd. */
    struct rp_error *error;
};

/* One contribution of one account, read at prepare time: the stored one
 * (borrowed from the options) or the file's text and path (owned). */
struct rp_merge_text {
    const struct rp_merge_contribution *stored;
    char *text, *path;
};

/* Everything one build holds; released in one place (merge.c). */
struct rp_merge_builder {
    const struct rp_dataset *data;
    const struct rp_merge_options *opt;
    struct rp_merge_config cfg;
    bool cfg_loaded;
    struct rp_merge_matcher matcher;
    bool matcher_ready;
    struct rp_merge_period p;
    size_t *by_name, *tickets, *slot, *projects_by_id;
    struct rp_merge_match_result *match; /* per ticket */
    struct rp_merge_ticket_sla *sla;     /* per ticket of the period */
    struct rp_merge_report *reports;
    struct rp_merge_agg program;
    struct rp_merge_idx_list unmatched;
    /* Plan records with an account id the CRM does not know. */
    struct rp_merge_idx_list orphan_contacts, orphan_opportunities,
        orphan_milestones, orphan_risks, orphan_roles, orphan_projects;
    struct rp_merge_idx_list program_milestones, program_risks, program_roles;
    size_t outside, by_how[RP_MERGE_MATCH_COUNT];
    size_t health_count[RP_MERGE_HEALTH_COUNT];
    size_t contributions, contributions_failed;
    /* Per account (document order) and kind: n_accounts x kinds. */
    struct rp_merge_text *texts;
    struct rp_merge_sources sources;
};

/* What rp_merge_prepare() hands out: a finished build, before any XML. */
struct rp_merged {
    struct rp_merge_builder b;
    struct rp_merge_stats stats;
    xmlDoc *schema_doc; /* the schema, parsed once for every document */
    struct _xmlRelaxNG *schema;
    /* What every account's inputs digest starts with (inputs.c), made
     * when first asked: "" until then. */
    char inputs_base[RP_SHA256_HEX_SIZE];
};

/* ---- the steps of a build, in order ---- */

/* validate.c: every record's text, times, amounts and enumerations, and
 * no account id twice (by_id: account indexes sorted by id). */
enum rp_status rp_merge_check_dataset(const struct rp_dataset *data,
                                      const size_t *by_id,
                                      struct rp_error *err) RP_MUST_CHECK;
/* validate.c: s (NULL counts as empty) is UTF-8 that XML can carry; an
 * error names file, line and field. */
enum rp_status rp_merge_check_text(const char *s, const char *file, long line,
                                   const char *field,
                                   struct rp_error *err) RP_MUST_CHECK;

/* period.c */
enum rp_status rp_merge_choose_period(const struct rp_dataset *data,
                                      const struct rp_merge_options *opt,
                                      struct rp_merge_period *p,
                                      struct rp_error *err) RP_MUST_CHECK;
bool rp_merge_in_period(const struct rp_merge_period *p,
                        const struct rp_ticket *t);

/* support.c: matches every ticket, fills the reports' and the program's
 * figures. */
void rp_merge_aggregate(struct rp_merge_builder *b);
/* plan.c: places every record that is not a ticket. */
void rp_merge_distribute_plan(struct rp_merge_builder *b);
/* account.c: each account's health, after the two steps above. */
void rp_merge_assess(struct rp_merge_builder *b);

/* ---- the elements, in document order ---- */

/* program.c */
void rp_merge_emit_program(xmlNode *root, struct rp_merge_builder *b);
void rp_merge_emit_sla_targets(xmlNode *root,
                               const struct rp_merge_sla_config *s);
void rp_merge_emit_health_rules(xmlNode *root,
                                const struct rp_merge_health_config *h);
void rp_merge_emit_matching(xmlNode *root, struct rp_merge_builder *b);
void rp_merge_emit_unmatched(xmlNode *root, struct rp_merge_builder *b);

/* account.c: summary leaves out the records (contacts, opportunities,
 * tickets, backlog items, contributions) and keeps the figures. */
enum rp_status rp_merge_emit_account(xmlNode *root, struct rp_merge_builder *b,
                                     struct rp_merge_report *r, bool summary,
                                     struct rp_error *err) RP_MUST_CHECK;

/* support.c */
void rp_merge_set_counts(xmlNode *n, const struct rp_merge_counts *c);
void rp_merge_emit_breakdown(xmlNode *parent, struct rp_merge_agg *agg,
                             const struct rp_merge_sla_config *sla,
                             const char *tier);
void rp_merge_emit_ticket(xmlNode *parent, struct rp_merge_builder *b,
                          size_t index);
void rp_merge_emit_unmatched_ticket(xmlNode *parent, struct rp_merge_builder *b,
                                    size_t index);
void rp_merge_emit_backlog_items(xmlNode *support, struct rp_merge_builder *b,
                                 const struct rp_merge_idx_list *backlog);

/* plan.c */
void rp_merge_emit_project(xmlNode *parent, struct rp_merge_builder *b,
                           const struct rp_project *p);
void rp_merge_emit_milestones(xmlNode *parent, struct rp_merge_builder *b,
                              const struct rp_merge_idx_list *l);
void rp_merge_emit_risks(xmlNode *parent, struct rp_merge_builder *b,
                         const struct rp_merge_idx_list *l);
void rp_merge_emit_roles(xmlNode *parent, struct rp_merge_builder *b,
                         const struct rp_merge_idx_list *l);

/* contributions.c: every account's contributions, read once (counted in
 * b); released with rp_merge_texts_release(). */
void rp_merge_read_contributions(struct rp_merge_builder *b);
void rp_merge_texts_release(struct rp_merge_builder *b);
/* What account slot's contributions say (stored or read from files),
 * fed to h, for rp_merge_account_inputs(). */
struct rp_sha256;
void rp_merge_hash_contributions(struct rp_sha256 *h,
                                 const struct rp_merge_builder *b, size_t slot);
/* <contributions> of the account of r, from what was read; r->error if
 * it has one. */
enum rp_status rp_merge_emit_contributions(xmlNode *acc,
                                           struct rp_merge_builder *b,
                                           const struct rp_merge_report *r,
                                           struct rp_error *err) RP_MUST_CHECK;

/* followups.c: one <follow-up> (id, what, owner, due, status, done-on). */
void rp_merge_emit_followup(xmlNode *parent, const struct rp_merge_followup *f);

/* validate.c: the schema, loaded once; checked against a document. */
enum rp_status rp_merge_schema_load(const char *path, xmlDoc **schema_doc,
                                    struct _xmlRelaxNG **schema,
                                    struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_merge_schema_check(struct _xmlRelaxNG *schema,
                                     const char *path, xmlDoc *doc,
                                     struct rp_error *err) RP_MUST_CHECK;

/* document.c: <sources>, from what rp_merge_set_src() saw; call last. */
void rp_merge_fill_sources(xmlNode *sources, struct rp_merge_builder *b);

#endif
