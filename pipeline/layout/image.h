/*
 * Images, inside the layout engine: where a graphic's src may be read
 * from, what its file holds, and the images a document has loaded.
 *
 * Nothing is read from the network or from outside the folders allowed
 * (the FO document's folder and the asset folder, docs/fo-subset.md
 * "Images"); symbolic links count where they lead.  Sizes come from the
 * file's header and are checked against the limits below before anything
 * is decoded, so a small file that declares a huge image (a
 * decompression bomb) costs nothing.  Each image is loaded once per
 * document, keyed by its real path; the cache frees them all.
 */
#ifndef RP_LAYOUT_IMAGE_H
#define RP_LAYOUT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

/* Files larger than this are not read (a logo is kilobytes). */
#define RP_IMAGE_MAX_FILE_BYTES ((size_t)32 << 20)
/* SVG documents, in files or in the FO, larger than this are refused. */
#define RP_IMAGE_MAX_SVG_BYTES ((size_t)8 << 20)
/* Raster images of more pixels than this are refused before decoding:
 * 50 megapixels is 200 MB decoded. */
#define RP_IMAGE_MAX_PIXELS 50000000.0
/* Cairo's image surfaces end at 32767 pixels a side. */
#define RP_IMAGE_MAX_SIDE 32767
/* Decoded bytes one document may hold in images at once. */
#define RP_IMAGE_DOC_BUDGET ((size_t)512 << 20)
/* FOP's default source resolution: a pixel is a point when the file does
 * not say its resolution. */
#define RP_IMAGE_DEFAULT_DPI 72.0

enum rp_image_format { RP_IMAGE_UNKNOWN, RP_IMAGE_PNG, RP_IMAGE_JPEG };

/* What a raster file's header says. */
struct rp_image_header {
    enum rp_image_format format;
    unsigned width, height; /* pixels */
    double dpi_x, dpi_y;    /* 0: not stated */
    int components;         /* JPEG: 1 gray, 3 YCbCr, 4 CMYK */
};

/*
 * Reads the header of a PNG or JPEG held in data (len bytes): its
 * format, size in pixels and resolution.  False, with *why set to a
 * static sentence, when data is neither or its header is broken.  Never
 * reads past len (fuzzed: fuzz/fuzz_image_header.c).
 */
bool rp_image_header_parse(const unsigned char *data, size_t len,
                           struct rp_image_header *out, const char **why);

/*
 * The file a graphic's src names, as a real path (symbolic links
 * resolved) inside base_dir or assets_dir (either may be NULL), in
 * *path (free with free()).  src is as written: url(...), url('...'), a
 * bare path, or file: URI.  Relative paths are looked up in base_dir,
 * then assets_dir.  Returns 0 when found, -1 when refused (network,
 * data: or another scheme, or a file outside the folders), 1 when no
 * such file; *why says which in a sentence (static).
 */
int rp_image_resolve(const char *src, const char *base_dir,
                     const char *assets_dir, char **path, const char **why);

struct rp_image_cache;
struct rp_image_cache *rp_image_cache_new(void);
void rp_image_cache_free(struct rp_image_cache *cache);

/*
 * The image in the file at path (a real path from rp_image_resolve), or
 * NULL with *why filled (a sentence, for the one warning the caller
 * gives).  A file that failed once fails again without being read.  An
 * SVG file is drawn as rp_image_load_svg() draws (fonts alike).
 */
struct rp_svg_fonts;
const struct rp_area_image *rp_image_load_file(struct rp_image_cache *cache,
                                               const char *path,
                                               const struct rp_svg_fonts *fonts,
                                               char *why, size_t why_size);
/*
 * An SVG document held in memory (an fo:instream-foreign-object's):
 * drawn natively (a DRAWING, svg.h) when fonts is given and it is of the
 * subset, else for librsvg.  NULL with why when it is no SVG document or
 * librsvg cannot read it.
 */
const struct rp_area_image *rp_image_load_svg(struct rp_image_cache *cache,
                                              const char *svg, size_t len,
                                              const struct rp_svg_fonts *fonts,
                                              char *why, size_t why_size);

/*
 * A graphic's viewport and its content in it (XSL 1.1 §6.6.5, §7.15 as
 * Apache FOP computes them, ImageLayout): from the graphic's properties,
 * the content's intrinsic size (iw, ih, pt) and the width of the
 * containing block (for percentages).
 */
struct rp_graphic_box {
    double w, h;   /* the viewport */
    double dx, dy; /* the content's corner in the viewport */
    double content_w, content_h;
    bool clip; /* content overflows and overflow hides it */
    bool overflows;
};
void rp_graphic_compute(const struct rp_fo_props *p, double iw, double ih,
                        double ref_width, struct rp_graphic_box *out);

#endif
