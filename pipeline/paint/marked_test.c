/*
 * Unit tests for marked content written from counted segments
 * (marked.c): content as Cairo writes it, with the segments a painter
 * would have counted, comes back with each element's glyphs and shapes
 * in its own sequence, text objects kept whole where one owner has
 * them, a text-showing operation split where two do, clips left out,
 * Cairo's Link marks dropped and its ActualText spans kept inside; and
 * counts that do not hold are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "paint_internal.h"

static const char *const roles[] = {"Document", "P", "TD", "Figure"};

/* f-0-0: one-byte codes; f-1-0: two-byte (a Type0 font). */
static int width(void *ctx, const char *name, size_t len)
{
    (void)ctx;
    if (len == 5 && !memcmp(name, "f-0-0", 5))
        return 1;
    if (len == 5 && !memcmp(name, "f-1-0", 5))
        return 2;
    return 0;
}

/* The marked content, or NULL when refused; *n_mcids set. */
static char *mark(const char *content, const struct rp_mark_seg *segs, size_t n,
                  GArray **mcids)
{
    GString *out = g_string_new(NULL);

    *mcids = g_array_new(FALSE, FALSE, sizeof(struct rp_mcid));
    if (!rp_pdf_mark_content(content, strlen(content), segs, n, roles, width,
                             NULL, out, *mcids)) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

/* Whitespace folded to single spaces, for comparing. */
static char *fold(const char *s)
{
    GString *g = g_string_new(NULL);
    bool space = false;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\n') {
            space = g->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(g, ' ');
        space = false;
        g_string_append_c(g, *s);
    }
    return g_string_free(g, FALSE);
}

static void expect(const char *content, const struct rp_mark_seg *segs,
                   size_t n, const char *want, guint want_mcids)
{
    GArray *mcids;
    char *got = mark(content, segs, n, &mcids);
    char *folded;

    assert_non_null(got);
    folded = fold(got);
    assert_string_equal(folded, want);
    assert_int_equal(mcids->len, want_mcids);
    g_free(folded);
    g_free(got);
    g_array_free(mcids, TRUE);
}

/* A background (an artifact), then a cell's text and a paragraph's in
 * one text object: the text-showing operation is split between them,
 * its strings written again in hex. */
static void test_split_text(void **state)
{
    const struct rp_mark_seg segs[] = {
        {-1, -1, 0, 0, 1, false},
        {2, 2, 0, 3, 0, false},
        {1, 1, 0, 2, 0, false},
    };

    (void)state;
    expect("0 0 10 10 re f\nBT\n/f-0-0 1 Tf\n[(abc) -20 (de)] TJ\nET\n", segs,
           3,
           "/Artifact BMC 0 0 10 10 re f EMC BT /f-0-0 1 Tf "
           "/TD <</MCID 0>> BDC [<616263> -20 ] TJ EMC "
           "/P <</MCID 1>> BDC [<6465> ] TJ EMC ET",
           2);
}

/* One owner for two text objects: one sequence around both. */
static void test_whole_text_objects(void **state)
{
    const struct rp_mark_seg segs[] = {{1, 1, 0, 4, 0, false}};

    (void)state;
    expect("BT\n/f-0-0 1 Tf\n(ab) Tj\nET\n0 0 1 rg\nBT\n/f-0-0 1 Tf\n(cd) "
           "Tj\nET\n",
           segs, 1,
           "/P <</MCID 0>> BDC BT /f-0-0 1 Tf (ab) Tj ET 0 0 1 rg BT "
           "/f-0-0 1 Tf (cd) Tj ET EMC",
           1);
}

/* Two-byte codes count as one glyph each; escapes decode. */
static void test_code_widths(void **state)
{
    const struct rp_mark_seg segs[] = {
        {1, 1, 0, 2, 0, false},
        {2, 2, 0, 2, 0, false},
    };

    (void)state;
    expect("BT\n/f-1-0 1 Tf\n<00410042> Tj\n/f-0-0 1 Tf\n(\\(\\101) Tj\nET\n",
           segs, 2,
           "BT /f-1-0 1 Tf /P <</MCID 0>> BDC <00410042> Tj /f-0-0 1 Tf "
           "EMC /TD <</MCID 1>> BDC (\\(\\101) Tj EMC ET",
           2);
}

/* A clip is no content; a shape's path goes with its painting; the
 * sequence ends at q and Q, and goes on after with a new MCID. */
static void test_paths_and_clips(void **state)
{
    const struct rp_mark_seg segs[] = {{3, 3, 0, 0, 2, false}};

    (void)state;
    expect("q\n0 0 5 5 re W n\n1 0 0 rg\n0 0 m 5 5 l S\nQ\n0 0 3 3 re f\n",
           segs, 1,
           "q 0 0 5 5 re W n 1 0 0 rg /Figure <</MCID 0>> BDC 0 0 m 5 5 l "
           "S EMC Q /Figure <</MCID 1>> BDC 0 0 3 3 re f EMC",
           2);
}

/* Cairo's (empty) Link marks go; its ActualText span stays inside. */
static void test_cairo_marks(void **state)
{
    const struct rp_mark_seg segs[] = {{1, 1, 0, 3, 0, false}};

    (void)state;
    expect("/Link << /MCID 0 >> BDC\nEMC\nBT\n/f-0-0 1 Tf\n/Span << "
           "/ActualText (x) >> BDC\n(ab) Tj\nEMC\n(c) Tj\nET\n",
           segs, 1,
           "/P <</MCID 0>> BDC BT /f-0-0 1 Tf /Span << /ActualText (x) >> "
           "BDC (ab) Tj EMC (c) Tj ET EMC",
           1);
}

/* A loose segment (a line Pango drew, its underline uncounted) takes
 * the painting up to the next segment's glyph. */
static void test_loose(void **state)
{
    const struct rp_mark_seg segs[] = {
        {1, 1, 0, 1, 0, true},
        {2, 2, 0, 1, 0, false},
    };

    (void)state;
    expect("BT\n/f-0-0 1 Tf\n(a) Tj\nET\n0 0 4 1 re f\nBT\n/f-0-0 1 Tf\n(b) "
           "Tj\nET\n",
           segs, 2,
           "/P <</MCID 0>> BDC BT /f-0-0 1 Tf (a) Tj ET 0 0 4 1 re f EMC "
           "/TD <</MCID 1>> BDC BT /f-0-0 1 Tf (b) Tj ET EMC",
           2);
}

/* Counts that do not hold, an unknown font or an inline image: no. */
static void test_refused(void **state)
{
    const struct rp_mark_seg more[] = {{1, 1, 0, 3, 0, false}};
    const struct rp_mark_seg shape[] = {{1, 1, 0, 1, 1, false}};
    GArray *mcids;

    (void)state;
    assert_null(mark("BT\n/f-0-0 1 Tf\n(ab) Tj\nET\n", more, 1, &mcids));
    g_array_free(mcids, TRUE);
    /* a glyph where a shape is owed */
    assert_null(mark("BT\n/f-0-0 1 Tf\n(a) Tj\nET\nBT\n/f-0-0 1 Tf\n(b) "
                     "Tj\nET\n",
                     shape, 1, &mcids));
    g_array_free(mcids, TRUE);
    assert_null(mark("BT\n/f-9-9 1 Tf\n(a) Tj\nET\n", more, 1, &mcids));
    g_array_free(mcids, TRUE);
    assert_null(mark("BI /W 1 /H 1 ID x EI\n", more, 1, &mcids));
    g_array_free(mcids, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_text),
        cmocka_unit_test(test_whole_text_objects),
        cmocka_unit_test(test_code_widths),
        cmocka_unit_test(test_paths_and_clips),
        cmocka_unit_test(test_cairo_marks),
        cmocka_unit_test(test_loose),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
