"""The detail page's monthly chart: actual vs last year vs target or budget, as inline SVG
rendered on the server (no Plotly: a phone paints it at once).

Lines live in a nested SVG stretched to the width (strokes keep their width); month
labels, markers and the target's label sit in percent of the width, so text never
scales: on a phone every other month is labelled, short names, never overlapping.
Each point has a <title> (desktop hover); the y-range always takes in the target.
"""

from __future__ import annotations

import math
from html import escape

from cockpit.catalog.model import Metric
from cockpit.formatting import format_value, month_name, month_only
from cockpit.ui.components.raw_html import RawHtml
from cockpit.ui.figures import Point
from cockpit.ui.i18n import t

HEIGHT, TOP, BOTTOM, AXIS_WIDTH = 220, 14, 40, 64
_SERIES = (  # field, legend key, CSS class
    ("previous", "chart_previous", "s-previous"),
    ("budget", "chart_budget", "s-budget"),
    ("target", "chart_target", "s-target"),
    ("value", "chart_current", "s-current"),
)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering [low, high] (1, 2, 2.5 or 5 × a power of ten apart)."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(ticks[-1] + step)
    return ticks


def _values(points: list[Point], field: str) -> list[float | None]:
    return [getattr(p, field) for p in points]


def _x(i: int, n: int) -> float:
    return (i + 0.5) * 100 / n


def monthly_chart(metric: Metric, points: list[Point], lang: str) -> RawHtml:
    """The chart as one server-rendered block (figure with legend, y-axis and plot)."""
    series = [(f, k, c) for f, k, c in _SERIES if any(v is not None for v in _values(points, f))]
    known = [v for f, _, _ in series for v in _values(points, f) if v is not None]
    if not known:
        return RawHtml(html=escape(t("no_data", lang)), tag="p", attributes={"className": "muted"})
    ticks = nice_ticks(min(known), max(known))
    low, high = ticks[0], ticks[-1]
    plot_h = HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    def shown(v: float | None) -> str:
        return format_value(v, metric.format, metric.unit, lang)

    n = len(points)
    axis = "".join(
        f'<text class="y-tick" x="{AXIS_WIDTH - 6}" y="{y(v) + 4:.1f}">{escape(shown(v))}</text>'
        for v in ticks
    )
    grid = "".join(
        f'<line class="grid" x1="0" x2="100%" y1="{y(v):.1f}" y2="{y(v):.1f}"/>' for v in ticks
    )
    lines, marks = [], []
    for field, _, css in series:
        values = _values(points, field)
        coords = " ".join(
            f"{_x(i, n) * 12:.1f},{y(v):.1f}" for i, v in enumerate(values) if v is not None
        )
        lines.append(
            f'<polyline class="{css}" points="{coords}" vector-effect="non-scaling-stroke"/>'
        )
        if field == "value":
            for i, v in enumerate(values):
                if v is not None:
                    when = month_name(points[i].month, lang) + (" : " if lang == "fr" else ": ")
                    marks.append(
                        f'<circle class="{css}" cx="{_x(i, n):.2f}%" cy="{y(v):.1f}" r="4">'
                        f"<title>{escape(when + shown(v))}</title></circle>"
                    )
    labels = _reference_labels(points, series, y, shown, lang)
    months = "".join(_month_labels(points, lang))
    plot = (
        f'<svg class="chart-plot" width="100%" height="{HEIGHT}" aria-hidden="true">{grid}'
        f'<svg viewBox="0 0 1200 {HEIGHT}" preserveAspectRatio="none" width="100%" '
        f'height="{HEIGHT}">{"".join(lines)}</svg>{"".join(marks)}{labels}{months}</svg>'
    )
    y_axis = (
        f'<svg class="chart-axis" width="{AXIS_WIDTH}" height="{HEIGHT}" aria-hidden="true">'
        f"{axis}</svg>"
    )
    legend = "".join(
        f'<li><span class="swatch {css}"></span>{escape(t(key, lang))}</li>'
        for _, key, css in series
    )
    last = next((p for p in reversed(points) if p.value is not None), None)
    summary = t(
        "chart_summary",
        lang,
        first=month_name(points[0].month, lang),
        last=month_name(points[-1].month, lang),
        value=shown(last.value if last else None),
    )
    body = (
        f'<ul class="chart-legend">{legend}</ul>'
        f'<div class="chart-body" role="img" aria-label="{escape(summary)}">{y_axis}{plot}</div>'
    )
    return RawHtml(html=body, tag="figure", attributes={"className": "chart detail-chart"})


def _month_labels(points: list[Point], lang: str) -> list[str]:
    """Short month names; on narrow screens every other month (counting back from the last);
    the year under the first labelled month and wherever it changes."""
    n, found, shown_year = len(points), [], None
    for i, point in enumerate(points):
        sparse = (n - 1 - i) % 2 == 1
        x = f"{_x(i, n):.2f}%"
        text = escape(month_only(point.month, lang))
        label = (
            f'<text class="x-tick{" x-odd" if sparse else ""}" x="{x}" y="{HEIGHT - BOTTOM + 16}">'
        )
        if not sparse and point.month.year != shown_year:
            shown_year = point.month.year
            text += f'<tspan x="{x}" dy="14">{shown_year}</tspan>'
        found.append(label + text + "</text>")
    return found


def _reference_labels(points, series, y, shown, lang: str) -> str:
    """The target's and the budget's last value, named at the right end of their line."""
    found = []
    for field, key in (("target", "chart_target"), ("budget", "chart_budget")):
        if not any(f == field for f, _, _ in series):
            continue
        last = next(getattr(p, field) for p in reversed(points) if getattr(p, field) is not None)
        text = escape(f"{t(key, lang)} {shown(last)}")
        found.append(
            f'<text class="ref-label s-{field}" x="99%" y="{y(last) - 6:.1f}">{text}</text>'
        )
    return "".join(found)
