"""One national import run: every public file checked, all stored or none, recorded in `ingest_log`.

Same rules as the monthly ingest (warehouse/ingest.py): the run holds the warehouse
lock, works on a private copy and swaps it in only if every file passed, so a refused
file leaves every table as it was, the monthly ones included. Re-importing a year
replaces the codes the file publishes for that year (and, for files that describe the
entities, that year's entities of that source).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cockpit.config import warehouse_path
from cockpit.warehouse import swap
from cockpit.warehouse.errors import FileError, IngestError
from cockpit.warehouse.ingest import (
    MEMORY_LIMIT,
    current_user,
    failures_recorded,
    file_sha256,
    new_run_id,
)
from cockpit.warehouse.national.cells import Shaped, shape
from cockpit.warehouse.national.files import NationalFile, NotNationalFile, Skipped, recognise
from cockpit.warehouse.national.files import national_files as expand
from cockpit.warehouse.national.layouts import MissingColumns, layout_of
from cockpit.warehouse.national.reading import line_numbers, read_cells
from cockpit.warehouse.national.schema import REBUILD_CLASS_SQL, national_ddl
from cockpit.warehouse.readers import UnreadableFile
from cockpit.warehouse.schema import all_ddl

# progress(file, stage) with stage in: checking, loading, done, failed
Progress = Callable[[Path, str], None]


@dataclass
class NationalFileReport:
    file: str
    kind: str  # national:<source>:<dataset>
    year: int
    values: int  # numbers (and withheld / not applicable cells) stored
    entities: int  # entities described
    sha256: str
    replaced: int = 0  # stored values this file replaced
    notes: list[str] = field(default_factory=list)


@dataclass
class NationalReport:
    run_id: str
    db_path: Path
    user: str
    started_at: dt.datetime
    finished_at: dt.datetime
    files: list[NationalFileReport]
    skipped: list[Skipped]

    @property
    def values(self) -> int:
        return sum(f.values for f in self.files)


@dataclass
class _Checked:
    nf: NationalFile
    shaped: Shaped
    values: int
    entities: int
    codes: set[str]


def import_national_files(
    paths: Iterable[str | os.PathLike],
    db_path: str | os.PathLike | None = None,
    user: str | None = None,
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> NationalReport:
    """Check and load Hospi Diag and SAE files (or folders of them), all or nothing.

    Raises IngestError listing every problem of every file; the warehouse is then
    exactly as it was.
    """
    db = warehouse_path(db_path)
    run_id, username, started = new_run_id(), current_user(user), dt.datetime.now()
    files, skipped = expand(paths)
    if not files:
        raise IngestError([FileError("(no file)", None, None, "no Hospi Diag or SAE file given")])
    notify = progress or (lambda _path, _stage: None)
    with (
        failures_recorded(swap.failure_log_path(db), run_id, username, started, files),
        swap.rebuilt(db, on_wait=on_wait) as temp,
    ):
        reports = _load(temp, files, notify, run_id, username)
    return NationalReport(run_id, db, username, started, dt.datetime.now(), reports, skipped)


def _load(temp: Path, files: list[Path], notify, run_id: str, username: str):
    con = duckdb.connect(str(temp), config={"memory_limit": MEMORY_LIMIT})
    try:
        con.execute("SET enable_progress_bar = false")
        for ddl in [*all_ddl(), *national_ddl()]:
            con.execute(ddl)
        checked, errors = [], []
        for index, path in enumerate(files):
            notify(path, "checking")
            item, problems = _check(con, path, index)
            errors += problems
            notify(path, "failed" if problems else "done")
            if item is not None:
                checked.append(item)
        errors += _clashes(checked)
        if errors:
            raise IngestError(errors)
        con.execute("BEGIN TRANSACTION")
        reports = []
        for item in checked:
            notify(item.nf.path, "loading")
            reports.append(_store(con, item, run_id, username))
        con.execute(REBUILD_CLASS_SQL)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return reports
    finally:
        con.close()


def _check(con, path: Path, index: int) -> tuple[_Checked | None, list[FileError]]:
    """Read and check one file (outside the run's transaction, so that a reading error
    aborts nothing): its rows shaped into temp tables, or its problems."""
    try:
        nf = recognise(path)
        layout = layout_of(nf)
    except NotNationalFile as exc:
        return None, [FileError(str(path), None, None, str(exc))]
    except MissingColumns as exc:
        return None, [FileError(str(path), 1, ", ".join(exc.missing), str(exc))]
    raw = f"__raw_{index}"
    try:
        read_cells(con, nf, raw)
    except UnreadableFile as exc:
        return None, [FileError(str(path), exc.line, None, exc.reason)]
    try:
        shaped = shape(con, nf, layout, raw, str(index))
    finally:
        con.execute(f"DROP TABLE IF EXISTS {raw}")
    if shaped.problems:
        return None, _located(nf, shaped)
    values = _count(con, shaped.values)
    entities = _count(con, shaped.entities)
    codes = set()
    if shaped.values:
        codes = {r[0] for r in con.execute(f"SELECT DISTINCT code FROM {shaped.values}").fetchall()}  # nosec B608 # temp tables named here from the file's index
    return _Checked(nf, shaped, values, entities, codes), []


def _count(con, table: str | None) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] if table else 0  # nosec B608 # temp tables named here from the file's index


def _located(nf: NationalFile, shaped: Shaped) -> list[FileError]:
    records = {p.record for p in shaped.problems if p.record is not None}
    records |= {p.first for p in shaped.problems if p.first is not None}
    lines = line_numbers(nf, records)
    errors = []
    for p in shaped.problems:
        reason = (
            p.reason.replace("{first}", f"line {lines[p.first]}")
            if p.first is not None
            else p.reason
        )
        line = lines[p.record] if p.record is not None else None
        errors.append(FileError(str(nf.path), line, p.column, reason))
    if shaped.more_problems:
        errors.append(
            FileError(str(nf.path), None, None, f"… and {shaped.more_problems} more problem(s)")
        )
    return errors


def _clashes(checked: list[_Checked]) -> list[FileError]:
    """Two files of one run may not both bring the same codes, or entities, for a year."""
    errors: list[FileError] = []
    seen_codes: dict[tuple[str, int, str], Path] = {}
    seen_entities: dict[tuple[str, int], Path] = {}
    for item in checked:
        nf = item.nf
        clashing = sorted(c for c in item.codes if (nf.source, nf.year, c) in seen_codes)
        if clashing:
            other = seen_codes[(nf.source, nf.year, clashing[0])]
            shown = ", ".join(clashing[:5]) + (" …" if len(clashing) > 5 else "")
            errors.append(
                FileError(str(nf.path), None, None,
                          f"{nf.year} values of {shown} are also in {other}: "
                          "a run may load them only once")
            )  # fmt: skip
        for code in item.codes:
            seen_codes.setdefault((nf.source, nf.year, code), nf.path)
        if item.shaped.entities:
            other = seen_entities.setdefault((nf.source, nf.year), nf.path)
            if other != nf.path:
                errors.append(
                    FileError(str(nf.path), None, None,
                              f"the {nf.source} establishments of {nf.year} are also described "
                              f"in {other}: a run may load them only once")
                )  # fmt: skip
    return errors


def _store(con, item: _Checked, run_id: str, username: str) -> NationalFileReport:
    nf, shaped = item.nf, item.shaped
    started = dt.datetime.now()
    replaced = 0
    if shaped.values:
        replaced = con.execute(
            f"DELETE FROM national_value v USING (SELECT DISTINCT source, year, code "  # nosec B608 # temp tables named here from the file's index
            f"FROM {shaped.values}) n WHERE v.source = n.source AND v.year = n.year "
            "AND v.code = n.code"
        ).fetchall()[0][0]
        con.execute(
            "INSERT INTO national_value SELECT source, year, legal_entity, site, code, value, "  # nosec B608 # temp tables named here from the file's index
            f"status FROM {shaped.values}"
        )
    if shaped.entities:
        con.execute(
            "DELETE FROM national_entity WHERE source = ? AND year = ?", [nf.source, nf.year]
        )
        con.execute(f"INSERT INTO national_entity SELECT * FROM {shaped.entities}")  # nosec B608 # temp tables named here from the file's index
    report = NationalFileReport(
        str(nf.path.resolve()), nf.label, nf.year, item.values, item.entities,
        file_sha256(nf.path), replaced, list(shaped.notes),
    )  # fmt: skip
    message = f"replaced {replaced} value(s); {item.entities} establishment(s) described"
    if report.notes:
        message += "; " + "; ".join(report.notes)
    con.execute(
        "INSERT INTO ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?)",
        [run_id, report.file, report.sha256, report.kind, report.values or report.entities,
         f"{nf.year}-01", f"{nf.year}-12", started, dt.datetime.now(), message, username],
    )  # fmt: skip
    return report
