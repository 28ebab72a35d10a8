/*
 * Tagged PDF, after painting: what Cairo 1.16 cannot write, appended to
 * its finished PDF as an incremental update (PDF 1.7 §7.5.6): libqpdf
 * reads the structure tree (only it: fonts and pages stay unread), and
 * the objects we change are written again after Cairo's, with an xref
 * section that points at them and back at Cairo's.  Rewriting the whole
 * file through qpdf cost three times the rendering of a long table.
 *
 * - the catalog: /Lang, /MarkInfo << /Marked true >> and
 *   /ViewerPreferences << /DisplayDocTitle true >> (the title, not the
 *   file name, in the window's title bar);
 * - attributes: /Alt on Figure elements, /A << /O /Table /Scope /Column >>
 *   on TH;
 * - continuations (tags.c): an element the painter ended at the foot of a
 *   page and began again on the next is one element: the continuation's
 *   content and children move into the element it continues, the parent
 *   tree points there, and the continuation goes.
 *
 * Cairo appends each element to its parent's /K as it is begun, so a
 * depth-first walk of the structure tree meets the elements in the order
 * tags.c recorded them; that order is how each is found.  If the counts
 * differ (a Cairo we do not know), only the catalog is written, with a
 * warning.
 */
#include "paint_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "common/log.h"
#include "common/mem.h"

static void free_places(gpointer p)
{
    g_array_free(p, TRUE);
}

/* What the edits share: the document, and the objects they changed
 * (object number -> handle), to be written again. */
struct edit {
    qpdf_data q;
    GHashTable *changed;
};

/* oh is about to change (or a direct object inside it, within). */
static void touch(struct edit *ed, qpdf_oh oh)
{
    if (qpdf_oh_is_indirect(ed->q, oh))
        g_hash_table_insert(ed->changed,
                            GINT_TO_POINTER(qpdf_oh_get_object_id(ed->q, oh)),
                            GUINT_TO_POINTER(oh));
}

static bool is_elem(qpdf_data q, qpdf_oh oh)
{
    return qpdf_oh_is_dictionary(q, oh) && qpdf_oh_has_key(q, oh, "/S");
}

/*
 * Elements found by where they are: the n-th child element of the
 * parent's /K, where child elements are the indirect objects (marked
 * content is numbers, MCR and OBJR dictionaries are direct).  Only the
 * elements edited and their ancestors are read.
 */
struct finder {
    qpdf_data q;
    const struct rp_tag_elem *elems;
    size_t n;
    qpdf_oh *found;     /* by element, 0: not yet */
    GHashTable *places; /* parent element -> GArray of /K positions */
    qpdf_oh document;
};

static qpdf_oh find(struct finder *f, int i)
{
    qpdf_data q = f->q;
    const struct rp_tag_elem *e;
    qpdf_oh parent, k;
    GArray *places;
    char name[64];
    int pos;

    if (i < 0 || (size_t)i >= f->n)
        return 0;
    if (i == 0)
        return f->document;
    if (f->found[i])
        return f->found[i];
    e = &f->elems[i];
    parent = find(f, e->parent < 0 ? 0 : e->parent);
    if (!parent)
        return 0;
    k = qpdf_oh_get_key(q, parent, "/K");
    if (!qpdf_oh_is_array(q, k)) {
        f->found[i] = e->ordinal == 0 && qpdf_oh_is_indirect(q, k) ? k : 0;
        return f->found[i];
    }
    places = g_hash_table_lookup(f->places, GINT_TO_POINTER(e->parent));
    if (!places) {
        int j, m = qpdf_oh_get_array_n_items(q, k);
        places = g_array_new(FALSE, FALSE, sizeof(int));
        for (j = 0; j < m; j++) {
            qpdf_oh item = qpdf_oh_get_array_item(q, k, j);
            if (qpdf_oh_is_indirect(q, item))
                g_array_append_val(places, j);
            qpdf_oh_release(q, item);
        }
        g_hash_table_insert(f->places, GINT_TO_POINTER(e->parent), places);
    }
    if (e->ordinal < 0 || (guint)e->ordinal >= places->len)
        return 0;
    pos = g_array_index(places, int, e->ordinal);
    f->found[i] = qpdf_oh_get_array_item(q, k, pos);
    /* Cairo's tree must be the one recorded: a mismatch edits nothing. */
    snprintf(name, sizeof(name), "/%s", e->role);
    if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, f->found[i], "/S"),
                                    name))
        f->found[i] = 0;
    return f->found[i];
}

/* oh's /K as an array (a new one when it was one kid or none). */
static qpdf_oh kids_array(struct edit *ed, qpdf_oh oh)
{
    qpdf_data q = ed->q;
    qpdf_oh k = qpdf_oh_get_key(q, oh, "/K");
    qpdf_oh a;

    touch(ed, oh);
    if (qpdf_oh_is_array(q, k)) {
        touch(ed, k);
        return k;
    }
    a = qpdf_oh_new_array(q);
    if (!qpdf_oh_is_null(q, k))
        qpdf_oh_append_item(q, a, k);
    qpdf_oh_replace_key(q, oh, "/K", a);
    return a;
}

/* Moves continuation c's content and children into o, its original. */
static void merge(struct edit *ed, qpdf_oh o, qpdf_oh c)
{
    qpdf_data q = ed->q;
    qpdf_oh ok = kids_array(ed, o);
    qpdf_oh ck = qpdf_oh_get_key(q, c, "/K");
    qpdf_oh pg = qpdf_oh_get_key(q, c, "/Pg");
    int i, n;

    if (!qpdf_oh_is_array(q, ck)) {
        qpdf_oh one = qpdf_oh_new_array(q);
        if (!qpdf_oh_is_null(q, ck))
            qpdf_oh_append_item(q, one, ck);
        ck = one;
    }
    n = qpdf_oh_get_array_n_items(q, ck);
    for (i = 0; i < n; i++) {
        qpdf_oh kid = qpdf_oh_get_array_item(q, ck, i);
        if (qpdf_oh_is_integer(q, kid)) {
            /* An MCID of c's page: o's page may be another. */
            qpdf_oh mcr = qpdf_oh_new_dictionary(q);
            qpdf_oh_replace_key(q, mcr, "/Type", qpdf_oh_new_name(q, "/MCR"));
            qpdf_oh_replace_key(q, mcr, "/MCID", kid);
            qpdf_oh_replace_key(q, mcr, "/Pg", pg);
            qpdf_oh_append_item(q, ok, mcr);
        } else if (is_elem(q, kid)) {
            touch(ed, kid);
            qpdf_oh_replace_key(q, kid, "/P", o);
            qpdf_oh_append_item(q, ok, kid);
        } else if (qpdf_oh_is_dictionary(q, kid)) {
            if (!qpdf_oh_has_key(q, kid, "/Pg") && !qpdf_oh_is_null(q, pg))
                qpdf_oh_replace_key(q, kid, "/Pg", pg);
            qpdf_oh_append_item(q, ok, kid);
        }
    }
}

static void remove_kid(struct edit *ed, qpdf_oh parent, qpdf_oh kid)
{
    qpdf_data q = ed->q;
    qpdf_oh k = kids_array(ed, parent);
    int id = qpdf_oh_get_object_id(q, kid);
    int i = qpdf_oh_get_array_n_items(q, k);

    while (i-- > 0) {
        qpdf_oh item = qpdf_oh_get_array_item(q, k, i);
        if (qpdf_oh_is_indirect(q, item) &&
            qpdf_oh_get_object_id(q, item) == id) {
            qpdf_oh_erase_item(q, k, i);
            break;
        }
        qpdf_oh_release(q, item);
    }
}

/* The parent tree's entries for c's page point at o instead of c. */
static void repoint(struct edit *ed, qpdf_oh tree, GHashTable *numbers,
                    qpdf_oh c, qpdf_oh o)
{
    qpdf_data q = ed->q;
    qpdf_oh pg = qpdf_oh_get_key(q, c, "/Pg");
    qpdf_oh key = qpdf_oh_get_key(q, pg, "/StructParents");
    qpdf_oh nums = qpdf_oh_get_key(q, tree, "/Nums");
    gpointer at;
    qpdf_oh v;
    int id = qpdf_oh_get_object_id(q, c), j, m;

    if (!qpdf_oh_is_integer(q, key) || !qpdf_oh_is_array(q, nums) ||
        !g_hash_table_lookup_extended(
            numbers, GINT_TO_POINTER(qpdf_oh_get_int_value_as_int(q, key)),
            NULL, &at))
        return;
    v = qpdf_oh_get_array_item(q, nums, GPOINTER_TO_INT(at));
    if (!qpdf_oh_is_array(q, v))
        return;
    m = qpdf_oh_get_array_n_items(q, v);
    for (j = 0; j < m; j++) {
        qpdf_oh e = qpdf_oh_get_array_item(q, v, j);
        if (qpdf_oh_is_indirect(q, e) && qpdf_oh_get_object_id(q, e) == id) {
            touch(ed, tree);
            touch(ed, nums);
            touch(ed, v);
            qpdf_oh_set_array_item(q, v, j, o);
        }
        qpdf_oh_release(q, e);
    }
}

/* The parent tree's keys (a page's /StructParents) -> /Nums positions.
 * Cairo writes one flat /Nums. */
static GHashTable *parent_numbers(qpdf_data q, qpdf_oh tree)
{
    GHashTable *numbers = g_hash_table_new(NULL, NULL);
    qpdf_oh nums = qpdf_oh_get_key(q, tree, "/Nums");
    int i,
        n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;

    for (i = 0; i + 1 < n; i += 2) {
        qpdf_oh key = qpdf_oh_get_array_item(q, nums, i);
        if (qpdf_oh_is_integer(q, key))
            g_hash_table_insert(
                numbers, GINT_TO_POINTER(qpdf_oh_get_int_value_as_int(q, key)),
                GINT_TO_POINTER(i + 1));
        qpdf_oh_release(q, key);
    }
    return numbers;
}

static void edit_structure(struct edit *ed, qpdf_oh tree_root,
                           const struct rp_tag_elem *elems, size_t n,
                           const char *path)
{
    qpdf_data q = ed->q;
    struct finder f = {q,
                       elems,
                       n,
                       rp_xcalloc(n ? n : 1, sizeof(qpdf_oh)),
                       g_hash_table_new_full(NULL, NULL, NULL, free_places),
                       0};
    qpdf_oh k = qpdf_oh_get_key(q, tree_root, "/K"), tree = 0;
    GHashTable *numbers = NULL;
    /* Continuations leave their parents once every element is found:
     * positions in a /K must not move while finding goes on. */
    GArray *gone = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    size_t i, missed = 0;

    f.document = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, 0) : k;
    if (!is_elem(q, f.document))
        goto out;
    for (i = 1; i < n; i++) {
        const struct rp_tag_elem *e = &elems[i];
        qpdf_oh oh, o, parent;
        bool th = !strcmp(e->role, "TH") && e->continues < 0;
        if (!e->alt && !th && e->continues < 0)
            continue;
        oh = find(&f, (int)i);
        if (!oh) {
            missed++;
            continue;
        }
        if (e->alt) {
            touch(ed, oh);
            qpdf_oh_replace_key(q, oh, "/Alt",
                                qpdf_oh_new_unicode_string(q, e->alt));
        }
        if (th) {
            touch(ed, oh);
            qpdf_oh_replace_key(
                q, oh, "/A",
                qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>"));
        }
        if (e->continues < 0)
            continue;
        o = find(&f, e->continues);
        parent = find(&f, e->parent < 0 ? 0 : e->parent);
        if (!o || !parent) {
            missed++;
            continue;
        }
        if (!numbers) {
            tree = qpdf_oh_get_key(q, tree_root, "/ParentTree");
            numbers = parent_numbers(q, tree);
        }
        merge(ed, o, oh);
        g_array_append_val(gone, parent);
        g_array_append_val(gone, oh);
        repoint(ed, tree, numbers, oh, o);
    }
    for (i = 0; i + 1 < gone->len; i += 2)
        remove_kid(ed, g_array_index(gone, qpdf_oh, i),
                   g_array_index(gone, qpdf_oh, i + 1));
    if (missed)
        rp_log_warn("%s: %zu structure elements were not where they were "
                    "made; they keep no attributes",
                    path, missed);
out:
    g_array_free(gone, TRUE);
    if (numbers)
        g_hash_table_destroy(numbers);
    g_hash_table_destroy(f.places);
    free(f.found);
}

static enum rp_status qpdf_failed(qpdf_data q, const char *path,
                                  struct rp_error *err)
{
    qpdf_error e = qpdf_get_error(q);

    return rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                        "could not finish the tagged PDF: %s",
                        e ? qpdf_get_error_full_text(q, e) : "qpdf failed");
}

/* Where Cairo's xref starts: the number after the last "startxref". */
static long long last_startxref(const char *data, size_t len)
{
    size_t from = len > 1024 ? len - 1024 : 0, i;
    long long at = -1;

    for (i = from; i + 9 <= len; i++)
        if (!memcmp(data + i, "startxref", 9))
            at = strtoll(data + i + 9, NULL, 10);
    return at;
}

static gint by_number(gconstpointer a, gconstpointer b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The changed objects, a new xref section and trailer, after Cairo's. */
static enum rp_status append_update(struct edit *ed, FILE *fp, long long prev,
                                    const char *path, struct rp_error *err)
{
    qpdf_data q = ed->q;
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *offsets = g_array_new(FALSE, FALSE, sizeof(long long));
    GHashTableIter it;
    gpointer key, value;
    static const char *const trailer_keys[] = {"/Size", "/Root", "/Info",
                                               "/ID"};
    qpdf_oh trailer;
    guint i;
    int ok = 1;

    g_hash_table_iter_init(&it, ed->changed);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        int id = GPOINTER_TO_INT(key);
        g_array_append_val(ids, id);
    }
    g_array_sort(ids, by_number);
    for (i = 0; i < ids->len && ok; i++) {
        int id = g_array_index(ids, int, i);
        qpdf_oh oh = (qpdf_oh)GPOINTER_TO_UINT(
            g_hash_table_lookup(ed->changed, GINT_TO_POINTER(id)));
        long long at = ftello(fp);
        g_array_append_val(offsets, at);
        ok = fprintf(fp, "%d %d obj\n%s\nendobj\n", id,
                     qpdf_oh_get_generation(q, oh),
                     qpdf_oh_unparse_resolved(q, oh)) > 0;
    }
    {
        long long xref = ftello(fp);
        ok = ok && fputs("xref\n", fp) >= 0;
        for (i = 0; i < ids->len && ok; i++) {
            int id = g_array_index(ids, int, i);
            qpdf_oh oh = (qpdf_oh)GPOINTER_TO_UINT(
                g_hash_table_lookup(ed->changed, GINT_TO_POINTER(id)));
            ok = fprintf(fp, "%d 1\n%010lld %05d n \n", id,
                         g_array_index(offsets, long long, i),
                         qpdf_oh_get_generation(q, oh)) > 0;
        }
        trailer = qpdf_oh_new_dictionary(q);
        for (i = 0; i < G_N_ELEMENTS(trailer_keys); i++) {
            qpdf_oh v =
                qpdf_oh_get_key(q, qpdf_get_trailer(q), trailer_keys[i]);
            if (!qpdf_oh_is_null(q, v))
                qpdf_oh_replace_key(q, trailer, trailer_keys[i], v);
        }
        ok =
            ok && fprintf(fp, "trailer\n%s\n", qpdf_oh_unparse(q, trailer)) > 0;
        /* /Prev written by hand: qpdf keeps integers, and this one must
         * be exactly Cairo's. */
        ok = ok && fseeko(fp, -4, SEEK_CUR) == 0; /* back over " >>\n" */
        ok = ok && fprintf(fp, " /Prev %lld >>\nstartxref\n%lld\n%%%%EOF\n",
                           prev, xref) > 0;
    }
    g_array_free(ids, TRUE);
    g_array_free(offsets, TRUE);
    if (!ok)
        return rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                            "could not write the PDF: %s", strerror(errno));
    return RP_OK;
}

/*
 * Cairo 1.16 adds an image to a page's /XObject resources each time it
 * is drawn, so a logo shown twice is named twice in one dictionary (PDF
 * keys are unique: qpdf --check warns).  qpdf keeps one of each name as
 * it reads; the dictionaries written again carry them once.
 */
static void dedupe_resources(struct edit *ed, const int *pages, size_t n)
{
    qpdf_data q = ed->q;
    int count = qpdf_get_num_pages(q);
    size_t i;

    for (i = 0; i < n; i++) {
        qpdf_oh page, resources;

        if (pages[i] < 0 || pages[i] >= count)
            continue;
        page = qpdf_get_page_n(q, (size_t)pages[i]);
        resources = qpdf_oh_get_key(q, page, "/Resources");
        if (!qpdf_oh_is_dictionary(q, resources))
            continue;
        touch(ed, qpdf_oh_is_indirect(q, resources) ? resources : page);
        touch(ed, qpdf_oh_get_key(q, resources, "/XObject"));
    }
}

enum rp_status rp_tagged_finish(FILE *fp, const char *path, const char *lang,
                                const struct rp_tag_elem *elems, size_t n,
                                const int *image_pages, size_t n_image_pages,
                                struct rp_error *err)
{
    struct edit ed = {qpdf_init(), g_hash_table_new(NULL, NULL)};
    qpdf_data q = ed.q;
    enum rp_status status = RP_OK;
    qpdf_oh root, tree;
    void *map = NULL;
    size_t len = 0;
    long long prev;

    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    /* Mapped, not read through a file: qpdf seeks to every object, and
     * a structure tree has one per element. */
    map = rp_paint_map_written(fp, &len);
    if (!map) {
        status =
            rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                         "could not read the PDF back: %s", strerror(errno));
        goto out;
    }
    prev = last_startxref(map, len);
    if (prev < 0 ||
        qpdf_read_memory(q, path, map, (unsigned long long)len, NULL) &
            QPDF_ERRORS) {
        status = qpdf_failed(q, path, err);
        goto out;
    }
    root = qpdf_get_root(q);
    touch(&ed, root);
    if (lang && *lang)
        qpdf_oh_replace_key(q, root, "/Lang",
                            qpdf_oh_new_unicode_string(q, lang));
    qpdf_oh_replace_key(q, root, "/MarkInfo",
                        qpdf_oh_parse(q, "<< /Marked true >>"));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences",
                        qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
    tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    if (qpdf_oh_is_dictionary(q, tree))
        edit_structure(&ed, tree, elems, n, path);
    dedupe_resources(&ed, image_pages, n_image_pages);
    if (fseeko(fp, 0, SEEK_END) != 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                              "could not write the PDF: %s", strerror(errno));
        goto out;
    }
    status = append_update(&ed, fp, prev, path, err);
out:
    qpdf_cleanup(&q);
    g_hash_table_destroy(ed.changed);
    if (map)
        munmap(map, len);
    return status;
}
