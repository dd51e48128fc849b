#!/usr/bin/env node
// Connects to an RDP server through an RDCleanPath gateway from Node (the `ws`
// package is the WebSocket; no canvas: the image stays in wasm memory), waits
// for the screen to settle, and writes a PNG.
//
//   node examples/node-screenshot.mjs --gateway ws://127.0.0.1:7171/jet/rdp --token TOKEN \
//     --destination 10.0.0.5:3389 --username alice --password secret [--domain D] \
//     [--width 1024 --height 768] [--settle-ms 1500] [--timeout-ms 30000] --out shot.png
//
// Every option has an environment twin: WEBRDP_GATEWAY_URL, WEBRDP_TOKEN, WEBRDP_DESTINATION,
// WEBRDP_USERNAME, WEBRDP_PASSWORD, WEBRDP_DOMAIN (handy for secrets).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { connect, describeError } from '../dist/webrdp.mjs';

const { values: a } = parseArgs({
  options: {
    gateway: { type: 'string', default: process.env.WEBRDP_GATEWAY_URL },
    token: { type: 'string', default: process.env.WEBRDP_TOKEN },
    destination: { type: 'string', default: process.env.WEBRDP_DESTINATION },
    username: { type: 'string', default: process.env.WEBRDP_USERNAME ?? '' },
    password: { type: 'string', default: process.env.WEBRDP_PASSWORD ?? '' },
    domain: { type: 'string', default: process.env.WEBRDP_DOMAIN ?? '' },
    width: { type: 'string', default: '1024' },
    height: { type: 'string', default: '768' },
    security: { type: 'string' },
    'settle-ms': { type: 'string', default: '1500' },
    'timeout-ms': { type: 'string', default: '30000' },
    out: { type: 'string', default: 'screenshot.png' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!a.gateway || !a.destination) {
  console.error('usage: node examples/node-screenshot.mjs --gateway WS_URL --destination HOST:PORT [--token T] ' +
    '[--username U --password P --domain D] [--width W --height H] [--out FILE]');
  process.exit(2);
}
const log = (s) => { if (!a.quiet) console.error(s); };

const settleMs = Number(a['settle-ms']);
try {
  const session = await connect({
    gateway: a.gateway, token: a.token, destination: a.destination, username: a.username,
    password: a.password, domain: a.domain, width: Number(a.width), height: Number(a.height),
    security: a.security ? a.security.split(',') : undefined, WebSocket, timeoutMs: Number(a['timeout-ms']),
    on: {
      stage: (e) => log(`stage ${e.detail.state}`),
    },
  });
  log(`connected: ${session.width}x${session.height}`);
  const t0 = Date.now();
  // The screen has settled when no update came for settleMs (at most timeout-ms in all).
  const until = Date.now() + Number(a['timeout-ms']);
  while (Date.now() - Math.max(session.lastUpdate, t0) < settleMs && Date.now() < until && session.state === 'connected')
    await new Promise((r) => setTimeout(r, 100));
  const png = Buffer.from(await (await session.screenshot()).arrayBuffer());
  writeFileSync(a.out, png);
  log(`wrote ${a.out} (${png.length} bytes)`);
  await session.disconnect();
} catch (e) {
  console.error(`${describeError(e) || 'failed'} [${e.kind ?? 'error'}] ${e.message}`);
  process.exit(1);
}
