// dist/webrdp.wasm itself: within the size budget, a clean standalone module
// (nothing imported but the memory-growth notice), exporting the C API the
// loader uses, and dist/ carrying the loader and its types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../dist/', import.meta.url);
const bytes = readFileSync(new URL('webrdp.wasm', dist));
const module = new WebAssembly.Module(bytes);
const BUDGET = 600 * 1024;

test(`webrdp.wasm is under the ${BUDGET / 1024} KB budget`, (t) => {
  const gz = gzipSync(bytes, { level: 9 }).length;
  t.diagnostic(`webrdp.wasm: ${bytes.length} bytes raw, ${gz} bytes gzip -9`);
  assert.ok(bytes.length < BUDGET, `${bytes.length} bytes`);
});

test('webrdp.wasm imports nothing but the memory-growth notice and the random source', () => {
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
  // webrdp.random_fill: the client's randomness (src/wasm/client.c), provided by the loader
  const allowed = ['env.emscripten_notify_memory_growth', 'webrdp.random_fill'];
  assert.deepEqual(imports.filter((i) => !allowed.includes(i)), []);
});

test('webrdp.wasm exports the C API the loader calls', () => {
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const name of ['memory', '_initialize', 'wrdp_wasm_alloc', 'wrdp_wasm_free', 'wrdp_wasm_error_new',
    'wrdp_wasm_error_free', 'wrdp_wasm_error_clear', 'wrdp_wasm_error_kind', 'wrdp_wasm_error_message',
    'wrdp_wasm_error_code', 'wrdp_wasm_error_offset', 'wrdp_pdu_count', 'wrdp_pdu_name', 'wrdp_pdu_title',
    'wrdp_pdu_decode_json', 'wrdp_pdu_encode_json'])
    assert.ok(exports.has(name), `exports ${name}`);
});

test('the shipped module has no name section; dist has the loader and its types', () => {
  assert.deepEqual(WebAssembly.Module.customSections(module, 'name'), []);
  for (const f of ['webrdp.mjs', 'webrdp.d.mts']) assert.ok(existsSync(new URL(f, dist)), `dist/${f}`);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.exports['.'].default, './dist/webrdp.mjs');
  for (const f of pkg.files) assert.ok(existsSync(new URL(`../../${f}`, import.meta.url)), f);
});
