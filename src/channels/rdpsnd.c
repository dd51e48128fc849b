/* The RDPSND client processor: format negotiation, training, waves decoded to
 * 16-bit PCM with their confirms, volume, pitch and close as events. */
#include <string.h>

#include <webrdp/channels/rdpsnd.h>
#include <webrdp/codecs/adpcm.h>

#define EVENTS_MAX 16
/* One wave carries at most what BodySize can count, except a Wave2 on a DVC,
 * whose data runs to the end of the message: cap it. */
#define AUDIO_BYTES_MAX ((size_t)1 << 20)

struct wrdp_rdpsnd {
    wrdp_error err;
    uint32_t latency_ms;
    uint8_t *formats_msg; /* our copy of the Server Audio Formats: the formats' data views point into it */
    wrdp_rdpsnd_formats server;
    wrdp_rdpsnd_formats client;
    int negotiated;
    int expecting_wave;
    wrdp_rdpsnd_wave_info wave_info;
    uint32_t wave_info_at;
    wrdp_rdpsnd_event queue[EVENTS_MAX];
    int16_t *queue_samples[EVENTS_MAX];
    size_t head, count;
    int16_t *current; /* samples of the event last handed out */
};

static const uint32_t pcm_rates[] = {8000, 11025, 16000, 22050, 44100, 48000};

int wrdp_rdpsnd_format_supported(const wrdp_audio_format *f)
{
    int rate_ok = 0;
    for (size_t i = 0; i < sizeof pcm_rates / sizeof pcm_rates[0]; i++)
        rate_ok |= f->samples_per_sec == pcm_rates[i];
    if (!rate_ok || f->channels < 1 || f->channels > 2)
        return 0;
    switch (f->format_tag) {
    case WRDP_WAVE_FORMAT_PCM:
        return (f->bits_per_sample == 8 || f->bits_per_sample == 16) &&
               f->block_align == f->channels * f->bits_per_sample / 8;
    case WRDP_WAVE_FORMAT_DVI_ADPCM:
        return f->bits_per_sample == 4 && f->block_align >= 4u * f->channels;
    case WRDP_WAVE_FORMAT_ADPCM:
        return f->bits_per_sample == 4 && f->block_align >= 7u * f->channels;
    default:
        return 0;
    }
}

wrdp_rdpsnd *wrdp_rdpsnd_new(void)
{
    return wrdp_calloc(1, sizeof(wrdp_rdpsnd));
}

static void clear_queue(wrdp_rdpsnd *p)
{
    for (size_t i = 0; i < p->count; i++)
        wrdp_free(p->queue_samples[(p->head + i) % EVENTS_MAX]);
    p->count = 0;
    wrdp_free(p->current);
    p->current = NULL;
}

void wrdp_rdpsnd_free(wrdp_rdpsnd *p)
{
    if (!p)
        return;
    clear_queue(p);
    wrdp_free(p->formats_msg);
    wrdp_free(p);
}

void wrdp_rdpsnd_set_latency(wrdp_rdpsnd *p, uint32_t latency_ms)
{
    p->latency_ms = latency_ms;
}

const wrdp_rdpsnd_formats *wrdp_rdpsnd_client_formats(const wrdp_rdpsnd *p)
{
    return &p->client;
}

const wrdp_error *wrdp_rdpsnd_error(const wrdp_rdpsnd *p)
{
    return &p->err;
}

/* Queues an event; the oldest one goes when the queue is full (an embedder
 * that never drains loses old events, not memory). `samples` is adopted. */
static void push_event(wrdp_rdpsnd *p, const wrdp_rdpsnd_event *ev, int16_t *samples)
{
    if (p->count == EVENTS_MAX) {
        wrdp_free(p->queue_samples[p->head]);
        p->head = (p->head + 1) % EVENTS_MAX;
        p->count--;
    }
    size_t slot = (p->head + p->count) % EVENTS_MAX;
    p->queue[slot] = *ev;
    p->queue[slot].samples = samples;
    p->queue_samples[slot] = samples;
    p->count++;
}

int wrdp_rdpsnd_next_event(wrdp_rdpsnd *p, wrdp_rdpsnd_event *ev)
{
    wrdp_free(p->current);
    p->current = NULL;
    memset(ev, 0, sizeof *ev);
    if (!p->count)
        return 0;
    *ev = p->queue[p->head];
    p->current = p->queue_samples[p->head];
    p->head = (p->head + 1) % EVENTS_MAX;
    p->count--;
    return 1;
}

/* ---- the messages ------------------------------------------------------------- */

static int on_formats(wrdp_rdpsnd *p, const uint8_t *msg, size_t len, wrdp_writer *out)
{
    uint8_t *copy = wrdp_alloc(len);
    if (!copy)
        return wrdp_error_set(&p->err, WRDP_ERROR_OUT_OF_MEMORY, "RDPSND: no memory for %zu bytes of formats", len);
    memcpy(copy, msg, len);
    wrdp_rdpsnd_formats *server = wrdp_alloc(sizeof *server);
    if (!server) {
        wrdp_free(copy);
        return wrdp_error_set(&p->err, WRDP_ERROR_OUT_OF_MEMORY, "RDPSND: no memory for the format list");
    }
    if (wrdp_rdpsnd_decode_formats(copy, len, server, &p->err) != WRDP_OK) {
        wrdp_free(server);
        wrdp_free(copy);
        return WRDP_ERR;
    }
    wrdp_free(p->formats_msg);
    p->formats_msg = copy;
    p->server = *server;
    wrdp_free(server);
    p->expecting_wave = 0;

    memset(&p->client, 0, sizeof p->client);
    p->client.flags = WRDP_RDPSND_TSSNDCAPS_ALIVE | WRDP_RDPSND_TSSNDCAPS_VOLUME;
    p->client.volume = 0xFFFFFFFFu;
    p->client.pitch = 0x00010000u;
    p->client.version = WRDP_RDPSND_CLIENT_VERSION;
    for (uint16_t i = 0; i < p->server.count; i++)
        if (wrdp_rdpsnd_format_supported(&p->server.formats[i]))
            p->client.formats[p->client.count++] = p->server.formats[i];
    p->negotiated = 1;

    if (wrdp_rdpsnd_encode_formats(out, &p->client) != WRDP_OK)
        return wrdp_error_set(&p->err, WRDP_ERROR_LIMIT, "RDPSND: the reply does not fit the output");
    if (p->server.version >= 6 && wrdp_rdpsnd_encode_quality_mode(out, WRDP_RDPSND_HIGH_QUALITY) != WRDP_OK)
        return wrdp_error_set(&p->err, WRDP_ERROR_LIMIT, "RDPSND: the reply does not fit the output");

    wrdp_rdpsnd_event ev = {0};
    ev.kind = WRDP_RDPSND_EVENT_FORMATS;
    ev.count = p->client.count;
    ev.version = p->server.version;
    push_event(p, &ev, NULL);
    return WRDP_OK;
}

static int decode_audio(wrdp_rdpsnd *p, const wrdp_audio_format *f, const uint8_t *a, size_t len,
                        int16_t **samples, size_t *frames)
{
    size_t n;
    uint16_t ch = f->channels;
    *samples = NULL;
    *frames = 0;
    if (len > AUDIO_BYTES_MAX)
        return wrdp_error_set(&p->err, WRDP_ERROR_LIMIT, "RDPSND: a wave of %zu bytes", len);
    switch (f->format_tag) {
    case WRDP_WAVE_FORMAT_PCM:
        n = len / f->block_align;
        break;
    case WRDP_WAVE_FORMAT_DVI_ADPCM:
        n = wrdp_adpcm_ima_frames(len, ch, f->block_align);
        break;
    case WRDP_WAVE_FORMAT_ADPCM:
        n = wrdp_adpcm_ms_frames(len, ch, f->block_align);
        break;
    default:
        return wrdp_error_set(&p->err, WRDP_ERROR_UNSUPPORTED, "RDPSND: format tag 0x%04x", f->format_tag);
    }
    if (!n)
        return WRDP_OK; /* nothing to play (a wave shorter than one frame) */
    int16_t *s = wrdp_calloc(n * ch, sizeof *s);
    if (!s)
        return wrdp_error_set(&p->err, WRDP_ERROR_OUT_OF_MEMORY, "RDPSND: no memory for %zu frames", n);
    int rc = WRDP_OK;
    if (f->format_tag == WRDP_WAVE_FORMAT_PCM && f->bits_per_sample == 16) {
        for (size_t i = 0; i < n * ch; i++)
            s[i] = (int16_t)(a[2 * i] | a[2 * i + 1] << 8);
    } else if (f->format_tag == WRDP_WAVE_FORMAT_PCM) {
        for (size_t i = 0; i < n * ch; i++)
            s[i] = (int16_t)((a[i] - 128) * 256);
    } else if (f->format_tag == WRDP_WAVE_FORMAT_DVI_ADPCM) {
        rc = wrdp_adpcm_ima_decode(a, len, ch, f->block_align, s, n, &n, &p->err);
    } else {
        rc = wrdp_adpcm_ms_decode(a, len, ch, f->block_align, f->data, f->cb_size, s, n, &n, &p->err);
    }
    if (rc != WRDP_OK) {
        wrdp_free(s);
        return WRDP_ERR;
    }
    *samples = s;
    *frames = n;
    return WRDP_OK;
}

/* Decodes one wave, queues the AUDIO event and appends the Wave Confirm. The
 * confirm goes out even when the audio cannot be decoded, so that the server's
 * stream is not stalled by one bad block; the error is still returned. */
static int play(wrdp_rdpsnd *p, uint16_t timestamp, uint16_t format_no, uint8_t block_no, uint32_t audio_ts,
                const uint8_t *audio, size_t len, uint32_t elapsed_ms, wrdp_writer *out)
{
    int rc = WRDP_OK;
    int16_t *samples = NULL;
    size_t frames = 0;
    const wrdp_audio_format *f = NULL;
    if (!p->negotiated)
        rc = wrdp_error_set(&p->err, WRDP_ERROR_DECODE, "RDPSND: a wave before the formats");
    else if (format_no >= p->client.count)
        rc = wrdp_error_set(&p->err, WRDP_ERROR_DECODE, "RDPSND: wave format %u of %u", (unsigned)format_no,
                            (unsigned)p->client.count);
    else {
        f = &p->client.formats[format_no];
        rc = decode_audio(p, f, audio, len, &samples, &frames);
    }
    if (rc == WRDP_OK && frames) {
        wrdp_rdpsnd_event ev = {0};
        ev.kind = WRDP_RDPSND_EVENT_AUDIO;
        ev.rate = f->samples_per_sec;
        ev.channels = f->channels;
        ev.frames = frames;
        ev.timestamp = timestamp;
        ev.block_no = block_no;
        ev.format_no = format_no;
        ev.format_tag = f->format_tag;
        ev.audio_timestamp = audio_ts;
        push_event(p, &ev, samples);
    }
    wrdp_rdpsnd_wave_confirm cf = {0};
    cf.timestamp = (uint16_t)(timestamp + elapsed_ms + p->latency_ms);
    cf.block_no = block_no;
    if (wrdp_rdpsnd_encode_wave_confirm(out, &cf) != WRDP_OK)
        return wrdp_error_set(&p->err, WRDP_ERROR_LIMIT, "RDPSND: the Wave Confirm does not fit the output");
    return rc;
}

static int on_wave(wrdp_rdpsnd *p, const uint8_t *msg, size_t len, uint32_t now_ms, wrdp_writer *out)
{
    p->expecting_wave = 0;
    if (len < 4)
        return wrdp_error_set(&p->err, WRDP_ERROR_DECODE, "RDPSND Wave: %zu bytes (4 at least)", len);
    if (len > AUDIO_BYTES_MAX)
        return wrdp_error_set(&p->err, WRDP_ERROR_LIMIT, "RDPSND Wave: %zu bytes", len);
    /* the Wave PDU's 4 pad bytes stand for Data[4] of the Wave Info PDU */
    uint8_t *audio = wrdp_alloc(len);
    if (!audio)
        return wrdp_error_set(&p->err, WRDP_ERROR_OUT_OF_MEMORY, "RDPSND Wave: no memory for %zu bytes", len);
    memcpy(audio, p->wave_info.data, 4);
    memcpy(audio + 4, msg + 4, len - 4);
    const wrdp_rdpsnd_wave_info *wi = &p->wave_info;
    int rc = play(p, wi->timestamp, wi->format_no, wi->block_no, 0, audio, len, now_ms - p->wave_info_at, out);
    wrdp_free(audio);
    return rc;
}

int wrdp_rdpsnd_process_at(wrdp_rdpsnd *p, const uint8_t *msg, size_t len, uint32_t now_ms, wrdp_writer *out)
{
    wrdp_error_clear(&p->err);
    if (p->expecting_wave)
        return on_wave(p, msg, len, now_ms, out);
    wrdp_rdpsnd_header h;
    if (wrdp_rdpsnd_decode_header(msg, len, &h, &p->err) != WRDP_OK)
        return WRDP_ERR;
    wrdp_rdpsnd_event ev = {0};
    switch (h.msg_type) {
    case WRDP_RDPSND_FORMATS:
        return on_formats(p, msg, len, out);
    case WRDP_RDPSND_TRAINING: {
        wrdp_rdpsnd_training t;
        if (wrdp_rdpsnd_decode_training(msg, len, &t, &p->err) != WRDP_OK)
            return WRDP_ERR;
        if (wrdp_rdpsnd_encode_training_confirm(out, &t) != WRDP_OK)
            return wrdp_error_set(&p->err, WRDP_ERROR_LIMIT, "RDPSND: the Training Confirm does not fit the output");
        return WRDP_OK;
    }
    case WRDP_RDPSND_WAVE:
        if (wrdp_rdpsnd_decode_wave_info(msg, len, &p->wave_info, &p->err) != WRDP_OK)
            return WRDP_ERR;
        p->expecting_wave = 1;
        p->wave_info_at = now_ms;
        return WRDP_OK;
    case WRDP_RDPSND_WAVE2: {
        wrdp_rdpsnd_wave2 w2;
        if (wrdp_rdpsnd_decode_wave2(msg, len, &w2, &p->err) != WRDP_OK)
            return WRDP_ERR;
        return play(p, w2.timestamp, w2.format_no, w2.block_no, w2.audio_timestamp, w2.data.data, w2.data.len, 0,
                    out);
    }
    case WRDP_RDPSND_SETVOLUME:
    case WRDP_RDPSND_SETPITCH: {
        uint32_t v;
        if (wrdp_rdpsnd_decode_u32_body(msg, len, h.msg_type, &v, &p->err) != WRDP_OK)
            return WRDP_ERR;
        ev.kind = h.msg_type == WRDP_RDPSND_SETVOLUME ? WRDP_RDPSND_EVENT_VOLUME : WRDP_RDPSND_EVENT_PITCH;
        ev.volume = h.msg_type == WRDP_RDPSND_SETVOLUME ? v : 0;
        ev.pitch = h.msg_type == WRDP_RDPSND_SETPITCH ? v : 0;
        push_event(p, &ev, NULL);
        return WRDP_OK;
    }
    case WRDP_RDPSND_CLOSE:
        ev.kind = WRDP_RDPSND_EVENT_CLOSE;
        push_event(p, &ev, NULL);
        return WRDP_OK;
    case WRDP_RDPSND_CRYPTKEY:
    case WRDP_RDPSND_WAVEENCRYPT:
    case WRDP_RDPSND_UDPWAVE:
    case WRDP_RDPSND_UDPWAVELAST:
        /* the UDP transport is never offered (wDGramPort 0), so these do not come */
        return wrdp_error_set(&p->err, WRDP_ERROR_UNSUPPORTED, "RDPSND: message 0x%02x is for the UDP transport",
                              h.msg_type);
    default:
        return wrdp_error_set(&p->err, WRDP_ERROR_DECODE, "RDPSND: unknown message type 0x%02x", h.msg_type);
    }
}

int wrdp_rdpsnd_process(wrdp_rdpsnd *p, const uint8_t *msg, size_t len, wrdp_writer *out)
{
    return wrdp_rdpsnd_process_at(p, msg, len, p->wave_info_at, out);
}
