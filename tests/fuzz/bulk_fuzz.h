/* Shared body of the bulk decompression fuzz targets (fuzz_codec_mppc.c,
 * fuzz_codec_ncrush.c, fuzz_codec_xcrush.c): the input is a run of packets
 *
 *   flags (1 byte) | length (u16 LE) | data (length bytes, or what is left)
 *
 * decoded in order through one fresh context, with the compression flags taken
 * from the input and the type bits forced to the target's (MPPC: bit 0 picks
 * 8K or 64K). Every output byte is read (ASan checks it is inside memory we
 * own), an output never exceeds the history, and a decode error must be a
 * WRDP_ERROR_DECODE with a message. */
#ifndef WRDP_FUZZ_BULK_H
#define WRDP_FUZZ_BULK_H

#include <stdlib.h>
#include <string.h>

#include "webrdp/codecs/bulk.h"

static volatile uint8_t bulk_fuzz_sink;

static int bulk_fuzz_run(const uint8_t *data, size_t size, uint8_t type_mask, uint8_t type_fixed)
{
    wrdp_error err;
    wrdp_bulk *b = wrdp_bulk_new(type_fixed, &err);
    if (!b) abort();
    size_t i = 0;
    while (i < size) {
        uint8_t flags = data[i++];
        size_t len = 0;
        if (i + 2 <= size) {
            len = (size_t)data[i] | (size_t)data[i + 1] << 8;
            i += 2;
        } else {
            i = size;
        }
        if (len > size - i) len = size - i;
        /* an exact-size copy, so that reading past the packet is caught */
        uint8_t *pkt = malloc(len ? len : 1);
        if (!pkt) abort();
        memcpy(pkt, data + i, len);
        i += len;
        flags = (uint8_t)((flags & (0xE0 | type_mask)) | type_fixed);
        const uint8_t *out = NULL;
        size_t out_len = 0;
        wrdp_error_clear(&err);
        if (wrdp_bulk_decompress(b, pkt, len, flags, &out, &out_len, &err) == 0) {
            if (out_len > WRDP_XCRUSH_HISTORY) abort();
            uint8_t x = 0;
            for (size_t k = 0; k < out_len; k++) x ^= out[k];
            bulk_fuzz_sink = x;
        } else if (err.kind != WRDP_ERROR_DECODE || !err.message[0]) {
            abort();
        }
        free(pkt);
    }
    wrdp_bulk_free(b);
    return 0;
}

#endif
