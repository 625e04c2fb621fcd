"""Parse and check the SQL fragments of metric definitions with sqlglot.

Definitions are trusted analyst configuration, but a typo must be caught when
the catalog loads, not at first use: every column must exist in its table,
and a fragment must be one expression (no statements, no subqueries).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

import sqlglot
from sqlglot import exp

from cockpit.contracts import CONTRACTS

# Columns computed from others, available to every definition of the table.
VIRTUAL_COLUMNS: dict[str, str] = {
    "days_in_month": "DAY(LAST_DAY(period))",
}


class ExpressionError(ValueError):
    pass


@cache
def table_columns(table: str) -> frozenset[str]:
    contract = CONTRACTS[table]
    return frozenset(contract.names) | frozenset(VIRTUAL_COLUMNS)


def parse_fragment(sql: str) -> exp.Expression:
    try:
        tree = sqlglot.parse_one(sql, dialect="duckdb")
    except sqlglot.errors.ParseError as exc:
        raise ExpressionError(f"cannot parse {sql!r}: {exc.errors[0]['description']}") from exc
    if isinstance(tree, exp.Query | exp.Command | exp.DDL | exp.DML):
        raise ExpressionError(f"{sql!r} must be an expression, not a statement")
    if tree.find(exp.Subquery, exp.Select):
        raise ExpressionError(f"{sql!r} must not contain a subquery")
    return tree


def _unknown_columns(sql: str, known: Collection[str]) -> list[str]:
    tree = parse_fragment(sql)
    return sorted({c.name for c in tree.find_all(exp.Column) if c.name not in known})


def check_columns(sql: str, table: str) -> None:
    """Raise ExpressionError naming the unknown column(s) of `table` in `sql`."""
    unknown = _unknown_columns(sql, table_columns(table))
    if unknown:
        raise ExpressionError(
            f"unknown column(s) {', '.join(unknown)} in table {table} "
            f"(known: {', '.join(sorted(CONTRACTS[table].names))})"
        )


def check_formula(sql: str, inputs: set[str]) -> None:
    unknown = _unknown_columns(sql, inputs)
    if unknown:
        raise ExpressionError(
            f"formula uses {', '.join(unknown)}, which are not among its inputs "
            f"({', '.join(sorted(inputs))})"
        )


@cache
def render(sql: str, alias: str | None = None) -> str:
    """The fragment as DuckDB SQL, virtual columns expanded, columns qualified."""
    tree = parse_fragment(sql)

    def expand(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table:
            if node.name in VIRTUAL_COLUMNS:
                inner = parse_fragment(VIRTUAL_COLUMNS[node.name])
                return inner.transform(expand)
            if alias:
                return exp.column(node.name, table=alias)
        return node

    return tree.transform(expand).sql(dialect="duckdb")


@cache
def only_sums(sql: str) -> bool:
    """True when every aggregate of the fragment is a SUM (so monthly sums add up)."""
    aggregates = list(parse_fragment(sql).find_all(exp.AggFunc))
    return bool(aggregates) and all(isinstance(a, exp.Sum) for a in aggregates)


@cache
def render_filtered(sql: str, alias: str, condition: str | None) -> str:
    """The fragment with each aggregate restricted by FILTER (WHERE condition)."""
    tree = parse_fragment(render(sql, alias))
    if not condition:
        return tree.sql(dialect="duckdb")
    where = parse_fragment(render(condition, alias))

    def restrict(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.AggFunc):
            return exp.Filter(this=node.copy(), expression=exp.Where(this=where.copy()))
        return node

    return tree.transform(restrict).sql(dialect="duckdb")


def render_formula(sql: str, columns: dict[str, str]) -> str:
    """A formula over input names, each replaced by a qualified column ("alias.column")."""
    return _render_formula(sql, tuple(sorted(columns.items())))


@cache
def _render_formula(sql: str, pairs: tuple[tuple[str, str], ...]) -> str:
    columns = {name: qualified.split(".", 1) for name, qualified in pairs}
    tree = parse_fragment(sql)

    def substitute(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and node.name in columns:
            table, column = columns[node.name]
            return exp.column(column, table=table)
        return node

    tree = tree.transform(substitute)
    # Division by zero gives no value rather than an error or an infinity.
    for division in list(tree.find_all(exp.Div)):
        divisor = division.expression
        division.set("expression", exp.func("NULLIF", divisor.copy(), exp.Literal.number(0)))
    return tree.sql(dialect="duckdb")
