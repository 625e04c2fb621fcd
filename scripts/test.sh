#!/usr/bin/env bash
# Runs the whole test suite (installs what the tests need first, Chromium included).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" test
ruff check cockpit tests bench app.py
lint-imports --no-cache >/dev/null || lint-imports --no-cache  # the layers contract in pyproject.toml
# Security lint: medium severity and above fails; each accepted case says why beside its line
# (`# nosec BXXX # why`). Bandit warns about every node of such a line: that noise is dropped.
bandit -ll -q -r cockpit 2> >(grep -v "nosec encountered" >&2)
exec python -m pytest -q -p no:cacheprovider "$@"
