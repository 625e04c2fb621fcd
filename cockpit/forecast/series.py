"""Monthly series of flows read through the engine, inside the caller's perimeter: one
query per flow for all scopes at once (a group-by), actuals and, where the metric has one,
the budget of each month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from cockpit.engine import Engine, Perimeter, QueryPlan, QueryResult
from cockpit.periods import Period, add_months, month_label, months_between

# (dimension, value) in group-by order, () for the total; None for rows kept outside any pole
Scope = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class MonthlySeries:
    """One value per month from `start`; NaN where the warehouse has no row for the month."""

    start: date
    values: np.ndarray
    budget: np.ndarray | None = None

    def index(self, month: date) -> int:
        return months_between(self.start, month) - 1

    def month(self, index: int) -> date:
        return add_months(self.start, index)

    def window(self, first: date, last: date) -> np.ndarray:
        """The values of first..last (NaN for months outside the series)."""
        out = np.full(months_between(first, last), np.nan)
        lo, hi = self.index(first), self.index(last) + 1
        take = slice(max(lo, 0), min(hi, len(self.values)))
        if take.start < take.stop:
            out[take.start - lo : take.stop - lo] = self.values[take]
        return out

    def budget_window(self, first: date, last: date) -> np.ndarray | None:
        if self.budget is None:
            return None
        return MonthlySeries(self.start, self.budget).window(first, last)

    def last_month(self) -> date | None:
        """The last month with a value."""
        known = np.flatnonzero(~np.isnan(self.values))
        return self.month(int(known[-1])) if len(known) else None


def read_monthly(
    engine: Engine,
    metric_id: str,
    period: Period,
    perimeter: Perimeter,
    filters: dict[str, str] | None = None,
    group_by: tuple[str, ...] = (),
    with_budget: bool = False,
    part: str | None = None,
) -> dict[Scope, MonthlySeries]:
    """A metric's (or a ratio part's) monthly values for each scope of the group-by: one
    engine query; a result cut by the engine's row limit is read again establishment by
    establishment."""
    compare = "budget" if with_budget else None

    def read(where: dict[str, str]) -> QueryResult:
        plan = QueryPlan.build(metric_id, period, "month", where, group_by, compare)
        return engine.run_part(plan, part, perimeter) if part else engine.run(plan, perimeter)

    result = read(filters or {})
    if not result.truncated:
        return _series(result, period, group_by)
    found: dict[Scope, MonthlySeries] = {}
    for name in engine.dimension_values("establishment", perimeter):
        found.update(_series(read({**(filters or {}), "establishment": name}), period, group_by))
    return found


def _series(result: QueryResult, period: Period, group_by: tuple[str, ...]) -> dict:
    size = period.months
    position = {month_label(add_months(period.start, i)): i for i in range(size)}
    actual: dict[Scope, np.ndarray] = {}
    budget: dict[Scope, np.ndarray] = {}
    for row in result.rows:
        scope = tuple((dim, row[dim] if row[dim] is None else str(row[dim])) for dim in group_by)
        at = position[row["period"]]
        actual.setdefault(scope, np.full(size, np.nan))[at] = _float(row["value"])
        if "compare_value" in row:
            budget.setdefault(scope, np.full(size, np.nan))[at] = _float(row["compare_value"])
    return {
        scope: MonthlySeries(period.start, values, budget.get(scope))
        for scope, values in actual.items()
    }


def _float(value: float | None) -> float:
    return np.nan if value is None else float(value)


def missing_months(series: MonthlySeries, first: date, last: date) -> list[str]:
    values = series.window(first, last)
    return [month_label(add_months(first, int(i))) for i in np.flatnonzero(np.isnan(values))]
