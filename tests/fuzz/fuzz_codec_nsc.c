/* NSCodec: the first four bytes choose the bitmap's size (1..80 x 1..60) and
 * where it goes in a 50x40 image (offsets -40..+47), the rest is the bitmap
 * stream. The image sits in a bigger buffer whose guard border must stay
 * untouched; an error must be a decode error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/codecs/nsc.h"

#define W 50
#define H 40
#define G 16
#define BW (W + 2 * G)
#define BH (H + 2 * G)

static uint8_t buf[BW * BH * 4];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static wrdp_nsc *nsc;
    if (size < 4)
        return 0;
    if (!nsc)
        nsc = wrdp_nsc_new();
    memset(buf, 0xA5, sizeof buf);
    wrdp_image img = {buf + (G * BW + G) * 4, W, H, BW * 4};
    wrdp_codec_input in = {data + 4, size - 4, (uint16_t)(1 + data[0] % 80), (uint16_t)(1 + data[1] % 60), 32, 0, NULL};
    wrdp_error err = {0};
    if (wrdp_nsc_decode_with(nsc, &in, &img, (int32_t)(data[2] % 88) - 40, (int32_t)(data[3] % 88) - 40, &err) !=
            WRDP_OK &&
        err.kind != WRDP_ERROR_DECODE) {
        fprintf(stderr, "fuzz_codec_nsc: unexpected error kind: %s\n", err.message);
        abort();
    }
    for (int r = 0; r < BH; r++)
        for (int c = 0; c < BW; c++) {
            if (r >= G && r < G + H && c >= G && c < G + W)
                continue;
            const uint8_t *p = buf + (r * BW + c) * 4;
            if (p[0] != 0xA5 || p[1] != 0xA5 || p[2] != 0xA5 || p[3] != 0xA5) {
                fprintf(stderr, "fuzz_codec_nsc: write outside the image at %d,%d\n", c - G, r - G);
                abort();
            }
        }
    return 0;
}
