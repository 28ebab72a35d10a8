/*
 * Unit tests of the SVG subset drawn natively (svg.c): transforms and
 * colours as SVG defines them, the shapes and text a chart's SVG becomes,
 * inherited presentation attributes and halos, the root's viewBox, and
 * everything outside the subset going to librsvg whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "layout/svg.h"

#define NS "xmlns=\"http://www.w3.org/2000/svg\""

static PangoContext *pango;

static int setup(void **state)
{
    (void)state;
    pango = rp_layout_context_new();
    return pango ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    g_object_unref(pango);
    return 0;
}

static void matrix_is(const double m[6], double a, double b, double c, double d,
                      double e, double f)
{
    const double want[6] = {a, b, c, d, e, f};
    int i;

    for (i = 0; i < 6; i++) {
        if (fabs(m[i] - want[i]) > 1e-9) {
            fail_msg("m[%d] = %g, want %g", i, m[i], want[i]);
        }
    }
}

static void transforms_compose_left_to_right(void **state)
{
    double m[6];

    (void)state;
    assert_true(rp_svg_parse_transform("translate(10,20)", m));
    matrix_is(m, 1, 0, 0, 1, 10, 20);
    assert_true(rp_svg_parse_transform("translate(5)", m));
    matrix_is(m, 1, 0, 0, 1, 5, 0);
    assert_true(rp_svg_parse_transform("scale(2)", m));
    matrix_is(m, 2, 0, 0, 2, 0, 0);
    assert_true(rp_svg_parse_transform(" scale( 2 , 3 ) ", m));
    matrix_is(m, 2, 0, 0, 3, 0, 0);
    assert_true(rp_svg_parse_transform("rotate(90)", m));
    matrix_is(m, 0, 1, -1, 0, 0, 0);
    /* rotate about a point keeps the point */
    assert_true(rp_svg_parse_transform("rotate(90 10 10)", m));
    matrix_is(m, 0, 1, -1, 0, 20, 0);
    /* translate, then rotate: the chart's rotated label */
    assert_true(rp_svg_parse_transform("translate(100,50) rotate(-45)", m));
    matrix_is(m, cos(-G_PI / 4), sin(-G_PI / 4), -sin(-G_PI / 4),
              cos(-G_PI / 4), 100, 50);
    assert_true(rp_svg_parse_transform("translate(1,2),scale(3)", m));
    matrix_is(m, 3, 0, 0, 3, 1, 2);
    assert_true(rp_svg_parse_transform("matrix(1 2 3 4 5 6)", m));
    matrix_is(m, 1, 2, 3, 4, 5, 6);
    assert_true(rp_svg_parse_transform("skewX(45)", m));
    matrix_is(m, 1, 0, 1, 1, 0, 0);
    assert_true(rp_svg_parse_transform("", m));
    matrix_is(m, 1, 0, 0, 1, 0, 0);
    assert_false(rp_svg_parse_transform("rotate(1 2)", m));
    assert_false(rp_svg_parse_transform("translate(1", m));
    assert_false(rp_svg_parse_transform("spin(3)", m));
    assert_false(rp_svg_parse_transform("matrix(1 2 3)", m));
    assert_false(rp_svg_parse_transform("scale(nan)", m));
    assert_false(rp_svg_parse_transform("scale(1e400)", m));
}

static enum rp_svg_result draw(const char *svg, struct rp_area_drawing **d,
                               char *why)
{
    struct rp_svg_fonts fonts = {pango, NULL};
    return rp_svg_draw(svg, strlen(svg), &fonts, d, why, 256);
}

/* Colours are common/color.c's (tested there); here, that the SVG side
 * takes every form it reads, alpha included, and keeps its own words. */
static void colours(void **state)
{
    const char *svg =
        "<svg " NS " width=\"10\" height=\"10\" color=\"SteelBlue\">"
        "<rect width=\"1\" height=\"1\" fill=\"#1f4e79\"/>"
        "<rect width=\"1\" height=\"1\" fill=\"rgba(255, 0, 50%, 0.5)\"/>"
        "<rect width=\"1\" height=\"1\" fill=\"#00ff0080\"/>"
        "<rect width=\"1\" height=\"1\" fill=\"currentColor\"/>"
        "<rect width=\"1\" height=\"1\" fill=\"transparent\""
        " stroke=\"White\"/>"
        "</svg>";
    struct rp_area_drawing *d = NULL;
    const struct rp_area_shape *s;
    char why[256];

    (void)state;
    assert_int_equal(draw(svg, &d, why), RP_SVG_DRAWN);
    assert_int_equal(d->n_shapes, 5);
    s = d->shapes;
    assert_true(fabs(s[0].fill.r - 0x1f / 255.0) < 1e-9 &&
                fabs(s[0].fill.g - 0x4e / 255.0) < 1e-9 &&
                fabs(s[0].fill.b - 0x79 / 255.0) < 1e-9 && s[0].fill.a == 1);
    assert_true(s[1].fill.r == 1 && s[1].fill.g == 0 &&
                fabs(s[1].fill.b - 0.5) < 1e-9 && s[1].fill.a == 0.5);
    assert_true(s[2].fill.g == 1 && fabs(s[2].fill.a - 0x80 / 255.0) < 1e-9);
    assert_true(fabs(s[3].fill.r - 0x46 / 255.0) < 1e-9 &&
                fabs(s[3].fill.b - 0xb4 / 255.0) < 1e-9);
    assert_true(s[4].fill.a == 0 && s[4].stroke.a == 1 && s[4].stroke.r == 1);
    rp_svg_drawing_free(d);
    /* Not a colour: the document goes to librsvg. */
    assert_int_equal(
        draw("<svg " NS " width=\"1\" height=\"1\">"
             "<rect width=\"1\" height=\"1\" fill=\"hsl(1,2%,3%)\"/></svg>",
             &d, why),
        RP_SVG_FALLBACK);
}

/* The chart's kind of SVG: a frame, bars, rules, labels, a halo. */
static void a_chart_becomes_shapes_and_text(void **state)
{
    const char *svg =
        "<svg " NS " width=\"200\" height=\"100\" viewBox=\"0 0 200 100\""
        " font-family=\"DejaVu Sans\" font-size=\"7.5\" fill=\"#1a1a1a\">"
        "<rect x=\"10\" y=\"20\" width=\"30\" height=\"40\" fill=\"#1f4e79\""
        " stroke=\"#ffffff\" stroke-width=\"0.4\"/>"
        "<line x1=\"0\" x2=\"200\" y1=\"90\" y2=\"90\" stroke=\"#6b7280\""
        " stroke-width=\"0.5\" stroke-dasharray=\"4 2.5\"/>"
        "<circle cx=\"50\" cy=\"50\" r=\"2\" fill=\"#E69F00\"/>"
        "<text x=\"100\" y=\"95\" text-anchor=\"middle\">Nov\n   2025</text>"
        "<text stroke=\"#ffffff\" stroke-width=\"2.2\" "
        "stroke-linejoin=\"round\""
        " paint-order=\"stroke\" x=\"25\" y=\"18\" text-anchor=\"end\""
        " font-size=\"6.5\" fill=\"#6b7280\">15</text>"
        "<g transform=\"translate(10,5)\" fill=\"red\" font-weight=\"bold\">"
        "<text text-anchor=\"end\" transform=\"rotate(-45)\">Label</text>"
        "<polyline points=\"0,0 10,10 20,0\" fill=\"none\" stroke=\"blue\"/>"
        "</g>"
        "<title>ignored</title><desc>ignored</desc>"
        "</svg>";
    struct rp_area_drawing *d = NULL;
    const struct rp_area_shape *s;
    char why[256];
    double w, w2;

    (void)state;
    assert_int_equal(draw(svg, &d, why), RP_SVG_DRAWN);
    assert_non_null(d);
    assert_true(d->width == 200 && d->height == 100);
    assert_int_equal(d->n_shapes, 7);
    s = d->shapes;
    /* rect: a closed path of four corners, filled and stroked */
    assert_int_equal(s[0].kind, RP_AREA_SHAPE_PATH);
    assert_int_equal(s[0].n_ops, 5);
    assert_int_equal(d->ops[s[0].first_op], RP_AREA_PATH_MOVE);
    assert_int_equal(d->ops[s[0].first_op + 4], RP_AREA_PATH_CLOSE);
    assert_true(d->pts[2 * s[0].first_pt] == 10 &&
                d->pts[2 * s[0].first_pt + 1] == 20);
    assert_true(d->pts[2 * (s[0].first_pt + 2)] == 40 &&
                d->pts[2 * (s[0].first_pt + 2) + 1] == 60);
    assert_true(s[0].fill.a == 1 && s[0].stroke.a == 1 &&
                s[0].stroke_width == 0.4);
    /* line: stroked only, dashed */
    assert_true(s[1].fill.a == 0 && s[1].stroke.a == 1);
    assert_int_equal(s[1].n_dash, 2);
    assert_true(d->dashes[s[1].first_dash] == 4 &&
                d->dashes[s[1].first_dash + 1] == 2.5);
    /* circle: four curves; fill inherited? no: its own */
    assert_int_equal(s[2].n_ops, 6);
    assert_int_equal(d->ops[s[2].first_op + 1], RP_AREA_PATH_CURVE);
    assert_true(s[2].stroke.a == 0);
    /* text: centred on x, white space collapsed, fill inherited */
    assert_int_equal(s[3].kind, RP_AREA_SHAPE_TEXT);
    assert_string_equal(pango_layout_get_text(s[3].layout), "Nov 2025");
    assert_true(fabs(s[3].fill.r - 0x1a / 255.0) < 1e-9);
    w = 100 - s[3].x;
    assert_true(w > 10 && w < 30); /* half of "Nov 2025" at 7.5 pt */
    assert_true(s[3].y == 95);
    /* halo: stroke first, under the fill */
    assert_int_equal(s[4].kind, RP_AREA_SHAPE_TEXT);
    assert_true(s[4].stroke_first && s[4].stroke.a == 1 &&
                s[4].stroke_width == 2.2 && s[4].join == CAIRO_LINE_JOIN_ROUND);
    w2 = 25 - s[4].x;
    assert_true(w2 > 3 && w2 < 10); /* all of "15", anchored at its end */
    /* rotated label: the group's translation, then its rotation */
    assert_int_equal(s[5].kind, RP_AREA_SHAPE_TEXT);
    matrix_is(s[5].m, cos(-G_PI / 4), sin(-G_PI / 4), -sin(-G_PI / 4),
              cos(-G_PI / 4), 10, 5);
    assert_true(s[5].fill.r == 1 && s[5].fill.g == 0);
    rp_svg_drawing_free(d);
}

static void the_view_box_maps_into_the_frame(void **state)
{
    struct rp_area_drawing *d = NULL;
    char why[256];

    (void)state;
    /* meet, centred: scale 2, 50 to spare on x */
    assert_int_equal(
        draw("<svg " NS " width=\"300\" height=\"200\" viewBox=\"0 0 100 100\">"
             "<rect width=\"1\" height=\"1\"/></svg>",
             &d, why),
        RP_SVG_DRAWN);
    matrix_is(d->shapes[0].m, 2, 0, 0, 2, 50, 0);
    rp_svg_drawing_free(d);
    assert_int_equal(draw("<svg " NS " width=\"300\" height=\"200\" viewBox="
                          "\"10 10 100 100\" preserveAspectRatio=\"none\">"
                          "<rect width=\"1\" height=\"1\"/></svg>",
                          &d, why),
                     RP_SVG_DRAWN);
    matrix_is(d->shapes[0].m, 3, 0, 0, 2, -30, -20);
    rp_svg_drawing_free(d);
    /* no size: the viewBox's */
    assert_int_equal(draw("<svg " NS " viewBox=\"0 0 40 30\"/>", &d, why),
                     RP_SVG_DRAWN);
    assert_true(d->width == 40 && d->height == 30 && d->n_shapes == 0);
    rp_svg_drawing_free(d);
}

static void paths_and_inheritance(void **state)
{
    struct rp_area_drawing *d = NULL;
    char why[256];

    (void)state;
    assert_int_equal(
        draw("<svg " NS " width=\"10\" height=\"10\" style=\"stroke: #000;"
             " stroke-width: 2\"><g opacity=\"1\" fill-opacity=\"0.5\">"
             "<path d=\"M0 0 h5 v5 H0 z m1 1 l1 1 c1 1 2 2 3 3 s1 1 2 2"
             " q1 1 2 2 t1 1 a2 2 0 0 1 4 0\"/></g>"
             "<rect width=\"0\" height=\"5\"/>"
             "<rect width=\"5\" height=\"5\" display=\"none\"/></svg>",
             &d, why),
        RP_SVG_DRAWN);
    assert_int_equal(d->n_shapes, 1);
    assert_true(d->shapes[0].fill.a == 0.5 && d->shapes[0].stroke.a == 1 &&
                d->shapes[0].stroke_width == 2);
    assert_true(d->shapes[0].n_ops >= 12);
    rp_svg_drawing_free(d);
}

static void outside_the_subset_goes_to_librsvg(void **state)
{
    static const char *const outside[] = {
        "<svg " NS "><style>rect{fill:red}</style></svg>",
        "<svg " NS "><defs><style>rect{fill:red}</style></defs></svg>",
        "<svg " NS "><rect width=\"1\" height=\"1\" fill=\"url(#p)\"/></svg>",
        "<svg " NS "><linearGradient id=\"g\"/></svg>",
        "<svg " NS "><text>a<tspan>b</tspan></text></svg>",
        "<svg " NS "><text x=\"1 2 3\">abc</text></svg>",
        "<svg " NS "><g opacity=\"0.5\"><rect/></g></svg>",
        "<svg " NS "><rect width=\"1\" height=\"1\" filter=\"url(#f)\"/></svg>",
        "<svg " NS "><rect width=\"1\" height=\"1\" clip-path=\"url(#c)\"/>"
        "</svg>",
        "<svg " NS "><use href=\"#a\"/></svg>",
        "<svg " NS "><image width=\"1\" height=\"1\" href=\"a.png\"/></svg>",
        "<svg " NS "><svg/></svg>",
        "<svg " NS " width=\"50%\" height=\"10\"/>",
        "<svg " NS "><rect width=\"1\" height=\"1\" bogus=\"1\"/></svg>",
        "<svg " NS "><rect width=\"1\" height=\"1\" style=\"fill: red"
        " !important\"/></svg>",
        "<svg " NS "><rect width=\"1em2\" height=\"1\"/></svg>",
        "<svg " NS "><text text-decoration=\"underline\">a</text></svg>",
        "<svg " NS "><rect width=\"1\" height=\"1\" opacity=\".5\""
        " stroke=\"red\"/></svg>",
    };
    struct rp_area_drawing *d = NULL;
    char why[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
        if (draw(outside[i], &d, why) != RP_SVG_FALLBACK)
            fail_msg("drawn natively: %s", outside[i]);
        assert_null(d);
        assert_true(strlen(why) > 0);
    }
    /* Other namespaces are not SVG's: passed over. */
    assert_int_equal(draw("<svg " NS " xmlns:x=\"urn:x\" x:a=\"1\"><x:thing/>"
                          "</svg>",
                          &d, why),
                     RP_SVG_DRAWN);
    rp_svg_drawing_free(d);
    assert_int_equal(draw("<html/>", &d, why), RP_SVG_NOT_SVG);
    assert_int_equal(draw("not xml", &d, why), RP_SVG_NOT_SVG);
    assert_int_equal(draw("<svg/>", &d, why), RP_SVG_NOT_SVG);
    /* Without fonts: only the check. */
    assert_int_equal(rp_svg_draw("<svg " NS "/>", strlen("<svg " NS "/>"), NULL,
                                 &d, why, sizeof(why)),
                     RP_SVG_FALLBACK);
}

static void degenerate_input_is_harmless(void **state)
{
    struct rp_area_drawing *d = NULL;
    char why[256];
    GString *deep = g_string_new("<svg " NS ">");
    int i;

    (void)state;
    /* A singular transform draws nothing (Cairo would refuse it). */
    assert_int_equal(draw("<svg " NS "><rect width=\"1\" height=\"1\""
                          " transform=\"scale(0)\"/></svg>",
                          &d, why),
                     RP_SVG_DRAWN);
    assert_int_equal(d->n_shapes, 0);
    rp_svg_drawing_free(d);
    /* Broken path data: drawn up to the error. */
    assert_int_equal(draw("<svg " NS "><path d=\"M0 0 L1 1 L2 x\" stroke="
                          "\"red\"/><path d=\"Z 1 2\"/></svg>",
                          &d, why),
                     RP_SVG_DRAWN);
    assert_int_equal(d->n_shapes, 1);
    rp_svg_drawing_free(d);
    for (i = 0; i < RP_SVG_MAX_DEPTH + 2; i++)
        g_string_append(deep, "<g>");
    for (i = 0; i < RP_SVG_MAX_DEPTH + 2; i++)
        g_string_append(deep, "</g>");
    g_string_append(deep, "</svg>");
    assert_int_equal(draw(deep->str, &d, why), RP_SVG_FALLBACK);
    g_string_free(deep, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(transforms_compose_left_to_right),
        cmocka_unit_test(colours),
        cmocka_unit_test(a_chart_becomes_shapes_and_text),
        cmocka_unit_test(the_view_box_maps_into_the_frame),
        cmocka_unit_test(paths_and_inheritance),
        cmocka_unit_test(outside_the_subset_goes_to_librsvg),
        cmocka_unit_test(degenerate_input_is_harmless),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
