/* `webrdp decode`: one bitstream through one decoder, timed. Prints one JSON line.
 *   webrdp decode <codec> <in.bin> --width W --height H [--bpp B] [--flags F]
 *                 [--top-down] [--stream] [--out FILE] [--repeat N]
 * Image codecs write RGBA8888 (--out); bulk codecs write the decompressed bytes. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "webrdp/codecs/bitmap.h"
#include "webrdp/codecs/bulk.h"
#include "webrdp/codecs/nsc.h"
#include "webrdp/codecs/rfx.h"
#include "tool/tool.h"

static const char *const usage_text =
    "usage: webrdp decode <codec> <in.bin> --width W --height H [--bpp B] [--flags F] [--top-down]\n"
    "                     [--stream] [--out FILE] [--repeat N]\n"
    "\n"
    "codecs: raw, interleaved, planar, rfx, nsc (pictures: --width/--height of the bitmap; RGBA out)\n"
    "        mppc8k, mppc64k, ncrush, xcrush (bulk: bytes out; --flags defaults to PACKET_COMPRESSED|type,\n"
    "        plus PACKET_AT_FRONT for MPPC; --stream reads records of flags u8, length u32le, data)\n"
    "Prints one JSON line: codec, size, bytes in and out, milliseconds per decode (median of --repeat),\n"
    "megapixels (pictures) or megabytes (bulk) per second.\n";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int bulk_type(const char *codec)
{
    if (!strcmp(codec, "mppc8k"))
        return WRDP_PACKET_COMPR_TYPE_8K;
    if (!strcmp(codec, "mppc64k"))
        return WRDP_PACKET_COMPR_TYPE_64K;
    if (!strcmp(codec, "ncrush"))
        return WRDP_PACKET_COMPR_TYPE_RDP6;
    if (!strcmp(codec, "xcrush"))
        return WRDP_PACKET_COMPR_TYPE_RDP61;
    return -1;
}

static wrdp_codec_decode_fn image_codec(const char *codec)
{
    if (!strcmp(codec, "rfx"))
        return wrdp_rfx_decode_stream;
    if (!strcmp(codec, "nsc"))
        return wrdp_nsc_decode;
    return wrdp_bitmap_codec_find(codec);
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f)
        fclose(f);
    if (!ok)
        fprintf(stderr, "webrdp decode: cannot write %s\n", path);
    return ok ? 0 : 1;
}

/* One bulk decode of the whole input, timed; the first call keeps a copy of the output. */
static int bulk_once(int type, bool stream, uint8_t flags, const uint8_t *in, size_t len, uint8_t **copy,
                     size_t *out_len, double *ms, wrdp_error *err)
{
    wrdp_bulk *b = wrdp_bulk_new((uint32_t)type, err);
    if (!b)
        return WRDP_ERR;
    double t0 = now_ms();
    int rc;
    const uint8_t *out = NULL;
    if (stream) {
        rc = wrdp_bulk_decompress_stream(b, in, len, out_len, err);
    } else {
        rc = wrdp_bulk_decompress(b, in, len, flags, &out, out_len, err);
    }
    *ms = now_ms() - t0;
    if (rc == WRDP_OK && copy && out) {
        *copy = malloc(*out_len ? *out_len : 1);
        if (*copy)
            memcpy(*copy, out, *out_len);
    }
    wrdp_bulk_free(b);
    return rc;
}

int tool_decode(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        fputs(usage_text, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *codec = argv[0], *path = argv[1], *out_path = NULL;
    long width = 0, height = 0, bpp = 32, repeat = 1, flags = -1;
    bool top_down = false, stream = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--top-down")) {
            top_down = true;
        } else if (!strcmp(a, "--stream")) {
            stream = true;
        } else if (v && !strcmp(a, "--width")) {
            width = strtol(v, NULL, 0), i++;
        } else if (v && !strcmp(a, "--height")) {
            height = strtol(v, NULL, 0), i++;
        } else if (v && !strcmp(a, "--bpp")) {
            bpp = strtol(v, NULL, 0), i++;
        } else if (v && !strcmp(a, "--flags")) {
            flags = strtol(v, NULL, 0), i++;
        } else if (v && !strcmp(a, "--repeat")) {
            repeat = strtol(v, NULL, 0), i++;
        } else if (v && !strcmp(a, "--out")) {
            out_path = v, i++;
        } else {
            fprintf(stderr, "webrdp decode: unknown option '%s'\n\n%s", a, usage_text);
            return 2;
        }
    }
    if (repeat < 1 || repeat > 100000) {
        fprintf(stderr, "webrdp decode: --repeat must be 1..100000\n");
        return 2;
    }
    size_t len;
    uint8_t *in = tool_read_file(path, &len);
    if (!in) {
        fprintf(stderr, "webrdp decode: cannot read %s\n", path);
        return 1;
    }
    double *times = calloc((size_t)repeat, sizeof *times);
    wrdp_error err;
    wrdp_error_clear(&err);
    int rc = 1;
    int type = bulk_type(codec);
    wrdp_codec_decode_fn fn = type < 0 ? image_codec(codec) : NULL;
    if (!times) {
        fprintf(stderr, "webrdp decode: out of memory\n");
    } else if (type >= 0) {
        /* a fresh MPPC history starts at the front; NCRUSH and XCRUSH start empty */
        uint8_t dflt = (uint8_t)(WRDP_PACKET_COMPRESSED | type |
                                 (type <= WRDP_PACKET_COMPR_TYPE_64K ? WRDP_PACKET_AT_FRONT : 0));
        uint8_t f = (uint8_t)(flags >= 0 ? flags : dflt);
        uint8_t *copy = NULL;
        size_t out_len = 0;
        int ok = WRDP_OK;
        for (long r = 0; r < repeat && ok == WRDP_OK; r++)
            ok = bulk_once(type, stream, f, in, len, r == 0 ? &copy : NULL, &out_len, &times[r], &err);
        if (ok == WRDP_OK) {
            qsort(times, (size_t)repeat, sizeof *times, cmp_double);
            double ms = times[repeat / 2];
            printf("{\"codec\":\"%s\",\"bytes_in\":%zu,\"bytes_out\":%zu,\"ms\":%.4f,\"mb_per_s\":%.1f}\n", codec, len,
                   out_len, ms, ms > 0 ? (double)out_len / 1e6 / (ms / 1e3) : 0.0);
            rc = out_path && copy ? write_file(out_path, copy, out_len) : 0;
        }
        free(copy);
    } else if (fn) {
        if (width < 1 || height < 1 || width > 8192 || height > 8192) {
            fprintf(stderr, "webrdp decode: --width and --height (1..8192) are required\n");
            free(times);
            free(in);
            return 2;
        }
        wrdp_image img;
        if (wrdp_image_init(&img, (uint32_t)width, (uint32_t)height, &err) == WRDP_OK) {
            wrdp_codec_input ci = {in, len, (uint16_t)width, (uint16_t)height, (uint8_t)bpp,
                                   top_down ? WRDP_BITMAP_TOP_DOWN : 0, NULL};
            int ok = WRDP_OK;
            for (long r = 0; r < repeat && ok == WRDP_OK; r++) {
                double t0 = now_ms();
                ok = fn(&ci, &img, 0, 0, &err);
                times[r] = now_ms() - t0;
            }
            if (ok == WRDP_OK) {
                qsort(times, (size_t)repeat, sizeof *times, cmp_double);
                double ms = times[repeat / 2];
                double mpix = (double)width * (double)height / 1e6;
                printf("{\"codec\":\"%s\",\"width\":%ld,\"height\":%ld,\"bytes_in\":%zu,\"ms\":%.4f,"
                       "\"mpix_per_s\":%.1f}\n",
                       codec, width, height, len, ms, ms > 0 ? mpix / (ms / 1e3) : 0.0);
                rc = out_path ? write_file(out_path, img.data, img.stride * img.height) : 0;
            }
            wrdp_image_free(&img);
        }
    } else {
        fprintf(stderr, "webrdp decode: unknown codec '%s'\n\n%s", codec, usage_text);
        free(times);
        free(in);
        return 2;
    }
    if (rc && err.kind != WRDP_ERROR_NONE)
        fprintf(stderr, "error: %s: %s\n", wrdp_error_kind_name(err.kind), err.message);
    free(times);
    free(in);
    return rc;
}
