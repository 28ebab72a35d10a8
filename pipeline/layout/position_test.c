/*
 * Unit tests of containers that leave the flow or turn it: positioned
 * (absolute, fixed) and in-flow block-containers, z-index, overflow
 * clipping and reference orientation, checked through the area tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layout/layout_test.h"

/*
 * A positioned block-container takes no room in the flow: the blocks
 * around it stand as if it were not there; it stands at its offsets from
 * the body (absolute), on the page of the box that follows it.
 */
static void positioned_container_takes_no_room_in_the_flow(void **state)
{
    static struct capture with, without;
    struct rp_error err;
    const struct captured_line *stamp, *a, *b;
    int i;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block>alpha</fo:block>"
                "<fo:block-container absolute-position='absolute' "
                "top='10pt' left='20pt' width='50pt' space-before='30pt' "
                "break-before='page'><fo:block>stamp</fo:block>"
                "</fo:block-container><fo:block>beta</fo:block>",
                &with, &err),
        RP_OK);
    assert_int_equal(lay_out("<fo:block>alpha</fo:block>"
                             "<fo:block>beta</fo:block>",
                             &without, &err),
                     RP_OK);
    assert_int_equal(with.pages, 1);
    a = find(&with, "alpha");
    b = find(&with, "beta");
    assert_non_null(a);
    assert_non_null(b);
    assert_float_equal(b->y - a->y, 12, 0.01);
    for (i = 0; i < without.n; i++) {
        const struct captured_line *l = find(&with, without.lines[i].text);
        assert_non_null(l);
        assert_float_equal(l->x, without.lines[i].x, 1e-9);
        assert_float_equal(l->y, without.lines[i].y, 1e-9);
    }
    stamp = find(&with, "stamp");
    assert_non_null(stamp);
    assert_true(stamp->grouped);
    /* The body starts at (10, 50). */
    assert_float_equal(stamp->x, 30, 0.01);
    assert_true(stamp->y > 60 && stamp->y < 72);
    assert_int_equal(with.groups_per_page[1], 1);
}

/*
 * right and bottom place the far edges; percentages are of the
 * containing area; fixed is against the page, not the body.
 */
static void positioned_offsets_from_every_side(void **state)
{
    static struct capture c;
    struct rp_error err;
    const struct captured_line *l;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block-container absolute-position='absolute' "
                "right='0pt' bottom='0pt' width='50%' height='24pt'>"
                "<fo:block text-align='end'>corner</fo:block>"
                "</fo:block-container>"
                "<fo:block-container absolute-position='fixed' top='5pt' "
                "left='5%' width='100pt'><fo:block>fixed</fo:block>"
                "</fo:block-container>"
                "<fo:block-container absolute-position='absolute' "
                "top='0pt' left='0pt' right='0pt' height='100%' "
                "display-align='after'><fo:block text-align='center'>"
                "low</fo:block></fo:block-container>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.pages, 1);
    /* Body (10, 50) 180 x 100: the box is 90 x 24 at (100, 126). */
    l = find(&c, "corner");
    assert_non_null(l);
    assert_float_equal(l->x + l->w, 190, 0.01);
    assert_true(l->y > 126 && l->y < 138);
    /* The page is 200pt wide: 5% is 10pt from its edge. */
    l = find(&c, "fixed");
    assert_non_null(l);
    assert_float_equal(l->x, 10, 0.01);
    assert_true(l->y > 5 && l->y < 17);
    /* Derived width 180: centred on the body; after: on its last line. */
    l = find(&c, "low");
    assert_non_null(l);
    assert_float_equal(l->x + l->w / 2, 100, 0.01);
    assert_true(l->y > 138 && l->y < 150);
}

/*
 * A fixed container in static content is on every page; a negative
 * z-index paints it before the page's content, 0 and above after it, by
 * z-index, ties in document order.
 */
static void static_watermark_on_every_page_stacked_by_z_index(void **state)
{
    static struct capture c;
    static char flow[8192];
    struct rp_error err;
    int i, page;
    (void)state;
    flow[0] = '\0';
    strcat(flow, "<fo:block-container absolute-position='absolute' "
                 "z-index='2' top='0pt' left='0pt'><fo:block>two"
                 "</fo:block></fo:block-container>"
                 "<fo:block-container absolute-position='absolute' "
                 "z-index='1' top='0pt' left='0pt'><fo:block>one"
                 "</fo:block></fo:block-container>"
                 "<fo:block-container absolute-position='absolute' "
                 "z-index='1' top='0pt' left='0pt'><fo:block>one again"
                 "</fo:block></fo:block-container>");
    for (i = 0; i < 20; i++)
        strcat(flow, "<fo:block>text</fo:block>");
    assert_int_equal(
        lay_out_with("<fo:static-content flow-name='xsl-region-after'>"
                     "<fo:block>footer</fo:block>"
                     "<fo:block-container absolute-position='fixed' "
                     "top='0pt' left='0pt' width='200pt' height='200pt' "
                     "z-index='-1' display-align='center'>"
                     "<fo:block text-align='center'>DRAFT</fo:block>"
                     "</fo:block-container></fo:static-content>",
                     flow, false, &c, &err),
        RP_OK);
    assert_int_equal(c.pages, 3);
    for (page = 1; page <= 3; page++) {
        const struct captured_line *wm = find_prefix(&c, "DRAFT", page);
        const struct captured_line *text = find_prefix(&c, "text", page);
        const struct captured_line *footer = find_prefix(&c, "footer", page);
        assert_non_null(wm);
        assert_non_null(text);
        assert_non_null(footer);
        assert_int_equal(wm->z, -1);
        assert_int_equal(wm->order, 1); /* after its group, first */
        assert_true(wm->order < text->order);
        assert_true(wm->order < footer->order);
        /* Centred on the page, both ways. */
        assert_float_equal(wm->x + wm->w / 2, 100, 0.01);
        assert_true(wm->y > 100 && wm->y < 106);
    }
    /* On page 1, the stamps over the text, in z-index order. */
    assert_true(find(&c, "one")->order > find_prefix(&c, "footer", 1)->order);
    assert_true(find(&c, "one again")->order > find(&c, "one")->order);
    assert_true(find(&c, "two")->order > find(&c, "one again")->order);
    assert_int_equal(c.groups_per_page[1], 4);
    assert_int_equal(c.groups_per_page[2], 1);
}

/* overflow="hidden" clips the content to the padding rectangle. */
static void hidden_overflow_clips_to_the_container(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block-container absolute-position='absolute' "
                "top='10pt' left='10pt' width='40pt' height='12pt' "
                "border='2pt solid black' padding='1pt' overflow='hidden'>"
                "<fo:block>one two three four five six</fo:block>"
                "</fo:block-container>"
                "<fo:block-container absolute-position='absolute' "
                "top='50pt' left='10pt' width='40pt' height='12pt'>"
                "<fo:block>shown whatever overflows</fo:block>"
                "</fo:block-container><fo:block>body</fo:block>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.clips, 1);
    assert_float_equal(c.clip[0], 10 + 10 + 2, 1e-9);
    assert_float_equal(c.clip[1], 50 + 10 + 2, 1e-9);
    assert_float_equal(c.clip[2], 42, 1e-9);
    assert_float_equal(c.clip[3], 14, 1e-9);
    assert_non_null(find_prefix(&c, "one", 1));
    assert_non_null(find_prefix(&c, "shown", 1));
}

/* A group's matrix turns its frame onto its rectangle, corner for corner. */
static void group_matrix_turns_the_frame_onto_the_group(void **state)
{
    /* The frame's top-left corner lands where the top of the content
     * points: left for 90, bottom for 180, right for 270. */
    static const double want[4][2] = {
        {10, 20}, {10, 20 + 30}, {10 + 40, 20 + 30}, {10 + 40, 20}};
    struct rp_area_item g = {0};
    double m[6];
    int r;
    (void)state;
    g.kind = RP_AREA_GROUP;
    g.x = 10;
    g.y = 20;
    g.w = 40;
    g.h = 30;
    for (r = 0; r < 4; r++) {
        double u = g.x, v = g.y; /* the frame's top-left corner */
        double fw = r % 2 ? g.h : g.w, fh = r % 2 ? g.w : g.h;
        double x, y, x2, y2;
        g.rotation = r;
        rp_area_group_matrix(&g, m);
        x = m[0] * u + m[2] * v + m[4];
        y = m[1] * u + m[3] * v + m[5];
        assert_float_equal(x, want[r][0], 1e-9);
        assert_float_equal(y, want[r][1], 1e-9);
        /* The opposite corner lands opposite: the frame covers g. */
        u += fw;
        v += fh;
        x2 = m[0] * u + m[2] * v + m[4];
        y2 = m[1] * u + m[3] * v + m[5];
        assert_float_equal(fabs(x2 - x), g.w, 1e-9);
        assert_float_equal(fabs(y2 - y), g.h, 1e-9);
    }
}

/* Turned 90 degrees, the content's lines run along the height. */
static void turned_container_lines_run_along_its_height(void **state)
{
    static struct capture c;
    struct rp_error err;
    const struct captured_line *l;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block-container absolute-position='absolute' "
                "top='10pt' left='20pt' width='30pt' height='90pt' "
                "reference-orientation='90'>"
                "<fo:block>one two three four five six seven</fo:block>"
                "</fo:block-container><fo:block>body</fo:block>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.rotation, 1);
    /* The content rectangle on the page (body at 10, 50). */
    assert_float_equal(c.turn[0], 10 + 20, 1e-9);
    assert_float_equal(c.turn[1], 50 + 10, 1e-9);
    assert_float_equal(c.turn[2], 30, 1e-9);
    assert_float_equal(c.turn[3], 90, 1e-9);
    /* In the frame: lines up to 90pt long, from the frame's corner. */
    l = find_prefix(&c, "one", 1);
    assert_non_null(l);
    assert_true(l->w > 30 && l->w <= 90);
    assert_float_equal(l->x, 30, 1e-9);
    assert_true(find_prefix(&c, "seven", 1) || l->w > 80);
}

/* In the flow, a container with a height takes it; with a width, its
 * content wraps at that width, indents counted from its start edge. */
static void in_flow_container_takes_its_width_and_height(void **state)
{
    static struct capture c;
    struct rp_error err;
    const struct captured_line *a, *b, *w;
    (void)state;
    assert_int_equal(lay_out("<fo:block>above</fo:block>"
                             "<fo:block-container height='40pt' width='100pt' "
                             "start-indent='20pt'>"
                             "<fo:block start-indent='5pt'>in</fo:block>"
                             "</fo:block-container>"
                             "<fo:block>below</fo:block>"
                             "<fo:block-container width='60pt'>"
                             "<fo:block>wraps at sixty points wide</fo:block>"
                             "</fo:block-container>",
                             &c, &err),
                     RP_OK);
    a = find_prefix(&c, "above", 1);
    b = find_prefix(&c, "below", 1);
    w = find_prefix(&c, "in", 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(w);
    /* 12pt lines: below comes 40pt after the container's top. */
    assert_float_equal(b->y - a->y, 12 + 40, 1e-6);
    /* The body's edge (10) + the container's indent + the content's. */
    assert_float_equal(w->x, 10 + 20 + 5, 1e-9);
    assert_int_equal(c.clips, 0);
    w = find_prefix(&c, "wraps", 1);
    assert_non_null(w);
    assert_true(w->w <= 60);
    assert_true(find_prefix(&c, "sixty", 1) || find_prefix(&c, "points", 1));
}

/* A container of nothing but positioned areas still makes its page. */
static void flow_of_positioned_areas_only(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block-container absolute-position='fixed' top='0pt' "
                "left='0pt'><fo:block>cover</fo:block>"
                "<fo:block-container absolute-position='absolute' "
                "top='20pt' left='30pt'><fo:block>nested</fo:block>"
                "</fo:block-container></fo:block-container>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.pages, 1);
    assert_float_equal(find(&c, "cover")->x, 0, 1e-9);
    /* Nested: against the container's content rectangle at (0, 0). */
    assert_float_equal(find(&c, "nested")->x, 30, 1e-9);
    assert_true(find(&c, "nested")->y > 20 && find(&c, "nested")->y < 32);
}

/*
 * Invalid values are warnings, as Apache FOP has them: the property keeps
 * its initial value (in flow, no offset, no height) and the document lays
 * out.
 */
static void invalid_position_values_fall_back(void **state)
{
    static const char *const attributes[] = {
        "absolute-position='sideways'",
        "z-index='high'",
        "top='far'",
        "height='-3pt'",
    };
    static struct capture c;
    struct rp_error err;
    char flow[256];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(attributes) / sizeof(attributes[0]); i++) {
        snprintf(flow, sizeof(flow),
                 "<fo:block>before</fo:block><fo:block-container %s>"
                 "<fo:block>x</fo:block></fo:block-container>",
                 attributes[i]);
        assert_int_equal(lay_out(flow, &c, &err), RP_OK);
        assert_non_null(find(&c, "x"));
        assert_true(find(&c, "x")->y > find(&c, "before")->y);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(positioned_container_takes_no_room_in_the_flow),
        cmocka_unit_test(positioned_offsets_from_every_side),
        cmocka_unit_test(static_watermark_on_every_page_stacked_by_z_index),
        cmocka_unit_test(hidden_overflow_clips_to_the_container),
        cmocka_unit_test(group_matrix_turns_the_frame_onto_the_group),
        cmocka_unit_test(turned_container_lines_run_along_its_height),
        cmocka_unit_test(in_flow_container_takes_its_width_and_height),
        cmocka_unit_test(flow_of_positioned_areas_only),
        cmocka_unit_test(invalid_position_values_fall_back),
    };
    return cmocka_run_group_tests_name("position", tests, NULL, NULL);
}
