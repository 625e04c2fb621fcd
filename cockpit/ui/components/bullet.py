"""A hospital among its peers as a compact bullet chart, and its trend: inline SVG from the
server (no Plotly, no JavaScript).

The bullet chart lays out, on one axis: 80 % of peers (10th–90th percentile) as a light
band, the middle half (Q1–Q3) darker, the median as a tick, the best 20 % as a green
strip on the good side, and the hospital as a bold marker. Positions are percentages of
the width, so the chart is as sharp at 360 px as on a desktop; colours are CSS classes
(assets/cockpit.css), so it follows dark mode.
"""

from __future__ import annotations

from html import escape

from cockpit.national.figures import YearFigure
from cockpit.ui.components.raw_html import RawHtml

HEIGHT = 34
TREND_HEIGHT = 40


def _scale(low: float, high: float):
    span = (high - low) or abs(high) or 1.0
    low, high = low - span * 0.04, high + span * 0.04

    def x(value: float) -> float:
        return max(0.0, min(100.0, (value - low) / (high - low) * 100))

    return x


def bullet_svg(figure: YearFigure, direction: str, label: str) -> str:
    """The SVG markup of one bullet chart (empty when there is no peer distribution)."""
    stats = figure.peers
    if stats is None:
        return ""
    points = [stats.p10, stats.p90] + ([figure.value] if figure.value is not None else [])
    x = _scale(min(points), max(points))
    parts = [
        f'<rect class="b-range" x="{x(stats.p10):.2f}%" y="10" '
        f'width="{x(stats.p90) - x(stats.p10):.2f}%" height="14" rx="3"/>',
        f'<rect class="b-iqr" x="{x(stats.q1):.2f}%" y="10" '
        f'width="{max(x(stats.q3) - x(stats.q1), 0.5):.2f}%" height="14"/>',
        f'<line class="b-median" x1="{x(stats.median):.2f}%" x2="{x(stats.median):.2f}%" '
        'y1="6" y2="28"/>',
    ]
    if figure.best20_threshold is not None:
        edge = x(figure.best20_threshold)
        start, end = (edge, 100.0) if direction == "higher_is_better" else (0.0, edge)
        parts.insert(
            0,
            f'<rect class="b-best" x="{start:.2f}%" y="28" width="{end - start:.2f}%" '
            'height="4" rx="2"/>',
        )
    if figure.value is not None:
        mark = x(figure.value)
        parts.append(f'<line class="b-you" x1="{mark:.2f}%" x2="{mark:.2f}%" y1="3" y2="31"/>')
    return (
        f'<svg class="bullet-svg" width="100%" height="{HEIGHT}" role="img" '
        f'aria-label="{escape(label, quote=True)}">' + "".join(parts) + "</svg>"
    )


def bullet(figure: YearFigure, direction: str, label: str) -> RawHtml:
    return RawHtml(html=bullet_svg(figure, direction, label), attributes={"className": "bullet"})


def _runs(years: tuple[YearFigure, ...], picked) -> list[list[tuple[int, float]]]:
    """Stretches of consecutive years with a value: a missing year breaks the line."""
    runs: list[list[tuple[int, float]]] = []
    run: list[tuple[int, float]] = []
    for i, year in enumerate(years):
        value = picked(year)
        if run and (value is None or year.year - years[i - 1].year > 1):
            runs, run = [*runs, run], []
        if value is not None:
            run.append((i, value))
    return [*runs, run] if run else runs


def trend_svg(years: tuple[YearFigure, ...], label: str) -> str:
    """The hospital's value year by year (bold) over its peers' median (dashed) and middle
    half (band), the x axis following the calendar; empty with fewer than two years."""
    if len(years) < 2:
        return ""
    values = [v for y in years for v in (y.value, *(
        (y.peers.q1, y.peers.q3, y.peers.median) if y.peers else ()
    )) if v is not None]  # fmt: skip
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1.0
    first, last = years[0].year, years[-1].year

    def point(i: int, v: float) -> str:
        x = (years[i].year - first) / (last - first) * 100
        return f"{x:.2f},{4 + (1 - (v - low) / span) * 32:.2f}"

    def lines(css: str, picked) -> str:
        drawn = []
        for run in _runs(years, picked):
            points = [point(i, v) for i, v in run]
            if len(points) == 1:  # a lone year: a dot (a zero-length line with round caps)
                css, points = f"{css} dot", points * 2
            drawn.append(
                f'<polyline class="{css}" points="{" ".join(points)}" '
                'vector-effect="non-scaling-stroke"/>'
            )
        return "".join(drawn)

    bands = []
    for run in _runs(years, lambda y: y.peers.median if y.peers else None):
        if len(run) > 1:
            top = [point(i, years[i].peers.q3) for i, _ in run]
            bottom = [point(i, years[i].peers.q1) for i, _ in reversed(run)]
            bands.append(f'<polygon class="t-band" points="{" ".join(top + bottom)}"/>')
    median = lines("t-median", lambda y: y.peers.median if y.peers else None)
    mine = lines("t-you", lambda y: y.value)
    return (
        f'<svg class="trend-svg" viewBox="0 0 100 {TREND_HEIGHT}" preserveAspectRatio="none" '
        f'width="100%" height="{TREND_HEIGHT}" role="img" aria-label="{escape(label, quote=True)}">'
        + "".join(bands) + median + mine + "</svg>"
    )  # fmt: skip


def trend(years: tuple[YearFigure, ...], label: str) -> RawHtml:
    return RawHtml(html=trend_svg(years, label), attributes={"className": "trend"})
