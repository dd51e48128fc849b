/* Shared by the bitmap codecs (raw.c, interleaved.c, planar.c): where a
 * decoded row lands in the destination image, colour widening, errors. */
#ifndef WRDP_CODECS_BITMAP_INTERNAL_H
#define WRDP_CODECS_BITMAP_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "webrdp/codecs/bitmap.h"

#if defined(__GNUC__)
#define WRDP_BM_INLINE static inline __attribute__((always_inline))
#else
#define WRDP_BM_INLINE static inline
#endif

#define WRDP_BITMAP_MAX_SIDE 8192u

/* The part of the destination a w x h bitmap at (x, y) covers: columns
 * [x0, x1) and the mapping of bitmap row r to a destination row. */
typedef struct wrdp_bm_clip {
    uint8_t *base;     /* dst pixel of bitmap column x0 in image row 0 */
    size_t stride;
    int64_t row0;      /* destination row of bitmap row 0 */
    int64_t step;      /* +1 top-down, -1 bottom-up */
    int64_t height;    /* of dst */
    uint32_t x0, x1;   /* visible bitmap columns */
} wrdp_bm_clip;

static inline void wrdp_bm_clip_init(wrdp_bm_clip *c, const wrdp_image *dst, int32_t x, int32_t y, uint32_t w,
                                     uint32_t h, uint32_t flags)
{
    int64_t left = x, right = (int64_t)x + w;
    if (left < 0)
        left = 0;
    if (right > (int64_t)dst->width)
        right = dst->width;
    c->x0 = 0;
    c->x1 = 0;
    if (right > left) {
        c->x0 = (uint32_t)(left - x);
        c->x1 = (uint32_t)(right - x);
    }
    c->stride = dst->stride;
    c->height = dst->height;
    c->base = right > left ? dst->data + (size_t)left * 4 : dst->data;
    c->row0 = (flags & WRDP_BITMAP_TOP_DOWN) ? (int64_t)y : (int64_t)y + h - 1;
    c->step = (flags & WRDP_BITMAP_TOP_DOWN) ? 1 : -1;
}

/* Where bitmap row r, column x0 lands in dst (then x1 - x0 pixels), or NULL
 * when the row is outside dst or no column is visible. */
static inline uint8_t *wrdp_bm_row(const wrdp_bm_clip *c, uint32_t r)
{
    int64_t dy = c->row0 + c->step * (int64_t)r;
    if (dy < 0 || dy >= c->height || c->x1 <= c->x0)
        return NULL;
    return c->base + (size_t)dy * c->stride;
}

/* FreeRDP's widening (libfreerdp/codec/color.h SplitColor): 5 bits c -> (c << 3) + c / 4,
 * 6 bits c -> min(255, (c << 2) + c / 8). Kept identical so that pixels match its decoders. */
static inline uint8_t wrdp_bm_w5(uint32_t c) { return (uint8_t)((c << 3) + (c >> 2)); }
static inline uint8_t wrdp_bm_w6(uint32_t c)
{
    uint32_t v = (c << 2) + (c >> 3);
    return (uint8_t)(v > 255 ? 255 : v);
}

/* RGBA (R in the low byte) of a 15 / 16 / 24 bpp pixel value, alpha 255. */
WRDP_BM_INLINE uint32_t wrdp_bm_rgba15(uint32_t v)
{
    return wrdp_bm_w5((v >> 10) & 31) | (uint32_t)wrdp_bm_w5((v >> 5) & 31) << 8 |
           (uint32_t)wrdp_bm_w5(v & 31) << 16 | 0xFF000000u;
}
WRDP_BM_INLINE uint32_t wrdp_bm_rgba16(uint32_t v)
{
    return wrdp_bm_w5((v >> 11) & 31) | (uint32_t)wrdp_bm_w6((v >> 5) & 63) << 8 |
           (uint32_t)wrdp_bm_w5(v & 31) << 16 | 0xFF000000u;
}
WRDP_BM_INLINE uint32_t wrdp_bm_rgba24(uint32_t v) /* v = 0xRRGGBB, the wire's B,G,R bytes */
{
    return ((v >> 16) & 0xFF) | (v & 0xFF00) | (v & 0xFF) << 16 | 0xFF000000u;
}

WRDP_BM_INLINE void wrdp_bm_put(uint8_t *p, uint32_t rgba)
{
    p[0] = (uint8_t)rgba;
    p[1] = (uint8_t)(rgba >> 8);
    p[2] = (uint8_t)(rgba >> 16);
    p[3] = (uint8_t)(rgba >> 24);
}

/* The 256 RGBA colours of an 8 bpp bitmap: in->palette (R,G,B triplets) or a grey ramp. */
static inline void wrdp_bm_palette(const wrdp_codec_input *in, uint32_t pal[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        const uint8_t *p = in->palette ? in->palette + 3 * i : NULL;
        uint32_t r = p ? p[0] : i, g = p ? p[1] : i, b = p ? p[2] : i;
        pal[i] = r | g << 8 | b << 16 | 0xFF000000u;
    }
}

/* A decode error naming the codec and the byte offset; returns WRDP_ERR. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static inline int wrdp_bm_fail(wrdp_error *err, size_t offset, const char *fmt, ...)
{
    if (!err)
        return WRDP_ERR;
    char msg[WRDP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wrdp_error_set(err, WRDP_ERROR_DECODE, "%s (at byte %zu)", msg, offset);
    err->offset = offset;
    return WRDP_ERR;
}

/* Checks what every bitmap codec needs of its arguments. */
static inline int wrdp_bm_check_args(const char *codec, const wrdp_codec_input *in, const wrdp_image *dst,
                                     wrdp_error *err)
{
    if (!in || !dst || (!in->data && in->len) || (!dst->data && dst->width && dst->height) ||
        (dst->width && dst->stride < (size_t)dst->width * 4))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "%s: bad arguments", codec);
    if (in->width == 0 || in->height == 0)
        return wrdp_bm_fail(err, 0, "%s: empty bitmap %ux%u", codec, in->width, in->height);
    if (in->width > WRDP_BITMAP_MAX_SIDE || in->height > WRDP_BITMAP_MAX_SIDE)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "%s: bitmap %ux%u exceeds %ux%u", codec, in->width,
                              in->height, WRDP_BITMAP_MAX_SIDE, WRDP_BITMAP_MAX_SIDE);
    return WRDP_OK;
}

#endif
