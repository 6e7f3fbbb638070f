#!/bin/sh
# Runs a command with Node.js 24 first on PATH: the machine's own node when it is 24 or newer, else the copy
# scripts/setup.sh put in .node/. Child processes that run `node` (tsx, vitest, tsc) then run on 24 as well.
# Usage: scripts/node24.sh COMMAND [ARG...]
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
local_bin="$root/.node/node_modules/.bin"
if [ -x "$local_bin/node" ]; then
  PATH="$local_bin:$PATH"
  export PATH
fi
PATH="$root/node_modules/.bin:$PATH"
export PATH
major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 24 ]; then
  echo "Node.js 24 is needed and node is $(node --version 2>/dev/null || echo missing): run sh scripts/setup.sh" >&2
  exit 1
fi
exec "$@"
