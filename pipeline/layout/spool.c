/*
 * The page spool: finished pages kept in a temporary file until the
 * forward references on them can be resolved.  "Page N of M" needs M
 * before page 1 is painted; rather than lay the whole document out twice
 * (once for the page count, once for real), the pages' body items are
 * written here as they are made and read back, one at a time, once the
 * last page is known.  Memory stays flat: a page lives in memory only
 * while it is written or painted.
 *
 * Text lines are kept as glyph runs (fonts, colours, glyphs, clusters,
 * text), since their PangoLayouts cannot be kept; lines only Pango can
 * draw (rtl, decorations) are refused, and the caller lays out twice.
 *
 * A page record: struct record_header, then per item its kind and what
 * that kind uses, packed (no padding, no pointers): geometry as doubles,
 * colours and fonts as indexes into tables the spool keeps, a target as
 * its length and bytes, a line as its runs; an image as the address of
 * the document's loaded image and of its interned alt text (both live
 * until layout ends, longer than the spool: the one place a pointer is
 * written).  A run: font, colour, counts,
 * flags, then per glyph its id and advance (offsets only where a run has
 * any), its clusters as byte deltas, and its text.  A 10,000-row table
 * takes about a quarter of what the items themselves would.
 */
#include "layout_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/mem.h"

struct record_header {
    uint32_t bytes; /* of the items that follow */
    uint32_t n_items, n_runs, n_glyphs;
};

enum run_flags {
    RUN_OFFSETS = 1,       /* glyphs carry x and y offsets */
    RUN_WIDE_CLUSTERS = 2, /* clusters as 32-bit offsets, not byte deltas */
    RUN_HYPHEN = 4,        /* a hyphenation-character follows */
};

/* The page being written: a plain buffer, appended to field by field. */
struct record {
    guint8 *data;
    size_t len, cap;
};

struct rp_spool {
    FILE *file;
    GPtrArray *fonts;         /* PangoFont references, by index */
    GHashTable *font_index;   /* PangoFont -> its index + 1 */
    GArray *colors;           /* struct rp_area_color, by index */
    GHashTable *color_index;  /* a colour's bytes -> its index + 1 */
    uint32_t last_color;      /* index + 1 of the colour last asked for */
    struct record record;     /* the page being written or read */
    struct rp_area_run *runs; /* of the page read */
    size_t cap_runs;
    PangoGlyphInfo *glyphs; /* of the page read */
    int *clusters;
    size_t cap_glyphs, cap_clusters;
};

static void put(struct record *record, const void *data, size_t len)
{
    if (record->len + len > record->cap)
        rp_array_grow((void **)&record->data, &record->cap, record->len + len,
                      1);
    memcpy(record->data + record->len, data, len);
    record->len += len;
}

static void put_u8(struct record *record, uint8_t v)
{
    put(record, &v, 1);
}

static void put_u32(struct record *record, uint32_t v)
{
    put(record, &v, sizeof(v));
}

static void put_f64(struct record *record, double v)
{
    put(record, &v, sizeof(v));
}

/* Reading back: a cursor over the record. */
struct cursor {
    const guint8 *p;
};

static void get(struct cursor *c, void *out, size_t len)
{
    memcpy(out, c->p, len);
    c->p += len;
}

static uint8_t get_u8(struct cursor *c)
{
    return *c->p++;
}

static uint32_t get_u32(struct cursor *c)
{
    uint32_t v;
    get(c, &v, sizeof(v));
    return v;
}

static double get_f64(struct cursor *c)
{
    double v;
    get(c, &v, sizeof(v));
    return v;
}

static uint32_t font_index(struct rp_spool *spool, PangoFont *font)
{
    guint index =
        GPOINTER_TO_UINT(g_hash_table_lookup(spool->font_index, font));

    if (!index) {
        g_ptr_array_add(spool->fonts, g_object_ref(font));
        index = spool->fonts->len;
        g_hash_table_insert(spool->font_index, font, GUINT_TO_POINTER(index));
    }
    return index - 1;
}

static uint32_t color_index(struct rp_spool *spool,
                            const struct rp_area_color *color)
{
    GBytes *key;
    guint index;

    /* Runs, rules and fills come in long stretches of one colour: ask the
     * table only when it changes. */
    if (spool->last_color &&
        memcmp(&g_array_index(spool->colors, struct rp_area_color,
                              spool->last_color - 1),
               color, sizeof(*color)) == 0)
        return spool->last_color - 1;
    key = g_bytes_new(color, sizeof(*color));
    index = GPOINTER_TO_UINT(g_hash_table_lookup(spool->color_index, key));
    if (index) {
        g_bytes_unref(key);
    } else {
        g_array_append_val(spool->colors, *color);
        index = spool->colors->len;
        g_hash_table_insert(spool->color_index, key, GUINT_TO_POINTER(index));
    }
    spool->last_color = index;
    return index - 1;
}

static void put_target(struct record *record, const char *target)
{
    uint32_t len = target ? (uint32_t)strlen(target) : 0;

    put_u32(record, len);
    put(record, target ? target : "", (size_t)len + 1);
}

static void put_run(struct rp_spool *spool, const struct rp_area_run *run)
{
    struct rp_area_color rgb = {run->rgb[0], run->rgb[1], run->rgb[2], 1};
    uint8_t flags = 0;
    int i;

    for (i = 0; i < run->n_glyphs; i++) {
        const PangoGlyphGeometry *g = &run->glyphs[i].geometry;
        if (g->x_offset || g->y_offset)
            flags |= RUN_OFFSETS;
        if (run->log_clusters[i] - (i ? run->log_clusters[i - 1] : 0) > 255 ||
            run->log_clusters[i] < (i ? run->log_clusters[i - 1] : 0))
            flags |= RUN_WIDE_CLUSTERS;
    }
    if (run->hyphen)
        flags |= RUN_HYPHEN;
    put_u32(&spool->record, font_index(spool, run->font));
    put_u32(&spool->record, color_index(spool, &rgb));
    put_u32(&spool->record, (uint32_t)run->n_glyphs);
    put_u32(&spool->record, (uint32_t)run->n_text);
    put_u8(&spool->record, flags);
    if (flags & RUN_HYPHEN)
        put_u32(&spool->record, run->hyphen);
    for (i = 0; i < run->n_glyphs; i++) {
        const PangoGlyphInfo *g = &run->glyphs[i];
        put_u32(&spool->record, g->glyph);
        put_u32(&spool->record, (uint32_t)g->geometry.width);
        if (flags & RUN_OFFSETS) {
            put_u32(&spool->record, (uint32_t)g->geometry.x_offset);
            put_u32(&spool->record, (uint32_t)g->geometry.y_offset);
        }
    }
    for (i = 0; i < run->n_glyphs; i++) {
        if (flags & RUN_WIDE_CLUSTERS)
            put_u32(&spool->record, (uint32_t)run->log_clusters[i]);
        else
            put_u8(&spool->record,
                   (uint8_t)(run->log_clusters[i] -
                             (i ? run->log_clusters[i - 1] : 0)));
    }
    put(&spool->record, run->text, (size_t)run->n_text);
}

static uint32_t put_line(struct rp_spool *spool,
                         const struct rp_area_item *item, uint32_t *n_glyphs)
{
    const char *text = pango_layout_get_text(item->layout);
    uint32_t n_runs = g_slist_length(item->line->runs);
    GSList *l;

    put_u32(&spool->record, n_runs);
    for (l = item->line->runs; l; l = l->next) {
        struct rp_area_run run;
        rp_area_run_of(l->data, text, &run);
        put_run(spool, &run);
        *n_glyphs += (uint32_t)run.n_glyphs;
    }
    return n_runs;
}

enum rp_status rp_spool_new(struct rp_spool **out, struct rp_error *err)
{
    struct rp_spool *spool;
    GError *gerr = NULL;
    char *path = NULL;
    int fd;

    *out = NULL;
    fd = g_file_open_tmp("reportpipe-XXXXXX.pages", &path, &gerr);
    if (fd < 0) {
        enum rp_status status =
            rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                         "cannot create the page spool: %s", gerr->message);
        g_error_free(gerr);
        return status;
    }
    /* Nobody else needs the name: the file goes when we close it. */
    unlink(path);
    g_free(path);
    spool = rp_xcalloc(1, sizeof(*spool));
    spool->file = fdopen(fd, "w+b");
    if (!spool->file) {
        close(fd);
        free(spool);
        return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                            "cannot open the page spool: %s", strerror(errno));
    }
    spool->fonts = g_ptr_array_new_with_free_func(g_object_unref);
    spool->font_index = g_hash_table_new(NULL, NULL);
    spool->colors = g_array_new(FALSE, FALSE, sizeof(struct rp_area_color));
    spool->color_index = g_hash_table_new_full(
        g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL);
    *out = spool;
    return RP_OK;
}

void rp_spool_free(struct rp_spool *spool)
{
    if (!spool)
        return;
    fclose(spool->file);
    g_ptr_array_free(spool->fonts, TRUE);
    g_hash_table_destroy(spool->font_index);
    g_array_free(spool->colors, TRUE);
    g_hash_table_destroy(spool->color_index);
    free(spool->record.data);
    free(spool->runs);
    free(spool->glyphs);
    free(spool->clusters);
    free(spool);
}

static enum rp_status spool_failed(struct rp_error *err, const char *what)
{
    return rp_error_set(err, RP_ERR_INTERNAL, NULL, 0, NULL,
                        "cannot %s the page spool: %s", what,
                        errno ? strerror(errno) : "unexpected end of file");
}

enum rp_status rp_spool_write(struct rp_spool *spool,
                              const struct rp_item_list *items, bool *written,
                              struct rp_error *err)
{
    struct record_header h = {0};
    size_t i;

    *written = false;
    for (i = 0; i < items->n; i++) {
        if (items->items[i].kind == RP_AREA_TEXT &&
            !rp_area_line_is_plain(items->items[i].line))
            return RP_OK;
    }
    spool->record.len = 0;
    for (i = 0; i < items->n; i++) {
        const struct rp_area_item *from = &items->items[i];
        enum rp_area_kind kind =
            from->kind == RP_AREA_TEXT ? RP_AREA_GLYPHS : from->kind;

        put_u8(&spool->record, (uint8_t)kind);
        put_f64(&spool->record, from->x);
        put_f64(&spool->record, from->y);
        switch (kind) {
        case RP_AREA_RECT:
        case RP_AREA_RULE:
            put_f64(&spool->record, from->w);
            put_f64(&spool->record, from->h);
            put_u32(&spool->record, color_index(spool, &from->color));
            if (kind == RP_AREA_RULE) {
                put_f64(&spool->record, from->rule_width);
                put_f64(&spool->record, from->rule_period);
                put_u8(&spool->record, (uint8_t)from->rule_style);
            }
            break;
        case RP_AREA_LINK:
        case RP_AREA_DEST:
            put_f64(&spool->record, from->w);
            put_f64(&spool->record, from->h);
            put_u8(&spool->record, from->internal);
            put_target(&spool->record, from->target);
            break;
        case RP_AREA_TEXT:
        case RP_AREA_GLYPHS:
            put_f64(&spool->record, from->w);
            h.n_runs += put_line(spool, from, &h.n_glyphs);
            break;
        case RP_AREA_DEFERRED:
            put_u32(&spool->record, (uint32_t)from->deferred);
            put_u32(&spool->record, (uint32_t)from->deferred_line);
            break;
        case RP_AREA_GROUP:
            put_f64(&spool->record, from->w);
            put_f64(&spool->record, from->h);
            put_u32(&spool->record, (uint32_t)from->z);
            put_u8(&spool->record, from->clip);
            put_u8(&spool->record, from->flow);
            put_u8(&spool->record, (uint8_t)from->rotation);
            break;
        case RP_AREA_GROUP_END:
        case RP_AREA_STRUCT_END:
            break;
        case RP_AREA_STRUCT_BEGIN:
            put_u8(&spool->record, (uint8_t)from->part);
            put_u8(&spool->record, from->alt != NULL);
            put_target(&spool->record, from->role);
            put_target(&spool->record, from->alt);
            break;
        case RP_AREA_IMAGE:
            put_f64(&spool->record, from->w);
            put_f64(&spool->record, from->h);
            /* The image stays loaded until layout ends: its address is
             * good for as long as the spool. */
            put(&spool->record, &from->image, sizeof(from->image));
            put_f64(&spool->record, from->image_dx);
            put_f64(&spool->record, from->image_dy);
            put_f64(&spool->record, from->image_w);
            put_f64(&spool->record, from->image_h);
            put_u8(&spool->record, from->clip);
            put(&spool->record, &from->alt, sizeof(from->alt));
            break;
        }
    }
    h.bytes = (uint32_t)spool->record.len;
    h.n_items = (uint32_t)items->n;
    errno = 0;
    if (fwrite(&h, sizeof(h), 1, spool->file) != 1 ||
        fwrite(spool->record.data, 1, spool->record.len, spool->file) !=
            spool->record.len)
        return spool_failed(err, "write");
    *written = true;
    return RP_OK;
}

enum rp_status rp_spool_rewind(struct rp_spool *spool, struct rp_error *err)
{
    errno = 0;
    if (fflush(spool->file) != 0 || fseek(spool->file, 0, SEEK_SET) != 0)
        return spool_failed(err, "rewind");
    return RP_OK;
}

/* A run read back: glyphs and clusters into the page's arrays. */
static void get_run(struct rp_spool *spool, struct cursor *c,
                    struct rp_area_run *r, size_t *glyph)
{
    const struct rp_area_color *rgb;
    PangoGlyphInfo *g = &spool->glyphs[*glyph];
    int *clusters = &spool->clusters[*glyph];
    uint8_t flags;
    int i;

    r->font = g_ptr_array_index(spool->fonts, get_u32(c));
    rgb = &g_array_index(spool->colors, struct rp_area_color, get_u32(c));
    r->rgb[0] = rgb->r;
    r->rgb[1] = rgb->g;
    r->rgb[2] = rgb->b;
    r->n_glyphs = (int)get_u32(c);
    r->n_text = (int)get_u32(c);
    flags = get_u8(c);
    r->hyphen = flags & RUN_HYPHEN ? get_u32(c) : 0;
    for (i = 0; i < r->n_glyphs; i++) {
        memset(&g[i], 0, sizeof(g[i]));
        g[i].glyph = get_u32(c);
        g[i].geometry.width = (int)get_u32(c);
        if (flags & RUN_OFFSETS) {
            g[i].geometry.x_offset = (int)get_u32(c);
            g[i].geometry.y_offset = (int)get_u32(c);
        }
    }
    for (i = 0; i < r->n_glyphs; i++)
        clusters[i] = flags & RUN_WIDE_CLUSTERS
                          ? (int)get_u32(c)
                          : (i ? clusters[i - 1] : 0) + get_u8(c);
    r->glyphs = g;
    r->log_clusters = clusters;
    r->text = (const char *)c->p;
    c->p += r->n_text;
    *glyph += (size_t)r->n_glyphs;
}

enum rp_status rp_spool_read(struct rp_spool *spool, struct rp_item_list *items,
                             struct rp_error *err)
{
    struct record_header h;
    struct cursor c;
    size_t i, run = 0, glyph = 0;

    errno = 0;
    if (fread(&h, sizeof(h), 1, spool->file) != 1)
        return spool_failed(err, "read");
    rp_array_grow((void **)&spool->record.data, &spool->record.cap, h.bytes, 1);
    spool->record.len = h.bytes;
    if (fread(spool->record.data, 1, h.bytes, spool->file) != h.bytes)
        return spool_failed(err, "read");
    rp_array_grow((void **)&spool->runs, &spool->cap_runs, h.n_runs,
                  sizeof(*spool->runs));
    rp_array_grow((void **)&spool->glyphs, &spool->cap_glyphs, h.n_glyphs,
                  sizeof(*spool->glyphs));
    rp_array_grow((void **)&spool->clusters, &spool->cap_clusters, h.n_glyphs,
                  sizeof(*spool->clusters));
    c.p = spool->record.data;
    for (i = 0; i < h.n_items; i++) {
        struct rp_area_item item = {0};
        uint32_t n;

        item.kind = (enum rp_area_kind)get_u8(&c);
        item.x = get_f64(&c);
        item.y = get_f64(&c);
        switch (item.kind) {
        case RP_AREA_RECT:
        case RP_AREA_RULE:
            item.w = get_f64(&c);
            item.h = get_f64(&c);
            item.color =
                g_array_index(spool->colors, struct rp_area_color, get_u32(&c));
            if (item.kind == RP_AREA_RULE) {
                item.rule_width = get_f64(&c);
                item.rule_period = get_f64(&c);
                item.rule_style = (enum rp_area_rule_style)get_u8(&c);
            }
            break;
        case RP_AREA_LINK:
        case RP_AREA_DEST:
            item.w = get_f64(&c);
            item.h = get_f64(&c);
            item.internal = get_u8(&c);
            n = get_u32(&c);
            item.target = (const char *)c.p;
            c.p += n + 1;
            break;
        case RP_AREA_TEXT:
        case RP_AREA_GLYPHS:
            item.w = get_f64(&c);
            n = get_u32(&c);
            item.runs = &spool->runs[run];
            item.n_runs = n;
            for (; n > 0; n--, run++)
                get_run(spool, &c, &spool->runs[run], &glyph);
            break;
        case RP_AREA_DEFERRED:
            item.deferred = get_u32(&c);
            item.deferred_line = get_u32(&c);
            break;
        case RP_AREA_GROUP:
            item.w = get_f64(&c);
            item.h = get_f64(&c);
            item.z = (int)get_u32(&c);
            item.clip = get_u8(&c);
            item.flow = get_u8(&c);
            item.rotation = get_u8(&c) & 3;
            break;
        case RP_AREA_GROUP_END:
        case RP_AREA_STRUCT_END:
            break;
        case RP_AREA_IMAGE:
            item.w = get_f64(&c);
            item.h = get_f64(&c);
            get(&c, &item.image, sizeof(item.image));
            item.image_dx = get_f64(&c);
            item.image_dy = get_f64(&c);
            item.image_w = get_f64(&c);
            item.image_h = get_f64(&c);
            item.clip = get_u8(&c);
            get(&c, &item.alt, sizeof(item.alt));
            break;
        case RP_AREA_STRUCT_BEGIN: {
            bool has_alt;
            item.part = get_u8(&c);
            has_alt = get_u8(&c);
            n = get_u32(&c);
            item.role = (const char *)c.p;
            c.p += n + 1;
            n = get_u32(&c);
            item.alt = has_alt ? (const char *)c.p : NULL;
            c.p += n + 1;
            break;
        }
        }
        rp_item_list_push(items, &item);
    }
    return RP_OK;
}
