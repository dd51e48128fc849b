/* IMA ADPCM (Microsoft/DVI block layout) and MS ADPCM decoders.
 *
 * IMA block, per channel a 4-byte header (int16 first sample, step index,
 * reserved byte), then groups of 4 bytes per channel in turn, each holding 8
 * nibbles of that channel, low nibble first.
 * MS ADPCM block: predictor index bytes, then int16 deltas, int16 sample1 and
 * int16 sample2 (each one per channel); sample2 is output first, then sample1,
 * then nibbles, high nibble first, alternating channels. */
#include <string.h>

#include <webrdp/codecs/adpcm.h>

static const int16_t ima_step[89] = {
    7,     8,     9,     10,    11,    12,    13,    14,    16,    17,    19,    21,    23,    25,    28,
    31,    34,    37,    41,    45,    50,    55,    60,    66,    73,    80,    88,    97,    107,   118,
    130,   143,   157,   173,   190,   209,   230,   253,   279,   307,   337,   371,   408,   449,   494,
    544,   598,   658,   724,   796,   876,   963,   1060,  1166,  1282,  1411,  1552,  1707,  1878,  2066,
    2272,  2499,  2749,  3024,  3327,  3660,  4026,  4428,  4871,  5358,  5894,  6484,  7132,  7845,  8630,
    9493,  10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767};

static const int8_t ima_index_adjust[8] = {-1, -1, -1, -1, 2, 4, 6, 8};

static const int16_t ms_adapt[16] = {230, 230, 230, 230, 307, 409, 512, 614,
                                     768, 614, 512, 409, 307, 230, 230, 230};

static const int16_t ms_std_coef[7][2] = {{256, 0}, {512, -256}, {0, 0}, {192, 64},
                                          {240, 0}, {460, -208}, {392, -232}};

/* A delta past this saturates every non-zero nibble anyway; the cap keeps
 * hostile streams from overflowing the multiplications. */
#define MS_DELTA_MAX (1 << 20)

static int16_t clamp16(int32_t v)
{
    return (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

static int check_params(uint16_t channels, uint16_t block_align, size_t header, const char *codec,
                        wrdp_error *err)
{
    if (channels < 1 || channels > 2)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "%s: %u channels (1 or 2 expected)", codec,
                              (unsigned)channels);
    if (block_align < header * channels)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "%s: block align %u cannot hold the %zu-byte header",
                              codec, (unsigned)block_align, header * channels);
    return WRDP_OK;
}

/* ---- IMA ------------------------------------------------------------------ */

static size_t ima_block_frames(size_t bytes, uint16_t channels)
{
    size_t hdr = 4u * channels;
    if (bytes < hdr)
        return 0;
    return 1 + (bytes - hdr) / hdr * 8;
}

size_t wrdp_adpcm_ima_frames(size_t len, uint16_t channels, uint16_t block_align)
{
    if (channels < 1 || channels > 2 || block_align < 4u * channels)
        return 0;
    size_t full = len / block_align, rem = len % block_align;
    return full * ima_block_frames(block_align, channels) + (rem ? ima_block_frames(rem, channels) : 0);
}

static void ima_block(const uint8_t *blk, size_t bytes, uint16_t channels, int16_t *out)
{
    size_t frames = ima_block_frames(bytes, channels);
    for (uint16_t ch = 0; ch < channels; ch++) {
        const uint8_t *h = blk + 4 * ch;
        int32_t val = (int16_t)(h[0] | h[1] << 8);
        int index = h[2] > 88 ? 88 : h[2];
        out[ch] = (int16_t)val;
        for (size_t i = 1; i < frames; i++) {
            size_t k = i - 1; /* nibble number in this channel's data */
            const uint8_t *grp = blk + 4u * channels + (k / 8) * 4u * channels + 4u * ch;
            uint8_t b = grp[(k % 8) / 2];
            int nib = (k & 1) ? b >> 4 : b & 0x0f;
            int32_t step = ima_step[index];
            int32_t diff = step >> 3;
            if (nib & 4) diff += step;
            if (nib & 2) diff += step >> 1;
            if (nib & 1) diff += step >> 2;
            val = clamp16((nib & 8) ? val - diff : val + diff);
            index += ima_index_adjust[nib & 7];
            index = index < 0 ? 0 : index > 88 ? 88 : index;
            out[i * channels + ch] = (int16_t)val;
        }
    }
}

int wrdp_adpcm_ima_decode(const uint8_t *in, size_t len, uint16_t channels, uint16_t block_align,
                          int16_t *out, size_t cap_frames, size_t *frames, wrdp_error *err)
{
    *frames = 0;
    if (check_params(channels, block_align, 4, "IMA ADPCM", err) != WRDP_OK)
        return WRDP_ERR;
    size_t rem = len % block_align;
    if (rem && rem < 4u * channels)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "IMA ADPCM: last block of %zu bytes has no room for its header",
                              rem);
    size_t total = wrdp_adpcm_ima_frames(len, channels, block_align);
    if (total > cap_frames)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "IMA ADPCM: %zu frames do not fit in %zu", total, cap_frames);
    size_t pos = 0, done = 0;
    while (pos < len) {
        size_t bytes = len - pos < block_align ? len - pos : block_align;
        ima_block(in + pos, bytes, channels, out + done * channels);
        done += ima_block_frames(bytes, channels);
        pos += bytes;
    }
    *frames = done;
    return WRDP_OK;
}

/* ---- MS ADPCM --------------------------------------------------------------- */

static size_t ms_block_frames(size_t bytes, uint16_t channels)
{
    size_t hdr = 7u * channels;
    if (bytes < hdr)
        return 0;
    return 2 + (bytes - hdr) * 2 / channels;
}

size_t wrdp_adpcm_ms_frames(size_t len, uint16_t channels, uint16_t block_align)
{
    if (channels < 1 || channels > 2 || block_align < 7u * channels)
        return 0;
    size_t full = len / block_align, rem = len % block_align;
    return full * ms_block_frames(block_align, channels) + (rem ? ms_block_frames(rem, channels) : 0);
}

static int ms_block(const uint8_t *blk, size_t bytes, uint16_t channels, const int16_t (*coef)[2], size_t ncoef,
                    int16_t *out, wrdp_error *err)
{
    int32_t c1[2], c2[2], delta[2], s1[2], s2[2];
    const uint8_t *p = blk;
    for (uint16_t ch = 0; ch < channels; ch++) {
        uint8_t pred = *p++;
        if (pred >= ncoef)
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "MS ADPCM: predictor %u past the %zu coefficient pairs",
                                  (unsigned)pred, ncoef);
        c1[ch] = coef[pred][0];
        c2[ch] = coef[pred][1];
    }
    for (uint16_t ch = 0; ch < channels; ch++, p += 2)
        delta[ch] = (int16_t)(p[0] | p[1] << 8);
    for (uint16_t ch = 0; ch < channels; ch++, p += 2)
        s1[ch] = (int16_t)(p[0] | p[1] << 8);
    for (uint16_t ch = 0; ch < channels; ch++, p += 2)
        s2[ch] = (int16_t)(p[0] | p[1] << 8);
    for (uint16_t ch = 0; ch < channels; ch++) {
        out[ch] = (int16_t)s2[ch];
        out[channels + ch] = (int16_t)s1[ch];
    }
    size_t nibbles = (bytes - 7u * channels) * 2;
    size_t want = (ms_block_frames(bytes, channels) - 2) * channels;
    if (nibbles > want)
        nibbles = want;
    int16_t *o = out + 2u * channels;
    for (size_t i = 0; i < nibbles; i++) {
        uint8_t b = p[i / 2];
        int nib = (i & 1) ? b & 0x0f : b >> 4;
        unsigned ch = (unsigned)(i % channels);
        int32_t step = delta[ch];
        int32_t next = (int32_t)(((int64_t)ms_adapt[nib] * step) >> 8);
        delta[ch] = next < 16 ? 16 : next > MS_DELTA_MAX ? MS_DELTA_MAX : next;
        int32_t predicted = (s1[ch] * c1[ch] + s2[ch] * c2[ch]) >> 8;
        int32_t signed_nib = nib - ((nib & 8) << 1);
        int64_t v = (int64_t)signed_nib * step + predicted;
        int16_t sample = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
        s2[ch] = s1[ch];
        s1[ch] = sample;
        o[i] = sample;
    }
    return WRDP_OK;
}

int wrdp_adpcm_ms_decode(const uint8_t *in, size_t len, uint16_t channels, uint16_t block_align,
                         const uint8_t *extra, size_t extra_len, int16_t *out, size_t cap_frames,
                         size_t *frames, wrdp_error *err)
{
    int16_t coef[256][2];
    size_t ncoef = 7;
    *frames = 0;
    if (check_params(channels, block_align, 7, "MS ADPCM", err) != WRDP_OK)
        return WRDP_ERR;
    memcpy(coef, ms_std_coef, sizeof ms_std_coef);
    if (extra && extra_len >= 4) {
        size_t n = (size_t)(extra[2] | extra[3] << 8);
        size_t avail = (extra_len - 4) / 4;
        if (n > avail)
            n = avail; /* a short table: use the pairs that are there */
        if (n > 256)
            n = 256;
        for (size_t i = 7; i < n; i++) {
            const uint8_t *q = extra + 4 + 4 * i;
            coef[i][0] = (int16_t)(q[0] | q[1] << 8);
            coef[i][1] = (int16_t)(q[2] | q[3] << 8);
        }
        if (n > ncoef)
            ncoef = n;
    }
    size_t rem = len % block_align;
    if (rem && rem < 7u * channels)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "MS ADPCM: last block of %zu bytes has no room for its header",
                              rem);
    size_t total = wrdp_adpcm_ms_frames(len, channels, block_align);
    if (total > cap_frames)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "MS ADPCM: %zu frames do not fit in %zu", total, cap_frames);
    size_t pos = 0, done = 0;
    while (pos < len) {
        size_t bytes = len - pos < block_align ? len - pos : block_align;
        if (ms_block(in + pos, bytes, channels, (const int16_t(*)[2])coef, ncoef, out + done * channels, err) !=
            WRDP_OK)
            return WRDP_ERR;
        done += ms_block_frames(bytes, channels);
        pos += bytes;
    }
    *frames = done;
    return WRDP_OK;
}
