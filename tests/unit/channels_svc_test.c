/* Static channel chunking: headers (length, FIRST/LAST, SHOW_PROTOCOL), sizes
 * at and around the chunk size, hostile arguments, and the chunk size read from
 * Virtual Channel capability sets (absent, small, large, truncated). */
#include "test.h"
#include "webrdp/svc.h"
#include "webrdp/pdu.h"

static uint32_t u32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

int main(void)
{
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    static uint8_t msg[5000];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 7);

    CHECK_EQ(wrdp_svc_chunk_count(0, 1600), 1);
    CHECK_EQ(wrdp_svc_chunk_count(1600, 1600), 1);
    CHECK_EQ(wrdp_svc_chunk_count(1601, 1600), 2);
    CHECK_EQ(wrdp_svc_chunk_count(5000, 0), 4);
    size_t sizes[] = {0, 1, 1599, 1600, 1601, 3200, 5000};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        size_t len = sizes[s], count = wrdp_svc_chunk_count(len, 1600), got = 0;
        uint8_t back[5000];
        for (size_t i = 0; i < count; i++) {
            wrdp_writer_reset(&w);
            uint32_t opt = (s & 1) ? WRDP_CHANNEL_OPTION_SHOW_PROTOCOL : 0;
            CHECK(wrdp_svc_chunk_encode(msg, len, i, 1600, opt, &w) == WRDP_OK);
            CHECK(w.len >= 8 && w.len <= 1608);
            CHECK_EQ(u32(w.data), len);
            uint32_t f = u32(w.data + 4);
            CHECK_EQ(!!(f & WRDP_CHANNEL_FLAG_FIRST), i == 0);
            CHECK_EQ(!!(f & WRDP_CHANNEL_FLAG_LAST), i == count - 1);
            CHECK_EQ(!!(f & WRDP_CHANNEL_FLAG_SHOW_PROTOCOL), !!opt);
            memcpy(back + got, w.data + 8, w.len - 8);
            got += w.len - 8;
        }
        CHECK_EQ(got, len);
        CHECK(!len || !memcmp(back, msg, len));
    }
    /* a chunk past the last, a NULL message with a length */
    wrdp_writer_reset(&w);
    CHECK(wrdp_svc_chunk_encode(msg, 1601, 2, 1600, 0, &w) == WRDP_ERR);
    wrdp_writer_reset(&w);
    CHECK(wrdp_svc_chunk_encode(NULL, 10, 0, 1600, 0, &w) == WRDP_ERR);
    wrdp_writer_reset(&w);
    CHECK(wrdp_svc_chunk_encode(msg, (size_t)-1, 0, 1600, 0, &w) == WRDP_ERR);
    /* larger negotiated chunks */
    wrdp_writer_reset(&w);
    CHECK(wrdp_svc_chunk_encode(msg, 5000, 0, 16256, 0, &w) == WRDP_OK && w.len == 5008);

    /* the chunk size from capability sets: general (type 1, 24 bytes) + virtual channel (20) */
    uint8_t caps[24 + 12] = {1, 0, 24, 0};
    uint8_t vc[12] = {20, 0, 12, 0, 0, 0, 0, 0, 0x00, 0x40, 0, 0}; /* 16384 -> 16256 */
    memcpy(caps + 24, vc, 12);
    CHECK_EQ(wrdp_svc_chunk_size(caps, sizeof caps, 2), 16256);
    caps[24 + 9] = 0x10; /* 4096 */
    CHECK_EQ(wrdp_svc_chunk_size(caps, sizeof caps, 2), 4096);
    caps[24 + 9] = 0x01; /* 256 -> 1600 */
    CHECK_EQ(wrdp_svc_chunk_size(caps, sizeof caps, 2), 1600);
    caps[24 + 2] = 8; /* no VCChunkSize */
    CHECK_EQ(wrdp_svc_chunk_size(caps, 24 + 8, 2), 1600);
    caps[24 + 2] = 200; /* a length past the end */
    CHECK_EQ(wrdp_svc_chunk_size(caps, sizeof caps, 2), 1600);
    CHECK_EQ(wrdp_svc_chunk_size(caps, 3, 5), 1600);
    CHECK_EQ(wrdp_svc_chunk_size(NULL, 0, 0), 1600);
    wrdp_writer_free(&w);
    return test_finish("channels_svc");
}
