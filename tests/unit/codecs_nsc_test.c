/* NSCodec without FreeRDP: hand-made streams with known pixels (raw planes,
 * RLE runs short and long, absent planes, chroma subsampling with odd sizes,
 * colour loss), malformed streams that must fail with a decode error, every
 * truncation of a valid stream, and clipping with a guard border that must
 * stay untouched. (No public NSCodec vectors exist: tests/vectors/README.md.) */
#include "test.h"
#include "webrdp/codecs/nsc.h"

static size_t put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
    return 4;
}

/* header + planes given as (bytes, count) */
static size_t build(uint8_t *out, unsigned cll, unsigned css, const uint8_t *pl[4], const uint32_t n[4])
{
    size_t pos = 0;
    for (int i = 0; i < 4; i++)
        pos += put32(out + pos, n[i]);
    out[pos++] = (uint8_t)cll;
    out[pos++] = (uint8_t)css;
    out[pos++] = 0;
    out[pos++] = 0;
    for (int i = 0; i < 4; i++) {
        if (n[i])
            memcpy(out + pos, pl[i], n[i]);
        pos += n[i];
    }
    return pos;
}

#define GUARD 8
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
}

static int guarded_intact(const guarded *g)
{
    for (size_t r = 0; r < g->bh; r++)
        for (size_t c = 0; c < g->bw; c++) {
            if (r >= GUARD && r < GUARD + g->img.height && c >= GUARD && c < GUARD + g->img.width)
                continue;
            if (memcmp(g->buf + (r * g->bw + c) * 4, "\xA5\xA5\xA5\xA5", 4))
                return 0;
        }
    return 1;
}

static const uint8_t *px(const guarded *g, uint32_t x, uint32_t y)
{
    return g->img.data + y * g->img.stride + x * 4;
}

static void test_raw_and_rle(void)
{
    /* 4x2, no subsampling, cll 1: Y raw, Co RLE (7 bytes for 8), Cg raw, alpha absent (0xFF) */
    const uint8_t Y[8] = {10, 20, 30, 40, 50, 60, 70, 80};
    const uint8_t Co[] = {5, 5, 2, 1, 2, 3, 4};              /* four 5s, then 1 2 3 4 raw */
    const uint8_t Cg[8] = {0xFE, 0xFF, 1, 1, 1, 1, 1, 1};
    const uint8_t *pl[4] = {Y, Co, Cg, NULL};
    uint32_t n[4] = {8, sizeof Co, sizeof Cg, 0};
    uint8_t s[128];
    size_t len = build(s, 1, 0, pl, n);
    guarded g;
    guarded_init(&g, 4, 2);
    wrdp_codec_input in = {s, len, 4, 2, 32, 0, NULL};
    wrdp_error err = {0};
    CHECK_MSG(wrdp_nsc_decode(&in, &g.img, 0, 0, &err) == WRDP_OK, "%s", err.message);
    /* (0,0): Y 10, Co 5, Cg (int8)0xFE = -2: R = 10+5+2 = 17, G = 8, B = 10-5+2 = 7 */
    const uint8_t *p = px(&g, 0, 0);
    CHECK(p[0] == 17 && p[1] == 8 && p[2] == 7 && p[3] == 0xFF);
    /* (1,0): Co 5, Cg -1: R 26, G 19, B 16 */
    p = px(&g, 1, 0);
    CHECK(p[0] == 26 && p[1] == 19 && p[2] == 16);
    /* (3,1): Y 80, Co 4, Cg 1: R 83, G 81, B 75 */
    p = px(&g, 3, 1);
    CHECK_MSG(p[0] == 83 && p[1] == 81 && p[2] == 75 && p[3] == 0xFF, "%d %d %d %d", p[0], p[1], p[2], p[3]);
    /* a run longer than what is left of the plane fails */
    const uint8_t Co2[] = {9, 8, 8, 8, 8, 8, 8}; /* literal 9, then a run of 8 + 2 = 10 eights */
    const uint8_t *pl2[4] = {Y, Co2, Cg, NULL};
    uint32_t n2[4] = {8, sizeof Co2, sizeof Cg, 0};
    len = build(s, 1, 0, pl2, n2);
    wrdp_codec_input in2 = {s, len, 4, 2, 32, 0, NULL};
    CHECK(wrdp_nsc_decode(&in2, &g.img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    CHECK(guarded_intact(&g));
    free(g.buf);
}

static void test_long_run_subsampling_colorloss(void)
{
    /* 5x3, subsampled: luma 8x3 = 24 bytes, chroma 4x2 = 8 bytes; cll 3 (shift 2) */
    uint8_t Yr[] = {100, 100, 0xFF, 0, 0, 0, 0, 7, 7, 7, 7}; /* a long run (u32 length 20), then 4 raw */
    put32(Yr + 3, 20);
    uint8_t Co[] = {1, 1, 2, 0, 0, 0, 0}; /* four 1s, 4 raw */
    uint8_t Cg[] = {0, 0, 2, 0, 0, 0, 0};
    uint8_t A[] = {9, 9, 9, 3, 4, 5, 6};  /* eleven 9s, 4 raw: 15 = 5x3 */
    const uint8_t *pl[4] = {Yr, Co, Cg, A};
    uint32_t n[4] = {sizeof Yr, sizeof Co, sizeof Cg, sizeof A};
    uint8_t s[128];
    size_t len = build(s, 3, 1, pl, n);
    guarded g;
    guarded_init(&g, 5, 3);
    wrdp_codec_input in = {s, len, 5, 3, 32, 0, NULL};
    wrdp_error err = {0};
    CHECK_MSG(wrdp_nsc_decode(&in, &g.img, 0, 0, &err) == WRDP_OK, "%s", err.message);
    /* (0,0): Y 100, Co 1<<2 = 4, Cg 0: R 104, G 100, B 96, A 9 */
    const uint8_t *p = px(&g, 0, 0);
    CHECK(p[0] == 104 && p[1] == 100 && p[2] == 96 && p[3] == 9);
    /* (4,2): luma index 2*8+4 = 20 -> 7; chroma row 1, col 2 -> Co 0; alpha index 14 -> 6 */
    p = px(&g, 4, 2);
    CHECK(p[0] == 7 && p[1] == 7 && p[2] == 7 && p[3] == 6);
    /* (3,1): chroma row 0 col 1 -> Co 4 */
    p = px(&g, 3, 1);
    CHECK(p[0] == 104 && p[2] == 96);
    CHECK(guarded_intact(&g));

    /* every truncation fails cleanly, never writing outside */
    for (size_t cut = 0; cut < len; cut++) {
        wrdp_codec_input t = {s, cut, 5, 3, 32, 0, NULL};
        memset(&err, 0, sizeof err);
        int rc = wrdp_nsc_decode(&t, &g.img, 1, 1, &err);
        CHECK_MSG(rc == WRDP_ERR && err.kind == WRDP_ERROR_DECODE && strstr(err.message, "nsc"), "cut %zu", cut);
    }
    /* clipped placements */
    static const int32_t offs[][2] = {{-3, -1}, {4, 2}, {-100, 0}, {0, 3}};
    for (size_t o = 0; o < 4; o++)
        CHECK(wrdp_nsc_decode(&in, &g.img, offs[o][0], offs[o][1], &err) == WRDP_OK);
    CHECK(guarded_intact(&g));
    free(g.buf);
}

static void test_malformed(void)
{
    uint8_t Y[4] = {1, 2, 3, 4};
    const uint8_t *pl[4] = {Y, Y, Y, Y};
    uint32_t n[4] = {4, 4, 4, 4};
    uint8_t s[256];
    guarded g;
    guarded_init(&g, 2, 2);
    wrdp_error err;
    struct {
        const char *what;
        unsigned cll;
        uint32_t n0;
        int patch; /* 1: run past the plane, 2: long run truncated, 3: huge plane count */
    } cases[] = {
        {"ColorLossLevel 0", 0, 4, 0}, {"ColorLossLevel 8", 8, 4, 0}, {"luma RLE without raw end", 1, 3, 0},
        {"run longer than the plane", 1, 4, 1}, {"plane count past the end", 1, 4, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t nn[4] = {cases[i].n0, n[1], n[2], n[3]};
        uint8_t Yb[8] = {1, 2, 3, 4};
        if (cases[i].patch == 1) { /* 2x2 luma via RLE: 7 7 0xFF len=1000 ... */
            Yb[0] = 7, Yb[1] = 7, Yb[2] = 200, Yb[3] = 0;
            nn[0] = 3;
        }
        const uint8_t *p2[4] = {Yb, pl[1], pl[2], pl[3]};
        size_t len = build(s, cases[i].cll, 0, p2, nn);
        if (cases[i].patch == 3)
            put32(s + 8, 0x7fffffff);
        wrdp_codec_input in = {s, len, 2, 2, 32, 0, NULL};
        memset(&err, 0, sizeof err);
        int rc = wrdp_nsc_decode(&in, &g.img, 0, 0, &err);
        CHECK_MSG(rc == WRDP_ERR && err.kind == WRDP_ERROR_DECODE, "%s accepted", cases[i].what);
    }
    /* too big and empty bitmaps */
    size_t len = build(s, 1, 0, pl, n);
    wrdp_codec_input big = {s, len, 8193, 1, 32, 0, NULL};
    CHECK(wrdp_nsc_decode(&big, &g.img, 0, 0, &err) == WRDP_ERR && err.kind == WRDP_ERROR_LIMIT);
    wrdp_codec_input empty = {s, len, 0, 2, 32, 0, NULL};
    CHECK(wrdp_nsc_decode(&empty, &g.img, 0, 0, &err) == WRDP_ERR);
    /* a valid 2x2 through a reusable context, twice */
    wrdp_nsc *nsc = wrdp_nsc_new();
    wrdp_codec_input ok = {s, len, 2, 2, 32, 0, NULL};
    CHECK(wrdp_nsc_decode_with(nsc, &ok, &g.img, 0, 0, &err) == WRDP_OK);
    CHECK(wrdp_nsc_decode_with(nsc, &ok, &g.img, 1, 1, &err) == WRDP_OK);
    wrdp_nsc_free(nsc);
    CHECK(guarded_intact(&g));
    free(g.buf);
}

int main(void)
{
    test_raw_and_rle();
    test_long_run_subsampling_colorloss();
    test_malformed();
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
