/* PNG writer (RFC 2083): IHDR, one IDAT (zlib, filter "none" or "sub" chosen
 * per row by the smaller sum of absolute values), IEND. zlib is the project's
 * one compression dependency (Debian's zlib1g natively, zlib 1.2.13 in wasm). */
#include <string.h>
#include <zlib.h>

#include "webrdp/codecs/png.h"

static void chunk(wrdp_writer *w, const char type[4], const uint8_t *data, size_t len)
{
    wrdp_wr_u32be(w, (uint32_t)len);
    size_t start = w->len;
    wrdp_wr_bytes(w, type, 4);
    wrdp_wr_bytes(w, data, len);
    if (w->failed)
        return;
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, w->data + start, (uInt)(len + 4));
    wrdp_wr_u32be(w, (uint32_t)crc);
}

static unsigned long row_cost(const uint8_t *row, size_t n)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += row[i] < 128 ? row[i] : 256 - row[i];
    return sum;
}

int wrdp_png_encode(const wrdp_image *img, const wrdp_rect *rect, wrdp_writer *out, wrdp_error *err)
{
    wrdp_rect r = {0, 0, (int32_t)img->width, (int32_t)img->height};
    if (rect)
        r = *rect;
    if (!img->data || r.left < 0 || r.top < 0 || r.right > (int32_t)img->width || r.bottom > (int32_t)img->height ||
        r.right <= r.left || r.bottom <= r.top)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "png: empty or out-of-bounds rectangle");
    uint32_t w = (uint32_t)(r.right - r.left), h = (uint32_t)(r.bottom - r.top);
    size_t row_bytes = (size_t)w * 4;
    size_t raw_len = (row_bytes + 1) * h;
    uint8_t *raw = wrdp_alloc(raw_len);
    uint8_t *sub = wrdp_alloc(row_bytes);
    uLongf zcap = compressBound((uLong)raw_len);
    uint8_t *z = wrdp_alloc(zcap);
    int rc = WRDP_ERR;
    if (!raw || !sub || !z) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "png: no memory for a %ux%u image", w, h);
        goto done;
    }
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *src = img->data + (size_t)(r.top + (int32_t)y) * img->stride + (size_t)r.left * 4;
        uint8_t *dst = raw + (size_t)y * (row_bytes + 1);
        for (size_t i = 0; i < row_bytes; i++)
            sub[i] = (uint8_t)(src[i] - (i >= 4 ? src[i - 4] : 0));
        if (row_cost(sub, row_bytes) < row_cost(src, row_bytes)) {
            dst[0] = 1; /* Sub */
            memcpy(dst + 1, sub, row_bytes);
        } else {
            dst[0] = 0; /* None */
            memcpy(dst + 1, src, row_bytes);
        }
    }
    if (compress2(z, &zcap, raw, (uLong)raw_len, 6) != Z_OK) {
        wrdp_error_set(err, WRDP_ERROR_INTERNAL, "png: zlib failed");
        goto done;
    }
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    uint8_t ihdr[13] = {(uint8_t)(w >> 24), (uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w,
                        (uint8_t)(h >> 24), (uint8_t)(h >> 16), (uint8_t)(h >> 8), (uint8_t)h,
                        8 /* bit depth */, 6 /* RGBA */, 0, 0, 0};
    wrdp_wr_bytes(out, signature, sizeof signature);
    chunk(out, "IHDR", ihdr, sizeof ihdr);
    chunk(out, "IDAT", z, zcap);
    chunk(out, "IEND", NULL, 0);
    rc = wrdp_writer_status(out);
done:
    wrdp_free(raw);
    wrdp_free(sub);
    wrdp_free(z);
    return rc;
}
