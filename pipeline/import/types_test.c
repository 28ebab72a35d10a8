/*
 * Typed values: timestamps with and without zones, dates, amounts,
 * priorities, statuses, countries, text checks, and formatting back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

static bool ts(const char *s, int64_t *out)
{
    return rp_import_parse_timestamp(s, strlen(s), out);
}

static void test_timestamp_utc(void **state)
{
    int64_t t;

    (void)state;
    assert_true(ts("1970-01-01T00:00:00Z", &t));
    assert_int_equal(t, 0);
    assert_true(ts("2026-03-04T09:15:00Z", &t));
    assert_int_equal(t, 1772615700);
    /* Seconds are optional; no zone means UTC. */
    assert_true(ts("2026-03-04T09:15Z", &t));
    assert_int_equal(t, 1772615700);
    assert_true(ts("2026-03-04T09:15:00", &t));
    assert_int_equal(t, 1772615700);
    assert_true(ts("2026-03-04 09:15:00z", &t));
    assert_int_equal(t, 1772615700);
    /* A fraction of a second is dropped. */
    assert_true(ts("2026-03-04T09:15:00.987Z", &t));
    assert_int_equal(t, 1772615700);
}

static void test_timestamp_offsets_normalise_to_utc(void **state)
{
    int64_t t;

    (void)state;
    assert_true(ts("2026-03-04T10:15:00+01:00", &t));
    assert_int_equal(t, 1772615700);
    assert_true(ts("2026-03-04T04:15:00-05:00", &t));
    assert_int_equal(t, 1772615700);
    assert_true(ts("2026-03-04T14:45:00+0530", &t));
    assert_int_equal(t, 1772615700);
    /* Across midnight and a year end. */
    assert_true(ts("2026-01-01T00:30:00+02:00", &t));
    assert_true(ts("2025-12-31T22:30:00Z", &t) && t == 1767220200);
    assert_true(ts("2026-01-01T00:30:00+02:00", &t));
    assert_int_equal(t, 1767220200);
}

static void test_timestamp_rejects(void **state)
{
    static const char *const bad[] = {
        "",
        "2026-13-01 9am",
        "2026-13-01T09:00:00Z",
        "2026-02-29T09:00:00Z", /* not a leap year */
        "2026-04-31T09:00:00Z",
        "2026-03-04",
        "2026-03-04T24:00:00Z",
        "2026-03-04T09:60:00Z",
        "2026-03-04T09:15:00+25:00",
        "2026-03-04T09:15:00Zjunk",
        "2026-3-4T09:15:00Z",
        "04/03/2026 09:15",
        "2026-03-04T09:15:00.Z",
        "2026-03-04T9:15:00Z",
    };
    size_t i;
    int64_t t = 42;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (ts(bad[i], &t))
            fail_msg("accepted '%s'", bad[i]);
    }
    assert_int_equal(t, 42);
}

static void test_leap_day_and_leap_second(void **state)
{
    int64_t t, u;

    (void)state;
    assert_true(ts("2028-02-29T12:00:00Z", &t));
    assert_true(ts("2000-02-29T00:00:00Z", &t));
    assert_false(ts("1900-02-29T00:00:00Z", &t));
    assert_true(ts("2026-06-30T23:59:60Z", &t));
    assert_true(ts("2026-07-01T00:00:00Z", &u));
    assert_int_equal(t, u);
}

static void test_date(void **state)
{
    int64_t t;

    (void)state;
    assert_true(rp_import_parse_date("2027-03-31", 10, &t));
    assert_int_equal(t, 1806451200);
    assert_false(rp_import_parse_date("2027-03-31T00:00:00Z", 20, &t));
    assert_false(rp_import_parse_date("31.03.2027", 10, &t));
    assert_false(rp_import_parse_date("2027-02-30", 10, &t));
}

static void test_format_round_trip(void **state)
{
    char buf[RP_TIMESTAMP_SIZE], date[RP_DATE_SIZE];
    int64_t t, back;

    (void)state;
    rp_import_format_timestamp(1772615700, buf);
    assert_string_equal(buf, "2026-03-04T09:15:00Z");
    rp_import_format_date(1806451200, date);
    assert_string_equal(date, "2027-03-31");
    rp_import_format_timestamp(-1, buf);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
    /* Every 7 hours and 13 seconds over 60 years comes back the same. */
    for (t = 0; t < (int64_t)60 * 365 * 86400; t += 7 * 3600 + 13) {
        rp_import_format_timestamp(t, buf);
        assert_true(ts(buf, &back));
        assert_int_equal(back, t);
    }
}

static void test_amount(void **state)
{
    char buf[RP_AMOUNT_SIZE];
    double v;

    (void)state;
    assert_true(rp_import_parse_amount("1250000.00", 10, &v));
    assert_true(v == 1250000.0);
    assert_true(rp_import_parse_amount("1250000", 7, &v));
    assert_true(v == 1250000.0);
    assert_true(rp_import_parse_amount("2750000.5", 9, &v));
    rp_import_format_amount(v, buf);
    assert_string_equal(buf, "2750000.50");
    rp_import_format_amount(0.07, buf);
    assert_string_equal(buf, "0.07");
    assert_false(rp_import_parse_amount("-5", 2, &v));
    assert_false(rp_import_parse_amount("1,250,000.00", 12, &v));
    assert_false(rp_import_parse_amount("12.345", 6, &v));
    assert_false(rp_import_parse_amount("1.", 2, &v));
    assert_false(rp_import_parse_amount(".5", 2, &v));
    assert_false(rp_import_parse_amount("1e6", 3, &v));
    assert_false(rp_import_parse_amount("99999999999999", 14, &v));
}

static void test_priority(void **state)
{
    static const struct {
        const char *text;
        enum rp_priority want;
    } good[] = {
        {"P1", RP_PRIORITY_P1},   {"p2", RP_PRIORITY_P2},
        {"3", RP_PRIORITY_P3},    {"Urgent", RP_PRIORITY_P1},
        {"HIGH", RP_PRIORITY_P2}, {"normal", RP_PRIORITY_P3},
        {"Low", RP_PRIORITY_P4},  {"critical", RP_PRIORITY_P1},
    };
    enum rp_priority p;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        assert_true(
            rp_import_parse_priority(good[i].text, strlen(good[i].text), &p));
        assert_int_equal(p, good[i].want);
    }
    assert_false(rp_import_parse_priority("P5", 2, &p));
    assert_false(rp_import_parse_priority("P", 1, &p));
    assert_false(rp_import_parse_priority("", 0, &p));
    assert_string_equal(rp_priority_name(RP_PRIORITY_P4), "P4");
}

static void test_status(void **state)
{
    enum rp_ticket_status s;

    (void)state;
    assert_true(rp_import_parse_status("Solved", 6, &s));
    assert_int_equal(s, RP_TICKET_SOLVED);
    assert_true(rp_import_parse_status("CLOSED", 6, &s));
    assert_int_equal(s, RP_TICKET_CLOSED);
    assert_true(rp_import_parse_status("on-hold", 7, &s));
    assert_int_equal(s, RP_TICKET_PENDING);
    assert_true(rp_import_parse_status("new", 3, &s));
    assert_int_equal(s, RP_TICKET_NEW);
    assert_false(rp_import_parse_status("Done", 4, &s));
    assert_string_equal(rp_ticket_status_name(RP_TICKET_OPEN), "open");
}

static void test_country(void **state)
{
    char cc[3];

    (void)state;
    assert_true(rp_import_parse_country("de", 2, cc));
    assert_string_equal(cc, "DE");
    assert_true(rp_import_parse_country("Switzerland", 11, cc));
    assert_string_equal(cc, "CH");
    assert_true(rp_import_parse_country("united kingdom", 14, cc));
    assert_string_equal(cc, "GB");
    assert_false(rp_import_parse_country("Atlantis", 8, cc));
    assert_false(rp_import_parse_country("D1", 2, cc));
}

static void test_check_text(void **state)
{
    size_t pos;
    bool control;

    (void)state;
    assert_true(rp_import_check_text("Müller GmbH", strlen("Müller GmbH"), &pos,
                                     &control));
    assert_true(rp_import_check_text("two\r\nlines\tok", 13, &pos, &control));
    assert_false(rp_import_check_text("M\xFCller", 6, &pos, &control));
    assert_int_equal(pos, 1);
    assert_false(control);
    assert_false(rp_import_check_text("bell\x07", 5, &pos, &control));
    assert_int_equal(pos, 4);
    assert_true(control);
    assert_false(rp_import_check_text("nul\0x", 5, &pos, &control));
    assert_true(control);
    /* Overlong form of '/' and a UTF-16 surrogate. */
    assert_false(rp_import_check_text("\xC0\xAF", 2, &pos, &control));
    assert_false(rp_import_check_text("\xED\xA0\x80", 3, &pos, &control));
    assert_false(rp_import_check_text("\xE2\x82", 2, &pos, &control));
    /* Of a control character and bad UTF-8, the first is named. */
    assert_false(rp_import_check_text("ab\x07"
                                      "c\xFF",
                                      5, &pos, &control));
    assert_int_equal(pos, 2);
    assert_true(control);
    assert_false(rp_import_check_text("ab\xFF"
                                      "c\x07",
                                      5, &pos, &control));
    assert_int_equal(pos, 2);
    assert_false(control);
}

/* A time in a profile format, as "YYYY-MM-DDThh:mm:ssZ" or "-" if bad. */
static const char *tf(const char *format, const char *value, int32_t zone)
{
    static char out[RP_TIMESTAMP_SIZE];
    int64_t t;
    bool has_time;

    if (!rp_import_parse_time_format(format, value, strlen(value), zone, &t,
                                     &has_time))
        return "-";
    rp_import_format_timestamp(t, out);
    return out;
}

static void test_time_formats(void **state)
{
    (void)state;
    /* Jira's default. */
    assert_string_equal(tf("DD/MMM/YY h:mm AM", "01/Mar/26 2:02 PM", 0),
                        "2026-03-01T14:02:00Z");
    assert_string_equal(tf("DD/MMM/YY h:mm AM", "1/mar/26 12:05 am", 0),
                        "2026-03-01T00:05:00Z");
    assert_string_equal(tf("DD/MMM/YY h:mm AM", "31/Dec/25 12:00 PM", 0),
                        "2025-12-31T12:00:00Z");
    assert_string_equal(tf("DD/MMM/YY h:mm AM", "01/Sept/26 2:02 PM", 0),
                        "2026-09-01T14:02:00Z");
    assert_string_equal(tf("DD/MMM/YY h:mm AM", "01/Foo/26 2:02 PM", 0), "-");
    assert_string_equal(tf("DD/MMM/YY h:mm AM", "01/Mar/26 13:02 PM", 0), "-");
    /* Salesforce en_US, with and without leading zeros. */
    assert_string_equal(tf("MM/DD/YYYY hh:mm AM", "03/04/2026 09:15 AM", 0),
                        "2026-03-04T09:15:00Z");
    assert_string_equal(tf("MM/DD/YYYY hh:mm AM", "3/4/2026 9:15 PM", 0),
                        "2026-03-04T21:15:00Z");
    assert_string_equal(tf("MM/DD/YYYY", "02/29/2025", 0), "-");
    assert_string_equal(tf("MM/DD/YYYY", "02/29/2024", 0),
                        "2024-02-29T00:00:00Z");
    /* German, in a zone east of UTC: the date may change. */
    assert_string_equal(tf("DD.MM.YYYY hh:mm", "01.01.2026 00:30", 3600),
                        "2025-12-31T23:30:00Z");
    assert_string_equal(tf("DD.MM.YYYY", "31.12.2026", 0),
                        "2026-12-31T00:00:00Z");
    /* ISO 8601: the value's own zone wins over the profile's. */
    assert_string_equal(
        tf("YYYY-MM-DDThh:mm:ssZ", "2026-03-04T10:15:00+01:00", -5 * 3600),
        "2026-03-04T09:15:00Z");
    assert_string_equal(
        tf("YYYY-MM-DDThh:mm:ssZ", "2026-03-04T10:15:00.123-0530", 0),
        "2026-03-04T15:45:00Z");
    assert_string_equal(tf("YYYY-MM-DDThh:mm:ssZ", "2026-03-04T10:15:00", 7200),
                        "2026-03-04T08:15:00Z");
    assert_string_equal(
        tf("YYYY-MM-DD hh:mm:ss Z", "2026-03-04 10:15:00 +0100", 0),
        "2026-03-04T09:15:00Z");
    /* The ISO format's fast path and the general matcher (which a lower
     * case 't' in the format leads to) agree, on good values and bad. */
    {
        static const char *const values[] = {
            "2026-03-04T10:15:00Z",      "2026-03-04t10:15:00z",
            "2026-03-04T10:15:00+05:30", "2026-03-04T10:15:00-00:45",
            "2026-03-04T10:15:00",       "2026-03-04T10:15:00+24:00",
            "2026-03-04T10:15:00+01:60", "2026-02-29T10:15:00Z",
            "2026-13-04T10:15:00Z",      "2026-03-04T24:00:00Z",
            "2026-03-04T10:15:60Z",      "2026-03-04T10:15:0xZ",
            "2026-03-04T10:15:00ZZ",     "2026-03-04T10:15:00+0100",
            "2026-03-04T10:15:00+01",    "0000-01-01T00:00:00Z",
            "2026-3-04T10:15:00Z",       "2026-03-04 10:15:00Z",
        };
        char fast[RP_TIMESTAMP_SIZE];
        size_t i;

        for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
            snprintf(fast, sizeof(fast), "%s",
                     tf("YYYY-MM-DDThh:mm:ssZ", values[i], 3600));
            assert_string_equal(fast,
                                tf("YYYY-MM-DDthh:mm:ssZ", values[i], 3600));
        }
        assert_string_equal(
            tf("YYYY-MM-DDThh:mm:ssZ", "2026-03-04T10:15:00-00:45", 0),
            "2026-03-04T11:00:00Z");
        assert_string_equal(
            tf("YYYY-MM-DDThh:mm:ssZ", "2026-03-04T10:15:00+24:00", 0), "-");
    }
    /* Trailing text, missing parts. */
    assert_string_equal(tf("YYYY-MM-DD", "2026-03-04x", 0), "-");
    assert_string_equal(tf("YYYY-MM-DD", "2026-03", 0), "-");
    assert_string_equal(tf("YYYY-MM-DD", "", 0), "-");
    assert_true(rp_import_time_format_valid("DD/MMM/YY h:mm AM"));
    assert_false(rp_import_time_format_valid("hh:mm"));
}

static double num(const char *s, char group, char decimal)
{
    double v = -12345;

    if (!rp_import_parse_number(s, strlen(s), group, decimal, &v))
        return -12345;
    return v;
}

static void test_numbers_with_grouping(void **state)
{
    (void)state;
    assert_true(num("1,234.56", ',', '.') == 1234.56);
    assert_true(num("1234.56", ',', '.') == 1234.56);
    assert_true(num("1.234,56", '.', ',') == 1234.56);
    assert_true(num("1 234 567,8", ' ', ',') == 1234567.8);
    assert_true(num("$18,250,000.00", ',', '.') == 18250000);
    assert_true(num("EUR 12.000,00", '.', ',') == 12000);
    assert_true(num("-5", ',', '.') == -5);
    assert_true(num("35%", ',', '.') == 35);
    assert_true(num("0.125", ',', '.') == 0.13);
    /* Groups are of three digits. */
    assert_true(num("1,23.5", ',', '.') == -12345);
    assert_true(num("1,2345", ',', '.') == -12345);
    assert_true(num("12,", ',', '.') == -12345);
    /* The other locale's number is not silently misread. */
    assert_true(num("1.234,56", ',', '.') == -12345);
    assert_true(num("", ',', '.') == -12345);
    assert_true(num("abc", ',', '.') == -12345);
}

static void test_enumerations(void **state)
{
    bool b;
    enum rp_sla_flag sla;
    enum rp_rag rag;
    enum rp_risk_level level;
    int n;

    (void)state;
    assert_true(rp_import_parse_bool("Yes", 3, &b) && b);
    assert_true(rp_import_parse_bool("0", 1, &b) && !b);
    assert_false(rp_import_parse_bool("maybe", 5, &b));
    assert_true(rp_import_parse_sla("Within SLA", 10, &sla) &&
                sla == RP_SLA_MET);
    assert_true(rp_import_parse_sla("breached", 8, &sla) &&
                sla == RP_SLA_BREACHED);
    assert_true(rp_import_parse_rag("Amber", 5, &rag) && rag == RP_RAG_AMBER);
    assert_true(rp_import_parse_rag("R", 1, &rag) && rag == RP_RAG_RED);
    assert_false(rp_import_parse_rag("blue", 4, &rag));
    assert_true(rp_import_parse_level("Medium", 6, &level) &&
                level == RP_RISK_MEDIUM);
    assert_true(rp_import_parse_int("42", 2, &n) && n == 42);
    assert_false(rp_import_parse_int("4 2", 3, &n));
    assert_false(rp_import_parse_int("1234567890", 10, &n));
}

static void test_domains(void **state)
{
    static const char *const cases[][2] = {
        {"Anna.Schaefer@Mueller-GmbH.example", "mueller-gmbh.example"},
        {"Anna <anna@www.acme.example>", "acme.example"},
        {"no address", ""},
    };
    static const char *const urls[][2] = {
        {"https://www.Acme.example:8443/about?x", "acme.example"},
        {"acme.example/", "acme.example"},
    };
    struct rp_pool pool;
    size_t i;

    (void)state;
    rp_pool_init(&pool);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_string_equal(
            rp_import_email_domain(&pool, cases[i][0], strlen(cases[i][0])),
            cases[i][1]);
    for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
        assert_string_equal(
            rp_import_url_domain(&pool, urls[i][0], strlen(urls[i][0])),
            urls[i][1]);
    rp_pool_release(&pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timestamp_utc),
        cmocka_unit_test(test_timestamp_offsets_normalise_to_utc),
        cmocka_unit_test(test_timestamp_rejects),
        cmocka_unit_test(test_leap_day_and_leap_second),
        cmocka_unit_test(test_date),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_amount),
        cmocka_unit_test(test_priority),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_check_text),
        cmocka_unit_test(test_time_formats),
        cmocka_unit_test(test_numbers_with_grouping),
        cmocka_unit_test(test_enumerations),
        cmocka_unit_test(test_domains),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
