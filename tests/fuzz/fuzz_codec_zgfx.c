/* ZGFX: the input split into PDUs (first byte: how many) through one context. */
#include "webrdp/codecs/zgfx.h"

static wrdp_zgfx *z;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!z)
        z = wrdp_zgfx_new();
    if (!size)
        return 0;
    wrdp_zgfx_reset(z);
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, &err);
    size_t parts = (data[0] & 3) + 1, rest = size - 1, at = 1;
    for (size_t i = 0; i < parts; i++) {
        size_t n = i == parts - 1 ? rest : rest / parts;
        wrdp_writer_reset(&w);
        wrdp_zgfx_decompress(z, data + at, n, &w, &err);
        at += n;
        rest -= n;
    }
    wrdp_writer_free(&w);
    return 0;
}
