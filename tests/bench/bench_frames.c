/* See bench_frames.h. Contexts that a real session keeps (RemoteFX, NSCodec
 * scratch, the bulk histories) are made once, as a session would. */
#include "bench_frames.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_stream.h"
#include "webrdp/codecs/bitmap.h"
#include "webrdp/codecs/bulk.h"
#include "webrdp/codecs/nsc.h"
#include "webrdp/codecs/rfx.h"

#ifdef __EMSCRIPTEN__
#define BENCH_EXPORT __attribute__((visibility("default"), used))
#else
#define BENCH_EXPORT
#endif

struct wrdp_bench {
    bench_stream s;
    int bulk;
    wrdp_codec_decode_fn fn; /* raw, interleaved, planar */
    wrdp_rfx *rfx;
    wrdp_nsc *nsc;
    wrdp_bulk *bk;
    wrdp_image img;
    uint8_t *out; /* bulk output */
    size_t out_len, out_cap;
    wrdp_error err;
};

BENCH_EXPORT wrdp_bench *wrdp_bench_open(const uint8_t *data, size_t len)
{
    wrdp_bench *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    wrdp_error_clear(&b->err);
    if (bench_stream_header(data, len, &b->s) < 0)
        goto fail;
    b->s.records = calloc(b->s.count ? b->s.count : 1, sizeof *b->s.records);
    if (!b->s.records || bench_stream_records(data, len, &b->s) < 0)
        goto fail;
    b->bulk = bench_is_bulk(b->s.codec);
    if (b->bulk) {
        uint32_t type = !strcmp(b->s.codec, "mppc8k")    ? 0
                        : !strcmp(b->s.codec, "mppc64k") ? 1
                        : !strcmp(b->s.codec, "ncrush")  ? 2
                                                         : 3;
        b->bk = wrdp_bulk_new(type, &b->err);
        for (uint32_t i = 0; i < b->s.count; i++)
            b->out_cap += b->s.records[i].h;
        b->out = malloc(b->out_cap ? b->out_cap : 1);
        if (!b->bk || !b->out)
            goto fail;
        return b;
    }
    if (!strcmp(b->s.codec, "rfx")) {
        if (!(b->rfx = wrdp_rfx_new()))
            goto fail;
    } else if (!strcmp(b->s.codec, "nsc")) {
        if (!(b->nsc = wrdp_nsc_new()))
            goto fail;
    } else if (!(b->fn = wrdp_bitmap_codec_find(b->s.codec))) {
        goto fail;
    }
    if (wrdp_image_init(&b->img, b->s.width, b->s.height, &b->err) != WRDP_OK)
        goto fail;
    return b;
fail:
    wrdp_bench_close(b);
    return NULL;
}

BENCH_EXPORT int wrdp_bench_decode(wrdp_bench *b, int keep)
{
    wrdp_error_clear(&b->err);
    if (b->bulk) {
        wrdp_bulk_reset(b->bk);
        b->out_len = 0;
        for (uint32_t i = 0; i < b->s.count; i++) {
            const bench_record *r = &b->s.records[i];
            const uint8_t *out;
            size_t n;
            if (wrdp_bulk_decompress(b->bk, r->data, r->len, (uint8_t)r->w, &out, &n, &b->err) != WRDP_OK)
                return -1;
            if (keep) {
                if (n > b->out_cap - b->out_len)
                    return -1;
                memcpy(b->out + b->out_len, out, n);
            }
            b->out_len += n;
        }
        return 0;
    }
    for (uint32_t i = 0; i < b->s.count; i++) {
        const bench_record *r = &b->s.records[i];
        int rc;
        if (b->rfx) {
            rc = wrdp_rfx_decode(b->rfx, r->data, r->len, &b->img, r->x, r->y, &b->err);
        } else {
            wrdp_codec_input in = {r->data, r->len, r->w, r->h, b->s.bpp, b->s.flags, NULL};
            rc = b->nsc ? wrdp_nsc_decode_with(b->nsc, &in, &b->img, r->x, r->y, &b->err)
                        : b->fn(&in, &b->img, r->x, r->y, &b->err);
        }
        if (rc != WRDP_OK)
            return -1;
    }
    return 0;
}

BENCH_EXPORT const uint8_t *wrdp_bench_output(const wrdp_bench *b) { return b->bulk ? b->out : b->img.data; }

BENCH_EXPORT size_t wrdp_bench_output_len(const wrdp_bench *b)
{
    return b->bulk ? b->out_len : b->img.stride * b->img.height;
}

BENCH_EXPORT double wrdp_bench_units(const wrdp_bench *b)
{
    if (!b->bulk)
        return (double)b->s.width * (double)b->s.height;
    double n = 0;
    for (uint32_t i = 0; i < b->s.count; i++)
        n += b->s.records[i].h;
    return n;
}

BENCH_EXPORT const char *wrdp_bench_error(const wrdp_bench *b) { return b->err.message; }

BENCH_EXPORT void wrdp_bench_close(wrdp_bench *b)
{
    if (!b)
        return;
    free(b->s.records);
    wrdp_rfx_free(b->rfx);
    wrdp_nsc_free(b->nsc);
    wrdp_bulk_free(b->bk);
    if (b->img.data)
        wrdp_image_free(&b->img);
    free(b->out);
    free(b);
}
