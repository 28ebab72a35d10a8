/*
 * Unit tests of layout: FO snippets laid out, pages checked through the
 * area tree (positions, page assignment, repeated headers, keeps).
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

#include <unistd.h>

#include <libxml/parser.h>

#include "fo/fo.h"
#include "layout/layout.h"

#define MAX_LINES 4096
#define RP_TEST_FO_NS "http://www.w3.org/1999/XSL/Format"

struct captured_line {
    int page;
    double x, y, w;
    const void *layout;
    int z;        /* z-index of the positioned area around it */
    bool grouped; /* inside a positioned area */
    int order;    /* index on its page */
    char text[128];
};

struct capture {
    int pages;
    int n;
    struct captured_line lines[MAX_LINES];
    int rects_per_page[64];
    int top_rules_per_page[64];
    int groups_per_page[64];
    int clips;
    double clip[4]; /* the last clipping rectangle */
    int rotation;   /* of the last turned group */
    double turn[4]; /* its rectangle */
    double page_height;
    size_t text_bytes; /* of every line, on every page */
    int text_lines;
    size_t longest_line; /* bytes */
    double widest_line;  /* points */
};

static enum rp_status capture_page(void *ctx, const struct rp_area_page *page,
                                   struct rp_error *err)
{
    struct capture *c = ctx;
    size_t i;
    int zs[16], depth = 0;
    (void)err;
    c->pages++;
    c->page_height = page->height;
    for (i = 0; i < page->n_items; i++) {
        const struct rp_area_item *item = &page->items[i];
        if (item->kind == RP_AREA_GROUP) {
            if (depth == 0 && page->index < 64)
                c->groups_per_page[page->index]++;
            if (item->clip) {
                c->clips++;
                c->clip[0] = item->x;
                c->clip[1] = item->y;
                c->clip[2] = item->w;
                c->clip[3] = item->h;
            }
            if (item->rotation) {
                c->rotation = item->rotation;
                c->turn[0] = item->x;
                c->turn[1] = item->y;
                c->turn[2] = item->w;
                c->turn[3] = item->h;
            }
            if (depth < 16)
                zs[depth] = item->z;
            depth++;
        }
        if (item->kind == RP_AREA_GROUP_END)
            depth--;
        if (item->kind == RP_AREA_RECT && page->index < 64)
            c->rects_per_page[page->index]++;
        if (item->kind == RP_AREA_RULE && item->h == 0 && page->index < 64)
            c->top_rules_per_page[page->index]++;
        if (item->kind == RP_AREA_TEXT || item->kind == RP_AREA_GLYPHS) {
            GString *text = g_string_new(NULL);
            rp_area_text(item, text);
            c->text_bytes += text->len;
            c->text_lines++;
            if (text->len > c->longest_line)
                c->longest_line = text->len;
            if (item->w > c->widest_line)
                c->widest_line = item->w;
            g_string_free(text, TRUE);
        }
        if ((item->kind == RP_AREA_TEXT || item->kind == RP_AREA_GLYPHS) &&
            c->n < MAX_LINES) {
            struct captured_line *l = &c->lines[c->n++];
            GString *text = g_string_new(NULL);
            rp_area_text(item, text);
            l->page = page->index;
            l->x = item->x;
            l->y = item->y;
            l->w = item->w;
            l->layout = item->layout;
            l->grouped = depth > 0;
            l->z = depth > 0 ? zs[0] : 0;
            l->order = (int)i;
            g_strlcpy(l->text, text->str, sizeof(l->text));
            g_string_free(text, TRUE);
        }
    }
    return RP_OK;
}

/* 200pt x 200pt pages with a 100pt-tall, 180pt-wide body at (10, 50). */
static const char page_setup[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
    "font-family='DejaVu Sans' font-size='10pt' line-height='12pt'>"
    "<fo:layout-master-set><fo:simple-page-master master-name='p' "
    "page-width='200pt' page-height='200pt' margin='10pt'>"
    "<fo:region-body margin-top='40pt' margin-bottom='40pt'/>"
    "<fo:region-after extent='20pt'/>"
    "</fo:simple-page-master></fo:layout-master-set>"
    "<fo:page-sequence master-reference='p' id='seq'>";
/* "Page N of M": the pages wait in the spool until M is known. */
static const char page_footer[] =
    "<fo:static-content flow-name='xsl-region-after'><fo:block>"
    "Page <fo:page-number/> of <fo:page-number-citation-last ref-id='seq'/>"
    "</fo:block></fo:static-content>";

/*
 * Lays out a flow body on the test page setup, with or without the
 * numbered footer.  With from_file the FO is written to a file and
 * streamed from it, else it is laid out from an in-memory xmlDoc: both
 * paths must give the same pages.
 */
static enum rp_status lay_out_with(const char *statics, const char *flow,
                                   bool from_file, struct capture *c,
                                   struct rp_error *err)
{
    size_t n = strlen(page_setup) + strlen(statics) + strlen(flow) + 128;
    char *text = malloc(n);
    char path[] = "/tmp/layout_test_XXXXXX";
    struct rp_fo_doc *fo = NULL;
    struct rp_layout_sink sink = {capture_page, c, false};
    struct rp_layout_stats stats;
    PangoContext *pango = rp_layout_context_new();
    enum rp_status status;
    xmlDoc *doc = NULL;

    snprintf(text, n,
             "%s%s<fo:flow flow-name='xsl-region-body'>%s</fo:flow>"
             "</fo:page-sequence></fo:root>",
             page_setup, statics, flow);
    memset(c, 0, sizeof(*c));
    rp_error_init(err);
    if (from_file) {
        int fd = mkstemp(path);
        FILE *fp = fdopen(fd, "w");
        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
        status = rp_fo_doc_open_file(path, NULL, &fo, err);
    } else {
        doc = xmlReadMemory(text, (int)strlen(text), "t.fo", NULL, 0);
        assert_non_null(doc);
        status = rp_fo_doc_open_xml(doc, "t.fo", NULL, &fo, err);
    }
    if (status == RP_OK)
        status = rp_layout_run(fo, pango, &sink, &stats, err);
    if (status == RP_OK)
        assert_int_equal(stats.pages, c->pages);
    rp_fo_doc_free(fo);
    if (doc)
        xmlFreeDoc(doc);
    if (from_file)
        unlink(path);
    g_object_unref(pango);
    free(text);
    return status;
}

static enum rp_status lay_out_from(const char *flow, bool from_file,
                                   bool numbered, struct capture *c,
                                   struct rp_error *err)
{
    return lay_out_with(numbered ? page_footer : "", flow, from_file, c, err);
}

static enum rp_status lay_out(const char *flow, struct capture *c,
                              struct rp_error *err)
{
    return lay_out_from(flow, false, true, c, err);
}

static const struct captured_line *find(const struct capture *c,
                                        const char *text)
{
    int i;
    for (i = 0; i < c->n; i++) {
        if (strcmp(c->lines[i].text, text) == 0)
            return &c->lines[i];
    }
    return NULL;
}

static const struct captured_line *find_prefix(const struct capture *c,
                                               const char *prefix, int page)
{
    int i;
    for (i = 0; i < c->n; i++) {
        if (strncmp(c->lines[i].text, prefix, strlen(prefix)) == 0 &&
            (page == 0 || c->lines[i].page == page))
            return &c->lines[i];
    }
    return NULL;
}

static int count_prefix(const struct capture *c, const char *prefix, int page)
{
    int i, n = 0;
    for (i = 0; i < c->n; i++) {
        if (strncmp(c->lines[i].text, prefix, strlen(prefix)) == 0 &&
            (page == 0 || c->lines[i].page == page))
            n++;
    }
    return n;
}

static void lines_stack_by_line_height(void **state)
{
    static struct capture c;
    struct rp_error err;
    const struct captured_line *a, *b;
    (void)state;
    assert_int_equal(lay_out("<fo:block>alpha</fo:block>"
                             "<fo:block space-before='6pt'>beta</fo:block>",
                             &c, &err),
                     RP_OK);
    a = find(&c, "alpha");
    b = find(&c, "beta");
    assert_non_null(a);
    assert_non_null(b);
    assert_float_equal(a->x, 10, 0.01);
    /* Baselines 12pt line + 6pt space apart. */
    assert_float_equal(b->y - a->y, 18, 0.01);
    /* First baseline inside the body, which starts at y = 50. */
    assert_true(a->y > 50 && a->y < 62);
}

static void paragraphs_wrap_within_the_region(void **state)
{
    static struct capture c;
    struct rp_error err;
    int i, lines = 0;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block>one two three four five six seven eight nine "
                "ten eleven twelve thirteen fourteen fifteen</fo:block>",
                &c, &err),
        RP_OK);
    for (i = 0; i < c.n; i++) {
        if (strncmp(c.lines[i].text, "Page", 4) == 0)
            continue;
        lines++;
        assert_true(c.lines[i].x >= 10 - 0.01);
        assert_true(c.lines[i].x + c.lines[i].w <= 190 + 0.01);
    }
    assert_true(lines >= 3);
}

static void pages_break_and_every_block_appears_once(void **state)
{
    static struct capture c;
    struct rp_error err;
    char flow[8192] = "";
    char text[32];
    int i;
    (void)state;
    for (i = 0; i < 40; i++) {
        char block[64];
        snprintf(block, sizeof(block), "<fo:block>item %d</fo:block>", i);
        strcat(flow, block);
    }
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    /* 100pt body / 12pt lines = 8 lines a page: 5 pages. */
    assert_int_equal(c.pages, 5);
    for (i = 0; i < 40; i++) {
        const struct captured_line *l;
        snprintf(text, sizeof(text), "item %d", i);
        l = find(&c, text);
        assert_non_null(l);
        assert_int_equal(l->page, i / 8 + 1);
        assert_true(l->y < 150);
    }
    assert_int_equal(count_prefix(&c, "item ", 0), 40);
    /* "Page N of M" resolved once every page was laid out. */
    assert_non_null(find(&c, "Page 2 of 5"));
    assert_non_null(find(&c, "Page 5 of 5"));
}

static void keep_with_next_moves_heading_to_next_page(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    /* 7 lines fill 84pt; a heading alone would fit, its text would not. */
    assert_int_equal(
        lay_out("<fo:block>1</fo:block><fo:block>2</fo:block>"
                "<fo:block>3</fo:block><fo:block>4</fo:block>"
                "<fo:block>5</fo:block><fo:block>6</fo:block>"
                "<fo:block>7</fo:block>"
                "<fo:block keep-with-next='always'>Heading</fo:block>"
                "<fo:block>Body</fo:block>",
                &c, &err),
        RP_OK);
    assert_int_equal(find(&c, "7")->page, 1);
    assert_int_equal(find(&c, "Heading")->page, 2);
    assert_int_equal(find(&c, "Body")->page, 2);
}

static void break_before_starts_a_new_page(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(lay_out("<fo:block>first</fo:block>"
                             "<fo:block break-before='page'>second</fo:block>",
                             &c, &err),
                     RP_OK);
    assert_int_equal(c.pages, 2);
    assert_int_equal(find(&c, "second")->page, 2);
}

static void table_header_repeats_on_every_page(void **state)
{
    static struct capture c;
    struct rp_error err;
    char flow[16384];
    size_t len;
    int i, page;
    (void)state;
    len = (size_t)snprintf(
        flow, sizeof(flow),
        "<fo:table><fo:table-column column-width='60pt'/>"
        "<fo:table-column column-width='proportional-column-width(1)'/>"
        "<fo:table-header><fo:table-row><fo:table-cell><fo:block>Id"
        "</fo:block></fo:table-cell><fo:table-cell><fo:block>Subject"
        "</fo:block></fo:table-cell></fo:table-row></fo:table-header>"
        "<fo:table-body>");
    for (i = 0; i < 30; i++)
        len += (size_t)snprintf(
            flow + len, sizeof(flow) - len,
            "<fo:table-row><fo:table-cell><fo:block>T-%d</fo:block>"
            "</fo:table-cell><fo:table-cell><fo:block>s%d</fo:block>"
            "</fo:table-cell></fo:table-row>",
            i, i);
    snprintf(flow + len, sizeof(flow) - len, "</fo:table-body></fo:table>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_true(c.pages >= 4);
    for (page = 1; page <= c.pages; page++)
        assert_int_equal(count_prefix(&c, "Id", page), 1);
    assert_int_equal(count_prefix(&c, "T-", 0), 30);
    /* Second column starts where the 60pt first column ends. */
    assert_float_equal(find(&c, "s0")->x, 70, 0.01);
}

static void block_too_tall_for_a_page_is_placed_not_looped(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:table><fo:table-body><fo:table-row><fo:table-cell>"
                "<fo:block>a</fo:block><fo:block>b</fo:block>"
                "<fo:block>c</fo:block><fo:block>d</fo:block>"
                "<fo:block>e</fo:block><fo:block>f</fo:block>"
                "<fo:block>g</fo:block><fo:block>h</fo:block>"
                "<fo:block>i</fo:block><fo:block>j</fo:block>"
                "</fo:table-cell></fo:table-row></fo:table-body></fo:table>"
                "<fo:block>after</fo:block>",
                &c, &err),
        RP_OK);
    assert_int_equal(find(&c, "a")->page, 1);
    assert_int_equal(find(&c, "after")->page, 2);
}

static void background_spans_pages_top_border_only_on_first(void **state)
{
    static struct capture c;
    struct rp_error err;
    char flow[4096] = "<fo:block background-color='#eeeeee' "
                      "border-top='1pt solid black'>";
    int i;
    (void)state;
    for (i = 0; i < 12; i++)
        strcat(flow, "<fo:block>row</fo:block>");
    strcat(flow, "</fo:block>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(c.pages, 2);
    assert_int_equal(c.rects_per_page[1], 1);
    assert_int_equal(c.rects_per_page[2], 1);
    assert_int_equal(c.top_rules_per_page[1], 1);
    assert_int_equal(c.top_rules_per_page[2], 0);
}

static void unknown_master_is_an_input_error(void **state)
{
    const char *text =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>"
        "<fo:layout-master-set/><fo:page-sequence master-reference='nope'>"
        "<fo:flow flow-name='xsl-region-body'/></fo:page-sequence>"
        "</fo:root>";
    xmlDoc *doc = xmlReadMemory(text, (int)strlen(text), "t.fo", NULL, 0);
    struct rp_fo_doc *fo = NULL;
    struct capture *c = calloc(1, sizeof(*c));
    struct rp_layout_sink sink = {capture_page, c, false};
    struct rp_layout_stats stats;
    PangoContext *pango = rp_layout_context_new();
    struct rp_error err;
    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_fo_doc_open_xml(doc, "t.fo", NULL, &fo, &err), RP_OK);
    assert_int_equal(rp_layout_run(fo, pango, &sink, &stats, &err),
                     RP_ERR_INPUT);
    assert_string_equal(err.field, "master-reference");
    assert_non_null(strstr(err.message, "'nope'"));
    rp_fo_doc_free(fo);
    xmlFreeDoc(doc);
    g_object_unref(pango);
    free(c);
}

/* The streamed file source and the in-memory source agree exactly. */
static void file_and_memory_sources_lay_out_alike(void **state)
{
    static struct capture a, b;
    struct rp_error err;
    char flow[16384] = "";
    int i;
    (void)state;
    strcat(flow, "<fo:block font-weight='bold' keep-with-next='always'>"
                 "Title <fo:inline color='red'>red</fo:inline></fo:block>");
    strcat(flow, "<fo:table><fo:table-header><fo:table-row><fo:table-cell>"
                 "<fo:block>H</fo:block></fo:table-cell></fo:table-row>"
                 "</fo:table-header><fo:table-body>");
    for (i = 0; i < 25; i++) {
        char row[160];
        snprintf(row, sizeof(row),
                 "<fo:table-row><fo:table-cell><fo:block>r%d <!-- c -->"
                 "<fo:footnote>x</fo:footnote>end</fo:block></fo:table-cell>"
                 "</fo:table-row>",
                 i);
        strcat(flow, row);
    }
    strcat(flow, "</fo:table-body></fo:table><fo:block/>"
                 "<fo:block>after <fo:page-number-citation ref-id='seq'/>"
                 "</fo:block>");
    assert_int_equal(lay_out_from(flow, false, true, &a, &err), RP_OK);
    assert_int_equal(lay_out_from(flow, true, true, &b, &err), RP_OK);
    assert_int_equal(a.pages, b.pages);
    assert_int_equal(a.n, b.n);
    for (i = 0; i < a.n; i++) {
        assert_string_equal(a.lines[i].text, b.lines[i].text);
        assert_int_equal(a.lines[i].page, b.lines[i].page);
        assert_float_equal(a.lines[i].y, b.lines[i].y, 1e-9);
    }
    assert_non_null(find(&b, "r24 end"));
    assert_non_null(find(&b, "after 1"));
}

/*
 * "Page N of M" lays the document out once, with the pages waiting in the
 * spool: the body must come out exactly as without the footer.
 */
static void spooled_pages_match_unspooled_ones(void **state)
{
    static struct capture spooled, direct;
    static char flow[8192];
    struct rp_error err;
    int i, j = 0;
    (void)state;
    flow[0] = '\0';
    for (i = 0; i < 30; i++) {
        char block[128];
        snprintf(block, sizeof(block),
                 "<fo:block text-align='justify' color='#336699'>Block %d "
                 "with words enough to wrap onto a second line</fo:block>",
                 i);
        strcat(flow, block);
    }
    assert_int_equal(lay_out_from(flow, false, true, &spooled, &err), RP_OK);
    assert_int_equal(lay_out_from(flow, false, false, &direct, &err), RP_OK);
    assert_true(spooled.pages > 3);
    assert_int_equal(spooled.pages, direct.pages);
    for (i = 0; i < spooled.n; i++) {
        char footer[32];
        if (!strncmp(spooled.lines[i].text, "Page ", 5)) {
            snprintf(footer, sizeof(footer), "Page %d of %d",
                     spooled.lines[i].page, spooled.pages);
            assert_string_equal(spooled.lines[i].text, footer);
            continue;
        }
        assert_true(j < direct.n);
        assert_string_equal(spooled.lines[i].text, direct.lines[j].text);
        assert_int_equal(spooled.lines[i].page, direct.lines[j].page);
        assert_float_equal(spooled.lines[i].y, direct.lines[j].y, 1e-9);
        assert_float_equal(spooled.lines[i].w, direct.lines[j].w, 1e-9);
        j++;
    }
    assert_int_equal(j, direct.n);
}

/*
 * A forward citation in the flow (a table of contents) is laid out with a
 * stand-in and laid out again once its page is known.
 */
static void forward_citations_in_the_flow_are_filled_in(void **state)
{
    static struct capture c;
    struct rp_error err;
    const struct captured_line *toc;
    (void)state;
    assert_int_equal(
        lay_out("<fo:block text-align-last='justify'>Intro <fo:leader "
                "leader-pattern='dots'/> <fo:page-number-citation "
                "ref-id='end'/></fo:block>"
                "<fo:block>see page <fo:page-number-citation ref-id='end'/>"
                " and <fo:page-number-citation-last ref-id='seq'/></fo:block>"
                "<fo:block break-before='page' id='end'>end</fo:block>"
                "<fo:block break-before='page'>last</fo:block>",
                &c, &err),
        RP_OK);
    assert_int_equal(c.pages, 3);
    assert_non_null(find(&c, "see page 2 and 3"));
    assert_non_null(find(&c, "end"));
    assert_non_null(find(&c, "Page 1 of 3"));
    assert_non_null(find(&c, "Page 3 of 3"));
    /* The TOC line ends at the right edge, its leader grown to fit. */
    toc = find_prefix(&c, "Intro", 1);
    assert_non_null(toc);
    if (toc) {
        size_t len = strlen(toc->text);
        assert_true(len > 0 && toc->text[len - 1] == '2');
        assert_float_equal(toc->x + toc->w, 190, 0.5);
    }
}

/*
 * What the spool cannot wait for falls back to two passes, with the same
 * result: a citation whose real page number no longer fits the line it
 * was laid out on, a line only Pango can draw.
 */
static void what_the_spool_cannot_wait_for_still_resolves(void **state)
{
    static struct capture c;
    static char flow[8192];
    struct rp_error err;
    int i;
    (void)state;
    /* "00" fits after the words at 40pt; "101" does not. */
    strcpy(flow, "<fo:block>see the table on page <fo:inline font-size='40pt'>"
                 "<fo:page-number-citation ref-id='far'/></fo:inline>"
                 "</fo:block>");
    for (i = 0; i < 100; i++)
        strcat(flow, "<fo:block break-before='page'>x</fo:block>");
    strcat(flow, "<fo:block id='far'>far</fo:block>");
    assert_int_equal(lay_out(flow, &c, &err), RP_OK);
    assert_int_equal(c.pages, 101);
    assert_non_null(find_prefix(&c, "see the table on page", 1));
    assert_non_null(find_prefix(&c, "101", 1));
    assert_int_equal(
        lay_out("<fo:block><fo:inline text-decoration='underline'>under"
                "</fo:inline></fo:block><fo:block break-before='page'>two"
                "</fo:block>",
                &c, &err),
        RP_OK);
    assert_non_null(find(&c, "under"));
    assert_non_null(find(&c, "Page 2 of 2"));
}

/*
 * The same text in the same style and width is shaped once it repeats,
 * and shared from then on; a text seen once is not kept.
 */
static void repeated_paragraphs_share_one_shaping(void **state)
{
    static struct capture c;
    struct rp_error err;
    const void *billing[5];
    int i, n = 0;
    (void)state;
    /* Unnumbered: spooled pages keep glyphs, not layouts, to compare. */
    assert_int_equal(
        lay_out_from("<fo:block>Billing</fo:block><fo:block>Login</fo:block>"
                     "<fo:block>Billing</fo:block><fo:block font-weight='bold'>"
                     "Billing</fo:block><fo:block>Billing</fo:block>"
                     "<fo:block>Billing</fo:block>",
                     false, false, &c, &err),
        RP_OK);
    for (i = 0; i < c.n; i++) {
        if (strcmp(c.lines[i].text, "Billing") == 0 && n < 5)
            billing[n++] = c.lines[i].layout;
    }
    assert_int_equal(n, 5);
    /* The second plain one is kept; the later plain ones share it. */
    assert_ptr_equal(billing[3], billing[1]);
    assert_ptr_equal(billing[4], billing[1]);
    assert_ptr_not_equal(billing[0], billing[1]);
    /* The bold one has a shape of its own. */
    assert_ptr_not_equal(billing[2], billing[1]);
}

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

/* An FO document in memory: blocks nested levels deep in the flow (at
 * depth 2), the innermost saying "deep"; built node by node, as XSLT
 * builds its result, with no parser's depth limit. */
static xmlDoc *nested_blocks(int levels)
{
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"root"), *n;
    xmlNs *ns =
        xmlNewNs(root, (const xmlChar *)RP_TEST_FO_NS, (const xmlChar *)"fo");
    int i;

    xmlSetNs(root, ns);
    xmlDocSetRootElement(doc, root);
    n = xmlNewChild(root, ns, (const xmlChar *)"layout-master-set", NULL);
    n = xmlNewChild(n, ns, (const xmlChar *)"simple-page-master", NULL);
    xmlNewProp(n, (const xmlChar *)"master-name", (const xmlChar *)"p");
    xmlNewChild(n, ns, (const xmlChar *)"region-body", NULL);
    n = xmlNewChild(root, ns, (const xmlChar *)"page-sequence", NULL);
    xmlNewProp(n, (const xmlChar *)"master-reference", (const xmlChar *)"p");
    n = xmlNewChild(n, ns, (const xmlChar *)"flow", NULL);
    xmlNewProp(n, (const xmlChar *)"flow-name",
               (const xmlChar *)"xsl-region-body");
    for (i = 0; i < levels; i++)
        n = xmlNewChild(n, ns, (const xmlChar *)"block", NULL);
    xmlNodeAddContent(n, (const xmlChar *)"deep");
    return doc;
}

static enum rp_status lay_out_doc(xmlDoc *doc, struct capture *c,
                                  struct rp_error *err)
{
    struct rp_fo_doc *fo = NULL;
    struct rp_layout_sink sink = {capture_page, c, false};
    struct rp_layout_stats stats;
    PangoContext *pango = rp_layout_context_new();
    enum rp_status status;

    memset(c, 0, sizeof(*c));
    rp_error_init(err);
    status = rp_fo_doc_open_xml(doc, "t.fo", NULL, &fo, err);
    if (status == RP_OK)
        status = rp_layout_run(fo, pango, &sink, &stats, err);
    rp_fo_doc_free(fo);
    g_object_unref(pango);
    return status;
}

/*
 * Thousands of nested blocks overflowed layout's stack (SIGSEGV at about
 * 6,000).  Nesting is bounded where elements are read, with an input
 * error, in memory as from a file; up to the bound, it lays out.
 */
static void deep_nesting_is_an_input_error_not_a_crash(void **state)
{
    static struct capture c;
    static const int levels[] = {RP_FO_MAX_DEPTH - 1, 10000, 100000};
    struct rp_error err;
    size_t i;
    (void)state;
    /* Blocks at depth 3 to RP_FO_MAX_DEPTH: the deepest that lays out. */
    for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        xmlDoc *doc = nested_blocks(levels[i] - 2);
        enum rp_status status = lay_out_doc(doc, &c, &err);
        xmlFreeDoc(doc);
        if (i == 0) {
            assert_int_equal(status, RP_OK);
            assert_non_null(find(&c, "deep"));
            continue;
        }
        assert_int_equal(status, RP_ERR_INPUT);
        assert_non_null(strstr(err.message, "nested more than 200"));
        assert_string_equal(err.file, "t.fo");
    }
    {
        xmlDoc *doc = nested_blocks(RP_FO_MAX_DEPTH - 1);
        assert_int_equal(lay_out_doc(doc, &c, &err), RP_ERR_INPUT);
        xmlFreeDoc(doc);
    }
}

/* A file says the same, also past libxml2's own limit of 256 levels. */
static void deep_nesting_in_a_file_is_the_same_error(void **state)
{
    static struct capture c;
    static const int levels[] = {230, 1000};
    struct rp_error err;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        GString *flow = g_string_new(NULL);
        int k;
        for (k = 0; k < levels[i]; k++)
            g_string_append(flow, "<fo:block>\n");
        g_string_append(flow, "deep");
        for (k = 0; k < levels[i]; k++)
            g_string_append(flow, "</fo:block>");
        assert_int_equal(lay_out_from(flow->str, true, false, &c, &err),
                         RP_ERR_INPUT);
        assert_non_null(strstr(err.message, "nested more than 200"));
        /* The line of the first element too deep. */
        assert_true(err.line >= RP_FO_MAX_DEPTH - 2 && err.line <= 258);
        g_string_free(flow, TRUE);
    }
}

/* A table in a cell of a table laid out automatically was freed twice:
 * once with the copy of its row held for the column widths, once with
 * the row of the outer table. */
static void a_table_in_a_cell_is_freed_once(void **state)
{
    static struct capture c;
    struct rp_error err;
    (void)state;
    assert_int_equal(
        lay_out("<fo:table><fo:table-body><fo:table-row><fo:table-cell>"
                "<fo:table><fo:table-body><fo:table-row><fo:table-cell>"
                "<fo:block>inner</fo:block></fo:table-cell></fo:table-row>"
                "</fo:table-body></fo:table>"
                "</fo:table-cell></fo:table-row></fo:table-body></fo:table>",
                &c, &err),
        RP_OK);
    assert_non_null(find(&c, "inner"));
}

/* Text of n sentences, numbered, one space apart. */
static GString *sentences(int n)
{
    GString *text = g_string_new(NULL);
    int i;
    for (i = 1; i <= n; i++)
        g_string_append_printf(text,
                               "%sSentence %d: the quick brown fox "
                               "jumps over the lazy dog.",
                               i > 1 ? " " : "", i);
    return text;
}

/*
 * A paragraph too long for one PangoLayout is laid out in pieces; its
 * lines must be those of the whole paragraph: the same breaks, the same
 * indents, justified alike.  Checked against Pango laying out the whole
 * text at once, which it can at this length.
 */
static void long_paragraph_in_pieces_breaks_as_one(void **state)
{
    static struct capture c;
    static const int indents[] = {0, 15, -15};
    struct rp_error err;
    GString *text = sentences(150);
    size_t k;
    (void)state;
    for (k = 0; k < sizeof(indents) / sizeof(indents[0]); k++) {
        PangoContext *pango = rp_layout_context_new();
        PangoLayout *whole = pango_layout_new(pango);
        PangoFontDescription *desc =
            pango_font_description_from_string("DejaVu Sans");
        PangoLayoutIter *iter;
        GString *flow = g_string_new(NULL);
        int i = 0;

        g_string_printf(flow,
                        "<fo:block text-align='justify' text-indent='%dpt'>"
                        "%s</fo:block>",
                        indents[k], text->str);
        assert_int_equal(lay_out_from(flow->str, false, false, &c, &err),
                         RP_OK);
        pango_font_description_set_absolute_size(desc, 10 * PANGO_SCALE);
        pango_layout_set_font_description(whole, desc);
        pango_layout_set_width(whole, 180 * PANGO_SCALE);
        pango_layout_set_wrap(whole, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_justify(whole, TRUE);
        pango_layout_set_indent(whole, indents[k] * PANGO_SCALE);
        pango_layout_set_text(whole, text->str, (int)text->len);
        assert_int_equal(c.text_lines, pango_layout_get_line_count(whole));
        assert_true(c.text_lines > 150 && c.text_lines <= MAX_LINES);
        iter = pango_layout_get_iter(whole);
        do {
            PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
            PangoRectangle logical;
            char expected[128];
            g_strlcpy(expected, text->str + line->start_index,
                      (size_t)line->length + 1 < sizeof(expected)
                          ? (size_t)line->length + 1
                          : sizeof(expected));
            pango_layout_iter_get_line_extents(iter, NULL, &logical);
            assert_string_equal(c.lines[i].text, expected);
            assert_float_equal(c.lines[i].x,
                               10 + (double)logical.x / PANGO_SCALE, 0.01);
            assert_float_equal(c.lines[i].w,
                               (double)logical.width / PANGO_SCALE, 0.01);
            i++;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
        pango_font_description_free(desc);
        g_object_unref(whole);
        g_object_unref(pango);
        g_string_free(flow, TRUE);
    }
    g_string_free(text, TRUE);
}

/*
 * Pango's widths are ints of 1/1024 pt: text wider than about two
 * million points before it is broken overflowed, and the rest of the
 * paragraph went on one line, off the page (2 sentences of 10,000 in the
 * PDF).  Wide letter-spacing brings that within a test's reach.
 */
static void every_character_of_a_huge_paragraph_is_laid_out(void **state)
{
    static struct capture c;
    struct rp_error err;
    GString *text = sentences(2200), *word = g_string_new(NULL);
    GString *flow = g_string_new(NULL);
    int i;
    (void)state;
    g_string_printf(flow, "<fo:block letter-spacing='20pt'>%s</fo:block>",
                    text->str);
    assert_int_equal(lay_out_from(flow->str, false, false, &c, &err), RP_OK);
    /* Every character on a line of the page's width (the body is 180pt
     * wide: some 7 characters 26pt apart), once; only the spaces where
     * lines break are not drawn. */
    assert_true(c.longest_line < 20);
    assert_true(c.widest_line <= 180.01);
    assert_true(c.text_bytes + (size_t)c.text_lines >= text->len);
    assert_true(c.text_bytes <= text->len);
    /* One word of 60,000 characters, broken wherever the line ends. */
    for (i = 0; i < 60000; i++)
        g_string_append_c(word, (char)('a' + i % 26));
    g_string_printf(flow, "<fo:block>%s</fo:block>", word->str);
    assert_int_equal(lay_out_from(flow->str, false, false, &c, &err), RP_OK);
    assert_true(c.text_bytes >= word->len);
    assert_true(c.widest_line <= 180.01);
    g_string_free(text, TRUE);
    g_string_free(word, TRUE);
    g_string_free(flow, TRUE);
}

/* A line that may not wrap and is too wide for Pango: an input error. */
static void an_overlong_line_that_may_not_wrap_is_an_error(void **state)
{
    static struct capture c;
    struct rp_error err;
    GString *text = sentences(2200), *flow = g_string_new(NULL);
    (void)state;
    g_string_printf(flow,
                    "<fo:block wrap-option='no-wrap' letter-spacing='20pt'>"
                    "%s</fo:block>",
                    text->str);
    assert_int_equal(lay_out_from(flow->str, false, false, &c, &err),
                     RP_ERR_INPUT);
    assert_non_null(strstr(err.message, "no-wrap"));
    assert_string_equal(err.file, "t.fo");
    g_string_free(text, TRUE);
    g_string_free(flow, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_stack_by_line_height),
        cmocka_unit_test(spooled_pages_match_unspooled_ones),
        cmocka_unit_test(forward_citations_in_the_flow_are_filled_in),
        cmocka_unit_test(what_the_spool_cannot_wait_for_still_resolves),
        cmocka_unit_test(paragraphs_wrap_within_the_region),
        cmocka_unit_test(pages_break_and_every_block_appears_once),
        cmocka_unit_test(keep_with_next_moves_heading_to_next_page),
        cmocka_unit_test(break_before_starts_a_new_page),
        cmocka_unit_test(table_header_repeats_on_every_page),
        cmocka_unit_test(block_too_tall_for_a_page_is_placed_not_looped),
        cmocka_unit_test(background_spans_pages_top_border_only_on_first),
        cmocka_unit_test(unknown_master_is_an_input_error),
        cmocka_unit_test(file_and_memory_sources_lay_out_alike),
        cmocka_unit_test(repeated_paragraphs_share_one_shaping),
        cmocka_unit_test(positioned_container_takes_no_room_in_the_flow),
        cmocka_unit_test(positioned_offsets_from_every_side),
        cmocka_unit_test(static_watermark_on_every_page_stacked_by_z_index),
        cmocka_unit_test(hidden_overflow_clips_to_the_container),
        cmocka_unit_test(flow_of_positioned_areas_only),
        cmocka_unit_test(group_matrix_turns_the_frame_onto_the_group),
        cmocka_unit_test(turned_container_lines_run_along_its_height),
        cmocka_unit_test(in_flow_container_takes_its_width_and_height),
        cmocka_unit_test(invalid_position_values_fall_back),
        cmocka_unit_test(deep_nesting_is_an_input_error_not_a_crash),
        cmocka_unit_test(deep_nesting_in_a_file_is_the_same_error),
        cmocka_unit_test(a_table_in_a_cell_is_freed_once),
        cmocka_unit_test(long_paragraph_in_pieces_breaks_as_one),
        cmocka_unit_test(every_character_of_a_huge_paragraph_is_laid_out),
        cmocka_unit_test(an_overlong_line_that_may_not_wrap_is_an_error),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
