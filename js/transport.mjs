// The WebSocket transport: binary frames to and from the RDCleanPath gateway.
// Bytes arrive in arbitrary pieces; `frameLen(buffer)` (the PDU hint of the
// wasm client: 0 = need more) cuts them into whole frames for `onFrame`.
// Sending keeps the socket's bufferedAmount under a high-water mark: above it,
// bytes wait in a queue that drains as the socket empties.
import { WebrdpError } from './loader.mjs';

const HIGH_WATER = 1 << 20;   // stop writing to the socket above 1 MiB buffered
const POLL_MS = 10;           // how often a full socket is checked (browsers have no 'drain')

/** A growable byte queue: append pieces, look at the front, drop a prefix. */
export class ByteQueue {
  constructor(cap = 64 * 1024) { this.buf = new Uint8Array(cap); this.start = 0; this.end = 0; }
  get length() { return this.end - this.start; }
  view() { return this.buf.subarray(this.start, this.end); }
  push(bytes) {
    if (this.end + bytes.length > this.buf.length) {
      const need = this.length + bytes.length;
      if (need <= this.buf.length / 2) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        let cap = this.buf.length;
        while (cap < need * 2) cap *= 2;
        const next = new Uint8Array(cap);
        next.set(this.view());
        this.buf = next;
      }
      this.end -= this.start;
      this.start = 0;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }
  drop(n) {
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
  }
}

async function defaultWebSocket() {
  if (typeof WebSocket === 'function') return WebSocket;
  try {
    return (await import('ws')).WebSocket;
  } catch {
    throw new WebrdpError('unsupported', 'no WebSocket here: install the "ws" package or pass options.WebSocket');
  }
}

export class Transport {
  /**
   * @param {object} o url, WebSocket (constructor, optional), frameLen(bytes) → n,
   *   onFrame(frame), onClose({ code, reason, wasClean, error }), highWaterMark
   */
  constructor(o) {
    this.o = o;
    this.rx = new ByteQueue();
    this.queue = [];
    this.closed = false;
    this.highWater = o.highWaterMark ?? HIGH_WATER;
    this.stats = { sent: 0, received: 0 };
  }

  /** Opens the socket; resolves once it is open. */
  async open() {
    const WS = this.o.WebSocket || await defaultWebSocket();
    return new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new WS(String(this.o.url));
      } catch (e) {
        reject(new WebrdpError('io', `cannot open a WebSocket to ${this.o.url}: ${e.message}`));
        return;
      }
      this.ws = ws;
      ws.binaryType = 'arraybuffer';
      let opened = false;
      ws.onopen = () => { opened = true; resolve(); };
      ws.onmessage = (ev) => this._receive(ev.data);
      ws.onerror = (ev) => { this._error = ev?.message || ev?.error?.message || 'WebSocket error'; };
      ws.onclose = (ev) => {
        const info = { code: ev.code, reason: ev.reason || '', wasClean: ev.wasClean, error: this._error };
        if (!opened) {
          reject(new WebrdpError('io', `cannot reach the gateway at ${this.o.url}` +
            `${this._error && this._error !== 'WebSocket error' ? `: ${this._error}` : ''} (WebSocket close ${ev.code})`,
          { wsCloseCode: ev.code }));
          this.closed = true; // open() reports it; no onClose
          return;
        }
        this._closed(info);
      };
    });
  }

  _receive(data) {
    if (this.closed) return;
    if (typeof data === 'string') {
      this.fail(new WebrdpError('io', 'the gateway sent a text frame'));
      return;
    }
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : Array.isArray(data) ? concat(data) : new Uint8Array(data);
    this.stats.received += bytes.length;
    this.rx.push(bytes);
    try {
      while (!this.closed && this.rx.length) {
        const n = this.o.frameLen(this.rx.view());
        if (n === 0) break;
        if (n > this.rx.length) break; // the hint names a frame longer than what we have
        const frame = this.rx.view().subarray(0, n);
        this.o.onFrame(frame);
        this.rx.drop(n);
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** Queues bytes; they go out in order, respecting the high-water mark. */
  send(bytes) {
    if (this.closed || !bytes || !bytes.length) return;
    this.queue.push(bytes);
    this._pump();
  }

  /** Bytes not yet handed to the network (ours plus the socket's). */
  get pending() {
    let n = this.ws ? this.ws.bufferedAmount : 0;
    for (const b of this.queue) n += b.length;
    return n;
  }

  _pump() {
    const ws = this.ws;
    while (this.queue.length && ws.readyState === 1 && ws.bufferedAmount < this.highWater) {
      const b = this.queue.shift();
      ws.send(b);
      this.stats.sent += b.length;
    }
    if (this.queue.length && !this._timer && ws.readyState === 1)
      this._timer = setTimeout(() => { this._timer = null; this._pump(); }, POLL_MS);
  }

  /** Sends what is queued, waits (up to timeoutMs) for the socket to empty, then closes with 1000. */
  async close(timeoutMs = 2000) {
    if (this.closed) return;
    const until = Date.now() + timeoutMs;
    while ((this.queue.length || this.ws.bufferedAmount > 0) && this.ws.readyState === 1 && Date.now() < until) {
      this._pump();
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    this._closing = true;
    try { this.ws.close(1000, 'client disconnect'); } catch { /* already closing */ }
    this._closed({ code: 1000, reason: 'client disconnect', wasClean: true, byUs: true });
  }

  /** Ends at once with an error (reported through onClose). */
  fail(error) {
    if (this.closed) return;
    try { this.ws.close(1000, 'client error'); } catch { /* already closing */ }
    this._closed({ code: 1000, reason: 'client error', wasClean: false, byUs: true, error });
  }

  _closed(info) {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this._timer);
    this.queue.length = 0;
    this.o.onClose?.(info);
  }
}

function concat(list) {
  const out = new Uint8Array(list.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of list) { out.set(b, o); o += b.length; }
  return out;
}
