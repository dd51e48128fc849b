/* Static virtual channel chunking (MS-RDPBCGR 3.1.5.2.1) and the chunk size
 * from the Virtual Channel capability set. Reassembly is the session's
 * (src/session/slowpath.c), where the chunks arrive. */
#include <string.h>

#include "webrdp/svc.h"
#include "webrdp/pdu.h"

size_t wrdp_svc_chunk_count(size_t len, size_t chunk)
{
    if (!chunk)
        chunk = WRDP_SVC_CHUNK_DEFAULT;
    return len ? (len - 1) / chunk + 1 : 1;
}

int wrdp_svc_chunk_encode(const uint8_t *msg, size_t len, size_t index, size_t chunk, uint32_t options,
                          wrdp_writer *w)
{
    if (!chunk)
        chunk = WRDP_SVC_CHUNK_DEFAULT;
    size_t count = wrdp_svc_chunk_count(len, chunk);
    if (len > UINT32_MAX || index >= count || (!msg && len))
        return wrdp_writer_fail(w, "static channel: chunk %zu of a %zu-byte message", index, len);
    size_t off = index * chunk, n = len - off < chunk ? len - off : chunk;
    wrdp_channel_pdu_header h;
    h.length = (uint32_t)len;
    h.flags = 0;
    if (index == 0)
        h.flags |= WRDP_CHANNEL_FLAG_FIRST;
    if (index == count - 1)
        h.flags |= WRDP_CHANNEL_FLAG_LAST;
    if (options & WRDP_CHANNEL_OPTION_SHOW_PROTOCOL)
        h.flags |= WRDP_CHANNEL_FLAG_SHOW_PROTOCOL;
    if (wrdp_channel_pdu_header_encode(&h, w))
        return WRDP_ERR;
    if (n)
        wrdp_wr_bytes(w, msg + off, n);
    return wrdp_writer_status(w);
}

size_t wrdp_svc_chunk_size(const uint8_t *caps, size_t len, uint16_t count)
{
    size_t chunk = WRDP_SVC_CHUNK_DEFAULT;
    size_t pos = 0;
    for (uint16_t i = 0; i < count && len - pos >= 4; i++) {
        uint16_t type = (uint16_t)(caps[pos] | caps[pos + 1] << 8);
        uint16_t n = (uint16_t)(caps[pos + 2] | caps[pos + 3] << 8);
        if (n < 4 || n > len - pos)
            break;
        /* CAPSTYPE_VIRTUALCHANNEL: flags (4), then the optional VCChunkSize (4) */
        if (type == WRDP_CAPSTYPE_VIRTUALCHANNEL && n >= 12) {
            const uint8_t *p = caps + pos + 8;
            uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
            chunk = v < WRDP_SVC_CHUNK_DEFAULT ? WRDP_SVC_CHUNK_DEFAULT : v > WRDP_SVC_CHUNK_MAX ? WRDP_SVC_CHUNK_MAX : v;
        }
        pos += n;
    }
    return chunk;
}
