// The gateway against fake RDP servers: the whole handshake and the pump (with
// backpressure), negotiation failures, malformed / truncated / oversized
// requests, refused and silent servers, clients that leave mid-handshake, the
// session limit, static files and the CLI. After each, no session and no
// socket is left open and the gateway still serves.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { startGateway } from '../../js/gateway/server.mjs';
import { loadSecretFile, verifyToken } from '../../js/gateway/token.mjs';
import * as rcp from '../../js/gateway/rdcleanpath.mjs';
import {
  exchange, request, wsClient, tcpServer, fakeRdp, selfSigned, x224Request, x224Confirm, until, connections,
  PROTOCOL_SSL, PROTOCOL_HYBRID,
} from './gateway_util.mjs';

const cert = selfSigned();
let gw, lines;
const fakes = [];
const fake = async (f) => {
  const s = await f;
  fakes.push(s);
  return s;
};

before(async () => {
  lines = [];
  gw = await startGateway({ listen: '127.0.0.1:0', insecureNoToken: true, connectTimeoutMs: 400, maxRequestSize: 4096, log: (l) => lines.push(l) });
});
after(() => gw.close());

afterEach(async () => {
  // Nothing leaks: no session, no connection on the gateway, no socket on the fake servers.
  await until(() => gw.sessions === 0, 5000, 'sessions to end');
  await until(async () => (await connections(gw)) === 0, 5000, 'gateway connections to close');
  for (const f of fakes) await until(() => f.sockets.size === 0, 5000, 'fake server sockets to close');
  for (const f of fakes.splice(0)) await f.close();
});

test('the insecure mode says so at start-up and per session', async () => {
  assert.ok(lines.some((l) => /WARNING: --insecure-no-token/.test(l) && /ANY host/.test(l)));
  await exchange(gw.url, request({ destination: '127.0.0.1:1' }));
  assert.ok(lines.some((l) => /WARNING: --insecure-no-token: session from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:1 is not authenticated/.test(l)));
});

test('a whole session: request split over messages, TLS, response, then bytes both ways with backpressure', { skip: !cert && 'openssl is missing' }, async () => {
  const big = randomBytes(6 * 1024 * 1024);
  let seenRequest;
  let serverGot = 0;
  const serverHash = createHash('sha256');
  const s = await fake(fakeRdp({
    cert,
    onRequest: (b) => (seenRequest = b),
    onTls: (t) => {
      t.on('secure', () => t.write(big, () => {}));
      t.on('data', (d) => {
        serverGot += d.length;
        serverHash.update(d);
        if (serverGot === big.length) t.end();
      });
    },
  }));
  const req = request({ destination: s.dest });
  const c = await wsClient(gw.url);
  // one byte, then the rest merged: the gateway must buffer until the DER TLV is whole
  c.ws.send(req.subarray(0, 1));
  await new Promise((r) => setTimeout(r, 50));
  c.ws.send(req.subarray(1));
  const first = rcp.decode(await c.next());
  assert.equal(rcp.classify(first), 'response');
  assert.deepEqual(Buffer.from(first.x224ConnectionPdu), x224Confirm());
  assert.equal(first.serverCertChain.length, 1);
  assert.deepEqual(Buffer.from(first.serverCertChain[0]), cert.der);
  assert.equal(first.serverAddr, s.dest);
  assert.deepEqual(seenRequest, x224Request());
  // the client sends 6 MiB too while the server sends 6 MiB; the client reads slowly at first
  const up = randomBytes(6 * 1024 * 1024);
  for (let i = 0; i < up.length; i += 65536) c.ws.send(up.subarray(i, i + 65536));
  let down = 0;
  const downHash = createHash('sha256');
  while (down < big.length) {
    const m = await c.next();
    if (!m) break;
    down += m.length;
    downHash.update(m);
  }
  assert.equal(down, big.length);
  assert.equal(downHash.digest('hex'), createHash('sha256').update(big).digest('hex'));
  await until(() => serverGot === up.length, 10000, 'the server to receive everything');
  assert.equal(serverHash.digest('hex'), createHash('sha256').update(up).digest('hex'));
  // the server ended its side: the gateway closes the WebSocket
  const { code } = await c.closed;
  assert.equal(code, 1000);
  await until(() => lines.some((l) => l.includes(`destination=${s.dest} up=${up.length} down=${big.length}`)), 2000, 'the session log line');
});

test('the client closing ends the server connection', { skip: !cert && 'openssl is missing' }, async () => {
  let serverClosed = false;
  const s = await fake(fakeRdp({ cert, onTls: (t) => t.on('close', () => (serverClosed = true)) }));
  const c = await wsClient(gw.url);
  c.ws.send(request({ destination: s.dest }));
  assert.equal(rcp.classify(rcp.decode(await c.next())), 'response');
  c.ws.close();
  await until(() => serverClosed, 5000, 'the server side to close');
});

test('RDP_NEG_FAILURE and Standard RDP Security: negotiation error (code 2) carrying the server\'s confirm', async () => {
  for (const confirm of [x224Confirm(3, 5 /* HYBRID_REQUIRED_BY_SERVER */), x224Confirm(2, 0), x224Confirm(null)]) {
    const s = await fake(fakeRdp({ confirm }));
    const { pdu, code } = await exchange(gw.url, request({ destination: s.dest, x224: x224Request(PROTOCOL_SSL | PROTOCOL_HYBRID) }));
    assert.equal(rcp.classify(pdu), 'negotiation-error');
    assert.deepEqual(pdu.error, { errorCode: 2 });
    assert.deepEqual(Buffer.from(pdu.x224ConnectionPdu), confirm);
    assert.equal(code, 1000);
  }
});

test('a server that answers garbage or closes before confirming: HTTP 502', async () => {
  const garbage = await fake(tcpServer((sock) => sock.once('data', () => sock.write('HTTP/1.1 400 Bad Request\r\n\r\n'))));
  assert.deepEqual((await exchange(gw.url, request({ destination: garbage.dest }))).pdu.error, { errorCode: 1, httpStatusCode: 502 });
  const closer = await fake(tcpServer((sock) => sock.once('data', () => sock.end())));
  assert.deepEqual((await exchange(gw.url, request({ destination: closer.dest }))).pdu.error, { errorCode: 1, httpStatusCode: 502 });
});

test('a TLS failure is reported with its alert', async () => {
  // The server confirms TLS then speaks plain text: OpenSSL refuses the record (a local failure).
  const plain = await fake(tcpServer((sock) => sock.once('data', () => {
    sock.write(x224Confirm());
    sock.once('data', () => sock.write(Buffer.from('15030100020228', 'hex'))); // a TLS alert record: fatal 40
  })));
  const { pdu } = await exchange(gw.url, request({ destination: plain.dest }));
  assert.deepEqual(pdu.error, { errorCode: 1, tlsAlertCode: 40 });
});

test('a refused connection: WSA 10061', async () => {
  const port = await freePort();
  const { pdu, code } = await exchange(gw.url, request({ destination: `127.0.0.1:${port}` }));
  assert.deepEqual(pdu.error, { errorCode: 1, wsaLastError: 10061 });
  assert.equal(code, 1000);
});

test('an unknown host: WSA 11001 (or 11002 when DNS is unreachable)', async () => {
  const { pdu } = await exchange(gw.url, request({ destination: 'no-such-host.invalid:3389' }));
  assert.ok([11001, 11002].includes(pdu.error.wsaLastError), JSON.stringify(pdu.error));
});

test('a server that accepts and never confirms: HTTP 504 after the timeout', async () => {
  const s = await fake(tcpServer(() => {}));
  const t0 = Date.now();
  const { pdu } = await exchange(gw.url, request({ destination: s.dest }));
  assert.deepEqual(pdu.error, { errorCode: 1, httpStatusCode: 504 });
  assert.ok(Date.now() - t0 >= 350, 'waited for the timeout');
});

test('a host that does not answer the TCP connect: WSA 10060 (or unreachable)', async (t) => {
  // TEST-NET-1 is never routed: the SYN goes unanswered (timeout), or a firewall or the network refuses it.
  const { pdu } = await exchange(gw.url, request({ destination: '192.0.2.1:3389' }));
  assert.ok([10060, 10051, 10065, 10061].includes(pdu.error.wsaLastError), JSON.stringify(pdu.error));
  // A listener whose accept queue is full drops the SYN: the connect timeout itself.
  const stuck = await stuckListener();
  if (!stuck) return t.diagnostic('python3 is missing: the full-accept-queue case is not run');
  try {
    const { pdu: timedOut } = await exchange(gw.url, request({ destination: stuck.dest }));
    assert.deepEqual(timedOut.error, { errorCode: 1, wsaLastError: 10060 });
  } finally {
    stuck.stop();
  }
});

test('malformed requests: HTTP 400, socket closed, gateway still serving', async () => {
  const bad = [
    Buffer.from('hello, gateway'), // not DER
    Buffer.from('3008a00602020d3d', 'hex'), // version 3389
    Buffer.from(rcp.encode({ version: 3390, serverAddr: '1.2.3.4', serverCertChain: [] })), // a response, not a request
    Buffer.from(rcp.encode({ version: 3390, destination: '127.0.0.1:1', proxyAuth: 't' })), // neither X.224 nor blob
    request({ destination: '127.0.0.1:1', x224: Buffer.from('0300000b06d00000000000', 'hex') }), // a confirm, not a request
    request({ destination: '127.0.0.1:1', x224: Buffer.from('deadbeef', 'hex') }), // not TPKT
    request({ destination: 'http://x:1' }), // not host:port
    Buffer.concat([Buffer.from('3012a00402020d3ea3050c0361626ea2030c0178', 'hex')]), // fields out of order
  ];
  for (const b of bad) {
    const { pdu, code } = await exchange(gw.url, b);
    assert.deepEqual(pdu.error, { errorCode: 1, httpStatusCode: 400 }, b.toString('hex'));
    assert.equal(code, 1000);
  }
  const text = await wsClient(gw.url);
  text.ws.send('not binary');
  assert.deepEqual(rcp.decode(await text.next()).error, { errorCode: 1, httpStatusCode: 400 });
  await text.closed;
});

test('oversized requests: HTTP 413 as soon as the announced or buffered size passes the cap', async () => {
  // announced: a header saying 1 MiB
  const { pdu } = await exchange(gw.url, Buffer.from('3083100000a00402020d3e', 'hex'));
  assert.deepEqual(pdu.error, { errorCode: 1, httpStatusCode: 413 });
  // a real request whose token is too large for the gateway's cap (4 KiB here)
  const big = request({ destination: '127.0.0.1:1', token: 'x'.repeat(5000) });
  const c = await wsClient(gw.url);
  for (let i = 0; i < big.length; i += 1000) c.ws.send(big.subarray(i, i + 1000));
  assert.deepEqual(rcp.decode(await c.next()).error, { errorCode: 1, httpStatusCode: 413 });
  await c.closed;
});

test('a truncated request: the client leaves, or the gateway stops waiting (HTTP 408)', async () => {
  const req = request({ destination: '127.0.0.1:1' });
  const c = await wsClient(gw.url);
  c.ws.send(req.subarray(0, 10));
  await new Promise((r) => setTimeout(r, 50));
  c.ws.close();
  await c.closed;
  await until(() => lines.some((l) => /reason="client closed during the handshake/.test(l)), 2000, 'the log line');
  const t0 = Date.now();
  const { pdu } = await exchange(gw.url, req.subarray(0, 10)); // request timeout = connect timeout (400 ms)
  assert.deepEqual(pdu.error, { errorCode: 1, httpStatusCode: 408 });
  assert.ok(Date.now() - t0 >= 350);
});

test('a client that disconnects while the gateway waits for the server: both ends closed', async () => {
  let serverSaw = false;
  const s = await fake(tcpServer((sock) => sock.once('data', () => (serverSaw = true))));
  const c = await wsClient(gw.url);
  c.ws.send(request({ destination: s.dest }));
  await until(() => serverSaw, 2000, 'the X.224 request at the server');
  c.ws.terminate();
  await until(() => s.sockets.size === 0, 2000, 'the server connection to close');
  // and mid TLS handshake (the server confirms TLS, then stays silent)
  const silentTls = await fake(tcpServer((sock) => sock.once('data', () => { sock.write(x224Confirm()); sock.once('data', () => (serverSaw = 'tls')); })));
  const c2 = await wsClient(gw.url);
  c2.ws.send(request({ destination: silentTls.dest }));
  await until(() => serverSaw === 'tls', 2000, 'the ClientHello at the server');
  c2.ws.close();
  await until(() => silentTls.sockets.size === 0, 2000, 'the server connection to close');
});

test('--max-sessions: one more upgrade is refused with HTTP 503; a wrong path is 404', async () => {
  const small = await startGateway({ listen: '127.0.0.1:0', insecureNoToken: true, maxSessions: 1, connectTimeoutMs: 2000, log: () => {} });
  try {
    const s = await fake(tcpServer(() => {}));
    const a = await wsClient(small.url);
    a.ws.send(request({ destination: s.dest }));
    await until(() => small.sessions === 1);
    assert.deepEqual(await wsClient(small.url, { expectRefusal: true }), { status: 503 });
    assert.deepEqual(await wsClient(small.url.replace('/jet/rdp', '/jet/other'), { expectRefusal: true }), { status: 404 });
    a.ws.close();
    await until(() => small.sessions === 0);
    const b = await wsClient(small.url);
    b.ws.close();
    await b.closed;
  } finally {
    await small.close();
  }
});

test('--static: files with their MIME types (wasm for streaming compilation), index.html, no way out of the root', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'webrdp-gw-static-'));
  const root = path.join(dir, 'web');
  mkdirSync(path.join(root, 'sub'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>hi');
  writeFileSync(path.join(root, 'm.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(path.join(root, 'a.mjs'), 'export {}');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  const st = await startGateway({ listen: '127.0.0.1:0', insecureNoToken: true, staticDir: root, log: () => {} });
  try {
    const get = (p, method = 'GET') => rawGet(st.port, p, method);
    let r = await get('/');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.equal(r.body, '<!doctype html>hi');
    r = await get('/m.wasm');
    assert.equal(r.headers['content-type'], 'application/wasm');
    assert.equal(r.body.length, 4);
    assert.match((await get('/a.mjs')).headers['content-type'], /^text\/javascript/);
    assert.equal((await get('/a.mjs', 'HEAD')).body, '');
    assert.equal((await get('/sub')).status, 301);
    assert.equal((await get('/missing')).status, 404);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/link.txt', '/%00'])
      assert.ok([400, 403, 404].includes((await get(p)).status), p);
    assert.notEqual((await get('/../secret.txt')).body, 'secret');
    // the WebSocket still works on the same port
    const { pdu } = await exchange(st.url, request({ destination: '127.0.0.1:1' }));
    assert.equal(pdu.error.errorCode, 1);
  } finally {
    await st.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI: flags and their environment twins, the loud insecure warning, `token` minting a valid token', async () => {
  const cli = new URL('../../js/gateway/cli.mjs', import.meta.url).pathname;
  const dir = mkdtempSync(path.join(tmpdir(), 'webrdp-gw-cli-'));
  const secretFile = path.join(dir, 'secret');
  writeFileSync(secretFile, `${randomBytes(24).toString('hex')}\n`);
  try {
    const token = await run(cli, ['token', '--hs256-secret-file', secretFile, '--destination', '127.0.0.1:3389']);
    const { destination } = verifyToken(token.stdout.trim(), { hs256: loadSecretFile(secretFile) });
    assert.equal(destination.key, '127.0.0.1:3389');
    const child = spawn(process.execPath, [cli, '--listen', '127.0.0.1:0'], {
      env: { ...process.env, WEBRDP_GATEWAY_INSECURE_NO_TOKEN: '1', WEBRDP_GATEWAY_MAX_SESSIONS: '3' },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    try {
      await until(() => /listening on ws:\/\/127\.0\.0\.1:\d+\/jet\/rdp/.test(err), 5000, 'the CLI to listen');
      assert.match(err, /WARNING: --insecure-no-token/);
      const url = /listening on (ws:\S+)/.exec(err)[1];
      const { pdu } = await exchange(url, request({ destination: '127.0.0.1:1' }));
      assert.deepEqual(pdu.error, { errorCode: 1, wsaLastError: 10061 });
      await until(() => /session client=127\.0\.0\.1:\d+ destination=127\.0\.0\.1:1 up=0 down=0 duration=[\d.]+s reason=/.test(err), 2000, 'the session line');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    const bad = await run(cli, ['--listen', '127.0.0.1:0'], { WEBRDP_GATEWAY_INSECURE_NO_TOKEN: '' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no token key/);
    assert.equal((await run(cli, ['--bogus'])).code, 2);
    assert.match((await run(cli, ['--help'])).stdout, /--connect-timeout-ms MS.*WEBRDP_GATEWAY_CONNECT_TIMEOUT_MS/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no handle outlives a gateway: sessions of every kind, then close()', async () => {
  const handles = () => process._getActiveHandles().length;
  const before = handles();
  const g = await startGateway({ listen: '127.0.0.1:0', insecureNoToken: true, connectTimeoutMs: 300, log: () => {} });
  const silent = await fake(tcpServer(() => {}));
  const results = await Promise.all([
    exchange(g.url, request({ destination: silent.dest })),
    exchange(g.url, request({ destination: `127.0.0.1:${await freePort()}` })),
    exchange(g.url, Buffer.from('garbage')),
  ]);
  assert.deepEqual(results.map((r) => r.pdu.error), [
    { errorCode: 1, httpStatusCode: 504 }, { errorCode: 1, wsaLastError: 10061 }, { errorCode: 1, httpStatusCode: 400 },
  ]);
  // a session still open when the gateway closes
  const open = await wsClient(g.url);
  open.ws.send(request({ destination: silent.dest }).subarray(0, 5));
  await until(() => g.sessions === 1);
  await g.close();
  await open.closed;
  await until(() => silent.sockets.size === 0, 5000, 'the fake server sockets to close');
  await silent.close();
  fakes.splice(fakes.indexOf(silent), 1);
  await until(() => handles() <= before, 5000, `handles back to ${before} (now ${handles()})`);
});

function run(cli, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function rawGet(port, p, method) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A listener that never accepts, its queue filled, so that a further SYN goes unanswered (python3; null without it). */
async function stuckListener() {
  const script = [
    'import socket, sys',
    's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
    'port = s.getsockname()[1]; fill = []',
    'for _ in range(3):',
    '    c = socket.socket(); c.setblocking(False)',
    '    try: c.connect(("127.0.0.1", port))',
    '    except BlockingIOError: pass',
    '    fill.append(c)',
    'print(port, flush=True); sys.stdin.read()',
  ].join('\n');
  const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'ignore'] });
  const port = await new Promise((resolve) => {
    child.on('error', () => resolve(null));
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.on('exit', () => resolve(null));
  });
  if (!port) return null;
  await new Promise((r) => setTimeout(r, 100)); // the fillers' handshakes
  return { dest: `127.0.0.1:${port}`, stop: () => { child.stdin.end(); child.kill(); } };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
