/* Merge configuration: sla.xml, health.xml, account-map.csv (config.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "common/buf.h"
#include "common/csvtable.h"
#include "common/date.h"
#include "common/xmlconf.h"
#include "common/mem.h"
#include "match.h"
#include "metrics.h"

/* A configuration file is small; anything bigger is a mistake. */
#define MAX_TARGET_HOURS 100000

/* ---- names ---- */

const char *rp_merge_basis_name(enum rp_merge_basis basis)
{
    return basis == RP_MERGE_BASIS_BUSINESS ? "business" : "calendar";
}

static const char *const rule_names[] = {
    "sla-below-target", "open-p1",   "p1-raised", "overdue-milestones",
    "high-risks",       "escalated", "reopened",  "aged-backlog",
};

const char *rp_merge_rule_name(enum rp_merge_rule_kind kind)
{
    return rule_names[kind];
}

const char *rp_merge_health_name(enum rp_merge_health health)
{
    switch (health) {
    case RP_MERGE_HEALTH_UNSTABLE:
        return "unstable";
    case RP_MERGE_HEALTH_WATCH:
        return "watch";
    case RP_MERGE_HEALTH_STABLE:
        break;
    }
    return "stable";
}

static const char *const key_names[] = {"account-id", "external-id", "domain",
                                        "name"};

const char *rp_merge_key_name(enum rp_merge_key key)
{
    return key_names[key];
}

/* ---- defaults ---- */

static const struct {
    enum rp_priority priority;
    int64_t first_response, resolution;
    enum rp_merge_basis basis;
} default_targets[RP_PRIORITY_COUNT] = {
    {RP_PRIORITY_P1, 1, 8, RP_MERGE_BASIS_CALENDAR},
    {RP_PRIORITY_P2, 4, 24, RP_MERGE_BASIS_CALENDAR},
    {RP_PRIORITY_P3, 8, 72, RP_MERGE_BASIS_CALENDAR},
    {RP_PRIORITY_P4, 24, 120, RP_MERGE_BASIS_CALENDAR},
};

static const struct rp_merge_rule default_rules[] = {
    {RP_MERGE_RULE_SLA_BELOW_TARGET, RP_MERGE_HEALTH_UNSTABLE, 0, 10, 0},
    {RP_MERGE_RULE_OPEN_P1, RP_MERGE_HEALTH_UNSTABLE, 1, 0, 0},
    {RP_MERGE_RULE_OVERDUE_MILESTONES, RP_MERGE_HEALTH_UNSTABLE, 2, 0, 0},
    {RP_MERGE_RULE_SLA_BELOW_TARGET, RP_MERGE_HEALTH_WATCH, 0, 0, 0},
    {RP_MERGE_RULE_P1_RAISED, RP_MERGE_HEALTH_WATCH, 3, 0, 0},
    {RP_MERGE_RULE_OVERDUE_MILESTONES, RP_MERGE_HEALTH_WATCH, 1, 0, 0},
    {RP_MERGE_RULE_HIGH_RISKS, RP_MERGE_HEALTH_WATCH, 1, 0, 0},
};

static void sla_defaults(struct rp_merge_sla_config *sla)
{
    size_t i;

    memset(sla, 0, sizeof(*sla));
    snprintf(sla->source, sizeof(sla->source), "built-in");
    sla->compliance_target_pct = 90;
    sla->basis = RP_MERGE_BASIS_CALENDAR;
    sla->targets = rp_xcalloc(RP_PRIORITY_COUNT, sizeof(*sla->targets));
    for (i = 0; i < RP_PRIORITY_COUNT; i++) {
        struct rp_merge_target *t = &sla->targets[i];
        t->tier = rp_xstrdup("");
        t->priority = default_targets[i].priority;
        t->first_response_hours = default_targets[i].first_response;
        t->resolution_hours = default_targets[i].resolution;
        t->basis = default_targets[i].basis;
    }
    sla->n_targets = RP_PRIORITY_COUNT;
    snprintf(sla->calendar.time_zone, sizeof(sla->calendar.time_zone), "UTC");
    for (i = 0; i < 5; i++)
        sla->calendar.workday[i] = true;
    sla->calendar.open = 9 * 3600;
    sla->calendar.close = 17 * 3600;
}

static void health_defaults(struct rp_merge_health_config *h)
{
    size_t n = sizeof(default_rules) / sizeof(default_rules[0]);

    memset(h, 0, sizeof(*h));
    snprintf(h->source, sizeof(h->source), "built-in");
    h->rules = rp_xcalloc(n, sizeof(*h->rules));
    memcpy(h->rules, default_rules, sizeof(default_rules));
    h->n_rules = n;
}

void rp_merge_config_defaults(struct rp_merge_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    sla_defaults(&cfg->sla);
    health_defaults(&cfg->health);
}

static void sla_release(struct rp_merge_sla_config *sla)
{
    size_t i;

    for (i = 0; i < sla->n_targets; i++)
        free(sla->targets[i].tier);
    for (i = 0; i < sla->calendar.n_holidays; i++)
        free(sla->calendar.holidays[i].name);
    free(sla->targets);
    free(sla->calendar.holidays);
    free(sla->calendar.offsets);
    memset(sla, 0, sizeof(*sla));
}

static void map_release(struct rp_merge_map_config *map)
{
    size_t i;

    for (i = 0; i < map->n_entries; i++) {
        free(map->entries[i].system);
        free(map->entries[i].value);
        free(map->entries[i].account_id);
    }
    free(map->entries);
    memset(map, 0, sizeof(*map));
}

void rp_merge_config_release(struct rp_merge_config *cfg)
{
    sla_release(&cfg->sla);
    free(cfg->health.rules);
    map_release(&cfg->map);
    memset(cfg, 0, sizeof(*cfg));
}

const struct rp_merge_target *
rp_merge_config_target(const struct rp_merge_sla_config *sla, const char *tier,
                       enum rp_priority p)
{
    const struct rp_merge_target *fallback = NULL;
    size_t i;

    for (i = 0; i < sla->n_targets; i++) {
        const struct rp_merge_target *t = &sla->targets[i];
        if (t->priority != p)
            continue;
        if (t->tier[0] == '\0')
            fallback = fallback ? fallback : t;
        else if (tier && strcasecmp(t->tier, tier) == 0)
            return t;
    }
    /* The loader insists on a default per priority. */
    return fallback;
}

/* ---- reading XML files ---- */

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = rp_xmalloc(n);

    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static bool file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static enum rp_status attr_basis(const char *path, const xmlNode *n,
                                 enum rp_merge_basis *out, struct rp_error *err)
{
    char *v = rp_xmlconf_attr(n, "basis");
    enum rp_status status = RP_OK;

    if (!v)
        return RP_OK;
    if (strcmp(v, "calendar") == 0)
        *out = RP_MERGE_BASIS_CALENDAR;
    else if (strcmp(v, "business") == 0)
        *out = RP_MERGE_BASIS_BUSINESS;
    else
        status = rp_xmlconf_bad_attr(path, n, "basis", v,
                                     "calendar or business", err);
    xmlFree(v);
    return status;
}

/* ---- sla.xml ---- */

/* "HH:MM", 00:00 .. 24:00, as seconds after midnight. */
static bool parse_clock(const char *s, int32_t *out)
{
    int h, m;
    char tail;

    if (strlen(s) != 5 || s[2] != ':' ||
        sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2)
        return false;
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *out = (int32_t)(h * 3600 + m * 60);
    return true;
}

static enum rp_status attr_clock(const char *path, const xmlNode *n,
                                 const char *name, int32_t *out,
                                 struct rp_error *err)
{
    char *v = rp_xmlconf_attr(n, name);
    enum rp_status status = RP_OK;

    if (v && !parse_clock(v, out))
        status = rp_xmlconf_bad_attr(path, n, name, v, "a time HH:MM", err);
    xmlFree(v);
    return status;
}

/* "Mon Tue Wed Thu Fri" (spaces or commas). */
static enum rp_status attr_days(const char *path, const xmlNode *n,
                                bool workday[7], struct rp_error *err)
{
    static const char *const names[7] = {"mon", "tue", "wed", "thu",
                                         "fri", "sat", "sun"};
    char *v = rp_xmlconf_attr(n, "days"), *p;
    enum rp_status status = RP_OK;
    bool any = false;
    int d;

    if (!v)
        return RP_OK;
    memset(workday, 0, 7 * sizeof(*workday));
    for (p = v; *p;) {
        size_t len;
        if (*p == ' ' || *p == ',') {
            p++;
            continue;
        }
        len = strcspn(p, " ,");
        for (d = 0; d < 7; d++) {
            if (len == 3 && strncasecmp(p, names[d], 3) == 0)
                break;
        }
        if (d == 7) {
            status = rp_xmlconf_bad_attr(
                path, n, "days", v, "day names Mon Tue Wed Thu Fri Sat Sun",
                err);
            goto out;
        }
        workday[d] = true;
        any = true;
        p += len;
    }
    if (!any)
        status = rp_xmlconf_bad_attr(path, n, "days", v,
                                     "at least one working day", err);
out:
    xmlFree(v);
    return status;
}

/* An IANA zone name the system's database holds.  The C library quietly
 * treats an unknown name as UTC, which would shift every deadline. */
static bool known_time_zone(const char *tz)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    const char *p;

    if (strcmp(tz, "UTC") == 0)
        return true;
    if (!*tz || tz[0] == '/' || strstr(tz, "..") || strlen(tz) > 63)
        return false;
    for (p = tz; *p; p++) {
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' || *p == '-' ||
              *p == '+'))
            return false;
    }
    snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/usr/share/zoneinfo",
             tz);
    return access(path, R_OK) == 0;
}

static int cmp_holiday(const void *a, const void *b)
{
    const struct rp_merge_holiday *x = a, *y = b;

    return (x->day > y->day) - (x->day < y->day);
}

static enum rp_status read_calendar(const char *path, const xmlNode *n,
                                    struct rp_merge_calendar *cal,
                                    struct rp_error *err)
{
    char *tz = rp_xmlconf_attr(n, "time-zone");
    const xmlNode *c;
    size_t cap = 0, i;

    if (tz) {
        if (!known_time_zone(tz)) {
            enum rp_status s = rp_xmlconf_bad_attr(
                path, n, "time-zone", tz,
                "a time zone of the system's database, such as "
                "Europe/Berlin or UTC",
                err);
            xmlFree(tz);
            return s;
        }
        snprintf(cal->time_zone, sizeof(cal->time_zone), "%s", tz);
        xmlFree(tz);
    }
    if (attr_days(path, n, cal->workday, err) ||
        attr_clock(path, n, "start", &cal->open, err) ||
        attr_clock(path, n, "end", &cal->close, err))
        return err->status;
    if (cal->open >= cal->close)
        return rp_error_set(err, RP_ERR_INPUT, path, n->line, "end",
                            "<calendar>: the working day must end after it "
                            "starts");
    for (c = n->children; c; c = c->next) {
        char *date, *name;
        int64_t day;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!rp_xmlconf_is_element(c, "holiday"))
            return rp_xmlconf_unexpected(path, c, "calendar", err);
        date = rp_xmlconf_attr(c, "date");
        if (!date || !rp_date_parse_day(date, &day)) {
            enum rp_status s = rp_xmlconf_bad_attr(path, c, "date", date,
                                                   "a date YYYY-MM-DD", err);
            xmlFree(date);
            return s;
        }
        xmlFree(date);
        name = rp_xmlconf_attr(c, "name");
        rp_array_grow((void **)&cal->holidays, &cap, cal->n_holidays + 1,
                      sizeof(*cal->holidays));
        cal->holidays[cal->n_holidays].day = day;
        cal->holidays[cal->n_holidays].name = rp_xstrdup(name ? name : "");
        cal->n_holidays++;
        xmlFree(name);
    }
    if (cal->n_holidays > 1)
        qsort(cal->holidays, cal->n_holidays, sizeof(*cal->holidays),
              cmp_holiday);
    for (i = 1; i < cal->n_holidays; i++) {
        if (cal->holidays[i].day == cal->holidays[i - 1].day)
            return rp_error_set(err, RP_ERR_INPUT, path, n->line, "date",
                                "<calendar>: a holiday date appears twice");
    }
    return RP_OK;
}

static enum rp_status read_target(const char *path, const xmlNode *n,
                                  struct rp_merge_sla_config *sla, size_t *cap,
                                  struct rp_error *err)
{
    struct rp_merge_target t;
    char *prio = rp_xmlconf_attr(n, "priority"),
         *tier = rp_xmlconf_attr(n, "tier");
    enum rp_status status = RP_OK;
    size_t i;

    memset(&t, 0, sizeof(t));
    t.basis = sla->basis;
    if (!prio || strlen(prio) != 2 || prio[0] != 'P' || prio[1] < '1' ||
        prio[1] > '4') {
        status = rp_xmlconf_bad_attr(path, n, "priority", prio,
                                     "P1, P2, P3 or P4", err);
        goto out;
    }
    t.priority = (enum rp_priority)(prio[1] - '0');
    if (rp_xmlconf_int(path, n, "first-response-hours", true, 0,
                       MAX_TARGET_HOURS, &t.first_response_hours, err) ||
        rp_xmlconf_int(path, n, "resolution-hours", true, 0, MAX_TARGET_HOURS,
                       &t.resolution_hours, err) ||
        attr_basis(path, n, &t.basis, err)) {
        status = err->status;
        goto out;
    }
    for (i = 0; i < sla->n_targets; i++) {
        if (sla->targets[i].priority == t.priority &&
            strcasecmp(sla->targets[i].tier, tier ? tier : "") == 0) {
            status = rp_error_set(err, RP_ERR_INPUT, path, n->line, "priority",
                                  "a second target for %s%s%s", prio,
                                  tier ? " of tier " : "", tier ? tier : "");
            goto out;
        }
    }
    t.tier = rp_xstrdup(tier ? tier : "");
    rp_array_grow((void **)&sla->targets, cap, sla->n_targets + 1,
                  sizeof(*sla->targets));
    sla->targets[sla->n_targets++] = t;
out:
    xmlFree(prio);
    xmlFree(tier);
    return status;
}

/* Defaults (tier "") first, P1..P4, then tiers by name and priority: the
 * order they are printed in <sla-targets>. */
static int cmp_target(const void *a, const void *b)
{
    const struct rp_merge_target *x = a, *y = b;
    int c = strcmp(x->tier, y->tier);

    return c ? c : (int)x->priority - (int)y->priority;
}

static enum rp_status read_sla(const char *path,
                               struct rp_merge_sla_config *sla,
                               struct rp_error *err)
{
    xmlDoc *doc = NULL;
    xmlNode *root, *c;
    enum rp_status status;
    int64_t pct = 90;
    size_t cap = 0, i;
    int p;

    status = rp_xmlconf_read(path, "sla", &doc, err);
    if (status != RP_OK)
        return status;
    root = xmlDocGetRootElement(doc);
    snprintf(sla->source, sizeof(sla->source), "%s", path);
    /* The file's targets replace the defaults entirely. */
    for (i = 0; i < sla->n_targets; i++)
        free(sla->targets[i].tier);
    free(sla->targets);
    sla->targets = NULL;
    sla->n_targets = 0;
    status = rp_xmlconf_int(path, root, "compliance-target-pct", false, 0, 100,
                            &pct, err);
    if (status == RP_OK)
        status = attr_basis(path, root, &sla->basis, err);
    if (status != RP_OK)
        goto out;
    sla->compliance_target_pct = (unsigned)pct;
    for (c = root->children; c && status == RP_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (rp_xmlconf_is_element(c, "calendar"))
            status = read_calendar(path, c, &sla->calendar, err);
        else if (rp_xmlconf_is_element(c, "target"))
            status = read_target(path, c, sla, &cap, err);
        else
            status = rp_xmlconf_unexpected(path, c, "sla", err);
    }
    if (status != RP_OK)
        goto out;
    for (p = RP_PRIORITY_P1; p <= RP_PRIORITY_P4; p++) {
        for (i = 0; i < sla->n_targets; i++) {
            if (sla->targets[i].priority == (enum rp_priority)p &&
                sla->targets[i].tier[0] == '\0')
                break;
        }
        if (i == sla->n_targets) {
            status = rp_error_set(err, RP_ERR_INPUT, path, root->line, "target",
                                  "no <target> for P%d without a tier: "
                                  "every priority needs a default target",
                                  p);
            goto out;
        }
    }
    qsort(sla->targets, sla->n_targets, sizeof(*sla->targets), cmp_target);
out:
    xmlFreeDoc(doc);
    return status;
}

/* ---- health.xml ---- */

static enum rp_status read_rule(const char *path, const xmlNode *n,
                                struct rp_merge_health_config *h, size_t *cap,
                                struct rp_error *err)
{
    struct rp_merge_rule r;
    char *when = rp_xmlconf_attr(n, "when"),
         *level = rp_xmlconf_attr(n, "level");
    enum rp_status status = RP_OK;
    size_t k;

    memset(&r, 0, sizeof(r));
    for (k = 0; when && k < sizeof(rule_names) / sizeof(rule_names[0]); k++) {
        if (strcmp(when, rule_names[k]) == 0)
            break;
    }
    if (!when || k == sizeof(rule_names) / sizeof(rule_names[0])) {
        status =
            rp_xmlconf_bad_attr(path, n, "when", when,
                                "one of sla-below-target, open-p1, p1-raised, "
                                "overdue-milestones, high-risks, escalated, "
                                "reopened, aged-backlog",
                                err);
        goto out;
    }
    r.kind = (enum rp_merge_rule_kind)k;
    if (level && strcmp(level, "watch") == 0) {
        r.level = RP_MERGE_HEALTH_WATCH;
    } else if (level && strcmp(level, "unstable") == 0) {
        r.level = RP_MERGE_HEALTH_UNSTABLE;
    } else {
        status = rp_xmlconf_bad_attr(path, n, "level", level,
                                     "watch or unstable", err);
        goto out;
    }
    r.min = 1;
    if (rp_xmlconf_int(path, n, "min", false, 1, INT32_MAX, &r.min, err) ||
        rp_xmlconf_int(path, n, "points", false, 0, 100, &r.points, err) ||
        rp_xmlconf_int(path, n, "days", r.kind == RP_MERGE_RULE_AGED_BACKLOG, 0,
                       100000, &r.days, err)) {
        status = err->status;
        goto out;
    }
    rp_array_grow((void **)&h->rules, cap, h->n_rules + 1, sizeof(*h->rules));
    h->rules[h->n_rules++] = r;
out:
    xmlFree(when);
    xmlFree(level);
    return status;
}

static enum rp_status read_health(const char *path,
                                  struct rp_merge_health_config *h,
                                  struct rp_error *err)
{
    xmlDoc *doc = NULL;
    xmlNode *root, *c;
    enum rp_status status;
    size_t cap = 0;

    status = rp_xmlconf_read(path, "health", &doc, err);
    if (status != RP_OK)
        return status;
    root = xmlDocGetRootElement(doc);
    snprintf(h->source, sizeof(h->source), "%s", path);
    free(h->rules);
    h->rules = NULL;
    h->n_rules = 0;
    for (c = root->children; c && status == RP_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (rp_xmlconf_is_element(c, "rule"))
            status = read_rule(path, c, h, &cap, err);
        else
            status = rp_xmlconf_unexpected(path, c, "health", err);
    }
    xmlFreeDoc(doc);
    return status;
}

/* ---- account-map.csv ---- */

/* Columns, found by header name (case-insensitive). */
enum map_column { COL_SYSTEM, COL_MATCH_ON, COL_VALUE, COL_ACCOUNT, N_COLS };
static const char *const map_headers[N_COLS] = {"System", "Match On", "Value",
                                                "Account ID"};

struct map_reader {
    const char *path;
    struct rp_merge_map_config *map;
    size_t cap;
};

static void map_lower(char *s)
{
    for (; *s; s++) {
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
    }
}

static enum rp_status map_row(void *ctx, const char *const *fields, long line,
                              struct rp_error *err)
{
    struct map_reader *r = ctx;
    struct rp_merge_mapping m;
    const char *on = fields[COL_MATCH_ON], *value = fields[COL_VALUE];
    const char *account = fields[COL_ACCOUNT];
    size_t k;

    memset(&m, 0, sizeof(m));
    for (k = 0; k < sizeof(key_names) / sizeof(key_names[0]); k++) {
        if (strcasecmp(on, key_names[k]) == 0)
            break;
    }
    if (k == sizeof(key_names) / sizeof(key_names[0]))
        return rp_error_set(err, RP_ERR_INPUT, r->path, line, "Match On",
                            "'%s': expected account-id, external-id, domain "
                            "or name",
                            on);
    m.key = (enum rp_merge_key)k;
    if (m.key == RP_MERGE_KEY_DOMAIN)
        m.value = rp_merge_normalise_domain(value);
    else if (m.key == RP_MERGE_KEY_NAME)
        m.value = rp_merge_normalise_name(value);
    else
        m.value = rp_xstrdup(value);
    if (!m.value[0] || !account[0]) {
        free(m.value);
        return rp_error_set(err, RP_ERR_INPUT, r->path, line,
                            !account[0] ? "Account ID" : "Value",
                            "the mapping needs a value and an account id");
    }
    m.system = rp_xstrdup(fields[COL_SYSTEM]);
    map_lower(m.system);
    m.account_id = rp_xstrdup(account);
    m.line = line;
    rp_array_grow((void **)&r->map->entries, &r->cap, r->map->n_entries + 1,
                  sizeof(*r->map->entries));
    r->map->entries[r->map->n_entries++] = m;
    return RP_OK;
}

static int cmp_mapping(const void *a, const void *b)
{
    const struct rp_merge_mapping *x = a, *y = b;
    int c;

    if (x->key != y->key)
        return (int)x->key - (int)y->key;
    c = strcmp(x->value, y->value);
    return c ? c : strcmp(x->system, y->system);
}

static enum rp_status read_map(const char *path,
                               struct rp_merge_map_config *map,
                               struct rp_error *err)
{
    struct map_reader r = {path, map, 0};
    struct rp_csv_table table = {
        .path = path,
        .columns = map_headers,
        .n_columns = N_COLS,
        .required = 1UL << COL_MATCH_ON | 1UL << COL_VALUE | 1UL << COL_ACCOUNT,
        .row = map_row,
        .ctx = &r,
    };
    enum rp_status status;
    size_t i;

    snprintf(map->source, sizeof(map->source), "%s", path);
    status = rp_csv_table_read(&table, err);
    if (status == RP_OK && map->n_entries > 1)
        qsort(map->entries, map->n_entries, sizeof(*map->entries), cmp_mapping);
    for (i = 1; status == RP_OK && i < map->n_entries; i++) {
        const struct rp_merge_mapping *a = &map->entries[i - 1];
        const struct rp_merge_mapping *b = &map->entries[i];
        if (cmp_mapping(a, b) == 0)
            status = rp_error_set(err, RP_ERR_INPUT, path,
                                  a->line > b->line ? a->line : b->line,
                                  "Value", "%s '%s' is mapped twice",
                                  key_names[a->key], a->value);
    }
    return status;
}

/* ---- loading ---- */

enum rp_status rp_merge_config_load(struct rp_merge_config *cfg,
                                    const char *dir, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    char *path = NULL;

    rp_merge_config_defaults(cfg);
    if (!dir)
        return RP_OK;
    path = path_in(dir, "sla.xml");
    if (file_exists(path))
        status = read_sla(path, &cfg->sla, err);
    free(path);
    path = path_in(dir, "health.xml");
    if (status == RP_OK && file_exists(path))
        status = read_health(path, &cfg->health, err);
    free(path);
    path = path_in(dir, "account-map.csv");
    if (status == RP_OK && file_exists(path))
        status = read_map(path, &cfg->map, err);
    free(path);
    if (status != RP_OK)
        rp_merge_config_release(cfg);
    return status;
}

/* ---- the working-hours calendar ---- */

/* Days of local time around the period for which offsets are kept: a
 * deadline of the longest target lies well within a year of its ticket. */
#define CALENDAR_MARGIN_DAYS 400
#define CALENDAR_MAX_DAYS 400000

enum rp_status rp_merge_calendar_prepare(struct rp_merge_calendar *cal,
                                         int64_t from, int64_t to,
                                         struct rp_error *err)
{
    const char *old = getenv("TZ");
    char *saved = old ? rp_xstrdup(old) : NULL;
    int64_t first = rp_merge_floor_div(from, RP_MERGE_SECONDS_PER_DAY) -
                    CALENDAR_MARGIN_DAYS;
    int64_t last =
        rp_merge_floor_div(to, RP_MERGE_SECONDS_PER_DAY) + CALENDAR_MARGIN_DAYS;
    int32_t offset = 0;
    size_t i;

    free(cal->offsets);
    cal->offsets = NULL;
    cal->n_offsets = 0;
    if (last - first + 1 > CALENDAR_MAX_DAYS) {
        free(saved);
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "period",
                            "the review period is too long for a "
                            "working-hours calendar");
    }
    cal->first_day = first;
    cal->n_offsets = (size_t)(last - first + 1);
    cal->offsets = rp_xcalloc(cal->n_offsets, sizeof(*cal->offsets));
    /*
     * The C library is the one reader of the time zone database we have;
     * it reads the zone from TZ.  The merge runs single-threaded, and TZ
     * is restored before returning.
     */
    setenv("TZ", cal->time_zone, 1);
    tzset();
    for (i = 0; i < cal->n_offsets; i++) {
        time_t noon = (time_t)(((int64_t)i + first) * RP_MERGE_SECONDS_PER_DAY +
                               12 * 3600 - offset);
        struct tm tm;
        if (localtime_r(&noon, &tm))
            offset = (int32_t)tm.tm_gmtoff;
        cal->offsets[i] = offset;
    }
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
    return RP_OK;
}

static int64_t day_offset(const struct rp_merge_calendar *cal, int64_t day)
{
    if (cal->n_offsets == 0)
        return 0;
    if (day < cal->first_day)
        return cal->offsets[0];
    if (day - cal->first_day >= (int64_t)cal->n_offsets)
        return cal->offsets[cal->n_offsets - 1];
    return cal->offsets[day - cal->first_day];
}

static bool is_holiday(const struct rp_merge_calendar *cal, int64_t day)
{
    size_t lo = 0, hi = cal->n_holidays;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->holidays[mid].day == day)
            return true;
        if (cal->holidays[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

int64_t rp_merge_business_seconds(const struct rp_merge_calendar *cal,
                                  int64_t from, int64_t to, int64_t cap)
{
    int64_t day, total = 0;

    if (to <= from)
        return 0;
    /* One day early: the UTC day and the local day may differ. */
    day = rp_merge_floor_div(from, RP_MERGE_SECONDS_PER_DAY) - 1;
    for (;; day++) {
        int64_t midnight =
            day * RP_MERGE_SECONDS_PER_DAY - day_offset(cal, day);
        int64_t a = midnight + cal->open, b = midnight + cal->close;
        /* 1970-01-01 was a Thursday: index 3 counting from Monday. */
        int64_t weekday = day - rp_merge_floor_div(day + 3, 7) * 7 + 3;

        if (a >= to)
            break;
        if (!cal->workday[weekday] || is_holiday(cal, day))
            continue;
        if (a < from)
            a = from;
        if (b > to)
            b = to;
        if (b > a)
            total += b - a;
        if (total > cap)
            break;
    }
    return total;
}
