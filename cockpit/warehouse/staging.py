"""Reading an extract into DuckDB once: straight into its table, or into staging tables.

Most extracts go straight into their warehouse table (the rows a file adds
are those past the table's last rowid: appends always get higher rowids), and
are checked there. Extracts with optional typed columns, and every file whose
problems must be named by line, go through a staging table kept in file order.
"""

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
) -> int:
    """Read the file into a table and return how many rows were read.

    `table` is a temp table to create, or 'INSERT INTO <table> (<columns>)'.
    A reading error aborts the transaction.
    """
    relation = source.relation(con, match.names(len(source.headers)))
    target = table if table.startswith("INSERT") else f"CREATE OR REPLACE TEMP TABLE {table} AS"
    try:
        return con.execute(
            f"{target} SELECT {outer} FROM (SELECT {inner} FROM {relation})"  # nosec B608 # identifiers from the contracts, values quoted by sql_str
        ).fetchall()[0][0]
    except duckdb.Error as exc:
        raise describe_read_error(exc) from exc


def needs_staging(rules: list[ColumnRule]) -> bool:
    """Optional typed columns need a flag telling a refused cell from an empty one."""
    return any(r.refused != "false" for r in rules)


def insert_directly(
    con: duckdb.DuckDBPyConnection, source: Source, match: HeaderMatch
) -> tuple[int, int]:
    """Append the file's typed rows to its table: (the table's last rowid before, rows added).

    Appended rows always get higher rowids, so `rowid > last` selects the file's rows.
    """
    kind = match.contract.kind
    rules = rules_for(source, match)
    last = scalar(con, f"SELECT coalesce(max(rowid), -1) FROM {kind}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
    parsed = ", ".join(f"{r.parsed} AS {quote_ident(r.name)}" for r in rules)
    values = ", ".join(r.value for r in rules)
    columns = ", ".join(quote_ident(r.name) for r in rules)
    inserted = read_into(con, source, match, f"INSERT INTO {kind} ({columns})", parsed, values)
    return last, inserted


def added_rows(kind: str, last_rowid: int) -> str:
    return f"(SELECT * FROM {kind} WHERE rowid > {last_rowid})"  # nosec B608 # identifiers from the contracts, values quoted by sql_str


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
    base = scalar(con, f"SELECT coalesce(min(rowid), 0) FROM {table}")  # nosec B608 # identifiers from the contracts, values quoted by sql_str
    return f"(rowid - {base})"
