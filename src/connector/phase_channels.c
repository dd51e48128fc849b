/* Channel connection (MS-RDPBCGR 1.3.1.1, 2.2.1.5 - 2.2.1.9): Erect Domain and
 * Attach User, then one Channel Join at a time for the user channel, the I/O
 * channel, each static channel and the message channel — none at all when both
 * sides announced skip-channel-join (RNS_UD_CS/SC_SUPPORT_SKIP_CHANNELJOIN). */
#include <string.h>

#include "connector_internal.h"

static int send_join(wrdp_connector *c, wrdp_writer *out)
{
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_CHANNEL_JOIN_REQUEST;
    pdu.u.channelJoinRequest.initiator = c->result.user_channel_id;
    pdu.u.channelJoinRequest.channelId = c->joins[c->join_next];
    return wrdp_conn_send_mcs(c, &pdu, out);
}

void wrdp_conn_after_channels(wrdp_connector *c)
{
    wrdp_conn_enter(c, c->security_headers ? WRDP_CONNECTOR_SECURITY_EXCHANGE
                                           : WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE);
}

static void plan_joins(wrdp_connector *c)
{
    c->join_count = 0;
    c->join_next = 0;
    if (c->skip_channel_join)
        return;
    c->joins[c->join_count++] = c->result.user_channel_id;
    c->joins[c->join_count++] = c->result.io_channel_id;
    for (size_t i = 0; i < c->result.channel_count; i++)
        c->joins[c->join_count++] = c->result.channels[i].id;
    if (c->result.message_channel_id)
        c->joins[c->join_count++] = c->result.message_channel_id;
}

static int attach_confirm(wrdp_connector *c, const wrdp_mcs_domain_pdu *pdu, wrdp_writer *out)
{
    if (pdu->type != WRDP_MCS_ATTACH_USER_CONFIRM)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "expected an MCS Attach User Confirm, got MCS PDU type %u",
                              pdu->type);
    const wrdp_mcs_attach_user_confirm *a = &pdu->u.attachUserConfirm;
    if (a->result != WRDP_MCS_RT_SUCCESSFUL || !a->initiatorPresent)
        return wrdp_conn_fail_code(c, WRDP_ERROR_SERVER_DISCONNECT, a->result,
                                   "the server refused the MCS user (Attach User result %u)", a->result);
    c->result.user_channel_id = a->initiator;
    plan_joins(c);
    if (c->join_count == 0) {
        wrdp_conn_after_channels(c);
        return WRDP_OK;
    }
    c->channel_step = 2;
    return send_join(c, out);
}

static int join_confirm(wrdp_connector *c, const wrdp_mcs_domain_pdu *pdu, wrdp_writer *out)
{
    if (pdu->type != WRDP_MCS_CHANNEL_JOIN_CONFIRM)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "expected an MCS Channel Join Confirm, got MCS PDU type %u",
                              pdu->type);
    const wrdp_mcs_channel_join_confirm *j = &pdu->u.channelJoinConfirm;
    uint16_t want = c->joins[c->join_next];
    if (j->requested != want)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "a Channel Join Confirm for channel %u while joining %u",
                              j->requested, want);
    if (j->result != WRDP_MCS_RT_SUCCESSFUL)
        return wrdp_conn_fail_code(c, WRDP_ERROR_SERVER_DISCONNECT, j->result,
                                   "the server refused to join channel %u (result %u)", want, j->result);
    if (++c->join_next == c->join_count) {
        wrdp_conn_after_channels(c);
        return WRDP_OK;
    }
    return send_join(c, out);
}

int wrdp_conn_channel_connection(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    if (c->channel_step == 0) {
        wrdp_mcs_domain_pdu pdu;
        memset(&pdu, 0, sizeof pdu);
        pdu.type = WRDP_MCS_ERECT_DOMAIN_REQUEST;
        if (wrdp_conn_send_mcs(c, &pdu, out))
            return WRDP_ERR;
        memset(&pdu, 0, sizeof pdu);
        pdu.type = WRDP_MCS_ATTACH_USER_REQUEST;
        if (wrdp_conn_send_mcs(c, &pdu, out))
            return WRDP_ERR;
        c->channel_step = 1;
        return WRDP_OK;
    }
    wrdp_mcs_domain_pdu pdu;
    if (wrdp_conn_recv_mcs(c, frame, len, &pdu))
        return WRDP_ERR;
    return c->channel_step == 1 ? attach_confirm(c, &pdu, out) : join_confirm(c, &pdu, out);
}
