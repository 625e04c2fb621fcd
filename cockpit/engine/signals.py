"""One rule for what a figure signals: its status against its reference (target, thresholds or
budget), the arrow and colour of a variation, and the side of the threshold it sits on.

Cards, tables, details, alerts, exports and question answers all read these functions, so
a badge, an arrow and a sentence about one figure cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cockpit.catalog.model import BudgetBands, Metric
from cockpit.engine.status import Status, Threshold
from cockpit.formatting import format_percent, format_points, format_value, shows_as_zero

Tone = Literal["good", "watch", "bad", "neutral"]
Arrow = Literal["up", "down", "flat"]
Side = Literal["below", "above"]
Reference = Literal["target", "threshold", "budget"]

_TONE_OF_STATUS: dict[str | None, Tone] = {"green": "good", "amber": "watch", "red": "bad"}


def budget_status(
    value: float | None, budget: float | None, direction: str, bands: BudgetBands
) -> Status | None:
    """green/amber/red from the gap to budget: over budget is bad for what should stay low
    (expenses), under budget for what should be high (revenue), either way for a band."""
    if value is None or budget is None or budget == 0:
        return None
    gap = (value - budget) / abs(budget)
    harm = {"lower_is_better": gap, "higher_is_better": -gap}.get(direction, abs(gap))
    if harm <= bands.amber:
        return "green"
    return "amber" if harm <= bands.red else "red"


@dataclass(frozen=True)
class Variation:
    """A figure against a reference, as shown: points for rates, percent for positive
    quantities, an amount where signs can flip; its arrow and its colour."""

    text: str
    delta: float  # value − reference, in the metric's unit
    measure: Literal["points", "percent", "amount"]
    shown: float  # what the text shows: points, a ratio, or the amount
    arrow: Arrow
    tone: Tone


def _measure(metric: Metric, value: float, reference: float, lang: str):
    delta = value - reference
    if metric.unit == "pct":
        return format_points(delta, lang), "points", delta * 100
    if reference <= 0 or value < 0:
        text = format_value(delta, metric.format, metric.unit, lang, signed=True)
        return text, "amount", delta
    return format_percent(delta / reference, lang), "percent", delta / reference


def _variation(metric, value, reference, lang, tone_of) -> Variation | None:
    if value is None or reference is None:
        return None
    text, measure, shown = _measure(metric, value, reference, lang)
    if shows_as_zero(text):
        return Variation(text, value - reference, measure, shown, "flat", "neutral")
    arrow: Arrow = "up" if value > reference else "down"
    return Variation(text, value - reference, measure, shown, arrow, tone_of(arrow))


def trend(
    metric: Metric,
    value: float | None,
    previous: float | None,
    lang: str = "fr",
    target: float | None = None,
) -> Variation | None:
    """The change vs last year, coloured by the metric's direction only: up is good when
    higher is better, bad when lower is better; a band metric is good when it moved towards
    its target, bad away from it, neutral when it has no target."""

    def tone_of(arrow: Arrow) -> Tone:
        if metric.direction == "higher_is_better":
            return "good" if arrow == "up" else "bad"
        if metric.direction == "lower_is_better":
            return "good" if arrow == "down" else "bad"
        if target is None:
            return "neutral"
        before, now = abs(previous - target), abs(value - target)
        if now == before:
            return "neutral"
        return "good" if now < before else "bad"

    return _variation(metric, value, previous, lang, tone_of)


def gap(
    metric: Metric, value: float | None, reference: float | None, status: str | None, lang="fr"
) -> Variation | None:
    """The gap to the target or budget, coloured as the status it gives (the chip beside it):
    red bad, amber watch; green is good only on the metric's good side of its reference (a
    band metric off its target, an expense over budget within tolerance, are neutral)."""

    def tone_of(arrow: Arrow) -> Tone:
        if status != "green":
            return tone_of_status(status)
        good_side = {"higher_is_better": "up", "lower_is_better": "down"}.get(metric.direction)
        return "good" if arrow == good_side else "neutral"

    return _variation(metric, value, reference, lang, tone_of)


def tone_of_status(status: str | None) -> Tone:
    return _TONE_OF_STATUS.get(status, "neutral")


def crossed_limit(
    value: float | None, direction: str, threshold: Threshold | None, status: str | None
) -> tuple[Side, float] | None:
    """The threshold a figure in amber or red went past, and on which side of it the figure
    is (what « en dessous / au-dessus du seuil » says); None when it is within its limits."""
    if value is None or threshold is None or status not in ("amber", "red"):
        return None
    limit = threshold.red if status == "red" and threshold.red is not None else threshold.amber
    if direction == "target_band":
        if threshold.target is None or limit is None:
            return None
        side: Side = "below" if value < threshold.target else "above"
        return side, threshold.target - limit if side == "below" else threshold.target + limit
    if limit is None:
        return None
    return ("below" if value < limit else "above"), limit
