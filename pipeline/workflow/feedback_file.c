/*
 * The feedback file (workflow.h, docs/workflow.md "Meeting feedback"):
 * what the customer said after the meeting and the follow-up actions, in
 * a text format a person writes in any editor.  Outside input: every line
 * is checked before anything is kept, and a bad one names file, line and
 * field.  Nothing here touches the store.
 */
#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "common/date.h"
#include "common/mem.h"

#define KEY "follow-up:"
#define MAX_WHAT 500
#define MAX_OWNER 200

struct parser {
    const char *path;
    long line;
    struct rp_workflow_feedback_doc *doc;
    size_t cap;
    GString *text;
    int pending_blank; /* a blank line since the last text line */
    struct rp_error *err;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* [s, s + n) without the spaces around it. */
static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

/* A real day written YYYY-MM-DD, and nothing else. */
static bool is_date(const char *s, size_t n)
{
    size_t pos = 0;
    int64_t days;

    return rp_date_parse_ymd(s, n, &pos, &days) && pos == n;
}

/* "follow-up: WHAT | OWNER | DUE" after the key. */
static enum rp_status followup(struct parser *p, const char *s, size_t n)
{
    struct rp_workflow_followup_entry *f;
    const char *field[3];
    size_t len[3], k = 0;
    const char *end = s + n;
    char value[64];

    while (k < 3) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        field[k] = s;
        len[k] = (bar ? bar : end) - s;
        trim(&field[k], &len[k]);
        k++;
        if (!bar)
            break;
        s = bar + 1;
        if (k == 3)
            return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line,
                                "follow-up",
                                "expected three fields, WHAT | OWNER | "
                                "YYYY-MM-DD, and found more");
    }
    if (k != 3)
        return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line, "follow-up",
                            "expected three fields separated by '|': WHAT | "
                            "OWNER | YYYY-MM-DD");
    if (!len[0] || len[0] > MAX_WHAT)
        return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line, "what",
                            "say what is to be done, in 1 to %d bytes",
                            MAX_WHAT);
    if (!len[1] || len[1] > MAX_OWNER)
        return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line, "owner",
                            "name who does it (a person id of people.csv, "
                            "or a name), in 1 to %d bytes",
                            MAX_OWNER);
    if (!is_date(field[2], len[2])) {
        snprintf(value, sizeof(value), "%.*s", (int)(len[2] > 40 ? 40 : len[2]),
                 field[2]);
        return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line, "due",
                            "'%s' is not a date: write YYYY-MM-DD", value);
    }
    if (p->doc->n_followups >= RP_WORKFLOW_MAX_FOLLOWUPS)
        return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line, "follow-up",
                            "more than %d follow-ups in one file",
                            RP_WORKFLOW_MAX_FOLLOWUPS);
    rp_array_grow((void **)&p->doc->followups, &p->cap, p->doc->n_followups + 1,
                  sizeof(*p->doc->followups));
    f = &p->doc->followups[p->doc->n_followups++];
    f->what = rp_xstrndup(field[0], len[0]);
    f->owner = rp_xstrndup(field[1], len[1]);
    memcpy(f->due, field[2], 10);
    f->due[10] = '\0';
    f->line = p->line;
    return RP_OK;
}

/* One line (without its '\n'). */
static enum rp_status take_line(struct parser *p, const char *s, size_t n)
{
    const char *t = s;
    size_t m = n, i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\r')
            return rp_error_set(p->err, RP_ERR_INPUT, p->path, p->line, "text",
                                "a control character (byte %zu of the line): "
                                "expected plain text",
                                i + 1);
    }
    trim(&t, &m);
    if (m && t[0] == '#')
        return RP_OK;
    if (m >= strlen(KEY) && strncasecmp(t, KEY, strlen(KEY)) == 0)
        return followup(p, t + strlen(KEY), m - strlen(KEY));
    if (!m) {
        p->pending_blank = p->text->len > 0;
        return RP_OK;
    }
    if (p->text->len)
        g_string_append(p->text, p->pending_blank ? "\n\n" : "\n");
    p->pending_blank = 0;
    g_string_append_len(p->text, t, (gssize)m);
    return RP_OK;
}

enum rp_status rp_workflow_feedback_parse(const char *path, const char *data,
                                          size_t len,
                                          struct rp_workflow_feedback_doc *out,
                                          struct rp_error *err)
{
    struct parser p = {path, 0, out, 0, NULL, 0, err};
    enum rp_status status = RP_OK;
    const char *s = data, *end = data + len, *bad;

    memset(out, 0, sizeof(*out));
    if (len > RP_WORKFLOW_MAX_CONTRIBUTION)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "a feedback file may hold at most %zu bytes",
                            RP_WORKFLOW_MAX_CONTRIBUTION);
    if (!g_utf8_validate(data, (gssize)len, &bad)) {
        long line = 1;
        for (s = data; s < bad; s++)
            line += *s == '\n';
        return rp_error_set(err, RP_ERR_INPUT, path, line, "text",
                            "not UTF-8 (or a NUL byte): save the file as "
                            "UTF-8 text");
    }
    /* A byte-order mark some editors write first is not text. */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    p.text = g_string_new(NULL);
    while (s < end && status == RP_OK) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *eol = nl ? nl : end;

        p.line++;
        status = take_line(&p, s, (size_t)(eol - s));
        s = nl ? nl + 1 : end;
    }
    if (status == RP_OK && !p.text->len && !out->n_followups)
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, "text",
                              "the file holds no feedback and no follow-up");
    out->text = g_string_free(p.text, FALSE);
    return status;
}

void rp_workflow_feedback_doc_release(struct rp_workflow_feedback_doc *doc)
{
    size_t i;

    for (i = 0; i < doc->n_followups; i++) {
        free(doc->followups[i].what);
        free(doc->followups[i].owner);
    }
    free(doc->followups);
    g_free(doc->text);
    memset(doc, 0, sizeof(*doc));
}
