// Types of webrdp/gateway (js/gateway/index.mjs).
import type { KeyObject } from 'node:crypto';
import type { Server } from 'node:http';

export interface GatewayOptions {
  /** "HOST:PORT" to listen on; default "127.0.0.1:7171"; port 0 picks a free one. */
  listen?: string;
  /** RS256 public key of the token provisioner: a PEM file path, PEM text or a KeyObject. */
  provisionerKey?: string | Buffer | KeyObject;
  /** HS256 shared secret (at least 32 bytes), or a file holding it. */
  hs256Secret?: string | Buffer;
  hs256SecretFile?: string;
  /** Only these destinations ("host:port") may be reached. */
  allow?: string[] | string;
  /** No token: the client's destination is used (subject to `allow`). Local development only. */
  insecureNoToken?: boolean;
  /** Serve the files of this directory on the same port. */
  staticDir?: string;
  /** TCP connect, X.224 confirm and TLS handshake timeout, each; default 10000. */
  connectTimeoutMs?: number;
  /** Time the client has to send its RDCleanPath request; default connectTimeoutMs. */
  requestTimeoutMs?: number;
  /** Concurrent sessions; more upgrades get HTTP 503. Default 100. */
  maxSessions?: number;
  /** Largest RDCleanPath request buffered, in bytes; default 65536. */
  maxRequestSize?: number;
  /** Clock skew tolerated on exp / nbf, in seconds; default 60. */
  leeway?: number;
  /** Receives each log line; default: stderr with a timestamp. */
  log?: (line: string) => void;
}

export interface Gateway {
  /** ws://HOST:PORT/jet/rdp */
  readonly url: string;
  readonly httpUrl: string;
  readonly host: string;
  readonly port: number;
  readonly server: Server;
  /** Live sessions. */
  readonly sessions: number;
  close(): Promise<void>;
}

export function startGateway(options?: GatewayOptions): Promise<Gateway>;
export const DEFAULTS: Readonly<Required<Pick<GatewayOptions, 'listen' | 'connectTimeoutMs' | 'maxSessions' | 'maxRequestSize' | 'leeway'>>>;

export interface MintOptions {
  /** "host:port" of the RDP server (dst_hst). */
  destination: string;
  /** RS256 private key (PEM or KeyObject). */
  key?: string | Buffer | KeyObject;
  /** HS256 secret (at least 32 bytes). */
  secret?: string | Buffer;
  alg?: 'RS256' | 'HS256';
  /** Validity in seconds; default 300. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid; default 0. */
  notBefore?: number;
  /** Seconds since the epoch; default now. */
  now?: number;
  jti?: string;
  jetAid?: string;
  jetAp?: string;
  jetCm?: string;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
}
export function mintToken(options: MintOptions): string;

export interface Destination { host: string; port: number; /** normalised "host:port" */ key: string }
export function parseDestination(text: string, defaultPort?: number): Destination;
export function verifyToken(
  token: string,
  keys: { rs256?: KeyObject | null; hs256?: Buffer | null; now?: number; leeway?: number },
): { claims: Record<string, any>; destination: Destination };
export function loadSecretFile(file: string): Buffer;
export function loadProvisionerKey(file: string): KeyObject;
export class TokenError extends Error {
  readonly reason: 'missing' | 'malformed' | 'wrong-type' | 'wrong-algorithm' | 'bad-signature' | 'expired' | 'not-yet-valid' | 'replayed' | 'replay-cache-full';
}
export class ReplayCache {
  constructor(options?: { leeway?: number; max?: number });
  use(jti: string, exp: number, now?: number): void;
  prune(now?: number): void;
  readonly size: number;
}

export namespace rdcleanpath {
  const VERSION: 3390;
  const GENERAL_ERROR_CODE: 1;
  const NEGOTIATION_ERROR_CODE: 2;
  const MAX_REQUEST_SIZE: number;
  interface Err { errorCode: number; httpStatusCode?: number; wsaLastError?: number; tlsAlertCode?: number }
  interface Pdu {
    version: number;
    error?: Err;
    destination?: string;
    proxyAuth?: string;
    serverAuth?: string;
    preconnectionBlob?: string;
    x224ConnectionPdu?: Uint8Array;
    serverCertChain?: Uint8Array[];
    serverAddr?: string;
  }
  class RDCleanPathDecodeError extends Error {}
  function decode(bytes: Uint8Array | ArrayBuffer): Pdu;
  function encode(pdu: Partial<Pdu>): Uint8Array;
  function detect(bytes: Uint8Array | ArrayBuffer):
    | { status: 'more'; length?: number }
    | { status: 'ok'; length: number }
    | { status: 'invalid'; reason: string };
  function classify(pdu: Pdu): 'request' | 'response' | 'general-error' | 'negotiation-error' | 'invalid';
  function errorPdu(codes: { httpStatusCode?: number; wsaLastError?: number; tlsAlertCode?: number }): Uint8Array;
  function negotiationErrorPdu(x224ConnectionConfirm: Uint8Array): Uint8Array;
  function responsePdu(r: { x224ConnectionPdu?: Uint8Array; serverCertChain: Uint8Array[]; serverAddr: string }): Uint8Array;
}
