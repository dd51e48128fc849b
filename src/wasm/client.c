/* The wasm client (src/wasm/client.h): a connector in RDCleanPath mode, then
 * the session it becomes, and the input database, behind the calls the JS
 * glue makes. Protocol logic stays in the library; this file turns JSON into
 * a configuration, library events into JSON, and keeps the output buffer.
 *
 * It compiles natively too (tests/unit/wasm_client_test.c includes it), where
 * there is no `webrdp.random_fill` import: the random source is then whatever
 * wrdp_wasm_client_set_random installs (a replay test installs the recorded
 * draws), and nothing until then. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm/client.h"

#include "core/json.h"
#include "crypto/crypto.h"
#include "webrdp/channels/disp.h"
#include "webrdp/channels/rdpsnd.h"
#include "webrdp/clipboard.h"
#include "webrdp/connector.h"
#include "webrdp/dvc.h"
#include "webrdp/input.h"
#include "webrdp/pdu.h"
#include "webrdp/session.h"
#include "webrdp/svc.h"

#ifdef __EMSCRIPTEN__
#define EXPORT __attribute__((visibility("default"), used))
/* crypto.getRandomValues in the glue (js/loader.mjs) */
__attribute__((import_module("webrdp"), import_name("random_fill"))) void webrdp_random_fill(uint8_t *p, size_t n);

static int default_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    webrdp_random_fill(out, len);
    return 0;
}
#else
#define EXPORT
static int default_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    (void)out;
    (void)len;
    return -1; /* natively there is no source unless a test installs one */
}
#endif

#define CONFIG_MAX ((size_t)64 * 1024)
#define EVENTS_LIMIT ((size_t)64 * 1024 * 1024)
#define OUTPUT_LIMIT ((size_t)64 * 1024 * 1024)
#define BLOBS_MAX 256
/* What the audio player's jitter buffer holds: reported as the playback delay in Wave Confirms. */
#define AUDIO_LATENCY_MS 150

struct wrdp_wasm_client {
    wrdp_error err;
    wrdp_connector *conn;   /* until connected; then the session owns it */
    wrdp_session *sess;
    wrdp_input *input;
    wrdp_writer out;        /* bytes to send */
    bool out_taken;         /* client_output handed them out: the next producer starts afresh */
    wrdp_writer events;     /* JSON texts, each followed by a NUL */
    size_t events_read;
    bool terminated;        /* the terminated event was queued */
    bool started;
    double now_ms;
    wrdp_random_fn random;
    void *random_ctx;
    /* channels (config: clipboard, displayControl, audio) */
    bool want_clipboard, want_disp, want_audio;
    wrdp_cliprdr *cliprdr;
    wrdp_dvc *dvc;
    wrdp_disp *disp;
    wrdp_rdpsnd *rdpsnd;
    uint16_t cliprdr_id, drdynvc_id, rdpsnd_id; /* 0: not joined */
    bool disp_announced;
    wrdp_writer chan;       /* a processor's replies, before they are sent */
    /* event payloads (clipboard data, audio samples): freed at the next call that makes events */
    void *blobs[BLOBS_MAX];
    size_t blob_count;
    /* sends one channel message into out (a test puts a recorder here) */
    int (*send_channel)(wrdp_wasm_client *c, uint16_t channel_id, const uint8_t *msg, size_t len);
};

/* ---- randomness and time ------------------------------------------------------ */

static int client_random(void *ctx, uint8_t *out, size_t len)
{
    wrdp_wasm_client *c = ctx;
    return c->random(c->random_ctx, out, len);
}

static uint32_t client_clock(void *ctx)
{
    const wrdp_wasm_client *c = ctx;
    return (uint32_t)(uint64_t)c->now_ms;
}

void wrdp_wasm_client_set_random(wrdp_wasm_client *c, wrdp_random_fn fn, void *ctx)
{
    c->random = fn ? fn : default_random;
    c->random_ctx = fn ? ctx : NULL;
}

/* ---- events ------------------------------------------------------------------- */

static void event_begin(wrdp_wasm_client *c, wrdp_json_writer *j, const char *type)
{
    wrdp_jw_init(j, &c->events, false);
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_cstring(j, "type", type);
}

static void event_end(wrdp_wasm_client *c, wrdp_json_writer *j)
{
    wrdp_jw_object_end(j);
    wrdp_wr_u8(&c->events, 0);
}

static void on_state(void *ctx, wrdp_connector_state entered)
{
    wrdp_wasm_client *c = ctx;
    /* reactivation re-enters the capability states: the resize event covers it */
    if (c->sess)
        return;
    wrdp_json_writer j;
    event_begin(c, &j, "stage");
    wrdp_jw_kv_cstring(&j, "state", wrdp_connector_state_name(entered));
    event_end(c, &j);
}

static void emit_terminated(wrdp_wasm_client *c, const wrdp_error *e)
{
    if (c->terminated)
        return;
    c->terminated = true;
    wrdp_json_writer j;
    event_begin(c, &j, "terminated");
    wrdp_jw_kv_cstring(&j, "kind", wrdp_error_kind_name(e->kind));
    wrdp_jw_kv_cstring(&j, "message", e->message);
    wrdp_jw_kv_uint(&j, "code", e->code);
    if (e->kind == WRDP_ERROR_RDCLEANPATH) {
        wrdp_jw_kv_uint(&j, "httpStatus", e->http_status);
        wrdp_jw_kv_uint(&j, "wsaError", e->wsa_error);
        wrdp_jw_kv_int(&j, "tlsAlert", e->tls_alert);
    }
    event_end(c, &j);
}

static const char *protocol_name(uint32_t p)
{
    switch (p) {
    case WRDP_PROTOCOL_RDP: return "rdp";
    case WRDP_PROTOCOL_SSL: return "ssl";
    case WRDP_PROTOCOL_HYBRID: return "hybrid";
    case WRDP_PROTOCOL_HYBRID_EX: return "hybrid-ex";
    default: return "unknown";
    }
}

static void emit_connected(wrdp_wasm_client *c)
{
    const wrdp_connection_result *r = wrdp_session_connection(c->sess);
    const wrdp_image *img = wrdp_session_image(c->sess);
    wrdp_json_writer j;
    event_begin(c, &j, "connected");
    wrdp_jw_kv_uint(&j, "width", img ? img->width : r->desktop_width);
    wrdp_jw_kv_uint(&j, "height", img ? img->height : r->desktop_height);
    wrdp_jw_kv_cstring(&j, "protocol", protocol_name(r->selected_protocol));
    wrdp_jw_key(&j, "channels");
    wrdp_jw_array_begin(&j);
    for (size_t i = 0; i < r->channel_count; i++) {
        const char *name = r->channels[i].name;
        const char *end = memchr(name, 0, sizeof r->channels[i].name);
        wrdp_jw_string(&j, name, end ? (size_t)(end - name) : sizeof r->channels[i].name);
    }
    wrdp_jw_array_end(&j);
    event_end(c, &j);
}

/* ---- channels ----------------------------------------------------------------- */

static void blobs_free(wrdp_wasm_client *c)
{
    for (size_t i = 0; i < c->blob_count; i++)
        wrdp_free(c->blobs[i]);
    c->blob_count = 0;
}

/* A copy of an event's payload that stays valid until the next call making events. */
static void *blob_keep(wrdp_wasm_client *c, const void *data, size_t len)
{
    if (c->blob_count >= BLOBS_MAX)
        return NULL;
    void *p = wrdp_calloc(1, len ? len : 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, data, len);
    c->blobs[c->blob_count++] = p;
    return p;
}

static int session_send_channel(wrdp_wasm_client *c, uint16_t channel_id, const uint8_t *msg, size_t len)
{
    size_t mark = c->out.len;
    if (wrdp_session_send_channel(c->sess, channel_id, msg, len, &c->out) != WRDP_OK) {
        c->err = *wrdp_session_error(c->sess);
        if (wrdp_writer_status(&c->out) == WRDP_OK)
            c->out.len = mark; /* drop a partial message */
        return WRDP_ERR;
    }
    return WRDP_OK;
}

typedef bool (*next_record_fn)(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg);

static bool next_cliprdr_pdu(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg)
{
    if (*pos >= len)
        return false;
    size_t n = wrdp_cliprdr_pdu_length(buf + *pos, len - *pos);
    if (!n)
        return false;
    msg->data = buf + *pos;
    msg->len = n;
    *pos += n;
    return true;
}

/* Sends every message a processor wrote into c->chan (each its own channel message), then empties it. */
static int send_records(wrdp_wasm_client *c, uint16_t channel_id, next_record_fn next)
{
    int rc = WRDP_OK;
    if (wrdp_writer_status(&c->chan) == WRDP_OK && channel_id) {
        size_t pos = 0;
        wrdp_bytes msg;
        while (rc == WRDP_OK && next(c->chan.data, c->chan.len, &pos, &msg))
            rc = c->send_channel(c, channel_id, msg.data, msg.len);
    }
    wrdp_writer_reset(&c->chan);
    return rc;
}

static const char *clip_kind_mime(wrdp_clip_kind k)
{
    switch (k) {
    case WRDP_CLIP_TEXT: return "text/plain";
    case WRDP_CLIP_HTML: return "text/html";
    case WRDP_CLIP_PNG: return "image/png";
    case WRDP_CLIP_FILES: return "files";
    default: return "application/octet-stream";
    }
}

static void clipboard_events(wrdp_wasm_client *c)
{
    wrdp_cliprdr_event ev;
    while (wrdp_cliprdr_next_event(c->cliprdr, &ev)) {
        wrdp_json_writer j;
        switch (ev.type) {
        case WRDP_CLIPRDR_EVENT_READY:
            event_begin(c, &j, "clipboardReady");
            event_end(c, &j);
            break;
        case WRDP_CLIPRDR_EVENT_REMOTE_FORMATS:
            event_begin(c, &j, "clipboard");
            wrdp_jw_key(&j, "formats");
            wrdp_jw_array_begin(&j);
            for (int k = WRDP_CLIP_TEXT; k <= WRDP_CLIP_FILES; k++)
                if (ev.kinds & (1u << k))
                    wrdp_jw_cstring(&j, clip_kind_mime((wrdp_clip_kind)k));
            wrdp_jw_array_end(&j);
            event_end(c, &j);
            break;
        case WRDP_CLIPRDR_EVENT_DATA:
            event_begin(c, &j, "clipboardData");
            wrdp_jw_kv_cstring(&j, "mime", clip_kind_mime(ev.kind));
            if (ev.kind == WRDP_CLIP_TEXT || ev.kind == WRDP_CLIP_HTML) {
                wrdp_jw_kv_string(&j, "text", (const char *)ev.data, ev.len);
            } else if (ev.kind == WRDP_CLIP_PNG) {
                void *p = blob_keep(c, ev.data, ev.len);
                wrdp_jw_kv_uint(&j, "data", (uint64_t)(uintptr_t)p);
                wrdp_jw_kv_uint(&j, "length", p ? ev.len : 0);
            } else {
                wrdp_jw_kv_uint(&j, "formatId", ev.format_id);
                wrdp_jw_kv_uint(&j, "length", ev.len);
            }
            event_end(c, &j);
            break;
        case WRDP_CLIPRDR_EVENT_DATA_FAILED:
            event_begin(c, &j, "clipboardData");
            wrdp_jw_kv_cstring(&j, "mime", clip_kind_mime(ev.kind));
            wrdp_jw_kv_bool(&j, "failed", true);
            event_end(c, &j);
            break;
        default:
            break;
        }
    }
}

static void audio_events(wrdp_wasm_client *c)
{
    wrdp_rdpsnd_event ev;
    while (wrdp_rdpsnd_next_event(c->rdpsnd, &ev)) {
        wrdp_json_writer j;
        if (ev.kind == WRDP_RDPSND_EVENT_AUDIO) {
            size_t bytes = ev.frames * ev.channels * sizeof(int16_t);
            void *p = blob_keep(c, ev.samples, bytes);
            if (!p)
                continue; /* no memory (or too many blocks at once): this block is not heard */
            event_begin(c, &j, "audio");
            wrdp_jw_kv_uint(&j, "rate", ev.rate);
            wrdp_jw_kv_uint(&j, "channels", ev.channels);
            wrdp_jw_kv_uint(&j, "frames", ev.frames);
            wrdp_jw_kv_uint(&j, "data", (uint64_t)(uintptr_t)p);
            event_end(c, &j);
        } else if (ev.kind == WRDP_RDPSND_EVENT_VOLUME) {
            event_begin(c, &j, "audioVolume");
            wrdp_jw_kv_uint(&j, "left", ev.volume & 0xFFFF);
            wrdp_jw_kv_uint(&j, "right", ev.volume >> 16);
            event_end(c, &j);
        } else if (ev.kind == WRDP_RDPSND_EVENT_CLOSE) {
            event_begin(c, &j, "audioClose");
            event_end(c, &j);
        }
    }
}

/* One whole static channel message: to its processor, the replies into the output.
 * A message a processor cannot read is dropped; the session goes on. */
static void route_channel(wrdp_wasm_client *c, uint16_t channel_id, const uint8_t *data, size_t len)
{
    if (!channel_id)
        return;
    wrdp_writer_reset(&c->chan);
    if (c->cliprdr && channel_id == c->cliprdr_id) {
        wrdp_cliprdr_process(c->cliprdr, data, len, &c->chan);
        clipboard_events(c);
        send_records(c, channel_id, next_cliprdr_pdu);
    } else if (c->dvc && channel_id == c->drdynvc_id) {
        wrdp_dvc_process(c->dvc, data, len, &c->chan);
        wrdp_dvc_event dev;
        while (wrdp_dvc_next_event(c->dvc, &dev)) {
        }
        send_records(c, channel_id, wrdp_dvc_next_output);
        if (c->disp && !c->disp_announced && wrdp_disp_ready(c->disp, NULL)) {
            c->disp_announced = true;
            wrdp_json_writer j;
            event_begin(c, &j, "displayControl");
            wrdp_jw_kv_bool(&j, "available", true);
            event_end(c, &j);
        }
    } else if (c->rdpsnd && channel_id == c->rdpsnd_id) {
        wrdp_rdpsnd_process_at(c->rdpsnd, data, len, (uint32_t)(uint64_t)c->now_ms, &c->chan);
        audio_events(c);
        send_records(c, channel_id, wrdp_rdpsnd_next_output);
    }
}

/* The processors of the channels the config asked for and the server joined. */
static int channels_open(wrdp_wasm_client *c)
{
    if (c->want_clipboard && (c->cliprdr_id = wrdp_session_channel_id(c->sess, WRDP_CLIPRDR_CHANNEL_NAME)) != 0) {
        wrdp_error err;
        wrdp_error_clear(&err);
        c->cliprdr = wrdp_cliprdr_new(NULL, &err);
        if (!c->cliprdr)
            c->cliprdr_id = 0;
    }
    if (c->want_disp && (c->drdynvc_id = wrdp_session_channel_id(c->sess, WRDP_DVC_CHANNEL_NAME)) != 0) {
        c->dvc = wrdp_dvc_new(NULL);
        c->disp = c->dvc ? wrdp_disp_new() : NULL;
        if (!c->disp || wrdp_disp_attach(c->disp, c->dvc) != WRDP_OK) {
            wrdp_dvc_free(c->dvc);
            wrdp_disp_free(c->disp);
            c->dvc = NULL;
            c->disp = NULL;
            c->drdynvc_id = 0;
        }
    }
    if (c->want_audio && (c->rdpsnd_id = wrdp_session_channel_id(c->sess, WRDP_RDPSND_CHANNEL_NAME)) != 0) {
        c->rdpsnd = wrdp_rdpsnd_new();
        if (c->rdpsnd)
            wrdp_rdpsnd_set_latency(c->rdpsnd, AUDIO_LATENCY_MS);
        else
            c->rdpsnd_id = 0;
    }
    return WRDP_OK;
}

/* Session events to JSON (those the glue has no use for yet are left out). */
static void drain_session(wrdp_wasm_client *c)
{
    wrdp_session_event ev;
    while (wrdp_session_next_event(c->sess, &ev)) {
        wrdp_json_writer j;
        switch (ev.type) {
        case WRDP_SESSION_EVENT_GRAPHICS:
            event_begin(c, &j, "graphics");
            wrdp_jw_kv_int(&j, "x", ev.rect.left);
            wrdp_jw_kv_int(&j, "y", ev.rect.top);
            wrdp_jw_kv_int(&j, "width", ev.rect.right - ev.rect.left);
            wrdp_jw_kv_int(&j, "height", ev.rect.bottom - ev.rect.top);
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_POINTER_BITMAP:
            if (!ev.pointer || !ev.pointer->data) {
                event_begin(c, &j, "pointer");
                wrdp_jw_kv_bool(&j, "hidden", true);
                event_end(c, &j);
                break;
            }
            event_begin(c, &j, "pointer");
            wrdp_jw_kv_uint(&j, "width", ev.pointer->width);
            wrdp_jw_kv_uint(&j, "height", ev.pointer->height);
            wrdp_jw_kv_uint(&j, "hotspotX", ev.pointer->hotspot_x);
            wrdp_jw_kv_uint(&j, "hotspotY", ev.pointer->hotspot_y);
            wrdp_jw_kv_uint(&j, "data", (uint64_t)(uintptr_t)ev.pointer->data);
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_POINTER_HIDDEN:
            event_begin(c, &j, "pointer");
            wrdp_jw_kv_bool(&j, "hidden", true);
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_POINTER_DEFAULT:
            event_begin(c, &j, "pointer");
            wrdp_jw_kv_bool(&j, "default", true);
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_POINTER_POSITION:
            event_begin(c, &j, "pointerPosition");
            wrdp_jw_kv_int(&j, "x", ev.x);
            wrdp_jw_kv_int(&j, "y", ev.y);
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_ERROR_INFO:
            event_begin(c, &j, "errorInfo");
            wrdp_jw_kv_uint(&j, "code", ev.code);
            wrdp_jw_kv_cstring(&j, "text", wrdp_error_info_text(ev.code));
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_LOGON:
            event_begin(c, &j, "logon");
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_REACTIVATED:
            event_begin(c, &j, "resize");
            wrdp_jw_kv_uint(&j, "width", ev.width);
            wrdp_jw_kv_uint(&j, "height", ev.height);
            event_end(c, &j);
            break;
        case WRDP_SESSION_EVENT_CHANNEL_DATA:
            route_channel(c, ev.channel_id, ev.data.data, ev.data.len);
            break;
        case WRDP_SESSION_EVENT_TERMINATED:
            c->err = ev.error;
            emit_terminated(c, &ev.error);
            break;
        default:
            break;
        }
    }
}

/* ---- configuration ------------------------------------------------------------ */

static int bad(wrdp_error *err, const char *fmt, const char *what)
{
    return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, fmt, what);
}

static int get_string(const wrdp_json *m, const char **out, wrdp_error *err)
{
    if (m->type != WRDP_JSON_STRING)
        return bad(err, "config: %s must be a string", m->key);
    if (strlen(m->str) != m->len)
        return bad(err, "config: %s holds a NUL character", m->key);
    *out = m->str;
    return WRDP_OK;
}

static int get_uint(const wrdp_json *m, uint64_t max, uint64_t *out, wrdp_error *err)
{
    if (m->type != WRDP_JSON_NUMBER || !m->is_integer || m->negative || m->magnitude > max)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "config: %s must be an integer 0..%llu", m->key,
                              (unsigned long long)max);
    *out = m->magnitude;
    return WRDP_OK;
}

/* An array of names, each one bit of `bits`. */
static int get_flags(const wrdp_json *m, const char *const *names, const uint32_t *bits, size_t count,
                     uint32_t *out, wrdp_error *err)
{
    if (m->type != WRDP_JSON_ARRAY)
        return bad(err, "config: %s must be an array of names", m->key);
    *out = 0;
    for (const wrdp_json *v = m->first; v; v = v->next) {
        size_t i = 0;
        while (i < count && !(v->type == WRDP_JSON_STRING && !strcmp(v->str, names[i])))
            i++;
        if (i == count)
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "config: %s: %s%s%s is not one of its names",
                                  m->key, v->type == WRDP_JSON_STRING ? "\"" : "",
                                  v->type == WRDP_JSON_STRING ? v->str : "a non-string",
                                  v->type == WRDP_JSON_STRING ? "\"" : "");
        *out |= bits[i];
    }
    return WRDP_OK;
}

typedef struct client_config {
    wrdp_connector_config cfg;
    const char *destination;
    const char *proxy_auth;
    bool clipboard, display_control, audio;
} client_config;

static int get_bool(const wrdp_json *m, bool *out, wrdp_error *err)
{
    if (m->type != WRDP_JSON_BOOL)
        return bad(err, "config: %s must be true or false", m->key);
    *out = m->boolean;
    return WRDP_OK;
}

static int config_member(client_config *cc, const wrdp_json *m, wrdp_error *err)
{
    wrdp_connector_config *cfg = &cc->cfg;
    const char *k = m->key;
    uint64_t u = 0;
    if (!strcmp(k, "username"))
        return get_string(m, &cfg->username, err);
    if (!strcmp(k, "password"))
        return get_string(m, &cfg->password, err);
    if (!strcmp(k, "domain"))
        return get_string(m, &cfg->domain, err);
    if (!strcmp(k, "clientName"))
        return get_string(m, &cfg->client_name, err);
    if (!strcmp(k, "alternateShell"))
        return get_string(m, &cfg->alternate_shell, err);
    if (!strcmp(k, "workingDir"))
        return get_string(m, &cfg->working_dir, err);
    if (!strcmp(k, "destination"))
        return get_string(m, &cc->destination, err);
    if (!strcmp(k, "proxyAuth"))
        return get_string(m, &cc->proxy_auth, err);
    if (!strcmp(k, "clipboard"))
        return get_bool(m, &cc->clipboard, err);
    if (!strcmp(k, "displayControl"))
        return get_bool(m, &cc->display_control, err);
    if (!strcmp(k, "audio"))
        return get_bool(m, &cc->audio, err);
    if (!strcmp(k, "autologon")) {
        if (m->type != WRDP_JSON_BOOL)
            return bad(err, "config: %s must be true or false", k);
        cfg->autologon = m->boolean;
        return WRDP_OK;
    }
    if (!strcmp(k, "timeZoneBias")) {
        if (m->type != WRDP_JSON_NUMBER || !m->is_integer || m->magnitude > 24 * 60)
            return bad(err, "config: %s must be an integer number of minutes within a day", k);
        cfg->time_zone.bias = m->negative ? -(int32_t)m->magnitude : (int32_t)m->magnitude;
        return WRDP_OK;
    }
    if (!strcmp(k, "filetimeNow")) {
        /* a string of digits: a FILETIME does not fit a JS number exactly */
        if (m->type == WRDP_JSON_NUMBER)
            return get_uint(m, UINT64_MAX, &cfg->filetime_now, err);
        if (m->type != WRDP_JSON_STRING || !m->len || m->len > 20 || strspn(m->str, "0123456789") != m->len)
            return bad(err, "config: %s must be a string of decimal digits", k);
        uint64_t v = 0;
        for (size_t i = 0; i < m->len; i++) {
            unsigned d = (unsigned)(m->str[i] - '0');
            if (v > (UINT64_MAX - d) / 10)
                return bad(err, "config: %s is beyond 64 bits", k);
            v = v * 10 + d;
        }
        cfg->filetime_now = v;
        return WRDP_OK;
    }
    if (!strcmp(k, "security")) {
        static const char *const names[] = {"rdp", "tls", "nla", "nla-ex"};
        static const uint32_t bits[] = {WRDP_SECURITY_RDP, WRDP_SECURITY_TLS, WRDP_SECURITY_NLA, WRDP_SECURITY_NLA_EX};
        return get_flags(m, names, bits, 4, &cfg->security_protocols, err);
    }
    if (!strcmp(k, "codecs")) {
        static const char *const names[] = {"rfx", "nsc"};
        static const uint32_t bits[] = {WRDP_CODEC_REMOTEFX, WRDP_CODEC_NSCODEC};
        return get_flags(m, names, bits, 2, &cfg->bitmap_codecs, err);
    }
    if (!strcmp(k, "compression")) {
        static const char *const names[] = {"none", "8k", "64k", "rdp6", "rdp61"};
        static const wrdp_compression levels[] = {WRDP_COMPRESSION_NONE, WRDP_COMPRESSION_8K, WRDP_COMPRESSION_64K,
                                                  WRDP_COMPRESSION_RDP6, WRDP_COMPRESSION_RDP61};
        for (size_t i = 0; m->type == WRDP_JSON_STRING && i < 5; i++)
            if (!strcmp(m->str, names[i])) {
                cfg->compression = levels[i];
                return WRDP_OK;
            }
        return bad(err, "config: %s must be one of \"none\", \"8k\", \"64k\", \"rdp6\", \"rdp61\"", k);
    }
    /* plain integers: the connector's validation checks their ranges */
    static const struct {
        const char *key;
        uint64_t max;
    } ints[] = {{"width", 0xFFFF},
                {"height", 0xFFFF},
                {"desktopScaleFactor", 0xFFFFFFFF},
                {"deviceScaleFactor", 0xFFFFFFFF},
                {"colorDepth", 0xFFFF},
                {"keyboardLayout", 0xFFFFFFFF},
                {"keyboardType", 0xFFFFFFFF},
                {"keyboardSubtype", 0xFFFFFFFF},
                {"keyboardFunctionKeys", 0xFFFFFFFF},
                {"clientBuild", 0xFFFFFFFF},
                {"performanceFlags", 0xFFFFFFFF}};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        if (strcmp(k, ints[i].key) != 0)
            continue;
        if (get_uint(m, ints[i].max, &u, err))
            return WRDP_ERR;
        switch (i) {
        case 0: cfg->desktop_width = (uint16_t)u; break;
        case 1: cfg->desktop_height = (uint16_t)u; break;
        case 2: cfg->desktop_scale_factor = (uint32_t)u; break;
        case 3: cfg->device_scale_factor = (uint32_t)u; break;
        case 4: cfg->color_depth = (uint16_t)u; break;
        case 5: cfg->keyboard_layout = (uint32_t)u; break;
        case 6: cfg->keyboard_type = (uint32_t)u; break;
        case 7: cfg->keyboard_subtype = (uint32_t)u; break;
        case 8: cfg->keyboard_function_keys = (uint32_t)u; break;
        case 9: cfg->client_build = (uint32_t)u; break;
        default: cfg->performance_flags = (uint32_t)u; break;
        }
        return WRDP_OK;
    }
    return bad(err, "config: unknown key \"%s\"", k);
}

static int parse_config(const char *text, size_t len, wrdp_arena *arena, client_config *cc, wrdp_error *err)
{
    if (!text || len > CONFIG_MAX)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "config: no JSON text, or more than %zu bytes",
                              CONFIG_MAX);
    const wrdp_json *root = wrdp_json_parse(text, len, arena, err);
    if (!root)
        return WRDP_ERR;
    if (root->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "config: not a JSON object");
    for (const wrdp_json *m = root->first; m; m = m->next) {
        for (const wrdp_json *o = root->first; o != m; o = o->next)
            if (!strcmp(o->key, m->key))
                return bad(err, "config: \"%s\" appears twice", m->key);
        if (config_member(cc, m, err))
            return WRDP_ERR;
    }
    if (!cc->destination || !*cc->destination)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                              "config: destination (\"host:port\" of the RDP server behind the gateway) is required");
    return WRDP_OK;
}

/* ---- the client --------------------------------------------------------------- */

EXPORT wrdp_wasm_client *wrdp_wasm_client_new(const char *config_json, size_t len, wrdp_error *err)
{
    wrdp_error local;
    if (!err)
        err = &local;
    wrdp_error_clear(err);
    wrdp_wasm_client *c = wrdp_calloc(1, sizeof *c);
    if (!c) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "no memory for the client");
        return NULL;
    }
    wrdp_error_clear(&c->err);
    c->random = default_random;
    wrdp_writer_init(&c->out, OUTPUT_LIMIT, &c->err);
    wrdp_writer_init(&c->events, EVENTS_LIMIT, &c->err);
    c->input = wrdp_input_new();

    wrdp_arena arena;
    wrdp_arena_init(&arena, CONFIG_MAX * 8);
    client_config cc;
    memset(&cc, 0, sizeof cc);
    wrdp_connector_config_init(&cc.cfg);
    cc.clipboard = true;
    cc.display_control = true;
    c->send_channel = session_send_channel;
    wrdp_writer_init(&c->chan, OUTPUT_LIMIT, &c->err);
    int r = c->input ? parse_config(config_json, len, &arena, &cc, err)
                     : wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "no memory for the input database");
    if (r == WRDP_OK) {
        /* the static channels to join (CHANNEL_OPTION_INITIALIZED, as the native tool joins them) */
        static const char *const names[] = {WRDP_CLIPRDR_CHANNEL_NAME, WRDP_DVC_CHANNEL_NAME, WRDP_RDPSND_CHANNEL_NAME};
        const bool wanted[] = {cc.clipboard, cc.display_control, cc.audio};
        for (size_t i = 0; i < 3; i++) {
            if (!wanted[i] || cc.cfg.channel_count >= WRDP_CONNECTOR_MAX_CHANNELS)
                continue;
            snprintf(cc.cfg.channels[cc.cfg.channel_count].name, sizeof cc.cfg.channels[0].name, "%s", names[i]);
            cc.cfg.channels[cc.cfg.channel_count++].options = 0x80000000u;
        }
        c->want_clipboard = cc.clipboard;
        c->want_disp = cc.display_control;
        c->want_audio = cc.audio;
        cc.cfg.random = client_random;
        cc.cfg.random_ctx = c;
        cc.cfg.clock = client_clock;
        cc.cfg.clock_ctx = c;
        cc.cfg.on_state = on_state;
        cc.cfg.on_state_ctx = c;
        c->conn = wrdp_connector_new(&cc.cfg, err);
        if (!c->conn)
            r = WRDP_ERR;
        else if (wrdp_connector_use_rdcleanpath(c->conn, cc.destination, cc.proxy_auth ? cc.proxy_auth : "")) {
            *err = *wrdp_connector_error(c->conn);
            r = WRDP_ERR;
        }
    }
    if (cc.cfg.password)
        wrdp_wipe((void *)cc.cfg.password, strlen(cc.cfg.password));
    wrdp_arena_free(&arena);
    if (r) {
        wrdp_wasm_client_free(c);
        return NULL;
    }
    return c;
}

EXPORT void wrdp_wasm_client_free(wrdp_wasm_client *c)
{
    if (!c)
        return;
    wrdp_cliprdr_free(c->cliprdr);
    wrdp_dvc_free(c->dvc); /* before the disp: closing its channels calls into it */
    wrdp_disp_free(c->disp);
    if (c->rdpsnd)
        wrdp_rdpsnd_free(c->rdpsnd);
    blobs_free(c);
    wrdp_writer_free(&c->chan);
    wrdp_session_free(c->sess);
    wrdp_connector_free(c->conn);
    wrdp_input_free(c->input);
    if (c->out.data)
        wrdp_wipe(c->out.data, c->out.len);
    wrdp_writer_free(&c->out);
    wrdp_writer_free(&c->events);
    wrdp_free(c);
}

EXPORT const wrdp_error *wrdp_wasm_client_error(const wrdp_wasm_client *c) { return &c->err; }

/* Output accumulates until client_output hands it out; the next producer then starts afresh. */
static void output_begin(wrdp_wasm_client *c)
{
    blobs_free(c);
    if (c->out_taken) {
        wrdp_writer_reset(&c->out);
        c->out_taken = false;
    }
}

static int fail(wrdp_wasm_client *c, wrdp_error_kind kind, const char *msg)
{
    wrdp_error_clear(&c->err);
    return wrdp_error_set(&c->err, kind, "%s", msg);
}

/* The connector's error ends the connection. */
static int connector_failed(wrdp_wasm_client *c)
{
    c->err = *wrdp_connector_error(c->conn);
    if (c->err.kind == WRDP_ERROR_NONE)
        wrdp_error_set(&c->err, WRDP_ERROR_INTERNAL, "the connector failed without a reason");
    emit_terminated(c, &c->err);
    return WRDP_ERR;
}

/* Steps the connector while it has something to send without input; once
 * connected, hands it to a new session. */
static int advance(wrdp_wasm_client *c)
{
    for (int guard = 0; guard < 64 && !wrdp_connector_is_connected(c->conn); guard++) {
        wrdp_connector_state st = wrdp_connector_state_of(c->conn);
        if (st == WRDP_CONNECTOR_FAILED)
            return connector_failed(c);
        if (wrdp_connector_wants_input(c->conn))
            return WRDP_OK;
        if (st == WRDP_CONNECTOR_SECURITY_UPGRADE) /* never in RDCleanPath mode */
            return fail(c, WRDP_ERROR_INTERNAL, "the connector asks for a TLS upgrade behind a gateway");
        if (wrdp_connector_step(c->conn, NULL, 0, &c->out))
            return connector_failed(c);
    }
    if (!wrdp_connector_is_connected(c->conn))
        return wrdp_connector_wants_input(c->conn) ? WRDP_OK
                                                   : fail(c, WRDP_ERROR_INTERNAL, "the connector does not advance");
    wrdp_session_config scfg;
    wrdp_session_config_init(&scfg);
    wrdp_connector *conn = c->conn;
    c->conn = NULL; /* the session takes it, even on failure */
    wrdp_error err;
    wrdp_error_clear(&err);
    c->sess = wrdp_session_new(conn, &scfg, &err);
    if (!c->sess) {
        c->err = err;
        emit_terminated(c, &err);
        return WRDP_ERR;
    }
    /* the server knows of no key or button held: start from nothing */
    wrdp_input_reset(c->input);
    channels_open(c);
    emit_connected(c);
    drain_session(c);
    return WRDP_OK;
}

EXPORT const uint8_t *wrdp_wasm_client_start(wrdp_wasm_client *c, size_t *len)
{
    *len = 0;
    if (c->started || !c->conn) {
        fail(c, WRDP_ERROR_STATE, "the client has already started");
        return NULL;
    }
    c->started = true;
    output_begin(c);
    on_state(c, wrdp_connector_state_of(c->conn));
    if (advance(c))
        return NULL;
    return wrdp_wasm_client_output(c, len);
}

EXPORT int32_t wrdp_wasm_client_frame_len(wrdp_wasm_client *c, const uint8_t *data, size_t len)
{
    size_t frame_len = 0;
    int r;
    wrdp_error_clear(&c->err);
    if (c->sess) {
        r = wrdp_session_next_frame_len(c->sess, data, len, &frame_len);
        if (r == WRDP_ERR)
            c->err = *wrdp_session_error(c->sess);
    } else if (c->conn) {
        r = wrdp_connector_next_frame_len(c->conn, data, len, &frame_len);
        if (r == WRDP_ERR)
            c->err = *wrdp_connector_error(c->conn);
    } else {
        return fail(c, WRDP_ERROR_STATE, "no connection");
    }
    if (r != 1)
        return r == 0 ? 0 : -1;
    if (frame_len == 0 || frame_len > INT32_MAX)
        return fail(c, WRDP_ERROR_DECODE, "a frame of impossible length");
    return (int32_t)frame_len;
}

EXPORT int wrdp_wasm_client_process(wrdp_wasm_client *c, const uint8_t *frame, size_t len, double now_ms)
{
    c->now_ms = now_ms;
    output_begin(c);
    if (c->terminated)
        return WRDP_OK; /* what arrives after the end is dropped */
    if (!c->started)
        return fail(c, WRDP_ERROR_STATE, "client_start comes first");
    if (c->sess) {
        int r = wrdp_session_process(c->sess, frame, len, &c->out);
        if (r)
            c->err = *wrdp_session_error(c->sess);
        drain_session(c);
        if (r) {
            emit_terminated(c, &c->err);
            return WRDP_ERR;
        }
        return WRDP_OK;
    }
    if (wrdp_connector_step(c->conn, frame, len, &c->out))
        return connector_failed(c);
    return advance(c);
}

EXPORT const uint8_t *wrdp_wasm_client_output(wrdp_wasm_client *c, size_t *len)
{
    if (wrdp_writer_status(&c->out)) {
        /* a producer failed midway: what it wrote is not a whole PDU, send nothing */
        wrdp_writer_reset(&c->out);
    }
    *len = c->out.len;
    c->out_taken = true;
    return c->out.data ? c->out.data : (const uint8_t *)"";
}

EXPORT const char *wrdp_wasm_client_next_event(wrdp_wasm_client *c, size_t *len)
{
    if (c->events_read >= c->events.len || wrdp_writer_status(&c->events)) {
        wrdp_writer_reset(&c->events);
        c->events_read = 0;
        *len = 0;
        return NULL;
    }
    const char *p = (const char *)c->events.data + c->events_read;
    *len = strlen(p);
    c->events_read += *len + 1;
    return p;
}

EXPORT int wrdp_wasm_client_is_connected(const wrdp_wasm_client *c) { return c->sess && !c->terminated; }

EXPORT uint8_t *wrdp_wasm_client_image(wrdp_wasm_client *c)
{
    const wrdp_image *img = c->sess ? wrdp_session_image(c->sess) : NULL;
    return img ? img->data : NULL;
}

EXPORT uint32_t wrdp_wasm_client_image_width(const wrdp_wasm_client *c)
{
    const wrdp_image *img = c->sess ? wrdp_session_image(c->sess) : NULL;
    return img ? img->width : 0;
}

EXPORT uint32_t wrdp_wasm_client_image_height(const wrdp_wasm_client *c)
{
    const wrdp_image *img = c->sess ? wrdp_session_image(c->sess) : NULL;
    return img ? img->height : 0;
}

EXPORT uint32_t wrdp_wasm_client_image_stride(const wrdp_wasm_client *c)
{
    const wrdp_image *img = c->sess ? wrdp_session_image(c->sess) : NULL;
    return img ? (uint32_t)img->stride : 0;
}

/* ---- input -------------------------------------------------------------------- */

static int input_result(wrdp_wasm_client *c, int r)
{
    if (r < 0)
        c->err = *wrdp_input_error(c->input);
    return r;
}

EXPORT int wrdp_wasm_client_key(wrdp_wasm_client *c, uint16_t scancode, int extended, int down)
{
    if (scancode > 0xFF)
        return fail(c, WRDP_ERROR_INVALID_ARGUMENT, "a scancode is one byte; the prefix goes in `extended`");
    return input_result(c, wrdp_input_key(c->input, (uint8_t)scancode, extended, down != 0));
}

EXPORT int wrdp_wasm_client_unicode(wrdp_wasm_client *c, uint16_t code_unit, int down)
{
    return input_result(c, wrdp_input_unicode(c->input, code_unit, down != 0));
}

EXPORT int wrdp_wasm_client_mouse_move(wrdp_wasm_client *c, int32_t x, int32_t y)
{
    return input_result(c, wrdp_input_mouse_move(c->input, x, y));
}

EXPORT int wrdp_wasm_client_mouse_button(wrdp_wasm_client *c, int button, int down)
{
    return input_result(c, wrdp_input_mouse_button(c->input, button, down != 0));
}

EXPORT int wrdp_wasm_client_wheel(wrdp_wasm_client *c, int32_t delta, int horizontal)
{
    return input_result(c, wrdp_input_wheel(c->input, delta, horizontal != 0));
}

EXPORT int wrdp_wasm_client_sync_locks(wrdp_wasm_client *c, int scroll, int num, int caps, int kana)
{
    uint8_t f = (uint8_t)((scroll ? WRDP_FASTPATH_INPUT_SYNC_SCROLL_LOCK : 0) |
                          (num ? WRDP_FASTPATH_INPUT_SYNC_NUM_LOCK : 0) |
                          (caps ? WRDP_FASTPATH_INPUT_SYNC_CAPS_LOCK : 0) |
                          (kana ? WRDP_FASTPATH_INPUT_SYNC_KANA_LOCK : 0));
    return input_result(c, wrdp_input_sync_locks(c->input, f));
}

EXPORT int wrdp_wasm_client_release_all(wrdp_wasm_client *c)
{
    return input_result(c, wrdp_input_release_all(c->input));
}

EXPORT int wrdp_wasm_client_flush_input(wrdp_wasm_client *c)
{
    output_begin(c);
    size_t n;
    const wrdp_fastpath_input_event *ev = wrdp_input_pending(c->input, &n);
    /* before the session, or after its end, there is nobody to tell */
    if (!c->sess || c->terminated || !n) {
        wrdp_input_clear_pending(c->input);
        return WRDP_OK;
    }
    size_t mark = c->out.len;
    int r = wrdp_session_send_input(c->sess, ev, n, &c->out);
    wrdp_input_clear_pending(c->input);
    if (r) {
        c->err = *wrdp_session_error(c->sess);
        if (wrdp_writer_status(&c->out) == WRDP_OK)
            c->out.len = mark; /* drop a partial PDU, keep what was there */
        return WRDP_ERR;
    }
    return WRDP_OK;
}

/* ---- channels: clipboard and display control ------------------------------------ */

static int channel_ready(wrdp_wasm_client *c, const void *processor, bool have, const char *what)
{
    /* the processors exist once connected (a test may plug them in by hand) */
    if (c->terminated || (!c->sess && !processor))
        return fail(c, WRDP_ERROR_STATE, "the session is not connected");
    if (!have) {
        wrdp_error_clear(&c->err);
        return wrdp_error_set(&c->err, WRDP_ERROR_UNSUPPORTED, "%s", what);
    }
    return WRDP_OK;
}

EXPORT int wrdp_wasm_client_clipboard_set_text(wrdp_wasm_client *c, const char *utf8, size_t len, const char *html,
                                               size_t html_len)
{
    output_begin(c);
    if (channel_ready(c, c->cliprdr, c->cliprdr != NULL, "the server did not join the clipboard channel (cliprdr)"))
        return WRDP_ERR;
    wrdp_clip_item items[2];
    size_t n = 0;
    if (utf8)
        items[n++] = (wrdp_clip_item){WRDP_CLIP_TEXT, (const uint8_t *)utf8, len, NULL, 0};
    if (html && html_len)
        items[n++] = (wrdp_clip_item){WRDP_CLIP_HTML, (const uint8_t *)html, html_len, NULL, 0};
    wrdp_writer_reset(&c->chan);
    if (wrdp_cliprdr_set_local(c->cliprdr, items, n, &c->chan) != WRDP_OK) {
        c->err = *wrdp_cliprdr_error(c->cliprdr);
        wrdp_writer_reset(&c->chan);
        return WRDP_ERR;
    }
    return send_records(c, c->cliprdr_id, next_cliprdr_pdu);
}

EXPORT int wrdp_wasm_client_clipboard_request(wrdp_wasm_client *c, int kind)
{
    output_begin(c);
    if (channel_ready(c, c->cliprdr, c->cliprdr != NULL, "the server did not join the clipboard channel (cliprdr)"))
        return WRDP_ERR;
    if (kind < WRDP_CLIP_TEXT || kind > WRDP_CLIP_PNG)
        return fail(c, WRDP_ERROR_INVALID_ARGUMENT, "clipboard kind: 1 text, 2 html, 3 png");
    wrdp_writer_reset(&c->chan);
    if (wrdp_cliprdr_request_kind(c->cliprdr, (wrdp_clip_kind)kind, &c->chan) != WRDP_OK) {
        c->err = *wrdp_cliprdr_error(c->cliprdr);
        wrdp_writer_reset(&c->chan);
        return WRDP_ERR;
    }
    return send_records(c, c->cliprdr_id, next_cliprdr_pdu);
}

EXPORT int wrdp_wasm_client_resize(wrdp_wasm_client *c, uint32_t width, uint32_t height, uint32_t scale)
{
    output_begin(c);
    if (channel_ready(c, c->disp, c->disp && wrdp_disp_ready(c->disp, NULL),
                      "display control is not available (the server did not open its channel): scale instead"))
        return WRDP_ERR;
    wrdp_writer_reset(&c->chan);
    if (wrdp_disp_request_size(c->disp, width, height, scale ? scale : 100, &c->chan) != WRDP_OK) {
        c->err = *wrdp_disp_error(c->disp);
        wrdp_writer_reset(&c->chan);
        return WRDP_ERR;
    }
    return send_records(c, c->drdynvc_id, wrdp_dvc_next_output);
}

/* ---- the end ------------------------------------------------------------------ */

EXPORT int wrdp_wasm_client_disconnect(wrdp_wasm_client *c)
{
    output_begin(c);
    if (c->terminated)
        return WRDP_OK;
    if (c->sess) {
        int r = wrdp_session_disconnect(c->sess, &c->out);
        drain_session(c);
        if (r) {
            c->err = *wrdp_session_error(c->sess);
            emit_terminated(c, &c->err);
            return WRDP_ERR;
        }
        return WRDP_OK;
    }
    /* still connecting: nothing the server needs; the glue closes the socket */
    wrdp_error e;
    wrdp_error_clear(&e);
    wrdp_error_set(&e, WRDP_ERROR_NONE, "the client ended the connection");
    e.kind = WRDP_ERROR_NONE;
    emit_terminated(c, &e);
    return WRDP_OK;
}

EXPORT int wrdp_wasm_client_peer_closed(wrdp_wasm_client *c)
{
    if (c->terminated)
        return WRDP_OK;
    if (c->sess) {
        wrdp_session_peer_closed(c->sess);
        c->err = *wrdp_session_error(c->sess);
        drain_session(c);
        emit_terminated(c, &c->err);
        return WRDP_OK;
    }
    if (c->conn) {
        wrdp_connector_peer_closed(c->conn);
        connector_failed(c);
    }
    return WRDP_OK;
}
