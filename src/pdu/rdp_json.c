/* JSON forms of the rdp family's PDUs and their registry table. */
#include <stdio.h>
#include <string.h>

#include "pdu/kind.h"
#include "pdu/rdp_internal.h"

#define U8(k, f) if (wrdp_json_get_u8(v, k, &(f), err)) return WRDP_ERR
#define U16(k, f) if (wrdp_json_get_u16(v, k, &(f), err)) return WRDP_ERR
#define U32(k, f) if (wrdp_json_get_u32(v, k, &(f), err)) return WRDP_ERR
#define I32(k, f) if (wrdp_json_get_i32(v, k, &(f), err)) return WRDP_ERR
#define OBJ(k, o) if (wrdp_json_get_object(v, k, &(o), err)) return WRDP_ERR

/* ---- text fields ----------------------------------------------------------
 * Strings appear in JSON as strings when that is exact, otherwise as
 * {"hex": "..."} holding the raw bytes, so that every decodable PDU keeps its
 * bytes through JSON. `unicode` selects UTF-16LE or single-byte text. */

/* Does `b` survive text -> JSON string -> text unchanged? */
static bool text_is_exact(const uint8_t *d, size_t n, bool unicode)
{
    if (!unicode) {
        for (size_t i = 0; i < n; i++)
            if (d[i] == 0 || d[i] >= 0x80)
                return false;
        return true;
    }
    if (n % 2)
        return false;
    for (size_t i = 0; i < n; i += 2)
        if (d[i] == 0 && d[i + 1] == 0)
            return false; /* an embedded NUL would end the string for most readers */
    size_t u8n = wrdp_utf16le_to_utf8(d, n, NULL, 0);
    char *u8 = u8n ? wrdp_alloc(u8n) : NULL;
    if (u8n && !u8)
        return false;
    wrdp_utf16le_to_utf8(d, n, u8, u8n);
    size_t back = wrdp_utf8_to_utf16le(u8, u8n, NULL, 0);
    bool same = false;
    if (back == n) {
        uint8_t *b = n ? wrdp_alloc(n) : NULL;
        if (!n || b) {
            wrdp_utf8_to_utf16le(u8, u8n, b, n);
            same = n == 0 || memcmp(b, d, n) == 0;
        }
        wrdp_free(b);
    }
    wrdp_free(u8);
    return same;
}

static void jw_text_value(wrdp_json_writer *j, const uint8_t *d, size_t n, bool unicode)
{
    if (unicode)
        wrdp_jw_utf16(j, d, n);
    else
        wrdp_jw_string(j, (const char *)d, n);
}

static void jw_raw(wrdp_json_writer *j, const char *key, wrdp_bytes b)
{
    wrdp_jw_key(j, key);
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_bytes(j, "hex", b);
    wrdp_jw_object_end(j);
}

/* Text whose bytes are exactly `b` (no terminator involved). */
static void jw_text(wrdp_json_writer *j, const char *key, wrdp_bytes b, bool unicode)
{
    if (text_is_exact(b.data, b.len, unicode)) {
        wrdp_jw_key(j, key);
        jw_text_value(j, b.data, b.len, unicode);
    } else {
        jw_raw(j, key, b);
    }
}

/* Text whose bytes end with a null terminator: the JSON string leaves it out. */
static void jw_text_z(wrdp_json_writer *j, const char *key, wrdp_bytes b, bool unicode)
{
    size_t t = unicode ? 2 : 1;
    if (b.len >= t && b.data[b.len - 1] == 0 && b.data[b.len - t] == 0 && text_is_exact(b.data, b.len - t, unicode)) {
        wrdp_jw_key(j, key);
        jw_text_value(j, b.data, b.len - t, unicode);
    } else {
        jw_raw(j, key, b);
    }
}

/* Text in a fixed-size field: string + zero padding shows as the string alone. */
static void jw_text_fixed(wrdp_json_writer *j, const char *key, wrdp_bytes b, bool unicode)
{
    size_t t = unicode ? 2 : 1, n = 0;
    while (n + t <= b.len && !(b.data[n] == 0 && b.data[n + t - 1] == 0))
        n += t;
    bool zeros = true;
    for (size_t i = n; i < b.len; i++)
        zeros = zeros && b.data[i] == 0;
    if (zeros && n < b.len && text_is_exact(b.data, n, unicode)) {
        wrdp_jw_key(j, key);
        jw_text_value(j, b.data, n, unicode);
    } else {
        jw_raw(j, key, b);
    }
}

/* Reads either form; `term` bytes of zeros are appended to a JSON string. */
static int get_text(const wrdp_json *v, const char *key, bool unicode, size_t term, wrdp_bytes *out, wrdp_arena *a,
                    wrdp_error *err)
{
    const wrdp_json *m = wrdp_json_get(v, key);
    if (m && m->type == WRDP_JSON_OBJECT)
        return wrdp_json_get_hex(m, "hex", out, a, err);
    wrdp_bytes s;
    if (unicode) {
        if (wrdp_json_get_utf16(v, key, &s, a, err))
            return WRDP_ERR;
    } else {
        const char *str;
        size_t len;
        if (wrdp_json_get_string(v, key, &str, &len, err))
            return WRDP_ERR;
        s.data = (const uint8_t *)str;
        s.len = len;
    }
    if (!term) {
        *out = s;
        return WRDP_OK;
    }
    uint8_t *buf = wrdp_arena_alloc(a, s.len + term);
    if (!buf)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"%s\": too large", key);
    if (s.len)
        memcpy(buf, s.data, s.len);
    out->data = buf;
    out->len = s.len + term;
    return WRDP_OK;
}

/* Pad fields: shown only when they are not all zeros. */
static void jw_pad(wrdp_json_writer *j, const char *key, wrdp_bytes b)
{
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i]) {
            wrdp_jw_kv_bytes(j, key, b);
            return;
        }
}

static int get_pad(const wrdp_json *v, const char *key, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err)
{
    out->data = NULL;
    out->len = 0;
    const wrdp_json *m = wrdp_json_get(v, key);
    if (!m || m->type == WRDP_JSON_NULL)
        return WRDP_OK;
    return wrdp_json_get_hex(v, key, out, a, err);
}

static int get_fixed_hex(const wrdp_json *v, const char *key, uint8_t *dst, size_t n, wrdp_arena *a, wrdp_error *err)
{
    wrdp_bytes b;
    if (wrdp_json_get_hex(v, key, &b, a, err))
        return WRDP_ERR;
    if (b.len != n)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"%s\": expected %zu bytes", key, n);
    memcpy(dst, b.data, n);
    return WRDP_OK;
}

/* ---- Share Control / Share Data headers ---- */
static void hdr_to_json(const wrdp_share_data_headers *h, wrdp_json_writer *j)
{
    wrdp_jw_key(j, "shareControlHeader");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "pduType", h->shareControlHeader.pduType);
    wrdp_jw_kv_uint(j, "pduSource", h->shareControlHeader.pduSource);
    wrdp_jw_object_end(j);
    wrdp_jw_key(j, "shareDataHeader");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "shareId", h->shareDataHeader.shareId);
    wrdp_jw_kv_uint(j, "pad1", h->shareDataHeader.pad1);
    wrdp_jw_kv_uint(j, "streamId", h->shareDataHeader.streamId);
    wrdp_jw_kv_uint(j, "uncompressedLength", h->shareDataHeader.uncompressedLength);
    wrdp_jw_kv_uint(j, "pduType2", h->shareDataHeader.pduType2);
    wrdp_jw_kv_uint(j, "compressedType", h->shareDataHeader.compressedType);
    wrdp_jw_kv_uint(j, "compressedLength", h->shareDataHeader.compressedLength);
    wrdp_jw_object_end(j);
}

static int hdr_from_json(const wrdp_json *root, wrdp_share_data_headers *h, wrdp_error *err)
{
    const wrdp_json *v;
    if (wrdp_json_get_object(root, "shareControlHeader", &v, err))
        return WRDP_ERR;
    U16("pduType", h->shareControlHeader.pduType);
    U16("pduSource", h->shareControlHeader.pduSource);
    if (wrdp_json_get_object(root, "shareDataHeader", &v, err))
        return WRDP_ERR;
    U32("shareId", h->shareDataHeader.shareId);
    U8("pad1", h->shareDataHeader.pad1);
    U8("streamId", h->shareDataHeader.streamId);
    U16("uncompressedLength", h->shareDataHeader.uncompressedLength);
    U8("pduType2", h->shareDataHeader.pduType2);
    U8("compressedType", h->shareDataHeader.compressedType);
    U16("compressedLength", h->shareDataHeader.compressedLength);
    return WRDP_OK;
}

/* ---- security headers ---- */
static void wrdp_basic_security_header_to_json(const wrdp_basic_security_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "flagsHi", in->flagsHi);
    wrdp_jw_object_end(j);
}

static int wrdp_basic_security_header_from_json(const wrdp_json *v, wrdp_basic_security_header *out, wrdp_arena *a,
                                                wrdp_error *err)
{
    (void)a;
    U16("flags", out->flags);
    U16("flagsHi", out->flagsHi);
    return WRDP_OK;
}

static void wrdp_non_fips_security_header_to_json(const wrdp_non_fips_security_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "flagsHi", in->flagsHi);
    wrdp_jw_kv_hex(j, "dataSignature", in->dataSignature, 8);
    wrdp_jw_object_end(j);
}

static int wrdp_non_fips_security_header_from_json(const wrdp_json *v, wrdp_non_fips_security_header *out,
                                                   wrdp_arena *a, wrdp_error *err)
{
    U16("flags", out->flags);
    U16("flagsHi", out->flagsHi);
    return get_fixed_hex(v, "dataSignature", out->dataSignature, 8, a, err);
}

static void wrdp_fips_security_header_to_json(const wrdp_fips_security_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "flagsHi", in->flagsHi);
    wrdp_jw_kv_uint(j, "length", in->length);
    wrdp_jw_kv_uint(j, "version", in->version);
    wrdp_jw_kv_uint(j, "padlen", in->padlen);
    wrdp_jw_kv_hex(j, "dataSignature", in->dataSignature, 8);
    wrdp_jw_object_end(j);
}

static int wrdp_fips_security_header_from_json(const wrdp_json *v, wrdp_fips_security_header *out, wrdp_arena *a,
                                               wrdp_error *err)
{
    U16("flags", out->flags);
    U16("flagsHi", out->flagsHi);
    U16("length", out->length);
    U8("version", out->version);
    U8("padlen", out->padlen);
    return get_fixed_hex(v, "dataSignature", out->dataSignature, 8, a, err);
}

static void kv_security_header(wrdp_json_writer *j, const char *key, const wrdp_basic_security_header *h)
{
    wrdp_jw_key(j, key);
    wrdp_basic_security_header_to_json(h, j);
}

static int get_security_header(const wrdp_json *root, const char *key, wrdp_basic_security_header *h, wrdp_arena *a,
                               wrdp_error *err)
{
    const wrdp_json *v;
    if (wrdp_json_get_object(root, key, &v, err))
        return WRDP_ERR;
    return wrdp_basic_security_header_from_json(v, h, a, err);
}

/* ---- security exchange ---- */
static void wrdp_security_exchange_pdu_to_json(const wrdp_security_exchange_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    kv_security_header(j, "basicSecurityHeader", &in->basicSecurityHeader);
    wrdp_jw_kv_bytes(j, "encryptedClientRandom", in->encryptedClientRandom);
    wrdp_jw_object_end(j);
}

static int wrdp_security_exchange_pdu_from_json(const wrdp_json *v, wrdp_security_exchange_pdu *out, wrdp_arena *a,
                                                wrdp_error *err)
{
    if (get_security_header(v, "basicSecurityHeader", &out->basicSecurityHeader, a, err))
        return WRDP_ERR;
    return wrdp_json_get_hex(v, "encryptedClientRandom", &out->encryptedClientRandom, a, err);
}

/* ---- client info ---- */
static void system_time_to_json(wrdp_json_writer *j, const char *key, const wrdp_system_time *t)
{
    wrdp_jw_key(j, key);
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "wYear", t->wYear);
    wrdp_jw_kv_uint(j, "wMonth", t->wMonth);
    wrdp_jw_kv_uint(j, "wDayOfWeek", t->wDayOfWeek);
    wrdp_jw_kv_uint(j, "wDay", t->wDay);
    wrdp_jw_kv_uint(j, "wHour", t->wHour);
    wrdp_jw_kv_uint(j, "wMinute", t->wMinute);
    wrdp_jw_kv_uint(j, "wSecond", t->wSecond);
    wrdp_jw_kv_uint(j, "wMilliseconds", t->wMilliseconds);
    wrdp_jw_object_end(j);
}

static int system_time_from_json(const wrdp_json *root, const char *key, wrdp_system_time *t, wrdp_error *err)
{
    const wrdp_json *v;
    if (wrdp_json_get_object(root, key, &v, err))
        return WRDP_ERR;
    U16("wYear", t->wYear);
    U16("wMonth", t->wMonth);
    U16("wDayOfWeek", t->wDayOfWeek);
    U16("wDay", t->wDay);
    U16("wHour", t->wHour);
    U16("wMinute", t->wMinute);
    U16("wSecond", t->wSecond);
    U16("wMilliseconds", t->wMilliseconds);
    return WRDP_OK;
}

static void time_zone_to_json(wrdp_json_writer *j, const wrdp_time_zone_information *tz)
{
    wrdp_jw_key(j, "clientTimeZone");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_int(j, "Bias", tz->Bias);
    jw_text_fixed(j, "StandardName", tz->StandardName, true);
    system_time_to_json(j, "StandardDate", &tz->StandardDate);
    wrdp_jw_kv_int(j, "StandardBias", tz->StandardBias);
    jw_text_fixed(j, "DaylightName", tz->DaylightName, true);
    system_time_to_json(j, "DaylightDate", &tz->DaylightDate);
    wrdp_jw_kv_int(j, "DaylightBias", tz->DaylightBias);
    wrdp_jw_object_end(j);
}

static int time_zone_from_json(const wrdp_json *v, wrdp_time_zone_information *tz, wrdp_arena *a, wrdp_error *err)
{
    I32("Bias", tz->Bias);
    if (get_text(v, "StandardName", true, 0, &tz->StandardName, a, err) ||
        system_time_from_json(v, "StandardDate", &tz->StandardDate, err))
        return WRDP_ERR;
    I32("StandardBias", tz->StandardBias);
    if (get_text(v, "DaylightName", true, 0, &tz->DaylightName, a, err) ||
        system_time_from_json(v, "DaylightDate", &tz->DaylightDate, err))
        return WRDP_ERR;
    I32("DaylightBias", tz->DaylightBias);
    return WRDP_OK;
}

static void extended_to_json(wrdp_json_writer *j, const wrdp_extended_info_packet *x, bool unicode)
{
    wrdp_jw_key(j, "extraInfo");
    if (x->present == WRDP_EXTINFO_NONE) {
        wrdp_jw_null(j);
        return;
    }
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "clientAddressFamily", x->clientAddressFamily);
    jw_text_z(j, "clientAddress", x->clientAddress, unicode);
    jw_text_z(j, "clientDir", x->clientDir, unicode);
    if (x->present >= WRDP_EXTINFO_TIME_ZONE)
        time_zone_to_json(j, &x->clientTimeZone);
    if (x->present >= WRDP_EXTINFO_SESSION_ID)
        wrdp_jw_kv_uint(j, "clientSessionId", x->clientSessionId);
    if (x->present >= WRDP_EXTINFO_PERFORMANCE_FLAGS)
        wrdp_jw_kv_uint(j, "performanceFlags", x->performanceFlags);
    if (x->present >= WRDP_EXTINFO_AUTO_RECONNECT) {
        wrdp_jw_key(j, "autoReconnectCookie");
        if (x->hasAutoReconnectCookie) {
            wrdp_jw_object_begin(j);
            wrdp_jw_kv_uint(j, "Version", x->autoReconnectCookie.Version);
            wrdp_jw_kv_uint(j, "LogonId", x->autoReconnectCookie.LogonId);
            wrdp_jw_kv_hex(j, "SecurityVerifier", x->autoReconnectCookie.SecurityVerifier, 16);
            wrdp_jw_object_end(j);
        } else {
            wrdp_jw_null(j);
        }
    }
    if (x->present >= WRDP_EXTINFO_RESERVED1)
        wrdp_jw_kv_uint(j, "reserved1", x->reserved1);
    if (x->present >= WRDP_EXTINFO_RESERVED2)
        wrdp_jw_kv_uint(j, "reserved2", x->reserved2);
    if (x->present >= WRDP_EXTINFO_DST_KEY_NAME)
        jw_text_z(j, "dynamicDSTTimeZoneKeyName", x->dynamicDSTTimeZoneKeyName, true);
    if (x->present >= WRDP_EXTINFO_DST_DISABLED)
        wrdp_jw_kv_uint(j, "dynamicDaylightTimeDisabled", x->dynamicDaylightTimeDisabled);
    wrdp_jw_object_end(j);
}

static int extended_from_json(const wrdp_json *root, wrdp_extended_info_packet *x, bool unicode, wrdp_arena *a,
                              wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(root, "extraInfo");
    x->present = WRDP_EXTINFO_NONE;
    if (!v || v->type == WRDP_JSON_NULL)
        return WRDP_OK;
    if (v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"extraInfo\": expected an object or null");
    size_t t = unicode ? 2 : 1;
    U16("clientAddressFamily", x->clientAddressFamily);
    if (get_text(v, "clientAddress", unicode, t, &x->clientAddress, a, err) ||
        get_text(v, "clientDir", unicode, t, &x->clientDir, a, err))
        return WRDP_ERR;
    /* The level is the last optional field present; earlier ones are then required. */
    static const char *const keys[] = {"clientTimeZone", "clientSessionId", "performanceFlags", "autoReconnectCookie",
                                       "reserved1",      "reserved2",       "dynamicDSTTimeZoneKeyName",
                                       "dynamicDaylightTimeDisabled"};
    uint8_t level = WRDP_EXTINFO_CLIENT_DIR;
    for (int i = 0; i < 8; i++)
        if (wrdp_json_get(v, keys[i]))
            level = (uint8_t)(WRDP_EXTINFO_TIME_ZONE + i);
    x->present = level;
    if (level >= WRDP_EXTINFO_TIME_ZONE) {
        const wrdp_json *tz;
        OBJ("clientTimeZone", tz);
        if (time_zone_from_json(tz, &x->clientTimeZone, a, err))
            return WRDP_ERR;
    }
    if (level >= WRDP_EXTINFO_SESSION_ID)
        U32("clientSessionId", x->clientSessionId);
    if (level >= WRDP_EXTINFO_PERFORMANCE_FLAGS)
        U32("performanceFlags", x->performanceFlags);
    if (level >= WRDP_EXTINFO_AUTO_RECONNECT) {
        const wrdp_json *arc = wrdp_json_get(v, "autoReconnectCookie");
        x->hasAutoReconnectCookie = arc && arc->type == WRDP_JSON_OBJECT;
        if (x->hasAutoReconnectCookie) {
            const wrdp_json *sv = v;
            v = arc;
            U32("Version", x->autoReconnectCookie.Version);
            U32("LogonId", x->autoReconnectCookie.LogonId);
            if (get_fixed_hex(v, "SecurityVerifier", x->autoReconnectCookie.SecurityVerifier, 16, a, err))
                return WRDP_ERR;
            v = sv;
        }
    }
    if (level >= WRDP_EXTINFO_RESERVED1)
        U16("reserved1", x->reserved1);
    if (level >= WRDP_EXTINFO_RESERVED2)
        U16("reserved2", x->reserved2);
    if (level >= WRDP_EXTINFO_DST_KEY_NAME &&
        get_text(v, "dynamicDSTTimeZoneKeyName", true, 2, &x->dynamicDSTTimeZoneKeyName, a, err))
        return WRDP_ERR;
    if (level >= WRDP_EXTINFO_DST_DISABLED)
        U16("dynamicDaylightTimeDisabled", x->dynamicDaylightTimeDisabled);
    return WRDP_OK;
}

static void wrdp_info_packet_to_json(const wrdp_info_packet *in, wrdp_json_writer *j)
{
    bool unicode = (in->flags & WRDP_INFO_UNICODE) != 0;
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "CodePage", in->CodePage);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    jw_text(j, "Domain", in->Domain, unicode);
    jw_text(j, "UserName", in->UserName, unicode);
    jw_text(j, "Password", in->Password, unicode);
    jw_text(j, "AlternateShell", in->AlternateShell, unicode);
    jw_text(j, "WorkingDir", in->WorkingDir, unicode);
    extended_to_json(j, &in->extraInfo, unicode);
    wrdp_jw_object_end(j);
}

static int wrdp_info_packet_from_json(const wrdp_json *v, wrdp_info_packet *out, wrdp_arena *a, wrdp_error *err)
{
    U32("CodePage", out->CodePage);
    U32("flags", out->flags);
    bool unicode = (out->flags & WRDP_INFO_UNICODE) != 0;
    if (get_text(v, "Domain", unicode, 0, &out->Domain, a, err) ||
        get_text(v, "UserName", unicode, 0, &out->UserName, a, err) ||
        get_text(v, "Password", unicode, 0, &out->Password, a, err) ||
        get_text(v, "AlternateShell", unicode, 0, &out->AlternateShell, a, err) ||
        get_text(v, "WorkingDir", unicode, 0, &out->WorkingDir, a, err))
        return WRDP_ERR;
    return extended_from_json(v, &out->extraInfo, unicode, a, err);
}

static void wrdp_client_info_pdu_to_json(const wrdp_client_info_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    kv_security_header(j, "securityHeader", &in->securityHeader);
    wrdp_jw_key(j, "infoPacket");
    wrdp_info_packet_to_json(&in->infoPacket, j);
    wrdp_jw_object_end(j);
}

static int wrdp_client_info_pdu_from_json(const wrdp_json *v, wrdp_client_info_pdu *out, wrdp_arena *a,
                                          wrdp_error *err)
{
    const wrdp_json *ip;
    if (get_security_header(v, "securityHeader", &out->securityHeader, a, err))
        return WRDP_ERR;
    OBJ("infoPacket", ip);
    return wrdp_info_packet_from_json(ip, &out->infoPacket, a, err);
}

/* ---- finalization PDUs ---- */
#define SHARE_DATA_JSON(P, T, BODY_TO, BODY_FROM)                                                         \
    static void P##_to_json(const T *in, wrdp_json_writer *j)                                             \
    {                                                                                                     \
        wrdp_jw_object_begin(j);                                                                          \
        hdr_to_json(&in->hdr, j);                                                                         \
        BODY_TO;                                                                                          \
        wrdp_jw_object_end(j);                                                                            \
    }                                                                                                     \
    static int P##_from_json(const wrdp_json *v, T *out, wrdp_arena *a, wrdp_error *err)                  \
    {                                                                                                     \
        (void)a;                                                                                          \
        if (hdr_from_json(v, &out->hdr, err))                                                             \
            return WRDP_ERR;                                                                              \
        BODY_FROM;                                                                                        \
        return WRDP_OK;                                                                                   \
    }

SHARE_DATA_JSON(wrdp_synchronize_pdu, wrdp_synchronize_pdu,
                {
                    wrdp_jw_kv_uint(j, "messageType", in->messageType);
                    wrdp_jw_kv_uint(j, "targetUser", in->targetUser);
                },
                {
                    U16("messageType", out->messageType);
                    U16("targetUser", out->targetUser);
                })

SHARE_DATA_JSON(wrdp_control_pdu, wrdp_control_pdu,
                {
                    wrdp_jw_kv_uint(j, "action", in->action);
                    wrdp_jw_kv_uint(j, "grantId", in->grantId);
                    wrdp_jw_kv_uint(j, "controlId", in->controlId);
                },
                {
                    U16("action", out->action);
                    U16("grantId", out->grantId);
                    U32("controlId", out->controlId);
                })

SHARE_DATA_JSON(wrdp_font_list_pdu, wrdp_font_list_pdu,
                {
                    wrdp_jw_kv_uint(j, "numberFonts", in->numberFonts);
                    wrdp_jw_kv_uint(j, "totalNumFonts", in->totalNumFonts);
                    wrdp_jw_kv_uint(j, "listFlags", in->listFlags);
                    wrdp_jw_kv_uint(j, "entrySize", in->entrySize);
                },
                {
                    U16("numberFonts", out->numberFonts);
                    U16("totalNumFonts", out->totalNumFonts);
                    U16("listFlags", out->listFlags);
                    U16("entrySize", out->entrySize);
                })

SHARE_DATA_JSON(wrdp_font_map_pdu, wrdp_font_map_pdu,
                {
                    wrdp_jw_kv_uint(j, "numberEntries", in->numberEntries);
                    wrdp_jw_kv_uint(j, "totalNumEntries", in->totalNumEntries);
                    wrdp_jw_kv_uint(j, "mapFlags", in->mapFlags);
                    wrdp_jw_kv_uint(j, "entrySize", in->entrySize);
                },
                {
                    U16("numberEntries", out->numberEntries);
                    U16("totalNumEntries", out->totalNumEntries);
                    U16("mapFlags", out->mapFlags);
                    U16("entrySize", out->entrySize);
                })

SHARE_DATA_JSON(wrdp_set_error_info_pdu, wrdp_set_error_info_pdu,
                {
                    wrdp_jw_kv_uint(j, "errorInfo", in->errorInfo);
                    const char *name = wrdp_error_info_name(in->errorInfo);
                    if (name)
                        wrdp_jw_kv_cstring(j, "errorInfoName", name);
                    wrdp_jw_kv_cstring(j, "errorInfoText", wrdp_error_info_text(in->errorInfo));
                },
                { U32("errorInfo", out->errorInfo); })

SHARE_DATA_JSON(wrdp_shutdown_request_pdu, wrdp_shutdown_request_pdu, {}, {})
SHARE_DATA_JSON(wrdp_shutdown_denied_pdu, wrdp_shutdown_denied_pdu, {}, {})

static void wrdp_persistent_key_list_pdu_to_json(const wrdp_persistent_key_list_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    hdr_to_json(&in->hdr, j);
    char key[32];
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "numEntriesCache%d", i);
        wrdp_jw_kv_uint(j, key, in->numEntriesCache[i]);
    }
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "totalEntriesCache%d", i);
        wrdp_jw_kv_uint(j, key, in->totalEntriesCache[i]);
    }
    wrdp_jw_kv_uint(j, "bBitMask", in->bBitMask);
    wrdp_jw_kv_uint(j, "Pad2", in->Pad2);
    wrdp_jw_kv_uint(j, "Pad3", in->Pad3);
    wrdp_jw_key(j, "entries");
    wrdp_jw_array_begin(j);
    for (unsigned i = 0; i < in->entryCount && i < WRDP_PERSISTENT_KEY_LIST_MAX; i++) {
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "Key1", in->entries[i].Key1);
        wrdp_jw_kv_uint(j, "Key2", in->entries[i].Key2);
        wrdp_jw_object_end(j);
    }
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int wrdp_persistent_key_list_pdu_from_json(const wrdp_json *v, wrdp_persistent_key_list_pdu *out,
                                                  wrdp_arena *a, wrdp_error *err)
{
    (void)a;
    if (hdr_from_json(v, &out->hdr, err))
        return WRDP_ERR;
    char key[32];
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "numEntriesCache%d", i);
        U16(key, out->numEntriesCache[i]);
    }
    for (int i = 0; i < 5; i++) {
        snprintf(key, sizeof key, "totalEntriesCache%d", i);
        U16(key, out->totalEntriesCache[i]);
    }
    U8("bBitMask", out->bBitMask);
    U8("Pad2", out->Pad2);
    U16("Pad3", out->Pad3);
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "entries", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_PERSISTENT_KEY_LIST_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"entries\": at most %d", WRDP_PERSISTENT_KEY_LIST_MAX);
    out->entryCount = (uint16_t)arr->len;
    size_t i = 0;
    for (const wrdp_json *e = arr->first; e; e = e->next, i++) {
        const wrdp_json *sv = v;
        v = e;
        U32("Key1", out->entries[i].Key1);
        U32("Key2", out->entries[i].Key2);
        v = sv;
    }
    return WRDP_OK;
}

static void wrdp_monitor_layout_pdu_to_json(const wrdp_monitor_layout_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    hdr_to_json(&in->hdr, j);
    wrdp_jw_kv_uint(j, "monitorCount", in->monitorCount);
    wrdp_jw_key(j, "monitorDefArray");
    wrdp_jw_array_begin(j);
    for (uint32_t i = 0; i < in->monitorCount && i < WRDP_MONITOR_LAYOUT_MAX; i++) {
        const wrdp_monitor_layout_def *m = &in->monitorDefArray[i];
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

static int wrdp_monitor_layout_pdu_from_json(const wrdp_json *v, wrdp_monitor_layout_pdu *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    (void)a;
    if (hdr_from_json(v, &out->hdr, err))
        return WRDP_ERR;
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "monitorDefArray", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_MONITOR_LAYOUT_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"monitorDefArray\": at most %d", WRDP_MONITOR_LAYOUT_MAX);
    out->monitorCount = (uint32_t)arr->len;
    size_t i = 0;
    for (const wrdp_json *e = arr->first; e; e = e->next, i++) {
        const wrdp_json *sv = v;
        v = e;
        wrdp_monitor_layout_def *m = &out->monitorDefArray[i];
        I32("left", m->left);
        I32("top", m->top);
        I32("right", m->right);
        I32("bottom", m->bottom);
        U32("flags", m->flags);
        v = sv;
    }
    return WRDP_OK;
}

static void wrdp_deactivate_all_pdu_to_json(const wrdp_deactivate_all_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_key(j, "shareControlHeader");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "pduType", in->shareControlHeader.pduType);
    wrdp_jw_kv_uint(j, "pduSource", in->shareControlHeader.pduSource);
    wrdp_jw_object_end(j);
    wrdp_jw_kv_uint(j, "shareID", in->shareID);
    jw_text(j, "sourceDescriptor", in->sourceDescriptor, false);
    wrdp_jw_object_end(j);
}

static int wrdp_deactivate_all_pdu_from_json(const wrdp_json *root, wrdp_deactivate_all_pdu *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    const wrdp_json *v;
    if (wrdp_json_get_object(root, "shareControlHeader", &v, err))
        return WRDP_ERR;
    U16("pduType", out->shareControlHeader.pduType);
    U16("pduSource", out->shareControlHeader.pduSource);
    v = root;
    U32("shareID", out->shareID);
    return get_text(v, "sourceDescriptor", false, 0, &out->sourceDescriptor, a, err);
}

/* ---- save session info ---- */
static void wrdp_logon_info_to_json(const wrdp_logon_info *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "cbDomain", in->cbDomain);
    jw_text_fixed(j, "Domain", in->Domain, true);
    wrdp_jw_kv_uint(j, "cbUserName", in->cbUserName);
    jw_text_fixed(j, "UserName", in->UserName, true);
    wrdp_jw_kv_uint(j, "SessionId", in->SessionId);
    wrdp_jw_object_end(j);
}

static int wrdp_logon_info_from_json(const wrdp_json *v, wrdp_logon_info *out, wrdp_arena *a, wrdp_error *err)
{
    U32("cbDomain", out->cbDomain);
    U32("cbUserName", out->cbUserName);
    U32("SessionId", out->SessionId);
    if (get_text(v, "Domain", true, 0, &out->Domain, a, err))
        return WRDP_ERR;
    return get_text(v, "UserName", true, 0, &out->UserName, a, err);
}

static void wrdp_logon_info_v2_to_json(const wrdp_logon_info_v2 *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "Version", in->Version);
    wrdp_jw_kv_uint(j, "SessionId", in->SessionId);
    jw_pad(j, "Pad", in->Pad);
    jw_text_z(j, "Domain", in->Domain, true);
    jw_text_z(j, "UserName", in->UserName, true);
    wrdp_jw_object_end(j);
}

static int wrdp_logon_info_v2_from_json(const wrdp_json *v, wrdp_logon_info_v2 *out, wrdp_arena *a, wrdp_error *err)
{
    U16("Version", out->Version);
    U32("SessionId", out->SessionId);
    if (get_pad(v, "Pad", &out->Pad, a, err) || get_text(v, "Domain", true, 2, &out->Domain, a, err))
        return WRDP_ERR;
    return get_text(v, "UserName", true, 2, &out->UserName, a, err);
}

static void wrdp_logon_info_extended_to_json(const wrdp_logon_info_extended *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "FieldsPresent", in->FieldsPresent);
    if (in->FieldsPresent & WRDP_LOGON_EX_AUTORECONNECTCOOKIE) {
        wrdp_jw_key(j, "autoReconnect");
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "Version", in->autoReconnect.Version);
        wrdp_jw_kv_uint(j, "LogonId", in->autoReconnect.LogonId);
        wrdp_jw_kv_hex(j, "ArcRandomBits", in->autoReconnect.ArcRandomBits, 16);
        wrdp_jw_object_end(j);
    }
    if (in->FieldsPresent & WRDP_LOGON_EX_LOGONERRORS) {
        wrdp_jw_key(j, "errorsInfo");
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "ErrorNotificationType", in->errorsInfo.ErrorNotificationType);
        wrdp_jw_kv_uint(j, "ErrorNotificationData", in->errorsInfo.ErrorNotificationData);
        wrdp_jw_object_end(j);
    }
    jw_pad(j, "Pad", in->Pad);
    wrdp_jw_object_end(j);
}

static int wrdp_logon_info_extended_from_json(const wrdp_json *root, wrdp_logon_info_extended *out, wrdp_arena *a,
                                              wrdp_error *err)
{
    const wrdp_json *v = root;
    U32("FieldsPresent", out->FieldsPresent);
    if (out->FieldsPresent & WRDP_LOGON_EX_AUTORECONNECTCOOKIE) {
        OBJ("autoReconnect", v);
        U32("Version", out->autoReconnect.Version);
        U32("LogonId", out->autoReconnect.LogonId);
        if (get_fixed_hex(v, "ArcRandomBits", out->autoReconnect.ArcRandomBits, 16, a, err))
            return WRDP_ERR;
        v = root;
    }
    if (out->FieldsPresent & WRDP_LOGON_EX_LOGONERRORS) {
        OBJ("errorsInfo", v);
        U32("ErrorNotificationType", out->errorsInfo.ErrorNotificationType);
        U32("ErrorNotificationData", out->errorsInfo.ErrorNotificationData);
        v = root;
    }
    return get_pad(v, "Pad", &out->Pad, a, err);
}

static void wrdp_save_session_info_to_json(const wrdp_save_session_info *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "infoType", in->infoType);
    switch (in->infoType) {
    case WRDP_INFOTYPE_LOGON:
        wrdp_jw_key(j, "logonInfo");
        wrdp_logon_info_to_json(&in->logonInfo, j);
        break;
    case WRDP_INFOTYPE_LOGON_LONG:
        wrdp_jw_key(j, "logonInfoV2");
        wrdp_logon_info_v2_to_json(&in->logonInfoV2, j);
        break;
    case WRDP_INFOTYPE_LOGON_PLAINNOTIFY:
        jw_pad(j, "Pad", in->plainNotifyPad);
        break;
    case WRDP_INFOTYPE_LOGON_EXTENDED_INFO:
        wrdp_jw_key(j, "logonInfoEx");
        wrdp_logon_info_extended_to_json(&in->logonInfoEx, j);
        break;
    default:
        break;
    }
    wrdp_jw_object_end(j);
}

static int wrdp_save_session_info_from_json(const wrdp_json *v, wrdp_save_session_info *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    const wrdp_json *o;
    U32("infoType", out->infoType);
    switch (out->infoType) {
    case WRDP_INFOTYPE_LOGON:
        OBJ("logonInfo", o);
        return wrdp_logon_info_from_json(o, &out->logonInfo, a, err);
    case WRDP_INFOTYPE_LOGON_LONG:
        OBJ("logonInfoV2", o);
        return wrdp_logon_info_v2_from_json(o, &out->logonInfoV2, a, err);
    case WRDP_INFOTYPE_LOGON_PLAINNOTIFY:
        return get_pad(v, "Pad", &out->plainNotifyPad, a, err);
    case WRDP_INFOTYPE_LOGON_EXTENDED_INFO:
        OBJ("logonInfoEx", o);
        return wrdp_logon_info_extended_from_json(o, &out->logonInfoEx, a, err);
    default:
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"infoType\": unknown %u", out->infoType);
    }
}

static void wrdp_save_session_info_pdu_to_json(const wrdp_save_session_info_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    hdr_to_json(&in->hdr, j);
    wrdp_jw_key(j, "data");
    wrdp_save_session_info_to_json(&in->data, j);
    wrdp_jw_object_end(j);
}

static int wrdp_save_session_info_pdu_from_json(const wrdp_json *v, wrdp_save_session_info_pdu *out, wrdp_arena *a,
                                                wrdp_error *err)
{
    const wrdp_json *d;
    if (hdr_from_json(v, &out->hdr, err))
        return WRDP_ERR;
    OBJ("data", d);
    return wrdp_save_session_info_from_json(d, &out->data, a, err);
}

/* ---- virtual channel header ---- */
static void wrdp_channel_pdu_header_to_json(const wrdp_channel_pdu_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "length", in->length);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_object_end(j);
}

static int wrdp_channel_pdu_header_from_json(const wrdp_json *v, wrdp_channel_pdu_header *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    (void)a;
    U32("length", out->length);
    U32("flags", out->flags);
    return WRDP_OK;
}

/* ---- auto-detect ---- */
static void wrdp_autodetect_request_to_json(const wrdp_autodetect_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "headerLength", in->headerLength);
    wrdp_jw_kv_uint(j, "headerTypeId", in->headerTypeId);
    wrdp_jw_kv_uint(j, "sequenceNumber", in->sequenceNumber);
    wrdp_jw_kv_uint(j, "requestType", in->requestType);
    switch (in->requestType) {
    case WRDP_RDP_BW_PAYLOAD_REQUEST_TYPE:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME:
        wrdp_jw_kv_uint(j, "payloadLength", in->payload.len);
        wrdp_jw_kv_bytes(j, "payload", in->payload);
        break;
    case WRDP_RDP_NETCHAR_RESULT_BASERTT_AVERAGERTT:
        wrdp_jw_kv_uint(j, "baseRTT", in->baseRTT);
        wrdp_jw_kv_uint(j, "averageRTT", in->averageRTT);
        break;
    case WRDP_RDP_NETCHAR_RESULT_BANDWIDTH_AVERAGERTT:
        wrdp_jw_kv_uint(j, "bandwidth", in->bandwidth);
        wrdp_jw_kv_uint(j, "averageRTT", in->averageRTT);
        break;
    case WRDP_RDP_NETCHAR_RESULT_ALL:
        wrdp_jw_kv_uint(j, "baseRTT", in->baseRTT);
        wrdp_jw_kv_uint(j, "bandwidth", in->bandwidth);
        wrdp_jw_kv_uint(j, "averageRTT", in->averageRTT);
        break;
    default:
        break;
    }
    wrdp_jw_object_end(j);
}

static int wrdp_autodetect_request_from_json(const wrdp_json *v, wrdp_autodetect_request *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    U16("sequenceNumber", out->sequenceNumber);
    U16("requestType", out->requestType);
    out->headerTypeId = WRDP_TYPE_ID_AUTODETECT_REQUEST;
    if (wrdp_json_get(v, "payload") && wrdp_json_get_hex(v, "payload", &out->payload, a, err))
        return WRDP_ERR;
    if (wrdp_json_get(v, "baseRTT"))
        U32("baseRTT", out->baseRTT);
    if (wrdp_json_get(v, "bandwidth"))
        U32("bandwidth", out->bandwidth);
    if (wrdp_json_get(v, "averageRTT"))
        U32("averageRTT", out->averageRTT);
    return WRDP_OK;
}

static void wrdp_autodetect_response_to_json(const wrdp_autodetect_response *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "headerLength", in->headerLength);
    wrdp_jw_kv_uint(j, "headerTypeId", in->headerTypeId);
    wrdp_jw_kv_uint(j, "sequenceNumber", in->sequenceNumber);
    wrdp_jw_kv_uint(j, "responseType", in->responseType);
    if (in->responseType == WRDP_RDP_NETCHAR_SYNC_RESPONSE_TYPE) {
        wrdp_jw_kv_uint(j, "bandwidth", in->bandwidth);
        wrdp_jw_kv_uint(j, "rtt", in->rtt);
    } else if (in->responseType != WRDP_RDP_RTT_RESPONSE_TYPE) {
        wrdp_jw_kv_uint(j, "timeDelta", in->timeDelta);
        wrdp_jw_kv_uint(j, "byteCount", in->byteCount);
    }
    wrdp_jw_object_end(j);
}

static int wrdp_autodetect_response_from_json(const wrdp_json *v, wrdp_autodetect_response *out, wrdp_arena *a,
                                              wrdp_error *err)
{
    (void)a;
    U16("sequenceNumber", out->sequenceNumber);
    U16("responseType", out->responseType);
    out->headerTypeId = WRDP_TYPE_ID_AUTODETECT_RESPONSE;
    if (out->responseType == WRDP_RDP_NETCHAR_SYNC_RESPONSE_TYPE) {
        U32("bandwidth", out->bandwidth);
        U32("rtt", out->rtt);
    } else if (out->responseType != WRDP_RDP_RTT_RESPONSE_TYPE) {
        U32("timeDelta", out->timeDelta);
        U32("byteCount", out->byteCount);
    }
    return WRDP_OK;
}

static void wrdp_autodetect_request_pdu_to_json(const wrdp_autodetect_request_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    kv_security_header(j, "securityHeader", &in->securityHeader);
    wrdp_jw_key(j, "autoDetectReqData");
    wrdp_autodetect_request_to_json(&in->autoDetectReqData, j);
    wrdp_jw_object_end(j);
}

static int wrdp_autodetect_request_pdu_from_json(const wrdp_json *v, wrdp_autodetect_request_pdu *out, wrdp_arena *a,
                                                 wrdp_error *err)
{
    const wrdp_json *o;
    if (get_security_header(v, "securityHeader", &out->securityHeader, a, err))
        return WRDP_ERR;
    OBJ("autoDetectReqData", o);
    return wrdp_autodetect_request_from_json(o, &out->autoDetectReqData, a, err);
}

static void wrdp_autodetect_response_pdu_to_json(const wrdp_autodetect_response_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    kv_security_header(j, "securityHeader", &in->securityHeader);
    wrdp_jw_key(j, "autoDetectRspData");
    wrdp_autodetect_response_to_json(&in->autoDetectRspData, j);
    wrdp_jw_object_end(j);
}

static int wrdp_autodetect_response_pdu_from_json(const wrdp_json *v, wrdp_autodetect_response_pdu *out,
                                                  wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *o;
    if (get_security_header(v, "securityHeader", &out->securityHeader, a, err))
        return WRDP_ERR;
    OBJ("autoDetectRspData", o);
    return wrdp_autodetect_response_from_json(o, &out->autoDetectRspData, a, err);
}

/* ---- registry ---- */
WRDP_PDU_KIND_ADAPT(wrdp_basic_security_header, wrdp_basic_security_header)
WRDP_PDU_KIND_ADAPT(wrdp_non_fips_security_header, wrdp_non_fips_security_header)
WRDP_PDU_KIND_ADAPT(wrdp_fips_security_header, wrdp_fips_security_header)
WRDP_PDU_KIND_ADAPT(wrdp_security_exchange_pdu, wrdp_security_exchange_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_info_packet, wrdp_info_packet)
WRDP_PDU_KIND_ADAPT(wrdp_client_info_pdu, wrdp_client_info_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_synchronize_pdu, wrdp_synchronize_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_control_pdu, wrdp_control_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_persistent_key_list_pdu, wrdp_persistent_key_list_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_font_list_pdu, wrdp_font_list_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_font_map_pdu, wrdp_font_map_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_set_error_info_pdu, wrdp_set_error_info_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_shutdown_request_pdu, wrdp_shutdown_request_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_shutdown_denied_pdu, wrdp_shutdown_denied_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_deactivate_all_pdu, wrdp_deactivate_all_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_monitor_layout_pdu, wrdp_monitor_layout_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_logon_info, wrdp_logon_info)
WRDP_PDU_KIND_ADAPT(wrdp_logon_info_v2, wrdp_logon_info_v2)
WRDP_PDU_KIND_ADAPT(wrdp_logon_info_extended, wrdp_logon_info_extended)
WRDP_PDU_KIND_ADAPT(wrdp_save_session_info, wrdp_save_session_info)
WRDP_PDU_KIND_ADAPT(wrdp_save_session_info_pdu, wrdp_save_session_info_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_channel_pdu_header, wrdp_channel_pdu_header)
WRDP_PDU_KIND_ADAPT(wrdp_autodetect_request, wrdp_autodetect_request)
WRDP_PDU_KIND_ADAPT(wrdp_autodetect_response, wrdp_autodetect_response)
WRDP_PDU_KIND_ADAPT(wrdp_autodetect_request_pdu, wrdp_autodetect_request_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_autodetect_response_pdu, wrdp_autodetect_response_pdu)

const wrdp_pdu_kind wrdp_pdu_kinds_rdp[] = {
    WRDP_PDU_KIND_ENTRY("rdp_basic_security_header", "Basic Security Header (MS-RDPBCGR 2.2.8.1.1.2.1)", wrdp_basic_security_header, wrdp_basic_security_header),
    WRDP_PDU_KIND_ENTRY("rdp_non_fips_security_header", "Non-FIPS Security Header (2.2.8.1.1.2.2)", wrdp_non_fips_security_header, wrdp_non_fips_security_header),
    WRDP_PDU_KIND_ENTRY("rdp_fips_security_header", "FIPS Security Header (2.2.8.1.1.2.3)", wrdp_fips_security_header, wrdp_fips_security_header),
    WRDP_PDU_KIND_ENTRY("security_exchange_pdu", "Client Security Exchange PDU data: security header + encrypted client random (2.2.1.10)", wrdp_security_exchange_pdu, wrdp_security_exchange_pdu),
    WRDP_PDU_KIND_ENTRY("client_info", "TS_INFO_PACKET with TS_EXTENDED_INFO_PACKET (2.2.1.11.1.1)", wrdp_info_packet, wrdp_info_packet),
    WRDP_PDU_KIND_ENTRY("client_info_pdu", "Client Info PDU data: basic security header + TS_INFO_PACKET (2.2.1.11)", wrdp_client_info_pdu, wrdp_client_info_pdu),
    WRDP_PDU_KIND_ENTRY("synchronize_pdu", "Synchronize PDU from the Share Control Header (2.2.1.14, 2.2.1.19)", wrdp_synchronize_pdu, wrdp_synchronize_pdu),
    WRDP_PDU_KIND_ENTRY("control_pdu", "Control PDU: cooperate, request / granted control (2.2.1.15, 2.2.1.16, 2.2.1.20, 2.2.1.21)", wrdp_control_pdu, wrdp_control_pdu),
    WRDP_PDU_KIND_ENTRY("persistent_key_list_pdu", "Persistent Key List PDU (2.2.1.17)", wrdp_persistent_key_list_pdu, wrdp_persistent_key_list_pdu),
    WRDP_PDU_KIND_ENTRY("font_list_pdu", "Font List PDU (2.2.1.18)", wrdp_font_list_pdu, wrdp_font_list_pdu),
    WRDP_PDU_KIND_ENTRY("font_map_pdu", "Font Map PDU (2.2.1.22)", wrdp_font_map_pdu, wrdp_font_map_pdu),
    WRDP_PDU_KIND_ENTRY("set_error_info_pdu", "Set Error Info PDU (2.2.5.1)", wrdp_set_error_info_pdu, wrdp_set_error_info_pdu),
    WRDP_PDU_KIND_ENTRY("shutdown_request_pdu", "Shutdown Request PDU (2.2.2.2)", wrdp_shutdown_request_pdu, wrdp_shutdown_request_pdu),
    WRDP_PDU_KIND_ENTRY("shutdown_denied_pdu", "Shutdown Request Denied PDU (2.2.2.3)", wrdp_shutdown_denied_pdu, wrdp_shutdown_denied_pdu),
    WRDP_PDU_KIND_ENTRY("deactivate_all_pdu", "Server Deactivate All PDU (2.2.3.1)", wrdp_deactivate_all_pdu, wrdp_deactivate_all_pdu),
    WRDP_PDU_KIND_ENTRY("monitor_layout_pdu", "Monitor Layout PDU (2.2.12.1)", wrdp_monitor_layout_pdu, wrdp_monitor_layout_pdu),
    WRDP_PDU_KIND_ENTRY("session_info_logon_info", "TS_LOGON_INFO, logon info version 1 (2.2.10.1.1.1)", wrdp_logon_info, wrdp_logon_info),
    WRDP_PDU_KIND_ENTRY("session_info_logon_info_v2", "TS_LOGON_INFO_VERSION_2 with pad and strings (2.2.10.1.1.2)", wrdp_logon_info_v2, wrdp_logon_info_v2),
    WRDP_PDU_KIND_ENTRY("session_info_logon_extended", "TS_LOGON_INFO_EXTENDED with pad (2.2.10.1.1.4)", wrdp_logon_info_extended, wrdp_logon_info_extended),
    WRDP_PDU_KIND_ENTRY("save_session_info", "TS_SAVE_SESSION_INFO_PDU_DATA: infoType + infoData (2.2.10.1.1)", wrdp_save_session_info, wrdp_save_session_info),
    WRDP_PDU_KIND_ENTRY("save_session_info_pdu", "Save Session Info PDU from the Share Control Header (2.2.10.1)", wrdp_save_session_info_pdu, wrdp_save_session_info_pdu),
    WRDP_PDU_KIND_ENTRY("channel_pdu_header", "Virtual channel CHANNEL_PDU_HEADER (2.2.6.1.1)", wrdp_channel_pdu_header, wrdp_channel_pdu_header),
    WRDP_PDU_KIND_ENTRY("autodetect_request", "Auto-detect request: RTT, bandwidth start/payload/stop, network characteristics (2.2.14.1)", wrdp_autodetect_request, wrdp_autodetect_request),
    WRDP_PDU_KIND_ENTRY("autodetect_response", "Auto-detect response: RTT, bandwidth results, network characteristics sync (2.2.14.2)", wrdp_autodetect_response, wrdp_autodetect_response),
    WRDP_PDU_KIND_ENTRY("autodetect_request_pdu", "Auto-Detect Request PDU: security header + request (2.2.14.3)", wrdp_autodetect_request_pdu, wrdp_autodetect_request_pdu),
    WRDP_PDU_KIND_ENTRY("autodetect_response_pdu", "Auto-Detect Response PDU: security header + response (2.2.14.4)", wrdp_autodetect_response_pdu, wrdp_autodetect_response_pdu),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(rdp)
