/* Planar: the RDP 6.0 bitmap compression (MS-RDPEGDI 2.2.2.5.1, decoder in
 * 3.1.9). A FormatHeader byte (colour loss level, chroma subsampling, RLE,
 * no alpha), then the planes: alpha (unless NA), luma or red, orange chroma
 * or green, green chroma or blue; raw (width*height bytes each, chroma planes
 * halved when subsampled, then a pad byte) or RLE (each scanline a series of
 * control bytes, scanlines after the first delta-coded against the one before).
 *
 * We decode one scanline of every plane at a time into a row buffer per plane
 * (RLE deltas apply in place), combine them into RGBA (AYCoCg -> RGB with the
 * colour loss shift, chroma super-sampling) and write the row into dst,
 * clipped. RLE plane boundaries are found first by a pass that also checks
 * every scanline; rows outside dst are decoded (deltas chain) but not
 * combined, and the alpha plane is not decoded when it is not written. */
#include "bitmap_internal.h"

#define FH_CLL_MASK 0x07u
#define FH_CS 0x08u
#define FH_RLE 0x10u
#define FH_NA 0x20u

/* Planes up to this width decode in row buffers on the stack (8 KB); wider ones allocate. */
#define PLANAR_STACK_WIDTH 2048u

typedef struct plane {
    const uint8_t *p, *end; /* RLE: the plane's remaining bytes; raw: the plane */
    uint32_t w;
    uint8_t *row;            /* RLE: the current scanline */
    int first;
    const char *name;
} plane;

/* Walks an RLE plane of w x h, checking every scanline fills exactly w
 * values; returns its size in bytes or 0 on error. */
static size_t rle_plane_size(const uint8_t *p, size_t len, uint32_t w, uint32_t h, size_t *bad)
{
    size_t used = 0;
    for (uint32_t r = 0; r < h; r++) {
        uint32_t x = 0;
        while (x < w) {
            if (used >= len) {
                *bad = used;
                return 0;
            }
            const uint32_t c = p[used++];
            uint32_t run = c & 0x0F, raw = c >> 4;
            if (run == 1) {
                run = raw + 16;
                raw = 0;
            } else if (run == 2) {
                run = raw + 32;
                raw = 0;
            }
            used += raw;
            x += raw + run;
            if (x > w || used > len) {
                *bad = used - raw - 1;
                return 0;
            }
        }
    }
    return used;
}

/* Decodes the next scanline of an RLE plane into pl->row (checked again:
 * cheap per segment, and it keeps this function safe on its own). */
static int rle_row(plane *pl)
{
    const uint8_t *p = pl->p, *end = pl->end;
    uint8_t *row = pl->row;
    const uint32_t w = pl->w;
    uint32_t x = 0;
    int v = 0;
    while (x < w) {
        if (p >= end)
            return WRDP_ERR;
        const uint32_t c = *p++;
        uint32_t run = c & 0x0F, raw = c >> 4;
        if (run == 1) {
            run = raw + 16;
            raw = 0;
        } else if (run == 2) {
            run = raw + 32;
            raw = 0;
        }
        if ((size_t)(end - p) < raw || raw + run > w - x)
            return WRDP_ERR;
        if (pl->first) {
            for (uint32_t i = 0; i < raw; i++)
                row[x + i] = p[i];
            if (raw)
                v = p[raw - 1];
            p += raw;
            x += raw;
            memset(row + x, v, run);
            x += run;
        } else {
            for (uint32_t i = 0; i < raw; i++) {
                const uint32_t d = p[i];
                v = (d & 1) ? -(int)((d >> 1) + 1) : (int)(d >> 1);
                row[x + i] = (uint8_t)(row[x + i] + v);
            }
            p += raw;
            x += raw;
            for (uint32_t i = 0; i < run; i++)
                row[x + i] = (uint8_t)(row[x + i] + v);
            x += run;
        }
    }
    pl->p = p;
    pl->first = 0;
    return WRDP_OK;
}

static inline uint8_t clamp255(int v) { return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v); }

/* One output row: RGB planes. */
static void put_rgb(uint8_t *o, const uint8_t *r, const uint8_t *g, const uint8_t *b, const uint8_t *a, uint32_t n)
{
    if (a) {
        for (uint32_t i = 0; i < n; i++, o += 4) {
            o[0] = r[i];
            o[1] = g[i];
            o[2] = b[i];
            o[3] = a[i];
        }
    } else {
        for (uint32_t i = 0; i < n; i++, o += 4) {
            o[0] = r[i];
            o[1] = g[i];
            o[2] = b[i];
            o[3] = 0xFF;
        }
    }
}

/* One output row: YCoCg planes, chroma at full (ss == 0) or half width from column x0. */
static void put_ycocg(uint8_t *o, const uint8_t *yp, const uint8_t *co, const uint8_t *cg, const uint8_t *a,
                      uint32_t x0, uint32_t n, unsigned shift, int ss)
{
    for (uint32_t i = 0; i < n; i++, o += 4) {
        const uint32_t cx = ss ? (x0 + i) >> 1 : x0 + i;
        const int Y = yp[x0 + i];
        const int Co = (int8_t)(uint8_t)(co[cx] << shift);
        const int Cg = (int8_t)(uint8_t)(cg[cx] << shift);
        const int t = Y - Cg;
        o[0] = clamp255(t - Co);
        o[1] = clamp255(Y + Cg);
        o[2] = clamp255(t + Co);
        o[3] = a ? a[x0 + i] : 0xFF;
    }
}

int wrdp_planar_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err)
{
    if (wrdp_bm_check_args("planar", in, dst, err) != WRDP_OK)
        return WRDP_ERR;
    if (in->len < 1)
        return wrdp_bm_fail(err, 0, "planar: no FormatHeader");
    const uint8_t fh = in->data[0];
    const unsigned cll = fh & FH_CLL_MASK;
    const int cs = (fh & FH_CS) != 0, rle = (fh & FH_RLE) != 0, has_alpha = !(fh & FH_NA);
    if (cs && !cll)
        return wrdp_bm_fail(err, 0, "planar: chroma subsampling without YCoCg (FormatHeader 0x%02x)", fh);

    const uint32_t w = in->width, h = in->height;
    const uint32_t cw = cs ? (w + 1) / 2 : w, ch = cs ? (h + 1) / 2 : h;
    const int want_alpha = has_alpha && (in->flags & WRDP_BITMAP_KEEP_ALPHA);
    const char *names[4] = {"alpha plane", cll ? "luma plane" : "red plane", cll ? "orange chroma plane" : "green plane",
                            cll ? "green chroma plane" : "blue plane"};
    plane pl[4]; /* alpha, luma/red, co/green, cg/blue */
    const uint8_t *p = in->data + 1, *end = in->data + in->len;
    for (int i = 0; i < 4; i++) {
        pl[i].w = (i == 2 || i == 3) ? cw : w;
        pl[i].first = 1;
        pl[i].name = names[i];
        pl[i].p = pl[i].end = NULL;
        pl[i].row = NULL;
    }
    for (int i = has_alpha ? 0 : 1; i < 4; i++) {
        const uint32_t ph = (i == 2 || i == 3) ? ch : h;
        size_t size;
        if (rle) {
            size_t bad = 0;
            size = rle_plane_size(p, (size_t)(end - p), pl[i].w, ph, &bad);
            if (!size)
                return wrdp_bm_fail(err, (size_t)(p - in->data) + bad, "planar: %s: RLE scanline %s", names[i],
                                    (size_t)(p - in->data) + bad >= in->len ? "truncated" : "overruns its width");
        } else {
            size = (size_t)pl[i].w * ph;
            if ((size_t)(end - p) < size)
                return wrdp_bm_fail(err, in->len, "planar: %s: %zu bytes, raw plane needs %zu", names[i],
                                    (size_t)(end - p), size);
        }
        pl[i].p = p;
        pl[i].end = p + size;
        p += size;
    }

    uint8_t stack_rows[4 * PLANAR_STACK_WIDTH];
    uint8_t *rows = stack_rows;
    if (rle) {
        if (w > PLANAR_STACK_WIDTH) {
            rows = wrdp_alloc(4 * (size_t)w);
            if (!rows)
                return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "planar: no memory for %u-pixel rows", w);
        }
        for (int i = 0; i < 4; i++)
            pl[i].row = rows + (size_t)i * w;
    }

    wrdp_bm_clip clip;
    wrdp_bm_clip_init(&clip, dst, x, y, w, h, in->flags);
    const uint32_t x0 = clip.x0, n = clip.x1 - clip.x0;
    int rc = WRDP_OK;
    const uint8_t *cur[4] = {NULL, NULL, NULL, NULL};
    for (uint32_t r = 0; r < h; r++) {
        const int chroma_row = !cs || (r & 1) == 0; /* a new chroma scanline starts */
        for (int i = has_alpha ? 0 : 1; i < 4; i++) {
            const int is_chroma = i == 2 || i == 3;
            if (i == 0 && !want_alpha)
                continue;
            if (is_chroma && !chroma_row)
                continue;
            if (rle) {
                if (rle_row(&pl[i]) != WRDP_OK) {
                    rc = wrdp_bm_fail(err, (size_t)(pl[i].p - in->data), "planar: %s: bad RLE scanline %u",
                                      pl[i].name, r);
                    goto out;
                }
                cur[i] = pl[i].row;
            } else {
                cur[i] = pl[i].p + (size_t)(is_chroma && cs ? r >> 1 : r) * pl[i].w;
            }
        }
        uint8_t *o = wrdp_bm_row(&clip, r);
        if (!o)
            continue;
        const uint8_t *a = want_alpha ? cur[0] : NULL;
        if (!cll)
            put_rgb(o, cur[1] + x0, cur[2] + x0, cur[3] + x0, a ? a + x0 : NULL, n);
        else
            put_ycocg(o, cur[1], cur[2], cur[3], a, x0, n, cll - 1, cs);
    }
out:
    if (rows != stack_rows)
        wrdp_free(rows);
    return rc;
}
