/* IMA and MS ADPCM against SoX's own decode of SoX-encoded files
 * (tests/vectors/webrdp/adpcm/README.md says how they were made), then the
 * hostile cases: short blocks, bad parameters, out-of-range step index and
 * predictor, small output buffers. */
#include <webrdp/codecs/adpcm.h>

#include "test.h"

typedef struct wav {
    uint8_t *file;
    uint16_t tag, channels, block_align;
    uint32_t rate;
    const uint8_t *extra;
    size_t extra_len;
    const uint8_t *data;
    size_t data_len;
} wav;

/* Just enough RIFF to find "fmt " and "data" in the committed files. */
static int wav_load(const char *path, wav *w)
{
    size_t len;
    memset(w, 0, sizeof *w);
    w->file = test_read_file(path, &len);
    if (len < 12 || memcmp(w->file, "RIFF", 4) || memcmp(w->file + 8, "WAVE", 4))
        return -1;
    size_t pos = 12;
    while (pos + 8 <= len) {
        const uint8_t *c = w->file + pos;
        size_t n = (size_t)c[4] | (size_t)c[5] << 8 | (size_t)c[6] << 16 | (size_t)c[7] << 24;
        if (n > len - pos - 8)
            return -1;
        if (!memcmp(c, "fmt ", 4) && n >= 16) {
            w->tag = (uint16_t)(c[8] | c[9] << 8);
            w->channels = (uint16_t)(c[10] | c[11] << 8);
            w->rate = (uint32_t)(c[12] | c[13] << 8 | c[14] << 16 | (uint32_t)c[15] << 24);
            w->block_align = (uint16_t)(c[20] | c[21] << 8);
            if (n >= 18) {
                w->extra_len = (size_t)(c[24] | c[25] << 8);
                w->extra = c + 26;
                if (w->extra_len > n - 18)
                    return -1;
            }
        } else if (!memcmp(c, "data", 4)) {
            w->data = c + 8;
            w->data_len = n;
        }
        pos += 8 + n + (n & 1);
    }
    return w->data ? 0 : -1;
}

static void check_against_sox(const char *name, const char *wav_path, const char *raw_path)
{
    wav w;
    CHECK(wav_load(wav_path, &w) == 0);
    size_t raw_len;
    uint8_t *raw = test_read_file(raw_path, &raw_len);
    size_t want = w.tag == 0x11 ? wrdp_adpcm_ima_frames(w.data_len, w.channels, w.block_align)
                                : wrdp_adpcm_ms_frames(w.data_len, w.channels, w.block_align);
    CHECK_EQ(want * w.channels * 2, raw_len);
    int16_t *pcm = calloc(want * w.channels + 1, sizeof *pcm);
    size_t frames = 0;
    wrdp_error err = {0};
    int rc = w.tag == 0x11 ? wrdp_adpcm_ima_decode(w.data, w.data_len, w.channels, w.block_align, pcm, want,
                                                   &frames, &err)
                           : wrdp_adpcm_ms_decode(w.data, w.data_len, w.channels, w.block_align, w.extra,
                                                  w.extra_len, pcm, want, &frames, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", name, err.message);
    CHECK_EQ(frames, want);
    size_t diffs = 0, first = 0;
    for (size_t i = 0; i < frames * w.channels; i++) {
        int16_t ref = (int16_t)(raw[2 * i] | raw[2 * i + 1] << 8);
        if (pcm[i] != ref && diffs++ == 0)
            first = i;
    }
    CHECK_MSG(diffs == 0, "%s: %zu samples differ from SoX, first at %zu", name, diffs, first);
    /* the decoder is not fooled by a tight buffer: one frame less is refused */
    rc = w.tag == 0x11 ? wrdp_adpcm_ima_decode(w.data, w.data_len, w.channels, w.block_align, pcm, want - 1,
                                               &frames, &err)
                       : wrdp_adpcm_ms_decode(w.data, w.data_len, w.channels, w.block_align, w.extra,
                                              w.extra_len, pcm, want - 1, &frames, &err);
    CHECK(rc == WRDP_ERR && err.kind == WRDP_ERROR_LIMIT);
    /* a cut stream decodes its whole blocks and the nibble groups of the last */
    size_t cut = w.data_len - w.data_len % w.block_align + w.block_align / 2;
    if (cut < w.data_len) {
        size_t f2 = 0;
        rc = w.tag == 0x11 ? wrdp_adpcm_ima_decode(w.data, cut, w.channels, w.block_align, pcm, want, &f2, &err)
                           : wrdp_adpcm_ms_decode(w.data, cut, w.channels, w.block_align, w.extra, w.extra_len,
                                                  pcm, want, &f2, &err);
        CHECK(rc == WRDP_OK);
        CHECK(f2 > 0 && f2 < want);
        for (size_t i = 0; i < f2 * w.channels; i++)
            if (pcm[i] != (int16_t)(raw[2 * i] | raw[2 * i + 1] << 8)) {
                CHECK_MSG(0, "%s: cut stream differs at %zu", name, i);
                break;
            }
    }
    free(pcm);
    free(raw);
    free(w.file);
}

static void test_hostile(void)
{
    int16_t out[4096];
    size_t frames;
    wrdp_error err = {0};
    uint8_t blk[256];
    memset(blk, 0xff, sizeof blk);

    /* parameters */
    CHECK(wrdp_adpcm_ima_decode(blk, 64, 0, 64, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK(wrdp_adpcm_ima_decode(blk, 64, 3, 64, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK(wrdp_adpcm_ima_decode(blk, 64, 2, 7, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK(wrdp_adpcm_ms_decode(blk, 64, 2, 13, NULL, 0, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK(wrdp_adpcm_ms_decode(blk, 64, 1, 0, NULL, 0, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK_EQ(wrdp_adpcm_ima_frames(64, 2, 0), 0);
    CHECK_EQ(wrdp_adpcm_ms_frames(64, 3, 256), 0);

    /* a last block shorter than its header */
    CHECK(wrdp_adpcm_ima_decode(blk, 36 + 3, 1, 36, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK(err.kind == WRDP_ERROR_DECODE);
    CHECK(wrdp_adpcm_ms_decode(blk, 32 + 5, 1, 32, NULL, 0, out, 4096, &frames, &err) == WRDP_ERR);

    /* IMA: a step index of 255 is clamped to 88; all-ones nibbles saturate at -32768 */
    memset(blk, 0xff, sizeof blk);
    blk[0] = 0x00; blk[1] = 0x00; blk[2] = 255;
    CHECK(wrdp_adpcm_ima_decode(blk, 36, 1, 36, out, 4096, &frames, &err) == WRDP_OK);
    CHECK_EQ(frames, 65);
    CHECK_EQ(out[0], 0);
    /* index 88 (step 32767), nibble 0xf: diff = 32767>>3 + 32767 + 16383 + 8191 */
    CHECK_EQ((uint16_t)out[1], (uint16_t)-32768);
    CHECK_EQ((uint16_t)out[64], (uint16_t)-32768);

    /* IMA: the exact first steps from index 0, value 0, nibbles 7 then 0 */
    memset(blk, 0, sizeof blk);
    blk[4] = 0x07; /* first nibble 7 (low), second 0 */
    CHECK(wrdp_adpcm_ima_decode(blk, 8, 1, 8, out, 4096, &frames, &err) == WRDP_OK);
    CHECK_EQ(frames, 9);
    CHECK_EQ(out[1], (7 >> 3) + 7 + (7 >> 1) + (7 >> 2)); /* step 7, nibble 7: 11 */
    CHECK_EQ(out[2], 11 + (16 >> 3)); /* index 0 + 8 = 8: step 16, nibble 0 adds 16 >> 3 */

    /* MS ADPCM: a predictor past the table is refused */
    memset(blk, 0, sizeof blk);
    blk[0] = 7;
    CHECK(wrdp_adpcm_ms_decode(blk, 32, 1, 32, NULL, 0, out, 4096, &frames, &err) == WRDP_ERR);
    CHECK(err.kind == WRDP_ERROR_DECODE);
    /* ... unless the format's extra data brings an 8th pair */
    uint8_t extra[4 + 8 * 4] = {0xf4, 0x01, 8, 0};
    extra[4 + 7 * 4] = 0x00; extra[4 + 7 * 4 + 1] = 0x01; /* (256, 0) */
    CHECK(wrdp_adpcm_ms_decode(blk, 32, 1, 32, extra, sizeof extra, out, 4096, &frames, &err) == WRDP_OK);
    CHECK_EQ(frames, 2 + 25 * 2);
    /* a huge delta with maximal nibbles saturates and never overflows */
    memset(blk, 0x77, sizeof blk);
    blk[0] = 1;
    blk[1] = 0xff; blk[2] = 0x7f; /* delta 32767 */
    CHECK(wrdp_adpcm_ms_decode(blk, 256, 1, 256, NULL, 0, out, 4096, &frames, &err) == WRDP_OK);
    CHECK_EQ(frames, 500);
    CHECK_EQ(out[499], 32767);
    /* stereo: a block of exactly the header holds the two header samples only */
    memset(blk, 0, sizeof blk);
    blk[6] = 0x34; blk[7] = 0x12; /* ch0 sample1 */
    blk[10] = 0x78; blk[11] = 0x56; /* ch0 sample2 */
    CHECK(wrdp_adpcm_ms_decode(blk, 14, 2, 14, NULL, 0, out, 4096, &frames, &err) == WRDP_OK);
    CHECK_EQ(frames, 2);
    CHECK_EQ(out[0], 0x5678); /* sample2 first */
    CHECK_EQ(out[2], 0x1234);
    CHECK(wrdp_adpcm_ima_decode(blk, 0, 2, 16, out, 0, &frames, &err) == WRDP_OK);
    CHECK_EQ(frames, 0);
}

int main(void)
{
    check_against_sox("ima stereo", "vectors/webrdp/adpcm/ima.wav", "vectors/webrdp/adpcm/ima_decoded.raw");
    check_against_sox("ms stereo", "vectors/webrdp/adpcm/ms.wav", "vectors/webrdp/adpcm/ms_decoded.raw");
    check_against_sox("ima mono", "vectors/webrdp/adpcm/ima_mono.wav", "vectors/webrdp/adpcm/ima_mono_decoded.raw");
    check_against_sox("ms mono", "vectors/webrdp/adpcm/ms_mono.wav", "vectors/webrdp/adpcm/ms_mono_decoded.raw");
    test_hostile();
    return test_finish("codecs_adpcm");
}
