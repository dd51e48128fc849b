/* RemoteFX tile pipeline stages, exposed for the stage unit tests
 * (tests/unit/codecs_rfx_test.c); the decoder in rfx.c chains them. */
#ifndef WRDP_CODECS_RFX_INTERNAL_H
#define WRDP_CODECS_RFX_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define WRDP_RFX_RLGR1 1
#define WRDP_RFX_RLGR3 4

/* Decodes exactly `count` coefficients (zero past the end of the input, as the
 * encoder's padding is). Never reads outside data[0..len) nor writes outside out. */
void wrdp_rfx_rlgr_decode(int mode, const uint8_t *data, size_t len, int16_t *out, size_t count);

/* LL3 differential decode + dequantisation of a 4096-coefficient tile in the
 * linear sub-band order (HL1 LH1 HH1 HL2 LH2 HH2 HL3 LH3 HH3 LL3). q holds the
 * ten 4-bit values in wire order: LL3 LH3 HL3 HH3 LH2 HL2 HH2 LH1 HL1 HH1. */
void wrdp_rfx_dequantize(int16_t *coef, const uint8_t q[10]);

/* Inverse 3-level 2-D DWT (5/3 lifting), in place; tmp holds 4096 values. */
void wrdp_rfx_idwt(int16_t *coef, int16_t *tmp);
/* The same without SIMD (the SIMD path must agree with it on any input). */
void wrdp_rfx_idwt_scalar(int16_t *coef, int16_t *tmp);

/* YCbCr (11.5 fixed point, after the inverse DWT) -> RGBA8888, n pixels. */
void wrdp_rfx_ycbcr_to_rgba(const int16_t *y, const int16_t *cb, const int16_t *cr, uint8_t *rgba, size_t n);

#endif
