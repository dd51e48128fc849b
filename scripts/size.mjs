// Size listing of the wasm module: reads build/wasm/src/wasm/webrdp.named.wasm
// (the shipped module plus its name section) and the linker map beside it,
// and prints the code bytes per module (the source file or library a function
// came from) and the largest functions.
//   node scripts/size.mjs [named.wasm] [--top N]
import { readFileSync, existsSync, readdirSync } from 'node:fs';

// Objects in libwebrdp.a are named by file only: find each file's src/ folder.
const srcDirOf = new Map();
for (const d of existsSync('src') ? readdirSync('src', { withFileTypes: true }) : [])
  if (d.isDirectory()) for (const f of readdirSync(`src/${d.name}`)) if (f.endsWith('.c')) srcDirOf.set(f, d.name);

const args = process.argv.slice(2);
const topIdx = args.indexOf('--top');
const top = topIdx >= 0 ? Number(args.splice(topIdx, 2)[1]) : 25;
const file = args[0] || 'build/wasm/src/wasm/webrdp.named.wasm';
const mapFile = file.replace(/[^/]*$/, 'webrdp.map');
const buf = readFileSync(file);

let pos = 8;
function leb() {
  let result = 0, shift = 0, b;
  do { b = buf[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return result;
}
function name() { const n = leb(); const s = buf.toString('utf8', pos, pos + n); pos += n; return s; }

const sections = [];
let importedFuncs = 0, bodies = [], names = new Map();
while (pos < buf.length) {
  const id = buf[pos++]; const size = leb(); const start = pos; const end = pos + size;
  let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] || `id${id}`;
  if (id === 0) label = `custom "${name()}"`;
  sections.push({ label, size });
  if (id === 2) {
    for (let i = 0, n = leb(); i < n; i++) {
      name(); name(); const kind = buf[pos++];
      if (kind === 0) { leb(); importedFuncs++; }
      else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    for (let i = 0, n = leb(); i < n; i++) { const s = leb(); bodies.push(s + (s < 128 ? 1 : s < 16384 ? 2 : 3)); pos += s; }
  } else if (label === 'custom "name"') {
    while (pos < end) {
      const sub = buf[pos++]; const len = leb(); const subEnd = pos + len;
      if (sub === 1) for (let i = 0, n = leb(); i < n; i++) { const idx = leb(); names.set(idx, name()); }
      pos = subEnd;
    }
  }
  pos = end;
}

// The linker map names the object each function came from (before wasm-opt;
// functions it inlined or merged are simply absent from the final module).
const origin = new Map();
const dataBy = new Map();
if (existsSync(mapFile)) {
  let section = '';
  for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
    let m;
    if ((m = line.match(/^\s+-\s+[0-9a-f]+\s+[0-9a-f]+\s+([A-Z]+)$/))) section = m[1];
    else if ((m = line.match(/^\s+-\s+[0-9a-f]+\s+([0-9a-f]+)\s+(\S.*):\((.+)\)$/))) {
      if (section === 'CODE' && !origin.has(m[3])) origin.set(m[3], m[2]);
    } else if (section === 'DATA' && (m = line.match(/^\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+(\S.*):\((.+)\)$/))) {
      dataBy.set(m[2], (dataBy.get(m[2]) || 0) + parseInt(m[1], 16));
    }
  }
}
function moduleOf(fn) { return moduleOfObject(origin.get(fn) || '', fn); }
function moduleOfObject(o, fn = '') {
  let m;
  if ((m = o.match(/libwebrdp\.a\((\w+\.c)\.o\)/))) return `${srcDirOf.get(m[1]) || 'src'}/${m[1]}`;
  if ((m = o.match(/webrdp_wasm\.dir\/(\w+)\.c\.o/))) return `wasm/${m[1]}.c`;
  if (/libmbed(crypto|x509)/.test(o)) return `mbedtls/${(o.match(/\((\w+)\.c\.o\)/) || [, '?'])[1]}`;
  if (/libz\.a/.test(o)) return 'zlib';
  if (/emmalloc|dlmalloc/.test(o)) return 'libc/malloc';
  if (/libc|libcompiler_rt|libstandalonewasm|libprintf|crt1/.test(o)) return 'libc';
  if (o === '<internal>') return 'linker-made (merged string literals; ctors)';
  if (o) return o.replace(/.*\//, '');
  if (/^(wrdp_|WRDP)/.test(fn)) return 'webrdp (inlined or unmapped)';
  return 'other (libc, runtime)';
}

const funcs = bodies.map((size, i) => {
  const fn = names.get(importedFuncs + i) || `func${importedFuncs + i}`;
  return { fn, size, module: moduleOf(fn) };
});
const total = buf.length;
const pct = (n) => ((100 * n) / total).toFixed(1).padStart(5) + '%';
const row = (n, label) => console.log(`${String(n).padStart(9)} ${pct(n)}  ${label}`);

console.log(`${file}: ${total} bytes with names (the shipped dist/webrdp.wasm has none)\n`);
console.log('sections:');
for (const s of sections) row(s.size, s.label);
const groups = new Map();
for (const f of funcs) groups.set(f.module, (groups.get(f.module) || 0) + f.size);
console.log('\ncode by module:');
for (const [m, n] of [...groups].sort((a, b) => b[1] - a[1])) row(n, m);
if (dataBy.size) {
  const data = new Map();
  for (const [o, n] of dataBy) { const m = moduleOfObject(o); data.set(m, (data.get(m) || 0) + n); }
  console.log('\ndata (constants, tables, strings) by module:');
  for (const [m, n] of [...data].sort((a, b) => b[1] - a[1])) row(n, m);
}
console.log(`\nlargest ${top} of ${funcs.length} functions:`);
for (const f of [...funcs].sort((a, b) => b.size - a.size).slice(0, top)) row(f.size, `${f.fn}  [${f.module}]`);
