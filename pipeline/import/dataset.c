/*
 * The dataset: every record imported so far, and the strings they own.
 * Records are appended whole or not at all, and a failed import is undone
 * (rp_dataset_truncate), so a dataset never holds half a file.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

void rp_dataset_init(struct rp_dataset *data)
{
    memset(data, 0, sizeof(*data));
}

void rp_import_record_release(enum rp_import_kind kind, void *record)
{
    if (kind == RP_IMPORT_ACCOUNTS) {
        struct rp_account *a = record;
        free(a->id);
        free(a->name);
        free(a->tier);
        free(a->owner);
        free(a->industry);
        free(a->country);
        free(a->website);
        free(a->domain);
    } else {
        struct rp_ticket *t = record;
        free(t->id);
        free(t->account_id);
        free(t->subject);
        free(t->category);
        free(t->org_name);
        free(t->org_domain);
        free(t->external_account_id);
        free(t->source_system);
    }
}

/* Records of the kinds only the merge stage reads yet. */
static void release_plan_records(struct rp_dataset *data)
{
    size_t i;

    for (i = 0; i < data->n_contacts; i++) {
        struct rp_contact *c = &data->contacts[i];
        free(c->id);
        free(c->account_id);
        free(c->name);
        free(c->title);
        free(c->email);
        free(c->phone);
        free(c->role);
    }
    for (i = 0; i < data->n_opportunities; i++) {
        struct rp_opportunity *o = &data->opportunities[i];
        free(o->id);
        free(o->account_id);
        free(o->name);
        free(o->stage);
        free(o->type);
        free(o->currency);
    }
    for (i = 0; i < data->n_projects; i++) {
        struct rp_project *p = &data->projects[i];
        free(p->id);
        free(p->name);
        free(p->goal);
        free(p->phase);
        free(p->owner);
        free(p->account_id);
    }
    for (i = 0; i < data->n_milestones; i++) {
        struct rp_milestone *m = &data->milestones[i];
        free(m->id);
        free(m->project_id);
        free(m->account_id);
        free(m->name);
        free(m->owner);
        free(m->status);
    }
    for (i = 0; i < data->n_risks; i++) {
        struct rp_risk *r = &data->risks[i];
        free(r->id);
        free(r->project_id);
        free(r->account_id);
        free(r->title);
        free(r->owner);
        free(r->mitigation);
        free(r->status);
    }
    for (i = 0; i < data->n_roles; i++) {
        struct rp_role *r = &data->roles[i];
        free(r->role);
        free(r->person);
        free(r->project_id);
        free(r->account_id);
    }
    free(data->contacts);
    free(data->opportunities);
    free(data->projects);
    free(data->milestones);
    free(data->risks);
    free(data->roles);
}

void rp_dataset_truncate(struct rp_dataset *data, size_t n_accounts,
                         size_t n_tickets, size_t n_sources)
{
    while (data->n_accounts > n_accounts)
        rp_import_record_release(RP_IMPORT_ACCOUNTS,
                                 &data->accounts[--data->n_accounts]);
    while (data->n_tickets > n_tickets)
        rp_import_record_release(RP_IMPORT_TICKETS,
                                 &data->tickets[--data->n_tickets]);
    while (data->n_source_files > n_sources)
        free(data->source_files[--data->n_source_files]);
}

void rp_dataset_release(struct rp_dataset *data)
{
    rp_dataset_truncate(data, 0, 0, 0);
    release_plan_records(data);
    free(data->accounts);
    free(data->tickets);
    free(data->source_files);
    rp_dataset_init(data);
}

void rp_dataset_add_account(struct rp_dataset *data,
                            const struct rp_account *account)
{
    rp_array_grow((void **)&data->accounts, &data->cap_accounts,
                  data->n_accounts + 1, sizeof(*data->accounts));
    data->accounts[data->n_accounts++] = *account;
}

void rp_dataset_add_ticket(struct rp_dataset *data,
                           const struct rp_ticket *ticket)
{
    rp_array_grow((void **)&data->tickets, &data->cap_tickets,
                  data->n_tickets + 1, sizeof(*data->tickets));
    data->tickets[data->n_tickets++] = *ticket;
}

const char *rp_dataset_add_source(struct rp_dataset *data, const char *name)
{
    rp_array_grow((void **)&data->source_files, &data->cap_source_files,
                  data->n_source_files + 1, sizeof(*data->source_files));
    data->source_files[data->n_source_files] = rp_xstrdup(name);
    return data->source_files[data->n_source_files++];
}

const char *rp_priority_name(enum rp_priority priority)
{
    switch (priority) {
    case RP_PRIORITY_P1:
        return "P1";
    case RP_PRIORITY_P2:
        return "P2";
    case RP_PRIORITY_P3:
        return "P3";
    case RP_PRIORITY_P4:
        return "P4";
    }
    return "unknown";
}

const char *rp_ticket_status_name(enum rp_ticket_status status)
{
    switch (status) {
    case RP_TICKET_NEW:
        return "new";
    case RP_TICKET_OPEN:
        return "open";
    case RP_TICKET_PENDING:
        return "pending";
    case RP_TICKET_SOLVED:
        return "solved";
    case RP_TICKET_CLOSED:
        return "closed";
    }
    return "unknown";
}

/* ---- the id index -------------------------------------------------------- */

static const char *record_id(const struct rp_dataset *data,
                             enum rp_import_kind kind, size_t i)
{
    return kind == RP_IMPORT_ACCOUNTS ? data->accounts[i].id
                                      : data->tickets[i].id;
}

/* FNV-1a.  Ids come from our own CRM and ticketing exports; a crafted
 * file could at worst slow its own import, so no keyed hash. */
static size_t hash_id(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

void rp_import_index_init(struct rp_import_index *index)
{
    memset(index, 0, sizeof(*index));
}

void rp_import_index_release(struct rp_import_index *index)
{
    free(index->slots);
    rp_import_index_init(index);
}

static void index_insert(struct rp_import_index *index,
                         const struct rp_dataset *data,
                         enum rp_import_kind kind, size_t i)
{
    size_t mask = index->cap - 1;
    size_t slot = hash_id(record_id(data, kind, i)) & mask;

    while (index->slots[slot])
        slot = (slot + 1) & mask;
    index->slots[slot] = i + 1;
    index->count++;
}

/* Keeps the table at most half full, so probes stay short. */
static void index_reserve(struct rp_import_index *index,
                          const struct rp_dataset *data,
                          enum rp_import_kind kind, size_t need)
{
    size_t *old = index->slots, old_cap = index->cap, cap, i;

    if (need * 2 <= index->cap)
        return;
    cap = index->cap ? index->cap : 64;
    while (cap < need * 2) {
        if (!rp_size_mul(cap, 2, &cap))
            abort();
    }
    index->slots = rp_xcalloc(cap, sizeof(*index->slots));
    index->cap = cap;
    index->count = 0;
    for (i = 0; i < old_cap; i++) {
        if (old[i])
            index_insert(index, data, kind, old[i] - 1);
    }
    free(old);
}

void rp_import_index_build(struct rp_import_index *index,
                           const struct rp_dataset *data,
                           enum rp_import_kind kind)
{
    size_t n = kind == RP_IMPORT_ACCOUNTS ? data->n_accounts : data->n_tickets;
    size_t i;

    index_reserve(index, data, kind, n + 1);
    for (i = 0; i < n; i++)
        index_insert(index, data, kind, i);
}

bool rp_import_index_find(const struct rp_import_index *index,
                          const struct rp_dataset *data,
                          enum rp_import_kind kind, const char *id,
                          size_t *found)
{
    size_t mask, slot;

    if (index->cap == 0)
        return false;
    mask = index->cap - 1;
    for (slot = hash_id(id) & mask; index->slots[slot];
         slot = (slot + 1) & mask) {
        size_t i = index->slots[slot] - 1;
        if (strcmp(record_id(data, kind, i), id) == 0) {
            *found = i;
            return true;
        }
    }
    return false;
}

void rp_import_index_add(struct rp_import_index *index,
                         const struct rp_dataset *data,
                         enum rp_import_kind kind, size_t i)
{
    index_reserve(index, data, kind, index->count + 1);
    index_insert(index, data, kind, i);
}
