/*
 * What the merge stage's unit tests share: small datasets built by hand,
 * whose expected figures were worked out by hand (see the comment on each
 * case), merged and checked through XPath on the document, the way a
 * template reads it.  Every document built() is also validated against
 * templates/schema/review-data.rng, found under $TOP (set by `make test`)
 * or the current directory: run each test binary with
 * cmocka_run_group_tests(tests, load_schema, free_schema).
 *
 * Included by the *_test.c files of pipeline/merge/ only, one per test
 * binary, so the helpers are static inline: each binary compiles the ones
 * it uses, and none is linked into the library.
 */
#ifndef RP_MERGE_TEST_DATA_H
#define RP_MERGE_TEST_DATA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "common/mem.h"
#include "merge/merge.h"

#define HOUR 3600

/* ---- building datasets by hand ---- */

static inline int64_t utc(const char *iso)
{
    struct tm tm;
    int y, mo, d, h = 0, mi = 0, s = 0;

    memset(&tm, 0, sizeof(tm));
    assert_true(sscanf(iso, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) >=
                3);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return (int64_t)timegm(&tm);
}

static inline void add_account(struct rp_dataset *d, const char *id,
                               const char *name)
{
    struct rp_account *a;

    rp_array_grow((void **)&d->accounts, &d->cap_accounts, d->n_accounts + 1,
                  sizeof(*d->accounts));
    a = &d->accounts[d->n_accounts++];
    memset(a, 0, sizeof(*a));
    a->id = rp_xstrdup(id);
    a->name = rp_xstrdup(name);
    a->tier = rp_xstrdup("Gold");
    a->owner = rp_xstrdup("Dana Owner");
    a->industry = rp_xstrdup("Manufacturing");
    a->country = rp_xstrdup("DE");
    a->website = rp_xstrdup("https://example.com");
    a->annual_revenue = 1250000.0;
    a->renewal = utc("2027-03-31");
    a->source_file = "accounts.csv";
    a->source_line = (long)d->n_accounts + 1;
}

/* first_response and resolved are hours after created, < 0 for none. */
static inline struct rp_ticket *add_ticket(struct rp_dataset *d, const char *id,
                                           const char *account_id, int priority,
                                           int64_t created, double fr_hours,
                                           double res_hours)
{
    struct rp_ticket *t;

    rp_array_grow((void **)&d->tickets, &d->cap_tickets, d->n_tickets + 1,
                  sizeof(*d->tickets));
    t = &d->tickets[d->n_tickets++];
    memset(t, 0, sizeof(*t));
    t->id = rp_xstrdup(id);
    t->account_id = rp_xstrdup(account_id);
    t->subject = rp_xstrdup("Printer on fire");
    t->category = rp_xstrdup("Hardware");
    t->priority = (enum rp_priority)priority;
    t->status = res_hours >= 0 ? RP_TICKET_SOLVED : RP_TICKET_OPEN;
    t->created = created;
    t->first_response =
        fr_hours >= 0 ? created + (int64_t)(fr_hours * HOUR) : RP_TIME_NONE;
    t->resolved =
        res_hours >= 0 ? created + (int64_t)(res_hours * HOUR) : RP_TIME_NONE;
    t->source_file = "tickets.csv";
    t->source_line = (long)d->n_tickets + 1;
    return t;
}

/* A ticket with events at absolute times (NULL: none). */
static inline struct rp_ticket *add_ticket_at(struct rp_dataset *d,
                                              const char *id,
                                              const char *account, int priority,
                                              const char *created,
                                              const char *fr, const char *res)
{
    struct rp_ticket *t =
        add_ticket(d, id, account, priority, utc(created), -1, -1);

    t->first_response = fr ? utc(fr) : RP_TIME_NONE;
    t->resolved = res ? utc(res) : RP_TIME_NONE;
    t->status = res ? RP_TICKET_SOLVED : RP_TICKET_OPEN;
    return t;
}

static inline void set_string(char **field, const char *value)
{
    free(*field);
    *field = rp_xstrdup(value);
}

/* Tests do not link the importer's rp_dataset_release(). */
static inline void dataset_free(struct rp_dataset *d)
{
    size_t i;

    for (i = 0; i < d->n_accounts; i++) {
        struct rp_account *a = &d->accounts[i];
        free(a->id);
        free(a->name);
        free(a->tier);
        free(a->owner);
        free(a->industry);
        free(a->country);
        free(a->website);
    }
    for (i = 0; i < d->n_tickets; i++) {
        struct rp_ticket *t = &d->tickets[i];
        free(t->id);
        free(t->account_id);
        free(t->subject);
        free(t->category);
        free(t->org_name);
        free(t->org_domain);
        free(t->external_account_id);
        free(t->source_system);
    }
    for (i = 0; i < d->n_contacts; i++) {
        free(d->contacts[i].id);
        free(d->contacts[i].account_id);
        free(d->contacts[i].name);
        free(d->contacts[i].role);
    }
    for (i = 0; i < d->n_opportunities; i++) {
        free(d->opportunities[i].id);
        free(d->opportunities[i].account_id);
        free(d->opportunities[i].name);
        free(d->opportunities[i].stage);
    }
    for (i = 0; i < d->n_projects; i++) {
        free(d->projects[i].id);
        free(d->projects[i].account_id);
        free(d->projects[i].name);
        free(d->projects[i].goal);
    }
    for (i = 0; i < d->n_milestones; i++) {
        free(d->milestones[i].id);
        free(d->milestones[i].account_id);
        free(d->milestones[i].project_id);
        free(d->milestones[i].name);
        free(d->milestones[i].status);
    }
    for (i = 0; i < d->n_risks; i++) {
        free(d->risks[i].id);
        free(d->risks[i].account_id);
        free(d->risks[i].title);
        free(d->risks[i].status);
        free(d->risks[i].mitigation);
    }
    for (i = 0; i < d->n_roles; i++) {
        free(d->roles[i].role);
        free(d->roles[i].person);
        free(d->roles[i].account_id);
        free(d->roles[i].project_id);
    }
    free(d->accounts);
    free(d->tickets);
    free(d->contacts);
    free(d->opportunities);
    free(d->projects);
    free(d->milestones);
    free(d->risks);
    free(d->roles);
    for (i = 0; i < d->n_users; i++) {
        free(d->users[i].id);
        free(d->users[i].name);
    }
    free(d->users);
    memset(d, 0, sizeof(*d));
}

/* The period of most tests: Nov 2025 .. Oct 2026, end exclusive. */
static inline void options_for_year(struct rp_merge_options *opt)
{
    rp_merge_options_init(opt);
    opt->period_start = utc("2025-11-01");
    opt->period_end = utc("2026-11-01");
    opt->generated = utc("2026-11-22T18:00:00");
}

static xmlRelaxNG *schema;

static inline int load_schema(void **state)
{
    const char *top = getenv("TOP");
    xmlRelaxNGParserCtxt *ctxt;
    char path[1024];

    (void)state;
    snprintf(path, sizeof(path), "%s/templates/schema/review-data.rng",
             top ? top : ".");
    ctxt = xmlRelaxNGNewParserCtxt(path);
    schema = ctxt ? xmlRelaxNGParse(ctxt) : NULL;
    xmlRelaxNGFreeParserCtxt(ctxt);
    if (!schema)
        print_error("cannot load %s; run from the repository root or set "
                    "TOP to it\n",
                    path);
    return schema ? 0 : -1;
}

static inline int free_schema(void **state)
{
    (void)state;
    xmlRelaxNGFree(schema);
    return 0;
}

/* Validity errors are printed as TAP comments, not raw on stderr. */
static inline void on_invalid(void *ctx, xmlError *e)
{
    (void)ctx;
    print_message("# schema: line %d: %s", e->line, e->message);
}

static inline int schema_valid(xmlDoc *doc)
{
    xmlRelaxNGValidCtxt *v = xmlRelaxNGNewValidCtxt(schema);
    int rc;

    assert_non_null(v);
    xmlRelaxNGSetValidStructuredErrors(v, on_invalid, NULL);
    rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    return rc == 0;
}

static inline xmlDoc *build(const struct rp_dataset *d,
                            const struct rp_merge_options *opt,
                            struct rp_merge_stats *stats)
{
    struct rp_merge_stats local;
    struct rp_error err;
    xmlDoc *doc = NULL;
    char msg[2048];

    rp_error_init(&err);
    if (rp_merge_build(d, opt, &doc, stats ? stats : &local, &err) != RP_OK) {
        rp_error_format(&err, msg, sizeof(msg));
        fail_msg("rp_merge_build failed: %s", msg);
    }
    assert_non_null(doc);
    assert_true(schema_valid(doc));
    return doc;
}

/* ---- reading the result ---- */

/* string(expr); "" when nothing matches. */
static inline char *xs(xmlDoc *doc, const char *expr)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathObject *obj;
    char *s;

    assert_non_null(ctx);
    obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(obj);
    s = (char *)xmlXPathCastToString(obj);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return s;
}

static inline void check_str(xmlDoc *doc, const char *expr,
                             const char *expected)
{
    char *s = xs(doc, expr);

    if (strcmp(s, expected) != 0) {
        print_error("%s: got '%s', expected '%s'\n", expr, s, expected);
        xmlFree(s);
        fail();
    }
    xmlFree(s);
}

static inline void check_num(xmlDoc *doc, const char *expr, double expected)
{
    char wrapped[512];
    char *s;
    double v;

    snprintf(wrapped, sizeof(wrapped), "number(%s)", expr);
    s = xs(doc, wrapped);
    v = strtod(s, NULL);
    if (v != expected) {
        print_error("%s: got %s, expected %g\n", expr, s, expected);
        xmlFree(s);
        fail();
    }
    xmlFree(s);
}

/* ---- files: configuration and contributions ---- */

static inline void write_file(const char *dir, const char *name,
                              const char *text)
{
    char path[1024];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static inline void remove_tree(const char *dir)
{
    char cmd[1100];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static inline char *temp_dir(void)
{
    char tmpl[] = "/tmp/merge-test.XXXXXX";
    char *dir = mkdtemp(tmpl);

    assert_non_null(dir);
    return rp_xstrdup(dir);
}

#endif
