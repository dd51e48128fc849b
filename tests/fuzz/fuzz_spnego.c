/* SPNEGO NegTokenInit and NegTokenResp decoders on arbitrary bytes: views stay
 * inside the input, a decoded NegTokenResp re-encodes to what decodes the same,
 * and a NegTokenInit's NTLM token re-wraps and decodes again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credssp/spnego.h"

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_spnego: %s\n", what);
    abort();
}

static int same_bytes(wrdp_bytes a, wrdp_bytes b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_spnego_resp r, back;
    wrdp_cursor_init(&c, data, size, "NegTokenResp", &err);
    if (wrdp_spnego_resp_decode(&c, &r) == WRDP_OK) {
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        if (wrdp_spnego_resp_encode(&r, &w) != WRDP_OK)
            fail("a decoded NegTokenResp does not encode");
        wrdp_cursor_init(&c, w.data, w.len, "NegTokenResp", &err);
        if (wrdp_spnego_resp_decode(&c, &back) != WRDP_OK || c.pos != w.len)
            fail("our NegTokenResp does not decode");
        if (back.has_state != r.has_state || back.state != r.state ||
            back.has_supported_mech != r.has_supported_mech || !same_bytes(back.supported_mech, r.supported_mech) ||
            back.has_response_token != r.has_response_token || !same_bytes(back.response_token, r.response_token) ||
            back.has_mech_list_mic != r.has_mech_list_mic || !same_bytes(back.mech_list_mic, r.mech_list_mic))
            fail("NegTokenResp changed in a round trip");
        wrdp_writer_free(&w);
    } else if (err.kind != WRDP_ERROR_DECODE) {
        fail("NegTokenResp failed without a decode error");
    }

    wrdp_spnego_init in, in2;
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, data, size, "NegTokenInit", &err);
    if (wrdp_spnego_init_decode(&c, &in) == WRDP_OK) {
        if (in.mech_count > WRDP_SPNEGO_MAX_MECHS)
            fail("too many mechanisms");
        if (in.has_mech_token) {
            wrdp_writer w;
            wrdp_writer_init(&w, 0, &err);
            if (wrdp_spnego_init_encode_ntlm(in.mech_token.data, in.mech_token.len, &w) != WRDP_OK)
                fail("re-wrapping failed");
            wrdp_cursor_init(&c, w.data, w.len, "NegTokenInit", &err);
            if (wrdp_spnego_init_decode(&c, &in2) != WRDP_OK || !same_bytes(in2.mech_token, in.mech_token) ||
                in2.mech_count != 1)
                fail("our NegTokenInit does not decode");
            wrdp_writer_free(&w);
        }
    } else if (err.kind != WRDP_ERROR_DECODE) {
        fail("NegTokenInit failed without a decode error");
    }
    return 0;
}
