// dist/webrdp.mjs in Debian's Chromium (headless, driven by playwright-core):
// the page streams dist/webrdp.wasm from a local static server, decodes the
// first roundtrip case of tests/vectors/pdu/cases and must agree with Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { REPO_DIR, readCases, readVector } from './cases.mjs';
import { loadWebrdp } from '../../dist/webrdp.mjs';

const CHROMIUM = process.env.WRDP_CHROMIUM || '/usr/bin/chromium';
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json' };

let server, base, context, profile;

// Serves the repository root, read-only, on 127.0.0.1 at a random port.
function serve() {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const rel = decodeURIComponent(url.pathname);
      const file = path.join(REPO_DIR, path.normalize(rel));
      if (!file.startsWith(REPO_DIR + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      // ?plain serves any file as application/octet-stream (a server that does not know .wasm).
      const type = url.searchParams.has('plain') ? 'application/octet-stream' : TYPES[path.extname(file)];
      res.writeHead(200, { 'content-type': type || 'application/octet-stream',
        'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}

before(async () => {
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(path.join(tmpdir(), 'webrdp-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function run(query) {
  const page = await context.newPage();
  const logs = [];
  page.on('console', (msg) => logs.push(`${msg.type()}: ${msg.text()}`));
  page.on('pageerror', (err) => logs.push(`pageerror: ${err.message}`));
  try {
    await page.goto(`${base}/tests/js/fixtures/browser.html?${new URLSearchParams(query)}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
    const result = await page.evaluate(() => window.__result);
    assert.ok(!result.error, `page failed: ${JSON.stringify(result.error)}\n${logs.join('\n')}`);
    return { result, logs };
  } finally {
    await page.close();
  }
}

test('Chromium streams the module and agrees with Node on a vector', async (t) => {
  const node = await loadWebrdp();
  const first = readCases().find((c) => c.expect === 'roundtrip' && !c.problem);
  const { result, logs } = await run(first ? { kind: first.kind, vector: first.path } : {});
  assert.equal(result.instantiatedBy, 'streaming', `compiled by streaming\n${logs.join('\n')}`);
  assert.ok(!logs.some((l) => /streaming compile failed/.test(l)), logs.join('\n'));
  assert.deepEqual(result.kinds, node.pdu.kinds());
  assert.deepEqual(result.unknownKind, { isWebrdpError: true, kind: 'invalid-argument',
    message: 'unknown PDU kind "no_such_kind"' });
  if (first) {
    const bytes = readVector(first.path);
    const expected = node.pdu.decode(first.kind, bytes);
    assert.deepEqual(result.decoded.value, expected.value, `${first.kind} ${first.path}: same JSON as in Node`);
    assert.equal(result.decoded.consumed, bytes.length);
    assert.equal(result.decoded.reencoded, Buffer.from(bytes).toString('hex'));
  } else {
    t.diagnostic('no roundtrip case yet: only loading and errors were checked in the browser');
  }
});

test('Chromium honours locateFile', async () => {
  const { result } = await run({ locate: '1' });
  assert.deepEqual(result.located, { p: 'webrdp.wasm', prefix: `${base}/dist/` });
  assert.equal(result.instantiatedBy, 'streaming');
  assert.ok(Array.isArray(result.kinds));
});

test('Chromium falls back to compiling bytes when the server does not send application/wasm', async () => {
  const { result, logs } = await run({ url: '/dist/webrdp.wasm?plain' });
  assert.equal(result.instantiatedBy, 'bytes');
  assert.ok(logs.some((l) => /streaming compile failed/.test(l)), logs.join('\n'));
  assert.ok(Array.isArray(result.kinds));
});
