"""SQLite files of the state directory: one connection per use, WAL, shared by processes.

The user store and the audit log live beside (not inside) the warehouse, which
ingest replaces atomically; several server processes open the same files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 5_000
_ready: set[tuple[Path, int]] = set()


@contextmanager
def connect(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    """A connection in WAL mode with the schema applied; commits on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        key = (path.resolve(), hash(schema))
        if key not in _ready or not path.exists():
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript(schema)
            _ready.add(key)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: read-then-write steps see no interleaved writer."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
