/* JSON forms of the fast-path PDUs and the family's registry table. */
#include <string.h>

#include "pdu/kind.h"

/* ---- helpers ------------------------------------------------------------- */

static int opt_bool(const wrdp_json *obj, const char *key, bool *out, wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    *out = false;
    if (!v || v->type == WRDP_JSON_NULL)
        return WRDP_OK;
    return wrdp_json_get_bool(obj, key, out, err);
}

static bool present(const wrdp_json *obj, const char *key)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    return v && v->type != WRDP_JSON_NULL;
}

static int get_fixed_hex(const wrdp_json *obj, const char *key, uint8_t *dst, size_t n, wrdp_arena *a,
                         wrdp_error *err)
{
    wrdp_bytes b;
    if (wrdp_json_get_hex(obj, key, &b, a, err))
        return WRDP_ERR;
    if (b.len != n)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "%s: %zu bytes, expected %zu", key, b.len, n);
    memcpy(dst, b.data, n);
    return WRDP_OK;
}

static int get_bits(const wrdp_json *obj, const char *key, unsigned bits, uint8_t *out, wrdp_error *err)
{
    uint64_t v;
    if (wrdp_json_get_uint(obj, key, (1u << bits) - 1, &v, err))
        return WRDP_ERR;
    *out = (uint8_t)v;
    return WRDP_OK;
}

static void fips_to_json(const wrdp_fastpath_fips_info *f, wrdp_json_writer *j)
{
    wrdp_jw_key(j, "fipsInformation");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "length", f->length);
    wrdp_jw_kv_uint(j, "version", f->version);
    wrdp_jw_kv_uint(j, "padlen", f->padlen);
    wrdp_jw_object_end(j);
}

static int fips_from_json(const wrdp_json *v, bool *has, wrdp_fastpath_fips_info *f, wrdp_error *err)
{
    *has = present(v, "fipsInformation");
    if (!*has)
        return WRDP_OK;
    const wrdp_json *o;
    if (wrdp_json_get_object(v, "fipsInformation", &o, err))
        return WRDP_ERR;
    if (wrdp_json_get_u16(o, "length", &f->length, err) || wrdp_json_get_u8(o, "version", &f->version, err) ||
        wrdp_json_get_u8(o, "padlen", &f->padlen, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- output header ------------------------------------------------------- */

static void wrdp_fastpath_output_header_to_json(const wrdp_fastpath_output_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "action", in->action);
    wrdp_jw_kv_uint(j, "reserved", in->reserved);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "length", in->length);
    wrdp_jw_kv_bool(j, "forceLongLength", in->forceLongLength);
    wrdp_jw_object_end(j);
}

static int wrdp_fastpath_output_header_from_json(const wrdp_json *v, wrdp_fastpath_output_header *out,
                                                 wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (get_bits(v, "action", 2, &out->action, err) || get_bits(v, "reserved", 4, &out->reserved, err) ||
        get_bits(v, "flags", 2, &out->flags, err) || wrdp_json_get_u16(v, "length", &out->length, err) ||
        opt_bool(v, "forceLongLength", &out->forceLongLength, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- input events and PDU ------------------------------------------------ */

static void event_to_json(const wrdp_fastpath_input_event *e, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "eventCode", e->eventCode);
    wrdp_jw_kv_uint(j, "eventFlags", e->eventFlags);
    switch (e->eventCode) {
    case WRDP_FASTPATH_INPUT_EVENT_SCANCODE:
        wrdp_jw_kv_uint(j, "keyCode", e->keyCode);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSE:
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEX:
        wrdp_jw_kv_uint(j, "pointerFlags", e->pointerFlags);
        wrdp_jw_kv_uint(j, "xPos", e->xPos);
        wrdp_jw_kv_uint(j, "yPos", e->yPos);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_UNICODE:
        wrdp_jw_kv_uint(j, "unicodeCode", e->unicodeCode);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEREL:
        wrdp_jw_kv_uint(j, "pointerFlags", e->pointerFlags);
        wrdp_jw_kv_int(j, "xDelta", e->xDelta);
        wrdp_jw_kv_int(j, "yDelta", e->yDelta);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP:
        wrdp_jw_kv_uint(j, "timestamp", e->timestamp);
        break;
    default:
        break;
    }
    wrdp_jw_object_end(j);
}

static int get_i16(const wrdp_json *obj, const char *key, int16_t *out, wrdp_error *err)
{
    int32_t v;
    if (wrdp_json_get_i32(obj, key, &v, err))
        return WRDP_ERR;
    if (v < INT16_MIN || v > INT16_MAX)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "%s: %d out of the int16 range", key, (int)v);
    *out = (int16_t)v;
    return WRDP_OK;
}

static int event_from_json(const wrdp_json *v, wrdp_fastpath_input_event *e, wrdp_error *err)
{
    memset(e, 0, sizeof *e);
    if (get_bits(v, "eventCode", 3, &e->eventCode, err) || get_bits(v, "eventFlags", 5, &e->eventFlags, err))
        return WRDP_ERR;
    switch (e->eventCode) {
    case WRDP_FASTPATH_INPUT_EVENT_SCANCODE:
        return wrdp_json_get_u8(v, "keyCode", &e->keyCode, err);
    case WRDP_FASTPATH_INPUT_EVENT_MOUSE:
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEX:
        if (wrdp_json_get_u16(v, "pointerFlags", &e->pointerFlags, err) ||
            wrdp_json_get_u16(v, "xPos", &e->xPos, err) || wrdp_json_get_u16(v, "yPos", &e->yPos, err))
            return WRDP_ERR;
        return WRDP_OK;
    case WRDP_FASTPATH_INPUT_EVENT_SYNC:
        return WRDP_OK;
    case WRDP_FASTPATH_INPUT_EVENT_UNICODE:
        return wrdp_json_get_u16(v, "unicodeCode", &e->unicodeCode, err);
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEREL:
        if (wrdp_json_get_u16(v, "pointerFlags", &e->pointerFlags, err) || get_i16(v, "xDelta", &e->xDelta, err) ||
            get_i16(v, "yDelta", &e->yDelta, err))
            return WRDP_ERR;
        return WRDP_OK;
    case WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP:
        return wrdp_json_get_u32(v, "timestamp", &e->timestamp, err);
    default:
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "eventCode: unknown fast-path input event %u",
                              e->eventCode);
    }
}

static void wrdp_fastpath_input_pdu_to_json(const wrdp_fastpath_input_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "action", in->action);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_bool(j, "forceLongLength", in->forceLongLength);
    if (in->hasFipsInformation)
        fips_to_json(&in->fipsInformation, j);
    if (in->flags & WRDP_FASTPATH_INPUT_ENCRYPTED) {
        wrdp_jw_kv_hex(j, "dataSignature", in->dataSignature, sizeof in->dataSignature);
        wrdp_jw_kv_uint(j, "numEvents", in->numEvents);
        wrdp_jw_kv_bytes(j, "encryptedData", in->encryptedData);
    } else {
        wrdp_jw_kv_bool(j, "forceNumEventsByte", in->forceNumEventsByte);
        wrdp_jw_key(j, "fpInputEvents");
        wrdp_jw_array_begin(j);
        for (unsigned i = 0; i < in->numEvents; i++)
            event_to_json(&in->fpInputEvents[i], j);
        wrdp_jw_array_end(j);
    }
    wrdp_jw_object_end(j);
}

static int wrdp_fastpath_input_pdu_from_json(const wrdp_json *v, wrdp_fastpath_input_pdu *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (get_bits(v, "action", 2, &out->action, err) || get_bits(v, "flags", 2, &out->flags, err) ||
        opt_bool(v, "forceLongLength", &out->forceLongLength, err) ||
        fips_from_json(v, &out->hasFipsInformation, &out->fipsInformation, err))
        return WRDP_ERR;
    if (out->flags & WRDP_FASTPATH_INPUT_ENCRYPTED) {
        if (get_fixed_hex(v, "dataSignature", out->dataSignature, sizeof out->dataSignature, a, err) ||
            get_bits(v, "numEvents", 4, &out->numEvents, err) ||
            wrdp_json_get_hex(v, "encryptedData", &out->encryptedData, a, err))
            return WRDP_ERR;
        return WRDP_OK;
    }
    const wrdp_json *arr;
    if (opt_bool(v, "forceNumEventsByte", &out->forceNumEventsByte, err) ||
        wrdp_json_get_array(v, "fpInputEvents", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_FASTPATH_INPUT_EVENTS_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "fpInputEvents: %zu events, at most %d", arr->len,
                              WRDP_FASTPATH_INPUT_EVENTS_MAX);
    out->numEvents = (uint8_t)arr->len;
    size_t i = 0;
    for (const wrdp_json *e = arr->first; e; e = e->next, i++)
        if (event_from_json(e, &out->fpInputEvents[i], err))
            return WRDP_ERR;
    return WRDP_OK;
}

/* ---- updates and update PDU ---------------------------------------------- */

static void wrdp_fastpath_update_to_json(const wrdp_fastpath_update *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "updateCode", in->updateCode);
    wrdp_jw_kv_uint(j, "fragmentation", in->fragmentation);
    wrdp_jw_kv_uint(j, "compression", in->compression);
    if (in->compression & WRDP_FASTPATH_OUTPUT_COMPRESSION_USED)
        wrdp_jw_kv_uint(j, "compressionFlags", in->compressionFlags);
    wrdp_jw_kv_uint(j, "size", in->updateData.len);
    wrdp_jw_kv_bytes(j, "updateData", in->updateData);
    wrdp_jw_object_end(j);
}

/* "size" is informational: the encoder writes the length of updateData. */
static int wrdp_fastpath_update_from_json(const wrdp_json *v, wrdp_fastpath_update *out, wrdp_arena *a,
                                          wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (get_bits(v, "updateCode", 4, &out->updateCode, err) ||
        get_bits(v, "fragmentation", 2, &out->fragmentation, err) ||
        get_bits(v, "compression", 2, &out->compression, err))
        return WRDP_ERR;
    if ((out->compression & WRDP_FASTPATH_OUTPUT_COMPRESSION_USED) &&
        wrdp_json_get_u8(v, "compressionFlags", &out->compressionFlags, err))
        return WRDP_ERR;
    return wrdp_json_get_hex(v, "updateData", &out->updateData, a, err);
}

static void wrdp_fastpath_update_pdu_to_json(const wrdp_fastpath_update_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "action", in->action);
    wrdp_jw_kv_uint(j, "reserved", in->reserved);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_bool(j, "forceLongLength", in->forceLongLength);
    if (in->hasFipsInformation)
        fips_to_json(&in->fipsInformation, j);
    if (in->flags & WRDP_FASTPATH_OUTPUT_ENCRYPTED) {
        wrdp_jw_kv_hex(j, "dataSignature", in->dataSignature, sizeof in->dataSignature);
        wrdp_jw_kv_bytes(j, "encryptedData", in->encryptedData);
    } else {
        wrdp_jw_key(j, "fpOutputUpdates");
        wrdp_jw_array_begin(j);
        for (size_t i = 0; i < in->updateCount; i++)
            wrdp_fastpath_update_to_json(&in->fpOutputUpdates[i], j);
        wrdp_jw_array_end(j);
    }
    wrdp_jw_object_end(j);
}

static int wrdp_fastpath_update_pdu_from_json(const wrdp_json *v, wrdp_fastpath_update_pdu *out, wrdp_arena *a,
                                              wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (get_bits(v, "action", 2, &out->action, err) || get_bits(v, "reserved", 4, &out->reserved, err) ||
        get_bits(v, "flags", 2, &out->flags, err) || opt_bool(v, "forceLongLength", &out->forceLongLength, err) ||
        fips_from_json(v, &out->hasFipsInformation, &out->fipsInformation, err))
        return WRDP_ERR;
    if (out->flags & WRDP_FASTPATH_OUTPUT_ENCRYPTED) {
        if (get_fixed_hex(v, "dataSignature", out->dataSignature, sizeof out->dataSignature, a, err) ||
            wrdp_json_get_hex(v, "encryptedData", &out->encryptedData, a, err))
            return WRDP_ERR;
        return WRDP_OK;
    }
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "fpOutputUpdates", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_FASTPATH_UPDATES_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "fpOutputUpdates: %zu updates, at most %d", arr->len,
                              WRDP_FASTPATH_UPDATES_MAX);
    for (const wrdp_json *u = arr->first; u; u = u->next)
        if (wrdp_fastpath_update_from_json(u, &out->fpOutputUpdates[out->updateCount++], a, err))
            return WRDP_ERR;
    return WRDP_OK;
}

/* ---- registry ------------------------------------------------------------ */

WRDP_PDU_KIND_ADAPT(wrdp_fastpath_input_pdu, wrdp_fastpath_input_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_fastpath_update_pdu, wrdp_fastpath_update_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_fastpath_update, wrdp_fastpath_update)
WRDP_PDU_KIND_ADAPT(wrdp_fastpath_output_header, wrdp_fastpath_output_header)

const wrdp_pdu_kind wrdp_pdu_kinds_fastpath[] = {
    WRDP_PDU_KIND_ENTRY("fastpath_input_pdu", "Client Fast-Path Input Event PDU (TS_FP_INPUT_PDU)", wrdp_fastpath_input_pdu, wrdp_fastpath_input_pdu),
    WRDP_PDU_KIND_ENTRY("fastpath_update_pdu", "Server Fast-Path Update PDU (TS_FP_UPDATE_PDU), framing of every update", wrdp_fastpath_update_pdu, wrdp_fastpath_update_pdu),
    WRDP_PDU_KIND_ENTRY("fastpath_update", "Fast-Path Update (TS_FP_UPDATE), one update with its data as bytes", wrdp_fastpath_update, wrdp_fastpath_update),
    WRDP_PDU_KIND_ENTRY("fastpath_output_header", "Fast-path output header alone (fpOutputHeader + length1/length2)", wrdp_fastpath_output_header, wrdp_fastpath_output_header),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(fastpath)
