/* Unit tests for the web stage's HTML: the one escaping function, the
 * markup formatter, the preview's paragraphs and the stylesheet's brand
 * colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "web/internal.h"

static void test_escape(void **state)
{
    struct rp_buf b = RP_BUF_INIT;

    (void)state;
    rp_buf_init(&b, 0);
    assert_true(web_html_escape(&b, "<script>alert('x') & \"y\"</script>"));
    assert_string_equal(b.data, "&lt;script&gt;alert(&#39;x&#39;) &amp; "
                                "&quot;y&quot;&lt;/script&gt;");
    rp_buf_reset(&b);
    assert_true(web_html_escape(&b, "Jürgen Böhm"));
    assert_string_equal(b.data, "Jürgen Böhm");
    assert_true(web_html_escape(&b, NULL));
    rp_buf_release(&b);
}

static void test_format(void **state)
{
    struct rp_buf b = RP_BUF_INIT;

    (void)state;
    rp_buf_init(&b, 0);
    web_html(&b, "<a href=\"/review/%s\">%S</a> %d%% %s", "A\"B", "<b>x</b>",
             42, NULL);
    assert_string_equal(b.data,
                        "<a href=\"/review/A&quot;B\"><b>x</b></a> 42% ");
    rp_buf_release(&b);
}

static void test_paragraphs(void **state)
{
    struct rp_buf b = RP_BUF_INIT;

    (void)state;
    rp_buf_init(&b, 0);
    web_paragraphs(&b, "  First   line\r\nwraps here.\n \n\nSecond <p>\n");
    assert_string_equal(b.data, "<p>First line wraps here.</p>\n"
                                "<p>Second &lt;p&gt;</p>\n");
    rp_buf_reset(&b);
    web_paragraphs(&b, "\n\n   \n");
    assert_string_equal(b.data, "");
    rp_buf_release(&b);
}

static void test_stylesheet(void **state)
{
    (void)state;
    /* templates/brand.xsl's $rp-brand and $rp-brand-light */
    assert_non_null(strstr(web_stylesheet, "#1f3a5f"));
    assert_non_null(strstr(web_stylesheet, "#e8eef5"));
    assert_non_null(strstr(web_stylesheet, "max-width:700px"));
}

static void test_roles(void **state)
{
    char buf[96];

    (void)state;
    web_roles_text(RP_WORKFLOW_SALES_REP | RP_WORKFLOW_CONTRIBUTOR, buf,
                   sizeof(buf));
    assert_string_equal(buf, "sales rep, contributor");
    web_roles_text(0, buf, sizeof(buf));
    assert_string_equal(buf, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),     cmocka_unit_test(test_format),
        cmocka_unit_test(test_paragraphs), cmocka_unit_test(test_stylesheet),
        cmocka_unit_test(test_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
