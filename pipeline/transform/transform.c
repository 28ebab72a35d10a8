/* Transform stage: safe XML parsing and locked-down XSLT. */
#include "transform.h"

#include <errno.h>
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

/*
 * NONET: no input reaches the network.  No NOENT or DTDLOAD, so entities
 * are not substituted and no external DTD is read; without HUGE, libxml2
 * caps entity amplification.  NOCDATA merges CDATA into text, which is
 * all the templates want.
 */
#define RP_XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

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

/* Copies s without its trailing newlines or spaces. */
static void copy_trimmed(char *dst, size_t size, const char *s)
{
    size_t n;

    snprintf(dst, size, "%s", s ? s : "");
    n = strlen(dst);
    while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
        dst[--n] = '\0';
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
    copy_trimmed(c->message, sizeof(c->message), e->message);
}

/* libxml2 calls this through ctxt->sax->serror with the parser context. */
static void on_parser_error(void *ctx, xmlError *e)
{
    xmlParserCtxt *ctxt = ctx;

    on_structured_error(ctxt ? ctxt->_private : NULL, e);
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

/* ---- XML in and out ---- */

static enum rp_status parse_failed(struct capture *c, const char *name,
                                   struct rp_error *err)
{
    char detail[600];

    if (c->have_error && c->line == 0)
        return rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                            "cannot read XML: %s", c->message);
    if (c->have_error)
        return rp_error_set(err, RP_ERR_INPUT, c->file[0] ? c->file : name,
                            c->line, NULL, "XML is not well-formed: %s",
                            c->message);
    text_one_line(c, detail, sizeof(detail));
    return rp_error_set(err, RP_ERR_INPUT, name, 0, NULL, "cannot read XML%s%s",
                        detail[0] ? ": " : " (missing or unreadable file?)",
                        detail);
}

/* One parser for files and memory, so both get the same options. */
static enum rp_status xml_read(const char *path, const char *data, size_t len,
                               const char *name, xmlDoc **out,
                               struct rp_error *err)
{
    enum rp_status status = RP_OK;
    struct saved_handlers saved;
    struct capture c;
    xmlParserCtxt *ctxt = NULL;
    xmlDoc *doc = NULL;

    *out = NULL;
    capture_init(&c);
    if (!path && len > INT_MAX) {
        status = rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                              "XML document larger than 2 GiB");
        goto out;
    }
    /* libxml2 reports a missing file only as a warning without errno. */
    if (path && access(path, R_OK) != 0) {
        status = rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                              "cannot read XML: %s", strerror(errno));
        goto out;
    }
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        status = rp_error_set(err, RP_ERR_INTERNAL, name, 0, NULL,
                              "cannot create an XML parser");
        goto out;
    }
    ctxt->_private = &c;
    ctxt->sax->serror = on_parser_error;
    /* I/O errors are raised without the parser context. */
    handlers_redirect(&saved, &c);
    if (path)
        doc = xmlCtxtReadFile(ctxt, path, NULL, RP_XML_PARSE_OPTIONS);
    else
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
                                RP_XML_PARSE_OPTIONS);
    handlers_restore(&saved);
    if (!doc || !ctxt->wellFormed || c.have_error) {
        status = parse_failed(&c, name, err);
        goto out;
    }
    *out = doc;
    doc = NULL;
out:
    xmlFreeDoc(doc);
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    capture_release(&c);
    return status;
}

enum rp_status rp_xml_read_file(const char *path, xmlDoc **out,
                                struct rp_error *err)
{
    return xml_read(path, NULL, 0, path, out, err);
}

enum rp_status rp_xml_read_memory(const char *data, size_t len,
                                  const char *name, xmlDoc **out,
                                  struct rp_error *err)
{
    return xml_read(NULL, data, len, name ? name : "(memory)", out, err);
}

enum rp_status rp_xml_write_file(xmlDoc *doc, const char *path,
                                 struct rp_error *err)
{
    enum rp_status status;
    xmlChar *mem = NULL;
    int size = 0;

    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    if (!mem || size < 0) {
        status = rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                              "cannot serialise the XML document");
        goto out;
    }
    status = rp_file_write_all(path, mem, (size_t)size, err);
out:
    xmlFree(mem);
    return status;
}

/* ---- stylesheets ---- */

/* EXSLT (dates, strings, sets) is registered once per process. */
static void register_extensions(void)
{
    static bool done;

    if (done)
        return;
    exsltRegisterAll();
    done = true;
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
 * document() may read files in the stylesheet's directory and below it
 * (labels, brand data), nothing else: a template cannot be used to pull
 * arbitrary files from the machine into a PDF.
 */
static int allow_read_own_dir(xsltSecurityPrefs *sec,
                              xsltTransformContext *ctxt, const char *value)
{
    struct capture *c = capture_of(ctxt);
    char *real = value ? realpath(value, NULL) : NULL;
    size_t n = c && c->allowed_dir ? strlen(c->allowed_dir) : 0;
    int ok;

    (void)sec;
    ok = real && n > 0 && strncmp(real, c->allowed_dir, n) == 0 &&
         (real[n] == '/' || (n == 1 && c->allowed_dir[0] == '/'));
    free(real);
    if (ok)
        return 1;
    return refuse(ctxt, "reading the file", value);
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
    struct capture c;
    char detail[900];
    xmlDoc *doc = NULL;

    *out = NULL;
    capture_init(&c);
    register_extensions();
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
    handlers_redirect(&saved, &c);
    sheet->style = xsltParseStylesheetDoc(doc);
    handlers_restore(&saved);
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
    struct capture c;
    char detail[900];
    xmlDoc *result = NULL;

    *out = NULL;
    capture_init(&c);
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
    rp_budget_start(&budget, limits, ctxt);
    result = xsltApplyStylesheetUser(sheet->style, in, NULL, NULL, NULL, ctxt);
    rp_budget_stop(&budget);
    /* Over budget is an error whatever libxslt returned: what it made of
     * a refused allocation may look like a result. */
    status = rp_budget_check(&budget, sheet->path, c.text.data, err);
    if (status != RP_OK)
        goto out;
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
