/*
 * Tagged PDF, after painting: what Cairo 1.16 cannot write, written with
 * libqpdf into a copy of its finished PDF (streams copied as they are).
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

#include <string.h>

#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "common/log.h"

static bool is_elem(qpdf_data q, qpdf_oh oh)
{
    return qpdf_oh_is_dictionary(q, oh) && qpdf_oh_has_key(q, oh, "/S");
}

/* The elements of the tree, depth first, into elems (handles). */
static void walk(qpdf_data q, qpdf_oh root_k, GArray *elems)
{
    GArray *stack = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    qpdf_oh oh;

    g_array_append_val(stack, root_k);
    while (stack->len > 0) {
        oh = g_array_index(stack, qpdf_oh, stack->len - 1);
        g_array_set_size(stack, stack->len - 1);
        if (qpdf_oh_is_array(q, oh)) {
            int i = qpdf_oh_get_array_n_items(q, oh);
            while (i-- > 0) {
                qpdf_oh kid = qpdf_oh_get_array_item(q, oh, i);
                g_array_append_val(stack, kid);
            }
        } else if (is_elem(q, oh)) {
            qpdf_oh k = qpdf_oh_get_key(q, oh, "/K");
            g_array_append_val(elems, oh);
            g_array_append_val(stack, k);
        }
    }
    g_array_free(stack, TRUE);
}

/* oh's /K as an array (a new one when it was one kid or none). */
static qpdf_oh kids_array(qpdf_data q, qpdf_oh oh)
{
    qpdf_oh k = qpdf_oh_get_key(q, oh, "/K");
    qpdf_oh a;

    if (qpdf_oh_is_array(q, k))
        return k;
    a = qpdf_oh_new_array(q);
    if (!qpdf_oh_is_null(q, k))
        qpdf_oh_append_item(q, a, k);
    qpdf_oh_replace_key(q, oh, "/K", a);
    return a;
}

static void remove_kid(qpdf_data q, qpdf_oh parent, int id)
{
    qpdf_oh k = kids_array(q, parent);
    int i = qpdf_oh_get_array_n_items(q, k);

    while (i-- > 0) {
        qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
        if (qpdf_oh_is_indirect(q, kid) && qpdf_oh_get_object_id(q, kid) == id)
            qpdf_oh_erase_item(q, k, i);
    }
}

/* Moves continuation c's kids into o (see the comment at the top). */
static void merge(qpdf_data q, qpdf_oh o, qpdf_oh c, GHashTable *continued)
{
    qpdf_oh ok = kids_array(q, o);
    qpdf_oh ck = kids_array(q, c);
    qpdf_oh pg = qpdf_oh_get_key(q, c, "/Pg");
    int i, n = qpdf_oh_get_array_n_items(q, ck);

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
            if (g_hash_table_contains(
                    continued, GINT_TO_POINTER(qpdf_oh_get_object_id(q, kid))))
                continue; /* merged into its own original */
            qpdf_oh_replace_key(q, kid, "/P", o);
            qpdf_oh_append_item(q, ok, kid);
        } else if (qpdf_oh_is_dictionary(q, kid)) {
            if (!qpdf_oh_has_key(q, kid, "/Pg") && !qpdf_oh_is_null(q, pg))
                qpdf_oh_replace_key(q, kid, "/Pg", pg);
            qpdf_oh_append_item(q, ok, kid);
        }
    }
}

/* Points the parent tree's entries for continuations at their originals. */
static void fix_parent_tree(qpdf_data q, qpdf_oh tree, GHashTable *to)
{
    qpdf_oh nums = qpdf_oh_get_key(q, tree, "/Nums");
    qpdf_oh kids = qpdf_oh_get_key(q, tree, "/Kids");
    int i, n;

    if (qpdf_oh_is_array(q, kids)) {
        n = qpdf_oh_get_array_n_items(q, kids);
        for (i = 0; i < n; i++)
            fix_parent_tree(q, qpdf_oh_get_array_item(q, kids, i), to);
    }
    if (!qpdf_oh_is_array(q, nums))
        return;
    n = qpdf_oh_get_array_n_items(q, nums);
    for (i = 1; i < n; i += 2) {
        qpdf_oh v = qpdf_oh_get_array_item(q, nums, i);
        gpointer o;
        if (qpdf_oh_is_array(q, v)) {
            int j, m = qpdf_oh_get_array_n_items(q, v);
            for (j = 0; j < m; j++) {
                qpdf_oh e = qpdf_oh_get_array_item(q, v, j);
                if (qpdf_oh_is_indirect(q, e) &&
                    g_hash_table_lookup_extended(
                        to, GINT_TO_POINTER(qpdf_oh_get_object_id(q, e)), NULL,
                        &o))
                    qpdf_oh_set_array_item(q, v, j, (qpdf_oh)GPOINTER_TO_UINT(o));
            }
        } else if (qpdf_oh_is_indirect(q, v) &&
                   g_hash_table_lookup_extended(
                       to, GINT_TO_POINTER(qpdf_oh_get_object_id(q, v)), NULL,
                       &o)) {
            qpdf_oh_set_array_item(q, nums, i, (qpdf_oh)GPOINTER_TO_UINT(o));
        }
    }
}

static void edit_structure(qpdf_data q, qpdf_oh tree_root,
                           const struct rp_tag_elem *elems, size_t n,
                           const char *path)
{
    GArray *oh = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    GHashTable *continued = g_hash_table_new(NULL, NULL); /* id -> orig oh */
    qpdf_oh scope = 0;
    size_t i;

    walk(q, qpdf_oh_get_key(q, tree_root, "/K"), oh);
    if (oh->len != n) {
        rp_log_warn("%s: the PDF has %u structure elements where %zu were "
                    "made; its figures keep no alternative text",
                    path, oh->len, n);
        goto out;
    }
    for (i = 0; i < n; i++) {
        qpdf_oh e = g_array_index(oh, qpdf_oh, i);
        if (elems[i].alt)
            qpdf_oh_replace_key(q, e, "/Alt",
                                qpdf_oh_new_unicode_string(q, elems[i].alt));
        if (!strcmp(elems[i].role, "TH") && elems[i].continues < 0) {
            if (!scope)
                scope = qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>");
            qpdf_oh_replace_key(q, e, "/A", scope);
        }
        if (elems[i].continues >= 0 && (size_t)elems[i].continues < n)
            g_hash_table_insert(
                continued, GINT_TO_POINTER(qpdf_oh_get_object_id(q, e)),
                GUINT_TO_POINTER(
                    g_array_index(oh, qpdf_oh, elems[i].continues)));
    }
    for (i = 0; i < n; i++) {
        qpdf_oh c = g_array_index(oh, qpdf_oh, i), parent;
        if (elems[i].continues < 0 || (size_t)elems[i].continues >= n)
            continue;
        merge(q, g_array_index(oh, qpdf_oh, elems[i].continues), c, continued);
        parent = qpdf_oh_get_key(q, c, "/P");
        if (!g_hash_table_contains(
                continued,
                GINT_TO_POINTER(qpdf_oh_get_object_id(q, parent))))
            remove_kid(q, parent, qpdf_oh_get_object_id(q, c));
    }
    if (g_hash_table_size(continued) > 0)
        fix_parent_tree(q, qpdf_oh_get_key(q, tree_root, "/ParentTree"),
                        continued);
out:
    g_hash_table_destroy(continued);
    g_array_free(oh, TRUE);
}

static enum rp_status qpdf_failed(qpdf_data q, const char *path,
                                  struct rp_error *err)
{
    qpdf_error e = qpdf_get_error(q);

    return rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                        "could not finish the tagged PDF: %s",
                        e ? qpdf_get_error_full_text(q, e) : "qpdf failed");
}

enum rp_status rp_tagged_finish(const char *in_path, const char *out_path,
                                const char *lang,
                                const struct rp_tag_elem *elems, size_t n,
                                struct rp_error *err)
{
    qpdf_data q = qpdf_init();
    enum rp_status status = RP_OK;
    qpdf_oh root, tree;

    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read(q, in_path, NULL) & QPDF_ERRORS) {
        status = qpdf_failed(q, in_path, err);
        goto out;
    }
    root = qpdf_get_root(q);
    if (lang && *lang)
        qpdf_oh_replace_key(q, root, "/Lang",
                            qpdf_oh_new_unicode_string(q, lang));
    qpdf_oh_replace_key(q, root, "/MarkInfo",
                        qpdf_oh_parse(q, "<< /Marked true >>"));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences",
                        qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
    tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    if (qpdf_oh_is_dictionary(q, tree))
        edit_structure(q, tree, elems, n, in_path);
    if (qpdf_init_write(q, out_path) & QPDF_ERRORS) {
        status = qpdf_failed(q, out_path, err);
        goto out;
    }
    qpdf_set_object_stream_mode(q, qpdf_o_preserve);
    qpdf_set_decode_level(q, qpdf_dl_none);
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    if (qpdf_write(q) & QPDF_ERRORS)
        status = qpdf_failed(q, out_path, err);
out:
    qpdf_cleanup(&q);
    return status;
}
