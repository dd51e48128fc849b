/* The session's calls into the codecs and bulk decompression (src/codecs/).
 *
 * The codecs are written in parallel with the session: each entry point is
 * declared weak, so that the session links (and reports "unsupported") while a
 * codec has not landed yet; once all have, the weak declarations can go. */
#include "session_internal.h"
#include "webrdp/codecs/bitmap.h"
/* bulk.h and pdu/fastpath.h both define the compression types (same values) */
#undef WRDP_PACKET_COMPR_TYPE_8K
#undef WRDP_PACKET_COMPR_TYPE_64K
#undef WRDP_PACKET_COMPR_TYPE_RDP6
#undef WRDP_PACKET_COMPR_TYPE_RDP61
#include "webrdp/codecs/bulk.h"
#include "webrdp/codecs/nsc.h"
#include "webrdp/codecs/rfx.h"

#if defined(__GNUC__) || defined(__clang__)
#pragma weak wrdp_raw_decode
#pragma weak wrdp_interleaved_decode
#pragma weak wrdp_planar_decode
#pragma weak wrdp_rfx_new
#pragma weak wrdp_rfx_free
#pragma weak wrdp_rfx_reset
#pragma weak wrdp_rfx_decode
#pragma weak wrdp_rfx_dirty_rects
#pragma weak wrdp_nsc_new
#pragma weak wrdp_nsc_free
#pragma weak wrdp_nsc_decode_with
#pragma weak wrdp_bulk_new
#pragma weak wrdp_bulk_free
#pragma weak wrdp_bulk_decompress
#define HAVE(fn) ((fn) != NULL)
#else
#define HAVE(fn) 1
#endif

_Static_assert(WRDP_SESS_TOP_DOWN == WRDP_BITMAP_TOP_DOWN, "the session's top-down flag is the codecs'");

static const char *const codec_names[] = {"raw", "interleaved", "planar"};

int wrdp_sess_decode_bitmap(wrdp_session *s, int codec, const wrdp_codec_input *in, int32_t x, int32_t y)
{
    wrdp_codec_decode_fn fn = NULL;
    switch (codec) {
    case WRDP_SESS_CODEC_RAW:
        fn = HAVE(wrdp_raw_decode) ? wrdp_raw_decode : NULL;
        break;
    case WRDP_SESS_CODEC_INTERLEAVED:
        fn = HAVE(wrdp_interleaved_decode) ? wrdp_interleaved_decode : NULL;
        break;
    case WRDP_SESS_CODEC_PLANAR:
        fn = HAVE(wrdp_planar_decode) ? wrdp_planar_decode : NULL;
        break;
    default:
        break;
    }
    if (!fn)
        return wrdp_sess_fail(s, WRDP_ERROR_UNSUPPORTED, "bitmap update: the %s codec is not in this build",
                              codec >= 0 && codec < 3 ? codec_names[codec] : "unknown");
    wrdp_error_clear(&s->err);
    if (fn(in, &s->image, x, y, &s->err))
        return wrdp_sess_fail_err(s);
    return WRDP_OK;
}

int wrdp_sess_decode_rfx(wrdp_session *s, const uint8_t *data, size_t len, int32_t x, int32_t y)
{
    if (!HAVE(wrdp_rfx_new) || !HAVE(wrdp_rfx_decode) || !HAVE(wrdp_rfx_dirty_rects))
        return wrdp_sess_fail(s, WRDP_ERROR_UNSUPPORTED, "surface bits: RemoteFX is not in this build");
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
    if (!HAVE(wrdp_nsc_new) || !HAVE(wrdp_nsc_decode_with))
        return wrdp_sess_fail(s, WRDP_ERROR_UNSUPPORTED, "surface bits: NSCodec is not in this build");
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
    if (!HAVE(wrdp_bulk_new))
        return WRDP_OK; /* compressed packets will fail as unsupported */
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
        return wrdp_sess_fail(s, s->compression < 0 ? WRDP_ERROR_DECODE : WRDP_ERROR_UNSUPPORTED,
                              "a compressed packet (type %u) %s", flags & WRDP_PACKET_COMPR_TYPE_MASK,
                              s->compression < 0 ? "although no compression was negotiated"
                                                 : "and no bulk decompressor in this build");
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
    if (s->rfx && HAVE(wrdp_rfx_free))
        wrdp_rfx_free((wrdp_rfx *)s->rfx);
    s->rfx = NULL;
    if (s->nsc && HAVE(wrdp_nsc_free))
        wrdp_nsc_free((wrdp_nsc *)s->nsc);
    s->nsc = NULL;
    if (s->bulk && HAVE(wrdp_bulk_free))
        wrdp_bulk_free((wrdp_bulk *)s->bulk);
    s->bulk = NULL;
}
