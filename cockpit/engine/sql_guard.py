"""Check free SQL (analyst or generated) before it runs: one SELECT over known tables.

Parsed with sqlglot, never matched with regular expressions. The connection
is read-only with external access disabled; this is the second lock.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from cockpit.contracts import CONTRACTS
from cockpit.engine.plan import QueryError

ALLOWED_TABLES = frozenset(CONTRACTS) | {"ingest_log"}


def guard_select(sql: str, row_limit: int) -> str:
    """The statement with a row limit, or QueryError saying why it may not run."""
    try:
        statements = [s for s in sqlglot.parse(sql, dialect="duckdb") if s is not None]
    except sqlglot.errors.ParseError as exc:
        raise QueryError(f"the SQL cannot be parsed: {exc.errors[0]['description']}") from exc
    if len(statements) != 1:
        raise QueryError("exactly one statement is allowed")
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        raise QueryError(f"only SELECT is allowed, not {tree.key.upper()}")
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            raise QueryError(f"{table.sql(dialect='duckdb')} is not a table of the warehouse")
        if table.name not in ALLOWED_TABLES and table.name not in ctes:
            raise QueryError(f"unknown table {table.name!r}")
        if table.args.get("db") or table.args.get("catalog"):
            raise QueryError(f"{table.sql(dialect='duckdb')}: qualified names are not allowed")
    limited = exp.select("*").from_(tree.subquery("guarded")).limit(row_limit)
    return limited.sql(dialect="duckdb")
