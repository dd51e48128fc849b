/* Capabilities exchange (MS-RDPBCGR 1.3.1.1, 2.2.1.13): the server's Demand Active
 * (share id, its capability sets, the desktop it settled on) and the client's Confirm
 * Active, built from the configuration: no drawing orders (bitmaps and surface
 * commands only), fast-path output and input, large pointers, and the bitmap codecs
 * the caller asked for. The client's finalization PDUs follow at once. */
#include <string.h>

#include "connector_internal.h"

#define ORDER_FLAGS_NEGOTIATEORDERSUPPORT 0x0002
#define ORDER_FLAGS_ZEROBOUNDSDELTASSUPPORT 0x0008
#define DRAW_ALLOW_SKIP_ALPHA 0x08
#define INPUT_FLAG_MOUSE_HWHEEL 0x0100
#define SOUND_BEEPS_FLAG 0x0001
#define FONTSUPPORT_FONTLIST 0x0001
#define CONTROLPRIORITY_NEVER 0x0002
#define LARGE_POINTER_FLAG_96x96 0x0001
#define LARGE_POINTER_FLAG_384x384 0x0002
#define VCCAPS_NO_COMPR 0x00000000
#define VCCAPS_COMPR_SC 0x00000001
#define CODEC_ID_NSCODEC 1
#define CODEC_ID_REMOTEFX 3
#define SOURCE_DESCRIPTOR "MSTSC"

static wrdp_caps_set *add(wrdp_confirm_active *ca, uint16_t type)
{
    wrdp_caps_set *s = &ca->capabilitySets[ca->numberCapabilities++];
    memset(s, 0, sizeof *s);
    s->capabilitySetType = type;
    return s;
}

static void add_codecs(const wrdp_connector *c, wrdp_confirm_active *ca)
{
    wrdp_caps_bitmap_codecs *bc = &add(ca, WRDP_CAPSETTYPE_BITMAP_CODECS)->u.bitmap_codecs;
    if (c->cfg.bitmap_codecs & WRDP_CODEC_NSCODEC) {
        wrdp_bitmap_codec *k = &bc->bitmapCodecArray[bc->bitmapCodecCount++];
        memcpy(k->codecGUID, WRDP_CODEC_GUID_NSCODEC, 16);
        k->codecID = CODEC_ID_NSCODEC;
        k->form = WRDP_CODEC_PROPERTIES_NSCODEC;
        k->nscodec.fAllowDynamicFidelity = 1;
        k->nscodec.fAllowSubsampling = 1;
        k->nscodec.colorLossLevel = 3;
    }
    if (c->cfg.bitmap_codecs & WRDP_CODEC_REMOTEFX) {
        wrdp_bitmap_codec *k = &bc->bitmapCodecArray[bc->bitmapCodecCount++];
        memcpy(k->codecGUID, WRDP_CODEC_GUID_REMOTEFX, 16);
        k->codecID = CODEC_ID_REMOTEFX;
        k->form = WRDP_CODEC_PROPERTIES_RFX_CLIENT;
        wrdp_rfx_clnt_caps_container *rc = &k->rfxClient;
        rc->captureFlags = WRDP_CARDP_CAPS_CAPTURE_NON_CAC;
        rc->capsData.blockType = WRDP_CBY_CAPS;
        rc->capsData.blockLen = 8;
        rc->capsData.numCapsets = 1;
        wrdp_rfx_capset *cs = &rc->capsData.capsetsData[0];
        cs->blockType = WRDP_CBY_CAPSET;
        cs->codecId = 1;
        cs->capsetType = WRDP_CLY_CAPSET;
        cs->numIcaps = 2;
        cs->icapLen = 8;
        for (int i = 0; i < 2; i++) {
            wrdp_rfx_icap *ic = &cs->icapsData[i];
            ic->version = WRDP_CLW_VERSION_1_0;
            ic->tileSize = WRDP_CT_TILE_64x64;
            ic->colConvBits = WRDP_CLW_COL_CONV_ICT;
            ic->transformBits = WRDP_CLW_XFORM_DWT_53_A;
            ic->entropyBits = i == 0 ? WRDP_CLW_ENTROPY_RLGR1 : WRDP_CLW_ENTROPY_RLGR3;
        }
    }
}

static void confirm_active(const wrdp_connector *c, wrdp_confirm_active_pdu *pdu)
{
    const wrdp_connector_config *cfg = &c->cfg;
    pdu->shareControlHeader.pduType = WRDP_PDUTYPE_CONFIRMACTIVEPDU | WRDP_TS_PROTOCOL_VERSION;
    pdu->shareControlHeader.pduSource = c->result.user_channel_id;
    wrdp_confirm_active *ca = &pdu->confirmActive;
    ca->shareId = c->result.share_id;
    ca->originatorId = c->result.server_channel_id;
    ca->sourceDescriptor.data = (const uint8_t *)SOURCE_DESCRIPTOR;
    ca->sourceDescriptor.len = sizeof SOURCE_DESCRIPTOR - 1;

    wrdp_caps_general *g = &add(ca, WRDP_CAPSTYPE_GENERAL)->u.general;
    g->osMajorType = WRDP_TS_OSMAJORTYPE_WINDOWS;
    g->osMinorType = WRDP_TS_OSMINORTYPE_WINDOWS_NT;
    g->protocolVersion = WRDP_TS_CAPS_PROTOCOLVERSION;
    g->extraFlags = WRDP_FASTPATH_OUTPUT_SUPPORTED | WRDP_NO_BITMAP_COMPRESSION_HDR | WRDP_LONG_CREDENTIALS_SUPPORTED |
                    WRDP_AUTORECONNECT_SUPPORTED | WRDP_ENC_SALTED_CHECKSUM;
    g->refreshRectSupport = 1;
    g->suppressOutputSupport = 1;
    g->refreshRectSupportPresent = g->suppressOutputSupportPresent = true;

    wrdp_caps_bitmap *b = &add(ca, WRDP_CAPSTYPE_BITMAP)->u.bitmap;
    b->preferredBitsPerPixel = c->result.color_depth;
    b->receive1BitPerPixel = b->receive4BitsPerPixel = b->receive8BitsPerPixel = 1;
    b->desktopWidth = c->result.desktop_width;
    b->desktopHeight = c->result.desktop_height;
    b->desktopResizeFlag = 1;
    b->bitmapCompressionFlag = 1;
    b->drawingFlags = DRAW_ALLOW_SKIP_ALPHA;
    b->multipleRectangleSupport = 1;

    /* no drawing orders: every order support byte stays zero */
    wrdp_caps_order *o = &add(ca, WRDP_CAPSTYPE_ORDER)->u.order;
    o->desktopSaveXGranularity = 1;
    o->desktopSaveYGranularity = 20;
    o->maximumOrderLevel = 1;
    o->orderFlags = ORDER_FLAGS_NEGOTIATEORDERSUPPORT | ORDER_FLAGS_ZEROBOUNDSDELTASSUPPORT;

    add(ca, WRDP_CAPSTYPE_BITMAPCACHE_REV2); /* no caches */

    wrdp_caps_pointer *p = &add(ca, WRDP_CAPSTYPE_POINTER)->u.pointer;
    p->colorPointerFlag = 1;
    p->colorPointerCacheSize = 32;
    p->pointerCacheSize = 32;
    p->pointerCacheSizePresent = true;

    wrdp_caps_input *in = &add(ca, WRDP_CAPSTYPE_INPUT)->u.input;
    in->inputFlags = WRDP_INPUT_FLAG_SCANCODES | WRDP_INPUT_FLAG_MOUSEX | WRDP_INPUT_FLAG_FASTPATH_INPUT |
                     WRDP_INPUT_FLAG_UNICODE | WRDP_INPUT_FLAG_FASTPATH_INPUT2 | INPUT_FLAG_MOUSE_HWHEEL;
    in->keyboardLayout = cfg->keyboard_layout;
    in->keyboardType = cfg->keyboard_type;
    in->keyboardSubType = cfg->keyboard_subtype;
    in->keyboardFunctionKey = cfg->keyboard_function_keys;

    add(ca, WRDP_CAPSTYPE_BRUSH);      /* BRUSH_DEFAULT */
    add(ca, WRDP_CAPSTYPE_GLYPHCACHE); /* GLYPH_SUPPORT_NONE */
    add(ca, WRDP_CAPSTYPE_OFFSCREENCACHE);

    wrdp_caps_virtualchannel *vc = &add(ca, WRDP_CAPSTYPE_VIRTUALCHANNEL)->u.virtualchannel;
    vc->flags = cfg->compression != WRDP_COMPRESSION_NONE ? VCCAPS_COMPR_SC : VCCAPS_NO_COMPR;
    vc->VCChunkSize = WRDP_CHANNEL_CHUNK_LENGTH;
    vc->VCChunkSizePresent = true;

    add(ca, WRDP_CAPSTYPE_SOUND)->u.sound.soundFlags = SOUND_BEEPS_FLAG;
    add(ca, WRDP_CAPSTYPE_SHARE);
    wrdp_caps_font *f = &add(ca, WRDP_CAPSTYPE_FONT)->u.font;
    f->fontSupportFlags = FONTSUPPORT_FONTLIST;
    f->fontSupportFlagsPresent = f->pad2octetsPresent = true;
    wrdp_caps_control *ctl = &add(ca, WRDP_CAPSTYPE_CONTROL)->u.control;
    ctl->controlInterest = ctl->detachInterest = CONTROLPRIORITY_NEVER;
    add(ca, WRDP_CAPSTYPE_ACTIVATION);
    add(ca, WRDP_CAPSTYPE_COLORCACHE)->u.colorcache.colorTableCacheSize = 6;

    add(ca, WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE)->u.multifragmentupdate.MaxRequestSize =
        (cfg->bitmap_codecs & WRDP_CODEC_REMOTEFX) ? 0x3F0000 : 0xFFFF;
    add(ca, WRDP_CAPSETTYPE_LARGE_POINTER)->u.large_pointer.largePointerSupportFlags =
        LARGE_POINTER_FLAG_96x96 | LARGE_POINTER_FLAG_384x384;
    add(ca, WRDP_CAPSETTYPE_SURFACE_COMMANDS)->u.surface_commands.cmdFlags =
        WRDP_SURFCMDS_SETSURFACEBITS | WRDP_SURFCMDS_FRAMEMARKER | WRDP_SURFCMDS_STREAMSURFACEBITS;
    if (cfg->bitmap_codecs) {
        add_codecs(c, ca);
        /* codec frames are acknowledged by the session (MS-RDPRFX 2.2.2.3.1) */
        add(ca, WRDP_CAPSSETTYPE_FRAME_ACKNOWLEDGE)->u.frame_acknowledge.maxUnacknowledgedFrameCount = 2;
    }
}

/* Keeps the server's capability sets as they came, for the session. */
static int keep_server_caps(wrdp_connector *c, const wrdp_demand_active_pdu *da, wrdp_bytes pdu)
{
    /* share control header, shareId, two lengths, the descriptor, count and pad */
    size_t off = 6 + 4 + 2 + 2 + (size_t)da->demandActive.lengthSourceDescriptor + 4;
    size_t n = da->demandActive.lengthCombinedCapabilities;
    if (n < 4 || off > pdu.len || n - 4 > pdu.len - off)
        return wrdp_conn_fail(c, WRDP_ERROR_DECODE, "Demand Active: lengthCombinedCapabilities %zu", n);
    n -= 4;
    uint8_t *copy = wrdp_alloc(n ? n : 1);
    if (!copy)
        return wrdp_conn_fail(c, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
    if (n)
        memcpy(copy, pdu.data + off, n);
    wrdp_free(c->server_caps);
    c->server_caps = copy;
    c->result.server_capabilities.data = copy;
    c->result.server_capabilities.len = n;
    c->result.server_capability_count = da->demandActive.numberCapabilities;
    return WRDP_OK;
}

static int share_data(wrdp_connector *c, wrdp_share_data_headers *h, uint8_t type2, size_t payload)
{
    h->shareControlHeader.pduType = WRDP_PDUTYPE_DATAPDU | WRDP_TS_PROTOCOL_VERSION;
    h->shareControlHeader.pduSource = c->result.user_channel_id;
    h->shareDataHeader.shareId = c->result.share_id;
    h->shareDataHeader.streamId = WRDP_STREAM_LOW;
    h->shareDataHeader.uncompressedLength = (uint16_t)payload; /* as mstsc counts it */
    h->shareDataHeader.pduType2 = type2;
    return WRDP_OK;
}

static int send_body(wrdp_connector *c, int encode_status, const char *what, wrdp_writer *out)
{
    if (encode_status)
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "%s: %s", what, c->err.message);
    return wrdp_conn_send(c, c->result.io_channel_id, 0, true, out);
}

/* Synchronize, Control Cooperate, Control Request Control, Font List (2.2.1.14 - 2.2.1.18). */
static int client_finalization(wrdp_connector *c, wrdp_writer *out)
{
    wrdp_synchronize_pdu sync;
    memset(&sync, 0, sizeof sync);
    share_data(c, &sync.hdr, WRDP_PDUTYPE2_SYNCHRONIZE, 4);
    sync.messageType = WRDP_SYNCMSGTYPE_SYNC;
    sync.targetUser = c->result.server_channel_id;
    if (send_body(c, wrdp_synchronize_pdu_encode(&sync, wrdp_conn_body(c)), "Synchronize PDU", out))
        return WRDP_ERR;
    static const uint16_t actions[] = {WRDP_CTRLACTION_COOPERATE, WRDP_CTRLACTION_REQUEST_CONTROL};
    for (size_t i = 0; i < 2; i++) {
        wrdp_control_pdu ctl;
        memset(&ctl, 0, sizeof ctl);
        share_data(c, &ctl.hdr, WRDP_PDUTYPE2_CONTROL, 8);
        ctl.action = actions[i];
        if (send_body(c, wrdp_control_pdu_encode(&ctl, wrdp_conn_body(c)), "Control PDU", out))
            return WRDP_ERR;
    }
    wrdp_font_list_pdu fl;
    memset(&fl, 0, sizeof fl);
    share_data(c, &fl.hdr, WRDP_PDUTYPE2_FONTLIST, 8);
    fl.listFlags = WRDP_FONTLIST_FIRST | WRDP_FONTLIST_LAST;
    fl.entrySize = 50;
    return send_body(c, wrdp_font_list_pdu_encode(&fl, wrdp_conn_body(c)), "Font List PDU", out);
}

int wrdp_conn_demand_active(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    if (c->state != WRDP_CONNECTOR_CAPABILITIES_EXCHANGE)
        wrdp_conn_enter(c, WRDP_CONNECTOR_CAPABILITIES_EXCHANGE);
    c->licensing_done = true; /* a server that skips licensing goes straight here */
    wrdp_demand_active_pdu *da = wrdp_calloc(1, sizeof *da);
    wrdp_confirm_active_pdu *ca = wrdp_calloc(1, sizeof *ca);
    int r = WRDP_ERR;
    if (!da || !ca) {
        r = wrdp_conn_fail(c, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
        goto done;
    }
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, in->data.data, in->data.len, "Demand Active PDU", &c->err);
    if (wrdp_demand_active_pdu_decode(&cur, da)) {
        r = wrdp_conn_fail_err(c);
        goto done;
    }
    if (keep_server_caps(c, da, in->data))
        goto done;
    c->result.share_id = da->demandActive.shareId;
    c->result.server_channel_id = da->shareControlHeader.pduSource;
    c->result.desktop_width = c->cfg.desktop_width;
    c->result.desktop_height = c->cfg.desktop_height;
    c->result.color_depth = c->cfg.color_depth;
    const wrdp_caps_set *bm =
        wrdp_caps_find(da->demandActive.capabilitySets, da->demandActive.numberCapabilities, WRDP_CAPSTYPE_BITMAP);
    if (bm) {
        /* the server has the last word on the desktop (it may refuse a size or a depth) */
        if (bm->u.bitmap.desktopWidth && bm->u.bitmap.desktopHeight) {
            c->result.desktop_width = bm->u.bitmap.desktopWidth;
            c->result.desktop_height = bm->u.bitmap.desktopHeight;
        }
        if (bm->u.bitmap.preferredBitsPerPixel)
            c->result.color_depth = bm->u.bitmap.preferredBitsPerPixel;
    }
    confirm_active(c, ca);
    if (send_body(c, wrdp_confirm_active_pdu_encode(ca, wrdp_conn_body(c)), "Confirm Active PDU", out) ||
        client_finalization(c, out))
        goto done;
    c->fin_received = 0;
    wrdp_conn_enter(c, WRDP_CONNECTOR_CONNECTION_FINALIZATION);
    r = WRDP_OK;
done:
    wrdp_free(da);
    wrdp_free(ca);
    return r;
}
