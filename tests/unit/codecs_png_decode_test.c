/* PNG decoder: our encoder's output decodes to the same pixels; ImageMagick's
 * PNGs (every colour type) decode to what ImageMagick reads back; PNGs built
 * here use each of the five filters; hostile PNGs fail cleanly. */
#include <zlib.h>

#include "test.h"
#include "webrdp/codecs/png.h"

static uint32_t rng = 12345;
static uint8_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return (uint8_t)(rng >> 16);
}

static void round_trip(uint32_t w, uint32_t h)
{
    wrdp_image img, back;
    wrdp_error err;
    wrdp_writer out;
    CHECK(wrdp_image_init(&img, w, h, &err) == WRDP_OK);
    for (size_t i = 0; i < (size_t)w * h * 4; i++)
        img.data[i] = (i % 7 == 0) ? (uint8_t)(i / 3) : rnd();
    wrdp_writer_init(&out, 0, &err);
    CHECK(wrdp_png_encode(&img, NULL, &out, &err) == WRDP_OK);
    CHECK(wrdp_png_decode(out.data, out.len, &back, &err) == WRDP_OK);
    CHECK_EQ(back.width, w);
    CHECK_EQ(back.height, h);
    if (back.data)
        CHECK_MEM(back.data, img.data, (size_t)w * h * 4);
    wrdp_image_free(&back);
    wrdp_writer_free(&out);
    wrdp_image_free(&img);
}

static void imagemagick(const char *name)
{
    char path[256];
    size_t plen, rlen;
    snprintf(path, sizeof path, "vectors/webrdp/png/%s.png", name);
    uint8_t *png = test_read_file(path, &plen);
    snprintf(path, sizeof path, "vectors/webrdp/png/%s.rgba", name);
    uint8_t *rgba = test_read_file(path, &rlen);
    wrdp_image img;
    wrdp_error err;
    int rc = wrdp_png_decode(png, plen, &img, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", name, err.message);
    if (rc == WRDP_OK) {
        CHECK_EQ((size_t)img.width * img.height * 4, rlen);
        CHECK_MSG(memcmp(img.data, rgba, rlen) == 0, "%s: pixels differ from ImageMagick's", name);
    }
    /* every truncation fails, none crashes */
    for (size_t n = 0; n < plen; n++) {
        wrdp_image t;
        CHECK(wrdp_png_decode(png, n, &t, &err) == WRDP_ERR);
    }
    /* every single bit flip is caught (CRC, signature) or decodes to an image */
    for (size_t i = 0; i < plen * 8; i += 3) {
        png[i / 8] ^= (uint8_t)(1 << (i % 8));
        wrdp_image t;
        if (wrdp_png_decode(png, plen, &t, &err) == WRDP_OK)
            wrdp_image_free(&t);
        png[i / 8] ^= (uint8_t)(1 << (i % 8));
    }
    wrdp_image_free(&img);
    free(png);
    free(rgba);
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static size_t chunk(uint8_t *out, const char *type, const uint8_t *data, size_t len)
{
    put32(out, (uint32_t)len);
    memcpy(out + 4, type, 4);
    if (len)
        memcpy(out + 8, data, len);
    put32(out + 8 + len, (uint32_t)crc32(0, out + 4, (uInt)(len + 4)));
    return len + 12;
}

/* Builds a PNG from raw filtered scanlines. */
static size_t build_png(uint8_t *out, uint32_t w, uint32_t h, uint8_t colour, uint8_t depth, uint8_t interlace,
                        const uint8_t *raw, size_t raw_len, const uint8_t *plte, size_t plte_len)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    uint8_t ihdr[13];
    put32(ihdr, w);
    put32(ihdr + 4, h);
    ihdr[8] = depth;
    ihdr[9] = colour;
    ihdr[10] = ihdr[11] = 0;
    ihdr[12] = interlace;
    size_t n = 0;
    memcpy(out, sig, 8);
    n += 8;
    n += chunk(out + n, "IHDR", ihdr, 13);
    if (plte)
        n += chunk(out + n, "PLTE", plte, plte_len);
    uLongf zlen = compressBound((uLong)raw_len);
    uint8_t *z = malloc(zlen);
    compress(z, &zlen, raw, (uLong)raw_len);
    /* split the zlib stream over two IDAT chunks: the decoder streams across them */
    size_t half = zlen / 2;
    n += chunk(out + n, "IDAT", z, half);
    n += chunk(out + n, "IDAT", z + half, zlen - half);
    n += chunk(out + n, "IEND", NULL, 0);
    free(z);
    return n;
}

static uint8_t paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return (uint8_t)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

/* RGBA rows, row y filtered with type y % 5 (and row 0 with each type in turn, by shifting). */
static void filters(uint8_t first)
{
    enum { W = 7, H = 10, BPP = 4, ROW = W * BPP };
    uint8_t px[H][ROW], raw[H * (ROW + 1)];
    for (int y = 0; y < H; y++)
        for (int i = 0; i < ROW; i++)
            px[y][i] = rnd();
    for (int y = 0; y < H; y++) {
        uint8_t t = (uint8_t)((y + first) % 5);
        uint8_t *d = raw + y * (ROW + 1);
        d[0] = t;
        for (int i = 0; i < ROW; i++) {
            int a = i >= BPP ? px[y][i - BPP] : 0, b = y ? px[y - 1][i] : 0, c = (y && i >= BPP) ? px[y - 1][i - BPP] : 0;
            int pred = t == 0 ? 0 : t == 1 ? a : t == 2 ? b : t == 3 ? (a + b) / 2 : paeth(a, b, c);
            d[1 + i] = (uint8_t)(px[y][i] - pred);
        }
    }
    uint8_t png[2048];
    size_t n = build_png(png, W, H, 6, 8, 0, raw, sizeof raw, NULL, 0);
    wrdp_image img;
    wrdp_error err;
    CHECK(wrdp_png_decode(png, n, &img, &err) == WRDP_OK);
    if (img.data)
        CHECK_MSG(memcmp(img.data, px, sizeof px) == 0, "filters starting with %u", first);
    wrdp_image_free(&img);
}

static void expect_fail(const uint8_t *png, size_t n, wrdp_error_kind kind, const char *what)
{
    wrdp_image img;
    wrdp_error err;
    wrdp_error_clear(&err);
    int rc = wrdp_png_decode(png, n, &img, &err);
    CHECK_MSG(rc == WRDP_ERR, "%s decoded", what);
    CHECK_MSG(err.kind == kind, "%s: kind %d (%s)", what, err.kind, err.message);
    CHECK(img.data == NULL);
}

static void hostile(void)
{
    uint8_t raw[4 * (1 + 3 * 4)] = {0}, png[1024];
    size_t n = build_png(png, 4, 4, 2, 8, 0, raw, sizeof raw, NULL, 0);
    wrdp_image img;
    wrdp_error err;
    CHECK(wrdp_png_decode(png, n, &img, &err) == WRDP_OK);
    wrdp_image_free(&img);

    png[20] ^= 1; /* inside IHDR: CRC */
    expect_fail(png, n, WRDP_ERROR_DECODE, "bad CRC");
    png[20] ^= 1;

    n = build_png(png, 100000, 4, 2, 8, 0, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_LIMIT, "huge width");
    n = build_png(png, 4, 4, 2, 16, 0, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_UNSUPPORTED, "16-bit");
    n = build_png(png, 4, 4, 2, 8, 1, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_UNSUPPORTED, "interlaced");
    n = build_png(png, 4, 4, 5, 8, 0, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_DECODE, "colour type 5");
    n = build_png(png, 4, 3, 2, 8, 0, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_DECODE, "more data than the image");
    n = build_png(png, 4, 5, 2, 8, 0, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_DECODE, "less data than the image");
    raw[13] = 5;
    n = build_png(png, 4, 4, 2, 8, 0, raw, sizeof raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_DECODE, "filter type 5");
    raw[13] = 0;

    uint8_t pal_raw[2 * 3] = {0, 0, 1, 0, 2, 0};
    uint8_t plte[6] = {255, 0, 0, 0, 255, 0};
    n = build_png(png, 2, 2, 3, 8, 0, pal_raw, sizeof pal_raw, plte, sizeof plte);
    expect_fail(png, n, WRDP_ERROR_DECODE, "palette index past the palette");
    pal_raw[4] = 1;
    n = build_png(png, 2, 2, 3, 8, 0, pal_raw, sizeof pal_raw, plte, sizeof plte);
    CHECK(wrdp_png_decode(png, n, &img, &err) == WRDP_OK);
    if (img.data) {
        static const uint8_t want[16] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 255, 0, 0, 255};
        CHECK_MEM(img.data, want, 16);
    }
    wrdp_image_free(&img);
    n = build_png(png, 2, 2, 3, 8, 0, pal_raw, sizeof pal_raw, NULL, 0);
    expect_fail(png, n, WRDP_ERROR_DECODE, "palette image without PLTE");

    /* a chunk length past the end, and a length with the top bit set */
    n = build_png(png, 4, 4, 2, 8, 0, raw, sizeof raw, NULL, 0);
    put32(png + 8, 0x7fffffff);
    expect_fail(png, n, WRDP_ERROR_DECODE, "chunk length past the end");
    put32(png + 8, 0xffffffff);
    expect_fail(png, n, WRDP_ERROR_DECODE, "chunk length 2^32-1");
    expect_fail(png, 7, WRDP_ERROR_DECODE, "no signature");
}

int main(void)
{
    round_trip(1, 1);
    round_trip(3, 2);
    round_trip(17, 9);
    round_trip(301, 5);
    round_trip(64, 64);
    imagemagick("grey");
    imagemagick("greyalpha");
    imagemagick("rgb");
    imagemagick("rgba");
    imagemagick("palette");
    imagemagick("palette_trns");
    for (uint8_t f = 0; f < 5; f++)
        filters(f);
    hostile();
    return test_finish("codecs_png_decode");
}
