/* Uncompressed bitmaps (MS-RDPBCGR 2.2.9.1.1.3.1.2.2): every bpp, rows
 * bottom-up and padded to 4 bytes, unpadded input, top-down, palette, alpha,
 * every prefix, clipping. */
#include "codecs_bitmap_util.h"

static uint8_t w5(unsigned c) { return (uint8_t)((c << 3) + c / 4); }
static uint8_t w6(unsigned c) { return (uint8_t)((c << 2) + c / 8 > 255 ? 255 : (c << 2) + c / 8); }

/* A pseudo-random w x h bitmap at bpp with rows padded to `stride` bytes,
 * and the RGBA it must decode to (top-down), given bottom-up rows. */
static uint8_t *make(uint32_t w, uint32_t h, unsigned bpp, size_t stride, const uint8_t *pal, uint32_t flags,
                     uint8_t **rgba, uint32_t seed)
{
    const unsigned B = (bpp + 7) / 8;
    uint8_t *data = calloc(stride * h + 1, 1);
    *rgba = malloc((size_t)w * h * 4 + 1);
    for (uint32_t r = 0; r < h; r++) {
        uint32_t out_row = (flags & WRDP_BITMAP_TOP_DOWN) ? r : h - 1 - r;
        for (uint32_t c = 0; c < w; c++) {
            seed = seed * 1103515245u + 12345u;
            uint32_t v = seed >> 8;
            uint8_t *s = data + r * stride + c * B, *o = *rgba + ((size_t)out_row * w + c) * 4;
            for (unsigned i = 0; i < B; i++)
                s[i] = (uint8_t)(v >> (8 * i));
            switch (bpp) {
            case 8:
                o[0] = pal ? pal[3 * s[0]] : s[0];
                o[1] = pal ? pal[3 * s[0] + 1] : s[0];
                o[2] = pal ? pal[3 * s[0] + 2] : s[0];
                o[3] = 255;
                break;
            case 15: {
                unsigned p = s[0] | s[1] << 8;
                o[0] = w5((p >> 10) & 31), o[1] = w5((p >> 5) & 31), o[2] = w5(p & 31), o[3] = 255;
                break;
            }
            case 16: {
                unsigned p = s[0] | s[1] << 8;
                o[0] = w5(p >> 11), o[1] = w6((p >> 5) & 63), o[2] = w5(p & 31), o[3] = 255;
                break;
            }
            case 24:
                o[0] = s[2], o[1] = s[1], o[2] = s[0], o[3] = 255;
                break;
            default:
                o[0] = s[2], o[1] = s[1], o[2] = s[0], o[3] = (flags & WRDP_BITMAP_KEEP_ALPHA) ? s[3] : 255;
                break;
            }
        }
    }
    return data;
}

static void one(uint32_t w, uint32_t h, unsigned bpp, uint32_t flags, int padded, const uint8_t *pal)
{
    const unsigned B = (bpp + 7) / 8;
    size_t stride = padded ? (((size_t)w * B + 3) & ~(size_t)3) : (size_t)w * B;
    uint8_t *rgba;
    uint8_t *data = make(w, h, bpp, stride, pal, flags, &rgba, w * 31 + h * 7 + bpp);
    wrdp_codec_input in = {data, stride * h, (uint16_t)w, (uint16_t)h, (uint8_t)bpp, flags, pal};
    wrdp_image img;
    wrdp_error err;
    wrdp_image_init(&img, w, h, &err);
    int rc = wrdp_raw_decode(&in, &img, 0, 0, &err);
    CHECK_MSG(rc == WRDP_OK, "%ux%u %u bpp: %s", w, h, bpp, err.message);
    CHECK_MSG(memcmp(img.data, rgba, (size_t)w * h * 4) == 0, "%ux%u %u bpp flags %u padded %d differ", w, h, bpp,
              flags, padded);
    CHECK(check_clipping(wrdp_raw_decode, &in, &img));
    if (w * h < 400)
        CHECK_EQ(check_prefixes(wrdp_raw_decode, &in, 1), 0);
    /* one byte short of what either row layout needs fails */
    if (!padded || stride == (size_t)w * B) {
        in.len--;
        CHECK(wrdp_raw_decode(&in, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    }
    wrdp_image_free(&img);
    free(data);
    free(rgba);
}

int main(void)
{
    static const unsigned bpps[] = {8, 15, 16, 24, 32};
    static const uint32_t sizes[][2] = {{1, 1}, {2, 3}, {3, 2}, {5, 7}, {64, 64}, {63, 17}, {333, 5}};
    uint8_t pal[768];
    for (int i = 0; i < 256; i++) {
        pal[3 * i] = (uint8_t)(i * 7);
        pal[3 * i + 1] = (uint8_t)(255 - i);
        pal[3 * i + 2] = (uint8_t)(i ^ 0x5a);
    }
    for (size_t b = 0; b < 5; b++)
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
            for (int padded = 0; padded < 2; padded++) {
                one(sizes[s][0], sizes[s][1], bpps[b], 0, padded, NULL);
                one(sizes[s][0], sizes[s][1], bpps[b], WRDP_BITMAP_TOP_DOWN, padded, NULL);
                one(sizes[s][0], sizes[s][1], bpps[b], WRDP_BITMAP_KEEP_ALPHA, padded, bpps[b] == 8 ? pal : NULL);
            }
    /* unsupported depth, empty and oversized bitmaps */
    uint8_t buf[64] = {0};
    wrdp_codec_input in = {buf, sizeof buf, 2, 2, 12, 0, NULL};
    wrdp_image img;
    wrdp_error err;
    wrdp_image_init(&img, 4, 4, &err);
    CHECK(wrdp_raw_decode(&in, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_UNSUPPORTED);
    in.bpp = 32;
    in.width = 0;
    CHECK(wrdp_raw_decode(&in, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    in.width = 8193;
    CHECK(wrdp_raw_decode(&in, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_LIMIT);
    in.width = 4;
    in.len = 15;
    CHECK(wrdp_raw_decode(&in, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE && err.offset == 15);
    /* the lookup by name */
    CHECK(wrdp_bitmap_codec_find("raw") == wrdp_raw_decode);
    CHECK(wrdp_bitmap_codec_find("interleaved") == wrdp_interleaved_decode);
    CHECK(wrdp_bitmap_codec_find("planar") == wrdp_planar_decode);
    CHECK(wrdp_bitmap_codec_find("rfx") == NULL);
    wrdp_image_free(&img);
    return test_finish("codecs_raw_test");
}
