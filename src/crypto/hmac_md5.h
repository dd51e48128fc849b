/* MD5 and HMAC-MD5 (RFC 1321, RFC 2104), self-contained, for the
 * auto-reconnect SecurityVerifier until the crypto layer wraps mbedTLS. Internal. */
#ifndef WRDP_CRYPTO_HMAC_MD5_H
#define WRDP_CRYPTO_HMAC_MD5_H

#include <stddef.h>
#include <stdint.h>

typedef struct wrdp_md5_ctx {
    uint32_t state[4];
    uint64_t length;      /* bytes hashed so far */
    uint8_t block[64];
    size_t used;          /* bytes waiting in block */
} wrdp_md5_ctx;

void wrdp_md5_init(wrdp_md5_ctx *m);
void wrdp_md5_update(wrdp_md5_ctx *m, const void *data, size_t len);
void wrdp_md5_final(wrdp_md5_ctx *m, uint8_t digest[16]);
void wrdp_md5_digest(const void *data, size_t len, uint8_t digest[16]);
void wrdp_hmac_md5(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len, uint8_t mac[16]);

#endif
