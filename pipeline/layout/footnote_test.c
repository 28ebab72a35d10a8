/*
 * Unit tests of footnotes on pages, as FOP places them: bodies kept
 * whole when they fit, split at the foot of the page and continued on
 * the next, deferred whole, a line moved when not a line of its note
 * fits, bodies taller than a page going on over pages, and no note line
 * ever lost or shown twice, checked through the area tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layout/layout_test.h"

/* The test body is 100pt tall, from y = 50 to 150. */
#define BODY_BOTTOM 150.0

/* Appends n filler lines of 12pt to flow. */
static void fillers(char *flow, size_t size, int n)
{
    int i;
    for (i = 0; i < n; i++)
        fo_append(flow, size, "<fo:block>filler %d</fo:block>", i);
}

/* Appends a footnote whose body has lines one-line blocks "TAG k"
 * (8pt type on 10pt lines), or one paragraph of "TAG" words when
 * paragraph. */
static void footnote(char *flow, size_t size, const char *tag, int lines,
                     bool paragraph)
{
    int i;

    fo_append(flow, size,
              "<fo:footnote><fo:inline baseline-shift='super' "
              "font-size='7pt'>%s</fo:inline><fo:footnote-body "
              "font-size='8pt' line-height='10pt'>%s",
              tag, paragraph ? "<fo:block>" : "");
    for (i = 1; i <= lines; i++) {
        if (paragraph)
            fo_append(flow, size, "%s %s %s %s %s %s %s %s %s %s ", tag, tag,
                      tag, tag, tag, tag, tag, tag, tag, tag);
        else
            fo_append(flow, size, "<fo:block>%s %d</fo:block>", tag, i);
    }
    fo_append(flow, size, "%s</fo:footnote-body></fo:footnote>",
              paragraph ? "</fo:block>" : "");
}

/* The line "TAG k", which must be there once. */
static const struct captured_line *note_line(const struct capture *c,
                                             const char *tag, int k)
{
    char text[64];
    int i, n = 0;

    snprintf(text, sizeof(text), "%s %d", tag, k);
    for (i = 0; i < c->n; i++)
        n += strcmp(c->lines[i].text, text) == 0;
    assert_int_equal(n, 1);
    return find(c, text);
}

/*
 * A note taller than the room under its line: the line stays, the first
 * lines of the note end the page at the foot of the body, the rest opens
 * the notes of the next page, before that page's own.
 */
static void note_split_and_continued_before_the_next_pages_own(void **state)
{
    static struct capture c;
    static char flow[8192];
    struct rp_error err;
    const struct captured_line *cite, *own, *last1 = NULL;
    int k, on1 = 0;
    (void)state;
    flow[0] = '\0';
    fillers(flow, sizeof(flow), 4);
    fo_append(flow, sizeof(flow), "<fo:block>cite");
    footnote(flow, sizeof(flow), "n", 6, false);
    fo_append(flow, sizeof(flow), " here</fo:block><fo:block>after");
    footnote(flow, sizeof(flow), "own", 1, false);
    fo_append(flow, sizeof(flow), "</fo:block>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    cite = find_prefix(&c, "cite", 0);
    assert_non_null(cite);
    assert_int_equal(cite->page, 1);
    for (k = 1; k <= 6; k++) {
        const struct captured_line *l = note_line(&c, "n", k);
        if (l->page == 1) {
            on1++;
            last1 = l;
        } else {
            assert_int_equal(l->page, 2);
        }
    }
    /* Split: the first lines on page 1, the rest on page 2. */
    assert_true(on1 >= 1 && on1 < 6);
    assert_int_equal(note_line(&c, "n", 1)->page, 1);
    assert_true(last1->y > BODY_BOTTOM - 10 && last1->y <= BODY_BOTTOM);
    assert_true(last1->y > cite->y);
    own = find(&c, "own 1");
    assert_non_null(own);
    assert_int_equal(own->page, 2);
    assert_true(own->y > note_line(&c, "n", 6)->y);
    assert_true(own->y > find_prefix(&c, "after", 2)->y);
}

/*
 * A line with two notes, room for the first whole and not one line of
 * the second: the line stays with the first, the second waits whole for
 * the next page, where it comes before that page's own note.
 */
static void second_note_of_a_line_deferred_whole(void **state)
{
    static struct capture c;
    static char flow[8192];
    struct rp_error err;
    (void)state;
    flow[0] = '\0';
    fillers(flow, sizeof(flow), 5);
    fo_append(flow, sizeof(flow), "<fo:block>cite");
    footnote(flow, sizeof(flow), "a", 2, false);
    fo_append(flow, sizeof(flow), " and");
    footnote(flow, sizeof(flow), "b", 3, false);
    fo_append(flow, sizeof(flow), "</fo:block><fo:block>next");
    footnote(flow, sizeof(flow), "c", 1, false);
    fo_append(flow, sizeof(flow), "</fo:block>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(find_prefix(&c, "cite", 0)->page, 1);
    assert_int_equal(note_line(&c, "a", 1)->page, 1);
    assert_int_equal(note_line(&c, "a", 2)->page, 1);
    assert_int_equal(note_line(&c, "b", 1)->page, 2);
    assert_int_equal(note_line(&c, "b", 3)->page, 2);
    assert_int_equal(note_line(&c, "c", 1)->page, 2);
    assert_true(note_line(&c, "b", 3)->y < note_line(&c, "c", 1)->y);
}

/* Not one line of its note fits under it: the line moves, with it. */
static void line_moves_when_not_a_line_of_its_note_fits(void **state)
{
    static struct capture c;
    static char flow[8192];
    struct rp_error err;
    (void)state;
    flow[0] = '\0';
    fillers(flow, sizeof(flow), 7);
    fo_append(flow, sizeof(flow), "<fo:block>cite");
    footnote(flow, sizeof(flow), "n", 3, false);
    fo_append(flow, sizeof(flow), "</fo:block>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(find_prefix(&c, "filler 6", 0)->page, 1);
    assert_int_equal(find_prefix(&c, "cite", 0)->page, 2);
    assert_int_equal(note_line(&c, "n", 1)->page, 2);
    assert_int_equal(note_line(&c, "n", 3)->page, 2);
}

/*
 * The body's orphans and widows hold in a split: a note paragraph is
 * not split with one line alone on either page; with room for one line
 * only, its line moves.
 */
static void split_keeps_the_bodys_orphans_and_widows(void **state)
{
    static struct capture c;
    static char flow[8192];
    struct rp_error err;
    int fill;
    (void)state;
    for (fill = 0; fill <= 7; fill++) {
        int on1, on2;
        flow[0] = '\0';
        fillers(flow, sizeof(flow), fill);
        fo_append(flow, sizeof(flow), "<fo:block>cite");
        footnote(flow, sizeof(flow), "zz", 5, true);
        fo_append(flow, sizeof(flow), "</fo:block><fo:block>end</fo:block>");
        assert_int_equal(lay_out(flow, &c, &err), RP_OK);
        on1 = count_prefix(&c, "zz", 1);
        on2 = count_prefix(&c, "zz", 2);
        assert_true(on1 == 0 || on1 >= 2);
        assert_true(on2 == 0 || on2 >= 2);
        assert_true(on1 + on2 + count_prefix(&c, "zz", 3) >= 4);
        if (on1 == 0)
            assert_int_equal(find_prefix(&c, "cite", 0)->page, 2);
    }
}

/*
 * Bodies taller than a page go on over as many pages as they need, each
 * taking a line of the text, and on pages of their own after the last;
 * whatever the room, no note line is lost, shown twice, put before its
 * mark's page or out of order, from memory or file, spooled or not.
 */
static void no_note_line_lost_however_tall(void **state)
{
    static struct capture c, plain;
    static char flow[16384];
    struct rp_error err;
    int fill, from_file;
    (void)state;
    for (fill = 0; fill <= 9; fill++) {
        for (from_file = 0; from_file < 2; from_file++) {
            const struct captured_line *prev = NULL;
            int k;
            flow[0] = '\0';
            fillers(flow, sizeof(flow), fill);
            fo_append(flow, sizeof(flow), "<fo:block>cite");
            footnote(flow, sizeof(flow), "big", 40, false);
            fo_append(flow, sizeof(flow), "</fo:block><fo:block>second");
            footnote(flow, sizeof(flow), "small", 2, false);
            fo_append(flow, sizeof(flow),
                      "</fo:block><fo:block>last</fo:block>");
            assert_int_equal(lay_out_from(flow, from_file, true, &c, &err),
                             RP_OK);
            assert_int_equal(lay_out_from(flow, from_file, false, &plain, &err),
                             RP_OK);
            assert_int_equal(c.pages, plain.pages);
            assert_true(c.pages >= 5 && c.pages <= 8);
            assert_non_null(find(&c, "last"));
            for (k = 1; k <= 40; k++) {
                const struct captured_line *l = note_line(&c, "big", k);
                assert_true(l->page >= find_prefix(&c, "cite", 0)->page);
                assert_true(l->y <= BODY_BOTTOM + 0.01);
                if (prev)
                    assert_true(l->page > prev->page ||
                                (l->page == prev->page && l->y > prev->y));
                prev = l;
            }
            /* The second note after the whole of the first. */
            assert_true(note_line(&c, "small", 1)->page > prev->page ||
                        (note_line(&c, "small", 1)->page == prev->page &&
                         note_line(&c, "small", 1)->y > prev->y));
            assert_true(note_line(&c, "small", 2)->page >=
                        note_line(&c, "small", 1)->page);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(note_split_and_continued_before_the_next_pages_own),
        cmocka_unit_test(second_note_of_a_line_deferred_whole),
        cmocka_unit_test(line_moves_when_not_a_line_of_its_note_fits),
        cmocka_unit_test(split_keeps_the_bodys_orphans_and_widows),
        cmocka_unit_test(no_note_line_lost_however_tall),
    };
    return cmocka_run_group_tests_name("footnote", tests, NULL, NULL);
}
