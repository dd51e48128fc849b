/* The Bitmap Codecs capability set (MS-RDPBCGR 2.2.7.2.10) and the codec property
 * containers it carries: NSCodec (MS-RDPNSC 2.2.1) and RemoteFX (MS-RDPRFX 2.2.1.1). */
#include <string.h>

#include "webrdp/pdu.h"

const uint8_t WRDP_CODEC_GUID_NSCODEC[16] = {0xb9, 0x1b, 0x8d, 0xca, 0x0f, 0x00, 0x4f, 0x15,
                                             0x58, 0x9f, 0xae, 0x2d, 0x1a, 0x87, 0xe2, 0xd6};
const uint8_t WRDP_CODEC_GUID_REMOTEFX[16] = {0x12, 0x2f, 0x77, 0x76, 0x72, 0xbd, 0x63, 0x44,
                                              0xaf, 0xb3, 0xb7, 0x3c, 0x9c, 0x6f, 0x78, 0x86};
const uint8_t WRDP_CODEC_GUID_IMAGE_REMOTEFX[16] = {0xd4, 0xcc, 0x44, 0x27, 0x8a, 0x9d, 0x74, 0x4e,
                                                    0x80, 0x3c, 0x0e, 0xcb, 0xee, 0xa1, 0x9c, 0x54};
const uint8_t WRDP_CODEC_GUID_JPEG[16] = {0xed, 0x9e, 0x0c, 0x43, 0xaf, 0x1b, 0xe6, 0x4c,
                                          0x86, 0x9a, 0xcb, 0x8b, 0x37, 0xb6, 0x62, 0x37};
const uint8_t WRDP_CODEC_GUID_IGNORE[16] = {0xa6, 0x51, 0x43, 0x0c, 0x35, 0x35, 0xae, 0x42,
                                            0x91, 0x0c, 0xcd, 0xfc, 0xe5, 0x76, 0x0b, 0x58};

#define RFX_ICAP_LEN 8
#define RFX_CAPSET_HEADER_LEN 13 /* blockType, blockLen, codecId, capsetType, numIcaps, icapLen */
#define RFX_CAPS_HEADER_LEN 8    /* blockType, blockLen, numCapsets */
#define RFX_CONTAINER_HEADER_LEN 12

int wrdp_nscodec_capabilityset_decode(wrdp_cursor *c, wrdp_nscodec_capabilityset *out)
{
    out->fAllowDynamicFidelity = wrdp_rd_u8(c, "fAllowDynamicFidelity");
    out->fAllowSubsampling = wrdp_rd_u8(c, "fAllowSubsampling");
    out->colorLossLevel = wrdp_rd_u8(c, "colorLossLevel");
    return wrdp_cursor_status(c);
}

int wrdp_nscodec_capabilityset_encode(const wrdp_nscodec_capabilityset *in, wrdp_writer *w)
{
    wrdp_wr_u8(w, in->fAllowDynamicFidelity);
    wrdp_wr_u8(w, in->fAllowSubsampling);
    wrdp_wr_u8(w, in->colorLossLevel);
    return wrdp_writer_status(w);
}

int wrdp_rfx_icap_decode(wrdp_cursor *c, wrdp_rfx_icap *out)
{
    out->version = wrdp_rd_u16le(c, "version");
    out->tileSize = wrdp_rd_u16le(c, "tileSize");
    out->flags = wrdp_rd_u8(c, "flags");
    out->colConvBits = wrdp_rd_u8(c, "colConvBits");
    out->transformBits = wrdp_rd_u8(c, "transformBits");
    out->entropyBits = wrdp_rd_u8(c, "entropyBits");
    return wrdp_cursor_status(c);
}

int wrdp_rfx_icap_encode(const wrdp_rfx_icap *in, wrdp_writer *w)
{
    wrdp_wr_u16le(w, in->version);
    wrdp_wr_u16le(w, in->tileSize);
    wrdp_wr_u8(w, in->flags);
    wrdp_wr_u8(w, in->colConvBits);
    wrdp_wr_u8(w, in->transformBits);
    wrdp_wr_u8(w, in->entropyBits);
    return wrdp_writer_status(w);
}

int wrdp_rfx_capset_decode(wrdp_cursor *c, wrdp_rfx_capset *out)
{
    memset(out, 0, sizeof *out);
    out->blockType = wrdp_rd_u16le(c, "blockType");
    out->blockLen = wrdp_rd_u32le(c, "blockLen");
    out->codecId = wrdp_rd_u8(c, "codecId");
    out->capsetType = wrdp_rd_u16le(c, "capsetType");
    out->numIcaps = wrdp_rd_u16le(c, "numIcaps");
    out->icapLen = wrdp_rd_u16le(c, "icapLen");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->blockType != WRDP_CBY_CAPSET)
        return wrdp_cursor_fail(c, "blockType", "0x%04x is not CBY_CAPSET", out->blockType);
    if (out->icapLen != RFX_ICAP_LEN)
        return wrdp_cursor_fail(c, "icapLen", "%u, expected 8", out->icapLen);
    if (out->numIcaps > WRDP_RFX_ICAPS_MAX)
        return wrdp_cursor_fail(c, "numIcaps", "%u is over the maximum %d", out->numIcaps, WRDP_RFX_ICAPS_MAX);
    if (out->blockLen != RFX_CAPSET_HEADER_LEN + (uint32_t)out->numIcaps * RFX_ICAP_LEN)
        return wrdp_cursor_fail(c, "blockLen", "%u does not match %u ICAPs", (unsigned)out->blockLen,
                                out->numIcaps);
    for (uint16_t i = 0; i < out->numIcaps; i++)
        if (wrdp_rfx_icap_decode(c, &out->icapsData[i]))
            return WRDP_ERR;
    return wrdp_cursor_status(c);
}

int wrdp_rfx_capset_encode(const wrdp_rfx_capset *in, wrdp_writer *w)
{
    if (in->numIcaps > WRDP_RFX_ICAPS_MAX)
        return wrdp_writer_fail(w, "TS_RFX_CAPSET: numIcaps %u is over the maximum", in->numIcaps);
    wrdp_wr_u16le(w, WRDP_CBY_CAPSET);
    wrdp_wr_u32le(w, RFX_CAPSET_HEADER_LEN + (uint32_t)in->numIcaps * RFX_ICAP_LEN);
    wrdp_wr_u8(w, in->codecId);
    wrdp_wr_u16le(w, in->capsetType);
    wrdp_wr_u16le(w, in->numIcaps);
    wrdp_wr_u16le(w, RFX_ICAP_LEN);
    for (uint16_t i = 0; i < in->numIcaps; i++)
        wrdp_rfx_icap_encode(&in->icapsData[i], w);
    return wrdp_writer_status(w);
}

int wrdp_rfx_caps_decode(wrdp_cursor *c, wrdp_rfx_caps *out)
{
    memset(out, 0, sizeof *out);
    out->blockType = wrdp_rd_u16le(c, "blockType");
    out->blockLen = wrdp_rd_u32le(c, "blockLen");
    out->numCapsets = wrdp_rd_u16le(c, "numCapsets");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->blockType != WRDP_CBY_CAPS)
        return wrdp_cursor_fail(c, "blockType", "0x%04x is not CBY_CAPS", out->blockType);
    if (out->blockLen != RFX_CAPS_HEADER_LEN)
        return wrdp_cursor_fail(c, "blockLen", "%u, expected 8", (unsigned)out->blockLen);
    if (out->numCapsets > WRDP_RFX_CAPSETS_MAX)
        return wrdp_cursor_fail(c, "numCapsets", "%u is over the maximum %d", out->numCapsets,
                                WRDP_RFX_CAPSETS_MAX);
    for (uint16_t i = 0; i < out->numCapsets; i++)
        if (wrdp_rfx_capset_decode(c, &out->capsetsData[i]))
            return WRDP_ERR;
    return wrdp_cursor_status(c);
}

int wrdp_rfx_caps_encode(const wrdp_rfx_caps *in, wrdp_writer *w)
{
    if (in->numCapsets > WRDP_RFX_CAPSETS_MAX)
        return wrdp_writer_fail(w, "TS_RFX_CAPS: numCapsets %u is over the maximum", in->numCapsets);
    wrdp_wr_u16le(w, WRDP_CBY_CAPS);
    wrdp_wr_u32le(w, RFX_CAPS_HEADER_LEN);
    wrdp_wr_u16le(w, in->numCapsets);
    for (uint16_t i = 0; i < in->numCapsets; i++)
        if (wrdp_rfx_capset_encode(&in->capsetsData[i], w))
            return WRDP_ERR;
    return wrdp_writer_status(w);
}

int wrdp_rfx_clnt_caps_container_decode(wrdp_cursor *c, wrdp_rfx_clnt_caps_container *out)
{
    memset(out, 0, sizeof *out);
    out->length = wrdp_rd_u32le(c, "length");
    out->captureFlags = wrdp_rd_u32le(c, "captureFlags");
    out->capsLength = wrdp_rd_u32le(c, "capsLength");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->length != (uint64_t)out->capsLength + RFX_CONTAINER_HEADER_LEN)
        return wrdp_cursor_fail(c, "length", "%u does not match capsLength %u", (unsigned)out->length,
                                (unsigned)out->capsLength);
    wrdp_cursor caps;
    if (wrdp_cursor_sub(c, out->capsLength, &caps, "capsData"))
        return WRDP_ERR;
    if (wrdp_rfx_caps_decode(&caps, &out->capsData) || wrdp_cursor_expect_end(&caps))
        return WRDP_ERR;
    return wrdp_cursor_status(c);
}

int wrdp_rfx_clnt_caps_container_encode(const wrdp_rfx_clnt_caps_container *in, wrdp_writer *w)
{
    size_t start = w->len;
    wrdp_wr_u32le(w, 0);
    wrdp_wr_u32le(w, in->captureFlags);
    wrdp_wr_u32le(w, 0);
    if (wrdp_rfx_caps_encode(&in->capsData, w))
        return WRDP_ERR;
    size_t len = w->len - start;
    wrdp_wr_put_u32le_at(w, start, (uint32_t)len);
    wrdp_wr_put_u32le_at(w, start + 8, (uint32_t)(len - RFX_CONTAINER_HEADER_LEN));
    return wrdp_writer_status(w);
}

static bool is_rfx(const uint8_t *guid)
{
    return memcmp(guid, WRDP_CODEC_GUID_REMOTEFX, 16) == 0 || memcmp(guid, WRDP_CODEC_GUID_IMAGE_REMOTEFX, 16) == 0;
}

/* Parses the properties in a cursor of their own, so a container that does not parse
 * leaves the codec raw instead of failing the whole capability set. */
static void decode_properties(wrdp_bitmap_codec *out)
{
    wrdp_bytes p = out->codecProperties;
    wrdp_cursor c;
    wrdp_cursor_init(&c, p.data, p.len, "codecProperties", NULL);
    if (memcmp(out->codecGUID, WRDP_CODEC_GUID_NSCODEC, 16) == 0 && p.len == 3) {
        if (wrdp_nscodec_capabilityset_decode(&c, &out->nscodec) == WRDP_OK)
            out->form = WRDP_CODEC_PROPERTIES_NSCODEC;
    } else if (is_rfx(out->codecGUID) && p.len == 4) {
        out->rfxServerReserved = wrdp_rd_u32le(&c, "reserved");
        out->form = WRDP_CODEC_PROPERTIES_RFX_SERVER;
    } else if (is_rfx(out->codecGUID)) {
        if (wrdp_rfx_clnt_caps_container_decode(&c, &out->rfxClient) == WRDP_OK && wrdp_cursor_expect_end(&c) == WRDP_OK)
            out->form = WRDP_CODEC_PROPERTIES_RFX_CLIENT;
        else
            memset(&out->rfxClient, 0, sizeof out->rfxClient);
    }
}

int wrdp_bitmap_codec_decode(wrdp_cursor *c, wrdp_bitmap_codec *out)
{
    memset(out, 0, sizeof *out);
    wrdp_rd_copy(c, out->codecGUID, 16, "codecGUID");
    out->codecID = wrdp_rd_u8(c, "codecID");
    out->codecPropertiesLength = wrdp_rd_u16le(c, "codecPropertiesLength");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (wrdp_rd_bytes(c, out->codecPropertiesLength, &out->codecProperties, "codecProperties"))
        return WRDP_ERR;
    decode_properties(out);
    return WRDP_OK;
}

int wrdp_bitmap_codec_encode(const wrdp_bitmap_codec *in, wrdp_writer *w)
{
    wrdp_wr_bytes(w, in->codecGUID, 16);
    wrdp_wr_u8(w, in->codecID);
    size_t at = w->len;
    wrdp_wr_u16le(w, 0);
    switch (in->form) {
    case WRDP_CODEC_PROPERTIES_NSCODEC: wrdp_nscodec_capabilityset_encode(&in->nscodec, w); break;
    case WRDP_CODEC_PROPERTIES_RFX_CLIENT: wrdp_rfx_clnt_caps_container_encode(&in->rfxClient, w); break;
    case WRDP_CODEC_PROPERTIES_RFX_SERVER: wrdp_wr_u32le(w, in->rfxServerReserved); break;
    case WRDP_CODEC_PROPERTIES_RAW:
    default:
        if (in->codecProperties.len)
            wrdp_wr_bytes(w, in->codecProperties.data, in->codecProperties.len);
        break;
    }
    if (wrdp_writer_status(w))
        return WRDP_ERR;
    size_t len = w->len - at - 2;
    if (len > UINT16_MAX)
        return wrdp_writer_fail(w, "TS_BITMAPCODEC: %zu property bytes do not fit codecPropertiesLength", len);
    wrdp_wr_put_u16le_at(w, at, (uint16_t)len);
    return wrdp_writer_status(w);
}

int wrdp_caps_bitmap_codecs_decode(wrdp_cursor *c, wrdp_caps_bitmap_codecs *out)
{
    memset(out, 0, sizeof *out);
    out->bitmapCodecCount = wrdp_rd_u8(c, "bitmapCodecCount");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->bitmapCodecCount > WRDP_BITMAP_CODECS_MAX)
        return wrdp_cursor_fail(c, "bitmapCodecCount", "%u is over the maximum %d", out->bitmapCodecCount,
                                WRDP_BITMAP_CODECS_MAX);
    for (uint8_t i = 0; i < out->bitmapCodecCount; i++)
        if (wrdp_bitmap_codec_decode(c, &out->bitmapCodecArray[i]))
            return WRDP_ERR;
    return wrdp_cursor_status(c);
}

int wrdp_caps_bitmap_codecs_encode(const wrdp_caps_bitmap_codecs *in, wrdp_writer *w)
{
    if (in->bitmapCodecCount > WRDP_BITMAP_CODECS_MAX)
        return wrdp_writer_fail(w, "Bitmap Codecs: bitmapCodecCount %u is over the maximum", in->bitmapCodecCount);
    wrdp_wr_u8(w, in->bitmapCodecCount);
    for (uint8_t i = 0; i < in->bitmapCodecCount; i++)
        if (wrdp_bitmap_codec_encode(&in->bitmapCodecArray[i], w))
            return WRDP_ERR;
    return wrdp_writer_status(w);
}
