/*
 * One import: header row to profile, then each row typed against the
 * profile and either appended to the dataset or rejected with a reason.
 * The typing is driven by the profile (profile.c) and the member tables
 * (records.c): each field says which member it fills and each member its
 * type and place in the record struct, so this file knows no column by
 * name.
 */
#include "import/internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"
#include "common/mem.h"

/* How much of a bad value a reason quotes. */
#define QUOTE_MAX 80
#define MAX_MEMBERS 32

union record {
    struct rp_account account;
    struct rp_ticket ticket;
    struct rp_contact contact;
    struct rp_opportunity opportunity;
    struct rp_project project;
    struct rp_milestone milestone;
    struct rp_risk risk;
    struct rp_role role;
    struct rp_user user;
};

struct import {
    const char *name;   /* the input as the caller named it */
    const char *source; /* the same, owned by the dataset */
    const char *rejects_path;
    struct rp_dataset *data;
    struct rp_dataset_mark before; /* the dataset before this file */
    struct rp_import_stats *stats;
    const struct rp_import_profile *profile; /* NULL until the header */
    const struct rp_import_kind_info *kind;
    struct rp_import_columns *columns;
    /* Column names as the file spells them, for reasons and rejects. */
    char *names[RP_PROFILE_MAX_FIELDS];
    char **header_fields; /* a copy of the header row */
    size_t *header_lens;
    struct rp_csv_record header;
    struct rp_import_rejects rejects;
    struct rp_import_index index;
    struct rp_buf scratch; /* a value joined from repeated columns */
    struct rp_import_footer footer;
    struct rp_import_row_sink rows; /* take_row, for the footer */
    /* The file has a column for the record's id (accounts: else ids are
     * made from names, see account_id). */
    bool id_column;
    /* "" and the profile's system, in the dataset's pool from before the
     * first row, shared by every record that has no text of its own: a
     * copy per row and member was a tenth of the pool's allocations. */
    char *empty, *system;
};

/* Why a row was rejected. */
struct verdict {
    char field[128];
    char reason[512];
};

/*
 * 'value' for a reason: at most QUOTE_MAX bytes, cut on a UTF-8 character
 * boundary so the reason itself stays valid text.
 */
static void quote_value(char *out, size_t size, const char *s, size_t len)
{
    size_t n = len;

    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    snprintf(out, size, "'%.*s%s'", (int)n, s, n < len ? "..." : "");
}

static bool reject(struct verdict *v, const char *field, const char *fmt, ...)
    RP_PRINTF(3, 4);

/* Fills the verdict; returns false, so callers can `return reject(...)`. */
static bool reject(struct verdict *v, const char *field, const char *fmt, ...)
{
    va_list ap;
    int n;

    snprintf(v->field, sizeof(v->field), "%s", field);
    n = snprintf(v->reason, sizeof(v->reason), "%s%s", field,
                 field[0] ? ": " : "");
    if (n < 0 || (size_t)n >= sizeof(v->reason))
        return false;
    va_start(ap, fmt);
    vsnprintf(v->reason + n, sizeof(v->reason) - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

/* "A or B or C" of a list of formats. */
static void join_formats(char *out, size_t size, char *const *list, size_t n)
{
    size_t i, used = 0;

    out[0] = '\0';
    for (i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%s",
                                 i ? " or " : "", list[i]);
}

/* What a member expects, for a reason; maps of the profile come first. */
static void expected(const struct import *im, const struct rp_import_member *m,
                     char *out, size_t size)
{
    const struct rp_import_profile *p = im->profile;
    size_t i, used = 0;
    bool any = false;

    out[0] = '\0';
    for (i = 0; i < p->n_maps && used < size; i++) {
        if (p->maps[i].member != m)
            continue;
        used += (size_t)snprintf(out + used, size - used, "%s%s",
                                 any ? ", " : "one of ", p->maps[i].from);
        any = true;
    }
    if (any)
        return;
    switch (m->type) {
    case RP_MEMBER_TEXT:
        snprintf(out, size, "text");
        break;
    case RP_MEMBER_TIMESTAMP:
        join_formats(out, size, p->timestamps, p->n_timestamps);
        break;
    case RP_MEMBER_DATE:
        join_formats(out, size, p->dates, p->n_dates);
        break;
    case RP_MEMBER_NUMBER:
        snprintf(out, size, "a number such as 1%s234%s56",
                 p->group == ' '    ? " "
                 : p->group == '\'' ? "'"
                 : p->group         ? (p->group == ',' ? "," : ".")
                                    : "",
                 p->decimal == ',' ? "," : ".");
        break;
    case RP_MEMBER_INT:
        snprintf(out, size, "a whole number");
        break;
    case RP_MEMBER_BOOL:
        snprintf(out, size, "true or false");
        break;
    case RP_MEMBER_PRIORITY:
        snprintf(out, size, "P1, P2, P3 or P4");
        break;
    case RP_MEMBER_STATUS:
        snprintf(out, size, "New, Open, Pending, Solved or Closed");
        break;
    case RP_MEMBER_SLA:
        snprintf(out, size, "met or breached");
        break;
    case RP_MEMBER_RAG:
        snprintf(out, size, "Green, Amber or Red");
        break;
    case RP_MEMBER_LEVEL:
        snprintf(out, size, "Low, Medium or High");
        break;
    }
}

static const char *what(enum rp_member_type type)
{
    switch (type) {
    case RP_MEMBER_TEXT:
        return "text";
    case RP_MEMBER_TIMESTAMP:
        return "a time";
    case RP_MEMBER_DATE:
        return "a date";
    case RP_MEMBER_NUMBER:
        return "a number";
    case RP_MEMBER_INT:
        return "a whole number";
    case RP_MEMBER_BOOL:
        return "true or false";
    case RP_MEMBER_PRIORITY:
        return "a priority";
    case RP_MEMBER_STATUS:
        return "a ticket status";
    case RP_MEMBER_SLA:
        return "an SLA verdict";
    case RP_MEMBER_RAG:
        return "a RAG status";
    case RP_MEMBER_LEVEL:
        return "a level";
    }
    return "?";
}

static bool check_text(const char *name, const char *s, size_t len,
                       struct verdict *v)
{
    size_t pos;
    bool control;

    if (rp_import_check_text(s, len, &pos, &control))
        return true;
    if (control)
        return reject(v, name,
                      "contains the control character 0x%02X at byte %zu, "
                      "which a report cannot show",
                      (unsigned char)s[pos], pos + 1);
    return reject(v, name,
                  "is not valid UTF-8 (byte 0x%02X at byte %zu); export "
                  "the file as UTF-8",
                  (unsigned char)s[pos], pos + 1);
}

static bool check_width(const struct import *im,
                        const struct rp_csv_record *rec, struct verdict *v)
{
    size_t i;

    /* Shorter rows are ragged exports: the missing cells are empty.
     * Spreadsheets pad rows with empty fields; anything more is a shift. */
    for (i = im->header.n_fields; i < rec->n_fields; i++) {
        const char *s = rec->fields[i];
        size_t len = rec->lens[i];
        rp_import_trim(&s, &len);
        if (len)
            return reject(v, "",
                          "the row has %zu fields but the header has %zu (a "
                          "value with a %s in it is probably not quoted)",
                          rec->n_fields, im->header.n_fields,
                          im->stats->delimiter == '\t'  ? "tab"
                          : im->stats->delimiter == ';' ? "semicolon"
                          : im->stats->delimiter == '|' ? "bar"
                                                        : "comma");
    }
    return true;
}

/*
 * The time of a value in the profile's formats: RP_TIME_SKIPPED when the
 * first format it fits places it in an hour its zone skips.
 */
static enum rp_time_result parse_time(const struct rp_import_profile *p,
                                      bool date_member, const char *s,
                                      size_t len, int64_t *out)
{
    char *const *first = date_member ? p->dates : p->timestamps;
    char *const *second = date_member ? p->timestamps : p->dates;
    size_t n1 = date_member ? p->n_dates : p->n_timestamps;
    size_t n2 = date_member ? p->n_timestamps : p->n_dates;
    /* A date is the calendar day as written, whatever the zone. */
    static const struct rp_import_zone utc = {"UTC", 0, NULL, NULL, 0};
    const struct rp_import_zone *zone = date_member ? &utc : &p->zone;
    enum rp_time_result r;
    bool has_time;
    size_t i;

    for (i = 0; i < n1 + n2; i++) {
        const char *f = i < n1 ? first[i] : second[i - n1];
        r = rp_import_parse_time_zoned(f, s, len, zone, out, &has_time);
        if (r == RP_TIME_SKIPPED)
            return r;
        if (r == RP_TIME_OK) {
            if (date_member) {
                int64_t days = *out / 86400 - (*out % 86400 < 0);
                *out = days * 86400;
            }
            return r;
        }
    }
    return RP_TIME_BAD;
}

/* The map a profile has for a value, or NULL. */
static const struct rp_import_map *mapped(const struct rp_import_profile *p,
                                          const struct rp_import_member *m,
                                          const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < p->n_maps; i++) {
        const struct rp_import_map *map = &p->maps[i];
        if (map->member == m && map->from_len == len &&
            rp_import_equals_word(s, len, map->from))
            return map;
    }
    return NULL;
}

static const char *default_of(const struct rp_import_profile *p,
                              const struct rp_import_member *m)
{
    size_t i;

    for (i = 0; i < p->n_defaults; i++) {
        if (p->defaults[i].member == m)
            return p->defaults[i].value;
    }
    return NULL;
}

/* A text value after the field's conversion, in pool; NULL if unusable. */
static char *convert_text(struct rp_pool *pool, const struct rp_import_field *f,
                          const char *s, size_t len)
{
    char country[3];
    char *out;
    size_t i;

    switch (f->conv) {
    case RP_CONV_EMAIL_DOMAIN:
        return rp_import_email_domain(pool, s, len);
    case RP_CONV_URL_DOMAIN:
        return rp_import_url_domain(pool, s, len);
    case RP_CONV_COUNTRY:
        if (rp_import_parse_country(s, len, country))
            return rp_pool_strndup(pool, country, strlen(country));
        return NULL;
    case RP_CONV_LOWER:
        out = rp_pool_strndup(pool, s, len);
        for (i = 0; i < len; i++)
            out[i] = rp_import_lower(out[i]);
        return out;
    default:
        return rp_pool_strndup(pool, s, len);
    }
}

/* An enumeration's value into its member, whatever the member's C type. */
static void store_enum(const struct rp_import_member *m, char *member,
                       int value)
{
    switch (m->type) {
    case RP_MEMBER_INT:
        *(int *)member = value;
        break;
    case RP_MEMBER_BOOL:
        *(bool *)member = value != 0;
        break;
    case RP_MEMBER_PRIORITY:
        *(enum rp_priority *)member = (enum rp_priority)value;
        break;
    case RP_MEMBER_STATUS:
        *(enum rp_ticket_status *)member = (enum rp_ticket_status)value;
        break;
    case RP_MEMBER_SLA:
        *(enum rp_sla_flag *)member = (enum rp_sla_flag)value;
        break;
    case RP_MEMBER_RAG:
        *(enum rp_rag *)member = (enum rp_rag)value;
        break;
    case RP_MEMBER_LEVEL:
        *(enum rp_risk_level *)member = (enum rp_risk_level)value;
        break;
    default:
        break;
    }
}

/* Types one non-empty value into its member of rec. */
static bool parse_value(const struct import *im,
                        const struct rp_import_field *f, const char *name,
                        const char *s, size_t len, union record *rec,
                        double *minutes, struct verdict *v)
{
    const struct rp_import_profile *p = im->profile;
    const struct rp_import_member *m = f->member;
    char *member = (char *)rec + m->offset;
    const struct rp_import_map *map = mapped(p, m, s, len);
    const char *ms = map ? map->to : s;
    size_t mlen = map ? strlen(map->to) : len;
    char quoted[QUOTE_MAX + 8], want[300];
    bool ok = false;
    int value = 0;
    enum rp_time_result r;
    char *text;

    switch (m->type) {
    case RP_MEMBER_TEXT:
        text = convert_text(&im->data->text, f, ms, mlen);
        if (!text)
            break;
        /* The pieces stay in the pool until the row is dropped or the
         * dataset goes: appended fields are rare (First + Last Name). */
        if (f->append && *(char **)member && **(char **)member) {
            const char *old = *(char **)member;
            size_t n_old = strlen(old), n_text = strlen(text);
            char *joined = rp_pool_alloc(&im->data->text, n_old + 1 + n_text);
            memcpy(joined, old, n_old);
            joined[n_old] = ' ';
            memcpy(joined + n_old + 1, text, n_text);
            text = joined;
        }
        *(char **)member = text;
        return true;
    case RP_MEMBER_TIMESTAMP:
        if (f->conv == RP_CONV_MINUTES || f->conv == RP_CONV_HOURS) {
            ok = rp_import_parse_number(ms, mlen, p->group, p->decimal,
                                        minutes) &&
                 *minutes >= 0 && *minutes < 1e9;
            if (ok && f->conv == RP_CONV_HOURS)
                *minutes *= 60;
            if (ok)
                return true;
            quote_value(quoted, sizeof(quoted), s, len);
            return reject(v, name, "%s is not a number of %s", quoted,
                          f->conv == RP_CONV_HOURS ? "hours" : "minutes");
        }
        r = parse_time(p, false, ms, mlen, (int64_t *)member);
        if (r == RP_TIME_SKIPPED) {
            quote_value(quoted, sizeof(quoted), s, len);
            return reject(v, name,
                          "%s is not a time in %s: its clocks skip that hour "
                          "(they go forward)",
                          quoted, p->zone.name);
        }
        ok = r == RP_TIME_OK;
        break;
    case RP_MEMBER_DATE:
        ok = parse_time(p, true, ms, mlen, (int64_t *)member) == RP_TIME_OK;
        break;
    case RP_MEMBER_NUMBER:
        ok = rp_import_parse_number(ms, mlen, p->group, p->decimal,
                                    (double *)member);
        /* A one-column export may carry plain numbers in any locale. */
        if (!ok && map)
            ok = rp_import_parse_number(ms, mlen, 0, '.', (double *)member);
        break;
    case RP_MEMBER_INT:
    case RP_MEMBER_BOOL:
    case RP_MEMBER_PRIORITY:
    case RP_MEMBER_STATUS:
    case RP_MEMBER_SLA:
    case RP_MEMBER_RAG:
    case RP_MEMBER_LEVEL:
        /* Mapped values were parsed once, with the profile. */
        if (map)
            value = map->value;
        ok = map || rp_import_parse_enum(m, s, len, &value);
        if (ok)
            store_enum(m, member, value);
        break;
    }
    if (ok)
        return true;
    if (m->type == RP_MEMBER_TEXT) {
        quote_value(quoted, sizeof(quoted), s, len);
        return reject(v, name, "%s is not %s", quoted,
                      f->conv == RP_CONV_COUNTRY
                          ? "a country (expected an ISO 3166 code such as "
                            "DE, or a country name)"
                          : "usable text");
    }
    quote_value(quoted, sizeof(quoted), s, len);
    expected(im, m, want, sizeof(want));
    return reject(v, name, "%s is not %s (expected %s)", quoted, what(m->type),
                  want);
}

/*
 * The value of field i in row: its column's cell, trimmed; for a name the
 * header repeats (Jira's Labels), the non-empty cells joined with ", " for
 * text, the first non-empty one otherwise.
 */
static bool field_value(struct import *im, size_t i,
                        const struct rp_csv_record *row, const char **s,
                        size_t *len, struct verdict *v)
{
    const struct rp_import_field *f = &im->profile->fields[i];
    size_t k, n = im->columns->n[i];
    bool joined = false;

    *s = "";
    *len = 0;
    rp_buf_reset(&im->scratch);
    for (k = 0; k < n; k++) {
        size_t col = (size_t)im->columns->col[i][k];
        const char *cell;
        size_t cell_len;

        if (col >= row->n_fields)
            continue;
        cell = row->fields[col];
        cell_len = row->lens[col];
        rp_import_trim(&cell, &cell_len);
        if (cell_len == 0)
            continue;
        if (!row->checked && !check_text(im->names[i], cell, cell_len, v))
            return false;
        if (*len == 0) {
            *s = cell;
            *len = cell_len;
            if (f->member->type != RP_MEMBER_TEXT)
                break;
            continue;
        }
        if (!joined) {
            bool fits = rp_buf_add(&im->scratch, *s, *len);
            (void)fits;
            joined = true;
        }
        if (!rp_buf_adds(&im->scratch, ", ") ||
            !rp_buf_add(&im->scratch, cell, cell_len))
            return reject(v, im->names[i], "the joined values are too long");
    }
    if (joined) {
        *s = im->scratch.data;
        *len = im->scratch.len;
    }
    return true;
}

/* Members a record starts with: no time, unset numbers, "" for text. */
static void record_init(const struct rp_import_kind_info *k, union record *rec)
{
    size_t i;

    memset(rec, 0, sizeof(*rec));
    for (i = 0; i < k->n_members; i++) {
        char *member = (char *)rec + k->members[i].offset;
        if (k->members[i].type == RP_MEMBER_TIMESTAMP ||
            k->members[i].type == RP_MEMBER_DATE)
            *(int64_t *)member = RP_TIME_NONE;
        else if (k->members[i].type == RP_MEMBER_NUMBER)
            *(double *)member = k->members[i].unset;
    }
}

static void record_finish(const struct import *im, union record *rec)
{
    const struct rp_import_kind_info *k = im->kind;
    size_t i;

    for (i = 0; i < k->n_members; i++) {
        char **member = (char **)((char *)rec + k->members[i].offset);
        if (k->members[i].type == RP_MEMBER_TEXT && !*member)
            *member = im->empty;
    }
    if (im->profile->kind == RP_IMPORT_TICKETS && !rec->ticket.source_system[0])
        rec->ticket.source_system = im->system;
    if (im->profile->kind == RP_IMPORT_ACCOUNTS && !rec->account.domain[0] &&
        rec->account.website[0])
        rec->account.domain =
            rp_import_url_domain(&im->data->text, rec->account.website,
                                 strlen(rec->account.website));
}

/* The display name of the field filling a member, or the member's. */
static const char *name_of(const struct import *im, const char *member)
{
    size_t i;

    for (i = 0; i < im->profile->n_fields; i++) {
        if (strcmp(im->profile->fields[i].member->name, member) == 0)
            return im->names[i];
    }
    return member;
}

/*
 * A ticket's times must tell a possible story.  An open ticket that has a
 * resolution time is let through: systems keep it when a ticket reopens.
 */
static bool check_ticket(const struct import *im, const struct rp_ticket *t,
                         struct verdict *v)
{
    char a[RP_TIMESTAMP_SIZE], b[RP_TIMESTAMP_SIZE];

    if (t->priority == 0)
        return reject(v, name_of(im, "priority"),
                      "is empty, and the profile '%s' gives no default",
                      im->profile->name);
    if (t->created == RP_TIME_NONE)
        return reject(v, name_of(im, "created"),
                      "is empty, but every ticket needs the time it was "
                      "created");
    if (t->first_response != RP_TIME_NONE && t->first_response < t->created) {
        rp_import_format_timestamp(t->created, b);
        rp_import_format_timestamp(t->first_response, a);
        return reject(v, name_of(im, "first_response"),
                      "'%s' is before %s '%s'", a, name_of(im, "created"), b);
    }
    if (t->resolved != RP_TIME_NONE && t->resolved < t->created) {
        rp_import_format_timestamp(t->created, b);
        rp_import_format_timestamp(t->resolved, a);
        return reject(v, name_of(im, "resolved"), "'%s' is before %s '%s'", a,
                      name_of(im, "created"), b);
    }
    /* A solved or closed ticket without a resolution time is real
     * (closed by a workflow, migrated, merged): it is kept, counted in
     * accept_row and reported once per file; the merge treats its
     * resolution time as unknown. */
    return true;
}

/*
 * An account's id when its export has none (a Salesforce Accounts report
 * without Account ID): made from its name, by the one function that
 * makes such ids (rp_import_id_from_name; why the import and not the
 * merge owns it is said there).  A file that has the id column still
 * needs an id in every row: a name-made id among real ones would change
 * as soon as the row got its id.
 */
static bool account_id(const struct import *im, struct rp_account *a,
                       struct verdict *v)
{
    if (a->id[0])
        return true;
    if (im->id_column)
        return reject(v, name_of(im, "id"),
                      "is empty, but every account needs it (ids are made "
                      "from the account name only for an export without "
                      "the column)");
    if (!a->name[0])
        return reject(v, name_of(im, "name"),
                      "is empty, but the export has no account id column, "
                      "so the account's id is made from its name");
    a->id = rp_import_id_from_name(&im->data->text, a->name, strlen(a->name));
    a->id_from_name = true;
    return true;
}

static bool check_unique(const struct import *im, const union record *rec,
                         struct verdict *v)
{
    const struct rp_import_kind_info *k = im->kind;
    const char *id = *(char *const *)((const char *)rec + k->members[0].offset);
    const char *items, *found;
    char quoted[QUOTE_MAX + 8];
    size_t i, n;

    if (!k->has_id ||
        !rp_import_index_find(&im->index, im->data, im->profile->kind, id, &i))
        return true;
    items = rp_dataset_items(im->data, im->profile->kind, &n);
    found = items + i * k->size;
    /* Two rows of one name in a report without ids are one account,
     * twice: said by the name, which is what the user sees. */
    if (im->profile->kind == RP_IMPORT_ACCOUNTS && rec->account.id_from_name) {
        quote_value(quoted, sizeof(quoted), rec->account.name,
                    strlen(rec->account.name));
        return reject(v, name_of(im, "name"),
                      "%s appears twice; the account (id %s, made from the "
                      "name, as the export has no ids) was already imported "
                      "from %s line %ld",
                      quoted, id,
                      *(const char *const *)(found + k->source_file),
                      *(const long *)(found + k->source_line));
    }
    quote_value(quoted, sizeof(quoted), id, strlen(id));
    return reject(v, name_of(im, k->members[0].name),
                  "%s appears twice; the %s was already "
                  "imported from %s line %ld",
                  quoted, k->noun,
                  *(const char *const *)(found + k->source_file),
                  *(const long *)(found + k->source_line));
}

/* Types a row into rec; on false, v says why and the row's text is gone
 * from the pool again. */
static bool type_row(struct import *im, const struct rp_csv_record *row,
                     union record *rec, struct verdict *v)
{
    const struct rp_import_profile *p = im->profile;
    struct rp_pool_mark text = rp_pool_mark(&im->data->text);
    bool set[MAX_MEMBERS] = {false};
    double minutes[RP_PROFILE_MAX_FIELDS];
    bool has_minutes[RP_PROFILE_MAX_FIELDS] = {false};
    bool ok = check_width(im, row, v);
    size_t i;

    record_init(im->kind, rec);
    for (i = 0; ok && i < p->n_fields; i++) {
        const struct rp_import_field *f = &p->fields[i];
        size_t mi = (size_t)(f->member - im->kind->members);
        const char *s;
        size_t len;

        ok = field_value(im, i, row, &s, &len, v);
        if (!ok)
            break;
        if (len == 0 && (s = default_of(p, f->member)) != NULL)
            len = strlen(s);
        if (len == 0) {
            if (f->need == RP_NEED_VALUE) {
                char want[300];
                expected(im, f->member, want, sizeof(want));
                ok = reject(
                    v, im->names[i], "is empty, but every %s needs it%s%s%s",
                    im->kind->noun,
                    f->member->type == RP_MEMBER_TEXT ? "" : " (expected ",
                    f->member->type == RP_MEMBER_TEXT ? "" : want,
                    f->member->type == RP_MEMBER_TEXT ? "" : ")");
            }
            continue;
        }
        /* Several fields may fill a member: the first value wins, unless
         * the later field appends (First Name + Last Name). */
        if (set[mi] && !f->append)
            continue;
        ok = parse_value(im, f, im->names[i], s, len, rec, &minutes[i], v);
        if (ok && mi == 0 && im->kind->has_id)
            rp_import_index_prefetch(
                &im->index, *(char **)((char *)rec + f->member->offset));
        has_minutes[i] =
            ok && (f->conv == RP_CONV_MINUTES || f->conv == RP_CONV_HOURS);
        set[mi] = ok && !has_minutes[i];
    }
    /* Defaults of members no column fills. */
    for (i = 0; ok && i < p->n_defaults; i++) {
        const struct rp_import_member *m = p->defaults[i].member;
        struct rp_import_field f;
        double unused;

        if (set[m - im->kind->members])
            continue;
        memset(&f, 0, sizeof(f));
        f.member = m;
        ok = parse_value(im, &f, m->name, p->defaults[i].value,
                         strlen(p->defaults[i].value), rec, &unused, v);
    }
    if (ok) {
        record_finish(im, rec);
        for (i = 0; i < p->n_fields; i++) {
            const struct rp_import_member *m = p->fields[i].member;
            int64_t *t = (int64_t *)((char *)rec + m->offset);
            if (has_minutes[i] && *t == RP_TIME_NONE &&
                rec->ticket.created != RP_TIME_NONE)
                *t = rec->ticket.created + (int64_t)(minutes[i] * 60 + 0.5);
        }
    }
    if (ok && p->kind == RP_IMPORT_TICKETS)
        ok = check_ticket(im, &rec->ticket, v);
    if (ok && p->kind == RP_IMPORT_ACCOUNTS)
        ok = account_id(im, &rec->account, v);
    if (ok)
        ok = check_unique(im, rec, v);
    if (!ok)
        rp_pool_rollback(&im->data->text, text);
    return ok;
}

static void accept_row(struct import *im, union record *rec, long line)
{
    const struct rp_import_kind_info *k = im->kind;
    size_t n;

    *(const char **)((char *)rec + k->source_file) = im->source;
    *(long *)((char *)rec + k->source_line) = line;
    rp_dataset_append(im->data, im->profile->kind, rec);
    if (im->profile->kind == RP_IMPORT_TICKETS &&
        rec->ticket.resolved == RP_TIME_NONE &&
        (rec->ticket.status == RP_TICKET_SOLVED ||
         rec->ticket.status == RP_TICKET_CLOSED) &&
        im->stats->closed_no_time++ == 0)
        snprintf(im->stats->closed_no_time_field,
                 sizeof(im->stats->closed_no_time_field), "%s",
                 name_of(im, "resolved"));
    if (k->has_id) {
        rp_dataset_items(im->data, im->profile->kind, &n);
        rp_import_index_add(&im->index, im->data, im->profile->kind, n - 1);
    }
    im->stats->rows_accepted++;
}

static enum rp_status take_header(struct import *im,
                                  const struct rp_csv_record *rec,
                                  struct rp_error *err)
{
    enum rp_status status;
    size_t i;

    im->columns = rp_xcalloc(1, sizeof(*im->columns));
    status =
        rp_import_match_header(rec, im->name, &im->profile, im->columns, err);
    if (status != RP_OK)
        return status;
    im->kind = &rp_import_kinds[im->profile->kind];
    im->header_fields = rp_xcalloc(rec->n_fields, sizeof(char *));
    im->header_lens = rp_xcalloc(rec->n_fields, sizeof(size_t));
    for (i = 0; i < rec->n_fields; i++) {
        im->header_fields[i] = rp_xstrndup(rec->fields[i], rec->lens[i]);
        im->header_lens[i] = rec->lens[i];
    }
    im->header.fields = im->header_fields;
    im->header.lens = im->header_lens;
    im->header.n_fields = rec->n_fields;
    im->header.line = rec->line;
    for (i = 0; i < im->profile->n_fields; i++) {
        const char *s = im->profile->fields[i].names[0];
        size_t len = strlen(s);
        if (im->columns->n[i] > 0) {
            long col = im->columns->col[i][0];
            s = rec->fields[col];
            len = rec->lens[col];
            rp_import_trim(&s, &len);
        }
        im->names[i] = rp_xstrndup(s, len);
    }
    for (i = 0; i < im->profile->n_fields; i++)
        im->id_column |= im->profile->fields[i].member == im->kind->members &&
                         im->columns->n[i] > 0;
    snprintf(im->stats->profile, sizeof(im->stats->profile), "%s",
             im->profile->name);
    im->empty = rp_pool_alloc(&im->data->text, 0);
    im->system = rp_pool_strndup(&im->data->text, im->profile->system,
                                 strlen(im->profile->system));
    if (im->kind->has_id)
        rp_import_index_build(&im->index, im->data, im->profile->kind);
    rp_import_footer_init(&im->footer, im->profile);
    return RP_OK;
}

/* Why the CSV layer set a row aside, for its reject. */
static bool broken_row(const struct rp_csv_record *rec, struct verdict *v)
{
    char lines[64] = "";

    if (rec->last_line > rec->line)
        snprintf(lines, sizeof(lines), " (lines %ld-%ld)", rec->line,
                 rec->last_line);
    if (rec->flaw == RP_CSV_FLAW_TOO_BIG)
        return reject(v, "",
                      "the row%s is longer than %zu bytes or %d fields; "
                      "it was set aside and reading went on at the next "
                      "well-formed row",
                      lines, RP_CSV_MAX_RECORD, RP_CSV_MAX_FIELDS);
    return reject(v, "",
                  "a quote in the row%s is never closed, or text follows "
                  "a closing quote (as in \"abc\"def); the row was set "
                  "aside and reading went on at the next well-formed row",
                  lines);
}

/* Notes a line for a warning that names the first few. */
static void note_line(long *lines, size_t count, long line)
{
    if (count < RP_IMPORT_LINES_NAMED)
        lines[count] = line;
}

/* A row taken with a flaw of the CSV layer: counted for the warnings. */
static void note_flaws(struct import *im, const struct rp_csv_record *rec)
{
    struct rp_import_stats *s = im->stats;
    size_t i;

    if (rec->replaced)
        note_line(s->replaced_lines, s->replaced_rows++, rec->line);
    if (rec->flaw != RP_CSV_FLAW_STRAY_QUOTE)
        return;
    if (s->stray_quotes == 0) {
        for (i = 0; i < rec->n_fields; i++) {
            if (memchr(rec->fields[i], '"', rec->lens[i])) {
                quote_value(s->stray_value, sizeof(s->stray_value),
                            rec->fields[i], rec->lens[i]);
                break;
            }
        }
    }
    note_line(s->stray_lines, s->stray_quotes++, rec->line);
}

static bool is_broken(const struct rp_csv_record *rec)
{
    return rec->flaw == RP_CSV_FLAW_BROKEN_QUOTE ||
           rec->flaw == RP_CSV_FLAW_TOO_BIG;
}

static enum rp_status take_row(void *ctx, const struct rp_csv_record *rec,
                               struct rp_error *err)
{
    struct import *im = ctx;
    struct verdict v;
    union record record;

    im->stats->rows_read++;
    note_flaws(im, rec);
    if (is_broken(rec)) {
        broken_row(rec, &v);
        if (im->stats->rows_broken++ == 0)
            im->stats->first_broken = rec->line;
    } else if (type_row(im, rec, &record, &v)) {
        accept_row(im, &record, rec->line);
        return RP_OK;
    }
    if (im->stats->rows_rejected++ == 0)
        snprintf(im->stats->first_reject, sizeof(im->stats->first_reject),
                 "line %ld: %s", rec->line, v.reason);
    return rp_import_rejects_add(&im->rejects, &im->header, rec, v.field,
                                 v.reason, err);
}

static enum rp_status on_record(void *ctx, const struct rp_csv_record *rec,
                                struct rp_error *err)
{
    struct import *im = ctx;

    if (!im->profile && is_broken(rec))
        return rp_error_set(err, RP_ERR_INPUT, im->name, rec->line, NULL,
                            "the header row is broken: a quote in it is "
                            "never closed, or it is too long; the columns "
                            "cannot be known");
    if (!im->profile)
        return take_header(im, rec, err);
    return rp_import_footer_take(&im->footer, rec, &im->rows, err);
}

static void import_release(struct import *im)
{
    size_t i;

    for (i = 0; i < RP_PROFILE_MAX_FIELDS; i++)
        free(im->names[i]);
    for (i = 0; i < im->header.n_fields; i++)
        free(im->header_fields[i]);
    free(im->header_fields);
    free(im->header_lens);
    free(im->columns);
    rp_buf_release(&im->scratch);
    rp_import_rejects_release(&im->rejects);
    rp_import_index_release(&im->index);
    rp_import_footer_release(&im->footer);
}

/* The import of one file into data, begun: its source named, no row. */
static void import_init(struct import *im, const char *name,
                        const char *rejects_path, struct rp_dataset *data,
                        struct rp_import_stats *stats)
{
    memset(im, 0, sizeof(*im));
    memset(stats, 0, sizeof(*stats));
    im->name = name;
    im->rejects_path = rejects_path;
    im->data = data;
    im->stats = stats;
    rp_dataset_mark(data, &im->before);
    im->source = rp_dataset_add_source(data, name);
    rp_buf_init(&im->scratch, 1 << 20);
    rp_import_rejects_init(&im->rejects, rejects_path);
    rp_import_index_init(&im->index);
    im->rows.row = take_row;
    im->rows.ctx = im;
    stats->delimiter = ',';
}

/* The reader begins the file again (it is Windows-1252 after all): what
 * was made of it so far goes, rejects file and counts too. */
static void on_restart(void *ctx)
{
    struct import *im = ctx;

    import_release(im);
    rp_dataset_rollback(im->data, &im->before);
    import_init(im, im->name, im->rejects_path, im->data, im->stats);
}

/* The common path of a file and a buffer: exactly one of fp, buf is set. */
static enum rp_status import_run(const char *name, FILE *fp, const char *buf,
                                 size_t len, const char *rejects_path,
                                 struct rp_dataset *data,
                                 struct rp_import_stats *stats,
                                 struct rp_error *err)
{
    struct rp_import_stats local;
    struct rp_csv_info info = {RP_CSV_UTF8, ',', 0};
    struct rp_csv_sink sink;
    struct import im;
    enum rp_status status;

    if (!stats)
        stats = &local;
    import_init(&im, name, rejects_path, data, stats);
    sink.record = on_record;
    sink.ctx = &im;
    sink.info = &info;
    sink.restart = on_restart;

    if (fp)
        status = rp_csv_read_stream(fp, name, sink, err);
    else
        status = rp_csv_read_buffer(buf, len, name, sink, err);
    snprintf(stats->encoding, sizeof(stats->encoding), "%s",
             rp_csv_encoding_name(info.encoding));
    stats->converted =
        info.encoding != RP_CSV_UTF8 && info.encoding != RP_CSV_UTF8_BOM;
    stats->delimiter = info.delimiter;
    stats->replaced = info.replaced;
    if (status != RP_OK)
        goto out;
    if (!im.profile) {
        status = rp_import_error_no_header(name, err);
        goto out;
    }
    status =
        rp_import_footer_finish(&im.footer, &im.rows, &stats->rows_footer, err);
    if (status != RP_OK)
        goto out;
    stats->rows_read += stats->rows_footer;
    status = rp_import_rejects_commit(&im.rejects, err);
    if (status != RP_OK)
        goto out;
    if (im.rejects.count && rejects_path)
        snprintf(stats->rejects_path, sizeof(stats->rejects_path), "%s",
                 rejects_path);
out:
    if (status != RP_OK)
        rp_dataset_rollback(data, &im.before);
    import_release(&im);
    return status;
}

enum rp_status rp_import_file(const char *path, const char *rejects_dir,
                              struct rp_dataset *data,
                              struct rp_import_stats *stats,
                              struct rp_error *err)
{
    char *rejects_path = NULL;
    enum rp_status status;
    FILE *fp = fopen(path, "rb");

    if (!fp) {
        if (stats)
            memset(stats, 0, sizeof(*stats));
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "cannot open the file: %s", strerror(errno));
    }
    rejects_path = rp_import_rejects_path(path, rejects_dir);
    status = import_run(path, fp, NULL, 0, rejects_path, data, stats, err);
    fclose(fp);
    free(rejects_path);
    return status;
}

enum rp_status rp_import_buffer(const char *name, const char *buf, size_t len,
                                const char *rejects_dir,
                                struct rp_dataset *data,
                                struct rp_import_stats *stats,
                                struct rp_error *err)
{
    char *rejects_path = NULL;
    enum rp_status status;

    if (rejects_dir)
        rejects_path = rp_import_rejects_path(name, rejects_dir);
    status = import_run(name, NULL, buf, len, rejects_path, data, stats, err);
    free(rejects_path);
    return status;
}

bool rp_import_is_rejects_file(const char *path)
{
    static const char suffix[] = ".rejects.csv";
    size_t len = strlen(path), n = sizeof(suffix) - 1;

    return len >= n && strcasecmp(path + len - n, suffix) == 0;
}

static const char *delimiter_name(char c)
{
    switch (c) {
    case '\t':
        return "tab";
    case ';':
        return "';'";
    case '|':
        return "'|'";
    default:
        return "','";
    }
}

/* "4, 9 and 12" of the first lines noted, "(and N more)" past them. */
static void join_lines(char *out, size_t size, const long *lines, size_t count)
{
    size_t n = count < RP_IMPORT_LINES_NAMED ? count : RP_IMPORT_LINES_NAMED;
    size_t i, used = 0;

    out[0] = '\0';
    for (i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%ld",
                                 i == 0                   ? ""
                                 : i + 1 < n || count > n ? ", "
                                                          : " and ",
                                 lines[i]);
    if (count > n && used < size)
        snprintf(out + used, size - used, " (and %zu more)", count - n);
}

void rp_import_log_stats(const char *path, const struct rp_import_stats *s)
{
    char footer[64] = "";

    if (s->rows_footer)
        snprintf(footer, sizeof(footer), " + %zu footer line%s (skipped)",
                 s->rows_footer, s->rows_footer == 1 ? "" : "s");
    rp_log_info("import: %s: recognised as %s (%s%s, %s-separated), %zu rows "
                "read = %zu accepted + %zu rejected%s%s%s",
                path, s->profile, s->encoding,
                s->converted ? ", converted to UTF-8 with iconv" : "",
                delimiter_name(s->delimiter), s->rows_read, s->rows_accepted,
                s->rows_rejected, footer, s->rows_rejected ? " -> " : "",
                s->rejects_path);
    if (s->rows_rejected)
        rp_log_warn("%s: %s%s", path, s->first_reject,
                    s->rows_rejected > 1 ? " (and more: see the rejects file)"
                                         : "");
    if (s->closed_no_time)
        rp_log_warn("%s: %zu solved or closed ticket%s an empty '%s': "
                    "imported as closed with an unknown resolution time "
                    "(left out of resolution times; no SLA verdict guessed)",
                    path, s->closed_no_time,
                    s->closed_no_time == 1 ? " has" : "s have",
                    s->closed_no_time_field);
    if (s->rows_broken > 1 || (s->rows_broken && s->rows_rejected > 1))
        rp_log_warn("%s: %zu rows were set aside for their quoting or "
                    "length, the first on line %ld; every other row was "
                    "read (see the rejects file)",
                    path, s->rows_broken, s->first_broken);
    if (s->stray_quotes) {
        char lines[RP_IMPORT_LINES_NAMED * 24];
        join_lines(lines, sizeof(lines), s->stray_lines, s->stray_quotes);
        rp_log_warn("%s: %zu row%s a quote inside a quoted field that is "
                    "not doubled; it was kept as text, as in %s on line %s",
                    path, s->stray_quotes,
                    s->stray_quotes == 1 ? " holds" : "s hold", s->stray_value,
                    lines);
    }
    if (s->replaced_rows) {
        char lines[RP_IMPORT_LINES_NAMED * 24];
        join_lines(lines, sizeof(lines), s->replaced_lines, s->replaced_rows);
        rp_log_warn("%s: %zu invalid UTF-8 sequence%s in an otherwise UTF-8 "
                    "file became U+FFFD, in %zu row%s: line %s",
                    path, s->replaced, s->replaced == 1 ? "" : "s",
                    s->replaced_rows, s->replaced_rows == 1 ? "" : "s", lines);
    } else if (s->replaced) {
        rp_log_warn("%s: %zu byte sequence%s could not be read as %s and "
                    "became U+FFFD",
                    path, s->replaced, s->replaced == 1 ? "" : "s",
                    s->encoding);
    }
}
