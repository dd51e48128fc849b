/* Differential test against FreeRDP 2 (Debian freerdp2-dev) for the bitmap
 * codecs: FreeRDP's decoders give the expected pixels, ours must equal them
 * exactly (decoded bottom-up, as bitmap updates carry rows).
 *
 * - planar: FreeRDP's encoder (freerdp_bitmap_compress_planar) on solid,
 *   gradient, text-like and noise content with and without alpha, raw and RLE,
 *   sizes 1x1 to 1920x1080; and, since that encoder writes neither colour loss
 *   nor chroma subsampling, streams built here (random planes, every CLL 1-7,
 *   CS on/off, alpha, raw and RLE with every kind of control byte) decoded by
 *   FreeRDP's planar_decompress.
 * - interleaved: FreeRDP's encoder (interleaved_compress: widths multiple of 4
 *   up to 64x64) at 15/16/24 bpp (and 8 when it accepts it); and random valid
 *   order streams built here with every order kind, sizes up to 1920x1080, at
 *   8/15/16/24 bpp, decoded by FreeRDP's interleaved_decompress.
 * - raw: freerdp_image_copy with a vertical flip, every bpp, odd sizes. */
#include "test.h"

#ifndef WRDP_HAVE_FREERDP2
int main(void)
{
    printf("skipped: FreeRDP 2 (freerdp2-dev) not found by pkg-config\n");
    return 0;
}
#else
#include <freerdp/codec/color.h>
#include <freerdp/codec/interleaved.h>
#include <freerdp/codec/planar.h>

#include "webrdp/codecs/bitmap.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreerdp2\nleak:libwinpr2\n";
}

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t next32(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
static uint32_t below(uint32_t n) { return n ? next32() % n : 0; }

enum { SOLID, GRADIENT, TEXT, NOISE, KINDS };
static const char *kind_name[] = {"solid", "gradient", "text", "noise"};

/* BGRA content; `alpha` varies the alpha channel, otherwise 0xff */
static uint8_t *make_content(int kind, uint32_t w, uint32_t h, int alpha)
{
    uint8_t *p = malloc((size_t)w * h * 4);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint8_t *q = p + ((size_t)y * w + x) * 4;
            q[3] = 0xff;
            switch (kind) {
            case SOLID: q[0] = 0x30, q[1] = 0x80, q[2] = 0xd0; break;
            case GRADIENT:
                q[0] = (uint8_t)(x * 255 / (w > 1 ? w - 1 : 1));
                q[1] = (uint8_t)(y * 255 / (h > 1 ? h - 1 : 1));
                q[2] = (uint8_t)((x + y) & 255);
                if (alpha)
                    q[3] = (uint8_t)(x * 7);
                break;
            case TEXT: {
                uint32_t cx = x % 8, cy = y % 16, cell = (x / 8) * 31 + (y / 16) * 17;
                int ink = (cy > 2 && cy < 13) && ((cx == (cell % 5)) || (cy == 3 + cell % 9 && cx < 6));
                q[0] = q[1] = q[2] = ink ? 0x10 : 0xff;
                if (ink)
                    q[0] = 0x80;
                if (alpha && ink)
                    q[3] = 0x40;
                break;
            }
            default: {
                uint32_t v = next32();
                q[0] = (uint8_t)v, q[1] = (uint8_t)(v >> 8), q[2] = (uint8_t)(v >> 16);
                if (alpha)
                    q[3] = (uint8_t)(v >> 24);
                break;
            }
            }
        }
    return p;
}

/* Compares our RGBA (stride w*4) with FreeRDP's RGBA32 output; rgb_only
 * also checks our alpha is 255. Returns the number of differing pixels. */
static long diff_rgba(const uint8_t *ours, const uint8_t *theirs, uint32_t w, uint32_t h, int rgb_only,
                      uint32_t *first)
{
    long d = 0;
    *first = UINT32_MAX;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        const uint8_t *o = ours + 4 * i, *t = theirs + 4 * i;
        int bad = o[0] != t[0] || o[1] != t[1] || o[2] != t[2] || (rgb_only ? o[3] != 255 : o[3] != t[3]);
        if (bad) {
            if (*first == UINT32_MAX)
                *first = (uint32_t)i;
            d++;
        }
    }
    return d;
}

static int ours_decode(wrdp_codec_decode_fn fn, const uint8_t *data, size_t len, uint32_t w, uint32_t h,
                       unsigned bpp, uint32_t flags, const uint8_t *pal, uint8_t *out, wrdp_error *err)
{
    wrdp_codec_input in = {data, len, (uint16_t)w, (uint16_t)h, (uint8_t)bpp, flags, pal};
    wrdp_image img = {out, w, h, (size_t)w * 4};
    memset(out, 0x5a, (size_t)w * h * 4);
    return fn(&in, &img, 0, 0, err);
}

/* ---------------------------------------------------------------- planar */

static BITMAP_PLANAR_CONTEXT *planar_dec;
static long planar_cases, planar_both_reject, planar_encoder_refused;

static void planar_compare(const char *what, const uint8_t *stream, size_t len, uint32_t w, uint32_t h, int vflip)
{
    size_t n = (size_t)w * h * 4;
    uint8_t *theirs = malloc(n), *ours = malloc(n);
    wrdp_error err;
    const uint32_t flags_order = vflip ? 0 : WRDP_BITMAP_TOP_DOWN;
    for (int keep = 0; keep < 2; keep++) {
        memset(theirs, 0, n);
        BOOL ok = planar_decompress(planar_dec, stream, (UINT32)len, w, h, theirs,
                                    keep ? PIXEL_FORMAT_RGBA32 : PIXEL_FORMAT_RGBX32, w * 4, 0, 0, w, h, vflip);
        int rc = ours_decode(wrdp_planar_decode, stream, len, w, h, 32,
                             flags_order | (keep ? WRDP_BITMAP_KEEP_ALPHA : 0), NULL, ours, &err);
        /* where FreeRDP's decoder rejects a stream (its encoder writes truncated RLE at 1x1), ours must too */
        if (!ok) {
            CHECK_MSG(rc != WRDP_OK, "%s %ux%u: FreeRDP rejects, we accept", what, w, h);
            planar_both_reject++;
            if (getenv("WRDP_VERBOSE"))
                fprintf(stderr, "both reject: %s %ux%u\n", what, w, h);
            continue;
        }
        CHECK_MSG(rc == WRDP_OK, "%s %ux%u: %s", what, w, h, err.message);
        if (rc == WRDP_OK) {
            uint32_t first;
            long d = diff_rgba(ours, theirs, w, h, !keep, &first);
            CHECK_MSG(d == 0, "%s %ux%u keep_alpha=%d: %ld pixels differ, first at %u: ours %02x%02x%02x%02x theirs %02x%02x%02x%02x",
                      what, w, h, keep, d, first, ours[4 * first], ours[4 * first + 1], ours[4 * first + 2],
                      ours[4 * first + 3], theirs[4 * first], theirs[4 * first + 1], theirs[4 * first + 2],
                      theirs[4 * first + 3]);
        }
        planar_cases++;
    }
    free(theirs);
    free(ours);
}

static void planar_freerdp_encoder(void)
{
    static const uint32_t sizes[][2] = {{1, 1}, {2, 2}, {3, 5}, {17, 9}, {64, 64}, {63, 65},
                                        {100, 37}, {256, 256}, {1023, 7}, {1920, 1080}};
    static const DWORD encoder_flags[] = {0, PLANAR_FORMAT_HEADER_NA, PLANAR_FORMAT_HEADER_RLE,
                                          PLANAR_FORMAT_HEADER_RLE | PLANAR_FORMAT_HEADER_NA};
    int saw_header[256] = {0};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const uint32_t w = sizes[s][0], h = sizes[s][1];
        const int big = w * h > 100000;
        for (int kind = 0; kind < KINDS; kind++) {
            for (size_t f = 0; f < 4; f++) {
                if (big && (f == 0 || f == 1) && kind != NOISE) /* keep the 1080p runs few */
                    continue;
                const int alpha = !(encoder_flags[f] & PLANAR_FORMAT_HEADER_NA);
                uint8_t *src = make_content(kind, w, h, alpha);
                BITMAP_PLANAR_CONTEXT *enc = freerdp_bitmap_planar_context_new(encoder_flags[f], w, h);
                UINT32 size = 0;
                BYTE *stream = freerdp_bitmap_compress_planar(enc, src, PIXEL_FORMAT_BGRA32, w, h, w * 4, NULL, &size);
                /* FreeRDP 2's encoder gives up (NULL) when an RLE plane would not be smaller than raw */
                if (!stream)
                    planar_encoder_refused++;
                if (stream) {
                    char what[64];
                    snprintf(what, sizeof what, "planar/freerdp-encoder fh=%02x %s", stream[0], kind_name[kind]);
                    saw_header[stream[0]]++;
                    planar_compare(what, stream, size, w, h, 1);
                    if (!big)
                        planar_compare(what, stream, size, w, h, 0);
                    free(stream);
                }
                freerdp_bitmap_planar_context_free(enc);
                free(src);
            }
        }
    }
    printf("planar: FreeRDP's encoder wrote FormatHeaders");
    for (int i = 0; i < 256; i++)
        if (saw_header[i])
            printf(" 0x%02x (%d)", i, saw_header[i]);
    printf("\n");
}

/* Our own planar stream writer: raw or RLE planes with every control-byte form. */
typedef struct out {
    uint8_t *p;
    size_t n, cap;
} out;
static void put(out *o, uint8_t b)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4096;
        o->p = realloc(o->p, o->cap);
    }
    o->p[o->n++] = b;
}

static void rle_plane(out *o, const uint8_t *plane, uint32_t w, uint32_t h)
{
    uint8_t *enc = malloc(w);
    for (uint32_t r = 0; r < h; r++) {
        const uint8_t *row = plane + (size_t)r * w;
        for (uint32_t x = 0; x < w; x++) {
            if (r == 0) {
                enc[x] = row[x];
            } else {
                int d = (int8_t)(uint8_t)(row[x] - (row - w)[x]);
                enc[x] = (uint8_t)(d >= 0 ? 2 * d : 2 * (-d) - 1);
            }
        }
        /* the "pixel" a run repeats: the last raw value (first line) / delta, 0 at a row start;
         * for delta rows the run repeats the delta, which is enc decoded; runs compare enc values */
        uint32_t x = 0;
        uint8_t pixel = 0;
        while (x < w) {
            uint32_t run = 0;
            while (x + run < w && enc[x + run] == pixel)
                run++;
            if (run >= 16) {
                uint32_t m = run >= 32 ? (run > 47 ? 47 : run) : (run > 31 ? 31 : run);
                put(o, (uint8_t)(m >= 32 ? ((m - 32) << 4 | 2) : ((m - 16) << 4 | 1)));
                x += m;
                continue;
            }
            uint32_t raw_start = x, nraw = 0;
            while (nraw < 15 && x < w) {
                pixel = enc[x++];
                nraw++;
                uint32_t ahead = 0;
                while (x + ahead < w && ahead < 3 && enc[x + ahead] == pixel)
                    ahead++;
                if (ahead >= 3 || below(8) == 0)
                    break;
            }
            run = 0;
            while (x + run < w && run < 15 && enc[x + run] == pixel)
                run++;
            if (run < 3)
                run = 0;
            if (nraw == 0 && run == 0) /* cannot happen, but never loop */
                run = 1;
            put(o, (uint8_t)(nraw << 4 | run));
            for (uint32_t i = 0; i < nraw; i++)
                put(o, enc[raw_start + i]);
            x += run;
        }
    }
    free(enc);
}

/* Random plane content with runs, smooth areas and noise. */
static void fill_plane(uint8_t *p, uint32_t w, uint32_t h, int style)
{
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint8_t v;
            switch (style) {
            case 0: v = 0x77; break;
            case 1: v = (uint8_t)(x * 3 + y); break;
            case 2: v = (below(10) == 0) ? (uint8_t)next32() : (uint8_t)(y & 0xf0); break;
            default: v = (uint8_t)next32(); break;
            }
            p[(size_t)y * w + x] = v;
        }
}

static void planar_own_streams(void)
{
    static const uint32_t sizes[][2] = {{1, 1}, {2, 1}, {1, 2}, {3, 3}, {5, 4}, {33, 17}, {64, 64}, {65, 63}, {200, 101}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const uint32_t w = sizes[s][0], h = sizes[s][1];
        for (unsigned cll = 0; cll <= 7; cll++)
            for (int cs = 0; cs < 2; cs++)
                for (int rle = 0; rle < 2; rle++)
                    for (int na = 0; na < 2; na++) {
                        if (cs && !cll)
                            continue;
                        const uint32_t cw = cs ? (w + 1) / 2 : w, ch = cs ? (h + 1) / 2 : h;
                        const int style = (int)below(4);
                        uint8_t *planes[4];
                        uint32_t pw[4] = {w, w, cw, cw}, ph[4] = {h, h, ch, ch};
                        for (int i = 0; i < 4; i++) {
                            planes[i] = malloc((size_t)pw[i] * ph[i]);
                            fill_plane(planes[i], pw[i], ph[i], i == 0 && below(2) ? 0 : style);
                        }
                        out o = {0};
                        put(&o, (uint8_t)(cll | (cs ? 0x08 : 0) | (rle ? 0x10 : 0) | (na ? 0x20 : 0)));
                        for (int i = na ? 1 : 0; i < 4; i++) {
                            if (rle)
                                rle_plane(&o, planes[i], pw[i], ph[i]);
                            else
                                for (size_t k = 0; k < (size_t)pw[i] * ph[i]; k++)
                                    put(&o, planes[i][k]);
                        }
                        if (!rle)
                            put(&o, 0); /* pad */
                        char what[64];
                        snprintf(what, sizeof what, "planar/own fh=%02x style %d", o.p[0], style);
                        planar_compare(what, o.p, o.n, w, h, 1);
                        planar_compare(what, o.p, o.n, w, h, 0);
                        free(o.p);
                        for (int i = 0; i < 4; i++)
                            free(planes[i]);
                    }
    }
}

/* IronRDP's YCoCg vectors through FreeRDP's decoder too. */
static void planar_vectors(void)
{
    static const struct {
        const char *name;
        uint32_t w, h;
    } v[] = {{"ironrdp_64x64_aycocg_rle", 64, 64}, {"ironrdp_64x64_ycocg_rle_ss", 64, 64},
             {"ironrdp_64x35_ycocg_rle_ss", 64, 35}, {"ironrdp_64x64_ycocg_raw_ss", 64, 64},
             {"ironrdp_64x24_argb_rle", 64, 24}, {"ironrdp_32x64_rgb_raw", 32, 64},
             {"freerdp_rle_bitmap_experimental_01", 64, 64}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char path[256];
        size_t len;
        snprintf(path, sizeof path, "vectors/codec/planar/%s.planar", v[i].name);
        uint8_t *data = test_read_file(path, &len);
        planar_compare(v[i].name, data, len, v[i].w, v[i].h, 1);
        planar_compare(v[i].name, data, len, v[i].w, v[i].h, 0);
        free(data);
    }
}

/* ----------------------------------------------------------- interleaved */

static BITMAP_INTERLEAVED_CONTEXT *ilv_dec;
static long ilv_cases;
static gdiPalette fr_palette;
static uint8_t our_palette[768];

static void ilv_compare(const char *what, const uint8_t *stream, size_t len, uint32_t w, uint32_t h, unsigned bpp)
{
    size_t n = (size_t)w * h * 4;
    uint8_t *theirs = calloc(n, 1), *ours = malloc(n);
    wrdp_error err;
    BOOL ok = interleaved_decompress(ilv_dec, stream, (UINT32)len, w, h, bpp, theirs, PIXEL_FORMAT_RGBA32, w * 4, 0, 0,
                                     w, h, &fr_palette);
    int rc = ours_decode(wrdp_interleaved_decode, stream, len, w, h, bpp, 0, our_palette, ours, &err);
    CHECK_MSG(ok, "%s %ux%u %u bpp: FreeRDP failed", what, w, h, bpp);
    CHECK_MSG(rc == WRDP_OK, "%s %ux%u %u bpp: %s", what, w, h, bpp, err.message);
    if (ok && rc == WRDP_OK) {
        uint32_t first;
        long d = diff_rgba(ours, theirs, w, h, 1, &first);
        CHECK_MSG(d == 0, "%s %ux%u %u bpp: %ld pixels differ, first at %u (x %u y %u): ours %02x%02x%02x theirs %02x%02x%02x",
                  what, w, h, bpp, d, first, first % w, first / w, ours[4 * first], ours[4 * first + 1],
                  ours[4 * first + 2], theirs[4 * first], theirs[4 * first + 1], theirs[4 * first + 2]);
    }
    ilv_cases++;
    free(theirs);
    free(ours);
}

static void ilv_freerdp_encoder(void)
{
    static const uint32_t sizes[][2] = {{4, 1}, {4, 4}, {8, 3}, {12, 7}, {32, 33}, {64, 64}, {60, 1}, {64, 17}};
    static const unsigned bpps[] = {8, 15, 16, 24};
    BITMAP_INTERLEAVED_CONTEXT *enc = bitmap_interleaved_context_new(TRUE);
    int refused8 = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int kind = 0; kind < KINDS; kind++)
            for (size_t b = 0; b < 4; b++) {
                const uint32_t w = sizes[s][0], h = sizes[s][1];
                uint8_t *src = make_content(kind, w, h, 0);
                uint8_t stream[64 * 64 * 4 + 1024];
                UINT32 size = sizeof stream;
                /* FreeRDP's encoder reads `src` in SrcFormat and writes it at bpp */
                BOOL ok = interleaved_compress(enc, stream, &size, w, h, src, PIXEL_FORMAT_BGRX32, w * 4, 0, 0,
                                               &fr_palette, bpps[b]);
                if (!ok && bpps[b] == 8) {
                    refused8++;
                } else {
                    CHECK_MSG(ok, "interleaved encoder failed at %ux%u %u bpp", w, h, bpps[b]);
                    if (ok) {
                        char what[64];
                        snprintf(what, sizeof what, "interleaved/freerdp-encoder %s", kind_name[kind]);
                        ilv_compare(what, stream, size, w, h, bpps[b]);
                    }
                }
                free(src);
            }
    bitmap_interleaved_context_free(enc);
    if (refused8)
        printf("interleaved: FreeRDP's encoder refused 8 bpp (%d cases); 8 bpp comes from our streams\n", refused8);
}

/* A random valid order stream for w x h at bpp that uses every order kind. */
static void ilv_pel(out *o, unsigned bpp, uint32_t v)
{
    for (unsigned i = 0; i < (bpp + 7) / 8; i++)
        put(o, (uint8_t)(v >> (8 * i)));
}

static uint32_t ilv_rand_pel(unsigned bpp)
{
    uint32_t v = next32();
    return bpp == 8 ? v & 0xff : bpp == 15 ? v & 0x7fff : bpp == 16 ? v & 0xffff : v & 0xffffff;
}

static void ilv_stream(out *o, uint32_t w, uint32_t h, unsigned bpp, int smooth)
{
    uint64_t left = (uint64_t)w * h;
    uint32_t palette_few[4];
    for (int i = 0; i < 4; i++)
        palette_few[i] = ilv_rand_pel(bpp);
    int last_bg = 0;
    while (left) {
        uint32_t kind = below(16);
        uint32_t maxn = left > 600 ? 600 : (uint32_t)left;
        uint32_t n;
        if (kind <= 2) { /* BG run: regular / mega */
            if (last_bg && left < 2)
                continue;
            n = 1 + below(maxn);
            if (n <= 31 && below(2))
                put(o, (uint8_t)n);
            else if (n >= 32 && n <= 287 && below(2))
                put(o, 0x00), put(o, (uint8_t)(n - 32));
            else
                put(o, 0xf0), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
            left -= n;
            last_bg = 1;
            continue;
        }
        last_bg = 0;
        switch (kind) {
        case 3: /* FG run: regular, mega, lite set-fg, mega set-fg */
        case 4: {
            n = 1 + below(maxn > 271 ? 271 : maxn);
            uint32_t form = below(4);
            if (form == 0 && n <= 287) {
                if (n <= 31)
                    put(o, (uint8_t)(0x20 | n));
                else
                    put(o, 0x20), put(o, (uint8_t)(n - 32));
            } else if (form == 1) {
                put(o, 0xf1), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
            } else if (form == 2) {
                if (n <= 15)
                    put(o, (uint8_t)(0xc0 | n));
                else
                    put(o, 0xc0), put(o, (uint8_t)(n - 16));
                ilv_pel(o, bpp, smooth ? palette_few[below(4)] : ilv_rand_pel(bpp));
            } else {
                put(o, 0xf6), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
                ilv_pel(o, bpp, smooth ? palette_few[below(4)] : ilv_rand_pel(bpp));
            }
            left -= n;
            break;
        }
        case 5: { /* dithered: lite or mega, n pairs */
            if (left < 2)
                continue;
            uint32_t pairs = 1 + below((uint32_t)(left / 2 > 200 ? 200 : left / 2));
            if (pairs <= 15)
                put(o, (uint8_t)(0xe0 | pairs));
            else if (pairs <= 271 && below(2))
                put(o, 0xe0), put(o, (uint8_t)(pairs - 16));
            else
                put(o, 0xf8), put(o, (uint8_t)pairs), put(o, (uint8_t)(pairs >> 8));
            ilv_pel(o, bpp, ilv_rand_pel(bpp));
            ilv_pel(o, bpp, ilv_rand_pel(bpp));
            left -= 2 * pairs;
            break;
        }
        case 6: /* colour run */
        case 7: {
            n = 1 + below(maxn);
            if (n <= 31)
                put(o, (uint8_t)(0x60 | n));
            else if (n <= 287 && below(2))
                put(o, 0x60), put(o, (uint8_t)(n - 32));
            else
                put(o, 0xf3), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
            ilv_pel(o, bpp, smooth ? palette_few[below(4)] : ilv_rand_pel(bpp));
            left -= n;
            break;
        }
        case 8: /* FGBG image: regular (x8 or explicit), lite set-fg, mega, mega set-fg */
        case 9:
        case 10: {
            n = 1 + below(maxn > 256 ? 256 : maxn);
            uint32_t form = below(5);
            if (form == 0 && n % 8 == 0 && n / 8 <= 31) {
                put(o, (uint8_t)(0x40 | n / 8));
            } else if (form <= 1) {
                put(o, 0x40), put(o, (uint8_t)(n - 1));
            } else if (form == 2) {
                if (n % 8 == 0 && n / 8 <= 15)
                    put(o, (uint8_t)(0xd0 | n / 8));
                else
                    put(o, 0xd0), put(o, (uint8_t)(n - 1));
                ilv_pel(o, bpp, ilv_rand_pel(bpp));
            } else if (form == 3) {
                put(o, 0xf2), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
            } else {
                put(o, 0xf7), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
                ilv_pel(o, bpp, ilv_rand_pel(bpp));
            }
            for (uint32_t i = 0; i < (n + 7) / 8; i++)
                put(o, (uint8_t)next32());
            left -= n;
            break;
        }
        case 11: /* colour image */
        case 12: {
            n = 1 + below(maxn > 300 ? 300 : maxn);
            if (n <= 31)
                put(o, (uint8_t)(0x80 | n));
            else if (n <= 287 && below(2))
                put(o, 0x80), put(o, (uint8_t)(n - 32));
            else
                put(o, 0xf4), put(o, (uint8_t)n), put(o, (uint8_t)(n >> 8));
            for (uint32_t i = 0; i < n; i++)
                ilv_pel(o, bpp, ilv_rand_pel(bpp));
            left -= n;
            break;
        }
        case 13: /* special FGBG */
            if (left < 8)
                continue;
            put(o, below(2) ? 0xf9 : 0xfa);
            left -= 8;
            break;
        default: /* white / black */
            put(o, below(2) ? 0xfd : 0xfe);
            left -= 1;
            break;
        }
    }
}

static void ilv_own_streams(void)
{
    static const uint32_t sizes[][2] = {{1, 1},  {3, 1},   {1, 5},   {4, 4},     {7, 3},    {64, 64},
                                        {63, 65}, {333, 17}, {1024, 8}, {1920, 1080}};
    static const unsigned bpps[] = {8, 15, 16, 24};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (size_t b = 0; b < 4; b++) {
            const int reps = sizes[s][0] * sizes[s][1] > 100000 ? 1 : 6;
            for (int rep = 0; rep < reps; rep++) {
                out o = {0};
                ilv_stream(&o, sizes[s][0], sizes[s][1], bpps[b], rep & 1);
                ilv_compare("interleaved/own", o.p, o.n, sizes[s][0], sizes[s][1], bpps[b]);
                free(o.p);
            }
        }
}

static void ilv_vectors(void)
{
    static const char *tiles[] = {"27019fd9", "284f668a", "28c08e75", "2de3f326", "3fc8124a", "8b8ccc77", "94bb5b13",
                                  "a412fbe2", "aa326e7a"};
    for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++) {
        char path[256];
        size_t len;
        snprintf(path, sizeof path, "vectors/codec/interleaved/ironrdp_tile_%s.rle16", tiles[i]);
        uint8_t *data = test_read_file(path, &len);
        ilv_compare(tiles[i], data, len, 64, 64, 16);
        free(data);
    }
    static const unsigned bpps[] = {15, 16, 24};
    for (size_t i = 0; i < 3; i++) {
        char path[256];
        size_t len;
        snprintf(path, sizeof path, "vectors/codec/interleaved/freerdp_test01_%ubpp.rle", bpps[i]);
        uint8_t *data = test_read_file(path, &len);
        ilv_compare("freerdp_test01", data, len, 64, 64, bpps[i]);
        free(data);
    }
}

/* ------------------------------------------------------------------- raw */

static void raw_tests(void)
{
    static const uint32_t sizes[][2] = {{1, 1}, {3, 2}, {5, 7}, {64, 64}, {333, 17}, {1920, 1080}};
    static const struct {
        unsigned bpp;
        UINT32 format;
    } f[] = {{8, PIXEL_FORMAT_RGB8}, {15, PIXEL_FORMAT_RGB15}, {16, PIXEL_FORMAT_RGB16}, {24, PIXEL_FORMAT_BGR24},
             {32, PIXEL_FORMAT_BGRA32}};
    long cases = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (size_t b = 0; b < 5; b++) {
            const uint32_t w = sizes[s][0], h = sizes[s][1], B = (f[b].bpp + 7) / 8;
            if (w * h > 100000 && f[b].bpp != 16 && f[b].bpp != 32)
                continue;
            size_t len = (size_t)w * h * B;
            uint8_t *src = malloc(len);
            for (size_t i = 0; i < len; i++)
                src[i] = (uint8_t)next32();
            size_t n = (size_t)w * h * 4;
            uint8_t *theirs = calloc(n, 1), *ours = malloc(n);
            for (int keep = 0; keep < 2; keep++) {
                BOOL ok = freerdp_image_copy(theirs, keep ? PIXEL_FORMAT_RGBA32 : PIXEL_FORMAT_RGBX32, w * 4, 0, 0, w,
                                             h, src, f[b].format, w * B, 0, 0, &fr_palette, FREERDP_FLIP_VERTICAL);
                wrdp_error err;
                int rc = ours_decode(wrdp_raw_decode, src, len, w, h, f[b].bpp, keep ? WRDP_BITMAP_KEEP_ALPHA : 0,
                                     our_palette, ours, &err);
                CHECK(ok);
                CHECK_MSG(rc == WRDP_OK, "raw %ux%u %u bpp: %s", w, h, f[b].bpp, err.message);
                uint32_t first;
                long d = diff_rgba(ours, theirs, w, h, !keep || f[b].bpp != 32, &first);
                CHECK_MSG(d == 0, "raw %ux%u %u bpp keep=%d: %ld pixels differ, first at %u: ours %02x%02x%02x%02x theirs %02x%02x%02x%02x",
                          w, h, f[b].bpp, keep, d, first, ours[4 * first], ours[4 * first + 1], ours[4 * first + 2],
                          ours[4 * first + 3], theirs[4 * first], theirs[4 * first + 1], theirs[4 * first + 2],
                          theirs[4 * first + 3]);
                cases++;
            }
            free(src);
            free(theirs);
            free(ours);
        }
    printf("raw: %ld comparisons\n", cases);
}

int main(void)
{
    fr_palette.format = PIXEL_FORMAT_RGBA32;
    for (int i = 0; i < 256; i++) {
        uint8_t r = (uint8_t)(i * 37), g = (uint8_t)(255 - i), b = (uint8_t)(i ^ 0xa5);
        our_palette[3 * i] = r, our_palette[3 * i + 1] = g, our_palette[3 * i + 2] = b;
        fr_palette.palette[i] = FreeRDPGetColor(PIXEL_FORMAT_RGBA32, r, g, b, 0xff);
    }
    planar_dec = freerdp_bitmap_planar_context_new(0, 1920, 1088);
    ilv_dec = bitmap_interleaved_context_new(FALSE);

    planar_freerdp_encoder();
    planar_own_streams();
    planar_vectors();
    printf("planar: %ld comparisons (%ld streams rejected by both decoders, %ld refused by FreeRDP's encoder)\n",
           planar_cases, planar_both_reject, planar_encoder_refused);
    ilv_freerdp_encoder();
    ilv_own_streams();
    ilv_vectors();
    printf("interleaved: %ld comparisons\n", ilv_cases);
    raw_tests();

    bitmap_interleaved_context_free(ilv_dec);
    freerdp_bitmap_planar_context_free(planar_dec);
    return test_finish("codecs_bitmap_freerdp_test");
}
#endif
