/* Fuzz target: interleaved RLE (every order, 8/15/16/24 bpp) decoded into a small image
 * at an offset chosen by the input; nothing outside the image may change. */
#include "bitmap_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t bpps[] = {8, 15, 16, 24};
    return fz_run(wrdp_interleaved_decode, data, size, bpps, sizeof bpps);
}
