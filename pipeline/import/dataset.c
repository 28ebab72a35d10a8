/*
 * The dataset: every record imported so far, and their strings, which
 * live in the dataset's text pool.  Records are appended whole or not at
 * all, and a failed import is undone (rp_dataset_rollback), so a dataset
 * never holds half a file.  The record kinds are walked through their
 * tables (records.c).
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

void rp_dataset_init(struct rp_dataset *data)
{
    memset(data, 0, sizeof(*data));
}

/* The array fields of a kind in the dataset. */
static void **items_of(struct rp_dataset *data, enum rp_import_kind kind,
                       size_t **n, size_t **cap)
{
    const struct rp_import_kind_info *k = &rp_import_kinds[kind];

    *n = (size_t *)((char *)data + k->n);
    *cap = (size_t *)((char *)data + k->cap);
    return (void **)((char *)data + k->items);
}

void *rp_dataset_items(const struct rp_dataset *data, enum rp_import_kind kind,
                       size_t *n)
{
    size_t *count, *cap;
    void **items = items_of((struct rp_dataset *)data, kind, &count, &cap);

    *n = *count;
    return *items;
}

void rp_dataset_mark(const struct rp_dataset *data,
                     struct rp_dataset_mark *mark)
{
    size_t k;

    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++)
        rp_dataset_items(data, (enum rp_import_kind)k, &mark->counts[k]);
    mark->n_sources = data->n_source_files;
    mark->text = rp_pool_mark(&data->text);
}

void rp_dataset_rollback(struct rp_dataset *data,
                         const struct rp_dataset_mark *mark)
{
    size_t k;

    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++) {
        size_t *n, *cap;

        items_of(data, (enum rp_import_kind)k, &n, &cap);
        if (*n > mark->counts[k])
            *n = mark->counts[k];
    }
    while (data->n_source_files > mark->n_sources)
        free(data->source_files[--data->n_source_files]);
    rp_pool_rollback(&data->text, mark->text);
}

void rp_dataset_release(struct rp_dataset *data)
{
    size_t k;

    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++) {
        size_t *n, *cap;
        void **items = items_of(data, (enum rp_import_kind)k, &n, &cap);
        free(*items);
    }
    while (data->n_source_files)
        free(data->source_files[--data->n_source_files]);
    free(data->source_files);
    rp_pool_release(&data->text);
    rp_dataset_init(data);
}

void rp_dataset_append(struct rp_dataset *data, enum rp_import_kind kind,
                       const void *record)
{
    size_t *n, *cap;
    void **items = items_of(data, kind, &n, &cap);
    size_t size = rp_import_kinds[kind].size;

    rp_array_grow_big(items, cap, *n + 1, size);
    memcpy((char *)*items + *n * size, record, size);
    ++*n;
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
    const struct rp_import_kind_info *k = &rp_import_kinds[kind];
    size_t n;
    const char *items = rp_dataset_items(data, kind, &n);

    return *(char *const *)(items + i * k->size + k->members[0].offset);
}

/* FNV-1a.  Ids come from our own CRM and ticketing exports; a crafted
 * file could at worst slow its own import, so no keyed hash. */
static uint64_t hash_id(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
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

static void index_put(struct rp_import_index *index, size_t i, uint64_t hash)
{
    size_t mask = index->cap - 1;
    size_t slot = (size_t)hash & mask;

    while (index->slots[slot].record)
        slot = (slot + 1) & mask;
    index->slots[slot].record = i + 1;
    index->slots[slot].hash = hash;
    index->count++;
}

/* Keeps the table at most half full, so probes stay short. */
static void index_reserve(struct rp_import_index *index, size_t need)
{
    struct rp_import_slot *old = index->slots;
    size_t old_cap = index->cap, cap, bytes, i;

    if (need * 2 <= index->cap)
        return;
    cap = index->cap ? index->cap : 64;
    while (cap < need * 2) {
        if (!rp_size_mul(cap, 2, &cap))
            abort();
    }
    /* Not calloc: a big table comes zeroed from mmap, each page mapped
     * to the shared zero page on its first read (a probe) and copied on
     * its first write, flushing the TLB each time; that was a tenth of
     * a million-row import.  memset writes every page once, in order.
     * Every row's lookup lands on a random slot: huge pages save the TLB
     * miss that would come with nearly each one. */
    if (!rp_size_mul(cap, sizeof(*index->slots), &bytes))
        abort();
    index->slots = rp_xmalloc_big(bytes);
    memset(index->slots, 0, bytes);
    index->cap = cap;
    index->count = 0;
    for (i = 0; i < old_cap; i++) {
        if (old[i].record)
            index_put(index, old[i].record - 1, old[i].hash);
    }
    free(old);
}

void rp_import_index_build(struct rp_import_index *index,
                           const struct rp_dataset *data,
                           enum rp_import_kind kind)
{
    size_t n, i;

    rp_dataset_items(data, kind, &n);
    index_reserve(index, n + 1);
    for (i = 0; i < n; i++)
        index_put(index, i, hash_id(record_id(data, kind, i)));
}

void rp_import_index_prefetch(const struct rp_import_index *index,
                              const char *id)
{
    if (index->cap)
        __builtin_prefetch(
            &index->slots[(size_t)hash_id(id) & (index->cap - 1)]);
}

bool rp_import_index_find(const struct rp_import_index *index,
                          const struct rp_dataset *data,
                          enum rp_import_kind kind, const char *id,
                          size_t *found)
{
    size_t mask, slot;
    uint64_t hash;

    if (index->cap == 0)
        return false;
    hash = hash_id(id);
    mask = index->cap - 1;
    for (slot = (size_t)hash & mask; index->slots[slot].record;
         slot = (slot + 1) & mask) {
        size_t i = index->slots[slot].record - 1;
        if (index->slots[slot].hash == hash &&
            strcmp(record_id(data, kind, i), id) == 0) {
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
    index_reserve(index, index->count + 1);
    index_put(index, i, hash_id(record_id(data, kind, i)));
}
