"""From a file's text cells to stored rows: every cell checked, every refusal located.

A number may be written with a decimal comma and padding spaces ('   15,2'); '.c'
(withheld) and '.z' (not applicable) are kept as a status without a value; an empty
cell is no row at all. FINESS numbers must be FINESS numbers and a row's key unique.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from cockpit.contracts import FINESS_PATTERN
from cockpit.warehouse.national.files import NationalFile
from cockpit.warehouse.national.layouts import Layout
from cockpit.warehouse.rules import number_of, quote_ident, sql_str
from cockpit.warehouse.staging import record_of

MAX_PROBLEMS = 50
STATUSES = {".c": "withheld", ".z": "not_applicable"}


@dataclass(frozen=True)
class Problem:
    record: int | None  # 0-based data row, None for the whole file
    column: str | None
    reason: str  # may hold '{first}': the line of record `first`
    first: int | None = None


@dataclass
class Shaped:
    """A checked file: its rows ready to store (temp tables) or the problems found."""

    values: str | None = None  # temp table: national_value's columns, then record, column, cell
    entities: str | None = None  # temp table shaped like national_entity
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    notes: list[str] = field(default_factory=list)


def _trimmed(header: str) -> str:
    return f"nullif(trim({quote_ident(header)}), '')"


def _finess_problems(
    con, raw: str, position: str, header: str, optional: bool
) -> tuple[list[Problem], int]:
    cell = _trimmed(header)
    empty = "NULL" if optional else "'a FINESS number is required'"
    reason = (
        f"CASE WHEN {cell} IS NULL THEN {empty} "
        f"WHEN NOT regexp_full_match({cell}, '{FINESS_PATTERN}') THEN "
        "format('''{}'' is not a FINESS number (9 characters, e.g. 840006597)', "
        f"left({cell}, 40)) END"
    )
    rows = con.execute(
        f"SELECT {position} AS record, {reason} AS reason FROM {raw} "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
        f"WHERE reason IS NOT NULL ORDER BY record"
    ).fetchall()
    return [Problem(r, header, why) for r, why in rows[:MAX_PROBLEMS]], len(rows)


def _duplicate_problems(con, raw: str, position: str, key: tuple[str, ...]):
    columns = ", ".join(_trimmed(k) for k in key)
    shown = " || ', ' || ".join(f"coalesce({_trimmed(k)}, '')" for k in key)
    rows = con.execute(
        f"SELECT list({position} ORDER BY {position}) AS records, any_value({shown}) "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
        f"FROM {raw} GROUP BY {columns} HAVING count(*) > 1 ORDER BY records[1]"
    ).fetchall()
    names = ", ".join(key)
    problems = [
        Problem(record, names, f"same {names} ({text}) as {{first}}", records[0])
        for records, text in rows
        for record in records[1:]
    ]
    return problems[:MAX_PROBLEMS], len(problems)


def _cells_sql(raw: str, position: str, nf: NationalFile, layout: Layout) -> str:
    """One row per non-empty numeric cell: record, entity, code as published, cell, value."""
    legal_entity = _trimmed(layout.legal_entity)
    site = f"trim({quote_ident(layout.site)})" if layout.site else "CAST(NULL AS VARCHAR)"
    if layout.long:
        code_column, value_column = layout.long
        code = f"trim({quote_ident(code_column)})"
        picked = (
            f"SELECT {position} AS record, {legal_entity} AS legal_entity, {site} AS site, "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
            f"{code} AS code, {sql_str(value_column)} AS column_name, "
            f"trim({quote_ident(value_column)}) AS cell FROM {raw}"
        )
    else:
        qualifier = ""
        if layout.qualifier:
            qualifier = f" || coalesce('.' || {_trimmed(layout.qualifier)}, '')"
        code = f"{sql_str(layout.code_prefix)} || column_name{qualifier}"
        unpivot = ", ".join(quote_ident(h) for h in layout.numbers)
        kept = [layout.legal_entity, *([layout.site] if layout.site else [])]
        kept += [layout.qualifier] if layout.qualifier else []
        inner = ", ".join(quote_ident(h) for h in dict.fromkeys([*kept, *layout.numbers]))
        picked = (
            f"SELECT record, {legal_entity} AS legal_entity, {site} AS site, {code} AS code, "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
            f"column_name, trim(cell) AS cell FROM (UNPIVOT (SELECT {position} AS record, {inner} "
            f"FROM {raw}) ON {unpivot} INTO NAME column_name VALUE cell)"
        )
    status = " ".join(
        f"WHEN lower(cell) = {sql_str(k)} THEN {sql_str(v)}" for k, v in STATUSES.items()
    )
    # national_value's columns first (the load inserts them), then what errors are told with
    return (
        f"SELECT {sql_str(nf.source)} AS source, CAST({nf.year} AS INTEGER) AS year, "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
        "legal_entity, site, code, "
        f"CASE WHEN status IS NULL THEN {number_of('cell', 'VARCHAR')} END AS value, status, "
        "record, column_name, cell "
        f"FROM (SELECT *, CASE {status} END AS status FROM ({picked}) WHERE cell <> '')"
    )


def shape(
    con: duckdb.DuckDBPyConnection, nf: NationalFile, layout: Layout, raw: str, tag: str
) -> Shaped:
    """Check the file read into `raw` and shape its rows into temp tables named after `tag`."""
    shaped = Shaped()
    position = record_of(con, raw)
    if layout.year_column:
        shaped.notes += _set_aside_leftovers(con, raw, layout, nf.year)
    totals = 0
    checked = [(layout.legal_entity, layout.legal_entity_optional)]
    checked += [(layout.site, False)] if layout.site else []
    for header, optional in checked:
        found, count = _finess_problems(con, raw, position, header, optional)
        shaped.problems += found
        totals += count
    found, count = _duplicate_problems(con, raw, position, layout.key)
    shaped.problems += found
    totals += count
    if layout.has_values:
        cells = f"__cells_{tag}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {cells} AS {_cells_sql(raw, position, nf, layout)}"
        )
        refused = (
            "(status IS NULL AND (value IS NULL OR NOT isfinite(value))) "
            "OR code IS NULL OR code = ''"
        )
        bad = con.execute(
            f"SELECT record, column_name, CASE WHEN code IS NULL OR code = '' "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
            f"THEN 'an indicator code is required' "
            f"ELSE format('''{{}}'' is not a number', left(cell, 40)) END "
            f"FROM {cells} WHERE {refused} ORDER BY record, column_name"
        ).fetchall()
        shaped.problems += [Problem(r, c, why) for r, c, why in bad[:MAX_PROBLEMS]]
        totals += len(bad)
        shaped.values = cells
    if layout.entity:
        shaped.entities = f"__entities_{tag}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {shaped.entities} AS {_entities_sql(raw, nf, layout)}"
        )
    if layout.year_column:
        shaped.notes += _year_note(con, raw, layout.year_column, nf.year)
    shaped.more_problems = max(0, totals - len(shaped.problems))
    return shaped


def _entities_sql(raw: str, nf: NationalFile, layout: Layout) -> str:
    entity = layout.entity
    assert entity is not None

    def text(header: str | None) -> str:
        return _trimmed(header) if header else "CAST(NULL AS VARCHAR)"

    own = layout.site or layout.legal_entity
    return (
        f"SELECT {sql_str(nf.source)} AS source, CAST({nf.year} AS INTEGER) AS year, "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
        f"trim({quote_ident(own)}) AS finess, trim({quote_ident(layout.legal_entity)}) AS "
        f"legal_entity, {text(layout.site)} AS site, {text(entity.name)} AS name, "
        f"{text(entity.category)} AS category, {text(entity.size_class)} AS size_class, "
        f"{text(entity.region)} AS region, {text(entity.department)} AS department FROM {raw}"
    )


def _set_aside_leftovers(con, raw: str, layout: Layout, year: int) -> list[str]:
    """SAE rows of another year (AN = 2018, or the literal '&an.': a publisher artefact)
    that repeat a row of the file's year are left aside; the file's own row is kept."""
    an = _trimmed(layout.year_column)
    key = ", ".join(_trimmed(k) for k in layout.key)
    removed = con.execute(
        f"DELETE FROM {raw} WHERE {an} IS DISTINCT FROM '{year}' AND ({key}) IN "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
        f"(SELECT ({key}) FROM {raw} WHERE {an} = '{year}')"
    ).fetchall()[0][0]
    if not removed:
        return []
    return [
        f"{removed} row(s) with {layout.year_column} other than {year} repeat a row of {year}: "
        "left aside"
    ]


def _year_note(con, raw: str, header: str, year: int) -> list[str]:
    """SAE rows whose AN is not the file's year (a publisher artefact): kept in the file's year."""
    column = _trimmed(header)
    others = con.execute(
        f"SELECT {column}, count(*) FROM {raw} WHERE {column} IS DISTINCT FROM '{year}' "  # nosec B608 # headers quoted by quote_ident, values by sql_str, temp tables named here
        "GROUP BY ALL ORDER BY 1"
    ).fetchall()
    if not others:
        return []
    shown = ", ".join(f"{value or '(empty)'} ({count})" for value, count in others)
    rows = sum(count for _, count in others)
    return [f"{rows} row(s) with {header} = {shown}: kept in {year}, the file's year"]
