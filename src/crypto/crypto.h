/* Thin wrappers over mbedTLS: the digests, MACs, ciphers and public-key
 * operations RDP needs, with webrdp's error model. Randomness is never drawn
 * here: callers pass bytes from the source the embedder configured. Internal. */
#ifndef WRDP_CRYPTO_H
#define WRDP_CRYPTO_H

#include <stdbool.h>
#include "webrdp/utils.h"

#define WRDP_MD4_LEN 16
#define WRDP_MD5_LEN 16
#define WRDP_SHA1_LEN 20
#define WRDP_SHA256_LEN 32

/* Digests over the concatenation of several parts (empty parts are skipped):
 * most RDP key derivations hash two or three fields. */
typedef enum wrdp_digest { WRDP_DIGEST_MD4, WRDP_DIGEST_MD5, WRDP_DIGEST_SHA1, WRDP_DIGEST_SHA256 } wrdp_digest;
size_t wrdp_digest_len(wrdp_digest d);
int wrdp_hash(wrdp_digest d, const wrdp_bytes *parts, size_t nparts, uint8_t *out);
int wrdp_md4(const void *data, size_t len, uint8_t out[WRDP_MD4_LEN]);
int wrdp_md5(const void *data, size_t len, uint8_t out[WRDP_MD5_LEN]);
int wrdp_sha1(const void *data, size_t len, uint8_t out[WRDP_SHA1_LEN]);
int wrdp_sha256(const void *data, size_t len, uint8_t out[WRDP_SHA256_LEN]);
int wrdp_hmac(wrdp_digest d, const void *key, size_t key_len, const wrdp_bytes *parts, size_t nparts, uint8_t *out);
int wrdp_hmac_md5(const void *key, size_t key_len, const void *data, size_t len, uint8_t out[WRDP_MD5_LEN]);

/* RC4 keystream state (NTLM sealing, Standard RDP Security, licensing). */
typedef struct wrdp_rc4 {
    uint8_t s[256];
    uint8_t i, j;
} wrdp_rc4;
void wrdp_rc4_init(wrdp_rc4 *rc4, const void *key, size_t key_len);
void wrdp_rc4_crypt(wrdp_rc4 *rc4, const void *in, void *out, size_t len); /* in == out allowed */

/* Raw RSA public-key operation (no padding), as Standard RDP Security and
 * licensing use it: the modulus, the input and the output are little-endian
 * numbers (the byte order of the proprietary certificate's RSA key blob);
 * the output has the modulus' length. */
int wrdp_rsa_public_raw_le(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent, const uint8_t *in_le,
                           size_t in_len, uint8_t *out_le, wrdp_error *err);

/* From a DER X.509 certificate: the subjectPublicKey BIT STRING contents (what
 * CredSSP hashes and echoes), and for RSA keys the modulus (big-endian) and exponent. */
typedef struct wrdp_x509_key {
    wrdp_bytes subject_public_key; /* view into the certificate */
    bool is_rsa;
    uint8_t modulus[512];          /* big-endian */
    size_t modulus_len;
    uint32_t exponent;
} wrdp_x509_key;
int wrdp_x509_public_key(const uint8_t *der, size_t len, wrdp_x509_key *out, wrdp_error *err);

/* Certificate facts for display: subject, issuer, validity and SHA-256 fingerprint. */
typedef struct wrdp_x509_info {
    char subject[256];
    char issuer[256];
    char not_before[32];
    char not_after[32];
    uint8_t sha256[WRDP_SHA256_LEN];
} wrdp_x509_info;
int wrdp_x509_describe(const uint8_t *der, size_t len, wrdp_x509_info *out, wrdp_error *err);

/* Constant-time comparison for MACs. */
bool wrdp_ct_equal(const void *a, const void *b, size_t len);
/* Wipes secrets (not optimised away). */
void wrdp_wipe(void *p, size_t len);

#endif
