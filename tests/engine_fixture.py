"""The engine tests' warehouse: the definition-check fixture of `cockpit.demo.fixture`
written straight into DuckDB (not through ingest), to test the engine on its own."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from cockpit.demo.fixture import CATEGORIES, E1, E2, MONTHS, NAMES, SERVICES, frames
from cockpit.warehouse.schema import all_ddl

__all__ = ["CATEGORIES", "E1", "E2", "MONTHS", "NAMES", "SERVICES", "frames", "write_warehouse"]


def write_warehouse(path: Path) -> dict[str, pd.DataFrame]:
    data = frames()
    con = duckdb.connect(str(path))
    for ddl in all_ddl():
        con.execute(ddl)
    for kind, frame in data.items():
        con.register("incoming", frame)
        columns = ", ".join(frame.columns)
        con.execute(f"INSERT INTO {kind} ({columns}) SELECT {columns} FROM incoming")
        con.unregister("incoming")
    con.close()
    return data
