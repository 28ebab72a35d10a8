/*
 * Unit tests of images: where a src may be read from (and what is
 * refused), what a PNG or JPEG header says, and how a graphic's viewport
 * and content are sized (XSL 1.1 / FOP).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/image.h"

static char dir[] = "/tmp/rp-image-test-XXXXXX";

static int make_dir(void **state)
{
    char path[256];
    FILE *f;

    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/logo.png", dir);
    f = fopen(path, "w");
    if (!f)
        return -1;
    fputs("x", f);
    fclose(f);
    snprintf(path, sizeof(path), "%s/out.png", dir);
    return symlink("/etc/passwd", path);
}

static int remove_dir(void **state)
{
    char cmd[300];
    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int resolve(const char *src, const char *base, const char *assets)
{
    const char *why = NULL;
    char *path = NULL;
    int r = rp_image_resolve(src, base, assets, &path, &why);

    assert_non_null(why);
    if (r == 0) {
        assert_non_null(path);
        assert_true(strstr(path, "logo.png") != NULL);
    } else {
        assert_null(path);
    }
    free(path);
    return r;
}

static void src_forms_resolve_inside_the_folders(void **state)
{
    char file_uri[300];

    (void)state;
    assert_int_equal(resolve("logo.png", dir, NULL), 0);
    assert_int_equal(resolve("url(logo.png)", dir, NULL), 0);
    assert_int_equal(resolve("url('logo.png')", dir, NULL), 0);
    assert_int_equal(resolve(" url( \"logo.png\" ) ", dir, NULL), 0);
    assert_int_equal(resolve("logo.png", "/nonexistent", dir), 0);
    assert_int_equal(resolve("./sub/../logo.png", NULL, dir), 1);
    snprintf(file_uri, sizeof(file_uri), "file://%s/logo.png", dir);
    assert_int_equal(resolve(file_uri, dir, NULL), 0);
    assert_int_equal(resolve("missing.png", dir, NULL), 1);
}

static void escapes_and_the_network_are_refused(void **state)
{
    (void)state;
    assert_int_equal(resolve("/etc/passwd", dir, NULL), -1);
    assert_int_equal(resolve("../../../../../../etc/passwd", dir, NULL), -1);
    assert_int_equal(resolve("out.png", dir, NULL), -1); /* a symlink out */
    assert_int_equal(resolve("file:///etc/passwd", dir, NULL), -1);
    assert_int_equal(resolve("http://example.com/a.png", dir, NULL), -1);
    assert_int_equal(resolve("url(https://example.com/a.png)", dir, NULL), -1);
    assert_int_equal(resolve("data:image/png;base64,AAAA", dir, NULL), -1);
    assert_int_equal(resolve("ftp://x/a.png", dir, NULL), -1);
    assert_int_equal(resolve("", dir, NULL), -1);
    assert_int_equal(resolve("logo.png", NULL, NULL), 1);
}

static void headers_give_size_and_resolution(void **state)
{
    static const unsigned char png[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
        'R', 0, 0, 1, 0, 0, 0, 0, 0x80, 8, 2, 0, 0, 0, 0, 0, 0, 0,
        /* pHYs: 5906 px/m = 150 dpi */
        0, 0, 0, 9, 'p', 'H', 'Y', 's', 0, 0, 0x17, 0x12, 0, 0, 0x17, 0x12, 1,
        0, 0, 0, 0};
    static const unsigned char jpeg[] = {
        0xFF, 0xD8, 0xFF, 0xE0, 0,  16,   'J', 'F',  'I',  'F', 0,  1,    1,
        1,    0,    96,   0,    96, 0,    0,   0xFF, 0xC0, 0,   17, 8,    0,
        50,   0,    100,  3,    1,  0x22, 0,   2,    0x11, 1,   3,  0x11, 1};
    struct rp_image_header h;
    const char *why = NULL;

    (void)state;
    assert_true(rp_image_header_parse(png, sizeof(png), &h, &why));
    assert_int_equal(h.format, RP_IMAGE_PNG);
    assert_int_equal(h.width, 256);
    assert_int_equal(h.height, 128);
    assert_true(h.dpi_x > 149.9 && h.dpi_x < 150.1);
    assert_true(rp_image_header_parse(jpeg, sizeof(jpeg), &h, &why));
    assert_int_equal(h.format, RP_IMAGE_JPEG);
    assert_int_equal(h.width, 100);
    assert_int_equal(h.height, 50);
    assert_true(h.dpi_x == 96);
    assert_int_equal(h.components, 3);
    assert_false(rp_image_header_parse(jpeg, 22, &h, &why));
    assert_false(rp_image_header_parse(png, 20, &h, &why));
    assert_false(
        rp_image_header_parse((const unsigned char *)"GIF89a", 6, &h, &why));
}

static struct rp_fo_props graphic_props(void)
{
    struct rp_fo_props p;
    memset(&p, 0, sizeof(p));
    return p;
}

static void sizes_follow_fop(void **state)
{
    struct rp_fo_props p = graphic_props();
    struct rp_graphic_box b;

    (void)state;
    /* auto: the intrinsic size. */
    rp_graphic_compute(&p, 40, 20, 500, &b);
    assert_true(b.w == 40 && b.h == 20 && b.content_w == 40);
    /* One content dimension: the other in proportion (uniform). */
    p.content_width.kind = RP_FO_CONTENT_LENGTH;
    p.content_width.value = 80;
    rp_graphic_compute(&p, 40, 20, 500, &b);
    assert_true(b.content_w == 80 && b.content_h == 40 && b.h == 40);
    /* Non-uniform: the other stays intrinsic. */
    p.scaling_non_uniform = true;
    rp_graphic_compute(&p, 40, 20, 500, &b);
    assert_true(b.content_w == 80 && b.content_h == 20);
    /* scale-to-fit in a 100 x 100 viewport, uniform, centred. */
    p = graphic_props();
    p.width.kind = p.height.kind = RP_FO_LENGTH_ABSOLUTE;
    p.width.value = p.height.value = 100;
    p.content_width.kind = p.content_height.kind = RP_FO_CONTENT_SCALE_TO_FIT;
    p.text_align = RP_FO_ALIGN_CENTER;
    p.display_align = 1;
    rp_graphic_compute(&p, 40, 20, 500, &b);
    assert_true(b.content_w == 100 && b.content_h == 50);
    assert_true(b.dx == 0 && b.dy == 25);
    /* scale-down-to-fit leaves a small image alone. */
    p.content_width.kind = p.content_height.kind = RP_FO_CONTENT_SCALE_DOWN;
    rp_graphic_compute(&p, 40, 20, 500, &b);
    assert_true(b.content_w == 40 && b.content_h == 20 && b.dx == 30);
    /* scale-up-to-fit grows it. */
    p.content_width.kind = p.content_height.kind = RP_FO_CONTENT_SCALE_UP;
    rp_graphic_compute(&p, 40, 20, 500, &b);
    assert_true(b.content_w == 100);
    /* width as a percentage of the containing block; overflow clips
     * only when overflow asks. */
    p = graphic_props();
    p.width.kind = RP_FO_LENGTH_PERCENT;
    p.width.value = 10;
    rp_graphic_compute(&p, 80, 20, 500, &b);
    assert_true(b.w == 50 && b.overflows && !b.clip);
    p.overflow = RP_FO_OVERFLOW_HIDDEN;
    rp_graphic_compute(&p, 80, 20, 500, &b);
    assert_true(b.clip);
    /* A percentage of the intrinsic size. */
    p = graphic_props();
    p.content_height.kind = RP_FO_CONTENT_PERCENT;
    p.content_height.value = 50;
    rp_graphic_compute(&p, 80, 20, 500, &b);
    assert_true(b.content_h == 10 && b.content_w == 40);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(src_forms_resolve_inside_the_folders),
        cmocka_unit_test(escapes_and_the_network_are_refused),
        cmocka_unit_test(headers_give_size_and_resolution),
        cmocka_unit_test(sizes_follow_fop),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
