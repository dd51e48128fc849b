#!/usr/bin/env bash
# Runs every libFuzzer target (build/fuzz, from scripts/build.sh fuzz) for a
# few seconds each, seeded with the public vectors, two at a time.
#   scripts/fuzz.sh [--seconds N] [--only REGEX]
# Prints one line per crashed target and a closing summary; exits 1 on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=3
only=.
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: scripts/fuzz.sh [--seconds N] [--only REGEX]" >&2; exit 2 ;;
  esac
done
list=build/fuzz/fuzz-targets.txt
if [ ! -f "$list" ]; then
  echo "fuzz: no targets built (run scripts/build.sh fuzz)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# seeds: every binary vector, plus the JSON seeds for the JSON reader
mkdir -p "$work/seeds-bin" "$work/seeds-json"
i=0
for f in $(find tests/vectors -type f \( -name '*.bin' -o -name '*.der' \) -size -64k); do
  i=$((i + 1)); cp "$f" "$work/seeds-bin/$i-$(basename "$f")"
done
cp tests/fuzz/seeds/json/* "$work/seeds-json/"
mkdir -p build/fuzz/artifacts

run_one() {
  local name=$1 seconds=$2 work=$3
  local bin=build/fuzz/tests/fuzz/$name
  local seeds=$work/seeds-bin
  case "$name" in fuzz_json) seeds=$work/seeds-json ;; esac
  local corpus=$work/corpus-$name
  mkdir -p "$corpus"
  if "$bin" -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="build/fuzz/artifacts/$name-" "$corpus" "$seeds" >"$work/$name.log" 2>&1; then
    local execs
    execs=$(grep -o 'Done [0-9]* runs' "$work/$name.log" | grep -o '[0-9]*' || echo "?")
    echo "ok $name $execs"
  else
    echo "CRASH $name (log: build/fuzz/artifacts/$name.log)"
    cp "$work/$name.log" "build/fuzz/artifacts/$name.log"
  fi
}
export -f run_one

grep -E "$only" "$list" | grep -v '^$' | xargs -P 2 -I{} bash -c 'run_one "$@"' _ {} "$seconds" "$work" >"$work/results.txt" || true
total=$(wc -l <"$work/results.txt")
crashed=$(grep -c '^CRASH' "$work/results.txt" || true)
execs=$(awk '$1=="ok" && $3 ~ /^[0-9]+$/ {s+=$3} END {print s+0}' "$work/results.txt")
grep '^CRASH' "$work/results.txt" || true
echo "fuzz: $total targets, $crashed crashed, $execs executions in ${seconds}s each"
[ "$crashed" -eq 0 ]
