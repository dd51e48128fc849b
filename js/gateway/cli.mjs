#!/usr/bin/env node
// webrdp-gateway: the RDCleanPath gateway on the command line, and
// `webrdp-gateway token` to mint development tokens. Every flag has an
// environment variable twin (WEBRDP_GATEWAY_<FLAG>); a flag wins over its twin.
import { readFileSync } from 'node:fs';
import { startGateway, DEFAULTS } from './server.mjs';
import { loadSecretFile, mintToken } from './token.mjs';

const FLAGS = {
  listen: { value: 'HOST:PORT', help: `address to listen on (default ${DEFAULTS.listen})` },
  'provisioner-key': { value: 'FILE', help: 'RS256 public key (PEM) that verifies association tokens' },
  'hs256-secret-file': { value: 'FILE', help: 'HS256 shared secret (at least 32 bytes; one trailing newline ignored)' },
  allow: { value: 'HOST:PORT[,...]', help: 'only these destinations may be reached' },
  'insecure-no-token': { help: 'accept requests without a token (LOCAL DEVELOPMENT ONLY)' },
  static: { value: 'DIR', help: 'serve the files of DIR on the same port (e.g. web)' },
  'connect-timeout-ms': { value: 'MS', help: `TCP connect, X.224 and TLS timeout each (default ${DEFAULTS.connectTimeoutMs})` },
  'max-sessions': { value: 'N', help: `concurrent sessions; more are refused with HTTP 503 (default ${DEFAULTS.maxSessions})` },
  help: { help: 'show this help' },
};

const TOKEN_FLAGS = {
  destination: { value: 'HOST:PORT', help: 'the RDP server the token allows (dst_hst)' },
  'hs256-secret-file': { value: 'FILE', help: 'sign HS256 with this secret' },
  'private-key': { value: 'FILE', help: 'sign RS256 with this private key (PEM)' },
  'expires-in': { value: 'SECONDS', help: 'validity (default 300)' },
  help: { help: 'show this help' },
};

const envName = (flag) => `WEBRDP_GATEWAY_${flag.toUpperCase().replace(/-/g, '_')}`;

function usage() {
  const lines = ['Usage: webrdp-gateway [options]', '       webrdp-gateway token --destination HOST:PORT (--hs256-secret-file F | --private-key F)', '',
    'An RDCleanPath gateway: WebSocket at /jet/rdp ⇄ TCP + TLS to the RDP server.', '', 'Options (environment variable in brackets):'];
  for (const [f, d] of Object.entries(FLAGS)) {
    const left = `  --${f}${d.value ? ` ${d.value}` : ''}`;
    lines.push(`${left.padEnd(40)}${d.help}${f === 'help' ? '' : ` [${envName(f)}]`}`);
  }
  lines.push('', 'Token options:');
  for (const [f, d] of Object.entries(TOKEN_FLAGS)) lines.push(`${`  --${f}${d.value ? ` ${d.value}` : ''}`.padEnd(40)}${d.help}`);
  return lines.join('\n');
}

/** argv → { flag: value|true }; env twins fill what is not given. Throws on unknown flags. */
function parseArgs(argv, spec = FLAGS, env = process.env) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(a);
    if (!m || !spec[m[1]]) throw new Error(`unknown option ${a}`);
    const d = spec[m[1]];
    if (!d.value) {
      if (m[2] !== undefined) throw new Error(`--${m[1]} takes no value`);
      out[m[1]] = true;
    } else if (m[2] !== undefined) {
      out[m[1]] = m[2];
    } else {
      if (i + 1 >= argv.length) throw new Error(`--${m[1]} needs ${d.value}`);
      out[m[1]] = argv[++i];
    }
  }
  if (spec === FLAGS) {
    for (const [f, d] of Object.entries(spec)) {
      if (f === 'help' || out[f] !== undefined || env[envName(f)] === undefined || env[envName(f)] === '') continue;
      const v = env[envName(f)];
      out[f] = d.value ? v : /^(1|true|yes|on)$/i.test(v);
    }
  }
  return out;
}

function integer(v, flag) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} must be a positive integer`);
  return n;
}

function optionsFromArgs(a) {
  return {
    listen: a.listen,
    provisionerKey: a['provisioner-key'],
    hs256SecretFile: a['hs256-secret-file'],
    allow: a.allow,
    insecureNoToken: a['insecure-no-token'] === true,
    staticDir: a.static,
    connectTimeoutMs: integer(a['connect-timeout-ms'], 'connect-timeout-ms'),
    maxSessions: integer(a['max-sessions'], 'max-sessions'),
  };
}

async function tokenCommand(argv) {
  const a = parseArgs(argv, TOKEN_FLAGS);
  if (a.help) return console.log(usage());
  if (!a.destination) throw new Error('token: --destination HOST:PORT is required');
  const expiresIn = a['expires-in'] === undefined ? 300 : integer(a['expires-in'], 'expires-in');
  if (a['private-key']) {
    console.log(mintToken({ destination: a.destination, alg: 'RS256', key: readFileSync(a['private-key']), expiresIn }));
  } else if (a['hs256-secret-file']) {
    console.log(mintToken({ destination: a.destination, alg: 'HS256', secret: loadSecretFile(a['hs256-secret-file']), expiresIn }));
  } else {
    throw new Error('token: give --hs256-secret-file FILE or --private-key FILE');
  }
}

async function main(argv) {
  if (argv[0] === 'token') return tokenCommand(argv.slice(1));
  const a = parseArgs(argv);
  if (a.help) return console.log(usage());
  const gw = await startGateway(optionsFromArgs(a));
  const stop = async (signal) => {
    process.stderr.write(`webrdp-gateway: ${signal}, closing ${gw.sessions} session(s)\n`);
    await gw.close();
    process.exit(0);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`webrdp-gateway: ${e.message}\n`);
  process.exit(2);
});
