// One WebSocket session of the gateway: read the RDCleanPath request (buffered
// across messages, capped), authorize it, reach the server (TCP, blob, X.224,
// TLS), answer with the RDCleanPath response, then pump plaintext RDP both ways
// with backpressure. Every failure before the response is an RDCleanPath error
// PDU followed by a close; one log line when the session ends.
import * as rcp from './rdcleanpath.mjs';
import { TokenError, parseDestination, verifyToken } from './token.mjs';
import { GatewayError, connectTcp, encodePcbV2, parseConfirm, peerChain, readConfirm, startTls } from './upstream.mjs';

/** Pause the server socket while this much is queued towards the browser; resume below LOW. */
const WS_HIGH_WATER = 1024 * 1024;
const WS_LOW_WATER = 256 * 1024;

export class Session {
  constructor(ws, req, gw) {
    this.ws = ws;
    this.gw = gw;
    this.client = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    this.clientIp = req.socket.remoteAddress;
    this.destination = '-';
    this.start = Date.now();
    this.up = 0; // bytes client -> server (after the handshake)
    this.down = 0; // bytes server -> client
    this.state = 'request';
    this.pending = []; // request bytes, then client bytes that arrive before TLS is up
    this.pendingLen = 0;
    this.abort = new AbortController();
    this.server = null; // the TLS socket once up
    this.tcp = null;
    this.reason = null;
    this.closed = false;
    this.pausedForWs = false;

    this.requestTimer = setTimeout(
      () => this.fail(new GatewayError({ httpStatusCode: 408 }, `no RDCleanPath request within ${gw.requestTimeoutMs} ms`, 'request timeout')),
      gw.requestTimeoutMs,
    );
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', (code, why) => this.onClientClose(code, why));
    ws.on('error', (e) => this.finish(`client error: ${e.message}`));
  }

  onMessage(data, isBinary) {
    if (this.closed || this.state === 'failing') return;
    const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (this.state === 'pumping') {
      if (!isBinary) return this.finish('client sent a text frame', 1003);
      this.up += chunk.length;
      if (!this.server.write(chunk) && !this.ws.isPaused) {
        this.ws.pause();
        this.server.once('drain', () => this.ws.isPaused && !this.closed && this.ws.resume());
      }
      return;
    }
    if (!isBinary) {
      return this.fail(new GatewayError({ httpStatusCode: 400 }, 'the RDCleanPath request must be a binary message', 'text frame'));
    }
    this.pending.push(chunk);
    this.pendingLen += chunk.length;
    if (this.pendingLen > this.gw.maxRequestSize) {
      return this.fail(new GatewayError({ httpStatusCode: 413 }, `more than ${this.gw.maxRequestSize} bytes before the handshake`, 'request too large'));
    }
    if (this.state === 'request') this.tryRequest();
  }

  tryRequest() {
    const buf = Buffer.concat(this.pending);
    const d = rcp.detect(buf);
    if (d.status === 'invalid') {
      return this.fail(new GatewayError({ httpStatusCode: 400 }, `not an RDCleanPath request: ${d.reason}`, 'malformed request'));
    }
    if (d.status === 'more') {
      if (d.length > this.gw.maxRequestSize)
        this.fail(new GatewayError({ httpStatusCode: 413 }, `an RDCleanPath request of ${d.length} bytes is too large`, 'request too large'));
      return;
    }
    if (d.length > this.gw.maxRequestSize)
      return this.fail(new GatewayError({ httpStatusCode: 413 }, `an RDCleanPath request of ${d.length} bytes is too large`, 'request too large'));
    if (buf.length < d.length) return;
    clearTimeout(this.requestTimer);
    // Bytes after the request (none from today's clients) wait for the server.
    this.pending = buf.length > d.length ? [buf.subarray(d.length)] : [];
    this.pendingLen = buf.length - d.length;
    let pdu;
    try {
      pdu = rcp.decode(buf.subarray(0, d.length));
    } catch (e) {
      return this.fail(new GatewayError({ httpStatusCode: 400 }, e.message, 'malformed request'));
    }
    this.state = 'connecting';
    this.connect(pdu).catch((e) => this.fail(e));
  }

  /** The destination this request may reach, or a GatewayError (401 token, 403 destination, 400 request). */
  authorize(pdu) {
    const gw = this.gw;
    if (pdu.destination == null) throw new GatewayError({ httpStatusCode: 400 }, 'the request has no destination', 'malformed request');
    let asked;
    try {
      asked = parseDestination(pdu.destination);
    } catch (e) {
      throw new GatewayError({ httpStatusCode: 400 }, `destination: ${e.message}`, 'malformed request');
    }
    let target = asked;
    if (gw.insecureNoToken) {
      gw.log(`WARNING: --insecure-no-token: session from ${this.client} to ${asked.key} is not authenticated`);
    } else {
      if (!pdu.proxyAuth) throw new GatewayError({ httpStatusCode: 401 }, 'the request carries no token', 'no token');
      let v;
      try {
        v = verifyToken(pdu.proxyAuth, { rs256: gw.rs256, hs256: gw.hs256, leeway: gw.leeway });
      } catch (e) {
        if (e instanceof TokenError) throw new GatewayError({ httpStatusCode: 401 }, `token: ${e.message}`, `token ${e.reason}`);
        throw e;
      }
      target = v.destination;
      if (target.key !== asked.key) {
        throw new GatewayError(
          { httpStatusCode: 403 },
          `the client asked for ${asked.key} but the token is for ${target.key}`,
          'destination mismatch',
        );
      }
      this.claims = v.claims;
    }
    if (gw.allow && !gw.allow.has(target.key))
      throw new GatewayError({ httpStatusCode: 403 }, `${target.key} is not in the allowlist`, 'destination not allowed');
    if (this.claims) {
      // Burnt only once every check passed: a refused request does not use the token up.
      try {
        gw.replay.use(this.claims.jti, this.claims.exp);
      } catch (e) {
        throw new GatewayError({ httpStatusCode: 401 }, `token: ${e.message}`, `token ${e.reason}`);
      }
    }
    return target;
  }

  async connect(pdu) {
    const kind = rcp.classify(pdu);
    if (kind !== 'request') {
      throw new GatewayError({ httpStatusCode: 400 }, `expected an RDCleanPath request, got ${kind === 'invalid' ? 'an incomplete request' : `a ${kind}`}`, 'malformed request');
    }
    const vmconnect = pdu.x224ConnectionPdu == null;
    if (!vmconnect) checkConnectionRequest(pdu.x224ConnectionPdu);
    const target = this.authorize(pdu);
    this.destination = target.key;
    const { signal } = this.abort;
    const timeout = this.gw.connectTimeoutMs;

    this.tcp = await connectTcp(target.host, target.port, timeout, signal);
    if (this.closed) return this.tcp.destroy();
    const serverAddr = `${this.tcp.remoteFamily === 'IPv6' ? `[${this.tcp.remoteAddress}]` : this.tcp.remoteAddress}:${this.tcp.remotePort}`;
    this.tcp.on('error', () => {}); // reported by the step that is waiting on it
    let confirm;
    if (vmconnect) {
      // Hyper-V: a PCB v2 naming the VM, then TLS straight away (no X.224).
      this.tcp.write(encodePcbV2(pdu.preconnectionBlob));
    } else {
      // Devolutions Gateway writes the blob's bytes as given (a complete PCB built by the client).
      if (pdu.preconnectionBlob) this.tcp.write(Buffer.from(pdu.preconnectionBlob, 'utf8'));
      this.tcp.write(pdu.x224ConnectionPdu);
      confirm = await readConfirm(this.tcp, timeout, signal);
      const nego = parseConfirm(confirm);
      if (!nego.tls) throw new GatewayError({ negotiation: confirm }, nego.why, 'negotiation failed');
    }
    this.server = await startTls(this.tcp, target.host, timeout, signal);
    if (this.closed) return this.server.destroy();
    const response = rcp.responsePdu({ x224ConnectionPdu: confirm, serverCertChain: peerChain(this.server), serverAddr });
    this.ws.send(response);
    this.pump();
  }

  pump() {
    this.state = 'pumping';
    const server = this.server;
    const ws = this.ws;
    server.on('data', (chunk) => {
      this.down += chunk.length;
      ws.send(chunk, { binary: true }, () => this.maybeResumeServer());
      if (ws.bufferedAmount > WS_HIGH_WATER && !this.pausedForWs) {
        this.pausedForWs = true;
        server.pause();
      }
    });
    server.on('end', () => this.finish('server closed', 1000));
    server.on('close', () => this.finish('server closed', 1000));
    server.on('error', (e) => this.finish(`server error: ${e.code ?? e.message}`, 1011));
    server.on('drain', () => ws.isPaused && !this.closed && ws.resume());
    for (const chunk of this.pending) {
      this.up += chunk.length;
      server.write(chunk);
    }
    this.pending = [];
    server.resume();
  }

  maybeResumeServer() {
    if (this.pausedForWs && !this.closed && this.ws.bufferedAmount < WS_LOW_WATER) {
      this.pausedForWs = false;
      this.server.resume();
    }
  }

  /** Answers with the RDCleanPath error for err, then closes. */
  fail(err) {
    if (this.closed || this.state === 'failing') return;
    this.state = 'failing';
    if (!(err instanceof GatewayError)) err = new GatewayError({ httpStatusCode: 500 }, `internal error: ${err?.stack ?? err}`, 'internal error');
    const pdu = err.code.negotiation ? rcp.negotiationErrorPdu(err.code.negotiation) : rcp.errorPdu(err.code);
    const reason = `${err.reason}${err.message && err.message !== err.reason ? ` (${err.message})` : ''}`;
    if (this.ws.readyState === this.ws.OPEN) {
      this.ws.send(pdu, { binary: true }, () => this.finish(reason, 1000));
    } else {
      this.finish(reason);
    }
  }

  onClientClose(code) {
    this.finish(this.state === 'pumping' ? `client closed (${code})` : `client closed during the handshake (${code})`);
  }

  /** Closes both sides once and logs the session. */
  finish(reason, wsCode = 1000) {
    if (this.closed) return;
    this.closed = true;
    this.reason = reason;
    clearTimeout(this.requestTimer);
    this.abort.abort();
    // The server gets what the client sent before leaving (end, not destroy), with a deadline.
    const upstream = this.server ?? this.tcp;
    if (upstream && !upstream.destroyed) {
      upstream.end();
      const t = setTimeout(() => upstream.destroy(), 2000);
      t.unref();
      upstream.once('close', () => clearTimeout(t));
    }
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(wsCode);
      // A peer that never answers the close handshake does not hold the socket.
      const t = setTimeout(() => this.ws.terminate(), 2000);
      t.unref();
      this.ws.once('close', () => clearTimeout(t));
    }
    const seconds = ((Date.now() - this.start) / 1000).toFixed(3);
    this.gw.log(
      `session client=${this.client} destination=${this.destination} up=${this.up} down=${this.down} duration=${seconds}s reason=${JSON.stringify(reason)}`,
    );
    this.gw.sessionEnded(this);
  }
}

/** The x224_connection_pdu must be one TPKT frame holding an X.224 Connection Request. */
function checkConnectionRequest(bytes) {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why) => new GatewayError({ httpStatusCode: 400 }, `x224_connection_pdu: ${why}`, 'malformed request');
  if (b.length < 11 || b[0] !== 0x03) throw bad('not a TPKT frame');
  if (b.readUInt16BE(2) !== b.length) throw bad(`TPKT length ${b.readUInt16BE(2)} is not the ${b.length} bytes given`);
  if ((b[5] & 0xf0) !== 0xe0) throw bad('not an X.224 Connection Request');
}
