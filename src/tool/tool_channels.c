/* `webrdp connect --stay S`: keeps the session running for S seconds after the
 * connection, routes the drdynvc static channel through the dynamic channel
 * manager (channels nobody registered are refused politely) and rdpsnd through
 * the sound processor, and prints what the channels do — proof that a real
 * server's channels work and do not drop us. */
#include <stdio.h>
#include <string.h>

#include "native_transport.h"
#include "tool/tool.h"
#include "webrdp/channels/rdpsnd.h"
#include "webrdp/dvc.h"
#include "webrdp/session.h"
#include "webrdp/svc.h"

static void print_dvc_events(wrdp_dvc *dvc)
{
    wrdp_dvc_event ev;
    while (wrdp_dvc_next_event(dvc, &ev)) {
        switch (ev.type) {
        case WRDP_DVC_EVENT_CAPABILITIES: printf("dvc: capabilities version %u\n", ev.version); break;
        case WRDP_DVC_EVENT_OPENED: printf("dvc: opened %s (%u)\n", ev.name, ev.channel_id); break;
        case WRDP_DVC_EVENT_REFUSED: printf("dvc: refused %s (%u)\n", ev.name, ev.channel_id); break;
        case WRDP_DVC_EVENT_CLOSED: printf("dvc: closed %s (%u)\n", ev.name, ev.channel_id); break;
        case WRDP_DVC_EVENT_SOFT_SYNC: printf("dvc: soft-sync request answered\n"); break;
        }
    }
    fflush(stdout);
}

typedef bool (*next_output_fn)(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg);

/* Sends each message a channel processor wrote as its own static channel message. */
static int send_messages(tool_link *l, wrdp_session *s, uint16_t id, next_output_fn next, const wrdp_writer *dout,
                         wrdp_writer *out, wrdp_error *err)
{
    size_t pos = 0;
    wrdp_bytes msg;
    while (next(dout->data, dout->len, &pos, &msg)) {
        wrdp_writer_reset(out);
        if (wrdp_session_send_channel(s, id, msg.data, msg.len, out) != WRDP_OK) {
            *err = *wrdp_session_error(s);
            return WRDP_ERR;
        }
        if (tool_link_send(l, out->data, out->len, err) != WRDP_OK)
            return WRDP_ERR;
    }
    return WRDP_OK;
}

static void print_rdpsnd_events(wrdp_rdpsnd *snd)
{
    wrdp_rdpsnd_event ev;
    while (wrdp_rdpsnd_next_event(snd, &ev)) {
        if (ev.kind == WRDP_RDPSND_EVENT_FORMATS)
            printf("rdpsnd: server version %u, %u formats answered\n", ev.version, ev.count);
        else if (ev.kind == WRDP_RDPSND_EVENT_AUDIO)
            printf("rdpsnd: audio block %u: %zu frames at %u Hz, %u channels\n", ev.block_no, ev.frames, ev.rate,
                   ev.channels);
        else if (ev.kind == WRDP_RDPSND_EVENT_CLOSE)
            printf("rdpsnd: closed\n");
    }
    fflush(stdout);
}

int tool_channels_run(tool_link *l, wrdp_connector *c, unsigned stay_s, wrdp_error *err)
{
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    wrdp_session *s = wrdp_session_new(c, &cfg, err);
    if (!s)
        return WRDP_ERR;
    wrdp_dvc *dvc = wrdp_dvc_new(NULL);
    wrdp_rdpsnd *snd = wrdp_rdpsnd_new();
    uint16_t drdynvc = wrdp_session_channel_id(s, "drdynvc");
    uint16_t rdpsnd = wrdp_session_channel_id(s, "rdpsnd");
    wrdp_writer out, dout;
    wrdp_writer_init(&out, 0, err);
    wrdp_writer_init(&dout, 0, err);
    int64_t until = native_now_ms() + (int64_t)stay_s * 1000;
    unsigned long frames = 0;
    int rc = dvc && snd ? WRDP_OK : wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
    while (rc == WRDP_OK && native_now_ms() < until) {
        size_t len, flen = 0;
        const uint8_t *buf = tool_link_buffer(l, &len);
        int r = len ? wrdp_session_next_frame_len(s, buf, len, &flen) : 0;
        if (r < 0) {
            *err = *wrdp_session_error(s);
            rc = WRDP_ERR;
            break;
        }
        if (r == 1 && flen <= len) {
            wrdp_writer_reset(&out);
            if (wrdp_session_process(s, buf, flen, &out) != WRDP_OK) {
                *err = *wrdp_session_error(s);
                rc = WRDP_ERR;
                break;
            }
            tool_link_consume(l, flen);
            frames++;
            if (out.len && tool_link_send(l, out.data, out.len, err) != WRDP_OK) {
                rc = WRDP_ERR;
                break;
            }
            wrdp_session_event ev;
            while (rc == WRDP_OK && wrdp_session_next_event(s, &ev)) {
                if (ev.type == WRDP_SESSION_EVENT_TERMINATED) {
                    *err = ev.error;
                    rc = WRDP_ERR;
                } else if (ev.type == WRDP_SESSION_EVENT_CHANNEL_DATA && drdynvc && ev.channel_id == drdynvc) {
                    wrdp_writer_reset(&dout);
                    if (wrdp_dvc_process(dvc, ev.data.data, ev.data.len, &dout) != WRDP_OK)
                        printf("dvc: ignored a malformed message: %s\n", wrdp_dvc_error(dvc)->message);
                    print_dvc_events(dvc);
                    rc = send_messages(l, s, drdynvc, wrdp_dvc_next_output, &dout, &out, err);
                } else if (ev.type == WRDP_SESSION_EVENT_CHANNEL_DATA && rdpsnd && ev.channel_id == rdpsnd) {
                    wrdp_writer_reset(&dout);
                    if (wrdp_rdpsnd_process(snd, ev.data.data, ev.data.len, &dout) != WRDP_OK)
                        printf("rdpsnd: %s\n", wrdp_rdpsnd_error(snd)->message);
                    print_rdpsnd_events(snd);
                    rc = send_messages(l, s, rdpsnd, wrdp_rdpsnd_next_output, &dout, &out, err);
                } else if (ev.type == WRDP_SESSION_EVENT_CHANNEL_DATA) {
                    printf("channel: %u: %zu bytes\n", ev.channel_id, ev.data.len);
                }
            }
            continue;
        }
        size_t got = 0;
        wrdp_error rerr;
        wrdp_error_clear(&rerr);
        if (tool_link_read(l, until, &got, &rerr) != WRDP_OK) {
            if (rerr.kind != WRDP_ERROR_TIMEOUT) {
                *err = rerr;
                rc = WRDP_ERR;
            }
        } else if (got == 0) {
            wrdp_session_peer_closed(s);
            *err = *wrdp_session_error(s);
            rc = WRDP_ERR;
        }
    }
    if (rc == WRDP_OK) {
        printf("session: still active after %u s (%lu frames)\n", stay_s, frames);
        wrdp_writer_reset(&out);
        if (wrdp_session_disconnect(s, &out) == WRDP_OK && out.len) {
            wrdp_error derr;
            wrdp_error_clear(&derr);
            tool_link_send(l, out.data, out.len, &derr);
        }
    }
    wrdp_writer_free(&out);
    wrdp_writer_free(&dout);
    if (dvc)
        wrdp_dvc_free(dvc);
    if (snd)
        wrdp_rdpsnd_free(snd);
    wrdp_session_free(s);
    return rc;
}
