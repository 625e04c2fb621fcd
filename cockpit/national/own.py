"""The hospital's own figure beside a public one: its catalog metric over a calendar year,
from the monthly extracts, through the engine and inside the caller's perimeter.

Public data is public; the hospital's own figures are not: a user sees them only when
their perimeter covers the whole establishment (a pole manager's pole is not the
establishment the public figure describes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan
from cockpit.national.dictionary import Indicator
from cockpit.periods import Period


@dataclass(frozen=True)
class OwnFigure:
    metric: str
    year: int
    value: float | None
    unit: str
    format: str

    def as_json(self) -> dict:
        return {"metric": self.metric, "year": self.year, "value": self.value, "unit": self.unit}


def sees_establishment(perimeter: Perimeter, establishment_id: str) -> bool:
    return perimeter.pole is None and perimeter.establishment_id in (None, establishment_id)


def complete_years(engine: Engine) -> list[int]:
    """Calendar years whose twelve months are all in the monthly data."""
    span = engine.months_available()
    if span is None:
        return []
    first, last = span
    start = first.year if first.month == 1 else first.year + 1
    end = last.year if last.month == 12 else last.year - 1
    return list(range(start, end + 1))


def own_figure(
    engine: Engine,
    indicator: Indicator,
    establishment_id: str | None,
    year: int | None,
    perimeter: Perimeter,
) -> OwnFigure | None:
    """The same measure from the monthly data: for `year` when complete, else for the
    latest complete year; None when there is no such metric, year or right to see it."""
    own = indicator.own
    if own is None or establishment_id is None:
        return None
    if not sees_establishment(perimeter, establishment_id):
        return None
    years = complete_years(engine)
    if not years:
        return None
    chosen = year if year in years else years[-1]
    plan = QueryPlan.build(
        own.metric,
        Period(date(chosen, 1, 1), date(chosen, 12, 1)),
        filters={"establishment": establishment_id, **own.filters},
    )
    try:
        result = engine.run(plan, perimeter)
        metric = engine.metric(own.metric)
    except QueryError:
        return None
    value = result.rows[0]["value"] if result.rows else None
    return OwnFigure(own.metric, chosen, value, metric.unit, metric.format)
