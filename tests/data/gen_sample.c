/*
 * gen-sample: writes the sample exports shipped in input/, a CRM account
 * export (crm-accounts.csv) and a ticketing export (tickets.csv), as the
 * systems would have produced them on 2026-11-22 at 18:00 UTC.
 *
 *     build/release/gen-sample input
 *
 * The output is byte-identical on every run and every machine: the only
 * randomness is a splitmix64 generator with a fixed seed, all arithmetic
 * is on integers (no libm, whose last bits may differ between versions),
 * dates are computed by hand rather than with the local time zone, and
 * nothing is formatted through the locale.  Change a table below and the
 * data changes; run it twice and nothing does.
 *
 * The data is meant to make reports differ from account to account: the
 * volume follows the account's tier, three accounts are troubled (more P1s,
 * more SLA breaches and an incident stretch of a few weeks), and the
 * recent tickets are more often still open.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SEED 0x5EED2026u
#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- random numbers ------------------------------------------------------ */

struct rng {
    uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [0, n), without the bias of a plain modulo. */
static uint64_t rng_below(struct rng *r, uint64_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;

    do
        x = rng_next(r);
    while (x >= limit);
    return x % n;
}

static int64_t rng_range(struct rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)rng_below(r, (uint64_t)(hi - lo));
}

static bool rng_per_mille(struct rng *r, unsigned per_mille)
{
    return rng_below(r, 1000) < per_mille;
}

static size_t rng_pick(struct rng *r, const unsigned *weights, size_t n)
{
    uint64_t total = 0, x;
    size_t i;

    for (i = 0; i < n; i++)
        total += weights[i];
    x = rng_below(r, total);
    for (i = 0; i + 1 < n && x >= weights[i]; i++)
        x -= weights[i];
    return i;
}

/* ---- calendar ------------------------------------------------------------ */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
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

static int64_t utc(int64_t y, unsigned m, unsigned d, unsigned hh)
{
    return days_from_civil(y, m, d) * DAY + (int64_t)hh * HOUR;
}

/* 2026-03-04T09:15:00Z; t is never before 1970 here. */
static void format_time(int64_t t, char out[32])
{
    int64_t y;
    unsigned m, d;
    int64_t secs = t % DAY;

    civil_from_days(t / DAY, &y, &m, &d);
    snprintf(out, 32, "%04d-%02u-%02uT%02u:%02u:%02uZ", (int)y, m, d,
             (unsigned)(secs / HOUR), (unsigned)(secs / MINUTE % 60),
             (unsigned)(secs % 60));
}

static bool is_weekend(int64_t day)
{
    int64_t weekday = (day + 4) % 7; /* 1970-01-01 was a Thursday: 0 Sunday */
    return weekday == 0 || weekday == 6;
}

/* ---- the accounts ------------------------------------------------------- */

struct account {
    const char *id;
    const char *name;
    const char *tier;
    const char *owner;
    const char *industry;
    const char *country;
    const char *website;
    long long revenue_cents;
    const char *renewal;
    unsigned tickets; /* over the export's 13 months, before incidents */
    /* Troubled accounts: an incident stretch and worse service overall. */
    bool troubled;
    unsigned incident_y, incident_m, incident_d, incident_days,
        incident_tickets;
};

static const struct account accounts[] = {
    {"ACC-1001", "Acme Widgets, Inc.", "Platinum", "Sarah Chen",
     "Manufacturing", "US", "https://www.acmewidgets.example", 4850000000LL,
     "2027-03-31", 340, false, 0, 0, 0, 0, 0},
    {"ACC-1002", "Müller GmbH", "Gold", "Jürgen Böhm", "Industrial Machinery",
     "DE", "https://www.mueller-gmbh.example", 1825000000LL, "2026-12-31", 190,
     true, 2026, 3, 2, 24, 55},
    {"ACC-1003", "Société Générale", "Platinum", "Amélie Durand", "Banking",
     "FR", "https://www.societegenerale.example", 12500000000LL, "2027-06-30",
     360, false, 0, 0, 0, 0, 0},
    {"ACC-1004", "Nordström Logistik AB", "Gold", "Priya Raman", "Logistics",
     "SE", "https://www.nordstrom-logistik.example", 2240000000LL, "2027-02-15",
     210, false, 0, 0, 0, 0, 0},
    {"ACC-1005", "Café Olé S.L.", "Bronze", "José Álvarez", "Hospitality", "ES",
     "https://www.cafeole.example", 125000000LL, "2027-09-01", 55, false, 0, 0,
     0, 0, 0},
    {"ACC-1006", "Zürich Präzision AG", "Silver", "Jürgen Böhm",
     "Precision Engineering", "CH", "https://www.zuerich-praezision.example",
     980000000LL, "2027-01-31", 120, false, 0, 0, 0, 0, 0},
    {"ACC-1007", "Brightline Health Partners", "Platinum", "Marcus Webb",
     "Healthcare", "US", "https://www.brightlinehealth.example", 6730000000LL,
     "2027-04-30", 310, true, 2026, 8, 10, 21, 60},
    {"ACC-1008", "Harbor & Finch LLP", "Silver", "Marcus Webb",
     "Legal Services", "GB", "https://www.harborfinch.example", 745000000LL,
     "2027-08-31", 110, false, 0, 0, 0, 0, 0},
    {"ACC-1009", "Kestrel Analytics Ltd", "Gold", "Priya Raman", "Software",
     "IE", "https://www.kestrel-analytics.example", 1560000000LL, "2027-05-31",
     220, false, 0, 0, 0, 0, 0},
    {"ACC-1010", "Pinecrest Credit Union", "Bronze", "Sarah Chen",
     "Financial Services", "US", "https://www.pinecrestcu.example", 320000000LL,
     "2027-10-31", 65, false, 0, 0, 0, 0, 0},
    {"ACC-1011", "Tanaka Robotics K.K.", "Gold", "Priya Raman", "Robotics",
     "JP", "https://www.tanaka-robotics.example", 2890000000LL, "2027-07-31",
     180, false, 0, 0, 0, 0, 0},
    {"ACC-1012", "Bluewater Shipping B.V.", "Silver", "Amélie Durand",
     "Maritime Transport", "NL", "https://www.bluewater-shipping.example",
     1130000000LL, "2026-12-15", 130, true, 2026, 10, 5, 28, 50},
    {"ACC-1013", "Granite Peak Outdoor Co.", "Bronze", "José Álvarez", "Retail",
     "US", "https://www.granitepeak.example", 275000050LL, "2027-03-15", 50,
     false, 0, 0, 0, 0, 0},
    {"ACC-1014", "Vinterberg Energi AS", "Silver", "Amélie Durand", "Energy",
     "NO", "https://www.vinterberg-energi.example", 865000000LL, "2027-11-30",
     115, false, 0, 0, 0, 0, 0},
};

/* Tickets that name an account the CRM does not know; merge reports them. */
static const char *const unmatched_accounts[] = {"ACC-9999", "ACC-9999",
                                                 "ACC-0042"};

/* ---- tickets: categories, subjects --------------------------------------- */

enum category {
    CAT_BILLING,
    CAT_LOGIN,
    CAT_PERFORMANCE,
    CAT_IMPORT,
    CAT_INTEGRATIONS,
    CAT_REPORTING,
    CAT_MOBILE,
    CAT_FEATURE,
    CAT_COUNT
};

static const char *const category_names[CAT_COUNT] = {
    "Billing",      "Login & Access", "Performance", "Data Import",
    "Integrations", "Reporting",      "Mobile App",  "Feature Request",
};
static const unsigned category_weights[CAT_COUNT] = {10, 18, 14, 12,
                                                     15, 13, 8,  10};
/* During an incident the trouble is in the platform, not the invoices. */
static const unsigned incident_category_weights[CAT_COUNT] = {1,  25, 40, 6,
                                                              22, 5,  1,  0};

/*
 * Subject templates.  Placeholders: {n} a number, {inv} an invoice, {rep} a
 * report, {sys} a connected system, {ver} an app version, {fld} a field,
 * {file} an import file, {who} a user.  Some carry commas and quotes on
 * purpose: real subjects do, and the CSV quoting must cope.
 */
static const char *const subjects_billing[] = {
    "Invoice {inv} shows the wrong number of seats",
    "Question about charges on invoice {inv}",
    "Duplicate charge on invoice {inv}, please refund",
    "Update billing contact to {who}",
    "VAT number missing on invoice {inv}",
    "Credit note for {n} unused licences",
    "Invoice {inv} sent to \"accounts@\" instead of AP mailbox",
};
static const char *const subjects_login[] = {
    "Cannot log in after password reset, error \"Invalid token\"",
    "SSO login fails for users in group \"{fld}\"",
    "{who} locked out after {n} failed attempts",
    "MFA codes not accepted since this morning",
    "New user {who} did not receive the invitation email",
    "Session expires after {n} minutes, expected 8 hours",
    "SAML certificate rollover: login broken for {n} users",
};
static const char *const subjects_performance[] = {
    "Dashboard loads slowly, over {n} seconds",
    "Search is very slow for accounts with many contacts",
    "Timeouts when saving records, \"504 Gateway Timeout\"",
    "Platform unresponsive for all users",
    "Report \"{rep}\" takes {n} minutes to run",
    "Bulk update of {n} records never finishes",
    "Slow page loads in the EU region since {n}:00 UTC",
};
static const char *const subjects_import[] = {
    "Import of {file} failed at row {n}",
    "CSV import rejects dates in DD.MM.YYYY format",
    "Duplicate contacts created by nightly import",
    "Import mapping lost field \"{fld}\"",
    "Import of {file} stuck at {n}%",
    "Special characters garbled after import, e.g. \"Müller\"",
};
static const char *const subjects_integrations[] = {
    "{sys} sync stopped, last run {n} hours ago",
    "Webhook to {sys} returns 500",
    "API rate limit reached, {n} requests rejected",
    "{sys} connector: field \"{fld}\" not mapped",
    "OAuth token for {sys} expires every day",
    "Records missing in {sys} after sync, about {n} affected",
    "API returns \"401 Unauthorized\" for service account",
};
static const char *const subjects_reporting[] = {
    "Report \"{rep}\" shows different totals than the dashboard",
    "Scheduled report \"{rep}\" not delivered",
    "Export of \"{rep}\" report times out",
    "Need a filter by region, owner and stage in \"{rep}\"",
    "Chart colours wrong in PDF export",
    "Report totals off by {n} after the last release",
};
static const char *const subjects_mobile[] = {
    "iOS app crashes on launch, version {ver}",
    "Android app does not sync offline changes",
    "Push notifications stopped, app version {ver}",
    "Mobile app shows blank screen after login",
    "Cannot attach photos in the app, version {ver}",
};
static const char *const subjects_feature[] = {
    "Feature request: bulk edit for \"{fld}\"",
    "Feature request: dark mode",
    "Please add export to XLSX, not just CSV",
    "Feature request: custom fields on tickets, contacts and accounts",
    "Allow more than {n} dashboards per team",
    "Feature request: audit log export",
};

static const struct {
    const char *const *list;
    size_t n;
} subjects[CAT_COUNT] = {
    {subjects_billing, COUNT(subjects_billing)},
    {subjects_login, COUNT(subjects_login)},
    {subjects_performance, COUNT(subjects_performance)},
    {subjects_import, COUNT(subjects_import)},
    {subjects_integrations, COUNT(subjects_integrations)},
    {subjects_reporting, COUNT(subjects_reporting)},
    {subjects_mobile, COUNT(subjects_mobile)},
    {subjects_feature, COUNT(subjects_feature)},
};

static const char *const reports[] = {
    "Pipeline by Stage", "Quarterly Revenue", "Open Cases by Owner",
    "Churn Risk",        "Weekly Activity",   "Renewals, Next 90 Days",
};
static const char *const systems[] = {
    "Salesforce", "SAP S/4HANA", "HubSpot", "Microsoft Dynamics",
    "Slack",      "NetSuite",    "Jira"};
static const char *const fields[] = {"Region",        "Account Owner",
                                     "Stage",         "Cost Center",
                                     "Customer Tier", "Renewal Date"};
static const char *const files[] = {"contacts.csv", "leads_2026.csv",
                                    "accounts_export.xlsx", "orders.csv",
                                    "price_list.csv"};
static const char *const people[] = {
    "Anna Schäfer",  "Tom O'Brien",  "Lucía Martín", "Erik Sjöberg",
    "Chloé Lefèvre", "Ken Watanabe", "Fatima Khan",  "Piet de Vries",
};

static void expand_subject(struct rng *r, const char *tmpl, char *out,
                           size_t size)
{
    size_t used = 0;
    const char *p = tmpl;

    while (*p && used + 1 < size) {
        char piece[96];
        const char *end;

        if (*p != '{' || !(end = strchr(p, '}'))) {
            out[used++] = *p++;
            continue;
        }
        if (strncmp(p, "{n}", 3) == 0)
            snprintf(piece, sizeof(piece), "%d", (int)rng_range(r, 2, 60));
        else if (strncmp(p, "{inv}", 5) == 0)
            snprintf(piece, sizeof(piece), "INV-2026-%05d",
                     (int)rng_range(r, 1000, 40000));
        else if (strncmp(p, "{ver}", 5) == 0)
            snprintf(piece, sizeof(piece), "4.%d.%d", (int)rng_range(r, 2, 9),
                     (int)rng_range(r, 0, 5));
        else if (strncmp(p, "{rep}", 5) == 0)
            snprintf(piece, sizeof(piece), "%s",
                     reports[rng_below(r, COUNT(reports))]);
        else if (strncmp(p, "{sys}", 5) == 0)
            snprintf(piece, sizeof(piece), "%s",
                     systems[rng_below(r, COUNT(systems))]);
        else if (strncmp(p, "{fld}", 5) == 0)
            snprintf(piece, sizeof(piece), "%s",
                     fields[rng_below(r, COUNT(fields))]);
        else if (strncmp(p, "{file}", 6) == 0)
            snprintf(piece, sizeof(piece), "%s",
                     files[rng_below(r, COUNT(files))]);
        else
            snprintf(piece, sizeof(piece), "%s",
                     people[rng_below(r, COUNT(people))]);
        used += (size_t)snprintf(out + used, size - used, "%s", piece);
        if (used >= size)
            used = size - 1;
        p = end + 1;
    }
    out[used] = '\0';
}

/* ---- tickets: priorities, service times ---------------------------------- */

/*
 * Per mille of P1..P4.  Feature requests are decided apart (mostly P4), and
 * troubled accounts and their incidents raise more P1s, so the mix of the
 * healthy accounts is set to bring the whole export to about 4% / 18% /
 * 48% / 30%.
 */
static const unsigned priority_mix[4] = {23, 176, 546, 255};
static const unsigned troubled_priority_mix[4] = {60, 220, 470, 250};
static const unsigned incident_priority_mix[4] = {200, 350, 350, 100};

/* SLA targets in minutes, per priority: first response and resolution. */
static const int64_t sla_first_response[4] = {60, 4 * 60, 8 * 60, 24 * 60};
static const int64_t sla_resolution[4] = {8 * 60, 24 * 60, 72 * 60, 120 * 60};

/* A duration in minutes is drawn from weighted [lo, hi) buckets. */
struct bucket {
    int64_t lo, hi;
    unsigned weight;
};

#define BUCKETS 6

/*
 * Buckets end at the SLA target or start at it, so a ticket is first
 * decided on time or late (see make_ticket) and its durations are then
 * drawn from the buckets on that side of the target only.
 */
static const struct bucket first_response_times[4][BUCKETS] = {
    {{5, 20, 45}, {20, 45, 30}, {45, 60, 14}, {60, 180, 9}, {180, 480, 2}},
    {{10, 60, 35},
     {60, 180, 40},
     {180, 240, 15},
     {240, 600, 8},
     {600, 1440, 2}},
    {{15, 120, 30},
     {120, 300, 35},
     {300, 480, 24},
     {480, 1440, 9},
     {1440, 2880, 2}},
    {{30, 240, 25},
     {240, 720, 35},
     {720, 1440, 30},
     {1440, 2880, 8},
     {2880, 5760, 2}},
};
static const struct bucket resolution_times[4][BUCKETS] = {
    {{60, 240, 40},
     {240, 420, 35},
     {420, 480, 13},
     {480, 960, 9},
     {960, 2880, 3}},
    {{120, 480, 30},
     {480, 1080, 35},
     {1080, 1440, 22},
     {1440, 2880, 10},
     {2880, 7200, 3}},
    {{240, 1440, 25},
     {1440, 2880, 30},
     {2880, 4320, 33},
     {4320, 8640, 9},
     {8640, 20160, 2},
     {20160, 86400, 1}},
    {{720, 2880, 25},
     {2880, 5760, 35},
     {5760, 7200, 29},
     {7200, 14400, 8},
     {14400, 43200, 2},
     {43200, 129600, 1}},
};

/* Minutes, from the buckets before the target, or from those after. */
static int64_t draw_minutes(struct rng *r, const struct bucket *b,
                            int64_t target, bool late)
{
    unsigned weights[BUCKETS];
    size_t i;

    for (i = 0; i < BUCKETS; i++) {
        bool after = b[i].lo >= target;
        weights[i] = after == late ? b[i].weight : 0;
    }
    i = rng_pick(r, weights, BUCKETS);
    return rng_range(r, b[i].lo, b[i].hi);
}

/* ---- generating ---------------------------------------------------------- */

struct ticket {
    /* -1: none; INT64_MAX while generating: not before the export */
    int64_t created, first_response, resolved;
    unsigned serial; /* tie-break for sorting */
    const char *account_id;
    const char *status;
    int priority; /* 1..4 */
    enum category category;
    char subject[160];
};

struct tickets {
    struct ticket *items;
    size_t n, cap;
};

static struct ticket *new_ticket(struct tickets *list)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 1024;
        list->items = realloc(list->items, list->cap * sizeof(*list->items));
        if (!list->items) {
            fprintf(stderr, "gen-sample: out of memory\n");
            exit(1);
        }
    }
    memset(&list->items[list->n], 0, sizeof(*list->items));
    list->items[list->n].serial = (unsigned)list->n;
    return &list->items[list->n++];
}

/* The export window: [period_start, export_time). */
struct period {
    int64_t start, end;
};

/* Hours of the day (UTC) in which customers open tickets. */
static const unsigned hour_weights[24] = {1,  1,  1,  1,  1,  2,  4,  10,
                                          16, 18, 18, 16, 12, 15, 17, 16,
                                          13, 9,  5,  3,  2,  2,  1,  1};

/*
 * A creation time in [from, to): weekdays and business hours weigh most,
 * and volume grows over the year as the customers roll the product out.
 */
static int64_t draw_created(struct rng *r, int64_t from, int64_t to)
{
    int64_t first_day = from / DAY, days = (to - from) / DAY + 1;

    for (;;) {
        int64_t day = first_day + rng_range(r, 0, days), t;
        unsigned growth = (unsigned)(650 + 350 * (day - first_day) / days);

        if (is_weekend(day) && !rng_per_mille(r, 180))
            continue;
        if (!rng_per_mille(r, growth))
            continue;
        t = day * DAY + (int64_t)rng_pick(r, hour_weights, 24) * HOUR +
            rng_range(r, 0, HOUR);
        if (t >= from && t < to)
            return t;
    }
}

/* 00:00 UTC on the Saturday of the weekend t falls in (or before it). */
static int64_t weekend_start(int64_t t)
{
    int64_t day = t / DAY;

    while ((day + 4) % 7 != 6) /* 6: Saturday */
        day--;
    return day * DAY;
}

static void make_ticket(struct rng *r, struct ticket *t, const char *account,
                        int64_t created, int64_t now, bool troubled,
                        bool incident)
{
    const unsigned *mix = incident   ? incident_priority_mix
                          : troubled ? troubled_priority_mix
                                     : priority_mix;
    /*
     * Per mille of tickets that miss their SLA: a healthy account meets
     * the 90% target with some margin, a troubled one falls well short.
     * A late ticket is late on first response, on resolution, or both.
     */
    unsigned late = incident ? 550 : troubled ? 270 : 55;
    bool late_response = false, late_resolution = false;
    const char *tmpl;
    int p;

    t->account_id = account;
    t->created = created;
    t->category = (enum category)rng_pick(
        r, incident ? incident_category_weights : category_weights, CAT_COUNT);
    if (t->category == CAT_FEATURE)
        t->priority = rng_per_mille(r, 850) ? 4 : 3;
    else
        t->priority = (int)rng_pick(r, mix, 4) + 1;
    p = t->priority - 1;
    tmpl = subjects[t->category].list[rng_below(r, subjects[t->category].n)];
    expand_subject(r, tmpl, t->subject, sizeof(t->subject));

    if (rng_per_mille(r, late)) {
        unsigned which = (unsigned)rng_below(r, 100);
        late_response = which < 65;    /* 35 response only, 30 both */
        late_resolution = which >= 35; /* 35 resolution only */
    }
    t->first_response = created +
                        draw_minutes(r, first_response_times[p],
                                     sla_first_response[p], late_response) *
                            MINUTE +
                        rng_range(r, 0, MINUTE);
    t->resolved = created +
                  draw_minutes(r, resolution_times[p], sla_resolution[p],
                               late_resolution) *
                      MINUTE +
                  rng_range(r, 0, MINUTE);
    /* Nobody resolves a ticket before first answering it. */
    if (t->resolved < t->first_response)
        t->resolved = t->first_response + rng_range(r, 5, 90) * MINUTE;
    /* Some feature requests wait on the product roadmap indefinitely. */
    if (t->category == CAT_FEATURE && rng_per_mille(r, 100))
        t->resolved = INT64_MAX;

    /*
     * The export is taken on a Sunday, and the desk answers P3 and P4 on
     * working days: those not answered before the weekend wait in the
     * queue.  (Earlier weekends are not modelled, so as not to turn them
     * into SLA breaches the year round.)
     */
    if (t->priority >= 3 && t->first_response >= weekend_start(now))
        t->first_response = INT64_MAX;

    /* What the system shows at the moment of the export. */
    if (t->first_response > now) {
        t->first_response = t->resolved = -1;
        t->status = "New";
    } else if (t->resolved > now) {
        t->resolved = -1;
        t->status = rng_per_mille(r, 650) ? "Open" : "Pending";
    } else {
        /* Solved tickets close by themselves four days later. */
        t->status = t->resolved + 4 * DAY <= now ? "Closed" : "Solved";
    }
}

static void generate(struct tickets *list, struct period period)
{
    struct rng r = {SEED};
    size_t a, i;

    for (a = 0; a < COUNT(accounts); a++) {
        const struct account *acc = &accounts[a];
        for (i = 0; i < acc->tickets; i++) {
            int64_t created = draw_created(&r, period.start, period.end);
            make_ticket(&r, new_ticket(list), acc->id, created, period.end,
                        acc->troubled, false);
        }
        if (acc->incident_tickets) {
            int64_t from =
                utc(acc->incident_y, acc->incident_m, acc->incident_d, 0);
            int64_t to = from + (int64_t)acc->incident_days * DAY;
            for (i = 0; i < acc->incident_tickets; i++) {
                int64_t created = draw_created(&r, from, to);
                make_ticket(&r, new_ticket(list), acc->id, created, period.end,
                            true, true);
            }
        }
    }
    for (i = 0; i < COUNT(unmatched_accounts); i++) {
        int64_t created = draw_created(&r, period.start, period.end);
        make_ticket(&r, new_ticket(list), unmatched_accounts[i], created,
                    period.end, false, false);
    }
}

static int by_created(const void *pa, const void *pb)
{
    const struct ticket *a = pa, *b = pb;

    if (a->created != b->created)
        return a->created < b->created ? -1 : 1;
    return a->serial < b->serial ? -1 : a->serial > b->serial;
}

/* ---- writing ------------------------------------------------------------- */

/* RFC 4180: quote a field holding a comma, quote or line break. */
static void put_field(FILE *fp, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        putc('"', fp);
        for (; *s; s++) {
            if (*s == '"')
                putc('"', fp);
            putc(*s, fp);
        }
        putc('"', fp);
    } else {
        fputs(s, fp);
    }
    /* CRLF, as the CRM and ticketing systems export. */
    fputs(last ? "\r\n" : ",", fp);
}

static void put_time(FILE *fp, int64_t t, bool last)
{
    char buf[32] = "";

    if (t >= 0)
        format_time(t, buf);
    put_field(fp, buf, last);
}

static void write_accounts(FILE *fp)
{
    size_t i;

    fputs("Account ID,Account Name,Tier,Account Owner,Industry,"
          "Billing Country,Website,Annual Revenue,Contract Renewal\r\n",
          fp);
    for (i = 0; i < COUNT(accounts); i++) {
        const struct account *a = &accounts[i];
        char revenue[32];

        snprintf(revenue, sizeof(revenue), "%lld.%02lld",
                 a->revenue_cents / 100, a->revenue_cents % 100);
        put_field(fp, a->id, false);
        put_field(fp, a->name, false);
        put_field(fp, a->tier, false);
        put_field(fp, a->owner, false);
        put_field(fp, a->industry, false);
        put_field(fp, a->country, false);
        put_field(fp, a->website, false);
        put_field(fp, revenue, false);
        put_field(fp, a->renewal, true);
    }
}

static void write_tickets(FILE *fp, const struct tickets *list)
{
    size_t i;

    fputs("Ticket ID,Account ID,Subject,Priority,Status,Category,Created,"
          "First Response,Resolved\r\n",
          fp);
    for (i = 0; i < list->n; i++) {
        const struct ticket *t = &list->items[i];
        char id[16], priority[4];

        snprintf(id, sizeof(id), "T-%06zu", 100001 + i);
        snprintf(priority, sizeof(priority), "P%d", t->priority);
        put_field(fp, id, false);
        put_field(fp, t->account_id, false);
        put_field(fp, t->subject, false);
        put_field(fp, priority, false);
        put_field(fp, t->status, false);
        put_field(fp, category_names[t->category], false);
        put_time(fp, t->created, false);
        put_time(fp, t->first_response, false);
        put_time(fp, t->resolved, true);
    }
}

/* Writes dir/name through a temporary file, so a failed run leaves the
 * previous file in place. */
static int write_file(const char *dir, const char *name,
                      void (*fill)(FILE *, const struct tickets *),
                      const struct tickets *list)
{
    char path[4096], tmp[4200];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    fp = fopen(tmp, "wb");
    if (!fp) {
        fprintf(stderr, "gen-sample: %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    fill(fp, list);
    if (ferror(fp) | fclose(fp)) {
        fprintf(stderr, "gen-sample: %s: write failed\n", tmp);
        remove(tmp);
        return 1;
    }
    if (rename(tmp, path) != 0) {
        fprintf(stderr, "gen-sample: %s: %s\n", path, strerror(errno));
        remove(tmp);
        return 1;
    }
    return 0;
}

static void fill_accounts(FILE *fp, const struct tickets *list)
{
    (void)list;
    write_accounts(fp);
}

int main(int argc, char **argv)
{
    struct period period = {utc(2025, 11, 1, 0), utc(2026, 11, 22, 18)};
    struct tickets list = {NULL, 0, 0};
    int failed;

    if (argc != 2) {
        fprintf(stderr, "usage: gen-sample DIR\n"
                        "writes DIR/crm-accounts.csv and DIR/tickets.csv\n");
        return 2;
    }
    if (mkdir(argv[1], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen-sample: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    generate(&list, period);
    qsort(list.items, list.n, sizeof(*list.items), by_created);
    failed = write_file(argv[1], "crm-accounts.csv", fill_accounts, &list);
    if (!failed)
        failed = write_file(argv[1], "tickets.csv", write_tickets, &list);
    free(list.items);
    return failed;
}
