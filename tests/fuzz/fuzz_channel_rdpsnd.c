/* RDPSND: the input is a run of channel messages ([u16le length][bytes]) fed
 * to one client processor with a moving clock; every event is drained and its
 * samples read (ASan checks them). Each message also goes through every PDU
 * decoder, and what decodes re-encodes to a message that decodes again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/channels/rdpsnd.h"

static void decoders(const uint8_t *m, size_t n)
{
    static wrdp_rdpsnd_formats f, f2;
    wrdp_rdpsnd_training t;
    wrdp_rdpsnd_wave_info wi;
    wrdp_rdpsnd_wave2 w2;
    wrdp_rdpsnd_wave_confirm cf;
    wrdp_rdpsnd_header h;
    uint32_t u;
    uint16_t q;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, &err);
    wrdp_rdpsnd_decode_header(m, n, &h, &err);
    if (wrdp_rdpsnd_decode_formats(m, n, &f, &err) == WRDP_OK) {
        if (wrdp_rdpsnd_encode_formats(&w, &f) != WRDP_OK || w.len != n || memcmp(w.data, m, 2) ||
            memcmp(w.data + 4, m + 4, n - 4) || wrdp_rdpsnd_decode_formats(w.data, w.len, &f2, &err) != WRDP_OK)
            __builtin_trap();
        for (uint16_t i = 0; i < f.count; i++)
            (void)wrdp_rdpsnd_format_supported(&f.formats[i]);
    }
    wrdp_writer_reset(&w);
    if (wrdp_rdpsnd_decode_training(m, n, &t, &err) == WRDP_OK &&
        (wrdp_rdpsnd_encode_training(&w, &t) != WRDP_OK || w.len != n || memcmp(w.data + 4, m + 4, n - 4)))
        __builtin_trap();
    wrdp_writer_reset(&w);
    if (wrdp_rdpsnd_decode_training_confirm(m, n, &t, &err) == WRDP_OK &&
        wrdp_rdpsnd_encode_training_confirm(&w, &t) != WRDP_OK)
        __builtin_trap();
    wrdp_writer_reset(&w);
    if (wrdp_rdpsnd_decode_wave_info(m, n, &wi, &err) == WRDP_OK &&
        (wrdp_rdpsnd_encode_wave_info(&w, &wi) != WRDP_OK || memcmp(w.data + 2, m + 2, 14)))
        __builtin_trap();
    wrdp_writer_reset(&w);
    if (wrdp_rdpsnd_decode_wave2(m, n, &w2, &err) == WRDP_OK &&
        (wrdp_rdpsnd_encode_wave2(&w, &w2) != WRDP_OK || w.len != n || memcmp(w.data + 4, m + 4, n - 4)))
        __builtin_trap();
    wrdp_writer_reset(&w);
    if (wrdp_rdpsnd_decode_wave_confirm(m, n, &cf, &err) == WRDP_OK &&
        (wrdp_rdpsnd_encode_wave_confirm(&w, &cf) != WRDP_OK || memcmp(w.data + 4, m + 4, 4)))
        __builtin_trap();
    wrdp_rdpsnd_decode_u32_body(m, n, WRDP_RDPSND_SETVOLUME, &u, &err);
    wrdp_rdpsnd_decode_u32_body(m, n, WRDP_RDPSND_SETPITCH, &u, &err);
    wrdp_rdpsnd_decode_quality_mode(m, n, &q, &err);
    wrdp_writer_free(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_rdpsnd *p = wrdp_rdpsnd_new();
    wrdp_error err;
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, &err);
    if (!p)
        return 0;
    uint32_t now = 0;
    size_t pos = 0;
    while (pos + 2 <= size) {
        size_t n = (size_t)(data[pos] | data[pos + 1] << 8);
        pos += 2;
        if (n > size - pos)
            n = size - pos;
        /* a copy of exactly n bytes, so ASan sees any read past the message */
        uint8_t *m = malloc(n ? n : 1);
        memcpy(m, data + pos, n);
        pos += n;
        decoders(m, n);
        wrdp_rdpsnd_set_latency(p, (uint32_t)n);
        wrdp_writer_reset(&out);
        wrdp_rdpsnd_process_at(p, m, n, now, &out);
        now += 7 * (uint32_t)n;
        free(m);
        size_t op = 0;
        wrdp_bytes reply;
        while (wrdp_rdpsnd_next_output(out.data, out.len, &op, &reply))
            ;
        if (op != out.len)
            __builtin_trap(); /* our replies are whole messages */
        wrdp_rdpsnd_event ev;
        volatile int32_t sink = 0;
        while (wrdp_rdpsnd_next_event(p, &ev))
            if (ev.kind == WRDP_RDPSND_EVENT_AUDIO) {
                if (!ev.samples || !ev.frames || ev.channels < 1 || ev.channels > 2)
                    __builtin_trap();
                sink += ev.samples[0] + ev.samples[ev.frames * ev.channels - 1];
            }
        (void)sink;
    }
    wrdp_writer_free(&out);
    wrdp_rdpsnd_free(p);
    return 0;
}
