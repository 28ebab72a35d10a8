/*
 * The workflow's settings, from config/workflow.xml (workflow.h): the
 * deadlines (one print lead time for the reminders, the print job and the
 * deliveries at risk), print copies, the sections people are asked to
 * write and who writes each, how reminders go out and where the intranet
 * page is.  Only the form is
 * checked here; whether a section exists and a person:ID is in people.csv is
 * checked when the store opens (tasks.c), where both are known.
 */
#include "workflow.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/tree.h>

#include "common/xmlconf.h"

static void defaults(struct rp_workflow_settings *s)
{
    memset(s, 0, sizeof(*s));
    s->delivery_lead_days = 7;
    s->approval_wait_days = 5;
    s->contribution_lead_days = 21;
    s->approval_lead_days = 10;
    s->print_lead_days = -1; /* the delivery lead, unless given */
    s->print_copies = 1;
    s->delivery_risk_days = 2;
    s->remind_before_days = 3;
    s->remind_every_days = 1;
    snprintf(s->web_url, sizeof(s->web_url), "http://127.0.0.1:8080");
}

/* Copies attribute name into out; absent leaves out alone. */
static enum rp_status text_attr(const char *path, const xmlNode *n,
                                const char *name, char *out, size_t size,
                                bool required, struct rp_error *err)
{
    char *v = rp_xmlconf_attr(n, name);
    enum rp_status status = RP_OK;

    if (!v)
        return required ? rp_error_set(err, RP_ERR_INPUT, path, n->line, name,
                                       "<%s> needs the attribute %s",
                                       (const char *)n->name, name)
                        : RP_OK;
    if (strlen(v) >= size || strpbrk(v, "\r\n"))
        status = rp_xmlconf_bad_attr(path, n, name, v,
                                     "one line of a sensible length", err);
    else
        snprintf(out, size, "%s", v);
    xmlFree(v);
    return status;
}

static int valid_writer(const char *w)
{
    return strcmp(w, "owner") == 0 || strcmp(w, "approver") == 0 ||
           strcmp(w, "administrator") == 0 ||
           (strncmp(w, "person:", 7) == 0 && w[7]);
}

static enum rp_status read_section(struct rp_workflow_settings *s,
                                   const char *path, const xmlNode *n,
                                   struct rp_error *err)
{
    struct rp_workflow_section_rule *r;
    enum rp_status status;
    size_t i;

    if (s->n_sections == RP_WORKFLOW_MAX_TASK_SECTIONS)
        return rp_error_set(err, RP_ERR_INPUT, path, n->line, NULL,
                            "more than %d <section> elements",
                            RP_WORKFLOW_MAX_TASK_SECTIONS);
    r = &s->sections[s->n_sections];
    memset(r, 0, sizeof(*r));
    r->line = n->line;
    status = text_attr(path, n, "name", r->name, sizeof(r->name), true, err);
    if (status == RP_OK)
        status = text_attr(path, n, "writer", r->writer, sizeof(r->writer),
                           true, err);
    if (status != RP_OK)
        return status;
    if (!valid_writer(r->writer))
        return rp_xmlconf_bad_attr(path, n, "writer", r->writer,
                                   "owner, approver, administrator or "
                                   "person:ID (an id of people.csv)",
                                   err);
    for (i = 0; i < s->n_sections; i++) {
        if (strcmp(s->sections[i].name, r->name) == 0)
            return rp_error_set(err, RP_ERR_INPUT, path, n->line, "name",
                                "section '%s' is listed twice (also line %ld)",
                                r->name, s->sections[i].line);
    }
    s->n_sections++;
    return RP_OK;
}

static enum rp_status read_mail(struct rp_workflow_settings *s,
                                const char *path, const xmlNode *n,
                                struct rp_error *err)
{
    enum rp_status status;
    int64_t before = s->remind_before_days, every = s->remind_every_days;
    gchar **argv = NULL;
    gint argc = 0;

    status = text_attr(path, n, "from", s->mail_from, sizeof(s->mail_from),
                       false, err);
    if (status == RP_OK)
        status = text_attr(path, n, "from-name", s->mail_from_name,
                           sizeof(s->mail_from_name), false, err);
    if (status == RP_OK)
        status = text_attr(path, n, "sendmail", s->sendmail,
                           sizeof(s->sendmail), false, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, n, "remind-before-days", false, 0, 365,
                                &before, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, n, "remind-every-days", false, 1, 365,
                                &every, err);
    if (status != RP_OK)
        return status;
    if (s->mail_from[0] &&
        (!strchr(s->mail_from, '@') || strpbrk(s->mail_from, " <>,;\"")))
        return rp_xmlconf_bad_attr(path, n, "from", s->mail_from,
                                   "an address such as reviews@example.com",
                                   err);
    if (s->sendmail[0] && !g_shell_parse_argv(s->sendmail, &argc, &argv, NULL))
        return rp_xmlconf_bad_attr(path, n, "sendmail", s->sendmail,
                                   "a command such as /usr/sbin/sendmail -t",
                                   err);
    g_strfreev(argv);
    s->remind_before_days = (int)before;
    s->remind_every_days = (int)every;
    return RP_OK;
}

/* <web url="https://reviews.example.com"/>: where invitation links point.
 * It goes into links people click, so only a plain http(s) address. */
static enum rp_status read_web(struct rp_workflow_settings *s, const char *path,
                               const xmlNode *n, struct rp_error *err)
{
    char url[sizeof(s->web_url)] = "";
    const char *host;
    enum rp_status status;
    size_t len;

    status = text_attr(path, n, "url", url, sizeof(url), true, err);
    if (status != RP_OK)
        return status;
    len = strlen(url);
    while (len && url[len - 1] == '/')
        url[--len] = '\0';
    host = strncmp(url, "https://", 8) == 0  ? url + 8
           : strncmp(url, "http://", 7) == 0 ? url + 7
                                             : NULL;
    if (!host || !*host || *host == '/' || strpbrk(url, " \t\"'<>\\?#") ||
        !g_utf8_validate(url, -1, NULL))
        return rp_xmlconf_bad_attr(path, n, "url", url,
                                   "an address such as "
                                   "https://reviews.example.com",
                                   err);
    snprintf(s->web_url, sizeof(s->web_url), "%s", url);
    return RP_OK;
}

static bool has_attr(const xmlNode *n, const char *name)
{
    return xmlHasProp(n, BAD_CAST name) != NULL;
}

static enum rp_status read_leads(struct rp_workflow_settings *s,
                                 const char *path, const xmlNode *root,
                                 struct rp_error *err)
{
    int64_t lead = 7, wait = 5, contrib = 21, approval = 10, print = -1;
    int64_t copies = s->print_copies, risk = s->delivery_risk_days;
    enum rp_status status;

    status = rp_xmlconf_int(path, root, "delivery-lead-days", false, 0, 365,
                            &lead, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "approval-wait-days", false, 1, 365,
                                &wait, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "contribution-lead-days", false, 0,
                                365, &contrib, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "approval-lead-days", false, 0, 365,
                                &approval, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "print-lead-days", false, 0, 365,
                                &print, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "print-copies", false, 1, 1000,
                                &copies, err);
    if (status == RP_OK)
        status = rp_xmlconf_int(path, root, "delivery-risk-days", false, 0, 365,
                                &risk, err);
    if (status != RP_OK)
        return status;
    if (print < 0)
        print = lead;
    /* Defaults make way for a long delivery lead: a file that names only
     * delivery-lead-days="14" keeps working. */
    if (!has_attr(root, "approval-lead-days") && approval < print)
        approval = print;
    if (!has_attr(root, "contribution-lead-days") && contrib < approval)
        contrib = approval;
    /* Each step needs the one before it done. */
    if (approval < print)
        return rp_error_set(err, RP_ERR_INPUT, path, root->line,
                            "approval-lead-days",
                            "approval is due %lld days before the meeting, "
                            "after the print deadline (%lld days before)",
                            (long long)approval, (long long)print);
    if (contrib < approval)
        return rp_error_set(err, RP_ERR_INPUT, path, root->line,
                            "contribution-lead-days",
                            "contributions are due %lld days before the "
                            "meeting, after the approval (%lld days before)",
                            (long long)contrib, (long long)approval);
    s->delivery_lead_days = (int)lead;
    s->approval_wait_days = (int)wait;
    s->contribution_lead_days = (int)contrib;
    s->approval_lead_days = (int)approval;
    s->print_lead_days = (int)print;
    s->print_copies = (int)copies;
    s->delivery_risk_days = (int)risk;
    return RP_OK;
}

enum rp_status rp_workflow_settings_load(struct rp_workflow_settings *s,
                                         const char *path, struct rp_error *err)
{
    struct rp_workflow_settings next;
    enum rp_status status;
    xmlDoc *doc = NULL;
    xmlNode *root, *n;

    defaults(s);
    s->print_lead_days = s->delivery_lead_days;
    if (!path || access(path, F_OK) != 0)
        return RP_OK;
    status = rp_xmlconf_read(path, "workflow", &doc, err);
    if (status != RP_OK)
        return status;
    defaults(&next);
    snprintf(next.path, sizeof(next.path), "%s", path);
    root = xmlDocGetRootElement(doc);
    status = read_leads(&next, path, root, err);
    for (n = root->children; status == RP_OK && n; n = n->next) {
        if (rp_xmlconf_is_element(n, "section"))
            status = read_section(&next, path, n, err);
        else if (rp_xmlconf_is_element(n, "mail"))
            status = read_mail(&next, path, n, err);
        else if (rp_xmlconf_is_element(n, "web"))
            status = read_web(&next, path, n, err);
        else if (n->type == XML_ELEMENT_NODE)
            status = rp_xmlconf_unexpected(path, n, "workflow", err);
    }
    xmlFreeDoc(doc);
    if (status == RP_OK)
        *s = next;
    return status;
}
