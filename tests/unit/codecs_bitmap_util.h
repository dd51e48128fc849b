/* Helpers shared by the bitmap codec tests (raw, interleaved, planar):
 * destination images with a guard border, clipping checks, prefixes. */
#ifndef WRDP_CODECS_BITMAP_UTIL_H
#define WRDP_CODECS_BITMAP_UTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "webrdp/codecs/bitmap.h"

#define GUARD_PX 5
#define GUARD_BYTE 0xA5

/* A w x h image inside a buffer with GUARD_PX pixels of 0xA5 on every side. */
typedef struct guarded {
    uint8_t *buf;
    size_t size;
    wrdp_image img;
} guarded;

static inline void guarded_init(guarded *g, uint32_t w, uint32_t h)
{
    size_t stride = ((size_t)w + 2 * GUARD_PX) * 4;
    g->size = stride * ((size_t)h + 2 * GUARD_PX);
    g->buf = malloc(g->size);
    memset(g->buf, GUARD_BYTE, g->size);
    g->img.data = g->buf + GUARD_PX * stride + GUARD_PX * 4;
    g->img.width = w;
    g->img.height = h;
    g->img.stride = stride;
    for (uint32_t r = 0; r < h; r++)
        memset(g->img.data + r * stride, 0, (size_t)w * 4);
}

static inline void guarded_free(guarded *g) { free(g->buf); }

static inline int all_guard(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != GUARD_BYTE)
            return 0;
    return 1;
}

/* 1 when every byte outside the image is still the guard byte. */
static inline int guarded_intact(const guarded *g)
{
    const size_t stride = g->img.stride, inner = (size_t)g->img.width * 4;
    if (!all_guard(g->buf, GUARD_PX * stride) ||
        !all_guard(g->buf + (GUARD_PX + (size_t)g->img.height) * stride, GUARD_PX * stride))
        return 0;
    for (uint32_t r = 0; r < g->img.height; r++) {
        const uint8_t *row = g->buf + (GUARD_PX + (size_t)r) * stride;
        if (!all_guard(row, GUARD_PX * 4) || !all_guard(row + GUARD_PX * 4 + inner, stride - GUARD_PX * 4 - inner))
            return 0;
    }
    return 1;
}

/* Decodes every proper prefix of in->data (and the whole input) into a small
 * image at awkward offsets; each must fail with a decode error or succeed, and
 * never touch the guard. Returns the number of prefixes that broke the rules. */
static inline int check_prefixes(wrdp_codec_decode_fn fn, const wrdp_codec_input *in, size_t step)
{
    int bad = 0;
    guarded g;
    guarded_init(&g, in->width > 3 ? in->width - 3u : 1u, in->height > 2 ? in->height - 2u : 1u);
    for (size_t n = 0; n <= in->len; n += (n + step > in->len && n != in->len) ? in->len - n : step) {
        wrdp_codec_input p = *in;
        uint8_t *copy = malloc(n ? n : 1); /* exactly n bytes, so ASan sees any over-read */
        memcpy(copy, in->data, n);
        p.data = copy;
        p.len = n;
        wrdp_error err;
        wrdp_error_clear(&err);
        int rc = fn(&p, &g.img, -2, 1, &err);
        if (rc != WRDP_OK && err.kind != WRDP_ERROR_DECODE) {
            fprintf(stderr, "prefix %zu: error kind %d: %s\n", n, err.kind, err.message);
            bad++;
        }
        if (rc != WRDP_OK && err.message[0] == 0)
            bad++;
        if (!guarded_intact(&g)) {
            fprintf(stderr, "prefix %zu: guard touched\n", n);
            bad++;
        }
        free(copy);
        if (n == in->len)
            break;
    }
    guarded_free(&g);
    return bad;
}

/* Decodes in at (dx, dy) into a cw x ch image and compares with `full`
 * (in decoded at 0,0 into an image of its own size): every pixel of the
 * overlap equal, everything else untouched. Returns 1 when all is well. */
static inline int check_clipped(wrdp_codec_decode_fn fn, const wrdp_codec_input *in, const wrdp_image *full,
                                int32_t dx, int32_t dy, uint32_t cw, uint32_t chh)
{
    guarded g;
    guarded_init(&g, cw, chh);
    for (uint32_t r = 0; r < chh; r++)
        memset(g.img.data + r * g.img.stride, 0x11, (size_t)cw * 4);
    wrdp_error err;
    wrdp_error_clear(&err);
    int ok = fn(in, &g.img, dx, dy, &err) == WRDP_OK && guarded_intact(&g);
    for (uint32_t r = 0; ok && r < chh; r++)
        for (uint32_t c = 0; ok && c < cw; c++) {
            int64_t sx = (int64_t)c - dx, sy = (int64_t)r - dy;
            const uint8_t *got = g.img.data + r * g.img.stride + c * 4;
            if (sx >= 0 && sy >= 0 && sx < in->width && sy < in->height) {
                if (memcmp(got, full->data + sy * full->stride + sx * 4, 4) != 0)
                    ok = 0;
            } else if (got[0] != 0x11 || got[1] != 0x11 || got[2] != 0x11 || got[3] != 0x11) {
                ok = 0;
            }
        }
    guarded_free(&g);
    return ok;
}

/* Runs check_clipped at a few placements that cut every edge. */
static inline int check_clipping(wrdp_codec_decode_fn fn, const wrdp_codec_input *in, const wrdp_image *full)
{
    const int32_t w = in->width, h = in->height;
    int ok = 1;
    ok &= check_clipped(fn, in, full, 0, 0, (uint32_t)w, (uint32_t)h);
    ok &= check_clipped(fn, in, full, -3, -2, (uint32_t)w, (uint32_t)h);
    ok &= check_clipped(fn, in, full, 2, 3, (uint32_t)(w > 4 ? w - 1 : w), (uint32_t)(h > 4 ? h - 1 : h));
    ok &= check_clipped(fn, in, full, w / 2, -(h / 2), (uint32_t)w, (uint32_t)h);
    ok &= check_clipped(fn, in, full, -w - 1, 0, 7, 7);   /* entirely left of dst */
    ok &= check_clipped(fn, in, full, 0, h + 10, 7, 7);   /* entirely below */
    ok &= check_clipped(fn, in, full, INT32_MIN, INT32_MAX, 3, 3);
    return ok;
}

#endif
