/* TPKT / X.224: field values of every vector (IronRDP's decoded_fields and
 * [MS-RDPBCGR] 4.1.1-4.1.2), re-encoding, building from structs, the cookie and
 * routing-token readers, every truncation, and the negotiation failure texts. */
#include "pdu/kind.h"
#include "test.h"

static uint8_t *load(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "vectors/pdu/%s", name);
    return test_read_file(path, len);
}

/* Decodes a whole vector as `kind`, checks it consumed everything and re-encodes identically. */
static void check_roundtrip(const char *kind, const uint8_t *data, size_t len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK(k != NULL);
    if (!k)
        return;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t used = 0;
    int rc = wrdp_pdu_kind_roundtrip(k, data, len, &w, &used, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", kind, err.message);
    CHECK_EQ(used, len);
    CHECK_MSG(w.len == len && memcmp(w.data, data, len) == 0, "%s: re-encoding differs", kind);
    wrdp_writer_free(&w);
}

/* Every proper prefix must fail with a decode error naming the PDU. */
static void check_truncations(const char *kind, const uint8_t *data, size_t len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    if (!k)
        return;
    for (size_t n = 0; n < len; n++) {
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        size_t used = 0;
        int rc = wrdp_pdu_kind_roundtrip(k, data, n, &w, &used, &err);
        CHECK_MSG(rc == WRDP_ERR, "%s: prefix of %zu bytes decoded", kind, n);
        CHECK_MSG(err.kind == WRDP_ERROR_DECODE || err.kind == WRDP_ERROR_LIMIT, "%s: prefix %zu: kind %s", kind, n,
                  wrdp_error_kind_name(err.kind));
        CHECK_MSG(strstr(err.message, kind) != NULL, "%s: message does not name the PDU: %s", kind, err.message);
        wrdp_writer_free(&w);
    }
}

static int decode_cr(const uint8_t *data, size_t len, wrdp_x224_connection_request *cr, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "x224_connection_request", err);
    int rc = wrdp_x224_connection_request_decode(&c, cr);
    return rc == WRDP_OK && c.pos == len ? WRDP_OK : WRDP_ERR;
}

static int decode_cc(const uint8_t *data, size_t len, wrdp_x224_connection_confirm *cc, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "x224_connection_confirm", err);
    int rc = wrdp_x224_connection_confirm_decode(&c, cc);
    return rc == WRDP_OK && c.pos == len ? WRDP_OK : WRDP_ERR;
}

static int bytes_eq(wrdp_bytes b, const char *s) { return b.len == strlen(s) && memcmp(b.data, s, b.len) == 0; }

struct cr_case {
    const char *file;
    const char *cookie;       /* NULL: none */
    uint8_t flags;
    uint32_t protocols;
    int correlation;
};

static void test_connection_requests(void)
{
    static const struct cr_case cases[] = {
        {"x224/nego_connection_request_rdp_security_without_cookie.bin", NULL, 0, 0, 0},
        {"x224/nego_connection_request_rdp_security_with_cookie.bin", "User", 0, 0, 0},
        {"x224/nego_connection_request_ssl_security_with_cookie.bin", "User", 0,
         WRDP_PROTOCOL_HYBRID | WRDP_PROTOCOL_SSL, 0},
        {"x224/nego_connection_request_ssl_security_with_flags.bin", "User",
         WRDP_RESTRICTED_ADMIN_MODE_REQUIRED | WRDP_REDIRECTED_AUTHENTICATION_MODE_REQUIRED,
         WRDP_PROTOCOL_HYBRID | WRDP_PROTOCOL_SSL, 0},
        {"x224/nego_connection_request_with_correlation_info.bin", NULL, WRDP_CORRELATION_INFO_PRESENT,
         WRDP_PROTOCOL_SSL, 1},
        {"x224/nego_connection_request_with_cookie_and_correlation_info.bin", "User", WRDP_CORRELATION_INFO_PRESENT,
         WRDP_PROTOCOL_SSL, 1},
        {"spec41/x224_connection_request.bin", "eltons", 0, WRDP_PROTOCOL_RDP, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct cr_case *t = &cases[i];
        size_t len;
        uint8_t *data = load(t->file, &len);
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_x224_connection_request cr;
        CHECK_MSG(decode_cr(data, len, &cr, &err) == WRDP_OK, "%s: %s", t->file, err.message);
        CHECK_EQ(cr.x224Crq.dstRef, 0);
        CHECK_EQ(cr.x224Crq.srcRef, 0);
        CHECK_EQ(cr.x224Crq.classOption, 0);
        CHECK_EQ(cr.routingToken.len, 0);
        if (t->cookie)
            CHECK_MSG(bytes_eq(cr.cookie, t->cookie), "%s: cookie", t->file);
        else
            CHECK_EQ(cr.cookie.len, 0);
        CHECK(cr.hasRdpNegReq);
        CHECK_EQ(cr.rdpNegReq.flags, t->flags);
        CHECK_EQ(cr.rdpNegReq.requestedProtocols, t->protocols);
        if (t->correlation) {
            uint8_t ones[16], zeros[16];
            memset(ones, 1, sizeof ones);
            memset(zeros, 0, sizeof zeros);
            CHECK_MEM(cr.rdpCorrelationInfo.correlationId, ones, 16);
            CHECK_MEM(cr.rdpCorrelationInfo.reserved, zeros, 16);
            CHECK_EQ(cr.rdpCorrelationInfo.flags, 0);
        }
        check_roundtrip("x224_connection_request", data, len);
        check_truncations("x224_connection_request", data, len);
        free(data);
    }

    /* The unexpected negotiation type must fail and say so. */
    size_t len;
    uint8_t *data = load("x224/err_connection_request_neg_type_3.bin", &len);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_x224_connection_request cr;
    CHECK(decode_cr(data, len, &cr, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK(strstr(err.message, "rdpNegReq") != NULL);
    free(data);
}

static void test_build_connection_request(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);

    /* cookie + RDP_NEG_REQ: the same bytes as the IronRDP vector */
    wrdp_x224_connection_request cr;
    memset(&cr, 0, sizeof cr);
    cr.cookie.data = (const uint8_t *)"User";
    cr.cookie.len = 4;
    cr.hasRdpNegReq = true;
    cr.rdpNegReq.requestedProtocols = WRDP_PROTOCOL_HYBRID | WRDP_PROTOCOL_SSL;
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_OK);
    size_t len;
    uint8_t *data = load("x224/nego_connection_request_ssl_security_with_cookie.bin", &len);
    CHECK_EQ(w.len, len);
    CHECK_MEM(w.data, data, len);
    free(data);

    /* routing token, correlation info */
    static const char token[] = "Cookie: msts=3640205228.15629.0000\r\n";
    wrdp_writer_reset(&w);
    memset(&cr, 0, sizeof cr);
    cr.routingToken.data = (const uint8_t *)token;
    cr.routingToken.len = strlen(token);
    cr.hasRdpNegReq = true;
    cr.rdpNegReq.flags = WRDP_CORRELATION_INFO_PRESENT;
    cr.rdpNegReq.requestedProtocols = WRDP_PROTOCOL_SSL | WRDP_PROTOCOL_HYBRID_EX;
    for (int i = 0; i < 16; i++)
        cr.rdpCorrelationInfo.correlationId[i] = (uint8_t)(0x10 + i);
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_OK);
    CHECK_EQ(w.len, 4 + 7 + strlen(token) + 8 + 36);
    CHECK_EQ(w.data[4], w.len - 5); /* length indicator */
    wrdp_x224_connection_request back;
    CHECK(decode_cr(w.data, w.len, &back, &err) == WRDP_OK);
    CHECK(bytes_eq(back.routingToken, token));
    CHECK_EQ(back.cookie.len, 0);
    CHECK_EQ(back.rdpNegReq.requestedProtocols, WRDP_PROTOCOL_SSL | WRDP_PROTOCOL_HYBRID_EX);
    CHECK_MEM(back.rdpCorrelationInfo.correlationId, cr.rdpCorrelationInfo.correlationId, 16);

    /* a bare CR (no variable part) is 11 bytes */
    wrdp_writer_reset(&w);
    memset(&cr, 0, sizeof cr);
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_OK);
    CHECK_EQ(w.len, 11);
    CHECK(decode_cr(w.data, w.len, &back, &err) == WRDP_OK);
    CHECK(!back.hasRdpNegReq);

    /* encoder refusals */
    wrdp_writer_reset(&w);
    cr.cookie.data = (const uint8_t *)"User";
    cr.cookie.len = 4;
    cr.routingToken.data = (const uint8_t *)token;
    cr.routingToken.len = strlen(token);
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_ERR);
    wrdp_writer_reset(&w);
    memset(&cr, 0, sizeof cr);
    cr.routingToken.data = (const uint8_t *)"no terminator";
    cr.routingToken.len = 13;
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_ERR);
    wrdp_writer_reset(&w);
    memset(&cr, 0, sizeof cr);
    cr.cookie.data = (const uint8_t *)"a\r\nb";
    cr.cookie.len = 4;
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_ERR);
    wrdp_writer_free(&w);
}

static void test_cookie_readers(void)
{
    size_t len;
    wrdp_error err;
    wrdp_bytes v;
    wrdp_cursor c;

    uint8_t *data = load("x224/cookie_user.bin", &len);
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, data, len, "cookie", &err);
    CHECK_EQ(wrdp_x224_read_cookie(&c, &v), 1);
    CHECK(bytes_eq(v, "User"));
    CHECK_EQ(c.pos, 23);
    free(data);

    data = load("x224/routing_token.bin", &len);
    wrdp_cursor_init(&c, data, len, "routingToken", &err);
    CHECK_EQ(wrdp_x224_read_cookie(&c, &v), 0);
    CHECK_EQ(c.pos, 0);
    CHECK_EQ(wrdp_x224_read_routing_token(&c, &v), 1);
    CHECK(bytes_eq(v, "3640205228.15629.0000"));
    CHECK_EQ(c.pos, 36);
    free(data);

    data = load("x224/not_a_cookie.bin", &len);
    wrdp_cursor_init(&c, data, len, "cookie", &err);
    CHECK_EQ(wrdp_x224_read_cookie(&c, &v), 0);
    CHECK_EQ(wrdp_x224_read_routing_token(&c, &v), 0);
    CHECK_EQ(c.pos, 0);
    CHECK(wrdp_cursor_ok(&c));
    free(data);

    data = load("x224/err_cookie_without_crlf.bin", &len);
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, data, len, "cookie", &err);
    CHECK_EQ(wrdp_x224_read_cookie(&c, &v), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    free(data);

    /* A CR whose variable part is the routing-token vector: the token is kept with its CR LF. */
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    data = load("x224/routing_token.bin", &len);
    wrdp_x224_connection_request cr, back;
    memset(&cr, 0, sizeof cr);
    cr.routingToken.data = data;
    cr.routingToken.len = 36;
    CHECK(wrdp_x224_connection_request_encode(&cr, &w) == WRDP_OK);
    CHECK(decode_cr(w.data, w.len, &back, &err) == WRDP_OK);
    CHECK_EQ(back.routingToken.len, 36);
    CHECK_MEM(back.routingToken.data, data, 36);
    free(data);
    wrdp_writer_free(&w);
}

static void test_connection_confirms(void)
{
    size_t len;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_x224_connection_confirm cc;

    uint8_t *data = load("x224/nego_confirm_response.bin", &len);
    CHECK(decode_cc(data, len, &cc, &err) == WRDP_OK);
    CHECK_EQ(cc.rdpNegDataType, WRDP_TYPE_RDP_NEG_RSP);
    CHECK_EQ(cc.rdpNegRsp.flags, 0x1F);
    CHECK_EQ(cc.rdpNegRsp.selectedProtocol, WRDP_PROTOCOL_HYBRID);
    check_roundtrip("x224_connection_confirm", data, len);
    check_truncations("x224_connection_confirm", data, len);
    free(data);

    data = load("x224/nego_confirm_failure.bin", &len);
    CHECK(decode_cc(data, len, &cc, &err) == WRDP_OK);
    CHECK_EQ(cc.rdpNegDataType, WRDP_TYPE_RDP_NEG_FAILURE);
    CHECK_EQ(cc.rdpNegFailure.failureCode, WRDP_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER);
    check_roundtrip("x224_connection_confirm", data, len);
    check_truncations("x224_connection_confirm", data, len);
    free(data);

    data = load("spec41/x224_connection_confirm.bin", &len);
    CHECK(decode_cc(data, len, &cc, &err) == WRDP_OK);
    CHECK_EQ(cc.x224Ccf.dstRef, 0);
    CHECK_EQ(cc.x224Ccf.srcRef, 0x1234);
    CHECK_EQ(cc.rdpNegDataType, WRDP_TYPE_RDP_NEG_RSP);
    CHECK_EQ(cc.rdpNegRsp.flags, 0);
    CHECK_EQ(cc.rdpNegRsp.selectedProtocol, WRDP_PROTOCOL_RDP);
    check_roundtrip("x224_connection_confirm", data, len);
    free(data);

    data = load("x224/err_connection_confirm_neg_type_0xaf.bin", &len);
    wrdp_error_clear(&err);
    CHECK(decode_cc(data, len, &cc, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK(strstr(err.message, "175") != NULL);
    free(data);

    /* build: no negotiation data; failure */
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    memset(&cc, 0, sizeof cc);
    CHECK(wrdp_x224_connection_confirm_encode(&cc, &w) == WRDP_OK);
    CHECK_EQ(w.len, 11);
    wrdp_x224_connection_confirm back;
    CHECK(decode_cc(w.data, w.len, &back, &err) == WRDP_OK);
    CHECK_EQ(back.rdpNegDataType, 0);
    wrdp_writer_reset(&w);
    cc.rdpNegDataType = WRDP_TYPE_RDP_NEG_FAILURE;
    cc.rdpNegFailure.failureCode = WRDP_HYBRID_REQUIRED_BY_SERVER;
    CHECK(wrdp_x224_connection_confirm_encode(&cc, &w) == WRDP_OK);
    CHECK(decode_cc(w.data, w.len, &back, &err) == WRDP_OK);
    CHECK_EQ(back.rdpNegFailure.failureCode, WRDP_HYBRID_REQUIRED_BY_SERVER);
    wrdp_writer_reset(&w);
    cc.rdpNegDataType = 7;
    CHECK(wrdp_x224_connection_confirm_encode(&cc, &w) == WRDP_ERR);
    wrdp_writer_free(&w);
}

static void test_tpkt_and_data(void)
{
    size_t len;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;

    uint8_t *data = load("x224/tpkt_header_len_0x542.bin", &len);
    wrdp_tpkt_header h;
    wrdp_cursor_init(&c, data, len, "tpkt_header", &err);
    CHECK(wrdp_tpkt_header_decode(&c, &h) == WRDP_OK);
    CHECK_EQ(h.version, 3);
    CHECK_EQ(h.length, 0x542);
    size_t fl;
    CHECK(wrdp_tpkt_frame_length(data, len, &fl) == WRDP_OK);
    CHECK_EQ(fl, 0x542);
    CHECK(wrdp_tpkt_frame_length(data, 3, &fl) == WRDP_OK);
    CHECK_EQ(fl, 0);
    CHECK(wrdp_tpkt_frame_length((const uint8_t *)"\x30\x00\x00\x10", 4, &fl) == WRDP_ERR);
    check_roundtrip("tpkt_header", data, len);
    check_truncations("tpkt_header", data, len);
    free(data);

    data = load("x224/tpkt_x224_data_erect_domain.bin", &len);
    wrdp_x224_data d;
    wrdp_cursor_init(&c, data, len, "x224_data", &err);
    CHECK(wrdp_x224_data_decode(&c, &d) == WRDP_OK);
    CHECK_EQ(c.pos, 12);
    CHECK_EQ(d.userData.len, 5);
    CHECK(d.userData.data == data + 7);
    check_roundtrip("x224_data", data, len);
    check_truncations("x224_data", data, len);

    /* the framing helpers give the same bytes */
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t m = wrdp_x224_data_begin(&w);
    wrdp_wr_bytes(&w, data + 7, 5);
    CHECK(wrdp_x224_data_end(&w, m) == WRDP_OK);
    CHECK_EQ(w.len, len);
    CHECK_MEM(w.data, data, len);
    free(data);

    /* a frame longer than the input, or with a trailing byte after it */
    static const uint8_t longer[] = {0x03, 0x00, 0x00, 0x0d, 0x02, 0xf0, 0x80, 0x04, 0x01, 0x00, 0x01, 0x00};
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, longer, sizeof longer, "x224_data", &err);
    CHECK(wrdp_x224_data_decode(&c, &d) == WRDP_ERR);
    static const uint8_t not_eot[] = {0x03, 0x00, 0x00, 0x08, 0x02, 0xf0, 0x00, 0x28};
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, not_eot, sizeof not_eot, "x224_data", &err);
    CHECK(wrdp_x224_data_decode(&c, &d) == WRDP_ERR);

    /* data frames over 65535 bytes do not fit a TPKT */
    wrdp_writer_reset(&w);
    m = wrdp_x224_data_begin(&w);
    wrdp_wr_fill(&w, 0, 65535);
    CHECK(wrdp_x224_data_end(&w, m) == WRDP_ERR);
    wrdp_writer_free(&w);

    data = load("handmade/x224_disconnect_request.bin", &len);
    wrdp_x224_disconnect_request dr;
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, data, len, "x224_disconnect_request", &err);
    CHECK(wrdp_x224_disconnect_request_decode(&c, &dr) == WRDP_OK);
    CHECK_EQ(dr.dstRef, 0);
    CHECK_EQ(dr.srcRef, 0);
    CHECK_EQ(dr.reason, 0);
    CHECK_EQ(dr.variablePart.len, 0);
    check_roundtrip("x224_disconnect_request", data, len);
    check_truncations("x224_disconnect_request", data, len);
    free(data);
}

static void test_failure_texts(void)
{
    for (uint32_t code = 1; code <= 6; code++) {
        const char *t = wrdp_neg_failure_text(code);
        CHECK(t != NULL && strlen(t) > 20);
        CHECK(strcmp(t, wrdp_neg_failure_text(99)) != 0);
        for (uint32_t other = 1; other < code; other++)
            CHECK(strcmp(t, wrdp_neg_failure_text(other)) != 0);
    }
    CHECK(strstr(wrdp_neg_failure_text(WRDP_HYBRID_REQUIRED_BY_SERVER), "Network Level Authentication") != NULL);
    CHECK(strstr(wrdp_neg_failure_text(0), "unknown") != NULL);
}

int main(void)
{
    test_connection_requests();
    test_build_connection_request();
    test_cookie_readers();
    test_connection_confirms();
    test_tpkt_and_data();
    test_failure_texts();
    return test_finish("pdu_x224");
}
