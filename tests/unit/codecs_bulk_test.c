/* Bulk decompression (MPPC 8K/64K, NCRUSH, XCRUSH): FreeRDP's public vectors,
 * the RDP 6.1 example of MS-RDPEGDI 4.7, every truncation of every vector,
 * history carried across packets, PACKET_FLUSHED / PACKET_AT_FRONT, and lying
 * streams (errors that leave the context usable after a flush). */
#include <stdbool.h>

#include "test.h"
#include "webrdp/codecs/bulk.h"
#include "webrdp/error.h"

#define DIR "vectors/codec/bulk/"

/* ---- a tiny MPPC encoder for hand-made streams */
typedef struct {
    uint8_t buf[70000];
    size_t bits;
    int rdp5;
} enc;

static void put(enc *e, uint32_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, e->bits++) {
        if (!(e->bits & 7)) e->buf[e->bits >> 3] = 0;
        if ((v >> i) & 1) e->buf[e->bits >> 3] |= (uint8_t)(0x80 >> (e->bits & 7));
    }
}
static void lit(enc *e, uint8_t c)
{
    if (c < 0x80) put(e, c, 8);
    else put(e, 0x100 | (c & 0x7F), 9);
}
static void copy(enc *e, uint32_t off, uint32_t len)
{
    if (e->rdp5) {
        if (off < 64) put(e, 0x7C0 | off, 11);
        else if (off < 320) put(e, (0x1Eu << 8) | (off - 64), 13);
        else if (off < 2368) put(e, (0xEu << 11) | (off - 320), 15);
        else put(e, (0x6u << 16) | (off - 2368), 19);
    } else {
        if (off < 64) put(e, 0x3C0 | off, 10);
        else if (off < 320) put(e, (0xEu << 8) | (off - 64), 12);
        else put(e, (0x6u << 13) | (off - 320), 16);
    }
    if (len == 3) {
        put(e, 0, 1);
        return;
    }
    int k = 31 - __builtin_clz(len) - 1;
    put(e, ((1u << k) - 1) << 1, k + 1);
    put(e, len - (1u << (k + 1)), k + 1);
}
static size_t finish(enc *e)
{
    return (e->bits + 7) / 8;
}

static int decode(wrdp_bulk *b, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out, size_t *out_len)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    int rc = wrdp_bulk_decompress(b, in, len, flags, out, out_len, &err);
    if (rc < 0) {
        CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
        CHECK(err.message[0] != 0);
    }
    return rc;
}

typedef struct {
    const char *file, *expected;
    uint8_t flags;
} vector;

static const vector vectors[] = {
    {"mppc_rdp4_bells.bin", "bells.txt", 0x60},
    {"mppc_rdp5_bells.bin", "bells.txt", 0x61},
    {"mppc_rdp5_island.bin", "island.txt", 0x61},
    {"mppc_rdp5_buffer.bin", "mppc_rdp5_buffer.expected.bin", 0x61},
    {"ncrush_bells.bin", "bells.txt", 0x22},
    {"xcrush_island.bin", "island.txt", 0x23},
    {"xcrush_bells.bin", "bells.txt", 0x03}, /* sent uncompressed */
};

static void test_vectors(void)
{
    for (size_t v = 0; v < sizeof vectors / sizeof vectors[0]; v++) {
        char path[256];
        size_t in_len, exp_len;
        snprintf(path, sizeof path, DIR "%s", vectors[v].file);
        uint8_t *in = test_read_file(path, &in_len);
        snprintf(path, sizeof path, DIR "%s", vectors[v].expected);
        uint8_t *exp = test_read_file(path, &exp_len);

        wrdp_error err;
        wrdp_bulk *b = wrdp_bulk_new(vectors[v].flags & 0x0F, &err);
        CHECK(b != NULL);
        const uint8_t *out;
        size_t out_len;
        int rc = decode(b, in, in_len, vectors[v].flags, &out, &out_len);
        CHECK_MSG(rc == 0, "%s", vectors[v].file);
        CHECK_EQ(out_len, exp_len);
        if (rc == 0 && out_len == exp_len) CHECK_MSG(memcmp(out, exp, exp_len) == 0, "%s", vectors[v].file);

        /* the same packet again, flushed first: same output */
        rc = decode(b, in, in_len, (uint8_t)(vectors[v].flags | WRDP_PACKET_FLUSHED), &out, &out_len);
        CHECK(rc == 0 && out_len == exp_len && memcmp(out, exp, exp_len) == 0);

        /* every truncation, on a fresh context each (no crash, no overrun;
         * success only with output that fits the history) */
        for (size_t cut = 0; cut < in_len; cut++) {
            uint8_t *t = malloc(cut ? cut : 1); /* exact size: ASan sees any overread */
            memcpy(t, in, cut);
            wrdp_bulk_reset(b);
            rc = decode(b, t, cut, vectors[v].flags, &out, &out_len);
            if (rc == 0) CHECK(out_len <= 2000000);
            free(t);
        }
        /* still usable after all that */
        rc = decode(b, in, in_len, (uint8_t)(vectors[v].flags | WRDP_PACKET_FLUSHED), &out, &out_len);
        CHECK(rc == 0 && out_len == exp_len && memcmp(out, exp, exp_len) == 0);
        wrdp_bulk_free(b);
        free(in);
        free(exp);
    }
}

/* MS-RDPEGDI 4.7: two RDP 6.1 packets, the second matching into the first. */
static void test_rdp61_spec_example(void)
{
    uint8_t p1[32], p2[64];
    size_t n1 = test_hex("16 80 61 62 63 64 65 66 67 68 69 6a", p1, sizeof p1);
    size_t n2 = test_hex("11 21 02 00 09 00 05 00 03 00 00 00 04 00 0e 00 00 00 00 00 6b 6c 6d 6e 6f 75", p2,
                         sizeof p2);
    /* the example shows the data after level-2 decompression: clear L1_INNER
     * and PACKET_COMPRESSED of level 2 so that it is taken as it stands */
    p2[0] &= (uint8_t)~WRDP_L1_INNER_COMPRESSION;
    p2[1] = 0;
    wrdp_error err;
    wrdp_bulk *b = wrdp_bulk_new(3, &err);
    const uint8_t *out;
    size_t out_len;
    CHECK(decode(b, p1, n1, 0x23, &out, &out_len) == 0);
    CHECK(out_len == 10 && memcmp(out, "abcdefghij", 10) == 0);
    CHECK(decode(b, p2, n2, 0x23, &out, &out_len) == 0);
    CHECK_EQ(out_len, 19);
    CHECK(out_len == 19 && memcmp(out, "klmnodefghijklabcdu", 19) == 0);

    /* lying matches: history offset ahead of the output, output offsets going
     * back, too few literals, counts past the end */
    uint8_t bad[64];
    memcpy(bad, p2, n2);
    bad[8] = 0x40; /* MatchHistoryOffset 64: not written yet */
    CHECK(decode(b, bad, n2, 0x23, &out, &out_len) < 0);
    memcpy(bad, p2, n2);
    bad[14] = 0x01; /* second match output offset 1 < 14 */
    CHECK(decode(b, bad, n2, 0x23, &out, &out_len) < 0);
    memcpy(bad, p2, n2);
    bad[2] = 0xFF; /* 255 matches */
    CHECK(decode(b, bad, n2, 0x23, &out, &out_len) < 0);
    CHECK(decode(b, p2, n2 - 6, 0x23, &out, &out_len) < 0); /* no literals for the first gap */
    bad[0] = 0x00;                                          /* neither compressed nor raw */
    CHECK(decode(b, bad, n2, 0x23, &out, &out_len) < 0);
    CHECK(decode(b, p2, 1, 0x23, &out, &out_len) < 0);
    /* usable after a flush */
    CHECK(decode(b, p1, n1, 0xA3, &out, &out_len) == 0);
    CHECK(decode(b, p2, n2, 0x23, &out, &out_len) == 0);
    CHECK(out_len == 19 && memcmp(out, "klmnodefghijklabcdu", 19) == 0);

    /* the same two packets as a record stream */
    uint8_t st[128];
    size_t n = 0;
    st[n++] = 0xA3;
    st[n++] = (uint8_t)n1, st[n++] = 0, st[n++] = 0, st[n++] = 0;
    memcpy(st + n, p1, n1), n += n1;
    st[n++] = 0x23;
    st[n++] = (uint8_t)n2, st[n++] = 0, st[n++] = 0, st[n++] = 0;
    memcpy(st + n, p2, n2), n += n2;
    size_t total = 0;
    CHECK(wrdp_bulk_decompress_stream(b, st, n, &total, &err) == 0);
    CHECK_EQ(total, 29);
    for (size_t cut = 0; cut < n; cut++) {
        wrdp_error_clear(&err);
        int rc = wrdp_bulk_decompress_stream(b, st, cut, &total, &err);
        if (cut == 0 || cut == 5 + n1) CHECK(rc == 0);
        else CHECK(rc < 0 && err.kind == WRDP_ERROR_DECODE);
    }
    wrdp_bulk_free(b);
}

static void test_mppc_history(int rdp5)
{
    static enc e;
    const uint8_t type = rdp5 ? 1 : 0;
    const uint32_t size = rdp5 ? 65536 : 8192;
    const char *text = "for.whom.the.bell.tolls,.the.bell.tolls.for.thee!";
    wrdp_error err;
    wrdp_bulk *b = wrdp_bulk_new(type, &err);
    const uint8_t *out;
    size_t out_len;

    /* packet 1: literals; packet 2: one copy of all of packet 1 */
    e.rdp5 = rdp5;
    e.bits = 0;
    for (const char *c = text; *c; c++) lit(&e, (uint8_t)*c);
    lit(&e, 0xE9);
    CHECK(decode(b, e.buf, finish(&e), 0x60 | type, &out, &out_len) == 0);
    CHECK(out_len == 50 && memcmp(out, text, 49) == 0 && out[49] == 0xE9);
    e.bits = 0;
    copy(&e, 50, 50);
    copy(&e, 1, 7);   /* run of 0xE9 */
    copy(&e, 107, 3); /* "for" */
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) == 0);
    CHECK_EQ(out_len, 60);
    CHECK(out_len == 60 && memcmp(out, text, 49) == 0 && memcmp(out + 50, "\xE9\xE9\xE9\xE9\xE9\xE9\xE9", 7) == 0 &&
          memcmp(out + 57, "for", 3) == 0);

    /* an uncompressed packet comes back as it is and leaves the history alone */
    CHECK(decode(b, (const uint8_t *)"xyz", 3, type, &out, &out_len) == 0);
    CHECK(out_len == 3 && memcmp(out, "xyz", 3) == 0);
    e.bits = 0;
    copy(&e, 60, 4);
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) == 0);
    CHECK(out_len == 4 && memcmp(out, "for.", 4) == 0);

    /* fill the history to 10 bytes before its end, then PACKET_AT_FRONT with a
     * copy that reaches back across the wrap to those last 10 bytes */
    uint32_t filled = 114;
    while (filled < size - 10) {
        uint32_t n = size - 10 - filled;
        if (n > 4000) n = 4000;
        e.bits = 0;
        for (uint32_t i = 0; i < n; i++) lit(&e, (uint8_t)((filled + i) * 7));
        CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) == 0);
        CHECK_EQ(out_len, n);
        filled += n;
    }
    e.bits = 0;
    for (int i = 0; i < 10; i++) lit(&e, (uint8_t)('0' + i));
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) == 0);
    /* the history is full: one more literal does not fit */
    e.bits = 0;
    lit(&e, 'x');
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) < 0);
    e.bits = 0;
    copy(&e, 10, 10);
    copy(&e, 5, 3);
    CHECK(decode(b, e.buf, finish(&e), 0x60 | type, &out, &out_len) == 0);
    CHECK(out_len == 13 && memcmp(out, "0123456789567", 13) == 0);

    /* PACKET_FLUSHED: the history is zeros, and all of it is valid */
    e.bits = 0;
    copy(&e, 100, 5);
    CHECK(decode(b, e.buf, finish(&e), 0xA0 | type, &out, &out_len) == 0);
    CHECK(out_len == 5 && memcmp(out, "\0\0\0\0\0", 5) == 0);

    /* lying streams: offset 0, a copy running past the end, a length prefix
     * too long for the history, a truncated tuple */
    e.bits = 0;
    copy(&e, 0, 3);
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) < 0);
    e.bits = 0;
    copy(&e, 5, size - 2);
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) < 0);
    e.bits = 0;
    put(&e, rdp5 ? 0x7C1 : 0x3C1, rdp5 ? 11 : 10);
    put(&e, 0xFFFF, 16);
    put(&e, 0, 16);
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) < 0);
    e.bits = 0;
    put(&e, 0x6, 3);
    CHECK(decode(b, e.buf, finish(&e), 0x20 | type, &out, &out_len) < 0);
    /* usable after a flush */
    e.bits = 0;
    for (const char *c = text; *c; c++) lit(&e, (uint8_t)*c);
    copy(&e, 49, 49);
    CHECK(decode(b, e.buf, finish(&e), 0xA0 | type, &out, &out_len) == 0);
    CHECK(out_len == 98 && memcmp(out, text, 49) == 0 && memcmp(out + 49, text, 49) == 0);
    wrdp_bulk_free(b);
}

static void test_misc(void)
{
    wrdp_error err;
    CHECK(wrdp_bulk_new(4, &err) == NULL);
    CHECK_EQ(err.kind, WRDP_ERROR_INVALID_ARGUMENT);
    wrdp_bulk *b = wrdp_bulk_new(1, &err);
    const uint8_t *out;
    size_t out_len;
    /* unknown type with a compression flag */
    CHECK(decode(b, (const uint8_t *)"ab", 2, 0x25, &out, &out_len) < 0);
    /* no flags at all: data as it is, whatever the type bits */
    CHECK(decode(b, (const uint8_t *)"ab", 2, 0x07, &out, &out_len) == 0 && out_len == 2);
    /* NCRUSH at-front with too little history */
    CHECK(decode(b, (const uint8_t *)"ab", 2, 0x62, &out, &out_len) < 0);
    /* NCRUSH empty and garbage input */
    CHECK(decode(b, NULL, 0, 0x22, &out, &out_len) < 0);
    uint8_t junk[64];
    for (int seed = 0; seed < 2000; seed++) {
        for (int i = 0; i < 64; i++) junk[i] = (uint8_t)((seed * 131 + i * 29) ^ (i * seed));
        for (uint8_t t = 0; t < 4; t++) {
            decode(b, junk, (size_t)(seed % 64), (uint8_t)(0x20 | t | (seed & 0x80)), &out, &out_len);
        }
    }
    wrdp_bulk_free(b);
}

int main(void)
{
    test_vectors();
    test_rdp61_spec_example();
    test_mppc_history(0);
    test_mppc_history(1);
    test_misc();
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
