/* Capability sets, codec containers, Demand Active / Confirm Active: field checks
 * against the vectors' decoded_fields, round trips, truncations, building a Confirm
 * Active from a struct, unknown sets, and the caps.tsv cases through the registry. */
#include <stdbool.h>
#include <string.h>

#include "test.h"
#include "pdu/kind.h"
#include "webrdp/pdu.h"

#define CAPSETS "vectors/pdu/capsets/"
#define DECODED "vectors/pdu/capsets_decoded/"

static wrdp_error err;

/* Every prefix of a valid input must fail with a decode/limit error naming the PDU. */
static void check_truncations(const wrdp_pdu_kind *k, const uint8_t *data, size_t len)
{
    wrdp_arena a;
    wrdp_arena_init(&a, k->size + 64);
    void *out = wrdp_arena_alloc(&a, k->size);
    int bad = 0;
    for (size_t n = 0; n < len; n++) {
        wrdp_cursor c;
        wrdp_error_clear(&err);
        wrdp_cursor_init(&c, data, n, k->name, &err);
        int rc = k->decode(&c, out);
        if (rc == WRDP_OK && wrdp_cursor_ok(&c)) {
            bad++;
            fprintf(stderr, "%s: prefix %zu of %zu decoded\n", k->name, n, len);
        } else if ((err.kind != WRDP_ERROR_DECODE && err.kind != WRDP_ERROR_LIMIT) || !strstr(err.message, k->name)) {
            bad++;
            fprintf(stderr, "%s: prefix %zu: error %d \"%s\"\n", k->name, n, err.kind, err.message);
        }
    }
    CHECK_MSG(bad == 0, "%s: %d bad truncations", k->name, bad);
    wrdp_arena_free(&a);
}

/* decode -> consumes all -> encode identical -> JSON -> encode identical. */
static void check_roundtrip(const char *kind, const uint8_t *data, size_t len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK_MSG(k != NULL, "kind %s", kind);
    if (!k)
        return;
    wrdp_writer w, j, w2;
    wrdp_writer_init(&w, 0, &err);
    wrdp_writer_init(&j, 0, &err);
    wrdp_writer_init(&w2, 0, &err);
    size_t used = 0;
    wrdp_error_clear(&err);
    int rc = wrdp_pdu_kind_roundtrip(k, data, len, &w, &used, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", kind, err.message);
    CHECK_MSG(used == len, "%s: used %zu of %zu", kind, used, len);
    CHECK_MSG(w.len == len && memcmp(w.data, data, len) == 0, "%s: re-encode differs (%zu vs %zu)", kind, w.len, len);
    rc = wrdp_pdu_kind_to_json(k, data, len, false, &j, &used, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: json %s", kind, err.message);
    rc = wrdp_pdu_kind_from_json(k, (const char *)j.data, j.len, &w2, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: from json %s\n%.*s", kind, err.message, (int)j.len, (const char *)j.data);
    CHECK_MSG(w2.len == len && memcmp(w2.data, data, len) == 0, "%s: JSON round trip differs", kind);
    wrdp_writer_free(&w);
    wrdp_writer_free(&j);
    wrdp_writer_free(&w2);
}

static int decode_body(const char *path, uint16_t type, wrdp_caps_set *s, uint8_t **buf)
{
    size_t len;
    *buf = test_read_file(path, &len);
    wrdp_cursor c;
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, *buf, len, path, &err);
    int rc = wrdp_caps_set_body_decode(&c, type, s);
    CHECK_MSG(rc == WRDP_OK && c.pos == len, "%s: %s", path, err.message);
    return rc;
}

/* Each body vector, wrapped in a TS_CAPS_SET header: decodes as a whole set, re-encodes, and
 * every truncation of it fails. */
static void check_wrapped(const char *path, uint16_t type, const char *kind)
{
    size_t len;
    uint8_t *body = test_read_file(path, &len);
    uint8_t *whole = malloc(len + 4);
    whole[0] = (uint8_t)type;
    whole[1] = (uint8_t)(type >> 8);
    whole[2] = (uint8_t)(len + 4);
    whole[3] = (uint8_t)((len + 4) >> 8);
    memcpy(whole + 4, body, len);
    check_roundtrip(kind, whole, len + 4);
    check_roundtrip("caps_set", whole, len + 4);
    check_truncations(wrdp_pdu_kind_find(kind), whole, len + 4);
    free(whole);
    free(body);
}

static const struct {
    const char *file;
    uint16_t type;
    const char *kind;
} bodies[] = {
    {"server_share_capability_set", WRDP_CAPSTYPE_SHARE, "caps_share"},
    {"server_general_capability_set", WRDP_CAPSTYPE_GENERAL, "caps_general"},
    {"server_virtual_channel_capability_set", WRDP_CAPSTYPE_VIRTUALCHANNEL, "caps_virtual_channel"},
    {"server_draw_gdi_plus_capability_set", WRDP_CAPSTYPE_DRAWGDIPLUS, "caps_draw_gdi_plus"},
    {"server_font_capability_set", WRDP_CAPSTYPE_FONT, "caps_font"},
    {"server_bitmap_capability_set", WRDP_CAPSTYPE_BITMAP, "caps_bitmap"},
    {"server_order_capability_set", WRDP_CAPSTYPE_ORDER, "caps_order"},
    {"server_color_cache_capability_set", WRDP_CAPSTYPE_COLORCACHE, "caps_color_cache"},
    {"server_bitmap_cache_host_support_capability_set", WRDP_CAPSTYPE_BITMAPCACHE_HOSTSUPPORT,
     "caps_bitmap_cache_host_support"},
    {"server_pointer_capability_set", WRDP_CAPSTYPE_POINTER, "caps_pointer"},
    {"server_input_capability_set", WRDP_CAPSTYPE_INPUT, "caps_input"},
    {"server_rail_capability_set", WRDP_CAPSTYPE_RAIL, "caps_rail"},
    {"server_window_list_capability_set", WRDP_CAPSTYPE_WINDOW, "caps_window_list"},
    {"client_general_capability_set", WRDP_CAPSTYPE_GENERAL, "caps_general"},
    {"client_bitmap_capability_set", WRDP_CAPSTYPE_BITMAP, "caps_bitmap"},
    {"client_bitmap_capability_set_32_bit", WRDP_CAPSTYPE_BITMAP, "caps_bitmap"},
    {"client_order_capability_set", WRDP_CAPSTYPE_ORDER, "caps_order"},
    {"client_order_capability_set_ansi_code_page", WRDP_CAPSTYPE_ORDER, "caps_order"},
    {"client_bitmap_cache_rev_2_capability_set", WRDP_CAPSTYPE_BITMAPCACHE_REV2, "caps_bitmap_cache_rev2"},
    {"client_bitmap_cache_rev_1_capability_set", WRDP_CAPSTYPE_BITMAPCACHE, "caps_bitmap_cache"},
    {"client_color_cache_capability_set", WRDP_CAPSTYPE_COLORCACHE, "caps_color_cache"},
    {"client_window_activation_capability_set", WRDP_CAPSTYPE_ACTIVATION, "caps_window_activation"},
    {"client_control_capability_set", WRDP_CAPSTYPE_CONTROL, "caps_control"},
    {"client_pointer_capability_set", WRDP_CAPSTYPE_POINTER, "caps_pointer"},
    {"client_share_capability_set", WRDP_CAPSTYPE_SHARE, "caps_share"},
    {"client_input_capability_set", WRDP_CAPSTYPE_INPUT, "caps_input"},
    {"client_input_capability_set_unicode", WRDP_CAPSTYPE_INPUT, "caps_input"},
    {"client_sound_capability_set", WRDP_CAPSTYPE_SOUND, "caps_sound"},
    {"client_font_capability_set", WRDP_CAPSTYPE_FONT, "caps_font"},
    {"client_glyph_cache_capability_set", WRDP_CAPSTYPE_GLYPHCACHE, "caps_glyph_cache"},
    {"client_brush_capability_set", WRDP_CAPSTYPE_BRUSH, "caps_brush"},
    {"client_offscreen_bitmap_capability_set", WRDP_CAPSTYPE_OFFSCREENCACHE, "caps_offscreen_bitmap_cache"},
    {"client_virtual_channel_capability_set_incomplete", WRDP_CAPSTYPE_VIRTUALCHANNEL, "caps_virtual_channel"},
    {"client_virtual_channel_capability_set", WRDP_CAPSTYPE_VIRTUALCHANNEL, "caps_virtual_channel"},
    {"client_draw_nine_grid_cache_capability_set", WRDP_CAPSTYPE_DRAWNINEGRIDCACHE, "caps_draw_nine_grid_cache"},
    {"client_draw_gdi_plus_capability_set", WRDP_CAPSTYPE_DRAWGDIPLUS, "caps_draw_gdi_plus"},
    {"client_multi_fragment_update_capability_set", WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE, "caps_multifragment_update"},
    {"client_window_list_capability_set", WRDP_CAPSTYPE_WINDOW, "caps_window_list"},
};

static const struct {
    const char *file;
    uint16_t type;
    const char *kind;
} decoded_bodies[] = {
    {"bitmap__bitmap_buffer", WRDP_CAPSTYPE_BITMAP, "caps_bitmap"},
    {"bitmap_cache__bitmap_cache_buffer", WRDP_CAPSTYPE_BITMAPCACHE, "caps_bitmap_cache"},
    {"bitmap_cache__bitmap_cache_rev2_buffer", WRDP_CAPSTYPE_BITMAPCACHE_REV2, "caps_bitmap_cache_rev2"},
    {"bitmap_codecs__bitmap_codecs_buffer", WRDP_CAPSETTYPE_BITMAP_CODECS, "caps_bitmap_codecs"},
    {"brush__brush_buffer", WRDP_CAPSTYPE_BRUSH, "caps_brush"},
    {"general__general_capset_buffer", WRDP_CAPSTYPE_GENERAL, "caps_general"},
    {"glyph_cache__glyph_cache_buffer", WRDP_CAPSTYPE_GLYPHCACHE, "caps_glyph_cache"},
    {"input__input_buffer", WRDP_CAPSTYPE_INPUT, "caps_input"},
    {"offscreen_bitmap_cache__offscreen_bitmap_cache_buffer", WRDP_CAPSTYPE_OFFSCREENCACHE,
     "caps_offscreen_bitmap_cache"},
    {"order__order_buffer", WRDP_CAPSTYPE_ORDER, "caps_order"},
    {"pointer__pointer_buffer", WRDP_CAPSTYPE_POINTER, "caps_pointer"},
    {"sound__sound_buffer", WRDP_CAPSTYPE_SOUND, "caps_sound"},
    {"surface_commands__surface_commands_buffer", WRDP_CAPSETTYPE_SURFACE_COMMANDS, "caps_surface_commands"},
    {"virtual_channel__virtual_channel_buffer", WRDP_CAPSTYPE_VIRTUALCHANNEL, "caps_virtual_channel"},
    {"virtual_channel__virtual_channel_incomplete_buffer", WRDP_CAPSTYPE_VIRTUALCHANNEL, "caps_virtual_channel"},
};

static void test_all_bodies(void)
{
    char path[256];
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        snprintf(path, sizeof path, CAPSETS "%s.bin", bodies[i].file);
        check_wrapped(path, bodies[i].type, bodies[i].kind);
    }
    for (size_t i = 0; i < sizeof decoded_bodies / sizeof decoded_bodies[0]; i++) {
        snprintf(path, sizeof path, DECODED "%s.bin", decoded_bodies[i].file);
        check_wrapped(path, decoded_bodies[i].type, decoded_bodies[i].kind);
    }
}

/* ---- field checks: capsets_decoded (IronRDP's capability_sets tests) ---- */

static void test_decoded_sets(void)
{
    wrdp_caps_set s;
    uint8_t *buf;

    decode_body(DECODED "bitmap__bitmap_buffer.bin", WRDP_CAPSTYPE_BITMAP, &s, &buf);
    CHECK_EQ(s.u.bitmap.preferredBitsPerPixel, 24);
    CHECK_EQ(s.u.bitmap.receive1BitPerPixel, 1);
    CHECK_EQ(s.u.bitmap.desktopWidth, 1280);
    CHECK_EQ(s.u.bitmap.desktopHeight, 1024);
    CHECK_EQ(s.u.bitmap.desktopResizeFlag, 1);
    CHECK_EQ(s.u.bitmap.bitmapCompressionFlag, 1);
    CHECK_EQ(s.u.bitmap.drawingFlags, 0x08); /* DRAW_ALLOW_SKIP_ALPHA */
    CHECK_EQ(s.u.bitmap.multipleRectangleSupport, 1);
    CHECK_EQ(s.trailing.len, 0);
    free(buf);

    decode_body(DECODED "bitmap_cache__bitmap_cache_buffer.bin", WRDP_CAPSTYPE_BITMAPCACHE, &s, &buf);
    CHECK_EQ(s.u.bitmapcache.Cache0Entries, 200);
    CHECK_EQ(s.u.bitmapcache.Cache0MaximumCellSize, 512);
    CHECK_EQ(s.u.bitmapcache.Cache1Entries, 600);
    CHECK_EQ(s.u.bitmapcache.Cache1MaximumCellSize, 2048);
    CHECK_EQ(s.u.bitmapcache.Cache2Entries, 1000);
    CHECK_EQ(s.u.bitmapcache.Cache2MaximumCellSize, 8192);
    free(buf);

    decode_body(DECODED "bitmap_cache__bitmap_cache_rev2_buffer.bin", WRDP_CAPSTYPE_BITMAPCACHE_REV2, &s, &buf);
    const wrdp_caps_bitmapcache_rev2 *r2 = &s.u.bitmapcache_rev2;
    CHECK_EQ(r2->CacheFlags, 0x0003); /* PERSISTENT_KEYS_EXPECTED_FLAG | ALLOW_CACHE_WAITING_LIST_FLAG */
    CHECK_EQ(r2->NumCellCaches, 3);
    CHECK_EQ(r2->BitmapCache0CellInfo.numEntries, 120);
    CHECK_EQ(r2->BitmapCache0CellInfo.k, 0);
    CHECK_EQ(r2->BitmapCache1CellInfo.numEntries, 120);
    CHECK_EQ(r2->BitmapCache2CellInfo.numEntries, 2555);
    CHECK_EQ(r2->BitmapCache2CellInfo.k, 1);
    CHECK_EQ(r2->BitmapCache3CellInfo.numEntries, 0);
    CHECK_EQ(r2->BitmapCache4CellInfo.numEntries, 0);
    free(buf);

    decode_body(DECODED "brush__brush_buffer.bin", WRDP_CAPSTYPE_BRUSH, &s, &buf);
    CHECK_EQ(s.u.brush.brushSupportLevel, 1); /* BRUSH_COLOR_8x8 */
    free(buf);

    decode_body(DECODED "general__general_capset_buffer.bin", WRDP_CAPSTYPE_GENERAL, &s, &buf);
    CHECK_EQ(s.u.general.osMajorType, WRDP_TS_OSMAJORTYPE_WINDOWS);
    CHECK_EQ(s.u.general.osMinorType, WRDP_TS_OSMINORTYPE_WINDOWS_NT);
    CHECK_EQ(s.u.general.protocolVersion, WRDP_TS_CAPS_PROTOCOLVERSION);
    CHECK_EQ(s.u.general.extraFlags, WRDP_FASTPATH_OUTPUT_SUPPORTED | WRDP_LONG_CREDENTIALS_SUPPORTED |
                                         WRDP_AUTORECONNECT_SUPPORTED | WRDP_ENC_SALTED_CHECKSUM |
                                         WRDP_NO_BITMAP_COMPRESSION_HDR);
    CHECK(s.u.general.refreshRectSupportPresent && s.u.general.suppressOutputSupportPresent);
    CHECK_EQ(s.u.general.refreshRectSupport, 0);
    CHECK_EQ(s.u.general.suppressOutputSupport, 0);
    free(buf);

    decode_body(DECODED "glyph_cache__glyph_cache_buffer.bin", WRDP_CAPSTYPE_GLYPHCACHE, &s, &buf);
    static const uint16_t cells[10] = {4, 4, 8, 8, 16, 32, 64, 128, 256, 2048};
    for (int i = 0; i < 10; i++) {
        CHECK_EQ(s.u.glyphcache.GlyphCache[i].CacheEntries, i == 9 ? 64 : 254);
        CHECK_EQ(s.u.glyphcache.GlyphCache[i].CacheMaximumCellSize, cells[i]);
    }
    CHECK_EQ(s.u.glyphcache.FragCache.CacheEntries, 256);
    CHECK_EQ(s.u.glyphcache.FragCache.CacheMaximumCellSize, 256);
    CHECK_EQ(s.u.glyphcache.GlyphSupportLevel, 3); /* GLYPH_SUPPORT_ENCODE */
    free(buf);

    decode_body(DECODED "input__input_buffer.bin", WRDP_CAPSTYPE_INPUT, &s, &buf);
    CHECK_EQ(s.u.input.inputFlags, WRDP_INPUT_FLAG_SCANCODES | WRDP_INPUT_FLAG_UNICODE | WRDP_INPUT_FLAG_MOUSEX);
    CHECK_EQ(s.u.input.keyboardLayout, 1033);
    CHECK_EQ(s.u.input.keyboardType, 4);
    CHECK_EQ(s.u.input.keyboardSubType, 0);
    CHECK_EQ(s.u.input.keyboardFunctionKey, 12);
    static const uint8_t zeros[64];
    CHECK_MEM(s.u.input.imeFileName, zeros, 64);
    free(buf);

    decode_body(DECODED "offscreen_bitmap_cache__offscreen_bitmap_cache_buffer.bin", WRDP_CAPSTYPE_OFFSCREENCACHE, &s,
                &buf);
    CHECK_EQ(s.u.offscreen.offscreenSupportLevel, 1);
    CHECK_EQ(s.u.offscreen.offscreenCacheSize, 7680);
    CHECK_EQ(s.u.offscreen.offscreenCacheEntries, 100);
    free(buf);

    decode_body(DECODED "order__order_buffer.bin", WRDP_CAPSTYPE_ORDER, &s, &buf);
    uint8_t support[32];
    test_hex("0101010101000001010100010000000101010101010101000101010100000000", support, 32);
    CHECK_EQ(s.u.order.desktopSaveXGranularity, 1);
    CHECK_EQ(s.u.order.desktopSaveYGranularity, 20);
    CHECK_EQ(s.u.order.maximumOrderLevel, 1);
    CHECK_EQ(s.u.order.orderFlags, 0x22); /* NEGOTIATEORDERSUPPORT | COLORINDEXSUPPORT */
    CHECK_MEM(s.u.order.orderSupport, support, 32);
    CHECK_EQ(s.u.order.orderSupportExFlags, 0x0002); /* CACHE_BITMAP_REV3_SUPPORT */
    CHECK_EQ(s.u.order.desktopSaveSize, 230400);
    CHECK_EQ(s.u.order.textANSICodePage, 0);
    free(buf);

    decode_body(DECODED "pointer__pointer_buffer.bin", WRDP_CAPSTYPE_POINTER, &s, &buf);
    CHECK_EQ(s.u.pointer.colorPointerFlag, 1);
    CHECK_EQ(s.u.pointer.colorPointerCacheSize, 20);
    CHECK(s.u.pointer.pointerCacheSizePresent);
    CHECK_EQ(s.u.pointer.pointerCacheSize, 21);
    free(buf);

    decode_body(DECODED "sound__sound_buffer.bin", WRDP_CAPSTYPE_SOUND, &s, &buf);
    CHECK_EQ(s.u.sound.soundFlags, 1); /* SOUND_BEEPS_FLAG */
    free(buf);

    decode_body(DECODED "surface_commands__surface_commands_buffer.bin", WRDP_CAPSETTYPE_SURFACE_COMMANDS, &s, &buf);
    CHECK_EQ(s.u.surface_commands.cmdFlags,
             WRDP_SURFCMDS_SETSURFACEBITS | WRDP_SURFCMDS_FRAMEMARKER | WRDP_SURFCMDS_STREAMSURFACEBITS);
    CHECK_EQ(s.u.surface_commands.reserved, 0);
    free(buf);

    decode_body(DECODED "virtual_channel__virtual_channel_buffer.bin", WRDP_CAPSTYPE_VIRTUALCHANNEL, &s, &buf);
    CHECK_EQ(s.u.virtualchannel.flags, 0);
    CHECK(s.u.virtualchannel.VCChunkSizePresent);
    CHECK_EQ(s.u.virtualchannel.VCChunkSize, 1600);
    free(buf);

    decode_body(DECODED "virtual_channel__virtual_channel_incomplete_buffer.bin", WRDP_CAPSTYPE_VIRTUALCHANNEL, &s,
                &buf);
    CHECK_EQ(s.u.virtualchannel.flags, 1); /* VCCAPS_COMPR_SC */
    CHECK(!s.u.virtualchannel.VCChunkSizePresent);
    CHECK_EQ(s.trailing.len, 0);
    free(buf);
}

static void check_rfx_capset(const wrdp_rfx_capset *cs)
{
    CHECK_EQ(cs->blockType, WRDP_CBY_CAPSET);
    CHECK_EQ(cs->blockLen, 29);
    CHECK_EQ(cs->codecId, 1);
    CHECK_EQ(cs->capsetType, WRDP_CLY_CAPSET);
    CHECK_EQ(cs->numIcaps, 2);
    CHECK_EQ(cs->icapLen, 8);
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(cs->icapsData[i].version, WRDP_CLW_VERSION_1_0);
        CHECK_EQ(cs->icapsData[i].tileSize, WRDP_CT_TILE_64x64);
        CHECK_EQ(cs->icapsData[i].colConvBits, 1);
        CHECK_EQ(cs->icapsData[i].transformBits, 1);
    }
    CHECK_EQ(cs->icapsData[0].flags, 0);
    CHECK_EQ(cs->icapsData[0].entropyBits, WRDP_CLW_ENTROPY_RLGR1);
    CHECK_EQ(cs->icapsData[1].flags, WRDP_CODEC_MODE);
    CHECK_EQ(cs->icapsData[1].entropyBits, WRDP_CLW_ENTROPY_RLGR3);
}

static void check_rfx_container(const wrdp_rfx_clnt_caps_container *rc)
{
    CHECK_EQ(rc->length, 0x31);
    CHECK_EQ(rc->captureFlags, WRDP_CARDP_CAPS_CAPTURE_NON_CAC);
    CHECK_EQ(rc->capsLength, 0x25);
    CHECK_EQ(rc->capsData.blockType, WRDP_CBY_CAPS);
    CHECK_EQ(rc->capsData.blockLen, 8);
    CHECK_EQ(rc->capsData.numCapsets, 1);
    check_rfx_capset(&rc->capsData.capsetsData[0]);
}

static uint8_t *kept[64];
static size_t nkept;
static void keep(uint8_t *b)
{
    if (nkept < 64)
        kept[nkept++] = b;
    else
        free(b);
}

#define DECODE_FILE(path, fn, out)                                                     \
    do {                                                                               \
        size_t len_;                                                                   \
        uint8_t *b_ = test_read_file(path, &len_);                                     \
        wrdp_cursor c_;                                                                \
        wrdp_error_clear(&err);                                                        \
        wrdp_cursor_init(&c_, b_, len_, path, &err);                                   \
        CHECK_MSG(fn(&c_, out) == WRDP_OK && c_.pos == len_, "%s: %s", path, err.message); \
        keep(b_); /* decoded views point into it */                                    \
    } while (0)

static void test_codecs(void)
{
    wrdp_rfx_icap icap;
    DECODE_FILE(DECODED "bitmap_codecs__rfx_icap_buffer.bin", wrdp_rfx_icap_decode, &icap);
    CHECK_EQ(icap.version, 0x0100);
    CHECK_EQ(icap.tileSize, 0x40);
    CHECK_EQ(icap.flags, WRDP_CODEC_MODE);
    CHECK_EQ(icap.entropyBits, WRDP_CLW_ENTROPY_RLGR3);

    wrdp_rfx_capset cs;
    DECODE_FILE(DECODED "bitmap_codecs__rfx_capset_buffer.bin", wrdp_rfx_capset_decode, &cs);
    check_rfx_capset(&cs);

    wrdp_rfx_caps caps;
    DECODE_FILE(DECODED "bitmap_codecs__rfx_caps_buffer.bin", wrdp_rfx_caps_decode, &caps);
    CHECK_EQ(caps.numCapsets, 1);
    check_rfx_capset(&caps.capsetsData[0]);

    wrdp_rfx_clnt_caps_container rc;
    DECODE_FILE(DECODED "bitmap_codecs__rfx_client_caps_container_buffer.bin", wrdp_rfx_clnt_caps_container_decode, &rc);
    check_rfx_container(&rc);

    wrdp_nscodec_capabilityset ns;
    DECODE_FILE(DECODED "bitmap_codecs__nscodec_buffer.bin", wrdp_nscodec_capabilityset_decode, &ns);
    CHECK_EQ(ns.fAllowDynamicFidelity, 1);
    CHECK_EQ(ns.fAllowSubsampling, 1);
    CHECK_EQ(ns.colorLossLevel, 3);

    wrdp_bitmap_codec codec;
    DECODE_FILE(DECODED "bitmap_codecs__codec_buffer.bin", wrdp_bitmap_codec_decode, &codec);
    CHECK_MEM(codec.codecGUID, WRDP_CODEC_GUID_REMOTEFX, 16);
    CHECK_EQ(codec.codecID, 3);
    CHECK_EQ(codec.codecPropertiesLength, 0x31);
    CHECK_EQ(codec.form, WRDP_CODEC_PROPERTIES_RFX_CLIENT);
    check_rfx_container(&codec.rfxClient);

    DECODE_FILE(DECODED "bitmap_codecs__codec_server_mode_buffer.bin", wrdp_bitmap_codec_decode, &codec);
    CHECK_MEM(codec.codecGUID, WRDP_CODEC_GUID_IMAGE_REMOTEFX, 16);
    CHECK_EQ(codec.codecID, 0);
    CHECK_EQ(codec.codecPropertiesLength, 4);
    CHECK_EQ(codec.form, WRDP_CODEC_PROPERTIES_RFX_SERVER);
    CHECK_EQ(codec.rfxServerReserved, 0);

    /* GUID: CA8D1BB9-000F-154F-589F-AE2D1A87E2D6 (Data1 3398245305, Data2 15, Data3 5455) */
    size_t len;
    uint8_t *g = test_read_file(DECODED "bitmap_codecs__guid_buffer.bin", &len);
    CHECK_EQ(len, 16);
    CHECK_EQ((uint32_t)g[0] | (uint32_t)g[1] << 8 | (uint32_t)g[2] << 16 | (uint32_t)g[3] << 24, 3398245305u);
    CHECK_EQ(g[4] | g[5] << 8, 15);
    CHECK_EQ(g[6] | g[7] << 8, 5455);
    static const uint8_t data4[8] = {88, 159, 174, 45, 26, 135, 226, 214};
    CHECK_MEM(g + 8, data4, 8);
    CHECK_MEM(g, WRDP_CODEC_GUID_NSCODEC, 16);
    free(g);

    wrdp_caps_set s;
    uint8_t *buf;
    decode_body(DECODED "bitmap_codecs__bitmap_codecs_buffer.bin", WRDP_CAPSETTYPE_BITMAP_CODECS, &s, &buf);
    const wrdp_caps_bitmap_codecs *bc = &s.u.bitmap_codecs;
    CHECK_EQ(bc->bitmapCodecCount, 2);
    CHECK_MEM(bc->bitmapCodecArray[0].codecGUID, WRDP_CODEC_GUID_REMOTEFX, 16);
    CHECK_EQ(bc->bitmapCodecArray[0].codecID, 3);
    CHECK_EQ(bc->bitmapCodecArray[0].form, WRDP_CODEC_PROPERTIES_RFX_CLIENT);
    check_rfx_container(&bc->bitmapCodecArray[0].rfxClient);
    CHECK_MEM(bc->bitmapCodecArray[1].codecGUID, WRDP_CODEC_GUID_NSCODEC, 16);
    CHECK_EQ(bc->bitmapCodecArray[1].codecID, 1);
    CHECK_EQ(bc->bitmapCodecArray[1].form, WRDP_CODEC_PROPERTIES_NSCODEC);
    CHECK_EQ(bc->bitmapCodecArray[1].nscodec.fAllowDynamicFidelity, 1);
    CHECK_EQ(bc->bitmapCodecArray[1].nscodec.fAllowSubsampling, 1);
    CHECK_EQ(bc->bitmapCodecArray[1].nscodec.colorLossLevel, 3);
    free(buf);

    wrdp_cache_definition cd;
    DECODE_FILE(DECODED "glyph_cache__cache_definition_buffer.bin", wrdp_cache_definition_decode, &cd);
    CHECK_EQ(cd.CacheEntries, 254);
    CHECK_EQ(cd.CacheMaximumCellSize, 4);
    DECODE_FILE(DECODED "bitmap_cache__cache_entry_buffer.bin", wrdp_cache_definition_decode, &cd);
    CHECK_EQ(cd.CacheEntries, 100);
    CHECK_EQ(cd.CacheMaximumCellSize, 50);
    wrdp_bitmapcache_cell_info ci;
    DECODE_FILE(DECODED "bitmap_cache__cell_info_buffer.bin", wrdp_bitmapcache_cell_info_decode, &ci);
    CHECK_EQ(ci.numEntries, 2555);
    CHECK_EQ(ci.k, 1);

    /* Sub-structures: round trips and truncations through their kinds. */
    static const struct {
        const char *file, *kind;
    } subs[] = {
        {"bitmap_codecs__rfx_icap_buffer", "caps_rfx_icap"},
        {"bitmap_codecs__rfx_capset_buffer", "caps_rfx_capset"},
        {"bitmap_codecs__rfx_caps_buffer", "caps_rfx_caps"},
        {"bitmap_codecs__rfx_client_caps_container_buffer", "caps_rfx_client_caps_container"},
        {"bitmap_codecs__nscodec_buffer", "caps_nscodec"},
        {"bitmap_codecs__codec_buffer", "caps_bitmap_codec"},
        {"bitmap_codecs__codec_server_mode_buffer", "caps_bitmap_codec"},
        {"bitmap_codecs__guid_buffer", "caps_codec_guid"},
        {"glyph_cache__cache_definition_buffer", "caps_cache_definition"},
        {"bitmap_cache__cache_entry_buffer", "caps_cache_definition"},
        {"bitmap_cache__cell_info_buffer", "caps_bitmap_cache_cell_info"},
    };
    char path[256];
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        snprintf(path, sizeof path, DECODED "%s.bin", subs[i].file);
        uint8_t *b = test_read_file(path, &len);
        check_roundtrip(subs[i].kind, b, len);
        check_truncations(wrdp_pdu_kind_find(subs[i].kind), b, len);
        free(b);
    }
}

/* ---- Demand Active / Confirm Active ---- */

static void check_types(const wrdp_caps_set *sets, uint16_t n, const uint16_t *types, size_t count)
{
    CHECK_EQ(n, count);
    for (size_t i = 0; i < count && i < n; i++)
        CHECK_MSG(sets[i].capabilitySetType == types[i], "set %zu: type %u, expected %u", i,
                  sets[i].capabilitySetType, types[i]);
}

static void check_demand_active(const wrdp_demand_active *da)
{
    static const uint16_t types[] = {9, 1, 20, 22, 14, 2, 3, 10, 18, 8, 13, 23, 24};
    CHECK_EQ(da->lengthSourceDescriptor, 4);
    CHECK_EQ(da->lengthCombinedCapabilities, 0x159);
    CHECK(da->sourceDescriptor.len == 4 && memcmp(da->sourceDescriptor.data, "RDP", 4) == 0);
    check_types(da->capabilitySets, da->numberCapabilities, types, 13);
    const wrdp_caps_set *s = da->capabilitySets;
    CHECK_EQ(s[0].u.share.nodeId, 0x03ea);
    CHECK_EQ(s[1].u.general.refreshRectSupport, 1);
    CHECK_EQ(s[1].u.general.suppressOutputSupport, 1);
    CHECK_EQ(s[2].u.virtualchannel.flags, 2);
    CHECK_EQ(s[2].u.virtualchannel.VCChunkSize, 1600);
    CHECK_EQ(s[3].u.drawgdiplus.GdipVersion, 0xf313f670);
    CHECK_EQ(s[4].u.font.fontSupportFlags, 0x0100);
    CHECK_EQ(s[5].u.bitmap.preferredBitsPerPixel, 24);
    CHECK_EQ(s[5].u.bitmap.desktopWidth, 1280);
    CHECK_EQ(s[6].u.order.desktopSaveSize, 1000000);
    CHECK_EQ(s[7].u.colorcache.colorTableCacheSize, 6);
    CHECK_EQ(s[8].u.bitmapcache_hostsupport.cacheVersion, 1);
    CHECK_EQ(s[9].lengthCapability, 10);
    CHECK_EQ(s[9].u.pointer.colorPointerCacheSize, 25);
    CHECK_EQ(s[9].u.pointer.pointerCacheSize, 25);
    CHECK_EQ(s[10].u.input.inputFlags, 0x35);
    CHECK_EQ(s[10].u.input.keyboardLayout, 0x6a1);
    CHECK_EQ(s[11].u.rail.RailSupportLevel, 0);
    CHECK_EQ(s[12].u.window.WndSupportLevel, 0);
    CHECK_EQ(s[12].u.window.NumIconCaches, 0);
    CHECK_EQ(da->sessionId, 0);
}

static const uint16_t confirm_types[] = {1, 2, 3, 19, 10, 7, 5, 8, 9, 13, 12, 14, 16, 15, 17, 20, 21, 22};

static void check_confirm_active(const wrdp_confirm_active *ca)
{
    CHECK_EQ(ca->originatorId, 0x03ea);
    CHECK_EQ(ca->lengthSourceDescriptor, 6);
    CHECK_EQ(ca->lengthCombinedCapabilities, 0x1da);
    CHECK(ca->sourceDescriptor.len == 6 && memcmp(ca->sourceDescriptor.data, "MSTSC", 6) == 0);
    check_types(ca->capabilitySets, ca->numberCapabilities, confirm_types, 18);
    const wrdp_caps_set *s = ca->capabilitySets;
    CHECK_EQ(s[0].u.general.extraFlags, 0x041d);
    CHECK_EQ(s[2].u.order.orderFlags, 0x2a);
    CHECK_EQ(s[3].u.bitmapcache_rev2.BitmapCache2CellInfo.numEntries, 2555);
    CHECK_EQ(s[3].u.bitmapcache_rev2.BitmapCache2CellInfo.k, 1);
    CHECK_EQ(s[6].u.control.controlInterest, 2);
    CHECK_EQ(s[6].u.control.detachInterest, 2);
    CHECK_EQ(s[7].u.pointer.pointerCacheSize, 21);
    CHECK_EQ(s[9].u.input.keyboardLayout, 0x409);
    CHECK_EQ(s[12].u.glyphcache.GlyphSupportLevel, 3);
    CHECK_EQ(s[15].u.virtualchannel.flags, 1);
    CHECK_EQ(s[15].u.virtualchannel.VCChunkSize, 1600);
    CHECK_EQ(s[16].u.drawninegridcache.drawNineGridSupportLevel, 2);
    CHECK_EQ(s[16].u.drawninegridcache.drawNineGridCacheSize, 2560);
    CHECK_EQ(s[16].u.drawninegridcache.drawNineGridCacheEntries, 256);
    for (int i = 0; i < 18; i++)
        CHECK_EQ(s[i].trailing.len, 0);
}

static void test_active(void)
{
    static wrdp_demand_active da;
    static wrdp_confirm_active ca;
    static wrdp_demand_active_pdu dap;
    static wrdp_confirm_active_pdu cap;
    size_t len;
    uint8_t *b;

    DECODE_FILE(CAPSETS "server_demand_active_body.bin", wrdp_demand_active_body_decode, &da);
    check_demand_active(&da);
    DECODE_FILE(CAPSETS "client_confirm_active_body.bin", wrdp_confirm_active_body_decode, &ca);
    check_confirm_active(&ca);

    DECODE_FILE("vectors/pdu/rdp/server_demand_active_pdu.bin", wrdp_demand_active_pdu_decode, &dap);
    CHECK_EQ(dap.shareControlHeader.totalLength, 367);
    CHECK_EQ(dap.shareControlHeader.pduType, 0x11);
    CHECK_EQ(dap.shareControlHeader.pduSource, 1002);
    CHECK_EQ(dap.demandActive.shareId, 0x000103ea);
    check_demand_active(&dap.demandActive);

    DECODE_FILE("vectors/pdu/rdp/client_confirm_active_pdu.bin", wrdp_confirm_active_pdu_decode, &cap);
    CHECK_EQ(cap.shareControlHeader.totalLength, 496);
    CHECK_EQ(cap.shareControlHeader.pduType, 0x13);
    CHECK_EQ(cap.shareControlHeader.pduSource, 1007);
    CHECK_EQ(cap.confirmActive.shareId, 0x000103ea);
    check_confirm_active(&cap.confirmActive);

    /* The body files are the PDUs minus the Share Control Header and shareId. */
    size_t blen;
    uint8_t *body = test_read_file(CAPSETS "client_confirm_active_body.bin", &blen);
    b = test_read_file("vectors/pdu/rdp/client_confirm_active_pdu.bin", &len);
    CHECK(len == blen + 10 && memcmp(b + 10, body, blen) == 0);
    free(body);
    free(b);

    /* VCChunkSize omitted: decodes, remembers it, re-encodes the same. */
    DECODE_FILE(CAPSETS "client_confirm_active_body_incomplete_vc.bin", wrdp_confirm_active_body_decode, &ca);
    static const uint16_t types[] = {1, 2, 3, 4, 10, 7, 5, 8, 9, 13, 12, 14, 16, 15, 17, 20, 21, 22, 26, 24};
    check_types(ca.capabilitySets, ca.numberCapabilities, types, 20);
    CHECK_EQ(ca.capabilitySets[1].u.bitmap.preferredBitsPerPixel, 32);
    CHECK_EQ(ca.capabilitySets[1].u.bitmap.desktopWidth, 800);
    CHECK_EQ(ca.capabilitySets[1].u.bitmap.desktopHeight, 600);
    CHECK_EQ(ca.capabilitySets[2].u.order.textANSICodePage, 1252);
    CHECK_EQ(ca.capabilitySets[3].u.bitmapcache.Cache0Entries, 120);
    CHECK_EQ(ca.capabilitySets[15].lengthCapability, 8);
    CHECK_EQ(ca.capabilitySets[15].u.virtualchannel.flags, 1);
    CHECK(!ca.capabilitySets[15].u.virtualchannel.VCChunkSizePresent);
    CHECK_EQ(ca.capabilitySets[18].u.multifragmentupdate.MaxRequestSize, 0);
    CHECK_EQ(ca.capabilitySets[19].u.window.WndSupportLevel, 1);
    CHECK_EQ(ca.capabilitySets[19].u.window.NumIconCaches, 3);
    CHECK_EQ(ca.capabilitySets[19].u.window.NumIconCacheEntries, 12);

    static const struct {
        const char *path, *kind;
    } files[] = {
        {CAPSETS "server_demand_active_body.bin", "caps_demand_active"},
        {CAPSETS "client_confirm_active_body.bin", "caps_confirm_active"},
        {CAPSETS "client_confirm_active_body_incomplete_vc.bin", "caps_confirm_active"},
        {"vectors/pdu/rdp/server_demand_active_pdu.bin", "caps_demand_active_pdu"},
        {"vectors/pdu/rdp/client_confirm_active_pdu.bin", "caps_confirm_active_pdu"},
        {"vectors/pdu/rdp/server_demand_active_pdu.bin" , NULL},
    };
    for (size_t i = 0; files[i].kind; i++) {
        b = test_read_file(files[i].path, &len);
        check_roundtrip(files[i].kind, b, len);
        check_truncations(wrdp_pdu_kind_find(files[i].kind), b, len);
        if (strstr(files[i].kind, "_pdu")) { /* and from shareId on */
            const char *k = strstr(files[i].kind, "demand") ? "caps_demand_active_share" : "caps_confirm_active_share";
            check_roundtrip(k, b + 6, len - 6);
            check_truncations(wrdp_pdu_kind_find(k), b + 6, len - 6);
        }
        free(b);
    }

    /* A wrong pduType is refused. */
    b = test_read_file("vectors/pdu/rdp/client_confirm_active_pdu.bin", &len);
    wrdp_cursor c;
    wrdp_cursor_init(&c, b, len, "demand", &err);
    CHECK(wrdp_demand_active_pdu_decode(&c, &dap) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    free(b);
}

/* ---- building a Confirm Active from a struct, as the connector will ---- */

static void test_build(void)
{
    static wrdp_confirm_active_pdu pdu, back;
    memset(&pdu, 0, sizeof pdu);
    pdu.shareControlHeader.pduType = WRDP_PDUTYPE_CONFIRMACTIVEPDU | WRDP_TS_PROTOCOL_VERSION;
    pdu.shareControlHeader.pduSource = 1007;
    pdu.shareControlHeader.totalLength = 1; /* ignored: computed */
    wrdp_confirm_active *ca = &pdu.confirmActive;
    ca->shareId = 0x000103ea;
    ca->originatorId = 0x03ea;
    ca->lengthSourceDescriptor = 99;       /* ignored */
    ca->lengthCombinedCapabilities = 1234; /* ignored */
    static const uint8_t src[] = "webrdp";
    ca->sourceDescriptor = (wrdp_bytes){src, sizeof src};
    wrdp_caps_set *s = ca->capabilitySets;
    int n = 0;
    s[n].capabilitySetType = WRDP_CAPSTYPE_GENERAL;
    s[n].u.general.osMajorType = 1;
    s[n].u.general.protocolVersion = 0x200;
    s[n].u.general.extraFlags = 0x041d;
    s[n].u.general.refreshRectSupportPresent = s[n].u.general.suppressOutputSupportPresent = true;
    s[n].u.general.refreshRectSupport = 1;
    n++;
    s[n].capabilitySetType = WRDP_CAPSTYPE_BITMAP;
    s[n].u.bitmap.preferredBitsPerPixel = 32;
    s[n].u.bitmap.desktopWidth = 1920;
    s[n].u.bitmap.desktopHeight = 1080;
    n++;
    s[n].capabilitySetType = WRDP_CAPSTYPE_POINTER; /* short form: 8 bytes */
    s[n].u.pointer.colorPointerFlag = 1;
    s[n].u.pointer.colorPointerCacheSize = 25;
    n++;
    s[n].capabilitySetType = WRDP_CAPSTYPE_VIRTUALCHANNEL; /* no VCChunkSize */
    s[n].u.virtualchannel.flags = 0;
    n++;
    s[n].capabilitySetType = WRDP_CAPSTYPE_FONT; /* no body at all */
    n++;
    s[n].capabilitySetType = WRDP_CAPSETTYPE_BITMAP_CODECS;
    wrdp_caps_bitmap_codecs *bc = &s[n].u.bitmap_codecs;
    bc->bitmapCodecCount = 3;
    memcpy(bc->bitmapCodecArray[0].codecGUID, WRDP_CODEC_GUID_NSCODEC, 16);
    bc->bitmapCodecArray[0].codecID = 1;
    bc->bitmapCodecArray[0].form = WRDP_CODEC_PROPERTIES_NSCODEC;
    bc->bitmapCodecArray[0].nscodec = (wrdp_nscodec_capabilityset){1, 1, 3};
    memcpy(bc->bitmapCodecArray[1].codecGUID, WRDP_CODEC_GUID_REMOTEFX, 16);
    bc->bitmapCodecArray[1].codecID = 3;
    bc->bitmapCodecArray[1].form = WRDP_CODEC_PROPERTIES_RFX_CLIENT;
    wrdp_rfx_clnt_caps_container *rc = &bc->bitmapCodecArray[1].rfxClient;
    rc->captureFlags = WRDP_CARDP_CAPS_CAPTURE_NON_CAC;
    rc->capsData.numCapsets = 1;
    rc->capsData.capsetsData[0].codecId = 1;
    rc->capsData.capsetsData[0].capsetType = WRDP_CLY_CAPSET;
    rc->capsData.capsetsData[0].numIcaps = 1;
    rc->capsData.capsetsData[0].icapsData[0] = (wrdp_rfx_icap){0x0100, 0x40, 0, 1, 1, 1};
    static const uint8_t jpeg_props[] = {0x4b};
    memcpy(bc->bitmapCodecArray[2].codecGUID, WRDP_CODEC_GUID_JPEG, 16);
    bc->bitmapCodecArray[2].codecID = 5;
    bc->bitmapCodecArray[2].codecProperties = (wrdp_bytes){jpeg_props, 1};
    n++;
    static const uint8_t unknown_body[] = {1, 2, 3, 4, 5};
    s[n].capabilitySetType = 0x0077; /* unknown: kept raw */
    s[n].trailing = (wrdp_bytes){unknown_body, sizeof unknown_body};
    n++;
    ca->numberCapabilities = (uint16_t)n;

    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_confirm_active_pdu_encode(&pdu, &w) == WRDP_OK);
    const uint8_t *p = w.data;
    CHECK_EQ(p[0] | p[1] << 8, w.len);                   /* totalLength */
    CHECK_EQ(p[12] | p[13] << 8, sizeof src);            /* lengthSourceDescriptor */
    size_t comb = (size_t)(p[14] | p[15] << 8);          /* lengthCombinedCapabilities */
    CHECK_EQ(comb, w.len - 16 - sizeof src);
    size_t at = 16 + sizeof src;
    CHECK_EQ(p[at] | p[at + 1] << 8, n);                 /* numberCapabilities */
    at += 4;
    static const uint16_t lens[] = {24, 28, 8, 8, 4, 0, 9};
    for (int i = 0; i < n; i++) {
        size_t l = (size_t)(p[at + 2] | p[at + 3] << 8);
        if (lens[i])
            CHECK_MSG(l == lens[i], "set %d: lengthCapability %zu, expected %u", i, l, lens[i]);
        at += l;
    }
    CHECK_EQ(at, w.len);

    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "built", &err);
    CHECK_MSG(wrdp_confirm_active_pdu_decode(&c, &back) == WRDP_OK && c.pos == w.len, "%s", err.message);
    const wrdp_confirm_active *b = &back.confirmActive;
    CHECK_EQ(b->numberCapabilities, n);
    CHECK_EQ(b->lengthCombinedCapabilities, comb);
    CHECK_EQ(b->capabilitySets[1].u.bitmap.desktopWidth, 1920);
    CHECK(!b->capabilitySets[2].u.pointer.pointerCacheSizePresent);
    CHECK(!b->capabilitySets[3].u.virtualchannel.VCChunkSizePresent);
    CHECK(!b->capabilitySets[4].u.font.fontSupportFlagsPresent);
    const wrdp_caps_bitmap_codecs *bb = &b->capabilitySets[5].u.bitmap_codecs;
    CHECK_EQ(bb->bitmapCodecCount, 3);
    CHECK_EQ(bb->bitmapCodecArray[0].form, WRDP_CODEC_PROPERTIES_NSCODEC);
    CHECK_EQ(bb->bitmapCodecArray[0].nscodec.colorLossLevel, 3);
    CHECK_EQ(bb->bitmapCodecArray[1].form, WRDP_CODEC_PROPERTIES_RFX_CLIENT);
    CHECK_EQ(bb->bitmapCodecArray[1].rfxClient.length, 12 + 8 + 13 + 8);
    CHECK_EQ(bb->bitmapCodecArray[1].rfxClient.capsData.capsetsData[0].blockLen, 21);
    CHECK_EQ(bb->bitmapCodecArray[2].form, WRDP_CODEC_PROPERTIES_RAW);
    CHECK_EQ(bb->bitmapCodecArray[2].codecPropertiesLength, 1);
    CHECK_EQ(b->capabilitySets[6].capabilitySetType, 0x0077);
    CHECK(!wrdp_caps_type_known(0x0077));
    CHECK(b->capabilitySets[6].trailing.len == 5 && memcmp(b->capabilitySets[6].trailing.data, unknown_body, 5) == 0);
    CHECK(wrdp_caps_find(b->capabilitySets, n, WRDP_CAPSETTYPE_BITMAP_CODECS) == &b->capabilitySets[5]);

    wrdp_writer w2;
    wrdp_writer_init(&w2, 0, &err);
    CHECK(wrdp_confirm_active_pdu_encode(&back, &w2) == WRDP_OK);
    CHECK(w2.len == w.len && memcmp(w2.data, w.data, w.len) == 0);
    check_roundtrip("caps_confirm_active_pdu", w.data, w.len);
    check_truncations(wrdp_pdu_kind_find("caps_confirm_active_pdu"), w.data, w.len);

    /* Too many sets for the encoder's list. */
    ca->numberCapabilities = WRDP_CAPS_MAX + 1;
    wrdp_writer_reset(&w2);
    CHECK(wrdp_confirm_active_pdu_encode(&pdu, &w2) == WRDP_ERR);
    wrdp_writer_free(&w);
    wrdp_writer_free(&w2);
}

static void test_bad_input(void)
{
    uint8_t buf[64];
    wrdp_caps_set s;
    wrdp_cursor c;
    /* lengthCapability shorter than the header */
    size_t n = test_hex("0100 0200", buf, sizeof buf);
    wrdp_cursor_init(&c, buf, n, "caps_set", &err);
    CHECK(wrdp_caps_set_decode(&c, &s) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    /* A General set too short for its required fields */
    n = test_hex("0100 0800 0100 0300", buf, sizeof buf);
    wrdp_cursor_init(&c, buf, n, "caps_set", &err);
    CHECK(wrdp_caps_set_decode(&c, &s) == WRDP_ERR);
    /* An unknown set with a body decodes and re-encodes */
    n = test_hex("ab00 0700 010203", buf, sizeof buf);
    check_roundtrip("caps_set", buf, n);
    /* A General set with extra bytes keeps them */
    n = test_hex("0100 1a00 010003000002000000001d040000000000000101 beef", buf, sizeof buf);
    check_roundtrip("caps_general", buf, n);
    /* A pointer set of the wrong kind is refused by caps_general */
    n = test_hex("0800 0800 0100 1400", buf, sizeof buf);
    wrdp_cursor_init(&c, buf, n, "caps_general", &err);
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find("caps_general");
    CHECK(k->decode(&c, &s) == WRDP_ERR);
    check_roundtrip("caps_pointer", buf, n);
    /* Too many codecs */
    n = test_hex("1d00 0500 09", buf, sizeof buf);
    wrdp_cursor_init(&c, buf, n, "caps_bitmap_codecs", &err);
    CHECK(wrdp_caps_set_decode(&c, &s) == WRDP_ERR);
    /* A RemoteFX container that does not parse stays raw and round-trips */
    n = test_hex("122f777672bd6344afb3b73c9c6f7886 03 0600 010203040506", buf, sizeof buf);
    wrdp_bitmap_codec bc;
    wrdp_cursor_init(&c, buf, n, "caps_bitmap_codec", &err);
    CHECK(wrdp_bitmap_codec_decode(&c, &bc) == WRDP_OK);
    CHECK_EQ(bc.form, WRDP_CODEC_PROPERTIES_RAW);
    check_roundtrip("caps_bitmap_codec", buf, n);
}

/* ---- the caps.tsv cases through the registry ---- */

static void test_cases(void)
{
    FILE *f = fopen("vectors/pdu/cases/caps.tsv", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[512];
    int cases = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *kind = strtok(line, "\t\n"), *path = strtok(NULL, "\t\n"), *expect = strtok(NULL, "\t\n");
        if (!kind || !path || !expect)
            continue;
        size_t len;
        uint8_t *b = test_read_file(path, &len);
        if (strcmp(expect, "roundtrip") == 0)
            check_roundtrip(kind, b, len);
        else if (strcmp(expect, "error") == 0) {
            wrdp_writer w;
            wrdp_writer_init(&w, 0, &err);
            CHECK_MSG(wrdp_pdu_kind_roundtrip(wrdp_pdu_kind_find(kind), b, len, &w, NULL, &err) == WRDP_ERR, "%s", path);
            wrdp_writer_free(&w);
        }
        free(b);
        cases++;
    }
    fclose(f);
    CHECK(cases >= 60);
}

int main(void)
{
    test_all_bodies();
    test_decoded_sets();
    test_codecs();
    test_active();
    test_build();
    test_bad_input();
    test_cases();
    for (size_t i = 0; i < nkept; i++)
        free(kept[i]);
    return test_finish("pdu_caps");
}
