#!/usr/bin/env bash
# npm start: the demo, end to end, on loopback.
#   1. builds what is missing (node_modules, the wasm module, the JS in dist/ and web/dist/);
#   2. starts FreeRDP's shadow server with NLA on an Xvfb display (tests/peers/start-freerdp-shadow.sh:
#      port 33899, display :99, user test / Passw0rd!) as the default target;
#   3. starts the RDCleanPath gateway (js/gateway) with an HS256 secret generated into
#      .cache/start/, serving the demo page (--static web) on http://127.0.0.1:7171/;
#   4. starts a loopback-only token service (port 7172) that mints a fresh single-use token
#      for the target each time the page connects (tokens are single-use: a reload needs a new one);
#   5. prints the URL to open, with the credentials pre-filled and autoconnect=1.
# Ctrl+C stops everything it started.
#
# Options: --destination HOST:PORT  connect to that server instead of the local one
#          --no-local-server        do not start the shadow server (implied by --destination)
#          --username U --password P --domain D   credentials to pre-fill
#          --listen HOST:PORT       the gateway's address (default 127.0.0.1:7171)
#          --token-port N           the token service's port (default: the gateway's + 1)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}

say() { printf 'start: %s\n' "$*"; }

destination="" local_server=1 username="" password="" domain="" listen=127.0.0.1:7171 token_port=""
shadow_port=33899 shadow_display=:99
while [ $# -gt 0 ]; do
  case "$1" in
    --destination) destination=$2; local_server=0; shift 2 ;;
    --no-local-server) local_server=0; shift ;;
    --username) username=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --listen) listen=$2; shift 2 ;;
    --token-port) token_port=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$local_server" = 0 ] && [ -z "$destination" ]; then
  echo "--no-local-server needs --destination HOST:PORT" >&2; exit 2
fi
gw_port=${listen##*:}
token_port=${token_port:-$((gw_port + 1))}

# ---- build what is missing
if [ ! -d node_modules/ws ]; then scripts/deps.sh; fi
if [ ! -f dist/webrdp.wasm ]; then say "building the wasm module"; scripts/build.sh wasm; fi
if [ ! -f web/dist/webrdp.mjs ] || [ -n "$(find js web/webrdp-desktop.mjs -newer web/dist/webrdp.mjs -name '*.mjs' -not -path 'js/gateway/*' 2>/dev/null | head -1)" ]; then
  scripts/build.sh js
fi

state=.cache/start
mkdir -p "$state"
pids=()
shadow_dir=""
cleanup() {
  trap - INT TERM EXIT
  echo
  say "stopping"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$shadow_dir" ]; then tests/peers/stop-freerdp-shadow.sh --dir "$shadow_dir" >/dev/null || true; fi
  say "stopped"
}
trap cleanup INT TERM EXIT

# ---- the local RDP server (FreeRDP shadow, NLA)
if [ "$local_server" = 1 ]; then
  shadow_dir=$PWD/$state/shadow
  tests/peers/stop-freerdp-shadow.sh --dir "$shadow_dir" >/dev/null 2>&1 || true
  say "starting FreeRDP's shadow server (NLA) on 127.0.0.1:$shadow_port, display $shadow_display"
  # A HOME of its own: the xterm's shell reads no ~/.bashrc of this machine.
  mkdir -p "$state/home"
  facts=$(HOME=$PWD/$state/home tests/peers/start-freerdp-shadow.sh --sec nla --port "$shadow_port" --display "$shadow_display" --dir "$shadow_dir")
  fact() { printf '%s\n' "$facts" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  destination=127.0.0.1:$shadow_port
  username=${username:-$(fact user)}
  password=${password:-$(fact password)}
fi

# ---- the gateway, serving the demo page
secret=$state/hs256.secret
[ -s "$secret" ] || head -c 32 /dev/urandom | base64 > "$secret"
chmod 600 "$secret"
node js/gateway/cli.mjs --listen "$listen" --hs256-secret-file "$secret" --allow "$destination" --static web &
pids+=($!)

# ---- the token service: one fresh token per GET /token, for this destination only, loopback only
node --input-type=module -e '
  import http from "node:http";
  import { loadSecretFile, mintToken } from "./js/gateway/token.mjs";
  const [secretFile, destination, port, origin] = process.argv.slice(1);
  const secret = loadSecretFile(secretFile);
  http.createServer((req, res) => {
    const headers = { "access-control-allow-origin": origin, "cache-control": "no-store", "content-type": "text/plain" };
    if (new URL(req.url, "http://x").pathname !== "/token") { res.writeHead(404, headers).end("not found\n"); return; }
    res.writeHead(200, headers).end(mintToken({ destination, secret, expiresIn: 600 }));
  }).listen(Number(port), "127.0.0.1");
' "$secret" "$destination" "$token_port" "http://$listen" &
pids+=($!)

for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/${listen%:*}/$gw_port") 2>/dev/null && break
  sleep 0.1
done
token=$(node --input-type=module -e '
  import { loadSecretFile, mintToken } from "./js/gateway/token.mjs";
  process.stdout.write(mintToken({ destination: process.argv[2], secret: loadSecretFile(process.argv[1]), expiresIn: 3600 }));
' "$secret" "$destination")

query=$(node -e '
  const [dest, user, pass, domain, token, tokenUrl] = process.argv.slice(1);
  const q = new URLSearchParams({ destination: dest });
  if (user) q.set("username", user);
  if (pass) q.set("password", pass);
  if (domain) q.set("domain", domain);
  q.set("token", token);
  q.set("tokenUrl", tokenUrl);
  q.set("autoconnect", "1");
  process.stdout.write(q.toString());
' "$destination" "$username" "$password" "$domain" "$token" "http://127.0.0.1:$token_port/token")

echo
say "the remote desktop of $destination through the gateway ws://$listen/jet/rdp"
say "open:  http://$listen/?$query"
[ "$local_server" = 1 ] && say "(FreeRDP shadow of display $shadow_display: user $username, password $password; an xterm runs a shell in $shadow_dir)"
say "Ctrl+C stops everything"
wait
