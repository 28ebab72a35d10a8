/*
 * The home page, one block per role the person has: a sales rep's
 * accounts and the request form, a contributor's open sections, an
 * approver's queue (oldest first), the administrator's view of every
 * request by stage with "send reminders now"; and the two acts posted
 * from it (request, remind).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/date.h"
#include "common/mem.h"

static const struct rp_workflow_request_info *
request_of(const struct rp_workflow_request_list *list, const char *account)
{
    const struct rp_workflow_request_info *found = NULL;
    size_t i;

    /* By account and year: the last one is the latest review. */
    for (i = 0; i < list->n; i++) {
        if (strcmp(list->items[i].account, account) == 0)
            found = &list->items[i];
    }
    return found;
}

static void stage_cell(struct rp_buf *out,
                       const struct rp_workflow_request_info *q)
{
    web_html(out, "<td>%s", rp_workflow_stage_name(q->stage));
    if (q->overdue)
        web_html(out, " <span class=\"overdue\">overdue</span>");
    if (q->approval_waiting_days)
        web_html(out, " <span class=\"watch\">waiting %d days</span>",
                 q->approval_waiting_days);
    if (q->at_risk)
        web_html(out, " <span class=\"overdue\">delivery at risk</span>");
    web_html(out, "</td>");
}

static void sales_block(struct web_request *rq, struct web_response *rs,
                        const struct rp_workflow_request_list *list)
{
    const struct rp_workflow_person *p = rq->person;
    const struct web_account *acc;
    size_t i, n, mine = 0;

    acc = web_accounts(rq, &n);
    web_html(&rs->body, "<section id=\"sales\"><h2>Your accounts</h2>\n"
                        "<table><thead><tr><th>Account</th><th>Name</th>"
                        "<th>Stage</th><th>Meeting</th><th>Due</th>"
                        "<th>Waits on</th></tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        const struct rp_workflow_request_info *q;
        if (strcmp(acc[i].owner, p->name) != 0)
            continue;
        mine++;
        q = request_of(list, acc[i].id);
        web_html(&rs->body,
                 "<tr><td><a href=\"/review/%s\">%s</a></td>"
                 "<td>%s</td>",
                 acc[i].id, acc[i].id, acc[i].name);
        if (q) {
            stage_cell(&rs->body, q);
            web_html(&rs->body, "<td>%s</td><td>%s</td><td>%s</td></tr>\n",
                     q->meeting, q->due, q->waits_on);
        } else {
            web_html(&rs->body, "<td class=\"muted\">not requested</td>"
                                "<td></td><td></td><td></td></tr>\n");
        }
    }
    if (!mine)
        web_html(&rs->body, "<tr><td colspan=\"6\" class=\"muted\">The CRM "
                            "names no account with you as its "
                            "owner.</td></tr>\n");
    web_html(&rs->body, "</tbody></table>\n<form method=\"post\" "
                        "action=\"/request\" class=\"card\">"
                        "<h3>Request a review</h3>\n<label "
                        "for=\"account\">Account</label>");
    if (mine) {
        web_html(&rs->body, "<select id=\"account\" name=\"account\" "
                            "required>\n");
        for (i = 0; i < n; i++) {
            if (strcmp(acc[i].owner, p->name) == 0)
                web_html(&rs->body, "<option value=\"%s\">%s — %s</option>\n",
                         acc[i].id, acc[i].id, acc[i].name);
        }
        web_html(&rs->body, "</select>\n");
    } else {
        web_html(&rs->body, "<input id=\"account\" name=\"account\" "
                            "required placeholder=\"ACC-1001\">\n");
    }
    web_html(&rs->body, "<label for=\"meeting\">Meeting date</label><input "
                        "id=\"meeting\" name=\"meeting\" type=\"date\" "
                        "required placeholder=\"YYYY-MM-DD\">\n");
    web_csrf_field(rq, rs);
    web_html(&rs->body, "\n<button type=\"submit\">Request review</button>"
                        "</form></section>\n");
}

static void contributor_block(struct web_request *rq, struct web_response *rs,
                              const struct rp_workflow_task_list *tasks)
{
    size_t i, open = 0;

    web_html(&rs->body, "<section id=\"tasks\"><h2>Sections waiting on "
                        "you</h2>\n<table><thead><tr><th>Account</th>"
                        "<th>Section</th><th>Due</th><th></th></tr></thead>"
                        "<tbody>\n");
    for (i = 0; i < tasks->n; i++) {
        const struct rp_workflow_task *t = &tasks->items[i];
        /* Once approved, a missing section no longer changes the review
         * (status and remind stop asking for it too). */
        if (!t->person || strcmp(t->person, rq->person->id) != 0 ||
            t->done[0] || t->stage == RP_WORKFLOW_APPROVED ||
            t->stage == RP_WORKFLOW_DELIVERED)
            continue;
        open++;
        web_html(&rs->body,
                 "<tr><td>%s</td><td>%s</td><td>%s%S</td><td><a "
                 "href=\"/contribute/%s/%s\">Write</a></td></tr>\n",
                 t->account, t->section, t->due,
                 t->overdue ? " <span class=\"overdue\">overdue</span>" : "",
                 t->account, t->section);
    }
    if (!open)
        web_html(&rs->body, "<tr><td colspan=\"4\" class=\"muted\">Nothing "
                            "is waiting on you.</td></tr>\n");
    web_html(&rs->body, "</tbody></table></section>\n");
}

static int by_since(const void *a, const void *b)
{
    const struct rp_workflow_request_info *const *x = a, *const *y = b;

    if ((*x)->stage_since != (*y)->stage_since)
        return (*x)->stage_since < (*y)->stage_since ? -1 : 1;
    return strcmp((*x)->account, (*y)->account);
}

static void approver_block(struct web_request *rq, struct web_response *rs,
                           const struct rp_workflow_request_list *list)
{
    const struct rp_workflow_request_info **queue;
    size_t i, n = 0;
    char since[32];

    queue = rp_xcalloc(list->n + 1, sizeof(*queue));
    for (i = 0; i < list->n; i++) {
        if (list->items[i].stage == RP_WORKFLOW_IN_REVIEW &&
            web_person_approves(rq, rq->person, list->items[i].account))
            queue[n++] = &list->items[i];
    }
    qsort(queue, n, sizeof(*queue), by_since);
    web_html(&rs->body, "<section id=\"approvals\"><h2>Reviews waiting on "
                        "your approval</h2>\n<table><thead><tr><th>Account"
                        "</th><th>Name</th><th>In review since</th><th>Due"
                        "</th><th>Meeting</th></tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        web_format_time(queue[i]->stage_since, since, sizeof(since));
        web_html(&rs->body,
                 "<tr><td><a href=\"/review/%s\">%s</a></td><td>%s</td>"
                 "<td>%s</td><td>%s%S</td><td>%s</td></tr>\n",
                 queue[i]->account, queue[i]->account, queue[i]->account_name,
                 since, queue[i]->due,
                 queue[i]->overdue ? " <span class=\"overdue\">overdue</span>"
                                   : "",
                 queue[i]->meeting);
    }
    if (!n)
        web_html(&rs->body, "<tr><td colspan=\"5\" class=\"muted\">No "
                            "review is waiting on you.</td></tr>\n");
    web_html(&rs->body, "</tbody></table></section>\n");
    free(queue);
}

static void admin_block(struct web_request *rq, struct web_response *rs,
                        const struct rp_workflow_request_list *list)
{
    size_t i, overdue = 0;
    int stage;

    for (i = 0; i < list->n; i++)
        overdue += list->items[i].overdue != 0;
    web_html(&rs->body, "<section id=\"all\"><h2>Every request by "
                        "stage</h2>\n<p>");
    web_html(&rs->body, "%d request%S, <span class=\"%S\">%d overdue</span>.",
             (int)list->n, list->n == 1 ? "" : "s", overdue ? "overdue" : "ok",
             (int)overdue);
    web_html(&rs->body, "</p>\n<form method=\"post\" action=\"/remind\">");
    web_csrf_field(rq, rs);
    web_html(&rs->body, "<button type=\"submit\">Send reminders now</button>"
                        "</form>\n");
    for (stage = 0; stage < RP_WORKFLOW_N_STAGES; stage++) {
        size_t n = 0;
        for (i = 0; i < list->n; i++)
            n += (int)list->items[i].stage == stage;
        if (!n)
            continue;
        web_html(&rs->body,
                 "<h3>%s (%d)</h3>\n<table><thead><tr><th>Account</th>"
                 "<th>Name</th><th>Year</th><th>Since</th><th>Due</th>"
                 "<th>Waits on</th><th>State</th></tr></thead><tbody>\n",
                 rp_workflow_stage_name((enum rp_workflow_stage)stage), (int)n);
        for (i = 0; i < list->n; i++) {
            const struct rp_workflow_request_info *q = &list->items[i];
            if ((int)q->stage != stage)
                continue;
            web_html(&rs->body,
                     "<tr><td><a href=\"/review/%s\">%s</a></td><td>%s</td>"
                     "<td>%d</td><td>%s</td><td>%s</td><td>%s</td>",
                     q->account, q->account, q->account_name, q->year, q->since,
                     q->due, q->waits_on);
            stage_cell(&rs->body, q);
            web_html(&rs->body, "</tr>\n");
        }
        web_html(&rs->body, "</tbody></table>\n");
    }
    web_html(&rs->body, "</section>\n");
}

void page_home(struct web_request *rq, struct web_response *rs)
{
    struct rp_workflow_request_list list;
    struct rp_workflow_task_list tasks;
    struct rp_error err;
    const char *notice = web_notice(rq);
    unsigned roles;
    int opened = web_open(rq, rs);

    if (opened <= 0) {
        if (opened == 0)
            web_to_sign_in(rq, rs);
        return;
    }
    rp_error_init(&err);
    if (rp_workflow_status(rq->wf, NULL, &list, &err) != RP_OK) {
        web_error_page(rq, rs, &err);
        return;
    }
    if (rp_workflow_tasks(rq->wf, NULL, &tasks, &err) != RP_OK) {
        rp_workflow_request_list_free(&list);
        web_error_page(rq, rs, &err);
        return;
    }
    roles = rq->person->roles;
    web_page_begin(rq, rs, "Reviews");
    if (notice)
        web_html(&rs->body, "<p class=\"notice\">%s</p>\n", notice);
    if (roles & RP_WORKFLOW_APPROVER)
        approver_block(rq, rs, &list);
    if (roles & RP_WORKFLOW_CONTRIBUTOR)
        contributor_block(rq, rs, &tasks);
    if (roles & RP_WORKFLOW_SALES_REP)
        sales_block(rq, rs, &list);
    if (roles & RP_WORKFLOW_ADMINISTRATOR)
        admin_block(rq, rs, &list);
    web_page_end(rs);
    rp_workflow_task_list_free(&tasks);
    rp_workflow_request_list_free(&list);
}

int web_may_act(struct web_request *rq, struct web_response *rs)
{
    int opened = web_open(rq, rs);

    if (opened == 0)
        web_to_sign_in(rq, rs);
    return opened > 0 && web_check_csrf(rq, rs, rq->csrf);
}

/* The key of the notices' MACs: random, for this run of the server (a
 * notice is read right after its redirect). */
static unsigned char notice_key[crypto_auth_KEYBYTES];
static pthread_once_t notice_once = PTHREAD_ONCE_INIT;

static void notice_key_init(void)
{
    randombytes_buf(notice_key, sizeof(notice_key));
}

static void notice_mac(const char *text, char hex[crypto_auth_BYTES * 2 + 1])
{
    unsigned char mac[crypto_auth_BYTES];

    pthread_once(&notice_once, notice_key_init);
    crypto_auth(mac, (const unsigned char *)text, strlen(text), notice_key);
    sodium_bin2hex(hex, crypto_auth_BYTES * 2 + 1, mac, sizeof(mac));
}

const char *web_notice(struct web_request *rq)
{
    const char *text = web_form_get(&rq->query, "notice");
    const char *sig = web_form_get(&rq->query, "sig");
    char want[crypto_auth_BYTES * 2 + 1];

    if (!text || !sig || strlen(sig) != sizeof(want) - 1)
        return NULL;
    notice_mac(text, want);
    return sodium_memcmp(want, sig, sizeof(want) - 1) == 0 ? text : NULL;
}

void web_done(struct web_response *rs, const char *to, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    char loc[WEB_MAX_PATH], mac[crypto_auth_BYTES * 2 + 1];
    size_t n = (size_t)snprintf(loc, sizeof(loc), "%s?notice=", to);
    const unsigned char *p;

    for (p = (const unsigned char *)text; *p && n + 4 < sizeof(loc); p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '.') {
            loc[n++] = (char)*p;
        } else {
            loc[n++] = '%';
            loc[n++] = hex[*p >> 4];
            loc[n++] = hex[*p & 15];
        }
    }
    loc[n] = '\0';
    notice_mac(text, mac);
    if (n + 5 + strlen(mac) < sizeof(loc))
        snprintf(loc + n, sizeof(loc) - n, "&sig=%s", mac);
    web_redirect(rs, loc);
}

void page_request(struct web_request *rq, struct web_response *rs)
{
    const struct rp_workflow_renderer *r;
    struct rp_workflow_result res;
    struct rp_error err;
    const char *account, *meeting;
    int64_t day;
    enum rp_status status;
    char text[256];

    if (!web_may_act(rq, rs))
        return;
    account = web_form_get(&rq->form, "account");
    meeting = web_form_get(&rq->form, "meeting");
    if (!account || !account[0] || !meeting ||
        !rp_date_parse_midnight(meeting, &day)) {
        web_message_page(rq, rs, 400, "Cannot request that",
                         "Give the account and the meeting's date "
                         "(YYYY-MM-DD).");
        return;
    }
    rp_error_init(&err);
    web_render_lock();
    status = web_renderer(rq, &r, &err);
    if (status == RP_OK)
        status =
            rp_workflow_request(rq->wf, r, account, day, INT64_MIN, &res, &err);
    web_render_unlock();
    if (status != RP_OK) {
        web_error_page(rq, rs, &err);
        return;
    }
    snprintf(text, sizeof(text), "%s: review %d requested, due %s.", account,
             res.version, res.due);
    web_done(rs, "/", text);
}

void page_remind(struct web_request *rq, struct web_response *rs)
{
    struct rp_workflow_remind_result res;
    struct rp_error err;
    char outbox[1100], text[256];

    if (!web_may_act(rq, rs))
        return;
    snprintf(outbox, sizeof(outbox), "%s/outbox", rq->srv->state_dir);
    rp_error_init(&err);
    memset(&res, 0, sizeof(res));
    if (rp_workflow_remind(rq->wf, outbox, NULL, NULL, &res, &err) != RP_OK) {
        web_error_page(rq, rs, &err);
        return;
    }
    snprintf(text, sizeof(text),
             "Reminders: %d new message%s, %d already made today, %d handed "
             "to sendmail.",
             res.written, res.written == 1 ? "" : "s", res.repeats, res.sent);
    web_done(rs, "/", text);
}
