/*
 * Render stage driver: an XSL-FO document to a PDF file in one call, the
 * three steps of the render stage (fo/ -> layout/ -> paint/) driven the
 * same way for every caller (`reportpipe render`, the batch).
 *
 * The output appears whole or not at all: paint writes a temporary file
 * that is renamed into place only when the document is complete.  Nothing
 * here reads the environment: the creation date stamped into the PDF is
 * an option, so the same FO and the same options give byte-identical
 * PDFs.
 */
#ifndef RP_RENDER_H
#define RP_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "common/error.h"

struct rp_render_options {
    /* Creation date written into the PDF metadata, Unix seconds UTC. */
    int64_t created;
    /* When not NULL, the area-tree text dump is also written here
     * (atomically, like the PDF). */
    const char *dump_path;
    /* Where images may be read from (docs/fo-subset.md, "Images"):
     * base_dir stands for the FO's own folder (default: the folder of
     * the FO file; FO from memory has none unless given, e.g. the
     * template's), assets_dir is searched after it.  NULL: none. */
    const char *base_dir;
    const char *assets_dir;
    /* An FO property value the renderer cannot use is an error rather
     * than a warning and its fallback (struct rp_fo_options). */
    bool strict;
};

struct rp_render_result {
    int pages;
};

/*
 * Renders an FO document to pdf_path: fo when not NULL (it is only read,
 * and stays the caller's; name then stands for it in messages), else the
 * file called name, streamed so memory stays flat in its length.  result
 * may be NULL.
 */
enum rp_status rp_render_fo_to_pdf(xmlDoc *fo, const char *name,
                                   const char *pdf_path,
                                   const struct rp_render_options *opt,
                                   struct rp_render_result *result,
                                   struct rp_error *err) RP_MUST_CHECK;

/*
 * The same for FO held in memory (len bytes at fo, the caller's), read
 * as a stream the way a file is: memory follows the page being laid out,
 * not the document's length, so the caller can free its tree first.
 */
enum rp_status rp_render_fo_bytes_to_pdf(const char *fo, size_t len,
                                         const char *name, const char *pdf_path,
                                         const struct rp_render_options *opt,
                                         struct rp_render_result *result,
                                         struct rp_error *err) RP_MUST_CHECK;

#endif
