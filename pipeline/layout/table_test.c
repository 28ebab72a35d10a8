/*
 * Unit tests of tables as FOP breaks them (issue 19): a break-before on
 * the first body row is a break before the table, header and all; ids in
 * the part of a row that continues on the next page are found there;
 * keeps on rows and on the table's start hold; rows joined by a spanning
 * cell break between them.
 * Checked through the text lines of the area tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "layout/layout_test.h"

#define HEADER                                                                 \
    "<fo:table-header><fo:table-row><fo:table-cell><fo:block>Head"             \
    "</fo:block></fo:table-cell></fo:table-row></fo:table-header>"

/* The header goes with the first row: nothing of the table before it. */
static void break_before_first_row_takes_the_header_along(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block>Before</fo:block>"
                "<fo:table border='1pt solid black'>" HEADER
                "<fo:table-body><fo:table-row break-before='page'>"
                "<fo:table-cell><fo:block>Row1</fo:block></fo:table-cell>"
                "</fo:table-row><fo:table-row><fo:table-cell><fo:block>Row2"
                "</fo:block></fo:table-cell></fo:table-row></fo:table-body>"
                "</fo:table>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.pages, 2);
    assert_int_equal(find(&c, "Before")->page, 1);
    assert_int_equal(count_prefix(&c, "Head", 1), 0);
    /* The table's top border went along with it too. */
    assert_int_equal(c.top_rules_per_page[1], 0);
    assert_int_equal(count_prefix(&c, "Head", 2), 1);
    assert_int_equal(find(&c, "Row1")->page, 2);
    assert_true(find(&c, "Head")->y < find(&c, "Row1")->y);
}

/* A table at the top of the page breaks nowhere: no empty page. */
static void break_before_first_row_at_page_top_makes_no_page(void **state)
{
    static struct capture with, without;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:table border='1pt solid black'>" HEADER
                "<fo:table-body><fo:table-row break-before='page'>"
                "<fo:table-cell><fo:block>Row1</fo:block></fo:table-cell>"
                "</fo:table-row></fo:table-body></fo:table>",
                &with, &err),
        RP_OK);
    assert_int_equal(with.pages, 1);
    /* Without a header, likewise: the border's room is the table's. */
    assert_int_equal(
        lay_out("<fo:table border='1pt solid black'><fo:table-body>"
                "<fo:table-row break-before='page'><fo:table-cell><fo:block>"
                "Row1</fo:block></fo:table-cell></fo:table-row>"
                "</fo:table-body></fo:table>",
                &without, &err),
        RP_OK);
    assert_int_equal(without.pages, 1);
    /* The border's room stays above the first row, as before the break. */
    assert_float_equal(find(&with, "Head")->y, find(&without, "Row1")->y, 0.01);
}

/*
 * A cell of 20 lines in a 100pt body (8 lines a page) runs over three
 * pages; the blocks with ids on the second and third cite those pages.
 */
static void ids_in_a_continued_row_cite_their_page(void **state)
{
    static struct capture c;
    struct rp_error err;
    char flow[8192] = "";
    int i;
    (void)state;
    fo_append(flow, sizeof(flow),
              "<fo:block>at <fo:page-number-citation ref-id='b10'/> and "
              "<fo:page-number-citation ref-id='b18'/></fo:block>"
              "<fo:table><fo:table-body><fo:table-row><fo:table-cell>");
    for (i = 1; i <= 20; i++)
        fo_append(flow, sizeof(flow), "<fo:block id='b%d'>line %d</fo:block>",
                  i, i);
    fo_append(flow, sizeof(flow),
              "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(c.pages, 3);
    assert_int_equal(find(&c, "line 10")->page, 2);
    assert_int_equal(find(&c, "line 18")->page, 3);
    assert_string_equal(find_prefix(&c, "at ", 1)->text, "at 2 and 3");
}

/*
 * Eight 12pt rows fill the 100pt body; rows 7 to 9 keep with the next:
 * no break between rows 8 and 9, so rows 7 and 8 go to page 2.
 */
static void rows_keep_with_next(void **state)
{
    static struct capture c;
    struct rp_error err;
    char flow[8192] = "";
    int i;
    (void)state;
    fo_append(flow, sizeof(flow), "<fo:table><fo:table-body>");
    for (i = 1; i <= 12; i++)
        fo_append(flow, sizeof(flow),
                  "<fo:table-row%s><fo:table-cell><fo:block>r%d</fo:block>"
                  "</fo:table-cell></fo:table-row>",
                  i >= 7 && i <= 9 ? " keep-with-next='always'" : "", i);
    fo_append(flow, sizeof(flow), "</fo:table-body></fo:table>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(find(&c, "r6")->page, 1);
    assert_int_equal(find(&c, "r7")->page, 2);
    assert_int_equal(find(&c, "r10")->page, 2);
}

/* A title kept with the table goes with its first row, not alone. */
static void a_title_keeps_with_the_table_start(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block space-after='64pt'>Before</fo:block>"
                "<fo:block keep-with-next='always'>Title</fo:block>"
                "<fo:table border='1pt solid black'>" HEADER
                "<fo:table-body><fo:table-row><fo:table-cell><fo:block>Row1"
                "</fo:block></fo:table-cell></fo:table-row></fo:table-body>"
                "</fo:table>",
                &c, &err),
        RP_OK);
    assert_int_equal(find(&c, "Before")->page, 1);
    assert_int_equal(find(&c, "Title")->page, 2);
    assert_int_equal(find(&c, "Row1")->page, 2);
}

/*
 * A cell spanning four rows, each a line: the 100pt body holds the
 * header and four more lines, so the group breaks between its rows, the
 * spanning cell's content continuing under the repeated header.
 */
static void a_row_span_breaks_between_its_rows(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block space-after='36pt'>Before</fo:block>"
                "<fo:table>" HEADER
                "<fo:table-body><fo:table-row><fo:table-cell "
                "number-rows-spanned='4'><fo:block>s1</fo:block><fo:block>s2"
                "</fo:block><fo:block>s3</fo:block><fo:block>s4</fo:block>"
                "<fo:block>s5</fo:block></fo:table-cell><fo:table-cell>"
                "<fo:block>r1</fo:block></fo:table-cell></fo:table-row>"
                "<fo:table-row><fo:table-cell><fo:block>r2</fo:block>"
                "</fo:table-cell></fo:table-row><fo:table-row><fo:table-cell>"
                "<fo:block>r3</fo:block></fo:table-cell></fo:table-row>"
                "<fo:table-row><fo:table-cell><fo:block>r4</fo:block>"
                "</fo:table-cell></fo:table-row></fo:table-body></fo:table>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.pages, 2);
    assert_int_equal(find(&c, "r3")->page, 1);
    assert_int_equal(find(&c, "s3")->page, 1);
    assert_int_equal(find(&c, "s4")->page, 2);
    assert_int_equal(find(&c, "r4")->page, 2);
    assert_int_equal(count_prefix(&c, "Head", 2), 1);
    /* On page 2 the rest of the spanning cell starts under the header,
     * beside row 4. */
    assert_float_equal(find(&c, "s4")->y, find(&c, "r4")->y, 0.01);
}

/*
 * Rows joined by a span, the second kept together and taller than a
 * page: the group moves to a new page whole, breaks there before the
 * kept row, and that row, alone on the next page, gives way rather than
 * run off it.
 */
static void a_kept_group_taller_than_a_page_still_breaks(void **state)
{
    static struct capture c;
    struct rp_error err;
    char flow[8192] = "";
    int i;
    (void)state;
    fo_append(flow, sizeof(flow),
              "<fo:block>Before</fo:block><fo:table table-layout='fixed'>"
              "<fo:table-column column-width='60pt'/>"
              "<fo:table-column column-width='60pt'/><fo:table-body>"
              "<fo:table-row><fo:table-cell number-rows-spanned='2'><fo:block>"
              "span</fo:block></fo:table-cell><fo:table-cell><fo:block>r1"
              "</fo:block></fo:table-cell></fo:table-row>"
              "<fo:table-row keep-together='always'><fo:table-cell>");
    for (i = 1; i <= 12; i++)
        fo_append(flow, sizeof(flow), "<fo:block>k%d</fo:block>", i);
    fo_append(flow, sizeof(flow),
              "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(c.pages, 4);
    assert_int_equal(find(&c, "Before")->page, 1);
    assert_int_equal(find(&c, "r1")->page, 2);
    assert_int_equal(find(&c, "k1")->page, 3);
    assert_int_equal(find(&c, "k8")->page, 3);
    assert_int_equal(find(&c, "k9")->page, 4);
    assert_int_equal(find(&c, "k12")->page, 4);
    for (i = 1; i <= 12; i++) {
        char k[16];
        snprintf(k, sizeof(k), "k%d", i);
        assert_non_null(find(&c, k));
    }
}

/*
 * Automatic column widths: a cell under a row span is measured in the
 * column it stands in, not the one the span holds.
 */
static void auto_widths_see_cells_under_a_span(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:table><fo:table-body><fo:table-row><fo:table-cell "
                "number-rows-spanned='2'><fo:block>A</fo:block>"
                "</fo:table-cell><fo:table-cell><fo:block>b</fo:block>"
                "</fo:table-cell></fo:table-row><fo:table-row><fo:table-cell>"
                "<fo:block>one two three four</fo:block></fo:table-cell>"
                "</fo:table-row></fo:table-body></fo:table>",
                &c, &err),
        RP_OK);
    assert_non_null(find(&c, "one two three four"));
}

/*
 * Collapsed borders: a row holds half the border that wins on each of
 * its edges, whichever cell gave it; the 4pt top of r2 wins over r1's
 * none, so 4pt lies between their lines (12pt each), whether the rows
 * stream one by one or are joined by a spanning cell.
 */
static void rows_hold_the_winning_border_between_them(void **state)
{
    static struct capture loose, joined;
    struct rp_error err;
    const char *r1 = "<fo:table-cell><fo:block>r1</fo:block></fo:table-cell>"
                     "</fo:table-row>";
    const char *r2 = "<fo:table-row><fo:table-cell border-top='4pt solid "
                     "black'><fo:block>r2</fo:block></fo:table-cell>"
                     "</fo:table-row></fo:table-body></fo:table>";
    char fo[1024];
    (void)state;
    snprintf(fo, sizeof(fo),
             "<fo:table line-height='12pt'><fo:table-body><fo:table-row>%s%s",
             r1, r2);
    assert_int_equal(lay_out(fo, &loose, &err), RP_OK);
    assert_float_equal(find(&loose, "r2")->y - find(&loose, "r1")->y, 16, 0.01);
    /* A cell spanning both rows joins them into one group. */
    snprintf(fo, sizeof(fo),
             "<fo:table line-height='12pt'><fo:table-column/>"
             "<fo:table-column/><fo:table-body><fo:table-row>"
             "<fo:table-cell number-rows-spanned='2'><fo:block>s"
             "</fo:block></fo:table-cell>%s%s",
             r1, r2);
    assert_int_equal(lay_out(fo, &joined, &err), RP_OK);
    assert_float_equal(find(&joined, "r2")->y - find(&joined, "r1")->y, 16,
                       0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(break_before_first_row_takes_the_header_along),
        cmocka_unit_test(break_before_first_row_at_page_top_makes_no_page),
        cmocka_unit_test(ids_in_a_continued_row_cite_their_page),
        cmocka_unit_test(rows_keep_with_next),
        cmocka_unit_test(a_title_keeps_with_the_table_start),
        cmocka_unit_test(a_row_span_breaks_between_its_rows),
        cmocka_unit_test(a_kept_group_taller_than_a_page_still_breaks),
        cmocka_unit_test(auto_widths_see_cells_under_a_span),
        cmocka_unit_test(rows_hold_the_winning_border_between_them),
    };
    return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
