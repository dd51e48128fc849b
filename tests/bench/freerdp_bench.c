/* FreeRDP 2's decoders on the benchmark's streams (bench_main.h): the engine
 * webrdp is compared with. Contexts are made once, as a FreeRDP client keeps
 * them; RGBA32 out, the bitmap codecs at the record's place in the frame. */
#include "bench_main.h" /* first: it sets _POSIX_C_SOURCE */
#include <freerdp/codec/color.h>
#include <freerdp/codec/interleaved.h>
#include <freerdp/codec/mppc.h>
#include <freerdp/codec/ncrush.h>
#include <freerdp/codec/nsc.h>
#include <freerdp/codec/planar.h>
#include <freerdp/codec/rfx.h>
#include <freerdp/codec/xcrush.h>

#include "bench_stream.h"

#include <unistd.h>

typedef struct engine {
    bench_stream s;
    int bulk, type;
    BITMAP_INTERLEAVED_CONTEXT *ilv;
    BITMAP_PLANAR_CONTEXT *planar;
    RFX_CONTEXT *rfx;
    NSC_CONTEXT *nsc;
    void *bk;
    gdiPalette pal;
    uint8_t *frame, *out;
    size_t frame_len, out_len, out_cap;
} engine;

static int decode(engine *e, int keep)
{
    const uint32_t H = e->s.height, stride = e->s.width * 4u;
    if (e->bulk) { /* as new (flush = TRUE would wait for a PACKET_FLUSHED) */
        if (e->type <= 1)
            mppc_context_reset(e->bk, FALSE);
        else if (e->type == 2)
            ncrush_context_reset(e->bk, FALSE);
        else
            xcrush_context_reset(e->bk, FALSE);
        e->out_len = 0;
    }
    for (uint32_t i = 0; i < e->s.count; i++) {
        const bench_record *r = &e->s.records[i];
        BOOL ok;
        if (e->bulk) {
            BYTE *out = NULL;
            UINT32 n = 0;
            int rc = e->type <= 1 ? mppc_decompress(e->bk, (BYTE *)r->data, r->len, &out, &n, r->w)
                     : e->type == 2 ? ncrush_decompress(e->bk, (BYTE *)r->data, r->len, &out, &n, r->w)
                                    : xcrush_decompress(e->bk, (BYTE *)r->data, r->len, &out, &n, r->w);
            if (!(r->w & PACKET_COMPRESSED)) /* FreeRDP's bulk_decompress passes these through */
                out = (BYTE *)r->data, n = r->len, rc = 0;
            ok = rc >= 0;
            if (ok && keep) {
                if (n > e->out_cap - e->out_len)
                    return -1;
                memcpy(e->out + e->out_len, out, n);
            }
            e->out_len += n;
        } else if (e->ilv) {
            /* nDstWidth/nDstHeight: the size of the rectangle written (the bitmap's) */
            ok = interleaved_decompress(e->ilv, r->data, r->len, r->w, r->h, e->s.bpp, e->frame, PIXEL_FORMAT_RGBA32,
                                        stride, r->x, r->y, r->w, r->h, &e->pal);
        } else if (e->planar) {
            ok = planar_decompress(e->planar, r->data, r->len, r->w, r->h, e->frame, PIXEL_FORMAT_RGBA32, stride, r->x,
                                   r->y, r->w, r->h, (e->s.flags & 1) ? FALSE : TRUE);
        } else if (e->rfx) {
            ok = rfx_process_message(e->rfx, r->data, r->len, r->x, r->y, e->frame, PIXEL_FORMAT_RGBA32, stride, H,
                                     NULL);
        } else {
            ok = nsc_process_message(e->nsc, 32, r->w, r->h, r->data, r->len, e->frame, PIXEL_FORMAT_RGBA32, stride,
                                     r->x, r->y, r->w, r->h, FREERDP_FLIP_NONE);
        }
        if (!ok) {
            fprintf(stderr, "freerdp_bench: %s record %u failed\n", e->s.codec, i);
            return -1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    bench_args a;
    if (bench_parse(argc, argv, &a)) {
        fprintf(stderr, "usage: freerdp_bench <stream.wrbs> [--repeat N] [--out FILE]\n");
        return 2;
    }
    size_t len;
    uint8_t *data = bench_read(a.stream, &len);
    engine e;
    memset(&e, 0, sizeof e);
    if (!data || bench_stream_header(data, len, &e.s) < 0 ||
        !(e.s.records = calloc(e.s.count ? e.s.count : 1, sizeof *e.s.records)) ||
        bench_stream_records(data, len, &e.s) < 0) {
        fprintf(stderr, "freerdp_bench: cannot read %s\n", a.stream);
        return 1;
    }
    const char *c = e.s.codec;
    e.bulk = bench_is_bulk(c);
    double units = (double)e.s.width * e.s.height;
    if (e.bulk) {
        e.type = !strcmp(c, "mppc8k") ? 0 : !strcmp(c, "mppc64k") ? 1 : !strcmp(c, "ncrush") ? 2 : 3;
        e.bk = e.type <= 1 ? (void *)mppc_context_new((DWORD)e.type, FALSE)
               : e.type == 2 ? (void *)ncrush_context_new(FALSE)
                             : (void *)xcrush_context_new(FALSE);
        units = 0;
        for (uint32_t i = 0; i < e.s.count; i++)
            e.out_cap += e.s.records[i].h;
        units = (double)e.out_cap;
        e.out = malloc(e.out_cap ? e.out_cap : 1);
    } else {
        if (!strcmp(c, "interleaved"))
            e.ilv = bitmap_interleaved_context_new(FALSE);
        else if (!strcmp(c, "planar"))
            e.planar = freerdp_bitmap_planar_context_new(0, 64, 64);
        else if (!strcmp(c, "rfx")) {
            e.rfx = rfx_context_new(FALSE);
            rfx_context_set_pixel_format(e.rfx, PIXEL_FORMAT_RGBA32);
        } else if (!strcmp(c, "nsc"))
            e.nsc = nsc_context_new();
        else {
            fprintf(stderr, "freerdp_bench: no FreeRDP decoder for '%s'\n", c);
            return 1;
        }
        e.frame_len = (size_t)e.s.width * e.s.height * 4;
        e.frame = calloc(e.frame_len, 1);
    }
    if (decode(&e, 1))
        return 1;
    if (a.out && bench_write(a.out, e.bulk ? e.out : e.frame, e.bulk ? e.out_len : e.frame_len)) {
        fprintf(stderr, "freerdp_bench: cannot write %s\n", a.out);
        return 1;
    }
    double *times = calloc((size_t)a.repeat, sizeof *times);
    for (long r = 0; r < a.repeat; r++) {
        double t0 = bench_now_ms();
        if (decode(&e, 0))
            return 1;
        times[r] = bench_now_ms() - t0;
    }
    bench_report("freerdp", c, times, a.repeat, units, e.bulk);
    /* libfreerdp2's exit handlers crash in OPENSSL_cleanup after planar use: skip them */
    fflush(stdout);
    _exit(0);
}
