"""SQLite files of the state directory: one connection per use, WAL, shared by processes.

The user store and the audit log live beside (not inside) the warehouse, which
ingest replaces atomically; several server processes open the same files. They
hold password hashes, sessions and who saw what: only their owner may read them
(files 0600, directory 0700; SQLite gives its -wal and -shm files the same mode).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 5_000
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
_ready: set[tuple[Path, int]] = set()


def private_dir(path: Path) -> Path:
    """Create the state directory (or tighten an existing one) so only its owner gets in."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def private_file(path: Path) -> None:
    """Create the file readable by its owner only, or tighten one made before (0644)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        if os.fstat(fd).st_mode & 0o777 != PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)


@contextmanager
def connect(path: Path, schema: str) -> Iterator[sqlite3.Connection]:
    """A connection in WAL mode with the schema applied; commits on success."""
    key = (path.resolve(), hash(schema))
    first_use = key not in _ready or not path.exists()
    if first_use:
        private_dir(path.parent)
        private_file(path)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        con.row_factory = sqlite3.Row
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        con.execute("PRAGMA foreign_keys = ON")
        if first_use:
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
