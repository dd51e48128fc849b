#!/usr/bin/env bash
# npm run bench [-- --repeat N] [-- --only codec,codec]: not a test, figures.
#  1. the wasm module's size, load time and PDU throughput (tests/bench/pdu_wasm.mjs)
#  2. codec throughput (tests/bench/codecs.mjs): the same bitstreams, made by
#     FreeRDP 2's encoders (tests/bench/make_streams.c -> build/bench/streams/),
#     decoded by our native build (build/bench-native, Release), our wasm in
#     Node with SIMD (build/wasm, the flags of dist/) and without
#     (build/wasm-nosimd, WRDP_WASM_SIMD=OFF), and FreeRDP's decoders
#     (tests/bench/freerdp_bench.c); pixels checked against FreeRDP first.
# The bench-only wasm (webrdp_bench.wasm: the decoder exports of
# tests/bench/bench_frames.c) is built by name; dist/webrdp.wasm is untouched.
# Needs freerdp2-dev for the streams and the FreeRDP column. A few minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
JOBS=${JOBS:-$(nproc)}
say() { printf 'bench: %s\n' "$*"; }

scripts/build.sh wasm >/dev/null
say "dist/webrdp.wasm $(wc -c <dist/webrdp.wasm) bytes raw, $(gzip -9c dist/webrdp.wasm | wc -c) bytes gzip -9"
node tests/bench/pdu_wasm.mjs

say "building the native bench (build/bench-native, Release) and the bench wasm modules"
cmake -S . -B build/bench-native -DCMAKE_BUILD_TYPE=Release -DWRDP_BUILD_TESTS=OFF -DWRDP_BUILD_TOOL=OFF \
  -DWRDP_BUILD_BENCH=ON >/dev/null
cmake --build build/bench-native -j"$JOBS" >/dev/null
cmake --build build/wasm --target webrdp_bench_wasm -j"$JOBS" >/dev/null
emcmake cmake -S . -B build/wasm-nosimd -DCMAKE_BUILD_TYPE=MinSizeRel -DWRDP_BUILD_TESTS=OFF -DWRDP_BUILD_TOOL=OFF \
  -DWRDP_WASM_SIMD=OFF >/dev/null
cmake --build build/wasm-nosimd --target webrdp_bench_wasm -j"$JOBS" >/dev/null
bench_wasm=build/wasm/src/wasm/webrdp_bench.wasm
stripped=$(wasm-opt -all --strip-debug --strip-producers "$bench_wasm" -o /dev/stdout | wc -c)
say "bench module $bench_wasm: $stripped bytes stripped ($((stripped - $(wc -c <dist/webrdp.wasm))) more than dist/webrdp.wasm: the decoders and the bench glue, which dist/ does not export)"

if [ ! -x build/bench-native/tests/bench/make_streams ]; then
  say "freerdp2 not found by pkg-config: no streams, no FreeRDP column (apt-get install freerdp2-dev)"
  exit 0
fi
mkdir -p build/bench/streams
build/bench-native/tests/bench/make_streams build/bench/streams | sed 's/^/bench: stream /'
node tests/bench/codecs.mjs "$@"
