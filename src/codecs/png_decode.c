/* PNG reader (RFC 2083 / ISO 15948) for what a clipboard carries: 8-bit
 * grey, grey+alpha, RGB, RGBA and palette images, not interlaced. Every
 * chunk's CRC is checked, sizes are capped (wrdp_image_init's side limit and
 * an exact inflated length), and IDAT chunks are inflated as they come, so
 * nothing is buffered beyond the filtered scanlines. */
#include <string.h>
#include <zlib.h>

#include "webrdp/codecs/png.h"

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint8_t paeth(uint8_t a, uint8_t b, uint8_t c)
{
    int p = (int)a + b - c;
    int pa = p > a ? p - a : a - p;
    int pb = p > b ? p - b : b - p;
    int pc = p > c ? p - c : c - p;
    if (pa <= pb && pa <= pc)
        return a;
    return pb <= pc ? b : c;
}

/* Reverses the filter of one scanline in place; prev is the previous unfiltered line (or zeros). */
static int unfilter(uint8_t type, uint8_t *line, const uint8_t *prev, size_t n, size_t bpp)
{
    switch (type) {
    case 0:
        return WRDP_OK;
    case 1:
        for (size_t i = bpp; i < n; i++)
            line[i] = (uint8_t)(line[i] + line[i - bpp]);
        return WRDP_OK;
    case 2:
        for (size_t i = 0; i < n; i++)
            line[i] = (uint8_t)(line[i] + prev[i]);
        return WRDP_OK;
    case 3:
        for (size_t i = 0; i < n; i++)
            line[i] = (uint8_t)(line[i] + (((i >= bpp ? line[i - bpp] : 0) + prev[i]) >> 1));
        return WRDP_OK;
    case 4:
        for (size_t i = 0; i < n; i++)
            line[i] = (uint8_t)(line[i] + paeth(i >= bpp ? line[i - bpp] : 0, prev[i], i >= bpp ? prev[i - bpp] : 0));
        return WRDP_OK;
    default:
        return WRDP_ERR;
    }
}

int wrdp_png_decode(const uint8_t *data, size_t len, wrdp_image *img, wrdp_error *err)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    memset(img, 0, sizeof *img);
    if (len < 8 || memcmp(data, sig, 8) != 0)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "png: no PNG signature");

    uint32_t width = 0, height = 0;
    uint8_t colour = 0, channels = 0;
    bool have_ihdr = false, done = false, idat_seen = false, idat_ended = false;
    uint8_t palette[256 * 4];
    size_t palette_len = 0;
    bool have_key = false;
    uint16_t key[3] = {0, 0, 0};
    memset(palette, 0xff, sizeof palette);

    uint8_t *raw = NULL; /* filtered scanlines: height * (1 + row) */
    size_t raw_len = 0, row = 0;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    bool z_open = false;
    int rc = WRDP_ERR;
    size_t pos = 8;

    while (!done) {
        if (len - pos < 12) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "png: truncated chunk at %zu", pos);
            goto out;
        }
        uint32_t clen = be32(data + pos);
        const uint8_t *type = data + pos + 4;
        if (clen > 0x7fffffffu || clen > len - pos - 12) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "png: chunk length %u past the end at %zu", clen, pos);
            goto out;
        }
        const uint8_t *body = data + pos + 8;
        uLong crc = crc32(crc32(0L, Z_NULL, 0), type, (uInt)(clen + 4));
        if ((uint32_t)crc != be32(body + clen)) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "png: bad CRC in chunk %.4s at %zu", (const char *)type, pos);
            goto out;
        }
        pos += 12 + (size_t)clen;
        if (!have_ihdr && memcmp(type, "IHDR", 4) != 0) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "png: first chunk is not IHDR");
            goto out;
        }
        if (memcmp(type, "IHDR", 4) == 0) {
            if (have_ihdr || clen != 13) {
                wrdp_error_set(err, WRDP_ERROR_DECODE, "png: bad or repeated IHDR");
                goto out;
            }
            width = be32(body);
            height = be32(body + 4);
            uint8_t depth = body[8];
            colour = body[9];
            if (depth != 8 || body[10] != 0 || body[11] != 0 || body[12] != 0) {
                wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED,
                               "png: bit depth %u, compression %u, filter %u, interlace %u (8-bit, not interlaced only)",
                               depth, body[10], body[11], body[12]);
                goto out;
            }
            switch (colour) {
            case 0: channels = 1; break;
            case 2: channels = 3; break;
            case 3: channels = 1; break;
            case 4: channels = 2; break;
            case 6: channels = 4; break;
            default:
                wrdp_error_set(err, WRDP_ERROR_DECODE, "png: colour type %u", colour);
                goto out;
            }
            if (wrdp_image_init(img, width, height, err) != WRDP_OK)
                goto out;
            row = (size_t)width * channels;
            raw_len = (row + 1) * height;
            raw = wrdp_alloc(raw_len);
            if (!raw) {
                wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "png: no memory for %ux%u", width, height);
                goto out;
            }
            memset(&zs, 0, sizeof zs);
            if (inflateInit(&zs) != Z_OK) {
                wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "png: inflateInit failed");
                goto out;
            }
            z_open = true;
            zs.next_out = raw;
            zs.avail_out = (uInt)raw_len;
            have_ihdr = true;
        } else if (memcmp(type, "PLTE", 4) == 0) {
            if (clen % 3 != 0 || clen / 3 > 256 || clen == 0 || idat_seen) {
                wrdp_error_set(err, WRDP_ERROR_DECODE, "png: bad PLTE of %u bytes", clen);
                goto out;
            }
            palette_len = clen / 3;
            for (size_t i = 0; i < palette_len; i++) {
                palette[i * 4] = body[i * 3];
                palette[i * 4 + 1] = body[i * 3 + 1];
                palette[i * 4 + 2] = body[i * 3 + 2];
            }
        } else if (memcmp(type, "tRNS", 4) == 0) {
            if (colour == 3) {
                for (size_t i = 0; i < clen && i < 256; i++)
                    palette[i * 4 + 3] = body[i];
            } else if (colour == 0 && clen >= 2) {
                have_key = true;
                key[0] = key[1] = key[2] = (uint16_t)(body[0] << 8 | body[1]);
            } else if (colour == 2 && clen >= 6) {
                have_key = true;
                for (int k = 0; k < 3; k++)
                    key[k] = (uint16_t)(body[k * 2] << 8 | body[k * 2 + 1]);
            }
        } else if (memcmp(type, "IDAT", 4) == 0) {
            if (idat_ended) {
                wrdp_error_set(err, WRDP_ERROR_DECODE, "png: IDAT after the zlib stream ended");
                goto out;
            }
            idat_seen = true;
            zs.next_in = (Bytef *)(uintptr_t)body;
            zs.avail_in = (uInt)clen;
            while (zs.avail_in > 0) {
                int z = inflate(&zs, Z_NO_FLUSH);
                if (z == Z_STREAM_END) {
                    idat_ended = true;
                    break;
                }
                if (z != Z_OK || zs.avail_out == 0) {
                    /* avail_out 0 with input left: more data than the image holds */
                    wrdp_error_set(err, WRDP_ERROR_DECODE, "png: bad image data (%s)",
                                   zs.avail_out == 0 ? "longer than the image" : (zs.msg ? zs.msg : "zlib"));
                    goto out;
                }
            }
        } else if (memcmp(type, "IEND", 4) == 0) {
            done = true;
        } else if (!(type[0] & 0x20)) {
            wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "png: unknown critical chunk %.4s", (const char *)type);
            goto out;
        }
    }
    if (!idat_ended || zs.avail_out != 0) {
        wrdp_error_set(err, WRDP_ERROR_DECODE, "png: image data ends early (%zu of %zu bytes)",
                       raw_len - zs.avail_out, raw_len);
        goto out;
    }
    if (colour == 3 && palette_len == 0) {
        wrdp_error_set(err, WRDP_ERROR_DECODE, "png: palette image without PLTE");
        goto out;
    }

    const uint8_t *prev = NULL;
    static const uint8_t zeros[4] = {0};
    for (uint32_t y = 0; y < height; y++) {
        uint8_t *line = raw + (size_t)y * (row + 1);
        uint8_t *px = line + 1;
        /* row 0 filters against a line of zeros: Up is then None, Paeth is Sub, Average halves the left byte */
        if (y == 0) {
            uint8_t ft = line[0];
            if (ft == 2) ft = 0;                  /* Up over zeros is None */
            else if (ft == 4) ft = 1;             /* Paeth over zeros is Sub */
            if (ft == 3) {
                for (size_t i = channels; i < row; i++)
                    px[i] = (uint8_t)(px[i] + (px[i - channels] >> 1));
            } else if (unfilter(ft, px, zeros, row, channels) != WRDP_OK) {
                wrdp_error_set(err, WRDP_ERROR_DECODE, "png: filter type %u on row 0", line[0]);
                goto out;
            }
        } else if (unfilter(line[0], px, prev, row, channels) != WRDP_OK) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "png: filter type %u on row %u", line[0], y);
            goto out;
        }
        prev = px;
        uint8_t *dst = img->data + (size_t)y * img->stride;
        for (uint32_t x = 0; x < width; x++, dst += 4) {
            const uint8_t *s = px + (size_t)x * channels;
            switch (colour) {
            case 0:
                dst[0] = dst[1] = dst[2] = s[0];
                dst[3] = have_key && s[0] == key[0] ? 0 : 255;
                break;
            case 4:
                dst[0] = dst[1] = dst[2] = s[0];
                dst[3] = s[1];
                break;
            case 2:
                dst[0] = s[0];
                dst[1] = s[1];
                dst[2] = s[2];
                dst[3] = have_key && s[0] == key[0] && s[1] == key[1] && s[2] == key[2] ? 0 : 255;
                break;
            case 6:
                memcpy(dst, s, 4);
                break;
            default: /* palette: an index past the palette is an error per the spec */
                if (s[0] >= palette_len) {
                    wrdp_error_set(err, WRDP_ERROR_DECODE, "png: palette index %u past %zu entries", s[0],
                                   palette_len);
                    goto out;
                }
                memcpy(dst, palette + (size_t)s[0] * 4, 4);
                break;
            }
        }
    }
    rc = WRDP_OK;
out:
    if (z_open)
        inflateEnd(&zs);
    wrdp_free(raw);
    if (rc != WRDP_OK)
        wrdp_image_free(img);
    return rc;
}
