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

/* How pointer images come out (see wrdp_pointer). */
typedef enum wrdp_pointer_style {
    /* Straight (non-premultiplied) RGBA for a CSS cursor; pixels the server wants
     * inverted (AND 1, XOR white), which a CSS cursor cannot draw, become a
     * black-and-white checkerboard so that they stay visible (default). */
    WRDP_POINTER_STYLE_CSS = 0,
    /* IronRDP's software convention: premultiplied as IronRDP computes it
     * (c * c >> 8), inverted pixels FF FF FF 00 (the public vectors use it). */
    WRDP_POINTER_STYLE_PREMULTIPLIED = 1
} wrdp_pointer_style;

typedef struct wrdp_session_config {
    /* Send a Frame Acknowledge for every frame marker the server sends (when it asked for them). */
    bool acknowledge_frames;
    /* Upper bound on the memory the session may use for caches and reassembly (bytes; 0 = default 64 MiB). */
    size_t memory_limit;
    wrdp_pointer_style pointer_style;
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

/* The pointer attributes of MS-RDPBCGR 2.2.9.1.1.4 (the payload of a fast-path
 * pointer update, or of a slow-path pointer PDU after messageType and pad). */
#define WRDP_POINTER_KIND_COLOR 1 /* TS_COLORPOINTERATTRIBUTE: 24 bpp XOR mask */
#define WRDP_POINTER_KIND_NEW 2   /* TS_POINTERATTRIBUTE: xorBpp 1, 4, 8, 16, 24 or 32 */
#define WRDP_POINTER_KIND_LARGE 3 /* TS_LARGEPOINTERATTRIBUTE: up to 384x384 */
#define WRDP_POINTER_MAX_SIZE 384

/* Decodes a pointer attribute into *out (which it allocates; release with
 * wrdp_pointer_clear) and its cache index. `palette` (256 R,G,B triplets, or NULL
 * for the default) colours 4 and 8 bpp XOR masks. An empty (0x0) pointer decodes
 * to data NULL. Masks shorter than the size says are a decode error. */
int wrdp_pointer_decode(int kind, const uint8_t *data, size_t len, const uint8_t *palette, wrdp_pointer_style style,
                        wrdp_pointer *out, uint16_t *cache_index, wrdp_error *err);
void wrdp_pointer_clear(wrdp_pointer *p);

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
    WRDP_SESSION_EVENT_TERMINATED,     /* error: why (kind, message, code) */
    WRDP_SESSION_EVENT_SHUTDOWN_DENIED,/* the server refused wrdp_session_disconnect's Shutdown Request */
    WRDP_SESSION_EVENT_MONITOR_LAYOUT  /* code: monitor count (wrdp_session_monitors) */
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
/* The current pointer (data NULL when hidden or the system default). */
const wrdp_pointer *wrdp_session_pointer(const wrdp_session *s);
/* The last Monitor Layout PDU's monitors: left, top, right, bottom (inclusive), flags. */
typedef struct wrdp_session_monitor {
    int32_t left, top, right, bottom;
    uint32_t flags;
} wrdp_session_monitor;
const wrdp_session_monitor *wrdp_session_monitors(const wrdp_session *s, size_t *count);
/* True once the session ended (TERMINATED was queued). */
bool wrdp_session_is_terminated(const wrdp_session *s);
const wrdp_connection_result *wrdp_session_connection(const wrdp_session *s);

#ifdef __cplusplus
}
#endif
#endif
