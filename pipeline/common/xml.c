/* Safe XML reading for every document (xml.h). */
#include "xml.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "file.h"
#include "mem.h"

/* The external entity the last parse on this thread asked for, which the
 * loader refused: libxml2's own message for it only says "failed to
 * load", as if the file were missing. */
static _Thread_local char refused_entity[512];
/* Where the reference stood, when a tree parse of ours is running on this
 * thread: the loader is given the entity's own context, not ours. */
static _Thread_local long refused_line;
static _Thread_local xmlParserCtxt *parsing;

/*
 * Loads nothing.  Returning NULL would make libxml2 treat the entity as
 * merely undeclared and go on without its text; an input that is not
 * well-formed makes the reference a fatal error instead, so no parse --
 * tree or streaming reader -- can succeed with the text missing.
 */
static xmlParserInput *refuse_entity(const char *url, const char *id,
                                     xmlParserCtxt *ctxt)
{
    if (!refused_entity[0]) {
        snprintf(refused_entity, sizeof(refused_entity), "%s",
                 url ? url : (id ? id : "(unnamed)"));
        refused_line = parsing && parsing->input ? parsing->input->line : 0;
    }
    return ctxt ? xmlNewStringInputStream(ctxt, (const xmlChar *)"<") : NULL;
}

static void init_once(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_entity);
}

void rp_xml_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, init_once);
}

/* ---- describing failures ---- */

/* The first bytes of the document as printable text, for "it begins
 * with ...": shows a user which file they gave us. */
static void describe_head(const char *head, size_t len, char *dst, size_t size)
{
    size_t i, n = 0;

    /* Skip a UTF-8 byte order mark and leading blanks. */
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) {
        head += 3;
        len -= 3;
    }
    while (len > 0 && isspace((unsigned char)*head)) {
        head++;
        len--;
    }
    for (i = 0; i < len && n + 4 < size && i < 24; i++) {
        unsigned char ch = (unsigned char)head[i];
        if (ch == '\n' || ch == '\r')
            break;
        dst[n++] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
    }
    if (i < len && head[i] != '\n' && head[i] != '\r' && n + 4 < size) {
        memcpy(dst + n, "...", 3);
        n += 3;
    }
    dst[n] = '\0';
}

static enum rp_status describe(const xmlError *e, const char *name,
                               long at_line, const char *head, size_t head_len,
                               bool whole_head, struct rp_error *err)
{
    char begins[64];
    long line = e ? e->line : 0;

    if (refused_entity[0]) {
        char url[sizeof(refused_entity)];
        long at = refused_line ? refused_line : at_line;
        memcpy(url, refused_entity, sizeof(url));
        refused_entity[0] = '\0';
        refused_line = 0;
        /* libxml2's error is about the entity's own text, which we
         * never loaded: the line is where the parser stood. */
        return rp_error_set(
            err, RP_ERR_INPUT, name, at, NULL,
            "refused the external entity \"%s\": documents may not pull in "
            "other files or URLs (declare the text in the document itself)",
            url);
    }
    if (whole_head && head_len == 0)
        return rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                            "the file is empty: expected an XML document");
    describe_head(head ? head : "", head ? head_len : 0, begins,
                  sizeof(begins));
    if (whole_head && !begins[0])
        return rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                            "the file holds only blanks: expected an XML "
                            "document");
    if (!e || !e->message)
        return rp_error_set(err, RP_ERR_INPUT, name, line, NULL,
                            "cannot read the XML document");
    /* libxml2 says "Document is empty" or "Start tag expected" of any
     * file that does not begin with '<'. */
    if ((e->code == XML_ERR_DOCUMENT_EMPTY ||
         e->code == XML_ERR_DOCUMENT_START) &&
        begins[0] && begins[0] != '<')
        return rp_error_set(err, RP_ERR_INPUT, name, line, NULL,
                            "not an XML document: it begins with \"%s\"",
                            begins);
    /* libxml2 stops an entity that expands past its limits (a "billion
     * laughs") with the same code as a real loop. */
    if (e->code == XML_ERR_ENTITY_LOOP)
        return rp_error_set(err, RP_ERR_INPUT, name, line, NULL,
                            "entities expand too far: an entity refers to "
                            "itself, or nested entities multiply the text "
                            "beyond reason");
    if (e->code == XML_ERR_DOCUMENT_END)
        return rp_error_set(err, RP_ERR_INPUT, name, line, NULL,
                            "not well-formed XML: something follows the end "
                            "of the document element");
    {
        char msg[400];
        rp_xml_message_copy(msg, sizeof(msg), e->message);
        return rp_error_set(err, RP_ERR_INPUT, name, line, NULL,
                            "not well-formed XML: %s", msg);
    }
}

void rp_xml_message_copy(char *dst, size_t size, const char *s)
{
    size_t n;

    if (size == 0)
        return;
    snprintf(dst, size, "%s", s ? s : "");
    n = strlen(dst);
    while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
        dst[--n] = '\0';
}

enum rp_status rp_xml_parse_failed(const xmlError *e, const char *name,
                                   long at_line, struct rp_error *err)
{
    char head[64];
    ssize_t n = -1;
    int fd = open(name, O_RDONLY | O_CLOEXEC);

    if (fd >= 0) {
        n = read(fd, head, sizeof(head));
        close(fd);
    }
    return describe(e, name, at_line, n >= 0 ? head : NULL,
                    n > 0 ? (size_t)n : 0, n >= 0 && (size_t)n < sizeof(head),
                    err);
}

/* ---- parsing ---- */

/* The first error: later ones are usually its consequences. */
struct first_error {
    bool set;
    xmlError e;
    char message[400];
    char file[256];
};

static void keep_first(void *ctx, xmlError *e)
{
    xmlParserCtxt *ctxt = ctx;
    struct first_error *f = ctxt ? ctxt->_private : NULL;

    if (!f || !e || e->level < XML_ERR_ERROR || f->set)
        return;
    f->set = true;
    f->e = *e;
    snprintf(f->message, sizeof(f->message), "%s",
             e->message ? e->message : "");
    snprintf(f->file, sizeof(f->file), "%s", e->file ? e->file : "");
    f->e.message = f->message;
    f->e.file = f->file;
    f->e.str1 = f->e.str2 = f->e.str3 = NULL;
    f->e.ctxt = f->e.node = NULL;
}

struct fd_source {
    int fd;
    char head[64]; /* the first bytes, for describing a failure */
    size_t head_len;
};

static int fd_read(void *ctx, char *buf, int len)
{
    struct fd_source *s = ctx;
    ssize_t n;

    do
        n = read(s->fd, buf, (size_t)len);
    while (n < 0 && errno == EINTR);
    if (n > 0 && s->head_len < sizeof(s->head)) {
        size_t take = sizeof(s->head) - s->head_len;
        if (take > (size_t)n)
            take = (size_t)n;
        memcpy(s->head + s->head_len, buf, take);
        s->head_len += take;
    }
    return n < 0 ? -1 : (int)n;
}

static int fd_close(void *ctx)
{
    (void)ctx; /* closed by whoever opened it */
    return 0;
}

static int open_input(const char *path, const char *what, struct rp_error *err)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        rp_error_set(err, RP_ERR_INPUT, path, 0, NULL, "cannot read %s: %s",
                     what, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        rp_error_set(err, RP_ERR_INPUT, path, 0, NULL,
                     "cannot read %s: it is a directory", what);
        return -1;
    }
    return fd;
}

/* One parser for files and memory, so both get the same options. */
static enum rp_status parse(const char *path, const char *data, size_t len,
                            const char *name, xmlDict *dict, xmlDoc **out,
                            struct rp_error *err)
{
    enum rp_status status = RP_OK;
    struct fd_source src = {.fd = -1};
    struct first_error first;
    xmlParserCtxt *ctxt = NULL;
    xmlDoc *doc = NULL;

    *out = NULL;
    rp_xml_init();
    memset(&first, 0, sizeof(first));
    refused_entity[0] = '\0';
    if (!path && len > INT_MAX) {
        status = rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                              "XML document larger than 2 GiB");
        goto out;
    }
    if (path) {
        src.fd = open_input(path, "the XML document", err);
        if (src.fd < 0) {
            status = err->status;
            goto out;
        }
    }
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        status = rp_error_set(err, RP_ERR_INTERNAL, name, 0, NULL,
                              "cannot create an XML parser");
        goto out;
    }
    if (dict) {
        xmlDictFree(ctxt->dict);
        ctxt->dict = dict;
        xmlDictReference(dict);
    }
    ctxt->_private = &first;
    ctxt->sax->serror = keep_first;
    parsing = ctxt;
    if (path)
        doc = xmlCtxtReadIO(ctxt, fd_read, fd_close, &src, name, NULL,
                            RP_XML_PARSE_OPTIONS);
    else
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL,
                                RP_XML_PARSE_OPTIONS);
    parsing = NULL;
    /* A refused entity is an error even where libxml2 went on without
     * it: its text would be missing from the result. */
    if (!doc || !ctxt->wellFormed || first.set || refused_entity[0]) {
        long at = ctxt->input ? ctxt->input->line : 0;
        if (path)
            status =
                describe(first.set ? &first.e : NULL, name, at, src.head,
                         src.head_len, src.head_len < sizeof(src.head), err);
        else
            status = describe(first.set ? &first.e : NULL, name, at, data, len,
                              true, err);
        goto out;
    }
    *out = doc;
    doc = NULL;
out:
    xmlFreeDoc(doc);
    if (ctxt)
        xmlFreeParserCtxt(ctxt);
    if (src.fd >= 0)
        close(src.fd);
    refused_entity[0] = '\0';
    refused_line = 0;
    return status;
}

enum rp_status rp_xml_read_file(const char *path, xmlDoc **out,
                                struct rp_error *err)
{
    return parse(path, NULL, 0, path, NULL, out, err);
}

enum rp_status rp_xml_read_file_dict(const char *path, xmlDict *dict,
                                     xmlDoc **out, struct rp_error *err)
{
    return parse(path, NULL, 0, path, dict, out, err);
}

enum rp_status rp_xml_read_memory(const char *data, size_t len,
                                  const char *name, xmlDoc **out,
                                  struct rp_error *err)
{
    return parse(NULL, data, len, name ? name : "(memory)", NULL, out, err);
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

/* The reader's input closes its descriptor with it. */
static int fd_close_owned(void *ctx)
{
    struct fd_source *s = ctx;
    int r = close(s->fd);

    free(s);
    return r;
}

xmlTextReader *rp_xml_reader_open(const char *path, struct rp_error *err)
{
    xmlTextReader *reader;
    struct fd_source *src;
    int fd;

    rp_xml_init();
    fd = open_input(path, "the document", err);
    if (fd < 0)
        return NULL;
    src = rp_xcalloc(1, sizeof(*src));
    src->fd = fd;
    /* On failure xmlReaderForIO has already called the close callback. */
    reader = xmlReaderForIO(fd_read, fd_close_owned, src, path, NULL,
                            RP_XML_PARSE_OPTIONS);
    if (!reader)
        rp_error_set(err, RP_ERR_INTERNAL, path, 0, NULL,
                     "cannot create an XML reader");
    return reader;
}

xmlTextReader *rp_xml_reader_open_memory(const char *data, size_t len,
                                         const char *name, struct rp_error *err)
{
    xmlTextReader *reader;

    rp_xml_init();
    if (len > INT_MAX)
        return rp_error_set(err, RP_ERR_INPUT, name, 0, NULL,
                            "the document is larger than 2 GiB"),
               NULL;
    reader =
        xmlReaderForMemory(data, (int)len, name, NULL, RP_XML_PARSE_OPTIONS);
    if (!reader)
        rp_error_set(err, RP_ERR_INTERNAL, name, 0, NULL,
                     "cannot create an XML reader");
    return reader;
}
