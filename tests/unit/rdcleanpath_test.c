/* RDCleanPath: IronRDP's vectors (decode -> fields, encode -> same bytes,
 * detect on every prefix, truncations), error mapping and display text,
 * version refusal, DER strictness, request building, the JSON form. */
#include "core/json.h"
#include "pdu/kind.h"
#include "test.h"
#include "webrdp/rdcleanpath.h"

WRDP_PDU_FAMILY_DECLARE(rdcleanpath)

#define VEC_DIR "vectors/rdcleanpath/"

static const wrdp_json *load_json(const char *path, wrdp_arena *a, char **text)
{
    size_t len;
    *text = (char *)test_read_file(path, &len);
    wrdp_error err;
    wrdp_error_clear(&err);
    const wrdp_json *doc = wrdp_json_parse(*text, len, a, &err);
    CHECK_MSG(doc != NULL, "%s: %s", path, err.message);
    return doc;
}

static bool str_is(wrdp_bytes b, const char *s)
{
    return b.len == strlen(s) && memcmp(b.data, s, b.len) == 0;
}

static bool hex_is(wrdp_bytes b, const char *hex)
{
    uint8_t buf[256];
    size_t n = test_hex(hex, buf, sizeof buf);
    return n <= sizeof buf && b.len == n && memcmp(b.data, buf, n) == 0;
}

static int decode_bytes(const uint8_t *data, size_t len, wrdp_rdcleanpath_pdu *pdu, wrdp_error *err, size_t *used)
{
    wrdp_cursor c;
    wrdp_error_clear(err);
    wrdp_cursor_init(&c, data, len, "rdcleanpath_pdu", err);
    int rc = wrdp_rdcleanpath_decode(&c, pdu);
    if (used)
        *used = c.pos;
    return rc;
}

/* Every field the JSON names has the value it gives; every other field is absent. */
static void check_fields(const char *name, const wrdp_rdcleanpath_pdu *p, const wrdp_json *f)
{
    const wrdp_json *v;
    CHECK_EQ(p->version, WRDP_RDCLEANPATH_PDU_VERSION);
    if ((v = wrdp_json_get(f, "version")))
        CHECK_EQ(p->version, v->magnitude);

#define TEXT_FIELD(key, has, val)                                                                 \
    v = wrdp_json_get(f, key);                                                                    \
    CHECK_MSG(p->has == (v != NULL), "%s: %s present %d, expected %d", name, key, p->has, v != NULL); \
    if (v && p->has)                                                                              \
        CHECK_MSG(str_is(p->val, v->str), "%s: %s = '%.*s', expected '%s'", name, key, (int)p->val.len, \
                  (const char *)p->val.data, v->str);
    TEXT_FIELD("destination", has_destination, destination)
    TEXT_FIELD("proxy_auth", has_proxy_auth, proxy_auth)
    TEXT_FIELD("server_auth", has_server_auth, server_auth)
    TEXT_FIELD("preconnection_blob", has_preconnection_blob, preconnection_blob)
    TEXT_FIELD("server_addr", has_server_addr, server_addr)
#undef TEXT_FIELD

    v = wrdp_json_get(f, "x224_connection_pdu_hex");
    CHECK_MSG(p->has_x224_connection_pdu == (v != NULL), "%s: x224_connection_pdu presence", name);
    if (v && p->has_x224_connection_pdu)
        CHECK_MSG(hex_is(p->x224_connection_pdu, v->str), "%s: x224_connection_pdu", name);

    v = wrdp_json_get(f, "server_cert_chain_hex");
    CHECK_MSG(p->has_server_cert_chain == (v != NULL), "%s: server_cert_chain presence", name);
    if (v && p->has_server_cert_chain) {
        CHECK_EQ(p->server_cert_count, v->len);
        size_t i = 0;
        for (const wrdp_json *c = v->first; c && i < p->server_cert_count; c = c->next, i++)
            CHECK_MSG(hex_is(p->server_cert_chain[i], c->str), "%s: certificate %zu", name, i);
    }

    v = wrdp_json_get(f, "error");
    CHECK_MSG(p->has_error == (v != NULL), "%s: error presence", name);
    if (v && p->has_error) {
        const wrdp_json *e;
        CHECK_EQ(p->error.error_code, wrdp_json_get(v, "error_code")->magnitude);
        e = wrdp_json_get(v, "http_status_code");
        CHECK_EQ(p->error.has_http_status_code, e != NULL);
        if (e)
            CHECK_EQ(p->error.http_status_code, e->magnitude);
        e = wrdp_json_get(v, "wsa_last_error");
        CHECK_EQ(p->error.has_wsa_last_error, e != NULL);
        if (e)
            CHECK_EQ(p->error.wsa_last_error, e->magnitude);
        e = wrdp_json_get(v, "tls_alert_code");
        CHECK_EQ(p->error.has_tls_alert_code, e != NULL);
        if (e)
            CHECK_EQ(p->error.tls_alert_code, e->magnitude);
    }
}

static wrdp_rdcleanpath_type expected_type(const char *name)
{
    if (strstr(name, "request"))
        return WRDP_RDCLEANPATH_REQUEST;
    if (strstr(name, "error"))
        return WRDP_RDCLEANPATH_GENERAL_ERROR;
    return WRDP_RDCLEANPATH_RESPONSE;
}

/* decode -> fields; encode -> same bytes; detect on the whole and on every prefix;
 * every truncation fails to decode; classification; the JSON form round-trips. */
static void check_vector(const char *name, const uint8_t *der, size_t len, const wrdp_json *fields)
{
    wrdp_rdcleanpath_pdu p;
    wrdp_error err;
    size_t used = 0;
    int rc = decode_bytes(der, len, &p, &err, &used);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", name, err.message);
    if (rc)
        return;
    CHECK_EQ(used, len);
    check_fields(name, &p, fields);

    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK_MSG(wrdp_rdcleanpath_encode(&p, &w) == WRDP_OK, "%s: encode: %s", name, err.message);
    CHECK_MSG(w.len == len && memcmp(w.data, der, len) == 0, "%s: re-encoding differs (%zu vs %zu bytes)", name,
              w.len, len);
    wrdp_writer_free(&w);

    size_t total = 0;
    CHECK_MSG(wrdp_rdcleanpath_detect(der, len, &total, &err) == 1, "%s: detect on the whole PDU", name);
    CHECK_EQ(total, len);
    for (size_t n = 0; n < len; n++) {
        total = 99;
        wrdp_error_clear(&err);
        rc = wrdp_rdcleanpath_detect(der, n, &total, &err);
        CHECK_MSG(rc == 0, "%s: detect on %zu of %zu bytes gave %d (%s)", name, n, len, rc, err.message);
        CHECK_MSG(total == (n >= 2 ? len : 0), "%s: detect on %zu bytes: total %zu", name, n, total);
        wrdp_rdcleanpath_pdu t;
        rc = decode_bytes(der, n, &t, &err, NULL);
        CHECK_MSG(rc == WRDP_ERR && err.kind == WRDP_ERROR_DECODE, "%s: truncation to %zu bytes decoded", name, n);
        CHECK_MSG(rc == WRDP_OK || strstr(err.message, "rdcleanpath_pdu") != NULL, "%s: message: %s", name,
                  err.message);
    }

    wrdp_error_clear(&err);
    wrdp_rdcleanpath_type type = wrdp_rdcleanpath_classify(&p, &err);
    CHECK_MSG(type == expected_type(name), "%s: classified as %s (%s)", name, wrdp_rdcleanpath_type_name(type),
              err.message);
    wrdp_error_clear(&err);
    rc = wrdp_rdcleanpath_to_error(&p, &err);
    CHECK_EQ(rc, p.has_error ? WRDP_ERR : WRDP_OK);
    if (p.has_error) {
        CHECK_EQ(err.kind, WRDP_ERROR_RDCLEANPATH);
        CHECK_EQ(err.code, p.error.error_code);
        CHECK_EQ(err.http_status, p.error.has_http_status_code ? p.error.http_status_code : 0);
        CHECK_EQ(err.wsa_error, p.error.has_wsa_last_error ? p.error.wsa_last_error : 0);
        CHECK_EQ(err.tls_alert, p.error.has_tls_alert_code ? p.error.tls_alert_code : -1);
        printf("  %s -> %s\n", name, err.message);
    } else {
        CHECK_EQ(err.kind, WRDP_ERROR_NONE);
    }

    /* The JSON form, through the registry table this module defines. */
    const wrdp_pdu_kind *k = &wrdp_pdu_kinds_rdcleanpath[0];
    wrdp_writer jw, back;
    wrdp_writer_init(&jw, 0, &err);
    wrdp_writer_init(&back, 0, &err);
    rc = wrdp_pdu_kind_to_json(k, der, len, false, &jw, NULL, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: to_json: %s", name, err.message);
    if (rc == WRDP_OK) {
        rc = wrdp_pdu_kind_from_json(k, (const char *)jw.data, jw.len, &back, &err);
        CHECK_MSG(rc == WRDP_OK, "%s: from_json: %s", name, err.message);
        CHECK_MSG(rc || (back.len == len && memcmp(back.data, der, len) == 0), "%s: JSON round trip differs: %.*s",
                  name, (int)jw.len, (const char *)jw.data);
    }
    wrdp_writer_free(&jw);
    wrdp_writer_free(&back);
}

static void test_vectors_json(void)
{
    wrdp_arena a;
    wrdp_arena_init(&a, 1 << 20);
    char *text;
    const wrdp_json *doc = load_json(VEC_DIR "vectors.json", &a, &text);
    if (!doc)
        return;
    CHECK_EQ(wrdp_json_get(doc, "version")->magnitude, WRDP_RDCLEANPATH_PDU_VERSION);
    const wrdp_json *vecs = wrdp_json_get(doc, "vectors");
    CHECK(vecs && vecs->len == 6);
    for (const wrdp_json *v = vecs ? vecs->first : NULL; v; v = v->next) {
        const char *name = wrdp_json_get(v, "name")->str;
        uint8_t der[512];
        size_t len = test_hex(wrdp_json_get(v, "der_hex")->str, der, sizeof der);
        char path[256];
        snprintf(path, sizeof path, VEC_DIR "%s.der", name);
        size_t flen;
        uint8_t *file = test_read_file(path, &flen);
        CHECK_MSG(flen == len && memcmp(file, der, len) == 0, "%s: file differs from vectors.json", name);
        free(file);
        check_vector(name, der, len, wrdp_json_get(v, "fields"));
    }
    /* IronRDP's "not enough bytes" prefixes */
    const wrdp_json *short_ones = wrdp_json_get(doc, "not_enough_bytes_hex");
    CHECK(short_ones && short_ones->len == 8);
    for (const wrdp_json *s = short_ones ? short_ones->first : NULL; s; s = s->next) {
        uint8_t buf[16];
        size_t n = test_hex(s->str, buf, sizeof buf), total;
        CHECK_MSG(wrdp_rdcleanpath_detect(buf, n, &total, NULL) == 0, "detect('%s') must need more bytes", s->str);
    }
    free(text);
    wrdp_arena_free(&a);
}

/* The manifest names the same fields per file; read them from there too. */
static void test_manifest(void)
{
    wrdp_arena a;
    wrdp_arena_init(&a, 1 << 20);
    char *text;
    const wrdp_json *doc = load_json(VEC_DIR "manifest.json", &a, &text);
    if (!doc)
        return;
    int files = 0;
    for (const wrdp_json *e = wrdp_json_get(doc, "entries")->first; e; e = e->next) {
        const char *file = wrdp_json_get(e, "file")->str;
        size_t n = strlen(file);
        if (n < 4 || strcmp(file + n - 4, ".der") != 0)
            continue;
        char path[256];
        snprintf(path, sizeof path, "vectors/%s", file);
        size_t len;
        uint8_t *der = test_read_file(path, &len);
        CHECK_EQ(len, wrdp_json_get(e, "size")->magnitude);
        const wrdp_json *fields = wrdp_json_get(wrdp_json_get(e, "expected"), "decoded_fields");
        CHECK_MSG(fields != NULL, "%s: no decoded_fields", file);
        if (fields)
            check_vector(file, der, len, fields);
        free(der);
        files++;
    }
    CHECK_EQ(files, 6);
    free(text);
    wrdp_arena_free(&a);
}

static wrdp_rdcleanpath_pdu error_pdu(const wrdp_json *c)
{
    wrdp_rdcleanpath_pdu p;
    wrdp_rdcleanpath_pdu_init(&p);
    p.has_error = true;
    p.error.error_code = (uint16_t)wrdp_json_get(c, "error_code")->magnitude;
    const wrdp_json *v;
    if ((v = wrdp_json_get(c, "http_status_code"))) {
        p.error.has_http_status_code = true;
        p.error.http_status_code = (uint16_t)v->magnitude;
    }
    if ((v = wrdp_json_get(c, "wsa_last_error"))) {
        p.error.has_wsa_last_error = true;
        p.error.wsa_last_error = (uint16_t)v->magnitude;
    }
    if ((v = wrdp_json_get(c, "tls_alert_code"))) {
        p.error.has_tls_alert_code = true;
        p.error.tls_alert_code = (uint8_t)v->magnitude;
    }
    return p;
}

static void test_error_display(void)
{
    wrdp_arena a;
    wrdp_arena_init(&a, 1 << 20);
    char *text;
    const wrdp_json *doc = load_json(VEC_DIR "error_display.json", &a, &text);
    if (!doc)
        return;
    int cases = 0;
    for (const wrdp_json *c = wrdp_json_get(doc, "cases")->first; c; c = c->next, cases++) {
        wrdp_rdcleanpath_pdu p = error_pdu(c);
        const char *want = wrdp_json_get(c, "display")->str;
        char got[WRDP_ERROR_MESSAGE_MAX];
        size_t n = wrdp_rdcleanpath_err_describe(&p.error, got, sizeof got);
        CHECK_MSG(strcmp(got, want) == 0, "display '%s', expected '%s'", got, want);
        CHECK_EQ(n, strlen(want));

        /* the same error, encoded, decoded and mapped */
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        CHECK(wrdp_rdcleanpath_encode(&p, &w) == WRDP_OK);
        wrdp_rdcleanpath_pdu d;
        CHECK(decode_bytes(w.data, w.len, &d, &err, NULL) == WRDP_OK);
        CHECK(wrdp_rdcleanpath_classify(&d, &err) == WRDP_RDCLEANPATH_GENERAL_ERROR);
        CHECK(wrdp_rdcleanpath_to_error(&d, &err) == WRDP_ERR);
        CHECK_EQ(err.kind, WRDP_ERROR_RDCLEANPATH);
        CHECK_EQ(err.code, p.error.error_code);
        CHECK_EQ(err.http_status, p.error.has_http_status_code ? p.error.http_status_code : 0);
        CHECK_EQ(err.wsa_error, p.error.has_wsa_last_error ? p.error.wsa_last_error : 0);
        CHECK_EQ(err.tls_alert, p.error.has_tls_alert_code ? p.error.tls_alert_code : -1);
        printf("  %s\n    -> %s\n", want, err.message);
        wrdp_writer_free(&w);
    }
    CHECK_EQ(cases, 6);
    free(text);
    wrdp_arena_free(&a);
}

static void check_message(const wrdp_rdcleanpath_err *e, const char *want)
{
    wrdp_rdcleanpath_pdu p;
    wrdp_rdcleanpath_pdu_init(&p);
    p.has_error = true;
    p.error = *e;
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK(wrdp_rdcleanpath_to_error(&p, &err) == WRDP_ERR);
    CHECK_MSG(strcmp(err.message, want) == 0, "message '%s', expected '%s'", err.message, want);
}

static void test_plain_words(void)
{
    wrdp_rdcleanpath_err wsa = {1, false, 0, true, 10061, false, 0};
    check_message(&wsa, "the gateway could not reach the server: WSA error 10061 (connection refused)");
    wrdp_rdcleanpath_err http = {1, true, 403, false, 0, false, 0};
    check_message(&http, "the gateway refused the token: HTTP 403 (forbidden)");
    wrdp_rdcleanpath_err tls = {1, false, 0, false, 0, true, 40};
    check_message(&tls, "TLS handshake with the server failed: alert 40 (handshake failure)");
    wrdp_rdcleanpath_err host = {1, false, 0, true, 11001, false, 0};
    check_message(&host, "the gateway could not reach the server: WSA error 11001 (host not found)");
    wrdp_rdcleanpath_err timeout = {1, false, 0, true, 10060, false, 0};
    check_message(&timeout, "the gateway could not reach the server: WSA error 10060 (connection timed out)");
    wrdp_rdcleanpath_err general = {1, false, 0, false, 0, false, 0};
    check_message(&general, "the gateway reported a general error (RDCleanPath code 1)");
    wrdp_rdcleanpath_err unknown = {7, false, 0, false, 0, false, 0};
    check_message(&unknown, "the gateway reported an unknown error (RDCleanPath code 7)");
    wrdp_rdcleanpath_err nego = {2, false, 0, false, 0, false, 0};
    check_message(&nego, "the server refused the RDP security negotiation");

    /* a negotiation error with the server's answer is classified as such */
    static const uint8_t cc[] = {0x03, 0x00, 0x00, 0x13};
    wrdp_rdcleanpath_pdu p;
    wrdp_rdcleanpath_pdu_init(&p);
    p.has_error = true;
    p.error.error_code = WRDP_RDCLEANPATH_NEGOTIATION_ERROR_CODE;
    p.has_x224_connection_pdu = true;
    p.x224_connection_pdu.data = cc;
    p.x224_connection_pdu.len = sizeof cc;
    CHECK(wrdp_rdcleanpath_classify(&p, NULL) == WRDP_RDCLEANPATH_NEGOTIATION_ERROR);

    CHECK(strcmp(wrdp_rdcleanpath_tls_alert_name(48), "unknown CA") == 0);
    CHECK(strcmp(wrdp_rdcleanpath_http_status_name(504), "gateway timeout") == 0);
    CHECK(strcmp(wrdp_rdcleanpath_wsa_error_name(10065), "no route to host") == 0);
    /* describe() with a small buffer truncates and still reports the whole length */
    char small[8];
    size_t n = wrdp_rdcleanpath_err_describe(&wsa, small, sizeof small);
    CHECK_EQ(n, strlen("general error (code 1); WSA 10061 connection refused"));
    CHECK(strcmp(small, "general") == 0);
    CHECK_EQ(wrdp_rdcleanpath_err_describe(&wsa, NULL, 0), n);
}

static uint8_t *read_vec(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, VEC_DIR "%s", name);
    return test_read_file(path, len);
}

static void expect_decode_error(const uint8_t *der, size_t len, const char *what, const char *needle)
{
    wrdp_rdcleanpath_pdu p;
    wrdp_error err;
    int rc = decode_bytes(der, len, &p, &err, NULL);
    CHECK_MSG(rc == WRDP_ERR, "%s: decoded", what);
    CHECK_MSG(rc == WRDP_OK || (err.kind == WRDP_ERROR_DECODE && strstr(err.message, needle)),
              "%s: error '%s' should mention '%s'", what, err.message, needle);
}

static void test_version_and_strictness(void)
{
    size_t len;
    uint8_t *der = read_vec("request.der", &len);
    uint8_t buf[128];
    memcpy(buf, der, len);

    /* version 3389 (0x0D3D) */
    buf[7] = 0x3D;
    expect_decode_error(buf, len, "version 3389", "version 3389 is not supported");
    wrdp_error err;
    wrdp_error_clear(&err);
    size_t total;
    CHECK(wrdp_rdcleanpath_detect(buf, len, &total, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_UNSUPPORTED);
    CHECK_MSG(strstr(err.message, "3389") != NULL, "%s", err.message);
    buf[7] = 0x3E;

    /* detect: not a SEQUENCE; a length in long form where short would do; too big */
    static const uint8_t not_seq[] = {0x31, 0x03, 0xA0, 0x01, 0x00};
    CHECK(wrdp_rdcleanpath_detect(not_seq, sizeof not_seq, &total, NULL) == WRDP_ERR);
    static const uint8_t long_len[] = {0x30, 0x81, 0x05};
    CHECK(wrdp_rdcleanpath_detect(long_len, sizeof long_len, &total, NULL) == WRDP_ERR);
    static const uint8_t huge[] = {0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF};
    wrdp_error_clear(&err);
    CHECK(wrdp_rdcleanpath_detect(huge, sizeof huge, &total, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_LIMIT);
    static const uint8_t not_version[] = {0x30, 0x05, 0xA1, 0x03};
    CHECK(wrdp_rdcleanpath_detect(not_version, sizeof not_version, &total, NULL) == WRDP_ERR);
    static const uint8_t empty[] = {0x30, 0x00};
    CHECK(wrdp_rdcleanpath_detect(empty, sizeof empty, &total, NULL) == WRDP_ERR);

    /* decode: non-minimal INTEGER, negative INTEGER, trailing bytes inside [0] */
    static const uint8_t lead0[] = {0x30, 0x07, 0xA0, 0x05, 0x02, 0x03, 0x00, 0x0D, 0x3E};
    expect_decode_error(lead0, sizeof lead0, "leading zero", "shortest");
    static const uint8_t neg[] = {0x30, 0x05, 0xA0, 0x03, 0x02, 0x01, 0x80};
    expect_decode_error(neg, sizeof neg, "negative", "negative");
    static const uint8_t long_form[] = {0x30, 0x81, 0x06, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E};
    expect_decode_error(long_form, sizeof long_form, "long-form length", "shortest");
    static const uint8_t extra[] = {0x30, 0x07, 0xA0, 0x05, 0x02, 0x02, 0x0D, 0x3E, 0x00};
    expect_decode_error(extra, sizeof extra, "extra in [0]", "trailing");

    /* fields: the reserved [8], out of order, repeated, not UTF-8, wrong inner type */
    static const uint8_t f8[] = {0x30, 0x0C, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E, 0xA8, 0x04, 0x0C, 0x02, 0x61, 0x62};
    expect_decode_error(f8, sizeof f8, "field [8]", "unknown field [8]");
    static const uint8_t order[] = {0x30, 0x12, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E, 0xA3, 0x04, 0x0C,
                                    0x02, 0x61, 0x62, 0xA2, 0x04, 0x0C, 0x02, 0x61, 0x62};
    expect_decode_error(order, sizeof order, "out of order", "out of order");
    static const uint8_t again[] = {0x30, 0x12, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E, 0xA2, 0x04, 0x0C,
                                    0x02, 0x61, 0x62, 0xA2, 0x04, 0x0C, 0x02, 0x61, 0x62};
    expect_decode_error(again, sizeof again, "repeated", "repeated");
    static const uint8_t bad_utf8[] = {0x30, 0x0C, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E, 0xA2, 0x04, 0x0C, 0x02, 0xC0, 0xAF};
    expect_decode_error(bad_utf8, sizeof bad_utf8, "overlong UTF-8", "UTF-8");
    static const uint8_t octets_for_text[] = {0x30, 0x0C, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E,
                                              0xA2, 0x04, 0x04, 0x02, 0x61, 0x62};
    expect_decode_error(octets_for_text, sizeof octets_for_text, "OCTET STRING for UTF8String", "expected tag 0x0C");
    static const uint8_t big_alert[] = {0x30, 0x15, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E, 0xA1, 0x0D, 0x30, 0x0B,
                                        0xA0, 0x03, 0x02, 0x01, 0x01, 0xA3, 0x04, 0x02, 0x02, 0x01, 0x00};
    expect_decode_error(big_alert, sizeof big_alert, "TLS alert 256", "out of range");

    /* more certificates than the chain holds */
    uint8_t many[8 + 4 + 17 * 3];
    size_t n = 0;
    static const uint8_t head[] = {0x30, sizeof many - 2, 0xA0, 0x04, 0x02, 0x02, 0x0D, 0x3E,
                                   0xA7, 2 + 17 * 3, 0x30, 17 * 3};
    memcpy(many, head, sizeof head);
    n = sizeof head;
    for (int i = 0; i < 17; i++) {
        many[n++] = 0x04;
        many[n++] = 0x01;
        many[n++] = (uint8_t)i;
    }
    CHECK_EQ(n, sizeof many);
    expect_decode_error(many, sizeof many, "17 certificates", "more than 16 certificates");
    /* ... and 16 is fine */
    many[1] -= 3;
    many[9] -= 3;
    many[11] -= 3;
    wrdp_rdcleanpath_pdu p;
    CHECK(decode_bytes(many, sizeof many - 3, &p, &err, NULL) == WRDP_OK);
    CHECK_EQ(p.server_cert_count, 16);

    /* encode refuses another version and a string that is not UTF-8 */
    wrdp_rdcleanpath_pdu_init(&p);
    p.version = 3389;
    wrdp_writer w;
    wrdp_error_clear(&err);
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_rdcleanpath_encode(&p, &w) == WRDP_ERR);
    CHECK_MSG(strstr(err.message, "3389") != NULL, "%s", err.message);
    wrdp_writer_free(&w);
    wrdp_rdcleanpath_pdu_init(&p);
    p.has_server_addr = true;
    p.server_addr.data = (const uint8_t *)"\xED\xA0\x80"; /* a surrogate */
    p.server_addr.len = 3;
    wrdp_error_clear(&err);
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_rdcleanpath_encode(&p, &w) == WRDP_ERR);
    wrdp_writer_free(&w);
    free(der);
}

static void test_request_helper(void)
{
    static const uint8_t x224[] = {0xDE, 0xAD, 0xBE, 0xFF};
    wrdp_rdcleanpath_pdu p;
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK(wrdp_rdcleanpath_request_init(&p, "destination", "proxy auth", x224, sizeof x224, "PCB", &err) == WRDP_OK);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_rdcleanpath_encode(&p, &w) == WRDP_OK);
    size_t len;
    uint8_t *der = read_vec("request.der", &len);
    CHECK_MSG(w.len == len && memcmp(w.data, der, len) == 0, "the helper's request differs from IronRDP's");
    free(der);
    wrdp_rdcleanpath_pdu d;
    CHECK(decode_bytes(w.data, w.len, &d, &err, NULL) == WRDP_OK);
    CHECK(wrdp_rdcleanpath_classify(&d, &err) == WRDP_RDCLEANPATH_REQUEST);
    CHECK(str_is(d.destination, "destination") && str_is(d.proxy_auth, "proxy auth"));
    CHECK(str_is(d.preconnection_blob, "PCB") && hex_is(d.x224_connection_pdu, "deadbeff"));
    CHECK(!d.has_error && !d.has_server_auth && !d.has_server_cert_chain && !d.has_server_addr);

    /* vmconnect: no X.224, the blob names the VM */
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdcleanpath_request_init(&p, "destination", "proxy auth", NULL, 0, "PCB", &err) == WRDP_OK);
    CHECK(wrdp_rdcleanpath_encode(&p, &w) == WRDP_OK);
    der = read_vec("vmconnect_request.der", &len);
    CHECK_MSG(w.len == len && memcmp(w.data, der, len) == 0, "the helper's vmconnect request differs");
    free(der);

    /* non-ASCII text travels as UTF-8 */
    wrdp_writer_reset(&w);
    const char *vm = "VM \xC3\xA9t\xC3\xA9 \xE2\x82\xAC";
    CHECK(wrdp_rdcleanpath_request_init(&p, "h\xC3\xB4te:3389", "t", NULL, 0, vm, &err) == WRDP_OK);
    CHECK(wrdp_rdcleanpath_encode(&p, &w) == WRDP_OK);
    CHECK(decode_bytes(w.data, w.len, &d, &err, NULL) == WRDP_OK);
    CHECK(str_is(d.preconnection_blob, vm) && str_is(d.destination, "h\xC3\xB4te:3389"));

    /* refused: no X.224 and no blob, a blank blob, no token */
    wrdp_error_clear(&err);
    CHECK(wrdp_rdcleanpath_request_init(&p, "d", "t", NULL, 0, NULL, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_INVALID_ARGUMENT);
    CHECK(wrdp_rdcleanpath_request_init(&p, "d", "t", NULL, 0, " \t", &err) == WRDP_ERR);
    CHECK(wrdp_rdcleanpath_request_init(&p, "d", NULL, x224, sizeof x224, NULL, &err) == WRDP_ERR);
    CHECK(wrdp_rdcleanpath_request_init(&p, "d", "t", x224, sizeof x224, NULL, &err) == WRDP_OK);

    /* classification of incomplete PDUs, as decoded */
    wrdp_rdcleanpath_pdu_init(&p);
    p.has_destination = true;
    wrdp_error_clear(&err);
    CHECK(wrdp_rdcleanpath_classify(&p, &err) == WRDP_RDCLEANPATH_INVALID);
    CHECK_MSG(strstr(err.message, "proxy_auth") != NULL, "%s", err.message);
    p.has_proxy_auth = true;
    CHECK(wrdp_rdcleanpath_classify(&p, &err) == WRDP_RDCLEANPATH_INVALID);
    wrdp_rdcleanpath_pdu_init(&p);
    p.has_server_addr = true;
    CHECK(wrdp_rdcleanpath_classify(&p, &err) == WRDP_RDCLEANPATH_INVALID);
    wrdp_rdcleanpath_pdu_init(&p);
    CHECK(wrdp_rdcleanpath_classify(&p, &err) == WRDP_RDCLEANPATH_INVALID);
    wrdp_writer_free(&w);
}

int main(void)
{
    test_vectors_json();
    test_manifest();
    test_error_display();
    test_plain_words();
    test_version_and_strictness();
    test_request_helper();
    return test_finish("rdcleanpath");
}
