/*
 * Merge stage: records -> review-data XML (docs/data-contract.md).  This
 * file is the build itself: its options, the orders records are written
 * in, and rp_merge_build(), which runs the steps from the input checks to
 * the finished document; each step lives in the file of its concept
 * (builder.h says which).
 */
#include "merge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/dict.h>
#include <libxml/relaxng.h>

#include "builder.h"
#include "common/mem.h"

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
    if (errno == 0 && *end == '\0' && value <= RP_MERGE_TIME_MAX)
        opt->generated = (int64_t)value;
}

/* ---- ordering ---- */

/* qsort has no context argument; the dataset being sorted is kept here
 * only for the duration of one sorted_indexes() call. */
static const struct rp_dataset *sort_data;

static int cmp_account_by_name(const void *a, const void *b)
{
    const struct rp_account *x = &sort_data->accounts[*(const size_t *)a];
    const struct rp_account *y = &sort_data->accounts[*(const size_t *)b];
    int c = strcmp(rp_merge_str(x->name), rp_merge_str(y->name));

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
    c = strcmp(rp_merge_str(x->id), rp_merge_str(y->id));
    if (c)
        return c;
    return (i > j) - (i < j);
}

/* A ticket's sort key beside its index: most comparisons end on created
 * without touching the ticket (a million tickets do not fit a cache). */
struct ticket_key {
    int64_t created;
    size_t index;
};

static int cmp_ticket_key(const void *a, const void *b)
{
    const struct ticket_key *x = a, *y = b;

    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    return cmp_ticket(&x->index, &y->index);
}

static size_t *sorted_tickets(const struct rp_dataset *data)
{
    size_t n = data->n_tickets, i;
    struct ticket_key *keys = rp_xcalloc(n + 1, sizeof(*keys));
    size_t *idx = rp_xcalloc(n + 1, sizeof(*idx));

    for (i = 0; i < n; i++) {
        keys[i].created = data->tickets[i].created;
        keys[i].index = i;
    }
    sort_data = data;
    if (n > 1)
        qsort(keys, n, sizeof(*keys), cmp_ticket_key);
    sort_data = NULL;
    for (i = 0; i < n; i++)
        idx[i] = keys[i].index;
    free(keys);
    return idx;
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

static int cmp_project_by_id(const void *a, const void *b)
{
    return strcmp(rp_merge_str(sort_data->projects[*(const size_t *)a].id),
                  rp_merge_str(sort_data->projects[*(const size_t *)b].id));
}

void rp_merge_idx_add(struct rp_merge_idx_list *l, size_t i)
{
    rp_array_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
    l->v[l->n++] = i;
}

static void report_release(struct rp_merge_report *r)
{
    free(r->tickets.v);
    free(r->backlog.v);
    free(r->contacts.v);
    free(r->opportunities.v);
    free(r->milestones.v);
    free(r->risks.v);
    free(r->roles.v);
    free(r->error);
    rp_merge_agg_release(&r->agg);
}

static void build_release(struct rp_merge_builder *b)
{
    size_t i;

    rp_merge_texts_release(b);
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

void rp_merge_free(struct rp_merged *m)
{
    if (!m)
        return;
    build_release(&m->b);
    if (m->schema)
        xmlRelaxNGFree(m->schema);
    xmlFreeDoc(m->schema_doc);
    free(m);
}

/* Everything but the writing: checks, period, matching, figures, health,
 * contributions. */
static enum rp_status prepare(struct rp_merge_builder *b,
                              const struct rp_dataset *data,
                              const struct rp_merge_options *opt,
                              struct rp_error *err)
{
    enum rp_status status;
    size_t *by_id, i;

    b->data = data;
    b->opt = opt;
    rp_merge_agg_init(&b->program, 0, 0);
    by_id = sorted_indexes(data, data->n_accounts, cmp_account_by_id);
    status = rp_merge_check_dataset(data, by_id, err);
    free(by_id);
    if (status != RP_OK)
        return status;
    status = rp_merge_choose_period(data, opt, &b->p, err);
    if (status != RP_OK)
        return status;
    status = rp_merge_config_load(&b->cfg, opt->config_dir, err);
    if (status != RP_OK)
        return status;
    b->cfg_loaded = true;
    status = rp_merge_calendar_prepare(&b->cfg.sla.calendar, b->p.start,
                                       b->p.end, err);
    if (status != RP_OK)
        return status;
    rp_merge_matcher_init(&b->matcher, data, &b->cfg.map);
    b->matcher_ready = true;

    b->by_name = sorted_indexes(data, data->n_accounts, cmp_account_by_name);
    b->tickets = sorted_tickets(data);
    b->projects_by_id =
        sorted_indexes(data, data->n_projects, cmp_project_by_id);
    b->slot = rp_xcalloc(data->n_accounts + 1, sizeof(*b->slot));
    b->reports = rp_xcalloc(data->n_accounts + 1, sizeof(*b->reports));
    for (i = 0; i < data->n_accounts; i++) {
        b->slot[b->by_name[i]] = i;
        b->reports[i].account = b->by_name[i];
        rp_merge_agg_init(&b->reports[i].agg, b->p.first_month, b->p.n_months);
    }
    rp_merge_agg_release(&b->program);
    rp_merge_agg_init(&b->program, b->p.first_month, b->p.n_months);
    rp_merge_aggregate(b);
    rp_merge_distribute_plan(b);
    rp_merge_assess(b);
    rp_merge_read_contributions(b);
    /* Every file in import order: each document, whole or one account's,
     * numbers its sources the same way. */
    for (i = 0; i < data->n_source_files; i++)
        rp_merge_register_source(&b->sources, data->source_files[i]);
    return RP_OK;
}

static void fill_stats(const struct rp_merge_builder *b,
                       struct rp_merge_stats *stats)
{
    memset(stats, 0, sizeof(*stats));
    stats->accounts = b->data->n_accounts;
    stats->tickets = b->program.all.tickets;
    stats->tickets_unmatched = b->unmatched.n;
    stats->matched_by_id = b->by_how[RP_MERGE_MATCH_ID];
    stats->matched_by_map = b->by_how[RP_MERGE_MATCH_MAP];
    stats->matched_by_domain = b->by_how[RP_MERGE_MATCH_DOMAIN];
    stats->matched_by_name = b->by_how[RP_MERGE_MATCH_NAME];
    stats->contributions = b->contributions;
    stats->contributions_failed = b->contributions_failed;
    /* Years 0001..9999 (validate.c, period.c): exactly 10 chars. */
    rp_merge_fmt_date(b->p.start, stats->period_start,
                      sizeof(stats->period_start));
    rp_merge_fmt_date(b->p.end - 1, stats->period_end,
                      sizeof(stats->period_end));
}

enum rp_status rp_merge_prepare(const struct rp_dataset *data,
                                const struct rp_merge_options *opt,
                                struct rp_merged **out,
                                struct rp_merge_stats *stats,
                                struct rp_error *err)
{
    struct rp_merged *m = rp_xcalloc(1, sizeof(*m));
    enum rp_status status;

    *out = NULL;
    memset(stats, 0, sizeof(*stats));
    status = prepare(&m->b, data, opt, err);
    if (status == RP_OK && opt->schema_path)
        status = rp_merge_schema_load(opt->schema_path, &m->schema_doc,
                                      &m->schema, err);
    if (status != RP_OK) {
        rp_merge_free(m);
        return status;
    }
    fill_stats(&m->b, &m->stats);
    *stats = m->stats;
    *out = m;
    return RP_OK;
}

size_t rp_merge_account_count(const struct rp_merged *m)
{
    return m->b.data->n_accounts;
}

const struct rp_account *rp_merge_account_at(const struct rp_merged *m,
                                             size_t i)
{
    return &m->b.data->accounts[m->b.reports[i].account];
}

/* A new document with the root and the parts that are no account's. */
static xmlDoc *new_document(struct rp_merge_builder *b, xmlNode **sources)
{
    xmlDoc *doc = rp_merge_must(xmlNewDoc(BAD_CAST "1.0"));
    xmlNode *root;

    /* Element and attribute names from a dictionary, as a parser would
     * make them: one copy of "priority" instead of one per ticket. */
    doc->dict = rp_merge_must(xmlDictCreate());
    root =
        rp_merge_must(xmlNewDocNode(doc, NULL, BAD_CAST "review-data", NULL));
    xmlDocSetRootElement(doc, root);
    rp_merge_set_time(root, "generated", b->opt->generated);
    rp_merge_set_date(root, "period-start", b->p.start);
    rp_merge_set_date(root, "period-end", b->p.end - 1);
    rp_merge_emit_program(root, b);
    rp_merge_emit_sla_targets(root, &b->cfg.sla);
    rp_merge_emit_health_rules(root, &b->cfg.health);
    rp_merge_emit_matching(root, b);
    *sources = rp_merge_add_node(root, "sources");
    return doc;
}

/* Completes doc (sources), validates it and hands it out. */
static enum rp_status finish_document(struct rp_merged *m, xmlDoc *doc,
                                      xmlNode *sources, xmlDoc **out,
                                      struct rp_error *err)
{
    enum rp_status status = RP_OK;

    rp_merge_fill_sources(sources, &m->b);
    if (m->schema)
        status =
            rp_merge_schema_check(m->schema, m->b.opt->schema_path, doc, err);
    if (status != RP_OK) {
        xmlFreeDoc(doc);
        return status;
    }
    *out = doc;
    return RP_OK;
}

enum rp_status rp_merge_account_doc(struct rp_merged *m, size_t i, xmlDoc **out,
                                    struct rp_error *err)
{
    xmlNode *sources;
    xmlDoc *doc;
    enum rp_status status;

    *out = NULL;
    doc = new_document(&m->b, &sources);
    status = rp_merge_emit_account(xmlDocGetRootElement(doc), &m->b,
                                   &m->b.reports[i], false, err);
    if (status != RP_OK) {
        xmlFreeDoc(doc);
        return status;
    }
    return finish_document(m, doc, sources, out, err);
}

/* Every account (records or only figures), then what matched none. */
static enum rp_status whole_document(struct rp_merged *m, bool summary,
                                     xmlDoc **out, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    xmlNode *sources, *root;
    xmlDoc *doc;
    size_t i;

    *out = NULL;
    doc = new_document(&m->b, &sources);
    root = xmlDocGetRootElement(doc);
    for (i = 0; i < m->b.data->n_accounts && status == RP_OK; i++)
        status =
            rp_merge_emit_account(root, &m->b, &m->b.reports[i], summary, err);
    if (status != RP_OK) {
        xmlFreeDoc(doc);
        return status;
    }
    rp_merge_emit_unmatched(root, &m->b);
    return finish_document(m, doc, sources, out, err);
}

enum rp_status rp_merge_document(struct rp_merged *m, xmlDoc **out,
                                 struct rp_error *err)
{
    return whole_document(m, false, out, err);
}

enum rp_status rp_merge_summary_doc(struct rp_merged *m, xmlDoc **out,
                                    struct rp_error *err)
{
    return whole_document(m, true, out, err);
}

enum rp_status rp_merge_build(const struct rp_dataset *data,
                              const struct rp_merge_options *opt, xmlDoc **out,
                              struct rp_merge_stats *stats,
                              struct rp_error *err)
{
    struct rp_merged *m = NULL;
    enum rp_status status;

    *out = NULL;
    status = rp_merge_prepare(data, opt, &m, stats, err);
    if (status == RP_OK)
        status = whole_document(m, false, out, err);
    rp_merge_free(m);
    if (status != RP_OK)
        memset(stats, 0, sizeof(*stats));
    return status;
}
