/* The graphics updates of the active session: bitmap updates (MS-RDPBCGR
 * 2.2.9.1.1.3.1.2), palette updates (2.2.9.1.1.3.1.1), surface commands
 * (2.2.9.1.2.1.10: set/stream surface bits, frame markers and their Frame
 * Acknowledge, MS-RDPRFX 2.2.3.1) and pointer updates (2.2.9.1.1.4). Every write
 * into the image is clipped to the destination rectangle and to the image. */
#include "session_internal.h"

#define BITMAP_COMPRESSION 0x0001
#define NO_BITMAP_COMPRESSION_HDR 0x0400
#define CMDTYPE_SET_SURFACE_BITS 0x0001
#define CMDTYPE_FRAME_MARKER 0x0004
#define CMDTYPE_STREAM_SURFACE_BITS 0x0006
#define SURFACECMD_FRAMEACTION_END 0x0001
#define EX_COMPRESSED_BITMAP_HEADER_PRESENT 0x01
#define CODEC_ID_NONE 0
#define CODEC_ID_NSCODEC 1
#define CODEC_ID_REMOTEFX 3

/* A view of the image limited to [left, right) x [top, bottom), so that a codec
 * writing a whole bitmap at (0, 0) stays inside the rectangle the server named.
 * False when nothing of it is on the image. */
static bool view_of(const wrdp_session *s, int32_t left, int32_t top, int32_t right, int32_t bottom, wrdp_image *v)
{
    if (left < 0)
        left = 0;
    if (top < 0)
        top = 0;
    if (right > (int32_t)s->image.width)
        right = (int32_t)s->image.width;
    if (bottom > (int32_t)s->image.height)
        bottom = (int32_t)s->image.height;
    if (right <= left || bottom <= top)
        return false;
    v->data = s->image.data + (size_t)top * s->image.stride + (size_t)left * 4;
    v->width = (uint32_t)(right - left);
    v->height = (uint32_t)(bottom - top);
    v->stride = s->image.stride;
    return true;
}

/* ---- bitmap update ------------------------------------------------------------------ */

static int bitmap_rect(wrdp_session *s, wrdp_cursor *c)
{
    uint16_t left = wrdp_rd_u16le(c, "destLeft");
    uint16_t top = wrdp_rd_u16le(c, "destTop");
    uint16_t right = wrdp_rd_u16le(c, "destRight");
    uint16_t bottom = wrdp_rd_u16le(c, "destBottom");
    uint16_t width = wrdp_rd_u16le(c, "width");
    uint16_t height = wrdp_rd_u16le(c, "height");
    uint16_t bpp = wrdp_rd_u16le(c, "bitsPerPixel");
    uint16_t flags = wrdp_rd_u16le(c, "flags");
    uint16_t length = wrdp_rd_u16le(c, "bitmapLength");
    wrdp_bytes data;
    if (wrdp_rd_bytes(c, length, &data, "bitmapDataStream"))
        return wrdp_sess_fail_err(s);
    if (bpp != 8 && bpp != 15 && bpp != 16 && bpp != 24 && bpp != 32)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "bitmap update: %u bits per pixel", bpp);
    bool compressed = (flags & BITMAP_COMPRESSION) != 0;
    if (compressed && !(flags & NO_BITMAP_COMPRESSION_HDR)) {
        /* TS_CD_HEADER: the main body size says how much of the rest is the bitmap */
        wrdp_cursor h;
        wrdp_cursor_init(&h, data.data, data.len, "TS_CD_HEADER", &s->err);
        wrdp_rd_u16le(&h, "cbCompFirstRowSize");
        uint16_t body = wrdp_rd_u16le(&h, "cbCompMainBodySize");
        wrdp_rd_u16le(&h, "cbScanWidth");
        wrdp_rd_u16le(&h, "cbUncompressedSize");
        if (!wrdp_cursor_ok(&h))
            return wrdp_sess_fail_err(s);
        if (body > wrdp_cursor_remaining(&h))
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "bitmap update: cbCompMainBodySize %u in %zu bytes", body,
                                  wrdp_cursor_remaining(&h));
        data.data += 8;
        data.len = body;
    }
    if (right < left || bottom < top)
        return WRDP_OK; /* an empty rectangle */
    wrdp_image view;
    if (!view_of(s, left, top, (int32_t)right + 1, (int32_t)bottom + 1, &view))
        return WRDP_OK;
    wrdp_codec_input in;
    memset(&in, 0, sizeof in);
    in.data = data.data;
    in.len = data.len;
    in.width = width;
    in.height = height;
    in.bpp = (uint8_t)bpp;
    in.flags = 0; /* bottom-up rows */
    in.palette = s->palette;
    int codec = !compressed ? WRDP_SESS_CODEC_RAW : bpp == 32 ? WRDP_SESS_CODEC_PLANAR : WRDP_SESS_CODEC_INTERLEAVED;
    wrdp_image saved = s->image;
    /* the codecs write into the view; damage is reported in image coordinates */
    s->image = view;
    int r = wrdp_sess_decode_bitmap(s, codec, &in, 0, 0);
    s->image = saved;
    if (r)
        return WRDP_ERR;
    wrdp_sess_damage(s, left, top, (int32_t)left + (int32_t)view.width, (int32_t)top + (int32_t)view.height);
    return WRDP_OK;
}

int wrdp_sess_bitmap_update(wrdp_session *s, const uint8_t *data, size_t len)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "bitmap update", &s->err);
    uint16_t type = wrdp_rd_u16le(&c, "updateType");
    uint16_t count = wrdp_rd_u16le(&c, "numberRectangles");
    if (!wrdp_cursor_ok(&c))
        return wrdp_sess_fail_err(s);
    if (type != 1)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "bitmap update: updateType %u", type);
    for (uint16_t i = 0; i < count; i++)
        if (bitmap_rect(s, &c))
            return WRDP_ERR;
    return WRDP_OK;
}

/* ---- palette -------------------------------------------------------------------------- */

int wrdp_sess_palette_update(wrdp_session *s, const uint8_t *data, size_t len)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "palette update", &s->err);
    uint16_t type = wrdp_rd_u16le(&c, "updateType");
    wrdp_rd_u16le(&c, "pad2Octets");
    uint32_t n = wrdp_rd_u32le(&c, "numberColors");
    if (!wrdp_cursor_ok(&c))
        return wrdp_sess_fail_err(s);
    if (type != 2 || n > 256)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "palette update: updateType %u, %u colours", type, (unsigned)n);
    uint8_t pal[256 * 3];
    if (wrdp_rd_copy(&c, pal, (size_t)n * 3, "paletteEntries"))
        return wrdp_sess_fail_err(s);
    memcpy(s->palette, pal, (size_t)n * 3);
    return WRDP_OK;
}

/* ---- surface commands ----------------------------------------------------------------------- */

static int frame_acknowledge(wrdp_session *s, uint32_t frame_id, wrdp_writer *out)
{
    uint8_t id[4] = {(uint8_t)frame_id, (uint8_t)(frame_id >> 8), (uint8_t)(frame_id >> 16),
                     (uint8_t)(frame_id >> 24)};
    return wrdp_sess_send_share_data(s, WRDP_PDUTYPE2_FRAME_ACKNOWLEDGE, id, 4, out);
}

static int surface_bits(wrdp_session *s, wrdp_cursor *c)
{
    uint16_t left = wrdp_rd_u16le(c, "destLeft");
    uint16_t top = wrdp_rd_u16le(c, "destTop");
    uint16_t right = wrdp_rd_u16le(c, "destRight");
    uint16_t bottom = wrdp_rd_u16le(c, "destBottom");
    uint8_t bpp = wrdp_rd_u8(c, "bpp");
    uint8_t flags = wrdp_rd_u8(c, "flags");
    wrdp_rd_u8(c, "reserved");
    uint8_t codec = wrdp_rd_u8(c, "codecID");
    uint16_t width = wrdp_rd_u16le(c, "width");
    uint16_t height = wrdp_rd_u16le(c, "height");
    uint32_t length = wrdp_rd_u32le(c, "bitmapDataLength");
    if (flags & EX_COMPRESSED_BITMAP_HEADER_PRESENT)
        wrdp_rd_skip(c, 24, "exBitmapDataHeader");
    wrdp_bytes data;
    if (!wrdp_cursor_ok(c) || wrdp_rd_bytes(c, length, &data, "bitmapData"))
        return wrdp_sess_fail_err(s);
    /* destRight/destBottom are exclusive here; RemoteFX tiles carry their own
     * positions relative to (destLeft, destTop) and are clipped to the image */
    if (codec == CODEC_ID_REMOTEFX)
        return wrdp_sess_decode_rfx(s, data.data, data.len, left, top);
    wrdp_image view;
    if (right <= left || bottom <= top || !view_of(s, left, top, right, bottom, &view))
        return WRDP_OK;
    wrdp_codec_input in;
    memset(&in, 0, sizeof in);
    in.data = data.data;
    in.len = data.len;
    in.width = width;
    in.height = height;
    in.bpp = bpp;
    wrdp_image saved = s->image;
    s->image = view;
    int r;
    if (codec == CODEC_ID_NONE) {
        if (bpp != 32) {
            s->image = saved;
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "surface bits: uncompressed at %u bpp", bpp);
        }
        in.flags = WRDP_SESS_TOP_DOWN;
        r = wrdp_sess_decode_bitmap(s, WRDP_SESS_CODEC_RAW, &in, 0, 0);
    } else if (codec == CODEC_ID_NSCODEC) {
        r = wrdp_sess_decode_nsc(s, &in, 0, 0);
    } else {
        s->image = saved;
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "surface bits: codec id %u was not negotiated", codec);
    }
    s->image = saved;
    if (r)
        return WRDP_ERR;
    wrdp_sess_damage(s, left, top, (int32_t)left + (int32_t)view.width, (int32_t)top + (int32_t)view.height);
    return WRDP_OK;
}

int wrdp_sess_surface_commands(wrdp_session *s, const uint8_t *data, size_t len, wrdp_writer *out)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "surface command", &s->err);
    while (wrdp_cursor_remaining(&c)) {
        uint16_t type = wrdp_rd_u16le(&c, "cmdType");
        if (!wrdp_cursor_ok(&c))
            return wrdp_sess_fail_err(s);
        switch (type) {
        case CMDTYPE_SET_SURFACE_BITS:
        case CMDTYPE_STREAM_SURFACE_BITS:
            if (surface_bits(s, &c))
                return WRDP_ERR;
            break;
        case CMDTYPE_FRAME_MARKER: {
            uint16_t action = wrdp_rd_u16le(&c, "frameAction");
            uint32_t id = wrdp_rd_u32le(&c, "frameId");
            if (!wrdp_cursor_ok(&c))
                return wrdp_sess_fail_err(s);
            if (action == SURFACECMD_FRAMEACTION_END && s->frame_ack && s->cfg.acknowledge_frames &&
                frame_acknowledge(s, id, out))
                return WRDP_ERR;
            break;
        }
        default:
            /* a command of unknown length: the rest cannot be read */
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "surface command: cmdType 0x%04x", type);
        }
    }
    return WRDP_OK;
}

/* ---- pointers ------------------------------------------------------------------------------- */

static int set_current(wrdp_session *s, const wrdp_pointer *p)
{
    wrdp_pointer_clear(&s->pointer);
    if (p->data) {
        size_t n = (size_t)p->width * p->height * 4;
        s->pointer.data = wrdp_alloc(n);
        if (!s->pointer.data)
            return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
        memcpy(s->pointer.data, p->data, n);
    }
    s->pointer.width = p->width;
    s->pointer.height = p->height;
    s->pointer.hotspot_x = p->hotspot_x;
    s->pointer.hotspot_y = p->hotspot_y;
    wrdp_session_event *ev = wrdp_sess_push(s, p->data ? WRDP_SESSION_EVENT_POINTER_BITMAP
                                                          : WRDP_SESSION_EVENT_POINTER_HIDDEN);
    if (ev)
        ev->pointer = &s->pointer;
    return WRDP_OK;
}

static int new_pointer(wrdp_session *s, int kind, const uint8_t *data, size_t len)
{
    wrdp_pointer p;
    uint16_t index = 0;
    if (wrdp_pointer_decode(kind, data, len, s->palette, s->cfg.pointer_style, &p, &index, &s->err))
        return wrdp_sess_fail_err(s);
    if (index >= s->ptr_cache_size) {
        wrdp_pointer_clear(&p);
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "pointer: cache index %u of a %zu-entry cache", index,
                              s->ptr_cache_size);
    }
    wrdp_pointer_clear(&s->ptr_cache[index]);
    s->ptr_cache[index] = p;
    return set_current(s, &p);
}

int wrdp_sess_pointer_update(wrdp_session *s, int fp_code, const uint8_t *data, size_t len)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "pointer update", &s->err);
    switch (fp_code) {
    case WRDP_FASTPATH_UPDATETYPE_PTR_NULL: {
        wrdp_pointer_clear(&s->pointer);
        wrdp_sess_push(s, WRDP_SESSION_EVENT_POINTER_HIDDEN);
        return WRDP_OK;
    }
    case WRDP_FASTPATH_UPDATETYPE_PTR_DEFAULT:
        wrdp_pointer_clear(&s->pointer);
        wrdp_sess_push(s, WRDP_SESSION_EVENT_POINTER_DEFAULT);
        return WRDP_OK;
    case WRDP_FASTPATH_UPDATETYPE_PTR_POSITION: {
        uint16_t x = wrdp_rd_u16le(&c, "xPos");
        uint16_t y = wrdp_rd_u16le(&c, "yPos");
        if (!wrdp_cursor_ok(&c))
            return wrdp_sess_fail_err(s);
        wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_POINTER_POSITION);
        if (ev) {
            ev->x = x;
            ev->y = y;
        }
        return WRDP_OK;
    }
    case WRDP_FASTPATH_UPDATETYPE_COLOR:
        return new_pointer(s, WRDP_POINTER_KIND_COLOR, data, len);
    case WRDP_FASTPATH_UPDATETYPE_POINTER:
        return new_pointer(s, WRDP_POINTER_KIND_NEW, data, len);
    case WRDP_FASTPATH_UPDATETYPE_LARGE_POINTER:
        return new_pointer(s, WRDP_POINTER_KIND_LARGE, data, len);
    case WRDP_FASTPATH_UPDATETYPE_CACHED: {
        uint16_t index = wrdp_rd_u16le(&c, "cacheIndex");
        if (!wrdp_cursor_ok(&c))
            return wrdp_sess_fail_err(s);
        if (index >= s->ptr_cache_size)
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "cached pointer: index %u of a %zu-entry cache", index,
                                  s->ptr_cache_size);
        return set_current(s, &s->ptr_cache[index]);
    }
    default:
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "pointer update: code 0x%x", fp_code);
    }
}
