/* webrdp — audio output (RDPSND, MS-RDPEA): the PDUs and the client processor.
 *
 * The same messages travel on the static channel "rdpsnd" and on the dynamic
 * channels "AUDIO_PLAYBACK_DVC" and "AUDIO_PLAYBACK_LOSSY_DVC"; the processor
 * takes one whole channel message at a time (after static-channel reassembly,
 * or one DVC message) and does not know which transport carried it. It is
 * sans-IO: replies are appended to a caller writer and the caller frames them.
 *
 * What the processor does:
 *   Server Audio Formats  -> Client Audio Formats (the server's formats that
 *                            we decode, in the server's order) and, when both
 *                            versions are >= 6, Quality Mode (high quality).
 *   Training              -> Training Confirm (same wTimeStamp and wPackSize).
 *   Wave Info + Wave      -> decode to interleaved signed 16-bit PCM, raise an
 *   or Wave2                 AUDIO event, and append a Wave Confirm.
 *   Volume / Pitch / Close-> events.
 *
 * Wave Confirm timestamp: wTimeStamp = the server's wTimeStamp + the time the
 * block took to be "played" here, modulo 2^16 (MS-RDPEA 3.2.5.2.1.7). The
 * processor counts (now_ms at the Wave PDU - now_ms at the Wave Info PDU) +
 * the latency set with wrdp_rdpsnd_set_latency(). With wrdp_rdpsnd_process()
 * (no clock) and latency 0 the confirm carries the server's timestamp, i.e.
 * the block is confirmed as played at once, as FreeRDP's client does when its
 * device reports no latency. A player with a jitter buffer should report the
 * buffered duration as the latency, so the server paces its stream. */
#ifndef WEBRDP_CHANNELS_RDPSND_H
#define WEBRDP_CHANNELS_RDPSND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../error.h"
#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WRDP_RDPSND_CHANNEL_NAME "rdpsnd"
#define WRDP_RDPSND_DVC_NAME "AUDIO_PLAYBACK_DVC"
#define WRDP_RDPSND_DVC_LOSSY_NAME "AUDIO_PLAYBACK_LOSSY_DVC"

/* RDPSND_PDU_HEADER msgType */
enum {
    WRDP_RDPSND_CLOSE = 0x01,
    WRDP_RDPSND_WAVE = 0x02, /* Wave Info */
    WRDP_RDPSND_SETVOLUME = 0x03,
    WRDP_RDPSND_SETPITCH = 0x04,
    WRDP_RDPSND_WAVECONFIRM = 0x05,
    WRDP_RDPSND_TRAINING = 0x06,
    WRDP_RDPSND_FORMATS = 0x07,
    WRDP_RDPSND_CRYPTKEY = 0x08,
    WRDP_RDPSND_WAVEENCRYPT = 0x09,
    WRDP_RDPSND_UDPWAVE = 0x0A,
    WRDP_RDPSND_UDPWAVELAST = 0x0B,
    WRDP_RDPSND_QUALITYMODE = 0x0C,
    WRDP_RDPSND_WAVE2 = 0x0D
};

/* AUDIO_FORMAT wFormatTag values we know */
enum {
    WRDP_WAVE_FORMAT_PCM = 0x0001,
    WRDP_WAVE_FORMAT_ADPCM = 0x0002,     /* MS ADPCM */
    WRDP_WAVE_FORMAT_ALAW = 0x0006,
    WRDP_WAVE_FORMAT_MULAW = 0x0007,
    WRDP_WAVE_FORMAT_DVI_ADPCM = 0x0011  /* IMA ADPCM */
};

/* Client Audio Formats dwFlags */
#define WRDP_RDPSND_TSSNDCAPS_ALIVE 0x00000001u
#define WRDP_RDPSND_TSSNDCAPS_VOLUME 0x00000002u
#define WRDP_RDPSND_TSSNDCAPS_PITCH 0x00000004u

/* Quality Mode wQualityMode */
#define WRDP_RDPSND_DYNAMIC_QUALITY 0x0000
#define WRDP_RDPSND_MEDIUM_QUALITY 0x0001
#define WRDP_RDPSND_HIGH_QUALITY 0x0002

/* The version this client announces (6: Quality Mode; Wave2 needs >= 8). */
#define WRDP_RDPSND_CLIENT_VERSION 8

/* More formats than this in one Formats PDU is refused (a real server offers
 * a few dozen at most). */
#define WRDP_RDPSND_FORMATS_MAX 128

typedef struct wrdp_rdpsnd_header {
    uint8_t msg_type;
    uint8_t pad;
    uint16_t body_size;
} wrdp_rdpsnd_header;

/* AUDIO_FORMAT (WAVEFORMATEX). `data` views cb_size bytes of the input on
 * decode (the format-specific tail, e.g. MS ADPCM coefficients). */
typedef struct wrdp_audio_format {
    uint16_t format_tag;
    uint16_t channels;
    uint32_t samples_per_sec;
    uint32_t avg_bytes_per_sec;
    uint16_t block_align;
    uint16_t bits_per_sample;
    uint16_t cb_size;
    const uint8_t *data;
} wrdp_audio_format;

/* Server Audio Formats and Version / Client Audio Formats and Version: one
 * layout; the server leaves flags/volume/pitch/port zero and the client
 * leaves last_block_confirmed zero. */
typedef struct wrdp_rdpsnd_formats {
    uint8_t pad;                  /* header bPad, kept for round trips */
    uint32_t flags;
    uint32_t volume;
    uint32_t pitch;
    uint16_t dgram_port;
    uint8_t last_block_confirmed;
    uint16_t version;
    uint8_t pad2;
    uint16_t count;
    wrdp_audio_format formats[WRDP_RDPSND_FORMATS_MAX];
} wrdp_rdpsnd_formats;

typedef struct wrdp_rdpsnd_training {
    uint16_t timestamp;
    uint16_t pack_size;
    wrdp_bytes data; /* server to client only; empty in a Training Confirm */
} wrdp_rdpsnd_training;

/* Wave Info PDU. The audio is `audio_len` bytes: data[4] here and the rest
 * in the Wave PDU that follows (whose first 4 bytes are padding). */
typedef struct wrdp_rdpsnd_wave_info {
    uint16_t timestamp;
    uint16_t format_no;
    uint8_t block_no;
    uint8_t pad[3];
    uint8_t data[4];
    uint32_t audio_len; /* BodySize - 8 */
} wrdp_rdpsnd_wave_info;

typedef struct wrdp_rdpsnd_wave2 {
    uint16_t timestamp;
    uint16_t format_no;
    uint8_t block_no;
    uint8_t pad[3];
    uint32_t audio_timestamp;
    wrdp_bytes data;
} wrdp_rdpsnd_wave2;

typedef struct wrdp_rdpsnd_wave_confirm {
    uint16_t timestamp;
    uint8_t block_no;
    uint8_t pad;
} wrdp_rdpsnd_wave_confirm;

/* ---- PDUs: decode one whole message (header included); encode appends one.
 * Decoders return WRDP_OK or WRDP_ERR with a decode error naming the field. */
int wrdp_rdpsnd_decode_header(const uint8_t *msg, size_t len, wrdp_rdpsnd_header *out, wrdp_error *err);
int wrdp_rdpsnd_encode_header(wrdp_writer *w, const wrdp_rdpsnd_header *h);

int wrdp_rdpsnd_decode_formats(const uint8_t *msg, size_t len, wrdp_rdpsnd_formats *out, wrdp_error *err);
int wrdp_rdpsnd_encode_formats(wrdp_writer *w, const wrdp_rdpsnd_formats *f);

int wrdp_rdpsnd_decode_training(const uint8_t *msg, size_t len, wrdp_rdpsnd_training *out, wrdp_error *err);
int wrdp_rdpsnd_encode_training(wrdp_writer *w, const wrdp_rdpsnd_training *t);
/* Training Confirm shares the msgType and the two fields; its body is 4 bytes. */
int wrdp_rdpsnd_decode_training_confirm(const uint8_t *msg, size_t len, wrdp_rdpsnd_training *out, wrdp_error *err);
int wrdp_rdpsnd_encode_training_confirm(wrdp_writer *w, const wrdp_rdpsnd_training *t);

int wrdp_rdpsnd_decode_wave_info(const uint8_t *msg, size_t len, wrdp_rdpsnd_wave_info *out, wrdp_error *err);
int wrdp_rdpsnd_encode_wave_info(wrdp_writer *w, const wrdp_rdpsnd_wave_info *wi);
/* The Wave PDU (no header: 4 pad bytes then the audio after data[4]). */
int wrdp_rdpsnd_encode_wave(wrdp_writer *w, const uint8_t *audio, size_t audio_len);

int wrdp_rdpsnd_decode_wave2(const uint8_t *msg, size_t len, wrdp_rdpsnd_wave2 *out, wrdp_error *err);
int wrdp_rdpsnd_encode_wave2(wrdp_writer *w, const wrdp_rdpsnd_wave2 *w2);

int wrdp_rdpsnd_decode_wave_confirm(const uint8_t *msg, size_t len, wrdp_rdpsnd_wave_confirm *out, wrdp_error *err);
int wrdp_rdpsnd_encode_wave_confirm(wrdp_writer *w, const wrdp_rdpsnd_wave_confirm *c);

/* Volume (dwVolume: low word left, high word right) and Pitch (dwPitch). */
int wrdp_rdpsnd_decode_u32_body(const uint8_t *msg, size_t len, uint8_t msg_type, uint32_t *out, wrdp_error *err);
int wrdp_rdpsnd_encode_volume(wrdp_writer *w, uint32_t volume);
int wrdp_rdpsnd_encode_pitch(wrdp_writer *w, uint32_t pitch);
int wrdp_rdpsnd_encode_close(wrdp_writer *w);

int wrdp_rdpsnd_decode_quality_mode(const uint8_t *msg, size_t len, uint16_t *quality, wrdp_error *err);
int wrdp_rdpsnd_encode_quality_mode(wrdp_writer *w, uint16_t quality);

/* Walks the messages the processor appended to `out` (each is self-delimited
 * by its header; send each as its own channel message): the message at *pos;
 * false at the end. */
bool wrdp_rdpsnd_next_output(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg);

/* 1 when webrdp decodes this format to PCM (PCM 8/16-bit, 1-2 channels at
 * 8000/11025/16000/22050/44100/48000 Hz; IMA and MS ADPCM 4-bit, 1-2 channels). */
int wrdp_rdpsnd_format_supported(const wrdp_audio_format *f);

/* ---- the client processor ------------------------------------------------ */
typedef struct wrdp_rdpsnd wrdp_rdpsnd;

typedef enum wrdp_rdpsnd_event_kind {
    WRDP_RDPSND_EVENT_NONE = 0,
    WRDP_RDPSND_EVENT_FORMATS, /* negotiated: `count` formats answered, server `version` */
    WRDP_RDPSND_EVENT_AUDIO,   /* decoded audio */
    WRDP_RDPSND_EVENT_VOLUME,  /* `volume`: low word left, high word right (0..0xFFFF) */
    WRDP_RDPSND_EVENT_PITCH,
    WRDP_RDPSND_EVENT_CLOSE    /* the server stopped the stream */
} wrdp_rdpsnd_event_kind;

typedef struct wrdp_rdpsnd_event {
    wrdp_rdpsnd_event_kind kind;
    /* AUDIO: interleaved signed 16-bit PCM, `frames` frames of `channels`
     * samples at `rate` Hz. The samples stay valid until the next call to
     * wrdp_rdpsnd_next_event() or wrdp_rdpsnd_free(). */
    uint32_t rate;
    uint16_t channels;
    const int16_t *samples;
    size_t frames;
    uint16_t timestamp;        /* server wTimeStamp */
    uint8_t block_no;
    uint16_t format_no;        /* index in the client format list we sent */
    uint16_t format_tag;
    uint32_t audio_timestamp;  /* Wave2 only */
    /* VOLUME / PITCH */
    uint32_t volume;
    uint32_t pitch;
    /* FORMATS */
    uint16_t count;
    uint16_t version;
} wrdp_rdpsnd_event;

wrdp_rdpsnd *wrdp_rdpsnd_new(void);
void wrdp_rdpsnd_free(wrdp_rdpsnd *p);

/* Playback delay (ms) added to every Wave Confirm timestamp. */
void wrdp_rdpsnd_set_latency(wrdp_rdpsnd *p, uint32_t latency_ms);

/* One channel message in, replies appended to `out`. Returns WRDP_OK or
 * WRDP_ERR (wrdp_rdpsnd_error()); a malformed message leaves the processor
 * usable. `now_ms` is any monotonic millisecond clock (wraps are fine). */
int wrdp_rdpsnd_process(wrdp_rdpsnd *p, const uint8_t *msg, size_t len, wrdp_writer *out);
int wrdp_rdpsnd_process_at(wrdp_rdpsnd *p, const uint8_t *msg, size_t len, uint32_t now_ms, wrdp_writer *out);

/* Next queued event; returns 0 and kind NONE when the queue is empty. */
int wrdp_rdpsnd_next_event(wrdp_rdpsnd *p, wrdp_rdpsnd_event *ev);

/* The formats we answered with (valid after a FORMATS event). */
const wrdp_rdpsnd_formats *wrdp_rdpsnd_client_formats(const wrdp_rdpsnd *p);
const wrdp_error *wrdp_rdpsnd_error(const wrdp_rdpsnd *p);

#ifdef __cplusplus
}
#endif
#endif
