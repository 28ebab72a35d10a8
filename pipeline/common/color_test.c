/* Unit tests for the colour parser: every form it reads, case, space,
 * clamping, and what it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "common/color.h"

#define EPS 1e-9

static void expect(const char *text, double r, double g, double b, double a)
{
    struct rp_color c;

    if (!rp_color_parse(text, &c))
        fail_msg("'%s' does not parse", text);
    assert_float_equal(c.r, r, EPS);
    assert_float_equal(c.g, g, EPS);
    assert_float_equal(c.b, b, EPS);
    assert_float_equal(c.a, a, EPS);
}

static void refuse(const char *text)
{
    struct rp_color c = {0.25, 0.25, 0.25, 0.25};

    if (rp_color_parse(text, &c))
        fail_msg("'%s' parses", text);
    /* Left as it was. */
    assert_float_equal(c.r, 0.25, EPS);
    assert_float_equal(c.a, 0.25, EPS);
}

static void test_hex(void **state)
{
    (void)state;
    expect("#1f3a5f", 0x1f / 255.0, 0x3a / 255.0, 0x5f / 255.0, 1);
    expect("#FFF", 1, 1, 1, 1);
    expect("#abc", 0xaa / 255.0, 0xbb / 255.0, 0xcc / 255.0, 1);
    expect("#f008", 1, 0, 0, 0x88 / 255.0);
    expect("#00ff0080", 0, 1, 0, 0x80 / 255.0);
    expect("  #000000 \n", 0, 0, 0, 1);
    refuse("#12");
    refuse("#12345");
    refuse("#1234567");
    refuse("#123456789");
    refuse("#ggg");
    refuse("#");
    refuse("# fff");
    refuse("#fff x");
}

static void test_rgb(void **state)
{
    (void)state;
    expect("rgb(0, 128, 255)", 0, 128 / 255.0, 1, 1);
    expect("RGB(0,128,255)", 0, 128 / 255.0, 1, 1);
    expect(" rgb(255, 0, 50%) ", 1, 0, 0.5, 1);
    expect("rgb(100%, 0%, 25.5%)", 1, 0, 0.255, 1);
    expect("rgb (1, 2, 3)", 1 / 255.0, 2 / 255.0, 3 / 255.0, 1);
    expect("rgb(1 2 3)", 1 / 255.0, 2 / 255.0, 3 / 255.0, 1);
    expect("rgb(1 2 3 / 0.5)", 1 / 255.0, 2 / 255.0, 3 / 255.0, 0.5);
    expect("rgba(10, 20, 30, 0.25)", 10 / 255.0, 20 / 255.0, 30 / 255.0, 0.25);
    expect("rgba(10, 20, 30, 40%)", 10 / 255.0, 20 / 255.0, 30 / 255.0, 0.4);
    expect("rgba(10, 20, 30)", 10 / 255.0, 20 / 255.0, 30 / 255.0, 1);
    expect("rgb(1e2, .5, 5.)", 100 / 255.0, 0.5 / 255.0, 5 / 255.0, 1);
    /* Out of range is clamped, as CSS says. */
    expect("rgb(300, -5, 120%)", 1, 0, 1, 1);
    expect("rgba(0, 0, 0, 2)", 0, 0, 0, 1);
    refuse("rgb(1,2)");
    refuse("rgb(1,2,3,4,5)");
    refuse("rgb(1,2,3");
    refuse("rgb(1,2,3) x");
    refuse("rgb(1,2,3) junk)");
    refuse("rgb(1,,2,3)");
    refuse("rgb(a,b,c)");
    refuse("rgb(1,2,inf)");
    refuse("rgb(1,2,nan)");
    refuse("rgb(0x10,2,3)");
    refuse("rgb(1,2,3 / )");
    refuse("rgb(1 / 2, 3)");
    refuse("hsl(1, 2%, 3%)");
    refuse("url(#p)");
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(rp_color_name_count(), 147);
    expect("red", 1, 0, 0, 1);
    expect("White", 1, 1, 1, 1);
    expect("DarkSlateGray", 0x2f / 255.0, 0x4f / 255.0, 0x4f / 255.0, 1);
    expect("darkslategrey", 0x2f / 255.0, 0x4f / 255.0, 0x4f / 255.0, 1);
    expect("aliceblue", 0xf0 / 255.0, 0xf8 / 255.0, 1, 1);
    expect("yellowgreen", 0x9a / 255.0, 0xcd / 255.0, 0x32 / 255.0, 1);
    expect("lightgoldenrodyellow", 0xfa / 255.0, 0xfa / 255.0, 0xd2 / 255.0, 1);
    expect(" orange\t", 1, 0xa5 / 255.0, 0, 1);
    expect("TRANSPARENT", 0, 0, 0, 0);
    refuse("blurple");
    refuse("red blue");
    refuse("re d");
    refuse("currentColor");
    refuse("none");
    refuse("inherit");
    refuse("rebeccapurple-ish");
    refuse("averyveryverylongnamethatisnocolourat all");
    refuse("");
    refuse("   ");
}

/* The table is sorted (bsearch finds each name) and every name parses. */
static void test_every_name(void **state)
{
    static const char *const some[] = {
        "aqua",      "cyan",       "fuchsia", "magenta", "gray",
        "grey",      "dimgray",    "dimgrey", "navy",    "whitesmoke",
        "palegreen", "papayawhip", "tomato",  "wheat",   "black",
    };
    struct rp_color c;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(some) / sizeof(some[0]); i++)
        assert_true(rp_color_parse(some[i], &c));
}

/* FOP's ColorUtil.lightenColor, with which it draws ridge and inset. */
static void test_lighten(void **state)
{
    struct rp_color c = {0.2, 0.4, 0.8, 1}, l;

    (void)state;
    l = rp_color_lighten(c, 0.4);
    assert_float_equal(l.r, 0.52, 1e-9);
    assert_float_equal(l.g, 0.64, 1e-9);
    assert_float_equal(l.b, 0.88, 1e-9);
    assert_float_equal(l.a, 1, 1e-9);
    l = rp_color_lighten(c, -0.4);
    assert_float_equal(l.r, 0.12, 1e-9);
    assert_float_equal(l.g, 0.24, 1e-9);
    assert_float_equal(l.b, 0.48, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex),     cmocka_unit_test(test_rgb),
        cmocka_unit_test(test_names),   cmocka_unit_test(test_every_name),
        cmocka_unit_test(test_lighten),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
