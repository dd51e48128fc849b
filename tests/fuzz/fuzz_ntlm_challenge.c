/* NTLM CHALLENGE_MESSAGE (with its AV pairs), and the NEGOTIATE and AUTHENTICATE
 * decoders, on arbitrary bytes. Every view a decoder returns must lie inside the
 * input (ASan checks the reads below); a decoded CHALLENGE re-encodes and decodes
 * to the same fields, and an NTLM client answers it without crashing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credssp/ntlm.h"

static void fail(const char *what)
{
    fprintf(stderr, "fuzz_ntlm_challenge: %s\n", what);
    abort();
}

static volatile uint8_t sink;

static void touch(wrdp_bytes b)
{
    for (size_t i = 0; i < b.len; i++)
        sink ^= b.data[i];
}

static int same_bytes(wrdp_bytes a, wrdp_bytes b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_ntlm_challenge ch, again;
    if (wrdp_ntlm_challenge_decode(data, size, &ch, &err) == WRDP_OK) {
        touch(ch.target_name);
        touch(ch.target_info);
        wrdp_bytes v;
        for (uint16_t id = 0; id <= 10; id++)
            if (wrdp_ntlm_av_find(ch.target_info, id, &v) == 1)
                touch(v);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        if (wrdp_ntlm_challenge_encode(&ch, &w) != WRDP_OK)
            fail("a decoded CHALLENGE does not encode");
        if (wrdp_ntlm_challenge_decode(w.data, w.len, &again, &err) != WRDP_OK)
            fail("our CHALLENGE does not decode");
        if (again.flags != ch.flags || memcmp(again.server_challenge, ch.server_challenge, 8) != 0 ||
            !same_bytes(again.target_name, ch.target_name) || !same_bytes(again.target_info, ch.target_info) ||
            again.has_timestamp != ch.has_timestamp || again.timestamp != ch.timestamp)
            fail("CHALLENGE changed in a round trip");
        wrdp_writer_free(&w);

        /* the client's answer, with and without MIC / target name */
        static const uint8_t cc[8] = {1, 2, 3, 4, 5, 6, 7, 8}, key[16] = {9};
        for (int mic = 0; mic < 2; mic++) {
            wrdp_ntlm_client_config cfg = {.user = "user", .password = "pw", .domain = "dom",
                                           .send_mic = mic, .target_name = mic ? "TERMSRV/x" : NULL};
            wrdp_ntlm_client cl;
            wrdp_ntlm_client_init(&cl, &cfg, &err);
            wrdp_writer out;
            wrdp_writer_init(&out, 0, &err);
            wrdp_ntlm_client_negotiate(&cl, &out);
            wrdp_writer_reset(&out);
            if (wrdp_ntlm_client_authenticate(&cl, data, size, cc, key, 0, &out, &err) == WRDP_OK) {
                wrdp_ntlm_authenticate a;
                if (wrdp_ntlm_authenticate_decode(out.data, out.len, &a, &err) != WRDP_OK)
                    fail("our AUTHENTICATE does not decode");
            }
            wrdp_writer_free(&out);
            wrdp_ntlm_client_free(&cl);
        }
    } else if (err.kind != WRDP_ERROR_DECODE && err.kind != WRDP_ERROR_UNSUPPORTED) {
        fail("CHALLENGE failed without a decode error");
    }

    wrdp_bytes raw = {data, size};
    if (wrdp_ntlm_av_validate(raw, &err) == WRDP_OK) {
        wrdp_bytes v;
        if (wrdp_ntlm_av_find(raw, WRDP_NTLM_AV_TIMESTAMP, &v) == 1 && v.len != 8)
            fail("a validated list has a bad timestamp");
    }
    wrdp_ntlm_negotiate n;
    if (wrdp_ntlm_negotiate_decode(data, size, &n, &err) == WRDP_OK) {
        touch(n.domain);
        touch(n.workstation);
    }
    wrdp_ntlm_authenticate a;
    if (wrdp_ntlm_authenticate_decode(data, size, &a, &err) == WRDP_OK) {
        touch(a.lm_response);
        touch(a.nt_response);
        touch(a.domain);
        touch(a.user);
        touch(a.workstation);
        touch(a.encrypted_session_key);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        if (wrdp_ntlm_authenticate_encode(&a, &w) != WRDP_OK)
            fail("a decoded AUTHENTICATE does not encode");
        wrdp_ntlm_authenticate b;
        if (wrdp_ntlm_authenticate_decode(w.data, w.len, &b, &err) != WRDP_OK || b.flags != a.flags ||
            !same_bytes(a.nt_response, b.nt_response) || !same_bytes(a.user, b.user))
            fail("AUTHENTICATE changed in a round trip");
        wrdp_writer_free(&w);
    }
    return 0;
}
