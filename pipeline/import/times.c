/*
 * Times and dates of the exports: ISO 8601 as the canonical record files
 * write it, and the formats a source profile names ("MM/DD/YYYY hh:mm AM",
 * "DD.MM.YYYY hh:mm").  Nothing here depends on the locale or the time zone
 * of the machine: dates are computed with plain integer arithmetic
 * (common/date.c), and a time without a zone of its own is
 * placed by the profile's zone (zone.c), so a report looks the same
 * wherever the nightly job runs.
 */
#include "import/internal.h"

#include "common/date.h"

#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    c = rp_import_lower(c);
    return c >= 'a' && c <= 'z';
}
/* Reads exactly n digits at s[*pos]. */
static bool digits(const char *s, size_t len, size_t *pos, int n, unsigned *out)
{
    unsigned v = 0;
    int i;

    if (len - *pos < (size_t)n)
        return false;
    for (i = 0; i < n; i++) {
        char c = s[*pos + (size_t)i];
        if (!is_digit(c))
            return false;
        v = v * 10 + (unsigned)(c - '0');
    }
    *pos += (size_t)n;
    *out = v;
    return true;
}

static bool expect(const char *s, size_t len, size_t *pos, char c)
{
    if (*pos >= len || s[*pos] != c)
        return false;
    (*pos)++;
    return true;
}

/* Z, +hh:mm, -hh:mm, +hhmm, -hhmm or nothing (UTC); seconds east of UTC. */
static bool parse_zone(const char *s, size_t len, size_t *pos, int64_t *off)
{
    unsigned hh, mm = 0;
    int sign;

    if (*pos == len) {
        *off = 0;
        return true;
    }
    if (s[*pos] == 'Z' || s[*pos] == 'z') {
        (*pos)++;
        *off = 0;
        return true;
    }
    if (s[*pos] != '+' && s[*pos] != '-')
        return false;
    sign = s[*pos] == '-' ? -1 : 1;
    (*pos)++;
    if (!digits(s, len, pos, 2, &hh))
        return false;
    if (*pos < len) {
        if (s[*pos] == ':')
            (*pos)++;
        if (!digits(s, len, pos, 2, &mm))
            return false;
    }
    if (hh > 23 || mm > 59)
        return false;
    *off = sign * (int64_t)(hh * 3600 + mm * 60);
    return true;
}

bool rp_import_parse_timestamp(const char *s, size_t len, int64_t *out)
{
    size_t pos = 0;
    int64_t days, off;
    unsigned hh, mm, ss = 0, frac;

    if (!rp_date_parse_ymd(s, len, &pos, &days))
        return false;
    if (pos >= len || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' '))
        return false;
    pos++;
    if (!digits(s, len, &pos, 2, &hh) || !expect(s, len, &pos, ':') ||
        !digits(s, len, &pos, 2, &mm))
        return false;
    if (pos < len && s[pos] == ':') {
        pos++;
        if (!digits(s, len, &pos, 2, &ss))
            return false;
        if (pos < len && (s[pos] == '.' || s[pos] == ',')) {
            pos++;
            if (!digits(s, len, &pos, 1, &frac))
                return false;
            while (pos < len && is_digit(s[pos]))
                pos++;
        }
    }
    /* 60 is a leap second; it is counted into the next minute. */
    if (hh > 23 || mm > 59 || ss > 60)
        return false;
    if (!parse_zone(s, len, &pos, &off) || pos != len)
        return false;
    *out = days * 86400 + hh * 3600 + mm * 60 + ss - off;
    return true;
}

bool rp_import_parse_date(const char *s, size_t len, int64_t *out)
{
    size_t pos = 0;
    int64_t days;

    if (!rp_date_parse_ymd(s, len, &pos, &days) || pos != len)
        return false;
    *out = days * 86400;
    return true;
}

void rp_import_format_timestamp(int64_t t, char out[RP_TIMESTAMP_SIZE])
{
    rp_date_format_timestamp(t, out);
}

void rp_import_format_date(int64_t t, char out[RP_DATE_SIZE])
{
    rp_date_format_day(rp_date_day_of(t), out);
}

/* ---- times in a profile's formats -----------------------------------------
 */

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

/* 1 or 2 digits (up to max_digits), greedy. */
static bool small_number(const char *s, size_t len, size_t *pos, int max_digits,
                         unsigned *out)
{
    unsigned v = 0;
    int n = 0;

    while (n < max_digits && *pos < len && is_digit(s[*pos])) {
        v = v * 10 + (unsigned)(s[(*pos)++] - '0');
        n++;
    }
    if (n == 0)
        return false;
    *out = v;
    return true;
}

static bool month_name(const char *s, size_t len, size_t *pos, unsigned *out)
{
    size_t start = *pos, n = 0, i;
    unsigned m;

    while (*pos + n < len && is_alpha(s[*pos + n]))
        n++;
    if (n < 3)
        return false;
    for (m = 0; m < 12; m++) {
        const char *name = month_names[m];
        size_t full = strlen(name);
        if (n != 3 && n != full && !(n == 4 && m == 8)) /* "Sept" */
            continue;
        for (i = 0; i < n && rp_import_lower(s[start + i]) == name[i]; i++)
            ;
        if (i == n) {
            *pos += n;
            *out = m + 1;
            return true;
        }
    }
    return false;
}

struct time_parts {
    unsigned y, m, d, hh, mm, ss;
    int ampm; /* 0 none, 1 AM, 2 PM */
    bool has_zone, has_time, has_y, has_m, has_d;
    int64_t zone;
};

static bool starts(const char *f, const char *token)
{
    while (*token) {
        if (*f++ != *token++)
            return false;
    }
    return true;
}

static bool is_token_start(char c)
{
    switch (c) {
    case 'Y':
    case 'M':
    case 'D':
    case 'h':
    case 'm':
    case 's':
    case 'A':
    case 'Z':
    case ' ':
        return true;
    default:
        return false;
    }
}

/* Matches s against the format; fills parts.  Both must be used up. */
static bool match_format(const char *f, const char *s, size_t len,
                         struct time_parts *t)
{
    size_t pos = 0;

    while (*f) {
        /* Most of a format is literal separators: match those first. */
        if (!is_token_start(*f)) {
            if (pos >= len || rp_import_lower(s[pos]) != rp_import_lower(*f))
                return false;
            pos++;
            f++;
        } else if (starts(f, "YYYY")) {
            if (!digits(s, len, &pos, 4, &t->y))
                return false;
            t->has_y = true;
            f += 4;
        } else if (starts(f, "YY")) {
            if (!digits(s, len, &pos, 2, &t->y))
                return false;
            t->y += 2000;
            t->has_y = true;
            f += 2;
        } else if (starts(f, "MMM")) {
            if (!month_name(s, len, &pos, &t->m))
                return false;
            t->has_m = true;
            f += 3;
        } else if (starts(f, "MM") || *f == 'M') {
            if (!small_number(s, len, &pos, 2, &t->m))
                return false;
            t->has_m = true;
            f += starts(f, "MM") ? 2 : 1;
        } else if (starts(f, "DD") || *f == 'D') {
            if (!small_number(s, len, &pos, 2, &t->d))
                return false;
            t->has_d = true;
            f += starts(f, "DD") ? 2 : 1;
        } else if (starts(f, "hh") || *f == 'h') {
            if (!small_number(s, len, &pos, 2, &t->hh))
                return false;
            t->has_time = true;
            f += starts(f, "hh") ? 2 : 1;
        } else if (starts(f, "mm")) {
            if (!digits(s, len, &pos, 2, &t->mm))
                return false;
            f += 2;
        } else if (starts(f, "ss")) {
            unsigned frac;
            if (!digits(s, len, &pos, 2, &t->ss))
                return false;
            if (pos + 1 < len && (s[pos] == '.' || s[pos] == ',') &&
                is_digit(s[pos + 1])) {
                pos++;
                if (!digits(s, len, &pos, 1, &frac))
                    return false;
                while (pos < len && is_digit(s[pos]))
                    pos++;
            }
            f += 2;
        } else if (starts(f, "AM")) {
            if (pos + 2 > len || rp_import_lower(s[pos + 1]) != 'm')
                return false;
            if (rp_import_lower(s[pos]) == 'a')
                t->ampm = 1;
            else if (rp_import_lower(s[pos]) == 'p')
                t->ampm = 2;
            else
                return false;
            pos += 2;
            f += 2;
        } else if (*f == 'Z') {
            if (pos < len) {
                /* parse_zone takes the rest of the value as the zone. */
                size_t end = pos;
                while (end < len && s[end] != ' ')
                    end++;
                if (!parse_zone(s, end, &pos, &t->zone) || pos != end)
                    return false;
                t->has_zone = true;
            }
            f++;
        } else if (*f == ' ') {
            /* One space or more; also none before a missing zone. */
            if (pos < len && s[pos] != ' ')
                return false;
            while (pos < len && s[pos] == ' ')
                pos++;
            f++;
        } else {
            if (pos >= len || rp_import_lower(s[pos]) != rp_import_lower(*f))
                return false;
            pos++;
            f++;
        }
    }
    return pos == len;
}

/* Two digits at s, known to be in bounds. */
static bool two_digits(const char *s, unsigned *out)
{
    if (!is_digit(s[0]) || !is_digit(s[1]))
        return false;
    *out = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
    return true;
}

/*
 * The ISO 8601 format most exports use, "YYYY-MM-DDThh:mm:ssZ", in its
 * commonest spellings (no zone, "Z", "+hh:mm"), at fixed offsets.  It
 * fills t exactly as match_format would; anything else it leaves to
 * match_format.  Big exports carry millions of these.
 */
static bool match_iso(const char *s, size_t len, struct time_parts *t)
{
    unsigned y_hi, y_lo, hh, mm;
    const char *zone;
    size_t zone_len;

    if (len < 19 || s[4] != '-' || s[7] != '-' ||
        (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' ||
        !two_digits(s, &y_hi) || !two_digits(s + 2, &y_lo) ||
        !two_digits(s + 5, &t->m) || !two_digits(s + 8, &t->d) ||
        !two_digits(s + 11, &t->hh) || !two_digits(s + 14, &t->mm) ||
        !two_digits(s + 17, &t->ss))
        return false;
    zone = s + 19;
    zone_len = len - 19;
    if (zone_len == 1 && (zone[0] == 'Z' || zone[0] == 'z')) {
        t->zone = 0;
        t->has_zone = true;
    } else if (zone_len == 6 && (zone[0] == '+' || zone[0] == '-') &&
               zone[3] == ':' && two_digits(zone + 1, &hh) &&
               two_digits(zone + 4, &mm) && hh <= 23 && mm <= 59) {
        t->zone = (zone[0] == '-' ? -1 : 1) * (int64_t)(hh * 3600 + mm * 60);
        t->has_zone = true;
    } else if (zone_len != 0) {
        return false;
    }
    t->y = y_hi * 100 + y_lo;
    t->has_y = t->has_m = t->has_d = t->has_time = true;
    return true;
}

enum rp_time_result
rp_import_parse_time_zoned(const char *format, const char *s, size_t len,
                           const struct rp_import_zone *zone, int64_t *out,
                           bool *has_time)
{
    struct time_parts t;
    unsigned hh;
    int64_t local;

    memset(&t, 0, sizeof(t));
    if (strcmp(format, "YYYY-MM-DDThh:mm:ssZ") != 0 || !match_iso(s, len, &t)) {
        memset(&t, 0, sizeof(t));
        if (!match_format(format, s, len, &t))
            return RP_TIME_BAD;
    }
    if (!t.has_y || !t.has_m || !t.has_d)
        return RP_TIME_BAD;
    if (t.y < 1 || t.m < 1 || t.m > 12 || t.d < 1 ||
        t.d > rp_date_days_in_month(t.y, t.m))
        return RP_TIME_BAD;
    hh = t.hh;
    if (t.ampm) {
        if (hh < 1 || hh > 12)
            return RP_TIME_BAD;
        hh = hh % 12 + (t.ampm == 2 ? 12 : 0);
    }
    if (hh > 23 || t.mm > 59 || t.ss > 60)
        return RP_TIME_BAD;
    local = rp_date_days_from_civil(t.y, t.m, t.d) * 86400 + hh * 3600 +
            t.mm * 60 + t.ss;
    *has_time = t.has_time;
    /* A value's own offset wins over the zone. */
    if (t.has_zone) {
        *out = local - t.zone;
        return RP_TIME_OK;
    }
    return rp_import_zone_to_utc(zone, local, out) ? RP_TIME_OK
                                                   : RP_TIME_SKIPPED;
}

bool rp_import_parse_time_format(const char *format, const char *s, size_t len,
                                 int32_t zone, int64_t *out, bool *has_time)
{
    struct rp_import_zone fixed;

    rp_import_zone_init(&fixed);
    fixed.fixed = zone;
    return rp_import_parse_time_zoned(format, s, len, &fixed, out, has_time) ==
           RP_TIME_OK;
}

bool rp_import_time_format_valid(const char *format)
{
    return strstr(format, "YY") && strchr(format, 'M') && strchr(format, 'D');
}
