/*
 * reportpipe.conf: the settings an operator makes once for `reportpipe
 * run` (batch.h, "The run's configuration file").
 *
 * Why GLib's GKeyFile: it is linked already (through Pango), well kept,
 * and its format ("[group]", "key = value", "#" comments) is the one
 * systemd units and desktop files use, which operators know.  It does not
 * say on which line a key stands, so key_line() finds it in the text for
 * the messages; GKeyFile alone decides what the file says.
 */
#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/date.h"
#include "common/file.h"
#include "common/mem.h"

#define GROUP "run"
/* A configuration file is a few hundred bytes: anything near this is not
 * one. */
#define CONF_MAX_BYTES ((size_t)1 << 20)

enum key_kind { KEY_PATH, KEY_DAY, KEY_ZONE, KEY_JOBS, KEY_BOOL, KEY_LANG };

/* Every key the file may hold: its name (the flag's, without "--"), what
 * its value is, and where it lands. */
static const struct {
    const char *name;
    enum key_kind kind;
    size_t offset;
} keys[] = {
    {"input", KEY_PATH, offsetof(struct rp_batch_conf, input)},
    {"output", KEY_PATH, offsetof(struct rp_batch_conf, output)},
    {"templates", KEY_PATH, offsetof(struct rp_batch_conf, templates)},
    {"config", KEY_PATH, offsetof(struct rp_batch_conf, config)},
    {"state", KEY_PATH, offsetof(struct rp_batch_conf, state)},
    {"period-start", KEY_DAY, offsetof(struct rp_batch_conf, period_start)},
    {"period-end", KEY_DAY, offsetof(struct rp_batch_conf, period_end)},
    {"zone", KEY_ZONE, offsetof(struct rp_batch_conf, zone)},
    {"jobs", KEY_JOBS, offsetof(struct rp_batch_conf, jobs)},
    {"quiet", KEY_BOOL, offsetof(struct rp_batch_conf, quiet)},
    {"lang", KEY_LANG, offsetof(struct rp_batch_conf, lang)},
};

void rp_batch_conf_init(struct rp_batch_conf *c)
{
    memset(c, 0, sizeof(*c));
    c->period_start = RP_TIME_NONE;
    c->period_end = RP_TIME_NONE;
    c->quiet = -1;
}

void rp_batch_conf_release(struct rp_batch_conf *c)
{
    free(c->path);
    free(c->input);
    free(c->output);
    free(c->templates);
    free(c->config);
    free(c->state);
    free(c->zone);
    free(c->lang);
    rp_batch_conf_init(c);
}

bool rp_batch_parse_jobs(const char *text, unsigned *out)
{
    char *end;
    unsigned long v;

    if (*text < '0' || *text > '9')
        return false;
    errno = 0;
    v = strtoul(text, &end, 10);
    if (errno || *end || v < 1 || v > RP_BATCH_MAX_JOBS)
        return false;
    *out = (unsigned)v;
    return true;
}

/* Trims spaces and tabs off [*s, *e). */
static void trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
        (*e)--;
}

/*
 * Where the text says something, for messages: the line of the last
 * "key =" in [group] (the one GKeyFile keeps), of "[group]" itself when
 * key is NULL, or (group NULL) of the first line that is no group, key or
 * comment.  0 when not found.
 */
static long key_line(const char *text, size_t len, const char *group,
                     const char *key)
{
    const char *p = text, *end = text + len, *eol, *s, *e, *eq;
    char *cur = NULL;
    long line = 0, found = 0;

    for (; p < end && !(found && !group); p = eol + 1) {
        eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        line++;
        s = p;
        e = eol;
        trim(&s, &e);
        if (s == e || *s == '#')
            continue;
        if (*s == '[' && e[-1] == ']') {
            free(cur);
            cur = rp_xstrndup(s + 1, (size_t)(e - s - 2));
            if (group && !key && !strcmp(cur, group))
                found = line;
            continue;
        }
        eq = memchr(s, '=', (size_t)(e - s));
        if (!group) {
            if (!eq || !cur)
                found = line;
            continue;
        }
        if (!eq || !key || !cur || strcmp(cur, group))
            continue;
        e = eq;
        trim(&s, &e);
        if ((size_t)(e - s) == strlen(key) && !memcmp(s, key, (size_t)(e - s)))
            found = line;
    }
    free(cur);
    return found;
}

/* The value of a path key: as written when absolute or when the file is
 * in the current folder, else under the file's folder. */
static char *conf_path(const char *name, const char *value)
{
    char *dir, *p;
    size_t n;

    dir = g_path_get_dirname(name);
    if (value[0] == '/' || !strcmp(dir, ".")) {
        g_free(dir);
        return rp_xstrdup(value);
    }
    n = strlen(dir) + strlen(value) + 2;
    p = rp_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, value);
    g_free(dir);
    return p;
}

static bool parse_bool(const char *v, int *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1"))
        *out = 1;
    else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0"))
        *out = 0;
    else
        return false;
    return true;
}

/* Takes one key's value into c; what a good value looks like, or NULL. */
static const char *take_value(struct rp_batch_conf *c, const char *name,
                              size_t i, const char *v, long line)
{
    void *field = (char *)c + keys[i].offset;
    char **str = field;

    switch (keys[i].kind) {
    case KEY_PATH:
        if (!*v)
            return "a folder";
        free(*str);
        *str = conf_path(name, v);
        return NULL;
    case KEY_ZONE:
        if (!*v)
            return "a zone (UTC, +01:00, Europe/Berlin)";
        free(*str);
        *str = rp_xstrdup(v);
        c->zone_line = line;
        return NULL;
    case KEY_DAY:
        if (!rp_date_parse_midnight(v, field))
            return "a date YYYY-MM-DD";
        /* The file names the last day; the merge wants the day after. */
        if (field == &c->period_end)
            c->period_end += 86400;
        return NULL;
    case KEY_JOBS:
        return rp_batch_parse_jobs(v, field) ? NULL
                                             : "a number of jobs, 1 to 256";
    case KEY_BOOL:
        return parse_bool(v, field) ? NULL : "true or false";
    case KEY_LANG:
        /* Whether the templates have it is rp_batch_conf_apply()'s to say:
         * the templates folder may come later in the file. */
        if (!*v)
            return "a language (en, de)";
        free(*str);
        *str = rp_xstrdup(v);
        c->lang_line = line;
        return NULL;
    }
    return NULL;
}

static enum rp_status take_key(struct rp_batch_conf *c, GKeyFile *kf,
                               const char *name, const char *text, size_t len,
                               const char *key, struct rp_error *err)
{
    GError *gerr = NULL;
    const char *expected;
    char *v = NULL;
    long line = key_line(text, len, GROUP, key);
    enum rp_status status = RP_OK;
    size_t i;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (!strcmp(keys[i].name, key))
            break;
    if (i == sizeof(keys) / sizeof(keys[0])) {
        status = rp_error_set(err, RP_ERR_USAGE, name, line, key,
                              "unknown key in [" GROUP "]; the keys are "
                              "input, output, templates, config, state, "
                              "period-start, period-end, zone, jobs, quiet "
                              "and lang (docs/operations.md)");
        goto out;
    }
    v = g_key_file_get_string(kf, GROUP, key, &gerr);
    if (!v) {
        status = rp_error_set(err, RP_ERR_USAGE, name, line, key,
                              "the value cannot be read: %s", gerr->message);
        goto out;
    }
    /* GKeyFile keeps trailing blanks; in a folder or a number they are
     * never meant. */
    g_strchomp(v);
    expected = take_value(c, name, i, v, line);
    if (expected)
        status = rp_error_set(err, RP_ERR_USAGE, name, line, key,
                              "'%s' is not %s", v, expected);
out:
    g_free(v);
    if (gerr)
        g_error_free(gerr);
    return status;
}

enum rp_status rp_batch_conf_parse(struct rp_batch_conf *c, const char *name,
                                   const char *text, size_t len,
                                   struct rp_error *err)
{
    GKeyFile *kf = g_key_file_new();
    GError *gerr = NULL;
    char **groups = NULL, **names = NULL;
    enum rp_status status = RP_OK;
    size_t i;

    if (memchr(text, '\0', len)) {
        status = rp_error_set(err, RP_ERR_USAGE, name, 0, NULL,
                              "a configuration file is text: this one holds "
                              "a NUL byte");
        goto out;
    }
    if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &gerr)) {
        status = rp_error_set(err, RP_ERR_USAGE, name,
                              key_line(text, len, NULL, NULL), NULL,
                              "expected \"[" GROUP "]\", \"key = value\" or "
                              "a \"#\" comment: %s",
                              gerr->message);
        goto out;
    }
    groups = g_key_file_get_groups(kf, NULL);
    for (i = 0; groups[i]; i++)
        if (strcmp(groups[i], GROUP)) {
            status =
                rp_error_set(err, RP_ERR_USAGE, name,
                             key_line(text, len, groups[i], NULL), groups[i],
                             "unknown group: the settings go in "
                             "[" GROUP "]");
            goto out;
        }
    if (!g_key_file_has_group(kf, GROUP))
        goto out;
    names = g_key_file_get_keys(kf, GROUP, NULL, NULL);
    for (i = 0; names && names[i]; i++)
        if ((status = take_key(c, kf, name, text, len, names[i], err)) != RP_OK)
            goto out;
out:
    g_strfreev(names);
    g_strfreev(groups);
    if (gerr)
        g_error_free(gerr);
    g_key_file_free(kf);
    return status;
}

enum rp_status rp_batch_conf_load(struct rp_batch_conf *c, const char *path,
                                  struct rp_error *err)
{
    char *text = NULL;
    size_t len;
    enum rp_status status = RP_OK;

    if (!path) {
        if (access(RP_BATCH_CONF_NAME, F_OK) != 0)
            goto out;
        path = RP_BATCH_CONF_NAME;
    }
    /* A file the operator named and we cannot read is how reportpipe was
     * called, not the data: a usage error, as a bad flag is. */
    if (access(path, R_OK) != 0) {
        status = rp_error_set(err, RP_ERR_USAGE, path, 0, NULL,
                              "cannot read the configuration file: %s",
                              strerror(errno));
        goto out;
    }
    status = rp_file_read_all(path, CONF_MAX_BYTES, &text, &len, err);
    if (status != RP_OK)
        goto out;
    free(c->path);
    c->path = rp_xstrdup(path);
    status = rp_batch_conf_parse(c, path, text, len, err);
out:
    free(text);
    return status;
}

/* Beside the settings' parsers: the file's lang and --lang are checked
 * alike. */
enum rp_status rp_batch_check_lang(const struct rp_batch_options *o,
                                   struct rp_error *err)
{
    char name[64], *path;
    const char *dir;
    size_t i, n;
    enum rp_status status = RP_OK;

    if (!o->lang)
        return RP_OK;
    n = strlen(o->lang);
    for (i = 0; i < n; i++)
        if (!((o->lang[i] >= 'a' && o->lang[i] <= 'z') ||
              (o->lang[i] >= '0' && o->lang[i] <= '9') || o->lang[i] == '-'))
            break;
    if (n == 0 || n > 16 || i < n)
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "lang",
                            "unknown language '%s': a language is a code "
                            "such as en or de (lower-case letters, digits, "
                            "'-')",
                            o->lang);
    snprintf(name, sizeof(name), "labels/%s.xml", o->lang);
    /* Options not from rp_batch_options_init() may leave it unset. */
    dir = o->templates ? o->templates : "templates";
    n = strlen(dir) + strlen(name) + 2;
    path = rp_xmalloc(n);
    snprintf(path, n, "%s/%s", dir, name);
    if (access(path, R_OK) != 0)
        status = rp_error_set(err, RP_ERR_USAGE, path, 0, "lang",
                              "unknown language '%s': the templates have "
                              "no %s (the languages are listed in "
                              "labels/languages.xml)",
                              o->lang, name);
    free(path);
    return status;
}

enum rp_status rp_batch_conf_apply(const struct rp_batch_conf *c,
                                   struct rp_batch_options *o,
                                   struct rp_error *err)
{
    struct rp_error zerr;

    if (c->input)
        o->input = c->input;
    if (c->output)
        o->output = c->output;
    if (c->templates)
        o->templates = c->templates;
    if (c->config)
        o->merge.config_dir = c->config;
    if (c->period_start != RP_TIME_NONE)
        o->merge.period_start = c->period_start;
    if (c->period_end != RP_TIME_NONE)
        o->merge.period_end = c->period_end;
    if (c->jobs)
        o->jobs = c->jobs;
    if (c->lang) {
        o->lang = c->lang;
        rp_error_init(&zerr);
        if (rp_batch_check_lang(o, &zerr) != RP_OK)
            return rp_error_set(err, RP_ERR_USAGE, c->path, c->lang_line,
                                "lang", "%s", zerr.message);
    }
    rp_error_init(&zerr);
    if (c->zone && rp_import_set_zone(c->zone, &zerr) != RP_OK)
        return rp_error_set(err, RP_ERR_USAGE, c->path, c->zone_line, "zone",
                            "%s", zerr.message);
    return RP_OK;
}
