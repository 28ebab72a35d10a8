/*
 * Transform stage tests: safe parsing (errors name the line, no entity
 * expansion), XSLT with parameters, the sandbox (no writes, no network, no
 * files outside the stylesheet's directory), and the shipped templates
 * producing FO within the skeleton's subset from a small review-data file.
 *
 * Stylesheets are written to a fresh temporary directory per test.  The
 * shipped templates are found under $TOP/templates (TOP is set by
 * `make test`), else ./templates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "common/mem.h"
#include "transform/transform.h"

#define XSL_HEAD                                                               \
    "<xsl:stylesheet version='1.0'"                                            \
    " xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"                        \
    " xmlns:exsl='http://exslt.org/common'"                                    \
    " extension-element-prefixes='exsl'>\n"
#define XSL_TAIL "</xsl:stylesheet>\n"

struct fixture {
    char dir[64];
};

static int setup(void **state)
{
    struct fixture *f = rp_xcalloc(1, sizeof(*f));

    snprintf(f->dir, sizeof(f->dir), "/tmp/rp-transform-test.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    *state = f;
    return 0;
}

static void remove_file(const struct fixture *f, const char *name)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/%s", f->dir, name);
    unlink(path);
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {"t.xsl",   "labels.xml",  "bad.xml",
                                        "out.xml", "escaped.xml", "inc.xsl",
                                        NULL};
    size_t i;

    for (i = 0; names[i]; i++)
        remove_file(f, names[i]);
    rmdir(f->dir);
    free(f);
    return 0;
}

static char *write_file(const struct fixture *f, const char *name,
                        const char *text)
{
    char *path = rp_xmalloc(256);
    FILE *fp;

    snprintf(path, 256, "%s/%s", f->dir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    return path;
}

static xmlDoc *parse(const char *text)
{
    struct rp_error err;
    xmlDoc *doc = NULL;

    rp_error_init(&err);
    assert_int_equal(
        rp_xml_read_memory(text, strlen(text), "input.xml", &doc, &err), RP_OK);
    return doc;
}

static struct rp_stylesheet *load(const char *path)
{
    struct rp_stylesheet *sheet = NULL;
    struct rp_error err;
    char msg[2048];

    rp_error_init(&err);
    if (rp_transform_load(path, &sheet, &err) != RP_OK) {
        rp_error_format(&err, msg, sizeof(msg));
        fail_msg("cannot load %s: %s", path, msg);
    }
    return sheet;
}

/* Applies the stylesheet text to the input text; returns the status. */
static enum rp_status run(const struct fixture *f, const char *xsl,
                          const char *input, const char *const *params,
                          xmlDoc **out, struct rp_error *err)
{
    char *path = write_file(f, "t.xsl", xsl);
    struct rp_stylesheet *sheet = load(path);
    xmlDoc *in = parse(input);
    enum rp_status status;

    rp_error_init(err);
    status = rp_transform_apply(sheet, in, params, NULL, out, err);
    xmlFreeDoc(in);
    rp_transform_free(sheet);
    free(path);
    return status;
}

static char *root_text(xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);

    assert_non_null(root);
    return (char *)xmlNodeGetContent(root);
}

/* ---- parsing ---- */

static void test_syntax_error_names_the_line(void **state)
{
    struct fixture *f = *state;
    static const char text[] = "<a>\n  <b>\n  </c>\n</a>\n";
    struct rp_error err;
    xmlDoc *doc = NULL;
    char *path;

    (void)f;
    rp_error_init(&err);
    assert_int_equal(
        rp_xml_read_memory(text, strlen(text), "broken.xml", &doc, &err),
        RP_ERR_INPUT);
    assert_null(doc);
    assert_string_equal(err.file, "broken.xml");
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "not well-formed"));

    path = write_file(f, "bad.xml", text);
    rp_error_init(&err);
    assert_int_equal(rp_xml_read_file(path, &doc, &err), RP_ERR_INPUT);
    assert_null(doc);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 3);
    free(path);

    rp_error_init(&err);
    assert_int_equal(rp_xml_read_file("/nonexistent/x.xml", &doc, &err),
                     RP_ERR_INPUT);
    assert_string_equal(err.file, "/nonexistent/x.xml");
}

/* No entity substitution and no external DTD or entity is fetched. */
static void test_external_entities_are_refused(void **state)
{
    static const char text[] =
        "<!DOCTYPE a [<!ENTITY secret SYSTEM 'file:///etc/passwd'>]>\n"
        "<a>&secret;</a>\n";
    struct rp_error err;
    xmlDoc *doc = NULL;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(
        rp_xml_read_memory(text, strlen(text), "input.xml", &doc, &err),
        RP_ERR_INPUT);
    assert_null(doc);
    assert_non_null(strstr(err.message, "refused the external entity"));
}

static void test_write_file_round_trip(void **state)
{
    struct fixture *f = *state;
    struct rp_error err;
    xmlDoc *doc = parse("<a x='M\xc3\xbcller &amp; Co'>\xe2\x82\xac</a>");
    xmlDoc *again = NULL;
    char path[256];
    xmlChar *x;

    snprintf(path, sizeof(path), "%s/out.xml", f->dir);
    rp_error_init(&err);
    assert_int_equal(rp_xml_write_file(doc, path, &err), RP_OK);
    assert_int_equal(rp_xml_read_file(path, &again, &err), RP_OK);
    x = xmlGetProp(xmlDocGetRootElement(again), BAD_CAST "x");
    assert_string_equal((char *)x, "M\xc3\xbcller & Co");
    xmlFree(x);
    xmlFreeDoc(again);
    xmlFreeDoc(doc);
}

/* ---- transformations ---- */

static void test_tiny_transform(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'>"
                 "<out><xsl:value-of select='count(//item)'/></out>"
                 "</xsl:template>" XSL_TAIL;
    struct rp_error err;
    xmlDoc *out = NULL;
    char *text;

    assert_int_equal(
        run(*state, xsl, "<list><item/><item/></list>", NULL, &out, &err),
        RP_OK);
    text = root_text(out);
    assert_string_equal(text, "2");
    xmlFree(text);
    xmlFreeDoc(out);
}

/* A value is a string, however it is quoted or what it looks like. */
static void test_param_reaches_template(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:param name='who'/>"
                 "<xsl:template match='/'>"
                 "<out><xsl:value-of select='$who'/></out>"
                 "</xsl:template>" XSL_TAIL;
    const char *params[] = {"who", "O'Neill \"Pete\" count(/)", NULL};
    struct rp_error err;
    xmlDoc *out = NULL;
    char *text;

    assert_int_equal(run(*state, xsl, "<x/>", params, &out, &err), RP_OK);
    text = root_text(out);
    assert_string_equal(text, "O'Neill \"Pete\" count(/)");
    xmlFree(text);
    xmlFreeDoc(out);
}

static void expect_refused(void **state, const char *xsl,
                           const char *expect_in_message)
{
    struct fixture *f = *state;
    struct rp_error err;
    xmlDoc *out = NULL;

    assert_int_equal(run(f, xsl, "<x/>", NULL, &out, &err), RP_ERR_INPUT);
    assert_null(out);
    assert_non_null(strstr(err.file, "t.xsl"));
    if (!strstr(err.message, expect_in_message))
        fail_msg("message '%s' lacks '%s'", err.message, expect_in_message);
}

static void test_exsl_document_is_refused(void **state)
{
    struct fixture *f = *state;
    char xsl[1024], path[256];

    snprintf(path, sizeof(path), "%s/escaped.xml", f->dir);
    snprintf(xsl, sizeof(xsl),
             XSL_HEAD "<xsl:template match='/'><out>"
                      "<exsl:document href='%s'><owned/></exsl:document>"
                      "</out></xsl:template>" XSL_TAIL,
             path);
    expect_refused(state, xsl, "writing the file");
    assert_int_equal(access(path, F_OK), -1);
}

static void test_network_read_is_refused(void **state)
{
    expect_refused(state,
                   XSL_HEAD "<xsl:template match='/'><out>"
                            "<xsl:copy-of select="
                            "\"document('http://example.com/x.xml')\"/>"
                            "</out></xsl:template>" XSL_TAIL,
                   "reading from the network");
}

/* document() may read beside the stylesheet, and nowhere else. */
static void test_file_read_outside_template_dir_is_refused(void **state)
{
    struct fixture *f = *state;
    static const char beside[] =
        XSL_HEAD "<xsl:template match='/'><out>"
                 "<xsl:value-of select=\"document('labels.xml')/l\"/>"
                 "</out></xsl:template>" XSL_TAIL;
    struct rp_error err;
    xmlDoc *out = NULL;
    char *labels = write_file(f, "labels.xml", "<l>Hello</l>");
    char *text;

    assert_int_equal(run(f, beside, "<x/>", NULL, &out, &err), RP_OK);
    text = root_text(out);
    assert_string_equal(text, "Hello");
    xmlFree(text);
    xmlFreeDoc(out);
    free(labels);

    expect_refused(state,
                   XSL_HEAD "<xsl:template match='/'><out>"
                            "<xsl:copy-of select="
                            "\"document('/etc/passwd')\"/>"
                            "</out></xsl:template>" XSL_TAIL,
                   "refused reading /etc/passwd");
}

/* ---- what a stylesheet may load (xsl:include, xsl:import) ---- */

/* Loads path, expecting a refusal whose message holds want. */
static void expect_load_refused(const char *path, const char *want)
{
    struct rp_stylesheet *sheet = NULL;
    struct rp_error err;

    rp_error_init(&err);
    assert_int_equal(rp_transform_load(path, &sheet, &err), RP_ERR_INPUT);
    assert_null(sheet);
    if (!strstr(err.message, want))
        fail_msg("message '%s' lacks '%s'", err.message, want);
}

/* A listener on a loopback port of our own: after the load, no
 * connection may be waiting on it. */
static void test_include_from_network_is_refused(void **state)
{
    struct fixture *f = *state;
    struct sockaddr_in addr = {.sin_family = AF_INET};
    socklen_t len = sizeof(addr);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), conn;
    const char *kinds[] = {"include", "import"};
    char xsl[1024];
    char *path;
    size_t i;

    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
    assert_int_equal(listen(fd, 8), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &len), 0);
    for (i = 0; i < 2; i++) {
        snprintf(xsl, sizeof(xsl),
                 XSL_HEAD
                 "<xsl:%s href='http://127.0.0.1:%d/x.xsl'/>"
                 "<xsl:template match='/'><out/></xsl:template>" XSL_TAIL,
                 kinds[i], ntohs(addr.sin_port));
        path = write_file(f, "t.xsl", xsl);
        expect_load_refused(path, "templates may not use the network");
        free(path);
    }
    conn = accept(fd, NULL, NULL);
    assert_int_equal(conn, -1);
    assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
    close(fd);
}

static void test_include_outside_template_dir_is_refused(void **state)
{
    struct fixture *f = *state;
    char *path = write_file(
        f, "t.xsl",
        XSL_HEAD "<xsl:import href='file:///etc/passwd'/>"
                 "<xsl:template match='/'><out/></xsl:template>" XSL_TAIL);

    expect_load_refused(path, "refused to read file:///etc/passwd: "
                              "templates may read files only in their own "
                              "directory");
    free(path);
}

/* The included stylesheet is parsed like any document: its internal
 * entities reach the output, its external ones are refused. */
static void test_included_stylesheet_entities(void **state)
{
    struct fixture *f = *state;
    static const char main_xsl[] =
        XSL_HEAD "<xsl:include href='inc.xsl'/>"
                 "<xsl:template match='/'><out><xsl:call-template "
                 "name='leak'/></out></xsl:template>" XSL_TAIL;
    struct rp_error err;
    xmlDoc *out = NULL;
    char *inc, *text;

    inc = write_file(f, "inc.xsl",
                     "<!DOCTYPE xsl:stylesheet [<!ENTITY co 'M\xc3\xbcller "
                     "GmbH'>]>\n" XSL_HEAD
                     "<xsl:template name='leak'>&co;</xsl:template>" XSL_TAIL);
    free(inc);
    assert_int_equal(run(f, main_xsl, "<x/>", NULL, &out, &err), RP_OK);
    text = root_text(out);
    assert_string_equal(text, "M\xc3\xbcller GmbH");
    xmlFree(text);
    xmlFreeDoc(out);

    inc = write_file(f, "inc.xsl",
                     "<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM "
                     "'file:///etc/passwd'>]>\n" XSL_HEAD
                     "<xsl:template name='leak'>&x;</xsl:template>" XSL_TAIL);
    free(inc);
    inc = write_file(f, "t.xsl", main_xsl);
    expect_load_refused(inc, "refused the external entity "
                             "\"file:///etc/passwd\"");
    free(inc);
}

/* A document() beside the stylesheet is read like any document too. */
static void test_document_with_external_entity_is_refused(void **state)
{
    struct fixture *f = *state;
    char *labels = write_file(
        f, "labels.xml",
        "<!DOCTYPE l [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><l>&x;</l>");

    free(labels);
    expect_refused(state,
                   XSL_HEAD "<xsl:template match='/'><out>"
                            "<xsl:value-of select=\"document('labels.xml')\"/>"
                            "</out></xsl:template>" XSL_TAIL,
                   "refused the external entity");
}

static void test_message_terminate_is_an_input_error(void **state)
{
    expect_refused(state,
                   XSL_HEAD "<xsl:template match='/'>"
                            "<xsl:message terminate='yes'>no account "
                            "ACC-1</xsl:message>"
                            "</xsl:template>" XSL_TAIL,
                   "no account ACC-1");
}

static void test_invalid_stylesheet(void **state)
{
    struct fixture *f = *state;
    struct rp_stylesheet *sheet = NULL;
    struct rp_error err;
    char *path;

    path = write_file(f, "t.xsl",
                      XSL_HEAD "<xsl:template match='/'>\n"
                               "<xsl:value-of select='((('/>\n"
                               "</xsl:template>" XSL_TAIL);
    rp_error_init(&err);
    assert_int_equal(rp_transform_load(path, &sheet, &err), RP_ERR_INPUT);
    assert_null(sheet);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 3);
    free(path);

    path = write_file(f, "t.xsl", "<xsl:stylesheet");
    rp_error_init(&err);
    assert_int_equal(rp_transform_load(path, &sheet, &err), RP_ERR_INPUT);
    assert_null(sheet);
    assert_int_equal(err.line, 1);
    free(path);
}

/* ---- the shipped templates ---- */

static const char review_data[] =
    "<review-data generated='2026-11-22T18:00:00Z' period-start='2025-11-01'"
    " period-end='2026-10-31'>"
    "<program accounts='1' accounts-stable='0' accounts-watch='1'"
    " accounts-unstable='0' tickets='2' open-at-end='1' sla-met='1'"
    " sla-breached='0' sla-pending='1' sla-met-pct='100.0'"
    " tickets-outside-period='0' tickets-unmatched='1' tickets-total='3'>"
    "<priority name='P1' tickets='0' open-at-end='0' sla-met='0'"
    " sla-breached='0' sla-pending='0'/>"
    "<priority name='P2' tickets='2' open-at-end='1' sla-met='1'"
    " sla-breached='0' sla-pending='1' sla-met-pct='100.0'"
    " first-response-median-hours='0.5' resolution-median-hours='3.0'/>"
    "<priority name='P3' tickets='0' open-at-end='0' sla-met='0'"
    " sla-breached='0' sla-pending='0'/>"
    "<priority name='P4' tickets='0' open-at-end='0' sla-met='0'"
    " sla-breached='0' sla-pending='0'/>"
    "<month month='2025-11' label='Nov 2025' tickets='2' p1='0' p2='2'"
    " p3='0' p4='0'/>"
    "<category name='Billing' tickets='2'/>"
    "</program>"
    "<sla-targets compliance-target-pct='90' basis='calendar-hours'>"
    "<target priority='P1' first-response-hours='1' resolution-hours='8'/>"
    "<target priority='P2' first-response-hours='4' resolution-hours='24'/>"
    "<target priority='P3' first-response-hours='8' resolution-hours='72'/>"
    "<target priority='P4' first-response-hours='24'"
    " resolution-hours='120'/>"
    "</sla-targets>"
    "<account id='ACC-1001' name='M\xc3\xbcller GmbH' tier='Gold'"
    " owner='Dana' industry='' country='DE' website=''"
    " annual-revenue='1250000.00' renewal='2027-03-31' health='watch'>"
    "<health-reason>3 P1 tickets were raised in the period</health-reason>"
    "<support tickets='2' open-at-end='1' sla-met='1' sla-breached='0'"
    " sla-pending='1' sla-met-pct='100.0'"
    " first-response-median-hours='0.5' first-response-p90-hours='0.5'"
    " resolution-median-hours='3.0' resolution-p90-hours='3.0'>"
    "<priority name='P1' tickets='0' open-at-end='0' sla-met='0'"
    " sla-breached='0' sla-pending='0'/>"
    "<priority name='P2' tickets='2' open-at-end='1' sla-met='1'"
    " sla-breached='0' sla-pending='1' sla-met-pct='100.0'/>"
    "<priority name='P3' tickets='0' open-at-end='0' sla-met='0'"
    " sla-breached='0' sla-pending='0'/>"
    "<priority name='P4' tickets='0' open-at-end='0' sla-met='0'"
    " sla-breached='0' sla-pending='0'/>"
    "<month month='2025-11' label='Nov 2025' tickets='2' p1='0' p2='2'"
    " p3='0' p4='0'/>"
    "<category name='Billing' tickets='2'/>"
    "<ticket id='T-1' priority='P2' status='solved' category='Billing'"
    " created='2025-11-03T09:12:00Z' first-response='2025-11-03T09:42:00Z'"
    " resolved='2025-11-03T12:12:00Z' sla='met' open-at-end='no'"
    " first-response-hours='0.5' resolution-hours='3.0'>Invoice &amp;"
    " VAT</ticket>"
    "<ticket id='T-2' priority='P2' status='open' category=''"
    " created='2025-11-04T09:00:00Z' sla='pending'"
    " open-at-end='yes'>Cannot log in</ticket>"
    "</support></account>"
    "<unmatched tickets='1'><ticket id='T-9' account-id='ACC-9999'"
    " priority='P3' status='new' category='' created='2026-01-01T00:00:00Z'"
    " in-period='yes'>Lost ticket</ticket></unmatched>"
    "</review-data>";

/* The FO subset the skeleton renderer implements (docs/fo-subset.md). */
static const char *const fo_subset[] = {
    "root",
    "layout-master-set",
    "simple-page-master",
    "region-body",
    "region-before",
    "region-after",
    "page-sequence",
    "static-content",
    "flow",
    "block",
    "block-container",
    "inline",
    "external-graphic", /* the brand's logo in the running header */
    "page-number",
    "page-number-citation-last",
    "page-number-citation",
    "table",
    "table-column",
    "table-header",
    "table-body",
    "table-row",
    "table-cell",
    "instream-foreign-object",
    "bookmark-tree", /* the review's outline and contents */
    "bookmark",
    "bookmark-title",
    "basic-link",
    "leader",
    NULL,
};

static void check_fo_subset(xmlNode *node)
{
    size_t i;

    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        assert_non_null(node->ns);
        assert_string_equal((const char *)node->ns->href,
                            "http://www.w3.org/1999/XSL/Format");
        for (i = 0; fo_subset[i]; i++) {
            if (strcmp((const char *)node->name, fo_subset[i]) == 0)
                break;
        }
        if (!fo_subset[i])
            fail_msg("fo:%s is outside the skeleton's FO subset",
                     (const char *)node->name);
        /* A chart's SVG (templates/charts.xsl) is no FO. */
        if (strcmp((const char *)node->name, "instream-foreign-object") != 0)
            check_fo_subset(node->children);
    }
}

static double fo_count(xmlDoc *doc, const char *expr)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathObject *obj;
    double n;

    xmlXPathRegisterNs(ctx, BAD_CAST "fo",
                       BAD_CAST "http://www.w3.org/1999/XSL/Format");
    obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(obj);
    n = xmlXPathCastToNumber(obj);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return n;
}

static xmlDoc *render_template(const char *name, const char *const *params)
{
    const char *top = getenv("TOP");
    struct rp_stylesheet *sheet;
    struct rp_error err;
    xmlDoc *in = parse(review_data), *out = NULL;
    char path[1024], msg[2048];

    snprintf(path, sizeof(path), "%s/templates/%s", top ? top : ".", name);
    sheet = load(path);
    rp_error_init(&err);
    if (rp_transform_apply(sheet, in, params, NULL, &out, &err) != RP_OK) {
        rp_error_format(&err, msg, sizeof(msg));
        fail_msg("%s: %s", name, msg);
    }
    rp_transform_free(sheet);
    xmlFreeDoc(in);
    return out;
}

static void check_common_fo(xmlDoc *fo, const char *sequence_id)
{
    char expr[256];

    check_fo_subset(xmlDocGetRootElement(fo));
    snprintf(expr, sizeof(expr), "count(//fo:page-sequence[@id='%s'])",
             sequence_id);
    assert_true(fo_count(fo, expr) == 1);
    snprintf(expr, sizeof(expr),
             "count(//fo:static-content[@flow-name='xsl-region-after']"
             "//fo:page-number-citation-last[@ref-id='%s'])",
             sequence_id);
    assert_true(fo_count(fo, expr) == 1);
}

static void test_annual_review_template(void **state)
{
    const char *params[] = {"account-id", "ACC-1001", NULL};
    xmlDoc *fo;

    (void)state;
    fo = render_template("annual-review.xsl", params);
    check_common_fo(fo, "acr");
    /* The account name is text on page 1, before any page break. */
    assert_true(fo_count(fo, "count(//fo:flow//fo:block[.='M\xc3\xbcller "
                             "GmbH'][not(preceding::fo:block"
                             "[@break-before='page'])])") == 1);
    /* The ticket log: a repeating header and one row per ticket. */
    assert_true(fo_count(fo, "count(//fo:table[fo:table-header]"
                             "[.//fo:block='T-1']/fo:table-body/"
                             "fo:table-row)") == 2);
    assert_true(fo_count(fo, "count(//fo:block[.='Invoice & VAT'])") == 1);
    xmlFreeDoc(fo);
}

/*
 * Without approved-by a review is a draft: DRAFT across every page, as a
 * fixed block-container in the static content (the shape the renderer's
 * absolute positioning expects).  With it: no DRAFT, an approval block on
 * page 1 and "Approved · <fingerprint>" in the footer.
 */
static void test_annual_review_draft_and_approved(void **state)
{
    /* English asked for: the account's country (DE) would choose German
     * (labels.t tests that). */
    const char *draft[] = {"account-id", "ACC-1001", "lang", "en", NULL};
    const char *approved[] = {"account-id",   "ACC-1001",    "lang",
                              "en",           "approved-by", "Dana Whitfield",
                              "approved-on",  "2026-12-06",  "fingerprint",
                              "3f9a1c2e7b04", NULL};
    xmlDoc *fo;

    (void)state;
    fo = render_template("annual-review.xsl", draft);
    /* Once for the cover's page sequence, once for the others: an SVG
     * word over the page (z-index 1), see-through. */
    assert_true(fo_count(fo, "count(//fo:static-content//fo:block-container"
                             "[@absolute-position='fixed'][@top='0pt']"
                             "[@left='0pt'][@width='210mm'][@height='297mm']"
                             "[@z-index='1']//*[local-name()='text']"
                             "[.='DRAFT'][@fill-opacity])") == 2);
    assert_true(fo_count(fo, "count(//fo:block[contains(., 'Approved')])") ==
                0);
    xmlFreeDoc(fo);

    fo = render_template("annual-review.xsl", approved);
    check_common_fo(fo, "acr");
    assert_true(fo_count(fo, "count(//fo:block-container)") == 0);
    assert_true(fo_count(fo, "count(//*[contains(., 'DRAFT')])") == 0);
    assert_true(fo_count(fo, "count(//fo:flow//fo:block[not(fo:block)]"
                             "[starts-with(., 'Approved by Dana Whitfield "
                             "on 6 Dec 2026')])") == 1);
    assert_true(fo_count(fo, "count(//fo:flow//fo:inline[.='3f9a1c2e7b04'])") ==
                1);
    assert_true(fo_count(fo, "count(//fo:static-content[@flow-name="
                             "'xsl-region-after']//fo:inline[.="
                             "'Approved \xc2\xb7 3f9a1c2e7b04'])") == 1);
    xmlFreeDoc(fo);
}

static void test_annual_review_unknown_account(void **state)
{
    const char *params[] = {"account-id", "ACC-0000", NULL};
    struct rp_stylesheet *sheet;
    struct rp_error err;
    xmlDoc *in = parse(review_data), *out = NULL;
    const char *top = getenv("TOP");
    char path[1024];

    (void)state;
    snprintf(path, sizeof(path), "%s/templates/annual-review.xsl",
             top ? top : ".");
    sheet = load(path);
    rp_error_init(&err);
    assert_int_equal(rp_transform_apply(sheet, in, params, NULL, &out, &err),
                     RP_ERR_INPUT);
    assert_null(out);
    assert_non_null(strstr(err.message, "ACC-0000"));
    rp_transform_free(sheet);
    xmlFreeDoc(in);
}

static void test_status_report_template(void **state)
{
    xmlDoc *fo;

    (void)state;
    fo = render_template("status-report.xsl", NULL);
    check_common_fo(fo, "psr");
    assert_true(fo_count(fo, "count(//fo:block[.='M\xc3\xbcller GmbH'])") >= 1);
    /* Unmatched tickets are shown to the administrator. */
    assert_true(fo_count(fo, "count(//fo:block[.='ACC-9999'])") == 1);
    assert_true(fo_count(fo, "count(//fo:inline[@color='#b26a00']"
                             "[.='Watch'])") >= 1);
    xmlFreeDoc(fo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_syntax_error_names_the_line, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_external_entities_are_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_file_round_trip, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_tiny_transform, setup, teardown),
        cmocka_unit_test_setup_teardown(test_param_reaches_template, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_exsl_document_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_network_read_is_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_file_read_outside_template_dir_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_include_from_network_is_refused,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_include_outside_template_dir_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_included_stylesheet_entities,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_document_with_external_entity_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_message_terminate_is_an_input_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_stylesheet, setup,
                                        teardown),
        cmocka_unit_test(test_annual_review_template),
        cmocka_unit_test(test_annual_review_draft_and_approved),
        cmocka_unit_test(test_annual_review_unknown_account),
        cmocka_unit_test(test_status_report_template),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
