/*
 * libFuzzer target for the type parsers of the import stage: each parser
 * gets the same bytes, and the time format parser a format taken from the
 * input too.  Beyond "no crash, no undefined behaviour", it checks what
 * the parsers promise: a parsed time formats back and parses again to the
 * same instant, a number is finite, a domain is lower case text.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

static const char *const formats[] = {
    "YYYY-MM-DDThh:mm:ssZ", "YYYY-MM-DD hh:mm:ss Z",
    "DD/MMM/YY h:mm AM",    "MM/DD/YYYY hh:mm AM",
    "DD.MM.YYYY",           "YYYY-MM-DD",
};

static void check_domain(const char *d)
{
    size_t i;

    for (i = 0; d[i]; i++)
        CHECK(!(d[i] >= 'A' && d[i] <= 'Z'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char buf[RP_TIMESTAMP_SIZE], fmt[64];
    struct rp_pool pool;
    int64_t t, t2;
    double d;
    bool b, has_time;
    int n;
    size_t i, split;
    enum rp_priority pr;
    enum rp_ticket_status st;
    enum rp_sla_flag sla;
    enum rp_rag rag;
    enum rp_risk_level level;
    char country[3];

    if (rp_import_parse_timestamp(s, size, &t)) {
        rp_import_format_timestamp(t, buf);
        CHECK(rp_import_parse_timestamp(buf, strlen(buf), &t2) && t == t2);
    }
    if (rp_import_parse_date(s, size, &t))
        CHECK(t % 86400 == 0);
    for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        (void)rp_import_parse_time_format(formats[i], s, size, 3600, &t,
                                          &has_time);
    /* The ISO format's fast path reads exactly what the general matcher
     * reads: the same format with a lower-case 't' takes the latter. */
    {
        bool has_time2 = false, ok, ok2;

        has_time = false;
        ok = rp_import_parse_time_format("YYYY-MM-DDThh:mm:ssZ", s, size, 3600,
                                         &t, &has_time);
        ok2 = rp_import_parse_time_format("YYYY-MM-DDthh:mm:ssZ", s, size, 3600,
                                          &t2, &has_time2);
        CHECK(ok == ok2);
        CHECK(!ok || (t == t2 && has_time == has_time2));
    }
    /* A format from the input: up to the first newline. */
    split = 0;
    while (split < size && split < sizeof(fmt) - 1 && s[split] != '\n')
        split++;
    memcpy(fmt, s, split);
    fmt[split] = '\0';
    if (split < size && rp_import_time_format_valid(fmt))
        (void)rp_import_parse_time_format(fmt, s + split + 1, size - split - 1,
                                          -7200, &t, &has_time);
    if (rp_import_parse_number(s, size, ',', '.', &d))
        CHECK(isfinite(d));
    if (rp_import_parse_number(s, size, '.', ',', &d))
        CHECK(isfinite(d));
    if (rp_import_parse_number(s, size, 0, '.', &d))
        CHECK(isfinite(d));
    if (rp_import_parse_amount(s, size, &d))
        CHECK(d >= 0);
    if (rp_import_parse_int(s, size, &n))
        CHECK(n >= 0);
    (void)rp_import_parse_bool(s, size, &b);
    if (rp_import_parse_priority(s, size, &pr))
        CHECK(pr >= RP_PRIORITY_P1 && pr <= RP_PRIORITY_P4);
    (void)rp_import_parse_status(s, size, &st);
    (void)rp_import_parse_sla(s, size, &sla);
    (void)rp_import_parse_rag(s, size, &rag);
    (void)rp_import_parse_level(s, size, &level);
    if (rp_import_parse_country(s, size, country))
        CHECK(strlen(country) == 2);
    rp_pool_init(&pool);
    check_domain(rp_import_email_domain(&pool, s, size));
    check_domain(rp_import_url_domain(&pool, s, size));
    rp_pool_release(&pool);
    /* A scan that finds all of it clean promises what the per-field
     * check would say. */
    {
        bool clean = true;
        size_t valid = rp_import_utf8_scan(s, size, &clean);
        size_t pos;
        bool control;

        CHECK(valid <= size);
        if (valid == size && clean)
            CHECK(rp_import_check_text(s, size, &pos, &control));
        if (rp_import_check_text(s, size, &pos, &control))
            CHECK(valid == size && clean);
    }
    return 0;
}
