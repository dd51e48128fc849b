/* Differential test against FreeRDP 2 (Debian freerdp2-dev): FreeRDP's own
 * MPPC 8K / 64K, NCRUSH and XCRUSH compressors turn long sequences of
 * PDU-like buffers (text, repeated structures, runs, noise, repeats of earlier
 * packets) into packets with one compressor context a stream, exactly as a
 * server would send them; our decompressor, one context a stream, must give
 * back every original byte for byte. FreeRDP's decompressors decode the same
 * packets alongside and must agree.
 *
 * WRDP_BULK_BENCH=N in the environment: then decode the recorded packets N
 * times with each decompressor and print MB/s (of decompressed output). */
#define _POSIX_C_SOURCE 200809L
#include "test.h"

#if !defined(WRDP_HAVE_FREERDP2)
int main(void)
{
    printf("skipped: FreeRDP 2 (freerdp2-dev) not found by pkg-config\n");
    return 0;
}
#else
#include <time.h>

#include <freerdp/codec/bulk.h>
#include <freerdp/codec/mppc.h>
#include <freerdp/codec/ncrush.h>
#include <freerdp/codec/xcrush.h>

#include "webrdp/codecs/bulk.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreerdp2\nleak:libwinpr2\n";
}

static uint64_t rng = 0x243f6a8885a308d3ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static const char *words[] = {"the", "window", "desktop", "remote", "session", "bitmap", "order", "glyph",
                              "cache", "pointer", "font", "Segoe", "UI", "explorer.exe", "C:\\Windows\\System32",
                              "OK", "Cancel", "File", "Edit", "View", "Help", "  ", "\r\n", "0", "1024", "768"};

/* One PDU-like buffer of `len` bytes. history/hist_len: earlier packets, for
 * long-distance repeats. */
static void make(uint8_t *buf, size_t len, const uint8_t *history, size_t hist_len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t kind = rnd() % 7;
        size_t n = 1 + rnd() % 600;
        if (kind == 6) { /* a long repeat: a bitmap or glyph run sent again */
            kind = 5;
            n = 1024 + rnd() % 8192;
        }
        if (n > len - i) n = len - i;
        switch (kind) {
        case 0: /* text */
            for (size_t j = 0; j < n;) {
                const char *w = words[rnd() % (sizeof words / sizeof words[0])];
                for (; *w && j < n; w++) buf[i + j++] = (uint8_t)*w;
                if (j < n) buf[i + j++] = ' ';
            }
            break;
        case 1: { /* a structure repeated with a counter (orders, rectangles) */
            uint8_t rec[12];
            for (int k = 0; k < 12; k++) rec[k] = (uint8_t)rnd();
            for (size_t j = 0; j < n; j++) {
                size_t r = j / 12;
                uint8_t v = rec[j % 12];
                if (j % 12 == 2) v = (uint8_t)(v + r);
                if (j % 12 == 3) v = (uint8_t)(v + (r >> 8));
                buf[i + j] = v;
            }
            break;
        }
        case 2: /* a run (solid pixels, padding) */
            memset(buf + i, (int)(rnd() & 0xFF) & (rnd() & 1 ? 0xFF : 0), n);
            break;
        case 3: /* noise */
            for (size_t j = 0; j < n; j++) buf[i + j] = (uint8_t)rnd();
            break;
        case 4: /* a 32 bpp gradient row */
            for (size_t j = 0; j < n; j++) buf[i + j] = (uint8_t)((j & 3) == 3 ? 0xFF : (j / 4) * (j & 3));
            break;
        default: /* a repeat of something sent before */
            if (hist_len > n) {
                size_t from = rnd() % (hist_len - n);
                memcpy(buf + i, history + from, n);
            } else {
                for (size_t j = 0; j < n; j++) buf[i + j] = (uint8_t)rnd();
            }
            break;
        }
        i += n;
    }
}

typedef struct {
    uint8_t *data;
    uint32_t len;
    uint8_t flags;
} packet;

#define HIST_KEEP (4u << 20)

static int fr_compress(int type, void *ctx, uint8_t *src, uint32_t len, uint8_t *dst, uint32_t cap,
                       uint8_t **out, uint32_t *out_len, uint32_t *flags)
{
    *out = dst;
    *out_len = cap;
    switch (type) {
    case 0:
    case 1:
        return mppc_compress(ctx, src, len, out, out_len, flags);
    case 2:
        return ncrush_compress(ctx, src, len, out, out_len, flags);
    default:
        return xcrush_compress(ctx, src, len, out, out_len, flags);
    }
}

static int fr_decompress(int type, void *ctx, uint8_t *src, uint32_t len, uint8_t **out, uint32_t *out_len,
                         uint32_t flags)
{
    switch (type) {
    case 0:
    case 1:
        return mppc_decompress(ctx, src, len, out, out_len, flags);
    case 2:
        return ncrush_decompress(ctx, src, len, out, out_len, flags);
    default:
        return xcrush_decompress(ctx, src, len, out, out_len, flags);
    }
}

static void *fr_new(int type, int compressor)
{
    switch (type) {
    case 0:
    case 1:
        return mppc_context_new((DWORD)type, compressor);
    case 2:
        return ncrush_context_new(compressor);
    default:
        return xcrush_context_new(compressor);
    }
}

static void fr_free(int type, void *ctx)
{
    switch (type) {
    case 0:
    case 1:
        mppc_context_free(ctx);
        break;
    case 2:
        ncrush_context_free(ctx);
        break;
    default:
        xcrush_context_free(ctx);
        break;
    }
}

static const char *names[] = {"mppc8k", "mppc64k", "ncrush", "xcrush"};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* WRDP_BULK_DUMP=dir: write each stream as a record file (bulk.h) for
 * `webrdp decode` and the benchmarks. */
static void dump(const char *name, const packet *pk, int count)
{
    const char *dir = getenv("WRDP_BULK_DUMP");
    if (!dir) return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s.bulk", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    for (int i = 0; i < count; i++) {
        uint8_t h[5] = {pk[i].flags, (uint8_t)pk[i].len, (uint8_t)(pk[i].len >> 8), (uint8_t)(pk[i].len >> 16),
                        (uint8_t)(pk[i].len >> 24)};
        fwrite(h, 1, 5, f);
        fwrite(pk[i].data, 1, pk[i].len, f);
    }
    fclose(f);
}

static void run(int type, int count, int bench)
{
    void *comp = fr_new(type, 1), *frdec = fr_new(type, 0);
    wrdp_error err;
    wrdp_bulk *b = wrdp_bulk_new((uint32_t)type, &err);
    CHECK(comp && frdec && b);
    uint8_t *history = malloc(HIST_KEEP);
    size_t hist_len = 0;
    uint8_t *src = malloc(65536), *dst = malloc(65536 + 1024);
    packet *pk = calloc((size_t)count, sizeof *pk);
    size_t total_in = 0, total_out = 0, mismatches = 0, fr_mismatches = 0, compressed = 0;
    uint32_t max = type == 0 ? 8000 : 16000;

    for (int i = 0; i < count; i++) {
        uint32_t len = 1 + rnd() % max;
        if (i % 50 == 7) len = 1 + rnd() % 8; /* tiny packets too */
        make(src, len, history, hist_len);
        if (hist_len + len > HIST_KEEP) hist_len = 0;
        memcpy(history + hist_len, src, len);
        hist_len += len;

        uint8_t *cdata;
        uint32_t clen, cflags = 0;
        int rc = fr_compress(type, comp, src, len, dst, 65536 + 1024, &cdata, &clen, &cflags);
        CHECK_MSG(rc >= 0, "%s: FreeRDP compress failed (%d) on packet %d", names[type], rc, i);
        if (rc < 0) break;
        uint8_t flags = (uint8_t)((cflags & 0xE0) | (uint32_t)type);
        if (cflags & PACKET_COMPRESSED) compressed++;
        if (getenv("WRDP_BULK_TRACE"))
            printf("%s %d: len %u flags 0x%02x clen %u l1 0x%02x l2 0x%02x\n", names[type], i, len, cflags, clen,
                   clen > 1 ? cdata[0] : 0, clen > 1 ? cdata[1] : 0);
        pk[i].data = malloc(clen ? clen : 1);
        memcpy(pk[i].data, cdata, clen);
        pk[i].len = clen;
        pk[i].flags = flags;

        const uint8_t *out;
        size_t out_len;
        wrdp_error_clear(&err);
        rc = wrdp_bulk_decompress(b, pk[i].data, clen, flags, &out, &out_len, &err);
        if (rc < 0 || out_len != len || memcmp(out, src, len) != 0) {
            if (mismatches++ < 5)
                fprintf(stderr, "%s packet %d (len %u, flags 0x%02x, %u bytes): rc %d (%s), out_len %zu\n",
                        names[type], i, len, flags, clen, rc, err.message, out_len);
        }
        if (type != 3) { /* see the bench below */
            uint8_t *fout;
            uint32_t fout_len = 0;
            rc = fr_decompress(type, frdec, pk[i].data, clen, &fout, &fout_len, flags);
            if (rc < 0 || fout_len != len || memcmp(fout, src, len) != 0) fr_mismatches++;
        }
        total_in += len;
        total_out += clen;
    }
    CHECK_MSG(mismatches == 0, "%s: %zu of %d packets differ", names[type], mismatches, count);
    printf("%s: %d packets, %zu bytes -> %zu (%.1f%%), %zu compressed, FreeRDP's own decoder disagreed on %zu\n",
           names[type], count, total_in, total_out, 100.0 * (double)total_out / (double)total_in, compressed,
           fr_mismatches);
    dump(names[type], pk, count);

    if (bench > 0) {
        double t0 = now();
        size_t sink = 0;
        for (int r = 0; r < bench; r++) {
            wrdp_bulk_reset(b);
            for (int i = 0; i < count; i++) {
                const uint8_t *out;
                size_t out_len;
                if (wrdp_bulk_decompress(b, pk[i].data, pk[i].len, pk[i].flags, &out, &out_len, NULL) == 0)
                    sink += out_len ? out[0] : 0;
            }
        }
        double t1 = now();
        /* FreeRDP 2.11's xcrush_decompress dies (SIGFPE) on its own compressor's packets */
        for (int r = 0; r < (type == 3 ? 0 : bench); r++) {
            fr_free(type, frdec);
            frdec = fr_new(type, 0);
            for (int i = 0; i < count; i++) {
                uint8_t *fout;
                uint32_t fout_len = 0;
                if (fr_decompress(type, frdec, pk[i].data, pk[i].len, &fout, &fout_len, pk[i].flags) >= 0)
                    sink += fout_len ? fout[0] : 0;
            }
        }
        double t2 = now();
        double mb = (double)total_in * bench / 1e6;
        printf("bench %s: webrdp %.0f MB/s, FreeRDP %.0f MB/s (ratio %.2f) [%zu]\n", names[type], mb / (t1 - t0),
               mb / (t2 - t1), (t2 - t1) / (t1 - t0), sink & 1);
    }

    for (int i = 0; i < count; i++) free(pk[i].data);
    free(pk);
    free(src);
    free(dst);
    free(history);
    wrdp_bulk_free(b);
    fr_free(type, comp);
    fr_free(type, frdec);
}

/* RDP 6.1 with matches: FreeRDP 2's XCRUSH compressor almost never finds a
 * level-1 match (it sends nearly everything raw), so level-1 packets are made
 * here instead, from a mirror of the 2 MB history (matches of 32+ bytes found
 * through a hash of 32-byte blocks), and FreeRDP's MPPC 64K compressor does
 * level 2 as the chained compressor of a real server would. */
#define XH WRDP_XCRUSH_HISTORY
static uint32_t blk_hash(const uint8_t *p)
{
    uint32_t h = 2166136261u;
    for (int i = 0; i < 32; i++) h = (h ^ p[i]) * 16777619u;
    return h >> 12; /* 20 bits */
}

static void run_xcrush_l1(int count, int bench)
{
    uint8_t *mirror = calloc(1, XH);
    uint32_t *table = calloc(1u << 20, sizeof *table); /* position + 1 */
    uint32_t mpos = 0;
    void *l2 = mppc_context_new(1, 1);
    wrdp_error err;
    wrdp_bulk *b = wrdp_bulk_new(3, &err);
    uint8_t *history = malloc(HIST_KEEP);
    size_t hist_len = 0;
    uint8_t *src = malloc(65536), *l1buf = malloc(65536 * 2), *l2buf = malloc(65536 * 2 + 1024);
    packet *pk = calloc((size_t)count, sizeof *pk);
    size_t total_in = 0, total_out = 0, mismatches = 0, nmatches = 0, inner = 0;

    for (int i = 0; i < count; i++) {
        uint32_t len = 1 + rnd() % 16000;
        make(src, len, history, hist_len);
        if (hist_len + len > HIST_KEEP) hist_len = 0;
        memcpy(history + hist_len, src, len);
        hist_len += len;

        uint8_t *wire;
        uint32_t wire_len;
        uint8_t flags = 0x20 | 3;
        if (rnd() % 25 == 0) { /* sent raw, outside every history */
            wire = src;
            wire_len = len;
            flags = 3;
        } else {
            uint8_t l1 = 0;
            if (mpos + len > XH) {
                memset(mirror, 0, XH);
                memset(table, 0, (1u << 20) * sizeof *table);
                mpos = 0;
                l1 |= WRDP_L1_PACKET_AT_FRONT;
            }
            /* matches against earlier packets */
            uint8_t *m = l1buf + 2, *lits = l1buf + 65536;
            size_t nl = 0;
            uint32_t count_m = 0, outoff = 0;
            for (uint32_t j = 0; j + 32 <= len;) {
                uint32_t t = table[blk_hash(src + j)];
                if (t && memcmp(mirror + t - 1, src + j, 32) == 0) {
                    uint32_t h = t - 1, ml = 32;
                    while (j + ml < len && h + ml < mpos && ml < 65535 && mirror[h + ml] == src[j + ml]) ml++;
                    memcpy(lits + nl, src + outoff, j - outoff);
                    nl += j - outoff;
                    m[0] = (uint8_t)ml, m[1] = (uint8_t)(ml >> 8);
                    m[2] = (uint8_t)j, m[3] = (uint8_t)(j >> 8);
                    m[4] = (uint8_t)h, m[5] = (uint8_t)(h >> 8), m[6] = (uint8_t)(h >> 16), m[7] = (uint8_t)(h >> 24);
                    m += 8;
                    count_m++;
                    j += ml;
                    outoff = j;
                } else {
                    j++;
                }
            }
            memcpy(lits + nl, src + outoff, len - outoff);
            nl += len - outoff;
            uint32_t l1_len;
            if (count_m) {
                l1 |= WRDP_L1_COMPRESSED;
                l1buf[0] = (uint8_t)count_m, l1buf[1] = (uint8_t)(count_m >> 8);
                memmove(m, lits, nl);
                l1_len = (uint32_t)(m - l1buf) + (uint32_t)nl;
                nmatches += count_m;
            } else {
                l1 |= WRDP_L1_NO_COMPRESSION;
                memcpy(l1buf, src, len);
                l1_len = len;
            }
            /* the mirror and its block index follow what the decoder will hold */
            memcpy(mirror + mpos, src, len);
            for (uint32_t j = 0; j + 32 <= len; j += 32) table[blk_hash(mirror + mpos + j)] = mpos + j + 1;
            mpos += len;

            uint8_t *l2out = l2buf + 2;
            uint32_t l2len = 65536 * 2, l2flags = 0;
            int rc = mppc_compress(l2, l1buf, l1_len, &l2out, &l2len, &l2flags);
            CHECK(rc >= 0);
            if (l2flags & PACKET_COMPRESSED) {
                l1 |= WRDP_L1_INNER_COMPRESSION;
                if (l2out != l2buf + 2) memmove(l2buf + 2, l2out, l2len);
                inner++;
            } else {
                memcpy(l2buf + 2, l1buf, l1_len);
                l2len = l1_len;
            }
            l2buf[0] = l1;
            l2buf[1] = (uint8_t)l2flags;
            wire = l2buf;
            wire_len = l2len + 2;
        }
        pk[i].data = malloc(wire_len);
        memcpy(pk[i].data, wire, wire_len);
        pk[i].len = wire_len;
        pk[i].flags = flags;
        total_in += len;
        total_out += wire_len;

        const uint8_t *out;
        size_t out_len;
        wrdp_error_clear(&err);
        int rc = wrdp_bulk_decompress(b, pk[i].data, wire_len, flags, &out, &out_len, &err);
        if (rc < 0 || out_len != len || memcmp(out, src, len) != 0) {
            if (mismatches++ < 5)
                fprintf(stderr, "xcrush-l1 packet %d (len %u, l1 0x%02x l2 0x%02x): rc %d (%s), out_len %zu\n", i,
                        len, wire[0], wire[1], rc, err.message, out_len);
        }
    }
    CHECK_MSG(mismatches == 0, "xcrush-l1: %zu of %d packets differ", mismatches, count);
    printf("xcrush (level-1 matches made here, level 2 by FreeRDP's MPPC): %d packets, %zu bytes -> %zu (%.1f%%), "
           "%zu matches, %zu with level 2\n",
           count, total_in, total_out, 100.0 * (double)total_out / (double)total_in, nmatches, inner);
    dump("xcrush-l1", pk, count);
    if (bench > 0) {
        double t0 = now();
        size_t sink = 0;
        for (int r = 0; r < bench; r++) {
            wrdp_bulk_reset(b);
            for (int i = 0; i < count; i++) {
                const uint8_t *out;
                size_t out_len;
                if (wrdp_bulk_decompress(b, pk[i].data, pk[i].len, pk[i].flags, &out, &out_len, NULL) == 0)
                    sink += out_len ? out[0] : 0;
            }
        }
        double t1 = now();
        double mb = (double)total_in * bench / 1e6;
        printf("bench xcrush-l1: webrdp %.0f MB/s [%zu]\n", mb / (t1 - t0), sink & 1);
        if (getenv("WRDP_BULK_FR_DECODE")) {
            void *fr = xcrush_context_new(0);
            size_t fails = 0;
            t0 = now();
            for (int r = 0; r < bench; r++) {
                xcrush_context_reset(fr, 1);
                for (int i = 0; i < count; i++) {
                    uint8_t *fout;
                    uint32_t fout_len = 0;
                    if (xcrush_decompress(fr, pk[i].data, pk[i].len, &fout, &fout_len, pk[i].flags) < 0) fails++;
                }
            }
            t1 = now();
            printf("bench xcrush-l1: FreeRDP %.0f MB/s (%zu failures)\n", mb / (t1 - t0), fails);
            xcrush_context_free(fr);
        }
    }
    for (int i = 0; i < count; i++) free(pk[i].data);
    free(pk);
    free(src);
    free(l1buf);
    free(l2buf);
    free(history);
    free(mirror);
    free(table);
    mppc_context_free(l2);
    wrdp_bulk_free(b);
}

int main(void)
{
    const char *bench_env = getenv("WRDP_BULK_BENCH");
    int bench = bench_env ? atoi(bench_env) : 0;
    /* 1500 packets: longer runs of this generator make FreeRDP 2.11's own
     * ncrush_compress read past its buffers (a FreeRDP bug, seen at ~2000) */
    int count = 1500;
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int type = 0; type < 4; type++) run(type, count, bench);
    run_xcrush_l1(count, bench);
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
#endif
