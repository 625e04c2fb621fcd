"""Publishing for Spark: every table written as Parquet (by DuckDB) into a new version
directory, synced, then made live by the atomic rename of `CURRENT` (versions.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import duckdb

from cockpit.warehouse import versions
from cockpit.warehouse.backends.location import Location
from cockpit.warehouse.publish.scratch import drop_scratch, scratch_copy
from cockpit.warehouse.swap import file_lock, fsync_path


class ParquetVersions:
    def __init__(self, location: Location):
        self.location = location
        self.root = Path(location.path)

    @property
    def failure_log(self) -> Path:
        return self.root / "ingest-failures.jsonl"

    def locked(self, on_wait: Callable[[], None] | None) -> AbstractContextManager[None]:
        return file_lock(self.root / ".lock", on_wait=on_wait)

    def working_copy(self) -> Path:
        live = versions.current_version(self.root)
        if live is None:
            return scratch_copy(None)

        def fill(con: duckdb.DuckDBPyConnection, table: str, _directory: Path) -> None:
            path = versions.table_path(self.root, live, table)
            con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet('{path}')")  # nosec B608 # table names from the contracts, a path we made

        return scratch_copy(fill)

    def publish(self, working: Path) -> None:
        name = versions.new_version_name()
        target = versions.versions_dir(self.root) / name
        target.mkdir(parents=True)
        try:
            with duckdb.connect(str(working), read_only=True) as con:
                for table in versions.TABLES:
                    path = versions.table_path(self.root, name, table)
                    con.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
            for path in [*target.iterdir(), target]:
                fsync_path(path)
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        versions.make_current(self.root, name)
        versions.prune(self.root)

    def discard(self, working: Path) -> None:
        drop_scratch(working)
