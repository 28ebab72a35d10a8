/*
 * libFuzzer target for the image header reader (layout/image.c): bytes
 * as a PNG or JPEG file.  Beyond "no crash, no read past the end", it
 * checks what the reader promises: a header it accepts has a format, and
 * a JPEG has a size and one, three or four components.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #cond);                                                    \
            abort();                                                           \
        }                                                                      \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_image_header h;
    const char *why = NULL;
    /* A copy of exactly size bytes, so ASan sees any read past them. */
    unsigned char *copy = malloc(size ? size : 1);

    memcpy(copy, data, size);
    if (rp_image_header_parse(copy, size, &h, &why)) {
        CHECK(h.format == RP_IMAGE_PNG || h.format == RP_IMAGE_JPEG);
        if (h.format == RP_IMAGE_JPEG)
            CHECK(
                h.width > 0 && h.height > 0 &&
                (h.components == 1 || h.components == 3 || h.components == 4));
    } else {
        CHECK(why != NULL);
    }
    free(copy);
    return 0;
}
