/* Support metrics: calendar, SLA rule, percentiles, health rules. */
#include "metrics.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/date.h"
#include "common/mem.h"

/* ---- calendar ---- */

int64_t rp_merge_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t rp_merge_month_of(int64_t t)
{
    int64_t y;
    unsigned m, d;

    rp_date_civil_from_days(rp_date_day_of(t), &y, &m, &d);
    return y * 12 + (m - 1);
}

int64_t rp_merge_month_start(int64_t ym)
{
    int64_t y = rp_merge_floor_div(ym, 12);
    int64_t m = ym - y * 12 + 1;

    return rp_date_days_from_civil(y, (unsigned)m, 1) *
           RP_MERGE_SECONDS_PER_DAY;
}

void rp_merge_month_key(int64_t ym, char *buf, size_t size)
{
    int64_t y = rp_merge_floor_div(ym, 12);

    snprintf(buf, size, "%04" PRId64 "-%02" PRId64, y, ym - y * 12 + 1);
}

void rp_merge_month_label(int64_t ym, char *buf, size_t size)
{
    /* English short names: labels for other languages belong in templates,
     * which have month= to work from. */
    static const char *const names[12] = {"Jan", "Feb", "Mar", "Apr",
                                          "May", "Jun", "Jul", "Aug",
                                          "Sep", "Oct", "Nov", "Dec"};
    int64_t y = rp_merge_floor_div(ym, 12);

    snprintf(buf, size, "%s %04" PRId64, names[ym - y * 12], y);
}

/* Years are 0001..9999 (validate.c, period.c). */
void rp_merge_fmt_date(int64_t t, char *buf, size_t size)
{
    char text[RP_DATE_DAY_SIZE];

    rp_date_format_day(rp_date_day_of(t), text);
    snprintf(buf, size, "%s", text);
}

void rp_merge_fmt_time(int64_t t, char *buf, size_t size)
{
    char text[RP_DATE_TIMESTAMP_SIZE];

    rp_date_format_timestamp(t, text);
    snprintf(buf, size, "%s", text);
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

/* One deadline, target seconds after created: on time, late, or not yet
 * decidable at period_end. */
static enum rp_merge_sla deadline_outcome(int64_t created, int64_t event,
                                          int64_t target,
                                          const struct rp_merge_target *tg,
                                          const struct rp_merge_calendar *cal,
                                          int64_t period_end)
{
    int64_t until = event != RP_TIME_NONE ? event : period_end;
    int64_t used;

    if (tg->basis == RP_MERGE_BASIS_BUSINESS)
        used = rp_merge_business_seconds(cal, created, until, target);
    else
        used = until - created;
    if (event != RP_TIME_NONE)
        return used <= target ? RP_MERGE_SLA_MET : RP_MERGE_SLA_BREACHED;
    /* Missing: late only once the deadline passed within the period. */
    return used > target ? RP_MERGE_SLA_BREACHED : RP_MERGE_SLA_PENDING;
}

static enum rp_merge_sla from_flag(enum rp_sla_flag flag)
{
    return flag == RP_SLA_MET ? RP_MERGE_SLA_MET : RP_MERGE_SLA_BREACHED;
}

static bool done_status(enum rp_ticket_status s)
{
    return s == RP_TICKET_SOLVED || s == RP_TICKET_CLOSED;
}

void rp_merge_sla_classify(const struct rp_ticket *t,
                           const struct rp_merge_target *target,
                           const struct rp_merge_calendar *cal,
                           int64_t period_end, struct rp_merge_ticket_sla *out)
{
    /* A ticket resolved without a recorded first response was answered
     * by its resolution at the latest. */
    int64_t responded =
        t->first_response != RP_TIME_NONE ? t->first_response : t->resolved;
    bool closed_no_time = rp_merge_closed_no_time(t);
    int exported = 0;

    if (t->sla_first_response != RP_SLA_UNKNOWN) {
        out->first_response = from_flag(t->sla_first_response);
        exported++;
    } else if (closed_no_time && t->first_response == RP_TIME_NONE) {
        /* Answered at some unknown time before it was closed: counting
         * the period end as the answer would call it breached. */
        out->first_response = RP_MERGE_SLA_UNKNOWN;
    } else {
        out->first_response = deadline_outcome(t->created, responded,
                                               target->first_response_hours *
                                                   RP_MERGE_SECONDS_PER_HOUR,
                                               target, cal, period_end);
    }
    if (t->sla_resolution != RP_SLA_UNKNOWN) {
        out->resolution = from_flag(t->sla_resolution);
        exported++;
    } else if (closed_no_time) {
        out->resolution = RP_MERGE_SLA_UNKNOWN;
    } else {
        out->resolution = deadline_outcome(t->created, t->resolved,
                                           target->resolution_hours *
                                               RP_MERGE_SECONDS_PER_HOUR,
                                           target, cal, period_end);
    }
    if (out->first_response == RP_MERGE_SLA_BREACHED ||
        out->resolution == RP_MERGE_SLA_BREACHED)
        out->overall = RP_MERGE_SLA_BREACHED;
    else if (out->first_response == RP_MERGE_SLA_PENDING ||
             out->resolution == RP_MERGE_SLA_PENDING)
        out->overall = RP_MERGE_SLA_PENDING;
    else if (out->first_response == RP_MERGE_SLA_UNKNOWN ||
             out->resolution == RP_MERGE_SLA_UNKNOWN)
        out->overall = RP_MERGE_SLA_UNKNOWN;
    else
        out->overall = RP_MERGE_SLA_MET;
    out->source = exported == 2   ? RP_MERGE_SLA_EXPORT
                  : exported == 1 ? RP_MERGE_SLA_MIXED
                                  : RP_MERGE_SLA_COMPUTED;
}

const char *rp_merge_sla_name(enum rp_merge_sla sla)
{
    switch (sla) {
    case RP_MERGE_SLA_MET:
        return "met";
    case RP_MERGE_SLA_BREACHED:
        return "breached";
    case RP_MERGE_SLA_UNKNOWN:
        return "unknown";
    case RP_MERGE_SLA_PENDING:
        break;
    }
    return "pending";
}

const char *rp_merge_sla_source_name(enum rp_merge_sla_source source)
{
    switch (source) {
    case RP_MERGE_SLA_EXPORT:
        return "export";
    case RP_MERGE_SLA_MIXED:
        return "mixed";
    case RP_MERGE_SLA_COMPUTED:
        break;
    }
    return "computed";
}

bool rp_merge_closed_no_time(const struct rp_ticket *t)
{
    return t->resolved == RP_TIME_NONE && done_status(t->status);
}

bool rp_merge_open_at_end(const struct rp_ticket *t, int64_t period_end)
{
    if (t->resolved == RP_TIME_NONE)
        return !done_status(t->status);
    return t->resolved >= period_end;
}

/* ---- aggregation ---- */

static void durations_add(struct rp_merge_durations *d, int64_t seconds)
{
    rp_array_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v));
    d->v[d->n++] = seconds < 0 ? 0 : seconds;
    d->sorted = false;
}

/*
 * In order, by least significant byte first (radix): a portfolio's
 * program holds a value per ticket, and qsort with a comparison call per
 * step took a third of the status report's figures.  Values are
 * non-negative (durations_add clamps them); a byte every value shares is
 * skipped, so seconds within a year take four passes, not eight.
 */
static void durations_sort(struct rp_merge_durations *d)
{
    size_t count[256], i, n = d->n;
    int64_t *tmp, *from = d->v, *to;
    unsigned shift;

    if (d->sorted)
        return;
    d->sorted = true;
    if (n < 64) {
        for (i = 1; i < n; i++) {
            int64_t v = d->v[i];
            size_t j = i;

            for (; j > 0 && d->v[j - 1] > v; j--)
                d->v[j] = d->v[j - 1];
            d->v[j] = v;
        }
        return;
    }
    tmp = rp_xmalloc(n * sizeof(*tmp));
    to = tmp;
    for (shift = 0; shift < 64; shift += 8) {
        size_t at = 0;

        memset(count, 0, sizeof(count));
        for (i = 0; i < n; i++)
            count[((uint64_t)from[i] >> shift) & 0xff]++;
        if (count[((uint64_t)from[0] >> shift) & 0xff] == n)
            continue;
        for (i = 0; i < 256; i++) {
            size_t c = count[i];

            count[i] = at;
            at += c;
        }
        for (i = 0; i < n; i++)
            to[count[((uint64_t)from[i] >> shift) & 0xff]++] = from[i];
        to = from;
        from = from == d->v ? tmp : d->v;
    }
    if (from != d->v)
        memcpy(d->v, from, n * sizeof(*d->v));
    free(tmp);
}

bool rp_merge_percentile(const struct rp_merge_durations *d, unsigned pct,
                         int64_t *out)
{
    size_t rank;

    if (d->n == 0)
        return false;
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
    agg->month_sla = rp_xcalloc(n_months + 1, sizeof(*agg->month_sla));
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
    free(agg->backlog_age_days.v);
    free(agg->months);
    free(agg->month_sla);
    free(agg->category_names);
    free(agg->categories);
    memset(agg, 0, sizeof(*agg));
}

static void tally(enum rp_merge_sla sla, size_t *met, size_t *breached,
                  size_t *pending, size_t *unknown)
{
    if (sla == RP_MERGE_SLA_MET)
        (*met)++;
    else if (sla == RP_MERGE_SLA_BREACHED)
        (*breached)++;
    else if (sla == RP_MERGE_SLA_UNKNOWN)
        (*unknown)++;
    else
        (*pending)++;
}

static void counts_add(struct rp_merge_counts *c, const struct rp_ticket *t,
                       const struct rp_merge_ticket_sla *sla, bool open)
{
    c->tickets++;
    tally(sla->overall, &c->met, &c->breached, &c->pending, &c->unknown);
    tally(sla->first_response, &c->fr_met, &c->fr_breached, &c->fr_pending,
          &c->fr_unknown);
    tally(sla->resolution, &c->res_met, &c->res_breached, &c->res_pending,
          &c->res_unknown);
    if (rp_merge_closed_no_time(t))
        c->closed_no_time++;
    if (sla->source != RP_MERGE_SLA_COMPUTED)
        c->from_export++;
    if (open)
        c->open_at_end++;
    if (t->reopened > 0)
        c->reopened++;
    if (t->escalated)
        c->escalated++;
}

void rp_merge_agg_add(struct rp_merge_agg *agg, const struct rp_ticket *t,
                      const struct rp_merge_ticket_sla *sla, int64_t period_end)
{
    size_t p = (size_t)t->priority - 1;
    bool open = rp_merge_open_at_end(t, period_end);
    int64_t month = rp_merge_month_of(t->created) - agg->first_month;

    counts_add(&agg->all, t, sla, open);
    counts_add(&agg->prio[p], t, sla, open);
    if (t->first_response != RP_TIME_NONE) {
        durations_add(&agg->first_response, t->first_response - t->created);
        durations_add(&agg->prio_first_response[p],
                      t->first_response - t->created);
    }
    if (t->resolved != RP_TIME_NONE) {
        durations_add(&agg->resolution, t->resolved - t->created);
        durations_add(&agg->prio_resolution[p], t->resolved - t->created);
    }
    if (month >= 0 && (uint64_t)month < agg->n_months) {
        agg->months[month][p]++;
        if (sla->overall == RP_MERGE_SLA_MET)
            agg->month_sla[month][0]++;
        else if (sla->overall == RP_MERGE_SLA_BREACHED)
            agg->month_sla[month][1]++;
    }
    rp_array_grow((void **)&agg->category_names, &agg->cap_category_names,
                  agg->n_category_names + 1, sizeof(*agg->category_names));
    agg->category_names[agg->n_category_names++] = t->category;
}

const struct rp_merge_age_bucket rp_merge_age_buckets[RP_MERGE_AGE_BUCKETS] = {
    {"0-7 days", 0, 7},
    {"8-30 days", 8, 30},
    {"31-90 days", 31, 90},
    {"over 90 days", 91, -1},
};

int rp_merge_agg_add_backlog(struct rp_merge_agg *agg,
                             const struct rp_ticket *t, int64_t period_end)
{
    int64_t days;
    int b;

    if (t->created >= period_end || !rp_merge_open_at_end(t, period_end))
        return -1;
    days = (period_end - t->created) / RP_MERGE_SECONDS_PER_DAY;
    for (b = 0; b < RP_MERGE_AGE_BUCKETS - 1; b++) {
        if (days <= rp_merge_age_buckets[b].max_days)
            break;
    }
    agg->backlog[b][t->priority - 1]++;
    agg->backlog_total++;
    durations_add(&agg->backlog_age_days, days);
    return b;
}

static int cmp_category(const void *a, const void *b)
{
    const struct rp_merge_category *x = a, *y = b;

    if (x->tickets != y->tickets)
        return x->tickets > y->tickets ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Every duration list in order (percentiles read them from then on, in
 * forked workers too, which then share the pages), and the categories
 * counted: with a table of names, as the program has a name per ticket
 * and sorting them all compared strings twenty times each. */
void rp_merge_agg_finish(struct rp_merge_agg *agg)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTableIter it;
    gpointer name, count;
    size_t i;

    durations_sort(&agg->first_response);
    durations_sort(&agg->resolution);
    for (i = 0; i < RP_PRIORITY_COUNT; i++) {
        durations_sort(&agg->prio_first_response[i]);
        durations_sort(&agg->prio_resolution[i]);
    }
    durations_sort(&agg->backlog_age_days);
    for (i = 0; i < agg->n_category_names; i++) {
        gpointer n = g_hash_table_lookup(seen, agg->category_names[i]);

        g_hash_table_insert(seen, (gpointer)agg->category_names[i],
                            GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
    }
    agg->categories =
        rp_xcalloc(g_hash_table_size(seen) + 1, sizeof(*agg->categories));
    agg->n_categories = 0;
    g_hash_table_iter_init(&it, seen);
    while (g_hash_table_iter_next(&it, &name, &count)) {
        agg->categories[agg->n_categories].name = name;
        agg->categories[agg->n_categories].tickets = GPOINTER_TO_SIZE(count);
        agg->n_categories++;
    }
    g_hash_table_destroy(seen);
    /* Names are distinct: the order is total, whatever the table's. */
    if (agg->n_categories > 1)
        qsort(agg->categories, agg->n_categories, sizeof(*agg->categories),
              cmp_category);
}

bool rp_merge_sla_tenths(size_t met, size_t breached, uint64_t *tenths)
{
    uint64_t decided = (uint64_t)met + (uint64_t)breached;

    if (decided == 0)
        return false;
    *tenths = rp_merge_pct_tenths(met, decided);
    return true;
}

/* ---- health ---- */

/*
 * Each rule kind decides whether it applies and, when it does, writes its
 * reason: a sentence shown to the account team as is.  Decisions on SLA
 * use the percentage rounded to tenths, the same number the document
 * shows, so that a reader never sees "90.0% is below the 90% target".
 */
static bool rule_applies(const struct rp_merge_rule *r,
                         const struct rp_merge_facts *f, char *reason,
                         size_t size)
{
    const struct rp_merge_agg *agg = f->agg;
    uint64_t tenths;
    size_t n = 0, i;

    switch (r->kind) {
    case RP_MERGE_RULE_SLA_BELOW_TARGET:
        if (!rp_merge_sla_tenths(agg->all.met, agg->all.breached, &tenths) ||
            (int64_t)tenths >= ((int64_t)f->target_pct - r->points) * 10)
            return false;
        if (r->points > 0)
            snprintf(reason, size,
                     "SLA compliance %" PRIu64 ".%" PRIu64
                     "%% is more than %" PRId64 " points below the %u%% "
                     "target",
                     tenths / 10, tenths % 10, r->points, f->target_pct);
        else
            snprintf(reason, size,
                     "SLA compliance %" PRIu64 ".%" PRIu64
                     "%% is below the %u%% target",
                     tenths / 10, tenths % 10, f->target_pct);
        return true;
    case RP_MERGE_RULE_OPEN_P1:
        n = 0;
        for (i = 0; i < RP_MERGE_AGE_BUCKETS; i++)
            n += agg->backlog[i][RP_PRIORITY_P1 - 1];
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size,
                 "%zu P1 ticket%s still open at the end of the period", n,
                 n == 1 ? " was" : "s were");
        return true;
    case RP_MERGE_RULE_P1_RAISED:
        n = agg->prio[RP_PRIORITY_P1 - 1].tickets;
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size, "%zu P1 ticket%s raised in the period", n,
                 n == 1 ? " was" : "s were");
        return true;
    case RP_MERGE_RULE_OVERDUE_MILESTONES:
        n = f->overdue_milestones;
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size, "%zu milestone%s overdue", n,
                 n == 1 ? " is" : "s are");
        return true;
    case RP_MERGE_RULE_HIGH_RISKS:
        n = f->high_risks;
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size, "%zu open risk%s high severity", n,
                 n == 1 ? " is of" : "s are of");
        return true;
    case RP_MERGE_RULE_ESCALATED:
        n = agg->all.escalated;
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size, "%zu ticket%s escalated in the period", n,
                 n == 1 ? " was" : "s were");
        return true;
    case RP_MERGE_RULE_REOPENED:
        n = agg->all.reopened;
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size, "%zu ticket%s reopened in the period", n,
                 n == 1 ? " was" : "s were");
        return true;
    case RP_MERGE_RULE_AGED_BACKLOG:
        for (i = 0; i < agg->backlog_age_days.n; i++)
            n += agg->backlog_age_days.v[i] > r->days;
        if ((int64_t)n < r->min)
            return false;
        snprintf(reason, size,
                 "%zu ticket%s open for more than %" PRId64
                 " days at the end of the period",
                 n, n == 1 ? " was" : "s were", r->days);
        return true;
    }
    return false;
}

void rp_merge_health_assess(const struct rp_merge_facts *facts,
                            const struct rp_merge_health_config *cfg,
                            struct rp_merge_assessment *out)
{
    bool kind_applied[RP_MERGE_RULE_AGED_BACKLOG + 1] = {false};
    size_t i;

    memset(out, 0, sizeof(*out));
    out->health = RP_MERGE_HEALTH_STABLE;
    for (i = 0; i < cfg->n_rules; i++) {
        const struct rp_merge_rule *r = &cfg->rules[i];
        if (out->n_reasons == RP_MERGE_MAX_REASONS)
            break;
        if (kind_applied[r->kind] ||
            !rule_applies(r, facts, out->reasons[out->n_reasons],
                          RP_MERGE_REASON_LEN))
            continue;
        kind_applied[r->kind] = true;
        out->rule[out->n_reasons] = r->kind;
        out->n_reasons++;
        if (r->level > out->health)
            out->health = r->level;
    }
}
