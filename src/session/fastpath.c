/* Fast-path output (MS-RDPBCGR 2.2.9.1.2, 3.2.5.9.2): the header, decryption under
 * Standard RDP Security, then each TS_FP_UPDATE: bulk decompression, reassembly of
 * fragmented updates (FIRST, NEXT..., LAST; up to the Multifragment Update size),
 * and the update itself. */
#include "session_internal.h"

static int dispatch(wrdp_session *s, int code, const uint8_t *p, size_t n, wrdp_writer *out)
{
    switch (code) {
    case WRDP_FASTPATH_UPDATETYPE_BITMAP:
        return wrdp_sess_bitmap_update(s, p, n);
    case WRDP_FASTPATH_UPDATETYPE_PALETTE:
        return wrdp_sess_palette_update(s, p, n);
    case WRDP_FASTPATH_UPDATETYPE_SURFCMDS:
        return wrdp_sess_surface_commands(s, p, n, out);
    case WRDP_FASTPATH_UPDATETYPE_PTR_NULL:
    case WRDP_FASTPATH_UPDATETYPE_PTR_DEFAULT:
    case WRDP_FASTPATH_UPDATETYPE_PTR_POSITION:
    case WRDP_FASTPATH_UPDATETYPE_COLOR:
    case WRDP_FASTPATH_UPDATETYPE_CACHED:
    case WRDP_FASTPATH_UPDATETYPE_POINTER:
    case WRDP_FASTPATH_UPDATETYPE_LARGE_POINTER:
        return wrdp_sess_pointer_update(s, code, p, n);
    case WRDP_FASTPATH_UPDATETYPE_ORDERS:      /* never advertised */
    case WRDP_FASTPATH_UPDATETYPE_SYNCHRONIZE: /* nothing to do */
        return WRDP_OK;
    default:
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "fast-path update: updateCode 0x%x", code);
    }
}

static int fragment(wrdp_session *s, const wrdp_fastpath_update *u, wrdp_bytes data, wrdp_writer *out)
{
    switch (u->fragmentation) {
    case WRDP_FASTPATH_FRAGMENT_SINGLE:
        if (s->frag_code >= 0)
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE,
                                  "fast-path update: an unfragmented update inside a fragmented one");
        return dispatch(s, u->updateCode, data.data, data.len, out);
    case WRDP_FASTPATH_FRAGMENT_FIRST:
        if (s->frag_code >= 0)
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "fast-path update: a first fragment inside a fragmented update");
        s->frag_code = u->updateCode;
        s->frag_len = 0;
        break;
    default: /* NEXT, LAST */
        if (s->frag_code < 0)
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "fast-path update: a %s fragment without a first one",
                                  u->fragmentation == WRDP_FASTPATH_FRAGMENT_LAST ? "last" : "next");
        if (s->frag_code != u->updateCode)
            return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "fast-path update: fragment of update 0x%x inside update 0x%x",
                                  u->updateCode, s->frag_code);
        break;
    }
    if (data.len > s->frag_max - s->frag_len)
        return wrdp_sess_fail(s, WRDP_ERROR_LIMIT,
                              "fast-path update: fragments larger than the Multifragment Update size (%zu)",
                              s->frag_max);
    if (wrdp_sess_reserve(s, &s->frag, &s->frag_cap, s->frag_len + data.len + 1))
        return WRDP_ERR;
    if (data.len)
        memcpy(s->frag + s->frag_len, data.data, data.len);
    s->frag_len += data.len;
    if (u->fragmentation != WRDP_FASTPATH_FRAGMENT_LAST)
        return WRDP_OK;
    int code = s->frag_code;
    s->frag_code = -1;
    return dispatch(s, code, s->frag, s->frag_len, out);
}

int wrdp_sess_fastpath(wrdp_session *s, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    if (len > WRDP_SESSION_FRAME_MAX)
        return wrdp_sess_fail(s, WRDP_ERROR_LIMIT, "a %zu-byte fast-path frame", len);
    if (wrdp_sess_reserve(s, &s->rx, &s->rx_cap, len))
        return WRDP_ERR;
    memcpy(s->rx, frame, len);
    wrdp_cursor cur;
    wrdp_fastpath_output_header h;
    wrdp_cursor_init(&cur, s->rx, len, "fast-path update", &s->err);
    if (wrdp_fastpath_output_header_decode(&cur, &h))
        return wrdp_sess_fail_err(s);
    if (h.length != len)
        return wrdp_sess_fail(s, WRDP_ERROR_DECODE, "fast-path update: length %u in a %zu-byte frame", h.length, len);
    wrdp_bytes body;
    if (h.flags & WRDP_FASTPATH_OUTPUT_ENCRYPTED) {
        if (wrdp_sess_decrypt(s, &cur, (h.flags & WRDP_FASTPATH_OUTPUT_SECURE_CHECKSUM) != 0, &body))
            return wrdp_sess_fail_err(s);
    } else {
        body = wrdp_rd_rest(&cur);
    }
    if (s->deactivated)
        return WRDP_OK; /* updates between Deactivate All and the new activation are stale */
    wrdp_cursor_init(&cur, body.data, body.len, "fast-path update", &s->err);
    while (wrdp_cursor_remaining(&cur) && !s->terminated) {
        wrdp_fastpath_update u;
        if (wrdp_fastpath_update_decode(&cur, &u))
            return wrdp_sess_fail_err(s);
        wrdp_bytes data = u.updateData;
        if ((u.compression & WRDP_FASTPATH_OUTPUT_COMPRESSION_USED) &&
            (u.compressionFlags & (WRDP_PACKET_COMPRESSED | WRDP_PACKET_FLUSHED))) {
            if (wrdp_sess_decompress(s, data.data, data.len, u.compressionFlags, &data))
                return WRDP_ERR;
        }
        if (fragment(s, &u, data, out))
            return WRDP_ERR;
    }
    return s->terminated && s->err.kind != WRDP_ERROR_SERVER_DISCONNECT ? WRDP_ERR : WRDP_OK;
}
