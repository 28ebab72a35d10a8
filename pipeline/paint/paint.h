/*
 * Paint: the area tree onto paper.  A PDF painter draws each page with
 * Cairo as layout hands it over (so no page outlives its painting) and
 * writes the file through a temporary that is renamed into place only
 * when the document is complete.  The text dump prints the same pages as
 * diffable text, the oracle of layout tests.
 *
 * paint sees only the area tree (layout/layout.h), never FO or XML.
 *
 * Ownership: rp_paint_pdf_open() returns a painter that exactly one of
 * rp_paint_pdf_close() or rp_paint_pdf_abort() frees.
 */
#ifndef RP_PAINT_H
#define RP_PAINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "layout/layout.h"

struct rp_pdf_info {
    const char *title;  /* may be NULL */
    const char *author; /* may be NULL */
    const char *subject;
    const char *keywords;
    /* The document's language ("en", "en-US"), or NULL. */
    const char *lang;
    /*
     * Creation date, Unix seconds.  Callers pass SOURCE_DATE_EPOCH when it
     * is set, so identical input gives byte-identical PDFs.
     */
    int64_t created;
    /*
     * Tag with Cairo's structure tags (slow: a fifth of a review's
     * rendering) instead of counting marked content and writing the
     * structure ourselves.  rp_paint_pdf_close() asks for this when the
     * counts did not hold.
     */
    bool cairo_tags;
};

/* One entry of the PDF outline (bookmarks). */
struct rp_pdf_outline {
    const char *title;
    const char *dest; /* a destination name (an id), or NULL */
    const char *uri;  /* an external target, or NULL */
    int parent;       /* index of the parent entry, or -1 at the top */
    bool open;        /* children shown */
};

struct rp_painter;

enum rp_status rp_paint_pdf_open(const char *path,
                                 const struct rp_pdf_info *info,
                                 struct rp_painter **out,
                                 struct rp_error *err) RP_MUST_CHECK;
enum rp_status rp_paint_page(struct rp_painter *painter,
                             const struct rp_area_page *page,
                             struct rp_error *err) RP_MUST_CHECK;
/*
 * The outline to write when the document is finished (copied).  Entries
 * whose destination no page defined point at the first page, with a
 * warning.
 */
void rp_paint_pdf_set_outline(struct rp_painter *painter,
                              const struct rp_pdf_outline *entries, size_t n);
/*
 * Finishes the PDF and renames it into place; frees painter.  *again
 * true (status RP_OK): the marked content could not be written without
 * Cairo's structure tags, nothing was put in place, and the document is
 * to be painted again with cairo_tags.
 */
enum rp_status rp_paint_pdf_close(struct rp_painter *painter, bool *again,
                                  struct rp_error *err) RP_MUST_CHECK;
/* Discards the partial PDF; frees painter.  NULL is fine. */
void rp_paint_pdf_abort(struct rp_painter *painter);

/* Adapter: a layout sink that paints into painter. */
struct rp_layout_sink rp_paint_sink(struct rp_painter *painter);

/* Text dump of one page (items in painting order, 2 decimals). */
void rp_paint_dump_page(FILE *out, const struct rp_area_page *page);
/* A layout sink that dumps every page to out (a FILE *). */
struct rp_layout_sink rp_paint_dump_sink(FILE *out);

#endif
