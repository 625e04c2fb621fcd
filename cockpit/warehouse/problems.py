"""Naming each problem of a refused file: line, column and reason, at most MAX_ERRORS a file.

Only run once the fast check (validation.py) has found something wrong, so
these queries may read the file again and sort what they find.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.contracts import Contract
from cockpit.warehouse.errors import FileError
from cockpit.warehouse.headers import HeaderMatch
from cockpit.warehouse.readers import Source
from cockpit.warehouse.rules import ColumnRule, RowRule, quote_ident, stored_values
from cockpit.warehouse.staging import RAW, STAGED, read_into, record_of, scalar

MAX_ERRORS = 50
SERVICE_COLUMNS = ("establishment_id", "pole", "service")


@dataclass
class Problem:
    """One problem, located by record (0-based data row) when it can be."""

    check: str  # which check found it: problems of one check are counted together
    record: int | None
    column: str | None
    reason: str  # may hold '{first}': the line of the record `first` points to
    first: int | None = None


class Findings:
    """What the checks of one file found: samples of problems, and how many in all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.totals: dict[str, int] = {}

    def column_values(self, con, source: Source, match: HeaderMatch, rules: list[ColumnRule]):
        present = [r for r in rules if r.present]
        reasons = ", ".join(f"{r.reason} AS {quote_ident(r.name)}" for r in present)
        names = ", ".join(quote_ident(r.name) for r in present)
        read_into(con, source, match, RAW)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE __problems AS "  # nosec B608 # identifiers from the contracts, values quoted by sql_str
            f"SELECT * FROM (SELECT {record_of(con, RAW)} AS record, {reasons} FROM {RAW}) "
            f"UNPIVOT (reason FOR column_name IN ({names}))"
        )
        counts = "SELECT column_name, count(*) FROM __problems GROUP BY ALL"
        for column_name, total in con.execute(counts).fetchall():
            self.totals[f"column:{column_name}"] = total
        for record, column_name, reason in con.execute(
            "SELECT record, column_name, reason FROM __problems "  # nosec B608 # identifiers from the contracts, values quoted by sql_str
            f"QUALIFY row_number() OVER (PARTITION BY column_name ORDER BY record) <= {MAX_ERRORS}"
        ).fetchall():
            self.problems.append(Problem(f"column:{column_name}", record, column_name, reason))
        con.execute(f"DROP TABLE {RAW}; DROP TABLE __problems")

    def row_rules(self, con, rules: list[RowRule]) -> None:
        position = record_of(con, STAGED)
        for rule in rules:
            name = f"row:{rule.column}:{rule.condition}"
            self.totals[name] = scalar(con, f"SELECT count(*) FROM {STAGED} WHERE {rule.condition}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
            for record, reason in con.execute(
                f"SELECT {position} AS record, {rule.reason} FROM {STAGED} "  # nosec B608 # identifiers from the contracts, values quoted by sql_str
                f"WHERE {rule.condition} ORDER BY record LIMIT {MAX_ERRORS}"
            ).fetchall():
                self.problems.append(Problem(name, record, rule.column, reason))

    def duplicate_keys(self, con, contract: Contract) -> None:
        stored = stored_values(contract)
        key = ", ".join(f"{stored[k]} AS {quote_ident(k)}" for k in contract.key)
        required = [k for k in contract.key if not contract.column(k).optional]
        complete = " AND ".join(f"{quote_ident(k)} IS NOT NULL" for k in required)
        shown = " || ', ' || ".join(f"coalesce({_as_text(contract, k)}, '')" for k in contract.key)
        groups = (
            f"SELECT list(record ORDER BY record) AS records, any_value({shown}) AS shown "  # nosec B608 # identifiers from the contracts, values quoted by sql_str
            f"FROM (SELECT {record_of(con, STAGED)} AS record, {key} FROM {STAGED}) "
            f"WHERE {complete} GROUP BY {', '.join(map(quote_ident, contract.key))} "
            "HAVING count(*) > 1"
        )
        self.totals["duplicate"] = scalar(
            con,
            f"SELECT coalesce(sum(len(records) - 1), 0) FROM ({groups})",  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        )
        columns = ", ".join(contract.key)
        for records, shown in con.execute(
            f"SELECT records, shown FROM ({groups}) ORDER BY records[1] LIMIT {MAX_ERRORS}"  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        ).fetchall():
            for record in records[1:]:
                reason = f"same {columns} ({shown}) as {{first}}"
                self.problems.append(Problem("duplicate", record, columns, reason, records[0]))

    def unknown_services(self, con) -> None:
        """Services of activity/hr rows must be declared by a structure (this run's or stored)."""
        unknown = unknown_service_condition("s")
        self.totals["service"] = scalar(con, f"SELECT count(*) FROM {STAGED} s WHERE {unknown}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        for record, establishment, pole, service in con.execute(
            f"SELECT {record_of(con, STAGED)} AS record, s.establishment_id, s.pole, s.service "  # nosec B608 # identifiers from the contracts, values quoted by sql_str
            f"FROM {STAGED} s WHERE {unknown} ORDER BY record LIMIT {MAX_ERRORS}"
        ).fetchall():
            reason = (
                f"service '{service}' of pole '{pole}' (establishment {establishment}) is not "
                "in the structure: ingest a structure extract that declares it"
            )
            self.problems.append(Problem("service", record, "service", reason))

    def as_errors(self, source: Source) -> list[FileError]:
        """At most MAX_ERRORS, in file order, with at least the first problem of every check."""
        if not self.problems:
            return []
        in_order = sorted(self.problems, key=_position)
        firsts = list({p.check: p for p in reversed(in_order)}.values())
        rest = [p for p in in_order if p not in firsts][: max(0, MAX_ERRORS - len(firsts))]
        chosen = sorted(firsts + rest, key=_position)
        records = {p.record for p in chosen if p.record is not None}
        lines = source.physical_lines(records | {p.first for p in chosen if p.first is not None})
        file = str(source.path)
        errors = []
        for p in chosen:
            reason = p.reason
            if p.first is not None:
                reason = reason.replace("{first}", f"{source.line_label} {lines[p.first]}")
            line = lines[p.record] if p.record is not None else None
            errors.append(FileError(file, line, p.column, reason, source.line_label))
        more = sum(self.totals.values()) - len(chosen)
        if more > 0:
            errors.append(FileError(file, None, None, f"… and {more} more problem(s) in this file"))
        return errors


def unknown_service_condition(alias: str) -> str:
    """SQL: the row `alias` names a service that no structure row declares."""
    complete = " AND ".join(f"{alias}.{c} IS NOT NULL" for c in SERVICE_COLUMNS)
    known = " AND ".join(f"k.{c} = {alias}.{c}" for c in SERVICE_COLUMNS)
    return f"{complete} AND NOT EXISTS (SELECT 1 FROM structure k WHERE {known})"  # nosec B608 # identifiers from the contracts, values quoted by sql_str


def _position(problem: Problem) -> int:
    return problem.record if problem.record is not None else -1


def _as_text(contract: Contract, name: str) -> str:
    if contract.column(name).type == "period":
        return f"strftime({quote_ident(name)}, '%Y-%m')"
    return f"CAST({quote_ident(name)} AS VARCHAR)"
