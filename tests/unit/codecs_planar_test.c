/* Planar (MS-RDPEGDI 2.2.2.5.1): FreeRDP's RLE bitmaps and single planes,
 * IronRDP's RGB/ARGB/AYCoCg streams (raw, RLE, chroma subsampling, odd
 * height), the FormatHeader cases by hand, every prefix of every vector,
 * clipping, hostile streams. */
#include "codecs_bitmap_util.h"

#define DIR "vectors/codec/planar/"

static int decode_into(const wrdp_codec_input *in, wrdp_image *img)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    if (wrdp_image_init(img, in->width, in->height, &err) != WRDP_OK)
        return WRDP_ERR;
    int rc = wrdp_planar_decode(in, img, 0, 0, &err);
    if (rc != WRDP_OK)
        fprintf(stderr, "decode: %s\n", err.message);
    return rc;
}

/* Compares img with an expected file of `bpp_file` bytes a pixel whose R,G,B
 * sit at offsets ro, go, bo; returns the number of differing pixels. */
static int compare(const wrdp_image *img, const uint8_t *exp, unsigned bpp_file, int ro, int go, int bo)
{
    int diff = 0;
    for (uint32_t i = 0; img->data && i < img->width * img->height; i++) {
        const uint8_t *o = img->data + 4 * i, *e = exp + bpp_file * i;
        if (o[0] != e[ro] || o[1] != e[go] || o[2] != e[bo] || o[3] != 255)
            diff++;
    }
    return diff;
}

static void run_vector(const char *name, uint16_t w, uint16_t h, const char *expected, unsigned bpp_file, int ro,
                       int go, int bo)
{
    char path[256];
    size_t len, elen;
    snprintf(path, sizeof path, DIR "%s.planar", name);
    uint8_t *data = test_read_file(path, &len);
    snprintf(path, sizeof path, DIR "%s", expected);
    uint8_t *exp = test_read_file(path, &elen);
    CHECK_EQ(elen, (size_t)w * h * bpp_file);
    /* the expected pixels are in bitstream scanline order: decode without the flip */
    wrdp_codec_input in = {data, len, w, h, 32, WRDP_BITMAP_TOP_DOWN, NULL};
    wrdp_image img;
    CHECK(decode_into(&in, &img) == WRDP_OK);
    int diff = compare(&img, exp, bpp_file, ro, go, bo);
    CHECK_MSG(diff == 0, "%s: %d pixels differ", name, diff);
    CHECK(check_clipping(wrdp_planar_decode, &in, &img));
    /* bottom-up (bitmap updates): the same rows, flipped */
    wrdp_image flip;
    in.flags = 0;
    CHECK(decode_into(&in, &flip) == WRDP_OK);
    int same = 1;
    for (uint32_t r = 0; img.data && flip.data && r < h; r++)
        same &= memcmp(img.data + r * img.stride, flip.data + (h - 1 - r) * flip.stride, (size_t)w * 4) == 0;
    CHECK_MSG(same, "%s: bottom-up is not the top-down image flipped", name);
    CHECK(check_clipping(wrdp_planar_decode, &in, &flip));
    CHECK_EQ(check_prefixes(wrdp_planar_decode, &in, 1), 0);
    /* every prefix short of the planes fails */
    wrdp_image_free(&flip);
    wrdp_image_free(&img);
    free(data);
    free(exp);
}

static void test_vectors(void)
{
    run_vector("freerdp_rle_bitmap_experimental_01", 64, 64, "freerdp_rle_bitmap_experimental_01.expected.bgrx", 4, 2,
               1, 0);
    run_vector("freerdp_rle_bitmap_experimental_02", 64, 64, "freerdp_rle_bitmap_experimental_02.expected.bgrx", 4, 2,
               1, 0);
    run_vector("freerdp_rle_bitmap_experimental_03", 64, 64, "freerdp_rle_bitmap_experimental_03.expected.bgrx", 4, 2,
               1, 0);
    run_vector("freerdp_rle_uncompressed_bitmap_16bpp", 32, 32, "freerdp_rle_uncompressed_bitmap_16bpp.expected.bgrx",
               4, 2, 1, 0);
    run_vector("ironrdp_32x64_rgb_raw", 32, 64, "ironrdp_32x64_rgb_raw.expected.rgb", 3, 0, 1, 2);
    run_vector("ironrdp_64x24_argb_rle", 64, 24, "ironrdp_64x24_argb_rle.expected.rgb", 3, 0, 1, 2);
    run_vector("ironrdp_64x64_aycocg_rle", 64, 64, "ironrdp_64x64_aycocg_rle.expected.rgb", 3, 0, 1, 2);
    run_vector("ironrdp_64x64_ycocg_rle_ss", 64, 64, "ironrdp_64x64_ycocg_rle_ss.expected.rgb", 3, 0, 1, 2);
    run_vector("ironrdp_64x35_ycocg_rle_ss", 64, 35, "ironrdp_64x35_ycocg_rle_ss.expected.rgb", 3, 0, 1, 2);
    run_vector("ironrdp_64x64_ycocg_raw_ss", 64, 64, "ironrdp_64x64_ycocg_raw_ss.expected.rgb", 3, 0, 1, 2);
}

/* FreeRDP's single RLE planes: the same plane as red, green and blue of an
 * RLE | NA stream must give the .raw plane in every channel. */
static void test_single_planes(void)
{
    static const char *names[] = {"red", "green", "blue"};
    for (int t = 0; t < 3; t++) {
        char path[256];
        size_t len, rlen;
        snprintf(path, sizeof path, DIR "freerdp_64x64_%s_plane.rle", names[t]);
        uint8_t *plane = test_read_file(path, &len);
        snprintf(path, sizeof path, DIR "freerdp_64x64_%s_plane.raw", names[t]);
        uint8_t *raw = test_read_file(path, &rlen);
        uint8_t *stream = malloc(1 + 3 * len);
        stream[0] = 0x30; /* RLE | NA */
        for (int i = 0; i < 3; i++)
            memcpy(stream + 1 + i * len, plane, len);
        wrdp_codec_input in = {stream, 1 + 3 * len, 64, 64, 32, WRDP_BITMAP_TOP_DOWN, NULL};
        wrdp_image img;
        CHECK(decode_into(&in, &img) == WRDP_OK);
        int diff = 0;
        for (size_t i = 0; img.data && i < 64 * 64; i++)
            diff += img.data[4 * i] != raw[i] || img.data[4 * i + 1] != raw[i] || img.data[4 * i + 2] != raw[i];
        CHECK_MSG(diff == 0, "%s plane: %d values differ", names[t], diff);
        /* one byte short of the last plane fails */
        in.len--;
        wrdp_error err;
        CHECK(wrdp_planar_decode(&in, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
        wrdp_image_free(&img);
        free(stream);
        free(plane);
        free(raw);
    }
}

static int decode_hex(const char *hex, uint16_t w, uint16_t h, uint32_t flags, uint8_t *out_rgba, wrdp_error *err)
{
    uint8_t buf[1024];
    size_t n = test_hex(hex, buf, sizeof buf);
    wrdp_codec_input in = {buf, n, w, h, 32, flags, NULL};
    guarded g;
    guarded_init(&g, w, h);
    int rc = wrdp_planar_decode(&in, &g.img, 0, 0, err);
    if (!guarded_intact(&g))
        rc = 99;
    for (uint32_t r = 0; out_rgba && r < h; r++)
        memcpy(out_rgba + (size_t)r * w * 4, g.img.data + r * g.img.stride, (size_t)w * 4);
    guarded_free(&g);
    return rc;
}

static void test_by_hand(void)
{
    uint8_t px[64 * 4];
    wrdp_error err;
    /* raw ARGB 2x1: alpha plane, R, G, B, pad */
    CHECK(decode_hex("00  80 81  10 11  20 21  30 31  00", 2, 1, WRDP_BITMAP_KEEP_ALPHA, px, &err) == WRDP_OK);
    CHECK(px[0] == 0x10 && px[1] == 0x20 && px[2] == 0x30 && px[3] == 0x80 && px[7] == 0x81);
    /* without KEEP_ALPHA the pixels are opaque */
    CHECK(decode_hex("00  80 81  10 11  20 21  30 31", 2, 1, 0, px, &err) == WRDP_OK);
    CHECK(px[3] == 0xff && px[7] == 0xff && px[4] == 0x11);
    /* raw, no alpha, a plane short */
    CHECK(decode_hex("20  10 11  20 21  30", 2, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    /* RLE, 3x2 (control byte = cRawBytes << 4 | nRunLength): row 0 absolute 1,2,2; row 1 deltas
     * 02 -> +1, 01 -> -1, 01 -> -1 against row 0 */
    CHECK(decode_hex("30  30 01 02 02  30 02 01 01   03 03  03 03", 3, 2, WRDP_BITMAP_TOP_DOWN, px, &err) == WRDP_OK);
    CHECK(px[0] == 1 && px[4] == 2 && px[8] == 2 && px[12] == 2 && px[16] == 1 && px[20] == 1);
    CHECK(px[1] == 0 && px[2] == 0 && px[13] == 0 && px[15] == 255);
    /* a run repeats the last value on the first line, the last delta on the others */
    CHECK(decode_hex("30  13 05  13 03   04 04  04 04", 4, 2, WRDP_BITMAP_TOP_DOWN, px, &err) == WRDP_OK);
    CHECK(px[0] == 5 && px[12] == 5 && px[16] == 3 && px[28] == 3);
    /* deltas wrap modulo 256 */
    CHECK(decode_hex("30  10 ff  10 02   01 01  01 01", 1, 2, WRDP_BITMAP_TOP_DOWN, px, &err) == WRDP_ERR);
    CHECK(decode_hex("30  10 ff  10 02   10 00  10 00  10 00  10 00", 1, 2, WRDP_BITMAP_TOP_DOWN, px, &err) == WRDP_OK);
    CHECK(px[0] == 0xff && px[4] == 0x00);
    /* nRunLength 1 and 2 are long runs: 0x01 = 16 + cRawBytes, 0x02 = 32 + cRawBytes (no raw bytes then) */
    CHECK(decode_hex("30  90 05 21  30 07 00 00 02  30 09 00 00 12", 51, 1, WRDP_BITMAP_TOP_DOWN, NULL, &err) == WRDP_ERR);
    uint8_t wide[51 * 4];
    {
        /* 51 pixels: raw 9 values, then run 0x21 -> 2+16 = 18 (of the last value), then 0x12 -> 1 + 32 = 33? no:
         * 0x12 = cRawBytes 1, nRunLength 2 -> run of 32 + 1 = 33, no raw: 9 + 18 + 33 = 60 > 51 */
        CHECK(decode_hex("30  90 01 02 03 04 05 06 07 08 09  21  12  30 00 00 00 00 00 00 00 00 00 21 12"
                         "  30 00 00 00 00 00 00 00 00 00 21 12",
                         51, 1, WRDP_BITMAP_TOP_DOWN, NULL, &err) == WRDP_ERR);
        /* 9 + 18 + 24 (0x0f run 15 + 0x90... ) keep it simple: 9 raw + run 18 + run 24 (0x82 = 8 + 32? no, 0x82 -> 32+8=40) */
        CHECK(decode_hex("30  90 01 02 03 04 05 06 07 08 09  21  f0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                         "  90 00 00 00 00 00 00 00 00 00  21  f0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                         "  90 00 00 00 00 00 00 00 00 00  21  f0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                         "  ",
                         42, 1, WRDP_BITMAP_TOP_DOWN, NULL, &err) == WRDP_OK);
        CHECK(decode_hex("30  90 01 02 03 04 05 06 07 08 09  21  f0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                         "  90 00 00 00 00 00 00 00 00 00  21  f0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
                         "  90 00 00 00 00 00 00 00 00 00  21  f0 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                         42, 1, WRDP_BITMAP_TOP_DOWN, wide, &err) == WRDP_OK);
        int ok = 1;
        for (int i = 0; i < 9; i++)
            ok &= wide[4 * i] == i + 1;
        for (int i = 9; i < 27; i++)
            ok &= wide[4 * i] == 9;
        for (int i = 27; i < 42; i++)
            ok &= wide[4 * i] == 0;
        CHECK(ok);
        /* 0x02 with cRawBytes 1: a run of 33 */
        CHECK(decode_hex("30  12  12  12", 33, 1, WRDP_BITMAP_TOP_DOWN, wide, &err) == WRDP_OK);
    }
    /* chroma subsampling needs a colour loss level */
    CHECK(decode_hex("28 00 00 00 00", 1, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    /* YCoCg, CLL 1, raw, no alpha, 1x1: Y=100, Co=10, Cg=-20 (0xec): t = 120, R = 110, G = 80, B = 130 */
    CHECK(decode_hex("21  64 0a ec", 1, 1, 0, px, &err) == WRDP_OK);
    CHECK(px[0] == 110 && px[1] == 80 && px[2] == 130 && px[3] == 255);
    /* CLL 3 shifts chroma by 2 first: Co 0x05 -> 20, Cg 0x3b -> (int8)0xec = -20 */
    CHECK(decode_hex("23  64 05 3b", 1, 1, 0, px, &err) == WRDP_OK);
    CHECK(px[0] == 100 && px[1] == 80 && px[2] == 140);
    /* clamping */
    CHECK(decode_hex("21  fa 40 40", 1, 1, 0, px, &err) == WRDP_OK);
    CHECK(px[0] == 122 && px[1] == 255 && px[2] == 250);
    /* chroma subsampled 3x3 raw: chroma planes are 2x2 */
    CHECK(decode_hex("2b  10 20 30 40 50 60 70 80 90  00 00 00 00  00 00 00 00", 3, 3, WRDP_BITMAP_TOP_DOWN, px, &err) ==
          WRDP_OK);
    CHECK(px[0] == 0x10 && px[4 * 4] == 0x50 && px[8 * 4] == 0x90);
    CHECK(decode_hex("2b  10 20 30 40 50 60 70 80 90  00 00 00 00  00 00 00", 3, 3, 0, px, &err) == WRDP_ERR);
    /* RLE scanline overrunning its width, or truncated */
    CHECK(decode_hex("30  13 01", 2, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    CHECK(decode_hex("30  20 01", 2, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    CHECK(decode_hex("", 2, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    CHECK(decode_hex("30", 2, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    /* endless zero control bytes run out of input */
    CHECK(decode_hex("30  00 00 00 00 00 00", 2, 1, 0, NULL, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    /* too big */
    wrdp_codec_input big = {(const uint8_t *)"\x30", 1, 9000, 1, 32, 0, NULL};
    wrdp_image img;
    wrdp_image_init(&img, 4, 4, &err);
    CHECK(wrdp_planar_decode(&big, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_LIMIT);
    wrdp_image_free(&img);
}

/* A wide RLE bitmap (rows beyond the on-stack buffers) at an odd size. */
static void test_wide(void)
{
    const uint16_t w = 2051, h = 3;
    uint8_t *buf = malloc(1 + 3 * 3 * 2051);
    size_t n = 0;
    buf[n++] = 0x30;
    for (int plane = 0; plane < 3; plane++)
        for (int r = 0; r < h; r++) {
            uint32_t left = w;
            if (r == 0) {
                buf[n++] = 0x10; /* one raw value */
                buf[n++] = (uint8_t)(0x40 + plane);
                left--;
            }
            while (left) { /* runs of up to 47 (0xf2: 32 + 15) */
                uint32_t k = left > 47 ? 47 : left;
                if (k >= 32)
                    buf[n++] = (uint8_t)((k - 32) << 4 | 2);
                else if (k >= 16)
                    buf[n++] = (uint8_t)((k - 16) << 4 | 1);
                else
                    buf[n++] = (uint8_t)k;
                left -= k;
            }
        }
    wrdp_codec_input in = {buf, n, w, h, 32, 0, NULL};
    guarded g;
    guarded_init(&g, w, h);
    wrdp_error err;
    CHECK(wrdp_planar_decode(&in, &g.img, 0, 0, &err) == WRDP_OK);
    CHECK(guarded_intact(&g));
    int ok = 1;
    for (uint32_t r = 0; r < h; r++)
        for (uint32_t c = 0; c < w; c++) {
            const uint8_t *o = g.img.data + r * g.img.stride + c * 4;
            ok &= o[0] == 0x40 && o[1] == 0x41 && o[2] == 0x42 && o[3] == 0xff;
        }
    CHECK(ok);
    guarded_free(&g);
    free(buf);
}

int main(void)
{
    test_vectors();
    test_single_planes();
    test_by_hand();
    test_wide();
    return test_finish("codecs_planar_test");
}
