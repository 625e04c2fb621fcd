"""Status chips and variation badges: text, arrow and colour (never colour alone).

A variation is green when it goes the metric's way (`direction`), red when it
goes against it, grey when the direction says nothing (target bands vs N-1).
"""

from __future__ import annotations

from dash import html

from cockpit.catalog.model import Metric
from cockpit.formatting import format_percent, format_points, format_value
from cockpit.ui.figures import Figure
from cockpit.ui.i18n import t


def status_chip(status: str | None, lang: str) -> html.Span:
    key = status if status in ("green", "amber", "red") else "none"
    return html.Span(t(f"status_{key}", lang), className=f"chip chip-{key}")


def tone(metric: Metric, delta: float | None, status: str | None = None) -> str:
    """good | bad | neutral for a variation of this metric."""
    if delta is None or delta == 0:
        return "neutral"
    if metric.direction == "higher_is_better":
        return "good" if delta > 0 else "bad"
    if metric.direction == "lower_is_better":
        return "good" if delta < 0 else "bad"
    if status is None:
        return "neutral"
    return "good" if status == "green" else "bad"


def variation_text(metric: Metric, value: float | None, reference: float | None, lang: str) -> str:
    """Points for rates; percent for positive quantities; an amount when signs can flip."""
    if value is None or reference is None:
        return "–"
    delta = value - reference
    if metric.unit == "pct":
        return format_points(delta, lang)
    if reference <= 0 or value < 0:
        return format_value(delta, metric.format, metric.unit, lang, signed=True)
    return format_percent(delta / reference, lang)


def _badge(text: str, kind: str, suffix: str, tone_: str) -> html.Span:
    # The arrow is drawn by CSS (.delta-up::before): fewer components for the renderer.
    return html.Span([html.B(text), " " + suffix], className=f"delta delta-{tone_} delta-{kind}")


def _kind(delta: float | None) -> str:
    if not delta:
        return "flat"
    return "up" if delta > 0 else "down"


def previous_badge(metric: Metric, figure: Figure, lang: str) -> html.Span | None:
    if figure.value is None or figure.previous is None:
        return None
    delta = figure.value - figure.previous
    return _badge(
        variation_text(metric, figure.value, figure.previous, lang),
        _kind(delta),
        t("vs_previous_year", lang),
        tone(metric, delta),
    )


def target_badge(metric: Metric, figure: Figure, lang: str) -> html.Span | None:
    if figure.target_delta is None:
        return None
    suffix = t("vs_budget" if figure.target_kind == "budget" else "vs_target", lang)
    return _badge(
        variation_text(metric, figure.value, figure.target, lang),
        _kind(figure.target_delta),
        suffix,
        tone(metric, figure.target_delta, figure.status),
    )
