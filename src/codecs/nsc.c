/* NSCodec (MS-RDPNSC): bitmap stream 2.2.1, RLE 3.1.8.1 (runs, literals, the
 * last four bytes raw), chroma super-sampling and colour-loss recovery, YCoCg
 * to RGB (3.1.8.2), as FreeRDP's decoder does it so that the pixels agree. */
#include <string.h>

#include "webrdp/codecs/nsc.h"

#define NSC_MAX_SIDE 8192u

struct wrdp_nsc {
    uint8_t *scratch; /* RLE-decoded planes */
    size_t cap;
};

wrdp_nsc *wrdp_nsc_new(void)
{
    return wrdp_calloc(1, sizeof(wrdp_nsc));
}

void wrdp_nsc_free(wrdp_nsc *nsc)
{
    if (!nsc)
        return;
    wrdp_free(nsc->scratch);
    wrdp_free(nsc);
}

static inline uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int fail(wrdp_error *err, size_t at, const char *what)
{
    if (err) {
        wrdp_error_set(err, WRDP_ERROR_DECODE, "nsc: %s (offset %zu)", what, at);
        err->offset = at;
    }
    return WRDP_ERR;
}

/* NSCodec RLE: a byte equal to the next one starts a run (length - 2 in a
 * byte, or 0xFF and a u32 length); otherwise it is a literal. The last four
 * output bytes are stored raw after the segments. */
static int rle_decode(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len, size_t base, wrdp_error *err)
{
    const uint8_t *p = in, *end = in + in_len;
    if (out_len < 4)
        return fail(err, base, "RLE plane shorter than its 4 raw end bytes");
    size_t left = out_len;
    while (left > 4) {
        if (p >= end)
            return fail(err, base + (size_t)(p - in), "RLE plane truncated");
        uint8_t v = *p++;
        if (left == 5 || p >= end || *p != v) {
            *out++ = v;
            left--;
            continue;
        }
        p++;
        if (p >= end)
            return fail(err, base + (size_t)(p - in), "RLE run length truncated");
        size_t run;
        if (*p < 0xFF) {
            run = (size_t)*p++ + 2;
        } else {
            p++;
            if (end - p < 4)
                return fail(err, base + (size_t)(p - in), "RLE long run length truncated");
            run = rd32(p);
            p += 4;
        }
        if (run > left - 4)
            return fail(err, base + (size_t)(p - in), "RLE run longer than the plane");
        memset(out, v, run);
        out += run;
        left -= run;
    }
    if (end - p < 4)
        return fail(err, base + (size_t)(p - in), "RLE plane without its 4 raw end bytes");
    memcpy(out, p, 4);
    return WRDP_OK;
}

static inline uint8_t clamp8(int v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

int wrdp_nsc_decode_with(wrdp_nsc *nsc, const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y,
                         wrdp_error *err)
{
    if (!nsc || !in || !dst || !dst->data || (!in->data && in->len))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "nsc: missing context, input or image");
    const uint32_t w = in->width, h = in->height;
    if (w == 0 || h == 0)
        return fail(err, 0, "empty bitmap");
    if (w > NSC_MAX_SIDE || h > NSC_MAX_SIDE)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "nsc: %ux%u exceeds %ux%u", w, h, NSC_MAX_SIDE, NSC_MAX_SIDE);
    if (in->len < 20)
        return fail(err, in->len, "bitmap stream header truncated");
    const uint8_t *d = in->data;
    uint32_t count[4];
    for (int i = 0; i < 4; i++)
        count[i] = rd32(d + 4 * i);
    const unsigned cll = d[16], css = d[17] != 0;
    if (cll < 1 || cll > 7)
        return fail(err, 16, "ColorLossLevel outside 1..7");

    const size_t rw = css ? ((size_t)w + 7) & ~(size_t)7 : w;
    size_t orig[4];
    orig[0] = rw * h;
    orig[1] = orig[2] = css ? (rw / 2) * (((size_t)h + 1) / 2) : (size_t)w * h;
    orig[3] = (size_t)w * h;

    /* where each plane is: in the input (raw), or in scratch (RLE or absent) */
    size_t need = 0, pos = 20;
    for (int i = 0; i < 4; i++) {
        if (count[i] > in->len - pos)
            return fail(err, 4 * (size_t)i, "plane byte count past the end of the stream");
        if (count[i] < orig[i])
            need += orig[i];
        pos += count[i];
    }
    if (need > nsc->cap) {
        uint8_t *s = wrdp_alloc(need);
        if (!s)
            return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "nsc: no memory for %zu bytes of planes", need);
        wrdp_free(nsc->scratch);
        nsc->scratch = s;
        nsc->cap = need;
    }
    const uint8_t *plane[4];
    uint8_t *s = nsc->scratch;
    pos = 20;
    for (int i = 0; i < 4; i++) {
        if (count[i] >= orig[i]) {
            plane[i] = d + pos;
        } else if (count[i] == 0) {
            memset(s, 0xFF, orig[i]);
            plane[i] = s;
            s += orig[i];
        } else {
            if (rle_decode(d + pos, count[i], s, orig[i], pos, err))
                return WRDP_ERR;
            plane[i] = s;
            s += orig[i];
        }
        pos += count[i];
    }

    /* the visible part of the bitmap */
    int64_t x0 = x < 0 ? -(int64_t)x : 0, y0 = y < 0 ? -(int64_t)y : 0;
    int64_t x1 = (int64_t)dst->width - x, y1 = (int64_t)dst->height - y;
    if (x1 > w) x1 = w;
    if (y1 > h) y1 = h;
    if (x0 >= x1 || y0 >= y1)
        return WRDP_OK;
    const unsigned shift = cll - 1;
    const size_t cw = css ? rw / 2 : w;
    for (int64_t r = y0; r < y1; r++) {
        const uint8_t *yp = plane[0] + (size_t)r * rw;
        const uint8_t *co = plane[1] + (size_t)(css ? r >> 1 : r) * cw;
        const uint8_t *cg = plane[2] + (size_t)(css ? r >> 1 : r) * cw;
        const uint8_t *ap = plane[3] + (size_t)r * w;
        uint8_t *o = dst->data + (size_t)(r + y) * dst->stride + (size_t)(x0 + x) * 4;
        for (int64_t c = x0; c < x1; c++, o += 4) {
            size_t ci = css ? (size_t)c >> 1 : (size_t)c;
            int yv = yp[c];
            int cov = (int8_t)(uint8_t)(co[ci] << shift);
            int cgv = (int8_t)(uint8_t)(cg[ci] << shift);
            o[0] = clamp8(yv + cov - cgv);
            o[1] = clamp8(yv + cgv);
            o[2] = clamp8(yv - cov - cgv);
            o[3] = ap[c];
        }
    }
    return WRDP_OK;
}

int wrdp_nsc_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err)
{
    wrdp_nsc *nsc = wrdp_nsc_new();
    if (!nsc)
        return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "nsc: no memory for a context");
    int rc = wrdp_nsc_decode_with(nsc, in, dst, x, y, err);
    wrdp_nsc_free(nsc);
    return rc;
}
