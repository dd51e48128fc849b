/* The PNG writer: chunk layout and CRCs, and the pixels back through zlib and
 * the PNG filters (Sub and None), for whole images and rectangles. */
#include <zlib.h>

#include "test.h"
#include "webrdp/codecs/png.h"

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* Parses our PNG; returns the pixels (w*h*4) or NULL. */
static uint8_t *read_png(const uint8_t *png, size_t len, uint32_t *w, uint32_t *h)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    CHECK(len > 8 && !memcmp(png, sig, 8));
    size_t pos = 8;
    uint8_t *idat = NULL;
    size_t idat_len = 0;
    int saw_end = 0;
    while (pos + 12 <= len) {
        uint32_t n = be32(png + pos);
        CHECK(pos + 12 + n <= len);
        const uint8_t *type = png + pos + 4;
        uLong crc = crc32(crc32(0, Z_NULL, 0), type, n + 4);
        CHECK_EQ(be32(png + pos + 8 + n), (uint32_t)crc);
        if (!memcmp(type, "IHDR", 4)) {
            *w = be32(type + 4);
            *h = be32(type + 8);
            CHECK(type[12] == 8 && type[13] == 6);
        } else if (!memcmp(type, "IDAT", 4)) {
            idat = realloc(idat, idat_len + n);
            memcpy(idat + idat_len, type + 4, n);
            idat_len += n;
        } else if (!memcmp(type, "IEND", 4)) {
            saw_end = 1;
        }
        pos += 12 + n;
    }
    CHECK(saw_end && pos == len);
    size_t row = (size_t)*w * 4;
    uLongf raw_len = (uLongf)((row + 1) * *h);
    uint8_t *raw = malloc(raw_len), *pix = malloc(row * *h);
    CHECK(uncompress(raw, &raw_len, idat, (uLong)idat_len) == Z_OK);
    CHECK_EQ(raw_len, (row + 1) * *h);
    for (uint32_t y = 0; y < *h; y++) {
        const uint8_t *src = raw + y * (row + 1);
        uint8_t *dst = pix + y * row;
        CHECK(src[0] <= 1);
        for (size_t i = 0; i < row; i++)
            dst[i] = (uint8_t)(src[1 + i] + (src[0] == 1 && i >= 4 ? dst[i - 4] : 0));
    }
    free(raw);
    free(idat);
    return pix;
}

int main(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_image img;
    CHECK_EQ(wrdp_image_init(&img, 37, 21, &err), WRDP_OK);
    for (uint32_t y = 0; y < img.height; y++)
        for (uint32_t x = 0; x < img.width; x++) {
            uint8_t *p = img.data + y * img.stride + x * 4;
            p[0] = (uint8_t)(x * 7);          /* gradient: Sub wins */
            p[1] = (uint8_t)(y * 13);
            p[2] = (uint8_t)((x * y) ^ 0x5A); /* noise-like */
            p[3] = (uint8_t)(x < 5 ? 128 : 255);
        }
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK_EQ(wrdp_png_encode(&img, NULL, &w, &err), WRDP_OK);
    uint32_t pw = 0, ph = 0;
    uint8_t *pix = read_png(w.data, w.len, &pw, &ph);
    CHECK(pw == 37 && ph == 21);
    CHECK_MEM(pix, img.data, img.stride * img.height);
    free(pix);

    wrdp_rect r = {3, 4, 20, 9};
    wrdp_writer_reset(&w);
    CHECK_EQ(wrdp_png_encode(&img, &r, &w, &err), WRDP_OK);
    pix = read_png(w.data, w.len, &pw, &ph);
    CHECK(pw == 17 && ph == 5);
    for (uint32_t y = 0; y < ph; y++)
        CHECK_MEM(pix + y * pw * 4, img.data + (y + 4) * img.stride + 3 * 4, pw * 4);
    free(pix);

    wrdp_rect bad = {0, 0, 38, 5}, empty = {2, 2, 2, 9};
    CHECK_EQ(wrdp_png_encode(&img, &bad, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_INVALID_ARGUMENT);
    CHECK_EQ(wrdp_png_encode(&img, &empty, &w, &err), WRDP_ERR);
    wrdp_writer_free(&w);
    wrdp_image_free(&img);
    return test_finish("codecs_png");
}
