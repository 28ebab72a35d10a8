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
 * dates are computed by common/date.c rather than with the local zone, and
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

#include "common/date.h"

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

static int64_t utc(int64_t y, unsigned m, unsigned d, unsigned hh)
{
    return rp_date_days_from_civil(y, m, d) * DAY + (int64_t)hh * HOUR;
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
    const char *variant; /* how ticketing systems often spell the name */
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
    {"ACC-1001", "Acme Widgets, Inc.", "ACME WIDGETS INC", "Platinum",
     "Sarah Chen", "Manufacturing", "US", "https://www.acmewidgets.example",
     4850000000LL, "2027-03-31", 340, false, 0, 0, 0, 0, 0},
    {"ACC-1002", "Müller GmbH", "Muller GmbH", "Gold", "Jürgen Böhm",
     "Industrial Machinery", "DE", "https://www.mueller-gmbh.example",
     1825000000LL, "2026-12-31", 190, true, 2026, 3, 2, 24, 55},
    {"ACC-1003", "Société Générale", "Societe Generale", "Platinum",
     "Amélie Durand", "Banking", "FR", "https://www.societegenerale.example",
     12500000000LL, "2027-06-30", 360, false, 0, 0, 0, 0, 0},
    {"ACC-1004", "Nordström Logistik AB", "Nordstrom Logistik", "Gold",
     "Priya Raman", "Logistics", "SE", "https://www.nordstrom-logistik.example",
     2240000000LL, "2027-02-15", 210, false, 0, 0, 0, 0, 0},
    {"ACC-1005", "Café Olé S.L.", "Cafe Ole SL", "Bronze", "José Álvarez",
     "Hospitality", "ES", "https://www.cafeole.example", 125000000LL,
     "2027-09-01", 55, false, 0, 0, 0, 0, 0},
    {"ACC-1006", "Zürich Präzision AG", "Zurich Prazision AG", "Silver",
     "Jürgen Böhm", "Precision Engineering", "CH",
     "https://www.zuerich-praezision.example", 980000000LL, "2027-01-31", 120,
     false, 0, 0, 0, 0, 0},
    {"ACC-1007", "Brightline Health Partners",
     "Brightline Health Partners, LLC", "Platinum", "Marcus Webb", "Healthcare",
     "US", "https://www.brightlinehealth.example", 6730000000LL, "2027-04-30",
     310, true, 2026, 8, 10, 21, 60},
    {"ACC-1008", "Harbor & Finch LLP", "Harbor & Finch", "Silver",
     "Marcus Webb", "Legal Services", "GB", "https://www.harborfinch.example",
     745000000LL, "2027-08-31", 110, false, 0, 0, 0, 0, 0},
    {"ACC-1009", "Kestrel Analytics Ltd", "Kestrel Analytics", "Gold",
     "Priya Raman", "Software", "IE", "https://www.kestrel-analytics.example",
     1560000000LL, "2027-05-31", 220, false, 0, 0, 0, 0, 0},
    {"ACC-1010", "Pinecrest Credit Union", "PINECREST CREDIT UNION", "Bronze",
     "Sarah Chen", "Financial Services", "US",
     "https://www.pinecrestcu.example", 320000000LL, "2027-10-31", 65, false, 0,
     0, 0, 0, 0},
    {"ACC-1011", "Tanaka Robotics K.K.", "Tanaka Robotics", "Gold",
     "Priya Raman", "Robotics", "JP", "https://www.tanaka-robotics.example",
     2890000000LL, "2027-07-31", 180, false, 0, 0, 0, 0, 0},
    {"ACC-1012", "Bluewater Shipping B.V.", "Bluewater Shipping BV", "Silver",
     "Amélie Durand", "Maritime Transport", "NL",
     "https://www.bluewater-shipping.example", 1130000000LL, "2026-12-15", 130,
     true, 2026, 10, 5, 28, 50},
    {"ACC-1013", "Granite Peak Outdoor Co.", "Granite Peak Outdoor", "Bronze",
     "José Álvarez", "Retail", "US", "https://www.granitepeak.example",
     275000050LL, "2027-03-15", 50, false, 0, 0, 0, 0, 0},
    {"ACC-1014", "Vinterberg Energi AS", "Vinterberg Energi", "Silver",
     "Amélie Durand", "Energy", "NO", "https://www.vinterberg-energi.example",
     865000000LL, "2027-11-30", 115, false, 0, 0, 0, 0, 0},
};

/* Tickets of an organisation the CRM does not know; merge reports them. */
#define UNMATCHED_TICKETS 3
#define UNMATCHED_ORG "Northwind Traders"
#define UNMATCHED_DOMAIN "northwind-traders.example"

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
    int account;     /* index in accounts[], or -1: unknown to the CRM */
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

static void make_ticket(struct rng *r, struct ticket *t, int account,
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

    t->account = account;
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
            make_ticket(&r, new_ticket(list), (int)a, created, period.end,
                        acc->troubled, false);
        }
        if (acc->incident_tickets) {
            int64_t from =
                utc(acc->incident_y, acc->incident_m, acc->incident_d, 0);
            int64_t to = from + (int64_t)acc->incident_days * DAY;
            for (i = 0; i < acc->incident_tickets; i++) {
                int64_t created = draw_created(&r, from, to);
                make_ticket(&r, new_ticket(list), (int)a, created, period.end,
                            true, true);
            }
        }
    }
    for (i = 0; i < UNMATCHED_TICKETS; i++) {
        int64_t created = draw_created(&r, period.start, period.end);
        make_ticket(&r, new_ticket(list), -1, created, period.end, false,
                    false);
    }
}

static int by_created(const void *pa, const void *pb)
{
    const struct ticket *a = pa, *b = pb;

    if (a->created != b->created)
        return a->created < b->created ? -1 : 1;
    return a->serial < b->serial ? -1 : a->serial > b->serial;
}

/* ---- people -------------------------------------------------------------- */

struct person {
    const char *first, *last;             /* as displayed */
    const char *first_ascii, *last_ascii; /* for e-mail addresses */
};

static const struct person people_pool[] = {
    {"Anna", "Schäfer", "anna", "schaefer"},
    {"Tom", "O'Brien", "tom", "obrien"},
    {"Lucía", "Martín", "lucia", "martin"},
    {"Erik", "Sjöberg", "erik", "sjoberg"},
    {"Chloé", "Lefèvre", "chloe", "lefevre"},
    {"Ken", "Watanabe", "ken", "watanabe"},
    {"Fatima", "Khan", "fatima", "khan"},
    {"Piet", "de Vries", "piet", "devries"},
    {"Maria", "Rossi", "maria", "rossi"},
    {"James", "Carter", "james", "carter"},
    {"Sofia", "Lindqvist", "sofia", "lindqvist"},
    {"Lukas", "Brandt", "lukas", "brandt"},
    {"Emma", "Dubois", "emma", "dubois"},
    {"Noah", "Williams", "noah", "williams"},
    {"Yuki", "Sato", "yuki", "sato"},
    {"Olivia", "Murphy", "olivia", "murphy"},
    {"Mateo", "García", "mateo", "garcia"},
    {"Ingrid", "Haugen", "ingrid", "haugen"},
    {"Daniel", "Kowalski", "daniel", "kowalski"},
    {"Hannah", "Becker", "hannah", "becker"},
    {"Raj", "Patel", "raj", "patel"},
    {"Zoë", "van Dijk", "zoe", "vandijk"},
    {"Marco", "Bianchi", "marco", "bianchi"},
    {"Grace", "Thompson", "grace", "thompson"},
};

static const struct {
    const char *title, *role;
} contact_kinds[] = {
    {"Chief Information Officer", "Executive Sponsor"},
    {"Head of Operations", "Decision Maker"},
    {"IT Manager", "Technical Contact"},
    {"Procurement Lead", "Billing Contact"},
    {"Business Analyst", "Champion"},
};

static const char *const agents[] = {"Nina Hoffmann", "Carlos Mendes",
                                     "Aisha Bello", "Oskar Lund", "Mei Chen"};

/* The web domain of an account: its website without scheme and "www.". */
static const char *domain_of(const struct account *a)
{
    const char *d = strstr(a->website, "://");

    d = d ? d + 3 : a->website;
    return strncmp(d, "www.", 4) == 0 ? d + 4 : d;
}

static const char *country_name(const char *code)
{
    static const char *const names[][2] = {
        {"US", "United States"},  {"DE", "Germany"}, {"FR", "France"},
        {"SE", "Sweden"},         {"ES", "Spain"},   {"CH", "Switzerland"},
        {"GB", "United Kingdom"}, {"IE", "Ireland"}, {"JP", "Japan"},
        {"NL", "Netherlands"},    {"NO", "Norway"},
    };
    size_t i;

    for (i = 0; i < COUNT(names); i++) {
        if (strcmp(names[i][0], code) == 0)
            return names[i][1];
    }
    return code;
}

/* ---- which system a ticket lives in -------------------------------------- */

enum source { SRC_ZENDESK, SRC_JIRA, SRC_SALESFORCE };

/*
 * Billing questions are Salesforce Cases (Sales Operations answers them
 * beside the contract); the mobile app, integrations and data import are
 * products whose support runs in Jira Service Management for the accounts
 * that bought them; everything else is the Zendesk help desk.
 */
static bool uses_jira(int account)
{
    static const char *const jira_accounts[] = {
        "ACC-1003", "ACC-1004", "ACC-1007", "ACC-1009", "ACC-1011", "ACC-1014",
    };
    size_t i;

    for (i = 0; account >= 0 && i < COUNT(jira_accounts); i++) {
        if (strcmp(accounts[account].id, jira_accounts[i]) == 0)
            return true;
    }
    return false;
}

static enum source source_of(const struct ticket *t)
{
    if (t->account < 0)
        return SRC_ZENDESK;
    if (t->category == CAT_BILLING)
        return SRC_SALESFORCE;
    if (uses_jira(t->account) &&
        (t->category == CAT_MOBILE || t->category == CAT_INTEGRATIONS ||
         t->category == CAT_IMPORT))
        return SRC_JIRA;
    return SRC_ZENDESK;
}

/* ---- formatting ---------------------------------------------------------- */

/* RFC 4180: quote a field holding the delimiter, a quote or a line break. */
static void put_sep_field(FILE *fp, const char *s, char sep, bool last)
{
    const char specials[] = {sep, '"', '\r', '\n', '\0'};

    if (strpbrk(s, specials)) {
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
    if (last)
        fputs("\r\n", fp);
    else
        putc(sep, fp);
}

static void put_field(FILE *fp, const char *s, bool last)
{
    put_sep_field(fp, s, ',', last);
}

static void put_header(FILE *fp, const char *const *names, size_t n, char sep)
{
    size_t i;

    for (i = 0; i < n; i++)
        put_sep_field(fp, names[i], sep, i + 1 == n);
}

static void civil(int64_t t, int64_t *y, unsigned *m, unsigned *d, unsigned *hh,
                  unsigned *mm)
{
    int64_t secs = t % DAY;

    rp_date_civil_from_days(t / DAY, y, m, d);
    *hh = (unsigned)(secs / HOUR);
    *mm = (unsigned)(secs / MINUTE % 60);
}

/* Salesforce reports, en_US: 03/04/2026 09:15 AM (UTC here). */
static void us_time(int64_t t, char out[40])
{
    int64_t y;
    unsigned m, d, hh, mm;

    civil(t, &y, &m, &d, &hh, &mm);
    snprintf(out, 40, "%02u/%02u/%04d %02u:%02u %s", m, d, (int)y,
             hh % 12 ? hh % 12 : 12, mm, hh < 12 ? "AM" : "PM");
}

static void us_date(int64_t day, char out[40])
{
    int64_t y;
    unsigned m, d;

    rp_date_civil_from_days(day, &y, &m, &d);
    snprintf(out, 40, "%02u/%02u/%04d", m, d, (int)y);
}

/* Jira's default: 04/Mar/26 9:15 AM. */
static void jira_time(int64_t t, char out[40])
{
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
    int64_t y;
    unsigned m, d, hh, mm;

    civil(t, &y, &m, &d, &hh, &mm);
    snprintf(out, 40, "%02u/%s/%02d %u:%02u %s", d, months[m - 1],
             (int)(y % 100), hh % 12 ? hh % 12 : 12, mm, hh < 12 ? "AM" : "PM");
}

/* Last Sunday of a month, as a day number. */
static int64_t last_sunday(int64_t y, unsigned m)
{
    int64_t day =
        rp_date_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);

    do
        day--;
    while ((day + 4) % 7 != 0);
    return day;
}

/*
 * Zendesk writes times in the account's zone, here Europe/Berlin: +02:00
 * from the last Sunday of March 01:00 UTC to the last Sunday of October.
 */
static void zendesk_time(int64_t t, char out[40])
{
    int64_t y, start, end, local;
    unsigned m, d, hh, mm;
    int offset;

    rp_date_civil_from_days(t / DAY, &y, &m, &d);
    start = last_sunday(y, 3) * DAY + HOUR;
    end = last_sunday(y, 10) * DAY + HOUR;
    offset = t >= start && t < end ? 2 : 1;
    local = t + offset * HOUR;
    civil(local, &y, &m, &d, &hh, &mm);
    snprintf(out, 40, "%04d-%02u-%02uT%02u:%02u:%02u+%02d:00", (int)y, m, d, hh,
             mm, (unsigned)(local % 60), offset);
}

/* Program plan, German Excel: 04.03.2026. */
static void de_date(int64_t day, char out[40])
{
    int64_t y;
    unsigned m, d;

    rp_date_civil_from_days(day, &y, &m, &d);
    snprintf(out, 40, "%02u.%02u.%04d", d, m, (int)y);
}

/* 1,234,567.89 (comma grouping) or 1.234.567,89 (German). */
static void grouped(long long cents, bool german, char out[40])
{
    char digits[32], *p = out;
    long long units = cents / 100;
    size_t n, i;

    snprintf(digits, sizeof(digits), "%lld", units);
    n = strlen(digits);
    for (i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            *p++ = german ? '.' : ',';
        *p++ = digits[i];
    }
    snprintf(p, 8, "%c%02lld", german ? ',' : '.', cents % 100);
}

static void put_num(FILE *fp, long long v, bool last)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "%lld", v);
    put_field(fp, buf, last);
}

/* ---- the Salesforce exports ---------------------------------------------- */

/* Billing addresses, account by account (in the order of accounts[]):
 * street, city, state or province, postal code.  Where printed reviews
 * are shipped. */
static const char *const billing[][4] = {
    {"1200 Industrial Parkway", "Dayton", "OH", "45402"},
    {"Hafenstraße 12", "Hamburg", "", "20457"},
    {"29 Boulevard Haussmann", "Paris", "", "75009"},
    {"Terminalvägen 8", "Göteborg", "", "417 64"},
    {"Calle de Alcalá 48", "Madrid", "", "28014"},
    {"Bahnhofstrasse 21", "Zürich", "ZH", "8001"},
    {"450 Medical Center Drive", "Boston", "MA", "02115"},
    {"14 Finsbury Circus", "London", "", "EC2M 7EB"},
    {"3 Grand Canal Quay", "Dublin", "", "D02 X576"},
    {"880 Pinecrest Avenue", "Portland", "OR", "97205"},
    {"2-4-1 Marunouchi", "Chiyoda-ku", "Tokyo", "100-0005"},
    {"Wilhelminakade 91", "Rotterdam", "", "3072 AP"},
    {"75 Summit Road", "Boulder", "CO", "80302"},
    {"Strandkaien 2", "Stavanger", "", "4005"},
};

static void write_salesforce_accounts(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {"Account ID",
                                         "Account Name",
                                         "Account Owner",
                                         "Type",
                                         "Industry",
                                         "Billing Country",
                                         "Website",
                                         "Annual Revenue",
                                         "Customer Tier",
                                         "Contract End Date",
                                         "ARR",
                                         "Customer Since",
                                         "Last Modified Date",
                                         "Billing Street",
                                         "Billing City",
                                         "Billing State/Province",
                                         "Billing Zip/Postal Code"};
    size_t i;

    _Static_assert(COUNT(billing) == COUNT(accounts),
                   "an account without its billing address");
    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ',');
    for (i = 0; i < COUNT(accounts); i++) {
        const struct account *a = &accounts[i];
        char revenue[40], renewal[40], modified[40], arr[40], since[40];
        unsigned y, m, d;

        grouped(a->revenue_cents, false, revenue);
        /* Custom fields: what the customer pays a year, and since when. */
        grouped(a->revenue_cents / 40 / 100000 * 100000, false, arr);
        sscanf(a->renewal, "%u-%u-%u", &y, &m, &d);
        us_date(rp_date_days_from_civil(y, m, d), renewal);
        us_date(rp_date_days_from_civil(y - 2 - (unsigned)(i % 4), m, 1),
                since);
        us_time(utc(2026, 11, 2 + (unsigned)i, 8) + (int64_t)i * 7 * MINUTE,
                modified);
        put_field(fp, a->id, false);
        put_field(fp, a->name, false);
        put_field(fp, a->owner, false);
        put_field(fp, "Customer - Direct", false);
        put_field(fp, a->industry, false);
        put_field(fp, country_name(a->country), false);
        put_field(fp, a->website, false);
        put_field(fp, revenue, false);
        put_field(fp, a->tier, false);
        put_field(fp, renewal, false);
        put_field(fp, arr, false);
        put_field(fp, since, false);
        put_field(fp, modified, false);
        put_field(fp, billing[i][0], false);
        put_field(fp, billing[i][1], false);
        put_field(fp, billing[i][2], false);
        put_field(fp, billing[i][3], true);
    }
}

/* The contacts of account a: 2 to 5, drawn the same way every time. */
static size_t account_contacts(size_t a, size_t out[5])
{
    struct rng r = {SEED ^ (0xC0C0u + a)};
    size_t n = 2 + (size_t)rng_below(&r, 4), i, k;

    for (i = 0; i < n; i++) {
        bool again;
        do {
            out[i] = (size_t)rng_below(&r, COUNT(people_pool));
            again = false;
            for (k = 0; k < i; k++)
                again |= out[k] == out[i];
        } while (again);
    }
    return n;
}

static void write_salesforce_contacts(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {
        "Contact ID",   "Account ID",      "Account Name", "First Name",
        "Last Name",    "Title",           "Email",        "Phone",
        "Contact Role", "Primary Contact", "Created Date"};
    size_t a, i, serial = 0;

    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ',');
    for (a = 0; a < COUNT(accounts); a++) {
        size_t who[5], n = account_contacts(a, who);
        for (i = 0; i < n; i++) {
            const struct person *p = &people_pool[who[i]];
            char id[24], email[128], phone[32], created[40];

            snprintf(id, sizeof(id), "0035g00000%05zuAA", 1001 + serial);
            snprintf(email, sizeof(email), "%s.%s@%s", p->first_ascii,
                     p->last_ascii, domain_of(&accounts[a]));
            snprintf(phone, sizeof(phone), "+%u %03zu %04zu",
                     (unsigned)(30 + a), 100 + serial * 7 % 900,
                     1000 + serial * 379 % 9000);
            us_date(rp_date_days_from_civil(2024, 1 + (unsigned)(serial % 12),
                                            1 + (unsigned)(serial % 28)),
                    created);
            put_field(fp, id, false);
            put_field(fp, accounts[a].id, false);
            put_field(fp, accounts[a].name, false);
            put_field(fp, p->first, false);
            put_field(fp, p->last, false);
            put_field(fp, contact_kinds[i].title, false);
            put_field(fp, email, false);
            put_field(fp, phone, false);
            put_field(fp, contact_kinds[i].role, false);
            put_field(fp, i == 0 ? "1" : "0", false);
            put_field(fp, created, true);
            serial++;
        }
    }
}

static const char *currency_of(const struct account *a)
{
    if (strcmp(a->country, "US") == 0)
        return "USD";
    if (strcmp(a->country, "GB") == 0)
        return "GBP";
    if (strcmp(a->country, "JP") == 0)
        return "JPY";
    if (strcmp(a->country, "CH") == 0)
        return "CHF";
    if (strcmp(a->country, "SE") == 0)
        return "SEK";
    if (strcmp(a->country, "NO") == 0)
        return "NOK";
    return "EUR";
}

static void put_opportunity(FILE *fp, size_t *serial, const struct account *a,
                            const char *name, const char *type,
                            const char *stage, int probability, long long cents,
                            int64_t close_day)
{
    char id[24], amount[40], close[40], prob[8];
    bool closed = strncmp(stage, "Closed", 6) == 0;

    snprintf(id, sizeof(id), "0065g00000%05zuAA", 2001 + (*serial)++);
    grouped(cents, false, amount);
    us_date(close_day, close);
    snprintf(prob, sizeof(prob), "%d", probability);
    put_field(fp, id, false);
    put_field(fp, name, false);
    put_field(fp, a->id, false);
    put_field(fp, a->name, false);
    put_field(fp, type, false);
    put_field(fp, stage, false);
    put_field(fp, currency_of(a), false);
    put_field(fp, amount, false);
    put_field(fp, prob, false);
    put_field(fp, close, false);
    put_field(fp, closed ? "1" : "0", false);
    put_field(fp, strcmp(stage, "Closed Won") == 0 ? "1" : "0", false);
    put_field(fp, a->owner, true);
}

/*
 * Each account: its renewal (open until the renewal date), an upsell won
 * in the past year, and for some an open upsell or one lost.
 */
static void write_salesforce_opportunities(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {"Opportunity ID",
                                         "Opportunity Name",
                                         "Account ID",
                                         "Account Name",
                                         "Type",
                                         "Stage",
                                         "Amount Currency",
                                         "Amount",
                                         "Probability (%)",
                                         "Close Date",
                                         "Closed",
                                         "Won",
                                         "Opportunity Owner"};
    static const char *const open_stages[] = {"Qualification", "Needs Analysis",
                                              "Proposal/Price Quote",
                                              "Negotiation/Review"};
    static const int open_probability[] = {20, 35, 60, 80};
    struct rng r = {SEED ^ 0x0990u};
    size_t a, serial = 0;

    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ',');
    for (a = 0; a < COUNT(accounts); a++) {
        const struct account *acc = &accounts[a];
        long long contract = acc->revenue_cents / 400;
        unsigned y, m, d;
        int64_t renewal_day;
        char name[160];
        size_t stage = (size_t)rng_below(&r, 4);

        sscanf(acc->renewal, "%u-%u-%u", &y, &m, &d);
        renewal_day = rp_date_days_from_civil(y, m, d);
        snprintf(name, sizeof(name), "%s - Renewal %u", acc->name, y);
        put_opportunity(fp, &serial, acc, name, "Renewal",
                        acc->troubled ? "Negotiation/Review"
                                      : open_stages[stage],
                        acc->troubled ? 50 : open_probability[stage], contract,
                        renewal_day);
        snprintf(name, sizeof(name), "%s - Additional seats", acc->name);
        put_opportunity(
            fp, &serial, acc, name, "Upsell", "Closed Won", 100,
            contract / 5 + rng_range(&r, 0, 500000),
            rp_date_days_from_civil(2026, 2 + (unsigned)rng_below(&r, 8),
                                    1 + (unsigned)rng_below(&r, 28)));
        if (rng_per_mille(&r, 500)) {
            snprintf(name, sizeof(name), "%s - Analytics add-on", acc->name);
            put_opportunity(fp, &serial, acc, name, "Upsell",
                            open_stages[rng_below(&r, 3)], 35,
                            contract / 3 + rng_range(&r, 0, 900000),
                            rp_date_days_from_civil(
                                2027, 1 + (unsigned)rng_below(&r, 6), 15));
        } else if (rng_per_mille(&r, 400)) {
            snprintf(name, sizeof(name), "%s - Premium support", acc->name);
            put_opportunity(fp, &serial, acc, name, "Upsell", "Closed Lost", 0,
                            contract / 8,
                            rp_date_days_from_civil(
                                2026, 5 + (unsigned)rng_below(&r, 5), 10));
        }
    }
}

/* ---- tickets: the presentation of each system ---------------------------- */

/* Tickets of one system, in creation order, with their numbers. */
struct view {
    const struct ticket **items;
    size_t n;
};

static struct view view_of(const struct tickets *list, enum source src)
{
    struct view v = {NULL, 0};
    size_t i;

    v.items = malloc((list->n + 1) * sizeof(*v.items));
    if (!v.items) {
        fprintf(stderr, "gen-sample: out of memory\n");
        exit(1);
    }
    for (i = 0; i < list->n; i++) {
        if (source_of(&list->items[i]) == src)
            v.items[v.n++] = &list->items[i];
    }
    return v;
}

/* A person at the customer who raised ticket t (its serial decides). */
static const struct person *requester(const struct ticket *t)
{
    size_t who[5], n;

    if (t->account < 0)
        return &people_pool[t->serial % COUNT(people_pool)];
    n = account_contacts((size_t)t->account, who);
    /* Two of three tickets come from the known contacts. */
    if (t->serial % 3)
        return &people_pool[who[t->serial % n]];
    return &people_pool[(t->serial * 7 + 3) % COUNT(people_pool)];
}

static const char *org_spelling(const struct ticket *t, unsigned pick)
{
    if (t->account < 0)
        return UNMATCHED_ORG;
    /* Most rows carry the CRM name, many another spelling, a few none. */
    if (pick < 55)
        return accounts[t->account].name;
    if (pick < 94)
        return accounts[t->account].variant;
    return "";
}

static bool is_late(const struct ticket *t)
{
    static const int64_t first[4] = {60, 4 * 60, 8 * 60, 24 * 60};
    static const int64_t resolution[4] = {8 * 60, 24 * 60, 72 * 60, 120 * 60};
    int p = t->priority - 1;

    return (t->first_response >= 0 &&
            t->first_response - t->created > first[p] * MINUTE) ||
           (t->resolved >= 0 &&
            t->resolved - t->created > resolution[p] * MINUTE);
}

static void write_zendesk(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {
        "Id",
        "Requester",
        "Requester id",
        "Requester email",
        "Submitter",
        "Assignee",
        "Group",
        "Subject",
        "Tags",
        "Status",
        "Priority",
        "Via",
        "Ticket type",
        "Created at",
        "Updated at",
        "Assigned at",
        "Organization",
        "Due date",
        "Initially assigned at",
        "Solved at",
        "Resolution time",
        "Satisfaction Score",
        "Group stations",
        "Assignee stations",
        "Reopens",
        "Replies",
        "First reply time in minutes",
        "First reply time in minutes within business hours",
        "First resolution time in minutes",
        "First resolution time in minutes within business hours",
        "Full resolution time in minutes",
        "Full resolution time in minutes within business hours",
        "Agent wait time in minutes",
        "Agent wait time in minutes within business hours",
        "Requester wait time in minutes",
        "Requester wait time in minutes within business hours",
        "On hold time in minutes",
        "On hold time in minutes within business hours",
        "Category",
    };
    static const char *const zd_priority[4] = {"Urgent", "High", "Normal",
                                               "Low"};
    static const char *const vias[] = {"Mail", "Web Form", "Web Form",
                                       "Phone call (inbound)", "Chat"};
    struct view v = view_of(list, SRC_ZENDESK);
    struct rng r = {SEED ^ 0x2E4Du};
    size_t i;

    put_header(fp, header, COUNT(header), ',');
    for (i = 0; i < v.n; i++) {
        const struct ticket *t = v.items[i];
        const struct person *p = requester(t);
        const char *domain = t->account < 0 ? UNMATCHED_DOMAIN
                                            : domain_of(&accounts[t->account]);
        char id[24], rid[24], email[128], name[96], tags[96], created[40],
            updated[40], assigned[40], solved[40], buf[32];
        const char *status = t->status;
        int64_t last = t->created;
        unsigned reopens = rng_per_mille(&r, 40) ? 1 : 0;
        bool late = is_late(t);

        snprintf(id, sizeof(id), "%zu", 120001 + i);
        snprintf(rid, sizeof(rid), "3610%08u", 1000 + t->serial);
        snprintf(email, sizeof(email), "%s.%s@%s", p->first_ascii,
                 p->last_ascii, domain);
        snprintf(name, sizeof(name), "%s %s", p->first, p->last);
        snprintf(tags, sizeof(tags), "%s%s",
                 t->category == CAT_FEATURE ? "feature_request" : "support",
                 late ? " sla_breach" : "");
        if (strcmp(status, "Pending") == 0 && rng_per_mille(&r, 200))
            status = "Hold";
        zendesk_time(t->created, created);
        assigned[0] = solved[0] = '\0';
        if (t->first_response >= 0) {
            zendesk_time(t->first_response - 2 * MINUTE, assigned);
            last = t->first_response;
        }
        if (t->resolved >= 0) {
            zendesk_time(t->resolved, solved);
            last = t->resolved;
            if (strcmp(status, "Closed") == 0)
                last += 4 * DAY;
        }
        zendesk_time(last, updated);

        put_field(fp, id, false);
        put_field(fp, name, false);
        put_field(fp, rid, false);
        put_field(fp, email, false);
        put_field(fp, name, false);
        put_field(fp, t->first_response >= 0 ? agents[t->serial % 5] : "",
                  false);
        put_field(fp, "Support", false);
        put_field(fp, t->subject, false);
        put_field(fp, tags, false);
        put_field(fp, status, false);
        /* Some tickets never get a priority: the desk reads them as Normal. */
        put_field(fp,
                  t->priority == 3 && rng_per_mille(&r, 60)
                      ? ""
                      : zd_priority[t->priority - 1],
                  false);
        put_field(fp, vias[t->serial % COUNT(vias)], false);
        put_field(fp,
                  t->category == CAT_FEATURE ? "Task"
                  : t->priority == 1         ? "Incident"
                                             : "Question",
                  false);
        put_field(fp, created, false);
        put_field(fp, updated, false);
        put_field(fp, assigned, false);
        put_field(fp, org_spelling(t, (unsigned)rng_below(&r, 100)), false);
        put_field(fp, "", false);
        put_field(fp, assigned, false);
        put_field(fp, solved, false);
        if (t->resolved >= 0) {
            snprintf(buf, sizeof(buf), "%lld",
                     (long long)((t->resolved - t->created) / HOUR));
            put_field(fp, buf, false);
        } else {
            put_field(fp, "", false);
        }
        put_field(fp,
                  t->resolved < 0 ? "Unoffered"
                  : late          ? "Bad"
                                  : "Good",
                  false);
        put_field(fp, "1", false);
        put_field(fp, "1", false);
        put_num(fp, reopens, false);
        put_num(fp, t->first_response >= 0 ? 2 + (long long)(t->serial % 4) : 0,
                false);
        if (t->first_response >= 0) {
            put_num(fp, (t->first_response - t->created) / MINUTE, false);
            put_field(fp, "", false);
        } else {
            put_field(fp, "", false);
            put_field(fp, "", false);
        }
        if (t->resolved >= 0) {
            put_num(fp, (t->resolved - t->created) / MINUTE, false);
            put_field(fp, "", false);
            put_num(fp, (t->resolved - t->created) / MINUTE, false);
            put_field(fp, "", false);
        } else {
            put_field(fp, "", false);
            put_field(fp, "", false);
            put_field(fp, "", false);
            put_field(fp, "", false);
        }
        put_field(fp, "", false);
        put_field(fp, "", false);
        put_field(fp, "", false);
        put_field(fp, "", false);
        put_field(fp, "0", false);
        put_field(fp, "0", false);
        put_field(fp, category_names[t->category], true);
    }
    free(v.items);
}

static void write_jira(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Project key",
        "Project name",
        "Priority",
        "Resolution",
        "Assignee",
        "Reporter",
        "Creator",
        "Created",
        "Updated",
        "Last Viewed",
        "Resolved",
        "Due date",
        "Labels",
        "Labels",
        "Description",
        "Custom field (Organizations)",
        "Custom field (Request Type)",
        "Custom field (First Response Date)",
        "Custom field (Satisfaction rating)",
        "Comment",
        "Comment",
    };
    static const char *const jira_priority[4] = {"Highest", "High", "Medium",
                                                 "Low"};
    static const char *const labels[] = {"api",      "eu-region", "ios",
                                         "android",  "sso",       "csv-import",
                                         "webhooks", "regression"};
    struct view v = view_of(list, SRC_JIRA);
    struct rng r = {SEED ^ 0x7117u};
    size_t i;

    put_header(fp, header, COUNT(header), ',');
    for (i = 0; i < v.n; i++) {
        const struct ticket *t = v.items[i];
        const struct person *p = requester(t);
        char key[24], id[24], name[96], created[40], updated[40], resolved[40],
            first[40], desc[400], comment[400], when[40];
        const char *status;
        unsigned n_labels = (unsigned)rng_below(&r, 3);
        int64_t last = t->created;

        snprintf(key, sizeof(key), "SUP-%zu", 1001 + i);
        snprintf(id, sizeof(id), "%zu", 20431 + i);
        snprintf(name, sizeof(name), "%s %s", p->first, p->last);
        if (strcmp(t->status, "New") == 0)
            status = "Waiting for support";
        else if (strcmp(t->status, "Open") == 0)
            status = "In Progress";
        else if (strcmp(t->status, "Pending") == 0)
            status = "Waiting for customer";
        else
            status = t->status; /* Resolved as Jira calls Solved, Closed */
        if (strcmp(status, "Solved") == 0)
            status = "Resolved";
        jira_time(t->created, created);
        first[0] = resolved[0] = '\0';
        if (t->first_response >= 0) {
            jira_time(t->first_response, first);
            last = t->first_response;
        }
        if (t->resolved >= 0) {
            jira_time(t->resolved, resolved);
            last = t->resolved;
        }
        jira_time(last, updated);
        snprintf(desc, sizeof(desc),
                 "Reported by %s via the portal.\n\nSteps to reproduce:\n"
                 "1. Open \"%s\"\n2. Wait, then retry\n\nExpected: it "
                 "works, as before.",
                 name, category_names[t->category]);

        put_field(fp, t->subject, false);
        put_field(fp, key, false);
        put_field(fp, id, false);
        put_field(fp, t->priority <= 2 ? "Incident" : "Service request", false);
        put_field(fp, status, false);
        put_field(fp, "SUP", false);
        put_field(fp, "Product Support", false);
        put_field(fp,
                  t->priority == 4 && t->serial % 3 == 0
                      ? "Lowest"
                      : jira_priority[t->priority - 1],
                  false);
        put_field(fp, t->resolved >= 0 ? "Done" : "", false);
        put_field(fp, t->first_response >= 0 ? agents[(t->serial + 2) % 5] : "",
                  false);
        put_field(fp, name, false);
        put_field(fp, name, false);
        put_field(fp, created, false);
        put_field(fp, updated, false);
        put_field(fp, "", false);
        put_field(fp, resolved, false);
        put_field(fp, "", false);
        put_field(fp, n_labels > 0 ? labels[rng_below(&r, COUNT(labels))] : "",
                  false);
        put_field(fp, n_labels > 1 ? labels[rng_below(&r, COUNT(labels))] : "",
                  false);
        put_field(fp, desc, false);
        put_field(fp, org_spelling(t, (unsigned)rng_below(&r, 94)), false);
        put_field(fp, category_names[t->category], false);
        put_field(fp, first, false);
        put_field(fp, t->resolved >= 0 && !is_late(t) ? "5 stars" : "", false);
        if (t->first_response >= 0) {
            jira_time(t->first_response, when);
            snprintf(comment, sizeof(comment),
                     "%s;712020:%08x-51c4-4b6e-9d2a-%012x;Hi %s,\nthanks "
                     "for the report, we are looking into it.",
                     when, 0x3a5c0000u + (t->serial % 5),
                     0x1000u + (t->serial % 5), p->first);
            put_field(fp, comment, false);
        } else {
            put_field(fp, "", false);
        }
        if (t->resolved >= 0) {
            jira_time(t->resolved, when);
            snprintf(comment, sizeof(comment),
                     "%s;712020:%08x-51c4-4b6e-9d2a-%012x;Fixed, "
                     "\"please\" confirm.",
                     when, 0x3a5c0000u + (t->serial % 5),
                     0x1000u + (t->serial % 5));
            put_field(fp, comment, true);
        } else {
            put_field(fp, "", true);
        }
    }
    free(v.items);
}

static void write_salesforce_cases(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {
        "Case Number",    "Subject",          "Status",
        "Priority",       "Case Origin",      "Type",
        "Case Reason",    "Account ID",       "Account Name",
        "Contact Name",   "Case Owner",       "Date/Time Opened",
        "First Response", "Date/Time Closed", "Escalated",
        "Closed"};
    static const char *const sf_priority[4] = {"Critical", "High", "Medium",
                                               "Low"};
    struct view v = view_of(list, SRC_SALESFORCE);
    size_t i;

    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ',');
    for (i = 0; i < v.n; i++) {
        const struct ticket *t = v.items[i];
        const struct account *a = &accounts[t->account];
        const struct person *p = requester(t);
        char number[24], name[96], opened[40], first[40], closed[40];
        const char *status;
        bool done = t->resolved >= 0;

        snprintf(number, sizeof(number), "%08zu", 12001 + i);
        snprintf(name, sizeof(name), "%s %s", p->first, p->last);
        if (strcmp(t->status, "New") == 0)
            status = "New";
        else if (strcmp(t->status, "Open") == 0)
            status = "Working";
        else if (strcmp(t->status, "Pending") == 0)
            status = "On Hold";
        else
            status = "Closed";
        us_time(t->created, opened);
        first[0] = closed[0] = '\0';
        if (t->first_response >= 0)
            us_time(t->first_response, first);
        if (done)
            us_time(t->resolved, closed);

        put_field(fp, number, false);
        put_field(fp, t->subject, false);
        put_field(fp, status, false);
        put_field(fp, sf_priority[t->priority - 1], false);
        put_field(fp, t->serial % 3 ? "Email" : "Phone", false);
        put_field(fp, "Billing", false);
        put_field(fp, t->serial % 2 ? "Invoice question" : "Contract", false);
        put_field(fp, a->id, false);
        put_field(fp, a->name, false);
        put_field(fp, name, false);
        put_field(fp, a->owner, false);
        put_field(fp, opened, false);
        put_field(fp, first, false);
        put_field(fp, closed, false);
        put_field(fp, t->priority == 1 && is_late(t) ? "1" : "0", false);
        put_field(fp, done ? "1" : "0", true);
    }
    free(v.items);
}

/* ---- the program plan ---------------------------------------------------- */

/*
 * The program manager's spreadsheet, saved by a German Excel as "CSV UTF-8":
 * semicolons, DD.MM.YYYY, 1.234,56, a byte order mark, CRLF.
 */
struct project {
    const char *id, *name, *account, *goal, *manager, *phase;
    long long budget, actual; /* euros */
    unsigned start_y, start_m, end_y, end_m;
    const char *rag;
};

static const struct project projects[] = {
    {"PRJ-01", "Customer Success Program 2026", "",
     "Every account reviewed once a year with a consistent message",
     "Lena Vogt", "Execution", 480000, 352000, 2026, 1, 2026, 12, "Green"},
    {"PRJ-02", "SAP S/4HANA integration rollout", "ACC-1002",
     "Orders flow from SAP to the platform within 5 minutes", "Jonas Weber",
     "Execution", 260000, 301500, 2026, 2, 2026, 11, "Red"},
    {"PRJ-03", "EU data residency migration", "ACC-1003",
     "All customer data hosted in the EU region, no downtime", "Lena Vogt",
     "Closing", 390000, 371250, 2025, 11, 2026, 9, "Green"},
    {"PRJ-04", "HIPAA audit readiness", "ACC-1007",
     "Pass the external HIPAA audit without major findings", "Jonas Weber",
     "Execution", 175000, 142800, 2026, 4, 2027, 1, "Amber"},
    {"PRJ-05", "Fleet tracking integration", "ACC-1012",
     "Vessel positions in the dashboard every 15 minutes", "Sven Aalders",
     "Execution", 140000, 161900, 2026, 5, 2026, 12, "Red"},
    {"PRJ-06", "Mobile app rollout", "ACC-1011",
     "1,200 field engineers on the mobile app", "Sven Aalders", "Execution",
     120000, 64000, 2026, 6, 2027, 2, "Green"},
    {"PRJ-07", "SSO and SCIM provisioning", "ACC-1001",
     "Joiners and leavers handled by the customer's identity provider",
     "Lena Vogt", "Closed", 60000, 57300, 2025, 11, 2026, 4, "Green"},
    {"PRJ-08", "Reporting API adoption", "ACC-1009",
     "Customer's BI team on the reporting API, spreadsheets retired",
     "Jonas Weber", "Planning", 90000, 12500, 2026, 10, 2027, 5, "Amber"},
};

static int64_t day_of(unsigned y, unsigned m, unsigned d)
{
    return rp_date_days_from_civil(y, m, d);
}

static void put_sc(FILE *fp, const char *s, bool last)
{
    put_sep_field(fp, s, ';', last);
}

static void write_plan_projects(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {"Project ID",
                                         "Project",
                                         "Customer Account ID",
                                         "Goal",
                                         "Project Manager",
                                         "Phase",
                                         "Budget",
                                         "Actual to Date",
                                         "Start",
                                         "Finish",
                                         "RAG"};
    char buf[40];
    size_t i;

    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ';');
    for (i = 0; i < COUNT(projects); i++) {
        const struct project *p = &projects[i];
        put_sc(fp, p->id, false);
        put_sc(fp, p->name, false);
        put_sc(fp, p->account, false);
        put_sc(fp, p->goal, false);
        put_sc(fp, p->manager, false);
        put_sc(fp, p->phase, false);
        grouped(p->budget * 100, true, buf);
        put_sc(fp, buf, false);
        grouped(p->actual * 100, true, buf);
        put_sc(fp, buf, false);
        de_date(day_of(p->start_y, p->start_m, 1), buf);
        put_sc(fp, buf, false);
        de_date(day_of(p->end_y, p->end_m, 1) + 27, buf);
        put_sc(fp, buf, false);
        put_sc(fp, p->rag, true);
    }
}

static const char *const milestone_names[] = {
    "Kick-off and plan signed", "Design approved", "Pilot live",
    "Rollout complete", "Handover to support"};

static void write_plan_milestones(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {
        "Milestone ID", "Project ID", "Customer Account ID",
        "Milestone",    "Owner",      "Status",
        "Due",          "Completed"};
    const int64_t today = day_of(2026, 11, 22);
    size_t i, k, serial = 0;
    char buf[40];

    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ';');
    for (i = 0; i < COUNT(projects); i++) {
        const struct project *p = &projects[i];
        int64_t start = day_of(p->start_y, p->start_m, 1);
        int64_t end = day_of(p->end_y, p->end_m, 1) + 27;
        size_t n = 3 + i % 3;
        bool red = strcmp(p->rag, "Red") == 0;

        for (k = 0; k < n; k++) {
            int64_t due = start + (end - start) * (int64_t)(k + 1) / (int64_t)n;
            int64_t done = -1;
            const char *status;
            char id[24];

            /* Red projects slip: their milestones finish five weeks late,
             * so the latest one is overdue at the export. */
            if (due + (red ? 35 : 0) <= today)
                done = due + (red ? 35 : k % 3 == 2 ? 3 : -1);
            if (done >= 0 && done <= today)
                status = done > due ? "Done (late)" : "Done";
            else if (due < today)
                status = "Delayed";
            else if (red || (strcmp(p->rag, "Amber") == 0 && k == n - 1))
                status = "At risk";
            else
                status = "On track";
            if (done > today)
                done = -1;
            snprintf(id, sizeof(id), "MS-%03zu", 101 + serial++);
            put_sc(fp, id, false);
            put_sc(fp, p->id, false);
            put_sc(fp, p->account, false);
            put_sc(fp, milestone_names[k], false);
            put_sc(fp, p->manager, false);
            put_sc(fp, status, false);
            de_date(due, buf);
            put_sc(fp, buf, false);
            if (done >= 0)
                de_date(done, buf);
            put_sc(fp, done >= 0 ? buf : "", true);
        }
    }
}

static void write_plan_risks(FILE *fp, const struct tickets *list)
{
    static const struct {
        const char *project, *account, *title, *owner, *probability, *impact,
            *mitigation, *status;
        unsigned y, m, d;
    } risks[] = {
        {"PRJ-02", "ACC-1002", "SAP change freeze delays the cut-over",
         "Jonas Weber", "High", "High",
         "Cut-over moved before the freeze; weekly call with the SAP team",
         "Open", 2026, 12, 4},
        {"PRJ-02", "ACC-1002", "Order volume beyond the tested 20,000/day",
         "Nina Hoffmann", "Medium", "High",
         "Load test at 50,000 orders/day; queue between SAP and platform",
         "Open", 2026, 12, 11},
        {"PRJ-04", "ACC-1007", "Audit evidence for access reviews incomplete",
         "Jonas Weber", "Medium", "High",
         "Quarterly access reviews exported from the platform's audit log",
         "Open", 2026, 12, 18},
        {"PRJ-05", "ACC-1012", "AIS data provider changes its API",
         "Sven Aalders", "Medium", "Medium",
         "Adapter layer; contract clause on 90 days' notice", "Open", 2026, 12,
         1},
        {"PRJ-05", "ACC-1012", "Incident backlog erodes the sponsor's trust",
         "Amélie Durand", "High", "High",
         "Daily incident stand-up until the backlog is under 10 tickets",
         "Open", 2026, 11, 30},
        {"PRJ-03", "ACC-1003", "Data migration window overruns", "Lena Vogt",
         "Low", "High", "Rehearsed twice; rollback plan signed off", "Closed",
         2026, 9, 15},
        {"PRJ-06", "ACC-1011", "Field engineers lack devices with iOS 17",
         "Sven Aalders", "Low", "Medium",
         "Android build first; device refresh in the customer's budget",
         "Mitigated", 2027, 1, 15},
        {"PRJ-08", "ACC-1009", "Customer BI team has no capacity before Q1",
         "Jonas Weber", "Medium", "Low", "", "Open", 2027, 1, 31},
        {"PRJ-01", "", "Review content arrives late from contributors",
         "Lena Vogt", "Medium", "Medium",
         "Requests sent six weeks ahead; reminders at two and one week", "Open",
         2026, 12, 31},
    };
    static const char *const header[] = {
        "Risk ID",    "Project ID", "Customer Account ID",
        "Risk",       "Risk Owner", "Probability",
        "Impact",     "Mitigation", "Status",
        "Review Date"};
    size_t i;
    char id[24], buf[40];

    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ';');
    for (i = 0; i < COUNT(risks); i++) {
        snprintf(id, sizeof(id), "R-%03zu", 1 + i);
        put_sc(fp, id, false);
        put_sc(fp, risks[i].project, false);
        put_sc(fp, risks[i].account, false);
        put_sc(fp, risks[i].title, false);
        put_sc(fp, risks[i].owner, false);
        put_sc(fp, risks[i].probability, false);
        put_sc(fp, risks[i].impact, false);
        put_sc(fp, risks[i].mitigation, false);
        put_sc(fp, risks[i].status, false);
        de_date(day_of(risks[i].y, risks[i].m, risks[i].d), buf);
        put_sc(fp, buf, true);
    }
}

static void write_plan_roles(FILE *fp, const struct tickets *list)
{
    static const char *const header[] = {"Role", "Assigned To", "Project ID",
                                         "Customer Account ID",
                                         "Allocation (%)"};
    static const char *const tams[] = {"Nina Hoffmann", "Carlos Mendes",
                                       "Aisha Bello", "Oskar Lund", "Mei Chen"};
    size_t i;
    char buf[16];

    (void)list;
    fputs("\xEF\xBB\xBF", fp);
    put_header(fp, header, COUNT(header), ';');
    put_sc(fp, "Program Manager", false);
    put_sc(fp, "Lena Vogt", false);
    put_sc(fp, "PRJ-01", false);
    put_sc(fp, "", false);
    put_sc(fp, "100", true);
    put_sc(fp, "Program Sponsor", false);
    put_sc(fp, "Dr. Henrik Aalto", false);
    put_sc(fp, "PRJ-01", false);
    put_sc(fp, "", false);
    put_sc(fp, "10", true);
    for (i = 0; i < COUNT(projects); i++) {
        if (!projects[i].account[0])
            continue;
        put_sc(fp, "Project Manager", false);
        put_sc(fp, projects[i].manager, false);
        put_sc(fp, projects[i].id, false);
        put_sc(fp, projects[i].account, false);
        put_sc(fp, i % 2 ? "50" : "40", true);
    }
    /* One technical account manager per account; two posts are vacant. */
    for (i = 0; i < COUNT(accounts); i++) {
        bool vacant = i == 5 || i == 12;
        put_sc(fp, "Technical Account Manager", false);
        put_sc(fp, vacant ? "" : tams[i % COUNT(tams)], false);
        put_sc(fp, "", false);
        put_sc(fp, accounts[i].id, false);
        snprintf(buf, sizeof(buf), "%u",
                 strcmp(accounts[i].tier, "Platinum") == 0 ? 50u : 25u);
        put_sc(fp, buf, true);
    }
    put_sc(fp, "Solution Architect", false);
    put_sc(fp, "", false);
    put_sc(fp, "PRJ-02", false);
    put_sc(fp, "ACC-1002", false);
    put_sc(fp, "50", true);
}

/* ---- files --------------------------------------------------------------- */

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

static const struct {
    const char *name;
    void (*fill)(FILE *, const struct tickets *);
} outputs[] = {
    {"salesforce-accounts.csv", write_salesforce_accounts},
    {"salesforce-contacts.csv", write_salesforce_contacts},
    {"salesforce-opportunities.csv", write_salesforce_opportunities},
    {"salesforce-cases.csv", write_salesforce_cases},
    {"zendesk-tickets.csv", write_zendesk},
    {"jira-issues.csv", write_jira},
    {"program-plan-projects.csv", write_plan_projects},
    {"program-plan-milestones.csv", write_plan_milestones},
    {"program-plan-risks.csv", write_plan_risks},
    {"program-plan-roles.csv", write_plan_roles},
};

int main(int argc, char **argv)
{
    struct period period = {utc(2025, 11, 1, 0), utc(2026, 11, 22, 18)};
    struct tickets list = {NULL, 0, 0};
    int failed = 0;
    size_t i;

    if (argc != 2) {
        fprintf(stderr, "usage: gen-sample DIR\n"
                        "writes the sample exports into DIR\n");
        return 2;
    }
    if (mkdir(argv[1], 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen-sample: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    generate(&list, period);
    qsort(list.items, list.n, sizeof(*list.items), by_created);
    for (i = 0; i < COUNT(outputs) && !failed; i++)
        failed = write_file(argv[1], outputs[i].name, outputs[i].fill, &list);
    free(list.items);
    return failed;
}
