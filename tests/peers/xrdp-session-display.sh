#!/bin/bash
# Prints the X display (":N") of the peer user's xrdp session once a client has
# logged in (waits up to 10 s). With it, as that user:
#   runuser -u rdptest -- env DISPLAY=:N XAUTHORITY=/home/rdptest/.Xauthority xclip -selection clipboard -o
user=${PEER_USER:-rdptest}
for _ in $(seq 100); do
  d=$(pgrep -u "$user" -a Xorg 2>/dev/null | grep -oE ' :[0-9]+' | head -1 | tr -d ' ')
  [ -n "$d" ] && { echo "$d"; exit 0; }
  sleep 0.1
done
echo "no session for $user" >&2; exit 1
