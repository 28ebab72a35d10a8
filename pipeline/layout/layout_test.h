/*
 * The fixture of layout_test.c and position_test.c: FO flows laid out on
 * a small test page, from a file and from memory, their text lines and
 * positions captured from the area tree, and lookups among them.
 */
#ifndef RP_LAYOUT_TEST_H
#define RP_LAYOUT_TEST_H

#include <math.h>
#include <stdarg.h>

#include "layout/test_layout.h"

#define MAX_LINES 4096
#define RP_TEST_FO_NS "http://www.w3.org/1999/XSL/Format"

struct captured_line {
    int page;
    double x, y, w;
    const void *layout;
    int z;        /* z-index of the positioned area around it */
    bool grouped; /* inside a positioned area */
    int order;    /* index on its page */
    char text[128];
};

struct capture {
    int pages;
    int n;
    struct captured_line lines[MAX_LINES];
    int rects_per_page[64];
    int top_rules_per_page[64];
    int groups_per_page[64];
    int clips;
    double clip[4]; /* the last clipping rectangle */
    int rotation;   /* of the last turned group */
    double turn[4]; /* its rectangle */
    double page_height;
    size_t text_bytes; /* of every line, on every page */
    int text_lines;
    size_t longest_line; /* bytes */
    double widest_line;  /* points */
};

static inline enum rp_status
capture_page(void *ctx, const struct rp_area_page *page, struct rp_error *err)
{
    struct capture *c = ctx;
    size_t i;
    int zs[16], depth = 0;
    (void)err;
    c->pages++;
    c->page_height = page->height;
    for (i = 0; i < page->n_items; i++) {
        const struct rp_area_item *item = &page->items[i];
        if (item->kind == RP_AREA_GROUP) {
            if (depth == 0 && page->index < 64)
                c->groups_per_page[page->index]++;
            if (item->clip) {
                c->clips++;
                c->clip[0] = item->x;
                c->clip[1] = item->y;
                c->clip[2] = item->w;
                c->clip[3] = item->h;
            }
            if (item->rotation) {
                c->rotation = item->rotation;
                c->turn[0] = item->x;
                c->turn[1] = item->y;
                c->turn[2] = item->w;
                c->turn[3] = item->h;
            }
            if (depth < 16)
                zs[depth] = item->z;
            depth++;
        }
        if (item->kind == RP_AREA_GROUP_END)
            depth--;
        if (item->kind == RP_AREA_RECT && page->index < 64)
            c->rects_per_page[page->index]++;
        if (item->kind == RP_AREA_RULE && item->h == 0 && page->index < 64)
            c->top_rules_per_page[page->index]++;
        if (item->kind == RP_AREA_TEXT || item->kind == RP_AREA_GLYPHS) {
            GString *text = g_string_new(NULL);
            rp_area_text(item, text);
            c->text_bytes += text->len;
            c->text_lines++;
            if (text->len > c->longest_line)
                c->longest_line = text->len;
            if (item->w > c->widest_line)
                c->widest_line = item->w;
            g_string_free(text, TRUE);
        }
        if ((item->kind == RP_AREA_TEXT || item->kind == RP_AREA_GLYPHS) &&
            c->n < MAX_LINES) {
            struct captured_line *l = &c->lines[c->n++];
            GString *text = g_string_new(NULL);
            rp_area_text(item, text);
            l->page = page->index;
            l->x = item->x;
            l->y = item->y;
            l->w = item->w;
            l->layout = item->layout;
            l->grouped = depth > 0;
            l->z = depth > 0 ? zs[0] : 0;
            l->order = (int)i;
            g_strlcpy(l->text, text->str, sizeof(l->text));
            g_string_free(text, TRUE);
        }
    }
    return RP_OK;
}

/* 200pt x 200pt pages with a 100pt-tall, 180pt-wide body at (10, 50). */
static const char page_setup[] =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
    "font-family='DejaVu Sans' font-size='10pt' line-height='12pt'>"
    "<fo:layout-master-set><fo:simple-page-master master-name='p' "
    "page-width='200pt' page-height='200pt' margin='10pt'>"
    "<fo:region-body margin-top='40pt' margin-bottom='40pt'/>"
    "<fo:region-after extent='20pt'/>"
    "</fo:simple-page-master></fo:layout-master-set>"
    "<fo:page-sequence master-reference='p' id='seq'>";
/* "Page N of M": the pages wait in the spool until M is known. */
static const char page_footer[] =
    "<fo:static-content flow-name='xsl-region-after'><fo:block>"
    "Page <fo:page-number/> of <fo:page-number-citation-last ref-id='seq'/>"
    "</fo:block></fo:static-content>";

/* Appends to the FO in flow (size bytes), printf-style: flows of rows,
 * blocks or notes written in loops.  One too long for its buffer fails
 * the test rather than lose its end. */
static inline void RP_PRINTF(3, 4)
    fo_append(char *flow, size_t size, const char *fmt, ...)
{
    size_t len = strlen(flow);
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(flow + len, size - len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < size - len);
}

/*
 * Lays out a flow body on the test page setup, with or without the
 * numbered footer.  With from_file the FO is written to a file and
 * streamed from it, else it is laid out from an in-memory xmlDoc: both
 * paths must give the same pages.
 */
static inline enum rp_status lay_out_with(const char *statics, const char *flow,
                                          bool from_file, struct capture *c,
                                          struct rp_error *err)
{
    size_t n = strlen(page_setup) + strlen(statics) + strlen(flow) + 128;
    char *text = malloc(n);
    struct rp_layout_sink sink = {capture_page, c, false};
    enum rp_status status;
    int pages = 0;

    snprintf(text, n,
             "%s%s<fo:flow flow-name='xsl-region-body'>%s</fo:flow>"
             "</fo:page-sequence></fo:root>",
             page_setup, statics, flow);
    memset(c, 0, sizeof(*c));
    status = rp_test_layout_text(text, from_file, &sink, &pages, err);
    if (status == RP_OK)
        assert_int_equal(pages, c->pages);
    free(text);
    return status;
}

static inline enum rp_status lay_out_from(const char *flow, bool from_file,
                                          bool numbered, struct capture *c,
                                          struct rp_error *err)
{
    return lay_out_with(numbered ? page_footer : "", flow, from_file, c, err);
}

static inline enum rp_status lay_out(const char *flow, struct capture *c,
                                     struct rp_error *err)
{
    return lay_out_from(flow, false, true, c, err);
}

static const struct captured_line *find(const struct capture *c,
                                        const char *text)
{
    int i;
    for (i = 0; i < c->n; i++) {
        if (strcmp(c->lines[i].text, text) == 0)
            return &c->lines[i];
    }
    return NULL;
}

static const struct captured_line *find_prefix(const struct capture *c,
                                               const char *prefix, int page)
{
    int i;
    for (i = 0; i < c->n; i++) {
        if (strncmp(c->lines[i].text, prefix, strlen(prefix)) == 0 &&
            (page == 0 || c->lines[i].page == page))
            return &c->lines[i];
    }
    return NULL;
}

static inline int count_prefix(const struct capture *c, const char *prefix,
                               int page)
{
    int i, n = 0;
    for (i = 0; i < c->n; i++) {
        if (strncmp(c->lines[i].text, prefix, strlen(prefix)) == 0 &&
            (page == 0 || c->lines[i].page == page))
            n++;
    }
    return n;
}

#endif
