/* Licensing crypto (MS-RDPELE 5.1). The hashes are Standard RDP Security's
 * SaltedHash and FinalHash (MS-RDPBCGR 5.3.5.1) with different labels, and,
 * for the session key blob, the two randoms in the other order. */
#include <string.h>

#include "connector/licensing_crypto.h"
#include "crypto/rdp_security.h"

int wrdp_license_derive_keys(const uint8_t premaster[48], const uint8_t client_random[32],
                             const uint8_t server_random[32], wrdp_license_keys *out)
{
    static const char *const labels[3] = {"A", "BB", "CCC"};
    for (size_t k = 0; k < 3; k++)
        wrdp_rdp_salted_hash(premaster, 48, (const uint8_t *)labels[k], k + 1, client_random, server_random,
                             out->master_secret + 16 * k);
    /* SaltedHash2: ServerRandom before ClientRandom */
    for (size_t k = 0; k < 3; k++)
        wrdp_rdp_salted_hash(out->master_secret, 48, (const uint8_t *)labels[k], k + 1, server_random,
                             client_random, out->session_key_blob + 16 * k);
    memcpy(out->mac_salt_key, out->session_key_blob, 16);
    wrdp_rdp_final_hash(out->session_key_blob + 16, client_random, server_random, out->license_key);
    return WRDP_OK;
}

void wrdp_license_mac(const uint8_t mac_salt_key[16], const uint8_t *data, size_t len, uint8_t out[16])
{
    wrdp_rdp_mac(mac_salt_key, 16, data, len, false, 0, out);
}

void wrdp_license_rc4(const uint8_t license_key[16], uint8_t *data, size_t len)
{
    wrdp_rc4 rc4;
    wrdp_rc4_init(&rc4, license_key, 16);
    wrdp_rc4_crypt(&rc4, data, data, len);
    wrdp_wipe(&rc4, sizeof rc4);
}
