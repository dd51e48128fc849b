// npm run bench, the codec part: every stream of build/bench/streams (made by
// make_streams from FreeRDP's encoders) through four engines, each pinned to
// one core (taskset -c 0) so that every engine is single-threaded alike:
//   native        build/bench-native/tests/bench/wrdp_bench (Release, our decoders)
//   wasm SIMD     build/wasm/src/wasm/webrdp_bench.wasm in Node (same flags as dist/)
//   wasm no-SIMD  build/wasm-nosimd/src/wasm/webrdp_bench.wasm (WRDP_WASM_SIMD=OFF)
//   FreeRDP       build/bench-native/tests/bench/freerdp_bench (Debian freerdp2)
// Before its figure counts, each of our outputs is compared with FreeRDP's
// (pictures: RGBA exactly, RemoteFX within 1 a channel; bulk: exactly, and
// with the original bytes). Prints a Markdown table (MP/s; bulk in MB/s of
// output; median of --repeat decodes).
//   node tests/bench/codecs.mjs [--repeat N] [--only codec[,codec]]   (BENCH_CPU=n: pin to core n)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';

const root = new URL('../../', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const repeat = String(opt('--repeat', process.env.BENCH_REPEAT || 21));
const only = opt('--only', '') ? opt('--only', '').split(',') : null;
const streams = `${root}build/bench/streams`;
const outDir = `${root}build/bench/out`;
mkdirSync(outDir, { recursive: true });

const cpu0 = process.env.BENCH_CPU || '0'; // the core every engine runs on
const pin = existsSync('/usr/bin/taskset') ? ['taskset', '-c', cpu0] : [];
const engines = [
  { key: 'native', cmd: [`${root}build/bench-native/tests/bench/wrdp_bench`] },
  { key: 'simd', cmd: [process.execPath, `${root}tests/bench/wasm_bench.mjs`, `${root}build/wasm/src/wasm/webrdp_bench.wasm`] },
  { key: 'nosimd', cmd: [process.execPath, `${root}tests/bench/wasm_bench.mjs`, `${root}build/wasm-nosimd/src/wasm/webrdp_bench.wasm`] },
  { key: 'freerdp', cmd: [`${root}build/bench-native/tests/bench/freerdp_bench`] },
].filter((e) => existsSync(e.cmd[e.cmd.length - 1]));

function run(engine, stream, out) {
  const [cmd, ...rest] = [...pin, ...engine.cmd, stream, '--repeat', repeat, '--out', out];
  try {
    const line = execFileSync(cmd, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300000 });
    return JSON.parse(line.trim().split('\n').pop());
  } catch (e) {
    return { error: (e.stderr || e.message || '').toString().trim().split('\n').pop() };
  }
}

// null when equal (within tol), else a short description
function compare(a, b, tol) {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  let n = 0, max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > tol) n++;
    if (d > max) max = d;
  }
  return n ? `${n} bytes differ (max ${max})` : null;
}

const codecs = ['interleaved', 'planar', 'rfx', 'nsc', 'mppc8k', 'mppc64k', 'ncrush', 'xcrush'];
const sizes = ['1024x768', '1920x1080'];
const bulkCodecs = new Set(['mppc8k', 'mppc64k', 'ncrush', 'xcrush']);
const rows = [];
for (const codec of codecs) {
  if (only && !only.includes(codec)) continue;
  for (const size of sizes) {
    const name = `${codec}-${size}`;
    const stream = `${streams}/${name}.wrbs`;
    if (!existsSync(stream)) continue;
    const res = {}, outs = {};
    for (const e of engines) {
      outs[e.key] = `${outDir}/${name}.${e.key}`;
      res[e.key] = run(e, stream, outs[e.key]);
    }
    // correctness: ours against FreeRDP (and bulk against the original bytes)
    const problems = [];
    const tol = codec === 'rfx' ? 1 : 0;
    const refPath = `${streams}/${name}.ref`;
    const ref = res.freerdp && !res.freerdp.error ? readFileSync(outs.freerdp) : null;
    const orig = bulkCodecs.has(codec) && existsSync(refPath) ? readFileSync(refPath) : null;
    if (!ref) problems.push(`no FreeRDP output${res.freerdp?.error ? ': ' + res.freerdp.error : ''}`);
    let maxd = 0;
    for (const k of ['native', 'simd', 'nosimd']) {
      if (!res[k]) continue;
      if (res[k].error) { problems.push(`${k}: ${res[k].error}`); continue; }
      const ours = readFileSync(outs[k]);
      if (ref) {
        const d = compare(ours, ref, tol);
        if (d) problems.push(`${k} vs FreeRDP: ${d}`);
        if (tol) for (let i = 0; i < ours.length; i++) maxd = Math.max(maxd, Math.abs(ours[i] - ref[i]));
        if (d) res[k].bad = true;
      }
      if (orig) {
        const d = compare(ours, orig, 0);
        if (d) { problems.push(`${k} vs original: ${d}`); res[k].bad = true; }
      }
    }
    const check = problems.length ? 'MISMATCH' : tol ? `±${maxd} = FreeRDP` : '= FreeRDP';
    const bytesIn = readFileSync(stream).length;
    rows.push({ codec, size, bytesIn, res, check, problems, bulk: bulkCodecs.has(codec) });
    for (const p of problems) console.error(`bench: ${name}: ${p}`);
  }
}

const fmt = (r) => (!r ? 'n/a' : r.error ? 'fail' : r.bad ? `(${r.per_s.toFixed(0)})` : r.per_s.toFixed(0));
const ratio = (a, b) => (a && b && !a.error && !b.error && !a.bad ? (a.per_s / b.per_s).toFixed(2) : 'n/a');
const cpu = (cpus()[0]?.model || 'unknown').trim();
console.log(`\ncodec throughput: median of ${repeat} decodes a stream, each engine on one core (${pin.length ? `taskset -c ${cpu0}` : 'not pinned'}); ${cpus().length} CPUs, ${cpu}; node ${process.versions.node}`);
console.log('MP/s for pictures (whole frame; interleaved and planar as 64x64 bitmaps), MB/s of output for bulk.\n');
console.log('| codec | size | stream bytes | native | wasm SIMD | wasm no-SIMD | FreeRDP | wasm/FreeRDP | native/FreeRDP | pixels |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  const unit = r.bulk ? ' MB/s' : '';
  const size = r.bulk && r.codec === 'xcrush' ? `${r.size} (first 2 MB)` : r.size;
  console.log(`| ${r.codec}${unit} | ${size} | ${r.bytesIn} | ${fmt(r.res.native)} | ${fmt(r.res.simd)} | ${fmt(r.res.nosimd)} | ${fmt(r.res.freerdp)} | ${ratio(r.res.simd, r.res.freerdp)} | ${ratio(r.res.native, r.res.freerdp)} | ${r.check} |`);
}
if (rows.some((r) => r.problems.length)) process.exitCode = 1;
