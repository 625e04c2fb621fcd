"""The staging tables: an extract read into DuckDB once, in file order, typed or as text."""

from __future__ import annotations

import duckdb

from cockpit.warehouse.headers import HeaderMatch
from cockpit.warehouse.readers import Source, describe_read_error
from cockpit.warehouse.rules import ColumnRule, column_rules, filled_name, flag_name, quote_ident

STAGED = "__staged"  # typed values, NULL where refused: what the load inserts
RAW = "__raw"  # the cells as read, to explain what was refused


def scalar(con: duckdb.DuckDBPyConnection, sql: str):
    # fetchall, not fetchone: a half-read result blocks the connection (DuckDB 2).
    return con.execute(sql).fetchall()[0][0]


def rules_for(source: Source, match: HeaderMatch) -> list[ColumnRule]:
    types = {name: source.types[pos] for name, pos in match.positions.items()}
    return column_rules(match.contract, types)


def read_into(
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
    """Read the file once into the typed staging table.

    Two projections: the cells parsed once (trimmed text, numbers read the
    French way too), then the checks that keep or refuse each parsed value.
    Optional columns also get a flag telling a refused value from an empty cell.
    """
    rules = rules_for(source, match)
    flagged = [r for r in rules if r.refused != "false"]
    parsed = [f"{r.parsed} AS {quote_ident(r.name)}" for r in rules]
    parsed += [f"{r.filled} AS {filled_name(r.name)}" for r in flagged]
    values = [f"{r.value} AS {quote_ident(r.name)}" for r in rules]
    values += [f"{r.refused} AS {flag_name(r.name)}" for r in rules if r.column.optional]
    read_into(con, source, match, STAGED, ", ".join(parsed), ", ".join(values))


def record_of(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """SQL for a row's 0-based position in the file.

    Tables keep insertion order, so rowid follows the file; inside a
    transaction rowids start at a large offset, hence the subtraction.
    """
    base = scalar(con, f"SELECT coalesce(min(rowid), 0) FROM {table}")
    return f"(rowid - {base})"
