/*
 * A starting profile for an export no profile recognises (reportpipe
 * import --suggest-profile FILE).  The header's columns are compared, by
 * name, with the column names of every known profile; the kind of record
 * whose fields explain the header best is chosen, each of its members gets
 * the most similar column whose sampled values fit the member's type, and
 * the time and number formats are the ones that read every sampled value.
 * What could not be decided is said in comments, so the user edits the
 * file and passes it with --profile.  Nothing here is used by an import.
 */
#include "import/internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mem.h"

/* Rows read for samples: enough to see formats, cheap on a big export. */
#define SAMPLE_ROWS 200
#define MAX_DISTINCT 24 /* enumeration values listed per column */
#define MIN_SCORE 0.5   /* name similarity below this is no match */
#define NORM_MAX 128

struct column {
    char *name;          /* trimmed, as the header spells it */
    char **values;       /* non-empty sampled values */
    size_t n_values;     /* at most SAMPLE_ROWS */
    size_t n_empty;      /* sampled rows where the cell was empty */
    bool repeated;       /* an earlier column has the same name */
    int member;          /* index of the member it fills, or -1 */
    double score;        /* similarity to that member's names */
    const char *like;    /* the known column name it resembles */
    const char *like_in; /* and the profile that has it */
};

struct sample {
    struct column *cols;
    size_t n_cols;
    size_t rows;
    bool have_header;
};

/* Letters and digits of a name, lower case: "Created at" -> "createdat". */
static size_t normalise(const char *s, char out[NORM_MAX])
{
    size_t n = 0;

    for (; *s && n < NORM_MAX - 1; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80)
            out[n++] = (char)c;
        else if (c >= 'A' && c <= 'Z')
            out[n++] = (char)(c - 'A' + 'a');
    }
    out[n] = '\0';
    return n;
}

/*
 * Similarity of two column names, 0..1: 1 when they are the same letters
 * and digits, else the Dice coefficient of their letter pairs, which
 * rewards shared words whatever their order ("Date Opened", "Opened").
 */
static double similarity(const char *a, const char *b)
{
    char x[NORM_MAX], y[NORM_MAX];
    size_t nx = normalise(a, x), ny = normalise(b, y), i, j, common = 0;
    bool used[NORM_MAX] = {false};

    if (nx == 0 || ny == 0)
        return 0;
    if (strcmp(x, y) == 0)
        return 1;
    if (nx < 2 || ny < 2)
        return 0;
    for (i = 0; i + 1 < nx; i++) {
        for (j = 0; j + 1 < ny; j++) {
            if (!used[j] && x[i] == y[j] && x[i + 1] == y[j + 1]) {
                used[j] = true;
                common++;
                break;
            }
        }
    }
    /* Never quite a match by letter pairs alone: an exact name wins. */
    return 0.99 * (double)(2 * common) / (double)((nx - 1) + (ny - 1));
}

static enum rp_status on_record(void *ctx, const struct rp_csv_record *rec,
                                struct rp_error *err)
{
    struct sample *s = ctx;
    size_t i, j;

    if (!s->have_header) {
        s->have_header = true;
        s->n_cols = rec->n_fields;
        s->cols = rp_xcalloc(rec->n_fields + 1, sizeof(*s->cols));
        for (i = 0; i < rec->n_fields; i++) {
            const char *f = rec->fields[i];
            size_t len = rec->lens[i];
            rp_import_trim(&f, &len);
            s->cols[i].name = rp_xstrndup(f, len);
            s->cols[i].values = rp_xcalloc(SAMPLE_ROWS, sizeof(char *));
            s->cols[i].member = -1;
            for (j = 0; j < i; j++) {
                if (strcasecmp(s->cols[j].name, s->cols[i].name) == 0)
                    s->cols[i].repeated = true;
            }
        }
        return RP_OK;
    }
    if (s->rows == SAMPLE_ROWS)
        /* Enough: stop the reader (the caller knows this is no error). */
        return rp_error_set(err, RP_ERR_INPUT, NULL, 0, NULL, "sampled");
    s->rows++;
    for (i = 0; i < s->n_cols; i++) {
        const char *f = i < rec->n_fields ? rec->fields[i] : "";
        size_t len = i < rec->n_fields ? rec->lens[i] : 0;
        struct column *c = &s->cols[i];
        rp_import_trim(&f, &len);
        if (len == 0)
            c->n_empty++;
        else
            c->values[c->n_values++] = rp_xstrndup(f, len);
    }
    return RP_OK;
}

static void sample_release(struct sample *s)
{
    size_t i, j;

    for (i = 0; i < s->n_cols; i++) {
        for (j = 0; j < s->cols[i].n_values; j++)
            free(s->cols[i].values[j]);
        free(s->cols[i].values);
        free(s->cols[i].name);
    }
    free(s->cols);
}

/* The export is read again from its start, as Windows-1252. */
static void sample_restart(void *ctx)
{
    struct sample *s = ctx;

    sample_release(s);
    memset(s, 0, sizeof(*s));
}

/* ---- formats ---- */

/* Formats tried on time values, beyond those the profiles name. */
static const char *const extra_formats[] = {
    "YYYY-MM-DDThh:mm:ssZ", "YYYY-MM-DD hh:mm:ss Z",
    "YYYY-MM-DD hh:mm Z",   "MM/DD/YYYY hh:mm AM",
    "MM/DD/YYYY hh:mm",     "DD/MM/YYYY hh:mm",
    "DD.MM.YYYY hh:mm",     "DD.MM.YYYY hh:mm:ss",
    "DD/MMM/YY h:mm AM",    "YYYY-MM-DD",
    "MM/DD/YYYY",           "DD/MM/YYYY",
    "DD.MM.YYYY",           "DD/MMM/YY",
};

struct formats {
    const char *list[64];
    size_t n;
};

static void formats_add(struct formats *f, const char *format)
{
    size_t i;

    for (i = 0; i < f->n; i++) {
        if (strcmp(f->list[i], format) == 0)
            return;
    }
    if (f->n < sizeof(f->list) / sizeof(f->list[0]))
        f->list[f->n++] = format;
}

/* Every time and date format of the known profiles, then ours. */
static void formats_known(const struct rp_import_profile *const *all,
                          size_t n_all, struct formats *f)
{
    size_t p, i;

    memset(f, 0, sizeof(*f));
    for (p = 0; p < n_all; p++) {
        for (i = 0; i < all[p]->n_timestamps; i++)
            formats_add(f, all[p]->timestamps[i]);
        for (i = 0; i < all[p]->n_dates; i++)
            formats_add(f, all[p]->dates[i]);
    }
    for (i = 0; i < sizeof(extra_formats) / sizeof(extra_formats[0]); i++)
        formats_add(f, extra_formats[i]);
}

static bool parses(const char *format, const char *value)
{
    bool has_time;
    int64_t t;

    return rp_import_parse_time_format(format, value, strlen(value), 0, &t,
                                       &has_time);
}

/*
 * Formats that together read every value of the column (an export may mix
 * two, as Zendesk's does): the one reading most values first, then the
 * one reading most of the rest, ...  Returns how many, 0 when some value
 * reads in none.  *other, when not NULL, receives a format that reads all
 * the values the first one reads but differs from it (3/4/2026 as March
 * or as April), or NULL.
 */
static size_t formats_for(const struct formats *known, const struct column *c,
                          const char **out, size_t max, const char **other)
{
    bool *done = rp_xcalloc(c->n_values + 1, sizeof(bool));
    size_t n = 0, left = c->n_values, i, k;

    if (other)
        *other = NULL;
    while (left > 0 && n < max) {
        size_t best = 0, best_k = 0;
        for (k = 0; k < known->n; k++) {
            size_t hits = 0;
            for (i = 0; i < c->n_values; i++)
                hits += !done[i] && parses(known->list[k], c->values[i]);
            if (hits > best) {
                best = hits;
                best_k = k;
            } else if (n == 0 && other && hits == best && hits > 0 && !*other)
                *other = known->list[k];
        }
        if (best == 0)
            break;
        out[n++] = known->list[best_k];
        for (i = 0; i < c->n_values; i++)
            done[i] = done[i] || parses(known->list[best_k], c->values[i]);
        left -= best;
    }
    free(done);
    return left == 0 ? n : 0;
}

/* Number formats by example, as the profile's "number" line takes them. */
static const struct {
    const char *example;
    char group, decimal;
} numbers[] = {
    {"1,234.56", ',', '.'},
    {"1.234,56", '.', ','},
    {"1 234,56", ' ', ','},
    {"1234.56", 0, '.'},
};

static bool reads_numbers(const struct column *c, size_t k)
{
    size_t i;
    double d;

    for (i = 0; i < c->n_values; i++) {
        if (!rp_import_parse_number(c->values[i], strlen(c->values[i]),
                                    numbers[k].group, numbers[k].decimal, &d))
            return false;
    }
    return true;
}

/* Whether a column's values can be the member's type at all. */
static const struct rp_import_map *
known_map(const struct rp_import_profile *const *all, size_t n_all,
          const struct rp_import_member *m, const char *value);

/*
 * Whether a column's values can be the member's type at all.  An
 * enumeration needs most values known (canonical or mapped by a profile):
 * the rest get a map line to fill in.
 */
static bool fits(const struct rp_import_profile *const *all, size_t n_all,
                 const struct rp_import_member *m, const struct column *c,
                 const struct formats *known)
{
    const char *list[RP_PROFILE_MAX_FORMATS];
    size_t k, good = 0;
    int value;

    if (c->n_values == 0)
        return true;
    switch (m->type) {
    case RP_MEMBER_TIMESTAMP:
    case RP_MEMBER_DATE:
        return formats_for(known, c, list, RP_PROFILE_MAX_FORMATS, NULL) > 0;
    case RP_MEMBER_NUMBER:
        for (k = 0; k < sizeof(numbers) / sizeof(numbers[0]); k++) {
            if (reads_numbers(c, k))
                return true;
        }
        return false;
    case RP_MEMBER_TEXT:
        return true;
    default:
        for (k = 0; k < c->n_values; k++)
            good += rp_import_parse_enum(m, c->values[k], strlen(c->values[k]),
                                         &value) ||
                    known_map(all, n_all, m, c->values[k]);
        return 2 * good >= c->n_values;
    }
}

/* ---- matching ---- */

/* The best score of column c against the field names of profiles of kind
 * for member m (m NULL: any member); like/like_in say where it was seen. */
static double best_for(const struct rp_import_profile *const *all, size_t n_all,
                       enum rp_import_kind kind,
                       const struct rp_import_member *m, const char *column,
                       const char **like, const char **like_in)
{
    double best = 0;
    size_t p, i, k;

    for (p = 0; p < n_all; p++) {
        if (all[p]->kind != kind)
            continue;
        for (i = 0; i < all[p]->n_fields; i++) {
            const struct rp_import_field *f = &all[p]->fields[i];
            if (m && f->member != m)
                continue;
            for (k = 0; k < f->n_names; k++) {
                double s = similarity(column, f->names[k]);
                if (s > best) {
                    best = s;
                    *like = f->names[k];
                    *like_in = all[p]->name;
                }
            }
        }
    }
    return best;
}

/* The kind of record whose profiles explain most of the header. */
static enum rp_import_kind
guess_kind(const struct rp_import_profile *const *all, size_t n_all,
           const struct sample *s, double score[RP_IMPORT_KIND_COUNT])
{
    enum rp_import_kind best = RP_IMPORT_TICKETS;
    const char *like, *like_in;
    size_t k, i;

    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++) {
        score[k] = 0;
        for (i = 0; i < s->n_cols; i++) {
            double x = best_for(all, n_all, (enum rp_import_kind)k, NULL,
                                s->cols[i].name, &like, &like_in);
            if (x >= MIN_SCORE)
                score[k] += x;
        }
        if (score[k] > score[best])
            best = (enum rp_import_kind)k;
    }
    return best;
}

/*
 * Gives each member of the kind the column most like its names (whose
 * values fit its type), best pairs first, so each column fills at most
 * one member and each member comes from one column.
 */
static void assign_columns(const struct rp_import_profile *const *all,
                           size_t n_all, enum rp_import_kind kind,
                           struct sample *s, const struct formats *known)
{
    const struct rp_import_kind_info *info = &rp_import_kinds[kind];
    bool taken[RP_PROFILE_MAX_FIELDS] = {false};
    size_t i, m;

    for (;;) {
        double best = MIN_SCORE - 1e-9;
        size_t best_col = 0, best_m = 0;
        const char *best_like = NULL, *best_in = NULL;

        for (i = 0; i < s->n_cols; i++) {
            struct column *c = &s->cols[i];
            if (c->member >= 0 || c->repeated || strchr(c->name, '|') ||
                strlen(c->name) == 0 || strlen(c->name) >= RP_PROFILE_MAX_TEXT)
                continue;
            for (m = 0; m < info->n_members && m < RP_PROFILE_MAX_FIELDS; m++) {
                const char *like = NULL, *like_in = NULL;
                double x;
                /* The profile's system line says where tickets come
                 * from; a "Source" column is the channel. */
                if (taken[m] ||
                    strcmp(info->members[m].name, "source_system") == 0)
                    continue;
                x = best_for(all, n_all, kind, &info->members[m], c->name,
                             &like, &like_in);
                if (x > best && fits(all, n_all, &info->members[m], c, known)) {
                    best = x;
                    best_col = i;
                    best_m = m;
                    best_like = like;
                    best_in = like_in;
                }
            }
        }
        if (!best_like)
            return;
        taken[best_m] = true;
        s->cols[best_col].member = (int)best_m;
        s->cols[best_col].score = best;
        s->cols[best_col].like = best_like;
        s->cols[best_col].like_in = best_in;
    }
}

/* ---- writing ---- */

/* A profile name from the file name: letters, digits, - _ . only. */
static void profile_name(const char *path, char *out, size_t size)
{
    const char *base = strrchr(path, '/');
    size_t n = 0;

    base = base ? base + 1 : path;
    n = (size_t)snprintf(out, size, "suggested-");
    for (; *base && n + 1 < size; base++) {
        char c = *base;
        if (strcasecmp(base, ".csv") == 0 || strcasecmp(base, ".txt") == 0)
            break;
        out[n++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
                       ? c
                       : '-';
    }
    out[n] = '\0';
}

static void write_formats(FILE *out, const char *directive, const char **list,
                          size_t n)
{
    size_t i;

    fprintf(out, "%-9s ", directive);
    for (i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? " | " : "", list[i]);
    fputc('\n', out);
}

/* The time (or date) formats that read every sampled value of the time
 * (date) columns; the first format of each column, in column order. */
static void write_time_formats(FILE *out, const struct sample *s,
                               const struct rp_import_kind_info *info,
                               const struct formats *known)
{
    const char *ts[RP_PROFILE_MAX_FORMATS], *ds[RP_PROFILE_MAX_FORMATS];
    const char *cand[RP_PROFILE_MAX_FORMATS], *other;
    size_t n_ts = 0, n_ds = 0, i, j, k, n;
    bool ambiguous = false;

    for (i = 0; i < s->n_cols; i++) {
        const struct column *c = &s->cols[i];
        const struct rp_import_member *m;
        const char **list;
        size_t *count;

        if (c->member < 0)
            continue;
        m = &info->members[c->member];
        if (m->type != RP_MEMBER_TIMESTAMP && m->type != RP_MEMBER_DATE)
            continue;
        list = m->type == RP_MEMBER_DATE ? ds : ts;
        count = m->type == RP_MEMBER_DATE ? &n_ds : &n_ts;
        n = formats_for(known, c, cand, RP_PROFILE_MAX_FORMATS, &other);
        /* 3/4/2026 reads as March and as April: say so. */
        if (n && other &&
            ((strstr(cand[0], "MM/DD") && strstr(other, "DD/MM")) ||
             (strstr(cand[0], "DD/MM") && strstr(other, "MM/DD"))))
            ambiguous = true;
        for (k = 0; k < n; k++) {
            for (j = 0; j < *count; j++) {
                if (strcmp(list[j], cand[k]) == 0)
                    break;
            }
            if (j == *count && *count < RP_PROFILE_MAX_FORMATS)
                list[(*count)++] = cand[k];
        }
    }
    if (ambiguous)
        fprintf(out, "# Some dates read as month/day and as day/month: "
                     "check the order below.\n");
    if (n_ts == 0)
        ts[n_ts++] = "YYYY-MM-DDThh:mm:ssZ";
    if (n_ds == 0)
        ds[n_ds++] = "YYYY-MM-DD";
    write_formats(out, "timestamp", ts, n_ts);
    write_formats(out, "date", ds, n_ds);
    fprintf(out, "# Times without an offset are read as UTC; if the export "
                 "writes local time,\n# add: zone +01:00 (the offset of "
                 "that zone).\n");
}

static void write_number_format(FILE *out, const struct sample *s,
                                const struct rp_import_kind_info *info)
{
    size_t i, k;
    bool any = false;

    for (k = 0; k < sizeof(numbers) / sizeof(numbers[0]); k++) {
        bool all = true;
        for (i = 0; i < s->n_cols; i++) {
            const struct column *c = &s->cols[i];
            if (c->member < 0 ||
                info->members[c->member].type != RP_MEMBER_NUMBER)
                continue;
            any = true;
            all = all && reads_numbers(c, k);
        }
        if (!any)
            return;
        if (all) {
            fprintf(out, "number    %s\n", numbers[k].example);
            return;
        }
    }
    fprintf(out, "# No number format reads every amount: set one, e.g.\n"
                 "# number 1.234,56\n");
}

/* The map a known profile has for a value of member m, or NULL. */
static const struct rp_import_map *
known_map(const struct rp_import_profile *const *all, size_t n_all,
          const struct rp_import_member *m, const char *value)
{
    size_t p, i;

    for (p = 0; p < n_all; p++) {
        for (i = 0; i < all[p]->n_maps; i++) {
            const struct rp_import_map *map = &all[p]->maps[i];
            if (map->member == m && strcasecmp(map->from, value) == 0)
                return map;
        }
    }
    return NULL;
}

/* Maps for the values of an enumeration column that are not canonical. */
static void write_maps(FILE *out, const struct rp_import_profile *const *all,
                       size_t n_all, const struct rp_import_member *m,
                       const struct column *c)
{
    const char *seen[MAX_DISTINCT];
    size_t n_seen = 0, i, j;
    int value;

    for (i = 0; i < c->n_values && n_seen < MAX_DISTINCT; i++) {
        const char *v = c->values[i];
        const struct rp_import_map *map;

        for (j = 0; j < n_seen; j++) {
            if (strcasecmp(seen[j], v) == 0)
                break;
        }
        if (j < n_seen || strlen(v) >= RP_PROFILE_MAX_TEXT || strchr(v, '='))
            continue;
        seen[n_seen++] = v;
        if (rp_import_parse_enum(m, v, strlen(v), &value))
            continue;
        map = known_map(all, n_all, m, v);
        if (map)
            fprintf(out, "map %s %s = %s\n", m->name, v, map->to);
        else
            fprintf(out,
                    "# map %s %s = ?   (not a known value: give its "
                    "canonical one)\n",
                    m->name, v);
    }
}

static const char *need_word(const struct rp_import_member *m,
                             const struct column *c)
{
    if (m->need == RP_NEED_VALUE && c->n_empty == 0)
        return "required ";
    if (m->need != RP_NEED_OPTIONAL)
        return "column   ";
    return "         ";
}

static void write_profile(FILE *out, const char *path,
                          const struct rp_import_profile *const *all,
                          size_t n_all, const struct sample *s,
                          enum rp_import_kind kind,
                          const double score[RP_IMPORT_KIND_COUNT],
                          const struct formats *known)
{
    const struct rp_import_kind_info *info = &rp_import_kinds[kind];
    bool filled[RP_PROFILE_MAX_FIELDS] = {false};
    char name[RP_PROFILE_MAX_TEXT];
    size_t i, k, unused = 0;
    enum rp_import_kind second = kind == 0 ? 1 : 0;

    for (k = 0; k < RP_IMPORT_KIND_COUNT; k++) {
        if (k != kind && score[k] > score[second])
            second = (enum rp_import_kind)k;
    }
    profile_name(path, name, sizeof(name));
    fprintf(out,
            "# Suggested by reportpipe import --suggest-profile from the "
            "header of\n# %s\n# and %zu sampled row%s.  Check it, edit "
            "what the comments ask, then import\n# with: reportpipe import "
            "--profile %s.profile FILE\n# (format: "
            "docs/import-profiles.md)\n",
            path, s->rows, s->rows == 1 ? "" : "s", name);
    fprintf(out, "profile   %s\n", name);
    fprintf(out,
            "# The columns look most like %s exports (score %.1f; next: "
            "%s, %.1f).\n",
            info->name, score[kind], rp_import_kinds[second].name,
            score[second]);
    fprintf(out, "record    %s\n", info->name);
    fprintf(out, "system    suggested\n");
    write_time_formats(out, s, info, known);
    write_number_format(out, s, info);
    fputc('\n', out);

    for (i = 0; i < s->n_cols; i++) {
        const struct column *c = &s->cols[i];
        const struct rp_import_member *m;
        if (c->member < 0)
            continue;
        m = &info->members[c->member];
        filled[c->member] = true;
        if (c->score < 1)
            fprintf(out, "# '%s' is like '%s' of %s (%.0f%%): check it.\n",
                    c->name, c->like, c->like_in, c->score * 100);
        fprintf(out, "field %-20s %s: %s\n", m->name, need_word(m, c), c->name);
    }
    for (k = 0; k < info->n_members && k < RP_PROFILE_MAX_FIELDS; k++) {
        const struct rp_import_member *m = &info->members[k];
        if (filled[k] || m->need != RP_NEED_VALUE)
            continue;
        fprintf(out,
                "# No column looks like the %s's %s, which every %s needs: "
                "add\n# field %s required : <the column>\n",
                info->noun, m->name, info->noun, m->name);
    }
    if (kind == RP_IMPORT_TICKETS) {
        fprintf(out, "# A ticket needs a priority: when the cell is empty "
                     "(or no column has it),\n# this one is used.\n");
        fprintf(out, "default priority P3\n");
    }
    fputc('\n', out);
    for (i = 0; i < s->n_cols; i++) {
        const struct column *c = &s->cols[i];
        const struct rp_import_member *m;
        if (c->member < 0)
            continue;
        m = &info->members[c->member];
        if (m->type == RP_MEMBER_TEXT || m->type == RP_MEMBER_TIMESTAMP ||
            m->type == RP_MEMBER_DATE || m->type == RP_MEMBER_NUMBER)
            continue;
        write_maps(out, all, n_all, m, c);
    }
    for (i = 0; i < s->n_cols; i++) {
        if (s->cols[i].member >= 0 || s->cols[i].repeated)
            continue;
        fprintf(out, "%s%s'%s'", unused ? ", " : "# Not used: ",
                unused && unused % 6 == 0 ? "\n#   " : "", s->cols[i].name);
        unused++;
    }
    if (unused)
        fprintf(out, ".\n");
}

enum rp_status rp_import_suggest_profile(const char *path, FILE *out,
                                         struct rp_error *err)
{
    const struct rp_import_profile *const *all;
    struct sample s;
    struct rp_csv_sink sink;
    struct rp_error read_err;
    struct formats known;
    double score[RP_IMPORT_KIND_COUNT];
    enum rp_import_kind kind;
    enum rp_status status;
    size_t n_all;
    FILE *fp = NULL;

    memset(&s, 0, sizeof(s));
    rp_error_init(&read_err);
    status = rp_import_profiles(&all, &n_all, err);
    if (status != RP_OK)
        goto out;
    fp = fopen(path, "rb");
    if (!fp) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot open the file: %s", strerror(errno));
        goto out;
    }
    sink.record = on_record;
    sink.ctx = &s;
    sink.info = NULL;
    sink.restart = sample_restart;
    status = rp_csv_read_stream(fp, path, sink, &read_err);
    /* Stopped after the sample: not an error. */
    if (status != RP_OK && s.rows < SAMPLE_ROWS) {
        status =
            rp_error_set(err, read_err.status, read_err.file, read_err.line,
                         read_err.field, "%s", read_err.message);
        goto out;
    }
    if (!s.have_header) {
        status = rp_import_error_no_header(path, err);
        goto out;
    }
    formats_known(all, n_all, &known);
    kind = guess_kind(all, n_all, &s, score);
    assign_columns(all, n_all, kind, &s, &known);
    write_profile(out, path, all, n_all, &s, kind, score, &known);
    status = ferror(out) ? rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                                        "cannot write the suggestion")
                         : RP_OK;
out:
    if (fp)
        fclose(fp);
    sample_release(&s);
    return status;
}
