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
    assert_int_equal(p->zone.fixed, -5 * 3600);
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
    expect_error(HEAD "zone Mars/Olympus_Mons\n", 3,
                 "'Mars/Olympus_Mons' is not a zone: UTC, +hh:mm");
    expect_error(HEAD "zone UTC\nzone Europe/Berlin\n", 4, "said twice");
    expect_error(HEAD "footer \n", 3, "a footer line is empty");
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
    assert_int_equal(p->zone.fixed, 3600);
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

/* Imports text with the shipped profiles; counts reconcile. */
static void import_text(const char *text, struct rp_dataset *data,
                        struct rp_import_stats *stats)
{
    struct rp_error err;

    rp_error_init(&err);
    rp_import_set_profile_dir("pipeline/import/profiles");
    if (rp_import_buffer("t.csv", text, strlen(text), NULL, data, stats,
                         &err) != RP_OK)
        fail_msg("%s:%ld: %s", err.file, err.line, err.message);
    assert_int_equal(stats->rows_read, stats->rows_accepted +
                                           stats->rows_rejected +
                                           stats->rows_footer);
}

/* Data Loader writes API names in upper case; the Data Export service as
 * they are spelled.  Both are the same export. */
static void test_salesforce_api_names_any_case(void **state)
{
    static const char loader[] =
        "\"ID\",\"NAME\",\"TYPE\",\"INDUSTRY\",\"BILLINGCOUNTRY\",\"OWNERID\","
        "\"ANNUALREVENUE\",\"WEBSITE\",\"CREATEDDATE\"\r\n"
        "\"001D000000IqhSLIAZ\",\"M\xC3\xBCller GmbH\",\"Customer - Direct\","
        "\"Manufacturing\",\"Germany\",\"005D0000001AbCdIAK\",\"1250000.0\","
        "\"www.mueller.example\",\"2024-05-06T07:08:09.000Z\"\r\n";
    static const char cases[] =
        "Id,CaseNumber,AccountId,Subject,Status,Priority,Origin,Type,Reason,"
        "CreatedDate,ClosedDate,IsClosed,IsEscalated,OwnerId\n"
        "500D000000AbCdEIAV,00001001,001D000000IqhSL,Login fails,Closed,"
        "High,Web,Problem,,2026-03-04T09:15:00.000Z,"
        "2026-03-04T11:00:00.000+0000,true,false,005D0000001AbCd\n";
    struct rp_dataset data;
    struct rp_import_stats stats;

    (void)state;
    rp_dataset_init(&data);
    import_text(loader, &data, &stats);
    assert_string_equal(stats.profile, "salesforce-api-accounts");
    assert_int_equal(stats.rows_accepted, 1);
    assert_string_equal(data.accounts[0].id, "001D000000IqhSLIAZ");
    assert_string_equal(data.accounts[0].country, "DE");
    assert_string_equal(data.accounts[0].owner, "005D0000001AbCdIAK");
    assert_string_equal(data.accounts[0].domain, "mueller.example");
    import_text(cases, &data, &stats);
    assert_string_equal(stats.profile, "salesforce-api-cases");
    assert_int_equal(stats.rows_accepted, 1);
    assert_string_equal(data.tickets[0].id, "00001001");
    assert_int_equal(data.tickets[0].priority, RP_PRIORITY_P2);
    assert_int_equal(data.tickets[0].status, RP_TICKET_CLOSED);
    assert_int_equal(data.tickets[0].resolved - data.tickets[0].created,
                     105 * 60);
    rp_dataset_release(&data);
    rp_import_release_profiles();
}

/* A report without ids imports; its footer is counted apart; a one-cell
 * row before more rows is a row, not footer. */
static void test_salesforce_report_footer(void **state)
{
    static const char report[] =
        "\xEF\xBB\xBF\"Case Number\",\"Subject\",\"Status\",\"Priority\","
        "\"Date/Time Opened\",\"Date/Time Closed\",\"Account Name\"\r\n"
        "\"00001001\",\"Login fails\",\"New\",\"High\",\"1/31/2026, 4:05 PM\","
        "\"\",\"Acme\"\r\n"
        "\"00001002\",\"\",\"\",\"\",\"\",\"\",\"\"\r\n"
        "\"00001003\",\"Export slow\",\"Closed\",\"Low\","
        "\"2/1/2026, 9:00 AM\",\"2/2/2026, 10:30 AM\",\"Acme\"\r\n"
        "\r\n"
        "\"Open cases\"\r\n"
        "\"Grand Totals (3 records)\"\r\n"
        "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights "
        "reserved.\"\r\n"
        "\"Confidential Information - Do Not Distribute\"\r\n"
        "\"Generated By:  Jane Doe  2/3/2026, 8:00 AM\"\r\n"
        "\"Acme Support Inc.\"\r\n";
    static const char no_footer[] =
        "Case Number,Subject,Status,Priority,Date/Time Opened,Account Name\n"
        "00001001,x,New,High,\"1/31/2026, 4:05 PM\",Acme\n"
        "Just a note\n";
    struct rp_dataset data;
    struct rp_import_stats stats;

    (void)state;
    rp_dataset_init(&data);
    import_text(report, &data, &stats);
    assert_string_equal(stats.profile, "salesforce-cases");
    assert_int_equal(stats.rows_read, 9);
    assert_int_equal(stats.rows_accepted, 2);
    assert_int_equal(stats.rows_rejected, 1);
    assert_int_equal(stats.rows_footer, 6);
    assert_non_null(strstr(stats.first_reject, "line 3:"));
    assert_string_equal(data.tickets[0].org_name, "Acme");
    assert_string_equal(data.tickets[0].account_id, "");
    assert_string_equal(data.tickets[1].id, "00001003");
    rp_dataset_release(&data);
    /* Without a footer line, a trailing one-cell row is a row. */
    rp_dataset_init(&data);
    import_text(no_footer, &data, &stats);
    assert_int_equal(stats.rows_footer, 0);
    assert_int_equal(stats.rows_rejected, 1);
    assert_non_null(strstr(stats.first_reject, "line 3:"));
    rp_dataset_release(&data);
    rp_import_release_profiles();
}

/* --zone: profiles that name no zone take it, with summer time; a skipped
 * hour rejects its row, naming the line. */
static void test_zone_for_profiles_without_one(void **state)
{
    static const char report[] =
        "Case Number,Subject,Status,Priority,Date/Time Opened,Account Name\n"
        "1,a,New,High,31.01.2026 16:05,Acme\n"
        "2,b,New,High,31.07.2026 16:05,Acme\n"
        "3,c,New,High,29.03.2026 02:30,Acme\n";
    struct rp_dataset data;
    struct rp_import_stats stats;
    struct rp_error err;

    (void)state;
    rp_error_init(&err);
    assert_int_equal(rp_import_set_zone("Moon/Base", &err), RP_ERR_USAGE);
    assert_non_null(strstr(err.message, "not a zone"));
    assert_int_equal(rp_import_set_zone("Europe/Berlin", &err), RP_OK);
    rp_dataset_init(&data);
    import_text(report, &data, &stats);
    assert_int_equal(stats.rows_accepted, 2);
    assert_int_equal(data.tickets[0].created, 1769871900); /* 15:05Z */
    assert_int_equal(data.tickets[1].created, 1785506700); /* 14:05Z */
    assert_non_null(strstr(stats.first_reject, "line 4: Date/Time Opened: "
                                               "'29.03.2026 02:30' is not a "
                                               "time in Europe/Berlin"));
    rp_dataset_release(&data);
    rp_import_release_profiles();
    /* Released: UTC again. */
    rp_dataset_init(&data);
    import_text(report, &data, &stats);
    assert_int_equal(data.tickets[0].created, 1769875500);
    assert_int_equal(stats.rows_accepted, 3);
    rp_dataset_release(&data);
    rp_import_release_profiles();
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
        cmocka_unit_test(test_salesforce_api_names_any_case),
        cmocka_unit_test(test_salesforce_report_footer),
        cmocka_unit_test(test_zone_for_profiles_without_one),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
