#!/usr/bin/env bash
# Real-server tests of `webrdp screenshot`: the pixels webrdp decodes from a real
# server, compared with an independent rendering of the same screen.
#
#  - FreeRDP's shadow server (TLS, NLA, standard RDP security) shares an Xvfb
#    display; the truth is `xwd -root` of that display, taken right after the
#    screenshot. Besides the gradient and xterm the peer script draws, the test
#    maps a window with noise, a gradient, text and a diagonal line on it, so a
#    codec has more than flat colour to get wrong. Per security mode, three
#    codec settings: the default (bitmap updates), --codecs rfx, --codecs nsc.
#    A lossless path must give identical pixels (compare -metric AE = 0);
#    RemoteFX is lossy: PSNR over 40 dB against the truth, and — on the TLS
#    server — at most 1 per channel away from FreeRDP's own client (xfreerdp
#    /rfx -gfx) decoding the same server's RemoteFX stream.
#  - xrdp's login screen (xrdp draws it itself; TLS and standard RDP security):
#    the truth is the same screen through FreeRDP's own client, xfreerdp on a
#    private Xvfb, captured with xwd: identical.
# Which path the server really used is read from the recording of each
# screenshot (tests/e2e/update_paths.py, a parser of its own: bitmap updates,
# surface bits by codec) and printed; the expectation follows the path: a
# RemoteFX (or NSCodec) surface stream is held to PSNR > 40 dB, everything else
# to identical pixels.
#
# Each case starts its servers with tests/peers/ and stops them (trap), also when
# it fails. PNGs (ours, truth, diff), recordings and logs stay in the log folder.
#
# Usage: tests/e2e/native_screenshot_test.sh [CASE...]   (default: all cases)
# Cases: shadow-tls shadow-nla shadow-rdp xrdp-tls xrdp-rdp
# Ports and displays: one port, 127.0.0.1:33898, for the shadow server (sharing
# display :98) and then for xrdp (the cases run one after the other and each stops
# its server); xfreerdp's own Xvfb is :96. The others are taken: 33890-33894 by
# native_connect_test.sh, 33895/:95 and 33896 by browser.test.mjs, 33897/:97 by
# gateway_shadow.test.mjs, 33899/:99 by scripts/start.sh.
# Environment: WEBRDP_BIN (default build/native/webrdp), WRDP_E2E_LOGS (default
# build/test-logs/e2e). Needs root the first time (apt-get of the servers,
# freerdp2-x11, x11-apps, x11-utils, imagemagick). Prints TAP; exits non-zero
# when a check failed.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
BIN=${WEBRDP_BIN:-$ROOT/build/native/webrdp}
LOGS=${WRDP_E2E_LOGS:-$ROOT/build/test-logs/e2e}
PEERS=$ROOT/tests/peers
PATHS_PY=$ROOT/tests/e2e/update_paths.py
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)
SHOTS=$LOGS/screenshots   # every PNG: NAME.png (ours), NAME.truth.png, NAME.diff.png
mkdir -p "$SHOTS"
# shellcheck source=tests/peers/lib.sh
. "$PEERS/lib.sh"

SHADOW_PORT=33898 SHADOW_DISPLAY=:98 XRDP_PORT=33898 CLIENT_DISPLAY=:96
PSNR_MIN=40

checks=0 failures=0
STOP=()   # commands that stop what runs now, for the trap (newest last)
cleanup() {
  local i
  for ((i = ${#STOP[@]} - 1; i >= 0; i--)); do ${STOP[$i]} >/dev/null 2>&1; done
  STOP=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }
not_ok() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok $checks - $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
fact() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -1; }

# ---- images
# capture DISPLAY OUT.png — the whole X screen, as the X server holds it (no pointer).
capture() { DISPLAY=$1 xwd -root -silent 2>/dev/null | convert xwd:- "$2" 2>/dev/null; }
# ae A B [DIFF] — the number of pixels that differ (any channel); DIFF shows them in red.
ae() {
  local v
  v=$(compare -metric AE "$1" "$2" "${3:-null:}" 2>&1 >/dev/null)
  awk -v v="$v" 'BEGIN { if (v ~ /^[0-9.eE+-]+$/) printf "%d\n", v; else print "error:" v }'
}
# psnr A B — in dB ("inf" when identical).
# shellcheck disable=SC2069  # stderr (the figure) kept, stdout dropped: the order is the point
psnr() { compare -metric PSNR "$1" "$2" null: 2>&1 >/dev/null; }
psnr_over() { awk -v p="$1" -v m="$2" 'BEGIN { exit !(p == "inf" || (p ~ /^[0-9.]+$/ && p + 0 > m)) }'; }
# maxdiff A B — the largest difference of one channel of one pixel, 0..255.
maxdiff() {
  convert "$1" "$2" -compose difference -composite -separate -format '%[fx:round(maxima*255)]\n' info: 2>/dev/null \
    | sort -n | tail -1
}
colours() { identify -format '%k' "$1" 2>/dev/null; }
same_size() { [ "$(identify -format '%wx%h' "$1")" = "$(identify -format '%wx%h' "$2")" ]; }

# ---- servers and clients
start_peer() { # start_peer SCRIPT STOP_SCRIPT PORT ARGS... — sets $facts
  local start=$1 stop=$2 port=$3; shift 3
  STOP+=("$PEERS/$stop --port $port")
  if ! facts=$("$PEERS/$start" --port "$port" "$@" 2>"$LOGS/screenshot-peer-$port.err"); then
    not_ok "start $start --port $port $*: $(tail -1 "$LOGS/screenshot-peer-$port.err")"
    return 1
  fi
  echo "# $facts"
}

# start_client_display — a private Xvfb for FreeRDP's client (24-bit, like the peers').
start_client_display() {
  local n=${CLIENT_DISPLAY#:} i
  if [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; then
    not_ok "display $CLIENT_DISPLAY for xfreerdp is already in use"; return 1
  fi
  Xvfb "$CLIENT_DISPLAY" -screen 0 1024x768x24 -nolisten tcp >"$LOGS/screenshot-xvfb$n.log" 2>&1 &
  local pid=$!
  STOP+=("kill $pid")
  for ((i = 0; i < 100; i++)); do
    DISPLAY=$CLIENT_DISPLAY xwd -root -silent >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  not_ok "Xvfb $CLIENT_DISPLAY did not start (see $LOGS/screenshot-xvfb$n.log)"; return 1
}

# freerdp_capture NAME OUT.png XFREERDP-ARGS... — runs xfreerdp on the client display,
# waits until its screen has content and two captures half a second apart are
# identical, captures it to OUT, then ends that xfreerdp.
#
# Why no /p: FreeRDP sets INFO_AUTOLOGON in the Client Info PDU whenever a password
# is given. xrdp then skips its login screen and goes straight to sesman (not running
# here); nothing is drawn until that connection times out after 15 s, and the FreeRDP
# window stays black: the all-black captures seen before this test. With /u only,
# xrdp draws its login screen with the user name filled in, as it does for webrdp.
freerdp_capture() {
  local name=$1 out=$2; shift 2
  local prev="$SHOTS/$name.prev.png" i pid
  DISPLAY=$CLIENT_DISPLAY xfreerdp /v:127.0.0.1 /cert:ignore /size:1024x768 -decorations "$@" \
    </dev/null >"$LOGS/$name.xfreerdp.log" 2>&1 &
  pid=$!
  STOP+=("kill $pid")
  rm -f "$prev" "$out"
  for ((i = 0; i < 60; i++)); do
    sleep 0.5
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "# $name: xfreerdp exited: $(grep -E 'ERROR' "$LOGS/$name.xfreerdp.log" | tail -1)"; break
    fi
    capture "$CLIENT_DISPLAY" "$out" || continue
    if [ -f "$prev" ] && [ "$(colours "$out")" -gt 1 ] && [ "$(ae "$out" "$prev")" = 0 ]; then
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
      rm -f "$prev"
      return 0
    fi
    cp "$out" "$prev"
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rm -f "$prev"
  echo "# $name: xfreerdp's screen did not settle with content within 30 s (log $LOGS/$name.xfreerdp.log)"
  return 1
}

# ---- webrdp screenshots
# shot NAME ARGS... — `webrdp screenshot` to $SHOTS/NAME.png, recorded to $LOGS/NAME.rec;
# sets $rc and $paths (the updates the server sent, by kind).
shot() {
  local name=$1; shift
  "$BIN" screenshot --timeout 30 --out "$SHOTS/$name.png" --record "$LOGS/$name.rec" "$@" \
    >"$LOGS/$name.out" 2>"$LOGS/$name.err"
  rc=$?
  paths=$(python3 "$PATHS_PY" "$LOGS/$name.rec" 2>&1 | sed 's/^paths: //')
  echo "# $name: exit $rc; $(grep '^screenshot: ' "$LOGS/$name.out" || tail -1 "$LOGS/$name.err")"
}
shot_ok() { [ "$rc" = 0 ] && grep -q '^screenshot: .*, settled)$' "$LOGS/$1.out" && [ -s "$SHOTS/$1.png" ]; }

# path_of PATHS — a sentence naming the graphics path; lossy_path: a RemoteFX or NSCodec surface stream.
path_of() {
  local p=$1 s=""
  case " $p" in *" surface/rfx="*) s="RemoteFX surface bits" ;; esac
  case " $p" in *" surface/nsc="*) s="${s:+$s + }NSCodec surface bits" ;; esac
  case " $p" in *" surface/none="*) s="${s:+$s + }uncompressed surface bits" ;; esac
  case " $p" in *" bitmap/"*) s="${s:+$s + }bitmap updates ($(tr ' ' '\n' <<<"$p" | sed -n 's|^bitmap/||p' | tr '\n' ' ' | sed 's/ $//'))" ;; esac
  case " $p" in *" orders="*) s="${s:+$s + }drawing orders" ;; esac
  case " $p" in *" encrypted="*) s="${s:+$s + }frames encrypted by standard RDP security (the recording holds them as sent: the path cannot be read from it)" ;; esac
  echo "${s:-no graphics updates} [$p]"
}
lossy_path() { case " $1" in *" surface/rfx="* | *" surface/nsc="*) return 0 ;; esac; return 1; }

# shadow_compare NAME CODECS ARGS... — a screenshot of the shadow server with --codecs CODECS
# and the xwd truth taken right after it; lossless: identical (with up to two fresh tries
# when not, for a screen that changed between the two captures: the xterm's cursor or
# focus; the try count is printed), RemoteFX/NSCodec: PSNR over 40 dB.
shadow_compare() {
  local name=$1 codecs=$2; shift 2
  local ours="$SHOTS/$name.png" truth="$SHOTS/$name.truth.png" diff="$SHOTS/$name.diff.png" try n p
  for try in 1 2 3; do
    shot "$name" --codecs "$codecs" "$@"
    capture "$SHADOW_DISPLAY" "$truth"
    shot_ok "$name" || break
    n=$(ae "$ours" "$truth" "$diff"); p=$(psnr "$ours" "$truth")
    lossy_path "$paths" && break
    [ "$n" = 0 ] && break
    echo "# $name: try $try differs in $n pixels; trying again (diff $diff)"
  done
  check "$name: webrdp screenshot --codecs $codecs exits 0, screen settled" shot_ok "$name"
  shot_ok "$name" || return 1
  echo "# $name exercised: $(path_of "$paths")"
  check "$name: the same size as the X display" same_size "$ours" "$truth"
  if lossy_path "$paths"; then
    echo "# $name: lossy path: AE $n, PSNR $p dB (ours $ours, truth $truth, diff $diff)"
    check "$name: PSNR $p dB > $PSNR_MIN dB against xwd of the shared display" psnr_over "$p" "$PSNR_MIN"
  else
    echo "# $name: lossless path: AE $n, PSNR $p dB (ours $ours, truth $truth, diff $diff)"
    check "$name: identical to xwd of the shared display (AE $n)" test "$n" = 0
  fi
}

# show_pattern — a window with noise, a gradient, text and a line, mapped on the shadow display.
show_pattern() {
  local png=$SHOTS/pattern.png i
  convert -size 360x260 xc:white \
    \( -size 180x130 xc:gray50 +noise Random \) -geometry +0+0 -composite \
    \( -size 180x130 gradient:red-blue -rotate 90 \) -geometry +180+0 -composite \
    -fill black -pointsize 14 -annotate +10+160 'webrdp e2e: The quick brown fox 0123456789' \
    -fill '#1b2a6b' -pointsize 22 -annotate +10+200 'jumps over the lazy dog' \
    -stroke green -draw 'line 0,259 359,130' "$png" 2>/dev/null || { not_ok "pattern image"; return 1; }
  DISPLAY=$SHADOW_DISPLAY display -geometry +600+420 -title webrdp-pattern "$png" >/dev/null 2>&1 &
  STOP+=("kill $!")
  for ((i = 0; i < 50; i++)); do
    DISPLAY=$SHADOW_DISPLAY xwininfo -name webrdp-pattern 2>/dev/null | grep -q 'Map State: IsViewable' && {
      sleep 0.5; return 0; }
    sleep 0.1
  done
  not_ok "the pattern window did not appear on $SHADOW_DISPLAY"; return 1
}

# ---- cases
case_shadow() { # case_shadow SEC ARGS...
  local sec=$1 name="shadow-$1"; shift
  start_peer start-freerdp-shadow.sh stop-freerdp-shadow.sh "$SHADOW_PORT" --sec "$sec" --display "$SHADOW_DISPLAY" \
    || return
  show_pattern || return
  local user pass; user=$(fact user "$facts"); pass=$(fact password "$facts")
  local args=(--host 127.0.0.1 --port "$SHADOW_PORT" --user "$user" --password "$pass" --security "$sec")
  [ "$sec" = rdp ] || args+=(--cert-ignore)
  shadow_compare "$name" none "${args[@]}"
  case " $paths" in *" bitmap/"*) ok "$name: default codecs: the server sent bitmap updates" ;;
    *) not_ok "$name: default codecs: no bitmap updates ($paths)" ;; esac
  shadow_compare "$name-rfx" rfx "${args[@]}"
  case " $paths" in *" surface/rfx="*) ok "$name-rfx: the server sent RemoteFX" ;;
    *) not_ok "$name-rfx: the server sent no RemoteFX ($paths)" ;; esac
  shadow_compare "$name-nsc" nsc "${args[@]}"
  case " $paths" in
    *" surface/nsc="*) echo "# $name-nsc: the server used NSCodec" ;;
    *) echo "# $name-nsc: FreeRDP's shadow server does not send NSCodec when it is the only codec offered;" \
         "it falls back to bitmap updates, so this case is a lossless one and must be identical" ;;
  esac
  if [ "$sec" = tls ] && [ -s "$SHOTS/$name-rfx.png" ]; then
    # FreeRDP's own RemoteFX decoder on the same server's stream (the server encodes the same screen
    # the same way for each client): ours must be within 1 per channel of it.
    start_client_display || return
    local fr="$SHOTS/$name-rfx.freerdp.png"
    if freerdp_capture "$name-rfx.freerdp" "$fr" /port:"$SHADOW_PORT" /u:"$user" /p:"$pass" /sec:tls -gfx /rfx; then
      local n d p; n=$(ae "$SHOTS/$name-rfx.png" "$fr" "$SHOTS/$name-rfx.freerdp.diff.png"); d=$(maxdiff "$SHOTS/$name-rfx.png" "$fr")
      p=$(psnr "$fr" "$SHOTS/$name-rfx.truth.png")
      echo "# $name-rfx vs xfreerdp /rfx: AE $n, largest channel difference $d; xfreerdp's own PSNR against xwd $p dB"
      check "$name-rfx: within 1 per channel of FreeRDP's RemoteFX decoding (AE $n, max $d)" test "${d:-999}" -le 1
    else
      not_ok "$name-rfx: xfreerdp /rfx gave no capture (log $LOGS/$name-rfx.freerdp.xfreerdp.log)"
    fi
  fi
  cleanup
}
case_shadow_tls() { case_shadow tls; }
case_shadow_nla() { case_shadow nla; }
case_shadow_rdp() { case_shadow rdp; }

case_xrdp() { # case_xrdp SEC
  local sec=$1 name="xrdp-$1"
  start_peer start-xrdp.sh stop-xrdp.sh "$XRDP_PORT" --security "$sec" || return
  local xdir; xdir=$(fact dir "$facts")
  local args=(--host 127.0.0.1 --port "$XRDP_PORT" --user test --password x --security "$sec")
  [ "$sec" = rdp ] || args+=(--cert-ignore)
  # webrdp first: two codec offers (xrdp's login screen is bitmap updates either way; the path is printed).
  local codecs case_name shots=()
  for codecs in none rfx,nsc; do
    case_name=$name; [ "$codecs" = none ] || case_name="$name-${codecs//,/-}"
    shot "$case_name" --codecs "$codecs" "${args[@]}"
    check "$case_name: webrdp screenshot --codecs $codecs exits 0, screen settled" shot_ok "$case_name"
    shot_ok "$case_name" || continue
    echo "# $case_name exercised: $(path_of "$paths"); $(grep -E '^(protocol|encryption): ' "$LOGS/$case_name.out" | tr '\n' ' ')"
    shots+=("$case_name|$paths")
  done
  # The truth: the same login screen through FreeRDP's client.
  start_client_display || return
  local truth="$SHOTS/$name.truth.png" via="/sec:$sec"
  if ! freerdp_capture "$name.freerdp" "$truth" /port:"$XRDP_PORT" /u:test /sec:"$sec"; then
    cp "$xdir/server.log" "$LOGS/$name.xrdp-server.log" 2>/dev/null
    if [ "$sec" = rdp ] && grep -q 'MAC checksum error' "$xdir/server.log" 2>/dev/null; then
      # FreeRDP 2 always signs with salted MACs (SEC_SECURE_CHECKSUM; SaltedChecksum is on by
      # default and xfreerdp has no option to turn it off); Debian's xrdp checks only the plain
      # MAC of standard RDP security and drops the Client Info PDU: "MAC checksum error for
      # non-FIPS PDU" in its log, ERRINFO_LOGOFF_BY_USER at the client. So FreeRDP's client
      # cannot reach this server. xrdp draws the same login screen whatever the security
      # layer, so the truth comes from the same xrdp (same configuration but the security
      # line) restarted with TLS on the same port.
      echo "# $name: xfreerdp cannot use standard RDP security with this xrdp (FreeRDP signs with salted" \
        "MACs, xrdp checks plain ones: 'MAC checksum error for non-FIPS PDU' in $LOGS/$name.xrdp-server.log);" \
        "the truth is xrdp's login screen through xfreerdp over TLS instead"
      cleanup
      start_peer start-xrdp.sh stop-xrdp.sh "$XRDP_PORT" --security tls || return
      start_client_display || return
      via="/sec:tls (fallback)"
      freerdp_capture "$name.freerdp-tls" "$truth" /port:"$XRDP_PORT" /u:test /sec:tls || rm -f "$truth"
    else
      rm -f "$truth"
    fi
  fi
  if [ -s "$truth" ]; then
    ok "$name: xfreerdp $via shows xrdp's login screen ($(colours "$truth") colours, $truth)"
  else
    not_ok "$name: xfreerdp gave no capture of the login screen (logs $LOGS/$name.freerdp*.xfreerdp.log)"
    return
  fi
  local item n p
  for item in "${shots[@]}"; do
    case_name=${item%%|*} paths=${item#*|}
    cp "$truth" "$SHOTS/$case_name.truth.png" 2>/dev/null
    n=$(ae "$SHOTS/$case_name.png" "$truth" "$SHOTS/$case_name.diff.png"); p=$(psnr "$SHOTS/$case_name.png" "$truth")
    echo "# $case_name: AE $n, PSNR $p dB against xfreerdp $via (ours $SHOTS/$case_name.png, diff $SHOTS/$case_name.diff.png)"
    if lossy_path "$paths"; then
      check "$case_name: PSNR $p dB > $PSNR_MIN dB against xfreerdp's rendering" psnr_over "$p" "$PSNR_MIN"
    else
      check "$case_name: identical to xfreerdp's rendering of the login screen (AE $n)" test "$n" = 0
    fi
  done
  cleanup
}
case_xrdp_tls() { case_xrdp tls; }
case_xrdp_rdp() { case_xrdp rdp; }

all="shadow-tls shadow-nla shadow-rdp xrdp-tls xrdp-rdp"
cases=${*:-$all}
echo "TAP version 13"
if [ ! -x "$BIN" ]; then
  echo "not ok 1 - $BIN is not built"; exit 1
fi
# The peer scripts install the servers; the comparison needs these too.
if ! peer_need x11-apps:xwd x11-utils:xwininfo imagemagick:/usr/bin/compare freerdp2-x11:xfreerdp xvfb:Xvfb \
    python3:python3 2>"$LOGS/screenshot-deps.err"; then
  echo "not ok 1 - tools missing: $(cat "$LOGS/screenshot-deps.err")"; exit 1
fi
for c in $cases; do
  case " $all " in *" $c "*) ;; *) not_ok "unknown case $c"; continue ;; esac
  echo "# case $c"
  "case_${c//-/_}"
  cleanup
done
echo "1..$checks"
echo "# e2e screenshots: $((checks - failures)) passed, $failures failed (PNGs in $SHOTS, logs in $LOGS)"
[ "$failures" = 0 ]
