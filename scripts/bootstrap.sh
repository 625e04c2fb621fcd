#!/usr/bin/env bash
# Creates .venv and installs Cockpit (with test extras when asked) if missing or stale.
# Usage: source scripts/bootstrap.sh base|test   (always pass one: a sourced script
# without arguments would see the caller's arguments)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"

apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv python3-pip
    python3 -m venv .venv
  fi
fi

EXTRAS="${1:-base}"
[ "$EXTRAS" = "base" ] && EXTRAS=""
STAMP=".venv/.installed-${EXTRAS:-base}"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "Installing Cockpit${EXTRAS:+ with [$EXTRAS] extras} into .venv ..."
  .venv/bin/python -m pip install -q --upgrade pip
  if [ -n "$EXTRAS" ]; then
    .venv/bin/python -m pip install -q -e ".[$EXTRAS]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$STAMP"
fi

if [ "$EXTRAS" = "test" ]; then
  # The browser tests drive Debian's Chromium; the cross-warehouse tests start their own
  # PostgreSQL (initdb + pg_ctl in a temp dir), Redis and Spark in local mode (Java 17).
  MISSING=()
  command -v chromium >/dev/null 2>&1 || MISSING+=(chromium fonts-dejavu-core)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || MISSING+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || MISSING+=(redis-server)
  JAVA_MAJOR="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1 || true)"
  [ "${JAVA_MAJOR:-0}" -ge 17 ] || MISSING+=(openjdk-17-jre-headless)
  if [ ${#MISSING[@]} -gt 0 ]; then
    echo "Installing from Debian for the tests: ${MISSING[*]} ..."
    apt_install "${MISSING[@]}"
  fi
fi
export PATH="$ROOT/.venv/bin:$PATH"
