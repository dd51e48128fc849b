#ifndef WRDP_TOOL_H
#define WRDP_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WRDP_TOOL_VERSION "0.1.0"

int tool_pdu(int argc, char **argv);
int tool_decode(int argc, char **argv);
int tool_screenshot(int argc, char **argv);

/* What runs after `connect` reached an active session (tool_connect.c owns it). */
#include "webrdp/connector.h"
typedef struct tool_link tool_link;
const uint8_t *tool_link_buffer(tool_link *l, size_t *len); /* bytes received, not yet consumed */
void tool_link_consume(tool_link *l, size_t n); /* the first n bytes were a whole frame, processed */
/* Reads more bytes (until deadline, ms of native_now_ms); *got == 0 means the server closed. */
int tool_link_read(tool_link *l, int64_t deadline, size_t *got, wrdp_error *err);
int tool_link_send(tool_link *l, const uint8_t *p, size_t n, wrdp_error *err);
int64_t tool_link_deadline(const tool_link *l);
/* `webrdp screenshot`: runs a session over the link until the screen has been quiet for
 * settle_ms (or the deadline), writes the framebuffer as PNG, disconnects. Takes c. */
/* The session loop shared by the commands below (tool_session.c). on_event gets every
 * event but TERMINATED (which ends the loop with its error) and returns 0 to go on, 1 to
 * stop, WRDP_ERR (err set) to fail; wait_until says how long to wait for more input (ms of
 * native_now_ms): the loop ends when that time has passed. */
#include "webrdp/session.h"
typedef struct tool_session_loop {
    int (*on_event)(void *ctx, wrdp_session *s, const wrdp_session_event *ev, wrdp_error *err);
    int64_t (*wait_until)(void *ctx);
    void *ctx;
} tool_session_loop;
int tool_session_run(tool_link *l, wrdp_session *s, const tool_session_loop *loop, wrdp_error *err);
/* Writes and sends the session's goodbye (errors ignored: the connection is ending). */
void tool_session_goodbye(tool_link *l, wrdp_session *s);

/* `connect --stay S`: the session for S seconds, drdynvc routed through the DVC manager. Takes c. */
int tool_channels_run(tool_link *l, wrdp_connector *c, unsigned stay_s, wrdp_error *err);
/* `connect --clipboard-set TEXT / --clipboard-get`: the session with cliprdr (tool_clipboard.c). Takes c. */
int tool_clipboard_run(tool_link *l, wrdp_connector *c, const char *set_text, bool get, unsigned stay_s,
                       wrdp_error *err);
int tool_screenshot_capture(tool_link *l, wrdp_connector *c, const char *png_path, unsigned settle_ms,
                            wrdp_error *err);
int tool_connect(int argc, char **argv); /* tool_connect.c */

/* Reads a file ("-" is standard input) into a malloc'd buffer with a NUL after it. */
uint8_t *tool_read_file(const char *path, size_t *len);

#endif
