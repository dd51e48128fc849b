/* ZGFX (RDP 8.0 bulk decompression): the MS-RDPEGFX fox samples (single and
 * multipart), IronRDP's five PDUs through ONE context (history carried over),
 * every truncation of every vector, and hand-made streams for matches that
 * overlap themselves, unencoded runs and lying headers. */
#include <stdbool.h>

#include "test.h"
#include "webrdp/codecs/zgfx.h"
#include "webrdp/error.h"

#define DIR "vectors/codec/zgfx/"

static int run(wrdp_zgfx *z, const uint8_t *in, size_t len, wrdp_writer *w, wrdp_error *err)
{
    wrdp_writer_reset(w);
    wrdp_error_clear(err);
    return wrdp_zgfx_decompress(z, in, len, w, err);
}

static void expect_file(wrdp_zgfx *z, const char *enc, const char *dec)
{
    char p1[256], p2[256];
    snprintf(p1, sizeof p1, DIR "%s", enc);
    snprintf(p2, sizeof p2, DIR "%s", dec);
    size_t n1, n2;
    uint8_t *in = test_read_file(p1, &n1), *want = test_read_file(p2, &n2);
    CHECK(in && want);
    if (!in || !want) {
        free(in);
        free(want);
        return;
    }
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    int rc = run(z, in, n1, &w, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", enc, err.message);
    CHECK_EQ(w.len, n2);
    CHECK(w.len == n2 && memcmp(w.data, want, n2) == 0);
    wrdp_writer_free(&w);
    free(in);
    free(want);
}

/* every prefix of a vector decodes or fails cleanly in a fresh context */
static void truncations(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, DIR "%s", name);
    size_t n;
    uint8_t *in = test_read_file(path, &n);
    CHECK(in != NULL);
    if (!in)
        return;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t ok = 0;
    /* every prefix of the small ones, about 400 evenly spread of the large one
     * (each needs a fresh 2.5 MB history) */
    size_t step = n > 2000 ? n / 400 : 1;
    for (size_t k = 0; k < n; k += step) {
        wrdp_zgfx *z = wrdp_zgfx_new();
        uint8_t *copy = malloc(k ? k : 1);
        memcpy(copy, in, k);
        if (run(z, copy, k, &w, &err) == WRDP_OK)
            ok++;
        else
            CHECK(err.kind == WRDP_ERROR_DECODE && err.message[0]);
        free(copy);
        wrdp_zgfx_free(z);
    }
    CHECK(ok < n); /* the empty input at least fails */
    wrdp_writer_free(&w);
    free(in);
}

/* ---- a tiny ZGFX encoder for hand-made segments */
typedef struct {
    uint8_t buf[4096];
    size_t bits;
} enc;
static void put(enc *e, uint32_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, e->bits++) {
        if (!(e->bits & 7))
            e->buf[e->bits >> 3] = 0;
        if ((v >> i) & 1)
            e->buf[e->bits >> 3] |= (uint8_t)(0x80 >> (e->bits & 7));
    }
}
static void lit8(enc *e, uint8_t c) { put(e, 0, 1), put(e, c, 8); }
/* distance < 32 (prefix 10001 + 5 bits) */
static void match_short(enc *e, uint32_t dist, uint32_t len)
{
    put(e, 0x11, 5);
    put(e, dist, 5);
    if (len == 3) {
        put(e, 0, 1);
        return;
    }
    /* 4..7: 10 + 2 bits; 8..15: 110 + 3 bits */
    if (len < 8) {
        put(e, 2, 2);
        put(e, len - 4, 2);
    } else {
        put(e, 6, 3);
        put(e, len - 8, 3);
    }
}
/* wraps the bits as a single compressed segment: E0 24 data pad */
static size_t single(enc *e, uint8_t *out)
{
    size_t n = (e->bits + 7) / 8;
    out[0] = 0xE0;
    out[1] = 0x24;
    memcpy(out + 2, e->buf, n);
    out[2 + n] = (uint8_t)(n * 8 - e->bits);
    return n + 3;
}

static void hand_made(void)
{
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    wrdp_zgfx *z = wrdp_zgfx_new();
    uint8_t pdu[4200];

    /* "ab" then a match of distance 2, length 7 that overlaps itself: "ababababa" */
    enc e = {.bits = 0};
    lit8(&e, 'a');
    lit8(&e, 'b');
    match_short(&e, 2, 7);
    size_t n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_OK);
    CHECK(w.len == 9 && memcmp(w.data, "ababababa", 9) == 0);

    /* the next PDU copies from the previous one's history: distance 9, length 3 -> "aba" */
    e.bits = 0;
    match_short(&e, 9, 3);
    put(&e, 0x18, 5); /* the short literal 0x00 */
    put(&e, 0x36, 6); /* the short literal 0xFF */
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_OK);
    CHECK(w.len == 5 && memcmp(w.data, "aba\x00\xff", 5) == 0);

    /* an unencoded run: distance token 0, 15-bit count, byte-aligned raw bytes */
    e.bits = 0;
    lit8(&e, 'x');
    put(&e, 0x11, 5);
    put(&e, 0, 5);
    put(&e, 4, 15);
    e.bits = (e.bits + 7) & ~(size_t)7;
    for (int i = 0; i < 4; i++)
        put(&e, (uint32_t)("raw!"[i]), 8);
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_OK);
    CHECK(w.len == 5 && memcmp(w.data, "xraw!", 5) == 0);

    /* an unencoded run that claims more bytes than the segment has */
    e.bits = 0;
    put(&e, 0x11, 5);
    put(&e, 0, 5);
    put(&e, 100, 15);
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);

    /* a match distance beyond the 2.5 MB history (prefix 101111110, 24 bits) */
    e.bits = 0;
    put(&e, 0x17E, 9);
    put(&e, 0, 24);
    put(&e, 0, 1);
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_ERR && strstr(err.message, "history"));

    /* a match length that doubles past the segment limit (1111...) */
    e.bits = 0;
    put(&e, 0x11, 5);
    put(&e, 1, 5);
    put(&e, 0xFFFFF, 20);
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_ERR);

    /* a segment that decodes to more than 65535 bytes: many long matches */
    e.bits = 0;
    lit8(&e, 'z');
    for (int i = 0; i < 16; i++) { /* 16 x (distance 1, length 4096+x) */
        put(&e, 0x11, 5);
        put(&e, 1, 5);
        put(&e, 0xFFE, 12); /* 11111111111 0 -> 4096 + 12 bits */
        put(&e, 4095, 12);
    }
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_ERR && strstr(err.message, "more than"));

    /* padding count larger than 7 */
    const uint8_t badpad[] = {0xE0, 0x24, 0x00, 0x09};
    CHECK(run(z, badpad, sizeof badpad, &w, &err) == WRDP_ERR);
    /* not RDP 8.0 */
    const uint8_t type[] = {0xE0, 0x21, 'a'};
    CHECK(run(z, type, sizeof type, &w, &err) == WRDP_ERR);
    /* unknown descriptor */
    const uint8_t desc[] = {0xE2, 0x04, 'a'};
    CHECK(run(z, desc, sizeof desc, &w, &err) == WRDP_ERR);
    /* multipart whose uncompressedSize disagrees with its segments */
    const uint8_t lie[] = {0xE1, 1, 0, 5, 0, 0, 0, 3, 0, 0, 0, 0x04, 'h', 'i'};
    CHECK(run(z, lie, sizeof lie, &w, &err) == WRDP_ERR && strstr(err.message, "uncompressedSize"));
    /* multipart claiming 4 GB from one segment */
    const uint8_t huge[] = {0xE1, 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 3, 0, 0, 0, 0x04, 'h', 'i'};
    CHECK(run(z, huge, sizeof huge, &w, &err) == WRDP_ERR);
    /* a segment size past the end */
    const uint8_t past[] = {0xE1, 1, 0, 2, 0, 0, 0, 0xFF, 0, 0, 0, 0x04, 'h', 'i'};
    CHECK(run(z, past, sizeof past, &w, &err) == WRDP_ERR);
    /* the output writer's limit caps the output */
    wrdp_writer small;
    wrdp_writer_init(&small, 4, &err);
    const uint8_t five[] = {0xE0, 0x04, '1', '2', '3', '4', '5'};
    CHECK(wrdp_zgfx_decompress(z, five, sizeof five, &small, &err) == WRDP_ERR);
    wrdp_writer_free(&small);
    /* after a reset the history is zeros again: distance 1 length 3 from a fresh context gives 0 0 0 */
    wrdp_zgfx_reset(z);
    e.bits = 0;
    match_short(&e, 1, 3);
    n = single(&e, pdu);
    CHECK(run(z, pdu, n, &w, &err) == WRDP_OK);
    CHECK(w.len == 3 && w.data[0] == 0 && w.data[1] == 0 && w.data[2] == 0);

    wrdp_zgfx_free(z);
    wrdp_writer_free(&w);
}

int main(void)
{
    wrdp_zgfx *z = wrdp_zgfx_new();
    CHECK(z != NULL);
    expect_file(z, "fox_single.bin", "fox.txt");
    wrdp_zgfx_free(z);
    z = wrdp_zgfx_new();
    expect_file(z, "fox_multipart.bin", "fox.txt");
    wrdp_zgfx_free(z);

    /* IronRDP: five PDUs, one history */
    z = wrdp_zgfx_new();
    for (int i = 0; i < 5; i++) {
        char a[64], b[64];
        snprintf(a, sizeof a, "ironrdp_encoded.%d.bin", i);
        snprintf(b, sizeof b, "ironrdp_decoded.%d.bin", i);
        expect_file(z, a, b);
    }
    wrdp_zgfx_free(z);

    const char *all[] = {"fox_single.bin", "fox_multipart.bin", "ironrdp_encoded.0.bin", "ironrdp_encoded.1.bin",
                         "ironrdp_encoded.2.bin", "ironrdp_encoded.3.bin", "ironrdp_encoded.4.bin"};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        truncations(all[i]);
    hand_made();
    return test_finish("codecs_zgfx");
}
