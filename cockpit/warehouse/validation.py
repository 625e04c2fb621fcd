"""Checks one extract against its contract with set-based SQL, inside the ingest transaction.

A file is read once into a typed staging table where every refused value is
NULL (rules.py). One aggregate query over that table says whether anything
is wrong; only then is the file read again, as text, to name each problem
with its line, column and reason (at most MAX_ERRORS per file).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from cockpit.contracts import Contract
from cockpit.warehouse.errors import FileError
from cockpit.warehouse.headers import HeaderMatch
from cockpit.warehouse.readers import Source, UnreadableFile, describe_read_error
from cockpit.warehouse.rules import (
    ColumnRule,
    column_rules,
    filled_name,
    flag_name,
    period_bounds,
    quote_ident,
    row_rules,
    stored_values,
)

STAGED = "__staged"
RAW = "__raw"
MAX_ERRORS = 50
SERVICE_COLUMNS = ("establishment_id", "pole", "service")


@dataclass
class Problem:
    """A problem found by one check, located by record (0-based data row) when it can be."""

    check: str
    record: int | None
    column: str | None
    reason: str


@dataclass
class CheckedFile:
    source: Source
    match: HeaderMatch
    rows: int = 0
    period_start: str | None = None
    period_end: str | None = None
    errors: list[FileError] = field(default_factory=list)
    staged: bool = False  # the staging table holds this file's rows
    aborted: bool = False  # reading failed, which aborted the transaction

    @property
    def contract(self) -> Contract:
        return self.match.contract


def header_errors(source: Source, match: HeaderMatch) -> list[FileError]:
    file = str(source.path)
    errors = [
        FileError(file, 1, ", ".join(match.missing), f"missing required column(s) for a "
                  f"{match.contract.kind} extract: {', '.join(match.missing)}")
    ] if match.missing else []  # fmt: skip
    errors += [
        FileError(file, 1, canonical, f"columns '{first}' and '{second}' both mean {canonical}")
        for canonical, first, second in match.duplicates
    ]
    return errors


def _rules(source: Source, match: HeaderMatch) -> list[ColumnRule]:
    types = {name: source.types[pos] for name, pos in match.positions.items()}
    return column_rules(match.contract, types)


def scalar(con: duckdb.DuckDBPyConnection, sql: str):
    # fetchall, not fetchone: a half-read result blocks the connection (DuckDB 2).
    return con.execute(sql).fetchall()[0][0]


def _read_into(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    match: HeaderMatch,
    table: str,
    inner: str = "*",
    outer: str = "*",
) -> None:
    """CREATE a temp table from the file (a reading error aborts the transaction)."""
    relation = source.relation(con, match.names(len(source.headers)))
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {table} AS "
            f"SELECT {outer} FROM (SELECT {inner} FROM {relation})"
        )
    except duckdb.Error as exc:
        raise describe_read_error(exc) from exc


def stage(con: duckdb.DuckDBPyConnection, source: Source, match: HeaderMatch) -> None:
    """Read the file once into the typed staging table, in file order (see `record_of`)."""
    rules = _rules(source, match)
    optional = [r for r in rules if r.refused != "false"]
    parsed = [f"{r.parsed} AS {quote_ident(r.name)}" for r in rules]
    parsed += [f"{r.filled} AS {filled_name(r.name)}" for r in optional]
    values = [f"{r.value} AS {quote_ident(r.name)}" for r in rules]
    values += [
        f"{r.refused if r in optional else 'false'} AS {flag_name(r.name)}"
        for r in rules
        if r.column.optional
    ]
    _read_into(con, source, match, STAGED, ", ".join(parsed), ", ".join(values))


def record_of(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """SQL for a row's 0-based position in the file.

    Tables keep insertion order, so rowid follows the file; inside a
    transaction rowids start at a large offset, hence the subtraction.
    """
    base = con.execute(f"SELECT coalesce(min(rowid), 0) FROM {table}").fetchall()[0][0]
    return f"(rowid - {base})"


def check(con: duckdb.DuckDBPyConnection, source: Source, match: HeaderMatch) -> CheckedFile:
    """Stage the file and check every rule; the staging table stays for the load."""
    checked = CheckedFile(source, match)
    try:
        stage(con, source, match)
    except UnreadableFile as exc:
        checked.errors, checked.aborted = [_unreadable(source, exc)], True
        return checked
    checked.staged = True
    contract = match.contract
    rules = _rules(source, match)
    stored = stored_values(contract)
    counted = [f"count_if({quote_ident(r.name)} IS NULL)" for r in rules if not r.column.optional]
    counted += [f"count_if({flag_name(r.name)})" for r in rules if r.column.optional]
    row_checks = row_rules(contract)
    counted += [f"count_if(coalesce({rule.condition}, false))" for rule in row_checks]
    key = ", ".join(stored[k] for k in contract.key)
    bounds = period_bounds(contract) or ("NULL", "NULL")
    summary = con.execute(
        f"SELECT count(*), strftime({bounds[0]}, '%Y-%m'), strftime({bounds[1]}, '%Y-%m'), "
        f"{', '.join(counted)} FROM {STAGED}"
    ).fetchall()[0]
    rows, checked.period_start, checked.period_end = summary[:3]
    column_count = sum(summary[3 : 3 + len(rules)])
    row_count = sum(summary[3 + len(rules) :])
    checked.rows = rows
    # Alone, this aggregate runs in parallel; beside the others it would not.
    distinct_keys = scalar(con, f"SELECT count(DISTINCT hash({key})) FROM {STAGED}")

    problems: list[Problem] = []
    totals: dict[str, int] = {}
    if column_count:
        try:
            _column_problems(con, source, match, rules, problems, totals)
        except UnreadableFile as exc:
            checked.errors = [_unreadable(source, exc)]
            return checked
    if row_count:
        _row_problems(con, row_checks, problems, totals)
    if distinct_keys < rows:
        _duplicate_problems(con, contract, problems, totals)
    if contract.kind in ("activity", "hr"):
        _unknown_service_problems(con, problems, totals)
    checked.errors = _as_errors(source, problems, totals)
    return checked


def _unreadable(source: Source, exc: UnreadableFile) -> FileError:
    return FileError(str(source.path), exc.line, None, exc.reason, source.line_label)


def _column_problems(con, source, match, rules, problems, totals) -> None:
    present = [r for r in rules if r.present]
    reasons = ", ".join(f"{r.reason} AS {quote_ident(r.name)}" for r in present)
    _read_into(con, source, match, RAW)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE __problems AS "
        f"SELECT * FROM (SELECT {record_of(con, RAW)} AS record, {reasons} FROM {RAW}) "
        f"UNPIVOT (reason FOR column_name IN ({', '.join(quote_ident(r.name) for r in present)}))"
    )
    for column_name, total in con.execute(
        "SELECT column_name, count(*) FROM __problems GROUP BY ALL"
    ).fetchall():
        totals[f"column:{column_name}"] = total
    for record, column_name, reason in con.execute(
        "SELECT record, column_name, reason FROM __problems "
        f"QUALIFY row_number() OVER (PARTITION BY column_name ORDER BY record) <= {MAX_ERRORS}"
    ).fetchall():
        problems.append(Problem(f"column:{column_name}", record, column_name, reason))
    con.execute(f"DROP TABLE {RAW}; DROP TABLE __problems")


def _row_problems(con, row_checks, problems, totals) -> None:
    position = record_of(con, STAGED)
    for rule in row_checks:
        check_name = f"row:{rule.column}:{rule.condition}"
        totals[check_name] = con.execute(
            f"SELECT count(*) FROM {STAGED} WHERE {rule.condition}"
        ).fetchall()[0][0]
        for record, reason in con.execute(
            f"SELECT {position} AS record, {rule.reason} FROM {STAGED} WHERE {rule.condition} "
            f"ORDER BY record LIMIT {MAX_ERRORS}"
        ).fetchall():
            problems.append(Problem(check_name, record, rule.column, reason))


def _duplicate_problems(con, contract: Contract, problems, totals) -> None:
    stored = stored_values(contract)
    key = ", ".join(f"{stored[k]} AS {quote_ident(k)}" for k in contract.key)
    required = [k for k in contract.key if not contract.column(k).optional]
    complete = " AND ".join(f"{quote_ident(k)} IS NOT NULL" for k in required) or "true"
    shown = " || ', ' || ".join(f"coalesce({_as_text(contract, k)}, '')" for k in contract.key)
    groups = (
        f"SELECT list(record ORDER BY record) AS records, any_value({shown}) AS shown "
        f"FROM (SELECT {record_of(con, STAGED)} AS record, {key} FROM {STAGED}) WHERE {complete} "
        f"GROUP BY {', '.join(map(quote_ident, contract.key))} HAVING count(*) > 1"
    )
    totals["duplicate"] = con.execute(
        f"SELECT coalesce(sum(len(records) - 1), 0) FROM ({groups})"
    ).fetchall()[0][0]
    columns = ", ".join(contract.key)
    for records, shown in con.execute(
        f"SELECT records, shown FROM ({groups}) ORDER BY records[1] LIMIT {MAX_ERRORS}"
    ).fetchall():
        for record in records[1:]:
            problems.append(
                Problem("duplicate", record, columns, f"same {columns} ({shown}) as @{records[0]}")
            )


def _as_text(contract: Contract, name: str) -> str:
    if contract.column(name).type == "period":
        return f"strftime({quote_ident(name)}, '%Y-%m')"
    return f"CAST({quote_ident(name)} AS VARCHAR)"


def _unknown_service_problems(con, problems, totals) -> None:
    """Services of activity/hr rows must be declared by the structure (this run's or stored)."""
    complete = " AND ".join(f"s.{c} IS NOT NULL" for c in SERVICE_COLUMNS)
    known = " AND ".join(f"k.{c} = s.{c}" for c in SERVICE_COLUMNS)
    unknown = f"{complete} AND NOT EXISTS (SELECT 1 FROM structure k WHERE {known})"
    cols = ", ".join(SERVICE_COLUMNS)
    distinct_unknown = con.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT {cols} FROM {STAGED}) s WHERE {unknown}"
    ).fetchall()[0][0]
    if not distinct_unknown:
        return
    totals["service"] = scalar(con, f"SELECT count(*) FROM {STAGED} s WHERE {unknown}")
    for record, establishment, pole, service in con.execute(
        f"SELECT {record_of(con, STAGED)} AS record, s.establishment_id, s.pole, s.service "
        f"FROM {STAGED} s WHERE {unknown} ORDER BY record LIMIT {MAX_ERRORS}"
    ).fetchall():
        problems.append(
            Problem(
                "service",
                record,
                "service",
                f"service '{service}' of pole '{pole}' (establishment {establishment}) is not "
                "in the structure: ingest a structure extract that declares it",
            )
        )


def _as_errors(source: Source, problems: list[Problem], totals: dict[str, int]) -> list[FileError]:
    """At most MAX_ERRORS, in file order, with at least the first problem of every check."""
    if not problems:
        return []
    problems.sort(key=lambda p: p.record if p.record is not None else -1)
    firsts, seen = [], set()
    for p in problems:
        if p.check not in seen:
            seen.add(p.check)
            firsts.append(p)
    chosen = firsts + [p for p in problems if p not in firsts][: max(0, MAX_ERRORS - len(firsts))]
    chosen.sort(key=lambda p: p.record if p.record is not None else -1)
    records = {p.record for p in chosen if p.record is not None}
    records |= {_referenced(p) for p in chosen if _referenced(p) is not None}
    lines = source.physical_lines(records)
    file = str(source.path)
    errors = []
    for p in chosen:
        reason = p.reason
        if (ref := _referenced(p)) is not None:
            reason = reason.replace(f"@{ref}", f"{source.line_label} {lines[ref]}")
        line = lines[p.record] if p.record is not None else None
        errors.append(FileError(file, line, p.column, reason, source.line_label))
    more = sum(totals.values()) - len(chosen)
    if more > 0:
        errors.append(FileError(file, None, None, f"… and {more} more problem(s) in this file"))
    return errors


def _referenced(problem: Problem) -> int | None:
    """The record a duplicate points back to ('same key as @12')."""
    if problem.check != "duplicate":
        return None
    return int(problem.reason.rsplit("@", 1)[1])


def replace_groups_sql(contract: Contract) -> str:
    stored = stored_values(contract)
    cols = ", ".join(f"{stored[c]} AS {quote_ident(c)}" for c in contract.replace_on)
    return f"SELECT DISTINCT {cols} FROM {STAGED}"


def insert_sql(contract: Contract) -> str:
    stored = stored_values(contract)
    values = ", ".join(stored[name] for name in contract.names)
    return (
        f"INSERT INTO {contract.kind} ({', '.join(contract.names)}) SELECT {values} FROM {STAGED}"
    )
