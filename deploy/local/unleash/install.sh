#!/usr/bin/env bash
# Installs a real Unleash server (npm package unleash-server) for the feature-flag router's tests,
# cached by version outside the repository: about a minute the first time, nothing after that.
# Needs Node.js 20 or later and npm. Prints the directory that holds it (node_modules/) as its
# last line.
#
#   deploy/local/unleash/install.sh
#   ROLLWRIGHT_CACHE=/some/dir deploy/local/unleash/install.sh
set -euo pipefail

UNLEASH=7.5.1   # the newest release that runs on Node.js 20 (8.x needs 22)

cache_root="${ROLLWRIGHT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rollwright}"
out="$cache_root/unleash-server-$UNLEASH"

if [[ -f "$out/.installed" ]]; then
  echo "$out"
  exit 0
fi

command -v npm >/dev/null || { echo "install.sh: Node.js 20 or later with npm is required" >&2; exit 1; }
echo "Installing unleash-server $UNLEASH into $out" >&2
rm -rf "$out"
mkdir -p "$out"
npm install --prefix "$out" --no-audit --no-fund --omit=dev --loglevel=error "unleash-server@$UNLEASH" >&2
touch "$out/.installed"
echo "$out"
