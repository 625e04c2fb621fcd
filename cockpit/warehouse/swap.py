"""The warehouse file's life cycle: one writer at a time, built aside, swapped in atomically.

Readers never see a file being written: an ingest copies the live file to
`<db>.tmp-<pid>`, loads into the copy, makes it durable, then renames it over
the live path. A run killed at any point leaves the live file untouched and
a temp file that the next run removes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def failure_log_path(db_path: Path) -> Path:
    """Where failed runs are recorded: they leave the file itself untouched."""
    return db_path.with_name(db_path.name + ".ingest-failures.jsonl")


def temp_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}")


@contextmanager
def exclusive_lock(db_path: Path, *, on_wait=None) -> Iterator[None]:
    """Hold `<db>.lock` so that two ingests never build on the same live file."""
    with file_lock(lock_path(db_path), on_wait=on_wait):
        yield


@contextmanager
def file_lock(path: Path, *, on_wait=None) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if need be), calling `on_wait` first if
    someone else holds it. The kernel releases it when the process dies, so a killed run
    never blocks the next one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def rebuilt(db_path: Path, *, on_wait=None) -> Iterator[Path]:
    """Under the lock, a private copy of the warehouse to load into: swapped in when the
    block ends normally, discarded when it raises (the live file is then untouched)."""
    with exclusive_lock(db_path, on_wait=on_wait):
        remove_leftovers(db_path)
        temp = start_copy(db_path)
        try:
            yield temp
            publish(temp, db_path)
        except BaseException:
            discard(temp)
            raise


def remove_leftovers(db_path: Path) -> list[Path]:
    """Temp files of runs that were killed (only call while holding the lock)."""
    removed = []
    for leftover in db_path.parent.glob(f"{db_path.name}.tmp-*"):
        discard(leftover)
        removed.append(leftover)
    return removed


def start_copy(db_path: Path) -> Path:
    """A private copy of the live warehouse (or no file at all, for a first load)."""
    temp = temp_path(db_path)
    discard(temp)
    if db_path.exists():
        shutil.copyfile(db_path, temp)
    return temp


def discard(path: Path) -> None:
    """Remove a temp warehouse with its WAL and spill directory, whatever is left of them."""
    for candidate in (path, Path(f"{path}.wal"), Path(f"{path}.tmp")):
        if candidate.is_dir():
            shutil.rmtree(candidate, ignore_errors=True)
        else:
            candidate.unlink(missing_ok=True)


def publish(temp: Path, db_path: Path) -> None:
    """Make the finished copy durable, then atomically make it the live warehouse."""
    wal = Path(f"{temp}.wal")
    if wal.exists() and wal.stat().st_size:
        raise RuntimeError(f"{wal} still holds unwritten changes; the copy is not complete")
    wal.unlink(missing_ok=True)
    spill = Path(f"{temp}.tmp")
    if spill.is_dir():
        shutil.rmtree(spill, ignore_errors=True)
    fsync_path(temp)
    os.replace(temp, db_path)
    fsync_path(db_path.parent)  # the directory entry of the new file


def fsync_path(path: Path) -> None:
    """Make a file's or a directory's contents durable (a directory: its entries)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
