// Association tokens: minting and verification (RS256 and HS256), every
// refusal, the replay cache, and the same refusals through a running gateway
// (401 for the token, 403 for the destination).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintToken, verifyToken, parseDestination, ReplayCache, TokenError, loadSecretFile, loadProvisionerKey } from '../../js/gateway/token.mjs';
import { startGateway } from '../../js/gateway/server.mjs';
import { exchange, request, tcpServer } from './gateway_util.mjs';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const secret = randomBytes(32);
const rs256 = { rs256: publicKey };
const hs256 = { hs256: secret };
const now = Math.floor(Date.now() / 1000);

const refuses = (token, keys, reason) =>
  assert.throws(() => verifyToken(token, keys), (e) => e instanceof TokenError && e.reason === reason, reason);

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

for (const [alg, keys, signing] of [['RS256', rs256, { key: privateKey }], ['HS256', hs256, { secret }]]) {
  test(`${alg}: a good token verifies and names its destination`, () => {
    const t = mintToken({ destination: 'Server.Example:3390', alg, ...signing });
    const { claims, destination } = verifyToken(t, keys);
    assert.equal(destination.key, 'server.example:3390');
    assert.equal(claims.jet_cm, 'fwd');
    assert.equal(claims.jet_ap, 'rdp');
    assert.match(claims.jti, /^[0-9a-f-]{36}$/);
    const [h] = t.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(h, 'base64url')), { typ: 'JWT', cty: 'ASSOCIATION', alg });
  });

  test(`${alg}: expired, not yet valid (beyond the clock skew allowance), accepted within it`, () => {
    refuses(mintToken({ destination: 'h:1', alg, ...signing, now: now - 600, expiresIn: 60 }), keys, 'expired');
    refuses(mintToken({ destination: 'h:1', alg, ...signing, notBefore: 600 }), keys, 'not-yet-valid');
    // 30 s of skew either way is tolerated (the allowance is 60 s)
    verifyToken(mintToken({ destination: 'h:1', alg, ...signing, now: now - 90, expiresIn: 60 }), keys);
    verifyToken(mintToken({ destination: 'h:1', alg, ...signing, notBefore: 30 }), keys);
  });

  test(`${alg}: a bad signature, a tampered payload and claims that are not an RDP association are refused`, () => {
    const t = mintToken({ destination: 'h:1', alg, ...signing });
    const [h, p, s] = t.split('.');
    const flipped = Buffer.from(s, 'base64url');
    flipped[0] ^= 1;
    refuses(`${h}.${p}.${flipped.toString('base64url')}`, keys, 'bad-signature');
    const claims = JSON.parse(Buffer.from(p, 'base64url'));
    refuses(`${h}.${b64({ ...claims, dst_hst: 'evil:3389' })}.${s}`, keys, 'bad-signature');
    const wrongKey = alg === 'RS256' ? { key: other.privateKey } : { secret: randomBytes(32) };
    refuses(mintToken({ destination: 'h:1', alg, ...wrongKey }), keys, 'bad-signature');
    refuses(mintToken({ destination: 'h:1', alg, ...signing, jetCm: 'rdv' }), keys, 'wrong-type');
    refuses(mintToken({ destination: 'h:1', alg, ...signing, jetAp: 'ssh' }), keys, 'wrong-type');
    refuses(mintToken({ destination: 'h:1', alg, ...signing, header: { cty: 'SCOPE' } }), keys, 'wrong-type');
    refuses(mintToken({ destination: 'h:1', alg, ...signing, claims: { jti: undefined } }), keys, 'malformed');
    refuses(mintToken({ destination: undefined, alg, ...signing }), keys, 'malformed');
    refuses(mintToken({ destination: 'h:1', alg, ...signing, claims: { exp: undefined } }), keys, 'malformed');
    refuses('a.b', keys, 'malformed');
    refuses('', keys, 'missing');
    refuses(`${h}.${p}.${s}.x.y`, keys, 'malformed');
    refuses(`${h}.${p}.${s}!`, keys, 'malformed');
  });
}

test('wrong algorithm: alg none, HS256 when only RS256 is configured (even keyed by the public key), RS256 when only HS256', () => {
  refuses(mintToken({ destination: 'h:1', alg: 'none' }), rs256, 'wrong-algorithm');
  refuses(mintToken({ destination: 'h:1', alg: 'none' }), hs256, 'wrong-algorithm');
  // The classic confusion: an HS256 token whose HMAC key is the RS256 public key's PEM.
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  refuses(mintToken({ destination: 'h:1', alg: 'HS256', secret: pem }), rs256, 'wrong-algorithm');
  refuses(mintToken({ destination: 'h:1', alg: 'RS256', key: privateKey }), hs256, 'wrong-algorithm');
  const forged = (alg) => {
    const input = `${b64({ alg, typ: 'JWT' })}.${b64({ dst_hst: 'h:1', jet_cm: 'fwd', exp: now + 60, jti: 'x' })}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  refuses(forged('HS512'), hs256, 'wrong-algorithm');
  refuses(forged('hs256'), hs256, 'wrong-algorithm');
  refuses(forged(undefined), hs256, 'wrong-algorithm');
  verifyToken(forged('HS256'), hs256);
  // both configured: each algorithm with its own key
  const both = { ...rs256, ...hs256 };
  verifyToken(mintToken({ destination: 'h:1', alg: 'RS256', key: privateKey }), both);
  verifyToken(mintToken({ destination: 'h:1', alg: 'HS256', secret }), both);
});

test('destinations: host:port forms as Devolutions Gateway writes them', () => {
  assert.equal(parseDestination('Host.Example').key, 'host.example:3389');
  assert.equal(parseDestination('tcp://10.0.0.1:3390').key, '10.0.0.1:3390');
  assert.equal(parseDestination('[::1]:3389').key, '[::1]:3389');
  for (const bad of ['', 'h:0', 'h:70000', 'http://h:1', 'a b:1', '::1:3389', 'h:1/x', 'user@h:1']) assert.throws(() => parseDestination(bad), bad);
});

test('the replay cache refuses a second use until the token expires', () => {
  const c = new ReplayCache({ leeway: 60 });
  c.use('a', 1000, 900);
  assert.throws(() => c.use('a', 1000, 950), (e) => e.reason === 'replayed');
  c.use('b', 1000, 950);
  c.prune(1061);
  assert.equal(c.size, 0);
  c.use('a', 2000, 1061); // forgotten once expired (a token that old is refused as expired anyway)
});

test('key files: a short HS256 secret is refused, one trailing newline is not part of it; the provisioner key must be RSA', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'webrdp-gw-keys-'));
  try {
    writeFileSync(path.join(dir, 's'), `${'k'.repeat(32)}\n`);
    assert.equal(loadSecretFile(path.join(dir, 's')).toString(), 'k'.repeat(32));
    writeFileSync(path.join(dir, 'short'), 'short\n');
    assert.throws(() => loadSecretFile(path.join(dir, 'short')), /at least 32 bytes/);
    writeFileSync(path.join(dir, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    assert.equal(loadProvisionerKey(path.join(dir, 'pub.pem')).asymmetricKeyType, 'rsa');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(path.join(dir, 'ec.pem'), ec.publicKey.export({ type: 'spki', format: 'pem' }));
    assert.throws(() => loadProvisionerKey(path.join(dir, 'ec.pem')), /RSA/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- through the gateway: the refusals come back as RDCleanPath errors ----

let gw, server, lines;
before(async () => {
  // A server that accepts and never confirms: an accepted token shows up as HTTP 504 with a short timeout.
  server = await tcpServer(() => {});
  lines = [];
  gw = await startGateway({
    listen: '127.0.0.1:0', provisionerKey: publicKey, hs256Secret: secret, connectTimeoutMs: 300,
    allow: [server.dest, '127.0.0.1:1'], log: (l) => lines.push(l),
  });
});
after(async () => {
  await gw.close();
  await server.close();
});

const httpStatus = async (req) => (await exchange(gw.url, req)).pdu.error;

for (const [alg, signing] of [['RS256', { key: privateKey }], ['HS256', { secret }]]) {
  test(`gateway, ${alg}: 401 for expired, not yet valid, bad signature, wrong algorithm, replay; 403 for another destination`, async () => {
    const dest = server.dest;
    const t = (o = {}) => mintToken({ destination: dest, alg, ...signing, ...o });
    assert.deepEqual(await httpStatus(request({ destination: dest, token: t({ now: now - 600, expiresIn: 60 }) })), { errorCode: 1, httpStatusCode: 401 });
    assert.deepEqual(await httpStatus(request({ destination: dest, token: t({ notBefore: 600 }) })), { errorCode: 1, httpStatusCode: 401 });
    const good = t();
    const [h, p, s] = good.split('.');
    assert.deepEqual(await httpStatus(request({ destination: dest, token: `${h}.${p}.${s.slice(0, -4)}AAAA` })), { errorCode: 1, httpStatusCode: 401 });
    assert.deepEqual(await httpStatus(request({ destination: dest, token: mintToken({ destination: dest, alg: 'none' }) })), { errorCode: 1, httpStatusCode: 401 });
    // the client's destination differs from the token's
    assert.deepEqual(await httpStatus(request({ destination: '127.0.0.1:1', token: good })), { errorCode: 1, httpStatusCode: 403 });
    // a token for a destination outside the allowlist
    const elsewhere = mintToken({ destination: '10.1.2.3:3389', alg, ...signing });
    assert.deepEqual(await httpStatus(request({ destination: '10.1.2.3:3389', token: elsewhere })), { errorCode: 1, httpStatusCode: 403 });
    // accepted (the server never confirms: 504), then the same token again: replay
    assert.deepEqual(await httpStatus(request({ destination: dest, token: good })), { errorCode: 1, httpStatusCode: 504 });
    assert.deepEqual(await httpStatus(request({ destination: dest, token: good })), { errorCode: 1, httpStatusCode: 401 });
    assert.ok(lines.some((l) => /reason="token replayed/.test(l)), 'the log names the replay');
    assert.ok(lines.some((l) => /reason="destination mismatch/.test(l)), 'the log names the mismatch');
    assert.equal(gw.sessions, 0);
  });
}

test('gateway: a request without a token is 401', async () => {
  const pdu = (await exchange(gw.url, request({ destination: server.dest, token: '' }))).pdu;
  assert.deepEqual(pdu.error, { errorCode: 1, httpStatusCode: 401 });
});
