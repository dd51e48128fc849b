/* TSRequest and TSCredentials (MS-CSSP 2.2.1, 2.2.1.2): DER. Every field is an
 * EXPLICIT context tag; fields come in ascending order and unknown ones are refused. */
#include <string.h>

#include "core/asn1.h"
#include "credssp/tsrequest.h"

enum { F_VERSION = 0, F_NEGO_TOKENS = 1, F_AUTH_INFO = 2, F_PUB_KEY_AUTH = 3, F_ERROR_CODE = 4, F_CLIENT_NONCE = 5 };

/* Reads [n] { OCTET STRING } when the next tag is [n]; *present says whether it was there. */
static int opt_octets(wrdp_cursor *c, unsigned n, bool *present, wrdp_bytes *out, const char *field)
{
    *present = false;
    if (wrdp_ber_peek_tag(c) != WRDP_BER_CTX(n))
        return WRDP_OK;
    wrdp_cursor in;
    if (wrdp_ber_read_expect(c, WRDP_BER_CTX(n), &in, field) || wrdp_ber_read_octet_string(&in, out, field) ||
        wrdp_cursor_expect_end(&in))
        return WRDP_ERR;
    *present = true;
    return WRDP_OK;
}

/* errorCode is a signed 32-bit INTEGER: 0xC000006D arrives as c0 00 00 6d. */
static int read_i32(wrdp_cursor *c, uint32_t *v, const char *field)
{
    wrdp_cursor in;
    if (wrdp_ber_read_expect(c, WRDP_BER_INTEGER, &in, field))
        return WRDP_ERR;
    size_t n = in.len;
    const uint8_t *p = in.data;
    if (n == 5 && p[0] == 0) { /* an encoder that wrote it as unsigned */
        p++;
        n--;
    }
    if (n == 0 || n > 4)
        return wrdp_cursor_fail(c, field, "INTEGER of %zu octets is not a 32-bit status", in.len);
    uint32_t r = (p[0] & 0x80) ? 0xFFFFFFFFu : 0;
    for (size_t i = 0; i < n; i++)
        r = r << 8 | p[i];
    *v = r;
    return WRDP_OK;
}

static void write_i32(wrdp_writer *w, uint32_t v)
{
    int32_t s = (int32_t)v;
    size_t n = 4;
    while (n > 1) {
        int32_t top = s >> (8 * (n - 1) - 1); /* the bits a shorter form would sign-extend */
        if (top != 0 && top != -1)
            break;
        n--;
    }
    wrdp_ber_write_header(w, WRDP_BER_INTEGER, n);
    for (size_t i = n; i-- > 0;)
        wrdp_wr_u8(w, (uint8_t)(v >> (8 * i)));
}

int wrdp_ts_request_decode(wrdp_cursor *c, wrdp_ts_request *req)
{
    memset(req, 0, sizeof *req);
    wrdp_cursor seq, f;
    if (wrdp_ber_read_expect(c, WRDP_BER_SEQUENCE, &seq, "TSRequest"))
        return WRDP_ERR;
    if (wrdp_ber_read_expect(&seq, WRDP_BER_CTX(F_VERSION), &f, "version") || wrdp_ber_read_u32(&f, &req->version, "version") ||
        wrdp_cursor_expect_end(&f))
        return WRDP_ERR;
    if (wrdp_ber_peek_tag(&seq) == WRDP_BER_CTX(F_NEGO_TOKENS)) {
        wrdp_cursor list;
        if (wrdp_ber_read_expect(&seq, WRDP_BER_CTX(F_NEGO_TOKENS), &f, "negoTokens") ||
            wrdp_ber_read_expect(&f, WRDP_BER_SEQUENCE, &list, "negoTokens") || wrdp_cursor_expect_end(&f))
            return WRDP_ERR;
        while (wrdp_cursor_remaining(&list) > 0) {
            if (req->nego_token_count == WRDP_TSREQUEST_MAX_TOKENS)
                return wrdp_cursor_fail(&list, "negoTokens", "more than %d tokens", WRDP_TSREQUEST_MAX_TOKENS);
            wrdp_cursor item, tok;
            wrdp_bytes *out = &req->nego_tokens[req->nego_token_count];
            if (wrdp_ber_read_expect(&list, WRDP_BER_SEQUENCE, &item, "NegoData") ||
                wrdp_ber_read_expect(&item, WRDP_BER_CTX(0), &tok, "negoToken") ||
                wrdp_ber_read_octet_string(&tok, out, "negoToken") || wrdp_cursor_expect_end(&tok) ||
                wrdp_cursor_expect_end(&item))
                return WRDP_ERR;
            req->nego_token_count++;
        }
        if (!wrdp_cursor_ok(&list))
            return WRDP_ERR;
    }
    if (opt_octets(&seq, F_AUTH_INFO, &req->has_auth_info, &req->auth_info, "authInfo") ||
        opt_octets(&seq, F_PUB_KEY_AUTH, &req->has_pub_key_auth, &req->pub_key_auth, "pubKeyAuth"))
        return WRDP_ERR;
    if (wrdp_ber_peek_tag(&seq) == WRDP_BER_CTX(F_ERROR_CODE)) {
        if (wrdp_ber_read_expect(&seq, WRDP_BER_CTX(F_ERROR_CODE), &f, "errorCode") ||
            read_i32(&f, &req->error_code, "errorCode") || wrdp_cursor_expect_end(&f))
            return WRDP_ERR;
        req->has_error_code = true;
    }
    if (opt_octets(&seq, F_CLIENT_NONCE, &req->has_client_nonce, &req->client_nonce, "clientNonce"))
        return WRDP_ERR;
    if (wrdp_cursor_remaining(&seq) > 0)
        return wrdp_cursor_fail(&seq, "TSRequest", "unexpected field with tag 0x%X", (unsigned)wrdp_ber_peek_tag(&seq));
    return wrdp_cursor_status(&seq);
}

static void put_octets(wrdp_writer *w, unsigned n, wrdp_bytes b)
{
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_octet_string(w, b.data, b.len);
    wrdp_ber_end(w, WRDP_BER_CTX(n), m);
}

int wrdp_ts_request_encode(const wrdp_ts_request *req, wrdp_writer *w)
{
    if (req->nego_token_count > WRDP_TSREQUEST_MAX_TOKENS)
        return wrdp_writer_fail(w, "TSRequest: %zu negoTokens", req->nego_token_count);
    size_t seq = wrdp_ber_begin(w), m;
    m = wrdp_ber_begin(w);
    wrdp_ber_write_uint(w, req->version);
    wrdp_ber_end(w, WRDP_BER_CTX(F_VERSION), m);
    if (req->nego_token_count) {
        size_t outer = wrdp_ber_begin(w), list = wrdp_ber_begin(w);
        for (size_t i = 0; i < req->nego_token_count; i++) {
            size_t item = wrdp_ber_begin(w);
            put_octets(w, 0, req->nego_tokens[i]);
            wrdp_ber_end(w, WRDP_BER_SEQUENCE, item);
        }
        wrdp_ber_end(w, WRDP_BER_SEQUENCE, list);
        wrdp_ber_end(w, WRDP_BER_CTX(F_NEGO_TOKENS), outer);
    }
    if (req->has_auth_info)
        put_octets(w, F_AUTH_INFO, req->auth_info);
    if (req->has_pub_key_auth)
        put_octets(w, F_PUB_KEY_AUTH, req->pub_key_auth);
    if (req->has_error_code) {
        m = wrdp_ber_begin(w);
        write_i32(w, req->error_code);
        wrdp_ber_end(w, WRDP_BER_CTX(F_ERROR_CODE), m);
    }
    if (req->has_client_nonce)
        put_octets(w, F_CLIENT_NONCE, req->client_nonce);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, seq);
    return wrdp_writer_status(w);
}

/* ---- TSCredentials ---------------------------------------------------------- */

int wrdp_ts_credentials_decode(wrdp_cursor *c, wrdp_ts_credentials *cred)
{
    memset(cred, 0, sizeof *cred);
    wrdp_cursor seq, f;
    if (wrdp_ber_read_expect(c, WRDP_BER_SEQUENCE, &seq, "TSCredentials") ||
        wrdp_ber_read_expect(&seq, WRDP_BER_CTX(0), &f, "credType") || wrdp_ber_read_u32(&f, &cred->cred_type, "credType") ||
        wrdp_cursor_expect_end(&f) || wrdp_ber_read_expect(&seq, WRDP_BER_CTX(1), &f, "credentials") ||
        wrdp_ber_read_octet_string(&f, &cred->credentials, "credentials") || wrdp_cursor_expect_end(&f))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&seq);
}

int wrdp_ts_password_creds_decode(wrdp_cursor *c, wrdp_ts_password_creds *p)
{
    memset(p, 0, sizeof *p);
    wrdp_cursor seq, f;
    static const char *names[3] = {"domainName", "userName", "password"};
    wrdp_bytes *out[3] = {&p->domain, &p->user, &p->password};
    if (wrdp_ber_read_expect(c, WRDP_BER_SEQUENCE, &seq, "TSPasswordCreds"))
        return WRDP_ERR;
    for (unsigned i = 0; i < 3; i++)
        if (wrdp_ber_read_expect(&seq, WRDP_BER_CTX(i), &f, names[i]) ||
            wrdp_ber_read_octet_string(&f, out[i], names[i]) || wrdp_cursor_expect_end(&f))
            return WRDP_ERR;
    return wrdp_cursor_expect_end(&seq);
}

int wrdp_ts_password_credentials_encode(const wrdp_ts_password_creds *p, wrdp_writer *w)
{
    size_t seq = wrdp_ber_begin(w), m = wrdp_ber_begin(w);
    wrdp_ber_write_uint(w, WRDP_TS_CRED_TYPE_PASSWORD);
    wrdp_ber_end(w, WRDP_BER_CTX(0), m);
    size_t outer = wrdp_ber_begin(w), str = wrdp_ber_begin(w), inner = wrdp_ber_begin(w);
    put_octets(w, 0, p->domain);
    put_octets(w, 1, p->user);
    put_octets(w, 2, p->password);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, inner);
    wrdp_ber_end(w, WRDP_BER_OCTET_STRING, str);
    wrdp_ber_end(w, WRDP_BER_CTX(1), outer);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, seq);
    return wrdp_writer_status(w);
}
