/* Interleaved RLE (MS-RDPBCGR 2.2.9.1.1.3.1.2.4): the public vectors
 * (IronRDP's twelve 16 bpp tiles, FreeRDP's 15/16/24 bpp noise image), every
 * order by hand, every prefix of every vector, clipping, hostile streams. */
#include "codecs_bitmap_util.h"

#define DIR "vectors/codec/interleaved/"

/* FreeRDP's widening of 5 and 6 bit channels (written out again here). */
static uint8_t w5(unsigned c) { return (uint8_t)((c << 3) + c / 4); }
static uint8_t w6(unsigned c) { return (uint8_t)((c << 2) + c / 8 > 255 ? 255 : (c << 2) + c / 8); }

static int decode(const wrdp_codec_input *in, wrdp_image *img)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    if (wrdp_image_init(img, in->width, in->height, &err) != WRDP_OK)
        return WRDP_ERR;
    int rc = wrdp_interleaved_decode(in, img, 0, 0, &err);
    if (rc != WRDP_OK)
        fprintf(stderr, "decode: %s\n", err.message);
    return rc;
}

static void test_ironrdp_tiles(void)
{
    static const char *ids[] = {"27019fd9", "284f668a", "28c08e75", "2de3f326", "3fc8124a", "4d75aa6a",
                                "8b8ccc77", "94bb5b13", "9b06660a", "a412fbe2", "aa326e7a", "fbcefc9a"};
    for (size_t t = 0; t < sizeof ids / sizeof ids[0]; t++) {
        char path[256];
        size_t len, elen;
        snprintf(path, sizeof path, DIR "ironrdp_tile_%s.rle16", ids[t]);
        uint8_t *data = test_read_file(path, &len);
        snprintf(path, sizeof path, DIR "ironrdp_tile_%s.expected.rgb565", ids[t]);
        uint8_t *exp = test_read_file(path, &elen);
        CHECK_EQ(elen, 64 * 64 * 2);
        /* the expected pixels are in bitstream row order: decode without the flip */
        wrdp_codec_input in = {data, len, 64, 64, 16, WRDP_BITMAP_TOP_DOWN, NULL};
        wrdp_image img;
        /* tiles from the bottom edge of a 1080-line desktop are 64x56: the stream ends
         * 8 rows early and the vector's last 8 rows are zero */
        wrdp_error e;
        if (wrdp_image_init(&img, 64, 64, &e) == WRDP_OK && wrdp_interleaved_decode(&in, &img, 0, 0, &e) != WRDP_OK) {
            CHECK_MSG(strstr(e.message, "512 pixels short") != NULL, "%s", e.message);
            wrdp_image_free(&img);
            in.height = 56;
            for (size_t i = 56 * 64 * 2; i < elen; i++)
                CHECK_EQ(exp[i], 0);
        } else {
            wrdp_image_free(&img);
        }
        CHECK(decode(&in, &img) == WRDP_OK);
        int diff = 0;
        for (size_t i = 0; i < (size_t)64 * in.height && img.data; i++) {
            unsigned v = exp[2 * i] | exp[2 * i + 1] << 8;
            const uint8_t *o = img.data + 4 * i;
            if (o[0] != w5(v >> 11) || o[1] != w6((v >> 5) & 63) || o[2] != w5(v & 31) || o[3] != 255)
                diff++;
        }
        CHECK_MSG(diff == 0, "tile %s: %d pixels differ", ids[t], diff);
        CHECK(check_clipping(wrdp_interleaved_decode, &in, &img));
        in.flags = 0;
        CHECK_EQ(check_prefixes(wrdp_interleaved_decode, &in, 1), 0);
        wrdp_image_free(&img);
        free(data);
        free(exp);
    }
}

static void test_freerdp_noise(void)
{
    static const unsigned bpps[] = {15, 16, 24};
    for (size_t t = 0; t < 3; t++) {
        char path[256];
        size_t len, elen;
        snprintf(path, sizeof path, DIR "freerdp_test01_%ubpp.rle", bpps[t]);
        uint8_t *data = test_read_file(path, &len);
        snprintf(path, sizeof path, DIR "freerdp_test01_%ubpp.expected.bgra", bpps[t]);
        uint8_t *exp = test_read_file(path, &elen);
        wrdp_codec_input in = {data, len, 64, 64, (uint8_t)bpps[t], 0, NULL};
        wrdp_image img;
        CHECK(decode(&in, &img) == WRDP_OK);
        int diff = 0;
        for (size_t i = 0; i < 64 * 64 && img.data; i++) {
            const uint8_t *o = img.data + 4 * i, *e = exp + 4 * i;
            if (o[0] != e[2] || o[1] != e[1] || o[2] != e[0] || o[3] != 255)
                diff++;
        }
        CHECK_MSG(diff == 0, "%u bpp: %d pixels differ from FreeRDP's decode", bpps[t], diff);
        CHECK_EQ(check_prefixes(wrdp_interleaved_decode, &in, 7), 0);
        CHECK(check_clipping(wrdp_interleaved_decode, &in, &img));
        wrdp_image_free(&img);
        free(data);
        free(exp);
    }
}

/* The 64x56 16 bpp bitmap of IronRDP's fast-path bitmap update vector: a PDU
 * test whose bitmap is cut short (520 pixels of orders, then a colour image
 * longer than what is left). It must fail cleanly, like each of its prefixes. */
static void test_fastpath_bitmap(void)
{
    size_t len;
    uint8_t *pdu = test_read_file("vectors/pdu/fastpath/bitmap_buffer.bin", &len);
    CHECK(len > 80);
    wrdp_codec_input in = {pdu + len - 80, 80, 64, 56, 16, 0, NULL};
    wrdp_image img;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_image_init(&img, 64, 56, &err);
    int rc = wrdp_interleaved_decode(&in, &img, 0, 0, &err);
    CHECK_MSG(rc == WRDP_ERR && err.kind == WRDP_ERROR_DECODE && err.offset == 60, "%s", err.message);
    CHECK_EQ(check_prefixes(wrdp_interleaved_decode, &in, 1), 0);
    wrdp_image_free(&img);
    free(pdu);
}

/* Decodes hex at 8 bpp (grey ramp: index i is (i,i,i)) into w x h, top-down,
 * and compares the R channel with `want` (w*h indices). */
static int orders8(const char *hex, uint32_t w, uint32_t h, const uint8_t *want, int expect_ok)
{
    uint8_t buf[512];
    size_t n = test_hex(hex, buf, sizeof buf);
    wrdp_codec_input in = {buf, n, (uint16_t)w, (uint16_t)h, 8, WRDP_BITMAP_TOP_DOWN, NULL};
    guarded g;
    guarded_init(&g, w, h);
    wrdp_error err;
    wrdp_error_clear(&err);
    int rc = wrdp_interleaved_decode(&in, &g.img, 0, 0, &err);
    int ok = guarded_intact(&g);
    if (expect_ok) {
        ok &= rc == WRDP_OK;
        for (uint32_t i = 0; ok && i < w * h; i++) {
            const uint8_t *o = g.img.data + (i / w) * g.img.stride + (i % w) * 4;
            if (o[0] != want[i] || o[1] != want[i] || o[2] != want[i] || o[3] != 255) {
                fprintf(stderr, "%s: pixel %u is %u, want %u\n", hex, i, o[0], want[i]);
                ok = 0;
            }
        }
    } else {
        ok &= rc == WRDP_ERR && err.kind == WRDP_ERROR_DECODE;
        if (rc == WRDP_ERR)
            fprintf(stderr, "  (expected) %s\n", err.message);
    }
    guarded_free(&g);
    return ok;
}

static void test_orders(void)
{
    /* 4x2 images, top-down, row 1 refers to row 0 */
    /* colour image of 4, then colour run of 4 */
    static const uint8_t a[] = {1, 2, 3, 4, 9, 9, 9, 9};
    CHECK(orders8("84 01 02 03 04  64 09", 4, 2, a, 1));
    /* BG run on the first line is black; on later lines it copies the row above;
     * a BG run right after a BG run starts with a foreground pel (white = 0xff) */
    static const uint8_t b[] = {0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(orders8("08", 4, 2, b, 1));
    static const uint8_t b2[] = {5, 6, 7, 8, 5, 6, 7, 8};
    CHECK(orders8("84 05 06 07 08 04", 4, 2, b2, 1));
    static const uint8_t b3[] = {0, 0, 0xff, 0, 5, 6, 7, 8};
    /* first line: BG 2, BG 2 (inserted fg pel) */
    CHECK(orders8("02 02 84 05 06 07 08", 4, 2, b3, 1));
    /* second line: BG 1, BG 3 inserts fg ^ above */
    static const uint8_t b4[] = {1, 2, 3, 4, 1, 2 ^ 0xff, 3, 4};
    CHECK(orders8("84 01 02 03 04 01 03", 4, 2, b4, 1));
    /* FG run: first line writes fg, later lines above ^ fg; set fg (lite 0xC) */
    static const uint8_t c[] = {1, 2, 3, 4, 1 ^ 0x0f, 2 ^ 0x0f, 3 ^ 0x0f, 4 ^ 0x0f};
    CHECK(orders8("84 01 02 03 04 c4 0f", 4, 2, c, 1));
    static const uint8_t c2[] = {0x0f, 0x0f, 0x0f, 0x0f, 0, 0, 0, 0};
    CHECK(orders8("c4 0f 24", 4, 2, c2, 1));
    /* regular FG run with the default foreground (white) */
    static const uint8_t c3[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    CHECK(orders8("24 04", 4, 2, c3, 1));
    /* dithered run: pairs */
    static const uint8_t d[] = {7, 8, 7, 8, 7, 8, 7, 8};
    CHECK(orders8("e4 07 08", 4, 2, d, 1));
    /* FGBG image: bit set = fg, clear = black on the first line; 8 pixels via regular 0x41 (1*8) */
    static const uint8_t e[] = {0xff, 0, 0xff, 0xff, 0, 0xff, 0, 0};
    CHECK(orders8("41 2d", 4, 2, e, 1));
    /* on a later line: set = above ^ fg, clear = above; regular FGBG with explicit length 0x40 nn */
    static const uint8_t e3[] = {1, 2, 3, 4, 1 ^ 0xff, 2, 3, 4 ^ 0xff};
    CHECK(orders8("84 01 02 03 04 40 03 09", 4, 2, e3, 1));
    /* lite set-fg FGBG with explicit length (0xd0 nn fg mask: nn+1 pixels); an order
     * that starts on the first line keeps first-line rules into the next (as FreeRDP) */
    static const uint8_t e2[] = {0x33, 0, 0x33, 0, 0x33, 0, 0x33, 0};
    CHECK(orders8("d0 07 33 55", 4, 2, e2, 1));
    /* special FGBG 1 (mask 0x03) and 2 (mask 0x05) over two rows */
    static const uint8_t f[] = {0xff, 0xff, 0, 0, 0, 0, 0, 0};
    CHECK(orders8("f9", 4, 2, f, 1));
    static const uint8_t f2[] = {0xff, 0, 0xff, 0, 0, 0, 0, 0};
    CHECK(orders8("fa", 4, 2, f2, 1));
    /* white and black */
    static const uint8_t g[] = {0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0};
    CHECK(orders8("fd fe fd fe fd fe fd fe", 4, 2, g, 1));
    /* mega-mega colour run and image, extended regular run (0x60 nn -> nn + 32) */
    static const uint8_t m[] = {3, 3, 3, 3, 3, 3, 3, 3};
    CHECK(orders8("f3 08 00 03", 4, 2, m, 1));
    CHECK(orders8("f4 08 00 03 03 03 03 03 03 03 03", 4, 2, m, 1));
    static uint8_t big[40 * 1];
    memset(big, 3, sizeof big);
    CHECK(orders8("60 08 03", 40, 1, big, 1));
    /* mega-mega set-fg run and FGBG, mega-mega dithered */
    static const uint8_t s[] = {0x44, 0x44, 0x44, 0x44, 0, 0, 0, 0};
    CHECK(orders8("f6 04 00 44 f1 04 00", 4, 2, s, 1));
    static const uint8_t s2[] = {0x21, 0, 0, 0, 0x21, 0, 0, 0};
    CHECK(orders8("f7 08 00 21 11", 4, 2, s2, 1));
    static const uint8_t s3[] = {1, 2, 1, 2, 1, 2, 1, 2};
    CHECK(orders8("f8 04 00 01 02", 4, 2, s3, 1));

    /* hostile: too many pixels, too few, unknown orders, truncated fields */
    CHECK(orders8("64 09 64 09 64 09", 4, 2, NULL, 0));
    CHECK(orders8("64 09", 4, 2, NULL, 0));
    CHECK(orders8("f5", 4, 2, NULL, 0));
    CHECK(orders8("ff", 4, 2, NULL, 0));
    CHECK(orders8("fb", 4, 2, NULL, 0));
    CHECK(orders8("fc", 4, 2, NULL, 0));
    CHECK(orders8("f4 ff ff", 4, 2, NULL, 0));
    CHECK(orders8("f3 08", 4, 2, NULL, 0));
    CHECK(orders8("84 01 02 03", 4, 2, NULL, 0));
    CHECK(orders8("60", 4, 2, NULL, 0));
    CHECK(orders8("f0 00 00 f0 00 00", 4, 2, NULL, 0));
    CHECK(orders8("", 4, 2, NULL, 0));
    CHECK(orders8("88 fd", 4, 2, NULL, 0));
}

/* 16 and 24 bpp pels are little-endian words / B,G,R bytes. */
static void test_pixel_formats(void)
{
    uint8_t buf[32];
    size_t n = test_hex("62 1f f8  62 e0 07", buf, sizeof buf); /* colour runs of 2: 0xf81f, 0x07e0 */
    wrdp_codec_input in = {buf, n, 2, 2, 16, WRDP_BITMAP_TOP_DOWN, NULL};
    wrdp_image img;
    wrdp_error err;
    wrdp_image_init(&img, 2, 2, &err);
    CHECK(wrdp_interleaved_decode(&in, &img, 0, 0, &err) == WRDP_OK);
    CHECK(img.data[0] == 255 && img.data[1] == 0 && img.data[2] == 255 && img.data[3] == 255);
    CHECK(img.data[8] == 0 && img.data[9] == 255 && img.data[10] == 0);
    /* bottom-up by default: the first row decoded is the bottom one */
    in.flags = 0;
    CHECK(wrdp_interleaved_decode(&in, &img, 0, 0, &err) == WRDP_OK);
    CHECK(img.data[0] == 0 && img.data[1] == 255 && img.data[8] == 255 && img.data[9] == 0);
    n = test_hex("62 01 02 03  62 04 05 06", buf, sizeof buf);
    wrdp_codec_input in24 = {buf, n, 2, 2, 24, WRDP_BITMAP_TOP_DOWN, NULL};
    CHECK(wrdp_interleaved_decode(&in24, &img, 0, 0, &err) == WRDP_OK);
    CHECK(img.data[0] == 3 && img.data[1] == 2 && img.data[2] == 1 && img.data[3] == 255);
    /* 15 bpp white is 0x7fff */
    n = test_hex("fd fd fd fd", buf, sizeof buf);
    wrdp_codec_input in15 = {buf, n, 2, 2, 15, 0, NULL};
    CHECK(wrdp_interleaved_decode(&in15, &img, 0, 0, &err) == WRDP_OK);
    CHECK(img.data[0] == 255 && img.data[1] == 255 && img.data[2] == 255);
    /* 8 bpp through a palette */
    uint8_t pal[768];
    for (int i = 0; i < 256; i++) {
        pal[3 * i] = (uint8_t)i;
        pal[3 * i + 1] = (uint8_t)(255 - i);
        pal[3 * i + 2] = 7;
    }
    n = test_hex("64 10", buf, sizeof buf);
    wrdp_codec_input in8 = {buf, n, 2, 2, 8, 0, pal};
    CHECK(wrdp_interleaved_decode(&in8, &img, 0, 0, &err) == WRDP_OK);
    CHECK(img.data[0] == 0x10 && img.data[1] == 0xef && img.data[2] == 7 && img.data[3] == 255);
    /* arguments */
    wrdp_codec_input bad = in;
    bad.bpp = 32;
    CHECK(wrdp_interleaved_decode(&bad, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_UNSUPPORTED);
    bad = in;
    bad.width = 9000;
    CHECK(wrdp_interleaved_decode(&bad, &img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_LIMIT);
    bad = in;
    bad.height = 0;
    CHECK(wrdp_interleaved_decode(&bad, &img, 0, 0, &err) == WRDP_ERR);
    wrdp_image_free(&img);
}

/* A wide bitmap (rows above the on-stack size) and an odd width. */
static void test_wide(void)
{
    const uint32_t w = 1001, h = 3;
    uint8_t buf[64];
    /* mega-mega colour run of 1001, BG run of 1001 (copies), FG run of 1001 (xor white) */
    size_t n = test_hex("f3 e9 03 2a  f0 e9 03  f1 e9 03", buf, sizeof buf);
    wrdp_codec_input in = {buf, n, (uint16_t)w, (uint16_t)h, 8, WRDP_BITMAP_TOP_DOWN, NULL};
    guarded g;
    guarded_init(&g, w, h);
    wrdp_error err;
    CHECK(wrdp_interleaved_decode(&in, &g.img, 0, 0, &err) == WRDP_OK);
    CHECK(guarded_intact(&g));
    int ok = 1;
    for (uint32_t r = 0; r < h; r++)
        for (uint32_t c = 0; c < w; c++)
            ok &= g.img.data[r * g.img.stride + c * 4] == (r < 2 ? 0x2a : (0x2a ^ 0xff));
    CHECK(ok);
    guarded_free(&g);
}

int main(void)
{
    test_ironrdp_tiles();
    test_freerdp_noise();
    test_fastpath_bitmap();
    test_orders();
    test_pixel_formats();
    test_wide();
    return test_finish("codecs_interleaved_test");
}
