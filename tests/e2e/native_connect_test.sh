#!/usr/bin/env bash
# Real-server tests of `webrdp connect`: each case starts a real RDP server with
# the project's peer scripts (tests/peers/), connects with the native tool,
# checks the states it went through, the protocol the server chose and the
# active session (or the refusal it must give), and stops the server it started
# — also when the case fails (trap).
#
# Usage: tests/e2e/native_connect_test.sh [CASE...]   (default: all cases)
# Cases: shadow-tls shadow-nla shadow-rdp xrdp-tls xrdp-rdp
# Environment: WEBRDP_BIN (default build/native/webrdp), WRDP_E2E_LOGS (default
# build/test-logs/e2e). Needs root the first time (the peer scripts apt-get
# what is missing). Prints TAP; exits non-zero when a check failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${WEBRDP_BIN:-$ROOT/build/native/webrdp}
LOGS=${WRDP_E2E_LOGS:-$ROOT/build/test-logs/e2e}
PEERS=$ROOT/tests/peers
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)

# The states each security mode must go through, in this order (others may come between).
START="ConnectionInitiationSendRequest ConnectionInitiationWaitConfirm"
MCS="BasicSettingsExchangeSendInitial BasicSettingsExchangeWaitResponse ChannelConnection"
REST="SecureSettingsExchange LicensingExchange CapabilitiesExchange ConnectionFinalization Connected"
STATES_TLS="$START EnhancedSecurityUpgrade $MCS $REST"
STATES_NLA="$START EnhancedSecurityUpgrade Credssp $MCS $REST"
STATES_RDP="$START $MCS SecurityExchange $REST"

checks=0 failures=0
STOP=()   # stop commands of the servers running now, for the trap
cleanup() {
  local cmd
  for cmd in "${STOP[@]}"; do $cmd >/dev/null 2>&1; done
  STOP=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }
not_ok() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok $checks - $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

# fact KEY LINE — the value of key=value in a facts line.
fact() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -1; }

# run_connect NAME ARGS... — runs the tool; sets $out (stdout), $err (stderr), $rc.
run_connect() {
  local name=$1; shift
  "$BIN" connect --timeout 30 "$@" >"$LOGS/$name.out" 2>"$LOGS/$name.err"
  rc=$?
  out=$(cat "$LOGS/$name.out"); err=$(cat "$LOGS/$name.err")
  echo "# $name: exit $rc; $(grep -c '^state: ' "$LOGS/$name.out") states; $(tail -1 "$LOGS/$name.err" 2>/dev/null)"
}

# states_in_order EXPECTED... — the "state:" lines hold these names in this order (others may be between).
states_in_order() {
  local got want
  got=$(sed -n 's/^state: //p' <<<"$out" | tr '\n' ' ')
  local rest=" $got"
  for want in "$@"; do
    case "$rest" in *" $want "*) rest=" ${rest#* $want }" ;; *) echo "# missing or out of order: $want (states: $got)"; return 1 ;; esac
  done
}
has_line() { grep -qE "$1" <<<"$out"; }
has_err() { grep -qE "$1" <<<"$err"; }

# connected_ok NAME PROTOCOL_REGEX STATES... — the checks every successful connection passes.
connected_ok() {
  local name=$1 proto=$2; shift 2
  check "$name: exit 0" test "$rc" = 0
  check "$name: states in order" states_in_order "$@"
  check "$name: says connected" has_line '^connected$'
  check "$name: protocol $proto" has_line "^protocol: $proto"
  check "$name: joined the I/O and user channels" has_line '^channels: io=[0-9]+ user=[0-9]+'
  check "$name: server capabilities listed" has_line '^capability: General '
  check "$name: disconnected politely" has_line '^disconnected: user requested'
  check "$name: no error line" test -z "$(grep '^error:' <<<"$err")"
}

start_peer() { # start_peer SCRIPT STOP_SCRIPT ARGS... — sets $facts
  local start=$1 stop=$2; shift 2
  local port_arg
  port_arg=$(sed -n 's/.*--port \([0-9]*\).*/\1/p' <<<"$*")
  STOP+=("$PEERS/$stop --port $port_arg")
  if ! facts=$("$PEERS/$start" "$@" 2>"$LOGS/peer-$port_arg.err"); then
    not_ok "start $start $*: $(tail -1 "$LOGS/peer-$port_arg.err")"
    return 1
  fi
  echo "# $facts"
}

case_shadow_tls() {
  start_peer start-freerdp-shadow.sh stop-freerdp-shadow.sh --sec tls --port 33890 --display :90 || return
  local fp cert; fp=$(fact fingerprint "$facts"); cert=$(fact cert "$facts")
  run_connect shadow-tls --host 127.0.0.1 --port 33890 --user test --password x --security tls --cert-fingerprint "$fp"
  connected_ok shadow-tls 'SSL' $STATES_TLS
  check "shadow-tls: certificate pinned" has_line '^certificate: trusted \(pinned SHA-256 fingerprint\)'
  check "shadow-tls: certificate fingerprint shown" has_line "^certificate: sha256 $fp\$"
  # The certificate checks refuse before any credentials are sent.
  run_connect shadow-tls-unverified --host 127.0.0.1 --port 33890 --user test --password x --security tls
  check "shadow-tls: an unverified certificate is refused (exit 3)" test "$rc" = 3
  check "shadow-tls: the refusal names the certificate" has_err '^error: certificate: .*--cert-ignore'
  check "shadow-tls: no state after the refusal" test -z "$(grep -E '^state: (Credssp|BasicSettings)' <<<"$out")"
  run_connect shadow-tls-wrong-pin --host 127.0.0.1 --port 33890 --user test --password x --security tls \
    --cert-fingerprint "$(printf '%064d' 0)"
  check "shadow-tls: a wrong pinned fingerprint is refused" test "$rc" = 3
  check "shadow-tls: the refusal says it is not the pinned one" has_err '^error: certificate: .*not the pinned fingerprint'
  run_connect shadow-tls-ca --host 127.0.0.1 --port 33890 --user test --password x --security tls \
    --ca-file "$cert" --cert-name some-other-name
  check "shadow-tls: a certificate for another name is refused" test "$rc" = 3
  run_connect shadow-tls-ignore --host 127.0.0.1 --port 33890 --user test --password x --security tls --cert-ignore
  check "shadow-tls: --cert-ignore connects" test "$rc" = 0
  cleanup
}

case_shadow_nla() {
  start_peer start-freerdp-shadow.sh stop-freerdp-shadow.sh --sec nla --port 33891 --display :91 || return
  local fp user pass; fp=$(fact fingerprint "$facts"); user=$(fact user "$facts"); pass=$(fact password "$facts")
  run_connect shadow-nla --host 127.0.0.1 --port 33891 --user "$user" --password "$pass" --security nla \
    --cert-fingerprint "$fp" --record "$LOGS/shadow-nla.rec"
  connected_ok shadow-nla 'HYBRID' $STATES_NLA
  run_connect shadow-nla-wrong --host 127.0.0.1 --port 33891 --user "$user" --password "not-$pass" --security nla \
    --cert-fingerprint "$fp"
  check "shadow-nla wrong password: exit non-zero" test "$rc" != 0
  check "shadow-nla wrong password: wrong-password or logon-failure" has_err '^error: (wrong-password|logon-failure): '
  check "shadow-nla wrong password: never connected" test -z "$(grep -E '^connected$' <<<"$out")"
  # Offering everything (the default), the server picks CredSSP.
  run_connect shadow-nla-any --host 127.0.0.1 --port 33891 --user "$user" --password "$pass" --cert-fingerprint "$fp"
  check "shadow-nla, all protocols offered: connects" test "$rc" = 0
  check "shadow-nla, all protocols offered: the server chose HYBRID" has_line '^protocol: HYBRID'
  # Offering only standard RDP security to a server that requires NLA: the server's reason, in words.
  run_connect shadow-nla-rdp-only --host 127.0.0.1 --port 33891 --user "$user" --password "$pass" --security rdp
  check "shadow-nla, rdp only: negotiation-failure" has_err '^error: negotiation-failure: .*Network Level Authentication'
  cleanup
}

case_shadow_rdp() {
  start_peer start-freerdp-shadow.sh stop-freerdp-shadow.sh --sec rdp --port 33892 --display :92 || return
  run_connect shadow-rdp --host 127.0.0.1 --port 33892 --user test --password x --security rdp
  # FreeRDP's shadow server answers /sec:rdp with encryption level none (no Security
  # Exchange, plain PDUs); xrdp-rdp below is the case that exercises RC4.
  connected_ok shadow-rdp 'RDP' $START $MCS $REST
  check "shadow-rdp: the encryption the server chose is reported" has_line '^encryption: '
  echo "# shadow-rdp exercised: $(grep '^encryption: ' <<<"$out")"
  check "shadow-rdp: no TLS" test -z "$(grep '^tls:' <<<"$out")"
  cleanup
}

case_xrdp_tls() {
  start_peer start-xrdp.sh stop-xrdp.sh --security tls --port 33893 || return
  local cert; cert=$(fact cert "$facts")
  run_connect xrdp-tls --host 127.0.0.1 --port 33893 --user test --password x --security tls \
    --ca-file "$cert" --cert-name webrdp-peer-xrdp
  connected_ok xrdp-tls 'SSL' $STATES_TLS
  check "xrdp-tls: certificate verified against its CA" has_line '^certificate: trusted \(chain to '
  cleanup
}

case_xrdp_rdp() {
  start_peer start-xrdp.sh stop-xrdp.sh --security rdp --port 33894 || return
  run_connect xrdp-rdp --host 127.0.0.1 --port 33894 --user test --password x --security rdp
  connected_ok xrdp-rdp 'RDP' $STATES_RDP
  check "xrdp-rdp: standard RDP security in force" has_line '^encryption: standard RDP security'
  cleanup
}

all="shadow-tls shadow-nla shadow-rdp xrdp-tls xrdp-rdp"
cases=${*:-$all}
echo "TAP version 13"
if [ ! -x "$BIN" ]; then
  echo "not ok 1 - $BIN is not built"; exit 1
fi
for c in $cases; do
  case " $all " in *" $c "*) ;; *) not_ok "unknown case $c"; continue ;; esac
  echo "# case $c"
  "case_${c//-/_}"
  cleanup
done
echo "1..$checks"
echo "# e2e: $((checks - failures)) passed, $failures failed (logs in $LOGS)"
[ "$failures" = 0 ]
