/*
 * Unit tests of marker content resolved where it is retrieved: what the
 * marker's children inherit comes from the retrieve-marker, what they set
 * themselves stays, from either source (an xmlDoc, or the reader whose
 * attribute strings are gone once the next element is read).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include <libxml/parser.h>

#include "common/xml.h"
#include "fo/fo.h"

static const char marker_doc[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-size='10pt'>"
    "<fo:layout-master-set><fo:simple-page-master master-name='p'>"
    "<fo:region-body/><fo:region-before extent='20mm'/>"
    "</fo:simple-page-master></fo:layout-master-set>"
    "<fo:page-sequence master-reference='p'>"
    "<fo:static-content flow-name='xsl-region-before'>"
    "<fo:block font-size='14pt' color='red' text-align='center'>"
    "<fo:retrieve-marker retrieve-class-name='head'/></fo:block>"
    "</fo:static-content>"
    "<fo:flow flow-name='xsl-region-body'>"
    "<fo:block font-size='9pt' color='blue' text-align='start'>"
    "<fo:marker marker-class-name='head'>Text <fo:inline "
    "font-weight='bold'>bold</fo:inline><fo:block>A block</fo:block>"
    "<fo:block font-size='8pt' text-align='end' margin-left='1em' "
    "color='inherit'>Small</fo:block></fo:marker>Body</fo:block>"
    "</fo:flow></fo:page-sequence></fo:root>";

/* The page sequence's static content and flow, kept. */
struct opened {
    xmlDoc *xml;
    struct rp_fo_doc *doc;
    struct rp_fo_node *seq, *statics, *flow, *block, *marker;
};

static void opened_free(struct opened *o)
{
    rp_fo_node_free(o->marker);
    rp_fo_node_free(o->block);
    rp_fo_node_free(o->flow);
    rp_fo_node_free(o->statics);
    rp_fo_node_free(o->seq);
    rp_fo_doc_free(o->doc);
    xmlFreeDoc(o->xml);
}

/* The next child of parent, kept. */
static struct rp_fo_node *
kept_child(struct opened *o, struct rp_fo_node *parent, enum rp_fo_kind kind)
{
    struct rp_fo_node *c = NULL;
    struct rp_error err;

    rp_error_init(&err);
    do {
        assert_int_equal(rp_fo_next_child(o->doc, parent, &c, &err), RP_OK);
        assert_non_null(c);
    } while (c->kind != kind);
    rp_fo_node_keep(c);
    return c;
}

static void open_doc(struct opened *o, bool from_reader)
{
    struct rp_error err;

    memset(o, 0, sizeof(*o));
    rp_error_init(&err);
    if (from_reader) {
        assert_int_equal(rp_fo_doc_open_memory(marker_doc, strlen(marker_doc),
                                               "m.fo", NULL, &o->doc, &err),
                         RP_OK);
    } else {
        assert_int_equal(rp_xml_read_memory(marker_doc, strlen(marker_doc),
                                            "m.fo", &o->xml, &err),
                         RP_OK);
        assert_int_equal(
            rp_fo_doc_open_xml(o->xml, "m.fo", NULL, &o->doc, &err), RP_OK);
    }
    o->seq = kept_child(o, rp_fo_doc_root(o->doc), RP_FO_PAGE_SEQUENCE);
    o->statics = kept_child(o, o->seq, RP_FO_STATIC_CONTENT);
    assert_int_equal(rp_fo_materialize(o->doc, o->statics, &err), RP_OK);
    o->flow = kept_child(o, o->seq, RP_FO_FLOW);
    o->block = kept_child(o, o->flow, RP_FO_BLOCK);
    o->marker = kept_child(o, o->block, RP_FO_MARKER);
    /* As layout keeps a marker: whole, read past. */
    assert_int_equal(rp_fo_materialize(o->doc, o->marker, &err), RP_OK);
}

static void check_retrieved(bool from_reader)
{
    struct opened o;
    struct rp_error err;
    struct rp_fo_node *copy, *c;
    const struct rp_fo_node *retrieve;

    open_doc(&o, from_reader);
    retrieve = o.statics->first_child->first_child;
    assert_int_equal(retrieve->kind, RP_FO_RETRIEVE_MARKER);
    rp_error_init(&err);
    assert_int_equal(
        rp_fo_marker_resolve(o.doc, o.marker, retrieve, &copy, &err), RP_OK);

    /* Where it was defined: 9pt blue. */
    c = o.marker->first_child->next; /* the inline */
    assert_float_equal(c->props.font_size, 9, 1e-9);
    assert_float_equal(c->props.color.b, 1, 1e-9);

    c = copy->first_child; /* "Text " */
    assert_int_equal(c->kind, RP_FO_TEXT);
    assert_float_equal(c->props.font_size, 14, 1e-9);
    assert_float_equal(c->props.color.r, 1, 1e-9);
    c = c->next; /* the inline: its weight, the header's size and colour */
    assert_int_equal(c->kind, RP_FO_INLINE);
    assert_int_equal(c->props.font_weight, 700);
    assert_float_equal(c->props.font_size, 14, 1e-9);
    assert_float_equal(c->props.color.r, 1, 1e-9);
    assert_float_equal(c->props.color.b, 0, 1e-9);
    assert_float_equal(c->first_child->props.font_size, 14, 1e-9);
    c = c->next; /* a block setting nothing: all the header's */
    assert_int_equal(c->kind, RP_FO_BLOCK);
    assert_float_equal(c->props.font_size, 14, 1e-9);
    assert_int_equal(c->props.text_align, RP_FO_ALIGN_CENTER);
    assert_float_equal(c->first_child->props.color.r, 1, 1e-9);
    c = c->next; /* a block setting size, alignment and an em margin */
    assert_float_equal(c->props.font_size, 8, 1e-9);
    assert_int_equal(c->props.text_align, RP_FO_ALIGN_END);
    assert_float_equal(c->props.start_indent, 8, 1e-9);
    assert_float_equal(c->props.color.r, 1, 1e-9); /* inherit: the header's */
    assert_null(c->next);

    rp_fo_node_free(copy);
    opened_free(&o);
}

static void retrieved_content_inherits_from_retrieve_marker(void **state)
{
    (void)state;
    check_retrieved(false);
}

static void retrieved_content_from_the_reader_too(void **state)
{
    (void)state;
    check_retrieved(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(retrieved_content_inherits_from_retrieve_marker),
        cmocka_unit_test(retrieved_content_from_the_reader_too),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
