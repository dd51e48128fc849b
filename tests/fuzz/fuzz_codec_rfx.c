/* RemoteFX: any bytes as a message stream (headers and frames), decoded twice
 * through one context (the second time with the headers of the first) into a
 * small image at offsets that put tiles across its edges. The image sits in a
 * bigger buffer whose guard border must stay untouched; an error must be a
 * decode error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/codecs/rfx.h"

#define W 100
#define H 70
#define G 16
#define BW (W + 2 * G)
#define BH (H + 2 * G)

static uint8_t buf[BW * BH * 4];

static void check_guard(void)
{
    for (int r = 0; r < BH; r++)
        for (int c = 0; c < BW; c++) {
            if (r >= G && r < G + H && c >= G && c < G + W)
                continue;
            const uint8_t *p = buf + (r * BW + c) * 4;
            if (p[0] != 0xA5 || p[1] != 0xA5 || p[2] != 0xA5 || p[3] != 0xA5) {
                fprintf(stderr, "fuzz_codec_rfx: write outside the image at %d,%d\n", c - G, r - G);
                abort();
            }
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static wrdp_rfx *rfx;
    if (!rfx)
        rfx = wrdp_rfx_new();
    wrdp_rfx_reset(rfx);
    memset(buf, 0xA5, sizeof buf);
    wrdp_image img = {buf + (G * BW + G) * 4, W, H, BW * 4};
    const int32_t offs[2][2] = {{3, -5}, {-(int32_t)(size % 97), (int32_t)(size % 53)}};
    for (int i = 0; i < 2; i++) {
        wrdp_error err = {0};
        if (wrdp_rfx_decode(rfx, data, size, &img, offs[i][0], offs[i][1], &err) != WRDP_OK &&
            err.kind != WRDP_ERROR_DECODE && err.kind != WRDP_ERROR_OUT_OF_MEMORY) {
            fprintf(stderr, "fuzz_codec_rfx: unexpected error kind: %s\n", err.message);
            abort();
        }
        size_t n;
        const wrdp_rect *d = wrdp_rfx_dirty_rects(rfx, &n);
        for (size_t j = 0; j < n; j++)
            if (d[j].left < 0 || d[j].top < 0 || d[j].right > W || d[j].bottom > H || d[j].left >= d[j].right ||
                d[j].top >= d[j].bottom)
                abort();
    }
    check_guard();
    return 0;
}
