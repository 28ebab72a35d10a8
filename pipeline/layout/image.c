/*
 * Images for graphics: a src resolved to a file inside the allowed
 * folders, its header read for size and resolution, and the image loaded
 * once per document (see image.h for the rules and limits).
 */
#include "image.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <librsvg/rsvg.h>

#include "common/log.h"
#include "common/mem.h"
#include "svg.h"

/* ---- headers ------------------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static bool png_header(const unsigned char *d, size_t len,
                       struct rp_image_header *out, const char **why)
{
    size_t at = 8;

    /* IHDR comes first: length 13, then width and height. */
    if (len < 8 + 8 + 13 || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4)) {
        *why = "its PNG header is broken (no IHDR chunk)";
        return false;
    }
    out->format = RP_IMAGE_PNG;
    out->width = be32(d + 16);
    out->height = be32(d + 20);
    /* pHYs, if any, comes before the first IDAT. */
    while (at + 8 <= len) {
        uint32_t n = be32(d + at);
        const unsigned char *type = d + at + 4;

        if (n > len - at - 8)
            break; /* truncated: the decoder will say */
        if (!memcmp(type, "IDAT", 4) || !memcmp(type, "IEND", 4))
            break;
        if (!memcmp(type, "pHYs", 4) && n == 9 && d[at + 8 + 8] == 1) {
            /* pixels per metre */
            out->dpi_x = be32(d + at + 8) * 0.0254;
            out->dpi_y = be32(d + at + 12) * 0.0254;
        }
        if (n > SIZE_MAX - at - 12)
            break;
        at += 12 + (size_t)n;
    }
    return true;
}

/* Start-of-frame markers: C0..CF but DHT (C4), JPG (C8) and DAC (CC). */
static bool is_sof(unsigned marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
           marker != 0xC8 && marker != 0xCC;
}

static bool jpeg_header(const unsigned char *d, size_t len,
                        struct rp_image_header *out, const char **why)
{
    size_t at = 2;

    out->format = RP_IMAGE_JPEG;
    while (at + 4 <= len) {
        unsigned marker, n;

        if (d[at] != 0xFF) {
            *why = "its JPEG header is broken (a segment does not start "
                   "with a marker)";
            return false;
        }
        marker = d[at + 1];
        if (marker == 0xFF) { /* fill byte */
            at++;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) ||
            marker == 0x01) {
            at += 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9)
            break; /* scan data or the end, before any frame: broken */
        n = be16(d + at + 2);
        if (n < 2 || n > len - at - 2)
            break;
        if (marker == 0xE0 && n >= 14 && !memcmp(d + at + 4, "JFIF\0", 5)) {
            unsigned units = d[at + 11];
            unsigned xd = be16(d + at + 12), yd = be16(d + at + 14);
            if (units == 1 || units == 2) {
                double scale = units == 1 ? 1.0 : 2.54;
                out->dpi_x = xd * scale;
                out->dpi_y = yd * scale;
            }
        }
        if (is_sof(marker)) {
            if (n < 8) {
                break;
            }
            out->height = be16(d + at + 5);
            out->width = be16(d + at + 7);
            out->components = d[at + 9];
            if (out->width == 0 || out->height == 0 ||
                (out->components != 1 && out->components != 3 &&
                 out->components != 4)) {
                *why = "its JPEG frame header is broken (no size, or an "
                       "unusual number of colour components)";
                return false;
            }
            return true;
        }
        at += 2 + n;
    }
    *why = "its JPEG header is broken (no frame header before the data)";
    return false;
}

bool rp_image_header_parse(const unsigned char *data, size_t len,
                           struct rp_image_header *out, const char **why)
{
    static const unsigned char png_sig[8] = {0x89, 'P',  'N',  'G',
                                             '\r', '\n', 0x1A, '\n'};

    memset(out, 0, sizeof(*out));
    if (len >= 8 && !memcmp(data, png_sig, 8))
        return png_header(data, len, out, why);
    if (len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        return jpeg_header(data, len, out, why);
    *why = "it is not a PNG, JPEG or SVG image";
    return false;
}

/* ---- where an image may come from ---------------------------------------- */

/* Whether path (a real path) is dir (a real path) or inside it. */
static bool is_inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    if (n == 1 && dir[0] == '/')
        return true;
    return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* src without url(...) and quotes, into out; false when too long. */
static bool unwrap_src(const char *src, char *out, size_t size)
{
    const char *v = src;
    size_t n;

    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    n = strlen(v);
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' ||
                 v[n - 1] == '\r'))
        n--;
    if (n >= 4 && !strncmp(v, "url(", 4) && v[n - 1] == ')') {
        v += 4;
        n -= 5;
        while (n && (*v == ' ' || *v == '\t')) {
            v++;
            n--;
        }
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
            n--;
    }
    if (n >= 2 && (*v == '\'' || *v == '"') && v[n - 1] == *v) {
        v++;
        n -= 2;
    }
    if (n >= size)
        return false;
    memcpy(out, v, n);
    out[n] = '\0';
    return true;
}

/* The scheme's length when s starts with one (letters, then ':'), else 0;
 * a Windows drive letter is no scheme but is not a path here either. */
static size_t scheme_len(const char *s)
{
    size_t i = 0;

    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
                      s[i] == '-' || s[i] == '.')))
        i++;
    return i > 0 && s[i] == ':' ? i : 0;
}

/* Where candidate leads, if it exists: 0 inside dir, -1 outside, 1 none. */
static int try_in(const char *dir_real, const char *candidate, char **path)
{
    char *real = realpath(candidate, NULL);

    if (!real)
        return 1;
    if (!is_inside(real, dir_real)) {
        free(real);
        return -1;
    }
    *path = real;
    return 0;
}

int rp_image_resolve(const char *src, const char *base_dir,
                     const char *assets_dir, char **path, const char **why)
{
    const char *dirs[2] = {base_dir, assets_dir};
    char ref[PATH_MAX], candidate[2 * PATH_MAX + 2];
    const char *p = ref;
    size_t scheme;
    int result = 1, i;

    *path = NULL;
    *why = "no such file in the document's folder or the asset folder";
    if (!src || !unwrap_src(src, ref, sizeof(ref)) || !*ref) {
        *why = "the reference is empty or too long";
        return -1;
    }
    scheme = scheme_len(ref);
    if (scheme) {
        if (scheme != 4 || g_ascii_strncasecmp(ref, "file", 4) != 0) {
            *why = "only local files are read, never the network or data: "
                   "URIs";
            return -1;
        }
        p = ref + 5;
        /* file:///a, file://localhost/a, file:/a */
        if (!strncmp(p, "//localhost/", 12))
            p += 11;
        else if (!strncmp(p, "//", 2))
            p += 2;
        if (*p != '/') {
            *why = "a file: URI must name a local absolute path";
            return -1;
        }
    }
    for (i = 0; i < 2; i++) {
        char *dir_real;
        int r;

        if (!dirs[i])
            continue;
        dir_real = realpath(dirs[i], NULL);
        if (!dir_real)
            continue;
        if (*p == '/')
            r = try_in(dir_real, p, path);
        else if ((size_t)snprintf(candidate, sizeof(candidate), "%s/%s",
                                  dir_real, p) < sizeof(candidate))
            r = try_in(dir_real, candidate, path);
        else
            r = 1;
        free(dir_real);
        if (r == 0)
            return 0;
        if (r < 0)
            result = -1;
    }
    if (result < 0)
        *why = "it is outside the document's folder and the asset folder";
    else if (!dirs[0] && !dirs[1])
        *why = "no folder to look images up in (the FO came from memory "
               "and no asset folder was given)";
    return result;
}

/* ---- the cache ----------------------------------------------------------- */

struct cached {
    struct rp_area_image image;      /* first: the item points here */
    char *svg;                       /* owned: image.svg */
    struct rp_area_drawing *drawing; /* owned: image.drawing */
    char *why;                       /* a failure, said again to no one */
};

struct rp_image_cache {
    GHashTable *by_key; /* real path, or "svg:" + content -> struct cached */
    unsigned next_id;
    size_t bytes; /* decoded and held */
};

static void cached_free(gpointer data)
{
    struct cached *c = data;

    if (c->image.surface)
        cairo_surface_destroy(c->image.surface);
    free(c->svg);
    rp_svg_drawing_free(c->drawing);
    free(c->why);
    free(c);
}

struct rp_image_cache *rp_image_cache_new(void)
{
    struct rp_image_cache *cache = rp_xcalloc(1, sizeof(*cache));
    cache->by_key =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cached_free);
    return cache;
}

void rp_image_cache_free(struct rp_image_cache *cache)
{
    if (!cache)
        return;
    g_hash_table_destroy(cache->by_key);
    free(cache);
}

/* ---- loading ------------------------------------------------------------- */

struct png_reader {
    const unsigned char *data;
    size_t len, at;
};

static cairo_status_t read_png(void *closure, unsigned char *out,
                               unsigned int n)
{
    struct png_reader *r = closure;

    if (n > r->len - r->at)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->at, n);
    r->at += n;
    return CAIRO_STATUS_SUCCESS;
}

static void set_unique_id(struct cached *c)
{
    char id[32];
    int n = snprintf(id, sizeof(id), "rp-image-%u", c->image.id);
    unsigned char *copy = rp_xmalloc((size_t)n);

    memcpy(copy, id, (size_t)n);
    cairo_surface_set_mime_data(c->image.surface, CAIRO_MIME_TYPE_UNIQUE_ID,
                                copy, (unsigned long)n, free, copy);
}

/* Points per pixel at a resolution (0: the default). */
static double pt_per_px(double dpi)
{
    return 72.0 / (dpi > 1 && dpi < 100000 ? dpi : RP_IMAGE_DEFAULT_DPI);
}

/*
 * A raster image from the file's bytes: data is consumed (kept as the
 * JPEG's mime data, or freed).  NULL with why filled when it is refused.
 */
static bool load_raster(struct rp_image_cache *cache, struct cached *c,
                        unsigned char *data, size_t len, char *why,
                        size_t why_size)
{
    struct rp_image_header h;
    const char *reason = NULL;
    double pixels, decoded;
    cairo_surface_t *s = NULL;

    if (!rp_image_header_parse(data, len, &h, &reason)) {
        snprintf(why, why_size, "%s", reason);
        goto fail;
    }
    pixels = (double)h.width * h.height;
    if (h.width == 0 || h.height == 0 || h.width > RP_IMAGE_MAX_SIDE ||
        h.height > RP_IMAGE_MAX_SIDE || pixels > RP_IMAGE_MAX_PIXELS) {
        snprintf(why, why_size,
                 "it declares %ux%u pixels, more than the %.0f megapixels "
                 "(and %d a side) an image may have",
                 h.width, h.height, RP_IMAGE_MAX_PIXELS / 1e6,
                 RP_IMAGE_MAX_SIDE);
        goto fail;
    }
    decoded = pixels * 4;
    if (cache->bytes + decoded > (double)RP_IMAGE_DOC_BUDGET) {
        snprintf(why, why_size,
                 "the document's images would take more than %zu MB "
                 "decoded",
                 RP_IMAGE_DOC_BUDGET >> 20);
        goto fail;
    }
    if (h.format == RP_IMAGE_PNG) {
        struct png_reader r = {data, len, 0};
        s = cairo_image_surface_create_from_png_stream(read_png, &r);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            snprintf(why, why_size, "its PNG data cannot be decoded (%s)",
                     cairo_status_to_string(cairo_surface_status(s)));
            goto fail;
        }
        free(data);
        data = NULL;
        c->image.format = RP_AREA_IMAGE_PNG;
    } else {
        /* Blank pixels, never touched: the PDF embeds the JPEG itself. */
        s = cairo_image_surface_create(h.components == 1 ? CAIRO_FORMAT_A8
                                                         : CAIRO_FORMAT_RGB24,
                                       (int)h.width, (int)h.height);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            snprintf(why, why_size, "no memory for its %ux%u pixels", h.width,
                     h.height);
            goto fail;
        }
        if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, data,
                                        (unsigned long)len, free,
                                        data) != CAIRO_STATUS_SUCCESS) {
            snprintf(why, why_size, "Cairo does not take its JPEG data");
            goto fail;
        }
        data = NULL;
        c->image.format = RP_AREA_IMAGE_JPEG;
    }
    c->image.surface = s;
    c->image.width = h.width * pt_per_px(h.dpi_x);
    c->image.height = h.height * pt_per_px(h.dpi_y);
    cache->bytes += (size_t)decoded;
    set_unique_id(c);
    return true;
fail:
    if (s)
        cairo_surface_destroy(s);
    free(data);
    return false;
}

/* The SVG's intrinsic size in points (1 px = 1 pt, as FOP counts). */
static bool svg_size(const char *svg, size_t len, double *w, double *h,
                     char *why, size_t why_size)
{
    GError *error = NULL;
    RsvgHandle *handle;
    gboolean has_w, has_h, has_box;
    RsvgLength lw, lh;
    RsvgRectangle box;
    bool ok = true;

    if (len > RP_IMAGE_MAX_SVG_BYTES) {
        snprintf(why, why_size, "the SVG is larger than %zu MB",
                 RP_IMAGE_MAX_SVG_BYTES >> 20);
        return false;
    }
    /* No base file: librsvg then reads nothing the SVG refers to. */
    handle = rsvg_handle_new_from_data((const guint8 *)svg, len, &error);
    if (!handle) {
        snprintf(why, why_size, "librsvg cannot read the SVG: %s",
                 error ? g_strstrip(error->message) : "unknown error");
        g_clear_error(&error);
        return false;
    }
    rsvg_handle_set_dpi(handle, 72.0);
    rsvg_handle_get_intrinsic_dimensions(handle, &has_w, &lw, &has_h, &lh,
                                         &has_box, &box);
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, w, h)) {
        /* Percentages or no size: the viewBox's, else FOP's 100 x 100. */
        *w = has_box ? box.width : 100;
        *h = has_box ? box.height : 100;
    }
    if (!(*w > 0 && *h > 0 && *w <= RP_FO_MAX_LENGTH &&
          *h <= RP_FO_MAX_LENGTH)) {
        snprintf(why, why_size,
                 "the SVG's size (%.0f x %.0f pt) is empty or larger than "
                 "%.0f pt",
                 *w, *h, RP_FO_MAX_LENGTH);
        ok = false;
    }
    g_object_unref(handle);
    return ok;
}

static bool is_svg(const unsigned char *data, size_t len)
{
    size_t i;

    /* An XML document whose first element is svg (with any prefix). */
    for (i = 0; i + 4 < len && i < 4096; i++) {
        if (data[i] == '<' && data[i + 1] != '?' && data[i + 1] != '!') {
            const unsigned char *e = data + i + 1, *colon;
            colon = memchr(e, ':', len - i - 1 < 64 ? len - i - 1 : 64);
            if (colon && colon < e + 32 &&
                !memchr(e, '>', (size_t)(colon - e)) &&
                !memchr(e, ' ', (size_t)(colon - e)))
                e = colon + 1;
            return (size_t)(e - data) + 3 <= len && !memcmp(e, "svg", 3);
        }
    }
    return false;
}

static struct cached *remember(struct rp_image_cache *cache, const char *key,
                               struct cached *c, bool ok, const char *why)
{
    (void)cache;
    if (!ok)
        c->why = rp_xstrdup(why);
    g_hash_table_insert(cache->by_key, g_strdup(key), c);
    return c;
}

/*
 * An SVG document into c: drawn natively when fonts is given and it is of
 * the subset (svg.h), else kept for librsvg.  svg (len bytes and a NUL)
 * becomes c's; false with why when it is neither.
 */
static bool svg_into(struct cached *c, char *svg, size_t len,
                     const struct rp_svg_fonts *fonts, char *why,
                     size_t why_size)
{
    enum rp_svg_result r =
        len > RP_IMAGE_MAX_SVG_BYTES
            ? RP_SVG_FALLBACK
            : rp_svg_draw(svg, len, fonts, &c->drawing, why, why_size);

    if (r == RP_SVG_DRAWN) {
        free(svg);
        c->image.format = RP_AREA_IMAGE_DRAWING;
        c->image.drawing = c->drawing;
        c->image.width = c->drawing->width;
        c->image.height = c->drawing->height;
        return true;
    }
    if (r == RP_SVG_FALLBACK && fonts)
        rp_log_debug("an SVG is drawn by librsvg: %s", why);
    if (r != RP_SVG_FALLBACK ||
        !svg_size(svg, len, &c->image.width, &c->image.height, why, why_size)) {
        free(svg);
        return false;
    }
    c->svg = svg;
    c->image.format = RP_AREA_IMAGE_SVG;
    c->image.svg = c->svg;
    c->image.svg_len = len;
    return true;
}

const struct rp_area_image *rp_image_load_file(struct rp_image_cache *cache,
                                               const char *path,
                                               const struct rp_svg_fonts *fonts,
                                               char *why, size_t why_size)
{
    struct cached *c = g_hash_table_lookup(cache->by_key, path);
    unsigned char *data = NULL;
    struct stat st;
    size_t len = 0;
    FILE *f = NULL;
    bool ok = false;

    if (c) {
        if (c->why)
            snprintf(why, why_size, "%s", c->why);
        return c->why ? NULL : &c->image;
    }
    c = rp_xcalloc(1, sizeof(*c));
    c->image.id = ++cache->next_id;
    f = fopen(path, "rb");
    if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "it cannot be read (%s)",
                 f ? "not a regular file" : strerror(errno));
        goto out;
    }
    if ((size_t)st.st_size > RP_IMAGE_MAX_FILE_BYTES) {
        snprintf(why, why_size, "the file is larger than %zu MB",
                 RP_IMAGE_MAX_FILE_BYTES >> 20);
        goto out;
    }
    len = (size_t)st.st_size;
    data = rp_xmalloc(len + 1);
    if (fread(data, 1, len, f) != len) {
        snprintf(why, why_size, "it cannot be read (%s)", strerror(errno));
        goto out;
    }
    data[len] = '\0';
    if (is_svg(data, len)) {
        ok = svg_into(c, (char *)data, len, fonts, why, why_size);
        data = NULL; /* c's, or freed */
    } else {
        ok = load_raster(cache, c, data, len, why, why_size);
        data = NULL; /* consumed */
    }
out:
    if (f)
        fclose(f);
    free(data);
    return remember(cache, path, c, ok, why)->why ? NULL : &c->image;
}

const struct rp_area_image *rp_image_load_svg(struct rp_image_cache *cache,
                                              const char *svg, size_t len,
                                              const struct rp_svg_fonts *fonts,
                                              char *why, size_t why_size)
{
    GString *key = g_string_new("svg:");
    struct cached *c;
    char *copy;
    bool ok;

    g_string_append_len(key, svg, (gssize)len);
    c = g_hash_table_lookup(cache->by_key, key->str);
    if (c) {
        g_string_free(key, TRUE);
        if (c->why)
            snprintf(why, why_size, "%s", c->why);
        return c->why ? NULL : &c->image;
    }
    c = rp_xcalloc(1, sizeof(*c));
    c->image.id = ++cache->next_id;
    copy = rp_xmalloc(len + 1);
    memcpy(copy, svg, len);
    copy[len] = '\0';
    ok = svg_into(c, copy, len, fonts, why, why_size);
    remember(cache, key->str, c, ok, why);
    g_string_free(key, TRUE);
    return ok ? &c->image : NULL;
}
