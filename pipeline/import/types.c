/*
 * Typed values of the exports: timestamps, dates, amounts, priorities,
 * statuses, countries.  Nothing here depends on the locale or the time
 * zone of the machine: dates are computed with plain integer arithmetic
 * (Howard Hinnant's days_from_civil), numbers are parsed and printed digit
 * by digit, so a report looks the same wherever the nightly job runs.
 */
#include "import/internal.h"

#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s[0..len) equals word, ignoring ASCII case. */
static bool equals_word(const char *s, size_t len, const char *word)
{
    size_t i;

    if (strlen(word) != len)
        return false;
    for (i = 0; i < len; i++) {
        if (lower(s[i]) != lower(word[i]))
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

bool rp_import_parse_priority(const char *s, size_t len, enum rp_priority *out)
{
    static const struct {
        const char *word;
        enum rp_priority priority;
    } words[] = {
        {"p1", RP_PRIORITY_P1},     {"1", RP_PRIORITY_P1},
        {"urgent", RP_PRIORITY_P1}, {"critical", RP_PRIORITY_P1},
        {"p2", RP_PRIORITY_P2},     {"2", RP_PRIORITY_P2},
        {"high", RP_PRIORITY_P2},   {"p3", RP_PRIORITY_P3},
        {"3", RP_PRIORITY_P3},      {"normal", RP_PRIORITY_P3},
        {"medium", RP_PRIORITY_P3}, {"p4", RP_PRIORITY_P4},
        {"4", RP_PRIORITY_P4},      {"low", RP_PRIORITY_P4},
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (equals_word(s, len, words[i].word)) {
            *out = words[i].priority;
            return true;
        }
    }
    return false;
}

bool rp_import_parse_status(const char *s, size_t len,
                            enum rp_ticket_status *out)
{
    static const struct {
        const char *word;
        enum rp_ticket_status status;
    } words[] = {
        {"new", RP_TICKET_NEW},         {"open", RP_TICKET_OPEN},
        {"pending", RP_TICKET_PENDING}, {"hold", RP_TICKET_PENDING},
        {"on-hold", RP_TICKET_PENDING}, {"on hold", RP_TICKET_PENDING},
        {"solved", RP_TICKET_SOLVED},   {"resolved", RP_TICKET_SOLVED},
        {"closed", RP_TICKET_CLOSED},
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (equals_word(s, len, words[i].word)) {
            *out = words[i].status;
            return true;
        }
    }
    return false;
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
    c = lower(c);
    return c >= 'a' && c <= 'z';
}

bool rp_import_parse_country(const char *s, size_t len, char out[3])
{
    size_t i;

    for (i = 0; i < sizeof(country_names) / sizeof(country_names[0]); i++) {
        if (equals_word(s, len, country_names[i].name)) {
            memcpy(out, country_names[i].code, 3);
            return true;
        }
    }
    if (len != 2 || !is_alpha(s[0]) || !is_alpha(s[1]))
        return false;
    out[0] = (char)(lower(s[0]) - 'a' + 'A');
    out[1] = (char)(lower(s[1]) - 'a' + 'A');
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

bool rp_import_check_text(const char *text, size_t len, size_t *pos,
                          bool *control)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;

    while (i < len) {
        unsigned long cp;
        size_t n = utf8_sequence(s + i, len - i, &cp);
        if (n == 0) {
            *pos = i;
            *control = false;
            return false;
        }
        /* XML 1.0 cannot carry these, and the data ends up in XML. */
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
            cp == 0xFFFE || cp == 0xFFFF) {
            *pos = i;
            *control = true;
            return false;
        }
        i += n;
    }
    return true;
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
