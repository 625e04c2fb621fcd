"""Year-end landing (atterrissage) of a metric: its flows landed one by one, then combined
as the metric combines them (a ratio of the landed parts, a formula of the landed inputs).

The interval is formed draw by draw: each flow's joint draws of the months left are summed
into year totals, the metric's formula is applied to one draw of every flow at a time, and
the 10th and 90th percentiles of the results bound the 80 % interval. Flows are drawn
independently; parts that move together (revenue and expenses) make it wider than needed,
never narrower.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from cockpit.engine import Engine, Perimeter, QueryError, QueryPlan
from cockpit.forecast.composition import Composition, Flow, compose
from cockpit.forecast.errors import BeyondData, ForecastError
from cockpit.forecast.flow_landing import YEARS_OF_HISTORY as _YEARS
from cockpit.forecast.flow_landing import FlowLanding, land_flow
from cockpit.forecast.notes import NO_INTERVAL, Note, complete_year, partial_budget
from cockpit.forecast.series import MonthlySeries, read_monthly
from cockpit.periods import MAX_YEAR, MIN_YEAR, Period, add_months, month_label

INTERVAL = 0.8
METHODS = {
    "seasonal_model": {
        "fr": "modèle saisonnier : chaque mois restant est le même mois de l'an dernier, "
        "corrigé de la tendance sur un an et de son écart récent, qui s'estompe (SARIMA)",
        "en": "seasonal model: each month left is the same month last year, moved by the "
        "year-on-year trend and its recent deviation, which fades (SARIMA)",
    },
    "actual": {"fr": "année complète : le réalisé", "en": "complete year: the actual"},
    "prorata_last_year": {
        "fr": "prorata de l'an dernier : cumul × total N-1 / mêmes mois N-1",
        "en": "last year's pro rata: year to date × last year's total / its same months",
    },
}


@dataclass
class Landing:
    metric: str
    year: int
    as_of: date
    value: float | None
    low: float | None
    high: float | None
    method: str
    actual_to_date: float | None
    budget: float | None
    reference: float | None  # the controllers' pro rata, for comparison
    unit: str
    filters: dict[str, str] = field(default_factory=dict)
    parts: dict[str, dict[str, float | None]] = field(default_factory=dict)
    months: list[dict[str, Any]] = field(default_factory=list)  # the months left, projected
    notes: list[Note] = field(default_factory=list)

    @property
    def months_known(self) -> int:
        return self.as_of.month

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        """SPEC §6's fields and the chart's months; the notes in `lang`."""
        return {
            "metric": self.metric,
            "year": self.year,
            "as_of": month_label(self.as_of),
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "interval": INTERVAL,
            "method": self.method,
            "actual_to_date": self.actual_to_date,
            "budget": self.budget,
            "reference": {"method": "prorata_last_year", "value": self.reference},
            "unit": self.unit,
            "months_known": self.months_known,
            "filters": self.filters,
            "parts": self.parts,
            "months": self.months,
            "notes": [note.said(lang) for note in self.notes],
        }


def land(
    engine: Engine,
    metric_id: str,
    perimeter: Perimeter,
    year: int | None = None,
    as_of: date | None = None,
    filters: Mapping[str, str] | None = None,
) -> Landing:
    """The year-end landing of a metric inside the perimeter, from the months up to `as_of`
    (default: the last month with data). Raises a QueryError saying why when it cannot."""
    metric = engine.metric(metric_id)
    composition = compose(engine.catalog, metric.id)
    span = engine.months_available()
    if span is None:
        raise QueryError("the warehouse holds no monthly data yet")
    if year is None:
        year = as_of.year if as_of else span[1].year
    if not MIN_YEAR + _YEARS <= year <= MAX_YEAR:
        raise ForecastError(f"year must be between {MIN_YEAR + _YEARS} and {MAX_YEAR}, not {year}")
    if as_of is not None and as_of.year != year:
        raise ForecastError(f"as-of {month_label(as_of)} is not in {year}")
    if date(year, 12, 1) < span[0]:
        raise BeyondData(
            f"{metric.id}: no data for {year} (the data start in {span[0]:%Y-%m})",
            f"pas de données pour {year} (les données commencent en {span[0]:%Y-%m})",
        )
    period = Period(date(year - _YEARS, 1, 1), date(year, 12, 1))
    filters = dict(filters or {})
    engine.validate(QueryPlan.build(metric.id, period, filters=filters), perimeter)
    with_budget = _has_budget(engine, composition)
    series = {
        flow: read_monthly(
            engine, flow.metric, period, perimeter, filters, (), with_budget, flow.part
        ).get(())
        for flow in composition.flows
    }
    last = _last_common_month(series)
    if last is None or last < date(year, 1, 1):
        ends = f" (the data end at {month_label(last)})" if last else ""
        ends_fr = f" (les données s'arrêtent en {month_label(last)})" if last else ""
        raise BeyondData(f"{metric.id}: no data for {year} yet{ends}",
                         f"pas encore de données pour {year}{ends_fr}")  # fmt: skip
    as_of = as_of or min(last, date(year, 12, 1))
    if as_of > last:
        raise BeyondData(
            f"{metric.id}: the data end at {month_label(last)}; "
            f"as-of {month_label(as_of)} is beyond them"
        )
    return land_series(composition, series, year, as_of, filters)


def land_series(
    composition: Composition,
    series: Mapping[Flow, MonthlySeries],
    year: int,
    as_of: date,
    filters: Mapping[str, str] | None = None,
) -> Landing:
    """The landing from series already read (the backtest replays it month by month)."""
    flows = {flow: land_flow(flow.name, series[flow], year, as_of) for flow in composition.flows}
    metric = composition.metric
    landing = Landing(
        metric=metric.id,
        year=year,
        as_of=as_of,
        value=_figure(composition, {f: x.value for f, x in flows.items()}),
        low=None,
        high=None,
        method="actual" if as_of.month == 12 else "seasonal_model",
        actual_to_date=_figure(composition, {f: x.actual_to_date for f, x in flows.items()}),
        budget=_budget(composition, flows),
        reference=_reference(composition, flows),
        unit=metric.unit,
        filters=dict(filters or {}),
    )
    if as_of.month == 12:
        landing.low = landing.high = landing.value
        landing.notes.append(complete_year(year))
    elif all(x.draws is not None for x in flows.values()):
        draws = composition.combine({f: x.draws for f, x in flows.items()})
        landing.low, landing.high = _bounds(draws)
    else:
        landing.notes.append(NO_INTERVAL)
    if not composition.is_single_flow:
        landing.parts = {flow.name: _part(x) for flow, x in flows.items()}
    landing.months = _months_ahead(composition, flows, as_of)
    landing.notes += _budget_notes(flows, year)
    return landing


def _months_ahead(
    composition: Composition, flows: Mapping[Flow, FlowLanding], as_of: date
) -> list[dict[str, Any]]:
    """Each month left: the metric's projected monthly figure (a ratio of the parts' months)
    and its 80 % band, for a chart that continues to December."""
    points = composition.combine({f: x.months_ahead for f, x in flows.items()})
    banded = all(x.month_draws is not None for x in flows.values())
    if banded:
        draws = composition.combine({f: x.month_draws for f, x in flows.items()})
    found = []
    for index, point in enumerate(np.atleast_1d(points)):
        low, high = _bounds(draws[:, index]) if banded else (None, None)
        found.append({"period": month_label(add_months(as_of, index + 1)),
                      "value": _number(point), "low": low, "high": high})  # fmt: skip
    return found


def _has_budget(engine: Engine, composition: Composition) -> bool:
    return all(
        flow.part is None and engine.metric(flow.metric).budget_expr for flow in composition.flows
    )


def _last_common_month(series: Mapping[Flow, MonthlySeries | None]) -> date | None:
    lasts = [s.last_month() if s is not None else None for s in series.values()]
    return None if None in lasts else min(lasts)


def _figure(composition: Composition, totals: Mapping[Flow, float]) -> float | None:
    return _number(composition.combine(totals))


def _reference(composition: Composition, flows: Mapping[Flow, FlowLanding]) -> float | None:
    if any(x.reference is None for x in flows.values()):
        return None
    return _figure(composition, {f: x.reference for f, x in flows.items()})


def _budget(composition: Composition, flows: Mapping[Flow, FlowLanding]) -> float | None:
    if any(x.budget is None for x in flows.values()):
        return None
    return _figure(composition, {f: x.budget for f, x in flows.items()})


def _budget_notes(flows: Mapping[Flow, FlowLanding], year: int) -> list[Note]:
    partial = {x.budget_months for x in flows.values() if 0 < x.budget_months < 12}
    return [partial_budget(year, min(partial))] if partial else []


def _part(landing: FlowLanding) -> dict[str, float | None]:
    low, high = _bounds(landing.draws) if landing.draws is not None else (None, None)
    return {"actual_to_date": landing.actual_to_date, "value": landing.value,
            "low": low, "high": high, "budget": landing.budget}  # fmt: skip


def _bounds(draws: np.ndarray) -> tuple[float | None, float | None]:
    """The interval holding INTERVAL of the draws, as many above it as below."""
    low, high = np.nanpercentile(draws, [50 * (1 - INTERVAL), 50 * (1 + INTERVAL)])
    return _number(low), _number(high)


def _number(value: Any) -> float | None:
    number = float(value)
    return number if np.isfinite(number) else None
