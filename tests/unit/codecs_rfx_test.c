/* RemoteFX: each pipeline stage against its public vector (IronRDP's RLGR3,
 * DWT and colour-conversion cases), the [MS-RDPRFX] 4.2 sample end to end
 * against FreeRDP's and IronRDP's reference images (within 1 per channel), the
 * block vectors of tests/vectors/pdu/rfx (the err_* ones must fail), every
 * truncation of the sample, and painting at offsets partly outside the image
 * with a guard border that must stay untouched. */
#include "codecs/rfx_internal.h"
#include "test.h"
#include "webrdp/codecs/rfx.h"

static int16_t *read_i16(const char *path, size_t *count)
{
    size_t len;
    uint8_t *b = test_read_file(path, &len);
    int16_t *v = malloc(len + 2);
    for (size_t i = 0; i < len / 2; i++)
        v[i] = (int16_t)(uint16_t)(b[2 * i] | b[2 * i + 1] << 8);
    free(b);
    *count = len / 2;
    return v;
}

static void test_rlgr3_vectors(void)
{
    static const char *names[] = {"y", "cb", "cr"};
    for (int c = 0; c < 3; c++) {
        char in[128], ex[128];
        snprintf(in, sizeof in, "vectors/codec/rfx/rlgr3_%s.bin", names[c]);
        snprintf(ex, sizeof ex, "vectors/codec/rfx/rlgr3_%s.expected.i16le", names[c]);
        size_t len, n;
        uint8_t *data = test_read_file(in, &len);
        int16_t *want = read_i16(ex, &n);
        int16_t got[4096];
        CHECK_EQ(n, 4096);
        wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, data, len, got, 4096);
        CHECK_MSG(memcmp(got, want, sizeof got) == 0, "rlgr3 %s differs", names[c]);
        free(data);
        free(want);
    }
}

static void test_rlgr_small(void)
{
    uint8_t buf[8];
    int16_t out[70];
    size_t n = test_hex("c0", buf, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, buf, n, out, 2);
    CHECK(out[0] == 0 && out[1] == 1);
    n = test_hex("e0", buf, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, buf, n, out, 2);
    CHECK(out[0] == 0 && out[1] == -1);
    n = test_hex("0099c0", buf, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, buf, n, out, 67);
    int zeros = 1;
    for (int i = 0; i < 66; i++)
        zeros &= out[i] == 0;
    CHECK(zeros && out[66] == 7);
    n = test_hex("dffd", buf, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, buf, n, out, 2);
    CHECK(out[0] == 0 && out[1] == 24);
    n = test_hex("c0", buf, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, buf, n, out, 4);
    CHECK(out[0] == 0 && out[1] == 1 && out[2] == 0 && out[3] == 0);
    n = test_hex("c7f8", buf, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR1, buf, n, out, 4);
    CHECK(out[0] == 0 && out[1] == 1 && out[2] == 4 && out[3] == 0);
    /* hostile: all ones / no input never runs past the output */
    memset(buf, 0xff, sizeof buf);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR3, buf, sizeof buf, out, 70);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR1, buf, sizeof buf, out, 70);
    wrdp_rfx_rlgr_decode(WRDP_RFX_RLGR1, NULL, 0, out, 70);
    CHECK(out[69] == 0);
}

static void test_dwt(void)
{
    size_t n, m;
    int16_t *enc = read_i16("vectors/codec/rfx/dwt_encoded_dwt.i16le", &n);
    int16_t *dec = read_i16("vectors/codec/rfx/dwt_decoded_dwt.i16le", &m);
    int16_t tmp[4096];
    CHECK(n == 4096 && m == 4096);
    wrdp_rfx_idwt(enc, tmp);
    CHECK_MSG(memcmp(enc, dec, 8192) == 0, "inverse DWT differs");
    free(enc);
    free(dec);

    int16_t buf[4096];
    for (int i = 0; i < 4096; i++)
        buf[i] = 32767;
    dec = read_i16("vectors/codec/rfx/dwt_decoded_dwt_for_max_values.i16le", &m);
    wrdp_rfx_idwt(buf, tmp);
    CHECK_MSG(memcmp(buf, dec, 8192) == 0, "inverse DWT of 32767s differs");
    free(dec);
    for (int i = 0; i < 4096; i++)
        buf[i] = -32768;
    wrdp_rfx_idwt(buf, tmp);
    int zero = 1;
    for (int i = 0; i < 4096; i++)
        zero &= buf[i] == 0;
    CHECK_MSG(zero, "inverse DWT of -32768s is not all 0");
}

/* SIMD and scalar paths agree on random (also extreme) values */
static void test_simd_agrees(void)
{
    static int16_t a[4096], b[4096], t[4096], cb[4096], cr[4096];
    static uint8_t p1[4096 * 4], p2[4096 * 4];
    uint32_t s = 12345;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 4096; i++) {
            s = s * 1103515245u + 12345u;
            int16_t v = (int16_t)(s >> 16);
            if (round % 3 == 1)
                v = (int16_t)(v >> 6);
            a[i] = b[i] = v;
            cb[i] = (int16_t)(s >> 3);
            cr[i] = (int16_t)(s >> 7);
        }
        wrdp_rfx_idwt(a, t);
        wrdp_rfx_idwt_scalar(b, t);
        CHECK_MSG(memcmp(a, b, sizeof a) == 0, "round %d: SIMD and scalar inverse DWT differ", round);
        wrdp_rfx_ycbcr_to_rgba(a, cb, cr, p1, 4096);
        for (int i = 0; i < 4096; i++)
            wrdp_rfx_ycbcr_to_rgba(a + i, cb + i, cr + i, p2 + 4 * i, 1);
        CHECK_MSG(memcmp(p1, p2, sizeof p1) == 0, "round %d: SIMD and scalar colour conversion differ", round);
    }
}

static void test_dequantize(void)
{
    int16_t c[4096];
    for (int i = 0; i < 4096; i++)
        c[i] = 1;
    const uint8_t q[10] = {6, 6, 6, 6, 7, 7, 8, 8, 8, 9}; /* LL3 LH3 HL3 HH3 LH2 HL2 HH2 LH1 HL1 HH1 */
    wrdp_rfx_dequantize(c, q);
    CHECK_EQ(c[0], 1 << 7);    /* HL1: 8 */
    CHECK_EQ(c[1024], 1 << 7); /* LH1: 8 */
    CHECK_EQ(c[2048], 1 << 8); /* HH1: 9 */
    CHECK_EQ(c[3072], 1 << 6); /* HL2: 7 */
    CHECK_EQ(c[3584], 1 << 7); /* HH2: 8 */
    CHECK_EQ(c[3840], 1 << 5); /* HL3: 6 */
    CHECK_EQ(c[4032], 1 << 5); /* LL3[0] = 1 */
    CHECK_EQ(c[4095], 64 << 5);/* LL3 is a running sum: 64 */
}

static void test_ycbcr(void)
{
    const int16_t y = 1, cb = 2, cr = 3;
    uint8_t px[4];
    wrdp_rfx_ycbcr_to_rgba(&y, &cb, &cr, px, 1);
    CHECK(px[0] == 128 && px[1] == 127 && px[2] == 128 && px[3] == 255);
}

/* An image inside a bigger buffer whose border must stay 0xA5. */
#define GUARD 16
typedef struct guarded {
    uint8_t *buf;
    size_t bw, bh;
    wrdp_image img;
} guarded;

static void guarded_init(guarded *g, uint32_t w, uint32_t h)
{
    g->bw = w + 2 * GUARD;
    g->bh = h + 2 * GUARD;
    g->buf = malloc(g->bw * g->bh * 4);
    memset(g->buf, 0xA5, g->bw * g->bh * 4);
    g->img.width = w;
    g->img.height = h;
    g->img.stride = g->bw * 4;
    g->img.data = g->buf + (GUARD * g->bw + GUARD) * 4;
    for (uint32_t r = 0; r < h; r++)
        memset(g->img.data + r * g->img.stride, 0, (size_t)w * 4);
}

static int guarded_intact(const guarded *g)
{
    for (size_t r = 0; r < g->bh; r++)
        for (size_t c = 0; c < g->bw; c++) {
            int inside = r >= GUARD && r < GUARD + g->img.height && c >= GUARD && c < GUARD + g->img.width;
            if (inside)
                continue;
            const uint8_t *p = g->buf + (r * g->bw + c) * 4;
            if (p[0] != 0xA5 || p[1] != 0xA5 || p[2] != 0xA5 || p[3] != 0xA5)
                return 0;
        }
    return 1;
}

static uint8_t *sample(size_t *len)
{
    size_t hl, fl;
    uint8_t *h = test_read_file("vectors/codec/rfx/ms_rdprfx_4.2_headers.bin", &hl);
    uint8_t *f = test_read_file("vectors/codec/rfx/ms_rdprfx_4.2_frame.bin", &fl);
    uint8_t *all = malloc(hl + fl);
    memcpy(all, h, hl);
    memcpy(all + hl, f, fl);
    free(h);
    free(f);
    *len = hl + fl;
    return all;
}

static int max_diff_bgrx(const wrdp_image *img, const uint8_t *bgrx)
{
    int md = 0;
    for (uint32_t r = 0; r < img->height; r++)
        for (uint32_t c = 0; c < img->width; c++) {
            const uint8_t *p = img->data + r * img->stride + c * 4, *q = bgrx + (r * img->width + c) * 4;
            int d[3] = {p[0] - q[2], p[1] - q[1], p[2] - q[0]};
            for (int i = 0; i < 3; i++) {
                int a = d[i] < 0 ? -d[i] : d[i];
                if (a > md)
                    md = a;
            }
        }
    return md;
}

static void test_sample(void)
{
    size_t len, fl, il;
    uint8_t *all = sample(&len);
    uint8_t *fr = test_read_file("vectors/codec/rfx/freerdp_expected_64x64.bgrx", &fl);
    uint8_t *ir = test_read_file("vectors/codec/rfx/ironrdp_expected_64x64.bgrx", &il);
    wrdp_rfx *rfx = wrdp_rfx_new();
    guarded g;
    guarded_init(&g, 64, 64);
    wrdp_error err = {0};
    int rc = wrdp_rfx_decode(rfx, all, len, &g.img, 0, 0, &err);
    CHECK_MSG(rc == WRDP_OK, "%s", err.message);
    int dfr = max_diff_bgrx(&g.img, fr), dir = max_diff_bgrx(&g.img, ir);
    printf("[MS-RDPRFX] 4.2 sample: max difference %d vs FreeRDP's reference, %d vs IronRDP's\n", dfr, dir);
    CHECK(dfr <= 1);
    CHECK(dir <= 1);
    CHECK(g.img.data[3] == 255);
    CHECK(guarded_intact(&g));
    size_t nd;
    const wrdp_rect *d = wrdp_rfx_dirty_rects(rfx, &nd);
    CHECK(nd == 1 && d[0].left == 0 && d[0].top == 0 && d[0].right == 64 && d[0].bottom == 64);

    /* the frame alone, with the headers remembered from before */
    size_t hl;
    free(test_read_file("vectors/codec/rfx/ms_rdprfx_4.2_headers.bin", &hl));
    memset(g.img.data, 0, 64 * g.img.stride);
    for (uint32_t r = 0; r < 64; r++)
        memset(g.img.data + r * g.img.stride, 0, 256);
    CHECK(wrdp_rfx_decode(rfx, all + hl, len - hl, &g.img, 0, 0, &err) == WRDP_OK);
    CHECK(max_diff_bgrx(&g.img, fr) <= 1);
    free(g.buf);

    /* offsets partly outside small images: only the visible part, no stray writes */
    static const int32_t offs[][2] = {{-10, -20}, {30, 40}, {-63, 63}, {5, -64}, {1000, 0}, {-1000, 3}};
    static const uint32_t sizes[][2] = {{1, 1}, {65, 33}, {17, 90}, {64, 64}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (size_t o = 0; o < sizeof offs / sizeof offs[0]; o++) {
            guarded_init(&g, sizes[s][0], sizes[s][1]);
            wrdp_rfx_reset(rfx);
            CHECK(wrdp_rfx_decode(rfx, all, len, &g.img, offs[o][0], offs[o][1], &err) == WRDP_OK);
            CHECK(guarded_intact(&g));
            int ok = 1;
            for (uint32_t r = 0; r < g.img.height; r++)
                for (uint32_t c = 0; c < g.img.width; c++) {
                    int64_t sx = (int64_t)c - offs[o][0], sy = (int64_t)r - offs[o][1];
                    const uint8_t *p = g.img.data + r * g.img.stride + c * 4;
                    if (sx >= 0 && sx < 64 && sy >= 0 && sy < 64) {
                        const uint8_t *q = fr + (sy * 64 + sx) * 4;
                        for (int i = 0; i < 3; i++)
                            ok &= abs(p[i] - q[2 - i]) <= 1;
                    } else {
                        ok &= p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0;
                    }
                }
            CHECK_MSG(ok, "size %ux%u offset %d,%d", sizes[s][0], sizes[s][1], offs[o][0], offs[o][1]);
            free(g.buf);
        }

    /* every truncation fails cleanly or decodes, never writing outside */
    for (size_t cut = 0; cut < len; cut++) {
        guarded_init(&g, 40, 40);
        wrdp_rfx_reset(rfx);
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, all, cut);
        memset(&err, 0, sizeof err);
        rc = wrdp_rfx_decode(rfx, copy, cut, &g.img, 3, 2, &err);
        CHECK_MSG(rc == WRDP_OK || (err.kind == WRDP_ERROR_DECODE && strstr(err.message, "rfx")), "cut %zu", cut);
        CHECK_MSG(guarded_intact(&g), "cut %zu", cut);
        free(copy);
        free(g.buf);
    }
    /* a lying tile: Y length claims more than there is */
    wrdp_rfx_free(rfx);
    free(all);
    free(fr);
    free(ir);
}

static void test_blocks(void)
{
    static const char *good[] = {"sync", "codec_version", "channels", "context", "frame_begin", "frame_end", "region"};
    wrdp_rfx *rfx = wrdp_rfx_new();
    guarded g;
    guarded_init(&g, 64, 64);
    wrdp_error err;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "vectors/pdu/rfx/%s.bin", good[i]);
        size_t len;
        uint8_t *d = test_read_file(path, &len);
        memset(&err, 0, sizeof err);
        CHECK_MSG(wrdp_rfx_decode(rfx, d, len, &g.img, 0, 0, &err) == WRDP_OK, "%s: %s", good[i], err.message);
        free(d);
    }
    /* the tileset needs a region before it: region + tileset in one message */
    size_t rl, tl;
    uint8_t *r = test_read_file("vectors/pdu/rfx/region.bin", &rl);
    uint8_t *t = test_read_file("vectors/pdu/rfx/tile_set.bin", &tl);
    uint8_t *rt = malloc(rl + tl);
    memcpy(rt, r, rl);
    memcpy(rt + rl, t, tl);
    memset(&err, 0, sizeof err);
    CHECK_MSG(wrdp_rfx_decode(rfx, rt, rl + tl, &g.img, 0, 0, &err) == WRDP_OK, "%s", err.message);
    CHECK(guarded_intact(&g));
    memset(&err, 0, sizeof err);
    CHECK(wrdp_rfx_decode(rfx, t, tl, &g.img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    free(r);
    free(t);
    free(rt);

    static const char *bad[] = {
        "err_channels_pdu_buffer_with_invalid_data_length", "err_context_pdu_buffer_with_big_data_length",
        "err_context_pdu_buffer_with_zero_data_length",     "err_sync_pdu_buffer_with_big_data_length",
        "err_sync_pdu_buffer_with_small_buffer",            "err_sync_pdu_buffer_with_zero_data_length",
        "err_tileset_pdu_buffer_with_invalid_number_of_quants",
        "err_tileset_pdu_buffer_with_invalid_tiles_data_size"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[160];
        snprintf(path, sizeof path, "vectors/pdu/rfx/%s.bin", bad[i]);
        size_t len;
        uint8_t *d = test_read_file(path, &len);
        memset(&err, 0, sizeof err);
        int rc = wrdp_rfx_decode(rfx, d, len, &g.img, 0, 0, &err);
        CHECK_MSG(rc == WRDP_ERR && err.kind == WRDP_ERROR_DECODE, "%s was accepted", bad[i]);
        if (i == 0)
            printf("e.g. %s -> %s\n", bad[i], err.message);
        free(d);
    }
    CHECK(guarded_intact(&g));

    /* every prefix of every block vector (and of region + tileset) fails cleanly or decodes */
    static const char *all[] = {"sync", "codec_version", "channels", "context", "frame_begin", "frame_end",
                                "region", "tile_set"};
    for (size_t i = 0; i <= sizeof all / sizeof all[0]; i++) {
        size_t len, boundary = 0; /* a whole first block is a valid prefix */
        uint8_t *d;
        if (i < sizeof all / sizeof all[0]) {
            char path[128];
            snprintf(path, sizeof path, "vectors/pdu/rfx/%s.bin", all[i]);
            d = test_read_file(path, &len);
        } else {
            size_t a, b;
            uint8_t *ra = test_read_file("vectors/pdu/rfx/region.bin", &a);
            uint8_t *tb = test_read_file("vectors/pdu/rfx/tile_set.bin", &b);
            d = malloc(a + b);
            memcpy(d, ra, a);
            memcpy(d + a, tb, b);
            len = a + b;
            boundary = a;
            free(ra);
            free(tb);
        }
        for (size_t cut = 0; cut < len; cut++) {
            uint8_t *copy = malloc(cut ? cut : 1);
            memcpy(copy, d, cut);
            memset(&err, 0, sizeof err);
            int rc = wrdp_rfx_decode(rfx, copy, cut, &g.img, -7, 5, &err);
            CHECK_MSG(rc == WRDP_OK || err.kind == WRDP_ERROR_DECODE, "vector %zu cut %zu", i, cut);
            CHECK_MSG(cut == 0 || cut == boundary || rc == WRDP_ERR, "vector %zu: a prefix of %zu bytes was accepted", i, cut);
            free(copy);
        }
        free(d);
    }
    CHECK(guarded_intact(&g));
    free(g.buf);
    wrdp_rfx_free(rfx);
}

int main(void)
{
    test_rlgr3_vectors();
    test_rlgr_small();
    test_dwt();
    test_dequantize();
    test_simd_agrees();
    test_ycbcr();
    test_sample();
    test_blocks();
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
