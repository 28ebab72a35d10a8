/* Unit tests of FO property values: lengths, colours, shorthands. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include <libxml/parser.h>

#include "common/xml.h"
#include "fo/fo.h"

static void lengths_convert_every_unit_to_points(void **state)
{
    double pt;
    (void)state;
    /* Far beyond any page: refused, not carried into Pango's integers. */
    assert_true(rp_fo_parse_length("100000pt", 12, &pt));
    assert_false(rp_fo_parse_length("100001pt", 12, &pt));
    assert_false(rp_fo_parse_length("-5e40pt", 12, &pt));
    assert_true(rp_fo_parse_length("72pt", 12, &pt));
    assert_float_equal(pt, 72.0, 1e-9);
    assert_true(rp_fo_parse_length("1in", 12, &pt));
    assert_float_equal(pt, 72.0, 1e-9);
    assert_true(rp_fo_parse_length("25.4mm", 12, &pt));
    assert_float_equal(pt, 72.0, 1e-9);
    assert_true(rp_fo_parse_length("2.54cm", 12, &pt));
    assert_float_equal(pt, 72.0, 1e-9);
    assert_true(rp_fo_parse_length("6pc", 12, &pt));
    assert_float_equal(pt, 72.0, 1e-9);
    assert_true(rp_fo_parse_length("1.5em", 10, &pt));
    assert_float_equal(pt, 15.0, 1e-9);
    assert_true(rp_fo_parse_length(" -3pt ", 10, &pt));
    assert_float_equal(pt, -3.0, 1e-9);
    assert_true(rp_fo_parse_length("0", 10, &pt));
    assert_float_equal(pt, 0.0, 1e-9);
}

static void lengths_reject_garbage(void **state)
{
    double pt;
    (void)state;
    assert_false(rp_fo_parse_length("12", 10, &pt)); /* unit required */
    assert_false(rp_fo_parse_length("12furlongs", 10, &pt));
    assert_false(rp_fo_parse_length("pt", 10, &pt));
    assert_false(rp_fo_parse_length("", 10, &pt));
    assert_false(rp_fo_parse_length("infpt", 10, &pt));
    assert_false(rp_fo_parse_length("nanpt", 10, &pt));
}

static void colors_parse_hex_names_and_rgb(void **state)
{
    struct rp_fo_color c;
    (void)state;
    assert_true(rp_fo_parse_color("#1f3a5f", &c));
    assert_float_equal(c.r, 0x1f / 255.0, 1e-9);
    assert_float_equal(c.b, 0x5f / 255.0, 1e-9);
    assert_float_equal(c.a, 1.0, 1e-9);
    assert_true(rp_fo_parse_color("#fff", &c));
    assert_float_equal(c.g, 1.0, 1e-9);
    assert_true(rp_fo_parse_color("red", &c));
    assert_float_equal(c.r, 1.0, 1e-9);
    assert_float_equal(c.g, 0.0, 1e-9);
    assert_true(rp_fo_parse_color("rgb(0, 128, 255)", &c));
    assert_float_equal(c.g, 128 / 255.0, 1e-9);
    assert_true(rp_fo_parse_color("transparent", &c));
    assert_float_equal(c.a, 0.0, 1e-9);
    assert_false(rp_fo_parse_color("#12345", &c));
    assert_false(rp_fo_parse_color("rgb(1,2)", &c));
    assert_false(rp_fo_parse_color("blurple", &c));
    /* The CSS names and forms the shared parser (common/color.c) reads;
     * opaque or transparent only: text is painted opaque. */
    assert_true(rp_fo_parse_color("CornflowerBlue", &c));
    assert_float_equal(c.r, 0x64 / 255.0, 1e-9);
    assert_true(rp_fo_parse_color("#ff000000", &c));
    assert_float_equal(c.a, 0.0, 1e-9);
    assert_true(rp_fo_parse_color("rgba(0, 0, 255, 1)", &c));
    assert_float_equal(c.b, 1.0, 1e-9);
    assert_false(rp_fo_parse_color("rgba(0, 0, 255, 0.5)", &c));
    assert_false(rp_fo_parse_color("#f008", &c));
}

static const char fo_head[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>"
    "<fo:layout-master-set><fo:simple-page-master master-name='p'>"
    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
    "<fo:page-sequence master-reference='p'><fo:flow "
    "flow-name='xsl-region-body'>";
static const char fo_tail[] = "</fo:flow></fo:page-sequence></fo:root>";

/* An opened FO document and the flow of its first page sequence. */
struct parsed {
    xmlDoc *xml;
    struct rp_fo_doc *doc;
    struct rp_fo_node *seq, *flow;
};

static void parsed_free(struct parsed *p)
{
    rp_fo_node_free(p->flow);
    rp_fo_node_free(p->seq);
    rp_fo_doc_free(p->doc);
    xmlFreeDoc(p->xml);
}

/*
 * Parses a flow body; on success *block is the flow's first child and p
 * holds what parsed_free() releases.  On failure returns false.
 */
static bool parse_flow(const char *body, struct parsed *p,
                       const struct rp_fo_node **block, struct rp_error *err)
{
    char doc_text[4096];
    struct rp_fo_node *root;

    memset(p, 0, sizeof(*p));
    snprintf(doc_text, sizeof(doc_text), "%s%s%s", fo_head, body, fo_tail);
    rp_error_init(err);
    assert_int_equal(
        rp_xml_read_memory(doc_text, strlen(doc_text), "test.fo", &p->xml, err),
        RP_OK);
    if (rp_fo_doc_open_xml(p->xml, "test.fo", &p->doc, err) != RP_OK)
        goto fail;
    root = rp_fo_doc_root(p->doc);
    if (rp_fo_next_child(p->doc, root, &p->seq, err) != RP_OK)
        goto fail;
    assert_int_equal(p->seq->kind, RP_FO_PAGE_SEQUENCE);
    rp_fo_node_keep(p->seq);
    if (rp_fo_next_child(p->doc, p->seq, &p->flow, err) != RP_OK)
        goto fail;
    assert_int_equal(p->flow->kind, RP_FO_FLOW);
    rp_fo_node_keep(p->flow);
    if (rp_fo_materialize(p->doc, p->flow, err) != RP_OK)
        goto fail;
    *block = p->flow->first_child;
    return true;
fail:
    parsed_free(p);
    return false;
}

static void shorthands_expand_to_four_sides(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok =
        parse_flow("<fo:block margin='1pt 2pt 3pt' padding='4pt 5pt' "
                   "border='2pt dashed #00ff00' border-left='1pt solid blue'>x"
                   "</fo:block>",
                   &parsed, &b, &err);
    (void)state;
    assert_true(ok);
    assert_float_equal(b->props.margin[RP_FO_TOP], 1, 1e-9);
    assert_float_equal(b->props.margin[RP_FO_RIGHT], 2, 1e-9);
    assert_float_equal(b->props.margin[RP_FO_BOTTOM], 3, 1e-9);
    assert_float_equal(b->props.margin[RP_FO_LEFT], 2, 1e-9);
    assert_float_equal(b->props.padding[RP_FO_TOP], 4, 1e-9);
    assert_float_equal(b->props.padding[RP_FO_LEFT], 5, 1e-9);
    assert_int_equal(b->props.border[RP_FO_TOP].style, RP_FO_BORDER_DASHED);
    assert_float_equal(b->props.border[RP_FO_TOP].width, 2, 1e-9);
    assert_float_equal(b->props.border[RP_FO_TOP].color.g, 1, 1e-9);
    assert_int_equal(b->props.border[RP_FO_LEFT].style, RP_FO_BORDER_SOLID);
    assert_float_equal(b->props.border[RP_FO_LEFT].color.b, 1, 1e-9);
    /* start-indent = margin + border + padding (XSL 5.3.2). */
    assert_float_equal(b->props.start_indent, 2 + 1 + 5, 1e-9);
    /* margin-top and -bottom act as space-before and -after. */
    assert_float_equal(b->props.space_before, 1, 1e-9);
    assert_float_equal(b->props.space_after, 3, 1e-9);
    parsed_free(&parsed);
}

/* Parsed shorthands are reused per document: em must follow the font size. */
static void repeated_shorthands_follow_each_font_size(void **state)
{
    const struct rp_fo_node *small, *large, *again;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow("<fo:block font-size='10pt' padding='1em 2pt' "
                         "border-bottom='0.1em solid red'>x</fo:block>"
                         "<fo:block font-size='20pt' padding='1em 2pt' "
                         "border-bottom='0.1em solid red'>x</fo:block>"
                         "<fo:block font-size='10pt' padding='1em 2pt' "
                         "border-bottom='0.1em solid red'>x</fo:block>",
                         &parsed, &small, &err);
    (void)state;
    assert_true(ok);
    large = small->next;
    again = large->next;
    assert_float_equal(small->props.padding[RP_FO_TOP], 10, 1e-9);
    assert_float_equal(small->props.padding[RP_FO_LEFT], 2, 1e-9);
    assert_float_equal(small->props.border[RP_FO_BOTTOM].width, 1, 1e-9);
    assert_float_equal(large->props.padding[RP_FO_TOP], 20, 1e-9);
    assert_float_equal(large->props.border[RP_FO_BOTTOM].width, 2, 1e-9);
    assert_float_equal(again->props.padding[RP_FO_TOP], 10, 1e-9);
    assert_float_equal(again->props.border[RP_FO_BOTTOM].width, 1, 1e-9);
    assert_float_equal(again->props.border[RP_FO_BOTTOM].color.r, 1, 1e-9);
    assert_int_equal(again->props.border[RP_FO_TOP].style, RP_FO_BORDER_NONE);
    parsed_free(&parsed);

    /* A value that failed once fails again: errors are never remembered. */
    ok = parse_flow("<fo:block border='1pt solid red'/>"
                    "<fo:block border='1pt solid reed'/>",
                    &parsed, &small, &err);
    assert_false(ok);
    assert_string_equal(err.field, "border");
}

static void inherited_properties_flow_down(void **state)
{
    const struct rp_fo_node *outer, *inner;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow(
        "<fo:block font-size='20pt' color='red' font-weight='bold' "
        "space-before='5pt' line-height='1.5'><fo:block font-size='50%'>x"
        "</fo:block></fo:block>",
        &parsed, &outer, &err);
    (void)state;
    assert_true(ok);
    inner = outer->first_child;
    assert_int_equal(inner->kind, RP_FO_BLOCK);
    assert_float_equal(inner->props.font_size, 10, 1e-9);
    assert_int_equal(inner->props.font_weight, 700);
    assert_float_equal(inner->props.color.r, 1, 1e-9);
    /* space-before is not inherited. */
    assert_float_equal(inner->props.space_before, 0, 1e-9);
    /* A numeric line-height scales with the child's font size. */
    assert_float_equal(outer->props.line_height, 30, 1e-9);
    assert_float_equal(inner->props.line_height, 15, 1e-9);
    parsed_free(&parsed);
}

static void invalid_value_names_line_and_property(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow("\n<fo:block space-before='lots'>x</fo:block>",
                         &parsed, &b, &err);
    (void)state;
    assert_false(ok);
    assert_int_equal(err.status, RP_ERR_INPUT);
    assert_string_equal(err.file, "test.fo");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "space-before");
    assert_non_null(strstr(err.message, "'lots'"));
}

static void unknown_elements_are_skipped_not_fatal(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow("<fo:block>a<fo:float>skipped</fo:float>b</fo:block>",
                         &parsed, &b, &err);
    (void)state;
    assert_true(ok);
    /* Two text nodes: the float and its content are gone. */
    assert_int_equal(b->first_child->kind, RP_FO_TEXT);
    assert_string_equal(b->first_child->text, "a");
    assert_string_equal(b->first_child->next->text, "b");
    assert_null(b->first_child->next->next);
    parsed_free(&parsed);
}

static void column_widths_keep_their_kind(void **state)
{
    const struct rp_fo_node *t, *c;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow(
        "<fo:table width='80%'><fo:table-column column-width='30mm'/>"
        "<fo:table-column column-width='proportional-column-width(2)' "
        "number-columns-repeated='3'/><fo:table-body><fo:table-row>"
        "<fo:table-cell number-columns-spanned='2'><fo:block/>"
        "</fo:table-cell></fo:table-row></fo:table-body></fo:table>",
        &parsed, &t, &err);
    (void)state;
    assert_true(ok);
    assert_int_equal(t->props.width.kind, RP_FO_LENGTH_PERCENT);
    assert_float_equal(t->props.width.value, 80, 1e-9);
    c = t->first_child;
    assert_int_equal(c->props.column_width.kind, RP_FO_LENGTH_ABSOLUTE);
    assert_float_equal(c->props.column_width.value, 30 * 72 / 25.4, 1e-9);
    c = c->next;
    assert_int_equal(c->props.column_width.kind, RP_FO_LENGTH_PROPORTIONAL);
    assert_int_equal(c->props.columns_repeated, 3);
    parsed_free(&parsed);
}

static void footnotes_and_spans_are_read(void **state)
{
    const struct rp_fo_node *b, *f;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow(
        "<fo:block span='all'>a<fo:footnote><fo:inline>1</fo:inline>"
        "<fo:footnote-body><fo:block>note</fo:block></fo:footnote-body>"
        "</fo:footnote></fo:block><fo:block span='inherit'/>",
        &parsed, &b, &err);
    (void)state;
    assert_true(ok);
    assert_true(b->props.span_all);
    /* span is not inherited: "inherit" takes the flow's none. */
    assert_false(b->next->props.span_all);
    f = b->first_child->next;
    assert_int_equal(f->kind, RP_FO_FOOTNOTE);
    assert_int_equal(f->first_child->kind, RP_FO_INLINE);
    assert_int_equal(f->first_child->next->kind, RP_FO_FOOTNOTE_BODY);
    assert_string_equal(f->first_child->next->first_child->first_child->text,
                        "note");
    parsed_free(&parsed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lengths_convert_every_unit_to_points),
        cmocka_unit_test(lengths_reject_garbage),
        cmocka_unit_test(colors_parse_hex_names_and_rgb),
        cmocka_unit_test(shorthands_expand_to_four_sides),
        cmocka_unit_test(repeated_shorthands_follow_each_font_size),
        cmocka_unit_test(inherited_properties_flow_down),
        cmocka_unit_test(invalid_value_names_line_and_property),
        cmocka_unit_test(unknown_elements_are_skipped_not_fatal),
        cmocka_unit_test(column_widths_keep_their_kind),
        cmocka_unit_test(footnotes_and_spans_are_read),
    };
    return cmocka_run_group_tests_name("fo properties", tests, NULL, NULL);
}
