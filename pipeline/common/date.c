/*
 * Civil dates from plain integer arithmetic (see date.h): no timegm, no
 * struct tm, nothing that normalises 02-30 into March behind our back.
 */
#include "common/date.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned rp_date_days_in_month(int64_t y, unsigned m)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int64_t rp_date_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void rp_date_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Exactly n digits at s[at]. */
static bool digits(const char *s, size_t len, size_t at, int n, unsigned *out)
{
    unsigned v = 0;
    int i;

    if (at > len || len - at < (size_t)n)
        return false;
    for (i = 0; i < n; i++) {
        char c = s[at + (size_t)i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (unsigned)(c - '0');
    }
    *out = v;
    return true;
}

bool rp_date_parse_ymd(const char *s, size_t len, size_t *pos, int64_t *days)
{
    size_t at = *pos;
    unsigned y, m, d;

    if (!digits(s, len, at, 4, &y) || at + 4 >= len || s[at + 4] != '-' ||
        !digits(s, len, at + 5, 2, &m) || at + 7 >= len || s[at + 7] != '-' ||
        !digits(s, len, at + 8, 2, &d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > rp_date_days_in_month(y, m))
        return false;
    *days = rp_date_days_from_civil(y, m, d);
    *pos = at + 10;
    return true;
}

bool rp_date_parse_day(const char *s, int64_t *days)
{
    size_t len = strlen(s), pos = 0;
    int64_t v;

    if (!rp_date_parse_ymd(s, len, &pos, &v) || pos != len)
        return false;
    *days = v;
    return true;
}

bool rp_date_parse_midnight(const char *s, int64_t *t)
{
    int64_t days;

    if (!rp_date_parse_day(s, &days))
        return false;
    *t = days * RP_DATE_SECONDS_PER_DAY;
    return true;
}

int64_t rp_date_day_of(int64_t t)
{
    int64_t q = t / RP_DATE_SECONDS_PER_DAY;

    return t % RP_DATE_SECONDS_PER_DAY < 0 ? q - 1 : q;
}

/* n (0 <= n < 10^width) as width digits at p. */
static char *put_digits(char *p, unsigned n, int width)
{
    int i;

    for (i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + n % 10);
        n /= 10;
    }
    return p + width;
}

/* Digit by digit, not with snprintf: a run writes one per ticket time,
 * millions of them. */
void rp_date_format_day(int64_t days, char out[RP_DATE_DAY_SIZE])
{
    int64_t y;
    unsigned m, d;
    char *p = out;

    rp_date_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(out, RP_DATE_DAY_SIZE, "%04" PRId64 "-%02u-%02u", y, m, d);
        return;
    }
    p = put_digits(p, (unsigned)y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    *p = '\0';
}

void rp_date_format_timestamp(int64_t t, char out[RP_DATE_TIMESTAMP_SIZE])
{
    int64_t days = rp_date_day_of(t), y;
    unsigned secs = (unsigned)(t - days * RP_DATE_SECONDS_PER_DAY), m, d;
    char *p;

    rp_date_civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        char wide[64];

        snprintf(wide, sizeof(wide), "%04" PRId64 "-%02u-%02uT%02u:%02u:%02uZ",
                 y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
        memcpy(out, wide, RP_DATE_TIMESTAMP_SIZE - 1); /* cut to fit */
        out[RP_DATE_TIMESTAMP_SIZE - 1] = '\0';
        return;
    }
    p = put_digits(out, (unsigned)y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    p = put_digits(p, d, 2);
    *p++ = 'T';
    p = put_digits(p, secs / 3600, 2);
    *p++ = ':';
    p = put_digits(p, secs / 60 % 60, 2);
    *p++ = ':';
    p = put_digits(p, secs % 60, 2);
    *p++ = 'Z';
    *p = '\0';
}
