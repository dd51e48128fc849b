/* Security headers and the Security Exchange PDU (MS-RDPBCGR 2.2.8.1.1.2,
 * 2.2.1.10), the virtual channel PDU header (2.2.6.1.1) and auto-detect
 * requests and responses (2.2.14). */
#include "pdu/rdp_internal.h"

int wrdp_basic_security_header_decode(wrdp_cursor *c, wrdp_basic_security_header *out)
{
    out->flags = wrdp_rd_u16le(c, "flags");
    out->flagsHi = wrdp_rd_u16le(c, "flagsHi");
    return wrdp_cursor_status(c);
}

int wrdp_basic_security_header_encode(const wrdp_basic_security_header *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->flags);
    wrdp_wr_u16le(w, in->flagsHi);
    return wrdp_writer_status(w);
}

int wrdp_non_fips_security_header_decode(wrdp_cursor *c, wrdp_non_fips_security_header *out)
{
    out->flags = wrdp_rd_u16le(c, "flags");
    out->flagsHi = wrdp_rd_u16le(c, "flagsHi");
    wrdp_rd_copy(c, out->dataSignature, 8, "dataSignature");
    return wrdp_cursor_status(c);
}

int wrdp_non_fips_security_header_encode(const wrdp_non_fips_security_header *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->flags);
    wrdp_wr_u16le(w, in->flagsHi);
    wrdp_wr_bytes(w, in->dataSignature, 8);
    return wrdp_writer_status(w);
}

int wrdp_fips_security_header_decode(wrdp_cursor *c, wrdp_fips_security_header *out)
{
    out->flags = wrdp_rd_u16le(c, "flags");
    out->flagsHi = wrdp_rd_u16le(c, "flagsHi");
    out->length = wrdp_rd_u16le(c, "length");
    out->version = wrdp_rd_u8(c, "version");
    out->padlen = wrdp_rd_u8(c, "padlen");
    wrdp_rd_copy(c, out->dataSignature, 8, "dataSignature");
    return wrdp_cursor_status(c);
}

int wrdp_fips_security_header_encode(const wrdp_fips_security_header *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->flags);
    wrdp_wr_u16le(w, in->flagsHi);
    wrdp_wr_u16le(w, in->length);
    wrdp_wr_u8(w, in->version);
    wrdp_wr_u8(w, in->padlen);
    wrdp_wr_bytes(w, in->dataSignature, 8);
    return wrdp_writer_status(w);
}

/* A security header whose flags must include `need` and must not say the rest is encrypted. */
static int read_plain_security_header(wrdp_cursor *c, wrdp_basic_security_header *h, uint16_t need)
{
    if (wrdp_basic_security_header_decode(c, h))
        return WRDP_ERR;
    if (!(h->flags & need))
        return wrdp_cursor_fail(c, "flags", "0x%04x lacks 0x%04x", h->flags, need);
    if (h->flags & WRDP_SEC_ENCRYPT)
        return wrdp_cursor_fail(c, "flags", "SEC_ENCRYPT: the payload must be decrypted first");
    return WRDP_OK;
}

static int write_plain_security_header(const wrdp_basic_security_header *h, uint16_t need, wrdp_writer *w)
{
    if (!(h->flags & need) || (h->flags & WRDP_SEC_ENCRYPT))
        return wrdp_writer_fail(w, "security header flags 0x%04x: need 0x%04x and no SEC_ENCRYPT", h->flags, need);
    return wrdp_basic_security_header_encode(h, w);
}

int wrdp_security_exchange_pdu_decode(wrdp_cursor *c, wrdp_security_exchange_pdu *out)
{
    if (wrdp_basic_security_header_decode(c, &out->basicSecurityHeader))
        return WRDP_ERR;
    if (!(out->basicSecurityHeader.flags & WRDP_SEC_EXCHANGE_PKT))
        return wrdp_cursor_fail(c, "flags", "0x%04x lacks SEC_EXCHANGE_PKT", out->basicSecurityHeader.flags);
    uint32_t length = wrdp_rd_u32le(c, "length");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_rd_bytes(c, length, &out->encryptedClientRandom, "encryptedClientRandom");
}

int wrdp_security_exchange_pdu_encode(const wrdp_security_exchange_pdu *in, wrdp_writer *w)
{
    if (!(in->basicSecurityHeader.flags & WRDP_SEC_EXCHANGE_PKT))
        return wrdp_writer_fail(w, "security exchange: flags lack SEC_EXCHANGE_PKT");
    if (in->encryptedClientRandom.len > UINT32_MAX)
        return wrdp_writer_fail(w, "security exchange: encryptedClientRandom too long");
    wrdp_basic_security_header_encode(&in->basicSecurityHeader, w);
    wrdp_wr_u32le(w, (uint32_t)in->encryptedClientRandom.len);
    wrdp_wr_bytes(w, in->encryptedClientRandom.data, in->encryptedClientRandom.len);
    return wrdp_writer_status(w);
}

int wrdp_client_info_pdu_decode(wrdp_cursor *c, wrdp_client_info_pdu *out)
{
    if (read_plain_security_header(c, &out->securityHeader, WRDP_SEC_INFO_PKT))
        return WRDP_ERR;
    return wrdp_info_packet_decode(c, &out->infoPacket);
}

int wrdp_client_info_pdu_encode(const wrdp_client_info_pdu *in, wrdp_writer *w)
{
    if (write_plain_security_header(&in->securityHeader, WRDP_SEC_INFO_PKT, w))
        return WRDP_ERR;
    return wrdp_info_packet_encode(&in->infoPacket, w);
}

/* ---- virtual channel PDU header ---- */
int wrdp_channel_pdu_header_decode(wrdp_cursor *c, wrdp_channel_pdu_header *out)
{
    out->length = wrdp_rd_u32le(c, "length");
    out->flags = wrdp_rd_u32le(c, "flags");
    return wrdp_cursor_status(c);
}

int wrdp_channel_pdu_header_encode(const wrdp_channel_pdu_header *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->length);
    wrdp_wr_u32le(w, in->flags);
    return wrdp_writer_status(w);
}

/* ---- auto-detect ---- */

/* headerLength of a request of this type (payloads excluded), or 0 if unknown. */
static uint8_t request_header_length(uint16_t requestType)
{
    switch (requestType) {
    case WRDP_RDP_RTT_REQUEST_TYPE_CONTINUOUS:
    case WRDP_RDP_RTT_REQUEST_TYPE_CONNECTTIME:
    case WRDP_RDP_BW_START_REQUEST_TYPE_CONTINUOUS:
    case WRDP_RDP_BW_START_REQUEST_TYPE_TUNNEL:
    case WRDP_RDP_BW_START_REQUEST_TYPE_CONNECTTIME:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONTINUOUS:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_TUNNEL:
        return 6;
    case WRDP_RDP_BW_PAYLOAD_REQUEST_TYPE:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME:
        return 8;
    case WRDP_RDP_NETCHAR_RESULT_BASERTT_AVERAGERTT:
    case WRDP_RDP_NETCHAR_RESULT_BANDWIDTH_AVERAGERTT:
        return 14;
    case WRDP_RDP_NETCHAR_RESULT_ALL:
        return 18;
    default:
        return 0;
    }
}

int wrdp_autodetect_request_decode(wrdp_cursor *c, wrdp_autodetect_request *out)
{
    out->headerLength = wrdp_rd_u8(c, "headerLength");
    out->headerTypeId = wrdp_rd_u8(c, "headerTypeId");
    out->sequenceNumber = wrdp_rd_u16le(c, "sequenceNumber");
    out->requestType = wrdp_rd_u16le(c, "requestType");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->headerTypeId != WRDP_TYPE_ID_AUTODETECT_REQUEST)
        return wrdp_cursor_fail(c, "headerTypeId", "0x%02x is not TYPE_ID_AUTODETECT_REQUEST", out->headerTypeId);
    uint8_t want = request_header_length(out->requestType);
    if (!want)
        return wrdp_cursor_fail(c, "requestType", "unknown request type 0x%04x", out->requestType);
    if (out->headerLength != want)
        return wrdp_cursor_fail(c, "headerLength", "%u, expected %u for request type 0x%04x", out->headerLength, want,
                                out->requestType);
    switch (out->requestType) {
    case WRDP_RDP_BW_PAYLOAD_REQUEST_TYPE:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME: {
        uint16_t n = wrdp_rd_u16le(c, "payloadLength");
        if (wrdp_cursor_ok(c))
            wrdp_rd_bytes(c, n, &out->payload, "payload");
        break;
    }
    case WRDP_RDP_NETCHAR_RESULT_BASERTT_AVERAGERTT:
        out->baseRTT = wrdp_rd_u32le(c, "baseRTT");
        out->averageRTT = wrdp_rd_u32le(c, "averageRTT");
        break;
    case WRDP_RDP_NETCHAR_RESULT_BANDWIDTH_AVERAGERTT:
        out->bandwidth = wrdp_rd_u32le(c, "bandwidth");
        out->averageRTT = wrdp_rd_u32le(c, "averageRTT");
        break;
    case WRDP_RDP_NETCHAR_RESULT_ALL:
        out->baseRTT = wrdp_rd_u32le(c, "baseRTT");
        out->bandwidth = wrdp_rd_u32le(c, "bandwidth");
        out->averageRTT = wrdp_rd_u32le(c, "averageRTT");
        break;
    default:
        break;
    }
    return wrdp_cursor_status(c);
}

int wrdp_autodetect_request_encode(const wrdp_autodetect_request *in, wrdp_writer *w)
{
    uint8_t hl = request_header_length(in->requestType);
    if (!hl)
        return wrdp_writer_fail(w, "auto-detect request: unknown requestType 0x%04x", in->requestType);
    wrdp_wr_u8(w, hl);
    wrdp_wr_u8(w, WRDP_TYPE_ID_AUTODETECT_REQUEST);
    wrdp_wr_u16le(w, in->sequenceNumber);
    wrdp_wr_u16le(w, in->requestType);
    switch (in->requestType) {
    case WRDP_RDP_BW_PAYLOAD_REQUEST_TYPE:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME:
        if (in->payload.len > 0xFFFF)
            return wrdp_writer_fail(w, "auto-detect request: payload of %zu bytes too long", in->payload.len);
        wrdp_wr_u16le(w, (uint16_t)in->payload.len);
        wrdp_wr_bytes(w, in->payload.data, in->payload.len);
        break;
    case WRDP_RDP_NETCHAR_RESULT_BASERTT_AVERAGERTT:
        wrdp_wr_u32le(w, in->baseRTT);
        wrdp_wr_u32le(w, in->averageRTT);
        break;
    case WRDP_RDP_NETCHAR_RESULT_BANDWIDTH_AVERAGERTT:
        wrdp_wr_u32le(w, in->bandwidth);
        wrdp_wr_u32le(w, in->averageRTT);
        break;
    case WRDP_RDP_NETCHAR_RESULT_ALL:
        wrdp_wr_u32le(w, in->baseRTT);
        wrdp_wr_u32le(w, in->bandwidth);
        wrdp_wr_u32le(w, in->averageRTT);
        break;
    default:
        break;
    }
    return wrdp_writer_status(w);
}

static uint8_t response_header_length(uint16_t responseType)
{
    switch (responseType) {
    case WRDP_RDP_RTT_RESPONSE_TYPE:
        return 6;
    case WRDP_RDP_BW_RESULTS_RESPONSE_TYPE_CONNECTTIME:
    case WRDP_RDP_BW_RESULTS_RESPONSE_TYPE_CONTINUOUS:
    case WRDP_RDP_NETCHAR_SYNC_RESPONSE_TYPE:
        return 14;
    default:
        return 0;
    }
}

int wrdp_autodetect_response_decode(wrdp_cursor *c, wrdp_autodetect_response *out)
{
    out->headerLength = wrdp_rd_u8(c, "headerLength");
    out->headerTypeId = wrdp_rd_u8(c, "headerTypeId");
    out->sequenceNumber = wrdp_rd_u16le(c, "sequenceNumber");
    out->responseType = wrdp_rd_u16le(c, "responseType");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->headerTypeId != WRDP_TYPE_ID_AUTODETECT_RESPONSE)
        return wrdp_cursor_fail(c, "headerTypeId", "0x%02x is not TYPE_ID_AUTODETECT_RESPONSE", out->headerTypeId);
    uint8_t want = response_header_length(out->responseType);
    if (!want)
        return wrdp_cursor_fail(c, "responseType", "unknown response type 0x%04x", out->responseType);
    if (out->headerLength != want)
        return wrdp_cursor_fail(c, "headerLength", "%u, expected %u for response type 0x%04x", out->headerLength, want,
                                out->responseType);
    if (out->responseType == WRDP_RDP_NETCHAR_SYNC_RESPONSE_TYPE) {
        out->bandwidth = wrdp_rd_u32le(c, "bandwidth");
        out->rtt = wrdp_rd_u32le(c, "rtt");
    } else if (out->responseType != WRDP_RDP_RTT_RESPONSE_TYPE) {
        out->timeDelta = wrdp_rd_u32le(c, "timeDelta");
        out->byteCount = wrdp_rd_u32le(c, "byteCount");
    }
    return wrdp_cursor_status(c);
}

int wrdp_autodetect_response_encode(const wrdp_autodetect_response *in, wrdp_writer *w)
{
    uint8_t hl = response_header_length(in->responseType);
    if (!hl)
        return wrdp_writer_fail(w, "auto-detect response: unknown responseType 0x%04x", in->responseType);
    wrdp_wr_u8(w, hl);
    wrdp_wr_u8(w, WRDP_TYPE_ID_AUTODETECT_RESPONSE);
    wrdp_wr_u16le(w, in->sequenceNumber);
    wrdp_wr_u16le(w, in->responseType);
    if (in->responseType == WRDP_RDP_NETCHAR_SYNC_RESPONSE_TYPE) {
        wrdp_wr_u32le(w, in->bandwidth);
        wrdp_wr_u32le(w, in->rtt);
    } else if (in->responseType != WRDP_RDP_RTT_RESPONSE_TYPE) {
        wrdp_wr_u32le(w, in->timeDelta);
        wrdp_wr_u32le(w, in->byteCount);
    }
    return wrdp_writer_status(w);
}

int wrdp_autodetect_request_pdu_decode(wrdp_cursor *c, wrdp_autodetect_request_pdu *out)
{
    if (read_plain_security_header(c, &out->securityHeader, WRDP_SEC_AUTODETECT_REQ))
        return WRDP_ERR;
    return wrdp_autodetect_request_decode(c, &out->autoDetectReqData);
}

int wrdp_autodetect_request_pdu_encode(const wrdp_autodetect_request_pdu *in, wrdp_writer *w)
{
    if (write_plain_security_header(&in->securityHeader, WRDP_SEC_AUTODETECT_REQ, w))
        return WRDP_ERR;
    return wrdp_autodetect_request_encode(&in->autoDetectReqData, w);
}

int wrdp_autodetect_response_pdu_decode(wrdp_cursor *c, wrdp_autodetect_response_pdu *out)
{
    if (read_plain_security_header(c, &out->securityHeader, WRDP_SEC_AUTODETECT_RSP))
        return WRDP_ERR;
    return wrdp_autodetect_response_decode(c, &out->autoDetectRspData);
}

int wrdp_autodetect_response_pdu_encode(const wrdp_autodetect_response_pdu *in, wrdp_writer *w)
{
    if (write_plain_security_header(&in->securityHeader, WRDP_SEC_AUTODETECT_RSP, w))
        return WRDP_ERR;
    return wrdp_autodetect_response_encode(&in->autoDetectRspData, w);
}
