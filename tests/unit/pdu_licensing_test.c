/* Licensing PDUs: decoded fields against the vectors' expected values (IronRDP's
 * decoded_fields in vectors/pdu/licensing/manifest.json), re-encoding, PDUs built
 * from structs, truncations, and the error texts. */
#include "pdu/kind.h"
#include "test.h"

#define LIC "vectors/pdu/licensing/"
#define ASM "vectors/pdu/licensing_assembled/"

static const uint8_t MAC_CHALLENGE[16] = {0x38, 0x23, 0x62, 0x5d, 0x10, 0x8b, 0x93, 0xc3,
                                          0xf1, 0xe4, 0x67, 0x1f, 0x4a, 0xb6, 0x00, 0x0a};

/* UTF-16LE of an ASCII string, terminating NUL included. */
static size_t utf16z(const char *s, uint8_t *out)
{
    size_t n = 0;
    for (;; s++) {
        out[n++] = (uint8_t)*s;
        out[n++] = 0;
        if (!*s)
            return n;
    }
}

static int bytes_eq(wrdp_bytes b, const void *p, size_t n) { return b.len == n && (n == 0 || !memcmp(b.data, p, n)); }

static int file_eq(wrdp_bytes b, const char *path)
{
    size_t n;
    uint8_t *d = test_read_file(path, &n);
    int ok = bytes_eq(b, d, n);
    free(d);
    return ok;
}

/* Decodes a whole file as `kind`, checks every byte is consumed and that the
 * re-encoding is identical. The struct goes to out (views point into *data). */
static int decode_file(const char *kind, const char *path, void *out, uint8_t **data, size_t *len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK_MSG(k != NULL, "kind %s", kind);
    if (!k)
        return WRDP_ERR;
    *data = test_read_file(path, len);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, *data, *len, k->name, &err);
    int rc = k->decode(&c, out);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", path, err.message);
    if (rc != WRDP_OK)
        return rc;
    CHECK_MSG(c.pos == *len, "%s: consumed %zu of %zu", path, c.pos, *len);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    rc = k->encode(out, &w);
    CHECK_MSG(rc == WRDP_OK && w.len == *len && !memcmp(w.data, *data, *len), "%s: re-encoding differs", path);
    wrdp_writer_free(&w);
    return rc;
}

/* Every proper prefix must fail with a decode (or limit) error naming the kind. */
static void check_truncations(const char *kind, const char *path)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    size_t len;
    uint8_t *data = test_read_file(path, &len);
    void *s = calloc(1, k->size);
    int bad = 0;
    for (size_t n = 0; n < len; n++) {
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_cursor c;
        /* a copy of exactly n bytes, so ASan sees any read past the end */
        uint8_t *cut = malloc(n ? n : 1);
        memcpy(cut, data, n);
        wrdp_cursor_init(&c, cut, n, k->name, &err);
        memset(s, 0, k->size);
        int rc = k->decode(&c, s);
        if (rc != WRDP_ERR || (err.kind != WRDP_ERROR_DECODE && err.kind != WRDP_ERROR_LIMIT) ||
            !strstr(err.message, kind)) {
            if (!bad++)
                fprintf(stderr, "%s: prefix %zu of %zu: rc %d, %s\n", path, n, len, rc, err.message);
        }
        free(cut);
    }
    CHECK_MSG(bad == 0, "%s as %s: %d prefixes did not fail cleanly", path, kind, bad);
    free(s);
    free(data);
}

static void test_license_header(void)
{
    wrdp_license_header h;
    uint8_t *d;
    size_t n;
    if (decode_file("license_header", LIC "common__license_header_buffer.bin", &h, &d, &n) == WRDP_OK) {
        CHECK_EQ(h.flags, WRDP_SEC_LICENSE_PKT);
        CHECK_EQ(h.flagsHi, 0);
        CHECK_EQ(h.preamble.bMsgType, WRDP_ERROR_ALERT);
        CHECK_EQ(h.preamble.flags & WRDP_LICENSE_PROTOCOL_VERSION_MASK, WRDP_PREAMBLE_VERSION_3_0);
        CHECK_EQ(h.preamble.flags & WRDP_EXTENDED_ERROR_MSG_SUPPORTED, 0);
        CHECK_EQ(h.preamble.wMsgSize, 16);
    }
    free(d);
    if (decode_file("license_header", LIC "server_license_request__license_header_buffer_with_cert.bin", &h, &d,
                    &n) == WRDP_OK) {
        CHECK_EQ(h.preamble.bMsgType, WRDP_LICENSE_REQUEST);
        CHECK_EQ(h.preamble.wMsgSize, 0x089c);
    }
    free(d);
}

static void test_small_structures(void)
{
    uint8_t *d;
    size_t n;
    uint8_t u16[128];

    wrdp_license_product_info pi;
    if (decode_file("license_product_info", LIC "server_license_request__product_info_buffer.bin", &pi, &d, &n) ==
        WRDP_OK) {
        CHECK_EQ(pi.dwVersion, 393216);
        size_t k = utf16z("Microsoft Corporation", u16);
        CHECK(bytes_eq(pi.pbCompanyName, u16, k));
        k = utf16z("A02", u16);
        CHECK(bytes_eq(pi.pbProductId, u16, k));
    }
    free(d);

    wrdp_license_blob b;
    if (decode_file("license_binary_blob", LIC "server_license_request__scope_buffer.bin", &b, &d, &n) == WRDP_OK) {
        CHECK_EQ(b.wBlobType, WRDP_BB_SCOPE_BLOB);
        CHECK(bytes_eq(b.blobData, "microsoft.com", 14));
    }
    free(d);
    if (decode_file("license_binary_blob", LIC "common__blob_buffer.bin", &b, &d, &n) == WRDP_OK) {
        CHECK_EQ(b.wBlobType, 0x0008);
        CHECK(file_eq(b.blobData, LIC "server_license_request__signature.bin"));
    }
    free(d);

    wrdp_license_key_exchange_list kx;
    if (decode_file("license_key_exchange_list", LIC "server_license_request__key_exchange_list_buffer.bin", &kx, &d,
                    &n) == WRDP_OK) {
        CHECK_EQ(kx.wBlobType, WRDP_BB_KEY_EXCHG_ALG_BLOB);
        CHECK_EQ(kx.count, 1);
        CHECK_EQ(kx.KeyExchangeAlg[0], WRDP_KEY_EXCHANGE_ALG_RSA);
    }
    free(d);

    wrdp_license_scope_list sl;
    if (decode_file("license_scope_list", LIC "server_license_request__scope_buffer_with_count.bin", &sl, &d, &n) ==
        WRDP_OK) {
        CHECK_EQ(sl.ScopeCount, 1);
        CHECK_EQ(sl.ScopeArray[0].wBlobType, WRDP_BB_SCOPE_BLOB);
        CHECK(bytes_eq(sl.ScopeArray[0].blobData, "microsoft.com", 14));
    }
    free(d);

    wrdp_license_client_hardware_id hw;
    if (decode_file("license_client_hardware_id",
                    LIC "client_platform_challenge_response__client_hardware_identification_buffer.bin", &hw, &d,
                    &n) == WRDP_OK) {
        CHECK_EQ(hw.PlatformId, 2); /* IronRDP's HARDWARE_ID */
        CHECK_EQ(hw.Data1, 0x3e8759f1);
        CHECK_EQ(hw.Data2, 0xaf98d8c9);
        CHECK_EQ(hw.Data3, 0xf3f80224);
        CHECK_EQ(hw.Data4, 0x26f03a29);
        CHECK(!memcmp(d + 4, "\xf1\x59\x87\x3e\xc9\xd8\x98\xaf\x24\x02\xf8\xf3\x29\x3a\xf0\x26", 16));
    }
    free(d);

    wrdp_license_platform_challenge_response_data rd;
    if (decode_file("license_platform_challenge_response_data",
                    LIC "client_platform_challenge_response__platform_challenge_response_data_buffer.bin", &rd, &d,
                    &n) == WRDP_OK) {
        CHECK_EQ(rd.wVersion, WRDP_PLATFORM_CHALLENGE_RESPONSE_VERSION);
        CHECK_EQ(rd.wClientType, WRDP_WIN32_PLATFORM_CHALLENGE_TYPE);
        CHECK_EQ(rd.wLicenseDetailLevel, WRDP_LICENSE_DETAIL_DETAIL);
        CHECK(file_eq(rd.pbChallenge, LIC "client_platform_challenge_response__challenge_buffer.bin"));
    }
    free(d);

    wrdp_license_new_license_info ni;
    if (decode_file("license_new_license_info", LIC "server_upgrade_license__new_license_information_buffer.bin", &ni,
                    &d, &n) == WRDP_OK) {
        CHECK_EQ(ni.dwVersion, 393216);
        CHECK(bytes_eq(ni.pbScope, "microsoft.com", 14));
        size_t k = utf16z("Microsoft Corporation", u16);
        CHECK(bytes_eq(ni.pbCompanyName, u16, k));
        k = utf16z("A02", u16);
        CHECK(bytes_eq(ni.pbProductId, u16, k));
        CHECK_EQ(ni.pbLicenseInfo.len, 1945);
        CHECK(ni.pbLicenseInfo.len >= 4 && !memcmp(ni.pbLicenseInfo.data, "\x30\x82\x07\x95", 4));
    }
    free(d);
}

static void test_server_messages(void)
{
    uint8_t *d;
    size_t n;
    wrdp_license_pdu p;

    static const char *challenges[] = {LIC "server_platform_challenge__platform_challenge_buffer.bin",
                                       LIC "common__platform_challenge_buffer.bin"};
    for (int i = 0; i < 2; i++) {
        if (decode_file("license_pdu", challenges[i], &p, &d, &n) == WRDP_OK) {
            const wrdp_license_server_platform_challenge *m = &p.u.server_platform_challenge;
            CHECK_EQ(p.flags, WRDP_SEC_LICENSE_PKT);
            CHECK_EQ(m->preamble.bMsgType, WRDP_PLATFORM_CHALLENGE);
            CHECK_EQ(m->preamble.flags, WRDP_PREAMBLE_VERSION_3_0);
            CHECK_EQ(m->preamble.wMsgSize, 38);
            CHECK_EQ(m->ConnectFlags, 0);
            CHECK_EQ(m->EncryptedPlatformChallenge.wBlobType, 0);
            CHECK(file_eq(m->EncryptedPlatformChallenge.blobData, LIC "server_platform_challenge__challenge_buffer.bin"));
            CHECK_MEM(m->MACData, MAC_CHALLENGE, 16);
        }
        free(d);
    }

    if (decode_file("license_pdu", LIC "server_upgrade_license__server_upgrade_license_buffer.bin", &p, &d, &n) ==
        WRDP_OK) {
        const wrdp_license_server_new_license *m = &p.u.server_new_license;
        CHECK_EQ(m->preamble.bMsgType, WRDP_NEW_LICENSE);
        CHECK_EQ(m->preamble.wMsgSize, 2055);
        CHECK_EQ(m->EncryptedLicenseInfo.wBlobType, WRDP_BB_ENCRYPTED_DATA_BLOB);
        CHECK_EQ(m->EncryptedLicenseInfo.blobData.len, 2031);
        CHECK(!memcmp(m->EncryptedLicenseInfo.blobData.data, "\xdb\xa3\x13\x30\x79\xa3\xcd\x9e", 8));
        size_t mn;
        uint8_t *mac = test_read_file(LIC "server_upgrade_license__mac_data.bin", &mn);
        CHECK(mn == 16 && !memcmp(m->MACData, mac, 16));
        free(mac);
    }
    free(d);

    /* the error message three ways: IronRDP (wMsgSize 16), the MS-RDPBCGR 4.1 trace (wMsgSize 20), in MCS */
    static const char *valid[] = {LIC "common__status_valid_client_buffer.bin",
                                  "vectors/pdu/rdp/server_license_error_valid_client.bin",
                                  ASM "error_valid_client.bin"};
    static const uint16_t sizes[] = {16, 20, 20};
    for (int i = 0; i < 3; i++) {
        if (decode_file("license_pdu", valid[i], &p, &d, &n) == WRDP_OK) {
            const wrdp_license_error_message *m = &p.u.error_message;
            CHECK_EQ(m->preamble.bMsgType, WRDP_ERROR_ALERT);
            CHECK_EQ(m->preamble.wMsgSize, sizes[i]);
            CHECK_EQ(m->dwErrorCode, WRDP_STATUS_VALID_CLIENT);
            CHECK_EQ(m->dwStateTransition, WRDP_ST_NO_TRANSITION);
            CHECK_EQ(m->bbErrorInfo.wBlobType, WRDP_BB_ERROR_BLOB);
            CHECK_EQ(m->bbErrorInfo.blobData.len, 0);
            CHECK(wrdp_license_error_message_is_valid_client(m));
        }
        free(d);
    }
    d = test_read_file("vectors/pdu/mcs/mcs_send_data_indication_license.bin", &n);
    {
        /* SDin: choice 0x68, initiator, channelId, priority/segmentation, one-byte PER length */
        CHECK(n > 7 && d[0] == 0x68 && d[6] == n - 7);
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_cursor c;
        wrdp_cursor_init(&c, d + 7, n - 7, "license_pdu", &err);
        CHECK(wrdp_license_pdu_decode(&c, &p) == WRDP_OK && c.pos == n - 7);
        CHECK(wrdp_license_error_message_is_valid_client(&p.u.error_message));
    }
    free(d);

    if (decode_file("license_pdu", ASM "server_license_request.bin", &p, &d, &n) == WRDP_OK) {
        const wrdp_license_server_request *m = &p.u.server_request;
        CHECK_EQ(m->preamble.bMsgType, WRDP_LICENSE_REQUEST);
        CHECK_EQ(m->preamble.wMsgSize, 0x089c);
        size_t rn;
        uint8_t *r = test_read_file(LIC "server_license_request__server_random_buffer.bin", &rn);
        CHECK(rn == 32 && !memcmp(m->ServerRandom, r, 32));
        free(r);
        CHECK_EQ(m->ProductInfo.dwVersion, 0x60000);
        CHECK_EQ(m->ProductInfo.pbProductId.len, 8);
        CHECK_EQ(m->KeyExchangeList.count, 1);
        CHECK_EQ(m->ServerCertificate.wBlobType, WRDP_BB_CERTIFICATE_BLOB);
        CHECK_EQ(m->ServerCertificate.blobData.len, 0x812);
        CHECK(!memcmp(m->ServerCertificate.blobData.data, "\x02\x00\x00\x80\x02\x00\x00\x00", 8));
        CHECK_EQ(m->ScopeList.ScopeCount, 1);
        CHECK(bytes_eq(m->ScopeList.ScopeArray[0].blobData, "microsoft.com", 14));
    }
    free(d);
    if (decode_file("license_pdu", ASM "server_license_request_no_cert.bin", &p, &d, &n) == WRDP_OK) {
        CHECK_EQ(p.u.server_request.ServerCertificate.blobData.len, 0);
        CHECK_EQ(p.u.server_request.preamble.wMsgSize, 0x8a);
    }
    free(d);
}

static void test_client_messages(void)
{
    uint8_t *d;
    size_t n;
    wrdp_license_pdu p;
    if (decode_file("license_pdu", LIC "client_platform_challenge_response__client_platform_challenge_response_buffer.bin",
                    &p, &d, &n) == WRDP_OK) {
        const wrdp_license_client_platform_challenge_response *m = &p.u.client_platform_challenge_response;
        CHECK_EQ(m->preamble.bMsgType, WRDP_PLATFORM_CHALLENGE_RESPONSE);
        CHECK_EQ(m->preamble.wMsgSize, 66);
        CHECK_EQ(m->EncryptedPlatformChallengeResponse.wBlobType, WRDP_BB_ENCRYPTED_DATA_BLOB);
        uint8_t x[32];
        size_t k = test_hex("fab4e824cf56b24e8002bdb661fcdfe96c44", x, sizeof x);
        CHECK(bytes_eq(m->EncryptedPlatformChallengeResponse.blobData, x, k));
        k = test_hex("f8b5e8253d0f3f701dda601916fe731a457e0271", x, sizeof x);
        CHECK(bytes_eq(m->EncryptedHWID.blobData, x, k));
        CHECK_MEM(m->MACData, MAC_CHALLENGE, 16);
    }
    free(d);

    if (decode_file("license_pdu", ASM "client_new_license_request.bin", &p, &d, &n) == WRDP_OK) {
        const wrdp_license_client_new_license_request *m = &p.u.client_new_license_request;
        CHECK_EQ(m->preamble.bMsgType, WRDP_NEW_LICENSE_REQUEST);
        CHECK_EQ(m->preamble.wMsgSize, n - 4);
        CHECK_EQ(m->PreferredKeyExchangeAlg, WRDP_KEY_EXCHANGE_ALG_RSA);
        CHECK_EQ(m->PlatformId, WRDP_CLIENT_OS_ID_WINNT_POST_52 | WRDP_CLIENT_IMAGE_ID_MICROSOFT);
        CHECK_EQ(m->EncryptedPreMasterSecret.wBlobType, WRDP_BB_RANDOM_BLOB);
        CHECK(file_eq(m->EncryptedPreMasterSecret.blobData, LIC "client_new_license_request__encrypted_premaster_secret.bin"));
        CHECK_EQ(m->ClientUserName.wBlobType, WRDP_BB_CLIENT_USER_NAME_BLOB);
        CHECK(bytes_eq(m->ClientUserName.blobData, "sample-user", 12));
        CHECK_EQ(m->ClientMachineName.wBlobType, WRDP_BB_CLIENT_MACHINE_NAME_BLOB);
        CHECK(bytes_eq(m->ClientMachineName.blobData, "sample-machine-name", 20));
    }
    free(d);
}

/* PDUs built from structs: exact bytes where a vector exists, decode-back otherwise. */
static void test_build(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);

    wrdp_license_error_message em;
    wrdp_license_error_message_valid_client(&em);
    CHECK(wrdp_license_error_message_encode(&em, &w) == WRDP_OK);
    size_t n;
    uint8_t *d = test_read_file(ASM "error_valid_client_msg.bin", &n);
    CHECK(w.len == n && !memcmp(w.data, d, n));
    free(d);

    /* a stale wMsgSize is recomputed */
    wrdp_writer_reset(&w);
    em.preamble.wMsgSize = 999;
    CHECK(wrdp_license_error_message_encode(&em, &w) == WRDP_OK);
    CHECK(w.len == 16 && w.data[2] == 16 && w.data[3] == 0);

    /* a client license info, encoded then decoded */
    static const uint8_t premaster[8] = {1, 2, 3, 4, 5, 6, 7, 8}, lic[5] = {9, 9, 9, 9, 9}, hwid[20] = {7};
    wrdp_license_pdu p;
    memset(&p, 0, sizeof p);
    p.flags = WRDP_SEC_LICENSE_PKT;
    wrdp_license_client_license_info *li = &p.u.client_license_info;
    li->preamble.bMsgType = WRDP_LICENSE_INFO;
    li->preamble.flags = WRDP_PREAMBLE_VERSION_3_0 | WRDP_EXTENDED_ERROR_MSG_SUPPORTED;
    li->PreferredKeyExchangeAlg = WRDP_KEY_EXCHANGE_ALG_RSA;
    li->PlatformId = WRDP_CLIENT_OS_ID_WINNT_POST_52 | WRDP_CLIENT_IMAGE_ID_MICROSOFT;
    memset(li->ClientRandom, 0xab, sizeof li->ClientRandom);
    li->EncryptedPreMasterSecret = (wrdp_license_blob){WRDP_BB_RANDOM_BLOB, {premaster, sizeof premaster}};
    li->LicenseInfo = (wrdp_license_blob){WRDP_BB_DATA_BLOB, {lic, sizeof lic}};
    li->EncryptedHWID = (wrdp_license_blob){WRDP_BB_ENCRYPTED_DATA_BLOB, {hwid, sizeof hwid}};
    memset(li->MACData, 0x5a, sizeof li->MACData);
    wrdp_writer_reset(&w);
    CHECK(wrdp_license_pdu_encode(&p, &w) == WRDP_OK);
    size_t expect = 4 + 4 + 8 + 32 + (4 + 8) + (4 + 5) + (4 + 20) + 16;
    CHECK_EQ(w.len, expect);
    CHECK_EQ(w.data[6] | w.data[7] << 8, expect - 4);
    CHECK_EQ(w.data[5], 0x83);
    wrdp_license_pdu q;
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "license_pdu", &err);
    CHECK(wrdp_license_pdu_decode(&c, &q) == WRDP_OK && c.pos == w.len);
    CHECK_EQ(q.u.preamble.bMsgType, WRDP_LICENSE_INFO);
    CHECK_EQ(q.u.client_license_info.PlatformId, li->PlatformId);
    CHECK(bytes_eq(q.u.client_license_info.LicenseInfo.blobData, lic, sizeof lic));
    CHECK(bytes_eq(q.u.client_license_info.EncryptedHWID.blobData, hwid, sizeof hwid));
    CHECK_MEM(q.u.client_license_info.MACData, li->MACData, 16);

    /* the message kinds write their own bMsgType */
    wrdp_license_server_new_license nl;
    memset(&nl, 0, sizeof nl);
    nl.preamble.bMsgType = WRDP_NEW_LICENSE;
    wrdp_writer_reset(&w);
    CHECK(wrdp_license_server_upgrade_license_encode(&nl, &w) == WRDP_OK);
    CHECK(w.len == 4 + 4 + 16 && w.data[0] == WRDP_UPGRADE_LICENSE);

    /* values that do not fit fail the writer */
    wrdp_license_scope_list sl;
    memset(&sl, 0, sizeof sl);
    sl.ScopeCount = WRDP_LICENSE_SCOPE_MAX + 1;
    wrdp_writer_reset(&w);
    CHECK(wrdp_license_scope_list_encode(&sl, &w) == WRDP_ERR);
    wrdp_license_blob big = {WRDP_BB_DATA_BLOB, {premaster, 70000}};
    wrdp_writer_reset(&w);
    CHECK(wrdp_license_blob_encode(&big, &w) == WRDP_ERR);
    wrdp_writer_free(&w);
}

static void test_json(void)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find("license_product_info");
    size_t n;
    uint8_t *d = test_read_file(LIC "server_license_request__product_info_buffer.bin", &n);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_pdu_kind_to_json(k, d, n, false, &w, NULL, &err) == WRDP_OK);
    wrdp_wr_u8(&w, 0);
    CHECK_MSG(strstr((const char *)w.data, "\"pbCompanyName\":\"Microsoft Corporation\\u0000\"") != NULL, "%s",
              (const char *)w.data);
    free(d);

    /* an unpaired surrogate falls back to hex and still round-trips */
    static const uint8_t odd[] = {0, 0, 6, 0, 4, 0, 0, 0, 0x00, 0xd8, 0x41, 0x00, 2, 0, 0, 0, 0, 0};
    wrdp_writer_reset(&w);
    CHECK(wrdp_pdu_kind_to_json(k, odd, sizeof odd, false, &w, NULL, &err) == WRDP_OK);
    wrdp_writer back;
    wrdp_writer_init(&back, 0, &err);
    CHECK(wrdp_pdu_kind_from_json(k, (const char *)w.data, w.len, &back, &err) == WRDP_OK);
    CHECK(back.len == sizeof odd && !memcmp(back.data, odd, sizeof odd));
    wrdp_wr_u8(&w, 0);
    CHECK(strstr((const char *)w.data, "pbCompanyNameHex") != NULL);
    wrdp_writer_free(&back);

    /* license_pdu carries the message under "message", with the error text */
    k = wrdp_pdu_kind_find("license_pdu");
    d = test_read_file(LIC "common__status_valid_client_buffer.bin", &n);
    wrdp_writer_reset(&w);
    CHECK(wrdp_pdu_kind_to_json(k, d, n, false, &w, NULL, &err) == WRDP_OK);
    wrdp_wr_u8(&w, 0);
    CHECK(strstr((const char *)w.data, "\"message\":{\"preamble\":{\"bMsgType\":255") != NULL);
    CHECK(strstr((const char *)w.data, "licensing is complete") != NULL);
    free(d);
    wrdp_writer_free(&w);
}

static void test_error_texts(void)
{
    static const uint32_t codes[] = {WRDP_ERR_INVALID_SERVER_CERTIFICATE, WRDP_ERR_NO_LICENSE, WRDP_ERR_INVALID_MAC,
                                     WRDP_ERR_INVALID_SCOPE, WRDP_ERR_NO_LICENSE_SERVER, WRDP_STATUS_VALID_CLIENT,
                                     WRDP_ERR_INVALID_CLIENT, WRDP_ERR_INVALID_PRODUCTID,
                                     WRDP_ERR_INVALID_MESSAGE_LEN};
    const char *unknown = wrdp_license_error_text(0x1234);
    CHECK(unknown != NULL);
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const char *t = wrdp_license_error_text(codes[i]);
        CHECK(t != NULL && t != unknown && strlen(t) > 10);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(t, wrdp_license_error_text(codes[j])) != 0);
    }
    wrdp_license_error_message m;
    wrdp_license_error_message_valid_client(&m);
    CHECK(wrdp_license_error_message_is_valid_client(&m));
    m.dwStateTransition = WRDP_ST_TOTAL_ABORT;
    CHECK(!wrdp_license_error_message_is_valid_client(&m));
}

static void test_errors(void)
{
    /* a message kind refuses another message type, naming the field */
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find("license_server_platform_challenge");
    size_t n;
    uint8_t *d = test_read_file(ASM "error_valid_client_msg.bin", &n);
    wrdp_license_server_platform_challenge m;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, d, n, k->name, &err);
    CHECK(k->decode(&c, &m) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK(strstr(err.message, "license_server_platform_challenge") && strstr(err.message, "bMsgType"));
    free(d);
}

int main(void)
{
    test_license_header();
    test_small_structures();
    test_server_messages();
    test_client_messages();
    test_build();
    test_json();
    test_error_texts();
    test_errors();

    static const char *const trunc[][2] = {
        {"license_pdu", LIC "server_platform_challenge__platform_challenge_buffer.bin"},
        {"license_pdu", LIC "client_platform_challenge_response__client_platform_challenge_response_buffer.bin"},
        {"license_pdu", LIC "server_upgrade_license__server_upgrade_license_buffer.bin"},
        {"license_pdu", LIC "common__status_valid_client_buffer.bin"},
        {"license_pdu", "vectors/pdu/rdp/server_license_error_valid_client.bin"},
        {"license_pdu", ASM "server_license_request.bin"},
        {"license_pdu", ASM "server_license_request_no_cert.bin"},
        {"license_pdu", ASM "client_new_license_request.bin"},
        {"license_pdu", ASM "client_license_info.bin"},
        {"license_server_request", ASM "server_license_request_msg.bin"},
        {"license_server_platform_challenge", ASM "server_platform_challenge_msg.bin"},
        {"license_server_new_license", ASM "server_new_license_msg.bin"},
        {"license_server_upgrade_license", ASM "server_upgrade_license_msg.bin"},
        {"license_error_message", ASM "error_valid_client_msg.bin"},
        {"license_client_new_license_request", ASM "client_new_license_request_msg.bin"},
        {"license_client_license_info", ASM "client_license_info_msg.bin"},
        {"license_client_platform_challenge_response", ASM "client_platform_challenge_response_msg.bin"},
        {"license_header", LIC "common__license_header_buffer.bin"},
        {"license_binary_blob", LIC "common__blob_buffer.bin"},
        {"license_product_info", LIC "server_license_request__product_info_buffer.bin"},
        {"license_key_exchange_list", LIC "server_license_request__key_exchange_list_buffer.bin"},
        {"license_scope_list", LIC "server_license_request__scope_buffer_with_count.bin"},
        {"license_new_license_info", LIC "server_upgrade_license__new_license_information_buffer.bin"},
        {"license_platform_challenge_response_data",
         LIC "client_platform_challenge_response__platform_challenge_response_data_buffer.bin"},
        {"license_client_hardware_id", LIC "client_platform_challenge_response__client_hardware_identification_buffer.bin"},
    };
    for (size_t i = 0; i < sizeof trunc / sizeof trunc[0]; i++)
        check_truncations(trunc[i][0], trunc[i][1]);
    return test_finish("pdu_licensing");
}
