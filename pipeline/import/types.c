/*
 * Typed values of the exports: timestamps, dates, amounts, priorities,
 * statuses, countries.  Nothing here depends on the locale or the time
 * zone of the machine: dates are computed with plain integer arithmetic
 * (Howard Hinnant's days_from_civil), numbers are parsed and printed digit
 * by digit, so a report looks the same wherever the nightly job runs.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

char rp_import_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool rp_import_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void rp_import_trim(const char **s, size_t *len)
{
    while (*len && rp_import_is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && rp_import_is_space((*s)[*len - 1]))
        (*len)--;
}

bool rp_import_equals_word(const char *s, size_t len, const char *word)
{
    size_t i;

    if (strlen(word) != len)
        return false;
    for (i = 0; i < len; i++) {
        if (rp_import_lower(s[i]) != rp_import_lower(word[i]))
            return false;
    }
    return true;
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

static bool is_leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(unsigned y, unsigned m)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int64_t rp_import_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
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

/* YYYY-MM-DD at s[*pos], validated against the calendar. */
static bool parse_ymd(const char *s, size_t len, size_t *pos, int64_t *days)
{
    unsigned y, m, d;

    if (!digits(s, len, pos, 4, &y) || !expect(s, len, pos, '-') ||
        !digits(s, len, pos, 2, &m) || !expect(s, len, pos, '-') ||
        !digits(s, len, pos, 2, &d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return false;
    *days = rp_import_days_from_civil(y, m, d);
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

    if (!parse_ymd(s, len, &pos, &days))
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

    if (!parse_ymd(s, len, &pos, &days) || pos != len)
        return false;
    *out = days * 86400;
    return true;
}

/*
 * Amounts are kept to the cent, so the canonical record files can write
 * them back exactly; 13 integer digits keep cents within a double's 53
 * bits.
 */
bool rp_import_parse_amount(const char *s, size_t len, double *out)
{
    size_t pos = 0, int_digits = 0, frac_digits = 0;
    uint64_t cents = 0;

    while (pos < len && is_digit(s[pos])) {
        cents = cents * 10 + (uint64_t)(s[pos++] - '0');
        if (++int_digits > 13)
            return false;
    }
    if (int_digits == 0)
        return false;
    if (pos < len && s[pos] == '.') {
        pos++;
        while (pos < len && is_digit(s[pos])) {
            cents = cents * 10 + (uint64_t)(s[pos++] - '0');
            if (++frac_digits > 2)
                return false;
        }
        if (frac_digits == 0)
            return false;
    }
    if (pos != len)
        return false;
    for (; frac_digits < 2; frac_digits++)
        cents *= 10;
    *out = (double)cents / 100.0;
    return true;
}

/* An enumeration value spelled one of several ways, any ASCII case. */
struct word_value {
    const char *word;
    int value;
};

static bool lookup_word(const char *s, size_t len,
                        const struct word_value *words, size_t n, int *out)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (rp_import_equals_word(s, len, words[i].word)) {
            *out = words[i].value;
            return true;
        }
    }
    return false;
}

bool rp_import_parse_priority(const char *s, size_t len, enum rp_priority *out)
{
    static const struct word_value words[] = {
        {"p1", RP_PRIORITY_P1},      {"1", RP_PRIORITY_P1},
        {"urgent", RP_PRIORITY_P1},  {"critical", RP_PRIORITY_P1},
        {"p2", RP_PRIORITY_P2},      {"2", RP_PRIORITY_P2},
        {"high", RP_PRIORITY_P2},    {"p3", RP_PRIORITY_P3},
        {"3", RP_PRIORITY_P3},       {"normal", RP_PRIORITY_P3},
        {"medium", RP_PRIORITY_P3},  {"p4", RP_PRIORITY_P4},
        {"4", RP_PRIORITY_P4},       {"low", RP_PRIORITY_P4},
        {"highest", RP_PRIORITY_P1}, {"lowest", RP_PRIORITY_P4},
    };
    int v;

    if (!lookup_word(s, len, words, sizeof(words) / sizeof(words[0]), &v))
        return false;
    *out = (enum rp_priority)v;
    return true;
}

bool rp_import_parse_status(const char *s, size_t len,
                            enum rp_ticket_status *out)
{
    static const struct word_value words[] = {
        {"new", RP_TICKET_NEW},         {"open", RP_TICKET_OPEN},
        {"pending", RP_TICKET_PENDING}, {"hold", RP_TICKET_PENDING},
        {"on-hold", RP_TICKET_PENDING}, {"on hold", RP_TICKET_PENDING},
        {"solved", RP_TICKET_SOLVED},   {"resolved", RP_TICKET_SOLVED},
        {"closed", RP_TICKET_CLOSED},   {"in progress", RP_TICKET_OPEN},
    };
    int v;

    if (!lookup_word(s, len, words, sizeof(words) / sizeof(words[0]), &v))
        return false;
    *out = (enum rp_ticket_status)v;
    return true;
}

/* CRM systems often export the country as typed; the common names map. */
static const struct {
    const char *name;
    const char *code;
} country_names[] = {
    {"Argentina", "AR"},
    {"Australia", "AU"},
    {"Austria", "AT"},
    {"Belgium", "BE"},
    {"Brazil", "BR"},
    {"Canada", "CA"},
    {"China", "CN"},
    {"Czech Republic", "CZ"},
    {"Czechia", "CZ"},
    {"Denmark", "DK"},
    {"Finland", "FI"},
    {"France", "FR"},
    {"Germany", "DE"},
    {"Deutschland", "DE"},
    {"Greece", "GR"},
    {"Hong Kong", "HK"},
    {"Hungary", "HU"},
    {"India", "IN"},
    {"Ireland", "IE"},
    {"Israel", "IL"},
    {"Italy", "IT"},
    {"Japan", "JP"},
    {"Luxembourg", "LU"},
    {"Mexico", "MX"},
    {"Netherlands", "NL"},
    {"The Netherlands", "NL"},
    {"New Zealand", "NZ"},
    {"Norway", "NO"},
    {"Poland", "PL"},
    {"Portugal", "PT"},
    {"Singapore", "SG"},
    {"South Africa", "ZA"},
    {"South Korea", "KR"},
    {"Spain", "ES"},
    {"Sweden", "SE"},
    {"Switzerland", "CH"},
    {"Turkey", "TR"},
    {"United Arab Emirates", "AE"},
    {"United Kingdom", "GB"},
    {"UK", "GB"},
    {"United States", "US"},
    {"United States of America", "US"},
    {"USA", "US"},
};

static bool is_alpha(char c)
{
    c = rp_import_lower(c);
    return c >= 'a' && c <= 'z';
}

bool rp_import_parse_country(const char *s, size_t len, char out[3])
{
    size_t i;

    for (i = 0; i < sizeof(country_names) / sizeof(country_names[0]); i++) {
        if (rp_import_equals_word(s, len, country_names[i].name)) {
            memcpy(out, country_names[i].code, 3);
            return true;
        }
    }
    if (len != 2 || !is_alpha(s[0]) || !is_alpha(s[1]))
        return false;
    out[0] = (char)(rp_import_lower(s[0]) - 'a' + 'A');
    out[1] = (char)(rp_import_lower(s[1]) - 'a' + 'A');
    out[2] = '\0';
    return true;
}

/* Length of the UTF-8 sequence at s, or 0 when it is not valid UTF-8. */
static size_t utf8_sequence(const unsigned char *s, size_t len,
                            unsigned long *cp)
{
    size_t n, i;
    unsigned long c;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        c = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        c = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        c = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, UTF-16 surrogates and beyond U+10FFFF are invalid. */
    if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

/* What rp_import_check_text refuses besides bad UTF-8: XML 1.0 cannot
 * carry these, and the data ends up in XML. */
static bool xml_forbidden(unsigned long cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
           cp == 0xFFFE || cp == 0xFFFF;
}

void rp_import_format_timestamp(int64_t t, char out[RP_TIMESTAMP_SIZE])
{
    int64_t days = t / 86400, secs = t % 86400, y;
    unsigned m, d;

    if (secs < 0) {
        secs += 86400;
        days--;
    }
    civil_from_days(days, &y, &m, &d);
    snprintf(out, RP_TIMESTAMP_SIZE, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
             (long long)y, m, d, (unsigned)(secs / 3600),
             (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}

void rp_import_format_date(int64_t t, char out[RP_DATE_SIZE])
{
    int64_t days = t / 86400, y;
    unsigned m, d;

    if (t % 86400 < 0)
        days--;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, RP_DATE_SIZE, "%04lld-%02u-%02u", (long long)y, m, d);
}

void rp_import_format_amount(double amount, char out[RP_AMOUNT_SIZE])
{
    /* Not printf("%.2f"): its decimal point follows LC_NUMERIC. */
    bool negative = amount < 0;
    double cents_d = (negative ? -amount : amount) * 100.0 + 0.5;
    unsigned long long cents;

    if (!(cents_d < 1.8e19)) {
        snprintf(out, RP_AMOUNT_SIZE, "0.00");
        return;
    }
    cents = (unsigned long long)cents_d;
    snprintf(out, RP_AMOUNT_SIZE, "%s%llu.%02llu", negative ? "-" : "",
             cents / 100, cents % 100);
}

/*
 * The one walk over text that both checks make: returns the length of the
 * longest valid UTF-8 prefix, and *forbidden the offset of the first
 * character in it that XML cannot carry (len when none).
 */
static size_t scan_text(const char *text, size_t len, size_t *forbidden)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    *forbidden = len;
    while (i < len) {
        unsigned long cp;
        size_t n;

        /* Printable ASCII, eight bytes at a time: most of every export.
         * A byte below 0x20 borrows in w - 0x20..., one above 0x7F has its
         * top bit set: either shows in the top bits. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (((w - 0x2020202020202020ULL) | w) & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        n = utf8_sequence(s + i, len - i, &cp);
        if (n == 0)
            return i;
        if (xml_forbidden(cp) && *forbidden == len)
            *forbidden = i;
        i += n;
    }
    return len;
}

bool rp_import_check_text(const char *text, size_t len, size_t *pos,
                          bool *control)
{
    size_t forbidden, valid = scan_text(text, len, &forbidden);

    /* Whichever comes first is the one to name. */
    if (forbidden < valid) {
        *pos = forbidden;
        *control = true;
        return false;
    }
    if (valid < len) {
        *pos = valid;
        *control = false;
        return false;
    }
    return true;
}

size_t rp_import_utf8_scan(const char *text, size_t len, bool *clean)
{
    size_t forbidden, valid = scan_text(text, len, &forbidden);

    if (forbidden < valid)
        *clean = false;
    return valid;
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

bool rp_import_parse_time_format(const char *format, const char *s, size_t len,
                                 int32_t zone, int64_t *out, bool *has_time)
{
    struct time_parts t;
    unsigned hh;

    memset(&t, 0, sizeof(t));
    if (strcmp(format, "YYYY-MM-DDThh:mm:ssZ") != 0 || !match_iso(s, len, &t)) {
        memset(&t, 0, sizeof(t));
        if (!match_format(format, s, len, &t))
            return false;
    }
    if (!t.has_y || !t.has_m || !t.has_d)
        return false;
    if (t.y < 1 || t.m < 1 || t.m > 12 || t.d < 1 ||
        t.d > days_in_month(t.y, t.m))
        return false;
    hh = t.hh;
    if (t.ampm) {
        if (hh < 1 || hh > 12)
            return false;
        hh = hh % 12 + (t.ampm == 2 ? 12 : 0);
    }
    if (hh > 23 || t.mm > 59 || t.ss > 60)
        return false;
    *out = rp_import_days_from_civil(t.y, t.m, t.d) * 86400 + hh * 3600 +
           t.mm * 60 + t.ss - (t.has_zone ? t.zone : zone);
    *has_time = t.has_time;
    return true;
}

bool rp_import_time_format_valid(const char *format)
{
    return strstr(format, "YY") && strchr(format, 'M') && strchr(format, 'D');
}

/* ---- numbers ------------------------------------------------------------- */

static size_t skip_currency(const char *s, size_t len, size_t pos)
{
    static const char *const symbols[] = {"$", "\xE2\x82\xAC", "\xC2\xA3",
                                          "\xC2\xA5", "CHF"};
    size_t i, n;

    for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
        n = strlen(symbols[i]);
        if (len - pos >= n && memcmp(s + pos, symbols[i], n) == 0) {
            pos += n;
            goto spaces;
        }
    }
    /* An ISO 4217 code: three capitals. */
    if (len - pos >= 3 && s[pos] >= 'A' && s[pos] <= 'Z' && s[pos + 1] >= 'A' &&
        s[pos + 1] <= 'Z' && s[pos + 2] >= 'A' && s[pos + 2] <= 'Z')
        pos += 3;
spaces:
    while (pos < len && s[pos] == ' ')
        pos++;
    return pos;
}

bool rp_import_parse_number(const char *s, size_t len, char group, char decimal,
                            double *out)
{
    size_t pos = 0, run = 0, int_digits = 0, frac_digits = 0;
    bool negative = false, grouped = false;
    double value = 0, scale = 1;

    if (pos < len && (s[pos] == '-' || s[pos] == '+'))
        negative = s[pos++] == '-';
    pos = skip_currency(s, len, pos);
    if (!negative && pos < len && s[pos] == '-') {
        negative = true;
        pos++;
    }
    while (pos < len) {
        if (is_digit(s[pos])) {
            value = value * 10 + (s[pos++] - '0');
            run++;
            if (++int_digits > 15)
                return false;
        } else if (group && s[pos] == group && run > 0 &&
                   (grouped ? run == 3 : run <= 3)) {
            /* A group separator stands between groups of three. */
            grouped = true;
            run = 0;
            pos++;
        } else {
            break;
        }
    }
    if (int_digits == 0 || (grouped && run != 3))
        return false;
    if (pos < len && s[pos] == decimal) {
        pos++;
        while (pos < len && is_digit(s[pos])) {
            scale /= 10;
            value += (s[pos++] - '0') * scale;
            if (++frac_digits > 6)
                return false;
        }
        if (frac_digits == 0)
            return false;
    }
    while (pos < len && s[pos] == ' ')
        pos++;
    if (pos < len && s[pos] == '%')
        pos++;
    if (pos != len)
        return false;
    /* Rounded to the cent, as amounts are kept. */
    value = (double)(int64_t)(value * 100 + 0.5) / 100;
    *out = negative ? -value : value;
    return true;
}

bool rp_import_parse_int(const char *s, size_t len, int *out)
{
    size_t i;
    int v = 0;

    if (len == 0 || len > 9)
        return false;
    for (i = 0; i < len; i++) {
        if (!is_digit(s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* s[0..len) is one of words (a NULL-terminated list). */
static bool one_of(const char *s, size_t len, const char *const *words)
{
    for (; *words; words++) {
        if (rp_import_equals_word(s, len, *words))
            return true;
    }
    return false;
}

bool rp_import_parse_bool(const char *s, size_t len, bool *out)
{
    static const char *const yes[] = {"true", "yes",     "y", "1",
                                      "x",    "checked", "t", NULL};
    static const char *const no[] = {"false",     "no", "n", "0",
                                     "unchecked", "f",  NULL};

    if (one_of(s, len, yes))
        *out = true;
    else if (one_of(s, len, no))
        *out = false;
    else
        return false;
    return true;
}

bool rp_import_parse_sla(const char *s, size_t len, enum rp_sla_flag *out)
{
    static const char *const met[] = {"met", "achieved", "within sla", "true",
                                      "yes", "1",        NULL};
    static const char *const breached[] = {
        "breached", "violated", "sla violated", "missed", "false", "no",
        "0",        NULL};

    if (one_of(s, len, met))
        *out = RP_SLA_MET;
    else if (one_of(s, len, breached))
        *out = RP_SLA_BREACHED;
    else
        return false;
    return true;
}

bool rp_import_parse_rag(const char *s, size_t len, enum rp_rag *out)
{
    static const char *const green[] = {"green", "g", "on track", NULL};
    static const char *const amber[] = {"amber", "yellow",  "a",
                                        "y",     "at risk", NULL};
    static const char *const red[] = {"red", "r", "off track", NULL};

    if (one_of(s, len, green))
        *out = RP_RAG_GREEN;
    else if (one_of(s, len, amber))
        *out = RP_RAG_AMBER;
    else if (one_of(s, len, red))
        *out = RP_RAG_RED;
    else
        return false;
    return true;
}

bool rp_import_parse_level(const char *s, size_t len, enum rp_risk_level *out)
{
    static const char *const low[] = {"low", "l", "1", "very low", NULL};
    static const char *const medium[] = {"medium", "med",      "m",
                                         "2",      "moderate", NULL};
    static const char *const high[] = {"high",      "h",        "3",
                                       "very high", "critical", NULL};

    if (one_of(s, len, low))
        *out = RP_RISK_LOW;
    else if (one_of(s, len, medium))
        *out = RP_RISK_MEDIUM;
    else if (one_of(s, len, high))
        *out = RP_RISK_HIGH;
    else
        return false;
    return true;
}

/* ---- domains ------------------------------------------------------------- */

/* s[0..len) lower-cased, without a leading "www.". */
static char *domain_of(struct rp_pool *pool, const char *s, size_t len)
{
    char *out;
    size_t i;

    while (len && (s[len - 1] == '.' || s[len - 1] == ' '))
        len--;
    if (len > 4 && rp_import_equals_word(s, 4, "www.")) {
        s += 4;
        len -= 4;
    }
    out = rp_pool_alloc(pool, len);
    for (i = 0; i < len; i++)
        out[i] = rp_import_lower(s[i]);
    return out;
}

char *rp_import_email_domain(struct rp_pool *pool, const char *s, size_t len)
{
    const char *at = memchr(s, '@', len);
    size_t n;

    /* "Name <user@host>" as some systems write a requester. */
    if (!at)
        return domain_of(pool, "", 0);
    at++;
    n = len - (size_t)(at - s);
    if (n && at[n - 1] == '>')
        n--;
    return domain_of(pool, at, n);
}

char *rp_import_url_domain(struct rp_pool *pool, const char *s, size_t len)
{
    const char *scheme = len >= 3 ? memchr(s, ':', len) : NULL;
    size_t n = 0;

    if (scheme && (size_t)(scheme - s) + 2 < len && scheme[1] == '/' &&
        scheme[2] == '/') {
        len -= (size_t)(scheme + 3 - s);
        s = scheme + 3;
    }
    while (n < len && s[n] != '/' && s[n] != ':' && s[n] != '?' && s[n] != '#')
        n++;
    return domain_of(pool, s, n);
}

bool rp_import_parse_enum(const struct rp_import_member *m, const char *s,
                          size_t len, int *out)
{
    enum rp_priority pr = RP_PRIORITY_P3;
    enum rp_ticket_status st = RP_TICKET_NEW;
    enum rp_sla_flag sla = RP_SLA_UNKNOWN;
    enum rp_rag rag = RP_RAG_UNKNOWN;
    enum rp_risk_level level = RP_RISK_UNKNOWN;
    bool b = false, ok = false;
    int n = 0;

    /* Each out is read only when its parser succeeded and so wrote it. */
    switch (m->type) {
    case RP_MEMBER_INT:
        ok = rp_import_parse_int(s, len, &n);
        break;
    case RP_MEMBER_BOOL:
        ok = rp_import_parse_bool(s, len, &b);
        n = b;
        break;
    case RP_MEMBER_PRIORITY:
        ok = rp_import_parse_priority(s, len, &pr);
        n = (int)pr;
        break;
    case RP_MEMBER_STATUS:
        ok = rp_import_parse_status(s, len, &st);
        n = (int)st;
        break;
    case RP_MEMBER_SLA:
        ok = rp_import_parse_sla(s, len, &sla);
        n = (int)sla;
        break;
    case RP_MEMBER_RAG:
        ok = rp_import_parse_rag(s, len, &rag);
        n = (int)rag;
        break;
    case RP_MEMBER_LEVEL:
        ok = rp_import_parse_level(s, len, &level);
        n = (int)level;
        break;
    default:
        break;
    }
    if (ok)
        *out = n;
    return ok;
}
