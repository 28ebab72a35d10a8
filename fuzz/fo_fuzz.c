/*
 * libFuzzer target: bytes as an XSL-FO document, read as `reportpipe
 * render` reads one (no network, no entity expansion), its properties
 * resolved (lengths, colours, expressions, shorthands) and the whole
 * document laid out to area pages, which are dropped.
 */
#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_layout_sink sink = {drop_page, NULL};
    struct rp_layout_stats stats;
    struct rp_fo_doc *doc = NULL;
    struct rp_error err;
    xmlDoc *xml;

    if (size > 16384)
        return 0;
    if (!pango)
        pango = rp_layout_context_new(); /* fonts load once, not per input */
    xml = xmlReadMemory((const char *)data, (int)size, "fuzz.fo", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    if (!xml)
        return 0;
    rp_error_init(&err);
    if (rp_fo_doc_open_xml(xml, "fuzz.fo", &doc, &err) == RP_OK)
        (void)rp_layout_run(doc, pango, &sink, &stats, &err);
    rp_fo_doc_free(doc);
    xmlFreeDoc(xml);
    return 0;
}
