/* TSRequest and TSCredentials against every vector of vectors/credssp (sspi-rs):
 * each valid one decodes to the manifest's fields and re-encodes to the same
 * bytes; the truncated and bad-length ones fail. The NTLM tokens inside decode
 * with the NTLM parsers. SPNEGO tokens: structure and round trips. */
#include "core/json.h"
#include "credssp/ntlm.h"
#include "credssp/spnego.h"
#include "credssp/tsrequest.h"
#include "test.h"

static size_t hex_of(const wrdp_json *v, uint8_t *buf, size_t cap)
{
    return v && v->type == WRDP_JSON_STRING ? test_hex(v->str, buf, cap) : 0;
}

static int same(wrdp_bytes b, const uint8_t *want, size_t n)
{
    return b.len == n && (n == 0 || memcmp(b.data, want, n) == 0);
}

static void check_bytes_field(const wrdp_json *fields, const char *key, bool has, wrdp_bytes got)
{
    const wrdp_json *v = wrdp_json_get(fields, key);
    CHECK_MSG(has == (v != NULL), "%s presence", key);
    if (v) {
        uint8_t want[1024];
        size_t n = hex_of(v, want, sizeof want);
        CHECK_MSG(same(got, want, n), "%s differs", key);
    }
}

static void check_request(const char *file, const uint8_t *data, size_t len, const wrdp_json *fields)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "TSRequest", &err);
    wrdp_ts_request req;
    int ok = wrdp_ts_request_decode(&c, &req) == WRDP_OK;
    CHECK_MSG(ok, "%s: %s", file, err.message);
    if (!ok)
        return;
    CHECK_EQ(c.pos, len);
    const wrdp_json *v = wrdp_json_get(fields, "version");
    CHECK_EQ(req.version, v ? v->magnitude : 0);
    const wrdp_json *toks = wrdp_json_get(fields, "negoTokens");
    CHECK_EQ(req.nego_token_count, toks ? toks->len : 0);
    for (size_t i = 0; toks && i < toks->len && i < req.nego_token_count; i++) {
        uint8_t want[1024];
        size_t n = hex_of(wrdp_json_at(toks, i), want, sizeof want);
        CHECK_MSG(same(req.nego_tokens[i], want, n), "%s: negoToken %zu", file, i);
        /* the NTLM message inside decodes with the NTLM parser of its type */
        const uint8_t *t = req.nego_tokens[i].data;
        uint32_t type = req.nego_tokens[i].len >= 12 ? t[8] : 0;
        if (type == 1) {
            wrdp_ntlm_negotiate m;
            CHECK(wrdp_ntlm_negotiate_decode(t, req.nego_tokens[i].len, &m, &err) == WRDP_OK);
            CHECK_EQ(m.flags, 0xE20882B7u);
        } else if (type == 2) {
            wrdp_ntlm_challenge m;
            CHECK_MSG(wrdp_ntlm_challenge_decode(t, req.nego_tokens[i].len, &m, &err) == WRDP_OK, "%s", err.message);
            CHECK(m.has_timestamp); /* both servers send MsvAvTimestamp */
        } else if (type == 3) {
            wrdp_ntlm_authenticate m;
            CHECK(wrdp_ntlm_authenticate_decode(t, req.nego_tokens[i].len, &m, &err) == WRDP_OK);
            CHECK(m.has_mic && m.has_version);
            CHECK_EQ(m.flags, 0xE2888235u);
            CHECK_EQ(m.lm_response.len, 24);
        } else {
            CHECK_MSG(0, "%s: token %zu is not NTLM", file, i);
        }
    }
    check_bytes_field(fields, "authInfo", req.has_auth_info, req.auth_info);
    check_bytes_field(fields, "pubKeyAuth", req.has_pub_key_auth, req.pub_key_auth);
    check_bytes_field(fields, "clientNonce", req.has_client_nonce, req.client_nonce);
    const wrdp_json *ec = wrdp_json_get(fields, "errorCode");
    CHECK_EQ(req.has_error_code, ec != NULL);
    if (ec)
        CHECK_EQ(req.error_code, strtoul(ec->str, NULL, 16));

    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_ts_request_encode(&req, &w) == WRDP_OK);
    CHECK_MSG(w.len == len && memcmp(w.data, data, len) == 0, "%s: re-encoding differs", file);
    wrdp_writer_free(&w);
}

static void utf16_is(wrdp_bytes b, const char *want, const char *what)
{
    char s[512];
    size_t n = wrdp_utf16le_to_utf8(b.data, b.len, s, sizeof s - 1);
    s[n < sizeof s ? n : sizeof s - 1] = 0;
    CHECK_MSG(strcmp(s, want) == 0, "%s: \"%s\", expected \"%s\"", what, s, want);
}

static void check_credentials(const char *file, const uint8_t *data, size_t len, const wrdp_json *fields)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c, inner;
    wrdp_cursor_init(&c, data, len, "TSCredentials", &err);
    wrdp_ts_credentials cred;
    wrdp_ts_password_creds pc;
    int ok = wrdp_ts_credentials_decode(&c, &cred) == WRDP_OK;
    CHECK_MSG(ok, "%s: %s", file, err.message);
    if (!ok)
        return;
    CHECK_EQ(c.pos, len);
    CHECK_EQ(cred.cred_type, wrdp_json_get(fields, "credType")->magnitude);
    wrdp_cursor_init(&inner, cred.credentials.data, cred.credentials.len, "TSPasswordCreds", &err);
    CHECK(wrdp_ts_password_creds_decode(&inner, &pc) == WRDP_OK);
    utf16_is(pc.domain, wrdp_json_get(fields, "domainName")->str, "domainName");
    utf16_is(pc.user, wrdp_json_get(fields, "userName")->str, "userName");
    utf16_is(pc.password, wrdp_json_get(fields, "password")->str, "password");
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_ts_password_credentials_encode(&pc, &w) == WRDP_OK);
    CHECK_MSG(w.len == len && memcmp(w.data, data, len) == 0, "%s: re-encoding differs", file);
    wrdp_writer_free(&w);
    for (size_t cut = 0; cut < len; cut++) {
        wrdp_cursor_init(&c, data, cut, "TSCredentials", &err);
        CHECK(wrdp_ts_credentials_decode(&c, &cred) == WRDP_ERR);
    }
}

static void test_vectors(void)
{
    size_t n;
    uint8_t *text = test_read_file("vectors/credssp/manifest.json", &n);
    wrdp_arena arena;
    wrdp_arena_init(&arena, 1 << 20);
    wrdp_error err;
    wrdp_error_clear(&err);
    const wrdp_json *m = wrdp_json_parse((const char *)text, n, &arena, &err);
    CHECK(m != NULL);
    size_t requests = 0, rejected = 0, creds = 0;
    for (const wrdp_json *e = m ? wrdp_json_get(m, "entries")->first : NULL; e; e = e->next) {
        const char *file = wrdp_json_get(e, "file")->str;
        char path[256];
        snprintf(path, sizeof path, "vectors/%s", file);
        size_t len;
        uint8_t *data = test_read_file(path, &len);
        const wrdp_json *ex = wrdp_json_get(e, "expected");
        if (ex->type == WRDP_JSON_STRING) { /* "decode error" */
            wrdp_cursor c;
            wrdp_ts_request req;
            wrdp_cursor_init(&c, data, len, "TSRequest", &err);
            wrdp_error_clear(&err);
            CHECK_MSG(wrdp_ts_request_decode(&c, &req) == WRDP_ERR, "%s decoded", file);
            CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
            rejected++;
        } else if (strstr(file, "ts_credentials")) {
            check_credentials(file, data, len, wrdp_json_get(ex, "decoded_fields"));
            creds++;
        } else {
            check_request(file, data, len, wrdp_json_get(ex, "decoded_fields"));
            /* every prefix fails */
            for (size_t cut = 0; cut < len; cut++) {
                wrdp_cursor c;
                wrdp_ts_request req;
                wrdp_cursor_init(&c, data, cut, "TSRequest", &err);
                CHECK(wrdp_ts_request_decode(&c, &req) == WRDP_ERR);
            }
            requests++;
        }
        free(data);
    }
    CHECK_EQ(requests, 7);
    CHECK_EQ(rejected, 2);
    CHECK_EQ(creds, 4);
    wrdp_arena_free(&arena);
    free(text);
}

/* errorCode values of each width, positive and negative, survive a round trip
 * in their shortest two's-complement form. */
static void test_error_codes(void)
{
    const uint32_t codes[] = {0, 1, 0x7F, 0x80, 0xFFFF, 0x800000, 0x7FFFFFFF, 0x80000000u, 0xC000006Du, 0xFFFFFFFFu,
                              0xFFFFFF80u, 0xFFFF7FFFu};
    const size_t lens[] = {1, 1, 1, 2, 3, 4, 4, 4, 4, 1, 1, 3};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        wrdp_ts_request req = {.version = 6, .has_error_code = true, .error_code = codes[i]}, back;
        wrdp_writer w;
        wrdp_error err;
        wrdp_writer_init(&w, 0, &err);
        CHECK(wrdp_ts_request_encode(&req, &w) == WRDP_OK);
        /* 30 len a0 03 02 01 06 a4 len 02 n ... */
        CHECK_EQ(w.data[10], lens[i]);
        wrdp_cursor c;
        wrdp_cursor_init(&c, w.data, w.len, "TSRequest", &err);
        CHECK(wrdp_ts_request_decode(&c, &back) == WRDP_OK);
        CHECK(back.has_error_code);
        CHECK_EQ(back.error_code, codes[i]);
        wrdp_writer_free(&w);
    }
    /* a field out of order or unknown is refused */
    const uint8_t odd[] = {0x30, 0x08, 0xA0, 0x03, 0x02, 0x01, 0x06, 0xA7, 0x01, 0x00};
    wrdp_cursor c;
    wrdp_ts_request req;
    wrdp_cursor_init(&c, odd, sizeof odd, "TSRequest", NULL);
    CHECK(wrdp_ts_request_decode(&c, &req) == WRDP_ERR);
}

static void test_spnego(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    size_t n;
    uint8_t *neg = test_read_file("vectors/ntlm/ntlm_negotiate_dotnet_example.bin", &n);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_spnego_init_encode_ntlm(neg, n, &w) == WRDP_OK);
    /* RFC 4178 / RFC 2743 3.1: [APPLICATION 0] { 1.3.6.1.5.5.2, [0] NegTokenInit } */
    const uint8_t head[] = {0x60, (uint8_t)(w.len - 2), 0x06, 0x06, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02, 0xA0};
    CHECK(w.len > sizeof head && memcmp(w.data, head, sizeof head) == 0);
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "NegTokenInit", &err);
    wrdp_spnego_init init;
    CHECK(wrdp_spnego_init_decode(&c, &init) == WRDP_OK);
    CHECK_EQ(c.pos, w.len);
    CHECK_EQ(init.mech_count, 1);
    CHECK(same(init.mechs[0], wrdp_spnego_ntlm_oid, sizeof wrdp_spnego_ntlm_oid));
    CHECK(init.has_mech_token && same(init.mech_token, neg, n));
    CHECK(!init.has_mech_list_mic);
    const uint8_t mech_types[] = {0x30, 0x0C, 0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0A};
    CHECK(same(init.mech_types_der, mech_types, sizeof mech_types));
    for (size_t cut = 0; cut < w.len; cut++) {
        wrdp_cursor_init(&c, w.data, cut, "NegTokenInit", &err);
        CHECK(wrdp_spnego_init_decode(&c, &init) == WRDP_ERR);
    }

    /* NegTokenResp with every field, and with only a token */
    uint8_t mic[16] = {1, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0};
    wrdp_spnego_resp r = {.has_state = true,
                          .state = WRDP_SPNEGO_ACCEPT_INCOMPLETE,
                          .has_supported_mech = true,
                          .supported_mech = {wrdp_spnego_ntlm_oid, sizeof wrdp_spnego_ntlm_oid},
                          .has_response_token = true,
                          .response_token = {neg, n},
                          .has_mech_list_mic = true,
                          .mech_list_mic = {mic, 16}},
                     back;
    wrdp_writer_reset(&w);
    CHECK(wrdp_spnego_resp_encode(&r, &w) == WRDP_OK);
    const uint8_t rhead[] = {0xA1, (uint8_t)(w.len - 2), 0x30, (uint8_t)(w.len - 4), 0xA0, 0x03, 0x0A, 0x01, 0x01,
                             0xA1, 0x0C, 0x06, 0x0A};
    CHECK(w.len > sizeof rhead && memcmp(w.data, rhead, sizeof rhead) == 0);
    wrdp_cursor_init(&c, w.data, w.len, "NegTokenResp", &err);
    CHECK(wrdp_spnego_resp_decode(&c, &back) == WRDP_OK);
    CHECK(back.has_state && back.state == WRDP_SPNEGO_ACCEPT_INCOMPLETE);
    CHECK(back.has_supported_mech && same(back.supported_mech, wrdp_spnego_ntlm_oid, 10));
    CHECK(back.has_response_token && same(back.response_token, neg, n));
    CHECK(back.has_mech_list_mic && same(back.mech_list_mic, mic, 16));
    for (size_t cut = 0; cut < w.len; cut++) {
        wrdp_cursor_init(&c, w.data, cut, "NegTokenResp", &err);
        CHECK(wrdp_spnego_resp_decode(&c, &back) == WRDP_ERR);
    }
    wrdp_spnego_resp only = {.has_mech_list_mic = true, .mech_list_mic = {mic, 16}};
    wrdp_writer_reset(&w);
    CHECK(wrdp_spnego_resp_encode(&only, &w) == WRDP_OK);
    wrdp_cursor_init(&c, w.data, w.len, "NegTokenResp", &err);
    CHECK(wrdp_spnego_resp_decode(&c, &back) == WRDP_OK);
    CHECK(!back.has_state && !back.has_response_token && back.has_mech_list_mic);
    wrdp_writer_free(&w);
    free(neg);
}

int main(void)
{
    test_vectors();
    test_error_codes();
    test_spnego();
    return test_finish("credssp_tsrequest");
}
