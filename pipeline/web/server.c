/*
 * The daemon: libmicrohttpd with one thread per connection (a slow client
 * holds only its own thread), a connection limit overall and per address,
 * a 15 s idle timeout and a watchdog that cuts a request whose headers and
 * body take longer than that in all (a header dribbled one byte a second);
 * bodies over WEB_MAX_BODY are refused with 413 unread.  Then dispatch by
 * path, and the response with the security headers every answer carries.
 *
 * Paths are taken raw (the unescape callback does nothing) and split by
 * web_path_split(), so that an encoded '/' or ".." never reaches a page.
 */
#include "internal.h"

#include <arpa/inet.h>
#include <libxml/parser.h>
#include <sodium.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/mem.h"

#define WEB_TIMEOUT 15          /* seconds */
#define WEB_MAX_CONNECTIONS 600 /* threads, at most */
#define WEB_MAX_PER_ADDRESS 300 /* a reverse proxy is one address */
#define WEB_WATCH_SLOTS 1024

/* A connection the watchdog keeps an eye on. */
struct watch_slot {
    int used, busy; /* busy: a whole request came in; a page is at work */
    int served;     /* a request of this connection was answered */
    int fd;
    time_t since; /* when it started waiting for a request */
};

struct server {
    struct web_server web;
    pthread_mutex_t watch_lock;
    struct watch_slot watch[WEB_WATCH_SLOTS];
};

/* One request's state across the access handler's calls. */
struct request_ctx {
    char *uri; /* as it came, with its query */
    struct rp_buf body;
    int started; /* the first call (the headers) is over */
    int refused; /* a response was queued at the headers */
    int too_big; /* the body went past WEB_MAX_BODY */
};

/* ---- responses ---- */

static void add_security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; frame-ancestors 'self'; "
                            "form-action 'self'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
}

static enum MHD_Result send_response(struct MHD_Connection *c,
                                     struct web_response *rs)
{
    struct MHD_Response *r;
    enum MHD_Result ok;
    int i;

    if (rs->fd >= 0) {
        r = MHD_create_response_from_fd64((uint64_t)rs->fd_size, rs->fd);
        rs->fd = -1; /* the response closes it */
    } else {
        r = MHD_create_response_from_buffer(
            rs->body.len, rs->body.data ? rs->body.data : (char *)"",
            MHD_RESPMEM_MUST_COPY);
    }
    if (!r)
        return MHD_NO;
    add_security_headers(r);
    if (rs->type)
        MHD_add_response_header(r, "Content-Type", rs->type);
    if (!rs->type || strncmp(rs->type, "text/css", 8) != 0)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    else
        MHD_add_response_header(r, "Cache-Control", "max-age=300");
    if (rs->location[0])
        MHD_add_response_header(r, "Location", rs->location);
    if (rs->disposition[0])
        MHD_add_response_header(r, "Content-Disposition", rs->disposition);
    for (i = 0; i < rs->n_cookies; i++)
        MHD_add_response_header(r, "Set-Cookie", rs->cookies[i]);
    ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

void web_redirect(struct web_response *rs, const char *location)
{
    rs->status = 303;
    snprintf(rs->location, sizeof(rs->location), "%s", location);
    rp_buf_reset(&rs->body);
    rs->type = "text/plain; charset=utf-8";
}

void web_to_sign_in(struct web_request *rq, struct web_response *rs)
{
    char to[sizeof(rs->location)];

    if (rq->n_segs == 0 || !web_local_path(rq->path))
        snprintf(to, sizeof(to), "/sign-in");
    else
        snprintf(to, sizeof(to), "/sign-in?next=%s", rq->path);
    web_redirect(rs, to);
}

void web_message_page(struct web_request *rq, struct web_response *rs,
                      int status, const char *title, const char *message)
{
    rp_buf_reset(&rs->body);
    rs->status = status;
    web_page_begin(rq, rs, title);
    web_html(&rs->body, "<p class=\"%S\">%s</p>\n<p><a href=\"/\">Home</a></p>",
             status >= 400 ? "error" : "notice", message);
    web_page_end(rs);
}

void web_error_page(struct web_request *rq, struct web_response *rs,
                    const struct rp_error *err)
{
    char why[2048];

    rp_error_format(err, why, sizeof(why));
    switch (err->status) {
    case RP_ERR_REFUSED:
        web_message_page(rq, rs, 403, "Not allowed", err->message);
        break;
    case RP_ERR_INPUT:
    case RP_ERR_USAGE:
        web_message_page(rq, rs, 400, "Cannot do that", err->message);
        break;
    case RP_ERR_BUSY:
        web_message_page(rq, rs, 503, "Busy",
                         "The store is busy; try again in a moment.");
        break;
    default:
        rp_log_warn("web: %s", why);
        web_message_page(rq, rs, 500, "Something went wrong",
                         "The server could not do that; the administrator "
                         "can read why in its log.");
        break;
    }
}

int web_check_csrf(struct web_request *rq, struct web_response *rs,
                   const char *expected)
{
    if (web_csrf_ok(expected, web_form_get(&rq->form, "csrf")))
        return 1;
    web_message_page(rq, rs, 403, "The form has expired",
                     "The form has expired; reload the page.");
    return 0;
}

void web_set_cookie(struct web_request *rq, struct web_response *rs,
                    const char *name, const char *value, int max_age)
{
    char age[32] = "";

    if (rs->n_cookies == (int)(sizeof(rs->cookies) / sizeof(rs->cookies[0])))
        return;
    if (max_age >= 0)
        snprintf(age, sizeof(age), "; Max-Age=%d", max_age);
    snprintf(rs->cookies[rs->n_cookies++], sizeof(rs->cookies[0]),
             "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value, age,
             rq->https || rq->srv->o->secure_cookies ? "; Secure" : "");
}

/* ---- dispatch ---- */

static int seg_is(const struct web_request *rq, int i, const char *s)
{
    return rq->n_segs > i && strcmp(rq->segs[i], s) == 0;
}

static void style(struct web_request *rq, struct web_response *rs)
{
    (void)rq;
    rs->type = "text/css; charset=utf-8";
    web_put(&rs->body, web_stylesheet, strlen(web_stylesheet));
}

static void not_found(struct web_request *rq, struct web_response *rs)
{
    web_message_page(rq, rs, 404, "Not found", "There is no such page.");
}

struct route {
    const char *first; /* first segment; NULL: the home page "/" */
    int n_segs;        /* -1: any count >= 1 */
    int post;          /* 0 GET, 1 POST, 2 both */
    void (*page)(struct web_request *rq, struct web_response *rs);
};

static const struct route routes[] = {
    {NULL, 0, 0, page_home},         {"style.css", 1, 0, style},
    {"sign-in", 1, 2, page_sign_in}, {"sign-out", 1, 1, page_sign_out},
    {"invite", 2, 2, page_invite},   {"request", 1, 1, page_request},
    {"remind", 1, 1, page_remind},   {"contribute", 3, 2, page_contribute},
    {"review", 2, 0, page_review},   {"review", 3, 1, page_decide},
    {"pdf", 3, 0, page_pdf},         {"history", 1, 0, page_history},
};

static void dispatch(struct web_request *rq, struct web_response *rs)
{
    size_t i;
    int wrong_method = 0;

    for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
        const struct route *r = &routes[i];
        if (r->n_segs != rq->n_segs)
            continue;
        if (r->first && !seg_is(rq, 0, r->first))
            continue;
        if (r->post != 2 && r->post != rq->post) {
            wrong_method = 1;
            continue;
        }
        r->page(rq, rs);
        return;
    }
    if (wrong_method)
        web_message_page(rq, rs, 405, "Not allowed",
                         "That page does not take this method.");
    else
        not_found(rq, rs);
}

/* The client's address; behind a reverse proxy on this host, the one the
 * proxy names last in X-Forwarded-For. */
static void client_address(struct MHD_Connection *c, struct web_request *rq)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    const char *fwd, *proto, *last;
    int loopback = 0;
    unsigned char tmp[sizeof(struct in6_addr)];

    snprintf(rq->address, sizeof(rq->address), "unknown");
    if (sa && sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const void *)sa;
        inet_ntop(AF_INET, &in->sin_addr, rq->address, sizeof(rq->address));
        loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    } else if (sa && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const void *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, rq->address, sizeof(rq->address));
        loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
    }
    if (loopback) {
        proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                            "X-Forwarded-Proto");
        rq->https = proto && strcmp(proto, "https") == 0;
        fwd =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
        if (fwd) {
            last = strrchr(fwd, ',');
            last = last ? last + 1 : fwd;
            while (*last == ' ')
                last++;
            if (strlen(last) < sizeof(rq->address) &&
                (inet_pton(AF_INET, last, tmp) == 1 ||
                 inet_pton(AF_INET6, last, tmp) == 1))
                snprintf(rq->address, sizeof(rq->address), "%s", last);
        }
    }
    snprintf(rq->via, sizeof(rq->via), "web %s", rq->address);
}

static int64_t request_clock(const struct web_server *srv)
{
    const struct rp_web_options *o = srv->o;

    return o->clock ? o->clock(o->clock_ctx) : (int64_t)time(NULL);
}

/* Builds the request from what came, runs the page, answers. */
static enum MHD_Result handle(struct server *s, struct MHD_Connection *c,
                              const char *method, struct request_ctx *cc)
{
    struct web_request *rq = rp_xcalloc(1, sizeof(*rq));
    struct web_response rs;
    const char *q, *cookie, *ctype;
    enum MHD_Result ok;
    size_t plen;

    memset(&rs, 0, sizeof(rs));
    rp_buf_init(&rs.body, 0);
    rs.fd = -1;
    rs.status = 200;
    rq->srv = &s->web;
    rq->method = method;
    rq->post = strcmp(method, "POST") == 0;
    rq->now = request_clock(&s->web);
    client_address(c, rq);
    q = strchr(cc->uri, '?');
    plen = q ? (size_t)(q - cc->uri) : strlen(cc->uri);
    if (plen >= sizeof(rq->path)) {
        rq->n_segs = -1;
    } else {
        memcpy(rq->path, cc->uri, plen);
        rq->path[plen] = '\0';
        rq->n_segs =
            web_path_split(rq->path, rq->segbuf, sizeof(rq->segbuf), rq->segs);
    }
    cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
    if (cookie) {
        (void)web_cookie_get(cookie, "rp_session", rq->session_cookie,
                             sizeof(rq->session_cookie));
        (void)web_cookie_get(cookie, "rp_pre", rq->pre_cookie,
                             sizeof(rq->pre_cookie));
    }
    ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (rq->n_segs < 0) {
        not_found(rq, &rs);
    } else if (q && web_form_urlencoded(&rq->query, q + 1, strlen(q + 1))) {
        web_message_page(rq, &rs, 400, "Bad request",
                         "The address's query does not parse.");
    } else if (rq->post &&
               (ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0
                    ? web_form_multipart(&rq->form, ctype, cc->body.data,
                                         cc->body.len)
                    : web_form_urlencoded(&rq->form,
                                          cc->body.data ? cc->body.data : "",
                                          cc->body.len))) {
        web_message_page(rq, &rs, 400, "Bad request",
                         "The form's body does not parse.");
    } else {
        dispatch(rq, &rs);
    }
    ok = send_response(c, &rs);
    if (rs.fd >= 0)
        close(rs.fd);
    rp_buf_release(&rs.body);
    web_form_release(&rq->query);
    web_form_release(&rq->form);
    if (rq->bw_ready)
        rp_batch_workflow_release(&rq->bw);
    rp_workflow_free(rq->wf);
    free(rq);
    return ok;
}

/* ---- the watchdog ---- */

static struct watch_slot *slot_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void set_busy(struct server *s, struct MHD_Connection *c, int busy)
{
    struct watch_slot *slot = slot_of(c);

    if (!slot)
        return;
    pthread_mutex_lock(&s->watch_lock);
    slot->busy = busy;
    slot->served |= !busy;
    slot->since = time(NULL);
    pthread_mutex_unlock(&s->watch_lock);
}

static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    struct server *s = cls;
    size_t i;

    pthread_mutex_lock(&s->watch_lock);
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = NULL;
        for (i = 0; ci && i < WEB_WATCH_SLOTS; i++) {
            if (!s->watch[i].used) {
                s->watch[i] =
                    (struct watch_slot){1, 0, 0, ci->connect_fd, time(NULL)};
                *socket_context = &s->watch[i];
                break;
            }
        }
    } else if (*socket_context) {
        ((struct watch_slot *)*socket_context)->used = 0;
        *socket_context = NULL;
    }
    pthread_mutex_unlock(&s->watch_lock);
}

/*
 * Cuts connections that have been sending one request for too long.
 * shutdown(), not close(): the connection's thread sees the end and
 * closes the socket itself (the slot is freed, under the lock, before).
 * A connection that never completed a request is told why first (408):
 * nothing else writes to it while its request is still arriving.  One
 * idle after answered requests is only closed, as keep-alive ends.
 */
static void watch(struct server *s)
{
    time_t now = time(NULL);
    size_t i;

    pthread_mutex_lock(&s->watch_lock);
    for (i = 0; i < WEB_WATCH_SLOTS; i++) {
        struct watch_slot *w = &s->watch[i];
        if (w->used && !w->busy && now - w->since > WEB_TIMEOUT) {
            static const char timeout[] =
                "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
                "Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Length: 43\r\n\r\n"
                "The request did not arrive within 15 s.\r\n\r\n";
            if (!w->served)
                (void)!send(w->fd, timeout, sizeof(timeout) - 1,
                            MSG_NOSIGNAL | MSG_DONTWAIT);
            shutdown(w->fd, SHUT_RDWR);
            w->since = now; /* once is enough */
        }
    }
    pthread_mutex_unlock(&s->watch_lock);
}

/* ---- the access handler ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    struct request_ctx *cc = rp_xcalloc(1, sizeof(*cc));

    (void)cls;
    (void)c;
    cc->uri = rp_xstrdup(uri);
    rp_buf_init(&cc->body, WEB_MAX_BODY);
    return cc;
}

static size_t no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

static enum MHD_Result refuse(struct server *s, struct MHD_Connection *c,
                              int status, const char *title, const char *msg)
{
    struct web_request rq;
    struct web_response rs;
    enum MHD_Result ok;

    memset(&rq, 0, sizeof(rq));
    rq.srv = &s->web;
    memset(&rs, 0, sizeof(rs));
    rp_buf_init(&rs.body, 0);
    rs.fd = -1;
    web_message_page(&rq, &rs, status, title, msg);
    ok = send_response(c, &rs);
    rp_buf_release(&rs.body);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    struct server *s = cls;
    struct request_ctx *cc = *con_cls;
    const char *len;

    (void)url;
    (void)version;
    if (!cc)
        return MHD_NO;
    if (cc->refused) {
        *upload_size = 0; /* what still comes is dropped */
        return MHD_YES;
    }
    if (!cc->started) {
        /* The first call: the headers are in. */
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
            strcmp(method, "POST") != 0) {
            cc->refused = 1;
            return refuse(s, c, 405, "Not allowed",
                          "Only GET and POST are answered here.");
        }
        len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                          MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (len && (strlen(len) > 12 || strtoull(len, NULL, 10) >
                                            (unsigned long long)WEB_MAX_BODY)) {
            cc->refused = 1;
            return refuse(s, c, 413, "Too large",
                          "The request's body is larger than 1 MiB.");
        }
        cc->started = 1;
        return MHD_YES;
    }
    if (*upload_size) {
        /* A chunked body too large is read to its end and dropped (the
         * watchdog bounds how long), then answered 413: MHD answers only
         * between requests. */
        if (!cc->too_big && (cc->body.len + *upload_size > WEB_MAX_BODY ||
                             !rp_buf_add(&cc->body, upload, *upload_size))) {
            cc->too_big = 1;
            rp_buf_release(&cc->body);
        }
        *upload_size = 0;
        return MHD_YES;
    }
    set_busy(s, c, 1);
    if (cc->too_big)
        return refuse(s, c, 413, "Too large",
                      "The request's body is larger than 1 MiB.");
    return handle(s, c, method, cc);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *s = cls;
    struct request_ctx *cc = *con_cls;

    (void)toe;
    set_busy(s, c, 0);
    if (!cc)
        return;
    free(cc->uri);
    rp_buf_release(&cc->body);
    free(cc);
    *con_cls = NULL;
}

/* ---- listening ---- */

/* "host:port" or "[v6]:port" into a socket address. */
static int parse_listen(const char *text, struct sockaddr_storage *ss,
                        socklen_t *len)
{
    char host[128];
    const char *colon;
    char *end;
    unsigned long port;
    size_t hlen;

    if (!text)
        return 0;
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || close[1] != ':')
            return 0;
        hlen = (size_t)(close - text - 1);
        if (hlen >= sizeof(host))
            return 0;
        memcpy(host, text + 1, hlen);
        colon = close + 1;
    } else {
        colon = strrchr(text, ':');
        if (!colon || (size_t)(colon - text) >= sizeof(host))
            return 0;
        hlen = (size_t)(colon - text);
        memcpy(host, text, hlen);
    }
    host[hlen] = '\0';
    errno = 0;
    port = strtoul(colon + 1, &end, 10);
    if (!colon[1] || *end || errno || port > 65535)
        return 0;
    memset(ss, 0, sizeof(*ss));
    if (text[0] != '[') {
        struct sockaddr_in *in = (void *)ss;
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t)port);
        *len = sizeof(*in);
        return inet_pton(AF_INET, host, &in->sin_addr) == 1;
    } else {
        struct sockaddr_in6 *in6 = (void *)ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *len = sizeof(*in6);
        return inet_pton(AF_INET6, host, &in6->sin6_addr) == 1;
    }
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char line[512];

    (void)cls;
    vsnprintf(line, sizeof(line), fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    rp_log_warn("web: %s", line);
}

static enum rp_status setup(struct server *s, const struct rp_web_options *o,
                            struct rp_error *err)
{
    struct web_server *w = &s->web;
    const char *config = o->batch->merge.config_dir;

    w->o = o;
    snprintf(w->state_dir, sizeof(w->state_dir), "%s", o->state_dir);
    snprintf(w->db_path, sizeof(w->db_path), "%s/reportpipe.db", o->state_dir);
    snprintf(w->people_path, sizeof(w->people_path), "%s/people.csv", config);
    if (!realpath(o->batch->output, w->output_real))
        return rp_error_set(err, RP_ERR_INPUT, o->batch->output, 0, NULL,
                            "the output folder cannot be read: %s",
                            strerror(errno));
    pthread_mutex_init(&w->lock, NULL);
    pthread_mutex_init(&s->watch_lock, NULL);
    return RP_OK;
}

enum rp_status rp_web_serve(const struct rp_web_options *o,
                            struct rp_error *err)
{
    struct server *s;
    struct sockaddr_storage ss;
    socklen_t sslen;
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *di;
    char url[160], host[INET6_ADDRSTRLEN];
    enum rp_status status;
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
                     MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                     MHD_USE_ERROR_LOG | MHD_USE_ITC;

    if (!parse_listen(o->listen, &ss, &sslen))
        return rp_error_set(err, RP_ERR_USAGE, NULL, 0, "--listen",
                            "'%s' is not an address ADDR:PORT (e.g. "
                            "127.0.0.1:8080 or [::1]:8080)",
                            o->listen ? o->listen : "");
    /* Every connection is a thread, and glibc would give each busy one an
     * arena of its own that keeps what a render freed: the server's memory
     * then grew with each arena a render had passed through (121 -> 186 MB
     * over bench/serve-load.sh), and stays flat at about 85 MB with two. */
    mallopt(M_ARENA_MAX, 2);
    /* Once, before any thread: the libraries' own global state. */
    xmlInitParser();
    if (sodium_init() < 0)
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "libsodium cannot be initialised");
    s = rp_xcalloc(1, sizeof(*s));
    status = setup(s, o, err);
    if (status != RP_OK) {
        free(s);
        return status;
    }
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
        mhd_log, s, MHD_OPTION_SOCK_ADDR, &ss, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)WEB_TIMEOUT, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)WEB_MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)WEB_MAX_PER_ADDRESS, MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_UNESCAPE_CALLBACK, no_unescape, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_END);
    if (!d) {
        status = rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, "--listen",
                              "cannot listen on %s (in use, or not an "
                              "address of this machine)",
                              o->listen);
        goto out;
    }
    di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (ss.ss_family == AF_INET6) {
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host,
                  sizeof(host));
        snprintf(url, sizeof(url), "http://[%s]:%u", host, di ? di->port : 0);
    } else {
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host,
                  sizeof(host));
        snprintf(url, sizeof(url), "http://%s:%u", host, di ? di->port : 0);
    }
    if (o->on_listening)
        o->on_listening(o->on_listening_ctx, url);
    while (!o->stop || !o->stop(o->stop_ctx)) {
        poll(NULL, 0, 200);
        watch(s);
    }
    MHD_stop_daemon(d);
    status = RP_OK;
out:
    pthread_mutex_destroy(&s->watch_lock);
    pthread_mutex_destroy(&s->web.lock);
    for (size_t i = 0; i < s->web.n_accounts; i++) {
        free(s->web.accounts[i].id);
        free(s->web.accounts[i].name);
        free(s->web.accounts[i].owner);
        free(s->web.accounts[i].tier);
        free(s->web.accounts[i].country);
    }
    free(s->web.accounts);
    free(s);
    return status;
}
