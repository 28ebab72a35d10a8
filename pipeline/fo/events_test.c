/*
 * Unit tests of the file source, whose page sequences are parsed on a
 * producer thread: it must hand out what the in-memory source does, and
 * stop cleanly on errors, rewinds and an early free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/parser.h>

#include "fo/fo.h"

#define HEAD                                                                   \
    "<?xml version='1.0'?>\n"                                                  \
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "                   \
    "xmlns:x='urn:x'>\n"                                                       \
    "<fo:layout-master-set><fo:simple-page-master master-name='A4'>"           \
    "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>\n"       \
    "<fo:page-sequence master-reference='A4'>\n"                               \
    "<fo:flow flow-name='xsl-region-body'>\n"
#define TAIL "</fo:flow></fo:page-sequence></fo:root>\n"
#define HEAD_LINES 5 /* the first block is on line 6 */

/* Many blocks, so that the reader runs well ahead in blocks of events. */
static char *many_blocks(int n, const char *extra_at_end)
{
    GString *s = g_string_new(HEAD);
    int i;

    for (i = 0; i < n; i++) {
        if (i == n / 2)
            g_string_append(s, "<!-- c --><x:skip a='1'><fo:block>no"
                               "</fo:block></x:skip>");
        g_string_append_printf(s,
                               "<fo:block color='#%06x'>b%d <fo:inline "
                               "font-weight='bold'>&amp;%d</fo:inline>"
                               "</fo:block>\n",
                               i, i, i);
    }
    g_string_append(s, extra_at_end);
    g_string_append(s, TAIL);
    return g_string_free(s, FALSE);
}

static void write_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/*
 * The flow of the first page sequence; the caller lets go of it and of
 * *ps with rp_fo_node_done().
 */
static struct rp_fo_node *open_flow(struct rp_fo_doc *doc,
                                    struct rp_fo_node **ps)
{
    struct rp_fo_node *flow = NULL;
    struct rp_error err;

    rp_error_init(&err);
    *ps = NULL;
    assert_int_equal(rp_fo_next_child(doc, rp_fo_doc_root(doc), ps, &err),
                     RP_OK);
    assert_non_null(*ps);
    assert_int_equal(rp_fo_next_child(doc, *ps, &flow, &err), RP_OK);
    assert_non_null(flow);
    assert_int_equal(flow->kind, RP_FO_FLOW);
    return flow;
}

/* "kind line text|..." of every node under flow, depth first. */
static void describe(struct rp_fo_doc *doc, struct rp_fo_node *parent,
                     GString *out, struct rp_error *err)
{
    struct rp_fo_node *c = NULL;

    for (;;) {
        assert_int_equal(rp_fo_next_child(doc, parent, &c, err), RP_OK);
        if (!c)
            return;
        g_string_append_printf(out, "%s %ld %.3f %s|", rp_fo_kind_name(c->kind),
                               c->line, c->props.color.b,
                               c->text ? c->text : "");
        if (c->kind != RP_FO_TEXT)
            describe(doc, c, out, err);
    }
}

static void file_gives_what_memory_gives(void **state)
{
    char path[] = "/tmp/events_test_XXXXXX";
    char *text = many_blocks(3000, "");
    GString *from_file = g_string_new(""), *from_memory = g_string_new("");
    struct rp_fo_doc *doc;
    struct rp_fo_node *ps, *flow;
    struct rp_error err;
    xmlDoc *xml;

    (void)state;
    write_file(path, text);
    rp_error_init(&err);
    assert_int_equal(rp_fo_doc_open_file(path, NULL, &doc, &err), RP_OK);
    flow = open_flow(doc, &ps);
    describe(doc, flow, from_file, &err);
    rp_fo_node_done(flow);
    rp_fo_node_done(ps);
    rp_fo_doc_free(doc);

    xml = xmlReadMemory(text, (int)strlen(text), "t.fo", NULL, 0);
    assert_non_null(xml);
    assert_int_equal(rp_fo_doc_open_xml(xml, "t.fo", NULL, &doc, &err), RP_OK);
    flow = open_flow(doc, &ps);
    describe(doc, flow, from_memory, &err);
    rp_fo_node_done(flow);
    rp_fo_node_done(ps);
    rp_fo_doc_free(doc);
    xmlFreeDoc(xml);

    assert_non_null(
        strstr(from_file->str, "block 6 0.000 |#text 6 0.000 b0 |"));
    assert_non_null(strstr(from_file->str, "#text 3005 0.718 &2999|"));
    assert_string_equal(from_file->str, from_memory->str);
    g_string_free(from_file, TRUE);
    g_string_free(from_memory, TRUE);
    unlink(path);
    g_free(text);
}

static void late_xml_error_names_file_and_line(void **state)
{
    char path[] = "/tmp/events_test_XXXXXX";
    char *text = many_blocks(3000, "<fo:block>x</fo:blok>\n");
    struct rp_fo_doc *doc;
    struct rp_fo_node *ps, *flow, *c = NULL;
    struct rp_error err;
    enum rp_status status;

    (void)state;
    write_file(path, text);
    rp_error_init(&err);
    assert_int_equal(rp_fo_doc_open_file(path, NULL, &doc, &err), RP_OK);
    flow = open_flow(doc, &ps);
    do {
        status = rp_fo_next_child(doc, flow, &c, &err);
    } while (status == RP_OK && c);
    assert_int_equal(status, RP_ERR_INPUT);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, HEAD_LINES + 3000 + 1);
    assert_non_null(strstr(err.message, "not well-formed XML: Opening and "
                                        "ending tag mismatch"));
    rp_fo_node_done(flow);
    rp_fo_node_done(ps);
    rp_fo_doc_free(doc);
    unlink(path);
    g_free(text);
}

static int count_blocks(struct rp_fo_doc *doc, int stop_after)
{
    struct rp_fo_node *ps, *flow = open_flow(doc, &ps), *c = NULL;
    struct rp_error err;
    int n = 0;

    rp_error_init(&err);
    for (;;) {
        assert_int_equal(rp_fo_next_child(doc, flow, &c, &err), RP_OK);
        if (!c || n == stop_after)
            break;
        n += c->kind == RP_FO_BLOCK;
    }
    rp_fo_node_done(c);
    rp_fo_node_done(flow);
    rp_fo_node_done(ps);
    return n;
}

static void rewind_and_early_free_stop_the_reader(void **state)
{
    char path[] = "/tmp/events_test_XXXXXX";
    char *text = many_blocks(5000, "");
    struct rp_fo_doc *doc;
    struct rp_error err;

    (void)state;
    write_file(path, text);
    rp_error_init(&err);
    assert_int_equal(rp_fo_doc_open_file(path, NULL, &doc, &err), RP_OK);
    assert_int_equal(count_blocks(doc, 100), 100);
    assert_int_equal(rp_fo_doc_rewind(doc, &err), RP_OK);
    assert_int_equal(count_blocks(doc, -1), 5000);
    assert_int_equal(rp_fo_doc_rewind(doc, &err), RP_OK);
    assert_int_equal(count_blocks(doc, 10), 10);
    rp_fo_doc_free(doc); /* in the middle: the reader is still ahead */
    unlink(path);
    g_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(file_gives_what_memory_gives),
        cmocka_unit_test(late_xml_error_names_file_and_line),
        cmocka_unit_test(rewind_and_early_free_stop_the_reader),
    };
    return cmocka_run_group_tests_name("fo file source", tests, NULL, NULL);
}
