"""A warehouse kept as Parquet files (for Spark): each publish writes a new version
directory, then points `CURRENT` at it with an atomic rename.

    <root>/CURRENT                      the name of the live version
    <root>/versions/<name>/<table>.parquet
    <root>/.lock                        held by the one ingest running

Readers resolve `CURRENT` once per query and read that version's files only, so a query
never mixes two versions; the last versions are kept for queries still reading them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from pathlib import Path

from cockpit.contracts import CONTRACTS
from cockpit.warehouse.swap import fsync_path

TABLES: tuple[str, ...] = (*CONTRACTS, "ingest_log")
KEPT_VERSIONS = 3


def pointer(root: Path) -> Path:
    return root / "CURRENT"


def versions_dir(root: Path) -> Path:
    return root / "versions"


def table_path(root: Path, version: str, table: str) -> Path:
    return versions_dir(root) / version / f"{table}.parquet"


def current_version(root: Path) -> str | None:
    """The live version's name, or None before the first publish."""
    try:
        return pointer(root).read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def new_version_name() -> str:
    # Sortable by time, unique across hosts, and a valid SQL identifier part.
    return dt.datetime.now(dt.UTC).strftime("v%Y%m%d%H%M%S_") + uuid.uuid4().hex[:8]


def make_current(root: Path, version: str) -> None:
    """Atomically point CURRENT at `version` (its files must be complete and synced)."""
    temp = root / f".CURRENT.{os.getpid()}"
    with open(temp, "w", encoding="ascii") as handle:
        handle.write(version + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, pointer(root))
    fsync_path(root)


def prune(root: Path, keep: int = KEPT_VERSIONS) -> list[str]:
    """Remove all but the newest `keep` versions (never the live one); returns those removed."""
    live = current_version(root)
    names = sorted(p.name for p in versions_dir(root).glob("v*") if p.is_dir())
    removed = [n for n in names[:-keep] if n != live]
    for name in removed:
        shutil.rmtree(versions_dir(root) / name, ignore_errors=True)
    return removed
