"""A metric over one period as every front end shows it: the value, last year's, and the
reference its status was judged against (a target, thresholds, or else the budget).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cockpit.catalog.model import Metric
from cockpit.engine.plan import QueryPlan
from cockpit.engine.status import Threshold
from cockpit.perimeter import Perimeter
from cockpit.periods import Period

if TYPE_CHECKING:
    from cockpit.engine.engine import Engine


@dataclass(frozen=True)
class Figure:
    """One figure and its signals. `target` holds the target or the budget (`reference`
    says which: target | threshold | budget); `amber` and `red` are the thresholds."""

    value: float | None
    previous: float | None = None
    target: float | None = None
    reference: str | None = None
    status: str | None = None
    amber: float | None = None
    red: float | None = None

    @property
    def threshold(self) -> Threshold | None:
        if self.amber is None and self.red is None:
            return None
        return Threshold(self.target if self.reference == "target" else None, self.amber, self.red)

    @property
    def target_delta_pct(self) -> float | None:
        if self.value is None or not self.target:
            return None
        return (self.value - self.target) / abs(self.target)


EMPTY = Figure(None)


def row_figure(row: dict | None) -> Figure:
    """The figure of one engine result row (asked with compare=previous_year)."""
    if not row:
        return EMPTY
    return Figure(
        value=row.get("value"),
        previous=row.get("compare_value"),
        target=row.get("target"),
        reference=row.get("reference") or ("target" if row.get("target") is not None else None),
        status=row.get("status"),
        amber=row.get("amber_threshold"),
        red=row.get("red_threshold"),
    )


def with_budget(figure: Figure, budget_row: dict | None) -> Figure:
    """Where no target or threshold applies, the budget is the reference (and its gap gives
    the status): expenses, revenue, paid FTE."""
    if figure.reference is not None or not budget_row:
        return figure
    budget = budget_row.get("compare_value")
    if budget is None:
        return figure
    return replace(figure, target=budget, reference="budget", status=budget_row.get("status"))


def period_figure(
    engine: Engine, perimeter: Perimeter, metric: Metric, period: Period, filters: dict[str, str]
) -> Figure:
    """A metric over a period vs last year, and vs its target or budget."""
    plan = QueryPlan.build(metric.id, period, filters=filters, compare="previous_year")
    figure = row_figure(engine.run(plan, perimeter).single_row)
    return budget_figure(engine, perimeter, metric, period, filters, figure)


def budget_figure(
    engine: Engine,
    perimeter: Perimeter,
    metric: Metric,
    period: Period,
    filters: dict[str, str],
    figure: Figure,
) -> Figure:
    """`figure` with the budget as its reference when it has no other and a budget exists."""
    if figure.reference is not None or not metric.budget_expr or figure.value is None:
        return figure
    plan = QueryPlan.build(metric.id, period, filters=filters, compare="budget")
    return with_budget(figure, engine.run(plan, perimeter).single_row)
