/* Differential test against FreeRDP 2 (Debian freerdp2-dev): FreeRDP's RemoteFX
 * encoder (rfx_compose_message: headers + frame, RLGR1 and RLGR3) turns generated
 * content (solid, gradient, text-like, noise) of sizes 1x1 to 1920x1080 into
 * bitstreams; FreeRDP's decoder (rfx_process_message) gives the expected pixels
 * and ours must be within 1 per channel of them (the largest difference seen is
 * printed; it is 0 when both agree exactly). Also: several region rects, and a
 * destination offset with the picture partly outside a smaller image. */
#include "test.h"

#ifndef WRDP_HAVE_FREERDP2
int main(void)
{
    printf("skipped: FreeRDP 2 (freerdp2-dev) not found by pkg-config\n");
    return 0;
}
#else
#include <freerdp/codec/color.h>
#include <freerdp/codec/rfx.h>
#include <winpr/stream.h>

#include "webrdp/codecs/rfx.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreerdp2\nleak:libwinpr2\n";
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t next32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

enum { SOLID, GRADIENT, TEXT, NOISE, KINDS };
static const char *kind_name[] = {"solid", "gradient", "text", "noise"};

/* BGRX content */
static uint8_t *make_content(int kind, uint32_t w, uint32_t h)
{
    uint8_t *p = malloc((size_t)w * h * 4);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint8_t *q = p + ((size_t)y * w + x) * 4;
            switch (kind) {
            case SOLID: q[0] = 0x30, q[1] = 0x80, q[2] = 0xd0; break;
            case GRADIENT:
                q[0] = (uint8_t)(x * 255 / (w > 1 ? w - 1 : 1));
                q[1] = (uint8_t)(y * 255 / (h > 1 ? h - 1 : 1));
                q[2] = (uint8_t)((x + y) & 255);
                break;
            case TEXT: {
                /* dark glyph-like strokes on white, 8x16 cells */
                uint32_t cx = x % 8, cy = y % 16, cell = (x / 8) * 31 + (y / 16) * 17;
                int ink = (cy > 2 && cy < 13) && ((cx == (cell % 5)) || (cy == 3 + cell % 9 && cx < 6));
                q[0] = q[1] = q[2] = ink ? 0x10 : 0xff;
                break;
            }
            default: {
                uint32_t r = next32();
                q[0] = (uint8_t)r, q[1] = (uint8_t)(r >> 8), q[2] = (uint8_t)(r >> 16);
            }
            }
            q[3] = 0xff;
        }
    return p;
}

static int max_seen;

/* Encodes content with FreeRDP, decodes it with FreeRDP and with us into
 * dst_w x dst_h at (left, top), compares. Returns the largest difference. */
static int run_case(const char *what, RLGR_MODE mode, const uint8_t *content, uint32_t w, uint32_t h,
                    const RFX_RECT *rects, size_t nrects, uint32_t dst_w, uint32_t dst_h, uint32_t left, uint32_t top)
{
    RFX_CONTEXT *enc = rfx_context_new(TRUE);
    enc->mode = mode;
    rfx_context_reset(enc, w, h);
    rfx_context_set_pixel_format(enc, PIXEL_FORMAT_BGRX32);
    wStream *s = Stream_New(NULL, 1024);
    if (!rfx_compose_message(enc, s, rects, nrects, content, w, h, w * 4)) {
        CHECK_MSG(0, "%s: FreeRDP could not encode", what);
        Stream_Free(s, TRUE);
        rfx_context_free(enc);
        return 0;
    }
    size_t len = Stream_GetPosition(s);
    const uint8_t *bits = Stream_Buffer(s);

    /* the stream really uses the entropy algorithm asked for (TS_RFX_CONTEXT properties) */
    int et = -1;
    for (size_t pos = 0; pos + 6 <= len;) {
        uint32_t bl = bits[pos + 2] | bits[pos + 3] << 8 | (uint32_t)bits[pos + 4] << 16 | (uint32_t)bits[pos + 5] << 24;
        if (bits[pos] == 0xc3 && bits[pos + 1] == 0xcc && bl >= 13 && pos + 13 <= len)
            et = ((bits[pos + 11] | bits[pos + 12] << 8) >> 9) & 15;
        if (bl < 6)
            break;
        pos += bl;
    }
    CHECK_MSG(et == (mode == RLGR1 ? 1 : 4), "%s: the stream's entropy algorithm is %d", what, et);

    size_t stride = (size_t)dst_w * 4;
    uint8_t *want = calloc(stride * dst_h, 1);
    RFX_CONTEXT *dec = rfx_context_new(FALSE);
    rfx_context_set_pixel_format(dec, PIXEL_FORMAT_RGBA32);
    BOOL ok = rfx_process_message(dec, bits, (UINT32)len, left, top, want, PIXEL_FORMAT_RGBA32, (UINT32)stride,
                                  dst_h, NULL);
    CHECK_MSG(ok, "%s: FreeRDP could not decode its own stream", what);

    wrdp_image img = {calloc(stride * dst_h, 1), dst_w, dst_h, stride};
    wrdp_rfx *rfx = wrdp_rfx_new();
    wrdp_error err = {0};
    int rc = wrdp_rfx_decode(rfx, bits, len, &img, (int32_t)left, (int32_t)top, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", what, err.message);
    int md = 0;
    size_t ndiff = 0;
    for (size_t i = 0; i < stride * dst_h; i++) {
        if ((i & 3) == 3) {
            /* alpha: where FreeRDP painted (255) we paint 255 too */
            if (want[i] && img.data[i] != want[i])
                md = md > 255 ? md : 255;
            continue;
        }
        int d = abs(img.data[i] - want[i]);
        if (d)
            ndiff++;
        if (d > md)
            md = d;
    }
    CHECK_MSG(md <= 1, "%s: max difference %d (%zu bytes differ)", what, md, ndiff);
    if (md > max_seen)
        max_seen = md;
    wrdp_rfx_free(rfx);
    rfx_context_free(dec);
    free(img.data);
    free(want);
    Stream_Free(s, TRUE);
    rfx_context_free(enc);
    return md;
}

int main(void)
{
    static const uint32_t sizes[][2] = {{64, 64}, {1, 1}, {65, 33}, {1024, 768}, {1920, 1080}};
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        uint32_t w = sizes[si][0], h = sizes[si][1];
        for (int kind = 0; kind < KINDS; kind++) {
            uint8_t *content = make_content(kind, w, h);
            for (int m = 0; m < 2; m++) {
                RLGR_MODE mode = m ? RLGR3 : RLGR1;
                char what[96];
                snprintf(what, sizeof what, "%ux%u %s %s", w, h, kind_name[kind], m ? "RLGR3" : "RLGR1");
                RFX_RECT full = {0, 0, (UINT16)w, (UINT16)h};
                int md = run_case(what, mode, content, w, h, &full, 1, w, h, 0, 0);
                if (w >= 1024)
                    printf("%s: max difference %d\n", what, md);
            }
            free(content);
        }
    }
    /* several rects, drawn at an offset into a smaller image */
    uint8_t *content = make_content(NOISE, 200, 150);
    RFX_RECT rects[] = {{0, 0, 70, 30}, {100, 20, 100, 100}, {10, 120, 50, 30}, {60, 60, 30, 30}};
    run_case("4 rects at (37, 11) into 180x120", RLGR3, content, 200, 150, rects, 4, 180, 120, 37, 11);
    run_case("4 rects at (0, 0) into 200x150", RLGR1, content, 200, 150, rects, 4, 200, 150, 0, 0);
    free(content);
    printf("largest difference from FreeRDP over all cases: %d\n", max_seen);
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
#endif
