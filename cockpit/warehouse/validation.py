"""Checks one extract against its contract with set-based SQL, inside the ingest transaction.

A file is read once, typed, every refused value NULL (rules.py), straight
into its warehouse table or into a staging table (staging.py). One aggregate
query over its rows, a count of distinct keys and one of unknown services say
whether anything is wrong; only then are the problems named (problems.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from cockpit.contracts import Contract
from cockpit.warehouse.errors import FileError
from cockpit.warehouse.headers import HeaderMatch
from cockpit.warehouse.problems import SERVICE_COLUMNS, Findings, unknown_service_condition
from cockpit.warehouse.readers import Source, UnreadableFile
from cockpit.warehouse.rules import flag_name, period_bounds, quote_ident, row_rules, stored_values
from cockpit.warehouse.staging import (
    STAGED,
    added_rows,
    insert_directly,
    needs_staging,
    rules_for,
    scalar,
    stage,
)


@dataclass
class CheckedFile:
    source: Source
    match: HeaderMatch
    rows: int = 0
    period_start: str | None = None
    period_end: str | None = None
    errors: list[FileError] = field(default_factory=list)
    read: bool = False  # the file's rows are in DuckDB, at `rows_sql`
    rows_sql: str = STAGED
    inserted: bool = False  # …already in their warehouse table, past `last_rowid`
    last_rowid: int = -1
    aborted: bool = False  # reading failed, which aborted the transaction
    read_again: bool = False  # …but another way of reading the file may succeed

    @property
    def contract(self) -> Contract:
        return self.match.contract


def header_errors(source: Source, match: HeaderMatch) -> list[FileError]:
    file, kind, missing = str(source.path), match.contract.kind, ", ".join(match.missing)
    errors = []
    if match.missing:
        reason = f"missing required column(s) for a {kind} extract: {missing}"
        errors.append(FileError(file, 1, missing, reason))
    errors += [
        FileError(file, 1, canonical, f"columns '{first}' and '{second}' both mean {canonical}")
        for canonical, first, second in match.duplicates
    ]
    return errors


def check(con: duckdb.DuckDBPyConnection, source: Source, match: HeaderMatch) -> CheckedFile:
    """Read the file into DuckDB (staging.py) and check every rule of its contract."""
    checked = CheckedFile(source, match)
    contract = match.contract
    numeric = {"count", "amount", "signed"}
    source.read_numbers_natively(
        {match.positions[c.name] for c in contract.columns
         if c.type in numeric and c.name in match.positions}
    )  # fmt: skip
    rules = rules_for(source, match)
    try:
        if needs_staging(rules):
            stage(con, source, match)
            read = scalar(con, f"SELECT count(*) FROM {STAGED}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        else:
            checked.last_rowid, read = insert_directly(con, source, match)
            checked.rows_sql, checked.inserted = added_rows(contract.kind, checked.last_rowid), True
    except UnreadableFile as exc:
        checked.errors, checked.aborted = [_unreadable(source, exc)], True
        checked.read_again = source.read_more_carefully(exc.not_utf8)
        return checked
    checked.read = True
    row_checks = row_rules(contract)
    counted = [f"count_if({quote_ident(r.name)} IS NULL)" for r in rules if not r.column.optional]
    if not checked.inserted:
        counted += [f"count_if({flag_name(r.name)})" for r in rules if r.column.optional]
    counted += [f"count_if(coalesce({rule.condition}, false))" for rule in row_checks]
    first, last = period_bounds(contract) or ("NULL", "NULL")
    summary = con.execute(
        f"SELECT count(*), strftime({first}, '%Y-%m'), strftime({last}, '%Y-%m'), "  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        f"{', '.join(counted)} FROM {checked.rows_sql}"
    ).fetchall()[0]
    checked.rows, checked.period_start, checked.period_end = summary[:3]
    if checked.rows != read:
        raise RuntimeError(f"the rows just read into {contract.kind} cannot be told apart")
    refused_rows = sum(summary[3 + len(counted) - len(row_checks) :])
    refused_values = sum(summary[3:]) - refused_rows
    stored = stored_values(contract)
    key = ", ".join(stored[k] for k in contract.key)
    # Alone, this aggregate runs in parallel; beside the others it would not.
    distinct_keys = scalar(con, f"SELECT count(DISTINCT hash({key})) FROM {checked.rows_sql}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
    unknown_services = 0
    if contract.kind in ("activity", "hr"):
        services = f"SELECT DISTINCT {', '.join(SERVICE_COLUMNS)} FROM {checked.rows_sql}"  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        unknown = unknown_service_condition("s")
        unknown_services = scalar(con, f"SELECT count(*) FROM ({services}) s WHERE {unknown}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
    if refused_values or refused_rows or distinct_keys < checked.rows or unknown_services:
        checked.errors = _name_problems(con, checked, rules, refused_values, refused_rows,
                                        distinct_keys < checked.rows, unknown_services)  # fmt: skip
    return checked


def _name_problems(con, checked, rules, values, rows, duplicates, services) -> list[FileError]:
    """The slow path: the file in file order, each problem with its line and reason."""
    source, match = checked.source, checked.match
    try:
        if checked.inserted:
            stage(con, source, match)
        findings = Findings()
        if values:
            findings.column_values(con, source, match, rules)
    except UnreadableFile as exc:
        return [_unreadable(source, exc)]
    if rows:
        findings.row_rules(con, row_rules(match.contract))
    if duplicates:  # or a hash collision, which finds nothing
        findings.duplicate_keys(con, match.contract)
    if services:
        findings.unknown_services(con)
    return findings.as_errors(source)


def _unreadable(source: Source, exc: UnreadableFile) -> FileError:
    return FileError(str(source.path), exc.line, None, exc.reason, source.line_label)


def replace_groups_sql(contract: Contract, rows_sql: str) -> str:
    """The (period, establishment)… groups the file carries, which it replaces."""
    stored = stored_values(contract)
    cols = ", ".join(f"{stored[c]} AS {quote_ident(c)}" for c in contract.replace_on)
    return f"SELECT DISTINCT {cols} FROM {rows_sql}"  # nosec B608 # identifiers from the contracts, values quoted by sql_str


def insert_sql(contract: Contract) -> str:
    stored = stored_values(contract)
    values = ", ".join(stored[name] for name in contract.names)
    columns = ", ".join(contract.names)
    return f"INSERT INTO {contract.kind} ({columns}) SELECT {values} FROM {STAGED}"  # nosec B608 # identifiers from the contracts, values quoted by sql_str
