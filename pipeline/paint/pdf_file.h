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
    int page;       /* the page whose content it is (from 0), or -1 */
    size_t new_at;  /* offset in the output (not packed) */
    int stream_num; /* object stream it is in (packed) */
    int index;      /* its index there */
    GString *body;  /* a new value for the object (packed), or NULL */
};

struct rp_pdf_file {
    const char *d;
    size_t len;
    struct rp_pdf_obj *objs;
    int size; /* /Size: object numbers 0 .. size - 1 */
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
/* A new object numbered pdf->size (which grows), holding body (owned). */
int rp_pdf_add(struct rp_pdf_file *pdf, GString *body);

/*
 * The structure written by us (structure.c) around pack.c's writing:
 * prepare before any object is written (finds the pages, numbers the
 * new objects, edits catalog and pages), mark each page's content as it
 * is written (out gets the new content), finish before the object
 * streams (the elements, now that every MCID is known).  False: the PDF
 * is not as expected, or the counts did not hold.
 */
struct rp_pdf_structure;
bool rp_pdf_tree_prepare(struct rp_pdf_file *pdf,
                         const struct rp_pdf_structure *st);
bool rp_pdf_tree_content(struct rp_pdf_file *pdf, int page, const char *raw,
                         size_t n, GString *out);
bool rp_pdf_tree_finish(struct rp_pdf_file *pdf);
void rp_pdf_tree_free(struct rp_pdf_file *pdf);

#endif
