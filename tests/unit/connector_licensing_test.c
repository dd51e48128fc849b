/* Licensing (MS-RDPELE): the key chain of vectors/pdu/licensing/key_derivation.json
 * recomputed value by value; the client sub-machine answering IronRDP's Server
 * License Request with exactly IronRDP's Client New License Request (same randoms:
 * this checks the RSA encryption with the licensing server's X.509 key too); the
 * platform challenge and the upgrade license of vectors/licensing_crypto/ (real
 * server data with their keys) through the machine; and the other outcomes:
 * STATUS_VALID_CLIENT, a licensing error, a stored license, bad MACs, unexpected
 * or malformed messages. */
#include <stdbool.h>

#include "connector/licensing.h"
#include "core/json.h"
#include "crypto/rdp_security.h"
#include "test.h"
#include "webrdp/pdu/gcc.h"

static wrdp_arena arena;

static const wrdp_json *load_json(const char *path)
{
    size_t len;
    char *text = (char *)test_read_file(path, &len);
    char *copy = wrdp_arena_alloc(&arena, len + 1);
    memcpy(copy, text, len);
    free(text);
    wrdp_error err;
    const wrdp_json *j = wrdp_json_parse(copy, len, &arena, &err);
    if (!j) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        exit(2);
    }
    return j;
}

static wrdp_bytes hex(const wrdp_json *obj, const char *key)
{
    wrdp_bytes b = {0};
    wrdp_error err;
    if (wrdp_json_get_hex(obj, key, &b, &arena, &err) != WRDP_OK) {
        fprintf(stderr, "%s: %s\n", key, err.message);
        exit(2);
    }
    return b;
}

static bool eq(const uint8_t *a, size_t n, wrdp_bytes b) { return b.len == n && memcmp(a, b.data, n) == 0; }

/* Serves the client random, then the premaster secret, as the machine asks for them. */
typedef struct {
    const uint8_t *data;
    size_t len, pos;
    int calls;
} feed;
static int feed_random(void *ctx, uint8_t *out, size_t len)
{
    feed *f = ctx;
    f->calls++;
    if (f->pos + len > f->len)
        return -1;
    memcpy(out, f->data + f->pos, len);
    f->pos += len;
    return 0;
}

static const wrdp_json *kd;
static uint8_t randoms[80];

static wrdp_license_client_config base_config(feed *f)
{
    wrdp_bytes cr = hex(kd, "client_random"), pm = hex(kd, "premaster_secret");
    memcpy(randoms, cr.data, 32);
    memcpy(randoms + 32, pm.data, 48);
    *f = (feed){randoms, sizeof randoms, 0, 0};
    wrdp_license_client_config cfg = {
        .user_name = "sample-user",
        .machine_name = "sample-machine-name",
        .random = feed_random,
        .random_ctx = f,
    };
    return cfg;
}

static void test_key_chain(void)
{
    wrdp_bytes cr = hex(kd, "client_random"), sr = hex(kd, "server_random"), pm = hex(kd, "premaster_secret");
    const wrdp_json *ex = wrdp_json_get(kd, "expected");
    uint8_t salted[16];
    wrdp_rdp_salted_hash(pm.data, 48, (const uint8_t *)"A", 1, cr.data, sr.data, salted);
    CHECK(eq(salted, 16, hex(ex, "salted_hash_A")));
    wrdp_license_keys k;
    CHECK_EQ(wrdp_license_derive_keys(pm.data, cr.data, sr.data, &k), WRDP_OK);
    CHECK(eq(k.master_secret, 48, hex(ex, "master_secret")));
    CHECK(eq(k.session_key_blob, 48, hex(ex, "session_key_blob")));
    CHECK(eq(k.mac_salt_key, 16, hex(ex, "mac_salt_key")));
    CHECK(eq(k.license_key, 16, hex(ex, "license_encryption_key")));
    /* the same files IronRDP's constants were converted to */
    size_t n;
    uint8_t *f = test_read_file("vectors/pdu/licensing/client_new_license_request__license_key_buffer.bin", &n);
    CHECK(n == 16 && memcmp(f, k.license_key, 16) == 0);
    free(f);

    /* the premaster secret RSA-encrypted with the key of the request's last certificate */
    uint8_t *req = test_read_file("vectors/licensing_crypto/server_license_request_for_client_new_license_request_msg.bin", &n);
    wrdp_cursor c;
    wrdp_error err;
    wrdp_license_server_request r;
    wrdp_cursor_init(&c, req, n, "test", &err);
    CHECK_EQ(wrdp_license_server_request_decode(&c, &r), WRDP_OK);
    wrdp_license_server_key key;
    CHECK_EQ(wrdp_license_server_key_from_certificate(r.ServerCertificate.blobData.data,
                                                      r.ServerCertificate.blobData.len, &key, &err),
             WRDP_OK);
    CHECK_EQ(key.modulus_len, 64);
    CHECK_EQ(key.exponent, 65537);
    CHECK(!key.proprietary);
    uint8_t out[80];
    size_t out_len = 0;
    CHECK_EQ(wrdp_rdp_rsa_encrypt(key.modulus, key.modulus_len, key.exponent, pm.data, 48, out, sizeof out, &out_len,
                                  &err),
             WRDP_OK);
    CHECK(eq(out, out_len, hex(ex, "encrypted_premaster_secret_in_request")));
    free(req);
}

/* The whole New License Request, byte for byte. */
static void test_new_license_request(void)
{
    feed f;
    wrdp_license_client_config cfg = base_config(&f);
    wrdp_license_client lc;
    wrdp_error err;
    CHECK_EQ(wrdp_license_client_init(&lc, &cfg, &err), WRDP_OK);
    size_t n, en;
    uint8_t *req = test_read_file("vectors/licensing_crypto/server_license_request_for_client_new_license_request_msg.bin", &n);
    uint8_t *expect = test_read_file("vectors/pdu/licensing_assembled/client_new_license_request_msg.bin", &en);
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 16, &err);
    CHECK_EQ(wrdp_license_client_step(&lc, req, n, &w, &err), WRDP_OK);
    CHECK_EQ(lc.state, WRDP_LICENSE_CLIENT_WAIT_CHALLENGE);
    CHECK_EQ(f.calls, 2);
    CHECK_EQ(w.len, en);
    CHECK(w.len == en && memcmp(w.data, expect, en) == 0);
    CHECK(eq(lc.keys.license_key, 16, hex(wrdp_json_get(kd, "expected"), "license_encryption_key")));

    /* the server then challenges: build its message with the derived keys */
    static const uint8_t test_utf16[10] = {'T', 0, 'E', 0, 'S', 0, 'T', 0, 0, 0};
    uint8_t enc[10];
    memcpy(enc, test_utf16, 10);
    wrdp_license_rc4(lc.keys.license_key, enc, 10);
    wrdp_license_server_platform_challenge pc = {
        .preamble = {WRDP_PLATFORM_CHALLENGE, WRDP_PREAMBLE_VERSION_3_0, 0},
        .EncryptedPlatformChallenge = {WRDP_BB_ANY_BLOB, {enc, 10}},
    };
    wrdp_license_mac(lc.keys.mac_salt_key, test_utf16, 10, pc.MACData);
    wrdp_writer sw;
    wrdp_writer_init(&sw, 1 << 16, &err);
    CHECK_EQ(wrdp_license_server_platform_challenge_encode(&pc, &sw), WRDP_OK);
    wrdp_writer_reset(&w);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_OK);
    CHECK_EQ(lc.state, WRDP_LICENSE_CLIENT_WAIT_LICENSE);

    wrdp_license_client_platform_challenge_response resp;
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "test", &err);
    CHECK_EQ(wrdp_license_client_platform_challenge_response_decode(&c, &resp), WRDP_OK);
    CHECK_EQ(wrdp_cursor_remaining(&c), 0);
    CHECK_EQ(resp.EncryptedPlatformChallengeResponse.wBlobType, WRDP_BB_ENCRYPTED_DATA_BLOB);
    CHECK_EQ(resp.EncryptedPlatformChallengeResponse.blobData.len, 18);
    CHECK_EQ(resp.EncryptedHWID.blobData.len, 20);
    uint8_t plain[38];
    if (resp.EncryptedPlatformChallengeResponse.blobData.len == 18 && resp.EncryptedHWID.blobData.len == 20) {
        memcpy(plain, resp.EncryptedPlatformChallengeResponse.blobData.data, 18);
        memcpy(plain + 18, resp.EncryptedHWID.blobData.data, 20);
        wrdp_license_rc4(lc.keys.license_key, plain, 18);
        wrdp_license_rc4(lc.keys.license_key, plain + 18, 20);
        /* PLATFORM_CHALLENGE_RESPONSE_DATA: version 0x0100, WIN32, LICENSE_DETAIL_DETAIL, 10, the challenge */
        static const uint8_t head[8] = {0x00, 0x01, 0x00, 0x01, 0x03, 0x00, 0x0a, 0x00};
        CHECK_MEM(plain, head, 8);
        CHECK_MEM(plain + 8, test_utf16, 10);
        /* CLIENT_HARDWARE_ID: the platform id, then zeros */
        static const uint8_t hwid[20] = {0x00, 0x00, 0x01, 0x04};
        CHECK_MEM(plain + 18, hwid, 20);
        uint8_t mac[16];
        wrdp_license_mac(lc.keys.mac_salt_key, plain, 38, mac);
        CHECK_MEM(resp.MACData, mac, 16);
    }
    /* a second challenge now is out of order */
    wrdp_writer_reset(&w);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK_EQ(lc.state, WRDP_LICENSE_CLIENT_FAILED);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_STATE);

    wrdp_writer_free(&sw);
    wrdp_writer_free(&w);
    wrdp_license_client_free(&lc);
    free(req);
    free(expect);
}

/* A machine that has reached `state` with the given keys (from another exchange's vectors). */
static void machine_with_keys(wrdp_license_client *lc, feed *f, wrdp_license_client_state state,
                              const wrdp_json *v)
{
    wrdp_license_client_config cfg = base_config(f);
    wrdp_error err;
    wrdp_license_client_init(lc, &cfg, &err);
    wrdp_bytes salt = hex(v, "mac_salt_key"), key = hex(v, "license_key");
    memcpy(lc->keys.mac_salt_key, salt.data, 16);
    memcpy(lc->keys.license_key, key.data, 16);
    lc->have_keys = true;
    lc->state = state;
}

static void test_platform_challenge_vector(const wrdp_json *v)
{
    wrdp_license_client lc;
    feed f;
    machine_with_keys(&lc, &f, WRDP_LICENSE_CLIENT_WAIT_CHALLENGE, v);
    wrdp_bytes ch = hex(v, "encrypted_platform_challenge"), mac = hex(v, "mac_data");
    wrdp_license_server_platform_challenge pc = {
        .preamble = {WRDP_PLATFORM_CHALLENGE, WRDP_PREAMBLE_VERSION_3_0, 0},
        .EncryptedPlatformChallenge = {WRDP_BB_ANY_BLOB, ch},
    };
    memcpy(pc.MACData, mac.data, 16);
    wrdp_error err;
    wrdp_writer sw, w;
    wrdp_writer_init(&sw, 1 << 16, &err);
    wrdp_writer_init(&w, 1 << 16, &err);
    wrdp_license_server_platform_challenge_encode(&pc, &sw);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_OK);
    wrdp_license_client_platform_challenge_response resp;
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "test", &err);
    CHECK_EQ(wrdp_license_client_platform_challenge_response_decode(&c, &resp), WRDP_OK);
    uint8_t plain[18] = {0};
    if (resp.EncryptedPlatformChallengeResponse.blobData.len == 18) {
        memcpy(plain, resp.EncryptedPlatformChallengeResponse.blobData.data, 18);
        wrdp_license_rc4(lc.keys.license_key, plain, 18);
    }
    CHECK(eq(plain + 8, 10, hex(v, "decrypted_challenge")));
    wrdp_license_client_free(&lc);

    /* the same challenge with a MAC off by one bit */
    machine_with_keys(&lc, &f, WRDP_LICENSE_CLIENT_WAIT_CHALLENGE, v);
    sw.data[sw.len - 1] ^= 1;
    wrdp_writer_reset(&w);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK_EQ(w.len, 0);
    wrdp_license_client_free(&lc);
    wrdp_writer_free(&sw);
    wrdp_writer_free(&w);
}

static void test_upgrade_license_vector(const wrdp_json *v, uint8_t type)
{
    wrdp_license_client lc;
    feed f;
    machine_with_keys(&lc, &f, WRDP_LICENSE_CLIENT_WAIT_LICENSE, v);
    size_t n;
    uint8_t *enc = test_read_file("vectors/licensing_crypto/upgrade_license_encrypted_info.bin", &n);
    wrdp_bytes mac = hex(v, "mac_data");
    wrdp_license_server_new_license nl = {
        .preamble = {type, WRDP_PREAMBLE_VERSION_3_0, 0},
        .EncryptedLicenseInfo = {WRDP_BB_ENCRYPTED_DATA_BLOB, {enc, n}},
    };
    memcpy(nl.MACData, mac.data, 16);
    wrdp_error err;
    wrdp_writer sw, w;
    wrdp_writer_init(&sw, 1 << 16, &err);
    wrdp_writer_init(&w, 1 << 16, &err);
    CHECK_EQ(type == WRDP_NEW_LICENSE ? wrdp_license_server_new_license_encode(&nl, &sw)
                                     : wrdp_license_server_upgrade_license_encode(&nl, &sw),
             WRDP_OK);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_OK);
    CHECK(wrdp_license_client_done(&lc));
    CHECK_EQ(w.len, 0);
    wrdp_bytes lic = wrdp_license_client_new_license(&lc);
    uint64_t want_len = 0;
    wrdp_json_get_uint(v, "license_info_len", 1 << 20, &want_len, &err);
    CHECK_EQ(lic.len, want_len);
    uint8_t sha[32];
    wrdp_sha256(lic.data, lic.len, sha);
    CHECK(eq(sha, 32, hex(v, "license_info_sha256")));
    wrdp_license_client_free(&lc);

    /* one ciphertext bit flipped: the MAC no longer matches */
    machine_with_keys(&lc, &f, WRDP_LICENSE_CLIENT_WAIT_LICENSE, v);
    sw.data[100] ^= 0x10;
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK_EQ(wrdp_license_client_new_license(&lc).len, 0);
    wrdp_license_client_free(&lc);
    wrdp_writer_free(&sw);
    wrdp_writer_free(&w);
    free(enc);
}

static void test_valid_client_and_errors(void)
{
    feed f;
    wrdp_license_client_config cfg = base_config(&f);
    wrdp_license_client lc;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 16, &err);
    size_t n;
    uint8_t *msg = test_read_file("vectors/pdu/licensing_assembled/error_valid_client_msg.bin", &n);
    wrdp_license_client_init(&lc, &cfg, &err);
    CHECK_EQ(wrdp_license_client_step(&lc, msg, n, &w, &err), WRDP_OK);
    CHECK(wrdp_license_client_done(&lc));
    CHECK_EQ(w.len, 0);
    CHECK_EQ(f.calls, 0);
    wrdp_license_client_free(&lc);
    free(msg);

    /* ERR_NO_LICENSE_SERVER, ST_TOTAL_ABORT */
    wrdp_license_error_message em = {
        .preamble = {WRDP_ERROR_ALERT, WRDP_PREAMBLE_VERSION_3_0, 0},
        .dwErrorCode = WRDP_ERR_NO_LICENSE_SERVER,
        .dwStateTransition = WRDP_ST_TOTAL_ABORT,
        .bbErrorInfo = {WRDP_BB_ERROR_BLOB, {NULL, 0}},
    };
    wrdp_writer sw;
    wrdp_writer_init(&sw, 1 << 16, &err);
    CHECK_EQ(wrdp_license_error_message_encode(&em, &sw), WRDP_OK);
    wrdp_license_client_init(&lc, &cfg, &err);
    CHECK_EQ(wrdp_license_client_step(&lc, sw.data, sw.len, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_LICENSING);
    CHECK_EQ(err.code, WRDP_ERR_NO_LICENSE_SERVER);
    CHECK(strstr(err.message, wrdp_license_error_text(WRDP_ERR_NO_LICENSE_SERVER)) != NULL);
    CHECK_EQ(lc.state, WRDP_LICENSE_CLIENT_FAILED);
    wrdp_license_client_free(&lc);

    /* malformed: empty, truncated, unknown type; a challenge before any request */
    static const uint8_t junk[] = {0x02, 0x03, 0x40, 0x00, 0x01};
    static const uint8_t unknown[] = {0x05, 0x03, 0x04, 0x00};
    const struct {
        const uint8_t *p;
        size_t n;
    } bad[] = {{junk, 0}, {junk, 1}, {junk, sizeof junk}, {unknown, sizeof unknown}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wrdp_license_client_init(&lc, &cfg, &err);
        wrdp_writer_reset(&w);
        CHECK_EQ(wrdp_license_client_step(&lc, bad[i].p, bad[i].n, &w, &err), WRDP_ERR);
        CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
        CHECK_EQ(w.len, 0);
        wrdp_license_client_free(&lc);
    }

    /* a request without a certificate, and none from GCC either */
    msg = test_read_file("vectors/pdu/licensing_assembled/server_license_request_no_cert.bin", &n);
    wrdp_license_client_init(&lc, &cfg, &err);
    CHECK_EQ(wrdp_license_client_step(&lc, msg + 4, n - 4, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    wrdp_license_client_free(&lc);
    /* ... with the GCC proprietary certificate instead */
    size_t sn;
    uint8_t *sd = test_read_file("vectors/pdu/gcc/server_security_data_rsa.bin", &sn);
    wrdp_cursor c;
    wrdp_gcc_server_security_data ssd;
    wrdp_cursor_init(&c, sd, sn, "test", &err);
    CHECK_EQ(wrdp_gcc_server_security_data_decode(&c, &ssd), WRDP_OK);
    cfg = base_config(&f);
    cfg.gcc_server_certificate = ssd.serverCertificate;
    wrdp_license_client_init(&lc, &cfg, &err);
    wrdp_writer_reset(&w);
    CHECK_EQ(wrdp_license_client_step(&lc, msg + 4, n - 4, &w, &err), WRDP_OK);
    wrdp_license_client_new_license_request nlr;
    wrdp_cursor_init(&c, w.data, w.len, "test", &err);
    CHECK_EQ(wrdp_license_client_new_license_request_decode(&c, &nlr), WRDP_OK);
    wrdp_license_server_key key;
    CHECK_EQ(wrdp_license_server_key_from_certificate(ssd.serverCertificate.data, ssd.serverCertificate.len, &key,
                                                      &err),
             WRDP_OK);
    CHECK(key.proprietary);
    CHECK_EQ(wrdp_rdp_security_verify_proprietary_cert(key.signed_part.data, key.signed_part.len, key.signature.data,
                                                       key.signature.len, &err),
             WRDP_OK);
    uint8_t out[80];
    size_t out_len;
    wrdp_rdp_rsa_encrypt(key.modulus, key.modulus_len, key.exponent, randoms + 32, 48, out, sizeof out, &out_len,
                         &err);
    CHECK(eq(out, out_len, nlr.EncryptedPreMasterSecret.blobData));
    wrdp_license_client_free(&lc);
    free(sd);
    free(msg);

    /* a random source that fails */
    msg = test_read_file("vectors/licensing_crypto/server_license_request_for_client_new_license_request_msg.bin", &n);
    cfg = base_config(&f);
    f.len = 40;
    wrdp_license_client_init(&lc, &cfg, &err);
    CHECK_EQ(wrdp_license_client_step(&lc, msg, n, &w, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_INTERNAL);
    wrdp_license_client_free(&lc);
    cfg.random = NULL;
    CHECK_EQ(wrdp_license_client_init(&lc, &cfg, &err), WRDP_ERR);
    free(msg);
    wrdp_writer_free(&sw);
    wrdp_writer_free(&w);
}

/* A stored license goes out in a Client License Information. */
static void test_stored_license(void)
{
    feed f;
    wrdp_license_client_config cfg = base_config(&f);
    static const uint8_t stored[] = {0x30, 0x03, 0x02, 0x01, 0x07};
    static const uint8_t hwid_data[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    cfg.license = stored;
    cfg.license_len = sizeof stored;
    cfg.hardware_id = hwid_data;
    wrdp_license_client lc;
    wrdp_error err;
    wrdp_license_client_init(&lc, &cfg, &err);
    size_t n;
    uint8_t *msg = test_read_file("vectors/licensing_crypto/server_license_request_for_client_new_license_request_msg.bin", &n);
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 16, &err);
    CHECK_EQ(wrdp_license_client_step(&lc, msg, n, &w, &err), WRDP_OK);
    CHECK_EQ(lc.state, WRDP_LICENSE_CLIENT_WAIT_CHALLENGE);
    wrdp_license_client_license_info info;
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "test", &err);
    CHECK_EQ(wrdp_license_client_license_info_decode(&c, &info), WRDP_OK);
    CHECK_EQ(wrdp_cursor_remaining(&c), 0);
    CHECK_EQ(info.preamble.bMsgType, WRDP_LICENSE_INFO);
    CHECK_EQ(info.preamble.wMsgSize, w.len);
    CHECK_EQ(info.PlatformId, 0x04010000);
    CHECK(eq(info.ClientRandom, 32, hex(kd, "client_random")));
    CHECK(eq(info.EncryptedPreMasterSecret.blobData.data, info.EncryptedPreMasterSecret.blobData.len,
             hex(wrdp_json_get(kd, "expected"), "encrypted_premaster_secret_in_request")));
    CHECK(eq(stored, sizeof stored, info.LicenseInfo.blobData));
    CHECK_EQ(info.LicenseInfo.wBlobType, WRDP_BB_DATA_BLOB);
    uint8_t hwid[20] = {0x00, 0x00, 0x01, 0x04};
    memcpy(hwid + 4, hwid_data, 16);
    uint8_t dec[20] = {0};
    if (info.EncryptedHWID.blobData.len == 20) {
        memcpy(dec, info.EncryptedHWID.blobData.data, 20);
        wrdp_license_rc4(hex(wrdp_json_get(kd, "expected"), "license_encryption_key").data, dec, 20);
    }
    CHECK_MEM(dec, hwid, 20);
    uint8_t mac[16];
    wrdp_license_mac(hex(wrdp_json_get(kd, "expected"), "mac_salt_key").data, hwid, 20, mac);
    CHECK_MEM(info.MACData, mac, 16);
    /* the server may then simply accept */
    size_t vn;
    uint8_t *valid = test_read_file("vectors/pdu/licensing_assembled/error_valid_client_msg.bin", &vn);
    wrdp_writer_reset(&w);
    CHECK_EQ(wrdp_license_client_step(&lc, valid, vn, &w, &err), WRDP_OK);
    CHECK(wrdp_license_client_done(&lc));
    free(valid);
    free(msg);
    wrdp_writer_free(&w);
    wrdp_license_client_free(&lc);
}

int main(void)
{
    wrdp_arena_init(&arena, 1 << 22);
    kd = load_json("vectors/pdu/licensing/key_derivation.json");
    const wrdp_json *lv = load_json("vectors/licensing_crypto/vectors.json");

    test_key_chain();
    test_new_license_request();
    test_platform_challenge_vector(wrdp_json_get(lv, "platform_challenge"));
    test_upgrade_license_vector(wrdp_json_get(lv, "upgrade_license"), WRDP_UPGRADE_LICENSE);
    test_upgrade_license_vector(wrdp_json_get(lv, "upgrade_license"), WRDP_NEW_LICENSE);
    test_valid_client_and_errors();
    test_stored_license();

    wrdp_arena_free(&arena);
    return test_finish("connector_licensing");
}
