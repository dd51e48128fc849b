// The gateway in front of a real RDP server: FreeRDP's shadow server (TLS
// security) started by the project's peer script. A WebSocket client sends a
// real X.224 Connection Request through the gateway (with an HS256 token) and
// checks the RDCleanPath response: the confirm selects TLS, the chain's first
// certificate is the server's certificate file, the address is 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startGateway } from '../../js/gateway/server.mjs';
import { mintToken } from '../../js/gateway/token.mjs';
import * as rcp from '../../js/gateway/rdcleanpath.mjs';
import { exchange, request, wsClient, x224Request, pemToDer, until, connections, PROTOCOL_SSL, PROTOCOL_HYBRID } from './gateway_util.mjs';

const PORT = 33897;
const DEST = `127.0.0.1:${PORT}`;
const peers = fileURLToPath(new URL('../peers/', import.meta.url));
const secret = randomBytes(32);
let peer = null; // the facts the start script printed, or null
let whyNot = '';
let gw;
const lines = [];

function sh(script, args, timeout) {
  return new Promise((resolve) => {
    execFile(`${peers}${script}`, args, { timeout }, (err, stdout, stderr) => resolve({ err, stdout, stderr }));
  });
}

before(async () => {
  const r = await sh('start-freerdp-shadow.sh', ['--sec', 'tls', '--port', String(PORT), '--display', ':97'], 600000);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.err || !/server=freerdp-shadow/.test(line)) {
    whyNot = `the peer script could not start FreeRDP's shadow server: ${(r.stderr || r.err?.message || '').trim().split('\n').pop()}`;
  } else {
    peer = Object.fromEntries(line.split(' ').map((kv) => kv.split(/=(.*)/s).slice(0, 2)));
    if (!peer.cert) whyNot = 'the shadow server did not write a certificate file';
  }
  gw = await startGateway({ listen: '127.0.0.1:0', hs256Secret: secret, allow: [DEST], connectTimeoutMs: 5000, log: (l) => lines.push(l) });
});

after(async () => {
  await gw?.close();
  await sh('stop-freerdp-shadow.sh', ['--port', String(PORT)], 30000);
});

const token = () => mintToken({ destination: DEST, secret });

test('through the gateway to FreeRDP shadow (TLS): the confirm selects TLS, the chain is the server\'s certificate, the address 127.0.0.1', async (t) => {
  if (!peer?.cert) return t.skip(whyNot);
  const c = await wsClient(gw.url);
  c.ws.send(request({ destination: DEST, token: token(), x224: x224Request(PROTOCOL_SSL, 'webrdp') }));
  const pdu = rcp.decode(await c.next());
  assert.equal(rcp.classify(pdu), 'response', JSON.stringify(pdu.error));
  const cc = Buffer.from(pdu.x224ConnectionPdu);
  assert.equal(cc[0], 0x03, 'TPKT');
  assert.equal(cc.readUInt16BE(2), cc.length);
  assert.equal(cc[5] & 0xf0, 0xd0, 'X.224 Connection Confirm');
  assert.equal(cc[11], 0x02, 'RDP_NEG_RSP');
  assert.equal(cc.readUInt32LE(15), PROTOCOL_SSL, 'selectedProtocol = PROTOCOL_SSL');
  assert.ok(pdu.serverCertChain.length >= 1);
  assert.deepEqual(Buffer.from(pdu.serverCertChain[0]), pemToDer(readFileSync(peer.cert)), 'the chain starts with the server certificate');
  // Devolutions Gateway's form, which IronRDP parses as a socket address: "ip:port"
  assert.equal(pdu.serverAddr, DEST);
  assert.equal(pdu.serverAddr.split(':')[0], '127.0.0.1');
  // The tunnel is live: a TPKT the server cannot use makes it hang up, and the gateway closes the WebSocket.
  c.ws.send(Buffer.from('0300000802f08000', 'hex'));
  const { code } = await c.closed;
  assert.equal(code, 1000);
  await until(() => gw.sessions === 0 && lines.some((l) => new RegExp(`destination=${DEST} up=8 down=\\d+ .*reason="server closed"`).test(l)), 5000, 'the session log line');
  assert.equal(await connections(gw), 0);
});

test('FreeRDP shadow (TLS only) refusing an NLA-only request: negotiation error with the server\'s RDP_NEG_FAILURE', async (t) => {
  if (!peer?.cert) return t.skip(whyNot);
  const { pdu } = await exchange(gw.url, request({ destination: DEST, token: token(), x224: x224Request(PROTOCOL_HYBRID) }));
  assert.equal(rcp.classify(pdu), 'negotiation-error', JSON.stringify(pdu));
  const cc = Buffer.from(pdu.x224ConnectionPdu);
  assert.equal(cc[11], 0x03, 'RDP_NEG_FAILURE');
  t.diagnostic(`failureCode ${cc.readUInt32LE(15)}`);
});
