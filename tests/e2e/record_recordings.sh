#!/usr/bin/env bash
# Regenerates tests/vectors/webrdp/recordings/*.rec: starts each real server with
# tests/peers/, connects once with `webrdp connect --record`, stops the server.
# The recordings are committed test vectors; run this only to replace them.
# Passwords: Passw0rd! for the NLA shadow server (its SAM file), x elsewhere
# (those servers do not check it). Usage: tests/e2e/record_recordings.sh [WEBRDP_BIN]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/native/webrdp}
OUT=tests/vectors/webrdp/recordings
P=tests/peers
STOP=()
trap 'for s in "${STOP[@]}"; do $s >/dev/null 2>&1 || true; done' EXIT

record() { # record NAME START_ARGS -- CONNECT_ARGS
  local name=$1; shift
  local start=() port
  while [ "$1" != -- ]; do start+=("$1"); shift; done; shift
  port=$(sed -n 's/.*--port \([0-9]*\).*/\1/p' <<<"${start[*]}")
  case "${start[0]}" in
    start-xrdp.sh) STOP+=("$P/stop-xrdp.sh --port $port") ;;
    *) STOP+=("$P/stop-freerdp-shadow.sh --port $port") ;;
  esac
  "$P/${start[0]}" "${start[@]:1}" >/dev/null
  "$BIN" connect --host 127.0.0.1 --port "$port" --width 1024 --height 768 "$@" --record "$OUT/$name.rec" >/dev/null
  echo "recorded $OUT/$name.rec"
  ${STOP[-1]} >/dev/null
}

record freerdp-shadow-nla start-freerdp-shadow.sh --sec nla --port 33890 --display :90 -- \
  --user test --password 'Passw0rd!' --security nla --cert-ignore
record freerdp-shadow-tls start-freerdp-shadow.sh --sec tls --port 33891 --display :91 -- \
  --user test --password x --security tls --cert-ignore
record freerdp-shadow-rdp start-freerdp-shadow.sh --sec rdp --port 33892 --display :92 -- \
  --user test --password x --security rdp
record xrdp-tls start-xrdp.sh --security tls --port 33893 -- --user test --password x --security tls --cert-ignore
record xrdp-rdp start-xrdp.sh --security rdp --port 33894 -- --user test --password x --security rdp
