/*
 * Configuration of the merge stage: SLA targets and the working-hours
 * calendar (sla.xml), the health rules (health.xml) and the explicit
 * account-id mappings (account-map.csv), all in one directory the
 * administrator edits.  Private to pipeline/merge/; the formats are
 * documented in docs/data-contract.md ("Configuration") and the shipped
 * files under config/ are their examples.
 *
 * Every file is optional: an absent file leaves the built-in default in
 * force (calendar-hour targets P1 1/8 h, P2 4/24, P3 8/72, P4 24/120 at
 * 90%, a Monday-Friday 09:00-17:00 UTC calendar, the health rules of
 * docs/data-contract.md, no mappings).  A file that is present but wrong
 * is an RP_ERR_INPUT naming the file, line and attribute.
 *
 * Ownership: an rp_merge_config owns everything it points to; release it
 * with rp_merge_config_release().
 */
#ifndef RP_MERGE_CONFIG_H
#define RP_MERGE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "import/import.h"

#define RP_MERGE_SOURCE_LEN 512

/* ---- SLA targets and the working-hours calendar ---- */

enum rp_merge_basis {
    RP_MERGE_BASIS_CALENDAR, /* every hour counts, 24 x 7 */
    RP_MERGE_BASIS_BUSINESS, /* only the calendar's working hours count */
};

struct rp_merge_target {
    char *tier; /* "" for the default of every tier */
    enum rp_priority priority;
    int64_t first_response_hours;
    int64_t resolution_hours;
    enum rp_merge_basis basis;
};

struct rp_merge_holiday {
    int64_t day; /* local calendar day: days since 1970-01-01 */
    char *name;
};

struct rp_merge_calendar {
    char time_zone[64]; /* IANA name ("Europe/Berlin"); "UTC" by default */
    bool workday[7];    /* index 0 = Monday */
    int32_t open;       /* seconds after local midnight work starts */
    int32_t close;      /* ... and ends; open < close */
    struct rp_merge_holiday *holidays; /* sorted by day, no duplicates */
    size_t n_holidays;
    /*
     * UTC offset in seconds of each local day first_day .. first_day +
     * n_offsets - 1, taken at local noon; days outside use the nearest
     * end.  Filled by rp_merge_calendar_prepare().
     */
    int64_t first_day;
    int32_t *offsets;
    size_t n_offsets;
};

struct rp_merge_sla_config {
    char source[RP_MERGE_SOURCE_LEN]; /* file read, or "built-in" */
    unsigned compliance_target_pct;
    enum rp_merge_basis basis;       /* the file's default basis */
    struct rp_merge_target *targets; /* defaults (tier "") first, P1..P4 */
    size_t n_targets;
    struct rp_merge_calendar calendar;
};

/* ---- health rules ---- */

enum rp_merge_health {
    RP_MERGE_HEALTH_STABLE,
    RP_MERGE_HEALTH_WATCH,
    RP_MERGE_HEALTH_UNSTABLE,
};
#define RP_MERGE_HEALTH_COUNT 3

enum rp_merge_rule_kind {
    RP_MERGE_RULE_SLA_BELOW_TARGET,   /* points */
    RP_MERGE_RULE_OPEN_P1,            /* min */
    RP_MERGE_RULE_P1_RAISED,          /* min */
    RP_MERGE_RULE_OVERDUE_MILESTONES, /* min */
    RP_MERGE_RULE_HIGH_RISKS,         /* min */
    RP_MERGE_RULE_ESCALATED,          /* min */
    RP_MERGE_RULE_REOPENED,           /* min */
    RP_MERGE_RULE_AGED_BACKLOG,       /* days, min */
};

struct rp_merge_rule {
    enum rp_merge_rule_kind kind;
    enum rp_merge_health level;
    int64_t min;    /* count at which the rule applies */
    int64_t points; /* percentage points below the target */
    int64_t days;   /* age in days */
};

struct rp_merge_health_config {
    char source[RP_MERGE_SOURCE_LEN];
    struct rp_merge_rule *rules; /* in the order reasons are listed */
    size_t n_rules;
};

/* ---- account-id mappings ---- */

enum rp_merge_key {
    RP_MERGE_KEY_ACCOUNT_ID,  /* an account id the CRM no longer knows */
    RP_MERGE_KEY_EXTERNAL_ID, /* the ticketing system's organisation id */
    RP_MERGE_KEY_DOMAIN,      /* normalised domain */
    RP_MERGE_KEY_NAME,        /* normalised organisation name */
};

struct rp_merge_mapping {
    enum rp_merge_key key;
    char *system; /* lower case; "" matches every source system */
    char *value;  /* normalised as its key requires */
    char *account_id;
    long line;
};

struct rp_merge_map_config {
    char source[RP_MERGE_SOURCE_LEN]; /* file read, or "" for none */
    struct rp_merge_mapping *entries; /* sorted by key, value, system */
    size_t n_entries;
};

struct rp_merge_config {
    struct rp_merge_sla_config sla;
    struct rp_merge_health_config health;
    struct rp_merge_map_config map;
};

/*
 * Loads dir/sla.xml, dir/health.xml and dir/account-map.csv (dir NULL:
 * defaults only).  On failure cfg holds nothing to release.
 */
enum rp_status rp_merge_config_load(struct rp_merge_config *cfg,
                                    const char *dir,
                                    struct rp_error *err) RP_MUST_CHECK;
/* Built-in defaults, as if dir held no file. */
void rp_merge_config_defaults(struct rp_merge_config *cfg);
void rp_merge_config_release(struct rp_merge_config *cfg);

/*
 * The target for a ticket of priority p of an account of tier: the
 * tier's own (case-insensitive) if the file gives one, else the default.
 * Never NULL.
 */
const struct rp_merge_target *
rp_merge_config_target(const struct rp_merge_sla_config *sla, const char *tier,
                       enum rp_priority p);

/*
 * Fills the calendar's UTC offsets for the local days around [from, to]
 * (Unix seconds), reading the time zone database through the C library.
 */
enum rp_status rp_merge_calendar_prepare(struct rp_merge_calendar *cal,
                                         int64_t from, int64_t to,
                                         struct rp_error *err) RP_MUST_CHECK;

/*
 * Working seconds of cal in [from, to), counted only up to cap + 1 (so
 * that "more than cap" is cheap to decide for a ticket open for years).
 * 0 when to <= from.
 */
int64_t rp_merge_business_seconds(const struct rp_merge_calendar *cal,
                                  int64_t from, int64_t to, int64_t cap);

const char *rp_merge_basis_name(enum rp_merge_basis basis);
const char *rp_merge_rule_name(enum rp_merge_rule_kind kind);
const char *rp_merge_health_name(enum rp_merge_health health);
const char *rp_merge_key_name(enum rp_merge_key key);

#endif
