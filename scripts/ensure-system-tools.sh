#!/usr/bin/env bash
# The test suite drives two system tools: tmux (the practice app in a real terminal) and
# chromium (rendering the bench's HTML report). Install them with apt-get when missing.
set -euo pipefail
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: install ${need[*]} to run the terminal and report tests" >&2
  exit 0
fi
echo "installing ${need[*]} (apt-get)" >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
