/* Slow-path plumbing of the connection sequence: the security header (basic, or
 * encrypted and signed under Standard RDP Security, MS-RDPBCGR 2.2.8.1.1.2) and the
 * MCS Send Data Request / Indication around every PDU, the tear-down PDUs that
 * end the sequence, and fast-path PDUs that may arrive early. */
#include <string.h>

#include "connector_internal.h"

/* ---- sending ------------------------------------------------------------------- */

wrdp_writer *wrdp_conn_body(wrdp_connector *c)
{
    if (c->body.len)
        wrdp_wipe(c->body.data, c->body.len); /* the Client Info holds a password */
    wrdp_writer_reset(&c->body);
    return &c->body;
}

int wrdp_conn_send_mcs(wrdp_connector *c, const wrdp_mcs_domain_pdu *pdu, wrdp_writer *out)
{
    size_t mark = wrdp_x224_data_begin(out);
    if (wrdp_mcs_domain_pdu_encode(pdu, out) || wrdp_x224_data_end(out, mark)) {
        if (out->err && out->err != &c->err)
            c->err = *out->err;
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "cannot frame an MCS PDU");
    }
    return WRDP_OK;
}

static bool fips(const wrdp_connector *c)
{
    return c->sec.method == WRDP_ENCRYPTION_METHOD_FIPS;
}

/* Writes [security header] + body into c->payload. */
static int wrap(wrdp_connector *c, uint16_t sec_flags, bool encrypt)
{
    wrdp_writer *p = &c->payload;
    const wrdp_writer *b = &c->body;
    if (p->len)
        wrdp_wipe(p->data, p->len);
    wrdp_writer_reset(p);
    if (sec_flags == WRDP_CONN_SEC_RAW) {
        wrdp_wr_bytes(p, b->data, b->len);
        return wrdp_writer_status(p);
    }
    if (!(encrypt && c->encrypting)) {
        /* a basic header for the PDUs that need one, or for all under Standard RDP Security */
        if (sec_flags || c->security_headers) {
            wrdp_basic_security_header h = {sec_flags, 0};
            wrdp_basic_security_header_encode(&h, p);
        }
        wrdp_wr_bytes(p, b->data, b->len);
        return wrdp_writer_status(p);
    }
    size_t hdr = fips(c) ? 16 : 12;
    wrdp_wr_u16le(p, (uint16_t)(sec_flags | WRDP_SEC_ENCRYPT));
    wrdp_wr_u16le(p, 0);
    if (fips(c)) {
        wrdp_wr_u16le(p, 0x10);
        wrdp_wr_u8(p, WRDP_TSFIPS_VERSION1);
        wrdp_wr_u8(p, 0); /* padlen, patched below */
    }
    wrdp_wr_fill(p, 0, 8); /* dataSignature, patched below */
    wrdp_wr_bytes(p, b->data, b->len);
    wrdp_wr_fill(p, 0, 8); /* room for the FIPS padding */
    if (wrdp_writer_status(p))
        return WRDP_ERR;
    size_t len = b->len;
    uint8_t sig[8], pad = 0;
    if (wrdp_rdp_security_encrypt(&c->sec, p->data + hdr, &len, len + 8, false, sig, &pad, &c->err))
        return WRDP_ERR;
    memcpy(p->data + hdr - 8, sig, 8);
    if (fips(c))
        p->data[7] = pad; /* padlen: byte 7 of the FIPS header */
    p->len = hdr + len;
    return WRDP_OK;
}

int wrdp_conn_send(wrdp_connector *c, uint16_t channel_id, uint16_t sec_flags, bool encrypt, wrdp_writer *out)
{
    if (wrdp_writer_status(&c->body))
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "cannot encode a PDU: %s", c->err.message);
    if (wrap(c, sec_flags, encrypt))
        return wrdp_conn_fail_err(c);
    if (c->payload.len > WRDP_MCS_USER_DATA_MAX)
        return wrdp_conn_fail(c, WRDP_ERROR_LIMIT, "a %zu-byte PDU does not fit one MCS Send Data Request",
                              c->payload.len);
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_SEND_DATA_REQUEST;
    pdu.u.sendData.initiator = c->result.user_channel_id;
    pdu.u.sendData.channelId = channel_id;
    pdu.u.sendData.dataPriority = WRDP_MCS_PRIORITY_HIGH;
    pdu.u.sendData.segmentation = WRDP_MCS_SEGMENTATION_BEGIN | WRDP_MCS_SEGMENTATION_END;
    pdu.u.sendData.userData.data = c->payload.data;
    pdu.u.sendData.userData.len = c->payload.len;
    int r = wrdp_conn_send_mcs(c, &pdu, out);
    wrdp_wipe(c->payload.data, c->payload.len);
    return r;
}

/* ---- receiving ------------------------------------------------------------------- */

int wrdp_conn_fail_disconnect(wrdp_connector *c, const char *why)
{
    if (c->error_info) {
        const char *name = wrdp_error_info_name(c->error_info);
        return wrdp_conn_fail_code(c, WRDP_ERROR_SERVER_DISCONNECT, c->error_info,
                                   "the server disconnected: %s (%s 0x%08X)", wrdp_error_info_text(c->error_info),
                                   name ? name : "error info", (unsigned)c->error_info);
    }
    return wrdp_conn_fail(c, WRDP_ERROR_SERVER_DISCONNECT, "the server disconnected: %s", why);
}

static int copy_rx(wrdp_connector *c, const uint8_t *data, size_t len)
{
    if (len > WRDP_CONN_FRAME_MAX)
        return wrdp_conn_fail(c, WRDP_ERROR_LIMIT, "a %zu-byte frame is larger than any RDP frame", len);
    if (c->rx_cap < len) {
        uint8_t *n = wrdp_realloc(c->rx, WRDP_CONN_FRAME_MAX);
        if (!n)
            return wrdp_conn_fail(c, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
        c->rx = n;
        c->rx_cap = WRDP_CONN_FRAME_MAX;
    }
    if (len)
        memcpy(c->rx, data, len);
    return WRDP_OK;
}

/* An X.224 Disconnect Request in place of a Data TPDU ends the connection. */
bool wrdp_conn_is_disconnect_request(const uint8_t *frame, size_t len)
{
    return len >= 6 && frame[0] == WRDP_TPKT_VERSION && (frame[5] & 0xF0) == WRDP_X224_TPDU_DISCONNECT_REQUEST;
}

static int read_mcs(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_mcs_domain_pdu *pdu)
{
    if (wrdp_conn_is_disconnect_request(frame, len)) {
        wrdp_cursor cur;
        wrdp_x224_disconnect_request dr;
        wrdp_cursor_init(&cur, frame, len, "X.224 Disconnect Request", &c->err);
        if (wrdp_x224_disconnect_request_decode(&cur, &dr))
            return wrdp_conn_fail_err(c);
        return wrdp_conn_fail_disconnect(c, "X.224 Disconnect Request");
    }
    wrdp_cursor cur;
    wrdp_x224_data data;
    wrdp_cursor_init(&cur, frame, len, "X.224 Data", &c->err);
    if (wrdp_x224_data_decode(&cur, &data) || wrdp_cursor_expect_end(&cur))
        return wrdp_conn_fail_err(c);
    wrdp_cursor mcs;
    wrdp_cursor_init(&mcs, data.userData.data, data.userData.len, "MCS", &c->err);
    mcs.base = WRDP_X224_DATA_HEADER_SIZE;
    if (wrdp_mcs_domain_pdu_decode(&mcs, pdu))
        return wrdp_conn_fail_err(c);
    if (pdu->type == WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM)
        return wrdp_conn_fail_disconnect(c, wrdp_mcs_reason_text(pdu->u.disconnectProviderUltimatum.reason));
    return WRDP_OK;
}

int wrdp_conn_recv_mcs(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_mcs_domain_pdu *pdu)
{
    return read_mcs(c, frame, len, pdu);
}

/* Decrypts in place after the flags: [FIPS info] signature data. */
static int decrypt(wrdp_connector *c, wrdp_cursor *cur, bool salted, bool fips_info, wrdp_bytes *out)
{
    uint8_t pad = 0;
    if (fips_info) {
        uint16_t flen = wrdp_rd_u16le(cur, "length");
        uint8_t version = wrdp_rd_u8(cur, "version");
        pad = wrdp_rd_u8(cur, "padlen");
        if (wrdp_cursor_ok(cur) && (flen != 0x10 || version != WRDP_TSFIPS_VERSION1 || pad > 7))
            return wrdp_cursor_fail(cur, "FIPS header", "length %u, version %u, padlen %u", flen, version, pad);
    }
    wrdp_bytes sigv;
    wrdp_rd_bytes(cur, 8, &sigv, "dataSignature");
    if (!wrdp_cursor_ok(cur))
        return WRDP_ERR;
    uint8_t sig[8];
    memcpy(sig, sigv.data, 8);
    wrdp_bytes rest = wrdp_rd_rest(cur);
    size_t n = rest.len;
    if (wrdp_rdp_security_decrypt(&c->sec, (uint8_t *)rest.data, &n, salted, sig, pad, &c->err))
        return WRDP_ERR;
    out->data = rest.data;
    out->len = n;
    return WRDP_OK;
}

static int recv_fastpath(wrdp_connector *c, size_t len, wrdp_conn_in *in)
{
    wrdp_cursor cur;
    wrdp_fastpath_output_header h;
    wrdp_cursor_init(&cur, c->rx, len, "fast-path update", &c->err);
    if (wrdp_fastpath_output_header_decode(&cur, &h))
        return wrdp_conn_fail_err(c);
    if (h.length != len)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "fast-path update: length %u in a %zu-byte frame", h.length,
                              len);
    in->kind = WRDP_CONN_IN_FASTPATH;
    if (!(h.flags & WRDP_FASTPATH_OUTPUT_ENCRYPTED)) {
        in->data = wrdp_rd_rest(&cur);
        return WRDP_OK;
    }
    /* even an update the connector ignores advances the RC4 stream: decrypt it */
    if (!c->encrypting)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "an encrypted fast-path update without Standard RDP Security");
    if (decrypt(c, &cur, h.flags & WRDP_FASTPATH_OUTPUT_SECURE_CHECKSUM, fips(c), &in->data))
        return wrdp_conn_fail_err(c);
    return WRDP_OK;
}

/* Without Standard RDP Security, a Share Control PDU has no security header, while
 * licensing, auto-detect and multitransport PDUs have a basic one: tell them apart
 * by the Share Control header's protocol version and PDU type. */
static bool looks_like_share_control(const uint8_t *p, size_t len)
{
    if (len < 4)
        return false;
    uint16_t total = (uint16_t)(p[0] | p[1] << 8);
    uint16_t type = (uint16_t)(p[2] | p[3] << 8);
    if (total == 0x8000)
        return true; /* flow PDU */
    if ((type & 0xFFF0) != WRDP_TS_PROTOCOL_VERSION)
        return false;
    switch (type & 0xF) {
    case WRDP_PDUTYPE_DEMANDACTIVEPDU:
    case WRDP_PDUTYPE_CONFIRMACTIVEPDU:
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

int wrdp_conn_recv(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_conn_in *in)
{
    memset(in, 0, sizeof *in);
    if (len == 0)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "an empty frame");
    if (frame[0] != WRDP_TPKT_VERSION) {
        if (copy_rx(c, frame, len))
            return WRDP_ERR;
        return recv_fastpath(c, len, in);
    }
    wrdp_mcs_domain_pdu pdu;
    if (read_mcs(c, frame, len, &pdu))
        return WRDP_ERR;
    if (pdu.type != WRDP_MCS_SEND_DATA_INDICATION)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "expected an MCS Send Data Indication, got MCS PDU type %u",
                              pdu.type);
    const wrdp_mcs_send_data *sd = &pdu.u.sendData;
    in->channel_id = sd->channelId;
    bool message = c->result.message_channel_id && sd->channelId == c->result.message_channel_id;
    if (sd->channelId != c->result.io_channel_id && !message && sd->channelId != c->result.user_channel_id) {
        in->kind = WRDP_CONN_IN_IGNORED; /* static channel data before the session: not ours */
        return WRDP_OK;
    }
    if (sd->segmentation != (WRDP_MCS_SEGMENTATION_BEGIN | WRDP_MCS_SEGMENTATION_END))
        return wrdp_conn_fail(c, WRDP_ERROR_UNSUPPORTED, "a segmented MCS Send Data Indication");
    if (copy_rx(c, sd->userData.data, sd->userData.len))
        return WRDP_ERR;
    size_t n = sd->userData.len;
    if (!c->security_headers && !message && looks_like_share_control(c->rx, n)) {
        in->kind = WRDP_CONN_IN_SHARE_CONTROL;
        in->data.data = c->rx;
        in->data.len = n;
        return WRDP_OK;
    }
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, c->rx, n, "security header", &c->err);
    in->sec_flags = wrdp_rd_u16le(&cur, "flags");
    wrdp_rd_u16le(&cur, "flagsHi");
    if (!wrdp_cursor_ok(&cur))
        return wrdp_conn_fail_err(c);
    if (in->sec_flags & WRDP_SEC_ENCRYPT) {
        if (!c->encrypting)
            return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "an encrypted PDU before the security exchange");
        if (decrypt(c, &cur, in->sec_flags & WRDP_SEC_SECURE_CHECKSUM, fips(c), &in->data))
            return wrdp_conn_fail_err(c);
    } else {
        in->data = wrdp_rd_rest(&cur);
    }
    if (in->sec_flags & SEC_KINDS)
        in->kind = WRDP_CONN_IN_SECURITY;
    else if (c->security_headers && !message)
        in->kind = looks_like_share_control(in->data.data, in->data.len) ? WRDP_CONN_IN_SHARE_CONTROL
                                                                         : WRDP_CONN_IN_IGNORED;
    else
        in->kind = WRDP_CONN_IN_SECURITY;
    return WRDP_OK;
}
