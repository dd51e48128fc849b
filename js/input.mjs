// Input: DOM events → the wasm input database (which knows what is down, so
// that nothing is pressed twice or left stuck) → fast-path input PDUs.
// Events are queued in the database and flushed once per animation frame, or
// at once when a batch fills. Mouse moves are coalesced to the last position
// within a frame, but never reordered around a button or a key.
import { scancodeOf, US_CHARS } from './keymap.mjs';

const BATCH = 48;              // queued events that force a flush before the next frame
const WHEEL_NOTCH = 120;       // RDP wheel units per notch
const PIXELS_PER_NOTCH = 100;  // what Chromium scrolls per notch (deltaMode 0)
const LINES_PER_NOTCH = 3;     // what Firefox scrolls per notch (deltaMode 1)
const MAX_WHEEL = 255;         // the largest rotation one event carries
// DOM MouseEvent.button (0 main, 1 auxiliary, 2 secondary, 3 back, 4 forward) →
// the input database's buttons (1 left, 2 right, 3 middle, 4 X1, 5 X2).
export const DOM_BUTTON = [1, 3, 2, 4, 5];

/** The input state machine shared by the DOM bindings and the Session API (also in Node). */
export class InputQueue {
  /** @param client a WasmClient; send(bytes) sends to the server */
  constructor(client, send) {
    this.client = client;
    this.send = send;
    this.queued = 0;
    this.move = null;
    this.wheelAcc = { v: 0, h: 0 };
    this._scheduled = false;
    this.enabled = true;
  }

  _q(n = 1) {
    this.queued += n;
    if (this.queued >= BATCH) this.flush();
    else this.schedule();
  }

  _applyMove() {
    if (!this.move) return;
    const { x, y } = this.move;
    this.move = null;
    this.client.mouseMove(x, y);
    this.queued++;
  }

  key(scancode, prefix, down) { if (!this.enabled) return; this._applyMove(); this.client.key(scancode, prefix, down); this._q(); }
  unicode(unit, down) { if (!this.enabled) return; this._applyMove(); this.client.unicode(unit, down); this._q(); }
  mouseMove(x, y) { if (!this.enabled) return; this.move = { x: Math.round(x), y: Math.round(y) }; this.schedule(); }
  mouseButton(button, down) { if (!this.enabled) return; this._applyMove(); this.client.mouseButton(button, down); this._q(); }
  wheel(delta, horizontal = false) {
    if (!this.enabled) return;
    this._applyMove();
    while (delta !== 0) {
      const d = Math.max(-MAX_WHEEL, Math.min(MAX_WHEEL, delta));
      this.client.wheel(d, horizontal);
      delta -= d;
      this._q();
    }
  }
  syncLocks(locks) { if (!this.enabled) return; this.client.syncLocks(locks); this._q(); }
  releaseAll() { if (!this.enabled) return; this.move = null; this.client.releaseAll(); this._q(); }

  /** DOM wheel deltas (any deltaMode) → RDP rotation units, keeping fractions between events. */
  wheelFromDom(ev) {
    const k = ev.deltaMode === 1 ? WHEEL_NOTCH / LINES_PER_NOTCH : ev.deltaMode === 2 ? WHEEL_NOTCH * 3
      : WHEEL_NOTCH / PIXELS_PER_NOTCH;
    // DOM: positive deltaY scrolls down; RDP: positive rotation scrolls up. Horizontal: positive is right in both.
    this.wheelAcc.v += -ev.deltaY * k;
    this.wheelAcc.h += ev.deltaX * k;
    for (const axis of ['v', 'h']) {
      const whole = Math.trunc(this.wheelAcc[axis]);
      if (whole) {
        this.wheelAcc[axis] -= whole;
        this.wheel(whole, axis === 'h');
      }
    }
  }

  /** Sends the queued events now. */
  flush() {
    this._scheduled = false;
    if (!this.enabled) return;
    this._applyMove();
    if (!this.queued) return;
    this.queued = 0;
    const out = this.client.flushInput();
    if (out.length) this.send(out);
  }

  schedule() {
    if (this._scheduled) return;
    this._scheduled = true;
    const run = () => { if (this._scheduled) this.flush(); };
    if (typeof requestAnimationFrame === 'function' && typeof document === 'object' && !document.hidden)
      requestAnimationFrame(run);
    else setTimeout(run, 0);
  }

  /** Presses the keys in order, then releases them in reverse (a chord). Entries: KeyboardEvent.code
   *  names, or { code, down } for a single transition. */
  sendKeys(list) {
    const held = [];
    for (const k of list) {
      const code = typeof k === 'string' ? k : k.code;
      const sc = scancodeOf(code);
      if (!sc) throw new TypeError(`no scancode for key code "${code}"`);
      if (typeof k === 'object' && k.down !== undefined) { this.key(sc.scancode, sc.prefix, !!k.down); continue; }
      this.key(sc.scancode, sc.prefix, true);
      held.push(sc);
    }
    for (const sc of held.reverse()) this.key(sc.scancode, sc.prefix, false);
    this.flush();
  }

  /** Types text: US-keyboard characters by scancode (with Shift as needed), the rest as unicode. */
  sendText(text, { unicode = false } = {}) {
    const shift = scancodeOf('ShiftLeft');
    for (const ch of String(text)) {
      const us = !unicode && US_CHARS.get(ch);
      if (us) {
        const sc = scancodeOf(us[0]);
        if (us[1]) this.key(shift.scancode, shift.prefix, true);
        this.key(sc.scancode, sc.prefix, true);
        this.key(sc.scancode, sc.prefix, false);
        if (us[1]) this.key(shift.scancode, shift.prefix, false);
      } else {
        for (let i = 0; i < ch.length; i++) {
          const unit = ch.charCodeAt(i);
          this.unicode(unit, true);
          this.unicode(unit, false);
        }
      }
    }
    this.flush();
  }
}

/** DOM bindings on the canvas: keyboard, mouse, wheel, touch, focus. Returns a detach function.
 *  options.onPaste(items): the page's clipboard at a paste (Ctrl+V / Cmd+V or the browser's menu),
 *  as [{ type: 'text/plain' | 'text/html', data }]; the V key reaches the server after it, so the
 *  server already holds the new clipboard when its application pastes. */
export function attachDom(canvas, input, renderer, options = {}) {
  const doc = canvas.ownerDocument;
  const win = doc.defaultView;
  const listeners = [];
  const on = (target, type, fn, opts) => { target.addEventListener(type, fn, opts); listeners.push([target, type, fn, opts]); };
  if (!canvas.hasAttribute('tabindex')) canvas.tabIndex = 0;
  canvas.style.touchAction = 'none';
  canvas.style.outline = 'none';

  const syncLocks = (ev) => {
    if (typeof ev.getModifierState !== 'function') return;
    input.syncLocks({ caps: ev.getModifierState('CapsLock'), num: ev.getModifierState('NumLock'),
      scroll: ev.getModifierState('ScrollLock'), kana: false });
  };
  let needSync = true;
  // Ctrl+V held back until the browser's paste event (fired right after the keydown) has run.
  let pasteKey = null;
  const flushPaste = () => {
    if (!pasteKey) return;
    input.key(pasteKey.scancode, pasteKey.prefix, true);
    pasteKey = null;
  };

  const onKey = (down) => (ev) => {
    if (ev.isComposing) return;
    if (needSync) { needSync = false; syncLocks(ev); }
    const sc = scancodeOf(ev.code);
    if (down && sc && options.onPaste && ev.code === 'KeyV' && (ev.ctrlKey || ev.metaKey) && !ev.altKey) {
      // No preventDefault: the browser then fires `paste` with the local clipboard.
      flushPaste();
      pasteKey = sc;
      setTimeout(flushPaste, 0);
      ev.stopPropagation();
      return;
    }
    if (!down) flushPaste();
    if (sc) {
      input.key(sc.scancode, sc.prefix, down);
    } else if (ev.key && [...ev.key].length === 1) {
      // No physical key known (a virtual keyboard, an IME's result): the character itself.
      for (let i = 0; i < ev.key.length; i++) input.unicode(ev.key.charCodeAt(i), down);
    } else {
      return;
    }
    ev.preventDefault();
    ev.stopPropagation();
  };
  on(canvas, 'keydown', onKey(true));
  on(canvas, 'keyup', onKey(false));
  if (options.onPaste) {
    on(canvas, 'paste', (ev) => {
      const dt = ev.clipboardData;
      const items = [];
      for (const type of ['text/plain', 'text/html']) {
        const data = dt?.getData(type);
        if (data) items.push({ type, data });
      }
      ev.preventDefault();
      if (items.length) {
        try { options.onPaste(items); } catch { /* the clipboard channel is not there: the key still goes */ }
      }
      flushPaste();
    });
  }
  on(canvas, 'focus', () => { needSync = true; });
  const release = () => { input.releaseAll(); input.flush(); needSync = true; };
  on(canvas, 'blur', release);
  on(win, 'blur', release);
  on(doc, 'visibilitychange', () => { if (doc.hidden) release(); });

  // Mouse and pen through pointer events; touch gets its own gestures below.
  const pos = (ev) => renderer.toImage(ev.clientX, ev.clientY);
  const touches = new Map();
  let touchButton = false, lastMid = null;
  on(canvas, 'pointermove', (ev) => {
    if (ev.pointerType === 'touch') return onTouchMove(ev);
    const p = pos(ev);
    input.mouseMove(p.x, p.y);
  });
  on(canvas, 'pointerdown', (ev) => {
    canvas.focus({ preventScroll: true });
    ev.preventDefault();
    if (ev.pointerType === 'touch') return onTouchDown(ev);
    const p = pos(ev);
    input.mouseMove(p.x, p.y);
    if (DOM_BUTTON[ev.button]) input.mouseButton(DOM_BUTTON[ev.button], true);
    try { canvas.setPointerCapture(ev.pointerId); } catch { /* not capturable */ }
  });
  const up = (ev) => {
    if (ev.pointerType === 'touch') return onTouchUp(ev);
    const p = pos(ev);
    input.mouseMove(p.x, p.y);
    if (DOM_BUTTON[ev.button]) input.mouseButton(DOM_BUTTON[ev.button], false);
    try { canvas.releasePointerCapture(ev.pointerId); } catch { /* not captured */ }
  };
  on(canvas, 'pointerup', up);
  on(canvas, 'pointercancel', (ev) => { if (ev.pointerType === 'touch') onTouchUp(ev); });
  on(canvas, 'contextmenu', (ev) => ev.preventDefault());
  on(canvas, 'auxclick', (ev) => ev.preventDefault());
  on(canvas, 'wheel', (ev) => {
    ev.preventDefault();
    const p = pos(ev);
    input.mouseMove(p.x, p.y);
    input.wheelFromDom(ev);
  }, { passive: false });

  // Touch: one finger is the left button (tap = click, drag = drag); a second
  // finger lifts the button and turns the fingers' movement into wheel turns.
  function onTouchDown(ev) {
    touches.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    try { canvas.setPointerCapture(ev.pointerId); } catch { /* not capturable */ }
    if (touches.size === 1) {
      const p = pos(ev);
      input.mouseMove(p.x, p.y);
      input.mouseButton(1, true);
      touchButton = true;
    } else if (touches.size === 2) {
      if (touchButton) { input.mouseButton(1, false); touchButton = false; }
      lastMid = mid();
    }
  }
  function onTouchMove(ev) {
    if (!touches.has(ev.pointerId)) return;
    touches.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (touches.size === 1) {
      const p = pos(ev);
      input.mouseMove(p.x, p.y);
    } else if (touches.size >= 2 && lastMid) {
      const m = mid();
      input.wheelFromDom({ deltaMode: 0, deltaX: lastMid.x - m.x, deltaY: lastMid.y - m.y });
      lastMid = m;
    }
  }
  function onTouchUp(ev) {
    if (!touches.delete(ev.pointerId)) return;
    if (touchButton && touches.size === 0) {
      const p = pos(ev);
      input.mouseMove(p.x, p.y);
      input.mouseButton(1, false);
      touchButton = false;
    }
    if (touches.size < 2) lastMid = null;
  }
  function mid() {
    let x = 0, y = 0;
    for (const t of touches.values()) { x += t.x; y += t.y; }
    return { x: x / touches.size, y: y / touches.size };
  }

  return () => { for (const [t, type, fn, opts] of listeners) t.removeEventListener(type, fn, opts); };
}
