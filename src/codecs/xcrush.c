/* webrdp — XCRUSH bulk decompression (RDP 6.1 bulk compression, MS-RDPEGDI
 * 3.1.8.2 and 2.2.2.4.1): an RDP61_COMPRESSED_DATA packet is
 *
 *   Level1ComprFlags (1 byte) | Level2ComprFlags (1 byte) | payload
 *
 * where the payload, when Level2ComprFlags has PACKET_COMPRESSED, is first
 * decompressed by a chained MPPC 64K decompressor, and the result is the
 * level-1 data: either raw literals (L1_NO_COMPRESSION) or
 *
 *   MatchCount (u16) | MatchCount x { MatchLength u16, MatchOutputOffset u16,
 *   MatchHistoryOffset u32 } | literals
 *
 * whose matches copy from absolute offsets of a 2,000,000-byte history. All
 * output is appended to that history. */
#include <stdlib.h>
#include <string.h>

#include "codecs/bulk_internal.h"

struct wrdp_xcrush {
    uint8_t *hist;
    uint32_t pos;
    wrdp_mppc l2;
};

wrdp_xcrush *wrdp_xcrush_new(wrdp_error *err)
{
    wrdp_xcrush *x = calloc(1, sizeof *x);
    if (!x) goto oom;
    x->hist = calloc(1, WRDP_XCRUSH_HISTORY);
    if (!x->hist) goto oom;
    if (wrdp_mppc_init(&x->l2, 1, err) < 0) {
        free(x->hist);
        free(x);
        return NULL;
    }
    return x;
oom:
    if (x) free(x);
    wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "xcrush: history of %u bytes", WRDP_XCRUSH_HISTORY);
    return NULL;
}

void wrdp_xcrush_free(wrdp_xcrush *x)
{
    if (!x) return;
    wrdp_mppc_free(&x->l2);
    free(x->hist);
    free(x);
}

void wrdp_xcrush_reset(wrdp_xcrush *x)
{
    memset(x->hist, 0, WRDP_XCRUSH_HISTORY);
    x->pos = 0;
    wrdp_mppc_reset(&x->l2);
}

static inline uint32_t rd16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}
static inline uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Level 1: `data` is the level-2 output; offsets in errors are relative to it
 * and shifted by `base` (2 when it is the packet itself after the flags). */
static int level1(wrdp_xcrush *x, const uint8_t *data, size_t len, uint8_t l1, size_t base, const uint8_t **out,
                  size_t *out_len, wrdp_error *err)
{
    uint8_t *const hist = x->hist;
    const uint32_t size = WRDP_XCRUSH_HISTORY;
    if (l1 & WRDP_L1_PACKET_AT_FRONT) {
        memset(hist, 0, size);
        x->pos = 0;
    }
    uint32_t pos = x->pos;
    const uint32_t start = pos;
    const uint8_t *lit, *lit_end = data + len;

    if (l1 & WRDP_L1_NO_COMPRESSION) {
        lit = data;
    } else if (l1 & WRDP_L1_COMPRESSED) {
        if (len < 2) return wrdp_bulk_fail(err, base, "xcrush: level-1 data of %zu bytes has no MatchCount", len);
        uint32_t count = rd16(data);
        if ((size_t)count * 8 > len - 2)
            return wrdp_bulk_fail(err, base, "xcrush: %u matches need %u bytes, level-1 data has %zu", count,
                                  count * 8 + 2, len);
        const uint8_t *m = data + 2;
        lit = m + (size_t)count * 8;
        uint32_t outoff = 0;
        for (uint32_t i = 0; i < count; i++, m += 8) {
            uint32_t mlen = rd16(m), mout = rd16(m + 2), mhist = rd32(m + 4);
            size_t at = base + (size_t)(m - data);
            if (mout < outoff)
                return wrdp_bulk_fail(err, at, "xcrush: match %u output offset %u is before %u", i, mout, outoff);
            uint32_t gap = mout - outoff;
            if ((size_t)(lit_end - lit) < gap)
                return wrdp_bulk_fail(err, at, "xcrush: match %u needs %u literals, %zu left", i, gap,
                                      (size_t)(lit_end - lit));
            if (gap > size - pos || mlen > size - pos - gap)
                return wrdp_bulk_fail(err, at, "xcrush: match %u overruns the history", i);
            wrdp_copy_bytes(hist + pos, lit, gap);
            lit += gap;
            pos += gap;
            if (mhist >= pos || mlen > size - mhist)
                return wrdp_bulk_fail(err, at, "xcrush: match %u history offset %u (length %u) at output %u", i,
                                      mhist, mlen, pos);
            wrdp_lz_copy(hist, pos, mhist, mlen);
            pos += mlen;
            outoff = mout + mlen;
        }
    } else {
        return wrdp_bulk_fail(err, 0, "xcrush: Level1ComprFlags 0x%02x has neither L1_COMPRESSED nor "
                                      "L1_NO_COMPRESSION", l1);
    }
    size_t rest = (size_t)(lit_end - lit);
    if (rest > size - pos)
        return wrdp_bulk_fail(err, base + (size_t)(lit - data), "xcrush: %zu literals overrun the history", rest);
    memcpy(hist + pos, lit, rest);
    pos += (uint32_t)rest;
    *out = hist + start;
    *out_len = pos - start;
    x->pos = pos;
    return WRDP_OK;
}

int wrdp_xcrush_decompress(wrdp_xcrush *x, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                           size_t *out_len, wrdp_error *err)
{
    if (flags & WRDP_PACKET_FLUSHED) wrdp_xcrush_reset(x);
    if (!(flags & WRDP_PACKET_COMPRESSED)) {
        *out = in;
        *out_len = len;
        return WRDP_OK;
    }
    if (len < 2) return wrdp_bulk_fail(err, 0, "xcrush: %zu-byte packet has no level-1/level-2 flags", len);
    uint8_t l1 = in[0], l2 = in[1];
    if (!(l2 & WRDP_PACKET_COMPRESSED)) return level1(x, in + 2, len - 2, l1, 2, out, out_len, err);
    if ((l2 & WRDP_PACKET_COMPR_TYPE_MASK) != WRDP_PACKET_COMPR_TYPE_64K)
        return wrdp_bulk_fail(err, 1, "xcrush: level-2 compression type %u is not MPPC 64K",
                              l2 & WRDP_PACKET_COMPR_TYPE_MASK);
    const uint8_t *mid;
    size_t mid_len;
    if (wrdp_mppc_decompress(&x->l2, in + 2, len - 2, l2, &mid, &mid_len, err) < 0) {
        if (err) err->offset += 2;
        return WRDP_ERR;
    }
    /* errors inside the level-2 output have no input position: report byte 2 */
    wrdp_error sub;
    wrdp_error_clear(&sub);
    if (level1(x, mid, mid_len, l1, 0, out, out_len, err ? &sub : NULL) < 0) {
        return wrdp_bulk_fail(err, 2, "%s (in the level-2 output)", sub.message);
    }
    return WRDP_OK;
}
