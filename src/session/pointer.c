/* Pointer attributes (MS-RDPBCGR 2.2.9.1.1.4.4 - 2.2.9.1.1.4.6, 2.2.9.1.2.1.11) to
 * RGBA: the XOR mask gives the colour (1 to 32 bpp, rows bottom-up and padded to 2
 * bytes), the 1-bpp AND mask says transparent (AND 1 over black), inverted (AND 1
 * over white) or opaque. */
#include <string.h>

#include "webrdp/session.h"

/* Bytes a row of `bits_per_row` takes in a mask: padded to a 16-bit boundary. */
static size_t mask_stride(size_t bits_per_row)
{
    return ((bits_per_row + 15) / 16) * 2;
}

/* The colour of XOR pixel x of a row, as R, G, B, A. */
static void xor_pixel(const uint8_t *row, unsigned bpp, size_t x, const uint8_t *palette, uint8_t px[4])
{
    px[3] = 0xFF;
    switch (bpp) {
    case 1: {
        uint8_t v = (row[x >> 3] >> (7 - (x & 7))) & 1 ? 0xFF : 0;
        px[0] = px[1] = px[2] = v;
        return;
    }
    case 4:
    case 8: {
        unsigned idx = bpp == 8 ? row[x] : (row[x >> 1] >> ((x & 1) ? 0 : 4)) & 0xF;
        if (palette) {
            px[0] = palette[idx * 3];
            px[1] = palette[idx * 3 + 1];
            px[2] = palette[idx * 3 + 2];
        } else {
            uint8_t g = bpp == 8 ? (uint8_t)idx : (uint8_t)(idx * 17);
            px[0] = px[1] = px[2] = g;
        }
        return;
    }
    case 15:
    case 16: {
        unsigned v = (unsigned)row[x * 2] | (unsigned)row[x * 2 + 1] << 8;
        unsigned r, g, b;
        if (bpp == 16) {
            r = (v >> 11) & 0x1F;
            g = (v >> 5) & 0x3F;
            b = v & 0x1F;
            px[1] = (uint8_t)(g << 2 | g >> 4);
        } else {
            r = (v >> 10) & 0x1F;
            g = (v >> 5) & 0x1F;
            b = v & 0x1F;
            px[1] = (uint8_t)(g << 3 | g >> 2);
        }
        px[0] = (uint8_t)(r << 3 | r >> 2);
        px[2] = (uint8_t)(b << 3 | b >> 2);
        return;
    }
    case 24:
        px[0] = row[x * 3 + 2];
        px[1] = row[x * 3 + 1];
        px[2] = row[x * 3];
        return;
    default: /* 32 */
        px[0] = row[x * 4 + 2];
        px[1] = row[x * 4 + 1];
        px[2] = row[x * 4];
        px[3] = row[x * 4 + 3];
        return;
    }
}

static int render(unsigned bpp, uint16_t w, uint16_t h, wrdp_bytes xor_mask, wrdp_bytes and_mask,
                  const uint8_t *palette, wrdp_pointer_style style, wrdp_pointer *out, wrdp_error *err)
{
    size_t xs = mask_stride((size_t)w * bpp), as = mask_stride(w);
    if (xor_mask.len < xs * h)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "pointer: XOR mask of %zu bytes, %ux%u at %u bpp needs %zu",
                              xor_mask.len, w, h, bpp, xs * h);
    /* a missing AND mask (length 0) means every pixel is opaque, as FreeRDP reads it */
    bool has_and = and_mask.len != 0;
    if (has_and && and_mask.len < as * h)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "pointer: AND mask of %zu bytes, %ux%u needs %zu",
                              and_mask.len, w, h, as * h);
    uint8_t *px = wrdp_alloc((size_t)w * h * 4);
    if (!px)
        return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "pointer: out of memory");
    /* IronRDP reads 1-bpp pointers top-down and all others bottom-up; the public
     * 1-bpp vector was made that way, so do as it does. */
    bool flip = bpp != 1;
    for (size_t y = 0; y < h; y++) {
        size_t src = flip ? h - 1 - y : y;
        const uint8_t *xr = xor_mask.data + src * xs;
        const uint8_t *ar = has_and ? and_mask.data + src * as : NULL;
        uint8_t *o = px + y * w * 4;
        for (size_t x = 0; x < w; x++, o += 4) {
            uint8_t c[4];
            xor_pixel(xr, bpp, x, palette, c);
            unsigned and_bit = ar ? (ar[x >> 3] >> (7 - (x & 7))) & 1 : 0;
            bool black = c[0] == 0 && c[1] == 0 && c[2] == 0 && c[3] == 0xFF;
            bool white = c[0] == 0xFF && c[1] == 0xFF && c[2] == 0xFF && c[3] == 0xFF;
            if (and_bit && black) {
                o[0] = o[1] = o[2] = o[3] = 0;
            } else if (and_bit && white) {
                if (style == WRDP_POINTER_STYLE_PREMULTIPLIED) {
                    o[0] = o[1] = o[2] = 0xFF;
                    o[3] = 0;
                } else {
                    uint8_t v = ((x + y) & 1) ? 0 : 0xFF;
                    o[0] = o[1] = o[2] = v;
                    o[3] = 0xFF;
                }
            } else if (style == WRDP_POINTER_STYLE_PREMULTIPLIED) {
                o[0] = (uint8_t)((c[0] * c[0]) >> 8);
                o[1] = (uint8_t)((c[1] * c[1]) >> 8);
                o[2] = (uint8_t)((c[2] * c[2]) >> 8);
                o[3] = c[3];
            } else {
                memcpy(o, c, 4);
            }
        }
    }
    out->data = px;
    return WRDP_OK;
}

void wrdp_pointer_clear(wrdp_pointer *p)
{
    if (!p)
        return;
    wrdp_free(p->data);
    memset(p, 0, sizeof *p);
}

int wrdp_pointer_decode(int kind, const uint8_t *data, size_t len, const uint8_t *palette, wrdp_pointer_style style,
                        wrdp_pointer *out, uint16_t *cache_index, wrdp_error *err)
{
    if (!out || (!data && len))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "pointer: no output");
    memset(out, 0, sizeof *out);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "pointer attribute", err);
    unsigned bpp = 24;
    if (kind == WRDP_POINTER_KIND_NEW || kind == WRDP_POINTER_KIND_LARGE)
        bpp = wrdp_rd_u16le(&c, "xorBpp");
    else if (kind != WRDP_POINTER_KIND_COLOR)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "pointer: unknown attribute kind %d", kind);
    uint16_t index = wrdp_rd_u16le(&c, "cacheIndex");
    uint16_t hx = wrdp_rd_u16le(&c, "hotSpot.xPos");
    uint16_t hy = wrdp_rd_u16le(&c, "hotSpot.yPos");
    uint16_t w = wrdp_rd_u16le(&c, "width");
    uint16_t h = wrdp_rd_u16le(&c, "height");
    uint32_t and_len, xor_len;
    if (kind == WRDP_POINTER_KIND_LARGE) {
        and_len = wrdp_rd_u32le(&c, "lengthAndMask");
        xor_len = wrdp_rd_u32le(&c, "lengthXorMask");
    } else {
        and_len = wrdp_rd_u16le(&c, "lengthAndMask");
        xor_len = wrdp_rd_u16le(&c, "lengthXorMask");
    }
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 15 && bpp != 16 && bpp != 24 && bpp != 32)
        return wrdp_cursor_fail(&c, "xorBpp", "%u bits per pixel", bpp);
    if (w > WRDP_POINTER_MAX_SIZE || h > WRDP_POINTER_MAX_SIZE)
        return wrdp_cursor_fail(&c, "width", "a %ux%u pointer (at most %ux%u)", w, h, WRDP_POINTER_MAX_SIZE,
                                WRDP_POINTER_MAX_SIZE);
    wrdp_bytes xor_mask, and_mask;
    wrdp_rd_bytes(&c, xor_len, &xor_mask, "xorMaskData");
    wrdp_rd_bytes(&c, and_len, &and_mask, "andMaskData");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    /* the 1-byte pad after the masks is optional in practice: trailing bytes are ignored */
    if (cache_index)
        *cache_index = index;
    out->hotspot_x = hx;
    out->hotspot_y = hy;
    if (w == 0 || h == 0)
        return WRDP_OK; /* an invisible pointer */
    if (render(bpp, w, h, xor_mask, and_mask, palette, style, out, err))
        return WRDP_ERR;
    out->width = w;
    out->height = h;
    /* a hotspot outside the image is clamped: a CSS cursor rejects it */
    if (out->hotspot_x >= w)
        out->hotspot_x = (uint16_t)(w - 1);
    if (out->hotspot_y >= h)
        out->hotspot_y = (uint16_t)(h - 1);
    return WRDP_OK;
}
