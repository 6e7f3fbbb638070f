#!/bin/sh
# Installs what the service needs on a fresh Debian machine, and nothing that is already there:
# Node.js 24, the system packages (through apt-get) and the npm packages (npm ci). Usage: scripts/setup.sh [demo|test|chaos]
set -eu
cd "$(dirname "$0")/.."
purpose="${1:-demo}"

packages=""
command -v redis-server >/dev/null 2>&1 || packages="$packages redis-server"
[ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1 || packages="$packages dovecot-imapd"
# Tests and the chaos run fail Redis over between a primary and its replica with Sentinel.
[ "$purpose" = "demo" ] || command -v redis-sentinel >/dev/null 2>&1 || packages="$packages redis-sentinel"
if [ "$purpose" = "test" ]; then
  # The TLS test makes its own CA and server certificate.
  command -v openssl >/dev/null 2>&1 || packages="$packages openssl"
  command -v soffice >/dev/null 2>&1 || packages="$packages libreoffice-calc-nogui"
  # The staff dashboard's browser test drives Debian's chromium (no browser download).
  [ -x /usr/bin/chromium ] || packages="$packages chromium"
fi

if [ -n "$packages" ]; then
  echo "Installing system packages:$packages" >&2
  sudo=""
  [ "$(id -u)" = "0" ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  # The packages' own services are not used: the service starts its own servers on free ports.
  for service in redis-server redis-sentinel dovecot; do $sudo service "$service" stop >/dev/null 2>&1 || true; done
fi

# Node.js 24 (the service's runtime) when the machine's node is older: the official binary, as the npm package
# node-linux-<arch> publishes it, in .node/ (scripts/node24.sh puts it first on PATH). No other download site.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 24 ] && ! [ -x .node/node_modules/.bin/node ]; then
  case "$(uname -m)" in
    x86_64) node_arch=x64 ;;
    aarch64) node_arch=arm64 ;;
    *) echo "No Node.js 24 package for $(uname -m): install Node.js 24 and run again" >&2; exit 1 ;;
  esac
  echo "Installing Node.js 24 in .node/ (npm package node-linux-$node_arch)" >&2
  mkdir -p .node
  npm install --prefix .node --no-save --no-audit --no-fund "node-linux-$node_arch@24" >&2
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (npm ci)" >&2
  sh scripts/node24.sh npm ci --no-audit --no-fund >&2
fi
