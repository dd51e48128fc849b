/* webrdp — PNG (RGBA8888, 8 bits a channel) with zlib: screenshots, and the
 * clipboard's image/png <-> CF_DIB conversion. */
#ifndef WEBRDP_CODECS_PNG_H
#define WEBRDP_CODECS_PNG_H

#include "../graphics.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Appends a PNG of the rect of img (the whole image when rect is NULL) to out. */
int wrdp_png_encode(const wrdp_image *img, const wrdp_rect *rect, wrdp_writer *out, wrdp_error *err);

/* Decodes an 8-bit grey, grey+alpha, RGB, RGBA or palette PNG (not interlaced)
 * into a new RGBA image (wrdp_image_free it). CRCs are checked; sizes are
 * capped like wrdp_image_init; other PNGs fail with WRDP_ERROR_UNSUPPORTED. */
int wrdp_png_decode(const uint8_t *data, size_t len, wrdp_image *img, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
