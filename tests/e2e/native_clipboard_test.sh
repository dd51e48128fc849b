#!/usr/bin/env bash
# Real-server test of the clipboard (CLIPRDR) both ways, with xrdp's session
# peer (xrdp-sesman + xorgxrdp + xrdp-chansrv, which bridges cliprdr to the
# session's X clipboard):
#  - local -> remote: `webrdp connect --clipboard-set TEXT` offers TEXT; xclip,
#    run as the session's user on the session's display, reads the X clipboard,
#    which chansrv fills by asking our client (Format Data Request, CF_UNICODETEXT
#    converted from UTF-8 with LF -> CRLF): it must print TEXT exactly.
#  - remote -> local: xclip sets the X clipboard; chansrv announces a Format
#    List, the client (--clipboard-get) requests the text and prints
#    `clipboard: remote text "..."`, which must be the text xclip set.
# Both texts have two lines and non-ASCII characters.
#
# Usage: tests/e2e/native_clipboard_test.sh PATH/TO/webrdp
# Skips (exit 77) when the tool has no --clipboard-set (src/tool/tool_clipboard.c not hooked in).
set -u
tool=${1:?usage: native_clipboard_test.sh PATH/TO/webrdp}
here=$(cd "$(dirname "$0")" && pwd)
peers=$here/../peers
port=33897
logs=${TMPDIR:-/tmp}/webrdp-e2e-clipboard
mkdir -p "$logs"
if ! "$tool" connect --help 2>&1 | grep -q -- --clipboard-set; then
  echo "SKIP: $tool has no --clipboard-set"; exit 77
fi
user=${PEER_USER:-rdptest}
tool_pid=""
cleanup() {
  [ -n "$tool_pid" ] && kill "$tool_pid" 2>/dev/null
  "$peers/stop-xrdp-session.sh" --port "$port" >/dev/null
}
trap cleanup EXIT
facts=$("$peers/start-xrdp-session.sh" --port "$port") || { echo "FAIL: the xrdp session peer did not start"; exit 1; }
echo "$facts"
password=$(sed 's/.* password=\([^ ]*\) .*/\1/' <<<"$facts")

to_server=$'from webrdp\nsecond line caf\u00e9 \u20ac'
from_server=$'from the server\nna\u00efve \u00fc'
"$tool" connect --host 127.0.0.1 --port "$port" --user "$user" --password "$password" --security tls \
  --cert-ignore --clipboard-set "$to_server" --clipboard-get --stay 60 >"$logs/client.log" 2>&1 &
tool_pid=$!
for _ in $(seq 300); do grep -q '^clipboard: ready' "$logs/client.log" && break; sleep 0.1; done
grep -q '^clipboard: ready' "$logs/client.log" || { echo "FAIL: no Monitor Ready within 30 s"; tail -n 20 "$logs/client.log"; exit 1; }
display=$("$peers/xrdp-session-display.sh") || { echo "FAIL: no X session"; exit 1; }
xc() { runuser -u "$user" -- env DISPLAY="$display" XAUTHORITY="/home/$user/.Xauthority" xclip -selection clipboard "$@"; }

fail=0
got=""
for _ in $(seq 20); do got=$(timeout 5 xc -o 2>/dev/null) && [ "$got" = "$to_server" ] && break; sleep 0.5; done
if [ "$got" = "$to_server" ]; then echo "ok: local -> remote ($(grep -c 'server read format' "$logs/client.log") reads)"
else echo "FAIL: local -> remote: the server's clipboard holds '$got'"; fail=1; fi

printf %s "$from_server" | xc -i
want="clipboard: remote text \"${from_server//$'\n'/\\n}\""
for _ in $(seq 100); do grep -qF "$want" "$logs/client.log" && break; sleep 0.1; done
if grep -qF "$want" "$logs/client.log"; then echo "ok: remote -> local"
else echo "FAIL: remote -> local: no '$want'"; grep '^clipboard' "$logs/client.log" | tail -n 5; fail=1; fi
exit $fail
