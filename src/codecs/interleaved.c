/* Interleaved RLE: the RDP 4.0-6.0 bitmap compression (MS-RDPBCGR
 * 2.2.9.1.1.3.1.2.4, decoder in 3.1.9) at 8, 15, 16 and 24 bpp.
 *
 * The orders write pixels left to right, rows bottom-up, and refer to the row
 * before (foreground runs XOR it). We keep just two rows of pixel values in
 * the bitstream's own format (a palette index at 8 bpp, where XOR does not
 * commute with the palette) and convert each completed row into dst, clipped.
 * The decoding loop is instantiated per pixel size (1, 2, 3 bytes). Where
 * the specification leaves room, we do what FreeRDP does: whether an order
 * is "on the first line" is decided when the order starts. */
#include <stdlib.h>

#include "bitmap_internal.h"

enum {
    REGULAR_BG_RUN = 0x0,
    REGULAR_FG_RUN = 0x1,
    REGULAR_FGBG_IMAGE = 0x2,
    REGULAR_COLOR_RUN = 0x3,
    REGULAR_COLOR_IMAGE = 0x4,
    LITE_SET_FG_FG_RUN = 0xC,
    LITE_SET_FG_FGBG_IMAGE = 0xD,
    LITE_DITHERED_RUN = 0xE,
    MEGA_MEGA_BG_RUN = 0xF0,
    MEGA_MEGA_FG_RUN = 0xF1,
    MEGA_MEGA_FGBG_IMAGE = 0xF2,
    MEGA_MEGA_COLOR_RUN = 0xF3,
    MEGA_MEGA_COLOR_IMAGE = 0xF4,
    MEGA_MEGA_SET_FG_RUN = 0xF6,
    MEGA_MEGA_SET_FGBG_IMAGE = 0xF7,
    MEGA_MEGA_DITHERED_RUN = 0xF8,
    SPECIAL_FGBG_1 = 0xF9,
    SPECIAL_FGBG_2 = 0xFA,
    SPECIAL_WHITE = 0xFD,
    SPECIAL_BLACK = 0xFE,
};

/* Rows up to this width decode in a buffer on the stack (2 rows of 4-byte values). */
#define ILV_STACK_WIDTH 512u

typedef struct ilv {
    const uint8_t *src, *start, *end;
    uint32_t *cur, *prev; /* the row being written and the one before it */
    uint32_t w, x, row;
    uint64_t left;        /* pixels still to write */
    unsigned bpp;
    wrdp_bm_clip clip;
    const uint32_t *pal;
    wrdp_error *err;
} ilv;

static void ilv_flush(ilv *s)
{
    uint8_t *o = wrdp_bm_row(&s->clip, s->row);
    if (o) {
        const uint32_t *c = s->cur + s->clip.x0;
        const uint32_t n = s->clip.x1 - s->clip.x0;
        switch (s->bpp) {
        case 8:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, s->pal[c[i] & 0xFF]);
            break;
        case 15:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, wrdp_bm_rgba15(c[i]));
            break;
        case 16:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, wrdp_bm_rgba16(c[i]));
            break;
        default:
            for (uint32_t i = 0; i < n; i++)
                wrdp_bm_put(o + 4 * i, wrdp_bm_rgba24(c[i]));
            break;
        }
    }
    uint32_t *t = s->cur;
    s->cur = s->prev;
    s->prev = t;
    s->x = 0;
    s->row++;
}

WRDP_BM_INLINE uint32_t ilv_px(const uint8_t *p, const unsigned B)
{
    if (B == 1)
        return p[0];
    if (B == 2)
        return (uint32_t)p[0] | (uint32_t)p[1] << 8;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

WRDP_BM_INLINE void ilv_put(ilv *s, uint32_t v)
{
    s->cur[s->x++] = v;
    if (s->x == s->w)
        ilv_flush(s);
}

/* Runs: fill with v (mode 0), copy the row before (mode 1), row before ^ v (mode 2). */
WRDP_BM_INLINE void ilv_run(ilv *s, uint32_t n, uint32_t v, const int mode)
{
    while (n) {
        uint32_t k = s->w - s->x;
        if (k > n)
            k = n;
        uint32_t *d = s->cur + s->x;
        const uint32_t *p = s->prev + s->x;
        if (mode == 0)
            for (uint32_t i = 0; i < k; i++)
                d[i] = v;
        else if (mode == 1)
            memcpy(d, p, (size_t)k * sizeof *d);
        else
            for (uint32_t i = 0; i < k; i++)
                d[i] = p[i] ^ v;
        s->x += k;
        n -= k;
        if (s->x == s->w)
            ilv_flush(s);
    }
}

WRDP_BM_INLINE void ilv_image(ilv *s, uint32_t n, const unsigned B)
{
    const uint8_t *p = s->src;
    while (n) {
        uint32_t k = s->w - s->x;
        if (k > n)
            k = n;
        uint32_t *d = s->cur + s->x;
        for (uint32_t i = 0; i < k; i++, p += B)
            d[i] = ilv_px(p, B);
        s->x += k;
        n -= k;
        if (s->x == s->w)
            ilv_flush(s);
    }
    s->src = p;
}

/* n <= 8 pixels of a foreground/background image from one bitmask byte. */
WRDP_BM_INLINE void ilv_fgbg(ilv *s, uint32_t mask, uint32_t n, uint32_t fg, int first)
{
    for (uint32_t i = 0; i < n; i++, mask >>= 1) {
        uint32_t v;
        if (first)
            v = (mask & 1) ? fg : 0;
        else
            v = s->prev[s->x] ^ ((mask & 1) ? fg : 0);
        ilv_put(s, v);
    }
}

#define NEED(n, what)                                                                                   \
    do {                                                                                                \
        if ((size_t)(s->end - s->src) < (size_t)(n))                                                    \
            return wrdp_bm_fail(s->err, (size_t)(s->src - s->start), "interleaved: truncated %s", what); \
    } while (0)

#define PIXELS(n)                                                                                          \
    do {                                                                                                   \
        if ((uint64_t)(n) > s->left)                                                                       \
            return wrdp_bm_fail(s->err, (size_t)(hdr - s->start),                                          \
                                "interleaved: order 0x%02x writes %llu pixels, %llu left", code,           \
                                (unsigned long long)(n), (unsigned long long)s->left);                     \
        s->left -= (n);                                                                                    \
    } while (0)

WRDP_BM_INLINE int ilv_decode(ilv *s, const unsigned B)
{
    const uint32_t white = B == 1 ? 0xFF : B == 3 ? 0xFFFFFF : s->bpp == 15 ? 0x7FFF : 0xFFFF;
    uint32_t fg = white;
    int insert_fg = 0, first = 1;

    while (s->src < s->end) {
        const uint8_t *hdr = s->src;
        if (first && s->row > 0) {
            first = 0;
            insert_fg = 0;
        }
        const uint32_t h0 = *s->src++;
        uint32_t code, n = 0;
        if ((h0 & 0xC0) != 0xC0)
            code = h0 >> 5;
        else if ((h0 & 0xF0) == 0xF0)
            code = h0;
        else
            code = h0 >> 4;

        switch (code) {
        case REGULAR_FGBG_IMAGE:
        case LITE_SET_FG_FGBG_IMAGE:
            n = h0 & (code == REGULAR_FGBG_IMAGE ? 0x1F : 0x0F);
            if (n == 0) {
                NEED(1, "run length");
                n = (uint32_t)*s->src++ + 1;
            } else {
                n *= 8;
            }
            break;
        case REGULAR_BG_RUN:
        case REGULAR_FG_RUN:
        case REGULAR_COLOR_RUN:
        case REGULAR_COLOR_IMAGE:
            n = h0 & 0x1F;
            if (n == 0) {
                NEED(1, "run length");
                n = (uint32_t)*s->src++ + 32;
            }
            break;
        case LITE_SET_FG_FG_RUN:
        case LITE_DITHERED_RUN:
            n = h0 & 0x0F;
            if (n == 0) {
                NEED(1, "run length");
                n = (uint32_t)*s->src++ + 16;
            }
            break;
        case MEGA_MEGA_BG_RUN:
        case MEGA_MEGA_FG_RUN:
        case MEGA_MEGA_SET_FG_RUN:
        case MEGA_MEGA_DITHERED_RUN:
        case MEGA_MEGA_COLOR_RUN:
        case MEGA_MEGA_FGBG_IMAGE:
        case MEGA_MEGA_SET_FGBG_IMAGE:
        case MEGA_MEGA_COLOR_IMAGE:
            NEED(2, "run length");
            n = (uint32_t)s->src[0] | (uint32_t)s->src[1] << 8;
            s->src += 2;
            break;
        case SPECIAL_FGBG_1:
        case SPECIAL_FGBG_2:
            n = 8;
            break;
        case SPECIAL_WHITE:
        case SPECIAL_BLACK:
            n = 1;
            break;
        default:
            return wrdp_bm_fail(s->err, (size_t)(hdr - s->start), "interleaved: unknown order 0x%02x", h0);
        }

        if (code == REGULAR_BG_RUN || code == MEGA_MEGA_BG_RUN) {
            /* A background run right after another one starts with a foreground pel. */
            if (insert_fg && n == 0)
                return wrdp_bm_fail(s->err, (size_t)(hdr - s->start), "interleaved: empty background run");
            PIXELS(n);
            if (insert_fg) {
                ilv_put(s, first ? fg : s->prev[s->x] ^ fg);
                n--;
            }
            if (first)
                ilv_run(s, n, 0, 0);
            else
                ilv_run(s, n, 0, 1);
            insert_fg = 1;
            continue;
        }
        insert_fg = 0;

        switch (code) {
        case LITE_SET_FG_FG_RUN:
        case MEGA_MEGA_SET_FG_RUN:
            NEED(B, "foreground pel");
            fg = ilv_px(s->src, B);
            s->src += B;
            /* fall through */
        case REGULAR_FG_RUN:
        case MEGA_MEGA_FG_RUN:
            PIXELS(n);
            if (first)
                ilv_run(s, n, fg, 0);
            else
                ilv_run(s, n, fg, 2);
            break;
        case LITE_DITHERED_RUN:
        case MEGA_MEGA_DITHERED_RUN: {
            NEED(2 * B, "dithered pels");
            const uint32_t a = ilv_px(s->src, B), b = ilv_px(s->src + B, B);
            s->src += 2 * B;
            PIXELS(2 * (uint64_t)n);
            for (uint32_t i = 0; i < n; i++) {
                ilv_put(s, a);
                ilv_put(s, b);
            }
            break;
        }
        case REGULAR_COLOR_RUN:
        case MEGA_MEGA_COLOR_RUN: {
            NEED(B, "colour pel");
            const uint32_t v = ilv_px(s->src, B);
            s->src += B;
            PIXELS(n);
            ilv_run(s, n, v, 0);
            break;
        }
        case LITE_SET_FG_FGBG_IMAGE:
        case MEGA_MEGA_SET_FGBG_IMAGE:
            NEED(B, "foreground pel");
            fg = ilv_px(s->src, B);
            s->src += B;
            /* fall through */
        case REGULAR_FGBG_IMAGE:
        case MEGA_MEGA_FGBG_IMAGE:
            NEED((n + 7) / 8, "bitmask");
            PIXELS(n);
            while (n) {
                const uint32_t k = n > 8 ? 8 : n;
                ilv_fgbg(s, *s->src++, k, fg, first);
                n -= k;
            }
            break;
        case REGULAR_COLOR_IMAGE:
        case MEGA_MEGA_COLOR_IMAGE:
            NEED((size_t)n * B, "colour pels");
            PIXELS(n);
            ilv_image(s, n, B);
            break;
        case SPECIAL_FGBG_1:
        case SPECIAL_FGBG_2:
            PIXELS(8);
            ilv_fgbg(s, code == SPECIAL_FGBG_1 ? 0x03 : 0x05, 8, fg, first);
            break;
        case SPECIAL_WHITE:
            PIXELS(1);
            ilv_put(s, white);
            break;
        default: /* SPECIAL_BLACK */
            PIXELS(1);
            ilv_put(s, 0);
            break;
        }
    }
    if (s->left)
        return wrdp_bm_fail(s->err, (size_t)(s->src - s->start), "interleaved: stream ends %llu pixels short",
                            (unsigned long long)s->left);
    return WRDP_OK;
}

static int ilv_decode1(ilv *s) { return ilv_decode(s, 1); }
static int ilv_decode2(ilv *s) { return ilv_decode(s, 2); }
static int ilv_decode3(ilv *s) { return ilv_decode(s, 3); }

int wrdp_interleaved_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err)
{
    if (wrdp_bm_check_args("interleaved", in, dst, err) != WRDP_OK)
        return WRDP_ERR;
    if (in->bpp != 8 && in->bpp != 15 && in->bpp != 16 && in->bpp != 24)
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "interleaved: %u bpp", in->bpp);

    uint32_t stack_rows[2 * ILV_STACK_WIDTH];
    uint32_t *rows = stack_rows;
    if (in->width > ILV_STACK_WIDTH) {
        rows = wrdp_calloc(2 * (size_t)in->width, sizeof *rows);
        if (!rows)
            return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "interleaved: no memory for %u-pixel rows",
                                  in->width);
    }
    uint32_t pal[256];
    ilv s;
    s.src = s.start = in->data;
    s.end = in->data + in->len;
    s.cur = rows;
    s.prev = rows + in->width;
    s.w = in->width;
    s.x = 0;
    s.row = 0;
    s.left = (uint64_t)in->width * in->height;
    s.bpp = in->bpp;
    s.pal = pal;
    s.err = err;
    wrdp_bm_clip_init(&s.clip, dst, x, y, in->width, in->height, in->flags);
    if (in->bpp == 8)
        wrdp_bm_palette(in, pal);

    int rc = in->bpp == 8 ? ilv_decode1(&s) : in->bpp == 24 ? ilv_decode3(&s) : ilv_decode2(&s);
    if (rows != stack_rows)
        wrdp_free(rows);
    return rc;
}
