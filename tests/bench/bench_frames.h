/* webrdp's side of the decode benchmark: one .wrbs stream (bench_stream.h)
 * decoded whole by our decoders, the same code natively (wrdp_bench.c) and in
 * the bench-only wasm module (src/wasm/CMakeLists.txt, webrdp_bench.wasm). */
#ifndef WRDP_BENCH_FRAMES_H
#define WRDP_BENCH_FRAMES_H

#include <stddef.h>
#include <stdint.h>

typedef struct wrdp_bench wrdp_bench;

/* Parses the stream and makes the decoder contexts and the output frame;
 * `data` must outlive the handle. NULL on a malformed stream or no memory. */
wrdp_bench *wrdp_bench_open(const uint8_t *data, size_t len);
/* Decodes every record once (bulk: from a reset history). keep != 0 also
 * copies the bulk output (for the correctness check; not timed). 0 or -1. */
int wrdp_bench_decode(wrdp_bench *b, int keep);
/* RGBA frame (width*height*4) or the concatenated bulk output. */
const uint8_t *wrdp_bench_output(const wrdp_bench *b);
size_t wrdp_bench_output_len(const wrdp_bench *b);
/* Units of work of one decode: pixels of the frame, or bytes out for bulk. */
double wrdp_bench_units(const wrdp_bench *b);
const char *wrdp_bench_error(const wrdp_bench *b);
void wrdp_bench_close(wrdp_bench *b);

#endif
