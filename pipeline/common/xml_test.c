/*
 * Unit tests for the one XML reader: entities (internal expanded, external
 * refused, bombs stopped), and failures described in the user's terms,
 * for the tree parser and the streaming reader alike.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/xml.h"

struct fixture {
    char dir[64];
    char path[128];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    snprintf(f->dir, sizeof(f->dir), "/tmp/rp-xml-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof(f->path), "%s/doc.xml", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char sub[160];

    unlink(f->path);
    snprintf(sub, sizeof(sub), "%s/sub", f->dir);
    rmdir(sub);
    rmdir(f->dir);
    free(f);
    return 0;
}

static void write_doc(const struct fixture *f, const char *text)
{
    FILE *fp = fopen(f->path, "w");

    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Reads f's document as a tree; on failure the message is in err. */
static enum rp_status read_tree(const struct fixture *f, char **text,
                                struct rp_error *err)
{
    xmlDoc *doc = NULL;
    enum rp_status status;

    rp_error_init(err);
    *text = NULL;
    status = rp_xml_read_file(f->path, &doc, err);
    if (status == RP_OK) {
        xmlChar *s = xmlNodeGetContent(xmlDocGetRootElement(doc));
        *text = strdup((const char *)s);
        xmlFree(s);
        xmlFreeDoc(doc);
    }
    return status;
}

/* The same through the streaming reader: all text, concatenated. */
static enum rp_status read_stream(const struct fixture *f, char **text,
                                  struct rp_error *err)
{
    xmlTextReader *reader;
    size_t len = 0;
    int r;

    rp_error_init(err);
    *text = calloc(1, 1);
    reader = rp_xml_reader_open(f->path, err);
    if (!reader)
        return err->status;
    while ((r = xmlTextReaderRead(reader)) == 1) {
        const xmlChar *v = xmlTextReaderConstValue(reader);
        if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_TEXT && v) {
            size_t n = strlen((const char *)v);
            *text = realloc(*text, len + n + 1);
            memcpy(*text + len, v, n + 1);
            len += n;
        }
    }
    if (r < 0)
        rp_xml_parse_failed(xmlGetLastError(), f->path,
                            xmlTextReaderGetParserLineNumber(reader), err);
    xmlFreeTextReader(reader);
    return r < 0 ? err->status : RP_OK;
}

typedef enum rp_status (*reader_fn)(const struct fixture *, char **,
                                    struct rp_error *);
static const reader_fn readers[] = {read_tree, read_stream};

static void expect_text(void **state, const char *doc, const char *want)
{
    struct fixture *f = *state;
    struct rp_error err;
    char *text;
    size_t i;

    write_doc(f, doc);
    for (i = 0; i < 2; i++) {
        if (readers[i](f, &text, &err) != RP_OK)
            fail_msg("reader %zu: %s", i, err.message);
        assert_string_equal(text, want);
        free(text);
    }
}

static void expect_error(void **state, const char *doc, const char *want)
{
    struct fixture *f = *state;
    struct rp_error err;
    char *text;
    size_t i;

    write_doc(f, doc);
    for (i = 0; i < 2; i++) {
        assert_int_equal(readers[i](f, &text, &err), RP_ERR_INPUT);
        free(text);
        assert_string_equal(err.file, f->path);
        if (!strstr(err.message, want))
            fail_msg("reader %zu: '%s' lacks '%s'", i, err.message, want);
    }
}

static void test_internal_entity_is_expanded(void **state)
{
    expect_text(state,
                "<!DOCTYPE a [<!ENTITY company 'M\xc3\xbcller GmbH'>]>\n"
                "<a>by &company;, &#169; &amp;</a>\n",
                "by M\xc3\xbcller GmbH, \xc2\xa9 &");
}

static void test_external_entity_is_refused(void **state)
{
    expect_error(state,
                 "<!DOCTYPE a [<!ENTITY s SYSTEM 'file:///etc/passwd'>]>\n"
                 "<a>&s;</a>\n",
                 "refused the external entity \"file:///etc/passwd\"");
    expect_error(state,
                 "<!DOCTYPE a [<!ENTITY s SYSTEM 'http://127.0.0.1:9/x'>]>\n"
                 "<a>&s;</a>\n",
                 "refused the external entity \"http://127.0.0.1:9/x\"");
}

/* Declared but never used: nothing is loaded, nothing is refused. */
static void test_unused_external_entity_is_harmless(void **state)
{
    expect_text(state,
                "<!DOCTYPE a [<!ENTITY s SYSTEM 'file:///etc/passwd'>]>\n"
                "<a>fine</a>\n",
                "fine");
}

/* A refusal is reported with its own parse, never with the next one. */
static void test_refusal_does_not_leak(void **state)
{
    test_external_entity_is_refused(state);
    expect_text(state, "<a>next</a>", "next");
}

static void test_entity_bomb_is_stopped(void **state)
{
    char doc[4096];
    size_t n = 0;
    int i, j;

    n += (size_t)snprintf(doc + n, sizeof(doc) - n,
                          "<!DOCTYPE a [<!ENTITY e0 'lollollollol'>");
    for (i = 1; i < 10; i++) {
        n += (size_t)snprintf(doc + n, sizeof(doc) - n, "<!ENTITY e%d '", i);
        for (j = 0; j < 10; j++)
            n += (size_t)snprintf(doc + n, sizeof(doc) - n, "&e%d;", i - 1);
        n += (size_t)snprintf(doc + n, sizeof(doc) - n, "'>");
    }
    snprintf(doc + n, sizeof(doc) - n, "]>\n<a>&e9;</a>\n");
    expect_error(state, doc, "entities expand too far");
}

static void test_empty_file(void **state)
{
    expect_error(state, "", "the file is empty: expected an XML document");
    expect_error(state, " \n\n", "holds only blanks");
}

static void test_not_xml(void **state)
{
    expect_error(state, "hello world\nsecond line\n",
                 "not an XML document: it begins with \"hello world\"");
    expect_error(state, "\xEF\xBB\xBFid,name\n1,x\n",
                 "not an XML document: it begins with \"id,name\"");
}

static void test_content_after_the_end(void **state)
{
    expect_error(state, "<a/><b/>", "something follows the end");
}

static void test_broken_names_the_line(void **state)
{
    struct fixture *f = *state;
    struct rp_error err;
    char *text;

    write_doc(f, "<a>\n<b>\n</c>\n</a>\n");
    assert_int_equal(read_tree(f, &text, &err), RP_ERR_INPUT);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "not well-formed XML: Opening and "
                                        "ending tag mismatch"));
}

static void test_missing_and_directory(void **state)
{
    struct fixture *f = *state;
    struct rp_error err;
    char *text;
    size_t i;

    for (i = 0; i < 2; i++) {
        assert_int_equal(readers[i](f, &text, &err), RP_ERR_INPUT);
        free(text);
        assert_non_null(strstr(err.message, "No such file or directory"));
    }
    snprintf(f->path, sizeof(f->path), "%s/sub", f->dir);
    assert_int_equal(mkdir(f->path, 0755), 0);
    for (i = 0; i < 2; i++) {
        assert_int_equal(readers[i](f, &text, &err), RP_ERR_INPUT);
        free(text);
        assert_non_null(strstr(err.message, "it is a directory"));
    }
}

static void test_memory_reader(void **state)
{
    struct rp_error err;
    xmlDoc *doc = NULL;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_xml_read_memory("", 0, "snapshot", &doc, &err),
                     RP_ERR_INPUT);
    assert_string_equal(err.file, "snapshot");
    assert_non_null(strstr(err.message, "the file is empty"));
    rp_error_init(&err);
    assert_int_equal(rp_xml_read_memory("<a>&#1;</a>", 11, "m", &doc, &err),
                     RP_ERR_INPUT);
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_internal_entity_is_expanded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_external_entity_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unused_external_entity_is_harmless,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusal_does_not_leak, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_entity_bomb_is_stopped, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_xml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_content_after_the_end, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_broken_names_the_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_directory, setup,
                                        teardown),
        cmocka_unit_test(test_memory_reader),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
