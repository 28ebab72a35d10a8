/*
 * One account's review: its facts, the sections asked, the audit trail,
 * the PDF inline, and for its designated approver the decision, through
 * rp_workflow_approve() / rp_workflow_reject() exactly as the approve and
 * reject commands call them.  PDFs are served only from the paths the
 * store recorded, and only when they resolve under OUTPUT.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Who may see an account's review and its PDFs: administrators, its
 * designated approvers, its owner, people with a task on it. */
static int may_see(struct web_request *rq, const char *account,
                   const struct rp_workflow_task_list *tasks)
{
    const struct rp_workflow_person *p = rq->person;
    const struct web_account *a;
    size_t i;

    if (p->roles & RP_WORKFLOW_ADMINISTRATOR)
        return 1;
    for (i = 0; i < tasks->n; i++) {
        if (tasks->items[i].person &&
            strcmp(tasks->items[i].person, p->id) == 0 &&
            strcmp(tasks->items[i].account, account) == 0)
            return 1;
    }
    a = web_account_by_id(rq, account);
    if (a && (p->roles & RP_WORKFLOW_SALES_REP) &&
        strcmp(a->owner, p->name) == 0)
        return 1;
    return web_person_approves(rq, p, account);
}

/* The account's latest request and the right to see it, in an open
 * store: 1, or 0 with rs filled (404: someone who may not see the account
 * learns nothing of it, not even whether it has a request). */
static int visible(struct web_request *rq, struct web_response *rs,
                   struct rp_workflow_request_list *list,
                   struct rp_workflow_task_list *tasks)
{
    const char *account = rq->segs[1];
    struct rp_error err;

    rp_error_init(&err);
    if (rp_workflow_status(rq->wf, account, list, &err) != RP_OK ||
        rp_workflow_tasks(rq->wf, account, tasks, &err) != RP_OK) {
        web_error_page(rq, rs, &err);
        return 0;
    }
    if (!list->n || !may_see(rq, account, tasks)) {
        web_message_page(rq, rs, 404, "Not found",
                         "There is no review of that account for you.");
        return 0;
    }
    return 1;
}

/* The session, then visible(): 1, or 0 with rs filled (sign-in, 404). */
static int load(struct web_request *rq, struct web_response *rs,
                struct rp_workflow_request_list *list,
                struct rp_workflow_task_list *tasks)
{
    int opened = web_open(rq, rs);

    memset(list, 0, sizeof(*list));
    memset(tasks, 0, sizeof(*tasks));
    if (opened <= 0) {
        if (opened == 0)
            web_to_sign_in(rq, rs);
        return 0;
    }
    return visible(rq, rs, list, tasks);
}

static void release(struct rp_workflow_request_list *list,
                    struct rp_workflow_task_list *tasks)
{
    rp_workflow_request_list_free(list);
    rp_workflow_task_list_free(tasks);
}

static void audit_row(void *ctx, const struct rp_workflow_audit_entry *e)
{
    struct rp_buf *out = ctx;
    char at[32];

    web_format_time(e->at, at, sizeof(at));
    web_html(
        out,
        "<tr><td>%s</td><td>%s</td><td>%s%S</td><td class=\"%S\">"
        "%s</td><td>%s%S%s</td><td class=\"detail\">%s</td><td>%s</td></tr>\n",
        at, e->person ? e->person : e->login, e->action,
        e->on_behalf_of ? " (on behalf)" : "",
        strcmp(e->outcome, "refused") == 0 ? "refused" : "", e->outcome,
        e->from_stage ? e->from_stage : "", e->to_stage ? " → " : "",
        e->to_stage ? e->to_stage : "", e->detail ? e->detail : "",
        e->via ? e->via : "command line");
}

static void facts(struct web_response *rs,
                  const struct rp_workflow_request_info *q)
{
    web_html(&rs->body,
             "<dl class=\"facts\"><dt>Account</dt><dd>%s — %s</dd>"
             "<dt>Review year</dt><dd>%d</dd><dt>Stage</dt><dd>%s since "
             "%s%S</dd><dt>Meeting</dt><dd>%s</dd><dt>Due</dt><dd>%s</dd>"
             "<dt>Waits on</dt><dd>%s</dd><dt>Drafts</dt><dd>%d</dd>",
             q->account, q->account_name, q->year,
             rp_workflow_stage_name(q->stage), q->since,
             q->overdue ? " <span class=\"overdue\">overdue</span>" : "",
             q->meeting, q->due, q->waits_on, q->drafts);
    if (q->draft_sha256[0])
        web_html(&rs->body, "<dt>Draft SHA-256</dt><dd><code>%s</code></dd>",
                 q->draft_sha256);
    if (q->final_sha256[0])
        web_html(&rs->body, "<dt>Final SHA-256</dt><dd><code>%s</code></dd>",
                 q->final_sha256);
    if (q->approval_waiting_days)
        web_html(&rs->body,
                 "<dt>Approval</dt><dd class=\"watch\">waiting "
                 "%d days</dd>",
                 q->approval_waiting_days);
    web_html(&rs->body, "<dt>Print deadline</dt><dd>%s%S</dd>",
             q->print_deadline,
             q->at_risk ? " <span class=\"overdue\">at risk</span>" : "");
    if (q->shipped[0])
        web_html(&rs->body, "<dt>Shipped</dt><dd>%s %s</dd>", q->shipped,
                 q->tracking ? q->tracking : "");
    web_html(&rs->body, "</dl>\n");
}

static void tasks_table(struct web_response *rs,
                        const struct rp_workflow_task_list *tasks)
{
    size_t i;

    if (!tasks->n)
        return;
    web_html(&rs->body, "<h2>Sections</h2><table><thead><tr><th>Section</th>"
                        "<th>Writer</th><th>Due</th><th>State</th></tr>"
                        "</thead><tbody>\n");
    for (i = 0; i < tasks->n; i++) {
        const struct rp_workflow_task *t = &tasks->items[i];
        web_html(&rs->body, "<tr><td>%s</td><td>%s</td><td>%s</td>", t->section,
                 t->person_name, t->due);
        if (t->done[0])
            web_html(&rs->body, "<td class=\"ok\">done %s%S</td></tr>\n",
                     t->done, t->late ? " (late)" : "");
        else
            web_html(&rs->body, "<td class=\"%S\">missing</td></tr>\n",
                     t->overdue ? "overdue" : "watch");
    }
    web_html(&rs->body, "</tbody></table>\n");
}

static void decision_forms(struct web_request *rq, struct web_response *rs,
                           const char *account)
{
    web_html(&rs->body,
             "<h2>Your decision</h2><div class=\"split\">"
             "<form method=\"post\" action=\"/review/%s/approve\" "
             "class=\"card\"><label for=\"approve-comment\">Comment "
             "(optional)</label><textarea id=\"approve-comment\" "
             "name=\"comment\" rows=\"3\">"
             "</textarea>",
             account);
    web_csrf_field(rq, rs);
    web_html(&rs->body,
             "<button type=\"submit\">Approve this draft</button></form>\n"
             "<form method=\"post\" action=\"/review/%s/reject\" "
             "class=\"card\"><label for=\"reject-comment\">What must change "
             "(required)</label><textarea id=\"reject-comment\" "
             "name=\"comment\" rows=\"3\" required></textarea>",
             account);
    web_csrf_field(rq, rs);
    web_html(&rs->body, "<button type=\"submit\" class=\"danger\">Send back"
                        "</button></form></div>\n");
}

/* Submitting renders a draft and sends it to review: an administrator's
 * act (the workflow checks it again), before review. */
static int may_submit(struct web_request *rq,
                      const struct rp_workflow_request_info *q)
{
    if (q->stage != RP_WORKFLOW_REQUESTED &&
        q->stage != RP_WORKFLOW_COLLECTING && q->stage != RP_WORKFLOW_DRAFTED &&
        q->stage != RP_WORKFLOW_CHANGES_REQUESTED)
        return 0;
    return (rq->person->roles & RP_WORKFLOW_ADMINISTRATOR) != 0;
}

static void submit_form(struct web_request *rq, struct web_response *rs,
                        const char *account)
{
    web_html(&rs->body,
             "<form method=\"post\" action=\"/review/%s/submit\" "
             "class=\"card\"><p>Render the draft from today's data and the "
             "sections handed in, and send it to the approver.</p>",
             account);
    web_csrf_field(rq, rs);
    web_html(&rs->body, "<button type=\"submit\">Submit for approval"
                        "</button></form>\n");
}

void page_review(struct web_request *rq, struct web_response *rs)
{
    struct rp_workflow_request_list list;
    struct rp_workflow_task_list tasks;
    const struct rp_workflow_request_info *q;
    const char *account = rq->segs[1], *notice;
    struct rp_error err;
    char title[300];

    if (!load(rq, rs, &list, &tasks)) {
        release(&list, &tasks);
        return;
    }
    q = &list.items[list.n - 1];
    snprintf(title, sizeof(title), "Review of %s", q->account_name);
    web_page_begin(rq, rs, title);
    notice = web_notice(rq);
    if (notice)
        web_html(&rs->body, "<p class=\"notice\">%s</p>\n", notice);
    facts(rs, q);
    web_review_numbers(rq, rs, account);
    if (q->stage == RP_WORKFLOW_IN_REVIEW &&
        web_person_approves(rq, rq->person, account))
        decision_forms(rq, rs, account);
    if (may_submit(rq, q))
        submit_form(rq, rs, account);
    if (q->final_sha256[0] || q->drafts) {
        web_html(&rs->body,
                 "<h2>The document</h2><p><a href=\"/pdf/%s/%S\">Open the "
                 "PDF</a></p><iframe class=\"pdf\" src=\"/pdf/%s/%S\" "
                 "title=\"The review's PDF\"></iframe>\n",
                 account, q->final_sha256[0] ? "final" : "draft", account,
                 q->final_sha256[0] ? "final" : "draft");
    }
    tasks_table(rs, &tasks);
    web_html(&rs->body, "<h2>Audit trail</h2><table><thead><tr><th>When</th>"
                        "<th>Who</th><th>Action</th><th>Outcome</th>"
                        "<th>Stage</th><th>Detail</th><th>From</th></tr>"
                        "</thead><tbody>\n");
    rp_error_init(&err);
    if (rp_workflow_audit_each(rq->wf, account, audit_row, &rs->body, &err) !=
        RP_OK)
        web_html(&rs->body,
                 "<tr><td colspan=\"7\" class=\"error\">%s</td>"
                 "</tr>",
                 err.message);
    web_html(&rs->body, "</tbody></table>\n");
    web_page_end(rs);
    release(&list, &tasks);
}

void page_decide(struct web_request *rq, struct web_response *rs)
{
    const char *account = rq->segs[1], *what = rq->segs[2], *comment;
    const struct rp_workflow_renderer *r;
    struct rp_workflow_request_list list;
    struct rp_workflow_task_list tasks;
    struct rp_workflow_behalf behalf = {NULL, NULL};
    struct rp_workflow_result res;
    struct rp_error err;
    enum rp_status status;
    char to[WEB_MAX_PATH], text[256];
    int approve = strcmp(what, "approve") == 0;
    int submit = strcmp(what, "submit") == 0, seen;

    if (!approve && !submit && strcmp(what, "reject") != 0) {
        web_message_page(rq, rs, 404, "Not found", "There is no such page.");
        return;
    }
    if (!web_may_act(rq, rs))
        return;
    /* The workflow decides who may act, and audits a refusal; but its
     * reasons name the account's stage and facts, which someone who may
     * not see the account is not told. */
    rp_error_init(&err);
    memset(&list, 0, sizeof(list));
    memset(&tasks, 0, sizeof(tasks));
    seen = rp_workflow_status(rq->wf, account, &list, &err) == RP_OK &&
           rp_workflow_tasks(rq->wf, account, &tasks, &err) == RP_OK &&
           list.n && may_see(rq, account, &tasks);
    release(&list, &tasks);
    comment = web_form_get(&rq->form, "comment");
    if (comment && !comment[0])
        comment = NULL;
    if (!approve && !submit && !comment) {
        web_message_page(rq, rs, 400, "Say what must change",
                         "Sending a review back needs a comment.");
        return;
    }
    rp_error_init(&err);
    if (submit) {
        web_render_lock();
        status = web_renderer(rq, &r, &err);
        if (status == RP_OK)
            status = rp_workflow_submit(rq->wf, r, account, &res, &err);
        web_render_unlock();
    } else if (approve) {
        web_render_lock();
        status = web_renderer(rq, &r, &err);
        if (status == RP_OK)
            status = rp_workflow_approve(rq->wf, r, account, comment, &behalf,
                                         &res, &err);
        web_render_unlock();
    } else {
        status =
            rp_workflow_reject(rq->wf, account, comment, &behalf, &res, &err);
    }
    if (!seen && (status == RP_ERR_REFUSED || status == RP_ERR_INPUT)) {
        web_message_page(rq, rs, 403, "Not allowed",
                         "You may not act on that review.");
        return;
    }
    if (status != RP_OK) {
        web_error_page(rq, rs, &err);
        return;
    }
    if (submit)
        snprintf(text, sizeof(text), "Draft %d submitted for approval.",
                 res.version);
    else if (approve)
        snprintf(text, sizeof(text), "Approved: the final's fingerprint is %s.",
                 res.fingerprint);
    else
        snprintf(text, sizeof(text), "Sent back: %s -> %s.",
                 rp_workflow_stage_name(res.from),
                 rp_workflow_stage_name(res.to));
    snprintf(to, sizeof(to), "/review/%s", account);
    web_done(rs, to, text);
}

/* Opens path when it resolves under OUTPUT to a regular file. */
static int open_confined(const struct web_server *srv, const char *path,
                         long long *size)
{
    char real[PATH_MAX];
    size_t n = strlen(srv->output_real);
    struct stat st;
    int fd;

    if (!path[0] || !realpath(path, real))
        return -1;
    if (strncmp(real, srv->output_real, n) != 0 || real[n] != '/')
        return -1;
    fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    *size = (long long)st.st_size;
    return fd;
}

void page_pdf(struct web_request *rq, struct web_response *rs)
{
    struct rp_workflow_request_list list;
    struct rp_workflow_task_list tasks;
    const struct rp_workflow_request_info *q;
    const char *account = rq->segs[1], *kind = rq->segs[2];
    char path[1024] = "";
    struct rp_error err;
    int final = strcmp(kind, "final") == 0;

    if (!final && strcmp(kind, "draft") != 0) {
        web_message_page(rq, rs, 404, "Not found", "There is no such page.");
        return;
    }
    if (!load(rq, rs, &list, &tasks)) {
        release(&list, &tasks);
        return;
    }
    q = &list.items[list.n - 1];
    rp_error_init(&err);
    if (final && q->final_path)
        snprintf(path, sizeof(path), "%s", q->final_path);
    else if (!final && rp_workflow_latest_draft_path(rq->wf, account, path,
                                                     &err) != RP_OK) {
        release(&list, &tasks);
        web_error_page(rq, rs, &err);
        return;
    }
    release(&list, &tasks);
    rs->fd = open_confined(rq->srv, path, &rs->fd_size);
    if (rs->fd < 0) {
        web_message_page(rq, rs, 404, "Not found",
                         "There is no such document.");
        return;
    }
    rs->type = "application/pdf";
    snprintf(rs->disposition, sizeof(rs->disposition),
             "inline; filename=\"%s-%s.pdf\"", account, kind);
}
