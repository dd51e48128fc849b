/* The benchmark's bitstream files (build/bench/streams/NAME.wrbs), written by
 * make_streams.c and read by every engine (bench_frames.c natively and in
 * wasm, freerdp_bench.c):
 *
 *   "WRBS" | codec name (16 bytes, NUL-padded) | frame width u16 | height u16
 *   | bpp u8 | decode flags u32 (WRDP_BITMAP_TOP_DOWN...) | record count u32
 *   then per record: x u16 | y u16 | w u16 | h u16 | len u32 | data[len]
 *
 * All little-endian. Picture codecs: one record a bitmap (a 64x64 tile for
 * interleaved and planar, the whole frame for rfx and nsc), painted at (x, y).
 * Bulk codecs (mppc8k, mppc64k, ncrush, xcrush): one record a packet, w = the
 * compression flags byte, h = the packet's decompressed length; every engine
 * decodes the packets in order through one fresh context. */
#ifndef WRDP_BENCH_STREAM_H
#define WRDP_BENCH_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BENCH_HEADER_LEN 33u
#define BENCH_RECORD_HEADER_LEN 12u

typedef struct bench_record {
    uint16_t x, y, w, h;
    uint32_t len;
    const uint8_t *data;
} bench_record;

typedef struct bench_stream {
    char codec[17];
    uint16_t width, height;
    uint8_t bpp;
    uint32_t flags;
    uint32_t count;
    bench_record *records; /* filled by bench_stream_parse into caller memory */
} bench_stream;

static inline uint16_t bench_u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t bench_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads the header; returns the record count or -1. */
static inline long bench_stream_header(const uint8_t *p, size_t len, bench_stream *s)
{
    if (len < BENCH_HEADER_LEN || memcmp(p, "WRBS", 4) != 0)
        return -1;
    memcpy(s->codec, p + 4, 16);
    s->codec[16] = 0;
    s->width = bench_u16(p + 20);
    s->height = bench_u16(p + 22);
    s->bpp = p[24];
    s->flags = bench_u32(p + 25);
    s->count = bench_u32(p + 29);
    return s->count;
}

/* Fills s->records (room for s->count); 0 or -1 when a record runs past the end. */
static inline int bench_stream_records(const uint8_t *p, size_t len, bench_stream *s)
{
    size_t pos = BENCH_HEADER_LEN;
    for (uint32_t i = 0; i < s->count; i++) {
        if (len - pos < BENCH_RECORD_HEADER_LEN)
            return -1;
        bench_record *r = &s->records[i];
        r->x = bench_u16(p + pos), r->y = bench_u16(p + pos + 2);
        r->w = bench_u16(p + pos + 4), r->h = bench_u16(p + pos + 6);
        r->len = bench_u32(p + pos + 8);
        pos += BENCH_RECORD_HEADER_LEN;
        if (len - pos < r->len)
            return -1;
        r->data = p + pos;
        pos += r->len;
    }
    return 0;
}

static inline int bench_is_bulk(const char *codec)
{
    return !strcmp(codec, "mppc8k") || !strcmp(codec, "mppc64k") || !strcmp(codec, "ncrush") ||
           !strcmp(codec, "xcrush");
}

#endif
