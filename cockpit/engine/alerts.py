"""Threshold and budget alerts: the metrics in amber or red for a month, worst first, each
with the fields of SPEC §6 (metric, scope, period, observed, expected, kind, severity,
sentence) and a sentence that names the side of the target, threshold or budget it is on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from cockpit.catalog.model import Metric
from cockpit.engine.figures import Figure, period_figure
from cockpit.engine.plan import QueryError
from cockpit.engine.signals import crossed_limit
from cockpit.formatting import format_value
from cockpit.perimeter import Perimeter
from cockpit.periods import Period, month_label, month_of

if TYPE_CHECKING:
    from cockpit.engine.engine import Engine

_SEVERITY = {"red": 2, "amber": 1}
# « {value}, {side} {reference} {expected} »: the words of each language.
_SIDES = {
    "fr": {"below": "en dessous", "above": "au-dessus"},
    "en": {"below": "below", "above": "above"},
}
_REFERENCES = {
    "fr": {"target": "de la cible de", "threshold": "du seuil de", "budget": "du budget de"},
    "en": {"target": "the target of", "threshold": "the threshold of", "budget": "the budget of"},
}


def expected_of(figure: Figure, direction: str) -> float | None:
    """What the figure is held against: its target or budget, else the threshold it crossed."""
    if figure.reference in ("target", "budget"):
        return figure.target
    limit = crossed_limit(figure.value, direction, figure.threshold, figure.status)
    return limit[1] if limit else None


def status_reason(metric: Metric, figure: Figure, lang: str = "fr") -> str | None:
    """« 4,7 %, en dessous du seuil de 6,0 % »: the figure, the side it is on and of what;
    None when there is no reference to speak of."""
    expected = expected_of(figure, metric.direction)
    if figure.value is None or expected is None or figure.reference is None:
        return None
    lang = lang if lang in _SIDES else "fr"
    side = _SIDES[lang]["below" if figure.value < expected else "above"]
    value = format_value(figure.value, metric.format, metric.unit, lang)
    limit = format_value(expected, metric.format, metric.unit, lang)
    return f"{value}, {side} {_REFERENCES[lang][figure.reference]} {limit}"


@dataclass(frozen=True)
class Alert:
    metric: Metric
    figure: Figure
    period: Period
    scope: dict[str, str]

    @property
    def kind(self) -> str:
        return "budget" if self.figure.reference == "budget" else "threshold"

    @property
    def rank(self) -> tuple[int, float]:
        """Red before amber, then the furthest from its target or budget."""
        return _SEVERITY.get(self.figure.status or "", 0), abs(self.figure.target_delta_pct or 0)

    def sentence(self, lang: str = "fr") -> str:
        label = getattr(self.metric.label, lang, self.metric.label.fr)
        reason = status_reason(self.metric, self.figure, lang)
        return f"{label}{' : ' if lang == 'fr' else ': '}{reason}." if reason else f"{label}."

    def as_json(self, lang: str = "fr") -> dict[str, Any]:
        return {
            "metric": self.metric.id,
            "scope": self.scope,
            "period": month_label(self.period.end),
            "observed": self.figure.value,
            "expected": expected_of(self.figure, self.metric.direction),
            "kind": self.kind,
            "severity": self.figure.status,
            "sentence": self.sentence(lang),
        }


def alert_of(metric: Metric, figure: Figure, period: Period, scope: dict[str, str]) -> Alert | None:
    """An alert when the figure is in amber or red."""
    return Alert(metric, figure, period, scope) if figure.status in _SEVERITY else None


def scope_of(engine: Engine, perimeter: Perimeter, filters: dict[str, str]) -> dict[str, str]:
    """{establishment, pole}: where the figures were taken, as names."""
    scope = {}
    establishment = filters.get("establishment") or perimeter.establishment_id
    if establishment:
        scope["establishment"] = engine.establishments().get(establishment, establishment)
    if pole := filters.get("pole") or perimeter.pole:
        scope["pole"] = pole
    return scope


def metric_alert(
    engine: Engine, perimeter: Perimeter, metric: Metric, month: date, filters: dict[str, str]
) -> Alert | None:
    """One metric's alert for a month (None when fine, or not computable in this scope)."""
    allowed = {k: v for k, v in filters.items() if k in metric.dimensions}
    try:
        figure = period_figure(engine, perimeter, metric, month_of(month), allowed)
    except QueryError:
        return None
    return alert_of(metric, figure, month_of(month), scope_of(engine, perimeter, filters))


def worst_first(found: Iterable[Alert | None]) -> list[Alert]:
    return sorted((a for a in found if a is not None), key=lambda a: a.rank, reverse=True)


def month_alerts(
    engine: Engine,
    perimeter: Perimeter,
    month: date,
    filters: dict[str, str] | None = None,
    mapper: Callable = map,
) -> list[Alert]:
    """Every visible metric's threshold or budget alert for a month, worst first; `mapper`
    may run them side by side (a thread pool's map)."""
    filters = filters or {}
    found = mapper(lambda m: metric_alert(engine, perimeter, m, month, filters), engine.metrics())
    return worst_first(found)
