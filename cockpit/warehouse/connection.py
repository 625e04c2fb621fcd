"""Read-only access to the live warehouse file, following atomic swaps.

Ingest builds a new file beside the live one and renames it over it. A reader
keeps its connection to the file it opened and reopens when the path points
to a new inode, so it never sees a half-loaded state and needs no restart.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb


class WarehouseMissing(RuntimeError):
    """The warehouse file does not exist yet (run `cockpit ingest`)."""


def _identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


CATALOG = "warehouse"


def open_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that cannot touch files or the network.

    The file is ATTACHed to a private in-memory database rather than opened
    with `duckdb.connect(path)`: DuckDB caches one database instance per path
    and process, so a second connect after a swap would return the instance
    of the replaced file while any cursor on it is still alive.
    """
    if not path.exists():
        raise WarehouseMissing(f"No warehouse at {path}: run `cockpit demo` and `cockpit ingest`.")
    con = duckdb.connect(":memory:", config={"threads": 2})
    quoted = str(path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS {CATALOG} (READ_ONLY)")
    con.execute(f"USE {CATALOG}")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


class ReadOnlyWarehouse:
    """One shared read-only connection per process, reopened after a swap.

    `cursor()` hands out this thread's cursor on the current file (created
    once per thread and per file), safe to `interrupt()` from another thread.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None
        self._local = threading.local()

    def _current(self) -> duckdb.DuckDBPyConnection:
        try:
            identity = _identity(self.path)
        except FileNotFoundError as exc:
            raise WarehouseMissing(
                f"No warehouse at {self.path}: run `cockpit demo` and `cockpit ingest`."
            ) from exc
        with self._lock:
            if self._con is None or identity != self._identity:
                # The old connection is dropped, not closed: cursors still
                # running on it finish on the old file, then it is collected.
                self._con = open_readonly(self.path)
                self._identity = identity
            return self._con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        con = self._current()
        local = self._local
        if getattr(local, "parent", None) is not con:
            cursor = con.cursor()
            cursor.execute(f"USE {CATALOG}")  # a cursor starts on the in-memory database
            local.parent, local.cursor = con, cursor
        return local.cursor

    @property
    def generation(self) -> tuple[int, int, int] | None:
        """Changes whenever a new warehouse is swapped in (cache keys use it)."""
        self._current()
        return self._identity

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
