/* What the session reuses of the connector (see session_hooks.h). */
#include <string.h>

#include "connector_internal.h"
#include "session_hooks.h"

int wrdp_connector_send_pdu(wrdp_connector *c, uint16_t channel_id, uint16_t sec_flags, const uint8_t *body,
                            size_t len, wrdp_writer *out)
{
    wrdp_writer *b = wrdp_conn_body(c);
    wrdp_wr_bytes(b, body, len);
    return wrdp_conn_send(c, channel_id, sec_flags, true, out);
}

int wrdp_connector_send_disconnect(wrdp_connector *c, wrdp_writer *out)
{
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM;
    pdu.u.disconnectProviderUltimatum.reason = WRDP_MCS_RN_USER_REQUESTED;
    return wrdp_conn_send_mcs(c, &pdu, out);
}

int wrdp_connector_autodetect(wrdp_connector *c, uint16_t channel_id, const uint8_t *data, size_t len,
                              wrdp_writer *out)
{
    wrdp_conn_in in;
    memset(&in, 0, sizeof in);
    in.kind = WRDP_CONN_IN_SECURITY;
    in.channel_id = channel_id;
    in.sec_flags = WRDP_SEC_AUTODETECT_REQ;
    in.data.data = data;
    in.data.len = len;
    return wrdp_conn_autodetect(c, &in, out);
}

void wrdp_connector_deactivate(wrdp_connector *c)
{
    c->fin_received = 0;
    wrdp_conn_enter(c, WRDP_CONNECTOR_CAPABILITIES_EXCHANGE);
}

int wrdp_connector_reactivation_pdu(wrdp_connector *c, const uint8_t *data, size_t len, wrdp_writer *out)
{
    wrdp_conn_in in;
    memset(&in, 0, sizeof in);
    in.kind = WRDP_CONN_IN_SHARE_CONTROL;
    in.channel_id = c->result.io_channel_id;
    in.data.data = data;
    in.data.len = len;
    if (len < 4)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "a %zu-byte Share Control PDU", len);
    switch ((data[2] | data[3] << 8) & 0xF) {
    case WRDP_PDUTYPE_DEMANDACTIVEPDU:
        return wrdp_conn_demand_active(c, &in, out);
    case WRDP_PDUTYPE_DATAPDU:
        if (c->state != WRDP_CONNECTOR_CONNECTION_FINALIZATION)
            return WRDP_OK; /* before the Demand Active: nothing the connector reads */
        return wrdp_conn_finalization(c, &in, out);
    default:
        return WRDP_OK;
    }
}

int wrdp_connector_compression(const wrdp_connector *c)
{
    return (int)c->cfg.compression;
}

uint32_t wrdp_connector_max_request_size(const wrdp_connector *c)
{
    /* as phase_capabilities.c advertises it */
    return (c->cfg.bitmap_codecs & WRDP_CODEC_REMOTEFX) ? 0x3F0000u : 0xFFFFu;
}

bool wrdp_connector_advertised_frame_ack(const wrdp_connector *c)
{
    return c->cfg.bitmap_codecs != 0;
}

bool wrdp_connector_fips(const wrdp_connector *c)
{
    return c->sec.method == WRDP_ENCRYPTION_METHOD_FIPS;
}

bool wrdp_connector_security_headers(const wrdp_connector *c)
{
    return c->security_headers;
}
