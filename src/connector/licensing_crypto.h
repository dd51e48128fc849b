/* Licensing crypto (MS-RDPELE 5.1): master secret, session key blob, MAC salt
 * key and licensing encryption key from the premaster secret and the randoms;
 * the MAC over license data; RC4 with the licensing key. The premaster secret
 * is RSA-encrypted with wrdp_rdp_rsa_encrypt (crypto/rdp_security.h). Internal. */
#ifndef WRDP_CONNECTOR_LICENSING_CRYPTO_H
#define WRDP_CONNECTOR_LICENSING_CRYPTO_H

#include "crypto/crypto.h"

typedef struct wrdp_license_keys {
    uint8_t master_secret[48];
    uint8_t session_key_blob[48];
    uint8_t mac_salt_key[16];
    uint8_t license_key[16];
} wrdp_license_keys;

/* Derives the keys (MS-RDPELE 5.1.2) from the 48-byte premaster secret and the two 32-byte randoms. */
int wrdp_license_derive_keys(const uint8_t premaster[48], const uint8_t client_random[32],
                             const uint8_t server_random[32], wrdp_license_keys *out);
/* MACData (MS-RDPELE 5.1.4): MD5(macSaltKey + pad2 + SHA1(macSaltKey + pad1 + u32le(len) + data)). */
void wrdp_license_mac(const uint8_t mac_salt_key[16], const uint8_t *data, size_t len, uint8_t out[16]);
/* RC4 with the licensing key, in place (a fresh keystream each call, 5.1.3). */
void wrdp_license_rc4(const uint8_t license_key[16], uint8_t *data, size_t len);

#endif
