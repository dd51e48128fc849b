/* webrdp — NSCodec (MS-RDPNSC) decoder.
 *
 * An NSCodec bitmap stream (2.2.1: four plane byte counts, ColorLossLevel,
 * ChromaSubsamplingLevel, then the luma, orange chroma, green chroma and alpha
 * planes, each raw or NSCodec-RLE) becomes RGBA at (x, y) in dst, clipped to
 * dst. The alpha plane goes to the A bytes. The bitmap's size is the one the
 * surface command or bitmap data gives (in->width x in->height); in->bpp and
 * in->flags are ignored. */
#ifndef WEBRDP_CODECS_NSC_H
#define WEBRDP_CODECS_NSC_H

#include <stddef.h>
#include <stdint.h>

#include "../graphics.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A decoder that keeps its plane scratch memory between calls (it grows to
 * the largest bitmap seen, at most 4 planes of 8192x8192). */
typedef struct wrdp_nsc wrdp_nsc;

wrdp_nsc *wrdp_nsc_new(void); /* NULL when memory is out */
void wrdp_nsc_free(wrdp_nsc *nsc);
int wrdp_nsc_decode_with(wrdp_nsc *nsc, const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y,
                         wrdp_error *err);

/* The shared bitmap-codec signature (wrdp_codec_decode_fn); allocates its
 * scratch for the call. */
int wrdp_nsc_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
