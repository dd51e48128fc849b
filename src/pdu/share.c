/* Share Control and Share Data headers (MS-RDPBCGR 2.2.8.1.1.1.1-2), and the
 * framing of whole Share Data PDUs. */
#include "webrdp/pdu.h"
#include "pdu/rdp_internal.h"

int wrdp_share_control_header_decode(wrdp_cursor *c, wrdp_share_control_header *out)
{
    out->totalLength = wrdp_rd_u16le(c, "totalLength");
    out->pduType = wrdp_rd_u16le(c, "pduType");
    out->pduSource = wrdp_rd_u16le(c, "pduSource");
    return wrdp_cursor_status(c);
}

int wrdp_share_control_header_encode(const wrdp_share_control_header *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->totalLength);
    wrdp_wr_u16le(w, in->pduType);
    wrdp_wr_u16le(w, in->pduSource);
    return wrdp_writer_status(w);
}

int wrdp_share_data_header_decode(wrdp_cursor *c, wrdp_share_data_header *out)
{
    out->shareId = wrdp_rd_u32le(c, "shareId");
    out->pad1 = wrdp_rd_u8(c, "pad1");
    out->streamId = wrdp_rd_u8(c, "streamId");
    out->uncompressedLength = wrdp_rd_u16le(c, "uncompressedLength");
    out->pduType2 = wrdp_rd_u8(c, "pduType2");
    out->compressedType = wrdp_rd_u8(c, "compressedType");
    out->compressedLength = wrdp_rd_u16le(c, "compressedLength");
    return wrdp_cursor_status(c);
}

int wrdp_share_data_header_encode(const wrdp_share_data_header *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->shareId);
    wrdp_wr_u8(w, in->pad1);
    wrdp_wr_u8(w, in->streamId);
    wrdp_wr_u16le(w, in->uncompressedLength);
    wrdp_wr_u8(w, in->pduType2);
    wrdp_wr_u8(w, in->compressedType);
    wrdp_wr_u16le(w, in->compressedLength);
    return wrdp_writer_status(w);
}

/* ---- whole Share Data PDUs: both headers plus a payload bounded by totalLength ---- */

int wrdp_rdp_share_data_begin(wrdp_cursor *c, wrdp_share_data_headers *hdr, uint8_t pduType2, wrdp_cursor *body)
{
    wrdp_cursor_init(body, NULL, 0, c->pdu, c->err);
    body->parent = c;
    body->failed = 1;
    if (wrdp_share_control_header_decode(c, &hdr->shareControlHeader))
        return WRDP_ERR;
    if ((hdr->shareControlHeader.pduType & 0x0F) != WRDP_PDUTYPE_DATAPDU)
        return wrdp_cursor_fail(c, "pduType", "0x%04x is not a Data PDU", hdr->shareControlHeader.pduType);
    if (hdr->shareControlHeader.totalLength < 18)
        return wrdp_cursor_fail(c, "totalLength", "%u is shorter than the headers",
                                hdr->shareControlHeader.totalLength);
    if (wrdp_cursor_sub(c, (size_t)hdr->shareControlHeader.totalLength - 6, body, "totalLength"))
        return WRDP_ERR;
    if (wrdp_share_data_header_decode(body, &hdr->shareDataHeader))
        return WRDP_ERR;
    if (hdr->shareDataHeader.pduType2 != pduType2)
        return wrdp_cursor_fail(body, "pduType2", "0x%02x, expected 0x%02x", hdr->shareDataHeader.pduType2, pduType2);
    if (hdr->shareDataHeader.compressedType & WRDP_PACKET_COMPRESSED)
        return wrdp_cursor_fail(body, "compressedType", "compressed payloads are decompressed before decoding");
    return WRDP_OK;
}

size_t wrdp_rdp_share_data_put(const wrdp_share_data_headers *hdr, uint8_t pduType2, wrdp_writer *w)
{
    size_t start = w->len;
    if ((hdr->shareControlHeader.pduType & 0x0F) != WRDP_PDUTYPE_DATAPDU)
        wrdp_writer_fail(w, "pduType 0x%04x is not a Data PDU", hdr->shareControlHeader.pduType);
    if (hdr->shareDataHeader.pduType2 != pduType2)
        wrdp_writer_fail(w, "pduType2 0x%02x, expected 0x%02x", hdr->shareDataHeader.pduType2, pduType2);
    if (hdr->shareDataHeader.compressedType & WRDP_PACKET_COMPRESSED)
        wrdp_writer_fail(w, "compressedType: PACKET_COMPRESSED payloads are not encoded here");
    wrdp_share_control_header sch = hdr->shareControlHeader;
    sch.totalLength = 0;
    wrdp_share_control_header_encode(&sch, w);
    wrdp_share_data_header_encode(&hdr->shareDataHeader, w);
    return start;
}

int wrdp_rdp_share_data_end(wrdp_writer *w, size_t start)
{
    if (w->failed)
        return WRDP_ERR;
    size_t total = w->len - start;
    if (total > 0xFFFF)
        return wrdp_writer_fail(w, "Share Data PDU of %zu bytes does not fit totalLength", total);
    wrdp_wr_put_u16le_at(w, start, (uint16_t)total);
    return wrdp_writer_status(w);
}
