#!/bin/bash
# Starts FreeRDP's shadow server (freerdp-shadow-cli) on 127.0.0.1, sharing an
# Xvfb display that shows a gradient and an xterm, for the real-server tests.
#
# Usage: start-freerdp-shadow.sh [--sec nla|tls|rdp] [--port N] [--display :N] [--size WxH] [--dir DIR]
#   nla: CredSSP/NTLM against a SAM file holding PEER_USER / PEER_PASSWORD
#        (default test / Passw0rd!); tls and rdp: no authentication.
# Prints one line of key=value facts (cert= is the server's PEM certificate once
# it exists); DIR/pids lists what was started, for stop-freerdp-shadow.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

sec=nla port=33890 display=:90 size=1024x768 dir=""
user=${PEER_USER:-test} password=${PEER_PASSWORD:-Passw0rd!}
while [ $# -gt 0 ]; do
  case "$1" in
    --sec) sec=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --display) display=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$sec" in nla|tls|rdp) ;; *) echo "--sec must be nla, tls or rdp" >&2; exit 2 ;; esac
case "$display" in :9[0-9]) ;; *) echo "display $display is outside :90-:99" >&2; exit 2 ;; esac
dir=${dir:-${TMPDIR:-/tmp}/webrdp-peer-shadow-$port}

peer_need freerdp2-shadow-x11:freerdp-shadow-cli winpr-utils:winpr-hash xvfb:Xvfb xterm:xterm \
  x11-apps:xwd imagemagick:convert openssl:openssl
peer_check_port "$port"
if [ -e "/tmp/.X11-unix/X${display#:}" ] || [ -e "/tmp/.X${display#:}-lock" ]; then
  echo "display $display is already in use" >&2; exit 1
fi

mkdir -p "$dir/home"
: > "$dir/pids"
trap 'peer_stop_pids "$dir/pids"' ERR

Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >"$dir/xvfb.log" 2>&1 &
echo $! >> "$dir/pids"
for _ in $(seq 100); do DISPLAY=$display xwd -root -silent >/dev/null 2>&1 && break; sleep 0.1; done
# A two-colour gradient: a swapped channel or a misplaced tile is visible at a glance.
convert -size "$size" gradient:'#2d5f8b'-'#c0392b' "$dir/background.png"
DISPLAY=$display timeout 10 display -window root "$dir/background.png" >/dev/null 2>&1 || true
# The shell skips the machine's rc files: a user's .bashrc (pyenv, say) must not block the prompt.
(cd "$dir" && DISPLAY=$display exec xterm -geometry 100x30+40+40 -title webrdp-peer \
  -fa Monospace -fs 11 -bg '#fff3d6' -fg '#1b2a6b' -e bash --norc --noprofile -i) >"$dir/xterm.log" 2>&1 &
echo $! >> "$dir/pids"

args=(/port:"$port" /bind-address:127.0.0.1 /sec:"$sec")
if [ "$sec" = nla ]; then
  # The shadow server checks NTLM against a SAM file: no system account is needed.
  winpr-hash -u "$user" -p "$password" -f sam > "$dir/sam"
  args+=(+auth /sam-file:"$dir/sam")
else
  args+=(-auth)
fi
# HOME inside DIR keeps the certificate it generates (and everything else) per instance.
DISPLAY=$display HOME=$dir/home freerdp-shadow-cli "${args[@]}" >"$dir/shadow.log" 2>&1 &
server=$!
echo $server >> "$dir/pids"

if ! peer_wait_port "$port" 30 "$server"; then
  echo "freerdp-shadow did not listen on $port within 30 s; see $dir/shadow.log" >&2
  peer_stop_pids "$dir/pids"; exit 1
fi
cert=$(find "$dir/home" -name '*.crt' 2>/dev/null | head -1)
fp=""
[ -n "$cert" ] && fp=$(openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
echo "server=freerdp-shadow sec=$sec host=127.0.0.1 port=$port display=$display size=$size user=$user password=$password dir=$dir cert=$cert fingerprint=$fp"
