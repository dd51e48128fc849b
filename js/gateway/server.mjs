// The gateway's listener: one HTTP server on one port for the WebSocket at
// /jet/rdp (RDCleanPath, as Devolutions Gateway and IronRDP's web client
// speak it) and, optionally, the static files of a web page.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { ReplayCache, DEFAULT_LEEWAY_S, loadProvisionerKey, loadSecretFile, parseDestination } from './token.mjs';
import { createPublicKey } from 'node:crypto';
import { MAX_REQUEST_SIZE } from './rdcleanpath.mjs';
import { Session } from './session.mjs';
import { staticHandler } from './static.mjs';

export const DEFAULTS = Object.freeze({
  listen: '127.0.0.1:7171',
  connectTimeoutMs: 10000,
  maxSessions: 100,
  maxRequestSize: MAX_REQUEST_SIZE,
  leeway: DEFAULT_LEEWAY_S,
});

const PATH = '/jet/rdp';
/** Largest WebSocket message accepted once the session runs (RDP frames are far smaller). */
const MAX_MESSAGE = 16 * 1024 * 1024;

/** "host:port", "[v6]:port" or ":port" → { host, port }. */
export function parseListen(text) {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(String(text));
  if (!m) throw new Error(`listen address ${text}: expected HOST:PORT`);
  const port = Number(m[3]);
  if (port > 65535) throw new Error(`listen address ${text}: port out of range`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

/**
 * Starts a gateway. Options (the CLI flags in camelCase):
 *   listen 'HOST:PORT' (default 127.0.0.1:7171; port 0 picks one),
 *   provisionerKey (RS256 public key: a PEM file path, PEM text or KeyObject),
 *   hs256Secret (Buffer/string) or hs256SecretFile (path),
 *   allow (['host:port', ...]: only these destinations), insecureNoToken (local development only),
 *   staticDir, connectTimeoutMs, maxSessions, requestTimeoutMs (default connectTimeoutMs),
 *   maxRequestSize (bytes, default 64 KiB), leeway (seconds of clock skew, default 60),
 *   log (a function taking one line; default: stderr).
 * Resolves { url (ws://…/jet/rdp), httpUrl, host, port, sessions (live count), close() }.
 */
export async function startGateway(options = {}) {
  const o = { ...DEFAULTS, ...stripUndefined(options) };
  const log = o.log ?? ((line) => process.stderr.write(`${new Date().toISOString()} webrdp-gateway: ${line}\n`));
  const gw = {
    log,
    connectTimeoutMs: positive(o.connectTimeoutMs, 'connectTimeoutMs'),
    requestTimeoutMs: positive(o.requestTimeoutMs ?? o.connectTimeoutMs, 'requestTimeoutMs'),
    maxSessions: positive(o.maxSessions, 'maxSessions'),
    maxRequestSize: positive(o.maxRequestSize, 'maxRequestSize'),
    leeway: Number(o.leeway),
    insecureNoToken: Boolean(o.insecureNoToken),
    rs256: null,
    hs256: null,
    allow: null,
    replay: new ReplayCache({ leeway: Number(o.leeway) }),
    sessions: new Set(),
    sessionEnded: (s) => gw.sessions.delete(s),
  };
  if (o.provisionerKey) gw.rs256 = loadKey(o.provisionerKey);
  if (o.hs256SecretFile) gw.hs256 = loadSecretFile(o.hs256SecretFile);
  if (o.hs256Secret != null) gw.hs256 = checkedSecret(o.hs256Secret);
  if (o.allow) {
    const list = Array.isArray(o.allow) ? o.allow : String(o.allow).split(',');
    gw.allow = new Set(list.map((s) => s.trim()).filter(Boolean).map((s) => parseDestination(s).key));
  }
  if (!gw.rs256 && !gw.hs256 && !gw.insecureNoToken)
    throw new Error('no token key: give --provisioner-key or --hs256-secret-file (or --insecure-no-token for local development)');
  if (gw.insecureNoToken) {
    log('WARNING: --insecure-no-token: anyone who reaches this port can connect to ' +
      (gw.allow ? `any of ${[...gw.allow].join(', ')}` : 'ANY host and port') + '. Local development only.');
  }

  const serveStatic = o.staticDir ? staticHandler(o.staticDir) : null;
  const server = http.createServer((req, res) => {
    if (serveStatic && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(req, res);
    const path = new URL(req.url, 'http://x').pathname;
    res.writeHead(path === PATH ? 426 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(path === PATH ? 'webrdp gateway: this endpoint takes a WebSocket\n' : 'not found\n');
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_MESSAGE });
  let pendingUpgrades = 0;
  let closing = false;

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {});
    const path = new URL(req.url, 'http://x').pathname;
    if (path !== PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (gw.sessions.size + pendingUpgrades >= gw.maxSessions) {
      log(`refused ${req.socket.remoteAddress}: ${gw.maxSessions} sessions already (--max-sessions)`);
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    pendingUpgrades++;
    let counted = true;
    const uncount = () => {
      if (counted) pendingUpgrades--;
      counted = false;
    };
    socket.once('close', uncount);
    wss.handleUpgrade(req, socket, head, (ws) => {
      uncount();
      if (closing) return ws.terminate();
      gw.sessions.add(new Session(ws, req, gw));
    });
  });
  server.on('clientError', (err, socket) => socket.destroy());

  const { host, port } = parseListen(o.listen);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  log(`listening on ws://${shown}:${addr.port}${PATH}${o.staticDir ? ` (static files from ${o.staticDir})` : ''}`);

  return {
    url: `ws://${shown}:${addr.port}${PATH}`,
    httpUrl: `http://${shown}:${addr.port}/`,
    host: addr.address,
    port: addr.port,
    server,
    get sessions() {
      return gw.sessions.size;
    },
    /** Stops listening, ends every session, resolves once the port is closed. */
    close() {
      closing = true;
      for (const s of [...gw.sessions]) s.finish('gateway shutting down', 1001);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function refuseUpgrade(socket, status, text) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroySoon?.();
}

function loadKey(k) {
  if (typeof k === 'object' && k.type) return k.type === 'private' ? createPublicKey(k) : k;
  if (typeof k === 'string' && !k.includes('-----BEGIN')) return loadProvisionerKey(k);
  const key = createPublicKey(k);
  if (key.asymmetricKeyType !== 'rsa') throw new Error('the provisioner key must be an RSA key');
  return key;
}

function checkedSecret(s) {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(String(s));
  if (b.length < 32) throw new Error(`an HS256 secret needs at least 32 bytes, it has ${b.length}`);
  return b;
}

function positive(v, name) {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got ${v})`);
  return n;
}

function stripUndefined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
