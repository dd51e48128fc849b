/* webrdp — RDP 8.0 bulk decompression (ZGFX, MS-RDPEGFX 2.2.4.1 and 3.1.9.1):
 * the compressor of the graphics pipeline and of DRDYNVC version 3
 * compressed data (MS-RDPEDYC 2.2.3.3/2.2.3.4).
 *
 * The input is one RDP_SEGMENTED_DATA (descriptor 0xE0 single segment, or
 * 0xE1 multipart). One context keeps a 2.5 MB history between calls, so every
 * PDU of one stream goes through the same context, in order. */
#ifndef WEBRDP_CODECS_ZGFX_H
#define WEBRDP_CODECS_ZGFX_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"
#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WRDP_ZGFX_SEGMENTED_SINGLE 0xE0
#define WRDP_ZGFX_SEGMENTED_MULTIPART 0xE1
#define WRDP_ZGFX_PACKET_COMPR_TYPE_RDP8 0x04
#define WRDP_ZGFX_HISTORY_SIZE 2500000u
/* A segment never decodes to more than this (the compressor's limit is 65535). */
#define WRDP_ZGFX_SEGMENT_MAX 65535u

typedef struct wrdp_zgfx wrdp_zgfx;

wrdp_zgfx *wrdp_zgfx_new(void); /* NULL when memory is out */
void wrdp_zgfx_free(wrdp_zgfx *z);
/* Forgets the history (a new stream). */
void wrdp_zgfx_reset(wrdp_zgfx *z);

/* Decompresses one RDP_SEGMENTED_DATA, appending the bytes to out (whose limit
 * caps the output). On a decode error the history may hold part of the PDU: the
 * stream is then broken, as it is for the peer's compressor. */
int wrdp_zgfx_decompress(wrdp_zgfx *z, const uint8_t *in, size_t len, wrdp_writer *out, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
