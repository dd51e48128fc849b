/* webrdp — pictures: the DecodedImage (the framebuffer the glue blits onto a
 * canvas), rectangles, and the bitmap codecs' shared entry signature.
 *
 * Pixels are RGBA8888, top-down, in the byte order of the canvas ImageData
 * (R, G, B, A in memory), so a dirty rectangle is copied straight out of wasm
 * memory. Codecs write into an image and report nothing but success or a
 * decode error; they never write outside the image, whatever the bitstream
 * says. */
#ifndef WEBRDP_GRAPHICS_H
#define WEBRDP_GRAPHICS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A rectangle with exclusive right and bottom edges. */
typedef struct wrdp_rect {
    int32_t left, top, right, bottom;
} wrdp_rect;

/* An RGBA8888 top-down image. `stride` is bytes per row (>= width * 4). */
typedef struct wrdp_image {
    uint8_t *data;
    uint32_t width;
    uint32_t height;
    size_t stride;
} wrdp_image;

/* Allocates a zeroed (transparent black) image; WRDP_ERROR_LIMIT above 8192x8192. */
int wrdp_image_init(wrdp_image *img, uint32_t width, uint32_t height, wrdp_error *err);
void wrdp_image_free(wrdp_image *img);

/* A bitmap to decode: what the wire says about it. */
typedef struct wrdp_codec_input {
    const uint8_t *data;
    size_t len;
    uint16_t width;  /* of the bitmap as encoded */
    uint16_t height;
    uint8_t bpp;     /* 8, 15, 16, 24 or 32 for the bitmap codecs that need it */
    uint32_t flags;  /* codec-specific: WRDP_BITMAP_TOP_DOWN, WRDP_BITMAP_KEEP_ALPHA (codecs/bitmap.h) */
    const uint8_t *palette; /* 256 RGB triplets for 8 bpp, may be NULL (grey ramp) */
} wrdp_codec_input;

/* The entry signature every stateless bitmap codec shares: decode `in` and
 * write it at (x, y) in `dst`, clipped to dst. */
typedef int (*wrdp_codec_decode_fn)(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y,
                                    wrdp_error *err);

#ifdef __cplusplus
}
#endif

/* The codecs, one header each (they include this one first). */
#include "codecs/bitmap.h"
#include "codecs/nsc.h"
#include "codecs/png.h"
#include "codecs/rfx.h"

#endif
