/* The session's calls into the codecs and bulk decompression (src/codecs/): one
 * context a codec that keeps state (RemoteFX headers, NSCodec scratch, the bulk
 * histories), created on first use and freed with the session. */
#include "session_internal.h"
#include "webrdp/codecs/bitmap.h"
#include "webrdp/codecs/bulk.h"
#include "webrdp/codecs/nsc.h"
#include "webrdp/codecs/rfx.h"


_Static_assert(WRDP_SESS_TOP_DOWN == WRDP_BITMAP_TOP_DOWN, "the session's top-down flag is the codecs'");

int wrdp_sess_decode_bitmap(wrdp_session *s, int codec, const wrdp_codec_input *in, int32_t x, int32_t y)
{
    wrdp_codec_decode_fn fn = NULL;
    switch (codec) {
    case WRDP_SESS_CODEC_RAW:
        fn = wrdp_raw_decode;
        break;
    case WRDP_SESS_CODEC_INTERLEAVED:
        fn = wrdp_interleaved_decode;
        break;
    case WRDP_SESS_CODEC_PLANAR:
        fn = wrdp_planar_decode;
        break;
    default:
        break;
    }
    if (!fn)
        return wrdp_sess_fail(s, WRDP_ERROR_INTERNAL, "bitmap update: codec %d", codec);
    wrdp_error_clear(&s->err);
    if (fn(in, &s->image, x, y, &s->err))
        return wrdp_sess_fail_err(s);
    return WRDP_OK;
}

int wrdp_sess_decode_rfx(wrdp_session *s, const uint8_t *data, size_t len, int32_t x, int32_t y)
{
    if (!s->rfx) {
        s->rfx = (struct wrdp_rfx *)wrdp_rfx_new();
        if (!s->rfx)
            return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
    }
    wrdp_error_clear(&s->err);
    if (wrdp_rfx_decode((wrdp_rfx *)s->rfx, data, len, &s->image, x, y, &s->err))
        return wrdp_sess_fail_err(s);
    size_t n = 0;
    const wrdp_rect *r = wrdp_rfx_dirty_rects((const wrdp_rfx *)s->rfx, &n);
    for (size_t i = 0; i < n; i++)
        wrdp_sess_damage(s, r[i].left, r[i].top, r[i].right, r[i].bottom);
    return WRDP_OK;
}

int wrdp_sess_decode_nsc(wrdp_session *s, const wrdp_codec_input *in, int32_t x, int32_t y)
{
    if (!s->nsc) {
        s->nsc = (struct wrdp_nsc *)wrdp_nsc_new();
        if (!s->nsc)
            return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
    }
    wrdp_error_clear(&s->err);
    if (wrdp_nsc_decode_with((wrdp_nsc *)s->nsc, in, &s->image, x, y, &s->err))
        return wrdp_sess_fail_err(s);
    return WRDP_OK;
}

int wrdp_sess_bulk_new(wrdp_session *s)
{
    s->bulk = (struct wrdp_bulk *)wrdp_bulk_new((uint32_t)s->compression, &s->err);
    return s->bulk ? WRDP_OK : wrdp_sess_fail_err(s);
}

int wrdp_sess_decompress(wrdp_session *s, const uint8_t *in, size_t len, uint8_t flags, wrdp_bytes *outv)
{
    if (!s->bulk) {
        if (!(flags & WRDP_PACKET_COMPRESSED)) {
            outv->data = in;
            outv->len = len;
            return WRDP_OK;
        }
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "a compressed packet (type %u) although no compression was negotiated",
                              flags & WRDP_PACKET_COMPR_TYPE_MASK);
    }
    const uint8_t *o = NULL;
    size_t olen = 0;
    wrdp_error_clear(&s->err);
    if (wrdp_bulk_decompress((wrdp_bulk *)s->bulk, in, len, flags, &o, &olen, &s->err))
        return wrdp_sess_fail_err(s);
    outv->data = o;
    outv->len = olen;
    return WRDP_OK;
}

void wrdp_sess_codecs_free(wrdp_session *s)
{
    if (s->rfx)
        wrdp_rfx_free((wrdp_rfx *)s->rfx);
    s->rfx = NULL;
    if (s->nsc)
        wrdp_nsc_free((wrdp_nsc *)s->nsc);
    s->nsc = NULL;
    if (s->bulk)
        wrdp_bulk_free((wrdp_bulk *)s->bulk);
    s->bulk = NULL;
}

void wrdp_sess_codecs_reset(wrdp_session *s)
{
    /* a new activation sends the RemoteFX header blocks again */
    if (s->rfx)
        wrdp_rfx_reset((wrdp_rfx *)s->rfx);
}
