/* The wasm client API: what js/ (the browser and Node glue) calls to run a
 * whole connection — connector, then session — over bytes the glue moves.
 * Everything here is a thin binding over include/webrdp/{connector,session,
 * input}.h; no protocol logic lives in src/wasm.
 *
 * Memory: pointers are wasm addresses. Buffers the client returns stay valid
 * until the next call on the same client. Errors: a failing call returns
 * -1 (or 0 for pointers) and leaves the error readable with
 * wrdp_wasm_client_error() (a wrdp_error: kind name, message, code, http
 * status / wsa / tls alert for RDCleanPath).
 *
 * Randomness: the module imports `webrdp.random_fill(ptr, len)` (the glue fills
 * it with crypto.getRandomValues); time comes in as arguments (filetime_now in
 * the config, now_ms in client_step / client_process).
 *
 * The sequence the glue runs:
 *   c = wrdp_wasm_client_new(config_json, len)
 *   out = wrdp_wasm_client_start(c, &n)              -> send n bytes (the RDCleanPath request)
 *   loop on received bytes:
 *     k = wrdp_wasm_client_frame_len(c, buf, len)    -> 0 need more, -1 error, else frame length
 *     wrdp_wasm_client_process(c, frame, k, now_ms)  -> 0 ok, -1 error (then terminated)
 *     out = wrdp_wasm_client_output(c, &n)           -> send n bytes (may be 0)
 *     while ((ev = wrdp_wasm_client_next_event(c, &n)))  -> JSON text of one event (n bytes)
 *   input: wrdp_wasm_client_input_*(c, ...) then wrdp_wasm_client_flush_input(c) -> output bytes to send
 *   pixels: wrdp_wasm_client_image(c) + _image_width/_height/_stride; dirty rect via events
 *   wrdp_wasm_client_disconnect(c) -> output bytes; wrdp_wasm_client_free(c)
 */
#ifndef WRDP_WASM_CLIENT_H
#define WRDP_WASM_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "webrdp/connector.h"
#include "webrdp/error.h"

typedef struct wrdp_wasm_client wrdp_wasm_client;

/* config_json: an object with the connector options (camelCase of
 * wrdp_connector_config): username, password, domain, width, height,
 * desktopScaleFactor, deviceScaleFactor, colorDepth, keyboardLayout,
 * keyboardType, keyboardSubtype, keyboardFunctionKeys, clientName,
 * clientBuild, timeZoneBias (minutes), performanceFlags, security (array of
 * "rdp","tls","nla","nla-ex"), codecs (array of "rfx","nsc"), compression
 * ("none","8k","64k","rdp6","rdp61"), autologon, alternateShell, workingDir,
 * filetimeNow (string of decimal digits: a 64-bit FILETIME), and the gateway:
 * destination ("host:port", required), proxyAuth (the token; "" when absent,
 * for a gateway run with --insecure-no-token), and the channels: clipboard
 * (join cliprdr, default true), displayControl (join drdynvc with the display
 * control processor, default true), audio (join rdpsnd, default false). Defaults are the connector's
 * (security: tls, nla, nla-ex). The password is wiped from the parsed copy;
 * the glue should zero its own copy of the JSON text. Unknown keys are refused
 * with an invalid-argument error naming them. Returns NULL on error, with
 * the reason in *err (the glue's own error object). */
wrdp_wasm_client *wrdp_wasm_client_new(const char *config_json, size_t len, wrdp_error *err);
void wrdp_wasm_client_free(wrdp_wasm_client *c);
const wrdp_error *wrdp_wasm_client_error(const wrdp_wasm_client *c);

/* The first bytes to send (the RDCleanPath request wrapping the X.224 request). */
const uint8_t *wrdp_wasm_client_start(wrdp_wasm_client *c, size_t *len);
/* Framing of the next input (RDCleanPath response, CredSSP, TPKT, fast-path). */
int32_t wrdp_wasm_client_frame_len(wrdp_wasm_client *c, const uint8_t *data, size_t len);
int wrdp_wasm_client_process(wrdp_wasm_client *c, const uint8_t *frame, size_t len, double now_ms);
/* Bytes to send that the calls since the last client_output produced (0 length
 * when none; start, process, flush_input and disconnect append to them). */
const uint8_t *wrdp_wasm_client_output(wrdp_wasm_client *c, size_t *len);
/* The next event as JSON, or NULL when there is none:
 *   {"type":"stage","state":"Credssp"}             (each connector state entered until connected,
 *                                                   ConnectionInitiationSendRequest first)
 *   {"type":"connected","width":W,"height":H,"protocol":"hybrid","channels":[...]}
 *                                                  (protocol: "rdp", "ssl", "hybrid", "hybrid-ex")
 *   {"type":"graphics","x":..,"y":..,"width":..,"height":..}
 *   {"type":"pointer","hidden":true} | {"type":"pointer","default":true}
 *   {"type":"pointer","width":W,"height":H,"hotspotX":..,"hotspotY":..,"data":<address of RGBA>}
 *   {"type":"pointerPosition","x":..,"y":..}
 *   {"type":"resize","width":W,"height":H}       (reactivation; the image was resized)
 *   {"type":"errorInfo","code":N,"text":"..."}
 *   {"type":"logon"}
 *   {"type":"terminated","kind":"...","message":"...","code":N}
 *       kind: a wrdp_error kind name ("none" when the client disconnected, "logon-failure",
 *       "wrong-password", "server-disconnect", "rdcleanpath" — then also "httpStatus",
 *       "wsaError", "tlsAlert" — ...); exactly one, last; later frames are ignored.
 * An event's text (and a pointer's "data") stays valid until the next call. */
const char *wrdp_wasm_client_next_event(wrdp_wasm_client *c, size_t *len);
int wrdp_wasm_client_is_connected(const wrdp_wasm_client *c);

/* The framebuffer (RGBA8888 top-down), once connected. */
uint8_t *wrdp_wasm_client_image(wrdp_wasm_client *c);
uint32_t wrdp_wasm_client_image_width(const wrdp_wasm_client *c);
uint32_t wrdp_wasm_client_image_height(const wrdp_wasm_client *c);
uint32_t wrdp_wasm_client_image_stride(const wrdp_wasm_client *c);

/* Input (through include/webrdp/input.h's database: no duplicate presses, no stuck keys).
 * Each returns the number of events it queued (0: nothing was needed) or -1.
 * key: scancode 0x00..0xFF; extended 0 = no prefix, 1 = E0 (Right Ctrl 0x1D, arrows,
 * PrintScreen 0x37, Windows keys 0x5B/0x5C, Menu 0x5D, AltGr = Right Alt 0x38, ...),
 * 2 = E1 (Pause only: scancode 0x1D; sent as E1 1D 45). A key-down of a held key is
 * sent again (typematic repeat). wheel: WHEEL_DELTA units (120 a notch), vertical
 * positive = away from the user (scroll up: the negation of DOM deltaY), horizontal
 * positive = right; split into steps of at most 255, clamped to +-4080. Coordinates
 * are desktop pixels, clamped to 0..65535. Input is kept while not connected but
 * only sent by flush_input on a live session (before, it is dropped). */
int wrdp_wasm_client_key(wrdp_wasm_client *c, uint16_t scancode, int extended, int down);
int wrdp_wasm_client_unicode(wrdp_wasm_client *c, uint16_t code_unit, int down);
int wrdp_wasm_client_mouse_move(wrdp_wasm_client *c, int32_t x, int32_t y);
int wrdp_wasm_client_mouse_button(wrdp_wasm_client *c, int button /* 1..5 */, int down);
int wrdp_wasm_client_wheel(wrdp_wasm_client *c, int32_t delta, int horizontal);
int wrdp_wasm_client_sync_locks(wrdp_wasm_client *c, int scroll, int num, int caps, int kana);
int wrdp_wasm_client_release_all(wrdp_wasm_client *c);
/* Encodes the queued input events as fast-path input PDUs (read them with client_output). */
int wrdp_wasm_client_flush_input(wrdp_wasm_client *c);

/* Channels (config keys clipboard and displayControl, default true; audio, default false).
 * Extra events:
 *   {"type":"clipboardReady"}                                   (the server's clipboard channel is up)
 *   {"type":"clipboard","formats":["text/plain","text/html","image/png","files"]}
 *                                                 (the server's clipboard changed: the kinds it offers)
 *   {"type":"clipboardData","mime":"text/plain"|"text/html","text":"..."}
 *   {"type":"clipboardData","mime":"image/png","data":<address>,"length":n}
 *   {"type":"clipboardData","mime":..,"failed":true}           (the server could not give it)
 *   {"type":"displayControl","available":true}                 (client_resize works from now on)
 *   {"type":"audio","rate":..,"channels":..,"frames":..,"data":<address of interleaved int16 samples>}
 *   {"type":"audioVolume","left":0..65535,"right":..} | {"type":"audioClose"}
 * Addresses stay valid until the next call that produces output (process, flush_input, ...).
 * Each call below returns 0 (read the bytes to send with client_output) or -1; an unsupported
 * error when the server did not join (or open) the channel. */
/* Offers local text (UTF-8, LF line ends) and optionally an HTML fragment (html NULL / 0: none)
 * to the server; before the channel is ready the offer waits for it. */
int wrdp_wasm_client_clipboard_set_text(wrdp_wasm_client *c, const char *utf8, size_t len, const char *html,
                                        size_t html_len);
/* Asks the server for its clipboard as kind 1 text, 2 html, 3 png: a clipboardData event answers. */
int wrdp_wasm_client_clipboard_request(wrdp_wasm_client *c, int kind);
/* Display control: asks the server for a width x height desktop (clamped to 200..8192, even
 * width) at scale percent (100..500; 0 = 100). Unsupported until the displayControl event. */
int wrdp_wasm_client_resize(wrdp_wasm_client *c, uint32_t width, uint32_t height, uint32_t scale);

/* Writes the goodbye (read it with client_output) and queues the terminated
 * event (kind "none"); before the session there is nothing to send. */
int wrdp_wasm_client_disconnect(wrdp_wasm_client *c);
/* The server or the network closed the connection: queues the terminated
 * event (what the close means in the current state) and returns 0. */
int wrdp_wasm_client_peer_closed(wrdp_wasm_client *c);

/* Not exported: where the connector's randomness comes from. The wasm build
 * draws from the `webrdp.random_fill` import by default; a native build (the
 * unit tests) has no source until one is installed here (a replay installs
 * the recorded draws). NULL restores the default. */
void wrdp_wasm_client_set_random(wrdp_wasm_client *c, wrdp_random_fn fn, void *ctx);

#endif
