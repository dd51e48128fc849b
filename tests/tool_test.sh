#!/usr/bin/env bash
# The webrdp command-line tool, end to end (run by ctest with the tool's path):
# pdu decode -> encode gives the same bytes; decode writes what the vectors expect.
set -u
BIN=$1
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# every roundtrip case of one family: JSON out, bytes back
while IFS=$'\t' read -r kind file expect; do
  case "$kind" in ''|'#'*) continue ;; esac
  [ "$expect" = roundtrip ] || continue
  if "$BIN" pdu decode "$kind" "$file" >"$tmp/p.json" 2>"$tmp/err" &&
     "$BIN" pdu encode "$kind" @"$tmp/p.json" -o "$tmp/p.bin" 2>>"$tmp/err" && cmp -s "$tmp/p.bin" "$file"; then
    ok
  else
    bad "pdu $kind $file: $(cat "$tmp/err")"
  fi
done < <(cat vectors/pdu/cases/x224.tsv vectors/pdu/cases/mcs.tsv vectors/pdu/cases/gcc.tsv)

# a malformed PDU: exit 1 and one error line naming the kind
if "$BIN" pdu decode x224_connection_request vectors/pdu/x224/err_connection_request_neg_type_3.bin >/dev/null 2>"$tmp/err"; then
  bad "malformed PDU accepted"
else
  grep -q '^error: decode: x224_connection_request' "$tmp/err" && ok || bad "error line: $(cat "$tmp/err")"
fi
"$BIN" pdu decode no_such_kind vectors/pdu/x224/cookie_user.bin 2>/dev/null; [ $? = 2 ] && ok || bad "unknown kind exit"

# bulk decoders against FreeRDP's vectors
for c in "mppc8k mppc_rdp4_bells.bin bells.txt" "mppc64k mppc_rdp5_bells.bin bells.txt" \
         "mppc64k mppc_rdp5_buffer.bin mppc_rdp5_buffer.expected.bin" "ncrush ncrush_bells.bin bells.txt"; do
  set -- $c
  if "$BIN" decode "$1" "vectors/codec/bulk/$2" --out "$tmp/o" >"$tmp/line" && cmp -s "$tmp/o" "vectors/codec/bulk/$3" &&
     grep -q "\"codec\":\"$1\"" "$tmp/line"; then ok; else bad "decode $1 $2"; fi
done

# picture decoders: the JSON line and an RGBA output of width*height*4 bytes
p=$(ls vectors/codec/planar/*.planar | head -1)
if "$BIN" decode planar "$p" --width 64 --height 64 --repeat 3 --out "$tmp/img" >"$tmp/line" &&
   [ "$(stat -c %s "$tmp/img")" = $((64 * 64 * 4)) ] && grep -q '"mpix_per_s":' "$tmp/line"; then ok; else bad "decode planar"; fi
"$BIN" decode planar "$p" --width 0 --height 64 >/dev/null 2>&1; [ $? = 2 ] && ok || bad "missing size accepted"
head -c 100 "$p" >"$tmp/trunc"
if "$BIN" decode planar "$tmp/trunc" --width 64 --height 64 >/dev/null 2>"$tmp/err"; then bad "truncated planar accepted";
else grep -q '^error: decode:' "$tmp/err" && ok || bad "truncated planar error: $(cat "$tmp/err")"; fi

echo "tool: $pass passed, $fail failed"
[ "$fail" = 0 ]
