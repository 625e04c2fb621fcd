"""The embedded default: a DuckDB file, read through `ReadOnlyWarehouse` (which follows the
atomic swaps of ingest), queries stopped past their time limit by the watchdog."""

from __future__ import annotations

from collections.abc import Hashable

import duckdb

from cockpit.warehouse.backends import WarehouseTimeout
from cockpit.warehouse.backends.location import Location
from cockpit.warehouse.connection import ReadOnlyWarehouse
from cockpit.warehouse.watchdog import WATCHDOG


class DuckDBWarehouse:
    dialect = "duckdb"

    def __init__(self, location: Location):
        self.location = location
        self.files = ReadOnlyWarehouse(location.path)

    @property
    def generation(self) -> Hashable:
        return self.files.generation

    def translate(self, sql: str) -> str:
        return sql

    def execute(self, sql: str, timeout_s: float, max_rows: int | None = None) -> list[tuple]:
        cursor = self.files.cursor()
        ticket = WATCHDOG.arm(timeout_s, cursor.interrupt)
        try:
            # fetchall, then cut: a half-read result would block the cursor (DuckDB 2).
            rows = cursor.execute(sql).fetchall()
            return rows if max_rows is None else rows[:max_rows]
        except duckdb.InterruptException as exc:
            raise WarehouseTimeout(f"the query ran longer than {timeout_s:g} s") from exc
        finally:
            WATCHDOG.disarm(ticket)

    def has_table(self, name: str) -> bool:
        found = self.files.cursor().execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
        )
        return bool(found.fetchone()[0])

    def explain(self, sql: str) -> None:
        self.files.cursor().execute(f"EXPLAIN {sql}").fetchall()

    def close(self) -> None:
        self.files.close()
