/* Shared by the bitmap codec fuzz targets (raw, interleaved, planar): the
 * first 5 bytes choose the bitmap's size, depth, flags and where it lands; the
 * rest is the bitstream. The destination is a 48x40 image inside a buffer with
 * a guard border; whatever the input, the guard must stay untouched and a
 * failure must be a decode, limit or unsupported error with a message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/codecs/bitmap.h"

#define FZ_W 48u
#define FZ_H 40u
#define FZ_G 8u
#define FZ_STRIDE ((FZ_W + 2 * FZ_G) * 4)
#define FZ_ROWS (FZ_H + 2 * FZ_G)

static uint8_t fz_buf[FZ_STRIDE * FZ_ROWS];

static int fz_inside(size_t i)
{
    size_t r = i / FZ_STRIDE, c = i % FZ_STRIDE;
    return r >= FZ_G && r < FZ_G + FZ_H && c >= FZ_G * 4 && c < (FZ_G + FZ_W) * 4;
}

static int fz_run(wrdp_codec_decode_fn fn, const uint8_t *data, size_t size, const uint8_t *bpps, size_t nbpp)
{
    if (size < 5)
        return 0;
    wrdp_codec_input in;
    memset(&in, 0, sizeof in);
    /* mostly small bitmaps, sometimes wide ones (rows beyond the on-stack buffers) */
    in.width = (uint16_t)(1 + (data[0] & 0x80 ? ((data[0] & 0x7f) << 4 | (data[1] & 0x0f)) : data[0] % 80));
    in.height = (uint16_t)(1 + data[1] % 72);
    in.bpp = bpps[data[2] % nbpp];
    in.flags = (data[2] >> 4) & (WRDP_BITMAP_TOP_DOWN | WRDP_BITMAP_KEEP_ALPHA);
    int32_t x = (int8_t)data[3], y = (int8_t)data[4];
    in.palette = NULL;
    /* the bitstream in a buffer of its own exact size, so ASan sees any over-read */
    size_t n = size - 5;
    uint8_t *copy = malloc(n ? n : 1);
    memcpy(copy, data + 5, n);
    in.data = copy;
    in.len = n;

    memset(fz_buf, 0xA5, sizeof fz_buf);
    wrdp_image img = {fz_buf + FZ_G * FZ_STRIDE + FZ_G * 4, FZ_W, FZ_H, FZ_STRIDE};
    wrdp_error err;
    wrdp_error_clear(&err);
    int rc = fn(&in, &img, x, y, &err);
    free(copy);
    if (rc != WRDP_OK) {
        if ((err.kind != WRDP_ERROR_DECODE && err.kind != WRDP_ERROR_LIMIT && err.kind != WRDP_ERROR_UNSUPPORTED) ||
            !err.message[0]) {
            fprintf(stderr, "unexpected error kind %d: %s\n", err.kind, err.message);
            abort();
        }
    }
    for (size_t i = 0; i < sizeof fz_buf; i++)
        if (!fz_inside(i) && fz_buf[i] != 0xA5) {
            fprintf(stderr, "wrote outside the image at buffer byte %zu\n", i);
            abort();
        }
    return 0;
}
