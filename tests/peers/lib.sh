# Shared helpers for the peer scripts (sourced, not run).
# Why a library: every start script must install only what is missing, refuse a
# busy port, wait for the listener, and record exactly the PIDs it started.

# peer_need PKG:COMMAND_OR_PATH ... — installs the packages whose command (or file) is missing.
peer_need() {
  local missing="" item pkg probe
  for item in "$@"; do
    pkg=${item%%:*} probe=${item#*:}
    case "$probe" in
      /*) [ -e "$probe" ] || missing="$missing $pkg" ;;
      *) command -v "$probe" >/dev/null 2>&1 || missing="$missing $pkg" ;;
    esac
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then echo "missing packages:$missing (run as root to install them)" >&2; return 1; fi
  # An update only when the plain install fails: the package lists may be stale or absent.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1; } \
    || { echo "could not install:$missing" >&2; return 1; }
}

# peer_port_open PORT — true when something accepts TCP connections on 127.0.0.1:PORT.
peer_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# peer_check_port PORT — the reserved range, and nobody listening yet.
peer_check_port() {
  case "$1" in 3389[0-9]) ;; *) echo "port $1 is outside 33890-33899" >&2; return 1 ;; esac
  if peer_port_open "$1"; then echo "port $1 is already in use" >&2; return 1; fi
}

# peer_wait_port PORT SECONDS PID — waits for the listener while PID lives.
peer_wait_port() {
  local port=$1 tenths=$(($2 * 10)) pid=$3 i
  for ((i = 0; i < tenths; i++)); do
    peer_port_open "$port" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# peer_stop_pids FILE — ends the PIDs listed in FILE (newest first), then forgets them.
peer_stop_pids() {
  local file=$1 pids p alive i
  [ -f "$file" ] || return 0
  pids=$(tac "$file")
  [ -n "$pids" ] && kill $pids 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    alive=""
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  for p in $pids; do kill -9 "$p" 2>/dev/null; done
  rm -f "$file"
}
