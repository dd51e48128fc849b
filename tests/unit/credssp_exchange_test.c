/* A whole CredSSP exchange between the client and an in-process server written
 * here from the NTLM primitives, server side: it checks the client's NTProofStr
 * against the password it knows, the MIC, the channel-binding and MIC-present
 * AV pairs and pubKeyAuth, answers with its own proof, and decrypts the
 * credentials. Random values are fixed, so every run sends the same bytes.
 * Also: wrong password (errorCode), a server proof that does not match, the old
 * (version 2-4) proof, SPNEGO wrapping, and the status / EUAR sentences. */
#include "credssp/ntlm.h"
#include "credssp/spnego.h"
#include "credssp/tsrequest.h"
#include "test.h"
#include "webrdp/credssp.h"

/* ---- fixed randomness ------------------------------------------------------ */
typedef struct rng {
    uint8_t next;
    size_t calls;
    size_t lens[8];
    int fail;
} rng;

static int rng_fill(void *ctx, uint8_t *out, size_t len)
{
    rng *r = ctx;
    if (r->fail)
        return -1;
    if (r->calls < 8)
        r->lens[r->calls] = len;
    r->calls++;
    for (size_t i = 0; i < len; i++)
        out[i] = r->next++;
    return 0;
}

/* ---- the fake server --------------------------------------------------------- */
static const uint8_t server_challenge[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF};
static const uint64_t server_time = 0x01D4CF4AE1002680ull; /* sspi-rs's MsvAvTimestamp */
static const char client_magic[] = "CredSSP Client-To-Server Binding Hash";
static const char server_magic[] = "CredSSP Server-To-Client Binding Hash";
#define STATUS_LOGON_FAILURE 0xC000006Du

typedef struct fake_server {
    const char *password;    /* the one the server knows */
    const uint8_t *public_key;
    size_t public_key_len;
    uint32_t version;
    bool spnego;             /* answers wrapped in NegTokenResp */
    bool tamper_proof;       /* answers with a proof for another key */
    /* state */
    wrdp_writer negotiate, challenge;
    bool client_spnego;
    uint8_t nonce[32];
    bool has_nonce;
    wrdp_ntlm_sealer send, recv;
    bool authenticated, mic_ok, av_ok;
    char user[64], domain[64], got_password[128];
    bool got_credentials;
    const char *why; /* why it refused something */
} fake_server;

static void utf8_of(wrdp_bytes b, char *out, size_t cap)
{
    size_t n = wrdp_utf16le_to_utf8(b.data, b.len, out, cap - 1);
    out[n < cap ? n : cap - 1] = 0;
}

static void binding(fake_server *s, const char *magic, uint8_t *out, size_t *len)
{
    if (s->version >= 5) {
        wrdp_bytes parts[3] = {{(const uint8_t *)magic, strlen(magic) + 1}, {s->nonce, 32}, {s->public_key, s->public_key_len}};
        wrdp_hash(WRDP_DIGEST_SHA256, parts, 3, out);
        *len = 32;
    } else {
        memcpy(out, s->public_key, s->public_key_len);
        *len = s->public_key_len;
        if (magic == server_magic)
            out[0]++;
    }
}

static int reply(fake_server *s, wrdp_ts_request *req, wrdp_writer *out)
{
    req->version = s->version;
    return wrdp_ts_request_encode(req, out);
}

static void put_av(wrdp_writer *w, uint16_t id, const void *v, size_t len)
{
    wrdp_wr_u16le(w, id);
    wrdp_wr_u16le(w, (uint16_t)len);
    wrdp_wr_bytes(w, v, len);
}

static void put_av_str(wrdp_writer *w, uint16_t id, const char *s)
{
    uint8_t u[64];
    size_t n = wrdp_utf8_to_utf16le(s, strlen(s), u, sizeof u);
    put_av(w, id, u, n);
}

/* NEGOTIATE in, CHALLENGE out */
static int server_first(fake_server *s, const uint8_t *in, size_t len, wrdp_writer *out)
{
    wrdp_error err;
    wrdp_cursor c;
    wrdp_ts_request req;
    wrdp_cursor_init(&c, in, len, "TSRequest", &err);
    if (wrdp_ts_request_decode(&c, &req) || req.nego_token_count != 1)
        return s->why = "first TSRequest", WRDP_ERR;
    if (req.has_client_nonce && req.client_nonce.len == 32) {
        memcpy(s->nonce, req.client_nonce.data, 32);
        s->has_nonce = true;
    }
    wrdp_bytes tok = req.nego_tokens[0];
    if (tok.len && tok.data[0] == 0x60) {
        wrdp_spnego_init init;
        wrdp_cursor_init(&c, tok.data, tok.len, "NegTokenInit", &err);
        if (wrdp_spnego_init_decode(&c, &init) || !init.has_mech_token)
            return s->why = "NegTokenInit", WRDP_ERR;
        tok = init.mech_token;
        s->client_spnego = true;
    }
    wrdp_ntlm_negotiate neg;
    if (wrdp_ntlm_negotiate_decode(tok.data, tok.len, &neg, &err))
        return s->why = "NEGOTIATE", WRDP_ERR;
    wrdp_wr_bytes(&s->negotiate, tok.data, tok.len);

    wrdp_writer info;
    wrdp_writer_init(&info, 0, NULL);
    put_av_str(&info, WRDP_NTLM_AV_NB_DOMAIN_NAME, "FAKE");
    put_av_str(&info, WRDP_NTLM_AV_NB_COMPUTER_NAME, "FAKE");
    put_av_str(&info, WRDP_NTLM_AV_DNS_COMPUTER_NAME, "fake.test");
    uint8_t ts[8];
    for (int i = 0; i < 8; i++)
        ts[i] = (uint8_t)(server_time >> (8 * i));
    put_av(&info, WRDP_NTLM_AV_TIMESTAMP, ts, 8);
    put_av(&info, WRDP_NTLM_AV_EOL, NULL, 0);
    uint8_t name[16];
    size_t nn = wrdp_utf8_to_utf16le("FAKE", 4, name, sizeof name);
    wrdp_ntlm_challenge ch = {
        .flags = (neg.flags & ~(uint32_t)WRDP_NTLM_NEGOTIATE_OEM) | WRDP_NTLM_NEGOTIATE_TARGET_INFO | WRDP_NTLM_TARGET_TYPE_SERVER,
        .target_name = {name, nn},
        .target_info = {info.data, info.len},
        .has_version = true,
        .version = {10, 0, 0x61, 0x4A, 0, 0, 0, 15},
    };
    memcpy(ch.server_challenge, server_challenge, 8);
    wrdp_ntlm_challenge_encode(&ch, &s->challenge);
    wrdp_writer_free(&info);

    wrdp_ts_request r = {.nego_token_count = 1, .nego_tokens = {{s->challenge.data, s->challenge.len}}};
    wrdp_writer wrapped;
    wrdp_writer_init(&wrapped, 0, NULL);
    if (s->spnego) {
        wrdp_spnego_resp resp = {.has_state = true, .state = WRDP_SPNEGO_ACCEPT_INCOMPLETE, .has_supported_mech = true,
                                 .supported_mech = {wrdp_spnego_ntlm_oid, 10}, .has_response_token = true,
                                 .response_token = {s->challenge.data, s->challenge.len}};
        wrdp_spnego_resp_encode(&resp, &wrapped);
        r.nego_tokens[0] = (wrdp_bytes){wrapped.data, wrapped.len};
    }
    int rc = reply(s, &r, out);
    wrdp_writer_free(&wrapped);
    return rc;
}

/* AUTHENTICATE + pubKeyAuth in; errorCode or the server's proof out */
static int server_second(fake_server *s, const uint8_t *in, size_t len, wrdp_writer *out)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_ts_request req;
    wrdp_cursor_init(&c, in, len, "TSRequest", &err);
    if (wrdp_ts_request_decode(&c, &req) || req.nego_token_count != 1 || !req.has_pub_key_auth)
        return s->why = "second TSRequest", WRDP_ERR;
    wrdp_bytes tok = req.nego_tokens[0], client_mic = {0};
    if (s->client_spnego || s->spnego) {
        wrdp_spnego_resp resp;
        wrdp_cursor_init(&c, tok.data, tok.len, "NegTokenResp", &err);
        if (wrdp_spnego_resp_decode(&c, &resp) || !resp.has_response_token || !resp.has_mech_list_mic)
            return s->why = "NegTokenResp", WRDP_ERR;
        tok = resp.response_token;
        client_mic = resp.mech_list_mic;
    }
    wrdp_ntlm_authenticate a;
    if (wrdp_ntlm_authenticate_decode(tok.data, tok.len, &a, &err) || a.nt_response.len < 16 + 28)
        return s->why = "AUTHENTICATE", WRDP_ERR;
    utf8_of(a.user, s->user, sizeof s->user);
    utf8_of(a.domain, s->domain, sizeof s->domain);

    uint8_t key[16], proof[16], sbk[16], exported[16];
    wrdp_ntlm_ntowfv2(s->password, s->user, s->domain, key);
    const uint8_t *temp = a.nt_response.data + 16;
    size_t temp_len = a.nt_response.len - 16;
    wrdp_ntlm_nt_proof(key, server_challenge, temp, temp_len, proof);
    if (memcmp(proof, a.nt_response.data, 16) != 0) {
        wrdp_ts_request r = {.has_error_code = true, .error_code = STATUS_LOGON_FAILURE};
        return reply(s, &r, out);
    }
    s->authenticated = true;
    /* the temp echoes our time, and adds MIC-present and zero channel bindings */
    uint64_t t = 0;
    for (int i = 7; i >= 0; i--)
        t = t << 8 | temp[8 + i];
    wrdp_bytes pairs = {temp + 28, temp_len - 28 - 4}, v;
    s->av_ok = t == server_time && wrdp_ntlm_av_validate(pairs, &err) == WRDP_OK &&
               wrdp_ntlm_av_find(pairs, WRDP_NTLM_AV_FLAGS, &v) == 1 && (v.data[0] & 2) &&
               wrdp_ntlm_av_find(pairs, WRDP_NTLM_AV_CHANNEL_BINDINGS, &v) == 1 && v.len == 16 &&
               wrdp_ntlm_av_find(pairs, WRDP_NTLM_AV_TIMESTAMP, &v) == 1;
    static const uint8_t zero24[24];
    s->av_ok = s->av_ok && a.lm_response.len == 24 && memcmp(a.lm_response.data, zero24, 24) == 0;

    wrdp_ntlm_session_base_key(key, proof, sbk);
    if (!(a.flags & WRDP_NTLM_NEGOTIATE_KEY_EXCH) || a.encrypted_session_key.len != 16)
        return s->why = "no key exchange", WRDP_ERR;
    wrdp_ntlm_rc4k(sbk, a.encrypted_session_key.data, exported);

    /* MIC over the three messages with the MIC zeroed */
    uint8_t *zeroed = malloc(tok.len), mic[16];
    memcpy(zeroed, tok.data, tok.len);
    memset(zeroed + WRDP_NTLM_MIC_OFFSET, 0, 16);
    wrdp_ntlm_mic(exported, (wrdp_bytes){s->negotiate.data, s->negotiate.len},
                  (wrdp_bytes){s->challenge.data, s->challenge.len}, (wrdp_bytes){zeroed, tok.len}, mic);
    s->mic_ok = a.has_mic && memcmp(mic, a.mic, 16) == 0;
    free(zeroed);

    wrdp_ntlm_sealer_init(&s->recv, a.flags, exported, WRDP_NTLM_CLIENT_TO_SERVER);
    wrdp_ntlm_sealer_init(&s->send, a.flags, exported, WRDP_NTLM_SERVER_TO_CLIENT);
    uint8_t mech_types[64], server_mic[16];
    size_t mtn = 0;
    if (client_mic.len) {
        wrdp_writer mt;
        wrdp_writer_init_fixed(&mt, mech_types, sizeof mech_types, NULL);
        wrdp_spnego_write_ntlm_mech_types(&mt);
        mtn = mt.len;
        if (wrdp_ntlm_verify(&s->recv, mech_types, mtn, client_mic.data, client_mic.len, &err))
            return s->why = "client mechListMIC", WRDP_ERR;
    }
    uint8_t got[600], want[600];
    size_t want_len;
    if (req.pub_key_auth.len > sizeof got + 16 ||
        wrdp_ntlm_unseal(&s->recv, req.pub_key_auth.data, req.pub_key_auth.len, got, &err))
        return s->why = "client pubKeyAuth seal", WRDP_ERR;
    binding(s, client_magic, want, &want_len);
    if (req.pub_key_auth.len - 16 != want_len || memcmp(got, want, want_len) != 0)
        return s->why = "client pubKeyAuth value", WRDP_ERR;

    binding(s, server_magic, want, &want_len);
    if (s->tamper_proof)
        want[want_len - 1] ^= 0x80;
    wrdp_writer tokw;
    wrdp_writer_init(&tokw, 0, NULL);
    wrdp_ts_request r = {0};
    if (client_mic.len) {
        wrdp_ntlm_sign(&s->send, mech_types, mtn, server_mic);
        wrdp_spnego_resp resp = {.has_state = true, .state = WRDP_SPNEGO_ACCEPT_COMPLETED,
                                 .has_mech_list_mic = true, .mech_list_mic = {server_mic, 16}};
        wrdp_spnego_resp_encode(&resp, &tokw);
        r.nego_token_count = 1;
        r.nego_tokens[0] = (wrdp_bytes){tokw.data, tokw.len};
    }
    uint8_t sealed[16 + 600];
    wrdp_ntlm_seal(&s->send, want, want_len, sealed);
    r.has_pub_key_auth = true;
    r.pub_key_auth = (wrdp_bytes){sealed, 16 + want_len};
    int rc = reply(s, &r, out);
    wrdp_writer_free(&tokw);
    return rc;
}

/* authInfo in: the credentials */
static int server_third(fake_server *s, const uint8_t *in, size_t len)
{
    wrdp_error err;
    wrdp_cursor c;
    wrdp_ts_request req;
    wrdp_cursor_init(&c, in, len, "TSRequest", &err);
    if (wrdp_ts_request_decode(&c, &req) || !req.has_auth_info || req.auth_info.len < 16)
        return s->why = "third TSRequest", WRDP_ERR;
    uint8_t *clear = malloc(req.auth_info.len);
    int rc = WRDP_ERR;
    wrdp_ts_credentials cred;
    wrdp_ts_password_creds pc;
    if (wrdp_ntlm_unseal(&s->recv, req.auth_info.data, req.auth_info.len, clear, &err) == WRDP_OK) {
        wrdp_cursor_init(&c, clear, req.auth_info.len - 16, "TSCredentials", &err);
        if (wrdp_ts_credentials_decode(&c, &cred) == WRDP_OK && cred.cred_type == 1) {
            wrdp_cursor_init(&c, cred.credentials.data, cred.credentials.len, "TSPasswordCreds", &err);
            if (wrdp_ts_password_creds_decode(&c, &pc) == WRDP_OK) {
                utf8_of(pc.user, s->user, sizeof s->user);
                utf8_of(pc.domain, s->domain, sizeof s->domain);
                utf8_of(pc.password, s->got_password, sizeof s->got_password);
                s->got_credentials = true;
                rc = WRDP_OK;
            }
        }
    }
    if (rc)
        s->why = "credentials";
    free(clear);
    return rc;
}

static void server_init(fake_server *s, const char *password, const uint8_t *key, size_t key_len, uint32_t version)
{
    memset(s, 0, sizeof *s);
    s->password = password;
    s->public_key = key;
    s->public_key_len = key_len;
    s->version = version;
    wrdp_writer_init(&s->negotiate, 0, NULL);
    wrdp_writer_init(&s->challenge, 0, NULL);
}

static void server_free(fake_server *s)
{
    wrdp_writer_free(&s->negotiate);
    wrdp_writer_free(&s->challenge);
}

/* ---- scenarios ------------------------------------------------------------------ */
static uint8_t public_key[270];

typedef struct run {
    int client_rc[3];
    wrdp_error_kind kind;
    uint32_t code;
    bool done;
    uint32_t version;
    size_t sent[3];
    uint8_t first[4096];
    size_t first_len;
} run;

static void exchange(fake_server *s, const char *client_password, uint32_t max_version, bool spnego, rng *r, run *out)
{
    memset(out, 0, sizeof *out);
    wrdp_credssp_config cfg = {
        .username = "User",
        .password = client_password,
        .domain = "Domain",
        .server_public_key = public_key,
        .server_public_key_len = sizeof public_key,
        .max_version = max_version,
        .random = rng_fill,
        .random_ctx = r,
        .filetime_now = 0x01D0000000000000ull,
        .use_spnego = spnego,
        .spn = "TERMSRV/fake.test",
    };
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_credssp *cs = wrdp_credssp_new(&cfg, &err);
    CHECK(cs != NULL);
    if (!cs)
        return;
    wrdp_writer cw, sw;
    wrdp_writer_init(&cw, 0, NULL);
    wrdp_writer_init(&sw, 0, NULL);
    out->client_rc[0] = wrdp_credssp_step(cs, NULL, 0, &cw);
    out->sent[0] = cw.len;
    memcpy(out->first, cw.data, cw.len < sizeof out->first ? cw.len : sizeof out->first);
    out->first_len = cw.len;
    CHECK(!wrdp_credssp_is_done(cs));
    CHECK_MSG(server_first(s, cw.data, cw.len, &sw) == WRDP_OK, "server: %s", s->why);
    wrdp_writer_reset(&cw);
    out->client_rc[1] = wrdp_credssp_step(cs, sw.data, sw.len, &cw);
    out->sent[1] = cw.len;
    if (out->client_rc[1] == WRDP_OK) {
        wrdp_writer_reset(&sw);
        CHECK_MSG(server_second(s, cw.data, cw.len, &sw) == WRDP_OK, "server: %s", s->why);
        wrdp_writer_reset(&cw);
        out->client_rc[2] = wrdp_credssp_step(cs, sw.data, sw.len, &cw);
        out->sent[2] = cw.len;
        if (out->client_rc[2] == WRDP_OK)
            CHECK_MSG(server_third(s, cw.data, cw.len) == WRDP_OK, "server: %s", s->why);
    }
    out->done = wrdp_credssp_is_done(cs);
    out->kind = wrdp_credssp_error(cs)->kind;
    out->code = wrdp_credssp_error(cs)->code;
    out->version = wrdp_credssp_version(cs);
    if (out->kind != WRDP_ERROR_NONE)
        printf("  client error: %s: %s\n", wrdp_error_kind_name(out->kind), wrdp_credssp_error(cs)->message);
    /* once finished or failed, further steps fail and send nothing */
    wrdp_writer_reset(&cw);
    CHECK(wrdp_credssp_step(cs, sw.data, sw.len, &cw) == WRDP_ERR);
    CHECK_EQ(cw.len, 0);
    wrdp_writer_free(&cw);
    wrdp_writer_free(&sw);
    wrdp_credssp_free(cs);
}

static void test_success(uint32_t server_version, bool client_spnego, bool server_spnego)
{
    fake_server s;
    server_init(&s, "Password", public_key, sizeof public_key, server_version);
    s.spnego = server_spnego;
    rng r = {.next = 0x10};
    run res;
    exchange(&s, "Password", 6, client_spnego, &r, &res);
    CHECK(res.client_rc[0] == WRDP_OK && res.client_rc[1] == WRDP_OK && res.client_rc[2] == WRDP_OK);
    CHECK(res.done);
    CHECK_EQ(res.kind, WRDP_ERROR_NONE);
    CHECK_EQ(res.version, server_version < 6 ? server_version : 6);
    CHECK(s.authenticated && s.mic_ok && s.av_ok);
    CHECK(s.got_credentials);
    CHECK(strcmp(s.user, "User") == 0 && strcmp(s.domain, "Domain") == 0 && strcmp(s.got_password, "Password") == 0);
    /* randomness: nonce 32, client challenge 8, session key 16, nothing else */
    CHECK_EQ(r.calls, 3);
    CHECK_EQ(r.lens[0], 32);
    CHECK_EQ(r.lens[1], 8);
    CHECK_EQ(r.lens[2], 16);
    CHECK_EQ(s.has_nonce, true);
    CHECK_EQ(s.nonce[0], 0x10);
    /* the first message: TSRequest v6 with the NEGOTIATE and the nonce */
    wrdp_cursor c;
    wrdp_ts_request req;
    wrdp_cursor_init(&c, res.first, res.first_len, "TSRequest", NULL);
    CHECK(wrdp_ts_request_decode(&c, &req) == WRDP_OK);
    CHECK_EQ(req.version, 6);
    CHECK(req.has_client_nonce);
    CHECK_EQ(req.nego_token_count, 1);
    CHECK_EQ(req.nego_tokens[0].data[0], client_spnego ? 0x60 : 'N');
    server_free(&s);
}

static void test_wrong_password(void)
{
    fake_server s;
    server_init(&s, "Password", public_key, sizeof public_key, 6);
    rng r = {.next = 0x10};
    run res;
    exchange(&s, "Passw0rd", 6, false, &r, &res);
    CHECK_EQ(res.client_rc[1], WRDP_OK);
    CHECK_EQ(res.client_rc[2], WRDP_ERR);
    CHECK(!res.done);
    CHECK_EQ(res.kind, WRDP_ERROR_LOGON_FAILURE);
    CHECK_EQ(res.code, STATUS_LOGON_FAILURE);
    CHECK_EQ(res.sent[2], 0);
    CHECK(!s.authenticated && !s.got_credentials);
    server_free(&s);
}

static void test_bad_server_proof(void)
{
    fake_server s;
    server_init(&s, "Password", public_key, sizeof public_key, 6);
    s.tamper_proof = true;
    rng r = {.next = 0x10};
    run res;
    exchange(&s, "Password", 6, false, &r, &res);
    CHECK(s.authenticated);
    CHECK_EQ(res.client_rc[2], WRDP_ERR);
    CHECK_EQ(res.kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    CHECK_EQ(res.sent[2], 0); /* credentials never leave */
    CHECK(!s.got_credentials);
    CHECK(!res.done);
    server_free(&s);

    /* the same with the old proof (version 3: public key + 1) */
    server_init(&s, "Password", public_key, sizeof public_key, 3);
    s.tamper_proof = true;
    r = (rng){.next = 0x10};
    exchange(&s, "Password", 6, false, &r, &res);
    CHECK_EQ(res.kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    CHECK_EQ(res.sent[2], 0);
    server_free(&s);
}

/* fixed randomness -> the same bytes on the wire every time (what makes a
 * recorded exchange replayable) */
static void test_deterministic(void)
{
    fake_server s1, s2;
    server_init(&s1, "Password", public_key, sizeof public_key, 6);
    server_init(&s2, "Password", public_key, sizeof public_key, 6);
    rng r1 = {.next = 0x42}, r2 = {.next = 0x42};
    run a, b;
    exchange(&s1, "Password", 6, false, &r1, &a);
    exchange(&s2, "Password", 6, false, &r2, &b);
    CHECK(a.done && b.done);
    CHECK(a.first_len == b.first_len && memcmp(a.first, b.first, a.first_len) == 0);
    CHECK(a.sent[1] == b.sent[1] && a.sent[2] == b.sent[2]);
    server_free(&s1);
    server_free(&s2);
}

static void test_config_and_input_errors(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    rng r = {.next = 0};
    wrdp_credssp_config cfg = {.username = "u", .password = "p", .server_public_key = public_key,
                               .server_public_key_len = sizeof public_key, .random = rng_fill, .random_ctx = &r};
    wrdp_credssp_config bad = cfg;
    bad.random = NULL;
    CHECK(wrdp_credssp_new(&bad, &err) == NULL);
    CHECK_EQ(err.kind, WRDP_ERROR_INVALID_ARGUMENT);
    bad = cfg;
    bad.server_public_key = NULL;
    CHECK(wrdp_credssp_new(&bad, &err) == NULL);
    bad = cfg;
    bad.max_version = 7;
    CHECK(wrdp_credssp_new(&bad, &err) == NULL);

    /* a failing random source is an error, not zeros */
    r.fail = 1;
    wrdp_credssp *cs = wrdp_credssp_new(&cfg, &err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, NULL);
    CHECK(wrdp_credssp_step(cs, NULL, 0, &w) == WRDP_ERR);
    CHECK_EQ(w.len, 0);
    CHECK_EQ(wrdp_credssp_error(cs)->kind, WRDP_ERROR_INTERNAL);
    wrdp_credssp_free(cs);

    /* garbage and a truncated challenge are decode errors */
    r.fail = 0;
    cs = wrdp_credssp_new(&cfg, &err);
    CHECK(wrdp_credssp_step(cs, NULL, 0, &w) == WRDP_OK);
    wrdp_writer_reset(&w);
    size_t n, chal_n;
    uint8_t *chal = test_read_file("vectors/credssp/ts_request_ntlm_2_challenge.bin", &chal_n);
    CHECK(wrdp_credssp_step(cs, chal, chal_n - 1, &w) == WRDP_ERR);
    CHECK_EQ(wrdp_credssp_error(cs)->kind, WRDP_ERROR_DECODE);
    CHECK_EQ(w.len, 0);
    wrdp_credssp_free(cs);

    /* a server errorCode at the first answer already ends it (the sspi-rs vector: 0xC00700EA) */
    cs = wrdp_credssp_new(&cfg, &err);
    CHECK(wrdp_credssp_step(cs, NULL, 0, &w) == WRDP_OK);
    wrdp_writer_reset(&w);
    uint8_t *ec = test_read_file("vectors/credssp/ts_request_error_code.bin", &n);
    CHECK(wrdp_credssp_step(cs, ec, n, &w) == WRDP_ERR);
    CHECK_EQ(wrdp_credssp_server_status(cs), 0xC00700EAu);
    CHECK_EQ(wrdp_credssp_error(cs)->code, 0xC00700EAu);
    CHECK_EQ(w.len, 0);
    wrdp_credssp_free(cs);

    /* the real CHALLENGE of sspi-rs's exchange is accepted and answered (v6, with MIC) */
    cs = wrdp_credssp_new(&cfg, &err);
    CHECK(wrdp_credssp_step(cs, NULL, 0, &w) == WRDP_OK);
    wrdp_writer_reset(&w);
    CHECK(wrdp_credssp_step(cs, chal, chal_n, &w) == WRDP_OK);
    wrdp_cursor c;
    wrdp_ts_request req;
    wrdp_cursor_init(&c, w.data, w.len, "TSRequest", NULL);
    CHECK(wrdp_ts_request_decode(&c, &req) == WRDP_OK);
    CHECK(req.has_pub_key_auth && req.pub_key_auth.len == 48 && req.has_client_nonce);
    wrdp_ntlm_authenticate a;
    CHECK(wrdp_ntlm_authenticate_decode(req.nego_tokens[0].data, req.nego_tokens[0].len, &a, NULL) == WRDP_OK);
    CHECK(a.has_mic);
    CHECK_EQ(a.flags, 0xE2888235u); /* what sspi-rs answers the same CHALLENGE with */
    wrdp_credssp_free(cs);
    free(ec);
    free(chal);
    wrdp_writer_free(&w);
}

static void test_status_sentences(void)
{
    wrdp_error err;
    CHECK(wrdp_credssp_status_to_error(0, &err) == WRDP_OK);
    CHECK(wrdp_credssp_status_to_error(0xC000006Du, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_LOGON_FAILURE);
    CHECK_EQ(err.code, 0xC000006Du);
    CHECK(strstr(err.message, "the user name or password is incorrect") != NULL);
    CHECK(wrdp_credssp_status_to_error(0xC000006Au, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_WRONG_PASSWORD);
    const struct {
        uint32_t code;
        wrdp_error_kind kind;
    } rows[] = {{0xC000006Eu, WRDP_ERROR_ACCESS_DENIED}, {0xC0000071u, WRDP_ERROR_LOGON_FAILURE},
                {0xC0000072u, WRDP_ERROR_ACCESS_DENIED}, {0xC0000234u, WRDP_ERROR_ACCESS_DENIED},
                {0xC0000224u, WRDP_ERROR_LOGON_FAILURE}, {0xC0000064u, WRDP_ERROR_LOGON_FAILURE},
                {0xC0000022u, WRDP_ERROR_ACCESS_DENIED}, {0x8009030Cu, WRDP_ERROR_LOGON_FAILURE},
                {0x80090308u, WRDP_ERROR_LOGON_FAILURE}, {0x12345678u, WRDP_ERROR_LOGON_FAILURE}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        wrdp_error_clear(&err);
        CHECK(wrdp_credssp_status_to_error(rows[i].code, &err) == WRDP_ERR);
        CHECK_EQ(err.kind, rows[i].kind);
        CHECK_EQ(err.code, rows[i].code);
        CHECK(strlen(err.message) > 10);
    }
    CHECK(strcmp(wrdp_credssp_status_name(0xC0000234u), "STATUS_ACCOUNT_LOCKED_OUT") == 0);
    CHECK(wrdp_credssp_status_name(0x12345678u) == NULL);

    const uint8_t ok[4] = {0, 0, 0, 0}, denied[4] = {5, 0, 0, 0}, odd[4] = {0, 0, 0, 5};
    CHECK(wrdp_credssp_early_user_auth_result(ok, 4, &err) == WRDP_OK);
    CHECK(wrdp_credssp_early_user_auth_result(denied, 4, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_ACCESS_DENIED);
    CHECK(wrdp_credssp_early_user_auth_result(odd, 4, &err) == WRDP_ERR); /* big-endian 5 is not ACCESS_DENIED */
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK(wrdp_credssp_early_user_auth_result(ok, 3, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
}

int main(void)
{
    for (size_t i = 0; i < sizeof public_key; i++)
        public_key[i] = (uint8_t)(i * 7 + 0x30);
    public_key[0] = 0x30;
    test_success(6, false, false);
    test_success(5, false, false);
    test_success(3, false, false); /* old proof: public key, then public key + 1 */
    test_success(2, false, false);
    test_success(6, true, true);   /* SPNEGO both ways, mechListMIC checked on both sides */
    test_success(6, false, true);  /* the server wraps, the client follows */
    test_wrong_password();
    test_bad_server_proof();
    test_deterministic();
    test_config_and_input_errors();
    test_status_sentences();
    return test_finish("credssp_exchange");
}
