/* webrdp — RemoteFX (MS-RDPRFX) decoder.
 *
 * RemoteFX is stateful: the header blocks (TS_RFX_SYNC, CODEC_VERSIONS,
 * CHANNELS, CONTEXT) usually arrive once, in the first surface command, and the
 * frames (FRAME_BEGIN, REGION, TILESET, FRAME_END) after them. A wrdp_rfx
 * context remembers the headers and owns the scratch memory of the tile
 * pipeline (RLGR1/RLGR3, dequantisation, inverse 5/3 DWT, YCbCr -> RGB), so a
 * decode allocates nothing but, at most once, room for more region rects.
 *
 * Only the parts of tiles that lie inside the region's rectangles are written,
 * at (x, y) + the tile's position, clipped to dst. Alpha is set to 255. */
#ifndef WEBRDP_CODECS_RFX_H
#define WEBRDP_CODECS_RFX_H

#include <stddef.h>
#include <stdint.h>

#include "../graphics.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wrdp_rfx wrdp_rfx;

/* NULL when memory is out. */
wrdp_rfx *wrdp_rfx_new(void);
void wrdp_rfx_free(wrdp_rfx *rfx);
/* Forgets the header blocks (e.g. after a reactivation). */
void wrdp_rfx_reset(wrdp_rfx *rfx);

/* Processes every block of one RemoteFX message stream (the bitmap data of a
 * surface bits command: headers and/or frames) and paints the tiles at (x, y)
 * in dst. A malformed block yields WRDP_ERROR_DECODE naming the block and its
 * offset; tiles of earlier tilesets may already have been painted. */
int wrdp_rfx_decode(wrdp_rfx *rfx, const uint8_t *data, size_t len, wrdp_image *dst, int32_t x, int32_t y,
                    wrdp_error *err);

/* The rectangles (dst coordinates, clipped to dst, possibly overlapping) that
 * the last wrdp_rfx_decode painted; valid until the next call on rfx. */
const wrdp_rect *wrdp_rfx_dirty_rects(const wrdp_rfx *rfx, size_t *count);

/* The entry the `webrdp decode rfx` tool and the wasm benchmark call: a fresh
 * context decodes one whole stream (headers + frame) in `in->data`; width,
 * height and bpp of `in` are ignored. */
int wrdp_rfx_decode_stream(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
