/* webrdp — bulk decompression dispatch (MS-RDPBCGR 3.1.8): one context a
 * direction, holding a decompressor per compression type (allocated on first
 * use: a server may send a lower type than negotiated). */
#include <stdlib.h>

#include "codecs/bulk_internal.h"
#include "webrdp/codecs/bulk.h"

struct wrdp_bulk {
    wrdp_mppc mppc[2]; /* [0] 8K, [1] 64K; hist NULL until used */
    wrdp_ncrush *ncrush;
    wrdp_xcrush *xcrush;
};

static int ensure(wrdp_bulk *b, uint32_t type, wrdp_error *err)
{
    switch (type) {
    case WRDP_PACKET_COMPR_TYPE_8K:
    case WRDP_PACKET_COMPR_TYPE_64K:
        if (!b->mppc[type].hist) return wrdp_mppc_init(&b->mppc[type], (int)type, err);
        return WRDP_OK;
    case WRDP_PACKET_COMPR_TYPE_RDP6:
        if (!b->ncrush && !(b->ncrush = wrdp_ncrush_new(err))) return WRDP_ERR;
        return WRDP_OK;
    case WRDP_PACKET_COMPR_TYPE_RDP61:
        if (!b->xcrush && !(b->xcrush = wrdp_xcrush_new(err))) return WRDP_ERR;
        return WRDP_OK;
    default:
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "bulk: unknown compression type %u", type);
    }
}

wrdp_bulk *wrdp_bulk_new(uint32_t compression_type, wrdp_error *err)
{
    if (compression_type > WRDP_PACKET_COMPR_TYPE_RDP61) {
        wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "bulk: compression type %u (0..3)", compression_type);
        return NULL;
    }
    wrdp_bulk *b = calloc(1, sizeof *b);
    if (!b) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "bulk: context");
        return NULL;
    }
    if (ensure(b, compression_type, err) < 0) {
        wrdp_bulk_free(b);
        return NULL;
    }
    return b;
}

void wrdp_bulk_free(wrdp_bulk *b)
{
    if (!b) return;
    wrdp_mppc_free(&b->mppc[0]);
    wrdp_mppc_free(&b->mppc[1]);
    wrdp_ncrush_free(b->ncrush);
    wrdp_xcrush_free(b->xcrush);
    free(b);
}

void wrdp_bulk_reset(wrdp_bulk *b)
{
    for (int i = 0; i < 2; i++)
        if (b->mppc[i].hist) wrdp_mppc_reset(&b->mppc[i]);
    if (b->ncrush) wrdp_ncrush_reset(b->ncrush);
    if (b->xcrush) wrdp_xcrush_reset(b->xcrush);
}

int wrdp_bulk_decompress(wrdp_bulk *b, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                         size_t *out_len, wrdp_error *err)
{
    if (!b || !out || !out_len || (!in && len))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "bulk: NULL context, input or output");
    *out = in;
    *out_len = 0;
    if (!in) in = (const uint8_t *)"";
    if (!(flags & (WRDP_PACKET_COMPRESSED | WRDP_PACKET_AT_FRONT | WRDP_PACKET_FLUSHED))) {
        /* not compressed and no history change: the type bits mean nothing */
        *out = in;
        *out_len = len;
        return WRDP_OK;
    }
    uint32_t type = flags & WRDP_PACKET_COMPR_TYPE_MASK;
    if (ensure(b, type, err) < 0) return WRDP_ERR;
    switch (type) {
    case WRDP_PACKET_COMPR_TYPE_8K:
    case WRDP_PACKET_COMPR_TYPE_64K:
        return wrdp_mppc_decompress(&b->mppc[type], in, len, flags, out, out_len, err);
    case WRDP_PACKET_COMPR_TYPE_RDP6:
        return wrdp_ncrush_decompress(b->ncrush, in, len, flags, out, out_len, err);
    default:
        return wrdp_xcrush_decompress(b->xcrush, in, len, flags, out, out_len, err);
    }
}

int wrdp_bulk_decompress_stream(wrdp_bulk *b, const uint8_t *in, size_t len, size_t *total_out, wrdp_error *err)
{
    size_t i = 0, total = 0;
    if (total_out) *total_out = 0;
    if (!in && len) return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "bulk: NULL stream");
    while (i < len) {
        if (len - i < 5) return wrdp_bulk_fail(err, i, "bulk: stream record header cut at byte %zu", i);
        uint8_t flags = in[i];
        size_t n = (size_t)in[i + 1] | (size_t)in[i + 2] << 8 | (size_t)in[i + 3] << 16 | (size_t)in[i + 4] << 24;
        if (n > len - i - 5)
            return wrdp_bulk_fail(err, i, "bulk: stream record of %zu bytes at byte %zu runs past the end", n, i);
        const uint8_t *out;
        size_t out_len;
        if (wrdp_bulk_decompress(b, in + i + 5, n, flags, &out, &out_len, err) < 0) {
            if (err) err->offset += i + 5;
            return WRDP_ERR;
        }
        total += out_len;
        i += 5 + n;
    }
    if (total_out) *total_out = total;
    return WRDP_OK;
}
