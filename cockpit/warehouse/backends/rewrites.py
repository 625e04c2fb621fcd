"""Rewrites of DuckDB constructs that sqlglot carries over unchanged (or changes in meaning)
for another engine, applied to the parsed query before it is written in that engine's SQL.

Each keeps DuckDB's exact semantics, which the catalog's SQL is written against:
`GROUP BY ALL` leaves constants out of the grouping (so a row of constants and aggregates
is one global row, even over no input), `arg_max` skips rows whose value or key is NULL,
and `QUALIFY` filters before `ORDER BY` and `LIMIT`.
"""

from __future__ import annotations

from sqlglot import exp


def _is_constant(node: exp.Expression) -> bool:
    return not any(isinstance(n, exp.Column) for n in node.walk())


def expand_group_by_all(tree: exp.Expression) -> exp.Expression:
    """`GROUP BY ALL` → the projections that are neither aggregates nor constants."""
    for select in tree.find_all(exp.Select):
        group = select.args.get("group")
        if group is None or not group.args.get("all"):
            continue
        keys = []
        for projection in select.expressions:
            value = projection.unalias()
            if value.find(exp.AggFunc, exp.Window) or _is_constant(value):
                continue
            keys.append(value.copy())
        select.set("group", exp.Group(expressions=keys) if keys else None)
    return tree


def _arg_max_postgres(node: exp.ArgMax) -> exp.Expression:
    value, key = node.this, node.expression
    ordered = exp.Order(this=value.copy(), expressions=[exp.Ordered(this=key.copy(), desc=True)])
    kept = exp.and_(exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null())),
                    exp.Not(this=exp.Is(this=key.copy(), expression=exp.Null())))  # fmt: skip
    aggregate = exp.Filter(this=exp.ArrayAgg(this=ordered), expression=exp.Where(this=kept))
    return exp.Bracket(this=exp.Paren(this=aggregate), expressions=[exp.Literal.number(0)])


def _arg_max_spark(node: exp.ArgMax) -> exp.Expression:
    # Spark's max_by skips NULL keys only: a NULL value must hide its key.
    value, key = node.this, node.expression
    hidden = exp.If(
        this=exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null())),
        true=key.copy(),
    )
    return exp.ArgMax(this=value.copy(), expression=exp.Case(ifs=[hidden]))


def rewrite_arg_max(tree: exp.Expression, dialect: str) -> exp.Expression:
    """`arg_max(value, key)` with DuckDB's NULL handling in the target engine."""
    build = _arg_max_postgres if dialect == "postgres" else _arg_max_spark

    def replace(node: exp.Expression) -> exp.Expression:
        return build(node) if isinstance(node, exp.ArgMax) else node

    return tree.transform(replace, copy=False)


class RewriteError(ValueError):
    """A construct this module does not know how to carry over."""


def _output_name(select: exp.Select, term: exp.Expression) -> str:
    for projection in select.expressions:
        if projection.unalias() == term or projection.alias_or_name == term.sql():
            return projection.alias_or_name
    raise RewriteError(f"ORDER BY {term.sql()} is not a selected column")


def eliminate_qualify(tree: exp.Expression) -> exp.Expression:
    """`SELECT … QUALIFY cond ORDER BY … LIMIT n` → the select without them, wrapped:
    `SELECT cols FROM (… , window AS _w) AS _t WHERE cond ORDER BY … LIMIT n`."""
    select = tree if isinstance(tree, exp.Select) else None
    if select is None or select.args.get("qualify") is None:
        if tree.find(exp.Qualify):
            raise RewriteError("QUALIFY is only carried over on the outermost SELECT")
        return tree
    condition = select.args["qualify"].this.copy()
    order, limit, with_ = (
        select.args.get("order"),
        select.args.get("limit"),
        select.args.get("with_"),
    )
    inner = select.copy()
    for arg in ("qualify", "order", "limit", "with_"):
        inner.set(arg, None)
    names = [p.alias_or_name for p in select.expressions]
    for position, window in enumerate(list(condition.find_all(exp.Window))):
        alias = f"_w{position}"
        inner.append("expressions", exp.alias_(window.copy(), alias))
        window.replace(exp.column(alias))
    outer = exp.select(*(exp.column(n, table="_t") for n in names)).from_(
        exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("_t")))
    )
    outer = outer.where(condition)
    if order is not None:
        terms = []
        for ordered in order.expressions:
            name = _output_name(select, ordered.this)
            term = ordered.copy()
            term.set("this", exp.column(name, table="_t"))
            terms.append(term)
        outer.set("order", exp.Order(expressions=terms))
    if limit is not None:
        outer.set("limit", limit.copy())
    if with_ is not None:
        outer.set("with_", with_.copy())
    return outer
