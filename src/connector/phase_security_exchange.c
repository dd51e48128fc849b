/* Security commencement (MS-RDPBCGR 1.3.1.1, 2.2.1.10, 5.3.4, 5.3.5): under Standard
 * RDP Security with encryption, the client random goes to the server encrypted with
 * its RSA key, and both sides derive the session keys; every later PDU is encrypted
 * and signed. */
#include <string.h>

#include "connector_internal.h"

int wrdp_conn_security_exchange(wrdp_connector *c, wrdp_writer *out)
{
    if (c->cfg.random(c->cfg.random_ctx, c->client_random, sizeof c->client_random))
        return wrdp_conn_fail(c, WRDP_ERROR_INTERNAL, "the random source failed");
    uint8_t encrypted[512 + 8];
    size_t n = 0;
    if (wrdp_rdp_security_encrypt_client_random(c->server_modulus_le, c->server_modulus_len, c->server_exponent,
                                                c->client_random, encrypted, sizeof encrypted, &n, &c->err))
        return wrdp_conn_fail_err(c);
    wrdp_security_exchange_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.basicSecurityHeader.flags = WRDP_SEC_EXCHANGE_PKT;
    pdu.encryptedClientRandom.data = encrypted;
    pdu.encryptedClientRandom.len = n;
    wrdp_writer *body = wrdp_conn_body(c);
    if (wrdp_security_exchange_pdu_encode(&pdu, body))
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "Security Exchange PDU: %s", c->err.message);
    if (wrdp_conn_send(c, c->result.io_channel_id, WRDP_CONN_SEC_RAW, false, out))
        return WRDP_ERR;
    if (wrdp_rdp_security_init(&c->sec, c->server_encryption_method, c->client_random, c->server_random, &c->err))
        return wrdp_conn_fail_err(c);
    c->encrypting = true;
    wrdp_conn_enter(c, WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE);
    return WRDP_OK;
}
