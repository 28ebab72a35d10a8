/*
 * reportpipe invite PERSON: an administrator invites a person of
 * people.csv to the intranet page.  The link (the <web url> of
 * workflow.xml, /invite/, a single-use token) is printed for the
 * administrator to hand over; it sets the person's password and expires
 * after RP_WORKFLOW_INVITE_HOURS.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static enum rp_status act(struct cli_workflow *w, void *ctx, char **operands,
                          int n, struct rp_error *err)
{
    const struct rp_workflow_person *p;
    char token[RP_WORKFLOW_TOKEN_SIZE], until[32];
    enum rp_status status;
    int64_t expires;
    time_t t;
    struct tm tm;

    (void)ctx;
    (void)n;
    status = rp_workflow_invite(w->wf, operands[0], token, &expires, err);
    if (status != RP_OK)
        return status;
    p = rp_workflow_people_by_id(rp_workflow_people_of(w->wf), operands[0]);
    t = (time_t)expires;
    gmtime_r(&t, &tm);
    strftime(until, sizeof(until), "%Y-%m-%d %H:%M UTC", &tm);
    printf("invitation for %s (%s), valid until %s:\n  %s/invite/%s\n", p->name,
           p->id, until, rp_workflow_settings_of(w->wf)->web_url, token);
    memset(token, 0, sizeof(token));
    return RP_OK;
}

int cmd_invite(int argc, char **argv)
{
    static const struct cli_workflow_command command = {
        "reportpipe invite PERSON [options]",
        "Invites PERSON (a person id of CONFIG/people.csv) to the intranet "
        "page, as an\nadministrator: prints a link, valid 72 hours and "
        "once, where they set their\npassword.  The link starts with <web "
        "url> of CONFIG/workflow.xml.  A new\ninvitation replaces the "
        "person's unused one; setting a password ends the\nperson's "
        "sessions.\n",
        NULL,
        1,
        1,
        NULL,
        NULL,
        act,
    };

    return cli_workflow_main(&command, NULL, argc, argv);
}
