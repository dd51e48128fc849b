/* NTLM against published values: [MS-NLMP] 4.2 (NTLMv2 4.2.4 every step, and the
 * v1 values that run the same MD4 / RC4 / key-derivation / signing code),
 * chromium's MIC + channel-binding vector, FreeRDP's NTOWF rows, and the 4.2.4.3
 * messages (decode, and our AUTHENTICATE from the spec's inputs byte for byte). */
#include "core/json.h"
#include "credssp/ntlm.h"
#include "test.h"

static wrdp_arena arena;

static const wrdp_json *load(const char *path)
{
    size_t n;
    uint8_t *text = test_read_file(path, &n);
    wrdp_error err;
    wrdp_error_clear(&err);
    const wrdp_json *j = wrdp_json_parse((const char *)text, n, &arena, &err);
    free(text);
    if (!j) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        exit(2);
    }
    return j;
}

/* A hex member of obj into buf; exits when missing (the vector file is wrong then). */
static size_t hexv(const wrdp_json *obj, const char *key, uint8_t *buf, size_t cap)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    if (!v || v->type != WRDP_JSON_STRING) {
        fprintf(stderr, "vector member %s missing\n", key);
        exit(2);
    }
    return test_hex(v->str, buf, cap);
}

static const char *str(const wrdp_json *obj, const char *key)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    return v && v->type == WRDP_JSON_STRING ? v->str : NULL;
}

static uint32_t flags_le(const wrdp_json *obj)
{
    uint8_t f[4];
    hexv(obj, "flags", f, 4);
    return (uint32_t)f[0] | (uint32_t)f[1] << 8 | (uint32_t)f[2] << 16 | (uint32_t)f[3] << 24;
}

#define CHECK_HEX(obj, key, got, n)                                                                            \
    do {                                                                                                       \
        uint8_t want_[512];                                                                                    \
        size_t wn_ = hexv(obj, key, want_, sizeof want_);                                                      \
        CHECK_EQ(wn_, (n));                                                                                    \
        CHECK_MSG(wn_ == (n) && memcmp(want_, (got), (n)) == 0, "%s differs", key);                           \
    } while (0)

static const wrdp_json *common;
static uint8_t server_challenge[8], client_challenge[8], random_key[16], plaintext[64];
static size_t plaintext_len;

static void test_ntlmv2(const wrdp_json *spec)
{
    const wrdp_json *v2 = wrdp_json_get(spec, "ntlmv2_4_2_4");
    const char *user = str(common, "user"), *domain = str(common, "user_domain"), *pw = str(common, "password");
    uint8_t key[16], lm[24], proof[16], sbk[16], enc[16], k[16];
    CHECK(wrdp_ntlm_ntowfv2(pw, user, domain, key) == WRDP_OK);
    CHECK_HEX(v2, "ntowfv2", key, 16);
    CHECK_HEX(v2, "lmowfv2", key, 16); /* LMOWFv2 is defined as NTOWFv2 */

    CHECK(wrdp_ntlm_lmv2_response(key, server_challenge, client_challenge, lm) == WRDP_OK);
    CHECK_HEX(v2, "lmv2_response", lm, 24);

    uint8_t av[256];
    size_t avn = hexv(v2, "target_info_av_pairs", av, sizeof av);
    wrdp_writer temp;
    wrdp_writer_init(&temp, 0, NULL);
    wrdp_ntlm_temp_write(&temp, 0, client_challenge, (wrdp_bytes){av, avn});
    CHECK_HEX(v2, "temp", temp.data, temp.len);
    CHECK(wrdp_ntlm_nt_proof(key, server_challenge, temp.data, temp.len, proof) == WRDP_OK);
    CHECK_HEX(v2, "nt_proof_str", proof, 16);
    CHECK(wrdp_ntlm_session_base_key(key, proof, sbk) == WRDP_OK);
    CHECK_HEX(v2, "session_base_key", sbk, 16);
    CHECK_HEX(v2, "key_exchange_key", sbk, 16);
    wrdp_ntlm_rc4k(sbk, random_key, enc);
    CHECK_HEX(v2, "encrypted_random_session_key", enc, 16);
    uint8_t back[16];
    wrdp_ntlm_rc4k(sbk, enc, back);
    CHECK_MEM(back, random_key, 16);
    wrdp_writer_free(&temp);

    uint32_t flags = flags_le(v2);
    CHECK_EQ(flags, 0xE28A8233u);
    CHECK(wrdp_ntlm_sealing_key(flags, random_key, WRDP_NTLM_CLIENT_TO_SERVER, k) == WRDP_OK);
    CHECK_HEX(v2, "client_sealing_key", k, 16);
    CHECK(wrdp_ntlm_signing_key(random_key, WRDP_NTLM_CLIENT_TO_SERVER, k) == WRDP_OK);
    CHECK_HEX(v2, "client_signing_key", k, 16);

    /* GSS_WrapEx of "Plaintext", sequence 0: sealed data, then the signature */
    wrdp_ntlm_sealer s, r;
    uint8_t out[16 + 64], clear[64];
    CHECK(wrdp_ntlm_sealer_init(&s, flags, random_key, WRDP_NTLM_CLIENT_TO_SERVER) == WRDP_OK);
    CHECK(wrdp_ntlm_seal(&s, plaintext, plaintext_len, out) == WRDP_OK);
    CHECK_HEX(v2, "wrap_sealed_data", out + 16, plaintext_len);
    CHECK_HEX(v2, "wrap_signature", out, 16);
    CHECK_HEX(v2, "wrap_checksum_rc4", out + 4, 8);
    CHECK_EQ(s.seq, 1);

    /* the receiving side (same direction keys) unseals and verifies */
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK(wrdp_ntlm_sealer_init(&r, flags, random_key, WRDP_NTLM_CLIENT_TO_SERVER) == WRDP_OK);
    CHECK(wrdp_ntlm_unseal(&r, out, 16 + plaintext_len, clear, &err) == WRDP_OK);
    CHECK_MEM(clear, plaintext, plaintext_len);
    /* a flipped bit in the sealed data fails the signature */
    CHECK(wrdp_ntlm_sealer_init(&r, flags, random_key, WRDP_NTLM_CLIENT_TO_SERVER) == WRDP_OK);
    out[20] ^= 1;
    CHECK(wrdp_ntlm_unseal(&r, out, 16 + plaintext_len, clear, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    /* too short for a signature */
    CHECK(wrdp_ntlm_unseal(&r, out, 15, clear, &err) == WRDP_ERR);
}

/* The v1 examples share MD4 (NTOWFv1, SessionBaseKey = MD4(NTOWFv1)), the
 * 56-bit sealing key, and signing without key exchange (checksum not encrypted). */
static void test_v1_shared(const wrdp_json *spec)
{
    const wrdp_json *v1 = wrdp_json_get(spec, "ntlmv1_4_2_2");
    const wrdp_json *ess = wrdp_json_get(spec, "ntlmv1_ess_4_2_3");
    uint8_t h[16], sbk[16], kx[16], k[16];
    CHECK(wrdp_ntlm_ntowfv1(str(common, "password"), h) == WRDP_OK);
    CHECK_HEX(v1, "ntowfv1", h, 16);
    CHECK(wrdp_md4(h, 16, sbk) == WRDP_OK);
    CHECK_HEX(v1, "session_base_key", sbk, 16);
    /* v1 without ESS: the random session key is RC4K-encrypted with the KXKEY = SessionBaseKey */
    uint8_t enc[16];
    wrdp_ntlm_rc4k(sbk, random_key, enc);
    CHECK_HEX(v1, "encrypted_random_session_key", enc, 16);

    /* v1 + ESS: KXKEY = HMAC_MD5(SessionBaseKey, ServerChallenge || ClientChallenge[0..8] of the LM response) */
    uint8_t lm[24];
    hexv(ess, "lm_challenge_response", lm, 24);
    wrdp_bytes parts[2] = {{server_challenge, 8}, {lm, 8}};
    CHECK(wrdp_hmac(WRDP_DIGEST_MD5, sbk, 16, parts, 2, kx) == WRDP_OK);
    CHECK_HEX(ess, "key_exchange_key", kx, 16);
    uint32_t flags = flags_le(ess);
    CHECK(flags & WRDP_NTLM_NEGOTIATE_56);
    CHECK(!(flags & (WRDP_NTLM_NEGOTIATE_128 | WRDP_NTLM_NEGOTIATE_KEY_EXCH)));
    CHECK(wrdp_ntlm_sealing_key(flags, kx, WRDP_NTLM_CLIENT_TO_SERVER, k) == WRDP_OK);
    CHECK_HEX(ess, "client_sealing_key", k, 16);
    CHECK(wrdp_ntlm_signing_key(kx, WRDP_NTLM_CLIENT_TO_SERVER, k) == WRDP_OK);
    CHECK_HEX(ess, "client_signing_key", k, 16);
    wrdp_ntlm_sealer s;
    uint8_t out[16 + 64];
    CHECK(wrdp_ntlm_sealer_init(&s, flags, kx, WRDP_NTLM_CLIENT_TO_SERVER) == WRDP_OK);
    CHECK(wrdp_ntlm_seal(&s, plaintext, plaintext_len, out) == WRDP_OK);
    CHECK_HEX(ess, "wrap_sealed_data", out + 16, plaintext_len);
    CHECK_HEX(ess, "wrap_signature", out, 16);
}

static void test_messages(const wrdp_json *spec)
{
    const wrdp_json *msgs = wrdp_json_get(spec, "messages_4_2_4_3");
    wrdp_error err;
    wrdp_error_clear(&err);
    size_t n, an;
    uint8_t *chal = test_read_file("vectors/ntlm/ntlmv2_challenge_4.2.4.3.bin", &n);
    uint8_t *auth = test_read_file("vectors/ntlm/ntlmv2_authenticate_4.2.4.3.bin", &an);
    uint8_t hex[512];
    CHECK_EQ(hexv(msgs, "challenge_message_hex", hex, sizeof hex), n);
    CHECK_MEM(hex, chal, n);

    wrdp_ntlm_challenge ch;
    CHECK(wrdp_ntlm_challenge_decode(chal, n, &ch, &err) == WRDP_OK);
    CHECK_EQ(ch.flags, 0xE28A8233u);
    CHECK_MEM(ch.server_challenge, server_challenge, 8);
    CHECK_EQ(ch.target_name.len, 12);
    CHECK(ch.target_name.len == 12 && memcmp(ch.target_name.data, "S\0e\0r\0v\0e\0r\0", 12) == 0);
    uint8_t av[128];
    size_t avn = hexv(wrdp_json_get(spec, "ntlmv2_4_2_4"), "target_info_av_pairs", av, sizeof av);
    CHECK_EQ(ch.target_info.len, avn);
    CHECK(ch.target_info.len == avn && memcmp(ch.target_info.data, av, avn) == 0);
    CHECK(ch.has_version);
    CHECK_EQ(ch.version[0], 6);
    CHECK_EQ(ch.version[1], 0);
    CHECK_EQ(ch.version[2] | ch.version[3] << 8, 6000);
    CHECK_EQ(ch.version[7], 15);
    CHECK(!ch.has_timestamp);
    wrdp_bytes dom;
    CHECK(wrdp_ntlm_av_find(ch.target_info, WRDP_NTLM_AV_NB_DOMAIN_NAME, &dom) == 1);
    CHECK(dom.len == 12 && memcmp(dom.data, "D\0o\0m\0a\0i\0n\0", 12) == 0);
    CHECK(wrdp_ntlm_av_find(ch.target_info, WRDP_NTLM_AV_TIMESTAMP, &dom) == 0);

    /* re-encoding the decoded challenge gives the same bytes */
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_ntlm_challenge_encode(&ch, &w) == WRDP_OK);
    CHECK(w.len == n && memcmp(w.data, chal, n) == 0);

    /* the spec's AUTHENTICATE decodes to the listed fields */
    wrdp_ntlm_authenticate am;
    CHECK(wrdp_ntlm_authenticate_decode(auth, an, &am, &err) == WRDP_OK);
    CHECK_EQ(am.flags, 0xE2888235u);
    CHECK(am.has_version && !am.has_mic);
    CHECK_EQ(am.lm_response.len, 24);
    CHECK_EQ(am.nt_response.len, 84);
    CHECK_EQ(am.encrypted_session_key.len, 16);
    CHECK(am.user.len == 8 && memcmp(am.user.data, "U\0s\0e\0r\0", 8) == 0);

    /* the client, given the spec's inputs, writes the spec's AUTHENTICATE byte for byte */
    wrdp_ntlm_client_config cfg = {
        .user = str(common, "user"),
        .password = str(common, "password"),
        .domain = str(common, "user_domain"),
        .workstation = str(common, "workstation"),
        .version = {5, 1, 0x28, 0x0A, 0, 0, 0, 15},
    };
    wrdp_ntlm_client cl;
    wrdp_ntlm_client_init(&cl, &cfg, &err);
    wrdp_writer_reset(&w);
    CHECK(wrdp_ntlm_client_negotiate(&cl, &w) == WRDP_OK);
    wrdp_ntlm_negotiate nm;
    CHECK(wrdp_ntlm_negotiate_decode(w.data, w.len, &nm, &err) == WRDP_OK);
    CHECK_EQ(nm.flags, WRDP_NTLM_CLIENT_FLAGS);
    CHECK_EQ(w.len, 40);
    wrdp_writer_reset(&w);
    CHECK(wrdp_ntlm_client_authenticate(&cl, chal, n, client_challenge, random_key, 0, &w, &err) == WRDP_OK);
    CHECK_EQ(w.len, an);
    CHECK_MSG(w.len == an && memcmp(w.data, auth, an) == 0, "AUTHENTICATE differs from [MS-NLMP] 4.2.4.3");
    CHECK_EQ(hexv(msgs, "authenticate_message_hex", hex, sizeof hex), an);
    CHECK_MEM(hex, auth, an);
    CHECK_MEM(cl.exported_session_key, random_key, 16);
    wrdp_ntlm_client_free(&cl);

    /* dotnet's NEGOTIATE stand-in */
    uint8_t *neg = test_read_file("vectors/ntlm/ntlm_negotiate_dotnet_example.bin", &n);
    CHECK(wrdp_ntlm_negotiate_decode(neg, n, &nm, &err) == WRDP_OK);
    CHECK_EQ(nm.flags, 0xE28A8233u);
    CHECK(nm.has_version && nm.version[0] == 6 && nm.version[1] == 1);
    free(neg);

    /* malformed challenges: truncated, payload past the end, bad AV list, wrong type */
    for (size_t cut = 0; cut < n; cut++)
        CHECK(wrdp_ntlm_challenge_decode(chal, cut, &ch, &err) == WRDP_ERR);
    uint8_t bad[128];
    memcpy(bad, chal, 104);
    bad[40] = 0x30; /* TargetInfoLen 0x24 -> 0x30: runs past the message */
    CHECK(wrdp_ntlm_challenge_decode(bad, 104, &ch, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    memcpy(bad, chal, 104);
    bad[0x44 + 2] = 0x40; /* first AV pair length past the list */
    CHECK(wrdp_ntlm_challenge_decode(bad, 104, &ch, &err) == WRDP_ERR);
    memcpy(bad, chal, 104);
    bad[8] = 3;
    CHECK(wrdp_ntlm_challenge_decode(bad, 104, &ch, &err) == WRDP_ERR);
    for (size_t cut = 0; cut < 64; cut++)
        CHECK(wrdp_ntlm_authenticate_decode(auth, cut, &am, &err) == WRDP_ERR);

    wrdp_writer_free(&w);
    free(chal);
    free(auth);
}

/* chromium: NTLMv2 with a client timestamp, MsvAvFlags MIC-present, channel
 * bindings and a target name, no key exchange; the MIC over the three messages. */
static void test_chromium_mic(void)
{
    const wrdp_json *v = load("vectors/ntlm/chromium_ntlmv2_mic_channel_binding.json");
    const wrdp_json *in = wrdp_json_get(v, "inputs"), *ex = wrdp_json_get(v, "expected");
    wrdp_error err;
    wrdp_error_clear(&err);
    size_t nn, cn, an;
    uint8_t *neg = test_read_file("vectors/ntlm/chromium_negotiate.bin", &nn);
    uint8_t *chal = test_read_file("vectors/ntlm/ntlmv2_challenge_4.2.4.3.bin", &cn);
    uint8_t *auth = test_read_file("vectors/ntlm/chromium_authenticate_mic_epa.bin", &an);

    /* channel bindings application data: "tls-server-end-point:" || certificate hash */
    uint8_t app[128], cbh[16];
    const char *prefix = "tls-server-end-point:";
    size_t pl = strlen(prefix);
    memcpy(app, prefix, pl);
    const char *cbs = str(in, "channel_bindings_application_data");
    const char *hexpart = strstr(cbs, "|| ");
    size_t appn = pl + test_hex(hexpart + 3, app + pl, sizeof app - pl);
    CHECK(wrdp_ntlm_channel_bindings_hash(app, appn, cbh) == WRDP_OK);
    CHECK_HEX(ex, "channel_binding_hash", cbh, 16);

    /* our client with the same inputs, no key exchange, the chromium timestamp */
    const wrdp_json *ts = wrdp_json_get(in, "client_timestamp_filetime");
    uint8_t cc[8];
    hexv(in, "client_challenge", cc, 8);
    wrdp_ntlm_client_config cfg = {
        .user = str(in, "user"),
        .password = str(in, "password"),
        .domain = str(in, "domain"),
        .workstation = str(in, "workstation"),
        .flags = 0x00088207u, /* chromium's NEGOTIATE flags */
        .send_mic = true,
        .channel_bindings = app,
        .channel_bindings_len = appn,
        .target_name = str(in, "spn"),
    };
    wrdp_ntlm_client cl;
    wrdp_ntlm_client_init(&cl, &cfg, &err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_ntlm_client_negotiate(&cl, &w) == WRDP_OK);
    CHECK(w.len == nn && memcmp(w.data, neg, nn) == 0); /* same 32 bytes: no version */
    wrdp_writer_reset(&w);
    /* chromium's NEGOTIATE is what the MIC covers */
    wrdp_writer_reset(&cl.negotiate);
    wrdp_wr_bytes(&cl.negotiate, neg, nn);
    CHECK(wrdp_ntlm_client_authenticate(&cl, chal, cn, cc, NULL, ts ? ts->magnitude : 0, &w, &err) == WRDP_OK);
    CHECK_HEX(ex, "nt_proof_str", cl.nt_proof, 16);
    CHECK_HEX(ex, "session_base_key", cl.session_base_key, 16);
    CHECK_MEM(cl.exported_session_key, cl.session_base_key, 16);

    wrdp_ntlm_authenticate ours, theirs;
    CHECK(wrdp_ntlm_authenticate_decode(w.data, w.len, &ours, &err) == WRDP_OK);
    CHECK(wrdp_ntlm_authenticate_decode(auth, an, &theirs, &err) == WRDP_OK);
    CHECK(theirs.has_mic && ours.has_mic);
    /* the NT response (NTProofStr || temp with MsvAvFlags, channel bindings, target name) is chromium's */
    CHECK_EQ(ours.nt_response.len, theirs.nt_response.len);
    CHECK(ours.nt_response.len == theirs.nt_response.len &&
          memcmp(ours.nt_response.data, theirs.nt_response.data, ours.nt_response.len) == 0);
    CHECK_EQ(ours.encrypted_session_key.len, 0);

    /* MIC over chromium's three messages (its AUTHENTICATE with the MIC zeroed) */
    uint8_t *zeroed = malloc(an), mic[16];
    memcpy(zeroed, auth, an);
    memset(zeroed + WRDP_NTLM_MIC_OFFSET, 0, 16);
    CHECK(wrdp_ntlm_mic(cl.exported_session_key, (wrdp_bytes){neg, nn}, (wrdp_bytes){chal, cn},
                        (wrdp_bytes){zeroed, an}, mic) == WRDP_OK);
    CHECK_HEX(ex, "mic", mic, 16);
    CHECK_MEM(theirs.mic, mic, 16);
    /* and our MIC is right for our own message */
    uint8_t *oz = malloc(w.len);
    memcpy(oz, w.data, w.len);
    memset(oz + WRDP_NTLM_MIC_OFFSET, 0, 16);
    CHECK(wrdp_ntlm_mic(cl.exported_session_key, (wrdp_bytes){neg, nn}, (wrdp_bytes){chal, cn},
                        (wrdp_bytes){oz, w.len}, mic) == WRDP_OK);
    CHECK_MEM(ours.mic, mic, 16);

    free(oz);
    free(zeroed);
    wrdp_writer_free(&w);
    wrdp_ntlm_client_free(&cl);
    free(neg);
    free(chal);
    free(auth);
}

static void test_ntowf_rows(void)
{
    const wrdp_json *v = load("vectors/ntlm/freerdp_ntowf.json");
    uint8_t h[16], nt[16];
    size_t rows = 0;
    for (const wrdp_json *r = wrdp_json_get(v, "ntowfv1")->first; r; r = r->next, rows++) {
        CHECK(wrdp_ntlm_ntowfv1(str(r, "password"), h) == WRDP_OK);
        CHECK_HEX(r, "expected", h, 16);
    }
    for (const wrdp_json *r = wrdp_json_get(v, "ntowfv2")->first; r; r = r->next, rows++) {
        CHECK(wrdp_ntlm_ntowfv2(str(r, "password"), str(r, "user"), str(r, "domain"), h) == WRDP_OK);
        CHECK_HEX(r, "expected", h, 16);
    }
    for (const wrdp_json *r = wrdp_json_get(v, "ntowfv2_from_nt_hash")->first; r; r = r->next, rows++) {
        hexv(r, "nt_hash", nt, 16);
        CHECK(wrdp_ntlm_ntowfv2_from_hash(nt, str(r, "user"), str(r, "domain"), h) == WRDP_OK);
        CHECK_HEX(r, "expected", h, 16);
    }
    CHECK_EQ(rows, 11);
}

static void test_upper(void)
{
    uint8_t s[] = {'a', 0, 'Z', 0, 0xE9, 0, 0x34, 0x04, '1', 0};
    wrdp_ntlm_utf16_upper(s, sizeof s);
    const uint8_t want[] = {'A', 0, 'Z', 0, 0xC9, 0, 0x14, 0x04, '1', 0};
    CHECK_MEM(s, want, sizeof want);
}

int main(void)
{
    wrdp_arena_init(&arena, 1 << 20);
    const wrdp_json *spec = load("vectors/ntlm/ms-nlmp-4.2.json");
    common = wrdp_json_get(spec, "common_4_2_1");
    hexv(common, "server_challenge", server_challenge, 8);
    hexv(common, "client_challenge", client_challenge, 8);
    hexv(common, "random_session_key", random_key, 16);
    plaintext_len = hexv(common, "plaintext_utf16le", plaintext, sizeof plaintext);
    test_ntlmv2(spec);
    test_v1_shared(spec);
    test_messages(spec);
    test_chromium_mic();
    test_ntowf_rows();
    test_upper();
    wrdp_arena_free(&arena);
    return test_finish("credssp_ntlm");
}
