/* Licensing messages (MS-RDPELE 2.2.2, MS-RDPBCGR 2.2.1.12.1.3): each is a
 * LICENSE_PREAMBLE and a body; wrdp_license_pdu adds the basic security header. */
#include <string.h>

#include "webrdp/pdu.h"

static const char *msg_name(uint8_t t)
{
    switch (t) {
    case WRDP_LICENSE_REQUEST: return "LICENSE_REQUEST";
    case WRDP_PLATFORM_CHALLENGE: return "PLATFORM_CHALLENGE";
    case WRDP_NEW_LICENSE: return "NEW_LICENSE";
    case WRDP_UPGRADE_LICENSE: return "UPGRADE_LICENSE";
    case WRDP_LICENSE_INFO: return "LICENSE_INFO";
    case WRDP_NEW_LICENSE_REQUEST: return "NEW_LICENSE_REQUEST";
    case WRDP_PLATFORM_CHALLENGE_RESPONSE: return "PLATFORM_CHALLENGE_RESPONSE";
    default: return "ERROR_ALERT";
    }
}

/* Reads the preamble and checks it announces `type`. */
static int msg_begin(wrdp_cursor *c, wrdp_license_preamble *p, uint8_t type)
{
    if (wrdp_license_preamble_decode(c, p) != WRDP_OK)
        return WRDP_ERR;
    if (p->bMsgType != type)
        return wrdp_cursor_fail(c, "bMsgType", "0x%02x where %s (0x%02x) was expected", p->bMsgType,
                                msg_name(type), type);
    return WRDP_OK;
}

/* Writes the preamble with a placeholder size; returns where it starts. */
static size_t msg_start(wrdp_writer *w, const wrdp_license_preamble *p, uint8_t type)
{
    size_t start = w->len;
    wrdp_wr_u8(w, type);
    wrdp_wr_u8(w, p->flags);
    wrdp_wr_u16le(w, 0);
    return start;
}

/* Fills in wMsgSize from what was written. A stored size 4 bytes larger than
 * the real one means the sender counted the security header: keep that. */
static int msg_finish(wrdp_writer *w, size_t start, const wrdp_license_preamble *p)
{
    if (w->failed)
        return WRDP_ERR;
    size_t n = w->len - start;
    if (p->wMsgSize == n + 4)
        n += 4;
    if (n > UINT16_MAX)
        return wrdp_writer_fail(w, "licensing message: %zu bytes do not fit wMsgSize", n);
    wrdp_wr_put_u16le_at(w, start + 2, (uint16_t)n);
    return wrdp_writer_status(w);
}

/* ---- Server License Request --------------------------------------------- */
int wrdp_license_server_request_decode(wrdp_cursor *c, wrdp_license_server_request *out)
{
    if (msg_begin(c, &out->preamble, WRDP_LICENSE_REQUEST) != WRDP_OK)
        return WRDP_ERR;
    wrdp_rd_copy(c, out->ServerRandom, sizeof out->ServerRandom, "ServerRandom");
    if (wrdp_license_product_info_decode(c, &out->ProductInfo) != WRDP_OK ||
        wrdp_license_key_exchange_list_decode(c, &out->KeyExchangeList) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->ServerCertificate) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_license_scope_list_decode(c, &out->ScopeList);
}

int wrdp_license_server_request_encode(const wrdp_license_server_request *in, wrdp_writer *w)
{
    size_t start = msg_start(w, &in->preamble, WRDP_LICENSE_REQUEST);
    wrdp_wr_bytes(w, in->ServerRandom, sizeof in->ServerRandom);
    if (wrdp_license_product_info_encode(&in->ProductInfo, w) != WRDP_OK ||
        wrdp_license_key_exchange_list_encode(&in->KeyExchangeList, w) != WRDP_OK ||
        wrdp_license_blob_encode(&in->ServerCertificate, w) != WRDP_OK ||
        wrdp_license_scope_list_encode(&in->ScopeList, w) != WRDP_OK)
        return WRDP_ERR;
    return msg_finish(w, start, &in->preamble);
}

/* ---- Server Platform Challenge ------------------------------------------ */
int wrdp_license_server_platform_challenge_decode(wrdp_cursor *c, wrdp_license_server_platform_challenge *out)
{
    if (msg_begin(c, &out->preamble, WRDP_PLATFORM_CHALLENGE) != WRDP_OK)
        return WRDP_ERR;
    out->ConnectFlags = wrdp_rd_u32le(c, "ConnectFlags");
    if (wrdp_license_blob_decode(c, &out->EncryptedPlatformChallenge) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_rd_copy(c, out->MACData, sizeof out->MACData, "MACData");
}

int wrdp_license_server_platform_challenge_encode(const wrdp_license_server_platform_challenge *in,
                                                  wrdp_writer *w)
{
    size_t start = msg_start(w, &in->preamble, WRDP_PLATFORM_CHALLENGE);
    wrdp_wr_u32le(w, in->ConnectFlags);
    if (wrdp_license_blob_encode(&in->EncryptedPlatformChallenge, w) != WRDP_OK)
        return WRDP_ERR;
    wrdp_wr_bytes(w, in->MACData, sizeof in->MACData);
    return msg_finish(w, start, &in->preamble);
}

/* ---- Server New License / Upgrade License -------------------------------- */
static int new_license_decode(wrdp_cursor *c, wrdp_license_server_new_license *out, uint8_t type)
{
    if (msg_begin(c, &out->preamble, type) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->EncryptedLicenseInfo) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_rd_copy(c, out->MACData, sizeof out->MACData, "MACData");
}

static int new_license_encode(const wrdp_license_server_new_license *in, wrdp_writer *w, uint8_t type)
{
    size_t start = msg_start(w, &in->preamble, type);
    if (wrdp_license_blob_encode(&in->EncryptedLicenseInfo, w) != WRDP_OK)
        return WRDP_ERR;
    wrdp_wr_bytes(w, in->MACData, sizeof in->MACData);
    return msg_finish(w, start, &in->preamble);
}

int wrdp_license_server_new_license_decode(wrdp_cursor *c, wrdp_license_server_new_license *out)
{
    return new_license_decode(c, out, WRDP_NEW_LICENSE);
}

int wrdp_license_server_new_license_encode(const wrdp_license_server_new_license *in, wrdp_writer *w)
{
    return new_license_encode(in, w, WRDP_NEW_LICENSE);
}

int wrdp_license_server_upgrade_license_decode(wrdp_cursor *c, wrdp_license_server_upgrade_license *out)
{
    return new_license_decode(c, out, WRDP_UPGRADE_LICENSE);
}

int wrdp_license_server_upgrade_license_encode(const wrdp_license_server_upgrade_license *in, wrdp_writer *w)
{
    return new_license_encode(in, w, WRDP_UPGRADE_LICENSE);
}

/* ---- Licensing Error Message -------------------------------------------- */
int wrdp_license_error_message_decode(wrdp_cursor *c, wrdp_license_error_message *out)
{
    if (msg_begin(c, &out->preamble, WRDP_ERROR_ALERT) != WRDP_OK)
        return WRDP_ERR;
    out->dwErrorCode = wrdp_rd_u32le(c, "dwErrorCode");
    out->dwStateTransition = wrdp_rd_u32le(c, "dwStateTransition");
    return wrdp_license_blob_decode(c, &out->bbErrorInfo);
}

int wrdp_license_error_message_encode(const wrdp_license_error_message *in, wrdp_writer *w)
{
    size_t start = msg_start(w, &in->preamble, WRDP_ERROR_ALERT);
    wrdp_wr_u32le(w, in->dwErrorCode);
    wrdp_wr_u32le(w, in->dwStateTransition);
    if (wrdp_license_blob_encode(&in->bbErrorInfo, w) != WRDP_OK)
        return WRDP_ERR;
    return msg_finish(w, start, &in->preamble);
}

bool wrdp_license_error_message_is_valid_client(const wrdp_license_error_message *m)
{
    return m->preamble.bMsgType == WRDP_ERROR_ALERT && m->dwErrorCode == WRDP_STATUS_VALID_CLIENT &&
           m->dwStateTransition == WRDP_ST_NO_TRANSITION;
}

void wrdp_license_error_message_valid_client(wrdp_license_error_message *m)
{
    memset(m, 0, sizeof *m);
    m->preamble.bMsgType = WRDP_ERROR_ALERT;
    m->preamble.flags = WRDP_PREAMBLE_VERSION_3_0;
    m->dwErrorCode = WRDP_STATUS_VALID_CLIENT;
    m->dwStateTransition = WRDP_ST_NO_TRANSITION;
    m->bbErrorInfo.wBlobType = WRDP_BB_ERROR_BLOB;
}

/* ---- Client New License Request ------------------------------------------ */
int wrdp_license_client_new_license_request_decode(wrdp_cursor *c, wrdp_license_client_new_license_request *out)
{
    if (msg_begin(c, &out->preamble, WRDP_NEW_LICENSE_REQUEST) != WRDP_OK)
        return WRDP_ERR;
    out->PreferredKeyExchangeAlg = wrdp_rd_u32le(c, "PreferredKeyExchangeAlg");
    out->PlatformId = wrdp_rd_u32le(c, "PlatformId");
    wrdp_rd_copy(c, out->ClientRandom, sizeof out->ClientRandom, "ClientRandom");
    if (wrdp_license_blob_decode(c, &out->EncryptedPreMasterSecret) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->ClientUserName) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_license_blob_decode(c, &out->ClientMachineName);
}

int wrdp_license_client_new_license_request_encode(const wrdp_license_client_new_license_request *in,
                                                   wrdp_writer *w)
{
    size_t start = msg_start(w, &in->preamble, WRDP_NEW_LICENSE_REQUEST);
    wrdp_wr_u32le(w, in->PreferredKeyExchangeAlg);
    wrdp_wr_u32le(w, in->PlatformId);
    wrdp_wr_bytes(w, in->ClientRandom, sizeof in->ClientRandom);
    if (wrdp_license_blob_encode(&in->EncryptedPreMasterSecret, w) != WRDP_OK ||
        wrdp_license_blob_encode(&in->ClientUserName, w) != WRDP_OK ||
        wrdp_license_blob_encode(&in->ClientMachineName, w) != WRDP_OK)
        return WRDP_ERR;
    return msg_finish(w, start, &in->preamble);
}

/* ---- Client License Information ------------------------------------------ */
int wrdp_license_client_license_info_decode(wrdp_cursor *c, wrdp_license_client_license_info *out)
{
    if (msg_begin(c, &out->preamble, WRDP_LICENSE_INFO) != WRDP_OK)
        return WRDP_ERR;
    out->PreferredKeyExchangeAlg = wrdp_rd_u32le(c, "PreferredKeyExchangeAlg");
    out->PlatformId = wrdp_rd_u32le(c, "PlatformId");
    wrdp_rd_copy(c, out->ClientRandom, sizeof out->ClientRandom, "ClientRandom");
    if (wrdp_license_blob_decode(c, &out->EncryptedPreMasterSecret) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->LicenseInfo) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->EncryptedHWID) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_rd_copy(c, out->MACData, sizeof out->MACData, "MACData");
}

int wrdp_license_client_license_info_encode(const wrdp_license_client_license_info *in, wrdp_writer *w)
{
    size_t start = msg_start(w, &in->preamble, WRDP_LICENSE_INFO);
    wrdp_wr_u32le(w, in->PreferredKeyExchangeAlg);
    wrdp_wr_u32le(w, in->PlatformId);
    wrdp_wr_bytes(w, in->ClientRandom, sizeof in->ClientRandom);
    if (wrdp_license_blob_encode(&in->EncryptedPreMasterSecret, w) != WRDP_OK ||
        wrdp_license_blob_encode(&in->LicenseInfo, w) != WRDP_OK ||
        wrdp_license_blob_encode(&in->EncryptedHWID, w) != WRDP_OK)
        return WRDP_ERR;
    wrdp_wr_bytes(w, in->MACData, sizeof in->MACData);
    return msg_finish(w, start, &in->preamble);
}

/* ---- Client Platform Challenge Response ---------------------------------- */
int wrdp_license_client_platform_challenge_response_decode(wrdp_cursor *c,
                                                           wrdp_license_client_platform_challenge_response *out)
{
    if (msg_begin(c, &out->preamble, WRDP_PLATFORM_CHALLENGE_RESPONSE) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->EncryptedPlatformChallengeResponse) != WRDP_OK ||
        wrdp_license_blob_decode(c, &out->EncryptedHWID) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_rd_copy(c, out->MACData, sizeof out->MACData, "MACData");
}

int wrdp_license_client_platform_challenge_response_encode(
    const wrdp_license_client_platform_challenge_response *in, wrdp_writer *w)
{
    size_t start = msg_start(w, &in->preamble, WRDP_PLATFORM_CHALLENGE_RESPONSE);
    if (wrdp_license_blob_encode(&in->EncryptedPlatformChallengeResponse, w) != WRDP_OK ||
        wrdp_license_blob_encode(&in->EncryptedHWID, w) != WRDP_OK)
        return WRDP_ERR;
    wrdp_wr_bytes(w, in->MACData, sizeof in->MACData);
    return msg_finish(w, start, &in->preamble);
}

/* ---- a whole licensing PDU ------------------------------------------------ */
int wrdp_license_pdu_decode(wrdp_cursor *c, wrdp_license_pdu *out)
{
    if (wrdp_license_security_header_decode(c, &out->flags, &out->flagsHi) != WRDP_OK)
        return WRDP_ERR;
    const uint8_t *t = wrdp_cursor_peek(c, 1, "bMsgType");
    if (!t)
        return WRDP_ERR;
    switch (*t) {
    case WRDP_LICENSE_REQUEST:
        return wrdp_license_server_request_decode(c, &out->u.server_request);
    case WRDP_PLATFORM_CHALLENGE:
        return wrdp_license_server_platform_challenge_decode(c, &out->u.server_platform_challenge);
    case WRDP_NEW_LICENSE:
    case WRDP_UPGRADE_LICENSE:
        return new_license_decode(c, &out->u.server_new_license, *t);
    case WRDP_LICENSE_INFO:
        return wrdp_license_client_license_info_decode(c, &out->u.client_license_info);
    case WRDP_NEW_LICENSE_REQUEST:
        return wrdp_license_client_new_license_request_decode(c, &out->u.client_new_license_request);
    case WRDP_PLATFORM_CHALLENGE_RESPONSE:
        return wrdp_license_client_platform_challenge_response_decode(c,
                                                                      &out->u.client_platform_challenge_response);
    case WRDP_ERROR_ALERT:
        return wrdp_license_error_message_decode(c, &out->u.error_message);
    default:
        return wrdp_cursor_fail(c, "bMsgType", "unknown licensing message type 0x%02x", *t);
    }
}

int wrdp_license_pdu_encode(const wrdp_license_pdu *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->flags);
    wrdp_wr_u16le(w, in->flagsHi);
    uint8_t t = in->u.preamble.bMsgType;
    switch (t) {
    case WRDP_LICENSE_REQUEST:
        return wrdp_license_server_request_encode(&in->u.server_request, w);
    case WRDP_PLATFORM_CHALLENGE:
        return wrdp_license_server_platform_challenge_encode(&in->u.server_platform_challenge, w);
    case WRDP_NEW_LICENSE:
    case WRDP_UPGRADE_LICENSE:
        return new_license_encode(&in->u.server_new_license, w, t);
    case WRDP_LICENSE_INFO:
        return wrdp_license_client_license_info_encode(&in->u.client_license_info, w);
    case WRDP_NEW_LICENSE_REQUEST:
        return wrdp_license_client_new_license_request_encode(&in->u.client_new_license_request, w);
    case WRDP_PLATFORM_CHALLENGE_RESPONSE:
        return wrdp_license_client_platform_challenge_response_encode(&in->u.client_platform_challenge_response, w);
    case WRDP_ERROR_ALERT:
        return wrdp_license_error_message_encode(&in->u.error_message, w);
    default:
        return wrdp_writer_fail(w, "licensing PDU: unknown bMsgType 0x%02x", t);
    }
}
