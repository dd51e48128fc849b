/* The client's licensing exchange (MS-RDPELE 3.2.5): answer the License Request
 * with a New License Request (or the stored license), the Platform Challenge with
 * its response, and take the license the server issues. The PDUs are the pdu
 * family's; the key derivation is licensing_crypto's. */
#include <string.h>

#include "connector/licensing.h"
#include "core/asn1.h"
#include "crypto/rdp_security.h"
#include "webrdp/pdu/gcc.h"

#define PREMASTER_SIZE 48
#define HWID_SIZE 20

static int fail(wrdp_license_client *lc, wrdp_error *err, wrdp_error_kind kind, const char *what)
{
    lc->state = WRDP_LICENSE_CLIENT_FAILED;
    return wrdp_error_set(err, kind, "licensing: %s", what);
}

int wrdp_license_client_init(wrdp_license_client *lc, const wrdp_license_client_config *cfg, wrdp_error *err)
{
    memset(lc, 0, sizeof *lc);
    if (!cfg || !cfg->random)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "licensing: no random source");
    lc->cfg = *cfg;
    if (!lc->cfg.platform_id)
        lc->cfg.platform_id = WRDP_CLIENT_OS_ID_WINNT_POST_52 | WRDP_CLIENT_IMAGE_ID_MICROSOFT;
    lc->preamble_version = WRDP_PREAMBLE_VERSION_3_0;
    return WRDP_OK;
}

void wrdp_license_client_free(wrdp_license_client *lc)
{
    wrdp_free(lc->new_license);
    wrdp_wipe(lc, sizeof *lc);
}

wrdp_bytes wrdp_license_client_new_license(const wrdp_license_client *lc)
{
    return (wrdp_bytes){lc->new_license, lc->new_license_len};
}

/* ---- the server's public key --------------------------------------------- */

/* SubjectPublicKeyInfo of an X.509 certificate, walked by hand: the licensing
 * server's certificate names its key with Microsoft's old OIDs (1.3.14.3.2.15,
 * signed with 1.3.14.3.2.29), which mbedTLS refuses. */
static int x509_rsa_key_der(const uint8_t *der, size_t len, wrdp_license_server_key *out, wrdp_error *err)
{
    wrdp_cursor c, cert, tbs, skip, spki, bits, rsa, n;
    uint32_t tag;
    size_t l;
    wrdp_cursor_init(&c, der, len, "X.509 certificate", err);
    if (wrdp_ber_read_expect(&c, WRDP_BER_SEQUENCE, &cert, "Certificate") ||
        wrdp_ber_read_expect(&cert, WRDP_BER_SEQUENCE, &tbs, "tbsCertificate"))
        return WRDP_ERR;
    if (wrdp_ber_peek_tag(&tbs) == WRDP_BER_CTX(0) && wrdp_ber_read_expect(&tbs, WRDP_BER_CTX(0), &skip, "version"))
        return WRDP_ERR;
    /* serialNumber, signature, issuer, validity, subject */
    for (int k = 0; k < 5; k++) {
        if (wrdp_ber_read_header(&tbs, &tag, &l, "tbsCertificate field") || wrdp_rd_skip(&tbs, l, "tbsCertificate"))
            return WRDP_ERR;
    }
    if (wrdp_ber_read_expect(&tbs, WRDP_BER_SEQUENCE, &spki, "subjectPublicKeyInfo") ||
        wrdp_ber_read_expect(&spki, WRDP_BER_SEQUENCE, &skip, "algorithm") ||
        wrdp_ber_read_expect(&spki, WRDP_BER_BIT_STRING, &bits, "subjectPublicKey"))
        return WRDP_ERR;
    if (wrdp_rd_u8(&bits, "unused bits") != 0)
        return wrdp_cursor_fail(&bits, "subjectPublicKey", "not a whole number of bytes");
    uint32_t e = 0;
    if (wrdp_ber_read_expect(&bits, WRDP_BER_SEQUENCE, &rsa, "RSAPublicKey") ||
        wrdp_ber_read_expect(&rsa, WRDP_BER_INTEGER, &n, "modulus") || wrdp_ber_read_u32(&rsa, &e, "publicExponent"))
        return WRDP_ERR;
    wrdp_bytes m = wrdp_rd_rest(&n);
    while (m.len > 0 && m.data[0] == 0) {
        m.data++;
        m.len--;
    }
    if (m.len == 0 || m.len > sizeof out->modulus)
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "licensing: a %zu-byte RSA modulus", m.len);
    for (size_t i = 0; i < m.len; i++)
        out->modulus[i] = m.data[m.len - 1 - i];
    out->modulus_len = m.len;
    out->exponent = e;
    return WRDP_OK;
}

int wrdp_license_server_key_from_certificate(const uint8_t *cert, size_t len, wrdp_license_server_key *out,
                                             wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    wrdp_gcc_server_certificate sc;
    wrdp_cursor c;
    wrdp_cursor_init(&c, cert, len, "server certificate", err);
    if (wrdp_gcc_server_certificate_decode(&c, &sc) != WRDP_OK)
        return WRDP_ERR;
    if ((sc.dwVersion & WRDP_CERT_CHAIN_VERSION_MASK) == WRDP_CERT_CHAIN_VERSION_1) {
        const wrdp_gcc_proprietary_certificate *p = &sc.proprietary;
        const wrdp_bytes *m = &p->PublicKeyBlob.modulus;
        if (p->PublicKeyBlob.magic != WRDP_RSA1_MAGIC || m->len == 0 || m->len > sizeof out->modulus)
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "server certificate: no usable RSA key");
        memcpy(out->modulus, m->data, m->len);
        out->modulus_len = m->len; /* with its zero padding: wrdp_rdp_rsa_encrypt ignores it */
        out->exponent = p->PublicKeyBlob.pubExp;
        out->proprietary = true;
        /* the signature covers the certificate up to its wSignatureBlobType / wSignatureBlobLen */
        if (p->SignatureBlob.data && p->SignatureBlob.data >= cert + 4) {
            out->signed_part = (wrdp_bytes){cert, (size_t)(p->SignatureBlob.data - 4 - cert)};
            out->signature = p->SignatureBlob;
        }
        return WRDP_OK;
    }
    if (sc.x509.NumCertBlobs == 0)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "server certificate: an empty X.509 chain");
    /* the chain runs from the root to the server's own certificate */
    wrdp_bytes last = sc.x509.CertBlobArray[sc.x509.NumCertBlobs - 1];
    wrdp_x509_key k;
    wrdp_error ignored;
    if (wrdp_x509_public_key(last.data, last.len, &k, &ignored) == WRDP_OK && k.is_rsa && k.modulus_len &&
        k.modulus_len <= sizeof out->modulus) {
        for (size_t i = 0; i < k.modulus_len; i++)
            out->modulus[i] = k.modulus[k.modulus_len - 1 - i];
        out->modulus_len = k.modulus_len;
        out->exponent = k.exponent;
        return WRDP_OK;
    }
    return x509_rsa_key_der(last.data, last.len, out, err);
}

/* ---- messages ----------------------------------------------------------------- */

static wrdp_license_preamble preamble(const wrdp_license_client *lc)
{
    return (wrdp_license_preamble){.flags = lc->preamble_version, .wMsgSize = 0};
}

static void hardware_id(const wrdp_license_client *lc, uint8_t out[HWID_SIZE])
{
    wrdp_license_client_hardware_id h = {.PlatformId = lc->cfg.platform_id};
    if (lc->cfg.hardware_id) {
        const uint8_t *d = lc->cfg.hardware_id;
        uint32_t *words[4] = {&h.Data1, &h.Data2, &h.Data3, &h.Data4};
        for (int k = 0; k < 4; k++)
            *words[k] = (uint32_t)d[4 * k] | (uint32_t)d[4 * k + 1] << 8 | (uint32_t)d[4 * k + 2] << 16 |
                        (uint32_t)d[4 * k + 3] << 24;
    }
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, out, HWID_SIZE, NULL);
    wrdp_license_client_hardware_id_encode(&h, &w);
}

static wrdp_bytes cstr(const char *s)
{
    /* ANSI with its terminating NUL */
    return s ? (wrdp_bytes){(const uint8_t *)s, strlen(s) + 1} : (wrdp_bytes){(const uint8_t *)"", 1};
}

/* License Request -> New License Request, or License Information with the stored license. */
static int on_license_request(wrdp_license_client *lc, wrdp_cursor *c, wrdp_writer *out, wrdp_error *err)
{
    wrdp_license_server_request req;
    if (wrdp_license_server_request_decode(c, &req) != WRDP_OK)
        return fail(lc, NULL, WRDP_ERROR_DECODE, "");
    lc->preamble_version = req.preamble.flags & WRDP_LICENSE_PROTOCOL_VERSION_MASK;
    if (lc->preamble_version < WRDP_PREAMBLE_VERSION_2_0)
        lc->preamble_version = WRDP_PREAMBLE_VERSION_3_0;
    memcpy(lc->server_random, req.ServerRandom, sizeof lc->server_random);

    wrdp_bytes cert = req.ServerCertificate.blobData;
    if (cert.len == 0)
        cert = lc->cfg.gcc_server_certificate;
    if (cert.len == 0)
        return fail(lc, err, WRDP_ERROR_DECODE, "the server sent no certificate to encrypt the premaster secret with");
    wrdp_license_server_key key;
    if (wrdp_license_server_key_from_certificate(cert.data, cert.len, &key, err) != WRDP_OK) {
        lc->state = WRDP_LICENSE_CLIENT_FAILED;
        return WRDP_ERR;
    }

    uint8_t premaster[PREMASTER_SIZE], encrypted[512 + 8];
    size_t encrypted_len = 0;
    if (lc->cfg.random(lc->cfg.random_ctx, lc->client_random, sizeof lc->client_random) != 0 ||
        lc->cfg.random(lc->cfg.random_ctx, premaster, sizeof premaster) != 0)
        return fail(lc, err, WRDP_ERROR_INTERNAL, "the random source failed");
    wrdp_license_derive_keys(premaster, lc->client_random, lc->server_random, &lc->keys);
    lc->have_keys = true;
    int rc = wrdp_rdp_rsa_encrypt(key.modulus, key.modulus_len, key.exponent, premaster, sizeof premaster, encrypted,
                                  sizeof encrypted, &encrypted_len, err);
    wrdp_wipe(premaster, sizeof premaster);
    if (rc != WRDP_OK) {
        lc->state = WRDP_LICENSE_CLIENT_FAILED;
        return WRDP_ERR;
    }
    wrdp_license_blob secret = {WRDP_BB_RANDOM_BLOB, {encrypted, encrypted_len}};

    if (lc->cfg.license && lc->cfg.license_len) {
        if (lc->cfg.license_len > UINT16_MAX)
            return fail(lc, err, WRDP_ERROR_INVALID_ARGUMENT, "the stored license is too long");
        uint8_t hwid[HWID_SIZE], hwid_enc[HWID_SIZE];
        hardware_id(lc, hwid);
        memcpy(hwid_enc, hwid, sizeof hwid);
        wrdp_license_rc4(lc->keys.license_key, hwid_enc, sizeof hwid_enc);
        wrdp_license_client_license_info info = {
            .preamble = preamble(lc),
            .PreferredKeyExchangeAlg = WRDP_KEY_EXCHANGE_ALG_RSA,
            .PlatformId = lc->cfg.platform_id,
            .EncryptedPreMasterSecret = secret,
            .LicenseInfo = {WRDP_BB_DATA_BLOB, {lc->cfg.license, lc->cfg.license_len}},
            .EncryptedHWID = {WRDP_BB_ENCRYPTED_DATA_BLOB, {hwid_enc, sizeof hwid_enc}},
        };
        info.preamble.bMsgType = WRDP_LICENSE_INFO;
        memcpy(info.ClientRandom, lc->client_random, sizeof info.ClientRandom);
        /* MS-RDPELE 2.2.2.3: the MAC covers the unencrypted hardware id */
        wrdp_license_mac(lc->keys.mac_salt_key, hwid, sizeof hwid, info.MACData);
        rc = wrdp_license_client_license_info_encode(&info, out);
    } else {
        wrdp_license_client_new_license_request nlr = {
            .preamble = preamble(lc),
            .PreferredKeyExchangeAlg = WRDP_KEY_EXCHANGE_ALG_RSA,
            .PlatformId = lc->cfg.platform_id,
            .EncryptedPreMasterSecret = secret,
            .ClientUserName = {WRDP_BB_CLIENT_USER_NAME_BLOB, cstr(lc->cfg.user_name)},
            .ClientMachineName = {WRDP_BB_CLIENT_MACHINE_NAME_BLOB, cstr(lc->cfg.machine_name)},
        };
        nlr.preamble.bMsgType = WRDP_NEW_LICENSE_REQUEST;
        memcpy(nlr.ClientRandom, lc->client_random, sizeof nlr.ClientRandom);
        rc = wrdp_license_client_new_license_request_encode(&nlr, out);
    }
    if (rc != WRDP_OK) {
        lc->state = WRDP_LICENSE_CLIENT_FAILED;
        return wrdp_error_set(err, WRDP_ERROR_ENCODE, "licensing: the client's answer does not encode");
    }
    lc->state = WRDP_LICENSE_CLIENT_WAIT_CHALLENGE;
    return WRDP_OK;
}

/* Platform Challenge -> Platform Challenge Response (MS-RDPELE 3.2.5.4). */
static int on_platform_challenge(wrdp_license_client *lc, wrdp_cursor *c, wrdp_writer *out, wrdp_error *err)
{
    wrdp_license_server_platform_challenge pc;
    if (wrdp_license_server_platform_challenge_decode(c, &pc) != WRDP_OK)
        return fail(lc, NULL, WRDP_ERROR_DECODE, "");
    size_t n = pc.EncryptedPlatformChallenge.blobData.len;
    /* the response data holds the challenge behind 8 bytes of header, in a 16-bit length */
    if (n > UINT16_MAX - 8)
        return fail(lc, err, WRDP_ERROR_DECODE, "the platform challenge is too long");
    uint8_t *buf = wrdp_alloc(n + 8 + HWID_SIZE > 0 ? n + 8 + HWID_SIZE : 1);
    uint8_t *challenge = wrdp_alloc(n ? n : 1);
    if (!buf || !challenge) {
        wrdp_free(buf);
        wrdp_free(challenge);
        return fail(lc, err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
    }
    int rc = WRDP_ERR;
    if (n)
        memcpy(challenge, pc.EncryptedPlatformChallenge.blobData.data, n);
    wrdp_license_rc4(lc->keys.license_key, challenge, n);
    uint8_t mac[WRDP_LICENSE_MAC_SIZE];
    wrdp_license_mac(lc->keys.mac_salt_key, challenge, n, mac);
    if (!wrdp_ct_equal(mac, pc.MACData, sizeof mac)) {
        fail(lc, err, WRDP_ERROR_DECODE, "the platform challenge's MAC is wrong (keys do not match the server's)");
        goto out;
    }
    /* MACData covers the response data and the hardware id, both unencrypted */
    wrdp_license_platform_challenge_response_data rd = {
        .wVersion = WRDP_PLATFORM_CHALLENGE_RESPONSE_VERSION,
        .wClientType = WRDP_WIN32_PLATFORM_CHALLENGE_TYPE,
        .wLicenseDetailLevel = WRDP_LICENSE_DETAIL_DETAIL,
        .pbChallenge = {challenge, n},
    };
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, buf, n + 8, NULL);
    if (wrdp_license_platform_challenge_response_data_encode(&rd, &w) != WRDP_OK || w.len != n + 8) {
        fail(lc, err, WRDP_ERROR_ENCODE, "the challenge response does not encode");
        goto out;
    }
    uint8_t *hwid = buf + n + 8, hwid_enc[HWID_SIZE];
    hardware_id(lc, hwid);
    wrdp_license_client_platform_challenge_response resp = {.preamble = preamble(lc)};
    resp.preamble.bMsgType = WRDP_PLATFORM_CHALLENGE_RESPONSE;
    wrdp_license_mac(lc->keys.mac_salt_key, buf, n + 8 + HWID_SIZE, resp.MACData);
    memcpy(hwid_enc, hwid, HWID_SIZE);
    wrdp_license_rc4(lc->keys.license_key, hwid_enc, HWID_SIZE);
    wrdp_license_rc4(lc->keys.license_key, buf, n + 8); /* a fresh keystream for each part */
    resp.EncryptedPlatformChallengeResponse = (wrdp_license_blob){WRDP_BB_ENCRYPTED_DATA_BLOB, {buf, n + 8}};
    resp.EncryptedHWID = (wrdp_license_blob){WRDP_BB_ENCRYPTED_DATA_BLOB, {hwid_enc, HWID_SIZE}};
    if (wrdp_license_client_platform_challenge_response_encode(&resp, out) != WRDP_OK) {
        fail(lc, err, WRDP_ERROR_ENCODE, "the challenge response does not encode");
        goto out;
    }
    lc->state = WRDP_LICENSE_CLIENT_WAIT_LICENSE;
    rc = WRDP_OK;
out:
    wrdp_wipe(challenge, n);
    wrdp_free(challenge);
    wrdp_free(buf);
    return rc;
}

/* New License / Upgrade License: decrypt, check the MAC, keep pbLicenseInfo. */
static int on_new_license(wrdp_license_client *lc, wrdp_cursor *c, uint8_t type, wrdp_error *err)
{
    wrdp_license_server_new_license nl;
    int rc = type == WRDP_NEW_LICENSE ? wrdp_license_server_new_license_decode(c, &nl)
                                      : wrdp_license_server_upgrade_license_decode(c, &nl);
    if (rc != WRDP_OK)
        return fail(lc, NULL, WRDP_ERROR_DECODE, "");
    size_t n = nl.EncryptedLicenseInfo.blobData.len;
    uint8_t *plain = wrdp_alloc(n ? n : 1);
    if (!plain)
        return fail(lc, err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
    if (n)
        memcpy(plain, nl.EncryptedLicenseInfo.blobData.data, n);
    wrdp_license_rc4(lc->keys.license_key, plain, n);
    uint8_t mac[WRDP_LICENSE_MAC_SIZE];
    wrdp_license_mac(lc->keys.mac_salt_key, plain, n, mac);
    rc = WRDP_ERR;
    if (!wrdp_ct_equal(mac, nl.MACData, sizeof mac)) {
        fail(lc, err, WRDP_ERROR_DECODE, "the new license's MAC is wrong");
        goto out;
    }
    wrdp_license_new_license_info info;
    wrdp_cursor ic;
    wrdp_cursor_init(&ic, plain, n, "New License Information", err);
    if (wrdp_license_new_license_info_decode(&ic, &info) != WRDP_OK) {
        lc->state = WRDP_LICENSE_CLIENT_FAILED;
        goto out;
    }
    wrdp_free(lc->new_license);
    lc->new_license = NULL;
    lc->new_license_len = 0;
    if (info.pbLicenseInfo.len) {
        lc->new_license = wrdp_alloc(info.pbLicenseInfo.len);
        if (!lc->new_license) {
            fail(lc, err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
            goto out;
        }
        memcpy(lc->new_license, info.pbLicenseInfo.data, info.pbLicenseInfo.len);
        lc->new_license_len = info.pbLicenseInfo.len;
    }
    lc->state = WRDP_LICENSE_CLIENT_DONE;
    rc = WRDP_OK;
out:
    wrdp_wipe(plain, n);
    wrdp_free(plain);
    return rc;
}

static int on_error(wrdp_license_client *lc, wrdp_cursor *c, wrdp_error *err)
{
    wrdp_license_error_message m;
    if (wrdp_license_error_message_decode(c, &m) != WRDP_OK)
        return fail(lc, NULL, WRDP_ERROR_DECODE, "");
    /* STATUS_VALID_CLIENT ends licensing whatever the state transition says */
    if (m.dwErrorCode == WRDP_STATUS_VALID_CLIENT) {
        lc->state = WRDP_LICENSE_CLIENT_DONE;
        return WRDP_OK;
    }
    lc->state = WRDP_LICENSE_CLIENT_FAILED;
    wrdp_error_set(err, WRDP_ERROR_LICENSING, "licensing: %s", wrdp_license_error_text(m.dwErrorCode));
    if (err)
        err->code = m.dwErrorCode;
    return WRDP_ERR;
}

int wrdp_license_client_step(wrdp_license_client *lc, const uint8_t *msg, size_t len, wrdp_writer *out,
                             wrdp_error *err)
{
    if (lc->state == WRDP_LICENSE_CLIENT_DONE || lc->state == WRDP_LICENSE_CLIENT_FAILED)
        return wrdp_error_set(err, WRDP_ERROR_STATE, "licensing: the exchange is over");
    wrdp_cursor c;
    wrdp_cursor_init(&c, msg, len, "licensing message", err);
    const uint8_t *type = wrdp_cursor_peek(&c, 1, "bMsgType");
    if (!type) {
        lc->state = WRDP_LICENSE_CLIENT_FAILED;
        return WRDP_ERR;
    }
    switch (*type) {
    case WRDP_ERROR_ALERT: return on_error(lc, &c, err);
    case WRDP_LICENSE_REQUEST:
        if (lc->state == WRDP_LICENSE_CLIENT_WAIT_REQUEST)
            return on_license_request(lc, &c, out, err);
        break;
    case WRDP_PLATFORM_CHALLENGE:
        if (lc->state == WRDP_LICENSE_CLIENT_WAIT_CHALLENGE)
            return on_platform_challenge(lc, &c, out, err);
        break;
    case WRDP_NEW_LICENSE:
    case WRDP_UPGRADE_LICENSE:
        if (lc->state == WRDP_LICENSE_CLIENT_WAIT_CHALLENGE || lc->state == WRDP_LICENSE_CLIENT_WAIT_LICENSE)
            return on_new_license(lc, &c, *type, err);
        break;
    default: break;
    }
    lc->state = WRDP_LICENSE_CLIENT_FAILED;
    return wrdp_error_set(err, WRDP_ERROR_DECODE, "licensing: unexpected message 0x%02x from the server", *type);
}
