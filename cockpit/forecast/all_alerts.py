"""One list of a month's alerts: threshold and budget alerts (the signals) and seasonal alerts,
one entry per metric × scope × month showing every reason found for it, worst first.

The order is one rule for every kind: severity (red, amber, information), then the size of
the departure as a share of what was expected (the target, threshold or budget crossed; the
season's expectation), so « 40 % over the season » and « 40 % over budget » weigh the same.
Within an entry the worst reason comes first (at equal severity the threshold or budget,
which people agreed on, before the season).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from cockpit.catalog.model import Metric
from cockpit.engine import Engine, Perimeter
from cockpit.engine.alerts import Alert, expected_of, month_alerts
from cockpit.forecast.cached import month_seasonal_alerts
from cockpit.forecast.seasonal import SeasonalAlert
from cockpit.periods import month_label

_WEIGHT = {"red": 2, "amber": 1, "info": 0}
_KIND_ORDER = {"budget": 0, "threshold": 1, "seasonal": 2}

Reason = Alert | SeasonalAlert


def severity_of(reason: Reason) -> str:
    return reason.severity if isinstance(reason, SeasonalAlert) else reason.figure.status


@dataclass(frozen=True)
class _Facts:
    metric: str
    scope: dict[str, str]
    period: str
    observed: float | None
    expected: float | None
    kind: str


def _facts(reason: Reason) -> _Facts:
    """SPEC §6's fields but the sentence (sorting and grouping need no words)."""
    if isinstance(reason, SeasonalAlert):
        return _Facts(reason.metric.id, dict(reason.scope), month_label(reason.period),
                      reason.observed, reason.expected, "seasonal")  # fmt: skip
    expected = expected_of(reason.figure, reason.metric.direction)
    return _Facts(reason.metric.id, dict(reason.scope), month_label(reason.period.end),
                  reason.figure.value, expected, reason.kind)  # fmt: skip


def departure_size(reason: Reason) -> float:
    """|observed − expected| / |expected|: 0 when there is nothing to measure it against."""
    facts = _facts(reason)
    observed, expected = facts.observed, facts.expected
    if observed is None or not expected:
        return 0.0
    return abs(observed - expected) / abs(expected)


def _rank(reason: Reason) -> tuple[int, float, int]:
    return _WEIGHT[severity_of(reason)], departure_size(reason), -_KIND_ORDER[_facts(reason).kind]


@dataclass(frozen=True)
class ListedAlert:
    """A metric × scope × month on alert, with its reasons worst first."""

    reasons: tuple[Reason, ...]

    @property
    def first(self) -> Reason:
        return self.reasons[0]

    @property
    def metric(self) -> Metric:
        return self.first.metric

    @property
    def severity(self) -> str:
        return severity_of(self.first)

    @property
    def kinds(self) -> list[str]:
        return [_facts(reason).kind for reason in self.reasons]

    @property
    def rank(self) -> tuple[int, float, int]:
        return _rank(self.first)

    def sentence(self, lang: str = "fr") -> str:
        return " ".join(reason.sentence(lang) for reason in self.reasons)

    def as_json(self, lang: str = "fr") -> dict[str, Any]:
        """SPEC §6's fields from the worst reason, `kinds` and every reason's own fields."""
        reasons = [reason.as_json(lang) for reason in self.reasons]
        first = reasons[0]
        return {
            "metric": first["metric"],
            "scope": first["scope"],
            "period": first["period"],
            "observed": first["observed"],
            "expected": first["expected"],
            "kind": first["kind"],
            "kinds": self.kinds,
            "severity": first["severity"],
            "sentence": self.sentence(lang),
            "reasons": reasons,
        }


def merge(reasons: Iterable[Reason], only_name: str | None = None) -> list[ListedAlert]:
    """Reasons grouped by metric × scope × month, worst first. `only_name` is the one
    establishment of the warehouse: a group figure is then that establishment's."""
    groups: dict[tuple, list[Reason]] = {}
    for reason in reasons:
        groups.setdefault(_key(reason, only_name), []).append(reason)
    listed = [
        ListedAlert(tuple(sorted(found, key=_rank, reverse=True))) for found in groups.values()
    ]
    return sorted(listed, key=lambda a: a.rank, reverse=True)


def _key(reason: Reason, only_name: str | None) -> tuple:
    facts = _facts(reason)
    scope = facts.scope
    if only_name and "establishment" not in scope:
        scope = {"establishment": only_name, **scope}
    return facts.metric, tuple(sorted(scope.items())), facts.period


def all_alerts(
    engine: Engine,
    perimeter: Perimeter,
    month: date,
    filters: Mapping[str, str] | None = None,
    mapper: Callable = map,
) -> list[ListedAlert]:
    """Every alert of a month inside the perimeter (and the establishment chosen in
    `filters`), threshold, budget and seasonal merged, worst first."""
    filters = dict(filters or {})
    signals = month_alerts(engine, perimeter, month, filters, mapper)
    return with_seasonal(engine, filters, signals, month_seasonal_alerts(engine, perimeter, month))


def with_seasonal(
    engine: Engine,
    filters: Mapping[str, str],
    signals: Iterable[Alert],
    seasonal: Iterable[SeasonalAlert],
) -> list[ListedAlert]:
    """Threshold and budget alerts merged with seasonal ones, keeping the seasonal alerts
    of the establishment chosen in `filters` (all of them when none is)."""
    names = engine.establishments()
    chosen = names.get(filters.get("establishment", ""), filters.get("establishment"))
    inside = [a for a in seasonal if chosen is None or dict(a.scope).get("establishment") == chosen]
    only = next(iter(names.values())) if len(names) == 1 else None
    return merge([*signals, *inside], only)
