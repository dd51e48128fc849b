/* webrdp's native engine of the decode benchmark (bench_main.h, bench_frames.h). */
#include "bench_main.h" /* first: it sets _POSIX_C_SOURCE */
#include "bench_frames.h"
#include "bench_stream.h"

int main(int argc, char **argv)
{
    bench_args a;
    if (bench_parse(argc, argv, &a)) {
        fprintf(stderr, "usage: wrdp_bench <stream.wrbs> [--repeat N] [--out FILE]\n");
        return 2;
    }
    size_t len;
    uint8_t *data = bench_read(a.stream, &len);
    bench_stream s;
    wrdp_bench *b = data && bench_stream_header(data, len, &s) >= 0 ? wrdp_bench_open(data, len) : NULL;
    if (!b) {
        fprintf(stderr, "wrdp_bench: cannot open %s\n", a.stream);
        return 1;
    }
    if (wrdp_bench_decode(b, 1)) {
        fprintf(stderr, "wrdp_bench: %s: %s\n", a.stream, wrdp_bench_error(b));
        return 1;
    }
    if (a.out && bench_write(a.out, wrdp_bench_output(b), wrdp_bench_output_len(b))) {
        fprintf(stderr, "wrdp_bench: cannot write %s\n", a.out);
        return 1;
    }
    double *times = calloc((size_t)a.repeat, sizeof *times);
    for (long r = 0; r < a.repeat; r++) {
        double t0 = bench_now_ms();
        if (wrdp_bench_decode(b, 0)) {
            fprintf(stderr, "wrdp_bench: %s: %s\n", a.stream, wrdp_bench_error(b));
            return 1;
        }
        times[r] = bench_now_ms() - t0;
    }
    bench_report("native", s.codec, times, a.repeat, wrdp_bench_units(b), bench_is_bulk(s.codec));
    free(times);
    wrdp_bench_close(b);
    free(data);
    return 0;
}
