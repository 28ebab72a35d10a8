/*
 * HTML: the one escaping function every text from the store, the CRM or
 * a form goes through, the page layout (head, the header with the
 * person, their roles and sign-out) and the stylesheet in the templates'
 * brand colours (templates/brand.xsl: $rp-brand, $rp-brand-light, ...).
 */
#include "internal.h"

#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int web_html_escape(struct rp_buf *out, const char *text)
{
    const char *p, *run = text;
    int ok = 1;

    if (!text)
        return 1;
    for (p = text; *p; p++) {
        const char *rep;
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        ok &= rp_buf_add(out, run, (size_t)(p - run));
        ok &= rp_buf_adds(out, rep);
        run = p + 1;
    }
    ok &= rp_buf_add(out, run, (size_t)(p - run));
    return ok;
}

/* The buffer's cap (64 MiB) is far above any page: a failed add only
 * truncates it. */
void web_put(struct rp_buf *out, const char *s, size_t len)
{
    if (!rp_buf_add(out, s, len))
        rp_log_warn("web: a page outgrew its buffer");
}

void web_html(struct rp_buf *out, const char *fmt, ...)
{
    va_list ap;
    const char *p, *run = fmt;
    char num[32];

    va_start(ap, fmt);
    for (p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        web_put(out, run, (size_t)(p - run));
        switch (p[1]) {
        case 's':
            (void)web_html_escape(out, va_arg(ap, const char *));
            break;
        case 'S': {
            const char *s = va_arg(ap, const char *);
            if (s)
                web_put(out, s, strlen(s));
            break;
        }
        case 'd':
            snprintf(num, sizeof(num), "%d", va_arg(ap, int));
            web_put(out, num, strlen(num));
            break;
        default:
            web_put(out, "%", 1);
            break;
        }
        if (p[1])
            p++;
        run = p + 1;
    }
    web_put(out, run, (size_t)(p - run));
    va_end(ap);
}

/* The brand colours are those of templates/brand.xsl; one column under
 * 700px. */
const char web_stylesheet[] =
    ":root{--brand:#1f3a5f;--brand-light:#e8eef5;--text:#1a1a1a;"
    "--muted:#6b7280;--rule:#c9d1dc;--zebra:#f3f5f8;--stable:#2e7d32;"
    "--watch:#b26a00;--unstable:#c62828}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.45 'DejaVu Sans',system-ui,sans-serif;"
    "color:var(--text);background:#fff}\n"
    "header{background:var(--brand);color:#fff;padding:.6rem 1rem;"
    "display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}\n"
    "header a{color:#fff;text-decoration:none;font-weight:bold}\n"
    "header .who{margin-left:auto;font-size:.9rem}\n"
    "header form{margin:0}\n"
    "header button{background:transparent;color:#fff;border:1px solid "
    "#fff;padding:.25rem .7rem}\n"
    "nav a{font-weight:normal;margin-right:1rem}\n"
    "main{max-width:1100px;margin:0 auto;padding:1rem}\n"
    "h1{color:var(--brand);font-size:1.5rem;margin:.5rem 0 1rem}\n"
    "h2{color:var(--brand);font-size:1.15rem;border-bottom:2px solid "
    "var(--brand-light);padding-bottom:.2rem;margin-top:1.6rem}\n"
    "a{color:var(--brand)}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0}\n"
    "th{background:var(--brand);color:#fff;text-align:left;font-weight:"
    "bold}\n"
    "th,td{padding:.35rem .5rem;border-bottom:1px solid var(--rule);"
    "vertical-align:top;overflow-wrap:break-word}\n"
    /* Only a long detail (a path, a hash) may break anywhere: short
     * columns keep their words whole. */
    "td.detail{overflow-wrap:anywhere}\n"
    "code{word-break:break-all}\n"
    "tr:nth-child(even) td{background:var(--zebra)}\n"
    ".muted{color:var(--muted)}\n"
    ".note{color:var(--muted);font-size:.9rem;margin:.2rem 0 .6rem}\n"
    ".overdue,.refused{color:var(--unstable);font-weight:bold}\n"
    ".ok{color:var(--stable);font-weight:bold}\n"
    ".watch{color:var(--watch);font-weight:bold}\n"
    ".notice{background:var(--brand-light);border-left:4px solid "
    "var(--brand);padding:.6rem .8rem;margin:1rem 0}\n"
    ".error{background:#fdecea;border-left:4px solid var(--unstable);"
    "padding:.6rem .8rem;margin:1rem 0}\n"
    ".card{border:1px solid var(--rule);border-radius:4px;padding:1rem;"
    "margin:1rem 0}\n"
    ".facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem "
    "1rem}\n"
    ".facts dt{color:var(--muted)}\n.facts dd{margin:0}\n"
    "label{display:block;margin:.6rem 0 .2rem;font-weight:bold}\n"
    "input,textarea,select{font:inherit;padding:.4rem;border:1px solid "
    "var(--rule);border-radius:3px;width:100%;max-width:32rem}\n"
    "textarea{max-width:none;min-height:14rem}\n"
    /* A decision's comment is a line or two (no inline styles: the
     * Content-Security-Policy refuses them). */
    ".split textarea{min-height:4rem}\n"
    "button{font:inherit;background:var(--brand);color:#fff;border:0;"
    "border-radius:3px;padding:.45rem 1rem;margin:.6rem .4rem 0 0;cursor:"
    "pointer}\n"
    /* A form's button on a line of its own under its last field. */
    "input+button{display:block}\n"
    "button.secondary{background:var(--brand-light);color:var(--brand)}\n"
    "button.danger{background:var(--unstable)}\n"
    ".split{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}\n"
    "iframe.pdf{width:100%;height:80vh;border:1px solid var(--rule)}\n"
    ".preview p{margin:0 0 .8rem}\n"
    "@media (max-width:700px){.split{grid-template-columns:1fr}"
    "header .who{margin-left:0}iframe.pdf{height:60vh}"
    "th,td{padding:.3rem;overflow-wrap:anywhere}table{font-size:.9rem}}\n";

void web_roles_text(unsigned roles, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {
        {RP_WORKFLOW_ADMINISTRATOR, "administrator"},
        {RP_WORKFLOW_SALES_REP, "sales rep"},
        {RP_WORKFLOW_CONTRIBUTOR, "contributor"},
        {RP_WORKFLOW_APPROVER, "approver"},
    };
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!(roles & names[i].bit) || used >= size)
            continue;
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 used ? ", " : "", names[i].name);
    }
}

void web_format_time(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;

    if (!gmtime_r(&tt, &tm)) {
        snprintf(buf, size, "?");
        return;
    }
    strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm);
}

void web_page_begin(struct web_request *rq, struct web_response *rs,
                    const char *title)
{
    char roles[96];

    rs->type = "text/html; charset=utf-8";
    web_html(&rs->body,
             "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
             "charset=\"utf-8\">\n<meta name=\"viewport\" "
             "content=\"width=device-width, initial-scale=1\">\n"
             "<title>%s · reportpipe</title>\n<link rel=\"stylesheet\" "
             "href=\"/style.css\"></head>\n<body><header><a "
             "href=\"/\">Annual Customer Reviews</a>",
             title);
    if (rq && rq->person) {
        web_roles_text(rq->person->roles, roles, sizeof(roles));
        web_html(&rs->body,
                 "<nav><a href=\"/\">Home</a><a "
                 "href=\"/history\">History</a></nav><span class=\"who\">%s "
                 "<span class=\"role\">(%s)</span></span><form method=\"post\" "
                 "action=\"/sign-out\">",
                 rq->person->name, roles);
        web_csrf_field(rq, rs);
        web_html(&rs->body, "<button type=\"submit\">Sign out</button>"
                            "</form>");
    }
    web_html(&rs->body, "</header>\n<main>\n<h1>%s</h1>\n", title);
}

void web_page_end(struct web_response *rs)
{
    web_html(&rs->body, "</main>\n</body></html>\n");
}

void web_csrf_field(struct web_request *rq, struct web_response *rs)
{
    web_html(&rs->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
             rq->csrf);
}

/* Ends the paragraph collected in para (trailing space dropped). */
static void flush_paragraph(struct rp_buf *out, struct rp_buf *para)
{
    while (para->len && para->data[para->len - 1] == ' ')
        para->data[--para->len] = '\0';
    if (para->len)
        web_html(out, "<p>%s</p>\n", para->data);
    rp_buf_reset(para);
}

void web_paragraphs(struct rp_buf *out, const char *text)
{
    const char *line = text;
    struct rp_buf para = RP_BUF_INIT;

    rp_buf_init(&para, 0);
    while (line && *line) {
        const char *eol = line + strcspn(line, "\n"), *q;
        int blank = 1;

        for (q = line; q < eol && blank; q++)
            blank = *q == ' ' || *q == '\t' || *q == '\r';
        if (blank)
            flush_paragraph(out, &para);
        for (q = line; q < eol && !blank; q++) {
            int space = *q == ' ' || *q == '\t' || *q == '\r';
            if (space && (para.len == 0 || para.data[para.len - 1] == ' '))
                continue;
            web_put(&para, space ? " " : q, 1);
        }
        if (!blank && para.len && para.data[para.len - 1] != ' ')
            web_put(&para, " ", 1);
        line = *eol ? eol + 1 : eol;
    }
    flush_paragraph(out, &para);
    rp_buf_release(&para);
}
