/*
 * Inside the paint stage: what its files share.  Not part of its public
 * face (paint.h).
 */
#ifndef RP_PAINT_INTERNAL_H
#define RP_PAINT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "paint.h"

/* Glyphs of one font and colour, waiting to be drawn together. */
struct rp_glyph_batch {
    cairo_scaled_font_t *font; /* a reference, or NULL */
    double color[3];
    cairo_glyph_t *glyphs;
    size_t n_glyphs, cap_glyphs;
    cairo_text_cluster_t *clusters;
    size_t n_clusters, cap_clusters;
    char *text;
    size_t n_text, cap_text;
};

void rp_glyph_batch_init(struct rp_glyph_batch *batch);
void rp_glyph_batch_release(struct rp_glyph_batch *batch);
/* Adds a line of text at baseline origin (x, y), or draws it with Pango
 * (after flushing) when its runs need more than plain glyphs. */
void rp_glyph_batch_line(struct rp_glyph_batch *batch, cairo_t *cr,
                         PangoLayoutLine *line, double x, double y);
/* Adds glyph runs at baseline origin (x, y). */
void rp_glyph_batch_runs(struct rp_glyph_batch *batch, cairo_t *cr,
                         const struct rp_area_run *runs, size_t n, double x,
                         double y);
/* Draws what is waiting; call before anything else is painted. */
void rp_glyph_batch_flush(struct rp_glyph_batch *batch, cairo_t *cr);

/* Draws an IMAGE item: its image in its viewport, or a placeholder
 * (image.c). */
void rp_paint_image(cairo_t *cr, const struct rp_area_item *item);
/* Draws a drawing (an SVG converted by layout) scaled to w x h, from the
 * current point of origin (drawing.c). */
void rp_paint_drawing(cairo_t *cr, const struct rp_area_drawing *drawing,
                      double w, double h);

/*
 * Marked content counted while painting (marks.c): per page, segments of
 * glyphs and painting operations, each owned by a structure element or,
 * owner -1, by no element (an artifact).  kids: how many child elements
 * the owner had when the segment began, which places its content among
 * them.  loose: the segment's painting operations were not counted (a
 * line Pango draws with decorations); it takes all painting up to the
 * next segment's first glyph.
 */
struct rp_mark_seg {
    int owner; /* the element (a continuation's: the one it continues) */
    int elem;  /* the element as Cairo would have made it */
    int kids;
    size_t glyphs;
    size_t ops;
    bool loose;
};
struct rp_marks {
    GArray *segs;          /* struct rp_mark_seg, every page's in order */
    GArray *page_first;    /* guint: each page's first segment */
    int owner, elem, kids; /* what painting goes into now */
    bool uncountable;      /* something was drawn that cannot be counted */
};
struct rp_marks *rp_marks_new(void);
void rp_marks_free(struct rp_marks *marks);
/* Counting calls on cr go to marks from now on. */
void rp_marks_attach(struct rp_marks *marks, cairo_t *cr);
void rp_marks_page_begin(struct rp_marks *marks);
void rp_marks_set_owner(struct rp_marks *marks, int owner, int elem, int kids);
/* After drawing on cr: n glyphs (show_glyphs), n painting operations
 * (fill, stroke, paint), a line Pango drew, or something whose glyphs
 * and operations nobody can say (librsvg).  No-ops without marks. */
void rp_marks_glyphs(cairo_t *cr, size_t n);
void rp_marks_ops(cairo_t *cr, size_t n);
void rp_marks_line(cairo_t *cr, PangoLayoutLine *line);
void rp_marks_uncountable(cairo_t *cr);
/* Page page's segments (0-based), *n of them. */
const struct rp_mark_seg *rp_marks_page(const struct rp_marks *marks, int page,
                                        size_t *n);
/* The segments let go of, every page's content being marked: a long
 * table has several a row.  rp_marks_page() has none after. */
void rp_marks_clear(struct rp_marks *marks);

/*
 * Page content read as statements (marked.c): each statement's operands
 * start at `at`, its operator is [op, end).  Appended to out (struct
 * rp_pdf_stmt); false for an inline image (BI ... EI holds bytes that
 * are not tokens).  artifact.c and marked.c both read content this way.
 */
struct rp_pdf_stmt {
    size_t at, op, end;
};
bool rp_pdf_statements(const char *s, size_t n, GArray *out);

/*
 * A page's content (s, n bytes, as Cairo wrote it) with the segments'
 * content wrapped in marked content (marked.c), appended to out; each
 * MCID given, from 0, appended to mcids (struct rp_mcid).  roles: the
 * BDC tag of each owner; font_width: the code width (1 or 2 bytes) of a
 * font resource name, 0 if unknown.  False when the content and the
 * segments do not agree: out is then to be dropped.
 */
struct rp_mcid {
    int owner; /* the element */
    int kids;  /* its place among the element's children (marks.c) */
};
bool rp_pdf_mark_content(const char *s, size_t n,
                         const struct rp_mark_seg *segs, size_t n_segs,
                         const char *const *roles,
                         int (*font_width)(void *ctx, const char *name,
                                           size_t len),
                         void *font_ctx, GString *out, GArray *mcids);

/*
 * Tagged PDF while painting (tags.c): the area tree's structure items as
 * Cairo tags, or, with marks, as owners of the marks' segments (the
 * elements are the same either way).  rp_tags_new begins the Document
 * element on cr; glyphs waiting in batch are drawn before any tag.
 */
struct rp_tag_elem {
    const char *role; /* static or g_intern_string */
    char *alt;        /* Figure's alternative text, or NULL */
    int continues;    /* the element this one continues, or -1 */
    int parent;       /* its parent element, -1 for Document */
    int ordinal;      /* among the parent's child elements, from 0 */
    int children;     /* child elements so far */
    int kids;         /* child elements, its continuations' counted in */
    int page;         /* the page it was begun on, from 0 */
    int kid_page;     /* the page its first child was begun on, or -1 */
};
struct rp_tags;
/* marks: NULL for Cairo's tags. */
struct rp_tags *rp_tags_new(cairo_t *cr, struct rp_glyph_batch *batch,
                            struct rp_marks *marks);
void rp_tags_free(struct rp_tags *tags);
/* The page painted from now on (0-based). */
void rp_tags_page(struct rp_tags *tags, int page);
/* A STRUCT_BEGIN or _END; span: a link comes inside this element. */
void rp_tags_item(struct rp_tags *tags, const struct rp_area_item *item,
                  bool span);
/* Whether the element on top holds a link (its text goes in Spans). */
void rp_tags_top_span(struct rp_tags *tags, bool span);
/* Enters (true) or leaves an artifact: nothing inside is structure. */
void rp_tags_artifact(struct rp_tags *tags, bool enter);
bool rp_tags_in_artifact(const struct rp_tags *tags);
/* Before a line of text: true when it was put in a Span, which
 * rp_tags_text_end closes after it. */
bool rp_tags_text_begin(struct rp_tags *tags);
void rp_tags_text_end(struct rp_tags *tags);
/* Before a link annotation (which Cairo makes a Link element). */
void rp_tags_link(struct rp_tags *tags);
/* Ends the open elements in Cairo (end of page); they go on later. */
void rp_tags_suspend(struct rp_tags *tags);
/* Ends everything, Document last. */
void rp_tags_close(struct rp_tags *tags);
/* The Cairo elements made, in Cairo's (depth-first) order. */
const struct rp_tag_elem *rp_tags_elems(const struct rp_tags *tags, size_t *n);

/*
 * What Cairo 1.16 cannot write (tagged.c): appended to the finished PDF
 * open in fp (path names it) as an incremental update: /Lang (lang may
 * be NULL), /MarkInfo, /ViewerPreferences /DisplayDocTitle, each
 * Figure's /Alt, each TH's /Scope, and every continuation merged into
 * the element it continues; and the resources of image_pages (0-based
 * page indexes) written again without the names Cairo repeats.
 */
enum rp_status rp_tagged_finish(FILE *fp, const char *path, const char *lang,
                                const struct rp_tag_elem *elems, size_t n,
                                const int *image_pages, size_t n_image_pages,
                                struct rp_error *err) RP_MUST_CHECK;

/*
 * The bytes written so far to fp (flushed), mapped read-only, and their
 * length; NULL when they cannot be.  Unmap with munmap(map, *len).
 * tagged.c and pack.c read the finished PDF back this way: qpdf and the
 * packer jump from object to object.
 */
void *rp_paint_map_written(FILE *fp, size_t *len);

/*
 * The structure to write into a PDF Cairo made without tags
 * (structure.c): the elements tags.c recorded, the segments counted
 * while painting, the document's language (NULL: none).
 */
struct rp_pdf_structure {
    const struct rp_tag_elem *elems;
    size_t n_elems;
    struct rp_marks *marks; /* cleared once every page is marked */
    const char *lang;
};

/*
 * Writes the PDF data[0 .. len) (as Cairo and rp_tagged_finish() wrote
 * it) to out with its small objects in object streams (pack.c), and with
 * structure (may be NULL) marked and written.  False when it is not such
 * a PDF, the structure's counts do not hold or out could not be written:
 * the caller keeps data as it is (or, with structure, paints again).
 */
bool rp_pdf_pack(const char *data, size_t len, FILE *out,
                 const struct rp_pdf_structure *structure);
/* The same, for data mapped by rp_paint_map_written(): what has been
 * copied is let go of (it is read from the file again if needed), so a
 * long document's bytes are not held twice, mapped and in the heap. */
bool rp_pdf_pack_mapped(const char *data, size_t len, FILE *out,
                        const struct rp_pdf_structure *structure);

/*
 * Page content s[0 .. n) with what lies outside marked content wrapped in
 * /Artifact BMC ... EMC (artifact.c); NULL when the content is not as
 * Cairo writes it.  The result is freed with g_free().
 */
char *rp_pdf_mark_artifacts(const char *s, size_t n, size_t *out_n);

#endif
