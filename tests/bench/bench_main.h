/* What the two native engines (wrdp_bench.c, freerdp_bench.c) share: the
 * command line, reading the stream, timing, the JSON line.
 *   <engine> <stream.wrbs> [--repeat N] [--out FILE]
 * One untimed decode first (its output goes to --out), then N timed ones;
 * prints {"ms": median, "units": pixels or bytes, "per_s": MP/s or MB/s}. */
#ifndef WRDP_BENCH_MAIN_H
#define WRDP_BENCH_MAIN_H

#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static uint8_t *bench_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(n > 0 ? (size_t)n : 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

typedef struct bench_args {
    const char *stream, *out;
    long repeat;
} bench_args;

static int bench_parse(int argc, char **argv, bench_args *a)
{
    a->stream = NULL, a->out = NULL, a->repeat = 21;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
            a->repeat = strtol(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            a->out = argv[++i];
        else if (!a->stream)
            a->stream = argv[i];
        else
            return -1;
    }
    return a->stream && a->repeat >= 1 && a->repeat <= 100000 ? 0 : -1;
}

static int bench_write(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(p, 1, n, f) == n;
    if (f)
        fclose(f);
    return ok ? 0 : -1;
}

static void bench_report(const char *engine, const char *codec, double *times, long n, double units, int bulk)
{
    qsort(times, (size_t)n, sizeof *times, bench_cmp);
    double ms = times[n / 2];
    printf("{\"engine\":\"%s\",\"codec\":\"%s\",\"ms\":%.4f,\"units\":%.0f,\"per_s\":%.2f,\"unit\":\"%s\"}\n", engine,
           codec, ms, units, ms > 0 ? units / 1e6 / (ms / 1e3) : 0.0, bulk ? "MB/s" : "MP/s");
}

#endif
