// The gateway's leg to the RDP server: TCP connect (with a timeout), the
// preconnection blob and the X.224 Connection Request as the client built
// them, one TPKT frame of Connection Confirm, then TLS. Each failure becomes a
// GatewayError carrying the RDCleanPath code Devolutions Gateway would send.
import net from 'node:net';
import tls from 'node:tls';

/** Largest X.224 Connection Confirm read (Devolutions Gateway reads at most 512 bytes too). */
const MAX_CONFIRM = 512;

export class GatewayError extends Error {
  /** code: { httpStatusCode } | { wsaLastError } | { tlsAlertCode } | { negotiation: confirmBytes } */
  constructor(code, message, reason) {
    super(message);
    this.name = 'GatewayError';
    this.code = code;
    this.reason = reason ?? message;
  }
}

/** Winsock numbers for the errno codes a connect or a read can end with. */
const WSA = {
  ECONNREFUSED: 10061,
  ETIMEDOUT: 10060,
  ENOTFOUND: 11001,
  EAI_NONAME: 11001,
  EAI_FAIL: 11003,
  EAI_AGAIN: 11002,
  EAI_NODATA: 11004,
  EHOSTUNREACH: 10065,
  EHOSTDOWN: 10064,
  ENETUNREACH: 10051,
  ENETDOWN: 10050,
  ECONNRESET: 10054,
  ECONNABORTED: 10053,
  EPIPE: 10058,
  EADDRNOTAVAIL: 10049,
  EADDRINUSE: 10048,
  EACCES: 10013,
  EPERM: 10013,
  EMFILE: 10024,
  ENOBUFS: 10055,
};

/** A socket error as a GatewayError: the WSA number when there is one, HTTP 502 otherwise. */
export function socketError(err, what) {
  const wsa = WSA[err?.code];
  const message = `${what}: ${err?.message ?? err}`;
  return wsa ? new GatewayError({ wsaLastError: wsa }, message, `${what}: ${err.code}`) : new GatewayError({ httpStatusCode: 502 }, message);
}

/**
 * A TLS handshake failure: the alert the server sent (OpenSSL names it "SSL
 * alert number N"), a local OpenSSL refusal as the alert OpenSSL sends for it
 * (70 protocol_version for a version mismatch, 40 handshake_failure otherwise),
 * or the socket's WSA error.
 */
export function tlsError(err) {
  const m = /alert number (\d+)/i.exec(err?.message ?? '');
  if (m) return new GatewayError({ tlsAlertCode: Number(m[1]) & 0xff }, `TLS handshake: ${err.message}`, `TLS alert ${m[1]}`);
  if (WSA[err?.code]) return socketError(err, 'TLS handshake');
  const code = String(err?.code ?? '');
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || err?.library === 'SSL routines') {
    const version = /VERSION|PROTOCOL/.test(code) || /version/i.test(err?.message ?? '');
    return new GatewayError({ tlsAlertCode: version ? 70 : 40 }, `TLS handshake: ${err.message}`, `TLS ${code}`);
  }
  return new GatewayError({ httpStatusCode: 502 }, `TLS handshake: ${err?.message ?? err}`);
}

/** Opens TCP to host:port within timeoutMs; resolves the socket, rejects with a GatewayError. */
export function connectTcp(host, port, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true });
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('connect', onConnect);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        resolve(socket);
      }
    };
    const onError = (e) => finish(socketError(e, `connect to ${host}:${port}`));
    const onConnect = () => finish();
    const onAbort = () => finish(new GatewayError({ httpStatusCode: 499 }, 'the client went away', 'client closed'));
    const timer = setTimeout(
      () => finish(new GatewayError({ wsaLastError: WSA.ETIMEDOUT }, `connect to ${host}:${port}: timed out after ${timeoutMs} ms`, 'connect timeout')),
      timeoutMs,
    );
    socket.once('error', onError);
    socket.once('connect', onConnect);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads exactly one TPKT frame (the X.224 Connection Confirm) from socket within timeoutMs. */
export function readConfirm(socket, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (err, frame) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.pause();
      if (err) reject(err);
      else resolve(frame);
    };
    const bad = (why) => finish(new GatewayError({ httpStatusCode: 502 }, `X.224 Connection Confirm: ${why}`, 'bad X.224 confirm'));
    const onData = (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf[0] !== 0x03) return bad(`not a TPKT frame (first byte 0x${buf[0].toString(16)})`);
      if (buf.length < 4) return;
      const len = buf.readUInt16BE(2);
      if (len < 11 || len > MAX_CONFIRM) return bad(`TPKT length ${len}`);
      if (buf.length < len) return;
      // TLS waits for our ClientHello: the server has nothing more to say yet.
      if (buf.length > len) return bad(`${buf.length - len} unexpected bytes after the confirm`);
      finish(null, buf);
    };
    const onError = (e) => finish(socketError(e, 'read the X.224 Connection Confirm'));
    const onEnd = () => bad('the server closed the connection before confirming');
    const onAbort = () => finish(new GatewayError({ httpStatusCode: 499 }, 'the client went away', 'client closed'));
    const timer = setTimeout(
      () => finish(new GatewayError({ httpStatusCode: 504 }, `no X.224 Connection Confirm within ${timeoutMs} ms`, 'confirm timeout')),
      timeoutMs,
    );
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    socket.resume();
  });
}

/**
 * What the confirm says: { tls: true, protocol } when the server chose a
 * TLS-based protocol, or { tls: false, why } for RDP_NEG_FAILURE and Standard
 * RDP Security (which a gateway that terminates TLS cannot carry).
 * Throws a GatewayError (502) for a frame that is not a Connection Confirm.
 */
export function parseConfirm(frame) {
  // TPKT (4) + X.224 CC: LI, code 0xD0, dst-ref (2), src-ref (2), class; then RDP_NEG_* (8).
  if (frame.length < 11 || (frame[5] & 0xf0) !== 0xd0)
    throw new GatewayError({ httpStatusCode: 502 }, 'the server did not answer with an X.224 Connection Confirm', 'bad X.224 confirm');
  if (frame.length < 19) return { tls: false, why: 'the server chose Standard RDP Security (no negotiation data)' };
  const type = frame[11];
  const value = frame.readUInt32LE(15);
  if (type === 0x03) return { tls: false, why: `the server refused the negotiation (RDP_NEG_FAILURE ${value})` };
  if (type !== 0x02) throw new GatewayError({ httpStatusCode: 502 }, `unknown negotiation data type ${type}`, 'bad X.224 confirm');
  if (value === 0) return { tls: false, why: 'the server chose Standard RDP Security' };
  return { tls: true, protocol: value };
}

/**
 * TLS over the connected socket. The certificate is not verified here: the
 * client verifies the chain the gateway hands it. TLS 1.0 to 1.3 and every
 * cipher OpenSSL has (SECLEVEL 0), so that old Windows servers work.
 */
export function startTls(socket, host, timeoutMs, signal) {
  return new Promise((resolve, reject) => {
    const options = {
      socket,
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    };
    if (!net.isIP(host)) options.servername = host;
    const secure = tls.connect(options);
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      secure.off('error', onError);
      secure.off('close', onClose);
      if (err) {
        secure.destroy();
        socket.destroy();
        reject(err);
      } else {
        resolve(secure);
      }
    };
    const onError = (e) => finish(tlsError(e));
    const onClose = () => finish(new GatewayError({ wsaLastError: WSA.ECONNRESET }, 'the server closed during the TLS handshake', 'TLS closed'));
    const onAbort = () => finish(new GatewayError({ httpStatusCode: 499 }, 'the client went away', 'client closed'));
    const timer = setTimeout(
      () => finish(new GatewayError({ httpStatusCode: 504 }, `TLS handshake did not finish within ${timeoutMs} ms`, 'TLS timeout')),
      timeoutMs,
    );
    secure.once('secureConnect', () => finish());
    secure.on('error', onError);
    secure.once('close', onClose);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The peer's chain as DER buffers, leaf first (each certificate once). */
export function peerChain(secure) {
  const out = [];
  const seen = new Set();
  let cert = secure.getPeerCertificate(true);
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}

/** MS-RDPEPS RDP_PRECONNECTION_PDU_V2 (id 0) carrying `payload`, as Devolutions Gateway builds it for vmconnect. */
export function encodePcbV2(payload) {
  const text = Buffer.from(`${payload}\0`, 'utf16le');
  const cch = text.length / 2;
  if (cch > 0xffff) throw new GatewayError({ httpStatusCode: 400 }, 'preconnection blob too long', 'bad request');
  const out = Buffer.alloc(16 + 2 + text.length);
  out.writeUInt32LE(out.length, 0); // cbSize
  out.writeUInt32LE(0, 4); // flags
  out.writeUInt32LE(2, 8); // version 2
  out.writeUInt32LE(0, 12); // id
  out.writeUInt16LE(cch, 16);
  text.copy(out, 18);
  return out;
}
