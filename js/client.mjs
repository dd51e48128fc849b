// A thin JS binding of the wasm client (src/wasm/client.h): memory in and out,
// events as parsed JSON. No protocol logic and no I/O here: session.mjs moves
// the bytes, and tests can put a fake with the same methods in its place.
import { WebrdpError } from './loader.mjs';

const utf8enc = new TextEncoder();
const utf8dec = new TextDecoder('utf-8');

export class WasmClient {
  /** @param w the object loadWebrdp() resolves to; config the connector options (an object). */
  constructor(w, config) {
    this.w = w;
    const x = (this.x = w.exports);
    if (typeof x.wrdp_wasm_client_new !== 'function')
      throw new WebrdpError('unsupported', 'this webrdp.wasm has no client API (wrdp_wasm_client_new); rebuild it');
    this._len = w.alloc(8); // a size_t out-parameter (4 bytes in wasm32)
    const json = utf8enc.encode(JSON.stringify(config));
    const p = w.put(json);
    try {
      w.clearError();
      this.c = x.wrdp_wasm_client_new(p, json.length, w._err);
    } finally {
      // The text holds the password: wipe both copies.
      w.bytes().fill(0, p, p + json.length);
      json.fill(0);
      w.free(p);
    }
    if (!this.c) {
      const e = w.lastError();
      w.free(this._len);
      throw e;
    }
    this._in = 0;
    this._inCap = 0;
  }

  _outLen() { return new DataView(this.w.memory.buffer).getUint32(this._len, true); }

  // Copies n bytes at ptr out of wasm memory (the buffer is only valid until the next call).
  _take(ptr) {
    const n = this._outLen();
    if (!ptr || !n) return new Uint8Array(0);
    return this.w.bytes().slice(ptr, ptr + n);
  }

  /** The error of the last failing call, as a WebrdpError with its details. */
  error() {
    const x = this.x;
    const p = x.wrdp_wasm_client_error(this.c);
    if (!p) return new WebrdpError('internal', 'unknown error');
    const kind = this.w.cstring(x.wrdp_wasm_error_kind(p)) || 'internal';
    const message = this.w.cstring(x.wrdp_wasm_error_message(p)) || kind;
    // The RDCleanPath details have no accessor: wrdp_error's wasm32 layout is
    // kind u32, message[256], code u32, http_status u16, wsa_error u16, tls_alert i16.
    const dv = new DataView(this.w.memory.buffer);
    return new WebrdpError(kind, message, { code: x.wrdp_wasm_error_code(p) >>> 0,
      httpStatus: dv.getUint16(p + 264, true), wsaError: dv.getUint16(p + 266, true),
      tlsAlert: dv.getInt16(p + 268, true) });
  }

  /** The first bytes to send (the RDCleanPath request). */
  start() {
    const p = this.x.wrdp_wasm_client_start(this.c, this._len);
    if (!p) throw this.error();
    const first = this._take(p);
    // start also appends its bytes to the output: take them once.
    const out = this.output();
    return out.length ? out : first;
  }

  _put(bytes) {
    if (bytes.length > this._inCap) {
      if (this._in) this.w.free(this._in);
      this._inCap = Math.max(bytes.length, 64 * 1024);
      this._in = this.w.alloc(this._inCap);
    }
    this.w.bytes().set(bytes, this._in);
    return this._in;
  }

  /** 0: need more bytes; else the length of the next frame. Throws on a framing error. */
  frameLen(bytes) {
    const n = this.x.wrdp_wasm_client_frame_len(this.c, this._put(bytes), bytes.length);
    if (n < 0) throw this.error();
    return n;
  }

  /** Processes one whole frame; returns the bytes to send. Throws (the client then terminated). */
  process(frame, nowMs = Date.now()) {
    if (this.x.wrdp_wasm_client_process(this.c, this._put(frame), frame.length, nowMs) < 0) {
      const e = this.error();
      e.output = this.output();
      throw e;
    }
    return this.output();
  }

  output() {
    const p = this.x.wrdp_wasm_client_output(this.c, this._len);
    return this._take(p);
  }

  /** The next event (parsed JSON), or null. */
  nextEvent() {
    const p = this.x.wrdp_wasm_client_next_event(this.c, this._len);
    if (!p) return null;
    const n = this._outLen();
    return JSON.parse(utf8dec.decode(this.w.bytes().subarray(p, p + n)));
  }

  isConnected() { return !!this.x.wrdp_wasm_client_is_connected(this.c); }

  /** { ptr, width, height, stride } of the framebuffer, ptr 0 before it exists. */
  image() {
    const x = this.x;
    return { ptr: x.wrdp_wasm_client_image(this.c) >>> 0, width: x.wrdp_wasm_client_image_width(this.c) >>> 0,
      height: x.wrdp_wasm_client_image_height(this.c) >>> 0, stride: x.wrdp_wasm_client_image_stride(this.c) >>> 0 };
  }

  /** Bytes in wasm memory (a fresh view: memory may have grown). */
  memory() { return this.w.memory.buffer; }

  _ok(rc) { if (rc < 0) throw this.error(); }
  /** prefix: 0 none, 1 E0 (extended), 2 E1 (Pause). */
  key(scancode, prefix, down) { this._ok(this.x.wrdp_wasm_client_key(this.c, scancode, prefix | 0, down ? 1 : 0)); }
  unicode(unit, down) { this._ok(this.x.wrdp_wasm_client_unicode(this.c, unit, down ? 1 : 0)); }
  mouseMove(x, y) { this._ok(this.x.wrdp_wasm_client_mouse_move(this.c, x, y)); }
  mouseButton(button, down) { this._ok(this.x.wrdp_wasm_client_mouse_button(this.c, button, down ? 1 : 0)); }
  wheel(delta, horizontal) { this._ok(this.x.wrdp_wasm_client_wheel(this.c, delta, horizontal ? 1 : 0)); }
  syncLocks({ scroll = false, num = false, caps = false, kana = false }) {
    this._ok(this.x.wrdp_wasm_client_sync_locks(this.c, +scroll, +num, +caps, +kana));
  }
  releaseAll() { this._ok(this.x.wrdp_wasm_client_release_all(this.c)); }
  /** The queued input as fast-path PDUs (bytes to send). */
  flushInput() { this._ok(this.x.wrdp_wasm_client_flush_input(this.c)); return this.output(); }
  /** The goodbye to send. */
  disconnect() { this._ok(this.x.wrdp_wasm_client_disconnect(this.c)); return this.output(); }
  peerClosed() { this.x.wrdp_wasm_client_peer_closed(this.c); }

  // ---- channels (clipboard, display control, audio) ----

  _hasExport(name) { return typeof this.x[name] === 'function'; }

  /** Offers text (and an HTML fragment, '' for none) to the server's clipboard; returns the bytes to send.
   *  Throws an 'unsupported' WebrdpError when the server did not join the clipboard channel. */
  clipboardSetText(text, html = '') {
    if (!this._hasExport('wrdp_wasm_client_clipboard_set_text'))
      throw new WebrdpError('unsupported', 'this webrdp.wasm has no clipboard API; rebuild it');
    const t = utf8enc.encode(text ?? '');
    const h = utf8enc.encode(html ?? '');
    const pt = this.w.put(t.length ? t : new Uint8Array(1));
    const ph = h.length ? this.w.put(h) : 0;
    try {
      this._ok(this.x.wrdp_wasm_client_clipboard_set_text(this.c, pt, t.length, ph, h.length));
    } finally {
      this.w.free(pt);
      if (ph) this.w.free(ph);
    }
    return this.output();
  }

  /** Asks for the server's clipboard: 'text/plain', 'text/html' or 'image/png'; returns the bytes to send.
   *  A clipboardData event answers. */
  clipboardRequest(type = 'text/plain') {
    const kind = { 'text/plain': 1, text: 1, 'text/html': 2, html: 2, 'image/png': 3, png: 3 }[type];
    if (!kind) throw new WebrdpError('invalid-argument', `no clipboard kind ${type}`);
    if (!this._hasExport('wrdp_wasm_client_clipboard_request'))
      throw new WebrdpError('unsupported', 'this webrdp.wasm has no clipboard API; rebuild it');
    this._ok(this.x.wrdp_wasm_client_clipboard_request(this.c, kind));
    return this.output();
  }

  /** Display control: asks for a width × height desktop at scale percent; returns the bytes to send.
   *  Throws an 'unsupported' WebrdpError when the server has not opened the channel (then scale instead). */
  resize(width, height, scale = 100) {
    if (!this._hasExport('wrdp_wasm_client_resize'))
      throw new WebrdpError('unsupported', 'this webrdp.wasm has no display control; rebuild it');
    this._ok(this.x.wrdp_wasm_client_resize(this.c, width >>> 0, height >>> 0, scale >>> 0));
    return this.output();
  }

  /** A copy of n bytes at a wasm address (an event's data). */
  bytesAt(ptr, n) { return ptr ? this.w.bytes().slice(ptr, ptr + n) : new Uint8Array(0); }
  /** A copy of n int16 samples at a wasm address (an audio event's data). */
  samplesAt(ptr, n) { return new Int16Array(this.bytesAt(ptr, n * 2).buffer); }

  /** PNG of the framebuffer made by the module  /** PNG of the framebuffer made by the module, when it exports an encoder (else null). */
  png() {
    const f = this.x.wrdp_wasm_client_screenshot_png;
    if (typeof f !== 'function') return null;
    const p = f(this.c, this._len);
    return p ? this._take(p) : null;
  }

  free() {
    if (!this.c) return;
    this.x.wrdp_wasm_client_free(this.c);
    this.c = 0;
    this.w.free(this._in, this._len);
    this._in = this._len = 0;
  }
}
