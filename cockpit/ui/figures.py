"""The figures pages show, fetched through the Engine inside the user's perimeter.

Turns engine results into small view models (a figure, a KPI card, a monthly series)
that pages and exports format; alerts and breakdowns live in sibling modules. Never
builds SQL. Engine results are cached per warehouse version, so a warm page costs dict
lookups; a cold one runs its plans on a few threads.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan
from cockpit.engine.figures import Figure, budget_figure, period_figure, row_figure
from cockpit.periods import Period, add_months, last_complete_month, month_label

POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cockpit-ui")


@dataclass(frozen=True)
class Kpi:
    metric: Metric
    period: Period
    figure: Figure
    ytd: Figure | None
    trend: tuple[float | None, ...]  # monthly values, the last one is the period's end month

    @property
    def has_data(self) -> bool:
        """False when nothing but zeros or gaps were recorded here (no ER visits in a
        surgical pole): such a card would say nothing."""
        return any(v for v in (self.figure.value, *self.trend))


@dataclass(frozen=True)
class Point:
    month: date
    value: float | None
    previous: float | None
    target: float | None
    budget: float | None = None


def data_span(engine: Engine, today: date | None = None) -> tuple[date, date] | None:
    """First month with data and the latest complete month with data (None: empty warehouse)."""
    span = engine.months_available()
    if not span:
        return None
    first, last = span
    return first, min(last, last_complete_month(today or date.today()))


def _placed(metrics: Iterable[Metric], position) -> list[Metric]:
    """In the order the metric files place them (`placement`), the unplaced after, by id."""
    return sorted(metrics, key=lambda m: (position(m) is None, position(m) or 0, m.id))


def home_metric_ids(engine: Engine) -> list[str]:
    """The home page's cards: every visible metric whose file places it there."""
    placed = [m for m in engine.metrics() if m.placement.home is not None]
    return [m.id for m in _placed(placed, lambda m: m.placement.home)]


def landing_metric_ids(engine: Engine) -> list[str]:
    """The metrics of home's year-end landing card, as their files place them."""
    placed = [m for m in engine.metrics() if m.placement.landing is not None]
    return [m.id for m in _placed(placed, lambda m: m.placement.landing)]


def domain_metrics(engine: Engine, page: str) -> list[Metric]:
    """The metrics a domain page lists (`Metric.page`), in their files' order."""
    found = [m for m in engine.metrics() if m.page == page]
    return _placed(found, lambda m: m.placement.page)


def allowed_filters(metric: Metric, filters: dict[str, str]) -> dict[str, str]:
    """The filters a metric can take (pole figures do not exist for cash, say)."""
    return {k: v for k, v in filters.items() if k in metric.dimensions}


def monthly(
    engine: Engine,
    perimeter: Perimeter,
    metric: Metric,
    end: date,
    filters: dict[str, str],
    months: int = 12,
) -> list[Point]:
    """The months up to `end` with last year's values, targets and budgets (the chart)."""
    period = Period(add_months(end, 1 - months), end)

    def by_month(compare: str) -> dict[str, dict]:
        plan = QueryPlan.build(metric.id, period, grain="month", filters=filters, compare=compare)
        return {row["period"]: row for row in engine.run(plan, perimeter).rows}

    rows = by_month("previous_year")
    budgets = by_month("budget") if metric.budget_expr else {}
    points = []
    for i in range(months):
        key = month_label(add_months(period.start, i))
        row = rows.get(key, {})
        budget = budgets.get(key, {}).get("compare_value")
        points.append(
            Point(
                add_months(period.start, i),
                row.get("value"),
                row.get("compare_value"),
                row.get("target"),
                budget,
            )
        )
    return points


def kpi(
    engine: Engine,
    perimeter: Perimeter,
    metric_id: str,
    period: Period,
    filters: dict[str, str],
    with_ytd: bool = False,
) -> Kpi | None:
    """None when the metric cannot be computed here (cash within a pole perimeter, say)."""
    metric = engine.metric(metric_id)
    filters = allowed_filters(metric, filters)
    try:
        trend_plan = QueryPlan.build(
            metric.id,
            Period(add_months(period.end, -11), period.end),
            grain="month",
            filters=filters,
            compare="previous_year",
        )
        rows = engine.run(trend_plan, perimeter).rows
        by_month = {row["period"]: row for row in rows}
        trend = tuple(
            by_month.get(month_label(add_months(period.end, i - 11)), {}).get("value")
            for i in range(12)
        )
        if period.months == 1:
            figure = row_figure(by_month.get(month_label(period.end)))
            figure = budget_figure(engine, perimeter, metric, period, filters, figure)
        else:
            figure = period_figure(engine, perimeter, metric, period, filters)
        ytd = None
        if with_ytd:
            year_start = date(period.end.year, 1, 1)
            ytd = period_figure(engine, perimeter, metric, Period(year_start, period.end), filters)
    except QueryError:
        return None
    return Kpi(metric, period, figure, ytd, trend)


def kpis(
    engine: Engine,
    perimeter: Perimeter,
    metric_ids: Iterable[str],
    period: Period,
    filters: dict[str, str],
    with_ytd: bool = False,
) -> list[Kpi]:
    """Several KPIs at once (those with data here); a cold cache runs them side by side."""
    ids = [m for m in metric_ids if visible(engine, m)]
    found = POOL.map(lambda m: kpi(engine, perimeter, m, period, filters, with_ytd), ids)
    return [item for item in found if item is not None and item.has_data]


def visible(engine: Engine, metric_id: str) -> bool:
    try:
        return not engine.metric(metric_id).hidden
    except QueryError:
        return False


def establishments(engine: Engine, perimeter: Perimeter) -> dict[str, str]:
    """FINESS → name of the establishments the user may see."""
    names = engine.establishments()
    if perimeter.establishment_id:
        return {k: v for k, v in names.items() if k == perimeter.establishment_id}
    return dict(sorted(names.items()))
