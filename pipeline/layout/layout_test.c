/*
 * Unit tests of layout: FO snippets laid out, pages checked through the
 * area tree (positions, page assignment, repeated headers, keeps, the
 * spool, citations, limits on nesting and paragraph length).  Positioned
 * and turned containers: position_test.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "layout/layout_test.h"

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
    char flow[16384] = "";
    int i, page;
    (void)state;
    fo_append(flow, sizeof(flow),
              "<fo:table><fo:table-column column-width='60pt'/>"
              "<fo:table-column column-width='proportional-column-width(1)'/>"
              "<fo:table-header><fo:table-row><fo:table-cell><fo:block>Id"
              "</fo:block></fo:table-cell><fo:table-cell><fo:block>Subject"
              "</fo:block></fo:table-cell></fo:table-row></fo:table-header>"
              "<fo:table-body>");
    for (i = 0; i < 30; i++)
        fo_append(flow, sizeof(flow),
                  "<fo:table-row><fo:table-cell><fo:block>T-%d</fo:block>"
                  "</fo:table-cell><fo:table-cell><fo:block>s%d</fo:block>"
                  "</fo:table-cell></fo:table-row>",
                  i, i);
    fo_append(flow, sizeof(flow), "</fo:table-body></fo:table>");
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
 * indents.  Checked against Pango laying out the whole text at once,
 * which it can at this length.  (Start-aligned: justified spaces shrink,
 * lines.c, which a plain Pango layout does not; Pango breaks both kinds
 * greedily, each line from where the one before ended.)
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
                        "<fo:block text-indent='%dpt'>"
                        "%s</fo:block>",
                        indents[k], text->str);
        assert_int_equal(lay_out_from(flow->str, false, false, &c, &err),
                         RP_OK);
        pango_font_description_set_absolute_size(desc, 10 * PANGO_SCALE);
        pango_layout_set_font_description(whole, desc);
        pango_layout_set_width(whole, 180 * PANGO_SCALE);
        pango_layout_set_wrap(whole, PANGO_WRAP_WORD);
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
     * wide: some 7 characters 26pt apart; a longer word overflows its
     * line whole, as in FOP), once; only the spaces where lines break
     * are not drawn. */
    assert_true(c.longest_line < 20);
    assert_true(c.text_bytes + (size_t)c.text_lines >= text->len);
    assert_true(c.text_bytes <= text->len);
    /* One word of 60,000 characters: not broken between letters where
     * the line ends, but laid out whole, in lines as long as Pango can
     * measure (lines.c). */
    for (i = 0; i < 60000; i++)
        g_string_append_c(word, (char)('a' + i % 26));
    g_string_printf(flow, "<fo:block>%s</fo:block>", word->str);
    assert_int_equal(lay_out_from(flow->str, false, false, &c, &err), RP_OK);
    assert_true(c.text_bytes >= word->len);
    assert_true(c.widest_line > 180.01);
    assert_true(c.text_lines < 10);
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
        cmocka_unit_test(deep_nesting_is_an_input_error_not_a_crash),
        cmocka_unit_test(deep_nesting_in_a_file_is_the_same_error),
        cmocka_unit_test(a_table_in_a_cell_is_freed_once),
        cmocka_unit_test(long_paragraph_in_pieces_breaks_as_one),
        cmocka_unit_test(every_character_of_a_huge_paragraph_is_laid_out),
        cmocka_unit_test(an_overlong_line_that_may_not_wrap_is_an_error),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
