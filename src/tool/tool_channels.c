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

typedef struct stay {
    tool_link *l;
    wrdp_dvc *dvc;
    wrdp_rdpsnd *snd;
    uint16_t drdynvc, rdpsnd;
    int64_t until;
    unsigned long events;
    wrdp_writer dout, out;
} stay;

static int stay_event(void *ctx, wrdp_session *s, const wrdp_session_event *ev, wrdp_error *err)
{
    stay *st = ctx;
    st->events++;
    if (ev->type != WRDP_SESSION_EVENT_CHANNEL_DATA)
        return 0;
    wrdp_writer_reset(&st->dout);
    if (st->drdynvc && ev->channel_id == st->drdynvc) {
        if (wrdp_dvc_process(st->dvc, ev->data.data, ev->data.len, &st->dout) != WRDP_OK)
            printf("dvc: ignored a malformed message: %s\n", wrdp_dvc_error(st->dvc)->message);
        print_dvc_events(st->dvc);
        return send_messages(st->l, s, st->drdynvc, wrdp_dvc_next_output, &st->dout, &st->out, err);
    }
    if (st->rdpsnd && ev->channel_id == st->rdpsnd) {
        if (wrdp_rdpsnd_process(st->snd, ev->data.data, ev->data.len, &st->dout) != WRDP_OK)
            printf("rdpsnd: %s\n", wrdp_rdpsnd_error(st->snd)->message);
        print_rdpsnd_events(st->snd);
        return send_messages(st->l, s, st->rdpsnd, wrdp_rdpsnd_next_output, &st->dout, &st->out, err);
    }
    printf("channel: %u: %zu bytes\n", ev->channel_id, ev->data.len);
    return 0;
}

static int64_t stay_until(void *ctx)
{
    return ((stay *)ctx)->until;
}

int tool_channels_run(tool_link *l, wrdp_connector *c, unsigned stay_s, wrdp_error *err)
{
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    wrdp_session *s = wrdp_session_new(c, &cfg, err);
    if (!s)
        return WRDP_ERR;
    stay st = {l, wrdp_dvc_new(NULL), wrdp_rdpsnd_new(), wrdp_session_channel_id(s, "drdynvc"),
               wrdp_session_channel_id(s, "rdpsnd"), native_now_ms() + (int64_t)stay_s * 1000, 0, {0}, {0}};
    wrdp_writer_init(&st.dout, 0, err);
    wrdp_writer_init(&st.out, 0, err);
    int rc = st.dvc && st.snd ? WRDP_OK : wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
    if (rc == WRDP_OK) {
        tool_session_loop loop = {stay_event, stay_until, &st};
        rc = tool_session_run(l, s, &loop, err);
    }
    if (rc == WRDP_OK) {
        printf("session: still active after %u s (%lu events)\n", stay_s, st.events);
        tool_session_goodbye(l, s);
    }
    wrdp_writer_free(&st.out);
    wrdp_writer_free(&st.dout);
    if (st.dvc)
        wrdp_dvc_free(st.dvc);
    if (st.snd)
        wrdp_rdpsnd_free(st.snd);
    wrdp_session_free(s);
    return rc;
}
