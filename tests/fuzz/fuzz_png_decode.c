/* PNG decoder: any input fails cleanly or yields a width x height RGBA image
 * that our encoder writes and our decoder reads back to the same pixels. The
 * input is decoded twice: as it is, and with every chunk's CRC made right, so
 * that mutations reach the chunk parsers and the inflater behind the CRC check. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "webrdp/codecs/png.h"

static void one(const uint8_t *data, size_t size)
{
    wrdp_image img, back;
    wrdp_error err;
    if (wrdp_png_decode(data, size, &img, &err) != WRDP_OK) {
        if (img.data)
            __builtin_trap();
        return;
    }
    size_t n = (size_t)img.width * img.height * 4;
    if (n <= (size_t)1 << 20) {
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        if (wrdp_png_encode(&img, NULL, &w, &err) == WRDP_OK) {
            if (wrdp_png_decode(w.data, w.len, &back, &err) != WRDP_OK || memcmp(back.data, img.data, n) != 0)
                __builtin_trap();
            wrdp_image_free(&back);
        }
        wrdp_writer_free(&w);
    }
    wrdp_image_free(&img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    one(data, size);
    uint8_t *fixed = malloc(size + 1);
    if (!fixed)
        return 0;
    memcpy(fixed, data, size);
    size_t pos = 8;
    while (size >= 8 && size - pos >= 12) {
        uint32_t len = (uint32_t)fixed[pos] << 24 | (uint32_t)fixed[pos + 1] << 16 | (uint32_t)fixed[pos + 2] << 8 |
                       fixed[pos + 3];
        if (len > size - pos - 12)
            break;
        uLong crc = crc32(0L, fixed + pos + 4, (uInt)len + 4);
        uint8_t *c = fixed + pos + 8 + len;
        c[0] = (uint8_t)(crc >> 24);
        c[1] = (uint8_t)(crc >> 16);
        c[2] = (uint8_t)(crc >> 8);
        c[3] = (uint8_t)crc;
        pos += 12 + (size_t)len;
    }
    one(fixed, size);
    free(fixed);
    return 0;
}
