/* Share Control and Share Data headers (MS-RDPBCGR 2.2.8.1.1.1.1-2). */
#include "webrdp/pdu.h"

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
