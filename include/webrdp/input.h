/* webrdp — the input database, in the manner of IronRDP's ironrdp-input: it
 * remembers which keys and mouse buttons are down and where the pointer is,
 * so that each operation becomes exactly the fast-path input events
 * (MS-RDPBCGR 2.2.8.1.2.2) it needs, and "release all" can lift whatever is
 * still held when the page loses focus.
 *
 * The rules:
 *   - a key-down of a key already down is sent again: that is the keyboard's
 *     typematic repeat (browsers deliver it as repeated keydown events, and
 *     mstsc sends repeated make codes too); the server sees one held key;
 *   - a key-up of a key that is not down, a button-up of a button that is not
 *     down, a button-down of a button already down and a move to the current
 *     position produce nothing;
 *   - "release all" sends the key-ups of the held keys in the reverse order of
 *     their presses (Ctrl+Alt+Del comes up Del, Alt, Ctrl), then the held
 *     unicode characters, then the held buttons (left, right, middle, X1, X2).
 *
 * Events queue inside the database until the caller takes them
 * (wrdp_input_pending + wrdp_input_clear_pending) or encodes them
 * (wrdp_input_encode: plain fast-path input PDUs of at most 255 events), or
 * hands them to a session (wrdp_session_send_input, which also encrypts under
 * Standard RDP Security). An operation that would not fit the queue fails with
 * a limit error and changes nothing. */
#ifndef WEBRDP_INPUT_H
#define WEBRDP_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "pdu/fastpath.h"
#include "session.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pointer flags of TS_FP_POINTER_EVENT / TS_POINTER_EVENT (2.2.8.1.1.3.1.1.3). */
#define WRDP_PTRFLAGS_HWHEEL 0x0400u
#define WRDP_PTRFLAGS_WHEEL 0x0200u
#define WRDP_PTRFLAGS_WHEEL_NEGATIVE 0x0100u
#define WRDP_PTRFLAGS_WHEEL_ROTATION_MASK 0x01FFu
#define WRDP_PTRFLAGS_MOVE 0x0800u
#define WRDP_PTRFLAGS_DOWN 0x8000u
#define WRDP_PTRFLAGS_BUTTON1 0x1000u /* left */
#define WRDP_PTRFLAGS_BUTTON2 0x2000u /* right */
#define WRDP_PTRFLAGS_BUTTON3 0x4000u /* middle */
/* Extended pointer flags of TS_FP_POINTERX_EVENT (2.2.8.1.1.3.1.1.4). */
#define WRDP_PTRXFLAGS_DOWN 0x8000u
#define WRDP_PTRXFLAGS_BUTTON1 0x0001u /* X1, "back" */
#define WRDP_PTRXFLAGS_BUTTON2 0x0002u /* X2, "forward" */

/* Key prefixes: a key is its scancode (0x00..0xFF) and its prefix. */
#define WRDP_INPUT_PREFIX_NONE 0
#define WRDP_INPUT_PREFIX_E0 1 /* extended keys: Right Ctrl (E0 1D), arrows, PrintScreen (E0 37), ... */
#define WRDP_INPUT_PREFIX_E1 2 /* only Pause, scancode 0x1D: E1 1D 45, sent as 0x1D with
                                  KBDFLAGS_EXTENDED1 followed by 0x45 (as mstsc and FreeRDP do) */
#define WRDP_INPUT_SCANCODE_PAUSE 0x1D

typedef enum wrdp_input_button {
    WRDP_INPUT_BUTTON_LEFT = 1,
    WRDP_INPUT_BUTTON_RIGHT = 2,
    WRDP_INPUT_BUTTON_MIDDLE = 3,
    WRDP_INPUT_BUTTON_X1 = 4, /* extended mouse event, PTRXFLAGS_BUTTON1 */
    WRDP_INPUT_BUTTON_X2 = 5  /* extended mouse event, PTRXFLAGS_BUTTON2 */
} wrdp_input_button;

/* The most events queued before they are taken; an operation beyond fails (limit). */
#define WRDP_INPUT_QUEUE_MAX 4096
/* One wheel event carries at most 255 units (9-bit two's complement rotation,
 * WHEEL_NEGATIVE for negative values); larger deltas become several events. */
#define WRDP_INPUT_WHEEL_STEP 255
/* Larger deltas are clamped to this (one operation never floods the queue). */
#define WRDP_INPUT_WHEEL_MAX (WRDP_INPUT_WHEEL_STEP * 16)
/* Unicode characters (UTF-16 code units) held down at once. */
#define WRDP_INPUT_UNICODE_HELD_MAX 32

typedef struct wrdp_input wrdp_input;

wrdp_input *wrdp_input_new(void);
void wrdp_input_free(wrdp_input *in);
/* Forgets every key, button, position and queued event without producing events
 * (a new connection starts with nothing held). */
void wrdp_input_reset(wrdp_input *in);
const wrdp_error *wrdp_input_error(const wrdp_input *in);

/* Each operation returns how many events it queued (0 when nothing is needed)
 * or WRDP_ERR (invalid argument, or limit when the queue is full). */
int wrdp_input_key(wrdp_input *in, uint8_t scancode, int prefix, bool down);
/* A character without a scancode (TS_FP_UNICODE_KEYBOARD_EVENT): one UTF-16 code unit. */
int wrdp_input_unicode(wrdp_input *in, uint16_t code_unit, bool down);
/* Coordinates are clamped to 0..65535. */
int wrdp_input_mouse_move(wrdp_input *in, int32_t x, int32_t y);
/* At the current position. */
int wrdp_input_mouse_button(wrdp_input *in, int button, bool down);
/* delta in WHEEL_DELTA units (120 a notch): vertical positive = away from the
 * user (scroll up), horizontal positive = to the right. At the current position. */
int wrdp_input_wheel(wrdp_input *in, int32_t delta, bool horizontal);
/* A synchronize event with these WRDP_FASTPATH_INPUT_SYNC_* lock states (always
 * sent: the server's state may differ from what we last said). */
int wrdp_input_sync_locks(wrdp_input *in, uint8_t lock_flags);
int wrdp_input_release_all(wrdp_input *in);

bool wrdp_input_key_is_down(const wrdp_input *in, uint8_t scancode, int prefix);
bool wrdp_input_button_is_down(const wrdp_input *in, int button);
/* Keys (including Pause and held unicode characters) and buttons down. */
size_t wrdp_input_held_count(const wrdp_input *in);
void wrdp_input_position(const wrdp_input *in, uint16_t *x, uint16_t *y);

/* The queued events, oldest first (valid until the next call on in). */
const wrdp_fastpath_input_event *wrdp_input_pending(const wrdp_input *in, size_t *count);
void wrdp_input_clear_pending(wrdp_input *in);
/* Appends the queued events as plain (unencrypted) Client Fast-Path Input
 * Event PDUs, at most WRDP_FASTPATH_INPUT_EVENTS_MAX events each, and clears
 * the queue. Returns the number of PDUs written, or WRDP_ERR (the queue is kept). */
int wrdp_input_encode(wrdp_input *in, wrdp_writer *out);
/* The same for any array of events. */
int wrdp_input_encode_events(const wrdp_fastpath_input_event *events, size_t count, wrdp_writer *out, wrdp_error *err);

/* Sends events on an active session as fast-path input PDUs (at most 255
 * events each), encrypted and signed when Standard RDP Security is in force.
 * Fails with a state error once the session has terminated. (Implemented in
 * src/session/input.c: the session owns the security state.) */
int wrdp_session_send_input(wrdp_session *s, const wrdp_fastpath_input_event *events, size_t count,
                            wrdp_writer *out);

#ifdef __cplusplus
}
#endif
#endif
