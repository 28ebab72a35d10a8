/* Transform stage: safe XML parsing and locked-down XSLT. */
#include "transform.h"

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "budget.h"
#include "common/buf.h"
#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"
#include "common/xml.h"

/* Text captured from libxslt and template messages is short in practice;
 * the cap keeps a runaway xsl:message loop from exhausting memory. */
#define MESSAGE_CAP ((size_t)64 << 10)

struct rp_stylesheet {
    xsltStylesheet *style;
    char *path;
    char *dir;                /* realpath of the stylesheet's directory */
    xsltSecurityPrefs *prefs; /* shared by every transformation */
};

/* ---- capturing libxml2 and libxslt diagnostics ---- */

/*
 * What a parse or a transformation reported.  libxml2 and libxslt print to
 * stderr unless told otherwise; everything is collected here instead and
 * turned into one rp_error, because only cli/ prints errors.
 */
struct capture {
    bool have_error; /* first structured error below is set */
    char file[512];
    long line;
    char message[512];
    struct rp_buf text;      /* libxslt's printf-style output, in order */
    const char *allowed_dir; /* document() may read below this, or NULL */
    bool refused;            /* a security check said no */
    char refused_what[600];
};

static void capture_init(struct capture *c)
{
    memset(c, 0, sizeof(*c));
    rp_buf_init(&c->text, MESSAGE_CAP);
}

static void capture_release(struct capture *c)
{
    rp_buf_release(&c->text);
}

/* Keeps the first error: later ones are usually its consequences. */
static void on_structured_error(void *ctx, xmlError *e)
{
    struct capture *c = ctx;

    if (!c || !e || e->level < XML_ERR_ERROR || c->have_error)
        return;
    c->have_error = true;
    snprintf(c->file, sizeof(c->file), "%s", e->file ? e->file : "");
    c->line = e->line;
    rp_xml_message_copy(c->message, sizeof(c->message), e->message);
}

static void on_generic_error(void *ctx, const char *fmt, ...) RP_PRINTF(2, 3);

static void on_generic_error(void *ctx, const char *fmt, ...)
{
    struct capture *c = ctx;
    char piece[2048];
    va_list ap;

    if (!c)
        return;
    va_start(ap, fmt);
    vsnprintf(piece, sizeof(piece), fmt, ap);
    va_end(ap);
    if (!rp_buf_adds(&c->text, piece)) {
        /* Past the cap the rest is dropped: the start says what went
         * wrong. */
    }
}

/*
 * libxslt reports through process-wide handlers (xsltGenericError,
 * xmlStructuredError).  They are pointed at a capture only for the length
 * of one call and restored after, so nothing else sees a dangling context.
 * The program is single-threaded.
 */
struct saved_handlers {
    xmlGenericErrorFunc xslt_func;
    void *xslt_ctx;
    xmlGenericErrorFunc generic_func; /* libxml2's XPath reports here */
    void *generic_ctx;
    xmlStructuredErrorFunc xml_func;
    void *xml_ctx;
};

static void handlers_redirect(struct saved_handlers *saved, struct capture *c)
{
    saved->xslt_func = xsltGenericError;
    saved->xslt_ctx = xsltGenericErrorContext;
    saved->generic_func = xmlGenericError;
    saved->generic_ctx = xmlGenericErrorContext;
    saved->xml_func = xmlStructuredError;
    saved->xml_ctx = xmlStructuredErrorContext;
    xsltSetGenericErrorFunc(c, on_generic_error);
    xmlSetGenericErrorFunc(c, on_generic_error);
    xmlSetStructuredErrorFunc(c, on_structured_error);
}

static void handlers_restore(const struct saved_handlers *saved)
{
    xsltSetGenericErrorFunc(saved->xslt_ctx, saved->xslt_func);
    xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic_func);
    xmlSetStructuredErrorFunc(saved->xml_ctx, saved->xml_func);
}

/* The captured text as one line: "a; b; c". */
static void text_one_line(const struct capture *c, char *dst, size_t size)
{
    size_t i, n = 0;
    bool pending_sep = false;

    if (size == 0)
        return;
    for (i = 0; i < c->text.len && n + 3 < size; i++) {
        char ch = c->text.data[i];
        if (ch == '\n' || ch == '\r') {
            pending_sep = n > 0;
            continue;
        }
        if (pending_sep) {
            dst[n++] = ';';
            dst[n++] = ' ';
            pending_sep = false;
        }
        dst[n++] = ch;
    }
    dst[n] = '\0';
}

/* libxslt names the stylesheet line as "... line 12 element ..."; the
 * first one is where the trouble started.  0 when there is none. */
static long text_line(const struct capture *c)
{
    const char *p = c->text.data ? strstr(c->text.data, " line ") : NULL;

    return p ? strtol(p + 6, NULL, 10) : 0;
}

/* ---- stylesheets ---- */

static xmlDoc *load_document(const xmlChar *uri, xmlDict *dict, int options,
                             void *ctxt, xsltLoadType type);

/* EXSLT (dates, strings, sets) and our document loader are set up once
 * per process. */
static void setup_once(void)
{
    rp_xml_init();
    exsltRegisterAll();
    xsltSetLoaderFunc(load_document);
}

static void setup(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, setup_once);
}

/* Directory part of path, resolved through symlinks; NULL if it cannot. */
static char *real_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir, *real;

    if (!slash)
        dir = rp_xstrdup(".");
    else if (slash == path)
        dir = rp_xstrdup("/");
    else
        dir = rp_xstrndup(path, (size_t)(slash - path));
    real = realpath(dir, NULL);
    free(dir);
    return real;
}

static struct capture *capture_of(xsltTransformContext *ctxt)
{
    return ctxt ? ctxt->_private : NULL;
}

static int refuse(xsltTransformContext *ctxt, const char *what,
                  const char *value)
{
    struct capture *c = capture_of(ctxt);

    if (c && !c->refused) {
        c->refused = true;
        snprintf(c->refused_what, sizeof(c->refused_what), "%s %s", what,
                 value ? value : "");
    }
    return 0;
}

static int forbid_write_file(xsltSecurityPrefs *sec, xsltTransformContext *ctxt,
                             const char *value)
{
    (void)sec;
    return refuse(ctxt, "writing the file", value);
}

static int forbid_create_dir(xsltSecurityPrefs *sec, xsltTransformContext *ctxt,
                             const char *value)
{
    (void)sec;
    return refuse(ctxt, "creating the directory", value);
}

static int forbid_read_network(xsltSecurityPrefs *sec,
                               xsltTransformContext *ctxt, const char *value)
{
    (void)sec;
    return refuse(ctxt, "reading from the network", value);
}

static int forbid_write_network(xsltSecurityPrefs *sec,
                                xsltTransformContext *ctxt, const char *value)
{
    (void)sec;
    return refuse(ctxt, "writing to the network", value);
}

/*
 * What a template may read, whichever way libxslt loads it (xsl:include,
 * xsl:import, document()): a local file -- no URL scheme, or file: on this
 * host -- whose real path lies in the main stylesheet's directory or
 * below it (labels, brand data, shared templates).  Nothing else: a
 * template cannot pull arbitrary files from the machine into a PDF or
 * make a request on the network.  Returns the real path, or NULL with why
 * it was refused.
 */
static char *sandbox_path(const char *dir, const char *uri, const char **why)
{
    xmlURI *parsed = uri ? xmlParseURI(uri) : NULL;
    char *real = NULL;
    size_t n = dir ? strlen(dir) : 0;

    *why = NULL;
    errno = 0;
    if (!parsed) {
        *why = "it is not a valid URI";
        goto out;
    }
    if (parsed->scheme && strcmp(parsed->scheme, "file") != 0) {
        *why = "templates may not use the network or URLs";
        goto out;
    }
    if (parsed->server && parsed->server[0] &&
        strcmp(parsed->server, "localhost") != 0) {
        *why = "templates may not use the network or URLs";
        goto out;
    }
    if (!parsed->path || !parsed->path[0] || n == 0) {
        *why = "it names no file";
        goto out;
    }
    errno = 0;
    real = realpath(parsed->path, NULL);
    if (!real) {
        *why = "the file does not exist or cannot be read";
        goto out;
    }
    if (!(strncmp(real, dir, n) == 0 &&
          (real[n] == '/' || (n == 1 && dir[0] == '/')))) {
        free(real);
        real = NULL;
        errno = EACCES;
        *why = "templates may read files only in their own directory";
    }
out:
    xmlFreeURI(parsed);
    return real;
}

/*
 * libxslt's loader is process-wide and is not told which of our
 * stylesheets asked; the one being compiled or applied on this thread is
 * set here for the length of that call.
 */
struct sandbox {
    const char *dir;     /* the main stylesheet's real directory */
    struct rp_error why; /* the first document refused or broken */
};

static _Thread_local struct sandbox *current_sandbox;

static void sandbox_refuse(const char *uri, const char *why)
{
    struct sandbox *box = current_sandbox;

    if (box)
        rp_error_set(&box->why, RP_ERR_INPUT, NULL, 0, NULL,
                     "refused to read %s: %s", uri, why);
}

/*
 * The one loader of every document a template reads.  Whatever options
 * libxslt asks for (for stylesheets it asks to substitute external
 * entities and load DTDs), documents are parsed with the same safe ones as
 * any input.
 */
static xmlDoc *load_document(const xmlChar *uri, xmlDict *dict, int options,
                             void *ctxt, xsltLoadType type)
{
    struct sandbox *box = current_sandbox;
    const char *why = "no stylesheet of ours is being compiled or applied";
    char *path = box ? sandbox_path(box->dir, (const char *)uri, &why) : NULL;
    struct rp_error err;
    xmlDoc *doc = NULL;

    (void)options;
    (void)ctxt;
    (void)type;
    if (!path) {
        /* A missing file is libxslt's to report: document() then yields
         * an empty node-set with a warning, xsl:include an error. */
        if (errno != ENOENT)
            sandbox_refuse((const char *)uri, why);
        return NULL;
    }
    rp_error_init(&err);
    if (rp_xml_read_file_dict(path, dict, &doc, &err) != RP_OK && box) {
        char detail[1200];
        rp_error_format(&err, detail, sizeof(detail));
        rp_error_set(&box->why, RP_ERR_INPUT, NULL, 0, NULL, "%s", detail);
    }
    free(path);
    return doc;
}

/* document() is also checked by libxslt against the security
 * preferences: the same rule, so both agree. */
static int allow_read_own_dir(xsltSecurityPrefs *sec,
                              xsltTransformContext *ctxt, const char *value)
{
    struct capture *c = capture_of(ctxt);
    const char *why = NULL;
    char *real = c ? sandbox_path(c->allowed_dir, value, &why) : NULL;

    (void)sec;
    if (real) {
        free(real);
        return 1;
    }
    return refuse(ctxt, "reading", value);
}

static xsltSecurityPrefs *new_security_prefs(void)
{
    xsltSecurityPrefs *prefs = xsltNewSecurityPrefs();

    if (!prefs)
        return NULL;
    if (xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE,
                             forbid_write_file) != 0 ||
        xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
                             forbid_create_dir) != 0 ||
        xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
                             forbid_read_network) != 0 ||
        xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
                             forbid_write_network) != 0 ||
        xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE,
                             allow_read_own_dir) != 0) {
        xsltFreeSecurityPrefs(prefs);
        return NULL;
    }
    return prefs;
}

enum rp_status rp_transform_load(const char *path, struct rp_stylesheet **out,
                                 struct rp_error *err)
{
    enum rp_status status = RP_OK;
    struct rp_stylesheet *sheet = rp_xcalloc(1, sizeof(*sheet));
    struct saved_handlers saved;
    struct sandbox box = {0};
    struct capture c;
    char detail[900];
    xmlDoc *doc = NULL;

    *out = NULL;
    capture_init(&c);
    rp_error_init(&box.why);
    setup();
    sheet->path = rp_xstrdup(path);
    /* Our own parser first: the stylesheet gets the same safe options and
     * line-numbered errors as any input. */
    status = rp_xml_read_file(path, &doc, err);
    if (status != RP_OK)
        goto out;
    sheet->dir = real_dir_of(path);
    sheet->prefs = new_security_prefs();
    if (!sheet->dir || !sheet->prefs) {
        status = rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                              "cannot set up the stylesheet's sandbox");
        goto out;
    }
    box.dir = sheet->dir;
    current_sandbox = &box;
    handlers_redirect(&saved, &c);
    sheet->style = xsltParseStylesheetDoc(doc);
    handlers_restore(&saved);
    current_sandbox = NULL;
    if (box.why.status != RP_OK) {
        status = rp_error_set(err, RP_ERR_INPUT, path, text_line(&c), NULL,
                              "invalid XSLT stylesheet: %s", box.why.message);
        goto out;
    }
    if (!sheet->style || sheet->style->errors > 0) {
        text_one_line(&c, detail, sizeof(detail));
        status = rp_error_set(
            err, RP_ERR_INPUT, c.have_error && c.file[0] ? c.file : path,
            c.have_error && c.line > 0 ? c.line : text_line(&c), NULL,
            "invalid XSLT stylesheet: %s",
            detail[0] ? detail
                      : (c.have_error ? c.message : "compilation failed"));
        goto out;
    }
    doc = NULL; /* owned by sheet->style now */
    *out = sheet;
    sheet = NULL;
out:
    /* On failure xsltParseStylesheetDoc leaves doc to us... unless it
     * built a stylesheet around it, which then owns and frees it. */
    if (sheet && sheet->style)
        doc = NULL;
    xmlFreeDoc(doc);
    rp_transform_free(sheet);
    capture_release(&c);
    return status;
}

void rp_transform_free(struct rp_stylesheet *sheet)
{
    if (!sheet)
        return;
    if (sheet->style)
        xsltFreeStylesheet(sheet->style);
    if (sheet->prefs)
        xsltFreeSecurityPrefs(sheet->prefs);
    free(sheet->dir);
    free(sheet->path);
    free(sheet);
}

static size_t count_params(const char *const *params)
{
    size_t n = 0;

    while (params && params[n])
        n++;
    return n;
}

enum rp_status rp_transform_apply(struct rp_stylesheet *sheet, xmlDoc *in,
                                  const char *const *params,
                                  const struct rp_transform_limits *limits,
                                  xmlDoc **out, struct rp_error *err)
{
    enum rp_status status = RP_OK;
    xsltTransformContext *ctxt = NULL;
    struct saved_handlers saved;
    struct rp_budget budget;
    bool redirected = false;
    struct sandbox box = {.dir = sheet->dir};
    struct capture c;
    char detail[900];
    xmlDoc *result = NULL;

    *out = NULL;
    capture_init(&c);
    rp_error_init(&box.why);
    c.allowed_dir = sheet->dir;
    if (count_params(params) % 2 != 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, sheet->path, 0, NULL,
                              "stylesheet parameters must come in name, "
                              "value pairs");
        goto out;
    }
    ctxt = xsltNewTransformContext(sheet->style, in);
    if (!ctxt) {
        status = rp_error_set(err, RP_ERR_INTERNAL, sheet->path, 0, NULL,
                              "cannot create a transformation context");
        goto out;
    }
    ctxt->_private = &c;
    xsltSetTransformErrorFunc(ctxt, &c, on_generic_error);
    /* Files read by document() get the same safe options as inputs. */
    xsltSetCtxtParseOptions(ctxt, RP_XML_PARSE_OPTIONS);
    if (xsltSetCtxtSecurityPrefs(sheet->prefs, ctxt) != 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, sheet->path, 0, NULL,
                              "cannot apply the stylesheet's sandbox");
        goto out;
    }
    handlers_redirect(&saved, &c);
    redirected = true;
    /* Values are strings, never XPath: quoting here means a value holding
     * a quote or "document(...)" stays a string. */
    if (params && xsltQuoteUserParams(ctxt, (const char **)params) != 0) {
        text_one_line(&c, detail, sizeof(detail));
        status = rp_error_set(err, RP_ERR_USAGE, sheet->path, 0, NULL,
                              "bad stylesheet parameter: %s", detail);
        goto out;
    }
    current_sandbox = &box;
    rp_budget_start(&budget, limits, ctxt);
    result = xsltApplyStylesheetUser(sheet->style, in, NULL, NULL, NULL, ctxt);
    rp_budget_stop(&budget);
    current_sandbox = NULL;
    /* Over budget is an error whatever libxslt returned: what it made of
     * a refused allocation may look like a result. */
    status = rp_budget_check(&budget, sheet->path, c.text.data, err);
    if (status != RP_OK)
        goto out;
    if (box.why.status != RP_OK) {
        status = rp_error_set(err, RP_ERR_INPUT, sheet->path, text_line(&c),
                              NULL, "%s", box.why.message);
        goto out;
    }
    if (c.refused) {
        status =
            rp_error_set(err, RP_ERR_INPUT, sheet->path, text_line(&c), NULL,
                         "refused %s: templates may not write files "
                         "or use the network, and may read files "
                         "only in their own directory",
                         c.refused_what);
        goto out;
    }
    if (!result || ctxt->state != XSLT_STATE_OK) {
        text_one_line(&c, detail, sizeof(detail));
        status = rp_error_set(err, RP_ERR_INPUT, sheet->path, text_line(&c),
                              NULL, "the stylesheet stopped: %s",
                              detail[0] ? detail : "unknown error");
        goto out;
    }
    /* An error libxml2 raised under the transform (an XPath expression
     * that recursed too deep, say) leaves libxslt going on with an empty
     * value: the result would look complete and be wrong. */
    if (c.have_error) {
        status = rp_error_set(err, RP_ERR_INPUT, sheet->path, text_line(&c),
                              NULL, "the stylesheet stopped: %s", c.message);
        goto out;
    }
    /* Non-fatal xsl:message output is the template talking to the user. */
    if (c.text.len > 0) {
        text_one_line(&c, detail, sizeof(detail));
        rp_log_warn("%s: %s", sheet->path, detail);
    }
    *out = result;
    result = NULL;
out:
    if (redirected)
        handlers_restore(&saved);
    xmlFreeDoc(result);
    if (ctxt)
        xsltFreeTransformContext(ctxt);
    capture_release(&c);
    return status;
}
