#!/bin/bash
# Stops what start-xrdp-session.sh started, then the login session its session
# manager started for the peer's user (Xorg, chansrv, the xterm, any xclip):
# those processes belong to that user, who exists for this peer only.
# Usage: stop-xrdp-session.sh [--port N | --dir DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
port=33892 dir=""
user=${PEER_USER:-rdptest}
while [ $# -gt 0 ]; do
  case "$1" in --port) port=$2; shift 2 ;; --dir) dir=$2; shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;; esac
done
dir=${dir:-${TMPDIR:-/tmp}/webrdp-peer-xrdp-session-$port}
[ -f "$dir/pids" ] || { echo "nothing started in $dir"; exit 0; }
peer_stop_pids "$dir/pids"
for sig in TERM KILL; do
  pids=$(pgrep -u "$user" 2>/dev/null | tr '\n' ' ')
  [ -n "$pids" ] && kill -$sig $pids 2>/dev/null
  sleep 0.5
done
echo "stopped xrdp-session in $dir"
