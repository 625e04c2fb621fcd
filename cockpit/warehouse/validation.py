"""Checks one extract against its contract with set-based SQL, inside the ingest transaction.

A file is read once into a typed staging table where every refused value is
NULL (rules.py, staging.py). One aggregate query over that table, plus a
count of distinct keys and of unknown services, says whether anything is
wrong; only then are the problems named one by one (problems.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from cockpit.contracts import Contract
from cockpit.warehouse.errors import FileError
from cockpit.warehouse.headers import HeaderMatch
from cockpit.warehouse.problems import Findings
from cockpit.warehouse.readers import Source, UnreadableFile
from cockpit.warehouse.rules import flag_name, period_bounds, quote_ident, row_rules, stored_values
from cockpit.warehouse.staging import STAGED, rules_for, scalar, stage


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
    not_utf8: bool = False  # …because the CSV is not UTF-8 after all: read it as Latin-1

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
    """Stage the file and check every rule; the staging table stays for the load."""
    checked = CheckedFile(source, match)
    try:
        stage(con, source, match)
    except UnreadableFile as exc:
        checked.errors, checked.aborted = [_unreadable(source, exc)], True
        checked.not_utf8 = exc.not_utf8 and source.format == "csv" and source.encoding == "utf-8"
        return checked
    checked.staged = True
    contract = match.contract
    rules = rules_for(source, match)
    row_checks = row_rules(contract)
    counted = [f"count_if({quote_ident(r.name)} IS NULL)" for r in rules if not r.column.optional]
    counted += [f"count_if({flag_name(r.name)})" for r in rules if r.column.optional]
    counted += [f"count_if(coalesce({rule.condition}, false))" for rule in row_checks]
    first, last = period_bounds(contract) or ("NULL", "NULL")
    summary = con.execute(
        f"SELECT count(*), strftime({first}, '%Y-%m'), strftime({last}, '%Y-%m'), "
        f"{', '.join(counted)} FROM {STAGED}"
    ).fetchall()[0]
    checked.rows, checked.period_start, checked.period_end = summary[:3]
    refused_values = sum(summary[3 : 3 + len(rules)])
    refused_rows = sum(summary[3 + len(rules) :])
    stored = stored_values(contract)
    key = ", ".join(stored[k] for k in contract.key)
    # Alone, this aggregate runs in parallel; beside the others it would not.
    distinct_keys = scalar(con, f"SELECT count(DISTINCT hash({key})) FROM {STAGED}")

    findings = Findings()
    if refused_values:
        try:
            findings.column_values(con, source, match, rules)
        except UnreadableFile as exc:
            checked.errors = [_unreadable(source, exc)]
            return checked
    if refused_rows:
        findings.row_rules(con, row_checks)
    if distinct_keys < checked.rows:  # or a hash collision, which finds nothing
        findings.duplicate_keys(con, contract)
    if contract.kind in ("activity", "hr"):
        findings.unknown_services(con)
    checked.errors = findings.as_errors(source)
    return checked


def _unreadable(source: Source, exc: UnreadableFile) -> FileError:
    return FileError(str(source.path), exc.line, None, exc.reason, source.line_label)


def replace_groups_sql(contract: Contract) -> str:
    """The (period, establishment)… groups the staged file carries, which it replaces."""
    stored = stored_values(contract)
    cols = ", ".join(f"{stored[c]} AS {quote_ident(c)}" for c in contract.replace_on)
    return f"SELECT DISTINCT {cols} FROM {STAGED}"


def insert_sql(contract: Contract) -> str:
    stored = stored_values(contract)
    values = ", ".join(stored[name] for name in contract.names)
    columns = ", ".join(contract.names)
    return f"INSERT INTO {contract.kind} ({columns}) SELECT {values} FROM {STAGED}"
