"""The catalog's SQL, written once in DuckDB's dialect, in the SQL of another engine.

sqlglot does the translation; `rewrites` first carries over what it would keep as is or
change in meaning. The result is cached per text, since the engine sends the same
compiled queries again and again.
"""

from __future__ import annotations

from functools import lru_cache

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

from cockpit.warehouse.backends import rewrites
from cockpit.warehouse.versions import TABLES

SOURCE_DIALECT = "duckdb"


class TranspileError(ValueError):
    """The SQL cannot be written for that engine; the message says what."""


def parse(sql: str) -> exp.Expression:
    try:
        return sqlglot.parse_one(sql, dialect=SOURCE_DIALECT)
    except SqlglotError as exc:
        raise TranspileError(f"cannot parse: {exc}") from exc


def _rename_tables(tree: exp.Expression, suffix: str) -> exp.Expression:
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if table.name in TABLES and table.name not in ctes and not table.args.get("db"):
            table.set("this", exp.to_identifier(f"{table.name}{suffix}"))
    return tree


@lru_cache(maxsize=4096)
def transpile(sql: str, dialect: str, table_suffix: str = "") -> str:
    """`sql` (DuckDB) for `dialect` ("postgres", "spark"), each warehouse table renamed
    `<table><table_suffix>`; DuckDB's own text is returned as is."""
    if dialect == SOURCE_DIALECT and not table_suffix:
        return sql
    tree = parse(sql)
    if table_suffix:
        tree = _rename_tables(tree, table_suffix)
    try:
        tree = rewrites.expand_group_by_all(tree)
        tree = rewrites.rewrite_arg_max(tree, dialect)
        tree = rewrites.eliminate_qualify(tree)
        return tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
    except (SqlglotError, rewrites.RewriteError) as exc:
        raise TranspileError(f"cannot be written for {dialect}: {exc}") from exc
