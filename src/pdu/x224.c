/* TPKT and X.224 class 0 TPDUs (T.123 section 8, X.224 section 13,
 * MS-RDPBCGR 2.2.1.1, 2.2.1.2). */
#include <string.h>

#include "webrdp/pdu.h"

#define CR_FIXED 6 /* code, dstRef, srcRef, classOption: the bytes after the length indicator */
#define X224_LI_MAX 254

/* ---- TPKT ----------------------------------------------------------------- */

int wrdp_tpkt_header_decode(wrdp_cursor *c, wrdp_tpkt_header *out)
{
    out->version = wrdp_rd_u8(c, "tpktHeader.version");
    out->reserved = wrdp_rd_u8(c, "tpktHeader.reserved");
    out->length = wrdp_rd_u16be(c, "tpktHeader.length");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->version != WRDP_TPKT_VERSION)
        return wrdp_cursor_fail(c, "tpktHeader.version", "version %u, expected 3", out->version);
    if (out->length < WRDP_TPKT_HEADER_SIZE)
        return wrdp_cursor_fail(c, "tpktHeader.length", "length %u is shorter than the header", out->length);
    return WRDP_OK;
}

int wrdp_tpkt_header_encode(const wrdp_tpkt_header *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, in->version);
    wrdp_wr_u8(w, in->reserved);
    wrdp_wr_u16be(w, in->length);
    return wrdp_writer_status(w);
}

int wrdp_tpkt_frame_length(const uint8_t *data, size_t len, size_t *frame_len)
{
    *frame_len = 0;
    if (len < WRDP_TPKT_HEADER_SIZE)
        return WRDP_OK;
    if (data[0] != WRDP_TPKT_VERSION)
        return WRDP_ERR;
    size_t n = (size_t)data[2] << 8 | data[3];
    if (n < WRDP_TPKT_HEADER_SIZE)
        return WRDP_ERR;
    *frame_len = n;
    return WRDP_OK;
}

/* Reads the TPKT header (reserved must be 0 so that re-encoding is exact) and
 * splits the rest of the packet off as `body`. */
static int read_tpkt(wrdp_cursor *c, wrdp_cursor *body, size_t min_body)
{
    wrdp_tpkt_header h;
    if (wrdp_tpkt_header_decode(c, &h)) {
        wrdp_cursor_sub(c, 0, body, "tpkt");
        return WRDP_ERR;
    }
    if (h.reserved != 0 || h.length < WRDP_TPKT_HEADER_SIZE + min_body) {
        if (h.reserved)
            wrdp_cursor_fail(c, "tpktHeader.reserved", "reserved byte is %u, expected 0", h.reserved);
        else
            wrdp_cursor_fail(c, "tpktHeader.length", "length %u is too short", h.length);
        wrdp_cursor_sub(c, 0, body, "tpkt");
        return WRDP_ERR;
    }
    return wrdp_cursor_sub(c, h.length - WRDP_TPKT_HEADER_SIZE, body, "tpkt payload");
}

/* Writes the TPKT header with a zero length; patched by end_tpkt. */
static size_t begin_tpkt(wrdp_writer *w)
{
    size_t mark = w->len;
    wrdp_wr_u8(w, WRDP_TPKT_VERSION);
    wrdp_wr_u8(w, 0);
    wrdp_wr_u16be(w, 0);
    return mark;
}

static int end_tpkt(wrdp_writer *w, size_t mark)
{
    if (w->failed)
        return WRDP_ERR;
    size_t n = w->len - mark;
    if (n > 0xFFFF)
        return wrdp_writer_fail(w, "TPKT packet of %zu bytes exceeds 65535", n);
    wrdp_wr_put_u16be_at(w, mark + 2, (uint16_t)n);
    return wrdp_writer_status(w);
}

/* Length indicator and code of a TPDU whose header fills the whole packet. */
static int read_li_code(wrdp_cursor *b, uint8_t code, size_t min_li, const char *what)
{
    uint8_t li = wrdp_rd_u8(b, "x224.lengthIndicator");
    uint8_t got = wrdp_rd_u8(b, "x224.code");
    if (!wrdp_cursor_ok(b))
        return WRDP_ERR;
    if (got != code)
        return wrdp_cursor_fail(b, "x224.code", "TPDU code 0x%02X, expected 0x%02X (%s)", got, code, what);
    if (li < min_li || (size_t)li + 1 != b->len)
        return wrdp_cursor_fail(b, "x224.lengthIndicator", "length indicator %u does not match the %zu-byte TPDU",
                                li, b->len);
    return WRDP_OK;
}

static void read_conn_tpdu(wrdp_cursor *b, wrdp_x224_connection_tpdu *t)
{
    t->dstRef = wrdp_rd_u16be(b, "dstRef");
    t->srcRef = wrdp_rd_u16be(b, "srcRef");
    t->classOption = wrdp_rd_u8(b, "classOption");
}

static void write_conn_tpdu(wrdp_writer *w, uint8_t code, const wrdp_x224_connection_tpdu *t)
{
    wrdp_wr_u8(w, 0); /* length indicator, patched */
    wrdp_wr_u8(w, code);
    wrdp_wr_u16be(w, t->dstRef);
    wrdp_wr_u16be(w, t->srcRef);
    wrdp_wr_u8(w, t->classOption);
}

/* Patches the length indicator at li_pos: everything after it. */
static int patch_li(wrdp_writer *w, size_t li_pos)
{
    if (w->failed)
        return WRDP_ERR;
    size_t li = w->len - li_pos - 1;
    if (li > X224_LI_MAX)
        return wrdp_writer_fail(w, "X.224 header of %zu bytes exceeds the length indicator's 254", li);
    wrdp_wr_put_u8_at(w, li_pos, (uint8_t)li);
    return WRDP_OK;
}

/* ---- negotiation structures ------------------------------------------------ */

static int read_neg_header(wrdp_cursor *c, uint8_t type, uint16_t length, uint8_t *flags, const char *what)
{
    uint8_t t = wrdp_rd_u8(c, "type");
    *flags = wrdp_rd_u8(c, "flags");
    uint16_t len = wrdp_rd_u16le(c, "length");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (t != type)
        return wrdp_cursor_fail(c, "type", "%s type %u, expected %u", what, t, type);
    if (len != length)
        return wrdp_cursor_fail(c, "length", "%s length %u, expected %u", what, len, length);
    return WRDP_OK;
}

static void write_neg8(wrdp_writer *w, uint8_t type, uint8_t flags, uint32_t value)
{
    wrdp_wr_u8(w, type);
    wrdp_wr_u8(w, flags);
    wrdp_wr_u16le(w, WRDP_RDP_NEG_LENGTH);
    wrdp_wr_u32le(w, value);
}

int wrdp_rdp_neg_req_decode(wrdp_cursor *c, wrdp_rdp_neg_req *out)
{
    if (read_neg_header(c, WRDP_TYPE_RDP_NEG_REQ, WRDP_RDP_NEG_LENGTH, &out->flags, "RDP_NEG_REQ"))
        return WRDP_ERR;
    out->requestedProtocols = wrdp_rd_u32le(c, "requestedProtocols");
    return wrdp_cursor_status(c);
}

int wrdp_rdp_neg_req_encode(const wrdp_rdp_neg_req *in, wrdp_writer *w)
{
    write_neg8(w, WRDP_TYPE_RDP_NEG_REQ, in->flags, in->requestedProtocols);
    return wrdp_writer_status(w);
}

int wrdp_rdp_neg_rsp_decode(wrdp_cursor *c, wrdp_rdp_neg_rsp *out)
{
    if (read_neg_header(c, WRDP_TYPE_RDP_NEG_RSP, WRDP_RDP_NEG_LENGTH, &out->flags, "RDP_NEG_RSP"))
        return WRDP_ERR;
    out->selectedProtocol = wrdp_rd_u32le(c, "selectedProtocol");
    return wrdp_cursor_status(c);
}

int wrdp_rdp_neg_rsp_encode(const wrdp_rdp_neg_rsp *in, wrdp_writer *w)
{
    write_neg8(w, WRDP_TYPE_RDP_NEG_RSP, in->flags, in->selectedProtocol);
    return wrdp_writer_status(w);
}

int wrdp_rdp_neg_failure_decode(wrdp_cursor *c, wrdp_rdp_neg_failure *out)
{
    if (read_neg_header(c, WRDP_TYPE_RDP_NEG_FAILURE, WRDP_RDP_NEG_LENGTH, &out->flags, "RDP_NEG_FAILURE"))
        return WRDP_ERR;
    out->failureCode = wrdp_rd_u32le(c, "failureCode");
    return wrdp_cursor_status(c);
}

int wrdp_rdp_neg_failure_encode(const wrdp_rdp_neg_failure *in, wrdp_writer *w)
{
    write_neg8(w, WRDP_TYPE_RDP_NEG_FAILURE, in->flags, in->failureCode);
    return wrdp_writer_status(w);
}

int wrdp_rdp_neg_correlation_info_decode(wrdp_cursor *c, wrdp_rdp_neg_correlation_info *out)
{
    if (read_neg_header(c, WRDP_TYPE_RDP_CORRELATION_INFO, WRDP_RDP_CORRELATION_INFO_LENGTH, &out->flags,
                        "RDP_NEG_CORRELATION_INFO"))
        return WRDP_ERR;
    wrdp_rd_copy(c, out->correlationId, sizeof out->correlationId, "correlationId");
    wrdp_rd_copy(c, out->reserved, sizeof out->reserved, "reserved");
    return wrdp_cursor_status(c);
}

int wrdp_rdp_neg_correlation_info_encode(const wrdp_rdp_neg_correlation_info *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, WRDP_TYPE_RDP_CORRELATION_INFO);
    wrdp_wr_u8(w, in->flags);
    wrdp_wr_u16le(w, WRDP_RDP_CORRELATION_INFO_LENGTH);
    wrdp_wr_bytes(w, in->correlationId, sizeof in->correlationId);
    wrdp_wr_bytes(w, in->reserved, sizeof in->reserved);
    return wrdp_writer_status(w);
}

const char *wrdp_neg_failure_text(uint32_t code)
{
    switch (code) {
    case WRDP_SSL_REQUIRED_BY_SERVER:
        return "The server requires TLS security (SSL_REQUIRED_BY_SERVER); enable TLS or NLA in the security settings";
    case WRDP_SSL_NOT_ALLOWED_BY_SERVER:
        return "The server only allows Standard RDP Security and refuses TLS (SSL_NOT_ALLOWED_BY_SERVER); allow RDP "
               "security or change the server's security layer";
    case WRDP_SSL_CERT_NOT_ON_SERVER:
        return "The server has no usable TLS certificate (SSL_CERT_NOT_ON_SERVER); fix the server's certificate or "
               "allow Standard RDP Security";
    case WRDP_INCONSISTENT_FLAGS:
        return "The requested security protocols are inconsistent with the security already in effect "
               "(INCONSISTENT_FLAGS)";
    case WRDP_HYBRID_REQUIRED_BY_SERVER:
        return "The server requires Network Level Authentication (CredSSP); enable NLA";
    case WRDP_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER:
        return "The server requires TLS with client certificate authentication "
               "(SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER), which this client does not offer";
    default:
        return "The server refused the security negotiation with an unknown failure code";
    }
}

/* ---- cookie and routing token ---------------------------------------------- */

static int starts_with(const wrdp_cursor *c, const char *prefix)
{
    size_t n = strlen(prefix);
    return wrdp_cursor_remaining(c) >= n && memcmp(c->data + c->pos, prefix, n) == 0;
}

/* Offset of the first CR LF at or after the cursor position, or -1. */
static long find_crlf(const wrdp_cursor *c)
{
    for (size_t i = c->pos; i + 1 < c->len; i++)
        if (c->data[i] == 0x0D && c->data[i + 1] == 0x0A)
            return (long)(i - c->pos);
    return -1;
}

/* Reads `prefix` VALUE CR LF; see the header. */
static int read_line(wrdp_cursor *c, const char *prefix, wrdp_bytes *value, const char *field)
{
    value->data = NULL;
    value->len = 0;
    if (c->failed)
        return WRDP_ERR;
    if (!starts_with(c, prefix))
        return 0;
    long at = find_crlf(c);
    size_t n = strlen(prefix);
    if (at < (long)n)
        return wrdp_cursor_fail(c, field, "no CR LF terminates the %s", field);
    wrdp_rd_skip(c, n, field);
    wrdp_rd_bytes(c, (size_t)at - n, value, field);
    wrdp_rd_skip(c, 2, field);
    return wrdp_cursor_ok(c) ? 1 : WRDP_ERR;
}

int wrdp_x224_read_cookie(wrdp_cursor *c, wrdp_bytes *value)
{
    return read_line(c, WRDP_X224_COOKIE_PREFIX, value, "cookie");
}

int wrdp_x224_read_routing_token(wrdp_cursor *c, wrdp_bytes *value)
{
    return read_line(c, WRDP_X224_ROUTING_TOKEN_PREFIX, value, "routingToken");
}

static int cookie_char_ok(uint8_t ch) { return ch >= 0x20 && ch <= 0x7E; }

/* ---- Connection Request ------------------------------------------------------ */

int wrdp_x224_connection_request_decode(wrdp_cursor *c, wrdp_x224_connection_request *out)
{
    memset(out, 0, sizeof *out);
    wrdp_cursor b;
    if (read_tpkt(c, &b, 1 + CR_FIXED))
        return WRDP_ERR;
    if (read_li_code(&b, WRDP_X224_TPDU_CONNECTION_REQUEST, CR_FIXED, "Connection Request"))
        return WRDP_ERR;
    read_conn_tpdu(&b, &out->x224Crq);
    if (!wrdp_cursor_ok(&b))
        return WRDP_ERR;
    if (wrdp_cursor_remaining(&b) > 0 && b.data[b.pos] != WRDP_TYPE_RDP_NEG_REQ) {
        int found = wrdp_x224_read_cookie(&b, &out->cookie);
        if (found < 0)
            return WRDP_ERR;
        if (found) {
            for (size_t i = 0; i < out->cookie.len; i++)
                if (!cookie_char_ok(out->cookie.data[i]))
                    return wrdp_cursor_fail(&b, "cookie", "byte 0x%02X is not printable ASCII", out->cookie.data[i]);
            if (out->cookie.len == 0)
                return wrdp_cursor_fail(&b, "cookie", "empty mstshash identifier");
        } else {
            long at = find_crlf(&b);
            if (at < 0)
                return wrdp_cursor_fail(&b, "routingToken", "no CR LF terminates the routing token");
            wrdp_rd_bytes(&b, (size_t)at + 2, &out->routingToken, "routingToken");
        }
    }
    if (wrdp_cursor_remaining(&b) > 0) {
        uint8_t type = b.data[b.pos];
        if (type != WRDP_TYPE_RDP_NEG_REQ)
            return wrdp_cursor_fail(&b, "rdpNegReq", "negotiation type %u, expected RDP_NEG_REQ (1)", type);
        if (wrdp_rdp_neg_req_decode(&b, &out->rdpNegReq))
            return WRDP_ERR;
        out->hasRdpNegReq = true;
        if (out->rdpNegReq.flags & WRDP_CORRELATION_INFO_PRESENT)
            if (wrdp_rdp_neg_correlation_info_decode(&b, &out->rdpCorrelationInfo))
                return WRDP_ERR;
    }
    return wrdp_cursor_expect_end(&b);
}

static int check_routing_token(const wrdp_bytes *t, wrdp_writer *w)
{
    const uint8_t *d = t->data;
    size_t n = t->len;
    if (n < 2 || !d || d[n - 2] != 0x0D || d[n - 1] != 0x0A)
        return wrdp_writer_fail(w, "x224_connection_request: routingToken must end with CR LF");
    for (size_t i = 0; i + 2 < n; i++)
        if (d[i] == 0x0D && d[i + 1] == 0x0A)
            return wrdp_writer_fail(w, "x224_connection_request: routingToken has a CR LF before its end");
    size_t pl = strlen(WRDP_X224_COOKIE_PREFIX);
    if (d[0] == WRDP_TYPE_RDP_NEG_REQ || (n >= pl && memcmp(d, WRDP_X224_COOKIE_PREFIX, pl) == 0))
        return wrdp_writer_fail(w, "x224_connection_request: routingToken would read back as a cookie or RDP_NEG_REQ");
    return WRDP_OK;
}

int wrdp_x224_connection_request_encode(const wrdp_x224_connection_request *in, wrdp_writer *w)
{
    if (in->routingToken.len && in->cookie.len)
        return wrdp_writer_fail(w, "x224_connection_request: routingToken and cookie are mutually exclusive");
    if (in->routingToken.len && check_routing_token(&in->routingToken, w))
        return WRDP_ERR;
    for (size_t i = 0; i < in->cookie.len; i++)
        if (!cookie_char_ok(in->cookie.data[i]))
            return wrdp_writer_fail(w, "x224_connection_request: cookie byte 0x%02X is not printable ASCII",
                                    in->cookie.data[i]);
    size_t mark = begin_tpkt(w);
    size_t li_pos = w->len;
    write_conn_tpdu(w, WRDP_X224_TPDU_CONNECTION_REQUEST, &in->x224Crq);
    if (in->routingToken.len)
        wrdp_wr_bytes(w, in->routingToken.data, in->routingToken.len);
    if (in->cookie.len) {
        wrdp_wr_bytes(w, WRDP_X224_COOKIE_PREFIX, strlen(WRDP_X224_COOKIE_PREFIX));
        wrdp_wr_bytes(w, in->cookie.data, in->cookie.len);
        wrdp_wr_bytes(w, "\r\n", 2);
    }
    if (in->hasRdpNegReq) {
        wrdp_rdp_neg_req_encode(&in->rdpNegReq, w);
        if (in->rdpNegReq.flags & WRDP_CORRELATION_INFO_PRESENT)
            wrdp_rdp_neg_correlation_info_encode(&in->rdpCorrelationInfo, w);
    }
    if (patch_li(w, li_pos))
        return WRDP_ERR;
    return end_tpkt(w, mark);
}

/* ---- Connection Confirm --------------------------------------------------------- */

int wrdp_x224_connection_confirm_decode(wrdp_cursor *c, wrdp_x224_connection_confirm *out)
{
    memset(out, 0, sizeof *out);
    wrdp_cursor b;
    if (read_tpkt(c, &b, 1 + CR_FIXED))
        return WRDP_ERR;
    if (read_li_code(&b, WRDP_X224_TPDU_CONNECTION_CONFIRM, CR_FIXED, "Connection Confirm"))
        return WRDP_ERR;
    read_conn_tpdu(&b, &out->x224Ccf);
    if (!wrdp_cursor_ok(&b))
        return WRDP_ERR;
    if (wrdp_cursor_remaining(&b) > 0) {
        uint8_t type = b.data[b.pos];
        if (type == WRDP_TYPE_RDP_NEG_RSP) {
            if (wrdp_rdp_neg_rsp_decode(&b, &out->rdpNegRsp))
                return WRDP_ERR;
        } else if (type == WRDP_TYPE_RDP_NEG_FAILURE) {
            if (wrdp_rdp_neg_failure_decode(&b, &out->rdpNegFailure))
                return WRDP_ERR;
        } else {
            return wrdp_cursor_fail(&b, "rdpNegData", "negotiation type %u, expected RDP_NEG_RSP (2) or "
                                    "RDP_NEG_FAILURE (3)", type);
        }
        out->rdpNegDataType = type;
    }
    return wrdp_cursor_expect_end(&b);
}

int wrdp_x224_connection_confirm_encode(const wrdp_x224_connection_confirm *in, wrdp_writer *w)
{
    if (in->rdpNegDataType != 0 && in->rdpNegDataType != WRDP_TYPE_RDP_NEG_RSP &&
        in->rdpNegDataType != WRDP_TYPE_RDP_NEG_FAILURE)
        return wrdp_writer_fail(w, "x224_connection_confirm: rdpNegDataType %u is not 0, 2 or 3", in->rdpNegDataType);
    size_t mark = begin_tpkt(w);
    size_t li_pos = w->len;
    write_conn_tpdu(w, WRDP_X224_TPDU_CONNECTION_CONFIRM, &in->x224Ccf);
    if (in->rdpNegDataType == WRDP_TYPE_RDP_NEG_RSP)
        wrdp_rdp_neg_rsp_encode(&in->rdpNegRsp, w);
    else if (in->rdpNegDataType == WRDP_TYPE_RDP_NEG_FAILURE)
        wrdp_rdp_neg_failure_encode(&in->rdpNegFailure, w);
    if (patch_li(w, li_pos))
        return WRDP_ERR;
    return end_tpkt(w, mark);
}

/* ---- Data TPDU ------------------------------------------------------------------- */

int wrdp_x224_data_decode(wrdp_cursor *c, wrdp_x224_data *out)
{
    out->userData.data = NULL;
    out->userData.len = 0;
    wrdp_cursor b;
    if (read_tpkt(c, &b, 3))
        return WRDP_ERR;
    uint8_t li = wrdp_rd_u8(&b, "x224.lengthIndicator");
    uint8_t code = wrdp_rd_u8(&b, "x224.code");
    uint8_t eot = wrdp_rd_u8(&b, "x224.eot");
    if (!wrdp_cursor_ok(&b))
        return WRDP_ERR;
    if (code != WRDP_X224_TPDU_DATA)
        return wrdp_cursor_fail(&b, "x224.code", "TPDU code 0x%02X, expected 0x%02X (Data)", code, WRDP_X224_TPDU_DATA);
    if (li != 2)
        return wrdp_cursor_fail(&b, "x224.lengthIndicator", "length indicator %u, expected 2", li);
    if (eot != WRDP_X224_DATA_EOT)
        return wrdp_cursor_fail(&b, "x224.eot", "0x%02X: only single-TPDU data (EOT, number 0) is used by RDP", eot);
    out->userData = wrdp_rd_rest(&b);
    return wrdp_cursor_status(&b);
}

size_t wrdp_x224_data_begin(wrdp_writer *w)
{
    size_t mark = begin_tpkt(w);
    wrdp_wr_u8(w, 2);
    wrdp_wr_u8(w, WRDP_X224_TPDU_DATA);
    wrdp_wr_u8(w, WRDP_X224_DATA_EOT);
    return mark;
}

int wrdp_x224_data_end(wrdp_writer *w, size_t mark)
{
    return end_tpkt(w, mark);
}

int wrdp_x224_data_encode(const wrdp_x224_data *in, wrdp_writer *w)
{
    size_t mark = wrdp_x224_data_begin(w);
    if (in->userData.len)
        wrdp_wr_bytes(w, in->userData.data, in->userData.len);
    return wrdp_x224_data_end(w, mark);
}

/* ---- Disconnect Request ---------------------------------------------------------- */

int wrdp_x224_disconnect_request_decode(wrdp_cursor *c, wrdp_x224_disconnect_request *out)
{
    memset(out, 0, sizeof *out);
    wrdp_cursor b;
    if (read_tpkt(c, &b, 7))
        return WRDP_ERR;
    if (read_li_code(&b, WRDP_X224_TPDU_DISCONNECT_REQUEST, 6, "Disconnect Request"))
        return WRDP_ERR;
    out->dstRef = wrdp_rd_u16be(&b, "dstRef");
    out->srcRef = wrdp_rd_u16be(&b, "srcRef");
    out->reason = wrdp_rd_u8(&b, "reason");
    out->variablePart = wrdp_rd_rest(&b);
    return wrdp_cursor_status(&b);
}

int wrdp_x224_disconnect_request_encode(const wrdp_x224_disconnect_request *in, wrdp_writer *w)
{
    size_t mark = begin_tpkt(w);
    size_t li_pos = w->len;
    wrdp_wr_u8(w, 0);
    wrdp_wr_u8(w, WRDP_X224_TPDU_DISCONNECT_REQUEST);
    wrdp_wr_u16be(w, in->dstRef);
    wrdp_wr_u16be(w, in->srcRef);
    wrdp_wr_u8(w, in->reason);
    if (in->variablePart.len)
        wrdp_wr_bytes(w, in->variablePart.data, in->variablePart.len);
    if (patch_li(w, li_pos))
        return WRDP_ERR;
    return end_tpkt(w, mark);
}
