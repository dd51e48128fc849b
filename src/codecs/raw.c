/* Uncompressed bitmaps (MS-RDPBCGR 2.2.9.1.1.3.1.2.2 TS_BITMAP_DATA without
 * BITMAP_COMPRESSION): 8 (palette), 15, 16, 24, 32 bpp, rows bottom-up and
 * padded to 4 bytes; or top-down with WRDP_BITMAP_TOP_DOWN. */
#include "bitmap_internal.h"

int wrdp_raw_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err)
{
    if (wrdp_bm_check_args("raw", in, dst, err) != WRDP_OK)
        return WRDP_ERR;
    const uint32_t w = in->width, h = in->height;
    uint32_t bytes_pp;
    switch (in->bpp) {
    case 8: bytes_pp = 1; break;
    case 15:
    case 16: bytes_pp = 2; break;
    case 24: bytes_pp = 3; break;
    case 32: bytes_pp = 4; break;
    default: return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "raw: %u bpp", in->bpp);
    }
    const size_t tight = (size_t)w * bytes_pp;
    size_t stride = (tight + 3) & ~(size_t)3;
    if (in->len < stride * h) {
        /* FreeRDP reads unpadded rows, and servers that pad nothing exist: take an input of
         * exactly that size as unpadded (only differs when tight is not a multiple of 4). */
        if (in->len >= tight * h)
            stride = tight;
        else
            return wrdp_bm_fail(err, in->len, "raw: %zu bytes for a %ux%u bitmap at %u bpp need %zu", in->len, w,
                                h, in->bpp, stride * h);
    }

    wrdp_bm_clip clip;
    wrdp_bm_clip_init(&clip, dst, x, y, w, h, in->flags);
    const uint32_t x0 = clip.x0, n = clip.x1 - clip.x0;
    uint32_t pal[256];
    if (in->bpp == 8)
        wrdp_bm_palette(in, pal);
    const uint32_t amask = (in->flags & WRDP_BITMAP_KEEP_ALPHA) ? 0 : 0xFFu;

    for (uint32_t r = 0; r < h; r++) {
        uint8_t *o = wrdp_bm_row(&clip, r);
        if (!o)
            continue;
        const uint8_t *s = in->data + (size_t)r * stride + (size_t)x0 * bytes_pp;
        switch (in->bpp) {
        case 8:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, pal[s[i]]);
            break;
        case 15:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, wrdp_bm_rgba15((uint32_t)s[2 * i] | (uint32_t)s[2 * i + 1] << 8));
            break;
        case 16:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, wrdp_bm_rgba16((uint32_t)s[2 * i] | (uint32_t)s[2 * i + 1] << 8));
            break;
        case 24:
            for (uint32_t i = 0; i < n; i++, s += 3, o += 4) {
                o[0] = s[2];
                o[1] = s[1];
                o[2] = s[0];
                o[3] = 0xFF;
            }
            break;
        default:
            for (uint32_t i = 0; i < n; i++, s += 4, o += 4) {
                o[0] = s[2];
                o[1] = s[1];
                o[2] = s[0];
                o[3] = (uint8_t)(s[3] | amask);
            }
            break;
        }
    }
    return WRDP_OK;
}

wrdp_codec_decode_fn wrdp_bitmap_codec_find(const char *name)
{
    if (!name)
        return NULL;
    if (strcmp(name, "raw") == 0)
        return wrdp_raw_decode;
    if (strcmp(name, "interleaved") == 0)
        return wrdp_interleaved_decode;
    if (strcmp(name, "planar") == 0)
        return wrdp_planar_decode;
    return NULL;
}
