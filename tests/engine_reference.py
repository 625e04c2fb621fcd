"""An independent pandas reading of the metric files, to test the engine against.

For each definition it selects the rows of its table (period, definition filter, plan
filters), evaluates the SQL fragments row by row with pandas and combines them by the
aggregation rules of SPEC §4 (sums; ratios of sums; the average or the last of monthly
totals; formulas over inputs, some over the trailing months). It shares no code with the
SQL compiler: sqlglot only parses the fragments.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import sqlglot
from sqlglot import exp

from cockpit.catalog.loader import Catalog
from cockpit.catalog.model import Metric


def _months_back(end: date, n: int) -> date:
    index = end.year * 12 + end.month - 1 - (n - 1)
    return date(index // 12, index % 12 + 1, 1)


def _column(node: exp.Expression, frame: pd.DataFrame):
    """A row-wise pandas value of an SQL expression (columns, literals, arithmetic, tests)."""
    if isinstance(node, exp.Paren):
        return _column(node.this, frame)
    if isinstance(node, exp.Column):
        return frame[node.name]
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else float(node.this)
    if isinstance(node, exp.In):
        return _column(node.this, frame).isin([e.this for e in node.expressions])
    if isinstance(node, exp.Not):
        return ~_column(node.this, frame)
    left, right = _column(node.left, frame), _column(node.right, frame)
    operations = {
        exp.Add: lambda: left + right,
        exp.Sub: lambda: left - right,
        exp.Mul: lambda: left * right,
        exp.Div: lambda: left / right,
        exp.EQ: lambda: left == right,
        exp.NEQ: lambda: left != right,
        exp.And: lambda: left & right,
        exp.Or: lambda: left | right,
    }
    return operations[type(node)]()


def _aggregate(sql: str, frame: pd.DataFrame) -> float:
    node = sqlglot.parse_one(sql, dialect="duckdb")
    assert isinstance(node, exp.Sum), f"only sum(...) aggregates are read here: {sql}"
    return float(pd.Series(_column(node.this, frame), index=frame.index, dtype=float).sum())


def _formula(sql: str, values: dict[str, float | None]) -> float | bool | None:
    """Scalar SQL arithmetic with NULL propagation (None), coalesce and comparisons."""

    def walk(node):
        if isinstance(node, exp.Paren):
            return walk(node.this)
        if isinstance(node, exp.Column):
            return values[node.name]
        if isinstance(node, exp.Literal):
            return float(node.this)
        if isinstance(node, exp.Coalesce):
            return next(
                (v for v in map(walk, [node.this, *node.expressions]) if v is not None), None
            )
        left, right = walk(node.left), walk(node.right)
        if left is None or right is None:
            return None
        if isinstance(node, exp.Div):
            return None if right == 0 else left / right
        return {
            exp.Add: lambda: left + right,
            exp.Sub: lambda: left - right,
            exp.Mul: lambda: left * right,
            exp.LTE: lambda: left <= right,
            exp.LT: lambda: left < right,
            exp.GTE: lambda: left >= right,
            exp.GT: lambda: left > right,
        }[type(node)]()

    return walk(sqlglot.parse_one(sql, dialect="duckdb"))


class Reference:
    def __init__(self, data: dict[str, pd.DataFrame], catalog: Catalog):
        self.data = data
        self.catalog = catalog

    def rows(self, metric: Metric, start: date, end: date, filters: dict) -> pd.DataFrame:
        frame = self.data[metric.table]
        frame = frame[(frame.period >= start) & (frame.period <= end)].copy()
        frame["days_in_month"] = frame.period.map(lambda p: pd.Timestamp(p).days_in_month)
        if metric.filter:
            frame = frame[_column(sqlglot.parse_one(metric.filter, dialect="duckdb"), frame)]
        for dim, value in filters.items():
            frame = frame[self._dimension(dim, frame) == value]
        return frame

    def _dimension(self, name: str, frame: pd.DataFrame) -> pd.Series:
        """Each row's value of a dimension, read as the registry declares it."""
        dimension = self.catalog.dimensions[name]
        if dimension.kind == "column":
            return frame[dimension.column]
        if dimension.kind == "structure":
            keys = ["establishment_id", "pole", "service"]
            structure = self.data["structure"].set_index(keys)[dimension.structure]
            return pd.Series(structure.reindex(pd.MultiIndex.from_frame(frame[keys])).values,
                             index=frame.index)  # fmt: skip
        return self._dimension(dimension.from_, frame).map(dimension.group_of)

    def value(self, metric_id: str, start: date, end: date, filters: dict) -> float | None:
        metric = self.catalog.get(metric_id)
        if metric.aggregation == "formula":
            return self._formula(metric, start, end, filters)
        rows = self.rows(metric, start, end, filters)
        if rows.empty:
            return None
        if metric.aggregation == "flow":
            return _aggregate(metric.expr, rows)
        if metric.aggregation == "ratio":
            denominator = _aggregate(metric.denominator, rows)
            return None if denominator == 0 else _aggregate(metric.numerator, rows) / denominator
        monthly = {m: _aggregate(metric.expr, part) for m, part in rows.groupby("period")}
        if metric.aggregation == "stock_avg":
            return sum(monthly.values()) / len(monthly)
        return monthly[max(monthly)]  # stock_last: the last month with data

    def _formula(self, metric: Metric, start: date, end: date, filters: dict) -> float | None:
        inputs: dict[str, float | None] = {}
        for name, spec in metric.inputs.items():
            if spec.trailing_months:
                first = _months_back(end, spec.trailing_months)
                source = self.catalog.get(spec.metric)
                months = self._months_with_data(source, first, end, filters)
                inputs[name] = (
                    self.value(spec.metric, first, end, filters)
                    if months == spec.trailing_months
                    else None
                )
            else:
                inputs[name] = self.value(spec.metric, start, end, filters)
        if metric.undefined_when and _formula(metric.undefined_when, inputs):
            return None
        value = _formula(metric.formula, inputs)
        return None if value is None or math.isnan(value) else float(value)

    def _months_with_data(self, metric: Metric, start: date, end: date, filters: dict) -> int:
        if metric.aggregation == "formula":
            first = next(iter(metric.inputs.values())).metric
            return self._months_with_data(self.catalog.get(first), start, end, filters)
        return self.rows(metric, start, end, filters).period.nunique()
