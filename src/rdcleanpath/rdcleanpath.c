/* RDCleanPath PDU: DER decode and encode, framing detection, request building
 * and classification (IronRDP ironrdp-rdcleanpath, Devolutions Gateway). */
#include <string.h>

#include "core/asn1.h"
#include "webrdp/rdcleanpath.h"

/* Field numbers: each is the EXPLICIT context tag [n]. */
enum {
    F_VERSION = 0,
    F_ERROR = 1,
    F_DESTINATION = 2,
    F_PROXY_AUTH = 3,
    F_SERVER_AUTH = 4,
    F_PRECONNECTION_BLOB = 5,
    F_X224_CONNECTION_PDU = 6,
    F_SERVER_CERT_CHAIN = 7,
    F_SERVER_ADDR = 9,
};

enum { E_ERROR_CODE = 0, E_HTTP_STATUS_CODE = 1, E_WSA_LAST_ERROR = 2, E_TLS_ALERT_CODE = 3 };

void wrdp_rdcleanpath_pdu_init(wrdp_rdcleanpath_pdu *pdu)
{
    memset(pdu, 0, sizeof *pdu);
    pdu->version = WRDP_RDCLEANPATH_PDU_VERSION;
}

/* Well-formed UTF-8 as Rust's str requires it: shortest forms, no surrogates, at most U+10FFFF. */
static bool utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t more;
        uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (b >= 0xC2 && b <= 0xDF) {
            more = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            more = 2;
            if (b == 0xE0)
                lo = 0xA0;
            else if (b == 0xED)
                hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            more = 3;
            if (b == 0xF0)
                lo = 0x90;
            else if (b == 0xF4)
                hi = 0x8F;
        } else {
            return false;
        }
        if (n - i <= more)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= more; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        i += more + 1;
    }
    return true;
}

/* ---- decode: DER, so lengths and integers must be in their shortest form ---- */

static int der_expect(wrdp_cursor *c, uint32_t tag, wrdp_cursor *content, const char *field)
{
    size_t start = c->pos;
    uint32_t t;
    size_t len;
    if (wrdp_ber_read_header(c, &t, &len, field) == WRDP_OK) {
        if (t != tag) {
            c->pos = start;
            wrdp_cursor_fail(c, field, "expected tag 0x%02X, found 0x%X", (unsigned)tag, (unsigned)t);
        } else if (c->pos - start != 1 + wrdp_ber_length_size(len)) {
            wrdp_cursor_fail(c, field, "length %zu is not in its shortest (DER) form", len);
        }
    }
    if (!wrdp_cursor_ok(c)) {
        wrdp_cursor_sub(c, 0, content, field); /* a failed, empty content cursor */
        return WRDP_ERR;
    }
    return wrdp_cursor_sub(c, len, content, field);
}

static int der_uint(wrdp_cursor *c, uint64_t max, uint64_t *v, const char *field)
{
    wrdp_cursor in;
    *v = 0;
    if (der_expect(c, WRDP_BER_INTEGER, &in, field))
        return WRDP_ERR;
    if (in.len == 0)
        return wrdp_cursor_fail(&in, field, "empty INTEGER");
    if (in.data[0] & 0x80)
        return wrdp_cursor_fail(&in, field, "negative INTEGER");
    if (in.len > 1 && in.data[0] == 0 && !(in.data[1] & 0x80))
        return wrdp_cursor_fail(&in, field, "INTEGER is not in its shortest (DER) form");
    if (in.len > 9)
        return wrdp_cursor_fail(&in, field, "INTEGER of %zu octets is too large", in.len);
    uint64_t r = 0;
    for (size_t i = 0; i < in.len; i++)
        r = (r << 8) | in.data[i];
    if (r > max)
        return wrdp_cursor_fail(&in, field, "%llu is out of range (at most %llu)", (unsigned long long)r,
                                (unsigned long long)max);
    *v = r;
    return WRDP_OK;
}

/* [n] EXPLICIT: the content cursor of the wrapper, which must then hold one value exactly. */
static int explicit_begin(wrdp_cursor *c, unsigned n, wrdp_cursor *wrapped, const char *field)
{
    return der_expect(c, WRDP_BER_CTX(n), wrapped, field);
}

static int explicit_uint(wrdp_cursor *c, unsigned n, uint64_t max, uint64_t *v, const char *field)
{
    wrdp_cursor x;
    if (explicit_begin(c, n, &x, field) || der_uint(&x, max, v, field))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&x);
}

static int explicit_utf8(wrdp_cursor *c, unsigned n, wrdp_bytes *out, const char *field)
{
    wrdp_cursor x, s;
    if (explicit_begin(c, n, &x, field) || der_expect(&x, WRDP_BER_UTF8_STRING, &s, field))
        return WRDP_ERR;
    if (!utf8_valid(s.data, s.len))
        return wrdp_cursor_fail(&s, field, "UTF8String is not valid UTF-8");
    out->data = s.data;
    out->len = s.len;
    return wrdp_cursor_expect_end(&x);
}

static int explicit_octets(wrdp_cursor *c, unsigned n, wrdp_bytes *out, const char *field)
{
    wrdp_cursor x, s;
    if (explicit_begin(c, n, &x, field) || der_expect(&x, WRDP_BER_OCTET_STRING, &s, field))
        return WRDP_ERR;
    out->data = s.data;
    out->len = s.len;
    return wrdp_cursor_expect_end(&x);
}

static int decode_err(wrdp_cursor *c, wrdp_rdcleanpath_err *e)
{
    wrdp_cursor x, seq;
    uint64_t v;
    if (explicit_begin(c, F_ERROR, &x, "error") || der_expect(&x, WRDP_BER_SEQUENCE, &seq, "error"))
        return WRDP_ERR;
    if (explicit_uint(&seq, E_ERROR_CODE, UINT16_MAX, &v, "error.errorCode"))
        return WRDP_ERR;
    e->error_code = (uint16_t)v;
    if (wrdp_ber_peek_tag(&seq) == WRDP_BER_CTX(E_HTTP_STATUS_CODE)) {
        if (explicit_uint(&seq, E_HTTP_STATUS_CODE, UINT16_MAX, &v, "error.httpStatusCode"))
            return WRDP_ERR;
        e->has_http_status_code = true;
        e->http_status_code = (uint16_t)v;
    }
    if (wrdp_ber_peek_tag(&seq) == WRDP_BER_CTX(E_WSA_LAST_ERROR)) {
        if (explicit_uint(&seq, E_WSA_LAST_ERROR, UINT16_MAX, &v, "error.wsaLastError"))
            return WRDP_ERR;
        e->has_wsa_last_error = true;
        e->wsa_last_error = (uint16_t)v;
    }
    if (wrdp_ber_peek_tag(&seq) == WRDP_BER_CTX(E_TLS_ALERT_CODE)) {
        if (explicit_uint(&seq, E_TLS_ALERT_CODE, UINT8_MAX, &v, "error.tlsAlertCode"))
            return WRDP_ERR;
        e->has_tls_alert_code = true;
        e->tls_alert_code = (uint8_t)v;
    }
    if (wrdp_cursor_remaining(&seq))
        return wrdp_cursor_fail(&seq, "error", "unexpected field with tag 0x%X (or out of order)",
                                (unsigned)wrdp_ber_peek_tag(&seq));
    return wrdp_cursor_expect_end(&x);
}

static int decode_cert_chain(wrdp_cursor *c, wrdp_rdcleanpath_pdu *out)
{
    wrdp_cursor x, seq;
    if (explicit_begin(c, F_SERVER_CERT_CHAIN, &x, "serverCertChain") ||
        der_expect(&x, WRDP_BER_SEQUENCE, &seq, "serverCertChain"))
        return WRDP_ERR;
    while (wrdp_cursor_remaining(&seq)) {
        if (out->server_cert_count == WRDP_RDCLEANPATH_MAX_CERTS)
            return wrdp_cursor_fail(&seq, "serverCertChain", "more than %d certificates", WRDP_RDCLEANPATH_MAX_CERTS);
        wrdp_cursor s;
        if (der_expect(&seq, WRDP_BER_OCTET_STRING, &s, "serverCertChain"))
            return WRDP_ERR;
        out->server_cert_chain[out->server_cert_count].data = s.data;
        out->server_cert_chain[out->server_cert_count].len = s.len;
        out->server_cert_count++;
    }
    return wrdp_cursor_expect_end(&x);
}

static int decode_field(wrdp_cursor *seq, unsigned n, wrdp_rdcleanpath_pdu *out)
{
    switch (n) {
    case F_ERROR:
        out->has_error = true;
        return decode_err(seq, &out->error);
    case F_DESTINATION:
        out->has_destination = true;
        return explicit_utf8(seq, n, &out->destination, "destination");
    case F_PROXY_AUTH:
        out->has_proxy_auth = true;
        return explicit_utf8(seq, n, &out->proxy_auth, "proxyAuth");
    case F_SERVER_AUTH:
        out->has_server_auth = true;
        return explicit_utf8(seq, n, &out->server_auth, "serverAuth");
    case F_PRECONNECTION_BLOB:
        out->has_preconnection_blob = true;
        return explicit_utf8(seq, n, &out->preconnection_blob, "preconnectionBlob");
    case F_X224_CONNECTION_PDU:
        out->has_x224_connection_pdu = true;
        return explicit_octets(seq, n, &out->x224_connection_pdu, "x224ConnectionPdu");
    case F_SERVER_CERT_CHAIN:
        out->has_server_cert_chain = true;
        return decode_cert_chain(seq, out);
    case F_SERVER_ADDR:
        out->has_server_addr = true;
        return explicit_utf8(seq, n, &out->server_addr, "serverAddr");
    default:
        return wrdp_cursor_fail(seq, "field", "unknown field [%u]", n);
    }
}

int wrdp_rdcleanpath_decode(wrdp_cursor *c, wrdp_rdcleanpath_pdu *out)
{
    memset(out, 0, sizeof *out);
    wrdp_cursor seq;
    if (der_expect(c, WRDP_BER_SEQUENCE, &seq, "RDCleanPathPdu") ||
        explicit_uint(&seq, F_VERSION, UINT64_MAX, &out->version, "version"))
        return WRDP_ERR;
    if (out->version != WRDP_RDCLEANPATH_PDU_VERSION)
        return wrdp_cursor_fail(&seq, "version", "RDCleanPath version %llu is not supported (only %u is)",
                                (unsigned long long)out->version, WRDP_RDCLEANPATH_PDU_VERSION);
    unsigned last = F_VERSION;
    while (wrdp_cursor_remaining(&seq)) {
        uint32_t tag = wrdp_ber_peek_tag(&seq);
        if ((tag & ~0x1Fu) != WRDP_BER_CTX(0) || (tag & 0x1F) == 0x1F)
            return wrdp_cursor_fail(&seq, "field", "tag 0x%X is not a context-specific field", (unsigned)tag);
        unsigned n = tag & 0x1F;
        if (n <= last)
            return wrdp_cursor_fail(&seq, "field", "field [%u] repeated or out of order", n);
        last = n;
        if (decode_field(&seq, n, out))
            return WRDP_ERR;
    }
    return wrdp_cursor_status(c);
}

/* ---- encode ---- */

static void put_explicit_uint(wrdp_writer *w, unsigned n, uint64_t v)
{
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_uint(w, v);
    wrdp_ber_end(w, WRDP_BER_CTX(n), m);
}

static void put_explicit_utf8(wrdp_writer *w, unsigned n, wrdp_bytes s, const char *field)
{
    if (s.len && !s.data) {
        wrdp_writer_fail(w, "RDCleanPath %s: %zu bytes without data", field, s.len);
        return;
    }
    if (!utf8_valid(s.data, s.len)) {
        wrdp_writer_fail(w, "RDCleanPath %s is not valid UTF-8", field);
        return;
    }
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_header(w, WRDP_BER_UTF8_STRING, s.len);
    wrdp_wr_bytes(w, s.data, s.len);
    wrdp_ber_end(w, WRDP_BER_CTX(n), m);
}

static void put_octets(wrdp_writer *w, wrdp_bytes b, const char *field)
{
    if (b.len && !b.data) {
        wrdp_writer_fail(w, "RDCleanPath %s: %zu bytes without data", field, b.len);
        return;
    }
    wrdp_ber_write_octet_string(w, b.data, b.len);
}

static void put_err(wrdp_writer *w, const wrdp_rdcleanpath_err *e)
{
    size_t outer = wrdp_ber_begin(w);
    size_t seq = wrdp_ber_begin(w);
    put_explicit_uint(w, E_ERROR_CODE, e->error_code);
    if (e->has_http_status_code)
        put_explicit_uint(w, E_HTTP_STATUS_CODE, e->http_status_code);
    if (e->has_wsa_last_error)
        put_explicit_uint(w, E_WSA_LAST_ERROR, e->wsa_last_error);
    if (e->has_tls_alert_code)
        put_explicit_uint(w, E_TLS_ALERT_CODE, e->tls_alert_code);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, seq);
    wrdp_ber_end(w, WRDP_BER_CTX(F_ERROR), outer);
}

int wrdp_rdcleanpath_encode(const wrdp_rdcleanpath_pdu *in, wrdp_writer *w)
{
    if (in->version != WRDP_RDCLEANPATH_PDU_VERSION)
        return wrdp_writer_fail(w, "RDCleanPath version %llu is not supported (only %u is)",
                                (unsigned long long)in->version, WRDP_RDCLEANPATH_PDU_VERSION);
    if (in->has_server_cert_chain && in->server_cert_count > WRDP_RDCLEANPATH_MAX_CERTS)
        return wrdp_writer_fail(w, "RDCleanPath serverCertChain: %zu certificates, at most %d", in->server_cert_count,
                                WRDP_RDCLEANPATH_MAX_CERTS);
    size_t start = wrdp_ber_begin(w);
    put_explicit_uint(w, F_VERSION, in->version);
    if (in->has_error)
        put_err(w, &in->error);
    if (in->has_destination)
        put_explicit_utf8(w, F_DESTINATION, in->destination, "destination");
    if (in->has_proxy_auth)
        put_explicit_utf8(w, F_PROXY_AUTH, in->proxy_auth, "proxyAuth");
    if (in->has_server_auth)
        put_explicit_utf8(w, F_SERVER_AUTH, in->server_auth, "serverAuth");
    if (in->has_preconnection_blob)
        put_explicit_utf8(w, F_PRECONNECTION_BLOB, in->preconnection_blob, "preconnectionBlob");
    if (in->has_x224_connection_pdu) {
        size_t m = wrdp_ber_begin(w);
        put_octets(w, in->x224_connection_pdu, "x224ConnectionPdu");
        wrdp_ber_end(w, WRDP_BER_CTX(F_X224_CONNECTION_PDU), m);
    }
    if (in->has_server_cert_chain) {
        size_t outer = wrdp_ber_begin(w);
        size_t seq = wrdp_ber_begin(w);
        for (size_t i = 0; i < in->server_cert_count; i++)
            put_octets(w, in->server_cert_chain[i], "serverCertChain");
        wrdp_ber_end(w, WRDP_BER_SEQUENCE, seq);
        wrdp_ber_end(w, WRDP_BER_CTX(F_SERVER_CERT_CHAIN), outer);
    }
    if (in->has_server_addr)
        put_explicit_utf8(w, F_SERVER_ADDR, in->server_addr, "serverAddr");
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, start);
    return wrdp_writer_status(w);
}

/* ---- detect: the outer header and the version, from a possibly partial buffer ---- */

enum { NEED_MORE = 0, GOT = 1 };

/* A DER length at d[*pos]; advances *pos. GOT, NEED_MORE, or WRDP_ERR with *why set. */
static int peek_length(const uint8_t *d, size_t len, size_t *pos, size_t *value, const char **why)
{
    if (*pos >= len)
        return NEED_MORE;
    uint8_t b = d[(*pos)++];
    if (b < 0x80) {
        *value = b;
        return GOT;
    }
    size_t n = b & 0x7F;
    if (n == 0 || n > 4) {
        *why = n == 0 ? "indefinite length" : "length of more than 4 octets";
        return WRDP_ERR;
    }
    if (len - *pos < n)
        return NEED_MORE;
    size_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | d[(*pos)++];
    if (wrdp_ber_length_size(v) != n + 1) {
        *why = "length not in its shortest (DER) form";
        return WRDP_ERR;
    }
    *value = v;
    return GOT;
}

static int detect_fail(wrdp_error *err, wrdp_error_kind kind, const char *why)
{
    return wrdp_error_set(err, kind, "not an RDCleanPath PDU: %s", why);
}

int wrdp_rdcleanpath_detect(const uint8_t *data, size_t len, size_t *total_len, wrdp_error *err)
{
    const char *why = NULL;
    size_t pos = 1, body, total;
    int r;
    *total_len = 0;
    if (len == 0)
        return NEED_MORE;
    if (data[0] != WRDP_BER_SEQUENCE)
        return detect_fail(err, WRDP_ERROR_DECODE, "the first byte is not a DER SEQUENCE tag (0x30)");
    if ((r = peek_length(data, len, &pos, &body, &why)) != GOT)
        return r == NEED_MORE ? NEED_MORE : detect_fail(err, WRDP_ERROR_DECODE, why);
    total = pos + body;
    if (total > WRDP_RDCLEANPATH_MAX_PDU_SIZE)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "RDCleanPath PDU of %zu bytes is larger than the %zu allowed",
                              total, WRDP_RDCLEANPATH_MAX_PDU_SIZE);
    *total_len = total;

    /* version: A0 <len> 02 <n> <n octets>, all inside the announced body */
    size_t avail = len < total ? len : total; /* bytes of this PDU we can look at */
    size_t vlen, ilen;
    if (pos >= total)
        return detect_fail(err, WRDP_ERROR_DECODE, "the SEQUENCE is empty");
    if (pos >= avail)
        return NEED_MORE;
    if (data[pos++] != WRDP_BER_CTX(F_VERSION))
        return detect_fail(err, WRDP_ERROR_DECODE, "the first field is not the version [0]");
    if ((r = peek_length(data, avail, &pos, &vlen, &why)) != GOT)
        return r == NEED_MORE ? (avail < total ? NEED_MORE : detect_fail(err, WRDP_ERROR_DECODE, "truncated version"))
                              : detect_fail(err, WRDP_ERROR_DECODE, why);
    if (vlen > total - pos || vlen < 3 || vlen > 11)
        return detect_fail(err, WRDP_ERROR_DECODE, "the version field has an impossible length");
    size_t vend = pos + vlen;
    if (avail < vend)
        return NEED_MORE;
    if (data[pos++] != WRDP_BER_INTEGER)
        return detect_fail(err, WRDP_ERROR_DECODE, "the version is not an INTEGER");
    ilen = data[pos++];
    if (ilen + 2 != vlen)
        return detect_fail(err, WRDP_ERROR_DECODE, "the version INTEGER does not fill its field");
    uint64_t v = 0;
    for (size_t i = 0; i < ilen; i++) {
        if (v >> 56)
            return detect_fail(err, WRDP_ERROR_DECODE, "the version is too large");
        v = (v << 8) | data[pos++];
    }
    if (v != WRDP_RDCLEANPATH_PDU_VERSION) {
        if (err)
            wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "RDCleanPath version %llu is not supported (only %u is)",
                           (unsigned long long)v, WRDP_RDCLEANPATH_PDU_VERSION);
        return WRDP_ERR;
    }
    return len >= total ? GOT : NEED_MORE;
}

/* ---- requests and classification ---- */

static bool blank(wrdp_bytes s)
{
    for (size_t i = 0; i < s.len; i++)
        if (s.data[i] != ' ' && s.data[i] != '\t' && s.data[i] != '\r' && s.data[i] != '\n')
            return false;
    return true;
}

static wrdp_bytes cstr(const char *s)
{
    wrdp_bytes b = {(const uint8_t *)s, strlen(s)};
    return b;
}

int wrdp_rdcleanpath_request_init(wrdp_rdcleanpath_pdu *pdu, const char *destination, const char *proxy_auth,
                                  const uint8_t *x224, size_t x224_len, const char *preconnection_blob,
                                  wrdp_error *err)
{
    wrdp_rdcleanpath_pdu_init(pdu);
    if (!destination || !proxy_auth)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "RDCleanPath request: %s is required",
                              destination ? "proxy_auth (the gateway token)" : "destination");
    if (!x224 && x224_len)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "RDCleanPath request: %zu X.224 bytes without data",
                              x224_len);
    pdu->has_destination = true;
    pdu->destination = cstr(destination);
    pdu->has_proxy_auth = true;
    pdu->proxy_auth = cstr(proxy_auth);
    if (preconnection_blob) {
        pdu->has_preconnection_blob = true;
        pdu->preconnection_blob = cstr(preconnection_blob);
    }
    if (x224) {
        pdu->has_x224_connection_pdu = true;
        pdu->x224_connection_pdu.data = x224;
        pdu->x224_connection_pdu.len = x224_len;
    } else if (!preconnection_blob || blank(pdu->preconnection_blob)) {
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                              "RDCleanPath request: needs an X.224 Connection Request or, for a Hyper-V VM, "
                              "a non-blank preconnection blob");
    }
    return WRDP_OK;
}

static wrdp_rdcleanpath_type missing(wrdp_error *err, const char *what, const char *field)
{
    wrdp_error_set(err, WRDP_ERROR_DECODE, "RDCleanPath %s is missing %s", what, field);
    return WRDP_RDCLEANPATH_INVALID;
}

wrdp_rdcleanpath_type wrdp_rdcleanpath_classify(const wrdp_rdcleanpath_pdu *pdu, wrdp_error *err)
{
    if (pdu->has_destination) {
        if (!pdu->has_proxy_auth)
            return missing(err, "request", "proxy_auth");
        if (!pdu->has_x224_connection_pdu) {
            if (!pdu->has_preconnection_blob)
                return missing(err, "request", "x224_connection_pdu (or a vmconnect preconnection_blob)");
            if (blank(pdu->preconnection_blob))
                return missing(err, "request", "x224_connection_pdu (its vmconnect preconnection_blob is blank)");
        }
        return WRDP_RDCLEANPATH_REQUEST;
    }
    if (pdu->has_server_addr) {
        if (!pdu->has_server_cert_chain)
            return missing(err, "response", "server_cert_chain");
        return WRDP_RDCLEANPATH_RESPONSE;
    }
    if (!pdu->has_error)
        return missing(err, "PDU", "error (it is neither a request nor a response)");
    if (pdu->error.error_code == WRDP_RDCLEANPATH_NEGOTIATION_ERROR_CODE && pdu->has_x224_connection_pdu)
        return WRDP_RDCLEANPATH_NEGOTIATION_ERROR;
    return WRDP_RDCLEANPATH_GENERAL_ERROR;
}

const char *wrdp_rdcleanpath_type_name(wrdp_rdcleanpath_type type)
{
    switch (type) {
    case WRDP_RDCLEANPATH_REQUEST:
        return "request";
    case WRDP_RDCLEANPATH_RESPONSE:
        return "response";
    case WRDP_RDCLEANPATH_GENERAL_ERROR:
        return "general-error";
    case WRDP_RDCLEANPATH_NEGOTIATION_ERROR:
        return "negotiation-error";
    default:
        return "invalid";
    }
}
