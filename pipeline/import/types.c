/*
 * Typed values of the exports: amounts, priorities, statuses, countries,
 * domains, and the check that text can travel on to XML (times and dates
 * are times.c's).  Nothing here depends on the locale of the machine:
 * numbers are parsed and printed digit by digit, so a report looks the
 * same wherever the nightly job runs.
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
    {"Russia", "RU"},
    {"Russian Federation", "RU"},
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
