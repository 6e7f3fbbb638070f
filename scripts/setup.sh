#!/bin/sh
# Installs what the service needs on a fresh Debian machine, and nothing that is already there:
# the system packages (through apt-get) and the npm packages (npm ci). Usage: scripts/setup.sh [demo|test]
set -eu
cd "$(dirname "$0")/.."
purpose="${1:-demo}"

packages=""
command -v redis-server >/dev/null 2>&1 || packages="$packages redis-server"
[ -x /usr/sbin/dovecot ] || command -v dovecot >/dev/null 2>&1 || packages="$packages dovecot-imapd"
if [ "$purpose" = "test" ]; then
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
  for service in redis-server dovecot; do $sudo service "$service" stop >/dev/null 2>&1 || true; done
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
