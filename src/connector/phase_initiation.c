/* Connection initiation (MS-RDPBCGR 1.3.1.1, 2.2.1.1, 2.2.1.2): the optional
 * Preconnection PDU, the X.224 Connection Request with its cookie or routing token
 * and RDP_NEG_REQ, and the Connection Confirm that picks the security protocol —
 * directly, or wrapped in RDCleanPath through a gateway. Then the security upgrade,
 * which the caller performs. */
#include <string.h>

#include "connector_internal.h"
#include "crypto/crypto.h"
#include "pcb.h"
#include "webrdp/rdcleanpath.h"

#define COOKIE_MAX 127

/* The cookie names the user to a broker; the wire allows printable ASCII only. */
static size_t cookie_from_user(const char *user, uint8_t *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = user; p && *p && n < cap; p++)
        if ((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7F)
            out[n++] = (uint8_t)*p;
    return n;
}

static int write_connection_request(wrdp_connector *c, wrdp_writer *w)
{
    wrdp_x224_connection_request cr;
    memset(&cr, 0, sizeof cr);
    uint8_t cookie[COOKIE_MAX];
    uint8_t *token = NULL;
    if (c->cfg.load_balance_info_len) {
        size_t n = c->cfg.load_balance_info_len;
        const uint8_t *p = c->cfg.load_balance_info;
        bool terminated = n >= 2 && p[n - 2] == '\r' && p[n - 1] == '\n';
        token = wrdp_arena_alloc(&c->strings, n + 2);
        if (!token)
            return wrdp_conn_fail(c, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
        memcpy(token, p, n);
        if (!terminated) {
            token[n++] = '\r';
            token[n++] = '\n';
        }
        cr.routingToken.data = token;
        cr.routingToken.len = n;
    } else {
        cr.cookie.len = cookie_from_user(c->cfg.username, cookie, sizeof cookie);
        cr.cookie.data = cookie;
    }
    cr.hasRdpNegReq = true;
    cr.rdpNegReq.requestedProtocols = c->requested_protocols;
    if (wrdp_x224_connection_request_encode(&cr, w))
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "X.224 Connection Request: %s", c->err.message);
    return WRDP_OK;
}

int wrdp_conn_initiation_send(wrdp_connector *c, wrdp_writer *out)
{
    wrdp_writer *cr = wrdp_conn_body(c);
    if (write_connection_request(c, cr))
        return WRDP_ERR;
    const char *blob = c->cfg.preconnection ? c->cfg.preconnection_blob : NULL;
    if (c->rdcleanpath) {
        wrdp_rdcleanpath_pdu pdu;
        if (wrdp_rdcleanpath_request_init(&pdu, c->rcp_destination, c->rcp_proxy_auth, cr->data, cr->len, blob,
                                          &c->err))
            return wrdp_conn_fail_err(c);
        if (wrdp_rdcleanpath_encode(&pdu, out))
            return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "RDCleanPath request: %s", c->err.message);
    } else {
        if (c->cfg.preconnection && wrdp_pcb_write(c->cfg.preconnection_id, blob, out))
            return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "Preconnection PDU: %s", c->err.message);
        wrdp_wr_bytes(out, cr->data, cr->len);
        if (wrdp_writer_status(out))
            return wrdp_conn_fail_err(c);
    }
    wrdp_conn_enter(c, WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM);
    return WRDP_OK;
}

static const char *protocol_name(uint32_t p)
{
    switch (p) {
    case WRDP_PROTOCOL_RDP: return "Standard RDP Security";
    case WRDP_PROTOCOL_SSL: return "TLS";
    case WRDP_PROTOCOL_HYBRID: return "NLA (CredSSP)";
    case WRDP_PROTOCOL_HYBRID_EX: return "NLA with early user authorization";
    case WRDP_PROTOCOL_RDSTLS: return "RDSTLS";
    case WRDP_PROTOCOL_RDSAAD: return "Azure AD authentication";
    default: return "an unknown protocol";
    }
}

/* The Connection Confirm: which protocol the server picked, or why it refused. */
static int process_confirm(wrdp_connector *c, const uint8_t *frame, size_t len)
{
    wrdp_cursor cur;
    wrdp_x224_connection_confirm cc;
    wrdp_cursor_init(&cur, frame, len, "X.224 Connection Confirm", &c->err);
    if (wrdp_x224_connection_confirm_decode(&cur, &cc) || wrdp_cursor_expect_end(&cur))
        return wrdp_conn_fail_err(c);
    uint32_t selected = WRDP_PROTOCOL_RDP;
    switch (cc.rdpNegDataType) {
    case WRDP_TYPE_RDP_NEG_FAILURE:
        return wrdp_conn_fail_code(c, WRDP_ERROR_NEGOTIATION_FAILURE, cc.rdpNegFailure.failureCode, "%s",
                                   wrdp_neg_failure_text(cc.rdpNegFailure.failureCode));
    case WRDP_TYPE_RDP_NEG_RSP:
        selected = cc.rdpNegRsp.selectedProtocol;
        c->result.negotiation_flags = cc.rdpNegRsp.flags;
        break;
    default: /* no negotiation data: an old server, Standard RDP Security */
        break;
    }
    bool rdp_allowed = c->cfg.security_protocols & WRDP_SECURITY_RDP;
    if (selected == WRDP_PROTOCOL_RDP && (!rdp_allowed || c->rdcleanpath))
        return wrdp_conn_fail(c, WRDP_ERROR_NEGOTIATION_FAILURE,
                              c->rdcleanpath ? "the server offers only Standard RDP Security, which a gateway cannot carry"
                                             : "the server offers only Standard RDP Security, which the configuration "
                                               "does not allow");
    if (selected != WRDP_PROTOCOL_RDP && ((selected & (selected - 1)) || !(selected & c->requested_protocols)))
        return wrdp_conn_fail_code(c, WRDP_ERROR_NEGOTIATION_FAILURE, 0,
                                   "the server chose %s (0x%x), which was not offered", protocol_name(selected),
                                   (unsigned)selected);
    c->result.selected_protocol = selected;
    return WRDP_OK;
}

int wrdp_conn_take_certificate(wrdp_connector *c, const uint8_t *cert, size_t len)
{
    wrdp_x509_key key;
    wrdp_error e;
    wrdp_error_clear(&e);
    if (wrdp_x509_public_key(cert, len, &key, &e)) {
        wrdp_error_set(&c->err, e.kind == WRDP_ERROR_NONE ? WRDP_ERROR_DECODE : e.kind,
                       "the server certificate: %s", e.message);
        return WRDP_ERR;
    }
    uint8_t *copy = wrdp_alloc(key.subject_public_key.len);
    if (!copy)
        return wrdp_error_set(&c->err, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
    memcpy(copy, key.subject_public_key.data, key.subject_public_key.len);
    wrdp_free(c->server_public_key);
    c->server_public_key = copy;
    c->server_public_key_len = key.subject_public_key.len;
    return WRDP_OK;
}

void wrdp_conn_after_upgrade(wrdp_connector *c)
{
    uint32_t p = c->result.selected_protocol;
    if (p == WRDP_PROTOCOL_HYBRID || p == WRDP_PROTOCOL_HYBRID_EX) {
        c->credssp_started = false;
        wrdp_conn_enter(c, WRDP_CONNECTOR_CREDSSP);
    } else {
        wrdp_conn_enter(c, WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);
    }
}

static int process_rdcleanpath(wrdp_connector *c, const uint8_t *frame, size_t len)
{
    wrdp_cursor cur;
    wrdp_rdcleanpath_pdu pdu;
    wrdp_cursor_init(&cur, frame, len, "RDCleanPath", &c->err);
    if (wrdp_rdcleanpath_decode(&cur, &pdu) || wrdp_cursor_expect_end(&cur))
        return wrdp_conn_fail_err(c);
    switch (wrdp_rdcleanpath_classify(&pdu, &c->err)) {
    case WRDP_RDCLEANPATH_RESPONSE:
        break;
    case WRDP_RDCLEANPATH_NEGOTIATION_ERROR:
        /* the server's own refusal is in its Connection Confirm: report its reason */
        if (pdu.has_x224_connection_pdu &&
            process_confirm(c, pdu.x224_connection_pdu.data, pdu.x224_connection_pdu.len))
            return WRDP_ERR;
        /* fall through */
    case WRDP_RDCLEANPATH_GENERAL_ERROR:
        wrdp_rdcleanpath_to_error(&pdu, &c->err);
        return wrdp_conn_fail_err(c);
    case WRDP_RDCLEANPATH_REQUEST:
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the gateway answered with an RDCleanPath request");
    default:
        return wrdp_conn_fail_err(c);
    }
    if (!pdu.has_x224_connection_pdu)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the RDCleanPath response has no X.224 Connection Confirm");
    if (process_confirm(c, pdu.x224_connection_pdu.data, pdu.x224_connection_pdu.len))
        return WRDP_ERR;
    if (!pdu.server_cert_count)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "the RDCleanPath response has no server certificate");
    if (wrdp_conn_take_certificate(c, pdu.server_cert_chain[0].data, pdu.server_cert_chain[0].len))
        return wrdp_conn_fail_err(c);
    wrdp_conn_after_upgrade(c);
    return WRDP_OK;
}

int wrdp_conn_initiation_confirm(wrdp_connector *c, const uint8_t *frame, size_t len)
{
    if (c->rdcleanpath)
        return process_rdcleanpath(c, frame, len);
    if (process_confirm(c, frame, len))
        return WRDP_ERR;
    if (c->result.selected_protocol == WRDP_PROTOCOL_RDP)
        wrdp_conn_enter(c, WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);
    else
        wrdp_conn_enter(c, WRDP_CONNECTOR_SECURITY_UPGRADE);
    return WRDP_OK;
}

int wrdp_conn_security_upgrade_done(wrdp_connector *c, const uint8_t *cert, size_t len)
{
    uint32_t p = c->result.selected_protocol;
    bool nla = p == WRDP_PROTOCOL_HYBRID || p == WRDP_PROTOCOL_HYBRID_EX;
    if (cert && len) {
        /* only CredSSP needs the key: under TLS alone an odd certificate is the caller's call */
        if (wrdp_conn_take_certificate(c, cert, len) && nla)
            return wrdp_conn_fail_err(c);
    } else if (nla) {
        return wrdp_error_set(&c->err, WRDP_ERROR_INVALID_ARGUMENT,
                              "NLA needs the server's TLS certificate (CredSSP binds to its public key)");
    }
    wrdp_conn_after_upgrade(c);
    return WRDP_OK;
}
