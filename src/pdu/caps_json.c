/* JSON forms of the capability sets, the codec containers and the capability exchange
 * PDUs, and the caps family's registry table. */
#include <string.h>

#include "pdu/caps_internal.h"
#include "pdu/kind.h"

/* ---- capability sets ------------------------------------------------------- */

static void cachedef_to_json(const wrdp_cache_definition *d, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "CacheEntries", d->CacheEntries);
    wrdp_jw_kv_uint(j, "CacheMaximumCellSize", d->CacheMaximumCellSize);
    wrdp_jw_object_end(j);
}

static int cachedef_from_json(const wrdp_json *v, wrdp_cache_definition *d, wrdp_error *err)
{
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a cache definition object");
    if (wrdp_json_get_u16(v, "CacheEntries", &d->CacheEntries, err) ||
        wrdp_json_get_u16(v, "CacheMaximumCellSize", &d->CacheMaximumCellSize, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static void cellinfo_to_json(const wrdp_bitmapcache_cell_info *ci, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "numEntries", ci->numEntries);
    wrdp_jw_kv_uint(j, "k", ci->k);
    wrdp_jw_object_end(j);
}

static int cellinfo_from_json(const wrdp_json *v, wrdp_bitmapcache_cell_info *ci, wrdp_error *err)
{
    uint64_t n;
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a cell info object");
    if (wrdp_json_get_uint(v, "numEntries", 0x7FFFFFFF, &n, err) || wrdp_json_get_u8(v, "k", &ci->k, err))
        return WRDP_ERR;
    if (ci->k > 1)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"k\" must be 0 or 1");
    ci->numEntries = (uint32_t)n;
    return WRDP_OK;
}

static void fields_to_json(const caps_layout *l, const uint8_t *s, wrdp_json_writer *j)
{
    for (size_t i = 0; i < l->nfields; i++) {
        const caps_field *f = &l->fields[i];
        const void *p = s + f->off;
        if (f->present_off >= 0 && !*(const bool *)(s + f->present_off))
            break;
        switch (f->type) {
        case CF_U8: wrdp_jw_kv_uint(j, f->name, *(const uint8_t *)p); break;
        case CF_U16: wrdp_jw_kv_uint(j, f->name, *(const uint16_t *)p); break;
        case CF_U32: wrdp_jw_kv_uint(j, f->name, *(const uint32_t *)p); break;
        case CF_BYTES: wrdp_jw_kv_hex(j, f->name, p, f->n); break;
        case CF_CACHEDEF:
            wrdp_jw_key(j, f->name);
            cachedef_to_json(p, j);
            break;
        case CF_CACHEDEF_ARRAY:
            wrdp_jw_key(j, f->name);
            wrdp_jw_array_begin(j);
            for (size_t k = 0; k < f->n; k++)
                cachedef_to_json((const wrdp_cache_definition *)p + k, j);
            wrdp_jw_array_end(j);
            break;
        case CF_CELLINFO:
            wrdp_jw_key(j, f->name);
            cellinfo_to_json(p, j);
            break;
        }
    }
}

static int fields_from_json(const caps_layout *l, const wrdp_json *v, uint8_t *s, wrdp_arena *a, wrdp_error *err)
{
    for (size_t i = 0; i < l->nfields; i++) {
        const caps_field *f = &l->fields[i];
        void *p = s + f->off;
        const wrdp_json *m = wrdp_json_get(v, f->name);
        if (f->present_off >= 0) {
            if (!m || m->type == WRDP_JSON_NULL)
                break; /* this optional field and those after it are absent */
            *(bool *)(s + f->present_off) = true;
        }
        uint64_t n;
        switch (f->type) {
        case CF_U8:
        case CF_U16:
        case CF_U32: {
            uint64_t max = f->type == CF_U8 ? UINT8_MAX : f->type == CF_U16 ? UINT16_MAX : UINT32_MAX;
            if (wrdp_json_get_uint(v, f->name, max, &n, err))
                return WRDP_ERR;
            if (f->type == CF_U8)
                *(uint8_t *)p = (uint8_t)n;
            else if (f->type == CF_U16)
                *(uint16_t *)p = (uint16_t)n;
            else
                *(uint32_t *)p = (uint32_t)n;
            break;
        }
        case CF_BYTES: {
            wrdp_bytes b;
            if (wrdp_json_get_hex(v, f->name, &b, a, err))
                return WRDP_ERR;
            if (b.len != f->n)
                return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"%s\": expected %zu bytes", f->name,
                                      f->n);
            memcpy(p, b.data, f->n);
            break;
        }
        case CF_CACHEDEF:
            if (cachedef_from_json(m, p, err))
                return WRDP_ERR;
            break;
        case CF_CACHEDEF_ARRAY:
            if (!m || m->type != WRDP_JSON_ARRAY || m->len != f->n)
                return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"%s\": expected an array of %zu",
                                      f->name, f->n);
            for (size_t k = 0; k < f->n; k++)
                if (cachedef_from_json(wrdp_json_at(m, k), (wrdp_cache_definition *)p + k, err))
                    return WRDP_ERR;
            break;
        case CF_CELLINFO:
            if (cellinfo_from_json(m, p, err))
                return WRDP_ERR;
            break;
        }
    }
    return WRDP_OK;
}

/* ---- codec containers ---- */

static void nscodec_to_json(const wrdp_nscodec_capabilityset *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "fAllowDynamicFidelity", in->fAllowDynamicFidelity);
    wrdp_jw_kv_uint(j, "fAllowSubsampling", in->fAllowSubsampling);
    wrdp_jw_kv_uint(j, "colorLossLevel", in->colorLossLevel);
    wrdp_jw_object_end(j);
}

static int nscodec_from_json(const wrdp_json *v, wrdp_nscodec_capabilityset *out, wrdp_arena *a, wrdp_error *err)
{
    (void)a;
    if (wrdp_json_get_u8(v, "fAllowDynamicFidelity", &out->fAllowDynamicFidelity, err) ||
        wrdp_json_get_u8(v, "fAllowSubsampling", &out->fAllowSubsampling, err) ||
        wrdp_json_get_u8(v, "colorLossLevel", &out->colorLossLevel, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static void rfx_icap_to_json(const wrdp_rfx_icap *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "version", in->version);
    wrdp_jw_kv_uint(j, "tileSize", in->tileSize);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "colConvBits", in->colConvBits);
    wrdp_jw_kv_uint(j, "transformBits", in->transformBits);
    wrdp_jw_kv_uint(j, "entropyBits", in->entropyBits);
    wrdp_jw_object_end(j);
}

static int rfx_icap_from_json(const wrdp_json *v, wrdp_rfx_icap *out, wrdp_arena *a, wrdp_error *err)
{
    (void)a;
    if (wrdp_json_get_u16(v, "version", &out->version, err) || wrdp_json_get_u16(v, "tileSize", &out->tileSize, err) ||
        wrdp_json_get_u8(v, "flags", &out->flags, err) || wrdp_json_get_u8(v, "colConvBits", &out->colConvBits, err) ||
        wrdp_json_get_u8(v, "transformBits", &out->transformBits, err) ||
        wrdp_json_get_u8(v, "entropyBits", &out->entropyBits, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static void rfx_capset_to_json(const wrdp_rfx_capset *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "codecId", in->codecId);
    wrdp_jw_kv_uint(j, "capsetType", in->capsetType);
    wrdp_jw_key(j, "icapsData");
    wrdp_jw_array_begin(j);
    for (uint16_t i = 0; i < in->numIcaps && i < WRDP_RFX_ICAPS_MAX; i++)
        rfx_icap_to_json(&in->icapsData[i], j);
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int rfx_capset_from_json(const wrdp_json *v, wrdp_rfx_capset *out, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *arr;
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_u8(v, "codecId", &out->codecId, err) ||
        wrdp_json_get_u16(v, "capsetType", &out->capsetType, err) || wrdp_json_get_array(v, "icapsData", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_RFX_ICAPS_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"icapsData\": more than %d ICAPs", WRDP_RFX_ICAPS_MAX);
    out->blockType = WRDP_CBY_CAPSET;
    out->numIcaps = (uint16_t)arr->len;
    out->icapLen = 8;
    out->blockLen = 13 + 8u * out->numIcaps;
    for (size_t i = 0; i < arr->len; i++)
        if (rfx_icap_from_json(wrdp_json_at(arr, i), &out->icapsData[i], a, err))
            return WRDP_ERR;
    return WRDP_OK;
}

static void rfx_caps_to_json(const wrdp_rfx_caps *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_key(j, "capsetsData");
    wrdp_jw_array_begin(j);
    for (uint16_t i = 0; i < in->numCapsets && i < WRDP_RFX_CAPSETS_MAX; i++)
        rfx_capset_to_json(&in->capsetsData[i], j);
    wrdp_jw_array_end(j);
    wrdp_jw_object_end(j);
}

static int rfx_caps_from_json(const wrdp_json *v, wrdp_rfx_caps *out, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *arr;
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_array(v, "capsetsData", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_RFX_CAPSETS_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"capsetsData\": more than %d capsets",
                              WRDP_RFX_CAPSETS_MAX);
    out->blockType = WRDP_CBY_CAPS;
    out->blockLen = 8;
    out->numCapsets = (uint16_t)arr->len;
    for (size_t i = 0; i < arr->len; i++)
        if (rfx_capset_from_json(wrdp_json_at(arr, i), &out->capsetsData[i], a, err))
            return WRDP_ERR;
    return WRDP_OK;
}

static void rfx_container_to_json(const wrdp_rfx_clnt_caps_container *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "captureFlags", in->captureFlags);
    wrdp_jw_key(j, "capsData");
    rfx_caps_to_json(&in->capsData, j);
    wrdp_jw_object_end(j);
}

static int rfx_container_from_json(const wrdp_json *v, wrdp_rfx_clnt_caps_container *out, wrdp_arena *a,
                                   wrdp_error *err)
{
    const wrdp_json *caps;
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_u32(v, "captureFlags", &out->captureFlags, err) ||
        wrdp_json_get_object(v, "capsData", &caps, err) || rfx_caps_from_json(caps, &out->capsData, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static void bitmap_codec_to_json(const wrdp_bitmap_codec *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_hex(j, "codecGUID", in->codecGUID, 16);
    wrdp_jw_kv_uint(j, "codecID", in->codecID);
    wrdp_jw_kv_uint(j, "codecPropertiesLength", in->codecPropertiesLength);
    wrdp_jw_key(j, "codecProperties");
    switch (in->form) {
    case WRDP_CODEC_PROPERTIES_NSCODEC: nscodec_to_json(&in->nscodec, j); break;
    case WRDP_CODEC_PROPERTIES_RFX_CLIENT: rfx_container_to_json(&in->rfxClient, j); break;
    case WRDP_CODEC_PROPERTIES_RFX_SERVER:
        wrdp_jw_object_begin(j);
        wrdp_jw_kv_uint(j, "reserved", in->rfxServerReserved);
        wrdp_jw_object_end(j);
        break;
    case WRDP_CODEC_PROPERTIES_RAW:
    default: wrdp_jw_hex(j, in->codecProperties.data, in->codecProperties.len); break;
    }
    wrdp_jw_object_end(j);
}

/* codecProperties: a hex string (raw), or an object whose keys say which container it is. */
static int bitmap_codec_from_json(const wrdp_json *v, wrdp_bitmap_codec *out, wrdp_arena *a, wrdp_error *err)
{
    wrdp_bytes guid;
    memset(out, 0, sizeof *out);
    if (wrdp_json_get_hex(v, "codecGUID", &guid, a, err) || wrdp_json_get_u8(v, "codecID", &out->codecID, err))
        return WRDP_ERR;
    if (guid.len != 16)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"codecGUID\": expected 16 bytes");
    memcpy(out->codecGUID, guid.data, 16);
    const wrdp_json *p = wrdp_json_get(v, "codecProperties");
    if (p && p->type == WRDP_JSON_OBJECT) {
        if (wrdp_json_get(p, "captureFlags")) {
            out->form = WRDP_CODEC_PROPERTIES_RFX_CLIENT;
            return rfx_container_from_json(p, &out->rfxClient, a, err);
        }
        if (wrdp_json_get(p, "reserved")) {
            out->form = WRDP_CODEC_PROPERTIES_RFX_SERVER;
            return wrdp_json_get_u32(p, "reserved", &out->rfxServerReserved, err);
        }
        out->form = WRDP_CODEC_PROPERTIES_NSCODEC;
        return nscodec_from_json(p, &out->nscodec, a, err);
    }
    out->form = WRDP_CODEC_PROPERTIES_RAW;
    if (wrdp_json_get_hex(v, "codecProperties", &out->codecProperties, a, err))
        return WRDP_ERR;
    if (out->codecProperties.len > UINT16_MAX)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"codecProperties\": too long");
    return WRDP_OK;
}

static void bitmap_codecs_to_json(const wrdp_caps_bitmap_codecs *in, wrdp_json_writer *j)
{
    wrdp_jw_kv_uint(j, "bitmapCodecCount", in->bitmapCodecCount);
    wrdp_jw_key(j, "bitmapCodecArray");
    wrdp_jw_array_begin(j);
    for (uint8_t i = 0; i < in->bitmapCodecCount && i < WRDP_BITMAP_CODECS_MAX; i++)
        bitmap_codec_to_json(&in->bitmapCodecArray[i], j);
    wrdp_jw_array_end(j);
}

static int bitmap_codecs_from_json(const wrdp_json *v, wrdp_caps_bitmap_codecs *out, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "bitmapCodecArray", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_BITMAP_CODECS_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"bitmapCodecArray\": more than %d codecs",
                              WRDP_BITMAP_CODECS_MAX);
    out->bitmapCodecCount = (uint8_t)arr->len;
    for (size_t i = 0; i < arr->len; i++)
        if (bitmap_codec_from_json(wrdp_json_at(arr, i), &out->bitmapCodecArray[i], a, err))
            return WRDP_ERR;
    return WRDP_OK;
}

/* ---- one capability set ----
 * {"capabilitySetType": n, "lengthCapability": n, <fields>, "trailing": "hex"}; an unknown
 * type carries its body as "capabilityData". lengthCapability is informational. */
static void caps_set_members(const wrdp_caps_set *in, wrdp_json_writer *j)
{
    const caps_layout *l = wrdp_caps_layout(in->capabilitySetType);
    wrdp_jw_kv_uint(j, "capabilitySetType", in->capabilitySetType);
    if (l)
        wrdp_jw_kv_cstring(j, "name", l->name);
    wrdp_jw_kv_uint(j, "lengthCapability", in->lengthCapability);
    if (!l) {
        wrdp_jw_kv_bytes(j, "capabilityData", in->trailing);
        return;
    }
    if (l->fields)
        fields_to_json(l, (const uint8_t *)&in->u, j);
    else
        bitmap_codecs_to_json(&in->u.bitmap_codecs, j);
    if (in->trailing.len)
        wrdp_jw_kv_bytes(j, "trailing", in->trailing);
}

static void caps_set_to_json(const wrdp_caps_set *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    caps_set_members(in, j);
    wrdp_jw_object_end(j);
}

static int caps_set_body_from_json(const wrdp_json *v, uint16_t type, wrdp_caps_set *out, wrdp_arena *a,
                                   wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    out->capabilitySetType = type;
    const caps_layout *l = wrdp_caps_layout(type);
    if (!l)
        return wrdp_json_get_hex(v, "capabilityData", &out->trailing, a, err);
    if (l->fields ? fields_from_json(l, v, (uint8_t *)&out->u, a, err)
                  : bitmap_codecs_from_json(v, &out->u.bitmap_codecs, a, err))
        return WRDP_ERR;
    const wrdp_json *t = wrdp_json_get(v, "trailing");
    if (t && t->type != WRDP_JSON_NULL && wrdp_json_as_hex(t, "trailing", &out->trailing, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static int caps_set_from_json(const wrdp_json *v, wrdp_caps_set *out, wrdp_arena *a, wrdp_error *err)
{
    uint16_t type;
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a capability set object");
    if (wrdp_json_get_u16(v, "capabilitySetType", &type, err))
        return WRDP_ERR;
    return caps_set_body_from_json(v, type, out, a, err);
}

/* ---- Demand Active / Confirm Active ---- */

static void sets_to_json(const wrdp_caps_set *sets, uint16_t n, wrdp_json_writer *j)
{
    wrdp_jw_key(j, "capabilitySets");
    wrdp_jw_array_begin(j);
    for (uint16_t i = 0; i < n && i < WRDP_CAPS_MAX; i++)
        caps_set_to_json(&sets[i], j);
    wrdp_jw_array_end(j);
}

static int sets_from_json(const wrdp_json *v, wrdp_caps_set *sets, uint16_t *n, wrdp_arena *a, wrdp_error *err)
{
    const wrdp_json *arr;
    if (wrdp_json_get_array(v, "capabilitySets", &arr, err))
        return WRDP_ERR;
    if (arr->len > WRDP_CAPS_MAX)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"capabilitySets\": more than %d sets", WRDP_CAPS_MAX);
    *n = (uint16_t)arr->len;
    for (size_t i = 0; i < arr->len; i++)
        if (caps_set_from_json(wrdp_json_at(arr, i), &sets[i], a, err))
            return WRDP_ERR;
    return WRDP_OK;
}

static void demand_active_json(const wrdp_demand_active *in, bool with_share_id, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    if (with_share_id)
        wrdp_jw_kv_uint(j, "shareId", in->shareId);
    wrdp_jw_kv_uint(j, "lengthSourceDescriptor", in->lengthSourceDescriptor);
    wrdp_jw_kv_uint(j, "lengthCombinedCapabilities", in->lengthCombinedCapabilities);
    wrdp_jw_kv_bytes(j, "sourceDescriptor", in->sourceDescriptor);
    wrdp_jw_kv_uint(j, "numberCapabilities", in->numberCapabilities);
    wrdp_jw_kv_uint(j, "pad2Octets", in->pad2Octets);
    sets_to_json(in->capabilitySets, in->numberCapabilities, j);
    wrdp_jw_kv_uint(j, "sessionId", in->sessionId);
    wrdp_jw_object_end(j);
}

static int demand_active_from(const wrdp_json *v, bool with_share_id, wrdp_demand_active *out, wrdp_arena *a,
                              wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a Demand Active object");
    if ((with_share_id && wrdp_json_get_u32(v, "shareId", &out->shareId, err)) ||
        wrdp_json_get_hex(v, "sourceDescriptor", &out->sourceDescriptor, a, err) ||
        wrdp_json_get_u16(v, "pad2Octets", &out->pad2Octets, err) ||
        sets_from_json(v, out->capabilitySets, &out->numberCapabilities, a, err) ||
        wrdp_json_get_u32(v, "sessionId", &out->sessionId, err))
        return WRDP_ERR;
    out->lengthSourceDescriptor = (uint16_t)out->sourceDescriptor.len;
    return WRDP_OK;
}

static void confirm_active_json(const wrdp_confirm_active *in, bool with_share_id, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    if (with_share_id)
        wrdp_jw_kv_uint(j, "shareId", in->shareId);
    wrdp_jw_kv_uint(j, "originatorId", in->originatorId);
    wrdp_jw_kv_uint(j, "lengthSourceDescriptor", in->lengthSourceDescriptor);
    wrdp_jw_kv_uint(j, "lengthCombinedCapabilities", in->lengthCombinedCapabilities);
    wrdp_jw_kv_bytes(j, "sourceDescriptor", in->sourceDescriptor);
    wrdp_jw_kv_uint(j, "numberCapabilities", in->numberCapabilities);
    wrdp_jw_kv_uint(j, "pad2Octets", in->pad2Octets);
    sets_to_json(in->capabilitySets, in->numberCapabilities, j);
    wrdp_jw_object_end(j);
}

static int confirm_active_from(const wrdp_json *v, bool with_share_id, wrdp_confirm_active *out, wrdp_arena *a,
                               wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a Confirm Active object");
    if ((with_share_id && wrdp_json_get_u32(v, "shareId", &out->shareId, err)) ||
        wrdp_json_get_u16(v, "originatorId", &out->originatorId, err) ||
        wrdp_json_get_hex(v, "sourceDescriptor", &out->sourceDescriptor, a, err) ||
        wrdp_json_get_u16(v, "pad2Octets", &out->pad2Octets, err) ||
        sets_from_json(v, out->capabilitySets, &out->numberCapabilities, a, err))
        return WRDP_ERR;
    out->lengthSourceDescriptor = (uint16_t)out->sourceDescriptor.len;
    return WRDP_OK;
}

static void sch_to_json(const wrdp_share_control_header *h, wrdp_json_writer *j)
{
    wrdp_jw_key(j, "shareControlHeader");
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "totalLength", h->totalLength);
    wrdp_jw_kv_uint(j, "pduType", h->pduType);
    wrdp_jw_kv_uint(j, "pduSource", h->pduSource);
    wrdp_jw_object_end(j);
}

static int sch_from_json(const wrdp_json *v, wrdp_share_control_header *h, wrdp_error *err)
{
    const wrdp_json *o;
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a PDU object");
    if (wrdp_json_get_object(v, "shareControlHeader", &o, err) || wrdp_json_get_u16(o, "pduType", &h->pduType, err) ||
        wrdp_json_get_u16(o, "pduSource", &h->pduSource, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- typed adapters for the registry ---- */

#define ACTIVE_JSON(P, T, FN, WITH)                                                                    \
    static void P##_to_json(const T *in, wrdp_json_writer *j) { FN##_json(in, WITH, j); }              \
    static int P##_from_json(const wrdp_json *v, T *out, wrdp_arena *a, wrdp_error *err)              \
    {                                                                                                  \
        return FN##_from(v, WITH, out, a, err);                                                        \
    }
ACTIVE_JSON(wrdp_demand_active, wrdp_demand_active, demand_active, true)
ACTIVE_JSON(wrdp_demand_active_body, wrdp_demand_active, demand_active, false)
ACTIVE_JSON(wrdp_confirm_active, wrdp_confirm_active, confirm_active, true)
ACTIVE_JSON(wrdp_confirm_active_body, wrdp_confirm_active, confirm_active, false)

static void wrdp_demand_active_pdu_to_json(const wrdp_demand_active_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    sch_to_json(&in->shareControlHeader, j);
    wrdp_jw_key(j, "demandActive");
    demand_active_json(&in->demandActive, true, j);
    wrdp_jw_object_end(j);
}

static int wrdp_demand_active_pdu_from_json(const wrdp_json *v, wrdp_demand_active_pdu *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (sch_from_json(v, &out->shareControlHeader, err))
        return WRDP_ERR;
    return demand_active_from(wrdp_json_get(v, "demandActive"), true, &out->demandActive, a, err);
}

static void wrdp_confirm_active_pdu_to_json(const wrdp_confirm_active_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    sch_to_json(&in->shareControlHeader, j);
    wrdp_jw_key(j, "confirmActive");
    confirm_active_json(&in->confirmActive, true, j);
    wrdp_jw_object_end(j);
}

static int wrdp_confirm_active_pdu_from_json(const wrdp_json *v, wrdp_confirm_active_pdu *out, wrdp_arena *a,
                                             wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (sch_from_json(v, &out->shareControlHeader, err))
        return WRDP_ERR;
    return confirm_active_from(wrdp_json_get(v, "confirmActive"), true, &out->confirmActive, a, err);
}

/* A whole set of one type (header included) and its body alone. */
static int decode_set_of_type(wrdp_cursor *c, uint16_t type, wrdp_caps_set *out)
{
    const uint8_t *p = wrdp_cursor_peek(c, 2, "capabilitySetType");
    if (!p)
        return WRDP_ERR;
    uint16_t t = (uint16_t)(p[0] | p[1] << 8);
    if (t != type)
        return wrdp_cursor_fail(c, "capabilitySetType", "0x%04x, expected 0x%04x (%s)", t, type,
                                wrdp_caps_type_name(type));
    return wrdp_caps_set_decode(c, out);
}

static int set_from_json_of_type(const wrdp_json *v, uint16_t type, wrdp_caps_set *out, wrdp_arena *a,
                                 wrdp_error *err)
{
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected a capability set object");
    return caps_set_body_from_json(v, type, out, a, err);
}

/* A standalone body must have bytes: an empty one (a Font set with no body) has nothing to
 * decode on its own and would encode to nothing; the whole-set kinds cover it. */
static int body_kind_decode(wrdp_cursor *c, uint16_t type, wrdp_caps_set *out)
{
    if (wrdp_cursor_ok(c) && wrdp_cursor_remaining(c) == 0)
        return wrdp_cursor_fail(c, "capabilityData", "empty body");
    return wrdp_caps_set_body_decode(c, type, out);
}

#define SET_KIND(N, TYPE)                                                                                         \
    static int caps_##N##_decode(wrdp_cursor *c, wrdp_caps_set *o) { return decode_set_of_type(c, TYPE, o); }     \
    static int caps_##N##_encode(const wrdp_caps_set *i, wrdp_writer *w) { return wrdp_caps_set_encode(i, w); }   \
    static void caps_##N##_to_json(const wrdp_caps_set *i, wrdp_json_writer *j) { caps_set_to_json(i, j); }       \
    static int caps_##N##_from_json(const wrdp_json *v, wrdp_caps_set *o, wrdp_arena *a, wrdp_error *e)           \
    {                                                                                                             \
        return set_from_json_of_type(v, TYPE, o, a, e);                                                           \
    }                                                                                                             \
    WRDP_PDU_KIND_ADAPT(caps_##N, wrdp_caps_set)

#define BODY_KIND(N, TYPE)                                                                                        \
    static int caps_##N##_body_decode(wrdp_cursor *c, wrdp_caps_set *o)                                           \
    {                                                                                                             \
        return body_kind_decode(c, TYPE, o);                                                                      \
    }                                                                                                             \
    static int caps_##N##_body_encode(const wrdp_caps_set *i, wrdp_writer *w)                                     \
    {                                                                                                             \
        return wrdp_caps_set_body_encode(i, w);                                                                   \
    }                                                                                                             \
    static void caps_##N##_body_to_json(const wrdp_caps_set *i, wrdp_json_writer *j) { caps_set_to_json(i, j); }  \
    static int caps_##N##_body_from_json(const wrdp_json *v, wrdp_caps_set *o, wrdp_arena *a, wrdp_error *e)      \
    {                                                                                                             \
        return set_from_json_of_type(v, TYPE, o, a, e);                                                           \
    }                                                                                                             \
    WRDP_PDU_KIND_ADAPT(caps_##N##_body, wrdp_caps_set)

#define BOTH_KINDS(N, TYPE) SET_KIND(N, TYPE) BODY_KIND(N, TYPE)

BOTH_KINDS(general, WRDP_CAPSTYPE_GENERAL)
BOTH_KINDS(bitmap, WRDP_CAPSTYPE_BITMAP)
BOTH_KINDS(order, WRDP_CAPSTYPE_ORDER)
BOTH_KINDS(bitmap_cache, WRDP_CAPSTYPE_BITMAPCACHE)
BOTH_KINDS(bitmap_cache_rev2, WRDP_CAPSTYPE_BITMAPCACHE_REV2)
BOTH_KINDS(control, WRDP_CAPSTYPE_CONTROL)
BOTH_KINDS(window_activation, WRDP_CAPSTYPE_ACTIVATION)
BOTH_KINDS(pointer, WRDP_CAPSTYPE_POINTER)
BOTH_KINDS(share, WRDP_CAPSTYPE_SHARE)
BOTH_KINDS(color_cache, WRDP_CAPSTYPE_COLORCACHE)
BOTH_KINDS(sound, WRDP_CAPSTYPE_SOUND)
BOTH_KINDS(input, WRDP_CAPSTYPE_INPUT)
BOTH_KINDS(font, WRDP_CAPSTYPE_FONT)
BOTH_KINDS(brush, WRDP_CAPSTYPE_BRUSH)
BOTH_KINDS(glyph_cache, WRDP_CAPSTYPE_GLYPHCACHE)
BOTH_KINDS(offscreen_bitmap_cache, WRDP_CAPSTYPE_OFFSCREENCACHE)
BOTH_KINDS(bitmap_cache_host_support, WRDP_CAPSTYPE_BITMAPCACHE_HOSTSUPPORT)
BOTH_KINDS(virtual_channel, WRDP_CAPSTYPE_VIRTUALCHANNEL)
BOTH_KINDS(draw_nine_grid_cache, WRDP_CAPSTYPE_DRAWNINEGRIDCACHE)
BOTH_KINDS(draw_gdi_plus, WRDP_CAPSTYPE_DRAWGDIPLUS)
BOTH_KINDS(rail, WRDP_CAPSTYPE_RAIL)
BOTH_KINDS(window_list, WRDP_CAPSTYPE_WINDOW)
BOTH_KINDS(multifragment_update, WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE)
BOTH_KINDS(surface_commands, WRDP_CAPSETTYPE_SURFACE_COMMANDS)
BOTH_KINDS(bitmap_codecs, WRDP_CAPSETTYPE_BITMAP_CODECS)
SET_KIND(desktop_composition, WRDP_CAPSETTYPE_COMPDESK)
SET_KIND(large_pointer, WRDP_CAPSETTYPE_LARGE_POINTER)
SET_KIND(frame_acknowledge, WRDP_CAPSSETTYPE_FRAME_ACKNOWLEDGE)
SET_KIND(bitmap_cache_v3_codec_id, WRDP_CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID)

/* Any set, known or not. */
#define wrdp_caps_set_to_json caps_set_to_json
#define wrdp_caps_set_from_json caps_set_from_json
WRDP_PDU_KIND_ADAPT(wrdp_caps_set, wrdp_caps_set)

/* Sub-structures of the Bitmap Codecs and cache sets. */
#define wrdp_bitmap_codec_to_json bitmap_codec_to_json
#define wrdp_bitmap_codec_from_json bitmap_codec_from_json
#define wrdp_nscodec_capabilityset_to_json nscodec_to_json
#define wrdp_nscodec_capabilityset_from_json nscodec_from_json
#define wrdp_rfx_clnt_caps_container_to_json rfx_container_to_json
#define wrdp_rfx_clnt_caps_container_from_json rfx_container_from_json
#define wrdp_rfx_caps_to_json rfx_caps_to_json
#define wrdp_rfx_caps_from_json rfx_caps_from_json
#define wrdp_rfx_capset_to_json rfx_capset_to_json
#define wrdp_rfx_capset_from_json rfx_capset_from_json
#define wrdp_rfx_icap_to_json rfx_icap_to_json
#define wrdp_rfx_icap_from_json rfx_icap_from_json
WRDP_PDU_KIND_ADAPT(wrdp_bitmap_codec, wrdp_bitmap_codec)
WRDP_PDU_KIND_ADAPT(wrdp_nscodec_capabilityset, wrdp_nscodec_capabilityset)
WRDP_PDU_KIND_ADAPT(wrdp_rfx_clnt_caps_container, wrdp_rfx_clnt_caps_container)
WRDP_PDU_KIND_ADAPT(wrdp_rfx_caps, wrdp_rfx_caps)
WRDP_PDU_KIND_ADAPT(wrdp_rfx_capset, wrdp_rfx_capset)
WRDP_PDU_KIND_ADAPT(wrdp_rfx_icap, wrdp_rfx_icap)

static void wrdp_cache_definition_to_json(const wrdp_cache_definition *in, wrdp_json_writer *j)
{
    cachedef_to_json(in, j);
}
static int wrdp_cache_definition_from_json(const wrdp_json *v, wrdp_cache_definition *out, wrdp_arena *a,
                                           wrdp_error *err)
{
    (void)a;
    return cachedef_from_json(v, out, err);
}
static void wrdp_bitmapcache_cell_info_to_json(const wrdp_bitmapcache_cell_info *in, wrdp_json_writer *j)
{
    cellinfo_to_json(in, j);
}
static int wrdp_bitmapcache_cell_info_from_json(const wrdp_json *v, wrdp_bitmapcache_cell_info *out, wrdp_arena *a,
                                                wrdp_error *err)
{
    (void)a;
    return cellinfo_from_json(v, out, err);
}
WRDP_PDU_KIND_ADAPT(wrdp_cache_definition, wrdp_cache_definition)
WRDP_PDU_KIND_ADAPT(wrdp_bitmapcache_cell_info, wrdp_bitmapcache_cell_info)

/* A codec GUID alone (16 bytes, Data1-Data3 little-endian). */
typedef struct caps_guid {
    uint8_t codecGUID[16];
} caps_guid;
static int caps_guid_decode(wrdp_cursor *c, caps_guid *o) { return wrdp_rd_copy(c, o->codecGUID, 16, "codecGUID"); }
static int caps_guid_encode(const caps_guid *i, wrdp_writer *w)
{
    wrdp_wr_bytes(w, i->codecGUID, 16);
    return wrdp_writer_status(w);
}
static void caps_guid_to_json(const caps_guid *i, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_hex(j, "codecGUID", i->codecGUID, 16);
    wrdp_jw_object_end(j);
}
static int caps_guid_from_json(const wrdp_json *v, caps_guid *o, wrdp_arena *a, wrdp_error *err)
{
    wrdp_bytes b;
    if (wrdp_json_get_hex(v, "codecGUID", &b, a, err))
        return WRDP_ERR;
    if (b.len != 16)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"codecGUID\": expected 16 bytes");
    memcpy(o->codecGUID, b.data, 16);
    return WRDP_OK;
}
WRDP_PDU_KIND_ADAPT(caps_guid, caps_guid)

WRDP_PDU_KIND_ADAPT(wrdp_demand_active, wrdp_demand_active)
WRDP_PDU_KIND_ADAPT(wrdp_demand_active_body, wrdp_demand_active)
WRDP_PDU_KIND_ADAPT(wrdp_confirm_active, wrdp_confirm_active)
WRDP_PDU_KIND_ADAPT(wrdp_confirm_active_body, wrdp_confirm_active)
WRDP_PDU_KIND_ADAPT(wrdp_demand_active_pdu, wrdp_demand_active_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_confirm_active_pdu, wrdp_confirm_active_pdu)

const wrdp_pdu_kind wrdp_pdu_kinds_caps[] = {
    WRDP_PDU_KIND_ENTRY("caps_demand_active_pdu", "Demand Active PDU with Share Control Header (MS-RDPBCGR 2.2.1.13.1.1)", wrdp_demand_active_pdu, wrdp_demand_active_pdu),
    WRDP_PDU_KIND_ENTRY("caps_confirm_active_pdu", "Confirm Active PDU with Share Control Header (MS-RDPBCGR 2.2.1.13.2.1)", wrdp_confirm_active_pdu, wrdp_confirm_active_pdu),
    WRDP_PDU_KIND_ENTRY("caps_demand_active_share", "Demand Active PDU from shareId on (2.2.1.13.1.1)", wrdp_demand_active, wrdp_demand_active),
    WRDP_PDU_KIND_ENTRY("caps_confirm_active_share", "Confirm Active PDU from shareId on (2.2.1.13.2.1)", wrdp_confirm_active, wrdp_confirm_active),
    WRDP_PDU_KIND_ENTRY("caps_demand_active", "Demand Active PDU body after the Share Control Header and shareId (2.2.1.13.1.1)", wrdp_demand_active_body, wrdp_demand_active),
    WRDP_PDU_KIND_ENTRY("caps_confirm_active", "Confirm Active PDU body after the Share Control Header and shareId (2.2.1.13.2.1)", wrdp_confirm_active_body, wrdp_confirm_active),
    WRDP_PDU_KIND_ENTRY("caps_set", "Any capability set, known or not (TS_CAPS_SET, 2.2.1.13.1.1.1)", wrdp_caps_set, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_general", "General Capability Set (2.2.7.1.1)", caps_general, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap", "Bitmap Capability Set (2.2.7.1.2)", caps_bitmap, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_order", "Order Capability Set (2.2.7.1.3)", caps_order, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache", "Bitmap Cache Capability Set rev. 1 (2.2.7.1.4.1)", caps_bitmap_cache, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_rev2", "Bitmap Cache Capability Set rev. 2 (2.2.7.1.4.2)", caps_bitmap_cache_rev2, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_control", "Control Capability Set (2.2.7.2.2)", caps_control, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_window_activation", "Window Activation Capability Set (2.2.7.2.3)", caps_window_activation, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_pointer", "Pointer Capability Set (2.2.7.1.5)", caps_pointer, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_share", "Share Capability Set (2.2.7.2.4)", caps_share, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_color_cache", "Color Table Cache Capability Set (MS-RDPEGDI 2.2.1.1)", caps_color_cache, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_sound", "Sound Capability Set (2.2.7.1.11)", caps_sound, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_input", "Input Capability Set (2.2.7.1.6)", caps_input, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_font", "Font Capability Set (2.2.7.2.5)", caps_font, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_brush", "Brush Capability Set (2.2.7.1.7)", caps_brush, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_glyph_cache", "Glyph Cache Capability Set (2.2.7.1.8)", caps_glyph_cache, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_offscreen_bitmap_cache", "Offscreen Bitmap Cache Capability Set (2.2.7.1.9)", caps_offscreen_bitmap_cache, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_host_support", "Bitmap Cache Host Support Capability Set (2.2.7.2.1)", caps_bitmap_cache_host_support, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_virtual_channel", "Virtual Channel Capability Set (2.2.7.1.10)", caps_virtual_channel, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_draw_nine_grid_cache", "Draw Nine Grid Cache Capability Set (MS-RDPEGDI 2.2.1.2)", caps_draw_nine_grid_cache, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_draw_gdi_plus", "Draw GDI+ Capability Set (MS-RDPEGDI 2.2.1.3)", caps_draw_gdi_plus, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_rail", "Remote Programs Capability Set (MS-RDPERP 2.2.1.1.1)", caps_rail, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_window_list", "Window List Capability Set (MS-RDPERP 2.2.1.1.2)", caps_window_list, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_desktop_composition", "Desktop Composition Capability Set (2.2.7.2.8)", caps_desktop_composition, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_multifragment_update", "Multifragment Update Capability Set (2.2.7.2.6)", caps_multifragment_update, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_large_pointer", "Large Pointer Capability Set (2.2.7.2.7)", caps_large_pointer, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_surface_commands", "Surface Commands Capability Set (2.2.7.2.9)", caps_surface_commands, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_codecs", "Bitmap Codecs Capability Set (2.2.7.2.10)", caps_bitmap_codecs, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_frame_acknowledge", "Frame Acknowledge Capability Set (MS-RDPRFX 2.2.1.3)", caps_frame_acknowledge, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_v3_codec_id", "Bitmap Cache V3 Codec ID Capability Set (MS-RDPEGDI)", caps_bitmap_cache_v3_codec_id, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_general_body", "General Capability Set body, no header (2.2.7.1.1)", caps_general_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_body", "Bitmap Capability Set body (2.2.7.1.2)", caps_bitmap_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_order_body", "Order Capability Set body (2.2.7.1.3)", caps_order_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_body", "Bitmap Cache rev. 1 body (2.2.7.1.4.1)", caps_bitmap_cache_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_rev2_body", "Bitmap Cache rev. 2 body (2.2.7.1.4.2)", caps_bitmap_cache_rev2_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_control_body", "Control Capability Set body (2.2.7.2.2)", caps_control_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_window_activation_body", "Window Activation Capability Set body (2.2.7.2.3)", caps_window_activation_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_pointer_body", "Pointer Capability Set body (2.2.7.1.5)", caps_pointer_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_share_body", "Share Capability Set body (2.2.7.2.4)", caps_share_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_color_cache_body", "Color Table Cache Capability Set body", caps_color_cache_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_sound_body", "Sound Capability Set body (2.2.7.1.11)", caps_sound_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_input_body", "Input Capability Set body (2.2.7.1.6)", caps_input_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_font_body", "Font Capability Set body (2.2.7.2.5)", caps_font_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_brush_body", "Brush Capability Set body (2.2.7.1.7)", caps_brush_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_glyph_cache_body", "Glyph Cache Capability Set body (2.2.7.1.8)", caps_glyph_cache_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_offscreen_bitmap_cache_body", "Offscreen Bitmap Cache body (2.2.7.1.9)", caps_offscreen_bitmap_cache_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_host_support_body", "Bitmap Cache Host Support body (2.2.7.2.1)", caps_bitmap_cache_host_support_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_virtual_channel_body", "Virtual Channel Capability Set body (2.2.7.1.10)", caps_virtual_channel_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_draw_nine_grid_cache_body", "Draw Nine Grid Cache body (MS-RDPEGDI 2.2.1.2)", caps_draw_nine_grid_cache_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_draw_gdi_plus_body", "Draw GDI+ body (MS-RDPEGDI 2.2.1.3)", caps_draw_gdi_plus_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_rail_body", "Remote Programs Capability Set body (MS-RDPERP 2.2.1.1.1)", caps_rail_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_window_list_body", "Window List Capability Set body (MS-RDPERP 2.2.1.1.2)", caps_window_list_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_multifragment_update_body", "Multifragment Update body (2.2.7.2.6)", caps_multifragment_update_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_surface_commands_body", "Surface Commands body (2.2.7.2.9)", caps_surface_commands_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_codecs_body", "Bitmap Codecs body (2.2.7.2.10)", caps_bitmap_codecs_body, wrdp_caps_set),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_codec", "TS_BITMAPCODEC (2.2.7.2.10.1.1)", wrdp_bitmap_codec, wrdp_bitmap_codec),
    WRDP_PDU_KIND_ENTRY("caps_nscodec", "TS_NSCODEC_CAPABILITYSET (MS-RDPNSC 2.2.1)", wrdp_nscodec_capabilityset, wrdp_nscodec_capabilityset),
    WRDP_PDU_KIND_ENTRY("caps_rfx_client_caps_container", "TS_RFX_CLNT_CAPS_CONTAINER (MS-RDPRFX 2.2.1.1)", wrdp_rfx_clnt_caps_container, wrdp_rfx_clnt_caps_container),
    WRDP_PDU_KIND_ENTRY("caps_rfx_caps", "TS_RFX_CAPS (MS-RDPRFX 2.2.1.1.1)", wrdp_rfx_caps, wrdp_rfx_caps),
    WRDP_PDU_KIND_ENTRY("caps_rfx_capset", "TS_RFX_CAPSET (MS-RDPRFX 2.2.1.1.1.1)", wrdp_rfx_capset, wrdp_rfx_capset),
    WRDP_PDU_KIND_ENTRY("caps_rfx_icap", "TS_RFX_ICAP (MS-RDPRFX 2.2.1.1.1.1.1)", wrdp_rfx_icap, wrdp_rfx_icap),
    WRDP_PDU_KIND_ENTRY("caps_codec_guid", "Codec GUID (2.2.7.2.10.1.1)", caps_guid, caps_guid),
    WRDP_PDU_KIND_ENTRY("caps_cache_definition", "TS_CACHE_DEFINITION (2.2.7.1.8.1)", wrdp_cache_definition, wrdp_cache_definition),
    WRDP_PDU_KIND_ENTRY("caps_bitmap_cache_cell_info", "TS_BITMAPCACHE_CELL_CACHE_INFO (2.2.7.1.4.2.1)", wrdp_bitmapcache_cell_info, wrdp_bitmapcache_cell_info),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(caps)
