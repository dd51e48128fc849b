/* Save Session Info PDU data (MS-RDPBCGR 2.2.10.1.1): logon info v1 / v2,
 * plain notify, extended logon info. */
#include "pdu/rdp_internal.h"

/* A pad field: a view of its bytes, or (when empty) zeros on encode. */
static void write_pad(wrdp_writer *w, wrdp_bytes pad, size_t size, const char *field)
{
    if (pad.len == 0) {
        wrdp_wr_fill(w, 0, size);
    } else if (pad.len != size) {
        wrdp_writer_fail(w, "%s: %zu bytes, expected %zu", field, pad.len, size);
    } else {
        wrdp_wr_bytes(w, pad.data, pad.len);
    }
}

static void write_fixed(wrdp_writer *w, wrdp_bytes b, size_t size, const char *field)
{
    if (b.len > size) {
        wrdp_writer_fail(w, "%s: %zu bytes do not fit its %zu-byte field", field, b.len, size);
        return;
    }
    wrdp_wr_bytes(w, b.data, b.len);
    wrdp_wr_fill(w, 0, size - b.len);
}

int wrdp_logon_info_decode(wrdp_cursor *c, wrdp_logon_info *out)
{
    out->cbDomain = wrdp_rd_u32le(c, "cbDomain");
    if (wrdp_cursor_ok(c) && out->cbDomain > WRDP_LOGON_INFO_DOMAIN_SIZE)
        return wrdp_cursor_fail(c, "cbDomain", "%u exceeds the %d-byte Domain field", out->cbDomain,
                                WRDP_LOGON_INFO_DOMAIN_SIZE);
    wrdp_rd_bytes(c, WRDP_LOGON_INFO_DOMAIN_SIZE, &out->Domain, "Domain");
    out->cbUserName = wrdp_rd_u32le(c, "cbUserName");
    if (wrdp_cursor_ok(c) && out->cbUserName > WRDP_LOGON_INFO_USERNAME_SIZE)
        return wrdp_cursor_fail(c, "cbUserName", "%u exceeds the %d-byte UserName field", out->cbUserName,
                                WRDP_LOGON_INFO_USERNAME_SIZE);
    wrdp_rd_bytes(c, WRDP_LOGON_INFO_USERNAME_SIZE, &out->UserName, "UserName");
    out->SessionId = wrdp_rd_u32le(c, "SessionId");
    return wrdp_cursor_status(c);
}

int wrdp_logon_info_encode(const wrdp_logon_info *in, wrdp_writer *w)
{
    if (in->cbDomain > WRDP_LOGON_INFO_DOMAIN_SIZE || in->cbUserName > WRDP_LOGON_INFO_USERNAME_SIZE)
        return wrdp_writer_fail(w, "logon info: cbDomain %u / cbUserName %u exceed their fields", in->cbDomain,
                                in->cbUserName);
    wrdp_wr_u32le(w, in->cbDomain);
    write_fixed(w, in->Domain, WRDP_LOGON_INFO_DOMAIN_SIZE, "Domain");
    wrdp_wr_u32le(w, in->cbUserName);
    write_fixed(w, in->UserName, WRDP_LOGON_INFO_USERNAME_SIZE, "UserName");
    wrdp_wr_u32le(w, in->SessionId);
    return wrdp_writer_status(w);
}

/* Both strings are at most 256 UTF-16 characters with their terminators (2.2.10.1.1.2). */
#define LOGON_V2_STRING_MAX 512

int wrdp_logon_info_v2_decode(wrdp_cursor *c, wrdp_logon_info_v2 *out)
{
    out->Version = wrdp_rd_u16le(c, "Version");
    if (wrdp_cursor_ok(c) && out->Version != WRDP_SAVE_SESSION_PDU_VERSION_ONE)
        return wrdp_cursor_fail(c, "Version", "%u, expected SAVE_SESSION_PDU_VERSION_ONE", out->Version);
    uint32_t size = wrdp_rd_u32le(c, "Size");
    if (wrdp_cursor_ok(c) && size != WRDP_LOGON_INFO_V2_SIZE)
        return wrdp_cursor_fail(c, "Size", "%u, expected %d", size, WRDP_LOGON_INFO_V2_SIZE);
    out->SessionId = wrdp_rd_u32le(c, "SessionId");
    uint32_t cbDomain = wrdp_rd_u32le(c, "cbDomain");
    uint32_t cbUserName = wrdp_rd_u32le(c, "cbUserName");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (cbDomain > LOGON_V2_STRING_MAX)
        return wrdp_cursor_fail(c, "cbDomain", "%u is too long", cbDomain);
    if (cbUserName > LOGON_V2_STRING_MAX)
        return wrdp_cursor_fail(c, "cbUserName", "%u is too long", cbUserName);
    wrdp_rd_bytes(c, WRDP_LOGON_INFO_V2_PAD_SIZE, &out->Pad, "Pad");
    wrdp_rd_bytes(c, cbDomain, &out->Domain, "Domain");
    wrdp_rd_bytes(c, cbUserName, &out->UserName, "UserName");
    return wrdp_cursor_status(c);
}

int wrdp_logon_info_v2_encode(const wrdp_logon_info_v2 *in, wrdp_writer *w)
{
    if (in->Domain.len > LOGON_V2_STRING_MAX || in->UserName.len > LOGON_V2_STRING_MAX)
        return wrdp_writer_fail(w, "logon info v2: Domain or UserName too long");
    wrdp_wr_u16le(w, in->Version);
    wrdp_wr_u32le(w, WRDP_LOGON_INFO_V2_SIZE);
    wrdp_wr_u32le(w, in->SessionId);
    wrdp_wr_u32le(w, (uint32_t)in->Domain.len);
    wrdp_wr_u32le(w, (uint32_t)in->UserName.len);
    write_pad(w, in->Pad, WRDP_LOGON_INFO_V2_PAD_SIZE, "Pad");
    wrdp_wr_bytes(w, in->Domain.data, in->Domain.len);
    wrdp_wr_bytes(w, in->UserName.data, in->UserName.len);
    return wrdp_writer_status(w);
}

static int valid_notification_type(uint32_t t)
{
    return t >= WRDP_LOGON_MSG_DISCONNECT_REFUSED && t <= WRDP_LOGON_MSG_SESSION_CONTINUE;
}

int wrdp_logon_info_extended_decode(wrdp_cursor *c, wrdp_logon_info_extended *out)
{
    uint16_t length = wrdp_rd_u16le(c, "Length");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (length < 6)
        return wrdp_cursor_fail(c, "Length", "%u is shorter than Length + FieldsPresent", length);
    wrdp_cursor b;
    if (wrdp_cursor_sub(c, (size_t)length - 2, &b, "Length"))
        return WRDP_ERR;
    out->FieldsPresent = wrdp_rd_u32le(&b, "FieldsPresent");
    if (!wrdp_cursor_ok(&b))
        return WRDP_ERR;
    if (out->FieldsPresent & ~(uint32_t)(WRDP_LOGON_EX_AUTORECONNECTCOOKIE | WRDP_LOGON_EX_LOGONERRORS))
        return wrdp_cursor_fail(&b, "FieldsPresent", "unknown flags 0x%08x", out->FieldsPresent);
    if (out->FieldsPresent & WRDP_LOGON_EX_AUTORECONNECTCOOKIE) {
        uint32_t cbFieldData = wrdp_rd_u32le(&b, "cbFieldData");
        if (wrdp_cursor_ok(&b) && cbFieldData != WRDP_ARC_PRIVATE_PACKET_LENGTH)
            return wrdp_cursor_fail(&b, "cbFieldData", "%u, expected 28 for the auto-reconnect cookie", cbFieldData);
        uint32_t cbLen = wrdp_rd_u32le(&b, "cbLen");
        if (wrdp_cursor_ok(&b) && cbLen != WRDP_ARC_PRIVATE_PACKET_LENGTH)
            return wrdp_cursor_fail(&b, "cbLen", "%u, expected 28", cbLen);
        out->autoReconnect.Version = wrdp_rd_u32le(&b, "Version");
        if (wrdp_cursor_ok(&b) && out->autoReconnect.Version != WRDP_AUTO_RECONNECT_VERSION_1)
            return wrdp_cursor_fail(&b, "Version", "auto-reconnect version %u", out->autoReconnect.Version);
        out->autoReconnect.LogonId = wrdp_rd_u32le(&b, "LogonId");
        wrdp_rd_copy(&b, out->autoReconnect.ArcRandomBits, 16, "ArcRandomBits");
    }
    if (out->FieldsPresent & WRDP_LOGON_EX_LOGONERRORS) {
        uint32_t cbFieldData = wrdp_rd_u32le(&b, "cbFieldData");
        if (wrdp_cursor_ok(&b) && cbFieldData != 8)
            return wrdp_cursor_fail(&b, "cbFieldData", "%u, expected 8 for the logon errors info", cbFieldData);
        out->errorsInfo.ErrorNotificationType = wrdp_rd_u32le(&b, "ErrorNotificationType");
        if (wrdp_cursor_ok(&b) && !valid_notification_type(out->errorsInfo.ErrorNotificationType))
            return wrdp_cursor_fail(&b, "ErrorNotificationType", "unknown type 0x%08x",
                                    out->errorsInfo.ErrorNotificationType);
        out->errorsInfo.ErrorNotificationData = wrdp_rd_u32le(&b, "ErrorNotificationData");
    }
    if (wrdp_cursor_expect_end(&b))
        return WRDP_ERR;
    wrdp_rd_bytes(c, WRDP_LOGON_EX_PAD_SIZE, &out->Pad, "Pad");
    return wrdp_cursor_status(c);
}

int wrdp_logon_info_extended_encode(const wrdp_logon_info_extended *in, wrdp_writer *w)
{
    if (in->FieldsPresent & ~(uint32_t)(WRDP_LOGON_EX_AUTORECONNECTCOOKIE | WRDP_LOGON_EX_LOGONERRORS))
        return wrdp_writer_fail(w, "logon info extended: unknown FieldsPresent 0x%08x", in->FieldsPresent);
    uint16_t length = 6;
    if (in->FieldsPresent & WRDP_LOGON_EX_AUTORECONNECTCOOKIE)
        length += 4 + WRDP_ARC_PRIVATE_PACKET_LENGTH;
    if (in->FieldsPresent & WRDP_LOGON_EX_LOGONERRORS)
        length += 4 + 8;
    wrdp_wr_u16le(w, length);
    wrdp_wr_u32le(w, in->FieldsPresent);
    if (in->FieldsPresent & WRDP_LOGON_EX_AUTORECONNECTCOOKIE) {
        wrdp_wr_u32le(w, WRDP_ARC_PRIVATE_PACKET_LENGTH);
        wrdp_wr_u32le(w, WRDP_ARC_PRIVATE_PACKET_LENGTH);
        wrdp_wr_u32le(w, in->autoReconnect.Version);
        wrdp_wr_u32le(w, in->autoReconnect.LogonId);
        wrdp_wr_bytes(w, in->autoReconnect.ArcRandomBits, 16);
    }
    if (in->FieldsPresent & WRDP_LOGON_EX_LOGONERRORS) {
        wrdp_wr_u32le(w, 8);
        wrdp_wr_u32le(w, in->errorsInfo.ErrorNotificationType);
        wrdp_wr_u32le(w, in->errorsInfo.ErrorNotificationData);
    }
    write_pad(w, in->Pad, WRDP_LOGON_EX_PAD_SIZE, "Pad");
    return wrdp_writer_status(w);
}

int wrdp_save_session_info_decode(wrdp_cursor *c, wrdp_save_session_info *out)
{
    out->infoType = wrdp_rd_u32le(c, "infoType");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    switch (out->infoType) {
    case WRDP_INFOTYPE_LOGON:
        return wrdp_logon_info_decode(c, &out->logonInfo);
    case WRDP_INFOTYPE_LOGON_LONG:
        return wrdp_logon_info_v2_decode(c, &out->logonInfoV2);
    case WRDP_INFOTYPE_LOGON_PLAINNOTIFY:
        return wrdp_rd_bytes(c, WRDP_SAVE_SESSION_PAD_SIZE, &out->plainNotifyPad, "Pad");
    case WRDP_INFOTYPE_LOGON_EXTENDED_INFO:
        return wrdp_logon_info_extended_decode(c, &out->logonInfoEx);
    default:
        return wrdp_cursor_fail(c, "infoType", "unknown info type %u", out->infoType);
    }
}

int wrdp_save_session_info_encode(const wrdp_save_session_info *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->infoType);
    switch (in->infoType) {
    case WRDP_INFOTYPE_LOGON:
        return wrdp_logon_info_encode(&in->logonInfo, w);
    case WRDP_INFOTYPE_LOGON_LONG:
        return wrdp_logon_info_v2_encode(&in->logonInfoV2, w);
    case WRDP_INFOTYPE_LOGON_PLAINNOTIFY:
        write_pad(w, in->plainNotifyPad, WRDP_SAVE_SESSION_PAD_SIZE, "Pad");
        return wrdp_writer_status(w);
    case WRDP_INFOTYPE_LOGON_EXTENDED_INFO:
        return wrdp_logon_info_extended_encode(&in->logonInfoEx, w);
    default:
        return wrdp_writer_fail(w, "save session info: unknown infoType %u", in->infoType);
    }
}
