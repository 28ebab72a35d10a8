/*
 * For layout's unit tests: an FO document's text laid out into a sink,
 * read either from a file (written, streamed, removed) or from an
 * in-memory xmlDoc, the two sources layout must treat alike.  Include
 * after cmocka.h.
 */
#ifndef RP_LAYOUT_TEST_LAYOUT_H
#define RP_LAYOUT_TEST_LAYOUT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <libxml/parser.h>

#include "fo/fo.h"
#include "layout/layout.h"

/* Lays text out into sink; *pages gets the pages layout counted. */
static inline enum rp_status
rp_test_layout_text(const char *text, bool from_file,
                    const struct rp_layout_sink *sink, int *pages,
                    struct rp_error *err)
{
    char path[] = "/tmp/layout_test_XXXXXX";
    struct rp_fo_doc *fo = NULL;
    struct rp_layout_stats stats = {0};
    PangoContext *pango = rp_layout_context_new();
    enum rp_status status;
    xmlDoc *doc = NULL;

    rp_error_init(err);
    if (from_file) {
        int fd = mkstemp(path);
        FILE *fp = fdopen(fd, "w");
        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
        status = rp_fo_doc_open_file(path, NULL, &fo, err);
    } else {
        doc = xmlReadMemory(text, (int)strlen(text), "t.fo", NULL, 0);
        assert_non_null(doc);
        status = rp_fo_doc_open_xml(doc, "t.fo", NULL, &fo, err);
    }
    if (status == RP_OK)
        status = rp_layout_run(fo, pango, sink, &stats, err);
    *pages = stats.pages;
    rp_fo_doc_free(fo);
    if (doc)
        xmlFreeDoc(doc);
    if (from_file)
        unlink(path);
    g_object_unref(pango);
    return status;
}

#endif
