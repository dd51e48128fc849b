/* The phases after the Client Info PDU share one input stream, in which the server
 * may interleave auto-detect requests, licensing, a multitransport request, the
 * Demand Active, finalization PDUs, error info and early fast-path updates: this
 * routes each PDU to its phase (MS-RDPBCGR 1.3.1.1). */
#include <string.h>

#include "connector_internal.h"

static int security_pdu(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    uint16_t f = in->sec_flags;
    if (f & WRDP_SEC_AUTODETECT_REQ)
        return wrdp_conn_autodetect(c, in, out);
    if (f & WRDP_SEC_LICENSE_PKT)
        return wrdp_conn_licensing(c, in, out);
    if (f & WRDP_SEC_TRANSPORT_REQ)
        return wrdp_conn_multitransport(c, in, out);
    if (f & WRDP_SEC_HEARTBEAT)
        return WRDP_OK;
    if (f & WRDP_SEC_REDIRECTION_PKT)
        return wrdp_conn_fail(c, WRDP_ERROR_UNSUPPORTED, "the server redirects the connection (not supported yet)");
    return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "an unexpected PDU (security flags 0x%04x) in %s", f,
                          wrdp_connector_state_name(c->state));
}

static int share_control_pdu(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    wrdp_cursor cur;
    wrdp_share_control_header h;
    wrdp_cursor_init(&cur, in->data.data, in->data.len, "Share Control PDU", &c->err);
    if (in->data.len >= 2 && (in->data.data[0] | in->data.data[1] << 8) == 0x8000)
        return WRDP_OK; /* flow PDU */
    if (wrdp_share_control_header_decode(&cur, &h))
        return wrdp_conn_fail_err(c);
    switch (h.pduType & 0xF) {
    case WRDP_PDUTYPE_DEMANDACTIVEPDU:
        return wrdp_conn_demand_active(c, in, out);
    case WRDP_PDUTYPE_DEACTIVATEALLPDU:
        /* deactivation-reactivation (1.3.1.3): a new Demand Active follows */
        if (c->state == WRDP_CONNECTOR_CONNECTION_FINALIZATION)
            wrdp_conn_enter(c, WRDP_CONNECTOR_CAPABILITIES_EXCHANGE);
        c->fin_received = 0;
        return WRDP_OK;
    case WRDP_PDUTYPE_DATAPDU:
        return wrdp_conn_finalization(c, in, out);
    case WRDP_PDUTYPE_SERVER_REDIR_PKT:
        return wrdp_conn_fail(c, WRDP_ERROR_UNSUPPORTED, "the server redirects the connection (not supported yet)");
    default:
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "an unexpected Share Control PDU type 0x%x", h.pduType);
    }
}

int wrdp_conn_activation(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    wrdp_conn_in in;
    if (wrdp_conn_recv(c, frame, len, &in))
        return WRDP_ERR;
    switch (in.kind) {
    case WRDP_CONN_IN_SECURITY:
        return security_pdu(c, &in, out);
    case WRDP_CONN_IN_SHARE_CONTROL:
        return share_control_pdu(c, &in, out);
    default:
        return WRDP_OK; /* early fast-path updates and foreign channels: the session's business */
    }
}
