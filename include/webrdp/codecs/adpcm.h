/* webrdp — IMA ADPCM (WAVE_FORMAT_DVI_ADPCM, 0x11) and MS ADPCM
 * (WAVE_FORMAT_ADPCM, 0x02) decoders: 4-bit blocks of `block_align` bytes to
 * interleaved signed 16-bit PCM.
 *
 * The input is a run of blocks; the last one may be short (it then decodes
 * whole nibble groups it holds, as SoX does). Both decoders fail with a
 * decode error on a block too short for its header, a block align that
 * cannot hold one, a channel count other than 1 or 2, or (MS ADPCM) a
 * predictor index past the coefficient table. */
#ifndef WEBRDP_CODECS_ADPCM_H
#define WEBRDP_CODECS_ADPCM_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Frames (samples per channel) that `len` bytes decode to; 0 when the
 * parameters are unusable. */
size_t wrdp_adpcm_ima_frames(size_t len, uint16_t channels, uint16_t block_align);
size_t wrdp_adpcm_ms_frames(size_t len, uint16_t channels, uint16_t block_align);

/* Decodes `len` bytes into `out` (room for `cap_frames` frames). On success
 * *frames is the frame count written (wrdp_adpcm_*_frames()). */
int wrdp_adpcm_ima_decode(const uint8_t *in, size_t len, uint16_t channels, uint16_t block_align,
                          int16_t *out, size_t cap_frames, size_t *frames, wrdp_error *err);

/* `extra` is the format's cbSize tail (wSamplesPerBlock, wNumCoef, then
 * wNumCoef coefficient pairs), or NULL: the 7 standard pairs are always the
 * first 7 and any further pairs come from `extra`. */
int wrdp_adpcm_ms_decode(const uint8_t *in, size_t len, uint16_t channels, uint16_t block_align,
                         const uint8_t *extra, size_t extra_len, int16_t *out, size_t cap_frames,
                         size_t *frames, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
