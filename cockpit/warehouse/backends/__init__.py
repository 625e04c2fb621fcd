"""Where the warehouse's SQL runs: DuckDB (the default), PostgreSQL or Spark, behind one
interface the engine reads through, chosen by a URL (COCKPIT_WAREHOUSE).

Every backend runs the catalog's DuckDB SQL read-only, translated for it (`transpile`),
with a time limit and a row limit, and says which version of the data it reads
(`generation`, which every ingest changes) so that results can be cached safely.
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from typing import Protocol

from cockpit.warehouse.backends.location import Location, duckdb_location, is_url, parse_location


class WarehouseTimeout(RuntimeError):
    """The query ran past its time limit and was stopped."""


class Warehouse(Protocol):
    """Read-only access to the published warehouse."""

    location: Location

    @property
    def dialect(self) -> str:
        """sqlglot's name for this engine's SQL ("duckdb", "postgres", "spark")."""
        ...

    @property
    def generation(self) -> Hashable:
        """The version of the data being read; changes whenever an ingest publishes."""
        ...

    def translate(self, sql: str) -> str:
        """The catalog's DuckDB SQL as this engine runs it (TranspileError if it cannot)."""
        ...

    def execute(self, sql: str, timeout_s: float, max_rows: int | None = None) -> list[tuple]:
        """Run DuckDB-dialect SQL read-only; WarehouseTimeout past `timeout_s`."""
        ...

    def explain(self, sql: str) -> None:
        """Have the engine plan the query without running it (raises what it objects to)."""
        ...

    def has_table(self, name: str) -> bool:
        """Whether the published warehouse holds that table (some only DuckDB's does)."""
        ...

    def close(self) -> None: ...


def open_warehouse(url: str | Location) -> Warehouse:
    """The backend for a warehouse URL (`duckdb:///path`, `postgresql://…`, `spark://…`,
    `spark+local:///dir`)."""
    location = url if isinstance(url, Location) else parse_location(url)
    if location.kind == "duckdb":
        from cockpit.warehouse.backends.duckdb_file import DuckDBWarehouse

        return DuckDBWarehouse(location)
    if location.kind == "postgresql":
        from cockpit.warehouse.backends.postgres import PostgresWarehouse

        return PostgresWarehouse(location)
    from cockpit.warehouse.backends.spark import SparkWarehouse

    return SparkWarehouse(location)


def as_warehouse(value: str | os.PathLike | Location | Warehouse) -> Warehouse:
    """A backend from a URL, a Location, a DuckDB file path, or an open backend as is."""
    if isinstance(value, Location):
        return open_warehouse(value)
    if isinstance(value, str) and is_url(value):
        return open_warehouse(value)
    if isinstance(value, str | os.PathLike):
        return open_warehouse(duckdb_location(value))
    return value


__all__ = [
    "Location",
    "Warehouse",
    "WarehouseTimeout",
    "as_warehouse",
    "open_warehouse",
    "parse_location",
]
