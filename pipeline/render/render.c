/* Render driver: FO tree, layout, paint, in one call (render.h). */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"
#include "fo/fo.h"
#include "layout/layout.h"
#include "paint/paint.h"

/* Paints every page and, for --dump-area, writes its text dump too. */
struct tee_sink {
    struct rp_layout_sink pdf;
    FILE *dump;
};

static enum rp_status tee_page(void *ctx, const struct rp_area_page *page,
                               struct rp_error *err)
{
    struct tee_sink *tee = ctx;
    if (tee->dump)
        rp_paint_dump_page(tee->dump, page);
    return tee->pdf.page_done(tee->pdf.ctx, page, err);
}

/* The bookmark tree as a flat outline, parents before children. */
struct outline {
    struct rp_pdf_outline *entries;
    char **titles;
    size_t n, cap;
};

static void add_bookmarks(struct outline *o, const struct rp_fo_node *parent,
                          int parent_index)
{
    const struct rp_fo_node *b, *c, *t;

    for (b = parent->first_child; b; b = b->next) {
        GString *title;
        int index;

        if (b->kind != RP_FO_BOOKMARK)
            continue;
        title = g_string_new(NULL);
        for (c = b->first_child; c; c = c->next) {
            if (c->kind != RP_FO_BOOKMARK_TITLE)
                continue;
            for (t = c->first_child; t; t = t->next) {
                if (t->kind == RP_FO_TEXT)
                    g_string_append(title, t->text);
            }
        }
        g_strstrip(title->str);
        rp_array_grow((void **)&o->entries, &o->cap, o->n + 1,
                      sizeof(*o->entries));
        o->titles = rp_xrealloc(o->titles, o->cap * sizeof(*o->titles));
        index = (int)o->n;
        o->titles[o->n] = g_string_free(title, FALSE);
        o->entries[o->n].title = o->titles[o->n];
        o->entries[o->n].dest = b->props.link_internal ? b->props.link : NULL;
        o->entries[o->n].uri = b->props.link_internal ? NULL : b->props.link;
        o->entries[o->n].parent = parent_index;
        o->entries[o->n].open = b->props.starting_state_show;
        o->n++;
        add_bookmarks(o, b, index);
    }
}

static void set_outline(struct rp_painter *painter, const struct rp_fo_doc *doc)
{
    const struct rp_fo_node *tree = rp_fo_doc_bookmarks(doc);
    struct outline o = {0};
    size_t i;

    if (!tree)
        return;
    add_bookmarks(&o, tree, -1);
    rp_paint_pdf_set_outline(painter, o.entries, o.n);
    for (i = 0; i < o.n; i++)
        g_free(o.titles[i]);
    free(o.titles);
    free(o.entries);
}

/* Where the FO comes from: an xmlDoc, bytes, or else the file name. */
struct source {
    xmlDoc *fo;
    const char *bytes;
    size_t len;
    const char *name;
};

static enum rp_status render(const struct source *src, const char *pdf_path,
                             const struct rp_render_options *opt,
                             struct rp_render_result *result,
                             struct rp_error *err);

enum rp_status rp_render_fo_to_pdf(xmlDoc *fo, const char *name,
                                   const char *pdf_path,
                                   const struct rp_render_options *opt,
                                   struct rp_render_result *result,
                                   struct rp_error *err)
{
    struct source src = {fo, NULL, 0, name};

    return render(&src, pdf_path, opt, result, err);
}

enum rp_status rp_render_fo_bytes_to_pdf(const char *fo, size_t len,
                                         const char *name, const char *pdf_path,
                                         const struct rp_render_options *opt,
                                         struct rp_render_result *result,
                                         struct rp_error *err)
{
    struct source src = {NULL, fo, len, name};

    return render(&src, pdf_path, opt, result, err);
}

/*
 * One Pango context for every document this process renders.  A fresh
 * context has a fresh font map: it matched, loaded and measured every font
 * again (fontconfig, FreeType, Pango's metrics) for each document, and a
 * batch worker renders hundreds of them; the layout also keeps what it
 * measured and shaped with the context (run.c).  Fonts do not depend on
 * the document, so the PDFs are the same.  Made on first use, in the
 * process that renders: a forked child makes its own rather than use one
 * whose fontconfig thread stayed in the parent.  Never freed: it lives
 * as long as the process.
 */
static PangoContext *process_context(void)
{
    static PangoContext *context;
    static pid_t owner;

    if (!context || owner != getpid()) {
        context = rp_layout_context_new();
        owner = getpid();
    }
    return context;
}

/* The language of fo:root (xml:lang, or language and country), for the
 * PDF's /Lang: "en-US", "de"; NULL when it has none. */
static const char *document_language(struct rp_fo_doc *doc, char *out,
                                     size_t size)
{
    const struct rp_fo_props *p = &rp_fo_doc_root(doc)->props;

    if (!p->language)
        return NULL;
    if (p->country)
        snprintf(out, size, "%s-%s", p->language, p->country);
    else
        snprintf(out, size, "%s", p->language);
    return out;
}

/*
 * Lays out doc and paints it into pdf_path (and dump, unless NULL).
 * *again: the painter could not write the structure from its counts;
 * nothing was written, paint again with Cairo's tags (paint.h).
 */
static enum rp_status paint_document(struct rp_fo_doc *doc,
                                     const char *pdf_path,
                                     const struct rp_pdf_info *info, FILE *dump,
                                     struct rp_layout_stats *stats, bool *again,
                                     struct rp_error *err)
{
    struct rp_painter *painter = NULL;
    struct tee_sink tee = {0};
    struct rp_layout_sink sink;
    enum rp_status status;

    *again = false;
    status = rp_paint_pdf_open(pdf_path, info, &painter, err);
    if (status != RP_OK)
        return status;
    set_outline(painter, doc);
    tee.dump = dump;
    tee.pdf = rp_paint_sink(painter);
    sink.page_done = tee_page;
    sink.structure = true;
    sink.ctx = &tee;
    status = rp_layout_run(doc, process_context(), &sink, stats, err);
    if (status != RP_OK) {
        rp_paint_pdf_abort(painter);
        return status;
    }
    return rp_paint_pdf_close(painter, again, err);
}

/*
 * The FO document, opened (again) from src: layout consumes it.  Read
 * again, it has nothing new to warn about.
 */
static enum rp_status open_doc(const struct source *src,
                               const struct rp_render_options *opt, bool again,
                               struct rp_fo_doc **doc, struct rp_error *err)
{
    struct rp_fo_options fo_opt = {.strict = opt->strict, .quiet = again};
    enum rp_status status;

    /* No xmlDoc: stream the file, so memory stays flat in its length. */
    if (src->bytes)
        status = rp_fo_doc_open_memory(src->bytes, src->len, src->name, &fo_opt,
                                       doc, err);
    else if (src->fo)
        status = rp_fo_doc_open_xml(src->fo, src->name, &fo_opt, doc, err);
    else
        status = rp_fo_doc_open_file(src->name, &fo_opt, doc, err);
    if (status == RP_OK && (opt->base_dir || opt->assets_dir))
        rp_fo_doc_set_image_dirs(
            *doc, opt->base_dir ? opt->base_dir : rp_fo_doc_base_dir(*doc),
            opt->assets_dir);
    return status;
}

/* Lays out and paints the document of src. */
static enum rp_status render(const struct source *src, const char *pdf_path,
                             const struct rp_render_options *opt,
                             struct rp_render_result *result,
                             struct rp_error *err)
{
    struct rp_fo_doc *doc = NULL;
    const char *dump_path = opt->dump_path;
    struct rp_outfile dump = {0};
    struct rp_layout_stats stats;
    struct rp_pdf_info info = {0};
    const char *tagging = getenv("REPORTPIPE_TAGGING");
    char lang[64];
    enum rp_status status;
    bool again;

    status = open_doc(src, opt, false, &doc, err);
    if (status != RP_OK)
        return status;
    info.title = rp_fo_doc_metadata(doc)->title;
    info.author = rp_fo_doc_metadata(doc)->author;
    info.subject = rp_fo_doc_metadata(doc)->subject;
    info.keywords = rp_fo_doc_metadata(doc)->keywords;
    info.created = opt->created;
    info.lang = document_language(doc, lang, sizeof(lang));
    /* REPORTPIPE_TAGGING=cairo: Cairo's structure tags from the start,
     * to compare a document's structure both ways (docs/operations.md). */
    info.cairo_tags = tagging && !strcmp(tagging, "cairo");
    if (dump_path) {
        status = rp_outfile_open(&dump, dump_path, err);
        if (status != RP_OK)
            goto out;
    }
    status = paint_document(doc, pdf_path, &info, dump.fp, &stats, &again, err);
    if (status == RP_OK && again) {
        /* Something Cairo draws its own way (librsvg's SVG, a shape it
         * leaves out): its tags mark what it drew. */
        rp_log_debug("%s: marked content not counted; tagging with Cairo",
                     pdf_path);
        info.cairo_tags = true;
        rp_fo_doc_free(doc);
        doc = NULL;
        status = open_doc(src, opt, true, &doc, err);
        if (status == RP_OK)
            status =
                paint_document(doc, pdf_path, &info, NULL, &stats, &again, err);
    }
    if (status != RP_OK)
        goto out;
    if (dump_path)
        status = rp_outfile_commit(&dump, err);
    if (result)
        result->pages = stats.pages;
out:
    rp_outfile_abort(&dump);
    rp_fo_doc_free(doc);
    return status;
}
