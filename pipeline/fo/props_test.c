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
#include "fo/fo_internal.h" /* rp_fo_parse_width */

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

/* How parse_flow opens its documents: FOP's tolerance unless strict. */
static struct rp_fo_options parse_options;

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
    if (rp_fo_doc_open_xml(p->xml, "test.fo", &parse_options, &p->doc, err) !=
        RP_OK)
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
    parse_options.strict = true;
    ok = parse_flow("<fo:block border='1pt solid red'/>"
                    "<fo:block border='1pt solid reed'/>",
                    &parsed, &small, &err);
    parse_options.strict = false;
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

/* --strict: an invalid value is the error it was before FOP's tolerance. */
static void invalid_value_names_line_and_property(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok;
    (void)state;
    parse_options.strict = true;
    ok = parse_flow("\n<fo:block space-before='lots'>x</fo:block>", &parsed, &b,
                    &err);
    parse_options.strict = false;
    assert_false(ok);
    assert_int_equal(err.status, RP_ERR_INPUT);
    assert_string_equal(err.file, "test.fo");
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "space-before");
    assert_non_null(strstr(err.message, "'lots'"));
}

/*
 * FOP's tolerance: an invalid value is ignored; the property keeps what it
 * inherits (color) or its initial value (space-before, border widths),
 * and the attributes after it still apply, also when the invalid one
 * had set part of what it names (the first two of four widths).
 */
static void invalid_values_fall_back_to_inherited_or_initial(void **state)
{
    const struct rp_fo_node *outer, *inner;
    struct rp_error err;
    struct parsed parsed;
    bool ok =
        parse_flow("<fo:block color='red' font-size='10pt'><fo:block "
                   "space-before='lots' color='blurple' border-style='solid' "
                   "border-width='1pt 2pt bogus' font-size='huge' "
                   "padding='2pt' widows='-1' font-weight='bolder'>x</fo:block>"
                   "</fo:block>",
                   &parsed, &outer, &err);
    (void)state;
    assert_true(ok);
    inner = outer->first_child;
    assert_float_equal(inner->props.color.r, 1, 1e-9);
    assert_float_equal(inner->props.space_before, 0, 1e-9);
    assert_float_equal(inner->props.border[RP_FO_TOP].width, 0, 1e-9);
    assert_float_equal(inner->props.border[RP_FO_RIGHT].width, 0, 1e-9);
    assert_int_equal(inner->props.border[RP_FO_TOP].style, RP_FO_BORDER_SOLID);
    assert_float_equal(inner->props.font_size, 10, 1e-9);
    assert_float_equal(inner->props.padding[RP_FO_LEFT], 2, 1e-9);
    assert_int_equal(inner->props.widows, 2);
    assert_int_equal(inner->props.font_weight, 700);
    parsed_free(&parsed);
}

/*
 * The fallback puts back what the property held before the invalid
 * attribute, so a value set by an earlier attribute of the same element
 * (the font shorthand's weight) stays; inherit copies any row's fields
 * (keeps, heights, table-layout) and the margin shorthand's sides.
 */
static void
fallback_keeps_earlier_attributes_and_inherit_uses_rows(void **state)
{
    const struct rp_fo_node *outer, *inner;
    struct rp_error err;
    struct parsed parsed;
    bool ok = parse_flow(
        "<fo:block keep-with-next='always' margin='5pt' height='30pt'>"
        "<fo:block font='bold 11pt serif' font-weight='heavy' "
        "keep-with-next='inherit' margin='inherit' height='inherit' "
        "line-height='inherit'>x</fo:block></fo:block>",
        &parsed, &outer, &err);
    (void)state;
    assert_true(ok);
    inner = outer->first_child;
    assert_int_equal(inner->props.font_weight, 700);
    assert_float_equal(inner->props.font_size, 11, 1e-9);
    assert_true(inner->props.keep_with_next);
    assert_float_equal(inner->props.margin[RP_FO_LEFT], 5, 1e-9);
    assert_float_equal(inner->props.margin[RP_FO_BOTTOM], 5, 1e-9);
    assert_float_equal(inner->props.height.value, 30, 1e-9);
    parsed_free(&parsed);
}

/*
 * An invalid shorthand or side name (which may write anywhere in the props
 * and is not kept a copy of unless one fails: resolve.c) leaves the props
 * exactly as if the attribute were absent, byte for byte, with attributes
 * before and after it applied: the block with it and its sibling without
 * it resolve the same.
 */
static void invalid_shorthand_is_as_if_absent(void **state)
{
    static const char *const invalid[] = {
        "border='1pt solid nocolour'",
        "border-width='1pt 2pt bogus'",
        "border-style='solid dashed wavy'",
        "border-color='red green purplish'",
        "border-top='2pt zigzag'",
        "border-before-width='wide'",
        "border-left-style='wavy'",
        "border-right-color='blurple'",
        "margin='1pt 2pt lots'",
        "margin-top='lots'",
        "padding='1pt 2pt 3pt oops'",
        "padding-start='oops'",
        "font='bold'",
        "white-space='sometimes'",
    };
    static const char before[] =
        "font-size='9pt' border-end='0.5pt dashed blue' margin-bottom='3pt' "
        "padding-after='4pt' font-weight='bold' border-after-style='double'";
    static const char after[] = "border-bottom-width='2pt' padding-left='1pt' "
                                "margin-right='1em' color='green'";
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        const struct rp_fo_node *with, *without;
        struct rp_error err;
        struct parsed parsed;
        char body[1024];
        snprintf(body, sizeof(body),
                 "<fo:block %s %s %s>x</fo:block><fo:block %s %s>x</fo:block>",
                 before, invalid[i], after, before, after);
        assert_true(parse_flow(body, &parsed, &with, &err));
        without = with->next;
        assert_non_null(without);
        if (memcmp(&with->props, &without->props, sizeof(with->props)) != 0)
            fail_msg("%s changed the props", invalid[i]);
        parsed_free(&parsed);
    }
}

/* Values Apache FOP accepts that we refused (issue 19). */
static void widows_and_orphans_may_be_zero(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok;
    (void)state;
    parse_options.strict = true;
    ok = parse_flow("<fo:block widows='0' orphans='0'>x</fo:block>", &parsed,
                    &b, &err);
    parse_options.strict = false;
    assert_true(ok);
    assert_int_equal(b->props.widows, 0);
    assert_int_equal(b->props.orphans, 0);
    parsed_free(&parsed);
}

static void colors_take_cmyk_and_rgb_icc_not_system_colors(void **state)
{
    struct rp_fo_color c;
    (void)state;
    /* FOP without a profile: (1 - c)(1 - k) and so on. */
    assert_true(rp_fo_parse_color("cmyk(0, 1, 1, 0)", &c));
    assert_float_equal(c.r, 1, 1e-9);
    assert_float_equal(c.g, 0, 1e-9);
    assert_float_equal(c.b, 0, 1e-9);
    assert_float_equal(c.a, 1, 1e-9);
    assert_true(rp_fo_parse_color("cmyk(0.2,0.4,0.6,0.5)", &c));
    assert_float_equal(c.r, 0.4, 1e-9);
    assert_float_equal(c.g, 0.3, 1e-9);
    assert_float_equal(c.b, 0.2, 1e-9);
    assert_true(rp_fo_parse_color("CMYK(0%, 50%, 100%, 0%)", &c));
    assert_float_equal(c.g, 0.5, 1e-9);
    assert_false(rp_fo_parse_color("cmyk(0,1,1)", &c));
    assert_false(rp_fo_parse_color("cmyk(0,1,1,2)", &c));
    assert_false(rp_fo_parse_color("cmyk(0,1,1,0) x", &c));
    /* rgb-icc: the sRGB fallback; the profile is not ours to apply. */
    assert_true(rp_fo_parse_color("rgb-icc(0, 0, 255, #CMYK, 1, 1, 0, 0)", &c));
    assert_float_equal(c.b, 1, 1e-9);
    assert_float_equal(c.r, 0, 1e-9);
    assert_false(rp_fo_parse_color("rgb-icc(0, 0, 255)", &c));
    /* A desktop's colours: none in a document; the property falls back. */
    assert_false(rp_fo_parse_color("system-color(ButtonText)", &c));
}

static void backslant_is_drawn_slanted(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok;
    (void)state;
    parse_options.strict = true;
    ok = parse_flow("<fo:block font-style='backslant'>x</fo:block>"
                    "<fo:block font='backslant 9pt serif'>y</fo:block>",
                    &parsed, &b, &err);
    parse_options.strict = false;
    assert_true(ok);
    assert_true(b->props.font_italic);
    assert_true(b->next->props.font_italic);
    assert_float_equal(b->next->props.font_size, 9, 1e-9);
    parsed_free(&parsed);
}

static void length_expressions_mix_percentages_and_lengths(void **state)
{
    double pt, pct;
    struct rp_fo_length l;
    (void)state;
    assert_true(rp_fo_eval_length_percent("150% - 5pt", 12, &pt, &pct));
    assert_float_equal(pct, 150, 1e-9);
    assert_float_equal(pt, -5, 1e-9);
    assert_true(rp_fo_eval_length_percent("(100% - 1em) div 2", 10, &pt, &pct));
    assert_float_equal(pct, 50, 1e-9);
    assert_float_equal(pt, -5, 1e-9);
    assert_true(rp_fo_eval_length_percent("2 * 10%", 10, &pt, &pct));
    assert_float_equal(pct, 20, 1e-9);
    assert_false(rp_fo_eval_length_percent("10% * 2pt", 10, &pt, &pct));
    assert_false(rp_fo_eval_length_percent("10pt div 10%", 10, &pt, &pct));
    assert_false(rp_fo_eval_length_percent("10% mod 3", 10, &pt, &pct));
    /* Where the base is known: font-size's is the parent's size. */
    assert_true(rp_fo_parse_length_of("150% - 5pt", 12, 12, &pt));
    assert_float_equal(pt, 13, 1e-9);
    /* Without a base, a percentage is no length. */
    assert_false(rp_fo_parse_length("150% - 5pt", 12, &pt));
    /* Widths keep the percentage for layout, and what is added to it. */
    assert_true(rp_fo_parse_width("100% - 2pt", 12, &l));
    assert_int_equal(l.kind, RP_FO_LENGTH_PERCENT);
    assert_float_equal(l.value, 100, 1e-9);
    assert_float_equal(l.plus, -2, 1e-9);
    assert_true(rp_fo_parse_width("80%", 12, &l));
    assert_float_equal(l.plus, 0, 1e-9);
}

static void percentage_expressions_resolve_in_documents(void **state)
{
    const struct rp_fo_node *b, *bc;
    struct rp_error err;
    struct parsed parsed;
    bool ok;
    (void)state;
    parse_options.strict = true;
    ok = parse_flow(
        "<fo:block font-size='150% - 5pt' line-height='100% + 2pt'>x"
        "</fo:block><fo:block-container height='100%' width='50% + 1cm'>"
        "<fo:block>y</fo:block></fo:block-container>",
        &parsed, &b, &err);
    parse_options.strict = false;
    assert_true(ok);
    assert_float_equal(b->props.font_size, 13, 1e-9);
    assert_float_equal(b->props.line_height, 15, 1e-9);
    bc = b->next;
    assert_int_equal(bc->props.height.kind, RP_FO_LENGTH_PERCENT);
    assert_float_equal(bc->props.height.value, 100, 1e-9);
    assert_int_equal(bc->props.width.kind, RP_FO_LENGTH_PERCENT);
    assert_float_equal(bc->props.width.plus, 72 / 2.54, 1e-9);
    parsed_free(&parsed);
}

/* FOP reads a percentage without a base as hundredths: 25% is 0.25. */
static void proportional_column_width_takes_a_percentage(void **state)
{
    struct rp_fo_length l;
    (void)state;
    assert_true(rp_fo_parse_width("proportional-column-width(25%)", 12, &l));
    assert_int_equal(l.kind, RP_FO_LENGTH_PROPORTIONAL);
    assert_float_equal(l.value, 0.25, 1e-9);
    assert_true(rp_fo_parse_width("proportional-column-width( 3 )", 12, &l));
    assert_float_equal(l.value, 3, 1e-9);
    assert_false(rp_fo_parse_width("proportional-column-width(0%)", 12, &l));
    assert_false(rp_fo_parse_width("proportional-column-width(1) x", 12, &l));
    assert_false(rp_fo_parse_width("proportional-column-width(%)", 12, &l));
}

/* XSL's universal inherit: the parent's computed value. */
static void inherit_takes_the_parents_value(void **state)
{
    const struct rp_fo_node *outer, *inner;
    struct rp_error err;
    struct parsed parsed;
    bool ok;
    (void)state;
    parse_options.strict = true;
    ok = parse_flow(
        "<fo:block border='2pt dashed blue' padding='3pt' color='red' "
        "space-before='4pt' background-color='yellow' font-size='9pt' "
        "font-family='serif'>"
        "<fo:block border='inherit' padding-top='inherit' color='inherit' "
        "space-before='inherit' background-color='inherit' "
        "font-size='inherit' font-family='inherit' "
        "border-left-color='inherit' start-indent='inherit'>x</fo:block>"
        "</fo:block>",
        &parsed, &outer, &err);
    parse_options.strict = false;
    assert_true(ok);
    inner = outer->first_child;
    assert_int_equal(inner->props.border[RP_FO_LEFT].style,
                     RP_FO_BORDER_DASHED);
    assert_float_equal(inner->props.border[RP_FO_BOTTOM].width, 2, 1e-9);
    assert_float_equal(inner->props.border[RP_FO_LEFT].color.b, 1, 1e-9);
    assert_float_equal(inner->props.padding[RP_FO_TOP], 3, 1e-9);
    assert_float_equal(inner->props.padding[RP_FO_LEFT], 0, 1e-9);
    assert_float_equal(inner->props.color.r, 1, 1e-9);
    assert_float_equal(inner->props.space_before, 4, 1e-9);
    assert_float_equal(inner->props.background.g, 1, 1e-9);
    assert_float_equal(inner->props.font_size, 9, 1e-9);
    assert_string_equal(inner->props.font_family, "serif");
    /* start-indent="inherit" is the parent's, not moved by the border. */
    assert_float_equal(inner->props.start_indent, outer->props.start_indent,
                       1e-9);
    parsed_free(&parsed);
}

static void border_styles_ridge_groove_inset_outset(void **state)
{
    const struct rp_fo_node *b;
    struct rp_error err;
    struct parsed parsed;
    bool ok;
    (void)state;
    parse_options.strict = true;
    ok = parse_flow("<fo:block border='3pt ridge red' "
                    "border-bottom-style='groove' border-left-style='inset' "
                    "border-right='outset 1pt'>x</fo:block>",
                    &parsed, &b, &err);
    parse_options.strict = false;
    assert_true(ok);
    assert_int_equal(b->props.border[RP_FO_TOP].style, RP_FO_BORDER_RIDGE);
    assert_int_equal(b->props.border[RP_FO_BOTTOM].style, RP_FO_BORDER_GROOVE);
    assert_int_equal(b->props.border[RP_FO_LEFT].style, RP_FO_BORDER_INSET);
    assert_int_equal(b->props.border[RP_FO_RIGHT].style, RP_FO_BORDER_OUTSET);
    assert_float_equal(b->props.border[RP_FO_LEFT].width, 3, 1e-9);
    parsed_free(&parsed);
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
        cmocka_unit_test(invalid_values_fall_back_to_inherited_or_initial),
        cmocka_unit_test(invalid_shorthand_is_as_if_absent),
        cmocka_unit_test(
            fallback_keeps_earlier_attributes_and_inherit_uses_rows),
        cmocka_unit_test(widows_and_orphans_may_be_zero),
        cmocka_unit_test(colors_take_cmyk_and_rgb_icc_not_system_colors),
        cmocka_unit_test(backslant_is_drawn_slanted),
        cmocka_unit_test(length_expressions_mix_percentages_and_lengths),
        cmocka_unit_test(percentage_expressions_resolve_in_documents),
        cmocka_unit_test(proportional_column_width_takes_a_percentage),
        cmocka_unit_test(inherit_takes_the_parents_value),
        cmocka_unit_test(border_styles_ridge_groove_inset_outset),
        cmocka_unit_test(unknown_elements_are_skipped_not_fatal),
        cmocka_unit_test(column_widths_keep_their_kind),
        cmocka_unit_test(footnotes_and_spans_are_read),
    };
    return cmocka_run_group_tests_name("fo properties", tests, NULL, NULL);
}
