"""Where things live: the warehouse file, the metric definitions, the user store.

Resolution order for each path: explicit argument (CLI flag), environment
variable, project default.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The DuckDB warehouse: --db, else COCKPIT_DB, else data/cockpit.duckdb."""
    value = explicit or os.environ.get("COCKPIT_DB") or PROJECT_ROOT / "data" / "cockpit.duckdb"
    return Path(value)


def queries_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The metric definitions: --queries, else COCKPIT_QUERIES, else queries/."""
    value = explicit or os.environ.get("COCKPIT_QUERIES") or PROJECT_ROOT / "queries"
    return Path(value)


def state_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Users, sessions and audit live here, outside the warehouse that ingest replaces."""
    value = explicit or os.environ.get("COCKPIT_STATE") or PROJECT_ROOT / "data"
    return Path(value)
