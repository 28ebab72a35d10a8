/*
 * Time zones of the times an export writes without one.  A profile's (or
 * the command line's) zone is UTC, a fixed offset ("+01:00") or an IANA
 * name ("Europe/Berlin").  A named zone is read once, through GLib's
 * GTimeZone (the system's tz database), into a table of the instants at
 * which its offset changes, so that placing a local time costs a few
 * comparisons and never a call into GLib per row; the table is read-only
 * afterwards, so profiles may be shared.
 *
 * A local time at a change is placed as docs/import-profiles.md says: in
 * the hour that repeats when clocks go back, the first occurrence (still
 * summer time); in the hour that is skipped when they go forward, nowhere,
 * and the caller rejects the row.
 */
#include "import/internal.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "common/mem.h"

/* The table covers these years; outside, the first or last offset holds. */
#define TABLE_FROM ((int64_t)-2208988800) /* 1900-01-01 */
#define TABLE_TO ((int64_t)7258118400)    /* 2200-01-01 */
#define PROBE_STEP ((int64_t)7 * 86400)   /* no zone changes twice a week */
/* No offset in the tz database reaches 16 hours either way. */
#define MAX_OFFSET ((int64_t)16 * 3600)

void rp_import_zone_init(struct rp_import_zone *z)
{
    memset(z, 0, sizeof(*z));
    snprintf(z->name, sizeof(z->name), "UTC");
}

void rp_import_zone_release(struct rp_import_zone *z)
{
    free(z->at);
    free(z->offset);
    rp_import_zone_init(z);
}

void rp_import_zone_copy(struct rp_import_zone *dst,
                         const struct rp_import_zone *src)
{
    rp_import_zone_release(dst);
    *dst = *src;
    dst->at = NULL;
    dst->offset = NULL;
    if (!dst->name[0]) /* an all-zero zone is UTC */
        snprintf(dst->name, sizeof(dst->name), "UTC");
    if (src->n) {
        dst->at = rp_xmalloc(src->n * sizeof(*dst->at));
        dst->offset = rp_xmalloc((src->n + 1) * sizeof(*dst->offset));
        memcpy(dst->at, src->at, src->n * sizeof(*dst->at));
        memcpy(dst->offset, src->offset, (src->n + 1) * sizeof(*dst->offset));
    }
}

static bool two_digits(const char *s, unsigned *out)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    *out = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
    return true;
}

/* "+hh:mm" or "-hh:mm" (the form profiles have always had). */
static bool fixed_offset(const char *s, size_t len, int32_t *out)
{
    unsigned hh, mm;

    if (len != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' ||
        !two_digits(s + 1, &hh) || !two_digits(s + 4, &mm) || hh > 14 ||
        mm > 59)
        return false;
    *out = (s[0] == '-' ? -1 : 1) * (int32_t)(hh * 3600 + mm * 60);
    return true;
}

/*
 * What may name a zone: the characters of tz database names.  GLib would
 * also take a file path or a POSIX TZ rule; a profile says a place.
 */
static bool iana_name(const char *s, size_t len)
{
    size_t i;

    if (len == 0 || len >= RP_ZONE_NAME_SIZE ||
        !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return false;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' ||
              c == '+'))
            return false;
        if (c == '/' && (i + 1 == len || s[i + 1] == '/'))
            return false;
    }
    return true;
}

static int interval_at(GTimeZone *tz, int64_t t)
{
    return g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, t);
}

/* Appends a change to offset at instant t. */
static void add_change(struct rp_import_zone *z, size_t *cap, int64_t t,
                       int32_t offset)
{
    if (z->offset[z->n] == offset)
        return; /* a new abbreviation, not a new offset */
    if (z->n + 1 >= *cap) {
        *cap = *cap ? 2 * *cap : 64;
        z->at = rp_xrealloc(z->at, *cap * sizeof(*z->at));
        z->offset = rp_xrealloc(z->offset, (*cap + 1) * sizeof(*z->offset));
    }
    z->at[z->n++] = t;
    z->offset[z->n] = offset;
}

/*
 * The zone's changes between TABLE_FROM and TABLE_TO: probed a week
 * apart, each change then found to the second by bisection (GLib's
 * interval numbers only grow with time, so bisection is exact).
 */
static void read_changes(struct rp_import_zone *z, GTimeZone *tz)
{
    size_t cap = 64;
    int64_t lo = TABLE_FROM;
    int cur = interval_at(tz, lo);

    z->at = rp_xmalloc(cap * sizeof(*z->at));
    z->offset = rp_xmalloc((cap + 1) * sizeof(*z->offset));
    z->n = 0;
    z->offset[0] = g_time_zone_get_offset(tz, cur);
    while (lo < TABLE_TO) {
        int64_t hi = lo + PROBE_STEP;
        if (interval_at(tz, hi) == cur) {
            lo = hi;
            continue;
        }
        /* The first second in (lo, hi] of another interval. */
        while (hi - lo > 1) {
            int64_t mid = lo + (hi - lo) / 2;
            if (interval_at(tz, mid) == cur)
                lo = mid;
            else
                hi = mid;
        }
        cur = interval_at(tz, hi);
        add_change(z, &cap, hi, g_time_zone_get_offset(tz, cur));
        lo = hi;
    }
    if (z->n == 0) {
        z->fixed = z->offset[0];
        free(z->at);
        free(z->offset);
        z->at = NULL;
        z->offset = NULL;
    }
}

bool rp_import_zone_parse(const char *s, size_t len, struct rp_import_zone *z)
{
    GTimeZone *tz;
    char name[RP_ZONE_NAME_SIZE];
    int32_t off;

    rp_import_trim(&s, &len);
    if (rp_import_equals_word(s, len, "UTC") ||
        rp_import_equals_word(s, len, "Z")) {
        rp_import_zone_release(z);
        return true;
    }
    if (fixed_offset(s, len, &off)) {
        rp_import_zone_release(z);
        z->fixed = off;
        snprintf(z->name, sizeof(z->name), "%.*s", (int)len, s);
        return true;
    }
    if (!iana_name(s, len))
        return false;
    memcpy(name, s, len);
    name[len] = '\0';
    tz = g_time_zone_new_identifier(name);
    if (!tz)
        return false;
    rp_import_zone_release(z);
    memcpy(z->name, name, len + 1);
    read_changes(z, tz);
    g_time_zone_unref(tz);
    return true;
}

/* The offset in force at UTC instant t. */
static int32_t offset_at(const struct rp_import_zone *z, int64_t t)
{
    size_t lo = 0, hi = z->n;

    /* lo becomes the number of changes at or before t. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return z->offset[lo];
}

bool rp_import_zone_to_utc(const struct rp_import_zone *z, int64_t local,
                           int64_t *utc)
{
    int32_t before, after;
    bool ok_before, ok_after;

    if (z->n == 0) {
        *utc = local - z->fixed;
        return true;
    }
    /* Whatever the offset, the instant is within MAX_OFFSET of the local
     * time read as UTC; at most one change falls in that window. */
    before = offset_at(z, local - MAX_OFFSET);
    after = offset_at(z, local + MAX_OFFSET);
    if (before == after) {
        *utc = local - before;
        return true;
    }
    ok_before = offset_at(z, local - before) == before;
    ok_after = offset_at(z, local - after) == after;
    if (ok_before && ok_after) /* the repeated hour: the first one */
        *utc = local - (before > after ? before : after);
    else if (ok_before)
        *utc = local - before;
    else if (ok_after)
        *utc = local - after;
    else
        return false; /* the skipped hour */
    return true;
}
