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

if [ "$EXTRAS" = "test" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests ..."
  apt_install chromium fonts-dejavu-core
fi
export PATH="$ROOT/.venv/bin:$PATH"
