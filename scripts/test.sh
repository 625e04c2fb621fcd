#!/usr/bin/env bash
# Runs the whole test suite (installs what the tests need first, Chromium included).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" test
ruff check cockpit tests bench app.py
lint-imports --no-cache >/dev/null || lint-imports --no-cache  # the layers contract in pyproject.toml
exec python -m pytest -q -p no:cacheprovider "$@"
