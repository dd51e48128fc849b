/* RDP 8.0 bulk decompression (ZGFX): MS-RDPEGFX 2.2.4.1 (RDP_SEGMENTED_DATA,
 * RDP8_BULK_ENCODED_DATA) and 3.1.9.1 (the decoding of the bit stream).
 *
 * A compressed segment is a stream of prefix-coded tokens read MSB first: a
 * literal (an 8-bit value, or one of the frequent bytes by a short code), a
 * match (distance classes with their value bits, then a length), or a run of
 * unencoded bytes (distance 0: a 15-bit count, then byte-aligned raw bytes).
 * The last byte of the segment counts the padding bits of the byte before. */
#include <stdlib.h>
#include <string.h>

#include "webrdp/codecs/zgfx.h"

#define ZGFX_PACKET_COMPRESSED 0x20
#define ZGFX_LONGEST_PREFIX 9

/* The token table of MS-RDPEGFX 2.2.4.1.1.1: prefix length and code, then how
 * many value bits follow and what they add to. */
typedef struct zgfx_token {
    uint8_t prefix_len;
    uint16_t prefix;
    uint8_t value_bits;
    uint8_t match; /* 0 literal (value = base + bits), 1 match (distance = base + bits) */
    uint32_t base;
} zgfx_token;

static const zgfx_token TOKENS[] = {
    {1, 0x000, 8, 0, 0},         {5, 0x011, 5, 1, 0},          {5, 0x012, 7, 1, 32},
    {5, 0x013, 9, 1, 160},       {5, 0x014, 10, 1, 672},       {5, 0x015, 12, 1, 1696},
    {5, 0x018, 0, 0, 0x00},      {5, 0x019, 0, 0, 0x01},       {6, 0x02C, 14, 1, 5792},
    {6, 0x02D, 15, 1, 22176},    {6, 0x034, 0, 0, 0x02},       {6, 0x035, 0, 0, 0x03},
    {6, 0x036, 0, 0, 0xFF},      {7, 0x05C, 18, 1, 54944},     {7, 0x05D, 20, 1, 317088},
    {7, 0x06E, 0, 0, 0x04},      {7, 0x06F, 0, 0, 0x05},       {7, 0x070, 0, 0, 0x06},
    {7, 0x071, 0, 0, 0x07},      {7, 0x072, 0, 0, 0x08},       {7, 0x073, 0, 0, 0x09},
    {7, 0x074, 0, 0, 0x0A},      {7, 0x075, 0, 0, 0x0B},       {7, 0x076, 0, 0, 0x3A},
    {7, 0x077, 0, 0, 0x3B},      {7, 0x078, 0, 0, 0x3C},       {7, 0x079, 0, 0, 0x3D},
    {7, 0x07A, 0, 0, 0x3E},      {7, 0x07B, 0, 0, 0x3F},       {7, 0x07C, 0, 0, 0x40},
    {7, 0x07D, 0, 0, 0x80},      {8, 0x0BC, 20, 1, 1365664},   {8, 0x0BD, 21, 1, 2414240},
    {8, 0x0FC, 0, 0, 0x0C},      {8, 0x0FD, 0, 0, 0x38},       {8, 0x0FE, 0, 0, 0x39},
    {8, 0x0FF, 0, 0, 0x66},      {9, 0x17C, 22, 1, 4511392},   {9, 0x17D, 23, 1, 8705696},
    {9, 0x17E, 24, 1, 17094304},
};
#define TOKEN_COUNT (sizeof TOKENS / sizeof TOKENS[0])

struct wrdp_zgfx {
    uint8_t *hist; /* a ring of WRDP_ZGFX_HISTORY_SIZE bytes */
    size_t pos;    /* where the next byte goes */
    uint8_t seg[WRDP_ZGFX_SEGMENT_MAX];
};

wrdp_zgfx *wrdp_zgfx_new(void)
{
    wrdp_zgfx *z = calloc(1, sizeof *z);
    if (!z)
        return NULL;
    z->hist = calloc(WRDP_ZGFX_HISTORY_SIZE, 1);
    if (!z->hist) {
        free(z);
        return NULL;
    }
    return z;
}

void wrdp_zgfx_free(wrdp_zgfx *z)
{
    if (!z)
        return;
    free(z->hist);
    free(z);
}

void wrdp_zgfx_reset(wrdp_zgfx *z)
{
    memset(z->hist, 0, WRDP_ZGFX_HISTORY_SIZE);
    z->pos = 0;
}

typedef struct bits {
    const uint8_t *p;
    size_t at, end; /* in bits */
} bits;

/* Reads n (<= 24) bits MSB first; fails past the last data bit. */
static int get(bits *b, unsigned n, uint32_t *v)
{
    if (n > b->end - b->at)
        return WRDP_ERR;
    uint32_t r = 0;
    while (n) {
        unsigned off = (unsigned)(b->at & 7), avail = 8 - off, take = n < avail ? n : avail;
        r = r << take | ((uint32_t)b->p[b->at >> 3] >> (avail - take) & ((1u << take) - 1));
        b->at += take;
        n -= take;
    }
    *v = r;
    return WRDP_OK;
}

static inline void put(wrdp_zgfx *z, size_t *k, uint8_t c)
{
    z->hist[z->pos] = c;
    if (++z->pos == WRDP_ZGFX_HISTORY_SIZE)
        z->pos = 0;
    z->seg[(*k)++] = c;
}

static const zgfx_token *token(bits *b)
{
    uint32_t code = 0, bit;
    size_t t = 0;
    for (unsigned len = 1; len <= ZGFX_LONGEST_PREFIX; len++) {
        if (get(b, 1, &bit))
            return NULL;
        code = code << 1 | bit;
        for (; t < TOKEN_COUNT && TOKENS[t].prefix_len == len; t++)
            if (TOKENS[t].prefix == code)
                return &TOKENS[t];
    }
    return NULL;
}

/* The length of a match (3.1.9.1.3): 0 -> 3; else 1^k 0 then k+2 bits over 2^(k+2). */
static int match_length(bits *b, uint32_t *count)
{
    uint32_t bit;
    if (get(b, 1, &bit))
        return WRDP_ERR;
    if (!bit) {
        *count = 3;
        return WRDP_OK;
    }
    uint32_t n = 4, extra = 2, v;
    if (get(b, 1, &bit))
        return WRDP_ERR;
    while (bit) {
        n *= 2;
        extra++;
        if (n > WRDP_ZGFX_SEGMENT_MAX || get(b, 1, &bit))
            return WRDP_ERR;
    }
    if (get(b, extra, &v))
        return WRDP_ERR;
    *count = n + v;
    return WRDP_OK;
}

static int compressed(wrdp_zgfx *z, const uint8_t *p, size_t n, size_t *produced, wrdp_error *err)
{
    if (!n)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: a compressed segment without its padding byte");
    uint8_t pad = p[n - 1];
    size_t total = (n - 1) * 8;
    if (pad > 7 || pad > total)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: %u padding bits in a %zu-byte segment", pad, n);
    bits b = {p, 0, total - pad};
    size_t k = 0;
    while (b.at < b.end) {
        size_t at = b.at;
        const zgfx_token *t = token(&b);
        uint32_t v = 0;
        if (!t || get(&b, t->value_bits, &v))
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: a truncated or unknown token at bit %zu", at);
        if (!t->match) {
            if (k >= WRDP_ZGFX_SEGMENT_MAX)
                goto too_long;
            put(z, &k, (uint8_t)(t->base + v));
            continue;
        }
        uint32_t distance = t->base + v, count;
        if (distance == 0) { /* unencoded bytes, byte-aligned */
            if (get(&b, 15, &count))
                return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: a truncated unencoded run");
            b.at = (b.at + 7) & ~(size_t)7;
            if (b.at > b.end || count > (b.end - b.at) / 8)
                return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: %u unencoded bytes past the segment", count);
            if (count > WRDP_ZGFX_SEGMENT_MAX - k)
                goto too_long;
            const uint8_t *src = p + (b.at >> 3);
            for (uint32_t i = 0; i < count; i++)
                put(z, &k, src[i]);
            b.at += (size_t)count * 8;
            continue;
        }
        if (distance > WRDP_ZGFX_HISTORY_SIZE)
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: match distance %u beyond the history", distance);
        if (match_length(&b, &count))
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: a bad match length at bit %zu", at);
        if (count > WRDP_ZGFX_SEGMENT_MAX - k)
            goto too_long;
        /* byte by byte: an overlapping match repeats what it just wrote */
        size_t src = (z->pos + WRDP_ZGFX_HISTORY_SIZE - distance) % WRDP_ZGFX_HISTORY_SIZE;
        for (uint32_t i = 0; i < count; i++) {
            put(z, &k, z->hist[src]);
            if (++src == WRDP_ZGFX_HISTORY_SIZE)
                src = 0;
        }
    }
    *produced = k;
    return WRDP_OK;
too_long:
    return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: a segment decodes to more than %u bytes",
                          WRDP_ZGFX_SEGMENT_MAX);
}

/* One RDP8_BULK_ENCODED_DATA: header byte, then the data. */
static int segment(wrdp_zgfx *z, const uint8_t *p, size_t n, wrdp_writer *out, wrdp_error *err)
{
    if (n < 1)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: an empty segment");
    uint8_t header = p[0];
    if ((header & 0x0F) != WRDP_ZGFX_PACKET_COMPR_TYPE_RDP8)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: compression type %u is not RDP 8.0", header & 0x0F);
    p++, n--;
    if (!(header & ZGFX_PACKET_COMPRESSED)) {
        if (n > WRDP_ZGFX_SEGMENT_MAX)
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: a %zu-byte uncompressed segment", n);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            put(z, &k, p[i]);
        wrdp_wr_bytes(out, p, n);
        return wrdp_writer_status(out);
    }
    size_t k = 0;
    if (compressed(z, p, n, &k, err))
        return WRDP_ERR;
    wrdp_wr_bytes(out, z->seg, k);
    return wrdp_writer_status(out);
}

int wrdp_zgfx_decompress(wrdp_zgfx *z, const uint8_t *in, size_t len, wrdp_writer *out, wrdp_error *err)
{
    if (!z || (!in && len))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "ZGFX: no context or input");
    wrdp_cursor c;
    wrdp_cursor_init(&c, in, len, "RDP_SEGMENTED_DATA", err);
    uint8_t descriptor = wrdp_rd_u8(&c, "descriptor");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (descriptor == WRDP_ZGFX_SEGMENTED_SINGLE) {
        wrdp_bytes rest = wrdp_rd_rest(&c);
        return segment(z, rest.data, rest.len, out, err);
    }
    if (descriptor != WRDP_ZGFX_SEGMENTED_MULTIPART)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: descriptor 0x%02X", descriptor);
    uint16_t count = wrdp_rd_u16le(&c, "segmentCount");
    uint32_t size = wrdp_rd_u32le(&c, "uncompressedSize");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (size > (size_t)count * WRDP_ZGFX_SEGMENT_MAX)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: %u bytes cannot come out of %u segments", size, count);
    size_t start = out->len;
    for (uint16_t i = 0; i < count; i++) {
        uint32_t n = wrdp_rd_u32le(&c, "segment size");
        wrdp_bytes seg;
        if (wrdp_rd_bytes(&c, n, &seg, "segment"))
            return WRDP_ERR;
        if (segment(z, seg.data, seg.len, out, err))
            return WRDP_ERR;
        if (out->len - start > size)
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: segments longer than uncompressedSize %u", size);
    }
    if (out->len - start != size)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "ZGFX: %zu bytes, uncompressedSize says %u", out->len - start,
                              size);
    return WRDP_OK;
}
