/* The CredSSP client (MS-CSSP 3.1.5): NTLM NEGOTIATE; AUTHENTICATE with the
 * sealed public-key proof; check the server's proof; send the sealed credentials.
 * The proof binds the NTLM keys to the TLS certificate, so credentials are only
 * ever sealed for a server that showed it holds both. */
#include <string.h>

#include "credssp/ntlm.h"
#include "credssp/spnego.h"
#include "credssp/tsrequest.h"
#include "webrdp/credssp.h"

/* Larger than any subjectPublicKey in use (an RSA-16384 key is about 2 KB). */
#define MAX_KEY 4096

typedef enum state { S_START, S_WAIT_CHALLENGE, S_WAIT_PUB_KEY_AUTH, S_DONE, S_FAILED } state;

struct wrdp_credssp {
    state st;
    wrdp_error err;
    char *user, *password, *domain, *workstation, *spn;
    uint8_t *public_key;
    size_t public_key_len;
    uint32_t max_version; /* what we send */
    uint32_t version;     /* min(ours, the server's) */
    uint32_t server_status;
    bool spnego;          /* what we send */
    wrdp_credssp_random_fn random;
    void *random_ctx;
    uint64_t filetime_now;
    wrdp_ntlm_client ntlm;
    bool has_nonce;
    uint8_t nonce[WRDP_CREDSSP_NONCE_LEN];
};

static const char client_magic[] = "CredSSP Client-To-Server Binding Hash"; /* hashed with its NUL */
static const char server_magic[] = "CredSSP Server-To-Client Binding Hash";

static char *dup_str(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *d = wrdp_alloc(n);
    if (d)
        memcpy(d, s ? s : "", n);
    return d;
}

static void free_str(char *s)
{
    if (s) {
        wrdp_wipe(s, strlen(s));
        wrdp_free(s);
    }
}

wrdp_credssp *wrdp_credssp_new(const wrdp_credssp_config *cfg, wrdp_error *err)
{
    if (!cfg || !cfg->username || !cfg->password) {
        wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "CredSSP needs a user name and a password");
        return NULL;
    }
    if (!cfg->server_public_key || cfg->server_public_key_len == 0 || cfg->server_public_key_len > MAX_KEY) {
        wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "CredSSP needs the server's public key from its certificate");
        return NULL;
    }
    if (!cfg->random) {
        wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "CredSSP needs a random source");
        return NULL;
    }
    uint32_t v = cfg->max_version ? cfg->max_version : 6;
    if (v < 2 || v > 6) {
        wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "CredSSP version %u is not one of 2 to 6", (unsigned)v);
        return NULL;
    }
    wrdp_credssp *cs = wrdp_calloc(1, sizeof *cs);
    if (!cs) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "CredSSP: out of memory");
        return NULL;
    }
    cs->user = dup_str(cfg->username);
    cs->password = dup_str(cfg->password);
    cs->domain = dup_str(cfg->domain);
    cs->workstation = dup_str(cfg->workstation);
    cs->spn = cfg->spn ? dup_str(cfg->spn) : NULL;
    cs->public_key = wrdp_alloc(cfg->server_public_key_len);
    if (!cs->user || !cs->password || !cs->domain || !cs->workstation || (cfg->spn && !cs->spn) || !cs->public_key) {
        wrdp_credssp_free(cs);
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "CredSSP: out of memory");
        return NULL;
    }
    memcpy(cs->public_key, cfg->server_public_key, cfg->server_public_key_len);
    cs->public_key_len = cfg->server_public_key_len;
    cs->max_version = v;
    cs->version = v;
    cs->spnego = cfg->use_spnego;
    cs->random = cfg->random;
    cs->random_ctx = cfg->random_ctx;
    cs->filetime_now = cfg->filetime_now;
    wrdp_ntlm_client_config nc = {
        .user = cs->user,
        .password = cs->password,
        .domain = cs->domain,
        .workstation = cs->workstation,
        .send_mic = true,
        .target_name = cs->spn,
    };
    wrdp_ntlm_client_init(&cs->ntlm, &nc, &cs->err);
    return cs;
}

void wrdp_credssp_free(wrdp_credssp *cs)
{
    if (!cs)
        return;
    wrdp_ntlm_client_free(&cs->ntlm);
    free_str(cs->user);
    free_str(cs->password);
    free_str(cs->domain);
    free_str(cs->workstation);
    free_str(cs->spn);
    wrdp_free(cs->public_key);
    wrdp_wipe(cs, sizeof *cs);
    wrdp_free(cs);
}

bool wrdp_credssp_is_done(const wrdp_credssp *cs) { return cs && cs->st == S_DONE; }
const wrdp_error *wrdp_credssp_error(const wrdp_credssp *cs) { return cs ? &cs->err : NULL; }
uint32_t wrdp_credssp_version(const wrdp_credssp *cs) { return cs ? cs->version : 0; }
uint32_t wrdp_credssp_server_status(const wrdp_credssp *cs) { return cs ? cs->server_status : 0; }

static int fail(wrdp_credssp *cs)
{
    if (cs->err.kind == WRDP_ERROR_NONE)
        wrdp_error_set(&cs->err, WRDP_ERROR_INTERNAL, "CredSSP failed");
    cs->st = S_FAILED;
    return WRDP_ERR;
}

static int draw(wrdp_credssp *cs, uint8_t *out, size_t n)
{
    if (cs->random(cs->random_ctx, out, n) != 0)
        return wrdp_error_set(&cs->err, WRDP_ERROR_INTERNAL, "CredSSP: the random source failed");
    return WRDP_OK;
}

/* Every message carries our version, and the nonce once there is one (as sspi-rs
 * and Windows do: the server needs it for the pubKeyAuth hashes). */
static void request_init(wrdp_credssp *cs, wrdp_ts_request *req)
{
    memset(req, 0, sizeof *req);
    req->version = cs->max_version;
    if (cs->has_nonce) {
        req->has_client_nonce = true;
        req->client_nonce = (wrdp_bytes){cs->nonce, WRDP_CREDSSP_NONCE_LEN};
    }
}

static int send_request(wrdp_credssp *cs, const wrdp_ts_request *req, wrdp_writer *out)
{
    size_t start = out->len;
    if (wrdp_ts_request_encode(req, out)) {
        out->len = start;
        return wrdp_error_set(&cs->err, WRDP_ERROR_ENCODE, "CredSSP: the TSRequest does not encode");
    }
    return WRDP_OK;
}

static int step_negotiate(wrdp_credssp *cs, wrdp_writer *out)
{
    if (cs->max_version >= 5) {
        if (draw(cs, cs->nonce, WRDP_CREDSSP_NONCE_LEN))
            return WRDP_ERR;
        cs->has_nonce = true;
    }
    wrdp_writer tok, wrapped;
    wrdp_writer_init(&tok, 0, &cs->err);
    wrdp_writer_init(&wrapped, 0, &cs->err);
    int r = WRDP_ERR;
    if (wrdp_ntlm_client_negotiate(&cs->ntlm, &tok))
        goto done;
    wrdp_ts_request req;
    request_init(cs, &req);
    req.nego_token_count = 1;
    req.nego_tokens[0] = (wrdp_bytes){tok.data, tok.len};
    if (cs->spnego) {
        if (wrdp_spnego_init_encode_ntlm(tok.data, tok.len, &wrapped))
            goto done;
        req.nego_tokens[0] = (wrdp_bytes){wrapped.data, wrapped.len};
    }
    r = send_request(cs, &req, out);
done:
    wrdp_writer_free(&tok);
    wrdp_writer_free(&wrapped);
    return r;
}

static int decode_request(wrdp_credssp *cs, const uint8_t *in, size_t len, wrdp_ts_request *req)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, in, len, "TSRequest", &cs->err);
    if (wrdp_ts_request_decode(&c, req) || wrdp_cursor_expect_end(&c))
        return WRDP_ERR;
    if (req->has_error_code && req->error_code != 0) {
        cs->server_status = req->error_code;
        return wrdp_credssp_status_to_error(req->error_code, &cs->err);
    }
    if (req->version == 0)
        return wrdp_error_set(&cs->err, WRDP_ERROR_DECODE, "TSRequest: version 0");
    return WRDP_OK;
}

/* The server's token, unwrapped from SPNEGO when it came wrapped: a raw NTLM
 * message starts with "NTLMSSP\0", a NegTokenResp with [1]. */
static int server_token(wrdp_credssp *cs, wrdp_bytes tok, wrdp_spnego_resp *resp, bool *wrapped, wrdp_bytes *ntlm)
{
    *wrapped = false;
    memset(resp, 0, sizeof *resp);
    *ntlm = tok;
    if (tok.len == 0 || tok.data[0] != 0xA1)
        return WRDP_OK;
    *wrapped = true;
    wrdp_cursor c;
    wrdp_cursor_init(&c, tok.data, tok.len, "SPNEGO NegTokenResp", &cs->err);
    if (wrdp_spnego_resp_decode(&c, resp) || wrdp_cursor_expect_end(&c))
        return WRDP_ERR;
    if (resp->has_state && resp->state == WRDP_SPNEGO_REJECT)
        return wrdp_error_set(&cs->err, WRDP_ERROR_LOGON_FAILURE, "the server rejected the SPNEGO negotiation");
    if (resp->has_supported_mech && (resp->supported_mech.len != sizeof wrdp_spnego_ntlm_oid ||
                                     memcmp(resp->supported_mech.data, wrdp_spnego_ntlm_oid,
                                            sizeof wrdp_spnego_ntlm_oid) != 0))
        return wrdp_error_set(&cs->err, WRDP_ERROR_UNSUPPORTED,
                              "the server chose an SPNEGO mechanism other than NTLM (Kerberos is not supported)");
    *ntlm = resp->response_token;
    return WRDP_OK;
}

/* v5+: SHA256(magic || nonce || key); v2-4: the key itself (client) or the key
 * with its first byte plus one, carried little-endian (server). */
static int binding(wrdp_credssp *cs, bool from_client, uint8_t *out, size_t *out_len)
{
    if (cs->version >= 5) {
        const char *magic = from_client ? client_magic : server_magic;
        wrdp_bytes parts[3] = {{(const uint8_t *)magic, strlen(magic) + 1},
                               {cs->nonce, WRDP_CREDSSP_NONCE_LEN},
                               {cs->public_key, cs->public_key_len}};
        *out_len = WRDP_SHA256_LEN;
        if (wrdp_hash(WRDP_DIGEST_SHA256, parts, 3, out))
            return wrdp_error_set(&cs->err, WRDP_ERROR_INTERNAL, "CredSSP: SHA-256 failed");
        return WRDP_OK;
    }
    memcpy(out, cs->public_key, cs->public_key_len);
    *out_len = cs->public_key_len;
    if (!from_client)
        for (size_t i = 0; i < cs->public_key_len && ++out[i] == 0; i++)
            ;
    return WRDP_OK;
}

static int step_authenticate(wrdp_credssp *cs, const uint8_t *in, size_t len, wrdp_writer *out)
{
    wrdp_ts_request req;
    if (decode_request(cs, in, len, &req))
        return WRDP_ERR;
    if (req.nego_token_count == 0)
        return wrdp_error_set(&cs->err, WRDP_ERROR_DECODE, "TSRequest: the server sent no NTLM CHALLENGE");
    cs->version = req.version < cs->max_version ? req.version : cs->max_version;
    if (cs->version < 2)
        return wrdp_error_set(&cs->err, WRDP_ERROR_UNSUPPORTED, "CredSSP version %u is too old",
                              (unsigned)req.version);
    if (cs->version < 5)
        cs->has_nonce = false; /* the old proof has no nonce */

    wrdp_spnego_resp sresp;
    bool wrapped;
    wrdp_bytes chal;
    if (server_token(cs, req.nego_tokens[0], &sresp, &wrapped, &chal))
        return WRDP_ERR;
    if (chal.len == 0)
        return wrdp_error_set(&cs->err, WRDP_ERROR_DECODE, "SPNEGO: the server's answer has no NTLM CHALLENGE");

    uint8_t client_challenge[8], session_key[16];
    if (draw(cs, client_challenge, 8) || draw(cs, session_key, 16))
        return WRDP_ERR;

    int r = WRDP_ERR;
    wrdp_writer auth, tok, mech_types, pka;
    wrdp_writer_init(&auth, 0, &cs->err);
    wrdp_writer_init(&tok, 0, &cs->err);
    wrdp_writer_init(&mech_types, 0, &cs->err);
    wrdp_writer_init(&pka, 0, &cs->err);
    if (wrdp_ntlm_client_authenticate(&cs->ntlm, chal.data, chal.len, client_challenge, session_key, cs->filetime_now,
                                      &auth, &cs->err))
        goto done;
    wrdp_ts_request msg;
    request_init(cs, &msg);
    msg.nego_token_count = 1;
    msg.nego_tokens[0] = (wrdp_bytes){auth.data, auth.len};
    if (cs->spnego || wrapped) {
        /* mechListMIC over the MechTypeList we offered: the first signed message */
        uint8_t mic[WRDP_NTLM_SIGNATURE_LEN];
        wrdp_spnego_write_ntlm_mech_types(&mech_types);
        if (wrdp_writer_status(&mech_types) || wrdp_ntlm_sign(&cs->ntlm.send, mech_types.data, mech_types.len, mic))
            goto done;
        wrdp_spnego_resp resp = {
            .has_response_token = true,
            .response_token = {auth.data, auth.len},
            .has_mech_list_mic = true,
            .mech_list_mic = {mic, sizeof mic},
        };
        if (wrdp_spnego_resp_encode(&resp, &tok))
            goto done;
        msg.nego_tokens[0] = (wrdp_bytes){tok.data, tok.len};
        cs->spnego = true;
    }
    uint8_t bind[MAX_KEY];
    size_t bind_len;
    if (binding(cs, true, bind, &bind_len))
        goto done;
    uint8_t *sealed = wrdp_wr_reserve(&pka, bind_len + WRDP_NTLM_SIGNATURE_LEN);
    if (!sealed || wrdp_ntlm_seal(&cs->ntlm.send, bind, bind_len, sealed))
        goto done;
    msg.has_pub_key_auth = true;
    msg.pub_key_auth = (wrdp_bytes){pka.data, pka.len};
    r = send_request(cs, &msg, out);
done:
    wrdp_wipe(session_key, sizeof session_key);
    wrdp_writer_free(&auth);
    wrdp_writer_free(&tok);
    wrdp_writer_free(&mech_types);
    wrdp_writer_free(&pka);
    return r;
}

static int check_server_mech_list_mic(wrdp_credssp *cs, const wrdp_ts_request *req)
{
    if (req->nego_token_count == 0)
        return WRDP_OK;
    wrdp_spnego_resp resp;
    bool wrapped;
    wrdp_bytes tok;
    if (server_token(cs, req->nego_tokens[0], &resp, &wrapped, &tok))
        return WRDP_ERR;
    if (!wrapped || !resp.has_mech_list_mic)
        return WRDP_OK;
    wrdp_writer mt;
    wrdp_writer_init(&mt, 0, &cs->err);
    wrdp_spnego_write_ntlm_mech_types(&mt);
    int r = wrdp_writer_status(&mt) ? WRDP_ERR
                                    : wrdp_ntlm_verify(&cs->ntlm.recv, mt.data, mt.len, resp.mech_list_mic.data,
                                                       resp.mech_list_mic.len, &cs->err);
    wrdp_writer_free(&mt);
    return r;
}

static int step_credentials(wrdp_credssp *cs, const uint8_t *in, size_t len, wrdp_writer *out)
{
    wrdp_ts_request req;
    if (decode_request(cs, in, len, &req))
        return WRDP_ERR;
    if (!req.has_pub_key_auth)
        return wrdp_error_set(&cs->err, WRDP_ERROR_DECODE, "TSRequest: the server sent no pubKeyAuth");
    if (cs->spnego && check_server_mech_list_mic(cs, &req))
        return WRDP_ERR;
    if (req.pub_key_auth.len < WRDP_NTLM_SIGNATURE_LEN || req.pub_key_auth.len > MAX_KEY + WRDP_NTLM_SIGNATURE_LEN)
        return wrdp_error_set(&cs->err, WRDP_ERROR_DECODE, "TSRequest: pubKeyAuth of %zu bytes",
                              req.pub_key_auth.len);

    uint8_t got[MAX_KEY], want[MAX_KEY];
    size_t got_len = req.pub_key_auth.len - WRDP_NTLM_SIGNATURE_LEN, want_len;
    if (wrdp_ntlm_unseal(&cs->ntlm.recv, req.pub_key_auth.data, req.pub_key_auth.len, got, &cs->err))
        return wrdp_error_set(&cs->err, WRDP_ERROR_NEGOTIATION_FAILURE,
                              "the server's pubKeyAuth is not sealed with the NTLM session keys "
                              "(the server did not prove it knows them)");
    if (binding(cs, false, want, &want_len))
        return WRDP_ERR;
    if (got_len != want_len || !wrdp_ct_equal(got, want, want_len))
        return wrdp_error_set(&cs->err, WRDP_ERROR_NEGOTIATION_FAILURE,
                              "the server's public-key proof does not match its TLS certificate "
                              "(a machine in the middle, or a TLS proxy in front of the server)");

    /* the credentials, sealed with the next client sequence number */
    int r = WRDP_ERR;
    wrdp_writer dom, user, pw, creds, sealed;
    wrdp_writer_init(&dom, 0, &cs->err);
    wrdp_writer_init(&user, 0, &cs->err);
    wrdp_writer_init(&pw, 0, &cs->err);
    wrdp_writer_init(&creds, 0, &cs->err);
    wrdp_writer_init(&sealed, 0, &cs->err);
    wrdp_ntlm_put_utf16(&dom, cs->domain);
    wrdp_ntlm_put_utf16(&user, cs->user);
    wrdp_ntlm_put_utf16(&pw, cs->password);
    wrdp_ts_password_creds pc = {{dom.data, dom.len}, {user.data, user.len}, {pw.data, pw.len}};
    if (wrdp_writer_status(&dom) || wrdp_writer_status(&user) || wrdp_writer_status(&pw) ||
        wrdp_ts_password_credentials_encode(&pc, &creds))
        goto done;
    uint8_t *p = wrdp_wr_reserve(&sealed, creds.len + WRDP_NTLM_SIGNATURE_LEN);
    if (!p || wrdp_ntlm_seal(&cs->ntlm.send, creds.data, creds.len, p))
        goto done;
    wrdp_ts_request msg;
    request_init(cs, &msg);
    msg.has_auth_info = true;
    msg.auth_info = (wrdp_bytes){sealed.data, sealed.len};
    r = send_request(cs, &msg, out);
done:
    if (pw.data)
        wrdp_wipe(pw.data, pw.len);
    if (creds.data)
        wrdp_wipe(creds.data, creds.len);
    wrdp_writer_free(&dom);
    wrdp_writer_free(&user);
    wrdp_writer_free(&pw);
    wrdp_writer_free(&creds);
    wrdp_writer_free(&sealed);
    return r;
}

int wrdp_credssp_step(wrdp_credssp *cs, const uint8_t *in, size_t len, wrdp_writer *out)
{
    if (!cs)
        return WRDP_ERR;
    if (!out)
        return wrdp_error_set(&cs->err, WRDP_ERROR_INVALID_ARGUMENT, "CredSSP: no output buffer");
    size_t start = out->len;
    int r;
    switch (cs->st) {
    case S_START:
        r = step_negotiate(cs, out);
        if (r == WRDP_OK)
            cs->st = S_WAIT_CHALLENGE;
        break;
    case S_WAIT_CHALLENGE:
        r = in && len ? step_authenticate(cs, in, len, out)
                      : wrdp_error_set(&cs->err, WRDP_ERROR_STATE, "CredSSP: waiting for the server's CHALLENGE");
        if (r == WRDP_OK)
            cs->st = S_WAIT_PUB_KEY_AUTH;
        break;
    case S_WAIT_PUB_KEY_AUTH:
        r = in && len ? step_credentials(cs, in, len, out)
                      : wrdp_error_set(&cs->err, WRDP_ERROR_STATE, "CredSSP: waiting for the server's pubKeyAuth");
        if (r == WRDP_OK)
            cs->st = S_DONE;
        break;
    case S_DONE:
        return wrdp_error_set(&cs->err, WRDP_ERROR_STATE, "CredSSP is already finished");
    default:
        return WRDP_ERR; /* the first error stays readable */
    }
    if (r != WRDP_OK) {
        if (out->len > start)
            out->len = start;
        return fail(cs);
    }
    return WRDP_OK;
}
