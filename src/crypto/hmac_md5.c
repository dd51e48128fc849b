/* MD5 (RFC 1321) and HMAC-MD5 (RFC 2104). */
#include <string.h>

#include "crypto/hmac_md5.h"

static uint32_t rotl(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Per-round shift amounts and the sine-derived constants of RFC 1321. */
static const uint8_t S[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                              5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                              4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                              6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
static const uint32_t K[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

static void compress(uint32_t st[4], const uint8_t block[64])
{
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = le32(block + 4 * i);
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g;
        if (i < 16) {
            f = (b & c) | (~b & d);
            g = i;
        } else if (i < 32) {
            f = (d & b) | (~d & c);
            g = (5 * i + 1) & 15;
        } else if (i < 48) {
            f = b ^ c ^ d;
            g = (3 * i + 5) & 15;
        } else {
            f = c ^ (b | ~d);
            g = (7 * i) & 15;
        }
        uint32_t t = d;
        d = c;
        c = b;
        b = b + rotl(a + f + K[i] + x[g], S[i]);
        a = t;
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
}

void wrdp_md5_init(wrdp_md5_ctx *m)
{
    m->state[0] = 0x67452301;
    m->state[1] = 0xefcdab89;
    m->state[2] = 0x98badcfe;
    m->state[3] = 0x10325476;
    m->length = 0;
    m->used = 0;
}

void wrdp_md5_update(wrdp_md5_ctx *m, const void *data, size_t len)
{
    const uint8_t *p = data;
    m->length += len;
    while (len) {
        size_t n = 64 - m->used;
        if (n > len)
            n = len;
        memcpy(m->block + m->used, p, n);
        m->used += n;
        p += n;
        len -= n;
        if (m->used == 64) {
            compress(m->state, m->block);
            m->used = 0;
        }
    }
}

void wrdp_md5_final(wrdp_md5_ctx *m, uint8_t digest[16])
{
    uint64_t bits = m->length * 8;
    static const uint8_t pad[64] = {0x80};
    size_t padlen = m->used < 56 ? 56 - m->used : 120 - m->used;
    wrdp_md5_update(m, pad, padlen);
    uint8_t len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (8 * i));
    wrdp_md5_update(m, len, 8);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            digest[4 * i + j] = (uint8_t)(m->state[i] >> (8 * j));
    memset(m, 0, sizeof *m);
}

void wrdp_md5_digest(const void *data, size_t len, uint8_t digest[16])
{
    wrdp_md5_ctx m;
    wrdp_md5_init(&m);
    wrdp_md5_update(&m, data, len);
    wrdp_md5_final(&m, digest);
}

void wrdp_hmac_md5(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len, uint8_t mac[16])
{
    uint8_t k[64] = {0}, pad[64], inner[16];
    if (key_len > 64)
        wrdp_md5_digest(key, key_len, k);
    else if (key_len)
        memcpy(k, key, key_len);
    wrdp_md5_ctx m;
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x36;
    wrdp_md5_init(&m);
    wrdp_md5_update(&m, pad, 64);
    wrdp_md5_update(&m, data, len);
    wrdp_md5_final(&m, inner);
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x5c;
    wrdp_md5_init(&m);
    wrdp_md5_update(&m, pad, 64);
    wrdp_md5_update(&m, inner, 16);
    wrdp_md5_final(&m, mac);
    memset(k, 0, sizeof k);
    memset(pad, 0, sizeof pad);
}
