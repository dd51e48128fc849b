#!/usr/bin/env bash
# Builds webrdp: scripts/build.sh [native|wasm|fuzz|all] (default: all)
#   native  build/native: static library, unit tests, tool build/native/webrdp (ASan+UBSan)
#   fuzz    build/fuzz:   libFuzzer targets with clang
#   wasm    build/wasm -> dist/webrdp.wasm, dist/webrdp.mjs, dist/webrdp.d.mts
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
  cp js/loader.mjs dist/webrdp.mjs
  cp js/webrdp.d.ts dist/webrdp.d.mts
  local raw gz
  raw=$(wc -c <dist/webrdp.wasm)
  gz=$(gzip -9c dist/webrdp.wasm | wc -c)
  say "dist/webrdp.wasm: $raw bytes raw, $gz bytes gzip -9 (budget 600 KB raw); names kept in $WASM_DIR/src/wasm/webrdp.named.wasm"
}

what=${1:-all}
case "$what" in
  native) native ;;
  fuzz) fuzz ;;
  wasm) wasm ;;
  all) native; fuzz; wasm ;;
  *) echo "usage: $0 [native|wasm|fuzz|all]" >&2; exit 2 ;;
esac
