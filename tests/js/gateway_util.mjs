// Helpers of the gateway tests: a WebSocket client that records what the
// gateway says, X.224 bytes, fake RDP servers and leak checks.
import net from 'node:net';
import tls from 'node:tls';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as rcp from '../../js/gateway/rdcleanpath.mjs';

export const PROTOCOL_RDP = 0;
export const PROTOCOL_SSL = 1;
export const PROTOCOL_HYBRID = 2;

/** TPKT + X.224 Connection Request with a cookie and an RDP_NEG_REQ for `protocols`. */
export function x224Request(protocols = PROTOCOL_SSL, cookie = 'test') {
  const c = Buffer.from(`Cookie: mstshash=${cookie}\r\n`, 'latin1');
  const neg = Buffer.from([0x01, 0x00, 0x08, 0x00, 0, 0, 0, 0]);
  neg.writeUInt32LE(protocols, 4);
  const body = Buffer.concat([Buffer.from([0xe0, 0, 0, 0, 0, 0]), c, neg]);
  const x224 = Buffer.concat([Buffer.from([body.length]), body]);
  const tpkt = Buffer.from([0x03, 0x00, 0, 0]);
  tpkt.writeUInt16BE(4 + x224.length, 2);
  return Buffer.concat([tpkt, x224]);
}

/** TPKT + X.224 Connection Confirm; type 2 RDP_NEG_RSP (value = protocol), 3 RDP_NEG_FAILURE (value = code), null: none. */
export function x224Confirm(type = 2, value = PROTOCOL_SSL) {
  const head = [0x03, 0x00, 0x00, type == null ? 11 : 19, type == null ? 6 : 14, 0xd0, 0, 0, 0x12, 0x34, 0];
  if (type == null) return Buffer.from(head);
  const neg = Buffer.from([type, 0, 0x08, 0x00, 0, 0, 0, 0]);
  neg.writeUInt32LE(value, 4);
  return Buffer.concat([Buffer.from(head), neg]);
}

export function request({ destination, token = 'no-token', x224 = x224Request(), blob } = {}) {
  return Buffer.from(rcp.encode({ destination, proxyAuth: token, preconnectionBlob: blob, x224ConnectionPdu: x224 }));
}

/** Opens a WebSocket to url; resolves { ws, messages: Buffer[], closed: Promise<{code}>, next() }. */
export function wsClient(url, { expectRefusal = false } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const messages = [];
    const waiters = [];
    let closeInfo = null;
    const closed = new Promise((r) => ws.on('close', (code) => { closeInfo = { code }; r(closeInfo); waiters.splice(0).forEach((w) => w()); }));
    ws.on('message', (data) => { messages.push(Buffer.from(data)); waiters.splice(0).forEach((w) => w()); });
    ws.on('unexpected-response', (req, res) => (expectRefusal ? resolve({ status: res.statusCode }) : reject(new Error(`HTTP ${res.statusCode}`))));
    ws.on('error', (e) => reject(e));
    ws.on('open', () =>
      resolve({
        ws,
        messages,
        closed,
        /** The next message (or null once closed). */
        async next(timeoutMs = 15000) {
          const t0 = Date.now();
          while (!messages.length && !closeInfo) {
            if (Date.now() - t0 > timeoutMs) throw new Error('no message from the gateway');
            await new Promise((r) => { waiters.push(r); setTimeout(r, 100); });
          }
          return messages.shift() ?? null;
        },
      }),
    );
  });
}

/** Sends `bytes` (in the given pieces), returns the decoded first answer and the close code. */
export async function exchange(url, pieces) {
  const c = await wsClient(url);
  for (const p of [].concat(pieces)) c.ws.send(p);
  const first = await c.next();
  const { code } = await c.closed;
  return { pdu: first ? rcp.decode(first) : null, code, raw: first };
}

/** A TCP server; handler(socket) per connection. Tracks its sockets. */
export async function tcpServer(handler) {
  const sockets = new Set();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    handler(s);
    s.resume(); // a silent server still notices the gateway's close
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    dest: `127.0.0.1:${server.address().port}`,
    sockets,
    close: () => { for (const s of sockets) s.destroy(); return new Promise((r) => server.close(r)); },
  };
}

/** A self-signed certificate made by openssl, or null when openssl is missing. */
export function selfSigned() {
  const dir = mkdtempSync(path.join(tmpdir(), 'webrdp-gw-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=fake-rdp',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    const key = readFileSync(path.join(dir, 'key.pem'));
    const cert = readFileSync(path.join(dir, 'cert.pem'));
    return { key, cert, der: pemToDer(cert) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pemToDer(pem) {
  const b64 = String(pem).replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(b64, 'base64');
}

/**
 * A fake RDP server: reads the X.224 request, answers `confirm`, then (for a
 * TLS confirm) does TLS with `cert` and runs onTls(tlsSocket).
 */
export function fakeRdp({ confirm = x224Confirm(), cert, onTls, onRequest } = {}) {
  return tcpServer((s) => {
    let buf = Buffer.alloc(0);
    const onData = (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < buf.readUInt16BE(2)) return;
      s.off('data', onData);
      onRequest?.(buf);
      s.write(confirm);
      if (!cert) return;
      const t = new tls.TLSSocket(s, { isServer: true, key: cert.key, cert: cert.cert });
      t.on('error', () => {});
      onTls?.(t);
    };
    s.on('data', onData);
  });
}

/** Waits until fn() is true (polling), or throws after timeoutMs. */
export async function until(fn, timeoutMs = 5000, what = 'condition') {
  const t0 = Date.now();
  while (!(await fn())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Open connections on the gateway's HTTP server. */
export const connections = (gw) => new Promise((r, j) => gw.server.getConnections((e, n) => (e ? j(e) : r(n))));
