/*
 * Zones of local times: fixed offsets as before, IANA names with the rules
 * in force on each date, the repeated hour (first occurrence) and the
 * skipped hour (an error) at the changes, and the report locales'
 * formats placed in a zone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "import/internal.h"

/* The formats of the Salesforce report profiles, as a profile lists them. */
static const char *const report_formats[] = {
    "M/D/YYYY, h:mm AM", "M/D/YYYY h:mm AM", "DD.MM.YYYY hh:mm",
    "DD/MM/YYYY, hh:mm", "DD/MM/YYYY hh:mm", "YYYY-MM-DDThh:mm:ssZ",
};

/* value in the first of formats that takes it, placed in zone:
 * "YYYY-MM-DDThh:mm:ssZ", "-" if no format takes it, "skipped" in a
 * skipped hour. */
static const char *zt(const char *zone, const char *value)
{
    static char out[RP_TIMESTAMP_SIZE];
    struct rp_import_zone z;
    enum rp_time_result r = RP_TIME_BAD;
    int64_t t = 0;
    bool has_time;
    size_t i;

    rp_import_zone_init(&z);
    if (!rp_import_zone_parse(zone, strlen(zone), &z))
        fail_msg("zone %s", zone);
    for (i = 0; i < sizeof(report_formats) / sizeof(report_formats[0]); i++) {
        r = rp_import_parse_time_zoned(report_formats[i], value, strlen(value),
                                       &z, &t, &has_time);
        if (r != RP_TIME_BAD)
            break;
    }
    rp_import_zone_release(&z);
    if (r == RP_TIME_SKIPPED)
        return "skipped";
    if (r == RP_TIME_BAD)
        return "-";
    rp_import_format_timestamp(t, out);
    return out;
}

static void test_fixed_offsets_still_work(void **state)
{
    (void)state;
    assert_string_equal(zt("UTC", "31.01.2026 16:05"), "2026-01-31T16:05:00Z");
    assert_string_equal(zt("+01:00", "31.01.2026 16:05"),
                        "2026-01-31T15:05:00Z");
    assert_string_equal(zt("-05:00", "1/31/2026, 4:05 PM"),
                        "2026-01-31T21:05:00Z");
    /* Fixed means fixed: no summer time. */
    assert_string_equal(zt("+01:00", "31.07.2026 16:05"),
                        "2026-07-31T15:05:00Z");
}

/* The rules in force on each date: winter and summer, both hemispheres,
 * and a year whose rules differed (the US before 2007). */
static void test_named_zones_follow_the_rules(void **state)
{
    (void)state;
    assert_string_equal(zt("Europe/Berlin", "31.01.2026 16:05"),
                        "2026-01-31T15:05:00Z");
    assert_string_equal(zt("Europe/Berlin", "31.07.2026 16:05"),
                        "2026-07-31T14:05:00Z");
    assert_string_equal(zt("America/New_York", "1/31/2026, 4:05 PM"),
                        "2026-01-31T21:05:00Z");
    assert_string_equal(zt("America/New_York", "7/31/2026, 4:05 PM"),
                        "2026-07-31T20:05:00Z");
    /* 2006: US summer time began on 2 April, not in March. */
    assert_string_equal(zt("America/New_York", "3/20/2006, 12:00 PM"),
                        "2006-03-20T17:00:00Z");
    assert_string_equal(zt("America/New_York", "3/20/2026, 12:00 PM"),
                        "2026-03-20T16:00:00Z");
    assert_string_equal(zt("Australia/Sydney", "15/01/2026 10:00"),
                        "2026-01-14T23:00:00Z");
    assert_string_equal(zt("Australia/Sydney", "15/07/2026 10:00"),
                        "2026-07-15T00:00:00Z");
    assert_string_equal(zt("Europe/London", "31/07/2026, 16:05"),
                        "2026-07-31T15:05:00Z");
    assert_string_equal(zt("Europe/Paris", "31/12/2026 23:30"),
                        "2026-12-31T22:30:00Z");
    /* A value's own offset wins over the zone. */
    assert_string_equal(zt("Europe/Berlin", "2026-07-31T16:05:00.000+0000"),
                        "2026-07-31T16:05:00Z");
    assert_string_equal(zt("Europe/Berlin", "2026-07-31T16:05:00.000Z"),
                        "2026-07-31T16:05:00Z");
}

/* Europe/Berlin 2026: clocks go forward on 29 March at 02:00 (02:00 to
 * 02:59 do not exist) and back on 25 October at 03:00 (02:00 to 02:59
 * happen twice). */
static void test_changes_of_clock(void **state)
{
    (void)state;
    assert_string_equal(zt("Europe/Berlin", "29.03.2026 01:59"),
                        "2026-03-29T00:59:00Z");
    assert_string_equal(zt("Europe/Berlin", "29.03.2026 02:00"), "skipped");
    assert_string_equal(zt("Europe/Berlin", "29.03.2026 02:30"), "skipped");
    assert_string_equal(zt("Europe/Berlin", "29.03.2026 03:00"),
                        "2026-03-29T01:00:00Z");
    /* The repeated hour: the first occurrence, still in summer time. */
    assert_string_equal(zt("Europe/Berlin", "25.10.2026 02:30"),
                        "2026-10-25T00:30:00Z");
    assert_string_equal(zt("Europe/Berlin", "25.10.2026 03:00"),
                        "2026-10-25T02:00:00Z");
    assert_string_equal(zt("Europe/Berlin", "25.10.2026 01:59"),
                        "2026-10-24T23:59:00Z");
    /* New York: forward on 8 March 2026, back on 1 November. */
    assert_string_equal(zt("America/New_York", "3/8/2026, 2:30 AM"), "skipped");
    assert_string_equal(zt("America/New_York", "11/1/2026, 1:30 AM"),
                        "2026-11-01T05:30:00Z");
}

static void test_zone_names(void **state)
{
    static const char *const bad[] = {
        "Mars/Olympus_Mons",
        "Europe/",
        "/etc/passwd",
        "../../etc/passwd",
        "Europe//Berlin",
        "CET-1CEST,M3.5.0,M10.5.0/3",
        "+25:00",
        "",
        "01:00",
    };
    struct rp_import_zone z;
    size_t i;

    (void)state;
    rp_import_zone_init(&z);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (rp_import_zone_parse(bad[i], strlen(bad[i]), &z))
            fail_msg("'%s' taken for a zone", bad[i]);
    }
    assert_true(rp_import_zone_parse("Europe/Berlin", 13, &z));
    assert_string_equal(z.name, "Europe/Berlin");
    assert_true(z.n > 100);
    /* A failed parse leaves the zone as it was. */
    assert_false(rp_import_zone_parse("Nowhere/Land", 12, &z));
    assert_string_equal(z.name, "Europe/Berlin");
    assert_true(rp_import_zone_parse(" utc ", 5, &z));
    assert_int_equal(z.n, 0);
    assert_int_equal(z.fixed, 0);
    assert_true(rp_import_zone_parse("Asia/Kolkata", 12, &z));
    rp_import_zone_release(&z);
}

/* Reading a zone happens once per profile; it must not cost a run. */
static void test_reading_a_zone_is_quick(void **state)
{
    struct rp_import_zone z, copy;
    struct timespec a, b;
    double ms;

    (void)state;
    rp_import_zone_init(&z);
    rp_import_zone_init(&copy);
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_true(rp_import_zone_parse("America/New_York", 16, &z));
    clock_gettime(CLOCK_MONOTONIC, &b);
    ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
         (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    assert_true(ms < 500);
    rp_import_zone_copy(&copy, &z);
    rp_import_zone_release(&z);
    assert_int_equal(copy.n > 0, 1);
    rp_import_zone_release(&copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_offsets_still_work),
        cmocka_unit_test(test_named_zones_follow_the_rules),
        cmocka_unit_test(test_changes_of_clock),
        cmocka_unit_test(test_zone_names),
        cmocka_unit_test(test_reading_a_zone_is_quick),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
