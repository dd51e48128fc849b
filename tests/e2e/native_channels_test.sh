#!/usr/bin/env bash
# Virtual channels against a real server: FreeRDP's shadow server (TLS) joins
# drdynvc and rdpsnd; `webrdp connect --channels drdynvc,rdpsnd --stay 4`
# routes drdynvc through the dynamic channel manager. Expected: the DVC
# capabilities exchange happens, every channel we did not register (the
# shadow server opens AUDIO_INPUT) is refused politely, the sound processor
# answers the server's audio formats with ones we decode (the shadow server's
# X11 build sends no audio itself, so no wave reaches us here), and the
# session is still active afterwards.
# TAP output. Environment: WEBRDP_BIN, WRDP_E2E_LOGS.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${WEBRDP_BIN:-$ROOT/build/native/webrdp}
LOGS=${WRDP_E2E_LOGS:-$ROOT/build/test-logs/e2e}
PORT=33891
DISPLAY_N=:91
mkdir -p "$LOGS"
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
cleanup() { bash "$ROOT/tests/peers/stop-freerdp-shadow.sh" --port "$PORT" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if ! facts=$(bash "$ROOT/tests/peers/start-freerdp-shadow.sh" --sec tls --port "$PORT" --display "$DISPLAY_N" 2>"$LOGS/channels-peer.log" | tail -1); then
  not_ok "shadow server started (see $LOGS/channels-peer.log)"
  echo "1..$n"; exit 1
fi
echo "# $facts"
out=$LOGS/channels-shadow.txt
"$BIN" connect --host 127.0.0.1 --port "$PORT" --user test --password x --cert-ignore \
  --channels drdynvc,rdpsnd --stay 4 --timeout 30 >"$out" 2>&1
rc=$?
sed 's/^/# /' "$out" | grep -E '^# (channels|dvc|channel|rdpsnd|session|error)' || true
check "shadow: exit 0 after staying 4 s" '[ "$rc" = 0 ]'
check "shadow: drdynvc and rdpsnd joined" 'grep -qE "^channels: .*drdynvc=[0-9]+.*rdpsnd=[0-9]+" "$out"'
check "shadow: DVC capabilities exchanged" 'grep -q "^dvc: capabilities version [1-3]" "$out"'
check "shadow: unregistered dynamic channels refused, not dropped" 'grep -q "^dvc: refused " "$out"'
check "shadow: rdpsnd formats negotiated (the sound processor answered the server's formats)" 'grep -qE "^rdpsnd: server version [0-9]+, [1-9][0-9]* formats answered" "$out"'
check "shadow: session still active" 'grep -q "^session: still active after 4 s" "$out"'
check "shadow: no error line" '! grep -q "^error:" "$out"'
echo "1..$n"
echo "# e2e channels: $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
