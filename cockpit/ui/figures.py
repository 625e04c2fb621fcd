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
from cockpit.periods import Period, add_months, last_complete_month, month_label

# The home page's cards, most important first: activity, staff, money.
HOME_METRICS = (
    "bed_occupancy_rate",
    "er_visits",
    "admissions",
    "alos",
    "absenteeism_rate",
    "fte_paid",
    "interim_cost",
    "total_expenses",
    "operating_result",
    "expense_execution_rate",
    "days_of_cash",
    "t2a_valuation",
)
DOMAINS = {"activity": ("activity", "cross"), "hr": ("hr",), "finance": ("finance",)}
# Order of the cards on domain pages: what a board looks at first; others follow by id.
METRIC_ORDER = (
    "bed_occupancy_rate",
    "admissions",
    "er_visits",
    "alos",
    "ip_dms",
    "stays_full",
    "stays_ambulatory",
    "bed_days",
    "installed_beds",
    "er_admission_rate",
    "consultations",
    "surgeries",
    "ambulatory_surgery_rate",
    "births",
    "t2a_valuation",
    "t2a_per_fte",
    "fte_paid",
    "fte_budget",
    "fte_gap",
    "absenteeism_rate",
    "interim_cost",
    "overtime_hours",
    "turnover_rate",
    "hires",
    "departures",
    "payroll_cost",
    "operating_result",
    "total_expenses",
    "total_revenue",
    "expense_execution_rate",
    "budget_gap",
    "staff_expenses",
    "medical_expenses",
    "general_expenses",
    "depreciation_expenses",
    "health_insurance_revenue",
    "gross_margin_rate",
    "self_financing_capacity",
    "staff_cost_share",
    "cash",
    "days_of_cash",
    "debt_outstanding",
    "debt_payback_years",
)
POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cockpit-ui")


@dataclass(frozen=True)
class Figure:
    """One metric over one period, with last year's value and its target or budget."""

    value: float | None
    previous: float | None = None
    delta: float | None = None
    delta_pct: float | None = None
    target: float | None = None
    target_kind: str | None = None  # "target" | "budget"
    status: str | None = None

    @property
    def target_delta(self) -> float | None:
        if self.value is None or self.target is None:
            return None
        return self.value - self.target

    @property
    def target_delta_pct(self) -> float | None:
        gap = self.target_delta
        return None if gap is None or not self.target else gap / abs(self.target)


EMPTY = Figure(None)


@dataclass(frozen=True)
class Kpi:
    metric: Metric
    period: Period
    figure: Figure
    ytd: Figure | None
    trend: tuple[float | None, ...]  # monthly values, the last one is the period's end month


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


def domain_metrics(engine: Engine, domain: str) -> list[Metric]:
    kinds = DOMAINS[domain]
    rank = {metric_id: i for i, metric_id in enumerate(METRIC_ORDER)}
    found = [m for m in engine.metrics() if m.domain in kinds]
    return sorted(found, key=lambda m: (rank.get(m.id, len(rank)), m.id))


def allowed_filters(metric: Metric, filters: dict[str, str]) -> dict[str, str]:
    """The filters a metric can take (pole figures do not exist for cash, say)."""
    return {k: v for k, v in filters.items() if k in metric.dimensions}


def row_figure(row: dict | None) -> Figure:
    if not row:
        return EMPTY
    return Figure(
        value=row.get("value"),
        previous=row.get("compare_value"),
        delta=row.get("delta"),
        delta_pct=row.get("delta_pct"),
        target=row.get("target"),
        target_kind="target" if row.get("target") is not None else None,
        status=row.get("status"),
    )


def _with_budget(engine, perimeter, metric, period, filters, figure: Figure) -> Figure:
    """Where there is no target, compare with the budget (expenses, FTE)."""
    if figure.target is not None or not metric.budget_expr or figure.value is None:
        return figure
    plan = QueryPlan.build(metric.id, period, filters=filters, compare="budget")
    row = engine.run(plan, perimeter).single_row or {}
    budget = row.get("compare_value")
    if budget is None:
        return figure
    return Figure(
        figure.value,
        figure.previous,
        figure.delta,
        figure.delta_pct,
        budget,
        "budget",
        figure.status,
    )


def period_figure(
    engine: Engine, perimeter: Perimeter, metric: Metric, period: Period, filters: dict[str, str]
) -> Figure:
    plan = QueryPlan.build(metric.id, period, filters=filters, compare="previous_year")
    figure = row_figure(engine.run(plan, perimeter).single_row)
    return _with_budget(engine, perimeter, metric, period, filters, figure)


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
            figure = _with_budget(engine, perimeter, metric, period, filters, figure)
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
    """Several KPIs at once; a cold cache runs them side by side."""
    ids = [m for m in metric_ids if visible(engine, m)]
    found = POOL.map(lambda m: kpi(engine, perimeter, m, period, filters, with_ytd), ids)
    return [item for item in found if item is not None]


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
