/*
 * libFuzzer target for the SVG subset drawn natively (layout/svg.c):
 * bytes as an SVG document, as a user's FO may carry in an
 * fo:instream-foreign-object.  Beyond "no crash, no leak", it checks what
 * the reader promises: a drawing has a usable frame, stays within the
 * caps, its path ops and points agree, and every matrix it keeps can be
 * drawn (Cairo refuses singular ones, which would poison the page).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "layout/svg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

static PangoContext *pango;
static struct rp_shape_cache *shapes;

static void check_drawing(const struct rp_area_drawing *d)
{
    size_t i, j;

    CHECK(d->width > 0 && d->height > 0 && isfinite(d->width) &&
          isfinite(d->height));
    CHECK(d->n_shapes <= RP_SVG_MAX_SHAPES);
    for (i = 0; i < d->n_shapes; i++) {
        const struct rp_area_shape *s = &d->shapes[i];
        double det = s->m[0] * s->m[3] - s->m[1] * s->m[2];
        size_t pts = 0;

        CHECK(isfinite(det) && fabs(det) > 0);
        CHECK(s->fill.a > 0 || s->stroke.a > 0);
        if (s->kind == RP_AREA_SHAPE_TEXT) {
            CHECK(s->layout && s->line);
            continue;
        }
        CHECK(s->n_ops > 0 && d->ops[s->first_op] == RP_AREA_PATH_MOVE);
        for (j = 0; j < s->n_ops; j++) {
            unsigned op = d->ops[s->first_op + j];
            CHECK(op <= RP_AREA_PATH_CLOSE);
            pts += op == RP_AREA_PATH_CURVE   ? 3
                   : op == RP_AREA_PATH_CLOSE ? 0
                                              : 1;
        }
        for (j = 0; j < 2 * pts; j++)
            CHECK(isfinite(d->pts[2 * s->first_pt + j]));
        for (j = 0; j < s->n_dash; j++)
            CHECK(d->dashes[s->first_dash + j] >= 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_area_drawing *d = NULL;
    struct rp_svg_fonts fonts;
    char why[256];
    enum rp_svg_result r;

    if (!pango) {
        pango = rp_layout_context_new(); /* fonts load once */
        shapes = rp_shape_cache_new();
    }
    fonts.pango = pango;
    fonts.shapes = shapes;
    r = rp_svg_draw((const char *)data, size, &fonts, &d, why, sizeof(why));
    CHECK((r == RP_SVG_DRAWN) == (d != NULL));
    CHECK(why[0] != '\0');
    if (d) {
        check_drawing(d);
        rp_svg_drawing_free(d);
    }
    return 0;
}
