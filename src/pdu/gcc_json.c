/* JSON forms of the GCC family and its registry table. Fixed-size text fields
 * (client name, IME file name, product id, channel names) are JSON strings when
 * that keeps every byte; otherwise "<field>Raw" carries them as hex. */
#include <string.h>

#include "pdu/kind.h"

static bool has(const wrdp_json *o, const char *key)
{
    const wrdp_json *v = wrdp_json_get(o, key);
    return v && v->type != WRDP_JSON_NULL;
}

static int bad(wrdp_error *err, const char *what)
{
    return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "%s", what);
}

/* ---- fixed text fields ------------------------------------------------------ */

/* A UTF-16LE field is written as a string when converting it back gives the same bytes. */
static void utf16_field_to_json(wrdp_json_writer *j, const char *key, const char *rawkey, const uint8_t *data,
                                size_t n)
{
    size_t len = wrdp_utf16le_strnlen(data, n);
    bool clean = true;
    for (size_t i = len; i < n; i++)
        if (data[i])
            clean = false;
    if (clean) {
        char utf8[200];
        uint8_t back[64];
        size_t u = wrdp_utf16le_to_utf8(data, len, utf8, sizeof utf8);
        size_t b = u <= sizeof utf8 ? wrdp_utf8_to_utf16le(utf8, u, back, sizeof back) : SIZE_MAX;
        clean = b == len && memcmp(back, data, len) == 0;
    }
    if (clean)
        wrdp_jw_kv_utf16(j, key, data, len);
    else
        wrdp_jw_kv_hex(j, rawkey, data, n);
}

static int utf16_field_from_json(const wrdp_json *o, const char *key, const char *rawkey, uint8_t *dst, size_t n,
                                 wrdp_arena *a, wrdp_error *err)
{
    wrdp_bytes b;
    memset(dst, 0, n);
    if (has(o, rawkey)) {
        if (wrdp_json_get_hex(o, rawkey, &b, a, err))
            return WRDP_ERR;
        if (b.len != n)
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "%s must be %zu bytes", rawkey, n);
    } else {
        if (wrdp_json_get_utf16(o, key, &b, a, err))
            return WRDP_ERR;
        if (b.len > n)
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "%s longer than %zu bytes of UTF-16", key, n);
    }
    if (b.len)
        memcpy(dst, b.data, b.len);
    return WRDP_OK;
}

static void name_to_json(wrdp_json_writer *j, const char name[8])
{
    size_t len = 0;
    while (len < 8 && name[len])
        len++;
    bool clean = true;
    for (size_t i = 0; i < 8; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (i < len ? (ch < 0x20 || ch > 0x7E) : ch != 0)
            clean = false;
    }
    if (clean)
        wrdp_jw_kv_string(j, "name", name, len);
    else
        wrdp_jw_kv_hex(j, "nameRaw", name, 8);
}

static int name_from_json(const wrdp_json *o, char name[8], wrdp_arena *a, wrdp_error *err)
{
    memset(name, 0, 8);
    if (has(o, "nameRaw")) {
        wrdp_bytes b;
        if (wrdp_json_get_hex(o, "nameRaw", &b, a, err))
            return WRDP_ERR;
        if (b.len != 8)
            return bad(err, "nameRaw must be 8 bytes");
        memcpy(name, b.data, 8);
        return WRDP_OK;
    }
    const char *s;
    size_t len;
    if (wrdp_json_get_string(o, "name", &s, &len, err))
        return WRDP_ERR;
    if (len > 8)
        return bad(err, "name longer than 8 bytes");
    memcpy(name, s, len);
    return WRDP_OK;
}

/* ---- Client Core Data ----------------------------------------------------------- */

static const char *const core_optional_name[WRDP_GCC_CORE_OPTIONAL_FIELDS] = {
    "postBeta2ColorDepth", "clientProductId",      "serialNumber",          "highColorDepth",
    "supportedColorDepths", "earlyCapabilityFlags", "clientDigProductId",    "connectionType",
    "pad1octet",           "serverSelectedProtocol", "desktopPhysicalWidth", "desktopPhysicalHeight",
    "desktopOrientation",  "desktopScaleFactor",   "deviceScaleFactor"};

static void wrdp_gcc_client_core_data_to_json(const wrdp_gcc_client_core_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "version", in->version);
    wrdp_jw_kv_uint(j, "desktopWidth", in->desktopWidth);
    wrdp_jw_kv_uint(j, "desktopHeight", in->desktopHeight);
    wrdp_jw_kv_uint(j, "colorDepth", in->colorDepth);
    wrdp_jw_kv_uint(j, "SASSequence", in->SASSequence);
    wrdp_jw_kv_uint(j, "keyboardLayout", in->keyboardLayout);
    wrdp_jw_kv_uint(j, "clientBuild", in->clientBuild);
    utf16_field_to_json(j, "clientName", "clientNameRaw", in->clientName, sizeof in->clientName);
    wrdp_jw_kv_uint(j, "keyboardType", in->keyboardType);
    wrdp_jw_kv_uint(j, "keyboardSubType", in->keyboardSubType);
    wrdp_jw_kv_uint(j, "keyboardFunctionKey", in->keyboardFunctionKey);
    utf16_field_to_json(j, "imeFileName", "imeFileNameRaw", in->imeFileName, sizeof in->imeFileName);
    const uint32_t v[WRDP_GCC_CORE_OPTIONAL_FIELDS] = {
        in->postBeta2ColorDepth,  in->clientProductId,       in->serialNumber,          in->highColorDepth,
        in->supportedColorDepths, in->earlyCapabilityFlags,  0,                         in->connectionType,
        in->pad1octet,            in->serverSelectedProtocol, in->desktopPhysicalWidth, in->desktopPhysicalHeight,
        in->desktopOrientation,   in->desktopScaleFactor,    in->deviceScaleFactor};
    for (int i = 0; i < in->optionalFieldCount && i < WRDP_GCC_CORE_OPTIONAL_FIELDS; i++) {
        if (i == 6)
            utf16_field_to_json(j, "clientDigProductId", "clientDigProductIdRaw", in->clientDigProductId,
                                sizeof in->clientDigProductId);
        else
            wrdp_jw_kv_uint(j, core_optional_name[i], v[i]);
    }
    if (in->trailing.len)
        wrdp_jw_kv_bytes(j, "trailing", in->trailing);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_client_core_data_from_json(const wrdp_json *o, wrdp_gcc_client_core_data *out, wrdp_arena *a,
                                               wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_u32(o, "version", &out->version, err) ||
        wrdp_json_get_u16(o, "desktopWidth", &out->desktopWidth, err) ||
        wrdp_json_get_u16(o, "desktopHeight", &out->desktopHeight, err) ||
        wrdp_json_get_u16(o, "colorDepth", &out->colorDepth, err) ||
        wrdp_json_get_u16(o, "SASSequence", &out->SASSequence, err) ||
        wrdp_json_get_u32(o, "keyboardLayout", &out->keyboardLayout, err) ||
        wrdp_json_get_u32(o, "clientBuild", &out->clientBuild, err) ||
        utf16_field_from_json(o, "clientName", "clientNameRaw", out->clientName, sizeof out->clientName, a, err) ||
        wrdp_json_get_u32(o, "keyboardType", &out->keyboardType, err) ||
        wrdp_json_get_u32(o, "keyboardSubType", &out->keyboardSubType, err) ||
        wrdp_json_get_u32(o, "keyboardFunctionKey", &out->keyboardFunctionKey, err) ||
        utf16_field_from_json(o, "imeFileName", "imeFileNameRaw", out->imeFileName, sizeof out->imeFileName, a, err))
        return WRDP_ERR;
    for (int i = 0; i < WRDP_GCC_CORE_OPTIONAL_FIELDS; i++) {
        const char *k = core_optional_name[i];
        int rc;
        if (i == 6) {
            if (!has(o, k) && !has(o, "clientDigProductIdRaw"))
                break;
            rc = utf16_field_from_json(o, k, "clientDigProductIdRaw", out->clientDigProductId,
                                       sizeof out->clientDigProductId, a, err);
        } else {
            if (!has(o, k))
                break;
            switch (i) {
            case 0: rc = wrdp_json_get_u16(o, k, &out->postBeta2ColorDepth, err); break;
            case 1: rc = wrdp_json_get_u16(o, k, &out->clientProductId, err); break;
            case 2: rc = wrdp_json_get_u32(o, k, &out->serialNumber, err); break;
            case 3: rc = wrdp_json_get_u16(o, k, &out->highColorDepth, err); break;
            case 4: rc = wrdp_json_get_u16(o, k, &out->supportedColorDepths, err); break;
            case 5: rc = wrdp_json_get_u16(o, k, &out->earlyCapabilityFlags, err); break;
            case 7: rc = wrdp_json_get_u8(o, k, &out->connectionType, err); break;
            case 8: rc = wrdp_json_get_u8(o, k, &out->pad1octet, err); break;
            case 9: rc = wrdp_json_get_u32(o, k, &out->serverSelectedProtocol, err); break;
            case 10: rc = wrdp_json_get_u32(o, k, &out->desktopPhysicalWidth, err); break;
            case 11: rc = wrdp_json_get_u32(o, k, &out->desktopPhysicalHeight, err); break;
            case 12: rc = wrdp_json_get_u16(o, k, &out->desktopOrientation, err); break;
            case 13: rc = wrdp_json_get_u32(o, k, &out->desktopScaleFactor, err); break;
            default: rc = wrdp_json_get_u32(o, k, &out->deviceScaleFactor, err); break;
            }
        }
        if (rc)
            return WRDP_ERR;
        out->optionalFieldCount = (uint8_t)(i + 1);
    }
    if (has(o, "trailing") && wrdp_json_get_hex(o, "trailing", &out->trailing, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- small client blocks ------------------------------------------------------------ */

static void wrdp_gcc_client_security_data_to_json(const wrdp_gcc_client_security_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "encryptionMethods", in->encryptionMethods);
    wrdp_jw_kv_uint(j, "extEncryptionMethods", in->extEncryptionMethods);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_client_security_data_from_json(const wrdp_json *o, wrdp_gcc_client_security_data *out,
                                                   wrdp_arena *a, wrdp_error *err)
{
    return wrdp_json_get_u32(o, "encryptionMethods", &out->encryptionMethods, err) ||
                   wrdp_json_get_u32(o, "extEncryptionMethods", &out->extEncryptionMethods, err)
               ? WRDP_ERR
               : WRDP_OK;
}

static void wrdp_gcc_client_cluster_data_to_json(const wrdp_gcc_client_cluster_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "Flags", in->Flags);
    wrdp_jw_kv_uint(j, "RedirectedSessionID", in->RedirectedSessionID);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_client_cluster_data_from_json(const wrdp_json *o, wrdp_gcc_client_cluster_data *out,
                                                  wrdp_arena *a, wrdp_error *err)
{
    return wrdp_json_get_u32(o, "Flags", &out->Flags, err) ||
                   wrdp_json_get_u32(o, "RedirectedSessionID", &out->RedirectedSessionID, err)
               ? WRDP_ERR
               : WRDP_OK;
}

#define FLAGS_ONLY_JSON(P, T)                                                                   \
    static void P##_to_json(const T *in, wrdp_json_writer *j)                                   \
    {                                                                                           \
        wrdp_jw_object_begin(j);                                                                \
        wrdp_jw_kv_uint(j, "flags", in->flags);                                                 \
        wrdp_jw_object_end(j);                                                                  \
    }                                                                                           \
    static int P##_from_json(const wrdp_json *o, T *out, wrdp_arena *a, wrdp_error *err)        \
    {                                                                                           \
        return wrdp_json_get_u32(o, "flags", &out->flags, err);                                 \
    }
FLAGS_ONLY_JSON(wrdp_gcc_client_message_channel_data, wrdp_gcc_client_message_channel_data)
FLAGS_ONLY_JSON(wrdp_gcc_client_multitransport_channel_data, wrdp_gcc_client_multitransport_channel_data)
FLAGS_ONLY_JSON(wrdp_gcc_server_multitransport_channel_data, wrdp_gcc_server_multitransport_channel_data)

/* ---- Client Network Data ---------------------------------------------------------------- */

static void wrdp_gcc_client_network_data_to_json(const wrdp_gcc_client_network_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "channelCount", in->channelCount);
    wrdp_jw_key(j, "channelDefArray");
    wrdp_jw_array_begin(j);
    for (uint32_t i = 0; i < in->channelCount && i < WRDP_GCC_CHANNELS_MAX; i++) {
        wrdp_jw_object_begin(j);
        name_to_json(j, in->channelDefArray[i].name);
        wrdp_jw_kv_uint(j, "options", in->channelDefArray[i].options);
        wrdp_jw_object_end(j);
    }
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_client_network_data_from_json(const wrdp_json *o, wrdp_gcc_client_network_data *out,
                                                  wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *arr;
    if (wrdp_json_get_array(o, "channelDefArray", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_GCC_CHANNELS_MAX)
        return bad(err, "channelDefArray: at most 31 channels");
    out->channelCount = (uint32_t)arr->len;
    for (size_t i = 0; i < arr->len; i++) {
        const wrdp_json *e = wrdp_json_at(arr, i);
        if (name_from_json(e, out->channelDefArray[i].name, a, err) ||
            wrdp_json_get_u32(e, "options", &out->channelDefArray[i].options, err))
            return WRDP_ERR;
    }
    return WRDP_OK;
}

/* ---- Client Monitor Data / Extended ---------------------------------------------------------- */

static void wrdp_gcc_client_monitor_data_to_json(const wrdp_gcc_client_monitor_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "monitorCount", in->monitorCount);
    wrdp_jw_key(j, "monitorDefArray");
    wrdp_jw_array_begin(j);
    for (uint32_t i = 0; i < in->monitorCount && i < WRDP_GCC_MONITORS_MAX; i++) {
        const wrdp_gcc_monitor_def *m = &in->monitorDefArray[i];
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_int(j, "left", m->left);
        wrdp_jw_kv_int(j, "top", m->top);
        wrdp_jw_kv_int(j, "right", m->right);
        wrdp_jw_kv_int(j, "bottom", m->bottom);
        wrdp_jw_kv_uint(j, "flags", m->flags);
        wrdp_jw_object_end(j);
    }
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_client_monitor_data_from_json(const wrdp_json *o, wrdp_gcc_client_monitor_data *out,
                                                  wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *arr;
    if (wrdp_json_get_u32(o, "flags", &out->flags, err) || wrdp_json_get_array(o, "monitorDefArray", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_GCC_MONITORS_MAX)
        return bad(err, "monitorDefArray: at most 16 monitors");
    out->monitorCount = (uint32_t)arr->len;
    for (size_t i = 0; i < arr->len; i++) {
        const wrdp_json *e = wrdp_json_at(arr, i);
        wrdp_gcc_monitor_def *m = &out->monitorDefArray[i];
        if (wrdp_json_get_i32(e, "left", &m->left, err) || wrdp_json_get_i32(e, "top", &m->top, err) ||
            wrdp_json_get_i32(e, "right", &m->right, err) || wrdp_json_get_i32(e, "bottom", &m->bottom, err) ||
            wrdp_json_get_u32(e, "flags", &m->flags, err))
            return WRDP_ERR;
    }
    return WRDP_OK;
}

static void wrdp_gcc_client_monitor_extended_data_to_json(const wrdp_gcc_client_monitor_extended_data *in,
                                                          wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "monitorAttributeSize", WRDP_GCC_MONITOR_ATTRIBUTE_SIZE);
    wrdp_jw_kv_uint(j, "monitorCount", in->monitorCount);
    wrdp_jw_key(j, "monitorAttributesArray");
    wrdp_jw_array_begin(j);
    for (uint32_t i = 0; i < in->monitorCount && i < WRDP_GCC_MONITORS_MAX; i++) {
        const wrdp_gcc_monitor_attributes *m = &in->monitorAttributesArray[i];
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "physicalWidth", m->physicalWidth);
        wrdp_jw_kv_uint(j, "physicalHeight", m->physicalHeight);
        wrdp_jw_kv_uint(j, "orientation", m->orientation);
        wrdp_jw_kv_uint(j, "desktopScaleFactor", m->desktopScaleFactor);
        wrdp_jw_kv_uint(j, "deviceScaleFactor", m->deviceScaleFactor);
        wrdp_jw_object_end(j);
    }
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_client_monitor_extended_data_from_json(const wrdp_json *o,
                                                           wrdp_gcc_client_monitor_extended_data *out,
                                                           wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *arr;
    if (wrdp_json_get_u32(o, "flags", &out->flags, err) ||
        wrdp_json_get_array(o, "monitorAttributesArray", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_GCC_MONITORS_MAX)
        return bad(err, "monitorAttributesArray: at most 16 monitors");
    out->monitorCount = (uint32_t)arr->len;
    for (size_t i = 0; i < arr->len; i++) {
        const wrdp_json *e = wrdp_json_at(arr, i);
        wrdp_gcc_monitor_attributes *m = &out->monitorAttributesArray[i];
        if (wrdp_json_get_u32(e, "physicalWidth", &m->physicalWidth, err) ||
            wrdp_json_get_u32(e, "physicalHeight", &m->physicalHeight, err) ||
            wrdp_json_get_u32(e, "orientation", &m->orientation, err) ||
            wrdp_json_get_u32(e, "desktopScaleFactor", &m->desktopScaleFactor, err) ||
            wrdp_json_get_u32(e, "deviceScaleFactor", &m->deviceScaleFactor, err))
            return WRDP_ERR;
    }
    return WRDP_OK;
}

/* ---- Server blocks ---------------------------------------------------------------------- */

static void wrdp_gcc_server_core_data_to_json(const wrdp_gcc_server_core_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "version", in->version);
    if (in->optionalFieldCount >= 1)
        wrdp_jw_kv_uint(j, "clientRequestedProtocols", in->clientRequestedProtocols);
    if (in->optionalFieldCount >= 2)
        wrdp_jw_kv_uint(j, "earlyCapabilityFlags", in->earlyCapabilityFlags);
    if (in->trailing.len)
        wrdp_jw_kv_bytes(j, "trailing", in->trailing);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_server_core_data_from_json(const wrdp_json *o, wrdp_gcc_server_core_data *out, wrdp_arena *a,
                                               wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_u32(o, "version", &out->version, err))
        return WRDP_ERR;
    if (has(o, "clientRequestedProtocols")) {
        if (wrdp_json_get_u32(o, "clientRequestedProtocols", &out->clientRequestedProtocols, err))
            return WRDP_ERR;
        out->optionalFieldCount = 1;
        if (has(o, "earlyCapabilityFlags")) {
            if (wrdp_json_get_u32(o, "earlyCapabilityFlags", &out->earlyCapabilityFlags, err))
                return WRDP_ERR;
            out->optionalFieldCount = 2;
        }
    }
    if (has(o, "trailing") && wrdp_json_get_hex(o, "trailing", &out->trailing, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static void wrdp_gcc_server_security_data_to_json(const wrdp_gcc_server_security_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "encryptionMethod", in->encryptionMethod);
    wrdp_jw_kv_uint(j, "encryptionLevel", in->encryptionLevel);
    if (in->encryptionMethod || in->encryptionLevel) {
        wrdp_jw_kv_bytes(j, "serverRandom", in->serverRandom);
        wrdp_jw_kv_bytes(j, "serverCertificate", in->serverCertificate);
    }
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_server_security_data_from_json(const wrdp_json *o, wrdp_gcc_server_security_data *out,
                                                   wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_u32(o, "encryptionMethod", &out->encryptionMethod, err) ||
        wrdp_json_get_u32(o, "encryptionLevel", &out->encryptionLevel, err))
        return WRDP_ERR;
    if (!out->encryptionMethod && !out->encryptionLevel)
        return WRDP_OK;
    return wrdp_json_get_hex(o, "serverRandom", &out->serverRandom, a, err) ||
                   wrdp_json_get_hex(o, "serverCertificate", &out->serverCertificate, a, err)
               ? WRDP_ERR
               : WRDP_OK;
}

static void wrdp_gcc_server_certificate_to_json(const wrdp_gcc_server_certificate *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "dwVersion", in->dwVersion);
    if ((in->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK) == WRDP_CERT_CHAIN_VERSION_1) {
        const wrdp_gcc_proprietary_certificate *p = &in->proprietary;
        wrdp_jw_key(j, "proprietary");
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "dwSigAlgId", p->dwSigAlgId);
        wrdp_jw_kv_uint(j, "dwKeyAlgId", p->dwKeyAlgId);
        wrdp_jw_kv_uint(j, "wPublicKeyBlobType", p->wPublicKeyBlobType);
        wrdp_jw_key(j, "PublicKeyBlob");
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "magic", p->PublicKeyBlob.magic);
        wrdp_jw_kv_uint(j, "keylen", p->PublicKeyBlob.modulus.len);
        wrdp_jw_kv_uint(j, "bitlen", p->PublicKeyBlob.bitlen);
        wrdp_jw_kv_uint(j, "datalen", p->PublicKeyBlob.datalen);
        wrdp_jw_kv_uint(j, "pubExp", p->PublicKeyBlob.pubExp);
        wrdp_jw_kv_bytes(j, "modulus", p->PublicKeyBlob.modulus);
        wrdp_jw_object_end(j);
        wrdp_jw_kv_uint(j, "wSignatureBlobType", p->wSignatureBlobType);
        wrdp_jw_kv_bytes(j, "SignatureBlob", p->SignatureBlob);
        wrdp_jw_object_end(j);
    } else if ((in->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK) == WRDP_CERT_CHAIN_VERSION_2) {
        const wrdp_gcc_x509_certificate_chain *x = &in->x509;
        wrdp_jw_key(j, "x509");
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "NumCertBlobs", x->NumCertBlobs);
        wrdp_jw_key(j, "CertBlobArray");
        wrdp_jw_array_begin(j);
        for (uint32_t i = 0; i < x->NumCertBlobs && i < WRDP_GCC_CERT_BLOBS_MAX; i++)
            wrdp_jw_hex(j, x->CertBlobArray[i].data, x->CertBlobArray[i].len);
        wrdp_jw_array_end(j);
        wrdp_jw_kv_bytes(j, "Padding", x->Padding);
        wrdp_jw_object_end(j);
    }
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_server_certificate_from_json(const wrdp_json *o, wrdp_gcc_server_certificate *out,
                                                 wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_u32(o, "dwVersion", &out->dwVersion, err))
        return WRDP_ERR;
    const wrdp_json *p, *k, *arr;
    switch (out->dwVersion & WRDP_CERT_CHAIN_VERSION_MASK) {
    case WRDP_CERT_CHAIN_VERSION_1: {
        wrdp_gcc_proprietary_certificate *c = &out->proprietary;
        if (wrdp_json_get_object(o, "proprietary", &p, err) ||
            wrdp_json_get_u32(p, "dwSigAlgId", &c->dwSigAlgId, err) ||
            wrdp_json_get_u32(p, "dwKeyAlgId", &c->dwKeyAlgId, err) ||
            wrdp_json_get_u16(p, "wPublicKeyBlobType", &c->wPublicKeyBlobType, err) ||
            wrdp_json_get_object(p, "PublicKeyBlob", &k, err) ||
            wrdp_json_get_u32(k, "magic", &c->PublicKeyBlob.magic, err) ||
            wrdp_json_get_u32(k, "bitlen", &c->PublicKeyBlob.bitlen, err) ||
            wrdp_json_get_u32(k, "datalen", &c->PublicKeyBlob.datalen, err) ||
            wrdp_json_get_u32(k, "pubExp", &c->PublicKeyBlob.pubExp, err) ||
            wrdp_json_get_hex(k, "modulus", &c->PublicKeyBlob.modulus, a, err) ||
            wrdp_json_get_u16(p, "wSignatureBlobType", &c->wSignatureBlobType, err) ||
            wrdp_json_get_hex(p, "SignatureBlob", &c->SignatureBlob, a, err))
            return WRDP_ERR;
        return WRDP_OK;
    }
    case WRDP_CERT_CHAIN_VERSION_2: {
        wrdp_gcc_x509_certificate_chain *x = &out->x509;
        if (wrdp_json_get_object(o, "x509", &p, err) || wrdp_json_get_array(p, "CertBlobArray", &arr, err))
            return WRDP_ERR;
        if (arr->len > WRDP_GCC_CERT_BLOBS_MAX)
            return bad(err, "CertBlobArray: too many certificates");
        x->NumCertBlobs = (uint32_t)arr->len;
        for (size_t i = 0; i < arr->len; i++)
            if (wrdp_json_as_hex(wrdp_json_at(arr, i), "CertBlobArray", &x->CertBlobArray[i], a, err))
                return WRDP_ERR;
        return wrdp_json_get_hex(p, "Padding", &x->Padding, a, err);
    }
    default: return bad(err, "dwVersion: unknown certificate chain version");
    }
}

static void wrdp_gcc_server_network_data_to_json(const wrdp_gcc_server_network_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "MCSChannelId", in->MCSChannelId);
    wrdp_jw_kv_uint(j, "channelCount", in->channelCount);
    wrdp_jw_key(j, "channelIdArray");
    wrdp_jw_array_begin(j);
    for (uint16_t i = 0; i < in->channelCount && i < WRDP_GCC_CHANNELS_MAX; i++)
        wrdp_jw_uint(j, in->channelIdArray[i]);
    wrdp_jw_array_end(j);
    if ((in->channelCount & 1) && in->padPresent)
        wrdp_jw_kv_uint(j, "Pad", in->Pad);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_server_network_data_from_json(const wrdp_json *o, wrdp_gcc_server_network_data *out,
                                                  wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *arr;
    if (wrdp_json_get_u16(o, "MCSChannelId", &out->MCSChannelId, err) ||
        wrdp_json_get_array(o, "channelIdArray", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_GCC_CHANNELS_MAX)
        return bad(err, "channelIdArray: at most 31 channels");
    out->channelCount = (uint16_t)arr->len;
    for (size_t i = 0; i < arr->len; i++) {
        uint64_t v;
        if (wrdp_json_as_uint(wrdp_json_at(arr, i), "channelIdArray", 0xFFFF, &v, err))
            return WRDP_ERR;
        out->channelIdArray[i] = (uint16_t)v;
    }
    if (has(o, "Pad")) {
        if (wrdp_json_get_u16(o, "Pad", &out->Pad, err))
            return WRDP_ERR;
        out->padPresent = true;
    }
    return WRDP_OK;
}

static void wrdp_gcc_server_message_channel_data_to_json(const wrdp_gcc_server_message_channel_data *in,
                                                         wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "MCSChannelID", in->MCSChannelID);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_server_message_channel_data_from_json(const wrdp_json *o,
                                                          wrdp_gcc_server_message_channel_data *out, wrdp_arena *a,
                                                          wrdp_error *err)
{
    return wrdp_json_get_u16(o, "MCSChannelID", &out->MCSChannelID, err);
}

/* ---- block lists: {"blocks": [{"type": n, "<blockName>": {...}} or {"type": n, "data": hex}]} ---- */

static void other_to_json(wrdp_json_writer *j, const wrdp_gcc_other_block *b)
{
    wrdp_jw_kv_bytes(j, "data", b->data);
}

static void wrdp_gcc_client_data_blocks_to_json(const wrdp_gcc_client_data_blocks *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_key(j, "blocks");
    wrdp_jw_array_begin(j);
    size_t k = 0;
    for (size_t i = 0; i < in->blockCount && i < WRDP_GCC_BLOCKS_MAX; i++) {
        uint16_t t = in->blockTypes[i];
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "type", t);
        switch (t) {
        case WRDP_CS_CORE:
            wrdp_jw_key(j, "clientCoreData");
            wrdp_gcc_client_core_data_to_json(&in->clientCoreData, j);
            break;
        case WRDP_CS_SECURITY:
            wrdp_jw_key(j, "clientSecurityData");
            wrdp_gcc_client_security_data_to_json(&in->clientSecurityData, j);
            break;
        case WRDP_CS_NET:
            wrdp_jw_key(j, "clientNetworkData");
            wrdp_gcc_client_network_data_to_json(&in->clientNetworkData, j);
            break;
        case WRDP_CS_CLUSTER:
            wrdp_jw_key(j, "clientClusterData");
            wrdp_gcc_client_cluster_data_to_json(&in->clientClusterData, j);
            break;
        case WRDP_CS_MONITOR:
            wrdp_jw_key(j, "clientMonitorData");
            wrdp_gcc_client_monitor_data_to_json(&in->clientMonitorData, j);
            break;
        case WRDP_CS_MCS_MSGCHANNEL:
            wrdp_jw_key(j, "clientMessageChannelData");
            wrdp_gcc_client_message_channel_data_to_json(&in->clientMessageChannelData, j);
            break;
        case WRDP_CS_MONITOR_EX:
            wrdp_jw_key(j, "clientMonitorExtendedData");
            wrdp_gcc_client_monitor_extended_data_to_json(&in->clientMonitorExtendedData, j);
            break;
        case WRDP_CS_MULTITRANSPORT:
            wrdp_jw_key(j, "clientMultitransportChannelData");
            wrdp_gcc_client_multitransport_channel_data_to_json(&in->clientMultitransportChannelData, j);
            break;
        default:
            if (k < in->otherCount && k < WRDP_GCC_OTHER_BLOCKS_MAX)
                other_to_json(j, &in->other[k++]);
            break;
        }
        wrdp_jw_object_end(j);
    }
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

/* Reads the "type" of a list element and checks the list's limits. */
static int list_entry(const wrdp_json *arr, size_t i, const wrdp_json **e, uint16_t *type, wrdp_error *err)
{
    if (i >= WRDP_GCC_BLOCKS_MAX)
        return bad(err, "blocks: too many");
    *e = wrdp_json_at(arr, i);
    return wrdp_json_get_u16(*e, "type", type, err);
}

static int other_from_json(const wrdp_json *e, uint16_t type, wrdp_gcc_other_block *other, size_t *count,
                           wrdp_arena *a, wrdp_error *err)
{
    if (*count >= WRDP_GCC_OTHER_BLOCKS_MAX)
        return bad(err, "blocks: too many of unknown types");
    other[*count].type = type;
    if (wrdp_json_get_hex(e, "data", &other[*count].data, a, err))
        return WRDP_ERR;
    (*count)++;
    return WRDP_OK;
}

static int mark_present(bool *present, wrdp_error *err)
{
    if (*present)
        return bad(err, "blocks: a block type appears twice");
    *present = true;
    return WRDP_OK;
}

static int wrdp_gcc_client_data_blocks_from_json(const wrdp_json *o, wrdp_gcc_client_data_blocks *out,
                                                 wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *arr, *e, *b;
    if (wrdp_json_get_array(o, "blocks", &arr, err))
        return WRDP_ERR;
    for (size_t i = 0; i < arr->len; i++) {
        uint16_t t;
        if (list_entry(arr, i, &e, &t, err))
            return WRDP_ERR;
        int rc;
        switch (t) {
        case WRDP_CS_CORE:
            rc = mark_present(&out->clientCoreDataPresent, err) ||
                 wrdp_json_get_object(e, "clientCoreData", &b, err) ||
                 wrdp_gcc_client_core_data_from_json(b, &out->clientCoreData, a, err);
            break;
        case WRDP_CS_SECURITY:
            rc = mark_present(&out->clientSecurityDataPresent, err) ||
                 wrdp_json_get_object(e, "clientSecurityData", &b, err) ||
                 wrdp_gcc_client_security_data_from_json(b, &out->clientSecurityData, a, err);
            break;
        case WRDP_CS_NET:
            rc = mark_present(&out->clientNetworkDataPresent, err) ||
                 wrdp_json_get_object(e, "clientNetworkData", &b, err) ||
                 wrdp_gcc_client_network_data_from_json(b, &out->clientNetworkData, a, err);
            break;
        case WRDP_CS_CLUSTER:
            rc = mark_present(&out->clientClusterDataPresent, err) ||
                 wrdp_json_get_object(e, "clientClusterData", &b, err) ||
                 wrdp_gcc_client_cluster_data_from_json(b, &out->clientClusterData, a, err);
            break;
        case WRDP_CS_MONITOR:
            rc = mark_present(&out->clientMonitorDataPresent, err) ||
                 wrdp_json_get_object(e, "clientMonitorData", &b, err) ||
                 wrdp_gcc_client_monitor_data_from_json(b, &out->clientMonitorData, a, err);
            break;
        case WRDP_CS_MCS_MSGCHANNEL:
            rc = mark_present(&out->clientMessageChannelDataPresent, err) ||
                 wrdp_json_get_object(e, "clientMessageChannelData", &b, err) ||
                 wrdp_gcc_client_message_channel_data_from_json(b, &out->clientMessageChannelData, a, err);
            break;
        case WRDP_CS_MONITOR_EX:
            rc = mark_present(&out->clientMonitorExtendedDataPresent, err) ||
                 wrdp_json_get_object(e, "clientMonitorExtendedData", &b, err) ||
                 wrdp_gcc_client_monitor_extended_data_from_json(b, &out->clientMonitorExtendedData, a, err);
            break;
        case WRDP_CS_MULTITRANSPORT:
            rc = mark_present(&out->clientMultitransportChannelDataPresent, err) ||
                 wrdp_json_get_object(e, "clientMultitransportChannelData", &b, err) ||
                 wrdp_gcc_client_multitransport_channel_data_from_json(b, &out->clientMultitransportChannelData, a,
                                                                       err);
            break;
        default: rc = other_from_json(e, t, out->other, &out->otherCount, a, err); break;
        }
        if (rc)
            return WRDP_ERR;
        out->blockTypes[out->blockCount++] = t;
    }
    return WRDP_OK;
}

static void wrdp_gcc_server_data_blocks_to_json(const wrdp_gcc_server_data_blocks *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_key(j, "blocks");
    wrdp_jw_array_begin(j);
    size_t k = 0;
    for (size_t i = 0; i < in->blockCount && i < WRDP_GCC_BLOCKS_MAX; i++) {
        uint16_t t = in->blockTypes[i];
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "type", t);
        switch (t) {
        case WRDP_SC_CORE:
            wrdp_jw_key(j, "serverCoreData");
            wrdp_gcc_server_core_data_to_json(&in->serverCoreData, j);
            break;
        case WRDP_SC_SECURITY:
            wrdp_jw_key(j, "serverSecurityData");
            wrdp_gcc_server_security_data_to_json(&in->serverSecurityData, j);
            break;
        case WRDP_SC_NET:
            wrdp_jw_key(j, "serverNetworkData");
            wrdp_gcc_server_network_data_to_json(&in->serverNetworkData, j);
            break;
        case WRDP_SC_MCS_MSGCHANNEL:
            wrdp_jw_key(j, "serverMessageChannelData");
            wrdp_gcc_server_message_channel_data_to_json(&in->serverMessageChannelData, j);
            break;
        case WRDP_SC_MULTITRANSPORT:
            wrdp_jw_key(j, "serverMultitransportChannelData");
            wrdp_gcc_server_multitransport_channel_data_to_json(&in->serverMultitransportChannelData, j);
            break;
        default:
            if (k < in->otherCount && k < WRDP_GCC_OTHER_BLOCKS_MAX)
                other_to_json(j, &in->other[k++]);
            break;
        }
        wrdp_jw_object_end(j);
    }
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_server_data_blocks_from_json(const wrdp_json *o, wrdp_gcc_server_data_blocks *out,
                                                 wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *arr, *e, *b;
    if (wrdp_json_get_array(o, "blocks", &arr, err))
        return WRDP_ERR;
    for (size_t i = 0; i < arr->len; i++) {
        uint16_t t;
        if (list_entry(arr, i, &e, &t, err))
            return WRDP_ERR;
        int rc;
        switch (t) {
        case WRDP_SC_CORE:
            rc = mark_present(&out->serverCoreDataPresent, err) ||
                 wrdp_json_get_object(e, "serverCoreData", &b, err) ||
                 wrdp_gcc_server_core_data_from_json(b, &out->serverCoreData, a, err);
            break;
        case WRDP_SC_SECURITY:
            rc = mark_present(&out->serverSecurityDataPresent, err) ||
                 wrdp_json_get_object(e, "serverSecurityData", &b, err) ||
                 wrdp_gcc_server_security_data_from_json(b, &out->serverSecurityData, a, err);
            break;
        case WRDP_SC_NET:
            rc = mark_present(&out->serverNetworkDataPresent, err) ||
                 wrdp_json_get_object(e, "serverNetworkData", &b, err) ||
                 wrdp_gcc_server_network_data_from_json(b, &out->serverNetworkData, a, err);
            break;
        case WRDP_SC_MCS_MSGCHANNEL:
            rc = mark_present(&out->serverMessageChannelDataPresent, err) ||
                 wrdp_json_get_object(e, "serverMessageChannelData", &b, err) ||
                 wrdp_gcc_server_message_channel_data_from_json(b, &out->serverMessageChannelData, a, err);
            break;
        case WRDP_SC_MULTITRANSPORT:
            rc = mark_present(&out->serverMultitransportChannelDataPresent, err) ||
                 wrdp_json_get_object(e, "serverMultitransportChannelData", &b, err) ||
                 wrdp_gcc_server_multitransport_channel_data_from_json(b, &out->serverMultitransportChannelData, a,
                                                                       err);
            break;
        default: rc = other_from_json(e, t, out->other, &out->otherCount, a, err); break;
        }
        if (rc)
            return WRDP_ERR;
        out->blockTypes[out->blockCount++] = t;
    }
    return WRDP_OK;
}

/* ---- Conference Create Request / Response ------------------------------------------------- */

static void wrdp_gcc_conference_create_request_to_json(const wrdp_gcc_conference_create_request *in,
                                                       wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "connectPDULength", in->connectPDULength);
    const char *nul = memchr(in->conferenceName, 0, sizeof in->conferenceName);
    wrdp_jw_kv_string(j, "conferenceName", in->conferenceName,
                      nul ? (size_t)(nul - in->conferenceName) : sizeof in->conferenceName);
    wrdp_jw_key(j, "userData");
    wrdp_gcc_client_data_blocks_to_json(&in->userData, j);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_conference_create_request_from_json(const wrdp_json *o, wrdp_gcc_conference_create_request *out,
                                                        wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const char *s;
    size_t len;
    const wrdp_json *u;
    if (wrdp_json_get_u16(o, "connectPDULength", &out->connectPDULength, err) ||
        wrdp_json_get_string(o, "conferenceName", &s, &len, err))
        return WRDP_ERR;
    if (len > WRDP_GCC_CONFERENCE_NAME_MAX)
        return bad(err, "conferenceName: too long");
    memcpy(out->conferenceName, s, len);
    if (wrdp_json_get_object(o, "userData", &u, err))
        return WRDP_ERR;
    return wrdp_gcc_client_data_blocks_from_json(u, &out->userData, a, err);
}

static void wrdp_gcc_conference_create_response_to_json(const wrdp_gcc_conference_create_response *in,
                                                        wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "connectPDULength", in->connectPDULength);
    wrdp_jw_kv_uint(j, "nodeID", in->nodeID);
    wrdp_jw_kv_uint(j, "tag", in->tag);
    wrdp_jw_kv_uint(j, "result", in->result);
    wrdp_jw_key(j, "userData");
    wrdp_gcc_server_data_blocks_to_json(&in->userData, j);
    wrdp_jw_object_end(j);
}

static int wrdp_gcc_conference_create_response_from_json(const wrdp_json *o,
                                                         wrdp_gcc_conference_create_response *out, wrdp_arena *a,
                                                         wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *u;
    if (wrdp_json_get_u16(o, "connectPDULength", &out->connectPDULength, err) ||
        wrdp_json_get_u16(o, "nodeID", &out->nodeID, err) || wrdp_json_get_u32(o, "tag", &out->tag, err) ||
        wrdp_json_get_u8(o, "result", &out->result, err) || wrdp_json_get_object(o, "userData", &u, err))
        return WRDP_ERR;
    return wrdp_gcc_server_data_blocks_from_json(u, &out->userData, a, err);
}

/* ---- registry ---------------------------------------------------------------------------------- */

WRDP_PDU_KIND_ADAPT(wrdp_gcc_conference_create_request, wrdp_gcc_conference_create_request)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_conference_create_response, wrdp_gcc_conference_create_response)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_data_blocks, wrdp_gcc_client_data_blocks)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_core_data, wrdp_gcc_client_core_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_security_data, wrdp_gcc_client_security_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_network_data, wrdp_gcc_client_network_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_cluster_data, wrdp_gcc_client_cluster_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_monitor_data, wrdp_gcc_client_monitor_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_monitor_extended_data, wrdp_gcc_client_monitor_extended_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_message_channel_data, wrdp_gcc_client_message_channel_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_client_multitransport_channel_data, wrdp_gcc_client_multitransport_channel_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_data_blocks, wrdp_gcc_server_data_blocks)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_core_data, wrdp_gcc_server_core_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_security_data, wrdp_gcc_server_security_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_certificate, wrdp_gcc_server_certificate)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_network_data, wrdp_gcc_server_network_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_message_channel_data, wrdp_gcc_server_message_channel_data)
WRDP_PDU_KIND_ADAPT(wrdp_gcc_server_multitransport_channel_data, wrdp_gcc_server_multitransport_channel_data)

const wrdp_pdu_kind wrdp_pdu_kinds_gcc[] = {
    WRDP_PDU_KIND_ENTRY("gcc_conference_create_request", "GCC Conference Create Request (T.124 ConnectData, client data blocks)", wrdp_gcc_conference_create_request, wrdp_gcc_conference_create_request),
    WRDP_PDU_KIND_ENTRY("gcc_conference_create_response", "GCC Conference Create Response (T.124 ConnectData, server data blocks)", wrdp_gcc_conference_create_response, wrdp_gcc_conference_create_response),
    WRDP_PDU_KIND_ENTRY("gcc_client_data_blocks", "Client settings data blocks, each with its TS_UD_HEADER (2.2.1.3)", wrdp_gcc_client_data_blocks, wrdp_gcc_client_data_blocks),
    WRDP_PDU_KIND_ENTRY("gcc_client_core_data", "Client Core Data body, TS_UD_CS_CORE (2.2.1.3.2)", wrdp_gcc_client_core_data, wrdp_gcc_client_core_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_security_data", "Client Security Data body, TS_UD_CS_SEC (2.2.1.3.3)", wrdp_gcc_client_security_data, wrdp_gcc_client_security_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_network_data", "Client Network Data body, TS_UD_CS_NET (2.2.1.3.4)", wrdp_gcc_client_network_data, wrdp_gcc_client_network_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_cluster_data", "Client Cluster Data body, TS_UD_CS_CLUSTER (2.2.1.3.5)", wrdp_gcc_client_cluster_data, wrdp_gcc_client_cluster_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_monitor_data", "Client Monitor Data body, TS_UD_CS_MONITOR (2.2.1.3.6)", wrdp_gcc_client_monitor_data, wrdp_gcc_client_monitor_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_monitor_extended_data", "Client Monitor Extended Data body, TS_UD_CS_MONITOR_EX (2.2.1.3.9)", wrdp_gcc_client_monitor_extended_data, wrdp_gcc_client_monitor_extended_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_message_channel_data", "Client Message Channel Data body, TS_UD_CS_MCS_MSGCHANNEL (2.2.1.3.7)", wrdp_gcc_client_message_channel_data, wrdp_gcc_client_message_channel_data),
    WRDP_PDU_KIND_ENTRY("gcc_client_multitransport_channel_data", "Client Multitransport Channel Data body, TS_UD_CS_MULTITRANSPORT (2.2.1.3.8)", wrdp_gcc_client_multitransport_channel_data, wrdp_gcc_client_multitransport_channel_data),
    WRDP_PDU_KIND_ENTRY("gcc_server_data_blocks", "Server settings data blocks, each with its TS_UD_HEADER (2.2.1.4)", wrdp_gcc_server_data_blocks, wrdp_gcc_server_data_blocks),
    WRDP_PDU_KIND_ENTRY("gcc_server_core_data", "Server Core Data body, TS_UD_SC_CORE (2.2.1.4.2)", wrdp_gcc_server_core_data, wrdp_gcc_server_core_data),
    WRDP_PDU_KIND_ENTRY("gcc_server_security_data", "Server Security Data body, TS_UD_SC_SEC1 (2.2.1.4.3)", wrdp_gcc_server_security_data, wrdp_gcc_server_security_data),
    WRDP_PDU_KIND_ENTRY("gcc_server_certificate", "Server Certificate: proprietary RSA or X.509 chain (2.2.1.4.3.1)", wrdp_gcc_server_certificate, wrdp_gcc_server_certificate),
    WRDP_PDU_KIND_ENTRY("gcc_server_network_data", "Server Network Data body, TS_UD_SC_NET (2.2.1.4.4)", wrdp_gcc_server_network_data, wrdp_gcc_server_network_data),
    WRDP_PDU_KIND_ENTRY("gcc_server_message_channel_data", "Server Message Channel Data body, TS_UD_SC_MCS_MSGCHANNEL (2.2.1.4.5)", wrdp_gcc_server_message_channel_data, wrdp_gcc_server_message_channel_data),
    WRDP_PDU_KIND_ENTRY("gcc_server_multitransport_channel_data", "Server Multitransport Channel Data body, TS_UD_SC_MULTITRANSPORT (2.2.1.4.6)", wrdp_gcc_server_multitransport_channel_data, wrdp_gcc_server_multitransport_channel_data),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(gcc)
