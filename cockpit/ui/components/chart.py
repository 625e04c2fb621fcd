"""The detail page's monthly chart: actual vs last year vs target or budget, and for a flow
metric the months left to December projected (a dashed line over its lighter 80 % band, on a
shaded stretch, without the actuals' markers), as inline SVG rendered on the server (no
Plotly: a phone paints it at once).

Lines live in a nested SVG stretched to the width (strokes keep their width); month
labels, markers and the target's label sit in percent of the width, so text never
scales: on a phone every other month is labelled, short names, never overlapping.
Each point has a <title> (desktop hover); the y-range always takes in the target.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from cockpit.catalog.model import Metric
from cockpit.formatting import format_value, month_name, month_only
from cockpit.periods import parse_month
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


@dataclass(frozen=True)
class Projected:
    """A month left, projected: its value and its 80 % band (None when not known yet)."""

    month: date
    value: float | None
    low: float | None
    high: float | None

    @classmethod
    def from_json(cls, month: dict) -> Projected:
        """One of a landing's `months` ({period, value, low, high})."""
        return cls(parse_month(month["period"]), month["value"], month["low"], month["high"])


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


def monthly_chart(
    metric: Metric, actuals: list[Point], lang: str, projected: Sequence[Projected] = ()
) -> RawHtml:
    """The chart as one server-rendered block (figure with legend, y-axis and plot); the
    x-axis runs on to the last projected month."""
    points = [*actuals, *(Point(p.month, None, None, None) for p in projected)]
    series = [(f, k, c) for f, k, c in _SERIES if any(v is not None for v in _values(points, f))]
    known = [v for f, _, _ in series for v in _values(points, f) if v is not None]
    known += [v for p in projected for v in (p.value, p.low, p.high) if v is not None]
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
    zone, band, dashed = _projection(actuals, projected, n, y)
    labels = _reference_labels(points, series, y, shown, lang)
    months = "".join(_month_labels(points, lang))
    plot = (
        f'<svg class="chart-plot" width="100%" height="{HEIGHT}" aria-hidden="true">{grid}'
        f'<svg viewBox="0 0 1200 {HEIGHT}" preserveAspectRatio="none" width="100%" '
        f'height="{HEIGHT}">{zone}{band}{"".join(lines)}{dashed}</svg>'
        f"{''.join(marks)}{labels}{months}</svg>"
    )
    y_axis = (
        f'<svg class="chart-axis" width="{AXIS_WIDTH}" height="{HEIGHT}" aria-hidden="true">'
        f"{axis}</svg>"
    )
    keys = [(key, css) for _, key, css in series]
    if dashed:
        keys.append(("chart_projection", "s-projection"))
    if band:
        keys.append(("chart_band", "s-band"))
    legend = "".join(
        f'<li data-series="{css}"><span class="swatch {css}"></span>{escape(t(key, lang))}</li>'
        for key, css in keys
    )
    last = next((p for p in reversed(points) if p.value is not None), None)
    summary = t(
        "chart_summary",
        lang,
        first=month_name(points[0].month, lang),
        last=month_name(actuals[-1].month, lang),
        value=shown(last.value if last else None),
    )
    if projected and projected[-1].value is not None:
        end = projected[-1]
        summary += t("chart_projection_summary", lang, month=month_name(end.month, lang),
                     value=shown(end.value))  # fmt: skip
    body = (
        f'<ul class="chart-legend">{legend}</ul>'
        f'<div class="chart-body" role="img" aria-label="{escape(summary)}">{y_axis}{plot}</div>'
    )
    return RawHtml(html=body, tag="figure", attributes={"className": "chart detail-chart"})


def _projection(
    actuals: list[Point], projected: Sequence[Projected], n: int, y
) -> tuple[str, str, str]:
    """The shaded stretch of months ahead, the band and the dashed line, the last two
    starting from the last actual month so the projection visibly continues it; empty
    strings when nothing is projected."""
    if not projected or not actuals or actuals[-1].value is None:
        return "", "", ""
    start = len(actuals) - 1
    anchor = (_x(start, n) * 12, y(actuals[-1].value))
    steps = [(_x(start + 1 + i, n) * 12, p) for i, p in enumerate(projected) if p.value is not None]
    line = " ".join(f"{x:.1f},{y_:.1f}" for x, y_ in [anchor, *((x, y(p.value)) for x, p in steps)])
    zone_x = (_x(start, n) + _x(start + 1, n)) / 2 * 12
    zone = (
        f'<rect class="projection-zone" x="{zone_x:.1f}" y="0" width="{1200 - zone_x:.1f}" '
        f'height="{HEIGHT - BOTTOM}"/>'
    )
    band = ""
    banded = [(x, p) for x, p in steps if p.low is not None and p.high is not None]
    if banded:
        upper = [anchor, *((x, y(p.high)) for x, p in banded)]
        lower = [*((x, y(p.low)) for x, p in reversed(banded)), anchor]
        outline = " ".join(f"{x:.1f},{y_:.1f}" for x, y_ in upper + lower)
        band = f'<polygon class="s-band" points="{outline}"/>'
    dashed = f'<polyline class="s-projection" points="{line}" vector-effect="non-scaling-stroke"/>'
    return zone, band, dashed


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
