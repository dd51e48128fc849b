/* webrdp — MPPC bulk decompression (MS-RDPBCGR 3.1.8.4): RDP 4.0 with an 8 KB
 * history and RDP 5.0 with a 64 KB history.
 *
 * The bitstream is read most significant bit first from a 64-bit accumulator
 * (bits left-aligned). Tokens: literal 0xxxxxxx (< 0x80) or 10xxxxxxx
 * (0x80 + x); copy tuples start with 11 and carry a copy-offset (a backward
 * distance, wrapping around the circular history) and a length-of-match. The
 * stream ends with fewer than 8 padding bits. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codecs/bulk_internal.h"

int wrdp_bulk_fail(wrdp_error *err, size_t offset, const char *fmt, ...)
{
    char msg[WRDP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wrdp_error_set(err, WRDP_ERROR_DECODE, "%s", msg);
    if (err) err->offset = offset;
    return WRDP_ERR;
}

int wrdp_mppc_init(wrdp_mppc *m, int rdp5, wrdp_error *err)
{
    m->size = rdp5 ? WRDP_MPPC_64K_HISTORY : WRDP_MPPC_8K_HISTORY;
    m->rdp5 = rdp5;
    m->pos = 0;
    m->hist = calloc(1, m->size);
    if (!m->hist) return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "mppc: history of %u bytes", m->size);
    return WRDP_OK;
}

void wrdp_mppc_free(wrdp_mppc *m)
{
    free(m->hist);
    m->hist = NULL;
}

void wrdp_mppc_reset(wrdp_mppc *m)
{
    memset(m->hist, 0, m->size);
    m->pos = 0;
}

/* Bit reader state, kept in locals of the decode loop. */
/* acc holds cnt valid bits, left-aligned; below 32 of them (a token part
 * takes at most 30) and with 8 bytes left a single load tops it up to 56..63
 * bits (the bits below those are the next byte's, loaded
 * again by the next refill: OR-ing equal bits changes nothing). */
#define REFILL()                                                      \
    do {                                                              \
        if (cnt >= 32) {                                              \
            /* enough for any token part (<= 30 bits) */              \
        } else if (end - p >= 8) {                                    \
            acc |= wrdp_load_be64(p) >> cnt;                          \
            p += (63 - cnt) >> 3;                                     \
            cnt |= 56;                                                \
        } else {                                                      \
            WRDP_BYTE_LOOP                                            \
            while (cnt <= 56 && p < end) {                            \
                acc |= (uint64_t)*p++ << (56 - cnt);                  \
                cnt += 8;                                             \
            }                                                         \
        }                                                             \
    } while (0)
#define CONSUME(n) \
    do {           \
        acc <<= (n); \
        cnt -= (n);  \
    } while (0)
/* input byte offset of the next unread bit */
#define BYTE_AT() ((size_t)(p - in) - (size_t)(cnt / 8))

int wrdp_mppc_decompress(wrdp_mppc *m, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                         size_t *out_len, wrdp_error *err)
{
    if (flags & WRDP_PACKET_FLUSHED) wrdp_mppc_reset(m);
    if (flags & WRDP_PACKET_AT_FRONT) m->pos = 0;
    if (!(flags & WRDP_PACKET_COMPRESSED)) {
        *out = in;
        *out_len = len;
        return WRDP_OK;
    }
    const char *name = m->rdp5 ? "mppc64k" : "mppc8k";
    uint8_t *const hist = m->hist;
    const uint32_t size = m->size, mask = size - 1;
    const int rdp5 = m->rdp5;
    const unsigned max_k = rdp5 ? 14 : 11; /* longest length-of-match prefix */
    /* copy-offset classes by the top 5 bits 11xxx (MS-RDPBCGR 3.1.8.4.1.2.2):
     * RDP 5.0 11111+6 bits, 11110+8 bits (+64), 1110+11 bits (+320),
     * 110+16 bits (+2368); RDP 4.0 1111+6 bits, 1110+8 bits (+64),
     * 110+13 bits (+320) */
    static const uint8_t need5[8] = {19, 19, 19, 19, 15, 15, 13, 11};
    static const uint32_t sub5[8] = {
        (6u << 16) - 2368, (6u << 16) - 2368, (6u << 16) - 2368, (6u << 16) - 2368,
        (14u << 11) - 320, (14u << 11) - 320, (30u << 8) - 64,    31u << 6,
    };
    static const uint8_t need4[8] = {16, 16, 16, 16, 12, 12, 10, 10};
    static const uint32_t sub4[8] = {
        (6u << 13) - 320, (6u << 13) - 320, (6u << 13) - 320, (6u << 13) - 320,
        (14u << 8) - 64,  (14u << 8) - 64,  15u << 6,         15u << 6,
    };
    const uint8_t *const off_need = rdp5 ? need5 : need4;
    const uint32_t *const off_sub = rdp5 ? sub5 : sub4;
    uint32_t pos = m->pos;
    const uint32_t start = pos;
    const uint8_t *p = in, *end = in + len;
    uint64_t acc = 0;
    int cnt = 0;

    for (;;) {
        REFILL();
        if (cnt < 8) break; /* padding */
#if defined(__wasm__)
        if ((acc >> 62) != 3) {
            /* literal 0xxxxxxx or 10xxxxxxx (0x80 + x), without a branch
             * between the two (in V8 3-5 % faster; natively 5 % slower) */
            unsigned t = (unsigned)(acc >> 62) >> 1; /* 1 for 10xxxxxxx */
            if (cnt < 8 + (int)t) goto truncated;
            if (pos >= size) goto full;
            hist[pos++] = (uint8_t)((unsigned)(acc >> (56 - t)) | t << 7);
            CONSUME(8 + t);
            continue;
        }
#else
        if (!(acc >> 63)) {
            /* literal 0xxxxxxx */
            if (pos >= size) goto full;
            hist[pos++] = (uint8_t)(acc >> 56);
            CONSUME(8);
            continue;
        }
        if (!((acc >> 62) & 1)) {
            /* literal 10xxxxxxx */
            if (cnt < 9) goto truncated;
            if (pos >= size) goto full;
            hist[pos++] = (uint8_t)(0x80 | ((acc >> 55) & 0x7F));
            CONSUME(9);
            continue;
        }
#endif
        /* copy-offset: the token's top 5 bits (11xxx) give its length and
         * the value to subtract from its bits read as one number (prefix
         * included) to get the offset; no branch between the classes */
        const unsigned cls = (unsigned)(acc >> 59) & 7;
        const int need = off_need[cls];
        uint32_t off = (uint32_t)(acc >> (64 - need)) - off_sub[cls];
        if (cnt < need) goto truncated;
        CONSUME(need);
        REFILL();
        /* length-of-match: k ones, a zero, then k+1 bits (k = 0: length 3) */
        uint32_t lom;
        if (!(acc >> 63)) {
            if (cnt < 1) goto truncated;
            lom = 3;
            CONSUME(1);
        } else {
            uint64_t inv = ~acc;
            unsigned k = inv ? (unsigned)__builtin_clzll(inv) : 64;
            if (k > max_k) {
                if (cnt < (int)k) goto truncated;
                return wrdp_bulk_fail(err, BYTE_AT(), "%s: length-of-match prefix of %u ones at byte %zu", name,
                                      k, BYTE_AT());
            }
            int bits = (int)(2 * k + 2);
            if (cnt < bits) goto truncated;
            lom = (1u << (k + 1)) + (uint32_t)((acc << (k + 1)) >> (63 - k));
            CONSUME(bits);
        }
        if (off == 0 || off >= size)
            return wrdp_bulk_fail(err, BYTE_AT(), "%s: copy-offset %u outside the %u-byte history at byte %zu",
                                  name, off, size, BYTE_AT());
        if (lom > size - pos)
            return wrdp_bulk_fail(err, BYTE_AT(),
                                  "%s: copy of %u bytes at history offset %u overruns the history at byte %zu",
                                  name, lom, pos, BYTE_AT());
        uint32_t src = (pos - off) & mask;
        if (src < pos) {
            wrdp_lz_copy(hist, pos, src, lom);
        } else {
            /* the source wraps around the end of the circular history */
            WRDP_BYTE_LOOP
            for (uint32_t i = 0; i < lom; i++) hist[pos + i] = hist[(src + i) & mask];
        }
        pos += lom;
    }
    *out = hist + start;
    *out_len = pos - start;
    m->pos = pos;
    return WRDP_OK;

full:
    return wrdp_bulk_fail(err, BYTE_AT(), "%s: literal past the end of the %u-byte history at byte %zu", name,
                          size, BYTE_AT());
truncated:
    return wrdp_bulk_fail(err, len, "%s: truncated token at the end of the %zu-byte input", name, len);
}
