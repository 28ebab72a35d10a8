/* Unit tests for civil dates: the calendar both ways over four centuries,
 * the YYYY-MM-DD reader's refusals (a day the calendar lacks, the wrong
 * number of digits, trailing text), and the formats back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "common/date.h"

static void test_calendar_round_trip(void **state)
{
    int64_t day, y;
    unsigned m, d;

    (void)state;
    assert_int_equal(rp_date_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(rp_date_days_from_civil(2026, 11, 22), 20779);
    assert_int_equal(rp_date_days_from_civil(1969, 12, 31), -1);
    /* Every day from 1800 to 2200 comes back as itself, in order. */
    for (day = rp_date_days_from_civil(1800, 1, 1);
         day < rp_date_days_from_civil(2200, 1, 1); day++) {
        rp_date_civil_from_days(day, &y, &m, &d);
        assert_true(m >= 1 && m <= 12 && d >= 1 &&
                    d <= rp_date_days_in_month(y, m));
        assert_int_equal(rp_date_days_from_civil(y, m, d), day);
    }
    assert_int_equal(rp_date_days_in_month(2024, 2), 29);
    assert_int_equal(rp_date_days_in_month(2026, 2), 28);
    assert_int_equal(rp_date_days_in_month(1900, 2), 28);
    assert_int_equal(rp_date_days_in_month(2000, 2), 29);
}

static void test_parse(void **state)
{
    int64_t days = 7, t = 7;
    size_t pos = 3;
    const char *s = "on 2026-11-22 at";

    (void)state;
    assert_true(rp_date_parse_day("2026-11-22", &days));
    assert_int_equal(days, 20779);
    assert_true(rp_date_parse_midnight("2024-02-29", &t));
    assert_int_equal(t, 1709164800);
    assert_true(rp_date_parse_ymd(s, strlen(s), &pos, &days));
    assert_int_equal(pos, 13);
    assert_int_equal(days, 20779);

    days = 7;
    /* A day the calendar lacks is refused, not rolled into March. */
    assert_false(rp_date_parse_day("2026-02-29", &days));
    assert_false(rp_date_parse_day("2026-04-31", &days));
    assert_false(rp_date_parse_day("2026-13-01", &days));
    assert_false(rp_date_parse_day("2026-00-10", &days));
    assert_false(rp_date_parse_day("2026-01-00", &days));
    assert_false(rp_date_parse_day("2024-2-29", &days));
    assert_false(rp_date_parse_day("2024-02-29x", &days));
    assert_false(rp_date_parse_day(" 2024-02-29", &days));
    assert_false(rp_date_parse_day("+024-02-29", &days));
    assert_false(rp_date_parse_day("2024-02-2", &days));
    assert_false(rp_date_parse_day("", &days));
    assert_false(rp_date_parse_midnight("2026-02-29", &t));
    assert_int_equal(days, 7);
    assert_int_equal(t, 1709164800);
    /* Cut short at every length, the reader never reads past len. */
    for (pos = 0; pos < 10; pos++) {
        size_t at = 0;
        assert_false(rp_date_parse_ymd("2026-11-22", pos, &at, &days));
        assert_int_equal(at, 0);
    }
}

static void test_format(void **state)
{
    char out[RP_DATE_DAY_SIZE];

    (void)state;
    rp_date_format_day(20779, out);
    assert_string_equal(out, "2026-11-22");
    rp_date_format_day(-1, out);
    assert_string_equal(out, "1969-12-31");
    rp_date_format_day(rp_date_days_from_civil(1, 1, 1), out);
    assert_string_equal(out, "0001-01-01");
    {
        char ts[RP_DATE_TIMESTAMP_SIZE];

        rp_date_format_timestamp(-1, ts);
        assert_string_equal(ts, "1969-12-31T23:59:59Z");
        rp_date_format_timestamp(1795305600 + 3723, ts);
        assert_string_equal(ts, "2026-11-22T01:02:03Z");
        rp_date_format_timestamp(253402300800, ts); /* 10000-01-01 */
        assert_string_equal(ts, "10000-01-01T00:00:00");
    }
    assert_int_equal(rp_date_day_of(0), 0);
    assert_int_equal(rp_date_day_of(86399), 0);
    assert_int_equal(rp_date_day_of(-1), -1);
    assert_int_equal(rp_date_day_of(-86400), -1);
    assert_int_equal(rp_date_day_of(-86401), -2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_round_trip),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
