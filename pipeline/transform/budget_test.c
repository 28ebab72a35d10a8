/*
 * Transform budget tests: a template that would run for ever, take all
 * memory, nest without end, hold too many variables or evaluate too much
 * XPath is stopped within its limit, with an error naming the template,
 * its line, the limit and the setting; limits come from limits.xml and a
 * wrong value there is refused naming file, line and attribute.
 *
 * Each case uses small limits so that it stops in well under a second or
 * two; stylesheets and configuration go to a fresh temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/tree.h>

#include "common/mem.h"
#include "transform/transform.h"

#define XSL_HEAD                                                               \
    "<xsl:stylesheet version='1.0'"                                            \
    " xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>\n"
#define XSL_TAIL "</xsl:stylesheet>\n"

/* A named template that calls itself twice, n levels deep: 2^n calls,
 * and little memory, since each call returns what it took. */
#define EXPONENTIAL(n)                                                         \
    XSL_HEAD "<xsl:template match='/'><out><xsl:call-template name='f'>"       \
             "<xsl:with-param name='n' select='" #n "'/>"                      \
             "</xsl:call-template></out></xsl:template>\n"                     \
             "<xsl:template name='f'>\n"                                       \
             "<xsl:param name='n'/><xsl:if test='$n &gt; 0'>"                  \
             "<xsl:call-template name='f'><xsl:with-param name='n'"            \
             " select='$n - 1'/></xsl:call-template>"                          \
             "<xsl:call-template name='f'><xsl:with-param name='n'"            \
             " select='$n - 1'/></xsl:call-template>"                          \
             "</xsl:if></xsl:template>\n" XSL_TAIL

struct fixture {
    char dir[64];
};

static int setup(void **state)
{
    struct fixture *f = rp_xcalloc(1, sizeof(*f));

    snprintf(f->dir, sizeof(f->dir), "/tmp/rp-budget-test.XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    static const char *const names[] = {"t.xsl", "inc.xsl", "limits.xml", NULL};
    char path[256];
    size_t i;

    for (i = 0; names[i]; i++) {
        snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
        unlink(path);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static void write_file(const struct fixture *f, const char *name,
                       const char *text)
{
    char path[256];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", f->dir, name);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The defaults with the given changes. */
static struct rp_transform_limits
limits_with(int64_t seconds, int64_t memory_mb, int64_t xpath_operations,
            int64_t template_depth, int64_t variables)
{
    struct rp_transform_limits l;

    rp_transform_limits_init(&l, "cfg");
    if (seconds)
        l.seconds = seconds;
    if (memory_mb)
        l.memory_mb = memory_mb;
    if (xpath_operations)
        l.xpath_operations = xpath_operations;
    if (template_depth)
        l.template_depth = template_depth;
    if (variables)
        l.variables = variables;
    return l;
}

/*
 * Applies xsl (as t.xsl) to input within limits; returns the status and
 * the time it took in *seconds.  A failure leaves no result behind.
 */
static enum rp_status run(const struct fixture *f, const char *xsl,
                          const char *input,
                          const struct rp_transform_limits *limits,
                          struct rp_error *err, double *seconds)
{
    struct rp_stylesheet *sheet = NULL;
    enum rp_status status;
    xmlDoc *in = NULL, *out = NULL;
    char path[256];
    double start;

    write_file(f, "t.xsl", xsl);
    snprintf(path, sizeof(path), "%s/t.xsl", f->dir);
    rp_error_init(err);
    assert_int_equal(rp_transform_load(path, &sheet, err), RP_OK);
    assert_int_equal(
        rp_xml_read_memory(input, strlen(input), "in.xml", &in, err), RP_OK);
    start = now();
    status = rp_transform_apply(sheet, in, NULL, limits, &out, err);
    if (seconds)
        *seconds = now() - start;
    if (status != RP_OK)
        assert_null(out);
    xmlFreeDoc(out);
    xmlFreeDoc(in);
    rp_transform_free(sheet);
    return status;
}

static void expect_message(const struct rp_error *err, const char *part)
{
    if (!strstr(err->message, part))
        fail_msg("message '%s' lacks '%s'", err->message, part);
}

static void expect_stopped(const struct fixture *f, const struct rp_error *err,
                           const char *file, long line, const char *who)
{
    char path[256];

    snprintf(path, sizeof(path), "%s/%s", f->dir, file);
    assert_int_equal(err->status, RP_ERR_INPUT);
    assert_string_equal(err->file, path);
    assert_int_equal(err->line, line);
    expect_message(err, who);
}

/* ---- time ---- */

/* 2^41 template calls would take hours; the 1 s limit stops them. */
static void test_exponential_recursion_stops_in_time(void **state)
{
    struct rp_transform_limits l = limits_with(1, 0, 1000000000000, 0, 0);
    struct rp_error err;
    double took;

    assert_int_equal(run(*state, EXPONENTIAL(40), "<x/>", &l, &err, &took),
                     RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 3, "template \"f\" stopped: ");
    expect_message(&err, "it ran longer than the 1 s limit (cfg/limits.xml: "
                         "<transform seconds=\"1\">)");
    assert_true(took >= 1.0 && took < 2.5);
}

/* One XPath expression that visits 10^10 nodes, in a template that makes
 * no call and allocates little: the clock is still looked at. */
static void test_long_xpath_stops_in_time(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'>\n<out><xsl:value-of select="
                 "'count(//a[count(//a[count(//a) &gt; 0]) &gt; 0])'/>"
                 "</out></xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(1, 0, 1000000000000, 0, 0);
    char *doc = rp_xmalloc(16 + 2200 * 4);
    struct rp_error err;
    double took;
    size_t i, n;

    n = (size_t)sprintf(doc, "<r>");
    for (i = 0; i < 2200; i++)
        n += (size_t)sprintf(doc + n, "<a/>");
    sprintf(doc + n, "</r>");
    assert_int_equal(run(*state, xsl, doc, &l, &err, &took), RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 2, "template match=\"/\" stopped");
    expect_message(&err, "longer than the 1 s limit");
    assert_true(took >= 1.0 && took < 2.5);
    free(doc);
}

/* ---- memory ---- */

/* Peak resident memory since the last reset (Linux: VmHWM). */
static long peak_rss_kb(void)
{
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;

    assert_non_null(fp);
    while (fgets(line, sizeof(line), fp)) {
        if (sscanf(line, "VmHWM: %ld", &kb) == 1)
            break;
    }
    fclose(fp);
    return kb;
}

static void reset_peak_rss(void)
{
    FILE *fp = fopen("/proc/self/clear_refs", "w");

    assert_non_null(fp);
    fputs("5", fp);
    fclose(fp);
}

/*
 * A string doubled in each call: without a budget it takes gigabytes and
 * libxml2's int lengths overflow (it printed -1 and succeeded).  With 32
 * MB it stops at 32 MB, and the process's memory shows it.
 */
static void test_string_doubling_stops_at_memory_budget(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'><out><xsl:call-template name='d'>"
                 "<xsl:with-param name='s' select=\"'ab'\"/>"
                 "</xsl:call-template></out></xsl:template>\n"
                 "<xsl:template name='d'>\n<xsl:param name='s'/>"
                 "<xsl:call-template name='d'><xsl:with-param name='s'"
                 " select='concat($s, $s)'/></xsl:call-template>"
                 "</xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 32, 0, 0, 0);
    struct rp_error err;
    long before, grew;

    reset_peak_rss();
    before = peak_rss_kb();
    assert_int_equal(run(*state, xsl, "<x/>", &l, &err, NULL), RP_ERR_INPUT);
    grew = peak_rss_kb() - before;
    expect_stopped(*state, &err, "t.xsl", 3, "template \"d\" stopped: ");
    expect_message(&err, "it needed more than the 32 MB memory limit "
                         "(cfg/limits.xml: <transform memory-mb=\"32\">)");
#if defined(__SANITIZE_ADDRESS__)
    /* ASan keeps freed memory in quarantine and adds its shadow. */
    assert_true(grew < 512 * 1024);
#else
    assert_true(grew < 3 * 32 * 1024);
#endif
}

/* A result tree of 2^41 small nodes: no single request is large, and a
 * small one is not refused at the budget (libxml2 2.9 does not always
 * survive that); the transform is stopped when it goes over instead. */
static void test_many_small_nodes_stop_at_memory_budget(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'><out><xsl:call-template name='f'>"
                 "<xsl:with-param name='n' select='40'/>"
                 "</xsl:call-template></out></xsl:template>\n"
                 "<xsl:template name='f'>\n<xsl:param name='n'/>"
                 "<e><xsl:value-of select='$n'/></e>"
                 "<xsl:if test='$n &gt; 0'>"
                 "<xsl:call-template name='f'><xsl:with-param name='n'"
                 " select='$n - 1'/></xsl:call-template>"
                 "<xsl:call-template name='f'><xsl:with-param name='n'"
                 " select='$n - 1'/></xsl:call-template>"
                 "</xsl:if></xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 16, 1000000000000, 0, 0);
    struct rp_error err;

    assert_int_equal(run(*state, xsl, "<x/>", &l, &err, NULL), RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 3, "template \"f\" stopped: ");
    expect_message(&err, "more than the 16 MB memory limit");
}

/*
 * One step that multiplies what exists: str:tokenize makes a node of each
 * character of a 2 MB string, about 250 MB, all in one function call the
 * transform cannot stop.  Past twice the budget it is refused memory.
 */
static void test_amplifier_is_held_to_twice_the_budget(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'><out><xsl:call-template name='d'>"
                 "<xsl:with-param name='s' select=\"'abcdefgh'\"/>"
                 "</xsl:call-template></out></xsl:template>\n"
                 "<xsl:template name='d' xmlns:str='http://exslt.org/strings'>"
                 "\n<xsl:param name='s'/><xsl:choose>"
                 "<xsl:when test='string-length($s) &gt; 1000000'>"
                 "<xsl:value-of select=\"count(str:tokenize($s, ''))\"/>"
                 "</xsl:when><xsl:otherwise><xsl:call-template name='d'>"
                 "<xsl:with-param name='s' select='concat($s, $s)'/>"
                 "</xsl:call-template></xsl:otherwise></xsl:choose>"
                 "</xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 16, 0, 0, 0);
    struct rp_error err;
    long before, grew;

    reset_peak_rss();
    before = peak_rss_kb();
    assert_int_equal(run(*state, xsl, "<x/>", &l, &err, NULL), RP_ERR_INPUT);
    grew = peak_rss_kb() - before;
    expect_stopped(*state, &err, "t.xsl", 3, "template \"d\" stopped: ");
    expect_message(&err, "more than the 16 MB memory limit");
#if defined(__SANITIZE_ADDRESS__)
    assert_true(grew < 512 * 1024);
#else
    assert_true(grew < 3 * 16 * 1024);
#endif
}

/* ---- libxslt's and libxml2's counters ---- */

static void test_infinite_recursion_names_the_template(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'><out><xsl:call-template"
                 " name='loop'/></out></xsl:template>\n\n"
                 "<xsl:template name='loop'><xsl:call-template"
                 " name='loop'/></xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 0, 0, 50, 0);
    struct rp_error err;

    assert_int_equal(run(*state, xsl, "<x/>", &l, &err, NULL), RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 4, "template \"loop\" stopped: ");
    expect_message(&err, "templates nested more than 50 deep (an endless "
                         "recursion?) (cfg/limits.xml: <transform "
                         "template-depth=\"50\">)");
}

/* A template rule is named by its pattern and mode. */
static void test_recursive_rule_names_its_pattern(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'><out><xsl:apply-templates"
                 " select='x' mode='m'/></out></xsl:template>\n"
                 "<xsl:template match='x' mode='m'>"
                 "<xsl:apply-templates select='.' mode='m'/>"
                 "</xsl:template>\n" XSL_TAIL;
    struct rp_error err;

    /* The default depth: libxslt's own, 3000. */
    assert_int_equal(run(*state, xsl, "<x/>", NULL, &err, NULL), RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 3,
                   "template match=\"x\" mode=\"m\" stopped: templates "
                   "nested more than 3000 deep");
    expect_message(&err, "(limits.xml: <transform template-depth=\"3000\">)");
}

static void test_too_many_variables(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'><out><xsl:call-template name='v'>"
                 "<xsl:with-param name='n' select='1'/></xsl:call-template>"
                 "</out></xsl:template>\n"
                 "<xsl:template name='v'><xsl:param name='n'/>"
                 "<xsl:variable name='a' select='$n'/>"
                 "<xsl:variable name='b' select='$n'/>"
                 "<xsl:variable name='c' select='$n'/>"
                 "<xsl:if test='$n &lt; 1000'><xsl:call-template name='v'>"
                 "<xsl:with-param name='n' select='$n + 1'/>"
                 "</xsl:call-template></xsl:if></xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 0, 0, 0, 100);
    struct rp_error err;

    assert_int_equal(run(*state, xsl, "<x/>", &l, &err, NULL), RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 3, "template \"v\" stopped: ");
    expect_message(&err, "more than 100 variables and parameters were live "
                         "at once");
    expect_message(&err, "<transform variables=\"100\">");
}

/* 300^3 node visits against a limit of 100,000 XPath operations. */
static void test_xpath_operation_limit(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:template match='/'>\n<out><xsl:value-of select="
                 "'count(//a[count(//a[count(//a) &gt; 0]) &gt; 0])'/>"
                 "</out></xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 0, 100000, 0, 0);
    char doc[16 + 300 * 4];
    struct rp_error err;
    size_t i, n;

    n = (size_t)sprintf(doc, "<r>");
    for (i = 0; i < 300; i++)
        n += (size_t)sprintf(doc + n, "<a/>");
    sprintf(doc + n, "</r>");
    assert_int_equal(run(*state, xsl, doc, &l, &err, NULL), RP_ERR_INPUT);
    expect_stopped(*state, &err, "t.xsl", 2, "template match=\"/\" stopped: ");
    expect_message(&err, "it took more than the 100000 XPath operations "
                         "allowed (cfg/limits.xml: <transform "
                         "xpath-operations=\"100000\">)");
}

/* A template from an included stylesheet is named in its own file. */
static void test_included_template_is_named_in_its_file(void **state)
{
    static const char xsl[] =
        XSL_HEAD "<xsl:include href='inc.xsl'/>\n"
                 "<xsl:template match='/'><out><xsl:call-template"
                 " name='loop'/></out></xsl:template>\n" XSL_TAIL;
    struct rp_transform_limits l = limits_with(0, 0, 0, 20, 0);
    struct rp_error err;

    write_file(*state, "inc.xsl",
               XSL_HEAD "\n\n<xsl:template name='loop'><xsl:call-template"
                        " name='loop'/></xsl:template>\n" XSL_TAIL);
    assert_int_equal(run(*state, xsl, "<x/>", &l, &err, NULL), RP_ERR_INPUT);
    expect_stopped(*state, &err, "inc.xsl", 4, "template \"loop\" stopped");
}

/* Within its limits a transform is unaffected. */
static void test_within_limits_succeeds(void **state)
{
    struct rp_transform_limits l = limits_with(5, 16, 100000, 50, 100);
    struct rp_error err;

    assert_int_equal(run(*state, EXPONENTIAL(8), "<x/>", &l, &err, NULL),
                     RP_OK);
}

/* ---- limits.xml ---- */

static enum rp_status load_limits(const struct fixture *f, const char *text,
                                  struct rp_transform_limits *l,
                                  struct rp_error *err)
{
    write_file(f, "limits.xml", text);
    rp_error_init(err);
    return rp_transform_limits_load(l, f->dir, err);
}

static void test_limits_from_config(void **state)
{
    struct fixture *f = *state;
    struct rp_transform_limits l, defaults;
    struct rp_error err;
    char path[256];

    rp_transform_limits_init(&defaults, NULL);
    /* No file: the defaults. */
    rp_error_init(&err);
    assert_int_equal(rp_transform_limits_load(&l, f->dir, &err), RP_OK);
    assert_int_equal(l.seconds, defaults.seconds);
    assert_int_equal(l.memory_mb, defaults.memory_mb);
    snprintf(path, sizeof(path), "%s/limits.xml", f->dir);
    assert_string_equal(l.file, path);

    assert_int_equal(load_limits(f,
                                 "<limits>\n  <!-- tighter -->\n"
                                 "  <transform seconds='5' memory-mb='64'"
                                 " xpath-operations='1000000'"
                                 " template-depth='100' variables='200'/>\n"
                                 "</limits>\n",
                                 &l, &err),
                     RP_OK);
    assert_int_equal(l.seconds, 5);
    assert_int_equal(l.memory_mb, 64);
    assert_int_equal(l.xpath_operations, 1000000);
    assert_int_equal(l.template_depth, 100);
    assert_int_equal(l.variables, 200);

    /* An absent attribute keeps its default. */
    assert_int_equal(
        load_limits(f, "<limits><transform seconds='7'/></limits>", &l, &err),
        RP_OK);
    assert_int_equal(l.seconds, 7);
    assert_int_equal(l.memory_mb, defaults.memory_mb);
    assert_int_equal(l.template_depth, defaults.template_depth);
}

static void expect_bad_config(const struct fixture *f, const char *text,
                              long line, const char *field, const char *part)
{
    struct rp_transform_limits l;
    struct rp_error err;
    char path[256];

    assert_int_equal(load_limits(f, text, &l, &err), RP_ERR_INPUT);
    snprintf(path, sizeof(path), "%s/limits.xml", f->dir);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, line);
    assert_string_equal(err.field, field);
    expect_message(&err, part);
    /* What was refused is not half applied. */
    assert_int_equal(l.seconds, 60);
}

static void test_bad_limits_are_refused(void **state)
{
    struct fixture *f = *state;

    expect_bad_config(f, "<limits>\n<transform seconds='0'/></limits>", 2,
                      "seconds", "expected a whole number from 1 to 86400");
    expect_bad_config(f, "<limits>\n\n<transform memory-mb='lots'/></limits>",
                      3, "memory-mb", "<transform memory-mb=\"lots\">");
    expect_bad_config(f, "<limits><transform memory-mb='8192'/></limits>", 1,
                      "memory-mb", "from 1 to 4096");
    expect_bad_config(f, "<limits><transform template-depth='-1'/></limits>", 1,
                      "template-depth", "from 1 to 4000");
    expect_bad_config(f,
                      "<limits>\n<transform seconds='5' memory-MB='64'/>"
                      "</limits>",
                      2, "memory-MB", "has no attribute memory-MB");
    expect_bad_config(f, "<limits>\n<render seconds='5'/></limits>", 2, "",
                      "<render> is not expected inside <limits>");
    expect_bad_config(f, "<limits><transform/>\n<transform/></limits>", 2, "",
                      "a second <transform>");
    expect_bad_config(f, "<budget/>", 1, "",
                      "expected the root element "
                      "<limits>");
}

/* The shipped config/limits.xml states the built-in defaults, so that an
 * administrator reads what is in force. */
static void test_shipped_limits_are_the_defaults(void **state)
{
    const char *top = getenv("TOP");
    struct rp_transform_limits shipped, defaults;
    struct rp_error err;
    char dir[1024];

    (void)state;
    snprintf(dir, sizeof(dir), "%s/config", top ? top : ".");
    rp_transform_limits_init(&defaults, dir);
    rp_error_init(&err);
    assert_int_equal(rp_transform_limits_load(&shipped, dir, &err), RP_OK);
    assert_int_equal(access(shipped.file, R_OK), 0);
    assert_memory_equal(&shipped, &defaults, sizeof(shipped));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_exponential_recursion_stops_in_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_xpath_stops_in_time, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_string_doubling_stops_at_memory_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_many_small_nodes_stop_at_memory_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_amplifier_is_held_to_twice_the_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_infinite_recursion_names_the_template, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recursive_rule_names_its_pattern,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_many_variables, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_xpath_operation_limit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_included_template_is_named_in_its_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_within_limits_succeeds, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_limits_from_config, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_limits_are_refused, setup,
                                        teardown),
        cmocka_unit_test(test_shipped_limits_are_the_defaults),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
