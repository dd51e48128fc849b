/* TSRequest and TSCredentials decoders on arbitrary bytes. For whatever decodes:
 * encode(decode(x)) decodes again to the same fields, and encoding that is a fixed
 * point (the decoder accepts some BER the encoder never writes, e.g. long-form
 * lengths, so x itself may differ). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credssp/tsrequest.h"

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_credssp_tsrequest: %s\n", what);
    abort();
}

static int same_bytes(wrdp_bytes a, wrdp_bytes b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

static int same_request(const wrdp_ts_request *a, const wrdp_ts_request *b)
{
    if (a->version != b->version || a->nego_token_count != b->nego_token_count ||
        a->has_auth_info != b->has_auth_info || a->has_pub_key_auth != b->has_pub_key_auth ||
        a->has_error_code != b->has_error_code || a->has_client_nonce != b->has_client_nonce)
        return 0;
    for (size_t i = 0; i < a->nego_token_count; i++)
        if (!same_bytes(a->nego_tokens[i], b->nego_tokens[i]))
            return 0;
    return (!a->has_auth_info || same_bytes(a->auth_info, b->auth_info)) &&
           (!a->has_pub_key_auth || same_bytes(a->pub_key_auth, b->pub_key_auth)) &&
           (!a->has_error_code || a->error_code == b->error_code) &&
           (!a->has_client_nonce || same_bytes(a->client_nonce, b->client_nonce));
}

static void request(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, size, "TSRequest", &err);
    wrdp_ts_request req, again;
    if (wrdp_ts_request_decode(&c, &req) != WRDP_OK) {
        if (err.kind != WRDP_ERROR_DECODE)
            fail("TSRequest failed without a decode error");
        return;
    }
    wrdp_writer w, w2;
    wrdp_writer_init(&w, 0, &err);
    wrdp_writer_init(&w2, 0, &err);
    if (wrdp_ts_request_encode(&req, &w) != WRDP_OK)
        fail("a decoded TSRequest does not encode");
    wrdp_cursor_init(&c, w.data, w.len, "TSRequest", &err);
    if (wrdp_ts_request_decode(&c, &again) != WRDP_OK || c.pos != w.len)
        fail("our TSRequest does not decode");
    if (!same_request(&req, &again))
        fail("decode(encode(r)) != r");
    if (wrdp_ts_request_encode(&again, &w2) != WRDP_OK || w2.len != w.len || memcmp(w.data, w2.data, w.len) != 0)
        fail("TSRequest encoding is not a fixed point");
    wrdp_writer_free(&w);
    wrdp_writer_free(&w2);
}

static void credentials(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, size, "TSCredentials", &err);
    wrdp_ts_credentials cred;
    if (wrdp_ts_credentials_decode(&c, &cred) != WRDP_OK) {
        if (err.kind != WRDP_ERROR_DECODE)
            fail("TSCredentials failed without a decode error");
        return;
    }
    wrdp_ts_password_creds pc, back;
    wrdp_cursor_init(&c, cred.credentials.data, cred.credentials.len, "TSPasswordCreds", &err);
    if (wrdp_ts_password_creds_decode(&c, &pc) != WRDP_OK)
        return;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    if (wrdp_ts_password_credentials_encode(&pc, &w) != WRDP_OK)
        fail("decoded credentials do not encode");
    wrdp_cursor_init(&c, w.data, w.len, "TSCredentials", &err);
    if (wrdp_ts_credentials_decode(&c, &cred) != WRDP_OK || cred.cred_type != 1)
        fail("our TSCredentials do not decode");
    wrdp_cursor_init(&c, cred.credentials.data, cred.credentials.len, "TSPasswordCreds", &err);
    if (wrdp_ts_password_creds_decode(&c, &back) != WRDP_OK || !same_bytes(pc.domain, back.domain) ||
        !same_bytes(pc.user, back.user) || !same_bytes(pc.password, back.password))
        fail("credentials changed in a round trip");
    wrdp_writer_free(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    request(data, size);
    credentials(data, size);
    return 0;
}
