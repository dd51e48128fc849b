// webrdp — ES module loader for dist/webrdp.wasm.
//
// The module is a standalone .wasm (no Emscripten glue). In a browser it is
// stream-compiled from its URL (WebAssembly.compileStreaming, with a fallback
// to compiling the downloaded bytes when the server does not send
// application/wasm); in Node the file is read with fs. Options:
//   wasmBinary  bytes of the module (ArrayBuffer or a typed array), or a WebAssembly.Module
//   wasmUrl     where to fetch or read it from (string or URL)
//   locateFile  (path, prefix) => url, as in Emscripten: where 'webrdp.wasm' lives
// Without any of them, webrdp.wasm is looked up beside this file.

const WASM_FILE = 'webrdp.wasm';
const OUTPUT_MAX = 64 * 1024 * 1024; // the largest JSON or PDU we grow an output buffer to

/** An error raised by webrdp: `kind` is a stable name ("decode", "limit", ...). */
export class WebrdpError extends Error {
  constructor(kind, message, details = {}) {
    super(message);
    this.name = 'WebrdpError';
    this.kind = kind;
    Object.assign(this, details);
  }
}

const isNode = typeof process === 'object' && !!(process.versions && process.versions.node) &&
  typeof window === 'undefined';

function resolveUrl(options) {
  if (options.wasmUrl) return new URL(String(options.wasmUrl), import.meta.url);
  const prefix = new URL('.', import.meta.url).href;
  if (typeof options.locateFile === 'function')
    return new URL(String(options.locateFile(WASM_FILE, prefix)), import.meta.url);
  return new URL(WASM_FILE, import.meta.url);
}

async function compile(options) {
  const given = options.wasmBinary;
  if (given instanceof WebAssembly.Module) return { module: given, how: 'module' };
  if (given) {
    const bytes = given instanceof ArrayBuffer ? given : new Uint8Array(given.buffer, given.byteOffset, given.byteLength);
    return { module: await WebAssembly.compile(bytes), how: 'bytes' };
  }
  const url = resolveUrl(options);
  if (url.protocol === 'file:') {
    if (!isNode) throw new WebrdpError('io', `cannot read ${url.href} outside Node; pass wasmUrl or wasmBinary`);
    const { readFile } = await import('node:fs/promises');
    return { module: await WebAssembly.compile(await readFile(url)), how: 'file' };
  }
  const response = await fetch(url.href, { credentials: 'same-origin' });
  if (!response.ok) throw new WebrdpError('io', `fetching ${url.href}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return { module: await WebAssembly.compileStreaming(response.clone()), how: 'streaming' };
    } catch (e) {
      // Usually a server that does not send Content-Type: application/wasm; compile the bytes.
      if (typeof console !== 'undefined') console.warn(`webrdp: streaming compile failed (${e.message}); compiling from bytes`);
    }
  }
  return { module: await WebAssembly.compile(await response.arrayBuffer()), how: 'bytes' };
}

// The module imports almost nothing: memory-growth notices (a no-op for us,
// since every access takes a fresh view of memory.buffer). Anything else it
// might import is stubbed with a function that fails loudly when called.
// webrdp.random_fill is the connector's randomness (NLA, licensing): filled from
// the platform's CSPRNG; `late.memory` is set once the instance exists.
function importsFor(module, late) {
  const known = {
    env: { emscripten_notify_memory_growth() {} },
    webrdp: { random_fill(ptr, len) { globalThis.crypto.getRandomValues(new Uint8Array(late.memory.buffer, ptr, len)); } },
  };
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const mod = (imports[imp.module] ??= {});
    const have = known[imp.module]?.[imp.name];
    if (have) mod[imp.name] = have;
    else if (imp.kind === 'function')
      mod[imp.name] = () => { throw new WebrdpError('internal', `webrdp.wasm called the unprovided import ${imp.module}.${imp.name}`); };
    else throw new WebrdpError('internal', `webrdp.wasm needs an import this loader lacks: ${imp.module}.${imp.name} (${imp.kind})`);
  }
  return imports;
}

/**
 * Loads the module. Resolves to { pdu, exports, memory, instantiatedBy }.
 * @param {{ wasmBinary?: ArrayBuffer | ArrayBufferView | WebAssembly.Module, wasmUrl?: string | URL,
 *           locateFile?: (path: string, prefix: string) => string }} [options]
 */
export async function loadWebrdp(options = {}) {
  const { module, how } = await compile(options);
  const late = {};
  const instance = await WebAssembly.instantiate(module, importsFor(module, late));
  late.memory = instance.exports.memory;
  const x = instance.exports;
  if (typeof x._initialize === 'function') x._initialize();
  return new Webrdp(x, how);
}

const utf8enc = new TextEncoder();
const utf8dec = new TextDecoder('utf-8');

class Webrdp {
  constructor(exports, how) {
    this.exports = exports;
    this.memory = exports.memory;
    this.instantiatedBy = how;
    this._err = exports.wrdp_wasm_error_new();
    if (!this._err) throw new WebrdpError('out-of-memory', 'webrdp: cannot allocate the error record');
    this.pdu = new PduApi(this);
  }

  bytes() { return new Uint8Array(this.memory.buffer); }

  cstring(ptr) {
    if (!ptr) return null;
    const mem = this.bytes();
    let end = ptr;
    while (mem[end]) end++;
    return utf8dec.decode(mem.subarray(ptr, end));
  }

  alloc(size) {
    const p = this.exports.wrdp_wasm_alloc(size);
    if (!p) throw new WebrdpError('out-of-memory', `webrdp: cannot allocate ${size} bytes`);
    return p;
  }

  // Copies bytes into a fresh allocation; the caller frees it.
  put(bytes, extra = 0) {
    const p = this.alloc(bytes.length + extra);
    this.bytes().set(bytes, p);
    if (extra) this.bytes().fill(0, p + bytes.length, p + bytes.length + extra);
    return p;
  }

  free(...ptrs) { for (const p of ptrs) if (p) this.exports.wrdp_wasm_free(p); }

  clearError() { this.exports.wrdp_wasm_error_clear(this._err); }

  lastError() {
    const x = this.exports;
    const kind = this.cstring(x.wrdp_wasm_error_kind(this._err));
    const message = this.cstring(x.wrdp_wasm_error_message(this._err)) || kind;
    return new WebrdpError(kind, message, {
      code: x.wrdp_wasm_error_code(this._err) >>> 0,
      offset: x.wrdp_wasm_error_offset(this._err) >>> 0,
    });
  }

  // Runs call(out, cap) with a growing output buffer while the only failure is
  // the output being too small. Returns a copy of the first `length` bytes.
  withOutput(firstCap, call) {
    for (let cap = firstCap; ; cap *= 2) {
      const out = this.alloc(cap);
      try {
        this.clearError();
        const n = call(out, cap);
        if (n >= 0) return { out: this.bytes().slice(out, out + n), n };
        const err = this.lastError();
        if (!(err.kind === 'limit' && /^output exceeds/.test(err.message) && cap < OUTPUT_MAX)) throw err;
      } finally {
        this.free(out);
      }
    }
  }
}

class PduApi {
  constructor(w) { this._w = w; }

  /** Every PDU kind: [{ name, title }]. */
  kinds() {
    const x = this._w.exports;
    const list = [];
    for (let i = 0, n = x.wrdp_pdu_count() >>> 0; i < n; i++)
      list.push({ name: this._w.cstring(x.wrdp_pdu_name(i)), title: this._w.cstring(x.wrdp_pdu_title(i)) });
    return list;
  }

  /** Decodes one PDU: { json (string), consumed }. Throws WebrdpError. */
  decodeJson(kind, bytes) {
    const w = this._w;
    if (!(bytes instanceof Uint8Array)) bytes = new Uint8Array(bytes);
    const name = w.put(utf8enc.encode(String(kind)), 1);
    const data = w.put(bytes);
    const consumedPtr = w.alloc(4);
    try {
      const { out } = w.withOutput(4096 + bytes.length * 16, (out, cap) =>
        w.exports.wrdp_pdu_decode_json(name, data, bytes.length, out, cap, consumedPtr, w._err));
      const consumed = new DataView(w.memory.buffer).getUint32(consumedPtr, true);
      return { json: utf8dec.decode(out), consumed };
    } finally {
      w.free(name, data, consumedPtr);
    }
  }

  /** Decodes one PDU: { value (the parsed JSON form), consumed }. Throws WebrdpError. */
  decode(kind, bytes) {
    const { json, consumed } = this.decodeJson(kind, bytes);
    return { value: JSON.parse(json), consumed };
  }

  /** Encodes a PDU from its JSON form (an object or a JSON string). Throws WebrdpError. */
  encode(kind, value) {
    const w = this._w;
    const text = utf8enc.encode(typeof value === 'string' ? value : JSON.stringify(value));
    const name = w.put(utf8enc.encode(String(kind)), 1);
    const json = w.put(text);
    try {
      return w.withOutput(1024 + text.length, (out, cap) =>
        w.exports.wrdp_pdu_encode_json(name, json, text.length, out, cap, w._err)).out;
    } finally {
      w.free(name, json);
    }
  }
}

export default loadWebrdp;
