/* Render driver: FO tree, layout, paint, in one call (render.h). */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>

#include "common/file.h"
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

static enum rp_status render(struct rp_fo_doc *doc, const char *pdf_path,
                             const struct rp_render_options *opt,
                             struct rp_render_result *result,
                             struct rp_error *err);

enum rp_status rp_render_fo_to_pdf(xmlDoc *fo, const char *name,
                                   const char *pdf_path,
                                   const struct rp_render_options *opt,
                                   struct rp_render_result *result,
                                   struct rp_error *err)
{
    struct rp_fo_doc *doc = NULL;
    enum rp_status status;

    /* No xmlDoc: stream the file, so memory stays flat in its length. */
    status = fo ? rp_fo_doc_open_xml(fo, name, &doc, err)
                : rp_fo_doc_open_file(name, &doc, err);
    if (status != RP_OK)
        return status;
    return render(doc, pdf_path, opt, result, err);
}

enum rp_status rp_render_fo_bytes_to_pdf(const char *fo, size_t len,
                                         const char *name, const char *pdf_path,
                                         const struct rp_render_options *opt,
                                         struct rp_render_result *result,
                                         struct rp_error *err)
{
    struct rp_fo_doc *doc = NULL;
    enum rp_status status;

    status = rp_fo_doc_open_memory(fo, len, name, &doc, err);
    if (status != RP_OK)
        return status;
    return render(doc, pdf_path, opt, result, err);
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

/* Lays out and paints doc, which it frees. */
static enum rp_status render(struct rp_fo_doc *doc, const char *pdf_path,
                             const struct rp_render_options *opt,
                             struct rp_render_result *result,
                             struct rp_error *err)
{
    const char *dump_path = opt->dump_path;
    struct rp_painter *painter = NULL;
    struct rp_outfile dump = {0};
    struct rp_layout_stats stats;
    struct rp_pdf_info info = {0};
    char lang[64];
    struct tee_sink tee = {0};
    struct rp_layout_sink sink;
    PangoContext *pango;
    enum rp_status status;

    if (opt->base_dir || opt->assets_dir)
        rp_fo_doc_set_image_dirs(
            doc, opt->base_dir ? opt->base_dir : rp_fo_doc_base_dir(doc),
            opt->assets_dir);
    info.title = rp_fo_doc_metadata(doc)->title;
    info.author = rp_fo_doc_metadata(doc)->author;
    info.subject = rp_fo_doc_metadata(doc)->subject;
    info.keywords = rp_fo_doc_metadata(doc)->keywords;
    info.created = opt->created;
    info.lang = document_language(doc, lang, sizeof(lang));
    status = rp_paint_pdf_open(pdf_path, &info, &painter, err);
    if (status != RP_OK)
        goto out;
    set_outline(painter, doc);
    if (dump_path) {
        status = rp_outfile_open(&dump, dump_path, err);
        if (status != RP_OK)
            goto out;
        tee.dump = dump.fp;
    }
    tee.pdf = rp_paint_sink(painter);
    sink.page_done = tee_page;
    sink.structure = true;
    sink.ctx = &tee;
    pango = process_context();
    status = rp_layout_run(doc, pango, &sink, &stats, err);
    if (status != RP_OK)
        goto out;
    status = rp_paint_pdf_close(painter, err);
    painter = NULL;
    if (status != RP_OK)
        goto out;
    if (dump_path)
        status = rp_outfile_commit(&dump, err);
    if (result)
        result->pages = stats.pages;
out:
    rp_outfile_abort(&dump);
    rp_paint_pdf_abort(painter);
    rp_fo_doc_free(doc);
    return status;
}
