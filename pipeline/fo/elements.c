/*
 * The FO vocabulary and its strings: which elements exist (one table,
 * looked up by name from both reading threads) and the interned strings
 * property values point into.
 */
#include "fo_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/mem.h"

struct rp_fo_strings {
    GHashTable *set; /* string -> itself; owns the keys */
};

struct rp_fo_strings *rp_fo_strings_new(void)
{
    struct rp_fo_strings *strings = rp_xcalloc(1, sizeof(*strings));
    strings->set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return strings;
}

void rp_fo_strings_free(struct rp_fo_strings *strings)
{
    if (!strings)
        return;
    g_hash_table_destroy(strings->set);
    free(strings);
}

const char *rp_fo_strings_intern(struct rp_fo_strings *strings, const char *s)
{
    char *found = g_hash_table_lookup(strings->set, s);
    if (!found) {
        found = g_strdup(s);
        g_hash_table_insert(strings->set, found, found);
    }
    return found;
}

static const struct {
    const char *name;
    enum rp_fo_kind kind;
} fo_elements[] = {
    {"root", RP_FO_ROOT},
    {"layout-master-set", RP_FO_LAYOUT_MASTER_SET},
    {"simple-page-master", RP_FO_SIMPLE_PAGE_MASTER},
    {"region-body", RP_FO_REGION_BODY},
    {"region-before", RP_FO_REGION_BEFORE},
    {"region-after", RP_FO_REGION_AFTER},
    {"region-start", RP_FO_REGION_START},
    {"region-end", RP_FO_REGION_END},
    {"page-sequence", RP_FO_PAGE_SEQUENCE},
    {"static-content", RP_FO_STATIC_CONTENT},
    {"flow", RP_FO_FLOW},
    {"block", RP_FO_BLOCK},
    {"block-container", RP_FO_BLOCK_CONTAINER},
    {"inline", RP_FO_INLINE},
    {"wrapper", RP_FO_WRAPPER},
    {"page-number", RP_FO_PAGE_NUMBER},
    {"page-number-citation", RP_FO_PAGE_NUMBER_CITATION},
    {"page-number-citation-last", RP_FO_PAGE_NUMBER_CITATION_LAST},
    {"table", RP_FO_TABLE},
    {"table-column", RP_FO_TABLE_COLUMN},
    {"table-header", RP_FO_TABLE_HEADER},
    {"table-footer", RP_FO_TABLE_FOOTER},
    {"table-body", RP_FO_TABLE_BODY},
    {"table-row", RP_FO_TABLE_ROW},
    {"table-cell", RP_FO_TABLE_CELL},
    {"declarations", RP_FO_DECLARATIONS},
    {"list-block", RP_FO_LIST_BLOCK},
    {"list-item", RP_FO_LIST_ITEM},
    {"list-item-label", RP_FO_LIST_ITEM_LABEL},
    {"list-item-body", RP_FO_LIST_ITEM_BODY},
    {"basic-link", RP_FO_BASIC_LINK},
    {"character", RP_FO_CHARACTER},
    {"bookmark-tree", RP_FO_BOOKMARK_TREE},
    {"bookmark", RP_FO_BOOKMARK},
    {"bookmark-title", RP_FO_BOOKMARK_TITLE},
    {"page-sequence-master", RP_FO_PAGE_SEQUENCE_MASTER},
    {"single-page-master-reference", RP_FO_SINGLE_PAGE_MASTER_REFERENCE},
    {"repeatable-page-master-reference",
     RP_FO_REPEATABLE_PAGE_MASTER_REFERENCE},
    {"repeatable-page-master-alternatives",
     RP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES},
    {"conditional-page-master-reference",
     RP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE},
    {"leader", RP_FO_LEADER},
    {"marker", RP_FO_MARKER},
    {"retrieve-marker", RP_FO_RETRIEVE_MARKER},
    {"external-graphic", RP_FO_EXTERNAL_GRAPHIC},
    {"instream-foreign-object", RP_FO_INSTREAM_FOREIGN_OBJECT},
    {"footnote", RP_FO_FOOTNOTE},
    {"footnote-body", RP_FO_FOOTNOTE_BODY},
};

const char *rp_fo_kind_name(enum rp_fo_kind kind)
{
    size_t i;
    if (kind == RP_FO_TEXT)
        return "#text";
    for (i = 0; i < sizeof(fo_elements) / sizeof(fo_elements[0]); i++) {
        if (fo_elements[i].kind == kind)
            return fo_elements[i].name;
    }
    return "?";
}

#define N_FO_ELEMENTS (sizeof(fo_elements) / sizeof(fo_elements[0]))

static int compare_element_names(const void *a, const void *b)
{
    return strcmp(fo_elements[*(const size_t *)a].name,
                  fo_elements[*(const size_t *)b].name);
}

static int find_element_name(const void *key, const void *entry)
{
    return strcmp(key, fo_elements[*(const size_t *)entry].name);
}

static size_t sorted_elements[N_FO_ELEMENTS];

static void sort_elements(void)
{
    size_t i;
    for (i = 0; i < N_FO_ELEMENTS; i++)
        sorted_elements[i] = i;
    qsort(sorted_elements, N_FO_ELEMENTS, sizeof(sorted_elements[0]),
          compare_element_names);
}

/*
 * Every element of a document is looked up: by binary search.  The file
 * source's producer thread calls this too, hence pthread_once.
 */
int rp_fo_kind_of(const char *ns, const char *name)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    const size_t *found;

    if (!ns || strcmp(ns, RP_FO_NS) != 0)
        return -1;
    pthread_once(&once, sort_elements);
    found = bsearch(name, sorted_elements, N_FO_ELEMENTS,
                    sizeof(sorted_elements[0]), find_element_name);
    return found ? (int)fo_elements[*found].kind : -1;
}
