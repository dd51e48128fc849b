/* The session object: creation over a connected connector, the event queue, the
 * DecodedImage and its dirty region, the frame entry point, and the client's end
 * of the session (Shutdown Request, Disconnect Provider Ultimatum). */
#include <stdarg.h>
#include <stdio.h>

#include "session_internal.h"

void wrdp_session_config_init(wrdp_session_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->acknowledge_frames = true;
    cfg->memory_limit = WRDP_SESSION_MEMORY_DEFAULT;
    cfg->pointer_style = WRDP_POINTER_STYLE_CSS;
}

/* ---- errors and events ---------------------------------------------------------- */

static void queue_terminated(wrdp_session *s)
{
    if (s->terminated)
        return;
    s->terminated = true;
    /* TERMINATED must get through even when the queue is full: it replaces the last event */
    wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_TERMINATED);
    if (!ev && s->ev_count) {
        ev = &s->events[(s->ev_head + s->ev_count - 1) % s->ev_cap];
        memset(ev, 0, sizeof *ev);
        ev->type = WRDP_SESSION_EVENT_TERMINATED;
    }
    if (ev) {
        ev->error = s->err;
        ev->code = s->err.code;
    }
}

int wrdp_sess_fail(wrdp_session *s, wrdp_error_kind kind, const char *fmt, ...)
{
    char msg[WRDP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    wrdp_error_clear(&s->err);
    wrdp_error_set(&s->err, kind, "%s", msg);
    queue_terminated(s);
    return WRDP_ERR;
}

int wrdp_sess_fail_err(wrdp_session *s)
{
    if (s->err.kind == WRDP_ERROR_NONE)
        wrdp_error_set(&s->err, WRDP_ERROR_INTERNAL, "session failed without a reason");
    queue_terminated(s);
    return WRDP_ERR;
}

int wrdp_sess_terminate(wrdp_session *s, uint32_t error_info, const char *why)
{
    wrdp_error_clear(&s->err);
    if (error_info) {
        const char *name = wrdp_error_info_name(error_info);
        wrdp_error_set(&s->err, WRDP_ERROR_SERVER_DISCONNECT, "the server disconnected: %s (%s 0x%08X)",
                       wrdp_error_info_text(error_info), name ? name : "error info", (unsigned)error_info);
        s->err.code = error_info;
    } else {
        wrdp_error_set(&s->err, WRDP_ERROR_SERVER_DISCONNECT, "the server disconnected: %s", why);
    }
    queue_terminated(s);
    return WRDP_OK;
}

wrdp_session_event *wrdp_sess_push(wrdp_session *s, wrdp_session_event_type type)
{
    if (s->ev_count == s->ev_cap) {
        if (s->ev_cap >= WRDP_SESSION_EVENTS_MAX)
            return NULL;
        size_t ncap = s->ev_cap ? s->ev_cap * 2 : 64;
        wrdp_session_event *n = wrdp_calloc(ncap, sizeof *n);
        if (!n)
            return NULL;
        for (size_t i = 0; i < s->ev_count; i++)
            n[i] = s->events[(s->ev_head + i) % s->ev_cap];
        wrdp_free(s->events);
        s->events = n;
        s->ev_cap = ncap;
        s->ev_head = 0;
    }
    wrdp_session_event *ev = &s->events[(s->ev_head + s->ev_count++) % s->ev_cap];
    memset(ev, 0, sizeof *ev);
    ev->type = type;
    return ev;
}

static void rect_union(wrdp_rect *a, const wrdp_rect *b)
{
    if (a->right <= a->left || a->bottom <= a->top) {
        *a = *b;
        return;
    }
    if (b->left < a->left)
        a->left = b->left;
    if (b->top < a->top)
        a->top = b->top;
    if (b->right > a->right)
        a->right = b->right;
    if (b->bottom > a->bottom)
        a->bottom = b->bottom;
}

void wrdp_sess_damage(wrdp_session *s, int32_t left, int32_t top, int32_t right, int32_t bottom)
{
    wrdp_rect r = {left < 0 ? 0 : left, top < 0 ? 0 : top, right, bottom};
    if (r.right > (int32_t)s->image.width)
        r.right = (int32_t)s->image.width;
    if (r.bottom > (int32_t)s->image.height)
        r.bottom = (int32_t)s->image.height;
    if (r.right <= r.left || r.bottom <= r.top)
        return;
    rect_union(&s->dirty, &r);
    wrdp_session_event *ev = wrdp_sess_push(s, WRDP_SESSION_EVENT_GRAPHICS);
    if (!ev) {
        /* a full queue: widen the last graphics event instead of losing the damage */
        for (size_t i = s->ev_count; i-- > 0;) {
            wrdp_session_event *e = &s->events[(s->ev_head + i) % s->ev_cap];
            if (e->type == WRDP_SESSION_EVENT_GRAPHICS) {
                rect_union(&e->rect, &r);
                return;
            }
        }
        return;
    }
    ev->rect = r;
}

int wrdp_sess_reserve(wrdp_session *s, uint8_t **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return WRDP_OK;
    size_t ncap = *cap ? *cap : 4096;
    while (ncap < need)
        ncap *= 2;
    if (s->memory_used - *cap + ncap > s->cfg.memory_limit)
        return wrdp_sess_fail(s, WRDP_ERROR_LIMIT, "session: %zu bytes would pass the memory limit of %zu", ncap,
                              s->cfg.memory_limit);
    uint8_t *n = wrdp_realloc(*buf, ncap);
    if (!n)
        return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
    s->memory_used = s->memory_used - *cap + ncap;
    *buf = n;
    *cap = ncap;
    return WRDP_OK;
}

/* ---- capabilities ------------------------------------------------------------------ */

int wrdp_sess_apply_caps(wrdp_session *s)
{
    const wrdp_connection_result *res = wrdp_connector_result(s->conn);
    if (!res)
        return wrdp_sess_fail(s, WRDP_ERROR_STATE, "session: the connector is not connected");
    s->io_channel = res->io_channel_id;
    s->user_channel = res->user_channel_id;
    s->message_channel = res->message_channel_id;
    size_t cache = WRDP_SESSION_POINTER_CACHE_MAX;
    bool server_ack = false;
    uint32_t server_mfu = 0;
    wrdp_error scratch;
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, res->server_capabilities.data, res->server_capabilities.len, "server capabilities",
                     &scratch);
    for (uint16_t i = 0; i < res->server_capability_count && wrdp_cursor_remaining(&cur) >= 4; i++) {
        wrdp_caps_set set;
        /* a set we cannot read is skipped by its length: the connection already succeeded */
        size_t start = cur.pos;
        uint16_t len = (uint16_t)(cur.data[start + 2] | cur.data[start + 3] << 8);
        if (len < 4 || len > cur.len - start)
            break;
        wrdp_cursor one;
        wrdp_cursor_init(&one, cur.data + start, len, "capability set", &scratch);
        cur.pos = start + len;
        if (wrdp_caps_set_decode(&one, &set))
            continue;
        if (set.capabilitySetType == WRDP_CAPSTYPE_POINTER) {
            size_t n = set.u.pointer.pointerCacheSizePresent ? set.u.pointer.pointerCacheSize
                                                              : set.u.pointer.colorPointerCacheSize;
            if (n && n < cache)
                cache = n;
        } else if (set.capabilitySetType == WRDP_CAPSSETTYPE_FRAME_ACKNOWLEDGE) {
            server_ack = true;
        } else if (set.capabilitySetType == WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE) {
            server_mfu = set.u.multifragmentupdate.MaxRequestSize;
        }
    }
    s->frame_ack = server_ack && wrdp_connector_advertised_frame_ack(s->conn);
    /* MaxRequestSize is what the receiving end can take: the server reassembles up to
     * ours, whatever it says of its own (kept for the record) */
    size_t mfu = wrdp_connector_max_request_size(s->conn);
    (void)server_mfu;
    s->frag_max = mfu < WRDP_SESSION_FRAGMENTS_MAX ? mfu : WRDP_SESSION_FRAGMENTS_MAX;
    if (cache != s->ptr_cache_size) {
        for (size_t i = 0; i < s->ptr_cache_size; i++)
            wrdp_pointer_clear(&s->ptr_cache[i]);
        wrdp_free(s->ptr_cache);
        s->ptr_cache = wrdp_calloc(cache, sizeof *s->ptr_cache);
        s->ptr_cache_size = s->ptr_cache ? cache : 0;
        if (!s->ptr_cache)
            return wrdp_sess_fail(s, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
    }
    /* the image: the desktop the server settled on */
    if (s->image.width != res->desktop_width || s->image.height != res->desktop_height || !s->image.data) {
        wrdp_image_free(&s->image);
        if (wrdp_image_init(&s->image, res->desktop_width, res->desktop_height, &s->err))
            return wrdp_sess_fail_err(s);
    }
    return WRDP_OK;
}

/* ---- creation --------------------------------------------------------------------- */

wrdp_session *wrdp_session_new(wrdp_connector *connector, const wrdp_session_config *cfg, wrdp_error *err)
{
    if (!connector || !wrdp_connector_is_connected(connector)) {
        wrdp_connector_free(connector);
        wrdp_error_set(err, WRDP_ERROR_STATE, "session: the connector is not connected");
        return NULL;
    }
    wrdp_session *s = wrdp_calloc(1, sizeof *s);
    if (!s) {
        wrdp_connector_free(connector);
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "session: out of memory");
        return NULL;
    }
    s->conn = connector;
    if (cfg)
        s->cfg = *cfg;
    else
        wrdp_session_config_init(&s->cfg);
    if (!s->cfg.memory_limit)
        s->cfg.memory_limit = WRDP_SESSION_MEMORY_DEFAULT;
    wrdp_error_clear(&s->err);
    wrdp_writer_init(&s->body, WRDP_SESSION_FRAME_MAX, &s->err);
    s->frag_code = -1;
    s->sec = wrdp_connector_rdp_security(connector);
    s->fips = wrdp_connector_fips(connector);
    s->compression = wrdp_connector_compression(connector);
    /* the default 8-bpp palette until the server sends one: a grey ramp */
    for (int i = 0; i < 256; i++)
        s->palette[i * 3] = s->palette[i * 3 + 1] = s->palette[i * 3 + 2] = (uint8_t)i;
    const wrdp_connection_result *res = wrdp_connector_result(connector);
    for (size_t i = 0; i < res->channel_count && i < WRDP_CONNECTOR_MAX_CHANNELS; i++)
        s->channels[s->channel_count++].id = res->channels[i].id;
    if (wrdp_sess_apply_caps(s) || (s->compression >= 0 && wrdp_sess_bulk_new(s))) {
        if (err)
            *err = s->err;
        wrdp_session_free(s);
        return NULL;
    }
    return s;
}

void wrdp_session_free(wrdp_session *s)
{
    if (!s)
        return;
    wrdp_sess_codecs_free(s);
    wrdp_connector_free(s->conn);
    wrdp_image_free(&s->image);
    wrdp_free(s->events);
    if (s->rx)
        wrdp_wipe(s->rx, s->rx_cap);
    wrdp_free(s->rx);
    wrdp_free(s->frag);
    wrdp_pointer_clear(&s->pointer);
    for (size_t i = 0; i < s->ptr_cache_size; i++)
        wrdp_pointer_clear(&s->ptr_cache[i]);
    wrdp_free(s->ptr_cache);
    for (size_t i = 0; i < s->channel_count; i++)
        wrdp_free(s->channels[i].buf);
    wrdp_free(s->channel_done);
    wrdp_writer_free(&s->body);
    wrdp_free(s);
}

/* ---- frames ----------------------------------------------------------------------- */

int wrdp_session_next_frame_len(wrdp_session *s, const uint8_t *data, size_t len, size_t *frame_len)
{
    if (!s || !frame_len || (!data && len))
        return WRDP_ERR;
    return wrdp_pdu_hint(data, len, frame_len, &s->err);
}

int wrdp_session_process(wrdp_session *s, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    if (!s)
        return WRDP_ERR;
    if (!out || !frame || !len)
        return wrdp_error_set(&s->err, WRDP_ERROR_INVALID_ARGUMENT, "process: no frame or no output writer");
    if (s->terminated)
        return WRDP_ERR; /* the reason stays readable */
    wrdp_free(s->channel_done);
    s->channel_done = NULL;
    if (frame[0] == WRDP_TPKT_VERSION)
        return wrdp_sess_slowpath(s, frame, len, out);
    return wrdp_sess_fastpath(s, frame, len, out);
}

int wrdp_session_peer_closed(wrdp_session *s)
{
    if (!s)
        return WRDP_ERR;
    if (!s->terminated)
        wrdp_sess_terminate(s, 0, "the connection was closed");
    return WRDP_ERR;
}

int wrdp_sess_send_share_data(wrdp_session *s, uint8_t type2, const uint8_t *payload, size_t len, wrdp_writer *out)
{
    const wrdp_connection_result *res = wrdp_connector_result(s->conn);
    if (!res)
        return wrdp_error_set(&s->err, WRDP_ERROR_STATE, "no Share Data PDU while the session is deactivated");
    wrdp_writer *b = &s->body;
    wrdp_writer_reset(b);
    wrdp_share_control_header sch = {(uint16_t)(6 + 12 + len), WRDP_PDUTYPE_DATAPDU | WRDP_TS_PROTOCOL_VERSION,
                                     res->user_channel_id};
    wrdp_share_data_header sdh;
    memset(&sdh, 0, sizeof sdh);
    sdh.shareId = res->share_id;
    sdh.streamId = WRDP_STREAM_LOW;
    sdh.uncompressedLength = (uint16_t)(4 + len); /* as mstsc counts it: pduType2 onwards */
    sdh.pduType2 = type2;
    wrdp_share_control_header_encode(&sch, b);
    wrdp_share_data_header_encode(&sdh, b);
    wrdp_wr_bytes(b, payload, len);
    if (wrdp_writer_status(b))
        return wrdp_sess_fail_err(s);
    if (wrdp_connector_send_pdu(s->conn, s->io_channel, 0, b->data, b->len, out)) {
        s->err = *wrdp_connector_error(s->conn);
        return wrdp_sess_fail_err(s);
    }
    return WRDP_OK;
}

int wrdp_session_disconnect(wrdp_session *s, wrdp_writer *out)
{
    if (!s || !out)
        return WRDP_ERR;
    if (s->terminated)
        return WRDP_ERR;
    /* Shutdown Request (2.2.2.2) asks politely; the ultimatum ends the connection
     * whatever the server says (a denied shutdown only delays a user's close). */
    if (!s->deactivated && wrdp_sess_send_share_data(s, WRDP_PDUTYPE2_SHUTDOWN_REQUEST, NULL, 0, out))
        return WRDP_ERR;
    if (wrdp_connector_send_disconnect(s->conn, out)) {
        s->err = *wrdp_connector_error(s->conn);
        return wrdp_sess_fail_err(s);
    }
    wrdp_error_clear(&s->err);
    wrdp_error_set(&s->err, WRDP_ERROR_NONE, "the client ended the session");
    s->err.kind = WRDP_ERROR_NONE;
    queue_terminated(s);
    return WRDP_OK;
}

/* ---- accessors -------------------------------------------------------------------- */

bool wrdp_session_next_event(wrdp_session *s, wrdp_session_event *ev)
{
    if (!s || !ev || !s->ev_count)
        return false;
    *ev = s->events[s->ev_head];
    s->ev_head = (s->ev_head + 1) % s->ev_cap;
    s->ev_count--;
    return true;
}

const wrdp_image *wrdp_session_image(const wrdp_session *s)
{
    return s ? &s->image : NULL;
}

wrdp_rect wrdp_session_take_dirty(wrdp_session *s)
{
    wrdp_rect r = {0, 0, 0, 0};
    if (!s)
        return r;
    r = s->dirty;
    memset(&s->dirty, 0, sizeof s->dirty);
    return r;
}

const wrdp_error *wrdp_session_error(const wrdp_session *s)
{
    return s ? &s->err : NULL;
}

const wrdp_connection_result *wrdp_session_connection(const wrdp_session *s)
{
    return s ? wrdp_connector_result(s->conn) : NULL;
}

const wrdp_pointer *wrdp_session_pointer(const wrdp_session *s)
{
    return s ? &s->pointer : NULL;
}

const wrdp_session_monitor *wrdp_session_monitors(const wrdp_session *s, size_t *count)
{
    if (count)
        *count = s ? s->monitor_count : 0;
    return s ? s->monitors : NULL;
}

bool wrdp_session_is_terminated(const wrdp_session *s)
{
    return !s || s->terminated;
}
