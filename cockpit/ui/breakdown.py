"""A metric broken down by pole, then by service within a pole (or by establishment), or by any
other dimension of its file, through the Engine inside the user's perimeter.
"""

from __future__ import annotations

from dataclasses import dataclass

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryPlan
from cockpit.engine.figures import Figure, row_figure, with_budget
from cockpit.formatting import DASH
from cockpit.periods import Period
from cockpit.ui.figures import allowed_filters


@dataclass(frozen=True)
class Breakdown:
    """A metric split by one dimension (pole, service or establishment) over a period."""

    dimension: str | None
    rows: list[tuple[str, Figure]]


def breakdown_dimension(metric: Metric, filters: dict[str, str]) -> str | None:
    """Establishment → pole → service, as far as the metric and the current filters go."""
    if "pole" in filters:
        return "service" if "service" in metric.dimensions else None
    if "pole" in metric.dimensions:
        return "pole"
    if "establishment" in metric.dimensions and "establishment" not in filters:
        return "establishment"
    return None


def breakdown_choices(
    metric: Metric, filters: dict[str, str], perimeter: Perimeter, establishments: int
) -> list[str]:
    """The dimensions a metric's figure can be split by here, as its file lists them: not
    one already filtered, nor one the perimeter or the warehouse holds at a single value."""
    single = set(filters)
    if perimeter.establishment_id or establishments < 2:
        single.add("establishment")
    if perimeter.pole:
        single.add("pole")
    return [d for d in metric.dimensions if d not in single]


def breakdown(
    engine: Engine,
    perimeter: Perimeter,
    metric: Metric,
    period: Period,
    filters: dict[str, str],
    by: str | None = None,
) -> Breakdown:
    """Split a metric by `by`, else by pole, or by service within a pole. Across several
    establishments, services are told apart by establishment where two share a name."""
    filters = allowed_filters(metric, filters)
    dimension = by or breakdown_dimension(metric, filters)
    if dimension is None:
        return Breakdown(None, [])
    group_by = [dimension]
    if (
        dimension == "service"
        and "establishment" not in filters
        and "establishment" in metric.dimensions
        and not perimeter.establishment_id
    ):
        group_by = ["establishment", "service"]

    def run(compare: str) -> list[dict]:
        plan = QueryPlan.build(
            metric.id, period, filters=filters, group_by=group_by, compare=compare
        )
        return engine.run(plan, perimeter).rows

    def key(row: dict) -> tuple:
        return tuple(row[d] for d in group_by)

    rows = run("previous_year")
    budgets = {key(r): r for r in run("budget")} if metric.budget_expr else {}
    names = [r[dimension] for r in rows]
    found = []
    for row in rows:
        if row.get("value") is None and row.get("compare_value") is None:
            continue  # e.g. a pole without beds, for bed occupancy
        figure = with_budget(row_figure(row), budgets.get(key(row)))
        # A value in no group of a derived dimension has none: shown as a dash.
        name = DASH if row[dimension] is None else str(row[dimension])
        if len(group_by) == 2 and names.count(row[dimension]) > 1:
            name = f"{name} ({row['establishment']})"
        found.append((name, figure))
    return Breakdown(dimension, found)
