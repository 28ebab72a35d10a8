/*
 * Civil dates: the proleptic Gregorian calendar counted in days since
 * 1970-01-01, with plain integer arithmetic (Howard Hinnant's
 * days_from_civil), so a date means the same whatever the machine's zone
 * or locale.  The one place a YYYY-MM-DD is read and checked against the
 * calendar: the exports, the configuration, the command line and the
 * workflow store all come here, so 2026-02-29 is refused everywhere.
 */
#ifndef RP_COMMON_DATE_H
#define RP_COMMON_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RP_DATE_SECONDS_PER_DAY 86400
/* "YYYY-MM-DD" and its NUL. */
#define RP_DATE_DAY_SIZE 11

/* Days in month m (1-12) of year y. */
unsigned rp_date_days_in_month(int64_t y, unsigned m);

/* Days since 1970-01-01 of y-m-d; m and d are taken as valid. */
int64_t rp_date_days_from_civil(int64_t y, unsigned m, unsigned d);

/* The civil date of a day number. */
void rp_date_civil_from_days(int64_t days, int64_t *y, unsigned *m,
                             unsigned *d);

/* YYYY-MM-DD at s[*pos] (exactly 4, 2 and 2 digits), a date that exists;
 * advances *pos past it.  On false, *pos and *days are unchanged. */
bool rp_date_parse_ymd(const char *s, size_t len, size_t *pos, int64_t *days);

/* A whole NUL-terminated string that is one YYYY-MM-DD. */
bool rp_date_parse_day(const char *s, int64_t *days);

/* The same, as a Unix time: that day's midnight, UTC. */
bool rp_date_parse_midnight(const char *s, int64_t *t);

/* The day (UTC) a Unix time falls on, rounding down before 1970. */
int64_t rp_date_day_of(int64_t t);

/* YYYY-MM-DD of a day number into out. */
void rp_date_format_day(int64_t days, char out[RP_DATE_DAY_SIZE]);

/* "YYYY-MM-DDTHH:MM:SSZ" and its NUL, for years 0..9999; others are
 * written with their sign and digits, cut to fit. */
#define RP_DATE_TIMESTAMP_SIZE 21

/* A Unix time as the exports' and the review data's UTC timestamp. */
void rp_date_format_timestamp(int64_t t, char out[RP_DATE_TIMESTAMP_SIZE]);

#endif
