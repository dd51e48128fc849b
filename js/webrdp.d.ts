// Types for dist/webrdp.mjs (the package entry: js/webrdp.mjs → the loader and the session API).

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

// ---- The session API (js/session.mjs) ----------------------------------------------------------

/** The connector options of the C config (src/wasm/client.h), passed through as given. */
export interface ConnectorOptions {
  desktopScaleFactor?: number;
  deviceScaleFactor?: number;
  colorDepth?: 8 | 15 | 16 | 24 | 32;
  keyboardLayout?: number;
  keyboardType?: number;
  keyboardSubtype?: number;
  keyboardFunctionKeys?: number;
  clientName?: string;
  clientBuild?: number;
  /** Minutes west of UTC (default: this machine's). */
  timeZoneBias?: number;
  performanceFlags?: number;
  /** Security protocols offered, in order of preference. */
  security?: Array<'rdp' | 'tls' | 'nla' | 'nla-ex'>;
  /** Bitmap codecs offered besides the built-in ones. */
  codecs?: Array<'rfx' | 'nsc'>;
  compression?: 'none' | '8k' | '64k' | 'rdp6' | 'rdp61';
  autologon?: boolean;
  alternateShell?: string;
  workingDir?: string;
  /** Join the clipboard channel (cliprdr). Default true. */
  clipboard?: boolean;
  /** Join drdynvc with display control (resize without reconnecting). Default true. */
  displayControl?: boolean;
  /** Join the sound channel (rdpsnd) and play it with Web Audio. Default false. */
  audio?: boolean;
}

/** One clipboard entry offered to the server. */
export interface ClipboardItemData {
  type: 'text/plain' | 'text/html';
  data: string;
}

/** What the server's clipboard gave: text types as `text`, PNG as `data`. */
export interface RemoteClipboardItem {
  type: 'text/plain' | 'text/html' | 'image/png';
  text?: string;
  data?: Uint8Array;
}

export type SessionEventType = 'stage' | 'connected' | 'resize' | 'pointer' | 'error' | 'terminated'
  | 'errorinfo' | 'logon' | 'clipboard' | 'remoteclipboardchange' | 'clipboardready' | 'clipboarderror'
  | 'localclipboard' | 'displaycontrol' | 'resizerequest' | 'resizefallback' | 'audio' | 'audiovolume' | 'audioclose';

export interface ConnectOptions extends ConnectorOptions {
  /** The gateway's WebSocket URL, e.g. ws://127.0.0.1:7171/jet/rdp. */
  gateway: string | URL;
  /** The gateway's association token (sent as RDCleanPath proxy_auth). */
  token?: string;
  /** The RDP server, host:port. */
  destination: string;
  username?: string;
  password?: string;
  domain?: string;
  /** Desktop size in pixels. Default: the canvas' (or container's) CSS size × devicePixelRatio,
   *  width made even, each clamped to 200..8192; 1024×768 without a canvas. */
  width?: number;
  height?: number;
  /** Where to draw: a canvas, or an element (or selector) to create one in. None in Node. */
  canvas?: HTMLCanvasElement | HTMLElement | string;
  /** Same as canvas, for an element to create the canvas in. */
  container?: HTMLElement | string;
  /** 'fit' (default): as large as the container, aspect kept; 'real': one remote pixel per device pixel. */
  scale?: 'fit' | 'real';
  /** More connector options (merged last; camelCase keys of the C config). */
  connector?: Record<string, unknown>;
  /** A WebSocket constructor (Node: the `ws` package's WebSocket, the default there). */
  WebSocket?: unknown;
  /** An already loaded module (else loadWebrdp(load) once per page). */
  webrdp?: Webrdp;
  load?: LoadOptions;
  /** Give up connecting after this long (default 30000); the error kind is 'timeout'. */
  timeoutMs?: number;
  /** Send-side backpressure: bytes the socket may buffer before writes wait (default 1 MiB). */
  highWaterMark?: number;
  /** Called with each item the server's clipboard gives (its text arrives by itself when it changes). */
  onRemoteClipboard?: (item: RemoteClipboardItem & { formats: string[] }, session: Session) => void;
  /** Fetch the server's text when its clipboard changes (default true). */
  clipboardAutoFetch?: boolean;
  /** A paste into the canvas offers the page's clipboard to the server before the V key goes (default true). */
  pasteToRemote?: boolean;
  /** Follow the container's size (ResizeObserver, debounced 300 ms) with display control, or scale
   *  where the server has none. Default: on when webrdp made the canvas and no width/height was given. */
  autoResize?: boolean;
  /** Start muted (options.audio). */
  muted?: boolean;
  /** A player of your own for the audio blocks (default: an AudioPlayer). */
  audioPlayer?: { push(block: AudioBlock): unknown; setMuted(muted: boolean): void; start?(): unknown;
    close?(): void; readonly running?: boolean; readonly supported?: boolean };
  /** Listeners added before anything happens, by event type. */
  on?: Partial<Record<SessionEventType, (event: SessionEvent) => void>>;
}

export interface TerminatedDetail {
  /** 'none' for a clean end, else an error kind ('wrong-password', 'rdcleanpath', 'io', ...). */
  kind: WebrdpError['kind'];
  message: string;
  code: number;
  /** RDCleanPath (kind 'rdcleanpath'): the gateway's HTTP status, WSA error or TLS alert. */
  httpStatus?: number;
  wsaError?: number;
  tlsAlert?: number;
  /** The last error info the server sent (MS-RDPBCGR), if any. */
  errorInfo?: { code: number; text: string };
  /** Whether the session had connected before it ended. */
  wasConnected: boolean;
}

export interface SessionEventDetails {
  stage: { state: string };
  connected: { width: number; height: number; protocol?: string; channels: string[] };
  resize: { width: number; height: number };
  /** A new cursor shape (hidden / default / rgba with hotspot), or with position: true the server moved the pointer. */
  pointer: { hidden?: boolean; default?: boolean; width?: number; height?: number; hotspotX?: number;
    hotspotY?: number; rgba?: Uint8Array | null; position?: boolean; x?: number; y?: number };
  error: TerminatedDetail & { error: WebrdpError };
  terminated: TerminatedDetail;
  errorinfo: { code: number; text: string };
  logon: Record<string, unknown>;
  /** The server's clipboard gave an item (its text comes by itself after each change). */
  clipboard: RemoteClipboardItem & { formats: string[] };
  /** The server's clipboard changed: the types it offers ('text/plain', 'text/html', 'image/png', 'files'). */
  remoteclipboardchange: { formats: string[] };
  clipboardready: Record<string, never>;
  clipboarderror: { kind: string; message: string; direction: 'local' | 'remote'; type?: string };
  /** setClipboard (or a paste) offered this to the server. */
  localclipboard: { text: string; html: string };
  displaycontrol: { available: boolean };
  resizerequest: { width: number; height: number; scale: number };
  /** The server has no display control: the canvas is scaled instead (once per session). */
  resizefallback: { reason: string };
  audio: AudioBlock;
  audiovolume: { left: number; right: number };
  audioclose: Record<string, never>;
}

/** One block of decoded sound: interleaved 16-bit samples. */
export interface AudioBlock {
  rate: number;
  channels: number;
  frames: number;
  samples: Int16Array;
}

/** Web Audio playback with a small jitter buffer; start() from a user gesture. */
export class AudioPlayer {
  constructor(options?: { latencyMs?: number; AudioContext?: unknown });
  readonly supported: boolean;
  readonly running: boolean;
  readonly muted: boolean;
  /** Blocks scheduled, and blocks dropped (before start(), or too far ahead). */
  readonly played: number;
  readonly dropped: number;
  start(): boolean;
  setMuted(muted: boolean): void;
  push(block: AudioBlock): boolean;
  close(): void;
}

/** An event of a Session; `detail`'s fields are also on the event itself. */
export class SessionEvent<T = any> extends Event {
  readonly detail: T;
  [field: string]: any;
}

export type KeyEntry = string | { code: string; down: boolean };

export class Session extends EventTarget {
  constructor(options: ConnectOptions);
  readonly options: ConnectOptions;
  /** 'new' | 'connecting' | 'connected' | 'terminated' */
  readonly state: 'new' | 'connecting' | 'connected' | 'terminated';
  /** The last connector stage entered. */
  readonly stage: string | null;
  readonly width: number;
  readonly height: number;
  readonly canvas: HTMLCanvasElement | null;
  /** The CSS cursor now shown ('default', 'none' or a url(...) value; 'custom' in Node). */
  readonly cursor: string;
  /** Graphics updates received, and Date.now() of the last (to wait for the screen to settle). */
  readonly updates: number;
  readonly lastUpdate: number;
  /** The error that ended the session, or null. */
  readonly error: WebrdpError | null;
  readonly scale: 'fit' | 'real';
  /** Connects; resolves with this session when connected, rejects with the WebrdpError that stopped it. */
  connect(): Promise<Session>;
  /** Says goodbye to the server and closes both ends. */
  disconnect(): Promise<void>;
  /** A chord: presses each KeyboardEvent.code in order, releases in reverse ({code, down} for one transition). */
  sendKeys(keys: KeyEntry[]): void;
  /** Types text: US-keyboard characters by scancode, others (or all with unicode: true) as unicode events. */
  sendText(text: string, options?: { unicode?: boolean }): void;
  ctrlAltDel(): void;
  releaseAllInputs(): void;
  /** Pointer in desktop pixels. */
  mouseMove(x: number, y: number): void;
  /** 1 left, 2 right, 3 middle, 4 back (X1), 5 forward (X2), as include/webrdp/input.h numbers them. */
  mouseButton(button: 1 | 2 | 3 | 4 | 5, down: boolean): void;
  /** Rotation in RDP units (120 a notch; positive up, or right when horizontal). */
  wheel(delta: number, horizontal?: boolean): void;
  setScale(mode: 'fit' | 'real'): void;
  /** Paints pending damage now instead of at the next animation frame. */
  repaint(): void;
  /** A copy of the desktop's RGBA pixels. */
  pixels(): { width: number; height: number; data: Uint8Array };
  /** The desktop as a PNG (canvas.toBlob in browsers, an encoder in Node). */
  screenshot(): Promise<Blob>;
  /** The server opened display control: resize() changes its desktop. */
  readonly displayControl: boolean;
  /** What the server's clipboard offers, and its last text / HTML received. */
  readonly remoteClipboard: { formats: string[]; text?: string; html?: string };
  /** Called with each item the server's clipboard gives (as the clipboard event). */
  onRemoteClipboard: ((item: RemoteClipboardItem & { formats: string[] }, session: Session) => void) | null;
  /** The sound player (options.audio), else null. */
  readonly audio: AudioPlayer | null;
  readonly muted: boolean;
  /** Offers text and/or HTML to the server's clipboard (HTML alone: its text is derived).
   *  Throws an 'unsupported' WebrdpError when the server did not join the clipboard channel. */
  setClipboard(items: ClipboardItemData[]): void;
  /** Asks for the server's clipboard as a type; rejects with 'unsupported' when it cannot give it. */
  requestClipboard(type?: 'text/plain' | 'text/html' | 'image/png'): Promise<RemoteClipboardItem>;
  /** Asks the server for a width × height desktop (device pixels; even width, 200..8192) at scale
   *  (devicePixelRatio-like, 1 = 100 %). False when the server has no display control (the canvas is scaled). */
  resize(width: number, height: number, scale?: number): boolean;
  setMuted(muted: boolean): void;
  /** Ends the session if needed and removes the canvas connect() created. */
  destroy(): void;
  addEventListener<K extends SessionEventType>(type: K,
    listener: (event: SessionEvent<SessionEventDetails[K]>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

/** Connects and resolves with the Session once connected; rejects with a WebrdpError. */
export function connect(options: ConnectOptions): Promise<Session>;

/** The desktop size webrdp asks for given a wish: even width, each side clamped to 200..8192. */
export function desktopSize(width: number, height: number): { width: number; height: number };

/** Names of the connector options connect() passes through from its top-level options. */
export const CONNECTOR_OPTIONS: readonly string[];

/** KeyboardEvent.code → set-1 scancode (0xE0xx extended, 0xE11D Pause). */
export const KEYMAP: Readonly<Record<string, number>>;
/** The scancode byte and its prefix (0 none, 1 E0, 2 E1 — Pause) for a KeyboardEvent.code. */
export function scancodeOf(code: string): { scancode: number; prefix: 0 | 1 | 2; extended: boolean } | null;

/** A sentence for an error (a terminated/error event's detail, or a WebrdpError); '' for kind 'none'. */
export function describeError(error: { kind: string; message?: string; code?: number; httpStatus?: number;
  wsaError?: number; tlsAlert?: number } | null | undefined): string;
export const ERROR_SENTENCES: Readonly<{ kinds: Record<string, string>; http: Record<number, string>;
  wsa: Record<number, string>; tls: Record<number, string> }>;
