"""One ingest run: every file validated, all loaded or none, recorded in `ingest_log`.

The run holds the warehouse lock, loads into a private copy inside one
transaction (structure first, so the other extracts are checked against it),
replaces the months (or establishments, or target years) that the files
carry, and publishes the copy only if every file passed (publish/: the DuckDB file
swapped in, or the tables sent to PostgreSQL or written as a new Parquet version).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cockpit.contracts import LOAD_ORDER
from cockpit.warehouse.backends.location import Location, warehouse_location
from cockpit.warehouse.errors import FileError, IngestError
from cockpit.warehouse.headers import HeaderMatch, UnknownExtract, detect_kind
from cockpit.warehouse.publish import destination_for, rebuilt
from cockpit.warehouse.readers import Source, UnreadableFile, open_source
from cockpit.warehouse.rules import quote_ident
from cockpit.warehouse.schema import all_ddl
from cockpit.warehouse.validation import (
    STAGED,
    CheckedFile,
    check,
    header_errors,
    insert_sql,
    replace_groups_sql,
)

EXTRACT_SUFFIXES = {".csv", ".txt", ".xlsx", ".parquet"}
MEMORY_LIMIT = os.environ.get("COCKPIT_INGEST_MEMORY", "1GB")

# progress(file, stage) with stage in: reading, checking, loading, done, failed
Progress = Callable[[Path, str], None]


@dataclass
class FileReport:
    file: str
    kind: str
    rows: int
    period_start: str | None
    period_end: str | None
    sha256: str
    ignored_columns: list[str] = field(default_factory=list)
    replaced: int = 0  # stored rows this file replaced


@dataclass
class IngestReport:
    run_id: str
    warehouse: Location
    user: str
    started_at: dt.datetime
    finished_at: dt.datetime
    files: list[FileReport]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)


def current_user(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def new_run_id() -> str:
    """A run's id in `ingest_log`: when it started, then a random suffix."""
    return dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]


def extract_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files named, a directory standing for the extracts it holds; each file once."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in EXTRACT_SUFFIXES)
        else:
            found.append(path)
    unique = {p.resolve(): p for p in reversed(found)}
    return [p for p in found if unique.get(p.resolve()) is p]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class _Planned:
    source: Source
    match: HeaderMatch
    sha256: Future  # computed on a thread, beside DuckDB's work


def _plan(files: list[Path], hasher: ThreadPoolExecutor) -> tuple[list[_Planned], list[FileError]]:
    """Open each file and recognise its extract; load order: structure first."""
    planned, errors = [], []
    for path in files:
        try:
            source = open_source(path)
            match = detect_kind(source.headers)
        except (UnreadableFile, UnknownExtract) as exc:
            line = 1 if isinstance(exc, UnknownExtract) else exc.line
            errors.append(FileError(str(path), line, None, str(exc)))
            continue
        problems = header_errors(source, match)
        if problems:
            errors += problems
            continue
        planned.append(_Planned(source, match, hasher.submit(file_sha256, path)))
    planned.sort(key=lambda p: LOAD_ORDER.index(p.match.contract.kind))
    return planned, errors


def ingest_files(
    paths: Iterable[str | os.PathLike],
    db_path: str | os.PathLike | Location | None = None,
    user: str | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> IngestReport:
    """Validate and load extract files into the warehouse, all or nothing.

    `db_path`: a DuckDB file or a warehouse URL / Location (default: COCKPIT_WAREHOUSE,
    else the DuckDB file of `config.warehouse_path`). Raises IngestError listing every
    problem of every file; the warehouse is then exactly as it was.
    """
    location = warehouse_location(db_path)
    destination = destination_for(location)
    run_id = new_run_id()
    username = current_user(user)
    started = dt.datetime.now()
    files = extract_files(paths)
    if not files:
        raise IngestError([FileError("(no file)", None, None, "no extract file given")])
    notify = progress or (lambda _path, _stage: None)
    with ThreadPoolExecutor(max_workers=1) as hasher:
        planned, errors = _plan(files, hasher)
        with (
            failures_recorded(destination.failure_log, run_id, username, started, files),
            rebuilt(destination, on_wait) as working,
        ):
            reports = _load(working, planned, errors, notify, run_id, username)
    return IngestReport(run_id, location, username, started, dt.datetime.now(), reports)


@contextmanager
def failures_recorded(log: Path, run_id: str, username: str, started: dt.datetime, files):
    """A run that fails is kept in a side file, `log` (the warehouse it left untouched has
    no trace)."""
    try:
        yield
    except IngestError as exc:
        _record_failure(log, run_id, username, started, files, exc.errors)
        raise
    except Exception as exc:
        crash = [FileError("(run)", None, None, repr(exc))]
        _record_failure(log, run_id, username, started, files, crash)
        raise


class _ReadAgain(Exception):
    """A CSV read on what its beginning showed (UTF-8, plain numbers) turned out otherwise
    further on: the run starts again, reading it more carefully (a reading error aborts the
    transaction, so the file cannot just be read again within it). Rare, and exact."""


def _load(temp, planned, errors, notify, run_id, username) -> list[FileReport]:
    con = duckdb.connect(str(temp), config={"memory_limit": MEMORY_LIMIT})
    try:
        con.execute("SET enable_progress_bar = false")  # the CLI shows its own
        for ddl in all_ddl():
            con.execute(ddl)
        while True:
            con.execute("BEGIN TRANSACTION")
            run_errors: list[FileError] = []
            try:
                reports = _load_files(con, planned, run_errors, notify, run_id, username)
                break
            except _ReadAgain:
                con.execute("ROLLBACK")
        errors += run_errors
        if errors:
            con.execute("ROLLBACK")
            raise IngestError(errors)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return reports
    finally:
        con.close()


def _load_files(con, planned, errors, notify, run_id, username) -> list[FileReport]:
    claimed: dict[str, dict[tuple, str]] = {}
    structures: list[_Planned] = []  # loaded in this run, to check services against
    reports = []
    for item in planned:
        path, started = item.source.path, dt.datetime.now()
        notify(path, "checking")
        checked = check(con, item.source, item.match)
        if checked.read_again:
            raise _ReadAgain
        if checked.aborted:
            _restart(con, structures)
        file_errors = checked.errors or _claim(con, checked, claimed)
        replaced = 0
        if checked.read and (not file_errors or checked.contract.kind == "structure"):
            # A refused structure is still loaded, so that the services of the
            # files after it are checked against what it declares.
            notify(path, "loading")
            replaced = _replace(con, checked)
            if checked.contract.kind == "structure":
                structures.append(item)
        con.execute(f"DROP TABLE IF EXISTS __groups; DROP TABLE IF EXISTS {STAGED}")
        errors += file_errors
        notify(path, "failed" if file_errors else "done")
        if not file_errors:
            reports.append(_report(item, checked, replaced))
            _log(con, run_id, username, reports[-1], started)
    return reports


def _restart(con, structures: list[_Planned]) -> None:
    """After a reading error aborted the transaction: go on checking the other files.

    The run will fail, but its remaining files are still checked, against the
    structure files already accepted in it.
    """
    con.execute("ROLLBACK")
    con.execute("BEGIN TRANSACTION")
    for item in structures:
        _replace(con, check(con, item.source, item.match))


def _report(item: _Planned, checked: CheckedFile, replaced: int) -> FileReport:
    return FileReport(
        str(item.source.path.resolve()),
        checked.contract.kind,
        checked.rows,
        checked.period_start,
        checked.period_end,
        item.sha256.result(),
        item.match.ignored,
        replaced,
    )


def _claim(con, checked: CheckedFile, claimed: dict[str, dict[tuple, str]]) -> list[FileError]:
    """Two files of one run may not both load the same month of the same establishment."""
    contract = checked.contract
    groups_sql = replace_groups_sql(contract, checked.rows_sql)
    con.execute(f"CREATE OR REPLACE TEMP TABLE __groups AS {groups_sql}")
    groups = con.execute("SELECT * FROM __groups").fetchall()
    mine = str(checked.source.path)
    taken = claimed.setdefault(contract.kind, {})
    clashes = [g for g in groups if g in taken]
    for group in groups:
        taken.setdefault(group, mine)
    what = ", ".join(contract.replace_on)
    return [
        FileError(mine, None, what, f"{what} = {_shown(g)} is also in {taken[g]}: "
                  "a run may load it only once")
        for g in clashes[:10]
    ]  # fmt: skip


def _shown(group: tuple) -> str:
    values = (v.strftime("%Y-%m") if isinstance(v, dt.date) else str(v) for v in group)
    return "(" + ", ".join(values) + ")"


def _replace(con, checked: CheckedFile) -> int:
    """Drop the stored rows the file supersedes; insert the file's rows if still staged."""
    contract = checked.contract
    groups_sql = replace_groups_sql(contract, checked.rows_sql)
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS __groups AS {groups_sql}")
    match = " AND ".join(f"t.{quote_ident(c)} = g.{quote_ident(c)}" for c in contract.replace_on)
    if checked.inserted:  # only the rows that were there before the file
        match += f" AND t.rowid <= {checked.last_rowid}"
    replaced = con.execute(
        f"DELETE FROM {contract.kind} t USING __groups g WHERE {match}"  # nosec B608 # identifiers from the contracts, values quoted by sql_str
    ).fetchall()[0][0]
    if not checked.inserted:
        con.execute(insert_sql(contract))
    return replaced


def _log(con, run_id: str, username: str, report: FileReport, started: dt.datetime) -> None:
    message = f"replaced {report.replaced} row(s)"
    if report.ignored_columns:
        message += f"; ignored column(s): {', '.join(report.ignored_columns)}"
    con.execute(
        "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
        [
            run_id,
            report.file,
            report.sha256,
            report.kind,
            report.rows,
            report.period_start,
            report.period_end,
            started,
            dt.datetime.now(),
            message,
            username,
        ],
    )


def _record_failure(log: Path, run_id, username, started, files, errors: list[FileError]) -> None:
    """Failed runs leave the warehouse untouched, so they are kept in a side file."""
    entry = {
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": dt.datetime.now().isoformat(timespec="seconds"),
        "username": username,
        "files": [str(f) for f in files],
        "errors": [str(e) for e in errors[:500]],
    }
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError:
        pass  # the failure itself is already reported to the caller
