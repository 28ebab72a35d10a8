/*
 * Support metrics of the merge stage: calendar arithmetic, the SLA rule,
 * percentiles, the health rules and the fixed-precision number formats of
 * review-data XML.  Private to pipeline/merge/ (merge.h is the stage's
 * public interface); kept apart from the files that build the document
 * (builder.h) so that the rules a reader of docs/data-contract.md asks
 * about live in one short file.
 *
 * Every rule here is stated in docs/data-contract.md; change both together.
 * Nothing here depends on the locale or the process's time zone: dates are
 * computed in UTC with integer arithmetic, working hours with the UTC
 * offsets the calendar holds (config.h), and numbers are printed from
 * integers, so the same input always gives the same bytes.
 */
#ifndef RP_MERGE_METRICS_H
#define RP_MERGE_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "import/import.h"

#define RP_MERGE_SECONDS_PER_DAY 86400
#define RP_MERGE_SECONDS_PER_HOUR 3600

/* Room for "YYYY-MM-DDTHH:MM:SSZ" of any int64 time, with slack. */
#define RP_MERGE_TIME_LEN 40
/* Room for any number printed by the rp_merge_fmt_* functions. */
#define RP_MERGE_NUM_LEN 48

/* ---- calendar (proleptic Gregorian, UTC) ---- */

/* Floor division (b > 0), so that times before 1970 fall on the right day. */
int64_t rp_merge_floor_div(int64_t a, int64_t b);
/* A month as a single counter: year * 12 + (month - 1). */
int64_t rp_merge_month_of(int64_t t);
/* Unix seconds of 00:00:00 UTC on the first day of month index ym. */
int64_t rp_merge_month_start(int64_t ym);
/* "2025-11" and "Nov 2025" for month index ym. */
void rp_merge_month_key(int64_t ym, char *buf, size_t size);
void rp_merge_month_label(int64_t ym, char *buf, size_t size);
/* "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SSZ" for Unix seconds t. */
void rp_merge_fmt_date(int64_t t, char *buf, size_t size);
void rp_merge_fmt_time(int64_t t, char *buf, size_t size);

/* ---- numbers ---- */

/* num / den rounded half up to one decimal: "93.2".  den > 0, num >= 0. */
void rp_merge_fmt_ratio1(uint64_t num, uint64_t den, char *buf, size_t size);
/* Seconds as hours with one decimal ("1.5"); negative counts as 0. */
void rp_merge_fmt_hours(int64_t seconds, char *buf, size_t size);
/* An amount with two decimals ("1250000.00"); false if not representable. */
bool rp_merge_fmt_money(double amount, char *buf, size_t size);
/* Percentage of part in whole in tenths, rounded half up (whole > 0). */
uint64_t rp_merge_pct_tenths(uint64_t part, uint64_t whole);

/* ---- SLA ---- */

enum rp_merge_sla {
    RP_MERGE_SLA_MET,
    RP_MERGE_SLA_BREACHED,
    RP_MERGE_SLA_PENDING, /* no event yet, the deadline not yet passed */
    /* Never decidable: the ticket was solved or closed, but the export
     * does not say when (nor, for the first response, when it was
     * answered).  Neither met nor breached is guessed. */
    RP_MERGE_SLA_UNKNOWN,
};

/* Where a ticket's SLA verdicts come from. */
enum rp_merge_sla_source {
    RP_MERGE_SLA_COMPUTED, /* both from timestamps and the targets */
    RP_MERGE_SLA_EXPORT,   /* both as the export states them */
    RP_MERGE_SLA_MIXED,    /* one each */
};

struct rp_merge_ticket_sla {
    enum rp_merge_sla first_response, resolution;
    enum rp_merge_sla overall; /* breached > pending > unknown > met */
    enum rp_merge_sla_source source;
};

/*
 * Classifies ticket t against target (basis and calendar as the target
 * says) for a period ending (exclusive) at period_end.  The rules are in
 * docs/data-contract.md, "SLA per ticket".
 */
void rp_merge_sla_classify(const struct rp_ticket *t,
                           const struct rp_merge_target *target,
                           const struct rp_merge_calendar *cal,
                           int64_t period_end, struct rp_merge_ticket_sla *out);
const char *rp_merge_sla_name(enum rp_merge_sla sla);
const char *rp_merge_sla_source_name(enum rp_merge_sla_source source);

/* Open at the end of the period: not resolved before period_end.  A
 * ticket solved or closed without a resolution time counts as resolved. */
bool rp_merge_open_at_end(const struct rp_ticket *t, int64_t period_end);
/* Solved or closed, but the export has no resolution time for it. */
bool rp_merge_closed_no_time(const struct rp_ticket *t);

/* ---- aggregation ---- */

/* A growable list of durations in seconds. */
struct rp_merge_durations {
    int64_t *v;
    size_t n, cap;
    bool sorted; /* v is in order (rp_merge_agg_finish() puts it so) */
};

/* Nearest-rank percentile pct (1..100) of d, which must be in order
 * (an agg once rp_merge_agg_finish() ran); false when the list is empty. */
bool rp_merge_percentile(const struct rp_merge_durations *d, unsigned pct,
                         int64_t *out);

struct rp_merge_counts {
    size_t tickets;
    size_t met, breached, pending, unknown; /* overall verdict */
    size_t fr_met, fr_breached, fr_pending, fr_unknown;
    size_t res_met, res_breached, res_pending, res_unknown;
    size_t closed_no_time; /* solved or closed, no resolution time */
    size_t from_export;    /* tickets with at least one verdict exported */
    size_t open_at_end;
    size_t reopened, escalated;
};

struct rp_merge_category {
    const char *name; /* borrowed from the dataset */
    size_t tickets;
};

/* Backlog age buckets, in whole days open at period end. */
#define RP_MERGE_AGE_BUCKETS 4
struct rp_merge_age_bucket {
    const char *label;
    int64_t min_days, max_days; /* max_days -1: no upper bound */
};
extern const struct rp_merge_age_bucket rp_merge_age_buckets[];

/*
 * Everything reported about a set of tickets (one account, or the whole
 * program).  Strings are borrowed from the dataset, which must outlive it.
 */
struct rp_merge_agg {
    struct rp_merge_counts all;
    struct rp_merge_counts prio[RP_PRIORITY_COUNT];
    struct rp_merge_durations first_response, resolution;
    struct rp_merge_durations prio_first_response[RP_PRIORITY_COUNT];
    struct rp_merge_durations prio_resolution[RP_PRIORITY_COUNT];
    int64_t first_month; /* month index of the period's first month */
    size_t n_months;
    size_t (*months)[RP_PRIORITY_COUNT]; /* [n_months][priority - 1] */
    /* [n_months]: tickets whose SLA verdict is met, breached (a month's
     * compliance, as sla-met-pct is the period's). */
    size_t (*month_sla)[2];
    const char **category_names; /* one per ticket until finished */
    size_t n_category_names, cap_category_names;
    struct rp_merge_category *categories; /* by count desc, then name */
    size_t n_categories;
    /* Open at period end, whenever created: [bucket][priority - 1]. */
    size_t backlog[RP_MERGE_AGE_BUCKETS][RP_PRIORITY_COUNT];
    size_t backlog_total;
    struct rp_merge_durations backlog_age_days; /* one per backlog ticket */
};

/* The agg owns its arrays: release with rp_merge_agg_release(). */
void rp_merge_agg_init(struct rp_merge_agg *agg, int64_t first_month,
                       size_t n_months);
void rp_merge_agg_release(struct rp_merge_agg *agg);
/* Counts t, which must have been created within [start, end), with its
 * SLA verdicts. */
void rp_merge_agg_add(struct rp_merge_agg *agg, const struct rp_ticket *t,
                      const struct rp_merge_ticket_sla *sla,
                      int64_t period_end);
/* Counts t in the backlog if it is open at period_end (any creation date
 * before period_end); returns its bucket, or -1 when not in the backlog. */
int rp_merge_agg_add_backlog(struct rp_merge_agg *agg,
                             const struct rp_ticket *t, int64_t period_end);
/* Sorts the categories; call once after the last rp_merge_agg_add(). */
void rp_merge_agg_finish(struct rp_merge_agg *agg);
/* Met % in tenths of met / (met + breached); false when nothing decided. */
bool rp_merge_sla_tenths(size_t met, size_t breached, uint64_t *tenths);

/* ---- health ---- */

#define RP_MERGE_MAX_REASONS 16
#define RP_MERGE_REASON_LEN 200

/* What the health rules look at, for one account. */
struct rp_merge_facts {
    struct rp_merge_agg *agg;
    unsigned target_pct;       /* compliance target */
    size_t overdue_milestones; /* see docs: "Milestones" */
    size_t high_risks;         /* open risks of high severity */
};

struct rp_merge_assessment {
    enum rp_merge_health health;
    size_t n_reasons;
    enum rp_merge_rule_kind rule[RP_MERGE_MAX_REASONS];
    char reasons[RP_MERGE_MAX_REASONS][RP_MERGE_REASON_LEN];
};

/*
 * Applies the configured rules in order.  The account's health is the
 * worst level among the rules that apply, stable if none; each rule that
 * applies adds its reason, except that once a rule of some kind applied,
 * later rules of the same kind are skipped (list the stricter first).
 */
void rp_merge_health_assess(const struct rp_merge_facts *facts,
                            const struct rp_merge_health_config *cfg,
                            struct rp_merge_assessment *out);

#endif
