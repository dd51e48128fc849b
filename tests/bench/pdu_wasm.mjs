// Bench: the wasm module's load time and its PDU decode / encode throughput
// over every roundtrip and decode case of tests/vectors/pdu/cases.
//   node tests/bench/pdu_wasm.mjs [path/to/webrdp.wasm] [--ms N]
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { readCases, readVector } from '../js/cases.mjs';
import { loadWebrdp } from '../../dist/webrdp.mjs';

const args = process.argv.slice(2);
const msIdx = args.indexOf('--ms');
const budget = msIdx >= 0 ? Number(args.splice(msIdx, 2)[1]) : 200;
const wasmPath = args[0] || new URL('../../dist/webrdp.wasm', import.meta.url);
const bytes = await readFile(wasmPath);

let t0 = performance.now();
const compiled = await WebAssembly.compile(bytes);
const tCompile = performance.now() - t0;
t0 = performance.now();
const m = await loadWebrdp({ wasmBinary: compiled });
const tInstantiate = performance.now() - t0;
console.log(`module: ${bytes.length} bytes; compile ${tCompile.toFixed(2)} ms, instantiate ${tInstantiate.toFixed(2)} ms`);

const registered = new Set(m.pdu.kinds().map((k) => k.name));
const cases = readCases().filter((c) => !c.problem && c.expect !== 'error' && registered.has(c.kind));
if (!cases.length) {
  console.log('pdu: no decodable cases yet (tests/vectors/pdu/cases); nothing to time');
  process.exit(0);
}
const inputs = cases.map((c) => ({ ...c, bytes: readVector(c.path) }));
const jsons = inputs.map((c) => m.pdu.decodeJson(c.kind, c.bytes).json);

function time(label, fn, totalBytes) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budget) { fn(); n++; now = performance.now(); }
  const per = (now - start) / n;
  const mbs = (totalBytes / (per / 1000)) / 1e6;
  console.log(`${label.padEnd(28)} ${(per * 1000 / inputs.length).toFixed(2).padStart(9)} µs/PDU  ${mbs.toFixed(1).padStart(7)} MB/s of wire bytes`);
}
const wire = inputs.reduce((s, c) => s + c.bytes.length, 0);
console.log(`pdu: ${inputs.length} vectors, ${wire} wire bytes, ${budget} ms per measurement`);
time('decode -> JSON text', () => { for (const c of inputs) m.pdu.decodeJson(c.kind, c.bytes); }, wire);
time('decode -> object', () => { for (const c of inputs) m.pdu.decode(c.kind, c.bytes); }, wire);
time('JSON text -> encode', () => { inputs.forEach((c, i) => m.pdu.encode(c.kind, jsons[i])); }, wire);
