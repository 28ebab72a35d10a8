/*
 * Unit tests of the shaping cache: what it keeps and when, that it copies
 * its keys, and that shapes kept with a Pango context serve the next
 * document laid out with that context.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "fo/fo.h"
#include "layout/layout.h"
#include "layout/layout_internal.h"

static void a_key_is_kept_the_second_time_it_is_put(void **state)
{
    PangoContext *pango = rp_layout_context_new();
    PangoLayout *layout = pango_layout_new(pango);
    struct rp_shape_cache *cache = rp_shape_cache_new();
    guint8 bytes[] = "a key of a few bytes";
    struct rp_shape_key key = {bytes, sizeof(bytes)};
    PangoLayout *got;

    (void)state;
    assert_null(rp_shape_cache_get(cache, &key));
    rp_shape_cache_put(cache, &key, layout);
    assert_null(rp_shape_cache_get(cache, &key)); /* seen once: not kept */
    rp_shape_cache_put(cache, &key, layout);
    got = rp_shape_cache_get(cache, &key);
    assert_ptr_equal(got, layout);
    g_object_unref(got);
    /* The cache copied the key: the caller's buffer is the caller's. */
    bytes[0] = 'A';
    assert_null(rp_shape_cache_get(cache, &key));
    bytes[0] = 'a';
    got = rp_shape_cache_get(cache, &key);
    assert_ptr_equal(got, layout);
    g_object_unref(got);
    rp_shape_cache_free(cache);
    g_object_unref(layout);
    g_object_unref(pango);
}

#define MAX_TEXTS 64

struct texts {
    int n;
    const void *layout[MAX_TEXTS];
    char text[MAX_TEXTS][64];
};

static enum rp_status capture(void *ctx, const struct rp_area_page *page,
                              struct rp_error *err)
{
    struct texts *t = ctx;
    size_t i;

    (void)err;
    for (i = 0; i < page->n_items && t->n < MAX_TEXTS; i++) {
        const struct rp_area_item *item = &page->items[i];
        GString *text;
        if (item->kind != RP_AREA_TEXT)
            continue;
        text = g_string_new(NULL);
        rp_area_text(item, text);
        t->layout[t->n] = item->layout;
        g_strlcpy(t->text[t->n], text->str, sizeof(t->text[0]));
        t->n++;
        g_string_free(text, TRUE);
    }
    return RP_OK;
}

/* Lays out a flow of blocks with the given context (no forward
 * references: pages go straight to the sink, with their layouts). */
static void lay_out(PangoContext *pango, const char *flow, struct texts *t)
{
    GString *fo = g_string_new(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
        "font-family='DejaVu Sans' font-size='10pt'>"
        "<fo:layout-master-set><fo:simple-page-master master-name='p' "
        "page-width='400pt' page-height='400pt' margin='10pt'>"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='p'>"
        "<fo:flow flow-name='xsl-region-body'>");
    struct rp_layout_sink sink = {capture, t, false};
    struct rp_layout_stats stats;
    struct rp_fo_doc *doc = NULL;
    struct rp_error err;
    xmlDoc *xml;

    g_string_append(fo, flow);
    g_string_append(fo, "</fo:flow></fo:page-sequence></fo:root>");
    xml = xmlReadMemory(fo->str, (int)fo->len, "t.fo", NULL, 0);
    assert_non_null(xml);
    memset(t, 0, sizeof(*t));
    rp_error_init(&err);
    assert_int_equal(rp_fo_doc_open_xml(xml, "t.fo", NULL, &doc, &err), RP_OK);
    assert_int_equal(rp_layout_run(doc, pango, &sink, &stats, &err), RP_OK);
    rp_fo_doc_free(doc);
    xmlFreeDoc(xml);
    g_string_free(fo, TRUE);
}

static const void *layout_of(const struct texts *t, const char *text, int nth)
{
    int i;

    for (i = 0; i < t->n; i++) {
        if (strcmp(t->text[i], text) == 0 && nth-- == 0)
            return t->layout[i];
    }
    fail_msg("no %s", text);
    return NULL;
}

/* Eight runs of eight styles: a key longer than lines.c's stack buffer. */
#define MANY_RUNS                                                              \
    "<fo:block><fo:inline font-size='9pt'>a</fo:inline>"                       \
    "<fo:inline font-size='11pt'>b</fo:inline>"                                \
    "<fo:inline font-weight='bold'>c</fo:inline>"                              \
    "<fo:inline font-style='italic'>d</fo:inline>"                             \
    "<fo:inline color='#ff0000'>e</fo:inline>"                                 \
    "<fo:inline color='#00ff00'>f</fo:inline>"                                 \
    "<fo:inline letter-spacing='1pt'>g</fo:inline>"                            \
    "<fo:inline font-size='12pt'>h</fo:inline></fo:block>"

static void shapes_serve_the_next_document_of_the_context(void **state)
{
    static struct texts first, second;
    PangoContext *pango = rp_layout_context_new();

    (void)state;
    /* The second "Billing" is kept (the first is only seen). */
    lay_out(pango, "<fo:block>Billing</fo:block><fo:block>Billing</fo:block>",
            &first);
    assert_ptr_not_equal(layout_of(&first, "Billing", 0),
                         layout_of(&first, "Billing", 1));
    /* Another document, the first one freed: its shape is found. */
    lay_out(pango, "<fo:block>Billing</fo:block>" MANY_RUNS MANY_RUNS MANY_RUNS,
            &second);
    assert_ptr_equal(layout_of(&second, "Billing", 0),
                     layout_of(&first, "Billing", 1));
    /* A long key is kept and found like a short one. */
    assert_ptr_not_equal(layout_of(&second, "abcdefgh", 0),
                         layout_of(&second, "abcdefgh", 1));
    assert_ptr_equal(layout_of(&second, "abcdefgh", 2),
                     layout_of(&second, "abcdefgh", 1));
    g_object_unref(pango);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_key_is_kept_the_second_time_it_is_put),
        cmocka_unit_test(shapes_serve_the_next_document_of_the_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
