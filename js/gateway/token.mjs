// Association tokens: JWTs compatible with Devolutions Gateway's claims
// (dst_hst, jet_ap, jet_cm, jet_aid, exp, nbf, jti), signed RS256 by a
// provisioner key or, for a simple deployment, HS256 with a shared secret.
// node:crypto only; no JWT library.
import { createHmac, createPrivateKey, createPublicKey, randomUUID, sign, timingSafeEqual, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/** Seconds of clock difference tolerated on exp and nbf. */
export const DEFAULT_LEEWAY_S = 60;
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
export const MIN_HS256_SECRET_BYTES = 32;

export class TokenError extends Error {
  /** reason: a short word for logs and tests (expired, not-yet-valid, bad-signature, ...). */
  constructor(reason, message) {
    super(message);
    this.name = 'TokenError';
    this.reason = reason;
  }
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function b64urlDecode(part, what) {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new TokenError('malformed', `the token's ${what} is not base64url`);
  return Buffer.from(part, 'base64url');
}

/** Reads an HS256 secret file; one trailing newline (as `echo` writes) is not part of the secret. */
export function loadSecretFile(file) {
  const raw = readFileSync(file);
  let end = raw.length;
  if (end && raw[end - 1] === 0x0a) end--;
  if (end && raw[end - 1] === 0x0d) end--;
  return checkSecret(raw.subarray(0, end), file);
}

function checkSecret(secret, where = 'the HS256 secret') {
  const buf = Buffer.isBuffer(secret) ? secret : Buffer.from(secret);
  if (buf.length < MIN_HS256_SECRET_BYTES)
    throw new Error(`${where}: an HS256 secret needs at least ${MIN_HS256_SECRET_BYTES} bytes, it has ${buf.length}`);
  return buf;
}

/** Reads the provisioner's RSA public key (PEM: SPKI, PKCS#1, or a certificate). */
export function loadProvisionerKey(file) {
  return checkRsaPublic(createPublicKey(readFileSync(file)), file);
}

function checkRsaPublic(key, where = 'the provisioner key') {
  const k = key && key.type ? key : createPublicKey(key);
  if (k.type !== 'public' && k.type !== 'private') throw new Error(`${where} is not an RSA key`);
  const pub = k.type === 'private' ? createPublicKey(k) : k;
  if (pub.asymmetricKeyType !== 'rsa') throw new Error(`${where} is a ${pub.asymmetricKeyType} key; RS256 needs RSA`);
  return pub;
}

// ---- destinations ----

/**
 * "host:port" → { host, port, key } with the host lower-cased, IPv6 in
 * brackets, the port 3389 when absent, and an optional tcp:// scheme dropped
 * (Devolutions Gateway's TargetAddr accepts those forms). Throws on anything else.
 */
export function parseDestination(text, defaultPort = 3389) {
  if (typeof text !== 'string' || !text.trim()) throw new Error('empty destination');
  let s = text.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
  if (scheme) {
    if (scheme[1].toLowerCase() !== 'tcp') throw new Error(`destination scheme ${scheme[1]} is not tcp`);
    s = s.slice(scheme[0].length);
  }
  let host, port;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) {
    host = v6[1];
    port = v6[2];
    if (isIP(host) !== 6) throw new Error(`${text}: not an IPv6 address in brackets`);
  } else {
    const m = /^([^:\s/?#@]+)(?::(\d+))?$/.exec(s);
    if (!m) throw new Error(`${text}: expected host:port`);
    host = m[1];
    port = m[2];
  }
  const p = port === undefined ? defaultPort : Number(port);
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`${text}: port out of range`);
  host = host.toLowerCase().replace(/\.$/, '');
  const key = isIP(host) === 6 ? `[${host}]:${p}` : `${host}:${p}`;
  return { host, port: p, key };
}

// ---- minting ----

/**
 * Mints an association token for `destination` ("host:port").
 *   alg 'HS256' with `secret` (Buffer or string, ≥ 32 bytes) or 'RS256' with
 *   `key` (private key: PEM or KeyObject); alg defaults to whichever is given.
 *   expiresIn (seconds, default 300), notBefore (seconds from now, default 0),
 *   now (seconds since the epoch, for tests), jti / jetAid (UUIDs by default),
 *   jetAp 'rdp', jetCm 'fwd', claims (extra or overriding claims), header (extra header fields).
 */
export function mintToken({
  destination,
  key,
  secret,
  alg,
  expiresIn = 300,
  notBefore = 0,
  now = Math.floor(Date.now() / 1000),
  jti = randomUUID(),
  jetAid = randomUUID(),
  jetAp = 'rdp',
  jetCm = 'fwd',
  claims = {},
  header = {},
} = {}) {
  alg = alg ?? (secret != null ? 'HS256' : 'RS256');
  const payload = {
    jet_aid: jetAid,
    jet_ap: jetAp,
    jet_cm: jetCm,
    dst_hst: destination,
    iat: now,
    nbf: now + notBefore,
    exp: now + expiresIn,
    jti,
    ...claims,
  };
  if (payload.dst_hst == null) delete payload.dst_hst;
  const head = { typ: 'JWT', cty: 'ASSOCIATION', alg, ...header };
  const input = `${b64url(JSON.stringify(head))}.${b64url(JSON.stringify(payload))}`;
  let sig;
  if (alg === 'HS256') {
    if (secret == null) throw new Error('mintToken: HS256 needs a secret');
    sig = createHmac('sha256', checkSecret(secret)).update(input).digest();
  } else if (alg === 'RS256') {
    if (key == null) throw new Error('mintToken: RS256 needs a private key');
    sig = sign('sha256', Buffer.from(input), key.type ? key : createPrivateKey(key));
  } else if (alg === 'none') {
    sig = Buffer.alloc(0); // only for tests of the refusal
  } else {
    throw new Error(`mintToken: unsupported alg ${alg}`);
  }
  return `${input}.${b64url(sig)}`;
}

// ---- verification ----

/**
 * Verifies a token and its claims; returns { claims, destination (parsed dst_hst) }
 * or throws a TokenError. keys: { rs256: KeyObject (public), hs256: Buffer }; a
 * token is accepted only with the algorithm of a configured key (no alg none, no
 * HS256 keyed by the RS256 public key).
 */
export function verifyToken(token, { rs256, hs256, now = Date.now() / 1000, leeway = DEFAULT_LEEWAY_S } = {}) {
  if (typeof token !== 'string' || !token) throw new TokenError('missing', 'no token');
  const parts = token.split('.');
  if (parts.length !== 3) {
    throw new TokenError('malformed', parts.length === 5 ? 'encrypted (JWE) tokens are not supported' : 'not a JWS compact token');
  }
  let header, claims;
  try {
    header = JSON.parse(b64urlDecode(parts[0], 'header').toString('utf8'));
    claims = JSON.parse(b64urlDecode(parts[1], 'payload').toString('utf8'));
  } catch (e) {
    if (e instanceof TokenError) throw e;
    throw new TokenError('malformed', 'the token header or payload is not JSON');
  }
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object' || Array.isArray(claims))
    throw new TokenError('malformed', 'the token header or payload is not a JSON object');
  if (header.crit !== undefined) throw new TokenError('malformed', 'critical header extensions are not supported');
  if (header.cty !== undefined && String(header.cty).toUpperCase() !== 'ASSOCIATION')
    throw new TokenError('wrong-type', `token content type ${header.cty} is not ASSOCIATION`);

  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = b64urlDecode(parts[2], 'signature');
  const alg = header.alg;
  if (alg === 'RS256' && rs256) {
    let ok = false;
    try {
      ok = verify('sha256', input, rs256, sig);
    } catch {
      ok = false;
    }
    if (!ok) throw new TokenError('bad-signature', 'the token signature does not verify');
  } else if (alg === 'HS256' && hs256) {
    const want = createHmac('sha256', hs256).update(input).digest();
    if (sig.length !== want.length || !timingSafeEqual(sig, want))
      throw new TokenError('bad-signature', 'the token signature does not verify');
  } else {
    const accepted = [rs256 && 'RS256', hs256 && 'HS256'].filter(Boolean).join(' or ') || 'nothing';
    throw new TokenError('wrong-algorithm', `token algorithm ${JSON.stringify(alg)} is not accepted (${accepted} is)`);
  }

  if (typeof claims.exp !== 'number') throw new TokenError('malformed', 'the token has no exp');
  if (now > claims.exp + leeway) throw new TokenError('expired', `the token expired at ${iso(claims.exp)}`);
  if (claims.nbf !== undefined) {
    if (typeof claims.nbf !== 'number') throw new TokenError('malformed', 'nbf is not a number');
    if (now + leeway < claims.nbf) throw new TokenError('not-yet-valid', `the token is not valid before ${iso(claims.nbf)}`);
  }
  if (typeof claims.jti !== 'string' || !claims.jti) throw new TokenError('malformed', 'the token has no jti');
  if (claims.type !== undefined && claims.type !== 'association')
    throw new TokenError('wrong-type', `token type ${claims.type} is not association`);
  if (claims.jet_cm !== 'fwd') throw new TokenError('wrong-type', `connection mode ${JSON.stringify(claims.jet_cm)} is not fwd`);
  if (claims.jet_ap !== undefined && claims.jet_ap !== 'rdp')
    throw new TokenError('wrong-type', `application protocol ${JSON.stringify(claims.jet_ap)} is not rdp`);
  let destination;
  try {
    destination = parseDestination(claims.dst_hst);
  } catch (e) {
    throw new TokenError('malformed', `dst_hst: ${e.message}`);
  }
  return { claims, destination };
}

const iso = (s) => new Date(s * 1000).toISOString();

/** The jti of every accepted token until it expires: a second use is a replay. */
export class ReplayCache {
  constructor({ leeway = DEFAULT_LEEWAY_S, max = 100000 } = {}) {
    this.leeway = leeway;
    this.max = max;
    this.seen = new Map(); // jti -> forget after (seconds)
    this.lastPrune = 0;
  }

  /** Records jti; throws TokenError('replayed') when it is already there. */
  use(jti, exp, now = Date.now() / 1000) {
    if (now - this.lastPrune >= 10 || this.seen.size >= this.max) this.prune(now);
    if (this.seen.has(jti)) throw new TokenError('replayed', 'the token was already used (jti seen before)');
    if (this.seen.size >= this.max) throw new TokenError('replay-cache-full', 'too many live tokens');
    this.seen.set(jti, exp + this.leeway);
  }

  prune(now = Date.now() / 1000) {
    this.lastPrune = now;
    for (const [jti, until] of this.seen) if (until < now) this.seen.delete(jti);
  }

  get size() {
    return this.seen.size;
  }
}
