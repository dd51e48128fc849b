#!/bin/bash
# Starts xrdp (Debian's 0.9.x) WITH its session manager on 127.0.0.1: a client
# that logs in (auto-logon with the Client Info credentials) gets a real Xorg
# session (xorgxrdp) with an xterm, and xrdp-chansrv serves the clipboard
# (cliprdr) and the other channels. The peer for clipboard tests: the session's
# X clipboard is read and set with xclip as the session's user.
#
# Usage: start-xrdp-session.sh [--port N] [--dir DIR]
# User rdptest / Passw0rd! (PEER_USER / PEER_PASSWORD), created when missing.
# The session manager listens on 3350, so one of these runs at a time.
# The certificate is generated per instance in DIR (cert= and fingerprint= in
# the facts line). DIR/pids is for stop-xrdp-session.sh; xrdp-session-display.sh
# prints the session's display once a client has logged in.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

port=33892 dir=""
user=${PEER_USER:-rdptest} password=${PEER_PASSWORD:-Passw0rd!}
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
dir=${dir:-${TMPDIR:-/tmp}/webrdp-peer-xrdp-session-$port}

peer_need xrdp:xrdp xorgxrdp:/usr/lib/xorg/modules/drivers/xrdpdev_drv.so xterm:xterm xclip:xclip openssl:openssl
peer_check_port "$port"
sesman_up() { ss -ltn 2>/dev/null | grep -qE '[:.]3350 '; }  # it may listen on ::1 only
if sesman_up; then echo "a session manager already listens on 3350 (another xrdp session peer?)" >&2; exit 1; fi
id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
echo "$user:$password" | chpasswd
mkdir -p "$dir" /run/xrdp/sockdir
# the session user's Xorg and chansrv make their sockets here: world-writable and sticky, as
# sesman makes it (created by `mkdir -p` under umask 022 it is 755 and the session gets no X)
chmod 3777 /run/xrdp/sockdir
: > "$dir/pids"

if [ ! -s "$dir/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=webrdp-peer-xrdp-session" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
fi
# Only the listener, the certificate and the log file differ from Debian's defaults.
sed -e "s|^port=3389$|port=tcp://127.0.0.1:$port|" \
    -e "s|^certificate=.*|certificate=$dir/cert.pem|" \
    -e "s|^key_file=.*|key_file=$dir/key.pem|" \
    -e "s|^LogFile=.*|LogFile=$dir/server.log|" /etc/xrdp/xrdp.ini > "$dir/xrdp.ini"
xrdp-sesman -n >"$dir/sesman.log" 2>&1 &
sesman=$!
echo $sesman >> "$dir/pids"
xrdp -n -c "$dir/xrdp.ini" >"$dir/xrdp.log" 2>&1 &
server=$!
echo $server >> "$dir/pids"
if ! peer_wait_port "$port" 30 "$server"; then
  echo "xrdp did not listen on $port within 30 s; see $dir/xrdp.log" >&2
  peer_stop_pids "$dir/pids"; exit 1
fi
for _ in $(seq 300); do sesman_up && break; kill -0 $sesman 2>/dev/null || break; sleep 0.1; done
if ! sesman_up; then
  echo "xrdp-sesman did not listen on 3350 within 30 s; see $dir/sesman.log" >&2
  peer_stop_pids "$dir/pids"; exit 1
fi
fp=$(openssl x509 -in "$dir/cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
echo "server=xrdp-session host=127.0.0.1 port=$port user=$user password=$password dir=$dir cert=$dir/cert.pem fingerprint=$fp"
