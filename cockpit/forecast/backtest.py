"""Replay past years month by month: the landing computed with the data up to each
month-end, beside the real year figure, for the model and the controllers' pro rata.

Every complete year with the twelve months before it is replayed, for every metric asked,
for the whole perimeter or for each establishment (`by`). Series are read once per flow;
the replay slices them in memory, so it is exactly what `land` would have said that month.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter
from cockpit.forecast.composition import compose
from cockpit.forecast.errors import ForecastError, NotLandable
from cockpit.forecast.landing import land_series
from cockpit.forecast.series import MonthlySeries, Scope, read_monthly
from cockpit.periods import Period


@dataclass(frozen=True)
class Case:
    metric: str
    scope: Scope
    year: int
    month: int  # months known when the landing was made
    actual: float  # the real year figure
    value: float | None  # the model's landing
    low: float | None
    high: float | None
    reference: float | None  # the controllers' pro rata

    @property
    def covered(self) -> bool | None:
        if self.low is None or self.high is None:
            return None
        return self.low <= self.actual <= self.high


@dataclass
class Backtest:
    cases: list[Case] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per metric
    groups: dict[str, str] = field(default_factory=dict)  # metric → group
    refused: dict[str, str] = field(default_factory=dict)  # metric → why

    def signed(self) -> set[str]:
        """Metrics whose year figure can be negative (a result, a gap): a percentage error
        means nothing for them, so they stay out of the MAPE."""
        return {c.metric for c in self.cases if c.actual < 0}

    def mape(self, method: str, month: int, group: str | None = None) -> float | None:
        """Mean absolute percentage error of `model` or `reference` at a month of the year."""
        signed = self.signed()
        errors = [
            abs(estimate - c.actual) / c.actual
            for c in self.cases
            if c.month == month
            and c.actual > 0  # a service without births has no percentage error
            and c.metric not in signed
            and (group is None or self.groups[c.metric] == group)
            and (estimate := c.value if method == "model" else c.reference) is not None
        ]
        return float(np.mean(errors)) if errors else None

    def coverage(self, group: str | None = None) -> tuple[float | None, int]:
        """Share of cases whose 80 % interval holds the real figure, and the number of cases."""
        hits = [
            c.covered
            for c in self.cases
            if c.covered is not None and (group is None or self.groups[c.metric] == group)
        ]
        return (float(np.mean(hits)) if hits else None), len(hits)

    def as_json(self) -> dict[str, Any]:
        months = sorted({c.month for c in self.cases})
        groups = sorted(set(self.groups.values()))
        summary = {
            name: {
                "mape_model": {m: self.mape("model", m, group) for m in months},
                "mape_reference": {m: self.mape("reference", m, group) for m in months},
                "coverage": self.coverage(group)[0],
                "cases": self.coverage(group)[1],
            }
            for name, group in [("all", None), *((g, g) for g in groups)]
        }
        return {
            "summary": summary,
            "signed_metrics": sorted(self.signed()),
            "seconds_per_metric": self.seconds,
            "refused": self.refused,
            "cases": [
                {**c.__dict__, "scope": dict(c.scope), "covered": c.covered} for c in self.cases
            ],
        }


def metric_group(metric: Metric) -> str:
    """How the bench and the CLI group metrics: money flows (expenses, revenue, payroll,
    interim, T2A), activity counts, other staff flows (hires, departures, overtime hours),
    and ratios or formulas."""
    if metric.aggregation != "flow":
        return "ratios"
    if metric.unit == "eur":
        return "finance flows"
    return "activity counts" if metric.domain == "activity" else "staff flows"


def backtest(
    engine: Engine,
    metric_ids: Iterable[str],
    perimeter: Perimeter,
    by: str | None = None,
    months: Iterable[int] = range(1, 12),
) -> Backtest:
    span = engine.months_available()
    result = Backtest()
    if span is None:
        return result
    period = Period(date(span[0].year, span[0].month, 1), span[1])
    months = list(months)
    for metric_id in metric_ids:
        metric = engine.metric(metric_id)
        try:
            composition = compose(engine.catalog, metric.id)
        except NotLandable as exc:
            result.refused[metric.id] = str(exc)
            continue
        started = time.perf_counter()
        group_by = (by,) if by else ()
        series = {
            flow: read_monthly(
                engine, flow.metric, period, perimeter, None, group_by, part=flow.part
            )
            for flow in composition.flows
        }
        scopes = set.intersection(*(set(found) for found in series.values()))
        for scope in scopes:
            by_flow = {flow: found[scope] for flow, found in series.items()}
            result.cases += _replay(composition, by_flow, scope, months)
        result.seconds[metric.id] = time.perf_counter() - started
        result.groups[metric.id] = metric_group(metric)
    return result


def _replay(composition, series: dict, scope: Scope, months: list[int]) -> list[Case]:
    cases = []
    for year in _complete_years(series.values()):
        actual = land_series(composition, series, year, date(year, 12, 1)).value
        if actual is None:
            continue
        for month in months:
            try:
                landing = land_series(composition, series, year, date(year, month, 1))
            except ForecastError:
                continue
            cases.append(Case(composition.metric.id, scope, year, month, actual,
                              landing.value, landing.low, landing.high,
                              landing.reference))  # fmt: skip
    return cases


def _complete_years(series: Iterable[MonthlySeries]) -> list[int]:
    """Years whose twelve months, and the twelve before, every series has."""
    series = list(series)
    first = max(s.start.year for s in series)
    last = min(s.last_month().year for s in series if s.last_month())
    return [
        year
        for year in range(first + 1, last + 1)
        if all(
            not np.isnan(s.window(date(year - 1, 1, 1), date(year, 12, 1))).any() for s in series
        )
    ]
