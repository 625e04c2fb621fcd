"""Compile a validated QueryPlan into one DuckDB SELECT.

Aggregation rules (SPEC §4): flows are summed; ratios are sums over sums;
stock_avg is the average of the monthly totals; stock_last the value of the
last month; formulas combine other metrics aggregated over the same bucket,
an input possibly over the trailing N months ending at the bucket's end.
Every fact table read carries the period range, the filters and the perimeter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlglot import exp

from cockpit.catalog.dimensions import STRUCTURE_KEYS, Dimension, DimensionRegistry
from cockpit.catalog.expressions import only_sums, render, render_filtered, render_formula
from cockpit.catalog.loader import Catalog
from cockpit.catalog.model import Metric
from cockpit.contracts import CONTRACTS
from cockpit.engine.plan import PerimeterDenied, QueryPlan
from cockpit.perimeter import Perimeter
from cockpit.periods import Period, add_months, month_label

TABLES_WITH_POLE = {"activity", "hr", "finance"}


def literal(value: str) -> str:
    return exp.Literal.string(value).sql(dialect="duckdb")


def date_literal(month: date) -> str:
    return f"DATE '{month.isoformat()}'"


@dataclass
class Scope:
    """What every fact-table read of one compilation shares."""

    dims: tuple[str, ...]
    filters: dict[str, str]  # establishment already resolved to its FINESS id
    perimeter: Perimeter
    grain: str | None
    ctes: list[tuple[str, str]] = field(default_factory=list)

    def add(self, stem: str, sql: str) -> str:
        name = f"{stem}_{len(self.ctes)}"
        self.ctes.append((name, sql))
        return name


def _bucket_sql(grain: str | None, month_sql: str, period: Period) -> str:
    if grain is None:
        return date_literal(period.start)
    if grain == "month":
        return month_sql
    return f"CAST(date_trunc('{grain}', {month_sql}) AS DATE)"


def _shifted(column: str, shift: int) -> str:
    return column if shift == 0 else f"CAST({column} + INTERVAL {shift} MONTH AS DATE)"


def dimension_sql(registry: DimensionRegistry, name: str) -> str:
    """A dimension's value for each fact row `f` (structure `s` joined where needed)."""
    dimension = registry[name]
    if dimension.kind == "column":
        return f"f.{dimension.column}"
    if dimension.kind == "structure":
        return f"s.{dimension.structure}"
    base = dimension_sql(registry, dimension.from_)
    cases = " ".join(
        f"WHEN {base} IN ({', '.join(literal(m) for m in members)}) THEN {literal(group)}"
        for group, members in dimension.values.items()
    )
    return f"CASE {cases} END"


def values_sql(dimension: Dimension, perimeter: Perimeter) -> str:
    """The distinct values of a column or structure dimension within a perimeter."""
    table, column = dimension.listed_in or "structure", dimension.column or dimension.structure
    shown = dimension.named_by or column
    listed = CONTRACTS[table].names
    where = [f"{shown} IS NOT NULL"]
    if perimeter.establishment_id and "establishment_id" in listed:
        where.append(f"establishment_id = {literal(perimeter.establishment_id)}")
    if perimeter.pole and "pole" in listed:
        where.append(f"pole = {literal(perimeter.pole)}")
    return f"SELECT DISTINCT {shown} FROM {table} WHERE {' AND '.join(where)} ORDER BY 1"  # nosec B608 # names from the registry, checked against the contracts; values quoted by literal


def _key_join(left: str, right: str, dims: tuple[str, ...]) -> str:
    keys = ["bucket", *dims]
    return " AND ".join(f"{left}.{k} IS NOT DISTINCT FROM {right}.{k}" for k in keys)


class Compiler:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        registry = catalog.dimensions
        self.dimension_sql = {d: dimension_sql(registry, d) for d in registry.names}
        self.joins_structure = {d for d in registry.names if registry.joins_structure(d)}

    # -- entry point -------------------------------------------------------
    def compile(
        self,
        plan: QueryPlan,
        perimeter: Perimeter,
        filters: dict[str, str],
        row_limit: int,
        compare_metric: Metric | None = None,
        metric: Metric | None = None,
    ) -> str:
        """One SELECT returning bucket, the group-by dims, value [, compare_value].

        `metric` stands in for the plan's catalog metric (a ratio's part run as a flow)."""
        metric = metric or self.catalog.get(plan.metric)
        scope = Scope(plan.group_by, filters, perimeter, plan.grain)
        current = self._metric(scope, metric, plan.period, shift=0)
        compare = None
        if plan.compare == "previous_year":
            compare = self._metric(scope, metric, plan.period, shift=12)
        elif plan.compare == "budget" and compare_metric is not None:
            compare = self._metric(scope, compare_metric, plan.period, shift=0)
        dims = ", ".join(f"cur.{d}" for d in plan.group_by)
        select = ["cur.bucket", *([dims] if dims else []), "cur.value"]
        join = ""
        if compare:
            select.append("cmp.value AS compare_value")
            join = f"\nLEFT JOIN {compare} AS cmp ON {_key_join('cur', 'cmp', plan.group_by)}"
        order = ", ".join(["cur.bucket", *(f"cur.{d}" for d in plan.group_by)])
        qualify = ""
        if plan.rank is not None:
            # « le plus / le moins »: by value, ties broken by name; the top N of each bucket
            by_value = f"cur.value {plan.rank.order.upper()} NULLS LAST"
            order = ", ".join(["cur.bucket", by_value, *(f"cur.{d}" for d in plan.group_by)])
            qualify = (
                f"\nQUALIFY row_number() OVER (PARTITION BY cur.bucket ORDER BY {by_value}, "
                f"{', '.join(f'cur.{d}' for d in plan.group_by)}) <= {int(plan.rank.limit)}"
            )
        with_sql = ",\n".join(f"{name} AS (\n{sql}\n)" for name, sql in scope.ctes)
        return (
            f"WITH {with_sql}\nSELECT {', '.join(select)}\nFROM {current} AS cur{join}{qualify}\n"  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
            f"ORDER BY {order}\nLIMIT {row_limit + 1}"
        )

    # -- one metric as a CTE of (bucket, dims..., value) -------------------
    def _metric(self, scope: Scope, metric: Metric, period: Period, shift: int) -> str:
        if metric.aggregation == "formula":
            return self._formula(scope, metric, period, shift)
        return self._base(scope, metric, period, shift)

    def _where(
        self,
        scope: Scope,
        metric_id: str,
        table: str,
        row_filter: str | None,
        period: Period,
        shift: int,
    ) -> list[str]:
        """The rows one scan may read: period, definition filter, plan filters, perimeter."""
        data = period.shift(-shift)
        where = [f"f.period BETWEEN {date_literal(data.start)} AND {date_literal(data.end)}"]
        if row_filter:
            where.append(f"({render(row_filter, 'f')})")
        for dim, value in sorted(scope.filters.items()):
            where.append(f"{self.dimension_sql[dim]} = {literal(value)}")
        if scope.perimeter.establishment_id:
            where.append(f"f.establishment_id = {literal(scope.perimeter.establishment_id)}")
        if scope.perimeter.pole:
            if table not in TABLES_WITH_POLE:
                raise PerimeterDenied(
                    f"{metric_id} is only known for a whole establishment, "
                    f"outside a pole perimeter ({scope.perimeter.pole})"
                )
            where.append(f"f.pole = {literal(scope.perimeter.pole)}")
        return where

    def _from(self, scope: Scope, table: str) -> str:
        source = f"{table} AS f"
        if self.joins_structure & {*scope.dims, *scope.filters}:
            keys = " AND ".join(f"s.{k} = f.{k}" for k in STRUCTURE_KEYS)
            source += f"\n  JOIN structure AS s ON {keys}"
        return source

    def _base(self, scope: Scope, metric: Metric, period: Period, shift: int) -> str:
        bucket = _bucket_sql(scope.grain, _shifted("f.period", shift), period)
        dims = [f"{self.dimension_sql[d]} AS {d}" for d in scope.dims]
        where = "\n  AND ".join(
            self._where(scope, metric.id, metric.table, metric.filter, period, shift)
        )
        source = self._from(scope, metric.table)
        if metric.aggregation == "ratio":
            value = (
                f"({render(metric.numerator, 'f')}) / NULLIF({render(metric.denominator, 'f')}, 0)"
            )
        else:
            value = render(metric.expr, "f")
        head = ", ".join([f"{bucket} AS bucket", *dims])
        if metric.aggregation in ("flow", "ratio"):
            sql = f"SELECT {head}, {value} AS value\nFROM {source}\nWHERE {where}\nGROUP BY ALL"  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
            return scope.add(metric.id, sql)
        month = _shifted("f.period", shift)
        monthly = (
            f"SELECT {head}, {month} AS month, {value} AS value\n"  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
            f"FROM {source}\nWHERE {where}\nGROUP BY ALL"
        )
        inner = scope.add(f"{metric.id}_monthly", monthly)
        keys = ", ".join(["bucket", *scope.dims])
        combine = "avg(value)" if metric.aggregation == "stock_avg" else "arg_max(value, month)"
        return scope.add(metric.id, f"SELECT {keys}, {combine} AS value FROM {inner} GROUP BY ALL")  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine

    def _formula(self, scope: Scope, metric: Metric, period: Period, shift: int) -> str:
        assert metric.inputs and metric.formula
        sources = {name: self.catalog.get(spec.metric) for name, spec in metric.inputs.items()}
        if self._fusable(metric, sources):
            return self._fused(scope, metric, sources, period, shift)
        alias_of: dict[str, str] = {}
        parts: list[tuple[str, str]] = []
        for name, spec in sorted(metric.inputs.items()):
            source = self.catalog.get(spec.metric)
            if spec.trailing_months:
                cte = self._trailing(scope, source, period, shift, spec.trailing_months)
            else:
                cte = self._metric(scope, source, period, shift)
            alias_of[name] = f"i_{name}"
            parts.append((name, cte))
        columns = {name: f"{alias}.value" for name, alias in alias_of.items()}
        keys = ", ".join(["bucket", *scope.dims])
        union = "\nUNION\n".join(f"SELECT {keys} FROM {cte}" for _, cte in parts)  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
        key_cte = scope.add(f"{metric.id}_keys", union)
        joins = "\n".join(
            f"LEFT JOIN {cte} AS {alias_of[name]} ON {_key_join('k', alias_of[name], scope.dims)}"
            for name, cte in parts
        )
        dims = "".join(f", k.{d}" for d in scope.dims)
        value = _formula_value(metric, columns)
        sql = f"SELECT k.bucket{dims}, {value} AS value\nFROM {key_cte} AS k\n{joins}"  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
        return scope.add(metric.id, sql)

    @staticmethod
    def _fusable(metric: Metric, sources: dict[str, Metric]) -> bool:
        """Inputs read from one table with sum-only measures can share a single scan."""
        if any(spec.trailing_months for spec in metric.inputs.values()):
            return False
        tables = {m.table for m in sources.values()}
        if len(tables) != 1 or None in tables:
            return False
        return all(
            only_sums(m.numerator) and only_sums(m.denominator)
            if m.aggregation == "ratio"
            else m.aggregation != "stock_last" and only_sums(m.expr)
            for m in sources.values()
        )

    def _fused(
        self, scope: Scope, metric: Metric, sources: dict[str, Metric], period: Period, shift: int
    ) -> str:
        """One scan: each input's monthly measure as a FILTERed aggregate, then combined."""
        table = next(iter(sources.values())).table
        filters = [m.filter for m in sources.values()]
        # Read the rows any input needs; each measure then keeps its own with FILTER.
        either = None if None in filters else " OR ".join(f"({f})" for f in sorted(set(filters)))
        where = "\n  AND ".join(self._where(scope, metric.id, table, either, period, shift))
        month = _shifted("f.period", shift)
        bucket = _bucket_sql(scope.grain, month, period)
        monthly_columns, combined = [], {}
        for name, source in sorted(sources.items()):
            if source.aggregation == "ratio":
                num = render_filtered(source.numerator, "f", source.filter)
                den = render_filtered(source.denominator, "f", source.filter)
                monthly_columns += [f"{num} AS n_{name}", f"{den} AS d_{name}"]
                combined[name] = f"sum(n_{name}) / NULLIF(sum(d_{name}), 0)"
            else:
                expr = render_filtered(source.expr, "f", source.filter)
                monthly_columns.append(f"{expr} AS m_{name}")
                combine = "avg" if source.aggregation == "stock_avg" else "sum"
                combined[name] = f"{combine}(m_{name})"
        head = ", ".join(
            [f"{bucket} AS bucket", *(f"{self.dimension_sql[d]} AS {d}" for d in scope.dims)]
        )
        monthly = scope.add(
            f"{metric.id}_fused_monthly",
            f"SELECT {head}, {month} AS month, {', '.join(monthly_columns)}\n"  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
            f"FROM {self._from(scope, table)}\nWHERE {where}\nGROUP BY ALL",
        )
        keys = ", ".join(["bucket", *scope.dims])
        inputs = ", ".join(f"{sql} AS i_{name}" for name, sql in combined.items())
        parts = scope.add(
            f"{metric.id}_inputs",
            f"SELECT {keys}, {inputs} FROM {monthly} GROUP BY ALL",  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
        )
        value = _formula_value(metric, {name: f"p.i_{name}" for name in sources})
        dims = "".join(f", p.{d}" for d in scope.dims)
        return scope.add(metric.id, f"SELECT p.bucket{dims}, {value} AS value FROM {parts} AS p")  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine

    def _trailing(
        self, scope: Scope, metric: Metric, period: Period, shift: int, months: int
    ) -> str:
        """The metric summed over the `months` months ending at each bucket's last month."""
        monthly_scope = Scope(scope.dims, scope.filters, scope.perimeter, "month", scope.ctes)
        wide = Period(add_months(period.start, -(months - 1)), period.end)
        monthly = self._metric(monthly_scope, metric, wide, shift)
        partition = f"PARTITION BY {', '.join(scope.dims)} " if scope.dims else ""
        window = (
            f"OVER ({partition}ORDER BY bucket "
            f"RANGE BETWEEN INTERVAL {months - 1} MONTH PRECEDING AND CURRENT ROW)"
        )
        dims = "".join(f", {d}" for d in scope.dims)
        rolled = scope.add(
            f"{metric.id}_trailing",
            f"SELECT bucket AS month{dims}, "  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
            f"CASE WHEN count(*) {window} = {months} THEN sum(value) {window} END AS value\n"
            f"FROM {monthly}",
        )
        bucket = _bucket_sql(scope.grain, "month", period)
        return scope.add(
            f"{metric.id}_{months}m",
            f"SELECT {bucket} AS bucket{dims}, arg_max(value, month) AS value FROM {rolled}\n"  # nosec B608 # catalog SQL checked by sqlglot, literals quoted by the engine
            f"WHERE month BETWEEN {date_literal(period.start)} AND {date_literal(period.end)}\n"
            f"GROUP BY ALL",
        )


def _formula_value(metric: Metric, columns: dict[str, str]) -> str:
    value = render_formula(metric.formula, columns)
    if metric.undefined_when:
        undefined = render_formula(metric.undefined_when, columns)
        value = f"CASE WHEN {undefined} THEN NULL ELSE {value} END"
    return value


def months_in_bucket(grain: str | None, period: Period, bucket: date) -> int:
    """How many months of the period a result row covers (to scale monthly flow targets)."""
    if grain is None:
        return period.months
    if grain == "month":
        return 1
    span = 3 if grain == "quarter" else 12
    start = max(bucket, period.start)
    end = min(add_months(bucket, span - 1), period.end)
    return max(0, (end.year - start.year) * 12 + end.month - start.month + 1)


__all__ = ["Compiler", "dimension_sql", "months_in_bucket", "month_label", "values_sql"]
