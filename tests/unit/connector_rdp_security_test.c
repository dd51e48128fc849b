/* The connector under Standard RDP Security: the MS-RDPBCGR 4.1 trace's Connect-Response
 * (128-bit RC4, the server's proprietary certificate and random), the Security Exchange
 * PDU checked against the RSA encryption of the fixed client random, then every PDU
 * encrypted and signed both ways — the server side played by a mirror of the client's
 * keys (the client's encrypt key is the server's decrypt key, 5.3.5). */
#include <string.h>

#include "connector/handoff.h"
#include "connector/licensing.h"
#include "test.h"
#include "webrdp/connector.h"
#include "webrdp/pdu.h"

static int counter_random(void *ctx, uint8_t *out, size_t len)
{
    uint8_t *n = ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (*n)++;
    return 0;
}

typedef struct buf {
    uint8_t *data;
    size_t len;
} buf;

static buf frame_of(wrdp_writer *w)
{
    buf b = {w->data, w->len};
    return b;
}

static buf x224(const uint8_t *p, size_t n)
{
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    size_t m = wrdp_x224_data_begin(&w);
    wrdp_wr_bytes(&w, p, n);
    wrdp_x224_data_end(&w, m);
    return frame_of(&w);
}

static buf indication(const uint8_t *p, size_t n)
{
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_SEND_DATA_INDICATION;
    pdu.u.sendData.initiator = 1002;
    pdu.u.sendData.channelId = 1003;
    pdu.u.sendData.dataPriority = WRDP_MCS_PRIORITY_HIGH;
    pdu.u.sendData.segmentation = WRDP_MCS_SEGMENTATION_BEGIN | WRDP_MCS_SEGMENTATION_END;
    pdu.u.sendData.userData.data = p;
    pdu.u.sendData.userData.len = n;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    size_t m = wrdp_x224_data_begin(&w);
    wrdp_mcs_domain_pdu_encode(&pdu, &w);
    wrdp_x224_data_end(&w, m);
    return frame_of(&w);
}

static wrdp_rdp_security server_sec;

/* The server's side of the keys: the client's state with the directions swapped. */
static void mirror(wrdp_rdp_security *s)
{
    uint8_t k[16];
    memcpy(k, s->encrypt_key, 16);
    memcpy(s->encrypt_key, s->decrypt_key, 16);
    memcpy(s->decrypt_key, k, 16);
    memcpy(k, s->encrypt_key_initial, 16);
    memcpy(s->encrypt_key_initial, s->decrypt_key_initial, 16);
    memcpy(s->decrypt_key_initial, k, 16);
    wrdp_rc4 r = s->encrypt_rc4;
    s->encrypt_rc4 = s->decrypt_rc4;
    s->decrypt_rc4 = r;
}

/* A server PDU encrypted and signed, in its Send Data Indication. */
static buf encrypted(const char *path)
{
    size_t n;
    uint8_t *v = test_read_file(path, &n);
    uint8_t *p = malloc(12 + n);
    memcpy(p + 12, v, n);
    uint8_t sig[8];
    size_t len = n;
    CHECK(wrdp_rdp_security_encrypt(&server_sec, p + 12, &len, n, false, sig, NULL, NULL) == 0);
    p[0] = WRDP_SEC_ENCRYPT & 0xFF;
    p[1] = WRDP_SEC_ENCRYPT >> 8;
    p[2] = p[3] = 0;
    memcpy(p + 4, sig, 8);
    buf b = indication(p, 12 + n);
    free(p);
    free(v);
    return b;
}

/* The client's PDU from a Send Data Request, decrypted with the server's keys. */
static wrdp_bytes decrypted(const uint8_t *frame, size_t len, uint16_t want_flags)
{
    wrdp_cursor c;
    wrdp_mcs_frame f;
    wrdp_bytes none = {NULL, 0};
    wrdp_cursor_init(&c, frame, len, "test", NULL);
    if (wrdp_mcs_frame_decode(&c, &f) || f.domainPdu.type != WRDP_MCS_SEND_DATA_REQUEST) {
        CHECK(!"a Send Data Request");
        return none;
    }
    wrdp_bytes u = f.domainPdu.u.sendData.userData;
    if (u.len < 12)
        return none;
    uint16_t flags = (uint16_t)(u.data[0] | u.data[1] << 8);
    CHECK_EQ(flags, want_flags | WRDP_SEC_ENCRYPT);
    uint8_t *p = (uint8_t *)u.data; /* the test owns the output buffer */
    size_t n = u.len - 12;
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK_MSG(wrdp_rdp_security_decrypt(&server_sec, p + 12, &n, false, p + 4, 0, &err) == 0, "%s", err.message);
    wrdp_bytes b = {p + 12, n};
    return b;
}

static size_t next_frame(const wrdp_writer *out, size_t pos)
{
    return (size_t)out->data[pos + 2] << 8 | out->data[pos + 3];
}

int main(void)
{
    uint8_t rnd = 0;
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = "eltons";
    cfg.password = "P@ss";
    cfg.autologon = true;
    cfg.security_protocols = WRDP_SECURITY_RDP;
    static const char *names[] = {"rdpdr", "cliprdr", "rdpsnd"};
    for (size_t i = 0; i < 3; i++)
        strcpy(cfg.channels[i].name, names[i]);
    cfg.channel_count = 3;
    cfg.random = counter_random;
    cfg.random_ctx = &rnd;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    CHECK(c != NULL);
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);

    CHECK(wrdp_connector_step(c, NULL, 0, &out) == 0);
    /* the MS-RDPBCGR 4.1.2 confirm: RDP_NEG_RSP with PROTOCOL_RDP */
    size_t n;
    uint8_t *v = test_read_file("vectors/pdu/spec41/x224_connection_confirm.bin", &n);
    CHECK(wrdp_connector_step(c, v, n, &out) == 0);
    free(v);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);
    wrdp_writer_reset(&out);
    CHECK(wrdp_connector_step(c, NULL, 0, &out) == 0);
    /* the Connect-Initial offers every encryption method */
    wrdp_cursor cur;
    wrdp_mcs_frame f;
    wrdp_gcc_conference_create_request gcc;
    wrdp_cursor_init(&cur, out.data, out.len, "test", NULL);
    CHECK(wrdp_mcs_frame_decode(&cur, &f) == 0);
    wrdp_cursor_init(&cur, f.connectInitial.userData.data, f.connectInitial.userData.len, "test", NULL);
    CHECK(wrdp_gcc_conference_create_request_decode(&cur, &gcc) == 0);
    CHECK_EQ(gcc.userData.clientSecurityData.encryptionMethods, 0x1B);
    CHECK_EQ(gcc.userData.clientCoreData.serverSelectedProtocol, WRDP_PROTOCOL_RDP);

    uint8_t *cr_v = test_read_file("vectors/pdu/mcs/mcs_connect_response.bin", &n);
    buf resp = x224(cr_v, n);
    CHECK(wrdp_connector_step(c, resp.data, resp.len, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CHANNEL_CONNECTION);
    /* the server random and key, for the expected Security Exchange PDU */
    wrdp_mcs_connect_response mr;
    wrdp_gcc_conference_create_response gr;
    wrdp_cursor_init(&cur, cr_v, n, "test", NULL);
    CHECK(wrdp_mcs_connect_response_decode(&cur, &mr) == 0);
    wrdp_cursor_init(&cur, mr.userData.data, mr.userData.len, "test", NULL);
    CHECK(wrdp_gcc_conference_create_response_decode(&cur, &gr) == 0);
    const wrdp_gcc_server_security_data *sd = &gr.userData.serverSecurityData;
    CHECK_EQ(sd->encryptionMethod, WRDP_ENCRYPTION_METHOD_128BIT);
    wrdp_license_server_key key;
    CHECK(wrdp_license_server_key_from_certificate(sd->serverCertificate.data, sd->serverCertificate.len, &key,
                                                   NULL) == 0);

    CHECK(wrdp_connector_step(c, NULL, 0, &out) == 0); /* erect domain, attach user */
    uint8_t attach[] = {0x2e, 0x00, 0x00, 0x06};
    buf a = x224(attach, sizeof attach);
    CHECK(wrdp_connector_step(c, a.data, a.len, &out) == 0);
    free(a.data);
    static const uint16_t ids[] = {1007, 1003, 1004, 1005, 1006};
    for (int i = 0; i < 5; i++) {
        uint8_t jc[8] = {0x3e, 0x00, 0x00, 0x06, (uint8_t)(ids[i] >> 8), (uint8_t)ids[i],
                         (uint8_t)(ids[i] >> 8), (uint8_t)ids[i]};
        buf j = x224(jc, sizeof jc);
        CHECK(wrdp_connector_step(c, j.data, j.len, &out) == 0);
        free(j.data);
    }
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_SECURITY_EXCHANGE);
    CHECK(!wrdp_connector_wants_input(c));
    wrdp_writer_reset(&out);
    CHECK(wrdp_connector_step(c, NULL, 0, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE);
    /* Security Exchange: the client random (bytes 0..31 from the source) under the server's key */
    wrdp_cursor_init(&cur, out.data, out.len, "test", NULL);
    CHECK(wrdp_mcs_frame_decode(&cur, &f) == 0);
    wrdp_security_exchange_pdu sx;
    wrdp_cursor_init(&cur, f.domainPdu.u.sendData.userData.data, f.domainPdu.u.sendData.userData.len, "test", NULL);
    CHECK(wrdp_security_exchange_pdu_decode(&cur, &sx) == 0);
    CHECK_EQ(sx.basicSecurityHeader.flags, WRDP_SEC_EXCHANGE_PKT);
    uint8_t client_random[32], expect[520];
    for (int i = 0; i < 32; i++)
        client_random[i] = (uint8_t)i;
    size_t elen = 0;
    CHECK(wrdp_rdp_security_encrypt_client_random(key.modulus, key.modulus_len, key.exponent, client_random, expect,
                                                  sizeof expect, &elen, NULL) == 0);
    CHECK_EQ(sx.encryptedClientRandom.len, elen);
    CHECK(sx.encryptedClientRandom.len == elen && memcmp(sx.encryptedClientRandom.data, expect, elen) == 0);
    CHECK(wrdp_rdp_security_init(&server_sec, sd->encryptionMethod, client_random, sd->serverRandom.data, NULL) ==
          0);
    mirror(&server_sec);

    /* the Client Info, encrypted: the server reads the credentials */
    wrdp_writer_reset(&out);
    CHECK(wrdp_connector_step(c, NULL, 0, &out) == 0);
    wrdp_bytes info = decrypted(out.data, out.len, WRDP_SEC_INFO_PKT);
    wrdp_info_packet ip;
    wrdp_cursor_init(&cur, info.data, info.len, "test", NULL);
    CHECK(wrdp_info_packet_decode(&cur, &ip) == 0);
    CHECK(ip.flags & WRDP_INFO_AUTOLOGON);
    char s[32] = {0};
    wrdp_utf16le_to_utf8(ip.Password.data, ip.Password.len, s, sizeof s - 1);
    CHECK(strcmp(s, "P@ss") == 0);

    /* licensing arrives unencrypted (basic header), the rest encrypted */
    v = test_read_file("vectors/pdu/rdp/server_license_error_valid_client.bin", &n);
    buf lic = indication(v, n);
    free(v);
    CHECK(wrdp_connector_step(c, lic.data, lic.len, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_MULTITRANSPORT_BOOTSTRAPPING);
    buf da = encrypted("vectors/pdu/rdp/server_demand_active_pdu.bin");
    wrdp_writer_reset(&out);
    CHECK(wrdp_connector_step(c, da.data, da.len, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_FINALIZATION);
    /* five PDUs, each decrypting under the server's keys in order */
    size_t pos = 0;
    int count = 0;
    while (pos + 4 <= out.len) {
        size_t len = next_frame(&out, pos);
        wrdp_bytes p = decrypted(out.data + pos, len, 0);
        if (count == 0) {
            wrdp_confirm_active_pdu *ca = calloc(1, sizeof *ca);
            wrdp_cursor_init(&cur, p.data, p.len, "test", NULL);
            CHECK(wrdp_confirm_active_pdu_decode(&cur, ca) == 0);
            CHECK_EQ(ca->confirmActive.shareId, 0x000103ea);
            free(ca);
        }
        pos += len;
        count++;
    }
    CHECK_EQ(count, 5);
    const char *fin[] = {"vectors/pdu/spec41/server_synchronize_pdu_4_1_19_decrypted.bin",
                         "vectors/pdu/rdp/server_control_granted_control_pdu.bin",
                         "vectors/pdu/rdp/server_font_map_pdu.bin"};
    for (int i = 0; i < 3; i++) {
        buf b = encrypted(fin[i]);
        CHECK(wrdp_connector_step(c, b.data, b.len, &out) == 0);
        free(b.data);
    }
    CHECK(wrdp_connector_is_connected(c));
    const wrdp_connection_result *r = wrdp_connector_result(c);
    CHECK(r && r->encryption && r->encryption_method == WRDP_ENCRYPTION_METHOD_128BIT);
    CHECK(r && r->selected_protocol == WRDP_PROTOCOL_RDP);
    wrdp_rdp_security *handed = wrdp_connector_rdp_security(c);
    CHECK(handed != NULL);
    CHECK(handed && handed->encrypt_total == 6 && handed->decrypt_total == 4);
    CHECK(wrdp_connector_client_random(c) && memcmp(wrdp_connector_client_random(c), client_random, 32) == 0);

    wrdp_connector_free(c);
    free(da.data);
    free(lic.data);
    free(resp.data);
    free(cr_v);
    wrdp_writer_free(&out);
    return test_finish("connector_rdp_security");
}
