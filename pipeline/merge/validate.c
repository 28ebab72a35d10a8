/*
 * What the merge stage refuses: input records that XML cannot carry or
 * the contract cannot print, checked before anything is built, and a
 * built document that its schema rejects, which is our bug.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>
#include <libxml/xmlstring.h>

#include "builder.h"
#include "common/mem.h"
#include "common/xml.h"

/* ---- input checks ---- */

/* XML 1.0 cannot carry invalid UTF-8 or C0 controls other than tab and
 * newlines: a document holding them would not parse again downstream. */
enum rp_status rp_merge_check_text(const char *s, const char *file, long line,
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
    if (t < RP_MERGE_TIME_MIN || t > RP_MERGE_TIME_MAX)
        return rp_error_set(err, RP_ERR_INPUT, file, line, field,
                            "expected a date between the years 0001 and "
                            "9999");
    return RP_OK;
}

static enum rp_status check_money(double amount, const char *file, long line,
                                  const char *field, struct rp_error *err)
{
    char buf[RP_MERGE_NUM_LEN];

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
    if (rp_merge_check_text(a->id, f, l, "id", err) ||
        rp_merge_check_text(a->name, f, l, "name", err) ||
        rp_merge_check_text(a->tier, f, l, "tier", err) ||
        rp_merge_check_text(a->owner, f, l, "owner", err) ||
        rp_merge_check_text(a->industry, f, l, "industry", err) ||
        rp_merge_check_text(a->country, f, l, "country", err) ||
        rp_merge_check_text(a->website, f, l, "website", err) ||
        rp_merge_check_text(a->domain, f, l, "domain", err) ||
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

    if (rp_merge_check_text(t->id, f, l, "id", err) ||
        rp_merge_check_text(t->account_id, f, l, "account_id", err) ||
        rp_merge_check_text(t->subject, f, l, "subject", err) ||
        rp_merge_check_text(t->category, f, l, "category", err) ||
        rp_merge_check_text(t->org_name, f, l, "org_name", err) ||
        rp_merge_check_text(t->org_domain, f, l, "org_domain", err) ||
        rp_merge_check_text(t->external_account_id, f, l, "external_account_id",
                            err) ||
        rp_merge_check_text(t->source_system, f, l, "source_system", err) ||
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
        if (rp_merge_check_text(c->id, f, l, "id", err) ||
            rp_merge_check_text(c->account_id, f, l, "account_id", err) ||
            rp_merge_check_text(c->name, f, l, "name", err) ||
            rp_merge_check_text(c->title, f, l, "title", err) ||
            rp_merge_check_text(c->email, f, l, "email", err) ||
            rp_merge_check_text(c->phone, f, l, "phone", err) ||
            rp_merge_check_text(c->role, f, l, "role", err))
            return err->status;
    }
    for (i = 0; i < d->n_opportunities; i++) {
        const struct rp_opportunity *o = &d->opportunities[i];
        const char *f = o->source_file;
        long l = o->source_line;
        if (rp_merge_check_text(o->id, f, l, "id", err) ||
            rp_merge_check_text(o->account_id, f, l, "account_id", err) ||
            rp_merge_check_text(o->name, f, l, "name", err) ||
            rp_merge_check_text(o->stage, f, l, "stage", err) ||
            rp_merge_check_text(o->type, f, l, "type", err) ||
            rp_merge_check_text(o->currency, f, l, "currency", err) ||
            check_money(o->amount, f, l, "amount", err) ||
            check_time(o->close_date, true, f, l, "close_date", err))
            return err->status;
    }
    for (i = 0; i < d->n_projects; i++) {
        const struct rp_project *p = &d->projects[i];
        const char *f = p->source_file;
        long l = p->source_line;
        if (rp_merge_check_text(p->id, f, l, "id", err) ||
            rp_merge_check_text(p->name, f, l, "name", err) ||
            rp_merge_check_text(p->goal, f, l, "goal", err) ||
            rp_merge_check_text(p->phase, f, l, "phase", err) ||
            rp_merge_check_text(p->owner, f, l, "owner", err) ||
            rp_merge_check_text(p->account_id, f, l, "account_id", err) ||
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
        if (rp_merge_check_text(m->id, f, l, "id", err) ||
            rp_merge_check_text(m->project_id, f, l, "project_id", err) ||
            rp_merge_check_text(m->account_id, f, l, "account_id", err) ||
            rp_merge_check_text(m->name, f, l, "name", err) ||
            rp_merge_check_text(m->owner, f, l, "owner", err) ||
            rp_merge_check_text(m->status, f, l, "status", err) ||
            check_time(m->due, true, f, l, "due", err) ||
            check_time(m->completed, true, f, l, "completed", err))
            return err->status;
    }
    for (i = 0; i < d->n_risks; i++) {
        const struct rp_risk *r = &d->risks[i];
        const char *f = r->source_file;
        long l = r->source_line;
        if (rp_merge_check_text(r->id, f, l, "id", err) ||
            rp_merge_check_text(r->project_id, f, l, "project_id", err) ||
            rp_merge_check_text(r->account_id, f, l, "account_id", err) ||
            rp_merge_check_text(r->title, f, l, "title", err) ||
            rp_merge_check_text(r->owner, f, l, "owner", err) ||
            rp_merge_check_text(r->mitigation, f, l, "mitigation", err) ||
            rp_merge_check_text(r->status, f, l, "status", err) ||
            check_time(r->due, true, f, l, "due", err))
            return err->status;
    }
    for (i = 0; i < d->n_roles; i++) {
        const struct rp_role *r = &d->roles[i];
        const char *f = r->source_file;
        long l = r->source_line;
        if (rp_merge_check_text(r->role, f, l, "role", err) ||
            rp_merge_check_text(r->person, f, l, "person", err) ||
            rp_merge_check_text(r->project_id, f, l, "project_id", err) ||
            rp_merge_check_text(r->account_id, f, l, "account_id", err))
            return err->status;
    }
    return RP_OK;
}

enum rp_status rp_merge_check_dataset(const struct rp_dataset *data,
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

/* ---- schema validation ---- */

struct validation {
    xmlNode *node; /* the first error's node that has one */
    char message[512];
    bool failed;
};

static void on_invalid(void *ctx, xmlError *e)
{
    struct validation *v = ctx;

    /* The first message says what; the first error that names a node
     * (an attribute's type error does not) says where. */
    if (!v->failed) {
        v->failed = true;
        rp_xml_message_copy(v->message, sizeof(v->message),
                            e->message ? e->message : "invalid");
    }
    if (!v->node && e->node)
        v->node = e->node;
}

enum rp_status rp_merge_schema_load(const char *path, xmlDoc **schema_doc,
                                    xmlRelaxNG **schema, struct rp_error *err)
{
    xmlRelaxNGParserCtxt *pctxt = NULL;
    enum rp_status status;

    *schema = NULL;
    /* Read by us like any document, then handed over: the schema parser
     * would otherwise open the file through libxml2's entity loader.  The
     * parsed schema points into schema_doc, which lives as long. */
    status = rp_xml_read_file(path, schema_doc, err);
    if (status != RP_OK)
        return status;
    pctxt = xmlRelaxNGNewDocParserCtxt(*schema_doc);
    *schema = pctxt ? xmlRelaxNGParse(pctxt) : NULL;
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (!*schema) {
        xmlFreeDoc(*schema_doc);
        *schema_doc = NULL;
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot load the review-data schema");
    }
    return RP_OK;
}

/* The <account> children of root, unlinked while the schema checks the
 * rest: each keeps its place (the node it followed) to go back to. */
struct set_aside {
    xmlNode **nodes, **after;
    size_t n;
};

static void set_aside(xmlDoc *doc, const bool *known, size_t n_known,
                      struct set_aside *a)
{
    xmlNode *root = xmlDocGetRootElement(doc), *n, *next, *last = NULL;
    size_t i = 0;

    memset(a, 0, sizeof(*a));
    if (!known || !root)
        return;
    a->nodes = rp_xcalloc(n_known + 1, sizeof(*a->nodes));
    a->after = rp_xcalloc(n_known + 1, sizeof(*a->after));
    /* last: the node before n as the document was, set aside or not. */
    for (n = root->children; n && i < n_known; last = n, n = next) {
        next = n->next;
        if (n->type != XML_ELEMENT_NODE ||
            !xmlStrEqual(n->name, BAD_CAST "account"))
            continue;
        if (known[i++]) {
            a->after[a->n] = last;
            a->nodes[a->n++] = n;
            xmlUnlinkNode(n);
        }
    }
}

/* Back where they were, in document order: each after the node it
 * followed (which is back already, or was never away). */
static void put_back(xmlDoc *doc, struct set_aside *a)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t i;

    for (i = 0; i < a->n; i++) {
        if (a->after[i])
            xmlAddNextSibling(a->after[i], a->nodes[i]);
        else if (root->children)
            xmlAddPrevSibling(root->children, a->nodes[i]);
        else
            xmlAddChild(root, a->nodes[i]);
    }
    free(a->nodes);
    free(a->after);
}

static enum rp_status check_some(xmlRelaxNG *schema, const char *path,
                                 xmlDoc *doc, const bool *known, size_t n_known,
                                 struct rp_error *err)
{
    xmlRelaxNGValidCtxt *vctxt = rp_merge_must(xmlRelaxNGNewValidCtxt(schema));
    enum rp_status status = RP_OK;
    struct set_aside aside;
    struct validation v;
    xmlChar *where;
    int invalid;

    memset(&v, 0, sizeof(v));
    set_aside(doc, known, n_known, &aside);
    xmlRelaxNGSetValidStructuredErrors(vctxt, on_invalid, &v);
    invalid = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    /* The node's path in the whole document, not in what was checked. */
    put_back(doc, &aside);
    if (invalid != 0) {
        where = v.node ? xmlGetNodePath(v.node) : NULL;
        status = rp_error_set(err, RP_ERR_INTERNAL, path, 0,
                              where && where[0] ? (const char *)where : "/",
                              "the merged document does not match the "
                              "schema (our bug): %s",
                              v.failed ? v.message : "validation failed");
        xmlFree(where);
    }
    return status;
}

enum rp_status rp_merge_schema_check(xmlRelaxNG *schema, const char *path,
                                     xmlDoc *doc, struct rp_error *err)
{
    return check_some(schema, path, doc, NULL, 0, err);
}

enum rp_status rp_merge_validate_some(xmlDoc *doc, const char *schema_path,
                                      const bool *known, size_t n_known,
                                      struct rp_error *err)
{
    xmlRelaxNG *schema = NULL;
    xmlDoc *schema_doc = NULL;
    enum rp_status status;

    status = rp_merge_schema_load(schema_path, &schema_doc, &schema, err);
    if (status == RP_OK)
        status = check_some(schema, schema_path, doc, known, n_known, err);
    if (schema)
        xmlRelaxNGFree(schema);
    xmlFreeDoc(schema_doc);
    return status;
}

enum rp_status rp_merge_validate(xmlDoc *doc, const char *schema_path,
                                 struct rp_error *err)
{
    return rp_merge_validate_some(doc, schema_path, NULL, 0, err);
}
