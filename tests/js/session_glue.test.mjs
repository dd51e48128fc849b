// The JS glue (js/session.mjs, transport, input, PNG) in Node against a fake
// wasm client and a fake gateway: framing across WebSocket messages, events,
// input batching, screenshots, a clean close on both ends, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer, WebSocket } from 'ws';
import { Session, connect, describeError, scancodeOf, KEYMAP } from '../../dist/webrdp.mjs';
import { ByteQueue } from '../../dist/transport.mjs';
import { encodePng, decodePng } from '../../dist/png.mjs';

// A fake client: a frame is [length, op, ...]; ops script the events.
class FakeClient {
  constructor(config) {
    this.config = config;
    this.c = 1;
    this.events = [];
    this.calls = [];
    this.out = new Uint8Array(0);
    this.mem = new ArrayBuffer(4096);
    this.img = { ptr: 64, width: 4, height: 2, stride: 16 };
  }
  start() { return new TextEncoder().encode('REQ'); }
  frameLen(b) { return b.length < 1 ? 0 : b[0] <= b.length ? b[0] : 0; }
  process(frame) {
    const op = frame[1];
    if (op === 1) this.events.push({ type: 'stage', state: 'Credssp' });
    if (op === 2) {
      new Uint8Array(this.mem, 64, 32).forEach((_, i, a) => { a[i] = i * 7; });
      this.events.push({ type: 'stage', state: 'Connected' }, { type: 'connected', width: 4, height: 2, protocol: 'hybrid', channels: [] });
    }
    if (op === 3) this.events.push({ type: 'graphics', x: 0, y: 0, width: 4, height: 2 });
    if (op === 4) {
      this.events.push({ type: 'terminated', kind: 'wrong-password', message: 'STATUS_LOGON_FAILURE', code: 0xc000006d });
      return new Uint8Array(0);
    }
    if (op === 5) {
      const e = Object.assign(new Error('gateway refused'), { kind: 'rdcleanpath', httpStatus: 403, wsaError: 0, tlsAlert: -1, output: new Uint8Array(0) });
      throw e;
    }
    return new Uint8Array([0xaa, op]);
  }
  output() { const o = this.out; this.out = new Uint8Array(0); return o; }
  nextEvent() { return this.events.shift() || null; }
  image() { return this.img; }
  memory() { return this.mem; }
  key(sc, prefix, down) { this.calls.push(['key', sc, prefix, down]); }
  unicode(u, down) { this.calls.push(['unicode', u, down]); }
  mouseMove(x, y) { this.calls.push(['move', x, y]); }
  mouseButton(b, down) { this.calls.push(['button', b, down]); }
  wheel(d, h) { this.calls.push(['wheel', d, h]); }
  syncLocks(l) { this.calls.push(['sync', l]); }
  releaseAll() { this.calls.push(['releaseAll']); }
  flushInput() { this.calls.push(['flush']); return new Uint8Array([0xf0]); }
  disconnect() { this.calls.push(['disconnect']); return new Uint8Array([0xdd]); }
  peerClosed() { this.events.push({ type: 'terminated', kind: 'server-disconnect', message: 'closed', code: 0 }); }
  png() { return null; }
  free() { this.c = 0; }
  // channels: the clipboard answers a request at once; display control opens when the test says so
  clipboardSetText(text, html) { this.calls.push(['clipboardSetText', text, html]); return new Uint8Array([0xc1]); }
  clipboardRequest(type) {
    this.calls.push(['clipboardRequest', type]);
    this.events.push(type === 'text/plain' ? { type: 'clipboardData', mime: type, text: this.remoteText }
      : type === 'image/png' ? { type: 'clipboardData', mime: type, data: 100, length: 3 }
        : { type: 'clipboardData', mime: type, failed: true });
    return new Uint8Array([0xc2]);
  }
  resize(w, h, scale) {
    this.calls.push(['resize', w, h, scale]);
    if (!this.dispOpen) throw Object.assign(new Error('display control is not available'), { kind: 'unsupported' });
    return new Uint8Array([0xd1]);
  }
  bytesAt(ptr, n) { return new Uint8Array(this.mem, ptr, n).slice(); }
  samplesAt(ptr, n) { return new Int16Array(this.bytesAt(ptr, n * 2).buffer); }
}

let wss, url, script = [], received = [], closes = [];
before(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.on('listening', r));
  url = `ws://127.0.0.1:${wss.address().port}/jet/rdp`;
  wss.on('connection', (ws) => {
    const mine = { got: [], closed: null };
    received.push(mine);
    ws.on('message', (d) => {
      mine.got.push(Buffer.from(d));
      if (mine.got.length === 1) {
        // Split the scripted frames at odd places to exercise the framing.
        const all = Buffer.concat(script.shift().map((op) => Buffer.from([2, op])));
        for (let i = 0; i < all.length; i += 3) ws.send(all.subarray(i, i + 3));
      }
    });
    ws.on('close', (code) => { mine.closed = code; closes.push(code); });
  });
});
after(() => wss.close());

const fake = () => { let made; return { createClient: (w, cfg) => (made = new FakeClient(cfg)), get made() { return made; } }; };

test('connect: stages, connected, frames cut across messages, replies sent, config built', async () => {
  script.push([1, 2, 3]);
  const f = fake();
  const stages = [];
  const s = await connect({ gateway: url, destination: 'srv:3389', username: 'u', password: 'p', token: 't',
    width: 1001, height: 50, security: ['nla'], createClient: f.createClient, WebSocket,
    on: { stage: (e) => stages.push(e.detail.state) } });
  assert.equal(s.state, 'connected');
  assert.deepEqual(stages, ['RdcleanpathRequest', 'Credssp', 'Connected']);
  const cfg = f.made.config;
  assert.equal(cfg.width, 1000, 'even width');
  assert.equal(cfg.height, 200, 'clamped to 200');
  assert.equal(cfg.destination, 'srv:3389');
  assert.equal(cfg.proxyAuth, 't');
  assert.deepEqual(cfg.security, ['nla']);
  assert.match(cfg.filetimeNow, /^\d{17,}$/);
  await new Promise((r) => setTimeout(r, 50));
  const got = received.at(-1).got.map((b) => b.toString('hex'));
  assert.equal(got[0], Buffer.from('REQ').toString('hex'));
  assert.ok(got.includes('aa01') && got.includes('aa03'), got.join(','));

  // Input: text by scancode with Shift, unicode for the rest, one flush per call.
  s.sendText('aB€');
  const sc = (c) => scancodeOf(c).scancode;
  assert.deepEqual(f.made.calls.filter((c) => c[0] !== 'flush'), [
    ['key', sc('KeyA'), 0, true], ['key', sc('KeyA'), 0, false],
    ['key', sc('ShiftLeft'), 0, true], ['key', sc('KeyB'), 0, true], ['key', sc('KeyB'), 0, false], ['key', sc('ShiftLeft'), 0, false],
    ['unicode', 0x20ac, true], ['unicode', 0x20ac, false]]);
  f.made.calls.length = 0;
  s.ctrlAltDel();
  assert.deepEqual(f.made.calls, [['key', 0x1d, 0, true], ['key', 0x38, 0, true], ['key', 0x53, 1, true],
    ['key', 0x53, 1, false], ['key', 0x38, 0, false], ['key', 0x1d, 0, false], ['flush']]);
  f.made.calls.length = 0;
  s.mouseMove(3, 1); s.mouseButton(1, true); s.mouseButton(1, false); s.wheel(600);
  assert.deepEqual(f.made.calls.filter((c) => c[0] !== 'flush'), [['move', 3, 1], ['button', 1, true],
    ['button', 1, false], ['wheel', 255, false], ['wheel', 255, false], ['wheel', 90, false]]);

  // Screenshot in Node: a PNG of the image.
  const png = new Uint8Array(await (await s.screenshot()).arrayBuffer());
  const dec = await decodePng(png);
  assert.equal(dec.width, 4); assert.equal(dec.height, 2);
  const px = s.pixels();
  for (let i = 0; i < px.data.length; i++) assert.equal(dec.data[i], i % 4 === 3 ? 255 : px.data[i], `byte ${i}`);

  // A clean close both ends: the goodbye goes out, then close 1000.
  const ended = new Promise((r) => s.addEventListener('terminated', (e) => r(e.detail)));
  await s.disconnect();
  const detail = await ended;
  assert.equal(detail.kind, 'none');
  await new Promise((r) => setTimeout(r, 100));
  const mine = received.at(-1);
  assert.equal(mine.got.at(-1).toString('hex'), 'dd');
  assert.equal(mine.closed, 1000);
});

test('a wrong password rejects connect with its kind, and says so in words', async () => {
  script.push([1, 4]);
  const f = fake();
  const events = [];
  const s = new Session({ gateway: url, destination: 'srv:3389', createClient: f.createClient, WebSocket });
  s.addEventListener('error', (e) => events.push(['error', e.detail.kind]));
  s.addEventListener('terminated', (e) => events.push(['terminated', e.detail.kind]));
  await assert.rejects(s.connect(), (e) => e.kind === 'wrong-password' && e.code === 0xc000006d);
  assert.deepEqual(events, [['error', 'wrong-password'], ['terminated', 'wrong-password']]);
  assert.match(describeError({ kind: 'wrong-password' }), /password is incorrect/);
});

test('an RDCleanPath refusal carries its HTTP status to the terminated event', async () => {
  script.push([5]);
  const f = fake();
  let detail;
  const s = new Session({ gateway: url, destination: 'srv:3389', createClient: f.createClient, WebSocket,
    on: { terminated: (e) => { detail = e.detail; } } });
  await assert.rejects(s.connect(), (e) => e.kind === 'rdcleanpath');
  assert.equal(detail.httpStatus, 403);
  assert.equal(detail.tlsAlert, undefined);
  assert.match(describeError(detail), /does not allow this destination \(HTTP 403\)/);
  assert.match(describeError({ kind: 'rdcleanpath', wsaError: 10061 }), /refused the connection/);
  assert.match(describeError({ kind: 'rdcleanpath', tlsAlert: 70 }), /protocol version/);
});

test('an unreachable gateway is an io error', async () => {
  const f = fake();
  await assert.rejects(connect({ gateway: 'ws://127.0.0.1:1/jet/rdp', destination: 'x:1', createClient: f.createClient, WebSocket }),
    (e) => e.kind === 'io' && /cannot reach the gateway/.test(e.message));
});

test('ByteQueue keeps order across growth and compaction', () => {
  const q = new ByteQueue(8);
  const all = [];
  for (let i = 0; i < 200; i++) {
    const piece = Array.from({ length: (i % 7) + 1 }, (_, k) => (i + k) & 0xff);
    q.push(new Uint8Array(piece)); all.push(...piece);
    if (i % 3 === 0) { const n = Math.min(q.length, 5); assert.deepEqual([...q.view().subarray(0, n)], all.splice(0, n)); q.drop(n); }
  }
  assert.deepEqual([...q.view()], all);
});

test('keymap: extended keys, Pause, Windows and context-menu keys', () => {
  assert.deepEqual(scancodeOf('ArrowUp'), { scancode: 0x48, prefix: 1, extended: true });
  assert.deepEqual(scancodeOf('Pause'), { scancode: 0x1d, prefix: 2, extended: false });
  assert.deepEqual(scancodeOf('PrintScreen'), { scancode: 0x37, prefix: 1, extended: true });
  assert.deepEqual(scancodeOf('MetaLeft'), { scancode: 0x5b, prefix: 1, extended: true });
  assert.deepEqual(scancodeOf('ContextMenu'), { scancode: 0x5d, prefix: 1, extended: true });
  assert.deepEqual(scancodeOf('AltRight'), { scancode: 0x38, prefix: 1, extended: true });
  assert.deepEqual(scancodeOf('NumpadEnter'), { scancode: 0x1c, prefix: 1, extended: true });
  assert.equal(scancodeOf('NoSuchKey'), null);
  assert.ok(Object.keys(KEYMAP).length > 100);
});

test('encodePng round-trips through decodePng', async () => {
  const rgba = new Uint8Array(5 * 3 * 4).map((_, i) => (i * 13) & 0xff);
  const d = await decodePng(await encodePng(rgba, 5, 3, 20, { opaque: false }));
  assert.deepEqual([...d.data], [...rgba]);
});

test('clipboard: setClipboard offers text and HTML; the remote text comes as a clipboard event and onRemoteClipboard', async () => {
  script.push([1, 2]);
  const f = fake();
  const remote = [];
  const s = await connect({ gateway: url, destination: 'srv:3389', createClient: f.createClient, WebSocket,
    onRemoteClipboard: (d) => remote.push(['callback', d.type, d.text]) });
  assert.equal(f.made.config.clipboard, undefined, 'the C default (on) applies');
  s.setClipboard([{ type: 'text/plain', data: 'hello\nworld' }, { type: 'text/html', data: '<b>hello</b>' }]);
  s.setClipboard([{ type: 'text/html', data: '<p>a &amp; <i>b</i></p>' }]);
  assert.deepEqual(f.made.calls.filter((c) => c[0] === 'clipboardSetText'), [
    ['clipboardSetText', 'hello\nworld', '<b>hello</b>'], ['clipboardSetText', 'a & b', '<p>a &amp; <i>b</i></p>']]);

  // The server's clipboard changes: its text is fetched at once.
  f.made.remoteText = 'from the server';
  s.addEventListener('clipboard', (e) => remote.push(['event', e.detail.type, e.detail.text]));
  const changes = [];
  s.addEventListener('remoteclipboardchange', (e) => changes.push(e.detail.formats));
  f.made.events.push({ type: 'clipboard', formats: ['text/plain', 'text/html'] });
  s._events();
  assert.deepEqual(changes, [['text/plain', 'text/html']]);
  assert.deepEqual(remote, [['event', 'text/plain', 'from the server'], ['callback', 'text/plain', 'from the server']]);
  assert.equal(s.remoteClipboard.text, 'from the server');

  // Explicit requests resolve with the item, or reject when the server cannot give it.
  new Uint8Array(f.made.mem, 100, 3).set([1, 2, 3]);
  const png = s.requestClipboard('image/png');
  s._events();
  assert.deepEqual([...(await png).data], [1, 2, 3]);
  const html = s.requestClipboard('text/html');
  s._events();
  await assert.rejects(html, (e) => e.kind === 'unsupported');
  assert.throws(() => s.requestClipboard('text/rtf'), (e) => e.kind === 'invalid-argument');

  await new Promise((r) => setTimeout(r, 50));
  const got = received.at(-1).got.map((b) => b.toString('hex'));
  assert.equal(got.filter((h) => h === 'c1').length, 2, got.join(','));
  assert.ok(got.includes('c2'));
  await s.disconnect();
  assert.throws(() => s.setClipboard([{ type: 'text/plain', data: 'x' }]), (e) => e.kind === 'state');
});

test('resize: falls back to scaling without display control, asks the server once it is open', async () => {
  script.push([1, 2]);
  const f = fake();
  const s = await connect({ gateway: url, destination: 'srv:3389', createClient: f.createClient, WebSocket,
    clipboard: false, audio: true });
  assert.equal(f.made.config.clipboard, false);
  assert.equal(f.made.config.audio, true);
  const fallbacks = [];
  s.addEventListener('resizefallback', (e) => fallbacks.push(e.detail.reason));
  assert.equal(s.resize(1001, 100, 1.5), false);
  assert.equal(s.resize(800, 600), false);
  assert.deepEqual(fallbacks, ['display control is not available'], 'said once');
  assert.deepEqual(f.made.calls.filter((c) => c[0] === 'resize')[0], ['resize', 1000, 200, 150], 'even width, clamped');

  const available = [];
  s.addEventListener('displaycontrol', (e) => available.push(e.detail.available));
  f.made.dispOpen = true;
  f.made.events.push({ type: 'displayControl', available: true });
  s._events();
  assert.deepEqual(available, [true]);
  assert.equal(s.displayControl, true);
  const reqs = [];
  s.addEventListener('resizerequest', (e) => reqs.push(e.detail));
  assert.equal(s.resize(9000, 300.4, 2), true);
  assert.deepEqual(reqs, [{ width: 8192, height: 300, scale: 200 }]);
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(received.at(-1).got.some((b) => b.toString('hex') === 'd1'));

  // Audio blocks: the samples are copied out for the player and the event.
  new Int16Array(f.made.mem, 200, 4).set([1, -1, 1000, -1000]);
  const blocks = [];
  s.addEventListener('audio', (e) => blocks.push(e.detail));
  f.made.events.push({ type: 'audio', rate: 44100, channels: 2, frames: 2, data: 200 });
  s._events();
  assert.equal(blocks.length, 1);
  assert.deepEqual([...blocks[0].samples], [1, -1, 1000, -1000]);
  assert.ok(s.audio, 'an AudioPlayer (no Web Audio in Node: blocks are dropped)');
  assert.equal(s.audio.dropped, 1);
  s.setMuted(true);
  assert.equal(s.audio.muted, true);
  await s.disconnect();
});
