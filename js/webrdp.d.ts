// Types for dist/webrdp.mjs.

/** An error raised by webrdp. `kind` is a stable, kebab-case name. */
export class WebrdpError extends Error {
  readonly name: 'WebrdpError';
  readonly kind:
    | 'none' | 'decode' | 'encode' | 'invalid-argument' | 'unsupported' | 'out-of-memory' | 'limit'
    | 'state' | 'wrong-password' | 'logon-failure' | 'access-denied' | 'rdcleanpath' | 'proxy-connect'
    | 'negotiation-failure' | 'server-disconnect' | 'certificate' | 'licensing' | 'io' | 'timeout' | 'internal' | (string & {});
  /** Kind-specific code (server error info, negotiation failure code, ...), 0 when none. */
  readonly code?: number;
  /** For decode errors: the byte offset in the input where decoding failed. */
  readonly offset?: number;
  constructor(kind: string, message: string, details?: { code?: number; offset?: number });
}

export interface LoadOptions {
  /** The module's bytes, or an already compiled module. */
  wasmBinary?: ArrayBuffer | ArrayBufferView | WebAssembly.Module;
  /** Where to fetch (browser) or read (Node, file: URL) webrdp.wasm. */
  wasmUrl?: string | URL;
  /** Emscripten-style override: returns the URL of `path` ("webrdp.wasm"); prefix is this module's folder. */
  locateFile?: (path: string, prefix: string) => string;
}

export interface PduKind {
  /** Short name, e.g. "x224_connection_request". */
  name: string;
  /** What it is, e.g. "X.224 Connection Request (TPKT + RDP_NEG_REQ)". */
  title: string;
}

export interface PduApi {
  /** Every PDU kind the module knows. */
  kinds(): PduKind[];
  /** Decodes one PDU of `kind` into its JSON form; `consumed` is the bytes read. */
  decode<T = unknown>(kind: string, bytes: Uint8Array | ArrayLike<number>): { value: T; consumed: number };
  /** As decode, without parsing the JSON text. */
  decodeJson(kind: string, bytes: Uint8Array | ArrayLike<number>): { json: string; consumed: number };
  /** Encodes a PDU of `kind` from its JSON form (an object or a JSON string). */
  encode(kind: string, value: unknown): Uint8Array;
}

export interface Webrdp {
  readonly pdu: PduApi;
  /** The raw exports of webrdp.wasm, for advanced use. */
  readonly exports: WebAssembly.Exports;
  readonly memory: WebAssembly.Memory;
  /** How the module was compiled: 'streaming' | 'bytes' | 'file' | 'module'. */
  readonly instantiatedBy: 'streaming' | 'bytes' | 'file' | 'module';
}

export function loadWebrdp(options?: LoadOptions): Promise<Webrdp>;
export default loadWebrdp;
