/* webrdp — the bitmap codecs of bitmap updates and of the graphics pipeline:
 * uncompressed bitmaps (raw), interleaved RLE (RDP 4.0-6.0 bitmap compression)
 * and planar (RDP 6.0 bitmap compression). Stateless, one shared signature
 * (wrdp_codec_decode_fn in graphics.h): decode `in` and write it at (x, y) in
 * `dst`, clipped to dst. A truncated or lying bitstream fails with
 * WRDP_ERROR_DECODE (err->offset is the byte where it failed) and never writes
 * outside dst; what was decoded before the failure may have been written.
 *
 * Row order: a TS_BITMAP_DATA bitmap (MS-RDPBCGR 2.2.9.1.1.3.1.2.2) carries its
 * rows bottom-up, and that is what flags == 0 means. The graphics pipeline's
 * planar and uncompressed surfaces carry them top-down: pass
 * WRDP_BITMAP_TOP_DOWN.
 *
 * Alpha: a desktop is opaque, so by default every pixel written has A = 255,
 * even where the bitstream carries alpha (32 bpp raw, a planar alpha plane);
 * WRDP_BITMAP_KEEP_ALPHA writes the bitstream's alpha instead (pointers,
 * surfaces with transparency).
 *
 * Colours: 15/16 bpp are widened the way FreeRDP widens them (5-bit c to
 * (c << 3) + (c >> 2); 6-bit green to min(255, (c << 2) + (c >> 3)), which
 * is not quite bit replication), so that our pixels equal FreeRDP's decoders'
 * exactly. 8 bpp indexes in->palette (256 R,G,B triplets) or a grey ramp when
 * it is NULL. */
#ifndef WEBRDP_CODECS_BITMAP_H
#define WEBRDP_CODECS_BITMAP_H

#include "../graphics.h"

#ifdef __cplusplus
extern "C" {
#endif

/* wrdp_codec_input.flags for the three bitmap codecs */
#define WRDP_BITMAP_TOP_DOWN 0x0001u   /* rows top-down (graphics pipeline), not bottom-up */
#define WRDP_BITMAP_KEEP_ALPHA 0x0002u /* write the bitstream's alpha, not 255 */

/* Uncompressed bitmap at 8, 15, 16, 24 or 32 bpp (bytes B,G,R[,A] at 24/32,
 * little-endian words at 15/16). Rows are padded to 4 bytes as MS-RDPBCGR
 * says; an input exactly width*Bpp*height long (unpadded rows, as FreeRDP
 * reads and some servers send) is accepted too. Trailing bytes are ignored. */
int wrdp_raw_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err);

/* Interleaved RLE (MS-RDPBCGR 2.2.9.1.1.3.1.2.4, 3.1.9) at 8, 15, 16 or 24 bpp.
 * The orders must produce exactly width*height pixels; the input must end
 * there. Width and height at most 8192. */
int wrdp_interleaved_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err);

/* Planar (MS-RDPEGDI 2.2.2.5.1, 3.1.9): FormatHeader with colour loss level,
 * chroma subsampling, RLE and no-alpha; raw or RLE planes; AYCoCg or ARGB.
 * in->bpp is not used. Bytes after the last plane (the raw pad byte) are
 * ignored. Width and height at most 8192. */
int wrdp_planar_decode(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err);

/* The decoder of a bitmap codec by name ("raw", "interleaved", "planar"), or
 * NULL: for `webrdp decode` and the wasm benchmark exports. */
wrdp_codec_decode_fn wrdp_bitmap_codec_find(const char *name);

#ifdef __cplusplus
}
#endif
#endif
