/*
 * A finished PDF as Cairo (and tagged.c) wrote it, read object by object
 * (pack.c): what pack.c and structure.c share.  Private to the paint
 * stage.
 */
#ifndef RP_PAINT_PDF_FILE_H
#define RP_PAINT_PDF_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

struct rp_pdf_obj {
    size_t at;      /* offset of "N G obj" in the input; 0: none */
    size_t end;     /* just past its "endobj" */
    int gen;        /* generation */
    bool packed;    /* goes into an object stream */
    bool content;   /* a page's content stream: marked again */
    bool elem;      /* a structure element, written when its object stream
                       is (rp_pdf_tree_write): no value is held for it */
    int page;       /* the page whose content it is (from 0), or -1 */
    int elem_index; /* which element (elem) */
    size_t new_at;  /* offset in the output (not packed) */
    int stream_num; /* object stream it is in (packed) */
    int index;      /* its index there */
    GString *body;  /* a new value for the object (packed), or NULL */
};

struct rp_pdf_file {
    const char *d;
    size_t len;
    bool mapped; /* d is a file's private mapping: pages may be let go of */
    struct rp_pdf_obj *objs;
    int size;   /* /Size: object numbers 0 .. size - 1 */
    size_t cap; /* objs allocated */
    size_t *bounds;
    size_t n_bounds, cap_bounds;
    char trailer_root[64], trailer_info[64];
    struct rp_pdf_tree *tree; /* structure to write (structure.c), or NULL */
};

/* The first needle in hay[0 .. n), or NULL. */
const char *rp_pdf_find(const char *hay, size_t n, const char *needle);
/* The number after the first key in hay[0 .. n) ("/Size 42" -> 42), or -1
 * without one. */
long long rp_pdf_number_after(const char *hay, size_t n, const char *key);
/* The object's value as read (between "obj" and "endobj", trimmed). */
void rp_pdf_body(const struct rp_pdf_file *pdf, const struct rp_pdf_obj *o,
                 const char **b, size_t *n);
/* Whether object o is one: read, or added. */
bool rp_pdf_exists(const struct rp_pdf_obj *o);
/* A new object numbered pdf->size (which grows), holding body (owned;
 * NULL for an element's, which structure.c writes). */
int rp_pdf_add(struct rp_pdf_file *pdf, GString *body);
/* Room for n more objects, allocated at once: a long table adds one per
 * structure element, and doubling would leave half of that unused. */
void rp_pdf_reserve(struct rp_pdf_file *pdf, size_t n);

/*
 * The structure written by us (structure.c) around pack.c's writing:
 * prepare before any object is written (finds the pages, numbers the
 * new objects, edits catalog and pages), mark each page's content as it
 * is written (out gets the new content), say when that is done, finish
 * before the object streams (the elements' kids and the parent tree,
 * now that every MCID is known), and write each element as its object
 * stream is written.  False: the PDF
 * is not as expected, or the counts did not hold.
 */
struct rp_pdf_structure;
bool rp_pdf_tree_prepare(struct rp_pdf_file *pdf,
                         const struct rp_pdf_structure *st);
bool rp_pdf_tree_content(struct rp_pdf_file *pdf, int page, const char *raw,
                         size_t n, GString *out);
/* Every page's content is marked: what only that needed is let go of
 * (the structure's marks are cleared). */
void rp_pdf_tree_content_done(struct rp_pdf_file *pdf);
bool rp_pdf_tree_finish(struct rp_pdf_file *pdf);
/* The value of element object elem_index (after finish), appended to
 * out: elements are written as their object stream is, so that a long
 * table's hundreds of thousands are never all held as text. */
void rp_pdf_tree_write(const struct rp_pdf_file *pdf, int elem_index,
                       GString *out);
void rp_pdf_tree_free(struct rp_pdf_file *pdf);

#endif
