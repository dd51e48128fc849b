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

#ifdef __cplusplus
}
#endif
#endif
