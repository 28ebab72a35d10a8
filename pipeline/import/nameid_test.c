/*
 * Ids made from names (nameid.c): readable, safe as a file name, the same
 * for the same name whatever the locale, different for different names
 * even when they share a slug, and never a Salesforce id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "common/file.h"
#include "import/internal.h"

static struct rp_pool pool;

static const char *id_of(const char *name)
{
    return rp_import_id_from_name(&pool, name, strlen(name));
}

/* The id without its hash: "name-<slug>" ("name" when there is no slug). */
static const char *slug_of(const char *name)
{
    static char out[128];
    const char *id = id_of(name);
    size_t len = strlen(id);

    assert_true(len > 9 && id[len - 9] == '-');
    snprintf(out, sizeof(out), "%.*s", (int)(len - 9), id);
    return out;
}

static int setup(void **state)
{
    (void)state;
    rp_pool_init(&pool);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rp_pool_release(&pool);
    return 0;
}

static void test_the_slug_reads_as_the_name(void **state)
{
    (void)state;
    assert_string_equal(slug_of("Müller GmbH"), "name-muller-gmbh");
    assert_string_equal(slug_of("  Acme Widgets, Inc.  "),
                        "name-acme-widgets-inc");
    assert_string_equal(slug_of("Société Générale"), "name-societe-generale");
    assert_string_equal(slug_of("Ørsted A/S"), "name-oersted-a-s");
    assert_string_equal(slug_of("Weiß Großhandel"), "name-weiss-grosshandel");
    assert_string_equal(slug_of("3M"), "name-3m");
    /* Non-Latin letters have no slug: the hash alone tells them apart. */
    assert_string_equal(slug_of("東京ロボティクス"), "name");
    assert_string_equal(slug_of("株式会社タナカロボティクス"), "name");
    assert_string_equal(slug_of("Газпром нефть"), "name");
    assert_string_equal(slug_of("東京 Robotics"), "name-robotics");
}

/* The id is what the file name, the workflow key and the XML attribute
 * need, and a Salesforce id (letters and digits only) never has a '-'. */
static void test_the_id_is_a_safe_file_name(void **state)
{
    static const char *const names[] = {
        "Müller GmbH",  "東京ロボティクス", "../../etc/passwd",
        ".hidden",      "a\tb\nc",          "-",
        "\xef\xbf\xbd", /* U+FFFD */
    };
    char longname[1000];
    const char *id;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        id = id_of(names[i]);
        assert_true(rp_safe_file_name(id));
        assert_memory_equal(id, "name-", 5);
    }
    memset(longname, 'x', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    id = id_of(longname);
    assert_true(rp_safe_file_name(id));
    assert_int_equal(strlen(id), 5 + RP_NAMEID_SLUG_MAX + 1 + 8);
    /* A long name loses whole words. */
    assert_string_equal(
        slug_of("International Business Machines Corporation of New York "
                "State"),
        "name-international-business-machines-corporation-of");
    assert_string_equal(
        slug_of("Supercalifragilisticexpialidocious Extraordinarily Ltd"),
        "name-supercalifragilisticexpialidocious");
}

static void test_the_same_name_gives_the_same_id(void **state)
{
    char first[64];

    (void)state;
    snprintf(first, sizeof(first), "%s", id_of("Müller GmbH"));
    assert_string_equal(id_of("Müller GmbH"), first);
    /* The same letters composed or decomposed (u + U+0308) are the same
     * name. */
    assert_string_equal(id_of("Mu\xcc\x88ller GmbH"), first);
    /* Whatever the user's locale: a German one transliterates ü as "ue". */
    if (setlocale(LC_ALL, "de_DE.UTF-8"))
        assert_string_equal(id_of("Müller GmbH"), first);
    setlocale(LC_ALL, "C");
    /* Pinned: an id in a workflow store must not change with a release. */
    assert_string_equal(first, "name-muller-gmbh-a71002a2");
}

/* Different names never share an id, even when they share a slug. */
static void test_different_names_differ(void **state)
{
    static const char *const pairs[][2] = {
        {"Müller GmbH", "Muller GmbH"},
        {"Acme Corp", "ACME Corp"},
        {"Acme Corp", "Acme, Corp."},
        {"東京ロボティクス", "大阪ロボティクス"},
    };
    char a[64], slug[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        snprintf(a, sizeof(a), "%s", id_of(pairs[i][0]));
        snprintf(slug, sizeof(slug), "%s", slug_of(pairs[i][0]));
        assert_string_equal(slug_of(pairs[i][1]), slug);
        assert_string_not_equal(id_of(pairs[i][1]), a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_slug_reads_as_the_name),
        cmocka_unit_test(test_the_id_is_a_safe_file_name),
        cmocka_unit_test(test_the_same_name_gives_the_same_id),
        cmocka_unit_test(test_different_names_differ),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
