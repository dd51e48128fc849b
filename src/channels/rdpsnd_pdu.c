/* RDPSND PDUs (MS-RDPEA 2.2): decode one whole message, encode one message. */
#include <string.h>

#include <webrdp/channels/rdpsnd.h>

#define PDU "RDPSND"

static int read_header(wrdp_cursor *c, uint8_t want_type, wrdp_rdpsnd_header *h)
{
    h->msg_type = wrdp_rd_u8(c, "msgType");
    h->pad = wrdp_rd_u8(c, "bPad");
    h->body_size = wrdp_rd_u16le(c, "BodySize");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (h->msg_type != want_type)
        return wrdp_cursor_fail(c, "msgType", "0x%02x where 0x%02x was expected", h->msg_type, want_type);
    return WRDP_OK;
}

static void write_header(wrdp_writer *w, uint8_t type, uint8_t pad, uint16_t body)
{
    wrdp_wr_u8(w, type);
    wrdp_wr_u8(w, pad);
    wrdp_wr_u16le(w, body);
}

static int body_fits(wrdp_writer *w, size_t body)
{
    if (body > 0xFFFF)
        return wrdp_writer_fail(w, "RDPSND body of %zu bytes does not fit BodySize", body);
    return WRDP_OK;
}

int wrdp_rdpsnd_decode_header(const uint8_t *msg, size_t len, wrdp_rdpsnd_header *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, msg, len, PDU, err);
    out->msg_type = wrdp_rd_u8(&c, "msgType");
    out->pad = wrdp_rd_u8(&c, "bPad");
    out->body_size = wrdp_rd_u16le(&c, "BodySize");
    return wrdp_cursor_status(&c);
}

int wrdp_rdpsnd_encode_header(wrdp_writer *w, const wrdp_rdpsnd_header *h)
{
    write_header(w, h->msg_type, h->pad, h->body_size);
    return wrdp_writer_status(w);
}

/* ---- Formats ---------------------------------------------------------------- */

int wrdp_rdpsnd_decode_formats(const uint8_t *msg, size_t len, wrdp_rdpsnd_formats *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Audio Formats", err);
    memset(out, 0, sizeof *out);
    if (read_header(&c, WRDP_RDPSND_FORMATS, &h) != WRDP_OK)
        return WRDP_ERR;
    out->pad = h.pad;
    out->flags = wrdp_rd_u32le(&c, "dwFlags");
    out->volume = wrdp_rd_u32le(&c, "dwVolume");
    out->pitch = wrdp_rd_u32le(&c, "dwPitch");
    out->dgram_port = wrdp_rd_u16le(&c, "wDGramPort");
    out->count = wrdp_rd_u16le(&c, "wNumberOfFormats");
    out->last_block_confirmed = wrdp_rd_u8(&c, "cLastBlockConfirmed");
    out->version = wrdp_rd_u16le(&c, "wVersion");
    out->pad2 = wrdp_rd_u8(&c, "bPad");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (out->count > WRDP_RDPSND_FORMATS_MAX)
        return wrdp_cursor_fail(&c, "wNumberOfFormats", "%u formats (at most %d)", (unsigned)out->count,
                                WRDP_RDPSND_FORMATS_MAX);
    for (uint16_t i = 0; i < out->count; i++) {
        wrdp_audio_format *f = &out->formats[i];
        f->format_tag = wrdp_rd_u16le(&c, "wFormatTag");
        f->channels = wrdp_rd_u16le(&c, "nChannels");
        f->samples_per_sec = wrdp_rd_u32le(&c, "nSamplesPerSec");
        f->avg_bytes_per_sec = wrdp_rd_u32le(&c, "nAvgBytesPerSec");
        f->block_align = wrdp_rd_u16le(&c, "nBlockAlign");
        f->bits_per_sample = wrdp_rd_u16le(&c, "wBitsPerSample");
        f->cb_size = wrdp_rd_u16le(&c, "cbSize");
        f->data = f->cb_size ? wrdp_cursor_peek(&c, f->cb_size, "data") : NULL;
        wrdp_rd_skip(&c, f->cb_size, "data");
        if (!wrdp_cursor_ok(&c))
            return WRDP_ERR;
    }
    return wrdp_cursor_expect_end(&c);
}

int wrdp_rdpsnd_encode_formats(wrdp_writer *w, const wrdp_rdpsnd_formats *f)
{
    if (f->count > WRDP_RDPSND_FORMATS_MAX)
        return wrdp_writer_fail(w, "%u audio formats (at most %d)", (unsigned)f->count, WRDP_RDPSND_FORMATS_MAX);
    size_t start = w->len;
    write_header(w, WRDP_RDPSND_FORMATS, f->pad, 0);
    wrdp_wr_u32le(w, f->flags);
    wrdp_wr_u32le(w, f->volume);
    wrdp_wr_u32le(w, f->pitch);
    wrdp_wr_u16le(w, f->dgram_port);
    wrdp_wr_u16le(w, f->count);
    wrdp_wr_u8(w, f->last_block_confirmed);
    wrdp_wr_u16le(w, f->version);
    wrdp_wr_u8(w, f->pad2);
    for (uint16_t i = 0; i < f->count; i++) {
        const wrdp_audio_format *a = &f->formats[i];
        wrdp_wr_u16le(w, a->format_tag);
        wrdp_wr_u16le(w, a->channels);
        wrdp_wr_u32le(w, a->samples_per_sec);
        wrdp_wr_u32le(w, a->avg_bytes_per_sec);
        wrdp_wr_u16le(w, a->block_align);
        wrdp_wr_u16le(w, a->bits_per_sample);
        wrdp_wr_u16le(w, a->cb_size);
        if (a->cb_size) {
            if (!a->data)
                return wrdp_writer_fail(w, "audio format %u: cbSize %u without data", (unsigned)i,
                                        (unsigned)a->cb_size);
            wrdp_wr_bytes(w, a->data, a->cb_size);
        }
    }
    if (wrdp_writer_status(w) != WRDP_OK || body_fits(w, w->len - start - 4) != WRDP_OK)
        return WRDP_ERR;
    wrdp_wr_put_u16le_at(w, start + 2, (uint16_t)(w->len - start - 4));
    return wrdp_writer_status(w);
}

/* ---- Training / Training Confirm ----------------------------------------------- */

int wrdp_rdpsnd_decode_training(const uint8_t *msg, size_t len, wrdp_rdpsnd_training *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Training", err);
    memset(out, 0, sizeof *out);
    if (read_header(&c, WRDP_RDPSND_TRAINING, &h) != WRDP_OK)
        return WRDP_ERR;
    out->timestamp = wrdp_rd_u16le(&c, "wTimeStamp");
    out->pack_size = wrdp_rd_u16le(&c, "wPackSize");
    out->data = wrdp_rd_rest(&c);
    return wrdp_cursor_status(&c);
}

int wrdp_rdpsnd_encode_training(wrdp_writer *w, const wrdp_rdpsnd_training *t)
{
    if (body_fits(w, 4 + t->data.len) != WRDP_OK)
        return WRDP_ERR;
    write_header(w, WRDP_RDPSND_TRAINING, 0, (uint16_t)(4 + t->data.len));
    wrdp_wr_u16le(w, t->timestamp);
    wrdp_wr_u16le(w, t->pack_size);
    if (t->data.len)
        wrdp_wr_bytes(w, t->data.data, t->data.len);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_decode_training_confirm(const uint8_t *msg, size_t len, wrdp_rdpsnd_training *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Training Confirm", err);
    memset(out, 0, sizeof *out);
    if (read_header(&c, WRDP_RDPSND_TRAINING, &h) != WRDP_OK)
        return WRDP_ERR;
    out->timestamp = wrdp_rd_u16le(&c, "wTimeStamp");
    out->pack_size = wrdp_rd_u16le(&c, "wPackSize");
    return wrdp_cursor_expect_end(&c);
}

int wrdp_rdpsnd_encode_training_confirm(wrdp_writer *w, const wrdp_rdpsnd_training *t)
{
    write_header(w, WRDP_RDPSND_TRAINING, 0, 4);
    wrdp_wr_u16le(w, t->timestamp);
    wrdp_wr_u16le(w, t->pack_size);
    return wrdp_writer_status(w);
}

/* ---- Wave Info / Wave / Wave2 ------------------------------------------------------ */

int wrdp_rdpsnd_decode_wave_info(const uint8_t *msg, size_t len, wrdp_rdpsnd_wave_info *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Wave Info", err);
    memset(out, 0, sizeof *out);
    if (read_header(&c, WRDP_RDPSND_WAVE, &h) != WRDP_OK)
        return WRDP_ERR;
    out->timestamp = wrdp_rd_u16le(&c, "wTimeStamp");
    out->format_no = wrdp_rd_u16le(&c, "wFormatNo");
    out->block_no = wrdp_rd_u8(&c, "cBlockNo");
    wrdp_rd_copy(&c, out->pad, 3, "bPad");
    wrdp_rd_copy(&c, out->data, 4, "Data");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    /* BodySize counts this body (12) and the Wave PDU's audio after its 4 pad bytes */
    if (h.body_size < 12)
        return wrdp_cursor_fail(&c, "BodySize", "%u is less than the 12-byte Wave Info body", (unsigned)h.body_size);
    out->audio_len = (uint32_t)h.body_size - 8;
    return wrdp_cursor_expect_end(&c);
}

int wrdp_rdpsnd_encode_wave_info(wrdp_writer *w, const wrdp_rdpsnd_wave_info *wi)
{
    if (wi->audio_len < 4)
        return wrdp_writer_fail(w, "Wave Info: %u audio bytes (4 at least)", (unsigned)wi->audio_len);
    if (body_fits(w, (size_t)wi->audio_len + 8) != WRDP_OK)
        return WRDP_ERR;
    write_header(w, WRDP_RDPSND_WAVE, 0, (uint16_t)(wi->audio_len + 8));
    wrdp_wr_u16le(w, wi->timestamp);
    wrdp_wr_u16le(w, wi->format_no);
    wrdp_wr_u8(w, wi->block_no);
    wrdp_wr_bytes(w, wi->pad, 3);
    wrdp_wr_bytes(w, wi->data, 4);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_encode_wave(wrdp_writer *w, const uint8_t *audio, size_t audio_len)
{
    if (audio_len < 4)
        return wrdp_writer_fail(w, "Wave: %zu audio bytes (4 at least)", audio_len);
    wrdp_wr_fill(w, 0, 4);
    wrdp_wr_bytes(w, audio + 4, audio_len - 4);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_decode_wave2(const uint8_t *msg, size_t len, wrdp_rdpsnd_wave2 *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Wave2", err);
    memset(out, 0, sizeof *out);
    if (read_header(&c, WRDP_RDPSND_WAVE2, &h) != WRDP_OK)
        return WRDP_ERR;
    out->timestamp = wrdp_rd_u16le(&c, "wTimeStamp");
    out->format_no = wrdp_rd_u16le(&c, "wFormatNo");
    out->block_no = wrdp_rd_u8(&c, "cBlockNo");
    wrdp_rd_copy(&c, out->pad, 3, "bPad");
    out->audio_timestamp = wrdp_rd_u32le(&c, "dwAudioTimeStamp");
    out->data = wrdp_rd_rest(&c);
    return wrdp_cursor_status(&c);
}

int wrdp_rdpsnd_encode_wave2(wrdp_writer *w, const wrdp_rdpsnd_wave2 *w2)
{
    if (body_fits(w, 12 + w2->data.len) != WRDP_OK)
        return WRDP_ERR;
    write_header(w, WRDP_RDPSND_WAVE2, 0, (uint16_t)(12 + w2->data.len));
    wrdp_wr_u16le(w, w2->timestamp);
    wrdp_wr_u16le(w, w2->format_no);
    wrdp_wr_u8(w, w2->block_no);
    wrdp_wr_bytes(w, w2->pad, 3);
    wrdp_wr_u32le(w, w2->audio_timestamp);
    if (w2->data.len)
        wrdp_wr_bytes(w, w2->data.data, w2->data.len);
    return wrdp_writer_status(w);
}

/* ---- Wave Confirm, Volume, Pitch, Close, Quality Mode -------------------------------- */

int wrdp_rdpsnd_decode_wave_confirm(const uint8_t *msg, size_t len, wrdp_rdpsnd_wave_confirm *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Wave Confirm", err);
    memset(out, 0, sizeof *out);
    if (read_header(&c, WRDP_RDPSND_WAVECONFIRM, &h) != WRDP_OK)
        return WRDP_ERR;
    out->timestamp = wrdp_rd_u16le(&c, "wTimeStamp");
    out->block_no = wrdp_rd_u8(&c, "cConfirmedBlockNo");
    out->pad = wrdp_rd_u8(&c, "bPad");
    return wrdp_cursor_expect_end(&c);
}

int wrdp_rdpsnd_encode_wave_confirm(wrdp_writer *w, const wrdp_rdpsnd_wave_confirm *cf)
{
    write_header(w, WRDP_RDPSND_WAVECONFIRM, 0, 4);
    wrdp_wr_u16le(w, cf->timestamp);
    wrdp_wr_u8(w, cf->block_no);
    wrdp_wr_u8(w, cf->pad);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_decode_u32_body(const uint8_t *msg, size_t len, uint8_t msg_type, uint32_t *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, msg_type == WRDP_RDPSND_SETPITCH ? PDU " Pitch" : PDU " Volume", err);
    *out = 0;
    if (read_header(&c, msg_type, &h) != WRDP_OK)
        return WRDP_ERR;
    *out = wrdp_rd_u32le(&c, msg_type == WRDP_RDPSND_SETPITCH ? "dwPitch" : "dwVolume");
    return wrdp_cursor_expect_end(&c);
}

int wrdp_rdpsnd_encode_volume(wrdp_writer *w, uint32_t volume)
{
    write_header(w, WRDP_RDPSND_SETVOLUME, 0, 4);
    wrdp_wr_u32le(w, volume);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_encode_pitch(wrdp_writer *w, uint32_t pitch)
{
    write_header(w, WRDP_RDPSND_SETPITCH, 0, 4);
    wrdp_wr_u32le(w, pitch);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_encode_close(wrdp_writer *w)
{
    write_header(w, WRDP_RDPSND_CLOSE, 0, 0);
    return wrdp_writer_status(w);
}

int wrdp_rdpsnd_decode_quality_mode(const uint8_t *msg, size_t len, uint16_t *quality, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_rdpsnd_header h;
    wrdp_cursor_init(&c, msg, len, PDU " Quality Mode", err);
    *quality = 0;
    if (read_header(&c, WRDP_RDPSND_QUALITYMODE, &h) != WRDP_OK)
        return WRDP_ERR;
    *quality = wrdp_rd_u16le(&c, "wQualityMode");
    wrdp_rd_u16le(&c, "Reserved");
    return wrdp_cursor_expect_end(&c);
}

int wrdp_rdpsnd_encode_quality_mode(wrdp_writer *w, uint16_t quality)
{
    write_header(w, WRDP_RDPSND_QUALITYMODE, 0, 4);
    wrdp_wr_u16le(w, quality);
    wrdp_wr_u16le(w, 0);
    return wrdp_writer_status(w);
}

bool wrdp_rdpsnd_next_output(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg)
{
    if (*pos + 4 > len)
        return false;
    size_t n = 4 + (size_t)(buf[*pos + 2] | buf[*pos + 3] << 8);
    if (n > len - *pos)
        return false;
    msg->data = buf + *pos;
    msg->len = n;
    *pos += n;
    return true;
}
