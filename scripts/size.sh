#!/usr/bin/env bash
# npm run size: the size of dist/webrdp.wasm (raw, gzip -9) and a listing of
# where its bytes go, by section, by module and by function, read from the
# named copy build/wasm/src/wasm/webrdp.named.wasm and the linker map.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_DIR=${WRDP_WASM_DIR:-build/wasm}
named=$WASM_DIR/src/wasm/webrdp.named.wasm
if [ ! -f dist/webrdp.wasm ] || [ ! -f "$named" ]; then
  echo "size: dist/webrdp.wasm is not built; building it (scripts/build.sh wasm)"
  scripts/build.sh wasm
fi
raw=$(wc -c <dist/webrdp.wasm)
gz=$(gzip -9c dist/webrdp.wasm | wc -c)
echo "size: dist/webrdp.wasm $raw bytes raw, $gz bytes gzip -9 (budget: 600 KB raw)"
# The linker map says which object each function and constant came from; emcc
# drops -Wl,--Map, so relink once with --print-map (output thrown away).
map=$WASM_DIR/src/wasm/webrdp.map
link=$WASM_DIR/src/wasm/CMakeFiles/webrdp_wasm.dir/link.txt
if [ -f "$link" ] && { [ ! -f "$map" ] || [ "$map" -ot "$named" ]; }; then
  (cd "$WASM_DIR/src/wasm" && NODE_PATH=${NODE_PATH:-/usr/share/nodejs} \
    $(sed 's| -o webrdp.named.wasm | -o webrdp.map-link.wasm |' CMakeFiles/webrdp_wasm.dir/link.txt) \
    -Wl,--print-map >webrdp.map 2>/dev/null && rm -f webrdp.map-link.wasm) ||
    echo "size: could not relink for the map; listing without module names"
fi
echo "size: listing from $named"
echo
node scripts/size.mjs "$named" "$@"
