"""Where a validated ingest goes: the DuckDB file itself, or a PostgreSQL server or a
Parquet directory for Spark.

Validation always happens in DuckDB, exactly as for the embedded warehouse: the run loads
into a private DuckDB copy of the current data (`working_copy`), and only a run whose
every file passed is published, all at once (`publish`); readers see the old data or the
new, never a part. One run at a time holds the destination's lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from cockpit.warehouse.backends.location import Location


class Destination(Protocol):
    location: Location

    @property
    def failure_log(self) -> Path:
        """Where failed runs are recorded (they leave the warehouse untouched)."""
        ...

    def locked(self, on_wait: Callable[[], None] | None) -> AbstractContextManager[None]:
        """Hold the destination's ingest lock (calling `on_wait` if someone else has it)."""
        ...

    def working_copy(self) -> Path:
        """A private DuckDB file holding the current data, to load the run into."""
        ...

    def publish(self, working: Path) -> None:
        """Make the finished copy the live warehouse, atomically."""
        ...

    def discard(self, working: Path) -> None:
        """Drop a copy that will not be published, whatever state it is in."""
        ...


def destination_for(location: Location) -> Destination:
    if location.kind == "duckdb":
        from cockpit.warehouse.publish.duckdb_file import DuckDBFile

        return DuckDBFile(location)
    if location.kind == "postgresql":
        from cockpit.warehouse.publish.postgres import PostgresTables

        return PostgresTables(location)
    from cockpit.warehouse.publish.parquet import ParquetVersions

    return ParquetVersions(location)


@contextmanager
def rebuilt(destination: Destination, on_wait: Callable[[], None] | None) -> Iterator[Path]:
    """Under the destination's lock, a working copy to load into: published when the block
    ends normally, dropped either way (the live warehouse is untouched when it raises)."""
    with destination.locked(on_wait):
        working = destination.working_copy()
        try:
            yield working
            destination.publish(working)
        finally:
            destination.discard(working)
