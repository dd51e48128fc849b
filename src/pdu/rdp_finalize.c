/* Share Data PDUs of the connection finalization and the session (MS-RDPBCGR
 * 2.2.1.14 - 2.2.1.22, 2.2.2.2 - 2.2.2.3, 2.2.3.1, 2.2.5.1, 2.2.12.1). */
#include "pdu/rdp_internal.h"

/* Decoders: headers, payload, then the payload must fill totalLength exactly. */
#define SHARE_DATA_DECODE(TYPE2, PAYLOAD)                                  \
    wrdp_cursor body_;                                                     \
    if (wrdp_rdp_share_data_begin(c, &out->hdr, (TYPE2), &body_))          \
        return WRDP_ERR;                                                   \
    wrdp_cursor *b = &body_;                                               \
    PAYLOAD;                                                               \
    if (!wrdp_cursor_ok(b))                                                \
        return WRDP_ERR;                                                   \
    return wrdp_cursor_expect_end(b)

#define SHARE_DATA_ENCODE(TYPE2, PAYLOAD)                                  \
    size_t start_ = wrdp_rdp_share_data_put(&in->hdr, (TYPE2), w);          \
    PAYLOAD;                                                               \
    return wrdp_rdp_share_data_end(w, start_)

int wrdp_synchronize_pdu_decode(wrdp_cursor *c, wrdp_synchronize_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_SYNCHRONIZE, {
        out->messageType = wrdp_rd_u16le(b, "messageType");
        out->targetUser = wrdp_rd_u16le(b, "targetUser");
    });
}

int wrdp_synchronize_pdu_encode(const wrdp_synchronize_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_SYNCHRONIZE, {
        wrdp_wr_u16le(w, in->messageType);
        wrdp_wr_u16le(w, in->targetUser);
    });
}

int wrdp_control_pdu_decode(wrdp_cursor *c, wrdp_control_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_CONTROL, {
        out->action = wrdp_rd_u16le(b, "action");
        out->grantId = wrdp_rd_u16le(b, "grantId");
        out->controlId = wrdp_rd_u32le(b, "controlId");
        if (wrdp_cursor_ok(b) && (out->action < WRDP_CTRLACTION_REQUEST_CONTROL || out->action > WRDP_CTRLACTION_COOPERATE))
            return wrdp_cursor_fail(b, "action", "unknown action %u", out->action);
    });
}

int wrdp_control_pdu_encode(const wrdp_control_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_CONTROL, {
        wrdp_wr_u16le(w, in->action);
        wrdp_wr_u16le(w, in->grantId);
        wrdp_wr_u32le(w, in->controlId);
    });
}

int wrdp_persistent_key_list_pdu_decode(wrdp_cursor *c, wrdp_persistent_key_list_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST, {
        unsigned total = 0;
        for (int i = 0; i < 5; i++) {
            out->numEntriesCache[i] = wrdp_rd_u16le(b, "numEntriesCache");
            total += out->numEntriesCache[i];
        }
        for (int i = 0; i < 5; i++)
            out->totalEntriesCache[i] = wrdp_rd_u16le(b, "totalEntriesCache");
        out->bBitMask = wrdp_rd_u8(b, "bBitMask");
        out->Pad2 = wrdp_rd_u8(b, "Pad2");
        out->Pad3 = wrdp_rd_u16le(b, "Pad3");
        if (!wrdp_cursor_ok(b))
            return WRDP_ERR;
        if (total > WRDP_PERSISTENT_KEY_LIST_MAX)
            return wrdp_cursor_fail(b, "numEntriesCache", "%u keys, at most %d fit one PDU", total,
                                    WRDP_PERSISTENT_KEY_LIST_MAX);
        out->entryCount = (uint16_t)total;
        for (unsigned i = 0; i < total; i++) {
            out->entries[i].Key1 = wrdp_rd_u32le(b, "Key1");
            out->entries[i].Key2 = wrdp_rd_u32le(b, "Key2");
        }
    });
}

int wrdp_persistent_key_list_pdu_encode(const wrdp_persistent_key_list_pdu *in, wrdp_writer *w)
{
    unsigned total = 0;
    for (int i = 0; i < 5; i++)
        total += in->numEntriesCache[i];
    if (total != in->entryCount || total > WRDP_PERSISTENT_KEY_LIST_MAX)
        return wrdp_writer_fail(w, "persistent key list: numEntriesCache add up to %u, %u entries given", total,
                                in->entryCount);
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST, {
        for (int i = 0; i < 5; i++)
            wrdp_wr_u16le(w, in->numEntriesCache[i]);
        for (int i = 0; i < 5; i++)
            wrdp_wr_u16le(w, in->totalEntriesCache[i]);
        wrdp_wr_u8(w, in->bBitMask);
        wrdp_wr_u8(w, in->Pad2);
        wrdp_wr_u16le(w, in->Pad3);
        for (unsigned i = 0; i < total; i++) {
            wrdp_wr_u32le(w, in->entries[i].Key1);
            wrdp_wr_u32le(w, in->entries[i].Key2);
        }
    });
}

int wrdp_font_list_pdu_decode(wrdp_cursor *c, wrdp_font_list_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_FONTLIST, {
        out->numberFonts = wrdp_rd_u16le(b, "numberFonts");
        out->totalNumFonts = wrdp_rd_u16le(b, "totalNumFonts");
        out->listFlags = wrdp_rd_u16le(b, "listFlags");
        out->entrySize = wrdp_rd_u16le(b, "entrySize");
    });
}

int wrdp_font_list_pdu_encode(const wrdp_font_list_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_FONTLIST, {
        wrdp_wr_u16le(w, in->numberFonts);
        wrdp_wr_u16le(w, in->totalNumFonts);
        wrdp_wr_u16le(w, in->listFlags);
        wrdp_wr_u16le(w, in->entrySize);
    });
}

int wrdp_font_map_pdu_decode(wrdp_cursor *c, wrdp_font_map_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_FONTMAP, {
        out->numberEntries = wrdp_rd_u16le(b, "numberEntries");
        out->totalNumEntries = wrdp_rd_u16le(b, "totalNumEntries");
        out->mapFlags = wrdp_rd_u16le(b, "mapFlags");
        out->entrySize = wrdp_rd_u16le(b, "entrySize");
    });
}

int wrdp_font_map_pdu_encode(const wrdp_font_map_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_FONTMAP, {
        wrdp_wr_u16le(w, in->numberEntries);
        wrdp_wr_u16le(w, in->totalNumEntries);
        wrdp_wr_u16le(w, in->mapFlags);
        wrdp_wr_u16le(w, in->entrySize);
    });
}

int wrdp_set_error_info_pdu_decode(wrdp_cursor *c, wrdp_set_error_info_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_SET_ERROR_INFO_PDU, { out->errorInfo = wrdp_rd_u32le(b, "errorInfo"); });
}

int wrdp_set_error_info_pdu_encode(const wrdp_set_error_info_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_SET_ERROR_INFO_PDU, { wrdp_wr_u32le(w, in->errorInfo); });
}

int wrdp_shutdown_request_pdu_decode(wrdp_cursor *c, wrdp_shutdown_request_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_SHUTDOWN_REQUEST, {});
}

int wrdp_shutdown_request_pdu_encode(const wrdp_shutdown_request_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_SHUTDOWN_REQUEST, {});
}

int wrdp_shutdown_denied_pdu_decode(wrdp_cursor *c, wrdp_shutdown_denied_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_SHUTDOWN_DENIED, {});
}

int wrdp_shutdown_denied_pdu_encode(const wrdp_shutdown_denied_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_SHUTDOWN_DENIED, {});
}

int wrdp_monitor_layout_pdu_decode(wrdp_cursor *c, wrdp_monitor_layout_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU, {
        out->monitorCount = wrdp_rd_u32le(b, "monitorCount");
        if (!wrdp_cursor_ok(b))
            return WRDP_ERR;
        if (out->monitorCount > WRDP_MONITOR_LAYOUT_MAX)
            return wrdp_cursor_fail(b, "monitorCount", "%u monitors, at most %d", out->monitorCount,
                                    WRDP_MONITOR_LAYOUT_MAX);
        for (uint32_t i = 0; i < out->monitorCount; i++) {
            wrdp_monitor_layout_def *m = &out->monitorDefArray[i];
            m->left = (int32_t)wrdp_rd_u32le(b, "left");
            m->top = (int32_t)wrdp_rd_u32le(b, "top");
            m->right = (int32_t)wrdp_rd_u32le(b, "right");
            m->bottom = (int32_t)wrdp_rd_u32le(b, "bottom");
            m->flags = wrdp_rd_u32le(b, "flags");
        }
    });
}

int wrdp_monitor_layout_pdu_encode(const wrdp_monitor_layout_pdu *in, wrdp_writer *w)
{
    if (in->monitorCount > WRDP_MONITOR_LAYOUT_MAX)
        return wrdp_writer_fail(w, "monitor layout: %u monitors, at most %d", in->monitorCount,
                                WRDP_MONITOR_LAYOUT_MAX);
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU, {
        wrdp_wr_u32le(w, in->monitorCount);
        for (uint32_t i = 0; i < in->monitorCount; i++) {
            const wrdp_monitor_layout_def *m = &in->monitorDefArray[i];
            wrdp_wr_u32le(w, (uint32_t)m->left);
            wrdp_wr_u32le(w, (uint32_t)m->top);
            wrdp_wr_u32le(w, (uint32_t)m->right);
            wrdp_wr_u32le(w, (uint32_t)m->bottom);
            wrdp_wr_u32le(w, m->flags);
        }
    });
}

int wrdp_save_session_info_pdu_decode(wrdp_cursor *c, wrdp_save_session_info_pdu *out)
{
    SHARE_DATA_DECODE(WRDP_PDUTYPE2_SAVE_SESSION_INFO, { wrdp_save_session_info_decode(b, &out->data); });
}

int wrdp_save_session_info_pdu_encode(const wrdp_save_session_info_pdu *in, wrdp_writer *w)
{
    SHARE_DATA_ENCODE(WRDP_PDUTYPE2_SAVE_SESSION_INFO, { wrdp_save_session_info_encode(&in->data, w); });
}

/* Server Deactivate All PDU: a Share Control PDU (not a Data PDU). */
int wrdp_deactivate_all_pdu_decode(wrdp_cursor *c, wrdp_deactivate_all_pdu *out)
{
    if (wrdp_share_control_header_decode(c, &out->shareControlHeader))
        return WRDP_ERR;
    if ((out->shareControlHeader.pduType & 0x0F) != WRDP_PDUTYPE_DEACTIVATEALLPDU)
        return wrdp_cursor_fail(c, "pduType", "0x%04x is not a Deactivate All PDU", out->shareControlHeader.pduType);
    if (out->shareControlHeader.totalLength < 6)
        return wrdp_cursor_fail(c, "totalLength", "%u is shorter than the header", out->shareControlHeader.totalLength);
    wrdp_cursor b;
    if (wrdp_cursor_sub(c, (size_t)out->shareControlHeader.totalLength - 6, &b, "totalLength"))
        return WRDP_ERR;
    out->shareID = wrdp_rd_u32le(&b, "shareID");
    uint16_t n = wrdp_rd_u16le(&b, "lengthSourceDescriptor");
    wrdp_rd_bytes(&b, n, &out->sourceDescriptor, "sourceDescriptor");
    return wrdp_cursor_expect_end(&b);
}

int wrdp_deactivate_all_pdu_encode(const wrdp_deactivate_all_pdu *in, wrdp_writer *w)
{
    if ((in->shareControlHeader.pduType & 0x0F) != WRDP_PDUTYPE_DEACTIVATEALLPDU)
        return wrdp_writer_fail(w, "pduType 0x%04x is not a Deactivate All PDU", in->shareControlHeader.pduType);
    if (in->sourceDescriptor.len > 0xFFFF - 12)
        return wrdp_writer_fail(w, "sourceDescriptor of %zu bytes is too long", in->sourceDescriptor.len);
    size_t start = w->len;
    wrdp_share_control_header sch = in->shareControlHeader;
    sch.totalLength = (uint16_t)(12 + in->sourceDescriptor.len);
    wrdp_share_control_header_encode(&sch, w);
    wrdp_wr_u32le(w, in->shareID);
    wrdp_wr_u16le(w, (uint16_t)in->sourceDescriptor.len);
    wrdp_wr_bytes(w, in->sourceDescriptor.data, in->sourceDescriptor.len);
    (void)start;
    return wrdp_writer_status(w);
}
