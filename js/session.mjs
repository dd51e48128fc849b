// The session API: connect(options) → Session. One WebSocket to an
// RDCleanPath gateway, the wasm client (connector, then session) in between,
// a canvas renderer, the server's pointer as the CSS cursor, and DOM input.
// In Node (no document) the same runs headless: the image stays in wasm
// memory, input goes through the Session methods, screenshots are PNG blobs.
import { loadWebrdp, WebrdpError } from './loader.mjs';
import { WasmClient } from './client.mjs';
import { Transport } from './transport.mjs';
import { Renderer } from './render.mjs';
import { cursorCss } from './pointer.mjs';
import { InputQueue, attachDom } from './input.mjs';
import { encodePng } from './png.mjs';
import { AudioPlayer } from './audio.mjs';

/** The connector options passed through to the wasm client (src/wasm/client.h). */
export const CONNECTOR_OPTIONS = ['desktopScaleFactor', 'deviceScaleFactor', 'colorDepth', 'keyboardLayout',
  'keyboardType', 'keyboardSubtype', 'keyboardFunctionKeys', 'clientName', 'clientBuild', 'timeZoneBias',
  'performanceFlags', 'security', 'codecs', 'compression', 'autologon', 'alternateShell', 'workingDir',
  'clipboard', 'displayControl', 'audio'];

const DEFAULT_SIZE = { width: 1024, height: 768 };
const CONNECT_TIMEOUT_MS = 30000;
const RESIZE_DEBOUNCE_MS = 300;
const CLIPBOARD_TYPES = ['text/plain', 'text/html', 'image/png'];

// Plain text for an HTML-only offer (the server's applications want CF_UNICODETEXT too).
function htmlToText(html) {
  const doc = globalThis.DOMParser ? new globalThis.DOMParser().parseFromString(html, 'text/html') : null;
  if (doc?.body) return doc.body.textContent || '';
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

/** An event of a Session: the fields of `detail` are also on the event itself. */
export class SessionEvent extends Event {
  constructor(type, detail = {}) {
    super(type);
    this.detail = detail;
    for (const [k, v] of Object.entries(detail)) if (!(k in this)) this[k] = v;
  }
}

// The module is loaded once per page (or per options.webrdp given).
let shared;
function loadShared(loadOptions) {
  shared ??= loadWebrdp(loadOptions).catch((e) => { shared = undefined; throw e; });
  return shared;
}

/** Width and height for a size request: even width, each clamped to 200..8192. */
export function desktopSize(width, height) {
  const clamp = (v) => Math.max(200, Math.min(8192, Math.round(v)));
  return { width: clamp(width) & ~1, height: clamp(height) };
}

function filetimeNow() {
  return ((BigInt(Date.now()) + 11644473600000n) * 10000n).toString();
}

export class Session extends EventTarget {
  /** Makes a session without connecting; call connect(). See ConnectOptions in the types. */
  constructor(options = {}) {
    super();
    this.options = options;
    this.state = 'new';
    this.stage = null;
    this.width = 0;
    this.height = 0;
    this.scale = options.scale === 'real' ? 'real' : 'fit';
    this.canvas = null;
    this.cursor = 'default';
    this.updates = 0;       // graphics updates received
    this.lastUpdate = 0;    // Date.now() of the last one
    this.displayControl = false;  // the server opened display control: resize() changes its desktop
    this.remoteClipboard = { formats: [] };  // what the server's clipboard offers (and its last text)
    this.onRemoteClipboard = options.onRemoteClipboard ?? null;
    this.audio = null;      // the AudioPlayer when options.audio
    this.muted = !!options.muted;
    this._clipWaiters = [];
    for (const [type, fn] of Object.entries(options.on || {})) this.addEventListener(type, fn);
  }

  _emit(type, detail) { this.dispatchEvent(new SessionEvent(type, detail)); }

  _setupCanvas() {
    const o = this.options;
    const doc = globalThis.document;
    let target = o.canvas ?? o.container ?? null;
    if (!target || !doc) return null;
    if (typeof target === 'string') target = doc.querySelector(target);
    if (target.tagName === 'CANVAS') return target;
    const canvas = doc.createElement('canvas');
    canvas.className = 'webrdp-canvas';
    canvas.style.display = 'block';
    target.appendChild(canvas);
    this._ownCanvas = true;
    return canvas;
  }

  _size(canvas) {
    const o = this.options;
    let { width, height } = o;
    if ((!width || !height) && canvas) {
      const dpr = globalThis.devicePixelRatio || 1;
      const box = (canvas.parentElement && this._ownCanvas) ? canvas.parentElement : canvas;
      const r = box.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        width ||= r.width * dpr;
        height ||= r.height * dpr;
      }
    }
    return desktopSize(width || DEFAULT_SIZE.width, height || DEFAULT_SIZE.height);
  }

  config() {
    const o = this.options;
    const size = this._size(this.canvas);
    const cfg = { username: o.username ?? '', password: o.password ?? '', domain: o.domain ?? '',
      width: size.width, height: size.height, destination: o.destination, proxyAuth: o.token ?? '',
      clientName: 'webrdp', timeZoneBias: new Date().getTimezoneOffset(), filetimeNow: filetimeNow() };
    for (const k of CONNECTOR_OPTIONS) if (o[k] !== undefined) cfg[k] = o[k];
    Object.assign(cfg, o.connector || {});
    return cfg;
  }

  /** Connects; resolves with this session once connected, rejects with a WebrdpError. */
  connect() {
    if (this._connecting) return this._connecting;
    this._connecting = this._connect();
    return this._connecting;
  }

  async _connect() {
    const o = this.options;
    if (!o.gateway) throw new WebrdpError('invalid-argument', 'options.gateway (the WebSocket URL of the gateway) is required');
    if (!o.destination) throw new WebrdpError('invalid-argument', 'options.destination (host:port) is required');
    this.state = 'connecting';
    const w = o.webrdp || await loadShared(o.load || {});
    this.webrdp = w;
    this.canvas = this._setupCanvas();
    // createClient: a stand-in for the wasm client (tests drive the glue with a fake).
    const client = this.client = o.createClient ? o.createClient(w, this.config()) : new WasmClient(w, this.config());
    this.input = new InputQueue(client, (b) => this.transport?.send(b));
    this.input.enabled = false;

    let settle;
    const done = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    this._settle = settle;
    const timer = setTimeout(() => this._terminate(new WebrdpError('timeout',
      `no connection within ${(o.timeoutMs ?? CONNECT_TIMEOUT_MS) / 1000} s`)), o.timeoutMs ?? CONNECT_TIMEOUT_MS);
    done.finally(() => clearTimeout(timer)).catch(() => {});

    this.transport = new Transport({
      url: o.gateway, WebSocket: o.WebSocket, highWaterMark: o.highWaterMark,
      frameLen: (bytes) => client.frameLen(bytes),
      onFrame: (frame) => this._frame(frame),
      onClose: (info) => this._socketClosed(info),
    });
    try {
      await this.transport.open();
      this._emit('stage', { state: 'RdcleanpathRequest' });
      this.transport.send(client.start());
    } catch (e) {
      this._terminate(e instanceof WebrdpError ? e : new WebrdpError('io', e.message));
    }
    return done;
  }

  _frame(frame) {
    if (this.state === 'terminated') return;
    const c = this.client;
    let out;
    try {
      out = c.process(frame, Date.now());
    } catch (e) {
      if (e.output?.length) this.transport.send(e.output);
      this._events();
      this._terminate(e);
      return;
    }
    if (out.length) this.transport.send(out);
    this._events();
  }

  _events() {
    const c = this.client;
    if (!c?.c) return;
    for (let ev; (ev = c.nextEvent());) {
      switch (ev.type) {
        case 'stage':
          this.stage = ev.state;
          this._emit('stage', ev);
          break;
        case 'connected': this._connected(ev); break;
        case 'graphics':
          this.updates++;
          this.lastUpdate = Date.now();
          this.renderer?.damage(ev.x, ev.y, ev.width, ev.height);
          break;
        case 'resize':
          this.width = ev.width; this.height = ev.height;
          this.renderer?.resize(ev.width, ev.height);
          this._emit('resize', ev);
          break;
        case 'pointer': this._pointer(ev); break;
        case 'pointerPosition': this._emit('pointer', { ...ev, position: true }); break;
        case 'errorInfo':
          this.errorInfo = ev;
          this._emit('errorinfo', ev);
          break;
        case 'logon': this._emit('logon', ev); break;
        case 'clipboardReady': this._emit('clipboardready', {}); break;
        case 'clipboard': this._remoteClipboardChanged(ev); break;
        case 'clipboardData': this._clipboardData(ev); break;
        case 'displayControl':
          this.displayControl = !!ev.available;
          this._emit('displaycontrol', { available: this.displayControl });
          if (this.displayControl) this._sizeChanged(0);
          break;
        case 'audio': this._audio(ev); break;
        case 'audioVolume': this._emit('audiovolume', ev); break;
        case 'audioClose': this._emit('audioclose', ev); break;
        case 'terminated': {
          const { type, kind, message, ...details } = ev;
          this._terminate(kind && kind !== 'none' ? new WebrdpError(kind, message || kind, details) : null,
            message || 'the server ended the session');
          return;
        }
        default: this._emit(ev.type, ev);
      }
    }
  }

  _connected(ev) {
    const c = this.client;
    const img = c.image();
    this.width = ev.width || img.width;
    this.height = ev.height || img.height;
    this.protocol = ev.protocol;
    this.channels = ev.channels || [];
    if (this.canvas) {
      this.renderer = new Renderer(this.canvas, () => c.image(), () => c.memory());
      this.renderer.setScale(this.scale);
      this._detachInput = attachDom(this.canvas, this.input, this.renderer,
        this.options.clipboard === false || this.options.pasteToRemote === false ? {}
          : { onPaste: (items) => this._localPaste(items) });
      this._watchSize();
    }
    if (this.options.audio) this._startAudio();
    this.input.enabled = true;
    this.state = 'connected';
    this._emit('connected', { width: this.width, height: this.height, protocol: ev.protocol, channels: this.channels });
    this._settle?.resolve(this);
  }

  _pointer(ev) {
    let rgba = null;
    if (ev.data && ev.width && ev.height)
      rgba = new Uint8Array(this.client.memory(), ev.data, ev.width * ev.height * 4).slice();
    if (this.canvas) {
      this.cursor = cursorCss(ev, rgba, this.canvas.ownerDocument);
      this.canvas.style.cursor = this.cursor;
    } else {
      this.cursor = ev.hidden ? 'none' : ev.default ? 'default' : 'custom';
    }
    this._emit('pointer', { ...ev, data: undefined, rgba });
  }

  _socketClosed(info) {
    if (this.state === 'terminated') return;
    if (info.error instanceof Error) { this._terminate(info.error); return; }
    if (info.byUs) return;
    // The gateway or the server closed: let the client say why (a terminated event), else say it ourselves.
    try { this.client?.peerClosed(); } catch { /* already over */ }
    this._events();
    if (this.state !== 'terminated') {
      this._terminate(this.state === 'connected' && info.code === 1000
        ? null : new WebrdpError('io', `the gateway closed the connection (WebSocket close ${info.code}` +
          `${info.reason ? `: ${info.reason}` : ''})`, { wsCloseCode: info.code }),
      'the connection was closed');
    }
  }

  _terminate(error, message) {
    if (this.state === 'terminated') return;
    const wasConnected = this.state === 'connected';
    this.state = 'terminated';
    if (this.input) this.input.enabled = false;
    this._detachInput?.();
    this._stopWatching?.();
    this._stopAudio?.();
    for (const w of this._clipWaiters.splice(0)) w.reject(new WebrdpError('state', 'the session ended'));
    this.renderer?.paint();
    this.renderer?.destroy();
    this.transport?.close(500).catch(() => {});
    const detail = error
      ? { kind: error.kind || 'internal', message: error.message, code: error.code ?? 0,
        ...(error.kind === 'rdcleanpath' ? { httpStatus: error.httpStatus || undefined,
          wsaError: error.wsaError || undefined, tlsAlert: error.tlsAlert > 0 ? error.tlsAlert : undefined } : {}),
        errorInfo: this.errorInfo, wasConnected }
      : { kind: 'none', message: message || 'disconnected', code: 0, errorInfo: this.errorInfo, wasConnected };
    for (const k of Object.keys(detail)) if (detail[k] === undefined) delete detail[k];
    this.error = error || null;
    if (error) this._emit('error', { ...detail, error });
    this._emit('terminated', detail);
    if (this._settle) {
      if (wasConnected || !error) this._settle.resolve(this);
      else this._settle.reject(error);
    }
    // Free the client after the listeners ran (they may still read the image).
    setTimeout(() => { this.client?.free(); }, 0);
  }

  /** Says goodbye to the server and closes the connection (both ends). */
  async disconnect() {
    if (this.state === 'terminated' || !this.client) return;
    if (this.state !== 'connected') { this._terminate(null, 'cancelled'); return; }
    try {
      this.input.enabled = false;
      const out = this.client.disconnect();
      this.transport.send(out);
    } catch { /* nothing to say */ }
    const t = this.transport;
    await t.close(2000);
    this._terminate(null, 'disconnected by the user');
  }

  /** Key chord by KeyboardEvent.code names, e.g. ['ControlLeft', 'KeyC']. */
  sendKeys(keys) { this._live(); this.input.sendKeys(keys); }
  /** Types text (scancodes for US-keyboard characters, unicode events for the rest). */
  sendText(text, options) { this._live(); this.input.sendText(text, options); }
  ctrlAltDel() { this.sendKeys(['ControlLeft', 'AltLeft', 'Delete']); }
  /** Releases every key and button still down. */
  releaseAllInputs() { this._live(); this.input.releaseAll(); this.input.flush(); }
  /** Mouse in image pixels; button 1 left, 2 right, 3 middle, 4 back (X1), 5 forward (X2). */
  mouseMove(x, y) { this._live(); this.input.mouseMove(x, y); this.input.flush(); }
  mouseButton(button, down) { this._live(); this.input.mouseButton(button, down); this.input.flush(); }
  /** Wheel rotation in RDP units (120 a notch; positive is up, or right when horizontal). */
  wheel(delta, horizontal = false) { this._live(); this.input.wheel(delta, horizontal); this.input.flush(); }

  // ---- clipboard --------------------------------------------------------------------------------

  /** Offers items to the server's clipboard: [{ type: 'text/plain' | 'text/html', data: string }].
   *  Throws 'unsupported' when the server did not join the clipboard channel. */
  setClipboard(items) {
    this._live();
    const list = Array.isArray(items) ? items : [items];
    const get = (t) => list.find((i) => i && i.type === t && typeof i.data === 'string')?.data;
    const html = get('text/html') ?? '';
    const text = get('text/plain') ?? (html ? htmlToText(html) : '');
    const out = this.client.clipboardSetText(text, html);
    if (out?.length) this.transport.send(out);
    this.localClipboard = { text, html };
    this._emit('localclipboard', { text, html });
  }

  /** Asks for the server's clipboard as type ('text/plain', 'text/html', 'image/png'); resolves with
   *  { type, text } (text types) or { type, data: Uint8Array } (PNG). */
  requestClipboard(type = 'text/plain') {
    this._live();
    if (!CLIPBOARD_TYPES.includes(type)) throw new WebrdpError('invalid-argument', `no clipboard type ${type}`);
    const out = this.client.clipboardRequest(type);
    if (out?.length) this.transport.send(out);
    return new Promise((resolve, reject) => this._clipWaiters.push({ type, resolve, reject }));
  }

  _localPaste(items) {
    if (this.state !== 'connected') return;
    try {
      this.setClipboard(items);
    } catch (e) {
      this._emit('clipboarderror', { kind: e.kind || 'internal', message: e.message, direction: 'local' });
    }
  }

  _remoteClipboardChanged(ev) {
    this.remoteClipboard = { formats: ev.formats || [] };
    this._emit('remoteclipboardchange', { formats: this.remoteClipboard.formats });
    // The text comes along at once (small, and what people paste); HTML and PNG on request.
    if (this.options.clipboardAutoFetch !== false && this.remoteClipboard.formats.includes('text/plain')) {
      this.requestClipboard('text/plain').catch(() => {});
    }
  }

  _clipboardData(ev) {
    const i = this._clipWaiters.findIndex((w) => w.type === ev.mime);
    const waiter = i >= 0 ? this._clipWaiters.splice(i, 1)[0] : null;
    if (ev.failed) {
      const e = new WebrdpError('unsupported', `the server could not give its clipboard as ${ev.mime}`);
      waiter?.reject(e);
      this._emit('clipboarderror', { kind: e.kind, message: e.message, direction: 'remote', type: ev.mime });
      return;
    }
    const item = ev.text !== undefined ? { type: ev.mime, text: ev.text }
      : { type: ev.mime, data: this.client.bytesAt(ev.data, ev.length) };
    if (item.type === 'text/plain') this.remoteClipboard.text = item.text;
    if (item.type === 'text/html') this.remoteClipboard.html = item.text;
    waiter?.resolve(item);
    const detail = { ...item, formats: this.remoteClipboard.formats };
    this._emit('clipboard', detail);
    try { this.onRemoteClipboard?.(detail, this); } catch (e) { queueMicrotask(() => { throw e; }); }
  }

  // ---- display control --------------------------------------------------------------------------

  /** Asks the server for a width × height desktop (device pixels; even width, 200..8192) at scale
   *  (a ratio such as devicePixelRatio; 1 = 100 %). Returns false when the server has no display
   *  control: the canvas is then scaled instead. */
  resize(width, height, scale = 1) {
    this._live();
    const size = desktopSize(width, height);
    const pct = Math.max(100, Math.min(500, Math.round((scale || 1) * 100)));
    let out;
    try {
      out = this.client.resize(size.width, size.height, pct);
    } catch (e) {
      if (e.kind !== 'unsupported') throw e;
      this._resizeFallback(e.message);
      return false;
    }
    if (out?.length) this.transport.send(out);
    this._emit('resizerequest', { ...size, scale: pct });
    return true;
  }

  _resizeFallback(reason) {
    if (this.scale === 'fit') this.renderer?.setScale('fit');
    if (this._fellBack) return;
    this._fellBack = true;
    this._emit('resizefallback', { reason });
  }

  // The container's size in device pixels, when it differs from the desktop's.
  _sizeChanged(delay = RESIZE_DEBOUNCE_MS) {
    if (!this._sizeBox) return;
    clearTimeout(this._sizeTimer);
    this._sizeTimer = setTimeout(() => {
      if (this.state !== 'connected') return;
      const r = this._sizeBox.getBoundingClientRect();
      if (!(r.width > 0 && r.height > 0)) return;
      const dpr = globalThis.devicePixelRatio || 1;
      const want = desktopSize(r.width * dpr, r.height * dpr);
      if (want.width === this.width && want.height === this.height) return;
      if (!this.displayControl) { this._resizeFallback('the server has not opened display control'); return; }
      try { this.resize(want.width, want.height, dpr); } catch { /* the session is ending */ }
    }, delay);
  }

  // ResizeObserver on the container: when webrdp made the canvas (options.container) and no fixed size
  // was asked for; options.autoResize true / false forces it on / off.
  _watchSize() {
    const o = this.options;
    const auto = o.autoResize ?? (this._ownCanvas && !(o.width && o.height));
    const box = this._ownCanvas ? this.canvas.parentElement : this.canvas.parentElement ?? this.canvas;
    if (!auto || !box || typeof globalThis.ResizeObserver !== 'function') return;
    this._sizeBox = box;
    const ro = new globalThis.ResizeObserver(() => this._sizeChanged());
    ro.observe(box);
    this._stopWatching = () => { ro.disconnect(); clearTimeout(this._sizeTimer); this._sizeBox = null; };
  }

  // ---- audio -----------------------------------------------------------------------------------

  _startAudio() {
    const player = this.audio = this.options.audioPlayer ?? new AudioPlayer();
    player.setMuted(this.muted);
    const doc = this.canvas?.ownerDocument ?? globalThis.document;
    if (!doc || player.running) return;
    // Autoplay rules: the AudioContext starts on the first click or key press.
    const gesture = () => {
      player.start();
      if (player.running || !player.supported) stop();
    };
    const types = ['pointerdown', 'keydown', 'touchend'];
    const stop = () => { for (const t of types) doc.removeEventListener(t, gesture, true); };
    for (const t of types) doc.addEventListener(t, gesture, true);
    this._stopAudio = () => { stop(); player.close?.(); };
  }

  _audio(ev) {
    const samples = this.client.samplesAt(ev.data, ev.frames * ev.channels);
    const block = { rate: ev.rate, channels: ev.channels, frames: ev.frames, samples };
    this.audio?.push(block);
    this._emit('audio', block);
  }

  /** Mutes or unmutes the sound (options.audio). */
  setMuted(muted) {
    this.muted = !!muted;
    this.audio?.setMuted(this.muted);
  }

  _live() { if (this.state !== 'connected') throw new WebrdpError('state', `the session is ${this.state}`); }

  setScale(mode) {
    this.scale = mode === 'real' ? 'real' : 'fit';
    this.renderer?.setScale(this.scale);
  }

  /** Paints pending damage now (normally done once per animation frame). */
  repaint() { this.renderer?.paint(); }

  /** RGBA pixels of the image (a copy): { width, height, data }. */
  pixels() {
    const img = this.client?.c ? this.client.image() : null;
    if (!img || !img.ptr) throw new WebrdpError('state', 'no image yet');
    const data = new Uint8Array(img.width * img.height * 4);
    const mem = new Uint8Array(this.client.memory());
    for (let y = 0; y < img.height; y++)
      data.set(mem.subarray(img.ptr + y * img.stride, img.ptr + y * img.stride + img.width * 4), y * img.width * 4);
    return { width: img.width, height: img.height, data };
  }

  /** The desktop as a PNG Blob. */
  async screenshot() {
    if (this.canvas && typeof this.canvas.toBlob === 'function') {
      this.renderer?.paint();
      return new Promise((resolve, reject) => this.canvas.toBlob((b) => b ? resolve(b)
        : reject(new WebrdpError('internal', 'canvas.toBlob failed')), 'image/png'));
    }
    let png = this.client?.c ? this.client.png() : null;
    if (!png) {
      const { width, height, data } = this.pixels();
      png = await encodePng(data, width, height);
    }
    return new Blob([png], { type: 'image/png' });
  }

  /** Removes what connect() added to the page (the canvas it created). */
  destroy() {
    if (this.state !== 'terminated') this._terminate(null, 'destroyed');
    if (this._ownCanvas) this.canvas?.remove();
  }
}

/** Connects (see ConnectOptions); resolves with the Session once connected. Listeners in options.on
 *  ({ stage(e) {...}, ... }) are added before anything happens. */
export async function connect(options) {
  const s = new Session(options);
  await s.connect();
  if (s.state !== 'connected') throw s.error || new WebrdpError('io', 'the session ended before it connected');
  return s;
}
