/*
 * Signing in and out, and setting a password from an invitation.  Before
 * a session, the forms' CSRF token is the rp_pre cookie's random value,
 * repeated in the form (a cross-site form cannot read it, and with
 * SameSite=Strict it is not even sent).
 */
#include "internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void web_random_token(char *out, size_t size)
{
    unsigned char raw[32];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, size, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The pre-session token: the cookie's, or a new one set now. */
static void pre_token(struct web_request *rq, struct web_response *rs)
{
    if (!rq->pre_cookie[0]) {
        web_random_token(rq->pre_cookie, sizeof(rq->pre_cookie));
        web_set_cookie(rq, rs, "rp_pre", rq->pre_cookie, -1);
    }
    snprintf(rq->csrf, sizeof(rq->csrf), "%s", rq->pre_cookie);
}

static void sign_in_form(struct web_request *rq, struct web_response *rs,
                         const char *who, const char *problem)
{
    const char *next = web_form_get(rq->post ? &rq->form : &rq->query, "next");
    const char *notice = web_form_get(&rq->query, "notice");

    pre_token(rq, rs);
    web_page_begin(NULL, rs, "Sign in");
    if (problem)
        web_html(&rs->body, "<p class=\"error\" role=\"alert\">%s</p>\n",
                 problem);
    else if (notice && strcmp(notice, "password-set") == 0)
        web_html(&rs->body, "<p class=\"notice\">Your password is set; sign "
                            "in with it.</p>\n");
    else if (notice && strcmp(notice, "signed-out") == 0)
        web_html(&rs->body, "<p class=\"notice\">You are signed out.</p>\n");
    web_html(&rs->body,
             "<form method=\"post\" action=\"/sign-in\" class=\"card\">\n"
             "<label for=\"who\">Your name (person id) or login</label>"
             "<input id=\"who\" name=\"who\" autocomplete=\"username\" "
             "required value=\"%s\">\n"
             "<label for=\"password\">Password</label><input id=\"password\" "
             "name=\"password\" type=\"password\" "
             "autocomplete=\"current-password\" required>\n",
             who ? who : "");
    web_csrf_field(rq, rs);
    if (next && web_local_path(next))
        web_html(&rs->body,
                 "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
    web_html(&rs->body, "\n<button type=\"submit\">Sign in</button></form>\n"
                        "<p class=\"muted\">No password yet? Ask the "
                        "program's administrator for an invitation.</p>\n");
    web_page_end(rs);
}

void page_sign_in(struct web_request *rq, struct web_response *rs)
{
    struct rp_workflow_session session;
    struct rp_error err;
    const char *who, *password, *next;
    int opened;

    opened = web_open(rq, rs);
    if (opened < 0)
        return;
    if (!rq->post) {
        if (opened)
            web_redirect(rs, "/");
        else
            sign_in_form(rq, rs, NULL, NULL);
        return;
    }
    if (!web_check_csrf(rq, rs, rq->pre_cookie))
        return;
    who = web_form_get(&rq->form, "who");
    password = web_form_get(&rq->form, "password");
    next = web_form_get(&rq->form, "next");
    if (!who || !password || !who[0] || !password[0]) {
        rs->status = 400;
        sign_in_form(rq, rs, who, "Give your name and your password.");
        return;
    }
    rp_error_init(&err);
    memset(&session, 0, sizeof(session));
    if (rp_workflow_sign_in(rq->wf, who, password, rq->address, &session,
                            &err) != RP_OK) {
        if (err.status != RP_ERR_REFUSED) {
            web_error_page(rq, rs, &err);
        } else if (strstr(err.message, "too many")) {
            rs->status = 429;
            sign_in_form(rq, rs, who, err.message);
        } else {
            rs->status = 401;
            sign_in_form(rq, rs, who, "The name or password is wrong.");
        }
        return;
    }
    web_set_cookie(rq, rs, "rp_session", session.token, -1);
    web_set_cookie(rq, rs, "rp_pre", "", 0);
    web_redirect(rs, next && web_local_path(next) ? next : "/");
}

void page_sign_out(struct web_request *rq, struct web_response *rs)
{
    struct rp_error err;
    int opened = web_open(rq, rs);

    if (opened < 0)
        return;
    if (!opened) {
        web_redirect(rs, "/sign-in");
        return;
    }
    if (!web_check_csrf(rq, rs, rq->csrf))
        return;
    rp_error_init(&err);
    if (rp_workflow_sign_out(rq->wf, rq->session_cookie, &err) != RP_OK) {
        web_error_page(rq, rs, &err);
        return;
    }
    web_set_cookie(rq, rs, "rp_session", "", 0);
    web_redirect(rs, "/sign-in?notice=signed-out");
}

static void invite_form(struct web_request *rq, struct web_response *rs,
                        const struct rp_workflow_person *who,
                        const char *problem)
{
    char action[WEB_MAX_PATH + 16];

    pre_token(rq, rs);
    web_page_begin(NULL, rs, "Set your password");
    if (problem)
        web_html(&rs->body, "<p class=\"error\" role=\"alert\">%s</p>\n",
                 problem);
    snprintf(action, sizeof(action), "/invite/%s", rq->segs[1]);
    web_html(&rs->body,
             "<p>Welcome, %s. Choose a password of at least %d characters; "
             "you then sign in as <strong>%s</strong>.</p>\n"
             "<form method=\"post\" action=\"%s\" class=\"card\">\n"
             "<input type=\"hidden\" name=\"who\" value=\"%s\" "
             "autocomplete=\"username\">\n"
             "<label for=\"password\">New password</label><input "
             "id=\"password\" name=\"password\" type=\"password\" "
             "autocomplete=\"new-password\" required minlength=\"%d\">\n"
             "<label for=\"password2\">The same again</label><input "
             "id=\"password2\" name=\"password2\" type=\"password\" "
             "autocomplete=\"new-password\" required minlength=\"%d\">\n",
             who->name, RP_WORKFLOW_MIN_PASSWORD, who->id, action, who->id,
             RP_WORKFLOW_MIN_PASSWORD, RP_WORKFLOW_MIN_PASSWORD);
    web_csrf_field(rq, rs);
    web_html(&rs->body, "\n<button type=\"submit\">Set password</button>"
                        "</form>\n");
    web_page_end(rs);
}

static void invite_gone(struct web_request *rq, struct web_response *rs,
                        const struct rp_error *err)
{
    if (err->status != RP_ERR_REFUSED) {
        web_error_page(rq, rs, err);
        return;
    }
    web_message_page(NULL, rs, 410, "Invitation no longer valid",
                     "This invitation has expired or has been used. Ask the "
                     "program's administrator for a new one.");
}

void page_invite(struct web_request *rq, struct web_response *rs)
{
    const struct rp_workflow_person *who = NULL, *invited;
    const char *token = rq->segs[1], *pw, *pw2;
    struct rp_error err;

    if (web_open(rq, rs) < 0)
        return;
    rp_error_init(&err);
    if (rp_workflow_invitation_person(rq->wf, token, &who, &err) != RP_OK) {
        invite_gone(rq, rs, &err);
        return;
    }
    if (!rq->post) {
        invite_form(rq, rs, who, NULL);
        return;
    }
    if (!web_check_csrf(rq, rs, rq->pre_cookie))
        return;
    pw = web_form_get(&rq->form, "password");
    pw2 = web_form_get(&rq->form, "password2");
    if (!pw || !pw2 || strcmp(pw, pw2) != 0) {
        rs->status = 400;
        invite_form(rq, rs, who, "The two passwords differ.");
        return;
    }
    rp_error_init(&err);
    invited = who;
    if (rp_workflow_set_password(rq->wf, token, pw, &who, &err) != RP_OK) {
        if (err.status == RP_ERR_INPUT) {
            rs->status = 400;
            invite_form(rq, rs, invited, err.message);
        } else {
            invite_gone(rq, rs, &err);
        }
        return;
    }
    web_redirect(rs, "/sign-in?notice=password-set");
}
