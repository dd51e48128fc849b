/* Capability sets (MS-RDPBCGR 2.2.7): the TS_CAPS_SET header and the fixed-layout
 * bodies, read and written from field tables. */
#include <string.h>

#include "pdu/caps_internal.h"

#define F(S, name, T) {#name, T, offsetof(S, name), 0, -1}
#define FB(S, name, n) {#name, CF_BYTES, offsetof(S, name), n, -1}
#define FOPT(S, name, T) {#name, T, offsetof(S, name), 0, (long)offsetof(S, name##Present)}

static const caps_field general_fields[] = {
    F(wrdp_caps_general, osMajorType, CF_U16),
    F(wrdp_caps_general, osMinorType, CF_U16),
    F(wrdp_caps_general, protocolVersion, CF_U16),
    F(wrdp_caps_general, pad2octetsA, CF_U16),
    F(wrdp_caps_general, generalCompressionTypes, CF_U16),
    F(wrdp_caps_general, extraFlags, CF_U16),
    F(wrdp_caps_general, updateCapabilityFlag, CF_U16),
    F(wrdp_caps_general, remoteUnshareFlag, CF_U16),
    F(wrdp_caps_general, generalCompressionLevel, CF_U16),
    FOPT(wrdp_caps_general, refreshRectSupport, CF_U8),
    FOPT(wrdp_caps_general, suppressOutputSupport, CF_U8),
};

static const caps_field bitmap_fields[] = {
    F(wrdp_caps_bitmap, preferredBitsPerPixel, CF_U16),
    F(wrdp_caps_bitmap, receive1BitPerPixel, CF_U16),
    F(wrdp_caps_bitmap, receive4BitsPerPixel, CF_U16),
    F(wrdp_caps_bitmap, receive8BitsPerPixel, CF_U16),
    F(wrdp_caps_bitmap, desktopWidth, CF_U16),
    F(wrdp_caps_bitmap, desktopHeight, CF_U16),
    F(wrdp_caps_bitmap, pad2octets, CF_U16),
    F(wrdp_caps_bitmap, desktopResizeFlag, CF_U16),
    F(wrdp_caps_bitmap, bitmapCompressionFlag, CF_U16),
    F(wrdp_caps_bitmap, highColorFlags, CF_U8),
    F(wrdp_caps_bitmap, drawingFlags, CF_U8),
    F(wrdp_caps_bitmap, multipleRectangleSupport, CF_U16),
    F(wrdp_caps_bitmap, pad2octetsB, CF_U16),
};

static const caps_field order_fields[] = {
    FB(wrdp_caps_order, terminalDescriptor, 16),
    F(wrdp_caps_order, pad4octetsA, CF_U32),
    F(wrdp_caps_order, desktopSaveXGranularity, CF_U16),
    F(wrdp_caps_order, desktopSaveYGranularity, CF_U16),
    F(wrdp_caps_order, pad2octetsA, CF_U16),
    F(wrdp_caps_order, maximumOrderLevel, CF_U16),
    F(wrdp_caps_order, numberFonts, CF_U16),
    F(wrdp_caps_order, orderFlags, CF_U16),
    FB(wrdp_caps_order, orderSupport, WRDP_ORDER_SUPPORT_COUNT),
    F(wrdp_caps_order, textFlags, CF_U16),
    F(wrdp_caps_order, orderSupportExFlags, CF_U16),
    F(wrdp_caps_order, pad4octetsB, CF_U32),
    F(wrdp_caps_order, desktopSaveSize, CF_U32),
    F(wrdp_caps_order, pad2octetsC, CF_U16),
    F(wrdp_caps_order, pad2octetsD, CF_U16),
    F(wrdp_caps_order, textANSICodePage, CF_U16),
    F(wrdp_caps_order, pad2octetsE, CF_U16),
};

static const caps_field bitmapcache_fields[] = {
    F(wrdp_caps_bitmapcache, pad1, CF_U32),
    F(wrdp_caps_bitmapcache, pad2, CF_U32),
    F(wrdp_caps_bitmapcache, pad3, CF_U32),
    F(wrdp_caps_bitmapcache, pad4, CF_U32),
    F(wrdp_caps_bitmapcache, pad5, CF_U32),
    F(wrdp_caps_bitmapcache, pad6, CF_U32),
    F(wrdp_caps_bitmapcache, Cache0Entries, CF_U16),
    F(wrdp_caps_bitmapcache, Cache0MaximumCellSize, CF_U16),
    F(wrdp_caps_bitmapcache, Cache1Entries, CF_U16),
    F(wrdp_caps_bitmapcache, Cache1MaximumCellSize, CF_U16),
    F(wrdp_caps_bitmapcache, Cache2Entries, CF_U16),
    F(wrdp_caps_bitmapcache, Cache2MaximumCellSize, CF_U16),
};

static const caps_field bitmapcache_rev2_fields[] = {
    F(wrdp_caps_bitmapcache_rev2, CacheFlags, CF_U16),
    F(wrdp_caps_bitmapcache_rev2, Pad2, CF_U8),
    F(wrdp_caps_bitmapcache_rev2, NumCellCaches, CF_U8),
    F(wrdp_caps_bitmapcache_rev2, BitmapCache0CellInfo, CF_CELLINFO),
    F(wrdp_caps_bitmapcache_rev2, BitmapCache1CellInfo, CF_CELLINFO),
    F(wrdp_caps_bitmapcache_rev2, BitmapCache2CellInfo, CF_CELLINFO),
    F(wrdp_caps_bitmapcache_rev2, BitmapCache3CellInfo, CF_CELLINFO),
    F(wrdp_caps_bitmapcache_rev2, BitmapCache4CellInfo, CF_CELLINFO),
    FB(wrdp_caps_bitmapcache_rev2, Pad3, 12),
};

static const caps_field control_fields[] = {
    F(wrdp_caps_control, controlFlags, CF_U16),
    F(wrdp_caps_control, remoteDetachFlag, CF_U16),
    F(wrdp_caps_control, controlInterest, CF_U16),
    F(wrdp_caps_control, detachInterest, CF_U16),
};

static const caps_field activation_fields[] = {
    F(wrdp_caps_activation, helpKeyFlag, CF_U16),
    F(wrdp_caps_activation, helpKeyIndexFlag, CF_U16),
    F(wrdp_caps_activation, helpExtendedKeyFlag, CF_U16),
    F(wrdp_caps_activation, windowManagerKeyFlag, CF_U16),
};

static const caps_field pointer_fields[] = {
    F(wrdp_caps_pointer, colorPointerFlag, CF_U16),
    F(wrdp_caps_pointer, colorPointerCacheSize, CF_U16),
    FOPT(wrdp_caps_pointer, pointerCacheSize, CF_U16),
};

static const caps_field share_fields[] = {
    F(wrdp_caps_share, nodeId, CF_U16),
    F(wrdp_caps_share, pad2octets, CF_U16),
};

static const caps_field colorcache_fields[] = {
    F(wrdp_caps_colorcache, colorTableCacheSize, CF_U16),
    F(wrdp_caps_colorcache, pad2octets, CF_U16),
};

static const caps_field sound_fields[] = {
    F(wrdp_caps_sound, soundFlags, CF_U16),
    F(wrdp_caps_sound, pad2octetsA, CF_U16),
};

static const caps_field input_fields[] = {
    F(wrdp_caps_input, inputFlags, CF_U16),
    F(wrdp_caps_input, pad2octetsA, CF_U16),
    F(wrdp_caps_input, keyboardLayout, CF_U32),
    F(wrdp_caps_input, keyboardType, CF_U32),
    F(wrdp_caps_input, keyboardSubType, CF_U32),
    F(wrdp_caps_input, keyboardFunctionKey, CF_U32),
    FB(wrdp_caps_input, imeFileName, 64),
};

static const caps_field font_fields[] = {
    FOPT(wrdp_caps_font, fontSupportFlags, CF_U16),
    FOPT(wrdp_caps_font, pad2octets, CF_U16),
};

static const caps_field brush_fields[] = {
    F(wrdp_caps_brush, brushSupportLevel, CF_U32),
};

static const caps_field glyphcache_fields[] = {
    {"GlyphCache", CF_CACHEDEF_ARRAY, offsetof(wrdp_caps_glyphcache, GlyphCache), WRDP_GLYPH_CACHE_COUNT, -1},
    F(wrdp_caps_glyphcache, FragCache, CF_CACHEDEF),
    F(wrdp_caps_glyphcache, GlyphSupportLevel, CF_U16),
    F(wrdp_caps_glyphcache, pad2octets, CF_U16),
};

static const caps_field offscreen_fields[] = {
    F(wrdp_caps_offscreen, offscreenSupportLevel, CF_U32),
    F(wrdp_caps_offscreen, offscreenCacheSize, CF_U16),
    F(wrdp_caps_offscreen, offscreenCacheEntries, CF_U16),
};

static const caps_field hostsupport_fields[] = {
    F(wrdp_caps_bitmapcache_hostsupport, cacheVersion, CF_U8),
    F(wrdp_caps_bitmapcache_hostsupport, pad1, CF_U8),
    F(wrdp_caps_bitmapcache_hostsupport, pad2, CF_U16),
};

static const caps_field virtualchannel_fields[] = {
    F(wrdp_caps_virtualchannel, flags, CF_U32),
    FOPT(wrdp_caps_virtualchannel, VCChunkSize, CF_U32),
};

static const caps_field ninegrid_fields[] = {
    F(wrdp_caps_drawninegridcache, drawNineGridSupportLevel, CF_U32),
    F(wrdp_caps_drawninegridcache, drawNineGridCacheSize, CF_U16),
    F(wrdp_caps_drawninegridcache, drawNineGridCacheEntries, CF_U16),
};

static const caps_field gdiplus_fields[] = {
    F(wrdp_caps_drawgdiplus, drawGDIPlusSupportLevel, CF_U32),
    F(wrdp_caps_drawgdiplus, GdipVersion, CF_U32),
    F(wrdp_caps_drawgdiplus, drawGdiplusCacheLevel, CF_U32),
    F(wrdp_caps_drawgdiplus, GdipGraphicsCacheEntries, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipBrushCacheEntries, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipPenCacheEntries, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipImageCacheEntries, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipImageAttributesCacheEntries, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipGraphicsCacheChunkSize, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipObjectBrushCacheChunkSize, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipObjectPenCacheChunkSize, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipObjectImageAttributesCacheChunkSize, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipObjectImageCacheChunkSize, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipObjectImageCacheTotalSize, CF_U16),
    F(wrdp_caps_drawgdiplus, GdipObjectImageCacheMaxSize, CF_U16),
};

static const caps_field rail_fields[] = {
    F(wrdp_caps_rail, RailSupportLevel, CF_U32),
};

static const caps_field window_fields[] = {
    F(wrdp_caps_window, WndSupportLevel, CF_U32),
    F(wrdp_caps_window, NumIconCaches, CF_U8),
    F(wrdp_caps_window, NumIconCacheEntries, CF_U16),
};

static const caps_field compdesk_fields[] = {
    F(wrdp_caps_compdesk, CompDeskSupportLevel, CF_U16),
};

static const caps_field multifragment_fields[] = {
    F(wrdp_caps_multifragmentupdate, MaxRequestSize, CF_U32),
};

static const caps_field large_pointer_fields[] = {
    F(wrdp_caps_large_pointer, largePointerSupportFlags, CF_U16),
};

static const caps_field surface_commands_fields[] = {
    F(wrdp_caps_surface_commands, cmdFlags, CF_U32),
    F(wrdp_caps_surface_commands, reserved, CF_U32),
};

static const caps_field frame_ack_fields[] = {
    F(wrdp_caps_frame_acknowledge, maxUnacknowledgedFrameCount, CF_U32),
};

static const caps_field v3_codec_id_fields[] = {
    F(wrdp_caps_bitmap_cache_v3_codec_id, codecId, CF_U8),
};

#define L(T, name, fields) {T, name, fields, sizeof(fields) / sizeof(fields[0])}
static const caps_layout layouts[] = {
    L(WRDP_CAPSTYPE_GENERAL, "General", general_fields),
    L(WRDP_CAPSTYPE_BITMAP, "Bitmap", bitmap_fields),
    L(WRDP_CAPSTYPE_ORDER, "Order", order_fields),
    L(WRDP_CAPSTYPE_BITMAPCACHE, "Bitmap Cache", bitmapcache_fields),
    L(WRDP_CAPSTYPE_CONTROL, "Control", control_fields),
    L(WRDP_CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID, "Bitmap Cache V3 Codec ID", v3_codec_id_fields),
    L(WRDP_CAPSTYPE_ACTIVATION, "Window Activation", activation_fields),
    L(WRDP_CAPSTYPE_POINTER, "Pointer", pointer_fields),
    L(WRDP_CAPSTYPE_SHARE, "Share", share_fields),
    L(WRDP_CAPSTYPE_COLORCACHE, "Color Table Cache", colorcache_fields),
    L(WRDP_CAPSTYPE_SOUND, "Sound", sound_fields),
    L(WRDP_CAPSTYPE_INPUT, "Input", input_fields),
    L(WRDP_CAPSTYPE_FONT, "Font", font_fields),
    L(WRDP_CAPSTYPE_BRUSH, "Brush", brush_fields),
    L(WRDP_CAPSTYPE_GLYPHCACHE, "Glyph Cache", glyphcache_fields),
    L(WRDP_CAPSTYPE_OFFSCREENCACHE, "Offscreen Bitmap Cache", offscreen_fields),
    L(WRDP_CAPSTYPE_BITMAPCACHE_HOSTSUPPORT, "Bitmap Cache Host Support", hostsupport_fields),
    L(WRDP_CAPSTYPE_BITMAPCACHE_REV2, "Bitmap Cache Rev. 2", bitmapcache_rev2_fields),
    L(WRDP_CAPSTYPE_VIRTUALCHANNEL, "Virtual Channel", virtualchannel_fields),
    L(WRDP_CAPSTYPE_DRAWNINEGRIDCACHE, "Draw Nine Grid Cache", ninegrid_fields),
    L(WRDP_CAPSTYPE_DRAWGDIPLUS, "Draw GDI+", gdiplus_fields),
    L(WRDP_CAPSTYPE_RAIL, "Remote Programs", rail_fields),
    L(WRDP_CAPSTYPE_WINDOW, "Window List", window_fields),
    L(WRDP_CAPSETTYPE_COMPDESK, "Desktop Composition", compdesk_fields),
    L(WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE, "Multifragment Update", multifragment_fields),
    L(WRDP_CAPSETTYPE_LARGE_POINTER, "Large Pointer", large_pointer_fields),
    L(WRDP_CAPSETTYPE_SURFACE_COMMANDS, "Surface Commands", surface_commands_fields),
    {WRDP_CAPSETTYPE_BITMAP_CODECS, "Bitmap Codecs", NULL, 0},
    L(WRDP_CAPSSETTYPE_FRAME_ACKNOWLEDGE, "Frame Acknowledge", frame_ack_fields),
};

const caps_layout *wrdp_caps_layout(uint16_t type)
{
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
        if (layouts[i].type == type)
            return &layouts[i];
    return NULL;
}

bool wrdp_caps_type_known(uint16_t capabilitySetType) { return wrdp_caps_layout(capabilitySetType) != NULL; }

const char *wrdp_caps_type_name(uint16_t capabilitySetType)
{
    const caps_layout *l = wrdp_caps_layout(capabilitySetType);
    return l ? l->name : NULL;
}

size_t wrdp_caps_field_size(const caps_field *f)
{
    switch (f->type) {
    case CF_U8: return 1;
    case CF_U16: return 2;
    case CF_U32: return 4;
    case CF_BYTES: return f->n;
    case CF_CACHEDEF: return 4;
    case CF_CACHEDEF_ARRAY: return 4 * f->n;
    case CF_CELLINFO: return 4;
    }
    return 0;
}

static void read_field(wrdp_cursor *c, const caps_field *f, uint8_t *s)
{
    void *p = s + f->off;
    switch (f->type) {
    case CF_U8: *(uint8_t *)p = wrdp_rd_u8(c, f->name); break;
    case CF_U16: *(uint16_t *)p = wrdp_rd_u16le(c, f->name); break;
    case CF_U32: *(uint32_t *)p = wrdp_rd_u32le(c, f->name); break;
    case CF_BYTES: wrdp_rd_copy(c, p, f->n, f->name); break;
    case CF_CACHEDEF:
    case CF_CACHEDEF_ARRAY: {
        wrdp_cache_definition *d = p;
        size_t n = f->type == CF_CACHEDEF ? 1 : f->n;
        for (size_t i = 0; i < n; i++) {
            d[i].CacheEntries = wrdp_rd_u16le(c, f->name);
            d[i].CacheMaximumCellSize = wrdp_rd_u16le(c, f->name);
        }
        break;
    }
    case CF_CELLINFO: {
        wrdp_bitmapcache_cell_info *ci = p;
        uint32_t v = wrdp_rd_u32le(c, f->name);
        ci->numEntries = v & 0x7FFFFFFFu;
        ci->k = (uint8_t)(v >> 31);
        break;
    }
    }
}

static void write_field(wrdp_writer *w, const caps_field *f, const uint8_t *s)
{
    const void *p = s + f->off;
    switch (f->type) {
    case CF_U8: wrdp_wr_u8(w, *(const uint8_t *)p); break;
    case CF_U16: wrdp_wr_u16le(w, *(const uint16_t *)p); break;
    case CF_U32: wrdp_wr_u32le(w, *(const uint32_t *)p); break;
    case CF_BYTES: wrdp_wr_bytes(w, p, f->n); break;
    case CF_CACHEDEF:
    case CF_CACHEDEF_ARRAY: {
        const wrdp_cache_definition *d = p;
        size_t n = f->type == CF_CACHEDEF ? 1 : f->n;
        for (size_t i = 0; i < n; i++) {
            wrdp_wr_u16le(w, d[i].CacheEntries);
            wrdp_wr_u16le(w, d[i].CacheMaximumCellSize);
        }
        break;
    }
    case CF_CELLINFO: {
        const wrdp_bitmapcache_cell_info *ci = p;
        if (ci->numEntries > 0x7FFFFFFFu || ci->k > 1) {
            wrdp_writer_fail(w, "%s: numEntries or k out of range", f->name);
            return;
        }
        wrdp_wr_u32le(w, ci->numEntries | ((uint32_t)ci->k << 31));
        break;
    }
    }
}

int wrdp_caps_set_body_decode(wrdp_cursor *c, uint16_t capabilitySetType, wrdp_caps_set *out)
{
    memset(out, 0, sizeof *out);
    out->capabilitySetType = capabilitySetType;
    const caps_layout *l = wrdp_caps_layout(capabilitySetType);
    if (l && !l->fields) {
        if (wrdp_caps_bitmap_codecs_decode(c, &out->u.bitmap_codecs))
            return WRDP_ERR;
    } else if (l) {
        uint8_t *s = (uint8_t *)&out->u;
        bool optional_ended = false;
        for (size_t i = 0; i < l->nfields && wrdp_cursor_ok(c); i++) {
            const caps_field *f = &l->fields[i];
            if (f->present_off >= 0) {
                if (optional_ended || wrdp_cursor_remaining(c) < wrdp_caps_field_size(f)) {
                    optional_ended = true;
                    continue;
                }
                *(bool *)(s + f->present_off) = true;
            }
            read_field(c, f, s);
        }
    }
    if (wrdp_cursor_remaining(c)) /* (an empty input may have no data pointer at all) */
        out->trailing = wrdp_rd_rest(c);
    return wrdp_cursor_status(c);
}

int wrdp_caps_set_body_encode(const wrdp_caps_set *in, wrdp_writer *w)
{
    const caps_layout *l = wrdp_caps_layout(in->capabilitySetType);
    if (l && !l->fields) {
        if (wrdp_caps_bitmap_codecs_encode(&in->u.bitmap_codecs, w))
            return WRDP_ERR;
    } else if (l) {
        const uint8_t *s = (const uint8_t *)&in->u;
        for (size_t i = 0; i < l->nfields; i++) {
            const caps_field *f = &l->fields[i];
            if (f->present_off >= 0 && !*(const bool *)(s + f->present_off))
                break; /* an optional field and all that follow it are absent */
            write_field(w, f, s);
        }
    }
    if (in->trailing.len)
        wrdp_wr_bytes(w, in->trailing.data, in->trailing.len);
    return wrdp_writer_status(w);
}

int wrdp_caps_set_decode(wrdp_cursor *c, wrdp_caps_set *out)
{
    uint16_t type = wrdp_rd_u16le(c, "capabilitySetType");
    uint16_t len = wrdp_rd_u16le(c, "lengthCapability");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (len < 4)
        return wrdp_cursor_fail(c, "lengthCapability", "%u is shorter than the 4-byte header", len);
    wrdp_cursor body;
    if (wrdp_cursor_sub(c, (size_t)len - 4, &body, "capabilitySet"))
        return WRDP_ERR;
    if (wrdp_caps_set_body_decode(&body, type, out))
        return WRDP_ERR;
    out->lengthCapability = len;
    return WRDP_OK;
}

int wrdp_caps_set_encode(const wrdp_caps_set *in, wrdp_writer *w)
{
    size_t start = w->len;
    wrdp_wr_u16le(w, in->capabilitySetType);
    wrdp_wr_u16le(w, 0);
    if (wrdp_caps_set_body_encode(in, w))
        return WRDP_ERR;
    size_t len = w->len - start;
    if (len > UINT16_MAX)
        return wrdp_writer_fail(w, "capability set 0x%04x: %zu bytes do not fit lengthCapability",
                                in->capabilitySetType, len);
    wrdp_wr_put_u16le_at(w, start + 2, (uint16_t)len);
    return wrdp_writer_status(w);
}

const wrdp_caps_set *wrdp_caps_find(const wrdp_caps_set *sets, size_t count, uint16_t capabilitySetType)
{
    for (size_t i = 0; i < count; i++)
        if (sets[i].capabilitySetType == capabilitySetType)
            return &sets[i];
    return NULL;
}

int wrdp_cache_definition_decode(wrdp_cursor *c, wrdp_cache_definition *out)
{
    out->CacheEntries = wrdp_rd_u16le(c, "CacheEntries");
    out->CacheMaximumCellSize = wrdp_rd_u16le(c, "CacheMaximumCellSize");
    return wrdp_cursor_status(c);
}

int wrdp_cache_definition_encode(const wrdp_cache_definition *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->CacheEntries);
    wrdp_wr_u16le(w, in->CacheMaximumCellSize);
    return wrdp_writer_status(w);
}

int wrdp_bitmapcache_cell_info_decode(wrdp_cursor *c, wrdp_bitmapcache_cell_info *out)
{
    static const caps_field f = {"cellInfo", CF_CELLINFO, 0, 0, -1};
    read_field(c, &f, (uint8_t *)out);
    return wrdp_cursor_status(c);
}

int wrdp_bitmapcache_cell_info_encode(const wrdp_bitmapcache_cell_info *in, wrdp_writer *w)
{
    static const caps_field f = {"cellInfo", CF_CELLINFO, 0, 0, -1};
    write_field(w, &f, (const uint8_t *)in);
    return wrdp_writer_status(w);
}
