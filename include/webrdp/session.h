/* webrdp — the active session, in the manner of IronRDP's ActiveStage: fed
 * whole frames, it writes the bytes to send and queues events; it owns the
 * DecodedImage (the framebuffer) and the current pointer.
 *
 *   wrdp_session *s = wrdp_session_new(connector, &cfg, &err);  // takes the connector
 *   loop: read until wrdp_session_next_frame_len() says a frame is whole;
 *         wrdp_session_process(s, frame, len, &out); send out;
 *         while (wrdp_session_next_event(s, &ev)) handle(ev);
 */
#ifndef WEBRDP_SESSION_H
#define WEBRDP_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "connector.h"
#include "error.h"
#include "graphics.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wrdp_session wrdp_session;

typedef struct wrdp_session_config {
    /* Send a Frame Acknowledge for every frame marker the server sends (when it asked for them). */
    bool acknowledge_frames;
    /* Upper bound on the memory the session may use for caches and reassembly (bytes; 0 = default 64 MiB). */
    size_t memory_limit;
} wrdp_session_config;

void wrdp_session_config_init(wrdp_session_config *cfg);

/* Takes over a connected connector (which it frees, now or later: do not use it
 * afterwards, even on failure). */
wrdp_session *wrdp_session_new(wrdp_connector *connector, const wrdp_session_config *cfg, wrdp_error *err);
void wrdp_session_free(wrdp_session *s);

/* As wrdp_connector_next_frame_len: 1 (length known), 0 (need more), WRDP_ERR. */
int wrdp_session_next_frame_len(wrdp_session *s, const uint8_t *data, size_t len, size_t *frame_len);
/* Processes one whole frame (fast-path or slow-path); appends responses to out. */
int wrdp_session_process(wrdp_session *s, const uint8_t *frame, size_t len, wrdp_writer *out);
/* The server closed the connection: records what that means (terminated event). */
int wrdp_session_peer_closed(wrdp_session *s);
/* Client-initiated end: writes the shutdown / disconnect PDUs. */
int wrdp_session_disconnect(wrdp_session *s, wrdp_writer *out);

/* A decoded pointer: RGBA8888 top-down, with its hotspot; ready to become a CSS cursor. */
typedef struct wrdp_pointer {
    uint8_t *data;     /* width * height * 4 bytes (NULL for hidden / default) */
    uint16_t width, height;
    uint16_t hotspot_x, hotspot_y;
} wrdp_pointer;

typedef enum wrdp_session_event_type {
    WRDP_SESSION_EVENT_GRAPHICS = 1,   /* rect: the part of the image that changed */
    WRDP_SESSION_EVENT_POINTER_BITMAP, /* pointer: a new pointer image */
    WRDP_SESSION_EVENT_POINTER_HIDDEN,
    WRDP_SESSION_EVENT_POINTER_DEFAULT,
    WRDP_SESSION_EVENT_POINTER_POSITION, /* x, y */
    WRDP_SESSION_EVENT_CHANNEL_DATA,   /* channel_id, data: one reassembled static channel message */
    WRDP_SESSION_EVENT_ERROR_INFO,     /* code: MS-RDPBCGR error info (the text: wrdp_error_info_text) */
    WRDP_SESSION_EVENT_LOGON,          /* the user logged on (Save Session Info) */
    WRDP_SESSION_EVENT_DEACTIVATED,    /* Deactivate All: the desktop is being reset */
    WRDP_SESSION_EVENT_REACTIVATED,    /* width, height: the new desktop size (the image was resized) */
    WRDP_SESSION_EVENT_TERMINATED      /* error: why (kind, message, code) */
} wrdp_session_event_type;

typedef struct wrdp_session_event {
    wrdp_session_event_type type;
    wrdp_rect rect;
    const wrdp_pointer *pointer;
    int32_t x, y;
    uint16_t channel_id;
    wrdp_bytes data;        /* valid until the next process call */
    uint32_t code;
    uint16_t width, height;
    wrdp_error error;
} wrdp_session_event;

/* Pops the next event; returns true when one was written to *ev. */
bool wrdp_session_next_event(wrdp_session *s, wrdp_session_event *ev);

/* The framebuffer (valid until the next process call that reactivates). */
const wrdp_image *wrdp_session_image(const wrdp_session *s);
/* The union of what changed since the last call, then cleared; empty rect when nothing. */
wrdp_rect wrdp_session_take_dirty(wrdp_session *s);
const wrdp_error *wrdp_session_error(const wrdp_session *s);
const wrdp_connection_result *wrdp_session_connection(const wrdp_session *s);

#ifdef __cplusplus
}
#endif
#endif
