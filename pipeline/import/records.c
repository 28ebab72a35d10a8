/*
 * The kinds of record the import stage fills, described member by member:
 * the one place that knows the record structs of import.h.  Profiles name
 * members ("org_domain"); typing, defaults, release and the canonical
 * record files all walk these tables, so a member added to a struct and
 * to its table is read, written and freed everywhere.
 *
 * Canonical record files are the dataset written back as CSV, one file per
 * kind, with the members' canonical column names.  They are read by a
 * profile built from the same table, so what is written imports again to
 * the same records: `reportpipe import` output can feed `reportpipe merge`.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "common/mem.h"

#define M(type, member) offsetof(struct type, member)

#define TEXT(st, m, col, need)                                                 \
    {                                                                          \
#m, col, RP_MEMBER_TEXT, M(st, m), need, 0                             \
    }
#define TYPED(st, m, col, t, need)                                             \
    {                                                                          \
#m, col, t, M(st, m), need, 0                                          \
    }

static const struct rp_import_member account_members[] = {
    TEXT(rp_account, id, "Account ID", RP_NEED_VALUE),
    TEXT(rp_account, name, "Account Name", RP_NEED_VALUE),
    TEXT(rp_account, tier, "Tier", RP_NEED_COLUMN),
    TEXT(rp_account, owner, "Account Owner", RP_NEED_COLUMN),
    TEXT(rp_account, industry, "Industry", RP_NEED_OPTIONAL),
    TEXT(rp_account, country, "Billing Country", RP_NEED_OPTIONAL),
    TEXT(rp_account, website, "Website", RP_NEED_OPTIONAL),
    TYPED(rp_account, annual_revenue, "Annual Revenue", RP_MEMBER_NUMBER,
          RP_NEED_OPTIONAL),
    TYPED(rp_account, renewal, "Contract Renewal", RP_MEMBER_DATE,
          RP_NEED_OPTIONAL),
    TEXT(rp_account, domain, "Domain", RP_NEED_OPTIONAL),
    TYPED(rp_account, arr, "ARR", RP_MEMBER_NUMBER, RP_NEED_OPTIONAL),
    TYPED(rp_account, contract_start, "Contract Start", RP_MEMBER_DATE,
          RP_NEED_OPTIONAL),
    /* Last: the canonical file keeps the columns before it where they
     * were, and a file written before it imports as all false. */
    TYPED(rp_account, id_from_name, "ID From Name", RP_MEMBER_BOOL,
          RP_NEED_OPTIONAL),
    /* Added later still, likewise after the others: where printed
     * reviews are shipped (docs/workflow.md, "Print and shipment"). */
    TEXT(rp_account, billing_street, "Billing Street", RP_NEED_OPTIONAL),
    TEXT(rp_account, billing_city, "Billing City", RP_NEED_OPTIONAL),
    TEXT(rp_account, billing_state, "Billing State", RP_NEED_OPTIONAL),
    TEXT(rp_account, billing_postal_code, "Billing Postal Code",
         RP_NEED_OPTIONAL),
};

static const struct rp_import_member ticket_members[] = {
    TEXT(rp_ticket, id, "Ticket ID", RP_NEED_VALUE),
    TEXT(rp_ticket, account_id, "Account ID", RP_NEED_COLUMN),
    TEXT(rp_ticket, subject, "Subject", RP_NEED_COLUMN),
    TYPED(rp_ticket, priority, "Priority", RP_MEMBER_PRIORITY, RP_NEED_VALUE),
    TYPED(rp_ticket, status, "Status", RP_MEMBER_STATUS, RP_NEED_VALUE),
    TEXT(rp_ticket, category, "Category", RP_NEED_OPTIONAL),
    TYPED(rp_ticket, created, "Created", RP_MEMBER_TIMESTAMP, RP_NEED_VALUE),
    TYPED(rp_ticket, first_response, "First Response", RP_MEMBER_TIMESTAMP,
          RP_NEED_COLUMN),
    TYPED(rp_ticket, resolved, "Resolved", RP_MEMBER_TIMESTAMP, RP_NEED_COLUMN),
    TEXT(rp_ticket, org_name, "Organization", RP_NEED_OPTIONAL),
    TEXT(rp_ticket, org_domain, "Organization Domain", RP_NEED_OPTIONAL),
    TEXT(rp_ticket, external_account_id, "External Account ID",
         RP_NEED_OPTIONAL),
    TEXT(rp_ticket, source_system, "Source System", RP_NEED_OPTIONAL),
    TYPED(rp_ticket, reopened, "Reopened", RP_MEMBER_INT, RP_NEED_OPTIONAL),
    TYPED(rp_ticket, escalated, "Escalated", RP_MEMBER_BOOL, RP_NEED_OPTIONAL),
    TYPED(rp_ticket, sla_first_response, "SLA First Response", RP_MEMBER_SLA,
          RP_NEED_OPTIONAL),
    TYPED(rp_ticket, sla_resolution, "SLA Resolution", RP_MEMBER_SLA,
          RP_NEED_OPTIONAL),
};

static const struct rp_import_member contact_members[] = {
    TEXT(rp_contact, id, "Contact ID", RP_NEED_VALUE),
    TEXT(rp_contact, account_id, "Account ID", RP_NEED_COLUMN),
    TEXT(rp_contact, name, "Name", RP_NEED_VALUE),
    TEXT(rp_contact, title, "Title", RP_NEED_OPTIONAL),
    TEXT(rp_contact, email, "Email", RP_NEED_OPTIONAL),
    TEXT(rp_contact, phone, "Phone", RP_NEED_OPTIONAL),
    TEXT(rp_contact, role, "Role", RP_NEED_OPTIONAL),
    TYPED(rp_contact, primary, "Primary", RP_MEMBER_BOOL, RP_NEED_OPTIONAL),
};

static const struct rp_import_member opportunity_members[] = {
    TEXT(rp_opportunity, id, "Opportunity ID", RP_NEED_VALUE),
    TEXT(rp_opportunity, account_id, "Account ID", RP_NEED_COLUMN),
    TEXT(rp_opportunity, name, "Name", RP_NEED_VALUE),
    TEXT(rp_opportunity, stage, "Stage", RP_NEED_COLUMN),
    TEXT(rp_opportunity, type, "Type", RP_NEED_OPTIONAL),
    TEXT(rp_opportunity, currency, "Currency", RP_NEED_OPTIONAL),
    TYPED(rp_opportunity, amount, "Amount", RP_MEMBER_NUMBER, RP_NEED_OPTIONAL),
    {"probability", "Probability", RP_MEMBER_NUMBER,
     M(rp_opportunity, probability), RP_NEED_OPTIONAL, -1},
    TYPED(rp_opportunity, close_date, "Close Date", RP_MEMBER_DATE,
          RP_NEED_OPTIONAL),
    TYPED(rp_opportunity, closed, "Closed", RP_MEMBER_BOOL, RP_NEED_OPTIONAL),
    TYPED(rp_opportunity, won, "Won", RP_MEMBER_BOOL, RP_NEED_OPTIONAL),
};

static const struct rp_import_member project_members[] = {
    TEXT(rp_project, id, "Project ID", RP_NEED_VALUE),
    TEXT(rp_project, name, "Name", RP_NEED_VALUE),
    TEXT(rp_project, goal, "Goal", RP_NEED_OPTIONAL),
    TEXT(rp_project, phase, "Phase", RP_NEED_OPTIONAL),
    TEXT(rp_project, owner, "Owner", RP_NEED_OPTIONAL),
    TEXT(rp_project, account_id, "Account ID", RP_NEED_OPTIONAL),
    TYPED(rp_project, budget, "Budget", RP_MEMBER_NUMBER, RP_NEED_OPTIONAL),
    TYPED(rp_project, actual, "Actual", RP_MEMBER_NUMBER, RP_NEED_OPTIONAL),
    TYPED(rp_project, start, "Start", RP_MEMBER_DATE, RP_NEED_OPTIONAL),
    TYPED(rp_project, end, "End", RP_MEMBER_DATE, RP_NEED_OPTIONAL),
    TYPED(rp_project, rag, "RAG", RP_MEMBER_RAG, RP_NEED_OPTIONAL),
};

static const struct rp_import_member milestone_members[] = {
    TEXT(rp_milestone, id, "Milestone ID", RP_NEED_VALUE),
    TEXT(rp_milestone, project_id, "Project ID", RP_NEED_OPTIONAL),
    TEXT(rp_milestone, account_id, "Account ID", RP_NEED_OPTIONAL),
    TEXT(rp_milestone, name, "Name", RP_NEED_VALUE),
    TEXT(rp_milestone, owner, "Owner", RP_NEED_OPTIONAL),
    TEXT(rp_milestone, status, "Status", RP_NEED_OPTIONAL),
    TYPED(rp_milestone, due, "Due", RP_MEMBER_DATE, RP_NEED_OPTIONAL),
    TYPED(rp_milestone, completed, "Completed", RP_MEMBER_DATE,
          RP_NEED_OPTIONAL),
};

static const struct rp_import_member risk_members[] = {
    TEXT(rp_risk, id, "Risk ID", RP_NEED_VALUE),
    TEXT(rp_risk, project_id, "Project ID", RP_NEED_OPTIONAL),
    TEXT(rp_risk, account_id, "Account ID", RP_NEED_OPTIONAL),
    TEXT(rp_risk, title, "Title", RP_NEED_VALUE),
    TEXT(rp_risk, owner, "Owner", RP_NEED_OPTIONAL),
    TEXT(rp_risk, mitigation, "Mitigation", RP_NEED_OPTIONAL),
    TEXT(rp_risk, status, "Status", RP_NEED_OPTIONAL),
    TYPED(rp_risk, probability, "Probability", RP_MEMBER_LEVEL,
          RP_NEED_OPTIONAL),
    TYPED(rp_risk, impact, "Impact", RP_MEMBER_LEVEL, RP_NEED_OPTIONAL),
    TYPED(rp_risk, due, "Due", RP_MEMBER_DATE, RP_NEED_OPTIONAL),
};

/* Roles have no id of their own: members[0] is not unique. */
static const struct rp_import_member role_members[] = {
    TEXT(rp_role, role, "Role", RP_NEED_VALUE),
    TEXT(rp_role, person, "Person", RP_NEED_COLUMN),
    TEXT(rp_role, project_id, "Project ID", RP_NEED_OPTIONAL),
    TEXT(rp_role, account_id, "Account ID", RP_NEED_OPTIONAL),
    {"allocation", "Allocation", RP_MEMBER_NUMBER, M(rp_role, allocation),
     RP_NEED_OPTIONAL, -1},
};

static const struct rp_import_member user_members[] = {
    TEXT(rp_user, id, "User ID", RP_NEED_VALUE),
    TEXT(rp_user, name, "Name", RP_NEED_VALUE),
    TEXT(rp_user, email, "Email", RP_NEED_OPTIONAL),
    TEXT(rp_user, username, "Username", RP_NEED_OPTIONAL),
    TYPED(rp_user, active, "Active", RP_MEMBER_BOOL, RP_NEED_OPTIONAL),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define D(m) offsetof(struct rp_dataset, m)
#define KIND(name, noun, file, st, members, has_id, arr)                       \
    {                                                                          \
        name, noun, file, sizeof(struct st), members, COUNT(members), has_id,  \
            D(arr), D(n_##arr), D(cap_##arr), M(st, source_file),              \
            M(st, source_line)                                                 \
    }

const struct rp_import_kind_info rp_import_kinds[RP_IMPORT_KIND_COUNT] = {
    KIND("account", "account", "accounts.csv", rp_account, account_members,
         true, accounts),
    KIND("ticket", "ticket", "tickets.csv", rp_ticket, ticket_members, true,
         tickets),
    KIND("contact", "contact", "contacts.csv", rp_contact, contact_members,
         true, contacts),
    KIND("opportunity", "opportunity", "opportunities.csv", rp_opportunity,
         opportunity_members, true, opportunities),
    KIND("project", "project", "projects.csv", rp_project, project_members,
         true, projects),
    KIND("milestone", "milestone", "milestones.csv", rp_milestone,
         milestone_members, true, milestones),
    KIND("risk", "risk", "risks.csv", rp_risk, risk_members, true, risks),
    KIND("role", "role", "roles.csv", rp_role, role_members, false, roles),
    KIND("user", "user", "users.csv", rp_user, user_members, true, users),
};

const struct rp_import_member *
rp_import_find_member(const struct rp_import_kind_info *kind, const char *name,
                      size_t len)
{
    size_t i;

    for (i = 0; i < kind->n_members; i++) {
        if (strlen(kind->members[i].name) == len &&
            memcmp(kind->members[i].name, name, len) == 0)
            return &kind->members[i];
    }
    return NULL;
}

/* ---- what records say, for a digest -------------------------------------- */

/*
 * Members are gathered in a small buffer and fed to the digest a record
 * at a time: a run feeds every ticket, and a digest call per member cost
 * more than the members.  Text goes with its NUL (so "ab","c" and "a","bc"
 * differ); a NULL text (hand-made records) as a lone 0xff.
 */
struct feed {
    struct rp_sha256 *h;
    unsigned char buf[512];
    size_t len;
};

static void feed_flush(struct feed *f)
{
    rp_sha256_add(f->h, f->buf, f->len);
    f->len = 0;
}

static void feed_add(struct feed *f, const void *p, size_t n)
{
    if (f->len + n > sizeof(f->buf))
        feed_flush(f);
    if (n > sizeof(f->buf)) {
        rp_sha256_add(f->h, p, n);
        return;
    }
    memcpy(f->buf + f->len, p, n);
    f->len += n;
}

static void feed_member(struct feed *f, const struct rp_import_member *m,
                        const void *record)
{
    const char *member = (const char *)record + m->offset;
    const char *text;

    switch (m->type) {
    case RP_MEMBER_TEXT:
        text = *(char *const *)member;
        if (text)
            feed_add(f, text, strlen(text) + 1);
        else
            feed_add(f, "\xff", 1);
        break;
    case RP_MEMBER_TIMESTAMP:
    case RP_MEMBER_DATE:
        feed_add(f, member, sizeof(int64_t));
        break;
    case RP_MEMBER_NUMBER:
        feed_add(f, member, sizeof(double));
        break;
    case RP_MEMBER_INT:
        feed_add(f, member, sizeof(int));
        break;
    case RP_MEMBER_BOOL:
        feed_add(f, member, sizeof(bool));
        break;
    case RP_MEMBER_PRIORITY:
        feed_add(f, member, sizeof(enum rp_priority));
        break;
    case RP_MEMBER_STATUS:
        feed_add(f, member, sizeof(enum rp_ticket_status));
        break;
    case RP_MEMBER_SLA:
        feed_add(f, member, sizeof(enum rp_sla_flag));
        break;
    case RP_MEMBER_RAG:
        feed_add(f, member, sizeof(enum rp_rag));
        break;
    case RP_MEMBER_LEVEL:
        feed_add(f, member, sizeof(enum rp_risk_level));
        break;
    }
}

static void feed_record(struct feed *f, const struct rp_import_kind_info *k,
                        const void *record)
{
    size_t i;

    for (i = 0; i < k->n_members; i++)
        feed_member(f, &k->members[i], record);
}

void rp_import_hash_ticket(struct rp_sha256 *h, const struct rp_ticket *t)
{
    struct feed f = {.h = h, .len = 0};

    feed_record(&f, &rp_import_kinds[RP_IMPORT_TICKETS], t);
    feed_flush(&f);
}

void rp_import_hash_all_but_tickets(struct rp_sha256 *h,
                                    const struct rp_dataset *data)
{
    struct feed f = {.h = h, .len = 0};
    size_t k, i, n;

    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++) {
        const struct rp_import_kind_info *kind = &rp_import_kinds[k];
        const char *items;

        if (k == RP_IMPORT_TICKETS)
            continue;
        items = rp_dataset_items(data, (enum rp_import_kind)k, &n);
        /* The kind and its count: records never run into the next kind. */
        feed_add(&f, kind->name, strlen(kind->name) + 1);
        feed_add(&f, &n, sizeof(n));
        for (i = 0; i < n; i++)
            feed_record(&f, kind, items + i * kind->size);
    }
    feed_flush(&f);
}

/* ---- writing canonical record files -------------------------------------- */

static void write_text(FILE *fp, const char *s)
{
    rp_csv_write_field(fp, s, strlen(s));
}

static const char *sla_name(enum rp_sla_flag f)
{
    return f == RP_SLA_MET ? "met" : f == RP_SLA_BREACHED ? "breached" : "";
}

static const char *rag_name(enum rp_rag r)
{
    return r == RP_RAG_GREEN   ? "green"
           : r == RP_RAG_AMBER ? "amber"
           : r == RP_RAG_RED   ? "red"
                               : "";
}

static const char *level_name(enum rp_risk_level l)
{
    return l == RP_RISK_LOW      ? "low"
           : l == RP_RISK_MEDIUM ? "medium"
           : l == RP_RISK_HIGH   ? "high"
                                 : "";
}

static void write_value(FILE *fp, const struct rp_import_member *m,
                        const void *record)
{
    const char *member = (const char *)record + m->offset;
    char buf[RP_AMOUNT_SIZE + RP_TIMESTAMP_SIZE];
    int64_t t;
    double d;

    switch (m->type) {
    case RP_MEMBER_TEXT:
        write_text(fp, *(char *const *)member);
        break;
    case RP_MEMBER_TIMESTAMP:
        t = *(const int64_t *)member;
        if (t != RP_TIME_NONE) {
            rp_import_format_timestamp(t, buf);
            write_text(fp, buf);
        }
        break;
    case RP_MEMBER_DATE:
        t = *(const int64_t *)member;
        if (t != RP_TIME_NONE) {
            rp_import_format_date(t, buf);
            write_text(fp, buf);
        }
        break;
    case RP_MEMBER_NUMBER:
        d = *(const double *)member;
        if (d != m->unset || m->unset == 0) {
            rp_import_format_amount(d, buf);
            write_text(fp, buf);
        }
        break;
    case RP_MEMBER_INT:
        fprintf(fp, "%d", *(const int *)member);
        break;
    case RP_MEMBER_BOOL:
        write_text(fp, *(const bool *)member ? "true" : "false");
        break;
    case RP_MEMBER_PRIORITY:
        write_text(fp, rp_priority_name(*(const enum rp_priority *)member));
        break;
    case RP_MEMBER_STATUS:
        write_text(
            fp, rp_ticket_status_name(*(const enum rp_ticket_status *)member));
        break;
    case RP_MEMBER_SLA:
        write_text(fp, sla_name(*(const enum rp_sla_flag *)member));
        break;
    case RP_MEMBER_RAG:
        write_text(fp, rag_name(*(const enum rp_rag *)member));
        break;
    case RP_MEMBER_LEVEL:
        write_text(fp, level_name(*(const enum rp_risk_level *)member));
        break;
    }
}

static enum rp_status write_kind(const struct rp_import_kind_info *k,
                                 const void *records, size_t n, const char *dir,
                                 struct rp_error *err)
{
    struct rp_outfile out;
    enum rp_status status;
    size_t size = strlen(dir) + strlen(k->records_file) + 2, i, f;
    char *path = rp_xmalloc(size);

    snprintf(path, size, "%s/%s", dir, k->records_file);
    status = rp_outfile_open(&out, path, err);
    if (status != RP_OK)
        goto out;
    for (f = 0; f < k->n_members; f++) {
        if (f)
            putc(',', out.fp);
        write_text(out.fp, k->members[f].column);
    }
    putc('\n', out.fp);
    for (i = 0; i < n; i++) {
        const char *record = (const char *)records + i * k->size;
        for (f = 0; f < k->n_members; f++) {
            if (f)
                putc(',', out.fp);
            write_value(out.fp, &k->members[f], record);
        }
        putc('\n', out.fp);
    }
    status = rp_outfile_commit(&out, err);
out:
    free(path);
    return status;
}

enum rp_status rp_import_write_records(const struct rp_dataset *data,
                                       const char *dir, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    size_t k;

    for (k = 0; k < RP_IMPORT_KIND_COUNT && status == RP_OK; k++) {
        size_t n;
        const void *items = rp_dataset_items(data, (enum rp_import_kind)k, &n);
        /* Accounts and tickets always: merge expects them. */
        if (n || k == RP_IMPORT_ACCOUNTS || k == RP_IMPORT_TICKETS)
            status = write_kind(&rp_import_kinds[k], items, n, dir, err);
    }
    return status;
}
