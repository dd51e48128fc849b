/* Differential test against FreeRDP 2 (Debian freerdp2-dev): FreeRDP's NSCodec
 * encoder (nsc_compose_message) turns generated content (solid, gradient,
 * text-like, noise with varying alpha) of sizes 1x1 to 1920x1080 into bitmap
 * streams at every colour-loss level, with and without chroma subsampling;
 * FreeRDP's decoder (nsc_process_message) gives the expected RGBA and ours must
 * match it exactly, also drawn at an offset partly outside a smaller image. */
#include "test.h"

#ifndef WRDP_HAVE_FREERDP2
int main(void)
{
    printf("skipped: FreeRDP 2 (freerdp2-dev) not found by pkg-config\n");
    return 0;
}
#else
#include <freerdp/codec/color.h>
#include <freerdp/codec/nsc.h>
#include <winpr/stream.h>

#include "webrdp/codecs/nsc.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreerdp2\nleak:libwinpr2\n";
}

static uint64_t rng = 0x853c49e6748fea9bull;
static uint32_t next32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

enum { SOLID, GRADIENT, TEXT, NOISE, KINDS };
static const char *kind_name[] = {"solid", "gradient", "text", "noise"};

/* BGRA content */
static uint8_t *make_content(int kind, uint32_t w, uint32_t h)
{
    uint8_t *p = malloc((size_t)w * h * 4);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint8_t *q = p + ((size_t)y * w + x) * 4;
            q[3] = 0xff;
            switch (kind) {
            case SOLID: q[0] = 0x30, q[1] = 0x80, q[2] = 0xd0; break;
            case GRADIENT:
                q[0] = (uint8_t)(x * 255 / (w > 1 ? w - 1 : 1));
                q[1] = (uint8_t)(y * 255 / (h > 1 ? h - 1 : 1));
                q[2] = (uint8_t)((x + y) & 255);
                q[3] = (uint8_t)(x * 7);
                break;
            case TEXT: {
                uint32_t cx = x % 8, cy = y % 16, cell = (x / 8) * 31 + (y / 16) * 17;
                int ink = (cy > 2 && cy < 13) && ((cx == (cell % 5)) || (cy == 3 + cell % 9 && cx < 6));
                q[0] = q[1] = q[2] = ink ? 0x10 : 0xff;
                break;
            }
            default: {
                uint32_t r = next32();
                q[0] = (uint8_t)r, q[1] = (uint8_t)(r >> 8), q[2] = (uint8_t)(r >> 16), q[3] = (uint8_t)(r >> 24);
            }
            }
        }
    return p;
}

static void run_case(const char *what, const uint8_t *content, uint32_t w, uint32_t h, unsigned cll, int css,
                     uint32_t dst_w, uint32_t dst_h, int32_t x, int32_t y)
{
    NSC_CONTEXT *enc = nsc_context_new();
    nsc_context_set_parameters(enc, NSC_COLOR_FORMAT, PIXEL_FORMAT_BGRA32);
    nsc_context_set_parameters(enc, NSC_COLOR_LOSS_LEVEL, cll);
    nsc_context_set_parameters(enc, NSC_ALLOW_SUBSAMPLING, css ? TRUE : FALSE);
    nsc_context_reset(enc, w, h);
    wStream *s = Stream_New(NULL, 1024);
    if (!nsc_compose_message(enc, s, content, w, h, w * 4)) {
        CHECK_MSG(0, "%s: FreeRDP could not encode", what);
        goto out;
    }
    size_t len = Stream_GetPosition(s);
    const uint8_t *bits = Stream_Buffer(s);
    CHECK_MSG(len >= 20 && bits[16] == cll && (bits[17] != 0) == (css != 0), "%s: header says cll %u css %u", what,
              len >= 20 ? bits[16] : 0, len >= 20 ? bits[17] : 0);

    /* FreeRDP decodes the whole bitmap; we decode into dst at (x, y) and compare the overlap */
    size_t fstride = (size_t)w * 4;
    uint8_t *want = calloc(fstride * h, 1);
    NSC_CONTEXT *dec = nsc_context_new();
    BOOL ok = nsc_process_message(dec, 32, w, h, bits, (UINT32)len, want, PIXEL_FORMAT_RGBA32, (UINT32)fstride, 0, 0,
                                  w, h, FREERDP_FLIP_NONE);
    CHECK_MSG(ok, "%s: FreeRDP could not decode its own stream", what);
    nsc_context_free(dec);

    size_t stride = (size_t)dst_w * 4;
    wrdp_image img = {malloc(stride * dst_h), dst_w, dst_h, stride};
    memset(img.data, 0x5a, stride * dst_h);
    wrdp_codec_input in = {bits, len, (uint16_t)w, (uint16_t)h, 32, 0, NULL};
    wrdp_error err = {0};
    CHECK_MSG(wrdp_nsc_decode(&in, &img, x, y, &err) == WRDP_OK, "%s: %s", what, err.message);
    size_t bad = 0;
    for (uint32_t r = 0; r < dst_h; r++)
        for (uint32_t c = 0; c < dst_w; c++) {
            int64_t sx = (int64_t)c - x, sy = (int64_t)r - y;
            const uint8_t *p = img.data + r * stride + c * 4;
            if (sx >= 0 && sx < w && sy >= 0 && sy < h)
                bad += memcmp(p, want + sy * fstride + sx * 4, 4) != 0;
            else
                bad += p[0] != 0x5a || p[1] != 0x5a || p[2] != 0x5a || p[3] != 0x5a;
        }
    CHECK_MSG(bad == 0, "%s: %zu pixels differ", what, bad);
    free(img.data);
    free(want);
out:
    Stream_Free(s, TRUE);
    nsc_context_free(enc);
}

int main(void)
{
    static const uint32_t sizes[][2] = {{64, 64}, {1, 1}, {65, 33}, {3, 7}, {1024, 768}, {1920, 1080}};
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        uint32_t w = sizes[si][0], h = sizes[si][1];
        for (int kind = 0; kind < KINDS; kind++) {
            uint8_t *content = make_content(kind, w, h);
            for (unsigned cll = 1; cll <= 7; cll++)
                for (int css = 0; css < 2; css++) {
                    if (w >= 1024 && cll != 1 && cll != 3 && cll != 7)
                        continue; /* time under ASan */
                    char what[96];
                    snprintf(what, sizeof what, "%ux%u %s cll %u css %d", w, h, kind_name[kind], cll, css);
                    run_case(what, content, w, h, cll, css, w, h, 0, 0);
                }
            free(content);
        }
    }
    uint8_t *content = make_content(NOISE, 77, 45);
    run_case("77x45 at (-5, 9) into 60x40", content, 77, 45, 3, 1, 60, 40, -5, 9);
    run_case("77x45 at (30, -20) into 100x30", content, 77, 45, 2, 0, 100, 30, 30, -20);
    free(content);
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
#endif
