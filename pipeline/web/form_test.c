/* Unit tests for the web stage's parsers of outside input: form bodies
 * (urlencoded, multipart), the Cookie header, request paths, next=
 * targets and the CSRF comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "web/internal.h"

static void test_urlencoded(void **state)
{
    struct web_form f = {0};
    const char body[] = "who=schen&password=a+b%26c%3D&csrf=&flag";

    (void)state;
    assert_int_equal(web_form_urlencoded(&f, body, strlen(body)), 0);
    assert_int_equal(f.n, 4);
    assert_string_equal(web_form_get(&f, "who"), "schen");
    assert_string_equal(web_form_get(&f, "password"), "a b&c=");
    assert_string_equal(web_form_get(&f, "csrf"), "");
    assert_string_equal(web_form_get(&f, "flag"), "");
    assert_null(web_form_get(&f, "missing"));
    web_form_release(&f);
    /* Not NUL-terminated: only len bytes are read. */
    assert_int_equal(web_form_urlencoded(&f, "a=1&b=2XXXX", 7), 0);
    assert_string_equal(web_form_get(&f, "b"), "2");
    web_form_release(&f);
}

static void test_urlencoded_malformed(void **state)
{
    struct web_form f = {0};
    static const char *const bad[] = {"a=%zz", "a=%2", "a=%", "=x", "%00=x"};
    char many[WEB_MAX_FIELDS * 4 + 8] = "";
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(web_form_urlencoded(&f, bad[i], strlen(bad[i])), -1);
        assert_int_equal(f.n, 0);
    }
    for (i = 0; i <= WEB_MAX_FIELDS; i++)
        strcat(many, "a=1&");
    assert_int_equal(web_form_urlencoded(&f, many, strlen(many)), -1);
    /* A value holding a NUL parses, but no page gets it. */
    assert_int_equal(web_form_urlencoded(&f, "a=x%00y", 7), 0);
    assert_null(web_form_get(&f, "a"));
    web_form_release(&f);
}

static void test_multipart(void **state)
{
    struct web_form f = {0};
    const char ct[] = "multipart/form-data; boundary=----b0undary";
    const char body[] = "------b0undary\r\n"
                        "Content-Disposition: form-data; name=\"csrf\"\r\n"
                        "\r\n"
                        "tok\r\n"
                        "------b0undary\r\n"
                        "Content-Disposition: form-data; name=\"text\"\r\n"
                        "Content-Type: text/plain\r\n"
                        "\r\n"
                        "line 1\r\n\r\nline 2\r\n"
                        "------b0undary--\r\n";

    (void)state;
    assert_int_equal(web_form_multipart(&f, ct, body, strlen(body)), 0);
    assert_int_equal(f.n, 2);
    assert_string_equal(web_form_get(&f, "csrf"), "tok");
    assert_string_equal(web_form_get(&f, "text"), "line 1\r\n\r\nline 2");
    web_form_release(&f);
}

static void test_multipart_malformed(void **state)
{
    struct web_form f = {0};
    const char ct[] = "multipart/form-data; boundary=xx";
    static const char *const bad[] = {
        "--xx\r\nbroken",
        "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",
        "--xx\r\nContent-Disposition: form-data\r\n\r\n1\r\n--xx--",
        "--xx\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n"
        "--xx--",
        "nope",
        "",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(web_form_multipart(&f, ct, bad[i], strlen(bad[i])),
                         -1);
    assert_int_equal(web_form_multipart(&f, "multipart/form-data", "--\r\n", 4),
                     -1);
    assert_int_equal(web_form_multipart(&f, "text/plain", "x", 1), -1);
    assert_int_equal(f.n, 0);
}

static void test_cookie(void **state)
{
    char v[WEB_TOKEN_MAX];

    (void)state;
    assert_true(web_cookie_get("a=1; rp_session=AbC-_9; rp_pre=x", "rp_session",
                               v, sizeof(v)));
    assert_string_equal(v, "AbC-_9");
    assert_true(web_cookie_get("rp_pre=x", "rp_pre", v, sizeof(v)));
    assert_string_equal(v, "x");
    /* Not a prefix of another name; no quotes or odd bytes. */
    assert_false(web_cookie_get("xrp_session=1", "rp_session", v, sizeof(v)));
    assert_false(
        web_cookie_get("rp_session=\"1\"", "rp_session", v, sizeof(v)));
    assert_false(web_cookie_get("rp_session=a<b", "rp_session", v, sizeof(v)));
    assert_false(web_cookie_get("rp_session=", "rp_session", v, sizeof(v)));
    assert_false(web_cookie_get("rp_session=123456", "rp_session", v, 4));
    assert_false(web_cookie_get("", "rp_session", v, sizeof(v)));
}

static void test_paths(void **state)
{
    char buf[WEB_MAX_PATH];
    const char *segs[WEB_MAX_SEGMENTS];
    static const char *const bad[] = {
        "",       "x",      "//",        "/a//b",
        "/a/",    "/..",    "/pdf/../x", "/pdf/%2e%2e/final",
        "/a/%2F", "/a%2fb", "/a%5cb",    "/a/%00",
        "/a/%0a", "/a/%zz", "/.",        "/a/b/c/d/e/f/g/h/i",
    };
    size_t i;

    (void)state;
    assert_int_equal(web_path_split("/", buf, sizeof(buf), segs), 0);
    assert_int_equal(
        web_path_split("/pdf/ACC-1001/draft", buf, sizeof(buf), segs), 3);
    assert_string_equal(segs[0], "pdf");
    assert_string_equal(segs[1], "ACC-1001");
    assert_string_equal(segs[2], "draft");
    assert_int_equal(web_path_split("/review/A%20B", buf, sizeof(buf), segs),
                     2);
    assert_string_equal(segs[1], "A B");
    /* "..." and ".x" are names, not steps. */
    assert_int_equal(web_path_split("/a/.../.x", buf, sizeof(buf), segs), 3);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(web_path_split(bad[i], buf, sizeof(buf), segs), -1);
    assert_int_equal(web_path_split("/abcdef", buf, 4, segs), -1);
}

static void test_local_path(void **state)
{
    (void)state;
    assert_true(web_local_path("/"));
    assert_true(web_local_path("/review/ACC-1001"));
    assert_false(web_local_path("//evil.example/"));
    assert_false(web_local_path("/\\evil.example"));
    assert_false(web_local_path("https://evil.example/"));
    assert_false(web_local_path("/a b"));
    assert_false(web_local_path("/a\r\nSet-Cookie: x"));
    assert_false(web_local_path(""));
    assert_false(web_local_path(NULL));
}

static void test_csrf(void **state)
{
    (void)state;
    assert_true(web_csrf_ok("abc123", "abc123"));
    assert_false(web_csrf_ok("abc123", "abc124"));
    assert_false(web_csrf_ok("abc123", "abc12"));
    assert_false(web_csrf_ok("abc123", "abc1234"));
    assert_false(web_csrf_ok("abc123", NULL));
    assert_false(web_csrf_ok("abc123", ""));
    assert_false(web_csrf_ok("", ""));
    assert_false(web_csrf_ok(NULL, "x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urlencoded),
        cmocka_unit_test(test_urlencoded_malformed),
        cmocka_unit_test(test_multipart),
        cmocka_unit_test(test_multipart_malformed),
        cmocka_unit_test(test_cookie),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_local_path),
        cmocka_unit_test(test_csrf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
