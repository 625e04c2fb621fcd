"""Where the real public files (Hospi Diag, SAE) live for tests: never copied into the project.

`$COCKPIT_REAL_DATA`, else the first `shared/data/real` found above the project
(`../shared/data/real` from the main checkout, `../../shared/data/real` from a worktree).
Tests that need them skip, saying so, when the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cockpit.config import PROJECT_ROOT

AVIGNON, AVIGNON_SITE = "840006597", "840001861"  # CH Henri Duffaut: legal entity, main site
VANNES, VANNES_SITE = "560023210", "560000127"  # CH Bretagne Atlantique


def real_data_dir() -> Path | None:
    explicit = os.environ.get("COCKPIT_REAL_DATA")
    if explicit:
        return Path(explicit) if Path(explicit).is_dir() else None
    for parent in PROJECT_ROOT.parents:
        candidate = parent / "shared" / "data" / "real"
        if candidate.is_dir():
            return candidate
    return None


def require_real_data() -> Path:
    found = real_data_dir()
    if found is None:
        pytest.skip(
            "real open-data files not found: no shared/data/real above the project "
            "(set COCKPIT_REAL_DATA to the folder holding hospidiag/ and sae/)"
        )
    return found
