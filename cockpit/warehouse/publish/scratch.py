"""The private DuckDB copy a run loads into when the warehouse lives elsewhere: a file in a
temporary directory, with the warehouse's tables, filled from the live data."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb

from cockpit.warehouse.schema import all_ddl
from cockpit.warehouse.versions import TABLES

# fill(connection, table, scratch_dir): copy the live rows of `table` into the connection.
Filler = Callable[[duckdb.DuckDBPyConnection, str, Path], None]


def scratch_copy(fill: Filler | None) -> Path:
    """A new DuckDB file with every table, filled by `fill` (None: a first load)."""
    directory = Path(tempfile.mkdtemp(prefix="cockpit-ingest-"))
    working = directory / "working.duckdb"
    try:
        with duckdb.connect(str(working)) as con:
            for ddl in all_ddl():
                con.execute(ddl)
            if fill is not None:
                for table in TABLES:
                    fill(con, table, directory)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    return working


def drop_scratch(working: Path) -> None:
    shutil.rmtree(working.parent, ignore_errors=True)


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column, in order."""
    return [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()]
