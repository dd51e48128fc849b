/* Clipboard images: CF_DIB / CF_DIBV5 (device-independent bitmaps, 24 and 32
 * bpp, BI_RGB and BI_BITFIELDS, bottom-up or top-down) <-> RGBA <-> PNG. */
#include <string.h>

#include "webrdp/clipboard.h"

#define BI_RGB 0
#define BI_BITFIELDS 3
#define BI_ALPHABITFIELDS 6

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A colour channel described by a bit mask, scaled to 8 bits. */
typedef struct channel {
    uint32_t mask;
    unsigned shift;
    uint32_t max;
} channel;

static void channel_init(channel *ch, uint32_t mask)
{
    ch->mask = mask;
    ch->shift = 0;
    ch->max = 0;
    if (!mask)
        return;
    while (!(mask >> ch->shift & 1))
        ch->shift++;
    ch->max = mask >> ch->shift;
}

static uint8_t channel_get(const channel *ch, uint32_t px, uint8_t absent)
{
    if (!ch->mask)
        return absent;
    uint64_t v = (px & ch->mask) >> ch->shift;
    return (uint8_t)((v * 255 + ch->max / 2) / ch->max);
}

int wrdp_clip_dib_to_image(const uint8_t *src, size_t len, wrdp_image *img, wrdp_error *err)
{
    memset(img, 0, sizeof *img);
    if (len < 40)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "DIB: %zu bytes, shorter than BITMAPINFOHEADER", len);
    uint32_t hdr = le32(src);
    int32_t w = (int32_t)le32(src + 4), h = (int32_t)le32(src + 8);
    uint16_t bpp = (uint16_t)(src[14] | src[15] << 8);
    uint32_t compression = le32(src + 16);
    uint32_t clr_used = le32(src + 32);
    if (hdr < 40 || hdr > len)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "DIB: header size %u in %zu bytes", hdr, len);
    if (w <= 0 || h == 0 || h == INT32_MIN)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "DIB: size %dx%d", w, h);
    bool top_down = h < 0;
    uint32_t height = (uint32_t)(top_down ? -h : h), width = (uint32_t)w;
    if (bpp != 24 && bpp != 32)
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "DIB: %u bits per pixel (24 and 32 only)", bpp);
    if (compression != BI_RGB && !(bpp == 32 && (compression == BI_BITFIELDS || compression == BI_ALPHABITFIELDS)))
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "DIB: compression %u at %u bpp", compression, bpp);

    size_t off = hdr;
    channel r, g, b, a;
    bool bitfields = compression != BI_RGB;
    if (bitfields) {
        uint32_t masks[4] = {0, 0, 0, 0};
        if (hdr >= 52) { /* BITMAPV2+ carry the masks inside the header */
            for (int i = 0; i < 3; i++)
                masks[i] = le32(src + 40 + i * 4);
            if (hdr >= 56)
                masks[3] = le32(src + 52);
        } else {
            size_t n = compression == BI_ALPHABITFIELDS ? 4 : 3;
            if (len - off < n * 4)
                return wrdp_error_set(err, WRDP_ERROR_DECODE, "DIB: colour masks past the end");
            for (size_t i = 0; i < n; i++)
                masks[i] = le32(src + off + i * 4);
            off += n * 4;
        }
        channel_init(&r, masks[0]);
        channel_init(&g, masks[1]);
        channel_init(&b, masks[2]);
        channel_init(&a, masks[3]);
    }
    if (clr_used > 256 || (size_t)clr_used * 4 > len - off)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "DIB: colour table of %u entries past the end", clr_used);
    off += (size_t)clr_used * 4;

    if (wrdp_image_init(img, width, height, err) != WRDP_OK)
        return WRDP_ERR;
    size_t stride = ((size_t)width * bpp + 31) / 32 * 4;
    if (stride * height > len - off) {
        wrdp_image_free(img);
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "DIB: %ux%u at %u bpp needs %zu bytes, %zu left", width, height,
                              bpp, stride * height, len - off);
    }
    const uint8_t *bits = src + off;
    bool any_alpha = false;
    for (uint32_t y = 0; y < height; y++) {
        const uint8_t *s = bits + (size_t)(top_down ? y : height - 1 - y) * stride;
        uint8_t *d = img->data + (size_t)y * img->stride;
        for (uint32_t x = 0; x < width; x++, d += 4) {
            if (bpp == 24) {
                d[0] = s[x * 3 + 2];
                d[1] = s[x * 3 + 1];
                d[2] = s[x * 3];
                d[3] = 255;
            } else if (!bitfields) {
                d[0] = s[x * 4 + 2];
                d[1] = s[x * 4 + 1];
                d[2] = s[x * 4];
                d[3] = s[x * 4 + 3];
                any_alpha |= d[3] != 0;
            } else {
                uint32_t px = le32(s + x * 4);
                d[0] = channel_get(&r, px, 0);
                d[1] = channel_get(&g, px, 0);
                d[2] = channel_get(&b, px, 0);
                d[3] = channel_get(&a, px, 255);
            }
        }
    }
    /* 32-bpp BI_RGB leaves the fourth byte "reserved": most writers leave it 0,
     * which means opaque, not invisible */
    if (bpp == 32 && !bitfields && !any_alpha)
        for (uint32_t y = 0; y < height; y++)
            for (uint32_t x = 0; x < width; x++)
                img->data[(size_t)y * img->stride + (size_t)x * 4 + 3] = 255;
    return WRDP_OK;
}

static void write_info_header(wrdp_writer *out, uint32_t size, const wrdp_image *img, uint16_t bpp,
                              uint32_t compression, size_t image_size)
{
    wrdp_wr_u32le(out, size);
    wrdp_wr_u32le(out, img->width);
    wrdp_wr_u32le(out, img->height); /* positive: bottom-up, what every reader handles */
    wrdp_wr_u16le(out, 1);
    wrdp_wr_u16le(out, bpp);
    wrdp_wr_u32le(out, compression);
    wrdp_wr_u32le(out, (uint32_t)image_size);
    wrdp_wr_u32le(out, 0);
    wrdp_wr_u32le(out, 0);
    wrdp_wr_u32le(out, 0);
    wrdp_wr_u32le(out, 0);
}

int wrdp_clip_image_to_dib(const wrdp_image *img, bool v5, wrdp_writer *out)
{
    if (!img->data || !img->width || !img->height || img->width > 0x7fffffff || img->height > 0x7fffffff)
        return wrdp_writer_fail(out, "DIB: empty image");
    size_t stride = (size_t)img->width * 4;
    size_t size = stride * img->height;
    if (size > UINT32_MAX)
        return wrdp_writer_fail(out, "DIB: %ux%u too large", img->width, img->height);
    if (v5) {
        /* BI_RGB with the masks filled in, as IronRDP writes it (byte-exact with its
         * vector): readers that honour the masks and readers that do not see the
         * same BGRA words */
        write_info_header(out, 124, img, 32, BI_RGB, size);
        wrdp_wr_u32le(out, 0x00FF0000); /* red */
        wrdp_wr_u32le(out, 0x0000FF00);
        wrdp_wr_u32le(out, 0x000000FF);
        wrdp_wr_u32le(out, 0xFF000000); /* alpha */
        wrdp_wr_u32le(out, 0x73524742); /* LCS_sRGB */
        wrdp_wr_fill(out, 0, 36 + 12);  /* endpoints, gamma: unused with sRGB */
        wrdp_wr_u32le(out, 4);          /* LCS_GM_IMAGES */
        wrdp_wr_fill(out, 0, 12);       /* profile data, profile size, reserved */
    } else {
        write_info_header(out, 40, img, 32, BI_RGB, size);
    }
    uint8_t *p = wrdp_wr_reserve(out, size);
    if (!p)
        return WRDP_ERR;
    for (uint32_t y = 0; y < img->height; y++) {
        const uint8_t *s = img->data + (size_t)(img->height - 1 - y) * img->stride;
        for (uint32_t x = 0; x < img->width; x++, s += 4, p += 4) {
            p[0] = s[2];
            p[1] = s[1];
            p[2] = s[0];
            p[3] = s[3];
        }
    }
    return WRDP_OK;
}

int wrdp_clip_image_to_dib24(const wrdp_image *img, wrdp_writer *out)
{
    if (!img->data || !img->width || !img->height || img->width > 0x7fffffff || img->height > 0x7fffffff)
        return wrdp_writer_fail(out, "DIB: empty image");
    size_t stride = ((size_t)img->width * 24 + 31) / 32 * 4;
    size_t size = stride * img->height;
    if (size > UINT32_MAX)
        return wrdp_writer_fail(out, "DIB: %ux%u too large", img->width, img->height);
    write_info_header(out, 40, img, 24, BI_RGB, size);
    uint8_t *p = wrdp_wr_reserve(out, size);
    if (!p)
        return WRDP_ERR;
    memset(p, 0, size);
    for (uint32_t y = 0; y < img->height; y++) {
        const uint8_t *s = img->data + (size_t)(img->height - 1 - y) * img->stride;
        uint8_t *d = p + (size_t)y * stride;
        for (uint32_t x = 0; x < img->width; x++, s += 4, d += 3) {
            d[0] = s[2];
            d[1] = s[1];
            d[2] = s[0];
        }
    }
    return WRDP_OK;
}

int wrdp_clip_dib_to_png(const uint8_t *src, size_t len, wrdp_writer *out, wrdp_error *err)
{
    wrdp_image img;
    if (wrdp_clip_dib_to_image(src, len, &img, err) != WRDP_OK)
        return WRDP_ERR;
    int rc = wrdp_png_encode(&img, NULL, out, err);
    wrdp_image_free(&img);
    return rc;
}

int wrdp_clip_png_to_dib(const uint8_t *src, size_t len, bool v5, wrdp_writer *out, wrdp_error *err)
{
    wrdp_image img;
    if (wrdp_png_decode(src, len, &img, err) != WRDP_OK)
        return WRDP_ERR;
    int rc = wrdp_clip_image_to_dib(&img, v5, out);
    if (rc != WRDP_OK && err && out->err != err)
        wrdp_error_set(err, WRDP_ERROR_ENCODE, "DIB: cannot write a %ux%u bitmap", img.width, img.height);
    wrdp_image_free(&img);
    return rc;
}
