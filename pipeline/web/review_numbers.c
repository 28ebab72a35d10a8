/*
 * The numbers a sales leader looks at before approving, from the review
 * data the draft was made from (its snapshot, docs/data-contract.md): the
 * account's tier, ARR, renewal and health with its reasons, and the
 * year's support: tickets, SLA met, first response and resolution met,
 * escalations, tickets open at the end.  The snapshot is read with a
 * streaming reader that stops at the account's <support> element: the
 * ticket log after it can be megabytes, and the page must stay quick.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "common/xml.h"

/* What the page shows, as the data states it (text, not re-formatted
 * numbers: the data contract's own decimal strings). */
struct numbers {
    xmlChar *tier, *arr, *renewal, *health;
    xmlChar *tickets, *sla, *first, *resolution, *escalated, *open;
    char reasons[512];
};

static void take(xmlTextReader *r, const char *name, xmlChar **out)
{
    if (!*out)
        *out = xmlTextReaderGetAttribute(r, BAD_CAST name);
}

/* Reads up to the first account's <support>; 0 when the data has no
 * account. */
static int read_numbers(const char *xml, size_t len, struct numbers *n)
{
    struct rp_error err;
    xmlTextReader *r;
    int in_account = 0, found = 0;

    rp_error_init(&err);
    r = rp_xml_reader_open_memory(xml, len, "snapshot", &err);
    if (!r)
        return 0;
    while (xmlTextReaderRead(r) == 1) {
        const char *name;

        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        name = (const char *)xmlTextReaderConstLocalName(r);
        if (!in_account) {
            if (strcmp(name, "account") != 0)
                continue;
            in_account = found = 1;
            take(r, "tier", &n->tier);
            take(r, "arr", &n->arr);
            take(r, "renewal", &n->renewal);
            take(r, "health", &n->health);
        } else if (strcmp(name, "health-reason") == 0) {
            xmlChar *rule = xmlTextReaderGetAttribute(r, BAD_CAST "rule");
            size_t used = strlen(n->reasons);

            if (rule && used + xmlStrlen(rule) + 3 < sizeof(n->reasons))
                snprintf(n->reasons + used, sizeof(n->reasons) - used, "%s%s",
                         used ? ", " : "", (const char *)rule);
            xmlFree(rule);
        } else if (strcmp(name, "support") == 0) {
            take(r, "tickets", &n->tickets);
            take(r, "sla-met-pct", &n->sla);
            take(r, "first-response-met-pct", &n->first);
            take(r, "resolution-met-pct", &n->resolution);
            take(r, "escalated", &n->escalated);
            take(r, "open-at-end", &n->open);
            break;
        } else if (strcmp(name, "account") == 0) {
            break;
        }
    }
    xmlFreeTextReader(r);
    return found;
}

static const char *or_dash(const xmlChar *s)
{
    return s && s[0] ? (const char *)s : "—";
}

/* A decimal as the data writes it ("1212000.00"), its whole part in
 * groups of three ("1,212,000.00"); anything else as it is. */
static void grouped(const xmlChar *v, char *out, size_t size)
{
    const char *s = v ? (const char *)v : "";
    size_t whole = strspn(s, "0123456789"), i, o = 0;

    if (!whole || (s[whole] && s[whole] != '.') ||
        whole + whole / 3 + strlen(s + whole) + 1 > size) {
        snprintf(out, size, "%s", or_dash(v));
        return;
    }
    for (i = 0; i < whole; i++) {
        if (i && (whole - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = s[i];
    }
    snprintf(out + o, size - o, "%s", s + whole);
}

/* The health's colour, as the review draws it. */
static const char *health_class(const xmlChar *h)
{
    if (!h)
        return "";
    if (strcmp((const char *)h, "stable") == 0)
        return "ok";
    return strcmp((const char *)h, "watch") == 0 ? "watch" : "overdue";
}

/* "74.2 %", or a dash where the data has no value. */
static void percent(struct web_response *rs, const char *label,
                    const xmlChar *v)
{
    web_html(&rs->body, "<dt>%s</dt><dd>%s%S</dd>", label, or_dash(v),
             v && v[0] ? " %" : "");
}

void web_review_numbers(struct web_request *rq, struct web_response *rs,
                        const char *account)
{
    struct numbers n;
    struct rp_error err;
    char *xml = NULL, arr[64];
    size_t len = 0;

    memset(&n, 0, sizeof(n));
    rp_error_init(&err);
    if (rp_workflow_latest_snapshot(rq->wf, account, &xml, &len, &err) !=
            RP_OK ||
        !xml || !read_numbers(xml, len, &n)) {
        free(xml);
        return;
    }
    free(xml);
    grouped(n.arr, arr, sizeof(arr));
    web_html(&rs->body,
             "<h2>The numbers</h2><p class=\"note\">From the data the draft "
             "was made from.</p><dl class=\"facts numbers\">"
             "<dt>Tier</dt><dd>%s</dd><dt>ARR</dt><dd>%s</dd>"
             "<dt>Renewal</dt><dd>%s</dd><dt>Health</dt>"
             "<dd class=\"%S\">%s%S%s%S</dd><dt>Tickets</dt><dd>%s</dd>",
             or_dash(n.tier), arr, or_dash(n.renewal), health_class(n.health),
             or_dash(n.health), n.reasons[0] ? " (" : "", n.reasons,
             n.reasons[0] ? ")" : "", or_dash(n.tickets));
    percent(rs, "SLA met", n.sla);
    percent(rs, "First response met", n.first);
    percent(rs, "Resolution met", n.resolution);
    web_html(&rs->body,
             "<dt>Escalated</dt><dd>%s</dd><dt>Open at the end</dt>"
             "<dd>%s</dd></dl>\n",
             or_dash(n.escalated), or_dash(n.open));
    xmlFree(n.tier);
    xmlFree(n.arr);
    xmlFree(n.renewal);
    xmlFree(n.health);
    xmlFree(n.tickets);
    xmlFree(n.sla);
    xmlFree(n.first);
    xmlFree(n.resolution);
    xmlFree(n.escalated);
    xmlFree(n.open);
}
