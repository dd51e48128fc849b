// The wasm module in Node, through dist/webrdp.mjs: the kinds list, and every
// case of tests/vectors/pdu/cases/*.tsv run through decode and encode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCases, readVector } from './cases.mjs';
import { loadWebrdp, WebrdpError } from '../../dist/webrdp.mjs';

const m = await loadWebrdp();
const kinds = m.pdu.kinds();
const registered = new Set(kinds.map((k) => k.name));
const cases = readCases();

test('the module is read from disk in Node', () => {
  assert.equal(m.instantiatedBy, 'file');
});

test('every kind has a unique short name and a title', () => {
  for (const k of kinds) {
    assert.match(k.name, /^[a-z0-9_]+$/, `kind name ${k.name}`);
    assert.ok(k.title && k.title.length > 3, `kind ${k.name} has a title`);
  }
  assert.equal(registered.size, kinds.length, 'kind names are unique');
});

test('the registered kinds are exactly the kinds the cases files test', () => {
  const tested = new Set(cases.map((c) => c.kind));
  const untested = [...registered].filter((k) => !tested.has(k));
  const unknown = [...tested].filter((k) => !registered.has(k));
  assert.deepEqual({ untested, unknown }, { untested: [], unknown: [] },
    'each registered kind needs a case in tests/vectors/pdu/cases, and each case a registered kind');
});

test('an unknown kind is an invalid-argument WebrdpError', () => {
  assert.throws(() => m.pdu.decode('no_such_kind', new Uint8Array([1, 2, 3])),
    (e) => e instanceof WebrdpError && e.kind === 'invalid-argument' && /no_such_kind/.test(e.message));
  assert.throws(() => m.pdu.encode('no_such_kind', {}),
    (e) => e instanceof WebrdpError && e.kind === 'invalid-argument');
});

test('the loader also takes wasmBinary, wasmUrl and locateFile', async () => {
  const { readFile } = await import('node:fs/promises');
  const url = new URL('../../dist/webrdp.wasm', import.meta.url);
  const fromBytes = await loadWebrdp({ wasmBinary: await readFile(url) });
  assert.equal(fromBytes.instantiatedBy, 'bytes');
  assert.deepEqual(fromBytes.pdu.kinds(), kinds);
  const fromUrl = await loadWebrdp({ wasmUrl: url });
  assert.deepEqual(fromUrl.pdu.kinds(), kinds);
  let asked;
  const located = await loadWebrdp({ locateFile: (p, prefix) => { asked = p; return prefix + p; } });
  assert.equal(asked, 'webrdp.wasm');
  assert.deepEqual(located.pdu.kinds(), kinds);
  await assert.rejects(loadWebrdp({ wasmUrl: new URL('./missing.wasm', url) }));
});

for (const c of cases) {
  test(`${c.file}:${c.line} ${c.kind} ${c.path} (${c.expect})`, () => {
    assert.ok(!c.problem, c.problem);
    assert.ok(registered.has(c.kind), `kind "${c.kind}" is not registered`);
    const bytes = readVector(c.path);
    if (c.expect === 'error') {
      assert.throws(() => m.pdu.decode(c.kind, bytes),
        (e) => e instanceof WebrdpError && (e.kind === 'decode' || e.kind === 'limit') && e.message.length > 0,
        'decoding must fail with a decode (or limit) error');
      return;
    }
    const { value, consumed } = m.pdu.decode(c.kind, bytes);
    assert.equal(typeof value, 'object');
    assert.equal(consumed, bytes.length, 'decode consumes the whole vector');
    if (c.expect === 'roundtrip') {
      const again = m.pdu.encode(c.kind, value);
      assert.deepEqual(Buffer.from(again).toString('hex'), Buffer.from(bytes).toString('hex'),
        'encoding the decoded JSON gives back the same bytes');
    }
  });
}
