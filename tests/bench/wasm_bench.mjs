// webrdp's wasm engine of the decode benchmark: the bench-only module
// (build/wasm*/src/wasm/webrdp_bench.wasm: the library + bench_frames.c)
// decodes one .wrbs stream in Node, exactly as wrdp_bench does natively.
//   node tests/bench/wasm_bench.mjs <webrdp_bench.wasm> <stream.wrbs> [--repeat N] [--out FILE] [--engine NAME]
// One untimed decode (its output to --out), a short warm-up so that V8 has
// tiered the hot functions up, then N timed decodes; prints one JSON line
// like the native engines (bench_main.h).
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadWebrdp } from '../../js/loader.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const repeat = Number(opt('--repeat', 21));
const out = opt('--out', null);
const engine = opt('--engine', 'wasm');
const [wasmPath, streamPath] = args;
if (!wasmPath || !streamPath || !(repeat >= 1)) {
  console.error('usage: wasm_bench.mjs <webrdp_bench.wasm> <stream.wrbs> [--repeat N] [--out FILE] [--engine NAME]');
  process.exit(2);
}

const { exports: x, memory } = await loadWebrdp({ wasmBinary: readFileSync(wasmPath) });
const stream = readFileSync(streamPath);
const codec = stream.subarray(4, 20).toString('latin1').replace(/\0.*$/s, '');
const bulk = ['mppc8k', 'mppc64k', 'ncrush', 'xcrush'].includes(codec);
const ptr = x.wrdp_wasm_alloc(stream.length);
new Uint8Array(memory.buffer, ptr, stream.length).set(stream);
const b = x.wrdp_bench_open(ptr, stream.length);
if (!b) {
  console.error(`wasm_bench: cannot open ${streamPath}`);
  process.exit(1);
}
const cstr = (p) => {
  const m = new Uint8Array(memory.buffer);
  let e = p;
  while (m[e]) e++;
  return Buffer.from(m.subarray(p, e)).toString('utf8');
};
const decode = (keep) => {
  if (x.wrdp_bench_decode(b, keep) !== 0) {
    console.error(`wasm_bench: ${streamPath}: ${cstr(x.wrdp_bench_error(b))}`);
    process.exit(1);
  }
};

decode(1);
if (out) writeFileSync(out, new Uint8Array(memory.buffer, x.wrdp_bench_output(b), x.wrdp_bench_output_len(b)));
const warm = performance.now();
while (performance.now() - warm < 150) decode(0);
const times = [];
for (let r = 0; r < repeat; r++) {
  const t0 = performance.now();
  decode(0);
  times.push(performance.now() - t0);
}
times.sort((p, q) => p - q);
const ms = times[Math.floor(repeat / 2)];
const units = x.wrdp_bench_units(b);
console.log(JSON.stringify({ engine, codec, ms: +ms.toFixed(4), units, per_s: +(units / 1e6 / (ms / 1e3)).toFixed(2),
  unit: bulk ? 'MB/s' : 'MP/s' }));
x.wrdp_bench_close(b);
x.wrdp_wasm_free(ptr);
