/* Connection finalization (MS-RDPBCGR 1.3.1.1, 2.2.1.19 - 2.2.1.22): the server's
 * Synchronize, Control Cooperate, Control Granted Control and Font Map; the Font
 * Map completes the connection. Set Error Info on the way ends it instead. */
#include <string.h>

#include "connector_internal.h"

static void connected(wrdp_connector *c)
{
    c->result.compression_type =
        c->cfg.compression == WRDP_COMPRESSION_NONE ? 0 : (uint32_t)c->cfg.compression;
    wrdp_conn_enter(c, WRDP_CONNECTOR_CONNECTED);
}

int wrdp_conn_finalization(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    wrdp_cursor cur;
    wrdp_share_data_headers h;
    wrdp_cursor_init(&cur, in->data.data, in->data.len, "Share Data PDU", &c->err);
    if (wrdp_share_control_header_decode(&cur, &h.shareControlHeader) ||
        wrdp_share_data_header_decode(&cur, &h.shareDataHeader))
        return wrdp_conn_fail_err(c);
    if (h.shareDataHeader.compressedType & WRDP_PACKET_COMPRESSED)
        return wrdp_conn_fail(c, WRDP_ERROR_UNSUPPORTED, "a compressed PDU during the connection sequence");
    wrdp_cursor_init(&cur, in->data.data, in->data.len, "Share Data PDU", &c->err);
    switch (h.shareDataHeader.pduType2) {
    case WRDP_PDUTYPE2_SET_ERROR_INFO_PDU: {
        wrdp_set_error_info_pdu e;
        if (wrdp_set_error_info_pdu_decode(&cur, &e))
            return wrdp_conn_fail_err(c);
        if (e.errorInfo == 0)
            return WRDP_OK; /* ERRINFO_NONE */
        c->error_info = e.errorInfo;
        return wrdp_conn_fail_disconnect(c, "Set Error Info");
    }
    case WRDP_PDUTYPE2_SYNCHRONIZE: {
        wrdp_synchronize_pdu s;
        if (wrdp_synchronize_pdu_decode(&cur, &s))
            return wrdp_conn_fail_err(c);
        c->fin_received |= WRDP_FIN_SYNCHRONIZE;
        return WRDP_OK;
    }
    case WRDP_PDUTYPE2_CONTROL: {
        wrdp_control_pdu ctl;
        if (wrdp_control_pdu_decode(&cur, &ctl))
            return wrdp_conn_fail_err(c);
        if (ctl.action == WRDP_CTRLACTION_COOPERATE)
            c->fin_received |= WRDP_FIN_COOPERATE;
        else if (ctl.action == WRDP_CTRLACTION_GRANTED_CONTROL)
            c->fin_received |= WRDP_FIN_GRANTED_CONTROL;
        return WRDP_OK;
    }
    case WRDP_PDUTYPE2_FONTMAP: {
        wrdp_font_map_pdu fm;
        if (wrdp_font_map_pdu_decode(&cur, &fm))
            return wrdp_conn_fail_err(c);
        if (c->state != WRDP_CONNECTOR_CONNECTION_FINALIZATION)
            return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "a Font Map PDU before the capabilities exchange");
        c->fin_received |= WRDP_FIN_FONT_MAP;
        connected(c);
        return WRDP_OK;
    }
    default:
        /* save session info, monitor layout, keyboard indicators, early updates: the session's */
        (void)out;
        return WRDP_OK;
    }
}
