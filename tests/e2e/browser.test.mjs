// The demo page in Debian's Chromium (playwright-core), through the gateway,
// against real servers started by tests/peers/: FreeRDP's shadow server with
// NLA (an Xvfb display with a gradient and an xterm) and xrdp with TLS.
//   - autoconnect=1 reaches data-state="connected";
//   - the canvas equals a capture of the server's X display (xwd);
//   - text typed into the page reaches the xterm (a file appears in its directory);
//   - mouse moves and clicks land where the X server says its pointer is (xdotool);
//   - a wrong password and a destination the token does not allow show their errors in the page;
//   - examples/node-screenshot.mjs writes a PNG of the same display from Node.
// Ports 33895 (shadow, display :95) and 33896 (xrdp); the gateway on a free port
// (native_screenshot_test.sh has 33898/:98 and :96, start.sh 33899/:99).
// A server that cannot be started (no root to install it) skips its tests, saying why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startGateway } from '../../js/gateway/server.mjs';
import { mintToken } from '../../js/gateway/token.mjs';
import { decodePng } from '../../dist/png.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PEERS = path.join(REPO, 'tests/peers/');
const LOGS = path.resolve(REPO, process.env.WRDP_E2E_LOGS || 'build/test-logs/e2e');
const CHROMIUM = process.env.WRDP_CHROMIUM || '/usr/bin/chromium';
const SHADOW = { port: 33895, display: ':95' };
const XRDP = { port: 33896 };
const SHADOW_DEST = `127.0.0.1:${SHADOW.port}`;
const XRDP_DEST = `127.0.0.1:${XRDP.port}`;
const secret = randomBytes(32);
const gwLog = [];
let gw, context, profile, shadow, xrdp, shadowWhyNot = '', xrdpWhyNot = '';

function sh(file, args, timeout = 120000, env = process.env) {
  return new Promise((resolve) => {
    execFile(file, args, { timeout, env, maxBuffer: 64 << 20, encoding: 'buffer' },
      (err, stdout, stderr) => resolve({ err, stdout, stderr: stderr.toString() }));
  });
}

function facts(line) { return Object.fromEntries(line.split(' ').map((kv) => kv.split(/=(.*)/s).slice(0, 2))); }

// The peers run with a HOME of their own: the xterm's shell then reads no ~/.bashrc of this machine
// (one that blocks, such as a pyenv rehash waiting on a stale lock, would swallow the typed command).
async function startPeer(script, args) {
  const home = mkdtempSync(path.join(tmpdir(), 'webrdp-e2e-home-'));
  const r = await sh(path.join(PEERS, script), args, 600000, { ...process.env, HOME: home });
  const line = r.stdout.toString().trim().split('\n').pop() ?? '';
  if (r.err || !/^server=/.test(line)) return { whyNot: `${script} failed: ${(r.stderr || r.err?.message || '').trim().split('\n').pop()}` };
  return { peer: facts(line) };
}

// Until src/wasm/client.c is built into the module, there is nothing to connect with.
const wasmExports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path.join(REPO, 'dist/webrdp.wasm'))));
const noClient = wasmExports.some((e) => e.name === 'wrdp_wasm_client_new') ? ''
  : 'dist/webrdp.wasm has no client API yet (wrdp_wasm_client_new, src/wasm/client.h)';

before(async () => {
  mkdirSync(LOGS, { recursive: true });
  if (noClient) { shadowWhyNot = xrdpWhyNot = noClient; return; }
  if (!existsSync(path.join(REPO, 'web/dist/webrdp.mjs'))) execFileSync(path.join(REPO, 'scripts/build.sh'), ['js']);
  // Whatever a previous run left behind on our ports.
  await sh(path.join(PEERS, 'stop-freerdp-shadow.sh'), ['--port', String(SHADOW.port)]);
  await sh(path.join(PEERS, 'stop-xrdp.sh'), ['--port', String(XRDP.port)]);
  const [s, x] = await Promise.all([
    startPeer('start-freerdp-shadow.sh', ['--sec', 'nla', '--port', String(SHADOW.port), '--display', SHADOW.display]),
    startPeer('start-xrdp.sh', ['--security', 'tls', '--port', String(XRDP.port)]),
  ]);
  shadow = s.peer; shadowWhyNot = s.whyNot || '';
  xrdp = x.peer; xrdpWhyNot = x.whyNot || '';
  gw = await startGateway({ listen: '127.0.0.1:0', hs256Secret: secret, staticDir: path.join(REPO, 'web'),
    connectTimeoutMs: 5000, log: (l) => gwLog.push(l) });
  profile = mkdtempSync(path.join(tmpdir(), 'webrdp-e2e-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
});

after(async () => {
  await context?.close();
  await gw?.close();
  writeFileSync(path.join(LOGS, 'gateway.log'), gwLog.join('\n') + '\n');
  await sh(path.join(PEERS, 'stop-freerdp-shadow.sh'), ['--port', String(SHADOW.port)]);
  await sh(path.join(PEERS, 'stop-xrdp.sh'), ['--port', String(XRDP.port)]);
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const token = (destination) => mintToken({ destination, secret, expiresIn: 300 });

// Opens the demo page with the query and waits for data-state to be one of `states`.
async function openDemo(t, query, states = ['connected'], timeout = 30000) {
  const page = await context.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  const q = new URLSearchParams({ gateway: gw.url, autoconnect: '1', ...query });
  await page.goto(`${gw.httpUrl}?${q}`);
  try {
    await page.waitForFunction((want) => {
      const s = document.getElementById('desktop').dataset.state;
      return want.includes(s) || (s === 'error' && !want.includes('error') && 'error');
    }, states, { timeout });
  } catch (e) {
    e.message += `\n${logs.join('\n')}`;
    throw e;
  }
  const state = await page.evaluate(() => ({ ...document.getElementById('desktop').dataset,
    errorText: document.getElementById('error').textContent }));
  if (!states.includes(state.state)) {
    await page.close();
    assert.fail(`data-state=${state.state} data-error=${state.error}: ${state.errorText}\n${logs.join('\n')}`);
  }
  t.after(() => page.close());
  return { page, logs, state };
}

// Waits until no graphics update arrived for quietMs (the screen has settled), then paints.
async function settle(page, quietMs = 1500, maxMs = 20000) {
  await page.waitForFunction((q) => {
    const s = document.getElementById('desktop').session;
    return s && s.updates > 0 && Date.now() - s.lastUpdate > q;
  }, quietMs, { timeout: maxMs, polling: 200 });
  await page.evaluate(() => document.getElementById('desktop').session.repaint());
}

// The canvas' pixels as the page sees them (getImageData).
async function canvasPixels(page) {
  const r = await page.evaluate(() => {
    const c = document.getElementById('desktop').canvas;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let s = '';
    const b = d.data;
    for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, data: btoa(s) };
  });
  return { width: r.width, height: r.height, data: new Uint8Array(Buffer.from(r.data, 'base64')) };
}

async function xCapture(display) {
  const r = await sh('/bin/sh', ['-c', `xwd -root -silent -display ${display} | convert xwd:- PNG32:-`]);
  assert.ok(!r.err, `xwd/convert: ${r.stderr}`);
  return decodePng(new Uint8Array(r.stdout));
}

// RGB differences between two RGBA images: { count, first }.
function diff(a, b) {
  assert.equal(a.width, b.width, 'width'); assert.equal(a.height, b.height, 'height');
  let count = 0, first = null;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) {
      if (!first) {
        const p = i / 4;
        first = { x: p % a.width, y: Math.floor(p / a.width), a: [...a.data.subarray(i, i + 3)], b: [...b.data.subarray(i, i + 3)] };
      }
      count++;
    }
  }
  return { count, first };
}

// The client point (CSS px) at the centre of desktop pixel (x, y).
async function clientPoint(page, x, y) {
  return page.evaluate(([x, y]) => {
    const d = document.getElementById('desktop');
    const c = d.canvas, r = c.getBoundingClientRect();
    return { x: r.left + (x + 0.5) * r.width / c.width, y: r.top + (y + 0.5) * r.height / c.height };
  }, [x, y]);
}

async function xPointer(display) {
  const r = await sh('xdotool', ['getmouselocation'], 10000, { ...process.env, DISPLAY: display });
  const m = /x:(\d+) y:(\d+)/.exec(r.stdout.toString());
  return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
}

async function until(fn, ms = 10000, step = 100) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, step));
  }
}

const shadowQuery = (extra = {}) => ({ destination: SHADOW_DEST, token: token(SHADOW_DEST), username: shadow.user,
  password: shadow.password, width: '1024', height: '768', scale: 'real', ...extra });

test('FreeRDP shadow (NLA): connects, the canvas equals the X display, typing and the mouse reach the server', async (t) => {
  if (!shadow) return t.skip(shadowWhyNot);
  const { page } = await openDemo(t, shadowQuery());
  await settle(page);
  await page.screenshot({ path: path.join(LOGS, 'demo.png') });

  // Pixels: the canvas against xwd's capture of the display.
  const canvas = await canvasPixels(page);
  const screen = await xCapture(SHADOW.display);
  const d = diff(canvas, screen);
  if (d.count) writeFileSync(path.join(LOGS, 'shadow-canvas.rgba'), canvas.data);
  assert.equal(d.count, 0, `pixels differing from the X display: ${d.count}, first ${JSON.stringify(d.first)}`);

  // Mouse: move over the xterm (no window manager: keys go to the window under the pointer) and click.
  const at = { x: 300, y: 200 };
  const p = await clientPoint(page, at.x, at.y);
  await page.mouse.move(p.x, p.y);
  await page.mouse.click(p.x, p.y);
  const pos = await until(async () => { const q = await xPointer(SHADOW.display); return q && q.x === at.x && q.y === at.y && q; }, 5000);
  assert.deepEqual(pos || await xPointer(SHADOW.display), at, 'the X server pointer is where the page clicked');

  // Keyboard: a command typed in the page runs in the xterm's shell (in the peer's directory).
  const file = path.join(shadow.dir, 'webrdp-e2e-ok');
  rmSync(file, { force: true });
  await page.keyboard.type('touch webrdp-e2e-ok', { delay: 15 });
  await page.keyboard.press('Enter');
  assert.ok(await until(() => existsSync(file), 10000), `${file} was not created by the typed command`);

  // Another move, checked in the same way (a drag-free path: button up).
  const to = { x: 700, y: 600 };
  const p2 = await clientPoint(page, to.x, to.y);
  await page.mouse.move(p2.x, p2.y, { steps: 5 });
  const pos2 = await until(async () => { const q = await xPointer(SHADOW.display); return q && q.x === to.x && q.y === to.y && q; }, 5000);
  assert.deepEqual(pos2 || await xPointer(SHADOW.display), to);

  // The xterm now shows the command: the canvas still equals the display after the updates.
  await settle(page);
  const d2 = diff(await canvasPixels(page), await xCapture(SHADOW.display));
  assert.equal(d2.count, 0, `after typing: ${d2.count} pixels differ, first ${JSON.stringify(d2.first)}`);
  await page.screenshot({ path: path.join(LOGS, 'demo.png') });
});

test('xrdp (TLS): connects and shows its login screen', async (t) => {
  if (!xrdp) return t.skip(xrdpWhyNot);
  const { page } = await openDemo(t, { destination: XRDP_DEST, token: token(XRDP_DEST), username: 'nobody',
    password: 'x', width: '1024', height: '768', scale: 'real' });
  await settle(page);
  const c = await canvasPixels(page);
  assert.equal(c.width, 1024);
  const colours = new Set();
  for (let i = 0; i < c.data.length; i += 4 * 97) colours.add((c.data[i] << 16) | (c.data[i + 1] << 8) | c.data[i + 2]);
  assert.ok(colours.size > 4, `the canvas shows xrdp's screen (${colours.size} colours sampled)`);
  await page.screenshot({ path: path.join(LOGS, 'demo-xrdp.png') });
});

test('a wrong password shows the wrong-password error in the page', async (t) => {
  if (!shadow) return t.skip(shadowWhyNot);
  const { state } = await openDemo(t, shadowQuery({ password: 'not-the-password' }), ['error']);
  assert.ok(['wrong-password', 'logon-failure'].includes(state.error), `data-error=${state.error}`);
  assert.match(state.errorText, /password|logon/i);
});

test('a destination the token does not allow is refused by the gateway (RDCleanPath 403), shown in the page', async (t) => {
  if (!shadow) return t.skip(shadowWhyNot);
  const { state } = await openDemo(t, shadowQuery({ token: token('127.0.0.1:33897') }), ['error']);
  assert.equal(state.error, 'rdcleanpath');
  assert.match(state.errorText, /HTTP 403/);
});

test('examples/node-screenshot.mjs writes a PNG of the shadow server from Node', async (t) => {
  if (!shadow) return t.skip(shadowWhyNot);
  const out = path.join(LOGS, 'node-screenshot.png');
  rmSync(out, { force: true });
  const r = await sh(process.execPath, [path.join(REPO, 'examples/node-screenshot.mjs'), '--gateway', gw.url,
    '--token', token(SHADOW_DEST), '--destination', SHADOW_DEST, '--username', shadow.user,
    '--password', shadow.password, '--out', out, '--settle-ms', '1000'], 60000);
  assert.ok(!r.err, `exit: ${r.err?.message}\n${r.stderr}`);
  const png = await decodePng(new Uint8Array(readFileSync(out)));
  assert.deepEqual([png.width, png.height], [1024, 768]);
  const d = diff(png, await xCapture(SHADOW.display));
  assert.equal(d.count, 0, `${d.count} pixels differ from the X display, first ${JSON.stringify(d.first)}`);
});
