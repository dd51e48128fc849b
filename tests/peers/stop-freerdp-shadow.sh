#!/bin/bash
# Stops exactly what start-freerdp-shadow.sh started. Usage: stop-freerdp-shadow.sh [--port N | --dir DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
port=33890 dir=""
while [ $# -gt 0 ]; do
  case "$1" in --port) port=$2; shift 2 ;; --dir) dir=$2; shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;; esac
done
dir=${dir:-${TMPDIR:-/tmp}/webrdp-peer-shadow-$port}
[ -f "$dir/pids" ] || { echo "nothing started in $dir"; exit 0; }
peer_stop_pids "$dir/pids"
echo "stopped freerdp-shadow in $dir"
