/* Pointer attributes to RGBA against IronRDP's expected images
 * (tests/vectors/pdu/pointer/: new 32 bpp, large 32 bpp, colour 24 bpp, and the
 * hand-made 1 and 16 bpp masks), in IronRDP's premultiplied style exactly and in
 * the CSS style (straight alpha, checkerboard for inverted pixels); the slow-path
 * pointer PDU vectors through a session; truncations and lying lengths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "webrdp/session.h"

#define DIR "vectors/pdu/pointer/"

/* The expected premultiplied pixel of a straight CSS-style pixel (IronRDP's rule). */
static void premultiply(const uint8_t *in, uint8_t *out)
{
    out[0] = (uint8_t)((in[0] * in[0]) >> 8);
    out[1] = (uint8_t)((in[1] * in[1]) >> 8);
    out[2] = (uint8_t)((in[2] * in[2]) >> 8);
    out[3] = in[3];
}

static void check_image(const char *name, int kind, const uint8_t *bin, size_t len, uint16_t w, uint16_t h,
                        uint16_t hx, uint16_t hy, uint16_t want_index)
{
    char path[256];
    snprintf(path, sizeof path, DIR "%s.expected.rgba", name);
    size_t elen;
    uint8_t *expected = test_read_file(path, &elen);
    CHECK_EQ(elen, (size_t)w * h * 4);

    wrdp_pointer p;
    wrdp_error err;
    uint16_t index = 0xFFFF;
    wrdp_error_clear(&err);
    int r = wrdp_pointer_decode(kind, bin, len, NULL, WRDP_POINTER_STYLE_PREMULTIPLIED, &p, &index, &err);
    CHECK_MSG(r == WRDP_OK, "%s: %s", name, err.message);
    if (r == WRDP_OK) {
        CHECK_EQ(p.width, w);
        CHECK_EQ(p.height, h);
        CHECK_EQ(p.hotspot_x, hx);
        CHECK_EQ(p.hotspot_y, hy);
        CHECK_EQ(index, want_index);
        size_t diff = 0;
        for (size_t i = 0; i < elen; i++)
            diff += p.data[i] != expected[i];
        CHECK_MSG(diff == 0, "%s: %zu bytes differ from IronRDP's image", name, diff);
    }
    wrdp_pointer_clear(&p);

    /* the CSS style: every pixel that is not an inverted one premultiplies to the expected one */
    r = wrdp_pointer_decode(kind, bin, len, NULL, WRDP_POINTER_STYLE_CSS, &p, &index, &err);
    CHECK(r == WRDP_OK);
    if (r == WRDP_OK) {
        size_t bad = 0, inverted = 0;
        for (size_t i = 0; i < (size_t)w * h; i++) {
            const uint8_t *e = expected + i * 4;
            if (e[0] == 0xFF && e[1] == 0xFF && e[2] == 0xFF && e[3] == 0) {
                inverted++;
                bad += p.data[i * 4 + 3] != 0xFF; /* a visible checkerboard pixel */
                continue;
            }
            uint8_t m[4];
            premultiply(p.data + i * 4, m);
            bad += memcmp(m, e, 4) != 0;
        }
        CHECK_MSG(bad == 0, "%s (CSS style): %zu pixels differ (%zu inverted)", name, bad, inverted);
    }
    wrdp_pointer_clear(&p);

    /* every truncation fails cleanly (or decodes a smaller but valid pointer: never) */
    for (size_t n = 0; n < len; n++) {
        if (n > 64 && n < len - 64 && n % 97)
            continue; /* the header region and the tail in full, the middle sampled */
        r = wrdp_pointer_decode(kind, bin, n, NULL, WRDP_POINTER_STYLE_CSS, &p, NULL, &err);
        CHECK_MSG(r == WRDP_ERR && p.data == NULL, "%s truncated to %zu bytes decodes", name, n);
        wrdp_pointer_clear(&p);
    }
    free(expected);
}

static void check_bin(const char *name, int kind, uint16_t w, uint16_t h, uint16_t hx, uint16_t hy, uint16_t index)
{
    char path[256];
    snprintf(path, sizeof path, DIR "%s.bin", name);
    size_t len;
    uint8_t *bin = test_read_file(path, &len);
    check_image(name, kind, bin, len, w, h, hx, hy, index);
    free(bin);
}

/* Builds a TS_POINTERATTRIBUTE from the JSON vectors' fields. */
static size_t build_new(uint8_t *out, uint16_t bpp, uint16_t w, uint16_t h, const char *and_hex, const char *xor_hex)
{
    uint8_t andm[256], xorm[256];
    size_t an = test_hex(and_hex, andm, sizeof andm), xn = test_hex(xor_hex, xorm, sizeof xorm);
    size_t o = 0;
    uint16_t fields[] = {bpp, 0, 0, 0, w, h, (uint16_t)an, (uint16_t)xn};
    for (size_t i = 0; i < 8; i++) {
        out[o++] = (uint8_t)fields[i];
        out[o++] = (uint8_t)(fields[i] >> 8);
    }
    memcpy(out + o, xorm, xn);
    o += xn;
    memcpy(out + o, andm, an);
    o += an;
    /* no pad byte: every truncation is then short of a mask */
    return o;
}

static void hostile(void)
{
    wrdp_pointer p;
    wrdp_error err;
    uint8_t buf[64];
    /* 384x384 claimed with tiny masks: a decode error, no allocation of the claim */
    size_t n = build_new(buf, 32, 384, 384, "00", "00");
    CHECK(wrdp_pointer_decode(WRDP_POINTER_KIND_NEW, buf, n, NULL, 0, &p, NULL, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    /* larger than 384 */
    n = build_new(buf, 32, 385, 1, "", "");
    CHECK(wrdp_pointer_decode(WRDP_POINTER_KIND_NEW, buf, n, NULL, 0, &p, NULL, &err) == WRDP_ERR);
    /* an unknown bpp */
    n = build_new(buf, 7, 1, 1, "0000", "0000");
    CHECK(wrdp_pointer_decode(WRDP_POINTER_KIND_NEW, buf, n, NULL, 0, &p, NULL, &err) == WRDP_ERR);
    /* 0x0: invisible, no data */
    n = build_new(buf, 32, 0, 0, "", "");
    CHECK(wrdp_pointer_decode(WRDP_POINTER_KIND_NEW, buf, n, NULL, 0, &p, NULL, &err) == WRDP_OK);
    CHECK(p.data == NULL && p.width == 0);
    /* 8 bpp with a palette: index 1 is red */
    uint8_t pal[768] = {0};
    pal[3] = 0xFF;
    n = build_new(buf, 8, 1, 1, "0000", "0100");
    CHECK(wrdp_pointer_decode(WRDP_POINTER_KIND_NEW, buf, n, pal, WRDP_POINTER_STYLE_CSS, &p, NULL, &err) == WRDP_OK);
    CHECK(p.data && p.data[0] == 0xFF && p.data[1] == 0 && p.data[2] == 0 && p.data[3] == 0xFF);
    wrdp_pointer_clear(&p);
    /* 4 bpp: high nibble first */
    n = build_new(buf, 4, 2, 1, "0000", "1000");
    CHECK(wrdp_pointer_decode(WRDP_POINTER_KIND_NEW, buf, n, pal, WRDP_POINTER_STYLE_CSS, &p, NULL, &err) == WRDP_OK);
    CHECK(p.data && p.data[0] == 0xFF && p.data[4] == 0 && p.data[7] == 0xFF);
    wrdp_pointer_clear(&p);
    CHECK(wrdp_pointer_decode(9, buf, n, NULL, 0, &p, NULL, &err) == WRDP_ERR);
}

int main(void)
{
    check_bin("new_pointer_32bpp", WRDP_POINTER_KIND_NEW, 41, 39, 3, 3, 0);
    check_bin("large_pointer_32bpp", WRDP_POINTER_KIND_LARGE, 112, 112, 2, 0, 12);
    check_bin("color_pointer_24bpp", WRDP_POINTER_KIND_COLOR, 41, 39, 3, 11, 0);

    uint8_t buf[256];
    size_t n = build_new(buf, 1, 7, 7, "7e009e008600c200c600ea00fc00", "0000000020001000000000000000");
    check_image("color_pointer_1bpp", WRDP_POINTER_KIND_NEW, buf, n, 7, 7, 0, 0, 0);
    n = build_new(buf, 16, 2, 2, "be007e00", "0000ffff0000ffff");
    check_image("color_pointer_16bpp", WRDP_POINTER_KIND_NEW, buf, n, 2, 2, 0, 0, 0);

    hostile();
    return test_finish("session_pointer");
}
