/* Licensing building blocks (MS-RDPBCGR 2.2.1.12.1, MS-RDPELE 2.2.2): preamble,
 * binary blob, product information, key exchange and scope lists, and the
 * decrypted structures (New License Information, platform challenge response
 * data, hardware id). The messages are in licensing_msg.c. */
#include "webrdp/pdu.h"

static bool known_msg_type(uint8_t t)
{
    switch (t) {
    case WRDP_LICENSE_REQUEST:
    case WRDP_PLATFORM_CHALLENGE:
    case WRDP_NEW_LICENSE:
    case WRDP_UPGRADE_LICENSE:
    case WRDP_LICENSE_INFO:
    case WRDP_NEW_LICENSE_REQUEST:
    case WRDP_PLATFORM_CHALLENGE_RESPONSE:
    case WRDP_ERROR_ALERT:
        return true;
    default:
        return false;
    }
}

int wrdp_license_preamble_decode(wrdp_cursor *c, wrdp_license_preamble *out)
{
    out->bMsgType = wrdp_rd_u8(c, "bMsgType");
    out->flags = wrdp_rd_u8(c, "flags");
    out->wMsgSize = wrdp_rd_u16le(c, "wMsgSize");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (!known_msg_type(out->bMsgType)) {
        return wrdp_cursor_fail(c, "bMsgType", "unknown licensing message type 0x%02x", out->bMsgType);
    }
    return WRDP_OK;
}

int wrdp_license_preamble_encode(const wrdp_license_preamble *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, in->bMsgType);
    wrdp_wr_u8(w, in->flags);
    wrdp_wr_u16le(w, in->wMsgSize);
    return wrdp_writer_status(w);
}

int wrdp_license_security_header_decode(wrdp_cursor *c, uint16_t *flags, uint16_t *flagsHi)
{
    wrdp_basic_security_header h;
    if (wrdp_basic_security_header_decode(c, &h) != WRDP_OK) {
        *flags = *flagsHi = 0;
        return WRDP_ERR;
    }
    *flags = h.flags;
    *flagsHi = h.flagsHi;
    if (!(h.flags & WRDP_SEC_LICENSE_PKT))
        return wrdp_cursor_fail(c, "flags", "SEC_LICENSE_PKT is not set (flags 0x%04x)", h.flags);
    return WRDP_OK;
}

int wrdp_license_header_decode(wrdp_cursor *c, wrdp_license_header *out)
{
    if (wrdp_license_security_header_decode(c, &out->flags, &out->flagsHi) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_license_preamble_decode(c, &out->preamble);
}

int wrdp_license_header_encode(const wrdp_license_header *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->flags);
    wrdp_wr_u16le(w, in->flagsHi);
    return wrdp_license_preamble_encode(&in->preamble, w);
}

int wrdp_license_blob_decode(wrdp_cursor *c, wrdp_license_blob *out)
{
    out->wBlobType = wrdp_rd_u16le(c, "wBlobType");
    uint16_t len = wrdp_rd_u16le(c, "wBlobLen");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_rd_bytes(c, len, &out->blobData, "blobData");
}

int wrdp_license_blob_encode(const wrdp_license_blob *in, wrdp_writer *w)
{
    if (in->blobData.len > UINT16_MAX)
        return wrdp_writer_fail(w, "license blob: %zu bytes do not fit wBlobLen", in->blobData.len);
    wrdp_wr_u16le(w, in->wBlobType);
    wrdp_wr_u16le(w, (uint16_t)in->blobData.len);
    wrdp_wr_bytes(w, in->blobData.data, in->blobData.len);
    return wrdp_writer_status(w);
}

/* A u32 length then that many bytes; UTF-16 fields must have an even length. */
static int rd_counted(wrdp_cursor *c, wrdp_bytes *out, const char *cb_field, const char *field, bool utf16)
{
    uint32_t n = wrdp_rd_u32le(c, cb_field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (utf16 && (n & 1))
        return wrdp_cursor_fail(c, cb_field, "odd length %u for a UTF-16 string", n);
    return wrdp_rd_bytes(c, n, out, field);
}

static void wr_counted(wrdp_writer *w, wrdp_bytes b, const char *field)
{
    if (b.len > UINT32_MAX) {
        wrdp_writer_fail(w, "%s: too long", field);
        return;
    }
    wrdp_wr_u32le(w, (uint32_t)b.len);
    wrdp_wr_bytes(w, b.data, b.len);
}

int wrdp_license_product_info_decode(wrdp_cursor *c, wrdp_license_product_info *out)
{
    out->dwVersion = wrdp_rd_u32le(c, "dwVersion");
    if (rd_counted(c, &out->pbCompanyName, "cbCompanyName", "pbCompanyName", true) != WRDP_OK)
        return WRDP_ERR;
    return rd_counted(c, &out->pbProductId, "cbProductId", "pbProductId", true);
}

int wrdp_license_product_info_encode(const wrdp_license_product_info *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->dwVersion);
    wr_counted(w, in->pbCompanyName, "cbCompanyName");
    wr_counted(w, in->pbProductId, "cbProductId");
    return wrdp_writer_status(w);
}

int wrdp_license_key_exchange_list_decode(wrdp_cursor *c, wrdp_license_key_exchange_list *out)
{
    wrdp_license_blob b;
    if (wrdp_license_blob_decode(c, &b) != WRDP_OK)
        return WRDP_ERR;
    out->wBlobType = b.wBlobType;
    if (b.blobData.len % 4)
        return wrdp_cursor_fail(c, "KeyExchangeList", "length %zu is not a multiple of 4", b.blobData.len);
    if (b.blobData.len / 4 > WRDP_LICENSE_KEY_EXCHANGE_MAX)
        return wrdp_cursor_fail(c, "KeyExchangeList", "%zu algorithms, at most %d supported", b.blobData.len / 4,
                                WRDP_LICENSE_KEY_EXCHANGE_MAX);
    out->count = b.blobData.len / 4;
    for (size_t i = 0; i < out->count; i++) {
        const uint8_t *p = b.blobData.data + 4 * i;
        out->KeyExchangeAlg[i] = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    }
    return WRDP_OK;
}

int wrdp_license_key_exchange_list_encode(const wrdp_license_key_exchange_list *in, wrdp_writer *w)
{
    if (in->count > WRDP_LICENSE_KEY_EXCHANGE_MAX)
        return wrdp_writer_fail(w, "KeyExchangeList: %zu algorithms, at most %d", in->count,
                                WRDP_LICENSE_KEY_EXCHANGE_MAX);
    wrdp_wr_u16le(w, in->wBlobType);
    wrdp_wr_u16le(w, (uint16_t)(in->count * 4));
    for (size_t i = 0; i < in->count; i++)
        wrdp_wr_u32le(w, in->KeyExchangeAlg[i]);
    return wrdp_writer_status(w);
}

int wrdp_license_scope_list_decode(wrdp_cursor *c, wrdp_license_scope_list *out)
{
    out->ScopeCount = wrdp_rd_u32le(c, "ScopeCount");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->ScopeCount > WRDP_LICENSE_SCOPE_MAX)
        return wrdp_cursor_fail(c, "ScopeCount", "%u scopes, at most %d supported", out->ScopeCount,
                                WRDP_LICENSE_SCOPE_MAX);
    for (uint32_t i = 0; i < out->ScopeCount; i++)
        if (wrdp_license_blob_decode(c, &out->ScopeArray[i]) != WRDP_OK)
            return WRDP_ERR;
    return WRDP_OK;
}

int wrdp_license_scope_list_encode(const wrdp_license_scope_list *in, wrdp_writer *w)
{
    if (in->ScopeCount > WRDP_LICENSE_SCOPE_MAX)
        return wrdp_writer_fail(w, "ScopeList: %u scopes, at most %d", in->ScopeCount, WRDP_LICENSE_SCOPE_MAX);
    wrdp_wr_u32le(w, in->ScopeCount);
    for (uint32_t i = 0; i < in->ScopeCount; i++)
        if (wrdp_license_blob_encode(&in->ScopeArray[i], w) != WRDP_OK)
            return WRDP_ERR;
    return wrdp_writer_status(w);
}

int wrdp_license_new_license_info_decode(wrdp_cursor *c, wrdp_license_new_license_info *out)
{
    out->dwVersion = wrdp_rd_u32le(c, "dwVersion");
    if (rd_counted(c, &out->pbScope, "cbScope", "pbScope", false) != WRDP_OK ||
        rd_counted(c, &out->pbCompanyName, "cbCompanyName", "pbCompanyName", true) != WRDP_OK ||
        rd_counted(c, &out->pbProductId, "cbProductId", "pbProductId", true) != WRDP_OK)
        return WRDP_ERR;
    return rd_counted(c, &out->pbLicenseInfo, "cbLicenseInfo", "pbLicenseInfo", false);
}

int wrdp_license_new_license_info_encode(const wrdp_license_new_license_info *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->dwVersion);
    wr_counted(w, in->pbScope, "cbScope");
    wr_counted(w, in->pbCompanyName, "cbCompanyName");
    wr_counted(w, in->pbProductId, "cbProductId");
    wr_counted(w, in->pbLicenseInfo, "cbLicenseInfo");
    return wrdp_writer_status(w);
}

int wrdp_license_platform_challenge_response_data_decode(wrdp_cursor *c,
                                                         wrdp_license_platform_challenge_response_data *out)
{
    out->wVersion = wrdp_rd_u16le(c, "wVersion");
    out->wClientType = wrdp_rd_u16le(c, "wClientType");
    out->wLicenseDetailLevel = wrdp_rd_u16le(c, "wLicenseDetailLevel");
    uint16_t n = wrdp_rd_u16le(c, "cbChallenge");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_rd_bytes(c, n, &out->pbChallenge, "pbChallenge");
}

int wrdp_license_platform_challenge_response_data_encode(const wrdp_license_platform_challenge_response_data *in,
                                                         wrdp_writer *w)
{
    if (in->pbChallenge.len > UINT16_MAX)
        return wrdp_writer_fail(w, "pbChallenge: %zu bytes do not fit cbChallenge", in->pbChallenge.len);
    wrdp_wr_u16le(w, in->wVersion);
    wrdp_wr_u16le(w, in->wClientType);
    wrdp_wr_u16le(w, in->wLicenseDetailLevel);
    wrdp_wr_u16le(w, (uint16_t)in->pbChallenge.len);
    wrdp_wr_bytes(w, in->pbChallenge.data, in->pbChallenge.len);
    return wrdp_writer_status(w);
}

int wrdp_license_client_hardware_id_decode(wrdp_cursor *c, wrdp_license_client_hardware_id *out)
{
    out->PlatformId = wrdp_rd_u32le(c, "PlatformId");
    out->Data1 = wrdp_rd_u32le(c, "Data1");
    out->Data2 = wrdp_rd_u32le(c, "Data2");
    out->Data3 = wrdp_rd_u32le(c, "Data3");
    out->Data4 = wrdp_rd_u32le(c, "Data4");
    return wrdp_cursor_status(c);
}

int wrdp_license_client_hardware_id_encode(const wrdp_license_client_hardware_id *in, wrdp_writer *w)
{
    wrdp_wr_u32le(w, in->PlatformId);
    wrdp_wr_u32le(w, in->Data1);
    wrdp_wr_u32le(w, in->Data2);
    wrdp_wr_u32le(w, in->Data3);
    wrdp_wr_u32le(w, in->Data4);
    return wrdp_writer_status(w);
}

const char *wrdp_license_error_text(uint32_t code)
{
    switch (code) {
    case WRDP_ERR_INVALID_SERVER_CERTIFICATE:
        return "the client could not validate the server's licensing certificate";
    case WRDP_ERR_NO_LICENSE:
        return "the client has no license to present to the server";
    case WRDP_ERR_INVALID_MAC:
        return "a licensing message failed its integrity check (bad MAC)";
    case WRDP_ERR_INVALID_SCOPE:
        return "the license server does not serve the scope the client asked for";
    case WRDP_ERR_NO_LICENSE_SERVER:
        return "the server could not reach a license server";
    case WRDP_STATUS_VALID_CLIENT:
        return "the client is licensed; licensing is complete";
    case WRDP_ERR_INVALID_CLIENT:
        return "the server considers the client's license or hardware id invalid";
    case WRDP_ERR_INVALID_PRODUCTID:
        return "the product id in the license does not match the server's";
    case WRDP_ERR_INVALID_MESSAGE_LEN:
        return "a licensing message had an invalid length";
    default:
        return "unknown licensing error";
    }
}
