/* webrdp — NCRUSH bulk decompression (RDP 6.0 bulk compression, MS-RDPEGDI
 * 3.1.8.1): LZ77 over a 64 KB history whose literals, end-of-stream marker and
 * copy offsets share one Huffman code (LEC, 294 symbols) and whose lengths of
 * match use another (LOM, 32 symbols), with a cache of the last four offsets.
 *
 * The bitstream is little-endian, least significant bit first. The code tables
 * below are the specification's HuffLengthLEC / HuffLengthLOM (the code words,
 * HuffCodeLEC / HuffCodeLOM, are the canonical Huffman codes of these lengths
 * with their bits reversed, so they are rebuilt from the lengths) and its
 * CopyOffsetBitsLUT / CopyOffsetBaseLUT / LOMBitsLUT / LOMBaseLUT. From them
 * each context builds direct lookup tables indexed by the next 13 (LEC) or
 * 9 (LOM) bits. */
#include <stdlib.h>
#include <string.h>

#include "codecs/bulk_internal.h"

#define LEC_SYMBOLS 294
#define LEC_BITS 13
#define LOM_SYMBOLS 32
#define LOM_BITS 9
#define HIST_END 65535u /* HistoryEndOffset: the last usable byte is 65534 */

/* MS-RDPEGDI 3.1.8.1.4.1 HuffLengthLEC (symbol 293 is an unused 13-bit code). */
static const uint8_t huff_length_lec[LEC_SYMBOLS] = {
    6,  6,  6,  7,  7,  7,  7,  7,  7,  7,  7,  8,  8,  8,  8,  8,  /*   0 */
    8,  8,  9,  8,  9,  9,  9,  9,  8,  8,  9,  9,  9,  9,  9,  9,  /*  16 */
    8,  9,  9,  10, 9,  9,  9,  9,  9,  9,  9,  10, 9,  10, 10, 10, /*  32 */
    9,  9,  10, 9,  10, 9,  10, 9,  9,  9,  10, 10, 9,  10, 9,  9,  /*  48 */
    8,  9,  9,  9,  9,  10, 10, 10, 9,  9,  10, 10, 10, 10, 10, 10, /*  64 */
    9,  9,  10, 10, 10, 10, 10, 10, 10, 9,  10, 10, 10, 10, 10, 10, /*  80 */
    8,  10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, /*  96 */
    9,  10, 10, 10, 10, 10, 10, 10, 9,  10, 10, 10, 10, 10, 10, 9,  /* 112 */
    7,  9,  9,  10, 9,  10, 10, 10, 9,  10, 10, 10, 10, 10, 10, 10, /* 128 */
    9,  10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, /* 144 */
    10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 13, 10, 10, 10, 10, /* 160 */
    10, 10, 11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, /* 176 */
    9,  10, 10, 10, 10, 10, 9,  10, 10, 10, 10, 10, 9,  10, 10, 10, /* 192 */
    9,  10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, /* 208 */
    9,  10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9,  10, /* 224 */
    8,  9,  9,  10, 9,  10, 10, 10, 9,  10, 10, 10, 9,  9,  8,  7,  /* 240 */
    13, 13, 7,  7,  10, 7,  7,  6,  6,  6,  6,  5,  6,  6,  6,  5,  /* 256 */
    6,  5,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  /* 272 */
    8,  5,  6,  7,  7,  13,                                         /* 288 */
};

/* MS-RDPEGDI 3.1.8.1.4.2 HuffLengthLOM. */
static const uint8_t huff_length_lom[LOM_SYMBOLS] = {
    4, 2, 3, 4, 3, 4, 4, 5, 4, 5, 5, 6, 6, 7, 7, 8, 7, 8, 8, 9, 9, 8, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
};

/* MS-RDPEGDI 3.1.8.1.4.1 CopyOffsetBitsLUT / CopyOffsetBaseLUT. */
static const uint8_t copy_offset_bits[32] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14,
};
static const uint32_t copy_offset_base[32] = {
    0x1,   0x2,   0x3,   0x4,   0x5,   0x7,   0x9,    0xD,    0x11,   0x19,   0x21,
    0x31,  0x41,  0x61,  0x81,  0xC1,  0x101, 0x181,  0x201,  0x301,  0x401,  0x601,
    0x801, 0xC01, 0x1001, 0x1801, 0x2001, 0x3001, 0x4001, 0x6001, 0x8001, 0xC001,
};

/* MS-RDPEGDI 3.1.8.1.4.2 LOMBitsLUT / LOMBaseLUT (30 entries; LOM symbols 30
 * and 31 have codes but no meaning). */
#define LOM_LUT 30
static const uint8_t lom_bits[LOM_LUT] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 6, 6, 8, 8, 14, 14,
};
static const uint16_t lom_base[LOM_LUT] = {
    0x2,  0x3,  0x4,  0x5,  0x6,  0x7,  0x8,  0x9,  0xA,  0xC,  0xE,   0x10,  0x12, 0x16, 0x1A,
    0x1E, 0x22, 0x2A, 0x32, 0x3A, 0x42, 0x52, 0x62, 0x72, 0x82, 0xC2, 0x102, 0x202, 0x2,  0x2,
};

struct wrdp_ncrush {
    uint8_t hist[65536];
    uint32_t pos; /* HistoryOffset */
    uint32_t offset_cache[4];
    uint16_t lec[1u << LEC_BITS]; /* length << 12 | symbol; 0 = no code */
    uint16_t lom[1u << LOM_BITS];
};

/* Fills a direct lookup table from code lengths: canonical codes assigned in
 * symbol order within each length, bit-reversed for the LSB-first stream. */
static void build_table(uint16_t *table, unsigned table_bits, const uint8_t *lengths, unsigned n)
{
    unsigned count[16] = {0}, next[16] = {0};
    memset(table, 0, sizeof(uint16_t) << table_bits);
    for (unsigned i = 0; i < n; i++) count[lengths[i]]++;
    count[0] = 0;
    unsigned code = 0;
    for (unsigned l = 1; l < 16; l++) {
        code = (code + count[l - 1]) << 1;
        next[l] = code;
    }
    for (unsigned s = 0; s < n; s++) {
        unsigned l = lengths[s];
        if (!l || l > table_bits) continue;
        unsigned c = next[l]++;
        if (c >= (1u << l)) continue; /* over-subscribed: leave undecodable */
        unsigned r = 0;
        for (unsigned b = 0; b < l; b++) r |= ((c >> b) & 1u) << (l - 1 - b);
        for (unsigned f = r; f < (1u << table_bits); f += 1u << l) table[f] = (uint16_t)(l << 12 | s);
    }
}

wrdp_ncrush *wrdp_ncrush_new(wrdp_error *err)
{
    wrdp_ncrush *n = calloc(1, sizeof *n);
    if (!n) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "ncrush: context");
        return NULL;
    }
    build_table(n->lec, LEC_BITS, huff_length_lec, LEC_SYMBOLS);
    build_table(n->lom, LOM_BITS, huff_length_lom, LOM_SYMBOLS);
    return n;
}

void wrdp_ncrush_free(wrdp_ncrush *n)
{
    free(n);
}

void wrdp_ncrush_reset(wrdp_ncrush *n)
{
    memset(n->hist, 0, sizeof n->hist);
    memset(n->offset_cache, 0, sizeof n->offset_cache);
    n->pos = 0;
}

/* acc holds cnt valid bits at the bottom; below 32 of them (a code and its
 * extra bits take at most 27) and with 8 bytes left a single load tops it up
 * to 56..63 bits (bits above cnt are the next byte's, loaded again
 * by the next refill: OR-ing equal bits changes nothing). */
#define REFILL()                                 \
    do {                                         \
        if (cnt >= 32) {                         \
            /* enough for a code and its bits */ \
        } else if (end - p >= 8) {               \
            acc |= wrdp_load_le64(p) << cnt;     \
            p += (63 - cnt) >> 3;                \
            cnt |= 56;                           \
        } else {                                 \
            WRDP_BYTE_LOOP                       \
            while (cnt <= 56 && p < end) {       \
                acc |= (uint64_t)*p++ << cnt;    \
                cnt += 8;                        \
            }                                    \
        }                                        \
    } while (0)
#define TAKE(nb)                  \
    do {                          \
        if (cnt < (int)(nb)) goto truncated; \
        acc >>= (nb);             \
        cnt -= (int)(nb);         \
    } while (0)
#define BYTE_AT() ((size_t)(p - in) - (size_t)(cnt / 8))

int wrdp_ncrush_decompress(wrdp_ncrush *n, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                           size_t *out_len, wrdp_error *err)
{
    if (flags & WRDP_PACKET_AT_FRONT) {
        /* slide back by half the history (MS-RDPEGDI 3.1.8.1.3) */
        if (n->pos < 32768)
            return wrdp_bulk_fail(err, 0, "ncrush: PACKET_AT_FRONT with only %u bytes of history", n->pos);
        memmove(n->hist, n->hist + n->pos - 32768, 32768);
        memset(n->hist + 32768, 0, 32768);
        n->pos = 32768;
    }
    if (flags & WRDP_PACKET_FLUSHED) wrdp_ncrush_reset(n);
    if (!(flags & WRDP_PACKET_COMPRESSED)) {
        *out = in;
        *out_len = len;
        return WRDP_OK;
    }

    uint8_t *const hist = n->hist;
    const uint16_t *const lec = n->lec, *const lomt = n->lom;
    uint32_t *const cache = n->offset_cache;
    uint32_t pos = n->pos;
    const uint32_t start = pos;
    const uint8_t *p = in, *end = in + len;
    uint64_t acc = 0;
    int cnt = 0;

    for (;;) {
        REFILL();
        uint32_t e = lec[acc & ((1u << LEC_BITS) - 1)];
        uint32_t l = e >> 12, sym = e & 0xFFF;
        if (!l) return wrdp_bulk_fail(err, BYTE_AT(), "ncrush: invalid LEC code at byte %zu", BYTE_AT());
        TAKE(l);
        if (sym < 256) {
            if (pos >= HIST_END)
                return wrdp_bulk_fail(err, BYTE_AT(), "ncrush: literal past the end of the history at byte %zu",
                                      BYTE_AT());
            hist[pos++] = (uint8_t)sym;
            continue;
        }
        if (sym == 256) break; /* end of stream */
        uint32_t off;
        if (sym < 289) {
            uint32_t idx = sym - 257, nb = copy_offset_bits[idx];
            off = copy_offset_base[idx] - 1;
            if (nb) {
                off += (uint32_t)(acc & ((1u << nb) - 1));
                TAKE(nb);
            }
            REFILL();
            cache[3] = cache[2];
            cache[2] = cache[1];
            cache[1] = cache[0];
            cache[0] = off;
        } else if (sym < 293) {
            uint32_t ci = sym - 289;
            off = cache[ci];
            cache[ci] = cache[0];
            cache[0] = off;
        } else {
            return wrdp_bulk_fail(err, BYTE_AT(), "ncrush: invalid LEC symbol %u at byte %zu", sym, BYTE_AT());
        }
        e = lomt[acc & ((1u << LOM_BITS) - 1)];
        l = e >> 12;
        sym = e & 0xFFF;
        if (!l || sym >= LOM_LUT)
            return wrdp_bulk_fail(err, BYTE_AT(), "ncrush: invalid length-of-match code at byte %zu", BYTE_AT());
        TAKE(l);
        uint32_t lom = lom_base[sym], nb = lom_bits[sym];
        if (nb) {
            lom += (uint32_t)(acc & ((1u << nb) - 1));
            TAKE(nb);
        }
        if (off == 0 || off > 65535)
            return wrdp_bulk_fail(err, BYTE_AT(), "ncrush: copy-offset %u at byte %zu", off, BYTE_AT());
        if (lom > HIST_END - pos)
            return wrdp_bulk_fail(err, BYTE_AT(),
                                  "ncrush: copy of %u bytes at history offset %u overruns the history at byte %zu",
                                  lom, pos, BYTE_AT());
        if (off <= pos) {
            wrdp_lz_copy(hist, pos, pos - off, lom);
        } else {
            uint32_t src = (pos - off) & 0xFFFF;
            WRDP_BYTE_LOOP
            for (uint32_t i = 0; i < lom; i++) hist[pos + i] = hist[(src + i) & 0xFFFF];
        }
        pos += lom;
    }
    *out = hist + start;
    *out_len = pos - start;
    n->pos = pos;
    return WRDP_OK;

truncated:
    return wrdp_bulk_fail(err, len, "ncrush: truncated stream (no end-of-stream code in %zu bytes)", len);
}
