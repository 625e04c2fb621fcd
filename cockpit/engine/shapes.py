"""The plan shapes every metric is compiled for when its SQL is checked: one figure, a
monthly series, a breakdown, a ranking, the comparisons, and a restricted perimeter.
The SQL snapshots, `cockpit queries check --warehouse` and the cross-warehouse tests use
the same list."""

from __future__ import annotations

from cockpit.catalog.model import Metric
from cockpit.engine.plan import QueryPlan, Rank
from cockpit.perimeter import Perimeter
from cockpit.periods import Period


def breakdown_of(metric: Metric) -> str:
    return "pole" if "pole" in metric.dimensions else metric.dimensions[0]


def plan_shapes(
    metric: Metric, period: Period, pole: Perimeter, establishment: Perimeter
) -> dict[str, tuple[QueryPlan, Perimeter]]:
    """shape name → (plan, perimeter); `pole` and `establishment` are restricted perimeters
    (the establishment one for metrics a pole cannot see)."""
    everything = Perimeter.everything()
    plan = QueryPlan.build
    by = breakdown_of(metric)
    found = {
        "plain": (plan(metric.id, period), everything),
        "grain_month": (plan(metric.id, period, grain="month"), everything),
        "group_by": (plan(metric.id, period, group_by=[by]), everything),
        "rank": (plan(metric.id, period, group_by=[by], rank=Rank("desc", 3)), everything),
        "compare_previous_year": (plan(metric.id, period, compare="previous_year"), everything),
        "perimeter": (
            plan(metric.id, period),
            pole if metric.table != "treasury" and "pole" in metric.dimensions else establishment,
        ),
    }
    if metric.budget_expr:
        found["compare_budget"] = (plan(metric.id, period, compare="budget"), everything)
    return found
