/* Matching tickets to CRM accounts across systems (match.h). */
#include "match.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/mem.h"

/* ---- normal forms ---- */

/*
 * ASCII letters for the accented Latin letters U+00C0..U+017F, lower
 * case; '?' marks the few that become two letters (see fold_special) and
 * ' ' the multiplication and division signs.  "Müller" and "Muller" then
 * compare equal, as ticketing systems often drop accents.
 */
static const char latin1[] =
    "aaaaaa?ceeeeiiiidnooooo ouuuuy??aaaaaa?ceeeeiiiidnooooo ouuuuy?y";
static const char latin_ext_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllll"
    "nnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
/* One letter per code point, or a name's letters are read past the end. */
_Static_assert(sizeof(latin1) == 0x100 - 0xc0 + 1,
               "latin1 covers U+00C0..U+00FF");
_Static_assert(sizeof(latin_ext_a) == 0x180 - 0x100 + 1,
               "latin_ext_a covers U+0100..U+017F");

static const char *fold_special(uint32_t cp)
{
    switch (cp) {
    case 0xc6:
    case 0xe6:
        return "ae";
    case 0xde:
    case 0xfe:
        return "th";
    case 0xdf:
        return "ss";
    case 0x132:
    case 0x133:
        return "ij";
    case 0x152:
    case 0x153:
        return "oe";
    }
    return NULL;
}

/* Decodes one UTF-8 sequence at s (checked valid by the merge); returns
 * its length, or 1 for a stray byte, which is then kept as is. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
        *cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
        return 2;
    }
    if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
        (s[2] & 0xc0) == 0x80) {
        *cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
              (s[2] & 0x3f);
        return 3;
    }
    *cp = 0xfffd;
    return 1;
}

/* Legal forms that say nothing about which organisation it is. */
static const char *const legal_suffixes[] = {
    "ab",      "ag",   "aps",         "as",   "asa", "bv",           "co",
    "company", "corp", "corporation", "gmbh", "inc", "incorporated", "kg",
    "kgaa",    "kk",   "limited",     "llc",  "llp", "lp",           "ltd",
    "ltda",    "mbh",  "nv",          "ohg",  "oy",  "oyj",          "plc",
    "pte",     "pty",  "sa",          "sarl", "sas", "se",           "sl",
    "slu",     "spa",  "sro",         "srl",  "ug",
};

static bool is_legal_suffix(const char *word, size_t len)
{
    size_t i;

    for (i = 0; i < sizeof(legal_suffixes) / sizeof(legal_suffixes[0]); i++) {
        if (strlen(legal_suffixes[i]) == len &&
            memcmp(legal_suffixes[i], word, len) == 0)
            return true;
    }
    return false;
}

/*
 * Words of a name: ASCII letters and digits lower-cased, accented Latin
 * letters folded, other code points kept; everything else separates
 * words.  Runs of single letters join ("S. A." -> "sa", "A.G." -> "ag"),
 * then trailing legal suffixes go ("GmbH & Co. KG" -> "").
 */
char *rp_merge_normalise_name(const char *name)
{
    const unsigned char *s = (const unsigned char *)(name ? name : "");
    size_t n = strlen((const char *)s), cap = 2 * n + 2;
    char *words = rp_xmalloc(cap), *out = rp_xmalloc(cap);
    size_t len = 0, o = 0;
    size_t starts[256], n_words = 0, i, keep;
    bool prev_single = false, single;

    /* Pass 1: fold into space-separated words. */
    while (*s) {
        uint32_t cp;
        size_t k = utf8_decode(s, &cp);
        const char *two = fold_special(cp);
        char c = 0;

        if (cp < 0x80) {
            c = (char)cp;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                c = ' ';
        } else if (two) {
            words[len++] = two[0];
            c = two[1];
        } else if (cp >= 0xc0 && cp <= 0xff) {
            c = latin1[cp - 0xc0];
        } else if (cp >= 0x100 && cp <= 0x17f) {
            c = latin_ext_a[cp - 0x100];
        } else {
            memcpy(words + len, s, k);
            len += k;
        }
        if (c)
            words[len++] = c;
        s += k;
    }
    words[len] = '\0';
    /* Pass 2: words, runs of single letters joined. */
    for (i = 0; i < len;) {
        size_t wl;
        while (i < len && words[i] == ' ')
            i++;
        if (i == len)
            break;
        wl = strcspn(words + i, " ");
        single = wl == 1 && (unsigned char)words[i] < 0x80;
        if (single && prev_single) {
            out[o++] = words[i];
        } else {
            if (n_words == sizeof(starts) / sizeof(starts[0]))
                break;
            if (o)
                out[o++] = ' ';
            starts[n_words++] = o;
            memcpy(out + o, words + i, wl);
            o += wl;
            prev_single = single;
        }
        i += wl;
    }
    out[o] = '\0';
    /* Pass 3: drop trailing legal suffixes, keeping at least one word. */
    keep = n_words;
    while (keep > 1) {
        size_t ws = starts[keep - 1];
        size_t we = keep == n_words ? o : starts[keep] - 1;
        if (!is_legal_suffix(out + ws, we - ws))
            break;
        keep--;
    }
    if (keep < n_words)
        out[starts[keep] - 1] = '\0';
    free(words);
    return out;
}

char *rp_merge_normalise_domain(const char *domain)
{
    const char *s = domain ? domain : "", *at, *scheme;
    size_t len;
    char *out;

    while (*s == ' ' || *s == '\t')
        s++;
    at = strrchr(s, '@');
    if (at)
        s = at + 1;
    scheme = strstr(s, "://");
    if (scheme)
        s = scheme + 3;
    len = strcspn(s, "/:?# \t");
    out = rp_xstrndup(s, len);
    for (len = 0; out[len]; len++) {
        if (out[len] >= 'A' && out[len] <= 'Z')
            out[len] = (char)(out[len] - 'A' + 'a');
    }
    while (len && out[len - 1] == '.')
        out[--len] = '\0';
    if (strncmp(out, "www.", 4) == 0)
        memmove(out, out + 4, len - 3);
    return out;
}

/* ---- indexes ---- */

struct key_entry {
    char *key;
    size_t account; /* SIZE_MAX when two accounts share the key */
};

struct rp_merge_key_index {
    struct key_entry *v;
    size_t n;
};

static int cmp_key(const void *a, const void *b)
{
    const struct key_entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c ? c : (x->account > y->account) - (x->account < y->account);
}

/* Sorts, and folds equal keys into one marked ambiguous. */
static struct rp_merge_key_index *index_finish(struct key_entry *v, size_t n)
{
    struct rp_merge_key_index *ix = rp_xcalloc(1, sizeof(*ix));
    size_t i, o = 0;

    if (n > 1)
        qsort(v, n, sizeof(*v), cmp_key);
    for (i = 0; i < n; i++) {
        if (o > 0 && strcmp(v[o - 1].key, v[i].key) == 0) {
            if (v[o - 1].account != v[i].account)
                v[o - 1].account = SIZE_MAX;
            free(v[i].key);
            continue;
        }
        v[o++] = v[i];
    }
    ix->v = v;
    ix->n = o;
    return ix;
}

static void index_free(struct rp_merge_key_index *ix)
{
    size_t i;

    if (!ix)
        return;
    for (i = 0; i < ix->n; i++)
        free(ix->v[i].key);
    free(ix->v);
    free(ix);
}

static const struct key_entry *index_find(const struct rp_merge_key_index *ix,
                                          const char *key)
{
    size_t lo = 0, hi = ix->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->v[mid].key, key);
        if (c == 0)
            return &ix->v[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

bool rp_merge_salesforce_id18(const char *id)
{
    static const char suffix[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    size_t i, chunk;

    if (strlen(id) != 18)
        return false;
    for (i = 0; i < 18; i++) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9')))
            return false;
    }
    /* Each suffix letter spells which of five id letters are capitals. */
    for (chunk = 0; chunk < 3; chunk++) {
        unsigned bits = 0;
        for (i = 0; i < 5; i++) {
            char c = id[chunk * 5 + i];
            if (c >= 'A' && c <= 'Z')
                bits |= 1u << i;
        }
        if (id[15 + chunk] != suffix[bits])
            return false;
    }
    return true;
}

/* The part of an id that says which record it is: a Salesforce id's 18
 * characters end in a checksum of the first 15, which alone are the key. */
static size_t id_key_len(const char *id)
{
    return rp_merge_salesforce_id18(id) ? 15 : strlen(id);
}

int rp_merge_compare_ids(const char *a, const char *b)
{
    size_t na = id_key_len(a), nb = id_key_len(b);
    int c = memcmp(a, b, na < nb ? na : nb);

    return c ? c : (na > nb) - (na < nb);
}

static const struct rp_dataset *sort_data;

static int cmp_by_id(const void *a, const void *b)
{
    return rp_merge_compare_ids(sort_data->accounts[*(const size_t *)a].id,
                                sort_data->accounts[*(const size_t *)b].id);
}

/* Index into by_id of the record with id, or SIZE_MAX. */
static size_t search_ids(const struct rp_merge_matcher *m, const size_t *by_id,
                         size_t n, bool users, const char *id)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *at = users ? m->data->users[by_id[mid]].id
                               : m->data->accounts[by_id[mid]].id;
        int c = rp_merge_compare_ids(at, id);
        if (c == 0)
            return by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

size_t rp_merge_find_account(const struct rp_merge_matcher *m, const char *id)
{
    return search_ids(m, m->by_id, m->data->n_accounts, false, id);
}

size_t rp_merge_find_account_ref(const struct rp_merge_matcher *m,
                                 const char *ref)
{
    size_t a = rp_merge_find_account(m, ref);
    const struct key_entry *e;
    char *name;

    if (a != SIZE_MAX)
        return a;
    name = rp_merge_normalise_name(ref);
    e = name[0] ? index_find(m->names, name) : NULL;
    free(name);
    return e ? e->account : SIZE_MAX;
}

static int cmp_users_by_id(const void *a, const void *b)
{
    return rp_merge_compare_ids(sort_data->users[*(const size_t *)a].id,
                                sort_data->users[*(const size_t *)b].id);
}

const char *rp_merge_owner_name(const struct rp_merge_matcher *m,
                                const char *owner)
{
    size_t u;

    if (!owner || !owner[0] || !m->users_by_id)
        return owner;
    u = search_ids(m, m->users_by_id, m->data->n_users, true, owner);
    return u == SIZE_MAX || !m->data->users[u].name[0] ? owner
                                                       : m->data->users[u].name;
}

void rp_merge_matcher_init(struct rp_merge_matcher *m,
                           const struct rp_dataset *data,
                           const struct rp_merge_map_config *map)
{
    size_t n = data->n_accounts, i, nd = 0, nn = 0;
    struct key_entry *domains = rp_xcalloc(n + 1, sizeof(*domains));
    struct key_entry *names = rp_xcalloc(n + 1, sizeof(*names));

    memset(m, 0, sizeof(*m));
    m->data = data;
    m->map = map;
    m->by_id = rp_xcalloc(n + 1, sizeof(*m->by_id));
    for (i = 0; i < n; i++)
        m->by_id[i] = i;
    m->users_by_id = rp_xcalloc(data->n_users + 1, sizeof(*m->users_by_id));
    for (i = 0; i < data->n_users; i++)
        m->users_by_id[i] = i;
    sort_data = data;
    if (n > 1)
        qsort(m->by_id, n, sizeof(*m->by_id), cmp_by_id);
    if (data->n_users > 1)
        qsort(m->users_by_id, data->n_users, sizeof(*m->users_by_id),
              cmp_users_by_id);
    sort_data = NULL;
    for (i = 0; i < n; i++) {
        const struct rp_account *a = &data->accounts[i];
        const char *d = a->domain && a->domain[0] ? a->domain : a->website;
        char *key = rp_merge_normalise_domain(d);
        if (key[0]) {
            domains[nd].key = key;
            domains[nd++].account = i;
        } else {
            free(key);
        }
        key = rp_merge_normalise_name(a->name);
        if (key[0]) {
            names[nn].key = key;
            names[nn++].account = i;
        } else {
            free(key);
        }
    }
    m->domains = index_finish(domains, nd);
    m->names = index_finish(names, nn);
    /* A mapping to an account the CRM no longer holds is stale, not
     * fatal: the administrator's file outlives accounts.  It matches
     * nothing and is reported. */
    m->stale = rp_xcalloc(map->n_entries + 1, sizeof(*m->stale));
    for (i = 0; i < map->n_entries; i++) {
        const struct rp_merge_mapping *e = &map->entries[i];
        if (rp_merge_find_account(m, e->account_id) == SIZE_MAX) {
            m->stale[i] = true;
            m->n_stale++;
            rp_log_warn("%s:%ld: the mapping names account '%s', which the "
                        "CRM export does not contain; it is ignored",
                        map->source, e->line, e->account_id);
        }
    }
}

void rp_merge_matcher_release(struct rp_merge_matcher *m)
{
    free(m->by_id);
    free(m->users_by_id);
    free(m->stale);
    index_free(m->domains);
    index_free(m->names);
    memset(m, 0, sizeof(*m));
}

/* The mapping for (key, value), preferring one for the ticket's system
 * over one for every system; NULL if none. */
static const struct rp_merge_mapping *map_find(const struct rp_merge_matcher *m,
                                               enum rp_merge_key key,
                                               const char *value,
                                               const char *system)
{
    const struct rp_merge_map_config *map = m->map;
    const struct rp_merge_mapping *any = NULL;
    size_t lo = 0, hi = map->n_entries;

    if (!value[0])
        return NULL;
    /* First entry with (key, value) >= the one sought. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct rp_merge_mapping *e = &map->entries[mid];
        int c =
            e->key != key ? (int)e->key - (int)key : strcmp(e->value, value);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < map->n_entries; lo++) {
        const struct rp_merge_mapping *e = &map->entries[lo];
        if (e->key != key || strcmp(e->value, value) != 0)
            break;
        if (m->stale[lo])
            continue;
        if (e->system[0] == '\0')
            any = e;
        else if (strcasecmp(e->system, system) == 0)
            return e;
    }
    return any;
}

/* Tries the domain, then each parent domain with at least two labels. */
static const struct key_entry *find_domain(const struct rp_merge_key_index *ix,
                                           const char *domain)
{
    const char *d = domain;

    while (d && strchr(d, '.')) {
        const struct key_entry *e = index_find(ix, d);
        if (e)
            return e;
        d = strchr(d, '.') + 1;
    }
    return NULL;
}

static void set(struct rp_merge_match_result *out, enum rp_merge_match how,
                size_t account)
{
    out->how = how;
    out->account = account;
}

void rp_merge_match_ticket(const struct rp_merge_matcher *m,
                           const struct rp_ticket *t,
                           struct rp_merge_match_result *out)
{
    const char *id = t->account_id ? t->account_id : "";
    const char *ext = t->external_account_id ? t->external_account_id : "";
    const char *system = t->source_system ? t->source_system : "";
    const struct rp_merge_mapping *map = NULL;
    const struct key_entry *e;
    char *domain = rp_merge_normalise_domain(t->org_domain);
    char *name = rp_merge_normalise_name(t->org_name);
    bool ambiguous = false;

    set(out, RP_MERGE_MATCH_NONE, SIZE_MAX);
    out->why = RP_MERGE_UNMATCHED_NO_KEY;
    if (!id[0] && !ext[0] && !domain[0] && !name[0])
        goto out;
    out->why = RP_MERGE_UNMATCHED_UNKNOWN;
    if (id[0] && (out->account = rp_merge_find_account(m, id)) != SIZE_MAX) {
        out->how = RP_MERGE_MATCH_ID;
        goto out;
    }
    map = map_find(m, RP_MERGE_KEY_ACCOUNT_ID, id, system);
    if (!map)
        map = map_find(m, RP_MERGE_KEY_EXTERNAL_ID, ext, system);
    if (!map)
        map = map_find(m, RP_MERGE_KEY_DOMAIN, domain, system);
    if (!map)
        map = map_find(m, RP_MERGE_KEY_NAME, name, system);
    if (map) {
        /* Checked against the CRM by rp_merge_matcher_init(). */
        set(out, RP_MERGE_MATCH_MAP, rp_merge_find_account(m, map->account_id));
        goto out;
    }
    e = domain[0] ? find_domain(m->domains, domain) : NULL;
    if (e && e->account != SIZE_MAX) {
        set(out, RP_MERGE_MATCH_DOMAIN, e->account);
        goto out;
    }
    ambiguous = e != NULL;
    e = name[0] ? index_find(m->names, name) : NULL;
    if (e && e->account != SIZE_MAX) {
        set(out, RP_MERGE_MATCH_NAME, e->account);
        goto out;
    }
    if (ambiguous || e)
        out->why = RP_MERGE_UNMATCHED_AMBIGUOUS;
out:
    if (out->how == RP_MERGE_MATCH_NONE)
        out->account = SIZE_MAX;
    free(domain);
    free(name);
}

const char *rp_merge_match_name(enum rp_merge_match how)
{
    static const char *const names[RP_MERGE_MATCH_COUNT] = {
        "id", "map", "domain", "name", "none"};

    return names[how];
}

const char *rp_merge_unmatched_name(enum rp_merge_unmatched why)
{
    switch (why) {
    case RP_MERGE_UNMATCHED_NO_KEY:
        return "no-key";
    case RP_MERGE_UNMATCHED_AMBIGUOUS:
        return "ambiguous";
    case RP_MERGE_UNMATCHED_UNKNOWN:
        break;
    }
    return "unknown";
}
