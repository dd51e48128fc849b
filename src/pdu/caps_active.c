/* Demand Active and Confirm Active PDUs (MS-RDPBCGR 2.2.1.13.1.1, 2.2.1.13.2.1): the
 * capability exchange, with and without the Share Control Header. */
#include <string.h>

#include "webrdp/pdu.h"

/* lengthSourceDescriptor, lengthCombinedCapabilities, sourceDescriptor, then the
 * combined capabilities (numberCapabilities, pad2Octets, capabilitySets). */
static int decode_caps_part(wrdp_cursor *c, uint16_t *lengthSourceDescriptor, uint16_t *lengthCombinedCapabilities,
                            wrdp_bytes *sourceDescriptor, uint16_t *numberCapabilities, uint16_t *pad2Octets,
                            wrdp_caps_set *sets)
{
    *lengthSourceDescriptor = wrdp_rd_u16le(c, "lengthSourceDescriptor");
    *lengthCombinedCapabilities = wrdp_rd_u16le(c, "lengthCombinedCapabilities");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (wrdp_rd_bytes(c, *lengthSourceDescriptor, sourceDescriptor, "sourceDescriptor"))
        return WRDP_ERR;
    wrdp_cursor comb;
    if (wrdp_cursor_sub(c, *lengthCombinedCapabilities, &comb, "lengthCombinedCapabilities"))
        return WRDP_ERR;
    *numberCapabilities = wrdp_rd_u16le(&comb, "numberCapabilities");
    *pad2Octets = wrdp_rd_u16le(&comb, "pad2Octets");
    if (!wrdp_cursor_ok(&comb))
        return WRDP_ERR;
    if (*numberCapabilities > WRDP_CAPS_MAX)
        return wrdp_cursor_fail(&comb, "numberCapabilities", "%u is over the maximum %d", *numberCapabilities,
                                WRDP_CAPS_MAX);
    for (uint16_t i = 0; i < *numberCapabilities; i++)
        if (wrdp_caps_set_decode(&comb, &sets[i]))
            return WRDP_ERR;
    return wrdp_cursor_expect_end(&comb);
}

static int encode_caps_part(wrdp_writer *w, wrdp_bytes sourceDescriptor, uint16_t numberCapabilities,
                            uint16_t pad2Octets, const wrdp_caps_set *sets)
{
    if (sourceDescriptor.len > UINT16_MAX)
        return wrdp_writer_fail(w, "sourceDescriptor: %zu bytes do not fit lengthSourceDescriptor",
                                sourceDescriptor.len);
    if (numberCapabilities > WRDP_CAPS_MAX)
        return wrdp_writer_fail(w, "numberCapabilities %u is over the maximum %d", numberCapabilities, WRDP_CAPS_MAX);
    wrdp_wr_u16le(w, (uint16_t)sourceDescriptor.len);
    size_t at = w->len;
    wrdp_wr_u16le(w, 0);
    if (sourceDescriptor.len)
        wrdp_wr_bytes(w, sourceDescriptor.data, sourceDescriptor.len);
    size_t start = w->len;
    wrdp_wr_u16le(w, numberCapabilities);
    wrdp_wr_u16le(w, pad2Octets);
    for (uint16_t i = 0; i < numberCapabilities; i++)
        if (wrdp_caps_set_encode(&sets[i], w))
            return WRDP_ERR;
    if (wrdp_writer_status(w))
        return WRDP_ERR;
    size_t len = w->len - start;
    if (len > UINT16_MAX)
        return wrdp_writer_fail(w, "capabilitySets: %zu bytes do not fit lengthCombinedCapabilities", len);
    wrdp_wr_put_u16le_at(w, at, (uint16_t)len);
    return wrdp_writer_status(w);
}

int wrdp_demand_active_body_decode(wrdp_cursor *c, wrdp_demand_active *out)
{
    uint32_t shareId = out->shareId;
    memset(out, 0, sizeof *out);
    out->shareId = shareId;
    if (decode_caps_part(c, &out->lengthSourceDescriptor, &out->lengthCombinedCapabilities, &out->sourceDescriptor,
                         &out->numberCapabilities, &out->pad2Octets, out->capabilitySets))
        return WRDP_ERR;
    out->sessionId = wrdp_rd_u32le(c, "sessionId");
    return wrdp_cursor_status(c);
}

int wrdp_demand_active_body_encode(const wrdp_demand_active *in, wrdp_writer *w)
{
    if (encode_caps_part(w, in->sourceDescriptor, in->numberCapabilities, in->pad2Octets, in->capabilitySets))
        return WRDP_ERR;
    wrdp_wr_u32le(w, in->sessionId);
    return wrdp_writer_status(w);
}

int wrdp_demand_active_decode(wrdp_cursor *c, wrdp_demand_active *out)
{
    memset(out, 0, sizeof *out);
    out->shareId = wrdp_rd_u32le(c, "shareId");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_demand_active_body_decode(c, out);
}

int wrdp_demand_active_encode(const wrdp_demand_active *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->shareId);
    return wrdp_demand_active_body_encode(in, w);
}

int wrdp_confirm_active_body_decode(wrdp_cursor *c, wrdp_confirm_active *out)
{
    uint32_t shareId = out->shareId;
    memset(out, 0, sizeof *out);
    out->shareId = shareId;
    out->originatorId = wrdp_rd_u16le(c, "originatorId");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return decode_caps_part(c, &out->lengthSourceDescriptor, &out->lengthCombinedCapabilities, &out->sourceDescriptor,
                            &out->numberCapabilities, &out->pad2Octets, out->capabilitySets);
}

int wrdp_confirm_active_body_encode(const wrdp_confirm_active *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->originatorId);
    return encode_caps_part(w, in->sourceDescriptor, in->numberCapabilities, in->pad2Octets, in->capabilitySets);
}

int wrdp_confirm_active_decode(wrdp_cursor *c, wrdp_confirm_active *out)
{
    memset(out, 0, sizeof *out);
    out->shareId = wrdp_rd_u32le(c, "shareId");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_confirm_active_body_decode(c, out);
}

int wrdp_confirm_active_encode(const wrdp_confirm_active *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->shareId);
    return wrdp_confirm_active_body_encode(in, w);
}

/* Reads the Share Control Header, checks the PDU type and returns the rest of the PDU. */
static int open_share_control(wrdp_cursor *c, wrdp_share_control_header *h, uint16_t type, wrdp_cursor *body)
{
    if (wrdp_share_control_header_decode(c, h))
        return WRDP_ERR;
    if ((h->pduType & 0xF) != type)
        return wrdp_cursor_fail(c, "pduType", "0x%04x, expected type %u", h->pduType, type);
    if (h->totalLength < 6)
        return wrdp_cursor_fail(c, "totalLength", "%u is shorter than the header", h->totalLength);
    return wrdp_cursor_sub(c, (size_t)h->totalLength - 6, body, "totalLength");
}

static int close_share_control(const wrdp_share_control_header *h, size_t start, wrdp_writer *w)
{
    if (wrdp_writer_status(w))
        return WRDP_ERR;
    size_t len = w->len - start;
    if (len > 0x7FFF) /* 0x8000 alone marks a flow PDU */
        return wrdp_writer_fail(w, "Share Control Header: totalLength %zu is too large", len);
    wrdp_wr_put_u16le_at(w, start, (uint16_t)len);
    (void)h;
    return wrdp_writer_status(w);
}

int wrdp_demand_active_pdu_decode(wrdp_cursor *c, wrdp_demand_active_pdu *out)
{
    wrdp_cursor body;
    memset(out, 0, sizeof *out);
    if (open_share_control(c, &out->shareControlHeader, WRDP_PDUTYPE_DEMANDACTIVEPDU, &body))
        return WRDP_ERR;
    if (wrdp_demand_active_decode(&body, &out->demandActive))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&body);
}

int wrdp_demand_active_pdu_encode(const wrdp_demand_active_pdu *in, wrdp_writer *w)
{
    size_t start = w->len;
    if (wrdp_share_control_header_encode(&in->shareControlHeader, w) ||
        wrdp_demand_active_encode(&in->demandActive, w))
        return WRDP_ERR;
    return close_share_control(&in->shareControlHeader, start, w);
}

int wrdp_confirm_active_pdu_decode(wrdp_cursor *c, wrdp_confirm_active_pdu *out)
{
    wrdp_cursor body;
    memset(out, 0, sizeof *out);
    if (open_share_control(c, &out->shareControlHeader, WRDP_PDUTYPE_CONFIRMACTIVEPDU, &body))
        return WRDP_ERR;
    if (wrdp_confirm_active_decode(&body, &out->confirmActive))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&body);
}

int wrdp_confirm_active_pdu_encode(const wrdp_confirm_active_pdu *in, wrdp_writer *w)
{
    size_t start = w->len;
    if (wrdp_share_control_header_encode(&in->shareControlHeader, w) ||
        wrdp_confirm_active_encode(&in->confirmActive, w))
        return WRDP_ERR;
    return close_share_control(&in->shareControlHeader, start, w);
}
