/* JSON forms of the licensing PDUs and the family's registry table.
 *
 * Text fields are JSON strings holding exactly the wire characters, the
 * terminating NUL included ("A02\u0000"), so the JSON round trip is exact.
 * Where the wire bytes do not survive that (unpaired surrogates, non-ASCII
 * ANSI), the field is written as hex under the name + "Hex" instead. */
#include <stdio.h>
#include <string.h>

#include "pdu/kind.h"

/* ---- helpers: writing ------------------------------------------------------ */
static void jw_preamble(wrdp_json_writer *j, const wrdp_license_preamble *p)
{
    wrdp_jw_key(j, "preamble");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "bMsgType", p->bMsgType);
    wrdp_jw_kv_uint(j, "flags", p->flags);
    wrdp_jw_kv_uint(j, "wMsgSize", p->wMsgSize);
    wrdp_jw_object_end(j);
}

static void jw_blob_value(wrdp_json_writer *j, const wrdp_license_blob *b)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "wBlobType", b->wBlobType);
    wrdp_jw_kv_bytes(j, "blobData", b->blobData);
    wrdp_jw_object_end(j);
}

static void jw_blob(wrdp_json_writer *j, const char *key, const wrdp_license_blob *b)
{
    wrdp_jw_key(j, key);
    jw_blob_value(j, b);
}

static void hex_key(char *buf, size_t cap, const char *key)
{
    snprintf(buf, cap, "%sHex", key);
}

/* True when UTF-16LE -> UTF-8 -> UTF-16LE gives back the same bytes. */
static bool utf16_lossless(wrdp_bytes b)
{
    if (b.len & 1)
        return false;
    size_t n8 = wrdp_utf16le_to_utf8(b.data, b.len, NULL, 0);
    char *s = n8 ? wrdp_alloc(n8) : NULL;
    if (n8 && !s)
        return false;
    wrdp_utf16le_to_utf8(b.data, b.len, s, n8);
    size_t n16 = wrdp_utf8_to_utf16le(s, n8, NULL, 0);
    bool same = false;
    if (n16 == b.len) {
        uint8_t *u = n16 ? wrdp_alloc(n16) : NULL;
        if (!n16 || u) {
            wrdp_utf8_to_utf16le(s, n8, u, n16);
            same = n16 == 0 || memcmp(u, b.data, n16) == 0;
        }
        wrdp_free(u);
    }
    wrdp_free(s);
    return same;
}

static void jw_utf16_field(wrdp_json_writer *j, const char *key, wrdp_bytes b)
{
    if (utf16_lossless(b)) {
        wrdp_jw_kv_utf16(j, key, b.data, b.len);
    } else {
        char k[64];
        hex_key(k, sizeof k, key);
        wrdp_jw_kv_bytes(j, k, b);
    }
}

static void jw_ansi_field(wrdp_json_writer *j, const char *key, wrdp_bytes b)
{
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] >= 0x80) {
            char k[64];
            hex_key(k, sizeof k, key);
            wrdp_jw_kv_bytes(j, k, b);
            return;
        }
    wrdp_jw_kv_string(j, key, (const char *)b.data, b.len);
}

/* ---- helpers: reading ------------------------------------------------------ */
static int bad(wrdp_error *err, const char *key, const char *what)
{
    return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "JSON: \"%s\" %s", key, what);
}

static bool present(const wrdp_json *obj, const char *key)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    return v && v->type != WRDP_JSON_NULL;
}

static int get_preamble(const wrdp_json *obj, wrdp_license_preamble *p, wrdp_error *err)
{
    const wrdp_json *o;
    if (wrdp_json_get_object(obj, "preamble", &o, err) != WRDP_OK ||
        wrdp_json_get_u8(o, "bMsgType", &p->bMsgType, err) != WRDP_OK ||
        wrdp_json_get_u8(o, "flags", &p->flags, err) != WRDP_OK)
        return WRDP_ERR;
    p->wMsgSize = 0;
    if (present(o, "wMsgSize"))
        return wrdp_json_get_u16(o, "wMsgSize", &p->wMsgSize, err);
    return WRDP_OK;
}

static int blob_from(const wrdp_json *o, wrdp_license_blob *b, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u16(o, "wBlobType", &b->wBlobType, err) != WRDP_OK ||
        wrdp_json_get_hex(o, "blobData", &b->blobData, a, err) != WRDP_OK)
        return WRDP_ERR;
    if (b->blobData.len > UINT16_MAX)
        return bad(err, "blobData", "is longer than 65535 bytes");
    return WRDP_OK;
}

static int get_blob(const wrdp_json *obj, const char *key, wrdp_license_blob *b, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *o;
    if (wrdp_json_get_object(obj, key, &o, err) != WRDP_OK)
        return WRDP_ERR;
    return blob_from(o, b, a, err);
}

static int get_fixed(const wrdp_json *obj, const char *key, uint8_t *dst, size_t n, wrdp_arena *a,
                     wrdp_error *err)
{
    wrdp_bytes b;
    if (wrdp_json_get_hex(obj, key, &b, a, err) != WRDP_OK)
        return WRDP_ERR;
    if (b.len != n)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "JSON: \"%s\" must be %zu bytes, not %zu", key, n,
                              b.len);
    memcpy(dst, b.data, n);
    return WRDP_OK;
}

static int get_utf16_field(const wrdp_json *obj, const char *key, wrdp_bytes *out, wrdp_arena *a,
                           wrdp_error *err)
{
    if (present(obj, key))
        return wrdp_json_get_utf16(obj, key, out, a, err);
    char k[64];
    hex_key(k, sizeof k, key);
    if (wrdp_json_get_hex(obj, k, out, a, err) != WRDP_OK)
        return WRDP_ERR;
    if (out->len & 1)
        return bad(err, k, "must have an even length (UTF-16)");
    return WRDP_OK;
}

static int get_ansi_field(const wrdp_json *obj, const char *key, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err)
{
    if (present(obj, key)) {
        const char *s;
        size_t len;
        if (wrdp_json_get_string(obj, key, &s, &len, err) != WRDP_OK)
            return WRDP_ERR;
        out->data = (const uint8_t *)s;
        out->len = len;
        return WRDP_OK;
    }
    char k[64];
    hex_key(k, sizeof k, key);
    return wrdp_json_get_hex(obj, k, out, a, err);
}

/* ---- header, blob and the small structures ---------------------------------- */
static void wrdp_license_header_to_json(const wrdp_license_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "flagsHi", in->flagsHi);
    jw_preamble(j, &in->preamble);
    wrdp_jw_object_end(j);
}

static int wrdp_license_header_from_json(const wrdp_json *v, wrdp_license_header *out, wrdp_arena *a,
                                         wrdp_error *err)
{
    if (wrdp_json_get_u16(v, "flags", &out->flags, err) != WRDP_OK ||
        wrdp_json_get_u16(v, "flagsHi", &out->flagsHi, err) != WRDP_OK)
        return WRDP_ERR;
    return get_preamble(v, &out->preamble, err);
}

static void wrdp_license_blob_to_json(const wrdp_license_blob *in, wrdp_json_writer *j)
{
    jw_blob_value(j, in);
}

static int wrdp_license_blob_from_json(const wrdp_json *v, wrdp_license_blob *out, wrdp_arena *a, wrdp_error *err)
{
    return blob_from(v, out, a, err);
}

static void product_info_body(const wrdp_license_product_info *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "dwVersion", in->dwVersion);
    jw_utf16_field(j, "pbCompanyName", in->pbCompanyName);
    jw_utf16_field(j, "pbProductId", in->pbProductId);
    wrdp_jw_object_end(j);
}

static void wrdp_license_product_info_to_json(const wrdp_license_product_info *in, wrdp_json_writer *j)
{
    product_info_body(in, j);
}

static int wrdp_license_product_info_from_json(const wrdp_json *v, wrdp_license_product_info *out, wrdp_arena *a,
                                               wrdp_error *err)
{
    if (wrdp_json_get_u32(v, "dwVersion", &out->dwVersion, err) != WRDP_OK ||
        get_utf16_field(v, "pbCompanyName", &out->pbCompanyName, a, err) != WRDP_OK)
        return WRDP_ERR;
    return get_utf16_field(v, "pbProductId", &out->pbProductId, a, err);
}

static void wrdp_license_key_exchange_list_to_json(const wrdp_license_key_exchange_list *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "wBlobType", in->wBlobType);
    wrdp_jw_key(j, "KeyExchangeAlg");
    wrdp_jw_array_begin(j);
    for (size_t i = 0; i < in->count && i < WRDP_LICENSE_KEY_EXCHANGE_MAX; i++)
        wrdp_jw_uint(j, in->KeyExchangeAlg[i]);
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_license_key_exchange_list_from_json(const wrdp_json *v, wrdp_license_key_exchange_list *out,
                                                    wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *arr;
    if (wrdp_json_get_u16(v, "wBlobType", &out->wBlobType, err) != WRDP_OK ||
        wrdp_json_get_array(v, "KeyExchangeAlg", &arr, err) != WRDP_OK)
        return WRDP_ERR;
    if (arr->len > WRDP_LICENSE_KEY_EXCHANGE_MAX)
        return bad(err, "KeyExchangeAlg", "has too many entries");
    out->count = arr->len;
    for (size_t i = 0; i < arr->len; i++) {
        uint64_t x;
        if (wrdp_json_as_uint(wrdp_json_at(arr, i), "KeyExchangeAlg", UINT32_MAX, &x, err) != WRDP_OK)
            return WRDP_ERR;
        out->KeyExchangeAlg[i] = (uint32_t)x;
    }
    return WRDP_OK;
}

static void wrdp_license_scope_list_to_json(const wrdp_license_scope_list *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_key(j, "ScopeArray");
    wrdp_jw_array_begin(j);
    for (uint32_t i = 0; i < in->ScopeCount && i < WRDP_LICENSE_SCOPE_MAX; i++)
        jw_blob_value(j, &in->ScopeArray[i]);
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_license_scope_list_from_json(const wrdp_json *v, wrdp_license_scope_list *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "ScopeArray", &arr, err) != WRDP_OK)
        return WRDP_ERR;
    if (arr->len > WRDP_LICENSE_SCOPE_MAX)
        return bad(err, "ScopeArray", "has too many entries");
    out->ScopeCount = (uint32_t)arr->len;
    for (size_t i = 0; i < arr->len; i++) {
        const wrdp_json *o = wrdp_json_at(arr, i);
        if (!o || o->type != WRDP_JSON_OBJECT)
            return bad(err, "ScopeArray", "entries must be objects");
        if (blob_from(o, &out->ScopeArray[i], a, err) != WRDP_OK)
            return WRDP_ERR;
    }
    return WRDP_OK;
}

static void wrdp_license_new_license_info_to_json(const wrdp_license_new_license_info *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "dwVersion", in->dwVersion);
    jw_ansi_field(j, "pbScope", in->pbScope);
    jw_utf16_field(j, "pbCompanyName", in->pbCompanyName);
    jw_utf16_field(j, "pbProductId", in->pbProductId);
    wrdp_jw_kv_bytes(j, "pbLicenseInfo", in->pbLicenseInfo);
    wrdp_jw_object_end(j);
}

static int wrdp_license_new_license_info_from_json(const wrdp_json *v, wrdp_license_new_license_info *out,
                                                   wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u32(v, "dwVersion", &out->dwVersion, err) != WRDP_OK ||
        get_ansi_field(v, "pbScope", &out->pbScope, a, err) != WRDP_OK ||
        get_utf16_field(v, "pbCompanyName", &out->pbCompanyName, a, err) != WRDP_OK ||
        get_utf16_field(v, "pbProductId", &out->pbProductId, a, err) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_json_get_hex(v, "pbLicenseInfo", &out->pbLicenseInfo, a, err);
}

static void wrdp_license_platform_challenge_response_data_to_json(
    const wrdp_license_platform_challenge_response_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "wVersion", in->wVersion);
    wrdp_jw_kv_uint(j, "wClientType", in->wClientType);
    wrdp_jw_kv_uint(j, "wLicenseDetailLevel", in->wLicenseDetailLevel);
    wrdp_jw_kv_bytes(j, "pbChallenge", in->pbChallenge);
    wrdp_jw_object_end(j);
}

static int wrdp_license_platform_challenge_response_data_from_json(
    const wrdp_json *v, wrdp_license_platform_challenge_response_data *out, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u16(v, "wVersion", &out->wVersion, err) != WRDP_OK ||
        wrdp_json_get_u16(v, "wClientType", &out->wClientType, err) != WRDP_OK ||
        wrdp_json_get_u16(v, "wLicenseDetailLevel", &out->wLicenseDetailLevel, err) != WRDP_OK ||
        wrdp_json_get_hex(v, "pbChallenge", &out->pbChallenge, a, err) != WRDP_OK)
        return WRDP_ERR;
    if (out->pbChallenge.len > UINT16_MAX)
        return bad(err, "pbChallenge", "is longer than 65535 bytes");
    return WRDP_OK;
}

static void wrdp_license_client_hardware_id_to_json(const wrdp_license_client_hardware_id *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "PlatformId", in->PlatformId);
    wrdp_jw_kv_uint(j, "Data1", in->Data1);
    wrdp_jw_kv_uint(j, "Data2", in->Data2);
    wrdp_jw_kv_uint(j, "Data3", in->Data3);
    wrdp_jw_kv_uint(j, "Data4", in->Data4);
    wrdp_jw_object_end(j);
}

static int wrdp_license_client_hardware_id_from_json(const wrdp_json *v, wrdp_license_client_hardware_id *out,
                                                     wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u32(v, "PlatformId", &out->PlatformId, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "Data1", &out->Data1, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "Data2", &out->Data2, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "Data3", &out->Data3, err) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_json_get_u32(v, "Data4", &out->Data4, err);
}

/* ---- messages ----------------------------------------------------------------- */
static void wrdp_license_server_request_to_json(const wrdp_license_server_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    wrdp_jw_kv_hex(j, "ServerRandom", in->ServerRandom, sizeof in->ServerRandom);
    wrdp_jw_key(j, "ProductInfo");
    product_info_body(&in->ProductInfo, j);
    wrdp_jw_key(j, "KeyExchangeList");
    wrdp_license_key_exchange_list_to_json(&in->KeyExchangeList, j);
    jw_blob(j, "ServerCertificate", &in->ServerCertificate);
    wrdp_jw_key(j, "ScopeList");
    wrdp_license_scope_list_to_json(&in->ScopeList, j);
    wrdp_jw_object_end(j);
}

static int wrdp_license_server_request_from_json(const wrdp_json *v, wrdp_license_server_request *out,
                                                 wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *pi, *kx, *sl;
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        get_fixed(v, "ServerRandom", out->ServerRandom, sizeof out->ServerRandom, a, err) != WRDP_OK ||
        wrdp_json_get_object(v, "ProductInfo", &pi, err) != WRDP_OK ||
        wrdp_license_product_info_from_json(pi, &out->ProductInfo, a, err) != WRDP_OK ||
        wrdp_json_get_object(v, "KeyExchangeList", &kx, err) != WRDP_OK ||
        wrdp_license_key_exchange_list_from_json(kx, &out->KeyExchangeList, a, err) != WRDP_OK ||
        get_blob(v, "ServerCertificate", &out->ServerCertificate, a, err) != WRDP_OK ||
        wrdp_json_get_object(v, "ScopeList", &sl, err) != WRDP_OK)
        return WRDP_ERR;
    return wrdp_license_scope_list_from_json(sl, &out->ScopeList, a, err);
}

static void wrdp_license_server_platform_challenge_to_json(const wrdp_license_server_platform_challenge *in,
                                                           wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    wrdp_jw_kv_uint(j, "ConnectFlags", in->ConnectFlags);
    jw_blob(j, "EncryptedPlatformChallenge", &in->EncryptedPlatformChallenge);
    wrdp_jw_kv_hex(j, "MACData", in->MACData, sizeof in->MACData);
    wrdp_jw_object_end(j);
}

static int wrdp_license_server_platform_challenge_from_json(const wrdp_json *v,
                                                            wrdp_license_server_platform_challenge *out,
                                                            wrdp_arena *a, wrdp_error *err)
{
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "ConnectFlags", &out->ConnectFlags, err) != WRDP_OK ||
        get_blob(v, "EncryptedPlatformChallenge", &out->EncryptedPlatformChallenge, a, err) != WRDP_OK)
        return WRDP_ERR;
    return get_fixed(v, "MACData", out->MACData, sizeof out->MACData, a, err);
}

static void wrdp_license_server_new_license_to_json(const wrdp_license_server_new_license *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    jw_blob(j, "EncryptedLicenseInfo", &in->EncryptedLicenseInfo);
    wrdp_jw_kv_hex(j, "MACData", in->MACData, sizeof in->MACData);
    wrdp_jw_object_end(j);
}

static int wrdp_license_server_new_license_from_json(const wrdp_json *v, wrdp_license_server_new_license *out,
                                                     wrdp_arena *a, wrdp_error *err)
{
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        get_blob(v, "EncryptedLicenseInfo", &out->EncryptedLicenseInfo, a, err) != WRDP_OK)
        return WRDP_ERR;
    return get_fixed(v, "MACData", out->MACData, sizeof out->MACData, a, err);
}

static void wrdp_license_server_upgrade_license_to_json(const wrdp_license_server_upgrade_license *in,
                                                        wrdp_json_writer *j)
{
    wrdp_license_server_new_license_to_json(in, j);
}

static int wrdp_license_server_upgrade_license_from_json(const wrdp_json *v,
                                                         wrdp_license_server_upgrade_license *out, wrdp_arena *a,
                                                         wrdp_error *err)
{
    return wrdp_license_server_new_license_from_json(v, out, a, err);
}

static void wrdp_license_error_message_to_json(const wrdp_license_error_message *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    wrdp_jw_kv_uint(j, "dwErrorCode", in->dwErrorCode);
    wrdp_jw_kv_uint(j, "dwStateTransition", in->dwStateTransition);
    jw_blob(j, "bbErrorInfo", &in->bbErrorInfo);
    wrdp_jw_kv_cstring(j, "errorText", wrdp_license_error_text(in->dwErrorCode)); /* informative only */
    wrdp_jw_object_end(j);
}

static int wrdp_license_error_message_from_json(const wrdp_json *v, wrdp_license_error_message *out, wrdp_arena *a,
                                                wrdp_error *err)
{
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "dwErrorCode", &out->dwErrorCode, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "dwStateTransition", &out->dwStateTransition, err) != WRDP_OK)
        return WRDP_ERR;
    return get_blob(v, "bbErrorInfo", &out->bbErrorInfo, a, err);
}

static void wrdp_license_client_new_license_request_to_json(const wrdp_license_client_new_license_request *in,
                                                            wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    wrdp_jw_kv_uint(j, "PreferredKeyExchangeAlg", in->PreferredKeyExchangeAlg);
    wrdp_jw_kv_uint(j, "PlatformId", in->PlatformId);
    wrdp_jw_kv_hex(j, "ClientRandom", in->ClientRandom, sizeof in->ClientRandom);
    jw_blob(j, "EncryptedPreMasterSecret", &in->EncryptedPreMasterSecret);
    jw_blob(j, "ClientUserName", &in->ClientUserName);
    jw_blob(j, "ClientMachineName", &in->ClientMachineName);
    wrdp_jw_object_end(j);
}

static int wrdp_license_client_new_license_request_from_json(const wrdp_json *v,
                                                             wrdp_license_client_new_license_request *out,
                                                             wrdp_arena *a, wrdp_error *err)
{
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "PreferredKeyExchangeAlg", &out->PreferredKeyExchangeAlg, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "PlatformId", &out->PlatformId, err) != WRDP_OK ||
        get_fixed(v, "ClientRandom", out->ClientRandom, sizeof out->ClientRandom, a, err) != WRDP_OK ||
        get_blob(v, "EncryptedPreMasterSecret", &out->EncryptedPreMasterSecret, a, err) != WRDP_OK ||
        get_blob(v, "ClientUserName", &out->ClientUserName, a, err) != WRDP_OK)
        return WRDP_ERR;
    return get_blob(v, "ClientMachineName", &out->ClientMachineName, a, err);
}

static void wrdp_license_client_license_info_to_json(const wrdp_license_client_license_info *in,
                                                     wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    wrdp_jw_kv_uint(j, "PreferredKeyExchangeAlg", in->PreferredKeyExchangeAlg);
    wrdp_jw_kv_uint(j, "PlatformId", in->PlatformId);
    wrdp_jw_kv_hex(j, "ClientRandom", in->ClientRandom, sizeof in->ClientRandom);
    jw_blob(j, "EncryptedPreMasterSecret", &in->EncryptedPreMasterSecret);
    jw_blob(j, "LicenseInfo", &in->LicenseInfo);
    jw_blob(j, "EncryptedHWID", &in->EncryptedHWID);
    wrdp_jw_kv_hex(j, "MACData", in->MACData, sizeof in->MACData);
    wrdp_jw_object_end(j);
}

static int wrdp_license_client_license_info_from_json(const wrdp_json *v, wrdp_license_client_license_info *out,
                                                      wrdp_arena *a, wrdp_error *err)
{
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "PreferredKeyExchangeAlg", &out->PreferredKeyExchangeAlg, err) != WRDP_OK ||
        wrdp_json_get_u32(v, "PlatformId", &out->PlatformId, err) != WRDP_OK ||
        get_fixed(v, "ClientRandom", out->ClientRandom, sizeof out->ClientRandom, a, err) != WRDP_OK ||
        get_blob(v, "EncryptedPreMasterSecret", &out->EncryptedPreMasterSecret, a, err) != WRDP_OK ||
        get_blob(v, "LicenseInfo", &out->LicenseInfo, a, err) != WRDP_OK ||
        get_blob(v, "EncryptedHWID", &out->EncryptedHWID, a, err) != WRDP_OK)
        return WRDP_ERR;
    return get_fixed(v, "MACData", out->MACData, sizeof out->MACData, a, err);
}

static void wrdp_license_client_platform_challenge_response_to_json(
    const wrdp_license_client_platform_challenge_response *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    jw_preamble(j, &in->preamble);
    jw_blob(j, "EncryptedPlatformChallengeResponse", &in->EncryptedPlatformChallengeResponse);
    jw_blob(j, "EncryptedHWID", &in->EncryptedHWID);
    wrdp_jw_kv_hex(j, "MACData", in->MACData, sizeof in->MACData);
    wrdp_jw_object_end(j);
}

static int wrdp_license_client_platform_challenge_response_from_json(
    const wrdp_json *v, wrdp_license_client_platform_challenge_response *out, wrdp_arena *a, wrdp_error *err)
{
    if (get_preamble(v, &out->preamble, err) != WRDP_OK ||
        get_blob(v, "EncryptedPlatformChallengeResponse", &out->EncryptedPlatformChallengeResponse, a, err) !=
            WRDP_OK ||
        get_blob(v, "EncryptedHWID", &out->EncryptedHWID, a, err) != WRDP_OK)
        return WRDP_ERR;
    return get_fixed(v, "MACData", out->MACData, sizeof out->MACData, a, err);
}

/* ---- the whole PDU: {"flags", "flagsHi", "message": {...}} ------------------- */
static void wrdp_license_pdu_to_json(const wrdp_license_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "flagsHi", in->flagsHi);
    wrdp_jw_key(j, "message");
    switch (in->u.preamble.bMsgType) {
    case WRDP_LICENSE_REQUEST:
        wrdp_license_server_request_to_json(&in->u.server_request, j);
        break;
    case WRDP_PLATFORM_CHALLENGE:
        wrdp_license_server_platform_challenge_to_json(&in->u.server_platform_challenge, j);
        break;
    case WRDP_NEW_LICENSE:
    case WRDP_UPGRADE_LICENSE:
        wrdp_license_server_new_license_to_json(&in->u.server_new_license, j);
        break;
    case WRDP_LICENSE_INFO:
        wrdp_license_client_license_info_to_json(&in->u.client_license_info, j);
        break;
    case WRDP_NEW_LICENSE_REQUEST:
        wrdp_license_client_new_license_request_to_json(&in->u.client_new_license_request, j);
        break;
    case WRDP_PLATFORM_CHALLENGE_RESPONSE:
        wrdp_license_client_platform_challenge_response_to_json(&in->u.client_platform_challenge_response, j);
        break;
    case WRDP_ERROR_ALERT:
        wrdp_license_error_message_to_json(&in->u.error_message, j);
        break;
    default:
        wrdp_jw_null(j);
        break;
    }
    wrdp_jw_object_end(j);
}

static int wrdp_license_pdu_from_json(const wrdp_json *v, wrdp_license_pdu *out, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *m;
    wrdp_license_preamble p;
    if (wrdp_json_get_u16(v, "flags", &out->flags, err) != WRDP_OK ||
        wrdp_json_get_u16(v, "flagsHi", &out->flagsHi, err) != WRDP_OK ||
        wrdp_json_get_object(v, "message", &m, err) != WRDP_OK || get_preamble(m, &p, err) != WRDP_OK)
        return WRDP_ERR;
    switch (p.bMsgType) {
    case WRDP_LICENSE_REQUEST:
        return wrdp_license_server_request_from_json(m, &out->u.server_request, a, err);
    case WRDP_PLATFORM_CHALLENGE:
        return wrdp_license_server_platform_challenge_from_json(m, &out->u.server_platform_challenge, a, err);
    case WRDP_NEW_LICENSE:
    case WRDP_UPGRADE_LICENSE:
        return wrdp_license_server_new_license_from_json(m, &out->u.server_new_license, a, err);
    case WRDP_LICENSE_INFO:
        return wrdp_license_client_license_info_from_json(m, &out->u.client_license_info, a, err);
    case WRDP_NEW_LICENSE_REQUEST:
        return wrdp_license_client_new_license_request_from_json(m, &out->u.client_new_license_request, a, err);
    case WRDP_PLATFORM_CHALLENGE_RESPONSE:
        return wrdp_license_client_platform_challenge_response_from_json(
            m, &out->u.client_platform_challenge_response, a, err);
    case WRDP_ERROR_ALERT:
        return wrdp_license_error_message_from_json(m, &out->u.error_message, a, err);
    default:
        return bad(err, "bMsgType", "is not a licensing message type");
    }
}

/* ---- registry ------------------------------------------------------------------ */
WRDP_PDU_KIND_ADAPT(wrdp_license_pdu, wrdp_license_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_license_header, wrdp_license_header)
WRDP_PDU_KIND_ADAPT(wrdp_license_blob, wrdp_license_blob)
WRDP_PDU_KIND_ADAPT(wrdp_license_product_info, wrdp_license_product_info)
WRDP_PDU_KIND_ADAPT(wrdp_license_key_exchange_list, wrdp_license_key_exchange_list)
WRDP_PDU_KIND_ADAPT(wrdp_license_scope_list, wrdp_license_scope_list)
WRDP_PDU_KIND_ADAPT(wrdp_license_server_request, wrdp_license_server_request)
WRDP_PDU_KIND_ADAPT(wrdp_license_server_platform_challenge, wrdp_license_server_platform_challenge)
WRDP_PDU_KIND_ADAPT(wrdp_license_server_new_license, wrdp_license_server_new_license)
WRDP_PDU_KIND_ADAPT(wrdp_license_server_upgrade_license, wrdp_license_server_upgrade_license)
WRDP_PDU_KIND_ADAPT(wrdp_license_new_license_info, wrdp_license_new_license_info)
WRDP_PDU_KIND_ADAPT(wrdp_license_error_message, wrdp_license_error_message)
WRDP_PDU_KIND_ADAPT(wrdp_license_client_new_license_request, wrdp_license_client_new_license_request)
WRDP_PDU_KIND_ADAPT(wrdp_license_client_license_info, wrdp_license_client_license_info)
WRDP_PDU_KIND_ADAPT(wrdp_license_client_platform_challenge_response, wrdp_license_client_platform_challenge_response)
WRDP_PDU_KIND_ADAPT(wrdp_license_platform_challenge_response_data, wrdp_license_platform_challenge_response_data)
WRDP_PDU_KIND_ADAPT(wrdp_license_client_hardware_id, wrdp_license_client_hardware_id)

const wrdp_pdu_kind wrdp_pdu_kinds_licensing[] = {
    WRDP_PDU_KIND_ENTRY("license_pdu", "Licensing PDU: basic security header + any licensing message (MS-RDPBCGR 2.2.1.12)", wrdp_license_pdu, wrdp_license_pdu),
    WRDP_PDU_KIND_ENTRY("license_header", "Licensing header: basic security header + LICENSE_PREAMBLE (MS-RDPBCGR 2.2.1.12.1.1)", wrdp_license_header, wrdp_license_header),
    WRDP_PDU_KIND_ENTRY("license_binary_blob", "LICENSE_BINARY_BLOB (MS-RDPBCGR 2.2.1.12.1.2)", wrdp_license_blob, wrdp_license_blob),
    WRDP_PDU_KIND_ENTRY("license_product_info", "Licensing Product Information (MS-RDPELE 2.2.2.1.1)", wrdp_license_product_info, wrdp_license_product_info),
    WRDP_PDU_KIND_ENTRY("license_key_exchange_list", "Licensing Key Exchange List blob (MS-RDPELE 2.2.2.1)", wrdp_license_key_exchange_list, wrdp_license_key_exchange_list),
    WRDP_PDU_KIND_ENTRY("license_scope_list", "Licensing Scope List (MS-RDPELE 2.2.2.1.2)", wrdp_license_scope_list, wrdp_license_scope_list),
    WRDP_PDU_KIND_ENTRY("license_server_request", "Server License Request, from the preamble (MS-RDPELE 2.2.2.1)", wrdp_license_server_request, wrdp_license_server_request),
    WRDP_PDU_KIND_ENTRY("license_server_platform_challenge", "Server Platform Challenge, from the preamble (MS-RDPELE 2.2.2.4)", wrdp_license_server_platform_challenge, wrdp_license_server_platform_challenge),
    WRDP_PDU_KIND_ENTRY("license_server_new_license", "Server New License, from the preamble (MS-RDPELE 2.2.2.7)", wrdp_license_server_new_license, wrdp_license_server_new_license),
    WRDP_PDU_KIND_ENTRY("license_server_upgrade_license", "Server Upgrade License, from the preamble (MS-RDPELE 2.2.2.6)", wrdp_license_server_upgrade_license, wrdp_license_server_upgrade_license),
    WRDP_PDU_KIND_ENTRY("license_new_license_info", "New License Information, decrypted (MS-RDPELE 2.2.2.6.1)", wrdp_license_new_license_info, wrdp_license_new_license_info),
    WRDP_PDU_KIND_ENTRY("license_error_message", "Licensing Error Message, from the preamble (MS-RDPBCGR 2.2.1.12.1.3)", wrdp_license_error_message, wrdp_license_error_message),
    WRDP_PDU_KIND_ENTRY("license_client_new_license_request", "Client New License Request, from the preamble (MS-RDPELE 2.2.2.2)", wrdp_license_client_new_license_request, wrdp_license_client_new_license_request),
    WRDP_PDU_KIND_ENTRY("license_client_license_info", "Client License Information, from the preamble (MS-RDPELE 2.2.2.3)", wrdp_license_client_license_info, wrdp_license_client_license_info),
    WRDP_PDU_KIND_ENTRY("license_client_platform_challenge_response", "Client Platform Challenge Response, from the preamble (MS-RDPELE 2.2.2.5)", wrdp_license_client_platform_challenge_response, wrdp_license_client_platform_challenge_response),
    WRDP_PDU_KIND_ENTRY("license_platform_challenge_response_data", "PLATFORM_CHALLENGE_RESPONSE_DATA, decrypted (MS-RDPELE 2.2.2.5.1)", wrdp_license_platform_challenge_response_data, wrdp_license_platform_challenge_response_data),
    WRDP_PDU_KIND_ENTRY("license_client_hardware_id", "CLIENT_HARDWARE_ID, decrypted (MS-RDPELE 2.2.2.3.1)", wrdp_license_client_hardware_id, wrdp_license_client_hardware_id),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(licensing)
