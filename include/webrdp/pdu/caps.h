/* webrdp — capability sets and the capability exchange (MS-RDPBCGR 2.2.1.13, 2.2.7),
 * with the codec capability containers of MS-RDPRFX / MS-RDPNSC carried in the
 * Bitmap Codecs set, and the MS-RDPEGDI / MS-RDPERP sets that travel alongside.
 *
 * Every capability set is its own struct (fields named as in the specification);
 * wrdp_caps_set is the tagged container used by the Demand Active and Confirm
 * Active PDUs. Unknown capability set types are kept as raw bytes and re-encoded
 * unchanged; bytes after the known fields of a known set are kept too (`trailing`),
 * so decode-then-encode reproduces the input. Encoders compute every length and
 * count the wire carries (lengthCapability, numberCapabilities,
 * lengthCombinedCapabilities, lengthSourceDescriptor, codec property lengths). */
#ifndef WEBRDP_PDU_CAPS_H
#define WEBRDP_PDU_CAPS_H

#include <stdbool.h>

#include "../utils.h"
#include "rdp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- capabilitySetType values (2.2.1.13.1.1.1) ---------------------------- */
#define WRDP_CAPSTYPE_GENERAL 0x0001
#define WRDP_CAPSTYPE_BITMAP 0x0002
#define WRDP_CAPSTYPE_ORDER 0x0003
#define WRDP_CAPSTYPE_BITMAPCACHE 0x0004
#define WRDP_CAPSTYPE_CONTROL 0x0005
#define WRDP_CAPSETTYPE_BITMAP_CACHE_V3_CODEC_ID 0x0006
#define WRDP_CAPSTYPE_ACTIVATION 0x0007
#define WRDP_CAPSTYPE_POINTER 0x0008
#define WRDP_CAPSTYPE_SHARE 0x0009
#define WRDP_CAPSTYPE_COLORCACHE 0x000A
#define WRDP_CAPSTYPE_SOUND 0x000C
#define WRDP_CAPSTYPE_INPUT 0x000D
#define WRDP_CAPSTYPE_FONT 0x000E
#define WRDP_CAPSTYPE_BRUSH 0x000F
#define WRDP_CAPSTYPE_GLYPHCACHE 0x0010
#define WRDP_CAPSTYPE_OFFSCREENCACHE 0x0011
#define WRDP_CAPSTYPE_BITMAPCACHE_HOSTSUPPORT 0x0012
#define WRDP_CAPSTYPE_BITMAPCACHE_REV2 0x0013
#define WRDP_CAPSTYPE_VIRTUALCHANNEL 0x0014
#define WRDP_CAPSTYPE_DRAWNINEGRIDCACHE 0x0015
#define WRDP_CAPSTYPE_DRAWGDIPLUS 0x0016
#define WRDP_CAPSTYPE_RAIL 0x0017
#define WRDP_CAPSTYPE_WINDOW 0x0018
#define WRDP_CAPSETTYPE_COMPDESK 0x0019
#define WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE 0x001A
#define WRDP_CAPSETTYPE_LARGE_POINTER 0x001B
#define WRDP_CAPSETTYPE_SURFACE_COMMANDS 0x001C
#define WRDP_CAPSETTYPE_BITMAP_CODECS 0x001D
#define WRDP_CAPSSETTYPE_FRAME_ACKNOWLEDGE 0x001E

/* A few flag values the connector uses (the full lists are in the specification). */
#define WRDP_TS_OSMAJORTYPE_WINDOWS 0x0001
#define WRDP_TS_OSMINORTYPE_WINDOWS_NT 0x0003
#define WRDP_TS_CAPS_PROTOCOLVERSION 0x0200
#define WRDP_FASTPATH_OUTPUT_SUPPORTED 0x0001
#define WRDP_NO_BITMAP_COMPRESSION_HDR 0x0400
#define WRDP_LONG_CREDENTIALS_SUPPORTED 0x0004
#define WRDP_AUTORECONNECT_SUPPORTED 0x0008
#define WRDP_ENC_SALTED_CHECKSUM 0x0010
#define WRDP_INPUT_FLAG_SCANCODES 0x0001
#define WRDP_INPUT_FLAG_MOUSEX 0x0004
#define WRDP_INPUT_FLAG_FASTPATH_INPUT 0x0008
#define WRDP_INPUT_FLAG_UNICODE 0x0010
#define WRDP_INPUT_FLAG_FASTPATH_INPUT2 0x0020
#define WRDP_SURFCMDS_SETSURFACEBITS 0x00000002
#define WRDP_SURFCMDS_FRAMEMARKER 0x00000010
#define WRDP_SURFCMDS_STREAMSURFACEBITS 0x00000040

/* ---- the simple capability sets ------------------------------------------- */

/* General (2.2.7.1.1). The two trailing one-byte fields are absent in old peers. */
typedef struct wrdp_caps_general {
    uint16_t osMajorType;
    uint16_t osMinorType;
    uint16_t protocolVersion;
    uint16_t pad2octetsA;
    uint16_t generalCompressionTypes;
    uint16_t extraFlags;
    uint16_t updateCapabilityFlag;
    uint16_t remoteUnshareFlag;
    uint16_t generalCompressionLevel;
    uint8_t refreshRectSupport;
    uint8_t suppressOutputSupport;
    bool refreshRectSupportPresent;
    bool suppressOutputSupportPresent;
} wrdp_caps_general;

/* Bitmap (2.2.7.1.2). */
typedef struct wrdp_caps_bitmap {
    uint16_t preferredBitsPerPixel;
    uint16_t receive1BitPerPixel;
    uint16_t receive4BitsPerPixel;
    uint16_t receive8BitsPerPixel;
    uint16_t desktopWidth;
    uint16_t desktopHeight;
    uint16_t pad2octets;
    uint16_t desktopResizeFlag;
    uint16_t bitmapCompressionFlag;
    uint8_t highColorFlags;
    uint8_t drawingFlags;
    uint16_t multipleRectangleSupport;
    uint16_t pad2octetsB;
} wrdp_caps_bitmap;

/* Order (2.2.7.1.3). */
#define WRDP_ORDER_SUPPORT_COUNT 32
typedef struct wrdp_caps_order {
    uint8_t terminalDescriptor[16];
    uint32_t pad4octetsA;
    uint16_t desktopSaveXGranularity;
    uint16_t desktopSaveYGranularity;
    uint16_t pad2octetsA;
    uint16_t maximumOrderLevel;
    uint16_t numberFonts;
    uint16_t orderFlags;
    uint8_t orderSupport[WRDP_ORDER_SUPPORT_COUNT];
    uint16_t textFlags;
    uint16_t orderSupportExFlags;
    uint32_t pad4octetsB;
    uint32_t desktopSaveSize;
    uint16_t pad2octetsC;
    uint16_t pad2octetsD;
    uint16_t textANSICodePage;
    uint16_t pad2octetsE;
} wrdp_caps_order;

/* Bitmap Cache Revision 1 (2.2.7.1.4.1). */
typedef struct wrdp_caps_bitmapcache {
    uint32_t pad1, pad2, pad3, pad4, pad5, pad6;
    uint16_t Cache0Entries;
    uint16_t Cache0MaximumCellSize;
    uint16_t Cache1Entries;
    uint16_t Cache1MaximumCellSize;
    uint16_t Cache2Entries;
    uint16_t Cache2MaximumCellSize;
} wrdp_caps_bitmapcache;

/* TS_BITMAPCACHE_CELL_CACHE_INFO (2.2.7.1.4.2.1): 31-bit numEntries, 1-bit k (persistent). */
typedef struct wrdp_bitmapcache_cell_info {
    uint32_t numEntries;
    uint8_t k;
} wrdp_bitmapcache_cell_info;

int wrdp_bitmapcache_cell_info_decode(wrdp_cursor *c, wrdp_bitmapcache_cell_info *out);
int wrdp_bitmapcache_cell_info_encode(const wrdp_bitmapcache_cell_info *in, wrdp_writer *w);

/* Bitmap Cache Revision 2 (2.2.7.1.4.2). */
typedef struct wrdp_caps_bitmapcache_rev2 {
    uint16_t CacheFlags;
    uint8_t Pad2;
    uint8_t NumCellCaches;
    wrdp_bitmapcache_cell_info BitmapCache0CellInfo;
    wrdp_bitmapcache_cell_info BitmapCache1CellInfo;
    wrdp_bitmapcache_cell_info BitmapCache2CellInfo;
    wrdp_bitmapcache_cell_info BitmapCache3CellInfo;
    wrdp_bitmapcache_cell_info BitmapCache4CellInfo;
    uint8_t Pad3[12];
} wrdp_caps_bitmapcache_rev2;

/* Control (2.2.7.2.2). */
typedef struct wrdp_caps_control {
    uint16_t controlFlags;
    uint16_t remoteDetachFlag;
    uint16_t controlInterest;
    uint16_t detachInterest;
} wrdp_caps_control;

/* Window Activation (2.2.7.2.3). */
typedef struct wrdp_caps_activation {
    uint16_t helpKeyFlag;
    uint16_t helpKeyIndexFlag;
    uint16_t helpExtendedKeyFlag;
    uint16_t windowManagerKeyFlag;
} wrdp_caps_activation;

/* Pointer (2.2.7.1.5): 8-byte form (no pointerCacheSize) or 10-byte form. */
typedef struct wrdp_caps_pointer {
    uint16_t colorPointerFlag;
    uint16_t colorPointerCacheSize;
    uint16_t pointerCacheSize;
    bool pointerCacheSizePresent;
} wrdp_caps_pointer;

/* Share (2.2.7.2.4). */
typedef struct wrdp_caps_share {
    uint16_t nodeId;
    uint16_t pad2octets;
} wrdp_caps_share;

/* Color Table Cache (2.2.7.1.6 of the older MS-RDPBCGR revisions; MS-RDPEGDI 2.2.1.1). */
typedef struct wrdp_caps_colorcache {
    uint16_t colorTableCacheSize;
    uint16_t pad2octets;
} wrdp_caps_colorcache;

/* Sound (2.2.7.1.11). */
typedef struct wrdp_caps_sound {
    uint16_t soundFlags;
    uint16_t pad2octetsA;
} wrdp_caps_sound;

/* Input (2.2.7.1.6). imeFileName is 32 UTF-16 code units, kept as the raw 64 bytes. */
typedef struct wrdp_caps_input {
    uint16_t inputFlags;
    uint16_t pad2octetsA;
    uint32_t keyboardLayout;
    uint32_t keyboardType;
    uint32_t keyboardSubType;
    uint32_t keyboardFunctionKey;
    uint8_t imeFileName[64];
} wrdp_caps_input;

/* Font (2.2.7.2.5); some peers send the set with no body. */
typedef struct wrdp_caps_font {
    uint16_t fontSupportFlags;
    uint16_t pad2octets;
    bool fontSupportFlagsPresent;
    bool pad2octetsPresent;
} wrdp_caps_font;

/* Brush (2.2.7.1.7). */
typedef struct wrdp_caps_brush {
    uint32_t brushSupportLevel;
} wrdp_caps_brush;

/* TS_CACHE_DEFINITION (2.2.7.1.8.1). */
typedef struct wrdp_cache_definition {
    uint16_t CacheEntries;
    uint16_t CacheMaximumCellSize;
} wrdp_cache_definition;

int wrdp_cache_definition_decode(wrdp_cursor *c, wrdp_cache_definition *out);
int wrdp_cache_definition_encode(const wrdp_cache_definition *in, wrdp_writer *w);

/* Glyph Cache (2.2.7.1.8). */
#define WRDP_GLYPH_CACHE_COUNT 10
typedef struct wrdp_caps_glyphcache {
    wrdp_cache_definition GlyphCache[WRDP_GLYPH_CACHE_COUNT];
    wrdp_cache_definition FragCache;
    uint16_t GlyphSupportLevel;
    uint16_t pad2octets;
} wrdp_caps_glyphcache;

/* Offscreen Bitmap Cache (2.2.7.1.9). */
typedef struct wrdp_caps_offscreen {
    uint32_t offscreenSupportLevel;
    uint16_t offscreenCacheSize;
    uint16_t offscreenCacheEntries;
} wrdp_caps_offscreen;

/* Bitmap Cache Host Support (2.2.7.2.1). */
typedef struct wrdp_caps_bitmapcache_hostsupport {
    uint8_t cacheVersion;
    uint8_t pad1;
    uint16_t pad2;
} wrdp_caps_bitmapcache_hostsupport;

/* Virtual Channel (2.2.7.1.10); VCChunkSize is optional. */
typedef struct wrdp_caps_virtualchannel {
    uint32_t flags;
    uint32_t VCChunkSize;
    bool VCChunkSizePresent;
} wrdp_caps_virtualchannel;

/* Draw Nine Grid Cache (MS-RDPEGDI 2.2.1.2). */
typedef struct wrdp_caps_drawninegridcache {
    uint32_t drawNineGridSupportLevel;
    uint16_t drawNineGridCacheSize;
    uint16_t drawNineGridCacheEntries;
} wrdp_caps_drawninegridcache;

/* Draw GDI+ (MS-RDPEGDI 2.2.1.3), with TS_GDIPLUS_CACHE_ENTRIES, TS_GDIPLUS_CACHE_CHUNK_SIZE
 * and TS_GDIPLUS_IMAGE_CACHE_PROPERTIES flattened in wire order. */
typedef struct wrdp_caps_drawgdiplus {
    uint32_t drawGDIPlusSupportLevel;
    uint32_t GdipVersion;
    uint32_t drawGdiplusCacheLevel;
    uint16_t GdipGraphicsCacheEntries;
    uint16_t GdipBrushCacheEntries;
    uint16_t GdipPenCacheEntries;
    uint16_t GdipImageCacheEntries;
    uint16_t GdipImageAttributesCacheEntries;
    uint16_t GdipGraphicsCacheChunkSize;
    uint16_t GdipObjectBrushCacheChunkSize;
    uint16_t GdipObjectPenCacheChunkSize;
    uint16_t GdipObjectImageAttributesCacheChunkSize;
    uint16_t GdipObjectImageCacheChunkSize;
    uint16_t GdipObjectImageCacheTotalSize;
    uint16_t GdipObjectImageCacheMaxSize;
} wrdp_caps_drawgdiplus;

/* Remote Programs (MS-RDPERP 2.2.1.1.1). */
typedef struct wrdp_caps_rail {
    uint32_t RailSupportLevel;
} wrdp_caps_rail;

/* Window List (MS-RDPERP 2.2.1.1.2). */
typedef struct wrdp_caps_window {
    uint32_t WndSupportLevel;
    uint8_t NumIconCaches;
    uint16_t NumIconCacheEntries;
} wrdp_caps_window;

/* Desktop Composition (2.2.7.2.8). */
typedef struct wrdp_caps_compdesk {
    uint16_t CompDeskSupportLevel;
} wrdp_caps_compdesk;

/* Multifragment Update (2.2.7.2.6). */
typedef struct wrdp_caps_multifragmentupdate {
    uint32_t MaxRequestSize;
} wrdp_caps_multifragmentupdate;

/* Large Pointer (2.2.7.2.7). */
typedef struct wrdp_caps_large_pointer {
    uint16_t largePointerSupportFlags;
} wrdp_caps_large_pointer;

/* Surface Commands (2.2.7.2.9). */
typedef struct wrdp_caps_surface_commands {
    uint32_t cmdFlags;
    uint32_t reserved;
} wrdp_caps_surface_commands;

/* Frame Acknowledge (MS-RDPRFX 2.2.1.3). */
typedef struct wrdp_caps_frame_acknowledge {
    uint32_t maxUnacknowledgedFrameCount;
} wrdp_caps_frame_acknowledge;

/* Bitmap Cache V3 Codec ID (type 0x0006; MS-RDPEGDI, used with Cache Bitmap rev. 3). */
typedef struct wrdp_caps_bitmap_cache_v3_codec_id {
    uint8_t codecId;
} wrdp_caps_bitmap_cache_v3_codec_id;

/* ---- Bitmap Codecs (2.2.7.2.10) and the codec containers -------------------- */
#define WRDP_BITMAP_CODECS_MAX 8
#define WRDP_RFX_CAPSETS_MAX 2
#define WRDP_RFX_ICAPS_MAX 8

#define WRDP_CBY_CAPS 0xCBC0
#define WRDP_CBY_CAPSET 0xCBC1
#define WRDP_CLY_CAPSET 0xCFC0
#define WRDP_CARDP_CAPS_CAPTURE_NON_CAC 0x00000001
#define WRDP_CLW_VERSION_1_0 0x0100
#define WRDP_CT_TILE_64x64 0x0040
#define WRDP_CODEC_MODE 0x02
#define WRDP_CLW_COL_CONV_ICT 0x1
#define WRDP_CLW_XFORM_DWT_53_A 0x1
#define WRDP_CLW_ENTROPY_RLGR1 0x01
#define WRDP_CLW_ENTROPY_RLGR3 0x04

/* GUIDs as their 16 wire bytes (Data1..Data3 little-endian). */
extern const uint8_t WRDP_CODEC_GUID_NSCODEC[16];      /* CA8D1BB9-000F-154F-589F-AE2D1A87E2D6 */
extern const uint8_t WRDP_CODEC_GUID_REMOTEFX[16];     /* 76772F12-BD72-4463-AFB3-B73C9C6F7886 */
extern const uint8_t WRDP_CODEC_GUID_IMAGE_REMOTEFX[16]; /* 2744CCD4-9D8A-4E74-803C-0ECBEEA19C54 */
extern const uint8_t WRDP_CODEC_GUID_JPEG[16];         /* 430C9EED-1BAF-4CE6-869A-CB8B37B66237 */
extern const uint8_t WRDP_CODEC_GUID_IGNORE[16];       /* 0C4351A6-3535-42AE-910C-CDFCE5760B58 */

/* TS_NSCODEC_CAPABILITYSET (MS-RDPNSC 2.2.1). */
typedef struct wrdp_nscodec_capabilityset {
    uint8_t fAllowDynamicFidelity;
    uint8_t fAllowSubsampling;
    uint8_t colorLossLevel;
} wrdp_nscodec_capabilityset;

/* TS_RFX_ICAP (MS-RDPRFX 2.2.1.1.1.1.1). */
typedef struct wrdp_rfx_icap {
    uint16_t version;
    uint16_t tileSize;
    uint8_t flags;
    uint8_t colConvBits;
    uint8_t transformBits;
    uint8_t entropyBits;
} wrdp_rfx_icap;

/* TS_RFX_CAPSET (MS-RDPRFX 2.2.1.1.1.1). blockType, blockLen and icapLen are checked on
 * decode (0xCBC1, 13 + 8 * numIcaps, 8) and written by the encoder; numIcaps is the count. */
typedef struct wrdp_rfx_capset {
    uint16_t blockType;
    uint32_t blockLen;
    uint8_t codecId;
    uint16_t capsetType;
    uint16_t numIcaps;
    uint16_t icapLen;
    wrdp_rfx_icap icapsData[WRDP_RFX_ICAPS_MAX];
} wrdp_rfx_capset;

/* TS_RFX_CAPS (MS-RDPRFX 2.2.1.1.1). blockType 0xCBC0 and blockLen 8 are fixed. */
typedef struct wrdp_rfx_caps {
    uint16_t blockType;
    uint32_t blockLen;
    uint16_t numCapsets;
    wrdp_rfx_capset capsetsData[WRDP_RFX_CAPSETS_MAX];
} wrdp_rfx_caps;

/* TS_RFX_CLNT_CAPS_CONTAINER (MS-RDPRFX 2.2.1.1); length and capsLength are computed. */
typedef struct wrdp_rfx_clnt_caps_container {
    uint32_t length;
    uint32_t captureFlags;
    uint32_t capsLength;
    wrdp_rfx_caps capsData;
} wrdp_rfx_clnt_caps_container;

/* How a codec's codecProperties were understood. */
typedef enum wrdp_codec_properties_form {
    WRDP_CODEC_PROPERTIES_RAW = 0,     /* kept as bytes: unknown codec, JPEG, ... */
    WRDP_CODEC_PROPERTIES_NSCODEC,     /* TS_NSCODEC_CAPABILITYSET */
    WRDP_CODEC_PROPERTIES_RFX_CLIENT,  /* TS_RFX_CLNT_CAPS_CONTAINER (RemoteFX, Image RemoteFX) */
    WRDP_CODEC_PROPERTIES_RFX_SERVER   /* TS_RFX_SRVR_CAPS_CONTAINER: 4 reserved bytes */
} wrdp_codec_properties_form;

/* TS_BITMAPCODEC (2.2.7.2.10.1.1). codecPropertiesLength is computed by the encoder. */
typedef struct wrdp_bitmap_codec {
    uint8_t codecGUID[16];
    uint8_t codecID;
    uint16_t codecPropertiesLength;
    wrdp_codec_properties_form form;
    wrdp_bytes codecProperties;              /* form RAW */
    wrdp_nscodec_capabilityset nscodec;      /* form NSCODEC */
    wrdp_rfx_clnt_caps_container rfxClient;  /* form RFX_CLIENT */
    uint32_t rfxServerReserved;              /* form RFX_SERVER */
} wrdp_bitmap_codec;

/* Bitmap Codecs (2.2.7.2.10): bitmapCodecCount is the number of entries used. */
typedef struct wrdp_caps_bitmap_codecs {
    uint8_t bitmapCodecCount;
    wrdp_bitmap_codec bitmapCodecArray[WRDP_BITMAP_CODECS_MAX];
} wrdp_caps_bitmap_codecs;

int wrdp_nscodec_capabilityset_decode(wrdp_cursor *c, wrdp_nscodec_capabilityset *out);
int wrdp_nscodec_capabilityset_encode(const wrdp_nscodec_capabilityset *in, wrdp_writer *w);
int wrdp_rfx_icap_decode(wrdp_cursor *c, wrdp_rfx_icap *out);
int wrdp_rfx_icap_encode(const wrdp_rfx_icap *in, wrdp_writer *w);
int wrdp_rfx_capset_decode(wrdp_cursor *c, wrdp_rfx_capset *out);
int wrdp_rfx_capset_encode(const wrdp_rfx_capset *in, wrdp_writer *w);
int wrdp_rfx_caps_decode(wrdp_cursor *c, wrdp_rfx_caps *out);
int wrdp_rfx_caps_encode(const wrdp_rfx_caps *in, wrdp_writer *w);
int wrdp_rfx_clnt_caps_container_decode(wrdp_cursor *c, wrdp_rfx_clnt_caps_container *out);
int wrdp_rfx_clnt_caps_container_encode(const wrdp_rfx_clnt_caps_container *in, wrdp_writer *w);
/* One TS_BITMAPCODEC. RemoteFX / Image RemoteFX properties of 4 bytes are the server
 * container, others are parsed as the client container; NSCodec properties of 3 bytes are
 * TS_NSCODEC_CAPABILITYSET; anything else, or anything that does not parse, stays raw. */
int wrdp_bitmap_codec_decode(wrdp_cursor *c, wrdp_bitmap_codec *out);
int wrdp_bitmap_codec_encode(const wrdp_bitmap_codec *in, wrdp_writer *w);
/* The Bitmap Codecs body (after the 4-byte capability set header). */
int wrdp_caps_bitmap_codecs_decode(wrdp_cursor *c, wrdp_caps_bitmap_codecs *out);
int wrdp_caps_bitmap_codecs_encode(const wrdp_caps_bitmap_codecs *in, wrdp_writer *w);

/* ---- the container ---------------------------------------------------------- */

/* One capability set: the TS_CAPS_SET header plus the body of its type. */
typedef struct wrdp_caps_set {
    uint16_t capabilitySetType;
    uint16_t lengthCapability;   /* as decoded; computed by the encoder */
    /* Bytes after the known fields (or, for an unknown type, the whole body): re-encoded as is. */
    wrdp_bytes trailing;
    union {
        wrdp_caps_general general;
        wrdp_caps_bitmap bitmap;
        wrdp_caps_order order;
        wrdp_caps_bitmapcache bitmapcache;
        wrdp_caps_bitmapcache_rev2 bitmapcache_rev2;
        wrdp_caps_control control;
        wrdp_caps_activation activation;
        wrdp_caps_pointer pointer;
        wrdp_caps_share share;
        wrdp_caps_colorcache colorcache;
        wrdp_caps_sound sound;
        wrdp_caps_input input;
        wrdp_caps_font font;
        wrdp_caps_brush brush;
        wrdp_caps_glyphcache glyphcache;
        wrdp_caps_offscreen offscreen;
        wrdp_caps_bitmapcache_hostsupport bitmapcache_hostsupport;
        wrdp_caps_virtualchannel virtualchannel;
        wrdp_caps_drawninegridcache drawninegridcache;
        wrdp_caps_drawgdiplus drawgdiplus;
        wrdp_caps_rail rail;
        wrdp_caps_window window;
        wrdp_caps_compdesk compdesk;
        wrdp_caps_multifragmentupdate multifragmentupdate;
        wrdp_caps_large_pointer large_pointer;
        wrdp_caps_surface_commands surface_commands;
        wrdp_caps_bitmap_codecs bitmap_codecs;
        wrdp_caps_frame_acknowledge frame_acknowledge;
        wrdp_caps_bitmap_cache_v3_codec_id bitmap_cache_v3_codec_id;
    } u;
} wrdp_caps_set;

/* True when webrdp knows the fields of this capabilitySetType. */
bool wrdp_caps_type_known(uint16_t capabilitySetType);
/* The set's name ("General", "Bitmap Codecs", ...) or NULL for unknown types. */
const char *wrdp_caps_type_name(uint16_t capabilitySetType);

/* A whole capability set: header (capabilitySetType, lengthCapability) and body. */
int wrdp_caps_set_decode(wrdp_cursor *c, wrdp_caps_set *out);
int wrdp_caps_set_encode(const wrdp_caps_set *in, wrdp_writer *w);
/* Only the body of a set of the given type: reads the whole cursor. */
int wrdp_caps_set_body_decode(wrdp_cursor *c, uint16_t capabilitySetType, wrdp_caps_set *out);
int wrdp_caps_set_body_encode(const wrdp_caps_set *in, wrdp_writer *w);

/* ---- Demand Active / Confirm Active (2.2.1.13.1.1, 2.2.1.13.2.1) ------------- */
#define WRDP_CAPS_MAX 64

/* TS_DEMAND_ACTIVE_PDU after the Share Control Header. numberCapabilities is the count
 * of capabilitySets used; the two length fields hold what was decoded and are
 * recomputed by the encoder. */
typedef struct wrdp_demand_active {
    uint32_t shareId;
    uint16_t lengthSourceDescriptor;
    uint16_t lengthCombinedCapabilities;
    wrdp_bytes sourceDescriptor;
    uint16_t numberCapabilities;
    uint16_t pad2Octets;
    wrdp_caps_set capabilitySets[WRDP_CAPS_MAX];
    uint32_t sessionId;
} wrdp_demand_active;

/* TS_CONFIRM_ACTIVE_PDU after the Share Control Header. */
typedef struct wrdp_confirm_active {
    uint32_t shareId;
    uint16_t originatorId;
    uint16_t lengthSourceDescriptor;
    uint16_t lengthCombinedCapabilities;
    wrdp_bytes sourceDescriptor;
    uint16_t numberCapabilities;
    uint16_t pad2Octets;
    wrdp_caps_set capabilitySets[WRDP_CAPS_MAX];
} wrdp_confirm_active;

/* The whole PDU from the Share Control Header on (totalLength is computed by the
 * encoder; pduType must name the PDU on decode). */
typedef struct wrdp_demand_active_pdu {
    wrdp_share_control_header shareControlHeader;
    wrdp_demand_active demandActive;
} wrdp_demand_active_pdu;

typedef struct wrdp_confirm_active_pdu {
    wrdp_share_control_header shareControlHeader;
    wrdp_confirm_active confirmActive;
} wrdp_confirm_active_pdu;

/* From shareId on. */
int wrdp_demand_active_decode(wrdp_cursor *c, wrdp_demand_active *out);
int wrdp_demand_active_encode(const wrdp_demand_active *in, wrdp_writer *w);
int wrdp_confirm_active_decode(wrdp_cursor *c, wrdp_confirm_active *out);
int wrdp_confirm_active_encode(const wrdp_confirm_active *in, wrdp_writer *w);
/* The same after shareId (the form of IronRDP's vectors, which keep shareId with the
 * Share Control Header): from lengthSourceDescriptor / originatorId on; shareId is
 * neither read nor written. */
int wrdp_demand_active_body_decode(wrdp_cursor *c, wrdp_demand_active *out);
int wrdp_demand_active_body_encode(const wrdp_demand_active *in, wrdp_writer *w);
int wrdp_confirm_active_body_decode(wrdp_cursor *c, wrdp_confirm_active *out);
int wrdp_confirm_active_body_encode(const wrdp_confirm_active *in, wrdp_writer *w);
/* With the Share Control Header. */
int wrdp_demand_active_pdu_decode(wrdp_cursor *c, wrdp_demand_active_pdu *out);
int wrdp_demand_active_pdu_encode(const wrdp_demand_active_pdu *in, wrdp_writer *w);
int wrdp_confirm_active_pdu_decode(wrdp_cursor *c, wrdp_confirm_active_pdu *out);
int wrdp_confirm_active_pdu_encode(const wrdp_confirm_active_pdu *in, wrdp_writer *w);

/* Finds the first set of a type in a list, or NULL. */
const wrdp_caps_set *wrdp_caps_find(const wrdp_caps_set *sets, size_t count, uint16_t capabilitySetType);

#ifdef __cplusplus
}
#endif
#endif
