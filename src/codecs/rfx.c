/* RemoteFX (MS-RDPRFX): the message blocks (2.2.2), the tile pipeline
 * (3.1.8.1: RLGR1/RLGR3, LL3 differential, dequantisation, inverse 5/3 DWT,
 * YCbCr -> RGB) and painting the parts of tiles inside the region rects.
 *
 * The arithmetic follows FreeRDP's native (SSE2) decoder so that the pixels
 * agree with it: 16-bit lanes for the DWT stores and the colour transform, whose
 * coefficients are 1.403, 0.344, 0.714, 1.770 in Q14 taken as "high half of a
 * 16x16 product". */
#include <string.h>

#include "codecs/rfx_internal.h"
#include "webrdp/codecs/rfx.h"

#define TILE 64
#define TILE_PIXELS (TILE * TILE)
#define MAX_RECTS 65535u

enum {
    WBT_SYNC = 0xCCC0,
    WBT_CODEC_VERSIONS = 0xCCC1,
    WBT_CHANNELS = 0xCCC2,
    WBT_CONTEXT = 0xCCC3,
    WBT_FRAME_BEGIN = 0xCCC4,
    WBT_FRAME_END = 0xCCC5,
    WBT_REGION = 0xCCC6,
    WBT_EXTENSION = 0xCCC7,
    CBT_REGION = 0xCAC1,
    CBT_TILESET = 0xCAC2,
    CBT_TILE = 0xCAC3,
};

struct wrdp_rfx {
    int have_context;
    int mode;                 /* entropy algorithm of the CONTEXT block */
    uint16_t chan_w, chan_h;  /* first channel of the CHANNELS block, 0 when none */
    /* the region of the frame being decoded, in dst coordinates, clipped */
    wrdp_rect *rects;
    size_t nrects, rects_cap;
    int have_region;
    /* every rect painted by the last decode */
    wrdp_rect *dirty;
    size_t ndirty, dirty_cap;
    /* scratch: Y, Cb, Cr coefficients, DWT temp, one RGBA tile */
    int16_t coef[3][TILE_PIXELS];
    int16_t tmp[TILE_PIXELS];
    uint8_t tile[TILE_PIXELS * 4];
};

/* ---- RLGR (3.1.8.1.7.1) ---------------------------------------------------- */

/* Bits are read MSB first; past the end of the input they read as 0 (the
 * encoder's padding), which makes every loop below advance the output. The
 * accumulator is refilled 32 bits at a time (cheap in wasm, which has no
 * byte-swap instruction). */
#if defined(__GNUC__)
#define RFX_HOT static inline __attribute__((always_inline))
#else
#define RFX_HOT static inline
#endif

typedef struct bitreader {
    const uint8_t *p, *end;
    uint64_t acc; /* left-aligned; bits below the n valid ones are 0 */
    int n;
} bitreader;

RFX_HOT void br_refill(bitreader *b)
{
    if (b->n >= 32)
        return;
    uint32_t v;
    if (b->end - b->p >= 4) {
        v = (uint32_t)b->p[0] << 24 | (uint32_t)b->p[1] << 16 | (uint32_t)b->p[2] << 8 | b->p[3];
        b->p += 4;
    } else {
        v = 0;
        for (int i = 0; i < 4; i++)
            v = v << 8 | (b->p < b->end ? *b->p++ : 0u);
    }
    b->acc |= (uint64_t)v << (32 - b->n);
    b->n += 32;
}

/* n <= 32 */
RFX_HOT uint32_t br_bits(bitreader *b, int n)
{
    if (n == 0)
        return 0;
    br_refill(b);
    uint32_t v = (uint32_t)(b->acc >> (64 - n));
    b->acc <<= n;
    b->n -= n;
    return v;
}

RFX_HOT uint32_t br_bit(bitreader *b)
{
    br_refill(b);
    uint32_t v = (uint32_t)(b->acc >> 63);
    b->acc <<= 1;
    b->n -= 1;
    return v;
}

#define KPMAX 80
#define LSGR 3
#define UP_GR 4
#define DN_GR 6
#define UQ_GR 3
#define DQ_GR 3

RFX_HOT int clamp_kp(int kp)
{
    return kp < 0 ? 0 : kp > KPMAX ? KPMAX : kp;
}

/* Golomb-Rice code: leading 1s, a 0, then kr bits; adapts krp/kr. */
RFX_HOT uint32_t gr_code(bitreader *b, int *krp, int *kr)
{
    uint32_t vk = 0;
    for (;;) {
        br_refill(b);
        uint64_t inv = ~b->acc;
        int ones = inv ? __builtin_clzll(inv) : 64;
        if (ones < b->n) {
            vk += (uint32_t)ones;
            b->acc <<= ones + 1; /* ones < n <= 63 */
            b->n -= ones + 1;
            break;
        }
        vk += (uint32_t)b->n; /* every buffered bit is a 1 */
        b->acc = 0;
        b->n = 0;
    }
    uint32_t mag = (vk << *kr) | br_bits(b, *kr);
    if (vk == 0) {
        *krp = clamp_kp(*krp - 2);
        *kr = *krp >> LSGR;
    } else if (vk != 1) {
        *krp = clamp_kp(*krp + (vk > KPMAX ? KPMAX : (int)vk));
        *kr = *krp >> LSGR;
    }
    return mag;
}

RFX_HOT int16_t from_2mag_sign(uint32_t v)
{
    /* even: v / 2; odd: -(v + 1) / 2 */
    uint32_t m = (v + 1) >> 1;
    return (int16_t)(uint16_t)((v & 1) ? 0u - m : m);
}

RFX_HOT int min_bits(uint32_t v)
{
    return v ? 32 - __builtin_clz(v) : 0;
}

void wrdp_rfx_rlgr_decode(int mode, const uint8_t *data, size_t len, int16_t *out, size_t count)
{
    bitreader b = {data, data ? data + len : data, 0, 0};
    int k = 1, kp = 1 << LSGR, kr = 1, krp = 1 << LSGR;
    size_t i = 0;
    memset(out, 0, count * sizeof *out);
    while (i < count) {
        if (k) {
            /* run-length mode: each 0 is a run of 1 << k zeros, up to a 1;
             * the 0s are counted in the buffer at once */
            for (;;) {
                br_refill(&b);
                int z = b.acc ? __builtin_clzll(b.acc) : 64;
                if (z > b.n)
                    z = b.n;
                for (int t = 0; t < z; t++) {
                    i += (size_t)1 << k;
                    kp = kp + UP_GR > KPMAX ? KPMAX : kp + UP_GR;
                    k = kp >> LSGR;
                    if (i >= count)
                        return;
                }
                if (z < b.n) {
                    /* z 0s and the 1 (z + 1 <= n <= 63) */
                    b.acc <<= z + 1;
                    b.n -= z + 1;
                    break;
                }
                b.acc = 0;
                b.n = 0;
            }
            i += br_bits(&b, k);
            if (i >= count)
                return;
            uint32_t sign = br_bit(&b);
            uint32_t mag = gr_code(&b, &krp, &kr) + 1;
            out[i++] = (int16_t)(uint16_t)(sign ? 0u - mag : mag);
            kp = clamp_kp(kp - DN_GR);
            k = kp >> LSGR;
        } else if (mode == WRDP_RFX_RLGR1) {
            uint32_t mag = gr_code(&b, &krp, &kr);
            if (!mag) {
                out[i++] = 0;
                kp = clamp_kp(kp + UQ_GR);
            } else {
                out[i++] = from_2mag_sign(mag);
                kp = clamp_kp(kp - DQ_GR);
            }
            k = kp >> LSGR;
        } else {
            /* RLGR3: the sum of two 2*mag-sign values, then the first of them */
            uint32_t mag = gr_code(&b, &krp, &kr);
            uint32_t v1 = br_bits(&b, min_bits(mag));
            uint32_t v2 = mag - v1;
            if (v1 && v2)
                kp = clamp_kp(kp - 2 * DQ_GR);
            else if (!v1 && !v2)
                kp = clamp_kp(kp + 2 * UQ_GR);
            k = kp >> LSGR;
            out[i++] = from_2mag_sign(v1);
            if (i < count)
                out[i++] = from_2mag_sign(v2);
        }
    }
}

/* ---- inverse DWT (3.1.8.1.4) ---------------------------------------------------- */

/* One level: four w x w sub-bands HL, LH, HH, LL at buf -> 2w x 2w at buf. */
static void idwt_level_scalar(int16_t *buf, int16_t *tmp, int w)
{
    const int tw = 2 * w;
    const int16_t *hl = buf, *lh = buf + w * w, *hh = buf + 2 * w * w, *ll = buf + 3 * w * w;
    int16_t *l_dst = tmp, *h_dst = tmp + 2 * w * w;

    /* horizontal: L rows from LL/HL, H rows from LH/HH */
    for (int y = 0; y < w; y++) {
        l_dst[0] = (int16_t)(ll[0] - ((hl[0] + hl[0] + 1) >> 1));
        h_dst[0] = (int16_t)(lh[0] - ((hh[0] + hh[0] + 1) >> 1));
        for (int n = 1; n < w; n++) {
            l_dst[2 * n] = (int16_t)(ll[n] - ((hl[n - 1] + hl[n] + 1) >> 1));
            h_dst[2 * n] = (int16_t)(lh[n] - ((hh[n - 1] + hh[n] + 1) >> 1));
        }
        int n = 0;
        for (; n < w - 1; n++) {
            l_dst[2 * n + 1] = (int16_t)(hl[n] * 2 + ((l_dst[2 * n] + l_dst[2 * n + 2]) >> 1));
            h_dst[2 * n + 1] = (int16_t)(hh[n] * 2 + ((h_dst[2 * n] + h_dst[2 * n + 2]) >> 1));
        }
        l_dst[2 * n + 1] = (int16_t)(hl[n] * 2 + l_dst[2 * n]);
        h_dst[2 * n + 1] = (int16_t)(hh[n] * 2 + h_dst[2 * n]);
        ll += w, hl += w, lh += w, hh += w;
        l_dst += tw, h_dst += tw;
    }

    /* vertical: rows of L (top half of tmp) and H (bottom half) -> buf */
    const int16_t *L = tmp, *H = tmp + w * tw;
    int16_t *even = buf;
    for (int x = 0; x < tw; x++)
        even[x] = (int16_t)(L[x] - ((H[x] + H[x] + 1) >> 1));
    for (int n = 1; n < w; n++) {
        const int16_t *l = L + n * tw, *h = H + n * tw, *hp = H + (n - 1) * tw;
        int16_t *e = buf + 2 * n * tw, *pe = buf + 2 * (n - 1) * tw, *o = buf + (2 * n - 1) * tw;
        for (int x = 0; x < tw; x++) {
            e[x] = (int16_t)(l[x] - ((hp[x] + h[x] + 1) >> 1));
            o[x] = (int16_t)(hp[x] * 2 + ((pe[x] + e[x]) >> 1));
        }
    }
    {
        const int16_t *h = H + (w - 1) * tw;
        int16_t *e = buf + 2 * (w - 1) * tw;
        int16_t *odd = e + tw;
        for (int x = 0; x < tw; x++)
            odd[x] = (int16_t)(h[x] * 2 + e[x]);
    }
}


/* ---- SIMD: SSE2 natively, wasm SIMD128 in the browser -------------------------
 * 16-bit lanes with the same results as the scalar code: the lifting steps'
 * rounded averages are computed without overflow (unsigned average of biased
 * values), everything else wraps exactly like the int16 stores above. */
#if defined(__SSE2__)
#include <emmintrin.h>
#define RFX_SIMD 1
typedef __m128i v16;
static inline v16 vld(const int16_t *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline void vst(void *p, v16 v) { _mm_storeu_si128((__m128i *)p, v); }
static inline v16 vadd(v16 a, v16 b) { return _mm_add_epi16(a, b); }
static inline v16 vsub(v16 a, v16 b) { return _mm_sub_epi16(a, b); }
static inline v16 vxor(v16 a, v16 b) { return _mm_xor_si128(a, b); }
static inline v16 vand(v16 a, v16 b) { return _mm_and_si128(a, b); }
static inline v16 vset(int16_t x) { return _mm_set1_epi16(x); }
static inline v16 vavgu(v16 a, v16 b) { return _mm_avg_epu16(a, b); }
static inline v16 vsra(v16 a, int n) { return _mm_srai_epi16(a, n); }
static inline v16 vshl(v16 a, int n) { return _mm_sll_epi16(a, _mm_cvtsi32_si128(n)); }
static inline v16 vmulhi(v16 a, v16 b) { return _mm_mulhi_epi16(a, b); }
static inline v16 vzip16lo(v16 a, v16 b) { return _mm_unpacklo_epi16(a, b); }
static inline v16 vzip16hi(v16 a, v16 b) { return _mm_unpackhi_epi16(a, b); }
static inline v16 vzip8lo(v16 a, v16 b) { return _mm_unpacklo_epi8(a, b); }
static inline v16 vzip8hi(v16 a, v16 b) { return _mm_unpackhi_epi8(a, b); }
static inline v16 vpacku8(v16 a, v16 b) { return _mm_packus_epi16(a, b); }
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define RFX_SIMD 1
typedef v128_t v16;
static inline v16 vld(const int16_t *p) { return wasm_v128_load(p); }
static inline void vst(void *p, v16 v) { wasm_v128_store(p, v); }
static inline v16 vadd(v16 a, v16 b) { return wasm_i16x8_add(a, b); }
static inline v16 vsub(v16 a, v16 b) { return wasm_i16x8_sub(a, b); }
static inline v16 vxor(v16 a, v16 b) { return wasm_v128_xor(a, b); }
static inline v16 vand(v16 a, v16 b) { return wasm_v128_and(a, b); }
static inline v16 vset(int16_t x) { return wasm_i16x8_splat(x); }
static inline v16 vavgu(v16 a, v16 b) { return wasm_u16x8_avgr(a, b); }
static inline v16 vsra(v16 a, int n) { return wasm_i16x8_shr(a, (uint32_t)n); }
static inline v16 vshl(v16 a, int n) { return wasm_i16x8_shl(a, (uint32_t)n); }
static inline v16 vmulhi(v16 a, v16 b)
{
    v16 lo = wasm_i32x4_extmul_low_i16x8(a, b), hi = wasm_i32x4_extmul_high_i16x8(a, b);
    return wasm_i16x8_shuffle(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15);
}
static inline v16 vzip16lo(v16 a, v16 b) { return wasm_i16x8_shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11); }
static inline v16 vzip16hi(v16 a, v16 b) { return wasm_i16x8_shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15); }
static inline v16 vzip8lo(v16 a, v16 b)
{
    return wasm_i8x16_shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}
static inline v16 vzip8hi(v16 a, v16 b)
{
    return wasm_i8x16_shuffle(a, b, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
}
static inline v16 vpacku8(v16 a, v16 b) { return wasm_u8x16_narrow_i16x8(a, b); }
#endif

#ifdef RFX_SIMD
/* (a + b + 1) >> 1 and (a + b) >> 1 of signed 16-bit values, exactly */
static inline v16 avg_up(v16 a, v16 b)
{
    const v16 k = vset((int16_t)-32768);
    return vxor(vavgu(vxor(a, k), vxor(b, k)), k);
}
static inline v16 avg_down(v16 a, v16 b)
{
    return vsub(avg_up(a, b), vand(vxor(a, b), vset(1)));
}

/* one row of the horizontal pass: low band lo (LL or LH), high band hi (HL or HH), w values each */
static inline void idwt_row(const int16_t *lo, const int16_t *hi, int16_t *out, int w)
{
    int16_t hp[40], e[48];
    hp[0] = hi[0];
    for (int n = 0; n < w; n += 8) /* not memcpy: a libc call in wasm */
        vst(hp + 1 + n, vld(hi + n));
    for (int n = 0; n < w; n += 8)
        vst(e + n, vsub(vld(lo + n), avg_up(vld(hp + n), vld(hi + n))));
    e[w] = e[w - 1];
    for (int n = 0; n < w; n += 8) {
        v16 ev = vld(e + n), h = vld(hi + n);
        v16 od = vadd(vadd(h, h), avg_down(ev, vld(e + n + 1)));
        vst(out + 2 * n, vzip16lo(ev, od));
        vst(out + 2 * n + 8, vzip16hi(ev, od));
    }
}

static void idwt_level(int16_t *buf, int16_t *tmp, int w)
{
    const int tw = 2 * w;
    const int16_t *hl = buf, *lh = buf + w * w, *hh = buf + 2 * w * w, *ll = buf + 3 * w * w;
    for (int y = 0; y < w; y++) {
        idwt_row(ll + y * w, hl + y * w, tmp + y * tw, w);
        idwt_row(lh + y * w, hh + y * w, tmp + (w + y) * tw, w);
    }
    const int16_t *L = tmp, *H = tmp + w * tw;
    for (int x = 0; x < tw; x += 8) {
        v16 h = vld(H + x);
        v16 e = vsub(vld(L + x), avg_up(h, h));
        vst(buf + x, e);
        for (int n = 1; n < w; n++) {
            v16 hn = vld(H + n * tw + x);
            v16 en = vsub(vld(L + n * tw + x), avg_up(h, hn));
            vst(buf + 2 * n * tw + x, en);
            vst(buf + (2 * n - 1) * tw + x, vadd(vadd(h, h), avg_down(e, en)));
            e = en;
            h = hn;
        }
        vst(buf + (2 * w - 1) * tw + x, vadd(vadd(h, h), e));
    }
}

static size_t ycbcr_simd(const int16_t *y, const int16_t *cb, const int16_t *cr, uint8_t *rgba, size_t n)
{
    const v16 c4096 = vset(4096), r_cr = vset(22986), g_cb = vset(-5636), g_cr = vset(-11698), b_cb = vset(28999),
              opaque = vset(255);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        v16 yv = vsra(vadd(vld(y + i), c4096), 2), cbv = vld(cb + i), crv = vld(cr + i);
        v16 r = vsra(vadd(yv, vmulhi(crv, r_cr)), 3);
        v16 g = vsra(vadd(vadd(yv, vmulhi(cbv, g_cb)), vmulhi(crv, g_cr)), 3);
        v16 b = vsra(vadd(yv, vmulhi(cbv, b_cb)), 3);
        v16 rb = vpacku8(r, b), ga = vpacku8(g, opaque);
        v16 rg = vzip8lo(rb, ga), ba = vzip8hi(rb, ga);
        vst(rgba + 4 * i, vzip16lo(rg, ba));
        vst(rgba + 4 * i + 16, vzip16hi(rg, ba));
    }
    return i;
}
#else
#define idwt_level idwt_level_scalar
#endif

void wrdp_rfx_idwt(int16_t *coef, int16_t *tmp)
{
    idwt_level(coef + 3840, tmp, 8);
    idwt_level(coef + 3072, tmp, 16);
    idwt_level(coef, tmp, 32);
}

void wrdp_rfx_idwt_scalar(int16_t *coef, int16_t *tmp)
{
    idwt_level_scalar(coef + 3840, tmp, 8);
    idwt_level_scalar(coef + 3072, tmp, 16);
    idwt_level_scalar(coef, tmp, 32);
}

/* ---- dequantisation (3.1.8.1.5) and LL3 differential (3.1.8.1.6) ---------------- */

static void shift_band(int16_t *c, size_t n, unsigned q)
{
    if (q <= 1)
        return;
    unsigned s = q - 1;
    size_t i = 0;
#ifdef RFX_SIMD
    /* 16-bit lanes: the compiler widens the scalar loop to 32 bits */
    for (; i + 8 <= n; i += 8)
        vst(c + i, vshl(vld(c + i), (int)s));
#endif
    for (; i < n; i++)
        c[i] = (int16_t)(uint16_t)((uint32_t)(uint16_t)c[i] << s);
}

void wrdp_rfx_dequantize(int16_t *coef, const uint8_t q[10])
{
    int16_t *ll3 = coef + 4032;
    for (int i = 1; i < 64; i++)
        ll3[i] = (int16_t)(uint16_t)((uint32_t)(uint16_t)ll3[i] + (uint16_t)ll3[i - 1]);
    shift_band(coef + 0, 1024, q[8]);   /* HL1 */
    shift_band(coef + 1024, 1024, q[7]);/* LH1 */
    shift_band(coef + 2048, 1024, q[9]);/* HH1 */
    shift_band(coef + 3072, 256, q[5]); /* HL2 */
    shift_band(coef + 3328, 256, q[4]); /* LH2 */
    shift_band(coef + 3584, 256, q[6]); /* HH2 */
    shift_band(coef + 3840, 64, q[2]);  /* HL3 */
    shift_band(coef + 3904, 64, q[1]);  /* LH3 */
    shift_band(coef + 3968, 64, q[3]);  /* HH3 */
    shift_band(coef + 4032, 64, q[0]);  /* LL3 */
}

/* ---- YCbCr -> RGB (3.1.8.1.3) ------------------------------------------------ */

static inline uint8_t clip8(int16_t v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

static inline int16_t mulhi(int16_t a, int16_t b)
{
    return (int16_t)(((int32_t)a * b) >> 16);
}

static void ycbcr_scalar(const int16_t *y, const int16_t *cb, const int16_t *cr, uint8_t *rgba, size_t i, size_t n)
{
    for (; i < n; i++) {
        int16_t yy = (int16_t)((int16_t)(uint16_t)((uint16_t)y[i] + 4096u) >> 2);
        int16_t r = (int16_t)(uint16_t)((uint16_t)yy + (uint16_t)mulhi(cr[i], 22986));
        int16_t g = (int16_t)(uint16_t)((uint16_t)yy + (uint16_t)mulhi(cb[i], -5636) + (uint16_t)mulhi(cr[i], -11698));
        int16_t b = (int16_t)(uint16_t)((uint16_t)yy + (uint16_t)mulhi(cb[i], 28999));
        rgba[4 * i + 0] = clip8((int16_t)(r >> 3));
        rgba[4 * i + 1] = clip8((int16_t)(g >> 3));
        rgba[4 * i + 2] = clip8((int16_t)(b >> 3));
        rgba[4 * i + 3] = 255;
    }
}

void wrdp_rfx_ycbcr_to_rgba(const int16_t *y, const int16_t *cb, const int16_t *cr, uint8_t *rgba, size_t n)
{
    size_t i = 0;
#ifdef RFX_SIMD
    i = ycbcr_simd(y, cb, cr, rgba, n);
#endif
    ycbcr_scalar(y, cb, cr, rgba, i, n);
}

/* ---- context ------------------------------------------------------------------- */

wrdp_rfx *wrdp_rfx_new(void)
{
    wrdp_rfx *rfx = wrdp_calloc(1, sizeof *rfx);
    return rfx;
}

void wrdp_rfx_free(wrdp_rfx *rfx)
{
    if (!rfx)
        return;
    wrdp_free(rfx->rects);
    wrdp_free(rfx->dirty);
    wrdp_free(rfx);
}

void wrdp_rfx_reset(wrdp_rfx *rfx)
{
    rfx->have_context = 0;
    rfx->mode = 0;
    rfx->chan_w = rfx->chan_h = 0;
    rfx->nrects = rfx->ndirty = 0;
    rfx->have_region = 0;
}

const wrdp_rect *wrdp_rfx_dirty_rects(const wrdp_rfx *rfx, size_t *count)
{
    *count = rfx->ndirty;
    return rfx->dirty;
}

static int grow(wrdp_rect **arr, size_t *cap, size_t need)
{
    if (need <= *cap)
        return WRDP_OK;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    wrdp_rect *p = wrdp_realloc(*arr, n * sizeof *p);
    if (!p)
        return WRDP_ERR;
    *arr = p;
    *cap = n;
    return WRDP_OK;
}

/* ---- blocks -------------------------------------------------------------------- */

typedef struct msg {
    wrdp_rfx *rfx;
    wrdp_image *dst;
    int64_t x, y;
    wrdp_error *err;
    size_t base; /* offset of the current block in the input */
} msg;

static int fail(msg *m, size_t at, const char *block, const char *what)
{
    if (m->err) {
        wrdp_error_set(m->err, WRDP_ERROR_DECODE, "rfx: %s at offset %zu: %s", block, m->base + at, what);
        m->err->offset = m->base + at;
    }
    return WRDP_ERR;
}

static inline uint16_t u16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t u32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static int add_rect(msg *m, int64_t l, int64_t t, int64_t r, int64_t b)
{
    wrdp_rfx *rfx = m->rfx;
    if (l < 0) l = 0;
    if (t < 0) t = 0;
    if (r > (int64_t)m->dst->width) r = m->dst->width;
    if (b > (int64_t)m->dst->height) b = m->dst->height;
    if (l >= r || t >= b)
        return WRDP_OK;
    if (grow(&rfx->rects, &rfx->rects_cap, rfx->nrects + 1) ||
        grow(&rfx->dirty, &rfx->dirty_cap, rfx->ndirty + 1))
        return wrdp_error_set(m->err, WRDP_ERROR_OUT_OF_MEMORY, "rfx: no memory for region rects");
    wrdp_rect rc = {(int32_t)l, (int32_t)t, (int32_t)r, (int32_t)b};
    rfx->rects[rfx->nrects++] = rc;
    rfx->dirty[rfx->ndirty++] = rc;
    return WRDP_OK;
}

static int parse_region(msg *m, const uint8_t *p, size_t n)
{
    /* after codecId, channelId: regionFlags u8, numRects u16, rects, regionType u16, numTilesets u16 */
    if (n < 3)
        return fail(m, 8, "TS_RFX_REGION", "truncated before numRects");
    uint32_t num = u16(p + 1);
    if (n < 3 + (size_t)num * 8 + 4)
        return fail(m, 9, "TS_RFX_REGION", "numRects larger than the block");
    const uint8_t *q = p + 3 + (size_t)num * 8;
    if (u16(q) != CBT_REGION)
        return fail(m, 11 + (size_t)num * 8, "TS_RFX_REGION", "regionType is not CBT_REGION");
    m->rfx->nrects = 0;
    m->rfx->have_region = 1;
    if (num == 0) {
        /* 2.2.2.3.3: no rects means the whole channel */
        int64_t w = m->rfx->chan_w ? m->rfx->chan_w : (int64_t)m->dst->width - m->x;
        int64_t h = m->rfx->chan_h ? m->rfx->chan_h : (int64_t)m->dst->height - m->y;
        return add_rect(m, m->x, m->y, m->x + w, m->y + h);
    }
    for (uint32_t i = 0; i < num; i++) {
        const uint8_t *r = p + 3 + (size_t)i * 8;
        int64_t l = m->x + u16(r), t = m->y + u16(r + 2);
        if (add_rect(m, l, t, l + u16(r + 4), t + u16(r + 6)))
            return WRDP_ERR;
    }
    return WRDP_OK;
}

static void decode_tile(wrdp_rfx *rfx, int mode, const uint8_t *td, const uint8_t *quants)
{
    /* td: the tile's header after blockType/blockLen (already validated) */
    const uint8_t *data = td + 13;
    size_t len[3] = {u16(td + 7), u16(td + 9), u16(td + 11)};
    for (int c = 0; c < 3; c++) {
        wrdp_rfx_rlgr_decode(mode, data, len[c], rfx->coef[c], TILE_PIXELS);
        uint8_t q[10];
        const uint8_t *qb = quants + (size_t)td[c] * 5;
        for (int j = 0; j < 5; j++) {
            q[2 * j] = qb[j] & 15;
            q[2 * j + 1] = qb[j] >> 4;
        }
        wrdp_rfx_dequantize(rfx->coef[c], q);
        wrdp_rfx_idwt(rfx->coef[c], rfx->tmp);
        data += len[c];
    }
}

static int tile_visible(const msg *m, const uint8_t *td)
{
    int64_t tl = m->x + (int64_t)u16(td + 3) * TILE, tt = m->y + (int64_t)u16(td + 5) * TILE;
    for (size_t i = 0; i < m->rfx->nrects; i++) {
        const wrdp_rect *rc = &m->rfx->rects[i];
        if (tl < rc->right && tl + TILE > rc->left && tt < rc->bottom && tt + TILE > rc->top)
            return 1;
    }
    return 0;
}

static void paint_tile(msg *m, int mode, const uint8_t *td, const uint8_t *quants)
{
    wrdp_rfx *rfx = m->rfx;
    int64_t tl = m->x + (int64_t)u16(td + 3) * TILE, tt = m->y + (int64_t)u16(td + 5) * TILE;
    int64_t tr = tl + TILE, tb = tt + TILE;
    int decoded = 0;
    for (size_t i = 0; i < rfx->nrects; i++) {
        const wrdp_rect *rc = &rfx->rects[i];
        int64_t l = tl > rc->left ? tl : rc->left, t = tt > rc->top ? tt : rc->top;
        int64_t r = tr < rc->right ? tr : rc->right, b = tb < rc->bottom ? tb : rc->bottom;
        if (l >= r || t >= b)
            continue;
        if (!decoded) {
            decode_tile(rfx, mode, td, quants);
            decoded = 1;
            if (l == tl && t == tt && r == tr && b == tb) {
                /* the whole tile is visible: convert straight into dst */
                uint8_t *row = m->dst->data + (size_t)tt * m->dst->stride + (size_t)tl * 4;
                for (int yy = 0; yy < TILE; yy++, row += m->dst->stride)
                    wrdp_rfx_ycbcr_to_rgba(rfx->coef[0] + yy * TILE, rfx->coef[1] + yy * TILE,
                                           rfx->coef[2] + yy * TILE, row, TILE);
                return;
            }
            wrdp_rfx_ycbcr_to_rgba(rfx->coef[0], rfx->coef[1], rfx->coef[2], rfx->tile, TILE_PIXELS);
        }
        size_t w = (size_t)(r - l) * 4;
        for (int64_t yy = t; yy < b; yy++)
            memcpy(m->dst->data + (size_t)yy * m->dst->stride + (size_t)l * 4,
                   rfx->tile + (size_t)(yy - tt) * TILE * 4 + (size_t)(l - tl) * 4, w);
    }
}

static int parse_tileset(msg *m, const uint8_t *p, size_t n)
{
    /* after codecId, channelId: subtype u16, idx u16, properties u16, numQuant u8,
     * tileSize u8, numTiles u16, tilesDataSize u32, quantVals, tiles */
    static const char *B = "TS_RFX_TILESET";
    if (n < 14)
        return fail(m, 8, B, "truncated header");
    if (u16(p) != CBT_TILESET)
        return fail(m, 8, B, "subtype is not CBT_TILESET");
    uint16_t props = u16(p + 4);
    unsigned nq = p[6];
    if (p[7] != TILE)
        return fail(m, 15, B, "tileSize is not 64");
    unsigned ntiles = u16(p + 8);
    uint32_t tds = u32(p + 10);
    if (nq == 0 && ntiles)
        return fail(m, 14, B, "numQuant is 0");
    if ((size_t)nq * 5 > n - 14)
        return fail(m, 14, B, "numQuant larger than the block");
    const uint8_t *quants = p + 14;
    size_t off = 14 + (size_t)nq * 5;
    if (tds > n - off)
        return fail(m, 18, B, "tilesDataSize larger than the block");
    int mode = (props >> 10) & 15;
    if (mode != WRDP_RFX_RLGR1 && mode != WRDP_RFX_RLGR3)
        mode = m->rfx->mode;
    if (mode != WRDP_RFX_RLGR1 && mode != WRDP_RFX_RLGR3)
        return fail(m, 12, B, "no RLGR1/RLGR3 entropy algorithm (tileset before TS_RFX_CONTEXT?)");
    if (!m->rfx->have_region)
        return fail(m, 0, B, "tileset without a TS_RFX_REGION before it");

    /* validate every tile first, so that a bad tileset paints nothing */
    const uint8_t *tiles = p + off, *end = tiles + tds;
    const uint8_t *t = tiles;
    for (unsigned i = 0; i < ntiles; i++) {
        size_t at = 6 + off + (size_t)(t - tiles);
        if (end - t < 6)
            return fail(m, at, B, "tile header past tilesDataSize");
        uint32_t bl = u32(t + 2);
        if (u16(t) != CBT_TILE)
            return fail(m, at, B, "tile blockType is not CBT_TILE");
        if (bl < 19 || bl > (size_t)(end - t))
            return fail(m, at + 2, B, "tile blockLen out of range");
        /* a tile nobody sees may name any quant (IronRDP's tile_set vector does) */
        if ((t[6] >= nq || t[7] >= nq || t[8] >= nq) && tile_visible(m, t + 6))
            return fail(m, at + 6, B, "tile quantIdx out of range");
        if ((size_t)u16(t + 13) + u16(t + 15) + u16(t + 17) > bl - 19)
            return fail(m, at + 13, B, "tile YLen+CbLen+CrLen larger than the tile");
        t += bl;
    }
    t = tiles;
    for (unsigned i = 0; i < ntiles; i++) {
        paint_tile(m, mode, t + 6, quants);
        t += u32(t + 2);
    }
    return WRDP_OK;
}

static int parse_block(msg *m, uint16_t type, const uint8_t *b, size_t bl)
{
    const uint8_t *p = b + 6;
    size_t n = bl - 6;
    wrdp_rfx *rfx = m->rfx;
    switch (type) {
    case WBT_SYNC:
        if (n < 6)
            return fail(m, 6, "TS_RFX_SYNC", "truncated");
        if (u32(p) != 0xCACCACCAu)
            return fail(m, 6, "TS_RFX_SYNC", "bad magic");
        if (u16(p + 4) != 0x0100)
            return fail(m, 10, "TS_RFX_SYNC", "unknown version");
        return WRDP_OK;
    case WBT_CODEC_VERSIONS:
        if (n < 1 || n < 1 + (size_t)p[0] * 3)
            return fail(m, 6, "TS_RFX_CODEC_VERSIONS", "numCodecs larger than the block");
        return WRDP_OK;
    case WBT_CHANNELS:
        if (n < 1 || n < 1 + (size_t)p[0] * 5)
            return fail(m, 6, "TS_RFX_CHANNELS", "numChannels larger than the block");
        if (p[0]) {
            rfx->chan_w = u16(p + 2);
            rfx->chan_h = u16(p + 4);
        }
        return WRDP_OK;
    default:
        break;
    }
    /* codec channel blocks: codecId, channelId */
    if (n < 2)
        return fail(m, 6, "RemoteFX codec channel block", "truncated before codecId/channelId");
    if (p[0] != 1)
        return fail(m, 6, "RemoteFX codec channel block", "codecId is not 1");
    p += 2;
    n -= 2;
    switch (type) {
    case WBT_CONTEXT: {
        if (n < 5)
            return fail(m, 8, "TS_RFX_CONTEXT", "truncated");
        if (u16(p + 1) != TILE)
            return fail(m, 9, "TS_RFX_CONTEXT", "tileSize is not 64");
        int et = (u16(p + 3) >> 9) & 15;
        if (et != WRDP_RFX_RLGR1 && et != WRDP_RFX_RLGR3)
            return fail(m, 11, "TS_RFX_CONTEXT", "entropy algorithm is neither RLGR1 nor RLGR3");
        rfx->mode = et;
        rfx->have_context = 1;
        return WRDP_OK;
    }
    case WBT_FRAME_BEGIN:
        if (n < 6)
            return fail(m, 8, "TS_RFX_FRAME_BEGIN", "truncated");
        rfx->have_region = 0;
        return WRDP_OK;
    case WBT_FRAME_END:
        rfx->have_region = 0;
        return WRDP_OK;
    case WBT_REGION:
        return parse_region(m, p, n);
    case WBT_EXTENSION:
        return parse_tileset(m, p, n);
    default:
        return fail(m, 0, "RemoteFX block", "unknown blockType");
    }
}

int wrdp_rfx_decode(wrdp_rfx *rfx, const uint8_t *data, size_t len, wrdp_image *dst, int32_t x, int32_t y,
                    wrdp_error *err)
{
    if (!rfx || !dst || !dst->data || (!data && len))
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "rfx: missing context, image or data");
    msg m = {rfx, dst, x, y, err, 0};
    rfx->ndirty = 0;
    rfx->nrects = 0;
    rfx->have_region = 0;
    size_t pos = 0;
    while (pos < len) {
        m.base = pos;
        if (len - pos < 6)
            return fail(&m, 0, "RemoteFX block", "truncated block header");
        uint16_t type = u16(data + pos);
        uint32_t bl = u32(data + pos + 2);
        if (bl < 6)
            return fail(&m, 2, "RemoteFX block", "blockLen below 6");
        if (bl > len - pos)
            return fail(&m, 2, "RemoteFX block", "blockLen past the end of the data");
        if (parse_block(&m, type, data + pos, bl))
            return WRDP_ERR;
        pos += bl;
    }
    return WRDP_OK;
}

int wrdp_rfx_decode_stream(const wrdp_codec_input *in, wrdp_image *dst, int32_t x, int32_t y, wrdp_error *err)
{
    wrdp_rfx *rfx = wrdp_rfx_new();
    if (!rfx)
        return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "rfx: no memory for a context");
    int rc = wrdp_rfx_decode(rfx, in->data, in->len, dst, x, y, err);
    wrdp_rfx_free(rfx);
    return rc;
}
