/* Support metrics: calendar, SLA rule, percentiles, health rules. */
#include "metrics.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/* ---- calendar ---- */

/* Floor division, so that times before 1970 fall on the right day. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int64_t *m, int64_t *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int64_t rp_merge_month_of(int64_t t)
{
    int64_t y, m, d;

    civil_from_days(floor_div(t, RP_MERGE_SECONDS_PER_DAY), &y, &m, &d);
    return y * 12 + (m - 1);
}

int64_t rp_merge_month_start(int64_t ym)
{
    int64_t y = floor_div(ym, 12);
    int64_t m = ym - y * 12 + 1;

    return days_from_civil(y, m, 1) * RP_MERGE_SECONDS_PER_DAY;
}

void rp_merge_month_key(int64_t ym, char *buf, size_t size)
{
    int64_t y = floor_div(ym, 12);

    snprintf(buf, size, "%04" PRId64 "-%02" PRId64, y, ym - y * 12 + 1);
}

void rp_merge_month_label(int64_t ym, char *buf, size_t size)
{
    /* English short names: labels for other languages belong in templates,
     * which have month= to work from. */
    static const char *const names[12] = {"Jan", "Feb", "Mar", "Apr",
                                          "May", "Jun", "Jul", "Aug",
                                          "Sep", "Oct", "Nov", "Dec"};
    int64_t y = floor_div(ym, 12);

    snprintf(buf, size, "%s %04" PRId64, names[ym - y * 12], y);
}

void rp_merge_fmt_date(int64_t t, char *buf, size_t size)
{
    int64_t y, m, d;

    civil_from_days(floor_div(t, RP_MERGE_SECONDS_PER_DAY), &y, &m, &d);
    snprintf(buf, size, "%04" PRId64 "-%02" PRId64 "-%02" PRId64, y, m, d);
}

void rp_merge_fmt_time(int64_t t, char *buf, size_t size)
{
    int64_t day = floor_div(t, RP_MERGE_SECONDS_PER_DAY);
    int64_t sec = t - day * RP_MERGE_SECONDS_PER_DAY;
    int64_t y, m, d;

    civil_from_days(day, &y, &m, &d);
    snprintf(buf, size,
             "%04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRId64
             ":%02" PRId64 ":%02" PRId64 "Z",
             y, m, d, sec / 3600, sec / 60 % 60, sec % 60);
}

/* ---- numbers ---- */

/* Printed from integers: printf("%.1f") would follow LC_NUMERIC. */
void rp_merge_fmt_ratio1(uint64_t num, uint64_t den, char *buf, size_t size)
{
    uint64_t tenths = (num * 20 + den) / (2 * den);

    snprintf(buf, size, "%" PRIu64 ".%" PRIu64, tenths / 10, tenths % 10);
}

void rp_merge_fmt_hours(int64_t seconds, char *buf, size_t size)
{
    rp_merge_fmt_ratio1(seconds > 0 ? (uint64_t)seconds : 0,
                        RP_MERGE_SECONDS_PER_HOUR, buf, size);
}

bool rp_merge_fmt_money(double amount, char *buf, size_t size)
{
    long long cents, whole;

    /* 1e15 keeps amount * 100 exact enough and inside long long. */
    if (!isfinite(amount) || fabs(amount) >= 1e15)
        return false;
    cents = llround(amount * 100.0);
    whole = cents / 100;
    snprintf(buf, size, "%s%lld.%02lld", cents < 0 ? "-" : "",
             whole < 0 ? -whole : whole,
             cents < 0 ? -(cents % 100) : cents % 100);
    return true;
}

uint64_t rp_merge_pct_tenths(uint64_t part, uint64_t whole)
{
    return (part * 2000 + whole) / (2 * whole);
}

/* ---- SLA ---- */

/* Calendar hours; a later issue makes these configurable per contract. */
static const struct rp_merge_sla_target sla_targets[RP_PRIORITY_COUNT] = {
    {RP_PRIORITY_P1, 1, 8},
    {RP_PRIORITY_P2, 4, 24},
    {RP_PRIORITY_P3, 8, 72},
    {RP_PRIORITY_P4, 24, 120},
};

const struct rp_merge_sla_target *rp_merge_sla_target(enum rp_priority p)
{
    return &sla_targets[p - 1];
}

/* One deadline: on time, late, or not yet decidable. */
static enum rp_merge_sla deadline_outcome(int64_t event, int64_t due,
                                          int64_t period_end)
{
    if (event != RP_TIME_NONE)
        return event <= due ? RP_MERGE_SLA_MET : RP_MERGE_SLA_BREACHED;
    /* Missing: late only once the deadline passed within the period. */
    return due < period_end ? RP_MERGE_SLA_BREACHED : RP_MERGE_SLA_PENDING;
}

enum rp_merge_sla rp_merge_sla_classify(const struct rp_ticket *t,
                                        int64_t period_end)
{
    const struct rp_merge_sla_target *target = rp_merge_sla_target(t->priority);
    enum rp_merge_sla fr = deadline_outcome(
        t->first_response,
        t->created + target->first_response_hours * RP_MERGE_SECONDS_PER_HOUR,
        period_end);
    enum rp_merge_sla res = deadline_outcome(
        t->resolved,
        t->created + target->resolution_hours * RP_MERGE_SECONDS_PER_HOUR,
        period_end);

    if (fr == RP_MERGE_SLA_BREACHED || res == RP_MERGE_SLA_BREACHED)
        return RP_MERGE_SLA_BREACHED;
    if (fr == RP_MERGE_SLA_PENDING || res == RP_MERGE_SLA_PENDING)
        return RP_MERGE_SLA_PENDING;
    return RP_MERGE_SLA_MET;
}

const char *rp_merge_sla_name(enum rp_merge_sla sla)
{
    switch (sla) {
    case RP_MERGE_SLA_MET:
        return "met";
    case RP_MERGE_SLA_BREACHED:
        return "breached";
    case RP_MERGE_SLA_PENDING:
        break;
    }
    return "pending";
}

bool rp_merge_open_at_end(const struct rp_ticket *t, int64_t period_end)
{
    return t->resolved == RP_TIME_NONE || t->resolved >= period_end;
}

/* ---- aggregation ---- */

static void durations_add(struct rp_merge_durations *d, int64_t seconds)
{
    rp_array_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
    d->v[d->n++] = seconds < 0 ? 0 : seconds;
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

bool rp_merge_percentile(struct rp_merge_durations *d, unsigned pct,
                         int64_t *out)
{
    size_t rank;

    if (d->n == 0)
        return false;
    qsort(d->v, d->n, sizeof(*d->v), cmp_int64);
    /* Nearest rank: the smallest value with at least pct% at or below. */
    rank = (pct * d->n + 99) / 100;
    if (rank < 1)
        rank = 1;
    *out = d->v[rank - 1];
    return true;
}

void rp_merge_agg_init(struct rp_merge_agg *agg, int64_t first_month,
                       size_t n_months)
{
    memset(agg, 0, sizeof(*agg));
    agg->first_month = first_month;
    agg->n_months = n_months;
    agg->months = rp_xcalloc(n_months, sizeof(*agg->months));
}

void rp_merge_agg_release(struct rp_merge_agg *agg)
{
    size_t i;

    free(agg->first_response.v);
    free(agg->resolution.v);
    for (i = 0; i < RP_PRIORITY_COUNT; i++) {
        free(agg->prio_first_response[i].v);
        free(agg->prio_resolution[i].v);
    }
    free(agg->months);
    free(agg->category_names);
    free(agg->categories);
    memset(agg, 0, sizeof(*agg));
}

static void counts_add(struct rp_merge_counts *c, enum rp_merge_sla sla,
                       bool open)
{
    c->tickets++;
    if (sla == RP_MERGE_SLA_MET)
        c->met++;
    else if (sla == RP_MERGE_SLA_BREACHED)
        c->breached++;
    else
        c->pending++;
    if (open)
        c->open_at_end++;
}

void rp_merge_agg_add(struct rp_merge_agg *agg, const struct rp_ticket *t,
                      int64_t period_end)
{
    size_t p = (size_t)t->priority - 1;
    enum rp_merge_sla sla = rp_merge_sla_classify(t, period_end);
    bool open = rp_merge_open_at_end(t, period_end);
    int64_t month = rp_merge_month_of(t->created) - agg->first_month;

    counts_add(&agg->all, sla, open);
    counts_add(&agg->prio[p], sla, open);
    if (t->first_response != RP_TIME_NONE) {
        durations_add(&agg->first_response, t->first_response - t->created);
        durations_add(&agg->prio_first_response[p],
                      t->first_response - t->created);
    }
    if (t->resolved != RP_TIME_NONE) {
        durations_add(&agg->resolution, t->resolved - t->created);
        durations_add(&agg->prio_resolution[p], t->resolved - t->created);
    }
    if (month >= 0 && (uint64_t)month < agg->n_months)
        agg->months[month][p]++;
    rp_array_grow((void **)&agg->category_names, &agg->cap_category_names,
                  agg->n_category_names + 1, sizeof(*agg->category_names));
    agg->category_names[agg->n_category_names++] = t->category;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_category(const void *a, const void *b)
{
    const struct rp_merge_category *x = a, *y = b;

    if (x->tickets != y->tickets)
        return x->tickets > y->tickets ? -1 : 1;
    return strcmp(x->name, y->name);
}

void rp_merge_agg_finish(struct rp_merge_agg *agg)
{
    size_t i;

    /* Sorting the names and counting runs stays O(n log n) however many
     * distinct categories an export invents. */
    if (agg->n_category_names > 1)
        qsort(agg->category_names, agg->n_category_names,
              sizeof(*agg->category_names), cmp_name);
    agg->categories =
        rp_xcalloc(agg->n_category_names, sizeof(*agg->categories));
    agg->n_categories = 0;
    for (i = 0; i < agg->n_category_names; i++) {
        if (agg->n_categories == 0 ||
            strcmp(agg->categories[agg->n_categories - 1].name,
                   agg->category_names[i]) != 0) {
            agg->categories[agg->n_categories].name = agg->category_names[i];
            agg->categories[agg->n_categories].tickets = 0;
            agg->n_categories++;
        }
        agg->categories[agg->n_categories - 1].tickets++;
    }
    if (agg->n_categories > 1)
        qsort(agg->categories, agg->n_categories, sizeof(*agg->categories),
              cmp_category);
}

bool rp_merge_agg_sla_tenths(const struct rp_merge_counts *c, uint64_t *tenths)
{
    uint64_t decided = (uint64_t)c->met + (uint64_t)c->breached;

    if (decided == 0)
        return false;
    *tenths = rp_merge_pct_tenths(c->met, decided);
    return true;
}

/* ---- health ---- */

/* Points below the SLA target at which an account becomes unstable. */
#define HEALTH_UNSTABLE_MARGIN_PCT 10
/* P1 tickets in the period from which an account is watched. */
#define HEALTH_WATCH_P1_TICKETS 3

/*
 * A rule applies or not; when it does it writes its reason, a sentence
 * shown to the customer's account team as is.  Decisions use the SLA %
 * rounded to tenths, the same number the document shows, so that a reader
 * never sees "90.0% is below the 90% target".
 */
struct health_rule {
    enum rp_merge_health level;
    bool (*applies)(const struct rp_merge_agg *agg, char *reason, size_t size);
};

static bool sla_far_below_target(const struct rp_merge_agg *agg, char *reason,
                                 size_t size)
{
    uint64_t tenths;

    if (!rp_merge_agg_sla_tenths(&agg->all, &tenths) ||
        tenths >= (RP_MERGE_SLA_TARGET_PCT - HEALTH_UNSTABLE_MARGIN_PCT) * 10)
        return false;
    snprintf(reason, size,
             "SLA compliance %" PRIu64 ".%" PRIu64
             "%% is more than %d points below the %d%% target",
             tenths / 10, tenths % 10, HEALTH_UNSTABLE_MARGIN_PCT,
             RP_MERGE_SLA_TARGET_PCT);
    return true;
}

static bool p1_open_at_end(const struct rp_merge_agg *agg, char *reason,
                           size_t size)
{
    size_t n = agg->prio[RP_PRIORITY_P1 - 1].open_at_end;

    if (n == 0)
        return false;
    snprintf(reason, size,
             "%zu P1 ticket%s still open at the end of the period", n,
             n == 1 ? " was" : "s were");
    return true;
}

static bool sla_below_target(const struct rp_merge_agg *agg, char *reason,
                             size_t size)
{
    uint64_t tenths;

    if (!rp_merge_agg_sla_tenths(&agg->all, &tenths) ||
        tenths >= RP_MERGE_SLA_TARGET_PCT * 10 ||
        tenths < (RP_MERGE_SLA_TARGET_PCT - HEALTH_UNSTABLE_MARGIN_PCT) * 10)
        return false;
    snprintf(reason, size,
             "SLA compliance %" PRIu64 ".%" PRIu64
             "%% is below the %d%% target",
             tenths / 10, tenths % 10, RP_MERGE_SLA_TARGET_PCT);
    return true;
}

static bool many_p1(const struct rp_merge_agg *agg, char *reason, size_t size)
{
    size_t n = agg->prio[RP_PRIORITY_P1 - 1].tickets;

    if (n < HEALTH_WATCH_P1_TICKETS)
        return false;
    snprintf(reason, size, "%zu P1 tickets were raised in the period", n);
    return true;
}

/* The health rules, in the order their reasons are listed.  The account's
 * health is the worst level among the rules that apply; stable if none. */
static const struct health_rule health_rules[] = {
    {RP_MERGE_HEALTH_UNSTABLE, sla_far_below_target},
    {RP_MERGE_HEALTH_UNSTABLE, p1_open_at_end},
    {RP_MERGE_HEALTH_WATCH, sla_below_target},
    {RP_MERGE_HEALTH_WATCH, many_p1},
};

void rp_merge_health_assess(const struct rp_merge_agg *agg,
                            struct rp_merge_assessment *out)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    out->health = RP_MERGE_HEALTH_STABLE;
    for (i = 0; i < sizeof(health_rules) / sizeof(health_rules[0]); i++) {
        if (out->n_reasons == RP_MERGE_MAX_REASONS)
            break;
        if (!health_rules[i].applies(agg, out->reasons[out->n_reasons],
                                     RP_MERGE_REASON_LEN))
            continue;
        out->n_reasons++;
        if (health_rules[i].level > out->health)
            out->health = health_rules[i].level;
    }
}

const char *rp_merge_health_name(enum rp_merge_health health)
{
    switch (health) {
    case RP_MERGE_HEALTH_UNSTABLE:
        return "unstable";
    case RP_MERGE_HEALTH_WATCH:
        return "watch";
    case RP_MERGE_HEALTH_STABLE:
        break;
    }
    return "stable";
}
