/* Standard RDP Security (MS-RDPBCGR 5.3): session key derivation from the
 * client and server randoms, RC4 encryption with 40/56/128-bit keys, the MAC
 * (plain and salted), key updates every 4096 packets, and FIPS (3DES-CBC +
 * HMAC-SHA1). Also the client random's RSA encryption for the Security
 * Exchange PDU and the proprietary certificate's signature check. Internal.
 *
 * The state is the client's: "encrypt" is client -> server, "decrypt" is
 * server -> client. */
#ifndef WRDP_CRYPTO_RDP_SECURITY_H
#define WRDP_CRYPTO_RDP_SECURITY_H

#include <stdbool.h>
#include "crypto/crypto.h"

/* ENCRYPTION_METHOD_* (Server Security Data); the gcc family defines the same values */
#ifndef WRDP_ENCRYPTION_METHOD_NONE
#define WRDP_ENCRYPTION_METHOD_NONE 0x00000000
#define WRDP_ENCRYPTION_METHOD_40BIT 0x00000001
#define WRDP_ENCRYPTION_METHOD_128BIT 0x00000002
#define WRDP_ENCRYPTION_METHOD_56BIT 0x00000008
#define WRDP_ENCRYPTION_METHOD_FIPS 0x00000010
#endif

/* Packets encrypted with one key before it is updated (5.3.7). */
#define WRDP_RDP_SECURITY_KEY_UPDATE_PACKETS 4096u

typedef struct wrdp_rdp_security {
    uint32_t method;
    size_t key_len;              /* 8 (40/56-bit) or 16 (128-bit); 0 for FIPS */
    uint8_t mac_key[16];
    uint8_t encrypt_key[16];     /* current client -> server key */
    uint8_t decrypt_key[16];     /* current server -> client key */
    uint8_t encrypt_key_initial[16];
    uint8_t decrypt_key_initial[16];
    wrdp_rc4 encrypt_rc4;
    wrdp_rc4 decrypt_rc4;
    uint32_t encrypt_count;      /* packets encrypted with the current key */
    uint32_t decrypt_count;
    uint32_t encrypt_total;      /* packets encrypted so far: the salted MAC's and FIPS's counter */
    uint32_t decrypt_total;
    /* FIPS: 3DES keys (parity-expanded), the HMAC-SHA1 key, and the CBC chaining
     * values, which carry over from one packet to the next */
    uint8_t fips_encrypt_key[24];
    uint8_t fips_decrypt_key[24];
    uint8_t fips_sign_key[20];
    uint8_t fips_encrypt_iv[8];
    uint8_t fips_decrypt_iv[8];
} wrdp_rdp_security;

/* Whether this build can do FIPS (mbedTLS with MBEDTLS_DES_C). */
bool wrdp_rdp_security_fips_available(void);

/* Derives the session keys (5.3.5) for `method` from the two 32-byte randoms.
 * An unknown method, NONE, or FIPS without 3DES in the build is unsupported. */
int wrdp_rdp_security_init(wrdp_rdp_security *s, uint32_t method, const uint8_t client_random[32],
                           const uint8_t server_random[32], wrdp_error *err);
/* Wipes the keys. */
void wrdp_rdp_security_clear(wrdp_rdp_security *s);

/* Encrypts data[0..*len) in place and writes the 8-byte dataSignature (salted when
 * asked: SEC_SECURE_CHECKSUM). For FIPS, data must have room (cap) for the padding:
 * *len grows to a multiple of 8 and *pad gets the padding's size; otherwise *pad = 0.
 * `pad` may be NULL when the method is not FIPS. */
int wrdp_rdp_security_encrypt(wrdp_rdp_security *s, uint8_t *data, size_t *len, size_t cap, bool salted,
                              uint8_t signature[8], uint8_t *pad, wrdp_error *err);
/* Decrypts data[0..*len) in place and checks the signature (constant time); a
 * mismatch is a decode error. For FIPS, `pad` is the header's padlen and *len
 * shrinks by it. */
int wrdp_rdp_security_decrypt(wrdp_rdp_security *s, uint8_t *data, size_t *len, bool salted,
                              const uint8_t signature[8], uint8_t pad, wrdp_error *err);

/* Raw RSA as Standard RDP Security and licensing use it (5.3.4.1): `in` is a
 * little-endian number, the modulus is little-endian (trailing zero bytes, such
 * as the proprietary certificate's 8 bytes of padding, are ignored); the output
 * is the result, little-endian, in the modulus' length, followed by 8 zero bytes.
 * *out_len = modulus length + 8. */
int wrdp_rdp_rsa_encrypt(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent, const uint8_t *in,
                         size_t in_len, uint8_t *out, size_t cap, size_t *out_len, wrdp_error *err);
/* The client random for the Security Exchange PDU's encryptedClientRandom. */
int wrdp_rdp_security_encrypt_client_random(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent,
                                            const uint8_t client_random[32], uint8_t *out, size_t cap,
                                            size_t *out_len, wrdp_error *err);

/* Checks a proprietary certificate's signature (5.3.3.1.2) with the Terminal
 * Services signing key (5.3.3.1.1). `signed_part` is the certificate from
 * dwVersion through the end of PublicKeyBlob (what the MD5 covers); `signature`
 * is SignatureBlob (64 bytes + 8 zero bytes). A bad signature is a decode error. */
int wrdp_rdp_security_verify_proprietary_cert(const uint8_t *signed_part, size_t signed_len,
                                              const uint8_t *signature, size_t signature_len, wrdp_error *err);

/* 5.3.5.2: a 168-bit FIPS key (21 bytes) expanded to a 24-byte 3DES key with parity. */
void wrdp_rdp_fips_expand_key(const uint8_t in[21], uint8_t out[24]);

/* MS-RDPBCGR 5.3.5.1 SaltedHash: MD5(secret + SHA1(i + secret + random1 + random2)),
 * shared with licensing (MS-RDPELE 5.1.3, which swaps the randoms for its SaltedHash2). */
void wrdp_rdp_salted_hash(const uint8_t *secret, size_t secret_len, const uint8_t *i, size_t i_len,
                          const uint8_t random1[32], const uint8_t random2[32], uint8_t out[16]);
/* FinalHash: MD5(key + random1 + random2). */
void wrdp_rdp_final_hash(const uint8_t key[16], const uint8_t random1[32], const uint8_t random2[32],
                         uint8_t out[16]);
/* The MAC of 5.3.6.1: MD5(key + pad2 + SHA1(key + pad1 + u32le(len) + data [+ u32le(count)])),
 * all 16 bytes (the PDU signature keeps the first 8; licensing MACData keeps 16).
 * `count` is appended only when `salted` (5.3.6.1.1). */
void wrdp_rdp_mac(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len, bool salted, uint32_t count,
                  uint8_t out[16]);

#endif
