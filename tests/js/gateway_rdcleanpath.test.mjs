// The gateway's RDCleanPath DER codec against IronRDP's vectors, byte for byte,
// and against malformed input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as rcp from '../../js/gateway/rdcleanpath.mjs';

const dir = new URL('../vectors/rdcleanpath/', import.meta.url);
const vectors = JSON.parse(readFileSync(new URL('vectors.json', dir), 'utf8'));
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
const hex = (b) => Buffer.from(b).toString('hex');

/** The manifest's decoded_fields form of a decoded PDU. */
function asManifest(pdu) {
  const out = { version: pdu.version };
  if (pdu.error) {
    out.error = { error_code: pdu.error.errorCode };
    if (pdu.error.httpStatusCode !== undefined) out.error.http_status_code = pdu.error.httpStatusCode;
    if (pdu.error.wsaLastError !== undefined) out.error.wsa_last_error = pdu.error.wsaLastError;
    if (pdu.error.tlsAlertCode !== undefined) out.error.tls_alert_code = pdu.error.tlsAlertCode;
  }
  for (const [k, n] of [['destination', 'destination'], ['proxyAuth', 'proxy_auth'], ['serverAuth', 'server_auth'], ['preconnectionBlob', 'preconnection_blob'], ['serverAddr', 'server_addr']])
    if (pdu[k] !== undefined) out[n] = pdu[k];
  if (pdu.x224ConnectionPdu) out.x224_connection_pdu_hex = hex(pdu.x224ConnectionPdu);
  if (pdu.serverCertChain) out.server_cert_chain_hex = pdu.serverCertChain.map(hex);
  return out;
}

for (const entry of manifest.entries.filter((e) => e.file.endsWith('.der'))) {
  test(`vector ${entry.file}: decode gives the fields, encode gives the same bytes, detect the length`, () => {
    const bytes = readFileSync(new URL(entry.file.replace('rdcleanpath/', ''), dir));
    assert.equal(bytes.length, entry.size);
    const pdu = rcp.decode(bytes);
    assert.deepEqual(asManifest(pdu), entry.expected.decoded_fields);
    assert.equal(hex(rcp.encode(pdu)), hex(bytes));
    assert.deepEqual(rcp.detect(bytes), { status: 'ok', length: bytes.length });
    // and with trailing bytes (the next message merged in), detect still sees one PDU
    assert.deepEqual(rcp.detect(Buffer.concat([bytes, Buffer.from([1, 2, 3])])), { status: 'ok', length: bytes.length });
    for (let n = 0; n < bytes.length; n++) assert.notEqual(rcp.detect(bytes.subarray(0, n)).status, 'invalid', `prefix ${n}`);
  });
}

test('vectors.json: every PDU round-trips; every truncated prefix needs more bytes', () => {
  for (const v of vectors.vectors) {
    const bytes = Buffer.from(v.der_hex, 'hex');
    assert.equal(hex(rcp.encode(rcp.decode(bytes))), v.der_hex, v.name);
    assert.deepEqual(asManifest(rcp.decode(bytes)), v.fields, v.name);
  }
  for (const h of vectors.not_enough_bytes_hex) assert.equal(rcp.detect(Buffer.from(h, 'hex')).status, 'more', h);
});

test('the gateway constructors build IronRDP\'s bytes', () => {
  const bytes = (name) => readFileSync(new URL(`${name}.der`, dir));
  assert.equal(hex(rcp.errorPdu({ httpStatusCode: 500 })), hex(bytes('response_http_error')));
  assert.equal(hex(rcp.errorPdu({ tlsAlertCode: 48 })), hex(bytes('response_tls_error')));
  const cert = Buffer.from('deadbeff', 'hex');
  assert.equal(hex(rcp.responsePdu({ x224ConnectionPdu: cert, serverCertChain: [cert, cert, cert], serverAddr: '192.168.7.95' })),
    hex(bytes('response_success')));
  assert.equal(hex(rcp.responsePdu({ serverCertChain: [cert, cert, cert], serverAddr: '192.168.7.95' })), hex(bytes('vmconnect_response')));
  const nego = rcp.decode(rcp.negotiationErrorPdu(Buffer.from('0300', 'hex')));
  assert.deepEqual(nego.error, { errorCode: 2 });
  assert.equal(rcp.classify(nego), 'negotiation-error');
  const wsa = rcp.decode(rcp.errorPdu({ wsaLastError: 10061 }));
  assert.deepEqual(wsa.error, { errorCode: 1, wsaLastError: 10061 });
  assert.equal(rcp.classify(rcp.decode(bytes('request'))), 'request');
  assert.equal(rcp.classify(rcp.decode(bytes('vmconnect_request'))), 'request');
});

test('large fields use long-form lengths and round-trip', () => {
  const token = 'x'.repeat(70000);
  const cert = Buffer.alloc(300, 7);
  const pdu = { version: 3390, destination: 'h:1', proxyAuth: token, x224ConnectionPdu: Buffer.alloc(200, 1), serverCertChain: [cert] };
  const bytes = rcp.encode(pdu);
  assert.deepEqual(rcp.detect(bytes), { status: 'ok', length: bytes.length });
  const back = rcp.decode(bytes);
  assert.equal(back.proxyAuth, token);
  assert.equal(hex(back.serverCertChain[0]), hex(cert));
  assert.equal(rcp.detect(bytes.subarray(0, 3)).status, 'more');
});

test('malformed PDUs are refused with a reason', () => {
  const good = readFileSync(new URL('request.der', dir));
  const bad = {
    'not a SEQUENCE': Buffer.from('31020000', 'hex'),
    'version 3389': Buffer.from('3008a00602020d3d', 'hex'),
    'trailing bytes': Buffer.concat([good, Buffer.from([0])]),
    'truncated': good.subarray(0, good.length - 1),
    'fields out of order': Buffer.from('3012a00402020d3ea3050c0361626ea2030c0178', 'hex'),
    'unknown field [8]': Buffer.from('300ba00402020d3ea8030c0161', 'hex'),
    'invalid UTF-8': Buffer.from('300ba00402020d3ea2030c01ff', 'hex'),
    'non-minimal length': Buffer.from('30810ba00402020d3ea2030c0161', 'hex'),
    'indefinite length': Buffer.from('3080a00402020d3e0000', 'hex'),
    'negative version': Buffer.from('3006a0040202f000', 'hex'),
    'wrong inner tag': Buffer.from('300ba00402020d3ea2030401ff', 'hex'),
  };
  for (const [what, bytes] of Object.entries(bad)) {
    assert.throws(() => rcp.decode(bytes), rcp.RDCleanPathDecodeError, what);
  }
  assert.equal(rcp.detect(Buffer.from('31', 'hex')).status, 'invalid');
  assert.equal(rcp.detect(Buffer.from('3008a00602020d3d', 'hex')).status, 'invalid');
  assert.equal(rcp.detect(Buffer.from('3080', 'hex')).status, 'invalid');
  assert.equal(rcp.detect(Buffer.from('3085', 'hex')).status, 'invalid');
  assert.throws(() => rcp.encode({ version: 1 }), TypeError);
  assert.throws(() => rcp.errorPdu({ tlsAlertCode: 256 }), TypeError);
});
