/* Merge stage: records -> review-data XML (docs/data-contract.md). */
#include "merge.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/dict.h>
#include <libxml/relaxng.h>
#include <libxml/xmlstring.h>

#include "common/mem.h"
#include "config.h"
#include "match.h"
#include "metrics.h"

/* Timestamps we accept: years 0001..9999, so every date prints as four
 * digits and no difference of two timestamps can overflow. */
#define TIME_MIN INT64_C(-62135596800) /* 0001-01-01T00:00:00Z */
#define TIME_MAX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */
/* An explicit period longer than this is a usage error, not a report. */
#define MAX_PERIOD_MONTHS 1200
#define NUM_LEN RP_MERGE_NUM_LEN
/* A contribution is a few pages of prose, not a data dump. */
#define MAX_CONTRIBUTION_BYTES ((size_t)256 << 10)

void rp_merge_options_init(struct rp_merge_options *opt)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long value;

    memset(opt, 0, sizeof(*opt));
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

/* Records may leave strings NULL; the document treats them as "". */
static const char *str(const char *s)
{
    return s ? s : "";
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
        xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST str(text)));
}

static void set_attr(xmlNode *node, const char *name, const char *value)
{
    xml_must(xmlNewProp(node, BAD_CAST name, BAD_CAST str(value)));
}

/* Absent when empty: for optional text of the newer record kinds. */
static void set_opt_attr(xmlNode *node, const char *name, const char *value)
{
    if (value && value[0])
        set_attr(node, name, value);
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

static void set_yes_no(xmlNode *node, const char *name, bool value)
{
    set_attr(node, name, value ? "yes" : "no");
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

/* Amounts were checked representable by check_dataset(). */
static void set_money(xmlNode *node, const char *name, double amount)
{
    char buf[NUM_LEN];

    (void)rp_merge_fmt_money(amount, buf, sizeof(buf));
    set_attr(node, name, buf);
}

/* Absent when nothing is decided: 0% would be a false alarm. */
static void set_pct(xmlNode *node, const char *name, size_t met,
                    size_t breached)
{
    char buf[NUM_LEN];
    uint64_t tenths;

    if (!rp_merge_sla_tenths(met, breached, &tenths))
        return;
    snprintf(buf, sizeof(buf), "%" PRIu64 ".%" PRIu64, tenths / 10,
             tenths % 10);
    set_attr(node, name, buf);
}

/* Absent when there is nothing to measure. */
static void set_percentile(xmlNode *node, const char *name,
                           struct rp_merge_durations *d, unsigned pct)
{
    int64_t value;

    if (rp_merge_percentile(d, pct, &value))
        set_hours(node, name, value);
}

/* ---- source files: traceability ---- */

/*
 * Every record element carries src="fN:LINE", fN being the id of a
 * <file> under <sources>.  Records point into data->source_files; hand
 * built datasets may name other strings, which are added as they come.
 */
struct sources {
    const char **paths;
    size_t n, cap;
    size_t last; /* the previous lookup: records come in runs */
};

static size_t source_index(struct sources *s, const char *path)
{
    size_t i;

    path = str(path);
    if (s->n &&
        (s->paths[s->last] == path || strcmp(s->paths[s->last], path) == 0))
        return s->last;
    for (i = 0; i < s->n; i++) {
        if (s->paths[i] == path || strcmp(s->paths[i], path) == 0)
            return s->last = i;
    }
    rp_array_grow((void **)&s->paths, &s->cap, s->n + 1, sizeof(*s->paths));
    s->paths[s->n] = path;
    return s->last = s->n++;
}

static void set_src(xmlNode *node, struct sources *s, const char *file,
                    long line)
{
    char buf[NUM_LEN];

    snprintf(buf, sizeof(buf), "f%zu:%ld", source_index(s, file) + 1, line);
    set_attr(node, "src", buf);
}

/* ---- input checks ---- */

/* XML 1.0 cannot carry invalid UTF-8 or C0 controls other than tab and
 * newlines: a document holding them would not parse again downstream. */
static enum rp_status check_text(const char *s, const char *file, long line,
                                 const char *field, struct rp_error *err)
{
    const unsigned char *p;

    if (!s)
        return RP_OK;
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

static enum rp_status check_money(double amount, const char *file, long line,
                                  const char *field, struct rp_error *err)
{
    char buf[NUM_LEN];

    if (!rp_merge_fmt_money(amount, buf, sizeof(buf)))
        return rp_error_set(err, RP_ERR_INPUT, file, line, field,
                            "expected an amount below 10^15");
    return RP_OK;
}

static enum rp_status check_account(const struct rp_account *a,
                                    struct rp_error *err)
{
    const char *f = a->source_file;
    long l = a->source_line;

    if (!a->id || !a->id[0])
        return rp_error_set(err, RP_ERR_INPUT, f, l, "id",
                            "the account has no id");
    if (check_text(a->id, f, l, "id", err) ||
        check_text(a->name, f, l, "name", err) ||
        check_text(a->tier, f, l, "tier", err) ||
        check_text(a->owner, f, l, "owner", err) ||
        check_text(a->industry, f, l, "industry", err) ||
        check_text(a->country, f, l, "country", err) ||
        check_text(a->website, f, l, "website", err) ||
        check_text(a->domain, f, l, "domain", err) ||
        check_time(a->renewal, true, f, l, "renewal", err) ||
        check_money(a->annual_revenue, f, l, "annual_revenue", err) ||
        check_money(a->arr, f, l, "arr", err) ||
        check_time(a->contract_start, true, f, l, "contract_start", err))
        return err->status;
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
        check_text(t->org_name, f, l, "org_name", err) ||
        check_text(t->org_domain, f, l, "org_domain", err) ||
        check_text(t->external_account_id, f, l, "external_account_id", err) ||
        check_text(t->source_system, f, l, "source_system", err) ||
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
    if ((int)t->sla_first_response < (int)RP_SLA_UNKNOWN ||
        (int)t->sla_first_response > (int)RP_SLA_BREACHED ||
        (int)t->sla_resolution < (int)RP_SLA_UNKNOWN ||
        (int)t->sla_resolution > (int)RP_SLA_BREACHED)
        return rp_error_set(err, RP_ERR_INPUT, f, l, "sla",
                            "unknown SLA verdict");
    return RP_OK;
}

static enum rp_status check_plan(const struct rp_dataset *d,
                                 struct rp_error *err)
{
    size_t i;

    for (i = 0; i < d->n_contacts; i++) {
        const struct rp_contact *c = &d->contacts[i];
        const char *f = c->source_file;
        long l = c->source_line;
        if (check_text(c->id, f, l, "id", err) ||
            check_text(c->account_id, f, l, "account_id", err) ||
            check_text(c->name, f, l, "name", err) ||
            check_text(c->title, f, l, "title", err) ||
            check_text(c->email, f, l, "email", err) ||
            check_text(c->phone, f, l, "phone", err) ||
            check_text(c->role, f, l, "role", err))
            return err->status;
    }
    for (i = 0; i < d->n_opportunities; i++) {
        const struct rp_opportunity *o = &d->opportunities[i];
        const char *f = o->source_file;
        long l = o->source_line;
        if (check_text(o->id, f, l, "id", err) ||
            check_text(o->account_id, f, l, "account_id", err) ||
            check_text(o->name, f, l, "name", err) ||
            check_text(o->stage, f, l, "stage", err) ||
            check_text(o->type, f, l, "type", err) ||
            check_text(o->currency, f, l, "currency", err) ||
            check_money(o->amount, f, l, "amount", err) ||
            check_time(o->close_date, true, f, l, "close_date", err))
            return err->status;
    }
    for (i = 0; i < d->n_projects; i++) {
        const struct rp_project *p = &d->projects[i];
        const char *f = p->source_file;
        long l = p->source_line;
        if (check_text(p->id, f, l, "id", err) ||
            check_text(p->name, f, l, "name", err) ||
            check_text(p->goal, f, l, "goal", err) ||
            check_text(p->phase, f, l, "phase", err) ||
            check_text(p->owner, f, l, "owner", err) ||
            check_text(p->account_id, f, l, "account_id", err) ||
            check_money(p->budget, f, l, "budget", err) ||
            check_money(p->actual, f, l, "actual", err) ||
            check_time(p->start, true, f, l, "start", err) ||
            check_time(p->end, true, f, l, "end", err))
            return err->status;
    }
    for (i = 0; i < d->n_milestones; i++) {
        const struct rp_milestone *m = &d->milestones[i];
        const char *f = m->source_file;
        long l = m->source_line;
        if (check_text(m->id, f, l, "id", err) ||
            check_text(m->project_id, f, l, "project_id", err) ||
            check_text(m->account_id, f, l, "account_id", err) ||
            check_text(m->name, f, l, "name", err) ||
            check_text(m->owner, f, l, "owner", err) ||
            check_text(m->status, f, l, "status", err) ||
            check_time(m->due, true, f, l, "due", err) ||
            check_time(m->completed, true, f, l, "completed", err))
            return err->status;
    }
    for (i = 0; i < d->n_risks; i++) {
        const struct rp_risk *r = &d->risks[i];
        const char *f = r->source_file;
        long l = r->source_line;
        if (check_text(r->id, f, l, "id", err) ||
            check_text(r->project_id, f, l, "project_id", err) ||
            check_text(r->account_id, f, l, "account_id", err) ||
            check_text(r->title, f, l, "title", err) ||
            check_text(r->owner, f, l, "owner", err) ||
            check_text(r->mitigation, f, l, "mitigation", err) ||
            check_text(r->status, f, l, "status", err) ||
            check_time(r->due, true, f, l, "due", err))
            return err->status;
    }
    for (i = 0; i < d->n_roles; i++) {
        const struct rp_role *r = &d->roles[i];
        const char *f = r->source_file;
        long l = r->source_line;
        if (check_text(r->role, f, l, "role", err) ||
            check_text(r->person, f, l, "person", err) ||
            check_text(r->project_id, f, l, "project_id", err) ||
            check_text(r->account_id, f, l, "account_id", err))
            return err->status;
    }
    return RP_OK;
}

/* ---- ordering ---- */

/* qsort has no context argument; the dataset being sorted is kept here
 * only for the duration of one sorted_indexes() call. */
static const struct rp_dataset *sort_data;

static int cmp_account_by_name(const void *a, const void *b)
{
    const struct rp_account *x = &sort_data->accounts[*(const size_t *)a];
    const struct rp_account *y = &sort_data->accounts[*(const size_t *)b];
    int c = strcmp(str(x->name), str(y->name));

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
    c = strcmp(str(x->id), str(y->id));
    if (c)
        return c;
    return (i > j) - (i < j);
}

static size_t *sorted_indexes(const struct rp_dataset *data, size_t n,
                              int (*cmp)(const void *, const void *))
{
    size_t *idx = rp_xcalloc(n + 1, sizeof(*idx));
    size_t i;

    for (i = 0; i < n; i++)
        idx[i] = i;
    sort_data = data;
    if (n > 1)
        qsort(idx, n, sizeof(*idx), cmp);
    sort_data = NULL;
    return idx;
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

/* ---- plan records: status words ---- */

static bool word_in(const char *s, const char *const *words)
{
    for (; *words; words++) {
        if (strcasecmp(str(s), *words) == 0)
            return true;
    }
    return false;
}

static bool milestone_done(const struct rp_milestone *m)
{
    static const char *const done[] = {"done", "complete", "completed",
                                       "closed", NULL};

    return m->completed != RP_TIME_NONE || word_in(m->status, done);
}

/* Overdue: not done and due before the moment of the review. */
static bool milestone_overdue(const struct rp_milestone *m, int64_t as_of)
{
    return !milestone_done(m) && m->due != RP_TIME_NONE && m->due < as_of;
}

static bool risk_open(const struct rp_risk *r)
{
    static const char *const closed[] = {"closed", "mitigated", "resolved",
                                         NULL};

    return !word_in(r->status, closed);
}

/* Probability x impact, 1..3 each (unknown counts as medium): 6 or more
 * is high, 3 or more medium. */
static const char *risk_severity(const struct rp_risk *r)
{
    int p = r->probability == RP_RISK_UNKNOWN ? 2 : (int)r->probability;
    int i = r->impact == RP_RISK_UNKNOWN ? 2 : (int)r->impact;

    return p * i >= 6 ? "high" : p * i >= 3 ? "medium" : "low";
}

static const char *risk_level_name(enum rp_risk_level level)
{
    switch (level) {
    case RP_RISK_LOW:
        return "low";
    case RP_RISK_MEDIUM:
        return "medium";
    case RP_RISK_HIGH:
        return "high";
    case RP_RISK_UNKNOWN:
        break;
    }
    return "unknown";
}

static const char *rag_name(enum rp_rag rag)
{
    switch (rag) {
    case RP_RAG_GREEN:
        return "green";
    case RP_RAG_AMBER:
        return "amber";
    case RP_RAG_RED:
        return "red";
    case RP_RAG_UNKNOWN:
        break;
    }
    return "unknown";
}

/* ---- per-account state ---- */

/* A growable list of record indexes. */
struct idx_list {
    size_t *v;
    size_t n, cap;
};

static void idx_add(struct idx_list *l, size_t i)
{
    rp_array_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
    l->v[l->n++] = i;
}

/* Per account, in document order: its records and what they add up to. */
struct account_report {
    size_t account;          /* index into data->accounts */
    struct idx_list tickets; /* in period, in document order */
    struct idx_list backlog; /* open at period end, in document order */
    struct idx_list contacts, opportunities, milestones, risks, roles;
    struct rp_merge_agg agg;
    struct rp_merge_assessment health;
    size_t overdue, high_risks;
};

static void report_release(struct account_report *r)
{
    free(r->tickets.v);
    free(r->backlog.v);
    free(r->contacts.v);
    free(r->opportunities.v);
    free(r->milestones.v);
    free(r->risks.v);
    free(r->roles.v);
    rp_merge_agg_release(&r->agg);
}

/* Everything one build holds; released in one place. */
struct build {
    const struct rp_dataset *data;
    const struct rp_merge_options *opt;
    struct rp_merge_config cfg;
    bool cfg_loaded;
    struct rp_merge_matcher matcher;
    bool matcher_ready;
    struct period p;
    size_t *by_name, *tickets, *slot, *projects_by_id;
    struct rp_merge_match_result *match; /* per ticket */
    struct rp_merge_ticket_sla *sla;     /* per ticket of the period */
    struct account_report *reports;
    struct rp_merge_agg program;
    struct idx_list unmatched;
    /* Plan records with an account id the CRM does not know. */
    struct idx_list orphan_contacts, orphan_opportunities, orphan_milestones,
        orphan_risks, orphan_roles, orphan_projects;
    struct idx_list program_milestones, program_risks, program_roles;
    size_t outside, by_how[RP_MERGE_MATCH_COUNT];
    size_t health_count[RP_MERGE_HEALTH_COUNT];
    size_t contributions;
    struct sources sources;
};

static void build_release(struct build *b)
{
    size_t i;

    if (b->reports) {
        for (i = 0; i < b->data->n_accounts; i++)
            report_release(&b->reports[i]);
    }
    rp_merge_agg_release(&b->program);
    if (b->matcher_ready)
        rp_merge_matcher_release(&b->matcher);
    if (b->cfg_loaded)
        rp_merge_config_release(&b->cfg);
    free(b->reports);
    free(b->match);
    free(b->sla);
    free(b->slot);
    free(b->tickets);
    free(b->by_name);
    free(b->projects_by_id);
    free(b->unmatched.v);
    free(b->orphan_contacts.v);
    free(b->orphan_opportunities.v);
    free(b->orphan_milestones.v);
    free(b->orphan_risks.v);
    free(b->orphan_roles.v);
    free(b->orphan_projects.v);
    free(b->program_milestones.v);
    free(b->program_risks.v);
    free(b->program_roles.v);
    free(b->sources.paths);
}

static int cmp_project_by_id(const void *a, const void *b)
{
    return strcmp(str(sort_data->projects[*(const size_t *)a].id),
                  str(sort_data->projects[*(const size_t *)b].id));
}

/* The project with id, or NULL. */
static const struct rp_project *find_project(const struct build *b,
                                             const char *id)
{
    size_t lo = 0, hi = b->data->n_projects;

    if (!id || !id[0])
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct rp_project *p = &b->data->projects[b->projects_by_id[mid]];
        int c = strcmp(str(p->id), id);
        if (c == 0)
            return p;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/*
 * Where a plan record belongs: its own account id, else its project's
 * account; *report is NULL for a program-wide record (no account at
 * all).  Returns false when the account id is unknown to the CRM.
 */
static bool place(const struct build *b, const char *account_id,
                  const char *project_id, struct account_report **report)
{
    const struct rp_project *p;
    size_t a;

    *report = NULL;
    if (!account_id || !account_id[0]) {
        p = find_project(b, project_id);
        account_id = p ? p->account_id : NULL;
    }
    if (!account_id || !account_id[0])
        return true;
    a = rp_merge_find_account(&b->matcher, account_id);
    if (a == SIZE_MAX)
        return false;
    *report = &b->reports[b->slot[a]];
    return true;
}

static void distribute_plan(struct build *b)
{
    const struct rp_dataset *d = b->data;
    struct account_report *r;
    size_t i;

    for (i = 0; i < d->n_contacts; i++) {
        if (!place(b, d->contacts[i].account_id, NULL, &r) || !r)
            idx_add(&b->orphan_contacts, i);
        else
            idx_add(&r->contacts, i);
    }
    for (i = 0; i < d->n_opportunities; i++) {
        if (!place(b, d->opportunities[i].account_id, NULL, &r) || !r)
            idx_add(&b->orphan_opportunities, i);
        else
            idx_add(&r->opportunities, i);
    }
    for (i = 0; i < d->n_projects; i++) {
        if (!place(b, d->projects[i].account_id, NULL, &r))
            idx_add(&b->orphan_projects, i);
    }
    for (i = 0; i < d->n_milestones; i++) {
        const struct rp_milestone *m = &d->milestones[i];
        if (!place(b, m->account_id, m->project_id, &r)) {
            idx_add(&b->orphan_milestones, i);
        } else if (!r) {
            idx_add(&b->program_milestones, i);
        } else {
            idx_add(&r->milestones, i);
            r->overdue += milestone_overdue(m, b->opt->generated);
        }
    }
    for (i = 0; i < d->n_risks; i++) {
        const struct rp_risk *k = &d->risks[i];
        if (!place(b, k->account_id, k->project_id, &r)) {
            idx_add(&b->orphan_risks, i);
        } else if (!r) {
            idx_add(&b->program_risks, i);
        } else {
            idx_add(&r->risks, i);
            r->high_risks +=
                risk_open(k) && strcmp(risk_severity(k), "high") == 0;
        }
    }
    for (i = 0; i < d->n_roles; i++) {
        const struct rp_role *k = &d->roles[i];
        if (!place(b, k->account_id, k->project_id, &r))
            idx_add(&b->orphan_roles, i);
        else if (!r)
            idx_add(&b->program_roles, i);
        else
            idx_add(&r->roles, i);
    }
}

/* ---- elements ---- */

static void emit_sla_targets(xmlNode *root, const struct rp_merge_sla_config *s)
{
    static const char *const day_names[7] = {"Mon", "Tue", "Wed", "Thu",
                                             "Fri", "Sat", "Sun"};
    xmlNode *targets = add_node(root, "sla-targets"), *cal, *n;
    char buf[64];
    size_t i, len = 0;

    set_int(targets, "compliance-target-pct", s->compliance_target_pct);
    set_attr(targets, "source", s->source);
    cal = add_node(targets, "calendar");
    set_attr(cal, "time-zone", s->calendar.time_zone);
    buf[0] = '\0';
    for (i = 0; i < 7; i++) {
        if (s->calendar.workday[i])
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    len ? " " : "", day_names[i]);
    }
    set_attr(cal, "days", buf);
    snprintf(buf, sizeof(buf), "%02d:%02d", s->calendar.open / 3600,
             s->calendar.open / 60 % 60);
    set_attr(cal, "start", buf);
    snprintf(buf, sizeof(buf), "%02d:%02d", s->calendar.close / 3600,
             s->calendar.close / 60 % 60);
    set_attr(cal, "end", buf);
    for (i = 0; i < s->calendar.n_holidays; i++) {
        n = add_node(cal, "holiday");
        set_date(n, "date",
                 s->calendar.holidays[i].day * RP_MERGE_SECONDS_PER_DAY);
        set_attr(n, "name", s->calendar.holidays[i].name);
    }
    for (i = 0; i < s->n_targets; i++) {
        const struct rp_merge_target *t = &s->targets[i];
        n = add_node(targets, "target");
        set_attr(n, "priority", rp_priority_name(t->priority));
        set_opt_attr(n, "tier", t->tier);
        set_int(n, "first-response-hours", t->first_response_hours);
        set_int(n, "resolution-hours", t->resolution_hours);
        set_attr(n, "basis", rp_merge_basis_name(t->basis));
    }
}

static void emit_health_rules(xmlNode *root,
                              const struct rp_merge_health_config *h)
{
    xmlNode *rules = add_node(root, "health-rules");
    size_t i;

    set_attr(rules, "source", h->source);
    for (i = 0; i < h->n_rules; i++) {
        const struct rp_merge_rule *r = &h->rules[i];
        xmlNode *n = add_node(rules, "rule");
        set_attr(n, "when", rp_merge_rule_name(r->kind));
        set_attr(n, "level", rp_merge_health_name(r->level));
        if (r->kind == RP_MERGE_RULE_SLA_BELOW_TARGET)
            set_int(n, "points", r->points);
        else
            set_int(n, "min", r->min);
        if (r->kind == RP_MERGE_RULE_AGED_BACKLOG)
            set_int(n, "days", r->days);
    }
}

static void set_counts(xmlNode *n, const struct rp_merge_counts *c)
{
    set_size(n, "tickets", c->tickets);
    set_size(n, "open-at-end", c->open_at_end);
    set_size(n, "sla-met", c->met);
    set_size(n, "sla-breached", c->breached);
    set_size(n, "sla-pending", c->pending);
    set_pct(n, "sla-met-pct", c->met, c->breached);
    set_size(n, "first-response-met", c->fr_met);
    set_size(n, "first-response-breached", c->fr_breached);
    set_size(n, "first-response-pending", c->fr_pending);
    set_pct(n, "first-response-met-pct", c->fr_met, c->fr_breached);
    set_size(n, "resolution-met", c->res_met);
    set_size(n, "resolution-breached", c->res_breached);
    set_size(n, "resolution-pending", c->res_pending);
    set_pct(n, "resolution-met-pct", c->res_met, c->res_breached);
    set_size(n, "sla-from-export", c->from_export);
    set_size(n, "reopened", c->reopened);
    set_size(n, "escalated", c->escalated);
}

/* <priority>, <month>, <category>, <backlog> and <escalations> children,
 * shared by <program> and <support> so both read the same way.  tier
 * picks the SLA targets shown on <priority>. */
static void emit_breakdown(xmlNode *parent, struct rp_merge_agg *agg,
                           const struct rp_merge_sla_config *sla,
                           const char *tier)
{
    char key[RP_MERGE_TIME_LEN], label[RP_MERGE_TIME_LEN];
    xmlNode *n, *backlog;
    size_t i, b;
    int p;

    for (p = RP_PRIORITY_P1; p <= RP_PRIORITY_P4; p++) {
        const struct rp_merge_target *t = rp_merge_config_target(sla, tier, p);
        n = add_node(parent, "priority");
        set_attr(n, "name", rp_priority_name(p));
        set_counts(n, &agg->prio[p - 1]);
        set_percentile(n, "first-response-median-hours",
                       &agg->prio_first_response[p - 1], 50);
        set_percentile(n, "first-response-p90-hours",
                       &agg->prio_first_response[p - 1], 90);
        set_percentile(n, "resolution-median-hours",
                       &agg->prio_resolution[p - 1], 50);
        set_percentile(n, "resolution-p90-hours", &agg->prio_resolution[p - 1],
                       90);
        set_int(n, "target-first-response-hours", t->first_response_hours);
        set_int(n, "target-resolution-hours", t->resolution_hours);
        set_attr(n, "target-basis", rp_merge_basis_name(t->basis));
    }
    for (i = 0; i < agg->n_months; i++) {
        size_t total = 0;
        n = add_node(parent, "month");
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
        n = add_node(parent, "category");
        set_attr(n, "name", agg->categories[i].name);
        set_size(n, "tickets", agg->categories[i].tickets);
    }
    backlog = add_node(parent, "backlog");
    set_size(backlog, "tickets", agg->backlog_total);
    for (b = 0; b < RP_MERGE_AGE_BUCKETS; b++) {
        const struct rp_merge_age_bucket *k = &rp_merge_age_buckets[b];
        size_t total = 0;
        n = add_node(backlog, "age");
        set_attr(n, "label", k->label);
        set_int(n, "min-days", k->min_days);
        if (k->max_days >= 0)
            set_int(n, "max-days", k->max_days);
        for (p = 0; p < RP_PRIORITY_COUNT; p++)
            total += agg->backlog[b][p];
        set_size(n, "tickets", total);
        set_size(n, "p1", agg->backlog[b][0]);
        set_size(n, "p2", agg->backlog[b][1]);
        set_size(n, "p3", agg->backlog[b][2]);
        set_size(n, "p4", agg->backlog[b][3]);
    }
    n = add_node(parent, "escalations");
    set_size(n, "p1", agg->prio[RP_PRIORITY_P1 - 1].tickets);
    set_size(n, "breached", agg->all.breached);
    set_size(n, "reopened", agg->all.reopened);
    set_size(n, "escalated", agg->all.escalated);
}

static void emit_ticket_common(xmlNode *n, struct build *b,
                               const struct rp_ticket *t)
{
    set_attr(n, "id", t->id);
    set_attr(n, "priority", rp_priority_name(t->priority));
    set_attr(n, "status", rp_ticket_status_name(t->status));
    set_attr(n, "category", t->category);
    set_time(n, "created", t->created);
    set_time(n, "first-response", t->first_response);
    set_time(n, "resolved", t->resolved);
    if (t->reopened > 0)
        set_int(n, "reopened", t->reopened);
    if (t->escalated)
        set_attr(n, "escalated", "yes");
    set_src(n, &b->sources, t->source_file, t->source_line);
}

static void emit_ticket(xmlNode *parent, struct build *b, size_t index)
{
    const struct rp_ticket *t = &b->data->tickets[index];
    const struct rp_merge_ticket_sla sla = b->sla[index];
    xmlNode *n = add_text_node(parent, "ticket", t->subject);

    emit_ticket_common(n, b, t);
    if (b->match[index].how != RP_MERGE_MATCH_ID)
        set_attr(n, "matched-by", rp_merge_match_name(b->match[index].how));
    set_attr(n, "sla", rp_merge_sla_name(sla.overall));
    set_attr(n, "sla-first-response", rp_merge_sla_name(sla.first_response));
    set_attr(n, "sla-resolution", rp_merge_sla_name(sla.resolution));
    set_attr(n, "sla-source", rp_merge_sla_source_name(sla.source));
    set_yes_no(n, "open-at-end", rp_merge_open_at_end(t, b->p.end));
    if (t->first_response != RP_TIME_NONE)
        set_hours(n, "first-response-hours", t->first_response - t->created);
    if (t->resolved != RP_TIME_NONE)
        set_hours(n, "resolution-hours", t->resolved - t->created);
}

static void emit_unmatched_ticket(xmlNode *parent, struct build *b,
                                  size_t index)
{
    const struct rp_ticket *t = &b->data->tickets[index];
    xmlNode *n = add_text_node(parent, "ticket", t->subject);

    emit_ticket_common(n, b, t);
    set_attr(n, "account-id", t->account_id);
    set_opt_attr(n, "org-name", t->org_name);
    set_opt_attr(n, "org-domain", t->org_domain);
    set_opt_attr(n, "external-id", t->external_account_id);
    set_opt_attr(n, "source-system", t->source_system);
    set_attr(n, "reason", rp_merge_unmatched_name(b->match[index].why));
    set_yes_no(n, "in-period", in_period(&b->p, t));
}

static void emit_backlog_items(xmlNode *support, struct build *b,
                               const struct idx_list *backlog)
{
    xmlNode *parent = NULL;
    size_t i;

    /* The <backlog> emit_breakdown() made: the last one of its kind. */
    for (parent = support->last; parent; parent = parent->prev) {
        if (parent->type == XML_ELEMENT_NODE &&
            xmlStrcmp(parent->name, BAD_CAST "backlog") == 0)
            break;
    }
    for (i = 0; parent && i < backlog->n; i++) {
        const struct rp_ticket *t = &b->data->tickets[backlog->v[i]];
        xmlNode *n = add_text_node(parent, "item", t->subject);
        set_attr(n, "id", t->id);
        set_attr(n, "priority", rp_priority_name(t->priority));
        set_time(n, "created", t->created);
        set_int(n, "age-days",
                (b->p.end - t->created) / RP_MERGE_SECONDS_PER_DAY);
        set_src(n, &b->sources, t->source_file, t->source_line);
    }
}

static void emit_contact(xmlNode *parent, struct build *b,
                         const struct rp_contact *c)
{
    xmlNode *n = add_node(parent, "contact");

    set_attr(n, "id", c->id);
    set_attr(n, "name", c->name);
    set_opt_attr(n, "title", c->title);
    set_opt_attr(n, "role", c->role);
    set_opt_attr(n, "email", c->email);
    set_opt_attr(n, "phone", c->phone);
    set_yes_no(n, "primary", c->primary);
    set_src(n, &b->sources, c->source_file, c->source_line);
}

static void emit_opportunity(xmlNode *parent, struct build *b,
                             const struct rp_opportunity *o)
{
    xmlNode *n = add_node(parent, "opportunity");
    char buf[NUM_LEN];

    set_attr(n, "id", o->id);
    set_attr(n, "name", o->name);
    set_attr(n, "stage", o->stage);
    set_opt_attr(n, "type", o->type);
    set_attr(n, "status", !o->closed ? "open" : o->won ? "won" : "lost");
    set_money(n, "amount", o->amount);
    set_opt_attr(n, "currency", o->currency);
    if (o->probability >= 0 && o->probability <= 100) {
        snprintf(buf, sizeof(buf), "%d", (int)(o->probability + 0.5));
        set_attr(n, "probability-pct", buf);
    }
    set_date(n, "close-date", o->close_date);
    set_src(n, &b->sources, o->source_file, o->source_line);
}

static void emit_project(xmlNode *parent, struct build *b,
                         const struct rp_project *p)
{
    xmlNode *n = add_node(parent, "project");

    set_attr(n, "id", p->id);
    set_attr(n, "name", p->name);
    set_opt_attr(n, "account-id", p->account_id);
    set_attr(n, "phase", p->phase);
    set_attr(n, "owner", p->owner);
    set_attr(n, "rag", rag_name(p->rag));
    set_money(n, "budget", p->budget);
    set_money(n, "actual", p->actual);
    set_money(n, "variance", p->actual - p->budget);
    /* Both below 10^15 (check_plan): the ratio fits a long long. */
    if (p->budget >= 0.005 && p->actual >= 0) {
        char buf[NUM_LEN];
        long long tenths = llround(p->actual / p->budget * 1000.0);
        snprintf(buf, sizeof(buf), "%lld.%lld", tenths / 10, tenths % 10);
        set_attr(n, "spent-pct", buf);
    }
    set_date(n, "start", p->start);
    set_date(n, "end", p->end);
    set_src(n, &b->sources, p->source_file, p->source_line);
    if (p->goal && p->goal[0])
        add_text_node(n, "goal", p->goal);
}

static void emit_milestone(xmlNode *parent, struct build *b,
                           const struct rp_milestone *m)
{
    xmlNode *n = add_node(parent, "milestone");
    bool overdue = milestone_overdue(m, b->opt->generated);

    set_attr(n, "id", m->id);
    set_attr(n, "name", m->name);
    set_opt_attr(n, "project-id", m->project_id);
    set_attr(n, "owner", m->owner);
    set_attr(n, "status", m->status);
    set_date(n, "due", m->due);
    set_date(n, "completed", m->completed);
    set_yes_no(n, "done", milestone_done(m));
    set_yes_no(n, "overdue", overdue);
    if (overdue)
        set_int(n, "days-overdue",
                (b->opt->generated - m->due) / RP_MERGE_SECONDS_PER_DAY);
    set_src(n, &b->sources, m->source_file, m->source_line);
}

static void emit_risk(xmlNode *parent, struct build *b, const struct rp_risk *r)
{
    xmlNode *n = add_node(parent, "risk");

    set_attr(n, "id", r->id);
    set_attr(n, "title", r->title);
    set_opt_attr(n, "project-id", r->project_id);
    set_attr(n, "owner", r->owner);
    set_attr(n, "status", r->status);
    set_yes_no(n, "open", risk_open(r));
    set_attr(n, "probability", risk_level_name(r->probability));
    set_attr(n, "impact", risk_level_name(r->impact));
    set_attr(n, "severity", risk_severity(r));
    set_date(n, "due", r->due);
    set_src(n, &b->sources, r->source_file, r->source_line);
    if (r->mitigation && r->mitigation[0])
        add_text_node(n, "mitigation", r->mitigation);
}

static void emit_role(xmlNode *parent, struct build *b, const struct rp_role *r)
{
    xmlNode *n = add_node(parent, "role");
    char buf[NUM_LEN];

    set_attr(n, "role", r->role);
    set_opt_attr(n, "person", r->person);
    set_yes_no(n, "filled", r->person && r->person[0]);
    set_opt_attr(n, "project-id", r->project_id);
    if (r->allocation >= 0 && r->allocation <= 1000) {
        snprintf(buf, sizeof(buf), "%d", (int)(r->allocation + 0.5));
        set_attr(n, "allocation-pct", buf);
    }
    set_src(n, &b->sources, r->source_file, r->source_line);
}

static void emit_milestones(xmlNode *parent, struct build *b,
                            const struct idx_list *l)
{
    xmlNode *n = add_node(parent, "milestones");
    size_t i, overdue = 0;

    for (i = 0; i < l->n; i++)
        overdue +=
            milestone_overdue(&b->data->milestones[l->v[i]], b->opt->generated);
    set_size(n, "overdue", overdue);
    for (i = 0; i < l->n; i++)
        emit_milestone(n, b, &b->data->milestones[l->v[i]]);
}

static void emit_risks(xmlNode *parent, struct build *b,
                       const struct idx_list *l)
{
    xmlNode *n = add_node(parent, "risks");
    size_t i, open = 0, high = 0;

    for (i = 0; i < l->n; i++) {
        const struct rp_risk *r = &b->data->risks[l->v[i]];
        open += risk_open(r);
        high += risk_open(r) && strcmp(risk_severity(r), "high") == 0;
    }
    set_size(n, "open", open);
    set_size(n, "open-high", high);
    for (i = 0; i < l->n; i++)
        emit_risk(n, b, &b->data->risks[l->v[i]]);
}

static void emit_roles(xmlNode *parent, struct build *b,
                       const struct idx_list *l)
{
    xmlNode *n = add_node(parent, "roles");
    size_t i, unfilled = 0;

    for (i = 0; i < l->n; i++) {
        const char *person = b->data->roles[l->v[i]].person;
        unfilled += !person || !person[0];
    }
    set_size(n, "unfilled", unfilled);
    for (i = 0; i < l->n; i++)
        emit_role(n, b, &b->data->roles[l->v[i]]);
}

/* ---- contributions ---- */

static const char *const contribution_kinds[] = {
    "executive-summary", "plan-next-year", "meeting-feedback", NULL};
#define N_CONTRIBUTION_KINDS                                                   \
    (sizeof(contribution_kinds) / sizeof(contribution_kinds[0]) - 1)

const char *const *rp_merge_contribution_kinds(size_t *n)
{
    *n = N_CONTRIBUTION_KINDS;
    return contribution_kinds;
}

static const struct rp_merge_contribution *
stored_contribution(const struct rp_merge_options *opt, const char *account,
                    const char *kind)
{
    size_t i;

    for (i = 0; i < opt->n_contributions; i++) {
        const struct rp_merge_contribution *c = &opt->contributions[i];
        if (strcmp(c->account_id, account) == 0 && strcmp(c->kind, kind) == 0)
            return c;
    }
    return NULL;
}

/* An account id is used as a directory name only when it cannot climb. */
static bool safe_dir_name(const char *id)
{
    return id[0] && id[0] != '.' && !strchr(id, '/') && !strchr(id, '\\');
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Ends the paragraph collected in para (trailing space dropped). */
static void flush_paragraph(xmlNode *parent, char *para, size_t *len)
{
    while (*len && para[*len - 1] == ' ')
        (*len)--;
    if (*len == 0)
        return;
    para[*len] = '\0';
    add_text_node(parent, "para", para);
    *len = 0;
}

/* Paragraphs of plain text: a line holding only white space ends one;
 * the line breaks and runs of spaces inside a paragraph are the author's
 * wrapping, not meaning, and become single spaces. */
static void emit_paragraphs(xmlNode *parent, const char *text)
{
    /* Each line adds at most one space for its line break. */
    char *para = rp_xmalloc(strlen(text) + 2);
    const char *line = text;
    size_t len = 0;

    while (*line) {
        const char *eol = line + strcspn(line, "\n"), *q;
        bool blank = true;

        for (q = line; q < eol && blank; q++)
            blank = is_blank(*q);
        if (blank)
            flush_paragraph(parent, para, &len);
        for (q = line; q < eol && !blank; q++) {
            if (is_blank(*q) && (len == 0 || para[len - 1] == ' '))
                continue;
            para[len++] = is_blank(*q) ? ' ' : *q;
        }
        if (!blank && para[len - 1] != ' ')
            para[len++] = ' ';
        line = *eol ? eol + 1 : eol;
    }
    flush_paragraph(parent, para, &len);
    free(para);
}

static enum rp_status read_contribution(const char *path, char **out,
                                        struct rp_error *err)
{
    struct stat st;
    FILE *fp;
    char *text;
    size_t n;

    *out = NULL;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return RP_OK;
    if ((size_t)st.st_size > MAX_CONTRIBUTION_BYTES)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "a contribution may hold at most %zu bytes",
                            MAX_CONTRIBUTION_BYTES);
    fp = fopen(path, "rb");
    if (!fp)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot open the file: %s", strerror(errno));
    text = rp_xmalloc(MAX_CONTRIBUTION_BYTES + 1);
    n = fread(text, 1, MAX_CONTRIBUTION_BYTES, fp);
    fclose(fp);
    text[n] = '\0';
    if (memchr(text, '\0', n)) {
        free(text);
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "the file holds a NUL byte: expected UTF-8 "
                            "text");
    }
    if (check_text(text, path, 0, NULL, err) != RP_OK) {
        free(text);
        return err->status;
    }
    *out = text;
    return RP_OK;
}

static enum rp_status emit_contributions(xmlNode *acc, struct build *b,
                                         const struct rp_account *a,
                                         struct rp_error *err)
{
    const char *dir = b->opt->contributions_dir;
    xmlNode *parent = add_node(acc, "contributions");
    size_t k;

    for (k = 0; k < N_CONTRIBUTION_KINDS; k++) {
        const struct rp_merge_contribution *c =
            stored_contribution(b->opt, a->id, contribution_kinds[k]);
        enum rp_status status = RP_OK;
        char *path = NULL, *text = NULL;
        xmlNode *n;

        if (c) {
            if (strlen(c->text) > MAX_CONTRIBUTION_BYTES)
                return rp_error_set(
                    err, RP_ERR_INPUT, NULL, 0, contribution_kinds[k],
                    "the stored %s of %s holds more than %zu "
                    "bytes",
                    contribution_kinds[k], a->id, MAX_CONTRIBUTION_BYTES);
            if (check_text(c->text, a->id, 0, contribution_kinds[k], err) !=
                RP_OK)
                return err->status;
            n = add_node(parent, "contribution");
            set_attr(n, "kind", contribution_kinds[k]);
            set_attr(n, "author", c->author);
            set_time(n, "submitted", c->submitted);
            emit_paragraphs(n, c->text);
            b->contributions++;
            continue;
        }
        if (!dir || !safe_dir_name(a->id))
            continue;
        path = rp_xmalloc(strlen(dir) + strlen(a->id) +
                          strlen(contribution_kinds[k]) + 8);
        sprintf(path, "%s/%s/%s.txt", dir, a->id, contribution_kinds[k]);
        status = read_contribution(path, &text, err);
        if (status == RP_OK && text) {
            n = add_node(parent, "contribution");
            set_attr(n, "kind", contribution_kinds[k]);
            set_attr(n, "file", path);
            emit_paragraphs(n, text);
            b->contributions++;
        }
        free(text);
        free(path);
        if (status != RP_OK)
            return status;
    }
    return RP_OK;
}

/* ---- accounts ---- */

static enum rp_status emit_account(xmlNode *root, struct build *b,
                                   struct account_report *r,
                                   struct rp_error *err)
{
    const struct rp_dataset *d = b->data;
    const struct rp_account *a = &d->accounts[r->account];
    xmlNode *acc = add_node(root, "account"), *support, *n;
    size_t i;

    set_attr(acc, "id", a->id);
    set_attr(acc, "name", a->name);
    set_attr(acc, "tier", a->tier);
    set_attr(acc, "owner", a->owner);
    set_attr(acc, "industry", a->industry);
    set_attr(acc, "country", a->country);
    set_attr(acc, "website", a->website);
    set_money(acc, "annual-revenue", a->annual_revenue);
    if (a->arr > 0)
        set_money(acc, "arr", a->arr);
    set_date(acc, "contract-start", a->contract_start);
    set_date(acc, "renewal", a->renewal);
    set_attr(acc, "health", rp_merge_health_name(r->health.health));
    set_src(acc, &b->sources, a->source_file, a->source_line);
    for (i = 0; i < r->health.n_reasons; i++) {
        n = add_text_node(acc, "health-reason", r->health.reasons[i]);
        set_attr(n, "rule", rp_merge_rule_name(r->health.rule[i]));
    }

    n = add_node(acc, "contacts");
    for (i = 0; i < r->contacts.n; i++)
        emit_contact(n, b, &d->contacts[r->contacts.v[i]]);
    n = add_node(acc, "opportunities");
    for (i = 0; i < r->opportunities.n; i++)
        emit_opportunity(n, b, &d->opportunities[r->opportunities.v[i]]);

    support = add_node(acc, "support");
    set_counts(support, &r->agg.all);
    set_percentile(support, "first-response-median-hours",
                   &r->agg.first_response, 50);
    set_percentile(support, "first-response-p90-hours", &r->agg.first_response,
                   90);
    set_percentile(support, "resolution-median-hours", &r->agg.resolution, 50);
    set_percentile(support, "resolution-p90-hours", &r->agg.resolution, 90);
    emit_breakdown(support, &r->agg, &b->cfg.sla, a->tier);
    emit_backlog_items(support, b, &r->backlog);
    for (i = 0; i < r->tickets.n; i++)
        emit_ticket(support, b, r->tickets.v[i]);

    emit_milestones(acc, b, &r->milestones);
    emit_risks(acc, b, &r->risks);
    emit_roles(acc, b, &r->roles);
    return emit_contributions(acc, b, a, err);
}

static void emit_program(xmlNode *root, struct build *b)
{
    const struct rp_dataset *d = b->data;
    xmlNode *n = add_node(root, "program"), *projects;
    size_t i;

    set_size(n, "accounts", d->n_accounts);
    set_size(n, "accounts-stable", b->health_count[RP_MERGE_HEALTH_STABLE]);
    set_size(n, "accounts-watch", b->health_count[RP_MERGE_HEALTH_WATCH]);
    set_size(n, "accounts-unstable", b->health_count[RP_MERGE_HEALTH_UNSTABLE]);
    set_counts(n, &b->program.all);
    set_size(n, "tickets-outside-period", b->outside);
    set_size(n, "tickets-unmatched", b->unmatched.n);
    set_size(n, "tickets-total", d->n_tickets);
    set_percentile(n, "first-response-median-hours", &b->program.first_response,
                   50);
    set_percentile(n, "first-response-p90-hours", &b->program.first_response,
                   90);
    set_percentile(n, "resolution-median-hours", &b->program.resolution, 50);
    set_percentile(n, "resolution-p90-hours", &b->program.resolution, 90);
    emit_breakdown(n, &b->program, &b->cfg.sla, "");
    projects = add_node(n, "projects");
    for (i = 0; i < d->n_projects; i++)
        emit_project(projects, b, &d->projects[b->projects_by_id[i]]);
    emit_milestones(n, b, &b->program_milestones);
    emit_risks(n, b, &b->program_risks);
    emit_roles(n, b, &b->program_roles);
}

static void emit_matching(xmlNode *root, struct build *b)
{
    xmlNode *n = add_node(root, "matching");
    const struct rp_merge_map_config *map = &b->cfg.map;

    set_size(n, "tickets", b->data->n_tickets);
    set_size(n, "by-id", b->by_how[RP_MERGE_MATCH_ID]);
    set_size(n, "by-map", b->by_how[RP_MERGE_MATCH_MAP]);
    set_size(n, "by-domain", b->by_how[RP_MERGE_MATCH_DOMAIN]);
    set_size(n, "by-name", b->by_how[RP_MERGE_MATCH_NAME]);
    set_size(n, "unmatched", b->by_how[RP_MERGE_MATCH_NONE]);
    set_size(n, "mappings", map->n_entries);
    set_size(n, "stale-mappings", b->matcher.n_stale);
    set_opt_attr(n, "map-source", map->source);
}

static void emit_unmatched(xmlNode *root, struct build *b)
{
    const struct rp_dataset *d = b->data;
    xmlNode *n = add_node(root, "unmatched"), *c;
    size_t i;

    set_size(n, "tickets", b->unmatched.n);
    set_size(n, "records",
             b->orphan_contacts.n + b->orphan_opportunities.n +
                 b->orphan_projects.n + b->orphan_milestones.n +
                 b->orphan_risks.n + b->orphan_roles.n);
    for (i = 0; i < b->unmatched.n; i++)
        emit_unmatched_ticket(n, b, b->unmatched.v[i]);
#define ORPHANS(list, kind, array, idfield)                                    \
    for (i = 0; i < b->list.n; i++) {                                          \
        c = add_node(n, "record");                                             \
        set_attr(c, "kind", kind);                                             \
        set_attr(c, "id", d->array[b->list.v[i]].idfield);                     \
        set_attr(c, "account-id", d->array[b->list.v[i]].account_id);          \
        set_src(c, &b->sources, d->array[b->list.v[i]].source_file,            \
                d->array[b->list.v[i]].source_line);                           \
    }
    ORPHANS(orphan_contacts, "contact", contacts, id)
    ORPHANS(orphan_opportunities, "opportunity", opportunities, id)
    ORPHANS(orphan_projects, "project", projects, id)
    ORPHANS(orphan_milestones, "milestone", milestones, id)
    ORPHANS(orphan_risks, "risk", risks, id)
    ORPHANS(orphan_roles, "role", roles, role)
#undef ORPHANS
}

/* <sources> goes before the accounts but is filled as records are
 * emitted; it is completed last. */
static void fill_sources(xmlNode *sources, struct build *b)
{
    size_t i;
    char id[NUM_LEN];

    for (i = 0; i < b->sources.n; i++) {
        xmlNode *n = add_node(sources, "file");
        snprintf(id, sizeof(id), "f%zu", i + 1);
        set_attr(n, "id", id);
        set_attr(n, "path", b->sources.paths[i]);
    }
}

/* ---- schema validation ---- */

struct validation {
    char path[512];
    char message[512];
    long line;
    bool failed;
};

static void on_invalid(void *ctx, xmlError *e)
{
    struct validation *v = ctx;
    xmlChar *path;

    /* The first message says what; the first error that names a node
     * (an attribute's type error does not) says where. */
    if (!v->failed) {
        v->failed = true;
        snprintf(v->message, sizeof(v->message), "%s",
                 e->message ? e->message : "invalid");
        /* Drop the newline libxml2 ends its messages with. */
        v->message[strcspn(v->message, "\n")] = '\0';
    }
    if (v->path[0] || !e->node)
        return;
    path = xmlGetNodePath(e->node);
    snprintf(v->path, sizeof(v->path), "%s", path ? (const char *)path : "");
    xmlFree(path);
}

static enum rp_status validate(xmlDoc *doc, const char *schema_path,
                               struct rp_error *err)
{
    xmlRelaxNGParserCtxt *pctxt = xmlRelaxNGNewParserCtxt(schema_path);
    xmlRelaxNG *schema = pctxt ? xmlRelaxNGParse(pctxt) : NULL;
    xmlRelaxNGValidCtxt *vctxt = NULL;
    struct validation v;
    enum rp_status status = RP_OK;
    int rc;

    memset(&v, 0, sizeof(v));
    if (!schema) {
        status = rp_error_set(err, RP_ERR_INPUT, schema_path, 0, NULL,
                              "cannot load the review-data schema");
        goto out;
    }
    vctxt = xml_must(xmlRelaxNGNewValidCtxt(schema));
    xmlRelaxNGSetValidStructuredErrors(vctxt, on_invalid, &v);
    rc = xmlRelaxNGValidateDoc(vctxt, doc);
    if (rc != 0)
        status = rp_error_set(err, RP_ERR_INTERNAL, schema_path, 0,
                              v.path[0] ? v.path : "/",
                              "the merged document does not match the "
                              "schema (our bug): %s",
                              v.failed ? v.message : "validation failed");
out:
    xmlRelaxNGFreeValidCtxt(vctxt);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pctxt);
    return status;
}

/* ---- the build ---- */

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
    if (check_plan(data, err) != RP_OK)
        return err->status;
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

/* Joins tickets to accounts and adds up every figure. */
static void aggregate(struct build *b)
{
    const struct rp_dataset *d = b->data;
    size_t i;

    b->match = rp_xcalloc(d->n_tickets + 1, sizeof(*b->match));
    b->sla = rp_xcalloc(d->n_tickets + 1, sizeof(*b->sla));
    for (i = 0; i < d->n_tickets; i++) {
        rp_merge_match_ticket(&b->matcher, &d->tickets[i], &b->match[i]);
        b->by_how[b->match[i].how]++;
    }
    for (i = 0; i < d->n_tickets; i++) {
        size_t t = b->tickets[i];
        const struct rp_ticket *ticket = &d->tickets[t];
        const struct rp_account *a;
        struct account_report *r;
        struct rp_merge_ticket_sla *sla = &b->sla[t];

        if (b->match[t].how == RP_MERGE_MATCH_NONE) {
            idx_add(&b->unmatched, t);
            continue;
        }
        r = &b->reports[b->slot[b->match[t].account]];
        a = &d->accounts[r->account];
        if (rp_merge_agg_add_backlog(&r->agg, ticket, b->p.end) >= 0) {
            idx_add(&r->backlog, t);
            (void)rp_merge_agg_add_backlog(&b->program, ticket, b->p.end);
        }
        if (!in_period(&b->p, ticket)) {
            b->outside++;
            continue;
        }
        idx_add(&r->tickets, t);
        rp_merge_sla_classify(
            ticket,
            rp_merge_config_target(&b->cfg.sla, a->tier, ticket->priority),
            &b->cfg.sla.calendar, b->p.end, sla);
        rp_merge_agg_add(&r->agg, ticket, sla, b->p.end);
        rp_merge_agg_add(&b->program, ticket, sla, b->p.end);
    }
    rp_merge_agg_finish(&b->program);
    for (i = 0; i < d->n_accounts; i++)
        rp_merge_agg_finish(&b->reports[i].agg);
}

/* Health looks at support and at the plan: after both are in place. */
static void assess(struct build *b)
{
    size_t i;

    for (i = 0; i < b->data->n_accounts; i++) {
        struct account_report *r = &b->reports[i];
        struct rp_merge_facts facts;

        facts.agg = &r->agg;
        facts.target_pct = b->cfg.sla.compliance_target_pct;
        facts.overdue_milestones = r->overdue;
        facts.high_risks = r->high_risks;
        rp_merge_health_assess(&facts, &b->cfg.health, &r->health);
        b->health_count[r->health.health]++;
    }
}

enum rp_status rp_merge_build(const struct rp_dataset *data,
                              const struct rp_merge_options *opt, xmlDoc **out,
                              struct rp_merge_stats *stats,
                              struct rp_error *err)
{
    enum rp_status status = RP_OK;
    struct build b;
    size_t *by_id = NULL;
    xmlDoc *doc = NULL;
    xmlNode *root, *sources;
    size_t i;

    *out = NULL;
    memset(stats, 0, sizeof(*stats));
    memset(&b, 0, sizeof(b));
    b.data = data;
    b.opt = opt;
    rp_merge_agg_init(&b.program, 0, 0);

    by_id = sorted_indexes(data, data->n_accounts, cmp_account_by_id);
    status = check_dataset(data, by_id, err);
    if (status != RP_OK)
        goto out;
    status = choose_period(data, opt, &b.p, err);
    if (status != RP_OK)
        goto out;
    status = rp_merge_config_load(&b.cfg, opt->config_dir, err);
    if (status != RP_OK)
        goto out;
    b.cfg_loaded = true;
    status =
        rp_merge_calendar_prepare(&b.cfg.sla.calendar, b.p.start, b.p.end, err);
    if (status != RP_OK)
        goto out;
    rp_merge_matcher_init(&b.matcher, data, &b.cfg.map);
    b.matcher_ready = true;

    b.by_name = sorted_indexes(data, data->n_accounts, cmp_account_by_name);
    b.tickets = sorted_indexes(data, data->n_tickets, cmp_ticket);
    b.projects_by_id =
        sorted_indexes(data, data->n_projects, cmp_project_by_id);
    b.slot = rp_xcalloc(data->n_accounts + 1, sizeof(*b.slot));
    b.reports = rp_xcalloc(data->n_accounts + 1, sizeof(*b.reports));
    for (i = 0; i < data->n_accounts; i++) {
        b.slot[b.by_name[i]] = i;
        b.reports[i].account = b.by_name[i];
        rp_merge_agg_init(&b.reports[i].agg, b.p.first_month, b.p.n_months);
    }
    rp_merge_agg_release(&b.program);
    rp_merge_agg_init(&b.program, b.p.first_month, b.p.n_months);
    aggregate(&b);
    distribute_plan(&b);
    assess(&b);

    doc = xml_must(xmlNewDoc(BAD_CAST "1.0"));
    /* Element and attribute names from a dictionary, as a parser would
     * make them: one copy of "priority" instead of one per ticket. */
    doc->dict = xml_must(xmlDictCreate());
    root = xml_must(xmlNewDocNode(doc, NULL, BAD_CAST "review-data", NULL));
    xmlDocSetRootElement(doc, root);
    set_time(root, "generated", opt->generated);
    set_date(root, "period-start", b.p.start);
    set_date(root, "period-end", b.p.end - 1);
    emit_program(root, &b);
    emit_sla_targets(root, &b.cfg.sla);
    emit_health_rules(root, &b.cfg.health);
    emit_matching(root, &b);
    sources = add_node(root, "sources");
    for (i = 0; i < data->n_accounts && status == RP_OK; i++)
        status = emit_account(root, &b, &b.reports[i], err);
    if (status != RP_OK)
        goto out;
    emit_unmatched(root, &b);
    fill_sources(sources, &b);
    if (opt->schema_path) {
        status = validate(doc, opt->schema_path, err);
        if (status != RP_OK)
            goto out;
    }

    stats->accounts = data->n_accounts;
    stats->tickets = b.program.all.tickets;
    stats->tickets_unmatched = b.unmatched.n;
    stats->matched_by_id = b.by_how[RP_MERGE_MATCH_ID];
    stats->matched_by_map = b.by_how[RP_MERGE_MATCH_MAP];
    stats->matched_by_domain = b.by_how[RP_MERGE_MATCH_DOMAIN];
    stats->matched_by_name = b.by_how[RP_MERGE_MATCH_NAME];
    stats->contributions = b.contributions;
    /* Years 0001..9999 (check_time, choose_period): exactly 10 chars. */
    rp_merge_fmt_date(b.p.start, stats->period_start,
                      sizeof(stats->period_start));
    rp_merge_fmt_date(b.p.end - 1, stats->period_end,
                      sizeof(stats->period_end));
    *out = doc;
    doc = NULL;
out:
    build_release(&b);
    xmlFreeDoc(doc);
    free(by_id);
    return status;
}

/* ---- one account's slice ---- */

static bool is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static bool has_id(xmlNode *n, const char *id)
{
    xmlChar *value = xmlGetProp(n, BAD_CAST "id");
    bool same = value && xmlStrEqual(value, BAD_CAST id);
    xmlFree(value);
    return same;
}

enum rp_status rp_merge_account_slice(xmlDoc *doc, const char *account_id,
                                      xmlDoc **out, struct rp_error *err)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *n, *copy;
    xmlDoc *slice = NULL;
    enum rp_status status = RP_OK;
    bool found = false;

    *out = NULL;
    if (!root || !is_element(root, "review-data")) {
        status = rp_error_set(err, RP_ERR_INPUT, NULL, 0, "review-data",
                              "the document is not review data");
        goto out;
    }
    /* Copied part by part rather than copied whole and pruned: the slice
     * costs what the account holds, not what the portfolio does. */
    slice = xml_must(xmlNewDoc(BAD_CAST "1.0"));
    copy = xml_must(xmlDocCopyNode(root, slice, 2)); /* attributes only */
    xmlDocSetRootElement(slice, copy);
    for (n = root->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || is_element(n, "unmatched"))
            continue;
        if (is_element(n, "account")) {
            if (found || !has_id(n, account_id))
                continue;
            found = true;
        }
        xmlAddChild(copy, xml_must(xmlDocCopyNode(n, slice, 1)));
    }
    if (!found) {
        status =
            rp_error_set(err, RP_ERR_INPUT, NULL, 0, "account",
                         "the review data holds no account '%s'", account_id);
        goto out;
    }
    *out = slice;
    slice = NULL;
out:
    xmlFreeDoc(slice);
    return status;
}
