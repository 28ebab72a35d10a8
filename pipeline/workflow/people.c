/*
 * The program's people and their roles, from config/people.csv
 * (workflow.h).  The file is the one place that says who may do what: an
 * OS login maps to one person; approvers list the accounts they approve.
 */
#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/csvtable.h"
#include "common/mem.h"

enum {
    COL_PERSON,
    COL_NAME,
    COL_EMAIL,
    COL_LOGIN,
    COL_ROLE,
    COL_APPROVES,
    N_COLS
};
static const char *const columns[N_COLS] = {"person", "name", "email",
                                            "login",  "role", "approves"};

static const struct {
    const char *name;
    enum rp_workflow_role role;
} role_names[] = {
    {"administrator", RP_WORKFLOW_ADMINISTRATOR},
    {"sales-rep", RP_WORKFLOW_SALES_REP},
    {"contributor", RP_WORKFLOW_CONTRIBUTOR},
    {"approver", RP_WORKFLOW_APPROVER},
};

struct loader {
    struct rp_workflow_people *people;
    size_t cap;
};

/* Copies s without the spaces around it. */
static char *trimmed(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    return rp_xstrndup(s, len);
}

/* Calls fn on each ';'-separated, trimmed, non-empty item of list. */
static enum rp_status each_item(const char *list,
                                enum rp_status (*fn)(void *ctx, char *item),
                                void *ctx)
{
    enum rp_status status = RP_OK;
    const char *p = list;

    while (*p && status == RP_OK) {
        size_t n = strcspn(p, ";");
        char *item = trimmed(p, n);
        if (item[0])
            status = fn(ctx, item);
        else
            free(item);
        p += n + (p[n] == ';');
    }
    return status;
}

struct row_ctx {
    struct rp_workflow_person *person;
    const char *path;
    long line;
    struct rp_error *err;
    size_t cap;
};

static enum rp_status add_role(void *ctx, char *item)
{
    struct row_ctx *c = ctx;
    size_t i;

    for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
        if (strcasecmp(item, role_names[i].name) == 0) {
            c->person->roles |= role_names[i].role;
            free(item);
            return RP_OK;
        }
    }
    rp_error_set(c->err, RP_ERR_INPUT, c->path, c->line, "role",
                 "'%s' is not a role: expected administrator, sales-rep, "
                 "contributor or approver (several separated by ';')",
                 item);
    free(item);
    return RP_ERR_INPUT;
}

static int has_prefix(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static enum rp_status add_approves(void *ctx, char *item)
{
    struct row_ctx *c = ctx;
    const char *colon = strchr(item, ':');

    if (colon && !has_prefix(item, "tier:") && !has_prefix(item, "owner:") &&
        !has_prefix(item, "country:")) {
        rp_error_set(c->err, RP_ERR_INPUT, c->path, c->line, "approves",
                     "'%s': expected an account id, tier:NAME, owner:NAME, "
                     "country:CODE or *",
                     item);
        free(item);
        return RP_ERR_INPUT;
    }
    if (colon && !colon[1]) {
        rp_error_set(c->err, RP_ERR_INPUT, c->path, c->line, "approves",
                     "'%s' names nothing after the ':'", item);
        free(item);
        return RP_ERR_INPUT;
    }
    rp_array_grow((void **)&c->person->approves, &c->cap,
                  c->person->n_approves + 1, sizeof(*c->person->approves));
    c->person->approves[c->person->n_approves++] = item;
    return RP_OK;
}

static void person_release(struct rp_workflow_person *p)
{
    size_t i;

    free(p->id);
    free(p->name);
    free(p->email);
    free(p->login);
    for (i = 0; i < p->n_approves; i++)
        free(p->approves[i]);
    free(p->approves);
    memset(p, 0, sizeof(*p));
}

/* A person id and a login are words: they go into audit lines and
 * command lines. */
static int is_word(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.' ||
              *s == '@'))
            return 0;
    }
    return 1;
}

/*
 * An e-mail address as the outbox's To: takes it: local@domain, no white
 * space, no control characters and none of the characters that would end
 * the address or start another in a header (RFC 5322 specials).  Empty is
 * allowed: that person gets no mail, and remind says so.
 */
static int is_email(const char *s)
{
    const char *at = strchr(s, '@');
    const char *c;

    if (!*s)
        return 1;
    if (!at || at == s || !at[1] || strchr(at + 1, '@') || at[1] == '.' ||
        s[strlen(s) - 1] == '.')
        return 0;
    for (c = s; *c; c++) {
        if ((unsigned char)*c <= ' ' || *c == 0x7f ||
            strchr("<>()[]\\,;:\"", *c))
            return 0;
    }
    return 1;
}

static enum rp_status check_person(const struct rp_workflow_people *people,
                                   const struct rp_workflow_person *p,
                                   const char *path, struct rp_error *err)
{
    size_t i;

    if (!is_word(p->id))
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "person",
                            "'%s': a person id is one word of letters, "
                            "digits, '-', '_', '.' or '@'",
                            p->id);
    if (!p->name[0])
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "name",
                            "person '%s' has no name", p->id);
    if (!is_email(p->email))
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "email",
                            "person '%s': '%s' is not an e-mail address "
                            "(name@domain, or empty for no mail)",
                            p->id, p->email);
    if (!is_word(p->login))
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "login",
                            "person '%s': '%s' is not an OS login", p->id,
                            p->login);
    if (!p->roles)
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "role",
                            "person '%s' has no role", p->id);
    if ((p->roles & RP_WORKFLOW_APPROVER) && !p->n_approves)
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "approves",
                            "approver '%s' approves no account: list account "
                            "ids, tier:NAME, owner:NAME or country:CODE",
                            p->id);
    if (!(p->roles & RP_WORKFLOW_APPROVER) && p->n_approves)
        return rp_error_set(err, RP_ERR_INPUT, path, p->line, "approves",
                            "person '%s' lists accounts to approve but is "
                            "not an approver",
                            p->id);
    for (i = 0; i < people->n; i++) {
        const struct rp_workflow_person *q = &people->items[i];
        if (strcmp(q->id, p->id) == 0)
            return rp_error_set(err, RP_ERR_INPUT, path, p->line, "person",
                                "person '%s' is listed twice (also line %ld)",
                                p->id, q->line);
        if (strcmp(q->login, p->login) == 0)
            return rp_error_set(err, RP_ERR_INPUT, path, p->line, "login",
                                "login '%s' belongs to '%s' already (line "
                                "%ld): one login is one person",
                                p->login, q->id, q->line);
    }
    return RP_OK;
}

static enum rp_status on_row(void *ctx, const char *const *f, long line,
                             struct rp_error *err)
{
    struct loader *l = ctx;
    struct rp_workflow_person p;
    struct row_ctx c;
    enum rp_status status;

    memset(&p, 0, sizeof(p));
    c = (struct row_ctx){&p, l->people->path, line, err, 0};
    p.id = trimmed(f[COL_PERSON], strlen(f[COL_PERSON]));
    p.name = trimmed(f[COL_NAME], strlen(f[COL_NAME]));
    p.email = trimmed(f[COL_EMAIL], strlen(f[COL_EMAIL]));
    p.login = trimmed(f[COL_LOGIN], strlen(f[COL_LOGIN]));
    p.line = line;
    status = each_item(f[COL_ROLE], add_role, &c);
    if (status == RP_OK)
        status = each_item(f[COL_APPROVES], add_approves, &c);
    if (status == RP_OK)
        status = check_person(l->people, &p, l->people->path, err);
    if (status != RP_OK) {
        person_release(&p);
        return status;
    }
    rp_array_grow((void **)&l->people->items, &l->cap, l->people->n + 1,
                  sizeof(*l->people->items));
    l->people->items[l->people->n++] = p;
    return RP_OK;
}

enum rp_status rp_workflow_people_load(struct rp_workflow_people *people,
                                       const char *path, struct rp_error *err)
{
    struct loader l = {people, 0};
    struct rp_csv_table table = {
        .path = path,
        .columns = columns,
        .n_columns = N_COLS,
        .required = (1UL << N_COLS) - 1,
        .row = on_row,
        .ctx = &l,
    };
    enum rp_status status;
    size_t i;

    memset(people, 0, sizeof(*people));
    snprintf(people->path, sizeof(people->path), "%s", path);
    status = rp_csv_table_read(&table, err);
    if (status != RP_OK)
        return status;
    if (people->n == 0)
        return rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                            "no people: the workflow needs at least an "
                            "administrator and an approver");
    for (i = 0; i < people->n; i++) {
        if (people->items[i].roles & RP_WORKFLOW_ADMINISTRATOR)
            return RP_OK;
    }
    return rp_error_set(err, RP_ERR_INPUT, path, 0, "role",
                        "nobody has the role administrator");
}

void rp_workflow_people_release(struct rp_workflow_people *people)
{
    size_t i;

    for (i = 0; i < people->n; i++)
        person_release(&people->items[i]);
    free(people->items);
    memset(people, 0, sizeof(*people));
}

const struct rp_workflow_person *
rp_workflow_people_by_login(const struct rp_workflow_people *people,
                            const char *login)
{
    size_t i;

    for (i = 0; login && i < people->n; i++) {
        if (strcmp(people->items[i].login, login) == 0)
            return &people->items[i];
    }
    return NULL;
}

const struct rp_workflow_person *
rp_workflow_people_by_id(const struct rp_workflow_people *people,
                         const char *id)
{
    size_t i;

    for (i = 0; id && i < people->n; i++) {
        if (strcmp(people->items[i].id, id) == 0)
            return &people->items[i];
    }
    return NULL;
}

static int same(const char *want, const char *have)
{
    return have && strcasecmp(want, have) == 0;
}

int rp_workflow_person_approves(const struct rp_workflow_person *person,
                                const struct rp_workflow_account *account)
{
    size_t i;

    if (!(person->roles & RP_WORKFLOW_APPROVER))
        return 0;
    for (i = 0; i < person->n_approves; i++) {
        const char *a = person->approves[i];
        if (strcmp(a, "*") == 0 || strcmp(a, account->id) == 0 ||
            (has_prefix(a, "tier:") && same(a + 5, account->tier)) ||
            (has_prefix(a, "owner:") && same(a + 6, account->owner)) ||
            (has_prefix(a, "country:") && same(a + 8, account->country)))
            return 1;
    }
    return 0;
}
