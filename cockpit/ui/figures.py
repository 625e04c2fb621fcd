"""The figures pages show, fetched through the Engine inside the user's perimeter.

Turns engine results into small view models (a KPI, alerts, breakdown rows, a
monthly series); pages and exports format them. Never builds SQL. Engine
results are cached per warehouse version, so a warm page costs dict lookups;
a cold one runs its plans on a few threads.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan
from cockpit.periods import Period, add_months, last_complete_month, month_label, month_of

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
_SEVERITY = {"red": 2, "amber": 1}
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cockpit-ui")


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
class Alert:
    metric: Metric
    figure: Figure

    @property
    def severity(self) -> tuple[int, float]:
        """Red before amber, then the furthest from target (or from last year)."""
        fig = self.figure
        gap = fig.target_delta_pct if fig.target_delta_pct is not None else fig.delta_pct
        return _SEVERITY.get(fig.status or "", 0), abs(gap or 0.0)


@dataclass(frozen=True)
class Point:
    month: date
    value: float | None
    previous: float | None
    target: float | None


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


def _figure(row: dict | None) -> Figure:
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
    figure = _figure(engine.run(plan, perimeter).single_row)
    return _with_budget(engine, perimeter, metric, period, filters, figure)


def monthly(
    engine: Engine,
    perimeter: Perimeter,
    metric: Metric,
    end: date,
    filters: dict[str, str],
    months: int = 12,
) -> list[Point]:
    """The months up to `end` with last year's values and targets (the sparkline and chart)."""
    period = Period(add_months(end, 1 - months), end)
    plan = QueryPlan.build(
        metric.id, period, grain="month", filters=filters, compare="previous_year"
    )
    by_month = {row["period"]: row for row in engine.run(plan, perimeter).rows}
    points = []
    for i in range(months):
        month = add_months(period.start, i)
        row = by_month.get(month_label(month), {})
        points.append(Point(month, row.get("value"), row.get("compare_value"), row.get("target")))
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
            figure = _figure(by_month.get(month_label(period.end)))
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
    ids = [m for m in metric_ids if _known(engine, m)]
    found = _POOL.map(lambda m: kpi(engine, perimeter, m, period, filters, with_ytd), ids)
    return [item for item in found if item is not None]


def _known(engine: Engine, metric_id: str) -> bool:
    try:
        return not engine.metric(metric_id).hidden
    except QueryError:
        return False


def _alert(
    engine: Engine, perimeter: Perimeter, metric: Metric, month: date, filters: dict[str, str]
) -> Alert | None:
    try:
        figure = period_figure(
            engine, perimeter, metric, month_of(month), allowed_filters(metric, filters)
        )
    except QueryError:
        return None
    return Alert(metric, figure) if figure.status in _SEVERITY else None


def worst_first(found: Iterable[Alert | None]) -> list[Alert]:
    return sorted((a for a in found if a is not None), key=lambda a: a.severity, reverse=True)


def home_figures(
    engine: Engine,
    perimeter: Perimeter,
    metric_ids: Iterable[str],
    month: date,
    filters: dict[str, str],
) -> tuple[list[Kpi], list[Alert]]:
    """The home cards (month and year to date) and the alerts over every visible metric,
    worst first; all their plans are submitted at once so a cold cache runs them side by side."""
    ids = [m for m in metric_ids if _known(engine, m)]
    period = month_of(month)
    cards = [_POOL.submit(kpi, engine, perimeter, m, period, filters, True) for m in ids]
    others = [
        _POOL.submit(_alert, engine, perimeter, m, month, filters)
        for m in engine.metrics()
        if m.id not in ids
    ]
    items = [item for item in (c.result() for c in cards) if item is not None]
    found = [Alert(k.metric, k.figure) for k in items if k.figure.status in _SEVERITY]
    return items, worst_first([*found, *(f.result() for f in others)])


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


def breakdown(
    engine: Engine, perimeter: Perimeter, metric: Metric, period: Period, filters: dict[str, str]
) -> Breakdown:
    """Split a metric by pole, or by service within a pole. Across several establishments,
    services are told apart by establishment where two share a name."""
    filters = allowed_filters(metric, filters)
    dimension = breakdown_dimension(metric, filters)
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
    budgets = {key(r): r.get("compare_value") for r in run("budget")} if metric.budget_expr else {}
    names = [r[dimension] for r in rows]
    found = []
    for row in rows:
        if row.get("value") is None and row.get("compare_value") is None:
            continue  # e.g. a pole without beds, for bed occupancy
        figure = _figure(row)
        budget = budgets.get(key(row))
        if figure.target is None and budget is not None:
            figure = Figure(
                figure.value,
                figure.previous,
                figure.delta,
                figure.delta_pct,
                budget,
                "budget",
                figure.status,
            )
        name = str(row[dimension])
        if len(group_by) == 2 and names.count(row[dimension]) > 1:
            name = f"{name} ({row['establishment']})"
        found.append((name, figure))
    return Breakdown(dimension, found)


def establishments(engine: Engine, perimeter: Perimeter) -> dict[str, str]:
    """FINESS → name of the establishments the user may see."""
    names = engine.establishments()
    if perimeter.establishment_id:
        return {k: v for k, v in names.items() if k == perimeter.establishment_id}
    return dict(sorted(names.items()))
