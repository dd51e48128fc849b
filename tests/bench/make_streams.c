/* Writes the benchmark's bitstreams (bench_stream.h) with FreeRDP 2's own
 * encoders from a synthetic desktop: a gradient wallpaper, a taskbar, icons,
 * a text window, a photo-like window with noise.
 *   make_streams <outdir> [WxH ...]     (default 1024x768 1920x1080)
 * Per size: interleaved (16 bpp) and planar (RLE, no alpha) as 64x64 tiles,
 * as servers send bitmap updates; RemoteFX (RLGR3) and NSCodec (colour loss 3,
 * chroma subsampling) as one message for the frame; MPPC 8K/64K, NCRUSH and
 * XCRUSH (level 1 made here, see below) over the frame's BGRX bytes in 8000- (8K) or 16000-byte packets, as
 * uncompressed bitmap updates would be (XCRUSH: the first 2 MB, see bulk());
 * <name>.ref keeps the bulk originals, desktop-WxH.bgra the frame. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freerdp/codec/color.h>
#include <freerdp/codec/interleaved.h>
#include <freerdp/codec/mppc.h>
#include <freerdp/codec/ncrush.h>
#include <freerdp/codec/nsc.h>
#include <freerdp/codec/planar.h>
#include <freerdp/codec/rfx.h>
#include <winpr/stream.h>

#include "bench_stream.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static void put(uint8_t *f, uint32_t w, uint32_t x, uint32_t y, uint8_t r, uint8_t g, uint8_t b)
{
    uint8_t *q = f + ((size_t)y * w + x) * 4;
    q[0] = b, q[1] = g, q[2] = r, q[3] = 0xff;
}

static void fill(uint8_t *f, uint32_t w, uint32_t h, uint32_t x0, uint32_t y0, uint32_t rw, uint32_t rh, uint8_t r,
                 uint8_t g, uint8_t b)
{
    for (uint32_t y = y0; y < y0 + rh && y < h; y++)
        for (uint32_t x = x0; x < x0 + rw && x < w; x++)
            put(f, w, x, y, r, g, b);
}

/* BGRA, top-down, stride w*4 */
static uint8_t *desktop(uint32_t w, uint32_t h)
{
    uint8_t *f = malloc((size_t)w * h * 4);
    for (uint32_t y = 0; y < h; y++) /* wallpaper */
        for (uint32_t x = 0; x < w; x++)
            put(f, w, x, y, (uint8_t)(20 + 60 * x / w), (uint8_t)(60 + 100 * y / h), (uint8_t)(120 + 100 * (x + y) / (w + h)));
    for (uint32_t i = 0; i < 6; i++) { /* icons */
        uint32_t x0 = 16, y0 = 16 + i * 80;
        fill(f, w, h, x0, y0, 48, 48, (uint8_t)(200 - i * 20), (uint8_t)(80 + i * 25), 40);
        fill(f, w, h, x0 + 8, y0 + 8, 32, 32, 250, 250, (uint8_t)(100 + i * 20));
    }
    /* text window: title bar, white body, lines of glyphs */
    uint32_t tx = w / 8, ty = h / 10, tw = w * 11 / 20, th = h * 6 / 10;
    fill(f, w, h, tx, ty, tw, 28, 0, 90, 170);
    fill(f, w, h, tx, ty + 28, tw, th - 28, 255, 255, 255);
    for (uint32_t y = ty + 40; y + 16 < ty + th; y++)
        for (uint32_t x = tx + 10; x + 10 < tx + tw; x++) {
            uint32_t cx = (x - tx) % 8, cy = (y - ty) % 18, cell = ((x - tx) / 8) * 31 + ((y - ty) / 18) * 17;
            if ((cell % 23) == 0 || ((x - tx) / 8) % 61 > 50) /* spaces, line ends */
                continue;
            int ink = cy > 2 && cy < 14 && (cx == cell % 5 || (cy == 4 + cell % 9 && cx < 6) || (cx == 6 && cy > 8));
            if (ink)
                put(f, w, x, y, 20, 20, 20);
            else if (cy > 2 && cy < 14 && (cx == (cell % 5) + 1)) /* antialiasing */
                put(f, w, x, y, 150, 150, 160);
        }
    /* photo window: smooth shading with noise, and a block of pure noise */
    uint32_t px = w / 2, py = h * 3 / 10, pw = w * 42 / 100, ph = h / 2;
    fill(f, w, h, px, py, pw, 28, 60, 60, 60);
    for (uint32_t y = py + 28; y < py + ph && y < h; y++)
        for (uint32_t x = px; x < px + pw && x < w; x++) {
            int n = (int)(rnd() % 24) - 12;
            int r = 90 + (int)(120 * (x - px) / pw) + n, g = 140 + (int)(80 * (y - py) / ph) + n, b = 60 + n;
            put(f, w, x, y, (uint8_t)(r < 0 ? 0 : r > 255 ? 255 : r), (uint8_t)(g > 255 ? 255 : g), (uint8_t)(b < 0 ? 0 : b));
        }
    for (uint32_t y = py + 60; y < py + 188 && y < h; y++)
        for (uint32_t x = px + 30; x < px + 158 && x < w; x++) {
            uint32_t v = rnd();
            put(f, w, x, y, (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16));
        }
    fill(f, w, h, 0, h - 40, w, 40, 30, 30, 40); /* taskbar */
    fill(f, w, h, 4, h - 36, 80, 32, 0, 120, 215);
    return f;
}

/* ---- the .wrbs writer */
typedef struct {
    FILE *f;
    uint32_t count;
    long count_at;
} writer;

static void u16(FILE *f, uint32_t v) { fputc((int)(v & 0xff), f), fputc((int)((v >> 8) & 0xff), f); }
static void u32(FILE *f, uint32_t v) { u16(f, v & 0xffff), u16(f, v >> 16); }

static int w_open(writer *w, const char *dir, const char *codec, uint32_t width, uint32_t height, uint8_t bpp,
                  uint32_t flags)
{
    char path[1024], name[17] = {0};
    snprintf(path, sizeof path, "%s/%s-%ux%u.wrbs", dir, codec, width, height);
    w->f = fopen(path, "wb");
    if (!w->f) {
        fprintf(stderr, "make_streams: cannot write %s\n", path);
        return -1;
    }
    strncpy(name, codec, 16);
    fwrite("WRBS", 1, 4, w->f);
    fwrite(name, 1, 16, w->f);
    u16(w->f, width), u16(w->f, height);
    fputc(bpp, w->f);
    u32(w->f, flags);
    w->count_at = ftell(w->f);
    u32(w->f, 0);
    w->count = 0;
    return 0;
}

static void w_record(writer *w, uint32_t x, uint32_t y, uint32_t rw, uint32_t rh, const uint8_t *data, uint32_t len)
{
    u16(w->f, x), u16(w->f, y), u16(w->f, rw), u16(w->f, rh), u32(w->f, len);
    fwrite(data, 1, len, w->f);
    w->count++;
}

static size_t w_close(writer *w)
{
    fseek(w->f, w->count_at, SEEK_SET);
    u32(w->f, w->count);
    fseek(w->f, 0, SEEK_END);
    size_t size = (size_t)ftell(w->f);
    fclose(w->f);
    return size;
}

#define TILE 64

static void interleaved(const char *dir, const uint8_t *f, uint32_t w, uint32_t h)
{
    writer wr;
    if (w_open(&wr, dir, "interleaved", w, h, 16, 0))
        exit(1);
    BITMAP_INTERLEAVED_CONTEXT *enc = bitmap_interleaved_context_new(TRUE);
    gdiPalette pal;
    memset(&pal, 0, sizeof pal);
    static uint8_t buf[TILE * TILE * 4 + 4096];
    for (uint32_t y = 0; y < h; y += TILE)
        for (uint32_t x = 0; x < w; x += TILE) {
            uint32_t tw = w - x < TILE ? w - x : TILE, th = h - y < TILE ? h - y : TILE;
            UINT32 size = sizeof buf;
            if (!interleaved_compress(enc, buf, &size, tw, th, f, PIXEL_FORMAT_BGRX32, w * 4, x, y, &pal, 16)) {
                fprintf(stderr, "make_streams: interleaved_compress failed at %u,%u\n", x, y);
                exit(1);
            }
            w_record(&wr, x, y, tw, th, buf, size);
        }
    bitmap_interleaved_context_free(enc);
    printf("interleaved %ux%u: %u tiles, %zu bytes\n", w, h, wr.count, w_close(&wr));
}

static void planar(const char *dir, const uint8_t *f, uint32_t w, uint32_t h)
{
    writer wr;
    if (w_open(&wr, dir, "planar", w, h, 32, 0x0001 /* WRDP_BITMAP_TOP_DOWN */))
        exit(1);
    BITMAP_PLANAR_CONTEXT *rle = freerdp_bitmap_planar_context_new(PLANAR_FORMAT_HEADER_RLE | PLANAR_FORMAT_HEADER_NA, TILE, TILE);
    BITMAP_PLANAR_CONTEXT *raw = freerdp_bitmap_planar_context_new(PLANAR_FORMAT_HEADER_NA, TILE, TILE);
    uint32_t raw_tiles = 0;
    for (uint32_t y = 0; y < h; y += TILE)
        for (uint32_t x = 0; x < w; x += TILE) {
            uint32_t tw = w - x < TILE ? w - x : TILE, th = h - y < TILE ? h - y : TILE;
            const uint8_t *src = f + ((size_t)y * w + x) * 4;
            UINT32 size = 0;
            freerdp_bitmap_planar_context_reset(rle, tw, th);
            BYTE *s = freerdp_bitmap_compress_planar(rle, src, PIXEL_FORMAT_BGRX32, tw, th, w * 4, NULL, &size);
            if (!s) { /* FreeRDP 2 gives up when RLE would not be smaller: raw planes, as a server would */
                freerdp_bitmap_planar_context_reset(raw, tw, th);
                s = freerdp_bitmap_compress_planar(raw, src, PIXEL_FORMAT_BGRX32, tw, th, w * 4, NULL, &size);
                raw_tiles++;
            }
            if (!s) {
                fprintf(stderr, "make_streams: planar encoder failed at %u,%u\n", x, y);
                exit(1);
            }
            w_record(&wr, x, y, tw, th, s, size);
            free(s);
        }
    freerdp_bitmap_planar_context_free(rle);
    freerdp_bitmap_planar_context_free(raw);
    printf("planar %ux%u: %u tiles (%u raw), %zu bytes\n", w, h, wr.count, raw_tiles, w_close(&wr));
}

static void remotefx(const char *dir, const uint8_t *f, uint32_t w, uint32_t h)
{
    RFX_CONTEXT *enc = rfx_context_new(TRUE);
    enc->mode = RLGR3;
    rfx_context_reset(enc, w, h);
    rfx_context_set_pixel_format(enc, PIXEL_FORMAT_BGRX32);
    wStream *s = Stream_New(NULL, 1024);
    RFX_RECT rect = {0, 0, (UINT16)w, (UINT16)h};
    if (!rfx_compose_message(enc, s, &rect, 1, f, w, h, w * 4)) {
        fprintf(stderr, "make_streams: rfx_compose_message failed\n");
        exit(1);
    }
    writer wr;
    if (w_open(&wr, dir, "rfx", w, h, 32, 0))
        exit(1);
    w_record(&wr, 0, 0, w, h, Stream_Buffer(s), (uint32_t)Stream_GetPosition(s));
    printf("rfx %ux%u: RLGR3, %zu bytes\n", w, h, w_close(&wr));
    Stream_Free(s, TRUE);
    rfx_context_free(enc);
}

static void nscodec(const char *dir, const uint8_t *f, uint32_t w, uint32_t h)
{
    NSC_CONTEXT *enc = nsc_context_new();
    nsc_context_set_parameters(enc, NSC_COLOR_FORMAT, PIXEL_FORMAT_BGRX32);
    nsc_context_set_parameters(enc, NSC_COLOR_LOSS_LEVEL, 3);
    nsc_context_set_parameters(enc, NSC_ALLOW_SUBSAMPLING, TRUE);
    nsc_context_reset(enc, w, h);
    wStream *s = Stream_New(NULL, 1024);
    if (!nsc_compose_message(enc, s, f, w, h, w * 4)) {
        fprintf(stderr, "make_streams: nsc_compose_message failed\n");
        exit(1);
    }
    writer wr;
    if (w_open(&wr, dir, "nsc", w, h, 32, 0))
        exit(1);
    w_record(&wr, 0, 0, w, h, Stream_Buffer(s), (uint32_t)Stream_GetPosition(s));
    printf("nsc %ux%u: colour loss 3, subsampling, %zu bytes\n", w, h, w_close(&wr));
    Stream_Free(s, TRUE);
    nsc_context_free(enc);
}

/* XCRUSH: FreeRDP 2's own XCRUSH compressor writes level-1 matches that point
 * outside the history (neither its decompressor nor ours accepts them), so,
 * as tests/unit/codecs_bulk_freerdp_test.c does, the level-1 matches are found
 * here (32-byte blocks hashed over a mirror of the 2 MB history) and FreeRDP's
 * MPPC 64K compressor does level 2 as a server's chained compressor would. */
#define XH 2000000u
static uint32_t blk_hash(const uint8_t *p)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < 32; i++)
        h = (h ^ p[i]) * 16777619u;
    return h >> 12; /* 20 bits */
}

static uint8_t *mirror;
static uint32_t *table, mpos;

static int xcrush_compress_l1(void *l2, const uint8_t *src, uint32_t len, uint8_t *wire, uint32_t *wire_len)
{
    static uint8_t l1buf[65536 * 2], lits[65536];
    uint8_t l1 = 0;
    if (mpos + len > XH) {
        memset(mirror, 0, XH);
        memset(table, 0, (1u << 20) * sizeof *table);
        mpos = 0;
        l1 |= 0x04; /* L1_PACKET_AT_FRONT */
    }
    uint8_t *m = l1buf + 2;
    size_t nl = 0;
    uint32_t count = 0, outoff = 0;
    for (uint32_t j = 0; j + 32 <= len;) {
        uint32_t t = table[blk_hash(src + j)];
        if (t && memcmp(mirror + t - 1, src + j, 32) == 0) {
            uint32_t h = t - 1, ml = 32;
            while (j + ml < len && h + ml < mpos && ml < 65535 && mirror[h + ml] == src[j + ml])
                ml++;
            memcpy(lits + nl, src + outoff, j - outoff);
            nl += j - outoff;
            m[0] = (uint8_t)ml, m[1] = (uint8_t)(ml >> 8), m[2] = (uint8_t)j, m[3] = (uint8_t)(j >> 8);
            m[4] = (uint8_t)h, m[5] = (uint8_t)(h >> 8), m[6] = (uint8_t)(h >> 16), m[7] = (uint8_t)(h >> 24);
            m += 8;
            count++;
            j += ml;
            outoff = j;
        } else {
            j++;
        }
    }
    memcpy(lits + nl, src + outoff, len - outoff);
    nl += len - outoff;
    uint32_t l1_len;
    if (count) {
        l1 |= 0x01; /* L1_COMPRESSED */
        l1buf[0] = (uint8_t)count, l1buf[1] = (uint8_t)(count >> 8);
        memcpy(m, lits, nl);
        l1_len = (uint32_t)(m - l1buf) + (uint32_t)nl;
    } else {
        l1 |= 0x02; /* L1_NO_COMPRESSION */
        memcpy(l1buf, src, len);
        l1_len = len;
    }
    memcpy(mirror + mpos, src, len);
    for (uint32_t j = 0; j + 32 <= len; j += 32)
        table[blk_hash(mirror + mpos + j)] = mpos + j + 1;
    mpos += len;
    BYTE *l2out = wire + 2;
    UINT32 l2len = 65536 * 2, l2flags = 0;
    if (mppc_compress(l2, l1buf, l1_len, &l2out, &l2len, &l2flags) < 0)
        return -1;
    if (l2flags & PACKET_COMPRESSED) {
        l1 |= 0x10; /* L1_INNER_COMPRESSION */
        if (l2out != wire + 2)
            memmove(wire + 2, l2out, l2len);
    } else {
        memcpy(wire + 2, l1buf, l1_len);
        l2len = l1_len;
    }
    wire[0] = l1;
    wire[1] = (uint8_t)l2flags;
    *wire_len = l2len + 2;
    return 0;
}

static void bulk(const char *dir, int type, const uint8_t *f, uint32_t w, uint32_t h)
{
    static const char *names[] = {"mppc8k", "mppc64k", "ncrush", "xcrush"};
    void *ctx = type == 0 ? (void *)mppc_context_new(0, TRUE)
                : type == 2 ? (void *)ncrush_context_new(TRUE)
                            : (void *)mppc_context_new(1, TRUE); /* xcrush: level 2 */
    if (type == 3) {
        mirror = calloc(1, XH);
        table = calloc(1u << 20, sizeof *table);
        mpos = 0;
    }
    writer wr;
    if (w_open(&wr, dir, names[type], w, h, 0, 0))
        exit(1);
    char refpath[1024];
    snprintf(refpath, sizeof refpath, "%s/%s-%ux%u.ref", dir, names[type], w, h);
    FILE *ref = fopen(refpath, "wb");
    const size_t total = (size_t)w * h * 4, chunk = type == 0 ? 8000 : 16000;
    static uint8_t src[16000], dst[65536 * 2 + 1024];
    size_t wire = 0, compressed = 0;
    for (size_t pos = 0; pos < total; pos += chunk) {
        uint32_t len = (uint32_t)(total - pos < chunk ? total - pos : chunk);
        /* FreeRDP 2.11's xcrush_decompress fails on L1_PACKET_AT_FRONT (the 2 MB
         * history wrapping): the XCRUSH stream stops before it wraps */
        if (type == 3 && mpos + len >= XH)
            break;
        memcpy(src, f + pos, len);
        BYTE *out = dst;
        UINT32 out_len = sizeof dst, flags = 0;
        int rc = type <= 1   ? mppc_compress(ctx, src, len, &out, &out_len, &flags)
                 : type == 2 ? ncrush_compress(ctx, src, len, &out, &out_len, &flags)
                             : xcrush_compress_l1(ctx, src, len, dst, &out_len);
        if (type == 3)
            flags = PACKET_COMPRESSED;
        if (rc < 0) {
            fprintf(stderr, "make_streams: %s compressor failed (%d)\n", names[type], rc);
            exit(1);
        }
        if (!(flags & PACKET_COMPRESSED)) { /* sent as is */
            out = src;
            out_len = len;
        } else {
            compressed++;
        }
        w_record(&wr, 0, 0, (flags & 0xE0) | (uint32_t)type, len, out, out_len);
        fwrite(src, 1, len, ref);
        wire += out_len;
    }
    fclose(ref);
    printf("%s %ux%u: %u packets (%zu compressed), %zu -> %zu bytes, %zu byte file\n", names[type], w, h, wr.count,
           compressed, total, wire, w_close(&wr));
    if (type == 2)
        ncrush_context_free(ctx);
    else
        mppc_context_free(ctx);
    if (type == 3) {
        free(mirror);
        free(table);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: make_streams <outdir> [WxH ...]\n");
        return 2;
    }
    static const char *dflt[] = {"1024x768", "1920x1080"};
    int nsizes = argc > 2 ? argc - 2 : 2;
    for (int i = 0; i < nsizes; i++) {
        unsigned w, h;
        if (sscanf(argc > 2 ? argv[2 + i] : dflt[i], "%ux%u", &w, &h) != 2 || !w || !h || w > 8192 || h > 8192) {
            fprintf(stderr, "make_streams: bad size\n");
            return 2;
        }
        uint8_t *f = desktop(w, h);
        char path[1024];
        snprintf(path, sizeof path, "%s/desktop-%ux%u.bgra", argv[1], w, h);
        FILE *o = fopen(path, "wb");
        if (o) {
            fwrite(f, 1, (size_t)w * h * 4, o);
            fclose(o);
        }
        interleaved(argv[1], f, w, h);
        planar(argv[1], f, w, h);
        remotefx(argv[1], f, w, h);
        nscodec(argv[1], f, w, h);
        for (int t = 0; t < 4; t++)
            bulk(argv[1], t, f, w, h);
        free(f);
    }
    return 0;
}
