#!/usr/bin/env bash
# npm run bench. Today: the wasm module's size, its load time and the PDU
# decode/encode throughput through the JS API (tests/bench/pdu_wasm.mjs).
# Codec throughput against FreeRDP and time to first frame come with the
# codecs and the session.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/webrdp.wasm ] || [ ! -f dist/webrdp.mjs ]; then
  echo "bench: building the wasm module first"
  scripts/build.sh wasm
fi
echo "bench: dist/webrdp.wasm $(wc -c <dist/webrdp.wasm) bytes raw, $(gzip -9c dist/webrdp.wasm | wc -c) bytes gzip -9"
node tests/bench/pdu_wasm.mjs "$@"
echo "bench: not measured yet: codec throughput vs FreeRDP, time to first frame (no codecs or session yet)"
