/* JSON form of the RDCleanPath PDU and its registry table (kind
 * "rdcleanpath_pdu"). Absent optional fields are absent (or null) in JSON;
 * strings are JSON strings, octet strings hex. */
#ifdef WRDP_WITH_PDU_JSON
#include <string.h>

#include "pdu/kind.h"
#include "webrdp/rdcleanpath.h"

static void kv_text(wrdp_json_writer *j, const char *key, bool has, wrdp_bytes s)
{
    if (has)
        wrdp_jw_kv_string(j, key, (const char *)s.data, s.len);
}

static void wrdp_rdcleanpath_pdu_to_json(const wrdp_rdcleanpath_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "version", in->version);
    if (in->has_error) {
        const wrdp_rdcleanpath_err *e = &in->error;
        char text[WRDP_ERROR_MESSAGE_MAX];
        wrdp_jw_key(j, "error");
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "error_code", e->error_code);
        if (e->has_http_status_code)
            wrdp_jw_kv_uint(j, "http_status_code", e->http_status_code);
        if (e->has_wsa_last_error)
            wrdp_jw_kv_uint(j, "wsa_last_error", e->wsa_last_error);
        if (e->has_tls_alert_code)
            wrdp_jw_kv_uint(j, "tls_alert_code", e->tls_alert_code);
        wrdp_rdcleanpath_err_describe(e, text, sizeof text);
        wrdp_jw_kv_cstring(j, "description", text); /* informative; ignored on input */
        wrdp_jw_object_end(j);
    }
    kv_text(j, "destination", in->has_destination, in->destination);
    kv_text(j, "proxy_auth", in->has_proxy_auth, in->proxy_auth);
    kv_text(j, "server_auth", in->has_server_auth, in->server_auth);
    kv_text(j, "preconnection_blob", in->has_preconnection_blob, in->preconnection_blob);
    if (in->has_x224_connection_pdu)
        wrdp_jw_kv_bytes(j, "x224_connection_pdu", in->x224_connection_pdu);
    if (in->has_server_cert_chain) {
        wrdp_jw_key(j, "server_cert_chain");
        wrdp_jw_array_begin(j);
        for (size_t i = 0; i < in->server_cert_count && i < WRDP_RDCLEANPATH_MAX_CERTS; i++)
            wrdp_jw_hex(j, in->server_cert_chain[i].data, in->server_cert_chain[i].len);
        wrdp_jw_array_end(j);
    }
    kv_text(j, "server_addr", in->has_server_addr, in->server_addr);
    wrdp_jw_object_end(j);
}

static bool present(const wrdp_json *obj, const char *key)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    return v && v->type != WRDP_JSON_NULL;
}

static int get_text(const wrdp_json *v, const char *key, bool *has, wrdp_bytes *out, wrdp_error *err)
{
    *has = present(v, key);
    if (!*has)
        return WRDP_OK;
    const char *s;
    size_t len;
    if (wrdp_json_get_string(v, key, &s, &len, err))
        return WRDP_ERR;
    out->data = (const uint8_t *)s;
    out->len = len;
    return WRDP_OK;
}

static int get_err(const wrdp_json *v, wrdp_rdcleanpath_err *e, wrdp_error *err)
{
    if (wrdp_json_get_u16(v, "error_code", &e->error_code, err))
        return WRDP_ERR;
    if ((e->has_http_status_code = present(v, "http_status_code")) &&
        wrdp_json_get_u16(v, "http_status_code", &e->http_status_code, err))
        return WRDP_ERR;
    if ((e->has_wsa_last_error = present(v, "wsa_last_error")) &&
        wrdp_json_get_u16(v, "wsa_last_error", &e->wsa_last_error, err))
        return WRDP_ERR;
    if ((e->has_tls_alert_code = present(v, "tls_alert_code")) &&
        wrdp_json_get_u8(v, "tls_alert_code", &e->tls_alert_code, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static int get_chain(const wrdp_json *v, wrdp_rdcleanpath_pdu *out, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "server_cert_chain", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_RDCLEANPATH_MAX_CERTS)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"server_cert_chain\": %zu certificates, at most %d",
                              arr->len, WRDP_RDCLEANPATH_MAX_CERTS);
    for (const wrdp_json *c = arr->first; c; c = c->next)
        if (wrdp_json_as_hex(c, "server_cert_chain", &out->server_cert_chain[out->server_cert_count++], a, err))
            return WRDP_ERR;
    return WRDP_OK;
}

static int wrdp_rdcleanpath_pdu_from_json(const wrdp_json *v, wrdp_rdcleanpath_pdu *out, wrdp_arena *a, wrdp_error *err)
{
    wrdp_rdcleanpath_pdu_init(out);
    if (present(v, "version") && wrdp_json_get_u64(v, "version", &out->version, err))
        return WRDP_ERR;
    if ((out->has_error = present(v, "error"))) {
        const wrdp_json *e;
        if (wrdp_json_get_object(v, "error", &e, err) || get_err(e, &out->error, err))
            return WRDP_ERR;
    }
    if (get_text(v, "destination", &out->has_destination, &out->destination, err) ||
        get_text(v, "proxy_auth", &out->has_proxy_auth, &out->proxy_auth, err) ||
        get_text(v, "server_auth", &out->has_server_auth, &out->server_auth, err) ||
        get_text(v, "preconnection_blob", &out->has_preconnection_blob, &out->preconnection_blob, err) ||
        get_text(v, "server_addr", &out->has_server_addr, &out->server_addr, err))
        return WRDP_ERR;
    if ((out->has_x224_connection_pdu = present(v, "x224_connection_pdu")) &&
        wrdp_json_get_hex(v, "x224_connection_pdu", &out->x224_connection_pdu, a, err))
        return WRDP_ERR;
    if ((out->has_server_cert_chain = present(v, "server_cert_chain")) && get_chain(v, out, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* The registry's P_decode / P_encode names for the public functions. */
static int wrdp_rdcleanpath_pdu_decode(wrdp_cursor *c, wrdp_rdcleanpath_pdu *out)
{
    return wrdp_rdcleanpath_decode(c, out);
}

static int wrdp_rdcleanpath_pdu_encode(const wrdp_rdcleanpath_pdu *in, wrdp_writer *w)
{
    return wrdp_rdcleanpath_encode(in, w);
}

WRDP_PDU_KIND_ADAPT(wrdp_rdcleanpath_pdu, wrdp_rdcleanpath_pdu)

const wrdp_pdu_kind wrdp_pdu_kinds_rdcleanpath[] = {
    WRDP_PDU_KIND_ENTRY("rdcleanpath_pdu", "RDCleanPath PDU (DER): gateway request, response or error", wrdp_rdcleanpath_pdu, wrdp_rdcleanpath_pdu),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(rdcleanpath)

#else
typedef int wrdp_rdcleanpath_json_disabled; /* keeps the translation unit non-empty */
#endif
