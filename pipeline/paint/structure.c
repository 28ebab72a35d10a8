/*
 * Tagged PDF written by us, while pack.c writes the PDF Cairo made
 * without structure tags: the page content marked from the segments
 * counted while painting (marked.c), the structure tree (ISO 32000-1
 * §14.7: StructTreeRoot, one StructElem per element, the ParentTree from
 * each page's MCIDs and each link annotation back to its element), and
 * the catalog's /StructTreeRoot, /MarkInfo, /Lang and
 * /ViewerPreferences.  The elements are the ones tags.c recorded, as
 * Cairo would have made them: a continuation (an element ended at the
 * foot of a page and begun again) is written as the element it
 * continues, its content and children in it.
 *
 * What is read of Cairo's PDF: the catalog's /Pages, the page tree's
 * /Kids (one level, as Cairo writes it), each page's /Contents,
 * /Resources (its /Font names: Type0 fonts have two-byte codes),
 * /Annots and /StructParents, and each link annotation's /StructParent
 * (Cairo numbers those even without structure).  Anything else, or
 * counts that do not hold, and false is returned: the document is then
 * painted again with Cairo's tags.
 */
#include "paint_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "pdf_file.h"

struct page {
    int num;        /* the page object */
    int key;        /* its /StructParents */
    GArray *mcids;  /* struct rp_mcid, by MCID */
    GArray *annots; /* int: link annotation objects, in order */
    GArray *a_keys; /* int: their /StructParent */
    size_t a_used;  /* annotations given to Link elements so far */
};

/* One of an element's /K: a child, a marked-content sequence or a link
 * annotation. */
struct kid {
    int place; /* among the children: content before child `place` */
    int elem;  /* a child element, or KID_MCID or KID_ANNOT */
    int page;
    int value; /* the MCID, or the annotation's object */
};
enum { KID_MCID = -1, KID_ANNOT = -2 };

struct rp_pdf_tree {
    const struct rp_pdf_structure *st;
    struct page *pages;
    int n_pages;
    GHashTable *widths; /* font name -> code width */
    const char **roles; /* by element */
    int *num;           /* each element's object, 0 for a continuation */
    int root, parent_tree, next_key;
    /* Each element's kids, in order (finish): kids[kid_at[e] ..
     * kid_at[e + 1]), one array for all, as small as they can be: a
     * long table has a few for each of its hundreds of thousands of
     * elements, kept until the elements are written. */
    int *kid_at;
    struct kid *kids;
};

/* Object numbers of "N 0 R" references in [b, e), appended to out. */
static void refs(const char *b, const char *e, GArray *out)
{
    while (b < e) {
        char *q;
        long n = strtol(b, &q, 10);
        if (q == b) {
            b++;
            continue;
        }
        /* N G R */
        while (q < e && *q == ' ')
            q++;
        if (q < e && *q >= '0' && *q <= '9') {
            char *r;
            strtol(q, &r, 10);
            while (r < e && *r == ' ')
                r++;
            if (r < e && *r == 'R') {
                int v = (int)n;
                g_array_append_val(out, v);
                b = r + 1;
                continue;
            }
        }
        b = q;
    }
}

/* The extent of the array after key ("[ ... ]"), or false. */
static bool array_of(const char *b, size_t n, const char *key,
                     const char **from, const char **to)
{
    const char *k = rp_pdf_find(b, n, key), *open, *close;

    if (!k)
        return false;
    open = memchr(k, '[', n - (size_t)(k - b));
    close = open ? memchr(open, ']', n - (size_t)(open - b)) : NULL;
    if (!close)
        return false;
    *from = open + 1;
    *to = close;
    return true;
}

/* The extent of the dictionary after key ("<< ... >>", nested). */
static bool dict_of(const char *b, size_t n, const char *key, const char **from,
                    const char **to)
{
    const char *k = rp_pdf_find(b, n, key), *p, *e = b + n;
    int depth = 0;

    if (!k)
        return false;
    p = rp_pdf_find(k, (size_t)(e - k), "<<");
    if (!p)
        return false;
    *from = p + 2;
    for (; p + 1 < e; p++) {
        if (p[0] == '<' && p[1] == '<') {
            depth++;
            p++;
        } else if (p[0] == '>' && p[1] == '>') {
            if (--depth == 0) {
                *to = p;
                return true;
            }
            p++;
        }
    }
    return false;
}

static struct rp_pdf_obj *object(struct rp_pdf_file *pdf, long num)
{
    if (num <= 0 || num >= pdf->size || !rp_pdf_exists(&pdf->objs[num]) ||
        pdf->objs[num].elem)
        return NULL;
    return &pdf->objs[num];
}

static bool body(struct rp_pdf_file *pdf, long num, const char **b, size_t *n)
{
    struct rp_pdf_obj *o = object(pdf, num);

    if (!o)
        return false;
    rp_pdf_body(pdf, o, b, n);
    return true;
}

/* The object's value with text inserted before its closing ">>". */
static void append_to_dict(struct rp_pdf_file *pdf, int num, const char *text)
{
    struct rp_pdf_obj *o = &pdf->objs[num];
    const char *b;
    size_t n;
    GString *g;

    rp_pdf_body(pdf, o, &b, &n);
    g = g_string_new_len(b, (gssize)n);
    while (g->len >= 2 && strcmp(g->str + g->len - 2, ">>") != 0)
        g_string_truncate(g, g->len - 1);
    if (g->len >= 2)
        g_string_insert(g, (gssize)g->len - 2, text);
    if (o->body)
        g_string_free(o->body, TRUE);
    o->body = g;
}

/* The fonts of resources [b, b + n): their code widths. */
static bool read_fonts(struct rp_pdf_file *pdf, const char *b, size_t n)
{
    struct rp_pdf_tree *t = pdf->tree;
    const char *from, *to, *p;

    if (!dict_of(b, n, "/Font", &from, &to))
        return true;
    for (p = from; p < to; p++) {
        const char *name, *fb;
        size_t fn;
        char *q;
        long num;
        int width;
        gpointer had;
        char *key;

        if (*p != '/')
            continue;
        name = ++p;
        while (p < to && *p != ' ' && *p != '/' && *p != '\n')
            p++;
        num = strtol(p, &q, 10);
        if (q == p || !body(pdf, num, &fb, &fn))
            return false;
        width = rp_pdf_find(fb, fn, "/Subtype /Type0") ? 2 : 1;
        key = g_strndup(name, (gsize)(p - name));
        had = g_hash_table_lookup(t->widths, key);
        if (had && GPOINTER_TO_INT(had) != width) {
            g_free(key);
            return false;
        }
        g_hash_table_insert(t->widths, key, GINT_TO_POINTER(width));
        p = q;
    }
    return true;
}

/* Cairo 1.16 names an image once per time a page draws it: the
 * resources' /XObject dictionary is written again with each name once. */
static void dedupe_xobjects(struct rp_pdf_file *pdf, int num)
{
    const char *b, *from, *to, *p;
    size_t n;
    GHashTable *seen;
    GString *out;
    bool dup = false;

    if (!body(pdf, num, &b, &n) || !dict_of(b, n, "/XObject", &from, &to))
        return;
    seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    out = g_string_new_len(b, from - b);
    for (p = from; p < to;) {
        const char *start = p, *name;
        char *key;

        while (p < to && *p != '/')
            p++;
        if (p >= to)
            break;
        name = p++;
        while (p < to && *p != ' ' && *p != '/' && *p != '\n')
            p++;
        key = g_strndup(name, (gsize)(p - name));
        while (p < to && *p != '/')
            p++;
        (void)start;
        if (g_hash_table_contains(seen, key)) {
            dup = true;
            g_free(key);
            continue;
        }
        g_hash_table_add(seen, key);
        g_string_append_len(out, name, p - name);
    }
    g_string_append_len(out, to, (gssize)(b + n - to));
    g_hash_table_destroy(seen);
    if (dup) {
        struct rp_pdf_obj *o = &pdf->objs[num];
        if (o->body)
            g_string_free(o->body, TRUE);
        o->body = out;
    } else {
        g_string_free(out, TRUE);
    }
}

static bool read_page(struct rp_pdf_file *pdf, struct page *pg, int index)
{
    const char *b, *rb, *from, *to;
    size_t n, rn;
    long contents, resources;
    guint i;

    if (!body(pdf, pg->num, &b, &n) || rp_pdf_find(b, n, "/Type /Pages"))
        return false;
    contents = (long)rp_pdf_number_after(b, n, "/Contents ");
    if (!object(pdf, contents) || !pdf->objs[contents].content)
        return false;
    pdf->objs[contents].page = index;
    pg->key = (int)rp_pdf_number_after(b, n, "/StructParents ");
    resources = (long)rp_pdf_number_after(b, n, "/Resources ");
    if (!body(pdf, resources, &rb, &rn) || !read_fonts(pdf, rb, rn))
        return false;
    dedupe_xobjects(pdf, (int)resources);
    pg->annots = g_array_new(FALSE, FALSE, sizeof(int));
    pg->a_keys = g_array_new(FALSE, FALSE, sizeof(int));
    pg->mcids = g_array_new(FALSE, FALSE, sizeof(struct rp_mcid));
    if (array_of(b, n, "/Annots", &from, &to))
        refs(from, to, pg->annots);
    for (i = 0; i < pg->annots->len; i++) {
        const char *ab;
        size_t an;
        int key;
        if (!body(pdf, g_array_index(pg->annots, int, i), &ab, &an))
            return false;
        key = (int)rp_pdf_number_after(ab, an, "/StructParent ");
        if (key < 0 || !rp_pdf_find(ab, an, "/Subtype /Link"))
            return false;
        g_array_append_val(pg->a_keys, key);
    }
    return true;
}

static void escape_name(GString *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 33 || c > 126 || strchr("()<>[]{}/%#", c))
            g_string_append_printf(out, "#%02x", c);
        else
            g_string_append_c(out, (char)c);
    }
}

/* A text string: printable ASCII as it is, else UTF-16BE with its byte
 * order mark, in hex. */
static void text_string(GString *out, const char *utf8)
{
    glong n = 0, i;
    gunichar2 *u;
    const char *c;

    for (c = utf8; *c >= 32 && *c < 127; c++)
        ;
    if (!*c) {
        g_string_append_c(out, '(');
        for (c = utf8; *c; c++) {
            if (*c == '(' || *c == ')' || *c == '\\')
                g_string_append_c(out, '\\');
            g_string_append_c(out, *c);
        }
        g_string_append_c(out, ')');
        return;
    }
    u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    g_string_append(out, "<FEFF");
    for (i = 0; u && i < n; i++)
        g_string_append_printf(out, "%04X", u[i]);
    g_string_append_c(out, '>');
    g_free(u);
}

bool rp_pdf_tree_prepare(struct rp_pdf_file *pdf,
                         const struct rp_pdf_structure *st)
{
    struct rp_pdf_tree *t = rp_xcalloc(1, sizeof(*t));
    GArray *kids = g_array_new(FALSE, FALSE, sizeof(int));
    const char *b, *from, *to;
    size_t n, e, n_objs = 0;
    long root, pages;
    int i, max_key = -1;
    bool ok = false;
    GString *cat;

    pdf->tree = t;
    t->st = st;
    t->widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    root = strtol(pdf->trailer_root, NULL, 10);
    if (!body(pdf, root, &b, &n) || rp_pdf_find(b, n, "/StructTreeRoot"))
        goto out;
    pages = (long)rp_pdf_number_after(b, n, "/Pages ");
    if (!body(pdf, pages, &b, &n) || !array_of(b, n, "/Kids", &from, &to))
        goto out;
    refs(from, to, kids);
    t->n_pages = (int)kids->len;
    t->pages = rp_xcalloc(kids->len + 1, sizeof(*t->pages));
    for (i = 0; i < t->n_pages; i++) {
        struct page *pg = &t->pages[i];
        guint k;
        pg->num = g_array_index(kids, int, i);
        if (!read_page(pdf, pg, i))
            goto out;
        max_key = MAX(max_key, pg->key);
        for (k = 0; k < pg->a_keys->len; k++)
            max_key = MAX(max_key, g_array_index(pg->a_keys, int, k));
    }
    t->next_key = max_key + 1;
    for (i = 0; i < t->n_pages; i++) {
        struct page *pg = &t->pages[i];
        if (pg->key < 0) {
            char text[48];
            pg->key = t->next_key++;
            snprintf(text, sizeof(text), " /StructParents %d ", pg->key);
            append_to_dict(pdf, pg->num, text);
        }
    }
    /* The objects to come, numbered now: the catalog points at the
     * root, and the page content written next names the elements. */
    t->roles = rp_xcalloc(st->n_elems + 1, sizeof(*t->roles));
    t->num = rp_xcalloc(st->n_elems + 1, sizeof(*t->num));
    for (e = 0; e < st->n_elems; e++)
        n_objs += st->elems[e].continues < 0;
    rp_pdf_reserve(pdf, n_objs + 2);
    t->root = rp_pdf_add(pdf, g_string_new(NULL));
    t->parent_tree = rp_pdf_add(pdf, g_string_new(NULL));
    for (e = 0; e < st->n_elems; e++) {
        t->roles[e] = st->elems[e].role;
        if (st->elems[e].continues < 0) {
            struct rp_pdf_obj *o;
            t->num[e] = rp_pdf_add(pdf, NULL);
            o = &pdf->objs[t->num[e]];
            o->elem = true;
            o->elem_index = (int)e;
        }
    }
    cat = g_string_new(NULL);
    g_string_append_printf(cat,
                           " /StructTreeRoot %d 0 R /MarkInfo << /Marked "
                           "true >> /ViewerPreferences << /DisplayDocTitle "
                           "true >>",
                           t->root);
    if (st->lang && *st->lang) {
        g_string_append(cat, " /Lang ");
        text_string(cat, st->lang);
    }
    g_string_append_c(cat, ' ');
    append_to_dict(pdf, (int)root, cat->str);
    g_string_free(cat, TRUE);
    ok = true;
out:
    g_array_free(kids, TRUE);
    return ok;
}

static int font_width(void *ctx, const char *name, size_t len)
{
    struct rp_pdf_tree *t = ctx;
    char *key = g_strndup(name, len);
    gpointer w = g_hash_table_lookup(t->widths, key);

    g_free(key);
    return GPOINTER_TO_INT(w);
}

bool rp_pdf_tree_content(struct rp_pdf_file *pdf, int page, const char *raw,
                         size_t n, GString *out)
{
    struct rp_pdf_tree *t = pdf->tree;
    const struct rp_mark_seg *counted;
    struct rp_mark_seg *segs;
    size_t n_segs, i;
    bool ok;

    if (page < 0 || page >= t->n_pages)
        return false;
    counted = rp_marks_page(t->st->marks, page, &n_segs);
    /* Cairo marks an element's content only while it has no child (as
     * far as the page shows): the rest is no element's. */
    segs = g_memdup2(counted, n_segs * sizeof(*segs));
    for (i = 0; i < n_segs; i++) {
        int kid_page =
            segs[i].elem >= 0 && (size_t)segs[i].elem < t->st->n_elems
                ? t->st->elems[segs[i].elem].kid_page
                : -1;
        if (segs[i].owner < 0 || (kid_page >= 0 && kid_page <= page))
            segs[i].owner = -1;
    }
    ok = rp_pdf_mark_content(raw, n, segs, n_segs, t->roles, font_width, t, out,
                             t->pages[page].mcids);
    g_free(segs);
    return ok;
}

void rp_pdf_tree_content_done(struct rp_pdf_file *pdf)
{
    struct rp_pdf_tree *t = pdf->tree;

    rp_marks_clear(t->st->marks);
    free(t->roles);
    t->roles = NULL;
}

/* " N", and " N 0 R" for a reference: a review writes some ten
 * thousand of them, which printf would take a tenth of the packing for. */
static void put_int(GString *g, long v)
{
    char buf[24];
    int i = (int)sizeof(buf);
    bool minus = v < 0;
    unsigned long u = minus ? 0UL - (unsigned long)v : (unsigned long)v;

    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (minus)
        buf[--i] = '-';
    buf[--i] = ' ';
    g_string_append_len(g, buf + i, (gssize)sizeof(buf) - i);
}

static void put_ref(GString *g, int num)
{
    put_int(g, num);
    g_string_append(g, " 0 R");
}

static int original(const struct rp_pdf_structure *st, int e)
{
    return st->elems[e].continues >= 0 ? st->elems[e].continues : e;
}

static int by_key(gconstpointer a, gconstpointer b)
{
    const int *x = a, *y = b;

    return (x[0] > y[0]) - (x[0] < y[0]);
}

static int by_place(const void *a, const void *b)
{
    const struct kid *x = a, *y = b;

    /* Content before the child of its place, then in the order it was
     * painted: by page, then by MCID. */
    if (x->place != y->place)
        return x->place < y->place ? -1 : 1;
    if ((x->elem >= 0) != (y->elem >= 0))
        return (x->elem >= 0) - (y->elem >= 0);
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    return (x->value > y->value) - (x->value < y->value);
}

static bool is_link(const struct rp_tag_elem *el)
{
    return !strcmp(el->role, "Link");
}

/*
 * Each Link element is the next link annotation of its page: counted in
 * counts (or, with counts NULL, put in its place in kids and keyed, the
 * annotation's /StructParent paired with the element's object).
 */
static bool link_kids(struct rp_pdf_tree *t, int *counts, int *fill,
                      GArray *keyed)
{
    const struct rp_pdf_structure *st = t->st;
    size_t e;
    int p;

    for (p = 0; p < t->n_pages; p++)
        t->pages[p].a_used = 0;
    for (e = 0; e < st->n_elems; e++) {
        struct page *pg;
        int pair[2];
        if (!is_link(&st->elems[e]))
            continue;
        p = st->elems[e].page;
        pg = p >= 0 && p < t->n_pages ? &t->pages[p] : NULL;
        if (!pg || pg->a_used >= pg->annots->len)
            return false;
        if (counts) {
            counts[e]++;
            pg->a_used++;
            continue;
        }
        t->kids[fill[e]++] = (struct kid){
            0, KID_ANNOT, p, g_array_index(pg->annots, int, pg->a_used)};
        pair[0] = g_array_index(pg->a_keys, int, pg->a_used);
        pair[1] = t->num[e];
        pg->a_used++;
        g_array_append_val(keyed, pair);
    }
    for (p = 0; p < t->n_pages; p++)
        if (t->pages[p].a_used != t->pages[p].annots->len)
            return false;
    return true;
}

/*
 * The kids of every element, counted, then each put in its place: the
 * children in the order they were begun, the marked content at its
 * place, each Link's annotation; false when the counts do not hold.
 */
static bool gather_kids(struct rp_pdf_tree *t, GArray *keyed)
{
    const struct rp_pdf_structure *st = t->st;
    int *fill = rp_xcalloc(st->n_elems + 1, sizeof(*fill));
    int *n_children = rp_xcalloc(st->n_elems + 1, sizeof(*n_children));
    size_t e, total = 0;
    int p, pass;
    guint i;
    bool ok = true;

    /* pass 0 counts into fill, pass 1 puts each kid at fill and moves it
     * on. */
    for (pass = 0; ok && pass < 2; pass++) {
        if (pass == 1) {
            t->kid_at = rp_xmalloc((st->n_elems + 1) * sizeof(*t->kid_at));
            for (e = 0; e < st->n_elems; e++) {
                t->kid_at[e] = (int)total;
                total += (size_t)fill[e];
                fill[e] = t->kid_at[e];
            }
            t->kid_at[st->n_elems] = (int)total;
            t->kids = rp_xmalloc((total + 1) * sizeof(*t->kids));
        }
        for (e = 1; e < st->n_elems; e++) {
            int parent;
            if (st->elems[e].continues >= 0 || st->elems[e].parent < 0)
                continue;
            parent = original(st, st->elems[e].parent);
            if (pass == 0)
                fill[parent]++;
            else
                t->kids[fill[parent]++] =
                    (struct kid){n_children[parent]++, (int)e, -1, -1};
        }
        for (p = 0; ok && p < t->n_pages; p++) {
            GArray *m = t->pages[p].mcids;
            for (i = 0; i < m->len; i++) {
                const struct rp_mcid *id = &g_array_index(m, struct rp_mcid, i);
                if (id->owner < 0 || (size_t)id->owner >= st->n_elems) {
                    ok = false;
                    break;
                }
                if (pass == 0)
                    fill[id->owner]++;
                else
                    t->kids[fill[id->owner]++] =
                        (struct kid){id->kids, KID_MCID, p, (int)i};
            }
        }
        ok = ok && link_kids(t, pass == 0 ? fill : NULL, fill, keyed);
    }
    for (e = 0; ok && e < st->n_elems; e++) {
        size_t n = (size_t)(t->kid_at[e + 1] - t->kid_at[e]);
        if (n > 1)
            qsort(t->kids + t->kid_at[e], n, sizeof(*t->kids), by_place);
    }
    free(fill);
    free(n_children);
    return ok;
}

bool rp_pdf_tree_finish(struct rp_pdf_file *pdf)
{
    struct rp_pdf_tree *t = pdf->tree;
    GString *nums;
    GArray *keyed = g_array_new(FALSE, FALSE, sizeof(int) * 2);
    int p;
    guint i;
    bool ok;

    ok = gather_kids(t, keyed);
    /* The parent tree: each page's MCIDs, each link's annotation. */
    for (p = 0; ok && p < t->n_pages; p++) {
        int pair[2] = {t->pages[p].key, -1 - p};
        g_array_append_val(keyed, pair);
    }
    g_array_sort(keyed, by_key);
    nums = g_string_new("<< /Nums [");
    for (i = 0; ok && i < keyed->len; i++) {
        const int *pair = &g_array_index(keyed, int, 2 * i);
        put_int(nums, pair[0]);
        if (pair[1] >= 0) {
            put_ref(nums, pair[1]);
        } else {
            GArray *m = t->pages[-1 - pair[1]].mcids;
            guint j;
            g_string_append(nums, " [");
            for (j = 0; j < m->len; j++) {
                int owner = g_array_index(m, struct rp_mcid, j).owner;
                put_ref(nums, t->num[owner]);
            }
            g_string_append(nums, " ]");
        }
    }
    if (ok) {
        g_string_append(nums, " ] >>");
        g_string_free(pdf->objs[t->parent_tree].body, TRUE);
        pdf->objs[t->parent_tree].body = nums;
        nums = NULL;
        g_string_printf(pdf->objs[t->root].body,
                        "<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 "
                        "R /ParentTreeNextKey %d >>",
                        t->num[0], t->parent_tree, t->next_key);
        /* The pages' MCIDs are in the parent tree and the kids now. */
        for (p = 0; p < t->n_pages; p++) {
            g_array_free(t->pages[p].mcids, TRUE);
            t->pages[p].mcids = NULL;
        }
    }
    if (nums)
        g_string_free(nums, TRUE);
    g_array_free(keyed, TRUE);
    return ok;
}

void rp_pdf_tree_write(const struct rp_pdf_file *pdf, int e, GString *g)
{
    const struct rp_pdf_tree *t = pdf->tree;
    const struct rp_pdf_structure *st = t->st;
    const struct rp_tag_elem *el = &st->elems[e];
    const struct kid *kids = t->kids + t->kid_at[e], *c;
    size_t n = (size_t)(t->kid_at[e + 1] - t->kid_at[e]), i;
    int parent, page;

    parent = el->parent < 0 ? t->root : t->num[original(st, el->parent)];
    g_string_append(g, "<< /Type /StructElem /S /");
    escape_name(g, el->role);
    g_string_append(g, " /P");
    put_ref(g, parent);
    /* Content on one page (mostly): the element says which, and its
     * MCIDs are plain numbers; else each names its page. */
    page = -1;
    for (i = 0; i < n; i++) {
        c = &kids[i];
        if (c->elem == KID_MCID && page != -2)
            page = page == -1 || page == c->page ? c->page : -2;
    }
    if (page >= 0) {
        g_string_append(g, " /Pg");
        put_ref(g, t->pages[page].num);
    }
    g_string_append(g, " /K [");
    for (i = 0; i < n; i++) {
        c = &kids[i];
        if (c->elem >= 0) {
            put_ref(g, t->num[c->elem]);
        } else if (c->elem == KID_ANNOT) {
            g_string_append(g, " << /Type /OBJR /Obj");
            put_ref(g, c->value);
            g_string_append(g, " /Pg");
            put_ref(g, t->pages[c->page].num);
            g_string_append(g, " >>");
        } else if (page >= 0) {
            put_int(g, c->value);
        } else {
            g_string_append(g, " << /Type /MCR /Pg");
            put_ref(g, t->pages[c->page].num);
            g_string_append(g, " /MCID");
            put_int(g, c->value);
            g_string_append(g, " >>");
        }
    }
    g_string_append(g, " ]");
    if (el->alt && !strcmp(el->role, "Figure")) {
        g_string_append(g, " /Alt ");
        text_string(g, el->alt);
    }
    if (!strcmp(el->role, "TH"))
        g_string_append(g, " /A << /O /Table /Scope /Column >>");
    g_string_append(g, " >>");
}

void rp_pdf_tree_free(struct rp_pdf_file *pdf)
{
    struct rp_pdf_tree *t = pdf->tree;
    int p;

    if (!t)
        return;
    for (p = 0; p < t->n_pages; p++) {
        if (t->pages[p].mcids)
            g_array_free(t->pages[p].mcids, TRUE);
        if (t->pages[p].annots)
            g_array_free(t->pages[p].annots, TRUE);
        if (t->pages[p].a_keys)
            g_array_free(t->pages[p].a_keys, TRUE);
    }
    free(t->pages);
    free(t->kid_at);
    free(t->kids);
    free(t->roles);
    free(t->num);
    g_hash_table_destroy(t->widths);
    free(t);
    pdf->tree = NULL;
}
