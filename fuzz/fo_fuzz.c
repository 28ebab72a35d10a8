/*
 * libFuzzer target: bytes as an XSL-FO document, read as `reportpipe
 * render` reads one -- from a file, through the streaming reader and its
 * producer thread -- and, for smaller inputs, as a transform's result is
 * read (a tree in memory); its properties resolved (lengths, colours,
 * expressions, shorthands) and the whole document laid out to area
 * pages, which are dropped.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/xml.h"
#include "fo/fo.h"
#include "layout/layout.h"

static PangoContext *pango;

static enum rp_status drop_page(void *ctx, const struct rp_area_page *page,
                                struct rp_error *err)
{
    (void)ctx;
    (void)page;
    (void)err;
    return RP_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void lay_out(struct rp_fo_doc *doc)
{
    struct rp_layout_sink sink = {drop_page, NULL};
    struct rp_layout_stats stats;
    struct rp_error err;

    rp_error_init(&err);
    (void)rp_layout_run(doc, pango, &sink, &stats, &err);
    rp_fo_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[] = "/tmp/rp-fo-fuzz-XXXXXX";
    static int fd = -1;
    struct rp_fo_doc *doc = NULL;
    struct rp_error err;
    xmlDoc *xml = NULL;

    if (size > 65536)
        return 0;
    if (!pango)
        pango = rp_layout_context_new(); /* fonts load once, not per input */
    if (fd < 0 && (fd = mkstemp(path)) < 0)
        abort();
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    rp_error_init(&err);
    if (rp_fo_doc_open_file(path, NULL, &doc, &err) == RP_OK)
        lay_out(doc);
    if (size > 16384)
        return 0;
    rp_error_init(&err);
    if (rp_xml_read_memory((const char *)data, size, "fuzz.fo", &xml, &err) !=
        RP_OK)
        return 0;
    if (rp_fo_doc_open_xml(xml, "fuzz.fo", NULL, &doc, &err) == RP_OK)
        lay_out(doc);
    xmlFreeDoc(xml);
    return 0;
}
