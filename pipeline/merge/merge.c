/* Merge stage: records -> review-data XML (docs/data-contract.md). */
#include "merge.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlstring.h>

#include "common/mem.h"
#include "metrics.h"

/* Timestamps we accept: years 0001..9999, so every date prints as four
 * digits and no difference of two timestamps can overflow. */
#define TIME_MIN INT64_C(-62135596800) /* 0001-01-01T00:00:00Z */
#define TIME_MAX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */
/* An explicit period longer than this is a usage error, not a report. */
#define MAX_PERIOD_MONTHS 1200
#define NUM_LEN RP_MERGE_NUM_LEN

void rp_merge_options_init(struct rp_merge_options *opt)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long value;

    opt->period_start = RP_TIME_NONE;
    opt->period_end = RP_TIME_NONE;
    opt->generated = (int64_t)time(NULL);
    /* reproducible-builds.org: a decimal count of seconds; anything else
     * is ignored rather than half-parsed. */
    if (!epoch || *epoch < '0' || *epoch > '9')
        return;
    errno = 0;
    value = strtoll(epoch, &end, 10);
    if (errno == 0 && *end == '\0' && value <= TIME_MAX)
        opt->generated = (int64_t)value;
}

/* ---- the document under construction ---- */

/* libxml2 returns NULL only when out of memory, which mem.h treats as
 * fatal everywhere; checking here keeps the builders below readable. */
static void *xml_must(void *p)
{
    if (!p) {
        fputs("reportpipe: out of memory (building review data)\n", stderr);
        abort();
    }
    return p;
}

static xmlNode *add_node(xmlNode *parent, const char *name)
{
    return xml_must(xmlNewChild(parent, NULL, BAD_CAST name, NULL));
}

/* xmlNewTextChild escapes; xmlNewChild would read & as an entity. */
static xmlNode *add_text_node(xmlNode *parent, const char *name,
                              const char *text)
{
    return xml_must(
        xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text));
}

static void set_attr(xmlNode *node, const char *name, const char *value)
{
    xml_must(xmlNewProp(node, BAD_CAST name, BAD_CAST value));
}

static void set_size(xmlNode *node, const char *name, size_t value)
{
    char buf[NUM_LEN];

    snprintf(buf, sizeof(buf), "%zu", value);
    set_attr(node, name, buf);
}

static void set_int(xmlNode *node, const char *name, int64_t value)
{
    char buf[NUM_LEN];

    snprintf(buf, sizeof(buf), "%" PRId64, value);
    set_attr(node, name, buf);
}

/* Absent when t is missing: the contract has no sentinel dates. */
static void set_time(xmlNode *node, const char *name, int64_t t)
{
    char buf[RP_MERGE_TIME_LEN];

    if (t == RP_TIME_NONE)
        return;
    rp_merge_fmt_time(t, buf, sizeof(buf));
    set_attr(node, name, buf);
}

static void set_date(xmlNode *node, const char *name, int64_t t)
{
    char buf[RP_MERGE_TIME_LEN];

    if (t == RP_TIME_NONE)
        return;
    rp_merge_fmt_date(t, buf, sizeof(buf));
    set_attr(node, name, buf);
}

static void set_hours(xmlNode *node, const char *name, int64_t seconds)
{
    char buf[NUM_LEN];

    rp_merge_fmt_hours(seconds, buf, sizeof(buf));
    set_attr(node, name, buf);
}

/* Absent when no ticket is decided: 0% would be a false alarm. */
static void set_sla_pct(xmlNode *node, const struct rp_merge_counts *c)
{
    char buf[NUM_LEN];
    uint64_t tenths;

    if (!rp_merge_agg_sla_tenths(c, &tenths))
        return;
    snprintf(buf, sizeof(buf), "%" PRIu64 ".%" PRIu64, tenths / 10,
             tenths % 10);
    set_attr(node, "sla-met-pct", buf);
}

/* Absent when there is nothing to measure. */
static void set_percentile(xmlNode *node, const char *name,
                           struct rp_merge_durations *d, unsigned pct)
{
    int64_t value;

    if (rp_merge_percentile(d, pct, &value))
        set_hours(node, name, value);
}

/* ---- input checks ---- */

/* XML 1.0 cannot carry invalid UTF-8 or C0 controls other than tab and
 * newlines: a document holding them would not parse again downstream. */
static enum rp_status check_text(const char *s, const char *file, long line,
                                 const char *field, struct rp_error *err)
{
    const unsigned char *p;

    if (!s)
        return rp_error_set(err, RP_ERR_INTERNAL, file, line, field,
                            "the record has no value for this field");
    if (!xmlCheckUTF8((const unsigned char *)s))
        return rp_error_set(err, RP_ERR_INPUT, file, line, field,
                            "the value is not valid UTF-8");
    for (p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            return rp_error_set(err, RP_ERR_INPUT, file, line, field,
                                "the value contains control character "
                                "0x%02x, which XML cannot carry",
                                *p);
    }
    return RP_OK;
}

static enum rp_status check_time(int64_t t, bool optional, const char *file,
                                 long line, const char *field,
                                 struct rp_error *err)
{
    if (t == RP_TIME_NONE && optional)
        return RP_OK;
    if (t < TIME_MIN || t > TIME_MAX)
        return rp_error_set(err, RP_ERR_INPUT, file, line, field,
                            "expected a date between the years 0001 and "
                            "9999");
    return RP_OK;
}

static enum rp_status check_account(const struct rp_account *a,
                                    struct rp_error *err)
{
    const char *f = a->source_file;
    long l = a->source_line;
    char buf[NUM_LEN];

    if (check_text(a->id, f, l, "id", err) ||
        check_text(a->name, f, l, "name", err) ||
        check_text(a->tier, f, l, "tier", err) ||
        check_text(a->owner, f, l, "owner", err) ||
        check_text(a->industry, f, l, "industry", err) ||
        check_text(a->country, f, l, "country", err) ||
        check_text(a->website, f, l, "website", err) ||
        check_time(a->renewal, true, f, l, "renewal", err))
        return err->status;
    if (!rp_merge_fmt_money(a->annual_revenue, buf, sizeof(buf)))
        return rp_error_set(err, RP_ERR_INPUT, f, l, "annual_revenue",
                            "expected an amount below 10^15");
    return RP_OK;
}

static enum rp_status check_ticket(const struct rp_ticket *t,
                                   struct rp_error *err)
{
    const char *f = t->source_file;
    long l = t->source_line;

    if (check_text(t->id, f, l, "id", err) ||
        check_text(t->account_id, f, l, "account_id", err) ||
        check_text(t->subject, f, l, "subject", err) ||
        check_text(t->category, f, l, "category", err) ||
        check_time(t->created, false, f, l, "created", err) ||
        check_time(t->first_response, true, f, l, "first_response", err) ||
        check_time(t->resolved, true, f, l, "resolved", err))
        return err->status;
    /* Metrics index tables by priority: an unknown one must stop here. */
    if ((int)t->priority < (int)RP_PRIORITY_P1 ||
        (int)t->priority > (int)RP_PRIORITY_P4)
        return rp_error_set(err, RP_ERR_INPUT, f, l, "priority",
                            "expected a priority P1 to P4, got %d",
                            (int)t->priority);
    if ((int)t->status < (int)RP_TICKET_NEW ||
        (int)t->status > (int)RP_TICKET_CLOSED)
        return rp_error_set(err, RP_ERR_INPUT, f, l, "status",
                            "unknown ticket status %d", (int)t->status);
    return RP_OK;
}

/* ---- ordering ---- */

/* qsort has no context argument; the dataset being sorted is kept here
 * only for the duration of one sort_*() call. */
static const struct rp_dataset *sort_data;

static int cmp_account_by_name(const void *a, const void *b)
{
    const struct rp_account *x = &sort_data->accounts[*(const size_t *)a];
    const struct rp_account *y = &sort_data->accounts[*(const size_t *)b];
    int c = strcmp(x->name, y->name);

    return c ? c : strcmp(x->id, y->id);
}

static int cmp_account_by_id(const void *a, const void *b)
{
    const struct rp_account *x = &sort_data->accounts[*(const size_t *)a];
    const struct rp_account *y = &sort_data->accounts[*(const size_t *)b];

    return strcmp(x->id, y->id);
}

/* Created, then id, then input position: a total order, so the document
 * does not depend on how qsort breaks ties. */
static int cmp_ticket(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const struct rp_ticket *x = &sort_data->tickets[i];
    const struct rp_ticket *y = &sort_data->tickets[j];
    int c;

    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (i > j) - (i < j);
}

static size_t *sorted_indexes(const struct rp_dataset *data, size_t n,
                              int (*cmp)(const void *, const void *))
{
    size_t *idx = rp_xcalloc(n, sizeof(*idx));
    size_t i;

    for (i = 0; i < n; i++)
        idx[i] = i;
    sort_data = data;
    qsort(idx, n, sizeof(*idx), cmp);
    sort_data = NULL;
    return idx;
}

/* Index into data->accounts of the account with id, or SIZE_MAX. */
static size_t find_account(const struct rp_dataset *data, const size_t *by_id,
                           const char *id)
{
    size_t lo = 0, hi = data->n_accounts;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(data->accounts[by_id[mid]].id, id);
        if (c == 0)
            return by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* ---- period ---- */

struct period {
    int64_t start, end; /* [start, end) */
    int64_t first_month;
    size_t n_months;
};

static enum rp_status choose_period(const struct rp_dataset *data,
                                    const struct rp_merge_options *opt,
                                    struct period *p, struct rp_error *err)
{
    int64_t newest = RP_TIME_NONE, last_month;
    size_t i;

    if ((opt->period_start == RP_TIME_NONE) !=
        (opt->period_end == RP_TIME_NONE))
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                            "give both the start and the end of the review "
                            "period, or neither");
    if (opt->period_start != RP_TIME_NONE) {
        if (opt->period_start < TIME_MIN || opt->period_end > TIME_MAX)
            return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                                "the review period must lie between the "
                                "years 0001 and 9999");
        if (opt->period_start >= opt->period_end)
            return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                                "the review period must end after it "
                                "starts");
        p->start = opt->period_start;
        p->end = opt->period_end;
    } else {
        for (i = 0; i < data->n_tickets; i++) {
            const struct rp_ticket *t = &data->tickets[i];
            if (t->created > newest)
                newest = t->created;
            if (t->first_response > newest)
                newest = t->first_response;
            if (t->resolved > newest)
                newest = t->resolved;
        }
        /* No tickets: the export carries no date, so use the run's. */
        if (newest == RP_TIME_NONE)
            newest = opt->generated;
        last_month = rp_merge_month_of(newest);
        p->start = rp_merge_month_start(last_month - 12);
        p->end = rp_merge_month_start(last_month);
    }
    p->first_month = rp_merge_month_of(p->start);
    last_month = rp_merge_month_of(p->end - 1);
    if (last_month - p->first_month + 1 > MAX_PERIOD_MONTHS)
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                            "the review period is longer than %d months",
                            MAX_PERIOD_MONTHS);
    p->n_months = (size_t)(last_month - p->first_month + 1);
    return RP_OK;
}

static bool in_period(const struct period *p, const struct rp_ticket *t)
{
    return t->created >= p->start && t->created < p->end;
}

/* ---- elements ---- */

static void emit_sla_targets(xmlNode *root)
{
    xmlNode *targets = add_node(root, "sla-targets");
    int p;

    set_int(targets, "compliance-target-pct", RP_MERGE_SLA_TARGET_PCT);
    set_attr(targets, "basis", "calendar-hours");
    for (p = RP_PRIORITY_P1; p <= RP_PRIORITY_P4; p++) {
        const struct rp_merge_sla_target *t = rp_merge_sla_target(p);
        xmlNode *n = add_node(targets, "target");
        set_attr(n, "priority", rp_priority_name(p));
        set_int(n, "first-response-hours", t->first_response_hours);
        set_int(n, "resolution-hours", t->resolution_hours);
    }
}

static void set_counts(xmlNode *n, const struct rp_merge_counts *c)
{
    set_size(n, "tickets", c->tickets);
    set_size(n, "open-at-end", c->open_at_end);
    set_size(n, "sla-met", c->met);
    set_size(n, "sla-breached", c->breached);
    set_size(n, "sla-pending", c->pending);
    set_sla_pct(n, c);
}

/* <priority>, <month> and <category> children, shared by <program> and
 * <support> so both read the same way. */
static void emit_breakdown(xmlNode *parent, struct rp_merge_agg *agg)
{
    char key[RP_MERGE_TIME_LEN], label[RP_MERGE_TIME_LEN];
    size_t i;
    int p;

    for (p = RP_PRIORITY_P1; p <= RP_PRIORITY_P4; p++) {
        xmlNode *n = add_node(parent, "priority");
        set_attr(n, "name", rp_priority_name(p));
        set_counts(n, &agg->prio[p - 1]);
        set_percentile(n, "first-response-median-hours",
                       &agg->prio_first_response[p - 1], 50);
        set_percentile(n, "resolution-median-hours",
                       &agg->prio_resolution[p - 1], 50);
    }
    for (i = 0; i < agg->n_months; i++) {
        xmlNode *n = add_node(parent, "month");
        size_t total = 0;
        rp_merge_month_key(agg->first_month + (int64_t)i, key, sizeof(key));
        rp_merge_month_label(agg->first_month + (int64_t)i, label,
                             sizeof(label));
        for (p = 0; p < RP_PRIORITY_COUNT; p++)
            total += agg->months[i][p];
        set_attr(n, "month", key);
        set_attr(n, "label", label);
        set_size(n, "tickets", total);
        set_size(n, "p1", agg->months[i][0]);
        set_size(n, "p2", agg->months[i][1]);
        set_size(n, "p3", agg->months[i][2]);
        set_size(n, "p4", agg->months[i][3]);
    }
    for (i = 0; i < agg->n_categories && i < 5; i++) {
        xmlNode *n = add_node(parent, "category");
        set_attr(n, "name", agg->categories[i].name);
        set_size(n, "tickets", agg->categories[i].tickets);
    }
}

static void emit_ticket(xmlNode *parent, const struct rp_ticket *t,
                        const struct period *p, bool unmatched)
{
    xmlNode *n = add_text_node(parent, "ticket", t->subject);

    set_attr(n, "id", t->id);
    if (unmatched)
        set_attr(n, "account-id", t->account_id);
    set_attr(n, "priority", rp_priority_name(t->priority));
    set_attr(n, "status", rp_ticket_status_name(t->status));
    set_attr(n, "category", t->category);
    set_time(n, "created", t->created);
    set_time(n, "first-response", t->first_response);
    set_time(n, "resolved", t->resolved);
    if (unmatched) {
        set_attr(n, "in-period", in_period(p, t) ? "yes" : "no");
        return;
    }
    set_attr(n, "sla", rp_merge_sla_name(rp_merge_sla_classify(t, p->end)));
    set_attr(n, "open-at-end", rp_merge_open_at_end(t, p->end) ? "yes" : "no");
    if (t->first_response != RP_TIME_NONE)
        set_hours(n, "first-response-hours", t->first_response - t->created);
    if (t->resolved != RP_TIME_NONE)
        set_hours(n, "resolution-hours", t->resolved - t->created);
}

static void emit_account(xmlNode *root, const struct rp_account *a,
                         struct rp_merge_agg *agg,
                         const struct rp_merge_assessment *health,
                         const struct rp_dataset *data, const size_t *tickets,
                         size_t n_tickets, const struct period *p)
{
    xmlNode *acc = add_node(root, "account");
    xmlNode *support;
    char money[NUM_LEN];
    size_t i;

    set_attr(acc, "id", a->id);
    set_attr(acc, "name", a->name);
    set_attr(acc, "tier", a->tier);
    set_attr(acc, "owner", a->owner);
    set_attr(acc, "industry", a->industry);
    set_attr(acc, "country", a->country);
    set_attr(acc, "website", a->website);
    /* Checked by check_account() before any element was built. */
    (void)rp_merge_fmt_money(a->annual_revenue, money, sizeof(money));
    set_attr(acc, "annual-revenue", money);
    set_date(acc, "renewal", a->renewal);
    set_attr(acc, "health", rp_merge_health_name(health->health));
    for (i = 0; i < health->n_reasons; i++)
        add_text_node(acc, "health-reason", health->reasons[i]);

    support = add_node(acc, "support");
    set_counts(support, &agg->all);
    set_percentile(support, "first-response-median-hours", &agg->first_response,
                   50);
    set_percentile(support, "first-response-p90-hours", &agg->first_response,
                   90);
    set_percentile(support, "resolution-median-hours", &agg->resolution, 50);
    set_percentile(support, "resolution-p90-hours", &agg->resolution, 90);
    emit_breakdown(support, agg);
    for (i = 0; i < n_tickets; i++) {
        const struct rp_ticket *t = &data->tickets[tickets[i]];
        if (in_period(p, t))
            emit_ticket(support, t, p, false);
    }
}

/* ---- the build ---- */

/* Per account, in document order: its tickets and what they add up to. */
struct account_report {
    size_t account;  /* index into data->accounts */
    size_t *tickets; /* indexes into data->tickets, in document order */
    size_t n_tickets;
    struct rp_merge_agg agg;
    struct rp_merge_assessment health;
};

static enum rp_status check_dataset(const struct rp_dataset *data,
                                    const size_t *by_id, struct rp_error *err)
{
    size_t i;

    for (i = 0; i < data->n_accounts; i++) {
        if (check_account(&data->accounts[i], err) != RP_OK)
            return err->status;
    }
    for (i = 0; i < data->n_tickets; i++) {
        if (check_ticket(&data->tickets[i], err) != RP_OK)
            return err->status;
    }
    /* The id is the join key: two accounts with one id cannot be told
     * apart, and picking one would silently misfile tickets. */
    for (i = 1; i < data->n_accounts; i++) {
        const struct rp_account *a = &data->accounts[by_id[i - 1]];
        const struct rp_account *b = &data->accounts[by_id[i]];
        if (strcmp(a->id, b->id) == 0) {
            const struct rp_account *later = by_id[i - 1] > by_id[i] ? a : b;
            return rp_error_set(err, RP_ERR_INPUT, later->source_file,
                                later->source_line, "id",
                                "account id '%s' appears twice", a->id);
        }
    }
    return RP_OK;
}

enum rp_status rp_merge_build(const struct rp_dataset *data,
                              const struct rp_merge_options *opt, xmlDoc **out,
                              struct rp_merge_stats *stats,
                              struct rp_error *err)
{
    enum rp_status status = RP_OK;
    size_t *by_name = NULL, *by_id = NULL, *tickets = NULL;
    size_t *account_of = NULL, *slot = NULL, *unmatched = NULL;
    size_t *counts = NULL;
    struct account_report *reports = NULL;
    struct rp_merge_agg program;
    size_t n_unmatched = 0, outside = 0, health_count[RP_MERGE_HEALTH_COUNT];
    struct period p = {0, 0, 0, 0};
    xmlDoc *doc = NULL;
    xmlNode *root, *n;
    size_t i;

    *out = NULL;
    memset(stats, 0, sizeof(*stats));
    memset(health_count, 0, sizeof(health_count));
    rp_merge_agg_init(&program, 0, 0);

    by_id = sorted_indexes(data, data->n_accounts, cmp_account_by_id);
    status = check_dataset(data, by_id, err);
    if (status != RP_OK)
        goto out;
    status = choose_period(data, opt, &p, err);
    if (status != RP_OK)
        goto out;
    by_name = sorted_indexes(data, data->n_accounts, cmp_account_by_name);
    tickets = sorted_indexes(data, data->n_tickets, cmp_ticket);

    /* Join: account_of[t] is ticket t's account, or SIZE_MAX; slot[a] is
     * account a's position in document order. */
    account_of = rp_xcalloc(data->n_tickets, sizeof(*account_of));
    counts = rp_xcalloc(data->n_accounts, sizeof(*counts));
    for (i = 0; i < data->n_tickets; i++) {
        account_of[i] = find_account(data, by_id, data->tickets[i].account_id);
        if (account_of[i] != SIZE_MAX)
            counts[account_of[i]]++;
    }
    slot = rp_xcalloc(data->n_accounts, sizeof(*slot));
    reports = rp_xcalloc(data->n_accounts, sizeof(*reports));
    for (i = 0; i < data->n_accounts; i++) {
        slot[by_name[i]] = i;
        reports[i].account = by_name[i];
        reports[i].tickets =
            rp_xcalloc(counts[by_name[i]], sizeof(*reports[i].tickets));
        rp_merge_agg_init(&reports[i].agg, p.first_month, p.n_months);
    }
    rp_merge_agg_release(&program);
    rp_merge_agg_init(&program, p.first_month, p.n_months);
    unmatched = rp_xcalloc(data->n_tickets, sizeof(*unmatched));
    for (i = 0; i < data->n_tickets; i++) {
        size_t t = tickets[i];
        struct account_report *r;

        if (account_of[t] == SIZE_MAX) {
            unmatched[n_unmatched++] = t;
            continue;
        }
        r = &reports[slot[account_of[t]]];
        r->tickets[r->n_tickets++] = t;
        if (!in_period(&p, &data->tickets[t])) {
            outside++;
            continue;
        }
        rp_merge_agg_add(&r->agg, &data->tickets[t], p.end);
        rp_merge_agg_add(&program, &data->tickets[t], p.end);
    }
    rp_merge_agg_finish(&program);
    for (i = 0; i < data->n_accounts; i++) {
        rp_merge_agg_finish(&reports[i].agg);
        rp_merge_health_assess(&reports[i].agg, &reports[i].health);
        health_count[reports[i].health.health]++;
    }

    doc = xml_must(xmlNewDoc(BAD_CAST "1.0"));
    root = xml_must(xmlNewDocNode(doc, NULL, BAD_CAST "review-data", NULL));
    xmlDocSetRootElement(doc, root);
    set_time(root, "generated", opt->generated);
    set_date(root, "period-start", p.start);
    set_date(root, "period-end", p.end - 1);

    n = add_node(root, "program");
    set_size(n, "accounts", data->n_accounts);
    set_size(n, "accounts-stable", health_count[RP_MERGE_HEALTH_STABLE]);
    set_size(n, "accounts-watch", health_count[RP_MERGE_HEALTH_WATCH]);
    set_size(n, "accounts-unstable", health_count[RP_MERGE_HEALTH_UNSTABLE]);
    set_counts(n, &program.all);
    set_size(n, "tickets-outside-period", outside);
    set_size(n, "tickets-unmatched", n_unmatched);
    set_size(n, "tickets-total", data->n_tickets);
    emit_breakdown(n, &program);

    emit_sla_targets(root);
    for (i = 0; i < data->n_accounts; i++) {
        struct account_report *r = &reports[i];
        emit_account(root, &data->accounts[r->account], &r->agg, &r->health,
                     data, r->tickets, r->n_tickets, &p);
    }
    n = add_node(root, "unmatched");
    set_size(n, "tickets", n_unmatched);
    for (i = 0; i < n_unmatched; i++)
        emit_ticket(n, &data->tickets[unmatched[i]], &p, true);

    stats->accounts = data->n_accounts;
    stats->tickets = program.all.tickets;
    stats->tickets_unmatched = n_unmatched;
    /* Years 0001..9999 (check_time, choose_period): exactly 10 chars. */
    rp_merge_fmt_date(p.start, stats->period_start,
                      sizeof(stats->period_start));
    rp_merge_fmt_date(p.end - 1, stats->period_end, sizeof(stats->period_end));
    *out = doc;
    doc = NULL;
out:
    if (reports) {
        for (i = 0; i < data->n_accounts; i++) {
            free(reports[i].tickets);
            rp_merge_agg_release(&reports[i].agg);
        }
    }
    rp_merge_agg_release(&program);
    xmlFreeDoc(doc);
    free(reports);
    free(unmatched);
    free(account_of);
    free(counts);
    free(slot);
    free(tickets);
    free(by_name);
    free(by_id);
    return status;
}
