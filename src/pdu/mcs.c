/* T.125 MCS PDUs: BER Connect-Initial / Connect-Response and the aligned-PER
 * DomainMCSPDUs RDP uses (MS-RDPBCGR 2.2.1.3 - 2.2.1.9, 2.2.2.3). */
#include <string.h>

#include "core/asn1.h"
#include "webrdp/pdu.h"

/* ---- BER ------------------------------------------------------------------- */

static int read_domain_parameters(wrdp_cursor *c, wrdp_mcs_domain_parameters *p, const char *field)
{
    wrdp_cursor s;
    if (wrdp_ber_read_expect(c, WRDP_BER_SEQUENCE, &s, field))
        return WRDP_ERR;
    wrdp_ber_read_u32(&s, &p->maxChannelIds, "maxChannelIds");
    wrdp_ber_read_u32(&s, &p->maxUserIds, "maxUserIds");
    wrdp_ber_read_u32(&s, &p->maxTokenIds, "maxTokenIds");
    wrdp_ber_read_u32(&s, &p->numPriorities, "numPriorities");
    wrdp_ber_read_u32(&s, &p->minThroughput, "minThroughput");
    wrdp_ber_read_u32(&s, &p->maxHeight, "maxHeight");
    wrdp_ber_read_u32(&s, &p->maxMCSPDUsize, "maxMCSPDUsize");
    wrdp_ber_read_u32(&s, &p->protocolVersion, "protocolVersion");
    return wrdp_cursor_expect_end(&s);
}

static void write_domain_parameters(wrdp_writer *w, const wrdp_mcs_domain_parameters *p)
{
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_uint(w, p->maxChannelIds);
    wrdp_ber_write_uint(w, p->maxUserIds);
    wrdp_ber_write_uint(w, p->maxTokenIds);
    wrdp_ber_write_uint(w, p->numPriorities);
    wrdp_ber_write_uint(w, p->minThroughput);
    wrdp_ber_write_uint(w, p->maxHeight);
    wrdp_ber_write_uint(w, p->maxMCSPDUsize);
    wrdp_ber_write_uint(w, p->protocolVersion);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, m);
}

int wrdp_mcs_connect_initial_decode(wrdp_cursor *c, wrdp_mcs_connect_initial *out)
{
    memset(out, 0, sizeof *out);
    wrdp_cursor s;
    if (wrdp_ber_read_expect(c, WRDP_MCS_TAG_CONNECT_INITIAL, &s, "Connect-Initial"))
        return WRDP_ERR;
    wrdp_ber_read_octet_string(&s, &out->callingDomainSelector, "callingDomainSelector");
    wrdp_ber_read_octet_string(&s, &out->calledDomainSelector, "calledDomainSelector");
    wrdp_ber_read_bool(&s, &out->upwardFlag, "upwardFlag");
    if (!wrdp_cursor_ok(&s))
        return WRDP_ERR;
    if (read_domain_parameters(&s, &out->targetParameters, "targetParameters") ||
        read_domain_parameters(&s, &out->minimumParameters, "minimumParameters") ||
        read_domain_parameters(&s, &out->maximumParameters, "maximumParameters"))
        return WRDP_ERR;
    wrdp_ber_read_octet_string(&s, &out->userData, "userData");
    return wrdp_cursor_expect_end(&s);
}

int wrdp_mcs_connect_initial_encode(const wrdp_mcs_connect_initial *in, wrdp_writer *w)
{
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_octet_string(w, in->callingDomainSelector.data, in->callingDomainSelector.len);
    wrdp_ber_write_octet_string(w, in->calledDomainSelector.data, in->calledDomainSelector.len);
    wrdp_ber_write_bool(w, in->upwardFlag);
    write_domain_parameters(w, &in->targetParameters);
    write_domain_parameters(w, &in->minimumParameters);
    write_domain_parameters(w, &in->maximumParameters);
    wrdp_ber_write_octet_string(w, in->userData.data, in->userData.len);
    wrdp_ber_end(w, WRDP_MCS_TAG_CONNECT_INITIAL, m);
    return wrdp_writer_status(w);
}

int wrdp_mcs_connect_response_decode(wrdp_cursor *c, wrdp_mcs_connect_response *out)
{
    memset(out, 0, sizeof *out);
    wrdp_cursor s;
    if (wrdp_ber_read_expect(c, WRDP_MCS_TAG_CONNECT_RESPONSE, &s, "Connect-Response"))
        return WRDP_ERR;
    wrdp_ber_read_enumerated(&s, &out->result, "result");
    wrdp_ber_read_u32(&s, &out->calledConnectId, "calledConnectId");
    if (!wrdp_cursor_ok(&s))
        return WRDP_ERR;
    if (out->result > WRDP_MCS_RT_USER_REJECTED)
        return wrdp_cursor_fail(&s, "result", "Result %u is not defined by T.125", out->result);
    if (read_domain_parameters(&s, &out->domainParameters, "domainParameters"))
        return WRDP_ERR;
    wrdp_ber_read_octet_string(&s, &out->userData, "userData");
    return wrdp_cursor_expect_end(&s);
}

int wrdp_mcs_connect_response_encode(const wrdp_mcs_connect_response *in, wrdp_writer *w)
{
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_enumerated(w, in->result);
    wrdp_ber_write_uint(w, in->calledConnectId);
    write_domain_parameters(w, &in->domainParameters);
    wrdp_ber_write_octet_string(w, in->userData.data, in->userData.len);
    wrdp_ber_end(w, WRDP_MCS_TAG_CONNECT_RESPONSE, m);
    return wrdp_writer_status(w);
}

/* ---- PER domain PDUs --------------------------------------------------------- */

static const char *domain_pdu_name(uint8_t index)
{
    switch (index) {
    case WRDP_MCS_ERECT_DOMAIN_REQUEST: return "erectDomainRequest";
    case WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM: return "disconnectProviderUltimatum";
    case WRDP_MCS_ATTACH_USER_REQUEST: return "attachUserRequest";
    case WRDP_MCS_ATTACH_USER_CONFIRM: return "attachUserConfirm";
    case WRDP_MCS_CHANNEL_JOIN_REQUEST: return "channelJoinRequest";
    case WRDP_MCS_CHANNEL_JOIN_CONFIRM: return "channelJoinConfirm";
    case WRDP_MCS_SEND_DATA_REQUEST: return "sendDataRequest";
    case WRDP_MCS_SEND_DATA_INDICATION: return "sendDataIndication";
    default: return "an unsupported DomainMCSPDU";
    }
}

/* Reads the choice octet; returns its low two bits through *low. */
static int read_choice(wrdp_cursor *c, uint8_t index, uint8_t *low)
{
    uint8_t b = wrdp_rd_u8(c, "DomainMCSPDU");
    *low = 0;
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if ((b >> 2) != index)
        return wrdp_cursor_fail(c, "DomainMCSPDU", "choice %u (%s), expected %u (%s)", b >> 2,
                                domain_pdu_name(b >> 2), index, domain_pdu_name(index));
    *low = b & 3;
    return WRDP_OK;
}

static int expect_zero_bits(wrdp_cursor *c, uint8_t bits, const char *field)
{
    if (bits)
        return wrdp_cursor_fail(c, field, "padding bits 0x%02X are not zero", bits);
    return WRDP_OK;
}

static int read_user_id(wrdp_cursor *c, uint16_t *v, const char *field)
{
    return wrdp_per_read_integer16(c, v, WRDP_MCS_USER_ID_BASE, field);
}

static void write_user_id(wrdp_writer *w, uint16_t v)
{
    wrdp_per_write_integer16(w, v, WRDP_MCS_USER_ID_BASE);
}

int wrdp_mcs_erect_domain_request_decode(wrdp_cursor *c, wrdp_mcs_erect_domain_request *out)
{
    uint8_t low;
    memset(out, 0, sizeof *out);
    if (read_choice(c, WRDP_MCS_ERECT_DOMAIN_REQUEST, &low) || expect_zero_bits(c, low, "DomainMCSPDU"))
        return WRDP_ERR;
    if (wrdp_per_read_integer(c, &out->subHeight, "subHeight") ||
        wrdp_per_read_integer(c, &out->subInterval, "subInterval"))
        return WRDP_ERR;
    return WRDP_OK;
}

int wrdp_mcs_erect_domain_request_encode(const wrdp_mcs_erect_domain_request *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, WRDP_MCS_ERECT_DOMAIN_REQUEST << 2);
    wrdp_per_write_integer(w, in->subHeight);
    wrdp_per_write_integer(w, in->subInterval);
    return wrdp_writer_status(w);
}

int wrdp_mcs_attach_user_request_decode(wrdp_cursor *c, wrdp_mcs_attach_user_request *out)
{
    uint8_t low;
    out->unused = 0;
    if (read_choice(c, WRDP_MCS_ATTACH_USER_REQUEST, &low) || expect_zero_bits(c, low, "DomainMCSPDU"))
        return WRDP_ERR;
    return WRDP_OK;
}

int wrdp_mcs_attach_user_request_encode(const wrdp_mcs_attach_user_request *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, WRDP_MCS_ATTACH_USER_REQUEST << 2);
    return wrdp_writer_status(w);
}

/* The 4-bit Result that follows the one optional-field bit: its top bit is the
 * last bit of the choice octet, the other three open the next octet, whose
 * remaining five bits are padding. */
static int read_result(wrdp_cursor *c, uint8_t low, uint8_t *result)
{
    uint8_t b = wrdp_rd_u8(c, "result");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    *result = (uint8_t)((low & 1) << 3 | b >> 5);
    return expect_zero_bits(c, b & 0x1F, "result");
}

static void write_choice_result(wrdp_writer *w, uint8_t index, bool optional_present, uint8_t result)
{
    wrdp_wr_u8(w, (uint8_t)(index << 2 | (optional_present ? 2 : 0) | (result >> 3 & 1)));
    wrdp_wr_u8(w, (uint8_t)((result & 7) << 5));
}

int wrdp_mcs_attach_user_confirm_decode(wrdp_cursor *c, wrdp_mcs_attach_user_confirm *out)
{
    uint8_t low;
    memset(out, 0, sizeof *out);
    if (read_choice(c, WRDP_MCS_ATTACH_USER_CONFIRM, &low) || read_result(c, low, &out->result))
        return WRDP_ERR;
    out->initiatorPresent = (low & 2) != 0;
    if (out->initiatorPresent)
        return read_user_id(c, &out->initiator, "initiator");
    return WRDP_OK;
}

int wrdp_mcs_attach_user_confirm_encode(const wrdp_mcs_attach_user_confirm *in, wrdp_writer *w)
{
    if (in->result > 15)
        return wrdp_writer_fail(w, "mcs_attach_user_confirm: result %u does not fit 4 bits", in->result);
    write_choice_result(w, WRDP_MCS_ATTACH_USER_CONFIRM, in->initiatorPresent, in->result);
    if (in->initiatorPresent)
        write_user_id(w, in->initiator);
    return wrdp_writer_status(w);
}

int wrdp_mcs_channel_join_request_decode(wrdp_cursor *c, wrdp_mcs_channel_join_request *out)
{
    uint8_t low;
    memset(out, 0, sizeof *out);
    if (read_choice(c, WRDP_MCS_CHANNEL_JOIN_REQUEST, &low) || expect_zero_bits(c, low, "DomainMCSPDU"))
        return WRDP_ERR;
    read_user_id(c, &out->initiator, "initiator");
    out->channelId = wrdp_rd_u16be(c, "channelId");
    return wrdp_cursor_status(c);
}

int wrdp_mcs_channel_join_request_encode(const wrdp_mcs_channel_join_request *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, WRDP_MCS_CHANNEL_JOIN_REQUEST << 2);
    write_user_id(w, in->initiator);
    wrdp_wr_u16be(w, in->channelId);
    return wrdp_writer_status(w);
}

int wrdp_mcs_channel_join_confirm_decode(wrdp_cursor *c, wrdp_mcs_channel_join_confirm *out)
{
    uint8_t low;
    memset(out, 0, sizeof *out);
    if (read_choice(c, WRDP_MCS_CHANNEL_JOIN_CONFIRM, &low) || read_result(c, low, &out->result))
        return WRDP_ERR;
    read_user_id(c, &out->initiator, "initiator");
    out->requested = wrdp_rd_u16be(c, "requested");
    out->channelIdPresent = (low & 2) != 0;
    if (out->channelIdPresent)
        out->channelId = wrdp_rd_u16be(c, "channelId");
    return wrdp_cursor_status(c);
}

int wrdp_mcs_channel_join_confirm_encode(const wrdp_mcs_channel_join_confirm *in, wrdp_writer *w)
{
    if (in->result > 15)
        return wrdp_writer_fail(w, "mcs_channel_join_confirm: result %u does not fit 4 bits", in->result);
    write_choice_result(w, WRDP_MCS_CHANNEL_JOIN_CONFIRM, in->channelIdPresent, in->result);
    write_user_id(w, in->initiator);
    wrdp_wr_u16be(w, in->requested);
    if (in->channelIdPresent)
        wrdp_wr_u16be(w, in->channelId);
    return wrdp_writer_status(w);
}

static int send_data_decode(wrdp_cursor *c, uint8_t index, wrdp_mcs_send_data *out)
{
    uint8_t low;
    memset(out, 0, sizeof *out);
    if (read_choice(c, index, &low) || expect_zero_bits(c, low, "DomainMCSPDU"))
        return WRDP_ERR;
    read_user_id(c, &out->initiator, "initiator");
    out->channelId = wrdp_rd_u16be(c, "channelId");
    uint8_t b = wrdp_rd_u8(c, "dataPriority");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    out->dataPriority = b >> 6;
    out->segmentation = b >> 4 & 3;
    if (expect_zero_bits(c, b & 0x0F, "segmentation"))
        return WRDP_ERR;
    /* userData: OCTET STRING with an unconstrained PER length; fragmented
     * lengths (11xxxxxx) never occur in RDP and are refused. */
    uint8_t l0 = wrdp_rd_u8(c, "userData length");
    size_t len = l0;
    if (l0 & 0x80) {
        if (l0 & 0x40)
            return wrdp_cursor_fail(c, "userData length", "fragmented PER length is not supported");
        len = (size_t)(l0 & 0x3F) << 8 | wrdp_rd_u8(c, "userData length");
    }
    wrdp_rd_bytes(c, len, &out->userData, "userData");
    return wrdp_cursor_status(c);
}

static int send_data_encode(const wrdp_mcs_send_data *in, uint8_t index, wrdp_writer *w)
{
    if (in->dataPriority > 3 || in->segmentation > 3)
        return wrdp_writer_fail(w, "mcs send data: dataPriority %u or segmentation %u does not fit 2 bits",
                                in->dataPriority, in->segmentation);
    if (in->userData.len > WRDP_MCS_USER_DATA_MAX)
        return wrdp_writer_fail(w, "mcs send data: userData of %zu bytes exceeds %u", in->userData.len,
                                WRDP_MCS_USER_DATA_MAX);
    wrdp_wr_u8(w, (uint8_t)(index << 2));
    write_user_id(w, in->initiator);
    wrdp_wr_u16be(w, in->channelId);
    wrdp_wr_u8(w, (uint8_t)(in->dataPriority << 6 | in->segmentation << 4));
    if (in->userData.len >= 0x80)
        wrdp_wr_u16be(w, (uint16_t)(0x8000 | in->userData.len));
    else
        wrdp_wr_u8(w, (uint8_t)in->userData.len);
    if (in->userData.len)
        wrdp_wr_bytes(w, in->userData.data, in->userData.len);
    return wrdp_writer_status(w);
}

int wrdp_mcs_send_data_request_decode(wrdp_cursor *c, wrdp_mcs_send_data_request *out)
{
    return send_data_decode(c, WRDP_MCS_SEND_DATA_REQUEST, out);
}

int wrdp_mcs_send_data_request_encode(const wrdp_mcs_send_data_request *in, wrdp_writer *w)
{
    return send_data_encode(in, WRDP_MCS_SEND_DATA_REQUEST, w);
}

int wrdp_mcs_send_data_indication_decode(wrdp_cursor *c, wrdp_mcs_send_data_indication *out)
{
    return send_data_decode(c, WRDP_MCS_SEND_DATA_INDICATION, out);
}

int wrdp_mcs_send_data_indication_encode(const wrdp_mcs_send_data_indication *in, wrdp_writer *w)
{
    return send_data_encode(in, WRDP_MCS_SEND_DATA_INDICATION, w);
}

int wrdp_mcs_disconnect_provider_ultimatum_decode(wrdp_cursor *c, wrdp_mcs_disconnect_provider_ultimatum *out)
{
    uint8_t low;
    out->reason = 0;
    if (read_choice(c, WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM, &low))
        return WRDP_ERR;
    uint8_t b = wrdp_rd_u8(c, "reason");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    out->reason = (uint8_t)(low << 1 | b >> 7);
    if (expect_zero_bits(c, b & 0x7F, "reason"))
        return WRDP_ERR;
    if (out->reason > WRDP_MCS_RN_CHANNEL_PURGED)
        return wrdp_cursor_fail(c, "reason", "Reason %u is not defined by T.125", out->reason);
    return WRDP_OK;
}

int wrdp_mcs_disconnect_provider_ultimatum_encode(const wrdp_mcs_disconnect_provider_ultimatum *in, wrdp_writer *w)
{
    if (in->reason > 7)
        return wrdp_writer_fail(w, "mcs_disconnect_provider_ultimatum: reason %u does not fit 3 bits", in->reason);
    wrdp_wr_u8(w, (uint8_t)(WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM << 2 | in->reason >> 1));
    wrdp_wr_u8(w, (uint8_t)((in->reason & 1) << 7));
    return wrdp_writer_status(w);
}

const char *wrdp_mcs_reason_text(uint8_t reason)
{
    switch (reason) {
    case WRDP_MCS_RN_DOMAIN_DISCONNECTED:
        return "The MCS domain was disconnected (rn-domain-disconnected)";
    case WRDP_MCS_RN_PROVIDER_INITIATED:
        return "The server ended the connection (rn-provider-initiated)";
    case WRDP_MCS_RN_TOKEN_PURGED:
        return "The connection was closed because a token was purged (rn-token-purged)";
    case WRDP_MCS_RN_USER_REQUESTED:
        return "The connection was closed at the user's request (rn-user-requested)";
    case WRDP_MCS_RN_CHANNEL_PURGED:
        return "The connection was closed because a channel was purged (rn-channel-purged)";
    default:
        return "The server ended the MCS connection for an unknown reason";
    }
}

/* ---- any domain PDU ----------------------------------------------------------------- */

int wrdp_mcs_domain_pdu_decode(wrdp_cursor *c, wrdp_mcs_domain_pdu *out)
{
    memset(out, 0, sizeof *out);
    const uint8_t *p = wrdp_cursor_peek(c, 1, "DomainMCSPDU");
    if (!p)
        return WRDP_ERR;
    uint8_t index = p[0] >> 2;
    out->type = index;
    switch (index) {
    case WRDP_MCS_ERECT_DOMAIN_REQUEST:
        return wrdp_mcs_erect_domain_request_decode(c, &out->u.erectDomainRequest);
    case WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM:
        return wrdp_mcs_disconnect_provider_ultimatum_decode(c, &out->u.disconnectProviderUltimatum);
    case WRDP_MCS_ATTACH_USER_REQUEST:
        return wrdp_mcs_attach_user_request_decode(c, &out->u.attachUserRequest);
    case WRDP_MCS_ATTACH_USER_CONFIRM:
        return wrdp_mcs_attach_user_confirm_decode(c, &out->u.attachUserConfirm);
    case WRDP_MCS_CHANNEL_JOIN_REQUEST:
        return wrdp_mcs_channel_join_request_decode(c, &out->u.channelJoinRequest);
    case WRDP_MCS_CHANNEL_JOIN_CONFIRM:
        return wrdp_mcs_channel_join_confirm_decode(c, &out->u.channelJoinConfirm);
    case WRDP_MCS_SEND_DATA_REQUEST:
    case WRDP_MCS_SEND_DATA_INDICATION:
        return send_data_decode(c, index, &out->u.sendData);
    default:
        out->type = 0;
        return wrdp_cursor_fail(c, "DomainMCSPDU", "choice %u is not a DomainMCSPDU webrdp handles", index);
    }
}

int wrdp_mcs_domain_pdu_encode(const wrdp_mcs_domain_pdu *in, wrdp_writer *w)
{
    switch (in->type) {
    case WRDP_MCS_ERECT_DOMAIN_REQUEST:
        return wrdp_mcs_erect_domain_request_encode(&in->u.erectDomainRequest, w);
    case WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM:
        return wrdp_mcs_disconnect_provider_ultimatum_encode(&in->u.disconnectProviderUltimatum, w);
    case WRDP_MCS_ATTACH_USER_REQUEST:
        return wrdp_mcs_attach_user_request_encode(&in->u.attachUserRequest, w);
    case WRDP_MCS_ATTACH_USER_CONFIRM:
        return wrdp_mcs_attach_user_confirm_encode(&in->u.attachUserConfirm, w);
    case WRDP_MCS_CHANNEL_JOIN_REQUEST:
        return wrdp_mcs_channel_join_request_encode(&in->u.channelJoinRequest, w);
    case WRDP_MCS_CHANNEL_JOIN_CONFIRM:
        return wrdp_mcs_channel_join_confirm_encode(&in->u.channelJoinConfirm, w);
    case WRDP_MCS_SEND_DATA_REQUEST:
    case WRDP_MCS_SEND_DATA_INDICATION:
        return send_data_encode(&in->u.sendData, in->type, w);
    default:
        return wrdp_writer_fail(w, "mcs_domain_pdu: type %u is not supported", in->type);
    }
}

/* ---- whole frame ---------------------------------------------------------------------- */

int wrdp_mcs_frame_decode(wrdp_cursor *c, wrdp_mcs_frame *out)
{
    memset(out, 0, sizeof *out);
    size_t start = c->pos;
    wrdp_x224_data d;
    if (wrdp_x224_data_decode(c, &d))
        return WRDP_ERR;
    /* A sub-cursor over the payload, so errors carry the right offset. */
    wrdp_cursor p;
    wrdp_cursor_init(&p, d.userData.data, d.userData.len, c->pdu, c->err);
    p.base = c->base + start + WRDP_X224_DATA_HEADER_SIZE;
    p.parent = c;
    uint32_t tag = wrdp_ber_peek_tag(&p);
    int rc;
    if (tag == WRDP_MCS_TAG_CONNECT_INITIAL) {
        out->type = WRDP_MCS_FRAME_CONNECT_INITIAL;
        rc = wrdp_mcs_connect_initial_decode(&p, &out->connectInitial);
    } else if (tag == WRDP_MCS_TAG_CONNECT_RESPONSE) {
        out->type = WRDP_MCS_FRAME_CONNECT_RESPONSE;
        rc = wrdp_mcs_connect_response_decode(&p, &out->connectResponse);
    } else {
        out->type = WRDP_MCS_FRAME_DOMAIN_PDU;
        rc = wrdp_mcs_domain_pdu_decode(&p, &out->domainPdu);
    }
    if (rc)
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&p);
}

int wrdp_mcs_frame_encode(const wrdp_mcs_frame *in, wrdp_writer *w)
{
    size_t m = wrdp_x224_data_begin(w);
    switch (in->type) {
    case WRDP_MCS_FRAME_CONNECT_INITIAL:
        wrdp_mcs_connect_initial_encode(&in->connectInitial, w);
        break;
    case WRDP_MCS_FRAME_CONNECT_RESPONSE:
        wrdp_mcs_connect_response_encode(&in->connectResponse, w);
        break;
    case WRDP_MCS_FRAME_DOMAIN_PDU:
        wrdp_mcs_domain_pdu_encode(&in->domainPdu, w);
        break;
    default:
        return wrdp_writer_fail(w, "mcs_frame: type %u is not supported", in->type);
    }
    return wrdp_x224_data_end(w, m);
}
