// The channels through the whole JS API in Node (dist/webrdp.mjs: the Session
// glue and the wasm client), the project's gateway, and xrdp's session peer
// (sesman + xorgxrdp + chansrv, which bridges cliprdr to the session's X
// clipboard; tests/peers/start-xrdp-session.sh):
//  - setClipboard → xclip, as the session's user, reads the text on the server;
//  - xclip sets the server's clipboard → a clipboard event (and onRemoteClipboard)
//    with the text, fetched by itself;
//  - resize(): xrdp opens display control after the logon; the server then
//    reactivates at the size asked for (a resize event, the image resized).
// Port 33894 (no other Node test uses it; the xrdp session peer's sesman on 3350 allows one at a time; the
// native clipboard e2e script runs after the Node tests).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { connect } from '../../dist/webrdp.mjs';
import { startGateway, mintToken } from '../../js/gateway/index.mjs';

const PORT = 33894;
const DEST = `127.0.0.1:${PORT}`;
const wasmUrl = new URL('../../dist/webrdp.wasm', import.meta.url);
const peers = fileURLToPath(new URL('../peers/', import.meta.url));
const secret = randomBytes(32);
let peer = null;
let whyNot = '';
let gw;

function run(file, args, opts = {}) {
  return new Promise((resolve) => {
    const p = execFile(file, args, { timeout: 60000, ...opts }, (err, stdout, stderr) => resolve({ err, stdout, stderr }));
    if (opts.input !== undefined) { p.stdin.end(opts.input); }
  });
}

before(async () => {
  if (!existsSync(wasmUrl)) { whyNot = 'dist/webrdp.wasm is not built (scripts/build.sh wasm)'; return; }
  const r = await run(`${peers}start-xrdp-session.sh`, ['--port', String(PORT)], { timeout: 600000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.err || !/server=xrdp-session/.test(line)) {
    whyNot = `the xrdp session peer did not start: ${(r.stderr || r.err?.message || '').trim().split('\n').pop()}`;
    return;
  }
  peer = Object.fromEntries(line.split(' ').map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
  gw = await startGateway({ listen: '127.0.0.1:0', hs256Secret: secret, allow: [DEST], connectTimeoutMs: 5000, log: () => {} });
});

after(async () => {
  await gw?.close();
  await run(`${peers}stop-xrdp-session.sh`, ['--port', String(PORT)], { timeout: 30000 });
});

async function xclip(display, args, input) {
  return run('runuser', ['-u', peer.user, '--', 'env', `DISPLAY=${display}`, `XAUTHORITY=/home/${peer.user}/.Xauthority`,
    'xclip', '-selection', 'clipboard', ...args], { timeout: 5000, input });
}

const until = async (fn, ms, what) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

test('xrdp session: the clipboard both ways through Session, a resize through display control', async (t) => {
  if (!peer) return t.skip(whyNot);
  const events = [];
  const remote = [];
  const s = await connect({
    gateway: gw.url, token: mintToken({ destination: DEST, secret }), destination: DEST, WebSocket,
    username: peer.user, password: peer.password, security: ['tls'], width: 1024, height: 768, autologon: true,
    webrdp: undefined, load: { wasmUrl }, timeoutMs: 60000,
    onRemoteClipboard: (d) => remote.push(d.text),
    on: { clipboardready: () => events.push('ready'), remoteclipboardchange: (e) => events.push(e.detail.formats) },
  });
  try {
    assert.ok(s.channels.includes('cliprdr'), s.channels.join(','));
    await until(() => events.includes('ready'), 30000, 'the clipboard channel (Monitor Ready)');
    const { stdout } = await run(`${peers}xrdp-session-display.sh`, []);
    const display = stdout.trim();
    assert.match(display, /^:\d+$/);

    // local → remote
    const toServer = 'from the JS API\nsecond line caf\u00e9 \u20ac';
    s.setClipboard([{ type: 'text/plain', data: toServer }, { type: 'text/html', data: '<b>from the JS API</b>' }]);
    let last = null;
    const got = await until(async () => {
      last = await xclip(display, ['-o']);
      // xrdp 0.9's chansrv hands CF_UNICODETEXT to X as it came: with Windows line ends
      const text = last.stdout.replace(/\r\n/g, '\n');
      return text === toServer ? text : null;
    }, 20000, `the server's X clipboard to hold ${JSON.stringify(toServer)}`).catch((e) => {
      throw new Error(`${e.message}; xclip: ${JSON.stringify(last?.stdout)} ${last?.stderr} ${last?.err?.message ?? ''}`);
    });
    assert.equal(got, toServer);

    // remote → local
    const fromServer = 'from the server\nna\u00efve \u00fc';
    const arrived = new Promise((resolve) => s.addEventListener('clipboard', (e) => {
      if (e.detail.text === fromServer) resolve(e.detail);
    }));
    await xclip(display, ['-i'], fromServer);
    const d = await Promise.race([arrived, new Promise((_, rej) => setTimeout(() => rej(new Error('no clipboard event')), 20000))]);
    assert.equal(d.type, 'text/plain');
    assert.ok(d.formats.includes('text/plain'));
    assert.ok(remote.includes(fromServer));
    assert.equal(s.remoteClipboard.text, fromServer);

    // resize through display control (xrdp opens it after logon): the server reactivates at the new size
    await until(() => s.displayControl, 20000, 'the displaycontrol event');
    const resized = new Promise((resolve) => s.addEventListener('resize', (e) => resolve(e.detail)));
    assert.equal(s.resize(1280, 720, 1), true);
    const r = await Promise.race([resized, new Promise((_, rej) => setTimeout(() => rej(new Error('no resize event')), 20000))]);
    assert.deepEqual([r.width, r.height], [1280, 720]);
    assert.deepEqual([s.width, s.height], [1280, 720]);
    assert.equal(s.state, 'connected');
  } finally {
    await s.disconnect();
  }
});
