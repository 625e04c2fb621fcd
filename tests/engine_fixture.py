"""The engine tests' warehouse: the definition-check fixture of `cockpit.demo.fixture`
written straight into DuckDB (not through ingest), to test the engine on its own."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from cockpit.config import PROJECT_ROOT
from cockpit.demo.fixture import CATEGORIES, E1, E2, MONTHS, NAMES, SERVICES, frames
from cockpit.engine import Engine
from cockpit.warehouse.schema import all_ddl

__all__ = [
    "CATEGORIES", "E1", "E2", "MONTHS", "NAMES", "SERVICES", "fixture_engine", "frames",
    "write_frames", "write_warehouse",
]  # fmt: skip


def write_warehouse(path: Path) -> dict[str, pd.DataFrame]:
    data = frames()
    write_frames(path, data)
    return data


def fixture_engine(directory: Path) -> Engine:
    """An engine over the fixture's warehouse, written under `directory`."""
    db = directory / "w.duckdb"
    write_warehouse(db)
    return Engine(db, PROJECT_ROOT / "queries")


def write_frames(path: Path, data: dict[str, pd.DataFrame]) -> None:
    """A warehouse holding these extracts (by kind), written straight into DuckDB."""
    con = duckdb.connect(str(path))
    for ddl in all_ddl():
        con.execute(ddl)
    for kind, frame in data.items():
        con.register("incoming", frame)
        columns = ", ".join(frame.columns)
        con.execute(f"INSERT INTO {kind} ({columns}) SELECT {columns} FROM incoming")
        con.unregister("incoming")
    con.close()
