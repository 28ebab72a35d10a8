/*
 * Source profiles: which columns an export has and what each becomes.  A
 * new export format is a new file under pipeline/import/profiles/, not new
 * code; the format is documented in docs/import-profiles.md.  A profile
 * file is outside input like any other, so its parser checks everything
 * and caps every size; a mistake is an RP_ERR_INPUT naming file and line.
 *
 * The canonical record files (what `reportpipe import -o` writes) have
 * profiles built from the member tables of records.c, so they are always
 * known, with or without a profiles directory.
 */
#include "import/internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/mem.h"

/* s[0..len) equals name, ignoring ASCII case and surrounding spaces. */
static bool same_name(const char *s, size_t len, const char *name)
{
    rp_import_trim(&s, &len);
    return rp_import_equals_word(s, len, name);
}

void rp_import_profile_free(struct rp_import_profile *p)
{
    size_t i, k;

    if (!p)
        return;
    free(p->name);
    free(p->system);
    free(p->path);
    for (i = 0; i < p->n_fields; i++) {
        for (k = 0; k < p->fields[i].n_names; k++)
            free(p->fields[i].names[k]);
    }
    for (i = 0; i < p->n_timestamps; i++)
        free(p->timestamps[i]);
    for (i = 0; i < p->n_dates; i++)
        free(p->dates[i]);
    for (i = 0; i < p->n_maps; i++) {
        free(p->maps[i].from);
        free(p->maps[i].to);
    }
    for (i = 0; i < p->n_defaults; i++)
        free(p->defaults[i].value);
    for (i = 0; i < p->n_footers; i++)
        free(p->footers[i]);
    rp_import_zone_release(&p->zone);
    free(p);
}

static struct rp_import_profile *profile_new(const char *path)
{
    struct rp_import_profile *p = rp_xcalloc(1, sizeof(*p));

    p->path = rp_xstrdup(path);
    p->group = ',';
    p->decimal = '.';
    p->kind = RP_IMPORT_KIND_COUNT; /* not yet said */
    rp_import_zone_init(&p->zone);
    return p;
}

/* ---- the canonical profiles ---------------------------------------------- */

static const char *const iso_timestamps[] = {
    "YYYY-MM-DDThh:mm:ssZ",
    "YYYY-MM-DD hh:mm:ssZ",
    "YYYY-MM-DDThh:mmZ",
    "YYYY-MM-DD hh:mmZ",
};

struct rp_import_profile *rp_import_canonical_new(enum rp_import_kind kind)
{
    const struct rp_import_kind_info *k = &rp_import_kinds[kind];
    struct rp_import_profile *p = profile_new("built in");
    char name[64];
    size_t i;

    snprintf(name, sizeof(name), "canonical-%.*s",
             (int)(strlen(k->records_file) - 4), k->records_file);
    p->name = rp_xstrdup(name);
    p->system = rp_xstrdup("");
    p->kind = kind;
    for (i = 0; i < k->n_members; i++) {
        struct rp_import_field *f = &p->fields[p->n_fields++];
        f->member = &k->members[i];
        f->names[f->n_names++] = rp_xstrdup(k->members[i].column);
        f->need = k->members[i].need;
        /* What older record files and hand-made ones write: a name. */
        if (kind == RP_IMPORT_ACCOUNTS &&
            strcmp(k->members[i].name, "country") == 0)
            f->conv = RP_CONV_COUNTRY;
    }
    for (i = 0; i < sizeof(iso_timestamps) / sizeof(iso_timestamps[0]); i++)
        p->timestamps[p->n_timestamps++] = rp_xstrdup(iso_timestamps[i]);
    p->dates[p->n_dates++] = rp_xstrdup("YYYY-MM-DD");
    p->group = 0;
    p->zone_set = true; /* written by us, in UTC: no zone applies */
    return p;
}

/* ---- parsing a profile file ---------------------------------------------- */

struct parser {
    const char *path;
    long line;
    struct rp_import_profile *p;
    struct rp_error *err;
};

static enum rp_status bad(struct parser *ps, const char *fmt, ...)
    RP_PRINTF(2, 3);

static enum rp_status bad(struct parser *ps, const char *fmt, ...)
{
    char msg[600];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return rp_error_set(ps->err, RP_ERR_INPUT, ps->path, ps->line, NULL,
                        "in this profile: %s", msg);
}

/* The next word of s (up to a space); advances s. */
static void next_word(const char **s, size_t *len, const char **word,
                      size_t *wlen)
{
    rp_import_trim(s, len);
    *word = *s;
    *wlen = 0;
    while (*wlen < *len && !rp_import_is_space((*s)[*wlen]))
        (*wlen)++;
    *s += *wlen;
    *len -= *wlen;
    rp_import_trim(s, len);
}

static bool word_is(const char *w, size_t n, const char *s)
{
    return strlen(s) == n && memcmp(w, s, n) == 0;
}

static enum rp_status take_text(struct parser *ps, const char *s, size_t len,
                                const char *what, char **out)
{
    size_t pos;
    bool control;

    rp_import_trim(&s, &len);
    if (len == 0)
        return bad(ps, "%s is empty", what);
    if (len > RP_PROFILE_MAX_TEXT)
        return bad(ps, "%s is longer than %d bytes", what, RP_PROFILE_MAX_TEXT);
    if (!rp_import_check_text(s, len, &pos, &control) || memchr(s, '\n', len) ||
        memchr(s, '\r', len))
        return bad(ps, "%s is not text (bad UTF-8 or a control character)",
                   what);
    *out = rp_xstrndup(s, len);
    return RP_OK;
}

static enum rp_status take_formats(struct parser *ps, const char *s, size_t len,
                                   char **list, size_t *n)
{
    enum rp_status status;

    while (len) {
        const char *bar = memchr(s, '|', len);
        size_t piece = bar ? (size_t)(bar - s) : len;

        if (*n == RP_PROFILE_MAX_FORMATS)
            return bad(ps, "more than %d formats", RP_PROFILE_MAX_FORMATS);
        status = take_text(ps, s, piece, "a format", &list[*n]);
        if (status != RP_OK)
            return status;
        if (!rp_import_time_format_valid(list[*n])) {
            status = bad(ps,
                         "the format '%s' has no year, month and day "
                         "(YYYY or YY, MM or MMM, DD)",
                         list[*n]);
            free(list[*n]);
            return status;
        }
        (*n)++;
        s += piece;
        len -= piece;
        if (bar) {
            s++;
            len--;
        }
    }
    return RP_OK;
}

static enum rp_status take_zone(struct parser *ps, const char *s, size_t len)
{
    if (ps->p->zone_set)
        return bad(ps, "the zone is said twice");
    rp_import_trim(&s, &len);
    if (!rp_import_zone_parse(s, len, &ps->p->zone))
        return bad(ps,
                   "'%.*s' is not a zone: UTC, +hh:mm / -hh:mm, or a name "
                   "of the tz database such as Europe/Berlin",
                   (int)(len > 60 ? 60 : len), s);
    ps->p->zone_set = true;
    return RP_OK;
}

/* "1,234.56", "1.234,56", "1 234,56", "1234.56": the decimal character
 * is the last non-digit, the group character the one before it. */
static enum rp_status take_number(struct parser *ps, const char *s, size_t len)
{
    char seps[2] = {0, 0};
    size_t i, n = 0;

    rp_import_trim(&s, &len);
    for (i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            continue;
        if (n == 2 ||
            (s[i] != ',' && s[i] != '.' && s[i] != ' ' && s[i] != '\''))
            return bad(ps, "a number format is an example such as "
                           "1,234.56 or 1.234,56");
        if (n == 0 || seps[n - 1] != s[i])
            seps[n++] = s[i];
    }
    if (n == 0 || (n == 2 && seps[0] == seps[1]) ||
        (seps[n - 1] != ',' && seps[n - 1] != '.'))
        return bad(ps, "a number format is an example with decimals, such "
                       "as 1,234.56 or 1.234,56");
    ps->p->decimal = seps[n - 1];
    ps->p->group = n == 2 ? seps[0] : 0;
    return RP_OK;
}

static enum rp_status find_member(struct parser *ps, const char *w, size_t n,
                                  const struct rp_import_member **out)
{
    const struct rp_import_kind_info *k;
    size_t i;
    struct rp_buf list;
    enum rp_status status;

    if (ps->p->kind == RP_IMPORT_KIND_COUNT)
        return bad(ps, "say the record kind ('record ticket', ...) before "
                       "fields, maps and defaults");
    k = &rp_import_kinds[ps->p->kind];
    *out = rp_import_find_member(k, w, n);
    if (*out)
        return RP_OK;
    rp_buf_init(&list, 700);
    for (i = 0; i < k->n_members; i++) {
        if ((i && !rp_buf_adds(&list, ", ")) ||
            !rp_buf_adds(&list, k->members[i].name))
            break;
    }
    status = bad(ps, "a %s has no member '%.*s' (it has: %s)", k->name,
                 (int)(n > 60 ? 60 : n), w, list.data ? list.data : "");
    rp_buf_release(&list);
    return status;
}

/* Whether value is a valid canonical value of the member. */
static bool valid_value(const struct rp_import_member *m, const char *v,
                        int *out)
{
    *out = 0;
    if (m->type == RP_MEMBER_TEXT || m->type == RP_MEMBER_TIMESTAMP ||
        m->type == RP_MEMBER_DATE || m->type == RP_MEMBER_NUMBER)
        return true;
    return rp_import_parse_enum(m, v, strlen(v), out);
}

static enum rp_status take_field(struct parser *ps, const char *s, size_t len)
{
    struct rp_import_profile *p = ps->p;
    const char *colon = memchr(s, ':', len);
    const char *w, *names;
    size_t n, names_len, opts_len;
    struct rp_import_field *f;
    enum rp_status status;

    if (!colon)
        return bad(ps, "a field is 'field MEMBER [OPTIONS] : Header | "
                       "Other header'");
    if (p->n_fields == RP_PROFILE_MAX_FIELDS)
        return bad(ps, "more than %d fields", RP_PROFILE_MAX_FIELDS);
    names = colon + 1;
    names_len = len - (size_t)(names - s);
    opts_len = (size_t)(colon - s);
    next_word(&s, &opts_len, &w, &n);
    f = &p->fields[p->n_fields];
    memset(f, 0, sizeof(*f));
    status = find_member(ps, w, n, &f->member);
    if (status != RP_OK)
        return status;
    while (opts_len) {
        bool text = f->member->type == RP_MEMBER_TEXT;
        bool ticket_time = f->member->type == RP_MEMBER_TIMESTAMP &&
                           p->kind == RP_IMPORT_TICKETS &&
                           strcmp(f->member->name, "created") != 0;

        next_word(&s, &opts_len, &w, &n);
        if (word_is(w, n, "required"))
            f->need = RP_NEED_VALUE;
        else if (word_is(w, n, "column"))
            f->need = RP_NEED_COLUMN;
        else if (word_is(w, n, "optional"))
            f->need = RP_NEED_OPTIONAL;
        else if (word_is(w, n, "append") && text)
            f->append = true;
        else if (word_is(w, n, "email-domain") && text)
            f->conv = RP_CONV_EMAIL_DOMAIN;
        else if (word_is(w, n, "url-domain") && text)
            f->conv = RP_CONV_URL_DOMAIN;
        else if (word_is(w, n, "country") && text)
            f->conv = RP_CONV_COUNTRY;
        else if (word_is(w, n, "lower") && text)
            f->conv = RP_CONV_LOWER;
        else if (word_is(w, n, "minutes-after-created") && ticket_time)
            f->conv = RP_CONV_MINUTES;
        else if (word_is(w, n, "hours-after-created") && ticket_time)
            f->conv = RP_CONV_HOURS;
        else
            return bad(ps,
                       "'%.*s' is not an option of the member '%s' "
                       "(required, column, optional; for text: append, "
                       "email-domain, url-domain, country, lower; for ticket "
                       "times: minutes-after-created, hours-after-created)",
                       (int)(n > 60 ? 60 : n), w, f->member->name);
    }
    while (names_len) {
        const char *bar = memchr(names, '|', names_len);
        size_t piece = bar ? (size_t)(bar - names) : names_len;

        if (f->n_names == RP_FIELD_MAX_NAMES) {
            status = bad(ps, "more than %d header names for one field",
                         RP_FIELD_MAX_NAMES);
            goto out;
        }
        status =
            take_text(ps, names, piece, "a header name", &f->names[f->n_names]);
        if (status != RP_OK)
            goto out;
        f->n_names++;
        names += piece;
        names_len -= piece;
        if (bar) {
            names++;
            names_len--;
        }
    }
    if (f->n_names == 0) {
        status = bad(ps, "a field needs at least one header name");
        goto out;
    }
    p->n_fields++;
    return RP_OK;
out:
    while (f->n_names)
        free(f->names[--f->n_names]);
    return status;
}

/* "map MEMBER value as exported = canonical value" */
static enum rp_status take_map(struct parser *ps, const char *s, size_t len)
{
    struct rp_import_profile *p = ps->p;
    const char *start = s, *eq = memchr(s, '=', len), *w;
    size_t n, left;
    struct rp_import_map *m;
    enum rp_status status;

    if (!eq)
        return bad(ps, "a map is 'map MEMBER Value as exported = canonical'");
    if (p->n_maps == RP_PROFILE_MAX_MAPS)
        return bad(ps, "more than %d maps", RP_PROFILE_MAX_MAPS);
    m = &p->maps[p->n_maps];
    left = (size_t)(eq - s);
    next_word(&s, &left, &w, &n);
    status = find_member(ps, w, n, &m->member);
    if (status != RP_OK)
        return status;
    status = take_text(ps, s, left, "the exported value", &m->from);
    if (status != RP_OK)
        return status;
    m->from_len = strlen(m->from);
    status = take_text(ps, eq + 1, len - (size_t)(eq + 1 - start),
                       "the canonical value", &m->to);
    if (status != RP_OK) {
        free(m->from);
        return status;
    }
    if (!valid_value(m->member, m->to, &m->value)) {
        status = bad(ps, "'%s' is not a value of the member '%s'", m->to,
                     m->member->name);
        free(m->from);
        free(m->to);
        return status;
    }
    p->n_maps++;
    return RP_OK;
}

static enum rp_status take_default(struct parser *ps, const char *s, size_t len)
{
    struct rp_import_profile *p = ps->p;
    struct rp_import_default *d;
    const char *w;
    size_t n;
    enum rp_status status;

    if (p->n_defaults == RP_PROFILE_MAX_DEFAULTS)
        return bad(ps, "more than %d defaults", RP_PROFILE_MAX_DEFAULTS);
    d = &p->defaults[p->n_defaults];
    next_word(&s, &len, &w, &n);
    status = find_member(ps, w, n, &d->member);
    if (status != RP_OK)
        return status;
    status = take_text(ps, s, len, "the default value", &d->value);
    if (status != RP_OK)
        return status;
    p->n_defaults++;
    return RP_OK;
}

/* "footer Copyright (c)": how a line of the export's footer begins. */
static enum rp_status take_footer(struct parser *ps, const char *s, size_t len)
{
    struct rp_import_profile *p = ps->p;
    enum rp_status status;

    if (p->n_footers == RP_PROFILE_MAX_FOOTERS)
        return bad(ps, "more than %d footer lines", RP_PROFILE_MAX_FOOTERS);
    status = take_text(ps, s, len, "a footer line", &p->footers[p->n_footers]);
    if (status == RP_OK)
        p->n_footers++;
    return status;
}

static enum rp_status take_name(struct parser *ps, const char *s, size_t len,
                                char **out)
{
    size_t i;

    rp_import_trim(&s, &len);
    if (*out)
        return bad(ps, "said twice");
    if (len == 0 || len > 63)
        return bad(ps, "a name is 1 to 63 characters");
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            return bad(ps, "a name is letters, digits, '-', '_' and '.'");
    }
    *out = rp_xstrndup(s, len);
    return RP_OK;
}

static enum rp_status take_line(struct parser *ps, const char *s, size_t len)
{
    struct rp_import_profile *p = ps->p;
    const char *w;
    size_t n, k;

    next_word(&s, &len, &w, &n);
    if (word_is(w, n, "profile"))
        return take_name(ps, s, len, &p->name);
    if (word_is(w, n, "system"))
        return take_name(ps, s, len, &p->system);
    if (word_is(w, n, "record")) {
        if (p->kind != RP_IMPORT_KIND_COUNT)
            return bad(ps, "the record kind is said twice");
        for (k = 0; k < RP_IMPORT_KIND_COUNT; k++) {
            if (same_name(s, len, rp_import_kinds[k].name)) {
                p->kind = (enum rp_import_kind)k;
                return RP_OK;
            }
        }
        return bad(ps, "the record kind is one of account, ticket, contact, "
                       "opportunity, project, milestone, risk, role, user");
    }
    if (word_is(w, n, "timestamp"))
        return take_formats(ps, s, len, p->timestamps, &p->n_timestamps);
    if (word_is(w, n, "date"))
        return take_formats(ps, s, len, p->dates, &p->n_dates);
    if (word_is(w, n, "zone"))
        return take_zone(ps, s, len);
    if (word_is(w, n, "number"))
        return take_number(ps, s, len);
    if (word_is(w, n, "field"))
        return take_field(ps, s, len);
    if (word_is(w, n, "map"))
        return take_map(ps, s, len);
    if (word_is(w, n, "default"))
        return take_default(ps, s, len);
    if (word_is(w, n, "footer"))
        return take_footer(ps, s, len);
    return bad(ps,
               "'%.*s' is not a directive (profile, record, system, "
               "timestamp, date, zone, number, field, map, default, footer)",
               (int)(n > 40 ? 40 : n), w);
}

/* What a whole profile must have, and what fits together. */
static enum rp_status check_profile(struct parser *ps)
{
    struct rp_import_profile *p = ps->p;
    size_t i;
    bool needed = false;

    if (!p->name)
        return bad(ps, "the profile has no name ('profile NAME')");
    if (p->kind == RP_IMPORT_KIND_COUNT)
        return bad(ps, "the profile does not say its record kind");
    if (p->n_fields == 0)
        return bad(ps, "the profile has no fields");
    for (i = 0; i < p->n_fields; i++)
        needed |= p->fields[i].need != RP_NEED_OPTIONAL;
    if (!needed)
        return bad(ps, "no field is required, so any header would match "
                       "(mark the columns that identify the export "
                       "'required' or 'column')");
    if (!p->system)
        p->system = rp_xstrndup(p->name, strcspn(p->name, "-"));
    if (p->n_timestamps == 0) {
        for (i = 0; i < sizeof(iso_timestamps) / sizeof(iso_timestamps[0]); i++)
            p->timestamps[p->n_timestamps++] = rp_xstrdup(iso_timestamps[i]);
    }
    if (p->n_dates == 0)
        p->dates[p->n_dates++] = rp_xstrdup("YYYY-MM-DD");
    return RP_OK;
}

enum rp_status rp_import_profile_parse(const char *path, const char *text,
                                       size_t len,
                                       struct rp_import_profile **out,
                                       struct rp_error *err)
{
    struct parser ps = {path, 0, NULL, err};
    enum rp_status status = RP_OK;
    size_t pos = 0;

    *out = NULL;
    if (len > RP_PROFILE_MAX_SIZE)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "a profile is at most %zu bytes",
                            RP_PROFILE_MAX_SIZE);
    ps.p = profile_new(path);
    while (pos < len && status == RP_OK) {
        const char *line = text + pos, *end = memchr(line, '\n', len - pos);
        size_t n = end ? (size_t)(end - line) : len - pos;
        const char *s = line;
        size_t slen = n;

        ps.line++;
        pos += n + (end != NULL);
        rp_import_trim(&s, &slen);
        if (slen == 0 || s[0] == '#')
            continue;
        if (memchr(s, '\0', slen))
            status = bad(&ps, "the line holds a NUL byte");
        else
            status = take_line(&ps, s, slen);
    }
    if (status == RP_OK)
        status = check_profile(&ps);
    if (status != RP_OK) {
        rp_import_profile_free(ps.p);
        return status;
    }
    *out = ps.p;
    return RP_OK;
}
