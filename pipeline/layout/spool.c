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
 * A page record: struct record_header, then per item the item itself
 * (pointers cleared) and what it points to, each part padded to 8 bytes:
 * a target string (LINK, DEST), or the runs of a line (GLYPHS).
 */
#include "layout_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/mem.h"

struct record_header {
    uint64_t bytes; /* of the items that follow */
    uint32_t n_items, n_runs;
};

struct run_header {
    double rgb[3];
    uint32_t font; /* index in the spool's fonts */
    uint32_t n_glyphs, n_text, pad;
};

struct rp_spool {
    FILE *file;
    GPtrArray *fonts;         /* PangoFont references, by index */
    GHashTable *font_index;   /* PangoFont -> its index + 1 */
    GByteArray *record;       /* the page being written or read */
    struct rp_area_run *runs; /* of the page read */
    size_t cap_runs;
};

static void put(GByteArray *record, const void *data, size_t len)
{
    static const guint8 zeros[8];

    g_byte_array_append(record, data, (guint)len);
    if (len % 8)
        g_byte_array_append(record, zeros, (guint)(8 - len % 8));
}

static size_t padded(size_t len)
{
    return (len + 7) & ~(size_t)7;
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

static void put_target(GByteArray *record, const char *target)
{
    uint64_t len = target ? strlen(target) : 0;

    put(record, &len, sizeof(len));
    put(record, target ? target : "", len + 1);
}

/* Glyphs without their visual attributes: painting needs none, and
 * their unused bits are not initialised. */
static void put_glyphs(GByteArray *record, const PangoGlyphInfo *glyphs,
                       uint32_t n)
{
    guint at = record->len;
    PangoGlyphInfo *copy;
    uint32_t i;

    put(record, glyphs, sizeof(*glyphs) * n);
    copy = (PangoGlyphInfo *)(record->data + at);
    for (i = 0; i < n; i++)
        memset(&copy[i].attr, 0, sizeof(copy[i].attr));
}

static uint32_t put_line(struct rp_spool *spool,
                         const struct rp_area_item *item)
{
    const char *text = pango_layout_get_text(item->layout);
    uint64_t n_runs = g_slist_length(item->line->runs);
    GSList *l;

    put(spool->record, &n_runs, sizeof(n_runs));
    for (l = item->line->runs; l; l = l->next) {
        struct rp_area_run run;
        struct run_header h = {0};

        rp_area_run_of(l->data, text, &run);
        memcpy(h.rgb, run.rgb, sizeof(h.rgb));
        h.font = font_index(spool, run.font);
        h.n_glyphs = (uint32_t)run.n_glyphs;
        h.n_text = (uint32_t)run.n_text;
        put(spool->record, &h, sizeof(h));
        put_glyphs(spool->record, run.glyphs, h.n_glyphs);
        put(spool->record, run.log_clusters,
            sizeof(*run.log_clusters) * h.n_glyphs);
        put(spool->record, run.text, h.n_text);
    }
    return (uint32_t)n_runs;
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
    spool->record = g_byte_array_new();
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
    g_byte_array_free(spool->record, TRUE);
    free(spool->runs);
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
    g_byte_array_set_size(spool->record, 0);
    for (i = 0; i < items->n; i++) {
        const struct rp_area_item *from = &items->items[i];
        struct rp_area_item item;

        /* Field by field: no pointers, no uninitialised padding. */
        memset(&item, 0, sizeof(item));
        item.kind = from->kind == RP_AREA_TEXT ? RP_AREA_GLYPHS : from->kind;
        item.x = from->x;
        item.y = from->y;
        item.w = from->w;
        item.h = from->h;
        item.color = from->color;
        item.rule_width = from->rule_width;
        item.rule_style = from->rule_style;
        item.rule_period = from->rule_period;
        item.internal = from->internal;
        item.deferred = from->deferred;
        item.deferred_line = from->deferred_line;
        put(spool->record, &item, sizeof(item));
        switch (item.kind) {
        case RP_AREA_LINK:
        case RP_AREA_DEST:
            put_target(spool->record, from->target);
            break;
        case RP_AREA_GLYPHS:
            h.n_runs += put_line(spool, from);
            break;
        default:
            break;
        }
    }
    h.bytes = spool->record->len;
    h.n_items = (uint32_t)items->n;
    errno = 0;
    if (fwrite(&h, sizeof(h), 1, spool->file) != 1 ||
        fwrite(spool->record->data, 1, spool->record->len, spool->file) !=
            spool->record->len)
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

enum rp_status rp_spool_read(struct rp_spool *spool, struct rp_item_list *items,
                             struct rp_error *err)
{
    struct record_header h;
    const guint8 *p;
    size_t i, run = 0;

    errno = 0;
    if (fread(&h, sizeof(h), 1, spool->file) != 1)
        return spool_failed(err, "read");
    g_byte_array_set_size(spool->record, (guint)h.bytes);
    if (fread(spool->record->data, 1, h.bytes, spool->file) != h.bytes)
        return spool_failed(err, "read");
    rp_array_grow((void **)&spool->runs, &spool->cap_runs, h.n_runs,
                  sizeof(*spool->runs));
    p = spool->record->data;
    for (i = 0; i < h.n_items; i++) {
        struct rp_area_item item;
        uint64_t n;

        memcpy(&item, p, sizeof(item));
        p += padded(sizeof(item));
        switch (item.kind) {
        case RP_AREA_LINK:
        case RP_AREA_DEST:
            memcpy(&n, p, sizeof(n));
            item.target = (const char *)p + sizeof(n);
            p += sizeof(n) + padded(n + 1);
            break;
        case RP_AREA_GLYPHS:
            memcpy(&n, p, sizeof(n));
            p += sizeof(n);
            item.runs = &spool->runs[run];
            item.n_runs = n;
            for (; n > 0; n--, run++) {
                struct rp_area_run *r = &spool->runs[run];
                struct run_header rh;

                memcpy(&rh, p, sizeof(rh));
                p += padded(sizeof(rh));
                memcpy(r->rgb, rh.rgb, sizeof(r->rgb));
                r->font = g_ptr_array_index(spool->fonts, rh.font);
                r->n_glyphs = (int)rh.n_glyphs;
                r->glyphs = (const PangoGlyphInfo *)p;
                p += padded(sizeof(*r->glyphs) * rh.n_glyphs);
                r->log_clusters = (const int *)p;
                p += padded(sizeof(*r->log_clusters) * rh.n_glyphs);
                r->text = (const char *)p;
                r->n_text = (int)rh.n_text;
                p += padded(rh.n_text);
            }
            break;
        default:
            break;
        }
        rp_item_list_push(items, &item);
    }
    return RP_OK;
}
