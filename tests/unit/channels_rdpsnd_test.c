/* RDPSND: every tests/vectors/pdu/channels/rdpsnd_* vector decoded field by
 * field and re-encoded to identical bytes; the client processor through a
 * whole exchange (formats, training, Wave Info + Wave, Wave2 with PCM, IMA
 * and MS ADPCM checked against SoX's decode, volume, pitch, close); the Wave
 * Confirm timestamps; hostile sizes.
 *
 * Real peer missing: FreeRDP 2.11's shadow server (tests/peers) joins "rdpsnd"
 * and negotiates formats, but its X11 subsystem never captures sound (only the
 * Windows and macOS subsystems call SendSamples), so no Wave PDU can come from
 * it on this machine. The exchange below is therefore a recording made with
 * our encoders of the sequence an RDPSND server sends (Server Audio Formats,
 * Training, Wave Info + Wave, Wave2, Volume, Pitch, Close), with real audio:
 * the SoX-encoded IMA / MS ADPCM blocks of tests/vectors/webrdp/adpcm. */
#include <webrdp/channels/rdpsnd.h>

#include "test.h"

#define VEC "vectors/pdu/channels/"

static void check_reencode(const char *name, const uint8_t *want, size_t len, wrdp_writer *w)
{
    CHECK_MSG(w->len == len && memcmp(w->data, want, len) == 0, "%s: re-encoded %zu bytes, expected %zu", name,
              w->len, len);
}

static void test_format_list(const wrdp_rdpsnd_formats *f)
{
    CHECK_EQ(f->version, 5);
    CHECK_EQ(f->count, 5);
    static const uint16_t tags[5] = {1, 6, 7, 2, 0x11};
    static const uint32_t avg[5] = {88200, 44100, 44100, 22311, 22201};
    static const uint16_t align[5] = {4, 2, 2, 1024, 1024};
    static const uint16_t bits[5] = {16, 8, 8, 4, 4};
    static const uint16_t cb[5] = {0, 0, 0, 32, 2};
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(f->formats[i].format_tag, tags[i]);
        CHECK_EQ(f->formats[i].channels, 2);
        CHECK_EQ(f->formats[i].samples_per_sec, 22050);
        CHECK_EQ(f->formats[i].avg_bytes_per_sec, avg[i]);
        CHECK_EQ(f->formats[i].block_align, align[i]);
        CHECK_EQ(f->formats[i].bits_per_sample, bits[i]);
        CHECK_EQ(f->formats[i].cb_size, cb[i]);
    }
    static const uint8_t ms_extra[32] = {0xf4, 0x03, 0x07, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
                                         0xff, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x40, 0x00, 0xf0, 0x00,
                                         0x00, 0x00, 0xcc, 0x01, 0x30, 0xff, 0x88, 0x01, 0x18, 0xff};
    CHECK(f->formats[3].data && memcmp(f->formats[3].data, ms_extra, 32) == 0);
    CHECK(f->formats[4].data && f->formats[4].data[0] == 0xf9 && f->formats[4].data[1] == 0x03);
}

/* every prefix of a vector fails to decode (none of these PDUs is complete early) */
typedef int (*decode_fn)(const uint8_t *, size_t, void *, wrdp_error *);

static void test_vectors(void)
{
    size_t len;
    uint8_t *v;
    wrdp_error err = {0};
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 16, &err);

    /* the manifest lists exactly the vectors this test reads */
    size_t mlen;
    uint8_t *m = test_read_file(VEC "manifest.json", &mlen);
    char *text = calloc(mlen + 1, 1);
    memcpy(text, m, mlen);
    int listed = 0;
    for (char *p = text; (p = strstr(p, "\"pdu/channels/rdpsnd_")) != NULL; p++)
        listed++;
    CHECK_EQ(listed, 7);
    free(text);
    free(m);

    static wrdp_rdpsnd_formats f;
    v = test_read_file(VEC "rdpsnd_server_format.bin", &len);
    CHECK(wrdp_rdpsnd_decode_formats(v, len, &f, &err) == WRDP_OK);
    test_format_list(&f);
    CHECK_EQ(f.flags, 0);
    CHECK_EQ(f.volume, 0);
    CHECK_EQ(f.pitch, 0);
    CHECK_EQ(f.last_block_confirmed, 0);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_formats(&w, &f) == WRDP_OK);
    check_reencode("server_format", v, len, &w);
    for (size_t n = 0; n < len; n++)
        CHECK(wrdp_rdpsnd_decode_formats(v, n, &f, &err) == WRDP_ERR);
    free(v);

    v = test_read_file(VEC "rdpsnd_client_format.bin", &len);
    CHECK(wrdp_rdpsnd_decode_formats(v, len, &f, &err) == WRDP_OK);
    test_format_list(&f);
    CHECK_EQ(f.flags, WRDP_RDPSND_TSSNDCAPS_ALIVE | WRDP_RDPSND_TSSNDCAPS_VOLUME);
    CHECK_EQ(f.volume, 0xFFFFFFFFu);
    CHECK_EQ(f.pitch, 0xF9F700);
    CHECK_EQ(f.dgram_port, 0);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_formats(&w, &f) == WRDP_OK);
    check_reencode("client_format", v, len, &w);
    free(v);

    wrdp_rdpsnd_training t;
    v = test_read_file(VEC "rdpsnd_training.bin", &len);
    CHECK(wrdp_rdpsnd_decode_training(v, len, &t, &err) == WRDP_OK);
    CHECK_EQ(t.timestamp, 0x89da);
    CHECK_EQ(t.pack_size, 9); /* the whole PDU's size, as MS-RDPEA 2.2.3.1 asks */
    CHECK(t.data.len == 1 && t.data.data[0] == 0x42);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_training(&w, &t) == WRDP_OK);
    check_reencode("training", v, len, &w);
    for (size_t n = 0; n < 8; n++)
        CHECK(wrdp_rdpsnd_decode_training(v, n, &t, &err) == WRDP_ERR);
    free(v);

    v = test_read_file(VEC "rdpsnd_training_confirm.bin", &len);
    CHECK(wrdp_rdpsnd_decode_training_confirm(v, len, &t, &err) == WRDP_OK);
    CHECK_EQ(t.timestamp, 0x89da);
    CHECK_EQ(t.pack_size, 0x400);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_training_confirm(&w, &t) == WRDP_OK);
    check_reencode("training_confirm", v, len, &w);
    free(v);

    /* IronRDP's "wave" test is Wave Info + Wave; the vector holds the Wave Info part */
    wrdp_rdpsnd_wave_info wi;
    v = test_read_file(VEC "rdpsnd_wave.bin", &len);
    CHECK(wrdp_rdpsnd_decode_wave_info(v, len, &wi, &err) == WRDP_OK);
    CHECK_EQ(wi.timestamp, 44503);
    CHECK_EQ(wi.format_no, 15);
    CHECK_EQ(wi.block_no, 8);
    CHECK(memcmp(wi.data, "\x01\x02\x03\x04", 4) == 0);
    CHECK_EQ(wi.audio_len, 8);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_wave_info(&w, &wi) == WRDP_OK);
    check_reencode("wave", v, len, &w);
    for (size_t n = 0; n < len; n++)
        CHECK(wrdp_rdpsnd_decode_wave_info(v, n, &wi, &err) == WRDP_ERR);
    free(v);
    /* ... and the Wave PDU that follows it in IronRDP's test */
    static const uint8_t audio8[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    static const uint8_t wave_pdu[8] = {0, 0, 0, 0, 5, 6, 7, 8};
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_wave(&w, audio8, 8) == WRDP_OK);
    check_reencode("wave pdu", wave_pdu, 8, &w);

    wrdp_rdpsnd_wave2 w2;
    v = test_read_file(VEC "rdpsnd_wave2.bin", &len);
    CHECK(wrdp_rdpsnd_decode_wave2(v, len, &w2, &err) == WRDP_OK);
    CHECK_EQ(w2.timestamp, 0xa116);
    CHECK_EQ(w2.audio_timestamp, 0xdacb8c2);
    CHECK_EQ(w2.format_no, 3);
    CHECK_EQ(w2.block_no, 2);
    CHECK(w2.data.len == 8 && memcmp(w2.data.data, audio8, 8) == 0);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_wave2(&w, &w2) == WRDP_OK);
    check_reencode("wave2", v, len, &w);
    for (size_t n = 0; n < 16; n++)
        CHECK(wrdp_rdpsnd_decode_wave2(v, n, &w2, &err) == WRDP_ERR);
    free(v);

    wrdp_rdpsnd_wave_confirm cf;
    v = test_read_file(VEC "rdpsnd_wave_confirm.bin", &len);
    CHECK(wrdp_rdpsnd_decode_wave_confirm(v, len, &cf, &err) == WRDP_OK);
    CHECK_EQ(cf.timestamp, 0x5ab7);
    CHECK_EQ(cf.block_no, 8);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_wave_confirm(&w, &cf) == WRDP_OK);
    check_reencode("wave_confirm", v, len, &w);
    free(v);

    /* the small PDUs without public vectors: bytes from MS-RDPEA 2.2 */
    uint8_t buf[16];
    uint32_t u;
    uint16_t q;
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_volume(&w, 0x8000FFFFu) == WRDP_OK);
    CHECK_EQ(test_hex("03 00 04 00 ff ff 00 80", buf, sizeof buf), w.len);
    CHECK_MEM(w.data, buf, w.len);
    CHECK(wrdp_rdpsnd_decode_u32_body(w.data, w.len, WRDP_RDPSND_SETVOLUME, &u, &err) == WRDP_OK);
    CHECK_EQ(u, 0x8000FFFFu);
    CHECK(wrdp_rdpsnd_decode_u32_body(w.data, w.len, WRDP_RDPSND_SETPITCH, &u, &err) == WRDP_ERR);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_pitch(&w, 0x00010000u) == WRDP_OK);
    CHECK_EQ(test_hex("04 00 04 00 00 00 01 00", buf, sizeof buf), w.len);
    CHECK_MEM(w.data, buf, w.len);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_close(&w) == WRDP_OK);
    CHECK_EQ(test_hex("01 00 00 00", buf, sizeof buf), w.len);
    CHECK_MEM(w.data, buf, w.len);
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_quality_mode(&w, WRDP_RDPSND_HIGH_QUALITY) == WRDP_OK);
    CHECK_EQ(test_hex("0c 00 04 00 02 00 00 00", buf, sizeof buf), w.len);
    CHECK_MEM(w.data, buf, w.len);
    CHECK(wrdp_rdpsnd_decode_quality_mode(w.data, w.len, &q, &err) == WRDP_OK);
    CHECK_EQ(q, 2);
    CHECK(wrdp_rdpsnd_decode_quality_mode(w.data, w.len - 1, &q, &err) == WRDP_ERR);
    wrdp_writer_free(&w);
}

/* ---- the processor ---------------------------------------------------------------- */

typedef struct wavfile {
    uint8_t *file;
    wrdp_audio_format fmt;
    const uint8_t *data;
    size_t data_len;
} wavfile;

static void wav_load(const char *path, wavfile *w)
{
    size_t len, pos = 12;
    memset(w, 0, sizeof *w);
    w->file = test_read_file(path, &len);
    while (pos + 8 <= len) {
        const uint8_t *c = w->file + pos;
        size_t n = (size_t)(c[4] | c[5] << 8 | c[6] << 16);
        if (!memcmp(c, "fmt ", 4)) {
            w->fmt.format_tag = (uint16_t)(c[8] | c[9] << 8);
            w->fmt.channels = (uint16_t)(c[10] | c[11] << 8);
            w->fmt.samples_per_sec = (uint32_t)(c[12] | c[13] << 8 | c[14] << 16);
            w->fmt.avg_bytes_per_sec = (uint32_t)(c[16] | c[17] << 8 | c[18] << 16);
            w->fmt.block_align = (uint16_t)(c[20] | c[21] << 8);
            w->fmt.bits_per_sample = (uint16_t)(c[22] | c[23] << 8);
            w->fmt.cb_size = (uint16_t)(c[24] | c[25] << 8);
            w->fmt.data = c + 26;
        } else if (!memcmp(c, "data", 4)) {
            w->data = c + 8;
            w->data_len = n;
        }
        pos += 8 + n + (n & 1);
    }
    CHECK(w->data != NULL);
}

static int16_t raw_at(const uint8_t *raw, size_t i)
{
    return (int16_t)(raw[2 * i] | raw[2 * i + 1] << 8);
}

/* Sends Wave Info + Wave for `audio` and returns the output after the Wave. */
static int send_wave(wrdp_rdpsnd *p, uint16_t ts, uint16_t fmt, uint8_t block, const uint8_t *audio, size_t len,
                     uint32_t t_info, uint32_t t_wave, wrdp_writer *out)
{
    wrdp_error err = {0};
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, &err);
    wrdp_rdpsnd_wave_info wi = {0};
    wi.timestamp = ts;
    wi.format_no = fmt;
    wi.block_no = block;
    memcpy(wi.data, audio, 4);
    wi.audio_len = (uint32_t)len;
    CHECK(wrdp_rdpsnd_encode_wave_info(&w, &wi) == WRDP_OK);
    wrdp_writer_reset(out);
    CHECK(wrdp_rdpsnd_process_at(p, w.data, w.len, t_info, out) == WRDP_OK);
    CHECK_EQ(out->len, 0); /* nothing until the Wave PDU */
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_wave(&w, audio, len) == WRDP_OK);
    int rc = wrdp_rdpsnd_process_at(p, w.data, w.len, t_wave, out);
    wrdp_writer_free(&w);
    return rc;
}

static void check_confirm(const wrdp_writer *out, uint16_t ts, uint8_t block)
{
    uint8_t want[8] = {0x05, 0x00, 0x04, 0x00, (uint8_t)ts, (uint8_t)(ts >> 8), block, 0x00};
    CHECK_MSG(out->len == 8 && memcmp(out->data, want, 8) == 0, "Wave Confirm for ts %u block %u (got %zu bytes)",
              (unsigned)ts, (unsigned)block, out->len);
}

static void test_exchange(void)
{
    wrdp_error err = {0};
    wrdp_writer out, w;
    wrdp_writer_init(&out, 1 << 20, &err);
    wrdp_writer_init(&w, 1 << 20, &err);
    wrdp_rdpsnd_event ev;
    size_t len;

    /* 1. IronRDP's server format list (version 5): PCM, MS ADPCM and IMA answered, A-law and mu-law not */
    wrdp_rdpsnd *p = wrdp_rdpsnd_new();
    uint8_t *v = test_read_file(VEC "rdpsnd_server_format.bin", &len);
    CHECK(wrdp_rdpsnd_process(p, v, len, &out) == WRDP_OK);
    size_t pos = 0;
    wrdp_bytes msg;
    int nmsg = 0;
    static wrdp_rdpsnd_formats cf;
    while (wrdp_rdpsnd_next_output(out.data, out.len, &pos, &msg)) {
        if (nmsg++ == 0) {
            CHECK(wrdp_rdpsnd_decode_formats(msg.data, msg.len, &cf, &err) == WRDP_OK);
        }
    }
    CHECK_EQ(nmsg, 1); /* version 5: no Quality Mode */
    CHECK_EQ(cf.count, 3);
    CHECK_EQ(cf.formats[0].format_tag, WRDP_WAVE_FORMAT_PCM);
    CHECK_EQ(cf.formats[1].format_tag, WRDP_WAVE_FORMAT_ADPCM);
    CHECK_EQ(cf.formats[1].cb_size, 32);
    CHECK_EQ(cf.formats[2].format_tag, WRDP_WAVE_FORMAT_DVI_ADPCM);
    CHECK_EQ(cf.version, WRDP_RDPSND_CLIENT_VERSION);
    CHECK_EQ(cf.flags, WRDP_RDPSND_TSSNDCAPS_ALIVE | WRDP_RDPSND_TSSNDCAPS_VOLUME);
    CHECK_EQ(cf.dgram_port, 0);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1);
    CHECK_EQ(ev.kind, WRDP_RDPSND_EVENT_FORMATS);
    CHECK_EQ(ev.count, 3);
    CHECK_EQ(ev.version, 5);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 0);

    /* the same list at version 6 adds Quality Mode (high) after the formats */
    v[21] = 6; /* wVersion */
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, v, len, &out) == WRDP_OK);
    pos = 0;
    nmsg = 0;
    while (wrdp_rdpsnd_next_output(out.data, out.len, &pos, &msg))
        if (nmsg++ == 1)
            CHECK(msg.len == 8 && memcmp(msg.data, "\x0c\x00\x04\x00\x02\x00\x00\x00", 8) == 0);
    CHECK_EQ(nmsg, 2);
    free(v);
    wrdp_rdpsnd_free(p);

    /* 2. the shadow server's sequence, with the formats our SoX vectors use */
    wavfile ima, ms;
    wav_load("vectors/webrdp/adpcm/ima.wav", &ima);
    wav_load("vectors/webrdp/adpcm/ms.wav", &ms);
    size_t ima_raw_len, ms_raw_len;
    uint8_t *ima_raw = test_read_file("vectors/webrdp/adpcm/ima_decoded.raw", &ima_raw_len);
    uint8_t *ms_raw = test_read_file("vectors/webrdp/adpcm/ms_decoded.raw", &ms_raw_len);

    static wrdp_rdpsnd_formats sf;
    memset(&sf, 0, sizeof sf);
    sf.version = 6;
    wrdp_audio_format pcm16 = {WRDP_WAVE_FORMAT_PCM, 2, 44100, 176400, 4, 16, 0, NULL};
    wrdp_audio_format pcm8 = {WRDP_WAVE_FORMAT_PCM, 1, 8000, 8000, 1, 8, 0, NULL};
    wrdp_audio_format alaw = {WRDP_WAVE_FORMAT_ALAW, 2, 22050, 44100, 2, 8, 0, NULL};
    wrdp_audio_format odd_rate = {WRDP_WAVE_FORMAT_PCM, 2, 32000, 128000, 4, 16, 0, NULL};
    wrdp_audio_format three_ch = {WRDP_WAVE_FORMAT_PCM, 3, 48000, 288000, 6, 16, 0, NULL};
    sf.formats[sf.count++] = alaw;      /* server 0: not ours */
    sf.formats[sf.count++] = pcm16;     /* server 1 -> client 0 */
    sf.formats[sf.count++] = odd_rate;  /* not ours */
    sf.formats[sf.count++] = ima.fmt;   /* -> client 1 */
    sf.formats[sf.count++] = three_ch;  /* not ours */
    sf.formats[sf.count++] = ms.fmt;    /* -> client 2 */
    sf.formats[sf.count++] = pcm8;      /* -> client 3 */
    CHECK(wrdp_rdpsnd_encode_formats(&w, &sf) == WRDP_OK);
    p = wrdp_rdpsnd_new();
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, w.data, w.len, &out) == WRDP_OK);
    const wrdp_rdpsnd_formats *mine = wrdp_rdpsnd_client_formats(p);
    CHECK_EQ(mine->count, 4);
    CHECK_EQ(mine->formats[0].samples_per_sec, 44100);
    CHECK_EQ(mine->formats[1].format_tag, WRDP_WAVE_FORMAT_DVI_ADPCM);
    CHECK_EQ(mine->formats[2].format_tag, WRDP_WAVE_FORMAT_ADPCM);
    CHECK_EQ(mine->formats[3].bits_per_sample, 8);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1 && ev.kind == WRDP_RDPSND_EVENT_FORMATS);
    /* our copy survives the caller's buffer */
    memset(w.data, 0xAA, w.len);
    wrdp_writer_reset(&w);

    /* Training -> Training Confirm with the same timestamp and pack size */
    uint8_t tr[32];
    size_t trn = test_hex("06 00 0c 00 34 12 10 00 00 01 02 03 04 05 06 07", tr, sizeof tr);
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, tr, trn, &out) == WRDP_OK);
    CHECK(out.len == 8 && memcmp(out.data, "\x06\x00\x04\x00\x34\x12\x10\x00", 8) == 0);

    /* PCM 16-bit stereo through Wave Info + Wave, confirmed at once */
    uint8_t pcm[16] = {0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f, 0x10, 0x20, 0x30, 0x40, 0, 0, 0, 0};
    CHECK(send_wave(p, 0x4321, 0, 7, pcm, 16, 0, 0, &out) == WRDP_OK);
    check_confirm(&out, 0x4321, 7);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1);
    CHECK_EQ(ev.kind, WRDP_RDPSND_EVENT_AUDIO);
    CHECK_EQ(ev.rate, 44100);
    CHECK_EQ(ev.channels, 2);
    CHECK_EQ(ev.frames, 4);
    CHECK_EQ(ev.block_no, 7);
    CHECK_EQ(ev.timestamp, 0x4321);
    CHECK(ev.samples && ev.samples[0] == 1 && ev.samples[1] == -1 && ev.samples[2] == -32768 &&
          ev.samples[3] == 32767 && ev.samples[4] == 0x2010 && ev.samples[5] == 0x4030 && ev.samples[7] == 0);

    /* the confirm carries the server's timestamp + time from Wave Info to Wave + latency, mod 2^16 */
    CHECK(send_wave(p, 0x1000, 0, 8, pcm, 16, 5000, 5030, &out) == WRDP_OK);
    check_confirm(&out, 0x1000 + 30, 8);
    wrdp_rdpsnd_set_latency(p, 200);
    CHECK(send_wave(p, 0xFFF0, 0, 9, pcm, 16, 0xFFFFFFF0u, 0x10, &out) == WRDP_OK); /* the clock wraps too */
    check_confirm(&out, (uint16_t)(0xFFF0 + 0x20 + 200), 9);
    wrdp_rdpsnd_set_latency(p, 0);
    while (wrdp_rdpsnd_next_event(p, &ev))
        ;

    /* IMA ADPCM: two SoX blocks through Wave Info + Wave equal SoX's decode */
    size_t two = 2u * ima.fmt.block_align;
    CHECK(send_wave(p, 0x0102, 1, 10, ima.data, two, 0, 0, &out) == WRDP_OK);
    check_confirm(&out, 0x0102, 10);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1);
    CHECK_EQ(ev.kind, WRDP_RDPSND_EVENT_AUDIO);
    CHECK_EQ(ev.format_tag, WRDP_WAVE_FORMAT_DVI_ADPCM);
    CHECK_EQ(ev.rate, 22050);
    CHECK_EQ(ev.frames, 2 * 505);
    size_t bad = 0;
    for (size_t i = 0; i < ev.frames * 2 && ev.samples; i++)
        bad += ev.samples[i] != raw_at(ima_raw, i);
    CHECK_EQ(bad, 0);

    /* MS ADPCM in a Wave2: the third SoX block equals SoX's decode of it */
    wrdp_rdpsnd_wave2 w2 = {0};
    w2.timestamp = 0x7777;
    w2.format_no = 2;
    w2.block_no = 11;
    w2.audio_timestamp = 123456;
    w2.data.data = ms.data + 2u * ms.fmt.block_align;
    w2.data.len = ms.fmt.block_align;
    wrdp_writer_reset(&w);
    CHECK(wrdp_rdpsnd_encode_wave2(&w, &w2) == WRDP_OK);
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, w.data, w.len, &out) == WRDP_OK);
    check_confirm(&out, 0x7777, 11);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1);
    CHECK_EQ(ev.kind, WRDP_RDPSND_EVENT_AUDIO);
    CHECK_EQ(ev.audio_timestamp, 123456);
    CHECK_EQ(ev.frames, 1012);
    bad = 0;
    for (size_t i = 0; i < ev.frames * 2 && ev.samples; i++)
        bad += ev.samples[i] != raw_at(ms_raw, 2 * 1012 * 2 + i);
    CHECK_EQ(bad, 0);

    /* PCM 8-bit mono: unsigned bytes centred on 128 */
    uint8_t pcm8b[6] = {0x80, 0xff, 0x00, 0x81, 0x7f, 0x40};
    CHECK(send_wave(p, 1, 3, 12, pcm8b, 6, 0, 0, &out) == WRDP_OK);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1);
    CHECK_EQ(ev.frames, 6);
    CHECK_EQ(ev.rate, 8000);
    CHECK(ev.samples && ev.samples[0] == 0 && ev.samples[1] == 127 * 256 && ev.samples[2] == -32768 &&
          ev.samples[3] == 256 && ev.samples[4] == -256 && ev.samples[5] == -64 * 256);

    /* Volume, Pitch, Close */
    wrdp_writer_reset(&w);
    wrdp_rdpsnd_encode_volume(&w, 0x40008000u);
    wrdp_rdpsnd_encode_pitch(&w, 0x00010000u);
    wrdp_rdpsnd_encode_close(&w);
    pos = 0;
    wrdp_writer_reset(&out);
    while (wrdp_rdpsnd_next_output(w.data, w.len, &pos, &msg))
        CHECK(wrdp_rdpsnd_process(p, msg.data, msg.len, &out) == WRDP_OK);
    CHECK_EQ(out.len, 0);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1 && ev.kind == WRDP_RDPSND_EVENT_VOLUME && ev.volume == 0x40008000u);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1 && ev.kind == WRDP_RDPSND_EVENT_PITCH && ev.pitch == 0x00010000u);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1 && ev.kind == WRDP_RDPSND_EVENT_CLOSE);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 0);

    /* an undrained queue keeps the newest 16 events and leaks nothing */
    for (int i = 0; i < 40; i++)
        CHECK(send_wave(p, (uint16_t)i, 0, (uint8_t)i, pcm, 16, 0, 0, &out) == WRDP_OK);
    int n = 0;
    uint8_t first_block = 0;
    while (wrdp_rdpsnd_next_event(p, &ev))
        if (n++ == 0)
            first_block = ev.block_no;
    CHECK_EQ(n, 16);
    CHECK_EQ(first_block, 24);

    wrdp_rdpsnd_free(p);
    free(ima.file);
    free(ms.file);
    free(ima_raw);
    free(ms_raw);
    wrdp_writer_free(&out);
    wrdp_writer_free(&w);
}

static void test_hostile(void)
{
    wrdp_error err = {0};
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, &err);
    uint8_t m[64];
    size_t n;
    wrdp_rdpsnd_event ev;
    wrdp_rdpsnd *p = wrdp_rdpsnd_new();

    /* a wave before any formats: error, yet confirmed so the server's stream goes on */
    n = test_hex("0d 00 10 00 11 11 00 00 05 00 00 00 00 00 00 00 01 02 03 04", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_ERR);
    CHECK(wrdp_rdpsnd_error(p)->kind == WRDP_ERROR_DECODE);
    check_confirm(&out, 0x1111, 5);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 0);

    /* formats: count past the cap, count past the data, cbSize past the data, trailing bytes */
    static wrdp_rdpsnd_formats f;
    n = test_hex("07 00 0e 00 00000000 00000000 00000000 0000 8100 00 0600 00", m, sizeof m);
    CHECK(wrdp_rdpsnd_decode_formats(m, n, &f, &err) == WRDP_ERR);
    n = test_hex("07 00 0e 00 00000000 00000000 00000000 0000 0200 00 0600 00"
                 "0100 0200 44ac0000 10b10200 0400 1000 0000",
                 m, sizeof m);
    CHECK(wrdp_rdpsnd_decode_formats(m, n, &f, &err) == WRDP_ERR);
    m[18] = 1; /* one format */
    CHECK(wrdp_rdpsnd_decode_formats(m, n, &f, &err) == WRDP_OK);
    m[n - 2] = 0xff; /* cbSize 0xff */
    CHECK(wrdp_rdpsnd_decode_formats(m, n, &f, &err) == WRDP_ERR);
    m[n - 2] = 0;
    m[n++] = 0;
    CHECK(wrdp_rdpsnd_decode_formats(m, n, &f, &err) == WRDP_ERR);
    n--;
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_OK);
    CHECK(wrdp_rdpsnd_next_event(p, &ev) == 1 && ev.count == 1);

    /* Wave Info with BodySize < 12; a Wave PDU shorter than its pad; format past the list */
    n = test_hex("02 00 0b 00 00 00 00 00 01 00 00 00 01 02 03 04", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_ERR);
    n = test_hex("02 00 10 00 00 00 00 00 01 00 00 00 01 02 03 04", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_OK);
    CHECK(wrdp_rdpsnd_process(p, m, 3, &out) == WRDP_ERR);
    n = test_hex("02 00 10 00 00 00 09 00 01 00 00 00 01 02 03 04", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_OK);
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, m, 8, &out) == WRDP_ERR);
    check_confirm(&out, 0, 1);
    /* after either, the processor reads headers again */
    n = test_hex("06 00 04 00 01 00 00 00", m, sizeof m);
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_OK);
    CHECK_EQ(out.len, 8);

    /* a wave shorter than one frame plays nothing but is confirmed */
    n = test_hex("0d 00 0d 00 02 00 00 00 03 00 00 00 00 00 00 00 01", m, sizeof m);
    wrdp_writer_reset(&out);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_OK);
    check_confirm(&out, 2, 3);
    /* unknown and UDP-only messages, empty and short input */
    n = test_hex("0e 00 00 00", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_ERR);
    n = test_hex("09 00 00 00", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_ERR);
    CHECK(wrdp_rdpsnd_error(p)->kind == WRDP_ERROR_UNSUPPORTED);
    CHECK(wrdp_rdpsnd_process(p, m, 0, &out) == WRDP_ERR);
    CHECK(wrdp_rdpsnd_process(p, m, 2, &out) == WRDP_ERR);
    n = test_hex("03 00 04 00 01 02 03", m, sizeof m);
    CHECK(wrdp_rdpsnd_process(p, m, n, &out) == WRDP_ERR);

    /* encoders refuse what does not fit */
    wrdp_rdpsnd_wave_info wi = {0};
    wi.audio_len = 3;
    CHECK(wrdp_rdpsnd_encode_wave_info(&out, &wi) == WRDP_ERR);
    wrdp_writer_reset(&out);
    wi.audio_len = 0x10000;
    CHECK(wrdp_rdpsnd_encode_wave_info(&out, &wi) == WRDP_ERR);
    wrdp_writer_reset(&out);
    /* next_output stops at a cut record */
    size_t pos = 0;
    wrdp_bytes msg;
    n = test_hex("05 00 04 00 01 00 02 00 05 00 04 00 01", m, sizeof m);
    CHECK(wrdp_rdpsnd_next_output(m, n, &pos, &msg) && msg.len == 8);
    CHECK(!wrdp_rdpsnd_next_output(m, n, &pos, &msg));

    wrdp_rdpsnd_free(p);
    wrdp_rdpsnd_free(NULL);
    wrdp_writer_free(&out);
}

int main(void)
{
    test_vectors();
    test_exchange();
    test_hostile();
    return test_finish("channels_rdpsnd");
}
