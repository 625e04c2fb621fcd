"""Status chips and variation badges: words, arrow and colour (never colour alone), all from
the engine's one signals rule (cockpit.engine.signals).

The chip names what the status was judged against (target, threshold, budget); the badge
vs the target or budget takes the chip's colour; the badge vs N-1 follows the metric's
direction. Each carries `data-` attributes (status, reference, arrow, tone) that the
browser tests read to check that they agree.
"""

from __future__ import annotations

from dash import html

from cockpit.catalog.model import Metric
from cockpit.engine.figures import Figure
from cockpit.engine.signals import Variation, gap, trend
from cockpit.formatting import format_percent, format_points, format_value
from cockpit.ui.i18n import t

_LIMIT_KEYS = {
    "higher_is_better": "limit_below",
    "lower_is_better": "limit_above",
    "target_band": "limit_band",
}


def reference_text(metric: Metric, figure: Figure, lang: str) -> str | None:
    """« Cible 88,0 % · orange au-delà de ±3,0 pt, rouge au-delà de ±6,0 pt », « Budget
    12,3 M€ · orange au-delà de 1 %, rouge au-delà de 3 % »: what the status is judged
    against (chip title, detail page, desktop table)."""

    def shown(value: float) -> str:
        if metric.direction == "target_band" and metric.unit == "pct":
            return format_points(value, lang).lstrip("+")
        return format_value(value, metric.format, metric.unit, lang)

    if figure.reference == "budget":
        bands = metric.budget_bands
        budget = format_value(figure.target, metric.format, metric.unit, lang)
        amber, red = (
            format_percent(band, lang, signed=False, decimals=0)
            for band in (bands.amber, bands.red)
        )
        return t("reference_budget", lang, budget=budget, amber=amber, red=red)
    parts = []
    if figure.reference == "target" and figure.target is not None:
        target = format_value(figure.target, metric.format, metric.unit, lang)
        parts.append(t("reference_target", lang, target=target))
    limits = [
        t(_LIMIT_KEYS[metric.direction], lang, colour=t(f"colour_{colour}", lang), limit=shown(v))
        for colour, v in (("amber", figure.amber), ("red", figure.red))
        if v is not None
    ]
    if limits:
        parts.append(", ".join(limits))
    return " · ".join(parts) or None


def status_chip(metric: Metric, figure: Figure, lang: str) -> html.Span:
    status = figure.status if figure.status in ("green", "amber", "red") else None
    key = f"status_{status or 'none'}" + ("_budget" if figure.reference == "budget" else "")
    attrs = {
        "data-status": status or "none",
        "data-reference": (figure.reference if status else None) or "none",
    }
    title = reference_text(metric, figure, lang) if status else None
    return html.Span(t(key, lang), className=f"chip chip-{status or 'none'}", title=title, **attrs)


def _badge(shown: Variation, suffix: str, compare: str) -> html.Span:
    # The arrow is drawn by CSS (.delta-up::before): fewer components for the renderer.
    return html.Span(
        [html.B(shown.text), " " + suffix],
        className=f"delta delta-{shown.tone} delta-{shown.arrow}",
        **{"data-compare": compare, "data-tone": shown.tone, "data-arrow": shown.arrow},
    )


def previous_badge(metric: Metric, figure: Figure, lang: str) -> html.Span | None:
    target = figure.target if figure.reference == "target" else None
    shown = trend(metric, figure.value, figure.previous, lang, target)
    return _badge(shown, t("vs_previous_year", lang), "previous") if shown else None


def target_badge(metric: Metric, figure: Figure, lang: str) -> html.Span | None:
    if figure.reference not in ("target", "budget"):
        return None
    shown = gap(metric, figure.value, figure.target, figure.status, lang)
    if shown is None:
        return None
    suffix = t("vs_budget" if figure.reference == "budget" else "vs_target", lang)
    return _badge(shown, suffix, "reference")


def badges(metric: Metric, figure: Figure, lang: str) -> list[html.Span]:
    """The reference badge first (it explains the chip), then the change vs N-1."""
    found = (target_badge(metric, figure, lang), previous_badge(metric, figure, lang))
    return [b for b in found if b is not None]
