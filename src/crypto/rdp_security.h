/* Standard RDP Security (MS-RDPBCGR 5.3): session key derivation from the
 * client and server randoms, RC4 encryption with 40/56/128-bit keys, the MAC
 * (plain and salted), key updates every 4096 packets, and FIPS (3DES-CBC +
 * HMAC-SHA1). Also the client random's RSA encryption for the Security
 * Exchange PDU. Internal. */
#ifndef WRDP_CRYPTO_RDP_SECURITY_H
#define WRDP_CRYPTO_RDP_SECURITY_H

#include <stdbool.h>
#include "crypto/crypto.h"

/* ENCRYPTION_METHOD_* (Server Security Data) */
#define WRDP_ENCRYPTION_METHOD_NONE 0x00000000u
#define WRDP_ENCRYPTION_METHOD_40BIT 0x00000001u
#define WRDP_ENCRYPTION_METHOD_128BIT 0x00000002u
#define WRDP_ENCRYPTION_METHOD_56BIT 0x00000008u
#define WRDP_ENCRYPTION_METHOD_FIPS 0x00000010u

typedef struct wrdp_rdp_security {
    uint32_t method;
    size_t key_len;              /* 8 (40/56-bit) or 16 (128-bit) */
    uint8_t mac_key[16];
    uint8_t encrypt_key[16];     /* current client -> server key */
    uint8_t decrypt_key[16];     /* current server -> client key */
    uint8_t encrypt_key_initial[16];
    uint8_t decrypt_key_initial[16];
    wrdp_rc4 encrypt_rc4;
    wrdp_rc4 decrypt_rc4;
    uint32_t encrypt_count;      /* packets encrypted since the last key update */
    uint32_t decrypt_count;
    uint32_t encrypt_total;      /* for the salted MAC */
    uint32_t decrypt_total;
    /* FIPS */
    uint8_t fips_encrypt_key[24];
    uint8_t fips_decrypt_key[24];
    uint8_t fips_sign_key[20];
    uint8_t fips_encrypt_iv[8];
    uint8_t fips_decrypt_iv[8];
} wrdp_rdp_security;

/* Derives the session keys (5.3.5) for `method` from the two 32-byte randoms. */
int wrdp_rdp_security_init(wrdp_rdp_security *s, uint32_t method, const uint8_t client_random[32],
                           const uint8_t server_random[32], wrdp_error *err);
/* Encrypts data in place and writes the 8-byte dataSignature (salted when asked: SEC_SECURE_CHECKSUM).
 * For FIPS, data must have room for the padding: *len grows to a multiple of 8 and *pad gets its size. */
int wrdp_rdp_security_encrypt(wrdp_rdp_security *s, uint8_t *data, size_t *len, size_t cap, bool salted,
                              uint8_t signature[8], uint8_t *pad, wrdp_error *err);
/* Decrypts in place and checks the signature (constant time); a mismatch is a decode error. */
int wrdp_rdp_security_decrypt(wrdp_rdp_security *s, uint8_t *data, size_t *len, bool salted,
                              const uint8_t signature[8], uint8_t pad, wrdp_error *err);

/* Encrypts the client random for the Security Exchange PDU: raw RSA with the server's
 * public key (modulus little-endian, as in the proprietary certificate or converted from
 * X.509), output little-endian of the modulus length, plus 8 zero bytes of padding. */
int wrdp_rdp_security_encrypt_client_random(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent,
                                            const uint8_t client_random[32], uint8_t *out, size_t cap,
                                            size_t *out_len, wrdp_error *err);

/* MS-RDPBCGR 5.3.5.1 SaltedHash and FinalHash, shared with licensing (MS-RDPELE). */
void wrdp_rdp_salted_hash(const uint8_t *secret, size_t secret_len, const uint8_t *i, size_t i_len,
                          const uint8_t random1[32], const uint8_t random2[32], uint8_t out[16]);

#endif
