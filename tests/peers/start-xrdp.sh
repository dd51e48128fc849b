#!/bin/bash
# Starts xrdp (Debian's 0.9.x) on 127.0.0.1 without its session manager: the
# client reaches xrdp's own login screen, drawn by xrdp. xrdp offers TLS and
# standard RDP security, never NLA.
#
# Usage: start-xrdp.sh [--security tls|rdp|negotiate] [--port N] [--dir DIR]
# The TLS certificate is generated per instance in DIR (cert= and fingerprint=
# in the facts line, so a test can pin it). DIR/pids is for stop-xrdp.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

port=33891 security=negotiate dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --security) security=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$security" in tls|rdp|negotiate) ;; *) echo "--security must be tls, rdp or negotiate" >&2; exit 2 ;; esac
dir=${dir:-${TMPDIR:-/tmp}/webrdp-peer-xrdp-$port}

peer_need xrdp:xrdp openssl:openssl
peer_check_port "$port"
mkdir -p "$dir" /run/xrdp/sockdir
: > "$dir/pids"

if [ ! -s "$dir/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=webrdp-peer-xrdp" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1
fi
# Only the listener, the security layer, the certificate and the log file differ from Debian's defaults.
sed -e "s|^port=3389$|port=tcp://127.0.0.1:$port|" \
    -e "s|^security_layer=.*|security_layer=$security|" \
    -e "s|^certificate=.*|certificate=$dir/cert.pem|" \
    -e "s|^key_file=.*|key_file=$dir/key.pem|" \
    -e "s|^LogFile=.*|LogFile=$dir/server.log|" /etc/xrdp/xrdp.ini > "$dir/xrdp.ini"
xrdp -n -c "$dir/xrdp.ini" >"$dir/xrdp.log" 2>&1 &
server=$!
echo $server >> "$dir/pids"
if ! peer_wait_port "$port" 30 "$server"; then
  echo "xrdp did not listen on $port within 30 s; see $dir/xrdp.log" >&2
  peer_stop_pids "$dir/pids"; exit 1
fi
fp=$(openssl x509 -in "$dir/cert.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
echo "server=xrdp security=$security host=127.0.0.1 port=$port dir=$dir cert=$dir/cert.pem fingerprint=$fp"
