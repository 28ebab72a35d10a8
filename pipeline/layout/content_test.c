/*
 * Unit tests of layout for content FOP lays out that was skipped or laid
 * out differently before (issue 19): blocks inside inlines and wrappers,
 * markers holding blocks, cells straight in a table body, break-before on
 * table rows, force-page-count="auto", ids on list and table parts.  Each
 * document is laid out from a file and from an xmlDoc, which must agree;
 * pages are checked through the text lines of the area tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/test_layout.h"

#define MAX_LINES 512

struct line {
    int page;
    double x, y;
    char text[96];
};

struct capture {
    int pages;
    int n;
    struct line lines[MAX_LINES];
    int dests; /* RP_AREA_DEST items */
};

static enum rp_status capture_page(void *ctx, const struct rp_area_page *page,
                                   struct rp_error *err)
{
    struct capture *c = ctx;
    size_t i;
    (void)err;
    c->pages++;
    for (i = 0; i < page->n_items; i++) {
        const struct rp_area_item *item = &page->items[i];
        if (item->kind == RP_AREA_DEST)
            c->dests++;
        if ((item->kind == RP_AREA_TEXT || item->kind == RP_AREA_GLYPHS) &&
            c->n < MAX_LINES) {
            struct line *l = &c->lines[c->n++];
            GString *text = g_string_new(NULL);
            rp_area_text(item, text);
            l->page = page->index;
            l->x = item->x;
            l->y = item->y;
            g_strlcpy(l->text, text->str, sizeof(l->text));
            g_string_free(text, TRUE);
        }
    }
    return RP_OK;
}

/* 200pt x 200pt pages, a 180 x 120pt body at (10, 40), a header region. */
static const char head[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
    "font-family='DejaVu Sans' font-size='10pt' line-height='12pt'>"
    "<fo:layout-master-set><fo:simple-page-master master-name='p' "
    "page-width='200pt' page-height='200pt' margin='10pt'>"
    "<fo:region-body margin-top='30pt' margin-bottom='30pt'/>"
    "<fo:region-before extent='20pt'/>"
    "</fo:simple-page-master></fo:layout-master-set>";

static enum rp_status lay_out_one(const char *body, bool from_file,
                                  struct capture *c, struct rp_error *err)
{
    size_t n = strlen(head) + strlen(body) + 32;
    char *text = malloc(n);
    struct rp_layout_sink sink = {capture_page, c, false};
    enum rp_status status;
    int pages = 0;

    snprintf(text, n, "%s%s</fo:root>", head, body);
    memset(c, 0, sizeof(*c));
    status = rp_test_layout_text(text, from_file, &sink, &pages, err);
    free(text);
    return status;
}

/* Lays body out both ways; they must give the same lines. */
static void lay_out(const char *body, struct capture *c)
{
    struct capture *other = malloc(sizeof(*other));
    struct rp_error err;
    int i;

    assert_int_equal(lay_out_one(body, true, other, &err), RP_OK);
    assert_int_equal(lay_out_one(body, false, c, &err), RP_OK);
    assert_int_equal(other->pages, c->pages);
    assert_int_equal(other->n, c->n);
    for (i = 0; i < c->n; i++) {
        assert_string_equal(other->lines[i].text, c->lines[i].text);
        assert_int_equal(other->lines[i].page, c->lines[i].page);
    }
    free(other);
}

static const struct line *find(const struct capture *c, const char *text)
{
    int i;
    for (i = 0; i < c->n; i++) {
        if (strcmp(c->lines[i].text, text) == 0)
            return &c->lines[i];
    }
    fail_msg("no line '%s'", text);
    return NULL;
}

static const char seq_start[] = "<fo:page-sequence master-reference='p'>"
                                "<fo:flow flow-name='xsl-region-body'>";
static const char seq_end[] = "</fo:flow></fo:page-sequence>";

static char *in_flow(const char *flow)
{
    return g_strconcat(seq_start, flow, seq_end, NULL);
}

static void a_block_in_an_inline_ends_its_line(void **state)
{
    struct capture c;
    char *fo = in_flow(
        "<fo:block>Before <fo:inline font-weight='bold'>start"
        "<fo:block start-indent='20pt'>Inside</fo:block> end</fo:inline> "
        "after.</fo:block>"
        "<fo:block><fo:wrapper font-style='italic'><fo:block>One</fo:block>"
        "<fo:block id='two'>Two</fo:block></fo:wrapper></fo:block>"
        "<fo:block>See <fo:page-number-citation ref-id='two'/>.</fo:block>");
    const struct line *before, *inside, *after;
    (void)state;

    lay_out(fo, &c);
    before = find(&c, "Before start");
    inside = find(&c, "Inside");
    after = find(&c, "end after.");
    assert_true(inside->y > before->y && after->y > inside->y);
    assert_true(inside->x > before->x + 19 && inside->x < before->x + 21);
    assert_true(after->x == before->x);
    assert_true(find(&c, "Two")->y > find(&c, "One")->y);
    find(&c, "See 1.");
    g_free(fo);
}

static void a_marker_of_blocks_is_retrieved(void **state)
{
    struct capture c;
    const char *fo =
        "<fo:page-sequence master-reference='p'>"
        "<fo:static-content flow-name='xsl-region-before'><fo:block>"
        "<fo:retrieve-marker retrieve-class-name='h'/></fo:block>"
        "</fo:static-content><fo:flow flow-name='xsl-region-body'>"
        "<fo:block><fo:marker marker-class-name='h'><fo:block>Head one"
        "</fo:block><fo:block text-align='end'>Head two</fo:block>"
        "</fo:marker>Body</fo:block></fo:flow></fo:page-sequence>";
    const struct line *one, *two;
    (void)state;

    lay_out(fo, &c);
    one = find(&c, "Head one");
    two = find(&c, "Head two");
    assert_true(one->y < 40 && two->y > one->y);
    assert_true(two->x > 100); /* its own text-align */
    assert_true(find(&c, "Body")->y > 40);
}

static void cells_without_rows_make_rows(void **state)
{
    struct capture c;
    /* Automatic layout (no columns): rows wait for the column widths. */
    char *fo = in_flow(
        "<fo:table><fo:table-body>"
        "<fo:table-cell><fo:block>a1</fo:block></fo:table-cell>"
        "<fo:table-cell ends-row='true'><fo:block>b1</fo:block>"
        "</fo:table-cell>"
        "<fo:table-cell><fo:block>a2</fo:block></fo:table-cell>"
        "<fo:table-cell><fo:block>b2</fo:block></fo:table-cell>"
        "<fo:table-cell starts-row='true' number-rows-spanned='2'>"
        "<fo:block>a3</fo:block></fo:table-cell>"
        "<fo:table-cell ends-row='true'><fo:block>b3</fo:block>"
        "</fo:table-cell>"
        "<fo:table-cell><fo:block>b4</fo:block></fo:table-cell>"
        "</fo:table-body></fo:table>"
        "<fo:table table-layout='fixed'><fo:table-column column-width='50pt'"
        " number-columns-repeated='2'/><fo:table-body>"
        "<fo:table-cell><fo:block>x1</fo:block></fo:table-cell>"
        "<fo:table-cell><fo:block>y1</fo:block></fo:table-cell>"
        "<fo:table-cell><fo:block>x2</fo:block></fo:table-cell>"
        "</fo:table-body></fo:table>");
    (void)state;

    lay_out(fo, &c);
    assert_true(find(&c, "a1")->y == find(&c, "b1")->y);
    assert_true(find(&c, "a2")->y > find(&c, "a1")->y);
    assert_true(find(&c, "a2")->y == find(&c, "b2")->y);
    assert_true(find(&c, "a3")->y == find(&c, "b3")->y);
    assert_true(find(&c, "b4")->y > find(&c, "b3")->y);
    assert_true(find(&c, "b4")->x == find(&c, "b3")->x); /* under the span */
    assert_true(find(&c, "a2")->x == find(&c, "a1")->x);
    /* Two columns full: the third cell starts the next row. */
    assert_true(find(&c, "x1")->y == find(&c, "y1")->y);
    assert_true(find(&c, "x2")->y > find(&c, "x1")->y);
    assert_true(find(&c, "x2")->x == find(&c, "x1")->x);
    g_free(fo);
}

static void a_row_with_break_before_starts_a_page(void **state)
{
    struct capture c;
    char *fo = in_flow(
        "<fo:table table-layout='fixed'><fo:table-column column-width='90pt'"
        "/><fo:table-header><fo:table-row><fo:table-cell><fo:block>Head"
        "</fo:block></fo:table-cell></fo:table-row></fo:table-header>"
        "<fo:table-body><fo:table-row><fo:table-cell><fo:block>r1</fo:block>"
        "</fo:table-cell></fo:table-row>"
        "<fo:table-row break-before='page'><fo:table-cell><fo:block>r2"
        "</fo:block></fo:table-cell></fo:table-row>"
        "<fo:table-row break-after='page'><fo:table-cell><fo:block>r3"
        "</fo:block></fo:table-cell></fo:table-row>"
        "<fo:table-row><fo:table-cell><fo:block>r4</fo:block>"
        "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    int i, heads = 0;
    (void)state;

    lay_out(fo, &c);
    assert_int_equal(c.pages, 3);
    assert_int_equal(find(&c, "r1")->page, 1);
    assert_int_equal(find(&c, "r2")->page, 2);
    assert_int_equal(find(&c, "r3")->page, 2);
    assert_int_equal(find(&c, "r4")->page, 3);
    for (i = 0; i < c.n; i++)
        heads += strcmp(c.lines[i].text, "Head") == 0;
    assert_int_equal(heads, 3); /* the header repeats after each break */
    g_free(fo);
}

static void force_page_count_auto_looks_at_the_next_sequence(void **state)
{
    struct capture c;
    const char *fo =
        "<fo:page-sequence master-reference='p'><fo:flow "
        "flow-name='xsl-region-body'><fo:block>one</fo:block></fo:flow>"
        "</fo:page-sequence>"
        "<fo:page-sequence master-reference='p' initial-page-number='1'>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>two</fo:block>"
        "</fo:flow></fo:page-sequence>"
        "<fo:page-sequence master-reference='p' "
        "initial-page-number='auto-even'><fo:flow "
        "flow-name='xsl-region-body'><fo:block>three</fo:block></fo:flow>"
        "</fo:page-sequence>";
    (void)state;

    lay_out(fo, &c);
    /* one ends on an even page before a sequence starting at 1; two
     * (page 1) ends on an odd page before auto-even: no blank. */
    assert_int_equal(c.pages, 4);
    assert_int_equal(find(&c, "two")->page, 3);
    assert_int_equal(find(&c, "three")->page, 4);
}

static void ids_on_list_and_table_parts_are_cited(void **state)
{
    struct capture c;
    GString *rows = g_string_new(NULL);
    char *fo;
    int i;
    (void)state;

    /* Twelve rows of 12pt: the body runs onto page 2. */
    for (i = 0; i < 12; i++)
        g_string_append_printf(rows,
                               "<fo:table-row id='r%d'><fo:table-cell>"
                               "<fo:block>row %d</fo:block></fo:table-cell>"
                               "</fo:table-row>",
                               i, i);
    fo = g_strconcat(
        seq_start,
        "<fo:list-block><fo:list-item><fo:list-item-label id='lab' "
        "end-indent='label-end()'><fo:block id='in-lab'>1.</fo:block>"
        "</fo:list-item-label><fo:list-item-body id='bod' "
        "start-indent='body-start()'><fo:block>item</fo:block>"
        "</fo:list-item-body></fo:list-item></fo:list-block>"
        "<fo:table table-layout='fixed'><fo:table-column "
        "column-width='90pt'/><fo:table-body id='tb'>",
        rows->str,
        "</fo:table-body></fo:table><fo:block>lab <fo:page-number-citation "
        "ref-id='lab'/> in-lab <fo:page-number-citation ref-id='in-lab'/> "
        "bod <fo:page-number-citation ref-id='bod'/> r11 "
        "<fo:page-number-citation ref-id='r11'/> tb "
        "<fo:page-number-citation ref-id='tb'/>-"
        "<fo:page-number-citation-last ref-id='tb'/></fo:block>",
        seq_end, NULL);
    lay_out(fo, &c);
    assert_int_equal(find(&c, "row 11")->page, 2);
    find(&c, "lab 1 in-lab 1 bod 1 r11 2 tb 1-2");
    assert_true(c.dests >= 16);
    g_free(fo);
    g_string_free(rows, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_block_in_an_inline_ends_its_line),
        cmocka_unit_test(a_marker_of_blocks_is_retrieved),
        cmocka_unit_test(cells_without_rows_make_rows),
        cmocka_unit_test(a_row_with_break_before_starts_a_page),
        cmocka_unit_test(force_page_count_auto_looks_at_the_next_sequence),
        cmocka_unit_test(ids_on_list_and_table_parts_are_cited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
