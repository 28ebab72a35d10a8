/*
 * Tagged PDF, while painting: the structure items of the area tree become
 * Cairo structure tags (cairo_tag_begin/end), which Cairo turns into the
 * StructTreeRoot and marked content.
 *
 * What Cairo 1.16 does, and how we work with it:
 * - it marks content only in leaf elements: text of an element that has
 *   a child element is in no element.  A paragraph with a link (a Link
 *   element, the annotation its child) so puts its lines in Span
 *   children.
 * - an element left open over cairo_show_page() goes on; a leaf would
 *   take in the next page's header.  So the innermost open element, when
 *   it has no child element (a paragraph, a cell), is ended at the end
 *   of a page and before an artifact, and begun again (a new element, a
 *   "continuation") before the next content; tagged.c merges each
 *   continuation back into the element it continues.  Elements with
 *   children (a table, a list) mark no content and stay open.
 * - it has no Artifact tag and writes no attributes: what is not in an
 *   element is left out of the tree (our artifacts), and tagged.c writes
 *   /Alt, /A and the catalog entries.
 * - THead, TBody and TFoot are begun here around runs of rows of one
 *   part (a row knows its part; layout never sees the rows together).
 */
#include "paint_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/* An element open in the area tree. */
struct open_elem {
    const char *role; /* g_intern_string */
    const char *alt;  /* the original's, owned by elems */
    int first;        /* index of its first Cairo element, -1: none yet */
    bool begun;       /* begun in Cairo since the last suspension */
    bool part;        /* a THead/TBody/TFoot we began */
    bool span;        /* a link comes inside: text goes in Span */
};

struct rp_tags {
    cairo_t *cr;
    struct rp_glyph_batch *batch;
    struct rp_marks *marks; /* NULL: Cairo's tags */
    int page;               /* the page being painted, from 0 */
    struct open_elem *stack;
    size_t n, cap;
    int current;   /* the innermost element begun in Cairo, 0: Document */
    int artifact;  /* depth of structure items inside an artifact */
    GArray *elems; /* struct rp_tag_elem, in the order Cairo makes them */
    bool any;      /* a tag other than Document was begun */
};

struct rp_tags *rp_tags_new(cairo_t *cr, struct rp_glyph_batch *batch,
                            struct rp_marks *marks)
{
    struct rp_tags *t = rp_xcalloc(1, sizeof(*t));
    struct rp_tag_elem doc = {"Document", NULL, -1, -1, 0, 0, 0, 0, -1};

    t->cr = cr;
    t->batch = batch;
    t->marks = marks;
    t->elems = g_array_new(FALSE, FALSE, sizeof(struct rp_tag_elem));
    g_array_append_val(t->elems, doc);
    if (marks)
        rp_marks_set_owner(marks, 0, 0, 0);
    else
        cairo_tag_begin(cr, "Document", NULL);
    return t;
}

void rp_tags_page(struct rp_tags *t, int page)
{
    t->page = page;
}

void rp_tags_free(struct rp_tags *t)
{
    guint i;

    if (!t)
        return;
    for (i = 0; i < t->elems->len; i++)
        free(g_array_index(t->elems, struct rp_tag_elem, i).alt);
    g_array_free(t->elems, TRUE);
    free(t->stack);
    free(t);
}

const struct rp_tag_elem *rp_tags_elems(const struct rp_tags *t, size_t *n)
{
    *n = t->elems->len;
    return (const struct rp_tag_elem *)(void *)t->elems->data;
}

static struct rp_tag_elem *elem_at(struct rp_tags *t, int i)
{
    return &g_array_index(t->elems, struct rp_tag_elem, i);
}

/* The element a continuation continues, or i itself. */
static int original(struct rp_tags *t, int i)
{
    int c = elem_at(t, i)->continues;
    return c >= 0 ? c : i;
}

/*
 * Cairo begins element index: what is painted from here is its content,
 * until a child begins or it ends (Cairo 1.16 marks nothing else).  With
 * marks the same is counted, for the element it continues.
 */
static void tag_begin(struct rp_tags *t, const char *role, int index)
{
    if (t->marks) {
        int owner = original(t, index);
        rp_marks_set_owner(t->marks, owner, index, elem_at(t, owner)->kids);
    } else {
        cairo_tag_begin(t->cr, role, NULL);
    }
}

static void tag_end(struct rp_tags *t, const char *role)
{
    if (t->marks)
        rp_marks_set_owner(t->marks, -1, -1, 0);
    else
        cairo_tag_end(t->cr, role);
}

/* A Cairo element made now, under the current one: recorded in Cairo's
 * order, with where it is in the tree. */
static int note(struct rp_tags *t, const char *role, const char *alt,
                int continues)
{
    struct rp_tag_elem e = {role,      alt ? rp_xstrdup(alt) : NULL,
                            continues, t->current,
                            0,         0,
                            0,         t->page,
                            -1};

    if (elem_at(t, t->current)->children == 0)
        elem_at(t, t->current)->kid_page = t->page;
    e.ordinal = elem_at(t, t->current)->children++;
    if (continues < 0)
        elem_at(t, original(t, t->current))->kids++;
    g_array_append_val(t->elems, e);
    t->any = true;
    return (int)t->elems->len - 1;
}

static int record(struct rp_tags *t, const char *role, const char *alt,
                  int continues)
{
    int index;

    rp_glyph_batch_flush(t->batch, t->cr);
    index = note(t, role, alt, continues);
    tag_begin(t, role, index);
    t->current = index;
    return index;
}

/* Cairo's current element is ended: its parent is current again. */
static void ended(struct rp_tags *t)
{
    int parent = elem_at(t, t->current)->parent;
    t->current = parent < 0 ? 0 : parent;
}

void rp_tags_suspend(struct rp_tags *t)
{
    struct open_elem *top = t->n ? &t->stack[t->n - 1] : NULL;

    rp_glyph_batch_flush(t->batch, t->cr);
    if (!top || !top->begun || elem_at(t, t->current)->children > 0)
        return;
    tag_end(t, top->role);
    ended(t);
    top->begun = false;
}

/* Before content: the open elements begun in Cairo, continuing. */
static void resume(struct rp_tags *t)
{
    size_t i;

    for (i = 0; i < t->n; i++) {
        struct open_elem *o = &t->stack[i];
        int index;
        if (o->begun)
            continue;
        index = record(t, o->role, o->first < 0 ? o->alt : NULL, o->first);
        if (o->first < 0)
            o->first = index;
        o->begun = true;
    }
}

static void push(struct rp_tags *t, const char *role, const char *alt,
                 bool part)
{
    struct open_elem *o;

    rp_array_grow((void **)&t->stack, &t->cap, t->n + 1, sizeof(*t->stack));
    o = &t->stack[t->n++];
    memset(o, 0, sizeof(*o));
    o->role = g_intern_string(role);
    o->alt = alt;
    o->first = -1;
    o->part = part;
}

static void pop(struct rp_tags *t)
{
    struct open_elem *o = &t->stack[--t->n];

    if (o->begun) {
        rp_glyph_batch_flush(t->batch, t->cr);
        tag_end(t, o->role);
        ended(t);
    }
}

static const char *const part_roles[] = {"TBody", "THead", "TFoot"};

/* A row's part: begun, or changed, under its table. */
static void enter_part(struct rp_tags *t, int part)
{
    const char *role = part_roles[part >= 0 && part < 3 ? part : 0];
    struct open_elem *top = t->n ? &t->stack[t->n - 1] : NULL;

    if (top && top->part && !strcmp(top->role, role))
        return;
    if (top && top->part) {
        pop(t);
        top = t->n ? &t->stack[t->n - 1] : NULL;
    }
    if (top && !strcmp(top->role, "Table"))
        push(t, role, NULL, true);
}

bool rp_tags_in_artifact(const struct rp_tags *t)
{
    return t->artifact > 0;
}

void rp_tags_artifact(struct rp_tags *t, bool enter)
{
    if (enter) {
        if (t->artifact++ == 0)
            rp_tags_suspend(t);
    } else if (t->artifact > 0) {
        t->artifact--;
    }
}

void rp_tags_item(struct rp_tags *t, const struct rp_area_item *item, bool span)
{
    if (t->artifact > 0) {
        rp_tags_artifact(t, item->kind == RP_AREA_STRUCT_BEGIN);
        return;
    }
    if (item->kind == RP_AREA_STRUCT_BEGIN) {
        if (!strcmp(item->role, "Artifact")) {
            rp_tags_artifact(t, true);
            return;
        }
        if (!strcmp(item->role, "TR"))
            enter_part(t, item->part);
        push(t, item->role, item->alt, false);
        t->stack[t->n - 1].span = span;
        resume(t);
        return;
    }
    /* Layout ends only what it began: the table's last part ends with
     * the table. */
    if (t->n > 0 && t->stack[t->n - 1].part)
        pop(t);
    if (t->n > 0)
        pop(t);
}

void rp_tags_top_span(struct rp_tags *t, bool span)
{
    if (t->n > 0)
        t->stack[t->n - 1].span = span;
}

bool rp_tags_text_begin(struct rp_tags *t)
{
    if (t->artifact > 0)
        return false;
    resume(t);
    if (t->n == 0 || !t->stack[t->n - 1].span)
        return false;
    record(t, "Span", NULL, -1);
    return true;
}

void rp_tags_text_end(struct rp_tags *t)
{
    rp_glyph_batch_flush(t->batch, t->cr);
    tag_end(t, "Span");
    ended(t);
}

void rp_tags_link(struct rp_tags *t)
{
    /* Cairo makes every link annotation a Link element, also in an
     * artifact (then under what is open). */
    if (t->artifact == 0)
        resume(t);
    rp_glyph_batch_flush(t->batch, t->cr);
    note(t, "Link", NULL, -1);
    /* Cairo's Link tag ends what was marked: so do the marks. */
    if (t->marks)
        rp_marks_set_owner(t->marks, -1, -1, 0);
}

void rp_tags_close(struct rp_tags *t)
{
    while (t->n > 0)
        pop(t);
    tag_end(t, "Document");
}
