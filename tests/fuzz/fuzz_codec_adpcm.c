/* IMA and MS ADPCM: the first bytes choose the codec, the channel count, the
 * block align and the length of an MS ADPCM coefficient tail; the rest is the
 * stream. A success writes exactly wrdp_adpcm_*_frames() frames into a buffer
 * of that size (ASan checks), a failure writes no frame count. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/codecs/adpcm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 5)
        return 0;
    int ms = data[0] & 1;
    uint16_t channels = (uint16_t)(data[0] >> 1 & 3);
    uint16_t block_align = (uint16_t)(data[1] | data[2] << 8);
    size_t extra_len = ms ? data[3] : 0;
    size_t rest = size - 4;
    if (extra_len > rest)
        extra_len = rest;
    uint8_t *extra = extra_len ? malloc(extra_len) : NULL;
    if (extra_len)
        memcpy(extra, data + 4, extra_len);
    size_t len = rest - extra_len;
    uint8_t *in = malloc(len ? len : 1);
    memcpy(in, data + 4 + extra_len, len);
    size_t want = ms ? wrdp_adpcm_ms_frames(len, channels, block_align)
                     : wrdp_adpcm_ima_frames(len, channels, block_align);
    int16_t *out = malloc((want ? want : 1) * (channels ? channels : 1) * sizeof *out);
    size_t frames = 12345;
    wrdp_error err;
    int rc = ms ? wrdp_adpcm_ms_decode(in, len, channels, block_align, extra, extra_len, out, want, &frames, &err)
                : wrdp_adpcm_ima_decode(in, len, channels, block_align, out, want, &frames, &err);
    if (rc == WRDP_OK && frames != want)
        __builtin_trap();
    if (rc != WRDP_OK && frames != 0)
        __builtin_trap();
    free(out);
    free(in);
    free(extra);
    return 0;
}
