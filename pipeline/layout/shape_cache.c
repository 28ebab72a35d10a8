/*
 * The shaping cache: PangoLayouts of paragraphs already laid out, keyed by
 * everything that decides their shape (text, styles of its runs, the
 * block's alignment and indent, the width).  Reports are tables: the same
 * priority, category, date or status is laid out thousands of times, and
 * the second pass lays out everything again.  Shaping is most of the cost
 * (HarfBuzz and Pango were two thirds of the profile), so a hit saves it.
 * Layouts are immutable once made, so boxes share them by reference.  The
 * cache is bounded (least recently used entries go), so memory stays flat.
 * It belongs to the Pango context (run.c), not to one document: keys hold
 * nothing a document owns (font names, not their interned pointers).
 */
#include "layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

#define SHAPE_CACHE_ENTRIES 4096
/*
 * What the cached layouts may cost, estimated from their text: glyphs,
 * logical attributes and runs take about 40 bytes a byte of text.  Long
 * paragraphs are rarely repeated and dear to keep, so only short texts
 * (table cells, labels, headings) are cached: memory stays flat in the
 * length of the document.
 */
#define SHAPE_CACHE_BYTES ((size_t)6 << 20)
#define SHAPE_COST_PER_BYTE 40
#define SHAPE_MAX_TEXT 256

struct shape_entry {
    guint8 *key; /* owned; NULL in a probe, which borrows probe_key */
    const guint8 *probe_key;
    size_t len;
    guint hash;
    PangoLayout *layout;
    GList link; /* in the LRU queue; data points back to the entry */
};

/*
 * Keys seen once, by hash: a paragraph is cached the second time it is
 * seen.  A ticket table's ids and subjects are mostly unique; caching them
 * would only push out the statuses and dates that do repeat, and cost an
 * insertion and an eviction each.
 */
#define SHAPE_SEEN_SLOTS 16384

struct rp_shape_cache {
    GHashTable *entries; /* struct shape_entry, its own key */
    guint seen[SHAPE_SEEN_SLOTS];
    GQueue lru;  /* most recently used first */
    size_t cost; /* estimated bytes held */
    unsigned long hits, misses;
};

/*
 * Keys are a hundred bytes and more, and every paragraph looks one up:
 * hashed eight bytes at a time (GLib's hash takes them one by one).
 */
static guint key_hash(const guint8 *p, size_t len)
{
    guint64 h = 0x9e3779b97f4a7c15u ^ len, word;

    for (; len >= 8; p += 8, len -= 8) {
        memcpy(&word, p, 8);
        h = (h ^ word) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    word = 0;
    memcpy(&word, p, len);
    h = (h ^ word) * 0xc4ceb9fe1a85ec53u;
    return (guint)(h ^ (h >> 29));
}

static const guint8 *entry_key(const struct shape_entry *e)
{
    return e->key ? e->key : e->probe_key;
}

static guint entry_hash(gconstpointer e)
{
    return ((const struct shape_entry *)e)->hash;
}

static gboolean entry_equal(gconstpointer a, gconstpointer b)
{
    const struct shape_entry *x = a, *y = b;

    return x->hash == y->hash && x->len == y->len &&
           memcmp(entry_key(x), entry_key(y), x->len) == 0;
}

static void entry_free(gpointer data)
{
    struct shape_entry *e = data;
    g_object_unref(e->layout);
    free(e->key);
    free(e);
}

struct rp_shape_cache *rp_shape_cache_new(void)
{
    struct rp_shape_cache *c = rp_xcalloc(1, sizeof(*c));
    c->entries =
        g_hash_table_new_full(entry_hash, entry_equal, entry_free, NULL);
    g_queue_init(&c->lru);
    return c;
}

void rp_shape_cache_free(struct rp_shape_cache *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->entries);
    free(c);
}

static struct shape_entry probe_of(const struct rp_shape_key *key)
{
    struct shape_entry probe = {0};

    probe.probe_key = key->data;
    probe.len = key->len;
    probe.hash = key_hash(key->data, key->len);
    return probe;
}

PangoLayout *rp_shape_cache_get(struct rp_shape_cache *c,
                                const struct rp_shape_key *key)
{
    struct shape_entry probe = probe_of(key);
    struct shape_entry *e = g_hash_table_lookup(c->entries, &probe);

    if (!e) {
        c->misses++;
        return NULL;
    }
    c->hits++;
    g_queue_unlink(&c->lru, &e->link);
    g_queue_push_head_link(&c->lru, &e->link);
    return g_object_ref(e->layout);
}

static size_t entry_cost(size_t key_len)
{
    return key_len * SHAPE_COST_PER_BYTE;
}

bool rp_shape_cache_wants(size_t text_len)
{
    return text_len <= SHAPE_MAX_TEXT;
}

void rp_shape_cache_put(struct rp_shape_cache *c,
                        const struct rp_shape_key *key, PangoLayout *layout)
{
    struct shape_entry *e;
    guint hash = key_hash(key->data, key->len),
          *seen = &c->seen[hash % SHAPE_SEEN_SLOTS];

    /* Callers put only what rp_shape_cache_get missed. */
    if (*seen != hash) {
        *seen = hash;
        return;
    }
    while (c->lru.length > 0 &&
           (c->lru.length >= SHAPE_CACHE_ENTRIES ||
            c->cost + entry_cost(key->len) > SHAPE_CACHE_BYTES)) {
        GList *old = g_queue_pop_tail_link(&c->lru);
        struct shape_entry *victim = old->data;
        c->cost -= entry_cost(victim->len);
        g_hash_table_remove(c->entries, victim);
    }
    e = rp_xcalloc(1, sizeof(*e));
    e->key = rp_xmalloc(key->len ? key->len : 1);
    memcpy(e->key, key->data, key->len);
    e->len = key->len;
    e->hash = hash;
    e->layout = g_object_ref(layout);
    e->link.data = e;
    g_queue_push_head_link(&c->lru, &e->link);
    c->cost += entry_cost(key->len);
    g_hash_table_add(c->entries, e);
}
