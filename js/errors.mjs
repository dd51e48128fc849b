// Errors in plain words: a sentence for every error kind, and for the
// RDCleanPath gateway's HTTP status, WSA error and TLS alert codes.

const KINDS = {
  'wrong-password': 'The user name or password is incorrect.',
  'logon-failure': 'The server refused the logon (wrong user name or password, or the account may not log on).',
  'access-denied': 'The server denied access to this account.',
  rdcleanpath: 'The gateway could not connect you to the server.',
  'proxy-connect': 'The gateway could not be used to reach the server.',
  'negotiation-failure': 'The server and this client could not agree on a security protocol.',
  'server-disconnect': 'The server ended the session.',
  certificate: "The server's certificate could not be read or is not trusted.",
  licensing: 'The server refused this client a licence.',
  io: 'The connection to the gateway failed or was closed.',
  timeout: 'The connection took too long.',
  decode: 'The server sent data this client could not understand.',
  encode: 'This client could not encode a message for the server.',
  unsupported: 'The connection needs something this client does not support.',
  'invalid-argument': 'A connection setting is not valid.',
  'out-of-memory': 'This client ran out of memory.',
  limit: 'The server sent more data than this client accepts.',
  state: 'The client was used in the wrong state.',
  internal: 'An internal error occurred in the client.',
};

const HTTP = {
  400: 'the gateway did not understand the request',
  401: 'the gateway refused the access token (missing, invalid, expired or already used)',
  403: 'the access token does not allow this destination',
  404: 'the gateway does not know this destination',
  408: 'the gateway did not receive the request in time',
  413: 'the request was too large for the gateway',
  500: 'the gateway had an internal error',
  502: 'the server did not answer as an RDP server',
  503: 'the gateway is busy (too many sessions)',
  504: 'the server did not answer in time',
};

const WSA = {
  10013: 'the gateway is not permitted to connect there',
  10050: 'the network is down',
  10051: 'the network of the server is unreachable',
  10053: 'the connection was aborted',
  10054: 'the server reset the connection',
  10060: 'the connection to the server timed out',
  10061: 'the server refused the connection (nothing listens on that port)',
  10064: 'the server is down',
  10065: 'the server is unreachable',
  11001: 'the server name was not found (DNS)',
  11002: 'the server name could not be resolved now (DNS)',
  11004: 'the server name has no address (DNS)',
};

const TLS = {
  10: 'unexpected message', 20: 'bad record MAC', 40: 'handshake failure', 42: 'bad certificate',
  43: 'unsupported certificate', 44: 'certificate revoked', 45: 'certificate expired', 46: 'certificate unknown',
  47: 'illegal parameter', 48: 'unknown CA', 49: 'access denied', 50: 'decode error', 51: 'decrypt error',
  70: 'protocol version not supported', 71: 'insufficient security', 80: 'internal error', 86: 'inappropriate fallback',
  90: 'user cancelled', 109: 'missing extension', 110: 'unsupported extension', 112: 'unrecognized name',
  116: 'certificate required', 120: 'no application protocol',
};

// MS-RDPBCGR error info codes users meet most (others: the server's own text).
const ERROR_INFO = {
  0x1: 'an administrator ended the session', 0x2: 'another administrator logged you off',
  0x3: 'the session was idle too long', 0x4: 'the session lasted too long', 0x5: 'another user connected to the session',
  0x6: 'the server ran out of memory', 0x7: 'the server denied the connection', 0x9: 'the account may not use remote desktop',
  0xb: 'an administrator on the server ended the session', 0xc: 'you logged off',
};

/** One sentence (or two) for a terminated/error event detail or a WebrdpError. */
export function describeError(e) {
  if (!e || !e.kind || e.kind === 'none') return '';
  const base = KINDS[e.kind] || `The connection failed (${e.kind}).`;
  const why = [];
  if (e.kind === 'rdcleanpath') {
    if (e.httpStatus) why.push(`${HTTP[e.httpStatus] || 'the gateway answered'} (HTTP ${e.httpStatus})`);
    if (e.wsaError) why.push(`${WSA[e.wsaError] || 'the gateway could not connect'} (WSA ${e.wsaError})`);
    if (e.tlsAlert > 0 || (e.tlsAlert === 0 && !e.httpStatus && !e.wsaError))
      why.push(`the TLS handshake with the server failed: ${TLS[e.tlsAlert] || 'alert'} (TLS alert ${e.tlsAlert})`);
  } else if (e.kind === 'server-disconnect' && e.code && ERROR_INFO[e.code]) {
    why.push(ERROR_INFO[e.code]);
  }
  const detail = why.length ? ` ${capital(why.join('; '))}.` : '';
  const msg = e.message && !why.length && e.message !== e.kind ? ` (${e.message})` : '';
  return `${base}${detail}${msg}`;
}

function capital(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

export const ERROR_SENTENCES = Object.freeze({ kinds: KINDS, http: HTTP, wsa: WSA, tls: TLS });
