/*
 * Contribution tasks (workflow.h): a request asks one person for each
 * section config/workflow.xml lists, due a set number of days before the
 * meeting; a contribution to the section completes its task.  The person
 * is chosen when the request is made and stored, so a later edit of
 * people.csv does not move work silently from one person to another.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mem.h"

#define DAY 86400

enum rp_status rp_wf_tasks_check(struct rp_workflow *wf, struct rp_error *err)
{
    const struct rp_workflow_settings *s = &wf->settings;
    size_t i, k;

    for (i = 0; i < s->n_sections; i++) {
        const struct rp_workflow_section_rule *r = &s->sections[i];
        int known = 0;

        for (k = 0; wf->sections && wf->sections[k]; k++)
            known |= strcmp(wf->sections[k], r->name) == 0;
        if (!known && wf->sections)
            return rp_error_set(err, RP_ERR_INPUT, s->path, r->line, "name",
                                "<section name=\"%s\">: the review has no "
                                "such section (contribute names the ones "
                                "it has)",
                                r->name);
        if (strncmp(r->writer, "person:", 7) == 0 &&
            !rp_workflow_people_by_id(&wf->people, r->writer + 7))
            return rp_error_set(err, RP_ERR_INPUT, s->path, r->line, "writer",
                                "<section writer=\"%s\">: %s has no person "
                                "'%s'",
                                r->writer, wf->people.path, r->writer + 7);
    }
    return RP_OK;
}

const struct rp_workflow_person *
rp_wf_task_writer(const struct rp_workflow *wf,
                  const struct rp_workflow_section_rule *rule,
                  const struct rp_workflow_account *acc)
{
    size_t i;

    if (strncmp(rule->writer, "person:", 7) == 0)
        return rp_workflow_people_by_id(&wf->people, rule->writer + 7);
    for (i = 0; i < wf->people.n; i++) {
        const struct rp_workflow_person *p = &wf->people.items[i];

        if (strcmp(rule->writer, "owner") == 0) {
            if (acc->owner && strcasecmp(acc->owner, p->name) == 0)
                return p;
        } else if (strcmp(rule->writer, "approver") == 0) {
            if (rp_workflow_person_approves(p, acc))
                return p;
        } else if (p->roles & RP_WORKFLOW_ADMINISTRATOR) {
            return p;
        }
    }
    return NULL;
}

/* The day `days` before the meeting, never before today: a task made
 * late is due at once, not in the past. */
static void due_day(const struct rp_workflow *wf, int64_t meeting, int days,
                    char out[11])
{
    int64_t due = meeting - (int64_t)days * DAY;
    int64_t today = wf->now - wf->now % DAY;

    rp_wf_format_day(due < today ? today : due, out);
}

enum rp_status rp_wf_tasks_create(struct rp_wf_act *a,
                                  const struct rp_workflow_account *acc,
                                  int64_t request_id, int64_t meeting)
{
    struct rp_workflow *wf = a->wf;
    const struct rp_workflow_settings *s = &wf->settings;
    enum rp_status status;
    char approval[11], print[11], due[11];
    size_t i;

    due_day(wf, meeting, s->approval_lead_days, approval);
    due_day(wf, meeting, s->print_lead_days, print);
    status = rp_wf_exec(wf, "recording the deadlines", a->err,
                        "UPDATE requests SET approval_due = ?, print_due = ? "
                        "WHERE id = ?",
                        "ttI", approval, print, request_id);
    due_day(wf, meeting, s->contribution_lead_days, due);
    for (i = 0; status == RP_OK && i < s->n_sections; i++) {
        const struct rp_workflow_section_rule *r = &s->sections[i];
        const struct rp_workflow_person *p = rp_wf_task_writer(wf, r, acc);

        status = rp_wf_exec(wf, "recording a contribution task", a->err,
                            "INSERT INTO tasks (request, section, writer, "
                            "person, due, created_at) VALUES (?, ?, ?, ?, ?, "
                            "?)",
                            "IttttI", request_id, r->name, r->writer,
                            p ? p->id : NULL, due, wf->now);
    }
    return status;
}

enum rp_status rp_wf_tasks_complete(struct rp_wf_act *a, const char *section)
{
    return rp_wf_exec(a->wf, "completing the task", a->err,
                      "UPDATE tasks SET done_at = ?, done_by = ? WHERE "
                      "request = ? AND section = ? AND done_at IS NULL",
                      "ItIt", a->wf->now, a->actor->id, a->req.id, section);
}

/* The name people know a task's person by, or what the rule wanted. */
static char *person_text(const struct rp_workflow *wf, const char *id,
                         const char *writer, const char *owner)
{
    const struct rp_workflow_person *p =
        rp_workflow_people_by_id(&wf->people, id);
    char buf[1200];

    if (p)
        return rp_xstrdup(p->name);
    if (id)
        return rp_xstrdup(id);
    if (strcmp(writer, "owner") == 0 && owner && owner[0])
        snprintf(buf, sizeof(buf), "nobody (the owner %s is not in %s)", owner,
                 wf->people.path);
    else
        snprintf(buf, sizeof(buf), "nobody (no %s in %s)", writer,
                 wf->people.path);
    return rp_xstrdup(buf);
}

enum rp_status rp_workflow_tasks(struct rp_workflow *wf, const char *account_id,
                                 struct rp_workflow_task_list *out,
                                 struct rp_error *err)
{
    sqlite3_stmt *st;
    size_t cap = 0;
    char today[11];
    int rc = SQLITE_OK;

    memset(out, 0, sizeof(*out));
    if (!rp_workflow_people_by_login(&wf->people, wf->login))
        return rp_error_set(err, RP_ERR_REFUSED, NULL, 0, NULL,
                            "the OS login '%s' is not in %s: only the "
                            "program's people may see the tasks",
                            wf->login, wf->people.path);
    rp_wf_format_day(wf->now, today);
    st = rp_wf_prepare(
        wf, "reading the tasks", err,
        "SELECT r.account, r.year, r.stage, t.section, t.person, t.writer, "
        " t.due, t.done_at, t.done_by, r.owner "
        "FROM tasks t JOIN requests r ON r.id = t.request "
        "WHERE (?1 IS NULL OR r.account = ?1) AND r.year = "
        " (SELECT max(year) FROM requests WHERE account = r.account) "
        "ORDER BY r.account, t.id",
        "t", account_id);
    if (!st)
        return err->status;
    while (rp_wf_next_row(st, &rc)) {
        struct rp_workflow_task *t;
        char *owner;

        rp_array_grow((void **)&out->items, &cap, out->n + 1,
                      sizeof(*out->items));
        t = &out->items[out->n++];
        memset(t, 0, sizeof(*t));
        t->account = rp_wf_column_dup(st, 0, "");
        t->year = sqlite3_column_int(st, 1);
        t->stage = rp_wf_stage_parse((const char *)sqlite3_column_text(st, 2));
        t->section = rp_wf_column_dup(st, 3, "");
        t->person = rp_wf_column_dup(st, 4, NULL);
        t->writer = rp_wf_column_dup(st, 5, "");
        snprintf(t->due, sizeof(t->due), "%s",
                 (const char *)sqlite3_column_text(st, 6));
        if (sqlite3_column_type(st, 7) != SQLITE_NULL)
            rp_wf_format_day(sqlite3_column_int64(st, 7), t->done);
        t->done_by = rp_wf_column_dup(st, 8, NULL);
        owner = rp_wf_column_dup(st, 9, "");
        t->person_name = person_text(wf, t->person, t->writer, owner);
        free(owner);
        /* Due at the end of its day; YYYY-MM-DD compares as text. */
        t->overdue = !t->done[0] && strcmp(today, t->due) > 0;
        t->late = t->done[0] && strcmp(t->done, t->due) > 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        rp_workflow_task_list_free(out);
        return rp_wf_db_error(wf, rc, "reading the tasks", err);
    }
    return RP_OK;
}

void rp_workflow_task_list_free(struct rp_workflow_task_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        struct rp_workflow_task *t = &list->items[i];
        free(t->account);
        free(t->section);
        free(t->person);
        free(t->person_name);
        free(t->writer);
        free(t->done_by);
    }
    free(list->items);
    memset(list, 0, sizeof(*list));
}
