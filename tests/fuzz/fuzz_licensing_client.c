/* The client licensing sub-machine fed fuzzed server licensing messages, with a
 * fixed client random / premaster secret and, in some modes, fixed keys:
 *   mode 0: from the start; the first chunk is also the GCC server certificate
 *           (used when a License Request carries none), so certificates get fuzzed;
 *   mode 1: waiting for a challenge or a license, with fixed keys;
 *   mode 2: the first chunk is a plaintext platform challenge, sent encrypted and
 *           with a correct MAC, so the response path runs on fuzzed content;
 *   mode 3: the first chunk is a plaintext New License Information, sent likewise,
 *           so its decoder runs behind decryption and the MAC check.
 * Chunks are [u16le length][bytes]. Whatever the machine answers must decode as
 * the client message it claims to be; no crash, no leak. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connector/licensing.h"

static int fixed_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (uint8_t)(0x5a + 7 * i);
    return 0;
}

static void check_answer(const wrdp_writer *w)
{
    if (w->len == 0)
        return;
    wrdp_cursor c;
    wrdp_error err;
    wrdp_cursor_init(&c, w->data, w->len, "answer", &err);
    int rc;
    switch (w->data[0]) {
    case WRDP_NEW_LICENSE_REQUEST: {
        wrdp_license_client_new_license_request m;
        rc = wrdp_license_client_new_license_request_decode(&c, &m);
        break;
    }
    case WRDP_LICENSE_INFO: {
        wrdp_license_client_license_info m;
        rc = wrdp_license_client_license_info_decode(&c, &m);
        break;
    }
    case WRDP_PLATFORM_CHALLENGE_RESPONSE: {
        wrdp_license_client_platform_challenge_response m;
        rc = wrdp_license_client_platform_challenge_response_decode(&c, &m);
        break;
    }
    default: rc = WRDP_ERR;
    }
    if (rc != WRDP_OK || wrdp_cursor_remaining(&c) != 0) {
        fprintf(stderr, "fuzz_licensing_client: the answer does not decode: %s\n", err.message);
        abort();
    }
}

static int next_chunk(const uint8_t **p, size_t *n, wrdp_bytes *out)
{
    if (*n < 2)
        return 0;
    size_t len = (size_t)(*p)[0] | (size_t)(*p)[1] << 8;
    *p += 2;
    *n -= 2;
    if (len > *n)
        len = *n;
    *out = (wrdp_bytes){*p, len};
    *p += len;
    *n -= len;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0] & 3;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    static const uint8_t stored[] = {0x30, 0x00};
    static const uint8_t hwid[16] = {1, 2, 3, 4};
    wrdp_license_client_config cfg = {
        .user_name = "user",
        .machine_name = "machine",
        .random = fixed_random,
        .hardware_id = hwid,
    };
    if (data[0] & 4) {
        cfg.license = stored;
        cfg.license_len = sizeof stored;
    }
    wrdp_license_client lc;
    wrdp_error err;
    if (wrdp_license_client_init(&lc, &cfg, &err) != WRDP_OK)
        abort();
    if (mode != 0) {
        for (int i = 0; i < 16; i++) {
            lc.keys.license_key[i] = (uint8_t)(0x11 * i);
            lc.keys.mac_salt_key[i] = (uint8_t)(0xa5 ^ i);
        }
        lc.have_keys = true;
        lc.state = mode == 3 ? WRDP_LICENSE_CLIENT_WAIT_LICENSE : WRDP_LICENSE_CLIENT_WAIT_CHALLENGE;
    }

    wrdp_writer w, built;
    wrdp_writer_init(&w, 1 << 20, &err);
    wrdp_writer_init(&built, 1 << 20, &err);
    wrdp_bytes chunk;
    if (mode == 0 && next_chunk(&p, &n, &chunk)) {
        lc.cfg.gcc_server_certificate = chunk;
        wrdp_license_server_key key;
        wrdp_license_server_key_from_certificate(chunk.data, chunk.len, &key, &err);
    }
    if ((mode == 2 || mode == 3) && next_chunk(&p, &n, &chunk)) {
        uint8_t *enc = malloc(chunk.len ? chunk.len : 1);
        if (chunk.len)
            memcpy(enc, chunk.data, chunk.len);
        wrdp_license_rc4(lc.keys.license_key, enc, chunk.len);
        uint8_t mac[16];
        wrdp_license_mac(lc.keys.mac_salt_key, chunk.data, chunk.len, mac);
        if (mode == 2) {
            wrdp_license_server_platform_challenge pc = {
                .preamble = {WRDP_PLATFORM_CHALLENGE, WRDP_PREAMBLE_VERSION_3_0, 0},
                .EncryptedPlatformChallenge = {WRDP_BB_ANY_BLOB, {enc, chunk.len}},
            };
            memcpy(pc.MACData, mac, 16);
            wrdp_license_server_platform_challenge_encode(&pc, &built);
        } else {
            wrdp_license_server_new_license nl = {
                .preamble = {WRDP_NEW_LICENSE, WRDP_PREAMBLE_VERSION_3_0, 0},
                .EncryptedLicenseInfo = {WRDP_BB_ENCRYPTED_DATA_BLOB, {enc, chunk.len}},
            };
            memcpy(nl.MACData, mac, 16);
            wrdp_license_server_new_license_encode(&nl, &built);
        }
        free(enc);
        if (built.failed == 0 && wrdp_license_client_step(&lc, built.data, built.len, &w, &err) == WRDP_OK)
            check_answer(&w);
    }
    while (lc.state != WRDP_LICENSE_CLIENT_FAILED && lc.state != WRDP_LICENSE_CLIENT_DONE &&
           next_chunk(&p, &n, &chunk)) {
        wrdp_writer_reset(&w);
        if (wrdp_license_client_step(&lc, chunk.data, chunk.len, &w, &err) == WRDP_OK)
            check_answer(&w);
        else if (lc.state != WRDP_LICENSE_CLIENT_FAILED)
            abort(); /* a failure always ends the exchange */
    }
    wrdp_bytes lic = wrdp_license_client_new_license(&lc);
    if (lic.len && !lic.data)
        abort();
    wrdp_writer_free(&w);
    wrdp_writer_free(&built);
    wrdp_license_client_free(&lc);
    return 0;
}
