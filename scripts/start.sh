#!/usr/bin/env bash
# npm start. The browser client (web/, js/ session API, gateway) does not exist
# yet, so this builds what is missing and says plainly what there is to run.
set -euo pipefail
cd "$(dirname "$0")/.."
NATIVE_DIR=${WRDP_NATIVE_DIR:-build/native}

say() { printf 'start: %s\n' "$*"; }

if [ ! -d node_modules ]; then scripts/deps.sh; fi
if [ ! -x "$NATIVE_DIR/webrdp" ]; then say "building the native tool"; scripts/build.sh native; fi
if [ ! -f dist/webrdp.wasm ] || [ ! -f dist/webrdp.mjs ]; then say "building the wasm module"; scripts/build.sh wasm; fi

if [ -f web/index.html ]; then
  say "web/index.html exists, but no server to run it is wired into npm start yet"
else
  say "not built yet: the browser client (web/), the JS session API and the WebSocket gateway;"
  say "there is no RDP connection to start. What exists today:"
fi
echo
say "1. the native tool, $NATIVE_DIR/webrdp:"
"$NATIVE_DIR/webrdp" pdu --help | sed 's/^/    /'
echo
say "   e.g.  $NATIVE_DIR/webrdp pdu decode <kind> tests/vectors/pdu/<family>/<file>.bin"
echo
say "2. the wasm module with its loader (dist/webrdp.wasm, $(wc -c <dist/webrdp.wasm) bytes; dist/webrdp.mjs):"
node --input-type=module -e "
  import { loadWebrdp } from './dist/webrdp.mjs';
  const m = await loadWebrdp();
  const kinds = m.pdu.kinds();
  console.log('    loaded in Node; ' + kinds.length + ' PDU kinds: ' + (kinds.map((k) => k.name).join(', ') || '(none registered yet)'));
"
say "   in code:  const m = await loadWebrdp(); m.pdu.decode(kind, bytes); m.pdu.encode(kind, value)"
