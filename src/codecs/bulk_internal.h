/* webrdp — the bulk decompressors behind wrdp_bulk (bulk.c): MPPC (mppc.c),
 * NCRUSH (ncrush.c) and XCRUSH (xcrush.c). Internal to src/codecs. */
#ifndef WRDP_CODECS_BULK_INTERNAL_H
#define WRDP_CODECS_BULK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "webrdp/codecs/bulk.h"
#include "webrdp/error.h"

/* Records a decode error at input byte `offset`; returns WRDP_ERR. */
int wrdp_bulk_fail(wrdp_error *err, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* MPPC (RDP 4.0 8K / RDP 5.0 64K). */
typedef struct wrdp_mppc {
    uint8_t *hist;  /* size bytes */
    uint32_t size;  /* 8192 or 65536 */
    uint32_t pos;   /* HistoryOffset */
    int rdp5;
} wrdp_mppc;

int wrdp_mppc_init(wrdp_mppc *m, int rdp5, wrdp_error *err);
void wrdp_mppc_free(wrdp_mppc *m);
void wrdp_mppc_reset(wrdp_mppc *m);
int wrdp_mppc_decompress(wrdp_mppc *m, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                         size_t *out_len, wrdp_error *err);

/* NCRUSH (RDP 6.0). */
typedef struct wrdp_ncrush wrdp_ncrush;
wrdp_ncrush *wrdp_ncrush_new(wrdp_error *err);
void wrdp_ncrush_free(wrdp_ncrush *n);
void wrdp_ncrush_reset(wrdp_ncrush *n);
int wrdp_ncrush_decompress(wrdp_ncrush *n, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                           size_t *out_len, wrdp_error *err);

/* XCRUSH (RDP 6.1). */
typedef struct wrdp_xcrush wrdp_xcrush;
wrdp_xcrush *wrdp_xcrush_new(wrdp_error *err);
void wrdp_xcrush_free(wrdp_xcrush *x);
void wrdp_xcrush_reset(wrdp_xcrush *x);
int wrdp_xcrush_decompress(wrdp_xcrush *x, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                           size_t *out_len, wrdp_error *err);

/* Unaligned 64-bit loads for the bit readers' refills. */
static inline uint64_t wrdp_load_le64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}
/* In wasm there is no byte swap instruction: __builtin_bswap64 becomes ~20
 * shifts, masks and ORs. With SIMD128 one byte shuffle of a 64-bit lane does
 * it (i8x16.shuffle, a single pshufb in V8). */
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif
static inline uint64_t wrdp_load_be64(const uint8_t *p)
{
    uint64_t v;
#if defined(__wasm_simd128__)
    v128_t b = wasm_v128_load64_zero(p);
    b = wasm_i8x16_swizzle(b, wasm_i8x16_const(7, 6, 5, 4, 3, 2, 1, 0, 8, 9, 10, 11, 12, 13, 14, 15));
    v = (uint64_t)wasm_i64x2_extract_lane(b, 0);
#else
    memcpy(&v, p, 8);
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
#endif
    return v;
}

/* The short copy loops (8-byte steps, match tails, overlapping matches):
 * vectorised, their runtime overlap checks and remainder loops cost more than
 * they save for the few bytes they copy (wasm SIMD: NCRUSH 11-16 % slower than
 * without SIMD). */
#if defined(__clang__)
#define WRDP_BYTE_LOOP _Pragma("clang loop vectorize(disable) interleave(disable)")
#else
#define WRDP_BYTE_LOOP
#endif

/* memcpy for buffers that do not overlap, short ones inline in 8-byte steps
 * (in wasm memcpy is a libc call). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void wrdp_copy_bytes(uint8_t *d, const uint8_t *s, size_t len)
{
    if (len >= 64) {
        memcpy(d, s, len);
        return;
    }
    size_t i = 0;
    WRDP_BYTE_LOOP
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        memcpy(d + i, &v, 8);
    }
    WRDP_BYTE_LOOP
    for (; i < len; i++) d[i] = s[i];
}

/* Copies len bytes from hist[src] to hist[dst] the LZ77 way (a source that
 * overlaps the destination repeats the pattern); src + len and dst + len are
 * within the buffer. Short matches, the common case, are copied inline in
 * 8-byte steps (no memcpy call: in wasm that is a libc function call); a
 * forward copy in 8-byte steps is exact whenever the source is at least 8
 * bytes behind the destination, overlapping or not. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void wrdp_lz_copy(uint8_t *hist, size_t dst, size_t src, size_t len)
{
    uint8_t *d = hist + dst;
    const uint8_t *s = hist + src;
    if (dst > src) {
        size_t dist = dst - src;
        if (dist >= 8) {
            if (len >= 64 && dist >= len) {
                memcpy(d, s, len);
                return;
            }
            size_t i = 0;
            WRDP_BYTE_LOOP
            for (; i + 8 <= len; i += 8) {
                uint64_t v;
                memcpy(&v, s + i, 8);
                memcpy(d + i, &v, 8);
            }
            WRDP_BYTE_LOOP
            for (; i < len; i++) d[i] = s[i];
            return;
        }
        if (dist == 1) {
            uint8_t c = *s;
            if (len >= 64) {
                memset(d, c, len);
                return;
            }
            WRDP_BYTE_LOOP
            for (size_t i = 0; i < len; i++) d[i] = c;
            return;
        }
        WRDP_BYTE_LOOP
        for (size_t i = 0; i < len; i++) d[i] = s[i];
        return;
    }
    if (src - dst >= len)
        memcpy(d, s, len);
    else
        memmove(d, s, len); /* a backward source: memmove's forward copy is the LZ77 result */
}

#endif
