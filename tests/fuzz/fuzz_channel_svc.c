/* Static channel chunking: a message (the input) split at a chunk size taken
 * from the input, reassembled from the chunks; and the chunk size reader on the input as capability sets. */
#include <string.h>

#include "webrdp/svc.h"
#include "webrdp/pdu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t chunk = wrdp_svc_chunk_size(data + 2, size - 2, data[0]);
    if (chunk < WRDP_SVC_CHUNK_DEFAULT || chunk > WRDP_SVC_CHUNK_MAX)
        __builtin_trap();
    chunk = 1 + (data[1] * 64u);
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t count = wrdp_svc_chunk_count(size, chunk), got = 0;
    for (size_t i = 0; i < count; i++) {
        wrdp_writer_reset(&w);
        if (wrdp_svc_chunk_encode(data, size, i, chunk, 0, &w) != WRDP_OK)
            __builtin_trap();
        wrdp_cursor c;
        wrdp_channel_pdu_header h;
        wrdp_cursor_init(&c, w.data, w.len, "chunk", &err);
        if (wrdp_channel_pdu_header_decode(&c, &h) || h.length != size)
            __builtin_trap();
        wrdp_bytes rest = wrdp_rd_rest(&c);
        if (rest.len > chunk || memcmp(rest.data, data + got, rest.len))
            __builtin_trap();
        got += rest.len;
    }
    if (got != size)
        __builtin_trap();
    wrdp_writer_free(&w);
    return 0;
}
