// RDCleanPath PDU in DER, as IronRDP's ironrdp-rdcleanpath defines it (the
// same module as include/webrdp/rdcleanpath.h on the C side). Every field tag
// is EXPLICIT and context-specific:
//
//   RDCleanPathPdu ::= SEQUENCE {
//     version [0] INTEGER (3390), error [1] RDCleanPathErr OPTIONAL,
//     destination [2] UTF8String OPTIONAL, proxyAuth [3] UTF8String OPTIONAL,
//     serverAuth [4] UTF8String OPTIONAL, preconnectionBlob [5] UTF8String OPTIONAL,
//     x224ConnectionPdu [6] OCTET STRING OPTIONAL,
//     serverCertChain [7] SEQUENCE OF OCTET STRING OPTIONAL, serverAddr [9] UTF8String OPTIONAL }
//   RDCleanPathErr ::= SEQUENCE { errorCode [0] INTEGER, httpStatusCode [1] INTEGER OPTIONAL,
//     wsaLastError [2] INTEGER OPTIONAL, tlsAlertCode [3] INTEGER OPTIONAL }
//
// Decoded PDUs are plain objects: { version, error?: { errorCode, httpStatusCode?,
// wsaLastError?, tlsAlertCode? }, destination?, proxyAuth?, serverAuth?,
// preconnectionBlob?, x224ConnectionPdu?: Uint8Array, serverCertChain?: Uint8Array[],
// serverAddr? }. Absent fields are undefined.

export const VERSION = 3390;
export const GENERAL_ERROR_CODE = 1;
export const NEGOTIATION_ERROR_CODE = 2;
/** Largest request the gateway buffers before it answers with an error. */
export const MAX_REQUEST_SIZE = 64 * 1024;

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const UTF8_STRING = 0x0c;
const ctx = (n) => 0xa0 | n;

const STRING_FIELDS = [
  [2, 'destination'],
  [3, 'proxyAuth'],
  [4, 'serverAuth'],
  [5, 'preconnectionBlob'],
];

export class RDCleanPathDecodeError extends Error {
  constructor(message) {
    super(`RDCleanPath: ${message}`);
    this.name = 'RDCleanPathDecodeError';
  }
}

const fail = (message) => {
  throw new RDCleanPathDecodeError(message);
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8enc = new TextEncoder();

// ---- decode ----

/** A DER header at bytes[pos]: { tag, len, start (of the content) } or 'more' when truncated. */
function readHeader(bytes, pos, end) {
  if (pos >= end) return 'more';
  const tag = bytes[pos];
  if ((tag & 0x1f) === 0x1f) fail(`multi-byte tag at offset ${pos}`);
  if (pos + 1 >= end) return 'more';
  let b = bytes[pos + 1];
  let p = pos + 2;
  let len;
  if (b < 0x80) {
    len = b;
  } else {
    const n = b & 0x7f;
    if (n === 0) fail(`indefinite length at offset ${pos}`);
    if (n > 4) fail(`length of ${n} octets at offset ${pos}`);
    if (p + n > end) return 'more';
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p + i];
    if (len < 0x80 || bytes[p] === 0) fail(`length at offset ${pos} is not in its shortest (DER) form`);
    p += n;
  }
  return { tag, len, start: p };
}

/** Reads one TLV with `tag` inside [pos, end); returns { start, end } of its content. */
function expect(bytes, pos, end, tag, field) {
  const h = readHeader(bytes, pos, end);
  if (h === 'more') fail(`${field}: truncated`);
  if (h.tag !== tag) fail(`${field}: expected tag 0x${tag.toString(16)}, found 0x${h.tag.toString(16)}`);
  if (h.start + h.len > end) fail(`${field}: truncated`);
  return { start: h.start, end: h.start + h.len };
}

function readUint(bytes, r, max, field) {
  const n = r.end - r.start;
  if (n === 0) fail(`${field}: empty INTEGER`);
  if (bytes[r.start] & 0x80) fail(`${field}: negative INTEGER`);
  if (n > 1 && bytes[r.start] === 0 && !(bytes[r.start + 1] & 0x80)) fail(`${field}: INTEGER not in DER form`);
  if (n > 9) fail(`${field}: INTEGER too large`);
  let v = 0n;
  for (let i = r.start; i < r.end; i++) v = (v << 8n) | BigInt(bytes[i]);
  if (v > BigInt(max)) fail(`${field}: ${v} is out of range (at most ${max})`);
  return Number(v);
}

/** [n] EXPLICIT wrapper around one value of `tag`; returns the inner content range and the next offset. */
function explicit(bytes, pos, end, n, tag, field) {
  const outer = expect(bytes, pos, end, ctx(n), field);
  const inner = expect(bytes, outer.start, outer.end, tag, field);
  if (inner.end !== outer.end) fail(`${field}: trailing bytes inside [${n}]`);
  return { inner, next: outer.end };
}

function decodeErr(bytes, r) {
  const seq = expect(bytes, r.start, r.end, SEQUENCE, 'error');
  if (seq.end !== r.end) fail('error: trailing bytes');
  const e = {};
  let pos = seq.start;
  const fields = [
    [0, 'errorCode', 0xffff],
    [1, 'httpStatusCode', 0xffff],
    [2, 'wsaLastError', 0xffff],
    [3, 'tlsAlertCode', 0xff],
  ];
  for (const [n, name, max] of fields) {
    if (pos >= seq.end || bytes[pos] !== ctx(n)) {
      if (n === 0) fail('error: errorCode is missing');
      continue;
    }
    const { inner, next } = explicit(bytes, pos, seq.end, n, INTEGER, `error.${name}`);
    e[name] = readUint(bytes, inner, max, `error.${name}`);
    pos = next;
  }
  if (pos !== seq.end) fail(`error: unexpected field with tag 0x${bytes[pos].toString(16)} (or out of order)`);
  return e;
}

/** Decodes one whole PDU; `bytes` must hold exactly one (trailing bytes are an error). */
export function decode(bytes) {
  bytes = toU8(bytes);
  const outer = expect(bytes, 0, bytes.length, SEQUENCE, 'RDCleanPathPdu');
  if (outer.end !== bytes.length) fail(`${bytes.length - outer.end} trailing bytes after the PDU`);
  const end = outer.end;
  const pdu = {};
  const v = explicit(bytes, outer.start, end, 0, INTEGER, 'version');
  pdu.version = readUint(bytes, v.inner, Number.MAX_SAFE_INTEGER, 'version');
  if (pdu.version !== VERSION) fail(`version ${pdu.version} is not supported (only ${VERSION} is)`);
  let pos = v.next;
  let last = 0;
  while (pos < end) {
    const tag = bytes[pos];
    if ((tag & 0xe0) !== 0xa0 || (tag & 0x1f) === 0x1f) fail(`tag 0x${tag.toString(16)} is not a context-specific field`);
    const n = tag & 0x1f;
    if (n <= last) fail(`field [${n}] repeated or out of order`);
    last = n;
    if (n === 1) {
      const r = expect(bytes, pos, end, ctx(1), 'error');
      pdu.error = decodeErr(bytes, r);
      pos = r.end;
    } else if (n >= 2 && n <= 5 || n === 9) {
      const name = n === 9 ? 'serverAddr' : STRING_FIELDS[n - 2][1];
      const { inner, next } = explicit(bytes, pos, end, n, UTF8_STRING, name);
      try {
        pdu[name] = utf8.decode(bytes.subarray(inner.start, inner.end));
      } catch {
        fail(`${name} is not valid UTF-8`);
      }
      pos = next;
    } else if (n === 6) {
      const { inner, next } = explicit(bytes, pos, end, 6, OCTET_STRING, 'x224ConnectionPdu');
      pdu.x224ConnectionPdu = bytes.slice(inner.start, inner.end);
      pos = next;
    } else if (n === 7) {
      const { inner, next } = explicit(bytes, pos, end, 7, SEQUENCE, 'serverCertChain');
      pdu.serverCertChain = [];
      let p = inner.start;
      while (p < inner.end) {
        const c = expect(bytes, p, inner.end, OCTET_STRING, 'serverCertChain');
        pdu.serverCertChain.push(bytes.slice(c.start, c.end));
        p = c.end;
      }
      pos = next;
    } else {
      fail(`unknown field [${n}]`);
    }
  }
  return pdu;
}

/**
 * Framing, like IronRDP's RDCleanPathPdu::detect: looks at the start of a
 * possibly partial buffer. Returns { status: 'more' } when more bytes are
 * needed, { status: 'ok', length } once the outer header and the version are
 * there, or { status: 'invalid', reason } when this cannot be an RDCleanPath PDU.
 */
export function detect(bytes) {
  bytes = toU8(bytes);
  if (bytes.length && bytes[0] !== SEQUENCE) return { status: 'invalid', reason: 'the first byte is not a DER SEQUENCE tag (0x30)' };
  try {
    const h = readHeader(bytes, 0, bytes.length);
    if (h === 'more') return { status: 'more' };
    if (h.tag !== SEQUENCE) return { status: 'invalid', reason: 'the first byte is not a DER SEQUENCE tag (0x30)' };
    const length = h.start + h.len;
    const end = Math.min(bytes.length, length);
    const vh = readHeader(bytes, h.start, end);
    if (vh === 'more') return { status: 'more', length };
    if (vh.tag !== ctx(0)) return { status: 'invalid', reason: 'the first field is not the version [0]' };
    const ih = readHeader(bytes, vh.start, end);
    if (ih === 'more') return { status: 'more', length };
    if (ih.tag !== INTEGER) return { status: 'invalid', reason: 'the version is not an INTEGER' };
    if (ih.start + ih.len > end) return { status: 'more', length };
    const version = readUint(bytes, { start: ih.start, end: ih.start + ih.len }, Number.MAX_SAFE_INTEGER, 'version');
    if (version !== VERSION) return { status: 'invalid', reason: `version ${version} is not ${VERSION}` };
    return { status: 'ok', length };
  } catch (e) {
    return { status: 'invalid', reason: e.message };
  }
}

// ---- encode ----

function lengthBytes(n) {
  if (n < 0x80) return [n];
  const out = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

/** A TLV as an array of chunks (Uint8Array or number[]), with its total size. */
function tlv(tag, parts) {
  const size = parts.reduce((s, p) => s + p.length, 0);
  const head = [tag, ...lengthBytes(size)];
  return { parts: [head, ...parts], length: head.length + size };
}

function flat(t) {
  const out = [];
  for (const p of t.parts) {
    if (p.parts) out.push(...flat(p));
    else out.push(p);
  }
  return out;
}

const node = tlv; // children may be TLVs themselves: flat() walks them

function uintBytes(v) {
  if (!Number.isInteger(v) || v < 0) throw new TypeError(`RDCleanPath: ${v} is not an unsigned integer`);
  const out = [];
  let x = BigInt(v);
  do {
    out.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if (out[0] & 0x80) out.unshift(0);
  return out;
}

const integer = (v) => tlv(INTEGER, [uintBytes(v)]);
const explicitNode = (n, inner) => node(ctx(n), [inner]);

function checkedUint(v, max, field) {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new TypeError(`RDCleanPath ${field}: ${v} is not in 0..${max}`);
  return v;
}

/** Encodes a PDU object (the shape decode() returns) to DER bytes. */
export function encode(pdu) {
  const version = pdu.version ?? VERSION;
  if (version !== VERSION) throw new TypeError(`RDCleanPath: version ${version} is not supported`);
  const fields = [explicitNode(0, integer(version))];
  if (pdu.error) {
    const e = pdu.error;
    const items = [explicitNode(0, integer(checkedUint(e.errorCode, 0xffff, 'errorCode')))];
    if (e.httpStatusCode != null) items.push(explicitNode(1, integer(checkedUint(e.httpStatusCode, 0xffff, 'httpStatusCode'))));
    if (e.wsaLastError != null) items.push(explicitNode(2, integer(checkedUint(e.wsaLastError, 0xffff, 'wsaLastError'))));
    if (e.tlsAlertCode != null) items.push(explicitNode(3, integer(checkedUint(e.tlsAlertCode, 0xff, 'tlsAlertCode'))));
    fields.push(explicitNode(1, node(SEQUENCE, items)));
  }
  for (const [n, name] of STRING_FIELDS) {
    if (pdu[name] != null) fields.push(explicitNode(n, tlv(UTF8_STRING, [utf8enc.encode(String(pdu[name]))])));
  }
  if (pdu.x224ConnectionPdu != null) fields.push(explicitNode(6, tlv(OCTET_STRING, [toU8(pdu.x224ConnectionPdu)])));
  if (pdu.serverCertChain != null) {
    fields.push(explicitNode(7, node(SEQUENCE, pdu.serverCertChain.map((c) => tlv(OCTET_STRING, [toU8(c)])))));
  }
  if (pdu.serverAddr != null) fields.push(explicitNode(9, tlv(UTF8_STRING, [utf8enc.encode(String(pdu.serverAddr))])));
  const top = node(SEQUENCE, fields);
  const out = new Uint8Array(top.length);
  let off = 0;
  for (const chunk of flat(top)) {
    out.set(chunk, off);
    off += chunk.length;
  }
  return out;
}

// ---- the PDUs a gateway sends (IronRDP's constructors) ----

/** General error (code 1) with any of httpStatusCode, wsaLastError, tlsAlertCode. */
export function errorPdu({ httpStatusCode, wsaLastError, tlsAlertCode } = {}) {
  return encode({ version: VERSION, error: { errorCode: GENERAL_ERROR_CODE, httpStatusCode, wsaLastError, tlsAlertCode } });
}

/** Negotiation error (code 2) carrying the server's X.224 Connection Confirm. */
export function negotiationErrorPdu(x224ConnectionConfirm) {
  return encode({ version: VERSION, error: { errorCode: NEGOTIATION_ERROR_CODE }, x224ConnectionPdu: x224ConnectionConfirm });
}

/** Success: the X.224 confirm (absent for vmconnect), the server's chain (DER, leaf first), its address. */
export function responsePdu({ x224ConnectionPdu, serverCertChain, serverAddr }) {
  return encode({ version: VERSION, x224ConnectionPdu, serverCertChain, serverAddr });
}

/** What a decoded PDU is, in IronRDP's order: 'request', 'response', 'general-error', 'negotiation-error' or 'invalid'. */
export function classify(pdu) {
  if (pdu.destination != null) {
    if (pdu.proxyAuth == null) return 'invalid';
    if (pdu.x224ConnectionPdu == null && !(pdu.preconnectionBlob && pdu.preconnectionBlob.trim())) return 'invalid';
    return 'request';
  }
  if (pdu.serverAddr != null) return pdu.serverCertChain ? 'response' : 'invalid';
  if (!pdu.error) return 'invalid';
  return pdu.error.errorCode === NEGOTIATION_ERROR_CODE && pdu.x224ConnectionPdu ? 'negotiation-error' : 'general-error';
}

function toU8(b) {
  if (b instanceof Uint8Array) return b;
  if (ArrayBuffer.isView(b)) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (b instanceof ArrayBuffer) return new Uint8Array(b);
  if (Array.isArray(b)) return Uint8Array.from(b);
  throw new TypeError('RDCleanPath: expected bytes');
}
