/* The PDF painter: Cairo's PDF surface, fed one page at a time. */
#include "paint_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <glib.h>

#include "common/color.h"

#include "common/buf.h"
#include "common/file.h"
#include "common/log.h"
#include "common/mem.h"

/* Rectangles of one colour, or solid rules of one colour and width,
 * waiting to be drawn as one path. */
enum shape_kind { SHAPES_NONE, SHAPES_FILL, SHAPES_STROKE };
struct shape_batch {
    enum shape_kind kind;
    struct rp_area_color color;
    double width;
    size_t n_rules;
    double last[4]; /* the last rule's x, y, w, h */
};

struct rp_painter {
    struct rp_outfile file;
    cairo_surface_t *surface;
    cairo_t *cr;
    struct rp_pdf_info info;
    char *title, *author, *subject, *keywords;
    int pages;
    GHashTable *dests; /* destination names defined so far */
    struct rp_glyph_batch batch;
    struct shape_batch shapes;
    struct rp_pdf_outline *outline;
    size_t n_outline;
    struct rp_tags *tags;   /* from the first page on */
    struct rp_marks *marks; /* with tags, unless info.cairo_tags */
    char *lang;
    /* Pages (0-based) that show an image: Cairo 1.16 names an image in
     * the page's resources once per time it is drawn (tagged.c). */
    GArray *image_pages;
    bool page_has_image;
};

/* Cairo tag attributes quote strings with '; escape ' and \ inside. */
static void add_quoted(struct rp_buf *b, const char *s)
{
    int ok = rp_buf_addch(b, '\'');
    for (; *s && ok; s++) {
        if (*s == '\'' || *s == '\\')
            ok = rp_buf_addch(b, '\\');
        ok = ok && rp_buf_addch(b, *s);
    }
    ok = ok && rp_buf_addch(b, '\'');
    (void)ok; /* a name past the buffer cap is cut; cairo then says so */
}

static cairo_status_t write_to_file(void *closure, const unsigned char *data,
                                    unsigned int length)
{
    FILE *fp = closure;
    return fwrite(data, 1, length, fp) == length ? CAIRO_STATUS_SUCCESS
                                                 : CAIRO_STATUS_WRITE_ERROR;
}

static char *dup_or_null(const char *s)
{
    return s ? rp_xstrdup(s) : NULL;
}

enum rp_status rp_paint_pdf_open(const char *path,
                                 const struct rp_pdf_info *info,
                                 struct rp_painter **out, struct rp_error *err)
{
    struct rp_painter *p = rp_xcalloc(1, sizeof(*p));
    enum rp_status status;

    *out = NULL;
    status = rp_outfile_open(&p->file, path, err);
    if (status != RP_OK) {
        free(p);
        return status;
    }
    p->info = *info;
    p->title = dup_or_null(info->title);
    p->author = dup_or_null(info->author);
    p->subject = dup_or_null(info->subject);
    p->keywords = dup_or_null(info->keywords);
    p->lang = dup_or_null(info->lang);
    p->image_pages = g_array_new(FALSE, FALSE, sizeof(int));
    p->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    *out = p;
    return RP_OK;
}

static enum rp_status cairo_failed(struct rp_painter *p, cairo_status_t s,
                                   struct rp_error *err)
{
    return rp_error_set(err, RP_ERR_INTERNAL, p->file.path, 0, NULL,
                        "cairo could not write the PDF: %s",
                        cairo_status_to_string(s));
}

static void set_metadata(struct rp_painter *p)
{
    char date[32];
    time_t t = (time_t)p->info.created;
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* Both dates fixed: cairo would otherwise stamp the current time. */
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   date);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE,
                                   date);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
                                   "reportpipe");
    if (p->title)
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
                                       p->title);
    if (p->author)
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR,
                                       p->author);
    if (p->subject)
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT,
                                       p->subject);
    if (p->keywords)
        cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_KEYWORDS,
                                       p->keywords);
}

/*
 * Ridge and groove as Apache FOP draws them: three bands a third of the
 * width each, the colour in the middle, and on the side above (or left
 * of) the line lighter for a ridge and darker for a groove, the other
 * side the other way.
 */
static void paint_ridge(cairo_t *cr, const struct rp_area_item *item)
{
    double w = item->rule_width;
    double len = hypot(item->w, item->h);
    double nx = len > 0 ? -item->h / len * w / 3 : 0;
    double ny = len > 0 ? item->w / len * w / 3 : 0;
    double f = item->rule_style == RP_AREA_RULE_RIDGE ? 0.4 : -0.4;
    struct rp_color c = {item->color.r, item->color.g, item->color.b,
                         item->color.a};
    int band;

    /* The band towards smaller x + y comes first: above, or left. */
    if (nx + ny < 0) {
        nx = -nx;
        ny = -ny;
    }
    cairo_set_line_width(cr, w / 3);
    for (band = -1; band <= 1; band++) {
        struct rp_color b = band ? rp_color_lighten(c, -band * f) : c;
        cairo_set_source_rgba(cr, b.r, b.g, b.b, b.a);
        cairo_move_to(cr, item->x + band * nx, item->y + band * ny);
        cairo_rel_line_to(cr, item->w, item->h);
        cairo_stroke(cr);
    }
}

static void paint_rule(cairo_t *cr, const struct rp_area_item *item)
{
    double w = item->rule_width;

    cairo_save(cr);
    cairo_set_source_rgba(cr, item->color.r, item->color.g, item->color.b,
                          item->color.a);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    if (item->rule_style == RP_AREA_RULE_DASHED) {
        double period = item->rule_period > 0 ? item->rule_period : 5 * w;
        double dash[] = {period * 0.6, period * 0.4};
        cairo_set_dash(cr, dash, 2, 0);
    } else if (item->rule_style == RP_AREA_RULE_DOTTED) {
        double dash[] = {0, item->rule_period > 0 ? item->rule_period : 2 * w};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, dash, 2, 0);
    }
    if (item->rule_style == RP_AREA_RULE_RIDGE ||
        item->rule_style == RP_AREA_RULE_GROOVE) {
        paint_ridge(cr, item);
        rp_marks_ops(cr, 3);
        cairo_restore(cr);
        return;
    }
    if (item->rule_style == RP_AREA_RULE_DOUBLE) {
        /* Two lines each a third of the width, a third apart. */
        double len = hypot(item->w, item->h);
        double nx = len > 0 ? -item->h / len * w / 3 : 0;
        double ny = len > 0 ? item->w / len * w / 3 : 0;
        cairo_set_line_width(cr, w / 3);
        cairo_move_to(cr, item->x - nx, item->y - ny);
        cairo_rel_line_to(cr, item->w, item->h);
        cairo_move_to(cr, item->x + nx, item->y + ny);
        cairo_rel_line_to(cr, item->w, item->h);
    } else {
        cairo_set_line_width(cr, w);
        cairo_move_to(cr, item->x, item->y);
        cairo_rel_line_to(cr, item->w, item->h);
    }
    cairo_stroke(cr);
    rp_marks_ops(cr, 1);
    cairo_restore(cr);
}

/*
 * Link rectangles and destinations are written in page coordinates:
 * inside a rotated group, the turned rectangle's bounds (quarter turns
 * keep it a rectangle) and the turned point.
 */
static void page_rect(cairo_t *cr, const struct rp_area_item *item, double r[4])
{
    double x1 = item->x, y1 = item->y;
    double x2 = item->x + item->w, y2 = item->y + item->h;

    cairo_user_to_device(cr, &x1, &y1);
    cairo_user_to_device(cr, &x2, &y2);
    r[0] = fmin(x1, x2);
    r[1] = fmin(y1, y2);
    r[2] = fabs(x2 - x1);
    r[3] = fabs(y2 - y1);
}

static void paint_link(cairo_t *cr, const struct rp_area_item *item)
{
    struct rp_buf attrs = RP_BUF_INIT;
    double r[4];
    int ok;

    page_rect(cr, item, r);
    ok = rp_buf_addf(&attrs, "rect=[%.3f %.3f %.3f %.3f] %s=", r[0], r[1], r[2],
                     r[3], item->internal ? "dest" : "uri");
    (void)ok;
    add_quoted(&attrs, item->target);
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs.data);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    cairo_restore(cr);
    rp_buf_release(&attrs);
}

static void paint_dest(struct rp_painter *p, const struct rp_area_item *item)
{
    struct rp_buf attrs = RP_BUF_INIT;
    double x, y;
    int ok;

    if (g_hash_table_contains(p->dests, item->target))
        return;
    g_hash_table_add(p->dests, g_strdup(item->target));
    ok = rp_buf_adds(&attrs, "name=");
    (void)ok;
    add_quoted(&attrs, item->target);
    x = item->x;
    y = item->y;
    cairo_user_to_device(p->cr, &x, &y);
    ok = rp_buf_addf(&attrs, " x=%.3f y=%.3f", x, y);
    cairo_save(p->cr);
    cairo_identity_matrix(p->cr);
    cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attrs.data);
    cairo_tag_end(p->cr, CAIRO_TAG_DEST);
    cairo_restore(p->cr);
    rp_buf_release(&attrs);
}

static void flush_shapes(struct rp_painter *p)
{
    struct shape_batch *b = &p->shapes;

    if (b->kind == SHAPES_NONE)
        return;
    cairo_set_source_rgba(p->cr, b->color.r, b->color.g, b->color.b,
                          b->color.a);
    if (b->kind == SHAPES_FILL) {
        cairo_fill(p->cr);
    } else {
        cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_line_width(p->cr, b->width);
        cairo_stroke(p->cr);
    }
    rp_marks_ops(p->cr, 1);
    b->kind = SHAPES_NONE;
    b->n_rules = 0;
}

/* Opaque shapes of one colour (and width) may share a path: drawn
 * together they cover what they would drawn one by one. */
static void batch_shapes(struct rp_painter *p, enum shape_kind kind,
                         const struct rp_area_color *color, double width)
{
    struct shape_batch *b = &p->shapes;

    if (b->kind == kind && color->a >= 1 && b->color.a >= 1 &&
        !memcmp(&b->color, color, sizeof(*color)) && b->width == width)
        return;
    flush_shapes(p);
    b->kind = kind;
    b->color = *color;
    b->width = width;
}

/* The same rule to a millionth of a point (sums of lengths differ so). */
static bool same_segment(const double last[4], const struct rp_area_item *item)
{
    return fabs(last[0] - item->x) < 1e-6 && fabs(last[1] - item->y) < 1e-6 &&
           fabs(last[2] - item->w) < 1e-6 && fabs(last[3] - item->h) < 1e-6;
}

static void paint_item(struct rp_painter *p, const struct rp_area_item *item)
{
    cairo_t *cr = p->cr;

    switch (item->kind) {
    case RP_AREA_LINK:
        paint_link(cr, item);
        break;
    case RP_AREA_DEST:
        paint_dest(p, item);
        break;
    case RP_AREA_DEFERRED:
    case RP_AREA_GROUP:
    case RP_AREA_GROUP_END:
    case RP_AREA_STRUCT_BEGIN:
    case RP_AREA_STRUCT_END:
        break;
    case RP_AREA_RECT:
        batch_shapes(p, SHAPES_FILL, &item->color, 0);
        cairo_rectangle(cr, item->x, item->y, item->w, item->h);
        break;
    case RP_AREA_RULE:
        if (item->rule_style != RP_AREA_RULE_SOLID) {
            flush_shapes(p);
            paint_rule(cr, item);
            break;
        }
        batch_shapes(p, SHAPES_STROKE, &item->color, item->rule_width);
        /* Collapsed borders: a row's bottom is the next row's top. */
        if (p->shapes.n_rules > 0 && same_segment(p->shapes.last, item))
            break;
        p->shapes.last[0] = item->x;
        p->shapes.last[1] = item->y;
        p->shapes.last[2] = item->w;
        p->shapes.last[3] = item->h;
        p->shapes.n_rules++;
        cairo_move_to(cr, item->x, item->y);
        cairo_rel_line_to(cr, item->w, item->h);
        break;
    case RP_AREA_TEXT:
        rp_glyph_batch_line(&p->batch, cr, item->line, item->x, item->y);
        break;
    case RP_AREA_GLYPHS:
        rp_glyph_batch_runs(&p->batch, cr, item->runs, item->n_runs, item->x,
                            item->y);
        break;
    case RP_AREA_IMAGE:
        flush_shapes(p);
        rp_paint_image(cr, item);
        p->page_has_image = true;
        break;
    }
}

/*
 * A page is painted in layers: backgrounds, then rules and borders, then
 * text, then links and destinations.  Layout never puts a background
 * over text or a border, so the page looks as it would painted item by
 * item, but like items of a layer reach Cairo as one operation (one fill
 * per colour, one stroke per rule style, one glyph run per font and
 * colour).  Cairo's PDF surface records, analyses and replays every
 * operation: the bands and rules of a ticket table, one operation each,
 * cost as much as its text.
 */
static int layer_of(enum rp_area_kind kind)
{
    switch (kind) {
    case RP_AREA_RECT:
        return 0;
    case RP_AREA_RULE:
        return 1;
    case RP_AREA_IMAGE:
        return 2;
    case RP_AREA_TEXT:
    case RP_AREA_GLYPHS:
        return 3;
    case RP_AREA_LINK:
    case RP_AREA_DEST:
    case RP_AREA_DEFERRED:
    case RP_AREA_GROUP:
    case RP_AREA_GROUP_END:
    case RP_AREA_STRUCT_BEGIN:
    case RP_AREA_STRUCT_END:
        break;
    }
    return 4;
}

#define N_LAYERS 5

/*
 * Which elements of items[from, to) a link comes inside (span[i - from]
 * for the element begun at i; *top for the one open before from): their
 * lines go in Spans, as Cairo marks text only in leaf elements.
 */
static void scan_links(const struct rp_area_item *items, size_t from, size_t to,
                       bool *span, bool *top)
{
    size_t *stack = NULL, n = 0, cap = 0, i;
    int artifact = 0;

    for (i = from; i < to; i++) {
        const struct rp_area_item *it = &items[i];
        if (it->kind == RP_AREA_STRUCT_BEGIN) {
            if (artifact || !strcmp(it->role, "Artifact")) {
                artifact++;
                continue;
            }
            /* A graphic's Figure in a paragraph is, like a link, an
             * element beside the paragraph's text. */
            if (!strcmp(it->role, "Figure")) {
                if (n > 0)
                    span[stack[n - 1] - from] = true;
                else
                    *top = true;
            }
            rp_array_grow((void **)&stack, &cap, n + 1, sizeof(*stack));
            stack[n++] = i;
        } else if (it->kind == RP_AREA_STRUCT_END) {
            if (artifact)
                artifact--;
            else if (n > 0)
                n--;
        } else if (it->kind == RP_AREA_LINK && !artifact) {
            if (n > 0)
                span[stack[n - 1] - from] = true;
            else
                *top = true;
        }
    }
    free(stack);
}

/* Text, graphics, links and structure, in reading order: a tag ends a
 * batch. */
static void paint_tagged(struct rp_painter *p, const struct rp_area_item *items,
                         size_t from, size_t to)
{
    bool *span = rp_xcalloc(to - from, sizeof(*span));
    bool top = false, in_span;
    size_t i;

    scan_links(items, from, to, span, &top);
    rp_tags_top_span(p->tags, top);
    for (i = from; i < to; i++) {
        const struct rp_area_item *it = &items[i];
        switch (it->kind) {
        case RP_AREA_STRUCT_BEGIN:
        case RP_AREA_STRUCT_END:
            rp_tags_item(p->tags, it, span[i - from]);
            break;
        case RP_AREA_TEXT:
        case RP_AREA_GLYPHS:
            in_span = rp_tags_text_begin(p->tags);
            paint_item(p, it);
            if (in_span)
                rp_tags_text_end(p->tags);
            break;
        case RP_AREA_IMAGE:
            /* In its Figure (begun just before it). */
            rp_glyph_batch_flush(&p->batch, p->cr);
            paint_item(p, it);
            break;
        case RP_AREA_LINK:
            rp_tags_link(p->tags);
            paint_item(p, it);
            break;
        case RP_AREA_DEST:
            paint_item(p, it);
            break;
        default:
            break;
        }
    }
    rp_glyph_batch_flush(&p->batch, p->cr);
    free(span);
}

/* Items from up to to, holding no positioned area, layer by layer. */
static void paint_layers(struct rp_painter *p, const struct rp_area_item *items,
                         size_t from, size_t to)
{
    size_t i;
    int layer;

    if (from == to)
        return;
    /* Backgrounds and rules are decoration, in no element. */
    if (p->tags)
        rp_tags_suspend(p->tags);
    for (layer = 0; layer < N_LAYERS; layer++) {
        if (p->tags && layer == 2) {
            paint_tagged(p, items, from, to);
            break;
        }
        for (i = from; i < to; i++) {
            if (layer_of(items[i].kind) == layer)
                paint_item(p, &items[i]);
        }
        flush_shapes(p);
        rp_glyph_batch_flush(&p->batch, p->cr);
    }
}

/* The GROUP_END closing the group that starts at from, or to. */
static size_t group_end(const struct rp_area_item *items, size_t from,
                        size_t to)
{
    size_t i;
    int depth = 0;

    for (i = from; i < to; i++) {
        if (items[i].kind == RP_AREA_GROUP)
            depth++;
        else if (items[i].kind == RP_AREA_GROUP_END && --depth == 0)
            return i;
    }
    return to;
}

/*
 * Items in painting order.  Layers may only reorder items between
 * positioned areas: a watermark laid down first must stay under the
 * backgrounds and text that follow it, a stamp laid down last over them.
 * So each run of plain items is painted in layers, and each positioned
 * area whole, in its place (clipped and turned if it asks).
 */
static void paint_range(struct rp_painter *p, const struct rp_area_item *items,
                        size_t from, size_t to)
{
    size_t run = from, i = from, end;

    while (i < to) {
        if (items[i].kind != RP_AREA_GROUP) {
            i++;
            continue;
        }
        paint_layers(p, items, run, i);
        end = group_end(items, i, to);
        /* A watermark under the content is no content. */
        if (p->tags && items[i].z < 0)
            rp_tags_artifact(p->tags, true);
        cairo_save(p->cr);
        if (items[i].clip) {
            cairo_rectangle(p->cr, items[i].x, items[i].y, items[i].w,
                            items[i].h);
            cairo_clip(p->cr);
        }
        if (items[i].rotation) {
            /* Its items stand in their own turned frame. */
            double m[6];
            cairo_matrix_t matrix;
            rp_area_group_matrix(&items[i], m);
            cairo_matrix_init(&matrix, m[0], m[1], m[2], m[3], m[4], m[5]);
            cairo_transform(p->cr, &matrix);
        }
        paint_range(p, items, i + 1, end);
        rp_glyph_batch_flush(&p->batch, p->cr);
        cairo_restore(p->cr);
        if (p->tags && items[i].z < 0)
            rp_tags_artifact(p->tags, false);
        i = end < to ? end + 1 : to;
        run = i;
    }
    paint_layers(p, items, run, to);
}

enum rp_status rp_paint_page(struct rp_painter *p,
                             const struct rp_area_page *page,
                             struct rp_error *err)
{
    cairo_status_t s;

    if (!p->surface) {
        p->surface = cairo_pdf_surface_create_for_stream(
            write_to_file, p->file.fp, page->width, page->height);
        cairo_pdf_surface_restrict_to_version(p->surface,
                                              CAIRO_PDF_VERSION_1_5);
        set_metadata(p);
        p->cr = cairo_create(p->surface);
        /*
         * The Document element, always: cairo 1.16 reserves a structure
         * tree object as soon as a link is drawn but writes it only when
         * there is structure; without a root element the PDF's xref
         * points at a missing object.
         */
        if (!p->info.cairo_tags) {
            p->marks = rp_marks_new();
            rp_marks_attach(p->marks, p->cr);
        }
        p->tags = rp_tags_new(p->cr, &p->batch, p->marks);
    } else {
        cairo_pdf_surface_set_size(p->surface, page->width, page->height);
    }
    if (p->marks)
        rp_marks_page_begin(p->marks);
    rp_tags_page(p->tags, p->pages);
    paint_range(p, page->items, 0, page->n_items);
    /* An element open at the foot of the page must not take in the next
     * page's header: it goes on there as a continuation. */
    rp_tags_suspend(p->tags);
    cairo_show_page(p->cr);
    if (p->page_has_image) {
        int index = p->pages;
        g_array_append_val(p->image_pages, index);
        p->page_has_image = false;
    }
    p->pages++;
    s = cairo_status(p->cr);
    if (s != CAIRO_STATUS_SUCCESS)
        return cairo_failed(p, s, err);
    return RP_OK;
}

void rp_paint_pdf_set_outline(struct rp_painter *p,
                              const struct rp_pdf_outline *entries, size_t n)
{
    size_t i;

    for (i = 0; i < p->n_outline; i++) {
        free((char *)p->outline[i].title);
        free((char *)p->outline[i].dest);
        free((char *)p->outline[i].uri);
    }
    free(p->outline);
    p->outline = n ? rp_xcalloc(n, sizeof(*p->outline)) : NULL;
    p->n_outline = n;
    for (i = 0; i < n; i++) {
        p->outline[i] = entries[i];
        p->outline[i].title = rp_xstrdup(entries[i].title);
        p->outline[i].dest = dup_or_null(entries[i].dest);
        p->outline[i].uri = dup_or_null(entries[i].uri);
    }
}

static void write_outline(struct rp_painter *p)
{
    int *ids = p->n_outline ? rp_xcalloc(p->n_outline, sizeof(int)) : NULL;
    size_t i;

    for (i = 0; i < p->n_outline; i++) {
        const struct rp_pdf_outline *e = &p->outline[i];
        struct rp_buf attrs = RP_BUF_INIT;
        int parent = e->parent >= 0 && (size_t)e->parent < i
                         ? ids[e->parent]
                         : CAIRO_PDF_OUTLINE_ROOT;
        int ok = 1;

        if (e->dest && g_hash_table_contains(p->dests, e->dest)) {
            ok = rp_buf_adds(&attrs, "dest=");
            add_quoted(&attrs, e->dest);
        } else if (e->uri) {
            ok = rp_buf_adds(&attrs, "uri=");
            add_quoted(&attrs, e->uri);
        } else {
            if (e->dest)
                rp_log_warn("%s: bookmark '%s' points to '%s', which no "
                            "element has as id; it opens the first page",
                            p->file.path, e->title, e->dest);
            ok = rp_buf_adds(&attrs, "page=1");
        }
        (void)ok;
        ids[i] = cairo_pdf_surface_add_outline(
            p->surface, parent, e->title, attrs.data,
            e->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
        rp_buf_release(&attrs);
    }
    free(ids);
}

static void painter_free(struct rp_painter *p)
{
    rp_paint_pdf_set_outline(p, NULL, 0);
    rp_glyph_batch_release(&p->batch);
    g_hash_table_destroy(p->dests);
    if (p->cr)
        cairo_destroy(p->cr);
    if (p->surface)
        cairo_surface_destroy(p->surface);
    free(p->title);
    free(p->author);
    free(p->subject);
    free(p->keywords);
    free(p->lang);
    g_array_free(p->image_pages, TRUE);
    rp_tags_free(p->tags);
    rp_marks_free(p->marks);
    free(p);
}

/*
 * The finished PDF again, small objects in object streams (pack.c),
 * through a second temporary renamed into place.  *done false: nothing
 * was committed, and the PDF as written is to be.
 */
static enum rp_status pack(struct rp_painter *p,
                           const struct rp_pdf_structure *structure, bool *done,
                           struct rp_error *err)
{
    struct rp_outfile packed = {0};
    struct rp_error ignored;
    enum rp_status status = RP_OK;
    size_t len;
    void *map = rp_paint_map_written(p->file.fp, &len);

    *done = false;
    rp_error_init(&ignored);
    if (!map)
        return RP_OK;
    if (rp_outfile_open(&packed, p->file.path, &ignored) == RP_OK &&
        rp_pdf_pack_mapped(map, len, packed.fp, structure)) {
        *done = true;
        status = rp_outfile_commit(&packed, err);
    }
    munmap(map, len);
    rp_outfile_abort(&packed);
    return status;
}

enum rp_status rp_paint_pdf_close(struct rp_painter *p, bool *again,
                                  struct rp_error *err)
{
    enum rp_status status = RP_OK;
    const struct rp_tag_elem *elems;
    size_t n_elems;
    bool packed = false;
    cairo_status_t s;

    *again = false;
    if (!p->surface) {
        status = rp_error_set(err, RP_ERR_INTERNAL, p->file.path, 0, NULL,
                              "no page was painted; a PDF needs at least "
                              "one");
        goto out;
    }
    write_outline(p);
    rp_tags_close(p->tags);
    cairo_destroy(p->cr);
    p->cr = NULL;
    cairo_surface_finish(p->surface);
    s = cairo_surface_status(p->surface);
    if (s != CAIRO_STATUS_SUCCESS) {
        status = cairo_failed(p, s, err);
        goto out;
    }
    elems = rp_tags_elems(p->tags, &n_elems);
    if (p->marks) {
        /* Our marks, or nothing: painted again with Cairo's tags. */
        struct rp_pdf_structure st = {elems, n_elems, p->marks, p->lang};
        if (!p->marks->uncountable)
            status = pack(p, &st, &packed, err);
        *again = status == RP_OK && !packed;
        goto out;
    }
    status = rp_tagged_finish(
        p->file.fp, p->file.tmp_path, p->lang, elems, n_elems,
        (const int *)(void *)p->image_pages->data, p->image_pages->len, err);
    if (status == RP_OK)
        status = pack(p, NULL, &packed, err);
    if (status == RP_OK && !packed)
        status = rp_outfile_commit(&p->file, err);
out:
    rp_outfile_abort(&p->file);
    painter_free(p);
    return status;
}

void rp_paint_pdf_abort(struct rp_painter *p)
{
    if (!p)
        return;
    if (p->cr)
        cairo_destroy(p->cr);
    p->cr = NULL;
    if (p->surface) {
        cairo_surface_finish(p->surface);
        cairo_surface_destroy(p->surface);
        p->surface = NULL;
    }
    rp_outfile_abort(&p->file);
    painter_free(p);
}

static enum rp_status paint_sink_page(void *ctx,
                                      const struct rp_area_page *page,
                                      struct rp_error *err)
{
    return rp_paint_page(ctx, page, err);
}

struct rp_layout_sink rp_paint_sink(struct rp_painter *painter)
{
    struct rp_layout_sink sink = {paint_sink_page, painter, true};
    return sink;
}
