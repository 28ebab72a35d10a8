/*
 * Source profiles: the file format's parser, with its errors named by
 * line, and the shipped profiles (make test runs from the top of the tree).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

static const char good[] = "# a comment\n"
                           "profile   test-tickets\n"
                           "record    ticket\n"
                           "timestamp DD/MMM/YY h:mm AM | YYYY-MM-DD\n"
                           "zone      -05:00\n"
                           "number    1.234,56\n"
                           "\n"
                           "field id required : Key | Issue key\n"
                           "field created required : Created\n"
                           "field org_domain email-domain : Email\n"
                           "field first_response minutes-after-created : "
                           "Reply (min)\n"
                           "map priority Highest = P1\n"
                           "map status   Waiting for support = new\n"
                           "default priority Medium\n";

static void test_parses_a_profile(void **state)
{
    struct rp_import_profile *p;
    struct rp_error err;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(
        rp_import_profile_parse("t.profile", good, strlen(good), &p, &err),
        RP_OK);
    assert_string_equal(p->name, "test-tickets");
    assert_string_equal(p->system, "test");
    assert_int_equal(p->kind, RP_IMPORT_TICKETS);
    assert_int_equal(p->n_timestamps, 2);
    assert_string_equal(p->timestamps[0], "DD/MMM/YY h:mm AM");
    assert_int_equal(p->zone, -5 * 3600);
    assert_int_equal(p->group, '.');
    assert_int_equal(p->decimal, ',');
    assert_int_equal(p->n_fields, 4);
    assert_int_equal(p->fields[0].n_names, 2);
    assert_string_equal(p->fields[0].names[1], "Issue key");
    assert_int_equal(p->fields[0].need, RP_NEED_VALUE);
    assert_int_equal(p->fields[2].conv, RP_CONV_EMAIL_DOMAIN);
    assert_int_equal(p->fields[3].conv, RP_CONV_MINUTES);
    assert_int_equal(p->n_maps, 2);
    assert_string_equal(p->maps[1].from, "Waiting for support");
    assert_string_equal(p->maps[1].to, "new");
    assert_int_equal(p->n_defaults, 1);
    rp_import_profile_free(p);
}

static void expect_error(const char *text, long line, const char *message)
{
    struct rp_import_profile *p = NULL;
    struct rp_error err;

    rp_error_init(&err);
    assert_int_equal(
        rp_import_profile_parse("bad.profile", text, strlen(text), &p, &err),
        RP_ERR_INPUT);
    assert_null(p);
    assert_string_equal(err.file, "bad.profile");
    assert_int_equal(err.line, line);
    if (!strstr(err.message, message))
        fail_msg("want '%s' in '%s'", message, err.message);
}

#define HEAD "profile p\nrecord ticket\n"

static void test_errors_name_the_line(void **state)
{
    (void)state;
    expect_error(HEAD "colour red\n", 3, "'colour' is not a directive");
    expect_error(HEAD "field colour : Farbe\n", 3,
                 "a ticket has no member 'colour'");
    expect_error(HEAD "field id : \n", 3, "at least one header name");
    expect_error(HEAD "field id : A | | B\n", 3, "a header name is empty");
    expect_error(HEAD "field id Id\n", 3, "a field is 'field MEMBER");
    expect_error(HEAD "field id sideways : Id\n", 3,
                 "'sideways' is not an option");
    expect_error(HEAD "field subject minutes-after-created : S\n", 3,
                 "is not an option");
    expect_error(HEAD "map priority Highest = P9\n", 3,
                 "'P9' is not a value of the member 'priority'");
    expect_error(HEAD "map priority Highest\n", 3, "a map is");
    expect_error(HEAD "timestamp hh:mm\n", 3, "has no year, month and day");
    expect_error(HEAD "zone CET\n", 3, "a zone is UTC or +hh:mm");
    expect_error(HEAD "number lots\n", 3, "a number format is an example");
    expect_error(HEAD "record account\n", 3, "said twice");
    expect_error("record robot\n", 1, "the record kind is one of");
    expect_error("field id : Id\n", 1, "say the record kind");
    expect_error("profile a b\n", 1, "a name is letters");
    expect_error(HEAD "field id : Id\n", 3, "no field is required");
    expect_error("record ticket\nfield id required : Id\n", 2,
                 "the profile has no name");
    expect_error(HEAD, 2, "the profile has no fields");
}

static void test_nul_and_size_caps(void **state)
{
    static const char nul[] = "profile p\nrecord ticket\nfield id\0 : x\n";
    struct rp_import_profile *p;
    struct rp_error err;
    size_t big = RP_PROFILE_MAX_SIZE + 1;
    char *text = calloc(1, big);

    (void)state;
    rp_error_init(&err);
    assert_int_equal(
        rp_import_profile_parse("n.profile", nul, sizeof(nul) - 1, &p, &err),
        RP_ERR_INPUT);
    assert_non_null(strstr(err.message, "NUL"));
    rp_error_init(&err);
    assert_non_null(text);
    memset(text, '#', big);
    assert_int_equal(
        rp_import_profile_parse("big.profile", text, big, &p, &err),
        RP_ERR_INPUT);
    assert_non_null(strstr(err.message, "at most"));
    free(text);
}

/*
 * A profile is parsed from a slice of its file, with no NUL after it: the
 * fuzzer found the zone read past the end (sscanf wants a string).
 */
static void test_zone_at_the_very_end(void **state)
{
    static const char text[] = "profile p\nrecord ticket\n"
                               "field id required : Id\nzone +01:00";
    char *exact = malloc(sizeof(text) - 1);
    struct rp_import_profile *p;
    struct rp_error err;

    (void)state;
    assert_non_null(exact);
    memcpy(exact, text, sizeof(text) - 1);
    rp_error_init(&err);
    assert_int_equal(
        rp_import_profile_parse("z.profile", exact, sizeof(text) - 1, &p, &err),
        RP_OK);
    assert_int_equal(p->zone, 3600);
    rp_import_profile_free(p);
    free(exact);
}

static const struct rp_import_profile *
find_profile(const struct rp_import_profile *const *list, size_t n,
             const char *name)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(list[i]->name, name) == 0)
            return list[i];
    }
    return NULL;
}

/* Every shipped profile loads; the systems are all there. */
static void test_shipped_profiles_load(void **state)
{
    static const char *const names[] = {
        "salesforce-accounts",
        "salesforce-contacts",
        "salesforce-opportunities",
        "salesforce-cases",
        "hubspot-companies",
        "hubspot-deals",
        "hubspot-tickets",
        "dynamics-accounts",
        "dynamics-cases",
        "zendesk-tickets",
        "jira-issues",
        "freshdesk-tickets",
        "servicenow-incidents",
        "program-plan-projects",
        "program-plan-milestones",
        "program-plan-risks",
        "program-plan-roles",
        "canonical-accounts",
        "canonical-tickets",
        "canonical-roles",
    };
    const struct rp_import_profile *const *list;
    struct rp_error err;
    size_t n, i;

    (void)state;
    rp_error_init(&err);
    rp_import_set_profile_dir("pipeline/import/profiles");
    if (rp_import_profiles(&list, &n, &err) != RP_OK)
        fail_msg("%s:%ld: %s", err.file, err.line, err.message);
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!find_profile(list, n, names[i]))
            fail_msg("no profile %s", names[i]);
    }
    rp_import_release_profiles();
}

/* A user profile is tried first, even where a shipped one fits too. */
static void test_user_profile_comes_first(void **state)
{
    static const char text[] = "Ticket ID,Account ID,Subject,Priority,Status,"
                               "Created,First Response,Resolved\n"
                               "T-1,A,x,P1,Open,2026-03-04T09:15:00Z,,\n";
    static const char profile[] = "profile mine\nrecord ticket\n"
                                  "field id required : Ticket ID\n"
                                  "field created required : Created\n"
                                  "default priority P4\ndefault status open\n";
    char path[] = "/tmp/rp-profile-test.XXXXXX";
    struct rp_dataset data;
    struct rp_import_stats stats;
    struct rp_error err;
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");

    (void)state;
    assert_non_null(fp);
    fputs(profile, fp);
    fclose(fp);
    rp_error_init(&err);
    rp_dataset_init(&data);
    assert_int_equal(rp_import_add_profile(path, &err), RP_OK);
    assert_int_equal(rp_import_buffer("t.csv", text, strlen(text), NULL, &data,
                                      &stats, &err),
                     RP_OK);
    assert_string_equal(stats.profile, "mine");
    assert_int_equal(data.tickets[0].priority, RP_PRIORITY_P4);
    assert_string_equal(data.tickets[0].subject, "");
    assert_string_equal(data.tickets[0].source_system, "mine");
    rp_dataset_release(&data);
    rp_import_release_profiles();
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parses_a_profile),
        cmocka_unit_test(test_errors_name_the_line),
        cmocka_unit_test(test_nul_and_size_caps),
        cmocka_unit_test(test_zone_at_the_very_end),
        cmocka_unit_test(test_shipped_profiles_load),
        cmocka_unit_test(test_user_profile_comes_first),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
