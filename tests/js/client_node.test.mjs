// The wasm client (src/wasm/client.h) end to end in Node: dist/webrdp.wasm,
// the project's gateway (HS256 token) and FreeRDP's shadow server with NLA,
// driven over a `ws` WebSocket by a minimal glue written here against the C
// contract (the real glue is js/). Connects, checks the stage and connected
// events, waits for graphics and pixels, sends input, disconnects; a wrong
// password ends with a terminated event of kind logon-failure.
//
// Port 33893 / display :93: the Node tests run in parallel with each other
// (33895-33897 are browser.test.mjs and gateway_shadow.test.mjs); the e2e
// script that uses 33893 for xrdp runs after all Node tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { loadWebrdp } from '../../js/loader.mjs';
import { startGateway, mintToken } from '../../js/gateway/index.mjs';

const PORT = 33893;
const DEST = `127.0.0.1:${PORT}`;
const wasmUrl = new URL('../../dist/webrdp.wasm', import.meta.url);
const peers = fileURLToPath(new URL('../peers/', import.meta.url));
const secret = randomBytes(32);
let peer = null;
let whyNot = '';
let gw;
let w; // the loaded module

function sh(script, args, timeout) {
  return new Promise((resolve) => {
    execFile(`${peers}${script}`, args, { timeout }, (err, stdout, stderr) => resolve({ err, stdout, stderr }));
  });
}

before(async () => {
  if (!existsSync(wasmUrl)) {
    whyNot = 'dist/webrdp.wasm is not built (scripts/build.sh wasm)';
    return;
  }
  w = await loadWebrdp({ wasmUrl });
  const r = await sh('start-freerdp-shadow.sh', ['--sec', 'nla', '--port', String(PORT), '--display', ':93'], 600000);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.err || !/server=freerdp-shadow/.test(line)) {
    whyNot = `the peer script could not start FreeRDP's shadow server: ${(r.stderr || r.err?.message || '').trim().split('\n').pop()}`;
    return;
  }
  peer = Object.fromEntries(line.split(' ').map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
  gw = await startGateway({ listen: '127.0.0.1:0', hs256Secret: secret, allow: [DEST], connectTimeoutMs: 5000, log: () => {} });
});

after(async () => {
  await gw?.close();
  await sh('stop-freerdp-shadow.sh', ['--port', String(PORT)], 30000);
});

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// The glue's side of the contract, nothing more.
class Client {
  constructor(config) {
    const x = w.exports;
    this.x = x;
    this.events = [];
    this.waiters = [];
    this.lenPtr = w.alloc(4);
    const text = utf8.encode(JSON.stringify(config));
    const p = w.put(text);
    w.clearError();
    this.c = x.wrdp_wasm_client_new(p, text.length, w._err);
    w.bytes().fill(0, p, p + text.length); // the password
    w.free(p);
    if (!this.c) throw w.lastError();
    this.buf = Buffer.alloc(0);
  }

  len() { return new DataView(w.memory.buffer).getUint32(this.lenPtr, true); }

  error() {
    const e = this.x.wrdp_wasm_client_error(this.c);
    return w.cstring(this.x.wrdp_wasm_error_message(e));
  }

  send(ptr) {
    const n = this.len();
    if (ptr && n && this.ws.readyState === WebSocket.OPEN) this.ws.send(Buffer.from(w.bytes().slice(ptr, ptr + n)));
  }

  flushOutput() { this.send(this.x.wrdp_wasm_client_output(this.c, this.lenPtr)); }

  drain() {
    for (;;) {
      const p = this.x.wrdp_wasm_client_next_event(this.c, this.lenPtr);
      if (!p) break;
      const ev = JSON.parse(fromUtf8.decode(w.bytes().slice(p, p + this.len())));
      this.events.push(ev);
    }
    for (const wt of [...this.waiters]) {
      const ev = this.events.find(wt.pred);
      if (ev) {
        this.waiters.splice(this.waiters.indexOf(wt), 1);
        wt.resolve(ev);
      }
    }
  }

  waitFor(pred, ms, what) {
    const ev = this.events.find(pred);
    if (ev) return Promise.resolve(ev);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(this.events.slice(-8))}`)), ms);
      this.waiters.push({ pred, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }

  onData(data) {
    this.buf = Buffer.concat([this.buf, data]);
    for (;;) {
      if (!this.buf.length) break;
      const p = w.put(this.buf);
      try {
        const k = this.x.wrdp_wasm_client_frame_len(this.c, p, this.buf.length);
        if (k < 0) throw new Error(`framing: ${this.error()}`);
        if (k === 0 || k > this.buf.length) break;
        const r = this.x.wrdp_wasm_client_process(this.c, p, k, performance.now());
        this.buf = this.buf.subarray(k);
        this.flushOutput();
        if (r < 0) this.failed = this.error();
      } finally {
        w.free(p);
      }
    }
    this.drain();
  }

  connect(url) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.closed = new Promise((resolve) => this.ws.on('close', resolve));
    this.ws.on('message', (data) => {
      try { this.onData(data); } catch (e) { this.failed = e.message; this.ws.close(); }
    });
    this.ws.on('close', () => {
      this.x.wrdp_wasm_client_peer_closed(this.c);
      this.drain();
    });
    this.ws.on('open', () => {
      this.send(this.x.wrdp_wasm_client_start(this.c, this.lenPtr));
      this.drain();
    });
  }

  image() {
    const x = this.x;
    const ptr = x.wrdp_wasm_client_image(this.c);
    return { ptr, width: x.wrdp_wasm_client_image_width(this.c), height: x.wrdp_wasm_client_image_height(this.c),
      stride: x.wrdp_wasm_client_image_stride(this.c) };
  }

  free() {
    this.x.wrdp_wasm_client_free(this.c);
    w.free(this.lenPtr);
  }
}

function config(password) {
  return {
    username: peer.user, password, width: 1024, height: 768, security: ['nla', 'nla-ex'],
    filetimeNow: String((BigInt(Date.now()) + 11644473600000n) * 10000n),
    destination: DEST, proxyAuth: mintToken({ destination: DEST, secret }),
  };
}

test('the wasm client through the gateway to FreeRDP shadow (NLA): connected, graphics, input, disconnect', async (t) => {
  if (!peer) return t.skip(whyNot);
  const c = new Client(config(peer.password));
  try {
    c.connect(gw.url);
    const connected = await c.waitFor((e) => e.type === 'connected' || e.type === 'terminated', 30000, 'connected');
    assert.equal(connected.type, 'connected', JSON.stringify(connected));
    assert.equal(connected.protocol.startsWith('hybrid'), true, connected.protocol);
    assert.equal(connected.width, 1024);
    assert.equal(connected.height, 768);
    const stages = c.events.filter((e) => e.type === 'stage').map((e) => e.state);
    assert.equal(stages[0], 'ConnectionInitiationSendRequest');
    assert.ok(stages.includes('Credssp'), stages.join(','));
    assert.equal(stages.at(-1), 'Connected');
    assert.ok(c.x.wrdp_wasm_client_is_connected(c.c));

    const g = await c.waitFor((e) => e.type === 'graphics', 30000, 'a graphics event');
    assert.ok(g.width > 0 && g.height > 0 && g.x >= 0 && g.y >= 0 && g.x + g.width <= 1024 && g.y + g.height <= 768, JSON.stringify(g));
    const img = c.image();
    assert.equal(img.width, 1024);
    assert.equal(img.height, 768);
    assert.ok(img.stride >= 4096);
    // the rectangle was painted: decoded pixels are opaque (the image starts transparent black)
    const mem = w.bytes();
    let opaque = 0;
    for (let y = g.y; y < g.y + g.height; y++)
      for (let x = g.x; x < g.x + g.width; x++) if (mem[img.ptr + y * img.stride + x * 4 + 3] !== 0) opaque++;
    assert.equal(opaque, g.width * g.height, 'every pixel of the dirty rectangle is painted');

    // input: the database's counts, then fast-path input PDUs on the wire
    const x = c.x;
    assert.equal(x.wrdp_wasm_client_mouse_move(c.c, 100, 120), 1);
    assert.equal(x.wrdp_wasm_client_mouse_move(c.c, 100, 120), 0);
    assert.equal(x.wrdp_wasm_client_mouse_button(c.c, 1, 1), 1);
    assert.equal(x.wrdp_wasm_client_mouse_button(c.c, 1, 0), 1);
    assert.equal(x.wrdp_wasm_client_key(c.c, 0x2a, 0, 1), 1); // Shift
    assert.equal(x.wrdp_wasm_client_key(c.c, 0x1e, 0, 1), 1); // A
    assert.equal(x.wrdp_wasm_client_wheel(c.c, -240, 0), 1);
    assert.equal(x.wrdp_wasm_client_release_all(c.c), 2);
    assert.equal(x.wrdp_wasm_client_sync_locks(c.c, 0, 1, 0, 0), 1);
    assert.equal(x.wrdp_wasm_client_flush_input(c.c), 0);
    const out = x.wrdp_wasm_client_output(c.c, c.lenPtr);
    const n = c.len();
    assert.ok(n > 2 && (w.bytes()[out] & 3) === 0, 'a fast-path PDU');
    const pdu = w.pdu.decode('fastpath_input_pdu', w.bytes().slice(out, out + n));
    assert.equal(pdu.consumed, n);
    c.send(out);
    // the server keeps the session: still connected a moment later
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(!c.events.some((e) => e.type === 'terminated'), JSON.stringify(c.events.filter((e) => e.type === 'terminated')));

    assert.equal(x.wrdp_wasm_client_disconnect(c.c), 0);
    c.flushOutput();
    c.drain();
    const end = await c.waitFor((e) => e.type === 'terminated', 5000, 'terminated');
    assert.equal(end.kind, 'none', JSON.stringify(end));
    await Promise.race([c.closed, new Promise((r) => setTimeout(r, 5000))]);
    c.ws.close();
    assert.equal(c.events.filter((e) => e.type === 'terminated').length, 1);
    assert.equal(c.failed, undefined);
  } finally {
    c.ws?.terminate();
    c.free();
  }
});

test('the wasm client with a wrong password: terminated, kind logon-failure', async (t) => {
  if (!peer) return t.skip(whyNot);
  const c = new Client(config(`not-${peer.password}`));
  try {
    c.connect(gw.url);
    const end = await c.waitFor((e) => e.type === 'terminated' || e.type === 'connected', 30000, 'terminated');
    assert.equal(end.type, 'terminated');
    assert.equal(end.kind, 'logon-failure', JSON.stringify(end));
    assert.ok(!c.events.some((e) => e.type === 'connected'));
  } finally {
    c.ws?.terminate();
    c.free();
  }
});
