/* Slow-path input of the active session (MS-RDPBCGR 2.2.8.1.1, 3.2.5.9): TPKT,
 * X.224 Data, MCS Send Data Indication; then, by channel, the security header
 * (decrypted under Standard RDP Security), and either a Share Control PDU (I/O
 * channel: Share Data PDUs, Deactivate All, the reactivation), a security PDU
 * (auto-detect, heartbeat) or static virtual channel data (CHANNEL_PDU_HEADER
 * chunks reassembled into messages). */
#include "session_internal.h"

#define TS_PTRMSGTYPE_SYSTEM 0x0001
#define TS_PTRMSGTYPE_POSITION 0x0003
#define TS_PTRMSGTYPE_COLOR 0x0006
#define TS_PTRMSGTYPE_CACHED 0x0007
#define TS_PTRMSGTYPE_POINTER 0x0008
#define TS_PTRMSGTYPE_LARGE 0x0009
#define SYSPTR_NULL 0x00000000
#define SYSPTR_DEFAULT 0x00007F00
#define UPDATETYPE_ORDERS 0x0000
#define UPDATETYPE_BITMAP 0x0001
#define UPDATETYPE_PALETTE 0x0002
#define UPDATETYPE_SYNCHRONIZE 0x0003

/* ---- decryption ------------------------------------------------------------------- */

int wrdp_sess_decrypt(wrdp_session *s, wrdp_cursor *cur, bool salted, wrdp_bytes *plain)
{
    if (!s->sec)
        return wrdp_cursor_fail(cur, "flags", "an encrypted PDU without Standard RDP Security");
    uint8_t pad = 0;
    if (s->fips) {
        uint16_t flen = wrdp_rd_u16le(cur, "length");
        uint8_t version = wrdp_rd_u8(cur, "version");
        pad = wrdp_rd_u8(cur, "padlen");
        if (wrdp_cursor_ok(cur) && (flen != 0x10 || version != WRDP_TSFIPS_VERSION1 || pad > 7))
            return wrdp_cursor_fail(cur, "FIPS header", "length %u, version %u, padlen %u", flen, version, pad);
    }
    wrdp_bytes sigv;
    if (wrdp_rd_bytes(cur, 8, &sigv, "dataSignature"))
        return WRDP_ERR;
    uint8_t sig[8];
    memcpy(sig, sigv.data, 8);
    wrdp_bytes rest = wrdp_rd_rest(cur);
    size_t n = rest.len;
    if (wrdp_rdp_security_decrypt(s->sec, (uint8_t *)rest.data, &n, salted, sig, pad, &s->err))
        return WRDP_ERR;
    plain->data = rest.data;
    plain->len = n;
    return WRDP_OK;
}

/* ---- static virtual channels ----------------------------------------------------------- */

static wrdp_session_channel *find_channel(wrdp_session *s, uint16_t id)
{
    for (size_t i = 0; i < s->channel_count; i++)
        if (s->channels[i].id == id)
            return &s->channels[i];
    return NULL;
}

static int channel_data(wrdp_session *s, wrdp_session_channel *ch, const uint8_t *data, size_t len)
{
    wrdp_cursor cur;
    wrdp_channel_pdu_header h;
    wrdp_cursor_init(&cur, data, len, "Virtual Channel PDU", &s->err);
    if (wrdp_channel_pdu_header_decode(&cur, &h))
        return wrdp_sess_fail_err(s);
    wrdp_bytes chunk = wrdp_rd_rest(&cur);
    if (h.flags & WRDP_CHANNEL_PACKET_COMPRESSED) {
        if (wrdp_sess_decompress(s, chunk.data, chunk.len, (uint8_t)(h.flags >> 16), &chunk))
            return WRDP_ERR;
    } else if (h.flags & WRDP_CHANNEL_PACKET_FLUSHED) {
        /* an uncompressed chunk may still reset the history */
        if (s->bulk && wrdp_sess_decompress(s, chunk.data, chunk.len, (uint8_t)(h.flags >> 16), &chunk))
            return WRDP_ERR;
    }
    if (h.flags & WRDP_CHANNEL_FLAG_FIRST) {
        if (ch->active)
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE,
                                  "channel %u: a first chunk while a %zu-byte message was incomplete", ch->id,
                                  ch->total);
        if (h.length > s->cfg.memory_limit / 4 || h.length > WRDP_SESSION_FRAGMENTS_MAX)
            return wrdp_sess_fail(s, WRDP_ERROR_LIMIT, "channel %u: a %u-byte message is too large", ch->id,
                                  (unsigned)h.length);
        ch->active = true;
        ch->total = h.length;
        ch->len = 0;
    } else if (!ch->active) {
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "channel %u: a chunk without a first chunk", ch->id);
    }
    if (chunk.len > ch->total - ch->len)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "channel %u: chunks longer than the %zu-byte message", ch->id,
                              ch->total);
    if (chunk.len) {
        if (wrdp_sess_reserve(s, &ch->buf, &ch->cap, ch->total))
            return WRDP_ERR;
        memcpy(ch->buf + ch->len, chunk.data, chunk.len);
        ch->len += chunk.len;
    }
    if (!(h.flags & WRDP_CHANNEL_FLAG_LAST))
        return WRDP_OK;
    if (ch->len != ch->total)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "channel %u: the last chunk ends a %zu-byte message at %zu",
                              ch->id, ch->total, ch->len);
    ch->active = false;
    wrdp_free(s->channel_done);
    s->channel_done = ch->buf; /* handed to the event until the next process call */
    ch->buf = NULL;
    s->memory_used -= ch->cap;
    ch->cap = 0;
    wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_CHANNEL_DATA);
    if (!ev)
        return wrdp_sess_fail(s, WRDP_ERROR_LIMIT, "session: too many events queued");
    ev->channel_id = ch->id;
    ev->data.data = s->channel_done;
    ev->data.len = ch->total;
    return WRDP_OK;
}

/* ---- share data ------------------------------------------------------------------------- */

static int pointer_pdu(wrdp_session *s, const uint8_t *p, size_t n)
{
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, p, n, "Pointer PDU", &s->err);
    uint16_t type = wrdp_rd_u16le(&cur, "messageType");
    wrdp_rd_u16le(&cur, "pad2Octets");
    if (!wrdp_cursor_ok(&cur))
        return wrdp_sess_fail_err(s);
    wrdp_bytes rest = {p + cur.pos, n - cur.pos};
    switch (type) {
    case TS_PTRMSGTYPE_SYSTEM: {
        uint32_t sys = wrdp_rd_u32le(&cur, "systemPointerType");
        if (!wrdp_cursor_ok(&cur))
            return wrdp_sess_fail_err(s);
        if (sys == SYSPTR_NULL)
            return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_PTR_NULL, NULL, 0);
        if (sys == SYSPTR_DEFAULT)
            return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_PTR_DEFAULT, NULL, 0);
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Pointer PDU: system pointer type 0x%08x", (unsigned)sys);
    }
    case TS_PTRMSGTYPE_POSITION:
        return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_PTR_POSITION, rest.data, rest.len);
    case TS_PTRMSGTYPE_COLOR:
        return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_COLOR, rest.data, rest.len);
    case TS_PTRMSGTYPE_CACHED:
        return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_CACHED, rest.data, rest.len);
    case TS_PTRMSGTYPE_POINTER:
        return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_POINTER, rest.data, rest.len);
    case TS_PTRMSGTYPE_LARGE:
        return wrdp_sess_pointer_update(s, WRDP_FASTPATH_UPDATETYPE_LARGE_POINTER, rest.data, rest.len);
    default:
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Pointer PDU: message type 0x%04x", type);
    }
}

static int update_pdu(wrdp_session *s, const uint8_t *p, size_t n)
{
    if (n < 2)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Update PDU: %zu bytes, no updateType", n);
    uint16_t type = (uint16_t)(p[0] | p[1] << 8);
    switch (type) {
    case UPDATETYPE_BITMAP:
        return wrdp_sess_bitmap_update(s, p, n);
    case UPDATETYPE_PALETTE:
        return wrdp_sess_palette_update(s, p, n);
    case UPDATETYPE_ORDERS:      /* never advertised */
    case UPDATETYPE_SYNCHRONIZE: /* nothing to do */
        return WRDP_OK;
    default:
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Update PDU: updateType 0x%04x", type);
    }
}

static int save_session_info(wrdp_session *s, wrdp_cursor *cur)
{
    wrdp_save_session_info_pdu *pdu = wrdp_calloc(1, sizeof *pdu);
    if (!pdu)
        return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
    int r = wrdp_save_session_info_pdu_decode(cur, pdu);
    uint32_t type = pdu->data.infoType;
    wrdp_free(pdu);
    if (r)
        return wrdp_sess_fail_err(s);
    wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_LOGON);
    if (ev)
        ev->code = type;
    return WRDP_OK;
}

static int monitor_layout(wrdp_session *s, wrdp_cursor *cur)
{
    wrdp_monitor_layout_pdu ml;
    if (wrdp_monitor_layout_pdu_decode(cur, &ml))
        return wrdp_sess_fail_err(s);
    s->monitor_count = ml.monitorCount < WRDP_MONITOR_LAYOUT_MAX ? ml.monitorCount : WRDP_MONITOR_LAYOUT_MAX;
    for (size_t i = 0; i < s->monitor_count; i++) {
        s->monitors[i].left = ml.monitorDefArray[i].left;
        s->monitors[i].top = ml.monitorDefArray[i].top;
        s->monitors[i].right = ml.monitorDefArray[i].right;
        s->monitors[i].bottom = ml.monitorDefArray[i].bottom;
        s->monitors[i].flags = ml.monitorDefArray[i].flags;
    }
    wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_MONITOR_LAYOUT);
    if (ev)
        ev->code = (uint32_t)s->monitor_count;
    return WRDP_OK;
}

/* pdu: the whole Share Data PDU, uncompressed (headers included). */
static int share_data(wrdp_session *s, const uint8_t *pdu, size_t len, uint8_t type2)
{
    const size_t hdr = 18;
    const uint8_t *p = pdu + hdr;
    size_t n = len - hdr;
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, pdu, len, "Share Data PDU", &s->err);
    switch (type2) {
    case WRDP_PDUTYPE2_UPDATE:
        return update_pdu(s, p, n);
    case WRDP_PDUTYPE2_POINTER:
        return pointer_pdu(s, p, n);
    case WRDP_PDUTYPE2_SET_ERROR_INFO_PDU: {
        wrdp_set_error_info_pdu e;
        if (wrdp_set_error_info_pdu_decode(&cur, &e))
            return wrdp_sess_fail_err(s);
        if (e.errorInfo == 0)
            return WRDP_OK; /* ERRINFO_NONE */
        wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_ERROR_INFO);
        if (ev)
            ev->code = e.errorInfo;
        /* a server sends it just before it disconnects: the session is over */
        return wrdp_sess_terminate(s, e.errorInfo, NULL);
    }
    case WRDP_PDUTYPE2_SAVE_SESSION_INFO:
        return save_session_info(s, &cur);
    case WRDP_PDUTYPE2_SHUTDOWN_DENIED: {
        wrdp_shutdown_denied_pdu d;
        if (wrdp_shutdown_denied_pdu_decode(&cur, &d))
            return wrdp_sess_fail_err(s);
        wrdp_sess_push(s, WRDP_SESSION_EVENT_SHUTDOWN_DENIED);
        return WRDP_OK;
    }
    case WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU:
        return monitor_layout(s, &cur);
    default:
        /* synchronize, control, font map (late finalization), keyboard indicators,
         * IME status, play sound, status info: nothing the picture depends on */
        return WRDP_OK;
    }
}

static int reactivation(wrdp_session *s, const uint8_t *pdu, size_t len, wrdp_writer *out)
{
    if (wrdp_connector_reactivation_pdu(s->conn, pdu, len, out)) {
        s->err = *wrdp_connector_error(s->conn);
        return wrdp_sess_fail_err(s);
    }
    if (!wrdp_connector_is_connected(s->conn))
        return WRDP_OK;
    s->deactivated = false;
    if (wrdp_sess_apply_caps(s))
        return WRDP_ERR;
    /* the new desktop starts black: everything is damaged */
    memset(s->image.data, 0, s->image.stride * s->image.height);
    wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_REACTIVATED);
    if (ev) {
        ev->width = (uint16_t)s->image.width;
        ev->height = (uint16_t)s->image.height;
    }
    wrdp_sess_damage(s, 0, 0, (int32_t)s->image.width, (int32_t)s->image.height);
    return WRDP_OK;
}

static void deactivate(wrdp_session *s)
{
    if (!s->deactivated)
        wrdp_sess_push(s, WRDP_SESSION_EVENT_DEACTIVATED);
    s->deactivated = true;
    wrdp_sess_codecs_reset(s);
    s->frag_code = -1;
    s->frag_len = 0;
    wrdp_connector_deactivate(s->conn);
}

static int share_control(wrdp_session *s, const uint8_t *pdu, size_t len, wrdp_writer *out)
{
    if (len >= 2 && (pdu[0] | pdu[1] << 8) == 0x8000)
        return WRDP_OK; /* flow PDU */
    wrdp_cursor cur;
    wrdp_share_control_header h;
    wrdp_cursor_init(&cur, pdu, len, "Share Control PDU", &s->err);
    if (wrdp_share_control_header_decode(&cur, &h))
        return wrdp_sess_fail_err(s);
    if (h.totalLength < 6 || h.totalLength > len)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Share Control PDU: totalLength %u in %zu bytes", h.totalLength,
                              len);
    len = h.totalLength;
    switch (h.pduType & 0xF) {
    case WRDP_PDUTYPE_DEACTIVATEALLPDU: {
        /* xrdp (0.9, on a display control resize) sends the Share Control header alone; FreeRDP's
         * client accepts that too. Nothing after the header is used. */
        wrdp_deactivate_all_pdu d;
        wrdp_cursor_init(&cur, pdu, len, "Deactivate All PDU", &s->err);
        if (len > 6 && wrdp_deactivate_all_pdu_decode(&cur, &d))
            return wrdp_sess_fail_err(s);
        deactivate(s);
        return WRDP_OK;
    }
    case WRDP_PDUTYPE_DEMANDACTIVEPDU:
        /* a Demand Active without a Deactivate All first still restarts the activation */
        deactivate(s);
        return reactivation(s, pdu, len, out);
    case WRDP_PDUTYPE_DATAPDU:
        break;
    case WRDP_PDUTYPE_SERVER_REDIR_PKT:
        return wrdp_sess_fail(s, WRDP_ERROR_UNSUPPORTED, "the server redirects the connection (not supported yet)");
    default:
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Share Control PDU type 0x%x", h.pduType);
    }
    wrdp_share_data_header d;
    if (wrdp_share_data_header_decode(&cur, &d))
        return wrdp_sess_fail_err(s);
    if (s->deactivated)
        return reactivation(s, pdu, len, out);
    if (!(d.compressedType & WRDP_PACKET_COMPRESSED) && !(d.compressedType & WRDP_PACKET_FLUSHED))
        return share_data(s, pdu, len, d.pduType2);
    /* decompress the payload, then put the headers back in front of it (uncompressed)
     * so that the PDU decoders read a whole PDU */
    wrdp_bytes plain;
    if (wrdp_sess_decompress(s, pdu + 18, len - 18, d.compressedType, &plain))
        return WRDP_ERR;
    if (plain.len > 0xFFFF - 18)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "Share Data PDU: %zu bytes decompressed", plain.len);
    uint8_t *whole = wrdp_alloc(18 + plain.len);
    if (!whole)
        return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
    memcpy(whole, pdu, 18);
    memcpy(whole + 18, plain.data, plain.len);
    whole[0] = (uint8_t)(18 + plain.len);
    whole[1] = (uint8_t)((18 + plain.len) >> 8);
    whole[15] = 0; /* compressedType */
    whole[16] = whole[17] = 0;
    int r = share_data(s, whole, 18 + plain.len, d.pduType2);
    wrdp_free(whole);
    return r;
}

/* ---- security PDUs ------------------------------------------------------------------------ */

static int security_pdu(wrdp_session *s, uint16_t channel, uint16_t flags, const uint8_t *p, size_t n,
                        wrdp_writer *out)
{
    if (flags & WRDP_SEC_AUTODETECT_REQ) {
        if (wrdp_connector_autodetect(s->conn, channel, p, n, out)) {
            s->err = *wrdp_connector_error(s->conn);
            return wrdp_sess_fail_err(s);
        }
        return WRDP_OK;
    }
    if (flags & WRDP_SEC_REDIRECTION_PKT)
        return wrdp_sess_fail(s, WRDP_ERROR_UNSUPPORTED, "the server redirects the connection (not supported yet)");
    /* heartbeats, late licensing or multitransport PDUs: nothing to answer */
    return WRDP_OK;
}

/* ---- the frame ------------------------------------------------------------------------------ */

static bool looks_like_share_control(const uint8_t *p, size_t len)
{
    if (len < 4)
        return false;
    uint16_t total = (uint16_t)(p[0] | p[1] << 8);
    uint16_t type = (uint16_t)(p[2] | p[3] << 8);
    if (total == 0x8000)
        return true;
    if ((type & 0xFFF0) != WRDP_TS_PROTOCOL_VERSION)
        return false;
    switch (type & 0xF) {
    case WRDP_PDUTYPE_DEMANDACTIVEPDU:
    case WRDP_PDUTYPE_DEACTIVATEALLPDU:
    case WRDP_PDUTYPE_DATAPDU:
    case WRDP_PDUTYPE_SERVER_REDIR_PKT:
        return total >= 6 && total <= len;
    default:
        return false;
    }
}

#define SEC_KINDS                                                                                           \
    (WRDP_SEC_EXCHANGE_PKT | WRDP_SEC_TRANSPORT_REQ | WRDP_SEC_INFO_PKT | WRDP_SEC_LICENSE_PKT |           \
     WRDP_SEC_REDIRECTION_PKT | WRDP_SEC_AUTODETECT_REQ | WRDP_SEC_HEARTBEAT)

int wrdp_sess_slowpath(wrdp_session *s, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    if (len >= 6 && (frame[5] & 0xF0) == WRDP_X224_TPDU_DISCONNECT_REQUEST) {
        wrdp_sess_terminate(s, 0, "X.224 Disconnect Request");
        return WRDP_OK;
    }
    wrdp_cursor cur;
    wrdp_x224_data data;
    wrdp_cursor_init(&cur, frame, len, "X.224 Data", &s->err);
    if (wrdp_x224_data_decode(&cur, &data) || wrdp_cursor_expect_end(&cur))
        return wrdp_sess_fail_err(s);
    wrdp_cursor mcs;
    wrdp_mcs_domain_pdu pdu;
    wrdp_cursor_init(&mcs, data.userData.data, data.userData.len, "MCS", &s->err);
    mcs.base = WRDP_X224_DATA_HEADER_SIZE;
    if (wrdp_mcs_domain_pdu_decode(&mcs, &pdu))
        return wrdp_sess_fail_err(s);
    if (pdu.type == WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM) {
        wrdp_sess_terminate(s, 0, wrdp_mcs_reason_text(pdu.u.disconnectProviderUltimatum.reason));
        return WRDP_OK;
    }
    if (pdu.type != WRDP_MCS_SEND_DATA_INDICATION)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "expected an MCS Send Data Indication, got MCS PDU type %u",
                              pdu.type);
    const wrdp_mcs_send_data *sd = &pdu.u.sendData;
    if (sd->segmentation != (WRDP_MCS_SEGMENTATION_BEGIN | WRDP_MCS_SEGMENTATION_END))
        return wrdp_sess_fail(s, WRDP_ERROR_UNSUPPORTED, "a segmented MCS Send Data Indication");
    uint16_t channel = sd->channelId;
    bool io = channel == s->io_channel;
    bool message = s->message_channel && channel == s->message_channel;
    wrdp_session_channel *vc = (io || message) ? NULL : find_channel(s, channel);
    if (!io && !message && !vc && channel != s->user_channel)
        return WRDP_OK; /* a channel we did not join */
    if (wrdp_sess_reserve(s, &s->rx, &s->rx_cap, sd->userData.len ? sd->userData.len : 1))
        return WRDP_ERR;
    memcpy(s->rx, sd->userData.data, sd->userData.len);
    size_t n = sd->userData.len;
    bool headers = wrdp_connector_security_headers(s->conn);
    if (!headers && !message) {
        if (vc)
            return channel_data(s, vc, s->rx, n);
        if (looks_like_share_control(s->rx, n))
            return share_control(s, s->rx, n, out);
    }
    wrdp_cursor_init(&cur, s->rx, n, "security header", &s->err);
    uint16_t flags = wrdp_rd_u16le(&cur, "flags");
    wrdp_rd_u16le(&cur, "flagsHi");
    if (!wrdp_cursor_ok(&cur))
        return wrdp_sess_fail_err(s);
    wrdp_bytes body;
    if (flags & WRDP_SEC_ENCRYPT) {
        if (wrdp_sess_decrypt(s, &cur, (flags & WRDP_SEC_SECURE_CHECKSUM) != 0, &body))
            return wrdp_sess_fail_err(s);
    } else {
        body = wrdp_rd_rest(&cur);
    }
    if (flags & SEC_KINDS)
        return security_pdu(s, channel, flags, body.data, body.len, out);
    if (vc)
        return channel_data(s, vc, body.data, body.len);
    if (message)
        return WRDP_OK;
    if (looks_like_share_control(body.data, body.len))
        return share_control(s, body.data, body.len, out);
    return WRDP_OK;
}
