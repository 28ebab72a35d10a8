/*
 * A contributor's section (write, preview as the review will read it,
 * submit through rp_workflow_contribute()) and the history: what the
 * signed-in person did, or for an administrator anyone's.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"

/* The open task of account and section, when it is the person's (or
 * any, for an administrator). */
static const struct rp_workflow_task *
task_for(struct web_request *rq, const struct rp_workflow_task_list *tasks,
         const char *account, const char *section)
{
    size_t i;

    for (i = 0; i < tasks->n; i++) {
        const struct rp_workflow_task *t = &tasks->items[i];
        if (strcmp(t->account, account) != 0 ||
            strcmp(t->section, section) != 0)
            continue;
        if ((t->person && strcmp(t->person, rq->person->id) == 0) ||
            (rq->person->roles & RP_WORKFLOW_ADMINISTRATOR))
            return t;
    }
    return NULL;
}

static void contribute_form(struct web_request *rq, struct web_response *rs,
                            const struct rp_workflow_task *t, const char *text,
                            int preview)
{
    char title[256];

    snprintf(title, sizeof(title), "%s: %s", t->account, t->section);
    web_page_begin(rq, rs, title);
    web_html(&rs->body,
             "<p>Due %s%S. Blank lines separate paragraphs; line "
             "breaks inside a paragraph are ignored.</p>\n",
             t->due,
             t->overdue ? " <span class=\"overdue\">overdue</span>" : "");
    if (preview) {
        web_html(&rs->body, "<h2>Preview</h2><div class=\"card preview\">\n");
        web_paragraphs(&rs->body, text);
        web_html(&rs->body, "</div>\n");
    }
    web_html(&rs->body,
             "<form method=\"post\" action=\"/contribute/%s/%s\">"
             "<label for=\"text\">Your text</label><textarea id=\"text\" "
             "name=\"text\" required>%s</textarea>\n",
             t->account, t->section, text ? text : "");
    web_csrf_field(rq, rs);
    web_html(&rs->body, "<button type=\"submit\" name=\"action\" "
                        "value=\"preview\" class=\"secondary\">Preview"
                        "</button><button type=\"submit\" name=\"action\" "
                        "value=\"submit\">Submit</button></form>\n");
    web_page_end(rs);
}

void page_contribute(struct web_request *rq, struct web_response *rs)
{
    const char *account = rq->segs[1], *section = rq->segs[2];
    const char *text, *action;
    const struct rp_workflow_task *t;
    struct rp_workflow_task_list tasks;
    struct rp_workflow_result res;
    struct rp_error err;
    char msg[256];
    int opened = web_open(rq, rs);

    if (opened <= 0) {
        if (opened == 0)
            web_to_sign_in(rq, rs);
        return;
    }
    if (rq->post && !web_check_csrf(rq, rs, rq->csrf))
        return;
    rp_error_init(&err);
    if (rp_workflow_tasks(rq->wf, account, &tasks, &err) != RP_OK) {
        web_error_page(rq, rs, &err);
        return;
    }
    t = task_for(rq, &tasks, account, section);
    if (!t) {
        web_message_page(rq, rs, 404, "Not found",
                         "No such section is asked of you.");
        goto out;
    }
    if (!rq->post) {
        contribute_form(rq, rs, t, "", 0);
        goto out;
    }
    text = web_form_get(&rq->form, "text");
    action = web_form_get(&rq->form, "action");
    if (!text || strlen(text) > RP_WORKFLOW_MAX_CONTRIBUTION) {
        web_message_page(rq, rs, 400, "Cannot take that",
                         "The text is missing or longer than 256 KiB.");
        goto out;
    }
    if (!action || strcmp(action, "submit") != 0) {
        contribute_form(rq, rs, t, text, 1);
        goto out;
    }
    if (rp_workflow_contribute(rq->wf, account, section, text, strlen(text),
                               "web form", &res, &err) != RP_OK) {
        web_error_page(rq, rs, &err);
        goto out;
    }
    snprintf(msg, sizeof(msg), "%s: %s stored.", account, section);
    web_done(rs, "/", msg);
out:
    rp_workflow_task_list_free(&tasks);
}

/* The newest HISTORY_ROWS entries, rendered as rows, newest first. */
#define HISTORY_ROWS 200

struct history {
    char *rows[HISTORY_ROWS]; /* newest first, as the store gives them */
    size_t n;
};

static void history_row(void *ctx, const struct rp_workflow_audit_entry *e)
{
    struct history *h = ctx;
    struct rp_buf row = RP_BUF_INIT;
    char at[32];

    rp_buf_init(&row, 0);
    web_format_time(e->at, at, sizeof(at));
    web_html(&row,
             "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
             "<td class=\"%S\">%s</td><td class=\"detail\">%s</td><td>%s</td>"
             "</tr>\n",
             at, e->person ? e->person : e->login, e->account ? e->account : "",
             e->action, strcmp(e->outcome, "refused") == 0 ? "refused" : "",
             e->outcome, e->detail ? e->detail : "",
             e->via ? e->via : "command line");
    if (h->n < HISTORY_ROWS)
        h->rows[h->n++] = rp_buf_take(&row);
    else
        rp_buf_release(&row);
}

void page_history(struct web_request *rq, struct web_response *rs)
{
    const struct rp_workflow_people *people;
    const char *who;
    struct history h;
    struct rp_error err;
    enum rp_status status;
    size_t i;
    int admin, opened = web_open(rq, rs);

    if (opened <= 0) {
        if (opened == 0)
            web_to_sign_in(rq, rs);
        return;
    }
    admin = (rq->person->roles & RP_WORKFLOW_ADMINISTRATOR) != 0;
    who = admin ? web_form_get(&rq->query, "person") : rq->person->id;
    if (who && !who[0])
        who = NULL;
    memset(&h, 0, sizeof(h));
    rp_error_init(&err);
    status = rp_workflow_audit_of_person(rq->wf, who, HISTORY_ROWS, history_row,
                                         &h, &err);
    if (status != RP_OK) {
        web_error_page(rq, rs, &err);
        goto out;
    }
    web_page_begin(rq, rs, "History");
    if (admin) {
        people = rp_workflow_people_of(rq->wf);
        web_html(&rs->body, "<form method=\"get\" action=\"/history\">"
                            "<label for=\"person\">Whose</label><select "
                            "id=\"person\" name=\"person\"><option "
                            "value=\"\">everyone</option>");
        for (i = 0; people && i < people->n; i++)
            web_html(&rs->body, "<option value=\"%s\"%S>%s</option>",
                     people->items[i].id,
                     who && strcmp(who, people->items[i].id) == 0 ? " selected"
                                                                  : "",
                     people->items[i].name);
        web_html(&rs->body, "</select><button type=\"submit\">Show</button>"
                            "</form>\n");
    }
    web_html(&rs->body, "<table><thead><tr><th>When</th><th>Who</th>"
                        "<th>Account</th><th>Action</th><th>Outcome</th>"
                        "<th>Detail</th><th>From</th></tr></thead><tbody>\n");
    for (i = 0; i < h.n; i++)
        web_put(&rs->body, h.rows[i], strlen(h.rows[i]));
    if (!h.n)
        web_html(&rs->body, "<tr><td colspan=\"7\" class=\"muted\">Nothing "
                            "yet.</td></tr>\n");
    web_html(&rs->body, "</tbody></table>\n");
    web_page_end(rs);
out:
    for (i = 0; i < h.n; i++)
        free(h.rows[i]);
}
