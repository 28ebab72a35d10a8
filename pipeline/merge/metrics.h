/*
 * Support metrics of the merge stage: calendar arithmetic, the SLA rule,
 * percentiles, the health rules and the fixed-precision number formats of
 * review-data XML.  Private to pipeline/merge/ (merge.h is the stage's
 * public interface); kept apart from merge.c so that the rules a reader of
 * docs/data-contract.md asks about live in one short file.
 *
 * Every rule here is stated in docs/data-contract.md; change both together.
 * Nothing here depends on the locale or the time zone: dates are computed
 * in UTC with integer arithmetic and numbers are printed from integers, so
 * the same input always gives the same bytes.
 */
#ifndef RP_MERGE_METRICS_H
#define RP_MERGE_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "import/import.h"

#define RP_MERGE_SECONDS_PER_DAY 86400
#define RP_MERGE_SECONDS_PER_HOUR 3600

/* Room for "YYYY-MM-DDTHH:MM:SSZ" of any int64 time, with slack. */
#define RP_MERGE_TIME_LEN 40
/* Room for any number printed by the rp_merge_fmt_* functions. */
#define RP_MERGE_NUM_LEN 48

/* ---- calendar (proleptic Gregorian, UTC) ---- */

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

struct rp_merge_sla_target {
    enum rp_priority priority;
    int64_t first_response_hours;
    int64_t resolution_hours;
};

/* The one table of SLA targets, indexed by priority - 1. */
const struct rp_merge_sla_target *rp_merge_sla_target(enum rp_priority p);

/* Share of decided tickets (met / (met + breached)) that must meet SLA. */
#define RP_MERGE_SLA_TARGET_PCT 90

enum rp_merge_sla {
    RP_MERGE_SLA_MET,
    RP_MERGE_SLA_BREACHED,
    RP_MERGE_SLA_PENDING,
};

/* Classifies ticket t for a period ending (exclusive) at period_end. */
enum rp_merge_sla rp_merge_sla_classify(const struct rp_ticket *t,
                                        int64_t period_end);
const char *rp_merge_sla_name(enum rp_merge_sla sla);

/* Open at the end of the period: not resolved before period_end. */
bool rp_merge_open_at_end(const struct rp_ticket *t, int64_t period_end);

/* ---- aggregation ---- */

/* A growable list of durations in seconds. */
struct rp_merge_durations {
    int64_t *v;
    size_t n, cap;
};

/* Nearest-rank percentile pct (1..100), sorting d in place; false when
 * the list is empty. */
bool rp_merge_percentile(struct rp_merge_durations *d, unsigned pct,
                         int64_t *out);

struct rp_merge_counts {
    size_t tickets;
    size_t met, breached, pending;
    size_t open_at_end;
};

struct rp_merge_category {
    const char *name; /* borrowed from the dataset */
    size_t tickets;
};

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
    const char **category_names;         /* one per ticket until finished */
    size_t n_category_names, cap_category_names;
    struct rp_merge_category *categories; /* by count desc, then name */
    size_t n_categories;
};

/* The agg owns its arrays: release with rp_merge_agg_release(). */
void rp_merge_agg_init(struct rp_merge_agg *agg, int64_t first_month,
                       size_t n_months);
void rp_merge_agg_release(struct rp_merge_agg *agg);
/* Counts t, which must have been created within [start, end). */
void rp_merge_agg_add(struct rp_merge_agg *agg, const struct rp_ticket *t,
                      int64_t period_end);
/* Sorts the categories; call once after the last rp_merge_agg_add(). */
void rp_merge_agg_finish(struct rp_merge_agg *agg);
/* SLA met % in tenths; false when no ticket is decided (met or breached). */
bool rp_merge_agg_sla_tenths(const struct rp_merge_counts *c, uint64_t *tenths);

/* ---- health ---- */

enum rp_merge_health {
    RP_MERGE_HEALTH_STABLE,
    RP_MERGE_HEALTH_WATCH,
    RP_MERGE_HEALTH_UNSTABLE,
};
#define RP_MERGE_HEALTH_COUNT 3

#define RP_MERGE_MAX_REASONS 8
#define RP_MERGE_REASON_LEN 160

struct rp_merge_assessment {
    enum rp_merge_health health;
    size_t n_reasons;
    char reasons[RP_MERGE_MAX_REASONS][RP_MERGE_REASON_LEN];
};

/* Applies the health rules table to one account's aggregate. */
void rp_merge_health_assess(const struct rp_merge_agg *agg,
                            struct rp_merge_assessment *out);
const char *rp_merge_health_name(enum rp_merge_health health);

#endif
