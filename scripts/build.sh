#!/usr/bin/env bash
# Builds webrdp: scripts/build.sh [native|wasm|js|fuzz|all] (default: all)
#   native  build/native: static library, unit tests, tool build/native/webrdp (ASan+UBSan)
#   fuzz    build/fuzz:   libFuzzer targets with clang
#   wasm    build/wasm -> dist/webrdp.wasm, then js
#   js      the ES modules: js/*.mjs -> dist/ (entry dist/webrdp.mjs, types dist/*.d.mts), the web
#           component -> dist/webrdp-desktop.mjs, and dist/ -> web/dist/ (git-ignored) so that the
#           gateway's `--static web` serves the demo page and everything it imports
# Incremental: re-running only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
JOBS=${JOBS:-$(nproc)}
# Build folders can be moved (e.g. so that CI on a shared work tree does not touch a developer's).
NATIVE_DIR=${WRDP_NATIVE_DIR:-build/native}
FUZZ_DIR=${WRDP_FUZZ_DIR:-build/fuzz}
WASM_DIR=${WRDP_WASM_DIR:-build/wasm}

say() { printf 'build: %s\n' "$*"; }

native() {
  say "native (gcc, ASan+UBSan) -> $NATIVE_DIR"
  # (re)configured every time: cheap, and it picks up PDU kinds added to existing files
  cmake -S . -B $NATIVE_DIR -DWRDP_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build $NATIVE_DIR -j"$JOBS"
  say "native: tool $NATIVE_DIR/webrdp, $(ctest --test-dir $NATIVE_DIR -N 2>/dev/null | sed -n 's/^Total Tests: //p') unit tests"
}

fuzz() {
  say "fuzz (clang, libFuzzer, ASan+UBSan) -> $FUZZ_DIR"
  CC=clang cmake -S . -B $FUZZ_DIR -DWRDP_BUILD_FUZZ=ON -DWRDP_BUILD_TESTS=OFF -DWRDP_BUILD_TOOL=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build $FUZZ_DIR -j"$JOBS"
  say "fuzz: $(grep -c . $FUZZ_DIR/fuzz-targets.txt 2>/dev/null || echo 0) targets listed in $FUZZ_DIR/fuzz-targets.txt"
}

wasm() {
  scripts/wasm-deps.sh
  say "wasm (Emscripten $(emcc --version | sed -n '1s/.* \([0-9][0-9.]*\) .*/\1/p')) -> $WASM_DIR -> dist/"
  emcmake cmake -S . -B $WASM_DIR -DCMAKE_BUILD_TYPE=MinSizeRel -DWRDP_BUILD_TESTS=OFF -DWRDP_BUILD_TOOL=OFF >/dev/null
  cmake --build $WASM_DIR -j"$JOBS"
  mkdir -p dist
  cp $WASM_DIR/src/wasm/webrdp.wasm dist/webrdp.wasm
  jsdist
  local raw gz
  raw=$(wc -c <dist/webrdp.wasm)
  gz=$(gzip -9c dist/webrdp.wasm | wc -c)
  say "dist/webrdp.wasm: $raw bytes raw, $gz bytes gzip -9 (budget 600 KB raw); names kept in $WASM_DIR/src/wasm/webrdp.named.wasm"
}

# The ES modules (no bundler: the browser loads them as they are).
jsdist() {
  mkdir -p dist web/dist
  local f
  for f in js/*.mjs; do cp "$f" dist/; done
  cp js/webrdp.d.ts dist/webrdp.d.mts
  # The web component imports './dist/webrdp.mjs' beside the demo page; in dist/ it sits next to it.
  sed "s|'./dist/webrdp.mjs'|'./webrdp.mjs'|" web/webrdp-desktop.mjs > dist/webrdp-desktop.mjs
  cp web/webrdp-desktop.d.ts dist/webrdp-desktop.d.mts
  rm -f web/dist/*.mjs
  cp dist/*.mjs web/dist/
  [ ! -f dist/webrdp.wasm ] || cp dist/webrdp.wasm web/dist/
  say "js: $(ls dist/*.mjs | wc -l) modules in dist/ and web/dist/"
}

what=${1:-all}
case "$what" in
  native) native ;;
  fuzz) fuzz ;;
  wasm) wasm ;;
  js) jsdist ;;
  all) native; fuzz; wasm ;;
  *) echo "usage: $0 [native|wasm|js|fuzz|all]" >&2; exit 2 ;;
esac
