"""Seasonal alerts: a month that departs from what the season predicts, for every metric the
forecast covers and every establishment, pole and service inside the perimeter.

The expectation of a month comes from the months before it (`expectation.py`: the same month
a year earlier moved by the median year-on-year change, past anomalies cleaned). The departure
is measured in robust standard deviations of that prediction's past errors (1.4826 × their
median absolute deviation), so a past anomaly neither hides a new one nor widens the band; a
count of events is never judged more precise than its Poisson noise, nor judged at all when
under ten events are expected. A month beyond 3.5 is flagged (Iglewicz
and Hoaglin's cut-off for outliers on MAD-scaled scores: for normal noise, about one month in
2,000); beyond 5 in the bad direction it is red.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter, QueryError
from cockpit.forecast.alert_text import alert_sentence
from cockpit.forecast.composition import compose
from cockpit.forecast.errors import NotLandable
from cockpit.forecast.expectation import SEASON, Expectation, seasonal_walk
from cockpit.forecast.flow_landing import YEARS_OF_HISTORY
from cockpit.forecast.series import MonthlySeries, Scope, read_monthly
from cockpit.periods import Period, add_months, month_label, months_between

AMBER = 3.5
RED = 5.0
# Fewer events expected in the month, and a season cannot be told from chance.
MIN_EVENTS = 10
_LEVELS = (("establishment",), ("establishment", "pole"), ("establishment", "pole", "service"))
_RANK = {"red": 2, "amber": 1, "info": 0}


@dataclass(frozen=True)
class SeasonalAlert:
    metric: Metric
    scope: Scope
    period: date
    observed: float
    expected: float
    spread: float  # one robust standard deviation of the month, in the metric's unit
    departure: float  # signed, in robust standard deviations
    severity: str  # red | amber | info

    @property
    def rank(self) -> tuple[int, float]:
        """Red, then amber, then information; the furthest departure first."""
        return _RANK[self.severity], abs(self.departure)

    def sentence(self, lang: str = "fr") -> str:
        return alert_sentence(self, lang)

    def as_json(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "metric": self.metric.id,
            "scope": dict(self.scope),
            "period": month_label(self.period),
            "observed": self.observed,
            "expected": self.expected,
            "spread": self.spread,
            "departure": self.departure,
            "kind": "seasonal",
            "severity": self.severity,
            "sentence": self.sentence(lang),
        }


def severity_of(direction: str, departure: float, threshold: float = AMBER) -> str | None:
    """Red or amber when the month departs in the bad direction (both ways for a metric kept
    within a band), information when it departs as far the good way, None within the band."""
    if abs(departure) < threshold:
        return None
    bad = (
        direction == "target_band"
        or (direction == "higher_is_better" and departure < 0)
        or (direction == "lower_is_better" and departure > 0)
    )
    if not bad:
        return "info"
    return "red" if abs(departure) >= RED else "amber"


def judge(
    metric: Metric,
    scope: Scope,
    month: date,
    observed: float,
    expectation: Expectation | None,
    threshold: float = AMBER,
) -> SeasonalAlert | None:
    """The alert for one scope's month; None when within the band or not judged."""
    if expectation is None or np.isnan(observed):
        return None
    if metric.aggregation == "flow" and metric.unit == "count":
        if expectation.value < MIN_EVENTS:
            return None
        expectation = expectation.at_least(np.sqrt(expectation.value))
    departure = expectation.departure(observed)
    severity = severity_of(metric.direction, departure, threshold)
    if severity is None:
        return None
    return SeasonalAlert(metric, scope, month, observed, expectation.value,
                         expectation.spread, departure, severity)  # fmt: skip


def level_alerts(
    metric: Metric,
    found: dict[Scope, MonthlySeries],
    months: list[date],
    threshold: float = AMBER,
) -> list[SeasonalAlert]:
    """The alerts of one query's scopes for the months asked, each month judged from the
    months before it; the scopes' series are walked together."""
    scopes = list(found)
    if not scopes:
        return []
    series = found[scopes[0]]
    values = np.vstack([found[scope].values for scope in scopes])
    walk = seasonal_walk(values)
    alerts = []
    for month in months:
        at = series.index(month)
        if not 0 <= at < values.shape[1]:
            continue
        for row, scope in enumerate(scopes):
            alert = judge(metric, scope, month, float(values[row, at]), walk.at(row, at),
                          threshold)  # fmt: skip
            if alert is not None:
                alerts.append(alert)
    return alerts


def seasonal_alerts(
    engine: Engine,
    perimeter: Perimeter,
    month: date | None = None,
    metric_ids: Iterable[str] | None = None,
) -> list[SeasonalAlert]:
    """Every seasonal alert of a month (default: the last month with data) inside the
    perimeter, worst first."""
    span = engine.months_available()
    if span is None:
        return []
    month = month or span[1]
    return sorted(scan(engine, perimeter, month, month, metric_ids), key=lambda a: a.rank,
                  reverse=True)  # fmt: skip


def scan(
    engine: Engine,
    perimeter: Perimeter,
    first: date,
    last: date,
    metric_ids: Iterable[str] | None = None,
    threshold: float = AMBER,
) -> list[SeasonalAlert]:
    """The seasonal alerts of every month from `first` to `last`, each judged from the
    months before it (series are read once for the whole span); `threshold` lowers or
    raises the cut-off, for benches weighing it."""
    months = [add_months(first, i) for i in range(months_between(first, last))]
    return [
        alert
        for metric, found in watched_series(engine, perimeter, first, last, metric_ids)
        for alert in level_alerts(metric, found, months, threshold)
    ]


def watched_series(
    engine: Engine,
    perimeter: Perimeter,
    first: date,
    last: date,
    metric_ids: Iterable[str] | None = None,
) -> Iterator[tuple[Metric, dict[Scope, MonthlySeries]]]:
    """(metric, {scope: monthly series up to `last`, with the history `first` needs}) for
    every metric and level of scope (establishment, pole, service) the seasonal alerts
    watch: one engine query each."""
    period = Period(add_months(first, -SEASON * YEARS_OF_HISTORY), last)
    for metric in _watched_metrics(engine, metric_ids):
        for level in _levels(metric, perimeter):
            try:
                found = read_monthly(engine, metric.id, period, perimeter, group_by=level)
            except QueryError:  # not readable inside this perimeter (e.g. treasury in a pole)
                continue
            if any(np.nanmin(series.values, initial=0.0) < 0 for series in found.values()):
                continue  # a difference (result, gap to budget): judged through its parts
            # Rows kept outside any pole are not a pole.
            yield metric, {k: v for k, v in found.items() if all(value for _, value in k)}


def _watched_metrics(engine: Engine, metric_ids: Iterable[str] | None) -> list[Metric]:
    """The metrics a landing covers (flows, ratios and formulas of flows)."""
    chosen = [engine.metric(m) for m in metric_ids] if metric_ids else engine.metrics()
    watched = []
    for metric in chosen:
        try:
            compose(engine.catalog, metric.id)
        except NotLandable:
            continue
        watched.append(metric)
    return watched


def _levels(metric: Metric, perimeter: Perimeter) -> list[tuple[str, ...]]:
    """Establishment, pole and service levels the metric can be broken down by; inside a
    pole's perimeter an establishment's figure would be the pole's, so that level goes."""
    levels = [lv for lv in _LEVELS if all(d in metric.dimensions for d in lv)]
    if perimeter.pole:
        levels = [lv for lv in levels if "pole" in lv]
    return levels
